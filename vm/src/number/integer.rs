//! The fixed-width integer conversions of Numbers: ToInt32, ToUint32,
//! ToInt16, ToUint16, ToInt8, ToUint8 and ToUint8Clamp, applied to a value
//! that is already a Number (the caller has run ToNumber).

/// The shared core of ToInt32 .. ToUint8: steps 2-4 of each, i.e. `0` for
/// NaN, ±0 and ±∞, otherwise truncate(ℝ(number)) modulo 2^`bits`, as the
/// non-negative representative.
fn modulo_power_of_two(number: f64, bits: u32) -> u64 {
    // Step 2: NaN, ±0 and ±∞ map to +0.
    if !number.is_finite() || number == 0.0 {
        return 0;
    }
    // Step 3: truncate(ℝ(number)). Every double of magnitude >= 2^52 is
    // already an integer, so `trunc` is exact.
    let int = number.trunc();
    // Step 4: `%` on doubles is exact (fmod never rounds), and its result
    // has the dividend's sign, hence the fix-up into [0, 2^bits).
    let modulus = (1u64 << bits) as f64;
    let mut rem = int % modulus;
    if rem < 0.0 {
        rem += modulus;
    }
    // `rem` is an integer in [0, 2^bits) (adding 2^bits to a negative
    // integer above -2^bits is exact), so the cast is exact.
    rem as u64
}

/// ToInt32 of a Number.
/// <https://tc39.es/ecma262/#sec-toint32>
pub fn number_to_int32(number: f64) -> i32 {
    // Step 5: the upper half of the unsigned range wraps to negative.
    modulo_power_of_two(number, 32) as u32 as i32
}

/// ToUint32 of a Number.
/// <https://tc39.es/ecma262/#sec-touint32>
pub fn to_uint32(number: f64) -> u32 {
    modulo_power_of_two(number, 32) as u32
}

/// ToInt16 of a Number.
/// <https://tc39.es/ecma262/#sec-toint16>
pub fn to_int16(number: f64) -> i16 {
    modulo_power_of_two(number, 16) as u16 as i16
}

/// ToUint16 of a Number.
/// <https://tc39.es/ecma262/#sec-touint16>
pub fn to_uint16(number: f64) -> u16 {
    modulo_power_of_two(number, 16) as u16
}

/// ToInt8 of a Number.
/// <https://tc39.es/ecma262/#sec-toint8>
pub fn to_int8(number: f64) -> i8 {
    modulo_power_of_two(number, 8) as u8 as i8
}

/// ToUint8 of a Number.
/// <https://tc39.es/ecma262/#sec-touint8>
pub fn to_uint8(number: f64) -> u8 {
    modulo_power_of_two(number, 8) as u8
}

/// ToUint8Clamp of a Number: clamps into [0, 255] and rounds half to even
/// (unlike Math.round).
/// <https://tc39.es/ecma262/#sec-touint8clamp>
pub fn to_uint8_clamp(number: f64) -> u8 {
    // Step 2: NaN maps to +0.
    if number.is_nan() {
        return 0;
    }
    // Steps 3-4: clamp (this also covers ±∞).
    if number <= 0.0 {
        return 0;
    }
    if number >= 255.0 {
        return 255;
    }
    // Steps 5-10: nearest integer, ties to the even one. The result is in
    // [0, 255], so the cast is exact.
    number.round_ties_even() as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_32: f64 = 4_294_967_296.0;

    #[test]
    fn int32_special_values() {
        for x in [f64::NAN, 0.0, -0.0, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(number_to_int32(x), 0, "{x}");
            assert_eq!(to_uint32(x), 0, "{x}");
        }
    }

    #[test]
    fn int32_wraps_and_truncates() {
        assert_eq!(number_to_int32(1.9), 1);
        assert_eq!(number_to_int32(-1.9), -1);
        assert_eq!(number_to_int32(2147483647.0), 2147483647);
        assert_eq!(number_to_int32(2147483648.0), -2147483648);
        assert_eq!(number_to_int32(-2147483649.0), 2147483647);
        assert_eq!(number_to_int32(TWO_32), 0);
        assert_eq!(number_to_int32(TWO_32 + 1.0), 1);
        assert_eq!(number_to_int32(-TWO_32 - 1.0), -1);
        assert_eq!(number_to_int32(4294967295.5), -1);
        // 2^53 + 2 and a huge power of two (divisible by 2^32).
        assert_eq!(number_to_int32(9007199254740994.0), 2);
        assert_eq!(number_to_int32(1e300), 0);
        assert_eq!(number_to_int32(f64::MAX), 0);
        assert_eq!(number_to_int32(-f64::MIN_POSITIVE), 0);
        // test262 S9.5_A2.3_T1: 2^31 + 0.5 and friends.
        assert_eq!(number_to_int32(2147483648.25), -2147483648);
        assert_eq!(number_to_int32(-2147483648.25), -2147483648);
    }

    #[test]
    fn uint32_wraps() {
        assert_eq!(to_uint32(-1.0), 4294967295);
        assert_eq!(to_uint32(-1.5), 4294967295);
        assert_eq!(to_uint32(TWO_32 - 1.0), 4294967295);
        assert_eq!(to_uint32(TWO_32), 0);
        assert_eq!(to_uint32(-TWO_32), 0);
        assert_eq!(to_uint32(3.7), 3);
        assert_eq!(to_uint32(-4294967297.0), 4294967295);
    }

    #[test]
    fn sixteen_and_eight_bits() {
        assert_eq!(to_int16(32768.0), -32768);
        assert_eq!(to_int16(-32769.0), 32767);
        assert_eq!(to_int16(65536.0 + 5.0), 5);
        assert_eq!(to_uint16(-1.0), 65535);
        assert_eq!(to_uint16(65536.0), 0);
        assert_eq!(to_uint16(f64::INFINITY), 0);
        assert_eq!(to_int8(128.0), -128);
        assert_eq!(to_int8(-129.0), 127);
        assert_eq!(to_int8(255.9), -1);
        assert_eq!(to_uint8(-1.0), 255);
        assert_eq!(to_uint8(256.0), 0);
        assert_eq!(to_uint8(257.3), 1);
        assert_eq!(to_uint8(f64::NAN), 0);
    }

    #[test]
    fn uint8_clamp_rounds_half_to_even() {
        assert_eq!(to_uint8_clamp(f64::NAN), 0);
        assert_eq!(to_uint8_clamp(-0.0), 0);
        assert_eq!(to_uint8_clamp(-1.0), 0);
        assert_eq!(to_uint8_clamp(f64::NEG_INFINITY), 0);
        assert_eq!(to_uint8_clamp(f64::INFINITY), 255);
        assert_eq!(to_uint8_clamp(300.0), 255);
        assert_eq!(to_uint8_clamp(254.5), 254);
        assert_eq!(to_uint8_clamp(254.500001), 255);
        assert_eq!(to_uint8_clamp(253.5), 254);
        assert_eq!(to_uint8_clamp(0.5), 0);
        assert_eq!(to_uint8_clamp(1.5), 2);
        assert_eq!(to_uint8_clamp(2.5), 2);
        assert_eq!(to_uint8_clamp(0.49999999999999994), 0);
        assert_eq!(to_uint8_clamp(1.1), 1);
    }
}
