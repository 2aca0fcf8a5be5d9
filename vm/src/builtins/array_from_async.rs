//! `Array.fromAsync` (<https://tc39.es/ecma262/#sec-array.fromasync>): an async built-in run as
//! a small state machine. AsyncFunctionStart's closure is cut at each Await: the state lives in
//! an internal record object, and each Await hands the promise two native reaction handlers that
//! carry the record and resume the machine from the job queue. The steps between two Awaits
//! call script on the Rust stack (a bounded number of calls each), so nothing nests across
//! iterations and every iteration costs the job queue a turn.

use crate::builtins::native_ops::{
    construct, create_data_property_or_throw, get, get_iterator_from_method, get_method, index_key,
    is_callable, is_constructor, length_of_array_like, set, Res, MAX_SAFE_INTEGER,
};
use crate::function::NativeCtx;
use crate::object::{Object, ObjectKind};
use crate::ops;
use crate::promise::{new_record, record_at, record_set, Handler};
use crate::value::{PropertyKey, Value};

/// Slots of the state record.
const S_PROMISE: u32 = 0;
const S_MAPPER: u32 = 1;
const S_THIS_ARG: u32 = 2;
const S_ARRAY: u32 = 3;
const S_ITERATOR: u32 = 4;
const S_NEXT: u32 = 5;
const S_ARRAY_LIKE: u32 = 6;
const S_LEN: u32 = 7;
const S_K: u32 = 8;
const S_PHASE: u32 = 9;
/// The throw completion an AsyncIteratorClose returns once its Await is over.
const S_ERROR: u32 = 10;
const S_ON_FULFILLED: u32 = 11;
const S_ON_REJECTED: u32 = 12;
const SLOTS: usize = 13;

/// Where the closure stands; the `Await…` phases resume with the awaited completion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Iterator step 3.j.iv.1-4: call `next`.
    IterNext,
    /// Steps 3.j.iv.5-9: the awaited `next` result.
    AwaitNext,
    /// Steps 3.j.iv.9.d-13: the (awaited) mapped value.
    AwaitMappedIter,
    /// AsyncIteratorClose's Await of `return()`'s result: then rethrow [`S_ERROR`].
    Closing,
    /// Array-like step 3.k.vii.1-3: Get the element.
    ArrayLikeNext,
    /// Step 3.k.vii.4: the awaited element.
    AwaitKValue,
    /// Steps 3.k.vii.5-7: the (awaited) mapped value.
    AwaitMappedArrayLike,
    /// The promise is settled.
    Finished,
}

impl Phase {
    const ALL: [Phase; 8] = [
        Phase::IterNext,
        Phase::AwaitNext,
        Phase::AwaitMappedIter,
        Phase::Closing,
        Phase::ArrayLikeNext,
        Phase::AwaitKValue,
        Phase::AwaitMappedArrayLike,
        Phase::Finished,
    ];

    fn to_value<'gc>(self) -> Value<'gc> {
        let i = Phase::ALL.iter().position(|p| *p == self).unwrap_or(7);
        Value::Number(i as f64)
    }

    fn from_value(v: Value<'_>) -> Phase {
        match v {
            Value::Number(n) => Phase::ALL
                .get(n as usize)
                .copied()
                .unwrap_or(Phase::Finished),
            _ => Phase::Finished,
        }
    }
}

/// The state record of one `Array.fromAsync` call.
#[derive(Clone, Copy)]
struct State<'gc> {
    rec: Object<'gc>,
}

impl<'gc> State<'gc> {
    fn at(self, cx: &NativeCtx<'gc, '_>, slot: u32) -> Value<'gc> {
        record_at(cx.vm, self.rec, slot)
    }
    fn put(self, cx: &NativeCtx<'gc, '_>, slot: u32, v: Value<'gc>) {
        record_set(cx.vm, self.rec, slot, v);
    }
    fn num(self, cx: &NativeCtx<'gc, '_>, slot: u32) -> f64 {
        match self.at(cx, slot) {
            Value::Number(n) => n,
            _ => 0.0,
        }
    }
    fn phase(self, cx: &NativeCtx<'gc, '_>) -> Phase {
        Phase::from_value(self.at(cx, S_PHASE))
    }
    fn set_phase(self, cx: &NativeCtx<'gc, '_>, p: Phase) {
        self.put(cx, S_PHASE, p.to_value());
    }
    fn array(self, cx: &NativeCtx<'gc, '_>) -> Option<Object<'gc>> {
        self.at(cx, S_ARRAY).as_object()
    }
}

