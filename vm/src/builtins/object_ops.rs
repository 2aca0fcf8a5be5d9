//! Abstract operations for native built-ins (ECMA-262 §7): conversions, property access and
//! calls that may run script. Script reached from here (getters, setters, `valueOf`,
//! `toString`, `@@toPrimitive`) runs on the Rust stack through [`NativeCtx::call`], which
//! bounds the nesting and honours the deadline, interrupt and heap limits.

use crate::cont::Hint;
use crate::function::NativeCtx;
use crate::object::{Lookup, Object, PropertyDescriptor, SetOutcome, Slot};
use crate::ops;
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::value::{PropertyKey, Value};

/// The result type of natives: `Err` carries the thrown value.
pub(crate) use super::native_ops::Res;
// The spec operations both builtin groups need live once, in native_ops.
pub(crate) use super::native_ops::{
    charge, create_data_property_or_throw, get, get_v, index_key, is_array, is_callable,
    is_constructor, length_of_array_like, require_object_coercible, set, to_integer_or_infinity,
    to_number, to_primitive, to_string,
};

/// An error object of `kind` from the running native's realm, thrown for an internal-method
/// failure.
pub(crate) fn internal_error<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    e: crate::object::InternalError,
) -> Value<'gc> {
    cx.error(e.kind, e.message)
}

/// [[Get]] (<https://tc39.es/ecma262/#sec-get-o-p>) with `receiver`.
pub(crate) fn get_with_receiver<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
    receiver: Value<'gc>,
) -> Res<'gc, Value<'gc>> {
    match o.get(cx.gcx(), key) {
        Lookup::Value(v) => Ok(v),
        Lookup::Getter(g) => cx.call(Value::Object(g), receiver, &[]),
    }
}

/// Get(O, P) with a string key.
pub(crate) fn get_str<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    name: &str,
) -> Res<'gc, Value<'gc>> {
    let k = cx.key(name);
    get(cx, o, k)
}

/// [[Set]] with `receiver`, running a setter on the Rust stack; `Ok(false)` when refused.
pub(crate) fn set_with_receiver<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
    value: Value<'gc>,
    receiver: Value<'gc>,
) -> Res<'gc, bool> {
    match o.set(cx.gcx(), key, value, receiver) {
        Ok(SetOutcome::Done(b)) => Ok(b),
        Ok(SetOutcome::CallSetter(s)) => {
            cx.call(Value::Object(s), receiver, &[value])?;
            Ok(true)
        }
        // OrdinarySetWithOwnDescriptor 2.d.iv: Receiver.[[DefineOwnProperty]](P, {[[Value]]: V}).
        Ok(SetOutcome::ArrayLength(a)) => {
            let desc = PropertyDescriptor {
                value: Some(value),
                ..Default::default()
            };
            define_own_property(cx, a, key, desc)
        }
        Err(e) => Err(internal_error(cx, e)),
    }
}

/// ArraySetLength converts an object value with ToNumber twice before the internal method runs
/// (<https://tc39.es/ecma262/#sec-arraysetlength> steps 3-4); the object model expects a
/// primitive, so natives convert here.
fn array_length_value<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    target: Value<'gc>,
    key: PropertyKey<'gc>,
    value: Value<'gc>,
) -> Res<'gc, Value<'gc>> {
    let is_array_length =
        key == cx.gcx().length && target.as_object().is_some_and(|o| o.is_array());
    if !is_array_length || !matches!(value, Value::Object(_)) {
        return Ok(value);
    }
    let new_len = ops::to_uint32(to_number(cx, value)?);
    let number_len = to_number(cx, value)?;
    if f64::from(new_len) != number_len {
        return Err(cx.error(
            moat_bytecode::isa::ErrorKind::RangeError,
            "Invalid array length",
        ));
    }
    Ok(Value::Number(number_len))
}

