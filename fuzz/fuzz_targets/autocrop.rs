//! `autocrop` with the models on any bytes, with a new background for every other input. Never a
//! panic; a file it makes is a JPEG of the profile's size, checked by the same pipeline.
#![no_main]

use libfuzzer_sys::fuzz_target;
use photogate::{autocrop, Autocrop, AutocropOptions, Profile, DEFAULT_MAX_UPSCALE};

fuzz_target!(|data: &[u8]| {
    let profile = Profile::chsi();
    let limits = photogate_fuzz::limits();
    // The last byte chooses the background, so the fuzzer explores both the kept and the new one.
    let background =
        ["keep", "auto", "blue", "white", "grey"][usize::from(data.last().copied().unwrap_or(0)) % 5];
    let options = AutocropOptions {
        profile: &profile,
        file_name: Some("photo.jpg"),
        limits: &limits,
        models: photogate_fuzz::models(),
        background: Some(background),
        name: None,
        max_upscale: DEFAULT_MAX_UPSCALE,
    };
    match autocrop(data, &options) {
        Ok(Autocrop::Fixed { fixed, .. }) => {
            let made = photogate::inspect(&fixed.jpeg, &photogate::Limits::default());
            let made = made.unwrap_or_else(|e| panic!("the new file cannot be read: {e}"));
            assert_eq!(made.format, photogate::Format::Jpeg);
            assert_eq!((made.width_px, made.height_px), (Some(profile.width_px), Some(profile.height_px)));
            assert_eq!(fixed.size_bytes, fixed.jpeg.len());
            assert!(fixed.file_name.ends_with(".jpg"), "{}", fixed.file_name);
        }
        Ok(_) => {}
        Err(e) => assert!(!e.code().is_empty() && !e.message().is_empty(), "{e:?}"),
    }
});
