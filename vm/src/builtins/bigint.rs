//! The BigInt constructor, BigInt.asIntN/asUintN and BigInt.prototype
//! (<https://tc39.es/ecma262/#sec-bigint-objects>).

use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};

use crate::builtins::coerce::{
    arg, range_error, to_integer_or_infinity, to_primitive, PreferredType,
};
use crate::function::NativeCtx;
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::WellKnownSymbols;
use crate::number;
use crate::object::ObjectKind;
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{JsBigInt, PropertyKey, Value};

/// 2^53 - 1, the largest index ToIndex accepts.
const MAX_INDEX: f64 = 9_007_199_254_740_991.0;

/// Create %BigInt%, fill %BigInt.prototype% and bind the global `BigInt`.
pub(crate) fn install<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    symbols: &WellKnownSymbols<'gc>,
) {
    let proto = realm.intrinsics().bigint_prototype;
    let ctor = realm.new_native_function(
        gcx,
        interner,
        "BigInt",
        1,
        bigint_call,
        Some(bigint_construct),
        Value::Undefined,
    );
    realm.define_value(
        gcx,
        interner,
        ctor,
        "prototype",
        Value::Object(proto),
        Attrs::NONE,
    );
    realm.define_value(
        gcx,
        interner,
        proto,
        "constructor",
        Value::Object(ctor),
        Attrs::HIDDEN,
    );
    realm.define_native_method(gcx, interner, ctor, "asIntN", bigint_as_int_n, 2);
    realm.define_native_method(gcx, interner, ctor, "asUintN", bigint_as_uint_n, 2);
    realm.define_native_method(
        gcx,
        interner,
        proto,
        "toLocaleString",
        bigint_prototype_to_locale_string,
        0,
    );
    realm.define_native_method(
        gcx,
        interner,
        proto,
        "toString",
        bigint_prototype_to_string,
        0,
    );
    realm.define_native_method(
        gcx,
        interner,
        proto,
        "valueOf",
        bigint_prototype_value_of,
        0,
    );
    proto.put_data(
        gcx,
        PropertyKey::Symbol(symbols.to_string_tag),
        Value::String(JsString::from_str(gcx, "BigInt")),
        Attrs(Attrs::CONFIGURABLE),
    );
    let global = realm.global();
    realm.define_value(
        gcx,
        interner,
        global,
        "BigInt",
        Value::Object(ctor),
        Attrs::HIDDEN,
    );
}

/// BigInt(value) (<https://tc39.es/ecma262/#sec-bigint-constructor-number-value>).
fn bigint_call<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    // 2. Let prim be ? ToPrimitive(value, number).
    let prim = to_primitive(cx, arg(args, 0), PreferredType::Number)?;
    // 3. If prim is a Number, return ? NumberToBigInt(prim).
    if let Value::Number(n) = prim {
        return number_to_bigint(cx, n);
    }
    // 4. Otherwise, return ? ToBigInt(prim).
    to_bigint(cx, prim).map(Value::BigInt)
}

/// `new BigInt()`: step 1, NewTarget is not undefined, so a TypeError.
fn bigint_construct<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    Err(cx.type_error("BigInt is not a constructor"))
}

/// NumberToBigInt (<https://tc39.es/ecma262/#sec-numbertobigint>).
fn number_to_bigint<'gc>(cx: &mut NativeCtx<'gc, '_>, n: f64) -> Result<Value<'gc>, Value<'gc>> {
    // 1. If IsIntegralNumber(number) is false, throw a RangeError exception.
    if !n.is_finite() || n.trunc() != n {
        return Err(range_error(
            cx,
            "The number cannot be converted to a BigInt because it is not an integer",
        ));
    }
    // 2. Return ℤ(ℝ(number)): exact, since every finite double is a dyadic rational.
    let b = f64_to_bigint(n);
    Ok(Value::BigInt(JsBigInt::new(cx.gcx(), b)))
}

/// The exact integer value of an integral finite double.
fn f64_to_bigint(n: f64) -> BigInt {
    let bits = n.abs().to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mantissa, shift) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    let m = BigInt::from(mantissa);
    let v = if shift >= 0 {
        m << (shift as usize)
    } else {
        // Integral values have only zero bits below the point.
        m >> ((-shift) as usize)
    };
    if n < 0.0 {
        -v
    } else {
        v
    }
}

