//! The npm package's TypeScript types follow the Rust rule registry: the `RuleId` and `Reason`
//! unions in `pkg-template/index.d.ts` are generated from it. `cargo test` fails when they disagree;
//! `PHOTOGATE_BLESS=1 cargo test --test registry` writes them.

use photogate::{Profile, Reason, RuleId, ValueKind};

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

#[test]
fn typescript_unions_follow_the_registry() {
    let dts = std::fs::read_to_string(DTS).unwrap();
    let (start, end) = (dts.find(START).expect("registry start marker"), dts.find(END).expect("end marker"));
    let current = &dts[start..end + END.len()];
    let wanted = generated();
    if current == wanted {
        return;
    }
    if std::env::var_os("PHOTOGATE_BLESS").is_some() {
        std::fs::write(DTS, dts.replacen(current, &wanted, 1)).unwrap();
        return;
    }
    panic!(
        "pkg-template/index.d.ts disagrees with the rule registry; run `PHOTOGATE_BLESS=1 cargo test --test \
         registry` (wanted:\n{wanted})"
    );
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
