//! Makes the seed corpora of the fuzz targets into `fuzz/seeds/<target>/` (or the folder given):
//! small files of every kind photogate reads, made here by encoders, plus a few real faces from
//! `../shared/photos` re-encoded small so that `check` and `autocrop` reach the face models at once.
//!
//!     cargo run --manifest-path fuzz/seedgen/Cargo.toml [OUT]

use std::path::{Path, PathBuf};

use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, RgbImage};
use jpeg_encoder::{ColorType, Encoder, PixelDensity, PixelDensityUnit, SamplingFactor};

/// A smooth picture with a bright oval and fine texture, so that every block has some detail.
fn picture(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
        let (dx, dy) = ((fx - 0.5) / 0.22, (fy - 0.42) / 0.3);
        let texture = (((x * 7919 + y * 104_729) % 31) as f32) - 15.0;
        let base = if dx * dx + dy * dy < 1.0 { [220.0, 180.0, 150.0] } else { [100.0, 197.0, 255.0] };
        image::Rgb(base.map(|c: f32| (c - 40.0 * fy + texture * 0.6).clamp(0.0, 255.0) as u8))
    })
}

/// A seed: its file name and bytes.
type Seed = (String, Vec<u8>);

struct Variant {
    quality: u8,
    progressive: bool,
    sampling: SamplingFactor,
    density: PixelDensity,
    restart: Option<u16>,
    color: ColorType,
    app_segments: Vec<(u8, Vec<u8>)>,
}

impl Default for Variant {
    fn default() -> Self {
        Variant {
            quality: 75,
            progressive: false,
            sampling: SamplingFactor::F_2_2,
            density: PixelDensity::dpi(300),
            restart: None,
            color: ColorType::Rgb,
            app_segments: Vec::new(),
        }
    }
}

fn jpeg(img: &RgbImage, v: &Variant) -> Vec<u8> {
    let pixels: Vec<u8> = match v.color {
        ColorType::Luma => img.pixels().map(|p| p[1]).collect(),
        ColorType::Cmyk => img.pixels().flat_map(|p| [255 - p[0], 255 - p[1], 255 - p[2], 0]).collect(),
        _ => img.as_raw().clone(),
    };
    let mut out = Vec::new();
    let mut encoder = Encoder::new(&mut out, v.quality);
    encoder.set_density(v.density);
    encoder.set_progressive(v.progressive);
    encoder.set_sampling_factor(v.sampling);
    if let Some(r) = v.restart {
        encoder.set_restart_interval(r);
    }
    for (nr, data) in &v.app_segments {
        encoder.add_app_segment(*nr, data.clone()).expect("app segment");
    }
    let (w, h) = (img.width() as u16, img.height() as u16);
    encoder.encode(&pixels, w, h, v.color).expect("jpeg");
    out
}

fn other(img: &RgbImage, format: ImageFormat) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    DynamicImage::ImageRgb8(img.clone()).write_to(&mut out, format).expect("encode");
    out.into_inner()
}

/// EXIF (big- or little-endian) with X/YResolution, Orientation, ResolutionUnit and a GPS IFD.
fn exif(orientation: u16, big_endian: bool) -> Vec<u8> {
    let u16b = |v: u16| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
    let u32b = |v: u32| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
    // A SHORT value sits left-justified in the 4-byte value field, in either byte order.
    let short = |v: u16| {
        let b = u16b(v);
        [b[0], b[1], 0, 0]
    };
    let entry = |t: &mut Vec<u8>, tag: u16, typ: u16, count: u32, value: [u8; 4]| {
        t.extend(u16b(tag));
        t.extend(u16b(typ));
        t.extend(u32b(count));
        t.extend(value);
    };
    let mut t: Vec<u8> = if big_endian { b"MM\0\x2A".to_vec() } else { b"II\x2A\0".to_vec() };
    t.extend(u32b(8));
    // IFD0 at 8: 5 entries and the next-IFD offset; then the two rationals and the GPS IFD.
    let ifd0_end = 8 + 2 + 5 * 12 + 4;
    let (xres, yres, gps) = (ifd0_end, ifd0_end + 8, ifd0_end + 16);
    t.extend(u16b(5));
    entry(&mut t, 0x011A, 5, 1, u32b(xres));
    entry(&mut t, 0x011B, 5, 1, u32b(yres));
    entry(&mut t, 0x0112, 3, 1, short(orientation));
    entry(&mut t, 0x0128, 3, 1, short(2));
    entry(&mut t, 0x8825, 4, 1, u32b(gps));
    t.extend(u32b(0));
    for _ in 0..2 {
        t.extend(u32b(300));
        t.extend(u32b(1));
    }
    // GPS IFD: latitude ref 'N' and latitude 39° 54' 20".
    let lat = gps + 2 + 2 * 12 + 4;
    t.extend(u16b(2));
    entry(&mut t, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, 5, 3, u32b(lat));
    t.extend(u32b(0));
    for (n, d) in [(39, 1), (54, 1), (20, 1)] {
        t.extend(u32b(n));
        t.extend(u32b(d));
    }
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend(t);
    app1
}

/// An ICC profile chunk (APP2) whose header names the colour space.
fn icc(space: &[u8; 4]) -> Vec<u8> {
    let mut payload = b"ICC_PROFILE\0\x01\x01".to_vec();
    let mut header = vec![0u8; 128];
    header[0..4].copy_from_slice(&128u32.to_be_bytes());
    header[12..16].copy_from_slice(b"mntr");
    header[16..20].copy_from_slice(space);
    header[36..40].copy_from_slice(b"acsp");
    payload.extend(header);
    payload
}

