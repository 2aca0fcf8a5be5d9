//! Helpers of the String/Symbol/Boolean/Number/Math/BigInt built-ins on top of
//! [`super::native_ops`]: ToNumeric, RequireObjectCoercible, GetPrototypeFromConstructor with an
//! intrinsic default, GetMethod as an `Option`, and the size checks script-sized strings need.

pub(crate) use super::native_ops::{
    get, get_v, is_callable, poll, range_error, require_object_coercible, to_integer_or_infinity,
    to_number, to_primitive, to_string,
};
pub(crate) use crate::cont::Hint as PreferredType;

use super::native_ops::charge;
use crate::function::NativeCtx;
use crate::object::Object;
use crate::string::{StringError, MAX_STRING_LENGTH};
use crate::value::{PropertyKey, Value};

/// How many iterations of a native loop over a script-chosen length run between polls of the
/// deadline, interrupt flag and heap limit.
pub(crate) const POLL_INTERVAL: usize = 1 << 12;

/// The argument at `i`, undefined when absent.
pub(crate) fn arg<'gc>(args: &[Value<'gc>], i: usize) -> Value<'gc> {
    args.get(i).copied().unwrap_or(Value::Undefined)
}

/// GetMethod (<https://tc39.es/ecma262/#sec-getmethod>): `None` for undefined or null.
pub(crate) fn get_method<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
    key: PropertyKey<'gc>,
) -> Result<Option<Value<'gc>>, Value<'gc>> {
    let f = super::native_ops::get_method(cx, v, key)?;
    Ok((!f.is_undefined()).then_some(f))
}

/// ToNumeric (<https://tc39.es/ecma262/#sec-tonumeric>): a Number or a BigInt value.
pub(crate) fn to_numeric<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
) -> Result<Value<'gc>, Value<'gc>> {
    // 1. Let primValue be ? ToPrimitive(value, number).
    let prim = to_primitive(cx, v, PreferredType::Number)?;
    // 2. If primValue is a BigInt, return primValue.
    if let Value::BigInt(_) = prim {
        return Ok(prim);
    }
    // 3. Return ? ToNumber(primValue).
    to_number(cx, prim).map(Value::Number)
}

/// Steps 2-5 of ToIntegerOrInfinity on a Number: NaN and zeros become +0, others truncate.
pub(crate) fn integer_or_infinity(n: f64) -> f64 {
    super::native_ops::integer_part(n)
}

/// Check that a new string of `len` code units may be made, before building it: a RangeError
/// past the engine's maximum string length, the heap-limit stop past the heap budget, so that
/// an absurd script-chosen size fails cleanly instead of aborting the process.
pub(crate) fn check_string_alloc<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    len: usize,
) -> Result<(), Value<'gc>> {
    if len > MAX_STRING_LENGTH {
        return Err(range_error(cx, "Invalid string length"));
    }
    // Two bytes per code unit bounds either representation.
    charge(cx, len.saturating_mul(2))
}

/// A string error as the RangeError script sees (as the interpreter reports `+`).
pub(crate) fn string_error<'gc>(cx: &mut NativeCtx<'gc, '_>, e: StringError) -> Value<'gc> {
    match e {
        StringError::TooLong => range_error(cx, "Invalid string length"),
        StringError::OutOfMemory => range_error(cx, "out of memory"),
    }
}

/// A vector with room for `n` elements, reserved fallibly after checking the heap budget.
pub(crate) fn try_vec<'gc, T>(cx: &mut NativeCtx<'gc, '_>, n: usize) -> Result<Vec<T>, Value<'gc>> {
    charge(cx, n.saturating_mul(std::mem::size_of::<T>().max(1)))?;
    let mut v = Vec::new();
    if v.try_reserve_exact(n).is_err() {
        return Err(range_error(cx, "out of memory"));
    }
    Ok(v)
}

/// GetPrototypeFromConstructor (<https://tc39.es/ecma262/#sec-getprototypefromconstructor>)
/// for a built-in constructor: `pick` chooses the intrinsic default from the realm of
/// `new_target`.
pub(crate) fn prototype_from_new_target<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    new_target: Object<'gc>,
    pick: fn(&crate::realm::Intrinsics<'gc>) -> Object<'gc>,
) -> Result<Object<'gc>, Value<'gc>> {
    // 1-2. Let proto be ? Get(constructor, "prototype").
    let key = cx.vm.names.prototype;
    let proto = get(cx, new_target, key)?;
    if let Value::Object(p) = proto {
        return Ok(p);
    }
    // 3.a-b. The intrinsic of the constructor's realm.
    let realm = cx.vm.function_realm(new_target).unwrap_or(cx.realm);
    Ok(pick(realm.intrinsics()))
}

/// Test support: evaluate `source` in a fresh context.
#[cfg(test)]
pub(crate) fn eval_for_test(source: &str) -> Result<crate::HostValue, crate::RunError> {
    let mut cx = crate::Context::new(crate::ContextOptions {
        timeout: Some(std::time::Duration::from_secs(10)),
        ..Default::default()
    });
    cx.eval_script(source, "test.js")
}

/// Test support: the string `source` evaluates to.
#[cfg(test)]
pub(crate) fn eval_string(source: &str) -> String {
    match eval_for_test(source) {
        Ok(crate::HostValue::String(s)) => s,
        other => format!("<{other:?}>"),
    }
}

#[cfg(test)]
mod tests {
    use super::eval_string;

    #[test]
    fn to_primitive_order_and_errors() {
        assert_eq!(
            eval_string(
                "var log = ''; var o = { valueOf() { log += 'v'; return 1; }, \
                 toString() { log += 's'; return 'x'; } }; String(o) + Number(o) + log"
            ),
            "x1sv"
        );
        assert_eq!(
            eval_string(
                "var o = { [Symbol.toPrimitive](h) { return h; } }; \
                 String(o) + ',' + Number.prototype.toFixed.length + ',' + 'ab'.padEnd(o === o ? 3 : 0, o)"
            ),
            "string,1,abs"
        );
        assert_eq!(
            eval_string("try { String({ toString() { return {}; }, valueOf() { return {}; } }) } catch (e) { e.constructor === TypeError ? 'TypeError' : 'other' }"),
            "TypeError"
        );
    }
}
