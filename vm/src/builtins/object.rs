//! The Object constructor, its static functions and Object.prototype
//! (<https://tc39.es/ecma262/#sec-object-objects>), with Annex B's `__proto__` accessor and
//! `__defineGetter__` family (<https://tc39.es/ecma262/#sec-object.prototype.__proto__>).

use crate::function::{NativeCtx, NativeFn};
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::WellKnownSymbols;
use crate::object::{Object, ObjectKind, PropertyDescriptor};
use crate::ops;
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::value::{PropertyKey, Value};

use super::object_ops::{
    create_array_from_list, create_data_property_or_throw, define_own_property,
    define_property_or_throw, get, get_iterator, is_array, iterator_close_throw,
    iterator_step_value, own_property, poll_limits, require_object_coercible, same_value, set,
    to_object, to_property_key, Res,
};

/// Install the Object constructor, its statics and Object.prototype's methods in `realm`.
pub(crate) fn install<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    _symbols: &WellKnownSymbols<'gc>,
) {
    let i = realm.intrinsics();
    let ctor = i.object_constructor;
    let proto = i.object_prototype;
    realm.make_native(gcx, ctor, object_constructor, Some(object_constructor));
    realm.set_function_props(gcx, interner, ctor, "Object", 1);
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
    let statics: [(&str, NativeFn, u32); 23] = [
        ("assign", object_assign, 2),
        ("create", object_create, 2),
        ("defineProperties", object_define_properties, 2),
        ("defineProperty", object_define_property, 3),
        ("entries", object_entries, 1),
        ("freeze", object_freeze, 1),
        ("fromEntries", object_from_entries, 1),
        (
            "getOwnPropertyDescriptor",
            object_get_own_property_descriptor,
            2,
        ),
        (
            "getOwnPropertyDescriptors",
            object_get_own_property_descriptors,
            1,
        ),
        ("getOwnPropertyNames", object_get_own_property_names, 1),
        ("getOwnPropertySymbols", object_get_own_property_symbols, 1),
        ("getPrototypeOf", object_get_prototype_of, 1),
        ("groupBy", super::object_group_by::object_group_by, 2),
        ("hasOwn", object_has_own, 2),
        ("is", object_is, 2),
        ("isExtensible", object_is_extensible, 1),
        ("isFrozen", object_is_frozen, 1),
        ("isSealed", object_is_sealed, 1),
        ("keys", object_keys, 1),
        ("preventExtensions", object_prevent_extensions, 1),
        ("seal", object_seal, 1),
        ("setPrototypeOf", object_set_prototype_of, 2),
        ("values", object_values, 1),
    ];
    for (name, f, len) in statics {
        realm.define_native_method(gcx, interner, ctor, name, f, len);
    }
    let methods: [(&str, NativeFn, u32); 10] = [
        ("hasOwnProperty", object_prototype_has_own_property, 1),
        ("isPrototypeOf", object_prototype_is_prototype_of, 1),
        (
            "propertyIsEnumerable",
            object_prototype_property_is_enumerable,
            1,
        ),
        ("toLocaleString", object_prototype_to_locale_string, 0),
        ("toString", object_prototype_to_string, 0),
        ("valueOf", object_prototype_value_of, 0),
        ("__defineGetter__", object_prototype_define_getter, 2),
        ("__defineSetter__", object_prototype_define_setter, 2),
        ("__lookupGetter__", object_prototype_lookup_getter, 1),
        ("__lookupSetter__", object_prototype_lookup_setter, 1),
    ];
    for (name, f, len) in methods {
        realm.define_native_method(gcx, interner, proto, name, f, len);
    }
    realm.define_native_accessor(
        gcx,
        interner,
        proto,
        "__proto__",
        Some(object_prototype_get_proto),
        Some(object_prototype_set_proto),
    );
    realm.define_value(
        gcx,
        interner,
        realm.global(),
        "Object",
        Value::Object(ctor),
        Attrs::HIDDEN,
    );
}

fn arg<'gc>(args: &[Value<'gc>], i: usize) -> Value<'gc> {
    args.get(i).copied().unwrap_or(Value::Undefined)
}

