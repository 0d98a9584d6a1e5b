//! The stages assembled: bytes in, report out.

use crate::analysis::Analysis;
use crate::decode::decode;
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
    assess(bytes, options, observe).map(|a| a.report)
}

/// A checked photo with what the check learnt on the way, for stages that go on from a report
/// (autocrop).
pub(crate) struct Assessment {
    pub(crate) analysis: Option<Analysis>,
    pub(crate) measurements: Measurements,
    pub(crate) verdicts: Verdicts,
    pub(crate) report: Report,
}

pub(crate) fn assess(
    bytes: &[u8],
    options: &CheckOptions<'_>,
    observe: &mut Observer<'_>,
) -> Result<Assessment> {
    let inspection = within(observe, Stage::Inspect, |_| inspect(bytes, options.limits))?;
    let decoded = within(observe, Stage::Decode, |_| decode(bytes, &inspection, options.limits));
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
