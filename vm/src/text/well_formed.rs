//! Surrogate-pair decoding and well-formedness of UTF-16 strings:
//! CodePointAt, String.prototype.isWellFormed and toWellFormed.

/// The Record CodePointAt returns
/// (<https://tc39.es/ecma262/#sec-codepointat>).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CodePoint {
    /// \[\[CodePoint]]: the decoded code point (a lone surrogate decodes to
    /// itself).
    pub code_point: u32,
    /// \[\[CodeUnitCount]]: 1 or 2.
    pub code_unit_count: u8,
    /// \[\[IsUnpairedSurrogate]].
    pub is_unpaired_surrogate: bool,
}

fn is_leading_surrogate(cu: u16) -> bool {
    (0xD800..=0xDBFF).contains(&cu)
}

fn is_trailing_surrogate(cu: u16) -> bool {
    (0xDC00..=0xDFFF).contains(&cu)
}

/// CodePointAt(string, position). The spec asserts `position` is in range;
/// out of range yields `None` rather than a panic.
/// <https://tc39.es/ecma262/#sec-codepointat>
pub fn code_point_at(s: &[u16], position: usize) -> Option<CodePoint> {
    // 1-2. The first code unit.
    let first = *s.get(position)?;
    let single = |unpaired| CodePoint {
        code_point: u32::from(first),
        code_unit_count: 1,
        is_unpaired_surrogate: unpaired,
    };
    // 4. Not a surrogate.
    if !is_leading_surrogate(first) && !is_trailing_surrogate(first) {
        return Some(single(false));
    }
    // 5. A trailing surrogate, or a leading one at the end.
    if is_trailing_surrogate(first) {
        return Some(single(true));
    }
    // 6-7. A leading surrogate not followed by a trailing one.
    let second = match s.get(position + 1) {
        Some(&second) if is_trailing_surrogate(second) => second,
        _ => return Some(single(true)),
    };
    // 8-9. UTF16SurrogatePairToCodePoint(first, second).
    let cp = (u32::from(first) - 0xD800) * 0x400 + (u32::from(second) - 0xDC00) + 0x10000;
    Some(CodePoint {
        code_point: cp,
        code_unit_count: 2,
        is_unpaired_surrogate: false,
    })
}

/// Index of the first lone surrogate at or after `from`, if any.
fn next_lone_surrogate(s: &[u16], mut from: usize) -> Option<usize> {
    while let Some(cp) = code_point_at(s, from) {
        if cp.is_unpaired_surrogate {
            return Some(from);
        }
        from += usize::from(cp.code_unit_count);
    }
    None
}

/// IsStringWellFormedUnicode(string): no lone surrogates.
/// <https://tc39.es/ecma262/#sec-isstringwellformedunicode>
pub fn is_well_formed(s: &[u16]) -> bool {
    next_lone_surrogate(s, 0).is_none()
}

/// String.prototype.toWellFormed: every lone surrogate becomes U+FFFD.
/// <https://tc39.es/ecma262/#sec-string.prototype.towellformed>
pub fn to_well_formed(s: &[u16]) -> Vec<u16> {
    let mut out = s.to_vec();
    let mut k = 0;
    while let Some(lone) = next_lone_surrogate(s, k) {
        if let Some(slot) = out.get_mut(lone) {
            *slot = 0xFFFD;
        }
        k = lone + 1;
    }
    out
}

/// A piece of a string split at its lone surrogates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Segment<'a> {
    /// A non-empty run free of lone surrogates.
    WellFormed(&'a [u16]),
    /// One lone surrogate.
    Lone(u16),
}

