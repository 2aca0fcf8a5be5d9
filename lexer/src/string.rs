//! String literals.
//! <https://tc39.es/ecma262/#sec-literals-string-literals>

use crate::chars::byte_at;
use crate::escape::{scan_escape, EscapeMode};
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
    fn errors() {
        assert!(scan_string("'abc", 0).is_err_and(|e| e.eof));
        assert!(scan_string("'abc\\", 0).is_err_and(|e| e.eof));
        assert!(scan_string("'a\nb'", 0).is_err_and(|e| !e.eof));
        assert!(scan_string("'a\rb'", 0).is_err_and(|e| !e.eof));
        assert!(scan_string("'\\x1'", 0).is_err());
        assert!(scan_string("'\\u{110000}'", 0).is_err());
    }
}
