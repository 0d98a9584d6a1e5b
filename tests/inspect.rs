//! File rules on fixtures the tests encode themselves: quality, dpi, colour, coding, format.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use jpeg_encoder::{ColorType, PixelDensity, PixelDensityUnit};
use photogate::{inspect, Limits, Profile, RuleId, Value, Verdict};

#[test]
fn quality_estimate_is_within_2_of_the_encoding_quality_for_50_to_100() {
    let rgb = picture(240, 320);
    for quality in 50..=100u8 {
        let ours = Jpeg { width: 240, height: 320, quality, ..Jpeg::default() }.encode();
        let mut theirs = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut theirs, quality)
            .encode(&rgb, 240, 320, image::ExtendedColorType::Rgb8)
            .unwrap();
        for (encoder, bytes) in [("jpeg-encoder", &ours), ("image", &theirs)] {
            let jpeg = inspect(bytes, &Limits::default()).unwrap().jpeg.unwrap();
            let estimate = jpeg.quality.unwrap().quality;
            assert!(estimate.abs_diff(quality) <= 2, "{encoder} at quality {quality}: estimated {estimate}");
        }
    }
}

#[test]
fn the_quality_rule_fails_below_60_and_passes_from_60() {
    let low = check_chsi(&Jpeg { quality: 45, ..Jpeg::default() }.encode(), Some("a.jpg"));
    assert_eq!(verdict(&low, RuleId::FileQuality), (Verdict::Fail, "below_min"));
    let ok = check_chsi(&Jpeg { quality: 60, ..Jpeg::default() }.encode(), Some("a.jpg"));
    assert_eq!(verdict(&ok, RuleId::FileQuality), (Verdict::Pass, "in_range"));
    assert_eq!(ok.item(RuleId::FileQuality).unwrap().value, Some(Value::Number(60.0)));
}

#[test]
fn dpi_is_read_from_jfif_and_from_exif() {
    let jfif300 = check_chsi(&Jpeg::default().encode(), None);
    assert_eq!(verdict(&jfif300, RuleId::FileDpi), (Verdict::Pass, "in_range"));
    assert_eq!(jfif300.item(RuleId::FileDpi).unwrap().value, Some(Value::Number(300.0)));

    let jfif72 = check_chsi(&Jpeg { density: PixelDensity::dpi(72), ..Jpeg::default() }.encode(), None);
    assert_eq!(verdict(&jfif72, RuleId::FileDpi), (Verdict::Warn, "below_min"));

    let cm = check_chsi(
        &Jpeg {
            density: PixelDensity { density: (118, 118), unit: PixelDensityUnit::Centimeters },
            ..Jpeg::default()
        }
        .encode(),
        None,
    );
    assert_eq!(cm.item(RuleId::FileDpi).unwrap().value, Some(Value::Number(299.72)));

    let none = check_chsi(&Jpeg { density: PixelDensity::default(), ..Jpeg::default() }.encode(), None);
    assert_eq!(verdict(&none, RuleId::FileDpi), (Verdict::Warn, "not_recorded"));

    let exif = Jpeg {
        density: PixelDensity::default(),
        app_segments: vec![(1, exif_app1(1, 300, 2))],
        ..Jpeg::default()
    };
    let bytes = exif.encode();
    let inspection = inspect(&bytes, &Limits::default()).unwrap().jpeg.unwrap();
    assert_eq!(inspection.exif.unwrap().dpi, Some(300.0));
    assert_eq!(verdict(&check_chsi(&bytes, None), RuleId::FileDpi), (Verdict::Pass, "in_range"));

    // JFIF says 300 but EXIF says 72: both are recorded, so both must hold.
    let disagree = Jpeg { app_segments: vec![(1, exif_app1(1, 72, 2))], ..Jpeg::default() }.encode();
    assert_eq!(verdict(&check_chsi(&disagree, None), RuleId::FileDpi), (Verdict::Warn, "below_min"));
}

#[test]
fn a_well_made_480x640_file_passes_every_file_rule() {
    let bytes = (60..=95u8)
        .rev()
        .map(|quality| Jpeg { quality, ..Jpeg::default() }.encode())
        .find(|b| (20.0..=40.0).contains(&(b.len() as f64 / 1024.0)))
        .expect("some quality from 60 to 95 lands the fixture in 20–40 KB");
    let report = check_chsi(&bytes, Some("photo.JPG"));
    for item in report.items.iter().filter(|i| i.rule.is_file_rule()) {
        assert_eq!(item.verdict, Verdict::Pass, "{}: {}", item.rule.as_str(), item.message.en);
    }
    assert_eq!(report.verdict, photogate::Overall::Incomplete);
}

#[test]
fn cmyk_jpeg_fails_bit_depth_and_colour_space() {
    let bytes = Jpeg { color: ColorType::Cmyk, ..Jpeg::default() }.encode();
    let report = check_chsi(&bytes, Some("a.jpg"));
    assert_eq!(verdict(&report, RuleId::FileBitDepth), (Verdict::Fail, "cmyk"));
    assert_eq!(verdict(&report, RuleId::FileColorSpace), (Verdict::Fail, "cmyk"));
    assert_eq!(report.item(RuleId::FileBitDepth).unwrap().value, Some(Value::Number(32.0)));
    assert_eq!(verdict(&report, RuleId::FileSizePx), (Verdict::Pass, "ok"));
}

