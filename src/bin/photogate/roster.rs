//! `--roster FILE`: the photos' names against a class list (ID number or sequence number, name) and
//! the profile's naming rule. Only names are compared, so the findings cover every photo given,
//! whichever shard is checked.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use photogate::{NameScheme, Reason};

/// Column headings read as the number a photo is named by, most specific first.
const ID_HEADINGS: &[&str] =
    &["身份证号", "身份证号码", "公民身份号码", "证件号码", "证件号", "身份证", "id_number"];
const SEQUENCE_HEADINGS: &[&str] =
    &["序号", "编号", "学号", "考生号", "sequence", "number", "no", "no.", "id"];
const NAME_HEADINGS: &[&str] = &["姓名", "学生姓名", "名字", "name"];
/// A roster is a class or a school: far below this.
const MAX_ROSTER_BYTES: u64 = 64 << 20;

/// One student of the roster.
pub(crate) struct Entry {
    /// The number, as photos are named: upper case, sequence numbers padded to four digits.
    pub(crate) key: String,
    pub(crate) name: String,
    /// 1-based line in the roster file.
    line: usize,
}

/// The roster, read.
pub(crate) struct Roster {
    path: PathBuf,
    entries: Vec<Entry>,
}

/// How a photo's name fares against the roster and the naming rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Standing {
    Listed,
    NotListed,
    Duplicate,
    BadName(Reason),
}

impl Standing {
    /// The stable code in the CSV's `roster` column.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Standing::Listed => "ok",
            Standing::NotListed => "not_in_roster",
            Standing::Duplicate => "duplicate",
            Standing::BadName(reason) => reason.as_str(),
        }
    }
}

/// The roster compared with every photo given.
pub(crate) struct RosterCheck {
    roster: Roster,
    photos: usize,
    /// Per photo path: its standing and the roster entry it matched.
    standing: HashMap<PathBuf, (Standing, Option<usize>)>,
    missing: Vec<usize>,
    extra: Vec<PathBuf>,
    duplicates: Vec<(usize, Vec<PathBuf>)>,
    bad_names: Vec<(PathBuf, Reason)>,
    roster_repeats: Vec<(String, Vec<usize>)>,
    roster_bad: Vec<(usize, Reason)>,
}

impl Roster {
    /// Reads a UTF-8 CSV roster. The first row is a heading row when one of its cells names the
    /// number column (身份证号, 学号, 序号, id, …); without one, the columns are number, name.
    pub(crate) fn read(path: &Path, scheme: Option<NameScheme>) -> anyhow::Result<Roster> {
        let shown = path.display();
        let size = std::fs::metadata(path).with_context(|| format!("--roster: cannot read {shown}"))?.len();
        if size > MAX_ROSTER_BYTES {
            bail!("--roster {shown}: {size} bytes is more than a roster ({MAX_ROSTER_BYTES} bytes at most)");
        }
        let bytes = std::fs::read(path).with_context(|| format!("--roster: cannot read {shown}"))?;
        let text = std::str::from_utf8(&bytes).map_err(|_| {
            anyhow::anyhow!(
                "--roster {shown} is not UTF-8 (Excel's plain \"CSV\" is GBK): save it in Excel as \
                 \"CSV UTF-8 (逗号分隔)\""
            )
        })?;
        let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(text.as_bytes());
        let mut rows = Vec::new();
        for (i, record) in reader.records().enumerate() {
            let record = record.with_context(|| format!("--roster {shown}: line {}", i + 1))?;
            rows.push(record.iter().map(|c| c.trim().to_string()).collect::<Vec<_>>());
        }
        let Some(first) = rows.first() else { bail!("--roster {shown} is empty") };
        let (key_column, name_column, skip) = match columns(first, scheme) {
            Some((key, name)) => (key, name, 1),
            None if first.first().is_some_and(|c| looks_like_number(c)) => (0, Some(1), 0),
            None => bail!(
                "--roster {shown}: the first row names no number column (身份证号, 学号, 序号 or id) \
                 and does not start with a number"
            ),
        };
        let mut entries = Vec::new();
        for (i, row) in rows.iter().enumerate().skip(skip) {
            let raw = row.get(key_column).map(String::as_str).unwrap_or("");
            if raw.is_empty() {
                continue;
            }
            if raw.contains(['E', 'e']) && raw.contains('+') {
                bail!(
                    "--roster {shown}: line {} has the number {raw}, which Excel rounded: format the \
                     column as text (文本) and type the numbers again",
                    i + 1
                );
            }
            let name = name_column.and_then(|c| row.get(c)).cloned().unwrap_or_default();
            entries.push(Entry { key: key_of(raw), name, line: i + 1 });
        }
        Ok(Roster { path: path.to_path_buf(), entries })
    }

