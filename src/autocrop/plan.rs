//! Where to cut: the crop that, scaled to the profile's size, puts the head top, the eye line and the
//! face width in the middle of their allowed ranges and the face in the centre.
//!
//! With `s` output pixels per photo pixel and the crop's top-left corner at `(x0, y0)`, every placed
//! length is linear in `s`, `t = s·y0` and `u = s·x0`: head top `s·y_head − t`, eye line
//! `s·y_eye − t`, face width `s·w_face`, centre `s·x_centre − u`. For each scale on a fine grid the
//! best offsets are closed-form (weighted least squares, clamped to the ranges' inner parts and the
//! photo's edges); the scale with the smallest cost wins. Plain arithmetic, no image access.

use serde::Serialize;

use crate::profile::Profile;

/// Share of a range kept free at each end, so that measuring the result again (a new analysis of
/// new pixels) still lands inside: the comfortable margin first, the narrow one when nothing fits
/// the comfortable one (tall hair).
pub(crate) const MARGINS: [f64; 2] = [0.15, 0.05];
/// Largest share of the output that may be filled past the photo's bottom edge (height) or past
/// each side (width): more looks like a cut-out on a coloured block, not a photo.
const MAX_FILL: f64 = 0.25;
/// Cost of filling the whole output height beyond the photo's edge, in the unit of the placement
/// cost (squared half-ranges): a placement may move off the middle to need less filling.
const FILL_COST: f64 = 8.0;
/// Scales tried between the smallest and the largest admissible one.
const STEPS: usize = 400;

/// The face to place, in pixels of the upright photo.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Subject {
    pub(crate) head_top_y: f64,
    pub(crate) eye_y: f64,
    pub(crate) face_width: f64,
    pub(crate) center_x: f64,
    /// Vertical distance between the pupils.
    pub(crate) pupils_dy: f64,
    pub(crate) image_width: f64,
    pub(crate) image_height: f64,
}

/// An allowed range of the output.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Band {
    min: f64,
    max: f64,
}

impl Band {
    fn of(rule: Option<&crate::profile::RangeRule>) -> Option<Band> {
        let r = rule?;
        Some(Band { min: r.min?, max: r.max? })
    }
    fn mid(self) -> f64 {
        (self.min + self.max) / 2.0
    }
    /// Half the width, the unit of the cost.
    fn half(self) -> f64 {
        ((self.max - self.min) / 2.0).max(1e-6)
    }
    fn inner(self, margin: f64) -> (f64, f64) {
        let m = (self.max - self.min) * margin;
        (self.min + m, self.max - m)
    }
    fn cost(self, v: f64) -> f64 {
        ((v - self.mid()) / self.half()).powi(2)
    }
}

/// The profile's placement ranges at its output size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Targets {
    out_w: f64,
    out_h: f64,
    head_top: Option<Band>,
    eye_y: Option<Band>,
    face_width: Option<Band>,
    center_x: Option<Band>,
    pupils_max: Option<f64>,
}

impl Targets {
    pub(crate) fn of(profile: &Profile) -> Targets {
        let r = &profile.rules;
        Targets {
            out_w: f64::from(profile.width_px),
            out_h: f64::from(profile.height_px),
            head_top: Band::of(r.geom_head_top.as_ref()),
            eye_y: Band::of(r.geom_eye_y.as_ref()),
            face_width: Band::of(r.geom_face_width.as_ref()),
            center_x: Band::of(r.geom_center_x.as_ref()),
            pupils_max: r.geom_pupils_level.as_ref().and_then(|p| p.max),
        }
    }

    /// Where an unconstrained placement puts things when the profile has no range for them: the
    /// proportions of the national standard at 480 × 640.
    fn eye_default(&self) -> Band {
        self.eye_y.unwrap_or(Band { min: self.out_h * 0.3125, max: self.out_h * 0.46875 })
    }
    fn width_default(&self) -> Band {
        self.face_width.unwrap_or(Band { min: self.out_w * 0.375, max: self.out_w * 0.625 })
    }
    fn center_default(&self) -> Band {
        self.center_x.unwrap_or(Band { min: self.out_w / 2.0, max: self.out_w / 2.0 })
    }
}

