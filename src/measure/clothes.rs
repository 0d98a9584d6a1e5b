//! Section 3, `clothes.color` (Jiangsu 2023: 不得穿着蓝色上衣): the share of the clothes that is
//! blue, with the mean background colour so that the verdict can tell whether the photo is on the
//! blue background where a blue top is not allowed.
//!
//! The clothes are the samples `clothes.contrast` uses (`background.rs`). A sample is blue when its
//! CIE chroma C* is at least 20 (not grey, black or white, nor a white shirt tinted by the blue
//! light around it: such shirts reach C* 15) and its CIE hue angle is 215°–315°: from
//! the light blue of the background (about 255°) and denim (about 280°) to navy (about 305°), without
//! teal (under 200°) or purple (over 320°).

use super::background::{clothes_pixels, mean_rgb, MIN_CLOTHES_SAMPLES};
use super::{Ctx, Face, Measurement, Unmeasured};
use crate::color::lab;

const MIN_CHROMA: f64 = 20.0;
const BLUE_HUE_DEG: std::ops::RangeInclusive<f64> = 215.0..=315.0;

/// Whether an sRGB colour is blue in the sense above.
pub(crate) fn is_blue(rgb: [u8; 3]) -> bool {
    let c = lab(rgb);
    c.chroma() >= MIN_CHROMA && BLUE_HUE_DEG.contains(&c.hue_deg().rem_euclid(360.0))
}

pub(crate) fn color(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let (Some(bg), Some(pixels)) = (ctx.bg.as_ref(), clothes_pixels(&ctx.scene, face.main)) else {
        return Measurement::Unmeasured(Unmeasured::NoBackground);
    };
    if pixels.len() < MIN_CLOTHES_SAMPLES {
        return Measurement::Unmeasured(Unmeasured::NoClothes);
    }
    let blue = pixels.iter().filter(|&&p| is_blue(p)).count();
    Measurement::ClothesColor {
        blue_pct: 100.0 * blue as f64 / pixels.len() as f64,
        background_rgb: mean_rgb(bg),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blues_are_blue_and_greys_teal_and_purple_are_not() {
        for blue in [[100, 197, 255], [21, 96, 189], [0, 0, 128], [25, 35, 70], [70, 110, 170]] {
            assert!(is_blue(blue), "{blue:?}");
        }
        for other in
            [[0, 150, 150], [128, 0, 128], [30, 30, 30], [240, 240, 240], [200, 30, 30], [191, 191, 219]]
        {
            assert!(!is_blue(other), "{other:?}");
        }
    }
}
