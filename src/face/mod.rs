//! Face and scene analysis with the four models: detection, face mesh, iris, person segmentation.
//! Pre- and post-processing are pure functions in the sibling modules; `engine` runs the models
//! with tract, `tract_ops` replaces tract operators that are slow on them (`no_engine` stands in for
//! both in a build without the `inference` feature).

mod detect;
#[cfg(feature = "inference")]
mod engine;
#[cfg(not(feature = "inference"))]
#[path = "no_engine.rs"]
mod engine;
pub(crate) mod geometry;
pub(crate) mod iris;
pub(crate) mod landmarks;
mod model_files;
mod segment;
#[cfg(feature = "inference")]
mod tract_ops;

use image::RgbImage;

pub use engine::Models;
pub use model_files::{ModelBytes, MODEL_FILES, MODEL_MANIFEST};
pub use segment::PersonMask;

pub(crate) use geometry::FaceGeometry;
pub(crate) use iris::Eye;
pub(crate) use landmarks::Mesh;

use crate::error::Result;
use crate::geometry::{Point, Rect};
use crate::stage::{within, Observer, Stage};

/// A detected face: box, five points and score, in analysis-image pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct FaceBox {
    /// Detector confidence, 0–1.
    pub(crate) score: f32,
    /// The face box.
    pub(crate) rect: Rect,
    /// Image-left eye, image-right eye, nose tip, image-left and image-right mouth corners.
    pub(crate) points: [Point; 5],
}

/// The main face, measured in detail.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MainFace {
    pub(crate) mesh: Mesh,
    pub(crate) left_eye: Option<Eye>,
    pub(crate) right_eye: Option<Eye>,
}

/// Everything the models say about one photo.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FaceAnalysis {
    /// Every face found, largest first.
    pub(crate) faces: Vec<FaceBox>,
    /// The largest face in detail, when there is one.
    pub(crate) main: Option<MainFace>,
    /// Where the person is.
    pub(crate) mask: Option<PersonMask>,
}

/// Runs the models on an upright RGB image, marking each model run (inference only) to `observe`.
pub(crate) fn analyze(img: &RgbImage, models: &Models, observe: &mut Observer<'_>) -> Result<FaceAnalysis> {
    let prepared = detect::prepare(img);
    let outputs = within(observe, Stage::Detect, |_| models.detect(prepared.nchw_bgr))?;
    let heads: Vec<detect::Head<'_>> = outputs
        .iter()
        .zip(detect::STRIDES)
        .map(|([cls, obj, bbox, kps], stride)| detect::Head { stride, cls, obj, bbox, kps })
        .collect();
    let mut faces: Vec<FaceBox> = detect::decode(&heads, prepared.scale)
        .into_iter()
        .map(|d| FaceBox { score: d.score, rect: d.rect, points: d.points })
        .collect();
    faces.sort_by(|a, b| b.rect.area().total_cmp(&a.rect.area()));

    let main = match faces.first() {
        Some(face) => Some(main_face(img, models, face, observe)?),
        None => None,
    };
    let (w, h) = img.dimensions();
    let input = segment::input(img);
    let mask = PersonMask::new(within(observe, Stage::Segment, |_| models.segment(input))?, w, h);
    Ok(FaceAnalysis { faces, main, mask })
}

fn main_face(
    img: &RgbImage,
    models: &Models,
    face: &FaceBox,
    observe: &mut Observer<'_>,
) -> Result<MainFace> {
    let detection = detect::Detection { score: face.score, rect: face.rect, points: face.points };
    let crop = landmarks::crop_for(&detection);
    let input = landmarks::input(img, &crop);
    let (raw, presence) = within(observe, Stage::Mesh, |_| models.mesh(input))?;
    let first = landmarks::decode(&raw, presence, &crop);
    // A second pass on a crop taken from the first mesh centres and levels the face better.
    let mesh = match first {
        Some(first) => {
            let refined = landmarks::crop_from_mesh(&first);
            let input = landmarks::input(img, &refined);
            let (raw, presence) = within(observe, Stage::Mesh, |_| models.mesh(input))?;
            landmarks::decode(&raw, presence, &refined).unwrap_or(first)
        }
        None => return Ok(MainFace { mesh: Mesh::empty(), left_eye: None, right_eye: None }),
    };
    let (l, r) = (mesh.at(landmarks::idx::LEFT_EYE_CORNERS.0), mesh.at(landmarks::idx::RIGHT_EYE_CORNERS.1));
    let angle = (r.y - l.y).atan2(r.x - l.x);
    let mut eye = |corners: (usize, usize), mirror: bool| -> Result<Option<Eye>> {
        let crop = iris::crop_for(&mesh, corners, angle);
        let input = iris::input(img, &crop, mirror);
        let (contour, pupil) = within(observe, Stage::Iris, |_| models.iris(input))?;
        Ok(iris::decode(&contour, &pupil, &crop, mirror))
    };
    let left_eye = eye(landmarks::idx::LEFT_EYE_CORNERS, false)?;
    let right_eye = eye(landmarks::idx::RIGHT_EYE_CORNERS, true)?;
    Ok(MainFace { mesh, left_eye, right_eye })
}
