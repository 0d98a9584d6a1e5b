//! Stage 6: the report, the product. Its JSON form is documented in `docs/report-schema.md` and is
//! byte-for-byte the same natively and in WebAssembly.

use serde::Serialize;

use crate::inspect::Inspection;
use crate::measure::{Measurement, Measurements};
use crate::overlay::Overlay;
use crate::profile::{Profile, Severity, Text};
use crate::rule::RuleId;
use crate::text;
use crate::verdict::{Outcome, Reason, Verdict, Verdicts};

/// Version of the report's JSON form. Raised on any change that could break a reader.
pub const SCHEMA_VERSION: u32 = 1;

/// The overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Overall {
    /// Every rule passes.
    Pass,
    /// No rule fails, some warn, every rule was measured.
    Warn,
    /// At least one rule fails.
    Fail,
    /// No rule fails, but some could not be measured (items the person checks, `needs_review`,
    /// do not count).
    Incomplete,
}

/// A measured value: a number in the item's unit, or a text such as `"600×800"`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// A number.
    Number(f64),
    /// A text.
    Text(String),
}

/// One rule's result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Rule id, e.g. `file.kb`.
    pub rule: RuleId,
    /// The rule's name.
    pub title: Text,
    /// pass / fail / warn / not_measured.
    pub verdict: Verdict,
    /// What failing this rule does: fail or warn.
    pub severity: Severity,
    /// Stable reason code: `in_range`, `above_max`, `not_jpeg`, `analysis_unavailable`, ….
    pub reason: Reason,
    /// The measured value, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// Unit of `value` and of `min`/`max`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'static str>,
    /// Smallest allowed value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Largest allowed value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// What is required, for rules that are not a numeric range (e.g. `"480×640"`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What was found.
    pub message: Text,
    /// What to do, for items that do not pass.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub advice: Option<Text>,
}

/// How many items have each verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Counts {
    /// Items that pass.
    pub pass: u32,
    /// Items that fail.
    pub fail: u32,
    /// Items that warn.
    pub warn: u32,
    /// Items not measured.
    pub not_measured: u32,
}

/// The profile a report was made against.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProfileSummary {
    /// Profile id.
    pub id: String,
    /// Profile title.
    pub title: Text,
    /// Required width.
    pub width_px: u32,
    /// Required height.
    pub height_px: u32,
}

/// What the file is: its name, when given, and what its headers say.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileSummary {
    /// The file name, when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Format, size, dimensions and JPEG details.
    #[serde(flatten)]
    pub inspection: Inspection,
}

/// The result of checking one photo against one profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Always first: the version of this JSON form.
    pub schema_version: u32,
    /// `photogate <version>`.
    pub generator: String,
    /// The profile used.
    pub profile: ProfileSummary,
    /// The overall verdict.
    pub verdict: Overall,
    /// Items per verdict.
    pub counts: Counts,
    /// What the file is.
    pub file: FileSummary,
    /// One item per rule of the profile, in the order of [`RuleId::ALL`].
    pub items: Vec<Item>,
    /// Where the analysis found the face, when it ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub overlay: Option<Overlay>,
}

impl Report {
    /// The report as compact JSON: the form the CLI's `--json` and the WebAssembly `check` return.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The item for a rule, if the profile has it.
    pub fn item(&self, rule: RuleId) -> Option<&Item> {
        self.items.iter().find(|i| i.rule == rule)
    }
}

/// Assembles the report from the verdicts: one item per rule the profile has, described in words.
pub fn build(
    profile: &Profile,
    inspection: &Inspection,
    measurements: &Measurements,
    verdicts: &Verdicts,
    file_name: Option<&str>,
    overlay: Option<Overlay>,
) -> Report {
    let mut items = Vec::new();
    let mut counts = Counts::default();
    for (rule, outcome) in verdicts.iter() {
        let (Some(m), Some(common)) = (measurements.get(rule), profile.rules.common(rule)) else { continue };
        let (message, advice) = text::describe(rule, m, outcome, common, profile);
        match outcome.verdict {
            Verdict::Pass => counts.pass += 1,
            Verdict::Fail => counts.fail += 1,
            Verdict::Warn => counts.warn += 1,
            Verdict::NotMeasured => counts.not_measured += 1,
        }
        let (min, max) = common.range.unwrap_or((None, None));
        items.push(Item {
            rule,
            title: rule.title(),
            verdict: outcome.verdict,
            severity: common.severity,
            reason: outcome.reason,
            value: value_of(m, outcome),
            unit: rule.unit(),
            min,
            max,
            expected: expected_of(rule, profile),
            message,
            advice,
        });
    }
    // Items the person checks (`needs_review`) are never measured, so they do not make a report
    // incomplete.
    let unmeasured =
        items.iter().filter(|i| i.verdict == Verdict::NotMeasured && i.reason != Reason::NeedsReview).count();
    let verdict = if counts.fail > 0 {
        Overall::Fail
    } else if unmeasured > 0 {
        Overall::Incomplete
    } else if counts.warn > 0 {
        Overall::Warn
    } else {
        Overall::Pass
    };
    Report {
        schema_version: SCHEMA_VERSION,
        generator: concat!("photogate ", env!("CARGO_PKG_VERSION")).to_string(),
        profile: ProfileSummary {
            id: profile.id.clone(),
            title: profile.title.clone(),
            width_px: profile.width_px,
            height_px: profile.height_px,
        },
        verdict,
        counts,
        file: FileSummary { name: file_name.map(str::to_string), inspection: inspection.clone() },
        items,
        overlay,
    }
}

