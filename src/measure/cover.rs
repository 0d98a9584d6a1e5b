//! Section 3, what covers the face or the head: 遮挡 and 不得使用头部覆盖物.
//!
//! - `face.occlusion` = % of eleven face regions that something covers: nine discs of radius 6 % of
//!   the face width on skin that is bare on an uncovered face (under each eye, the nose tip, above
//!   the upper lip, both cheeks, the chin, both sides of the mouth: mesh 118, 347, 4, 164, 205, 425,
//!   199, 212, 432) and the two eye openings (mesh eye outlines). A skin disc
//!   counts as covered when its median colour is light (CIE L* ≥ 40) and has less than half the
//!   chroma C* of the face's own skin (the larger median C* of the forehead discs, mesh 151, 108, 337,
//!   and of the cheek and nose-bridge discs): a white, grey or pale mask. Dark discs never count, so
//!   beards, stubble and shadows do not. An eye counts as covered when its opening's median colour has
//!   chroma (C* ≥ 6) at a hue no eye or skin has (outside −60°…100°): a dark-blue hat brim or fabric.
//!   A hand in skin colour is not found (see `docs/calibration.md`).
//! - `face.head_covering` = % of the person's pixels (mask ≥ 0.9) between the head top (person mask;
//!   its top 20 % left out, the mask's blurred edge) and the top
//!   of the forehead (mesh 10, less 5 % of the face height), across the middle 70 % of the face
//!   width, whose colour is neither hair nor skin: white or light grey (L* ≥ 80, C* < 8) or a
//!   colour of a hue hair and skin do not have (C* ≥ 14, L* ≥ 35, hue outside −10°…100°). Grey or
//!   white hair reads as covered: the rule warns, never fails.

use super::scene::{polygon, Scene};
use super::stats::median;
use super::{Ctx, Face, Measurement, Unmeasured};
use crate::color::{lab, Lab};
use crate::face::geometry::{cheeks, head_top_y};
use crate::face::landmarks::idx;
use crate::face::{MainFace, PersonMask};
use crate::geometry::{circle, Point};
use crate::geometry::{pixel_bounds, row_spans};

/// Discs on skin that an uncovered face shows bare: under the eyes, nose tip, above the upper lip,
/// cheeks, chin, beside the mouth.
const BARE_SKIN: [usize; 9] = [118, 347, 4, 164, 205, 425, 199, 212, 432];
/// Discs on the forehead, the face's own skin colour when no hat is over it.
const FOREHEAD: [usize; 3] = [151, 108, 337];
/// Discs on the cheeks and the nose bridge, the face's own skin colour when no mask is over it.
const MID_FACE: [usize; 5] = [205, 425, 118, 347, 6];
/// Radius of each disc, as a share of the face width.
const DISC: f32 = 0.06;
/// A disc lighter than this (CIE L*) may be a mask; a darker one is beard, stubble or shadow.
const MASK_MIN_L: f64 = 40.0;
/// A disc with less than this share of the skin's chroma is colourless: a mask.
const MASK_CHROMA_SHARE: f64 = 0.5;
/// An eye opening at least this colourful (C*) at a hue outside `EYE_HUES` is covered.
const EYE_COVER_MIN_C: f64 = 6.0;
const EYE_HUES: (f64, f64) = (-60.0, 100.0);

/// The median of each of L*, a*, b* over the pixels (the per-channel median), `None` for no pixels.
fn median_lab(pixels: &[[u8; 3]]) -> Option<Lab> {
    let labs: Vec<Lab> = pixels.iter().map(|&p| lab(p)).collect();
    let channel = |f: fn(&Lab) -> f64| median(&mut labs.iter().map(f).collect::<Vec<_>>());
    Some(Lab { l: channel(|x| x.l)?, a: channel(|x| x.a)?, b: channel(|x| x.b)? })
}

fn disc_colour(scene: &Scene<'_>, face: &MainFace, i: usize, radius: f32) -> Option<Lab> {
    median_lab(&scene.pixels_in(&circle(face.mesh.at(i), radius), &[]))
}

