//! Stage 5: every measurement compared with the profile's rule gives a verdict, a typed reason and
//! what the comparison found (the bound crossed, the nearest background colour). Nothing after this
//! stage compares a number with a threshold again.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::color::{delta_e2000, lab, lab_from_linear, to_linear};
use crate::jpeg::JpegColor;
use crate::measure::{Measurement, Measurements, Unmeasured};
use crate::profile::{EmbeddedProfile, Profile, Severity};
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

macro_rules! reasons {
    ($($variant:ident = $code:literal: $doc:literal,)*) => {
        /// Why a rule got its verdict. The string forms (`"above_max"`) are stable codes: never
        /// renamed or reused.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[non_exhaustive]
        pub enum Reason {
            $(
                #[doc = concat!("`", $code, "`: ", $doc)]
                #[serde(rename = $code)]
                $variant,
            )*
        }

        impl Reason {
            /// Every reason.
            pub const ALL: &'static [Reason] = &[$(Reason::$variant),*];

            /// The stable code, e.g. `"above_max"`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Reason::$variant => $code,)*
                }
            }
        }
    };
}

reasons! {
    InRange = "in_range": "the value is within the profile's range.",
    Ok = "ok": "the rule is met.",
    BelowMin = "below_min": "the value is below the profile's minimum.",
    AboveMax = "above_max": "the value is above the profile's maximum.",
    NotJpeg = "not_jpeg": "the file is not a JPEG.",
    CannotDecode = "cannot_decode": "the JPEG's pixels cannot be decoded.",
    WrongExtension = "wrong_extension": "the file name's extension is not one the profile allows.",
    WrongSize = "wrong_size": "the width and height are not the profile's.",
    Grey = "grey": "a greyscale file.",
    Cmyk = "cmyk": "a CMYK file.",
    Not8Bit = "not_8_bit": "not 8 bits per channel.",
    EmbeddedProfile = "embedded_profile": "an ICC profile is embedded and the profile forbids it.",
    NonRgbProfile = "non_rgb_profile": "the embedded ICC profile is not an RGB one.",
    NotRecorded = "not_recorded": "the file records no resolution.",
    BadPattern = "bad_pattern": "the file name does not follow the naming scheme.",
    BadCheckDigit = "bad_check_digit": "the ID number's check digit is wrong.",
    NoFace = "no_face": "no face was found.",
    SeveralFaces = "several_faces": "more than one person is in the photo.",
    BackgroundPerson = "background_person": "smaller faces are in the background.",
    Upright = "upright": "the head is neither tilted nor turned beyond the limits.",
    Tilted = "tilted": "the head is tilted (roll).",
    Turned = "turned": "the head is turned (yaw).",
    Pitched = "pitched": "the head is tilted up or down (pitch).",
    OffColor = "off_color": "the background is too far from every reference colour.",
    NoColour = "no_colour": "a black-and-white picture.",
    ColourCast = "colour_cast": "the skin's colour is outside the natural range.",
    Border = "border": "an edge carries a solid border.",
    PeriodicPattern = "periodic_pattern": "a periodic pattern of a screen or print (a recapture).",
    FrameInFrame = "frame_in_frame": "a frame inside the picture around the face (a recapture).",
    AnalysisUnavailable = "analysis_unavailable": "not measured: face and scene analysis is not available.",
    NotDecoded = "not_decoded": "not measured: the picture could not be decoded.",
    NoFileName = "no_file_name": "not measured: no file name was given.",
    NoPerson = "no_person": "not measured: the person mask does not cover the face.",
    NoBackground = "no_background": "not measured: too little background is visible.",
    NoClothes = "no_clothes": "not measured: the clothes are not in the picture.",
    NeedsReview = "needs_review": "not measured automatically: the person checks it (the message says what).",
}

