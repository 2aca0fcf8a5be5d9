//! The Array constructor (<https://tc39.es/ecma262/#sec-array-constructor>), `Array.isArray`,
//! `Array.of`, `Array.from`, `Array[@@species]`, ArraySpeciesCreate, and the Array.prototype
//! methods that take no callback (the callback methods run their callbacks in VM frames and live
//! elsewhere). The Array Iterator, `values`/`keys`/`entries`/`@@iterator` and
//! %IteratorPrototype%[@@iterator] are the realm's own (`realm.rs`).

use crate::cont::ContStep;
use crate::function::{NativeCtx, NativeFn};
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::WellKnownSymbols;
use crate::object::{Object, ObjectKind, Property, PropertyDescriptor, Slot};
use crate::ops;
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};

use super::native_ops::{
    charge, construct, create_data_property_or_throw, define_property, delete_property_or_throw,
    get, get_iterator_from_method, get_method, index_key, is_array, is_callable, is_constructor,
    iterator_close_on_throw, iterator_step_value, length_of_array_like, range_error, set,
    to_integer_or_infinity, to_string, Poller, Res, MAX_SAFE_INTEGER,
};

/// The most arrays FlattenIntoArray may have open at once.
const MAX_FLATTEN_DEPTH: usize = 10_000;

/// Create %Array%, its static functions and the Array.prototype methods; bind `Array`.
pub(crate) fn install<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    symbols: &WellKnownSymbols<'gc>,
) {
    let intr = realm.intrinsics();
    let (ctor, proto) = (intr.array, intr.array_prototype);
    realm.make_native(gcx, ctor, array_constructor, Some(array_constructor));
    realm.set_function_props(gcx, interner, ctor, "Array", 1);
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
    realm.define_native_method(gcx, interner, ctor, "isArray", array_is_array, 1);
    realm.define_native_method(gcx, interner, ctor, "of", array_of, 0);
    realm.define_native_method(gcx, interner, ctor, "from", array_from, 1);
    realm.define_native_method(
        gcx,
        interner,
        ctor,
        "fromAsync",
        super::array_from_async::array_from_async,
        1,
    );
    let species = realm.new_native_function(
        gcx,
        interner,
        "get [Symbol.species]",
        0,
        array_species_getter,
        None,
        Value::Undefined,
    );
    ctor.borrow_mut(gcx.mc).write_own(
        gcx,
        PropertyKey::Symbol(symbols.species),
        Property {
            slot: Slot::Accessor {
                get: Some(species),
                set: None,
            },
            attrs: Attrs(Attrs::CONFIGURABLE),
        },
    );
    let methods: [(&str, NativeFn, u32); 21] = [
        ("at", array_prototype_at, 1),
        ("concat", array_prototype_concat, 1),
        ("copyWithin", array_prototype_copy_within, 2),
        ("fill", array_prototype_fill, 1),
        ("flat", array_prototype_flat, 0),
        ("includes", array_prototype_includes, 1),
        ("indexOf", array_prototype_index_of, 1),
        ("join", array_prototype_join, 1),
        ("lastIndexOf", array_prototype_last_index_of, 1),
        ("pop", array_prototype_pop, 0),
        ("push", array_prototype_push, 1),
        ("reverse", array_prototype_reverse, 0),
        ("shift", array_prototype_shift, 0),
        ("slice", array_prototype_slice, 2),
        ("splice", array_prototype_splice, 2),
        ("toLocaleString", array_prototype_to_locale_string, 0),
        ("toReversed", array_prototype_to_reversed, 0),
        ("toSpliced", array_prototype_to_spliced, 2),
        ("unshift", array_prototype_unshift, 1),
        ("with", array_prototype_with, 2),
        ("toString", array_prototype_to_string, 0),
    ];
    // %Object.prototype.toString%, the fallback of Array.prototype.toString.
    let ts = interner.key_str(gcx, "toString");
    let object_to_string = match intr.object_prototype.get(gcx, ts) {
        crate::object::Lookup::Value(v) => v,
        crate::object::Lookup::Getter(_) => Value::Undefined,
    };
    for (name, f, len) in methods {
        let data = if name == "toString" {
            object_to_string
        } else {
            Value::Undefined
        };
        let m = realm.new_native_function(gcx, interner, name, len, f, None, data);
        let k = interner.key_str(gcx, name);
        proto.put_data(gcx, k, Value::Object(m), Attrs::HIDDEN);
    }
    // Array.prototype[@@unscopables] (<https://tc39.es/ecma262/#sec-array.prototype-%symbol.unscopables%>).
    let unscopables = Object::new(gcx, None, ObjectKind::Ordinary);
    for name in [
        "at",
        "copyWithin",
        "entries",
        "fill",
        "find",
        "findIndex",
        "findLast",
        "findLastIndex",
        "flat",
        "flatMap",
        "includes",
        "keys",
        "toReversed",
        "toSorted",
        "toSpliced",
        "values",
    ] {
        let k = interner.key_str(gcx, name);
        unscopables.put_data(gcx, k, Value::Boolean(true), Attrs::DEFAULT);
    }
    proto.put_data(
        gcx,
        PropertyKey::Symbol(symbols.unscopables),
        Value::Object(unscopables),
        Attrs(Attrs::CONFIGURABLE),
    );
    realm.define_value(
        gcx,
        interner,
        realm.global(),
        "Array",
        Value::Object(ctor),
        Attrs::HIDDEN,
    );
}

