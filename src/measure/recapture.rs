//! Section 3, `image.recapture` (严禁翻拍): a photo of a screen or of a print. Two signs are
//! measured; either one is enough to warn.
//!
//! `pattern_db`: a photographed screen or print carries a periodic pattern, the screen's pixel grid,
//! a print's halftone or the moiré between either and the camera's sensor. In the spectrum of the
//! luma such a pattern is a sharp peak away from the axes. The value is the contrast, in dB, of the
//! strongest isolated off-axis peak:
//! - luma at full size (before any resize, which would smooth the pattern away), in a 3 × 3 grid of
//!   128 × 128 patches centred on the face (on the picture's centre without one); each patch has its
//!   mean removed and a Hann window applied, and their power spectra are averaged (Welch), so that
//!   a pattern seen in every patch stands out and one patch's texture does not;
//! - a bin counts when its spatial frequency is at least 1/8 cycle per pixel, it is off both axes
//!   (edges, and the rows and columns of JPEG's 8 × 8 blocks, lie on the axes or on lines parallel
//!   to them), it is not on the 8-pixel lattice of JPEG's block and chroma grid, and it is a local
//!   maximum of its 3 × 3 neighbours;
//! - its contrast is its power over the largest mean power of its neighbours 2 and 3 bins away
//!   along each of the four directions (horizontal, vertical and both diagonals): a point peak is
//!   high against all four, a line of the spectrum (a straight edge, a block boundary) is not high
//!   along its own direction.
//!
//! `frame_pct`: a print or a tablet held up to the camera puts a frame inside the frame, straight
//! edges around the face. On the working copy, three sides are searched: left and right of the face
//! (rows from 0.8 face widths above the eyes down to the chin; lines 0.7 to 2.5 face widths from the
//! face's centre, within ±4° of vertical) and above it (columns within 0.7 face widths of the centre;
//! lines 0.7 to 2 face widths above the eyes, within ±4° of horizontal). On each side the best
//! straight line is the one along which the most positions have an edge of its orientation (a luma
//! step of at least 24 across 2 px, stronger than the step the other way, within 1 px of the line).
//! The value is the share (%) of its length that the weakest side's best line covers: a frame has
//! all three, while hair, shoulders and a door frame rarely give a straight line on every side.

use image::RgbImage;

use super::{Ctx, Measurement, Unmeasured};
use crate::face::landmarks::idx;
use crate::face::MainFace;
use crate::geometry::Point;
use crate::raster::luma;

/// Side of a patch, a power of two.
const PATCH: usize = 128;
/// Patches per side of the grid.
const GRID: i64 = 3;
/// Lowest frequency considered, in bins (PATCH / 8: 1/8 cycle per pixel).
const MIN_RADIUS: i64 = (PATCH / 8) as i64;
/// Bins within this distance of an axis are left out.
const AXIS_GAP: i64 = 2;

pub(crate) fn recapture(ctx: &Ctx<'_>) -> Measurement {
    let img = ctx.full;
    let (w, h) = img.dimensions();
    if (w as usize) < PATCH || (h as usize) < PATCH {
        return Measurement::Unmeasured(Unmeasured::NotDecoded);
    }
    let centre = ctx
        .face
        .as_ref()
        .map(|f| f.geometry.cheeks.0.mid(f.geometry.cheeks.1))
        .unwrap_or(Point::new(w as f32 / 2.0, h as f32 / 2.0));
    Measurement::Recapture {
        pattern_db: 10.0 * f64::from(peak_contrast(&spectrum(img, centre))).log10(),
        frame_pct: ctx.face.as_ref().map_or(0.0, |f| frame(ctx.scene.img, f.main)),
    }
}

