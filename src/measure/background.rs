//! Section 3, background and clothes, from the person mask.
//!
//! Background samples are pixels where the person probability is below 0.05 (a few mask cells away
//! from the person's edge), taken on a grid of about 40 000 points.
//! - `bg.color`: the mean colour of the background (averaged in linear light). The verdict compares
//!   it with the profile's reference colours by CIEDE2000.
//! - `bg.uniform` = the largest CIEDE2000 difference between the mean colours of the cells of a 4 × 4
//!   grid that hold enough background (gradients, shadows, objects), or the mean standard deviation of
//!   L* within those cells (texture, busy scenes), whichever is larger.
//! - `clothes.contrast` = CIEDE2000 between the mean colour of the clothes (person probability ≥ 0.8
//!   below the chin by 40 % of the chin-to-eyes distance) and the mean background colour.

use super::scene::Scene;
use super::{Ctx, Face, Measurement, Unmeasured};
use crate::color::{delta_e2000, from_linear, lab_from_linear, lightness_from_linear, linear, Lab};
use crate::face::landmarks::idx;
use crate::face::MainFace;
use crate::geometry::Point;

const BACKGROUND_BELOW: f32 = 0.05;
const CLOTHES_ABOVE: f32 = 0.8;
const GRID: usize = 4;
/// Fewest samples a grid cell needs to take part in `bg.uniform`.
const MIN_CELL_SAMPLES: usize = 40;

#[derive(Default, Clone)]
struct Acc {
    linear: [f64; 3],
    l: f64,
    l2: f64,
    n: usize,
}

impl Acc {
    fn add(&mut self, rgb: [u8; 3]) {
        let lin = linear(rgb);
        for (a, v) in self.linear.iter_mut().zip(lin) {
            *a += v;
        }
        let l = lightness_from_linear(lin);
        self.l += l;
        self.l2 += l * l;
        self.n += 1;
    }

    fn mean_linear(&self) -> [f64; 3] {
        let n = self.n.max(1) as f64;
        self.linear.map(|v| v / n)
    }

    fn lab(&self) -> Lab {
        lab_from_linear(self.mean_linear())
    }

    fn l_std(&self) -> f64 {
        let n = self.n.max(1) as f64;
        (self.l2 / n - (self.l / n).powi(2)).max(0.0).sqrt()
    }
}

/// The background: all samples, and per grid cell.
pub(crate) struct Background {
    all: Acc,
    cells: Vec<Acc>,
}

pub(crate) fn background(scene: &Scene<'_>) -> Option<Background> {
    let mask = scene.mask()?;
    let (w, h) = scene.img.dimensions();
    let step = ((f64::from(w) * f64::from(h) / 40_000.0).sqrt().max(1.0)) as u32;
    let mut all = Acc::default();
    let mut cells = vec![Acc::default(); GRID * GRID];
    for y in (0..h).step_by(step as usize) {
        for x in (0..w).step_by(step as usize) {
            let p = Point::new(x as f32 + 0.5, y as f32 + 0.5);
            if mask.at(p) >= BACKGROUND_BELOW {
                continue;
            }
            let rgb = scene.img.get_pixel(x, y).0;
            all.add(rgb);
            let cell = (y as usize * GRID / h as usize) * GRID + x as usize * GRID / w as usize;
            if let Some(c) = cells.get_mut(cell) {
                c.add(rgb);
            }
        }
    }
    (all.n >= MIN_CELL_SAMPLES).then_some(Background { all, cells })
}

pub(crate) fn color(ctx: &Ctx<'_>) -> Measurement {
    let bg = ctx.bg.as_ref();
    match bg {
        Some(bg) => Measurement::Color { rgb: mean_rgb(bg) },
        None => Measurement::Unmeasured(Unmeasured::NoBackground),
    }
}

pub(crate) fn uniform(ctx: &Ctx<'_>) -> Measurement {
    let bg = ctx.bg.as_ref();
    let Some(bg) = bg else { return Measurement::Unmeasured(Unmeasured::NoBackground) };
    let cells: Vec<&Acc> = bg.cells.iter().filter(|c| c.n >= MIN_CELL_SAMPLES).collect();
    let mut spread = 0.0f64;
    for (i, a) in cells.iter().enumerate() {
        for b in cells.iter().skip(i + 1) {
            spread = spread.max(delta_e2000(a.lab(), b.lab()));
        }
    }
    let texture = if cells.is_empty() {
        0.0
    } else {
        cells.iter().map(|c| c.l_std()).sum::<f64>() / cells.len() as f64
    };
    Measurement::Number(spread.max(texture))
}

pub(crate) fn clothes_contrast(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let (Some(bg), Some(pixels)) = (ctx.bg.as_ref(), clothes_pixels(&ctx.scene, face.main)) else {
        return Measurement::Unmeasured(Unmeasured::NoBackground);
    };
    if pixels.len() < MIN_CLOTHES_SAMPLES {
        return Measurement::Unmeasured(Unmeasured::NoClothes);
    }
    let mut clothes = Acc::default();
    for &rgb in &pixels {
        clothes.add(rgb);
    }
    Measurement::Number(delta_e2000(clothes.lab(), bg.all.lab()))
}

/// The clothes: samples (on the background's grid) where the person probability is at least 0.8,
/// below the chin by 40 % of the chin-to-eyes distance; `None` without a person mask. Fewer than
/// [`MIN_CLOTHES_SAMPLES`] means the clothes are not in the picture.
pub(super) fn clothes_pixels(scene: &Scene<'_>, face: &MainFace) -> Option<Vec<[u8; 3]>> {
    let mask = scene.mask()?;
    let chin = face.mesh.at(idx::CHIN);
    let eyes = face.mesh.at(idx::LEFT_EYE_CORNERS.0).mid(face.mesh.at(idx::RIGHT_EYE_CORNERS.1));
    let top = chin.y + 0.4 * chin.distance(eyes);
    let (w, h) = scene.img.dimensions();
    let step = ((f64::from(w) * f64::from(h) / 40_000.0).sqrt().max(1.0)) as u32;
    let mut pixels = Vec::new();
    for y in (top.max(0.0) as u32..h).step_by(step as usize) {
        for x in (0..w).step_by(step as usize) {
            if mask.at(Point::new(x as f32 + 0.5, y as f32 + 0.5)) >= CLOTHES_ABOVE {
                pixels.push(scene.img.get_pixel(x, y).0);
            }
        }
    }
    Some(pixels)
}

/// Fewest clothes samples that show the clothes.
pub(super) const MIN_CLOTHES_SAMPLES: usize = MIN_CELL_SAMPLES;

/// The mean background colour, sRGB 0–255.
pub(super) fn mean_rgb(bg: &Background) -> [f64; 3] {
    bg.all.mean_linear().map(from_linear)
}
