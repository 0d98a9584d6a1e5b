//! The npm package follows the Rust side: the `RuleId` and `Reason` unions in
//! `pkg-template/index.d.ts` are generated from the rule registry; the error codes, refusal reasons,
//! built-in profile ids and background colours from their Rust enums and profiles; the model files
//! of `pkg-template/models.js` from `MODEL_MANIFEST`. `cargo test` fails when they disagree;
//! `PHOTOGATE_BLESS=1 cargo test --test registry` writes them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use photogate::{ErrorKind, Profile, Reason, RefusalReason, RuleId, ValueKind, MODEL_FILES, MODEL_MANIFEST};

const DTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/pkg-template/index.d.ts");
const START: &str = "// <registry>";
const END: &str = "// </registry>";

fn union(name: &str, doc: &str, ids: impl Iterator<Item = &'static str>) -> String {
    let ids: Vec<String> = ids.map(|id| format!("'{id}'")).collect();
    let mut lines = vec![format!("/** {doc} */"), format!("export type {name} =")];
    let mut line = String::new();
    for id in ids {
        if line.len() + id.len() + 5 > 100 {
            lines.push(std::mem::take(&mut line));
        }
        line.push_str(&format!("{}{id}", if line.is_empty() { "  | " } else { " | " }));
    }
    lines.push(line + ";");
    lines.join("\n")
}

fn generated() -> String {
    let rules =
        union("RuleId", "A rule of the standard, in report order.", RuleId::ALL.iter().map(|r| r.as_str()));
    let reasons =
        union("Reason", "Why a rule got its verdict: a stable code.", Reason::ALL.iter().map(|r| r.as_str()));
    format!(
        "{START} generated from the Rust rule registry (src/rule.rs, src/verdict.rs) by\n\
         // `PHOTOGATE_BLESS=1 cargo test --test registry`; `cargo test` fails when they disagree.\n\
         {rules}\n{reasons}\n{END}"
    )
}

/// Codes the JavaScript package adds to the core's (`pkg-template/index.js`, `bridge.js`).
const JS_ERROR_CODES: [&str; 5] =
    ["not_initialized", "init_failed", "unsupported_browser", "aborted", "internal"];

const CODES_START: &str = "// <codes>";
const CODES_END: &str = "// </codes>";

fn generated_codes() -> String {
    let errors = union(
        "ErrorCode",
        "A `PhotogateError`'s stable code: the core's (src/error.rs), then the package's own.",
        ErrorKind::ALL.iter().map(|k| k.code()).chain(JS_ERROR_CODES),
    );
    let refusals = union(
        "RefusalReason",
        "Why autocrop made no file: a stable code (src/autocrop/result.rs).",
        RefusalReason::ALL.iter().map(|r| r.code()),
    );
    let ids = union("ProfileId", "The built-in profiles (profiles/*.json).", Profile::builtin_ids());
    let mut colours: Vec<&'static str> = Vec::new();
    for id in Profile::builtin_ids() {
        let json: serde_json::Value = serde_json::from_str(&Profile::builtin(id).unwrap().to_json()).unwrap();
        for reference in json["rules"]["bg.color"]["references"].as_array().into_iter().flatten() {
            let name: &'static str = reference["name"].as_str().unwrap().to_string().leak();
            if !colours.contains(&name) {
                colours.push(name);
            }
        }
    }
    let colours =
        union("BackgroundColor", "The background colours the built-in profiles name.", colours.into_iter());
    format!(
        "{CODES_START} generated from the Rust enums and built-in profiles by\n\
         // `PHOTOGATE_BLESS=1 cargo test --test registry`; `cargo test` fails when they disagree.\n\
         {errors}\n{refusals}\n{ids}\n{colours}\n{CODES_END}"
    )
}

const MODELS_JS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/pkg-template/models.js");
const MODELS_START: &str = "// <models>";
const MODELS_END: &str = "// </models>";

/// The model table of `models.js`: one literal `new URL` per file, which bundlers follow.
fn generated_models() -> String {
    let keys = ["detector", "faceMesh", "iris", "segmentation"];
    let rows: Vec<String> = MODEL_FILES
        .iter()
        .zip(keys)
        .map(|(name, key)| {
            let line = MODEL_MANIFEST.lines().find(|l| l.ends_with(name)).expect("a pinned model");
            let sha256 = &line[..64];
            format!(
                "  {{ key: '{key}', name: '{name}', sha256: '{sha256}', url: () => new URL('./models/{name}', \
                 import.meta.url) }},"
            )
        })
        .collect();
    format!(
        "{MODELS_START} generated from models.sha256 by `PHOTOGATE_BLESS=1 cargo test --test registry`, in the\n\
         // order the core's `Checker` takes them; `cargo test` fails when they disagree.\n\
         const MODELS = [\n{}\n];\n{MODELS_END}",
        rows.join("\n")
    )
}

/// Compares the text between `start` and `end` in `path` with `wanted`; blessing writes it.
fn follows(path: &str, start: &str, end: &str, wanted: String) {
    let text = std::fs::read_to_string(path).unwrap();
    let (a, b) = (
        text.find(start).unwrap_or_else(|| panic!("{start} in {path}")),
        text.find(end).unwrap_or_else(|| panic!("{end} in {path}")),
    );
    let current = &text[a..b + end.len()];
    if current == wanted {
        return;
    }
    if std::env::var_os("PHOTOGATE_BLESS").is_some() {
        std::fs::write(path, text.replacen(current, &wanted, 1)).unwrap();
        return;
    }
    panic!(
        "{path} disagrees with the Rust side; run `PHOTOGATE_BLESS=1 cargo test --test registry` (wanted:\n{wanted})"
    );
}

/// One test for both blocks of index.d.ts: tests run on threads, and blessing writes the file.
#[test]
fn typescript_unions_follow_the_registry_the_rust_enums_and_profiles() {
    follows(DTS, START, END, generated());
    follows(DTS, CODES_START, CODES_END, generated_codes());
}

#[test]
fn the_package_names_each_pinned_model_file_by_a_literal_url() {
    follows(MODELS_JS, MODELS_START, MODELS_END, generated_models());
}

#[test]
fn every_rule_is_declared_once_and_named_consistently() {
    let mut ids: Vec<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
    for &rule in RuleId::ALL {
        assert_eq!(RuleId::from_id(rule.as_str()), Some(rule));
        let (family, name) = rule.as_str().split_once('.').unwrap();
        assert!(["file", "geom", "face", "light", "bg", "clothes", "image"].contains(&family), "{family}");
        assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{name}");
        assert!(!rule.title().zh.is_empty() && !rule.title().en.is_empty());
        assert!(!rule.reasons().is_empty(), "{}", rule.as_str());
    }
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), RuleId::ALL.len());
}

#[test]
fn each_builtin_profile_names_only_registered_rules_and_its_range_rules_read_as_numbers() {
    for id in Profile::builtin_ids() {
        let profile = Profile::builtin(id).unwrap();
        let json: serde_json::Value = serde_json::from_str(&profile.to_json()).unwrap();
        for key in json["rules"].as_object().unwrap().keys() {
            let rule = RuleId::from_id(key).unwrap_or_else(|| panic!("{id}: {key}"));
            if profile.rules.common(rule).unwrap().range.is_some() {
                assert_eq!(rule.value_kind(), ValueKind::Number, "{id}: {key}");
            }
        }
    }
}
