//! The Reflect namespace object (<https://tc39.es/ecma262/#sec-reflect-object>).

use crate::function::{NativeCtx, NativeFn};
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::WellKnownSymbols;
use crate::object::{Object, ObjectKind};
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};

use super::object::{from_property_descriptor, set_prototype_of, to_property_descriptor};
use super::object_ops::{
    create_array_from_list, create_list_from_array_like, define_own_property, get_own_property,
    get_with_receiver, is_callable, is_constructor, set_with_receiver, to_property_key, Res,
};

/// Install `Reflect` and its functions in `realm`.
pub(crate) fn install<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    symbols: &WellKnownSymbols<'gc>,
) {
    let proto = realm.intrinsics().object_prototype;
    let reflect = Object::new(gcx, Some(proto), ObjectKind::Ordinary);
    let fns: [(&str, NativeFn, u32); 13] = [
        ("apply", reflect_apply, 3),
        ("construct", reflect_construct, 2),
        ("defineProperty", reflect_define_property, 3),
        ("deleteProperty", reflect_delete_property, 2),
        ("get", reflect_get, 2),
        (
            "getOwnPropertyDescriptor",
            reflect_get_own_property_descriptor,
            2,
        ),
        ("getPrototypeOf", reflect_get_prototype_of, 1),
        ("has", reflect_has, 2),
        ("isExtensible", reflect_is_extensible, 1),
        ("ownKeys", reflect_own_keys, 1),
        ("preventExtensions", reflect_prevent_extensions, 1),
        ("set", reflect_set, 3),
        ("setPrototypeOf", reflect_set_prototype_of, 2),
    ];
    for (name, f, len) in fns {
        realm.define_native_method(gcx, interner, reflect, name, f, len);
    }
    // Reflect [ @@toStringTag ] (<https://tc39.es/ecma262/#sec-reflect-@@tostringtag>).
    reflect.put_data(
        gcx,
        PropertyKey::Symbol(symbols.to_string_tag),
        Value::String(JsString::from_str(gcx, "Reflect")),
        Attrs(Attrs::CONFIGURABLE),
    );
    realm.define_value(
        gcx,
        interner,
        realm.global(),
        "Reflect",
        Value::Object(reflect),
        Attrs::HIDDEN,
    );
}

fn arg<'gc>(args: &[Value<'gc>], i: usize) -> Value<'gc> {
    args.get(i).copied().unwrap_or(Value::Undefined)
}

/// The `target` argument, which every Reflect function but apply/construct requires to be an
/// object.
fn target<'gc>(cx: &mut NativeCtx<'gc, '_>, args: &[Value<'gc>]) -> Res<'gc, Object<'gc>> {
    match arg(args, 0) {
        Value::Object(o) => Ok(o),
        _ => Err(cx.type_error("Reflect: target must be an object")),
    }
}

/// Reflect.apply (<https://tc39.es/ecma262/#sec-reflect.apply>): a tail call (step 3,
/// PrepareForTailCall) the interpreter makes in our place.
fn reflect_apply<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1.
    let f = arg(args, 0);
    if !is_callable(f) {
        return Err(cx.type_error("Reflect.apply: target is not a function"));
    }
    // 2-4. CreateListFromArrayLike, PrepareForTailCall, Call: in the interpreter's frames.
    super::function_call::call_with_array_like(cx, f, arg(args, 1), arg(args, 2))
}

/// Reflect.construct (<https://tc39.es/ecma262/#sec-reflect.construct>).
fn reflect_construct<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1.
    let f = arg(args, 0);
    if !is_constructor(f) {
        return Err(cx.type_error("Reflect.construct: target is not a constructor"));
    }
    // 2-3.
    let new_target = if args.len() < 3 { f } else { arg(args, 2) };
    if !is_constructor(new_target) {
        return Err(cx.type_error("Reflect.construct: newTarget is not a constructor"));
    }
    // 4.
    let list = create_list_from_array_like(cx, arg(args, 1), false)?;
    // 5. Construct in the interpreter's frames.
    cx.tail_construct(f, list, new_target.as_object())
}

