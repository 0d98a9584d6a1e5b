//! Command-line arguments, and their meaning checked before any work.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use photogate::{Limits, Models, Profile};

use crate::roster::{Roster, RosterCheck};
use crate::sheet::Sheet;
use crate::summary::rules_of;

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
    /// A built-in profile name (chsi, chsi-nanjing, chsi-jiangsu, xinhua-960) or the path of a profile JSON file.
    #[arg(long, short, default_value = "chsi", value_name = "NAME|PATH")]
    pub(crate) profile: String,
    /// Print one line of JSON per photo (JSON Lines) instead of text.
    #[arg(long)]
    pub(crate) json: bool,
    /// Print the English messages instead of the Chinese ones.
    #[arg(long)]
    pub(crate) en: bool,
    #[command(flatten)]
    pub(crate) batch: BatchArgs,
    /// The folder with the model files (default: the models built into this binary; in a build
    /// without them, $PHOTOGATE_MODELS, else ../shared/models).
    #[arg(long, value_name = "DIR")]
    pub(crate) models: Option<PathBuf>,
}

/// Options for folders of photos.
#[derive(Debug, clap::Args)]
pub(crate) struct BatchArgs {
    /// Write one row per photo to this CSV file (UTF-8 with BOM, for Excel): file, verdict, and each
    /// rule's value and verdict; for `fix` also status, reason and output file.
    #[arg(long, value_name = "FILE")]
    pub(crate) csv: Option<PathBuf>,
    /// Write the summary (pass rate per rule, roster findings) to this file instead of stderr.
    #[arg(long, value_name = "FILE")]
    pub(crate) summary: Option<PathBuf>,
    /// Compare the photos' names with a class list: a UTF-8 CSV with a number column (身份证号, 学号,
    /// 序号 or id) and a name column (姓名 or name). Lists missing, extra and duplicate photos.
    #[arg(long, value_name = "FILE")]
    pub(crate) roster: Option<PathBuf>,
    /// Photos worked on at once (default: the number of CPU cores).
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub(crate) jobs: Option<u16>,
    /// Work on part K of N only, for splitting a batch across machines: a photo belongs to the part
    /// given by a hash of its path below the folder named, so every machine that is given the same
    /// folders agrees on the parts.
    #[arg(long, value_name = "K/N")]
    pub(crate) shard: Option<Shard>,
}

/// `--shard K/N`: part K (1-based) of N.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Shard {
    pub(crate) k: u64,
    pub(crate) n: u64,
}

impl std::str::FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let parsed =
            s.split_once('/').and_then(|(k, n)| Some((k.parse::<u64>().ok()?, n.parse::<u64>().ok()?)));
        match parsed {
            Some((k, n)) if (1..=n).contains(&k) => Ok(Shard { k, n }),
            _ => Err(format!("`{s}` is not K/N with 1 ≤ K ≤ N, e.g. 1/4")),
        }
    }
}

impl Shard {
    /// Whether the photo at `relative` (its path below the folder given, with `/`) is in this part.
    pub(crate) fn contains(self, relative: &str) -> bool {
        fnv1a(relative.as_bytes()) % self.n == self.k - 1
    }
}

/// FNV-1a, 64 bits: a hash whose value is fixed by its definition, unlike std's `DefaultHasher`, so
/// machines with different builds agree on the shards.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// What `check` and `fix` share: the photos of this shard, how to work through them, and where the
/// CSV, the summary and the roster findings go.
pub(crate) struct Batch {
    pub(crate) files: Vec<PathBuf>,
    /// Photos given, before `--shard`.
    pub(crate) given: usize,
    pub(crate) shard: Option<Shard>,
    pub(crate) jobs: usize,
    csv: Option<PathBuf>,
    pub(crate) sheet: Option<Sheet>,
    pub(crate) summary: Option<PathBuf>,
    pub(crate) roster: Option<RosterCheck>,
}

impl Batch {
    fn from_args(args: BatchArgs, paths: &[PathBuf], profile: &Profile) -> anyhow::Result<Batch> {
        let inputs = collect_paths(paths)?;
        let given = inputs.len();
        let scheme = profile.rules.file_name.as_ref().map(|r| r.scheme);
        let roster = match &args.roster {
            Some(path) => {
                let roster = Roster::read(path, scheme)?;
                let all: Vec<PathBuf> = inputs.iter().map(|(p, _)| p.clone()).collect();
                Some(roster.compare(&all, scheme))
            }
            None => None,
        };
        let files = inputs
            .into_iter()
            .filter(|(_, relative)| args.shard.is_none_or(|s| s.contains(relative)))
            .map(|(path, _)| path)
            .collect();
        let jobs = match args.jobs {
            Some(n) => usize::from(n),
            None => std::thread::available_parallelism().map_or(1, usize::from),
        };
        Ok(Batch {
            files,
            given,
            shard: args.shard,
            jobs,
            csv: args.csv,
            sheet: None,
            summary: args.summary,
            roster,
        })
    }

    /// Creates the `--csv` file, once everything else has been validated.
    fn create_sheet(&mut self, profile: &Profile, fix: bool) -> anyhow::Result<()> {
        if let Some(path) = &self.csv {
            self.sheet = Some(Sheet::create(path, rules_of(profile).collect(), fix, self.roster.is_some())?);
        }
        Ok(())
    }
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
    /// `auto`: keep the background when it passes and the crop fits in the photo, else the profile
    /// colour nearest to it; `keep` it as it is; or replace it with one of the profile's colours.
    #[arg(long, short, default_value = "auto", value_name = "auto|keep|blue|white|grey")]
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
    pub(crate) batch: Batch,
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
        let mut batch = Batch::from_args(args.photos.batch, &args.photos.paths, &profile)?;
        if args.name.is_some() && batch.given != 1 {
            bail!("--name names one file, but {} photos were given", batch.given);
        }
        if !(args.max_upscale.is_finite() && args.max_upscale > 0.0) {
            bail!("--max-upscale {} must be a positive number", args.max_upscale);
        }
        std::fs::create_dir_all(&args.out)
            .with_context(|| format!("--out: cannot create the folder {}", args.out.display()))?;
        let models = crate::models::load(args.photos.models)?;
        let background = Some(args.background);
        batch.create_sheet(&profile, true)?;
        Ok(FixPlan {
            batch,
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
    pub(crate) batch: Batch,
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
        let mut batch = Batch::from_args(photos.batch, &photos.paths, &profile)?;
        let models = if args.file_only { None } else { Some(crate::models::load(photos.models)?) };
        batch.create_sheet(&profile, false)?;
        Ok(CheckPlan {
            batch,
            models,
            profile,
            limits: Limits::default(),
            json: photos.json,
            english: photos.en,
        })
    }
}

/// The files named, and the image files in the folders named, each with its path below the folder
/// named (a file named: its file name), `/`-separated.
fn collect_paths(paths: &[PathBuf]) -> anyhow::Result<Vec<(PathBuf, String)>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            collect(path, 0, &mut found)
                .with_context(|| format!("cannot read the folder {}", path.display()))?;
            files.extend(found.into_iter().map(|p| {
                let relative = p.strip_prefix(path).unwrap_or(&p).to_path_buf();
                (p, slashed(&relative))
            }));
        } else if path.is_file() {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            files.push((path.clone(), name));
        } else {
            bail!("{} is not a file or folder: check the path given as FILE", path.display());
        }
    }
    Ok(files)
}

fn slashed(relative: &Path) -> String {
    let parts: Vec<String> =
        relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    parts.join("/")
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
