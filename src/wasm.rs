//! The WebAssembly boundary: JSON and bytes in, JSON out. No decision about a photo is made here.
//!
//! Reports and errors cross as JSON strings so that the browser gets exactly the bytes the CLI prints;
//! the JS package parses them and throws `PhotogateError` with the stable `code`.

// wasm-bindgen exports are reached from JavaScript, not through the crate root.
#![allow(unreachable_pub)]

use wasm_bindgen::prelude::*;

use crate::options::CheckRequest;
use crate::{check, CheckOptions, Error, Limits, Profile};

fn to_js(e: Error) -> JsValue {
    JsValue::from_str(&serde_json::json!({ "code": e.code(), "message": e.to_string() }).to_string())
}

/// Holds the limits (and, later, the loaded models) for many checks.
#[wasm_bindgen]
pub struct Checker {
    limits: Limits,
}

#[wasm_bindgen]
impl Checker {
    /// A checker with the default limits.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Checker {
        #[cfg(feature = "panic-hook")]
        console_error_panic_hook::set_once();
        Checker { limits: Limits::default() }
    }

    /// Checks a photo. `options_json`: `{"profile": "chsi" | {...}, "fileName": "a.jpg"}` or `""`.
    /// Returns the report as JSON; throws `{"code", "message"}` as a JSON string.
    pub fn check(&self, bytes: &[u8], options_json: &str) -> Result<String, JsValue> {
        let request = CheckRequest::from_json(options_json).map_err(to_js)?;
        let profile = request.resolve_profile().map_err(to_js)?;
        let options =
            CheckOptions { profile: &profile, file_name: request.file_name.as_deref(), limits: &self.limits };
        check(bytes, &options).map(|r| r.to_json()).map_err(to_js)
    }
}

impl Default for Checker {
    fn default() -> Self {
        Checker::new()
    }
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
