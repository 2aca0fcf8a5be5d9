//! The Number constructor, its statics (constants, isFinite/isInteger/isNaN/isSafeInteger, and
//! parseFloat/parseInt, which are the global functions' objects) and Number.prototype (<https://tc39.es/ecma262/#sec-number-objects>).

use num_traits::ToPrimitive;

use crate::builtins::coerce::{
    arg, prototype_from_new_target, range_error, to_integer_or_infinity, to_numeric,
};
use crate::function::NativeCtx;
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::number;
use crate::object::{Object, ObjectKind};
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::value::Value;

/// 2^53 - 1.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Create %Number%, fill %Number.prototype% and bind the global `Number`.
pub(crate) fn install<'gc>(realm: Realm<'gc>, gcx: Gcx<'gc>, interner: &mut Interner<'gc>) {
    let proto = realm.intrinsics().number_prototype;
    let ctor = realm.new_native_function(
        gcx,
        interner,
        "Number",
        1,
        number_call,
        Some(number_construct),
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
    let constants = [
        ("EPSILON", f64::EPSILON),
        ("MAX_SAFE_INTEGER", MAX_SAFE_INTEGER),
        ("MIN_SAFE_INTEGER", -MAX_SAFE_INTEGER),
        ("MAX_VALUE", f64::MAX),
        ("MIN_VALUE", 5e-324),
        ("NaN", f64::NAN),
        ("NEGATIVE_INFINITY", f64::NEG_INFINITY),
        ("POSITIVE_INFINITY", f64::INFINITY),
    ];
    for (name, v) in constants {
        realm.define_value(gcx, interner, ctor, name, Value::Number(v), Attrs::NONE);
    }
    realm.define_native_method(gcx, interner, ctor, "isFinite", number_is_finite, 1);
    realm.define_native_method(gcx, interner, ctor, "isInteger", number_is_integer, 1);
    realm.define_native_method(gcx, interner, ctor, "isNaN", number_is_nan, 1);
    realm.define_native_method(
        gcx,
        interner,
        ctor,
        "isSafeInteger",
        number_is_safe_integer,
        1,
    );
    // Number.parseFloat and Number.parseInt are %parseFloat% and %parseInt%, which the global
    // object's installer makes into functions.
    let (parse_float, parse_int) = (realm.intrinsics().parse_float, realm.intrinsics().parse_int);
    realm.define_value(
        gcx,
        interner,
        ctor,
        "parseFloat",
        Value::Object(parse_float),
        Attrs::HIDDEN,
    );
    realm.define_value(
        gcx,
        interner,
        ctor,
        "parseInt",
        Value::Object(parse_int),
        Attrs::HIDDEN,
    );
    let methods: [(&str, crate::function::NativeFn, u32); 6] = [
        ("toExponential", number_prototype_to_exponential, 1),
        ("toFixed", number_prototype_to_fixed, 1),
        ("toLocaleString", number_prototype_to_locale_string, 0),
        ("toPrecision", number_prototype_to_precision, 1),
        ("toString", number_prototype_to_string, 1),
        ("valueOf", number_prototype_value_of, 0),
    ];
    for (name, f, len) in methods {
        realm.define_native_method(gcx, interner, proto, name, f, len);
    }
    let global = realm.global();
    realm.define_value(
        gcx,
        interner,
        global,
        "Number",
        Value::Object(ctor),
        Attrs::HIDDEN,
    );
}

/// Steps 1-2 of Number(value): +0 without an argument, else ToNumeric with BigInts converted.
fn number_value_of_argument<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    args: &[Value<'gc>],
) -> Result<f64, Value<'gc>> {
    let Some(&value) = args.first() else {
        return Ok(0.0);
    };
    match to_numeric(cx, value)? {
        Value::BigInt(b) => Ok(b.get().to_f64().unwrap_or(f64::NAN)),
        Value::Number(n) => Ok(n),
        _ => Ok(f64::NAN),
    }
}

/// Number(value) as a function (<https://tc39.es/ecma262/#sec-number-constructor-number-value>).
fn number_call<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    number_value_of_argument(cx, args).map(Value::Number)
}

