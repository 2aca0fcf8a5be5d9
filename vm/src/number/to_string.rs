//! Number::toString in every radix: the shortest digit string that
//! identifies a double, laid out the way the spec prescribes.

use num_bigint::BigUint;
use num_traits::ToPrimitive;

use super::decompose::{decompose, Decomposed};

/// The digit characters of radices up to 36 (step 5's "letters a-z").
const DIGIT_CHARS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// The shortest representation of a positive finite double in some radix:
/// the number is `0.d₁d₂…d_k × radix^n`, i.e. the spec's `s × radix^(n-k)`
/// with `s` the digits read as an integer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ShortestDigits {
    /// Digit values (each below the radix), without leading or trailing
    /// zeros, at least one.
    pub digits: Vec<u8>,
    /// The spec's `n`: the position of the radix point relative to the
    /// first digit.
    pub n: i32,
}

/// Number::toString(x, radix). A radix outside 2..=36 (which the caller
/// must have rejected with a RangeError) is treated as 10.
/// <https://tc39.es/ecma262/#sec-numeric-types-number-tostring>
pub fn number_to_string(x: f64, radix: u32) -> String {
    let radix = if (2..=36).contains(&radix) { radix } else { 10 };
    // Step 1.
    if x.is_nan() {
        return "NaN".to_owned();
    }
    // Step 2: both zeros print as "0".
    if x == 0.0 {
        return "0".to_owned();
    }
    // Step 3: negative numbers are the positive ones with a minus sign.
    if x < 0.0 {
        let mut out = String::from("-");
        out.push_str(&number_to_string(-x, radix));
        return out;
    }
    // Step 4.
    if x.is_infinite() {
        return "Infinity".to_owned();
    }
    // Step 5: n, k and s with k as small as possible.
    let shortest = if radix == 10 {
        shortest_decimal(x)
    } else {
        shortest_in_radix(x, radix)
    };
    // Steps 6-11.
    layout(&shortest, radix == 10)
}

/// Steps 6-11 of Number::toString: places the digits `s` with exponent `n`
/// either positionally or (radix 10 only, outside 1e-7 < x < 1e21) in
/// exponential notation.
/// <https://tc39.es/ecma262/#sec-numeric-types-number-tostring>
fn layout(shortest: &ShortestDigits, allow_exponent: bool) -> String {
    let digits: String = shortest
        .digits
        .iter()
        .map(|&d| char::from(DIGIT_CHARS.get(usize::from(d)).copied().unwrap_or(b'?')))
        .collect();
    let n = i64::from(shortest.n);
    let k = digits.len() as i64;
    let mut out = String::new();
    // Step 6: radix ≠ 10 or -5 ≤ n ≤ 21 use positional notation.
    if !allow_exponent || (-5..=21).contains(&n) {
        if n >= k {
            // Step 6.a: integer, padded with n - k zeros.
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', (n - k) as usize));
        } else if n > 0 {
            // Step 6.b: the radix point falls inside the digits.
            let (int, frac) = digits.split_at(n as usize);
            out.push_str(int);
            out.push('.');
            out.push_str(frac);
        } else {
            // Step 6.c: "0." followed by -n zeros and the digits.
            out.push_str("0.");
            out.extend(std::iter::repeat_n('0', (-n) as usize));
            out.push_str(&digits);
        }
        return out;
    }
    // Steps 7-11: exponential notation with exponent e = n - 1.
    let e = n - 1;
    let sign = if e >= 0 { '+' } else { '-' };
    let (first, rest) = digits.split_at(1);
    out.push_str(first);
    if !rest.is_empty() {
        // Step 11: more than one digit gets a decimal point.
        out.push('.');
        out.push_str(rest);
    }
    out.push('e');
    out.push(sign);
    out.push_str(&e.unsigned_abs().to_string());
    out
}

/// The shortest round-tripping decimal digits of a positive finite double
/// (step 5 of Number::toString for radix 10), as computed by Ryū, with the
/// closest candidate chosen when several are equally short (the spec's
/// NOTE 2 recommendation).
/// <https://tc39.es/ecma262/#sec-numeric-types-number-tostring>
pub(crate) fn shortest_decimal(x: f64) -> ShortestDigits {
    let mut buffer = ryu_js::Buffer::new();
    parse_scientific(buffer.format_finite(x))
}

