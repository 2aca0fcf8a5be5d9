//! Reading numbers out of JavaScript strings: StringToNumber (`Number(s)`,
//! unary `+`), `parseFloat`, `parseInt`, StringToBigInt and
//! BigInt::toString. Every result is correctly rounded, and hostile inputs
//! (megabytes of digits, huge exponents) cost time linear in their length
//! (StringToBigInt: the cost of big-integer multiplication) and no
//! allocation beyond a small bounded buffer.

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::Zero;

use super::decompose::biguint_to_f64;
use crate::text::{trim, trim_start};

/// Significant decimal digits kept before the rest collapses into a sticky
/// digit. A value halfway between two doubles has at most 767 significant
/// digits, so 780 digits plus "is anything nonzero beyond" decide every
/// rounding exactly like the full string would.
const MAX_SIGNIFICANT_DECIMAL_DIGITS: usize = 780;

/// Beyond this decimal exponent (of the kept digits read as an integer) the
/// value is certainly 0 or ∞; clamping keeps the exponent text short.
const DECIMAL_EXPONENT_CLAMP: i64 = 100_000;

/// More significant digits than this in any radix ≥ 2 make a value of at
/// least 2^1100, which rounds to +∞.
const MAX_SIGNIFICANT_RADIX_DIGITS: usize = 1100;

/// Below this many digits StringToBigInt uses the quadratic schoolbook
/// conversion; above it, divide and conquer.
const BIGINT_SCHOOLBOOK_DIGITS: usize = 1000;

const fn cu(c: u8) -> u16 {
    c as u16
}

/// The value of `unit` as a digit in radices up to 36 (0-9, then a-z or
/// A-Z for 10-35), or `None`.
fn digit_value(unit: u16) -> Option<u8> {
    let value = match unit {
        0x30..=0x39 => unit - 0x30,
        0x41..=0x5A => unit - 0x41 + 10,
        0x61..=0x7A => unit - 0x61 + 10,
        _ => return None,
    };
    u8::try_from(value).ok()
}

/// Whether `unit` is a DecimalDigit.
fn is_decimal_digit(unit: u16) -> bool {
    (cu(b'0')..=cu(b'9')).contains(&unit)
}

/// The number of leading code units of `s` satisfying `pred`.
fn count_while(s: &[u16], pred: impl Fn(u16) -> bool) -> usize {
    s.iter().take_while(|&&u| pred(u)).count()
}

/// The correctly rounded value of the decimal `int_digits.frac_digits ×
/// 10^exponent` (all digits ASCII decimal; `exponent` saturated by the
/// caller). Only the first 780 significant digits and a sticky digit reach
/// the floating-point parser, so the work is linear and the buffer bounded.
fn decimal_to_f64(int_digits: &[u16], frac_digits: &[u16], exponent: i64) -> f64 {
    let all = int_digits.iter().chain(frac_digits.iter());
    let significant = all.skip_while(|&&u| u == cu(b'0'));
    let mut buffer = String::new();
    let mut kept = 0usize;
    for &unit in significant.take(MAX_SIGNIFICANT_DECIMAL_DIGITS) {
        buffer.push(char::from_u32(u32::from(unit)).unwrap_or('0'));
        kept += 1;
    }
    if kept == 0 {
        return 0.0;
    }
    // Digits after the first `kept` significant ones, counted without
    // storing them; a nonzero one becomes a sticky trailing "1".
    let total_significant = {
        let leading_zeros = int_digits
            .iter()
            .chain(frac_digits.iter())
            .take_while(|&&u| u == cu(b'0'))
            .count();
        int_digits.len() + frac_digits.len() - leading_zeros
    };
    let dropped = total_significant - kept;
    let sticky = dropped > 0
        && int_digits
            .iter()
            .chain(frac_digits.iter())
            .rev()
            .take(dropped)
            .any(|&u| u != cu(b'0'));
    if sticky {
        buffer.push('1');
    }
    // The value is buffer × 10^scale.
    let scale = exponent
        .saturating_sub(frac_digits.len() as i64)
        .saturating_add(dropped as i64)
        .saturating_sub(i64::from(sticky))
        .clamp(-DECIMAL_EXPONENT_CLAMP, DECIMAL_EXPONENT_CLAMP);
    buffer.push('e');
    buffer.push_str(&scale.to_string());
    buffer.parse::<f64>().unwrap_or(f64::NAN)
}