fn arg<'gc>(args: &[Value<'gc>], i: usize) -> Value<'gc> {
    args.get(i).copied().unwrap_or(Value::Undefined)
}

/// ArrayCreate ( length [ , proto ] ) (<https://tc39.es/ecma262/#sec-arraycreate>).
pub(crate) fn array_create<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    length: f64,
    proto: Option<Object<'gc>>,
) -> Res<'gc, Object<'gc>> {
    // 1. Lengths past 2^32 - 1 are a RangeError.
    if length > 4_294_967_295.0 {
        return Err(range_error(cx, "Invalid array length"));
    }
    let proto = proto.unwrap_or(cx.realm.intrinsics().array_prototype);
    let a = Object::new_array(cx.gcx(), Some(proto));
    if length > 0.0 {
        let k = cx.gcx().length;
        let desc = PropertyDescriptor {
            value: Some(Value::Number(length)),
            ..Default::default()
        };
        define_property(cx, a, k, desc)?;
    }
    Ok(a)
}

/// ArraySpeciesCreate ( originalArray, length ) (<https://tc39.es/ecma262/#sec-arrayspeciescreate>)
/// for natives that finish on the Rust stack: the steps of
/// [`array_species_create_step`](super::array_iteration::array_species_create_step) with the
/// getters and the constructor nested.
pub(crate) fn array_species_create<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    original: Object<'gc>,
    length: f64,
) -> Res<'gc, Object<'gc>> {
    let mut stage = 0;
    let mut input = Value::Undefined;
    loop {
        let step = match super::array_iteration::array_species_create_step(
            cx, original, length, &mut stage, input,
        ) {
            Ok(a) => return Ok(a),
            Err(step) => step,
        };
        input = match step {
            ContStep::Call { callee, this, args } => cx.call(callee, this, &args)?,
            ContStep::Construct {
                callee,
                args,
                new_target,
            } => construct(cx, callee, &args, new_target)?,
            ContStep::Throw(e) => return Err(e),
            ContStep::Done(v) => v,
            ContStep::Push(_) | ContStep::RunModule { .. } => {
                return Err(cx.type_error("ArraySpeciesCreate: unexpected step"))
            }
        };
    }
}

/// Array ( ...values ) (<https://tc39.es/ecma262/#sec-array>).
pub(crate) fn array_constructor<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1-2. GetPrototypeFromConstructor(newTarget, "%Array.prototype%").
    let target = cx.new_target.unwrap_or(cx.callee);
    let pk = cx.vm.names.prototype;
    let proto = match get(cx, target, pk)? {
        Value::Object(p) => p,
        _ => {
            let realm = cx.vm.function_realm(target).unwrap_or(cx.realm);
            realm.intrinsics().array_prototype
        }
    };
    match args {
        // 4.
        [] => Ok(Value::Object(array_create(cx, 0.0, Some(proto))?)),
        // 5.
        [len] => {
            let a = array_create(cx, 0.0, Some(proto))?;
            let int_len = match *len {
                Value::Number(n) => {
                    let u = ops::to_uint32(n);
                    if f64::from(u) != n {
                        return Err(range_error(cx, "Invalid array length"));
                    }
                    f64::from(u)
                }
                other => {
                    create_data_property_or_throw(cx, a, PropertyKey::Index(0), other)?;
                    1.0
                }
            };
            let lk = cx.gcx().length;
            set(cx, a, lk, Value::Number(int_len), true)?;
            Ok(Value::Object(a))
        }
        // 6.
        values => {
            let a = array_create(cx, values.len() as f64, Some(proto))?;
            for (k, v) in values.iter().enumerate() {
                create_data_property_or_throw(cx, a, PropertyKey::Index(k as u32), *v)?;
            }
            Ok(Value::Object(a))
        }
    }
}

/// Array.isArray ( arg ) (<https://tc39.es/ecma262/#sec-array.isarray>).
pub(crate) fn array_is_array<'gc>(
    _cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    Ok(Value::Boolean(is_array(arg(args, 0))))
}

/// get Array [ @@species ] (<https://tc39.es/ecma262/#sec-get-array-%symbol.species%>).
fn array_species_getter<'gc>(
    _cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    Ok(this)
}

