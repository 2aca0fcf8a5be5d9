//! The lexical pieces of a JSON text (ECMA-404, as restated at
//! <https://tc39.es/ecma262/#sec-json.parse>): whitespace, strings, numbers
//! and the literal names. Each scanner starts at a code unit offset and
//! returns the offset just past what it read; all run in linear time.

use super::error::JsonError;

const QUOTE: u16 = b'"' as u16;
const BACKSLASH: u16 = b'\\' as u16;

/// The offset of the first code unit at or after `pos` that is not JSON
/// whitespace: only TAB, LF, CR and SPACE count (no other Unicode spaces).
pub(crate) fn skip_whitespace(text: &[u16], mut pos: usize) -> usize {
    while let Some(&unit) = text.get(pos) {
        if !matches!(unit, 0x09 | 0x0a | 0x0d | 0x20) {
            break;
        }
        pos += 1;
    }
    pos
}

/// Reads the string whose opening quote is at `start`, appending its
/// decoded code units to `out`, and returns the offset past the closing
/// quote. Code points other than `"`, `\` and controls below U+0020 stand
/// for themselves (lone surrogates included); escapes are the JSON ones.
pub(crate) fn scan_string(
    text: &[u16],
    start: usize,
    out: &mut Vec<u16>,
) -> Result<usize, JsonError> {
    let mut pos = start + 1;
    loop {
        // Copy the longest run of plain code units in one go.
        let rest = text.get(pos..).unwrap_or(&[]);
        let run = rest
            .iter()
            .position(|&unit| unit == QUOTE || unit == BACKSLASH || unit < 0x20)
            .unwrap_or(rest.len());
        out.extend_from_slice(rest.get(..run).unwrap_or(&[]));
        pos += run;
        match text.get(pos) {
            None => {
                return Err(JsonError::syntax(
                    format!("Unterminated string in JSON at position {pos}"),
                    pos,
                ))
            }
            Some(&QUOTE) => return Ok(pos + 1),
            Some(&BACKSLASH) => pos = scan_escape(text, pos, out)?,
            Some(_) => {
                return Err(JsonError::syntax(
                    format!("Bad control character in string literal in JSON at position {pos}"),
                    pos,
                ))
            }
        }
    }
}

/// Decodes the escape sequence whose backslash is at `start` into `out`
/// and returns the offset past it.
fn scan_escape(text: &[u16], start: usize, out: &mut Vec<u16>) -> Result<usize, JsonError> {
    let at = start + 1;
    let Some(&letter) = text.get(at) else {
        return Err(JsonError::syntax(
            format!("Unterminated string in JSON at position {at}"),
            at,
        ));
    };
    let decoded = match u8::try_from(letter).unwrap_or(0) {
        b'"' => QUOTE,
        b'\\' => BACKSLASH,
        b'/' => u16::from(b'/'),
        b'b' => 0x08,
        b'f' => 0x0c,
        b'n' => 0x0a,
        b'r' => 0x0d,
        b't' => 0x09,
        b'u' => {
            let mut value: u16 = 0;
            for offset in 1..=4 {
                let digit = text
                    .get(at + offset)
                    .and_then(|&unit| char::from_u32(u32::from(unit)))
                    .and_then(|c| c.to_digit(16));
                let Some(digit) = digit else {
                    let position = at + offset;
                    return Err(if position >= text.len() {
                        JsonError::syntax(
                            format!("Unterminated string in JSON at position {position}"),
                            position,
                        )
                    } else {
                        JsonError::syntax(
                            format!("Bad Unicode escape in JSON at position {position}"),
                            position,
                        )
                    });
                };
                // At most four hex digits: fits in 16 bits.
                value = (value << 4) | digit as u16;
            }
            out.push(value);
            return Ok(at + 5);
        }
        _ => {
            return Err(JsonError::syntax(
                format!("Bad escaped character in JSON at position {at}"),
                at,
            ))
        }
    };
    out.push(decoded);
    Ok(at + 1)
}

fn is_digit(text: &[u16], pos: usize) -> bool {
    matches!(text.get(pos), Some(&unit) if (0x30..=0x39).contains(&unit))
}

/// The offset past the run of decimal digits starting at `pos`.
fn skip_digits(text: &[u16], mut pos: usize) -> usize {
    while is_digit(text, pos) {
        pos += 1;
    }
    pos
}

