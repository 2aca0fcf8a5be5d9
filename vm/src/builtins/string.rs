//! The String constructor (with String.fromCharCode, fromCodePoint and raw), String.prototype
//! (every method; those that need a RegExp only dispatch through the well-known symbols) with
//! the Annex B additions, and %StringIteratorPrototype%
//! (<https://tc39.es/ecma262/#sec-string-objects>).

use crate::builtins::coerce::{
    arg, check_string_alloc, get, get_method, integer_or_infinity, poll, prototype_from_new_target,
    range_error, require_object_coercible, string_error, to_integer_or_infinity, to_number,
    to_string, try_vec, POLL_INTERVAL,
};
use crate::builtins::string_replace::{
    is_regexp, require_global_regexp, string_prototype_replace, string_prototype_replace_all,
};
use crate::function::{NativeCtx, NativeFn};
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::WellKnownSymbols;
use crate::number;
use crate::object::{Object, ObjectKind};
use crate::ops;
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::string::{JsString, Units};
use crate::text;
use crate::value::{PropertyKey, Value};

/// 2^53 - 1, the largest length ToLength produces.
const MAX_LENGTH: f64 = 9_007_199_254_740_991.0;

/// Create %String%, fill %String.prototype% and %StringIteratorPrototype%, and bind the global
/// `String`.
pub(crate) fn install<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    symbols: &WellKnownSymbols<'gc>,
) {
    let proto = realm.intrinsics().string_prototype;
    let ctor = realm.new_native_function(
        gcx,
        interner,
        "String",
        1,
        string_call,
        Some(string_construct),
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
    realm.define_native_method(
        gcx,
        interner,
        ctor,
        "fromCharCode",
        string_from_char_code,
        1,
    );
    realm.define_native_method(
        gcx,
        interner,
        ctor,
        "fromCodePoint",
        string_from_code_point,
        1,
    );
    realm.define_native_method(gcx, interner, ctor, "raw", string_raw, 1);
    let methods: &[(&str, NativeFn, u32)] = &[
        ("at", string_prototype_at, 1),
        ("charAt", string_prototype_char_at, 1),
        ("charCodeAt", string_prototype_char_code_at, 1),
        ("codePointAt", string_prototype_code_point_at, 1),
        ("concat", string_prototype_concat, 1),
        ("endsWith", string_prototype_ends_with, 1),
        ("includes", string_prototype_includes, 1),
        ("indexOf", string_prototype_index_of, 1),
        ("isWellFormed", string_prototype_is_well_formed, 0),
        ("lastIndexOf", string_prototype_last_index_of, 1),
        ("localeCompare", string_prototype_locale_compare, 1),
        ("match", string_prototype_match, 1),
        ("matchAll", string_prototype_match_all, 1),
        ("normalize", string_prototype_normalize, 0),
        ("padEnd", string_prototype_pad_end, 1),
        ("padStart", string_prototype_pad_start, 1),
        ("repeat", string_prototype_repeat, 1),
        ("replace", string_prototype_replace, 2),
        ("replaceAll", string_prototype_replace_all, 2),
        ("search", string_prototype_search, 1),
        ("slice", string_prototype_slice, 2),
        ("split", string_prototype_split, 2),
        ("startsWith", string_prototype_starts_with, 1),
        ("substring", string_prototype_substring, 2),
        (
            "toLocaleLowerCase",
            string_prototype_to_locale_lower_case,
            0,
        ),
        (
            "toLocaleUpperCase",
            string_prototype_to_locale_upper_case,
            0,
        ),
        ("toLowerCase", string_prototype_to_lower_case, 0),
        ("toString", string_prototype_to_string, 0),
        ("toUpperCase", string_prototype_to_upper_case, 0),
        ("toWellFormed", string_prototype_to_well_formed, 0),
        ("trim", string_prototype_trim, 0),
        ("valueOf", string_prototype_value_of, 0),
        // Annex B (<https://tc39.es/ecma262/#sec-additional-properties-of-the-string.prototype-object>).
        ("substr", string_prototype_substr, 2),
    ];
    for &(name, f, len) in methods {
        realm.define_native_method(gcx, interner, proto, name, f, len);
    }
    install_html_methods(realm, gcx, interner, proto);
    // trimLeft/trimRight are the same function objects as trimStart/trimEnd (B.2.2.15-16).
    let trim_start = realm.define_native_method(
        gcx,
        interner,
        proto,
        "trimStart",
        string_prototype_trim_start,
        0,
    );
    let trim_end = realm.define_native_method(
        gcx,
        interner,
        proto,
        "trimEnd",
        string_prototype_trim_end,
        0,
    );
    realm.define_value(
        gcx,
        interner,
        proto,
        "trimLeft",
        Value::Object(trim_start),
        Attrs::HIDDEN,
    );
    realm.define_value(
        gcx,
        interner,
        proto,
        "trimRight",
        Value::Object(trim_end),
        Attrs::HIDDEN,
    );
    let iter = realm.new_native_function(
        gcx,
        interner,
        "[Symbol.iterator]",
        0,
        string_prototype_iterator,
        None,
        Value::Undefined,
    );
    proto.put_data(
        gcx,
        PropertyKey::Symbol(symbols.iterator),
        Value::Object(iter),
        Attrs::HIDDEN,
    );
    // %StringIteratorPrototype%.
    let iter_proto = realm.intrinsics().string_iterator_prototype;
    realm.define_native_method(gcx, interner, iter_proto, "next", string_iterator_next, 0);
    iter_proto.put_data(
        gcx,
        PropertyKey::Symbol(symbols.to_string_tag),
        Value::String(JsString::from_str(gcx, "String Iterator")),
        Attrs(Attrs::CONFIGURABLE),
    );
    let global = realm.global();
    realm.define_value(
        gcx,
        interner,
        global,
        "String",
        Value::Object(ctor),
        Attrs::HIDDEN,
    );
}

// ----- small helpers -----------------------------------------------------------------------

/// A string value from code units.
fn units_value<'gc>(cx: &NativeCtx<'gc, '_>, units: Vec<u16>) -> Value<'gc> {
    Value::String(JsString::from_utf16(cx.gcx(), units))
}

/// The one-unit string at `k` (in range), shared for Latin-1 units.
fn unit_at<'gc>(cx: &mut NativeCtx<'gc, '_>, s: JsString<'gc>, k: usize) -> Value<'gc> {
    match s.code_unit_at(cx.gcx(), k) {
        Some(u) => Value::String(cx.vm.unit_string(u)),
        None => Value::String(s.slice(cx.gcx(), k, k + 1)),
    }
}