/// Which limits a crop must respect.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bounds {
    /// The crop stays below the photo's top edge.
    pub(crate) top: bool,
    /// The crop stays above the photo's bottom edge.
    pub(crate) bottom: bool,
    /// The crop stays within the photo's left and right edges.
    pub(crate) sides: bool,
    /// Largest output pixels per photo pixel.
    pub(crate) max_upscale: Option<f64>,
    /// The pupils' height difference must fit the profile's range after scaling.
    pub(crate) pupils: bool,
    /// Share of each range kept free at both ends, one of [`MARGINS`].
    pub(crate) margin: f64,
}

/// The crop autocrop used, in pixels of the upright photo. Parts outside the photo were filled (the
/// edge repeated under the new background).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Crop {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
    /// Output pixels per photo pixel (above 1 means enlarged).
    pub scale: f64,
}

impl Crop {
    /// Whether any part of the crop lies outside a photo of `width × height` (half a pixel allowed).
    pub fn extends_past(&self, width: f64, height: f64) -> bool {
        self.x < -0.5
            || self.y < -0.5
            || self.x + self.width > width + 0.5
            || self.y + self.height > height + 0.5
    }
}

/// The best crop within `bounds`, or `None` when no crop places the face inside every range.
pub(crate) fn solve(subject: &Subject, targets: &Targets, bounds: Bounds) -> Option<Crop> {
    let (w_face, sub) = (subject.face_width.max(1.0), subject);
    let width_band = targets.width_default();
    let (wlo, whi) = width_band.inner(bounds.margin);
    let mut s_lo = wlo / w_face;
    let mut s_hi = whi / w_face;
    if let Some(m) = bounds.max_upscale {
        s_hi = s_hi.min(m);
    }
    if let (true, Some(max)) = (bounds.pupils, targets.pupils_max) {
        if sub.pupils_dy > 0.0 {
            s_hi = s_hi.min(max * (1.0 - bounds.margin) / sub.pupils_dy);
        }
    }
    if !(s_lo > 0.0 && s_hi >= s_lo) {
        return None;
    }
    s_lo = s_lo.max(1e-6);
    let mut best: Option<(f64, Crop)> = None;
    for i in 0..=STEPS {
        // Geometric steps: the same relative resolution at every scale.
        let s = s_lo * (s_hi / s_lo).powf(i as f64 / STEPS as f64);
        let Some(candidate) = place(sub, targets, bounds, s) else { continue };
        if best.as_ref().is_none_or(|(c, _)| candidate.0 < *c) {
            best = Some(candidate);
        }
    }
    best.map(|(_, crop)| crop)
}

