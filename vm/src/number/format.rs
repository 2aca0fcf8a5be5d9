//! The fixed-digit formats of Number.prototype: `toFixed`, `toExponential`
//! and `toPrecision`. Each rounds the EXACT value of the double (half up,
//! i.e. towards the larger candidate on a tie), so it works on big integers
//! rather than on floating-point approximations.

use std::cmp::Ordering;

use num_bigint::BigUint;
use num_traits::ToPrimitive;

use super::decompose::{decompose, Decomposed};
use super::to_string::{number_to_string, shortest_decimal};

/// The largest digit count the three methods accept; the caller throws a
/// RangeError beyond it, and these functions clamp to it.
pub const MAX_FRACTION_DIGITS: u32 = 100;

/// 10^p as a big integer.
fn pow10(p: u32) -> BigUint {
    BigUint::from(10u32).pow(p)
}

/// The exact positive finite `x` as a fraction `num / den`, multiplied by
/// 10^`scale` (which may be negative).
fn scaled_ratio(x: f64, scale: i32) -> (BigUint, BigUint) {
    let Decomposed { mantissa, exponent } = decompose(x);
    let mut num = BigUint::from(mantissa);
    let mut den = BigUint::from(1u32);
    if exponent >= 0 {
        num <<= exponent.unsigned_abs() as usize;
    } else {
        den <<= exponent.unsigned_abs() as usize;
    }
    if scale >= 0 {
        num *= pow10(scale.unsigned_abs());
    } else {
        den *= pow10(scale.unsigned_abs());
    }
    (num, den)
}

/// The integer n closest to x × 10^`scale`, picking the larger n when two
/// are equally close (the tie rule of all three methods).
fn round_half_up_scaled(x: f64, scale: i32) -> BigUint {
    let (num, den) = scaled_ratio(x, scale);
    // floor(num / den + 1/2) = floor((2·num + den) / (2·den)).
    let twice_den: BigUint = &den << 1usize;
    ((num << 1usize) + den) / twice_den
}

/// Compares the positive finite `x` with 10^`k`, exactly.
fn compare_with_power_of_ten(x: f64, k: i32) -> Ordering {
    let (num, den) = scaled_ratio(x, -k);
    num.cmp(&den)
}

/// For positive finite `x`: the f + 1 digits of the integer n with
/// 10^f ≤ n < 10^(f+1) and the exponent e such that n × 10^(e-f) is as
/// close to x as possible (the larger on a tie): the shared core of
/// `toExponential` step 10.a.i and `toPrecision` step 10.a.
fn rounded_scientific(x: f64, f: u32) -> (String, i32) {
    // Start from e = floor(log10(x)), estimated in floating point and then
    // corrected exactly so that 10^e ≤ x < 10^(e+1).
    let mut e = x.log10().floor().to_i32().unwrap_or(0).clamp(-330, 310);
    for _ in 0..4 {
        if compare_with_power_of_ten(x, e) == Ordering::Less {
            e -= 1;
        } else if compare_with_power_of_ten(x, e + 1) != Ordering::Less {
            e += 1;
        } else {
            break;
        }
    }
    let f_signed = i32::try_from(f).unwrap_or(0);
    let mut n = round_half_up_scaled(x, f_signed - e);
    // Rounding up may reach 10^(f+1): then the closer candidate is 10^f
    // with the next exponent (for which x × 10^(f-e-1) rounds to exactly
    // 10^f).
    if n >= pow10(f + 1) {
        n = pow10(f);
        e += 1;
    }
    (n.to_string(), e)
}

/// Appends "e", the exponent's sign and its decimal digits (steps 12-14 of
/// `toExponential`, step 10.c.iii-v of `toPrecision`).
fn push_exponent(out: &mut String, e: i32) {
    out.push('e');
    out.push(if e >= 0 { '+' } else { '-' });
    out.push_str(&e.unsigned_abs().to_string());
}

/// Inserts a decimal point after the first digit unless there is only one.
fn push_with_point_after_first(out: &mut String, digits: &str) {
    let (first, rest) = digits.split_at(digits.len().min(1));
    out.push_str(first);
    if !rest.is_empty() {
        out.push('.');
        out.push_str(rest);
    }
}