impl Reason {
    /// The reasons of a `not_measured` verdict, common to every rule.
    pub const NOT_MEASURED: &'static [Reason] = &[
        Reason::AnalysisUnavailable,
        Reason::NotDecoded,
        Reason::NotJpeg,
        Reason::NoFileName,
        Reason::NoFace,
        Reason::NoPerson,
        Reason::NoBackground,
        Reason::NoClothes,
        Reason::NeedsReview,
    ];
}

impl From<Unmeasured> for Reason {
    fn from(why: Unmeasured) -> Reason {
        match why {
            Unmeasured::AnalysisUnavailable => Reason::AnalysisUnavailable,
            Unmeasured::NotDecoded => Reason::NotDecoded,
            Unmeasured::NotJpeg => Reason::NotJpeg,
            Unmeasured::NoFileName => Reason::NoFileName,
            Unmeasured::NoFace => Reason::NoFace,
            Unmeasured::NoPerson => Reason::NoPerson,
            Unmeasured::NoBackground => Reason::NoBackground,
            Unmeasured::NoClothes => Reason::NoClothes,
            Unmeasured::NeedsReview => Reason::NeedsReview,
        }
    }
}

impl std::fmt::Display for Reason {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<&str> for Reason {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// The profile's background colour nearest to the measured one.
#[derive(Debug, Clone, PartialEq)]
pub struct Nearest {
    /// The reference's name, e.g. `blue`.
    pub name: String,
    /// Its sRGB colour.
    pub rgb: [u8; 3],
    /// CIEDE2000 between the measured colour and the reference.
    pub delta_e: f64,
}

/// A verdict with its reason and what the comparison found.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The verdict.
    pub verdict: Verdict,
    /// Why.
    pub reason: Reason,
    /// The bound the value crossed, for `below_min` and `above_max`.
    pub limit: Option<f64>,
    /// `bg.color`: the nearest reference colour.
    pub nearest: Option<Nearest>,
}

impl Outcome {
    fn new(verdict: Verdict, reason: Reason) -> Outcome {
        Outcome { verdict, reason, limit: None, nearest: None }
    }
}

/// Every rule's outcome for one photo, for the rules the profile has and that were measured.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Verdicts {
    by_rule: BTreeMap<RuleId, Outcome>,
}

impl Verdicts {
    /// The outcome of a rule, `None` when the profile leaves it out.
    pub fn get(&self, rule: RuleId) -> Option<&Outcome> {
        self.by_rule.get(&rule)
    }

    /// The verdict of a rule, `None` when the profile leaves it out.
    pub fn verdict(&self, rule: RuleId) -> Option<Verdict> {
        self.get(rule).map(|o| o.verdict)
    }

    /// The outcomes in report order.
    pub fn iter(&self) -> impl Iterator<Item = (RuleId, &Outcome)> {
        self.by_rule.iter().map(|(r, o)| (*r, o))
    }
}

/// Stage 5: compares every measurement with the profile.
pub fn evaluate(measurements: &Measurements, profile: &Profile) -> Verdicts {
    let by_rule = RuleId::ALL
        .iter()
        .filter_map(|&rule| Some((rule, evaluate_rule(rule, measurements.get(rule)?, profile)?)))
        .collect();
    Verdicts { by_rule }
}