/// `IsConstructor(C) ? Construct(C, args) : ArrayCreate(len)`, shared by `of` and `from`.
fn construct_or_array<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    c: Value<'gc>,
    args: &[Value<'gc>],
    len: f64,
) -> Res<'gc, Object<'gc>> {
    if is_constructor(c) {
        match construct(cx, c, args, None)? {
            Value::Object(o) => Ok(o),
            _ => Err(cx.type_error("constructor returned a non-object")),
        }
    } else {
        array_create(cx, len, None)
    }
}

/// Array.of ( ...items ) (<https://tc39.es/ecma262/#sec-array.of>).
pub(crate) fn array_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let len = args.len() as f64;
    let a = construct_or_array(cx, this, &[Value::Number(len)], len)?;
    for (k, v) in args.iter().enumerate() {
        create_data_property_or_throw(cx, a, PropertyKey::Index(k as u32), *v)?;
    }
    let lk = cx.gcx().length;
    set(cx, a, lk, Value::Number(len), true)?;
    Ok(Value::Object(a))
}

/// Array.from ( items [ , mapper [ , thisArg ] ] ) (<https://tc39.es/ecma262/#sec-array.from>).
pub(crate) fn array_from<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (items, mapper, this_arg) = (arg(args, 0), arg(args, 1), arg(args, 2));
    // 2-3.
    let mapping = !mapper.is_undefined();
    if mapping && !is_callable(mapper) {
        return Err(cx.type_error("Array.from: the mapper is not a function"));
    }
    // 4-5. Iterables.
    let ik = PropertyKey::Symbol(cx.vm.symbols.iterator);
    let using_iterator = get_method(cx, items, ik)?;
    let mut poller = Poller::default();
    if !using_iterator.is_undefined() {
        let a = construct_or_array(cx, this, &[], 0.0)?;
        let record = get_iterator_from_method(cx, items, using_iterator)?;
        let mut k = 0.0;
        loop {
            poller.tick(cx)?;
            if k >= MAX_SAFE_INTEGER {
                let e = cx.type_error("Array.from: too many elements");
                return Err(iterator_close_on_throw(cx, &record, e));
            }
            let Some(next) = iterator_step_value(cx, &record)? else {
                let lk = cx.gcx().length;
                set(cx, a, lk, Value::Number(k), true)?;
                return Ok(Value::Object(a));
            };
            let mapped = if mapping {
                match cx.call(mapper, this_arg, &[next, Value::Number(k)]) {
                    Ok(v) => v,
                    Err(e) => return Err(iterator_close_on_throw(cx, &record, e)),
                }
            } else {
                next
            };
            let pk = index_key(cx, k);
            if let Err(e) = create_data_property_or_throw(cx, a, pk, mapped) {
                return Err(iterator_close_on_throw(cx, &record, e));
            }
            k += 1.0;
        }
    }
    // 6-13. Array-likes.
    let realm = cx.realm;
    let array_like = cx.vm.to_object_in(realm, items)?;
    let len = length_of_array_like(cx, array_like)?;
    let a = construct_or_array(cx, this, &[Value::Number(len)], len)?;
    let mut k = 0.0;
    while k < len {
        poller.tick(cx)?;
        let pk = index_key(cx, k);
        let v = get(cx, array_like, pk)?;
        let mapped = if mapping {
            cx.call(mapper, this_arg, &[v, Value::Number(k)])?
        } else {
            v
        };
        create_data_property_or_throw(cx, a, pk, mapped)?;
        k += 1.0;
    }
    let lk = cx.gcx().length;
    set(cx, a, lk, Value::Number(len), true)?;
    Ok(Value::Object(a))
}

/// ToObject(this value) and LengthOfArrayLike, the prologue of most methods.
fn this_and_len<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
) -> Res<'gc, (Object<'gc>, f64)> {
    let realm = cx.realm;
    let o = cx.vm.to_object_in(realm, this)?;
    let len = length_of_array_like(cx, o)?;
    Ok((o, len))
}

/// A relative index argument resolved against `len`: negative counts from the end, clamped to
/// `[0, len]` (the shared steps of slice, fill, copyWithin, splice...).
fn relative_index<'gc>(cx: &mut NativeCtx<'gc, '_>, v: Value<'gc>, len: f64) -> Res<'gc, f64> {
    let r = to_integer_or_infinity(cx, v)?;
    Ok(if r < 0.0 {
        (len + r).max(0.0)
    } else {
        r.min(len)
    })
}

/// An optional end argument: `len` when undefined.
fn relative_end<'gc>(cx: &mut NativeCtx<'gc, '_>, v: Value<'gc>, len: f64) -> Res<'gc, f64> {
    if v.is_undefined() {
        Ok(len)
    } else {
        relative_index(cx, v, len)
    }
}

fn set_length<'gc>(cx: &mut NativeCtx<'gc, '_>, o: Object<'gc>, len: f64) -> Res<'gc, ()> {
    let lk = cx.gcx().length;
    set(cx, o, lk, Value::Number(len), true)
}

