//! Where the main face is, found once per analysis: pupils, eye line, cheeks, centre, head top, chin
//! and outline, in pixels of the full-size upright photo. The geometry measurements, the report's
//! overlay and autocrop's placement all read this one value.
//!
//! - pupils: the iris model's pupil centres; without them the midpoints of the eye corners.
//! - cheeks: the extremes of the face oval (mesh 234 and 454); the face centre is their midpoint.
//! - head top: the topmost row of the person mask above the forehead, hair included: each column
//!   across the middle half of the face is followed up from the forehead while the person
//!   probability stays ≥ 0.5, the crossing found by linear interpolation; the head top is the
//!   highest of these column tops after a 5-column median (robust to single stray columns).
//! - chin: mesh 152.

use super::landmarks::idx;
use super::{FaceAnalysis, MainFace, PersonMask};
use crate::geometry::Point;

/// The head top, or why it is not known.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum HeadTop {
    /// Its y.
    Found(f32),
    /// No person mask was made.
    NoMask,
    /// The mask does not cover the forehead.
    NoPerson,
}

/// The main face's geometry in pixels of the full-size upright photo.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FaceGeometry {
    /// Image-left and image-right pupil centres.
    pub(crate) pupils: (Point, Point),
    /// Image-left and image-right cheek extremes.
    pub(crate) cheeks: (Point, Point),
    /// The head top, hair included.
    pub(crate) head_top: HeadTop,
    /// The chin's lowest point.
    pub(crate) chin_y: f32,
    /// The face oval, clockwise from the forehead.
    pub(crate) oval: Vec<Point>,
}

impl FaceGeometry {
    /// The geometry of the main face of an analysis made at `(sx, sy)` photo pixels per analysis
    /// pixel, or `None` without a main face.
    pub(crate) fn of(analysis: &FaceAnalysis, (sx, sy): (f32, f32)) -> Option<FaceGeometry> {
        let main = analysis.main.as_ref().filter(|m| !m.mesh.points.is_empty())?;
        let full = |p: Point| Point::new(p.x * sx, p.y * sy);
        let (pl, pr) = pupils(main);
        let (cl, cr) = cheeks(main);
        let head_top = match analysis.mask.as_ref() {
            None => HeadTop::NoMask,
            Some(mask) => match head_top_y(mask, main) {
                Some(y) => HeadTop::Found(y * sy),
                None => HeadTop::NoPerson,
            },
        };
        Some(FaceGeometry {
            pupils: (full(pl), full(pr)),
            cheeks: (full(cl), full(cr)),
            head_top,
            chin_y: main.mesh.at(idx::CHIN).y * sy,
            oval: idx::OVAL.iter().map(|&i| full(main.mesh.at(i))).collect(),
        })
    }

    /// The eye line: the mean y of the pupils.
    pub(crate) fn eye_y(&self) -> f32 {
        (self.pupils.0.y + self.pupils.1.y) / 2.0
    }

    /// The face centre's x: the midpoint of the cheeks.
    pub(crate) fn center_x(&self) -> f32 {
        (self.cheeks.0.x + self.cheeks.1.x) / 2.0
    }

    /// The head top's y, when known.
    pub(crate) fn head_top_y(&self) -> Option<f32> {
        match self.head_top {
            HeadTop::Found(y) => Some(y),
            HeadTop::NoMask | HeadTop::NoPerson => None,
        }
    }
}

/// Pupil centres in analysis pixels, image-left first.
pub(crate) fn pupils(face: &MainFace) -> (Point, Point) {
    match (&face.left_eye, &face.right_eye) {
        (Some(l), Some(r)) => (l.pupil, r.pupil),
        _ => {
            let centre = |(a, b): (usize, usize)| face.mesh.at(a).mid(face.mesh.at(b));
            (centre(idx::LEFT_EYE_CORNERS), centre(idx::RIGHT_EYE_CORNERS))
        }
    }
}

/// Cheek extremes in analysis pixels, image-left first.
pub(crate) fn cheeks(face: &MainFace) -> (Point, Point) {
    (face.mesh.at(idx::CHEEKS.0), face.mesh.at(idx::CHEEKS.1))
}

/// The head top in analysis pixels, `None` when the mask does not cover the forehead.
pub(crate) fn head_top_y(mask: &PersonMask, face: &MainFace) -> Option<f32> {
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
        return None;
    }
    let smoothed = tops.windows(5).map(|w| {
        let mut w = [w[0], w[1], w[2], w[3], w[4]];
        w.sort_by(f32::total_cmp);
        w[2]
    });
    Some(smoothed.fold(f32::MAX, f32::min))
}
