//! Command-line arguments, and their meaning checked before any work.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use photogate::{Limits, ModelBytes, Models, Profile, MODEL_FILES};

/// Checks diploma e-registration photos (学历证书电子注册图像) against the standard.
#[derive(Debug, Parser)]
#[command(name = "photogate", version, about)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check photos and print a report per file. Exits 0 when none fails, 1 when any fails, 2 on errors.
    Check(CheckArgs),
    /// Make compliant files from photos: crop, scale, optionally a new background, and encode into the
    /// size window; or say why a photo cannot be fixed. Exits 0 when every photo was fixed and passes,
    /// 1 when any was refused or still fails a rule, 2 on errors.
    Fix(FixArgs),
    /// List the built-in profiles, or print one as JSON.
    Profiles {
        /// Print this profile as JSON (a starting point for a custom profile).
        name: Option<String>,
    },
}

/// What `check` and `fix` both read.
#[derive(Debug, clap::Args)]
pub(crate) struct Photos {
    /// Photo files or folders (folders are read for image files, recursively).
    #[arg(required = true, value_name = "FILE")]
    pub(crate) paths: Vec<PathBuf>,
    /// A built-in profile name (chsi, chsi-nanjing, xinhua-960) or the path of a profile JSON file.
    #[arg(long, short, default_value = "chsi", value_name = "NAME|PATH")]
    pub(crate) profile: String,
    /// Print one line of JSON per photo (JSON Lines) instead of text.
    #[arg(long)]
    pub(crate) json: bool,
    /// Print the English messages instead of the Chinese ones.
    #[arg(long)]
    pub(crate) en: bool,
    /// The folder with the model files (default: $PHOTOGATE_MODELS, else ../shared/models).
    #[arg(long, value_name = "DIR")]
    pub(crate) models: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub(crate) struct CheckArgs {
    #[command(flatten)]
    pub(crate) photos: Photos,
    /// Check the file rules only, without the face and background models.
    #[arg(long, conflicts_with = "models")]
    pub(crate) file_only: bool,
}

#[derive(Debug, clap::Args)]
pub(crate) struct FixArgs {
    #[command(flatten)]
    pub(crate) photos: Photos,
    /// The folder the new files are written to (created if missing; inputs are never overwritten).
    #[arg(long, short, value_name = "DIR")]
    pub(crate) out: PathBuf,
    /// Keep the background, replace it with one of the profile's colours, or `auto`: keep it when it
    /// passes and the crop fits in the photo, else the profile colour nearest to it.
    #[arg(long, short, default_value = "keep", value_name = "keep|auto|blue|white|grey")]
    pub(crate) background: String,
    /// Name the new file after this ID number or sequence number (one photo only).
    #[arg(long, value_name = "NUMBER")]
    pub(crate) name: Option<String>,
    /// Largest enlargement, output pixels per photo pixel.
    #[arg(long, default_value_t = photogate::DEFAULT_MAX_UPSCALE, value_name = "FACTOR")]
    pub(crate) max_upscale: f64,
}

/// What `fix` will do, validated.
pub(crate) struct FixPlan {
    pub(crate) files: Vec<PathBuf>,
    pub(crate) out: PathBuf,
    pub(crate) models: Models,
    pub(crate) profile: Profile,
    pub(crate) limits: Limits,
    pub(crate) background: Option<String>,
    pub(crate) name: Option<String>,
    pub(crate) max_upscale: f64,
    pub(crate) json: bool,
    pub(crate) english: bool,
}

impl FixPlan {
    pub(crate) fn from_args(args: FixArgs) -> anyhow::Result<FixPlan> {
        let profile = load_profile(&args.photos.profile)?;
        let files = collect_paths(&args.photos.paths)?;
        if args.name.is_some() && files.len() != 1 {
            bail!("--name names one file, but {} photos were given", files.len());
        }
        if !(args.max_upscale.is_finite() && args.max_upscale > 0.0) {
            bail!("--max-upscale {} must be a positive number", args.max_upscale);
        }
        std::fs::create_dir_all(&args.out)
            .with_context(|| format!("--out: cannot create the folder {}", args.out.display()))?;
        let models = load_models(args.photos.models)?;
        let background = Some(args.background).filter(|b| b != "keep");
        Ok(FixPlan {
            files,
            out: args.out,
            models,
            profile,
            limits: Limits::default(),
            background,
            name: args.name,
            max_upscale: args.max_upscale,
            json: args.photos.json,
            english: args.photos.en,
        })
    }
}

/// What `check` will do, validated.
pub(crate) struct CheckPlan {
    pub(crate) files: Vec<PathBuf>,
    pub(crate) models: Option<Models>,
    pub(crate) profile: Profile,
    pub(crate) limits: Limits,
    pub(crate) json: bool,
    pub(crate) english: bool,
}

/// Extensions read when walking a folder; files named on the command line are always read.
const IMAGE_EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "webp", "gif", "bmp", "heic", "heif", "avif"];
const MAX_FOLDER_DEPTH: usize = 8;

impl CheckPlan {
    pub(crate) fn from_args(args: CheckArgs) -> anyhow::Result<CheckPlan> {
        let photos = args.photos;
        let profile = load_profile(&photos.profile)?;
        let files = collect_paths(&photos.paths)?;
        let models = if args.file_only { None } else { Some(load_models(photos.models)?) };
        Ok(CheckPlan {
            files,
            models,
            profile,
            limits: Limits::default(),
            json: photos.json,
            english: photos.en,
        })
    }
}

/// The files named, and the image files in the folders named.
fn collect_paths(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect(path, 0, &mut files)
                .with_context(|| format!("cannot read the folder {}", path.display()))?;
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            bail!("{} is not a file or folder: check the path given as FILE", path.display());
        }
    }
    Ok(files)
}

/// Reads the four model files from `--models`, `$PHOTOGATE_MODELS` or `../shared/models`.
fn load_models(dir: Option<PathBuf>) -> anyhow::Result<Models> {
    let dir = dir
        .or_else(|| std::env::var_os("PHOTOGATE_MODELS").map(PathBuf::from))
        .unwrap_or_else(|| PathBuf::from("../shared/models"));
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

fn load_profile(spec: &str) -> anyhow::Result<Profile> {
    if Profile::builtin_ids().any(|id| id == spec) {
        return Ok(Profile::builtin(spec)?);
    }
    let path = Path::new(spec);
    if !path.exists() {
        let known: Vec<&str> = Profile::builtin_ids().collect();
        bail!(
            "--profile {spec}: no such built-in profile or file; built-in profiles are {}",
            known.join(", ")
        );
    }
    let json = std::fs::read_to_string(path).with_context(|| format!("--profile: cannot read {spec}"))?;
    Profile::from_json(&json).with_context(|| format!("--profile {spec}"))
}

fn collect(dir: &Path, depth: usize, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if depth > MAX_FOLDER_DEPTH {
        return Ok(());
    }
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect(&path, depth + 1, files)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| IMAGE_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
        {
            files.push(path);
        }
    }
    Ok(())
}
