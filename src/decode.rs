//! Stage 2: pixels, upright, as 8-bit RGB — after the limits have said yes.

use std::io::Cursor;

use image::metadata::Orientation;
use image::{DynamicImage, ImageDecoder, RgbImage};

use crate::error::{Error, ErrorKind, Result};
use crate::inspect::{image_format, Inspection};
use crate::limits::Limits;

/// A decoded photo: 8-bit RGB, turned upright by its EXIF orientation.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub(crate) rgb: RgbImage,
}

impl Decoded {
    /// Width of the upright image.
    pub fn width_px(&self) -> u32 {
        self.rgb.width()
    }

    /// Height of the upright image.
    pub fn height_px(&self) -> u32 {
        self.rgb.height()
    }

    /// The upright pixels, 8-bit RGB.
    pub fn rgb(&self) -> &image::RgbImage {
        &self.rgb
    }

    /// Pixels decoded by someone else (a browser's `createImageBitmap`, for HEIF or AVIF, which this
    /// crate cannot decode): `rgba` is `width`×`height` upright 8-bit RGBA, row by row; alpha is
    /// dropped. Checked against `limits` (width, height, pixels, memory) before the RGB copy is
    /// allocated.
    ///
    /// Errors: [`ErrorKind::LimitExceeded`]; [`ErrorKind::InvalidOptions`] when `rgba` is not
    /// `width × height × 4` bytes.
    pub fn from_rgba(width: u32, height: u32, rgba: &[u8], limits: &Limits) -> Result<Decoded> {
        limits.check_dimensions(width, height, 3)?;
        let pixels = u64::from(width) * u64::from(height);
        if rgba.len() as u64 != pixels * 4 || pixels == 0 {
            return Err(Error::new(
                ErrorKind::InvalidOptions,
                format!("RGBA pixels of {width}×{height} need {} bytes, not {}", pixels * 4, rgba.len()),
            ));
        }
        let mut rgb = Vec::new();
        rgb.try_reserve_exact(rgba.len() / 4 * 3).map_err(|e| {
            Error::new(ErrorKind::LimitExceeded, format!("cannot reserve {width}×{height} RGB pixels: {e}"))
        })?;
        rgb.extend(rgba.chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]));
        let rgb = RgbImage::from_raw(width, height, rgb)
            .ok_or_else(|| Error::new(ErrorKind::InvalidOptions, "RGBA pixels do not fill the image"))?;
        Ok(Decoded { rgb })
    }
}

/// Decoding needs the decoded buffer (up to 4 bytes a pixel for CMYK or RGBA) plus our RGB copy.
const DECODE_BYTES_PER_PIXEL: u64 = 4 + 3;

/// Decodes `bytes` as inspected. Dimensions and memory are checked against `limits` from the header
/// before anything is allocated, and the limits are passed into the decoder as well.
///
/// Errors: [`ErrorKind::LimitExceeded`]; [`ErrorKind::MalformedImage`] when the decoder fails
/// (damaged data, or a coding it does not support such as arithmetic-coded or 12-bit JPEG, HEIF).
pub fn decode(bytes: &[u8], inspection: &Inspection, limits: &Limits) -> Result<Decoded> {
    let format = image_format(inspection.format).ok_or_else(|| {
        Error::new(ErrorKind::MalformedImage, format!("cannot decode {} images", inspection.format.name()))
    })?;
    let (Some(width), Some(height)) = (inspection.width_px, inspection.height_px) else {
        return Err(Error::new(ErrorKind::MalformedImage, "image dimensions unknown"));
    };
    limits.check_dimensions(width, height, DECODE_BYTES_PER_PIXEL)?;

    let mut decoder_limits = image::Limits::default();
    decoder_limits.max_image_width = Some(limits.max_width_px);
    decoder_limits.max_image_height = Some(limits.max_height_px);
    decoder_limits.max_alloc = Some(limits.max_alloc_bytes);
    let mut reader = image::ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(decoder_limits);
    let mut decoder = reader.into_decoder().map_err(from_image)?;
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(from_image)?;
    image.apply_orientation(orientation);
    let rgb = match image {
        DynamicImage::ImageRgb8(rgb) => rgb,
        other => other.to_rgb8(),
    };
    Ok(Decoded { rgb })
}

/// The one place where the `image` crate's errors become ours.
fn from_image(e: image::ImageError) -> Error {
    match e {
        image::ImageError::Limits(_) => Error::new(ErrorKind::LimitExceeded, format!("decoder limit: {e}")),
        image::ImageError::Unsupported(_) => {
            Error::new(ErrorKind::MalformedImage, format!("unsupported image coding: {e}"))
        }
        _ => Error::new(ErrorKind::MalformedImage, format!("cannot decode the image: {e}")),
    }
    .with_source(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rgba_pixels_become_rgb_within_the_limits() {
        let rgba = [1, 2, 3, 255, 4, 5, 6, 0];
        let decoded = Decoded::from_rgba(2, 1, &rgba, &Limits::default()).unwrap();
        assert_eq!(decoded.rgb().as_raw(), &[1, 2, 3, 4, 5, 6]);
        let wrong = Decoded::from_rgba(2, 2, &rgba, &Limits::default()).unwrap_err();
        assert_eq!(wrong.code(), "invalid_options");
        assert_eq!(Decoded::from_rgba(0, 0, &[], &Limits::default()).unwrap_err().code(), "invalid_options");
        let small = Limits { max_pixels: 1, ..Limits::default() };
        assert_eq!(Decoded::from_rgba(2, 1, &rgba, &small).unwrap_err().code(), "limit_exceeded");
    }
}
