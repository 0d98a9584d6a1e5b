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
mod encode;
mod plan;

use image::imageops::FilterType;
use image::RgbImage;
use serde::Serialize;

use crate::analysis::Analysis;
use crate::error::{Error, ErrorKind, Result};
use crate::face::Models;
use crate::geometry::Point;
use crate::limits::Limits;
use crate::measure::{placement, Measurement, Placement, Unmeasured};
use crate::naming::{check_id_number, check_sequence4, split_name, NameProblem};
use crate::pipeline::{assess, CheckOptions};
use crate::profile::{BgReference, NameScheme, Profile, Text};
use crate::raster::window_mean;
use crate::report::Report;
use crate::rule::RuleId;
use crate::verdict::{evaluate, Verdict};

pub use encode::Sampling;
pub use plan::Crop;

use plan::{Bounds, Subject, Targets};

/// Largest enlargement by default: beyond 2× the output is visibly soft.
pub const DEFAULT_MAX_UPSCALE: f64 = 2.0;
/// A head top or face this close to the photo's edge (share of its height or width) is cut off.
const CUT_OFF: f64 = 0.01;
/// Share of an edge window the person must cover for the fill to use the person's colour only.
const MIN_PERSON: f32 = 0.01;
/// Filled parts fade into a plain colour over this share of the photo's longer side.
const FILL_FADE: f64 = 0.06;
/// Where the mask is read for filled parts: this share of the photo's longer side inside the edge.
const EDGE_INSET: f32 = 0.01;
/// Corrections after measuring the new file, at most.
const CORRECTIONS: usize = 2;

/// What autocrop needs besides the bytes.
#[derive(Debug, Clone, Copy)]
pub struct AutocropOptions<'a> {
    /// The profile the new file must pass.
    pub profile: &'a Profile,
    /// The photo's file name (for the report of the photo as given).
    pub file_name: Option<&'a str>,
    /// Bounds on the work.
    pub limits: &'a Limits,
    /// The loaded models: autocrop cannot place a face without them.
    pub models: &'a Models,
    /// `None` or `keep` keeps the background; `auto` keeps it when it passes and the crop fits in
    /// the photo, else uses the profile colour nearest to it; otherwise the name of one of the
    /// profile's `bg.color` references (`blue`, `white`, `grey` in the built-in profiles).
    pub background: Option<&'a str>,
    /// The ID number or sequence number the new file is named after, per the profile's naming rule.
    pub name: Option<&'a str>,
    /// Largest enlargement (output pixels per photo pixel); [`DEFAULT_MAX_UPSCALE`] by default.
    pub max_upscale: f64,
}

/// Why autocrop made no file. The string forms are stable codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RefusalReason {
    /// The photo's pixels could not be read.
    NotDecoded,
    /// No face was found.
    NoFace,
    /// More than one person is in the photo.
    SeveralFaces,
    /// The eyes are closed.
    EyesClosed,
    /// The face or the head is cut off by the photo's edge.
    FaceCutOff,
    /// The person could not be told from the background, so the head top is unknown.
    NoPerson,
    /// Too little room above the head, and the background is kept.
    HeadTooCloseToTop,
    /// Too little of the shoulders below the face, and the background is kept.
    TooCloseToBottom,
    /// The face is too near the left or right edge, and the background is kept.
    TooCloseToSide,
    /// The face is too small: it would have to be enlarged more than allowed.
    FaceTooSmall,
    /// The pupils are not level; rotating is not allowed.
    HeadTilted,
    /// The new background was put in, but the new file's background rules fail: the person could
    /// not be cleanly told from the old background, or hair or clothes run into the photo's edge.
    BackgroundNotSeparated,
    /// Head top, eyes and face width cannot all be placed in their ranges (e.g. a tall hat), or the
    /// new file's measured placement still misses a range.
    CannotPlace,
}

