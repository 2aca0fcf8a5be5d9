//! Abstract operations for native built-ins (<https://tc39.es/ecma262/#sec-abstract-operations>)
//! that may call back into script on the Rust stack (getters, setters, `valueOf`/`toString`,
//! iterators), plus the deadline poll and heap charge that native loops need.

use moat_bytecode::isa::ErrorKind;

use crate::cont::Hint;
use crate::function::NativeCtx;
use crate::interp::StopReason;
use crate::object::{Lookup, Object, ObjectKind, PropertyDescriptor, SetOutcome};
use crate::ops;
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};

/// A native's completion: `Err` holds the thrown value.
pub(crate) type Res<'gc, T> = Result<T, Value<'gc>>;

/// 2^53 - 1, the largest length an array-like may have.
pub(crate) const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// How many loop iterations pass between two deadline polls.
const POLL_INTERVAL: u32 = 1024;

/// Stop the whole evaluation for `reason`: the interpreter sees `vm.stop` and unwinds; the
/// returned value is what the native throws meanwhile.
fn stop<'gc>(cx: &mut NativeCtx<'gc, '_>, reason: StopReason) -> Value<'gc> {
    cx.vm.stop = Some(reason);
    Value::Undefined
}

/// A counter that checks the deadline, interrupt flag and heap limit every few iterations of a
/// native loop over a script-chosen length (an instruction budget never sees such loops).
#[derive(Default)]
pub(crate) struct Poller {
    count: u32,
}

impl Poller {
    pub(crate) fn tick<'gc>(&mut self, cx: &mut NativeCtx<'gc, '_>) -> Res<'gc, ()> {
        self.count = self.count.wrapping_add(1);
        if !self.count.is_multiple_of(POLL_INTERVAL) {
            return Ok(());
        }
        poll(cx)
    }
}

/// Check the deadline, interrupt flag and heap limit now.
pub(crate) fn poll<'gc>(cx: &mut NativeCtx<'gc, '_>) -> Res<'gc, ()> {
    if let Some(r) = cx.vm.stop {
        return Err(stop(cx, r));
    }
    if let Some(r) = cx.vm.budget.check() {
        return Err(stop(cx, r));
    }
    let account = cx.gcx().account;
    if account.used() > account.limit() {
        return Err(stop(cx, StopReason::HeapLimit));
    }
    Ok(())
}

/// Refuse (ending the evaluation with the heap-limit reason) when `bytes` more would not fit
/// under the heap limit. Called before a script-sized allocation.
pub(crate) fn charge<'gc>(cx: &mut NativeCtx<'gc, '_>, bytes: usize) -> Res<'gc, ()> {
    if cx.gcx().account.check(bytes).is_err() {
        return Err(stop(cx, StopReason::HeapLimit));
    }
    Ok(())
}

/// RequireObjectCoercible (<https://tc39.es/ecma262/#sec-requireobjectcoercible>): a TypeError
/// naming `method` for null and undefined.
pub(crate) fn require_object_coercible<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
    method: &str,
) -> Res<'gc, Value<'gc>> {
    if v.is_nullish() || v.is_empty() {
        return Err(cx.type_error(&format!("{method} called on null or undefined")));
    }
    Ok(v)
}

/// A RangeError from the running function's realm.
pub(crate) fn range_error<'gc>(cx: &mut NativeCtx<'gc, '_>, message: &str) -> Value<'gc> {
    cx.error(ErrorKind::RangeError, message)
}

/// IsCallable (<https://tc39.es/ecma262/#sec-iscallable>).
pub(crate) fn is_callable(v: Value<'_>) -> bool {
    v.as_object().is_some_and(|o| o.is_callable())
}

/// IsConstructor (<https://tc39.es/ecma262/#sec-isconstructor>).
pub(crate) fn is_constructor(v: Value<'_>) -> bool {
    v.as_object().is_some_and(|o| o.is_constructor())
}

/// IsArray (<https://tc39.es/ecma262/#sec-isarray>); there are no proxies yet.
pub(crate) fn is_array(v: Value<'_>) -> bool {
    v.as_object().is_some_and(|o| o.is_array())
}

