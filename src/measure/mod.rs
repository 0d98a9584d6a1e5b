//! Stage 4: measurements, plain facts and numbers from the inspected file and the analysed photo.
//! They know nothing of thresholds; [`crate::verdict`] compares them with a profile.

mod background;
mod content;
mod face;
mod file;
pub(crate) mod geometry;
mod light;
mod picture;
mod scene;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::inspect::Inspection;
use crate::jpeg::JpegColor;
use crate::rule::RuleId;
use crate::sniff::Format;

/// Why a rule could not be measured. The string forms are stable reason codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unmeasured {
    /// Face and scene analysis is not available in this build.
    AnalysisUnavailable,
    /// The file could not be decoded, so nothing in the picture can be measured.
    NotDecoded,
    /// The file is not a JPEG, so JPEG properties do not exist.
    NotJpeg,
    /// No file name was given.
    NoFileName,
    /// No face was found, so nothing about the face can be measured.
    NoFace,
    /// The person mask does not cover the face (the segmentation did not find the person).
    NoPerson,
    /// Too little background is visible to judge it.
    NoBackground,
    /// The clothes are not in the picture.
    NoClothes,
}

/// One measurement.
#[derive(Debug, Clone, PartialEq)]
pub enum Measurement {
    /// A number in the rule's unit.
    Number(f64),
    /// `file.format`: the real format, whether it decodes, and the file name's extension.
    Format {
        /// Format from the signature.
        format: Format,
        /// Why decoding failed, when it did.
        decode_error: Option<String>,
        /// The extension of the given file name, without the dot.
        extension: Option<String>,
    },
    /// `file.size_px`: stored width and height.
    SizePx {
        /// Width.
        width: u32,
        /// Height.
        height: u32,
    },
    /// `file.bit_depth`: components and bits per component.
    BitDepth {
        /// 1, 3 or 4.
        components: u8,
        /// Bits per sample.
        precision_bits: u8,
    },
    /// `file.color_space`: colour model and the embedded ICC profile's colour space, if any.
    ColorSpace {
        /// Colour model.
        color: JpegColor,
        /// `Some("RGB")` etc. when an ICC profile is embedded.
        icc: Option<String>,
    },
    /// `file.dpi`: each place the file records a resolution, in dots per inch.
    Dpi(Vec<(&'static str, f64)>),
    /// `file.name`: the file name as given.
    Name(String),
    /// `geom.face_count`: faces of similar size to the main one (the main one included), and smaller
    /// faces further back.
    FaceCount {
        /// Faces at least half as wide as the largest.
        faces: u32,
        /// Smaller faces.
        background_faces: u32,
    },
    /// `face.pose`: head roll and yaw in degrees.
    Pose {
        /// Roll: the eye line's angle to the horizontal.
        roll_deg: f64,
        /// Yaw: the head turned left or right.
        yaw_deg: f64,
    },
    /// `bg.color`: the mean background colour, sRGB 0–255.
    Color {
        /// Red, green, blue.
        rgb: [f64; 3],
    },
    /// `image.sharp`: Laplacian variance of the face and its colourfulness.
    Sharp {
        /// Variance of the Laplacian of the face's luma at 128 × 128.
        laplacian_var: f64,
        /// Mean CIE chroma of the skin.
        chroma: f64,
    },
    /// `image.no_edits`: edges that carry a solid border.
    Edits {
        /// 0–4.
        bordered_edges: u8,
    },
    /// Not measured, and why.
    Unmeasured(Unmeasured),
}

/// Every measurement of one photo, by rule.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Measurements {
    by_rule: BTreeMap<RuleId, Measurement>,
}

impl Measurements {
    /// The measurement for a rule.
    pub fn get(&self, rule: RuleId) -> Option<&Measurement> {
        self.by_rule.get(&rule)
    }
}

/// Measures every rule. `decode_error` says why pixels are missing when they are; `analysis` is the
/// picture with its face and scene analysis; pixel measurements are given at `reference_px` (the
/// profile's width and height), as if the picture were scaled to it.
pub fn measure(
    inspection: &Inspection,
    decode_error: Option<&str>,
    analysis: Option<&Analysis>,
    file_name: Option<&str>,
    reference_px: (u32, u32),
) -> Measurements {
    let mut by_rule = BTreeMap::new();
    for &rule in RuleId::ALL {
        if rule.is_file_rule() {
            by_rule.insert(rule, file::measure(rule, inspection, decode_error, file_name));
        }
    }
    by_rule.extend(content::measure_all(decode_error.is_some(), analysis, reference_px));
    Measurements { by_rule }
}

/// The overlay of an analysis: where the face, pupils, cheeks, head top and chin are, in pixels of
/// the full-size upright photo, and the scale to the profile's `reference_px`.
pub fn overlay(analysis: &Analysis, reference_px: (u32, u32)) -> Option<crate::report::Overlay> {
    let faces = analysis.faces.as_ref()?;
    let k = f64::from(analysis.work_scale);
    let (w, h) = (analysis.decoded.width_px(), analysis.decoded.height_px());
    let r1 = |v: f32| (f64::from(v) * k * 10.0).round() / 10.0;
    let pt = |p: crate::geometry::Point| [r1(p.x), r1(p.y)];
    let scene = scene::Scene::new(analysis.work(), faces, reference_px);
    let main = scene.main();
    let cheeks = main.map(geometry::cheeks);
    Some(crate::report::Overlay {
        width_px: w,
        height_px: h,
        scale: [
            f64::from(w) / f64::from(reference_px.0.max(1)),
            f64::from(h) / f64::from(reference_px.1.max(1)),
        ],
        faces: faces
            .faces
            .iter()
            .map(|f| [r1(f.rect.x), r1(f.rect.y), r1(f.rect.width), r1(f.rect.height)])
            .collect(),
        pupils: main.map(|m| {
            let (l, r) = geometry::pupils(m);
            [pt(l), pt(r)]
        }),
        cheeks: cheeks.map(|(l, r)| [pt(l), pt(r)]),
        face_oval: main
            .map(|m| crate::face::landmarks::idx::OVAL.iter().map(|&i| pt(m.mesh.at(i))).collect())
            .unwrap_or_default(),
        face_center_x: cheeks.map(|(l, r)| r1((l.x + r.x) / 2.0)),
        head_top_y: main.and_then(|m| geometry::head_top_y(&scene, m).ok()).map(r1),
        chin_y: main.map(|m| r1(m.mesh.at(crate::face::landmarks::idx::CHIN).y)),
    })
}

/// Where the main face is, in pixels of the full-size upright photo: what autocrop places.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Placement {
    /// The head top, hair included.
    pub(crate) head_top_y: f32,
    /// Image-left and image-right pupil centres.
    pub(crate) pupils: (crate::geometry::Point, crate::geometry::Point),
    /// Image-left and image-right cheek extremes.
    pub(crate) cheeks: (crate::geometry::Point, crate::geometry::Point),
    /// The chin's lowest point.
    pub(crate) chin_y: f32,
}

/// The main face's placement, or why it cannot be found.
pub(crate) fn placement(analysis: &Analysis) -> Result<Placement, Unmeasured> {
    let faces = analysis.faces.as_ref().ok_or(Unmeasured::AnalysisUnavailable)?;
    let work = analysis.work();
    let scene = scene::Scene::new(work, faces, work.dimensions());
    let main = scene.main().ok_or(Unmeasured::NoFace)?;
    let k = analysis.work_scale;
    let full = |p: crate::geometry::Point| crate::geometry::Point::new(p.x * k, p.y * k);
    let (pl, pr) = geometry::pupils(main);
    let (cl, cr) = geometry::cheeks(main);
    Ok(Placement {
        head_top_y: geometry::head_top_y(&scene, main)? * k,
        pupils: (full(pl), full(pr)),
        cheeks: (full(cl), full(cr)),
        chin_y: main.mesh.at(crate::face::landmarks::idx::CHIN).y * k,
    })
}
