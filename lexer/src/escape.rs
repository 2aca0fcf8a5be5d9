//! Escape sequences shared by string literals, template literals and identifiers.

use crate::chars::{byte_at, char_at, hex_value, line_terminator_end, push_code_point};
use crate::span::LexError;

/// Scans the UnicodeEscapeSequence whose backslash is at `backslash` (`\uXXXX` or
/// `\u{X...}`) and returns its value and the offset after it.
/// <https://tc39.es/ecma262/#prod-UnicodeEscapeSequence>
pub(crate) fn scan_unicode_escape(src: &str, backslash: usize) -> Result<(u32, usize), LexError> {
    let bad = |end: usize| LexError::new("invalid Unicode escape sequence", backslash, end);
    if byte_at(src, backslash + 1) != Some(b'u') {
        return Err(bad(backslash + 1));
    }
    let mut pos = backslash + 2;
    if byte_at(src, pos) == Some(b'{') {
        pos += 1;
        let digits_start = pos;
        let mut value: u32 = 0;
        while let Some(d) = byte_at(src, pos).and_then(hex_value) {
            // Saturate above the maximum so any number of digits runs in linear time.
            value = if value > 0x10_FFFF {
                value
            } else {
                value * 16 + d
            };
            pos += 1;
        }
        if pos == digits_start || byte_at(src, pos) != Some(b'}') {
            return Err(bad(pos));
        }
        if value > 0x10_FFFF {
            return Err(LexError::new(
                "Unicode escape sequence is above U+10FFFF",
                backslash,
                pos + 1,
            ));
        }
        Ok((value, pos + 1))
    } else {
        let mut value = 0;
        for _ in 0..4 {
            match byte_at(src, pos).and_then(hex_value) {
                Some(d) => value = value * 16 + d,
                None => return Err(bad(pos)),
            }
            pos += 1;
        }
        Ok((value, pos))
    }
}

/// Whether an escape is decoded with the string or the template rules.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum EscapeMode {
    String,
    Template,
}

/// Decodes the escape sequence (or line continuation) whose backslash is at `backslash`,
/// appending its cooked UTF-16 value to `out`. Returns the offset after it and whether it was
/// a LegacyOctalEscapeSequence or NonOctalDecimalEscapeSequence. The caller has checked that
/// a character follows the backslash.
/// <https://tc39.es/ecma262/#prod-EscapeSequence>,
/// <https://tc39.es/ecma262/#prod-TemplateEscapeSequence>
pub(crate) fn scan_escape(
    src: &str,
    backslash: usize,
    mode: EscapeMode,
    out: &mut Vec<u16>,
) -> Result<(usize, bool), LexError> {
    let pos = backslash + 1;
    if let Some(end) = line_terminator_end(src, pos) {
        // LineContinuation: contributes nothing to the cooked value.
        return Ok((end, false));
    }
    let Some(c) = char_at(src, pos) else {
        return Err(LexError::eof(
            "unterminated escape sequence",
            backslash,
            pos,
        ));
    };
    let single = match c {
        'b' => Some(0x08),
        't' => Some(0x09),
        'n' => Some(0x0A),
        'v' => Some(0x0B),
        'f' => Some(0x0C),
        'r' => Some(0x0D),
        _ => None,
    };
    if let Some(unit) = single {
        out.push(unit);
        return Ok((pos + 1, false));
    }
    match c {
        '0' if !byte_at(src, pos + 1).is_some_and(|b| b.is_ascii_digit()) => {
            out.push(0);
            Ok((pos + 1, false))
        }
        '0'..='9' if mode == EscapeMode::Template => Err(LexError::new(
            "octal escape sequences are not allowed in template literals",
            backslash,
            pos + 1,
        )),
        '8' | '9' => {
            // NonOctalDecimalEscapeSequence: the digit itself.
            out.push(c as u16);
            Ok((pos + 1, true))
        }
        '0'..='7' => {
            let (value, end) = scan_legacy_octal_escape(src, pos);
            out.push(value);
            Ok((end, true))
        }
        'x' => {
            let hi = byte_at(src, pos + 1).and_then(hex_value);
            let lo = byte_at(src, pos + 2).and_then(hex_value);
            match (hi, lo) {
                (Some(hi), Some(lo)) => {
                    out.push((hi * 16 + lo) as u16);
                    Ok((pos + 3, false))
                }
                _ => Err(LexError::new(
                    "invalid hexadecimal escape sequence",
                    backslash,
                    pos + 1,
                )),
            }
        }
        'u' => {
            let (value, end) = scan_unicode_escape(src, backslash)?;
            push_code_point(out, value);
            Ok((end, false))
        }
        _ => {
            // SingleEscapeCharacter quotes and backslash, and NonEscapeCharacter: the
            // character itself.
            let mut buf = [0u16; 2];
            out.extend_from_slice(c.encode_utf16(&mut buf));
            Ok((pos + c.len_utf8(), false))
        }
    }
}