/// The mean power spectrum of the luma of the 3 × 3 patches around `centre`.
fn spectrum(img: &RgbImage, centre: Point) -> Vec<f32> {
    let (w, h) = img.dimensions();
    let fft = Fft::new(PATCH);
    let window: Vec<f32> = (0..PATCH)
        .map(|i| 0.5 - 0.5 * (std::f32::consts::TAU * (i as f32 + 0.5) / PATCH as f32).cos())
        .collect();
    let mut power = vec![0.0f32; PATCH * PATCH];
    let (mut re, mut im) = (vec![0.0f32; PATCH * PATCH], vec![0.0f32; PATCH * PATCH]);
    let side = PATCH as i64;
    for gy in 0..GRID {
        for gx in 0..GRID {
            let place = |c: f32, g: i64, limit: u32| {
                let start = c.round() as i64 + (g - GRID / 2) * side - side / 2;
                start.clamp(0, i64::from(limit) - side) as u32
            };
            let (x0, y0) = (place(centre.x, gx, w), place(centre.y, gy, h));
            for (i, v) in re.iter_mut().enumerate() {
                let (x, y) = (x0 + (i % PATCH) as u32, y0 + (i / PATCH) as u32);
                *v = luma(img.get_pixel(x, y).0);
            }
            let mean = re.iter().sum::<f32>() / re.len() as f32;
            for (i, v) in re.iter_mut().enumerate() {
                *v = (*v - mean) * window[i % PATCH] * window[i / PATCH];
            }
            im.fill(0.0);
            fft.forward_2d(&mut re, &mut im);
            for ((p, r), i) in power.iter_mut().zip(&re).zip(&im) {
                *p += r * r + i * i;
            }
        }
    }
    power
}

/// Smallest luma step across 2 px that makes an edge.
const EDGE_STEP: f32 = 24.0;
/// Steepest line searched, in degrees from its axis.
const MAX_TILT_DEG: i32 = 4;

/// The share of its length (%) that the best straight edge line covers on the weakest of three
/// sides of the face (left, right, above), on the working copy `img` (see the module's docs).
fn frame(img: &RgbImage, face: &MainFace) -> f64 {
    let (w, h) = img.dimensions();
    let (l, r) = (face.mesh.at(idx::CHEEKS.0), face.mesh.at(idx::CHEEKS.1));
    let width = l.distance(r);
    let eyes = face.mesh.at(idx::LEFT_EYE_CORNERS.0).mid(face.mesh.at(idx::RIGHT_EYE_CORNERS.1));
    let chin = face.mesh.at(idx::CHIN);
    if width < 8.0 || w < 8 || h < 8 {
        return 0.0;
    }
    let cx = l.mid(r).x;
    let clamp_x = |x: f32| x.clamp(1.0, (w - 2) as f32) as u32;
    let clamp_y = |y: f32| y.clamp(1.0, (h - 2) as f32) as u32;
    let rows = clamp_y(eyes.y - 0.8 * width)..clamp_y(chin.y);
    let side = |from: f32, to: f32| {
        let cols = clamp_x(from)..clamp_x(to);
        let edges =
            Edges::of(img, cols.start.saturating_sub(8)..(cols.end + 8).min(w - 1), rows.clone(), true);
        best_line(&edges, rows.clone(), cols)
    };
    let left = side(cx - 2.5 * width, cx - 0.7 * width);
    let right = side(cx + 0.7 * width, cx + 2.5 * width);
    let top = {
        let (cols, lines) = (
            clamp_x(cx - 0.7 * width)..clamp_x(cx + 0.7 * width),
            clamp_y(eyes.y - 2.0 * width)..clamp_y(eyes.y - 0.7 * width),
        );
        let edges = Edges::of(
            img,
            cols.clone(),
            lines.start.saturating_sub(8).max(1)..(lines.end + 8).min(h - 1),
            false,
        );
        best_line(&edges, cols, lines)
    };
    left.min(right).min(top)
}

/// The edges of one orientation in a box of the picture, widened by 1 px across their direction,
/// stored line by line along their direction: for vertical edges one row of the box after another,
/// for horizontal ones one column after another.
struct Edges {
    /// The box's first position along the edges' direction and its length.
    along: (u32, usize),
    /// The box's first position across the edges' direction and its length.
    across: (u32, usize),
    bits: Vec<u8>,
}

