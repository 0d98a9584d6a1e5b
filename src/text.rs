//! The words of the report, as data: the wording table of the rule registry (`rule.rs`), keyed by
//! (rule, reason), holds templates; this module fills them with numbers from the profile and the
//! measurement. Nothing here decides a verdict, and no threshold is written into a sentence: a
//! custom profile with other numbers reads right.
//!
//! Placeholders: `{value}` (the measured number), `{min}`, `{max}`, `{range}` (the profile's
//! bounds), and per rule: `{format}`, `{ext}`, `{extensions}` (file.format); `{width}`, `{height}`,
//! `{w}`, `{h}`, `{shape}` (file.size_px); `{components}`, `{bits}` (file.bit_depth); `{space}`
//! (file.color_space); `{q_min}` (file.kb: the profile's lowest quality); `{found}`, `{want}`
//! (file.dpi); `{name}`, `{stem}`, `{check}` (file.name); `{faces}`, `{background_faces}`
//! (geom.face_count); `{roll}`, `{yaw}`, `{pitch}` (face.pose); `{a}`, `{b}`, `{a_range}`, `{b_range}`
//! (image.colour); `{pattern}`, `{frame}`, `{max_pattern}`, `{max_frame}` (image.recapture);
//! `{background}` (clothes.color); `{rgb}`, `{nearest}`, `{de}`, `{references}`
//! (bg.color); `{edges}` (image.no_edits). A value may differ by language (colour names, lists).

use crate::measure::Measurement;
use crate::naming::{id_check_char, split_name};
use crate::profile::{NameScheme, Profile, RuleCommon, Text};
use crate::rule::{RuleId, Words, WORDS};
use crate::verdict::{Outcome, Reason};

fn t(zh: impl Into<String>, en: impl Into<String>) -> Text {
    Text { zh: zh.into(), en: en.into() }
}

