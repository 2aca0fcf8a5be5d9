//! Abstract operations on primitive values (type conversion and comparison, ECMA-262 §7.1-7.2).
//! Operations that may call script on objects live in the interpreter, which reaches here once
//! ToPrimitive has produced primitives.

use gc_arena::Gc;

use crate::heap::Gcx;
use crate::string::JsString;
use crate::text::is_js_whitespace;
use crate::value::Value;

/// ToBoolean (<https://tc39.es/ecma262/#sec-toboolean>).
pub fn to_boolean(v: Value<'_>) -> bool {
    match v {
        Value::Undefined | Value::Null | Value::Empty => false,
        Value::Boolean(b) => b,
        Value::Number(n) => !(n == 0.0 || n.is_nan()),
        Value::String(s) => !s.is_empty(),
        Value::Symbol(_) => true,
        // Annex B.3.6.1: an object with [[IsHTMLDDA]] converts to false.
        Value::Object(o) => !o.is_html_dda(),
        Value::BigInt(b) => b.get() != &num_bigint::BigInt::from(0),
    }
}

/// ToNumber on a primitive (<https://tc39.es/ecma262/#sec-tonumber>); `None` for Symbol and
/// BigInt (a TypeError) and objects (which need ToPrimitive first).
pub fn to_number_primitive<'gc>(gcx: Gcx<'gc>, v: Value<'gc>) -> Option<f64> {
    Some(match v {
        Value::Undefined | Value::Empty => f64::NAN,
        Value::Null => 0.0,
        Value::Boolean(b) => f64::from(u8::from(b)),
        Value::Number(n) => n,
        Value::String(s) => s.units(gcx, |u| string_to_number(&u.iter_vec())),
        _ => return None,
    })
}

trait UnitsVec {
    fn iter_vec(&self) -> Vec<u16>;
}
impl UnitsVec for crate::string::Units<'_> {
    fn iter_vec(&self) -> Vec<u16> {
        (0..self.len()).filter_map(|i| self.get(i)).collect()
    }
}

/// StringToNumber (<https://tc39.es/ecma262/#sec-stringtonumber>).
pub fn string_to_number(units: &[u16]) -> f64 {
    let start = units
        .iter()
        .position(|&c| !is_js_whitespace(c))
        .unwrap_or(units.len());
    let end = units
        .iter()
        .rposition(|&c| !is_js_whitespace(c))
        .map_or(start, |e| e + 1);
    let body = units.get(start..end).unwrap_or(&[]);
    if body.is_empty() {
        return 0.0;
    }
    let Ok(text) = String::from_utf16(body) else {
        return f64::NAN;
    };
    let radix = match text.get(..2) {
        Some("0x") | Some("0X") => 16,
        Some("0o") | Some("0O") => 8,
        Some("0b") | Some("0B") => 2,
        _ => 10,
    };
    if radix != 10 {
        let digits = text.get(2..).unwrap_or("");
        if digits.is_empty() {
            return f64::NAN;
        }
        let mut n = 0.0f64;
        for c in digits.chars() {
            match c.to_digit(radix) {
                Some(d) => n = n * f64::from(radix) + f64::from(d),
                None => return f64::NAN,
            }
        }
        return n;
    }
    let (sign, rest) = match text.as_bytes().first() {
        Some(b'+') => (1.0, text.get(1..).unwrap_or("")),
        Some(b'-') => (-1.0, text.get(1..).unwrap_or("")),
        _ => (1.0, text.as_str()),
    };
    if rest == "Infinity" {
        return sign * f64::INFINITY;
    }
    if !is_str_unsigned_decimal_literal(rest) {
        return f64::NAN;
    }
    rest.parse::<f64>().map_or(f64::NAN, |n| sign * n)
}

/// StrUnsignedDecimalLiteral without Infinity: digits, optional fraction, optional exponent.
fn is_str_unsigned_decimal_literal(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let int_start = i;
    while b.get(i).is_some_and(u8::is_ascii_digit) {
        i += 1;
    }
    let mut digits = i - int_start;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let f = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        digits += i - f;
    }
    if digits == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e') | Some(b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+') | Some(b'-')) {
            i += 1;
        }
        let e = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == e {
            return false;
        }
    }
    i == b.len()
}

