//! APP1 EXIF (EXIF 2.32 section 4.5.4): orientation and resolution of the primary image.
//!
//! The TIFF structure is parsed by the `kamadak-exif` crate; this module maps its errors away (a
//! damaged EXIF block is "absent", not a failure of the photo) and reads the three tags we use.

use exif::{In, Reader, Tag, Value};
use serde::Serialize;

/// What we read from the EXIF block.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ExifInfo {
    /// Tag 0x0112, 1–8: how the stored pixels must be turned to show the photo upright.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub orientation: Option<u16>,
    /// Tags 0x011A and 0x0128: horizontal resolution in dots per inch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dpi: Option<f64>,
}

/// `Exif\0\0` then a TIFF header. Returns `None` for XMP and other APP1 segments, or damaged EXIF.
pub(crate) fn parse_exif(payload: &[u8]) -> Option<ExifInfo> {
    let tiff = payload.strip_prefix(b"Exif\0\0")?;
    let exif = Reader::new().read_raw(tiff.to_vec()).ok()?;
    let orientation = exif
        .get_field(Tag::Orientation, In::PRIMARY)
        .and_then(|f| f.value.get_uint(0))
        .and_then(|v| u16::try_from(v).ok())
        .filter(|v| (1..=8).contains(v));
    let x_resolution = exif.get_field(Tag::XResolution, In::PRIMARY).and_then(|f| match &f.value {
        Value::Rational(r) => r.first().filter(|r| r.denom != 0).map(|r| r.to_f64()),
        _ => None,
    });
    // EXIF 2.32 tag 0x0128: 2 = inch (the default), 3 = centimetre.
    let unit =
        exif.get_field(Tag::ResolutionUnit, In::PRIMARY).and_then(|f| f.value.get_uint(0)).unwrap_or(2);
    let dpi = match unit {
        2 => x_resolution,
        3 => x_resolution.map(|r| r * 2.54),
        _ => None,
    };
    Some(ExifInfo { orientation, dpi })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A little-endian TIFF block with Orientation, XResolution and ResolutionUnit in IFD0.
    pub(crate) fn exif_segment(orientation: u16, dpi: u32, unit: u16) -> Vec<u8> {
        let mut t = b"Exif\0\0II\x2A\0\x08\0\0\0".to_vec();
        t.extend(3u16.to_le_bytes());
        let entry = |t: &mut Vec<u8>, tag: u16, typ: u16, count: u32, value: u32| {
            t.extend(tag.to_le_bytes());
            t.extend(typ.to_le_bytes());
            t.extend(count.to_le_bytes());
            t.extend(value.to_le_bytes());
        };
        entry(&mut t, 0x0112, 3, 1, u32::from(orientation));
        entry(&mut t, 0x011A, 5, 1, 8 + 2 + 3 * 12 + 4); // offset of the rational, from the TIFF start
        entry(&mut t, 0x0128, 3, 1, u32::from(unit));
        t.extend(0u32.to_le_bytes());
        t.extend(dpi.to_le_bytes());
        t.extend(1u32.to_le_bytes());
        t
    }

    #[test]
    fn reads_orientation_and_resolution() {
        let info = parse_exif(&exif_segment(6, 300, 2)).unwrap();
        assert_eq!(info.orientation, Some(6));
        assert_eq!(info.dpi, Some(300.0));
        let cm = parse_exif(&exif_segment(1, 118, 3)).unwrap();
        assert!((cm.dpi.unwrap() - 299.72).abs() < 1e-9);
    }

    #[test]
    fn damaged_or_foreign_app1_is_absent() {
        assert!(parse_exif(b"Exif\0\0II\x2A\0\xFF\xFF\0\0").is_none());
        assert!(parse_exif(b"http://ns.adobe.com/xap/1.0/\0<x/>").is_none());
    }
}
