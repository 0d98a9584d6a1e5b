//! Quantisation tables (DQT) and the JPEG quality factor estimated from them.
//!
//! # Method
//! The IJG library (libjpeg, libjpeg-turbo, and most phone and browser encoders that follow it) makes
//! its tables by scaling the example tables of T.81 Annex K: for quality `q` in 1..=100 the scale is
//! `S = 5000 / q` below 50 and `S = 200 − 2q` from 50 on, and each entry becomes
//! `clamp((base · S + 50) / 100, 1, 255)` (integer division).
//!
//! We rebuild the tables for every `q` and pick the `q` whose luminance table (and chrominance table,
//! when the file has one) is nearest to the file's in summed absolute difference. When the difference
//! is zero the file was made by IJG scaling and the estimate is exact; otherwise (Photoshop, some
//! cameras) it is the IJG quality whose tables quantise most alike, which is how the checker's
//! "quality factor" is commonly read.

use serde::Serialize;

use super::marker::malformed;
use crate::error::Result;

/// The position in natural (row-major) order of each coefficient in zig-zag order (T.81 Figure A.6).
const ZIGZAG: [usize; 64] = [
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7,
    14, 21, 28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39,
    46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/// T.81 Table K.1, natural order.
const LUMINANCE: [u16; 64] = [
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17,
    22, 29, 51, 87, 80, 62, 18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78,
    87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

/// T.81 Table K.2, natural order.
const CHROMINANCE: [u16; 64] = [
    17, 18, 24, 47, 99, 99, 99, 99, 18, 21, 26, 66, 99, 99, 99, 99, 24, 26, 56, 99, 99, 99, 99, 99, 47, 66,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
    99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99, 99,
];

/// One quantisation table as defined in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct QuantTable {
    pub(crate) id: u8,
    /// The 64 entries in natural (row-major) order.
    pub(crate) values: [u16; 64],
}

/// The estimated quality factor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct QualityEstimate {
    /// IJG quality 1–100.
    pub quality: u8,
    /// The tables are exactly IJG's at this quality.
    pub exact: bool,
}

/// T.81 B.2.4.1: a DQT segment holds one or more tables, each Pq/Tq then 64 entries in zig-zag order.
pub(crate) fn parse_dqt(payload: &[u8], tables: &mut Vec<QuantTable>) -> Result<()> {
    let mut rest = payload;
    while let Some((&pq_tq, after)) = rest.split_first() {
        let (pq, id) = (pq_tq >> 4, pq_tq & 0x0F);
        let entry_bytes = match pq {
            0 => 1,
            1 => 2,
            _ => return Err(malformed(format!("invalid precision {pq} in DQT"))),
        };
        if id > 3 {
            return Err(malformed(format!("invalid table id {id} in DQT")));
        }
        let Some(raw) = after.get(..64 * entry_bytes) else {
            return Err(malformed(format!("DQT table {id} is cut short")));
        };
        let mut values = [0u16; 64];
        for (k, chunk) in raw.chunks_exact(entry_bytes).enumerate() {
            let value = match chunk {
                [b] => u16::from(*b),
                [hi, lo] => u16::from_be_bytes([*hi, *lo]),
                _ => 0,
            };
            if let Some(slot) = ZIGZAG.get(k).and_then(|&n| values.get_mut(n)) {
                *slot = value;
            }
        }
        tables.retain(|t| t.id != id);
        tables.try_reserve(1)?;
        tables.push(QuantTable { id, values });
        rest = after.get(64 * entry_bytes..).unwrap_or_default();
    }
    Ok(())
}

/// The IJG table for `base` at `quality`, natural order.
fn ijg_table(base: &[u16; 64], quality: u8) -> [u16; 64] {
    let q = u32::from(quality.clamp(1, 100));
    let scale = if q < 50 { 5000 / q } else { 200 - 2 * q };
    base.map(|b| ((u32::from(b) * scale + 50) / 100).clamp(1, 255) as u16)
}

fn distance(a: &[u16; 64], b: &[u16; 64]) -> u32 {
    a.iter().zip(b).map(|(&x, &y)| u32::from(x.abs_diff(y))).sum()
}

/// Estimates the quality from the luminance table and, when given, the chrominance table.
pub(crate) fn estimate_quality(luma: &QuantTable, chroma: Option<&QuantTable>) -> QualityEstimate {
    let (mut best_q, mut best_d) = (100u8, u32::MAX);
    for q in (1..=100u8).rev() {
        let mut d = distance(&luma.values, &ijg_table(&LUMINANCE, q));
        if let Some(c) = chroma {
            d += distance(&c.values, &ijg_table(&CHROMINANCE, q));
        }
        if d < best_d {
            (best_q, best_d) = (q, d);
        }
    }
    QualityEstimate { quality: best_q, exact: best_d == 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment_for(id: u8, natural: &[u16; 64]) -> Vec<u8> {
        let mut seg = vec![id];
        for &n in &ZIGZAG {
            seg.push(natural[n] as u8);
        }
        seg
    }

    #[test]
    fn recovers_every_ijg_quality_exactly() {
        for q in 1..=100u8 {
            let mut payload = segment_for(0, &ijg_table(&LUMINANCE, q));
            payload.extend(segment_for(1, &ijg_table(&CHROMINANCE, q)));
            let mut tables = Vec::new();
            parse_dqt(&payload, &mut tables).unwrap();
            let estimate = estimate_quality(&tables[0], Some(&tables[1]));
            // Near 100 several qualities round to the same all-ones tables; the estimate is the highest.
            if q < 98 {
                assert_eq!(estimate, QualityEstimate { quality: q, exact: true }, "quality {q}");
            }
            assert!(estimate.exact);
        }
    }

    #[test]
    fn parses_zigzag_order_into_natural_order() {
        let mut payload = vec![0u8];
        payload.extend(1..=64u8);
        let mut tables = Vec::new();
        parse_dqt(&payload, &mut tables).unwrap();
        assert_eq!(&tables[0].values[..4], &[1, 2, 6, 7]);
        assert_eq!(tables[0].values[8], 3);
    }

    #[test]
    fn refuses_bad_precision_and_short_tables() {
        let mut tables = Vec::new();
        assert!(parse_dqt(&[0x20; 65], &mut tables).is_err());
        assert!(parse_dqt(&[0x00; 30], &mut tables).is_err());
        assert!(parse_dqt(&[0x05; 65], &mut tables).is_err());
    }
}