/// Object ( [ value ] ) (<https://tc39.es/ecma262/#sec-object-value>).
fn object_constructor<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1. A subclass constructor: OrdinaryCreateFromConstructor(NewTarget, %Object.prototype%).
    if let Some(nt) = cx.new_target {
        if !nt.ptr_eq(cx.callee) {
            let realm = cx.realm;
            let proto = cx.vm.prototype_from_constructor(nt, realm);
            return Ok(Value::Object(Object::new(
                cx.gcx(),
                Some(proto),
                ObjectKind::Ordinary,
            )));
        }
    }
    let value = arg(args, 0);
    // 2. Nullish: a new ordinary object.
    if value.is_nullish() {
        let proto = cx.realm.intrinsics().object_prototype;
        return Ok(Value::Object(Object::new(
            cx.gcx(),
            Some(proto),
            ObjectKind::Ordinary,
        )));
    }
    // 3.
    Ok(Value::Object(to_object(cx, value)?))
}

/// ToPropertyDescriptor (<https://tc39.es/ecma262/#sec-topropertydescriptor>).
pub(crate) fn to_property_descriptor<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
) -> Res<'gc, PropertyDescriptor<'gc>> {
    // 1.
    let Value::Object(o) = v else {
        return Err(cx.type_error("Property description must be an object"));
    };
    let mut desc = PropertyDescriptor::default();
    let field = |cx: &mut NativeCtx<'gc, '_>, name: &str| -> Res<'gc, Option<Value<'gc>>> {
        let k = cx.key(name);
        if o.has_property(cx.gcx(), k) {
            Ok(Some(get(cx, o, k)?))
        } else {
            Ok(None)
        }
    };
    // 3-14, in the spec's order.
    if let Some(e) = field(cx, "enumerable")? {
        desc.enumerable = Some(ops::to_boolean(e));
    }
    if let Some(c) = field(cx, "configurable")? {
        desc.configurable = Some(ops::to_boolean(c));
    }
    if let Some(v) = field(cx, "value")? {
        desc.value = Some(v);
    }
    if let Some(w) = field(cx, "writable")? {
        desc.writable = Some(ops::to_boolean(w));
    }
    if let Some(g) = field(cx, "get")? {
        match g {
            Value::Undefined => desc.get = Some(None),
            Value::Object(f) if f.is_callable() => desc.get = Some(Some(f)),
            _ => return Err(cx.type_error("Getter must be a function")),
        }
    }
    if let Some(s) = field(cx, "set")? {
        match s {
            Value::Undefined => desc.set = Some(None),
            Value::Object(f) if f.is_callable() => desc.set = Some(Some(f)),
            _ => return Err(cx.type_error("Setter must be a function")),
        }
    }
    // 15. Both kinds at once.
    if desc.is_accessor() && desc.is_data() {
        return Err(cx.type_error(
            "Invalid property descriptor. Cannot both specify accessors and a value or writable attribute",
        ));
    }
    Ok(desc)
}

/// FromPropertyDescriptor (<https://tc39.es/ecma262/#sec-frompropertydescriptor>).
pub(crate) fn from_property_descriptor<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    desc: Option<PropertyDescriptor<'gc>>,
) -> Res<'gc, Value<'gc>> {
    let Some(desc) = desc else {
        return Ok(Value::Undefined);
    };
    let proto = cx.realm.intrinsics().object_prototype;
    let o = Object::new(cx.gcx(), Some(proto), ObjectKind::Ordinary);
    let fn_value = |f: Option<Object<'gc>>| f.map_or(Value::Undefined, Value::Object);
    let mut fields: Vec<(&str, Value<'gc>)> = Vec::new();
    if let Some(v) = desc.value {
        fields.push(("value", v));
    }
    if let Some(w) = desc.writable {
        fields.push(("writable", Value::Boolean(w)));
    }
    if let Some(g) = desc.get {
        fields.push(("get", fn_value(g)));
    }
    if let Some(s) = desc.set {
        fields.push(("set", fn_value(s)));
    }
    if let Some(e) = desc.enumerable {
        fields.push(("enumerable", Value::Boolean(e)));
    }
    if let Some(c) = desc.configurable {
        fields.push(("configurable", Value::Boolean(c)));
    }
    for (name, v) in fields {
        let k = cx.key(name);
        o.put_data(cx.gcx(), k, v, Attrs::DEFAULT);
    }
    Ok(Value::Object(o))
}

/// Object.assign (<https://tc39.es/ecma262/#sec-object.assign>).
fn object_assign<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1.
    let to = to_object(cx, arg(args, 0))?;
    // 3-4.
    for source in args.iter().skip(1).copied() {
        if source.is_nullish() {
            continue;
        }
        let from = to_object(cx, source)?;
        let keys = from.own_property_keys(cx.gcx());
        for (n, key) in keys.into_iter().enumerate() {
            if n % 4096 == 4095 {
                poll_limits(cx)?;
            }
            let Some(p) = own_property(cx, from, key)? else {
                continue;
            };
            if p.attrs.enumerable() {
                let v = get(cx, from, key)?;
                set(cx, to, key, v, true)?;
            }
        }
    }
    Ok(Value::Object(to))
}