/// Number::toString(x, 10) (<https://tc39.es/ecma262/#sec-numeric-types-number-tostring>).
pub fn number_to_string(x: f64) -> String {
    crate::number::number_to_string(x, 10)
}

/// ToString on a primitive (<https://tc39.es/ecma262/#sec-tostring>); `None` for Symbol
/// (TypeError) and objects (ToPrimitive first).
pub fn to_string_primitive<'gc>(gcx: Gcx<'gc>, v: Value<'gc>) -> Option<JsString<'gc>> {
    let s = match v {
        Value::String(s) => return Some(s),
        Value::Undefined | Value::Empty => "undefined".to_string(),
        Value::Null => "null".to_string(),
        Value::Boolean(b) => b.to_string(),
        Value::Number(n) => number_to_string(n),
        Value::BigInt(b) => b.get().to_string(),
        Value::Symbol(_) | Value::Object(_) => return None,
    };
    Some(JsString::from_str(gcx, &s))
}

/// ToInt32 (<https://tc39.es/ecma262/#sec-toint32>).
#[inline]
pub fn to_int32(n: f64) -> i32 {
    to_uint32(n) as i32
}

/// ToUint32 (<https://tc39.es/ecma262/#sec-touint32>).
#[inline]
pub fn to_uint32(n: f64) -> u32 {
    // Below 2^63 in magnitude, truncation to i64 is exact and its low 32 bits are the integer
    // modulo 2^32 (two's complement), which is steps 3-5. NaN fails the comparison.
    if n.abs() < 9.0e18 {
        return (n as i64) as u32;
    }
    if !n.is_finite() {
        return 0;
    }
    let t = n.trunc();
    let m = t.rem_euclid(4_294_967_296.0);
    m as u32
}

/// SameValue (<https://tc39.es/ecma262/#sec-samevalue>).
pub fn same_value<'gc>(gcx: Gcx<'gc>, a: Value<'gc>, b: Value<'gc>) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            (x.is_nan() && y.is_nan()) || (x == y && x.is_sign_negative() == y.is_sign_negative())
        }
        _ => strict_equals(gcx, a, b),
    }
}

