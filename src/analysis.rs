//! Stage 3: the analysis of one photo, made once and read by every content measurement (and later by
//! autocrop). Today it holds the upright pixels; face detection, landmarks and segmentation add their
//! results here.

use crate::decode::Decoded;

/// What is known about the picture of one photo.
#[derive(Debug, Clone)]
pub struct Analysis {
    /// The upright RGB pixels.
    pub decoded: Decoded,
}

impl Analysis {
    /// Analyses a decoded photo.
    pub fn analyze(decoded: Decoded) -> Analysis {
        Analysis { decoded }
    }
}
