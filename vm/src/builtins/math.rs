//! The Math namespace object: its constants, functions (including Math.f16round and
//! Math.sumPrecise, standard in the pinned test262) and @@toStringTag
//! (<https://tc39.es/ecma262/#sec-math-object>).

use std::cell::Cell;

use gc_arena::Collect;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::builtins::coerce::{
    arg, get, get_method, is_callable, poll, require_object_coercible, to_number, POLL_INTERVAL,
};
use crate::function::{NativeCtx, NativeFn};
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::WellKnownSymbols;
use crate::object::{Object, ObjectKind};
use crate::ops;
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};

/// Create the Math object of `realm` and bind the global `Math`.
pub(crate) fn install<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    symbols: &WellKnownSymbols<'gc>,
) {
    let math = Object::new(
        gcx,
        Some(realm.intrinsics().object_prototype),
        ObjectKind::Ordinary,
    );
    let constants = [
        ("E", std::f64::consts::E),
        ("LN10", std::f64::consts::LN_10),
        ("LN2", std::f64::consts::LN_2),
        ("LOG10E", std::f64::consts::LOG10_E),
        ("LOG2E", std::f64::consts::LOG2_E),
        ("PI", std::f64::consts::PI),
        ("SQRT1_2", std::f64::consts::FRAC_1_SQRT_2),
        ("SQRT2", std::f64::consts::SQRT_2),
    ];
    for (name, v) in constants {
        realm.define_value(gcx, interner, math, name, Value::Number(v), Attrs::NONE);
    }
    math.put_data(
        gcx,
        PropertyKey::Symbol(symbols.to_string_tag),
        Value::String(JsString::from_str(gcx, "Math")),
        Attrs(Attrs::CONFIGURABLE),
    );
    let functions: &[(&str, NativeFn, u32)] = &[
        ("abs", math_abs, 1),
        ("acos", math_acos, 1),
        ("acosh", math_acosh, 1),
        ("asin", math_asin, 1),
        ("asinh", math_asinh, 1),
        ("atan", math_atan, 1),
        ("atanh", math_atanh, 1),
        ("atan2", math_atan2, 2),
        ("cbrt", math_cbrt, 1),
        ("ceil", math_ceil, 1),
        ("clz32", math_clz32, 1),
        ("cos", math_cos, 1),
        ("cosh", math_cosh, 1),
        ("exp", math_exp, 1),
        ("expm1", math_expm1, 1),
        ("floor", math_floor, 1),
        ("fround", math_fround, 1),
        ("f16round", math_f16round, 1),
        ("hypot", math_hypot, 2),
        ("imul", math_imul, 2),
        ("log", math_log, 1),
        ("log1p", math_log1p, 1),
        ("log10", math_log10, 1),
        ("log2", math_log2, 1),
        ("max", math_max, 2),
        ("min", math_min, 2),
        ("pow", math_pow, 2),
        ("random", math_random, 0),
        ("round", math_round, 1),
        ("sign", math_sign, 1),
        ("sin", math_sin, 1),
        ("sinh", math_sinh, 1),
        ("sqrt", math_sqrt, 1),
        ("sumPrecise", math_sum_precise, 1),
        ("tan", math_tan, 1),
        ("tanh", math_tanh, 1),
        ("trunc", math_trunc, 1),
    ];
    for &(name, f, len) in functions {
        realm.define_native_method(gcx, interner, math, name, f, len);
    }
    let global = realm.global();
    realm.define_value(
        gcx,
        interner,
        global,
        "Math",
        Value::Object(math),
        Attrs::HIDDEN,
    );
}

/// A Math function of one Number: ToNumber of the first argument, then `f`.
fn unary<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    args: &[Value<'gc>],
    f: fn(f64) -> f64,
) -> Result<Value<'gc>, Value<'gc>> {
    let x = to_number(cx, arg(args, 0))?;
    Ok(Value::Number(f(x)))
}