/// Scans the longest prefix of `s` that is a StrUnsignedDecimalLiteral,
/// returning its length and its correctly rounded value.
/// <https://tc39.es/ecma262/#prod-StrUnsignedDecimalLiteral>
fn scan_unsigned_decimal(s: &[u16]) -> Option<(usize, f64)> {
    const INFINITY: &[u8] = b"Infinity";
    if s.len() >= INFINITY.len() && s.iter().zip(INFINITY).all(|(&u, &b)| u == cu(b)) {
        return Some((INFINITY.len(), f64::INFINITY));
    }
    // DecimalDigits, then an optional "." and more DecimalDigits; at least
    // one digit overall.
    let int_len = count_while(s, is_decimal_digit);
    let int_digits = s.get(..int_len).unwrap_or(&[]);
    let mut pos = int_len;
    let mut frac_digits: &[u16] = &[];
    if s.get(pos) == Some(&cu(b'.')) {
        let rest = s.get(pos + 1..).unwrap_or(&[]);
        let frac_len = count_while(rest, is_decimal_digit);
        if int_len + frac_len > 0 {
            frac_digits = rest.get(..frac_len).unwrap_or(&[]);
            pos += 1 + frac_len;
        }
    }
    if int_len + frac_digits.len() == 0 {
        return None;
    }
    // An ExponentPart only counts when it has at least one digit.
    let mut exponent: i64 = 0;
    if matches!(s.get(pos), Some(&u) if u == cu(b'e') || u == cu(b'E')) {
        let mut exp_pos = pos + 1;
        let negative = match s.get(exp_pos) {
            Some(&u) if u == cu(b'+') => {
                exp_pos += 1;
                false
            }
            Some(&u) if u == cu(b'-') => {
                exp_pos += 1;
                true
            }
            _ => false,
        };
        let exp_digits = s.get(exp_pos..).unwrap_or(&[]);
        let exp_len = count_while(exp_digits, is_decimal_digit);
        if exp_len > 0 {
            for &u in exp_digits.iter().take(exp_len) {
                exponent = exponent
                    .saturating_mul(10)
                    .saturating_add(i64::from(u - cu(b'0')))
                    .min(i64::from(u32::MAX));
            }
            if negative {
                exponent = -exponent;
            }
            pos = exp_pos + exp_len;
        }
    }
    Some((pos, decimal_to_f64(int_digits, frac_digits, exponent)))
}

/// The correctly rounded value of `digits` (all valid in `radix`, ≤ 36)
/// read as an unsigned integer.
fn radix_digits_to_f64(digits: &[u16], radix: u32) -> f64 {
    let leading_zeros = count_while(digits, |u| u == cu(b'0'));
    let significant = digits.get(leading_zeros..).unwrap_or(&[]);
    if significant.is_empty() {
        return 0.0;
    }
    if radix == 10 {
        return decimal_to_f64(significant, &[], 0);
    }
    if significant.len() > MAX_SIGNIFICANT_RADIX_DIGITS {
        return f64::INFINITY;
    }
    let values: Vec<u8> = significant
        .iter()
        .map(|&u| digit_value(u).unwrap_or(0))
        .collect();
    match BigUint::from_radix_be(&values, radix) {
        Some(n) => biguint_to_f64(&n),
        None => f64::NAN,
    }
}

/// The radix a NonDecimalIntegerLiteral prefix ("0x", "0o", "0b", in
/// either case) selects, if `s` starts with one.
fn non_decimal_prefix(s: &[u16]) -> Option<u32> {
    match s {
        [zero, marker, ..] if *zero == cu(b'0') => match *marker | 0x20 {
            m if m == cu(b'x') => Some(16),
            m if m == cu(b'o') => Some(8),
            m if m == cu(b'b') => Some(2),
            _ => None,
        },
        _ => None,
    }
}

