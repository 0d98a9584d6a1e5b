//! Background replacement: the person over a solid colour.
//!
//! The person mask is coarse (256 × 256 over the whole photo), so its edge is refined on the output
//! pixels with a guided filter (He, Sun and Tang, "Guided Image Filtering", 2013) whose guide is the
//! picture's luma: the soft edge follows the real outline of hair and shoulders. Where the edge is
//! partly transparent (hair), the old background showing through is taken out before the new one is
//! put in: with the old background `B` estimated locally (the mean of nearby background pixels), the
//! person's own colour is `F = (I − (1 − α)·B) / α` and the output `α·F + (1 − α)·C`. Without that
//! step, hair keeps a fringe of the old colour (a halo).

use image::RgbImage;

use crate::raster::box_mean;

/// Guided filter regulariser, for a guide in [0, 1].
const EPS: f32 = 1e-4;
/// Mask values below `LOW` become background and above `HIGH` person; between, they are stretched.
const LOW: f32 = 0.3;
const HIGH: f32 = 0.8;

/// Replaces the background of `img` with `color`. `coarse` is the person probability per pixel of
/// `img` (row-major), as sampled from the segmentation.
pub(crate) fn replace(img: &mut RgbImage, coarse: &[f32], color: [u8; 3]) {
    let (w, h) = (img.width() as usize, img.height() as usize);
    if w == 0 || h == 0 || coarse.len() != w * h {
        return;
    }
    let alpha = refine(img, coarse);
    let old = old_background(img, &alpha);
    let new = color.map(f32::from);
    for (i, px) in img.pixels_mut().enumerate() {
        let (a, b) = (alpha[i], old[i]);
        px.0 = std::array::from_fn(|c| {
            let value = f32::from(px.0[c]);
            let own = if a > 0.02 { ((value - (1.0 - a) * b[c]) / a).clamp(0.0, 255.0) } else { value };
            (a * own + (1.0 - a) * new[c]).round().clamp(0.0, 255.0) as u8
        });
    }
}

/// The coarse mask, snapped to the picture's edges and made decisive away from them.
fn refine(img: &RgbImage, coarse: &[f32]) -> Vec<f32> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let r = (w.min(h) / 60).max(2);
    let guide: Vec<f32> = img.pixels().map(|p| crate::raster::luma(p.0) / 255.0).collect();
    let mean_i = box_mean(&guide, w, h, r);
    let mean_p = box_mean(coarse, w, h, r);
    let ip: Vec<f32> = guide.iter().zip(coarse).map(|(i, p)| i * p).collect();
    let ii: Vec<f32> = guide.iter().map(|i| i * i).collect();
    let (mean_ip, mean_ii) = (box_mean(&ip, w, h, r), box_mean(&ii, w, h, r));
    let mut a = Vec::new();
    a.reserve_exact(w * h);
    let mut b = Vec::new();
    b.reserve_exact(w * h);
    for k in 0..w * h {
        let cov = mean_ip[k] - mean_i[k] * mean_p[k];
        let var = mean_ii[k] - mean_i[k] * mean_i[k];
        let ak = cov / (var + EPS);
        a.push(ak);
        b.push(mean_p[k] - ak * mean_i[k]);
    }
    let (mean_a, mean_b) = (box_mean(&a, w, h, r), box_mean(&b, w, h, r));
    (0..w * h)
        .map(|k| {
            let q = mean_a[k] * guide[k] + mean_b[k];
            ((q - LOW) / (HIGH - LOW)).clamp(0.0, 1.0)
        })
        .collect()
}

/// The old background's colour near each pixel: the mean of background pixels (α = 0) within a
/// wide window, or the pixel itself where none is near.
fn old_background(img: &RgbImage, alpha: &[f32]) -> Vec<[f32; 3]> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let r = (w.max(h) / 12).max(4);
    let weight: Vec<f32> = alpha.iter().map(|&a| if a == 0.0 { 1.0 } else { 0.0 }).collect();
    let den = box_mean(&box_mean(&weight, w, h, r), w, h, r);
    let channels: [Vec<f32>; 3] = std::array::from_fn(|c| {
        let v: Vec<f32> = img.pixels().zip(&weight).map(|(p, wt)| f32::from(p.0[c]) * wt).collect();
        box_mean(&box_mean(&v, w, h, r), w, h, r)
    });
    img.pixels()
        .enumerate()
        .map(|(k, p)| {
            if den[k] > 1e-3 {
                std::array::from_fn(|c| channels[c][k] / den[k])
            } else {
                p.0.map(f32::from)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A grey person (left half) on a textured brown background, with a coarse mask that is soft
    /// (12 px ramp) and 3 px off the real edge, as an upsampled segmentation is.
    fn scene() -> (RgbImage, Vec<f32>) {
        let (w, h) = (480u32, 360u32);
        let img = RgbImage::from_fn(w, h, |x, y| {
            if x < 240 {
                image::Rgb([90, 90, 90])
            } else {
                image::Rgb([150 + ((x + y) % 3) as u8 * 10, 110, 70])
            }
        });
        let coarse = (0..w * h).map(|k| (((243.0 - (k % w) as f32) / 12.0) + 0.5).clamp(0.0, 1.0)).collect();
        (img, coarse)
    }

    #[test]
    fn background_becomes_the_colour_and_the_person_stays() {
        let (mut img, coarse) = scene();
        replace(&mut img, &coarse, [100, 197, 255]);
        assert_eq!(img.get_pixel(20, 200).0, [90, 90, 90]);
        assert_eq!(img.get_pixel(470, 200).0, [100, 197, 255]);
        // The refined edge sits at the real edge (x = 240), not at the coarse mask's 0.5 (x = 243).
        assert_eq!(img.get_pixel(237, 200).0, [90, 90, 90]);
        let p = img.get_pixel(243, 200).0;
        assert!(p[2] > 225 && p[0] < 125, "{p:?}");
    }
}