macro_rules! unary_math {
    ($($(#[$doc:meta])* $name:ident => $f:expr;)*) => {$(
        $(#[$doc])*
        fn $name<'gc>(
            cx: &mut NativeCtx<'gc, '_>,
            _this: Value<'gc>,
            args: &[Value<'gc>],
        ) -> Result<Value<'gc>, Value<'gc>> {
            unary(cx, args, $f)
        }
    )*};
}

unary_math! {
    /// Math.abs (<https://tc39.es/ecma262/#sec-math.abs>).
    math_abs => f64::abs;
    /// Math.acos (<https://tc39.es/ecma262/#sec-math.acos>).
    math_acos => f64::acos;
    /// Math.acosh (<https://tc39.es/ecma262/#sec-math.acosh>).
    math_acosh => f64::acosh;
    /// Math.asin (<https://tc39.es/ecma262/#sec-math.asin>).
    math_asin => f64::asin;
    /// Math.asinh (<https://tc39.es/ecma262/#sec-math.asinh>): -0 stays -0.
    math_asinh => |x: f64| if x == 0.0 { x } else { x.asinh() };
    /// Math.atan (<https://tc39.es/ecma262/#sec-math.atan>).
    math_atan => f64::atan;
    /// Math.atanh (<https://tc39.es/ecma262/#sec-math.atanh>).
    math_atanh => |x: f64| if x == 0.0 { x } else { x.atanh() };
    /// Math.cbrt (<https://tc39.es/ecma262/#sec-math.cbrt>).
    math_cbrt => f64::cbrt;
    /// Math.ceil (<https://tc39.es/ecma262/#sec-math.ceil>).
    math_ceil => f64::ceil;
    /// Math.cos (<https://tc39.es/ecma262/#sec-math.cos>).
    math_cos => f64::cos;
    /// Math.cosh (<https://tc39.es/ecma262/#sec-math.cosh>).
    math_cosh => f64::cosh;
    /// Math.exp (<https://tc39.es/ecma262/#sec-math.exp>).
    math_exp => f64::exp;
    /// Math.expm1 (<https://tc39.es/ecma262/#sec-math.expm1>).
    math_expm1 => f64::exp_m1;
    /// Math.floor (<https://tc39.es/ecma262/#sec-math.floor>).
    math_floor => f64::floor;
    /// Math.fround (<https://tc39.es/ecma262/#sec-math.fround>).
    math_fround => |x: f64| f64::from(x as f32);
    /// Math.f16round (<https://tc39.es/ecma262/#sec-math.f16round>).
    math_f16round => round_to_f16;
    /// Math.log (<https://tc39.es/ecma262/#sec-math.log>).
    math_log => f64::ln;
    /// Math.log1p (<https://tc39.es/ecma262/#sec-math.log1p>).
    math_log1p => f64::ln_1p;
    /// Math.log10 (<https://tc39.es/ecma262/#sec-math.log10>).
    math_log10 => f64::log10;
    /// Math.log2 (<https://tc39.es/ecma262/#sec-math.log2>).
    math_log2 => f64::log2;
    /// Math.round (<https://tc39.es/ecma262/#sec-math.round>).
    math_round => round;
    /// Math.sign (<https://tc39.es/ecma262/#sec-math.sign>).
    math_sign => |x: f64| if x.is_nan() || x == 0.0 { x } else { x.signum() };
    /// Math.sin (<https://tc39.es/ecma262/#sec-math.sin>).
    math_sin => f64::sin;
    /// Math.sinh (<https://tc39.es/ecma262/#sec-math.sinh>).
    math_sinh => |x: f64| if x == 0.0 { x } else { x.sinh() };
    /// Math.sqrt (<https://tc39.es/ecma262/#sec-math.sqrt>).
    math_sqrt => f64::sqrt;
    /// Math.tan (<https://tc39.es/ecma262/#sec-math.tan>).
    math_tan => f64::tan;
    /// Math.tanh (<https://tc39.es/ecma262/#sec-math.tanh>).
    math_tanh => |x: f64| if x == 0.0 { x } else { x.tanh() };
    /// Math.trunc (<https://tc39.es/ecma262/#sec-math.trunc>).
    math_trunc => f64::trunc;
}

/// Math.round's rounding: toward +∞ at the half, keeping the sign of zero results.
fn round(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 || x.trunc() == x {
        return x;
    }
    if x > 0.0 && x < 0.5 {
        return 0.0;
    }
    if (-0.5..0.0).contains(&x) {
        return -0.0;
    }
    let f = x.floor();
    if x - f >= 0.5 {
        let r = f + 1.0;
        if r == 0.0 {
            -0.0
        } else {
            r
        }
    } else {
        f
    }
}

/// x × 2^e without intermediate overflow or underflow of the power.
fn ldexp(mut x: f64, mut e: i64) -> f64 {
    while e > 1000 {
        x *= 2f64.powi(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= 2f64.powi(-1000);
        e += 1000;
    }
    x * 2f64.powi(e as i32)
}

/// The IEEE 754 binary16 value nearest `x` (ties to even), as a Number.
fn round_to_f16(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let a = x.abs();
    // Halfway between the largest half (65504) and 2^16 rounds to even, i.e. overflows.
    if a >= 65520.0 {
        return f64::INFINITY.copysign(x);
    }
    // The spacing of halves around `a`: 2^(e-10) for normals, 2^-24 for subnormals.
    let e = ((a.to_bits() >> 52) as i64) - 1023;
    let quantum_exp = (e.max(-14)) - 10;
    let scaled = ldexp(a, -quantum_exp);
    let r = scaled.round_ties_even();
    ldexp(r, quantum_exp).copysign(x)
}

/// Math.atan2 (<https://tc39.es/ecma262/#sec-math.atan2>).
fn math_atan2<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let y = to_number(cx, arg(args, 0))?;
    let x = to_number(cx, arg(args, 1))?;
    Ok(Value::Number(y.atan2(x)))
}

/// Math.clz32 (<https://tc39.es/ecma262/#sec-math.clz32>).
fn math_clz32<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let n = ops::to_uint32(to_number(cx, arg(args, 0))?);
    Ok(Value::Number(f64::from(n.leading_zeros())))
}

/// Math.imul (<https://tc39.es/ecma262/#sec-math.imul>).
fn math_imul<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let a = ops::to_uint32(to_number(cx, arg(args, 0))?);
    let b = ops::to_uint32(to_number(cx, arg(args, 1))?);
    Ok(Value::Number(f64::from(a.wrapping_mul(b) as i32)))
}

