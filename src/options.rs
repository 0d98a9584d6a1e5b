//! Check options as JSON, the form the WebAssembly boundary and custom integrations pass.
//!
//! The WebAssembly boundary reads the caller's JavaScript object into a [`Value`] first and then into
//! these types with [`CheckRequest::from_value`], so unknown fields are refused there too.

use serde::Deserialize;
use serde_json::Value;

use crate::error::{Error, ErrorKind, Result};
use crate::profile::Profile;

/// Options of one check, as JSON: `{"profile": "chsi" | {…custom profile…}, "fileName": "a.jpg"}`.
/// Every field is optional; the profile defaults to `chsi`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct CheckRequest {
    /// A built-in profile id, or a custom profile object.
    #[serde(default)]
    pub profile: Option<Value>,
    /// The file's name, for the extension and naming rules.
    #[serde(default)]
    pub file_name: Option<String>,
}

impl CheckRequest {
    /// Parses options JSON; an empty string means the defaults.
    pub fn from_json(json: &str) -> Result<CheckRequest> {
        parse(json, "check")
    }

    /// Reads options already parsed into a JSON value; `null` means the defaults.
    pub fn from_value(value: Value) -> Result<CheckRequest> {
        read(value, "check")
    }

    /// The profile the options name: a built-in id or a custom profile.
    pub fn resolve_profile(&self) -> Result<Profile> {
        resolve_profile(self.profile.as_ref())
    }
}

/// Options JSON of either kind; an empty string means the defaults.
fn parse<T: serde::de::DeserializeOwned + Default>(json: &str, what: &str) -> Result<T> {
    if json.trim().is_empty() {
        return Ok(T::default());
    }
    serde_json::from_str(json)
        .map_err(|e| Error::new(ErrorKind::InvalidOptions, format!("invalid {what} options: {e}")))
}

/// Options of either kind from a JSON value; `null` means the defaults.
fn read<T: serde::de::DeserializeOwned + Default>(value: Value, what: &str) -> Result<T> {
    if value.is_null() {
        return Ok(T::default());
    }
    serde_json::from_value(value)
        .map_err(|e| Error::new(ErrorKind::InvalidOptions, format!("invalid {what} options: {e}")))
}

/// A built-in profile id, a custom profile object, or (absent) `chsi`.
fn resolve_profile(profile: Option<&Value>) -> Result<Profile> {
    match profile {
        None => Profile::builtin("chsi"),
        Some(Value::String(id)) => Profile::builtin(id),
        Some(custom @ Value::Object(_)) => Profile::from_json(&custom.to_string()),
        Some(_) => Err(Error::new(
            ErrorKind::InvalidOptions,
            "option `profile` must be a built-in profile id or a profile object",
        )),
    }
}

/// Options of one autocrop, as JSON: the check options and `background` (`keep`, `auto`, or a
/// profile colour such as `blue`), `name` (the ID or sequence number the file is named after) and
/// `maxUpscale`. Every field is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct AutocropRequest {
    /// A built-in profile id, or a custom profile object.
    #[serde(default)]
    pub profile: Option<Value>,
    /// The photo's file name.
    #[serde(default)]
    pub file_name: Option<String>,
    /// `auto` (default), `keep`, or the name of a profile background colour.
    #[serde(default)]
    pub background: Option<String>,
    /// The ID number or sequence number to name the new file after.
    #[serde(default)]
    pub name: Option<String>,
    /// Largest enlargement; default [`crate::DEFAULT_MAX_UPSCALE`].
    #[serde(default)]
    pub max_upscale: Option<f64>,
}

impl AutocropRequest {
    /// Parses options JSON; an empty string means the defaults.
    pub fn from_json(json: &str) -> Result<AutocropRequest> {
        parse(json, "autocrop")
    }

    /// Reads options already parsed into a JSON value; `null` means the defaults.
    pub fn from_value(value: Value) -> Result<AutocropRequest> {
        read(value, "autocrop")
    }

    /// The profile the options name.
    pub fn resolve_profile(&self) -> Result<Profile> {
        resolve_profile(self.profile.as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_builtin_and_custom_profiles() {
        let r = CheckRequest::from_json(r#"{"profile":"chsi-nanjing","fileName":"a.jpg"}"#).unwrap();
        assert_eq!(r.resolve_profile().unwrap().id, "chsi-nanjing");
        assert_eq!(r.file_name.as_deref(), Some("a.jpg"));
        let custom = CheckRequest::from_json(
            r#"{"profile":{"extends":"chsi","id":"school","rules":{"file.kb":{"severity":"fail","min":30,"max":60}}}}"#,
        )
        .unwrap();
        let p = custom.resolve_profile().unwrap();
        assert_eq!(p.rules.file_kb.unwrap().max, Some(60.0));
        assert_eq!(CheckRequest::from_json("").unwrap().resolve_profile().unwrap().id, "chsi");
        assert_eq!(CheckRequest::from_json(r#"{"profil":"x"}"#).unwrap_err().code(), "invalid_options");
        let fix =
            AutocropRequest::from_json(r#"{"background":"blue","name":"0001","maxUpscale":1.5}"#).unwrap();
        assert_eq!((fix.background.as_deref(), fix.max_upscale), (Some("blue"), Some(1.5)));
        assert_eq!(AutocropRequest::from_json(r#"{"bg":"blue"}"#).unwrap_err().code(), "invalid_options");
        let value = serde_json::json!({ "profile": "chsi-nanjing", "fileName": null });
        assert_eq!(CheckRequest::from_value(value).unwrap().resolve_profile().unwrap().id, "chsi-nanjing");
        assert_eq!(CheckRequest::from_value(Value::Null).unwrap().file_name, None);
        let unknown = AutocropRequest::from_value(serde_json::json!({ "bg": "blue" })).unwrap_err();
        assert_eq!(unknown.code(), "invalid_options");
        assert_eq!(CheckRequest::from_value(Value::from("chsi")).unwrap_err().code(), "invalid_options");
        assert_eq!(
            CheckRequest::from_json(r#"{"profile":7}"#).unwrap().resolve_profile().unwrap_err().code(),
            "invalid_options"
        );
    }
}