/// The property key of an integral index: an array index key below 2^32 - 1, a string key above.
pub(crate) fn index_key<'gc>(cx: &mut NativeCtx<'gc, '_>, index: f64) -> PropertyKey<'gc> {
    if (0.0..4_294_967_295.0).contains(&index) {
        PropertyKey::Index(index as u32)
    } else {
        cx.key(&ops::number_to_string(index))
    }
}

/// Get(O, P) (<https://tc39.es/ecma262/#sec-get-o-p>).
pub(crate) fn get<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
) -> Res<'gc, Value<'gc>> {
    match o.get(cx.gcx(), key) {
        Lookup::Value(v) => Ok(v),
        Lookup::Getter(g) => cx.call(Value::Object(g), Value::Object(o), &[]),
    }
}

/// GetV(V, P) (<https://tc39.es/ecma262/#sec-getv>).
pub(crate) fn get_v<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
    key: PropertyKey<'gc>,
) -> Res<'gc, Value<'gc>> {
    match cx.vm.get_value(v, key)? {
        Lookup::Value(r) => Ok(r),
        Lookup::Getter(g) => cx.call(Value::Object(g), v, &[]),
    }
}

/// GetMethod(V, P) (<https://tc39.es/ecma262/#sec-getmethod>): undefined for null/undefined.
pub(crate) fn get_method<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
    key: PropertyKey<'gc>,
) -> Res<'gc, Value<'gc>> {
    let f = get_v(cx, v, key)?;
    if f.is_nullish() {
        return Ok(Value::Undefined);
    }
    if !is_callable(f) {
        return Err(cx.type_error("method is not a function"));
    }
    Ok(f)
}

/// Set(O, P, V, Throw) (<https://tc39.es/ecma262/#sec-set-o-p-v-throw>).
pub(crate) fn set<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
    v: Value<'gc>,
    throw: bool,
) -> Res<'gc, ()> {
    match o.set(cx.gcx(), key, v, Value::Object(o)) {
        Ok(SetOutcome::Done(true)) => Ok(()),
        Ok(SetOutcome::Done(false)) => {
            if throw {
                Err(cx.type_error("Cannot assign to read only property"))
            } else {
                Ok(())
            }
        }
        Ok(SetOutcome::CallSetter(s)) => cx
            .call(Value::Object(s), Value::Object(o), &[v])
            .map(|_| ()),
        Ok(SetOutcome::ArrayLength(a)) => {
            let desc = PropertyDescriptor {
                value: Some(v),
                ..Default::default()
            };
            if !super::object_ops::define_own_property(cx, a, key, desc)? && throw {
                return Err(cx.type_error("Cannot assign to read only property"));
            }
            Ok(())
        }
        Err(e) => Err(cx.error(e.kind, e.message)),
    }
}

/// CreateDataProperty (<https://tc39.es/ecma262/#sec-createdataproperty>).
pub(crate) fn create_data_property<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
    v: Value<'gc>,
) -> Res<'gc, bool> {
    define_property(cx, o, key, PropertyDescriptor::data(v, Attrs::DEFAULT))
}

/// [[DefineOwnProperty]] with its internal errors turned into error objects.
pub(crate) fn define_property<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
    desc: PropertyDescriptor<'gc>,
) -> Res<'gc, bool> {
    match o.define_own_property(cx.gcx(), key, desc) {
        Ok(b) => Ok(b),
        Err(e) => Err(cx.error(e.kind, e.message)),
    }
}

/// CreateDataPropertyOrThrow (<https://tc39.es/ecma262/#sec-createdatapropertyorthrow>).
pub(crate) fn create_data_property_or_throw<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
    v: Value<'gc>,
) -> Res<'gc, ()> {
    if create_data_property(cx, o, key, v)? {
        Ok(())
    } else {
        Err(cx.type_error("Cannot define property"))
    }
}

/// CreateNonEnumerableDataPropertyOrThrow
/// (<https://tc39.es/ecma262/#sec-createnonenumerabledatapropertyorthrow>).
pub(crate) fn create_non_enumerable_data_property_or_throw<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
    v: Value<'gc>,
) -> Res<'gc, ()> {
    if define_property(cx, o, key, PropertyDescriptor::data(v, Attrs::HIDDEN))? {
        Ok(())
    } else {
        Err(cx.type_error("Cannot define property"))
    }
}