/// ToNumber of every argument, in order (the coercion step of max, min and hypot).
fn numbers_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    args: &[Value<'gc>],
) -> Result<Vec<f64>, Value<'gc>> {
    let mut out = Vec::with_capacity(args.len());
    for &a in args {
        out.push(to_number(cx, a)?);
    }
    Ok(out)
}

/// Math.hypot (<https://tc39.es/ecma262/#sec-math.hypot>).
fn math_hypot<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    // 1-2. Coerce every argument first.
    let coerced = numbers_of(cx, args)?;
    // 3-5. An infinity wins over NaN; then NaN; then all zeros give +0.
    if coerced.iter().any(|n| n.is_infinite()) {
        return Ok(Value::Number(f64::INFINITY));
    }
    if coerced.iter().any(|n| n.is_nan()) {
        return Ok(Value::Number(f64::NAN));
    }
    let max = coerced.iter().fold(0.0f64, |m, n| m.max(n.abs()));
    if max == 0.0 {
        return Ok(Value::Number(0.0));
    }
    // Scale by the largest magnitude so the squares neither overflow nor underflow.
    let sum: f64 = coerced.iter().map(|n| (n / max) * (n / max)).sum();
    Ok(Value::Number(sum.sqrt() * max))
}

/// Math.max (<https://tc39.es/ecma262/#sec-math.max>).
fn math_max<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let coerced = numbers_of(cx, args)?;
    let mut highest = f64::NEG_INFINITY;
    for n in coerced {
        if n.is_nan() {
            return Ok(Value::Number(f64::NAN));
        }
        // +0 is larger than -0.
        if n > highest || (n == 0.0 && highest == 0.0 && highest.is_sign_negative()) {
            highest = n;
        }
    }
    Ok(Value::Number(highest))
}

