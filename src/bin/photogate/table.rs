//! The readable form of a report for a terminal.

use std::io::{self, Write};

use photogate::{Report, Value, Verdict};

pub(crate) fn write(out: &mut impl Write, path: &str, report: &Report, english: bool) -> io::Result<()> {
    let pick = |t: &photogate::Text| if english { t.en.clone() } else { t.zh.clone() };
    let overall = serde_json::to_value(report.verdict).ok().and_then(|v| v.as_str().map(str::to_uppercase));
    writeln!(out, "{path}: {} ({})", overall.unwrap_or_default(), report.profile.id)?;
    for item in &report.items {
        let mark = match item.verdict {
            Verdict::Pass => "pass",
            Verdict::Fail => "FAIL",
            Verdict::Warn => "warn",
            Verdict::NotMeasured => "  - ",
        };
        let value = match &item.value {
            Some(Value::Number(n)) => {
                format!("{n}{}", item.unit.map(|u| format!(" {u}")).unwrap_or_default())
            }
            Some(Value::Text(s)) => s.clone(),
            None => String::new(),
        };
        write!(out, "  {mark}  {:<22} {:<16} {}", item.rule.as_str(), value, pick(&item.message))?;
        if let Some(advice) = &item.advice {
            write!(out, " → {}", pick(advice))?;
        }
        writeln!(out)?;
    }
    writeln!(out)
}
