//! Rendering the crop: the photo cut and scaled to the profile's size, with what lies past the photo's
//! edge filled, and the person mask carried over to the output for a new background.

use image::imageops::FilterType;
use image::RgbImage;

use super::plan::Crop;
use crate::analysis::Analysis;
use crate::error::{Error, ErrorKind, Result};
use crate::geometry::Point;
use crate::limits::Limits;
use crate::profile::Profile;
use crate::raster::resize_area_of;
use crate::raster::window_mean;

/// Share of an edge window the person must cover for the fill to use the person's colour only.
const MIN_PERSON: f32 = 0.01;
/// Filled parts fade into a plain colour over this share of the photo's longer side.
const FILL_FADE: f64 = 0.06;
/// Where the mask is read for filled parts: this share of the photo's longer side inside the edge.
const EDGE_INSET: f32 = 0.01;

/// The crop at the profile's size, scaled with Lanczos 3. Outside the photo the edge row or column
/// is continued, smoothed along the edge so that it reads as cloth or background, not as streaks;
/// `person` (the mask at a photo pixel) keeps the background's colour out of the clothes' fill.
pub(super) fn render(
    src: &RgbImage,
    crop: &Crop,
    profile: &Profile,
    limits: &Limits,
    person: &dyn Fn(u32, u32) -> f32,
) -> Result<RgbImage> {
    let (cw, ch) = (crop.width.round().max(1.0), crop.height.round().max(1.0));
    if cw * ch > limits.max_pixels as f64 || cw > f64::from(u32::MAX) || ch > f64::from(u32::MAX) {
        return Err(Error::new(
            ErrorKind::LimitExceeded,
            format!("the crop of {cw}×{ch} px is over the limit of {} pixels", limits.max_pixels),
        ));
    }
    let (x0, y0) = (crop.x.round() as i64, crop.y.round() as i64);
    let (sw, sh) = (i64::from(src.width()), i64::from(src.height()));
    if sw == 0 || sh == 0 {
        return Err(Error::new(ErrorKind::MalformedImage, "the photo has no pixels"));
    }
    let radius = (src.width().max(src.height()) / 40).max(2) as usize;
    let fade = (f64::from(src.width().max(src.height())) * FILL_FADE).max(1.0);
    let row =
        |y: u32| Fill::new((0..src.width()).map(|x| (src.get_pixel(x, y).0, person(x, y))).collect(), radius);
    let column = |x: u32| {
        Fill::new((0..src.height()).map(|y| (src.get_pixel(x, y).0, person(x, y))).collect(), radius)
    };
    let outside = crop.extends_past(sw as f64, sh as f64);
    let none = || Fill { smoothed: Vec::new(), mean: [0.0; 3] };
    let (top, bottom) = if outside { (row(0), row(src.height() - 1)) } else { (none(), none()) };
    let (left, right) = if outside { (column(0), column(src.width() - 1)) } else { (none(), none()) };
    let pixel = |x: u32, y: u32| {
        let (sx, sy) = (x0 + i64::from(x), y0 + i64::from(y));
        let (cx, cy) = (sx.clamp(0, sw - 1) as usize, sy.clamp(0, sh - 1) as usize);
        let filled = if sy >= sh {
            bottom.at(cx, (sy - sh + 1) as f64 / fade)
        } else if sy < 0 {
            top.at(cx, -sy as f64 / fade)
        } else if sx < 0 {
            left.at(cy, -sx as f64 / fade)
        } else if sx >= sw {
            right.at(cy, (sx - sw + 1) as f64 / fade)
        } else {
            None
        };
        filled.unwrap_or_else(|| src.get_pixel(cx as u32, cy as u32).0)
    };
    let (w, h) = (profile.width_px, profile.height_px);
    let (cw, ch) = (cw as u32, ch as u32);
    // Lanczos 3 reads 6 source pixels per unit of the scale factor for each output pixel, along each
    // axis: shrinking a 12-megapixel crop to 480 × 640 that way took half of an autocrop in the
    // browser (4.5 s in all). An area average down to twice the size first, then Lanczos 3 over the
    // last factor of two, as Pillow's `reducing_gap` does, looks the same at a small part of the cost.
    // The average reads the crop's pixels as it goes: a copy of a 24-megapixel photo's crop would
    // add its 36 MB to the peak memory.
    let canvas = if cw > 2 * w && ch > 2 * h {
        resize_area_of(cw, ch, 2 * w, 2 * h, pixel)
    } else {
        RgbImage::from_fn(cw, ch, |x, y| image::Rgb(pixel(x, y)))
    };
    Ok(image::imageops::resize(&canvas, w, h, FilterType::Lanczos3))
}

