//! Every real photograph in ../shared/photos gives a report, and none is 480×640.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::path::PathBuf;

use common::*;
use photogate::{Format, RuleId, Verdict};

fn all_photos() -> Vec<PathBuf> {
    let root = shared_dir().join("photos");
    let mut files = Vec::new();
    let mut dirs = vec![root.clone()];
    while let Some(dir) = dirs.pop() {
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| {
            panic!(
                "cannot read {}: {e}; the tests need ../shared/photos (or PHOTOGATE_SHARED)",
                dir.display()
            )
        });
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e != "tsv" && e != "md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_shared_photo_gives_a_report_in_which_the_pixel_size_fails() {
    let photos = all_photos();
    assert!(photos.len() >= 80, "expected the ~83 shared photos, found {}", photos.len());
    for path in &photos {
        let bytes = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let report = check_chsi(&bytes, Some(&name));
        let (size, reason) = verdict(&report, RuleId::FileSizePx);
        assert_eq!((size, reason), (Verdict::Fail, "wrong_size"), "{}", path.display());
        assert_eq!(report.verdict, photogate::Overall::Fail, "{}", path.display());
        let format = verdict(&report, RuleId::FileFormat).0;
        match report.file.inspection.format {
            Format::Jpeg => assert_eq!(format, Verdict::Pass, "{}", path.display()),
            _ => assert_eq!(format, Verdict::Fail, "{}", path.display()),
        }
        for item in &report.items {
            assert!(!item.message.zh.is_empty() && !item.message.en.is_empty());
        }
    }
}

#[test]
fn the_photo_already_at_640x480_fails_because_it_is_landscape() {
    let report = check_chsi(&std::fs::read(photo("casual/if_image_T1_480x640.jpg")).unwrap(), None);
    let item = report.item(RuleId::FileSizePx).unwrap();
    assert_eq!(item.value, Some(photogate::Value::Text("640×480".into())));
    assert_eq!(item.verdict, Verdict::Fail);
}

#[test]
fn jpeg_photos_report_their_quality_and_the_grayscale_one_fails_colour() {
    let grey = check_chsi(&std::fs::read(photo("hard/grayscale_if_rdj_d4.jpg")).unwrap(), None);
    // A black-and-white picture stored as colour JPEG: the file rules cannot see it; image.* will.
    assert_eq!(verdict(&grey, RuleId::FileBitDepth).0, Verdict::Pass);
    let jolie = check_chsi(&std::fs::read(photo("idphoto/df_img11_jolie.jpg")).unwrap(), None);
    let jpeg = jolie.file.inspection.jpeg.as_ref().unwrap();
    assert_eq!(jpeg.quality.unwrap().quality, 87);
    assert_eq!(verdict(&jolie, RuleId::FileKb), (Verdict::Fail, "above_max"));
}