/// RequireObjectCoercible(this value) then ToString: the prologue of most methods.
fn this_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    method: &str,
) -> Result<JsString<'gc>, Value<'gc>> {
    let o = require_object_coercible(cx, this, method)?;
    to_string(cx, o)
}

/// Clamp an integer-or-infinity into 0..=len.
fn clamp(n: f64, len: usize) -> usize {
    if n <= 0.0 {
        0
    } else if n >= len as f64 {
        len
    } else {
        n as usize
    }
}

/// ToLength (<https://tc39.es/ecma262/#sec-tolength>).
fn to_length<'gc>(cx: &mut NativeCtx<'gc, '_>, v: Value<'gc>) -> Result<f64, Value<'gc>> {
    let len = to_integer_or_infinity(cx, v)?;
    Ok(if len <= 0.0 { 0.0 } else { len.min(MAX_LENGTH) })
}

/// CreateArrayFromList (<https://tc39.es/ecma262/#sec-createarrayfromlist>) in this function's
/// realm.
fn create_array_from_list<'gc>(cx: &mut NativeCtx<'gc, '_>, values: &[Value<'gc>]) -> Value<'gc> {
    let gcx = cx.gcx();
    let a = Object::new_array(gcx, Some(cx.realm.intrinsics().array_prototype));
    for (i, v) in values.iter().enumerate() {
        a.put_data(gcx, PropertyKey::Index(i as u32), *v, Attrs::DEFAULT);
    }
    Value::Object(a)
}

/// A fallibly reserved unit buffer for a result of `len` code units.
fn unit_buffer<'gc>(cx: &mut NativeCtx<'gc, '_>, len: usize) -> Result<Vec<u16>, Value<'gc>> {
    check_string_alloc(cx, len)?;
    try_vec(cx, len)
}

/// StringIndexOf (<https://tc39.es/ecma262/#sec-stringindexof>).
fn string_index_of(s: &[u16], search: &[u16], from: usize) -> Option<usize> {
    text::index_of(s, search, from)
}

/// StringIndexOf(s, search, from) searching `s`'s code units where they are stored: copying
/// the haystack per call made a loop of indexOf calls over one long string quadratic.
fn string_index_of_in<'gc>(
    gcx: Gcx<'gc>,
    s: JsString<'gc>,
    search: JsString<'gc>,
    from: usize,
) -> Option<usize> {
    let needle = search.to_utf16(gcx);
    s.units(gcx, |u| match u {
        Units::Latin1(h) => text::index_of_latin1(h, &needle, from),
        Units::Utf16(h) => text::index_of(h, &needle, from),
    })
}

// ----- the constructor and its statics -----------------------------------------------------

/// String(value) as a function (<https://tc39.es/ecma262/#sec-string-constructor-string-value>).
fn string_call<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    // 1. No argument: the empty String.
    let Some(&value) = args.first() else {
        return Ok(cx.string(""));
    };
    // 2.a. A Symbol called as a function gives SymbolDescriptiveString(value).
    if let Value::Symbol(sym) = value {
        return Ok(Value::String(super::symbol::symbol_descriptive_string(
            cx.gcx(),
            sym,
        )));
    }
    // 2.b. Let s be ? ToString(value).
    to_string(cx, value).map(Value::String)
}

/// `new String(value)` (<https://tc39.es/ecma262/#sec-string-constructor-string-value>).
fn string_construct<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = match args.first() {
        None => JsString::from_str(cx.gcx(), ""),
        Some(&v) => to_string(cx, v)?,
    };
    // 4. StringCreate(s, ? GetPrototypeFromConstructor(NewTarget, "%String.prototype%")).
    let nt = cx.new_target.unwrap_or(cx.callee);
    let proto = prototype_from_new_target(cx, nt, |i| i.string_prototype)?;
    Ok(Value::Object(Object::new(
        cx.gcx(),
        Some(proto),
        ObjectKind::String(s),
    )))
}

/// String.fromCharCode (<https://tc39.es/ecma262/#sec-string.fromcharcode>).
fn string_from_char_code<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let mut units = unit_buffer(cx, args.len())?;
    // 2. For each next of codeUnits: ToUint16(? ToNumber(next)).
    for (i, &next) in args.iter().enumerate() {
        if i % POLL_INTERVAL == POLL_INTERVAL - 1 {
            poll(cx)?;
        }
        let n = to_number(cx, next)?;
        units.push(number::to_uint16(n));
    }
    Ok(units_value(cx, units))
}

/// String.fromCodePoint (<https://tc39.es/ecma262/#sec-string.fromcodepoint>).
fn string_from_code_point<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let mut units = unit_buffer(cx, args.len().saturating_mul(2))?;
    for (i, &next) in args.iter().enumerate() {
        if i % POLL_INTERVAL == POLL_INTERVAL - 1 {
            poll(cx)?;
        }
        // a. Let nextCP be ? ToNumber(next).
        let cp = to_number(cx, next)?;
        // b-c. It must be an integral Number in 0..=0x10FFFF.
        if !cp.is_finite() || cp.trunc() != cp || !(0.0..=1_114_111.0).contains(&cp) {
            return Err(range_error(cx, "Invalid code point"));
        }
        // d. UTF16EncodeCodePoint.
        let cp = cp as u32;
        match char::from_u32(cp) {
            Some(c) => {
                let mut buf = [0u16; 2];
                units.extend_from_slice(c.encode_utf16(&mut buf));
            }
            // A lone surrogate is its own code unit.
            None => units.push(cp as u16),
        }
    }
    Ok(units_value(cx, units))
}