/// How the photo continues past one edge: the edge line smoothed along the edge, fading with the
/// distance into a plain colour, so that clothes continue as a plain surface. Where the line shows
/// the person, only the person's pixels are averaged (weighted by the mask); elsewhere all of them.
struct Fill {
    smoothed: Vec<[f64; 3]>,
    mean: [f64; 3],
}

impl Fill {
    /// `line`: colour and person probability of each pixel along the edge.
    fn new(line: Vec<([u8; 3], f32)>, radius: usize) -> Fill {
        let weights: Vec<f32> = line.iter().map(|(_, w)| *w).collect();
        let channel = |c: usize, weighted: bool| -> Vec<f32> {
            line.iter().map(|(p, w)| f32::from(p[c]) * if weighted { *w } else { 1.0 }).collect()
        };
        // Window means (radius) and whole-line means (a radius covering the line) of weight·colour,
        // weight and colour; their ratio is the person's mean colour.
        let means = |r: usize| {
            let person: [Vec<f32>; 3] = std::array::from_fn(|c| window_mean(&channel(c, true), r));
            let all: [Vec<f32>; 3] = std::array::from_fn(|c| window_mean(&channel(c, false), r));
            let weight = window_mean(&weights, r);
            (0..line.len())
                .map(|i| -> [f64; 3] {
                    std::array::from_fn(|c| {
                        let v = if weight[i] > MIN_PERSON { person[c][i] / weight[i] } else { all[c][i] };
                        f64::from(v)
                    })
                })
                .collect::<Vec<_>>()
        };
        let mean = means(line.len()).first().copied().unwrap_or([0.0; 3]);
        Fill { smoothed: means(radius), mean }
    }

    /// The colour at position `i` along the edge, `distance` fade lengths past it.
    fn at(&self, i: usize, distance: f64) -> Option<[u8; 3]> {
        let near = self.smoothed.get(i)?;
        let k = distance.clamp(0.0, 1.0);
        Some(std::array::from_fn(|c| {
            (near[c] * (1.0 - k) + self.mean[c] * k).round().clamp(0.0, 255.0) as u8
        }))
    }
}

/// The person probability at each output pixel, from the photo's mask. Outside the photo the mask
/// is read a little inside the edge, where the segmentation is surer than at the edge itself; beside
/// the photo only the body below the chin continues (hair cut by a side edge is not drawn out into
/// bars).
pub(super) fn person_mask(analysis: &Analysis, crop: &Crop, chin_y: f32, w: u32, h: u32) -> Vec<f32> {
    let (pw, ph) = (analysis.decoded.width_px() as f32, analysis.decoded.height_px() as f32);
    let inset = (pw.max(ph) * EDGE_INSET).max(0.5);
    let s = crop.scale as f32;
    let (x0, y0) = (crop.x as f32, crop.y as f32);
    let mut out = vec![0.0f32; (w as usize) * (h as usize)];
    for y in 0..h {
        let py = y0 + (y as f32 + 0.5) / s;
        if py < 0.0 {
            // Above the photo there is only background: the head top is inside it.
            continue;
        }
        let py = if py < ph { py } else { ph - inset };
        for x in 0..w {
            let px = x0 + (x as f32 + 0.5) / s;
            if !(0.0..pw).contains(&px) && py < chin_y {
                continue;
            }
            let px = if (0.0..pw).contains(&px) { px } else { px.clamp(inset, pw - inset) };
            out[(y * w + x) as usize] = analysis.person_at(Point::new(px, py)).unwrap_or(0.0);
        }
    }
    out
}
