//! Stage 4: measurements, plain facts and numbers from the inspected file and the analysed photo.
//! They know nothing of thresholds; [`crate::verdict`] compares them with a profile.

pub(crate) mod background;
pub(crate) mod clothes;
mod content;
pub(crate) mod cover;
pub(crate) mod eyes;
pub(crate) mod face;
mod file;
pub(crate) mod geometry;
pub(crate) mod light;
pub(crate) mod picture;
pub(crate) mod recapture;
mod scene;
mod stats;

pub(crate) use content::{Ctx, Face};

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
    /// No face was found, so nothing about the face can be measured.
    NoFace,
    /// The person mask does not cover the face (the segmentation did not find the person).
    NoPerson,
    /// Too little background is visible to judge it.
    NoBackground,
    /// The clothes are not in the picture.
    NoClothes,
    /// The rule is not measured automatically: the person checks it (the report says what to check).
    NeedsReview,
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
    /// `geom.face_count`: faces of similar size to the main one (the main one included), and smaller
    /// faces further back.
    FaceCount {
        /// Faces at least half as wide as the largest.
        faces: u32,
        /// Smaller faces.
        background_faces: u32,
    },
    /// `face.pose`: head roll, yaw and pitch in degrees.
    Pose {
        /// Roll: the eye line's angle to the horizontal.
        roll_deg: f64,
        /// Yaw: the head turned left or right.
        yaw_deg: f64,
        /// Pitch: the head tilted up (negative) or down (positive).
        pitch_deg: f64,
    },
    /// `image.colour`: the skin's mean colour and how much colour the face has.
    Colour {
        /// Mean CIE a* of the skin pixels.
        a: f64,
        /// Mean CIE b* of the skin pixels.
        b: f64,
        /// Mean CIE chroma C* of the skin pixels.
        chroma: f64,
    },
    /// `bg.color`: the mean background colour, sRGB 0–255.
    Color {
        /// Red, green, blue.
        rgb: [f64; 3],
    },
    /// `image.sharp`: Laplacian variance of the face and its colourfulness.
    Sharp {
        /// Variance of the Laplacian of the face's luma at 128 × 128.
        laplacian_var: f64,
        /// Mean CIE chroma of the skin.
        chroma: f64,
    },
    /// `image.no_edits`: edges that carry a solid border.
    Edits {
        /// 0–4.
        bordered_edges: u8,
    },
    /// `image.recapture`: the signs of a photographed screen or print.
    Recapture {
        /// Contrast of the strongest isolated periodic peak of the luma spectrum, dB.
        pattern_db: f64,
        /// Share of its length that the best straight edge line covers on the weakest of the sides
        /// left of, right of and above the face, %.
        frame_pct: f64,
    },
    /// `clothes.color`: how much of the clothes is blue, and the background's colour.
    ClothesColor {
        /// Share of the clothes samples that are blue, %.
        blue_pct: f64,
        /// The mean background colour, sRGB 0–255.
        background_rgb: [f64; 3],
    },
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
/// picture with its face and scene analysis; pixel measurements are given at `reference_px` (the
/// profile's width and height), as if the picture were scaled to it.
pub fn measure(
    inspection: &Inspection,
    decode_error: Option<&str>,
    analysis: Option<&Analysis>,
    file_name: Option<&str>,
    reference_px: (u32, u32),
) -> Measurements {
    let mut by_rule = BTreeMap::new();
    for &rule in RuleId::ALL {
        if rule.is_file_rule() {
            by_rule.insert(rule, file::measure(rule, inspection, decode_error, file_name));
        }
    }
    by_rule.extend(content::measure_all(decode_error.is_some(), analysis, reference_px));
    Measurements { by_rule }
}

impl Measurements {
    /// The number measured for a rule, when it is one.
    pub fn number(&self, rule: RuleId) -> Option<f64> {
        match self.get(rule)? {
            Measurement::Number(v) => Some(*v),
            _ => None,
        }
    }
}