/// [[DefineOwnProperty]] with the array `length` conversion done first.
pub(crate) fn define_own_property<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
    mut desc: PropertyDescriptor<'gc>,
) -> Res<'gc, bool> {
    if let Some(v) = desc.value {
        desc.value = Some(array_length_value(cx, Value::Object(o), key, v)?);
    }
    o.define_own_property(cx.gcx(), key, desc)
        .map_err(|e| internal_error(cx, e))
}

/// DefinePropertyOrThrow (<https://tc39.es/ecma262/#sec-definepropertyorthrow>).
pub(crate) fn define_property_or_throw<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
    desc: PropertyDescriptor<'gc>,
) -> Res<'gc, ()> {
    if define_own_property(cx, o, key, desc)? {
        Ok(())
    } else {
        Err(cx.type_error("Cannot define property"))
    }
}

/// ToPropertyKey (<https://tc39.es/ecma262/#sec-topropertykey>).
pub(crate) fn to_property_key<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
) -> Res<'gc, PropertyKey<'gc>> {
    let p = to_primitive(cx, v, Hint::String)?;
    cx.vm.to_property_key(p)
}

/// ToObject (<https://tc39.es/ecma262/#sec-toobject>) with wrappers from the native's realm.
pub(crate) fn to_object<'gc>(cx: &mut NativeCtx<'gc, '_>, v: Value<'gc>) -> Res<'gc, Object<'gc>> {
    let realm = cx.realm;
    cx.vm.to_object_in(realm, v)
}

/// Poll the deadline and interrupt from a native loop over a script-chosen length.
pub(crate) fn poll_limits<'gc>(cx: &mut NativeCtx<'gc, '_>) -> Res<'gc, ()> {
    if let Some(r) = cx.vm.budget.check() {
        cx.vm.stop = Some(r);
        return Err(Value::Undefined);
    }
    Ok(())
}

/// CreateArrayFromList (<https://tc39.es/ecma262/#sec-createarrayfromlist>) in `realm`.
pub(crate) fn create_array_from_list<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    realm: Realm<'gc>,
    values: &[Value<'gc>],
) -> Res<'gc, Object<'gc>> {
    charge(cx, values.len().saturating_mul(16))?;
    let a = Object::new_array(cx.gcx(), Some(realm.intrinsics().array_prototype));
    for (i, v) in values.iter().enumerate() {
        let Ok(i) = u32::try_from(i) else {
            return Err(cx.error(
                moat_bytecode::isa::ErrorKind::RangeError,
                "Invalid array length",
            ));
        };
        a.put_data(cx.gcx(), PropertyKey::Index(i), *v, Attrs::DEFAULT);
    }
    Ok(a)
}

/// CreateListFromArrayLike (<https://tc39.es/ecma262/#sec-createlistfromarraylike>), all types.
pub(crate) fn create_list_from_array_like<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
    property_keys_only: bool,
) -> Res<'gc, Vec<Value<'gc>>> {
    // 1-2.
    let Value::Object(o) = v else {
        return Err(cx.type_error("CreateListFromArrayLike called on a non-object"));
    };
    // 3.
    let len = length_of_array_like(cx, o)?;
    // The list is script-sized: charge it before reserving.
    let bytes = (len * 16.0).min(usize::MAX as f64) as usize;
    charge(cx, bytes)?;
    let mut list = Vec::new();
    if list.try_reserve(len as usize).is_err() {
        return Err(cx.error(
            moat_bytecode::isa::ErrorKind::RangeError,
            "Out of memory: list too long",
        ));
    }
    // 5-6.
    let mut index = 0.0;
    while index < len {
        if index % 4096.0 == 0.0 {
            poll_limits(cx)?;
        }
        let key = index_key(cx, index);
        let next = get(cx, o, key)?;
        if property_keys_only && !matches!(next, Value::String(_) | Value::Symbol(_)) {
            return Err(cx.type_error("CreateListFromArrayLike: element is not a property key"));
        }
        list.push(next);
        index += 1.0;
    }
    Ok(list)
}

