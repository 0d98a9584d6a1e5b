//! Recognises the real format of a file from its first bytes, whatever its name says.

use serde::Serialize;

/// An image container format, as recognised from its signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Format {
    /// JPEG (JFIF or EXIF), signature `FF D8 FF`.
    Jpeg,
    /// PNG.
    Png,
    /// WebP (RIFF container).
    Webp,
    /// GIF 87a or 89a.
    Gif,
    /// Windows bitmap.
    Bmp,
    /// HEIC / HEIF (ISO BMFF with an image brand), as phones save them.
    Heif,
    /// AVIF (ISO BMFF with the `avif` brand).
    Avif,
    /// None of the above.
    Unknown,
}

impl Format {
    /// A short display name: `"JPEG"`, `"PNG"`, ….
    pub fn name(self) -> &'static str {
        match self {
            Format::Jpeg => "JPEG",
            Format::Png => "PNG",
            Format::Webp => "WebP",
            Format::Gif => "GIF",
            Format::Bmp => "BMP",
            Format::Heif => "HEIC/HEIF",
            Format::Avif => "AVIF",
            Format::Unknown => "unknown",
        }
    }
}

/// (signature, mask, format): a byte matches where `input & mask == signature & mask`.
const SIGNATURES: &[(&[u8], &[u8], Format)] = &[
    (b"\xFF\xD8\xFF", b"\xFF\xFF\xFF", Format::Jpeg),
    (b"\x89PNG\r\n\x1A\n", b"\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", Format::Png),
    (b"RIFF\0\0\0\0WEBP", b"\xFF\xFF\xFF\xFF\0\0\0\0\xFF\xFF\xFF\xFF", Format::Webp),
    (b"GIF87a", b"\xFF\xFF\xFF\xFF\xFF\xFF", Format::Gif),
    (b"GIF89a", b"\xFF\xFF\xFF\xFF\xFF\xFF", Format::Gif),
    (b"BM", b"\xFF\xFF", Format::Bmp),
    (b"\0\0\0\0ftypheic", b"\0\0\0\0\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", Format::Heif),
    (b"\0\0\0\0ftypheix", b"\0\0\0\0\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", Format::Heif),
    (b"\0\0\0\0ftyphevc", b"\0\0\0\0\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", Format::Heif),
    (b"\0\0\0\0ftypheim", b"\0\0\0\0\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", Format::Heif),
    (b"\0\0\0\0ftypheis", b"\0\0\0\0\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", Format::Heif),
    (b"\0\0\0\0ftypmif1", b"\0\0\0\0\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", Format::Heif),
    (b"\0\0\0\0ftypmsf1", b"\0\0\0\0\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", Format::Heif),
    (b"\0\0\0\0ftypavif", b"\0\0\0\0\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", Format::Avif),
    (b"\0\0\0\0ftypavis", b"\0\0\0\0\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", Format::Avif),
];

/// The format whose signature the bytes start with, or [`Format::Unknown`].
pub fn sniff(bytes: &[u8]) -> Format {
    SIGNATURES
        .iter()
        .find(|(signature, mask, _)| {
            bytes.len() >= signature.len()
                && signature.iter().zip(mask.iter()).zip(bytes).all(|((s, m), b)| b & m == s & m)
        })
        .map_or(Format::Unknown, |(_, _, format)| *format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_each_signature_and_nothing_shorter() {
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0\0\x10JFIF"), Format::Jpeg);
        assert_eq!(sniff(b"\x89PNG\r\n\x1A\n\0\0"), Format::Png);
        assert_eq!(sniff(b"RIFF\x24\0\0\0WEBPVP8 "), Format::Webp);
        assert_eq!(sniff(b"GIF89a\x01\0"), Format::Gif);
        assert_eq!(sniff(b"BM\0\0"), Format::Bmp);
        assert_eq!(sniff(b"\0\0\0\x18ftypheic\0\0\0\0"), Format::Heif);
        assert_eq!(sniff(b"\0\0\0\x1cftypavif"), Format::Avif);
        assert_eq!(sniff(b"\xFF\xD8"), Format::Unknown);
        assert_eq!(sniff(b""), Format::Unknown);
        assert_eq!(sniff(b"%PDF-1.7"), Format::Unknown);
    }
}