/// The well-formed runs and lone surrogates of `s`, in order.
pub(super) fn segments(s: &[u16]) -> impl Iterator<Item = Segment<'_>> {
    let mut start = 0;
    let mut pending_lone: Option<u16> = None;
    core::iter::from_fn(move || {
        if let Some(lone) = pending_lone.take() {
            return Some(Segment::Lone(lone));
        }
        if start >= s.len() {
            return None;
        }
        let end = next_lone_surrogate(s, start).unwrap_or(s.len());
        let run = s.get(start..end).unwrap_or(&[]);
        let lone = s.get(end).copied();
        start = end + 1;
        if run.is_empty() {
            lone.map(Segment::Lone)
        } else {
            pending_lone = lone;
            Some(Segment::WellFormed(run))
        }
    })
}

/// The Rust string of a lone-surrogate-free run (lossless for such runs).
pub(super) fn run_to_string(run: &[u16]) -> String {
    char::decode_utf16(run.iter().copied())
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::utf16;

    fn cp(code_point: u32, code_unit_count: u8, is_unpaired_surrogate: bool) -> Option<CodePoint> {
        Some(CodePoint {
            code_point,
            code_unit_count,
            is_unpaired_surrogate,
        })
    }

    #[test]
    fn code_point_at_decodes_every_shape() {
        let s = [0x61, 0xD83D, 0xDE00, 0xDC00, 0xD800, 0x62, 0xDBFF];
        assert_eq!(code_point_at(&s, 0), cp(0x61, 1, false));
        assert_eq!(code_point_at(&s, 1), cp(0x1F600, 2, false));
        // Starting on the trailing half of a pair sees a lone trail.
        assert_eq!(code_point_at(&s, 2), cp(0xDE00, 1, true));
        assert_eq!(code_point_at(&s, 3), cp(0xDC00, 1, true));
        assert_eq!(code_point_at(&s, 4), cp(0xD800, 1, true));
        assert_eq!(code_point_at(&s, 6), cp(0xDBFF, 1, true));
        assert_eq!(code_point_at(&s, 7), None);
        assert_eq!(code_point_at(&[0xDBFF, 0xDFFF], 0), cp(0x10FFFF, 2, false));
        assert_eq!(code_point_at(&[0xD800, 0xDC00], 0), cp(0x10000, 2, false));
    }

    #[test]
    fn well_formedness_matches_test262() {
        // isWellFormed/returns-boolean.js and toWellFormed/returns-well-formed-string.js
        assert!(is_well_formed(&utf16("a\u{10000}b")));
        assert!(is_well_formed(&[]));
        assert!(!is_well_formed(&[0x61, 0xD800, 0x62]));
        assert!(!is_well_formed(&[0x61, 0xDC00, 0x62]));
        assert!(!is_well_formed(&[0xDC00, 0xD800]));
        assert_eq!(
            to_well_formed(&[0x61, 0xD800, 0x62, 0xDC00, 0xD83D, 0xDE00, 0xDC00, 0xD800]),
            vec![0x61, 0xFFFD, 0x62, 0xFFFD, 0xD83D, 0xDE00, 0xFFFD, 0xFFFD]
        );
        assert_eq!(to_well_formed(&utf16("abc")), utf16("abc"));
    }

    #[test]
    fn runs_split_at_lone_surrogates() {
        let s = [0xD800, 0x61, 0xD83D, 0xDE00, 0xDC00, 0xDC00, 0x62];
        let parts: Vec<String> = segments(&s)
            .map(|seg| match seg {
                Segment::WellFormed(r) => format!("run:{}", run_to_string(r)),
                Segment::Lone(l) => format!("lone:{l:X}"),
            })
            .collect();
        assert_eq!(
            parts,
            [
                "lone:D800",
                "run:a\u{1F600}",
                "lone:DC00",
                "lone:DC00",
                "run:b"
            ]
        );
        assert_eq!(segments(&[]).count(), 0);
        assert_eq!(
            segments(&[0xDC00]).collect::<Vec<_>>(),
            [Segment::Lone(0xDC00)]
        );
        assert_eq!(
            segments(&[0x61]).collect::<Vec<_>>(),
            [Segment::WellFormed(&[0x61])]
        );
    }
}