/// Whether every code unit of `s` is a digit in `radix`, and there is one.
fn all_digits(s: &[u16], radix: u32) -> bool {
    !s.is_empty()
        && s.iter()
            .all(|&u| digit_value(u).is_some_and(|d| u32::from(d) < radix))
}

/// StringToNumber: the Number a whole string denotes as a
/// StringNumericLiteral, or NaN.
/// <https://tc39.es/ecma262/#sec-stringtonumber>
pub fn string_to_number(s: &[u16]) -> f64 {
    // StrWhiteSpace around the literal is allowed; only white space (or
    // nothing) is 0.
    let literal = trim(s);
    if literal.is_empty() {
        return 0.0;
    }
    // NonDecimalIntegerLiteral[~Sep]: unsigned.
    if let Some(radix) = non_decimal_prefix(literal) {
        let digits = literal.get(2..).unwrap_or(&[]);
        if !all_digits(digits, radix) {
            return f64::NAN;
        }
        return radix_digits_to_f64(digits, radix);
    }
    // StrDecimalLiteral: an optional sign, then the whole rest must be a
    // StrUnsignedDecimalLiteral.
    let (negative, unsigned) = split_sign(literal);
    match scan_unsigned_decimal(unsigned) {
        Some((len, value)) if len == unsigned.len() => apply_sign(negative, value),
        _ => f64::NAN,
    }
}

/// Splits off a leading "+" or "-".
fn split_sign(s: &[u16]) -> (bool, &[u16]) {
    match s.split_first() {
        Some((&u, rest)) if u == cu(b'-') => (true, rest),
        Some((&u, rest)) if u == cu(b'+') => (false, rest),
        _ => (false, s),
    }
}

/// Negation of the StringNumericValue (which turns 0 into -0).
fn apply_sign(negative: bool, value: f64) -> f64 {
    if negative {
        -value
    } else {
        value
    }
}

/// parseFloat(string) for an already stringified argument: the value of
/// the longest prefix (after leading white space) that is a
/// StrDecimalLiteral, or NaN.
/// <https://tc39.es/ecma262/#sec-parsefloat-string>
pub fn parse_float(s: &[u16]) -> f64 {
    // Step 2: only leading white space is removed.
    let trimmed = trim_start(s);
    // Steps 3-6: the longest StrDecimalLiteral prefix, sign included.
    let (negative, unsigned) = split_sign(trimmed);
    match scan_unsigned_decimal(unsigned) {
        Some((_, value)) => apply_sign(negative, value),
        None => f64::NAN,
    }
}

/// parseInt(string, radix) for an already stringified argument and a
/// radix the caller has already passed through ToInt32 (step 6). The
/// digits are converted exactly and rounded once, for every radix.
/// <https://tc39.es/ecma262/#sec-parseint-string-radix>
pub fn parse_int(s: &[u16], radix: i32) -> f64 {
    // Step 2: only leading white space is removed.
    let mut rest = trim_start(s);
    // Steps 3-5: an optional sign.
    let negative = rest.first() == Some(&cu(b'-'));
    if matches!(rest.first(), Some(&u) if u == cu(b'-') || u == cu(b'+')) {
        rest = rest.get(1..).unwrap_or(&[]);
    }
    // Steps 6-9.
    let mut strip_prefix = true;
    let mut r = radix;
    if r != 0 {
        if !(2..=36).contains(&r) {
            return f64::NAN;
        }
        if r != 16 {
            strip_prefix = false;
        }
    } else {
        r = 10;
    }
    // Step 10: "0x" / "0X" selects (or confirms) radix 16.
    if strip_prefix {
        if let [zero, x, tail @ ..] = rest {
            if *zero == cu(b'0') && (*x == cu(b'x') || *x == cu(b'X')) {
                rest = tail;
                r = 16;
            }
        }
    }
    let r = r.unsigned_abs();
    // Steps 11-12: the longest prefix of radix-R digits.
    let end = count_while(rest, |u| digit_value(u).is_some_and(|d| u32::from(d) < r));
    let digits = rest.get(..end).unwrap_or(&[]);
    // Step 13.
    if digits.is_empty() {
        return f64::NAN;
    }
    // Steps 14-16: the exact integer, correctly rounded; 0 keeps the sign.
    apply_sign(negative, radix_digits_to_f64(digits, r))
}

