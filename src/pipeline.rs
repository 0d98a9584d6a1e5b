//! The stages assembled: bytes in, report out.

use crate::analysis::Analysis;
use crate::decode::{decode, Decoded};
use crate::error::{ErrorKind, Result};
use crate::face::Models;
use crate::inspect::inspect;
use crate::limits::Limits;
use crate::measure::{measure, Measurements};
use crate::overlay::Overlay;
use crate::profile::Profile;
use crate::report::{build, Report};
use crate::stage::{within, Observer, Stage};
use crate::verdict::{evaluate, Verdicts};

/// What a check needs besides the bytes.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions<'a> {
    /// The profile to check against.
    pub profile: &'a Profile,
    /// The file name, for the extension and naming rules. Only the base name is read.
    pub file_name: Option<&'a str>,
    /// Bounds on the work.
    pub limits: &'a Limits,
    /// The loaded models; without them the face, background and light rules are `not_measured`.
    pub models: Option<&'a Models>,
}

/// Checks a photo: inspect → decode → analyse → measure → evaluate → report.
///
/// A photo that breaks rules is a report, not an error. Errors are for input that is not an image at
/// all ([`ErrorKind::EmptyInput`], [`ErrorKind::UnknownFormat`]), headers that cannot be read
/// ([`ErrorKind::MalformedImage`]) and limits ([`ErrorKind::LimitExceeded`]). A file whose headers read
/// but whose pixels do not decode gets a report in which `file.format` fails.
///
/// ```
/// use photogate::{check, CheckOptions, Limits, Profile};
/// let profile = Profile::chsi();
/// let options =
///     CheckOptions { profile: &profile, file_name: Some("photo.jpg"), limits: &Limits::default(), models: None };
/// let err = check(b"not a photo", &options).unwrap_err();
/// assert_eq!(err.code(), "unknown_format");
/// ```
pub fn check(bytes: &[u8], options: &CheckOptions<'_>) -> Result<Report> {
    check_observed(bytes, options, &mut |_| {})
}

/// [`check`], telling `observe` where each [`Stage`] begins and ends, so that a caller with a clock
/// can time them (the benchmarks do). The report is the one `check` gives.
///
/// ```
/// use photogate::{check_observed, CheckOptions, Limits, Mark, Profile, Stage};
/// let profile = Profile::chsi();
/// let options =
///     CheckOptions { profile: &profile, file_name: None, limits: &Limits::default(), models: None };
/// let mut marks = Vec::new();
/// let _ = check_observed(b"not a photo", &options, &mut |mark| marks.push(mark));
/// assert_eq!(marks, [Mark::Begin(Stage::Inspect), Mark::End(Stage::Inspect)]);
/// ```
pub fn check_observed(
    bytes: &[u8],
    options: &CheckOptions<'_>,
    observe: &mut Observer<'_>,
) -> Result<Report> {
    assess(bytes, None, options, observe).map(|a| a.report)
}

/// A checked photo with what the check learnt on the way, for stages that go on from a report
/// (autocrop).
pub(crate) struct Assessment {
    pub(crate) analysis: Option<Analysis>,
    pub(crate) measurements: Measurements,
    pub(crate) verdicts: Verdicts,
    pub(crate) report: Report,
}

/// Checks a photo whose pixels the caller decoded ([`Decoded::from_rgba`]): the file rules read
/// `bytes` as [`check`] does (a HEIF file still fails `file.format`), the content rules read
/// `pixels`. Errors as [`check`].
pub fn check_decoded(bytes: &[u8], pixels: Decoded, options: &CheckOptions<'_>) -> Result<Report> {
    assess(bytes, Some(pixels), options, &mut |_| {}).map(|a| a.report)
}

/// Inspects, decodes (unless the caller gives the `pixels`), analyses, measures, evaluates and
/// reports, telling `observe` where each stage begins and ends.
pub(crate) fn assess(
    bytes: &[u8],
    pixels: Option<Decoded>,
    options: &CheckOptions<'_>,
    observe: &mut Observer<'_>,
) -> Result<Assessment> {
    let mut inspection = within(observe, Stage::Inspect, |_| inspect(bytes, options.limits))?;
    let decoded = match pixels {
        Some(pixels) => {
            // A format whose header the inspector does not read (HEIF, AVIF): the size is the
            // decoder's, upright as a viewer shows it.
            if inspection.width_px.is_none() || inspection.height_px.is_none() {
                inspection.width_px = Some(pixels.width_px());
                inspection.height_px = Some(pixels.height_px());
            }
            Ok(pixels)
        }
        None => within(observe, Stage::Decode, |_| decode(bytes, &inspection, options.limits)),
    };
    let (analysis, decode_error) = match decoded {
        Ok(decoded) => (Some(Analysis::analyze_observed(decoded, options.models, observe)?), None),
        Err(e) if e.kind() == ErrorKind::LimitExceeded => return Err(e),
        Err(e) => (None, Some(e.to_string())),
    };
    let profile = options.profile;
    let reference = (profile.width_px, profile.height_px);
    let (measurements, verdicts) = within(observe, Stage::Measure, |_| {
        let m =
            measure(&inspection, decode_error.as_deref(), analysis.as_ref(), options.file_name, reference);
        let v = evaluate(&m, profile);
        (m, v)
    });
    let report = within(observe, Stage::Report, |_| {
        let overlay = analysis.as_ref().and_then(|a| Overlay::of(a, reference));
        build(profile, &inspection, &measurements, &verdicts, options.file_name, overlay)
    });
    Ok(Assessment { analysis, measurements, verdicts, report })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An AVIF file's first bytes: the core recognises the format but cannot decode it.
    const AVIF: &[u8] = b"\0\0\0\x1cftypavif\0\0\0\0avifmif1miaf\0\0\0\0";

    #[test]
    fn pixels_decoded_elsewhere_are_measured_and_the_file_rules_read_the_file() {
        let profile = Profile::chsi();
        let limits = Limits::default();
        let options =
            CheckOptions { profile: &profile, file_name: Some("a.avif"), limits: &limits, models: None };
        let verdict = |report: &Report, rule: &str| {
            let item = report.items.iter().find(|i| i.rule.as_str() == rule).unwrap();
            (item.verdict, item.reason)
        };
        let alone = check(AVIF, &options).unwrap();
        assert_eq!(verdict(&alone, "file.size_px").1, crate::Reason::NotDecoded);

        let rgba = vec![200u8; 480 * 640 * 4];
        let pixels = Decoded::from_rgba(480, 640, &rgba, &limits).unwrap();
        let report = check_decoded(AVIF, pixels, &options).unwrap();
        assert_eq!(verdict(&report, "file.format").0, crate::Verdict::Fail);
        assert_ne!(verdict(&report, "file.size_px").1, crate::Reason::NotDecoded);
        assert!(report.items.iter().all(|i| i.reason != crate::Reason::NotDecoded));
    }
}