/// Splits Ryū's output (such as "123.45", "0.000001" or "1.5e-7") into its
/// significant digits and the spec's `n`.
fn parse_scientific(text: &str) -> ShortestDigits {
    let (mantissa, exponent) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let mut digits = Vec::new();
    let mut int_len: i32 = 0;
    let mut seen_point = false;
    for b in mantissa.bytes() {
        match b {
            b'.' => seen_point = true,
            b'0'..=b'9' => {
                digits.push(b - b'0');
                if !seen_point {
                    int_len += 1;
                }
            }
            _ => {}
        }
    }
    // Leading zeros move the point left; trailing zeros are not part of s.
    let leading = digits.iter().take_while(|&&d| d == 0).count();
    digits.drain(..leading);
    while digits.last() == Some(&0) {
        digits.pop();
    }
    if digits.is_empty() {
        digits.push(0);
    }
    ShortestDigits {
        digits,
        n: int_len - leading as i32 + exponent,
    }
}

/// The upper bound on digits the free-format generation can produce: a
/// double needs at most 54 significant binary digits and fewer in any larger
/// radix; the margin guards against arithmetic slips turning into a hang.
const MAX_GENERATED_DIGITS: usize = 1100;

/// Step 5 of Number::toString for any radix: the shortest digit string
/// `s` (and its exponent `n`) such that `s × radix^(n-k)` rounds to `x`,
/// choosing the closest such string, found with exact arithmetic by the
/// free-format digit generation of Steele & White / Burger & Dybvig.
/// `x` must be positive and finite.
/// <https://tc39.es/ecma262/#sec-numeric-types-number-tostring>
pub(crate) fn shortest_in_radix(x: f64, radix: u32) -> ShortestDigits {
    let Decomposed { mantissa, exponent } = decompose(x);
    let big_radix = BigUint::from(radix);
    // A value is represented by r / s; its neighbours lie m⁻ / s below and
    // m⁺ / s above (half the distance to the adjacent doubles, scaled by
    // two). The gap below is half as wide when the mantissa is the smallest
    // normalized one and the exponent is not the minimum.
    let unequal_gaps = mantissa == 1u64 << 52 && exponent > -1074;
    let (mut r, mut s, mut m_plus, mut m_minus);
    if exponent >= 0 {
        let shift = exponent.unsigned_abs() as usize;
        let be = BigUint::from(1u32) << shift;
        if unequal_gaps {
            r = BigUint::from(mantissa) << (shift + 2);
            s = BigUint::from(4u32);
            m_plus = &be << 1usize;
            m_minus = be;
        } else {
            r = BigUint::from(mantissa) << (shift + 1);
            s = BigUint::from(2u32);
            m_plus = be.clone();
            m_minus = be;
        }
    } else {
        let shift = exponent.unsigned_abs() as usize;
        if unequal_gaps {
            r = BigUint::from(mantissa) << 2usize;
            s = BigUint::from(1u32) << (shift + 2);
            m_plus = BigUint::from(2u32);
            m_minus = BigUint::from(1u32);
        } else {
            r = BigUint::from(mantissa) << 1usize;
            s = BigUint::from(1u32) << (shift + 1);
            m_plus = BigUint::from(1u32);
            m_minus = BigUint::from(1u32);
        }
    }
    // Round-half-even reading: a string exactly halfway to a neighbour
    // still reads back as x when x's mantissa is even.
    let inclusive = mantissa % 2 == 0;
    let high_too_big = |r: &BigUint, m_plus: &BigUint, s: &BigUint| {
        let high = r + m_plus;
        if inclusive {
            high >= *s
        } else {
            high > *s
        }
    };

    // Find n: the smallest integer with (r + m⁺) / s < radix^n (≤ when not
    // inclusive). Start from a floating-point estimate, then fix it up.
    let estimate = (x.log2() / f64::from(radix).log2()).ceil();
    let mut n: i32 = estimate.to_i32().unwrap_or(0).clamp(-1100, 1100);
    if n >= 0 {
        s *= big_radix.pow(n.unsigned_abs());
    } else {
        let scale = big_radix.pow(n.unsigned_abs());
        r *= &scale;
        m_plus *= &scale;
        m_minus *= &scale;
    }
    for _ in 0..64 {
        if !high_too_big(&r, &m_plus, &s) {
            break;
        }
        s *= &big_radix;
        n += 1;
    }
    for _ in 0..64 {
        let scaled_r = &r * &big_radix;
        let scaled_m = &m_plus * &big_radix;
        if high_too_big(&scaled_r, &scaled_m, &s) {
            break;
        }
        r = scaled_r;
        m_plus = scaled_m;
        m_minus *= &big_radix;
        n -= 1;
    }

    // Generate digits until the remainder is within reach of either
    // neighbour's rounding interval boundary.
    let mut digits: Vec<u8> = Vec::new();
    for _ in 0..MAX_GENERATED_DIGITS {
        r *= &big_radix;
        m_plus *= &big_radix;
        m_minus *= &big_radix;
        let digit = &r / &s;
        r %= &s;
        let digit = digit.to_u8().unwrap_or(0);
        let low_reached = if inclusive { r <= m_minus } else { r < m_minus };
        let high_reached = high_too_big(&r, &m_plus, &s);
        match (low_reached, high_reached) {
            (false, false) => digits.push(digit),
            (true, false) => {
                digits.push(digit);
                break;
            }
            (false, true) => {
                digits.push(digit + 1);
                break;
            }
            (true, true) => {
                // Both truncating and rounding up identify x: take the one
                // closer to x (rounding up on an exact tie).
                let twice: BigUint = &r << 1usize;
                digits.push(if twice < s { digit } else { digit + 1 });
                break;
            }
        }
    }
    normalize_digits(digits, n, radix)
}

