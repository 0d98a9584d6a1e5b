//! Stage 3: the analysis of one photo, made once and read by every content measurement (and by
//! autocrop): the upright pixels, a working copy at most `WORK_MAX_SIDE` pixels on its longer side,
//! and what the models found on that copy.

use image::RgbImage;

use crate::decode::Decoded;
use crate::error::Result;
use crate::face::{analyze, FaceAnalysis, FaceGeometry, Models};
use crate::geometry::Point;
use crate::raster::resize_area;
use crate::stage::{within, Observer, Stage};

/// The longer side of the picture the models and measurements work on.
pub(crate) const WORK_MAX_SIDE: u32 = 1280;

/// What is known about the picture of one photo.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The upright RGB pixels at full size.
    pub decoded: Decoded,
    /// A shrunken copy for photos larger than `WORK_MAX_SIDE`; smaller ones are worked on as decoded.
    shrunk: Option<RgbImage>,
    /// Full-size pixels per working-copy pixel, horizontally and vertically (the two sides of the
    /// copy are rounded apart, so they differ a little).
    pub(crate) work_scale: (f32, f32),
    /// What the models found, when models were given.
    pub(crate) faces: Option<FaceAnalysis>,
    /// Where the main face is, in full-size pixels, when there is one.
    pub(crate) geometry: Option<FaceGeometry>,
}

impl Analysis {
    /// Analyses a decoded photo; with `models` the faces, landmarks and person mask are found.
    /// Errors only when a model fails to run.
    pub fn analyze(decoded: Decoded, models: Option<&Models>) -> Result<Analysis> {
        Analysis::analyze_observed(decoded, models, &mut |_| {})
    }

    /// [`Analysis::analyze`] as [`Stage::Analyze`], telling `observe` where it and each model run
    /// begin and end.
    pub fn analyze_observed(
        decoded: Decoded,
        models: Option<&Models>,
        observe: &mut Observer<'_>,
    ) -> Result<Analysis> {
        within(observe, Stage::Analyze, |observe| Analysis::analyze_within(decoded, models, observe))
    }

    fn analyze_within(
        decoded: Decoded,
        models: Option<&Models>,
        observe: &mut Observer<'_>,
    ) -> Result<Analysis> {
        let (w, h) = (decoded.width_px(), decoded.height_px());
        let longer = w.max(h).max(1);
        let (shrunk, work_scale) = if longer > WORK_MAX_SIDE {
            let s = WORK_MAX_SIDE as f32 / longer as f32;
            let (ww, wh) = (((w as f32 * s).round() as u32).max(1), ((h as f32 * s).round() as u32).max(1));
            (Some(resize_area(&decoded.rgb, ww, wh)), (w as f32 / ww as f32, h as f32 / wh as f32))
        } else {
            (None, (1.0, 1.0))
        };
        let mut analysis = Analysis { decoded, shrunk, work_scale, faces: None, geometry: None };
        analysis.faces = models.map(|m| analyze(analysis.work(), m, observe)).transpose()?;
        analysis.geometry = analysis.faces.as_ref().and_then(|f| FaceGeometry::of(f, work_scale));
        Ok(analysis)
    }

    /// The picture the models and measurements work on.
    pub(crate) fn work(&self) -> &RgbImage {
        self.shrunk.as_ref().unwrap_or(&self.decoded.rgb)
    }
}

impl Analysis {
    /// The probability (0–1) that a point of the full-size upright photo belongs to the person, or
    /// `None` when no models ran.
    pub fn person_at(&self, p: Point) -> Option<f32> {
        let mask = self.faces.as_ref()?.mask.as_ref()?;
        Some(mask.at(Point::new(p.x / self.work_scale.0, p.y / self.work_scale.1)))
    }
}
