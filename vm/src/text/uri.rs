//! The URI handling functions' Encode and Decode operations and the four
//! global wrappers encodeURI, encodeURIComponent, decodeURI and
//! decodeURIComponent (<https://tc39.es/ecma262/#sec-uri-handling-functions>).

use super::well_formed::code_point_at;
use core::fmt;

/// A URIError the caller throws: why encoding or decoding failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UriError {
    /// Encode met a lone surrogate at this code-unit index.
    LoneSurrogate(usize),
    /// Decode met a `%` at this index not followed by two hex digits (or
    /// a multi-byte sequence cut short).
    MalformedEscape(usize),
    /// Decode met escaped octets starting at this index that are not the
    /// UTF-8 encoding of one code point (bad lead byte, bad continuation,
    /// overlong form, surrogate or beyond U+10FFFF).
    InvalidUtf8(usize),
}

impl fmt::Display for UriError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UriError::LoneSurrogate(i) => write!(f, "URI malformed: lone surrogate at index {i}"),
            UriError::MalformedEscape(i) => write!(f, "URI malformed: bad escape at index {i}"),
            UriError::InvalidUtf8(i) => write!(f, "URI malformed: invalid UTF-8 at index {i}"),
        }
    }
}

impl std::error::Error for UriError {}

/// The extraUnescaped set of encodeURI and the preserveEscapeSet of
/// decodeURI: uriReserved (`; / ? : @ & = + $ ,`,
/// <https://tc39.es/ecma262/#prod-uriReserved>) plus `#`.
const URI_RESERVED_AND_HASH: &str = ";/?:@&=+$,#";

/// The ASCII word characters plus `-.!~*'()`: alwaysUnescaped of Encode
/// (uriAlpha, DecimalDigit and uriMark, <https://tc39.es/ecma262/#prod-uriUnescaped>).
fn is_always_unescaped(cu: u16) -> bool {
    matches!(cu, 0x30..=0x39 | 0x41..=0x5A | 0x61..=0x7A | 0x5F)
        || matches!(
            u8::try_from(cu),
            Ok(b'-' | b'.' | b'!' | b'~' | b'*' | b'\'' | b'(' | b')')
        )
}

/// Whether the set of characters `set` contains the code unit `cu`.
fn set_contains(set: &str, cu: u16) -> bool {
    set.chars().any(|ch| u32::from(ch) == u32::from(cu))
}

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

fn push_percent_octet(out: &mut Vec<u16>, octet: u8) {
    out.push(u16::from(b'%'));
    out.push(u16::from(HEX_UPPER[usize::from(octet >> 4)]));
    out.push(u16::from(HEX_UPPER[usize::from(octet & 0xF)]));
}

/// Encode(string, extraUnescaped): percent-encodes the UTF-8 octets of every
/// code point outside alwaysUnescaped ∪ `extra_unescaped`.
/// <https://tc39.es/ecma262/#sec-encode>
pub fn encode(s: &[u16], extra_unescaped: &str) -> Result<Vec<u16>, UriError> {
    let mut out = Vec::with_capacity(s.len());
    let mut k = 0;
    let mut utf8 = [0u8; 4];
    // 6. Repeat, while k < len.
    while let Some(&c) = s.get(k) {
        // b-c. Copy unescaped code units as they are.
        if is_always_unescaped(c) || set_contains(extra_unescaped, c) {
            out.push(c);
            k += 1;
            continue;
        }
        // d.i-ii. A lone surrogate cannot be encoded.
        let Some(cp) = code_point_at(s, k) else {
            break;
        };
        let ch = match char::from_u32(cp.code_point) {
            Some(ch) if !cp.is_unpaired_surrogate => ch,
            _ => return Err(UriError::LoneSurrogate(k)),
        };
        // d.iii-v. Percent-encode the UTF-8 octets, hex digits uppercase.
        k += usize::from(cp.code_unit_count);
        for &octet in ch.encode_utf8(&mut utf8).as_bytes() {
            push_percent_octet(&mut out, octet);
        }
    }
    Ok(out)
}