/// `new Number(value)` (<https://tc39.es/ecma262/#sec-number-constructor-number-value>).
fn number_construct<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let n = number_value_of_argument(cx, args)?;
    // 4. OrdinaryCreateFromConstructor(NewTarget, "%Number.prototype%", « [[NumberData]] »).
    let nt = cx.new_target.unwrap_or(cx.callee);
    let proto = prototype_from_new_target(cx, nt, |i| i.number_prototype)?;
    Ok(Value::Object(Object::new(
        cx.gcx(),
        Some(proto),
        ObjectKind::Number(n),
    )))
}

/// IsIntegralNumber (<https://tc39.es/ecma262/#sec-isintegralnumber>).
fn is_integral_number(v: Value<'_>) -> Option<f64> {
    match v {
        Value::Number(n) if n.is_finite() && n.trunc() == n => Some(n),
        _ => None,
    }
}

/// Number.isFinite (<https://tc39.es/ecma262/#sec-number.isfinite>).
fn number_is_finite<'gc>(
    _cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    Ok(Value::Boolean(
        matches!(arg(args, 0), Value::Number(n) if n.is_finite()),
    ))
}

/// Number.isInteger (<https://tc39.es/ecma262/#sec-number.isinteger>).
fn number_is_integer<'gc>(
    _cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    Ok(Value::Boolean(is_integral_number(arg(args, 0)).is_some()))
}

/// Number.isNaN (<https://tc39.es/ecma262/#sec-number.isnan>).
fn number_is_nan<'gc>(
    _cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    Ok(Value::Boolean(
        matches!(arg(args, 0), Value::Number(n) if n.is_nan()),
    ))
}

/// Number.isSafeInteger (<https://tc39.es/ecma262/#sec-number.issafeinteger>).
fn number_is_safe_integer<'gc>(
    _cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    Ok(Value::Boolean(
        is_integral_number(arg(args, 0)).is_some_and(|n| n.abs() <= MAX_SAFE_INTEGER),
    ))
}

/// ThisNumberValue (<https://tc39.es/ecma262/#sec-thisnumbervalue>).
fn this_number_value<'gc>(cx: &mut NativeCtx<'gc, '_>, v: Value<'gc>) -> Result<f64, Value<'gc>> {
    match v {
        Value::Number(n) => Ok(n),
        Value::Object(o) => match o.borrow().kind {
            ObjectKind::Number(n) => Some(n),
            _ => None,
        }
        .ok_or_else(|| cx.type_error("Number.prototype method called on an incompatible receiver")),
        _ => Err(cx.type_error("Number.prototype method called on an incompatible receiver")),
    }
}

/// Number.prototype.toExponential (<https://tc39.es/ecma262/#sec-number.prototype.toexponential>).
fn number_prototype_to_exponential<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    // 1. Let x be ? ThisNumberValue(this value).
    let x = this_number_value(cx, this)?;
    // 2. Let f be ? ToIntegerOrInfinity(fractionDigits).
    let fd = arg(args, 0);
    let f = to_integer_or_infinity(cx, fd)?;
    // 4. Non-finite x prints as by Number::toString.
    if !x.is_finite() {
        return Ok(cx.string(&number::number_to_string(x, 10)));
    }
    // 5. If f < 0 or f > 100, throw a RangeError exception.
    if !(0.0..=100.0).contains(&f) {
        return Err(range_error(
            cx,
            "toExponential() argument must be between 0 and 100",
        ));
    }
    let digits = if fd.is_undefined() {
        None
    } else {
        Some(f as u32)
    };
    Ok(cx.string(&number::to_exponential(x, digits)))
}

/// Number.prototype.toFixed (<https://tc39.es/ecma262/#sec-number.prototype.tofixed>).
fn number_prototype_to_fixed<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    // 1. Let x be ? ThisNumberValue(this value).
    let x = this_number_value(cx, this)?;
    // 2. Let f be ? ToIntegerOrInfinity(fractionDigits).
    let f = to_integer_or_infinity(cx, arg(args, 0))?;
    // 4-5. f must be finite and in 0..=100.
    if !(0.0..=100.0).contains(&f) {
        return Err(range_error(
            cx,
            "toFixed() digits argument must be between 0 and 100",
        ));
    }
    Ok(cx.string(&number::to_fixed(x, f as u32)))
}

/// Number.prototype.toLocaleString (<https://tc39.es/ecma262/#sec-number.prototype.tolocalestring>):
/// without ECMA-402, the same as toString().
fn number_prototype_to_locale_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let x = this_number_value(cx, this)?;
    Ok(cx.string(&number::number_to_string(x, 10)))
}

