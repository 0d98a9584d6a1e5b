//! Profiles: the standard as data. A profile names the output size and every rule's threshold and
//! severity; code never branches on a profile's name.
//!
//! Built-in profiles live in `profiles/*.json`. A custom profile is a JSON document of the same form;
//! it may start from a built-in one with `"extends": "chsi"` and then override fields (objects are
//! merged key by key, `null` removes a rule). The format is documented in `docs/profile-format.md`.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::error::{Error, ErrorKind, Result};
use crate::rule::{RuleId, RuleParams};

/// A text in Chinese and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Simplified Chinese.
    pub zh: String,
    /// English.
    pub en: String,
}

/// What a rule that is not met does to the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The photo fails ("应" rules of the standard and the CHSI checker's items).
    Fail,
    /// The photo passes with a warning (rules worded "一般", generally).
    Warn,
}

/// A numeric rule: the measured value must lie in `[min, max]` (either bound may be absent).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RangeRule {
    /// Fail or warn.
    pub severity: Severity,
    /// Smallest allowed value, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Largest allowed value, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// For a rule whose severity is `fail`: below this (but within `min`) the rule warns. A rule that
    /// fails only when the measurement is clear warns in between.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_min: Option<f64>,
    /// Above this (but within `max`) the rule warns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_max: Option<f64>,
    /// Where the threshold comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A rule with no parameter of its own.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasicRule {
    /// Fail or warn.
    pub severity: Severity,
    /// Where the rule comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// `file.format`: JPEG, with one of the given file name extensions when a name is known.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormatRule {
    /// Fail or warn.
    pub severity: Severity,
    /// Allowed extensions without the dot, compared ignoring case, e.g. `["jpg"]`.
    pub extensions: Vec<String>,
    /// Where the rule comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Whether an embedded ICC colour profile is acceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmbeddedProfile {
    /// An RGB profile may be embedded.
    Allow,
    /// No profile may be embedded.
    Forbid,
}

/// `file.color_space`: colour (YCbCr or RGB), never CMYK or grey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColorSpaceRule {
    /// Fail or warn.
    pub severity: Severity,
    /// Whether an ICC profile may be embedded.
    pub embedded_profile: EmbeddedProfile,
    /// Where the rule comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// How files must be named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NameScheme {
    /// The 18-digit resident ID number with a valid GB 11643-1999 check digit.
    IdNumber,
    /// A 4-digit sequence number 0001–9999.
    Sequence4,
}

/// `file.name`: the file name (without extension) follows a scheme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameRule {
    /// Fail or warn.
    pub severity: Severity,
    /// The naming scheme.
    pub scheme: NameScheme,
    /// Where the rule comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// `face.pose`: head roll and yaw limits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoseRule {
    /// Fail or warn.
    pub severity: Severity,
    /// Largest allowed |roll| in degrees.
    pub max_roll_deg: f64,
    /// Largest allowed |yaw| in degrees.
    pub max_yaw_deg: f64,
    /// Largest allowed |pitch| (head up or down) in degrees; no limit when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_pitch_deg: Option<f64>,
    /// Where the rule comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// `image.colour`: a colour picture with natural skin colour. A grey picture gets the rule's
/// severity; a skin colour outside the natural ranges (a colour cast, a sepia tone) warns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColourRule {
    /// Fail or warn, for a picture without colour.
    pub severity: Severity,
    /// Below this mean CIE chroma C* of the skin the picture is grey.
    pub min_skin_chroma: f64,
    /// Natural range of the skin's mean CIE a*.
    pub skin_a: [f64; 2],
    /// Natural range of the skin's mean CIE b*.
    pub skin_b: [f64; 2],
    /// Where the rule comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// `image.recapture`: a photo of a screen or a print; either sign beyond its bound gives the
/// rule's severity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecaptureRule {
    /// Fail or warn.
    pub severity: Severity,
    /// Largest contrast of a periodic peak of the luma spectrum, dB.
    pub max_pattern_db: f64,
    /// Largest share of the rows beside the face covered by straight edges on both sides, %.
    pub max_frame_pct: f64,
    /// Where the rule comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// `clothes.color`: on a background near `background`, the share of the clothes that is blue must
/// stay within `max` (and `warn_max`, for a rule that fails only when clear). On any other
/// background the rule passes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClothesColorRule {
    /// Fail or warn.
    pub severity: Severity,
    /// The background on which blue clothes are not allowed.
    pub background: BgReference,
    /// The measured background counts as `background` within this CIE ΔE (CIEDE2000).
    pub max_background_delta_e: f64,
    /// Largest share of blue clothes samples, %.
    pub max: f64,
    /// Above this share (but within `max`) the rule warns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warn_max: Option<f64>,
    /// Where the rule comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl RuleParams for ClothesColorRule {
    fn common(&self) -> RuleCommon<'_> {
        RuleCommon {
            severity: self.severity,
            range: Some((None, Some(self.max))),
            warn_range: self.warn_max.map(|w| (None, Some(w))),
            source: self.source.as_deref(),
        }
    }
}