    /// Compares the roster with the photos' names and, when the profile has one, its naming rule.
    pub(crate) fn compare(self, photos: &[PathBuf], scheme: Option<NameScheme>) -> RosterCheck {
        let mut by_key: HashMap<&str, usize> = HashMap::new();
        let mut repeats: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (i, entry) in self.entries.iter().enumerate() {
            if let Some(&first) = by_key.get(entry.key.as_str()) {
                repeats.entry(entry.key.clone()).or_insert_with(|| vec![first]).push(i);
            } else {
                by_key.insert(&entry.key, i);
            }
        }
        let roster_bad = match scheme {
            Some(scheme) => self
                .entries
                .iter()
                .enumerate()
                .filter_map(|(i, e)| scheme.check(&e.key).err().map(|r| (i, r)))
                .collect(),
            None => Vec::new(),
        };
        let mut photos_of: BTreeMap<String, Vec<&PathBuf>> = BTreeMap::new();
        for photo in photos {
            photos_of.entry(key_of(stem(photo))).or_default().push(photo);
        }
        let mut standing = HashMap::new();
        let (mut extra, mut duplicates, mut bad_names) = (Vec::new(), Vec::new(), Vec::new());
        for (key, paths) in &photos_of {
            let entry = by_key.get(key.as_str()).copied();
            for path in paths {
                let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
                let s = match (scheme.map(|s| s.check(&name)), entry) {
                    (Some(Err(reason)), _) => Standing::BadName(reason),
                    (_, None) => Standing::NotListed,
                    (_, Some(_)) if paths.len() > 1 => Standing::Duplicate,
                    (_, Some(_)) => Standing::Listed,
                };
                match s {
                    Standing::BadName(reason) => bad_names.push(((*path).clone(), reason)),
                    Standing::NotListed => extra.push((*path).clone()),
                    Standing::Listed | Standing::Duplicate => {}
                }
                standing.insert((*path).clone(), (s, entry));
            }
            if let (Some(entry), true) = (entry, paths.len() > 1) {
                duplicates.push((entry, paths.iter().map(|p| (*p).clone()).collect()));
            }
        }
        let missing = (0..self.entries.len())
            .filter(|&i| by_key.get(self.entries[i].key.as_str()) == Some(&i))
            .filter(|&i| !photos_of.contains_key(&self.entries[i].key))
            .collect();
        extra.sort();
        bad_names.sort();
        RosterCheck {
            roster: self,
            photos: photos.len(),
            standing,
            missing,
            extra,
            duplicates,
            bad_names,
            roster_repeats: repeats.into_iter().collect(),
            roster_bad,
        }
    }
}

impl RosterCheck {
    /// The photo's standing and the name the roster gives it.
    pub(crate) fn of(&self, photo: &Path) -> (Standing, &str) {
        match self.standing.get(photo) {
            Some(&(s, entry)) => (s, entry.map(|i| self.roster.entries[i].name.as_str()).unwrap_or("")),
            None => (Standing::NotListed, ""),
        }
    }

    /// Whether a photo is missing, extra, duplicated or badly named, or the roster repeats a number.
    pub(crate) fn has_problems(&self) -> bool {
        !(self.missing.is_empty()
            && self.extra.is_empty()
            && self.duplicates.is_empty()
            && self.bad_names.is_empty()
            && self.roster_repeats.is_empty()
            && self.roster_bad.is_empty())
    }

