//! With the `embed-models` feature (on by default, for the CLI), builds the model files into the
//! binary: reads each file `models.sha256` pins from `PHOTOGATE_MODELS` (default `../shared/models`
//! beside the crate), checks its sha256, and copies the checked bytes to `OUT_DIR` with an index
//! (`embedded_models.rs`) for `include_bytes!`. Without the feature (the wasm build,
//! `--no-default-features`) it reads nothing.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    #[cfg(feature = "embed-models")]
    if let Err(message) = embed::run() {
        // A build error with our words, not a panic's backtrace.
        println!("cargo::error={message}");
        std::process::exit(1);
    }
}

#[cfg(feature = "embed-models")]
mod embed {
    use std::fmt::Write as _;
    use std::path::PathBuf;

    use sha2::{Digest, Sha256};

    pub(super) fn run() -> Result<(), String> {
        let manifest_dir = PathBuf::from(env("CARGO_MANIFEST_DIR")?);
        let out_dir = PathBuf::from(env("OUT_DIR")?);
        println!("cargo:rerun-if-env-changed=PHOTOGATE_MODELS");
        let models = match std::env::var_os("PHOTOGATE_MODELS") {
            Some(dir) => manifest_dir.join(dir),
            None => manifest_dir.join("../shared/models"),
        };
        let manifest_path = manifest_dir.join("models.sha256");
        println!("cargo:rerun-if-changed={}", manifest_path.display());
        let manifest = std::fs::read_to_string(&manifest_path)
            .map_err(|e| format!("cannot read {}: {e}", manifest_path.display()))?;
        let mut index = String::from("&[\n");
        for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
            let Some((pinned, name)) = line.split_once("  ") else {
                return Err(format!("models.sha256: line `{line}` is not `sha256  name`"));
            };
            let source = models.join(name);
            println!("cargo:rerun-if-changed={}", source.display());
            let bytes = std::fs::read(&source).map_err(|e| {
                format!(
                    "embed-models: cannot read the model {}: {e}; set PHOTOGATE_MODELS to the model \
                     folder, run scripts/fetch-models.sh, or build without the models \
                     (--no-default-features --features cli) and pass --models DIR at run time",
                    source.display()
                )
            })?;
            let digest: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
            if digest != pinned {
                return Err(format!(
                    "embed-models: {} has sha256 {digest}, but models.sha256 pins {pinned}",
                    source.display()
                ));
            }
            let target = out_dir.join(name);
            std::fs::write(&target, &bytes).map_err(|e| format!("cannot write {}: {e}", target.display()))?;
            let target =
                target.to_str().ok_or_else(|| format!("OUT_DIR {} is not UTF-8", out_dir.display()))?;
            let _ = writeln!(index, "    ({name:?}, include_bytes!({target:?}).as_slice()),");
        }
        index.push_str("]\n");
        let target = out_dir.join("embedded_models.rs");
        std::fs::write(&target, index).map_err(|e| format!("cannot write {}: {e}", target.display()))
    }

    fn env(name: &str) -> Result<String, String> {
        std::env::var(name).map_err(|e| format!("{name}: {e}"))
    }
}