fn hex_value(cu: u16) -> Option<u8> {
    let b = u8::try_from(cu).ok()?;
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// ParseHexOctet(string, position): the octet spelled by the two hex digits
/// at `position`, or `None` if they are missing or not hex digits.
/// <https://tc39.es/ecma262/#sec-parsehexoctet>
fn parse_hex_octet(s: &[u16], position: usize) -> Option<u8> {
    let hi = hex_value(*s.get(position)?)?;
    let lo = hex_value(*s.get(position + 1)?)?;
    Some(hi << 4 | lo)
}

/// Decode(string, preserveEscapeSet): replaces each `%XX` escape sequence
/// (a complete UTF-8 sequence when multi-byte) by the code point it
/// encodes, except that a single-octet escape of a code unit in
/// `preserve_escape_set` is kept as written.
/// <https://tc39.es/ecma262/#sec-decode>
pub fn decode(s: &[u16], preserve_escape_set: &str) -> Result<Vec<u16>, UriError> {
    let len = s.len();
    let mut out = Vec::with_capacity(len);
    let mut k = 0;
    // 4. Repeat, while k < len.
    while let Some(&c) = s.get(k) {
        if c != u16::from(b'%') {
            out.push(c);
            k += 1;
            continue;
        }
        let start = k;
        // c.i-iv. `%` and two hex digits.
        if k + 3 > len {
            return Err(UriError::MalformedEscape(start));
        }
        let b = parse_hex_octet(s, k + 1).ok_or(UriError::MalformedEscape(start))?;
        // c.v.
        k += 2;
        // c.vi. The count of leading one bits gives the sequence length.
        let n = b.leading_ones() as usize;
        if n == 0 {
            // c.vii. A single octet: an ASCII code unit.
            if set_contains(preserve_escape_set, u16::from(b)) {
                out.extend_from_slice(s.get(start..start + 3).unwrap_or(&[]));
            } else {
                out.push(u16::from(b));
            }
        } else {
            // c.viii.1. A continuation byte or a 5+-byte lead cannot start.
            if n == 1 || n > 4 {
                return Err(UriError::InvalidUtf8(start));
            }
            // c.viii.2-4. Gather n-1 further `%XX` octets.
            let mut octets = [b, 0, 0, 0];
            for slot in octets.iter_mut().take(n).skip(1) {
                k += 1;
                if k + 3 > len || s.get(k) != Some(&u16::from(b'%')) {
                    return Err(UriError::MalformedEscape(start));
                }
                *slot = parse_hex_octet(s, k + 1).ok_or(UriError::MalformedEscape(start))?;
                k += 2;
            }
            // c.viii.6-8. Exactly one code point, in its shortest form,
            // neither a surrogate nor beyond U+10FFFF: what `from_utf8`
            // accepts of an n-octet sequence whose lead announces n octets.
            let text = core::str::from_utf8(octets.get(..n).unwrap_or(&[]))
                .map_err(|_| UriError::InvalidUtf8(start))?;
            let mut buf = [0u16; 2];
            for ch in text.chars() {
                out.extend_from_slice(ch.encode_utf16(&mut buf));
            }
        }
        // e.
        k += 1;
    }
    Ok(out)
}

/// encodeURI(uri): Encode with uriReserved and `#` left unescaped.
/// <https://tc39.es/ecma262/#sec-encodeuri-uri>
pub fn encode_uri(s: &[u16]) -> Result<Vec<u16>, UriError> {
    encode(s, URI_RESERVED_AND_HASH)
}

/// encodeURIComponent(uriComponent): Encode with nothing extra unescaped.
/// <https://tc39.es/ecma262/#sec-encodeuricomponent-uricomponent>
pub fn encode_uri_component(s: &[u16]) -> Result<Vec<u16>, UriError> {
    encode(s, "")
}

/// decodeURI(encodedURI): Decode preserving escapes of uriReserved and `#`.
/// <https://tc39.es/ecma262/#sec-decodeuri-encodeduri>
pub fn decode_uri(s: &[u16]) -> Result<Vec<u16>, UriError> {
    decode(s, URI_RESERVED_AND_HASH)
}

/// decodeURIComponent(encodedURIComponent): Decode preserving nothing.
/// <https://tc39.es/ecma262/#sec-decodeuricomponent-encodeduricomponent>
pub fn decode_uri_component(s: &[u16]) -> Result<Vec<u16>, UriError> {
    decode(s, "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::utf16;

    fn enc_uri(s: &str) -> String {
        String::from_utf16_lossy(&encode_uri(&utf16(s)).unwrap_or_default())
    }

    fn enc_comp(s: &str) -> String {
        String::from_utf16_lossy(&encode_uri_component(&utf16(s)).unwrap_or_default())
    }

    fn dec_uri(s: &str) -> Result<Vec<u16>, UriError> {
        decode_uri(&utf16(s))
    }

    fn dec_comp(s: &str) -> Result<Vec<u16>, UriError> {
        decode_uri_component(&utf16(s))
    }

    #[test]
    fn encode_uri_keeps_unescaped_set() {
        // encodeURI/S15.1.3.3_A4_T1.js, A3.3_T1.js
        let kept = "aA_bB-cC.dD!eE~fF*gG'hH(iI)jJ;kK/lL?mM:nN@oO&pP=qQ+rR$sS,tT9uU8vV7wW6xX5yY4zZ";
        assert_eq!(enc_uri(kept), kept);
        assert_eq!(
            enc_uri("http://unipro.ru/0123456789"),
            "http://unipro.ru/0123456789"
        );
        assert_eq!(enc_uri("#"), "#");
        // encodeURIComponent escapes uriReserved and `#`.
        assert_eq!(enc_comp(";/?:@&=+$,#"), "%3B%2F%3F%3A%40%26%3D%2B%24%2C%23");
        assert_eq!(enc_comp("-_.!~*'()"), "-_.!~*'()");
    }

    #[test]
    fn encode_escapes_everything_else_as_uppercase_utf8() {
        assert_eq!(
            enc_uri(" \"%<>[\\]^`{|}"),
            "%20%22%25%3C%3E%5B%5C%5D%5E%60%7B%7C%7D"
        );
        assert_eq!(enc_uri("\u{0}\u{7F}"), "%00%7F");
        assert_eq!(enc_uri("\u{80}\u{7FF}"), "%C2%80%DF%BF");
        assert_eq!(enc_uri("\u{800}\u{FFFF}"), "%E0%A0%80%EF%BF%BF");
        assert_eq!(enc_uri("\u{10000}\u{10FFFF}"), "%F0%90%80%80%F4%8F%BF%BF");
        assert_eq!(
            enc_comp("\u{442}\u{435}\u{441}\u{442}"),
            "%D1%82%D0%B5%D1%81%D1%82"
        );
        assert_eq!(enc_uri(""), "");
    }

    #[test]
    fn encode_rejects_lone_surrogates() {
        // encodeURI/S15.1.3.3_A1.1_T1.js .. A1.3_T1.js
        for cu in [0xDC00, 0xDFFF, 0xD800, 0xDBFF] {
            assert_eq!(encode_uri(&[cu]), Err(UriError::LoneSurrogate(0)));
            assert_eq!(
                encode_uri_component(&[0x61, cu, 0x61]),
                Err(UriError::LoneSurrogate(1))
            );
        }
        // A leading surrogate followed by a non-trailing code unit.
        assert_eq!(encode_uri(&[0xD800, 0x41]), Err(UriError::LoneSurrogate(0)));
        assert_eq!(
            encode_uri(&[0xD800, 0xD800, 0xDC00]),
            Err(UriError::LoneSurrogate(0))
        );
        assert_eq!(
            encode_uri(&[0xDC00, 0xD800]),
            Err(UriError::LoneSurrogate(0))
        );
        assert!(encode_uri(&[0xD800, 0xDC00]).is_ok());
    }

    #[test]
    fn decode_uri_preserves_reserved_escapes() {
        // decodeURI/S15.1.3.1_A3_T1.js .. A3_T3.js
        for esc in [
            "%3B", "%2F", "%3F", "%3A", "%40", "%26", "%3D", "%2B", "%24", "%2C", "%23",
        ] {
            assert_eq!(dec_uri(esc), Ok(utf16(esc)));
            assert_eq!(dec_uri(&esc.to_lowercase()), Ok(utf16(&esc.to_lowercase())));
        }
        // decodeURIComponent/S15.1.3.2_A3_T1.js
        assert_eq!(
            dec_comp("%3B%2F%3F%3A%40%26%3D%2B%24%2C%23"),
            Ok(utf16(";/?:@&=+$,#"))
        );
        assert_eq!(dec_uri("%3B%3b%41%25"), Ok(utf16("%3B%3bA%")));
    }

    #[test]
    fn decode_valid_sequences() {
        // decodeURI/S15.1.3.1_A4_T1.js
        assert_eq!(
            dec_uri(
                "%41%42%43%44%45%46%47%48%49%4A%4B%4C%4D%4E%4F%50%51%52%53%54%55%56%57%58%59%5A"
            ),
            Ok(utf16("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        );
        assert_eq!(
            dec_uri("http://unipro.ru/0123456789"),
            Ok(utf16("http://unipro.ru/0123456789"))
        );
        assert_eq!(
            dec_comp("%D1%82%D0%B5%D1%81%D1%82"),
            Ok(utf16("\u{442}\u{435}\u{441}\u{442}"))
        );
        assert_eq!(
            dec_comp("%f0%90%80%80%F4%8F%BF%BF"),
            Ok(utf16("\u{10000}\u{10FFFF}"))
        );
        assert_eq!(dec_comp("%C2%80%df%bf"), Ok(utf16("\u{80}\u{7FF}")));
        // Lone surrogates outside escapes pass through (decodeURI/S15.1.3.1_A2.1_T1.js).
        assert_eq!(decode_uri(&[0xD800, 0x61]), Ok(vec![0xD800, 0x61]));
    }

    #[test]
    fn decode_every_bmp_code_unit_but_percent_is_identity() {
        // decodeURI/S15.1.3.1_A2.1_T1.js
        for cu in (0..=u16::MAX).filter(|&cu| cu != 0x25) {
            assert_eq!(decode_uri(&[cu]), Ok(vec![cu]));
        }
    }

    #[test]
    fn decode_all_three_octet_sequences() {
        // decodeURI/S15.1.3.1_A2.4_T1.js: every valid 3-octet sequence decodes
        // to its code point; the overlong and surrogate ranges throw.
        for b1 in 0xE0u32..=0xEF {
            for b2 in 0x80u32..=0xBF {
                for b3 in 0x80u32..=0xBF {
                    let s = format!("%{b1:02X}%{b2:02X}%{b3:02X}");
                    let r = dec_uri(&s);
                    let cp = (b1 & 0x0F) * 0x1000 + (b2 & 0x3F) * 0x40 + (b3 & 0x3F);
                    if (b1 == 0xE0 && b2 <= 0x9F) || (b1 == 0xED && b2 >= 0xA0) {
                        assert_eq!(r, Err(UriError::InvalidUtf8(0)), "{s}");
                    } else {
                        assert_eq!(r, Ok(vec![cp as u16]), "{s}");
                    }
                }
            }
        }
    }

    #[test]
    fn decode_rejects_malformed_escapes() {
        // S15.1.3.1_A1.1_T1 .. A1.3_T2: short or non-hex `%` escapes.
        for bad in ["%", "%A", "%1", "%G1", "%1G", "a%", "%%", "%u0041", "x%0"] {
            assert!(
                matches!(dec_uri(bad), Err(UriError::MalformedEscape(_))),
                "{bad}"
            );
            assert!(
                matches!(dec_comp(bad), Err(UriError::MalformedEscape(_))),
                "{bad}"
            );
        }
        // A1.10_T1 .. A1.13_T2: a multi-octet sequence with a missing, short
        // or non-hex continuation escape.
        for bad in [
            "%C0%G0",
            "%C2",
            "%C2%8",
            "%C2A0",
            "%E0%A0",
            "%E0%A0%8",
            "%F0%90%80",
            "%F0%GG%A0%A0",
            "%C2%%80",
        ] {
            assert!(dec_comp(bad).is_err(), "{bad}");
        }
        assert_eq!(dec_comp("ab%C2"), Err(UriError::MalformedEscape(2)));
    }

    #[test]
    fn decode_rejects_invalid_utf8() {
        // A1.4_T1 .. A1.9: continuation bytes as leads and 5+-octet leads.
        for b in (0x80u32..=0xBF).chain(0xF8..=0xFF) {
            let s = format!("%{b:02X}%80%80%80%80%80");
            assert_eq!(dec_uri(&s), Err(UriError::InvalidUtf8(0)), "{s}");
        }
        // A1.14/A1.15: continuation octets not of the form 10xxxxxx.
        for c in (0x00u32..=0x7F).chain(0xC0..=0xFF) {
            assert!(dec_uri(&format!("%C2%{c:02X}")).is_err());
            assert!(dec_uri(&format!("%E0%{c:02X}%A0")).is_err());
            assert!(dec_uri(&format!("%F0%{c:02X}%A0%A0")).is_err());
        }
        // Overlong forms, surrogates, beyond U+10FFFF.
        for bad in [
            "%C0%80",
            "%C1%BF",
            "%E0%80%80",
            "%E0%9F%BF",
            "%ED%A0%80",
            "%ED%BF%BF",
            "%F0%80%80%80",
            "%F0%8F%BF%BF",
            "%F4%90%80%80",
            "%F5%80%80%80",
            "%F7%BF%BF%BF",
        ] {
            assert_eq!(dec_comp(bad), Err(UriError::InvalidUtf8(0)), "{bad}");
        }
    }

    #[test]
    fn custom_sets() {
        assert_eq!(
            encode(&utf16("a b\u{E9}"), " \u{E9}"),
            Ok(utf16("a b\u{E9}"))
        );
        // Sets are compared by character, not by UTF-8 byte.
        assert_eq!(encode(&[0xC3], "\u{E9}"), Ok(utf16("%C3%83")));
        assert_eq!(decode(&utf16("%41%42"), "A"), Ok(utf16("%41B")));
    }

    #[test]
    fn round_trips() {
        let s = utf16("a b\u{E9}\u{10000};#%");
        let encoded = encode_uri_component(&s).unwrap_or_default();
        assert_eq!(decode_uri_component(&encoded), Ok(s));
        assert_eq!(
            UriError::InvalidUtf8(3).to_string(),
            "URI malformed: invalid UTF-8 at index 3"
        );
    }
}
