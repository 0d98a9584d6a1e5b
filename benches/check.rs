//! Native speed of each stage and of a whole check. Run: `cargo bench --bench check`.
//! Photos come from ../shared/photos (PHOTOGATE_SHARED), models from PHOTOGATE_MODELS or
//! ../shared/models; the 12-megapixel cases are shared photos enlarged to 3000 × 4000. The `stage …`
//! cases time one stage of a check each (every model on its own) through `check_observed`'s marks.
#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use photogate::{
    autocrop, check, check_observed, decode, inspect, Analysis, AutocropOptions, CheckOptions, Limits, Mark,
    ModelBytes, Models, Profile, Stage, DEFAULT_MAX_UPSCALE, MODEL_FILES,
};

fn shared() -> PathBuf {
    std::env::var_os("PHOTOGATE_SHARED").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("../shared"))
}

fn models() -> Models {
    let dir =
        std::env::var_os("PHOTOGATE_MODELS").map(PathBuf::from).unwrap_or_else(|| shared().join("models"));
    let [d, m, i, s] = MODEL_FILES.map(|n| std::fs::read(dir.join(n)).expect("models: set PHOTOGATE_MODELS"));
    Models::load(&ModelBytes { detector: &d, face_mesh: &m, iris: &i, segmentation: &s }).unwrap()
}

fn twelve_megapixels(relative: &str) -> Vec<u8> {
    let img = image::open(shared().join("photos").join(relative)).unwrap();
    let big = img.resize_exact(3000, 4000, image::imageops::FilterType::Triangle).to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
        .encode(big.as_raw(), 3000, 4000, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

fn stages(c: &mut Criterion) {
    let limits = Limits::default();
    let profile = Profile::chsi();
    let models = models();
    let photos = [
        ("600x800", std::fs::read(shared().join("photos/idphoto/df_img11_jolie.jpg")).unwrap()),
        ("12mp", twelve_megapixels("idphoto/fp_paul_rudd.jpg")),
    ];
    c.bench_function("load models", |b| b.iter(self::models));
    for (name, bytes) in &photos {
        let inspection = inspect(bytes, &limits).unwrap();
        c.bench_function(&format!("inspect {name}"), |b| b.iter(|| inspect(bytes, &limits).unwrap()));
        c.bench_function(&format!("decode {name}"), |b| {
            b.iter(|| decode(bytes, &inspection, &limits).unwrap())
        });
        let decoded = decode(bytes, &inspection, &limits).unwrap();
        c.bench_function(&format!("analyze {name}"), |b| {
            b.iter(|| Analysis::analyze(decoded.clone(), Some(&models)).unwrap())
        });
        let options = CheckOptions {
            profile: &profile,
            file_name: Some("a.jpg"),
            limits: &limits,
            models: Some(&models),
        };
        c.bench_function(&format!("check {name}"), |b| b.iter(|| check(bytes, &options).unwrap()));
    }
}

/// Each stage of a check of a 600 × 800 photo on its own: whole checks run, and only the time between
/// the stage's marks counts. Per run for the models that run more than once per check (mesh, iris).
fn per_stage(c: &mut Criterion) {
    let limits = Limits::default();
    let profile = Profile::chsi();
    let models = models();
    let bytes = std::fs::read(shared().join("photos/idphoto/df_img11_jolie.jpg")).unwrap();
    let options =
        CheckOptions { profile: &profile, file_name: Some("a.jpg"), limits: &limits, models: Some(&models) };
    for stage in Stage::ALL {
        c.bench_function(&format!("stage {} 600x800", stage.name()), |b| {
            b.iter_custom(|iters| {
                let (mut spent, mut runs) = (Duration::ZERO, 0u32);
                for _ in 0..iters {
                    let mut begun = None;
                    let mut observe = |mark| match mark {
                        Mark::Begin(s) if s == stage => begun = Some(Instant::now()),
                        Mark::End(s) if s == stage => {
                            spent += begun.take().map(|t| t.elapsed()).unwrap_or_default();
                            runs += 1;
                        }
                        _ => {}
                    };
                    check_observed(&bytes, &options, &mut observe).unwrap();
                }
                assert!(runs > 0, "stage {} did not run", stage.name());
                spent.mul_f64(iters as f64 / f64::from(runs))
            })
        });
    }
}

/// Autocrop end to end (check, plan, render, new background, encode search, check of the result)
/// on photos it fixes.
fn fixing(c: &mut Criterion) {
    let limits = Limits::default();
    let profile = Profile::chsi();
    let models = models();
    let photos = [
        ("601x891", std::fs::read(shared().join("photos/casual/of_carell.jpg")).unwrap()),
        ("12mp", twelve_megapixels("casual/fp_kate_siegel.jpg")),
    ];
    for (name, bytes) in &photos {
        let options = AutocropOptions {
            profile: &profile,
            file_name: Some("a.jpg"),
            limits: &limits,
            models: &models,
            background: Some("blue"),
            name: None,
            max_upscale: DEFAULT_MAX_UPSCALE,
        };
        assert!(autocrop(bytes, &options).unwrap().fixed().is_some(), "{name} is not fixed");
        c.bench_function(&format!("autocrop {name}"), |b| b.iter(|| autocrop(bytes, &options).unwrap()));
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = stages, per_stage, fixing
}
criterion_main!(benches);