/// Propagates a carry out of a last digit that reached the radix (which the
/// generation's invariants rule out, but a carry costs nothing to handle)
/// and strips leading and trailing zeros.
fn normalize_digits(mut digits: Vec<u8>, mut n: i32, radix: u32) -> ShortestDigits {
    let radix = u8::try_from(radix).unwrap_or(36);
    let mut index = digits.len();
    while index > 0 {
        index -= 1;
        let Some(d) = digits.get_mut(index) else {
            break;
        };
        if *d < radix {
            break;
        }
        *d -= radix;
        if index == 0 {
            digits.insert(0, 1);
            n += 1;
        } else if let Some(prev) = digits.get_mut(index - 1) {
            *prev += 1;
        }
    }
    let leading = digits.iter().take_while(|&&d| d == 0).count();
    digits.drain(..leading);
    n -= leading as i32;
    while digits.last() == Some(&0) {
        digits.pop();
    }
    if digits.is_empty() {
        digits.push(0);
    }
    ShortestDigits { digits, n }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s10(x: f64) -> String {
        number_to_string(x, 10)
    }

    #[test]
    fn special_values() {
        assert_eq!(s10(f64::NAN), "NaN");
        assert_eq!(s10(0.0), "0");
        assert_eq!(s10(-0.0), "0");
        assert_eq!(s10(f64::INFINITY), "Infinity");
        assert_eq!(s10(f64::NEG_INFINITY), "-Infinity");
        for radix in 2..=36 {
            assert_eq!(number_to_string(-0.0, radix), "0");
            assert_eq!(number_to_string(0.0, radix), "0");
            assert_eq!(number_to_string(f64::NAN, radix), "NaN");
            assert_eq!(number_to_string(f64::INFINITY, radix), "Infinity");
            assert_eq!(number_to_string(f64::NEG_INFINITY, radix), "-Infinity");
            assert_eq!(number_to_string(1.0, radix), "1");
            assert_eq!(number_to_string(-1.0, radix), "-1");
        }
    }

    #[test]
    fn decimal_layout() {
        assert_eq!(s10(1.0), "1");
        assert_eq!(s10(-1.5), "-1.5");
        assert_eq!(s10(123.456), "123.456");
        assert_eq!(s10(0.1), "0.1");
        assert_eq!(s10(0.000001), "0.000001");
        assert_eq!(s10(1e-7), "1e-7");
        assert_eq!(s10(1.5e-7), "1.5e-7");
        assert_eq!(s10(1.2345e-7), "1.2345e-7");
        assert_eq!(s10(1e20), "100000000000000000000");
        assert_eq!(s10(1e21), "1e+21");
        assert_eq!(s10(1.5e21), "1.5e+21");
        assert_eq!(s10(123e20), "1.23e+22");
        assert_eq!(s10(f64::MAX), "1.7976931348623157e+308");
        assert_eq!(s10(5e-324), "5e-324");
        assert_eq!(s10(-5e-324), "-5e-324");
        assert_eq!(s10(f64::MIN_POSITIVE), "2.2250738585072014e-308");
        assert_eq!(s10(9007199254740992.0), "9007199254740992");
        assert_eq!(s10(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(s10(1e100), "1e+100");
        assert_eq!(s10(4294967295.0), "4294967295");
        assert_eq!(s10(1.0000000000000002), "1.0000000000000002");
        assert_eq!(s10(123456789012345680000.0), "123456789012345680000");
    }

    #[test]
    fn radix_integers() {
        assert_eq!(number_to_string(255.0, 16), "ff");
        assert_eq!(number_to_string(-255.0, 16), "-ff");
        assert_eq!(number_to_string(255.0, 2), "11111111");
        assert_eq!(number_to_string(35.0, 36), "z");
        assert_eq!(number_to_string(36.0, 36), "10");
        assert_eq!(number_to_string(8.0, 8), "10");
        assert_eq!(number_to_string(100.0, 3), "10201");
        assert_eq!(number_to_string(4294967295.0, 16), "ffffffff");
        for radix in 11..=36u32 {
            for i in 10..radix {
                let expected = char::from(b'a' + (i - 10) as u8).to_string();
                assert_eq!(number_to_string(f64::from(i), radix), expected);
            }
        }
        // Large powers of two print exactly in power-of-two radices.
        assert_eq!(
            number_to_string(2f64.powi(100), 2),
            format!("1{}", "0".repeat(100))
        );
        assert_eq!(number_to_string(1e21, 16), "3635c9adc5dea00000");
        assert_eq!(number_to_string(2f64.powi(64), 16), "10000000000000000");
        let max = number_to_string(f64::MAX, 2);
        assert_eq!(max, format!("{}{}", "1".repeat(53), "0".repeat(971)));
    }

    #[test]
    fn radix_fractions() {
        assert_eq!(number_to_string(0.5, 2), "0.1");
        assert_eq!(number_to_string(-0.5, 2), "-0.1");
        assert_eq!(number_to_string(0.25, 2), "0.01");
        assert_eq!(number_to_string(0.5, 16), "0.8");
        assert_eq!(
            number_to_string(0.5, 3),
            "0.1111111111111111111111111111111112"
        );
        assert_eq!(
            number_to_string(1.5, 3),
            "1.111111111111111111111111111111112"
        );
        assert_eq!(
            number_to_string(0.1, 2),
            "0.0001100110011001100110011001100110011001100110011001101"
        );
        assert_eq!(number_to_string(0.1, 16), "0.1999999999999a");
        assert_eq!(number_to_string(3.75, 16), "3.c");
        assert_eq!(number_to_string(-255.5, 16), "-ff.8");
        assert_eq!(number_to_string(0.1, 36), "0.3lllllllllm");
        assert_eq!(number_to_string(1.0 / 3.0, 3), "0.1");
        // The smallest subnormal: 2^-1074 has 1073 zeros after the point.
        let tiny = number_to_string(5e-324, 2);
        assert_eq!(tiny, format!("0.{}1", "0".repeat(1073)));
        assert!(number_to_string(5e-324, 36).len() > 200);
    }

    #[test]
    fn radix_output_round_trips() {
        let samples = [
            0.1,
            0.3,
            1.0 / 3.0,
            2.0 / 3.0,
            123.456,
            1e-10,
            1e-300,
            5e-324,
            f64::MIN_POSITIVE,
            1e21,
            1e300,
            f64::MAX,
            std::f64::consts::PI,
            9007199254740993.0,
        ];
        for radix in 2..=36u32 {
            for &x in &samples {
                let shortest = shortest_in_radix(x, radix);
                assert!(shortest.digits.iter().all(|&d| u32::from(d) < radix));
                assert_eq!(read_back(&shortest, radix), x, "{x} in radix {radix}");
            }
        }
    }

    #[test]
    fn radix_ten_generation_matches_ryu() {
        let samples = [
            0.1,
            123.456,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            1e21,
            1e-7,
            2f64.powi(-1022),
            9007199254740993.0,
            std::f64::consts::E,
        ];
        for x in samples {
            assert_eq!(shortest_in_radix(x, 10), shortest_decimal(x), "{x}");
        }
    }

    /// The exact value of `0.digits × radix^n`, rounded to a double.
    fn read_back(shortest: &ShortestDigits, radix: u32) -> f64 {
        let mut num = BigUint::from(0u32);
        for &d in &shortest.digits {
            num = num * radix + BigUint::from(d);
        }
        let k = shortest.digits.len() as i32;
        let exp = shortest.n - k;
        let (num, den) = if exp >= 0 {
            (
                num * BigUint::from(radix).pow(exp as u32),
                BigUint::from(1u32),
            )
        } else {
            (num, BigUint::from(radix).pow((-exp) as u32))
        };
        super::super::decompose::ratio_to_f64(&num, &den)
    }
}
