//! Exact views of doubles: splitting a double into `mantissa × 2^exponent`
//! and rounding an exact binary or rational value to the nearest double
//! (ties to even), as IEEE 754 roundTiesToEven and the spec's "𝔽(x)"
//! require (<https://tc39.es/ecma262/#sec-ecmascript-language-types-number-type>).

use num_bigint::BigUint;
use num_traits::{ToPrimitive, Zero};

/// A finite double as `mantissa × 2^exponent`, both integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Decomposed {
    /// Below 2^53; at least 2^52 for normal numbers.
    pub mantissa: u64,
    /// Between -1074 and 971.
    pub exponent: i32,
}

/// Splits the magnitude of a finite double into its integer mantissa and
/// binary exponent (the sign is ignored; infinities and NaN give nonsense
/// but never panic).
pub(crate) fn decompose(x: f64) -> Decomposed {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    if biased == 0 {
        Decomposed {
            mantissa: fraction,
            exponent: -1074,
        }
    } else {
        Decomposed {
            mantissa: fraction | (1u64 << 52),
            exponent: biased - 1075,
        }
    }
}

/// 2^e as a double, for e in -1074..=1023 (outside: 0 or ∞).
fn pow2(e: i64) -> f64 {
    if e > 1023 {
        f64::INFINITY
    } else if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else if e >= -1074 {
        f64::from_bits(1u64 << (e + 1074))
    } else {
        0.0
    }
}

/// `m × 2^exp2` rounded to the nearest double, ties to even, including
/// gradual underflow into subnormals and overflow to +∞.
pub(crate) fn round_to_f64(m: u64, exp2: i64) -> f64 {
    if m == 0 {
        return 0.0;
    }
    let bits = i64::from(64 - m.leading_zeros());
    // The binary exponent of m's leading bit in the final value.
    let top = bits - 1 + exp2;
    if top > 1023 {
        return f64::INFINITY;
    }
    // Normal results keep 53 significant bits; subnormals keep fewer, so
    // the rounding happens once, at the right position.
    let keep = if top >= -1022 { 53 } else { 1075 + top };
    let drop = bits - keep;
    if drop <= 0 {
        // Exact: m fits in the available precision.
        return m as f64 * pow2(exp2);
    }
    if drop > 64 {
        // Below half the smallest subnormal.
        return 0.0;
    }
    let wide = u128::from(m);
    let mut mantissa = wide >> drop;
    let rem = wide & ((1u128 << drop) - 1);
    let half = 1u128 << (drop - 1);
    if rem > half || (rem == half && mantissa & 1 == 1) {
        mantissa += 1;
    }
    // mantissa ≤ 2^53 is exact as a double and so is the scaling, unless
    // it overflows to ∞, which is then the correct rounding.
    mantissa as f64 * pow2(exp2 + drop)
}

/// `num / den` rounded to the nearest double, ties to even. `den` must be
/// nonzero (a zero denominator yields +∞ rather than a panic).
pub(crate) fn ratio_to_f64(num: &BigUint, den: &BigUint) -> f64 {
    if num.is_zero() {
        return 0.0;
    }
    if den.is_zero() {
        return f64::INFINITY;
    }
    // Scale so that the quotient q = floor(num × 2^t / den) has 63 or 64
    // bits: far more than 53, so OR-ing a sticky bit for a nonzero
    // remainder into bit 0 preserves the rounding decision.
    let shift = num.bits() as i64 - den.bits() as i64;
    let t = 63 - shift;
    let (scaled_num, scaled_den) = if t >= 0 {
        (num << (t as u64), den.clone())
    } else {
        (num.clone(), den << (t.unsigned_abs()))
    };
    let quotient = &scaled_num / &scaled_den;
    let sticky = !(&scaled_num % &scaled_den).is_zero();
    let q = quotient.to_u64().unwrap_or(u64::MAX) | u64::from(sticky);
    round_to_f64(q, -t)
}

/// A nonnegative integer rounded to the nearest double, ties to even.
pub(crate) fn biguint_to_f64(n: &BigUint) -> f64 {
    ratio_to_f64(n, &BigUint::from(1u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decompose_round_trips() {
        for x in [1.0, 0.1, 5e-324, f64::MAX, f64::MIN_POSITIVE, 3.0, 1e-310] {
            let d = decompose(x);
            let back = round_to_f64(d.mantissa, i64::from(d.exponent));
            assert_eq!(back, x);
        }
        assert_eq!(
            decompose(1.0),
            Decomposed {
                mantissa: 1 << 52,
                exponent: -52
            }
        );
        assert_eq!(
            decompose(5e-324),
            Decomposed {
                mantissa: 1,
                exponent: -1074
            }
        );
    }

    #[test]
    fn rounding_is_ties_to_even() {
        // 2^53 + 1 is halfway between 2^53 and 2^53 + 2: rounds to even.
        assert_eq!(round_to_f64((1 << 53) + 1, 0), 9007199254740992.0);
        assert_eq!(round_to_f64((1 << 53) + 3, 0), 9007199254740996.0);
        // Halfway below the smallest subnormal rounds to zero; above it, up.
        assert_eq!(round_to_f64(1, -1075), 0.0);
        assert_eq!(round_to_f64(3, -1076), 5e-324);
        assert_eq!(round_to_f64(3, -1075), 1e-323);
        assert_eq!(round_to_f64(1, -2000), 0.0);
        assert_eq!(round_to_f64(u64::MAX, 1000), f64::INFINITY);
        assert_eq!(round_to_f64(1, 1023), 2f64.powi(1023));
        assert_eq!(round_to_f64(1, 1024), f64::INFINITY);
    }

    #[test]
    fn ratios() {
        let big = |n: u64| BigUint::from(n);
        assert_eq!(ratio_to_f64(&big(1), &big(10)), 0.1);
        assert_eq!(ratio_to_f64(&big(1), &big(3)), 1.0 / 3.0);
        assert_eq!(ratio_to_f64(&big(0), &big(3)), 0.0);
        assert_eq!(ratio_to_f64(&big(7), &big(0)), f64::INFINITY);
        let ten = BigUint::from(10u32);
        assert_eq!(ratio_to_f64(&big(5), &ten.pow(324)), 5e-324);
        assert_eq!(ratio_to_f64(&big(2), &ten.pow(324)), 0.0);
        assert_eq!(ratio_to_f64(&big(3), &ten.pow(324)), 5e-324);
        assert_eq!(ratio_to_f64(&ten.pow(400), &big(1)), f64::INFINITY);
        assert_eq!(biguint_to_f64(&ten.pow(22)), 1e22);
        assert_eq!(biguint_to_f64(&ten.pow(23)), 1e23);
        // 2^64 + 2^11 + 1 must round up (sticky beyond the tie).
        let n = (BigUint::from(1u32) << 64usize) + big(2049);
        assert_eq!(biguint_to_f64(&n), 18446744073709555712.0);
    }
}
