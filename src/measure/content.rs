//! Sections 2 and 3 of the standard: what is in the picture. Each rule reads the one [`Analysis`]
//! made for the photo.

use super::background::{background, clothes_contrast, color, uniform};
use super::scene::Scene;
use super::{face, geometry, light, picture, Measurement, Unmeasured};
use crate::analysis::Analysis;
use crate::rule::RuleId;

pub(super) fn measure_all(
    not_decoded: bool,
    analysis: Option<&Analysis>,
    (ref_w, ref_h): (u32, u32),
) -> Vec<(RuleId, Measurement)> {
    let content = RuleId::ALL.iter().copied().filter(|r| !r.is_file_rule());
    let unmeasured = |why| content.clone().map(|r| (r, Measurement::Unmeasured(why))).collect();
    if not_decoded {
        return unmeasured(Unmeasured::NotDecoded);
    }
    let Some((analysis, faces)) = analysis.and_then(|a| a.faces.as_ref().map(|f| (a, f))) else {
        return unmeasured(Unmeasured::AnalysisUnavailable);
    };
    let img = analysis.work();
    let scene = Scene::new(img, faces, (ref_w, ref_h));
    let bg = background(&scene);
    let main = scene.main();
    content
        .map(|rule| {
            let m = match (rule, main) {
                (RuleId::GeomFaceCount, _) => geometry::face_count(&scene),
                (RuleId::BgColor, _) => color(bg.as_ref()),
                (RuleId::BgUniform, _) => uniform(bg.as_ref()),
                (RuleId::ImageNoEdits, _) => picture::borders(img),
                (_, None) => Measurement::Unmeasured(Unmeasured::NoFace),
                (RuleId::GeomHeadTop, Some(f)) => geometry::head_top(&scene, f),
                (RuleId::GeomEyeY, Some(f)) => geometry::eye_y(&scene, f),
                (RuleId::GeomFaceWidth, Some(f)) => geometry::face_width(&scene, f),
                (RuleId::GeomCenterX, Some(f)) => geometry::center_x(&scene, f),
                (RuleId::GeomPupilsLevel, Some(f)) => geometry::pupils_level(&scene, f),
                (RuleId::FaceEyesOpen, Some(f)) => face::eyes_open(f),
                (RuleId::FaceLipsClosed, Some(f)) => face::lips_closed(f),
                (RuleId::FacePose, Some(f)) => face::pose(f),
                (RuleId::LightFaceHighlight, Some(f)) => light::face_highlight(&scene, f),
                (RuleId::LightNoseHighlight, Some(f)) => light::nose_highlight(&scene, f),
                (RuleId::LightEven, Some(f)) => light::even(&scene, f),
                (RuleId::ClothesContrast, Some(f)) => clothes_contrast(&scene, f, bg.as_ref()),
                (RuleId::ImageSharp, Some(f)) => picture::sharp(&scene, f),
                (_, Some(_)) => Measurement::Unmeasured(Unmeasured::AnalysisUnavailable),
            };
            (rule, m)
        })
        .collect()
}
