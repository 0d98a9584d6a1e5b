//! sRGB to CIE L*a*b* (D65) and the CIEDE2000 colour difference.

/// A colour in CIE L*a*b* (D65).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Lab {
    pub(crate) l: f64,
    pub(crate) a: f64,
    pub(crate) b: f64,
}

impl Lab {
    /// CIE chroma C*ab. A square root rather than `hypot`, which guards against overflow that
    /// Lab's range never reaches at several times the cost (a call per pixel in some measures).
    pub(crate) fn chroma(self) -> f64 {
        (self.a * self.a + self.b * self.b).sqrt()
    }

    /// CIE hue angle h_ab in degrees, −180…180 (0 = red, 90 = yellow, −90 = blue).
    pub(crate) fn hue_deg(self) -> f64 {
        self.b.atan2(self.a).to_degrees()
    }
}

/// sRGB component 0–255 to linear light 0–1 (IEC 61966-2-1).
pub(crate) fn to_linear(c: f64) -> f64 {
    let c = c / 255.0;
    if c <= 0.04045 {
        c / 12.92
    } else {
        ((c + 0.055) / 1.055).powf(2.4)
    }
}

/// `to_linear` of every 8-bit value, computed once.
fn linear_table() -> &'static [f64; 256] {
    static TABLE: std::sync::OnceLock<[f64; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|i| to_linear(i as f64)))
}

/// Linear light of an 8-bit sRGB pixel, by table.
pub(crate) fn linear(rgb: [u8; 3]) -> [f64; 3] {
    let table = linear_table();
    rgb.map(|c| table[usize::from(c)])
}

/// The cube root of a positive finite `t`, by three Halley steps from a guess that divides the
/// exponent by three: within an ulp or two of `f64::cbrt`, at a fraction of its cost. The L*a*b*
/// conversions take a cube root per pixel, and `f64::cbrt` is the correctly rounded one of Rust's
/// own maths library on wasm32 (and in the native build here), built on `fma`: that was half of a
/// native check's time, and 14 ms (28 %) of the measurements in the browser (docs/benchmarks.md).
/// Anything else (zero, negative, NaN, infinite) goes to `f64::cbrt`.
pub(crate) fn cbrt(t: f64) -> f64 {
    if !(t.is_finite() && t >= f64::MIN_POSITIVE) {
        return t.cbrt();
    }
    // The exponent divided by three, through the bits (Kahan's magic constant): within 4 %.
    let mut y = f64::from_bits(t.to_bits() / 3 + 0x2a9f_7893_782d_a1ce);
    for _ in 0..3 {
        // Halley's step for y³ = t; the relative error goes from e to about e³.
        let y3 = y * y * y;
        y *= (y3 + 2.0 * t) / (2.0 * y3 + t);
    }
    y
}

/// CIE L* of linear-light sRGB (only luminance Y is needed).
pub(crate) fn lightness_from_linear([r, g, b]: [f64; 3]) -> f64 {
    let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175 * b;
    if y > 216.0 / 24389.0 {
        116.0 * cbrt(y) - 16.0
    } else {
        24389.0 / 27.0 * y
    }
}

/// Linear light 0–1 to an sRGB component 0–255.
pub(crate) fn from_linear(v: f64) -> f64 {
    let v = v.clamp(0.0, 1.0);
    255.0 * if v <= 0.003_130_8 { 12.92 * v } else { 1.055 * v.powf(1.0 / 2.4) - 0.055 }
}

/// Lab of an sRGB colour given as linear-light components.
pub(crate) fn lab_from_linear([r, g, b]: [f64; 3]) -> Lab {
    let x = (0.412_456_4 * r + 0.357_576_1 * g + 0.180_437_5 * b) / 0.950_47;
    let y = 0.212_672_9 * r + 0.715_152_2 * g + 0.072_175 * b;
    let z = (0.019_333_9 * r + 0.119_192 * g + 0.950_304_1 * b) / 1.088_83;
    let f = |t: f64| if t > 216.0 / 24389.0 { cbrt(t) } else { (24389.0 / 27.0 * t + 16.0) / 116.0 };
    let (fx, fy, fz) = (f(x), f(y), f(z));
    Lab { l: 116.0 * fy - 16.0, a: 500.0 * (fx - fy), b: 200.0 * (fy - fz) }
}

pub(crate) fn lab(rgb: [u8; 3]) -> Lab {
    lab_from_linear(linear(rgb))
}

