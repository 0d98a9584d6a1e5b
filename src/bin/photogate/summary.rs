//! The summary at the end of a batch: the pass rate of every rule in the form of the published
//! statistics (检测项 / 阈值 / 通过率), the overall pass rate and, for `fix`, what became of the photos.

use std::collections::BTreeMap;
use std::io::{self, Write};

use photogate::{Item, Overall, Profile, Report, RuleId, Verdict};

use crate::roster::RosterCheck;

/// Counts per rule over the reports of a batch.
pub(crate) struct Tally {
    rules: Vec<RuleTally>,
    /// Reports by overall verdict, and photos that could not be checked.
    pass: usize,
    warn: usize,
    fail: usize,
    incomplete: usize,
    errors: usize,
    /// For `fix`: photos fixed, and refusals by reason code.
    fixed: usize,
    refused: BTreeMap<&'static str, usize>,
}

struct RuleTally {
    rule: RuleId,
    threshold: Option<String>,
    pass: usize,
    measured: usize,
}

impl Tally {
    /// An empty tally for the rules of `profile`, in report order.
    pub(crate) fn new(profile: &Profile) -> Tally {
        Tally {
            rules: rules_of(profile)
                .map(|rule| RuleTally { rule, threshold: None, pass: 0, measured: 0 })
                .collect(),
            pass: 0,
            warn: 0,
            fail: 0,
            incomplete: 0,
            errors: 0,
            fixed: 0,
            refused: BTreeMap::new(),
        }
    }

    pub(crate) fn add_report(&mut self, report: &Report) {
        match report.verdict {
            Overall::Pass => self.pass += 1,
            Overall::Warn => self.warn += 1,
            Overall::Fail => self.fail += 1,
            Overall::Incomplete => self.incomplete += 1,
        }
        for tally in &mut self.rules {
            let Some(item) = report.item(tally.rule) else { continue };
            if tally.threshold.is_none() {
                tally.threshold = Some(threshold(item));
            }
            if item.verdict != Verdict::NotMeasured {
                tally.measured += 1;
                tally.pass += usize::from(item.verdict == Verdict::Pass);
            }
        }
    }

    pub(crate) fn add_error(&mut self) {
        self.errors += 1;
    }

    pub(crate) fn add_fixed(&mut self, new_file: &Report) {
        self.fixed += 1;
        self.add_report(new_file);
    }

    pub(crate) fn add_refused(&mut self, reason: &'static str) {
        *self.refused.entry(reason).or_default() += 1;
    }

    fn photos(&self) -> usize {
        self.pass
            + self.warn
            + self.fail
            + self.incomplete
            + self.errors
            + self.refused.values().sum::<usize>()
    }