/// String.raw (<https://tc39.es/ecma262/#sec-string.raw>).
fn string_raw<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let substitutions = args.get(1..).unwrap_or(&[]);
    // 1. Let substitutionCount be the number of elements in substitutions.
    let substitution_count = substitutions.len();
    // 2. Let cooked be ? ToObject(template).
    let realm = cx.realm;
    let cooked = cx.vm.to_object_in(realm, arg(args, 0))?;
    // 3. Let literals be ? ToObject(? Get(cooked, "raw")).
    let raw_key = cx.key("raw");
    let raw = get(cx, cooked, raw_key)?;
    let literals = cx.vm.to_object_in(realm, raw)?;
    // 4. Let literalCount be ? LengthOfArrayLike(literals).
    let length_key = cx.gcx().length;
    let len_value = get(cx, literals, length_key)?;
    let literal_count = to_length(cx, len_value)?;
    // 5. If literalCount ≤ 0, return the empty String.
    if literal_count <= 0.0 {
        return Ok(cx.string(""));
    }
    // 6-8. Interleave literals and substitutions.
    let mut r: Vec<u16> = Vec::new();
    let mut next_index: u64 = 0;
    loop {
        if next_index % (POLL_INTERVAL as u64) == (POLL_INTERVAL as u64) - 1 {
            poll(cx)?;
        }
        // a-c. The next literal segment.
        let key = match u32::try_from(next_index) {
            Ok(i) if i != u32::MAX => PropertyKey::Index(i),
            _ => cx.key(&next_index.to_string()),
        };
        let next_literal_val = get(cx, literals, key)?;
        let next_literal = to_string(cx, next_literal_val)?;
        check_string_alloc(cx, r.len().saturating_add(next_literal.len()))?;
        r.extend(next_literal.to_utf16(cx.gcx()));
        // d. If nextIndex + 1 = literalCount, return R.
        if (next_index + 1) as f64 >= literal_count {
            return Ok(units_value(cx, r));
        }
        // e. The substitution, if any.
        if let Some(&sub) = usize::try_from(next_index)
            .ok()
            .and_then(|i| (i < substitution_count).then(|| substitutions.get(i)))
            .flatten()
        {
            let next_sub = to_string(cx, sub)?;
            check_string_alloc(cx, r.len().saturating_add(next_sub.len()))?;
            r.extend(next_sub.to_utf16(cx.gcx()));
        }
        // f. Set nextIndex to nextIndex + 1.
        next_index += 1;
    }
}

// ----- String.prototype --------------------------------------------------------------------

/// ThisStringValue (<https://tc39.es/ecma262/#sec-thisstringvalue>).
fn this_string_value<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
) -> Result<JsString<'gc>, Value<'gc>> {
    match v {
        Value::String(s) => Ok(s),
        Value::Object(o) => match o.borrow().kind {
            ObjectKind::String(s) => Some(s),
            _ => None,
        }
        .ok_or_else(|| cx.type_error("String.prototype method called on an incompatible receiver")),
        _ => Err(cx.type_error("String.prototype method called on an incompatible receiver")),
    }
}

/// String.prototype.toString (<https://tc39.es/ecma262/#sec-string.prototype.tostring>).
fn string_prototype_to_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    this_string_value(cx, this).map(Value::String)
}

/// String.prototype.valueOf (<https://tc39.es/ecma262/#sec-string.prototype.valueof>).
fn string_prototype_value_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    this_string_value(cx, this).map(Value::String)
}

/// String.prototype.at (<https://tc39.es/ecma262/#sec-string.prototype.at>).
fn string_prototype_at<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.at")?;
    let len = s.len() as f64;
    // 4. Let relativeIndex be ? ToIntegerOrInfinity(index).
    let rel = to_integer_or_infinity(cx, arg(args, 0))?;
    // 5-6. Negative indices count from the end.
    let k = if rel >= 0.0 { rel } else { len + rel };
    // 7. Out of range: undefined.
    if k < 0.0 || k >= len {
        return Ok(Value::Undefined);
    }
    let k = k as usize;
    Ok(unit_at(cx, s, k))
}

/// String.prototype.charAt (<https://tc39.es/ecma262/#sec-string.prototype.charat>).
fn string_prototype_char_at<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.charAt")?;
    let pos = to_integer_or_infinity(cx, arg(args, 0))?;
    if pos < 0.0 || pos >= s.len() as f64 {
        return Ok(cx.string(""));
    }
    Ok(unit_at(cx, s, pos as usize))
}

/// String.prototype.charCodeAt (<https://tc39.es/ecma262/#sec-string.prototype.charcodeat>).
fn string_prototype_char_code_at<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.charCodeAt")?;
    let pos = to_integer_or_infinity(cx, arg(args, 0))?;
    if pos < 0.0 || pos >= s.len() as f64 {
        return Ok(Value::Number(f64::NAN));
    }
    let unit = s.code_unit_at(cx.gcx(), pos as usize);
    Ok(Value::Number(unit.map_or(f64::NAN, f64::from)))
}

/// String.prototype.codePointAt (<https://tc39.es/ecma262/#sec-string.prototype.codepointat>).
fn string_prototype_code_point_at<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.codePointAt")?;
    let pos = to_integer_or_infinity(cx, arg(args, 0))?;
    if pos < 0.0 || pos >= s.len() as f64 {
        return Ok(Value::Undefined);
    }
    let p = pos as usize;
    // Two units suffice for CodePointAt.
    let window = s.slice(cx.gcx(), p, p.saturating_add(2)).to_utf16(cx.gcx());
    Ok(text::code_point_at(&window, 0)
        .map_or(Value::Undefined, |c| Value::Number(f64::from(c.code_point))))
}

/// String.prototype.concat (<https://tc39.es/ecma262/#sec-string.prototype.concat>).
fn string_prototype_concat<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let mut r = this_string(cx, this, "String.prototype.concat")?;
    for &next in args {
        let next = to_string(cx, next)?;
        r = JsString::concat(cx.gcx(), r, next).map_err(|e| string_error(cx, e))?;
    }
    Ok(Value::String(r))
}

/// String.prototype.endsWith (<https://tc39.es/ecma262/#sec-string.prototype.endswith>).
fn string_prototype_ends_with<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.endsWith")?;
    let search = arg(args, 0);
    // 3-4. A RegExp argument is a TypeError.
    if is_regexp(cx, search)? {
        return Err(cx.type_error(
            "First argument to String.prototype.endsWith must not be a regular expression",
        ));
    }
    let search = to_string(cx, search)?;
    let len = s.len();
    // 6-8. end = clamp(endPosition or len).
    let end = match arg(args, 1) {
        Value::Undefined => len,
        p => clamp(to_integer_or_infinity(cx, p)?, len),
    };
    let search_len = search.len();
    if search_len == 0 {
        return Ok(Value::Boolean(true));
    }
    let Some(start) = end.checked_sub(search_len) else {
        return Ok(Value::Boolean(false));
    };
    let gcx = cx.gcx();
    let found = s.slice(gcx, start, end).equals(gcx, search);
    Ok(Value::Boolean(found))
}