/// ToBigInt (<https://tc39.es/ecma262/#sec-tobigint>).
pub(crate) fn to_bigint<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
) -> Result<JsBigInt<'gc>, Value<'gc>> {
    // 1. Let prim be ? ToPrimitive(argument, number).
    let prim = to_primitive(cx, v, PreferredType::Number)?;
    // 2. The table of conversions.
    match prim {
        Value::BigInt(b) => Ok(b),
        Value::Boolean(b) => Ok(JsBigInt::new(cx.gcx(), BigInt::from(u8::from(b)))),
        Value::String(s) => {
            let parsed = s.units(cx.gcx(), |u| {
                let units: Vec<u16> = (0..u.len()).filter_map(|i| u.get(i)).collect();
                number::string_to_bigint(&units)
            });
            match parsed {
                Some(b) => Ok(JsBigInt::new(cx.gcx(), b)),
                None => Err(cx.error(
                    moat_bytecode::isa::ErrorKind::SyntaxError,
                    "Cannot convert string to a BigInt",
                )),
            }
        }
        Value::Number(_) => Err(cx.type_error("Cannot convert a Number to a BigInt")),
        Value::Symbol(_) => Err(cx.type_error("Cannot convert a Symbol to a BigInt")),
        _ => Err(cx.type_error("Cannot convert undefined or null to a BigInt")),
    }
}

/// ToIndex (<https://tc39.es/ecma262/#sec-toindex>).
fn to_index<'gc>(cx: &mut NativeCtx<'gc, '_>, v: Value<'gc>) -> Result<u64, Value<'gc>> {
    // 1. Let integer be ? ToIntegerOrInfinity(value).
    let i = to_integer_or_infinity(cx, v)?;
    // 2. If integer is not in the inclusive interval from 0 to 2^53 - 1, throw a RangeError.
    if !(0.0..=MAX_INDEX).contains(&i) {
        return Err(range_error(cx, "Invalid index"));
    }
    Ok(i as u64)
}

/// Check the heap budget for a BigInt of `bits` bits before computing it.
fn check_bits<'gc>(cx: &mut NativeCtx<'gc, '_>, bits: u64) -> Result<usize, Value<'gc>> {
    let bytes = usize::try_from(bits / 8 + 16).unwrap_or(usize::MAX);
    if cx.gcx().account.check(bytes.saturating_mul(2)).is_err() {
        return Err(range_error(cx, "Maximum BigInt size exceeded"));
    }
    usize::try_from(bits).map_err(|_| range_error(cx, "Maximum BigInt size exceeded"))
}

/// BigInt.asIntN (<https://tc39.es/ecma262/#sec-bigint.asintn>).
fn bigint_as_int_n<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    // 1. Let bits be ? ToIndex(bits).
    let bits = to_index(cx, arg(args, 0))?;
    // 2. Let bigint be ? ToBigInt(bigint).
    let big = to_bigint(cx, arg(args, 1))?;
    let x = big.get();
    if bits == 0 {
        return Ok(Value::BigInt(JsBigInt::new(cx.gcx(), BigInt::zero())));
    }
    // A value already inside [-2^(bits-1), 2^(bits-1)) is its own result: this also keeps a
    // huge `bits` from allocating 2^bits.
    if x.bits() < bits {
        return Ok(Value::BigInt(big));
    }
    let bits = check_bits(cx, bits)?;
    // 3. Let mod be ℝ(bigint) modulo 2^bits.
    let modulus = BigInt::one() << bits;
    let m = ((x % &modulus) + &modulus) % &modulus;
    // 4. If mod ≥ 2^(bits - 1), return ℤ(mod - 2^bits); otherwise, return ℤ(mod).
    let half = BigInt::one() << (bits - 1);
    let r = if m >= half { m - modulus } else { m };
    Ok(Value::BigInt(JsBigInt::new(cx.gcx(), r)))
}

/// BigInt.asUintN (<https://tc39.es/ecma262/#sec-bigint.asuintn>).
fn bigint_as_uint_n<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    // 1. Let bits be ? ToIndex(bits).
    let bits = to_index(cx, arg(args, 0))?;
    // 2. Let bigint be ? ToBigInt(bigint).
    let big = to_bigint(cx, arg(args, 1))?;
    let x = big.get();
    // A non-negative value below 2^bits is its own result (no 2^bits allocation).
    if !x.is_negative() && x.bits() <= bits {
        return Ok(Value::BigInt(big));
    }
    let bits = check_bits(cx, bits)?;
    // 3. Return ℤ(ℝ(bigint) modulo 2^bits).
    let modulus = BigInt::one() << bits;
    let m = ((x % &modulus) + &modulus) % &modulus;
    Ok(Value::BigInt(JsBigInt::new(cx.gcx(), m)))
}

