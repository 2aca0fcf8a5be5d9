//! String literals.
//! <https://tc39.es/ecma262/#sec-literals-string-literals>

use crate::chars::byte_at;
use crate::escape::{scan_escape, EscapeMode};
use crate::lexer::byte_mask;
use crate::span::LexError;

/// A scanned string literal.
pub(crate) struct StringLit {
    pub end: usize,
    pub value: Box<[u16]>,
    pub legacy_octal: bool,
}

/// Scans the string literal whose opening quote is at `start`.
pub(crate) fn scan_string(src: &str, start: usize) -> Result<StringLit, LexError> {
    let bytes = src.as_bytes();
    let quote = byte_at(src, start).unwrap_or(b'"');
    let mut pos = start + 1;
    let mut out: Vec<u16> = Vec::new();
    let mut run_start = pos;
    let mut legacy_octal = false;
    loop {
        pos = skip_plain_bytes(bytes, pos, quote);
        let Some(&b) = bytes.get(pos) else {
            return Err(LexError::eof("unterminated string literal", start, pos));
        };
        if b == quote {
            push_run(&mut out, src, run_start, pos);
            return Ok(StringLit {
                end: pos + 1,
                value: out.into_boxed_slice(),
                legacy_octal,
            });
        }
        match b {
            b'\\' => {
                push_run(&mut out, src, run_start, pos);
                if pos + 1 >= bytes.len() {
                    return Err(LexError::eof("unterminated string literal", start, pos + 1));
                }
                let (end, legacy) = scan_escape(src, pos, EscapeMode::String, &mut out)?;
                legacy_octal |= legacy;
                pos = end;
                run_start = pos;
            }
            // LS and PS are allowed raw in strings; LF and CR are not.
            b'\n' | b'\r' => {
                return Err(LexError::new(
                    "unterminated string literal (line break in string)",
                    start,
                    pos,
                ));
            }
            _ => pos += 1,
        }
    }
}

/// The offset of the first byte at or after `pos` that is the quote, a backslash, CR or LF,
/// reading eight bytes at a time (or of the last few bytes of the source, for the caller to
/// look at bytewise): everything else is copied as it is.
#[inline(always)]
fn skip_plain_bytes(bytes: &[u8], mut pos: usize, quote: u8) -> usize {
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let found = byte_mask(word, quote)
            | byte_mask(word, b'\\')
            | byte_mask(word, b'\n')
            | byte_mask(word, b'\r');
        if found != 0 {
            return pos + (found.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    pos
}

/// Appends the escape-free source run `src[from..to]` as UTF-16.
fn push_run(out: &mut Vec<u16>, src: &str, from: usize, to: usize) {
    if let Some(run) = src.get(from..to) {
        if run.is_ascii() {
            // One UTF-16 unit per byte: a sized copy instead of decoding.
            out.extend(run.bytes().map(u16::from));
        } else {
            out.reserve(run.len());
            out.extend(run.encode_utf16());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    #[test]
    fn plain_and_escaped() {
        let s = scan_string("'abc' x", 0).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            (s.end, &*s.value, s.legacy_octal),
            (5, &units("abc")[..], false)
        );
        let s = scan_string(r#""a\"b\n\u{1F600}\ud800é""#, 0).unwrap_or_else(|e| panic!("{e:?}"));
        let mut want = units("a\"b\n\u{1F600}");
        want.push(0xD800);
        want.extend(units("é"));
        assert_eq!(&*s.value, &want[..]);
        let s = scan_string("'a\\\r\nb\u{2028}'", 0).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(&*s.value, &units("ab\u{2028}")[..]);
        let s = scan_string("'\\101\\8'", 0).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((&*s.value, s.legacy_octal), (&units("A8")[..], true));
    }

    #[test]
    fn long_runs_stop_at_every_special_byte() {
        for special in ['\'', '\n', '\r', '\\'] {
            for at in 0..20 {
                let src = format!("'{}{special}{}'", "a".repeat(at), "b".repeat(20));
                let got = scan_string(&src, 0);
                match special {
                    '\'' => assert!(got.is_ok_and(|s| s.end == at + 2), "{src:?}"),
                    '\n' | '\r' => {
                        assert!(got.is_err_and(|e| e.span.end as usize == at + 1), "{src:?}")
                    }
                    // `\b` is an escape (U+0008).
                    _ => {
                        let s = got.unwrap_or_else(|e| panic!("{e:?}"));
                        let want = format!("{}\u{8}{}", "a".repeat(at), "b".repeat(19));
                        assert_eq!((s.end, &*s.value), (src.len(), &units(&want)[..]));
                    }
                }
            }
        }
        let long = format!("'{}é\\x41{}'", "x".repeat(17), "y".repeat(9));
        let s = scan_string(&long, 0).unwrap_or_else(|e| panic!("{e:?}"));
        let want = format!("{}éA{}", "x".repeat(17), "y".repeat(9));
        assert_eq!(&*s.value, &units(&want)[..]);
        assert!(scan_string(&format!("'{}", "z".repeat(30)), 0).is_err_and(|e| e.eof));
    }

    #[test]
    fn errors() {
        assert!(scan_string("'abc", 0).is_err_and(|e| e.eof));
        assert!(scan_string("'abc\\", 0).is_err_and(|e| e.eof));
        assert!(scan_string("'a\nb'", 0).is_err_and(|e| !e.eof));
        assert!(scan_string("'a\rb'", 0).is_err_and(|e| !e.eof));
        assert!(scan_string("'\\x1'", 0).is_err());
        assert!(scan_string("'\\u{110000}'", 0).is_err());
    }
}
