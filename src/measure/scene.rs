//! What the content measurements share: the analysed picture, the main face and the scale from
//! analysis pixels to the profile's reference size.

use image::RgbImage;

use crate::face::{FaceAnalysis, MainFace, PersonMask};
use crate::geometry::{inside, pixel_bounds, Point};

pub(crate) struct Scene<'a> {
    pub(crate) img: &'a RgbImage,
    pub(crate) faces: &'a FaceAnalysis,
    /// Profile pixels per analysis pixel, horizontally and vertically.
    pub(crate) sx: f64,
    pub(crate) sy: f64,
}

impl<'a> Scene<'a> {
    pub(crate) fn main(&self) -> Option<&'a MainFace> {
        self.faces.main.as_ref().filter(|m| !m.mesh.points.is_empty())
    }

    pub(crate) fn mask(&self) -> Option<&'a PersonMask> {
        self.faces.mask.as_ref()
    }

    /// A length in analysis pixels along the direction (dx, dy), in profile pixels.
    pub(crate) fn scaled(&self, dx: f32, dy: f32) -> f64 {
        (f64::from(dx) * self.sx).hypot(f64::from(dy) * self.sy)
    }

    /// Every pixel inside `polygon` and outside each of `holes`, as (x, y, rgb), every `step` pixels.
    pub(crate) fn pixels_in(&self, polygon: &[Point], holes: &[&[Point]], step: u32) -> Vec<[u8; 3]> {
        let (w, h) = self.img.dimensions();
        let (x0, y0, x1, y1) = pixel_bounds(polygon, w, h);
        let mut out = Vec::new();
        for y in (y0..y1).step_by(step.max(1) as usize) {
            for x in (x0..x1).step_by(step.max(1) as usize) {
                let p = Point::new(x as f32 + 0.5, y as f32 + 0.5);
                if inside(polygon, p) && !holes.iter().any(|hole| inside(hole, p)) {
                    out.push(self.img.get_pixel(x, y).0);
                }
            }
        }
        out
    }
}

/// Mesh points by index.
pub(crate) fn polygon(face: &MainFace, indices: &[usize]) -> Vec<Point> {
    indices.iter().map(|&i| face.mesh.at(i)).collect()
}
