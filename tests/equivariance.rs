//! Geometry moves with the picture: crop and scale a real photo by known amounts and the eye line,
//! face width, head top and face centre move accordingly (within 3 px).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use common::*;
use image::imageops::{self, FilterType};
use image::RgbImage;
use photogate::Overlay;

fn png(img: &RgbImage) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

struct Geometry {
    eye_y: f64,
    face_width: f64,
    head_top: f64,
    center_x: f64,
}

fn geometry(overlay: &Overlay) -> Geometry {
    let [l, r] = overlay.pupils.unwrap();
    let [a, b] = overlay.cheeks.unwrap();
    Geometry {
        eye_y: (l[1] + r[1]) / 2.0,
        face_width: (b[0] - a[0]).hypot(b[1] - a[1]),
        head_top: overlay.head_top_y.unwrap(),
        center_x: overlay.face_center_x.unwrap(),
    }
}

#[test]
fn eye_line_face_width_head_top_and_centre_follow_a_crop_and_a_scale() {
    let original = image::open(photo("synthetic_idphoto/idpass_sample_id_2.png")).unwrap().to_rgb8();
    let (w, h) = original.dimensions();
    let base = geometry(analyse(&png(&original), None).overlay.as_ref().unwrap());

    // Crop (x0, y0, width, height) in original pixels, then scale by s.
    let cases = [(20u32, 12u32, w - 60, h - 40, 1.0f64), (0, 0, w, h, 0.6), (30, 20, w - 50, h - 30, 1.4)];
    for (x0, y0, cw, ch, s) in cases {
        let cropped = imageops::crop_imm(&original, x0, y0, cw, ch).to_image();
        let (nw, nh) = (((cw as f64) * s).round() as u32, ((ch as f64) * s).round() as u32);
        let sized = imageops::resize(&cropped, nw, nh, FilterType::Lanczos3);
        let moved = geometry(analyse(&png(&sized), None).overlay.as_ref().unwrap());
        let expect = |v: f64, offset: u32| (v - offset as f64) * s;
        let cases = [
            ("eye line", moved.eye_y, expect(base.eye_y, y0)),
            ("face width", moved.face_width, base.face_width * s),
            ("head top", moved.head_top, expect(base.head_top, y0)),
            ("face centre", moved.center_x, expect(base.center_x, x0)),
        ];
        for (what, got, want) in cases {
            assert!(
                (got - want).abs() <= 3.0,
                "crop {x0},{y0} {cw}×{ch} scale {s}: {what} {got:.1}, expected {want:.1}"
            );
        }
    }
}
