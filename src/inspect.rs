//! Stage 1: what a file is, read from its headers without decoding pixels.

use std::io::Cursor;

use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};
use crate::jpeg::{inspect_jpeg, JpegInspection};
use crate::limits::Limits;
use crate::sniff::{sniff, Format};

/// What the headers of a file say.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inspection {
    /// The real format, from the signature.
    pub format: Format,
    /// Length of the file.
    pub size_bytes: u64,
    /// Stored width, when the format's header could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width_px: Option<u32>,
    /// Stored height, when the format's header could be read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height_px: Option<u32>,
    /// The JPEG details, for JPEG files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jpeg: Option<JpegInspection>,
}

/// Reads the format and headers of `bytes`.
///
/// Errors: [`ErrorKind::EmptyInput`], [`ErrorKind::UnknownFormat`] for bytes that are no image
/// format we know, [`ErrorKind::MalformedImage`] when the header cannot be read, and
/// [`ErrorKind::LimitExceeded`] for `max_input_bytes` and the JPEG segment and scan limits.
pub fn inspect(bytes: &[u8], limits: &Limits) -> Result<Inspection> {
    if bytes.is_empty() {
        return Err(Error::new(ErrorKind::EmptyInput, "the input is empty"));
    }
    limits.check_input_len(bytes.len())?;
    let format = sniff(bytes);
    let mut inspection =
        Inspection { format, size_bytes: bytes.len() as u64, width_px: None, height_px: None, jpeg: None };
    match format {
        Format::Unknown => {
            return Err(Error::new(
                ErrorKind::UnknownFormat,
                "the input is not a JPEG, PNG, WebP, GIF, BMP or HEIF image",
            ))
        }
        Format::Jpeg => {
            let jpeg = inspect_jpeg(bytes, limits)?;
            inspection.width_px = Some(jpeg.width_px);
            inspection.height_px = Some(jpeg.height_px);
            inspection.jpeg = Some(jpeg);
        }
        Format::Heif | Format::Avif => {}
        other => {
            let (w, h) = image_format(other)
                .and_then(|f| image::ImageReader::with_format(Cursor::new(bytes), f).into_dimensions().ok())
                .ok_or_else(|| {
                    Error::new(ErrorKind::MalformedImage, format!("cannot read the {} header", other.name()))
                })?;
            inspection.width_px = Some(w);
            inspection.height_px = Some(h);
        }
    }
    Ok(inspection)
}

/// The `image` crate's name for the formats it decodes.
pub(crate) fn image_format(format: Format) -> Option<image::ImageFormat> {
    match format {
        Format::Jpeg => Some(image::ImageFormat::Jpeg),
        Format::Png => Some(image::ImageFormat::Png),
        Format::Webp => Some(image::ImageFormat::WebP),
        Format::Gif => Some(image::ImageFormat::Gif),
        Format::Bmp => Some(image::ImageFormat::Bmp),
        _ => None,
    }
}
