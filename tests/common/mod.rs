//! Helpers shared by the integration tests: fixtures our own code makes, and the shared photos.
#![allow(dead_code, unreachable_pub)]

use std::path::PathBuf;

use jpeg_encoder::{ColorType, Encoder, PixelDensity};
use std::sync::OnceLock;

use photogate::{
    check, CheckOptions, Limits, ModelBytes, Models, Profile, Report, RuleId, Verdict, MODEL_FILES,
};

/// `../shared` beside the repository, or `PHOTOGATE_SHARED`.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("PHOTOGATE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared"))
}

/// A photo from `../shared/photos` by its path there. Fails clearly when the folder is missing.
pub fn photo(relative: &str) -> PathBuf {
    let path = shared_dir().join("photos").join(relative);
    assert!(
        path.exists(),
        "{} is missing: the tests read real photos from ../shared/photos (set PHOTOGATE_SHARED to move it)",
        path.display()
    );
    path
}

/// A smooth, detailed RGB picture: a vertical gradient with a "head" and fine texture, so that JPEG
/// sizes behave like a photo's.
pub fn picture(width: u32, height: u32) -> Vec<u8> {
    let mut rgb = Vec::new();
    for y in 0..height {
        for x in 0..width {
            let (fx, fy) = (x as f32 / width as f32, y as f32 / height as f32);
            let dx = (fx - 0.5) / 0.22;
            let dy = (fy - 0.42) / 0.3;
            let head = dx * dx + dy * dy < 1.0;
            let texture = (((x * 7919 + y * 104_729) % 31) as f32) - 15.0;
            let (r, g, b) = if head {
                (220.0 - 60.0 * fy, 180.0 - 40.0 * fy, 150.0 - 30.0 * fy)
            } else {
                (100.0 + 20.0 * fy, 197.0 - 10.0 * fy, 255.0 - 5.0 * fy)
            };
            for c in [r, g, b] {
                rgb.push((c + texture * 0.6).clamp(0.0, 255.0) as u8);
            }
        }
    }
    rgb
}

/// How a fixture JPEG is made.
pub struct Jpeg {
    pub width: u16,
    pub height: u16,
    pub quality: u8,
    pub density: PixelDensity,
    pub progressive: bool,
    pub color: ColorType,
    pub app_segments: Vec<(u8, Vec<u8>)>,
}

impl Default for Jpeg {
    fn default() -> Self {
        Jpeg {
            width: 480,
            height: 640,
            quality: 80,
            density: PixelDensity::dpi(300),
            progressive: false,
            color: ColorType::Rgb,
            app_segments: Vec::new(),
        }
    }
}

impl Jpeg {
    pub fn encode(&self) -> Vec<u8> {
        let (w, h) = (u32::from(self.width), u32::from(self.height));
        let rgb = picture(w, h);
        let pixels: Vec<u8> = match self.color {
            ColorType::Luma => rgb.chunks(3).map(|p| p[1]).collect(),
            ColorType::Cmyk => rgb.chunks(3).flat_map(|p| [255 - p[0], 255 - p[1], 255 - p[2], 0]).collect(),
            _ => rgb,
        };
        let mut out = Vec::new();
        let mut encoder = Encoder::new(&mut out, self.quality);
        encoder.set_density(self.density);
        encoder.set_progressive(self.progressive);
        for (nr, data) in &self.app_segments {
            encoder.add_app_segment(*nr, data.clone()).unwrap();
        }
        encoder.encode(&pixels, self.width, self.height, self.color).unwrap();
        out
    }
}

/// A little-endian EXIF block (APP1 payload) with Orientation, XResolution and ResolutionUnit.
pub fn exif_app1(orientation: u16, dpi: u32, unit: u16) -> Vec<u8> {
    let mut t = b"Exif\0\0II\x2A\0\x08\0\0\0".to_vec();
    t.extend(3u16.to_le_bytes());
    let mut entry = |tag: u16, typ: u16, value: u32| {
        t.extend(tag.to_le_bytes());
        t.extend(typ.to_le_bytes());
        t.extend(1u32.to_le_bytes());
        t.extend(value.to_le_bytes());
    };
    entry(0x0112, 3, u32::from(orientation));
    entry(0x011A, 5, 8 + 2 + 3 * 12 + 4);
    entry(0x0128, 3, u32::from(unit));
    t.extend(0u32.to_le_bytes());
    t.extend(dpi.to_le_bytes());
    t.extend(1u32.to_le_bytes());
    t
}

/// An APP2 ICC chunk whose profile header names `space` (e.g. `b"RGB "`).
pub fn icc_app2(space: &[u8; 4]) -> Vec<u8> {
    let mut payload = b"ICC_PROFILE\0\x01\x01".to_vec();
    let mut header = vec![0u8; 128];
    header[16..20].copy_from_slice(space);
    payload.extend(header);
    payload
}

