//! Stage 4: measurements, plain facts and numbers from the inspected file and the analysed photo.
//! They know nothing of thresholds; [`crate::verdict`] compares them with a profile.

mod content;
mod file;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::inspect::Inspection;
use crate::jpeg::JpegColor;
use crate::rule::RuleId;
use crate::sniff::Format;

/// Why a rule could not be measured. The string forms are stable reason codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Unmeasured {
    /// Face and scene analysis is not available in this build.
    AnalysisUnavailable,
    /// The file could not be decoded, so nothing in the picture can be measured.
    NotDecoded,
    /// The file is not a JPEG, so JPEG properties do not exist.
    NotJpeg,
    /// No file name was given.
    NoFileName,
}

/// One measurement.
#[derive(Debug, Clone, PartialEq)]
pub enum Measurement {
    /// A number in the rule's unit.
    Number(f64),
    /// `file.format`: the real format, whether it decodes, and the file name's extension.
    Format {
        /// Format from the signature.
        format: Format,
        /// Why decoding failed, when it did.
        decode_error: Option<String>,
        /// The extension of the given file name, without the dot.
        extension: Option<String>,
    },
    /// `file.size_px`: stored width and height.
    SizePx {
        /// Width.
        width: u32,
        /// Height.
        height: u32,
    },
    /// `file.bit_depth`: components and bits per component.
    BitDepth {
        /// 1, 3 or 4.
        components: u8,
        /// Bits per sample.
        precision_bits: u8,
    },
    /// `file.color_space`: colour model and the embedded ICC profile's colour space, if any.
    ColorSpace {
        /// Colour model.
        color: JpegColor,
        /// `Some("RGB")` etc. when an ICC profile is embedded.
        icc: Option<String>,
    },
    /// `file.dpi`: each place the file records a resolution, in dots per inch.
    Dpi(Vec<(&'static str, f64)>),
    /// `file.name`: the file name as given.
    Name(String),
    /// Not measured, and why.
    Unmeasured(Unmeasured),
}

/// Every measurement of one photo, by rule.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Measurements {
    by_rule: BTreeMap<RuleId, Measurement>,
}

impl Measurements {
    /// The measurement for a rule.
    pub fn get(&self, rule: RuleId) -> Option<&Measurement> {
        self.by_rule.get(&rule)
    }
}

/// Measures every rule. `decode_error` says why pixels are missing when they are; `analysis` is the
/// face and scene analysis when one was made.
pub fn measure(
    inspection: &Inspection,
    decode_error: Option<&str>,
    analysis: Option<&Analysis>,
    file_name: Option<&str>,
) -> Measurements {
    let mut by_rule = BTreeMap::new();
    for &rule in RuleId::ALL {
        let m = if rule.is_file_rule() {
            file::measure(rule, inspection, decode_error, file_name)
        } else {
            content::measure(rule, decode_error.is_some(), analysis)
        };
        by_rule.insert(rule, m);
    }
    Measurements { by_rule }
}
