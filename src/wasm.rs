//! The WebAssembly boundary: bytes and option objects in, reports out as JSON, errors thrown as
//! JavaScript `Error`s with a stable `code`. No decision about a photo is made here.
//!
//! Options are read from JavaScript values with serde-wasm-bindgen. Reports leave as JSON text for
//! `JSON.parse`, the bytes the CLI prints: in Chromium that is ten times faster than building the
//! objects with serde-wasm-bindgen (docs/architecture.md, "The wasm boundary").

// wasm-bindgen exports are reached from JavaScript, not through the crate root.
#![allow(unreachable_pub)]

use serde::Serialize;
use serde_wasm_bindgen::Serializer;
use wasm_bindgen::prelude::*;

use crate::options::{AutocropRequest, CheckRequest};
use crate::{
    autocrop, autocrop_decoded, check_decoded, check_observed, Autocrop, AutocropOptions, CheckOptions,
    Decoded, Error, ErrorKind, Limits, Mark, ModelBytes, Models, Profile, Report, DEFAULT_MAX_UPSCALE,
    MODEL_MANIFEST,
};

/// A JavaScript `Error` named `PhotogateError` with a `code` property.
fn js_error(code: &str, message: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name("PhotogateError");
    // Setting a property of a new, unfrozen `Error` object cannot fail.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("code"), &JsValue::from_str(code));
    error.into()
}

fn to_js(e: Error) -> JsValue {
    js_error(e.code(), &e.to_string())
}

/// The caller's options object (or `undefined`) as JSON, for the typed readers in `options.rs`.
fn options_json(options: JsValue, what: &str) -> Result<serde_json::Value, JsValue> {
    if options.is_undefined() || options.is_null() {
        return Ok(serde_json::Value::Null);
    }
    serde_wasm_bindgen::from_value(options)
        .map_err(|e| to_js(Error::new(ErrorKind::InvalidOptions, format!("invalid {what} options: {e}"))))
}

/// Holds the loaded models and the limits for many checks.
#[wasm_bindgen]
pub struct Checker {
    limits: Limits,
    models: Option<Models>,
}

#[wasm_bindgen]
impl Checker {
    /// A checker with the four models (bytes of the files named in `modelManifest()`, in order).
    /// Throws an `Error` with `code: "model_error"` when a file is not the pinned one.
    #[wasm_bindgen(constructor)]
    pub fn new(
        detector: &[u8],
        face_mesh: &[u8],
        iris: &[u8],
        segmentation: &[u8],
    ) -> Result<Checker, JsValue> {
        #[cfg(feature = "panic-hook")]
        console_error_panic_hook::set_once();
        let models = Models::load(&ModelBytes { detector, face_mesh, iris, segmentation }).map_err(to_js)?;
        Ok(Checker { limits: Limits::default(), models: Some(models) })
    }

    /// A checker without models: only the file rules are measured.
    #[wasm_bindgen(js_name = fileOnly)]
    pub fn file_only() -> Checker {
        Checker { limits: Limits::default(), models: None }
    }

    fn report(
        &self,
        bytes: &[u8],
        pixels: Option<Pixels<'_>>,
        options: JsValue,
        on_mark: Option<&js_sys::Function>,
    ) -> Result<Report, JsValue> {
        let request = CheckRequest::from_value(options_json(options, "check")?).map_err(to_js)?;
        let profile = request.resolve_profile().map_err(to_js)?;
        let options = CheckOptions {
            profile: &profile,
            file_name: request.file_name.as_deref(),
            limits: &self.limits,
            models: self.models.as_ref(),
        };
        let mut observe = |mark: Mark| {
            if let Some(f) = on_mark {
                let (stage, begins) = match mark {
                    Mark::Begin(s) => (s, true),
                    Mark::End(s) => (s, false),
                };
                // The observer only times the stages: what it throws or returns is ignored.
                let _ =
                    f.call2(&JsValue::NULL, &JsValue::from_str(stage.name()), &JsValue::from_bool(begins));
            }
        };
        match pixels {
            None => check_observed(bytes, &options, &mut observe),
            Some(p) => Decoded::from_rgba(p.width, p.height, p.rgba, &self.limits)
                .and_then(|decoded| check_decoded(bytes, decoded, &options)),
        }
        .map_err(to_js)
    }

