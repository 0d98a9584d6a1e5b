//! The 468-point face mesh (MediaPipe face_landmark): crop preparation and landmark decoding.
//!
//! Input: a 192×192 RGB crop in [0, 1], NHWC, square, centred on the detected face box, side 1.5 ×
//! the box's longer side, turned so the detector's eye line is horizontal. Output: 468 × (x, y, z) in
//! crop pixels (z is relative depth at the same scale) and a face-presence logit.

use image::RgbImage;

use super::detect::Detection;
use crate::geometry::{Affine, Point};
use crate::raster::crop_hwc;

pub(crate) const MESH_SIZE: u32 = 192;
const CROP_SCALE: f32 = 1.5;

/// Mesh indices used by the measurements (MediaPipe canonical face model).
pub(crate) mod idx {
    /// Image-left eye: outer and inner corner (the subject's right eye).
    pub(crate) const LEFT_EYE_CORNERS: (usize, usize) = (33, 133);
    /// Image-right eye: inner and outer corner.
    pub(crate) const RIGHT_EYE_CORNERS: (usize, usize) = (362, 263);
    /// Top of the forehead and the chin.
    pub(crate) const FOREHEAD: usize = 10;
    pub(crate) const CHIN: usize = 152;
    /// Cheek extremes of the face oval, image-left and image-right.
    pub(crate) const CHEEKS: (usize, usize) = (234, 454);
    /// Left/right symmetric pairs (image-left first): eye corners, mouth corners, cheeks, jaw.
    pub(crate) const SYMMETRIC_PAIRS: [(usize, usize); 8] =
        [(33, 263), (133, 362), (61, 291), (234, 454), (93, 323), (132, 361), (58, 288), (127, 356)];
    /// Inner-lip pairs (upper, lower) across the mouth opening.
    pub(crate) const INNER_LIPS: [(usize, usize); 5] =
        [(82, 87), (81, 178), (13, 14), (311, 402), (312, 317)];
    /// Face oval, in order around the face.
    pub(crate) const OVAL: [usize; 36] = [
        10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377, 152, 148,
        176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
    ];
    /// Outline of the nose: bridge, alae and tip.
    pub(crate) const NOSE: [usize; 12] = [168, 193, 245, 188, 174, 209, 98, 2, 327, 429, 399, 412];
    /// Centres of the left and right cheek patches (below the eyes, beside the nose).
    pub(crate) const CHEEK_PATCHES: (usize, usize) = (205, 425);
    /// The eyes, to leave out of skin measurements: image-left then image-right outline.
    pub(crate) const LEFT_EYE: [usize; 16] =
        [33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246];
    pub(crate) const RIGHT_EYE: [usize; 16] =
        [362, 382, 381, 380, 374, 373, 390, 249, 263, 466, 388, 387, 386, 385, 384, 398];
    /// Outer lips, to leave out of skin measurements.
    pub(crate) const LIPS: [usize; 20] =
        [61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37, 39, 40, 185];
}

/// The crop for the mesh: square around the face box, turned to level the detector's eyes.
pub(crate) fn crop_for(detection: &Detection) -> Affine {
    let [left_eye, right_eye, ..] = detection.points;
    let angle = (right_eye.y - left_eye.y).atan2(right_eye.x - left_eye.x);
    let side = CROP_SCALE * detection.rect.width.max(detection.rect.height);
    Affine::crop_to_image(detection.rect.center(), side, angle, MESH_SIZE as f32)
}

/// The crop for a second pass, from a first mesh: the box around all points, 1.5 × its longer side,
/// turned so the eye corners are level (as MediaPipe tracks a face from frame to frame).
pub(crate) fn crop_from_mesh(mesh: &Mesh) -> Affine {
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    for p in &mesh.points {
        x0 = x0.min(p.x);
        y0 = y0.min(p.y);
        x1 = x1.max(p.x);
        y1 = y1.max(p.y);
    }
    let (l, r) = (mesh.at(idx::LEFT_EYE_CORNERS.0), mesh.at(idx::RIGHT_EYE_CORNERS.1));
    let angle = (r.y - l.y).atan2(r.x - l.x);
    let centre = Point::new((x0 + x1) / 2.0, (y0 + y1) / 2.0);
    Affine::crop_to_image(centre, CROP_SCALE * (x1 - x0).max(y1 - y0).max(1.0), angle, MESH_SIZE as f32)
}

pub(crate) fn input(img: &RgbImage, crop: &Affine) -> Vec<f32> {
    crop_hwc(img, crop, MESH_SIZE, false)
}

/// A decoded mesh in image pixels, with the depth of each point in image pixels too.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mesh {
    pub(crate) points: Vec<Point>,
    pub(crate) z: Vec<f32>,
    /// Probability that the crop holds a face.
    pub(crate) presence: f32,
}

impl Mesh {
    pub(crate) fn empty() -> Mesh {
        Mesh { points: Vec::new(), z: Vec::new(), presence: 0.0 }
    }

    pub(crate) fn at(&self, i: usize) -> Point {
        self.points.get(i).copied().unwrap_or_default()
    }

    pub(crate) fn z_at(&self, i: usize) -> f32 {
        self.z.get(i).copied().unwrap_or_default()
    }
}

/// Maps the model's 1404 values back through the crop. `None` when the output is too short.
pub(crate) fn decode(raw: &[f32], presence_logit: f32, crop: &Affine) -> Option<Mesh> {
    if raw.len() < 468 * 3 {
        return None;
    }
    let scale = crop.apply(Point::new(1.0, 0.0)).distance(crop.apply(Point::new(0.0, 0.0)));
    let mut points = Vec::new();
    let mut z = Vec::new();
    points.try_reserve_exact(468).ok()?;
    z.try_reserve_exact(468).ok()?;
    for p in raw.chunks_exact(3).take(468) {
        if let [x, y, d] = p {
            points.push(crop.apply(Point::new(*x, *y)));
            z.push(d * scale);
        }
    }
    Some(Mesh { points, z, presence: 1.0 / (1.0 + (-presence_logit).exp()) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::Rect;

    #[test]
    fn crop_is_levelled_by_the_eyes_and_decodes_back() {
        let detection = Detection {
            score: 0.9,
            rect: Rect { x: 100.0, y: 100.0, width: 100.0, height: 120.0 },
            points: [
                Point::new(120.0, 140.0),
                Point::new(180.0, 140.0),
                Point::default(),
                Point::default(),
                Point::default(),
            ],
        };
        let crop = crop_for(&detection);
        let centre = crop.apply(Point::new(96.0, 96.0));
        assert!((centre.x - 150.0).abs() < 1e-4 && (centre.y - 160.0).abs() < 1e-4);
        let mut raw = vec![0.0; 1404];
        raw[0] = 96.0;
        raw[1] = 96.0;
        raw[2] = 10.0;
        let mesh = decode(&raw, 5.0, &crop).unwrap();
        assert!((mesh.at(0).x - 150.0).abs() < 1e-4);
        assert!((mesh.z_at(0) - 10.0 * 180.0 / 192.0).abs() < 1e-3);
        assert!(mesh.presence > 0.99);
        assert!(decode(&raw[..100], 0.0, &crop).is_none());
    }
}
