//! The other application segments we read: APP14 Adobe (colour transform) and APP2 ICC profile.

use serde::Serialize;

/// Adobe APP14 (Adobe Technical Note 5116, "Supporting the DCT Filters"): `Adobe`, version (2),
/// flags0 (2), flags1 (2), transform (1). Returns the transform: 0 none (RGB or CMYK), 1 YCbCr, 2 YCCK.
pub(crate) fn parse_adobe_transform(payload: &[u8]) -> Option<u8> {
    match payload {
        [b'A', b'd', b'o', b'b', b'e', _, _, _, _, _, _, transform, ..] => Some(*transform),
        _ => None,
    }
}

/// An embedded ICC profile (ICC.1:2022 section 7.2 header).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IccInfo {
    /// Bytes of the profile over all its APP2 chunks.
    pub bytes: u64,
    /// The header's data colour space signature, trimmed: `RGB`, `CMYK`, `GRAY`, ….
    pub color_space: String,
}

/// ICC.1 Annex B.4: `ICC_PROFILE\0`, chunk number (1), chunk count (1), then profile bytes.
/// Returns the chunk number and its bytes.
pub(crate) fn parse_icc_chunk(payload: &[u8]) -> Option<(u8, &[u8])> {
    let rest = payload.strip_prefix(b"ICC_PROFILE\0")?;
    let (&[number, _count], data) = rest.split_first_chunk::<2>()?;
    Some((number, data))
}

/// The colour space signature at bytes 16–19 of the profile header.
pub(crate) fn icc_color_space(first_chunk: &[u8]) -> String {
    first_chunk.get(16..20).map(|sig| String::from_utf8_lossy(sig).trim().to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_adobe_transform_and_icc_header() {
        assert_eq!(parse_adobe_transform(b"Adobe\0\x64\0\0\0\0\x02"), Some(2));
        assert_eq!(parse_adobe_transform(b"Adob"), None);
        let mut icc = b"ICC_PROFILE\0\x01\x01".to_vec();
        icc.extend([0u8; 16]);
        icc.extend(b"CMYK");
        let (n, data) = parse_icc_chunk(&icc).unwrap();
        assert_eq!(n, 1);
        assert_eq!(icc_color_space(data), "CMYK");
    }
}
