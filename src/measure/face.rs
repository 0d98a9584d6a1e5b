//! Section 3, the face itself: eyes open, lips closed, head pose. All scale-free.
//!
//! - `face.eyes_open` = 1000 × the smaller eye's largest eyelid gap / that eye's corner distance
//!   (iris-model eyelid contour). An open eye scores about 250–400, a closed one below 100.
//! - `face.lips_closed` = 1000 × the largest inner-lip gap (mesh pairs across the mouth opening,
//!   measured perpendicular to the eye line) / the face width between the cheeks: per mille of face width, so the same on any photo size.
//! - `face.pose`: roll = angle of the line between the pupils; yaw = the angle in the horizontal plane
//!   of the summed vectors between eight left/right symmetric mesh pairs (eye corners, mouth corners,
//!   cheeks, jaw), from the mesh's depth (z, at the scale of x). On frontal ID photos the estimate
//!   spreads by about ±10°.

use super::{Ctx, Face, Measurement};
use crate::face::geometry::{cheeks, pupils};
use crate::face::landmarks::idx;
use crate::face::MainFace;

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
    Measurement::Pose { roll_deg: roll_deg(face), yaw_deg: dz.atan2(dx).to_degrees() }
}
