//! Stage 5: a measurement compared with the profile's rule gives a verdict and a stable reason code.

use serde::Serialize;

use crate::color::{delta_e2000, lab, lab_from_linear, to_linear};
use crate::jpeg::JpegColor;
use crate::measure::{Measurement, Unmeasured};
use crate::naming::{check_id_number, check_sequence4, split_name, NameProblem};
use crate::profile::{EmbeddedProfile, NameScheme, Profile, Severity};
use crate::rule::RuleId;
use crate::sniff::Format;

/// The verdict on one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The rule is met.
    Pass,
    /// The rule is not met and its severity is `fail`.
    Fail,
    /// The rule is not met and its severity is `warn`.
    Warn,
    /// The rule could not be measured; the reason says why.
    NotMeasured,
}

/// A verdict with the stable code of its reason, e.g. (`Fail`, `"above_max"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// The verdict.
    pub verdict: Verdict,
    /// Stable snake_case reason code.
    pub reason: &'static str,
}

/// Evaluates one rule; `None` when the profile does not have it.
pub fn evaluate(rule: RuleId, measurement: &Measurement, profile: &Profile) -> Option<Outcome> {
    let common = profile.rules.common(rule)?;
    let met = |reason: &'static str| Outcome { verdict: Verdict::Pass, reason };
    let unmet = |reason: &'static str| Outcome {
        verdict: match common.severity {
            Severity::Fail => Verdict::Fail,
            Severity::Warn => Verdict::Warn,
        },
        reason,
    };
    let outcome = match measurement {
        Measurement::Unmeasured(why) => {
            Outcome { verdict: Verdict::NotMeasured, reason: unmeasured_code(*why) }
        }
        Measurement::Number(value) => match common.range {
            Some(range) => match compare(*value, range) {
                None => met("in_range"),
                Some(reason) => unmet(reason),
            },
            None => met("in_range"),
        },
        Measurement::Format { format, decode_error, extension } => {
            let allowed =
                profile.rules.file_format.as_ref().map(|r| r.extensions.as_slice()).unwrap_or_default();
            if *format != Format::Jpeg {
                unmet("not_jpeg")
            } else if decode_error.is_some() {
                unmet("cannot_decode")
            } else if extension.as_ref().is_some_and(|e| !allowed.iter().any(|a| a.eq_ignore_ascii_case(e))) {
                unmet("wrong_extension")
            } else {
                met("ok")
            }
        }
        Measurement::SizePx { width, height } => {
            if (*width, *height) == (profile.width_px, profile.height_px) {
                met("ok")
            } else {
                unmet("wrong_size")
            }
        }
        Measurement::BitDepth { components, precision_bits } => match (components, precision_bits) {
            (3, 8) => met("ok"),
            (1, _) => unmet("grey"),
            (4, _) => unmet("cmyk"),
            _ => unmet("not_8_bit"),
        },
        Measurement::ColorSpace { color, icc } => {
            let embedded = profile.rules.file_color_space.as_ref().map(|r| r.embedded_profile);
            match (color, icc.as_deref()) {
                (JpegColor::Cmyk | JpegColor::Ycck, _) => unmet("cmyk"),
                (JpegColor::Grey, _) => unmet("grey"),
                (_, Some(_)) if embedded == Some(EmbeddedProfile::Forbid) => unmet("embedded_profile"),
                (_, Some(space)) if space != "RGB" => unmet("non_rgb_profile"),
                _ => met("ok"),
            }
        }
        Measurement::Dpi(records) => match (records.as_slice(), common.range) {
            ([], _) => unmet("not_recorded"),
            (records, Some(range)) => match records.iter().find_map(|&(_, dpi)| compare(dpi, range)) {
                None => met("in_range"),
                Some(reason) => unmet(reason),
            },
            (_, None) => met("in_range"),
        },
        Measurement::FaceCount { faces, background_faces } => {
            let faces = f64::from(*faces);
            match compare(faces, common.range.unwrap_or((Some(1.0), Some(1.0)))) {
                Some(_) if faces == 0.0 => unmet("no_face"),
                Some(_) => unmet("several_faces"),
                None if *background_faces > 0 => {
                    Outcome { verdict: Verdict::Warn, reason: "background_person" }
                }
                None => met("in_range"),
            }
        }
        Measurement::Pose { roll_deg, yaw_deg } => match &profile.rules.face_pose {
            Some(rule) => {
                // The larger excess over its own limit names the problem.
                let roll = roll_deg.abs() / rule.max_roll_deg.max(f64::MIN_POSITIVE);
                let yaw = yaw_deg.abs() / rule.max_yaw_deg.max(f64::MIN_POSITIVE);
                match (roll > 1.0, yaw > 1.0) {
                    (false, false) => met("upright"),
                    _ if roll >= yaw => unmet("tilted"),
                    _ => unmet("turned"),
                }
            }
            None => met("upright"),
        },
        Measurement::Color { rgb } => match nearest_background(*rgb, profile) {
            Some((_, delta_e, max)) if delta_e <= max => met("in_range"),
            Some(_) => unmet("off_color"),
            None => met("in_range"),
        },
        Measurement::Sharp { laplacian_var, chroma } => {
            if *chroma < MIN_SKIN_CHROMA {
                unmet("no_colour")
            } else {
                match compare(*laplacian_var, common.range.unwrap_or((None, None))) {
                    None => met("in_range"),
                    Some(reason) => unmet(reason),
                }
            }
        }
        Measurement::Edits { bordered_edges } => {
            if *bordered_edges > 0 {
                unmet("border")
            } else {
                met("ok")
            }
        }
        Measurement::Name(name) => {
            let stem = split_name(name).0;
            let result = match profile.rules.file_name.as_ref().map(|r| r.scheme) {
                Some(NameScheme::IdNumber) => check_id_number(stem),
                Some(NameScheme::Sequence4) => check_sequence4(stem),
                None => Ok(()),
            };
            match result {
                Ok(()) => met("ok"),
                Err(NameProblem::Pattern) => unmet("bad_pattern"),
                Err(NameProblem::CheckDigit) => unmet("bad_check_digit"),
            }
        }
    };
    Some(outcome)
}