    /// The findings as lists a person reads: missing, extra and duplicate photos, names that break
    /// the naming rule, and the roster's own repeated or malformed numbers.
    pub(crate) fn write(&self, out: &mut impl Write, english: bool) -> io::Result<()> {
        let zh = !english;
        let entries = &self.roster.entries;
        let entry = |i: usize| {
            let e = &entries[i];
            if e.name.is_empty() {
                e.key.clone()
            } else {
                format!("{}  {}", e.key, e.name)
            }
        };
        let (students, photos) = (entries.len(), self.photos);
        if zh {
            writeln!(
                out,
                "名单核对（{}）：名单 {students} 人，照片 {photos} 张",
                self.roster.path.display()
            )?;
        } else {
            writeln!(out, "Roster {}: {students} students, {photos} photos", self.roster.path.display())?;
        }
        let missing: Vec<String> = self.missing.iter().map(|&i| entry(i)).collect();
        list(out, zh, if zh { "缺少照片" } else { "No photo" }, &missing)?;
        let extra: Vec<String> = self.extra.iter().map(|p| p.display().to_string()).collect();
        list(out, zh, if zh { "名单外的照片" } else { "Not in the roster" }, &extra)?;
        let duplicates: Vec<String> = self
            .duplicates
            .iter()
            .map(|(i, paths)| {
                let paths: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
                format!("{}{}{}", entry(*i), if zh { "：" } else { ": " }, paths.join(", "))
            })
            .collect();
        list(out, zh, if zh { "重复的照片" } else { "Several photos for one student" }, &duplicates)?;
        let bad: Vec<String> = self
            .bad_names
            .iter()
            .map(|(p, reason)| {
                if zh {
                    format!("{}（{}）", p.display(), problem(*reason, zh))
                } else {
                    format!("{} ({})", p.display(), problem(*reason, zh))
                }
            })
            .collect();
        list(out, zh, if zh { "不符合命名规则" } else { "Names that break the naming rule" }, &bad)?;
        let repeats: Vec<String> = self
            .roster_repeats
            .iter()
            .map(|(key, rows)| {
                let lines: Vec<String> = rows.iter().map(|&i| entries[i].line.to_string()).collect();
                if zh {
                    format!("{key}（第 {} 行）", lines.join("、"))
                } else {
                    format!("{key} (lines {})", lines.join(", "))
                }
            })
            .collect();
        list(out, zh, if zh { "名单中重复的号码" } else { "Numbers listed twice in the roster" }, &repeats)?;
        let roster_bad: Vec<String> = self
            .roster_bad
            .iter()
            .map(|&(i, reason)| {
                let line = entries[i].line;
                if zh {
                    format!("第 {line} 行 {}（{}）", entry(i), problem(reason, zh))
                } else {
                    format!("line {line} {}  ({})", entry(i), problem(reason, zh))
                }
            })
            .collect();
        list(
            out,
            zh,
            if zh {
                "名单中不符合命名规则的号码"
            } else {
                "Roster numbers that break the naming rule"
            },
            &roster_bad,
        )
    }
}

/// `title (n):` and one line per item; nothing for an empty list.
fn list(out: &mut impl Write, zh: bool, title: &str, items: &[String]) -> io::Result<()> {
    if items.is_empty() {
        return Ok(());
    }
    if zh {
        writeln!(out, "  {title}（{}）：", items.len())?;
    } else {
        writeln!(out, "  {title} ({}):", items.len())?;
    }
    for item in items {
        writeln!(out, "    {item}")?;
    }
    Ok(())
}

fn problem(reason: Reason, zh: bool) -> &'static str {
    match (reason, zh) {
        (Reason::BadCheckDigit, true) => "身份证号校验位不正确",
        (Reason::BadCheckDigit, false) => "wrong ID check digit",
        (_, true) => "不符合命名格式",
        (_, false) => "does not follow the naming pattern",
    }
}

/// The number column and the name column of a heading row, or `None` when it is not one.
fn columns(row: &[String], scheme: Option<NameScheme>) -> Option<(usize, Option<usize>)> {
    let find =
        |headings: &[&str]| headings.iter().find_map(|h| row.iter().position(|c| c.to_lowercase() == *h));
    let (ids, sequences) = (find(ID_HEADINGS), find(SEQUENCE_HEADINGS));
    let key = match scheme {
        Some(NameScheme::Sequence4) => sequences.or(ids),
        _ => ids.or(sequences),
    }?;
    Some((key, find(NAME_HEADINGS)))
}

fn looks_like_number(cell: &str) -> bool {
    let cell = cell.strip_prefix('\u{FEFF}').unwrap_or(cell);
    !cell.is_empty() && cell.chars().take(17).all(|c| c.is_ascii_digit())
}

/// A number as photos are named: upper case (`x` → `X`), and 1–3 digits padded to four (Excel drops
/// the leading zeros of `0001`).
fn key_of(raw: &str) -> String {
    let key = raw.trim().to_uppercase();
    if !key.is_empty() && key.len() < 4 && key.bytes().all(|b| b.is_ascii_digit()) {
        format!("{key:0>4}")
    } else {
        key
    }
}

/// The file name without its extension.
fn stem(path: &Path) -> &str {
    path.file_stem().and_then(|s| s.to_str()).unwrap_or("")
}