/// Inserts a segment (marker, payload) right after SOI.
fn with_segment(jpeg: &[u8], marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, marker]);
    out.extend(((payload.len() + 2) as u16).to_be_bytes());
    out.extend(payload);
    out.extend(&jpeg[2..]);
    out
}

/// The synthetic files: every format, colour type, sampling, density and segment photogate reads.
fn synthetic() -> Vec<Seed> {
    let small = picture(48, 64);
    let wide = picture(96, 64);
    let v = Variant::default;
    let per_cm = PixelDensity { density: (118, 118), unit: PixelDensityUnit::Centimeters };
    let mut seeds: Vec<Seed> = vec![
        ("baseline_q75.jpg".into(), jpeg(&small, &v())),
        (
            "baseline_q95_444.jpg".into(),
            jpeg(&small, &Variant { quality: 95, sampling: SamplingFactor::F_1_1, ..v() }),
        ),
        (
            "baseline_q30_422.jpg".into(),
            jpeg(&wide, &Variant { quality: 30, sampling: SamplingFactor::F_2_1, ..v() }),
        ),
        ("progressive.jpg".into(), jpeg(&small, &Variant { progressive: true, ..v() })),
        ("restart.jpg".into(), jpeg(&small, &Variant { restart: Some(2), ..v() })),
        ("grey.jpg".into(), jpeg(&small, &Variant { color: ColorType::Luma, ..v() })),
        ("cmyk.jpg".into(), jpeg(&small, &Variant { color: ColorType::Cmyk, ..v() })),
        ("dpi72.jpg".into(), jpeg(&small, &Variant { density: PixelDensity::dpi(72), ..v() })),
        ("dots_per_cm.jpg".into(), jpeg(&small, &Variant { density: per_cm, ..v() })),
        ("no_density.jpg".into(), jpeg(&small, &Variant { density: PixelDensity::default(), ..v() })),
        (
            "exif_le_rot6.jpg".into(),
            jpeg(&small, &Variant { app_segments: vec![(1, exif(6, false))], ..v() }),
        ),
        ("exif_be_rot3.jpg".into(), jpeg(&wide, &Variant { app_segments: vec![(1, exif(3, true))], ..v() })),
        ("icc_rgb.jpg".into(), jpeg(&small, &Variant { app_segments: vec![(2, icc(b"RGB "))], ..v() })),
        ("icc_cmyk.jpg".into(), jpeg(&small, &Variant { app_segments: vec![(2, icc(b"CMYK"))], ..v() })),
        ("png.png".into(), other(&small, ImageFormat::Png)),
        ("gif.gif".into(), other(&small, ImageFormat::Gif)),
        ("bmp.bmp".into(), other(&small, ImageFormat::Bmp)),
        ("webp.webp".into(), other(&small, ImageFormat::WebP)),
        ("tiny_1x1.jpg".into(), jpeg(&picture(1, 1), &v())),
    ];
    let base = jpeg(&small, &v());
    seeds.push(("comment.jpg".into(), with_segment(&base, 0xFE, b"made by photogate's seed generator")));
    seeds.push(("adobe_app14.jpg".into(), with_segment(&base, 0xEE, b"Adobe\0\x64\0\0\0\0\x01")));
    seeds.push(("truncated.jpg".into(), base[..base.len() / 2].to_vec()));
    seeds.push(("no_eoi.jpg".into(), base[..base.len() - 2].to_vec()));
    seeds
}

/// Real faces from ../shared/photos (when there), re-encoded at the given width as small JPEGs.
fn faces(shared: &Path, names: &[&str], width: u32, quality: u8) -> Vec<Seed> {
    let mut seeds = Vec::new();
    for name in names {
        let path = shared.join("photos").join(name);
        let Ok(img) = image::open(&path) else {
            eprintln!("skipping {} (not readable)", path.display());
            continue;
        };
        let img = img.to_rgb8();
        let height = (u64::from(img.height()) * u64::from(width) / u64::from(img.width())) as u32;
        let small = image::imageops::resize(&img, width, height, FilterType::Triangle);
        let stem = Path::new(name).file_stem().and_then(|s| s.to_str()).unwrap_or("face");
        seeds.push((
            format!("face_{stem}_{width}.jpg"),
            jpeg(&small, &Variant { quality, ..Variant::default() }),
        ));
    }
    seeds
}

fn main() {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = std::env::args_os().nth(1).map(PathBuf::from).unwrap_or_else(|| manifest.join("../seeds"));
    let shared = std::env::var_os("PHOTOGATE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../../shared"));
    let portraits = ["idphoto/fa_neutral.jpg", "casual/of_carell.jpg", "idphoto/dfd_test4_blue.jpg"];
    let faces_small = faces(&shared, &portraits[..2], 120, 70);
    let two_people = faces(&shared, &["hard/two_faces_of_longoria_cooper.jpg"], 160, 70);
    let faces_crop = faces(&shared, &portraits, 240, 60);
    let sets: [(&str, Vec<Seed>); 3] = [
        ("inspect", synthetic()),
        ("check", synthetic().into_iter().chain(faces_small.clone()).chain(two_people.clone()).collect()),
        (
            "autocrop",
            faces_crop
                .into_iter()
                .chain(faces_small)
                .chain(two_people)
                .chain(synthetic().into_iter().take(3))
                .collect(),
        ),
    ];
    for (target, seeds) in sets {
        let dir = out.join(target);
        std::fs::create_dir_all(&dir).expect("seed folder");
        let bytes: usize = seeds.iter().map(|(_, b)| b.len()).sum();
        for (name, data) in &seeds {
            std::fs::write(dir.join(name), data).expect("seed file");
        }
        println!("{}: {} seeds, {bytes} bytes", dir.display(), seeds.len());
    }
}