/// Math.min (<https://tc39.es/ecma262/#sec-math.min>).
fn math_min<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let coerced = numbers_of(cx, args)?;
    let mut lowest = f64::INFINITY;
    for n in coerced {
        if n.is_nan() {
            return Ok(Value::Number(f64::NAN));
        }
        // -0 is smaller than +0.
        if n < lowest || (n == 0.0 && lowest == 0.0 && n.is_sign_negative()) {
            lowest = n;
        }
    }
    Ok(Value::Number(lowest))
}

/// Number::exponentiate (<https://tc39.es/ecma262/#sec-numeric-types-number-exponentiate>).
pub(crate) fn number_exponentiate(base: f64, exponent: f64) -> f64 {
    // 1-2. NaN exponent gives NaN; a zero exponent gives 1.
    if exponent.is_nan() {
        return f64::NAN;
    }
    if exponent == 0.0 {
        return 1.0;
    }
    // 3. NaN base gives NaN.
    if base.is_nan() {
        return f64::NAN;
    }
    // 9-10. |base| = 1 with an infinite exponent gives NaN (powf would say 1).
    if exponent.is_infinite() && base.abs() == 1.0 {
        return f64::NAN;
    }
    base.powf(exponent)
}

/// Math.pow (<https://tc39.es/ecma262/#sec-math.pow>).
fn math_pow<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let base = to_number(cx, arg(args, 0))?;
    let exponent = to_number(cx, arg(args, 1))?;
    Ok(Value::Number(number_exponentiate(base, exponent)))
}

/// The xorshift64* state of one realm's Math.random (not cryptographic, as the spec allows).
/// Each realm seeds its own on first use, so no state is shared between contexts or threads.
#[derive(Default, Collect)]
#[collect(require_static)]
pub struct RandomState(Cell<u64>);

impl RandomState {
    /// Start the sequence from `seed` (the host's choice, for reproducible runs).
    pub fn seed(&self, seed: u64) {
        // xorshift never leaves 0, so 0 stands for "not seeded yet".
        self.0.set(seed | 1);
    }

    /// The next 64 random bits.
    fn next(&self, salt: usize) -> u64 {
        let mut x = self.0.get();
        if x == 0 {
            x = seed(salt);
        }
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0.set(x);
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// A fresh nonzero seed: the standard library's per-instance random hash keys, mixed with the
/// clock and `salt` (the realm's address).
fn seed(salt: usize) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_usize(salt);
    if let Ok(d) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(d.as_nanos());
    }
    h.finish() | 1
}

/// Math.random (<https://tc39.es/ecma262/#sec-math.random>): uniform in [0, 1), from the state
/// of the function's realm.
fn math_random<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let realm = cx.realm;
    let salt = gc_arena::Gc::as_ptr(realm.0) as usize;
    let bits = realm.0.extras.borrow().random.next(salt);
    // The top 53 bits as a fraction of 2^53.
    Ok(Value::Number((bits >> 11) as f64 / (1u64 << 53) as f64))
}

