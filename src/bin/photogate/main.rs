//! `photogate`: check a folder of photos from the command line.

mod args;
mod table;

use std::io::{self, Write};
use std::process::ExitCode;

use args::{CheckPlan, Cli, Command, FixPlan};
use clap::Parser;
use photogate::{autocrop, check, Autocrop, AutocropOptions, CheckOptions, Overall, Profile};

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
    let mut out = io::stdout().lock();
    let (mut any_fail, mut any_error) = (false, false);
    for path in &plan.files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let result =
            std::fs::read(path).map_err(|e| (String::from("io_error"), e.to_string())).and_then(|bytes| {
                let options = CheckOptions {
                    profile: &plan.profile,
                    file_name: name.as_deref(),
                    limits: &plan.limits,
                    models: plan.models.as_ref(),
                };
                check(&bytes, &options).map_err(|e| (e.code().to_string(), e.to_string()))
            });
        match result {
            Ok(report) => {
                any_fail |= report.verdict == Overall::Fail;
                if plan.json {
                    writeln!(out, "{}", report.to_json())?;
                } else {
                    table::write(&mut out, &path.display().to_string(), &report, plan.english)?;
                }
            }
            Err((code, message)) => {
                any_error = true;
                write_error(&mut out, path, &code, &message, plan.json)?;
            }
        }
    }
    Ok(exit_code(any_error, any_fail))
}

fn run_fix(plan: FixPlan) -> anyhow::Result<ExitCode> {
    let mut out = io::stdout().lock();
    let (mut any_bad, mut any_error) = (false, false);
    let mut written: Vec<std::path::PathBuf> = Vec::new();
    for path in &plan.files {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let result =
            std::fs::read(path).map_err(|e| (String::from("io_error"), e.to_string())).and_then(|bytes| {
                let options = AutocropOptions {
                    profile: &plan.profile,
                    file_name: name.as_deref(),
                    limits: &plan.limits,
                    models: &plan.models,
                    background: plan.background.as_deref(),
                    name: plan.name.as_deref(),
                    max_upscale: plan.max_upscale,
                };
                autocrop(&bytes, &options).map_err(|e| (e.code().to_string(), e.to_string()))
            });
        let outcome = result.and_then(|result| {
            let target = match result.fixed() {
                Some(fixed) => {
                    let target = free_path(&plan.out, &fixed.file_name, &written);
                    if same_file(&target, path) {
                        return Err((
                            "io_error".into(),
                            format!("{} would overwrite the input", target.display()),
                        ));
                    }
                    std::fs::write(&target, &fixed.jpeg)
                        .map_err(|e| ("io_error".to_string(), format!("{}: {e}", target.display())))?;
                    written.push(target.clone());
                    Some(target)
                }
                None => None,
            };
            Ok((result, target))
        });
        match outcome {
            Ok((result, target)) => {
                any_bad |= match &result {
                    Autocrop::Fixed { fixed, .. } => fixed.report.verdict == Overall::Fail,
                    Autocrop::Refused { .. } => true,
                };
                if plan.json {
                    // The result's own JSON with `file` and `output` in front, its key order kept.
                    let json = result.to_json();
                    let mut head =
                        format!("{{\"file\":{}", serde_json::Value::from(path.display().to_string()));
                    if let Some(target) = &target {
                        head +=
                            &format!(",\"output\":{}", serde_json::Value::from(target.display().to_string()));
                    }
                    writeln!(out, "{head},{}", json.strip_prefix('{').unwrap_or(&json))?;
                } else {
                    write_fix_line(&mut out, path, &result, target.as_deref(), plan.english)?;
                }
            }
            Err((code, message)) => {
                any_error = true;
                write_error(&mut out, path, &code, &message, plan.json)?;
            }
        }
    }
    Ok(exit_code(any_error, any_bad))
}

/// An error for one photo: a JSON line, or a line on stderr.
fn write_error(
    out: &mut impl Write,
    path: &std::path::Path,
    code: &str,
    message: &str,
    json: bool,
) -> io::Result<()> {
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
    path: &std::path::Path,
    result: &Autocrop,
    target: Option<&std::path::Path>,
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
fn free_path(dir: &std::path::Path, name: &str, written: &[std::path::PathBuf]) -> std::path::PathBuf {
    let first = dir.join(name);
    if !written.contains(&first) {
        return first;
    }
    let stem = name.strip_suffix(".jpg").unwrap_or(name);
    (2..).map(|n| dir.join(format!("{stem}-{n}.jpg"))).find(|p| !written.contains(p)).unwrap_or(first)
}

fn same_file(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}