/// Evaluates one rule; `None` when the profile does not have it.
pub(crate) fn evaluate_rule(rule: RuleId, measurement: &Measurement, profile: &Profile) -> Option<Outcome> {
    let common = profile.rules.common(rule)?;
    let met = |reason: Reason| Outcome::new(Verdict::Pass, reason);
    let unmet = |reason: Reason| {
        Outcome::new(
            match common.severity {
                Severity::Fail => Verdict::Fail,
                Severity::Warn => Verdict::Warn,
            },
            reason,
        )
    };
    let crossed = |(reason, limit): (Reason, f64)| Outcome { limit: Some(limit), ..unmet(reason) };
    let ranged = |value: f64| match common.range {
        Some(range) => match (compare(value, range), common.warn_range.and_then(|w| compare(value, w))) {
            (Some(crossing), _) => crossed(crossing),
            (None, Some((reason, limit))) => {
                Outcome { limit: Some(limit), ..Outcome::new(Verdict::Warn, reason) }
            }
            (None, None) => met(Reason::InRange),
        },
        None => met(Reason::InRange),
    };
    let outcome = match measurement {
        Measurement::Unmeasured(why) => Outcome::new(Verdict::NotMeasured, Reason::from(*why)),
        Measurement::Number(value) => ranged(*value),
        Measurement::Format { format, decode_error, extension } => {
            let allowed =
                profile.rules.file_format.as_ref().map(|r| r.extensions.as_slice()).unwrap_or_default();
            if *format != Format::Jpeg {
                unmet(Reason::NotJpeg)
            } else if decode_error.is_some() {
                unmet(Reason::CannotDecode)
            } else if extension.as_ref().is_some_and(|e| !allowed.iter().any(|a| a.eq_ignore_ascii_case(e))) {
                unmet(Reason::WrongExtension)
            } else {
                met(Reason::Ok)
            }
        }
        Measurement::SizePx { width, height } => {
            if (*width, *height) == (profile.width_px, profile.height_px) {
                met(Reason::Ok)
            } else {
                unmet(Reason::WrongSize)
            }
        }
        Measurement::BitDepth { components, precision_bits } => match (components, precision_bits) {
            (3, 8) => met(Reason::Ok),
            (1, _) => unmet(Reason::Grey),
            (4, _) => unmet(Reason::Cmyk),
            _ => unmet(Reason::Not8Bit),
        },
        Measurement::ColorSpace { color, icc } => {
            let embedded = profile.rules.file_color_space.as_ref().map(|r| r.embedded_profile);
            match (color, icc.as_deref()) {
                (JpegColor::Cmyk | JpegColor::Ycck, _) => unmet(Reason::Cmyk),
                (JpegColor::Grey, _) => unmet(Reason::Grey),
                (_, Some(_)) if embedded == Some(EmbeddedProfile::Forbid) => unmet(Reason::EmbeddedProfile),
                (_, Some(space)) if space != "RGB" => unmet(Reason::NonRgbProfile),
                _ => met(Reason::Ok),
            }
        }
        Measurement::Dpi(records) => match (records.as_slice(), common.range) {
            ([], _) => unmet(Reason::NotRecorded),
            (records, Some(range)) => match records.iter().find_map(|&(_, dpi)| compare(dpi, range)) {
                None => met(Reason::InRange),
                Some(crossing) => crossed(crossing),
            },
            (_, None) => met(Reason::InRange),
        },
        Measurement::FaceCount { faces, background_faces } => {
            let faces = f64::from(*faces);
            match compare(faces, common.range.unwrap_or((Some(1.0), Some(1.0)))) {
                Some(_) if faces == 0.0 => unmet(Reason::NoFace),
                Some(_) => unmet(Reason::SeveralFaces),
                None if *background_faces > 0 => Outcome::new(Verdict::Warn, Reason::BackgroundPerson),
                None => met(Reason::InRange),
            }
        }
        Measurement::Pose { roll_deg, yaw_deg, pitch_deg } => match &profile.rules.face_pose {
            Some(rule) => {
                // The largest excess over its own limit names the problem.
                let excess = |v: f64, max: f64| v.abs() / max.max(f64::MIN_POSITIVE);
                let roll = excess(*roll_deg, rule.max_roll_deg);
                let yaw = excess(*yaw_deg, rule.max_yaw_deg);
                let pitch = rule.max_pitch_deg.map_or(0.0, |max| excess(*pitch_deg, max));
                match [(roll, Reason::Tilted), (yaw, Reason::Turned), (pitch, Reason::Pitched)]
                    .into_iter()
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                {
                    Some((worst, reason)) if worst > 1.0 => unmet(reason),
                    _ => met(Reason::Upright),
                }
            }
            None => met(Reason::Upright),
        },
        Measurement::Colour { a, b, chroma } => match &profile.rules.image_colour {
            Some(rule) => {
                let within = |v: f64, [lo, hi]: [f64; 2]| (lo..=hi).contains(&v);
                if *chroma < rule.min_skin_chroma {
                    unmet(Reason::NoColour)
                } else if !(within(*a, rule.skin_a) && within(*b, rule.skin_b)) {
                    Outcome::new(Verdict::Warn, Reason::ColourCast)
                } else {
                    met(Reason::Ok)
                }
            }
            None => met(Reason::Ok),
        },
        Measurement::Color { rgb } => match nearest_background(*rgb, profile) {
            Some((nearest, max)) if nearest.delta_e <= max => {
                Outcome { nearest: Some(nearest), ..met(Reason::InRange) }
            }
            Some((nearest, max)) => {
                Outcome { nearest: Some(nearest), limit: Some(max), ..unmet(Reason::OffColor) }
            }
            None => met(Reason::InRange),
        },
        Measurement::Sharp { laplacian_var, chroma } => {
            if *chroma < MIN_SKIN_CHROMA {
                unmet(Reason::NoColour)
            } else {
                match compare(*laplacian_var, common.range.unwrap_or((None, None))) {
                    None => met(Reason::InRange),
                    Some(crossing) => crossed(crossing),
                }
            }
        }
        Measurement::Edits { bordered_edges } => {
            if *bordered_edges > 0 {
                unmet(Reason::Border)
            } else {
                met(Reason::Ok)
            }
        }
        Measurement::Recapture { pattern_db, frame_pct } => match &profile.rules.image_recapture {
            Some(rule) if *pattern_db > rule.max_pattern_db => unmet(Reason::PeriodicPattern),
            Some(rule) if *frame_pct > rule.max_frame_pct => unmet(Reason::FrameInFrame),
            _ => met(Reason::Ok),
        },
        Measurement::ClothesColor { blue_pct, background_rgb } => match &profile.rules.clothes_color {
            Some(rule) => {
                let measured = lab_from_linear(background_rgb.map(to_linear));
                if delta_e2000(measured, lab(rule.background.rgb)) <= rule.max_background_delta_e {
                    ranged(*blue_pct)
                } else {
                    met(Reason::Ok)
                }
            }
            None => met(Reason::Ok),
        },
        Measurement::Name(name) => match profile.rules.file_name.as_ref().map(|r| r.scheme.check(name)) {
            Some(Err(reason)) => unmet(reason),
            Some(Ok(())) | None => met(Reason::Ok),
        },
    };
    Some(outcome)
}

