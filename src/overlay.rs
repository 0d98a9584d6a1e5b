//! Where the analysis found the face, for drawing over the photo: the report's `overlay`, read from
//! the analysis's one [`FaceGeometry`](crate::face::FaceGeometry). Nothing here is measured again.

use serde::Serialize;

use crate::analysis::Analysis;
use crate::geometry::Point;
use crate::measure::eyes;

/// Where the analysis found things, for drawing over the photo: coordinates in pixels of the upright
/// photo as a browser shows it (EXIF orientation applied), one decimal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overlay {
    /// Width of the upright photo the coordinates refer to.
    pub width_px: u32,
    /// Height of the upright photo.
    pub height_px: u32,
    /// Photo pixels per profile pixel, horizontally and vertically: a profile range such as eyes
    /// 200–300 px is drawn at 200 × `scale[1]` … 300 × `scale[1]`.
    pub scale: [f64; 2],
    /// Every face found, largest (the one measured) first: `[x, y, width, height]`.
    pub faces: Vec<[f64; 4]>,
    /// Pupil centres, image-left first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pupils: Option<[[f64; 2]; 2]>,
    /// The eye line's y: the mean of the pupils' (what `geom.eye_y` measures).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eye_y: Option<f64>,
    /// Cheek extremes of the face oval (the face width), image-left first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cheeks: Option<[[f64; 2]; 2]>,
    /// The outline of the face (mesh face oval), clockwise from the forehead.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub face_oval: Vec<[f64; 2]>,
    /// The face centre's x (midpoint of the cheeks).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub face_center_x: Option<f64>,
    /// The head top's y.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head_top_y: Option<f64>,
    /// The chin's y.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chin_y: Option<f64>,
    /// Where `face.glasses_glare` looks for glare: the lens area around each eye (24-point ellipses),
    /// image-left first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lens_areas: Vec<Vec<[f64; 2]>>,
    /// Where `face.hair_over_features` looks for hair: the band above each eyebrow, image-left first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub brow_bands: Vec<Vec<[f64; 2]>>,
}

impl Overlay {
    /// The overlay of an analysis, with the scale to the profile's `reference_px`; `None` when no
    /// models ran.
    pub fn of(analysis: &Analysis, reference_px: (u32, u32)) -> Option<Overlay> {
        let faces = analysis.faces.as_ref()?;
        let (kx, ky) = (f64::from(analysis.work_scale.0), f64::from(analysis.work_scale.1));
        let (w, h) = (analysis.decoded.width_px(), analysis.decoded.height_px());
        let r1 = |v: f32| (f64::from(v) * 10.0).round() / 10.0;
        let pt = |p: Point| [r1(p.x), r1(p.y)];
        let g = analysis.geometry.as_ref();
        let main = faces.main.as_ref().filter(|m| !m.mesh.points.is_empty());
        let full = |p: Point| [r1(p.x * analysis.work_scale.0), r1(p.y * analysis.work_scale.1)];
        Some(Overlay {
            width_px: w,
            height_px: h,
            scale: [
                f64::from(w) / f64::from(reference_px.0.max(1)),
                f64::from(h) / f64::from(reference_px.1.max(1)),
            ],
            faces: faces
                .faces
                .iter()
                .map(|f| {
                    let r1k = |v: f32, k: f64| (f64::from(v) * k * 10.0).round() / 10.0;
                    [r1k(f.rect.x, kx), r1k(f.rect.y, ky), r1k(f.rect.width, kx), r1k(f.rect.height, ky)]
                })
                .collect(),
            pupils: g.map(|g| [pt(g.pupils.0), pt(g.pupils.1)]),
            eye_y: g.map(|g| r1(g.eye_y())),
            cheeks: g.map(|g| [pt(g.cheeks.0), pt(g.cheeks.1)]),
            face_oval: g.map(|g| g.oval.iter().map(|&p| pt(p)).collect()).unwrap_or_default(),
            face_center_x: g.map(|g| r1(g.center_x())),
            head_top_y: g.and_then(|g| g.head_top_y()).map(r1),
            chin_y: g.map(|g| r1(g.chin_y)),
            lens_areas: main
                .map(|m| eyes::lens_areas(m).into_iter().map(|a| a.into_iter().map(full).collect()).collect())
                .unwrap_or_default(),
            brow_bands: main
                .map(|m| eyes::brow_bands(m).into_iter().map(|a| a.into_iter().map(full).collect()).collect())
                .unwrap_or_default(),
        })
    }
}