/// Array.prototype.at ( index ) (<https://tc39.es/ecma262/#sec-array.prototype.at>).
pub(crate) fn array_prototype_at<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    let rel = to_integer_or_infinity(cx, arg(args, 0))?;
    let k = if rel >= 0.0 { rel } else { len + rel };
    if k < 0.0 || k >= len {
        return Ok(Value::Undefined);
    }
    let pk = index_key(cx, k);
    get(cx, o, pk)
}

/// IsConcatSpreadable ( O ) (<https://tc39.es/ecma262/#sec-isconcatspreadable>).
fn is_concat_spreadable<'gc>(cx: &mut NativeCtx<'gc, '_>, v: Value<'gc>) -> Res<'gc, bool> {
    let Value::Object(o) = v else {
        return Ok(false);
    };
    let sk = PropertyKey::Symbol(cx.vm.symbols.is_concat_spreadable);
    let spreadable = get(cx, o, sk)?;
    if !spreadable.is_undefined() {
        return Ok(ops::to_boolean(spreadable));
    }
    Ok(is_array(v))
}

/// Array.prototype.concat ( ...items ) (<https://tc39.es/ecma262/#sec-array.prototype.concat>).
pub(crate) fn array_prototype_concat<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1-2.
    let realm = cx.realm;
    let o = cx.vm.to_object_in(realm, this)?;
    let a = array_species_create(cx, o, 0.0)?;
    // 3-5.
    let mut n = 0.0;
    let mut poller = Poller::default();
    let items = std::iter::once(Value::Object(o)).chain(args.iter().copied());
    for e in items {
        if is_concat_spreadable(cx, e)? {
            let Value::Object(eo) = e else {
                continue;
            };
            let len = length_of_array_like(cx, eo)?;
            if n + len > MAX_SAFE_INTEGER {
                return Err(cx.type_error("Array.prototype.concat: result too long"));
            }
            let mut k = 0.0;
            while k < len {
                poller.tick(cx)?;
                let pk = index_key(cx, k);
                if eo.has_property(cx.gcx(), pk) {
                    let sub = get(cx, eo, pk)?;
                    let nk = index_key(cx, n);
                    create_data_property_or_throw(cx, a, nk, sub)?;
                }
                n += 1.0;
                k += 1.0;
            }
        } else {
            if n >= MAX_SAFE_INTEGER {
                return Err(cx.type_error("Array.prototype.concat: result too long"));
            }
            let nk = index_key(cx, n);
            create_data_property_or_throw(cx, a, nk, e)?;
            n += 1.0;
        }
    }
    // 6.
    set_length(cx, a, n)?;
    Ok(Value::Object(a))
}

/// Move `o[from]` to `o[to]`, deleting `o[to]` when `from` is a hole (the inner step of
/// copyWithin, shift, splice and unshift).
fn move_element<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    from: f64,
    to: f64,
) -> Res<'gc, ()> {
    let fk = index_key(cx, from);
    let tk = index_key(cx, to);
    if o.has_property(cx.gcx(), fk) {
        let v = get(cx, o, fk)?;
        set(cx, o, tk, v, true)
    } else {
        delete_property_or_throw(cx, o, tk)
    }
}

/// Array.prototype.copyWithin ( target, start [ , end ] )
/// (<https://tc39.es/ecma262/#sec-array.prototype.copywithin>).
pub(crate) fn array_prototype_copy_within<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    // 3-11.
    let mut to = relative_index(cx, arg(args, 0), len)?;
    let mut from = relative_index(cx, arg(args, 1), len)?;
    let fin = relative_end(cx, arg(args, 2), len)?;
    let mut count = (fin - from).min(len - to);
    // 12-13. Copy backwards when the ranges overlap that way.
    let direction = if from < to && to < from + count {
        from += count - 1.0;
        to += count - 1.0;
        -1.0
    } else {
        1.0
    };
    let mut poller = Poller::default();
    while count > 0.0 {
        poller.tick(cx)?;
        move_element(cx, o, from, to)?;
        from += direction;
        to += direction;
        count -= 1.0;
    }
    Ok(Value::Object(o))
}

/// Array.prototype.fill ( value [ , start [ , end ] ] )
/// (<https://tc39.es/ecma262/#sec-array.prototype.fill>).
pub(crate) fn array_prototype_fill<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    let value = arg(args, 0);
    let mut k = relative_index(cx, arg(args, 1), len)?;
    let fin = relative_end(cx, arg(args, 2), len)?;
    let mut poller = Poller::default();
    while k < fin {
        poller.tick(cx)?;
        let pk = index_key(cx, k);
        set(cx, o, pk, value, true)?;
        k += 1.0;
    }
    Ok(Value::Object(o))
}

/// One source array FlattenIntoArray is walking.
struct FlattenFrame<'gc> {
    source: Object<'gc>,
    len: f64,
    index: f64,
    depth: f64,
}

