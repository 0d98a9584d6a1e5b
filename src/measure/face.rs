//! Section 3, the face itself: eyes open, lips closed, head pose. All scale-free.
//!
//! - `face.eyes_open` = 1000 × the smaller eye's largest eyelid gap / that eye's corner distance
//!   (iris-model eyelid contour). An open eye scores about 250–400, a closed one below 100.
//! - `face.lips_closed` = 1000 × the largest inner-lip gap (mesh pairs across the mouth opening,
//!   measured perpendicular to the eye line) / the face width between the cheeks: per mille of face width, so the same on any photo size.
//! - `face.pose`: roll = angle of the line between the pupils; yaw = the angle in the horizontal plane
//!   of the summed vectors between eight left/right symmetric mesh pairs (eye corners, mouth corners,
//!   cheeks, jaw), from the mesh's depth (z, at the scale of x). On frontal ID photos the estimate
//!   spreads by about ±10°. Pitch = the angle of the forehead-to-chin line (mesh 10, 152) out of the
//!   picture plane, from the mesh's depth, less 10° (its angle on the ID photos); negative = chin up.
//! - `face.red_eye` = % of the pupil disc (radius 0.1 × the eye's corner distance, at least 1 px, around the iris
//!   model's pupil centre) whose pixels are red (R ≥ 60 and R ≥ 1.6 × max(G, B)); the less red of the
//!   eyes open at least 0.15 (a closed eye's disc lies on the eyelid), so that one odd eye never fails;
//!   0 when no eye is open.
//! - `face.accessories`, `geom.shoulders_level`: not measured (`needs_review`); the report asks the
//!   person to check.
//! - `face.gaze` = |mean over both eyes of the pupil's offset from the midpoint of the eye corners|,
//!   along the eye line, in % of the corner distance: eyes turned sideways in the head.

use super::{Ctx, Face, Measurement};
use crate::face::geometry::{cheeks, pupils};
use crate::face::iris::CORNERS;
use crate::face::landmarks::idx;
use crate::face::{Eye, MainFace};
use crate::geometry::circle;

pub(crate) fn eyes_open(_: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let face = face.main;
    match (&face.left_eye, &face.right_eye) {
        (Some(l), Some(r)) => Measurement::Number(1000.0 * f64::from(l.openness().min(r.openness()))),
        _ => Measurement::Unmeasured(super::Unmeasured::NoFace),
    }
}

pub(crate) fn lips_closed(_: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let face = face.main;
    let (l, r) = cheeks(face);
    let width = l.distance(r);
    if width <= 0.0 {
        return Measurement::Unmeasured(super::Unmeasured::NoFace);
    }
    // The face's "down", perpendicular to the eye line: gaps are measured along it, and a lower lip
    // point above the upper one (pressed lips) counts as no gap.
    let angle = roll_deg(face).to_radians() as f32;
    let (down_x, down_y) = (-angle.sin(), angle.cos());
    let gap = idx::INNER_LIPS
        .iter()
        .map(|&(u, d)| {
            let (u, d) = (face.mesh.at(u), face.mesh.at(d));
            ((d.x - u.x) * down_x + (d.y - u.y) * down_y).max(0.0)
        })
        .fold(0.0, f32::max);
    Measurement::Number(1000.0 * f64::from(gap / width))
}

pub(crate) fn roll_deg(face: &MainFace) -> f64 {
    let (l, r) = pupils(face);
    f64::from(r.y - l.y).atan2(f64::from(r.x - l.x)).to_degrees()
}

pub(crate) fn pose(_: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let face = face.main;
    let m = &face.mesh;
    let (dx, dz) = idx::SYMMETRIC_PAIRS.iter().fold((0.0f64, 0.0f64), |(dx, dz), &(l, r)| {
        (dx + f64::from(m.at(r).x - m.at(l).x), dz + f64::from(m.z_at(r) - m.z_at(l)))
    });
    Measurement::Pose {
        roll_deg: roll_deg(face),
        yaw_deg: dz.atan2(dx).to_degrees(),
        pitch_deg: pitch_deg(face),
    }
}

/// The mesh's forehead-to-chin line leans this far out of the picture plane on a level head: the
/// middle of the ID photos' 1.5–22.9° (docs/calibration.md).
const LEVEL_PITCH_DEG: f64 = 10.0;