    /// Writes the summary: for `fix` the outcome first, then the rule table (for `fix`, of the new
    /// files), the overall line and the roster findings.
    pub(crate) fn write(
        &self,
        out: &mut impl Write,
        heading: &str,
        fix: bool,
        roster: Option<&RosterCheck>,
        english: bool,
    ) -> io::Result<()> {
        let zh = !english;
        writeln!(out, "{heading}")?;
        if fix {
            let refused: usize = self.refused.values().sum();
            let reasons: Vec<String> = self.refused.iter().map(|(r, n)| format!("{r} {n}")).collect();
            let reasons = match (reasons.is_empty(), zh) {
                (true, _) => String::new(),
                (false, true) => format!("（{}）", reasons.join("，")),
                (false, false) => format!(" ({})", reasons.join(", ")),
            };
            if zh {
                writeln!(out, "已修复 {}，未修复 {refused}{reasons}，出错 {}", self.fixed, self.errors)?;
                writeln!(out, "新文件的检测结果：")?;
            } else {
                writeln!(out, "fixed {}, refused {refused}{reasons}, errors {}", self.fixed, self.errors)?;
                writeln!(out, "The new files, rule by rule:")?;
            }
        }
        let header = if zh {
            ["检测项", "阈值", "通过率", "通过/已测"]
        } else {
            ["Rule", "Threshold", "Pass rate", "pass/measured"]
        };
        let mut rows: Vec<[String; 4]> = vec![header.map(str::to_string)];
        let title = |rule: RuleId| if zh { rule.title().zh } else { rule.title().en };
        for t in self.rules.iter().filter(|t| t.measured > 0) {
            rows.push([
                title(t.rule),
                t.threshold.clone().unwrap_or_else(|| "—".to_string()),
                rate(t.pass, t.measured),
                format!("{}/{}", t.pass, t.measured),
            ]);
        }
        let checked = self.pass + self.warn + self.fail + self.incomplete;
        let total = if fix { checked } else { self.photos() };
        rows.push([
            if zh { "全部通过".to_string() } else { "All rules pass".to_string() },
            String::new(),
            rate(self.pass, total),
            format!("{}/{total}", self.pass),
        ]);
        write_table(out, &rows)?;
        let unmeasured: Vec<String> =
            self.rules.iter().filter(|t| t.measured == 0).map(|t| title(t.rule)).collect();
        if !unmeasured.is_empty() {
            if zh {
                writeln!(out, "  未检测（{} 项）：{}", unmeasured.len(), unmeasured.join("、"))?;
            } else {
                writeln!(out, "  Not measured ({}): {}", unmeasured.len(), unmeasured.join(", "))?;
            }
        }
        let counts = if zh {
            format!(
                "照片 {}：通过 {}，警告 {}，不通过 {}，未测全 {}，无法读取 {}",
                self.photos(),
                self.pass,
                self.warn,
                self.fail,
                self.incomplete,
                self.errors
            )
        } else {
            format!(
                "{} photos: pass {}, warn {}, fail {}, incomplete {}, unreadable {}",
                self.photos(),
                self.pass,
                self.warn,
                self.fail,
                self.incomplete,
                self.errors
            )
        };
        if !fix {
            writeln!(out, "{counts}")?;
        }
        if let Some(roster) = roster {
            writeln!(out)?;
            roster.write(out, english)?;
        }
        Ok(())
    }
}

/// The rules a profile has, in report order.
pub(crate) fn rules_of(profile: &Profile) -> impl Iterator<Item = RuleId> + '_ {
    RuleId::ALL.iter().copied().filter(|&rule| profile.rules.common(rule).is_some())
}

/// `52.3%`, or `—` when nothing was measured.
fn rate(pass: usize, of: usize) -> String {
    if of == 0 {
        "—".to_string()
    } else {
        format!("{:.1}%", 100.0 * pass as f64 / of as f64)
    }
}

/// The item's limits as a reader of the statistics expects them: `20–40 KB`, `≥ 300 dpi`, `480×640 px`.
pub(crate) fn threshold(item: &Item) -> String {
    let unit = match item.unit {
        Some(u @ ("%" | "‰" | "‱")) => u.to_string(),
        Some(u) => format!(" {u}"),
        None => String::new(),
    };
    match (item.min, item.max, &item.expected) {
        (Some(min), Some(max), _) if min == max => format!("{min}{unit}"),
        (Some(min), Some(max), _) => format!("{min}–{max}{unit}"),
        (Some(min), None, _) => format!("≥ {min}{unit}"),
        (None, Some(max), _) => format!("≤ {max}{unit}"),
        (None, None, Some(expected)) => match item.unit {
            Some(u) if u.chars().all(|c| c.is_ascii_alphabetic()) => format!("{expected}{unit}"),
            _ => expected.clone(),
        },
        (None, None, None) => "—".to_string(),
    }
}

/// Columns padded to their widest cell, counting a CJK character as two columns.
fn write_table(out: &mut impl Write, rows: &[[String; 4]]) -> io::Result<()> {
    let mut widths = [0usize; 4];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    for row in rows {
        let mut line = String::new();
        for (i, (cell, w)) in row.iter().zip(widths).enumerate() {
            let pad = " ".repeat(w - width(cell));
            match i {
                0 | 1 => line += &format!("{cell}{pad}  "),
                _ => line += &format!("{pad}{cell}  "),
            }
        }
        writeln!(out, "  {}", line.trim_end())?;
    }
    Ok(())
}

/// Terminal columns of `s`: two for East Asian wide and fullwidth characters, one for the rest.
pub(crate) fn width(s: &str) -> usize {
    s.chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF => 2,
            0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 => 2,
            0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}
