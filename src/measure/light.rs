//! Section 3, light on the face, measured on the skin inside the face oval (eyes and lips left out).
//!
//! - `light.face_highlight` = skin pixels per 10 000 (‱) that are highlights: near saturation (all of
//!   R, G, B ≥ 240), or a specular spot far brighter than the skin around it (luma ≥ 2.5 × the skin's
//!   median luma and ≥ 100, which only darker skin under hard light reaches).
//! - `light.nose_highlight` = the 95th-percentile Rec. 601 luma (0–255) inside the nose outline: the
//!   brightness of its brightest part, robust to a few pixels.
//! - `light.even` = |ΔL*| (CIE L*, 0–100) between the mean colour of the left and right cheek patches
//!   (discs of radius 8 % of the face width at mesh 205 and 425): a "yin-yang face" scores high.
//! - `light.exposure` = the larger of two shares of the skin pixels, in %: under-exposed (Rec. 601
//!   luma ≤ 25) and over-exposed (luma ≥ 247), after OFIQ's UnderExposurePrevention and
//!   OverExposurePrevention but on gamma-encoded luma, which does not count darker skin as too dark.

use super::scene::{polygon, Scene};
use super::stats::quantile;
use super::{Ctx, Face, Measurement, Unmeasured};
use crate::color::{lab_from_linear, linear};
use crate::face::landmarks::idx;
use crate::geometry::{circle, Point};
use crate::raster::luma;

const NEAR_SATURATION: u8 = 240;
const SPECULAR_OVER_MEDIAN: f32 = 2.5;
const SPECULAR_MIN_LUMA: f32 = 100.0;
const NOSE_PERCENTILE: f64 = 0.95;

pub(crate) fn face_highlight(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let (scene, face) = (&ctx.scene, face.main);
    let skin = scene.skin(face);
    if skin.is_empty() {
        return Measurement::Unmeasured(Unmeasured::NoFace);
    }
    let mut lumas: Vec<f32> = skin.iter().map(|&p| luma(p)).collect();
    let median = quantile(&mut lumas, 0.5).unwrap_or(0.0);
    let specular = (SPECULAR_OVER_MEDIAN * median).max(SPECULAR_MIN_LUMA);
    let bright =
        skin.iter().filter(|&&p| p.iter().all(|&c| c >= NEAR_SATURATION) || luma(p) >= specular).count();
    Measurement::Number(10_000.0 * bright as f64 / skin.len() as f64)
}

pub(crate) fn nose_highlight(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let (scene, face) = (&ctx.scene, face.main);
    let nose = polygon(face, &idx::NOSE);
    let mut values: Vec<f32> = scene.pixels_in(&nose, &[]).into_iter().map(luma).collect();
    if values.is_empty() {
        return Measurement::Unmeasured(Unmeasured::NoFace);
    }
    match quantile(&mut values, NOSE_PERCENTILE) {
        Some(v) => Measurement::Number(f64::from(v)),
        None => Measurement::Unmeasured(Unmeasured::NoFace),
    }
}

const UNDER_MAX: f32 = 25.0;
const OVER_MIN: f32 = 247.0;

/// The percentages of `pixels` whose luma, rounded to an integer as in OFIQ's histogram, is
/// ≤ `UNDER_MAX` (under-exposed) and ≥ `OVER_MIN` (over-exposed).
fn exposure_shares(pixels: &[[u8; 3]]) -> (f64, f64) {
    let n = pixels.len().max(1) as f64;
    let (under, over) = pixels.iter().map(|&p| luma(p).round()).fold((0_usize, 0_usize), |(u, o), y| {
        (u + usize::from(y <= UNDER_MAX), o + usize::from(y >= OVER_MIN))
    });
    (100.0 * under as f64 / n, 100.0 * over as f64 / n)
}

pub(crate) fn exposure(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let skin = ctx.scene.skin(face.main);
    if skin.is_empty() {
        return Measurement::Unmeasured(Unmeasured::NoFace);
    }
    let (under, over) = exposure_shares(skin);
    Measurement::Number(under.max(over))
}

/// Mean CIE L* of the pixels within `radius` of `centre`.
fn patch_lightness(scene: &Scene<'_>, centre: Point, radius: f32) -> Option<f64> {
    let pixels = scene.pixels_in(&circle(centre, radius), &[]);
    if pixels.is_empty() {
        return None;
    }
    let n = pixels.len() as f64;
    let mean = pixels.iter().fold([0.0; 3], |acc, &p| {
        let l = linear(p);
        [acc[0] + l[0], acc[1] + l[1], acc[2] + l[2]]
    });
    Some(lab_from_linear(mean.map(|v| v / n)).l)
}

pub(crate) fn even(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let (scene, face) = (&ctx.scene, face.main);
    let (l, r) = (face.mesh.at(idx::CHEEKS.0), face.mesh.at(idx::CHEEKS.1));
    let radius = 0.08 * l.distance(r);
    let left = patch_lightness(scene, face.mesh.at(idx::CHEEK_PATCHES.0), radius);
    let right = patch_lightness(scene, face.mesh.at(idx::CHEEK_PATCHES.1), radius);
    match (left, right) {
        (Some(a), Some(b)) => Measurement::Number((a - b).abs()),
        _ => Measurement::Unmeasured(Unmeasured::NoFace),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exposure_shares_count_both_ends_inclusively() {
        let pixels =
            [[0, 0, 0], [25, 25, 25], [26, 26, 26], [128, 100, 90], [247, 247, 247], [255, 255, 255]];
        let (under, over) = exposure_shares(&pixels);
        assert!((under - 100.0 * 2.0 / 6.0).abs() < 1e-9);
        assert!((over - 100.0 * 2.0 / 6.0).abs() < 1e-9);
        assert_eq!(exposure_shares(&[[30, 200, 90]]), (0.0, 0.0));
        assert_eq!(exposure_shares(&[]), (0.0, 0.0));
    }
}
