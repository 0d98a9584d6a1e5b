//! Section 3, what covers the eyes and brows: glare on glasses, tinted lenses, hair over the brows.
//! All in analysis pixels, relative to the face's own skin, so scale- and exposure-free.
//!
//! - `face.glasses_glare` = % of the lens area of the eyes that is glare: the lens area is an
//!   ellipse around each eye (semi-axes 0.9 and 0.6 × the eye's corner distance, along and across
//!   the eye line), less the eye opening (the iris model's eyelid contour, grown by 30 %, so the
//!   white of the eye is never counted). A glare pixel is either a specular spot, near-white and
//!   grey (luma ≥ the skin's 99th-percentile luma + 12 and ≥ 150; (max − min) / max of R, G, B ≤
//!   0.25), or a cool reflection veiling the lens (luma ≥ 0.7 × the skin's median, (max − min) / max
//!   ≤ 0.3, B − R at least 60 above the skin's median B − R: skin is never bluer than red). The
//!   larger of the two eyes. Without glasses the area is skin, whose highlights are warm and not
//!   brighter than the skin's own brightest 1 %; blue eye make-up and blue hats read as glare.
//! - `face.tinted_glasses` = how visible the eyes are: the 90th-percentile luma inside the eyelid
//!   contour in % of the skin's median luma; the more visible of the two eyes (so one shaded eye
//!   never counts). An open eye shows its white and scores near or above 100; dark lenses hide it.
//! - `face.hair_over_features` = % of the band just above the eyebrows (the mesh's brow tops raised
//!   by 0.15 … 0.5 × the eye's corner distance, across the eye line) that is hair-dark: CIE L* at
//!   least 20 below the median L* of the cheek patches (mesh 205, 425, radius 8 % of the face width,
//!   which hair rarely reaches). The larger of the two brows. Fair hair on fair skin is missed (it
//!   warns, never fails). Hair over the ears is not measured (the mesh has no ears): the report
//!   asks the person to check it.

use super::scene::{polygon, Scene};
use super::stats::{median, quantile, quantile_by};
use super::{Ctx, Face, Measurement, Unmeasured};
use crate::color::{lightness_from_linear, linear};
use crate::face::iris::CORNERS;
use crate::face::landmarks::idx;
use crate::face::{Eye, MainFace};
use crate::geometry::{circle, Point};
use crate::raster::luma;

/// Eyebrow tops, outer to inner (image-left brow) and inner to outer (image-right brow).
const LEFT_BROW_TOP: [usize; 5] = [70, 63, 105, 66, 107];
const RIGHT_BROW_TOP: [usize; 5] = [336, 296, 334, 293, 300];

const LENS_ALONG: f32 = 0.9;
const LENS_ACROSS: f32 = 0.6;
const OPENING_GROWTH: f32 = 1.3;
const GLARE_OVER_SKIN: f32 = 12.0;
const GLARE_MIN_LUMA: f32 = 150.0;
const GLARE_MAX_SATURATION: f32 = 0.25;
const REFLECTION_MIN_LUMA: f32 = 0.7;
const REFLECTION_MAX_SATURATION: f32 = 0.3;
const REFLECTION_BLUER: i32 = 60;
const SKIN_BRIGHT_PERCENTILE: f64 = 0.99;
const EYE_PERCENTILE: f64 = 0.9;
const BAND_FROM: f32 = 0.15;
const BAND_TO: f32 = 0.5;
const CHEEK_PATCH: f32 = 0.08;
const DARKER_THAN_SKIN: f64 = 20.0;
/// Fewer pixels than this in an eye's area say nothing about it.
const MIN_PIXELS: usize = 8;

/// The eye's corner distance and its unit vectors along the eye line (towards the image right) and
/// across it (down).
fn eye_frame(eye: &Eye) -> (f32, (f32, f32), (f32, f32)) {
    let (c0, c1) = (eye.lid(CORNERS.0), eye.lid(CORNERS.1));
    let width = c0.distance(c1).max(1.0);
    let sign = if c1.x >= c0.x { 1.0 } else { -1.0 };
    let along = (sign * (c1.x - c0.x) / width, sign * (c1.y - c0.y) / width);
    (width, along, (-along.1, along.0))
}

/// The eyelid contour as a polygon: outer corner, lower lid, inner corner, upper lid back.
fn opening(eye: &Eye) -> Vec<Point> {
    (0..=8).chain((9..=15).rev()).map(|i| eye.lid(i)).collect()
}