/// IsStrictlyEqual (<https://tc39.es/ecma262/#sec-isstrictlyequal>).
pub fn strict_equals<'gc>(gcx: Gcx<'gc>, a: Value<'gc>, b: Value<'gc>) -> bool {
    match (a, b) {
        (Value::Undefined, Value::Undefined) | (Value::Null, Value::Null) => true,
        (Value::Empty, Value::Empty) => true,
        (Value::Boolean(x), Value::Boolean(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => x == y,
        (Value::String(x), Value::String(y)) => x.equals(gcx, y),
        (Value::Symbol(x), Value::Symbol(y)) => x.ptr_eq(y),
        (Value::BigInt(x), Value::BigInt(y)) => x.get() == y.get(),
        (Value::Object(x), Value::Object(y)) => Gc::ptr_eq(x.0, y.0),
        _ => false,
    }
}

/// IsLooselyEqual on primitives (<https://tc39.es/ecma262/#sec-islooselyequal>); objects have
/// been converted by the caller except in the object-object and nullish cases handled here.
pub fn loosely_equal_primitive<'gc>(gcx: Gcx<'gc>, a: Value<'gc>, b: Value<'gc>) -> bool {
    use Value as V;
    match (a, b) {
        (V::Undefined | V::Null, V::Undefined | V::Null) => true,
        (V::Undefined | V::Null, _) | (_, V::Undefined | V::Null) => false,
        (V::Number(_), V::String(_)) | (V::String(_), V::Number(_)) => {
            to_number_primitive(gcx, a) == to_number_primitive(gcx, b)
        }
        // Steps 6-7: StringToBigInt; a string that is no StringIntegerLiteral is unequal.
        (V::BigInt(x), V::String(s)) | (V::String(s), V::BigInt(x)) => {
            crate::number::string_to_bigint(&s.to_utf16(gcx)).is_some_and(|n| &n == x.get())
        }
        (V::Boolean(x), _) => loosely_equal_primitive(gcx, V::Number(f64::from(u8::from(x))), b),
        (_, V::Boolean(y)) => loosely_equal_primitive(gcx, a, V::Number(f64::from(u8::from(y)))),
        // Step 13: equal mathematical values.
        (V::BigInt(x), V::Number(n)) | (V::Number(n), V::BigInt(x)) => {
            crate::interp::compare_bigint_number(x.get(), n) == Some(std::cmp::Ordering::Equal)
        }
        _ => strict_equals(gcx, a, b),
    }
}

/// `typeof` (<https://tc39.es/ecma262/#sec-typeof-operator>), Table 41.
pub fn type_of(v: Value<'_>) -> &'static str {
    match v {
        // Null is the one primitive whose typeof differs from its spec type name.
        Value::Null => "object",
        // Annex B.3.6.3: an object with [[IsHTMLDDA]] has typeof "undefined".
        Value::Object(o) if o.is_html_dda() => "undefined",
        Value::Object(o) if o.is_callable() => "function",
        other => other.type_name(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> f64 {
        string_to_number(&s.encode_utf16().collect::<Vec<_>>())
    }

    #[test]
    fn type_of_null_is_object() {
        assert_eq!(type_of(Value::Null), "object");
        assert_eq!(type_of(Value::Undefined), "undefined");
        assert_eq!(type_of(Value::Number(1.0)), "number");
    }

    #[test]
    fn string_to_number_follows_the_grammar() {
        assert_eq!(n("  42  "), 42.0);
        assert_eq!(n(""), 0.0);
        assert_eq!(n("0x1F"), 31.0);
        assert_eq!(n("0b101"), 5.0);
        assert_eq!(n("-Infinity"), f64::NEG_INFINITY);
        assert_eq!(n(".5e1"), 5.0);
        assert!(n("inf").is_nan());
        assert!(n("1e").is_nan());
        assert!(n("0x").is_nan());
        assert!(n("-0x10").is_nan());
        assert!(n("nan").is_nan());
    }

    #[test]
    fn int_conversions_wrap() {
        assert_eq!(to_int32(4_294_967_295.0), -1);
        assert_eq!(to_uint32(-1.0), 4_294_967_295);
        assert_eq!(to_int32(f64::NAN), 0);
        assert_eq!(to_int32(2_147_483_648.5), -2_147_483_648);
    }
}

/// The TypeError message of RequireObjectCoercible (<https://tc39.es/ecma262/#sec-requireobjectcoercible>)
/// for `v` (null or undefined) in the use the compiler named.
pub fn require_coercible_message(
    what: moat_bytecode::isa::CoercibleUse,
    v: Value<'_>,
) -> &'static str {
    use moat_bytecode::isa::CoercibleUse;
    let null = matches!(v, Value::Null);
    match (what, null) {
        (CoercibleUse::Destructure, true) => "Cannot destructure null",
        (CoercibleUse::Destructure, false) => "Cannot destructure undefined",
        (CoercibleUse::PropertyBase, true) => "Cannot read properties of null",
        (CoercibleUse::PropertyBase, false) => "Cannot read properties of undefined",
    }
}

#[cfg(test)]
mod coercible_tests {
    use crate::builtins::coerce::eval_string;

    /// Each RequireObjectCoercible site says what failed.
    #[test]
    fn messages_name_the_use() {
        let msg = |src: &str| eval_string(&format!("try {{ {src} }} catch (e) {{ e.message }}"));
        assert_eq!(msg("var { a } = null"), "Cannot destructure null");
        assert_eq!(msg("({ a } = undefined)"), "Cannot destructure undefined");
        assert_eq!(
            msg("var o = null, k = 'x'; o[k] += 1"),
            "Cannot read properties of null"
        );
        assert_eq!(
            msg("var o, k = 'x'; o[k]++"),
            "Cannot read properties of undefined"
        );
    }
}
