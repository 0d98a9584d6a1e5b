//! Hostile bytes: cut files, damaged files and limits give errors or reports, never panics.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use photogate::{check, inspect, CheckOptions, ErrorKind, Limits, Profile, RuleId, Verdict};

fn run(bytes: &[u8], limits: &Limits) -> Result<photogate::Report, photogate::Error> {
    let profile = Profile::chsi();
    check(bytes, &CheckOptions { profile: &profile, file_name: Some("x.jpg"), limits, models: None })
}

#[test]
fn every_prefix_of_a_jpeg_png_and_progressive_jpeg_is_handled_without_panic() {
    let small = |j: Jpeg| Jpeg { width: 64, height: 80, ..j }.encode();
    let fixtures = [
        small(Jpeg::default()),
        small(Jpeg { progressive: true, ..Jpeg::default() }),
        small(Jpeg {
            app_segments: vec![(1, exif_app1(6, 300, 2)), (2, icc_app2(b"RGB "))],
            ..Jpeg::default()
        }),
        std::fs::read(photo("hard/lowres_bf_1face_128.png")).unwrap(),
    ];
    for fixture in &fixtures {
        for len in (0..fixture.len()).step_by(7) {
            let result = run(&fixture[..len], &Limits::default());
            if let Err(e) = result {
                assert!(
                    matches!(
                        e.kind(),
                        ErrorKind::EmptyInput | ErrorKind::UnknownFormat | ErrorKind::MalformedImage
                    ),
                    "prefix {len}: unexpected {:?} {e}",
                    e.kind()
                );
            }
        }
    }
}

#[test]
fn a_jpeg_cut_inside_its_image_data_is_reported_as_not_decodable() {
    let full = Jpeg::default().encode();
    let cut = &full[..full.len() / 2];
    let report = run(cut, &Limits::default()).unwrap();
    assert!(report.file.inspection.jpeg.as_ref().unwrap().truncated);
    let format = report.item(RuleId::FileFormat).unwrap();
    // Decoders fill a cut scan with grey; either way the file is not a clean JPEG.
    if format.verdict == Verdict::Fail {
        assert_eq!(format.reason, "cannot_decode");
    }
}

#[test]
fn flipped_bytes_in_every_header_position_never_panic() {
    let base =
        Jpeg { width: 32, height: 40, app_segments: vec![(1, exif_app1(3, 300, 2))], ..Jpeg::default() }
            .encode();
    let header_len = base.len().min(700);
    for i in 2..header_len {
        for value in [0x00, 0xFF, base[i] ^ 0x5A] {
            let mut bytes = base.clone();
            bytes[i] = value;
            let _ = run(&bytes, &Limits::default());
        }
    }
}

#[test]
fn damaged_structures_are_malformed_image_errors() {
    let cases: [&[u8]; 5] = [
        &[0xFF, 0xD8, 0xFF, 0xD9],                         // no frame header
        &[0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x05, 8, 0, 0],    // SOF too short
        &[0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x04, 0x20, 0x01], // DQT precision 2
        &[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01],             // length 1
        &[0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 8, 0, 0, 0, 1, 1, 1, 0x11, 0, 0xFF, 0xD9], // zero height
    ];
    for bytes in cases {
        let e = run(bytes, &Limits::default()).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::MalformedImage, "{bytes:02X?}: {e}");
    }
    assert_eq!(run(b"", &Limits::default()).unwrap_err().code(), "empty_input");
    assert_eq!(run(b"GIF", &Limits::default()).unwrap_err().code(), "unknown_format");
}

#[test]
fn heif_files_are_recognised_and_reported_as_not_jpeg() {
    let mut heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec();
    heic.extend([0u8; 64]);
    let report = run(&heic, &Limits::default()).unwrap();
    assert_eq!(report.file.inspection.format, photogate::Format::Heif);
    assert_eq!(verdict(&report, RuleId::FileFormat), (Verdict::Fail, "not_jpeg"));
    assert_eq!(verdict(&report, RuleId::FileSizePx).0, Verdict::NotMeasured);
}

#[test]
fn each_limit_refuses_when_too_small_and_the_defaults_admit_a_photo() {
    let bytes = std::fs::read(photo("idphoto/df_img11_jolie.jpg")).unwrap();
    assert!(run(&bytes, &Limits::default()).is_ok());
    assert!(run(&bytes, &Limits::no_limits()).is_ok());
    let mut cases: Vec<(&str, Limits)> = Vec::new();
    let mut l = Limits::default();
    l.max_input_bytes = 1000;
    cases.push(("max_input_bytes", l));
    let mut l = Limits::default();
    l.max_width_px = 599;
    cases.push(("max_width_px", l));
    let mut l = Limits::default();
    l.max_height_px = 799;
    cases.push(("max_height_px", l));
    let mut l = Limits::default();
    l.max_pixels = 600 * 800 - 1;
    cases.push(("max_pixels", l));
    let mut l = Limits::default();
    l.max_alloc_bytes = 600 * 800;
    cases.push(("max_alloc_bytes", l));
    let mut l = Limits::default();
    l.max_jpeg_segments = 2;
    cases.push(("max_jpeg_segments", l));
    for (name, limits) in cases {
        let e = run(&bytes, &limits).unwrap_err();
        assert_eq!(e.code(), "limit_exceeded", "{name}: {e}");
    }
    let progressive = Jpeg { progressive: true, ..Jpeg::default() }.encode();
    let mut l = Limits::default();
    l.max_jpeg_scans = 2;
    assert_eq!(inspect(&progressive, &l).unwrap_err().code(), "limit_exceeded");
}

#[test]
fn a_decompression_bomb_header_is_refused_before_decoding() {
    // A valid SOF claiming 65 535 × 65 535 pixels followed by almost nothing.
    let mut bytes = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 8, 0xFF, 0xFF, 0xFF, 0xFF, 3];
    bytes.extend([1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
    bytes.extend([0xFF, 0xD9]);
    assert_eq!(run(&bytes, &Limits::default()).unwrap_err().code(), "limit_exceeded");
}