/// StringToBigInt: the BigInt a whole string denotes as a
/// StringIntegerLiteral, or `None` (the spec's undefined) for a syntax
/// error.
/// <https://tc39.es/ecma262/#sec-stringtobigint>
pub fn string_to_bigint(s: &[u16]) -> Option<BigInt> {
    let literal = trim(s);
    // StrWhiteSpace only: 0n.
    if literal.is_empty() {
        return Some(BigInt::zero());
    }
    // NonDecimalIntegerLiteral[~Sep]: unsigned. Power-of-two radices
    // convert in linear time.
    if let Some(radix) = non_decimal_prefix(literal) {
        let digits = literal.get(2..).unwrap_or(&[]);
        if !all_digits(digits, radix) {
            return None;
        }
        let values: Vec<u8> = digits
            .iter()
            .map(|&u| digit_value(u).unwrap_or(0))
            .collect();
        return BigUint::from_radix_be(&values, radix).map(BigInt::from);
    }
    // SignedInteger[~Sep].
    let (negative, digits) = split_sign(literal);
    if !all_digits(digits, 10) {
        return None;
    }
    let values: Vec<u8> = digits.iter().map(|&u| (u - cu(b'0')) as u8).collect();
    let magnitude = decimal_digits_to_biguint(&values);
    let sign = if negative { Sign::Minus } else { Sign::Plus };
    Some(BigInt::from_biguint(sign, magnitude))
}

/// The integer the decimal digit values (0-9, most significant first)
/// denote. Long inputs are split in halves, high × 10^len(low) + low, so
/// the cost is that of a few big multiplications rather than quadratic.
/// The recursion depth is the logarithm of the length (under 64).
fn decimal_digits_to_biguint(digits: &[u8]) -> BigUint {
    if digits.len() <= BIGINT_SCHOOLBOOK_DIGITS {
        return BigUint::from_radix_be(digits, 10).unwrap_or_default();
    }
    let low_len = digits.len() / 2;
    let (high, low) = digits.split_at(digits.len() - low_len);
    let scale = BigUint::from(10u32).pow(u32::try_from(low_len).unwrap_or(u32::MAX));
    decimal_digits_to_biguint(high) * scale + decimal_digits_to_biguint(low)
}