/// ThisBigIntValue (<https://tc39.es/ecma262/#sec-thisbigintvalue>).
fn this_bigint_value<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
) -> Result<JsBigInt<'gc>, Value<'gc>> {
    match v {
        Value::BigInt(b) => Ok(b),
        Value::Object(o) => match o.borrow().kind {
            ObjectKind::BigInt(b) => Some(b),
            _ => None,
        }
        .ok_or_else(|| cx.type_error("BigInt.prototype method called on an incompatible receiver")),
        _ => Err(cx.type_error("BigInt.prototype method called on an incompatible receiver")),
    }
}

/// BigInt.prototype.toLocaleString (<https://tc39.es/ecma262/#sec-bigint.prototype.tolocalestring>):
/// without ECMA-402, the same as toString().
fn bigint_prototype_to_locale_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let x = this_bigint_value(cx, this)?;
    Ok(cx.string(&number::bigint_to_string(x.get(), 10)))
}

/// BigInt.prototype.toString (<https://tc39.es/ecma262/#sec-bigint.prototype.tostring>).
fn bigint_prototype_to_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    // 1. Let x be ? ThisBigIntValue(this value).
    let x = this_bigint_value(cx, this)?;
    // 2-3. radixMV: 10 when undefined, else ? ToIntegerOrInfinity(radix).
    let radix = match arg(args, 0) {
        Value::Undefined => 10.0,
        r => to_integer_or_infinity(cx, r)?,
    };
    // 4. If radixMV is not in the inclusive interval from 2 to 36, throw a RangeError.
    if !(2.0..=36.0).contains(&radix) {
        return Err(range_error(cx, "toString() radix must be between 2 and 36"));
    }
    // 5. Return BigInt::toString(x, radixMV).
    Ok(cx.string(&number::bigint_to_string(x.get(), radix as u32)))
}

/// BigInt.prototype.valueOf (<https://tc39.es/ecma262/#sec-bigint.prototype.valueof>).
fn bigint_prototype_value_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    this_bigint_value(cx, this).map(Value::BigInt)
}

#[cfg(test)]
mod tests {
    use super::f64_to_bigint;
    use num_bigint::BigInt;

    #[test]
    fn integral_doubles_convert_exactly() {
        assert_eq!(f64_to_bigint(0.0), BigInt::from(0));
        assert_eq!(f64_to_bigint(-42.0), BigInt::from(-42));
        assert_eq!(
            f64_to_bigint(9_007_199_254_740_992.0),
            BigInt::from(1u64 << 53)
        );
        assert_eq!(
            f64_to_bigint(1e20),
            "100000000000000000000"
                .parse::<BigInt>()
                .unwrap_or_default()
        );
    }
}

#[cfg(test)]
mod script_tests {
    use crate::builtins::coerce::eval_string;

    #[test]
    fn bigint_constructor_and_statics() {
        assert_eq!(
            eval_string("'' + BigInt('0x10') + BigInt(true) + BigInt(2 ** 60)"),
            "1611152921504606846976"
        );
        assert_eq!(
            eval_string("try { BigInt(1.5) } catch (e) { e.name }"),
            "RangeError"
        );
        assert_eq!(
            eval_string("try { BigInt('1.5') } catch (e) { e.name }"),
            "SyntaxError"
        );
        assert_eq!(
            eval_string("try { new BigInt(1) } catch (e) { e.name }"),
            "TypeError"
        );
        assert_eq!(eval_string("'' + BigInt.asIntN(8, 255n) + ' ' + BigInt.asUintN(8, -1n) + ' ' + BigInt.asIntN(2 ** 53 - 1, -5n)"), "-1 255 -5");
        assert_eq!(
            eval_string("try { BigInt.asUintN(2 ** 53 - 1, -1n) } catch (e) { e.name }"),
            "RangeError"
        );
        assert_eq!(
            eval_string("(255n).toString(16) + (-10n).toLocaleString() + (3n)[Symbol.toStringTag]"),
            "ff-10BigInt"
        );
    }
}
