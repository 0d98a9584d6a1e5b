//! Section 1 of the standard: properties of the file, from its headers.

use super::{Measurement, Unmeasured};
use crate::inspect::Inspection;
use crate::naming::split_name;
use crate::rule::RuleId;

/// Bytes in a KB, as file managers in China and the CHSI uploader count them.
pub(crate) const BYTES_PER_KB: f64 = 1024.0;

pub(super) fn measure(
    rule: RuleId,
    inspection: &Inspection,
    decode_error: Option<&str>,
    file_name: Option<&str>,
) -> Measurement {
    let jpeg = inspection.jpeg.as_ref();
    match rule {
        RuleId::FileFormat => Measurement::Format {
            format: inspection.format,
            decode_error: decode_error.map(str::to_string),
            extension: file_name.and_then(|n| split_name(n).1).map(str::to_string),
        },
        RuleId::FileSizePx => match (inspection.width_px, inspection.height_px) {
            (Some(width), Some(height)) => Measurement::SizePx { width, height },
            _ => Measurement::Unmeasured(Unmeasured::NotDecoded),
        },
        RuleId::FileKb => Measurement::Number(inspection.size_bytes as f64 / BYTES_PER_KB),
        RuleId::FileName => match file_name {
            Some(name) => Measurement::Name(name.to_string()),
            None => Measurement::Unmeasured(Unmeasured::NoFileName),
        },
        _ => {
            let Some(jpeg) = jpeg else { return Measurement::Unmeasured(Unmeasured::NotJpeg) };
            match rule {
                RuleId::FileBitDepth => {
                    Measurement::BitDepth { components: jpeg.components, precision_bits: jpeg.precision_bits }
                }
                RuleId::FileColorSpace => Measurement::ColorSpace {
                    color: jpeg.color,
                    icc: jpeg.icc.as_ref().map(|i| i.color_space.clone()),
                },
                RuleId::FileQuality => match jpeg.quality {
                    Some(q) => Measurement::Number(f64::from(q.quality)),
                    None => Measurement::Unmeasured(Unmeasured::NotDecoded),
                },
                _ => Measurement::Dpi(jpeg.dpi_records()),
            }
        }
    }
}