/// A reference background colour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BgReference {
    /// Short name: `blue`, `white`, `grey`.
    pub name: String,
    /// sRGB colour.
    pub rgb: [u8; 3],
}

/// `bg.color`: the background is near one of the reference colours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BgColorRule {
    /// Fail or warn.
    pub severity: Severity,
    /// Accepted colours.
    pub references: Vec<BgReference>,
    /// Largest CIE ΔE (CIEDE2000) from the nearest reference.
    pub max_delta_e: f64,
    /// Where the rule comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

pub use crate::rule::Rules;

/// What every rule has in common, whatever its parameters.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RuleCommon<'a> {
    /// Fail or warn.
    pub severity: Severity,
    /// The numeric range, for range rules.
    pub range: Option<(Option<f64>, Option<f64>)>,
    /// The narrower range outside which a range rule warns (inside `range`), when it has one.
    pub warn_range: Option<(Option<f64>, Option<f64>)>,
    /// Where the rule comes from.
    pub source: Option<&'a str>,
}

impl RuleParams for RangeRule {
    fn common(&self) -> RuleCommon<'_> {
        RuleCommon {
            severity: self.severity,
            range: Some((self.min, self.max)),
            warn_range: (self.warn_min.is_some() || self.warn_max.is_some())
                .then_some((self.warn_min, self.warn_max)),
            source: self.source.as_deref(),
        }
    }
}

macro_rules! basic_params {
    ($($t:ty),*) => {$(
        impl RuleParams for $t {
            fn common(&self) -> RuleCommon<'_> {
                RuleCommon {
                    severity: self.severity,
                    range: None,
                    warn_range: None,
                    source: self.source.as_deref(),
                }
            }
        }
    )*};
}

basic_params!(
    BasicRule,
    FormatRule,
    ColorSpaceRule,
    NameRule,
    PoseRule,
    BgColorRule,
    ColourRule,
    RecaptureRule
);

/// A profile: the output size and the rules with their thresholds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Short id, e.g. `chsi`.
    pub id: String,
    /// Name shown to people.
    pub title: Text,
    /// The regulation the profile follows.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Required width; pixel thresholds of the profile are at this size.
    pub width_px: u32,
    /// Required height.
    pub height_px: u32,
    /// The rules.
    pub rules: Rules,
}

const BUILTIN: &[(&str, &str)] = &[
    ("chsi", include_str!("../profiles/chsi.json")),
    ("chsi-nanjing", include_str!("../profiles/chsi-nanjing.json")),
    ("chsi-jiangsu", include_str!("../profiles/chsi-jiangsu.json")),
    ("xinhua-960", include_str!("../profiles/xinhua-960.json")),
];

/// Largest width or height a profile may ask for.
const MAX_PROFILE_SIDE_PX: u32 = 8192;

/// Deepest `extends` chain followed.
const MAX_EXTENDS_DEPTH: usize = 4;

