//! Section 2: where the face is. Every length is converted to the profile's reference size.
//!
//! - `geom.eye_y`: mean y of the two pupil centres (iris model).
//! - `geom.pupils_level`: |Δy| of the pupil centres.
//! - `geom.face_width`: distance between the cheek extremes of the face oval (mesh 234 and 454).
//! - `geom.center_x`: x of the midpoint between those cheek extremes.
//! - `geom.head_top`: topmost row of the person mask above the forehead, hair included: each column
//!   across the middle half of the face is followed up from the forehead while the person
//!   probability stays ≥ 0.5, the crossing found by linear interpolation; the head top is the
//!   highest of these column tops after a 5-column median (robust to single stray columns).

use super::scene::Scene;
use super::{Measurement, Unmeasured};
use crate::face::landmarks::idx;
use crate::face::MainFace;
use crate::geometry::Point;

/// Share of a main face's width a second face must reach to count as another person in the photo;
/// smaller faces are people in the background.
pub(crate) const SIMILAR_FACE_WIDTH: f32 = 0.5;

pub(crate) fn face_count(scene: &Scene<'_>) -> Measurement {
    let faces = &scene.faces.faces;
    let Some(main) = faces.first() else {
        return Measurement::FaceCount { faces: 0, background_faces: 0 };
    };
    let similar = faces.iter().filter(|f| f.rect.width >= SIMILAR_FACE_WIDTH * main.rect.width).count();
    Measurement::FaceCount { faces: similar as u32, background_faces: (faces.len() - similar) as u32 }
}

pub(crate) fn pupils(face: &MainFace) -> (Point, Point) {
    match (&face.left_eye, &face.right_eye) {
        (Some(l), Some(r)) => (l.pupil, r.pupil),
        _ => {
            let centre = |(a, b): (usize, usize)| face.mesh.at(a).mid(face.mesh.at(b));
            (centre(idx::LEFT_EYE_CORNERS), centre(idx::RIGHT_EYE_CORNERS))
        }
    }
}

pub(crate) fn eye_y(scene: &Scene<'_>, face: &MainFace) -> Measurement {
    let (l, r) = pupils(face);
    Measurement::Number(f64::from((l.y + r.y) / 2.0) * scene.sy)
}

pub(crate) fn pupils_level(scene: &Scene<'_>, face: &MainFace) -> Measurement {
    let (l, r) = pupils(face);
    Measurement::Number(f64::from((l.y - r.y).abs()) * scene.sy)
}

pub(crate) fn cheeks(face: &MainFace) -> (Point, Point) {
    (face.mesh.at(idx::CHEEKS.0), face.mesh.at(idx::CHEEKS.1))
}

pub(crate) fn face_width(scene: &Scene<'_>, face: &MainFace) -> Measurement {
    let (l, r) = cheeks(face);
    Measurement::Number(scene.scaled(r.x - l.x, r.y - l.y))
}

pub(crate) fn center_x(scene: &Scene<'_>, face: &MainFace) -> Measurement {
    let (l, r) = cheeks(face);
    Measurement::Number(f64::from((l.x + r.x) / 2.0) * scene.sx)
}

/// The head top in analysis pixels, or why it cannot be found.
pub(crate) fn head_top_y(scene: &Scene<'_>, face: &MainFace) -> Result<f32, Unmeasured> {
    let mask = scene.mask().ok_or(Unmeasured::NoFace)?;
    let (l, r) = cheeks(face);
    let width = l.distance(r).max(1.0);
    let centre = (l.x + r.x) / 2.0;
    let forehead = face.mesh.at(idx::FOREHEAD);
    let step = (width / 200.0).max(0.25);
    let mut tops = Vec::new();
    let columns = 41;
    for c in 0..columns {
        let x = centre - width / 4.0 + width / 2.0 * c as f32 / (columns - 1) as f32;
        let mut y = forehead.y;
        if mask.at(Point::new(x, y)) < 0.5 {
            continue;
        }
        let mut prev = mask.at(Point::new(x, y));
        let top = loop {
            let next_y = y - step;
            if next_y < 0.0 {
                break 0.0;
            }
            let v = mask.at(Point::new(x, next_y));
            if v < 0.5 {
                // Linear interpolation of the 0.5 crossing between next_y (v) and y (prev).
                break next_y + step * (0.5 - v) / (prev - v).max(1e-6);
            }
            prev = v;
            y = next_y;
        };
        tops.push(top);
    }
    if tops.len() < 5 {
        return Err(Unmeasured::NoPerson);
    }
    let smoothed = tops.windows(5).map(|w| {
        let mut w = [w[0], w[1], w[2], w[3], w[4]];
        w.sort_by(f32::total_cmp);
        w[2]
    });
    Ok(smoothed.fold(f32::MAX, f32::min))
}

pub(crate) fn head_top(scene: &Scene<'_>, face: &MainFace) -> Measurement {
    match head_top_y(scene, face) {
        Ok(y) => Measurement::Number(f64::from(y) * scene.sy),
        Err(why) => Measurement::Unmeasured(why),
    }
}