/// A number for people: at most two decimals, no trailing zeros.
pub(crate) fn num(v: f64) -> String {
    let s = format!("{:.2}", (v * 100.0).round() / 100.0);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Every placeholder a template may use.
#[cfg(test)]
const PLACEHOLDERS: &[&str] = &[
    "value",
    "min",
    "max",
    "range",
    "format",
    "ext",
    "extensions",
    "width",
    "height",
    "w",
    "h",
    "shape",
    "components",
    "bits",
    "space",
    "q_min",
    "found",
    "want",
    "name",
    "stem",
    "check",
    "faces",
    "background_faces",
    "roll",
    "yaw",
    "pitch",
    "a",
    "b",
    "a_range",
    "b_range",
    "rgb",
    "nearest",
    "de",
    "references",
    "edges",
    "pattern",
    "frame",
    "max_pattern",
    "max_frame",
    "background",
];

/// The values of the placeholders for one item: name, Chinese, English.
#[derive(Default)]
struct Vars(Vec<(&'static str, String, String)>);

impl Vars {
    fn both(&mut self, name: &'static str, value: impl Into<String>) {
        let value = value.into();
        self.0.push((name, value.clone(), value));
    }

    fn each(&mut self, name: &'static str, zh: impl Into<String>, en: impl Into<String>) {
        self.0.push((name, zh.into(), en.into()));
    }

    fn get(&self, name: &str, zh: bool) -> Option<&str> {
        self.0.iter().find(|v| v.0 == name).map(|v| if zh { v.1.as_str() } else { v.2.as_str() })
    }

    /// The template with each known `{name}` replaced; anything else is kept as written.
    fn fill(&self, template: &str, zh: bool) -> String {
        let mut out = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}').and_then(|close| Some((close, self.get(&after[..close], zh)?))) {
                Some((close, value)) => {
                    out.push_str(value);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    fn text(&self, (zh, en): (&str, &str)) -> Text {
        t(self.fill(zh, true), self.fill(en, false))
    }
}

/// What was found (message) and, unless the rule passes, what to do (advice).
pub(crate) fn describe(
    rule: RuleId,
    m: &Measurement,
    outcome: &Outcome,
    common: RuleCommon<'_>,
    profile: &Profile,
) -> (Text, Option<Text>) {
    if let Measurement::Unmeasured(_) = m {
        // A rule the person checks has its own self-check line.
        return match words(rule, outcome.reason, "").filter(|_| outcome.reason == Reason::NeedsReview) {
            Some(w) => (t(w.message.0, w.message.1), w.advice.map(|(zh, en)| t(zh, en))),
            None => (not_measured(outcome.reason), None),
        };
    }
    let Some(words) = words(rule, outcome.reason, variant(rule, m, outcome, profile)) else {
        return (t("已检查", "Checked"), None);
    };
    let vars = vars(m, outcome, common, profile);
    (vars.text(words.message), words.advice.map(|a| vars.text(a)))
}

/// The row of the wording table for a rule, a reason and a variant (else the plain row).
pub(crate) fn words(rule: RuleId, reason: Reason, variant: &str) -> Option<&'static Words> {
    let find = |v: &str| WORDS.iter().find(|w| w.rule == rule && w.reason == reason && w.variant == v);
    find(variant).or_else(|| find(""))
}

/// The variants `variant` picks; every `Reason("variant")` row of the registry names one of them.
#[cfg(test)]
const VARIANTS: &[&str] = &["icc", "no_quality", "id_number", "one"];

/// Which wording of a reason fits the measurement (see the registry's `Reason("variant")` rows).
fn variant(rule: RuleId, m: &Measurement, outcome: &Outcome, profile: &Profile) -> &'static str {
    match (rule, outcome.reason, m) {
        (RuleId::FileColorSpace, Reason::Ok, Measurement::ColorSpace { icc: Some(_), .. }) => "icc",
        (RuleId::FileKb, Reason::AboveMax, _)
            if profile.rules.file_quality.as_ref().and_then(|q| q.min).is_none() =>
        {
            "no_quality"
        }
        (RuleId::FileName, Reason::BadPattern, _)
            if profile.rules.file_name.as_ref().map(|n| n.scheme) == Some(NameScheme::IdNumber) =>
        {
            "id_number"
        }
        (RuleId::GeomFaceCount, Reason::InRange, Measurement::FaceCount { faces: 1, .. }) => "one",
        _ => "",
    }
}

fn vars(m: &Measurement, outcome: &Outcome, common: RuleCommon<'_>, profile: &Profile) -> Vars {
    let mut v = Vars::default();
    let (mut min, mut max) = common.range.unwrap_or((None, None));
    // A warning inside the range names the warning bound it crossed.
    match (outcome.reason, outcome.limit) {
        (Reason::BelowMin, Some(limit)) => min = Some(limit),
        (Reason::AboveMax, Some(limit)) => max = Some(limit),
        _ => {}
    }
    if let Some(min) = min {
        v.both("min", num(min));
    }
    if let Some(max) = max {
        v.both("max", num(max));
    }
    v.both("range", range_text(min, max));
    if let Some(q_min) = profile.rules.file_quality.as_ref().and_then(|q| q.min) {
        v.both("q_min", num(q_min));
    }
    match m {
        Measurement::Number(x) => v.both("value", num(*x)),
        Measurement::Format { format, extension, .. } => {
            v.both("format", format.name());
            v.both("ext", extension.as_deref().unwrap_or_default());
            let allowed =
                profile.rules.file_format.as_ref().map(|f| f.extensions.as_slice()).unwrap_or_default();
            v.both("extensions", allowed.iter().map(|e| format!(".{e}")).collect::<Vec<_>>().join("/"));
        }
        Measurement::SizePx { width, height } => {
            let (w, h) = (profile.width_px, profile.height_px);
            v.both("width", width.to_string());
            v.both("height", height.to_string());
            v.both("w", w.to_string());
            v.both("h", h.to_string());
            let g = gcd(w, h).max(1);
            let ratio = format!("{}:{}", w / g, h / g);
            if w <= h {
                v.each("shape", format!("{ratio} 竖幅"), format!("{ratio} portrait"));
            } else {
                v.each("shape", format!("{ratio} 横幅"), format!("{ratio} landscape"));
            }
        }
        Measurement::BitDepth { components, precision_bits } => {
            v.both("components", components.to_string());
            v.both("bits", precision_bits.to_string());
        }
        Measurement::ColorSpace { icc, .. } => v.both("space", icc.as_deref().unwrap_or_default()),
        Measurement::Dpi(records) => {
            let found: Vec<String> =
                records.iter().map(|(src, d)| format!("{} dpi ({src})", num(*d))).collect();
            v.each("found", found.join("，"), found.join(", "));
            v.both("want", min.or(max).map(num).unwrap_or_default());
        }
        Measurement::Name(name) => {
            let stem = split_name(name).0;
            v.both("name", name.as_str());
            v.both("stem", stem);
            v.both("check", stem.get(..17).and_then(id_check_char).unwrap_or('?').to_string());
        }
        Measurement::FaceCount { faces, background_faces } => {
            v.both("faces", faces.to_string());
            v.both("background_faces", background_faces.to_string());
        }
        Measurement::Pose { roll_deg, yaw_deg, pitch_deg } => {
            v.both("roll", num(roll_deg.abs()));
            v.both("yaw", num(yaw_deg.abs()));
            v.both("pitch", num(pitch_deg.abs()));
        }
        Measurement::Colour { a, b, .. } => {
            v.both("a", num(*a));
            v.both("b", num(*b));
            if let Some(rule) = &profile.rules.image_colour {
                let span = |[lo, hi]: [f64; 2]| format!("{}–{}", num(lo), num(hi));
                v.both("a_range", span(rule.skin_a));
                v.both("b_range", span(rule.skin_b));
            }
        }
        Measurement::Color { rgb } => {
            let [r, g, b] = rgb.map(|c| c.round() as i64);
            v.both("rgb", format!("RGB({r},{g},{b})"));
            if let Some(nearest) = &outcome.nearest {
                let (zh, en) = color_name(&nearest.name);
                v.each("nearest", zh, en);
                v.both("de", num(nearest.delta_e));
            }
            let references =
                profile.rules.bg_color.as_ref().map(|b| b.references.as_slice()).unwrap_or_default();
            let named: Vec<(String, String)> = references
                .iter()
                .map(|r| {
                    let (zh, en) = color_name(&r.name);
                    match r.rgb {
                        [255, 255, 255] => (zh, en),
                        [cr, cg, cb] => {
                            (format!("{zh} RGB({cr},{cg},{cb})"), format!("{en} RGB({cr},{cg},{cb})"))
                        }
                    }
                })
                .collect();
            let zh: Vec<&str> = named.iter().map(|n| n.0.as_str()).collect();
            let en: Vec<&str> = named.iter().map(|n| n.1.as_str()).collect();
            v.each("references", list(&zh, "、", "或"), list(&en, ", ", " or "));
        }
        Measurement::Sharp { laplacian_var, .. } => v.both("value", num(*laplacian_var)),
        Measurement::Edits { bordered_edges } => v.both("edges", bordered_edges.to_string()),
        Measurement::Recapture { pattern_db, frame_pct } => {
            v.both("pattern", num(*pattern_db));
            v.both("frame", num(*frame_pct));
            if let Some(rule) = &profile.rules.image_recapture {
                v.both("max_pattern", num(rule.max_pattern_db));
                v.both("max_frame", num(rule.max_frame_pct));
            }
        }
        Measurement::ClothesColor { blue_pct, .. } => {
            v.both("value", num(*blue_pct));
            if let Some(rule) = &profile.rules.clothes_color {
                let (zh, en) = color_name(&rule.background.name);
                v.each("background", zh, en);
            }
        }
        Measurement::Unmeasured(_) => {}
    }
    v
}

/// `a、b或c` / `a, b or c`.
fn list(items: &[&str], comma: &str, or: &str) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{}{or}{last}", init.join(comma)),
    }
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

fn color_name(name: &str) -> (String, String) {
    match name {
        "blue" => ("浅蓝色".into(), "light blue".into()),
        "white" => ("白色".into(), "white".into()),
        "grey" | "gray" => ("浅灰色".into(), "light grey".into()),
        other => (other.to_string(), other.to_string()),
    }
}

fn range_text(min: Option<f64>, max: Option<f64>) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => num(a),
        (Some(a), Some(b)) => format!("{}–{}", num(a), num(b)),
        (Some(a), None) => format!("≥ {}", num(a)),
        (None, Some(b)) => format!("≤ {}", num(b)),
        (None, None) => String::new(),
    }
}

