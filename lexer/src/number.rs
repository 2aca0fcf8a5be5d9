//! Numeric literals: decimal, `0x`/`0o`/`0b`, legacy octal, BigInt, numeric separators.
//! <https://tc39.es/ecma262/#sec-literals-numeric-literals>

use crate::chars::{byte_at, byte_class, char_at, class, is_id_start};
use crate::span::LexError;

/// A scanned numeric literal.
#[derive(Debug, PartialEq)]
pub(crate) struct NumberLit {
    pub end: usize,
    pub value: NumberValue,
    /// LegacyOctalIntegerLiteral or NonOctalDecimalIntegerLiteral.
    pub legacy_octal: bool,
}

#[derive(Debug, PartialEq)]
pub(crate) enum NumberValue {
    Number(f64),
    BigInt(Box<str>),
}

/// Scans the numeric literal starting at `start` (a digit, or `.` followed by a digit).
pub(crate) fn scan_number(src: &str, start: usize) -> Result<NumberLit, LexError> {
    match scan_small_integer(src.as_bytes(), start) {
        Some(lit) => Ok(lit),
        None => scan_number_general(src, start),
    }
}

/// [`scan_number`] for every literal.
fn scan_number_general(src: &str, start: usize) -> Result<NumberLit, LexError> {
    let first = byte_at(src, start);
    let second = byte_at(src, start + 1);
    let lit = match (first, second) {
        (Some(b'0'), Some(p)) if matches!(p | 0x20, b'x' | b'o' | b'b') => {
            let radix_bits = match p | 0x20 {
                b'x' => 4,
                b'o' => 3,
                _ => 1,
            };
            scan_non_decimal(src, start, radix_bits)?
        }
        (Some(b'0'), Some(d)) if d.is_ascii_digit() => scan_legacy(src, start)?,
        _ => scan_decimal(src, start)?,
    };
    // The SourceCharacter immediately following a NumericLiteral must not be an
    // IdentifierStart or DecimalDigit.
    match char_at(src, lit.end) {
        Some(c) if c.is_ascii_digit() || c == '\\' || is_id_start(c) => Err(LexError::new(
            "identifier starts immediately after numeric literal",
            start,
            lit.end + c.len_utf8(),
        )),
        _ => Ok(lit),
    }
}

/// The fast path of [`scan_number`] for the commonest literal, a DecimalIntegerLiteral of at
/// most 15 digits without separators (`0`, `42`, `262144`): its value is the integer itself,
/// exact in an f64 because it is below 2^53. `None` for anything else (a leading zero before
/// more digits, a fraction, an exponent, a BigInt suffix, a separator, a radix prefix or a
/// character that would make the literal an error), which the general path then scans.
#[inline]
fn scan_small_integer(bytes: &[u8], start: usize) -> Option<NumberLit> {
    let mut end = start;
    let mut value: u64 = 0;
    while let Some(&b) = bytes.get(end) {
        if !b.is_ascii_digit() {
            break;
        }
        if end - start == 15 {
            return None;
        }
        value = value * 10 + u64::from(b - b'0');
        end += 1;
    }
    if end == start || (end - start > 1 && bytes.get(start) == Some(&b'0')) {
        return None;
    }
    // What may continue a literal (`.`, `e`, `n`, `_`, `x`...) or make it an error (an
    // IdentifierStart right after it) goes to the general path; digits cannot follow here.
    match bytes.get(end) {
        Some(&b) if b >= 0x80 || b == b'.' || b == b'\\' || byte_class(b) == class::ID_START => {
            None
        }
        _ => Some(NumberLit {
            end,
            value: NumberValue::Number(value as f64),
            legacy_octal: false,
        }),
    }
}

/// Scans `DecimalDigits[+Sep]`-like digit runs of a radix from `pos`; returns the offset
/// after them and whether a separator was seen. A separator must sit between two digits.
/// <https://tc39.es/ecma262/#prod-NumericLiteralSeparator>
fn scan_digits(
    src: &str,
    mut pos: usize,
    is_digit: fn(u8) -> bool,
    lit_start: usize,
) -> Result<(usize, bool), LexError> {
    let start = pos;
    let mut saw_sep = false;
    loop {
        match byte_at(src, pos) {
            Some(b) if is_digit(b) => pos += 1,
            Some(b'_') => {
                let after_digit = pos > start;
                let before_digit = byte_at(src, pos + 1).is_some_and(is_digit);
                if !after_digit || !before_digit {
                    return Err(LexError::new(
                        "numeric separator must sit between two digits",
                        lit_start,
                        pos + 1,
                    ));
                }
                saw_sep = true;
                pos += 1;
            }
            _ => return Ok((pos, saw_sep)),
        }
    }
}

