//! Character classes of the lexical grammar and small byte-level cursor helpers.

/// IdentifierStartChar: `ID_Start`, `$` and `_`.
/// <https://tc39.es/ecma262/#prod-IdentifierStartChar>
#[inline]
pub fn is_id_start(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic() || c == '$' || c == '_';
    }
    unicode_id_start::is_id_start_unicode(c)
}

/// IdentifierPartChar: `ID_Continue`, `$`, ZWNJ and ZWJ.
/// <https://tc39.es/ecma262/#prod-IdentifierPartChar>
#[inline]
pub fn is_id_continue(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '$' || c == '_';
    }
    c == '\u{200C}' || c == '\u{200D}' || unicode_id_start::is_id_continue_unicode(c)
}

/// Byte classes for the lexer's ASCII fast path, one table lookup per byte.
pub(crate) mod class {
    /// A byte that never starts a fast-path token (the DFA or a slow path handles it).
    pub const OTHER: u8 = 0;
    /// SP or TAB.
    pub const SPACE: u8 = 1;
    /// LF or CR.
    pub const NEWLINE: u8 = 2;
    pub const SLASH: u8 = 3;
    /// ASCII IdentifierStartChar: `A-Z a-z $ _`.
    pub const ID_START: u8 = 4;
    /// ASCII digit: IdentifierPartChar but not IdentifierStartChar.
    pub const DIGIT: u8 = 5;
    /// A punctuator that is never the start of a longer one: `( ) [ ] { } , ; : ~`.
    pub const PUNCT: u8 = 6;
    pub const DOT: u8 = 7;
}

/// The [`class`] of every byte value.
pub(crate) static BYTE_CLASS: [u8; 256] = byte_classes();

const fn byte_classes() -> [u8; 256] {
    let mut table = [class::OTHER; 256];
    let mut b = 0u8;
    while b < 0x80 {
        table[b as usize] = match b {
            b' ' | b'\t' => class::SPACE,
            b'\n' | b'\r' => class::NEWLINE,
            b'/' => class::SLASH,
            b'a'..=b'z' | b'A'..=b'Z' | b'$' | b'_' => class::ID_START,
            b'0'..=b'9' => class::DIGIT,
            b'(' | b')' | b'[' | b']' | b'{' | b'}' | b',' | b';' | b':' | b'~' => class::PUNCT,
            b'.' => class::DOT,
            _ => class::OTHER,
        };
        b += 1;
    }
    table
}

/// The [`class`] of `b` (a `u8` always indexes the 256-entry table).
#[inline(always)]
pub(crate) fn byte_class(b: u8) -> u8 {
    BYTE_CLASS[b as usize]
}

/// An ASCII IdentifierPartChar.
#[inline(always)]
pub(crate) fn is_ascii_id_continue(b: u8) -> bool {
    matches!(byte_class(b), class::ID_START | class::DIGIT)
}

/// WhiteSpace: TAB, VT, FF, ZWNBSP and every `Zs` character.
/// <https://tc39.es/ecma262/#sec-white-space>
#[inline]
pub(crate) fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{B}' | '\u{C}' | ' ' | '\u{A0}' | '\u{FEFF}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// LineTerminator: LF, CR, LS, PS.
/// <https://tc39.es/ecma262/#sec-line-terminators>
#[inline]
pub(crate) fn is_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// The byte at `pos`, if any.
#[inline]
pub(crate) fn byte_at(src: &str, pos: usize) -> Option<u8> {
    src.as_bytes().get(pos).copied()
}

/// The character starting at `pos`, if `pos` is a char boundary inside `src`.
#[inline]
pub(crate) fn char_at(src: &str, pos: usize) -> Option<char> {
    match byte_at(src, pos) {
        Some(b) if b < 0x80 => Some(b as char),
        Some(_) => src.get(pos..).and_then(|s| s.chars().next()),
        None => None,
    }
}