/// Object.create (<https://tc39.es/ecma262/#sec-object.create>).
fn object_create<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let proto = match arg(args, 0) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        _ => return Err(cx.type_error("Object prototype may only be an Object or null")),
    };
    let o = Object::new(cx.gcx(), proto, ObjectKind::Ordinary);
    let props = arg(args, 1);
    if !props.is_undefined() {
        object_define_properties_op(cx, o, props)?;
    }
    Ok(Value::Object(o))
}

/// ObjectDefineProperties (<https://tc39.es/ecma262/#sec-objectdefineproperties>).
fn object_define_properties_op<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    properties: Value<'gc>,
) -> Res<'gc, ()> {
    // 1-2.
    let props = to_object(cx, properties)?;
    let keys = props.own_property_keys(cx.gcx());
    // 3-4. Read every descriptor before defining any.
    let mut descriptors = Vec::new();
    for key in keys {
        let Some(p) = own_property(cx, props, key)? else {
            continue;
        };
        if p.attrs.enumerable() {
            let desc_obj = get(cx, props, key)?;
            let desc = to_property_descriptor(cx, desc_obj)?;
            descriptors.push((key, desc));
        }
    }
    // 5.
    for (key, desc) in descriptors {
        define_property_or_throw(cx, o, key, desc)?;
    }
    Ok(())
}

/// Object.defineProperties (<https://tc39.es/ecma262/#sec-object.defineproperties>).
fn object_define_properties<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let Value::Object(o) = arg(args, 0) else {
        return Err(cx.type_error("Object.defineProperties called on non-object"));
    };
    object_define_properties_op(cx, o, arg(args, 1))?;
    Ok(Value::Object(o))
}

/// Object.defineProperty (<https://tc39.es/ecma262/#sec-object.defineproperty>).
fn object_define_property<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let Value::Object(o) = arg(args, 0) else {
        return Err(cx.type_error("Object.defineProperty called on non-object"));
    };
    let key = to_property_key(cx, arg(args, 1))?;
    let desc = to_property_descriptor(cx, arg(args, 2))?;
    define_property_or_throw(cx, o, key, desc)?;
    Ok(Value::Object(o))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum EnumKind {
    Keys,
    Values,
    Entries,
}

/// EnumerableOwnProperties (<https://tc39.es/ecma262/#sec-enumerableownproperties>).
fn enumerable_own_properties<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    kind: EnumKind,
) -> Res<'gc, Vec<Value<'gc>>> {
    let keys = o.own_property_keys(cx.gcx());
    let mut out = Vec::new();
    for key in keys {
        if key.is_symbol() {
            continue;
        }
        let Some(p) = own_property(cx, o, key)? else {
            continue;
        };
        if !p.attrs.enumerable() {
            continue;
        }
        let key_value = key.to_value(cx.gcx());
        match kind {
            EnumKind::Keys => out.push(key_value),
            EnumKind::Values => out.push(get(cx, o, key)?),
            EnumKind::Entries => {
                let v = get(cx, o, key)?;
                let realm = cx.realm;
                let e = create_array_from_list(cx, realm, &[key_value, v])?;
                out.push(Value::Object(e));
            }
        }
    }
    Ok(out)
}

fn enumerable_own_array<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    args: &[Value<'gc>],
    kind: EnumKind,
) -> Res<'gc, Value<'gc>> {
    let o = to_object(cx, arg(args, 0))?;
    let list = enumerable_own_properties(cx, o, kind)?;
    let realm = cx.realm;
    Ok(Value::Object(create_array_from_list(cx, realm, &list)?))
}

/// Object.entries (<https://tc39.es/ecma262/#sec-object.entries>).
fn object_entries<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    enumerable_own_array(cx, args, EnumKind::Entries)
}

