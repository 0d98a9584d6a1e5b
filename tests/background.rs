//! Background rules on fixtures made from real photos: the person kept (by our own mask), the
//! background replaced by each reference colour, a gradient, and a saturated blue.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use image::RgbImage;
use photogate::{decode, inspect, Analysis, Limits, Point, RuleId, Verdict};

/// The photo with its background replaced: `paint(x, y)` gives the new background colour.
fn replace_background(relative: &str, paint: impl Fn(u32, u32, u32, u32) -> [u8; 3]) -> Vec<u8> {
    let bytes = std::fs::read(photo(relative)).unwrap();
    let inspection = inspect(&bytes, &Limits::default()).unwrap();
    let decoded = decode(&bytes, &inspection, &Limits::default()).unwrap();
    let analysis = Analysis::analyze(decoded.clone(), Some(models())).unwrap();
    let src = decoded.rgb();
    let (w, h) = src.dimensions();
    let out = RgbImage::from_fn(w, h, |x, y| {
        let alpha = analysis.person_at(Point::new(x as f32 + 0.5, y as f32 + 0.5)).unwrap();
        let bg = paint(x, y, w, h);
        let p = src.get_pixel(x, y).0;
        image::Rgb(
            [0, 1, 2].map(|c| (alpha * f32::from(p[c]) + (1.0 - alpha) * f32::from(bg[c])).round() as u8),
        )
    });
    let mut png = std::io::Cursor::new(Vec::new());
    out.write_to(&mut png, image::ImageFormat::Png).unwrap();
    png.into_inner()
}

const PHOTO: &str = "casual/df_img29_damon.jpg";

#[test]
fn each_reference_colour_passes_and_is_named() {
    let source = analyse_photo(PHOTO);
    assert_eq!(
        verdict(&source, RuleId::BgColor).0,
        Verdict::Fail,
        "the source background is not a reference colour"
    );
    for (rgb, zh) in [([100, 197, 255], "浅蓝色"), ([255, 255, 255], "白色"), ([240, 240, 240], "浅灰色")]
    {
        let report = analyse(&replace_background(PHOTO, |_, _, _, _| rgb), None);
        assert_eq!(verdict(&report, RuleId::BgColor), (Verdict::Pass, "in_range"), "{rgb:?}");
        assert_eq!(verdict(&report, RuleId::BgUniform), (Verdict::Pass, "in_range"), "{rgb:?}");
        assert!(report.item(RuleId::BgColor).unwrap().message.zh.contains(zh), "{rgb:?}");
        assert!(number(&report, RuleId::BgColor) < 3.0, "{rgb:?}");
    }
}

#[test]
fn a_gradient_fails_uniformity() {
    // The standard blue, falling off to 65 % brightness towards the right: light from one side.
    let gradient = replace_background(PHOTO, |x, _, w, _| {
        let k = 1.0 - 0.35 * x as f32 / w as f32;
        [100.0 * k, 197.0 * k, 255.0 * k].map(|c| c as u8)
    });
    let report = analyse(&gradient, None);
    assert_eq!(
        verdict(&report, RuleId::BgUniform),
        (Verdict::Fail, "above_max"),
        "{}",
        number(&report, RuleId::BgUniform)
    );
}

#[test]
fn a_saturated_blue_fails_the_colour() {
    let report = analyse(&replace_background(PHOTO, |_, _, _, _| [0, 60, 200]), None);
    assert_eq!(verdict(&report, RuleId::BgColor), (Verdict::Fail, "off_color"));
    assert!(report.item(RuleId::BgColor).unwrap().advice.is_some());
}