/// Reads the number starting at `start` (a `-` or a digit) and returns its
/// value, rounded to the nearest double, and the offset past it. The
/// grammar is `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`:
/// no `+` sign, leading zero, bare `.` or hex. `scratch` is reused to hold
/// the ASCII text for the conversion.
pub(crate) fn scan_number(
    text: &[u16],
    start: usize,
    scratch: &mut String,
) -> Result<(f64, usize), JsonError> {
    let mut pos = start;
    if text.get(pos) == Some(&u16::from(b'-')) {
        pos += 1;
    }
    match text.get(pos) {
        Some(&0x30) => pos += 1,
        _ if is_digit(text, pos) => pos = skip_digits(text, pos),
        _ => {
            return Err(match text.get(pos) {
                None => JsonError::unexpected(text, pos),
                Some(_) => JsonError::syntax(
                    format!("No number after minus sign in JSON at position {pos}"),
                    pos,
                ),
            })
        }
    }
    if text.get(pos) == Some(&u16::from(b'.')) {
        pos += 1;
        if !is_digit(text, pos) {
            return Err(missing_digits(text, pos, "Unterminated fractional number"));
        }
        pos = skip_digits(text, pos);
    }
    if matches!(text.get(pos), Some(&0x45 | &0x65)) {
        pos += 1;
        if matches!(text.get(pos), Some(&0x2b | &0x2d)) {
            pos += 1;
        }
        if !is_digit(text, pos) {
            return Err(missing_digits(
                text,
                pos,
                "Exponent part is missing a number",
            ));
        }
        pos = skip_digits(text, pos);
    }
    scratch.clear();
    // Every unit in the range is ASCII, checked above.
    scratch.extend(
        text.get(start..pos)
            .unwrap_or(&[])
            .iter()
            .map(|&unit| char::from(u8::try_from(unit).unwrap_or(b'0'))),
    );
    // Rust's parser rounds correctly (ties to even), like the spec's
    // RoundMVResult, saturates huge exponents to infinity / zero, and keeps
    // the sign of -0.
    let value = scratch
        .parse::<f64>()
        .map_err(|_| JsonError::syntax(format!("Bad number in JSON at position {start}"), start))?;
    Ok((value, pos))
}

/// The error for a fraction or exponent without digits at `pos`.
fn missing_digits(text: &[u16], pos: usize, what: &str) -> JsonError {
    if pos >= text.len() {
        JsonError::syntax(format!("{what} in JSON at position {pos}"), pos)
    } else {
        JsonError::unexpected(text, pos)
    }
}