/// Number.prototype.toPrecision (<https://tc39.es/ecma262/#sec-number.prototype.toprecision>).
fn number_prototype_to_precision<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    // 1. Let x be ? ThisNumberValue(this value).
    let x = this_number_value(cx, this)?;
    // 2. If precision is undefined, return ! ToString(x).
    let precision = arg(args, 0);
    if precision.is_undefined() {
        return Ok(cx.string(&number::number_to_string(x, 10)));
    }
    // 3. Let p be ? ToIntegerOrInfinity(precision).
    let p = to_integer_or_infinity(cx, precision)?;
    // 4. Non-finite x prints as by Number::toString.
    if !x.is_finite() {
        return Ok(cx.string(&number::number_to_string(x, 10)));
    }
    // 5. If p < 1 or p > 100, throw a RangeError exception.
    if !(1.0..=100.0).contains(&p) {
        return Err(range_error(
            cx,
            "toPrecision() argument must be between 1 and 100",
        ));
    }
    Ok(cx.string(&number::to_precision(x, p as u32)))
}

/// Number.prototype.toString (<https://tc39.es/ecma262/#sec-number.prototype.tostring>).
fn number_prototype_to_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    // 1. Let x be ? ThisNumberValue(this value).
    let x = this_number_value(cx, this)?;
    // 2-3. radixMV: 10 when undefined, else ? ToIntegerOrInfinity(radix).
    let radix = match arg(args, 0) {
        Value::Undefined => 10.0,
        r => to_integer_or_infinity(cx, r)?,
    };
    // 4. If radixMV is not in the inclusive interval from 2 to 36, throw a RangeError.
    if !(2.0..=36.0).contains(&radix) {
        return Err(range_error(cx, "toString() radix must be between 2 and 36"));
    }
    // 5. Return Number::toString(x, radixMV).
    Ok(cx.string(&number::number_to_string(x, radix as u32)))
}

/// Number.prototype.valueOf (<https://tc39.es/ecma262/#sec-number.prototype.valueof>).
fn number_prototype_value_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    this_number_value(cx, this).map(Value::Number)
}

#[cfg(test)]
mod tests {
    use crate::builtins::coerce::eval_string;

    #[test]
    fn constructor_and_statics() {
        assert_eq!(
            eval_string("'' + Number('0x10') + Number(12n) + Number() + typeof new Number(1)"),
            "16120object"
        );
        assert_eq!(eval_string("'' + Number.isInteger(5) + Number.isSafeInteger(2 ** 53) + Number.isNaN('x') + Number.isFinite(1)"), "truefalsefalsetrue");
        // Number.parseInt/parseFloat are the %parseInt%/%parseFloat% intrinsics (the global
        // object's installer makes them callable).
        assert_eq!(
            eval_string("'' + (Number.parseInt !== Number.parseFloat) + typeof Number.parseInt"),
            eval_string("'true' + typeof Number.parseFloat")
        );
        assert_eq!(
            eval_string("'' + Number.MAX_SAFE_INTEGER + ' ' + Number.EPSILON"),
            "9007199254740991 2.220446049250313e-16"
        );
    }

    #[test]
    fn formatting() {
        assert_eq!(
            eval_string("(255).toString(16) + ' ' + (0.5).toString(2) + ' ' + (-0).toString()"),
            "ff 0.1 0"
        );
        assert_eq!(eval_string("(1.005).toFixed(2) + ' ' + (123.456).toExponential(2) + ' ' + (123.456).toPrecision(4)"), "1.00 1.23e+2 123.5");
        assert_eq!(
            eval_string("try { (1).toFixed(101) } catch (e) { e.name }"),
            "RangeError"
        );
        assert_eq!(
            eval_string("try { (1).toString(1) } catch (e) { e.name }"),
            "RangeError"
        );
        assert_eq!(
            eval_string("Number.prototype.valueOf.length + ',' + Number.prototype.toString.length"),
            "0,1"
        );
        assert_eq!(
            eval_string("var f = Number.prototype.valueOf; try { f() } catch (e) { e.name }"),
            "TypeError"
        );
        assert_eq!(
            eval_string("(NaN).toPrecision(200) + (Infinity).toExponential(500)"),
            "NaNInfinity"
        );
    }
}