fn arg<'gc>(args: &[Value<'gc>], i: usize) -> Value<'gc> {
    args.get(i).copied().unwrap_or(Value::Undefined)
}

/// Array.fromAsync ( asyncItems [ , mapper [ , thisArg ] ] )
/// (<https://tc39.es/ecma262/#sec-array.fromasync>).
pub(crate) fn array_from_async<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (items, mapper, this_arg) = (arg(args, 0), arg(args, 1), arg(args, 2));
    let realm = cx.realm;
    // 2. NewPromiseCapability(%Promise%) cannot run script: a plain pending promise.
    let promise = cx.vm.new_promise(realm);
    let mut slots = [Value::Undefined; SLOTS];
    slots[S_PROMISE as usize] = Value::Object(promise);
    slots[S_MAPPER as usize] = mapper;
    slots[S_THIS_ARG as usize] = this_arg;
    slots[S_K as usize] = Value::Number(0.0);
    let rec = new_record(cx.vm, &slots);
    let gcx = cx.gcx();
    let on_fulfilled = realm.new_native_function(
        gcx,
        &mut cx.vm.interner,
        "",
        1,
        on_fulfilled,
        None,
        Value::Object(rec),
    );
    let on_rejected = realm.new_native_function(
        gcx,
        &mut cx.vm.interner,
        "",
        1,
        on_rejected,
        None,
        Value::Object(rec),
    );
    let st = State { rec };
    st.put(cx, S_ON_FULFILLED, Value::Object(on_fulfilled));
    st.put(cx, S_ON_REJECTED, Value::Object(on_rejected));
    // 3-4. AsyncFunctionStart: the closure runs now, up to its first Await.
    let started = match start(cx, st, this, items) {
        Ok(()) => drive(cx, st, Ok(Value::Undefined)),
        Err(e) => Err(e),
    };
    settle_abrupt(cx, st, started)?;
    // 5.
    Ok(Value::Object(promise))
}

/// The closure's throw completion rejects the promise, unless the VM is stopping (deadline,
/// heap limit), which must keep unwinding.
fn settle_abrupt<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    st: State<'gc>,
    r: Res<'gc, ()>,
) -> Res<'gc, ()> {
    let Err(e) = r else {
        return Ok(());
    };
    if cx.vm.stop.is_some() {
        return Err(e);
    }
    st.set_phase(cx, Phase::Finished);
    if let Value::Object(p) = st.at(cx, S_PROMISE) {
        cx.vm.reject_promise(p, e);
    }
    Ok(())
}

/// The onFulfilled reaction of an Await: resume with a normal completion.
fn on_fulfilled<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    resume(cx, Ok(arg(args, 0)))
}

/// The onRejected reaction of an Await: resume with a throw completion.
fn on_rejected<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    resume(cx, Err(arg(args, 0)))
}

fn resume<'gc>(cx: &mut NativeCtx<'gc, '_>, input: Res<'gc, Value<'gc>>) -> Res<'gc, Value<'gc>> {
    let Value::Object(rec) = cx.data() else {
        return Ok(Value::Undefined);
    };
    let st = State { rec };
    let r = drive(cx, st, input);
    settle_abrupt(cx, st, r)?;
    Ok(Value::Undefined)
}

/// Steps 3.a-3.j.iii / 3.k.vi: validate the mapper, pick the iteration protocol, create `A`.
fn start<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    st: State<'gc>,
    c: Value<'gc>,
    items: Value<'gc>,
) -> Res<'gc, ()> {
    // a-b.
    let mapper = st.at(cx, S_MAPPER);
    if !mapper.is_undefined() && !is_callable(mapper) {
        return Err(cx.type_error("Array.fromAsync: the mapper is not a function"));
    }
    // c-d.
    let ak = PropertyKey::Symbol(cx.vm.symbols.async_iterator);
    let using_async = get_method(cx, items, ak)?;
    let using_sync = if using_async.is_undefined() {
        let ik = PropertyKey::Symbol(cx.vm.symbols.iterator);
        get_method(cx, items, ik)?
    } else {
        Value::Undefined
    };
    // e-i.
    let record = if !using_async.is_undefined() {
        let r = get_iterator_from_method(cx, items, using_async)?;
        Some((r.iterator, r.next))
    } else if !using_sync.is_undefined() {
        let r = get_iterator_from_method(cx, items, using_sync)?;
        Some(create_async_from_sync_iterator(cx, r.iterator, r.next)?)
    } else {
        None
    };
    if let Some((iterator, next)) = record {
        // j.i-ii.
        let a = construct_or_array(cx, c, &[], 0.0)?;
        st.put(cx, S_ARRAY, Value::Object(a));
        st.put(cx, S_ITERATOR, iterator);
        st.put(cx, S_NEXT, next);
        st.set_phase(cx, Phase::IterNext);
        return Ok(());
    }
    // k.i-iii. asyncItems is an array-like; ToObject cannot fail (GetMethod already threw for
    // undefined and null).
    let realm = cx.realm;
    let array_like = cx.vm.to_object_in(realm, items)?;
    let len = length_of_array_like(cx, array_like)?;
    // k.iv-v.
    let a = construct_or_array(cx, c, &[Value::Number(len)], len)?;
    st.put(cx, S_ARRAY, Value::Object(a));
    st.put(cx, S_ARRAY_LIKE, Value::Object(array_like));
    st.put(cx, S_LEN, Value::Number(len));
    st.set_phase(cx, Phase::ArrayLikeNext);
    Ok(())
}

