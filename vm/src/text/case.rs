//! String.prototype.toUpperCase / toLowerCase: locale-insensitive full case
//! mapping, code point by code point.
//!
//! The unconditional mappings of UnicodeData.txt and SpecialCasing.txt come
//! from Rust's `char::to_uppercase`/`to_lowercase` (Unicode 17.0.0 as of Rust
//! 1.95, the version test262's generated data targets); the one
//! locale-insensitive conditional mapping, Final_Sigma, is applied here.

use super::case_properties::{CASED, CASE_IGNORABLE};
use super::well_formed::code_point_at;

const CAPITAL_SIGMA: u32 = 0x03A3;
const SMALL_FINAL_SIGMA: u16 = 0x03C2;

fn in_table(table: &[(u32, u32)], cp: u32) -> bool {
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < cp {
                core::cmp::Ordering::Less
            } else if lo > cp {
                core::cmp::Ordering::Greater
            } else {
                core::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn is_cased(cp: u32) -> bool {
    in_table(CASED, cp)
}

fn is_case_ignorable(cp: u32) -> bool {
    in_table(CASE_IGNORABLE, cp)
}

/// The code point ending just before index `end` and the index it starts
/// at; a lone surrogate is its own code point.
fn code_point_before(s: &[u16], end: usize) -> Option<(u32, usize)> {
    let last_index = end.checked_sub(1)?;
    let last = *s.get(last_index)?;
    if (0xDC00..=0xDFFF).contains(&last) {
        if let Some(lead_index) = last_index.checked_sub(1) {
            if let Some(pair) = code_point_at(s, lead_index) {
                if pair.code_unit_count == 2 {
                    return Some((pair.code_point, lead_index));
                }
            }
        }
    }
    Some((u32::from(last), last_index))
}

/// The Final_Sigma casing context for the sigma spanning `start..end`:
/// preceded by a cased code point (skipping case-ignorable ones) and not
/// followed by one (again skipping case-ignorable ones). Skipping is
/// greedy, as test262's special_casing_conditional.js expects of U+0345
/// (both cased and case-ignorable). Each scan stops at the first code point
/// that is not case-ignorable, so over a whole string every code unit is
/// visited a bounded number of times.
/// <https://www.unicode.org/versions/latest/core-spec/chapter-3/#G54277>
fn is_final_sigma(s: &[u16], start: usize, end: usize) -> bool {
    let mut before = start;
    let preceded_by_cased = loop {
        match code_point_before(s, before) {
            None => break false,
            Some((cp, at)) if is_case_ignorable(cp) => before = at,
            Some((cp, _)) => break is_cased(cp),
        }
    };
    if !preceded_by_cased {
        return false;
    }
    let mut after = end;
    loop {
        match code_point_at(s, after) {
            None => return true,
            Some(cp) if is_case_ignorable(cp.code_point) => {
                after += usize::from(cp.code_unit_count);
            }
            Some(cp) => return !is_cased(cp.code_point),
        }
    }
}

/// Applies `map` to each code point of `s`, passing lone surrogates
/// through unchanged.
fn map_code_points<I: Iterator<Item = char>>(
    s: &[u16],
    mut map: impl FnMut(char, usize, usize) -> I,
) -> Vec<u16> {
    let mut out = Vec::with_capacity(s.len());
    let mut k = 0;
    let mut buf = [0u16; 2];
    while let Some(cp) = code_point_at(s, k) {
        let next = k + usize::from(cp.code_unit_count);
        match char::from_u32(cp.code_point) {
            Some(c) if !cp.is_unpaired_surrogate => {
                for mapped in map(c, k, next) {
                    out.extend_from_slice(mapped.encode_utf16(&mut buf));
                }
            }
            _ => out.extend(s.get(k..next).unwrap_or(&[])),
        }
        k = next;
    }
    out
}

/// String.prototype.toUpperCase: the full, locale-insensitive uppercase
/// mapping of each code point (which may lengthen the string, e.g. ß → SS).
/// <https://tc39.es/ecma262/#sec-string.prototype.touppercase>
pub fn to_upper_case(s: &[u16]) -> Vec<u16> {
    map_code_points(s, |c, _, _| c.to_uppercase())
}

/// String.prototype.toLowerCase: the full, locale-insensitive lowercase
/// mapping of each code point, including the Final_Sigma condition on
/// U+03A3.
/// <https://tc39.es/ecma262/#sec-string.prototype.tolowercase>
pub fn to_lower_case(s: &[u16]) -> Vec<u16> {
    let mut out = Vec::with_capacity(s.len());
    lower_case_into(s, &mut out);
    out
}

fn lower_case_into(s: &[u16], out: &mut Vec<u16>) {
    // Final sigma maps to a single BMP code unit, so it is spliced in by
    // hand and every other code point goes through `char::to_lowercase`.
    let mut k = 0;
    let mut buf = [0u16; 2];
    while let Some(cp) = code_point_at(s, k) {
        let next = k + usize::from(cp.code_unit_count);
        match char::from_u32(cp.code_point) {
            Some(_) if cp.code_point == CAPITAL_SIGMA && is_final_sigma(s, k, next) => {
                out.push(SMALL_FINAL_SIGMA);
            }
            Some(c) if !cp.is_unpaired_surrogate => {
                for mapped in c.to_lowercase() {
                    out.extend_from_slice(mapped.encode_utf16(&mut buf));
                }
            }
            _ => out.extend(s.get(k..next).unwrap_or(&[])),
        }
        k = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::utf16;

    fn lower(s: &str) -> String {
        String::from_utf16_lossy(&to_lower_case(&utf16(s)))
    }

    fn upper(s: &str) -> String {
        String::from_utf16_lossy(&to_upper_case(&utf16(s)))
    }

    #[test]
    fn ascii_and_latin() {
        assert_eq!(upper("abc XYZ 123"), "ABC XYZ 123");
        assert_eq!(lower("ABC xyz 123"), "abc xyz 123");
        assert_eq!(upper(""), "");
        assert_eq!(lower("\u{C0}\u{DE}"), "\u{E0}\u{FE}");
        assert_eq!(upper("\u{FF}"), "\u{178}");
    }

    #[test]
    fn special_casing_unconditional() {
        // toUpperCase/special_casing.js
        assert_eq!(upper("\u{DF}"), "SS");
        assert_eq!(upper("\u{FB00}"), "FF");
        assert_eq!(upper("\u{FB03}"), "FFI");
        assert_eq!(upper("\u{149}"), "\u{2BC}N");
        assert_eq!(upper("\u{390}"), "\u{399}\u{308}\u{301}");
        assert_eq!(upper("\u{1F80}"), "\u{1F08}\u{399}");
        assert_eq!(upper("\u{1FB3}"), "\u{391}\u{399}");
        // toLowerCase/special_casing.js
        assert_eq!(lower("\u{130}"), "i\u{307}");
        assert_eq!(lower("\u{1F88}"), "\u{1F80}");
        assert_eq!(lower("\u{1FBC}"), "\u{1FB3}");
    }

    #[test]
    fn supplementary_plane() {
        // toLowerCase/supplementary_plane.js and toUpperCase/supplementary_plane.js
        assert_eq!(lower("\u{10400}\u{10427}"), "\u{10428}\u{1044F}");
        assert_eq!(upper("\u{10428}\u{1044F}"), "\u{10400}\u{10427}");
        assert_eq!(lower("\u{1E900}"), "\u{1E922}");
        assert_eq!(upper("\u{1E922}"), "\u{1E900}");
    }

    #[test]
    fn lone_surrogates_pass_through() {
        let s = [0xD801, 0x61, 0xDC00, 0xD801, 0xDC00, 0xD801];
        assert_eq!(
            to_upper_case(&s),
            vec![0xD801, 0x41, 0xDC00, 0xD801, 0xDC00, 0xD801]
        );
        assert_eq!(
            to_lower_case(&s),
            vec![0xD801, 0x61, 0xDC00, 0xD801, 0xDC28, 0xD801]
        );
    }

    #[test]
    fn final_sigma_as_test262_expects() {
        // toLowerCase/special_casing_conditional.js, case by case.
        assert_eq!(lower("\u{3A3}"), "\u{3C3}");
        assert_eq!(lower("A\u{3A3}"), "a\u{3C2}");
        assert_eq!(lower("\u{1D4A2}\u{3A3}"), "\u{1D4A2}\u{3C2}");
        assert_eq!(lower("A.\u{3A3}"), "a.\u{3C2}");
        assert_eq!(lower("A\u{AD}\u{3A3}"), "a\u{AD}\u{3C2}");
        assert_eq!(lower("A\u{1D242}\u{3A3}"), "a\u{1D242}\u{3C2}");
        assert_eq!(lower("\u{345}\u{3A3}"), "\u{345}\u{3C3}");
        assert_eq!(lower("\u{391}\u{345}\u{3A3}"), "\u{3B1}\u{345}\u{3C2}");
        assert_eq!(lower("A\u{3A3}B"), "a\u{3C3}b");
        assert_eq!(lower("A\u{3A3}\u{1D4A2}"), "a\u{3C3}\u{1D4A2}");
        assert_eq!(lower("A\u{3A3}.b"), "a\u{3C3}.b");
        assert_eq!(lower("A\u{3A3}\u{AD}B"), "a\u{3C3}\u{AD}b");
        assert_eq!(lower("A\u{3A3}\u{1D242}B"), "a\u{3C3}\u{1D242}b");
        assert_eq!(lower("A\u{3A3}\u{345}"), "a\u{3C2}\u{345}");
        assert_eq!(lower("A\u{3A3}\u{345}\u{391}"), "a\u{3C3}\u{345}\u{3B1}");
    }

    #[test]
    fn final_sigma_with_u180e() {
        // toLowerCase/Final_Sigma_U180E.js: U+180E is Cf, hence case-ignorable.
        assert_eq!(lower("A\u{180E}\u{3A3}"), "a\u{180E}\u{3C2}");
        assert_eq!(lower("A\u{180E}\u{3A3}B"), "a\u{180E}\u{3C3}b");
        assert_eq!(lower("A\u{3A3}\u{180E}"), "a\u{3C2}\u{180E}");
        assert_eq!(lower("A\u{3A3}\u{180E}B"), "a\u{3C3}\u{180E}b");
        assert_eq!(
            lower("A\u{180E}\u{3A3}\u{180E}"),
            "a\u{180E}\u{3C2}\u{180E}"
        );
        assert_eq!(
            lower("A\u{180E}\u{3A3}\u{180E}B"),
            "a\u{180E}\u{3C3}\u{180E}b"
        );
    }

    #[test]
    fn final_sigma_edges() {
        // Word-final sigmas in a phrase; a sigma after a sigma is preceded
        // by a cased letter.
        assert_eq!(
            lower("\u{39F}\u{394}\u{3A5}\u{3A3}\u{3A3}\u{395}\u{3A5}\u{3A3} \u{3A3}"),
            "\u{3BF}\u{3B4}\u{3C5}\u{3C3}\u{3C3}\u{3B5}\u{3C5}\u{3C2} \u{3C3}"
        );
        assert_eq!(lower("\u{3A3}\u{3A3}"), "\u{3C3}\u{3C2}");
        // A lone surrogate is neither cased nor case-ignorable.
        let s = [0x41, 0xD800, 0x3A3];
        assert_eq!(to_lower_case(&s), vec![0x61, 0xD800, 0x3C3]);
        let s = [0x41, 0x3A3, 0xDC00];
        assert_eq!(to_lower_case(&s), vec![0x61, 0x3C2, 0xDC00]);
        assert_eq!(upper("\u{3C2}"), "\u{3A3}");
    }

    #[test]
    fn agrees_with_std_on_every_code_point() {
        let mut buf = [0u16; 2];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let units = c.encode_utf16(&mut buf).to_vec();
            let up: Vec<u16> = c
                .to_uppercase()
                .collect::<String>()
                .encode_utf16()
                .collect();
            assert_eq!(to_upper_case(&units), up, "{c:?}");
            // A lone capital sigma is not final (no cased letter before it).
            let low: Vec<u16> = c
                .to_lowercase()
                .collect::<String>()
                .encode_utf16()
                .collect();
            assert_eq!(to_lower_case(&units), low, "{c:?}");
        }
    }

    #[test]
    fn property_tables_are_sorted_and_disjoint() {
        for table in [CASED, CASE_IGNORABLE] {
            for pair in table.windows(2) {
                if let [(lo, hi), (next_lo, _)] = pair {
                    assert!(lo <= hi && hi < next_lo);
                }
            }
        }
        assert!(is_cased(0x41) && is_cased(0x345) && is_cased(0x1D4A2) && !is_cased(0x2E));
        assert!(is_case_ignorable(0x2E) && is_case_ignorable(0x345) && !is_case_ignorable(0x41));
    }

    #[test]
    fn long_runs_of_ignorables_stay_linear() {
        // Alternating sigmas and long ignorable runs: each run is scanned a
        // bounded number of times.
        let mut s = vec![0x41u16];
        for _ in 0..2000 {
            s.extend(std::iter::repeat_n(0xAD, 500));
            s.push(0x3A3);
        }
        let out = to_lower_case(&s);
        assert_eq!(out.len(), s.len());
        assert_eq!(out.last(), Some(&0x3C2));
        assert_eq!(out.iter().filter(|&&cu| cu == 0x3C3).count(), 1999);
    }
}
