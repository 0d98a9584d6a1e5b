//! Person segmentation (MediaPipe selfie segmentation): the whole photo squashed to 256×256, RGB in
//! [0, 1], NHWC; output 256×256 person probabilities. The mask is kept at model resolution and read by
//! bilinear sampling at image coordinates.

use image::RgbImage;

use crate::geometry::Point;
use crate::raster::resize_area;

pub(crate) const SEGMENT_SIZE: u32 = 256;

pub(crate) fn input(img: &RgbImage) -> Vec<f32> {
    resize_area(img, SEGMENT_SIZE, SEGMENT_SIZE)
        .into_raw()
        .into_iter()
        .map(|v| f32::from(v) / 255.0)
        .collect()
}

/// A soft person mask over an image of `width × height` pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonMask {
    probabilities: Vec<f32>,
    width: f32,
    height: f32,
}

impl PersonMask {
    /// `None` when the model output is not 256×256.
    pub(crate) fn new(probabilities: Vec<f32>, width: u32, height: u32) -> Option<PersonMask> {
        (probabilities.len() == (SEGMENT_SIZE * SEGMENT_SIZE) as usize).then_some(PersonMask {
            probabilities,
            width: width as f32,
            height: height as f32,
        })
    }

    /// Person probability at an image point, interpolated between mask cells; 0 outside the image.
    pub fn at(&self, p: Point) -> f32 {
        if !(p.x >= 0.0 && p.y >= 0.0 && p.x <= self.width && p.y <= self.height) {
            return 0.0;
        }
        let n = SEGMENT_SIZE as f32;
        let x = (p.x / self.width * n - 0.5).clamp(0.0, n - 1.0);
        let y = (p.y / self.height * n - 0.5).clamp(0.0, n - 1.0);
        let (x0, y0) = (x.floor() as usize, y.floor() as usize);
        let (x1, y1) = ((x0 + 1).min(SEGMENT_SIZE as usize - 1), (y0 + 1).min(SEGMENT_SIZE as usize - 1));
        let (tx, ty) = (x - x0 as f32, y - y0 as f32);
        let v = |xx: usize, yy: usize| {
            self.probabilities.get(yy * SEGMENT_SIZE as usize + xx).copied().unwrap_or(0.0)
        };
        let top = v(x0, y0) * (1.0 - tx) + v(x1, y0) * tx;
        let bottom = v(x0, y1) * (1.0 - tx) + v(x1, y1) * tx;
        top * (1.0 - ty) + bottom * ty
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_is_sampled_in_image_coordinates() {
        let n = SEGMENT_SIZE as usize;
        let probabilities: Vec<f32> = (0..n * n).map(|i| if i % n < n / 2 { 1.0 } else { 0.0 }).collect();
        let mask = PersonMask::new(probabilities, 1000, 500).unwrap();
        assert_eq!(mask.at(Point::new(100.0, 250.0)), 1.0);
        assert_eq!(mask.at(Point::new(900.0, 250.0)), 0.0);
        assert!((mask.at(Point::new(500.0, 250.0)) - 0.5).abs() < 0.05);
        assert_eq!(mask.at(Point::new(-1.0, 0.0)), 0.0);
        assert!(PersonMask::new(vec![0.0; 10], 1, 1).is_none());
    }
}
