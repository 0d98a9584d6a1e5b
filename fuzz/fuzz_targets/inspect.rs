//! `inspect`: the header walk (signature, JPEG markers, SOF, DQT and quality, JFIF, EXIF, APP14,
//! ICC) on any bytes. Never a panic; every error has a stable code and a message.
#![no_main]

use libfuzzer_sys::fuzz_target;
use photogate::inspect;

fuzz_target!(|data: &[u8]| {
    let limits = photogate_fuzz::limits();
    match inspect(data, &limits) {
        Ok(inspection) => {
            // What was read can always be written out again.
            let _ = format!("{inspection:?}");
        }
        Err(e) => assert!(!e.code().is_empty() && !e.message().is_empty(), "{e:?}"),
    }
});
