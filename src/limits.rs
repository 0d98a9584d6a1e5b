//! Bounds on the work one input may cause, checked before the work is done.

use crate::error::{Error, ErrorKind, Result};

/// Bounds on input size, image dimensions and memory.
///
/// Each field names its default and the stage that enforces it. The defaults admit any phone photo
/// (a 50-megapixel sensor included) and refuse decompression bombs. Start from
/// [`Limits::default`] and change fields, or use [`Limits::no_limits`] for trusted input.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Limits {
    /// Largest input file in bytes. Default 64 MiB. Checked first, by `check`.
    pub max_input_bytes: u64,
    /// Largest image width in pixels. Default 16 384. Checked from the header, before decoding.
    pub max_width_px: u32,
    /// Largest image height in pixels. Default 16 384. Checked from the header, before decoding.
    pub max_height_px: u32,
    /// Largest width × height. Default 64 000 000. Checked from the header, before decoding.
    pub max_pixels: u64,
    /// Memory the decoder may allocate for pixels, in bytes. Default 768 MiB. Checked before
    /// decoding from the header dimensions, and passed into the decoder.
    pub max_alloc_bytes: u64,
    /// Most JPEG marker segments walked. Default 4 096. Respected by the JPEG inspector.
    pub max_jpeg_segments: u32,
    /// Most JPEG scans (progressive files have several). Default 256. Respected by the JPEG inspector.
    pub max_jpeg_scans: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input_bytes: 64 << 20,
            max_width_px: 16_384,
            max_height_px: 16_384,
            max_pixels: 64_000_000,
            max_alloc_bytes: 768 << 20,
            max_jpeg_segments: 4_096,
            max_jpeg_scans: 256,
        }
    }
}

impl Limits {
    /// No bounds at all: only for input you trust.
    pub fn no_limits() -> Self {
        Limits {
            max_input_bytes: u64::MAX,
            max_width_px: u32::MAX,
            max_height_px: u32::MAX,
            max_pixels: u64::MAX,
            max_alloc_bytes: u64::MAX,
            max_jpeg_segments: u32::MAX,
            max_jpeg_scans: u32::MAX,
        }
    }

    pub(crate) fn check_input_len(&self, len: usize) -> Result<()> {
        if len as u64 > self.max_input_bytes {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!("input of {len} bytes is over the limit of {} bytes", self.max_input_bytes),
            ));
        }
        Ok(())
    }

    /// Checks image dimensions and the memory that decoding them to RGB would take.
    pub(crate) fn check_dimensions(&self, width: u32, height: u32, bytes_per_pixel: u64) -> Result<()> {
        if width > self.max_width_px || height > self.max_height_px {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!(
                    "image of {width}×{height} px is over the limit of {}×{} px",
                    self.max_width_px, self.max_height_px
                ),
            ));
        }
        let pixels = u64::from(width) * u64::from(height);
        if pixels > self.max_pixels {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!("image of {pixels} pixels is over the limit of {} pixels", self.max_pixels),
            ));
        }
        let bytes = pixels.saturating_mul(bytes_per_pixel);
        if bytes > self.max_alloc_bytes {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!(
                    "decoding {width}×{height} px needs {bytes} bytes, over the limit of {} bytes",
                    self.max_alloc_bytes
                ),
            ));
        }
        Ok(())
    }
}
