//! Autocrop on the real photographs of ../shared/photos: every photo with one whole face becomes a
//! file that passes every geometry and file rule, or is refused with the reason a student can act on.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use photogate::{
    autocrop, inspect, Autocrop, AutocropOptions, Fixed, Limits, Profile, RuleId, Verdict,
    DEFAULT_MAX_UPSCALE,
};

fn fix_bytes(
    bytes: &[u8],
    name: &str,
    profile: &Profile,
    background: &str,
    number: Option<&str>,
) -> Autocrop {
    let options = AutocropOptions {
        profile,
        file_name: Some(name),
        limits: &Limits::default(),
        models: models(),
        background: Some(background),
        name: number,
        max_upscale: DEFAULT_MAX_UPSCALE,
    };
    autocrop(bytes, &options).unwrap()
}

fn fix(relative: &str, background: &str) -> Autocrop {
    let bytes = std::fs::read(photo(relative)).unwrap();
    let name = relative.rsplit('/').next().unwrap();
    fix_bytes(&bytes, name, &Profile::chsi(), background, None)
}

/// Every measured geometry and file rule of the new file passes (`geom.shoulders_level` is a
/// self-check), and the file is what the standard asks: baseline JPEG, no EXIF, no ICC, 300 dpi in
/// JFIF, quality ≥ 60.
fn assert_compliant(fixed: &Fixed, what: &str) {
    for item in &fixed.report.items {
        let id = item.rule.as_str();
        if (id.starts_with("geom.") || id.starts_with("file.")) && item.reason.as_str() != "needs_review" {
            assert_eq!(item.verdict, Verdict::Pass, "{what}: {id} {:?} {}", item.value, item.message.en);
        }
    }
    let info = inspect(&fixed.jpeg, &Limits::default()).unwrap();
    let jpeg = info.jpeg.as_ref().unwrap();
    assert!(jpeg.exif.is_none() && jpeg.icc.is_none() && jpeg.comments == 0, "{what}: metadata");
    assert_eq!(jpeg.process, photogate::jpeg::Process::Baseline, "{what}");
    assert_eq!(jpeg.scans, 1, "{what}");
    assert_eq!(jpeg.trailing_bytes, 0, "{what}");
    let jfif = jpeg.jfif.as_ref().unwrap();
    assert_eq!(
        (jfif.unit, jfif.x_density, jfif.y_density),
        (photogate::jpeg::DensityUnit::PerInch, 300, 300),
        "{what}"
    );
    assert!(fixed.quality >= 60 && jpeg.quality.unwrap().quality == fixed.quality, "{what}");
    assert_eq!(fixed.size_bytes, fixed.jpeg.len());
}

/// Runs a folder: every photo is fixed and compliant, or refused with exactly the expected reason.
fn run_folder(folder: &str, background: &str, refused: &[(&str, &str)]) -> usize {
    let mut fixed_count = 0;
    for relative in photos_in(folder) {
        let name = relative.rsplit('/').next().unwrap().to_string();
        let expected = refused.iter().find(|(n, _)| *n == name).map(|(_, r)| *r);
        match (fix(&relative, background), expected) {
            (Autocrop::Fixed { fixed, .. }, None) => {
                assert_compliant(&fixed, &relative);
                fixed_count += 1;
            }
            (Autocrop::Refused { refusal, .. }, Some(reason)) => {
                assert_eq!(refusal.reason.code(), reason, "{relative}");
                assert!(!refusal.message.zh.is_empty() && !refusal.advice.en.is_empty());
            }
            (Autocrop::Fixed { .. }, Some(reason)) => panic!("{relative}: fixed, expected refusal {reason}"),
            (Autocrop::Refused { refusal, .. }, None) => {
                panic!("{relative}: refused {} ({})", refusal.reason.code(), refusal.message.en)
            }
        }
    }
    fixed_count
}

#[test]
fn id_photos_are_fixed_unless_cut_off_or_tilted() {
    // Tight ID crops leave too little room above the head to keep their background, so `auto`
    // puts in the profile colour nearest to theirs.
    let refused = [
        ("df_img11_jolie.jpg", "head_tilted"),
        ("df_img35_dicaprio.jpg", "face_cut_off"),
        // 194×260: the face would have to be enlarged about 2.5×.
        ("dfd_test5_red_costume.jpg", "face_too_small"),
        ("eg_source2_white.png", "face_cut_off"),
        ("fp_paul_rudd.jpg", "face_cut_off"),
        ("of_lennon2.jpg", "face_cut_off"),
    ];
    assert_eq!(run_folder("idphoto", "auto", &refused), 14);
    // Long hair that runs into both side edges and the bottom edge: filled, it makes the new
    // background uneven.
    let refused = [("idpass_sample_id_2.png", "background_not_separated")];
    assert_eq!(run_folder("synthetic_idphoto", "auto", &refused), 3);
}