/// String.prototype.includes (<https://tc39.es/ecma262/#sec-string.prototype.includes>).
fn string_prototype_includes<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.includes")?;
    let search = arg(args, 0);
    if is_regexp(cx, search)? {
        return Err(cx.type_error(
            "First argument to String.prototype.includes must not be a regular expression",
        ));
    }
    let search = to_string(cx, search)?;
    let pos = to_integer_or_infinity(cx, arg(args, 1))?;
    let start = clamp(pos, s.len());
    let gcx = cx.gcx();
    let found = string_index_of_in(gcx, s, search, start).is_some();
    Ok(Value::Boolean(found))
}

/// String.prototype.indexOf (<https://tc39.es/ecma262/#sec-string.prototype.indexof>).
fn string_prototype_index_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.indexOf")?;
    let search = to_string(cx, arg(args, 0))?;
    let pos = to_integer_or_infinity(cx, arg(args, 1))?;
    let start = clamp(pos, s.len());
    let gcx = cx.gcx();
    let r = string_index_of_in(gcx, s, search, start);
    Ok(Value::Number(r.map_or(-1.0, |i| i as f64)))
}

/// String.prototype.lastIndexOf (<https://tc39.es/ecma262/#sec-string.prototype.lastindexof>).
fn string_prototype_last_index_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.lastIndexOf")?;
    let search = to_string(cx, arg(args, 0))?;
    // 4-5. numPos = ? ToNumber(position); NaN means +∞.
    let num_pos = to_number(cx, arg(args, 1))?;
    let pos = if num_pos.is_nan() {
        f64::INFINITY
    } else {
        integer_or_infinity(num_pos)
    };
    // 6-8. start = clamp(pos, 0, len).
    let len = s.len();
    let start = clamp(pos, len);
    let gcx = cx.gcx();
    let hay = s.to_utf16(gcx);
    let needle = search.to_utf16(gcx);
    // 9. StringLastIndexOf(S, searchStr, start): the last match at or before start.
    let r = text::last_index_of(&hay, &needle, start);
    Ok(Value::Number(r.map_or(-1.0, |i| i as f64)))
}

/// String.prototype.localeCompare (<https://tc39.es/ecma262/#sec-string.prototype.localecompare>):
/// without ECMA-402, canonically equivalent strings compare equal (NFC first), others by code
/// point.
fn string_prototype_locale_compare<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.localeCompare")?;
    let that = to_string(cx, arg(args, 0))?;
    let gcx = cx.gcx();
    let a = text::normalize(&s.to_utf16(gcx), text::NormalizationForm::Nfc);
    let b = text::normalize(&that.to_utf16(gcx), text::NormalizationForm::Nfc);
    let a: Vec<char> = char::decode_utf16(a.iter().copied())
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    let b: Vec<char> = char::decode_utf16(b.iter().copied())
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    let r = match a.cmp(&b) {
        std::cmp::Ordering::Less => -1.0,
        std::cmp::Ordering::Equal => 0.0,
        std::cmp::Ordering::Greater => 1.0,
    };
    Ok(Value::Number(r))
}

/// Steps 1-2 shared by match, matchAll and search: dispatch to the argument's @@match,
/// @@matchAll or @@search method when the argument is an Object that has one.
fn regexp_dispatch<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    regexp: Value<'gc>,
    symbol: PropertyKey<'gc>,
    method: &str,
) -> Result<Value<'gc>, Value<'gc>> {
    // 1. Let O be ? RequireObjectCoercible(this value).
    let o = require_object_coercible(cx, this, method)?;
    // 2. If regexp is an Object, call its method if it has one.
    if let Value::Object(_) = regexp {
        if let Some(f) = get_method(cx, regexp, symbol)? {
            return cx.tail_call(f, regexp, vec![o]);
        }
    }
    // 3. Let S be ? ToString(O).
    let _s = to_string(cx, o)?;
    // 4-5. RegExpCreate needs %RegExp%, which this engine does not have yet.
    Err(cx.type_error(&format!(
        "{method} needs RegExp, which is not supported yet"
    )))
}

/// String.prototype.match (<https://tc39.es/ecma262/#sec-string.prototype.match>).
fn string_prototype_match<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let key = PropertyKey::Symbol(cx.vm.symbols.match_);
    regexp_dispatch(cx, this, arg(args, 0), key, "String.prototype.match")
}

/// String.prototype.matchAll (<https://tc39.es/ecma262/#sec-string.prototype.matchall>).
fn string_prototype_match_all<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let regexp = arg(args, 0);
    let o = require_object_coercible(cx, this, "String.prototype.matchAll")?;
    // 2.a-b. A RegExp argument must have the g flag.
    require_global_regexp(cx, regexp, "String.prototype.matchAll")?;
    let key = PropertyKey::Symbol(cx.vm.symbols.match_all);
    regexp_dispatch(cx, o, regexp, key, "String.prototype.matchAll")
}

/// String.prototype.search (<https://tc39.es/ecma262/#sec-string.prototype.search>).
fn string_prototype_search<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let key = PropertyKey::Symbol(cx.vm.symbols.search);
    regexp_dispatch(cx, this, arg(args, 0), key, "String.prototype.search")
}

/// String.prototype.normalize (<https://tc39.es/ecma262/#sec-string.prototype.normalize>).
fn string_prototype_normalize<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.normalize")?;
    // 3-4. f: "NFC" when undefined, else ? ToString(form).
    let form = match arg(args, 0) {
        Value::Undefined => Some(text::NormalizationForm::Nfc),
        f => {
            let f = to_string(cx, f)?;
            text::NormalizationForm::from_name(&f.to_utf16(cx.gcx()))
        }
    };
    // 5. Anything else is a RangeError.
    let Some(form) = form else {
        return Err(range_error(
            cx,
            "The normalization form should be one of NFC, NFD, NFKC, NFKD",
        ));
    };
    let units = s.to_utf16(cx.gcx());
    let out = text::normalize(&units, form);
    Ok(units_value(cx, out))
}

/// Where StringPad adds its filler.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Placement {
    Start,
    End,
}