/// SameValue (<https://tc39.es/ecma262/#sec-samevalue>).
pub(crate) fn same_value<'gc>(cx: &NativeCtx<'gc, '_>, a: Value<'gc>, b: Value<'gc>) -> bool {
    ops::same_value(cx.gcx(), a, b)
}

/// `? O.[[GetOwnProperty]](P)`: the own property of `o`, or `None`; an exotic object's throw
/// (a module namespace's binding in its TDZ) becomes an error of the native's realm. The one
/// place natives ask for an own property where the spec allows a throw.
pub(crate) fn own_property<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
) -> Res<'gc, Option<crate::object::Property<'gc>>> {
    o.get_own_property_checked(cx.gcx(), key)
        .map_err(|e| internal_error(cx, e))
}

/// `? O.[[GetOwnProperty]](P)` as a descriptor, or `None`.
pub(crate) fn get_own_property<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
) -> Res<'gc, Option<PropertyDescriptor<'gc>>> {
    Ok(own_property(cx, o, key)?.map(PropertyDescriptor::from_property))
}

/// Whether a property is an accessor.
pub(crate) fn is_accessor_slot(s: &Slot<'_>) -> bool {
    matches!(s, Slot::Accessor { .. })
}

/// An Iterator Record (<https://tc39.es/ecma262/#sec-iterator-records>).
#[derive(Clone, Copy)]
pub(crate) struct IteratorRecord<'gc> {
    pub iterator: Object<'gc>,
    pub next: Value<'gc>,
    pub done: bool,
}

/// GetIterator(obj, sync) (<https://tc39.es/ecma262/#sec-getiterator>).
pub(crate) fn get_iterator<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
) -> Res<'gc, IteratorRecord<'gc>> {
    let key = PropertyKey::Symbol(cx.vm.symbols.iterator);
    let method = get_v(cx, v, key)?;
    if !is_callable(method) {
        return Err(cx.type_error("object is not iterable"));
    }
    let it = cx.call(method, v, &[])?;
    let Value::Object(iterator) = it else {
        return Err(cx.type_error("Result of the Symbol.iterator method is not an object"));
    };
    let next = get_str(cx, iterator, "next")?;
    Ok(IteratorRecord {
        iterator,
        next,
        done: false,
    })
}

/// IteratorStepValue (<https://tc39.es/ecma262/#sec-iteratorstepvalue>): `None` when done.
pub(crate) fn iterator_step_value<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    rec: &mut IteratorRecord<'gc>,
) -> Res<'gc, Option<Value<'gc>>> {
    let r = cx.call(rec.next, Value::Object(rec.iterator), &[]);
    let r = match r {
        Ok(v) => v,
        Err(e) => {
            rec.done = true;
            return Err(e);
        }
    };
    let Value::Object(result) = r else {
        rec.done = true;
        return Err(cx.type_error("Iterator result is not an object"));
    };
    let done = match get_str(cx, result, "done") {
        Ok(d) => ops::to_boolean(d),
        Err(e) => {
            rec.done = true;
            return Err(e);
        }
    };
    if done {
        rec.done = true;
        return Ok(None);
    }
    match get_str(cx, result, "value") {
        Ok(v) => Ok(Some(v)),
        Err(e) => {
            rec.done = true;
            Err(e)
        }
    }
}

/// IteratorClose (<https://tc39.es/ecma262/#sec-iteratorclose>) for a throw completion: the
/// original error wins over anything `return` does.
pub(crate) fn iterator_close_throw<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    rec: &IteratorRecord<'gc>,
    error: Value<'gc>,
) -> Value<'gc> {
    if let Ok(ret) = get_str(cx, rec.iterator, "return") {
        if is_callable(ret) {
            let _ = cx.call(ret, Value::Object(rec.iterator), &[]);
        }
    }
    error
}