impl RefusalReason {
    /// The stable code, e.g. `several_faces`.
    pub fn code(self) -> &'static str {
        match self {
            RefusalReason::NotDecoded => "not_decoded",
            RefusalReason::NoFace => "no_face",
            RefusalReason::SeveralFaces => "several_faces",
            RefusalReason::EyesClosed => "eyes_closed",
            RefusalReason::FaceCutOff => "face_cut_off",
            RefusalReason::NoPerson => "no_person",
            RefusalReason::HeadTooCloseToTop => "head_too_close_to_top",
            RefusalReason::TooCloseToBottom => "too_close_to_bottom",
            RefusalReason::TooCloseToSide => "too_close_to_side",
            RefusalReason::FaceTooSmall => "face_too_small",
            RefusalReason::HeadTilted => "head_tilted",
            RefusalReason::BackgroundNotSeparated => "background_not_separated",
            RefusalReason::CannotPlace => "cannot_place",
        }
    }
}

/// A new file.
#[derive(Debug, Clone, Serialize)]
pub struct Fixed {
    /// The JPEG (not in the JSON form).
    #[serde(skip)]
    pub jpeg: Vec<u8>,
    /// The file name: the ID or sequence number when given, else the photo's own name as `.jpg`.
    pub file_name: String,
    /// Bytes of the JPEG.
    pub size_bytes: usize,
    /// Whether the size is inside the profile's KB window (false: the closest reachable at quality
    /// ≥ the profile's minimum, and the report says by how much it misses).
    pub size_in_window: bool,
    /// The JPEG quality used.
    pub quality: u8,
    /// The chroma sampling used.
    pub sampling: Sampling,
    /// The background: `keep` or the reference colour's name.
    pub background: String,
    /// The crop, in pixels of the upright photo.
    pub crop: Crop,
    /// Whether the crop reached past the photo's edge (filled under the new background).
    pub extended: bool,
    /// The report of the new file.
    pub report: Report,
}

/// Why no file was made, in words for the student.
#[derive(Debug, Clone, Serialize)]
pub struct Refusal {
    /// The stable reason.
    pub reason: RefusalReason,
    /// What is wrong.
    pub message: Text,
    /// What to do.
    pub advice: Text,
}

/// What autocrop did: a new file, or why not. Both carry the report of the photo as given.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Autocrop {
    /// A new file was made.
    Fixed {
        /// The new file.
        #[serde(flatten)]
        fixed: Box<Fixed>,
        /// The report of the photo as given.
        before: Box<Report>,
    },
    /// No file was made.
    Refused {
        /// Why.
        #[serde(flatten)]
        refusal: Refusal,
        /// The report of the photo as given.
        before: Box<Report>,
    },
}

impl Autocrop {
    /// The result as JSON (without the JPEG bytes).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The new file, when one was made.
    pub fn fixed(&self) -> Option<&Fixed> {
        match self {
            Autocrop::Fixed { fixed, .. } => Some(fixed),
            Autocrop::Refused { .. } => None,
        }
    }

    /// The reason, when no file was made.
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            Autocrop::Refused { refusal, .. } => Some(refusal),
            Autocrop::Fixed { .. } => None,
        }
    }
}