/// CreateAsyncFromSyncIterator (<https://tc39.es/ecma262/#sec-createasyncfromsynciterator>):
/// the wrapper and its `next` method.
fn create_async_from_sync_iterator<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    iterator: Value<'gc>,
    next: Value<'gc>,
) -> Res<'gc, (Value<'gc>, Value<'gc>)> {
    let proto = cx
        .realm
        .intrinsics()
        .coro
        .async_from_sync_iterator_prototype;
    let wrapper = Object::new(
        cx.gcx(),
        Some(proto),
        ObjectKind::AsyncFromSyncIter(Box::new((iterator, next))),
    );
    let nk = cx.vm.names.next;
    let wnext = get(cx, wrapper, nk)?;
    Ok((Value::Object(wrapper), wnext))
}

/// `IsConstructor(C) ? Construct(C, args) : ArrayCreate(len)`.
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
        crate::builtins::array::array_create(cx, len, None)
    }
}

/// Await(v) (<https://tc39.es/ecma262/#await>) without a coroutine: PromiseResolve(%Promise%,
/// v), then the state's handlers as its reactions. `Err` when PromiseResolve throws.
fn await_value<'gc>(cx: &mut NativeCtx<'gc, '_>, st: State<'gc>, v: Value<'gc>) -> Res<'gc, ()> {
    let realm = cx.realm;
    let p = cx.vm.promise_resolve_intrinsic(realm, v)?;
    let (f, r) = (st.at(cx, S_ON_FULFILLED), st.at(cx, S_ON_REJECTED));
    cx.vm.perform_then(p, Handler::Js(f), Handler::Js(r), None);
    Ok(())
}

/// The closure's return completion: resolve the promise with `A`.
fn finish<'gc>(cx: &mut NativeCtx<'gc, '_>, st: State<'gc>, a: Object<'gc>) -> Res<'gc, ()> {
    st.set_phase(cx, Phase::Finished);
    if let Value::Object(p) = st.at(cx, S_PROMISE) {
        cx.vm.resolve_promise(p, Value::Object(a));
    }
    Ok(())
}

