//! The frame header (SOFn): dimensions, precision, components and coding process.

use serde::Serialize;

use super::marker::malformed;
use crate::error::Result;

/// How the image data is coded, from the SOFn marker (T.81 Table B.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Process {
    /// SOF0: baseline sequential DCT, Huffman coded — what the standard expects.
    Baseline,
    /// SOF1 / SOF9: extended sequential DCT.
    ExtendedSequential,
    /// SOF2 / SOF10: progressive DCT.
    Progressive,
    /// SOF3 / SOF11: lossless.
    Lossless,
    /// SOF5–7 / SOF13–15: hierarchical (differential) coding.
    Hierarchical,
}

/// One component of the frame (B.2.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Component {
    pub(crate) id: u8,
    pub(crate) quant_table: u8,
}

/// The parsed frame header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Frame {
    pub(crate) process: Process,
    pub(crate) arithmetic: bool,
    pub(crate) precision_bits: u8,
    pub(crate) width_px: u32,
    pub(crate) height_px: u32,
    pub(crate) components: Vec<Component>,
}

/// T.81 B.2.2 frame header: P, Y, X, Nf, then Nf × (Ci, Hi/Vi, Tqi).
pub(crate) fn parse_sof(marker: u8, payload: &[u8]) -> Result<Frame> {
    let process = match marker & 0x07 {
        0 => Process::Baseline,
        1 => Process::ExtendedSequential,
        2 => Process::Progressive,
        3 => Process::Lossless,
        _ => Process::Hierarchical,
    };
    let arithmetic = marker >= 0xC8; // SOF9–SOF15; SOF8 (JPG) is never passed here
    let &[precision_bits, h1, h0, w1, w0, count, ref rest @ ..] = payload else {
        return Err(malformed(format!(
            "SOF{:X} header of {} bytes is too short",
            marker & 0x0F,
            payload.len()
        )));
    };
    let height_px = u32::from(u16::from_be_bytes([h1, h0]));
    let width_px = u32::from(u16::from_be_bytes([w1, w0]));
    if width_px == 0 || height_px == 0 {
        return Err(malformed(format!("invalid dimensions {width_px}×{height_px} in SOF")));
    }
    if !matches!(count, 1..=4) {
        return Err(malformed(format!("invalid component count {count} in SOF")));
    }
    let mut components = Vec::new();
    components.try_reserve(usize::from(count))?;
    for spec in rest.chunks_exact(3).take(usize::from(count)) {
        if let &[id, _sampling, quant_table] = spec {
            components.push(Component { id, quant_table });
        }
    }
    if components.len() != usize::from(count) {
        return Err(malformed(format!("SOF declares {count} components but holds {}", components.len())));
    }
    Ok(Frame { process, arithmetic, precision_bits, width_px, height_px, components })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_baseline_ycbcr_header() {
        let payload = [8, 0x02, 0x80, 0x01, 0xE0, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
        let frame = parse_sof(0xC0, &payload).unwrap();
        assert_eq!((frame.width_px, frame.height_px), (480, 640));
        assert_eq!(frame.process, Process::Baseline);
        assert!(!frame.arithmetic);
        assert_eq!(frame.components.len(), 3);
        assert_eq!(frame.components[1].quant_table, 1);
    }

    #[test]
    fn recognises_progressive_and_arithmetic() {
        let payload = [8, 0, 1, 0, 1, 1, 1, 0x11, 0];
        assert_eq!(parse_sof(0xC2, &payload).unwrap().process, Process::Progressive);
        let arith = parse_sof(0xC9, &payload).unwrap();
        assert!(arith.arithmetic);
        assert_eq!(arith.process, Process::ExtendedSequential);
    }

    #[test]
    fn refuses_short_headers_and_zero_sizes() {
        assert!(parse_sof(0xC0, &[8, 0, 1]).is_err());
        assert!(parse_sof(0xC0, &[8, 0, 0, 0, 1, 1, 1, 0x11, 0]).is_err());
        assert!(parse_sof(0xC0, &[8, 0, 1, 0, 1, 3, 1, 0x11, 0]).is_err());
    }
}