    /// Checks a photo. `options`: `{profile: "chsi" | {…}, fileName: "a.jpg"}` or `undefined`.
    /// Returns the report as JSON, the bytes the CLI's `--json` prints; throws an `Error` with a `code`.
    pub fn check(&self, bytes: &[u8], options: JsValue) -> Result<String, JsValue> {
        Ok(self.report(bytes, None, options, None)?.to_json())
    }

    /// Benchmarks only (`bench/page.js`): `check`, calling `onMark(stage, begins)` where each stage
    /// begins (`true`) and ends (`false`); `stage` is a name of the core's `Stage` (`decode`,
    /// `detect`, `mesh`, …). The caller's clock times them; the core has none.
    #[wasm_bindgen(js_name = checkObserved)]
    pub fn check_observed(
        &self,
        bytes: &[u8],
        options: JsValue,
        on_mark: &js_sys::Function,
    ) -> Result<String, JsValue> {
        Ok(self.report(bytes, None, options, Some(on_mark))?.to_json())
    }

    /// `check` of a photo whose pixels the browser decoded (HEIF, AVIF): `rgba` is `width`×`height`
    /// upright RGBA; the file rules read `bytes`.
    #[wasm_bindgen(js_name = checkPixels)]
    pub fn check_pixels(
        &self,
        bytes: &[u8],
        rgba: &[u8],
        width: u32,
        height: u32,
        options: JsValue,
    ) -> Result<String, JsValue> {
        Ok(self.report(bytes, Some(Pixels { rgba, width, height }), options, None)?.to_json())
    }

    fn fix(&self, bytes: &[u8], pixels: Option<Pixels<'_>>, options: JsValue) -> Result<Autocrop, JsValue> {
        let request = AutocropRequest::from_value(options_json(options, "autocrop")?).map_err(to_js)?;
        let profile = request.resolve_profile().map_err(to_js)?;
        let models = self.models.as_ref().ok_or_else(|| {
            to_js(Error::new(ErrorKind::Model, "autocrop needs the models; this checker has none"))
        })?;
        let options = AutocropOptions {
            profile: &profile,
            file_name: request.file_name.as_deref(),
            limits: &self.limits,
            models,
            background: request.background.as_deref(),
            name: request.name.as_deref(),
            max_upscale: request.max_upscale.unwrap_or(DEFAULT_MAX_UPSCALE),
        };
        match pixels {
            None => autocrop(bytes, &options),
            Some(p) => Decoded::from_rgba(p.width, p.height, p.rgba, &self.limits)
                .and_then(|decoded| autocrop_decoded(bytes, decoded, &options)),
        }
        .map_err(to_js)
    }

    /// Makes a compliant file from a photo, or says why it cannot. `options`: `{profile, fileName,
    /// background: "keep" | "auto" | "blue" | …, name, maxUpscale}` or `undefined`.
    /// Returns `{json, jpeg}`: `json` is `{"status": "fixed" | "refused", …}` (docs/report-schema.md),
    /// `jpeg` the new file as a `Uint8Array`, absent when the photo was refused. Throws an `Error`
    /// with a `code`; a checker without models throws `model_error`.
    pub fn autocrop(&self, bytes: &[u8], options: JsValue) -> Result<JsValue, JsValue> {
        fixed_to_js(self.fix(bytes, None, options)?)
    }