impl Edges {
    /// Edges of vertical lines (a horizontal luma step) when `vertical`, else of horizontal lines.
    /// The box is cut to the picture less its outer 1 px.
    fn of(img: &RgbImage, xs: std::ops::Range<u32>, ys: std::ops::Range<u32>, vertical: bool) -> Edges {
        let (w, h) = img.dimensions();
        let xs = xs.start.max(1)..xs.end.min(w.saturating_sub(1));
        let ys = ys.start.max(1)..ys.end.min(h.saturating_sub(1));
        let (bw, bh) = (xs.len(), ys.len());
        // Luma of the box with a 1 px margin.
        let lw = bw + 2;
        let mut l = vec![0.0f32; lw * (bh + 2)];
        for (i, v) in l.iter_mut().enumerate() {
            let (x, y) = (xs.start - 1 + (i % lw) as u32, ys.start - 1 + (i / lw) as u32);
            *v = luma(img.get_pixel(x.min(w - 1), y.min(h - 1)).0);
        }
        let lum = |c: usize, r: usize| l.get(r * lw + c).copied().unwrap_or(0.0);
        let (along_len, across_len) = if vertical { (bh, bw) } else { (bw, bh) };
        let mut bits = vec![0u8; along_len * across_len];
        for r in 0..bh {
            for c in 0..bw {
                let gx = (lum(c + 2, r + 1) - lum(c, r + 1)).abs();
                let gy = (lum(c + 1, r + 2) - lum(c + 1, r)).abs();
                let (step, other) = if vertical { (gx, gy) } else { (gy, gx) };
                if step >= EDGE_STEP && step > other {
                    let (a, x) = if vertical { (r, c) } else { (c, r) };
                    let line = a * across_len;
                    for k in x.saturating_sub(1)..(x + 2).min(across_len) {
                        if let Some(b) = bits.get_mut(line + k) {
                            *b = 1;
                        }
                    }
                }
            }
        }
        let (along, across) = if vertical { (ys.start, xs.start) } else { (xs.start, ys.start) };
        Edges { along: (along, along_len), across: (across, across_len), bits }
    }
}

/// The largest share (%) of `along` covered by edges on one straight line within `MAX_TILT_DEG` of
/// the edges' direction, crossing the middle of `along` at a position in `across`.
fn best_line(edges: &Edges, along: std::ops::Range<u32>, across: std::ops::Range<u32>) -> f64 {
    if along.is_empty() || across.is_empty() {
        return 0.0;
    }
    let n = edges.across.1;
    let mid = (along.start + along.end) as f32 / 2.0;
    // Line positions relative to the box, and the box's lines that `along` covers.
    let first = across.start.saturating_sub(edges.across.0) as usize;
    let last = (across.end.saturating_sub(edges.across.0) as usize).min(n);
    let mut best = 0u32;
    let mut counts = vec![0u32; n];
    for tilt in -MAX_TILT_DEG..=MAX_TILT_DEG {
        let slope = (tilt as f32).to_radians().tan();
        counts.fill(0);
        for a in along.clone() {
            let Some(line) = a.checked_sub(edges.along.0).map(|i| i as usize).filter(|&i| i < edges.along.1)
            else {
                continue;
            };
            let Some(bits) = edges.bits.get(line * n..(line + 1) * n) else { continue };
            let shift = ((a as f32 - mid) * slope).round() as i64;
            // counts[c] += bits[c + shift] where both exist.
            let (from, to) = ((-shift).max(0) as usize, (n as i64 - shift).clamp(0, n as i64) as usize);
            if from >= to {
                continue;
            }
            let src = (from as i64 + shift) as usize;
            if let (Some(dst), Some(src)) = (counts.get_mut(from..to), bits.get(src..src + (to - from))) {
                for (c, &b) in dst.iter_mut().zip(src) {
                    *c += u32::from(b);
                }
            }
        }
        best = best.max(counts.get(first..last).and_then(|c| c.iter().max().copied()).unwrap_or(0));
    }
    100.0 * f64::from(best) / along.len() as f64
}

/// The largest contrast of an isolated off-axis peak of a `PATCH × PATCH` power spectrum (DC at
/// index 0, frequencies wrapping), 1 when there is none.
fn peak_contrast(power: &[f32]) -> f32 {
    let n = PATCH as i64;
    let at =
        |u: i64, v: i64| power.get((v.rem_euclid(n) * n + u.rem_euclid(n)) as usize).copied().unwrap_or(0.0);
    let signed = |k: i64| if k >= n / 2 { k - n } else { k };
    let on_lattice = |f: i64| matches!(f.rem_euclid(n / 8), 0 | 1) || f.rem_euclid(n / 8) == n / 8 - 1;
    let mut best = 1.0f32;
    // One half-plane: the spectrum of a real picture is symmetric about DC.
    for v in 0..n / 2 {
        for u in 0..n {
            let (fu, fv) = (signed(u), v);
            if fu.abs() <= AXIS_GAP || fv <= AXIS_GAP || fu * fu + fv * fv < MIN_RADIUS * MIN_RADIUS {
                continue;
            }
            if on_lattice(fu) && on_lattice(fv) {
                continue;
            }
            let p = at(fu, fv);
            let is_max =
                (-1..=1).all(|dv| (-1..=1).all(|du| (du, dv) == (0, 0) || at(fu + du, fv + dv) <= p));
            if !is_max {
                continue;
            }
            let around = [(1, 0), (0, 1), (1, 1), (1, -1)]
                .iter()
                .map(|&(du, dv)| {
                    [2, 3, -2, -3].iter().map(|&k| at(fu + k * du, fv + k * dv)).sum::<f32>() / 4.0
                })
                .fold(0.0f32, f32::max);
            if around > 0.0 {
                best = best.max(p / around);
            }
        }
    }
    best
}