/// Math.sumPrecise (<https://tc39.es/proposal-math-sum/#sec-math.sumprecise>): the exactly
/// rounded sum of the Numbers an iterable yields.
fn math_sum_precise<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let items = arg(args, 0);
    // 1. Perform ? RequireObjectCoercible(items).
    require_object_coercible(cx, items, "Math.sumPrecise")?;
    // 2. Let iteratorRecord be ? GetIterator(items, sync).
    let iter_key = PropertyKey::Symbol(cx.vm.symbols.iterator);
    let Some(method) = get_method(cx, items, iter_key)? else {
        return Err(cx.type_error("Math.sumPrecise: argument is not iterable"));
    };
    let iterator = cx.call(method, items, &[])?;
    let Value::Object(iterator_obj) = iterator else {
        return Err(cx.type_error("Result of the Symbol.iterator method is not an object"));
    };
    let next_key = cx.vm.names.next;
    let next = get(cx, iterator_obj, next_key)?;
    // 3-7. Accumulate exactly: each finite double is an integer multiple of 2^-1074.
    let mut state = SumState::MinusZero;
    let mut exact = BigInt::zero();
    let mut count: usize = 0;
    loop {
        count += 1;
        if count.is_multiple_of(POLL_INTERVAL) {
            poll(cx)?;
        }
        // a. Let next be ? IteratorStepValue(iteratorRecord).
        if !is_callable(next) {
            return Err(cx.type_error("iterator.next is not a function"));
        }
        let result = cx.call(next, iterator, &[])?;
        let Value::Object(result) = result else {
            return Err(cx.type_error("Iterator result is not an object"));
        };
        let done_key = cx.vm.names.done;
        let done = get(cx, result, done_key)?;
        if ops::to_boolean(done) {
            break;
        }
        let value_key = cx.vm.names.value;
        let value = get(cx, result, value_key)?;
        // c.ii. A non-Number closes the iterator with a TypeError.
        let Value::Number(n) = value else {
            let error = cx.type_error("Math.sumPrecise: iterable yielded a non-Number");
            iterator_close_on_throw(cx, iterator_obj);
            return Err(error);
        };
        // c.iii-iv. Track the special states; add finite non-(-0) values exactly.
        if state == SumState::NotANumber {
            continue;
        }
        if n.is_nan() {
            state = SumState::NotANumber;
        } else if n == f64::INFINITY {
            state = if state == SumState::MinusInfinity {
                SumState::NotANumber
            } else {
                SumState::PlusInfinity
            };
        } else if n == f64::NEG_INFINITY {
            state = if state == SumState::PlusInfinity {
                SumState::NotANumber
            } else {
                SumState::MinusInfinity
            };
        } else if !(n == 0.0 && n.is_sign_negative())
            && matches!(state, SumState::MinusZero | SumState::Finite)
        {
            state = SumState::Finite;
            exact += scaled_integer(n);
        }
    }
    // 8-11. The result for each state.
    let r = match state {
        SumState::NotANumber => f64::NAN,
        SumState::PlusInfinity => f64::INFINITY,
        SumState::MinusInfinity => f64::NEG_INFINITY,
        SumState::MinusZero => -0.0,
        SumState::Finite => round_scaled(&exact),
    };
    Ok(Value::Number(r))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SumState {
    MinusZero,
    Finite,
    PlusInfinity,
    MinusInfinity,
    NotANumber,
}

/// IteratorClose for a throw completion: call `return` if present, ignoring its outcome.
fn iterator_close_on_throw<'gc>(cx: &mut NativeCtx<'gc, '_>, iterator: Object<'gc>) {
    let key = cx.key("return");
    if let Ok(Some(ret)) = get_method(cx, Value::Object(iterator), key) {
        let _ = cx.call(ret, Value::Object(iterator), &[]);
    }
}

/// A finite double as the integer x × 2^1074.
fn scaled_integer(x: f64) -> BigInt {
    let bits = x.abs().to_bits();
    let exp = ((bits >> 52) & 0x7ff) as usize;
    let frac = bits & ((1u64 << 52) - 1);
    let (mantissa, shift) = if exp == 0 {
        (frac, 0)
    } else {
        (frac | (1u64 << 52), exp - 1)
    };
    let v = BigInt::from(mantissa) << shift;
    if x < 0.0 {
        -v
    } else {
        v
    }
}

