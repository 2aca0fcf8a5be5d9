//! Annex B's global `escape` and `unescape`
//! (<https://tc39.es/ecma262/#sec-additional-properties-of-the-global-object>).

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// The ASCII word characters plus `@*+-./`: the code units escape keeps.
fn is_escape_unescaped(cu: u16) -> bool {
    matches!(cu, 0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A | 0x5F)
        || matches!(
            u8::try_from(cu),
            Ok(b'@' | b'*' | b'+' | b'-' | b'.' | b'/')
        )
}

fn hex_digit(nibble: u16) -> u16 {
    u16::from(HEX_UPPER[usize::from(nibble & 0xF)])
}

/// escape(string): `%XX` for code units below 256 and `%uXXXX` for the
/// rest (uppercase hex), except the unescaped set.
/// <https://tc39.es/ecma262/#sec-escape-string>
pub fn escape(s: &[u16]) -> Vec<u16> {
    let mut out = Vec::with_capacity(s.len());
    for &c in s {
        if is_escape_unescaped(c) {
            out.push(c);
        } else if c < 256 {
            out.extend_from_slice(&[u16::from(b'%'), hex_digit(c >> 4), hex_digit(c)]);
        } else {
            out.extend_from_slice(&[
                u16::from(b'%'),
                u16::from(b'u'),
                hex_digit(c >> 12),
                hex_digit(c >> 8),
                hex_digit(c >> 4),
                hex_digit(c),
            ]);
        }
    }
    out
}

fn hex_value(cu: u16) -> Option<u16> {
    match u8::try_from(cu).ok()? {
        b @ b'0'..=b'9' => Some(u16::from(b - b'0')),
        b @ b'a'..=b'f' => Some(u16::from(b - b'a' + 10)),
        b @ b'A'..=b'F' => Some(u16::from(b - b'A' + 10)),
        _ => None,
    }
}

/// The value of `digits` parsed as HexDigits[~Sep]; `None` if empty or not
/// all hex digits.
fn parse_hex_digits(digits: &[u16]) -> Option<u16> {
    if digits.is_empty() {
        return None;
    }
    digits
        .iter()
        .try_fold(0u16, |acc, &d| Some(acc << 4 | hex_value(d)?))
}