fn grown(points: &[Point], k: f32) -> Vec<Point> {
    let n = points.len().max(1) as f32;
    let (sx, sy) = points.iter().fold((0.0, 0.0), |(x, y), p| (x + p.x, y + p.y));
    let c = Point::new(sx / n, sy / n);
    points.iter().map(|p| Point::new(c.x + k * (p.x - c.x), c.y + k * (p.y - c.y))).collect()
}

/// The lens area around an eye: an ellipse on the eye line, 24 points.
fn lens(eye: &Eye) -> Vec<Point> {
    let (width, along, across) = eye_frame(eye);
    let c = eye.lid(CORNERS.0).mid(eye.lid(CORNERS.1));
    let (a, b) = (LENS_ALONG * width, LENS_ACROSS * width);
    circle(Point::new(0.0, 0.0), 1.0)
        .into_iter()
        .map(|u| {
            let (x, y) = (a * u.x, b * u.y);
            Point::new(c.x + x * along.0 + y * across.0, c.y + x * along.1 + y * across.1)
        })
        .collect()
}

/// What the skin says a glare pixel is: brighter than its brightest 1 %, or far bluer than it.
#[derive(Debug, Clone, Copy)]
struct GlareLevels {
    specular_luma: f32,
    reflection_luma: f32,
    reflection_blue: i32,
}

impl GlareLevels {
    fn of(skin: &[[u8; 3]]) -> Option<GlareLevels> {
        let mut lumas: Vec<f32> = skin.iter().map(|&p| luma(p)).collect();
        let bright = quantile(&mut lumas, SKIN_BRIGHT_PERCENTILE)?;
        let median = quantile(&mut lumas, 0.5)?;
        let mut blues: Vec<i32> = skin.iter().map(|&p| blue_over_red(p)).collect();
        let blue = quantile_by(&mut blues, 0.5, i32::cmp)?;
        Some(GlareLevels {
            specular_luma: (bright + GLARE_OVER_SKIN).max(GLARE_MIN_LUMA),
            reflection_luma: REFLECTION_MIN_LUMA * median,
            reflection_blue: blue + REFLECTION_BLUER,
        })
    }

    fn is_glare(&self, p: [u8; 3]) -> bool {
        let (hi, lo) = (p.iter().copied().max().unwrap_or(0), p.iter().copied().min().unwrap_or(0));
        let saturation = if hi == 0 { 0.0 } else { f32::from(hi - lo) / f32::from(hi) };
        let y = luma(p);
        (y >= self.specular_luma && saturation <= GLARE_MAX_SATURATION)
            || (y >= self.reflection_luma
                && saturation <= REFLECTION_MAX_SATURATION
                && blue_over_red(p) >= self.reflection_blue)
    }
}

fn blue_over_red(p: [u8; 3]) -> i32 {
    i32::from(p[2]) - i32::from(p[0])
}

fn eyes(face: &MainFace) -> impl Iterator<Item = &Eye> {
    [&face.left_eye, &face.right_eye].into_iter().flatten()
}

/// For each eye, the share (%) of its lens area that is glare.
fn glare_areas(scene: &Scene<'_>, face: &MainFace) -> Option<Vec<f64>> {
    let levels = GlareLevels::of(scene.skin(face))?;
    let shares = eyes(face)
        .filter_map(|eye| {
            let hole = grown(&opening(eye), OPENING_GROWTH);
            let pixels = scene.pixels_in(&lens(eye), &[&hole]);
            (pixels.len() >= MIN_PIXELS).then(|| {
                100.0 * pixels.iter().filter(|&&p| levels.is_glare(p)).count() as f64 / pixels.len() as f64
            })
        })
        .collect();
    Some(shares)
}

pub(crate) fn glasses_glare(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    match glare_areas(&ctx.scene, face.main) {
        Some(shares) if !shares.is_empty() => Measurement::Number(shares.into_iter().fold(0.0, f64::max)),
        _ => Measurement::Unmeasured(Unmeasured::NoFace),
    }
}

