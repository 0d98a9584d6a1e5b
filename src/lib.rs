//! # photogate
//!
//! Checks Chinese diploma e-registration photos (学历证书电子注册图像) against the national standard
//! (教毕指〔2017〕99号), the CHSI (学信网) checker's thresholds and provincial variants — on the
//! student's own device. The same core runs natively (library and CLI) and in the browser (WebAssembly).
//!
//! A check is a chain of stages, each callable on its own:
//! [`inspect`] (headers, no pixels) → [`decode`] (limits first) → [`Analysis`] → [`measure`] →
//! [`evaluate`] (profile thresholds) → [`Report`].
//!
//! ```
//! use photogate::{check, CheckOptions, Limits, Profile, RuleId};
//!
//! // A 2×2 grey JPEG: a real file, far from the standard.
//! let mut jpeg = Vec::new();
//! image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 75)
//!     .encode(&[128u8; 2 * 2 * 3], 2, 2, image::ExtendedColorType::Rgb8)
//!     .unwrap();
//!
//! let profile = Profile::builtin("chsi").unwrap();
//! let options =
//!     CheckOptions { profile: &profile, file_name: Some("photo.jpg"), limits: &Limits::default(), models: None };
//! let report = check(&jpeg, &options).unwrap();
//! assert_eq!(report.item(RuleId::FileSizePx).unwrap().reason, "wrong_size");
//! assert_eq!(report.item(RuleId::FileQuality).unwrap().value, Some(photogate::Value::Number(75.0)));
//! println!("{}", report.to_json());
//! ```

#![forbid(unsafe_code)]

mod analysis;
mod autocrop;
mod color;
mod decode;
mod error;
mod face;
mod geometry;
mod inspect;
pub mod jpeg;
mod limits;
mod measure;
mod naming;
mod options;
mod overlay;
mod pipeline;
mod profile;
mod raster;
mod report;
mod rule;
mod sniff;
mod stage;
mod text;
mod verdict;
#[cfg(target_arch = "wasm32")]
mod wasm;

pub use analysis::Analysis;
pub use autocrop::{
    autocrop, autocrop_decoded, Autocrop, AutocropOptions, Crop, Fixed, Refusal, RefusalReason, Sampling,
    DEFAULT_MAX_UPSCALE,
};
pub use decode::{decode, Decoded};
pub use error::{Error, ErrorKind, Result};
pub use face::{ModelBytes, Models, PersonMask, MODEL_FILES, MODEL_MANIFEST};
pub use geometry::{Point, Rect};
pub use inspect::{inspect, Inspection};
pub use limits::Limits;
pub use measure::{measure, Measurement, Measurements, Unmeasured};
pub use options::{AutocropRequest, CheckRequest};
pub use overlay::Overlay;
pub use pipeline::{check, check_decoded, check_observed, CheckOptions};
pub use profile::{
    BasicRule, BgColorRule, BgReference, ClothesColorRule, ColorSpaceRule, ColourRule, EmbeddedProfile,
    FormatRule, NameRule, NameScheme, PoseRule, Profile, RangeRule, RecaptureRule, RuleCommon, Rules,
    Severity, Text,
};
pub use report::{
    build as build_report, Counts, FileSummary, Item, Overall, ProfileSummary, Report, Value, SCHEMA_VERSION,
};
pub use rule::{RuleId, ValueKind};
pub use sniff::{sniff, Format};
pub use stage::{Mark, Observer, Stage};
pub use verdict::{evaluate, Nearest, Outcome, Reason, Verdict, Verdicts};
