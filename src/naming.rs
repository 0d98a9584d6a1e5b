//! File naming schemes: the 18-digit resident ID number (GB 11643-1999) and 4-digit sequences.

use crate::profile::NameScheme;
use crate::verdict::Reason;

impl NameScheme {
    /// Checks a file name against the scheme, as the `file.name` rule does: only the base name's
    /// stem is read, and a final `x` of an ID number counts as `X`. `Err` is the item's reason,
    /// [`Reason::BadPattern`] or [`Reason::BadCheckDigit`].
    pub fn check(self, file_name: &str) -> Result<(), Reason> {
        let stem = split_name(file_name).0;
        let result = match self {
            NameScheme::IdNumber => check_id_number(stem),
            NameScheme::Sequence4 => check_sequence4(stem),
        };
        result.map_err(|problem| match problem {
            NameProblem::Pattern => Reason::BadPattern,
            NameProblem::CheckDigit => Reason::BadCheckDigit,
        })
    }
}

/// Why a name does not follow its scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameProblem {
    /// Not 17 digits followed by a digit or `X` (for ID numbers), or not 4 digits 0001–9999.
    Pattern,
    /// Well-formed ID number whose check digit does not match.
    CheckDigit,
}

/// GB 11643-1999 section 6: weights 2^(18−i) mod 11 for positions 1–17.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/// The check character for each weighted sum mod 11.
const CHECK: [u8; 11] = *b"10X98765432";

/// The check character of the first 17 digits, or `None` if they are not 17 ASCII digits.
pub(crate) fn id_check_char(first17: &str) -> Option<char> {
    if first17.len() != 17 || !first17.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(b, w)| u32::from(b - b'0') * w).sum();
    CHECK.get((sum % 11) as usize).map(|&c| char::from(c))
}

/// Checks an 18-character resident ID number (a final `x` is read as `X`).
pub(crate) fn check_id_number(stem: &str) -> Result<(), NameProblem> {
    let (Some(first17), Some(last)) = (stem.get(..17), stem.get(17..)) else {
        return Err(NameProblem::Pattern);
    };
    if stem.len() != 18 {
        return Err(NameProblem::Pattern);
    }
    let expected = id_check_char(first17).ok_or(NameProblem::Pattern)?;
    let last = last.chars().next().map(|c| c.to_ascii_uppercase());
    match last {
        Some(c) if c == expected => Ok(()),
        Some(c) if c.is_ascii_digit() || c == 'X' => Err(NameProblem::CheckDigit),
        _ => Err(NameProblem::Pattern),
    }
}

/// Checks a 4-digit sequence number 0001–9999.
pub(crate) fn check_sequence4(stem: &str) -> Result<(), NameProblem> {
    if stem.len() == 4 && stem.bytes().all(|b| b.is_ascii_digit()) && stem != "0000" {
        Ok(())
    } else {
        Err(NameProblem::Pattern)
    }
}

/// Splits a path or file name into its base name's stem and extension (without the dot).
pub(crate) fn split_name(name: &str) -> (&str, Option<&str>) {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, Some(ext)),
        _ => (base, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_numbers_with_valid_and_invalid_check_digits() {
        // The worked example of GB 11643-1999 and numbers whose check character is X and 0.
        assert_eq!(check_id_number("11010519491231002X"), Ok(()));
        assert_eq!(check_id_number("11010519491231002x"), Ok(()));
        assert_eq!(check_id_number("440524188001010014"), Ok(()));
        assert_eq!(check_id_number("110105194912310021"), Err(NameProblem::CheckDigit));
        assert_eq!(check_id_number("440524188001010015"), Err(NameProblem::CheckDigit));
        assert_eq!(check_id_number("44052418800101001"), Err(NameProblem::Pattern));
        assert_eq!(check_id_number("4405241880010100141"), Err(NameProblem::Pattern));
        assert_eq!(check_id_number("44052418800101001Y"), Err(NameProblem::Pattern));
        assert_eq!(check_id_number("4405241880010100１4"), Err(NameProblem::Pattern));
        assert_eq!(id_check_char("11010519491231002"), Some('X'));
    }

    #[test]
    fn sequence_numbers_and_name_splitting() {
        assert_eq!(check_sequence4("0001"), Ok(()));
        assert_eq!(check_sequence4("9999"), Ok(()));
        assert_eq!(check_sequence4("0000"), Err(NameProblem::Pattern));
        assert_eq!(check_sequence4("123"), Err(NameProblem::Pattern));
        assert_eq!(split_name("C:\\photos\\0001.JPG"), ("0001", Some("JPG")));
        assert_eq!(split_name("a/b/photo.final.jpeg"), ("photo.final", Some("jpeg")));
        assert_eq!(split_name(".jpg"), (".jpg", None));
        assert_eq!(split_name("noext"), ("noext", None));
    }

    #[test]
    fn schemes_check_the_stem_of_a_file_name() {
        assert_eq!(NameScheme::IdNumber.check("photos/11010519491231002x.JPG"), Ok(()));
        assert_eq!(NameScheme::IdNumber.check("110105194912310021.jpg"), Err(Reason::BadCheckDigit));
        assert_eq!(NameScheme::Sequence4.check("0001.jpg"), Ok(()));
        assert_eq!(NameScheme::Sequence4.check("IMG_0001.jpg"), Err(Reason::BadPattern));
    }
}
