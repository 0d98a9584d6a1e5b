//! `photogate`: check a folder of photos from the command line.

mod args;
mod table;

use std::io::{self, Write};
use std::process::ExitCode;

use args::{CheckPlan, Cli, Command};
use clap::Parser;
use photogate::{check, CheckOptions, Overall, Profile};

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
                if plan.json {
                    let line = serde_json::json!({
                        "file": path.display().to_string(),
                        "error": { "code": code, "message": message },
                    });
                    writeln!(out, "{line}")?;
                } else {
                    out.flush()?;
                    eprintln!("{}: error [{code}]: {message}", path.display());
                }
            }
        }
    }
    Ok(ExitCode::from(if any_error {
        2
    } else if any_fail {
        1
    } else {
        0
    }))
}
