//! Pixel operations the analysis needs: area-average shrinking, bilinear sampling, affine crops.
//! Pure functions over `image::RgbImage`, allocation bounded by their output size.

use image::RgbImage;

use crate::geometry::{Affine, Point};

/// Shrinks (or keeps) an image to `width × height` by averaging the source area under each output
/// pixel, which does not alias when shrinking a 12-megapixel photo to a model's input.
pub(crate) fn resize_area(src: &RgbImage, width: u32, height: u32) -> RgbImage {
    let (sw, sh) = src.dimensions();
    let mut out = RgbImage::new(width.max(1), height.max(1));
    if sw == 0 || sh == 0 {
        return out;
    }
    let fx = sw as f32 / width.max(1) as f32;
    let fy = sh as f32 / height.max(1) as f32;
    if fx < 1.0 || fy < 1.0 {
        for (x, y, px) in out.enumerate_pixels_mut() {
            *px = image::Rgb(sample(src, Point::new((x as f32 + 0.5) * fx, (y as f32 + 0.5) * fy)));
        }
        return out;
    }
    let (raw, row_len) = (src.as_raw(), sw as usize * 3);
    area_average(sw, sh, width, height, |y0, y1, x0, x1, sum| {
        for sy in y0..y1 {
            add_columns(raw.get(sy as usize * row_len..).unwrap_or_default(), x0, x1, sum);
        }
    })
}

/// [`resize_area`] of a `sw × sh` picture that is never stored: `pixel(x, y)` gives each of its
/// pixels as they are read. For shrinking a large crop without holding a copy of it.
pub(crate) fn resize_area_of(
    sw: u32,
    sh: u32,
    width: u32,
    height: u32,
    pixel: impl Fn(u32, u32) -> [u8; 3],
) -> RgbImage {
    if sw == 0 || sh == 0 || sw < width || sh < height {
        let src = RgbImage::from_fn(sw, sh, |x, y| image::Rgb(pixel(x, y)));
        return resize_area(&src, width, height);
    }
    // The source rows under the current output row, made once for all of its columns.
    let (mut rows, mut strip) = ((u32::MAX, u32::MAX), Vec::new());
    let row_len = sw as usize * 3;
    area_average(sw, sh, width, height, |y0, y1, x0, x1, sum| {
        if rows != (y0, y1) {
            strip.clear();
            for y in y0..y1 {
                strip.extend((0..sw).flat_map(|x| pixel(x, y)));
            }
            rows = (y0, y1);
        }
        for row in strip.chunks_exact(row_len) {
            add_columns(row, x0, x1, sum);
        }
    })
}

/// Adds the pixels of columns `x0..x1` of an RGB row to `sum`.
fn add_columns(row: &[u8], x0: u32, x1: u32, sum: &mut [u32; 3]) {
    for p in row.get(x0 as usize * 3..x1 as usize * 3).unwrap_or_default().chunks_exact(3) {
        sum[0] += u32::from(p[0]);
        sum[1] += u32::from(p[1]);
        sum[2] += u32::from(p[2]);
    }
}

/// The shrinking of [`resize_area`] (`sw ≥ width`, `sh ≥ height`): `add(y0, y1, x0, x1, sum)` adds
/// the source pixels of rows `y0..y1` and columns `x0..x1` to `sum`.
fn area_average(
    sw: u32,
    sh: u32,
    width: u32,
    height: u32,
    mut add: impl FnMut(u32, u32, u32, u32, &mut [u32; 3]),
) -> RgbImage {
    let mut out = RgbImage::new(width.max(1), height.max(1));
    let fx = sw as f32 / width.max(1) as f32;
    let fy = sh as f32 / height.max(1) as f32;
    // The source span under each output column and row, worked out once (the float arithmetic as
    // per pixel before, so the spans are the same).
    let span = |i: u32, f: f32, n: u32| {
        let (a, b) = ((i as f32 * f) as u32, (((i + 1) as f32 * f).ceil() as u32).min(n));
        (a.min(n), b.max(a + 1).min(n))
    };
    let columns: Vec<(u32, u32)> = (0..width.max(1)).map(|x| span(x, fx, sw)).collect();
    for (y, line) in out.chunks_exact_mut(width.max(1) as usize * 3).enumerate() {
        let (y0, y1) = span(y as u32, fy, sh);
        for (px, &(x0, x1)) in line.chunks_exact_mut(3).zip(&columns) {
            let mut sum = [0u32; 3];
            add(y0, y1, x0, x1, &mut sum);
            let n = ((x1 - x0) * (y1 - y0)).max(1);
            for (o, s) in px.iter_mut().zip(sum) {
                *o = ((s + n / 2) / n) as u8;
            }
        }
    }
    out
}

/// The colour at a point by bilinear interpolation between pixel centres; outside the image the
/// nearest edge pixel is used.
pub(crate) fn sample(src: &RgbImage, p: Point) -> [u8; 3] {
    let v = sample_f32(src, p);
    v.map(|c| c.round().clamp(0.0, 255.0) as u8)
}