/// Why a rule was not measured: the same words for every rule.
const NOT_MEASURED: &[(Reason, &str, &str)] = &[
    (Reason::AnalysisUnavailable, "未检测：人脸与背景分析暂不可用", "Not measured: analysis not available"),
    (
        Reason::NotDecoded,
        "未检测：无法读取图像内容，请导出为 JPEG 后重试",
        "Not measured: the picture could not be read; export the photo as JPEG and try again",
    ),
    (Reason::NotJpeg, "未检测：文件不是 JPEG", "Not measured: the file is not a JPEG"),
    (Reason::NoFileName, "未检测：没有提供文件名", "Not measured: no file name given"),
    (Reason::NoFace, "未检测：没有找到人脸", "Not measured: no face found"),
    (Reason::NoPerson, "未检测：没有分割出人像", "Not measured: the person could not be outlined"),
    (Reason::NoBackground, "未检测：照片中可见的背景太少", "Not measured: too little background is visible"),
    (Reason::NoClothes, "未检测：照片中看不到服装", "Not measured: the clothes are not in the picture"),
    (Reason::NeedsReview, "未自动检测：请自查", "Not checked automatically: check it yourself"),
];

fn not_measured(reason: Reason) -> Text {
    match NOT_MEASURED.iter().find(|(r, ..)| *r == reason) {
        Some((_, zh, en)) => t(*zh, *en),
        None => t("未检测", "Not measured"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verdict::Verdict;

    #[test]
    fn every_reason_of_every_rule_has_words() {
        for &rule in RuleId::ALL {
            for &reason in rule.reasons() {
                let w = words(rule, reason, "").unwrap_or_else(|| panic!("{} {reason}", rule.as_str()));
                assert!(!w.message.0.is_empty() && !w.message.1.is_empty());
            }
        }
        for &reason in Reason::NOT_MEASURED {
            assert!(NOT_MEASURED.iter().any(|(r, ..)| *r == reason), "{reason}");
        }
    }

    #[test]
    fn templates_name_only_known_placeholders() {
        for w in WORDS {
            let texts = [Some(w.message), w.advice].into_iter().flatten().flat_map(|(zh, en)| [zh, en]);
            for text in texts {
                for part in text.split('{').skip(1) {
                    let name = part.split('}').next().unwrap_or_default();
                    assert!(PLACEHOLDERS.contains(&name), "{} {}: {{{name}}}", w.rule.as_str(), w.reason);
                }
            }
        }
    }

    #[test]
    fn a_custom_profile_reads_with_its_own_numbers() {
        let profile = Profile::from_json(
            r#"{"extends":"chsi","id":"x","rules":{"file.kb":{"severity":"fail","min":10,"max":25},
            "file.quality":{"severity":"fail","min":70},
            "bg.color":{"severity":"fail","references":[{"name":"ivory","rgb":[250,245,230]}],"max_delta_e":5}}}"#,
        )
        .unwrap();
        let kb =
            Outcome { verdict: Verdict::Fail, reason: Reason::AboveMax, limit: Some(25.0), nearest: None };
        let common = profile.rules.common(RuleId::FileKb).unwrap();
        let (message, advice) = describe(RuleId::FileKb, &Measurement::Number(31.5), &kb, common, &profile);
        assert_eq!(message.zh, "文件 31.5 KB，超过 25 KB 上限");
        assert_eq!(advice.unwrap().en, "Save again at a lower compression quality (not below 70)");
        let bg = crate::verdict::evaluate_rule(
            RuleId::BgColor,
            &Measurement::Color { rgb: [90.0, 190.0, 250.0] },
            &profile,
        )
        .unwrap();
        let common = profile.rules.common(RuleId::BgColor).unwrap();
        let (message, advice) = describe(
            RuleId::BgColor,
            &Measurement::Color { rgb: [90.0, 190.0, 250.0] },
            &bg,
            common,
            &profile,
        );
        assert!(message.en.contains("nearest ivory"), "{}", message.en);
        assert_eq!(advice.unwrap().en, "Use a plain ivory RGB(250,245,230) background");
    }

    #[test]
    fn every_variant_row_can_be_picked() {
        for w in WORDS.iter().filter(|w| !w.variant.is_empty()) {
            assert!(VARIANTS.contains(&w.variant), "{} {}: {}", w.rule.as_str(), w.reason, w.variant);
            assert!(
                words(w.rule, w.reason, "").is_some(),
                "{} {} has no plain row",
                w.rule.as_str(),
                w.reason
            );
        }
    }

    #[test]
    fn unknown_placeholders_are_kept() {
        let mut v = Vars::default();
        v.both("value", "3");
        assert_eq!(v.fill("{value} {nope} {", true), "3 {nope} {");
    }
}
