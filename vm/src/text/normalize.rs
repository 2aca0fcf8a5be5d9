//! String.prototype.normalize: the four Unicode normalization forms over
//! strings that may hold lone surrogates.

use super::well_formed::{run_to_string, segments, Segment};
use unicode_normalization::UnicodeNormalization;

/// A normalization form named by String.prototype.normalize's argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NormalizationForm {
    /// Canonical decomposition then canonical composition.
    Nfc,
    /// Canonical decomposition.
    Nfd,
    /// Compatibility decomposition then canonical composition.
    Nfkc,
    /// Compatibility decomposition.
    Nfkd,
}

impl NormalizationForm {
    /// The form named exactly `"NFC"`, `"NFD"`, `"NFKC"` or `"NFKD"`; any
    /// other name is a RangeError for the caller (step 5 of
    /// <https://tc39.es/ecma262/#sec-string.prototype.normalize>).
    pub fn from_name(name: &[u16]) -> Option<Self> {
        const fn units<const N: usize>(s: &[u8; N]) -> [u16; N] {
            let mut out = [0u16; N];
            let mut i = 0;
            while i < N {
                out[i] = s[i] as u16;
                i += 1;
            }
            out
        }
        match name {
            n if n == units(b"NFC") => Some(Self::Nfc),
            n if n == units(b"NFD") => Some(Self::Nfd),
            n if n == units(b"NFKC") => Some(Self::Nfkc),
            n if n == units(b"NFKD") => Some(Self::Nfkd),
            _ => None,
        }
    }
}

/// Steps 6-7 of String.prototype.normalize: the normalization of `s` in
/// `form`, as a String value.
///
/// The spec normalizes StringToCodePoints(S), in which a lone surrogate is
/// its own code point. A surrogate code point has canonical combining class
/// 0, no decomposition and no composition, so it is a boundary nothing
/// reorders or composes across: normalizing the well-formed runs between
/// lone surrogates separately gives the exact result.
/// <https://tc39.es/ecma262/#sec-string.prototype.normalize>
pub fn normalize(s: &[u16], form: NormalizationForm) -> Vec<u16> {
    let mut out = Vec::with_capacity(s.len());
    let mut buf = [0u16; 2];
    for segment in segments(s) {
        let run = match segment {
            Segment::WellFormed(run) => run,
            Segment::Lone(lone) => {
                out.push(lone);
                continue;
            }
        };
        let text = run_to_string(run);
        let mut push = |c: char| out.extend_from_slice(c.encode_utf16(&mut buf));
        match form {
            NormalizationForm::Nfc => text.nfc().for_each(&mut push),
            NormalizationForm::Nfd => text.nfd().for_each(&mut push),
            NormalizationForm::Nfkc => text.nfkc().for_each(&mut push),
            NormalizationForm::Nfkd => text.nfkd().for_each(&mut push),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::utf16;

    fn norm(s: &str, form: NormalizationForm) -> String {
        String::from_utf16_lossy(&normalize(&utf16(s), form))
    }

    #[test]
    fn form_names_are_exact() {
        assert_eq!(
            NormalizationForm::from_name(&utf16("NFC")),
            Some(NormalizationForm::Nfc)
        );
        assert_eq!(
            NormalizationForm::from_name(&utf16("NFD")),
            Some(NormalizationForm::Nfd)
        );
        assert_eq!(
            NormalizationForm::from_name(&utf16("NFKC")),
            Some(NormalizationForm::Nfkc)
        );
        assert_eq!(
            NormalizationForm::from_name(&utf16("NFKD")),
            Some(NormalizationForm::Nfkd)
        );
        // form-is-not-valid-throws.js
        for bad in ["nfc", "NFC1", "", "NF", "NFKC ", "null", "undefined"] {
            assert_eq!(NormalizationForm::from_name(&utf16(bad)), None, "{bad}");
        }
    }

    #[test]
    fn test262_return_normalized_string() {
        // return-normalized-string.js
        let s = "\u{1E9B}\u{323}";
        assert_eq!(norm(s, NormalizationForm::Nfc), "\u{1E9B}\u{323}");
        assert_eq!(norm(s, NormalizationForm::Nfd), "\u{17F}\u{323}\u{307}");
        assert_eq!(norm(s, NormalizationForm::Nfkc), "\u{1E69}");
        assert_eq!(norm(s, NormalizationForm::Nfkd), "\u{73}\u{323}\u{307}");
        // return-normalized-string-from-coerced-form.js / -using-default-parameter.js
        let s = "\u{00C5}\u{2ADC}\u{0958}\u{2126}\u{0344}";
        assert_eq!(
            norm(s, NormalizationForm::Nfc),
            "\u{C5}\u{2ADD}\u{338}\u{915}\u{93C}\u{3A9}\u{308}\u{301}"
        );
        assert_eq!(
            norm(s, NormalizationForm::Nfd),
            "\u{41}\u{30A}\u{2ADD}\u{338}\u{915}\u{93C}\u{3A9}\u{308}\u{301}"
        );
    }

    #[test]
    fn composes_and_decomposes() {
        assert_eq!(norm("e\u{301}", NormalizationForm::Nfc), "\u{E9}");
        assert_eq!(norm("\u{E9}", NormalizationForm::Nfd), "e\u{301}");
        assert_eq!(norm("\u{FB01}", NormalizationForm::Nfkc), "fi");
        assert_eq!(norm("\u{FB01}", NormalizationForm::Nfc), "\u{FB01}");
        // Canonical reordering of combining marks.
        assert_eq!(
            norm("a\u{301}\u{323}", NormalizationForm::Nfd),
            "a\u{323}\u{301}"
        );
        // Hangul.
        assert_eq!(
            norm("\u{1100}\u{1161}\u{11A8}", NormalizationForm::Nfc),
            "\u{AC01}"
        );
        assert_eq!(
            norm("\u{AC01}", NormalizationForm::Nfd),
            "\u{1100}\u{1161}\u{11A8}"
        );
        assert_eq!(norm("", NormalizationForm::Nfc), "");
    }

    #[test]
    fn lone_surrogates_block_and_survive() {
        // The combining acute must not compose with the `e` across U+D800.
        let s = [0x65, 0xD800, 0x301, 0xDC00, 0x65, 0x301];
        assert_eq!(
            normalize(&s, NormalizationForm::Nfc),
            vec![0x65, 0xD800, 0x301, 0xDC00, 0xE9]
        );
        assert_eq!(normalize(&[0xDFFF], NormalizationForm::Nfkd), vec![0xDFFF]);
        // Pairs are decoded, not split.
        let pair = utf16("\u{1D15E}");
        assert_eq!(
            normalize(&pair, NormalizationForm::Nfd),
            utf16("\u{1D157}\u{1D165}")
        );
    }
}
