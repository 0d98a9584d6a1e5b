//! The `photogate` command line, driven as staff would use it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::process::Command;

use common::*;

fn photogate(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_photogate")).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("photogate-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn checking_a_failing_photo_prints_a_table_and_exits_1() {
    let path = photo("idphoto/df_img11_jolie.jpg");
    let (code, out, _) = photogate(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(out.contains("FAIL  file.size_px"), "{out}");
    assert!(out.contains("超过 40 KB 上限"), "{out}");
    let (_, english, _) = photogate(&["check", "--en", path.to_str().unwrap()]);
    assert!(english.contains("above the 40 KB limit"), "{english}");
}

#[test]
fn json_output_is_one_report_per_line_for_a_folder() {
    let dir = scratch("folder");
    std::fs::write(dir.join("good.jpg"), Jpeg::default().encode()).unwrap();
    std::fs::copy(photo("idphoto/fa_angry.jpg"), dir.join("small.jpg")).unwrap();
    std::fs::write(dir.join("notes.txt"), "not read: not an image extension").unwrap();
    let (code, out, _) = photogate(&["check", "--json", dir.to_str().unwrap()]);
    assert_eq!(code, 1);
    let lines: Vec<serde_json::Value> = out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["file"]["name"], "good.jpg");
    assert_eq!(lines[0]["schema_version"], 1);
    assert_eq!(lines[1]["file"]["name"], "small.jpg");
}

#[test]
fn a_photo_with_no_failing_rule_exits_0() {
    let dir = scratch("pass");
    let bytes = (60..=95u8)
        .rev()
        .map(|quality| Jpeg { quality, ..Jpeg::default() }.encode())
        .find(|b| (20_480..=40_960).contains(&b.len()))
        .unwrap();
    let path = dir.join("photo.jpg");
    std::fs::write(&path, bytes).unwrap();
    let (code, out, err) = photogate(&["check", "--file-only", path.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains(": INCOMPLETE (chsi)"), "{out}");
}

#[test]
fn with_the_models_the_content_rules_are_measured() {
    let models = shared_dir().join("models");
    let path = photo("hard/two_faces_of_longoria_cooper.jpg");
    let (code, out, _) =
        photogate(&["check", "--json", "--models", models.to_str().unwrap(), path.to_str().unwrap()]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let faces = report["items"].as_array().unwrap().iter().find(|i| i["rule"] == "geom.face_count").unwrap();
    assert_eq!((faces["value"].as_f64(), faces["reason"].as_str()), (Some(2.0), Some("several_faces")));
    assert_eq!(report["overlay"]["faces"].as_array().unwrap().len(), 2);
}

#[test]
fn a_missing_model_folder_says_how_to_get_the_models() {
    let path = photo("idphoto/fa_angry.jpg");
    let (code, _, err) = photogate(&["check", "--models", "/no/models", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("--models") && err.contains("fetch-models") && err.contains("--file-only"), "{err}");
}

#[test]
fn an_unreadable_file_is_reported_with_its_code_and_exits_2() {
    let dir = scratch("bad");
    let path = dir.join("broken.jpg");
    std::fs::write(&path, b"plain text").unwrap();
    let (code, out, err) = photogate(&["check", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("error [unknown_format]"), "{err}");
    let (_, json, _) = photogate(&["check", "--json", path.to_str().unwrap()]);
    let line: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert_eq!(line["error"]["code"], "unknown_format");
}

#[test]
fn an_unknown_profile_names_the_flag_and_the_choices() {
    let path = photo("idphoto/fa_angry.jpg");
    let (code, _, err) = photogate(&["check", "--profile", "gansu", path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("--profile gansu") && err.contains("chsi-nanjing"), "{err}");
}

#[test]
fn a_custom_profile_file_is_read_and_its_errors_name_the_field() {
    let dir = scratch("profile");
    let good = dir.join("school.json");
    std::fs::write(&good, r#"{"extends":"chsi","id":"school","rules":{"file.kb":{"min":1,"max":100}}}"#)
        .unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"extends":"chsi","id":"school","rules":{"file.kb":{"max":"big"}}}"#).unwrap();
    let path = photo("idphoto/df_img11_jolie.jpg");
    let (_, out, _) =
        photogate(&["check", "--json", "--profile", good.to_str().unwrap(), path.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    assert_eq!(report["profile"]["id"], "school");
    let kb = report["items"].as_array().unwrap().iter().find(|i| i["rule"] == "file.kb").unwrap();
    assert_eq!(kb["verdict"], "pass");
    let (code, _, err) = photogate(&["check", "--profile", bad.to_str().unwrap(), path.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("rules.file.kb.max"), "{err}");
}

#[test]
fn profiles_are_listed_and_printed() {
    let (code, out, _) = photogate(&["profiles"]);
    assert_eq!(code, 0);
    assert!(out.contains("xinhua-960") && out.contains("960×1280"), "{out}");
    let (_, json, _) = photogate(&["profiles", "chsi-nanjing"]);
    let profile: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(profile["rules"]["file.kb"]["min"], 30.0);
}

#[test]
fn a_missing_path_is_an_error_that_says_so() {
    let (code, _, err) = photogate(&["check", "/no/such/photo.jpg"]);
    assert_eq!(code, 2);
    assert!(err.contains("/no/such/photo.jpg") && err.contains("not a file or folder"), "{err}");
}

#[test]
fn fix_writes_compliant_files_and_says_why_not() {
    let out_dir = scratch("fix");
    let out = out_dir.to_str().unwrap();
    let carell = photo("casual/of_carell.jpg");
    let two = photo("hard/two_faces_fr_obama_and_biden.jpg");
    let (code, text, err) =
        photogate(&["fix", "-b", "blue", "-o", out, carell.to_str().unwrap(), two.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(text.contains("of_carell.jpg  ") && text.contains("通过"), "{text}");
    assert!(text.contains("[several_faces] 照片中有不止一个人"), "{text}");
    let written = std::fs::read(out_dir.join("of_carell.jpg")).unwrap();
    assert!((20 * 1024..=40 * 1024).contains(&written.len()), "{} bytes", written.len());
    assert!(!out_dir.join("two_faces_fr_obama_and_biden.jpg").exists());

    // JSON Lines: file and output first, then the result.
    let (code, json, _) = photogate(&["fix", "--json", "-b", "blue", "-o", out, carell.to_str().unwrap()]);
    assert_eq!(code, 0);
    let line: serde_json::Value = serde_json::from_str(json.trim()).unwrap();
    assert!(json.starts_with("{\"file\":"), "{json}");
    assert_eq!(line["status"], "fixed");
    assert_eq!(line["report"]["verdict"], "pass");
    assert!(line["output"].as_str().unwrap().ends_with("of_carell.jpg"));

    // --name follows the profile's naming rule, and needs exactly one photo.
    let (code, _, err) =
        photogate(&["fix", "-o", out, "--name", "0001", carell.to_str().unwrap(), two.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("--name names one file"), "{err}");
    let (code, _, err) = photogate(&[
        "fix",
        "-o",
        out,
        "-p",
        "chsi-nanjing",
        "--name",
        "110105194912310021",
        carell.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("check digit"), "{err}");
}

#[test]
fn fix_makes_the_same_bytes_in_every_process() {
    // Two processes (each with its own hash seeds, allocations and model loads) on the same photo,
    // with the background kept and with a new one: byte-identical files.
    for (relative, background) in [("idphoto/hv_test0_musk.jpg", "keep"), ("casual/of_carell.jpg", "blue")] {
        let path = photo(relative);
        let name = path.file_name().unwrap().to_owned();
        let files: Vec<Vec<u8>> = (0..2)
            .map(|run| {
                let out_dir = scratch(&format!("determinism-{background}-{run}"));
                let (code, _, err) = photogate(&[
                    "fix",
                    "-b",
                    background,
                    "-o",
                    out_dir.to_str().unwrap(),
                    path.to_str().unwrap(),
                ]);
                assert_eq!(code, 0, "{relative}: {err}");
                std::fs::read(out_dir.join(&name)).unwrap()
            })
            .collect();
        assert!(files[0].len() > 20 * 1024, "{relative}: {} bytes", files[0].len());
        assert!(files[0] == files[1], "{relative}: two runs made different files");
    }
}
