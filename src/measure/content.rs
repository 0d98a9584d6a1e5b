//! Sections 2 and 3 of the standard: what is in the picture. Each rule reads the one [`Analysis`]
//! made for the photo, through a [`Ctx`] built once; the registry (`rule.rs`) names the function
//! that measures each rule.

use image::RgbImage;

use super::background::{background, Background};
use super::scene::Scene;
use super::{Measurement, Unmeasured};
use crate::analysis::Analysis;
use crate::face::{FaceGeometry, MainFace};
use crate::rule::RuleId;

/// What the picture measurements share.
pub(crate) struct Ctx<'a> {
    /// The analysed picture and what the models found on it.
    pub(crate) scene: Scene<'a>,
    /// The background samples, when enough background is visible.
    pub(crate) bg: Option<Background>,
    /// The main face, when there is one.
    pub(crate) face: Option<Face<'a>>,
    /// Profile pixels per full-size photo pixel, horizontally and vertically.
    pub(crate) to_reference: (f64, f64),
    /// The upright picture at full size, before the working copy's resize.
    pub(crate) full: &'a RgbImage,
}

/// The main face: its landmarks (analysis pixels) and its geometry (photo pixels).
pub(crate) struct Face<'a> {
    pub(crate) main: &'a MainFace,
    pub(crate) geometry: &'a FaceGeometry,
}

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
    let scene = Scene::new(analysis.work(), faces);
    let bg = background(&scene);
    let face = scene.main().zip(analysis.geometry.as_ref()).map(|(main, geometry)| Face { main, geometry });
    let (w, h) = (analysis.decoded.width_px(), analysis.decoded.height_px());
    let to_reference = (f64::from(ref_w) / f64::from(w.max(1)), f64::from(ref_h) / f64::from(h.max(1)));
    let ctx = Ctx { scene, bg, face, to_reference, full: &analysis.decoded.rgb };
    content.filter_map(|rule| Some((rule, rule.measure_content(&ctx)?))).collect()
}