/// The best offsets at scale `s`, with their cost.
fn place(sub: &Subject, tg: &Targets, bounds: Bounds, s: f64) -> Option<(f64, Crop)> {
    // Vertical: t = s·y0. Each band bounds t and pulls it towards its middle.
    let (mut t_lo, mut t_hi) = (f64::NEG_INFINITY, f64::INFINITY);
    let (mut num, mut den) = (0.0, 0.0);
    let eye = tg.eye_default();
    for (band, y) in [(tg.head_top, sub.head_top_y), (Some(eye), sub.eye_y)] {
        let Some(band) = band else { continue };
        let (lo, hi) = band.inner(bounds.margin);
        t_lo = t_lo.max(s * y - hi);
        t_hi = t_hi.min(s * y - lo);
        let weight = 1.0 / band.half().powi(2);
        num += weight * (s * y - band.mid());
        den += weight;
    }
    let bottom_edge = s * sub.image_height - tg.out_h;
    if bounds.top {
        t_lo = t_lo.max(0.0);
    }
    t_hi = t_hi.min(bottom_edge + if bounds.bottom { 0.0 } else { MAX_FILL * tg.out_h });
    if t_lo > t_hi + 1e-9 {
        return None;
    }
    // The best vertical offset for the placement, or one that fills less beyond the photo.
    let vertical_cost = |t: f64| {
        let mut cost = eye.cost(s * sub.eye_y - t);
        if let Some(head) = tg.head_top {
            cost += head.cost(s * sub.head_top_y - t);
        }
        let filled = (t - bottom_edge).max(0.0) + (-t).max(0.0);
        cost + FILL_COST * filled / tg.out_h
    };
    let t = [num / den.max(1e-12), 0.0, bottom_edge]
        .into_iter()
        .map(|t| t.clamp(t_lo, t_hi.max(t_lo)))
        .min_by(|a, b| vertical_cost(*a).total_cmp(&vertical_cost(*b)))
        .unwrap_or(t_lo);

    // Horizontal: u = s·x0.
    let center = tg.center_default();
    let (clo, chi) =
        if center.max > center.min { center.inner(bounds.margin) } else { (center.min, center.max) };
    let (mut u_lo, mut u_hi) = (s * sub.center_x - chi, s * sub.center_x - clo);
    let side_fill = if bounds.sides { 0.0 } else { MAX_FILL * tg.out_w };
    u_lo = u_lo.max(-side_fill);
    u_hi = u_hi.min(s * sub.image_width - tg.out_w + side_fill);
    if u_lo > u_hi + 1e-9 {
        return None;
    }
    let u = (s * sub.center_x - center.mid()).clamp(u_lo, u_hi.max(u_lo));

    let mut cost = tg.width_default().cost(s * sub.face_width) + vertical_cost(t);
    if center.max > center.min {
        cost += center.cost(s * sub.center_x - u);
    }
    Some((cost, Crop { x: u / s, y: t / s, width: tg.out_w / s, height: tg.out_h / s, scale: s }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject() -> Subject {
        // A face 400 px wide, eyes at 1000, hair top 700, centred at 1500 in a 3000 × 4000 photo.
        Subject {
            head_top_y: 700.0,
            eye_y: 1000.0,
            face_width: 400.0,
            center_x: 1500.0,
            pupils_dy: 4.0,
            image_width: 3000.0,
            image_height: 4000.0,
        }
    }

    fn all_bounds() -> Bounds {
        Bounds {
            top: true,
            bottom: true,
            sides: true,
            max_upscale: Some(2.0),
            pupils: true,
            margin: MARGINS[0],
        }
    }

    fn placed(sub: &Subject, c: &Crop) -> (f64, f64, f64, f64) {
        let s = c.scale;
        ((sub.head_top_y - c.y) * s, (sub.eye_y - c.y) * s, sub.face_width * s, (sub.center_x - c.x) * s)
    }

    #[test]
    fn places_a_face_inside_every_chsi_range() {
        let targets = Targets::of(&Profile::chsi());
        let sub = subject();
        let crop = solve(&sub, &targets, all_bounds()).unwrap();
        let (head, eye, width, centre) = placed(&sub, &crop);
        assert!((60.0..=110.0).contains(&head), "{head}");
        assert!((200.0..=300.0).contains(&eye), "{eye}");
        assert!((180.0..=300.0).contains(&width), "{width}");
        assert!((centre - 240.0).abs() < 1e-6, "{centre}");
        assert!((crop.height / crop.width - 640.0 / 480.0).abs() < 1e-9);
        assert!(!crop.extends_past(sub.image_width, sub.image_height));
    }

    #[test]
    fn edges_and_enlargement_limit_the_crop() {
        let targets = Targets::of(&Profile::chsi());
        // Hair touching the top edge: no crop within the photo puts 60 px above it.
        let sub = Subject { head_top_y: 5.0, eye_y: 305.0, ..subject() };
        assert!(solve(&sub, &targets, all_bounds()).is_none());
        let crop = solve(&sub, &targets, Bounds { top: false, ..all_bounds() }).unwrap();
        assert!(crop.y < 0.0 && crop.extends_past(sub.image_width, sub.image_height));
        // A head in a photo that ends at the chin: filling below is limited to a quarter of the
        // output, which is not enough.
        let bust = Subject { image_height: 1250.0, ..subject() };
        assert!(solve(&bust, &targets, Bounds { bottom: false, ..all_bounds() }).is_none());
        let chest = Subject { image_height: 1500.0, ..subject() };
        let crop = solve(&chest, &targets, Bounds { bottom: false, ..all_bounds() }).unwrap();
        let filled = (crop.y + crop.height - chest.image_height) * crop.scale;
        assert!(filled > 0.0 && filled <= 0.25 * 640.0 + 1e-6, "{filled}");
        // A face 60 px wide needs 3× enlargement.
        let small =
            Subject { head_top_y: 900.0, eye_y: 945.0, face_width: 60.0, pupils_dy: 0.5, ..subject() };
        assert!(solve(&small, &targets, all_bounds()).is_none());
        assert!(solve(&small, &targets, Bounds { max_upscale: None, ..all_bounds() }).is_some());
        // Pupils 30 px apart vertically cannot be level within 9 px at a scale that fits the width.
        let tilted = Subject { pupils_dy: 30.0, face_width: 200.0, head_top_y: 850.0, ..subject() };
        assert!(solve(&tilted, &targets, all_bounds()).is_none());
        assert!(solve(&tilted, &targets, Bounds { pupils: false, ..all_bounds() }).is_some());
    }
}