/// Makes a file that passes `options.profile` from a photo, or says why it cannot.
///
/// Errors are for input that is not an image, limits, and options that do not fit the profile (a
/// background colour it does not name, an ID number with a wrong check digit).
pub fn autocrop(bytes: &[u8], options: &AutocropOptions<'_>) -> Result<Autocrop> {
    let profile = options.profile;
    let requested = Background::parse(profile, options.background)?;
    let out_name = output_name(profile, options.name, options.file_name)?;
    let check_options = CheckOptions {
        profile,
        file_name: options.file_name,
        limits: options.limits,
        models: Some(options.models),
    };
    let before = assess(bytes, &check_options)?;
    let refuse = |reason: RefusalReason, before: Report| {
        let (message, advice) = crate::text::refusal(reason.code());
        Ok(Autocrop::Refused { refusal: Refusal { reason, message, advice }, before: Box::new(before) })
    };
    let Some(analysis) = before.analysis else { return refuse(RefusalReason::NotDecoded, before.report) };
    if let Some(reason) = content_refusal(&before.measurements, profile) {
        return refuse(reason, before.report);
    }
    let place = match placement(&analysis) {
        Ok(p) => p,
        Err(Unmeasured::NoFace | Unmeasured::AnalysisUnavailable) => {
            return refuse(RefusalReason::NoFace, before.report)
        }
        Err(_) => return refuse(RefusalReason::NoPerson, before.report),
    };
    let subject = subject_of(&place, &analysis);
    if cut_off(&place, &subject) {
        return refuse(RefusalReason::FaceCutOff, before.report);
    }
    // `auto`: keep a background that passes, unless the crop then runs past the photo's edge;
    // otherwise the profile colour nearest to the photo's own background.
    let choices: Vec<Option<&BgReference>> = match requested {
        Background::Keep => vec![None],
        Background::Color(r) => vec![Some(r)],
        Background::Auto => {
            let nearest = nearest_reference(&before.measurements, profile);
            if background_passes(&before.report) {
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
        chin_y: place.chin_y,
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

/// The background asked for.
enum Background<'p> {
    Keep,
    Auto,
    Color(&'p BgReference),
}

impl<'p> Background<'p> {
    fn parse(profile: &'p Profile, name: Option<&str>) -> Result<Background<'p>> {
        match name.unwrap_or("keep") {
            "keep" => Ok(Background::Keep),
            "auto" => Ok(Background::Auto),
            name => background_color(profile, name).map(Background::Color),
        }
    }
}

fn background_passes(report: &Report) -> bool {
    [RuleId::BgColor, RuleId::BgUniform]
        .iter()
        .all(|&rule| report.item(rule).is_none_or(|i| i.verdict == Verdict::Pass))
}

/// The profile colour nearest to the photo's measured background, or its first colour.
fn nearest_reference<'p>(m: &crate::measure::Measurements, profile: &'p Profile) -> Option<&'p BgReference> {
    let references = &profile.rules.bg_color.as_ref()?.references;
    let name = match m.get(RuleId::BgColor) {
        Some(Measurement::Color { rgb }) => crate::verdict::nearest_background(*rgb, profile).map(|n| n.0),
        _ => None,
    };
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
                return Ok(Err(diagnose(&subject, &targets, narrow)));
            };
            let person = |x: u32, y: u32| {
                let p = Point::new(x as f32 + 0.5, y as f32 + 0.5);
                self.analysis.person_at(p).unwrap_or(0.0)
            };
            let mut img =
                render(self.analysis.decoded.rgb(), &crop, self.profile, self.options.limits, &person)?;
            if let Some(color) = color {
                let coarse = person_mask(self.analysis, &crop, self.chin_y, img.width(), img.height());
                background::replace(&mut img, &coarse, color.rgb);
            }
            let encoded = encode::encode_into(&img, &target)?;
            let after_options = CheckOptions { file_name: Some(self.out_name), ..self.check_options };
            let after = assess(&encoded.bytes, &after_options)?.report;
            let misses = placement_misses(&after);
            if !misses.is_empty() && attempt < CORRECTIONS {
                subject = corrected(&subject, &crop, &after);
                attempt += 1;
                continue;
            }
            if !misses.is_empty() {
                return Ok(Err(RefusalReason::CannotPlace));
            }
            if color.is_some() && !background_passes(&after) {
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
                report: after,
            }));
        }
    }
}

