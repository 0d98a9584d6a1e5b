//! Section 2: where the face is, read from the analysis's [`FaceGeometry`](crate::face::FaceGeometry)
//! and converted to the profile's reference size.
//!
//! - `geom.face_count`: faces at least half as wide as the largest (it included), and smaller ones.
//! - `geom.head_top`: the head top, hair included (see `face/geometry.rs`).
//! - `geom.eye_y`: mean y of the two pupil centres (iris model).
//! - `geom.pupils_level`: |Δy| of the pupil centres.
//! - `geom.face_width`: distance between the cheek extremes of the face oval (mesh 234 and 454).
//! - `geom.center_x`: x of the midpoint between those cheek extremes.

use super::{Ctx, Face, Measurement, Unmeasured};
use crate::face::geometry::HeadTop;

/// Share of a main face's width a second face must reach to count as another person in the photo;
/// smaller faces are people in the background.
pub(crate) const SIMILAR_FACE_WIDTH: f32 = 0.5;

pub(crate) fn face_count(ctx: &Ctx<'_>) -> Measurement {
    let faces = &ctx.scene.faces.faces;
    let Some(main) = faces.first() else {
        return Measurement::FaceCount { faces: 0, background_faces: 0 };
    };
    let similar = faces.iter().filter(|f| f.rect.width >= SIMILAR_FACE_WIDTH * main.rect.width).count();
    Measurement::FaceCount { faces: similar as u32, background_faces: (faces.len() - similar) as u32 }
}

pub(crate) fn eye_y(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    Measurement::Number(f64::from(face.geometry.eye_y()) * ctx.to_reference.1)
}

pub(crate) fn pupils_level(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let (l, r) = face.geometry.pupils;
    Measurement::Number(f64::from((l.y - r.y).abs()) * ctx.to_reference.1)
}

pub(crate) fn face_width(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let (l, r) = face.geometry.cheeks;
    let (sx, sy) = ctx.to_reference;
    Measurement::Number((f64::from(r.x - l.x) * sx).hypot(f64::from(r.y - l.y) * sy))
}

pub(crate) fn center_x(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    Measurement::Number(f64::from(face.geometry.center_x()) * ctx.to_reference.0)
}

pub(crate) fn head_top(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    match face.geometry.head_top {
        HeadTop::Found(y) => Measurement::Number(f64::from(y) * ctx.to_reference.1),
        HeadTop::NoMask => Measurement::Unmeasured(Unmeasured::NoFace),
        HeadTop::NoPerson => Measurement::Unmeasured(Unmeasured::NoPerson),
    }
}