/// NonDecimalIntegerLiteral, optionally with the BigInt suffix.
fn scan_non_decimal(src: &str, start: usize, radix_bits: u32) -> Result<NumberLit, LexError> {
    let is_digit: fn(u8) -> bool = match radix_bits {
        4 => |b| b.is_ascii_hexdigit(),
        3 => |b| (b'0'..=b'7').contains(&b),
        _ => |b| b == b'0' || b == b'1',
    };
    let digits_start = start + 2;
    let (end, _) = scan_digits(src, digits_start, is_digit, start)?;
    if end == digits_start {
        return Err(LexError::new(
            "missing digits after radix prefix",
            start,
            end,
        ));
    }
    let digits = src.get(digits_start..end).unwrap_or("");
    if byte_at(src, end) == Some(b'n') {
        let prefix = match radix_bits {
            4 => "0x",
            3 => "0o",
            _ => "0b",
        };
        let mut text = String::with_capacity(end - start);
        text.push_str(prefix);
        text.extend(digits.chars().filter(|&c| c != '_'));
        return Ok(NumberLit {
            end: end + 1,
            value: NumberValue::BigInt(text.into()),
            legacy_octal: false,
        });
    }
    Ok(NumberLit {
        end,
        value: NumberValue::Number(power_of_two_radix_value(digits, radix_bits)),
        legacy_octal: false,
    })
}

/// `0` followed by a digit: LegacyOctalIntegerLiteral (`017`) or
/// NonOctalDecimalIntegerLiteral (`08`, `019.5e1`). Neither allows separators or BigInt.
/// <https://tc39.es/ecma262/#prod-LegacyOctalIntegerLiteral>
fn scan_legacy(src: &str, start: usize) -> Result<NumberLit, LexError> {
    let bytes = src.as_bytes();
    let mut end = start + 1;
    let mut octal = true;
    while let Some(&b) = bytes.get(end) {
        if !b.is_ascii_digit() {
            break;
        }
        octal &= b < b'8';
        end += 1;
    }
    if byte_at(src, end) == Some(b'_') {
        return Err(LexError::new(
            "numeric separators are not allowed in legacy octal-like literals",
            start,
            end + 1,
        ));
    }
    if octal {
        let digits = src.get(start + 1..end).unwrap_or("");
        return Ok(NumberLit {
            end,
            value: NumberValue::Number(power_of_two_radix_value(digits, 3)),
            legacy_octal: true,
        });
    }
    // NonOctalDecimalIntegerLiteral is a DecimalIntegerLiteral: fraction and exponent follow.
    let mut lit = scan_decimal_tail(src, start, end)?;
    if let NumberValue::BigInt(_) = lit.value {
        return Err(LexError::new(
            "BigInt literals cannot have a leading zero",
            start,
            lit.end,
        ));
    }
    lit.legacy_octal = true;
    Ok(lit)
}

/// DecimalLiteral or DecimalBigIntegerLiteral starting with a digit or `.`.
fn scan_decimal(src: &str, start: usize) -> Result<NumberLit, LexError> {
    let is_digit: fn(u8) -> bool = |b| b.is_ascii_digit();
    let int_end = if byte_at(src, start) == Some(b'.') {
        start
    } else if byte_at(src, start) == Some(b'0') {
        if byte_at(src, start + 1) == Some(b'_') {
            return Err(LexError::new(
                "numeric separator is not allowed after a leading 0",
                start,
                start + 2,
            ));
        }
        start + 1
    } else {
        scan_digits(src, start, is_digit, start)?.0
    };
    scan_decimal_tail(src, start, int_end)
}