/// The double nearest n × 2^-1074 (ties to even); +0 for zero.
fn round_scaled(n: &BigInt) -> f64 {
    let negative = n.is_negative();
    let mag = n.abs();
    let bits = mag.bits();
    let value = if bits <= 53 {
        // Exact: a subnormal or small normal.
        ldexp(mag.to_f64().unwrap_or(0.0), -1074)
    } else {
        let shift = bits - 53;
        let top: BigInt = &mag >> shift;
        let rem: BigInt = &mag - (&top << shift);
        let half = BigInt::from(1u8) << (shift - 1);
        let mut t = top.to_u64().unwrap_or(0);
        if rem > half || (rem == half && t % 2 == 1) {
            t += 1;
        }
        ldexp(t as f64, shift as i64 - 1074)
    };
    if negative {
        -value
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f16_rounding() {
        assert_eq!(round_to_f16(1.337), 1.3369140625);
        assert_eq!(round_to_f16(65520.0), f64::INFINITY);
        assert_eq!(round_to_f16(65519.99), 65504.0);
        assert_eq!(round_to_f16(5.960464477539063e-8), 5.960464477539063e-8);
        assert_eq!(round_to_f16(2.9802322387695312e-8), 0.0);
        assert_eq!(round_to_f16(-0.0).to_bits(), (-0.0f64).to_bits());
    }

    #[test]
    fn exact_sums_round_once() {
        let sum = |xs: &[f64]| {
            let mut acc = BigInt::zero();
            for &x in xs {
                acc += scaled_integer(x);
            }
            round_scaled(&acc)
        };
        assert_eq!(sum(&[1e20, 0.1, -1e20]), 0.1);
        assert_eq!(sum(&[0.1, 0.2]), 0.30000000000000004);
        assert_eq!(sum(&[f64::MAX, f64::MAX]), f64::INFINITY);
        assert_eq!(sum(&[5e-324, 5e-324]), 1e-323);
        assert_eq!(sum(&[1.0, -1.0]), 0.0);
    }

    #[test]
    fn rounding_helpers() {
        assert_eq!(round(2.5), 3.0);
        assert_eq!(round(-2.5), -2.0);
        assert!(round(-0.2).is_sign_negative());
        assert_eq!(round(0.49999999999999994), 0.0);
        assert!(number_exponentiate(1.0, f64::INFINITY).is_nan());
        assert_eq!(number_exponentiate(f64::NAN, 0.0), 1.0);
    }
}

#[cfg(test)]
mod script_tests {
    use crate::builtins::coerce::eval_string;

    #[test]
    fn math_functions() {
        assert_eq!(
            eval_string(
                "'' + Math.max() + Math.min() + Math.max(1, NaN, 3) + (1 / Math.max(-0, 0))"
            ),
            "-InfinityInfinityNaNInfinity"
        );
        assert_eq!(eval_string("'' + Math.hypot(3, 4) + Math.hypot(NaN, Infinity) + Math.clz32(1) + Math.imul(0xffffffff, 5)"), "5Infinity31-5");
        assert_eq!(eval_string("'' + Math.round(-0.5) + Math.round(2.5) + Math.sign(-3) + Math.pow(1, Infinity) + Math.trunc(-4.7)"), "03-1NaN-4");
        assert_eq!(eval_string("'' + Math.sumPrecise([1e20, 0.1, -1e20]) + ' ' + (1 / Math.sumPrecise([])) + ' ' + Math.fround(5.5) + ' ' + Math.f16round(1.337)"), "0.1 -Infinity 5.5 1.3369140625");
        assert_eq!(
            eval_string("try { Math.sumPrecise([1, '2']) } catch (e) { e.name }"),
            "TypeError"
        );
        assert_eq!(
            eval_string("var r = Math.random(); (r >= 0 && r < 1) + Math[Symbol.toStringTag]"),
            "trueMath"
        );
    }
}

#[cfg(test)]
mod random_tests {
    use crate::{Context, ContextOptions, HostValue};

    fn seeded(seed: u64) -> Context {
        Context::new(ContextOptions {
            random_seed: Some(seed),
            ..ContextOptions::default()
        })
    }

    fn draw(cx: &mut Context) -> HostValue {
        cx.eval_script("Math.random()", "t.js").unwrap()
    }

    /// Each context has its own Math.random state: draws in one context do not move another's
    /// sequence (a per-thread state would interleave them).
    #[test]
    fn state_is_per_context() {
        let (mut a, mut b) = (seeded(42), seeded(42));
        let first_a = draw(&mut a);
        for _ in 0..5 {
            draw(&mut a);
        }
        assert_eq!(draw(&mut b), first_a);
        // Different seeds give different sequences.
        assert_ne!(draw(&mut seeded(7)), first_a);
    }

    /// Unseeded contexts get different seeds; values stay in [0, 1).
    #[test]
    fn unseeded_contexts_differ() {
        let mut a = Context::new(ContextOptions::default());
        let mut b = Context::new(ContextOptions::default());
        let src = "var s = ''; for (var i = 0; i < 4; i++) { var r = Math.random(); if (!(r >= 0 && r < 1)) throw r; s += r } s";
        assert_ne!(a.eval_script(src, "t.js"), b.eval_script(src, "t.js"));
    }
}