/// StringPaddingBuiltinsImpl and StringPad
/// (<https://tc39.es/ecma262/#sec-stringpaddingbuiltinsimpl>,
/// <https://tc39.es/ecma262/#sec-stringpad>).
fn string_padding<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
    placement: Placement,
    method: &str,
) -> Result<Value<'gc>, Value<'gc>> {
    // 1-2. Let S be ? ToString(? RequireObjectCoercible(O)).
    let s = this_string(cx, this, method)?;
    // 3. Let intMaxLength be ℝ(? ToLength(maxLength)).
    let max_length = to_length(cx, arg(args, 0))?;
    // 4-5. Nothing to do when already long enough.
    let len = s.len();
    if max_length <= len as f64 {
        return Ok(Value::String(s));
    }
    // 6-7. fillString: " " when undefined, else ? ToString(fillString).
    let filler = match arg(args, 1) {
        Value::Undefined => vec![u16::from(b' ')],
        f => to_string(cx, f)?.to_utf16(cx.gcx()),
    };
    // StringPad 2. An empty filler leaves S alone.
    if filler.is_empty() {
        return Ok(Value::String(s));
    }
    // Check the (script-chosen) size before building anything.
    let total = if max_length > usize::MAX as f64 {
        usize::MAX
    } else {
        max_length as usize
    };
    let mut out = unit_buffer(cx, total)?;
    // 3-4. The truncated repetition of the filler.
    let fill_len = total - len;
    let body = s.to_utf16(cx.gcx());
    if placement == Placement::End {
        out.extend_from_slice(&body);
    }
    let mut written = 0;
    while written < fill_len {
        let take = filler.len().min(fill_len - written);
        out.extend_from_slice(filler.get(..take).unwrap_or(&[]));
        written += take;
    }
    if placement == Placement::Start {
        out.extend_from_slice(&body);
    }
    Ok(units_value(cx, out))
}

/// String.prototype.padEnd (<https://tc39.es/ecma262/#sec-string.prototype.padend>).
fn string_prototype_pad_end<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    string_padding(cx, this, args, Placement::End, "String.prototype.padEnd")
}

/// String.prototype.padStart (<https://tc39.es/ecma262/#sec-string.prototype.padstart>).
fn string_prototype_pad_start<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    string_padding(
        cx,
        this,
        args,
        Placement::Start,
        "String.prototype.padStart",
    )
}

/// String.prototype.repeat (<https://tc39.es/ecma262/#sec-string.prototype.repeat>).
fn string_prototype_repeat<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.repeat")?;
    // 3. Let n be ? ToIntegerOrInfinity(count).
    let n = to_integer_or_infinity(cx, arg(args, 0))?;
    // 4-5. Negative or infinite counts are RangeErrors.
    if n < 0.0 || n == f64::INFINITY {
        return Err(range_error(cx, "Invalid count value"));
    }
    // 6. n = 0 (or an empty S) gives the empty String.
    if n == 0.0 || s.is_empty() {
        return Ok(cx.string(""));
    }
    // Check the size before allocating.
    let total = (s.len() as f64) * n;
    if total > crate::string::MAX_STRING_LENGTH as f64 {
        return Err(range_error(cx, "Invalid string length"));
    }
    let total = total as usize;
    let mut out = unit_buffer(cx, total)?;
    out.extend(s.to_utf16(cx.gcx()));
    // Doubling keeps this O(total) copies in O(log n) steps.
    while out.len() < total {
        poll(cx)?;
        let take = out.len().min(total - out.len());
        out.extend_from_within(..take);
    }
    Ok(units_value(cx, out))
}

/// String.prototype.slice (<https://tc39.es/ecma262/#sec-string.prototype.slice>).
fn string_prototype_slice<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.slice")?;
    let len = s.len() as f64;
    // 4-6. from: relative to the end when negative.
    let int_start = to_integer_or_infinity(cx, arg(args, 0))?;
    let from = if int_start < 0.0 {
        (len + int_start).max(0.0)
    } else {
        int_start.min(len)
    };
    // 7-9. to: len when undefined, relative to the end when negative.
    let int_end = match arg(args, 1) {
        Value::Undefined => len,
        e => to_integer_or_infinity(cx, e)?,
    };
    let to = if int_end < 0.0 {
        (len + int_end).max(0.0)
    } else {
        int_end.min(len)
    };
    // 10-11.
    if from >= to {
        return Ok(cx.string(""));
    }
    Ok(Value::String(s.slice(cx.gcx(), from as usize, to as usize)))
}

/// String.prototype.split (<https://tc39.es/ecma262/#sec-string.prototype.split>).
fn string_prototype_split<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let (separator, limit) = (arg(args, 0), arg(args, 1));
    // 1. Let O be ? RequireObjectCoercible(this value).
    let o = require_object_coercible(cx, this, "String.prototype.split")?;
    // 2. An Object separator with @@split handles the call.
    if let Value::Object(_) = separator {
        let key = PropertyKey::Symbol(cx.vm.symbols.split);
        if let Some(splitter) = get_method(cx, separator, key)? {
            return cx.tail_call(splitter, separator, vec![o, limit]);
        }
    }
    // 3. Let S be ? ToString(O).
    let s = to_string(cx, o)?;
    // 4. lim: 2^32 - 1 when undefined, else ℝ(? ToUint32(limit)).
    let lim = match limit {
        Value::Undefined => u32::MAX,
        l => ops::to_uint32(to_number(cx, l)?),
    } as usize;
    // 5. Let R be ? ToString(separator).
    let r = to_string(cx, separator)?;
    // 6. If lim = 0, return an empty array.
    if lim == 0 {
        return Ok(create_array_from_list(cx, &[]));
    }
    // 7. An undefined separator gives « S ».
    if separator.is_undefined() {
        return Ok(create_array_from_list(cx, &[Value::String(s)]));
    }
    let gcx = cx.gcx();
    let units = s.to_utf16(gcx);
    let sep = r.to_utf16(gcx);
    // 9. An empty separator splits into code units, at most lim of them.
    if sep.is_empty() {
        let n = units.len().min(lim);
        let mut parts = try_vec(cx, n)?;
        for (i, &u) in units.iter().take(n).enumerate() {
            if i % POLL_INTERVAL == POLL_INTERVAL - 1 {
                poll(cx)?;
            }
            parts.push(Value::String(JsString::from_utf16(gcx, vec![u])));
        }
        return Ok(create_array_from_list(cx, &parts));
    }
    // 10. An empty S gives « S ».
    if units.is_empty() {
        return Ok(create_array_from_list(cx, &[Value::String(s)]));
    }
    // 11-14. The pieces between separators, at most lim of them.
    let mut parts = Vec::new();
    let mut i = 0;
    let mut j = string_index_of(&units, &sep, 0);
    while let Some(pos) = j {
        if parts.len() % POLL_INTERVAL == POLL_INTERVAL - 1 {
            poll(cx)?;
        }
        let t = units.get(i..pos).unwrap_or(&[]).to_vec();
        parts.push(Value::String(JsString::from_utf16(gcx, t)));
        if parts.len() >= lim {
            return Ok(create_array_from_list(cx, &parts));
        }
        i = pos + sep.len();
        j = string_index_of(&units, &sep, i);
    }
    let t = units.get(i..).unwrap_or(&[]).to_vec();
    parts.push(Value::String(JsString::from_utf16(gcx, t)));
    Ok(create_array_from_list(cx, &parts))
}

