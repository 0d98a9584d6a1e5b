//! Section 3, the picture as a whole: focus and colour, borders.
//!
//! - `image.sharp`: the variance of the 4-neighbour Laplacian of luma over a 128 × 128 resampling of
//!   the face (a square of side 1.2 × the face width at the face centre), so that the value does not
//!   depend on the photo's size; and the mean CIE chroma C* of the skin, to tell a black-and-white
//!   picture from a colour one.
//! - `image.no_edits`: the number of edges (0–4) with a solid border: an outer band of at least
//!   2 px (1 % of the side) that is flat (luma standard deviation < 4) and differs from the band just
//!   inside it by more than 24 in mean luma.
//! - `image.colour`: the mean CIE a*, b* and chroma C* of the skin pixels (per pixel, then averaged).
//!   A grey picture has C* near 0; OFIQ's natural skin colour is a* 5–25, b* 5–35.

use image::RgbImage;

use super::{Ctx, Face, Measurement, Unmeasured};
use crate::color::lab;
use crate::face::landmarks::idx;
use crate::geometry::{Affine, Point};
use crate::raster::{luma, sample};

const SHARP_SIZE: u32 = 128;

pub(crate) fn sharp(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let (scene, face) = (&ctx.scene, face.main);
    let (l, r) = (face.mesh.at(idx::CHEEKS.0), face.mesh.at(idx::CHEEKS.1));
    let width = l.distance(r);
    if width <= 1.0 {
        return Measurement::Unmeasured(Unmeasured::NoFace);
    }
    let angle = (r.y - l.y).atan2(r.x - l.x);
    let map = Affine::crop_to_image(l.mid(r), 1.2 * width, angle, SHARP_SIZE as f32);
    let n = SHARP_SIZE as usize;
    let mut y = vec![0.0f32; n * n];
    for (i, v) in y.iter_mut().enumerate() {
        let p = map.apply(Point::new((i % n) as f32 + 0.5, (i / n) as f32 + 0.5));
        *v = luma(sample(scene.img, p));
    }
    let mut sum = 0.0f64;
    let mut sum2 = 0.0f64;
    let mut count = 0.0f64;
    for row in 1..n - 1 {
        for col in 1..n - 1 {
            let at = |r: usize, c: usize| f64::from(y.get(r * n + c).copied().unwrap_or_default());
            let lap = at(row - 1, col) + at(row + 1, col) + at(row, col - 1) + at(row, col + 1)
                - 4.0 * at(row, col);
            sum += lap;
            sum2 += lap * lap;
            count += 1.0;
        }
    }
    let variance = sum2 / count - (sum / count).powi(2);
    let pixels = scene.skin(face);
    let chroma = if pixels.is_empty() {
        0.0
    } else {
        pixels.iter().step_by(4).map(|&p| lab(p).chroma()).sum::<f64>()
            / pixels.iter().step_by(4).count() as f64
    };
    Measurement::Sharp { laplacian_var: variance, chroma }
}

fn band_stats(img: &RgbImage, xs: std::ops::Range<u32>, ys: std::ops::Range<u32>) -> (f64, f64) {
    let (mut s, mut s2, mut n) = (0.0f64, 0.0f64, 0.0f64);
    for y in ys {
        for x in xs.clone() {
            let v = f64::from(luma(img.get_pixel(x, y).0));
            s += v;
            s2 += v * v;
            n += 1.0;
        }
    }
    let mean = s / n.max(1.0);
    (mean, (s2 / n.max(1.0) - mean * mean).max(0.0).sqrt())
}

pub(crate) fn borders(ctx: &Ctx<'_>) -> Measurement {
    let img = ctx.scene.img;
    let (w, h) = img.dimensions();
    if w < 20 || h < 20 {
        return Measurement::Unmeasured(Unmeasured::NotDecoded);
    }
    let bw = (w / 100).max(2);
    let bh = (h / 100).max(2);
    let edges = [
        (band_stats(img, 0..w, 0..bh), band_stats(img, 0..w, bh..2 * bh)),
        (band_stats(img, 0..w, h - bh..h), band_stats(img, 0..w, h - 2 * bh..h - bh)),
        (band_stats(img, 0..bw, 0..h), band_stats(img, bw..2 * bw, 0..h)),
        (band_stats(img, w - bw..w, 0..h), band_stats(img, w - 2 * bw..w - bw, 0..h)),
    ];
    let bordered = edges
        .iter()
        .filter(|((outer, flat), (inner, _))| *flat < 4.0 && (outer - inner).abs() > 24.0)
        .count();
    Measurement::Edits { bordered_edges: bordered as u8 }
}

pub(crate) fn colour(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let skin = ctx.scene.skin(face.main);
    if skin.is_empty() {
        return Measurement::Unmeasured(Unmeasured::NoFace);
    }
    let n = skin.len() as f64;
    let (a, b, chroma) = skin.iter().fold((0.0, 0.0, 0.0), |(a, b, c), &p| {
        let lab = lab(p);
        (a + lab.a / n, b + lab.b / n, c + lab.chroma() / n)
    });
    Measurement::Colour { a, b, chroma }
}