/// The optional fraction, exponent and BigInt suffix after the integer part `start..int_end`.
fn scan_decimal_tail(src: &str, start: usize, int_end: usize) -> Result<NumberLit, LexError> {
    let is_digit: fn(u8) -> bool = |b| b.is_ascii_digit();
    let mut end = int_end;
    let mut is_integer = true;
    if byte_at(src, end) == Some(b'.') {
        is_integer = false;
        let frac_start = end + 1;
        end = scan_digits(src, frac_start, is_digit, start)?.0;
        if end == frac_start && int_end == start {
            return Err(LexError::new("missing digits after '.'", start, end));
        }
    }
    if matches!(byte_at(src, end), Some(b'e' | b'E')) {
        is_integer = false;
        let mut exp_start = end + 1;
        if matches!(byte_at(src, exp_start), Some(b'+' | b'-')) {
            exp_start += 1;
        }
        end = scan_digits(src, exp_start, is_digit, start)?.0;
        if end == exp_start {
            return Err(LexError::new("missing exponent digits", start, end));
        }
    }
    let text = src.get(start..end).unwrap_or("0");
    if byte_at(src, end) == Some(b'n') {
        if !is_integer {
            return Err(LexError::new(
                "BigInt literals cannot have a fraction or exponent",
                start,
                end + 1,
            ));
        }
        let digits: String = text.chars().filter(|&c| c != '_').collect();
        return Ok(NumberLit {
            end: end + 1,
            value: NumberValue::BigInt(digits.into()),
            legacy_octal: false,
        });
    }
    let value = if text.contains('_') {
        let cleaned: String = text.chars().filter(|&c| c != '_').collect();
        cleaned.parse::<f64>()
    } else {
        text.parse::<f64>()
    };
    match value {
        Ok(v) => Ok(NumberLit {
            end,
            value: NumberValue::Number(v),
            legacy_octal: false,
        }),
        Err(_) => Err(LexError::new("invalid numeric literal", start, end)),
    }
}

/// The correctly rounded (ties to even) value of hexadecimal, octal or binary digits
/// (separators ignored). Only the top 64 significant bits are kept, the rest folded into a
/// sticky bit, which is all round-to-nearest needs.
/// <https://tc39.es/ecma262/#sec-numericvalue>
pub(crate) fn power_of_two_radix_value(digits: &str, bits_per_digit: u32) -> f64 {
    let mut acc: u64 = 0;
    let mut exp: i64 = 0;
    let mut sticky = false;
    for b in digits.bytes() {
        let Some(d) = (b as char).to_digit(16) else {
            continue;
        };
        let mut wide = (u128::from(acc) << bits_per_digit) | u128::from(d);
        while wide > u128::from(u64::MAX) {
            sticky |= wide & 1 == 1;
            wide >>= 1;
            exp += 1;
        }
        acc = u64::try_from(wide).unwrap_or(u64::MAX);
    }
    round_to_f64(acc, exp, sticky)
}