/// Object.keys (<https://tc39.es/ecma262/#sec-object.keys>).
fn object_keys<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    enumerable_own_array(cx, args, EnumKind::Keys)
}

/// Object.values (<https://tc39.es/ecma262/#sec-object.values>).
fn object_values<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    enumerable_own_array(cx, args, EnumKind::Values)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum IntegrityLevel {
    Sealed,
    Frozen,
}

/// SetIntegrityLevel (<https://tc39.es/ecma262/#sec-setintegritylevel>).
fn set_integrity_level<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    level: IntegrityLevel,
) -> Res<'gc, bool> {
    // 1-2.
    if !o.prevent_extensions(cx.gcx()) {
        return Ok(false);
    }
    // 3.
    let keys = o.own_property_keys(cx.gcx());
    for key in keys {
        let desc = match level {
            IntegrityLevel::Sealed => PropertyDescriptor {
                configurable: Some(false),
                ..Default::default()
            },
            IntegrityLevel::Frozen => {
                let Some(current) = own_property(cx, o, key)? else {
                    continue;
                };
                if super::object_ops::is_accessor_slot(&current.slot) {
                    PropertyDescriptor {
                        configurable: Some(false),
                        ..Default::default()
                    }
                } else {
                    PropertyDescriptor {
                        configurable: Some(false),
                        writable: Some(false),
                        ..Default::default()
                    }
                }
            }
        };
        define_property_or_throw(cx, o, key, desc)?;
    }
    Ok(true)
}

/// TestIntegrityLevel (<https://tc39.es/ecma262/#sec-testintegritylevel>).
fn test_integrity_level<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    level: IntegrityLevel,
) -> Res<'gc, bool> {
    if o.is_extensible() {
        return Ok(false);
    }
    for key in o.own_property_keys(cx.gcx()) {
        // 5.a. Let currentDesc be ? O.[[GetOwnProperty]](k).
        if let Some(p) = own_property(cx, o, key)? {
            if p.attrs.configurable() {
                return Ok(false);
            }
            if level == IntegrityLevel::Frozen
                && !super::object_ops::is_accessor_slot(&p.slot)
                && p.attrs.writable()
            {
                return Ok(false);
            }
        }
    }
    Ok(true)
}

/// Object.freeze (<https://tc39.es/ecma262/#sec-object.freeze>).
fn object_freeze<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let v = arg(args, 0);
    let Value::Object(o) = v else {
        return Ok(v);
    };
    if !set_integrity_level(cx, o, IntegrityLevel::Frozen)? {
        return Err(cx.type_error("Cannot freeze"));
    }
    Ok(v)
}

/// Object.seal (<https://tc39.es/ecma262/#sec-object.seal>).
fn object_seal<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let v = arg(args, 0);
    let Value::Object(o) = v else {
        return Ok(v);
    };
    if !set_integrity_level(cx, o, IntegrityLevel::Sealed)? {
        return Err(cx.type_error("Cannot seal"));
    }
    Ok(v)
}

/// Object.isFrozen (<https://tc39.es/ecma262/#sec-object.isfrozen>).
fn object_is_frozen<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    Ok(Value::Boolean(match arg(args, 0) {
        Value::Object(o) => test_integrity_level(cx, o, IntegrityLevel::Frozen)?,
        _ => true,
    }))
}

/// Object.isSealed (<https://tc39.es/ecma262/#sec-object.issealed>).
fn object_is_sealed<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    Ok(Value::Boolean(match arg(args, 0) {
        Value::Object(o) => test_integrity_level(cx, o, IntegrityLevel::Sealed)?,
        _ => true,
    }))
}

/// Object.isExtensible (<https://tc39.es/ecma262/#sec-object.isextensible>).
fn object_is_extensible<'gc>(
    _cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    Ok(Value::Boolean(match arg(args, 0) {
        Value::Object(o) => o.is_extensible(),
        _ => false,
    }))
}

/// Object.preventExtensions (<https://tc39.es/ecma262/#sec-object.preventextensions>).
fn object_prevent_extensions<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let v = arg(args, 0);
    if let Value::Object(o) = v {
        if !o.prevent_extensions(cx.gcx()) {
            return Err(cx.type_error("Cannot prevent extensions"));
        }
    }
    Ok(v)
}

