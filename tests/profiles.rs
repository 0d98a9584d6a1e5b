//! Built-in and custom profiles: loading, errors that name the field, naming rules.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use photogate::{ErrorKind, Profile, RuleId, Severity, Verdict};

#[test]
fn each_builtin_profile_loads_with_its_size_and_kb_window() {
    let expect = [
        ("chsi", 480, 640, 20.0, 40.0),
        ("chsi-nanjing", 480, 640, 30.0, 50.0),
        ("chsi-jiangsu", 480, 640, 20.0, 40.0),
        ("xinhua-960", 960, 1280, 550.0, 650.0),
    ];
    let ids: Vec<&str> = Profile::builtin_ids().collect();
    assert_eq!(ids, ["chsi", "chsi-nanjing", "chsi-jiangsu", "xinhua-960"]);
    for (id, w, h, min, max) in expect {
        let p = Profile::builtin(id).unwrap();
        assert_eq!((p.id.as_str(), p.width_px, p.height_px), (id, w, h));
        let kb = p.rules.file_kb.as_ref().unwrap();
        assert_eq!((kb.min, kb.max), (Some(min), Some(max)), "{id}");
        // Rules some profiles leave out: file.name (a naming scheme), clothes.color (Jiangsu's only).
        let required = |rule: RuleId| match rule {
            RuleId::FileName => false,
            RuleId::ClothesColor => id == "chsi-jiangsu",
            _ => true,
        };
        for &rule in RuleId::ALL {
            if required(rule) {
                assert!(p.rules.common(rule).is_some(), "{id} lacks {}", rule.as_str());
            }
        }
        // A profile printed as JSON reads back as the same profile.
        assert_eq!(Profile::from_json(&p.to_json()).unwrap(), p);
    }
}

#[test]
fn chsi_takes_the_stricter_of_standard_and_checker_for_head_top() {
    let p = Profile::chsi();
    let head = p.rules.geom_head_top.unwrap();
    assert_eq!((head.min, head.max, head.severity), (Some(60.0), Some(110.0), Severity::Fail));
    assert_eq!(p.rules.file_dpi.unwrap().severity, Severity::Warn);
    assert_eq!(p.rules.face_pose.unwrap().severity, Severity::Warn);
}

#[test]
fn xinhua_scales_geometry_by_two_and_names_files_by_sequence() {
    let p = Profile::builtin("xinhua-960").unwrap();
    let eye = p.rules.geom_eye_y.unwrap();
    assert_eq!((eye.min, eye.max), (Some(400.0), Some(600.0)));
    assert_eq!(p.rules.file_name.unwrap().scheme, photogate::NameScheme::Sequence4);
}

fn profile_error(json: &str) -> String {
    let e = Profile::from_json(json).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidProfile);
    assert_eq!(e.code(), "invalid_profile");
    e.to_string()
}

#[test]
fn a_malformed_custom_profile_is_refused_with_the_field_named() {
    let wrong_type =
        profile_error(r#"{"extends":"chsi","id":"x","rules":{"file.kb":{"severity":"fail","min":"20"}}}"#);
    assert!(wrong_type.contains("rules.file.kb.min"), "{wrong_type}");
    let unknown_rule =
        profile_error(r#"{"extends":"chsi","id":"x","rules":{"file.kbytes":{"severity":"fail"}}}"#);
    assert!(unknown_rule.contains("file.kbytes"), "{unknown_rule}");
    let unknown_field =
        profile_error(r#"{"extends":"chsi","id":"x","rules":{"file.kb":{"severity":"fail","maximum":40}}}"#);
    assert!(unknown_field.contains("rules.file.kb") && unknown_field.contains("maximum"), "{unknown_field}");
    let bad_severity =
        profile_error(r#"{"extends":"chsi","id":"x","rules":{"file.kb":{"severity":"error","max":4}}}"#);
    assert!(bad_severity.contains("rules.file.kb.severity"), "{bad_severity}");
    let inverted = profile_error(
        r#"{"extends":"chsi","id":"x","rules":{"file.kb":{"severity":"fail","min":50,"max":40}}}"#,
    );
    assert!(inverted.contains("rules.file.kb") && inverted.contains("greater than max"), "{inverted}");
    let missing = profile_error(r#"{"id":"x","title":{"zh":"x","en":"x"},"width_px":480,"rules":{}}"#);
    assert!(missing.contains("height_px"), "{missing}");
    let zero = profile_error(r#"{"extends":"chsi","id":"x","width_px":0}"#);
    assert!(zero.contains("width_px"), "{zero}");
    let parent = profile_error(r#"{"extends":"gansu","id":"x"}"#);
    assert!(parent.contains("gansu") && parent.contains("chsi"), "{parent}");
    let not_json = profile_error("{ nope");
    assert!(not_json.contains("not valid JSON"), "{not_json}");
}

#[test]
fn a_custom_profile_extends_a_builtin_and_null_drops_a_rule() {
    let p = Profile::from_json(
        r#"{"extends":"chsi","id":"school","rules":{"file.kb":{"min":25},"file.dpi":null}}"#,
    )
    .unwrap();
    let kb = p.rules.file_kb.as_ref().unwrap();
    assert_eq!((kb.min, kb.max, kb.severity), (Some(25.0), Some(40.0), Severity::Fail));
    assert!(p.rules.file_dpi.is_none());
    let report = check_with(&Jpeg::default().encode(), &p, None);
    assert!(report.item(RuleId::FileDpi).is_none());
    assert_eq!(report.profile.id, "school");
}

#[test]
fn nanjing_files_must_be_named_by_an_id_number_with_a_valid_check_digit() {
    let nanjing = Profile::builtin("chsi-nanjing").unwrap();
    let bytes = Jpeg::default().encode();
    let named = |name: &str| verdict(&check_with(&bytes, &nanjing, Some(name)), RuleId::FileName);
    assert_eq!(named("11010519491231002X.jpg"), (Verdict::Pass, "ok"));
    assert_eq!(named("11010519491231002x.jpg"), (Verdict::Pass, "ok"));
    assert_eq!(named("440524188001010014.jpg"), (Verdict::Pass, "ok"));
    assert_eq!(named("110105194912310021.jpg"), (Verdict::Fail, "bad_check_digit"));
    assert_eq!(named("photo.jpg"), (Verdict::Fail, "bad_pattern"));
    let report = check_with(&bytes, &nanjing, Some("110105194912310021.jpg"));
    assert!(report.item(RuleId::FileName).unwrap().message.zh.contains("应为 X"));
    let unnamed = check_with(&bytes, &nanjing, None);
    assert_eq!(verdict(&unnamed, RuleId::FileName), (Verdict::NotMeasured, "no_file_name"));
}

#[test]
fn xinhua_files_must_be_named_by_a_four_digit_sequence() {
    let xinhua = Profile::builtin("xinhua-960").unwrap();
    let bytes = Jpeg::default().encode();
    let named = |name: &str| verdict(&check_with(&bytes, &xinhua, Some(name)), RuleId::FileName).0;
    assert_eq!(named("0001.jpg"), Verdict::Pass);
    assert_eq!(named("0000.jpg"), Verdict::Fail);
    assert_eq!(named("12345.jpg"), Verdict::Fail);
    let report = check_with(&bytes, &xinhua, Some("0001.jpg"));
    assert_eq!(verdict(&report, RuleId::FileSizePx), (Verdict::Fail, "wrong_size"));
    assert!(report.item(RuleId::FileSizePx).unwrap().message.en.contains("960 × 1280"));
}