/// Refusals the crop cannot help: faces and eyes.
fn content_refusal(m: &crate::measure::Measurements, profile: &Profile) -> Option<RefusalReason> {
    match m.get(RuleId::GeomFaceCount) {
        Some(Measurement::FaceCount { faces: 0, .. }) => return Some(RefusalReason::NoFace),
        Some(Measurement::FaceCount { faces, .. }) if *faces > 1 => return Some(RefusalReason::SeveralFaces),
        _ => {}
    }
    let eyes = m.get(RuleId::FaceEyesOpen).and_then(|e| evaluate(RuleId::FaceEyesOpen, e, profile));
    (eyes.map(|o| o.verdict) == Some(Verdict::Fail)).then_some(RefusalReason::EyesClosed)
}

fn subject_of(p: &Placement, analysis: &Analysis) -> Subject {
    let (l, r) = p.cheeks;
    Subject {
        head_top_y: f64::from(p.head_top_y),
        eye_y: f64::from((p.pupils.0.y + p.pupils.1.y) / 2.0),
        face_width: f64::from(l.distance(r)),
        center_x: f64::from((l.x + r.x) / 2.0),
        pupils_dy: f64::from((p.pupils.0.y - p.pupils.1.y).abs()),
        image_width: f64::from(analysis.decoded.width_px()),
        image_height: f64::from(analysis.decoded.height_px()),
    }
}

/// The head top at the photo's top edge, or a cheek or the chin outside the photo.
fn cut_off(p: &Placement, s: &Subject) -> bool {
    let (l, r) = p.cheeks;
    let (w, h) = (s.image_width, s.image_height);
    s.head_top_y <= CUT_OFF * h
        || f64::from(l.x.min(r.x)) < 0.0
        || f64::from(l.x.max(r.x)) > w
        || f64::from(p.chin_y) > h
}

/// Which limit stands in the way, tried one at a time in the order a student can act on.
fn diagnose(subject: &Subject, targets: &Targets, bounds: Bounds) -> RefusalReason {
    let free = Bounds { top: false, bottom: false, sides: false, max_upscale: None, pupils: false, ..bounds };
    if plan::solve(subject, targets, free).is_none() {
        return RefusalReason::CannotPlace;
    }
    let single: [(Bounds, RefusalReason); 5] = [
        (Bounds { pupils: false, ..bounds }, RefusalReason::HeadTilted),
        (Bounds { max_upscale: None, ..bounds }, RefusalReason::FaceTooSmall),
        (Bounds { top: false, ..bounds }, RefusalReason::HeadTooCloseToTop),
        (Bounds { sides: false, ..bounds }, RefusalReason::TooCloseToSide),
        (Bounds { bottom: false, ..bounds }, RefusalReason::TooCloseToBottom),
    ];
    for (relaxed, reason) in single {
        if plan::solve(subject, targets, relaxed).is_some() {
            return reason;
        }
    }
    // Several limits at once: name the first one that is needed.
    let mut relaxed = bounds;
    for (step, reason) in single {
        relaxed = Bounds {
            pupils: relaxed.pupils && step.pupils,
            max_upscale: relaxed.max_upscale.and(step.max_upscale),
            top: relaxed.top && step.top,
            sides: relaxed.sides && step.sides,
            bottom: relaxed.bottom && step.bottom,
            margin: bounds.margin,
        };
        if plan::solve(subject, targets, relaxed).is_some() {
            return reason;
        }
    }
    RefusalReason::CannotPlace
}

