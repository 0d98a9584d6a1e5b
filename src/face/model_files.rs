//! The pinned model files: their names, their sha256 and the check that given bytes are one of them.
//! Known to every build, with or without the engine that runs them.

use sha2::{Digest, Sha256};

use crate::error::{Error, ErrorKind, Result};

/// The model files, as bytes. Where they come from is the caller's business (a directory natively,
/// same-origin URLs in the browser); their sha256 must be one of those in `models.sha256`.
#[derive(Debug, Clone, Copy)]
pub struct ModelBytes<'a> {
    /// `yunet_n_dynamic.onnx`: face detector with five points.
    pub detector: &'a [u8],
    /// `mediapipe_face_landmark_468_192x192(.fp16w).onnx`: the 468-point face mesh.
    pub face_mesh: &'a [u8],
    /// `mediapipe_iris_landmark_64x64(.fp16w).onnx`: pupils and eyelids.
    pub iris: &'a [u8],
    /// `mediapipe_selfie_segmentation_256x256.onnx`: person mask.
    pub segmentation: &'a [u8],
}

/// The pinned model files: `sha256  name` per line, read by this crate, the build scripts and the
/// JavaScript package alike.
pub const MODEL_MANIFEST: &str = include_str!("../../models.sha256");

/// The file names of the models in `MODEL_MANIFEST`, in the order of [`ModelBytes`]'s fields.
pub const MODEL_FILES: [&str; 4] = [
    "yunet_n_dynamic.onnx",
    "mediapipe_face_landmark_468_192x192.fp16w.onnx",
    "mediapipe_iris_landmark_64x64.fp16w.onnx",
    "mediapipe_selfie_segmentation_256x256.onnx",
];

/// Checks that each of the four files is one of the pinned ones, in the order of [`ModelBytes`].
pub(super) fn verify_all(bytes: &ModelBytes<'_>) -> Result<()> {
    verify("yunet_n_dynamic", bytes.detector)?;
    verify("mediapipe_face_landmark_468_192x192", bytes.face_mesh)?;
    verify("mediapipe_iris_landmark_64x64", bytes.iris)?;
    verify("mediapipe_selfie_segmentation_256x256", bytes.segmentation)
}

/// Checks that `bytes` have a sha256 pinned in the manifest for a file whose name starts with `stem`.
fn verify(stem: &str, bytes: &[u8]) -> Result<()> {
    let digest: String = Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect();
    let pinned = MODEL_MANIFEST
        .lines()
        .filter_map(|l| l.split_once("  "))
        .any(|(hash, name)| hash == digest && name.starts_with(stem));
    if pinned {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::Model,
            format!(
                "model {stem}: sha256 {digest} of {} bytes is not one of the pinned files in models.sha256",
                bytes.len()
            ),
        ))
    }
}