/// FlattenIntoArray without a mapper (<https://tc39.es/ecma262/#sec-flattenintoarray>), with
/// the recursion on nested arrays kept on an explicit, bounded stack.
fn flatten_into_array<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    target: Object<'gc>,
    source: Object<'gc>,
    len: f64,
    depth: f64,
) -> Res<'gc, ()> {
    let mut target_index = 0.0;
    let mut stack = vec![FlattenFrame {
        source,
        len,
        index: 0.0,
        depth,
    }];
    let mut poller = Poller::default();
    while let Some(top) = stack.last_mut() {
        poller.tick(cx)?;
        if top.index >= top.len {
            stack.pop();
            continue;
        }
        let (src, idx, d) = (top.source, top.index, top.depth);
        top.index += 1.0;
        let pk = index_key(cx, idx);
        if !src.has_property(cx.gcx(), pk) {
            continue;
        }
        let element = get(cx, src, pk)?;
        // 3.c.iv-v. Nested arrays flatten while depth remains.
        if d > 0.0 && is_array(element) {
            if let Value::Object(eo) = element {
                let elen = length_of_array_like(cx, eo)?;
                if stack.len() >= MAX_FLATTEN_DEPTH {
                    return Err(range_error(cx, "Array.prototype.flat: nesting too deep"));
                }
                stack.push(FlattenFrame {
                    source: eo,
                    len: elen,
                    index: 0.0,
                    depth: d - 1.0,
                });
                continue;
            }
        }
        if target_index >= MAX_SAFE_INTEGER {
            return Err(cx.type_error("Array.prototype.flat: result too long"));
        }
        let tk = index_key(cx, target_index);
        create_data_property_or_throw(cx, target, tk, element)?;
        target_index += 1.0;
    }
    Ok(())
}

/// Array.prototype.flat ( [ depth ] ) (<https://tc39.es/ecma262/#sec-array.prototype.flat>).
pub(crate) fn array_prototype_flat<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    let depth = arg(args, 0);
    let depth_num = if depth.is_undefined() {
        1.0
    } else {
        to_integer_or_infinity(cx, depth)?.max(0.0)
    };
    let a = array_species_create(cx, o, 0.0)?;
    flatten_into_array(cx, a, o, len, depth_num)?;
    Ok(Value::Object(a))
}

/// The start index of includes/indexOf from `fromIndex`, or `None` when the search is empty.
fn search_start<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    from: Value<'gc>,
    len: f64,
) -> Res<'gc, Option<f64>> {
    let n = to_integer_or_infinity(cx, from)?;
    if n == f64::INFINITY {
        return Ok(None);
    }
    let n = if n == f64::NEG_INFINITY { 0.0 } else { n };
    Ok(Some(if n >= 0.0 { n } else { (len + n).max(0.0) }))
}

/// SameValueZero (<https://tc39.es/ecma262/#sec-samevaluezero>).
fn same_value_zero<'gc>(gcx: Gcx<'gc>, a: Value<'gc>, b: Value<'gc>) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || (x.is_nan() && y.is_nan()),
        _ => ops::same_value(gcx, a, b),
    }
}

/// Array.prototype.includes ( searchElement [ , fromIndex ] )
/// (<https://tc39.es/ecma262/#sec-array.prototype.includes>).
pub(crate) fn array_prototype_includes<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    if len == 0.0 {
        return Ok(Value::Boolean(false));
    }
    let Some(mut k) = search_start(cx, arg(args, 1), len)? else {
        return Ok(Value::Boolean(false));
    };
    let target = arg(args, 0);
    let mut poller = Poller::default();
    while k < len {
        poller.tick(cx)?;
        let pk = index_key(cx, k);
        let e = get(cx, o, pk)?;
        if same_value_zero(cx.gcx(), target, e) {
            return Ok(Value::Boolean(true));
        }
        k += 1.0;
    }
    Ok(Value::Boolean(false))
}

/// Array.prototype.indexOf ( searchElement [ , fromIndex ] )
/// (<https://tc39.es/ecma262/#sec-array.prototype.indexof>).
pub(crate) fn array_prototype_index_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    if len == 0.0 {
        return Ok(Value::Number(-1.0));
    }
    let Some(mut k) = search_start(cx, arg(args, 1), len)? else {
        return Ok(Value::Number(-1.0));
    };
    let target = arg(args, 0);
    let mut poller = Poller::default();
    while k < len {
        poller.tick(cx)?;
        let pk = index_key(cx, k);
        if o.has_property(cx.gcx(), pk) {
            let e = get(cx, o, pk)?;
            if ops::strict_equals(cx.gcx(), target, e) {
                return Ok(Value::Number(k));
            }
        }
        k += 1.0;
    }
    Ok(Value::Number(-1.0))
}