#[test]
fn casual_photos_get_the_blue_background() {
    let refused = [
        ("df_img53_aniston.jpg", "face_cut_off"),
        ("fa_happy.jpg", "face_cut_off"),
        ("if_rdj_d1.jpg", "face_cut_off"),
        ("sn_woman_portrait.jpg", "face_cut_off"),
        ("fr_biden_fullbody.jpg", "head_tilted"),
        ("if_image_T1_480x640.jpg", "head_tilted"),
        ("if_woman_search.jpg", "head_tilted"),
        ("of_adams.jpg", "head_tilted"),
        ("sk_astronaut.png", "face_too_small"),
        ("dl_tom_cruise.jpg", "head_tilted"),
        ("fp_shea_whigham.jpg", "background_not_separated"),
    ];
    assert_eq!(run_folder("casual", "blue", &refused), 11);
}

#[test]
fn a_kept_background_stays_and_the_crop_stays_inside_the_photo() {
    let Autocrop::Fixed { fixed, .. } = fix("idphoto/hv_test0_musk.jpg", "keep") else { panic!("refused") };
    assert_compliant(&fixed, "hv_test0_musk keep");
    assert_eq!(fixed.background, "keep");
    assert!(!fixed.extended);
    let c = fixed.crop;
    assert!(c.x >= -0.5 && c.y >= -0.5 && c.x + c.width <= 576.5 && c.y + c.height <= 768.5, "{c:?}");
    // Head top and eyes near the middle of 60–110 and 200–300.
    let head = number(&fixed.report, RuleId::GeomHeadTop);
    let eyes = number(&fixed.report, RuleId::GeomEyeY);
    assert!((65.0..=105.0).contains(&head) && (210.0..=290.0).contains(&eyes), "{head} {eyes}");
    // A tight ID photo with its own background cannot get room above the head.
    let Autocrop::Refused { refusal, before } = fix("idphoto/df_img13_zuckerberg.jpg", "keep") else {
        panic!("fixed")
    };
    assert_eq!(refusal.reason.code(), "head_too_close_to_top");
    assert!(refusal.message.zh.contains("头部太靠近照片上边缘"));
    assert_eq!(before.verdict, photogate::Overall::Fail);
}

#[test]
fn the_new_background_is_the_reference_colour() {
    for (background, rgb) in [("blue", [100.0, 197.0, 255.0]), ("white", [255.0; 3]), ("grey", [240.0; 3])] {
        let Autocrop::Fixed { fixed, .. } = fix("casual/of_carell.jpg", background) else {
            panic!("refused")
        };
        assert_compliant(&fixed, background);
        assert_eq!(fixed.background, background);
        assert_eq!(verdict(&fixed.report, RuleId::BgUniform).0, Verdict::Pass);
        assert_eq!(verdict(&fixed.report, RuleId::BgColor).0, Verdict::Pass);
        // The pixels of the top corners are the colour itself (JPEG rounding aside).
        let img = image::load_from_memory(&fixed.jpeg).unwrap().to_rgb8();
        for (x, y) in [(5, 5), (474, 5)] {
            let p = img.get_pixel(x, y).0;
            for c in 0..3 {
                assert!((f64::from(p[c]) - rgb[c]).abs() <= 4.0, "{background} at ({x},{y}): {p:?}");
            }
        }
    }
}

#[test]
fn xinhua_960_gives_large_files_named_by_sequence() {
    let bytes = std::fs::read(photo("casual/fp_kate_siegel.jpg")).unwrap();
    let profile = Profile::builtin("xinhua-960").unwrap();
    let Autocrop::Fixed { fixed, .. } = fix_bytes(&bytes, "IMG_1.jpg", &profile, "blue", Some("0001")) else {
        panic!("refused")
    };
    assert_compliant(&fixed, "xinhua-960");
    assert_eq!(fixed.file_name, "0001.jpg");
    let kb = fixed.size_bytes as f64 / 1024.0;
    assert!((550.0..=650.0).contains(&kb), "{kb} KB");
    let info = inspect(&fixed.jpeg, &Limits::default()).unwrap();
    assert_eq!((info.width_px, info.height_px), (Some(960), Some(1280)));
    assert!(info.jpeg.unwrap().icc.is_none());
}

#[test]
fn photos_that_cannot_be_fixed_say_why() {
    for relative in photos_in("hard").into_iter().filter(|p| p.contains("two_faces_")) {
        let result = fix(&relative, "blue");
        assert_eq!(result.refusal().map(|r| r.reason.code()), Some("several_faces"), "{relative}");
    }
    for relative in photos_in("noface") {
        assert_eq!(fix(&relative, "blue").refusal().map(|r| r.reason.code()), Some("no_face"), "{relative}");
    }
    // The baby's eyes are measured as open (see tests/analysis.rs); the two adults' are closed.
    for relative in ["hard/closed_eyes_fa_disgusted.jpg", "hard/closed_eyes_if_close_eyes.jpg"] {
        assert_eq!(
            fix(relative, "blue").refusal().map(|r| r.reason.code()),
            Some("eyes_closed"),
            "{relative}"
        );
    }
}