/// Below this mean skin chroma (CIE C*) a picture is black and white: no true colour.
pub(crate) const MIN_SKIN_CHROMA: f64 = 4.0;

/// The profile's reference background colour nearest to `rgb`: (name, CIEDE2000, allowed maximum).
pub(crate) fn nearest_background(rgb: [f64; 3], profile: &Profile) -> Option<(&str, f64, f64)> {
    let rule = profile.rules.bg_color.as_ref()?;
    let measured = lab_from_linear(rgb.map(to_linear));
    rule.references
        .iter()
        .map(|r| (r.name.as_str(), delta_e2000(measured, lab(r.rgb)), rule.max_delta_e))
        .min_by(|a, b| a.1.total_cmp(&b.1))
}

/// `None` when `value` is within `[min, max]`, else the reason code. Values are compared after
/// rounding to 1/100 so that a value shown as "40.00" never fails a maximum of 40.
fn compare(value: f64, (min, max): (Option<f64>, Option<f64>)) -> Option<&'static str> {
    let v = (value * 100.0).round() / 100.0;
    if min.is_some_and(|m| v < m) {
        Some("below_min")
    } else if max.is_some_and(|m| v > m) {
        Some("above_max")
    } else {
        None
    }
}

pub(crate) fn unmeasured_code(why: Unmeasured) -> &'static str {
    match why {
        Unmeasured::AnalysisUnavailable => "analysis_unavailable",
        Unmeasured::NotDecoded => "not_decoded",
        Unmeasured::NotJpeg => "not_jpeg",
        Unmeasured::NoFileName => "no_file_name",
        Unmeasured::NoFace => "no_face",
        Unmeasured::NoPerson => "no_person",
        Unmeasured::NoBackground => "no_background",
        Unmeasured::NoClothes => "no_clothes",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_inclusive_and_named() {
        assert_eq!(compare(20.0, (Some(20.0), Some(40.0))), None);
        assert_eq!(compare(40.004, (Some(20.0), Some(40.0))), None);
        assert_eq!(compare(40.01, (Some(20.0), Some(40.0))), Some("above_max"));
        assert_eq!(compare(19.99, (Some(20.0), None)), Some("below_min"));
    }

    #[test]
    fn severity_decides_between_fail_and_warn() {
        let profile = Profile::chsi();
        let kb = evaluate(RuleId::FileKb, &Measurement::Number(52.0), &profile).unwrap();
        assert_eq!(kb, Outcome { verdict: Verdict::Fail, reason: "above_max" });
        let dpi = evaluate(RuleId::FileDpi, &Measurement::Dpi(vec![("JFIF", 72.0)]), &profile).unwrap();
        assert_eq!(dpi, Outcome { verdict: Verdict::Warn, reason: "below_min" });
        assert!(evaluate(RuleId::FileName, &Measurement::Name("x.jpg".into()), &profile).is_none());
    }
}
