//! Walks the marker segments of a JPEG file without decoding pixels (ITU-T T.81 Annex B).

use crate::error::{Error, ErrorKind, Result};
use crate::limits::Limits;

// T.81 Table B.1
pub(crate) const SOI: u8 = 0xD8;
pub(crate) const EOI: u8 = 0xD9;
pub(crate) const SOS: u8 = 0xDA;
pub(crate) const DQT: u8 = 0xDB;
pub(crate) const APP0: u8 = 0xE0;
pub(crate) const APP1: u8 = 0xE1;
pub(crate) const APP2: u8 = 0xE2;
pub(crate) const APP14: u8 = 0xEE;
pub(crate) const COM: u8 = 0xFE;

/// True for the SOFn markers C0–CF, which exclude DHT (C4), JPG (C8) and DAC (CC).
pub(crate) fn is_sof(marker: u8) -> bool {
    (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
}

/// One marker segment with a length field: the marker byte, where it starts and its payload.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Segment<'a> {
    pub(crate) marker: u8,
    pub(crate) payload: &'a [u8],
}

/// The segments of a file in order, and what the walk saw of its structure.
#[derive(Debug, Default)]
pub(crate) struct Walk<'a> {
    pub(crate) segments: Vec<Segment<'a>>,
    /// Number of SOS segments (one for sequential files, several for progressive ones).
    pub(crate) scans: u32,
    /// The file ends with EOI.
    pub(crate) has_eoi: bool,
    /// Bytes after EOI.
    pub(crate) trailing_bytes: usize,
    /// The file ends inside a segment or inside entropy-coded data.
    pub(crate) truncated: bool,
}

/// Walks every segment from SOI to EOI. Entropy-coded data after each SOS is skipped by looking for
/// the next marker that is neither a stuffed zero (`FF 00`) nor a restart marker (T.81 B.1.1.5).
///
/// Errors only when the file does not start with SOI, a length field is impossible, or a limit is hit;
/// a file cut short is reported through [`Walk::truncated`].
pub(crate) fn walk<'a>(bytes: &'a [u8], limits: &Limits) -> Result<Walk<'a>> {
    if bytes.get(..2) != Some(&[0xFF, SOI]) {
        return Err(malformed("file does not start with the SOI marker"));
    }
    let mut walk = Walk::default();
    let mut pos = 2usize;
    loop {
        // B.1.1.2: any number of fill bytes 0xFF may precede a marker.
        while bytes.get(pos) == Some(&0xFF) && bytes.get(pos + 1) == Some(&0xFF) {
            pos += 1;
        }
        let (Some(&0xFF), Some(&marker)) = (bytes.get(pos), bytes.get(pos + 1)) else {
            walk.truncated = pos < bytes.len() || !walk.has_eoi;
            if pos < bytes.len() && bytes.get(pos) != Some(&0xFF) {
                return Err(malformed(format!("expected a marker at byte {pos}")));
            }
            return Ok(walk);
        };
        pos += 2;
        match marker {
            EOI => {
                walk.has_eoi = true;
                walk.trailing_bytes = bytes.len().saturating_sub(pos);
                return Ok(walk);
            }
            0x01 | 0xD0..=0xD7 => continue, // TEM and RSTn stand alone
            SOI | 0x00 => {
                return Err(malformed(format!("unexpected marker FF{marker:02X} at byte {}", pos - 2)))
            }
            _ => {}
        }
        let Some(&[hi, lo]) = bytes.get(pos..pos + 2) else {
            walk.truncated = true;
            return Ok(walk);
        };
        let len = usize::from(u16::from_be_bytes([hi, lo]));
        if len < 2 {
            return Err(malformed(format!("segment FF{marker:02X} at byte {} has length {len}", pos - 2)));
        }
        let Some(payload) = bytes.get(pos + 2..pos + len) else {
            walk.truncated = true;
            return Ok(walk);
        };
        if walk.segments.len() as u64 >= u64::from(limits.max_jpeg_segments) {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!("more than {} JPEG segments", limits.max_jpeg_segments),
            ));
        }
        walk.segments.try_reserve(1)?;
        walk.segments.push(Segment { marker, payload });
        pos += len;
        if marker == SOS {
            walk.scans += 1;
            if walk.scans > limits.max_jpeg_scans {
                return Err(Error::new(
                    ErrorKind::LimitExceeded,
                    format!("more than {} JPEG scans", limits.max_jpeg_scans),
                ));
            }
            pos = skip_entropy_coded_data(bytes, pos);
        }
    }
}

/// The offset of the first marker after entropy-coded data starting at `pos`, or the end of the input.
fn skip_entropy_coded_data(bytes: &[u8], mut pos: usize) -> usize {
    while let Some(offset) = bytes.get(pos..).and_then(|rest| rest.iter().position(|&b| b == 0xFF)) {
        pos += offset;
        match bytes.get(pos + 1) {
            Some(0x00 | 0xD0..=0xD7 | 0xFF) => pos += 1,
            _ => return pos,
        }
    }
    bytes.len()
}

pub(crate) fn malformed(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::MalformedImage, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_segments_skips_entropy_data_and_counts_scans() {
        let file = [
            0xFF, 0xD8, // SOI
            0xFF, 0xFE, 0x00, 0x04, b'h', b'i', // COM
            0xFF, 0xDA, 0x00, 0x02, // SOS (empty header is enough for the walker)
            0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, // data with a stuffed byte and RST0
            0xFF, 0xDA, 0x00, 0x02, 0x78, // second scan
            0xFF, 0xD9, 0xAA, // EOI + one trailing byte
        ];
        let walk = walk(&file, &Limits::default()).unwrap();
        assert_eq!(walk.segments.len(), 3);
        assert_eq!(walk.segments[0].payload, b"hi");
        assert_eq!(walk.scans, 2);
        assert!(walk.has_eoi);
        assert_eq!(walk.trailing_bytes, 1);
        assert!(!walk.truncated);
    }

    #[test]
    fn a_cut_file_is_truncated_not_an_error() {
        let walk = walk(&[0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x10, 1, 2], &Limits::default()).unwrap();
        assert!(walk.truncated);
        assert!(walk.segments.is_empty());
    }

    #[test]
    fn refuses_missing_soi_and_bad_lengths() {
        assert!(walk(b"\x89PNG", &Limits::default()).is_err());
        assert!(walk(&[0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x01], &Limits::default()).is_err());
    }
}