/// Number.prototype.toFixed's steps 6-12 for the Number `x` and the
/// integer `fraction_digits` (the caller has checked 0..=100; larger values
/// are clamped to 100).
/// <https://tc39.es/ecma262/#sec-number.prototype.tofixed>
pub fn to_fixed(x: f64, fraction_digits: u32) -> String {
    let f = fraction_digits.min(MAX_FRACTION_DIGITS);
    // Step 6: non-finite values print as by Number::toString.
    if !x.is_finite() {
        return number_to_string(x, 10);
    }
    // Steps 7-9: a minus sign for negative values (not for -0, whose
    // mathematical value is 0).
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    let x = x.abs();
    // Step 10: from 10^21 on, the result is ToString(x).
    if x >= 1e21 {
        out.push_str(&number_to_string(x, 10));
        return out;
    }
    // Step 11.a: n / 10^f - x as close to zero as possible, larger n on a
    // tie.
    let n = round_half_up_scaled(x, i32::try_from(f).unwrap_or(0));
    // Step 11.b: n = 0 prints as "0".
    let mut m = n.to_string();
    // Step 11.c: split off f fraction digits, padding with leading zeros
    // so at least one integer digit remains.
    if f != 0 {
        let f = f as usize;
        if m.len() <= f {
            let zeros = "0".repeat(f + 1 - m.len());
            m.insert_str(0, &zeros);
        }
        let (a, b) = m.split_at(m.len() - f);
        out.push_str(a);
        out.push('.');
        out.push_str(b);
    } else {
        out.push_str(&m);
    }
    // Step 12.
    out
}

/// Number.prototype.toExponential's steps 4-15 for the Number `x`;
/// `fraction_digits` is `None` for an undefined argument ("as many digits
/// as necessary") and otherwise the integer the caller has checked to be
/// in 0..=100 (larger values are clamped to 100).
/// <https://tc39.es/ecma262/#sec-number.prototype.toexponential>
pub fn to_exponential(x: f64, fraction_digits: Option<u32>) -> String {
    // Step 4: non-finite values print as by Number::toString.
    if !x.is_finite() {
        return number_to_string(x, 10);
    }
    // Steps 7-8: a minus sign for negative values.
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    let x = x.abs();
    let (digits, e) = if x == 0.0 {
        // Step 9: f + 1 zeros (f is 0 for an undefined argument).
        let f = fraction_digits.unwrap_or(0).min(MAX_FRACTION_DIGITS) as usize;
        ("0".repeat(f + 1), 0)
    } else {
        match fraction_digits {
            // Step 10.a.i: n with exactly f + 1 digits, closest to x.
            Some(f) => rounded_scientific(x, f.min(MAX_FRACTION_DIGITS)),
            // Step 10.b.i: the fewest digits that still identify x.
            None => {
                let shortest = shortest_decimal(x);
                let digits: String = shortest
                    .digits
                    .iter()
                    .map(|&d| char::from(b'0' + d))
                    .collect();
                (digits, shortest.n - 1)
            }
        }
    };
    // Steps 11-14.
    push_with_point_after_first(&mut out, &digits);
    push_exponent(&mut out, e);
    // Step 15.
    out
}

