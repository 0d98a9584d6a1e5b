//! What autocrop is asked for, checked against the profile before any work: the background, the new
//! file's name and the encoder's target.

use super::encode;
use crate::error::{Error, ErrorKind, Result};
use crate::face::Models;
use crate::limits::Limits;
use crate::naming::{check_id_number, check_sequence4, split_name, NameProblem};
use crate::profile::{BgReference, NameScheme, Profile};

/// Largest enlargement by default: beyond 2× the output is visibly soft.
pub const DEFAULT_MAX_UPSCALE: f64 = 2.0;

/// What autocrop needs besides the bytes.
#[derive(Debug, Clone, Copy)]
pub struct AutocropOptions<'a> {
    /// The profile the new file must pass.
    pub profile: &'a Profile,
    /// The photo's file name (for the report of the photo as given).
    pub file_name: Option<&'a str>,
    /// Bounds on the work.
    pub limits: &'a Limits,
    /// The loaded models: autocrop cannot place a face without them.
    pub models: &'a Models,
    /// `None` or `auto` keeps the background when it passes and the crop fits in the photo, else
    /// uses the profile colour nearest to it; `keep` keeps it; otherwise the name of one of the
    /// profile's `bg.color` references (`blue`, `white`, `grey` in the built-in profiles).
    pub background: Option<&'a str>,
    /// The ID number or sequence number the new file is named after, per the profile's naming rule.
    pub name: Option<&'a str>,
    /// Largest enlargement (output pixels per photo pixel); [`DEFAULT_MAX_UPSCALE`] by default.
    pub max_upscale: f64,
}

/// The background asked for.
pub(super) enum Background<'p> {
    Keep,
    Auto,
    Color(&'p BgReference),
}

impl<'p> Background<'p> {
    pub(super) fn parse(profile: &'p Profile, name: Option<&str>) -> Result<Background<'p>> {
        match name.unwrap_or("auto") {
            "keep" => Ok(Background::Keep),
            "auto" => Ok(Background::Auto),
            name => background_color(profile, name).map(Background::Color),
        }
    }
}

fn background_color<'p>(profile: &'p Profile, name: &str) -> Result<&'p BgReference> {
    let references = profile.rules.bg_color.as_ref().map(|r| r.references.as_slice()).unwrap_or_default();
    references.iter().find(|r| r.name == name).ok_or_else(|| {
        let known: Vec<&str> = references.iter().map(|r| r.name.as_str()).collect();
        Error::new(
            ErrorKind::InvalidOptions,
            format!(
                "option `background`: `{name}` is not a background colour of profile {}; use keep, auto{}{}",
                profile.id,
                if known.is_empty() { "" } else { ", " },
                known.join(", ")
            ),
        )
    })
}

/// The new file's name: the ID or sequence number checked against the profile's naming rule, else
/// the photo's own name with `.jpg`.
pub(super) fn output_name(profile: &Profile, name: Option<&str>, original: Option<&str>) -> Result<String> {
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
        let stem = original.map(|o| split_name(o).0).filter(|s| !s.is_empty()).unwrap_or("photo");
        return Ok(format!("{stem}.jpg"));
    };
    let scheme = profile.rules.file_name.as_ref().map(|r| r.scheme);
    let problem = match scheme {
        Some(NameScheme::IdNumber) => check_id_number(name).err(),
        Some(NameScheme::Sequence4) => check_sequence4(name).err(),
        None if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            && name.len() <= 64 =>
        {
            None
        }
        None => Some(NameProblem::Pattern),
    };
    match problem {
        None if scheme == Some(NameScheme::IdNumber) => Ok(format!("{}.jpg", name.to_ascii_uppercase())),
        None => Ok(format!("{name}.jpg")),
        Some(NameProblem::CheckDigit) => Err(Error::new(
            ErrorKind::InvalidOptions,
            format!("option `name`: the check digit of ID number {name} is wrong; check the number"),
        )),
        Some(NameProblem::Pattern) => Err(Error::new(
            ErrorKind::InvalidOptions,
            format!("option `name`: `{name}` does not follow the naming rule of profile {}", profile.id),
        )),
    }
}

pub(super) fn encode_target(profile: &Profile) -> encode::Target {
    let r = &profile.rules;
    let kb = r.file_kb.as_ref().and_then(|k| Some((k.min.unwrap_or(0.0), k.max?)));
    let q_min = r.file_quality.as_ref().and_then(|q| q.min).unwrap_or(60.0).clamp(1.0, 100.0) as u8;
    let q_max = r.file_quality.as_ref().and_then(|q| q.max).unwrap_or(100.0).clamp(1.0, 100.0) as u8;
    let dpi = r.file_dpi.as_ref().and_then(|d| d.min.or(d.max)).map(|d| d.clamp(1.0, 65535.0) as u16);
    encode::Target { kb, quality: (q_min, q_max), dpi: dpi.or(Some(300)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_background_is_auto_unless_asked() {
        let chsi = Profile::chsi();
        assert!(matches!(Background::parse(&chsi, None), Ok(Background::Auto)));
        assert!(matches!(Background::parse(&chsi, Some("keep")), Ok(Background::Keep)));
        assert!(
            matches!(Background::parse(&chsi, Some("blue")), Ok(Background::Color(r)) if r.name == "blue")
        );
        assert_eq!(Background::parse(&chsi, Some("pink")).err().map(|e| e.code()), Some("invalid_options"));
    }

    #[test]
    fn names_follow_the_profile() {
        let nanjing = Profile::builtin("chsi-nanjing").unwrap();
        assert_eq!(
            output_name(&nanjing, Some("11010519491231002x"), None).unwrap(),
            "11010519491231002X.jpg"
        );
        assert_eq!(
            output_name(&nanjing, Some("110105194912310021"), None).unwrap_err().code(),
            "invalid_options"
        );
        let chsi = Profile::chsi();
        assert_eq!(output_name(&chsi, None, Some("dir/IMG_0001.HEIC")).unwrap(), "IMG_0001.jpg");
        assert_eq!(output_name(&chsi, None, None).unwrap(), "photo.jpg");
        assert_eq!(output_name(&chsi, Some("../x"), None).unwrap_err().code(), "invalid_options");
    }

    #[test]
    fn backgrounds_are_the_profiles_colours() {
        let chsi = Profile::chsi();
        assert_eq!(background_color(&chsi, "blue").unwrap().rgb, [100, 197, 255]);
        assert!(matches!(Background::parse(&chsi, None), Ok(Background::Auto)));
        assert!(matches!(Background::parse(&chsi, Some("keep")), Ok(Background::Keep)));
        let err = background_color(&chsi, "pink").unwrap_err();
        assert!(err.message().contains("blue, white, grey"), "{err}");
    }

    #[test]
    fn the_target_comes_from_the_profile() {
        let t = encode_target(&Profile::builtin("xinhua-960").unwrap());
        assert_eq!(t.kb, Some((550.0, 650.0)));
        assert_eq!((t.quality.0, t.dpi), (60, Some(300)));
    }
}