/// The crop at the profile's size, scaled with Lanczos 3. Outside the photo the edge row or column
/// is continued, smoothed along the edge so that it reads as cloth or background, not as streaks;
/// `person` (the mask at a photo pixel) keeps the background's colour out of the clothes' fill.
fn render(
    src: &RgbImage,
    crop: &Crop,
    profile: &Profile,
    limits: &Limits,
    person: &dyn Fn(u32, u32) -> f32,
) -> Result<RgbImage> {
    let (cw, ch) = (crop.width.round().max(1.0), crop.height.round().max(1.0));
    if cw * ch > limits.max_pixels as f64 || cw > f64::from(u32::MAX) || ch > f64::from(u32::MAX) {
        return Err(Error::new(
            ErrorKind::LimitExceeded,
            format!("the crop of {cw}×{ch} px is over the limit of {} pixels", limits.max_pixels),
        ));
    }
    let (x0, y0) = (crop.x.round() as i64, crop.y.round() as i64);
    let (sw, sh) = (i64::from(src.width()), i64::from(src.height()));
    if sw == 0 || sh == 0 {
        return Err(Error::new(ErrorKind::MalformedImage, "the photo has no pixels"));
    }
    let radius = (src.width().max(src.height()) / 40).max(2) as usize;
    let fade = (f64::from(src.width().max(src.height())) * FILL_FADE).max(1.0);
    let row =
        |y: u32| Fill::new((0..src.width()).map(|x| (src.get_pixel(x, y).0, person(x, y))).collect(), radius);
    let column = |x: u32| {
        Fill::new((0..src.height()).map(|y| (src.get_pixel(x, y).0, person(x, y))).collect(), radius)
    };
    let outside = crop.extends_past(sw as f64, sh as f64);
    let none = || Fill { smoothed: Vec::new(), mean: [0.0; 3] };
    let (top, bottom) = if outside { (row(0), row(src.height() - 1)) } else { (none(), none()) };
    let (left, right) = if outside { (column(0), column(src.width() - 1)) } else { (none(), none()) };
    let canvas = RgbImage::from_fn(cw as u32, ch as u32, |x, y| {
        let (sx, sy) = (x0 + i64::from(x), y0 + i64::from(y));
        let (cx, cy) = (sx.clamp(0, sw - 1) as usize, sy.clamp(0, sh - 1) as usize);
        let filled = if sy >= sh {
            bottom.at(cx, (sy - sh + 1) as f64 / fade)
        } else if sy < 0 {
            top.at(cx, -sy as f64 / fade)
        } else if sx < 0 {
            left.at(cy, -sx as f64 / fade)
        } else if sx >= sw {
            right.at(cy, (sx - sw + 1) as f64 / fade)
        } else {
            None
        };
        image::Rgb(filled.unwrap_or_else(|| src.get_pixel(cx as u32, cy as u32).0))
    });
    Ok(image::imageops::resize(&canvas, profile.width_px, profile.height_px, FilterType::Lanczos3))
}

/// How the photo continues past one edge: the edge line smoothed along the edge, fading with the
/// distance into a plain colour, so that clothes continue as a plain surface. Where the line shows
/// the person, only the person's pixels are averaged (weighted by the mask); elsewhere all of them.
struct Fill {
    smoothed: Vec<[f64; 3]>,
    mean: [f64; 3],
}

impl Fill {
    /// `line`: colour and person probability of each pixel along the edge.
    fn new(line: Vec<([u8; 3], f32)>, radius: usize) -> Fill {
        let weights: Vec<f32> = line.iter().map(|(_, w)| *w).collect();
        let channel = |c: usize, weighted: bool| -> Vec<f32> {
            line.iter().map(|(p, w)| f32::from(p[c]) * if weighted { *w } else { 1.0 }).collect()
        };
        // Window means (radius) and whole-line means (a radius covering the line) of weight·colour,
        // weight and colour; their ratio is the person's mean colour.
        let means = |r: usize| {
            let person: [Vec<f32>; 3] = std::array::from_fn(|c| window_mean(&channel(c, true), r));
            let all: [Vec<f32>; 3] = std::array::from_fn(|c| window_mean(&channel(c, false), r));
            let weight = window_mean(&weights, r);
            (0..line.len())
                .map(|i| -> [f64; 3] {
                    std::array::from_fn(|c| {
                        let v = if weight[i] > MIN_PERSON { person[c][i] / weight[i] } else { all[c][i] };
                        f64::from(v)
                    })
                })
                .collect::<Vec<_>>()
        };
        let mean = means(line.len()).first().copied().unwrap_or([0.0; 3]);
        Fill { smoothed: means(radius), mean }
    }