/// Number.prototype.toPrecision's steps 4-14 for the Number `x` and the
/// integer `precision` the caller has checked to be in 1..=100 (0 is
/// treated as 1 and larger values are clamped to 100).
/// <https://tc39.es/ecma262/#sec-number.prototype.toprecision>
pub fn to_precision(x: f64, precision: u32) -> String {
    let p = precision.clamp(1, MAX_FRACTION_DIGITS);
    // Step 4: non-finite values print as by Number::toString.
    if !x.is_finite() {
        return number_to_string(x, 10);
    }
    // Steps 7-8: a minus sign for negative values.
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    let x = x.abs();
    let (m, e) = if x == 0.0 {
        // Step 9: p zeros with exponent 0.
        ("0".repeat(p as usize), 0)
    } else {
        // Step 10.a: n with exactly p digits, closest to x.
        rounded_scientific(x, p - 1)
    };
    let p_signed = i32::try_from(p).unwrap_or(1);
    // Step 10.c: exponential notation for e < -6 or e ≥ p.
    if e < -6 || e >= p_signed {
        push_with_point_after_first(&mut out, &m);
        push_exponent(&mut out, e);
        return out;
    }
    if e == p_signed - 1 {
        // Step 11: all digits are integer digits.
        out.push_str(&m);
    } else if e >= 0 {
        // Step 12: the point falls after e + 1 digits.
        let (a, b) = m.split_at((e as usize + 1).min(m.len()));
        out.push_str(a);
        out.push('.');
        out.push_str(b);
    } else {
        // Step 13: "0." then -(e + 1) zeros, then the digits.
        out.push_str("0.");
        out.push_str(&"0".repeat((-(e + 1)) as usize));
        out.push_str(&m);
    }
    // Step 14.
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_fixed_values() {
        // test262 S15.7.4.5_A1.1_T02, return-type.js and friends.
        assert_eq!(to_fixed(123.456, 0), "123");
        assert_eq!(to_fixed(123.456, 1), "123.5");
        assert_eq!(to_fixed(123.456, 2), "123.46");
        assert_eq!(to_fixed(123.456, 3), "123.456");
        assert_eq!(to_fixed(123.456, 4), "123.4560");
        assert_eq!(to_fixed(123.456, 10), "123.4560000000");
        assert_eq!(to_fixed(-123.456, 10), "-123.4560000000");
        assert_eq!(to_fixed(0.0, 0), "0");
        assert_eq!(to_fixed(0.0, 2), "0.00");
        assert_eq!(to_fixed(-0.0, 2), "0.00");
        assert_eq!(to_fixed(-0.0000001, 2), "-0.00");
        assert_eq!(to_fixed(1e21, 2), "1e+21");
        assert_eq!(to_fixed(-1e21, 2), "-1e+21");
        assert_eq!(to_fixed(1e20, 2), "100000000000000000000.00");
        assert_eq!(to_fixed(f64::NAN, 2), "NaN");
        assert_eq!(to_fixed(f64::INFINITY, 2), "Infinity");
        assert_eq!(to_fixed(f64::NEG_INFINITY, 0), "-Infinity");
        assert_eq!(to_fixed(0.5, 0), "1");
        assert_eq!(to_fixed(1.5, 0), "2");
        assert_eq!(to_fixed(2.5, 0), "3");
        assert_eq!(to_fixed(-0.5, 0), "-1");
        // The exact value of 1.005 is just below 1.005.
        assert_eq!(to_fixed(1.005, 2), "1.00");
        assert_eq!(to_fixed(1.255, 2), "1.25");
        assert_eq!(to_fixed(0.000001, 7), "0.0000010");
        // test262 toFixed/exactness.js.
        assert_eq!(to_fixed(1000000000000000128.0, 0), "1000000000000000128");
        assert_eq!(to_fixed(1000000000000000128.0, 1), "1000000000000000128.0");
        assert_eq!(to_fixed(0.1, 25), "0.1000000000000000055511151");
        assert_eq!(to_fixed(1.0, 100).len(), 102);
        assert_eq!(to_fixed(1.0, 1000), to_fixed(1.0, 100));
        assert_eq!(to_fixed(5e-324, 100), format!("0.{}", "0".repeat(100)));
        assert_eq!(to_fixed(f64::MAX, 0), "1.7976931348623157e+308");
        assert_eq!(
            to_fixed(999999999999999900000.0, 0),
            "999999999999999868928"
        );
    }

    #[test]
    fn to_exponential_values() {
        // test262 toExponential/return-values.js.
        assert_eq!(to_exponential(123.0, Some(0)), "1e+2");
        assert_eq!(to_exponential(123.0, Some(1)), "1.2e+2");
        assert_eq!(to_exponential(123.0, Some(2)), "1.23e+2");
        assert_eq!(to_exponential(123.0, Some(3)), "1.230e+2");
        assert_eq!(to_exponential(-123.0, Some(2)), "-1.23e+2");
        assert_eq!(to_exponential(-1.1e-32, Some(2)), "-1.10e-32");
        assert_eq!(to_exponential(1.1e-32, Some(2)), "1.10e-32");
        assert_eq!(to_exponential(25.0, Some(0)), "3e+1");
        assert_eq!(to_exponential(12345.0, Some(3)), "1.235e+4");
        assert_eq!(to_exponential(1.25, Some(1)), "1.3e+0");
        assert_eq!(to_exponential(1.35, Some(1)), "1.4e+0");
        assert_eq!(to_exponential(9.96, Some(1)), "1.0e+1");
        assert_eq!(to_exponential(0.0, Some(0)), "0e+0");
        assert_eq!(to_exponential(-0.0, Some(2)), "0.00e+0");
        assert_eq!(to_exponential(0.0, None), "0e+0");
        assert_eq!(to_exponential(f64::NAN, Some(1)), "NaN");
        assert_eq!(to_exponential(f64::INFINITY, None), "Infinity");
        assert_eq!(to_exponential(f64::NEG_INFINITY, Some(1)), "-Infinity");
        // Undefined fraction digits: as many as necessary.
        assert_eq!(to_exponential(123456.0, None), "1.23456e+5");
        assert_eq!(to_exponential(1.0, None), "1e+0");
        assert_eq!(to_exponential(0.00001, None), "1e-5");
        assert_eq!(to_exponential(-0.1, None), "-1e-1");
        assert_eq!(to_exponential(5e-324, None), "5e-324");
        assert_eq!(to_exponential(f64::MAX, None), "1.7976931348623157e+308");
        assert_eq!(to_exponential(5e-324, Some(2)), "4.94e-324");
        assert_eq!(
            to_exponential(f64::MAX, Some(20)),
            "1.79769313486231570815e+308"
        );
        assert_eq!(to_exponential(1.0, Some(100)).len(), 105);
    }

    #[test]
    fn to_precision_values() {
        // test262 toPrecision/return-values.js and exponential.js.
        assert_eq!(to_precision(123.456, 1), "1e+2");
        assert_eq!(to_precision(123.456, 2), "1.2e+2");
        assert_eq!(to_precision(123.456, 3), "123");
        assert_eq!(to_precision(123.456, 4), "123.5");
        assert_eq!(to_precision(123.456, 5), "123.46");
        assert_eq!(to_precision(123.456, 6), "123.456");
        assert_eq!(to_precision(123.456, 7), "123.4560");
        assert_eq!(to_precision(-123.456, 7), "-123.4560");
        assert_eq!(to_precision(0.00001, 1), "0.00001");
        assert_eq!(to_precision(0.000001, 1), "0.000001");
        assert_eq!(to_precision(0.0000001, 1), "1e-7");
        assert_eq!(to_precision(0.0000006, 1), "6e-7");
        assert_eq!(to_precision(25.0, 1), "3e+1");
        assert_eq!(to_precision(123.0, 3), "123");
        assert_eq!(to_precision(123.0, 2), "1.2e+2");
        assert_eq!(to_precision(0.0, 1), "0");
        assert_eq!(to_precision(0.0, 5), "0.0000");
        assert_eq!(to_precision(-0.0, 3), "0.00");
        assert_eq!(to_precision(f64::NAN, 3), "NaN");
        assert_eq!(to_precision(f64::NEG_INFINITY, 3), "-Infinity");
        assert_eq!(to_precision(1e21, 1), "1e+21");
        assert_eq!(to_precision(1e21, 22), "1000000000000000000000");
        assert_eq!(to_precision(1e21, 23), "1000000000000000000000.0");
        assert_eq!(to_precision(99.99, 2), "1.0e+2");
        assert_eq!(to_precision(0.1, 21), "0.100000000000000005551");
        assert_eq!(to_precision(5e-324, 3), "4.94e-324");
        assert_eq!(to_precision(1.0, 0), "1");
        assert_eq!(to_precision(1.0, 100).len(), 101);
    }
}