/// Reads one of the literal names `true`, `false` or `null` expected at
/// `start` and returns the offset past it.
pub(crate) fn scan_literal(text: &[u16], start: usize, name: &str) -> Result<usize, JsonError> {
    for (offset, expected) in name.bytes().enumerate() {
        if text.get(start + offset) != Some(&u16::from(expected)) {
            return Err(JsonError::unexpected(text, start + offset));
        }
    }
    Ok(start + name.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    fn string(s: &str) -> Result<(Vec<u16>, usize), JsonError> {
        let text = utf16(s);
        let mut out = Vec::new();
        scan_string(&text, 0, &mut out).map(|end| (out, end))
    }

    fn number(s: &str) -> Result<(f64, usize), JsonError> {
        scan_number(&utf16(s), 0, &mut String::new())
    }

    #[test]
    fn whitespace_is_only_the_four_json_characters() {
        let text = utf16(" \t\r\n x");
        assert_eq!(skip_whitespace(&text, 0), 5);
        for other in [
            "\u{a0}", "\u{feff}", "\u{2028}", "\u{b}", "\u{c}", "\u{3000}",
        ] {
            assert_eq!(skip_whitespace(&utf16(other), 0), 0, "{other:?}");
        }
        assert_eq!(skip_whitespace(&[], 0), 0);
    }

    #[test]
    fn plain_strings() {
        assert_eq!(string(r#""""#).unwrap(), (vec![], 2));
        assert_eq!(string(r#""abc" tail"#).unwrap(), (utf16("abc"), 5));
        assert_eq!(
            string("\"\u{2028}\u{2029}é😀\"").unwrap().0,
            utf16("\u{2028}\u{2029}é😀")
        );
        // A raw lone surrogate passes through.
        let text = [0x22, 0xd800, 0x22];
        let mut out = Vec::new();
        assert_eq!(scan_string(&text, 0, &mut out), Ok(3));
        assert_eq!(out, vec![0xd800]);
        // DEL and other non-controls below 0x100 are fine.
        assert_eq!(string("\"\u{7f}\u{80}\"").unwrap().0, vec![0x7f, 0x80]);
    }

    #[test]
    fn every_escape() {
        let text = r#""\"\\\/\b\f\n\r\t\u0041\u00e9\uD83D\uDE00\ud800x" tail"#;
        let (out, end) = string(text).unwrap();
        let mut expected = vec![0x22, 0x5c, 0x2f, 0x08, 0x0c, 0x0a, 0x0d, 0x09, 0x41, 0xe9];
        expected.extend([0xd83d, 0xde00, 0xd800, 0x78]);
        assert_eq!(out, expected);
        assert_eq!(end, text.len() - 5);
    }

    #[test]
    fn string_errors() {
        let error = string(r#""abc"#).unwrap_err();
        assert_eq!(error.message, "Unterminated string in JSON at position 4");
        let error = string("\"a\nb\"").unwrap_err();
        assert_eq!(
            error.message,
            "Bad control character in string literal in JSON at position 2"
        );
        assert_eq!(error.position, 2);
        for control in 0..0x20u16 {
            let text = [0x22, control, 0x22];
            assert!(scan_string(&text, 0, &mut Vec::new()).is_err(), "{control}");
        }
        for bad in [
            r#""\a""#,
            r#""\x41""#,
            r#""\'""#,
            r#""\0""#,
            r#""\U0041""#,
            "\"\\\u{e9}\"",
        ] {
            let error = string(bad).unwrap_err();
            assert_eq!(
                error.message, "Bad escaped character in JSON at position 2",
                "{bad}"
            );
        }
        let error = string(r#""\u12G4""#).unwrap_err();
        assert_eq!(error.message, "Bad Unicode escape in JSON at position 5");
        let error = string(r#""\u-123""#).unwrap_err();
        assert_eq!(error.position, 3);
        let error = string(r#""\u12"#).unwrap_err();
        assert_eq!(error.message, "Unterminated string in JSON at position 5");
        let error = string(r#""\"#).unwrap_err();
        assert_eq!(error.message, "Unterminated string in JSON at position 2");
        // Full-width digits are not hex digits.
        assert!(string("\"\\u\u{ff11}234\"").is_err());
    }

    #[test]
    fn numbers() {
        assert_eq!(number("0").unwrap(), (0.0, 1));
        let (zero, _) = number("-0").unwrap();
        assert!(zero == 0.0 && zero.is_sign_negative());
        assert_eq!(number("-12.5e+2,").unwrap(), (-1250.0, 8));
        assert_eq!(number("1E2").unwrap().0, 100.0);
        assert_eq!(number("1e-2").unwrap().0, 0.01);
        assert_eq!(number("0.1").unwrap().0, 0.1);
        assert_eq!(
            number("123456789012345678901234567890").unwrap().0,
            1.2345678901234568e29
        );
        assert_eq!(number("9007199254740993").unwrap().0, 9007199254740992.0);
        assert_eq!(number("1e400").unwrap().0, f64::INFINITY);
        assert_eq!(number("-1e400").unwrap().0, f64::NEG_INFINITY);
        assert_eq!(number("1e-400").unwrap().0, 0.0);
        assert_eq!(
            number("1e99999999999999999999999").unwrap().0,
            f64::INFINITY
        );
        assert_eq!(number("1e-99999999999999999999999").unwrap().0, 0.0);
        assert_eq!(
            number("2.2250738585072011e-308").unwrap().0,
            2.225073858507201e-308
        );
        assert_eq!(number("5e-324").unwrap().0, 5e-324);
        // A leading zero ends the number; the caller then rejects the rest.
        assert_eq!(number("01").unwrap(), (0.0, 1));
        assert_eq!(number("0x10").unwrap(), (0.0, 1));
    }

    #[test]
    fn number_errors() {
        assert_eq!(
            number("-").unwrap_err().message,
            "Unexpected end of JSON input"
        );
        assert_eq!(
            number("-a").unwrap_err().message,
            "No number after minus sign in JSON at position 1"
        );
        assert_eq!(
            number("1.").unwrap_err().message,
            "Unterminated fractional number in JSON at position 2"
        );
        assert_eq!(
            number("1.e5").unwrap_err().message,
            "Unexpected token e in JSON at position 2"
        );
        assert_eq!(
            number("1e").unwrap_err().message,
            "Exponent part is missing a number in JSON at position 2"
        );
        assert_eq!(
            number("1e+").unwrap_err().message,
            "Exponent part is missing a number in JSON at position 3"
        );
        assert_eq!(number("1e+x").unwrap_err().position, 3);
        assert!(number("-.5").is_err());
    }

    #[test]
    fn literals() {
        let text = utf16("true");
        assert_eq!(scan_literal(&text, 0, "true"), Ok(4));
        let text = utf16("nul");
        assert_eq!(
            scan_literal(&text, 0, "null").unwrap_err().message,
            "Unexpected end of JSON input"
        );
        let text = utf16("fals3");
        assert_eq!(
            scan_literal(&text, 0, "false").unwrap_err().message,
            "Unexpected token 3 in JSON at position 4"
        );
        let text = utf16("True");
        assert_eq!(scan_literal(&text, 0, "true").unwrap_err().position, 0);
    }
}