/// Array.prototype.lastIndexOf ( searchElement [ , fromIndex ] )
/// (<https://tc39.es/ecma262/#sec-array.prototype.lastindexof>).
pub(crate) fn array_prototype_last_index_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    if len == 0.0 {
        return Ok(Value::Number(-1.0));
    }
    let n = if args.len() > 1 {
        to_integer_or_infinity(cx, arg(args, 1))?
    } else {
        len - 1.0
    };
    if n == f64::NEG_INFINITY {
        return Ok(Value::Number(-1.0));
    }
    let mut k = if n >= 0.0 { n.min(len - 1.0) } else { len + n };
    let target = arg(args, 0);
    let mut poller = Poller::default();
    while k >= 0.0 {
        poller.tick(cx)?;
        let pk = index_key(cx, k);
        if o.has_property(cx.gcx(), pk) {
            let e = get(cx, o, pk)?;
            if ops::strict_equals(cx.gcx(), target, e) {
                return Ok(Value::Number(k));
            }
        }
        k -= 1.0;
    }
    Ok(Value::Number(-1.0))
}

/// A growing string result, charged against the heap before it grows.
struct StringBuf {
    units: Vec<u16>,
}

impl StringBuf {
    fn push<'gc>(&mut self, cx: &mut NativeCtx<'gc, '_>, s: JsString<'gc>) -> Res<'gc, ()> {
        let n = s.len();
        if n == 0 {
            return Ok(());
        }
        let total = self.units.len().saturating_add(n);
        charge(cx, total.saturating_mul(2))?;
        if self.units.try_reserve(n).is_err() {
            return Err(charge(cx, usize::MAX).err().unwrap_or(Value::Undefined));
        }
        let units = s.to_utf16(cx.gcx());
        self.units.extend_from_slice(&units);
        Ok(())
    }
}

/// The shared loop of join and toLocaleString: each element converted by `convert`.
fn join_with<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    len: f64,
    sep: JsString<'gc>,
    convert: fn(&mut NativeCtx<'gc, '_>, Value<'gc>) -> Res<'gc, JsString<'gc>>,
) -> Res<'gc, Value<'gc>> {
    let mut buf = StringBuf { units: Vec::new() };
    let mut k = 0.0;
    let mut poller = Poller::default();
    while k < len {
        poller.tick(cx)?;
        if k > 0.0 {
            buf.push(cx, sep)?;
        }
        let pk = index_key(cx, k);
        let e = get(cx, o, pk)?;
        if !e.is_nullish() {
            let s = convert(cx, e)?;
            buf.push(cx, s)?;
        }
        k += 1.0;
    }
    Ok(Value::String(JsString::from_utf16(cx.gcx(), buf.units)))
}

/// Array.prototype.join ( separator ) (<https://tc39.es/ecma262/#sec-array.prototype.join>).
pub(crate) fn array_prototype_join<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    let sep = match arg(args, 0) {
        Value::Undefined => JsString::from_str(cx.gcx(), ","),
        s => to_string(cx, s)?,
    };
    join_with(cx, o, len, sep, to_string)
}

/// ToString(? Invoke(element, "toLocaleString")), the conversion of toLocaleString.
fn invoke_to_locale_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    e: Value<'gc>,
) -> Res<'gc, JsString<'gc>> {
    let k = cx.key("toLocaleString");
    let f = super::native_ops::get_v(cx, e, k)?;
    if !is_callable(f) {
        return Err(cx.type_error("toLocaleString is not a function"));
    }
    let r = cx.call(f, e, &[])?;
    to_string(cx, r)
}

/// Array.prototype.toLocaleString ( [ reserved1 [ , reserved2 ] ] )
/// (<https://tc39.es/ecma262/#sec-array.prototype.tolocalestring>).
pub(crate) fn array_prototype_to_locale_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    let sep = JsString::from_str(cx.gcx(), ",");
    join_with(cx, o, len, sep, invoke_to_locale_string)
}

/// Array.prototype.toString ( ) (<https://tc39.es/ecma262/#sec-array.prototype.tostring>).
pub(crate) fn array_prototype_to_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let realm = cx.realm;
    let array = cx.vm.to_object_in(realm, this)?;
    let jk = cx.key("join");
    let mut func = get(cx, array, jk)?;
    if !is_callable(func) {
        // %Object.prototype.toString%, captured at installation.
        func = cx.data();
    }
    cx.call(func, Value::Object(array), &[])
}

/// Array.prototype.pop ( ) (<https://tc39.es/ecma262/#sec-array.prototype.pop>).
pub(crate) fn array_prototype_pop<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    if len == 0.0 {
        set_length(cx, o, 0.0)?;
        return Ok(Value::Undefined);
    }
    let pk = index_key(cx, len - 1.0);
    let e = get(cx, o, pk)?;
    delete_property_or_throw(cx, o, pk)?;
    set_length(cx, o, len - 1.0)?;
    Ok(e)
}