/// Reflect.defineProperty (<https://tc39.es/ecma262/#sec-reflect.defineproperty>).
fn reflect_define_property<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let o = target(cx, args)?;
    let key = to_property_key(cx, arg(args, 1))?;
    let desc = to_property_descriptor(cx, arg(args, 2))?;
    Ok(Value::Boolean(define_own_property(cx, o, key, desc)?))
}

/// Reflect.deleteProperty (<https://tc39.es/ecma262/#sec-reflect.deleteproperty>).
fn reflect_delete_property<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let o = target(cx, args)?;
    let key = to_property_key(cx, arg(args, 1))?;
    Ok(Value::Boolean(o.delete(cx.gcx(), key)))
}

/// Reflect.get (<https://tc39.es/ecma262/#sec-reflect.get>).
fn reflect_get<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let o = target(cx, args)?;
    let key = to_property_key(cx, arg(args, 1))?;
    let receiver = if args.len() < 3 {
        Value::Object(o)
    } else {
        arg(args, 2)
    };
    get_with_receiver(cx, o, key, receiver)
}

/// Reflect.getOwnPropertyDescriptor
/// (<https://tc39.es/ecma262/#sec-reflect.getownpropertydescriptor>).
fn reflect_get_own_property_descriptor<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let o = target(cx, args)?;
    let key = to_property_key(cx, arg(args, 1))?;
    let desc = get_own_property(cx, o, key)?;
    from_property_descriptor(cx, desc)
}

/// Reflect.getPrototypeOf (<https://tc39.es/ecma262/#sec-reflect.getprototypeof>).
fn reflect_get_prototype_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let o = target(cx, args)?;
    Ok(o.get_prototype_of().map_or(Value::Null, Value::Object))
}

/// Reflect.has (<https://tc39.es/ecma262/#sec-reflect.has>).
fn reflect_has<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let o = target(cx, args)?;
    let key = to_property_key(cx, arg(args, 1))?;
    Ok(Value::Boolean(o.has_property(cx.gcx(), key)))
}

/// Reflect.isExtensible (<https://tc39.es/ecma262/#sec-reflect.isextensible>).
fn reflect_is_extensible<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let o = target(cx, args)?;
    Ok(Value::Boolean(o.is_extensible()))
}

/// Reflect.ownKeys (<https://tc39.es/ecma262/#sec-reflect.ownkeys>).
fn reflect_own_keys<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let o = target(cx, args)?;
    let gcx = cx.gcx();
    let keys: Vec<Value<'gc>> = o
        .own_property_keys(gcx)
        .into_iter()
        .map(|k| k.to_value(gcx))
        .collect();
    let realm = cx.realm;
    Ok(Value::Object(create_array_from_list(cx, realm, &keys)?))
}

/// Reflect.preventExtensions (<https://tc39.es/ecma262/#sec-reflect.preventextensions>).
fn reflect_prevent_extensions<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let o = target(cx, args)?;
    Ok(Value::Boolean(o.prevent_extensions(cx.gcx())))
}

/// Reflect.set (<https://tc39.es/ecma262/#sec-reflect.set>).
fn reflect_set<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let o = target(cx, args)?;
    let key = to_property_key(cx, arg(args, 1))?;
    let receiver = if args.len() < 4 {
        Value::Object(o)
    } else {
        arg(args, 3)
    };
    Ok(Value::Boolean(set_with_receiver(
        cx,
        o,
        key,
        arg(args, 2),
        receiver,
    )?))
}

/// Reflect.setPrototypeOf (<https://tc39.es/ecma262/#sec-reflect.setprototypeof>).
fn reflect_set_prototype_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let o = target(cx, args)?;
    let proto = match arg(args, 1) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        _ => return Err(cx.type_error("Object prototype may only be an Object or null")),
    };
    Ok(Value::Boolean(set_prototype_of(cx, o, proto)))
}