/// Report numbers carry three decimals: enough for any rule, and the same natively and in wasm.
fn round3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

fn value_of(m: &Measurement, outcome: &Outcome) -> Option<Value> {
    match m {
        Measurement::Number(v) => Some(Value::Number(round3(*v))),
        Measurement::FaceCount { faces, .. } => Some(Value::Number(f64::from(*faces))),
        Measurement::Pose { roll_deg, yaw_deg, pitch_deg } => Some(Value::Text(format!(
            "roll {}°, yaw {}°, pitch {}°",
            text::num(*roll_deg),
            text::num(*yaw_deg),
            text::num(*pitch_deg)
        ))),
        Measurement::Colour { a, b, chroma } => Some(Value::Text(format!(
            "a* {}, b* {}, C* {}",
            text::num(*a),
            text::num(*b),
            text::num(*chroma)
        ))),
        Measurement::Color { .. } => outcome.nearest.as_ref().map(|n| Value::Number(round3(n.delta_e))),
        Measurement::Sharp { laplacian_var, .. } => Some(Value::Number(round3(*laplacian_var))),
        Measurement::Edits { bordered_edges } => Some(Value::Number(f64::from(*bordered_edges))),
        Measurement::Recapture { pattern_db, frame_pct } => Some(Value::Text(format!(
            "pattern {} dB, frame {}%",
            text::num(*pattern_db),
            text::num(*frame_pct)
        ))),
        Measurement::ClothesColor { blue_pct, .. } => Some(Value::Number(round3(*blue_pct))),
        Measurement::Format { format, .. } => Some(Value::Text(format.name().to_string())),
        Measurement::SizePx { width, height } => Some(Value::Text(format!("{width}×{height}"))),
        Measurement::BitDepth { components, precision_bits } => {
            Some(Value::Number(f64::from(*components) * f64::from(*precision_bits)))
        }
        Measurement::ColorSpace { color, icc } => {
            let base = match color {
                crate::jpeg::JpegColor::Grey => "grey",
                crate::jpeg::JpegColor::Ycbcr => "YCbCr",
                crate::jpeg::JpegColor::Rgb => "RGB",
                crate::jpeg::JpegColor::Cmyk => "CMYK",
                crate::jpeg::JpegColor::Ycck => "YCCK",
            };
            Some(Value::Text(match icc {
                Some(space) => format!("{base}+ICC({space})"),
                None => base.to_string(),
            }))
        }
        Measurement::Dpi(records) => records.first().map(|&(_, d)| Value::Number(round3(d))),
        Measurement::Name(name) => Some(Value::Text(name.clone())),
        Measurement::Unmeasured(_) => None,
    }
}

fn expected_of(rule: RuleId, profile: &Profile) -> Option<String> {
    match rule {
        RuleId::FileFormat => Some(match &profile.rules.file_format {
            Some(f) => format!("JPEG .{}", f.extensions.join("/.")),
            None => "JPEG".to_string(),
        }),
        RuleId::FileSizePx => Some(format!("{}×{}", profile.width_px, profile.height_px)),
        RuleId::FileBitDepth => Some("3×8 bit".to_string()),
        RuleId::FileColorSpace => Some("sRGB".to_string()),
        RuleId::BgColor => profile.rules.bg_color.as_ref().map(|b| {
            let names: Vec<&str> = b.references.iter().map(|r| r.name.as_str()).collect();
            format!("{} (ΔE ≤ {})", names.join(" / "), text::num(b.max_delta_e))
        }),
        RuleId::FacePose => profile.rules.face_pose.as_ref().map(|p| {
            let pitch = p.max_pitch_deg.map(|m| format!(", pitch ≤ {}°", text::num(m))).unwrap_or_default();
            format!("roll ≤ {}°, yaw ≤ {}°{pitch}", text::num(p.max_roll_deg), text::num(p.max_yaw_deg))
        }),
        RuleId::ImageColour => profile.rules.image_colour.as_ref().map(|c| {
            format!(
                "C* ≥ {}; a* {}–{}, b* {}–{}",
                text::num(c.min_skin_chroma),
                text::num(c.skin_a[0]),
                text::num(c.skin_a[1]),
                text::num(c.skin_b[0]),
                text::num(c.skin_b[1])
            )
        }),
        RuleId::ImageNoEdits => Some("0".to_string()),
        RuleId::FileName => profile.rules.file_name.as_ref().map(|n| match n.scheme {
            crate::profile::NameScheme::IdNumber => "18-digit ID number".to_string(),
            crate::profile::NameScheme::Sequence4 => "0001–9999".to_string(),
        }),
        _ => None,
    }
}
