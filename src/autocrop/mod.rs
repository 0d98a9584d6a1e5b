//! Autocrop: an ordinary photo in, a file that passes the profile out — or the reason it cannot be.
//!
//! check the photo → refuse what cropping cannot fix (no face, several faces, eyes closed, a face cut
//! off) → [`plan`] the crop → render it (Lanczos 3) → optionally put a new [`background`] in →
//! [`encode`] into the KB window → check the new file with the same `check`. If the new file's
//! measured placement misses a range, the plan is corrected by what was measured and tried again.
//!
//! The photo is shown upright (its EXIF orientation applied), never mirrored and never rotated: a
//! tilted head is a reason to take the photo again, not something to fix.

mod background;
mod correct;
mod encode;
mod options;
mod plan;
mod refusal;
mod render;
mod result;

use crate::analysis::Analysis;
use crate::decode::Decoded;
use crate::error::Result;
use crate::face::geometry::HeadTop;
use crate::face::FaceGeometry;
use crate::geometry::Point;
use crate::pipeline::{assess, CheckOptions};
use crate::profile::{BgReference, Profile};
use crate::report::Report;
use crate::rule::RuleId;
use crate::verdict::{Verdict, Verdicts};

pub use encode::Sampling;
pub use options::{AutocropOptions, DEFAULT_MAX_UPSCALE};
pub use plan::Crop;
pub use result::{Autocrop, Fixed, Refusal, RefusalReason};

use options::{encode_target, output_name, Background};
use plan::{Bounds, Subject, Targets};

/// Makes a file that passes `options.profile` from a photo, or says why it cannot.
///
/// Errors are for input that is not an image, limits, and options that do not fit the profile (a
/// background colour it does not name, an ID number with a wrong check digit).
pub fn autocrop(bytes: &[u8], options: &AutocropOptions<'_>) -> Result<Autocrop> {
    autocrop_with(bytes, None, options)
}

/// [`autocrop`] of a photo whose pixels the caller decoded ([`Decoded::from_rgba`], e.g. a HEIF
/// file a browser decoded): the new JPEG is made from `pixels`, the report of the photo as given
/// reads `bytes` for the file rules.
pub fn autocrop_decoded(bytes: &[u8], pixels: Decoded, options: &AutocropOptions<'_>) -> Result<Autocrop> {
    autocrop_with(bytes, Some(pixels), options)
}

fn autocrop_with(bytes: &[u8], pixels: Option<Decoded>, options: &AutocropOptions<'_>) -> Result<Autocrop> {
    let profile = options.profile;
    let requested = Background::parse(profile, options.background)?;
    let out_name = output_name(profile, options.name, options.file_name)?;
    let check_options = CheckOptions {
        profile,
        file_name: options.file_name,
        limits: options.limits,
        models: Some(options.models),
    };
    let before = assess(bytes, pixels, &check_options, &mut |_| {})?;
    let refuse = |reason: RefusalReason, before: Report| {
        let (message, advice) = refusal::words(reason);
        Ok(Autocrop::Refused { refusal: Refusal { reason, message, advice }, before: Box::new(before) })
    };
    let Some(analysis) = before.analysis else { return refuse(RefusalReason::NotDecoded, before.report) };
    if let Some(reason) = refusal::content_refusal(&before.measurements, &before.verdicts) {
        return refuse(reason, before.report);
    }
    let Some(geometry) = analysis.geometry.as_ref() else {
        return refuse(RefusalReason::NoFace, before.report);
    };
    let subject = match subject_of(geometry, &analysis) {
        Ok(subject) => subject,
        Err(reason) => return refuse(reason, before.report),
    };
    if refusal::cut_off(geometry, &subject) {
        return refuse(RefusalReason::FaceCutOff, before.report);
    }
    // `auto`: keep a background that passes, unless the crop then runs past the photo's edge;
    // otherwise the profile colour nearest to the photo's own background.
    let choices: Vec<Option<&BgReference>> = match requested {
        Background::Keep => vec![None],
        Background::Color(r) => vec![Some(r)],
        Background::Auto => {
            let nearest = nearest_reference(&before.verdicts, profile);
            if background_passes(&before.verdicts) {
                vec![None, nearest]
            } else {
                vec![nearest]
            }
        }
    };
    let job = Job {
        analysis: &analysis,
        profile,
        options,
        check_options,
        out_name: &out_name,
        chin_y: geometry.chin_y,
    };
    let mut last = RefusalReason::CannotPlace;
    for (i, choice) in choices.iter().enumerate() {
        match job.make(subject, *choice)? {
            Ok(fixed) => {
                return Ok(Autocrop::Fixed { fixed: Box::new(fixed), before: Box::new(before.report) })
            }
            Err(reason) => {
                last = reason;
                let edge = matches!(
                    reason,
                    RefusalReason::HeadTooCloseToTop
                        | RefusalReason::TooCloseToBottom
                        | RefusalReason::TooCloseToSide
                );
                if !edge || i + 1 == choices.len() {
                    break;
                }
            }
        }
    }
    refuse(last, before.report)
}

