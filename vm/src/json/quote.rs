//! QuoteJSONString, the string quoting of `JSON.stringify`
//! (<https://tc39.es/ecma262/#sec-quotejsonstring>).

/// The hex digits of UnicodeEscape, which the spec wants lowercase.
const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends `value` to `out` as a JSON string literal: quoted, with the
/// short escapes of Table 74, other controls below U+0020 and every lone
/// surrogate as `\u` escapes (so the output is well-formed UTF-16), and
/// everything else, paired surrogates included, as is.
///
/// <https://tc39.es/ecma262/#sec-quotejsonstring>
pub fn quote_json_string(value: &[u16], out: &mut Vec<u16>) {
    out.reserve(value.len().saturating_add(2));
    // 1. Let product be the String value consisting solely of 0x0022.
    out.push(u16::from(b'"'));
    // 2. For each code point C of StringToCodePoints(value), do
    let mut index = 0;
    while let Some(&unit) = value.get(index) {
        index += 1;
        let short = match unit {
            0x08 => Some(b'b'),
            0x09 => Some(b't'),
            0x0a => Some(b'n'),
            0x0c => Some(b'f'),
            0x0d => Some(b'r'),
            0x22 => Some(b'"'),
            0x5c => Some(b'\\'),
            _ => None,
        };
        if let Some(letter) = short {
            // a. C is in Table 74: its escape sequence.
            out.extend([u16::from(b'\\'), u16::from(letter)]);
            continue;
        }
        let is_lone_surrogate = match unit {
            0xd800..=0xdbff => match value.get(index) {
                Some(&next) if (0xdc00..=0xdfff).contains(&next) => {
                    // c. A paired surrogate: the code point, unchanged.
                    out.extend([unit, next]);
                    index += 1;
                    continue;
                }
                _ => true,
            },
            0xdc00..=0xdfff => true,
            _ => false,
        };
        if unit < 0x20 || is_lone_surrogate {
            // b. UnicodeEscape(C).
            out.extend([u16::from(b'\\'), u16::from(b'u')]);
            for shift in [12, 8, 4, 0] {
                let digit = HEX.get(usize::from((unit >> shift) & 0xf)).copied();
                out.push(u16::from(digit.unwrap_or(b'0')));
            }
        } else {
            out.push(unit);
        }
    }
    // 3. Set product to the string-concatenation of product and 0x0022.
    out.push(u16::from(b'"'));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(value: &[u16]) -> String {
        let mut out = Vec::new();
        quote_json_string(value, &mut out);
        String::from_utf16(&out).unwrap()
    }

    fn quote_str(value: &str) -> String {
        quote(&value.encode_utf16().collect::<Vec<_>>())
    }

    #[test]
    fn short_escapes() {
        assert_eq!(quote_str(""), r#""""#);
        assert_eq!(quote_str("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(quote_str("\u{8}\t\n\u{c}\r"), r#""\b\t\n\f\r""#);
        // `/` is not escaped.
        assert_eq!(quote_str("/"), r#""/""#);
    }

    #[test]
    fn other_controls_use_lowercase_unicode_escapes() {
        assert_eq!(
            quote_str("\u{0}\u{1}\u{b}\u{1f}"),
            r#""\u0000\u0001\u000b\u001f""#
        );
        // DEL and U+2028/9 are left alone.
        assert_eq!(
            quote_str("\u{7f}\u{2028}\u{2029}"),
            "\"\u{7f}\u{2028}\u{2029}\""
        );
    }

    #[test]
    fn every_control_below_0x20_is_escaped() {
        for unit in 0..0x20u16 {
            let quoted = quote(&[unit]);
            assert!(quoted.starts_with("\"\\"), "{unit}: {quoted}");
            assert!(quoted.len() == 4 || quoted.len() == 8, "{unit}: {quoted}");
        }
    }

    #[test]
    fn surrogates() {
        // Paired: unchanged.
        assert_eq!(quote(&[0xd834, 0xdf06]), "\"\u{1d306}\"");
        // Lone, in every position (as in test262's value-string-escape-unicode).
        assert_eq!(quote(&[0xd834]), r#""\ud834""#);
        assert_eq!(quote(&[0xdf06]), r#""\udf06""#);
        assert_eq!(quote(&[0xdf06, 0xd834]), r#""\udf06\ud834""#);
        assert_eq!(quote(&[0xd834, 0xd834, 0xdf06]), "\"\\ud834\u{1d306}\"");
        assert_eq!(quote(&[0xd834, 0x61]), r#""\ud834a""#);
        assert_eq!(quote(&[0xdbff, 0xdfff, 0xdfff]), "\"\u{10ffff}\\udfff\"");
        assert_eq!(quote(&[0xdc00, 0xdc00]), r#""\udc00\udc00""#);
    }

    #[test]
    fn non_ascii_passes_through() {
        assert_eq!(quote_str("é😀中"), "\"é😀中\"");
    }

    #[test]
    fn test262_ascii_table() {
        // value-string-escape-ascii.js: every unit below 0x20, `"` and `\`.
        let short = [
            (0x08, "\\b"),
            (0x09, "\\t"),
            (0x0a, "\\n"),
            (0x0c, "\\f"),
            (0x0d, "\\r"),
        ];
        for unit in 0..0x20u16 {
            let expected = match short.iter().find(|(u, _)| *u == unit) {
                Some((_, escape)) => (*escape).to_string(),
                None => format!("\\u{unit:04x}"),
            };
            assert_eq!(quote(&[unit]), format!("\"{expected}\""));
        }
    }

    #[test]
    fn test262_surrogate_sequences() {
        // value-string-escape-unicode.js.
        let cases: &[(&[u16], &str)] = &[
            (
                &[0xd834, 0xd834, 0xdf06, 0xd834],
                "\"\\ud834\u{1d306}\\ud834\"",
            ),
            (
                &[0xd834, 0xd834, 0xdf06, 0xdf06],
                "\"\\ud834\u{1d306}\\udf06\"",
            ),
            (
                &[0xdf06, 0xd834, 0xdf06, 0xd834],
                "\"\\udf06\u{1d306}\\ud834\"",
            ),
            (
                &[0xdf06, 0xd834, 0xdf06, 0xdf06],
                "\"\\udf06\u{1d306}\\udf06\"",
            ),
            (
                &[0xd834, 0xdf06, 0xd834, 0xd834],
                "\"\u{1d306}\\ud834\\ud834\"",
            ),
            (&[0xd834, 0xdf06, 0xd834, 0xdf06], "\"\u{1d306}\u{1d306}\""),
            (
                &[0xdf06, 0xdf06, 0xd834, 0xd834],
                "\"\\udf06\\udf06\\ud834\\ud834\"",
            ),
            (
                &[0xdf06, 0xdf06, 0xd834, 0xdf06],
                "\"\\udf06\\udf06\u{1d306}\"",
            ),
        ];
        for (input, expected) in cases {
            assert_eq!(quote(input), *expected, "{input:x?}");
        }
    }

    #[test]
    fn appends_to_existing_output() {
        let mut out = vec![u16::from(b'x')];
        quote_json_string(&[0x61], &mut out);
        assert_eq!(String::from_utf16(&out).unwrap(), "x\"a\"");
    }
}