pub(crate) fn tinted_glasses(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let (scene, face) = (&ctx.scene, face.main);
    let mut skin: Vec<f32> = scene.skin(face).iter().map(|&p| luma(p)).collect();
    let Some(median) = quantile(&mut skin, 0.5).filter(|&m| m > 0.0) else {
        return Measurement::Unmeasured(Unmeasured::NoFace);
    };
    let visible = eyes(face)
        .filter_map(|eye| {
            let pixels = scene.pixels_in(&opening(eye), &[]);
            if pixels.len() < MIN_PIXELS {
                return None;
            }
            quantile(&mut pixels.into_iter().map(luma).collect::<Vec<_>>(), EYE_PERCENTILE)
        })
        .fold(None, |best: Option<f32>, v| Some(best.map_or(v, |b| b.max(v))));
    match visible {
        Some(v) => Measurement::Number(f64::from(100.0 * v / median)),
        None => Measurement::Unmeasured(Unmeasured::NoFace),
    }
}

/// CIE L* of a pixel.
fn lightness(p: [u8; 3]) -> f64 {
    lightness_from_linear(linear(p))
}

/// The band just above a brow: its top points, raised across the eye line.
fn brow_band(face: &MainFace, top: &[usize], eye: Option<&Eye>) -> Option<Vec<Point>> {
    let (width, _, across) = eye_frame(eye?);
    let tops = polygon(face, top);
    let raised =
        |h: f32| tops.iter().map(move |p| Point::new(p.x - h * width * across.0, p.y - h * width * across.1));
    Some(raised(BAND_FROM).chain(raised(BAND_TO).rev()).collect())
}

/// For each brow, the share (%) of the band above it that is hair-dark.
fn brow_cover(scene: &Scene<'_>, face: &MainFace) -> Option<Vec<f64>> {
    let (l, r) = (face.mesh.at(idx::CHEEKS.0), face.mesh.at(idx::CHEEKS.1));
    let radius = CHEEK_PATCH * l.distance(r);
    let mut cheeks = scene.pixels_in(&circle(face.mesh.at(idx::CHEEK_PATCHES.0), radius), &[]);
    cheeks.extend(scene.pixels_in(&circle(face.mesh.at(idx::CHEEK_PATCHES.1), radius), &[]));
    let mut cheek_l: Vec<f64> = cheeks.into_iter().map(lightness).collect();
    let hair_below = median(&mut cheek_l)? - DARKER_THAN_SKIN;
    Some(
        brow_tops(face)
            .into_iter()
            .filter_map(|(top, eye)| {
                let band = brow_band(face, top, eye)?;
                let pixels = scene.pixels_in(&band, &[]);
                (pixels.len() >= MIN_PIXELS).then(|| {
                    let covered = pixels.iter().filter(|&&p| lightness(p) <= hair_below).count();
                    100.0 * covered as f64 / pixels.len() as f64
                })
            })
            .collect(),
    )
}

/// The lens areas around the eyes, image-left first, in analysis pixels (for the overlay).
pub(crate) fn lens_areas(face: &MainFace) -> Vec<Vec<Point>> {
    eyes(face).map(lens).collect()
}

/// The bands above the eyebrows, image-left first, in analysis pixels (for the overlay).
pub(crate) fn brow_bands(face: &MainFace) -> Vec<Vec<Point>> {
    brow_tops(face).into_iter().filter_map(|(top, eye)| brow_band(face, top, eye)).collect()
}

fn brow_tops(face: &MainFace) -> [(&'static [usize], Option<&Eye>); 2] {
    [(&LEFT_BROW_TOP, face.left_eye.as_ref()), (&RIGHT_BROW_TOP, face.right_eye.as_ref())]
}

pub(crate) fn hair_over_features(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    match brow_cover(&ctx.scene, face.main) {
        Some(bands) if !bands.is_empty() => Measurement::Number(bands.into_iter().fold(0.0, f64::max)),
        _ => Measurement::Unmeasured(Unmeasured::NoFace),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glare_is_a_white_spot_or_a_cool_reflection_never_warm_skin() {
        let skin: Vec<[u8; 3]> = (0..100).map(|i| [180 + (i % 40) as u8, 140, 120]).collect();
        let levels = GlareLevels::of(&skin).unwrap();
        assert!(!levels.is_glare([219, 140, 120]), "the brightest skin");
        assert!(!levels.is_glare([225, 150, 125]), "a warm highlight within 12 of the skin's top 1 %");
        assert!(levels.is_glare([250, 250, 252]), "a specular spot");
        assert!(levels.is_glare([150, 170, 197]), "a grey-blue reflection on the lens");
        assert!(!levels.is_glare([60, 110, 200]), "a saturated blue (eye make-up, a blue iris)");
        assert!(!levels.is_glare([40, 45, 60]), "a dark frame");
    }
}