    /// The colour at position `i` along the edge, `distance` fade lengths past it.
    fn at(&self, i: usize, distance: f64) -> Option<[u8; 3]> {
        let near = self.smoothed.get(i)?;
        let k = distance.clamp(0.0, 1.0);
        Some(std::array::from_fn(|c| {
            (near[c] * (1.0 - k) + self.mean[c] * k).round().clamp(0.0, 255.0) as u8
        }))
    }
}

/// The person probability at each output pixel, from the photo's mask. Outside the photo the mask
/// is read a little inside the edge, where the segmentation is surer than at the edge itself; beside
/// the photo only the body below the chin continues (hair cut by a side edge is not drawn out into
/// bars).
fn person_mask(analysis: &Analysis, crop: &Crop, chin_y: f32, w: u32, h: u32) -> Vec<f32> {
    let (pw, ph) = (analysis.decoded.width_px() as f32, analysis.decoded.height_px() as f32);
    let inset = (pw.max(ph) * EDGE_INSET).max(0.5);
    let s = crop.scale as f32;
    let (x0, y0) = (crop.x as f32, crop.y as f32);
    let mut out = vec![0.0f32; (w as usize) * (h as usize)];
    for y in 0..h {
        let py = y0 + (y as f32 + 0.5) / s;
        if py < 0.0 {
            // Above the photo there is only background: the head top is inside it.
            continue;
        }
        let py = if py < ph { py } else { ph - inset };
        for x in 0..w {
            let px = x0 + (x as f32 + 0.5) / s;
            if !(0.0..pw).contains(&px) && py < chin_y {
                continue;
            }
            let px = if (0.0..pw).contains(&px) { px } else { px.clamp(inset, pw - inset) };
            out[(y * w + x) as usize] = analysis.person_at(Point::new(px, py)).unwrap_or(0.0);
        }
    }
    out
}

/// The placement rules the new file fails (or could not be measured for).
fn placement_misses(report: &Report) -> Vec<RuleId> {
    report
        .items
        .iter()
        .filter(|i| {
            matches!(
                i.rule,
                RuleId::GeomHeadTop
                    | RuleId::GeomEyeY
                    | RuleId::GeomFaceWidth
                    | RuleId::GeomCenterX
                    | RuleId::GeomPupilsLevel
            ) && i.verdict != Verdict::Pass
        })
        .map(|i| i.rule)
        .collect()
}

/// The subject moved by what measuring the new file found: where the plan put a length and where
/// the new analysis saw it differ, the photo's length is taken to differ by the same, unscaled.
fn corrected(subject: &Subject, crop: &Crop, after: &Report) -> Subject {
    let s = crop.scale;
    let value = |rule: RuleId| match after.item(rule).and_then(|i| i.value.as_ref()) {
        Some(crate::report::Value::Number(v)) => Some(*v),
        _ => None,
    };
    let mut next = *subject;
    if let Some(v) = value(RuleId::GeomHeadTop) {
        next.head_top_y += (v - (subject.head_top_y - crop.y) * s) / s;
    }
    if let Some(v) = value(RuleId::GeomEyeY) {
        next.eye_y += (v - (subject.eye_y - crop.y) * s) / s;
    }
    if let Some(v) = value(RuleId::GeomFaceWidth) {
        next.face_width = v / s;
    }
    if let Some(v) = value(RuleId::GeomCenterX) {
        next.center_x += (v - (subject.center_x - crop.x) * s) / s;
    }
    next
}

fn background_color<'p>(profile: &'p Profile, name: &str) -> Result<&'p BgReference> {
    let references = profile.rules.bg_color.as_ref().map(|r| r.references.as_slice()).unwrap_or_default();
    references.iter().find(|r| r.name == name).ok_or_else(|| {
        let known: Vec<&str> = references.iter().map(|r| r.name.as_str()).collect();
        Error::new(
            ErrorKind::InvalidOptions,
            format!(
                "option `background`: `{name}` is not a background colour of profile {}; use keep, auto{}{}",
                profile.id,
                if known.is_empty() { "" } else { ", " },
                known.join(", ")
            ),
        )
    })
}