/// Array.prototype.push ( ...items ) (<https://tc39.es/ecma262/#sec-array.prototype.push>).
pub(crate) fn array_prototype_push<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, mut len) = this_and_len(cx, this)?;
    if len + args.len() as f64 > MAX_SAFE_INTEGER {
        return Err(cx.type_error("Array.prototype.push: length exceeds 2^53 - 1"));
    }
    for v in args {
        let pk = index_key(cx, len);
        set(cx, o, pk, *v, true)?;
        len += 1.0;
    }
    set_length(cx, o, len)?;
    Ok(Value::Number(len))
}

/// Array.prototype.reverse ( ) (<https://tc39.es/ecma262/#sec-array.prototype.reverse>).
pub(crate) fn array_prototype_reverse<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    let middle = (len / 2.0).floor();
    let mut lower = 0.0;
    let mut poller = Poller::default();
    while lower != middle {
        poller.tick(cx)?;
        let upper = len - lower - 1.0;
        let (lk, uk) = (index_key(cx, lower), index_key(cx, upper));
        let lower_exists = o.has_property(cx.gcx(), lk);
        let lower_value = if lower_exists {
            get(cx, o, lk)?
        } else {
            Value::Undefined
        };
        let upper_exists = o.has_property(cx.gcx(), uk);
        let upper_value = if upper_exists {
            get(cx, o, uk)?
        } else {
            Value::Undefined
        };
        match (lower_exists, upper_exists) {
            (true, true) => {
                set(cx, o, lk, upper_value, true)?;
                set(cx, o, uk, lower_value, true)?;
            }
            (false, true) => {
                set(cx, o, lk, upper_value, true)?;
                delete_property_or_throw(cx, o, uk)?;
            }
            (true, false) => {
                delete_property_or_throw(cx, o, lk)?;
                set(cx, o, uk, lower_value, true)?;
            }
            (false, false) => {}
        }
        lower += 1.0;
    }
    Ok(Value::Object(o))
}

/// Array.prototype.shift ( ) (<https://tc39.es/ecma262/#sec-array.prototype.shift>).
pub(crate) fn array_prototype_shift<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    if len == 0.0 {
        set_length(cx, o, 0.0)?;
        return Ok(Value::Undefined);
    }
    let first = get(cx, o, PropertyKey::Index(0))?;
    let mut k = 1.0;
    let mut poller = Poller::default();
    while k < len {
        poller.tick(cx)?;
        move_element(cx, o, k, k - 1.0)?;
        k += 1.0;
    }
    let last = index_key(cx, len - 1.0);
    delete_property_or_throw(cx, o, last)?;
    set_length(cx, o, len - 1.0)?;
    Ok(first)
}

/// Array.prototype.slice ( start, end ) (<https://tc39.es/ecma262/#sec-array.prototype.slice>).
pub(crate) fn array_prototype_slice<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    let mut k = relative_index(cx, arg(args, 0), len)?;
    let fin = relative_end(cx, arg(args, 1), len)?;
    let count = (fin - k).max(0.0);
    let a = array_species_create(cx, o, count)?;
    let mut n = 0.0;
    let mut poller = Poller::default();
    while k < fin {
        poller.tick(cx)?;
        let pk = index_key(cx, k);
        if o.has_property(cx.gcx(), pk) {
            let v = get(cx, o, pk)?;
            let nk = index_key(cx, n);
            create_data_property_or_throw(cx, a, nk, v)?;
        }
        k += 1.0;
        n += 1.0;
    }
    set_length(cx, a, n)?;
    Ok(Value::Object(a))
}

/// Array.prototype.splice ( start, deleteCount, ...items )
/// (<https://tc39.es/ecma262/#sec-array.prototype.splice>).
pub(crate) fn array_prototype_splice<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    // 3-9.
    let start = relative_index(cx, arg(args, 0), len)?;
    let items = args.get(2..).unwrap_or(&[]);
    let item_count = items.len() as f64;
    let delete_count = match args.len() {
        0 => 0.0,
        1 => len - start,
        _ => to_integer_or_infinity(cx, arg(args, 1))?.clamp(0.0, len - start),
    };
    // 10.
    if len + item_count - delete_count > MAX_SAFE_INTEGER {
        return Err(cx.type_error("Array.prototype.splice: length exceeds 2^53 - 1"));
    }
    // 11-14. The removed elements.
    let a = array_species_create(cx, o, delete_count)?;
    let mut poller = Poller::default();
    let mut k = 0.0;
    while k < delete_count {
        poller.tick(cx)?;
        let from = index_key(cx, start + k);
        if o.has_property(cx.gcx(), from) {
            let v = get(cx, o, from)?;
            let tk = index_key(cx, k);
            create_data_property_or_throw(cx, a, tk, v)?;
        }
        k += 1.0;
    }
    set_length(cx, a, delete_count)?;
    // 15-17. Shift the tail.
    if item_count < delete_count {
        let mut k = start;
        while k < len - delete_count {
            poller.tick(cx)?;
            move_element(cx, o, k + delete_count, k + item_count)?;
            k += 1.0;
        }
        let mut k = len;
        while k > len - delete_count + item_count {
            poller.tick(cx)?;
            let pk = index_key(cx, k - 1.0);
            delete_property_or_throw(cx, o, pk)?;
            k -= 1.0;
        }
    } else if item_count > delete_count {
        let mut k = len - delete_count;
        while k > start {
            poller.tick(cx)?;
            move_element(cx, o, k + delete_count - 1.0, k + item_count - 1.0)?;
            k -= 1.0;
        }
    }
    // 18-19. The new items.
    for (i, v) in items.iter().enumerate() {
        let pk = index_key(cx, start + i as f64);
        set(cx, o, pk, *v, true)?;
    }
    // 20.
    set_length(cx, o, len - delete_count + item_count)?;
    Ok(Value::Object(a))
}