/// CIEDE2000 (Sharma, Wu, Dalal 2005), kL = kC = kH = 1.
pub(crate) fn delta_e2000(x: Lab, y: Lab) -> f64 {
    use std::f64::consts::PI;
    let deg = |r: f64| r * 180.0 / PI;
    let rad = |d: f64| d * PI / 180.0;
    let c1 = x.a.hypot(x.b);
    let c2 = y.a.hypot(y.b);
    let c_bar = (c1 + c2) / 2.0;
    let g = 0.5 * (1.0 - (c_bar.powi(7) / (c_bar.powi(7) + 25f64.powi(7))).sqrt());
    let (a1, a2) = ((1.0 + g) * x.a, (1.0 + g) * y.a);
    let (c1p, c2p) = (a1.hypot(x.b), a2.hypot(y.b));
    let hue = |b: f64, a: f64| if b == 0.0 && a == 0.0 { 0.0 } else { deg(b.atan2(a)).rem_euclid(360.0) };
    let (h1, h2) = (hue(x.b, a1), hue(y.b, a2));
    let dl = y.l - x.l;
    let dc = c2p - c1p;
    let dh = if c1p * c2p == 0.0 {
        0.0
    } else if (h2 - h1).abs() <= 180.0 {
        h2 - h1
    } else if h2 - h1 > 180.0 {
        h2 - h1 - 360.0
    } else {
        h2 - h1 + 360.0
    };
    let dhh = 2.0 * (c1p * c2p).sqrt() * (rad(dh) / 2.0).sin();
    let l_bar = (x.l + y.l) / 2.0;
    let cp_bar = (c1p + c2p) / 2.0;
    let h_bar = if c1p * c2p == 0.0 {
        h1 + h2
    } else if (h1 - h2).abs() <= 180.0 {
        (h1 + h2) / 2.0
    } else if h1 + h2 < 360.0 {
        (h1 + h2 + 360.0) / 2.0
    } else {
        (h1 + h2 - 360.0) / 2.0
    };
    let t = 1.0 - 0.17 * rad(h_bar - 30.0).cos()
        + 0.24 * rad(2.0 * h_bar).cos()
        + 0.32 * rad(3.0 * h_bar + 6.0).cos()
        - 0.20 * rad(4.0 * h_bar - 63.0).cos();
    let d_theta = 30.0 * (-((h_bar - 275.0) / 25.0).powi(2)).exp();
    let rc = 2.0 * (cp_bar.powi(7) / (cp_bar.powi(7) + 25f64.powi(7))).sqrt();
    let sl = 1.0 + 0.015 * (l_bar - 50.0).powi(2) / (20.0 + (l_bar - 50.0).powi(2)).sqrt();
    let sc = 1.0 + 0.045 * cp_bar;
    let sh = 1.0 + 0.015 * cp_bar * t;
    let rt = -(rad(2.0 * d_theta)).sin() * rc;
    ((dl / sl).powi(2) + (dc / sc).powi(2) + (dhh / sh).powi(2) + rt * (dc / sc) * (dhh / sh)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lab_of_white_and_the_sharma_test_pairs() {
        let white = lab([255, 255, 255]);
        assert!((white.l - 100.0).abs() < 0.01 && white.a.abs() < 0.01 && white.b.abs() < 0.01);
        // Pairs 1, 7 and 17 of Sharma, Wu and Dalal's test data.
        let pairs = [
            ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
            ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
            ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
        ];
        for ((l1, a1, b1), (l2, a2, b2), expected) in pairs {
            let d = delta_e2000(Lab { l: l1, a: a1, b: b1 }, Lab { l: l2, a: a2, b: b2 });
            assert!((d - expected).abs() < 1e-3, "{d} vs {expected}");
        }
        assert!((from_linear(to_linear(128.0)) - 128.0).abs() < 1e-9);
        let grey = linear([118, 118, 118]);
        assert!((lightness_from_linear(grey) - lab_from_linear(grey).l).abs() < 1e-9);
    }

    #[test]
    fn the_fast_cube_root_is_within_two_ulps_of_the_library_one() {
        // Over the range Lab uses and far beyond it; zero, negatives, NaN and infinity as
        // `f64::cbrt` gives them.
        let mut t = 216.0 / 24389.0;
        while t < 1e6 {
            let (fast, exact) = (cbrt(t), t.cbrt());
            assert!((fast - exact).abs() <= 2.0 * f64::EPSILON * exact, "cbrt({t}) = {fast}, not {exact}");
            t *= 1.000_123_7;
        }
        assert_eq!(cbrt(1e-310), 1e-310f64.cbrt());
        assert_eq!(cbrt(-8.0), -2.0);
        assert_eq!(cbrt(0.0), 0.0);
        assert!(cbrt(f64::NAN).is_nan() && cbrt(f64::INFINITY) == f64::INFINITY);
    }
}
