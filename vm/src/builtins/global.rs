//! The global object's own properties (<https://tc39.es/ecma262/#sec-global-object>): the value
//! properties, `isNaN`/`isFinite`, `parseInt`/`parseFloat` (shared with Number), the
//! URI functions and Annex B's `escape`/`unescape`.

use crate::function::{NativeCtx, NativeFn};
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::WellKnownSymbols;
use crate::object::{Object, ObjectKind};
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::Value;

use super::object_ops::{charge, to_number, to_string, Res};

/// Install the global object's value and function properties in `realm`.
pub(crate) fn install<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    _symbols: &WellKnownSymbols<'gc>,
) {
    let global = realm.global();
    // Value properties (<https://tc39.es/ecma262/#sec-value-properties-of-the-global-object>).
    realm.define_value(
        gcx,
        interner,
        global,
        "globalThis",
        Value::Object(global),
        Attrs::HIDDEN,
    );
    realm.define_value(
        gcx,
        interner,
        global,
        "NaN",
        Value::Number(f64::NAN),
        Attrs::NONE,
    );
    realm.define_value(
        gcx,
        interner,
        global,
        "Infinity",
        Value::Number(f64::INFINITY),
        Attrs::NONE,
    );
    realm.define_value(
        gcx,
        interner,
        global,
        "undefined",
        Value::Undefined,
        Attrs::NONE,
    );
    // %parseInt% and %parseFloat%, shared with Number.parseInt/parseFloat. (%eval% is the
    // interpreter's: `interp::eval`.)
    let i = realm.intrinsics();
    let shared: [(Object<'gc>, &str, NativeFn, u32); 2] = [
        (i.parse_int, "parseInt", global_parse_int, 2),
        (i.parse_float, "parseFloat", global_parse_float, 1),
    ];
    for (f, name, call, len) in shared {
        realm.make_native(gcx, f, call, None);
        realm.set_function_props(gcx, interner, f, name, len);
        realm.define_value(gcx, interner, global, name, Value::Object(f), Attrs::HIDDEN);
    }
    let fns: [(&str, NativeFn, u32); 8] = [
        ("isNaN", global_is_nan, 1),
        ("isFinite", global_is_finite, 1),
        ("decodeURI", global_decode_uri, 1),
        ("decodeURIComponent", global_decode_uri_component, 1),
        ("encodeURI", global_encode_uri, 1),
        ("encodeURIComponent", global_encode_uri_component, 1),
        ("escape", global_escape, 1),
        ("unescape", global_unescape, 1),
    ];
    for (name, f, len) in fns {
        realm.define_native_method(gcx, interner, global, name, f, len);
    }
}

fn arg<'gc>(args: &[Value<'gc>], i: usize) -> Value<'gc> {
    args.get(i).copied().unwrap_or(Value::Undefined)
}

/// isNaN ( number ) (<https://tc39.es/ecma262/#sec-isnan-number>).
fn global_is_nan<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    Ok(Value::Boolean(to_number(cx, arg(args, 0))?.is_nan()))
}

/// isFinite ( number ) (<https://tc39.es/ecma262/#sec-isfinite-number>).
fn global_is_finite<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    Ok(Value::Boolean(to_number(cx, arg(args, 0))?.is_finite()))
}

/// parseInt ( string, radix ) (<https://tc39.es/ecma262/#sec-parseint-string-radix>).
fn global_parse_int<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1. ToString(string), then 6. ToInt32(radix).
    let s = to_string(cx, arg(args, 0))?;
    let radix = crate::ops::to_int32(to_number(cx, arg(args, 1))?);
    let units = s.to_utf16(cx.gcx());
    Ok(Value::Number(crate::number::parse_int(&units, radix)))
}

/// parseFloat ( string ) (<https://tc39.es/ecma262/#sec-parsefloat-string>).
fn global_parse_float<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let s = to_string(cx, arg(args, 0))?;
    let units = s.to_utf16(cx.gcx());
    Ok(Value::Number(crate::number::parse_float(&units)))
}

/// A URIError of this function's realm (the VM's error kinds do not include it).
fn uri_error<'gc>(cx: &mut NativeCtx<'gc, '_>, message: &str) -> Value<'gc> {
    let proto = cx.realm.error_prototype(6);
    let e = Object::new(cx.gcx(), proto, ObjectKind::Error);
    let k = cx.vm.names.message;
    let m = cx.string(message);
    e.put_data(cx.gcx(), k, m, Attrs::HIDDEN);
    Value::Object(e)
}

/// Apply a URI or escape transform to ToString(arg 0), charging the output's worst case first.
fn transform<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    args: &[Value<'gc>],
    f: fn(&[u16]) -> Result<Vec<u16>, crate::text::UriError>,
) -> Res<'gc, Value<'gc>> {
    let s = to_string(cx, arg(args, 0))?;
    // Encoding grows a code unit to at most 12 units ("%XX" per UTF-8 byte, 4 bytes per pair).
    charge(cx, s.len().saturating_mul(24))?;
    let units = s.to_utf16(cx.gcx());
    match f(&units) {
        Ok(out) => Ok(Value::String(JsString::from_utf16(cx.gcx(), out))),
        Err(e) => Err(uri_error(cx, &e.to_string())),
    }
}

/// decodeURI ( encodedURI ) (<https://tc39.es/ecma262/#sec-decodeuri-encodeduri>).
fn global_decode_uri<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    transform(cx, args, crate::text::decode_uri)
}

/// decodeURIComponent ( encodedURIComponent )
/// (<https://tc39.es/ecma262/#sec-decodeuricomponent-encodeduricomponent>).
fn global_decode_uri_component<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    transform(cx, args, crate::text::decode_uri_component)
}

/// encodeURI ( uri ) (<https://tc39.es/ecma262/#sec-encodeuri-uri>).
fn global_encode_uri<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    transform(cx, args, crate::text::encode_uri)
}

/// encodeURIComponent ( uriComponent )
/// (<https://tc39.es/ecma262/#sec-encodeuricomponent-uricomponent>).
fn global_encode_uri_component<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    transform(cx, args, crate::text::encode_uri_component)
}

/// escape ( string ) (<https://tc39.es/ecma262/#sec-escape-string>).
fn global_escape<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    transform(cx, args, |u| Ok(crate::text::escape(u)))
}

/// unescape ( string ) (<https://tc39.es/ecma262/#sec-unescape-string>).
fn global_unescape<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    transform(cx, args, |u| Ok(crate::text::unescape(u)))
}