/// Array.prototype.toReversed ( ) (<https://tc39.es/ecma262/#sec-array.prototype.toreversed>).
pub(crate) fn array_prototype_to_reversed<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    let a = array_create(cx, len, None)?;
    let mut k = 0.0;
    let mut poller = Poller::default();
    while k < len {
        poller.tick(cx)?;
        let from = index_key(cx, len - k - 1.0);
        let v = get(cx, o, from)?;
        let pk = index_key(cx, k);
        create_data_property_or_throw(cx, a, pk, v)?;
        k += 1.0;
    }
    Ok(Value::Object(a))
}

/// Array.prototype.toSpliced ( start, skipCount, ...items )
/// (<https://tc39.es/ecma262/#sec-array.prototype.tospliced>).
pub(crate) fn array_prototype_to_spliced<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    // 3-10.
    let start = relative_index(cx, arg(args, 0), len)?;
    let items = args.get(2..).unwrap_or(&[]);
    let insert_count = items.len() as f64;
    let skip_count = match args.len() {
        0 => 0.0,
        1 => len - start,
        _ => to_integer_or_infinity(cx, arg(args, 1))?.clamp(0.0, len - start),
    };
    // 11-12.
    let new_len = len + insert_count - skip_count;
    if new_len > MAX_SAFE_INTEGER {
        return Err(cx.type_error("Array.prototype.toSpliced: length exceeds 2^53 - 1"));
    }
    // 13.
    let a = array_create(cx, new_len, None)?;
    // 14-18.
    let mut i = 0.0;
    let mut r = start + skip_count;
    let mut poller = Poller::default();
    while i < start {
        poller.tick(cx)?;
        let pk = index_key(cx, i);
        let v = get(cx, o, pk)?;
        create_data_property_or_throw(cx, a, pk, v)?;
        i += 1.0;
    }
    for v in items {
        let pk = index_key(cx, i);
        create_data_property_or_throw(cx, a, pk, *v)?;
        i += 1.0;
    }
    while i < new_len {
        poller.tick(cx)?;
        let from = index_key(cx, r);
        let v = get(cx, o, from)?;
        let pk = index_key(cx, i);
        create_data_property_or_throw(cx, a, pk, v)?;
        i += 1.0;
        r += 1.0;
    }
    Ok(Value::Object(a))
}

/// Array.prototype.unshift ( ...items ) (<https://tc39.es/ecma262/#sec-array.prototype.unshift>).
pub(crate) fn array_prototype_unshift<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    let count = args.len() as f64;
    if count > 0.0 {
        if len + count > MAX_SAFE_INTEGER {
            return Err(cx.type_error("Array.prototype.unshift: length exceeds 2^53 - 1"));
        }
        let mut k = len;
        let mut poller = Poller::default();
        while k > 0.0 {
            poller.tick(cx)?;
            move_element(cx, o, k - 1.0, k + count - 1.0)?;
            k -= 1.0;
        }
        for (j, v) in args.iter().enumerate() {
            let pk = index_key(cx, j as f64);
            set(cx, o, pk, *v, true)?;
        }
    }
    set_length(cx, o, len + count)?;
    Ok(Value::Number(len + count))
}

/// Array.prototype.with ( index, value ) (<https://tc39.es/ecma262/#sec-array.prototype.with>).
pub(crate) fn array_prototype_with<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (o, len) = this_and_len(cx, this)?;
    let rel = to_integer_or_infinity(cx, arg(args, 0))?;
    let actual = if rel >= 0.0 { rel } else { len + rel };
    if actual >= len || actual < 0.0 {
        return Err(range_error(cx, "Array.prototype.with: index out of range"));
    }
    let a = array_create(cx, len, None)?;
    let value = arg(args, 1);
    let mut k = 0.0;
    let mut poller = Poller::default();
    while k < len {
        poller.tick(cx)?;
        let pk = index_key(cx, k);
        let v = if k == actual { value } else { get(cx, o, pk)? };
        create_data_property_or_throw(cx, a, pk, v)?;
        k += 1.0;
    }
    Ok(Value::Object(a))
}