/// BigInt::toString(x, radix). A radix outside 2..=36 (which the caller
/// must have rejected with a RangeError) is treated as 10. Power-of-two
/// radices take linear time; others take time quadratic in the length
/// (num-bigint's conversion), about 0.4 s for a million decimal digits.
/// <https://tc39.es/ecma262/#sec-numeric-types-bigint-tostring>
pub fn bigint_to_string(b: &BigInt, radix: u32) -> String {
    let radix = if (2..=36).contains(&radix) { radix } else { 10 };
    // Steps 1-2: a minus sign, then the digits of the magnitude (0-9 and
    // a-z, no leading zeros).
    b.to_str_radix(radix)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    fn num(s: &str) -> f64 {
        string_to_number(&utf16(s))
    }

    fn pf(s: &str) -> f64 {
        parse_float(&utf16(s))
    }

    fn pi(s: &str, radix: i32) -> f64 {
        parse_int(&utf16(s), radix)
    }

    fn big(s: &str) -> Option<String> {
        string_to_bigint(&utf16(s)).map(|b| b.to_string())
    }

    /// Same value, distinguishing ±0 and treating NaN as equal to itself.
    fn same(a: f64, b: f64) -> bool {
        (a.is_nan() && b.is_nan()) || (a == b && a.is_sign_negative() == b.is_sign_negative())
    }

    macro_rules! assert_same {
        ($a:expr, $b:expr) => {
            let (a, b) = ($a, $b);
            assert!(same(a, b), "{} is {a:?}, expected {b:?}", stringify!($a));
        };
    }

    const WHITESPACE: &[u16] = &[
        0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
        0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
        0xFEFF,
    ];

    #[test]
    fn string_to_number_empty_and_whitespace() {
        assert_same!(num(""), 0.0);
        assert_same!(num("   "), 0.0);
        assert_same!(string_to_number(WHITESPACE), 0.0);
        let mut padded = WHITESPACE.to_vec();
        padded.extend(utf16("-12.5"));
        padded.extend(WHITESPACE);
        assert_same!(string_to_number(&padded), -12.5);
        // U+180E is no longer white space (test262 S9.3.1_A*_U180E).
        assert_same!(string_to_number(&[0x180E]), f64::NAN);
        assert_same!(string_to_number(&[0x180E, cu(b'1')]), f64::NAN);
    }

    #[test]
    fn string_to_number_decimal() {
        assert_same!(num("1"), 1.0);
        assert_same!(num("+1"), 1.0);
        assert_same!(num("-1"), -1.0);
        assert_same!(num("-0"), -0.0);
        assert_same!(num("+0"), 0.0);
        assert_same!(num("0000"), 0.0);
        assert_same!(num("-0.0e5"), -0.0);
        assert_same!(num(".5"), 0.5);
        assert_same!(num("5."), 5.0);
        assert_same!(num("-.5e1"), -5.0);
        assert_same!(num("1e3"), 1000.0);
        assert_same!(num("1E+3"), 1000.0);
        assert_same!(num("1e-3"), 0.001);
        assert_same!(num("0.1"), 0.1);
        assert_same!(num("123.456"), 123.456);
        assert_same!(num("007"), 7.0);
        assert_same!(num("1e1000"), f64::INFINITY);
        assert_same!(num("-1e1000"), f64::NEG_INFINITY);
        assert_same!(num("1e-1000"), 0.0);
        assert_same!(num("-1e-1000"), -0.0);
        assert_same!(num("5e-324"), 5e-324);
        assert_same!(num("2.4703282292062327e-324"), 0.0);
        assert_same!(num("2.4703282292062328e-324"), 5e-324);
        assert_same!(num("1.7976931348623157e308"), f64::MAX);
        assert_same!(num("1.7976931348623159e308"), f64::INFINITY);
        assert_same!(num("9007199254740993"), 9007199254740992.0);
        assert_same!(num("9007199254740993.0000000001"), 9007199254740994.0);
        assert_same!(num("1e99999999999999999999999"), f64::INFINITY);
        assert_same!(num("0e99999999999999999999999"), 0.0);
        assert_same!(num("1e-99999999999999999999999"), 0.0);
    }

    #[test]
    fn string_to_number_rejects() {
        for s in [
            ".",
            "+",
            "-",
            "e5",
            ".e5",
            "1e",
            "1e+",
            "1.2.3",
            "1 2",
            "abc",
            "1_000",
            "1n",
            "0x",
            "0x_1",
            "-0x10",
            "+0x10",
            "0xg",
            "0b2",
            "0o8",
            "infinity",
            "INFINITY",
            "+-1",
            "Inf",
            "Infinityx",
            "NaN",
            "1ee1",
            "..5",
            "0x1.5",
            "1,5",
            "٣",
        ] {
            assert_same!(num(s), f64::NAN);
        }
    }

    #[test]
    fn string_to_number_infinity_and_prefixes() {
        assert_same!(num("Infinity"), f64::INFINITY);
        assert_same!(num("+Infinity"), f64::INFINITY);
        assert_same!(num("-Infinity"), f64::NEG_INFINITY);
        assert_same!(num("  Infinity\n"), f64::INFINITY);
        assert_same!(num("0x10"), 16.0);
        assert_same!(num("0XfF"), 255.0);
        assert_same!(num("0o17"), 15.0);
        assert_same!(num("0O17"), 15.0);
        assert_same!(num("0b101"), 5.0);
        assert_same!(num("0B101"), 5.0);
        assert_same!(num("0x0"), 0.0);
        // Beyond 53 bits: round to nearest, ties to even.
        assert_same!(num("0x20000000000001"), 9007199254740992.0);
        assert_same!(num("0x20000000000003"), 9007199254740996.0);
        assert_same!(num("0x20000000000002"), 9007199254740994.0);
        assert_same!(num("0x200000000000011"), 144115188075855904.0);
        assert_same!(num("0x200000000000010"), 144115188075855872.0);
        assert_same!(num("0x200000000000030"), 144115188075855936.0);
        assert_same!(num("0x10000000000000000"), 18446744073709551616.0);
        let max = format!("0x{}8{}", "f".repeat(13), "0".repeat(242));
        assert_same!(num(&max), f64::MAX);
        let overflow = format!("0x1{}", "0".repeat(256));
        assert_same!(num(&overflow), f64::INFINITY);
        assert_same!(num(&format!("0b{}", "1".repeat(5000))), f64::INFINITY);
    }

    #[test]
    fn string_to_number_long_inputs() {
        // 1 followed by a million zeros, then fractional digits.
        let long = format!("1{}", "0".repeat(1_000_000));
        assert_same!(num(&long), f64::INFINITY);
        let tiny = format!("0.{}1", "0".repeat(1_000_000));
        assert_same!(num(&tiny), 0.0);
        // A halfway value decided by a digit far beyond the first 780.
        let halfway = format!(
            "9007199254740993{}",
            ".".to_owned() + &"0".repeat(2000) + "1"
        );
        assert_same!(num(&halfway), 9007199254740994.0);
        let below = format!("9007199254740993{}", ".".to_owned() + &"0".repeat(2000));
        assert_same!(num(&below), 9007199254740992.0);
        let many_digits = format!("0.{}", "3".repeat(5000));
        assert_same!(num(&many_digits), 1.0 / 3.0);
    }

    #[test]
    fn parse_float_prefixes() {
        assert_same!(pf("  2.75abc"), 2.75);
        assert_same!(pf("-0"), -0.0);
        assert_same!(pf("-.5"), -0.5);
        assert_same!(pf("1e"), 1.0);
        assert_same!(pf("1e+"), 1.0);
        assert_same!(pf("1e+2x"), 100.0);
        assert_same!(pf("1.e1"), 10.0);
        assert_same!(pf(".e1"), f64::NAN);
        assert_same!(pf("."), f64::NAN);
        assert_same!(pf(""), f64::NAN);
        assert_same!(pf("0x10"), 0.0);
        assert_same!(pf("Infinityx"), f64::INFINITY);
        assert_same!(pf("-Infinity"), f64::NEG_INFINITY);
        assert_same!(pf("infinity"), f64::NAN);
        assert_same!(pf("1_000"), 1.0);
        assert_same!(pf("1.5 2"), 1.5);
        assert_same!(pf("+-1"), f64::NAN);
        assert_same!(pf("12.5e-1.5"), 1.25);
        // Trailing white space is part of "the rest" and ignored.
        assert_same!(pf("\u{3000}42\u{3000}"), 42.0);
        assert_same!(pf("\u{180E}42"), f64::NAN);
    }

    #[test]
    fn parse_int_steps() {
        assert_same!(pi("42", 0), 42.0);
        assert_same!(pi("  -42px", 0), -42.0);
        assert_same!(pi("+42", 10), 42.0);
        assert_same!(pi("-0", 0), -0.0);
        assert_same!(pi("0", 0), 0.0);
        assert_same!(pi("0x1f", 0), 31.0);
        assert_same!(pi("0X1F", 16), 31.0);
        assert_same!(pi("-0x1f", 0), -31.0);
        assert_same!(pi("0x1f", 10), 0.0);
        assert_same!(pi("0x", 0), f64::NAN);
        assert_same!(pi("0x", 16), f64::NAN);
        assert_same!(pi("11", 2), 3.0);
        assert_same!(pi("12", 2), 1.0);
        assert_same!(pi("2", 2), f64::NAN);
        assert_same!(pi("z", 36), 35.0);
        assert_same!(pi("Z", 36), 35.0);
        assert_same!(pi("10", 1), f64::NAN);
        assert_same!(pi("10", 37), f64::NAN);
        assert_same!(pi("10", -1), f64::NAN);
        assert_same!(pi("", 0), f64::NAN);
        assert_same!(pi("-", 0), f64::NAN);
        assert_same!(pi("1e3", 0), 1.0);
        assert_same!(pi("0.9", 0), 0.0);
        assert_same!(pi("0b11", 0), 0.0);
        assert_same!(pi("010", 0), 10.0);
        assert_same!(pi("Infinity", 0), f64::NAN);
        assert_same!(pi("\u{FEFF}\u{2029}7", 0), 7.0);
        // Correct rounding beyond 2^53 in every radix.
        assert_same!(pi("9007199254740993", 10), 9007199254740992.0);
        assert_same!(pi("9007199254740995", 10), 9007199254740996.0);
        assert_same!(pi("20000000000001", 16), 9007199254740992.0);
        assert_same!(pi("20000000000003", 16), 9007199254740996.0);
        assert_same!(pi("100000000000000000000", 10), 1e20);
        assert_same!(
            pi("1".repeat(400).as_str(), 10),
            "1".repeat(400).parse::<f64>().unwrap_or(0.0)
        );
        assert_same!(pi(&"z".repeat(2000), 36), f64::INFINITY);
        assert_same!(pi(&format!("{}1", "0".repeat(100_000)), 7), 1.0);
        // 3^40 is exact; 3^40 + 1 as digits "1000…0001" in radix 3.
        // 3^40 = 12157665459056928801 is 33 above a double and 2015 below
        // the next one; 3^40 + 1 rounds the same way.
        assert_same!(
            pi(&format!("1{}", "0".repeat(40)), 3),
            12157665459056928768.0
        );
        assert_same!(
            pi(&format!("1{}1", "0".repeat(39)), 3),
            12157665459056928768.0
        );
    }

    #[test]
    fn string_to_bigint_literals() {
        assert_eq!(big(""), Some("0".into()));
        assert_eq!(big("  \n "), Some("0".into()));
        assert_eq!(big("123"), Some("123".into()));
        assert_eq!(big(" -123 "), Some("-123".into()));
        assert_eq!(big("+123"), Some("123".into()));
        assert_eq!(big("-0"), Some("0".into()));
        assert_eq!(big("0x1F"), Some("31".into()));
        assert_eq!(big("0o17"), Some("15".into()));
        assert_eq!(big("0b11"), Some("3".into()));
        assert_eq!(big("00012"), Some("12".into()));
        assert_eq!(
            big("18446744073709551617"),
            Some("18446744073709551617".into())
        );
        for bad in [
            "-0x1", "+0x1", "0x", "1n", "1.0", "1e3", ".5", "1_000", "Infinity", "-", "+", "0xg",
            "0b2", "1 2", "abc", "--1",
        ] {
            assert_eq!(big(bad), None, "{bad}");
        }
    }

    #[test]
    fn string_to_bigint_long_decimal() {
        // Divide and conquer must agree with the schoolbook conversion.
        let digits: String = (0..5000)
            .map(|i| char::from(b'0' + (i * 7 % 10) as u8))
            .collect();
        let expected = BigUint::parse_bytes(digits.as_bytes(), 10).unwrap_or_default();
        let parsed = string_to_bigint(&utf16(&digits)).unwrap_or_default();
        assert_eq!(parsed, BigInt::from(expected));
        let round_trip = bigint_to_string(&parsed, 10);
        assert_eq!(round_trip, digits.trim_start_matches('0'));
    }

    #[test]
    fn bigint_to_string_radices() {
        let n = BigInt::from(255);
        assert_eq!(bigint_to_string(&n, 16), "ff");
        assert_eq!(bigint_to_string(&-n.clone(), 2), "-11111111");
        assert_eq!(bigint_to_string(&n, 36), "73");
        assert_eq!(bigint_to_string(&n, 99), "255");
        assert_eq!(bigint_to_string(&BigInt::zero(), 7), "0");
        assert_eq!(
            bigint_to_string(&(BigInt::from(1) << 64usize), 10),
            "18446744073709551616"
        );
    }
}
