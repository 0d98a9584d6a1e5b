//! What the fuzz targets share: the models (loaded once per process) and the bounds on the work.
#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::sync::OnceLock;

use photogate::{Limits, ModelBytes, Models, MODEL_FILES};

/// Bounds for fuzzing. The defaults let a photo of 64 megapixels through, which the limits tests
/// cover; here a 32-byte header announcing 16 000 × 16 000 pixels would make every run a slow
/// one. The same checks run, on smaller numbers, so the fuzzer spends its time on parsing and
/// analysis rather than on decoding garbage into gigabytes.
pub fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_input_bytes = 1 << 20;
    limits.max_width_px = 4_096;
    limits.max_height_px = 4_096;
    limits.max_pixels = 2_000_000;
    limits.max_alloc_bytes = 64 << 20;
    limits.max_jpeg_segments = 512;
    limits.max_jpeg_scans = 64;
    limits
}

/// The models from `PHOTOGATE_MODELS`, else `../shared/models` beside the repository. A fuzz run
/// without them is no run at all: it stops with the reason.
pub fn models() -> &'static Models {
    static MODELS: OnceLock<Models> = OnceLock::new();
    MODELS.get_or_init(|| {
        let dir = std::env::var_os("PHOTOGATE_MODELS").map(PathBuf::from).unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("..").join("shared").join("models")
        });
        let read = |name: &str| match std::fs::read(dir.join(name)) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("cannot read {name} in {}: {e} (set PHOTOGATE_MODELS)", dir.display());
                std::process::exit(2)
            }
        };
        let [d, m, i, s] = MODEL_FILES.map(read);
        match Models::load(&ModelBytes { detector: &d, face_mesh: &m, iris: &i, segmentation: &s }) {
            Ok(models) => models,
            Err(e) => {
                eprintln!("cannot load the models from {}: {e}", dir.display());
                std::process::exit(2)
            }
        }
    })
}
