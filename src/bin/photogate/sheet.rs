//! `--csv FILE`: one row per photo, UTF-8 with a byte order mark so that Excel reads the Chinese.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::Context;
use photogate::{Report, RuleId, Value, Verdict};

use crate::roster::RosterCheck;

/// What `fix` did with one photo, for its row.
pub(crate) struct FixCells<'a> {
    /// `fixed`, `refused` or `error`.
    pub(crate) status: &'static str,
    /// The refusal reason, the error code, or empty.
    pub(crate) reason: &'a str,
    /// Where the new file went, or empty.
    pub(crate) output: &'a str,
}

pub(crate) struct Sheet {
    writer: csv::Writer<BufWriter<File>>,
    rules: Vec<RuleId>,
    fix: bool,
    roster: bool,
}

impl Sheet {
    /// Creates the file and writes the heading row: `file`, with a roster `name` and `roster`, then
    /// for `fix` `status`, `reason`, `output`; `verdict`; `<rule> value (unit)` and `<rule> verdict`
    /// for each rule; `error`.
    pub(crate) fn create(path: &Path, rules: Vec<RuleId>, fix: bool, roster: bool) -> anyhow::Result<Sheet> {
        let file = File::create(path).with_context(|| format!("--csv: cannot create {}", path.display()))?;
        let mut out = BufWriter::new(file);
        out.write_all("\u{FEFF}".as_bytes())?;
        let mut writer = csv::Writer::from_writer(out);
        let mut header = vec!["file".to_string()];
        if roster {
            header.extend(["name", "roster"].map(str::to_string));
        }
        if fix {
            header.extend(["status", "reason", "output"].map(str::to_string));
        }
        header.push("verdict".to_string());
        for rule in &rules {
            let unit = rule.unit().map(|u| format!(" ({u})")).unwrap_or_default();
            header.push(format!("{} value{unit}", rule.as_str()));
            header.push(format!("{} verdict", rule.as_str()));
        }
        header.push("error".to_string());
        writer.write_record(&header)?;
        Ok(Sheet { writer, rules, fix, roster })
    }

    /// One photo's row. `report` is the one the rule cells describe (for `fix`: the new file's,
    /// else the photo's own); `error` a `code: message` when the photo could not be read.
    pub(crate) fn row(
        &mut self,
        file: &Path,
        roster: Option<&RosterCheck>,
        fix: Option<FixCells<'_>>,
        report: Option<&Report>,
        error: Option<&str>,
    ) -> anyhow::Result<()> {
        let mut row = vec![file.display().to_string()];
        if self.roster {
            let (standing, name) = roster.map(|r| r.of(file)).map(|(s, n)| (s.code(), n)).unwrap_or_default();
            row.extend([name.to_string(), standing.to_string()]);
        }
        if self.fix {
            let fix = fix.unwrap_or(FixCells { status: "", reason: "", output: "" });
            row.extend([fix.status, fix.reason, fix.output].map(str::to_string));
        }
        row.push(match (report, error) {
            (Some(report), _) => overall(report),
            (None, Some(_)) => "error".to_string(),
            (None, None) => String::new(),
        });
        for &rule in &self.rules {
            let item = report.and_then(|r| r.item(rule));
            row.push(match item.and_then(|i| i.value.as_ref()) {
                Some(Value::Number(n)) => n.to_string(),
                Some(Value::Text(t)) => t.clone(),
                None => String::new(),
            });
            row.push(item.map(|i| verdict(i.verdict)).unwrap_or_default().to_string());
        }
        row.push(error.unwrap_or_default().to_string());
        self.writer.write_record(&row)?;
        Ok(())
    }

    pub(crate) fn finish(mut self) -> anyhow::Result<()> {
        self.writer.flush()?;
        Ok(())
    }
}

fn overall(report: &Report) -> String {
    serde_json::to_value(report.verdict).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "pass",
        Verdict::Fail => "fail",
        Verdict::Warn => "warn",
        Verdict::NotMeasured => "not_measured",
    }
}
