//! Encoding into the profile's window: baseline JPEG with one interleaved scan and the standard
//! Huffman tables, JFIF with the profile's dpi, no EXIF, no ICC, no comment, no padding. The quality is searched (bisection, sizes grow with quality) so that the
//! file lands as near the middle of the KB window as possible; 4:2:0 chroma first, 4:4:4 when even
//! quality 100 at 4:2:0 is too small for the window.

use image::RgbImage;
use jpeg_encoder::{ColorType, Encoder, PixelDensity, SamplingFactor};
use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};

/// Bytes per KB in the standard's file size rule.
const KB: f64 = 1024.0;
/// Quality when the profile has no size window.
const DEFAULT_QUALITY: u8 = 90;

/// Chroma sampling of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Sampling {
    /// Chroma at half resolution both ways.
    #[serde(rename = "4:2:0")]
    S420,
    /// Chroma at full resolution.
    #[serde(rename = "4:4:4")]
    S444,
}

/// What the encoder aims at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Target {
    /// Allowed file size in KB.
    pub(crate) kb: Option<(f64, f64)>,
    /// Lowest and highest quality.
    pub(crate) quality: (u8, u8),
    /// Dots per inch written in JFIF.
    pub(crate) dpi: Option<u16>,
}

/// An encoded file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Encoded {
    pub(crate) bytes: Vec<u8>,
    pub(crate) quality: u8,
    pub(crate) sampling: Sampling,
    /// Whether the size is inside the window (always true without a window).
    pub(crate) in_window: bool,
}

pub(crate) fn encode(img: &RgbImage, quality: u8, sampling: Sampling, dpi: Option<u16>) -> Result<Vec<u8>> {
    let (w, h) = img.dimensions();
    let (Ok(w16), Ok(h16)) = (u16::try_from(w), u16::try_from(h)) else {
        return Err(Error::new(ErrorKind::InvalidProfile, format!("{w}×{h} is too large for a JPEG")));
    };
    let mut out = Vec::new();
    let mut encoder = Encoder::new(&mut out, quality);
    encoder.set_sampling_factor(match sampling {
        Sampling::S420 => SamplingFactor::R_4_2_0,
        Sampling::S444 => SamplingFactor::R_4_4_4,
    });
    encoder.set_progressive(false);
    // Standard Huffman tables, one interleaved scan: the form every decoder reads. (jpeg-encoder's
    // optimised tables write one scan per component, which zune-jpeg 0.5.15 decodes to stripes.)
    encoder.set_optimized_huffman_tables(false);
    if let Some(dpi) = dpi {
        encoder.set_density(PixelDensity::dpi(dpi));
    }
    encoder
        .encode(img.as_raw(), w16, h16, ColorType::Rgb)
        .map_err(|e| Error::new(ErrorKind::InvalidOptions, format!("JPEG encoding failed: {e}")))?;
    Ok(out)
}