/// String.prototype.startsWith (<https://tc39.es/ecma262/#sec-string.prototype.startswith>).
fn string_prototype_starts_with<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.startsWith")?;
    let search = arg(args, 0);
    if is_regexp(cx, search)? {
        return Err(cx.type_error(
            "First argument to String.prototype.startsWith must not be a regular expression",
        ));
    }
    let search = to_string(cx, search)?;
    let len = s.len();
    let pos = to_integer_or_infinity(cx, arg(args, 1))?;
    let start = clamp(pos, len);
    let search_len = search.len();
    if search_len == 0 {
        return Ok(Value::Boolean(true));
    }
    let end = start.saturating_add(search_len);
    if end > len {
        return Ok(Value::Boolean(false));
    }
    let gcx = cx.gcx();
    Ok(Value::Boolean(s.slice(gcx, start, end).equals(gcx, search)))
}

/// String.prototype.substring (<https://tc39.es/ecma262/#sec-string.prototype.substring>).
fn string_prototype_substring<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.substring")?;
    let len = s.len();
    let int_start = to_integer_or_infinity(cx, arg(args, 0))?;
    let int_end = match arg(args, 1) {
        Value::Undefined => len as f64,
        e => to_integer_or_infinity(cx, e)?,
    };
    let (a, b) = (clamp(int_start, len), clamp(int_end, len));
    Ok(Value::String(s.slice(cx.gcx(), a.min(b), a.max(b))))
}

/// String.prototype.substr (<https://tc39.es/ecma262/#sec-string.prototype.substr>).
fn string_prototype_substr<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.substr")?;
    let size = s.len() as f64;
    // 4-7. intStart, relative to the end when negative.
    let mut int_start = to_integer_or_infinity(cx, arg(args, 0))?;
    if int_start == f64::NEG_INFINITY {
        int_start = 0.0;
    } else if int_start < 0.0 {
        int_start = (size + int_start).max(0.0);
    } else {
        int_start = int_start.min(size);
    }
    // 8-9. intLength, clamped to 0..=size.
    let int_length = match arg(args, 1) {
        Value::Undefined => size,
        l => to_integer_or_infinity(cx, l)?,
    };
    let int_length = int_length.clamp(0.0, size);
    // 10-11.
    let int_end = (int_start + int_length).min(size);
    if int_start >= int_end {
        return Ok(cx.string(""));
    }
    Ok(Value::String(s.slice(
        cx.gcx(),
        int_start as usize,
        int_end as usize,
    )))
}

/// Case mapping shared by the four case methods.
fn case_map<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    method: &str,
    f: fn(&[u16]) -> Vec<u16>,
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, method)?;
    // Case mapping at most triples the length.
    check_string_alloc(cx, s.len().saturating_mul(3))?;
    let out = f(&s.to_utf16(cx.gcx()));
    Ok(units_value(cx, out))
}

/// String.prototype.toLowerCase (<https://tc39.es/ecma262/#sec-string.prototype.tolowercase>).
fn string_prototype_to_lower_case<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    case_map(
        cx,
        this,
        "String.prototype.toLowerCase",
        text::to_lower_case,
    )
}

/// String.prototype.toUpperCase (<https://tc39.es/ecma262/#sec-string.prototype.touppercase>).
fn string_prototype_to_upper_case<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    case_map(
        cx,
        this,
        "String.prototype.toUpperCase",
        text::to_upper_case,
    )
}

/// String.prototype.toLocaleLowerCase
/// (<https://tc39.es/ecma262/#sec-string.prototype.tolocalelowercase>): the root locale.
fn string_prototype_to_locale_lower_case<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    case_map(
        cx,
        this,
        "String.prototype.toLocaleLowerCase",
        text::to_lower_case,
    )
}

/// String.prototype.toLocaleUpperCase
/// (<https://tc39.es/ecma262/#sec-string.prototype.tolocaleuppercase>): the root locale.
fn string_prototype_to_locale_upper_case<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    case_map(
        cx,
        this,
        "String.prototype.toLocaleUpperCase",
        text::to_upper_case,
    )
}

/// String.prototype.isWellFormed (<https://tc39.es/ecma262/#sec-string.prototype.iswellformed>).
fn string_prototype_is_well_formed<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.isWellFormed")?;
    Ok(Value::Boolean(text::is_well_formed(&s.to_utf16(cx.gcx()))))
}

/// String.prototype.toWellFormed (<https://tc39.es/ecma262/#sec-string.prototype.towellformed>).
fn string_prototype_to_well_formed<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype.toWellFormed")?;
    let out = text::to_well_formed(&s.to_utf16(cx.gcx()));
    Ok(units_value(cx, out))
}

/// TrimString (<https://tc39.es/ecma262/#sec-trimstring>).
fn trim_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    method: &str,
    f: fn(&[u16]) -> &[u16],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, method)?;
    let units = s.to_utf16(cx.gcx());
    let out = f(&units).to_vec();
    Ok(units_value(cx, out))
}

/// String.prototype.trim (<https://tc39.es/ecma262/#sec-string.prototype.trim>).
fn string_prototype_trim<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    trim_string(cx, this, "String.prototype.trim", text::trim)
}

/// String.prototype.trimStart (<https://tc39.es/ecma262/#sec-string.prototype.trimstart>).
fn string_prototype_trim_start<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    trim_string(cx, this, "String.prototype.trimStart", text::trim_start)
}