/// DeletePropertyOrThrow (<https://tc39.es/ecma262/#sec-deletepropertyorthrow>).
pub(crate) fn delete_property_or_throw<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
) -> Res<'gc, ()> {
    if o.delete(cx.gcx(), key) {
        Ok(())
    } else {
        Err(cx.type_error("Cannot delete property"))
    }
}

/// ToPrimitive (<https://tc39.es/ecma262/#sec-toprimitive>) with OrdinaryToPrimitive.
pub(crate) fn to_primitive<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
    hint: Hint,
) -> Res<'gc, Value<'gc>> {
    let Value::Object(o) = v else {
        return Ok(v);
    };
    // 1.a-b. @@toPrimitive.
    let key = PropertyKey::Symbol(cx.vm.symbols.to_primitive);
    let exotic = get_method(cx, v, key)?;
    if !exotic.is_undefined() {
        let h = match hint {
            Hint::Default => "default",
            Hint::Number => "number",
            Hint::String => "string",
        };
        let h = cx.string(h);
        let r = cx.call(exotic, v, &[h])?;
        if matches!(r, Value::Object(_)) {
            return Err(cx.type_error("Cannot convert object to primitive value"));
        }
        return Ok(r);
    }
    // 1.d. OrdinaryToPrimitive (<https://tc39.es/ecma262/#sec-ordinarytoprimitive>).
    let (ts, vo) = (cx.vm.names.to_string, cx.vm.names.value_of);
    let order = if hint == Hint::String {
        [ts, vo]
    } else {
        [vo, ts]
    };
    for name in order {
        let m = get(cx, o, name)?;
        if is_callable(m) {
            let r = cx.call(m, v, &[])?;
            if !matches!(r, Value::Object(_)) {
                return Ok(r);
            }
        }
    }
    Err(cx.type_error("Cannot convert object to primitive value"))
}

/// ToString (<https://tc39.es/ecma262/#sec-tostring>).
pub(crate) fn to_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
) -> Res<'gc, JsString<'gc>> {
    let p = match v {
        Value::String(s) => return Ok(s),
        Value::Object(_) => to_primitive(cx, v, Hint::String)?,
        other => other,
    };
    match p {
        Value::Symbol(_) => Err(cx.type_error("Cannot convert a Symbol value to a string")),
        other => match ops::to_string_primitive(cx.gcx(), other) {
            Some(s) => Ok(s),
            None => Err(cx.type_error("Cannot convert value to a string")),
        },
    }
}

/// ToNumber (<https://tc39.es/ecma262/#sec-tonumber>).
pub(crate) fn to_number<'gc>(cx: &mut NativeCtx<'gc, '_>, v: Value<'gc>) -> Res<'gc, f64> {
    let p = match v {
        Value::Number(n) => return Ok(n),
        Value::Object(_) => to_primitive(cx, v, Hint::Number)?,
        other => other,
    };
    match p {
        Value::Symbol(_) => Err(cx.type_error("Cannot convert a Symbol value to a number")),
        Value::BigInt(_) => Err(cx.type_error("Cannot convert a BigInt value to a number")),
        other => match ops::to_number_primitive(cx.gcx(), other) {
            Some(n) => Ok(n),
            None => Err(cx.type_error("Cannot convert value to a number")),
        },
    }
}

/// ToIntegerOrInfinity (<https://tc39.es/ecma262/#sec-tointegerorinfinity>).
pub(crate) fn to_integer_or_infinity<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
) -> Res<'gc, f64> {
    let n = to_number(cx, v)?;
    Ok(integer_part(n))
}

/// The mathematical integer part of a Number (NaN and -0 become +0).
pub(crate) fn integer_part(n: f64) -> f64 {
    if n.is_nan() || n == 0.0 {
        0.0
    } else {
        n.trunc()
    }
}

/// ToLength (<https://tc39.es/ecma262/#sec-tolength>).
pub(crate) fn to_length<'gc>(cx: &mut NativeCtx<'gc, '_>, v: Value<'gc>) -> Res<'gc, f64> {
    let n = to_integer_or_infinity(cx, v)?;
    Ok(n.clamp(0.0, MAX_SAFE_INTEGER))
}

/// LengthOfArrayLike (<https://tc39.es/ecma262/#sec-lengthofarraylike>).
pub(crate) fn length_of_array_like<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
) -> Res<'gc, f64> {
    if let ObjectKind::Array(a) = &o.borrow().kind {
        return Ok(f64::from(a.length));
    }
    let k = cx.gcx().length;
    let v = get(cx, o, k)?;
    to_length(cx, v)
}