/// Which of the eleven regions are covered: the nine bare-skin discs (in `BARE_SKIN` order), then
/// the image-left and image-right eye. `None` when the face is too small to hold a disc.
pub(crate) fn covered_regions(scene: &Scene<'_>, face: &MainFace) -> Option<[bool; 11]> {
    let (l, r) = cheeks(face);
    let radius = DISC * l.distance(r);
    if radius < 1.0 {
        return None;
    }
    let colour = |i| disc_colour(scene, face, i, radius);
    let skin_chroma = |discs: &[usize]| {
        median(&mut discs.iter().filter_map(|&i| colour(i)).map(Lab::chroma).collect::<Vec<_>>())
    };
    let skin = [skin_chroma(&FOREHEAD), skin_chroma(&MID_FACE)].into_iter().flatten().reduce(f64::max)?;
    let mut out = [false; 11];
    for (slot, &i) in out.iter_mut().zip(BARE_SKIN.iter()) {
        *slot = colour(i).is_some_and(|c| c.l >= MASK_MIN_L && c.chroma() < MASK_CHROMA_SHARE * skin);
    }
    let eyes = [polygon(face, &idx::LEFT_EYE), polygon(face, &idx::RIGHT_EYE)];
    for (slot, eye) in out[9..].iter_mut().zip(eyes.iter()) {
        *slot = median_lab(&scene.pixels_in(eye, &[])).is_some_and(|c| {
            c.chroma() >= EYE_COVER_MIN_C && !(EYE_HUES.0..=EYE_HUES.1).contains(&c.hue_deg())
        });
    }
    Some(out)
}

pub(crate) fn occlusion(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    match covered_regions(&ctx.scene, face.main) {
        Some(regions) => {
            let covered = regions.iter().filter(|&&c| c).count();
            Measurement::Number(100.0 * covered as f64 / regions.len() as f64)
        }
        None => Measurement::Unmeasured(Unmeasured::NoFace),
    }
}

/// Hair is dark or warm, skin warm: a pixel lighter and greyer than this, or of a hue outside
/// `HAIR_SKIN_HUES`, is something worn on the head.
const WHITE_MIN_L: f64 = 80.0;
const WHITE_MAX_C: f64 = 8.0;
const COLOUR_MIN_C: f64 = 14.0;
const COLOUR_MIN_L: f64 = 35.0;
const HAIR_SKIN_HUES: (f64, f64) = (-10.0, 100.0);
/// Mask probability from which a pixel is surely the person's, not the background showing through
/// the hair's fringe.
const SURE_PERSON: f32 = 0.9;
/// The top of the band left out, as a share of its height: the mask's blurred edge.
const FRINGE: f32 = 0.2;

fn is_worn(c: Lab) -> bool {
    let (l, ch) = (c.l, c.chroma());
    (l >= WHITE_MIN_L && ch < WHITE_MAX_C)
        || (ch >= COLOUR_MIN_C
            && l >= COLOUR_MIN_L
            && !(HAIR_SKIN_HUES.0..=HAIR_SKIN_HUES.1).contains(&c.hue_deg()))
}

/// The band above the forehead up to the head top, in analysis pixels, or `None` when the person
/// mask does not give a head top above the forehead.
pub(crate) fn head_band(scene: &Scene<'_>, face: &MainFace) -> Option<[Point; 4]> {
    let top = head_top_y(scene.mask()?, face)?;
    let (l, r) = cheeks(face);
    let width = l.distance(r);
    let forehead = face.mesh.at(idx::FOREHEAD);
    let bottom = forehead.y - 0.05 * forehead.distance(face.mesh.at(idx::CHIN));
    let (cx, half) = ((l.x + r.x) / 2.0, 0.35 * width);
    let top = top + FRINGE * (bottom - top);
    (bottom - top >= 1.0).then(|| {
        [
            Point::new(cx - half, top),
            Point::new(cx + half, top),
            Point::new(cx + half, bottom),
            Point::new(cx - half, bottom),
        ]
    })
}

pub(crate) fn head_covering(ctx: &Ctx<'_>, face: &Face<'_>) -> Measurement {
    let scene = &ctx.scene;
    let Some(mask) = scene.mask() else { return Measurement::Unmeasured(Unmeasured::NoPerson) };
    let Some(band) = head_band(scene, face.main) else {
        // No hair or hat above the forehead inside the person: nothing is worn there.
        return Measurement::Number(0.0);
    };
    let person = person_pixels_in(scene, mask, &band);
    if person.is_empty() {
        return Measurement::Number(0.0);
    }
    let worn = person.iter().filter(|&&p| is_worn(lab(p))).count();
    Measurement::Number(100.0 * worn as f64 / person.len() as f64)
}

/// The colour of every pixel inside `polygon` that the person mask holds (probability ≥ 0.5).
fn person_pixels_in(scene: &Scene<'_>, mask: &PersonMask, polygon: &[Point]) -> Vec<[u8; 3]> {
    let (w, h) = scene.img.dimensions();
    let (_, y0, _, y1) = pixel_bounds(polygon, w, h);
    let mut spans = Vec::new();
    let mut out = Vec::new();
    for y in y0..y1 {
        row_spans(polygon, y, w, &mut spans);
        for &(x0, x1) in &spans {
            for x in x0..x1 {
                if mask.at(Point::new(x as f32 + 0.5, y as f32 + 0.5)) >= SURE_PERSON {
                    out.push(scene.img.get_pixel(x, y).0);
                }
            }
        }
    }
    out
}