/// Pitch: the angle of the forehead-to-chin line (mesh 10 and 152) out of the picture plane, from
/// the mesh's depth, less its angle on a level head; positive when the head is bowed.
fn pitch_deg(face: &MainFace) -> f64 {
    let m = &face.mesh;
    let (top, chin) = (m.at(idx::FOREHEAD), m.at(idx::CHIN));
    let dz = f64::from(m.z_at(idx::CHIN) - m.z_at(idx::FOREHEAD));
    dz.atan2(f64::from(top.distance(chin))).to_degrees() - LEVEL_PITCH_DEG
}

/// Radius of the pupil disc read for red eye, as a share of the eye's corner distance (the iris
/// spans about 0.4 of it; a flash-dilated pupil about half of that).
const PUPIL_DISC: f32 = 0.1;

/// Whether a pixel is red-eye red: bright enough red, well above green and blue.
fn is_red(p: [u8; 3]) -> bool {
    let (r, g, b) = (f32::from(p[0]), f32::from(p[1]), f32::from(p[2]));
    r >= RED_MIN && r >= RED_OVER_GREEN_BLUE * g.max(b)
}

const RED_MIN: f32 = 60.0;
const RED_OVER_GREEN_BLUE: f32 = 1.6;

/// Eyes less open than this (eyelid gap / eye width) are not read for red eye: the disc would lie on
/// the eyelid.
const RED_EYE_MIN_OPENNESS: f32 = 0.15;

pub(crate) fn red_eye(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let face = face.main;
    if face.left_eye.is_none() && face.right_eye.is_none() {
        return Measurement::Unmeasured(super::Unmeasured::NoFace);
    }
    let shares: Vec<f64> = [&face.left_eye, &face.right_eye]
        .into_iter()
        .flatten()
        .filter(|eye| eye.openness() >= RED_EYE_MIN_OPENNESS)
        .filter_map(|eye| {
            let width = eye.lid(CORNERS.0).distance(eye.lid(CORNERS.1));
            let disc = circle(eye.pupil, (PUPIL_DISC * width).max(1.0));
            let pixels = ctx.scene.pixels_in(&disc, &[]);
            (!pixels.is_empty())
                .then(|| 100.0 * pixels.iter().filter(|&&p| is_red(p)).count() as f64 / pixels.len() as f64)
        })
        .collect();
    match shares.as_slice() {
        // Closed eyes show no pupil, red or not; `face.eyes_open` reports them.
        [] => Measurement::Number(0.0),
        shares => Measurement::Number(shares.iter().copied().fold(f64::INFINITY, f64::min)),
    }
}

/// The pupil's offset from the middle of the eye opening, in % of the eye's corner distance: along
/// the eye line (positive towards the image right) and across it (positive down).
fn pupil_offset(eye: &Eye) -> (f32, f32) {
    let (c0, c1) = (eye.lid(CORNERS.0), eye.lid(CORNERS.1));
    let width = c0.distance(c1).max(1.0);
    let sign = if c1.x >= c0.x { 1.0 } else { -1.0 };
    let (ux, uy) = (sign * (c1.x - c0.x) / width, sign * (c1.y - c0.y) / width);
    let middle = c0.mid(c1);
    let (dx, dy) = (eye.pupil.x - middle.x, eye.pupil.y - middle.y);
    (100.0 * (dx * ux + dy * uy) / width, 100.0 * (-dx * uy + dy * ux) / width)
}

pub(crate) fn gaze(_: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let face = face.main;
    match (&face.left_eye, &face.right_eye) {
        (Some(l), Some(r)) => {
            let ((lx, _), (rx, _)) = (pupil_offset(l), pupil_offset(r));
            Measurement::Number(f64::from((lx + rx) / 2.0).abs())
        }
        _ => Measurement::Unmeasured(super::Unmeasured::NoFace),
    }
}

/// Rules no measure here can answer reliably (earrings and necklaces; level shoulders): the report
/// asks the person to check (`needs_review`).
pub(crate) fn needs_review(_: &Ctx<'_>, _: &Face<'_>) -> Measurement {
    Measurement::Unmeasured(super::Unmeasured::NeedsReview)
}