/// `acc * 2^exp` rounded to nearest, ties to even, where `sticky` says non-zero bits were
/// dropped below `acc`.
fn round_to_f64(acc: u64, exp: i64, sticky: bool) -> f64 {
    if acc == 0 {
        return 0.0;
    }
    let bits = 64 - acc.leading_zeros();
    let (mantissa, exp) = if bits <= 53 {
        (acc, exp)
    } else {
        let drop = bits - 53;
        let mut m = acc >> drop;
        let rem = acc & ((1u64 << drop) - 1);
        let half = 1u64 << (drop - 1);
        if rem > half || (rem == half && (sticky || m & 1 == 1)) {
            m += 1;
        }
        (m, exp + i64::from(drop))
    };
    // The mantissa has at most 54 bits, so it converts exactly; the scaling is exact or
    // overflows to infinity, which is the correctly rounded result for such huge values.
    let e = i32::try_from(exp.min(2000)).unwrap_or(2000);
    mantissa as f64 * 2f64.powi(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_integer_fast_path_agrees_with_the_general_path() {
        let cases = [
            "0",
            "7",
            "42;",
            "0)",
            "123456789012345",
            "1234567890123456",
            "9007199254740993",
            "01",
            "08",
            "0.5",
            "1.",
            "1e3",
            "1E3",
            "10n",
            "1_000",
            "0x1f",
            "0b1",
            "0o7",
            "1a",
            "1$",
            "1\\u0061",
            "1\u{e9}",
            "5 ",
            "5+1",
            "3.toString",
            "0_1",
            "00",
            "9,",
        ];
        for src in cases {
            let fast = scan_small_integer(src.as_bytes(), 0);
            let general = scan_number_general(src, 0);
            if let Some(fast) = fast {
                assert_eq!(Ok(fast), general.map_err(|e| e.message), "{src}");
            }
            assert_eq!(
                scan_number(src, 0).map_err(|e| e.message),
                scan_number_general(src, 0).map_err(|e| e.message),
                "{src}"
            );
        }
        assert!(scan_small_integer(b"262144;", 0).is_some());
        assert!(scan_small_integer(b"1.5", 0).is_none());
    }

    fn num(src: &str) -> f64 {
        match scan_number(src, 0) {
            Ok(NumberLit {
                value: NumberValue::Number(v),
                ..
            }) => v,
            other => panic!("{src}: {other:?}"),
        }
    }

    fn big(src: &str) -> String {
        match scan_number(src, 0) {
            Ok(NumberLit {
                value: NumberValue::BigInt(v),
                ..
            }) => v.into(),
            other => panic!("{src}: {other:?}"),
        }
    }

    #[test]
    fn decimals() {
        assert_eq!(num("0"), 0.0);
        assert_eq!(num("123"), 123.0);
        assert_eq!(num("1_000_000"), 1e6);
        assert_eq!(num("1.5"), 1.5);
        assert_eq!(num("1."), 1.0);
        assert_eq!(num(".5"), 0.5);
        assert_eq!(num("1.e2"), 100.0);
        assert_eq!(num("1e-2"), 0.01);
        assert_eq!(num("1E+2"), 100.0);
        assert_eq!(num("0.0_1e1_0"), 1e8);
        assert_eq!(num("1e400"), f64::INFINITY);
        assert_eq!(num("0.1"), 0.1);
        assert_eq!(num("9007199254740993"), 9007199254740992.0);
        assert_eq!(scan_number("1.5;", 0).map(|l| l.end), Ok(3));
        assert_eq!(scan_number("1..a", 0).map(|l| l.end), Ok(2));
    }

    #[test]
    fn radixes() {
        assert_eq!(num("0x1F"), 31.0);
        assert_eq!(num("0XfF_ff"), 65535.0);
        assert_eq!(num("0o17"), 15.0);
        assert_eq!(num("0O1_7"), 15.0);
        assert_eq!(num("0b101"), 5.0);
        assert_eq!(num("0B1_0"), 2.0);
        // 2^53 + 1 rounds to even (down); 2^53 + 3 rounds up.
        assert_eq!(num("0x20000000000001"), 9007199254740992.0);
        assert_eq!(num("0x20000000000003"), 9007199254740996.0);
        // Beyond 64 bits: a tie broken by the sticky bit.
        assert_eq!(
            num("0x200000000000010000000001"),
            2f64.powi(93) + 2f64.powi(41)
        );
        assert_eq!(num("0x200000000000010000000000"), 2f64.powi(93));
        assert_eq!(num("0xFFFFFFFFFFFFFFFFF"), 2f64.powi(68));
        let huge = format!("0x1{}", "0".repeat(300));
        assert_eq!(num(&huge), f64::INFINITY);
    }

    #[test]
    fn legacy() {
        let l = scan_number("017", 0).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((l.value, l.legacy_octal), (NumberValue::Number(15.0), true));
        let l = scan_number("08", 0).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((l.value, l.legacy_octal), (NumberValue::Number(8.0), true));
        let l = scan_number("09.5e1", 0).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!((l.value, l.legacy_octal), (NumberValue::Number(95.0), true));
        assert_eq!(scan_number("017.5", 0).map(|l| l.end), Ok(3));
        assert!(!scan_number("0.5", 0).is_ok_and(|l| l.legacy_octal));
    }

    #[test]
    fn bigints() {
        assert_eq!(big("0n"), "0");
        assert_eq!(big("123n"), "123");
        assert_eq!(big("1_0n"), "10");
        assert_eq!(big("0x1_fn"), "0x1f");
        assert_eq!(big("0XFn"), "0xF");
        assert_eq!(big("0o7n"), "0o7");
        assert_eq!(big("0b1n"), "0b1");
    }

    #[test]
    fn errors() {
        for bad in [
            "1_",
            "1__0",
            "1_.5",
            "1._5",
            "1_e5",
            "1e_5",
            "1e+_5",
            "0_1",
            "0_",
            "0x",
            "0x_1",
            "0x1_",
            "0b2",
            "0o8",
            "0b12",
            "07_1",
            "08_1",
            "017n",
            "08n",
            "00n",
            "1.5n",
            "1e3n",
            "3in",
            "1.toString",
            "1e",
            "1e+",
            "3\\u0061",
            "1a",
            "0xg",
            "5é",
            ".5_",
        ] {
            assert!(scan_number(bad, 0).is_err(), "{bad} should fail");
        }
    }
}