/// Below this mean skin chroma (CIE C*) a picture is black and white: no true colour.
pub(crate) const MIN_SKIN_CHROMA: f64 = 4.0;

/// The profile's reference background colour nearest to `rgb`, and the largest ΔE allowed.
fn nearest_background(rgb: [f64; 3], profile: &Profile) -> Option<(Nearest, f64)> {
    let rule = profile.rules.bg_color.as_ref()?;
    let measured = lab_from_linear(rgb.map(to_linear));
    rule.references
        .iter()
        .map(|r| Nearest { name: r.name.clone(), rgb: r.rgb, delta_e: delta_e2000(measured, lab(r.rgb)) })
        .min_by(|a, b| a.delta_e.total_cmp(&b.delta_e))
        .map(|n| (n, rule.max_delta_e))
}

/// `None` when `value` is within `[min, max]`, else the reason and the bound crossed. Values are
/// compared after rounding to 1/100 so that a value shown as "40.00" never fails a maximum of 40.
fn compare(value: f64, (min, max): (Option<f64>, Option<f64>)) -> Option<(Reason, f64)> {
    let v = (value * 100.0).round() / 100.0;
    match (min, max) {
        (Some(m), _) if v < m => Some((Reason::BelowMin, m)),
        (_, Some(m)) if v > m => Some((Reason::AboveMax, m)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_inclusive_and_named() {
        assert_eq!(compare(20.0, (Some(20.0), Some(40.0))), None);
        assert_eq!(compare(40.004, (Some(20.0), Some(40.0))), None);
        assert_eq!(compare(40.01, (Some(20.0), Some(40.0))), Some((Reason::AboveMax, 40.0)));
        assert_eq!(compare(19.99, (Some(20.0), None)), Some((Reason::BelowMin, 20.0)));
    }

    #[test]
    fn a_fail_rule_with_warn_bounds_warns_between_them_and_fails_beyond() {
        let profile = Profile::chsi();
        let rule = profile.rules.face_red_eye.as_ref().unwrap();
        let (warn, fail) = (rule.warn_max.unwrap(), rule.max.unwrap());
        let at = |v: f64| {
            let o = evaluate_rule(RuleId::FaceRedEye, &Measurement::Number(v), &profile).unwrap();
            (o.verdict, o.reason, o.limit)
        };
        assert_eq!(at(warn), (Verdict::Pass, Reason::InRange, None));
        assert_eq!(at(warn + 1.0), (Verdict::Warn, Reason::AboveMax, Some(warn)));
        assert_eq!(at(fail + 1.0), (Verdict::Fail, Reason::AboveMax, Some(fail)));
    }

    #[test]
    fn a_grey_picture_fails_image_colour_and_a_cast_warns() {
        let profile = Profile::chsi();
        let at = |a: f64, b: f64, chroma: f64| {
            let o =
                evaluate_rule(RuleId::ImageColour, &Measurement::Colour { a, b, chroma }, &profile).unwrap();
            (o.verdict, o.reason)
        };
        assert_eq!(at(0.2, 0.1, 1.0), (Verdict::Fail, Reason::NoColour));
        assert_eq!(at(13.0, -30.0, 33.0), (Verdict::Warn, Reason::ColourCast));
        assert_eq!(at(13.0, 15.0, 20.0), (Verdict::Pass, Reason::Ok));
    }

    #[test]
    fn severity_decides_between_fail_and_warn() {
        let profile = Profile::chsi();
        let kb = evaluate_rule(RuleId::FileKb, &Measurement::Number(52.0), &profile).unwrap();
        assert_eq!((kb.verdict, kb.reason, kb.limit), (Verdict::Fail, Reason::AboveMax, Some(40.0)));
        let dpi = evaluate_rule(RuleId::FileDpi, &Measurement::Dpi(vec![("JFIF", 72.0)]), &profile).unwrap();
        assert_eq!((dpi.verdict, dpi.reason, dpi.limit), (Verdict::Warn, Reason::BelowMin, Some(300.0)));
        assert!(evaluate_rule(RuleId::FileName, &Measurement::Name("x.jpg".into()), &profile).is_none());
    }

    #[test]
    fn the_nearest_background_is_found_once_by_the_verdict() {
        let profile = Profile::chsi();
        let near_blue = Measurement::Color { rgb: [104.0, 195.0, 250.0] };
        let o = evaluate_rule(RuleId::BgColor, &near_blue, &profile).unwrap();
        let nearest = o.nearest.unwrap();
        assert_eq!((o.verdict, nearest.name.as_str(), nearest.rgb), (Verdict::Pass, "blue", [100, 197, 255]));
        assert!(nearest.delta_e > 0.5 && nearest.delta_e < 3.0, "{}", nearest.delta_e);
        let red = evaluate_rule(RuleId::BgColor, &Measurement::Color { rgb: [200.0, 30.0, 30.0] }, &profile)
            .unwrap();
        assert_eq!((red.verdict, red.reason, red.limit), (Verdict::Fail, Reason::OffColor, Some(12.0)));
    }

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<&str> = Reason::ALL.iter().map(|r| r.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Reason::ALL.len());
    }
}