fn background_passes(verdicts: &Verdicts) -> bool {
    [RuleId::BgColor, RuleId::BgUniform]
        .iter()
        .all(|&rule| verdicts.verdict(rule).is_none_or(|v| v == Verdict::Pass))
}

/// The profile colour nearest to the photo's measured background, or its first colour.
fn nearest_reference<'p>(verdicts: &Verdicts, profile: &'p Profile) -> Option<&'p BgReference> {
    let references = &profile.rules.bg_color.as_ref()?.references;
    let name = verdicts.get(RuleId::BgColor).and_then(|o| o.nearest.as_ref()).map(|n| n.name.as_str());
    name.and_then(|n| references.iter().find(|r| r.name == n)).or(references.first())
}

/// One photo being made into a file.
struct Job<'a> {
    analysis: &'a Analysis,
    profile: &'a Profile,
    options: &'a AutocropOptions<'a>,
    check_options: CheckOptions<'a>,
    out_name: &'a str,
    /// The chin's y in photo pixels.
    chin_y: f32,
}

impl Job<'_> {
    /// A file with the background `color` (`None`: kept), or why not.
    fn make(
        &self,
        mut subject: Subject,
        color: Option<&BgReference>,
    ) -> Result<Result<Fixed, RefusalReason>> {
        let targets = Targets::of(self.profile);
        let keep = color.is_none();
        let bounds = Bounds {
            top: keep,
            bottom: keep,
            sides: keep,
            max_upscale: Some(self.options.max_upscale).filter(|m| m.is_finite() && *m > 0.0),
            pupils: true,
            margin: plan::MARGINS[0],
        };
        let target = encode_target(self.profile);
        let mut attempt = 0;
        loop {
            let solved = plan::MARGINS
                .iter()
                .find_map(|&margin| plan::solve(&subject, &targets, Bounds { margin, ..bounds }));
            let Some(crop) = solved else {
                let narrow = Bounds { margin: plan::MARGINS[plan::MARGINS.len() - 1], ..bounds };
                return Ok(Err(refusal::diagnose(&subject, &targets, narrow)));
            };
            let person = |x: u32, y: u32| {
                let p = Point::new(x as f32 + 0.5, y as f32 + 0.5);
                self.analysis.person_at(p).unwrap_or(0.0)
            };
            let mut img = render::render(
                self.analysis.decoded.rgb(),
                &crop,
                self.profile,
                self.options.limits,
                &person,
            )?;
            if let Some(color) = color {
                let coarse =
                    render::person_mask(self.analysis, &crop, self.chin_y, img.width(), img.height());
                background::replace(&mut img, &coarse, color.rgb);
            }
            let encoded = encode::encode_into(&img, &target)?;
            let after_options = CheckOptions { file_name: Some(self.out_name), ..self.check_options };
            let after = assess(&encoded.bytes, None, &after_options, &mut |_| {})?;
            let misses = correct::placement_misses(&after.verdicts);
            if !misses.is_empty() && attempt < correct::CORRECTIONS {
                subject = correct::corrected(&subject, &crop, &after.measurements);
                attempt += 1;
                continue;
            }
            if !misses.is_empty() {
                return Ok(Err(RefusalReason::CannotPlace));
            }
            if color.is_some() && !background_passes(&after.verdicts) {
                return Ok(Err(RefusalReason::BackgroundNotSeparated));
            }
            let (w, h) = (subject.image_width, subject.image_height);
            return Ok(Ok(Fixed {
                size_bytes: encoded.bytes.len(),
                jpeg: encoded.bytes,
                file_name: self.out_name.to_string(),
                size_in_window: encoded.in_window,
                quality: encoded.quality,
                sampling: encoded.sampling,
                background: color.map_or("keep", |c| c.name.as_str()).to_string(),
                extended: crop.extends_past(w, h),
                crop,
                report: after.report,
            }));
        }
    }
}

/// The face to place, from the analysis's geometry, or why it cannot be placed.
fn subject_of(g: &FaceGeometry, analysis: &Analysis) -> std::result::Result<Subject, RefusalReason> {
    let head_top_y = match g.head_top {
        HeadTop::Found(y) => y,
        HeadTop::NoMask => return Err(RefusalReason::NoFace),
        HeadTop::NoPerson => return Err(RefusalReason::NoPerson),
    };
    let (l, r) = g.cheeks;
    Ok(Subject {
        head_top_y: f64::from(head_top_y),
        eye_y: f64::from(g.eye_y()),
        face_width: f64::from(l.distance(r)),
        center_x: f64::from(g.center_x()),
        pupils_dy: f64::from((g.pupils.0.y - g.pupils.1.y).abs()),
        image_width: f64::from(analysis.decoded.width_px()),
        image_height: f64::from(analysis.decoded.height_px()),
    })
}