    /// `autocrop` of a photo whose pixels the browser decoded, as `checkPixels`.
    #[wasm_bindgen(js_name = autocropPixels)]
    pub fn autocrop_pixels(
        &self,
        bytes: &[u8],
        rgba: &[u8],
        width: u32,
        height: u32,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        fixed_to_js(self.fix(bytes, Some(Pixels { rgba, width, height }), options)?)
    }

    /// Measurement and tests only: a report kept in wasm, to convert it both ways on demand.
    #[wasm_bindgen(js_name = probeCheck)]
    pub fn probe_check(&self, bytes: &[u8], options: JsValue) -> Result<BoundaryProbe, JsValue> {
        Ok(BoundaryProbe { held: Held::Report(Box::new(self.report(bytes, None, options, None)?)) })
    }

    /// Measurement and tests only: an autocrop result kept in wasm, as `probeCheck`.
    #[wasm_bindgen(js_name = probeAutocrop)]
    pub fn probe_autocrop(&self, bytes: &[u8], options: JsValue) -> Result<BoundaryProbe, JsValue> {
        Ok(BoundaryProbe { held: Held::Autocrop(Box::new(self.fix(bytes, None, options)?)) })
    }
}

/// Pixels the browser decoded: upright RGBA, row by row.
struct Pixels<'a> {
    rgba: &'a [u8],
    width: u32,
    height: u32,
}

/// An autocrop result as JavaScript gets it: `{json, jpeg}`, `jpeg` absent when refused.
fn fixed_to_js(result: Autocrop) -> Result<JsValue, JsValue> {
    let output = js_sys::Object::new();
    js_sys::Reflect::set(&output, &JsValue::from_str("json"), &JsValue::from_str(&result.to_json()))?;
    if let Autocrop::Fixed { fixed, .. } = &result {
        let jpeg = js_sys::Uint8Array::from(fixed.jpeg.as_slice());
        js_sys::Reflect::set(&output, &JsValue::from_str("jpeg"), &jpeg)?;
    }
    Ok(output.into())
}

/// A result held in wasm for the boundary benchmark (`scripts/bench-boundary.mjs`) and the test
/// that both conversions give the same content: JSON text for `JSON.parse`, which `check` and
/// `autocrop` use because it is faster, or objects made by serde-wasm-bindgen.
#[wasm_bindgen]
pub struct BoundaryProbe {
    held: Held,
}

enum Held {
    Report(Box<Report>),
    Autocrop(Box<Autocrop>),
}

#[wasm_bindgen]
impl BoundaryProbe {
    /// The result as JSON, for `JSON.parse`.
    pub fn json(&self) -> String {
        match &self.held {
            Held::Report(report) => report.to_json(),
            Held::Autocrop(result) => result.to_json(),
        }
    }

    /// The result as a plain object made by serde-wasm-bindgen: objects, not `Map`s; numbers, not
    /// `BigInt`s; `null` where JSON has `null`.
    pub fn object(&self) -> Result<JsValue, JsValue> {
        let serializer = Serializer::json_compatible();
        match &self.held {
            Held::Report(report) => report.serialize(&serializer),
            Held::Autocrop(result) => result.serialize(&serializer),
        }
        .map_err(|e| js_error("internal", &format!("cannot convert the result: {e}")))
    }
}

/// The pinned model files, `sha256  name` per line, in the order the constructor takes them.
#[wasm_bindgen(js_name = modelManifest)]
pub fn model_manifest() -> String {
    crate::MODEL_FILES
        .iter()
        .filter_map(|name| MODEL_MANIFEST.lines().find(|l| l.ends_with(name)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The built-in profiles as a JSON array of full profile objects.
#[wasm_bindgen(js_name = builtinProfiles)]
pub fn builtin_profiles() -> Result<String, JsValue> {
    let profiles: Vec<Profile> =
        Profile::builtin_ids().map(Profile::builtin).collect::<Result<_, _>>().map_err(to_js)?;
    serde_json::to_string(&profiles)
        .map_err(|e| js_error("internal", &format!("cannot convert the profiles: {e}")))
}

/// The library version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
