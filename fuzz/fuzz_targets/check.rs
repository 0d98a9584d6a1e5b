//! `check` with the models: inspect → decode → analyse (face detection, mesh, iris, segmentation)
//! → measure → evaluate → report, on any bytes. Never a panic; a report always serialises, with one
//! item per rule of the profile.
#![no_main]

use libfuzzer_sys::fuzz_target;
use photogate::{check, CheckOptions, Profile};

fuzz_target!(|data: &[u8]| {
    let profile = Profile::chsi();
    let limits = photogate_fuzz::limits();
    let options = CheckOptions {
        profile: &profile,
        file_name: Some("photo.jpg"),
        limits: &limits,
        models: Some(photogate_fuzz::models()),
    };
    match check(data, &options) {
        Ok(report) => {
            let json = report.to_json();
            assert!(json.starts_with('{') && json.contains("\"items\""), "{json}");
            assert!(!report.items.is_empty());
        }
        Err(e) => assert!(!e.code().is_empty() && !e.message().is_empty(), "{e:?}"),
    }
});
