//! The iris model (MediaPipe iris_landmark): per-eye crops, pupil centres and eyelid contours.
//!
//! Input: a 64×64 RGB crop in [0, 1], NHWC, centred on the midpoint of the eye corners, side 2.3 × the
//! corner distance, turned like the face. The model knows the image-left eye; the other eye's crop is
//! mirrored and its x outputs mirrored back. Outputs: 71 × (x, y, z) eye contour and halo, then
//! 5 × (x, y, z) iris (centre first), in crop pixels.

use image::RgbImage;

use super::landmarks::Mesh;
use crate::geometry::{Affine, Point};
use crate::raster::crop_hwc;

pub(crate) const IRIS_SIZE: u32 = 64;
const CROP_SCALE: f32 = 2.3;

/// Contour indices: 0 outer corner, 1–7 lower lid, 8 inner corner, 9–15 upper lid, ordered so that
/// upper `9 + k` lies above lower `1 + k` (MediaPipe's eye-to-mesh index table).
pub(crate) const CORNERS: (usize, usize) = (0, 8);
pub(crate) const LID_PAIRS: [(usize, usize); 7] =
    [(9, 1), (10, 2), (11, 3), (12, 4), (13, 5), (14, 6), (15, 7)];

/// One eye as the iris model sees it, in image pixels.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Eye {
    pub(crate) pupil: Point,
    /// The 16 eyelid points (corners, lower lid, upper lid).
    pub(crate) lids: Vec<Point>,
}

impl Eye {
    pub(crate) fn lid(&self, i: usize) -> Point {
        self.lids.get(i).copied().unwrap_or_default()
    }

    /// Largest gap between the eyelids over the corner distance.
    pub(crate) fn openness(&self) -> f32 {
        let width = self.lid(CORNERS.0).distance(self.lid(CORNERS.1));
        if width <= 0.0 {
            return 0.0;
        }
        let gap = LID_PAIRS.iter().map(|&(u, l)| self.lid(u).distance(self.lid(l))).fold(0.0, f32::max);
        gap / width
    }
}

/// The crop of one eye; `corners` are the mesh's two corners of that eye.
pub(crate) fn crop_for(mesh: &Mesh, corners: (usize, usize), angle: f32) -> Affine {
    let (a, b) = (mesh.at(corners.0), mesh.at(corners.1));
    Affine::crop_to_image(a.mid(b), CROP_SCALE * a.distance(b).max(1.0), angle, IRIS_SIZE as f32)
}

pub(crate) fn input(img: &RgbImage, crop: &Affine, mirror: bool) -> Vec<f32> {
    crop_hwc(img, crop, IRIS_SIZE, mirror)
}

/// Maps contour and iris outputs back to image pixels. `None` when the outputs are too short.
pub(crate) fn decode(contour: &[f32], iris: &[f32], crop: &Affine, mirror: bool) -> Option<Eye> {
    if contour.len() < 71 * 3 || iris.len() < 5 * 3 {
        return None;
    }
    let size = IRIS_SIZE as f32;
    let to_image = |x: f32, y: f32| crop.apply(Point::new(if mirror { size - x } else { x }, y));
    let lids = contour.chunks_exact(3).take(16).map(|p| to_image(p[0], p[1])).collect();
    let pupil = to_image(*iris.first()?, *iris.get(1)?);
    Some(Eye { pupil, lids })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn openness_is_lid_gap_over_eye_width_and_mirroring_maps_back() {
        let crop = Affine::crop_to_image(Point::new(32.0, 32.0), 64.0, 0.0, 64.0);
        let mut contour = vec![0.0; 213];
        let mut set = |i: usize, x: f32, y: f32| {
            contour[3 * i] = x;
            contour[3 * i + 1] = y;
        };
        set(0, 12.0, 32.0);
        set(8, 52.0, 32.0);
        for k in 1..=7 {
            set(k, 12.0 + 5.0 * k as f32, 36.0);
            set(8 + k, 12.0 + 5.0 * k as f32, 26.0);
        }
        let iris = [30.0, 31.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
        let eye = decode(&contour, &iris, &crop, false).unwrap();
        assert!((eye.openness() - 10.0 / 40.0).abs() < 1e-6);
        assert_eq!(eye.pupil, Point::new(30.0, 31.0));
        let mirrored = decode(&contour, &iris, &crop, true).unwrap();
        assert_eq!(mirrored.pupil, Point::new(34.0, 31.0));
        assert!((mirrored.openness() - 0.25).abs() < 1e-6);
    }
}
