//! What the content measurements share: the analysed picture, what the models found on it and the
//! main face's skin.

use std::cell::OnceCell;

use image::RgbImage;

use crate::face::landmarks::idx;
use crate::face::{FaceAnalysis, MainFace, PersonMask};
use crate::geometry::{pixel_bounds, row_spans, Point};

pub(crate) struct Scene<'a> {
    pub(crate) img: &'a RgbImage,
    pub(crate) faces: &'a FaceAnalysis,
    /// The main face's skin pixels, found once.
    skin: OnceCell<Vec<[u8; 3]>>,
}

impl<'a> Scene<'a> {
    pub(crate) fn new(img: &'a RgbImage, faces: &'a FaceAnalysis) -> Scene<'a> {
        Scene { img, faces, skin: OnceCell::new() }
    }

    /// The skin of the main face: inside the face oval, outside the eyes and lips.
    pub(crate) fn skin(&self, face: &MainFace) -> &[[u8; 3]] {
        self.skin.get_or_init(|| {
            let oval = polygon(face, &idx::OVAL);
            let (le, re, lips) =
                (polygon(face, &idx::LEFT_EYE), polygon(face, &idx::RIGHT_EYE), polygon(face, &idx::LIPS));
            self.pixels_in(&oval, &[&le, &re, &lips])
        })
    }

    pub(crate) fn main(&self) -> Option<&'a MainFace> {
        self.faces.main.as_ref().filter(|m| !m.mesh.points.is_empty())
    }

    pub(crate) fn mask(&self) -> Option<&'a PersonMask> {
        self.faces.mask.as_ref()
    }

    /// The colour of every pixel whose centre is inside `polygon` and outside each of `holes`.
    pub(crate) fn pixels_in(&self, polygon: &[Point], holes: &[&[Point]]) -> Vec<[u8; 3]> {
        let (w, h) = self.img.dimensions();
        let (_, y0, _, y1) = pixel_bounds(polygon, w, h);
        let mut out = Vec::new();
        let (mut spans, mut hole_spans, mut row_holes) = (Vec::new(), Vec::new(), Vec::new());
        for y in y0..y1 {
            row_spans(polygon, y, w, &mut spans);
            row_holes.clear();
            for hole in holes {
                row_spans(hole, y, w, &mut hole_spans);
                row_holes.extend_from_slice(&hole_spans);
            }
            for &(x0, x1) in &spans {
                for x in x0..x1 {
                    if !row_holes.iter().any(|&(a, b)| (a..b).contains(&x)) {
                        out.push(self.img.get_pixel(x, y).0);
                    }
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