/// Encodes into the target window, or as near it as the quality range allows.
pub(crate) fn encode_into(img: &RgbImage, target: &Target) -> Result<Encoded> {
    let (q_lo, q_hi) = (target.quality.0.clamp(1, 100), target.quality.1.clamp(1, 100).max(target.quality.0));
    let Some((kb_min, kb_max)) = target.kb else {
        let q = DEFAULT_QUALITY.clamp(q_lo, q_hi);
        let bytes = encode(img, q, Sampling::S420, target.dpi)?;
        return Ok(Encoded { bytes, quality: q, sampling: Sampling::S420, in_window: true });
    };
    let (lo, hi) = (kb_min * KB, kb_max * KB);
    let mid = (lo + hi) / 2.0;
    let mut closest: Option<Encoded> = None;
    for sampling in [Sampling::S420, Sampling::S444] {
        let mut tried: Vec<(u8, Vec<u8>)> = Vec::new();
        let at = |q: u8, tried: &mut Vec<(u8, Vec<u8>)>| -> Result<usize> {
            if let Some(bytes) = tried.iter().find(|(tq, _)| *tq == q).map(|(_, b)| b.len()) {
                return Ok(bytes);
            }
            let bytes = encode(img, q, sampling, target.dpi)?;
            let n = bytes.len();
            tried.push((q, bytes));
            Ok(n)
        };
        // The smallest quality whose file reaches the middle, by bisection over [q_lo, q_hi].
        let (mut a, mut b) = (q_lo, q_hi);
        if (at(b, &mut tried)? as f64) >= mid {
            while a < b {
                let m = a + (b - a) / 2;
                if (at(m, &mut tried)? as f64) >= mid {
                    b = m;
                } else {
                    a = m + 1;
                }
            }
            if a > q_lo {
                at(a - 1, &mut tried)?;
            }
        }
        let best = tried
            .into_iter()
            .min_by(|x, y| (x.1.len() as f64 - mid).abs().total_cmp(&(y.1.len() as f64 - mid).abs()));
        let Some((quality, bytes)) = best else { continue };
        let size = bytes.len() as f64;
        let in_window = (lo..=hi).contains(&size);
        let candidate = Encoded { bytes, quality, sampling, in_window };
        let better =
            closest.as_ref().is_none_or(|c| distance(size, lo, hi) < distance(c.bytes.len() as f64, lo, hi));
        if better {
            closest = Some(candidate);
        }
        // Full chroma only helps a file that is too small even at the highest quality.
        if in_window || size > hi {
            break;
        }
    }
    closest.ok_or_else(|| Error::new(ErrorKind::InvalidOptions, "no JPEG could be encoded"))
}

/// How far a size is outside `[lo, hi]` (0 inside).
fn distance(size: f64, lo: f64, hi: f64) -> f64 {
    (lo - size).max(size - hi).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inspect::inspect;
    use crate::limits::Limits;

    /// A smooth picture with some detail, so that size depends on quality.
    fn picture(w: u32, h: u32) -> RgbImage {
        RgbImage::from_fn(w, h, |x, y| {
            let v = ((x * 7 + y * 3) % 64) as u8;
            image::Rgb([100 + v, 150 - v / 2, (x ^ y) as u8])
        })
    }

    #[test]
    fn lands_inside_the_window_with_300_dpi_and_no_metadata() {
        let img = picture(480, 640);
        let target = Target { kb: Some((20.0, 40.0)), quality: (60, 100), dpi: Some(300) };
        let e = encode_into(&img, &target).unwrap();
        let kb = e.bytes.len() as f64 / KB;
        assert!(e.in_window && (20.0..=40.0).contains(&kb), "{kb} KB at q{}", e.quality);
        let info = inspect(&e.bytes, &Limits::default()).unwrap();
        let jpeg = info.jpeg.unwrap();
        assert_eq!(jpeg.quality.map(|q| q.quality), Some(e.quality));
        assert!(jpeg.exif.is_none() && jpeg.icc.is_none());
        assert_eq!((info.width_px, info.height_px), (Some(480), Some(640)));
        // Our own decoder reads it back as the picture that was encoded.
        let back = image::load_from_memory(&e.bytes).unwrap().to_rgb8();
        let diff: f64 = back.as_raw().iter().zip(img.as_raw()).map(|(a, b)| f64::from(a.abs_diff(*b))).sum();
        let mean = diff / img.as_raw().len() as f64;
        assert!(mean < 12.0, "mean difference {mean}");
    }

    #[test]
    fn says_when_the_window_cannot_be_reached() {
        // Noise does not compress: even quality 60 is far above 1–2 KB.
        let img =
            RgbImage::from_fn(200, 200, |x, y| image::Rgb([((x * 73) ^ (y * 151)) as u8, (x * y) as u8, 9]));
        let target = Target { kb: Some((1.0, 2.0)), quality: (60, 100), dpi: Some(300) };
        let e = encode_into(&img, &target).unwrap();
        assert!(!e.in_window);
        assert_eq!(e.quality, 60);
    }
}