pub(crate) fn sample_f32(src: &RgbImage, p: Point) -> [f32; 3] {
    let (w, h) = src.dimensions();
    if w == 0 || h == 0 {
        return [0.0; 3];
    }
    let x = (p.x - 0.5).clamp(0.0, (w - 1) as f32);
    let y = (p.y - 0.5).clamp(0.0, (h - 1) as f32);
    let (x0, y0) = (x.floor() as u32, y.floor() as u32);
    let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
    let (tx, ty) = (x - x0 as f32, y - y0 as f32);
    // Straight from the raw buffer: `get_pixel`'s checks cost more than the interpolation.
    let raw = src.as_raw();
    let at = |x: u32, y: u32| {
        let i = (y as usize * w as usize + x as usize) * 3;
        raw.get(i..i + 3).map_or([0; 3], |p| [p[0], p[1], p[2]])
    };
    let (a, b, c, d) = (at(x0, y0), at(x1, y0), at(x0, y1), at(x1, y1));
    let mut out = [0.0; 3];
    for (i, o) in out.iter_mut().enumerate() {
        let top = f32::from(a[i]) * (1.0 - tx) + f32::from(b[i]) * tx;
        let bottom = f32::from(c[i]) * (1.0 - tx) + f32::from(d[i]) * tx;
        *o = top * (1.0 - ty) + bottom * ty;
    }
    out
}

/// A `size × size` crop through `map` (crop pixel → image point), RGB scaled to [0, 1], row-major
/// HWC; `mirror` flips the crop left to right. Pixels outside the image repeat the edge.
pub(crate) fn crop_hwc(src: &RgbImage, map: &Affine, size: u32, mirror: bool) -> Vec<f32> {
    let mut out = Vec::new();
    out.reserve_exact((size * size * 3) as usize);
    for y in 0..size {
        for x in 0..size {
            let cx = if mirror { size - 1 - x } else { x };
            let p = map.apply(Point::new(cx as f32 + 0.5, y as f32 + 0.5));
            out.extend(sample_f32(src, p).map(|c| c / 255.0));
        }
    }
    out
}

/// The mean over a (2r + 1)² window clipped to the image, by running sums (O(1) per pixel).
/// `src` is row-major, `w × h`.
pub(crate) fn box_mean(src: &[f32], w: usize, h: usize, r: usize) -> Vec<f32> {
    let mut rows = vec![0.0f32; w * h];
    for (line, out) in src.chunks_exact(w.max(1)).zip(rows.chunks_exact_mut(w.max(1))) {
        out.copy_from_slice(&window_mean(line, r));
    }
    let mut out = vec![0.0f32; w * h];
    let mut column = vec![0.0f32; h];
    for x in 0..w {
        for y in 0..h {
            column[y] = rows[y * w + x];
        }
        for (y, v) in window_mean(&column, r).into_iter().enumerate() {
            out[y * w + x] = v;
        }
    }
    out
}

/// The mean over a window of radius `r` around each place of a line, clipped to the line; sums in
/// f64 against drift.
pub(crate) fn window_mean(line: &[f32], r: usize) -> Vec<f32> {
    let n = line.len();
    let mut prefix = vec![0.0f64; n + 1];
    for (i, v) in line.iter().enumerate() {
        prefix[i + 1] = prefix[i] + f64::from(*v);
    }
    (0..n)
        .map(|i| {
            let (lo, hi) = (i.saturating_sub(r), (i + r + 1).min(n));
            ((prefix[hi] - prefix[lo]) / (hi - lo) as f64) as f32
        })
        .collect()
}

/// Rec. 601 luma of an RGB pixel, 0–255.
pub(crate) fn luma(p: [u8; 3]) -> f32 {
    0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The average of a picture read pixel by pixel is the average of the same picture stored, when
    /// shrinking by a fraction (spans that share a pixel) and when growing (bilinear).
    #[test]
    fn area_resize_of_a_picture_never_stored_is_that_of_the_stored_one() {
        let pixel = |x: u32, y: u32| [(x * 37 % 256) as u8, (y * 11 % 256) as u8, ((x + y) * 5 % 256) as u8];
        let img = RgbImage::from_fn(97, 131, |x, y| image::Rgb(pixel(x, y)));
        for (w, h) in [(20, 27), (48, 64), (96, 130), (200, 300)] {
            assert_eq!(resize_area_of(97, 131, w, h, pixel), resize_area(&img, w, h), "{w}×{h}");
        }
    }

    #[test]
    fn area_resize_averages_and_bilinear_samples_between_centres() {
        let mut img = RgbImage::new(4, 2);
        for (x, _, p) in img.enumerate_pixels_mut() {
            *p = image::Rgb([if x < 2 { 0 } else { 200 }; 3]);
        }
        let small = resize_area(&img, 2, 1);
        assert_eq!(small.get_pixel(0, 0).0, [0; 3]);
        assert_eq!(small.get_pixel(1, 0).0, [200; 3]);
        assert_eq!(sample(&img, Point::new(2.0, 1.0)), [100; 3]);
        assert_eq!(sample(&img, Point::new(-5.0, -5.0)), [0; 3]);
    }

    #[test]
    fn mirrored_crop_reverses_columns() {
        let mut img = RgbImage::new(2, 1);
        img.put_pixel(1, 0, image::Rgb([255, 255, 255]));
        let map = Affine::crop_to_image(Point::new(1.0, 0.5), 2.0, 0.0, 2.0);
        assert_eq!(crop_hwc(&img, &map, 2, false)[..3], [0.0; 3]);
        assert_eq!(crop_hwc(&img, &map, 2, true)[..3], [1.0; 3]);
    }

    #[test]
    fn box_mean_is_a_clipped_window_mean() {
        let v = [0.0, 3.0, 6.0, 9.0];
        let m = box_mean(&v, 4, 1, 1);
        assert_eq!(window_mean(&v, 10), vec![4.5; 4]);
        assert_eq!(m, vec![1.5, 3.0, 6.0, 7.5]);
    }
}