/// Object.fromEntries (<https://tc39.es/ecma262/#sec-object.fromentries>).
fn object_from_entries<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1.
    let iterable = require_object_coercible(cx, arg(args, 0), "Object.fromEntries")?;
    // 2.
    let proto = cx.realm.intrinsics().object_prototype;
    let obj = Object::new(cx.gcx(), Some(proto), ObjectKind::Ordinary);
    // 3-5. AddEntriesFromIterable with CreateDataPropertyOnObject as the adder.
    let mut rec = get_iterator(cx, iterable)?;
    loop {
        let Some(next) = iterator_step_value(cx, &mut rec)? else {
            return Ok(Value::Object(obj));
        };
        let r = (|| {
            let Value::Object(entry) = next else {
                return Err(cx.type_error("Iterator value is not an entry object"));
            };
            let k = get(cx, entry, PropertyKey::Index(0))?;
            let v = get(cx, entry, PropertyKey::Index(1))?;
            let key = to_property_key(cx, k)?;
            create_data_property_or_throw(cx, obj, key, v)
        })();
        if let Err(e) = r {
            return Err(iterator_close_throw(cx, &rec, e));
        }
    }
}

/// Object.getOwnPropertyDescriptor (<https://tc39.es/ecma262/#sec-object.getownpropertydescriptor>).
fn object_get_own_property_descriptor<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let o = to_object(cx, arg(args, 0))?;
    let key = to_property_key(cx, arg(args, 1))?;
    let desc = super::object_ops::get_own_property(cx, o, key)?;
    from_property_descriptor(cx, desc)
}

/// Object.getOwnPropertyDescriptors
/// (<https://tc39.es/ecma262/#sec-object.getownpropertydescriptors>).
fn object_get_own_property_descriptors<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let o = to_object(cx, arg(args, 0))?;
    let keys = o.own_property_keys(cx.gcx());
    let proto = cx.realm.intrinsics().object_prototype;
    let descriptors = Object::new(cx.gcx(), Some(proto), ObjectKind::Ordinary);
    for key in keys {
        let desc = super::object_ops::get_own_property(cx, o, key)?;
        let d = from_property_descriptor(cx, desc)?;
        if !d.is_undefined() {
            create_data_property_or_throw(cx, descriptors, key, d)?;
        }
    }
    Ok(Value::Object(descriptors))
}

/// GetOwnPropertyKeys (<https://tc39.es/ecma262/#sec-getownpropertykeys>).
fn get_own_property_keys<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
    symbols: bool,
) -> Res<'gc, Value<'gc>> {
    let o = to_object(cx, v)?;
    let keys = o.own_property_keys(cx.gcx());
    let gcx = cx.gcx();
    let list: Vec<Value<'gc>> = keys
        .into_iter()
        .filter(|k| k.is_symbol() == symbols)
        .map(|k| k.to_value(gcx))
        .collect();
    let realm = cx.realm;
    Ok(Value::Object(create_array_from_list(cx, realm, &list)?))
}

/// Object.getOwnPropertyNames (<https://tc39.es/ecma262/#sec-object.getownpropertynames>).
fn object_get_own_property_names<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    get_own_property_keys(cx, arg(args, 0), false)
}

/// Object.getOwnPropertySymbols (<https://tc39.es/ecma262/#sec-object.getownpropertysymbols>).
fn object_get_own_property_symbols<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    get_own_property_keys(cx, arg(args, 0), true)
}

/// Object.getPrototypeOf (<https://tc39.es/ecma262/#sec-object.getprototypeof>).
fn object_get_prototype_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let o = to_object(cx, arg(args, 0))?;
    Ok(o.get_prototype_of().map_or(Value::Null, Value::Object))
}

/// Object.hasOwn (<https://tc39.es/ecma262/#sec-object.hasown>).
fn object_has_own<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let o = to_object(cx, arg(args, 0))?;
    let key = to_property_key(cx, arg(args, 1))?;
    // HasOwnProperty: ? O.[[GetOwnProperty]](P).
    Ok(Value::Boolean(own_property(cx, o, key)?.is_some()))
}

/// Object.is (<https://tc39.es/ecma262/#sec-object.is>).
fn object_is<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    Ok(Value::Boolean(same_value(cx, arg(args, 0), arg(args, 1))))
}