/// String.prototype.trimEnd (<https://tc39.es/ecma262/#sec-string.prototype.trimend>).
fn string_prototype_trim_end<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    trim_string(cx, this, "String.prototype.trimEnd", text::trim_end)
}

/// CreateHTML (<https://tc39.es/ecma262/#sec-createhtml>).
fn create_html<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    method: &str,
    tag: &str,
    attribute: Option<(&str, Value<'gc>)>,
) -> Result<Value<'gc>, Value<'gc>> {
    // 1-2. Let S be ? ToString(? RequireObjectCoercible(string)).
    let s = this_string(cx, this, method)?;
    // 3. Let p1 be "<" + tag.
    let mut out: Vec<u16> = "<".encode_utf16().chain(tag.encode_utf16()).collect();
    // 4. The attribute, with `"` escaped as &quot;.
    if let Some((name, value)) = attribute {
        let v = to_string(cx, value)?;
        out.push(u16::from(b' '));
        out.extend(name.encode_utf16());
        out.extend("=\"".encode_utf16());
        for u in v.to_utf16(cx.gcx()) {
            if u == u16::from(b'"') {
                out.extend("&quot;".encode_utf16());
            } else {
                out.push(u);
            }
        }
        out.push(u16::from(b'"'));
    }
    // 5-8. p1 + ">" + S + "</" + tag + ">".
    out.push(u16::from(b'>'));
    check_string_alloc(
        cx,
        out.len()
            .saturating_add(s.len())
            .saturating_add(tag.len() + 3),
    )?;
    out.extend(s.to_utf16(cx.gcx()));
    out.extend("</".encode_utf16());
    out.extend(tag.encode_utf16());
    out.push(u16::from(b'>'));
    Ok(units_value(cx, out))
}

/// The HTML methods of Annex B
/// (<https://tc39.es/ecma262/#sec-additional-properties-of-the-string.prototype-object>): name,
/// tag and attribute name, each calling CreateHTML. One native serves them all; its captured
/// data is the row's index.
const HTML_METHODS: [(&str, &str, Option<&str>); 13] = [
    ("anchor", "a", Some("name")),
    ("big", "big", None),
    ("blink", "blink", None),
    ("bold", "b", None),
    ("fixed", "tt", None),
    ("fontcolor", "font", Some("color")),
    ("fontsize", "font", Some("size")),
    ("italics", "i", None),
    ("link", "a", Some("href")),
    ("small", "small", None),
    ("strike", "strike", None),
    ("sub", "sub", None),
    ("sup", "sup", None),
];

/// String.prototype.anchor, big, blink, bold, fixed, fontcolor, fontsize, italics, link,
/// small, strike, sub and sup (e.g. <https://tc39.es/ecma262/#sec-string.prototype.anchor>).
fn string_prototype_html<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let row = match cx.data() {
        Value::Number(n) => HTML_METHODS.get(n as usize),
        _ => None,
    };
    let Some(&(name, tag, attribute)) = row else {
        return Err(cx.type_error("not an HTML method"));
    };
    let method = format!("String.prototype.{name}");
    create_html(cx, this, &method, tag, attribute.map(|a| (a, arg(args, 0))))
}

/// Install the HTML methods on %String.prototype%.
fn install_html_methods<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    proto: Object<'gc>,
) {
    for (i, (name, _, attribute)) in HTML_METHODS.iter().enumerate() {
        let length = u32::from(attribute.is_some());
        let data = Value::Number(i as f64);
        let f = realm.new_native_function(
            gcx,
            interner,
            name,
            length,
            string_prototype_html,
            None,
            data,
        );
        realm.define_value(gcx, interner, proto, name, Value::Object(f), Attrs::HIDDEN);
    }
}

// ----- the String Iterator -----------------------------------------------------------------

/// String.prototype [ @@iterator ] (<https://tc39.es/ecma262/#sec-string.prototype-%symbol.iterator%>).
fn string_prototype_iterator<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let s = this_string(cx, this, "String.prototype[Symbol.iterator]")?;
    // CreateStringIterator in this function's realm.
    let proto = cx.realm.intrinsics().string_iterator_prototype;
    Ok(Value::Object(Object::new(
        cx.gcx(),
        Some(proto),
        ObjectKind::StringIterator(Box::new((Some(s), 0))),
    )))
}

/// %StringIteratorPrototype%.next (<https://tc39.es/ecma262/#sec-%stringiteratorprototype%.next>):
/// one code point per step.
fn string_iterator_next<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let state = match this {
        Value::Object(o) => match &o.borrow().kind {
            ObjectKind::StringIterator(st) => Some((o, st.0, st.1)),
            _ => None,
        },
        _ => None,
    };
    let Some((it, string, position)) = state else {
        return Err(
            cx.type_error("%StringIteratorPrototype%.next called on an incompatible receiver")
        );
    };
    let gcx = cx.gcx();
    // The code point at `position`: one unit, or a surrogate pair read as two.
    let next = string.and_then(|s| {
        let first = s.code_unit_at(gcx, position)?;
        let second = s.code_unit_at(gcx, position + 1);
        let window = [first, second.unwrap_or(0)];
        let len = if second.is_some() { 2 } else { 1 };
        text::code_point_at(&window[..len], 0).map(|cp| (window, usize::from(cp.code_unit_count)))
    });
    let value = match next {
        Some((units, n)) => {
            if let ObjectKind::StringIterator(st) = &mut it.borrow_mut(gcx.mc).kind {
                st.1 = position + n;
            }
            Some(if n == 1 {
                cx.vm.unit_string(units[0])
            } else {
                JsString::from_utf16(gcx, units.to_vec())
            })
        }
        None => {
            // Exhausted: drop the string so later calls stay done.
            if let ObjectKind::StringIterator(st) = &mut it.borrow_mut(gcx.mc).kind {
                st.0 = None;
            }
            None
        }
    };
    let result = match value {
        Some(s) => cx.vm.iter_result_object(Value::String(s), false),
        None => cx.vm.iter_result_object(Value::Undefined, true),
    };
    Ok(Value::Object(result))
}

#[cfg(test)]
mod tests {
    use crate::builtins::coerce::{eval_for_test, eval_string};