#[test]
fn red_eyes_masked_faces_and_dark_lenses_are_refused_with_their_reason() {
    for relative in photos_in("hard").into_iter().filter(|p| p.contains("/red_eye_")) {
        let refusal = fix(&relative, "blue").refusal().cloned();
        let refusal = refusal.unwrap_or_else(|| panic!("{relative} was fixed"));
        assert_eq!(refusal.reason.code(), "red_eye", "{relative}");
        assert!(refusal.message.zh.contains("红眼") && refusal.advice.en.contains("flash"), "{relative}");
    }
    for relative in ["hard/mask_az_demo2.jpg", "hard/mask_lu_medical_mask_face.jpg"] {
        let refusal = fix(relative, "blue").refusal().cloned();
        let refusal = refusal.unwrap_or_else(|| panic!("{relative} was fixed"));
        assert_eq!(refusal.reason.code(), "face_covered", "{relative}");
        assert!(refusal.message.zh.contains("遮挡") && refusal.advice.en.contains("mask"), "{relative}");
    }
    for relative in photos_in("hard").into_iter().filter(|p| p.contains("/tinted_glasses_")) {
        let refusal = fix(&relative, "blue").refusal().cloned();
        let refusal = refusal.unwrap_or_else(|| panic!("{relative} was fixed"));
        assert_eq!(refusal.reason.code(), "tinted_glasses", "{relative}");
        assert!(
            refusal.message.zh.contains("镜片") && refusal.advice.en.contains("sunglasses"),
            "{relative}"
        );
    }
}

#[test]
fn exif_orientation_is_applied_before_cropping() {
    // The same photo stored sideways with EXIF orientation 6 (rotate 90° clockwise to show).
    let upright = image::open(photo("casual/of_carell.jpg")).unwrap().to_rgb8();
    let sideways = image::imageops::rotate270(&upright);
    let mut bytes = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut bytes, 95);
    encoder.add_app_segment(1, exif_app1(6, 72, 2)).unwrap();
    encoder
        .encode(
            sideways.as_raw(),
            sideways.width() as u16,
            sideways.height() as u16,
            jpeg_encoder::ColorType::Rgb,
        )
        .unwrap();
    let turned = fix_bytes(&bytes, "turned.jpg", &Profile::chsi(), "blue", None);
    let straight = fix("casual/of_carell.jpg", "blue");
    let (Some(a), Some(b)) = (turned.fixed(), straight.fixed()) else { panic!("refused") };
    assert_compliant(a, "turned");
    for (x, y) in [(a.crop.x, b.crop.x), (a.crop.y, b.crop.y), (a.crop.width, b.crop.width)] {
        assert!((x - y).abs() < 6.0, "{:?} vs {:?}", a.crop, b.crop);
    }
}

#[test]
fn options_that_do_not_fit_the_profile_are_errors() {
    let bytes = std::fs::read(photo("casual/of_carell.jpg")).unwrap();
    let limits = Limits::default();
    let options = |profile, background, name| AutocropOptions {
        profile,
        file_name: None,
        limits: &limits,
        models: models(),
        background,
        name,
        max_upscale: DEFAULT_MAX_UPSCALE,
    };
    let chsi = Profile::chsi();
    let err = autocrop(&bytes, &options(&chsi, Some("pink"), None)).unwrap_err();
    assert_eq!(err.code(), "invalid_options");
    let nanjing = Profile::builtin("chsi-nanjing").unwrap();
    let err = autocrop(&bytes, &options(&nanjing, None, Some("110105194912310021"))).unwrap_err();
    assert!(err.message().contains("check digit"), "{err}");
    assert_eq!(autocrop(b"nope", &options(&chsi, None, None)).unwrap_err().code(), "unknown_format");
}

#[test]
fn the_same_photo_gives_the_same_bytes_every_time() {
    // Run to run in one process, a GPS-tagged phone photo: the same file, and the EXIF is gone.
    let bytes = std::fs::read(photo("casual/of_carell.jpg")).unwrap();
    let tagged = with_segment_after_soi(&bytes, 0xE1, &gps_exif());
    let runs: Vec<Vec<u8>> = (0..3)
        .map(|_| match fix_bytes(&tagged, "gps.jpg", &Profile::chsi(), "blue", None) {
            Autocrop::Fixed { fixed, .. } => fixed.jpeg,
            other => panic!("not fixed: {}", other.to_json()),
        })
        .collect();
    assert!(runs[0] == runs[1] && runs[1] == runs[2], "autocrop made different files from the same bytes");
    let out = &runs[0];
    assert!(!out.windows(5).any(|w| w == b"Exif\0"), "EXIF survived");
    assert!(!out.windows(18).any(|w| w == b"PhotogateTestPhone"), "the camera's name survived");
}