/// LegacyOctalEscapeSequence starting with the octal digit at `pos`: `ZeroToThree` takes up to
/// two more octal digits, `FourToSeven` up to one more.
/// <https://tc39.es/ecma262/#prod-LegacyOctalEscapeSequence>
fn scan_legacy_octal_escape(src: &str, pos: usize) -> (u16, usize) {
    let octal = |p: usize| byte_at(src, p).filter(|b| (b'0'..=b'7').contains(b));
    let Some(first) = octal(pos) else {
        return (0, pos + 1);
    };
    let max_len = if first <= b'3' { 3 } else { 2 };
    let mut value = u16::from(first - b'0');
    let mut end = pos + 1;
    while end - pos < max_len {
        match octal(end) {
            Some(d) => value = value * 8 + u16::from(d - b'0'),
            None => break,
        }
        end += 1;
    }
    (value, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str, mode: EscapeMode) -> Result<(Vec<u16>, usize, bool), LexError> {
        let mut out = Vec::new();
        scan_escape(s, 0, mode, &mut out).map(|(end, legacy)| (out, end, legacy))
    }

    #[test]
    fn unicode_escapes() {
        assert_eq!(scan_unicode_escape("\\u0041", 0), Ok((0x41, 6)));
        assert_eq!(scan_unicode_escape("\\u{1F600}x", 0), Ok((0x1F600, 9)));
        assert_eq!(scan_unicode_escape("\\u{0000000041}", 0), Ok((0x41, 14)));
        assert!(scan_unicode_escape("\\u{110000}", 0).is_err());
        assert!(scan_unicode_escape("\\u{}", 0).is_err());
        assert!(scan_unicode_escape("\\u{41", 0).is_err());
        assert!(scan_unicode_escape("\\u004", 0).is_err());
        assert!(scan_unicode_escape("\\x41", 0).is_err());
        let long = format!("\\u{{{}}}", "f".repeat(10_000));
        assert!(scan_unicode_escape(&long, 0).is_err());
    }

    #[test]
    fn legacy_octal() {
        assert_eq!(esc("\\0", EscapeMode::String), Ok((vec![0], 2, false)));
        assert_eq!(esc("\\08", EscapeMode::String), Ok((vec![0], 2, true)));
        assert_eq!(esc("\\01", EscapeMode::String), Ok((vec![1], 3, true)));
        assert_eq!(esc("\\377", EscapeMode::String), Ok((vec![255], 4, true)));
        assert_eq!(esc("\\400", EscapeMode::String), Ok((vec![32], 3, true)));
        assert_eq!(esc("\\7", EscapeMode::String), Ok((vec![7], 2, true)));
        assert_eq!(esc("\\8", EscapeMode::String), Ok((vec![56], 2, true)));
        assert!(esc("\\1", EscapeMode::Template).is_err());
        assert!(esc("\\01", EscapeMode::Template).is_err());
        assert_eq!(esc("\\0", EscapeMode::Template), Ok((vec![0], 2, false)));
    }

    #[test]
    fn others() {
        assert_eq!(esc("\\x4a", EscapeMode::String), Ok((vec![0x4a], 4, false)));
        assert!(esc("\\x4", EscapeMode::String).is_err());
        assert_eq!(esc("\\\r\n", EscapeMode::String), Ok((vec![], 3, false)));
        assert_eq!(
            esc("\\\u{2028}", EscapeMode::String),
            Ok((vec![], 4, false))
        );
        assert_eq!(esc("\\q", EscapeMode::String), Ok((vec![0x71], 2, false)));
        assert_eq!(esc("\\é", EscapeMode::String), Ok((vec![0xE9], 3, false)));
        assert_eq!(esc("\\v", EscapeMode::String), Ok((vec![0x0B], 2, false)));
        assert_eq!(
            esc("\\ud800", EscapeMode::String),
            Ok((vec![0xD800], 6, false))
        );
        assert!(esc("\\", EscapeMode::String).is_err_and(|e| e.eof));
    }
}
