//! `photogate`: check a folder of photos from the command line.

mod args;
mod models;
mod pool;
mod progress;
mod roster;
mod sheet;
mod summary;
mod table;

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use args::{Batch, CheckPlan, Cli, Command, FixPlan};
use clap::Parser;
use photogate::{autocrop, check, Autocrop, AutocropOptions, CheckOptions, Overall, Profile};
use progress::Progress;
use roster::RosterCheck;
use sheet::FixCells;
use summary::Tally;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<io::Error>().is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => run_check(CheckPlan::from_args(args)?),
        Command::Fix(args) => run_fix(FixPlan::from_args(args)?),
        Command::Profiles { name: None } => {
            let mut out = io::stdout().lock();
            for id in Profile::builtin_ids() {
                let p = Profile::builtin(id)?;
                writeln!(out, "{id:<14} {}×{}  {}", p.width_px, p.height_px, p.title.en)?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Profiles { name: Some(name) } => {
            writeln!(io::stdout().lock(), "{}", Profile::builtin(&name)?.to_json())?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn run_check(plan: CheckPlan) -> anyhow::Result<ExitCode> {
    let CheckPlan { mut batch, models, profile, limits, json, english } = plan;
    let mut out = io::stdout().lock();
    let mut tally = Tally::new(&profile);
    let mut progress = Progress::new(batch.files.len());
    let (mut any_fail, mut any_error) = (false, false);
    let files = &batch.files;
    let work = |i: usize| {
        let path = &files[i];
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let bytes = std::fs::read(path).map_err(|e| (String::from("io_error"), e.to_string()))?;
        let options = CheckOptions {
            profile: &profile,
            file_name: name.as_deref(),
            limits: &limits,
            models: models.as_ref(),
        };
        check(&bytes, &options).map_err(|e| (e.code().to_string(), e.to_string()))
    };
    pool::run_ordered(files.len(), batch.jobs, work, |i, result| {
        let path = &files[i];
        progress.clear();
        match &result {
            Ok(report) => {
                any_fail |= report.verdict == Overall::Fail;
                tally.add_report(report);
                if json {
                    writeln!(out, "{}", report.to_json())?;
                } else {
                    table::write(&mut out, &path.display().to_string(), report, english)?;
                }
            }
            Err((code, message)) => {
                any_error = true;
                tally.add_error();
                write_error(&mut out, path, code, message, json)?;
            }
        }
        if let Some(sheet) = &mut batch.sheet {
            let error = result.as_ref().err().map(|(code, message)| format!("{code}: {message}"));
            sheet.row(path, batch.roster.as_ref(), None, result.as_ref().ok(), error.as_deref())?;
        }
        progress.tick();
        Ok(())
    })?;
    progress.clear();
    out.flush()?;
    let roster_problems = finish(batch, &tally, &profile, false, english)?;
    Ok(exit_code(any_error, any_fail || roster_problems))
}

fn run_fix(plan: FixPlan) -> anyhow::Result<ExitCode> {
    let FixPlan {
        mut batch,
        out: out_dir,
        models,
        profile,
        limits,
        background,
        name,
        max_upscale,
        json,
        english,
    } = plan;
    let mut out = io::stdout().lock();
    let mut tally = Tally::new(&profile);
    let mut progress = Progress::new(batch.files.len());
    let (mut any_bad, mut any_error) = (false, false);
    let mut written: HashSet<PathBuf> = HashSet::new();
    let files = &batch.files;
    let work = |i: usize| {
        let path = &files[i];
        let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let bytes = std::fs::read(path).map_err(|e| (String::from("io_error"), e.to_string()))?;
        let options = AutocropOptions {
            profile: &profile,
            file_name: file_name.as_deref(),
            limits: &limits,
            models: &models,
            background: background.as_deref(),
            name: name.as_deref(),
            max_upscale,
        };
        autocrop(&bytes, &options).map_err(|e| (e.code().to_string(), e.to_string()))
    };
    pool::run_ordered(files.len(), batch.jobs, work, |i, result| {
        let path = &files[i];
        progress.clear();
        // Names are given out here, in input order, so the same photos get the same names whatever
        // the number of jobs.
        let outcome = result.and_then(|result| {
            let target = match result.fixed() {
                Some(fixed) => {
                    let target = free_path(&out_dir, &fixed.file_name, &written);
                    if same_file(&target, path) {
                        return Err((
                            "io_error".into(),
                            format!("{} would overwrite the input", target.display()),
                        ));
                    }
                    std::fs::write(&target, &fixed.jpeg)
                        .map_err(|e| ("io_error".to_string(), format!("{}: {e}", target.display())))?;
                    written.insert(target.clone());
                    Some(target)
                }
                None => None,
            };
            Ok((result, target))
        });
        match &outcome {
            Ok((result, target)) => {
                any_bad |= match result {
                    Autocrop::Fixed { fixed, .. } => fixed.report.verdict == Overall::Fail,
                    Autocrop::Refused { .. } => true,
                };
                match result {
                    Autocrop::Fixed { fixed, .. } => tally.add_fixed(&fixed.report),
                    Autocrop::Refused { refusal, .. } => tally.add_refused(refusal.reason.code()),
                }
                if json {
                    writeln!(out, "{}", fix_json(path, result, target.as_deref()))?;
                } else {
                    write_fix_line(&mut out, path, result, target.as_deref(), english)?;
                }
            }
            Err((code, message)) => {
                any_error = true;
                tally.add_error();
                write_error(&mut out, path, code, message, json)?;
            }
        }
        if let Some(sheet) = &mut batch.sheet {
            let output = match &outcome {
                Ok((_, Some(target))) => target.display().to_string(),
                _ => String::new(),
            };
            let (cells, report, error) = match &outcome {
                Ok((Autocrop::Fixed { fixed, .. }, _)) => {
                    (FixCells { status: "fixed", reason: "", output: &output }, Some(&fixed.report), None)
                }
                Ok((Autocrop::Refused { refusal, before }, _)) => (
                    FixCells { status: "refused", reason: refusal.reason.code(), output: "" },
                    Some(before.as_ref()),
                    None,
                ),
                Err((code, message)) => (
                    FixCells { status: "error", reason: code, output: "" },
                    None,
                    Some(format!("{code}: {message}")),
                ),
            };
            sheet.row(path, batch.roster.as_ref(), Some(cells), report, error.as_deref())?;
        }
        progress.tick();
        Ok(())
    })?;
    progress.clear();
    out.flush()?;
    let roster_problems = finish(batch, &tally, &profile, true, english)?;
    Ok(exit_code(any_error, any_bad || roster_problems))
}

/// The result's own JSON with `file` and `output` in front, its key order kept.
fn fix_json(path: &Path, result: &Autocrop, target: Option<&Path>) -> String {
    let json = result.to_json();
    let mut head = format!("{{\"file\":{}", serde_json::Value::from(path.display().to_string()));
    if let Some(target) = target {
        head += &format!(",\"output\":{}", serde_json::Value::from(target.display().to_string()));
    }
    format!("{head},{}", json.strip_prefix('{').unwrap_or(&json))
}

/// Closes the CSV and writes the summary: to `--summary FILE`, else to stderr for more than one
/// photo, a CSV or a roster. Returns whether the roster found a problem.
fn finish(batch: Batch, tally: &Tally, profile: &Profile, fix: bool, english: bool) -> anyhow::Result<bool> {
    let wrote_csv = batch.sheet.is_some();
    if let Some(sheet) = batch.sheet {
        sheet.finish()?;
    }
    let photos = batch.files.len();
    let mut heading = if english {
        format!("Summary ({}, {photos} photos", profile.id)
    } else {
        format!("汇总（{}，{photos} 张照片", profile.id)
    };
    if let Some(shard) = batch.shard {
        heading += &if english {
            format!(", shard {}/{} of {}", shard.k, shard.n, batch.given)
        } else {
            format!("，共 {} 张中的第 {}/{} 份", batch.given, shard.k, shard.n)
        };
    }
    heading += if english { ")" } else { "）" };
    let roster = batch.roster.as_ref();
    match &batch.summary {
        Some(path) => {
            let mut file = io::BufWriter::new(
                std::fs::File::create(path)
                    .with_context(|| format!("--summary: cannot create {}", path.display()))?,
            );
            tally.write(&mut file, &heading, fix, roster, english)?;
            file.flush()?;
        }
        None if batch.given > 1 || wrote_csv || roster.is_some() => {
            let mut err = io::stderr().lock();
            writeln!(err)?;
            tally.write(&mut err, &heading, fix, roster, english)?;
        }
        None => {}
    }
    Ok(roster.is_some_and(RosterCheck::has_problems))
}

/// An error for one photo: a JSON line, or a line on stderr.
fn write_error(out: &mut impl Write, path: &Path, code: &str, message: &str, json: bool) -> io::Result<()> {
    if json {
        let line = serde_json::json!({
            "file": path.display().to_string(),
            "error": { "code": code, "message": message },
        });
        writeln!(out, "{line}")
    } else {
        out.flush()?;
        eprintln!("{}: error [{code}]: {message}", path.display());
        Ok(())
    }
}

/// 2 on any error, else 1 when any photo fails (or was refused), else 0.
fn exit_code(any_error: bool, any_bad: bool) -> ExitCode {
    ExitCode::from(if any_error {
        2
    } else if any_bad {
        1
    } else {
        0
    })
}

/// One line per photo: where the new file went with its size, quality and verdict, or why not.
fn write_fix_line(
    out: &mut impl Write,
    path: &Path,
    result: &Autocrop,
    target: Option<&Path>,
    english: bool,
) -> io::Result<()> {
    let pick = |t: &photogate::Text| if english { t.en.clone() } else { t.zh.clone() };
    match (result, target) {
        (Autocrop::Fixed { fixed, .. }, Some(target)) => {
            let failing: Vec<String> = fixed
                .report
                .items
                .iter()
                .filter(|i| i.verdict == photogate::Verdict::Fail)
                .map(|i| pick(&i.title))
                .collect();
            let verdict = match (failing.is_empty(), english) {
                (true, true) => "passes".to_string(),
                (true, false) => "通过".to_string(),
                (false, true) => format!("still fails: {}", failing.join(", ")),
                (false, false) => format!("仍不符合：{}", failing.join("、")),
            };
            writeln!(
                out,
                "✓ {} → {}  {:.1} KB  q{}  {}",
                path.display(),
                target.display(),
                fixed.size_bytes as f64 / 1024.0,
                fixed.quality,
                verdict
            )
        }
        (Autocrop::Refused { refusal, .. }, _) => writeln!(
            out,
            "✗ {} [{}] {} — {}",
            path.display(),
            refusal.reason.code(),
            pick(&refusal.message),
            pick(&refusal.advice)
        ),
        (Autocrop::Fixed { .. }, None) => Ok(()),
    }
}

/// `dir/name`, or `dir/stem-2.jpg`, … when this run already wrote that name.
fn free_path(dir: &Path, name: &str, written: &HashSet<PathBuf>) -> PathBuf {
    let first = dir.join(name);
    if !written.contains(&first) {
        return first;
    }
    let stem = name.strip_suffix(".jpg").unwrap_or(name);
    (2..).map(|n| dir.join(format!("{stem}-{n}.jpg"))).find(|p| !written.contains(p)).unwrap_or(first)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
