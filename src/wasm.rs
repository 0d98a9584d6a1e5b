//! The WebAssembly boundary: JSON and bytes in, JSON out. No decision about a photo is made here.
//!
//! Reports and errors cross as JSON strings so that the browser gets exactly the bytes the CLI prints;
//! the JS package parses them and throws `PhotogateError` with the stable `code`.

// wasm-bindgen exports are reached from JavaScript, not through the crate root.
#![allow(unreachable_pub)]

use wasm_bindgen::prelude::*;

use crate::options::{AutocropRequest, CheckRequest};
use crate::{
    autocrop, check, AutocropOptions, CheckOptions, Error, ErrorKind, Limits, ModelBytes, Models, Profile,
    DEFAULT_MAX_UPSCALE, MODEL_MANIFEST,
};

fn to_js(e: Error) -> JsValue {
    JsValue::from_str(&serde_json::json!({ "code": e.code(), "message": e.to_string() }).to_string())
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
    /// Throws `{"code": "model_error", ...}` when a file is not the pinned one.
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

    /// Checks a photo. `options_json`: `{"profile": "chsi" | {...}, "fileName": "a.jpg"}` or `""`.
    /// Returns the report as JSON; throws `{"code", "message"}` as a JSON string.
    pub fn check(&self, bytes: &[u8], options_json: &str) -> Result<String, JsValue> {
        let request = CheckRequest::from_json(options_json).map_err(to_js)?;
        let profile = request.resolve_profile().map_err(to_js)?;
        let options = CheckOptions {
            profile: &profile,
            file_name: request.file_name.as_deref(),
            limits: &self.limits,
            models: self.models.as_ref(),
        };
        check(bytes, &options).map(|r| r.to_json()).map_err(to_js)
    }
}

/// What `autocrop` returns: the result as JSON and, when a file was made, its bytes.
#[wasm_bindgen]
pub struct AutocropOutput {
    json: String,
    jpeg: Option<Vec<u8>>,
}

#[wasm_bindgen]
impl AutocropOutput {
    /// `{"status": "fixed" | "refused", …}`: see docs/report-schema.md.
    #[wasm_bindgen(getter)]
    pub fn json(&self) -> String {
        self.json.clone()
    }

    /// The new JPEG, moved out (a second call gives `undefined`), or `undefined` when the photo
    /// was refused.
    #[wasm_bindgen(js_name = takeJpeg)]
    pub fn take_jpeg(&mut self) -> Option<Vec<u8>> {
        self.jpeg.take()
    }
}

#[wasm_bindgen]
impl Checker {
    /// Makes a compliant file from a photo, or says why it cannot. `options_json`: `{"profile",
    /// "fileName", "background": "keep" | "auto" | "blue" | …, "name", "maxUpscale"}` or `""`.
    /// Throws `{"code", "message"}` as a JSON string; a checker without models throws
    /// `model_error`.
    pub fn autocrop(&self, bytes: &[u8], options_json: &str) -> Result<AutocropOutput, JsValue> {
        let request = AutocropRequest::from_json(options_json).map_err(to_js)?;
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
        let result = autocrop(bytes, &options).map_err(to_js)?;
        let json = result.to_json();
        let jpeg = match result {
            crate::Autocrop::Fixed { fixed, .. } => Some(fixed.jpeg),
            crate::Autocrop::Refused { .. } => None,
        };
        Ok(AutocropOutput { json, jpeg })
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
    serde_json::to_string(&profiles).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The library version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
