//! What autocrop returns: a new file with its report, or the reason no file was made, both with the
//! report of the photo as given.

use serde::Serialize;

use super::encode::Sampling;
use super::plan::Crop;
use crate::profile::Text;
use crate::report::Report;

/// Why autocrop made no file. The string forms are stable codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RefusalReason {
    /// The photo's pixels could not be read.
    NotDecoded,
    /// No face was found.
    NoFace,
    /// More than one person is in the photo.
    SeveralFaces,
    /// The eyes are closed.
    EyesClosed,
    /// The face or the head is cut off by the photo's edge.
    FaceCutOff,
    /// The person could not be told from the background, so the head top is unknown.
    NoPerson,
    /// Too little room above the head, and the background is kept.
    HeadTooCloseToTop,
    /// Too little of the shoulders below the face, and the background is kept.
    TooCloseToBottom,
    /// The face is too near the left or right edge, and the background is kept.
    TooCloseToSide,
    /// The face is too small: it would have to be enlarged more than allowed.
    FaceTooSmall,
    /// The pupils are not level; rotating is not allowed.
    HeadTilted,
    /// The new background was put in, but the new file's background rules fail: the person could
    /// not be cleanly told from the old background, or hair or clothes run into the photo's edge.
    BackgroundNotSeparated,
    /// Head top, eyes and face width cannot all be placed in their ranges (e.g. a tall hat), or the
    /// new file's measured placement still misses a range.
    CannotPlace,
    /// The pupils are red (`face.red_eye` fails).
    RedEye,
    /// Something covers the eyes, nose or mouth (`face.occlusion` fails).
    FaceCovered,
    /// Dark or tinted lenses hide the eyes (`face.tinted_glasses` fails).
    TintedGlasses,
}

impl RefusalReason {
    /// Every reason, for the TypeScript union (`tests/registry.rs`).
    pub const ALL: &'static [RefusalReason] = &[
        RefusalReason::NotDecoded,
        RefusalReason::NoFace,
        RefusalReason::SeveralFaces,
        RefusalReason::EyesClosed,
        RefusalReason::FaceCutOff,
        RefusalReason::NoPerson,
        RefusalReason::HeadTooCloseToTop,
        RefusalReason::TooCloseToBottom,
        RefusalReason::TooCloseToSide,
        RefusalReason::FaceTooSmall,
        RefusalReason::HeadTilted,
        RefusalReason::BackgroundNotSeparated,
        RefusalReason::CannotPlace,
        RefusalReason::RedEye,
        RefusalReason::FaceCovered,
        RefusalReason::TintedGlasses,
    ];

    /// The stable code, e.g. `several_faces`.
    pub fn code(self) -> &'static str {
        match self {
            RefusalReason::NotDecoded => "not_decoded",
            RefusalReason::NoFace => "no_face",
            RefusalReason::SeveralFaces => "several_faces",
            RefusalReason::EyesClosed => "eyes_closed",
            RefusalReason::FaceCutOff => "face_cut_off",
            RefusalReason::NoPerson => "no_person",
            RefusalReason::HeadTooCloseToTop => "head_too_close_to_top",
            RefusalReason::TooCloseToBottom => "too_close_to_bottom",
            RefusalReason::TooCloseToSide => "too_close_to_side",
            RefusalReason::FaceTooSmall => "face_too_small",
            RefusalReason::HeadTilted => "head_tilted",
            RefusalReason::BackgroundNotSeparated => "background_not_separated",
            RefusalReason::CannotPlace => "cannot_place",
            RefusalReason::RedEye => "red_eye",
            RefusalReason::FaceCovered => "face_covered",
            RefusalReason::TintedGlasses => "tinted_glasses",
        }
    }
}

/// A new file.
#[derive(Debug, Clone, Serialize)]
pub struct Fixed {
    /// The JPEG (not in the JSON form).
    #[serde(skip)]
    pub jpeg: Vec<u8>,
    /// The file name: the ID or sequence number when given, else the photo's own name as `.jpg`.
    pub file_name: String,
    /// Bytes of the JPEG.
    pub size_bytes: usize,
    /// Whether the size is inside the profile's KB window (false: the closest reachable at quality
    /// ≥ the profile's minimum, and the report says by how much it misses).
    pub size_in_window: bool,
    /// The JPEG quality used.
    pub quality: u8,
    /// The chroma sampling used.
    pub sampling: Sampling,
    /// The background: `keep` or the reference colour's name.
    pub background: String,
    /// The crop, in pixels of the upright photo.
    pub crop: Crop,
    /// Whether the crop reached past the photo's edge (filled under the new background).
    pub extended: bool,
    /// The report of the new file.
    pub report: Report,
}

/// Why no file was made, in words for the student.
#[derive(Debug, Clone, Serialize)]
pub struct Refusal {
    /// The stable reason.
    pub reason: RefusalReason,
    /// What is wrong.
    pub message: Text,
    /// What to do.
    pub advice: Text,
}

/// What autocrop did: a new file, or why not. Both carry the report of the photo as given.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Autocrop {
    /// A new file was made.
    Fixed {
        /// The new file.
        #[serde(flatten)]
        fixed: Box<Fixed>,
        /// The report of the photo as given.
        before: Box<Report>,
    },
    /// No file was made.
    Refused {
        /// Why.
        #[serde(flatten)]
        refusal: Refusal,
        /// The report of the photo as given.
        before: Box<Report>,
    },
}

impl Autocrop {
    /// The result as JSON (without the JPEG bytes).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The new file, when one was made.
    pub fn fixed(&self) -> Option<&Fixed> {
        match self {
            Autocrop::Fixed { fixed, .. } => Some(fixed),
            Autocrop::Refused { .. } => None,
        }
    }

    /// The reason, when no file was made.
    pub fn refusal(&self) -> Option<&Refusal> {
        match self {
            Autocrop::Refused { refusal, .. } => Some(refusal),
            Autocrop::Fixed { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RefusalReason;

    /// `ALL` lists every reason once, in declaration order: the code's position in `ALL` is found
    /// from the exhaustive `code()` match, so a new reason fails here until `ALL` has it.
    #[test]
    fn all_lists_every_reason_once() {
        let codes: Vec<&str> = RefusalReason::ALL.iter().map(|r| r.code()).collect();
        let mut unique = codes.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), codes.len());
        assert_eq!(codes.len(), 16, "a new reason: add it to RefusalReason::ALL and raise this count");
    }
}
