//! Reads what a JPEG file says about itself, without decoding its pixels.
//!
//! Off-the-shelf decoders throw away what the standard checks: the JFIF density, the quantisation
//! tables (and so the quality factor), the coding process and the Adobe colour transform. This module
//! keeps them. Spec: ITU-T T.81 (JPEG), JFIF 1.02, EXIF 2.32, Adobe TN 5116, ICC.1.

#![deny(clippy::indexing_slicing)]

mod app;
mod dqt;
mod exif;
mod frame;
mod jfif;
mod marker;

use serde::Serialize;

pub use app::IccInfo;
pub use dqt::QualityEstimate;
pub use exif::ExifInfo;
pub use frame::Process;
pub use jfif::{DensityUnit, Jfif};

use crate::error::Result;
use crate::limits::Limits;
use dqt::QuantTable;
use marker::{malformed, Segment};

/// How the colour components are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum JpegColor {
    /// One component: greyscale.
    Grey,
    /// Three components, YCbCr (JFIF): ordinary colour.
    Ycbcr,
    /// Three components stored as RGB (Adobe transform 0, or component ids `R`, `G`, `B`).
    Rgb,
    /// Four components, CMYK (Adobe transform 0).
    Cmyk,
    /// Four components, YCCK (Adobe transform 2).
    Ycck,
}

/// Everything the JPEG inspector reads from a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct JpegInspection {
    /// Width from the frame header.
    pub width_px: u32,
    /// Height from the frame header.
    pub height_px: u32,
    /// Number of colour components: 1 grey, 3 colour, 4 CMYK/YCCK.
    pub components: u8,
    /// Bits per sample: 8 for ordinary files, 12 or 16 for extended ones.
    pub precision_bits: u8,
    /// Colour model of the components.
    pub color: JpegColor,
    /// Coding process.
    pub process: Process,
    /// Arithmetic rather than Huffman entropy coding.
    pub arithmetic: bool,
    /// Number of scans: 1 for sequential files.
    pub scans: u32,
    /// JFIF header, when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jfif: Option<Jfif>,
    /// EXIF facts, when an EXIF block is present and readable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exif: Option<ExifInfo>,
    /// Adobe APP14 colour transform, when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub adobe_transform: Option<u8>,
    /// Embedded ICC colour profile, when present.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub icc: Option<IccInfo>,
    /// Number of COM (comment) segments.
    pub comments: u32,
    /// Quality factor estimated from the quantisation tables (see the `dqt` module for the method).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quality: Option<QualityEstimate>,
    /// The file ends with an EOI marker.
    pub has_eoi: bool,
    /// The file ends before its data does.
    pub truncated: bool,
    /// Bytes after EOI.
    pub trailing_bytes: u64,
}

impl JpegInspection {
    /// The resolution in dots per inch from each place that records one: JFIF first, then EXIF.
    pub fn dpi_records(&self) -> Vec<(&'static str, f64)> {
        let jfif = self.jfif.as_ref().and_then(Jfif::dpi).map(|d| ("JFIF", d));
        let exif = self.exif.as_ref().and_then(|e| e.dpi).map(|d| ("EXIF", d));
        jfif.into_iter().chain(exif).collect()
    }
}

/// Inspects a JPEG file. Errors when the file is not a JPEG, a segment is malformed before the frame
/// header, there is no frame header, or a limit is hit.
pub fn inspect_jpeg(bytes: &[u8], limits: &Limits) -> Result<JpegInspection> {
    let walk = marker::walk(bytes, limits)?;
    let mut frame = None;
    let mut tables: Vec<QuantTable> = Vec::new();
    let (mut jfif, mut exif, mut adobe_transform) = (None, None, None);
    let mut icc: Option<(IccInfo, Option<String>)> = None;
    let mut comments = 0u32;
    for &Segment { marker, payload } in &walk.segments {
        match marker {
            m if marker::is_sof(m) && frame.is_none() => frame = Some(frame::parse_sof(m, payload)?),
            marker::DQT => dqt::parse_dqt(payload, &mut tables)?,
            marker::APP0 if jfif.is_none() => jfif = jfif::parse_jfif(payload),
            marker::APP1 if exif.is_none() => exif = exif::parse_exif(payload),
            marker::APP14 => adobe_transform = adobe_transform.or(app::parse_adobe_transform(payload)),
            marker::APP2 => {
                if let Some((number, data)) = app::parse_icc_chunk(payload) {
                    let entry =
                        icc.get_or_insert_with(|| (IccInfo { bytes: 0, color_space: String::new() }, None));
                    entry.0.bytes += data.len() as u64;
                    if number == 1 {
                        entry.1 = Some(app::icc_color_space(data));
                    }
                }
            }
            marker::COM => comments += 1,
            _ => {}
        }
    }
    let frame = frame.ok_or_else(|| malformed("no frame header (SOF) before the image data"))?;
    let components = frame.components.len() as u8;
    let color = match components {
        1 => JpegColor::Grey,
        3 if adobe_transform == Some(0) => JpegColor::Rgb,
        3 if adobe_transform.is_none()
            && jfif.is_none()
            && frame.components.iter().map(|c| c.id).eq(*b"RGB") =>
        {
            JpegColor::Rgb
        }
        4 if adobe_transform == Some(2) => JpegColor::Ycck,
        4 => JpegColor::Cmyk,
        _ => JpegColor::Ycbcr,
    };
    let table_of = |index: usize| {
        let id = frame.components.get(index)?.quant_table;
        tables.iter().find(|t| t.id == id)
    };
    let quality = match (table_of(0), color) {
        (Some(luma), JpegColor::Ycbcr | JpegColor::Grey) => {
            Some(dqt::estimate_quality(luma, table_of(1).filter(|c| c.id != luma.id)))
        }
        (Some(first), _) => Some(dqt::estimate_quality(first, None)),
        (None, _) => None,
    };
    let icc = icc.map(|(mut info, space)| {
        info.color_space = space.unwrap_or_default();
        info
    });
    Ok(JpegInspection {
        width_px: frame.width_px,
        height_px: frame.height_px,
        components,
        precision_bits: frame.precision_bits,
        color,
        process: frame.process,
        arithmetic: frame.arithmetic,
        scans: walk.scans,
        jfif,
        exif,
        adobe_transform,
        icc,
        comments,
        quality,
        has_eoi: walk.has_eoi,
        truncated: walk.truncated,
        trailing_bytes: walk.trailing_bytes as u64,
    })
}