/// The new file's name: the ID or sequence number checked against the profile's naming rule, else
/// the photo's own name with `.jpg`.
fn output_name(profile: &Profile, name: Option<&str>, original: Option<&str>) -> Result<String> {
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
        let stem = original.map(|o| split_name(o).0).filter(|s| !s.is_empty()).unwrap_or("photo");
        return Ok(format!("{stem}.jpg"));
    };
    let scheme = profile.rules.file_name.as_ref().map(|r| r.scheme);
    let problem = match scheme {
        Some(NameScheme::IdNumber) => check_id_number(name).err(),
        Some(NameScheme::Sequence4) => check_sequence4(name).err(),
        None if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && name.len() <= 64 =>
        {
            None
        }
        None => Some(NameProblem::Pattern),
    };
    match problem {
        None if scheme == Some(NameScheme::IdNumber) => Ok(format!("{}.jpg", name.to_ascii_uppercase())),
        None => Ok(format!("{name}.jpg")),
        Some(NameProblem::CheckDigit) => Err(Error::new(
            ErrorKind::InvalidOptions,
            format!("option `name`: the check digit of ID number {name} is wrong; check the number"),
        )),
        Some(NameProblem::Pattern) => Err(Error::new(
            ErrorKind::InvalidOptions,
            format!("option `name`: `{name}` does not follow the naming rule of profile {}", profile.id),
        )),
    }
}

fn encode_target(profile: &Profile) -> encode::Target {
    let r = &profile.rules;
    let kb = r.file_kb.as_ref().and_then(|k| Some((k.min.unwrap_or(0.0), k.max?)));
    let q_min = r.file_quality.as_ref().and_then(|q| q.min).unwrap_or(60.0).clamp(1.0, 100.0) as u8;
    let q_max = r.file_quality.as_ref().and_then(|q| q.max).unwrap_or(100.0).clamp(1.0, 100.0) as u8;
    let dpi = r.file_dpi.as_ref().and_then(|d| d.min.or(d.max)).map(|d| d.clamp(1.0, 65535.0) as u16);
    encode::Target { kb, quality: (q_min, q_max), dpi: dpi.or(Some(300)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_profile() {
        let nanjing = Profile::builtin("chsi-nanjing").unwrap();
        assert_eq!(
            output_name(&nanjing, Some("11010519491231002x"), None).unwrap(),
            "11010519491231002X.jpg"
        );
        assert_eq!(
            output_name(&nanjing, Some("110105194912310021"), None).unwrap_err().code(),
            "invalid_options"
        );
        let chsi = Profile::chsi();
        assert_eq!(output_name(&chsi, None, Some("dir/IMG_0001.HEIC")).unwrap(), "IMG_0001.jpg");
        assert_eq!(output_name(&chsi, None, None).unwrap(), "photo.jpg");
        assert_eq!(output_name(&chsi, Some("../x"), None).unwrap_err().code(), "invalid_options");
    }

    #[test]
    fn backgrounds_are_the_profiles_colours() {
        let chsi = Profile::chsi();
        assert_eq!(background_color(&chsi, "blue").unwrap().rgb, [100, 197, 255]);
        assert!(matches!(Background::parse(&chsi, None), Ok(Background::Keep)));
        assert!(matches!(Background::parse(&chsi, Some("auto")), Ok(Background::Auto)));
        let err = background_color(&chsi, "pink").unwrap_err();
        assert!(err.message().contains("blue, white, grey"), "{err}");
    }

    #[test]
    fn the_target_comes_from_the_profile() {
        let t = encode_target(&Profile::builtin("xinhua-960").unwrap());
        assert_eq!(t.kb, Some((550.0, 650.0)));
        assert_eq!((t.quality.0, t.dpi), (60, Some(300)));
    }
}