/// Whether `o` is an immutable prototype exotic object (%Object.prototype% of the running
/// realm; <https://tc39.es/ecma262/#sec-immutable-prototype-exotic-objects>).
fn is_immutable_prototype<'gc>(cx: &NativeCtx<'gc, '_>, o: Object<'gc>) -> bool {
    o.ptr_eq(cx.realm.intrinsics().object_prototype)
        || o.ptr_eq(cx.vm.realm.intrinsics().object_prototype)
}

/// [[SetPrototypeOf]] honouring immutable prototype exotic objects.
pub(crate) fn set_prototype_of<'gc>(
    cx: &NativeCtx<'gc, '_>,
    o: Object<'gc>,
    proto: Option<Object<'gc>>,
) -> bool {
    if is_immutable_prototype(cx, o) {
        let current = o.get_prototype_of();
        return match (current, proto) {
            (None, None) => true,
            (Some(a), Some(b)) => a.ptr_eq(b),
            _ => false,
        };
    }
    o.set_prototype_of(cx.gcx(), proto)
}

/// Object.setPrototypeOf (<https://tc39.es/ecma262/#sec-object.setprototypeof>).
fn object_set_prototype_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1.
    let v = require_object_coercible(cx, arg(args, 0), "Object.setPrototypeOf")?;
    // 2.
    let proto = match arg(args, 1) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        _ => return Err(cx.type_error("Object prototype may only be an Object or null")),
    };
    // 3.
    let Value::Object(o) = v else {
        return Ok(v);
    };
    // 4-5.
    if !set_prototype_of(cx, o, proto) {
        return Err(cx.type_error("Cannot set prototype"));
    }
    Ok(v)
}

/// Object.prototype.hasOwnProperty (<https://tc39.es/ecma262/#sec-object.prototype.hasownproperty>).
fn object_prototype_has_own_property<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1. The key first, then ToObject(this).
    let key = to_property_key(cx, arg(args, 0))?;
    let o = to_object(cx, this)?;
    // HasOwnProperty: ? O.[[GetOwnProperty]](P).
    Ok(Value::Boolean(own_property(cx, o, key)?.is_some()))
}

/// Object.prototype.isPrototypeOf (<https://tc39.es/ecma262/#sec-object.prototype.isprototypeof>).
fn object_prototype_is_prototype_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1.
    let Value::Object(v) = arg(args, 0) else {
        return Ok(Value::Boolean(false));
    };
    // 2.
    let o = to_object(cx, this)?;
    // 3. The chain walk is a loop bounded by the chain's (acyclic) length.
    let mut p = v.get_prototype_of();
    while let Some(x) = p {
        if x.ptr_eq(o) {
            return Ok(Value::Boolean(true));
        }
        p = x.get_prototype_of();
    }
    Ok(Value::Boolean(false))
}

/// Object.prototype.propertyIsEnumerable
/// (<https://tc39.es/ecma262/#sec-object.prototype.propertyisenumerable>).
fn object_prototype_property_is_enumerable<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let key = to_property_key(cx, arg(args, 0))?;
    let o = to_object(cx, this)?;
    // 3. Let desc be ? O.[[GetOwnProperty]](P).
    Ok(Value::Boolean(
        own_property(cx, o, key)?.is_some_and(|p| p.attrs.enumerable()),
    ))
}

/// Object.prototype.toLocaleString (<https://tc39.es/ecma262/#sec-object.prototype.tolocalestring>):
/// Invoke(this, "toString").
fn object_prototype_to_locale_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let k = cx.key("toString");
    let f = super::object_ops::get_v(cx, this, k)?;
    // The call runs in the interpreter's frames.
    cx.tail_call(f, this, Vec::new())
}

/// Object.prototype.toString (<https://tc39.es/ecma262/#sec-object.prototype.tostring>).
pub(crate) fn object_prototype_to_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1-2.
    match this {
        Value::Undefined => return Ok(cx.string("[object Undefined]")),
        Value::Null => return Ok(cx.string("[object Null]")),
        _ => {}
    }
    // 3.
    let o = to_object(cx, this)?;
    // 4-14. The builtinTag table.
    let builtin_tag = if is_array(Value::Object(o)) {
        "Array"
    } else {
        match &o.borrow().kind {
            ObjectKind::Arguments | ObjectKind::MappedArguments(_) => "Arguments",
            ObjectKind::Function(_) | ObjectKind::Native(_) | ObjectKind::Bound(_) => "Function",
            ObjectKind::Error => "Error",
            ObjectKind::Boolean(_) => "Boolean",
            ObjectKind::Number(_) => "Number",
            ObjectKind::String(_) => "String",
            _ => "Object",
        }
    };
    // 15-16.
    let key = PropertyKey::Symbol(cx.vm.symbols.to_string_tag);
    let tag = get(cx, o, key)?;
    let tag = match tag {
        Value::String(s) => s.to_std_string(cx.gcx()),
        _ => builtin_tag.to_string(),
    };
    Ok(cx.string(&format!("[object {tag}]")))
}