pub fn check_with(bytes: &[u8], profile: &Profile, name: Option<&str>) -> Report {
    let options = CheckOptions { profile, file_name: name, limits: &Limits::default(), models: None };
    check(bytes, &options).unwrap()
}

pub fn check_chsi(bytes: &[u8], name: Option<&str>) -> Report {
    check_with(bytes, &Profile::chsi(), name)
}

/// (verdict, reason) of a rule in a report.
pub fn verdict(report: &Report, rule: RuleId) -> (Verdict, &'static str) {
    let item = report.item(rule).unwrap_or_else(|| panic!("no item for {}", rule.as_str()));
    (item.verdict, item.reason.as_str())
}

/// The models from `PHOTOGATE_MODELS` or `../shared/models`, loaded once per test binary.
pub fn models() -> &'static Models {
    static MODELS: OnceLock<Models> = OnceLock::new();
    MODELS.get_or_init(|| {
        let dir = std::env::var_os("PHOTOGATE_MODELS")
            .map(PathBuf::from)
            .unwrap_or_else(|| shared_dir().join("models"));
        let read = |name: &str| {
            std::fs::read(dir.join(name)).unwrap_or_else(|e| {
                panic!(
                    "cannot read {name} in {}: {e}. The tests need the models: set PHOTOGATE_MODELS or run \
                     scripts/fetch-models.sh",
                    dir.display()
                )
            })
        };
        let [d, m, i, s] = MODEL_FILES.map(read);
        Models::load(&ModelBytes { detector: &d, face_mesh: &m, iris: &i, segmentation: &s }).unwrap()
    })
}

/// Checks bytes against `chsi` with the models.
pub fn analyse(bytes: &[u8], name: Option<&str>) -> Report {
    let profile = Profile::chsi();
    let options = CheckOptions {
        profile: &profile,
        file_name: name,
        limits: &Limits::default(),
        models: Some(models()),
    };
    check(bytes, &options).unwrap()
}

/// Checks a shared photo against `chsi` with the models.
pub fn analyse_photo(relative: &str) -> Report {
    let path = photo(relative);
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    analyse(&std::fs::read(&path).unwrap(), name.as_deref())
}

/// Every file in a folder of the shared photos, by relative path.
pub fn photos_in(folder: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(shared_dir().join("photos").join(folder))
        .unwrap_or_else(|e| panic!("cannot read ../shared/photos/{folder}: {e}"))
        .map(|e| format!("{folder}/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    names.sort();
    names
}

/// A number value of a report item.
pub fn number(report: &Report, rule: RuleId) -> f64 {
    match &report.item(rule).unwrap().value {
        Some(photogate::Value::Number(n)) => *n,
        other => panic!("{} has no number: {other:?}", rule.as_str()),
    }
}

/// A little-endian EXIF block (APP1 payload) as a phone writes it: Make and a GPS IFD with latitude
/// 39° 54′ 20″ N.
pub fn gps_exif() -> Vec<u8> {
    let make = b"PhotogateTestPhone\0\0";
    let mut t = b"Exif\0\0II\x2A\0\x08\0\0\0".to_vec();
    let ifd0_end = 8 + 2 + 2 * 12 + 4;
    let (make_at, gps_at) = (ifd0_end, ifd0_end + make.len() as u32);
    let lat_at = gps_at + 2 + 2 * 12 + 4;
    let entry = |t: &mut Vec<u8>, tag: u16, typ: u16, count: u32, value: [u8; 4]| {
        t.extend(tag.to_le_bytes());
        t.extend(typ.to_le_bytes());
        t.extend(count.to_le_bytes());
        t.extend(value);
    };
    t.extend(2u16.to_le_bytes());
    entry(&mut t, 0x010F, 2, 19, make_at.to_le_bytes());
    entry(&mut t, 0x8825, 4, 1, gps_at.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    t.extend(make);
    t.extend(2u16.to_le_bytes());
    entry(&mut t, 0x0001, 2, 2, *b"N\0\0\0");
    entry(&mut t, 0x0002, 5, 3, lat_at.to_le_bytes());
    t.extend(0u32.to_le_bytes());
    for v in [39u32, 54, 20] {
        t.extend(v.to_le_bytes());
        t.extend(1u32.to_le_bytes());
    }
    t
}

/// The JPEG with a segment (marker, payload) inserted right after SOI.
pub fn with_segment_after_soi(jpeg: &[u8], marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut out = jpeg[..2].to_vec();
    out.extend([0xFF, marker]);
    out.extend(u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
    out.extend(payload);
    out.extend(&jpeg[2..]);
    out
}