/// A radix-2 complex FFT of one power-of-two size: a few dozen lines instead of a dependency, for
/// one 128-point transform.
struct Fft {
    n: usize,
    /// `exp(-2πik/n)` for `k < n/2`.
    twiddles: Vec<(f32, f32)>,
}

impl Fft {
    fn new(n: usize) -> Fft {
        let twiddles = (0..n / 2)
            .map(|k| {
                let a = -std::f64::consts::TAU * k as f64 / n as f64;
                (a.cos() as f32, a.sin() as f32)
            })
            .collect();
        Fft { n, twiddles }
    }

    /// In-place forward transform of `n` contiguous values.
    fn forward(&self, re: &mut [f32], im: &mut [f32]) {
        let n = self.n.min(re.len()).min(im.len());
        let bits = n.trailing_zeros();
        for i in 0..n {
            let j = i.reverse_bits() >> (usize::BITS - bits);
            if j > i {
                re.swap(i, j);
                im.swap(i, j);
            }
        }
        let mut len = 2;
        while len <= n {
            let (half, step) = (len / 2, n / len);
            for (re, im) in re.chunks_exact_mut(len).zip(im.chunks_exact_mut(len)) {
                let (re_a, re_b) = re.split_at_mut(half);
                let (im_a, im_b) = im.split_at_mut(half);
                for (k, (((ar, ai), br), bi)) in
                    re_a.iter_mut().zip(im_a.iter_mut()).zip(re_b.iter_mut()).zip(im_b.iter_mut()).enumerate()
                {
                    let (wr, wi) = self.twiddles.get(k * step).copied().unwrap_or((1.0, 0.0));
                    let (tr, ti) = (*br * wr - *bi * wi, *br * wi + *bi * wr);
                    *br = *ar - tr;
                    *bi = *ai - ti;
                    *ar += tr;
                    *ai += ti;
                }
            }
            len *= 2;
        }
    }

    /// In-place forward transform of an `n × n` row-major picture: rows, then columns (as the rows
    /// of the transpose).
    fn forward_2d(&self, re: &mut [f32], im: &mut [f32]) {
        let n = self.n;
        for _ in 0..2 {
            for (r, i) in re.chunks_exact_mut(n).zip(im.chunks_exact_mut(n)) {
                self.forward(r, i);
            }
            transpose(re, n);
            transpose(im, n);
        }
    }
}

/// Transposes an `n × n` row-major matrix in place.
fn transpose(m: &mut [f32], n: usize) {
    for r in 0..n {
        for c in r + 1..n {
            if r * n + c < m.len() && c * n + r < m.len() {
                m.swap(r * n + c, c * n + r);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fft_of_a_cosine_is_two_peaks() {
        let fft = Fft::new(16);
        let mut re: Vec<f32> =
            (0..16).map(|i| (std::f32::consts::TAU * 3.0 * i as f32 / 16.0).cos()).collect();
        let mut im = vec![0.0; 16];
        fft.forward(&mut re, &mut im);
        for (k, (r, i)) in re.iter().zip(&im).enumerate() {
            let mag = r.hypot(*i);
            let want = if k == 3 || k == 13 { 8.0 } else { 0.0 };
            assert!((mag - want).abs() < 1e-3, "bin {k}: {mag}");
        }
    }

    #[test]
    fn a_point_peak_stands_out_and_a_line_does_not() {
        let n = PATCH;
        let mut power = vec![1.0f32; n * n];
        for v in 0..n {
            power[v * n + 40] = 50.0;
        }
        assert!(peak_contrast(&power) < 1.5);
        power[30 * n + 21] = 100.0;
        assert!(peak_contrast(&power) > 50.0);
    }
}