/// Object.prototype.valueOf (<https://tc39.es/ecma262/#sec-object.prototype.valueof>).
fn object_prototype_value_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    Ok(Value::Object(to_object(cx, this)?))
}

/// get Object.prototype.__proto__ (<https://tc39.es/ecma262/#sec-get-object.prototype.__proto__>).
fn object_prototype_get_proto<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let o = to_object(cx, this)?;
    Ok(o.get_prototype_of().map_or(Value::Null, Value::Object))
}

/// set Object.prototype.__proto__ (<https://tc39.es/ecma262/#sec-set-object.prototype.__proto__>).
fn object_prototype_set_proto<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1.
    let this = require_object_coercible(cx, this, "Object.prototype.__proto__")?;
    // 2.
    let proto = match arg(args, 0) {
        Value::Object(p) => Some(p),
        Value::Null => None,
        _ => return Ok(Value::Undefined),
    };
    // 3.
    let Value::Object(o) = this else {
        return Ok(Value::Undefined);
    };
    // 4-5.
    if !set_prototype_of(cx, o, proto) {
        return Err(cx.type_error("Object.prototype.__proto__: cannot set prototype"));
    }
    Ok(Value::Undefined)
}

fn define_accessor_b<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
    getter: bool,
) -> Res<'gc, Value<'gc>> {
    // 1.
    let o = to_object(cx, this)?;
    // 2.
    let f = match arg(args, 1) {
        Value::Object(f) if f.is_callable() => f,
        _ => return Err(cx.type_error("accessor must be a function")),
    };
    // 3.
    let mut desc = PropertyDescriptor {
        enumerable: Some(true),
        configurable: Some(true),
        ..Default::default()
    };
    if getter {
        desc.get = Some(Some(f));
    } else {
        desc.set = Some(Some(f));
    }
    // 4-5.
    let key = to_property_key(cx, arg(args, 0))?;
    if !define_own_property(cx, o, key, desc)? {
        return Err(cx.type_error("Cannot define accessor"));
    }
    Ok(Value::Undefined)
}

/// Object.prototype.__defineGetter__
/// (<https://tc39.es/ecma262/#sec-object.prototype.__defineGetter__>).
fn object_prototype_define_getter<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    define_accessor_b(cx, this, args, true)
}

/// Object.prototype.__defineSetter__
/// (<https://tc39.es/ecma262/#sec-object.prototype.__defineSetter__>).
fn object_prototype_define_setter<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    define_accessor_b(cx, this, args, false)
}

fn lookup_accessor_b<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
    getter: bool,
) -> Res<'gc, Value<'gc>> {
    // 1-2.
    let o = to_object(cx, this)?;
    let key = to_property_key(cx, arg(args, 0))?;
    // 3. Walk the chain (a loop, bounded by its acyclic length).
    let mut cur = Some(o);
    while let Some(obj) = cur {
        if let Some(p) = own_property(cx, obj, key)? {
            return Ok(match p.slot {
                crate::object::Slot::Accessor { get, set } => {
                    let f = if getter { get } else { set };
                    f.map_or(Value::Undefined, Value::Object)
                }
                crate::object::Slot::Data(_) => Value::Undefined,
            });
        }
        cur = obj.get_prototype_of();
    }
    Ok(Value::Undefined)
}

/// Object.prototype.__lookupGetter__
/// (<https://tc39.es/ecma262/#sec-object.prototype.__lookupGetter__>).
fn object_prototype_lookup_getter<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    lookup_accessor_b(cx, this, args, true)
}

/// Object.prototype.__lookupSetter__
/// (<https://tc39.es/ecma262/#sec-object.prototype.__lookupSetter__>).
fn object_prototype_lookup_setter<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    lookup_accessor_b(cx, this, args, false)
}