/// Run the closure from its current phase with `input` (the completion of the Await it was
/// suspended at) until the next Await (`Ok`), its return (`Ok`, promise resolved) or its throw
/// (`Err`).
fn drive<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    st: State<'gc>,
    input: Res<'gc, Value<'gc>>,
) -> Res<'gc, ()> {
    let mut input = input;
    let Some(a) = st.array(cx) else {
        return Ok(());
    };
    let mapper = st.at(cx, S_MAPPER);
    let mapping = !mapper.is_undefined();
    loop {
        let k = st.num(cx, S_K);
        match st.phase(cx) {
            Phase::Finished => return Ok(()),
            Phase::IterNext => {
                // 1. The 2^53 - 1 limit.
                if k >= MAX_SAFE_INTEGER {
                    let e = cx.type_error("Array.fromAsync: too many elements");
                    return async_iterator_close(cx, st, e);
                }
                // 3-4.
                let (iterator, next) = (st.at(cx, S_ITERATOR), st.at(cx, S_NEXT));
                let r = cx.call(next, iterator, &[])?;
                st.set_phase(cx, Phase::AwaitNext);
                match await_value(cx, st, r) {
                    Ok(()) => return Ok(()),
                    Err(e) => input = Err(e),
                }
            }
            Phase::AwaitNext => {
                // 5.
                let Value::Object(ro) = input? else {
                    return Err(cx.type_error("Iterator result is not an object"));
                };
                // 6-7. IteratorComplete.
                let dk = cx.vm.names.done;
                if ops::to_boolean(get(cx, ro, dk)?) {
                    let lk = cx.gcx().length;
                    set(cx, a, lk, Value::Number(k), true)?;
                    return finish(cx, st, a);
                }
                // 8. IteratorValue.
                let vk = cx.vm.names.value;
                let v = get(cx, ro, vk)?;
                st.set_phase(cx, Phase::AwaitMappedIter);
                if !mapping {
                    // 10.
                    input = Ok(v);
                    continue;
                }
                // 9.a-b. IfAbruptCloseAsyncIterator.
                let this_arg = st.at(cx, S_THIS_ARG);
                let m = match cx.call(mapper, this_arg, &[v, Value::Number(k)]) {
                    Ok(m) => m,
                    Err(e) => return async_iterator_close(cx, st, e),
                };
                // 9.c.
                match await_value(cx, st, m) {
                    Ok(()) => return Ok(()),
                    Err(e) => input = Err(e),
                }
            }
            Phase::AwaitMappedIter => {
                // 9.d.
                let m = match input {
                    Ok(m) => m,
                    Err(e) => return async_iterator_close(cx, st, e),
                };
                // 2, 11-12.
                let pk = index_key(cx, k);
                if let Err(e) = create_data_property_or_throw(cx, a, pk, m) {
                    return async_iterator_close(cx, st, e);
                }
                // 13.
                st.put(cx, S_K, Value::Number(k + 1.0));
                st.set_phase(cx, Phase::IterNext);
                input = Ok(Value::Undefined);
            }
            Phase::Closing => return Err(st.at(cx, S_ERROR)),
            Phase::ArrayLikeNext => {
                // vii.
                if k >= st.num(cx, S_LEN) {
                    // viii-ix.
                    let lk = cx.gcx().length;
                    let len = st.num(cx, S_LEN);
                    set(cx, a, lk, Value::Number(len), true)?;
                    return finish(cx, st, a);
                }
                // 1-3.
                let Value::Object(array_like) = st.at(cx, S_ARRAY_LIKE) else {
                    return Ok(());
                };
                let pk = index_key(cx, k);
                let v = get(cx, array_like, pk)?;
                st.set_phase(cx, Phase::AwaitKValue);
                match await_value(cx, st, v) {
                    Ok(()) => return Ok(()),
                    Err(e) => input = Err(e),
                }
            }
            Phase::AwaitKValue => {
                let v = input?;
                st.set_phase(cx, Phase::AwaitMappedArrayLike);
                if !mapping {
                    // 5.
                    input = Ok(v);
                    continue;
                }
                // 4.
                let this_arg = st.at(cx, S_THIS_ARG);
                let m = cx.call(mapper, this_arg, &[v, Value::Number(k)])?;
                match await_value(cx, st, m) {
                    Ok(()) => return Ok(()),
                    Err(e) => input = Err(e),
                }
            }
            Phase::AwaitMappedArrayLike => {
                // 6-7.
                let m = input?;
                let pk = index_key(cx, k);
                create_data_property_or_throw(cx, a, pk, m)?;
                st.put(cx, S_K, Value::Number(k + 1.0));
                st.set_phase(cx, Phase::ArrayLikeNext);
                input = Ok(Value::Undefined);
            }
        }
    }
}

/// AsyncIteratorClose(iteratorRecord, ThrowCompletion(error))
/// (<https://tc39.es/ecma262/#sec-asynciteratorclose>): call `return`, await its result, then
/// rethrow `error`; every failure on the way is dropped in favour of `error`.
fn async_iterator_close<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    st: State<'gc>,
    error: Value<'gc>,
) -> Res<'gc, ()> {
    if cx.vm.stop.is_some() {
        return Err(error);
    }
    let iterator = st.at(cx, S_ITERATOR);
    // 3-4.
    let rk = cx.key("return");
    let ret = match get_method(cx, iterator, rk) {
        Ok(r) if !r.is_undefined() => r,
        _ => return Err(error),
    };
    // 5.b-c.
    let inner = match cx.call(ret, iterator, &[]) {
        Ok(v) => v,
        Err(_) => return Err(error),
    };
    st.put(cx, S_ERROR, error);
    st.set_phase(cx, Phase::Closing);
    match await_value(cx, st, inner) {
        Ok(()) => Ok(()),
        Err(_) => Err(error),
    }
}