/// Construct(F, args, newTarget) on the Rust stack (<https://tc39.es/ecma262/#sec-construct>).
pub(crate) fn construct<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    f: Value<'gc>,
    args: &[Value<'gc>],
    new_target: Option<Object<'gc>>,
) -> Res<'gc, Value<'gc>> {
    cx.vm.construct_nested(f, args, new_target)
}

/// An iterator record (<https://tc39.es/ecma262/#sec-iterator-records>).
pub(crate) struct IteratorRecord<'gc> {
    pub iterator: Value<'gc>,
    pub next: Value<'gc>,
}

/// GetIteratorFromMethod (<https://tc39.es/ecma262/#sec-getiteratorfrommethod>).
pub(crate) fn get_iterator_from_method<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    obj: Value<'gc>,
    method: Value<'gc>,
) -> Res<'gc, IteratorRecord<'gc>> {
    let iterator = cx.call(method, obj, &[])?;
    if !matches!(iterator, Value::Object(_)) {
        return Err(cx.type_error("Result of the Symbol.iterator method is not an object"));
    }
    let nk = cx.vm.names.next;
    let next = get_v(cx, iterator, nk)?;
    Ok(IteratorRecord { iterator, next })
}

/// GetIterator(obj, sync) (<https://tc39.es/ecma262/#sec-getiterator>).
pub(crate) fn get_iterator<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    obj: Value<'gc>,
) -> Res<'gc, IteratorRecord<'gc>> {
    let key = PropertyKey::Symbol(cx.vm.symbols.iterator);
    let method = get_method(cx, obj, key)?;
    if method.is_undefined() {
        return Err(cx.type_error("object is not iterable"));
    }
    get_iterator_from_method(cx, obj, method)
}

/// IteratorStepValue (<https://tc39.es/ecma262/#sec-iteratorstepvalue>): `None` when done.
pub(crate) fn iterator_step_value<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    record: &IteratorRecord<'gc>,
) -> Res<'gc, Option<Value<'gc>>> {
    let r = cx.call(record.next, record.iterator, &[])?;
    let Value::Object(ro) = r else {
        return Err(cx.type_error("Iterator result is not an object"));
    };
    let dk = cx.vm.names.done;
    let done = get(cx, ro, dk)?;
    if ops::to_boolean(done) {
        return Ok(None);
    }
    let vk = cx.vm.names.value;
    get(cx, ro, vk).map(Some)
}

/// IteratorClose with a throw completion (<https://tc39.es/ecma262/#sec-iteratorclose>): errors
/// of `return` are dropped in favour of the original `error`, which is returned.
pub(crate) fn iterator_close_on_throw<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    record: &IteratorRecord<'gc>,
    error: Value<'gc>,
) -> Value<'gc> {
    if cx.vm.stop.is_some() {
        return error;
    }
    let rk = cx.key("return");
    if let Ok(ret) = get_method(cx, record.iterator, rk) {
        if !ret.is_undefined() {
            let _ = cx.call(ret, record.iterator, &[]);
        }
    }
    error
}

/// IteratorToList (<https://tc39.es/ecma262/#sec-iteratortolist>).
pub(crate) fn iterator_to_list<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    record: &IteratorRecord<'gc>,
) -> Res<'gc, Vec<Value<'gc>>> {
    let mut out = Vec::new();
    let mut poller = Poller::default();
    while let Some(v) = iterator_step_value(cx, record)? {
        poller.tick(cx)?;
        charge(cx, std::mem::size_of::<Value<'gc>>() * (out.len() + 1))?;
        out.push(v);
    }
    Ok(out)
}

/// CreateArrayFromList (<https://tc39.es/ecma262/#sec-createarrayfromlist>) in the running
/// function's realm.
pub(crate) fn create_array_from_list<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    values: &[Value<'gc>],
) -> Object<'gc> {
    let proto = cx.realm.intrinsics().array_prototype;
    let a = Object::new_array(cx.gcx(), Some(proto));
    for (i, v) in values.iter().enumerate() {
        a.put_data(cx.gcx(), PropertyKey::Index(i as u32), *v, Attrs::DEFAULT);
    }
    a
}