/// Value of `b` as a hexadecimal digit.
#[inline]
pub(crate) fn hex_value(b: u8) -> Option<u32> {
    (b as char).to_digit(16)
}

/// Offset just past the line terminator starting at `pos` (CRLF counts as one), or `None` if
/// no line terminator starts there.
#[inline]
pub(crate) fn line_terminator_end(src: &str, pos: usize) -> Option<usize> {
    match byte_at(src, pos)? {
        b'\n' => Some(pos + 1),
        b'\r' if byte_at(src, pos + 1) == Some(b'\n') => Some(pos + 2),
        b'\r' => Some(pos + 1),
        0xE2 if src
            .get(pos..pos + 3)
            .is_some_and(|s| s == "\u{2028}" || s == "\u{2029}") =>
        {
            Some(pos + 3)
        }
        _ => None,
    }
}

/// Offset of the first line terminator at or after `pos`, or the end of `src`.
pub(crate) fn skip_to_line_end(src: &str, mut pos: usize) -> usize {
    let bytes = src.as_bytes();
    while let Some(&b) = bytes.get(pos) {
        match b {
            b'\n' | b'\r' => return pos,
            0xE2 if line_terminator_end(src, pos).is_some() => return pos,
            _ => pos += 1,
        }
    }
    pos
}

/// Pushes `cp` (a code point, or a lone surrogate) as UTF-16.
pub(crate) fn push_code_point(out: &mut Vec<u16>, cp: u32) {
    if cp >= 0x1_0000 {
        let v = cp - 0x1_0000;
        out.push(0xD800 | ((v >> 10) as u16));
        out.push(0xDC00 | ((v & 0x3FF) as u16));
    } else {
        out.push(cp as u16);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifier_chars() {
        assert!(is_id_start('a') && is_id_start('$') && is_id_start('_') && is_id_start('é'));
        assert!(!is_id_start('1') && !is_id_start('\u{200C}') && !is_id_start('-'));
        assert!(is_id_continue('1') && is_id_continue('\u{200C}') && is_id_continue('\u{200D}'));
        assert!(is_id_continue('$') && !is_id_continue('-') && !is_id_continue(' '));
    }

    #[test]
    fn whitespace_and_terminators() {
        for c in [
            '\t', '\u{B}', '\u{C}', ' ', '\u{A0}', '\u{FEFF}', '\u{3000}', '\u{2009}',
        ] {
            assert!(is_whitespace(c), "{c:?}");
        }
        assert!(!is_whitespace('\n') && !is_whitespace('\u{200B}'));
        assert_eq!(line_terminator_end("a\r\nb", 1), Some(3));
        assert_eq!(line_terminator_end("\u{2028}", 0), Some(3));
        assert_eq!(line_terminator_end("\u{2027}", 0), None);
        assert_eq!(skip_to_line_end("ab\u{2029}c", 0), 2);
        assert_eq!(char_at("é", 1), None);
    }

    #[test]
    fn byte_classes_agree_with_the_grammar() {
        for b in 0..=255u8 {
            let c = b as char;
            let ascii = b < 0x80;
            assert_eq!(is_ascii_id_continue(b), ascii && is_id_continue(c), "{b}");
            assert_eq!(
                byte_class(b) == class::ID_START,
                ascii && is_id_start(c),
                "{b}"
            );
            assert_eq!(byte_class(b) == class::SPACE, b == b' ' || b == b'\t');
            assert_eq!(byte_class(b) == class::NEWLINE, b == b'\n' || b == b'\r');
            assert_eq!(byte_class(b) == class::PUNCT, b"()[]{},;:~".contains(&b));
            assert_eq!(byte_class(b) == class::DOT, b == b'.');
        }
    }

    #[test]
    fn utf16_push() {
        let mut v = Vec::new();
        push_code_point(&mut v, 0x1F600);
        push_code_point(&mut v, 0xD800);
        assert_eq!(v, vec![0xD83D, 0xDE00, 0xD800]);
    }
}
