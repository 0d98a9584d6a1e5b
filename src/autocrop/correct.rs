//! Correcting the plan by what measuring the new file found: the new analysis sees new pixels, so
//! where a placed length lands can differ a little from the plan. Decided from the new file's
//! verdicts and unrounded measurements, never from the report's rounded numbers.

use super::plan::{Crop, Subject};
use crate::measure::Measurements;
use crate::rule::RuleId;
use crate::verdict::{Verdict, Verdicts};

/// Corrections after measuring the new file, at most.
pub(super) const CORRECTIONS: usize = 2;

/// The rules that place the face.
const PLACEMENT: [RuleId; 5] = [
    RuleId::GeomHeadTop,
    RuleId::GeomEyeY,
    RuleId::GeomFaceWidth,
    RuleId::GeomCenterX,
    RuleId::GeomPupilsLevel,
];

/// The placement rules the new file fails (or could not be measured for).
pub(super) fn placement_misses(verdicts: &Verdicts) -> Vec<RuleId> {
    PLACEMENT.into_iter().filter(|&r| verdicts.verdict(r).is_some_and(|v| v != Verdict::Pass)).collect()
}

/// The subject moved by what measuring the new file found: where the plan put a length and where
/// the new analysis saw it differ, the photo's length is taken to differ by the same, unscaled.
pub(super) fn corrected(subject: &Subject, crop: &Crop, after: &Measurements) -> Subject {
    let s = crop.scale;
    let value = |rule: RuleId| after.number(rule);
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