/// unescape(string): replaces `%uXXXX` and `%XX` escapes by the code unit
/// they spell; anything else, including malformed escapes, is kept.
/// <https://tc39.es/ecma262/#sec-unescape-string>
pub fn unescape(s: &[u16]) -> Vec<u16> {
    let len = s.len();
    let mut out = Vec::with_capacity(len);
    let mut k = 0;
    // 4. Repeat, while k < len.
    while let Some(&c) = s.get(k) {
        let mut decoded = c;
        // b. A `%` may start an escape.
        if c == u16::from(b'%') {
            // b.iii. `%u` with four more code units: only the four-digit form
            // is tried (a bad one does not fall back to two digits).
            let (hex_digits, optional_advance) =
                if k + 6 <= len && s.get(k + 1) == Some(&u16::from(b'u')) {
                    (s.get(k + 2..k + 6), 5)
                } else if k + 3 <= len {
                    // b.iv.
                    (s.get(k + 1..k + 3), 2)
                } else {
                    (None, 0)
                };
            // b.v-vi.
            if let Some(n) = hex_digits.and_then(parse_hex_digits) {
                decoded = n;
                k += optional_advance;
            }
        }
        // c-d.
        out.push(decoded);
        k += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::utf16;

    fn esc(s: &str) -> String {
        String::from_utf16_lossy(&escape(&utf16(s)))
    }

    fn unesc(s: &str) -> Vec<u16> {
        unescape(&utf16(s))
    }

    #[test]
    fn escape_below_256() {
        // annexB/built-ins/escape/escape-below.js
        assert_eq!(esc("\x00\x01\x02\x03"), "%00%01%02%03");
        assert_eq!(esc("!\"#$%&'()"), "%21%22%23%24%25%26%27%28%29");
        assert_eq!(esc(","), "%2C");
        assert_eq!(esc(":;<=>?"), "%3A%3B%3C%3D%3E%3F");
        assert_eq!(esc("[\\]^"), "%5B%5C%5D%5E");
        assert_eq!(esc("`"), "%60");
        assert_eq!(esc("{|}~\x7f\u{80}"), "%7B%7C%7D%7E%7F%80");
        assert_eq!(esc("\u{FD}\u{FE}\u{FF}"), "%FD%FE%FF");
    }

    #[test]
    fn escape_above_256_and_astral() {
        // escape-above.js, escape-above-astral.js
        assert_eq!(esc("\u{100}\u{101}\u{102}"), "%u0100%u0101%u0102");
        assert_eq!(esc("\u{FFFD}\u{FFFE}\u{FFFF}"), "%uFFFD%uFFFE%uFFFF");
        assert_eq!(esc("\u{10000}\u{10001}"), "%uD800%uDC00%uD800%uDC01");
        assert_eq!(esc("\u{10FFFF}"), "%uDBFF%uDFFF");
        assert_eq!(String::from_utf16_lossy(&escape(&[0xDC00])), "%uDC00");
    }

    #[test]
    fn escape_unmodified() {
        // unmodified.js, empty-string.js
        let kept = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789@*_+-./";
        assert_eq!(esc(kept), kept);
        assert_eq!(esc(""), "");
    }

    #[test]
    fn unescape_two_and_four() {
        // two.js, four.js
        assert_eq!(unesc("%0%0"), utf16("%0%0"));
        assert_eq!(unesc("%00%01%02%03"), vec![0, 1, 2, 3]);
        assert_eq!(unesc("%7b%7B%fF"), vec![0x7B, 0x7B, 0xFF]);
        assert_eq!(unesc("%u0000%u0001"), vec![0, 1]);
        assert_eq!(unesc("%u0100%uABcd%uFFFF"), vec![0x100, 0xABCD, 0xFFFF]);
        assert_eq!(unesc("%uD800%uDC00"), vec![0xD800, 0xDC00]);
        assert_eq!(unesc("a%41b%u0042c"), utf16("aAbBc"));
        assert_eq!(unesc(""), Vec::<u16>::new());
    }

    #[test]
    fn unescape_ignores_bad_escapes() {
        // four-ignore-bad-u.js
        assert_eq!(unesc("%U0000"), utf16("%U0000"));
        assert_eq!(unesc("%t0000"), utf16("%t0000"));
        assert_eq!(unesc("%v0000"), utf16("%v0000"));
        assert_eq!(unesc("%%0000"), vec![0x25, 0x00, 0x30, 0x30]);
        // four-ignore-end-str.js
        for s in ["%u", "%u0", "%uF", "%u00", "%u0F", "%u000", "%u00F"] {
            assert_eq!(unesc(s), utf16(s), "{s}");
        }
        // four-ignore-non-hex.js: a bad four-digit escape is kept whole.
        for s in [
            "%u000%0", "%u000g0", "%u00g00", "%u0g000", "%ug0000", "%u000G", "%u-123", "%u+123",
        ] {
            assert_eq!(unesc(s), utf16(s), "{s}");
        }
        assert_eq!(unesc("%0%0000"), vec![0x25, 0x30, 0x00, 0x30, 0x30]);
        assert_eq!(unesc("%0%2a00"), utf16("%0*00"));
        // two-ignore-end-str.js, two-ignore-non-hex.js
        for s in [
            "%", "%0", "%f", "%0g0", "%0G0", "%g00", "%G00", "%0u0", "%0U0", "%u00", "%U00", "%-1",
            "%+1",
        ] {
            assert_eq!(unesc(s), utf16(s), "{s}");
        }
    }

    #[test]
    fn round_trip() {
        let s = [0x61, 0x25, 0xD800, 0x20, 0xFFFF, 0x100];
        assert_eq!(unescape(&escape(&s)), s.to_vec());
    }
}
