//! Where the models come from: `--models DIR`; else the models built into the binary (the
//! `embed-models` feature, see `build.rs`); else `$PHOTOGATE_MODELS`, else `../shared/models`.

use std::path::PathBuf;

use anyhow::Context;
use photogate::{ModelBytes, Models, MODEL_FILES};

/// The pinned model files as `build.rs` read and checked them: `(file name, bytes)`.
#[cfg(feature = "embed-models")]
const EMBEDDED: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/embedded_models.rs"));

/// Loads the four models from `dir` when given, else from the binary or the default folder.
pub(crate) fn load(dir: Option<PathBuf>) -> anyhow::Result<Models> {
    match dir {
        Some(dir) => load_dir(dir),
        None => load_default(),
    }
}

#[cfg(feature = "embed-models")]
fn load_default() -> anyhow::Result<Models> {
    let find = |name: &str| {
        EMBEDDED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, bytes)| *bytes)
            .with_context(|| format!("the model {name} is not built into this binary: pass --models DIR"))
    };
    let [detector, face_mesh, iris, segmentation] = MODEL_FILES.map(find);
    let bytes =
        ModelBytes { detector: detector?, face_mesh: face_mesh?, iris: iris?, segmentation: segmentation? };
    Models::load(&bytes).context("the models built into this binary")
}

#[cfg(not(feature = "embed-models"))]
fn load_default() -> anyhow::Result<Models> {
    let dir = std::env::var_os("PHOTOGATE_MODELS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/models"));
    load_dir(dir)
}

fn load_dir(dir: PathBuf) -> anyhow::Result<Models> {
    let read = |name: &str| {
        std::fs::read(dir.join(name)).with_context(|| {
            format!(
                "cannot read the model {name} in {}: pass --models DIR, set PHOTOGATE_MODELS, run \
                 scripts/fetch-models.sh, or use --file-only",
                dir.display()
            )
        })
    };
    let [detector, face_mesh, iris, segmentation] = MODEL_FILES.map(read);
    let (detector, face_mesh, iris, segmentation) = (detector?, face_mesh?, iris?, segmentation?);
    Models::load(&ModelBytes {
        detector: &detector,
        face_mesh: &face_mesh,
        iris: &iris,
        segmentation: &segmentation,
    })
    .with_context(|| format!("--models {}", dir.display()))
}
