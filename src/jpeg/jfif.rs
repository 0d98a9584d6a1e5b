//! APP0 JFIF header (JFIF 1.02, ECMA TR/98 section 10.1): version and pixel density.

use serde::Serialize;

/// The unit of the JFIF density fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DensityUnit {
    /// 0: no unit, the densities give only the pixel aspect ratio.
    AspectOnly,
    /// 1: dots per inch.
    PerInch,
    /// 2: dots per centimetre.
    PerCm,
}

/// The JFIF APP0 header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Jfif {
    /// Major and minor version, e.g. `[1, 1]`.
    pub version: [u8; 2],
    /// Unit of the densities.
    pub unit: DensityUnit,
    /// Horizontal density.
    pub x_density: u16,
    /// Vertical density.
    pub y_density: u16,
}

impl Jfif {
    /// Horizontal resolution in dots per inch, when the header gives a unit.
    pub fn dpi(&self) -> Option<f64> {
        match self.unit {
            DensityUnit::AspectOnly => None,
            DensityUnit::PerInch => Some(f64::from(self.x_density)),
            DensityUnit::PerCm => Some(f64::from(self.x_density) * 2.54),
        }
    }
}

/// `JFIF\0`, version (2), units (1), Xdensity (2), Ydensity (2), thumbnail size (2) and pixels.
/// Returns `None` for other APP0 segments (JFXX, AVI1, …) and for unknown units.
pub(crate) fn parse_jfif(payload: &[u8]) -> Option<Jfif> {
    let &[b'J', b'F', b'I', b'F', 0, major, minor, unit, x1, x0, y1, y0, ..] = payload else {
        return None;
    };
    let unit = match unit {
        0 => DensityUnit::AspectOnly,
        1 => DensityUnit::PerInch,
        2 => DensityUnit::PerCm,
        _ => return None,
    };
    Some(Jfif {
        version: [major, minor],
        unit,
        x_density: u16::from_be_bytes([x1, x0]),
        y_density: u16::from_be_bytes([y1, y0]),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_density_in_inches_and_centimetres() {
        let inch = parse_jfif(b"JFIF\0\x01\x02\x01\x01\x2C\x01\x2C\0\0").unwrap();
        assert_eq!(inch.dpi(), Some(300.0));
        let cm = parse_jfif(b"JFIF\0\x01\x01\x02\x00\x76\x00\x76\0\0").unwrap();
        assert!((cm.dpi().unwrap() - 299.72).abs() < 1e-9);
        let aspect = parse_jfif(b"JFIF\0\x01\x01\x00\x00\x01\x00\x01\0\0").unwrap();
        assert_eq!(aspect.dpi(), None);
        assert!(parse_jfif(b"JFXX\0\x10").is_none());
    }
}