    #[test]
    fn single_units_read_by_index_charat_at_and_iteration() {
        // Latin-1 units come from the context's shared table, others are made on the spot;
        // either way the values are the units themselves.
        assert_eq!(
            eval_string(
                "const s = 'aé\\u0100\\ud83d\\ude00z\\ud800'; \
                 [s[0], s[1], s[2], s[3], s[4], s[5], s[6], s.charAt(1), s.at(-1), s.at(-2)] \
                   .map(c => c.length + ':' + c.charCodeAt(0).toString(16)).join(' ')"
            ),
            "1:61 1:e9 1:100 1:d83d 1:de00 1:7a 1:d800 1:e9 1:d800 1:7a"
        );
        assert_eq!(
            eval_string(
                "[...'aé\\ud83d\\ude00\\ud800z\\udc00'].map(c => c.length + ':' + \
                 c.codePointAt(0).toString(16)).join(' ')"
            ),
            "1:61 1:e9 2:1f600 1:d800 1:7a 1:dc00"
        );
        // The same unit read twice is the same string value.
        assert_eq!(
            eval_string("const t = 'xyx'; String(t[0] === t[2] && t.charAt(0) === t[2])"),
            "true"
        );
    }

    #[test]
    fn constructor_and_statics() {
        assert_eq!(
            eval_string("String(Symbol('x')) + String(12) + String()"),
            "Symbol(x)12"
        );
        assert_eq!(
            eval_string("typeof new String('a') + new String('abc').length"),
            "object3"
        );
        assert_eq!(
            eval_string("String.fromCharCode(65, 66.7, 65536 + 67)"),
            "ABC"
        );
        assert_eq!(
            eval_string("String.fromCodePoint(0x1F600).length + ''"),
            "2"
        );
        assert_eq!(
            eval_string("try { String.fromCodePoint(1.5) } catch (e) { e.name }"),
            "RangeError"
        );
        assert_eq!(
            eval_string("String.raw({ raw: ['a', 'b', 'c'] }, 1, 2, 3)"),
            "a1b2c"
        );
        assert_eq!(eval_string("String.raw({ raw: { length: -1 } })"), "");
    }

    #[test]
    fn searching_and_slicing() {
        assert_eq!(eval_string("'abcabc'.indexOf('c', 3) + ',' + 'abcabc'.lastIndexOf('a') + ',' + 'abc'.lastIndexOf('c', -Infinity)"), "5,3,-1");
        assert_eq!(
            eval_string(
                "'' + 'abc'.includes('b') + 'abc'.startsWith('bc', 1) + 'abc'.endsWith('ab', 2)"
            ),
            "truetruetrue"
        );
        assert_eq!(
            eval_string("'abcdef'.slice(-3, -1) + 'abcdef'.substring(4, 1) + 'abcdef'.substr(-2)"),
            "debcdef"
        );
        assert_eq!(eval_string("'abc'.at(-1) + 'abc'.charAt(1) + 'abc'.charCodeAt(0) + '\\uD83D\\uDE00'.codePointAt(0)"), "cb97128512");
        assert_eq!(
            eval_string("try { 'a'.startsWith({ [Symbol.match]: true }) } catch (e) { e.name }"),
            "TypeError"
        );
    }

    #[test]
    fn building_strings() {
        assert_eq!(
            eval_string("'ab'.repeat(3) + 'x'.padStart(4, 'yz') + 'x'.padEnd(3)"),
            "abababyzyxx  "
        );
        assert_eq!(
            eval_string("try { 'a'.repeat(-1) } catch (e) { e.name }"),
            "RangeError"
        );
        assert_eq!(
            eval_string("try { 'a'.repeat(2 ** 40) } catch (e) { e.name }"),
            "RangeError"
        );
        assert_eq!(
            eval_string("try { 'a'.padStart(2 ** 52) } catch (e) { e.name }"),
            "RangeError"
        );
        assert_eq!(
            eval_string("'a'.concat(1, null, [2]) + '  x '.trim() + '|' + ' y '.trimStart() + '|'"),
            "a1null2x|y |"
        );
        assert_eq!(
            eval_string("'İ'.toLowerCase().length + 'ß'.toUpperCase()"),
            "2SS"
        );
        assert_eq!(
            eval_string("'\\u0041\\u030A'.normalize('NFC') === '\\u00C5' ? 'ok' : 'no'"),
            "ok"
        );
        assert_eq!(eval_string("'a\\uD800'.toWellFormed() === 'a\\uFFFD' && !'\\uDC00'.isWellFormed() ? 'ok' : 'no'"), "ok");
        assert_eq!(
            eval_string("'a\"b'.anchor('x\"y')"),
            "<a name=\"x&quot;y\">a\"b</a>"
        );
    }

    #[test]
    fn replace_split_and_dispatch() {
        assert_eq!(eval_string("'aXbXc'.replace('X', '[$&$`]')"), "a[Xa]bXc");
        assert_eq!(
            eval_string("'aXbXc'.replaceAll('X', function (m, p, s) { return p; })"),
            "a1b3c"
        );
        assert_eq!(eval_string("'abc'.replaceAll('', '-')"), "-a-b-c-");
        assert_eq!(eval_string("'a,b,,c'.split(',').length + ':' + 'abc'.split('').length + ':' + 'a,b'.split(',', 1).length"), "4:3:1");
        assert_eq!(
            eval_string("'x'.replace({ [Symbol.replace](s, r) { return s + r; } }, '!')"),
            "x!"
        );
        assert_eq!(
            eval_string("'x'.split({ [Symbol.split](s, l) { return 'split ' + s + l; } }, 7)"),
            "split x7"
        );
        assert_eq!(
            eval_string("'x'.search({ [Symbol.search](s) { return 'found ' + s; } })"),
            "found x"
        );
    }

    #[test]
    fn iterator_walks_code_points() {
        assert_eq!(
            eval_string("var out = []; for (var c of 'a\\uD83D\\uDE00b') out[out.length] = c.length; '' + out[0] + out[1] + out[2] + out.length"),
            "1213"
        );
        assert_eq!(
            eval_string(
                "var it = ''[Symbol.iterator](); var r = it.next(); '' + r.done + r.value "
            ),
            "trueundefined"
        );
    }

    #[test]
    fn receivers_are_checked() {
        assert!(eval_for_test("String.prototype.trim.length").is_ok());
        assert_eq!(
            eval_string("var f = String.prototype.toString; try { f() } catch (e) { e.name }"),
            "TypeError"
        );
        assert_eq!(
            eval_string("var f = String.prototype.trim; try { f() } catch (e) { e.name }"),
            "TypeError"
        );
    }
}