impl Profile {
    /// The ids of the built-in profiles, the default first.
    pub fn builtin_ids() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(id, _)| *id)
    }

    /// A built-in profile by id. Errors with [`ErrorKind::InvalidProfile`] for an unknown id.
    pub fn builtin(id: &str) -> Result<Profile> {
        Profile::from_value(builtin_value(id, 0)?)
    }

    /// The default profile, `chsi`.
    pub fn chsi() -> Profile {
        // The built-in JSON is checked by this crate's tests, so this cannot fail at run time.
        Profile::builtin("chsi").unwrap_or_else(|_| Profile {
            id: "chsi".into(),
            title: Text { zh: String::new(), en: String::new() },
            source: String::new(),
            width_px: 480,
            height_px: 640,
            rules: Rules::default(),
        })
    }

    /// Parses a custom profile from JSON. Errors name the field at fault, e.g.
    /// `rules.file.kb.min: invalid type: string "x", expected f64`.
    pub fn from_json(json: &str) -> Result<Profile> {
        let value: Value =
            serde_json::from_str(json).map_err(|e| invalid(format!("profile is not valid JSON: {e}")))?;
        Profile::from_value(resolve_extends(value, 0)?)
    }

    fn from_value(value: Value) -> Result<Profile> {
        let profile: Profile = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            invalid(format!("profile field `{path}`: {}", e.into_inner()))
        })?;
        profile.validate()?;
        Ok(profile)
    }

    fn validate(&self) -> Result<()> {
        if self.id.trim().is_empty() {
            return Err(invalid("profile field `id`: must not be empty"));
        }
        for (field, side) in [("width_px", self.width_px), ("height_px", self.height_px)] {
            if side == 0 || side > MAX_PROFILE_SIDE_PX {
                return Err(invalid(format!(
                    "profile field `{field}`: {side} is not in 1–{MAX_PROFILE_SIDE_PX}"
                )));
            }
        }
        for &id in RuleId::ALL {
            let Some(common) = self.rules.common(id) else { continue };
            if let Some((min, max)) = common.range {
                for (name, bound) in [("min", min), ("max", max)] {
                    if bound.is_some_and(|b| !b.is_finite()) {
                        return Err(invalid(format!(
                            "profile field `rules.{}.{name}`: not a finite number",
                            id.as_str()
                        )));
                    }
                }
                if let (Some(lo), Some(hi)) = (min, max) {
                    if lo > hi {
                        return Err(invalid(format!(
                            "profile field `rules.{}`: min {lo} is greater than max {hi}",
                            id.as_str()
                        )));
                    }
                }
                let (warn_min, warn_max) = common.warn_range.unwrap_or((None, None));
                for (name, bound) in [("warn_min", warn_min), ("warn_max", warn_max)] {
                    if bound.is_some_and(|b| !b.is_finite()) {
                        return Err(invalid(format!(
                            "profile field `rules.{}.{name}`: not a finite number",
                            id.as_str()
                        )));
                    }
                }
                let outside = |w: Option<f64>, lo: Option<f64>, hi: Option<f64>| {
                    w.is_some_and(|w| lo.is_some_and(|lo| w < lo) || hi.is_some_and(|hi| w > hi))
                };
                if outside(warn_min, min, max) || outside(warn_max, min, max) {
                    return Err(invalid(format!(
                        "profile field `rules.{}`: warn_min and warn_max must lie within min and max",
                        id.as_str()
                    )));
                }
                if min.is_none() && max.is_none() {
                    return Err(invalid(format!(
                        "profile field `rules.{}`: needs min, max or both",
                        id.as_str()
                    )));
                }
            }
        }
        if let Some(format) = &self.rules.file_format {
            if format.extensions.is_empty() {
                return Err(invalid("profile field `rules.file.format.extensions`: must name at least one"));
            }
        }
        if let Some(bg) = &self.rules.bg_color {
            if bg.references.is_empty() {
                return Err(invalid(
                    "profile field `rules.bg.color.references`: must name at least one colour",
                ));
            }
            if !(bg.max_delta_e.is_finite() && bg.max_delta_e > 0.0) {
                return Err(invalid("profile field `rules.bg.color.max_delta_e`: must be a positive number"));
            }
        }
        if let Some(pose) = &self.rules.face_pose {
            let pitch = pose.max_pitch_deg.unwrap_or_default();
            for (name, v) in [
                ("max_roll_deg", pose.max_roll_deg),
                ("max_yaw_deg", pose.max_yaw_deg),
                ("max_pitch_deg", pitch),
            ] {
                if !(v.is_finite() && v >= 0.0) {
                    return Err(invalid(format!(
                        "profile field `rules.face.pose.{name}`: must be a number ≥ 0"
                    )));
                }
            }
        }
        if let Some(colour) = &self.rules.image_colour {
            let ranges = [colour.skin_a, colour.skin_b];
            if !colour.min_skin_chroma.is_finite()
                || ranges.iter().flatten().any(|v| !v.is_finite())
                || ranges.iter().any(|[lo, hi]| lo > hi)
            {
                return Err(invalid(
                    "profile field `rules.image.colour`: bounds must be finite and each range [low, high]",
                ));
            }
        }
        Ok(())
    }

    /// The profile as pretty JSON, in the format [`Profile::from_json`] reads.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::InvalidProfile, message)
}

fn builtin_value(id: &str, depth: usize) -> Result<Value> {
    let (_, json) = BUILTIN.iter().find(|(name, _)| *name == id).ok_or_else(|| {
        let known: Vec<&str> = Profile::builtin_ids().collect();
        invalid(format!("unknown profile `{id}`: built-in profiles are {}", known.join(", ")))
    })?;
    let value = serde_json::from_str(json).map_err(|e| invalid(format!("built-in profile `{id}`: {e}")))?;
    resolve_extends(value, depth)
}

/// Replaces `"extends": "<builtin>"` by the built-in profile with this document merged over it.
fn resolve_extends(mut value: Value, depth: usize) -> Result<Value> {
    let Some(object) = value.as_object_mut() else {
        return Err(invalid("profile must be a JSON object"));
    };
    let Some(parent) = object.remove("extends") else { return Ok(value) };
    let Some(parent) = parent.as_str() else {
        return Err(invalid("profile field `extends`: must be the id of a built-in profile"));
    };
    if depth >= MAX_EXTENDS_DEPTH {
        return Err(invalid("profile field `extends`: chain too deep"));
    }
    let mut base = builtin_value(parent, depth + 1)?;
    merge(&mut base, value);
    Ok(base)
}

/// Merges `over` into `base`: objects key by key, anything else replaced; `null` removes the key.
fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(base), Value::Object(over)) => {
            for (key, value) in over {
                if value.is_null() {
                    base.remove(&key);
                } else if let Some(slot) = base.get_mut(&key) {
                    if slot.is_object() && value.is_object() {
                        merge(slot, value);
                    } else {
                        *slot = value;
                    }
                } else {
                    base.insert(key, value);
                }
            }
        }
        (base, over) => *base = over,
    }
}