#[test]
fn grey_jpeg_fails_bit_depth_and_colour_space() {
    let bytes = Jpeg { color: ColorType::Luma, ..Jpeg::default() }.encode();
    let report = check_chsi(&bytes, Some("a.jpg"));
    assert_eq!(verdict(&report, RuleId::FileBitDepth), (Verdict::Fail, "grey"));
    assert_eq!(verdict(&report, RuleId::FileColorSpace), (Verdict::Fail, "grey"));
    assert_eq!(verdict(&report, RuleId::FileFormat), (Verdict::Pass, "ok"));
}

#[test]
fn progressive_jpeg_is_recognised_and_still_a_jpeg() {
    let bytes = Jpeg { progressive: true, quality: 75, ..Jpeg::default() }.encode();
    let jpeg = inspect(&bytes, &Limits::default()).unwrap().jpeg.unwrap();
    assert_eq!(jpeg.process, photogate::jpeg::Process::Progressive);
    assert!(jpeg.scans > 1, "progressive files have several scans, got {}", jpeg.scans);
    assert_eq!(jpeg.quality.unwrap().quality, 75);
    let report = check_chsi(&bytes, Some("a.jpg"));
    assert_eq!(verdict(&report, RuleId::FileFormat), (Verdict::Pass, "ok"));
    assert_eq!(verdict(&report, RuleId::FileBitDepth), (Verdict::Pass, "ok"));
}

#[test]
fn a_png_named_jpg_fails_the_format_rule_whatever_its_name() {
    let bytes = std::fs::read(photo("casual/fr_alex_lacamoire_png.png")).unwrap();
    let report = check_chsi(&bytes, Some("photo.jpg"));
    assert_eq!(verdict(&report, RuleId::FileFormat), (Verdict::Fail, "not_jpeg"));
    assert!(report.item(RuleId::FileFormat).unwrap().message.zh.contains("PNG"));
    for rule in [RuleId::FileBitDepth, RuleId::FileColorSpace, RuleId::FileQuality, RuleId::FileDpi] {
        assert_eq!(verdict(&report, rule), (Verdict::NotMeasured, "not_jpeg"), "{}", rule.as_str());
    }
    assert_eq!(verdict(&report, RuleId::FileSizePx), (Verdict::Fail, "wrong_size"));
}

#[test]
fn a_jpeg_with_the_wrong_extension_fails_with_advice_to_rename() {
    let report = check_chsi(&Jpeg::default().encode(), Some("photo.jpeg"));
    assert_eq!(verdict(&report, RuleId::FileFormat), (Verdict::Fail, "wrong_extension"));
    assert!(report.item(RuleId::FileFormat).unwrap().advice.as_ref().unwrap().en.contains(".jpg"));
}

#[test]
fn an_embedded_colour_profile_passes_chsi_and_fails_xinhua() {
    let bytes = Jpeg { app_segments: vec![(2, icc_app2(b"RGB "))], ..Jpeg::default() }.encode();
    let chsi = check_chsi(&bytes, None);
    assert_eq!(verdict(&chsi, RuleId::FileColorSpace), (Verdict::Pass, "ok"));
    let xinhua = check_with(&bytes, &Profile::builtin("xinhua-960").unwrap(), None);
    assert_eq!(verdict(&xinhua, RuleId::FileColorSpace), (Verdict::Fail, "embedded_profile"));
    let cmyk_profile = Jpeg { app_segments: vec![(2, icc_app2(b"CMYK"))], ..Jpeg::default() }.encode();
    assert_eq!(
        verdict(&check_chsi(&cmyk_profile, None), RuleId::FileColorSpace),
        (Verdict::Fail, "non_rgb_profile")
    );
}

#[test]
fn exif_orientation_is_read_and_the_picture_turned_upright() {
    let bytes = Jpeg { app_segments: vec![(1, exif_app1(6, 300, 2))], ..Jpeg::default() }.encode();
    let inspection = inspect(&bytes, &Limits::default()).unwrap();
    assert_eq!(inspection.jpeg.as_ref().unwrap().exif.unwrap().orientation, Some(6));
    let decoded = photogate::decode(&bytes, &inspection, &Limits::default()).unwrap();
    assert_eq!((decoded.width_px(), decoded.height_px()), (640, 480));
}

#[test]
fn file_size_is_measured_in_kb_of_1024_bytes() {
    let bytes = Jpeg { quality: 98, ..Jpeg::default() }.encode();
    let report = check_chsi(&bytes, None);
    let item = report.item(RuleId::FileKb).unwrap();
    let expected = (bytes.len() as f64 / 1024.0 * 1000.0).round() / 1000.0;
    assert_eq!(item.value, Some(Value::Number(expected)));
    assert_eq!(verdict(&report, RuleId::FileKb), (Verdict::Fail, "above_max"));
    assert!(item.message.zh.contains("超过 40 KB 上限"), "{}", item.message.zh);
}
