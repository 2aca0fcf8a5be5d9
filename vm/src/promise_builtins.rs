//! The Promise constructor, its static functions and Promise.prototype
//! (<https://tc39.es/ecma262/#sec-promise-constructor>). The executor runs in VM frames (the
//! [`RunExecutor`] continuation), as do reaction handlers from the job queue; the combinators'
//! iteration and `finally`'s callbacks run on the Rust stack (bounded, collection deferred).

use gc_arena::Collect;
use moat_bytecode::isa::ErrorKind;

use crate::builtins::native_ops::{
    get_iterator, get_v, iterator_close_on_throw, IteratorRecord, Poller,
};
use crate::cont::{ContStep, Continuation};
use crate::function::{NativeCtx, NativeFn};
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::WellKnownSymbols;
use crate::object::{Lookup, Object, ObjectKind, Property, Slot};
use crate::ops;
use crate::promise::{new_record, record_at, record_set, Capability};
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};

type Res<'gc, T> = Result<T, Value<'gc>>;

/// Fill in %Promise% and %Promise.prototype%; bind `Promise`.
pub fn install<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    symbols: &WellKnownSymbols<'gc>,
) {
    let ci = &realm.intrinsics().coro;
    let (ctor, proto) = (ci.promise, ci.promise_prototype);
    realm.make_native(gcx, ctor, promise_call, Some(promise_construct));
    realm.set_function_props(gcx, interner, ctor, "Promise", 1);
    let pk = interner.key_str(gcx, "prototype");
    let ck = interner.key_str(gcx, "constructor");
    ctor.put_data(gcx, pk, Value::Object(proto), Attrs::NONE);
    proto.put_data(gcx, ck, Value::Object(ctor), Attrs::HIDDEN);
    let statics: [(&str, NativeFn, u32); 8] = [
        ("all", promise_all, 1),
        ("allSettled", promise_all_settled, 1),
        ("any", promise_any, 1),
        ("race", promise_race, 1),
        ("reject", promise_reject, 1),
        ("resolve", promise_resolve_static, 1),
        ("withResolvers", promise_with_resolvers, 0),
        ("try", promise_try, 1),
    ];
    for (name, f, len) in statics {
        realm.define_native_method(gcx, interner, ctor, name, f, len);
    }
    let species = realm.new_native_function(
        gcx,
        interner,
        "get [Symbol.species]",
        0,
        species_getter,
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
    let methods: [(&str, NativeFn, u32); 3] = [
        ("then", crate::promise_then::promise_then, 2),
        ("catch", promise_catch, 1),
        ("finally", promise_finally, 1),
    ];
    for (name, f, len) in methods {
        realm.define_native_method(gcx, interner, proto, name, f, len);
    }
    proto.put_data(
        gcx,
        PropertyKey::Symbol(symbols.to_string_tag),
        Value::String(JsString::from_str(gcx, "Promise")),
        Attrs(Attrs::CONFIGURABLE),
    );
    let g = interner.key_str(gcx, "Promise");
    realm
        .global()
        .put_data(gcx, g, Value::Object(ctor), Attrs::HIDDEN);
}

fn arg<'gc>(args: &[Value<'gc>], i: usize) -> Value<'gc> {
    args.get(i).copied().unwrap_or(Value::Undefined)
}

fn callable(v: Value<'_>) -> bool {
    v.as_object().is_some_and(|o| o.is_callable())
}

fn species_getter<'gc>(
    _: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    Ok(this)
}

fn promise_call<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    _: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    Err(cx.type_error("Promise constructor cannot be invoked without 'new'"))
}

/// Promise(executor) (<https://tc39.es/ecma262/#sec-promise-executor>).
fn promise_construct<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let Some(nt) = cx.new_target else {
        return Err(cx.type_error("Promise constructor cannot be invoked without 'new'"));
    };
    let executor = arg(args, 0);
    if !callable(executor) {
        return Err(cx.type_error("Promise resolver is not a function"));
    }
    // OrdinaryCreateFromConstructor(NewTarget, "%Promise.prototype%").
    let pk = cx.vm.names.prototype;
    let proto = match get_v(cx, Value::Object(nt), pk)? {
        Value::Object(p) => p,
        _ => {
            cx.vm
                .function_realm(nt)
                .unwrap_or(cx.realm)
                .intrinsics()
                .coro
                .promise_prototype
        }
    };
    let p = cx.vm.new_promise_with_proto(proto);
    let realm = cx.realm;
    let (res, rej) = cx.vm.create_resolving_functions(p, realm);
    // 9-11. The executor runs in a frame; a throw from it rejects the promise.
    cx.tail_continuation(Continuation::PromiseExecutor(Box::new(RunExecutor {
        promise: Value::Object(p),
        callee: executor,
        args: vec![Value::Object(res), Value::Object(rej)],
        resolve: None,
        reject: Value::Object(rej),
        stage: 0,
        caught: None,
    })))
}

/// A call whose outcome settles a promise, in the interpreter's frames: Promise(executor)
/// steps 9-11 (call the executor; a throw calls `reject`) and Promise.try steps 3-5 (also
/// `resolve` with the result). The native's result is the promise.
#[derive(Collect)]
#[collect(no_drop)]
pub struct RunExecutor<'gc> {
    promise: Value<'gc>,
    callee: Value<'gc>,
    args: Vec<Value<'gc>>,
    /// Called with a normal result (Promise.try); `None`: the result is ignored.
    resolve: Option<Value<'gc>>,
    reject: Value<'gc>,
    /// 0: call; 1: it returned or threw; 2: `resolve` or `reject` returned.
    stage: u8,
    caught: Option<Value<'gc>>,
}

impl<'gc> RunExecutor<'gc> {
    /// Keep a throw from the executor.
    pub fn catch(&mut self, e: Value<'gc>) -> bool {
        if self.stage == 1 && self.caught.is_none() {
            self.caught = Some(e);
            return true;
        }
        false
    }

    pub fn resume(&mut self, _vm: &mut crate::interp::Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        match self.stage {
            0 => {
                self.stage = 1;
                ContStep::Call {
                    callee: self.callee,
                    this: Value::Undefined,
                    args: std::mem::take(&mut self.args),
                }
            }
            1 => {
                self.stage = 2;
                match (self.caught.take(), self.resolve) {
                    // An abrupt completion: Call(reject, undefined, « e »).
                    (Some(e), _) => ContStep::Call {
                        callee: self.reject,
                        this: Value::Undefined,
                        args: vec![e],
                    },
                    (None, Some(resolve)) => ContStep::Call {
                        callee: resolve,
                        this: Value::Undefined,
                        args: vec![input],
                    },
                    (None, None) => ContStep::Done(self.promise),
                }
            }
            _ => ContStep::Done(self.promise),
        }
    }
}

/// SpeciesConstructor(O, defaultConstructor) (<https://tc39.es/ecma262/#sec-speciesconstructor>).
fn species_constructor<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Value<'gc>,
    default: Object<'gc>,
) -> Res<'gc, Value<'gc>> {
    let ck = cx.vm.names.constructor;
    let c = get_v(cx, o, ck)?;
    if c.is_undefined() {
        return Ok(Value::Object(default));
    }
    if !matches!(c, Value::Object(_)) {
        return Err(cx.type_error("object.constructor is not an object"));
    }
    let sk = PropertyKey::Symbol(cx.vm.symbols.species);
    let s = get_v(cx, c, sk)?;
    if s.is_nullish() {
        return Ok(Value::Object(default));
    }
    if s.as_object().is_some_and(|o| o.is_constructor()) {
        return Ok(s);
    }
    Err(cx.type_error("object.constructor[Symbol.species] is not a constructor"))
}

/// Invoke(V, "then", args).
fn invoke_then<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let tk = cx.key("then");
    let f = get_v(cx, v, tk)?;
    if !callable(f) {
        return Err(cx.type_error("then is not a function"));
    }
    cx.tail_call(f, v, args.to_vec())
}

fn promise_catch<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    invoke_then(cx, this, &[Value::Undefined, arg(args, 0)])
}

/// Promise.prototype.finally (<https://tc39.es/ecma262/#sec-promise.prototype.finally>).
fn promise_finally<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    if !matches!(this, Value::Object(_)) {
        return Err(cx.type_error("Promise.prototype.finally called on a non-object"));
    }
    let default = cx.realm.intrinsics().coro.promise;
    let c = species_constructor(cx, this, default)?;
    let on_finally = arg(args, 0);
    if !callable(on_finally) {
        return invoke_then(cx, this, &[on_finally, on_finally]);
    }
    let rec = new_record(cx.vm, &[on_finally, c]);
    let realm = cx.realm;
    let gcx = cx.gcx();
    let then_finally = realm.new_native_function(
        gcx,
        &mut cx.vm.interner,
        "",
        1,
        crate::promise_finally::then_finally,
        None,
        Value::Object(rec),
    );
    let catch_finally = realm.new_native_function(
        gcx,
        &mut cx.vm.interner,
        "",
        1,
        crate::promise_finally::catch_finally,
        None,
        Value::Object(rec),
    );
    invoke_then(
        cx,
        this,
        &[Value::Object(then_finally), Value::Object(catch_finally)],
    )
}

/// Promise.resolve (<https://tc39.es/ecma262/#sec-promise.resolve>).
fn promise_resolve_static<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    if !matches!(this, Value::Object(_)) {
        return Err(cx.type_error("Promise.resolve called on a non-object"));
    }
    // PromiseResolve(C, x) in frames.
    cx.tail_continuation(Continuation::PromiseResolve(Box::new(
        crate::promise::PromiseResolve::with_constructor(cx.realm, this, arg(args, 0)),
    )))
}

/// Promise.reject (<https://tc39.es/ecma262/#sec-promise.reject>).
fn promise_reject<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let cap = cx.vm.new_promise_capability(this)?;
    cx.call(cap.reject, Value::Undefined, &[arg(args, 0)])?;
    Ok(cap.promise)
}

/// Promise.withResolvers (<https://tc39.es/proposal-promise-with-resolvers/>).
fn promise_with_resolvers<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let cap = cx.vm.new_promise_capability(this)?;
    let proto = cx.realm.intrinsics().object_prototype;
    let o = Object::new(cx.gcx(), Some(proto), ObjectKind::Ordinary);
    for (name, v) in [
        ("promise", cap.promise),
        ("resolve", cap.resolve),
        ("reject", cap.reject),
    ] {
        let k = cx.key(name);
        o.put_data(cx.gcx(), k, v, Attrs::DEFAULT);
    }
    Ok(Value::Object(o))
}

/// Promise.try (<https://tc39.es/ecma262/#sec-promise.try>).
fn promise_try<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    if !matches!(this, Value::Object(_)) {
        return Err(cx.type_error("Promise.try called on a non-object"));
    }
    let cap = cx.vm.new_promise_capability(this)?;
    let rest = args.get(1..).unwrap_or(&[]).to_vec();
    // 3-5. The call and the settling run in the interpreter's frames.
    cx.tail_continuation(Continuation::PromiseExecutor(Box::new(RunExecutor {
        promise: cap.promise,
        callee: arg(args, 0),
        args: rest,
        resolve: Some(cap.resolve),
        reject: cap.reject,
        stage: 0,
        caught: None,
    })))
}

/// Which combinator is running.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Combinator {
    All,
    AllSettled,
    Any,
    Race,
}

fn promise_all<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    combinator(cx, this, arg(args, 0), Combinator::All)
}
fn promise_all_settled<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    combinator(cx, this, arg(args, 0), Combinator::AllSettled)
}
fn promise_any<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    combinator(cx, this, arg(args, 0), Combinator::Any)
}
fn promise_race<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    combinator(cx, this, arg(args, 0), Combinator::Race)
}

/// Promise.all / allSettled / any / race: steps shared by
/// <https://tc39.es/ecma262/#sec-promise.all> and its siblings (GetPromiseResolve, GetIterator,
/// PerformPromiseAll..., IfAbruptRejectPromise with the iterator closed when not done).
fn combinator<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    c: Value<'gc>,
    iterable: Value<'gc>,
    kind: Combinator,
) -> Res<'gc, Value<'gc>> {
    let cap = cx.vm.new_promise_capability(c)?;
    let reject = |cx: &mut NativeCtx<'gc, '_>, e: Value<'gc>| -> Res<'gc, Value<'gc>> {
        if cx.vm.stop.is_some() {
            return Err(e);
        }
        cx.call(cap.reject, Value::Undefined, &[e])?;
        Ok(cap.promise)
    };
    let rk = cx.key("resolve");
    let resolve = match get_v(cx, c, rk) {
        Ok(r) if callable(r) => r,
        Ok(_) => {
            let e = cx.type_error("Promise resolve is not a function");
            return reject(cx, e);
        }
        Err(e) => return reject(cx, e),
    };
    let record = match get_iterator(cx, iterable) {
        Ok(r) => r,
        Err(e) => return reject(cx, e),
    };
    match perform(cx, c, cap, resolve, &record, kind) {
        Ok(v) => Ok(v),
        Err((e, done)) => {
            let e = if done {
                e
            } else {
                iterator_close_on_throw(cx, &record, e)
            };
            reject(cx, e)
        }
    }
}

/// The loop of PerformPromiseAll and siblings; `Err((e, iterator_done))`.
fn perform<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    c: Value<'gc>,
    cap: Capability<'gc>,
    resolve: Value<'gc>,
    record: &IteratorRecord<'gc>,
    kind: Combinator,
) -> Result<Value<'gc>, (Value<'gc>, bool)> {
    let values = {
        let proto = cx.realm.intrinsics().array_prototype;
        Object::new_array(cx.gcx(), Some(proto))
    };
    // Shared: [values, remaining, capability resolve or reject].
    let finisher = if kind == Combinator::Any {
        cap.reject
    } else {
        cap.resolve
    };
    let shared = new_record(
        cx.vm,
        &[Value::Object(values), Value::Number(1.0), finisher],
    );
    let mut index: u32 = 0;
    let mut poller = Poller::default();
    loop {
        poller.tick(cx).map_err(|e| (e, true))?;
        // IteratorStepValue; errors leave the iterator done.
        let r = cx
            .call(record.next, record.iterator, &[])
            .map_err(|e| (e, true))?;
        let Value::Object(ro) = r else {
            let e = cx.type_error("Iterator result is not an object");
            return Err((e, true));
        };
        let dk = cx.vm.names.done;
        let done = crate::builtins::native_ops::get(cx, ro, dk).map_err(|e| (e, true))?;
        if ops::to_boolean(done) {
            if kind == Combinator::Race {
                return Ok(cap.promise);
            }
            let remaining = dec_remaining(cx, shared);
            if remaining == 0.0 {
                finish(cx, shared, kind).map_err(|e| (e, true))?;
            }
            return Ok(cap.promise);
        }
        let vk = cx.vm.names.value;
        let next_value = crate::builtins::native_ops::get(cx, ro, vk).map_err(|e| (e, true))?;
        if kind != Combinator::Race {
            values.put_data(
                cx.gcx(),
                PropertyKey::Index(index),
                Value::Undefined,
                Attrs::DEFAULT,
            );
        }
        let next_promise = cx.call(resolve, c, &[next_value]).map_err(|e| (e, false))?;
        let (on_f, on_r) = if kind == Combinator::Race {
            (cap.resolve, cap.reject)
        } else {
            let n = match record_at(cx.vm, shared, 1) {
                Value::Number(n) => n,
                _ => 0.0,
            };
            record_set(cx.vm, shared, 1, Value::Number(n + 1.0));
            let realm = cx.realm;
            let gcx = cx.gcx();
            let mk = |cx: &mut NativeCtx<'gc, '_>, f: NativeFn, settle_kind: f64| {
                let rec = new_record(
                    cx.vm,
                    &[
                        Value::Number(f64::from(index)),
                        Value::Boolean(false),
                        Value::Object(shared),
                        Value::Number(settle_kind),
                    ],
                );
                let f = realm.new_native_function(
                    gcx,
                    &mut cx.vm.interner,
                    "",
                    1,
                    f,
                    None,
                    Value::Object(rec),
                );
                (f, rec)
            };
            match kind {
                Combinator::All => (Value::Object(mk(cx, element_fn, 0.0).0), cap.reject),
                Combinator::AllSettled => {
                    let (f, frec) = mk(cx, element_fn, 1.0);
                    let (r, rrec) = mk(cx, element_fn, 2.0);
                    // One alreadyCalled shared by both: the reject function points at the
                    // resolve function's record.
                    record_set(cx.vm, rrec, 4, Value::Object(frec));
                    (Value::Object(f), Value::Object(r))
                }
                _ => (cap.resolve, Value::Object(mk(cx, element_fn, 3.0).0)),
            }
        };
        let tk = cx.key("then");
        let then = get_v(cx, next_promise, tk).map_err(|e| (e, false))?;
        if !callable(then) {
            let e = cx.type_error("then is not a function");
            return Err((e, false));
        }
        cx.call(then, next_promise, &[on_f, on_r])
            .map_err(|e| (e, false))?;
        index = index.saturating_add(1);
    }
}

fn dec_remaining<'gc>(cx: &mut NativeCtx<'gc, '_>, shared: Object<'gc>) -> f64 {
    let n = match record_at(cx.vm, shared, 1) {
        Value::Number(n) => n,
        _ => 0.0,
    } - 1.0;
    record_set(cx.vm, shared, 1, Value::Number(n));
    n
}

/// All elements are in: resolve with the values, or (any) reject with an AggregateError.
fn finish<'gc>(cx: &mut NativeCtx<'gc, '_>, shared: Object<'gc>, kind: Combinator) -> Res<'gc, ()> {
    let values = record_at(cx.vm, shared, 0);
    let f = record_at(cx.vm, shared, 2);
    let v = if kind == Combinator::Any {
        aggregate_error(cx, values)
    } else {
        values
    };
    cx.call(f, Value::Undefined, &[v])?;
    Ok(())
}

fn aggregate_error<'gc>(cx: &mut NativeCtx<'gc, '_>, errors: Value<'gc>) -> Value<'gc> {
    let ak = cx.key("AggregateError");
    let ctor = match realm_global_get(cx, ak) {
        Some(c) => c,
        None => return cx.error(ErrorKind::TypeError, "All promises were rejected"),
    };
    let proto = match ctor.get(cx.gcx(), cx.vm.names.prototype) {
        Lookup::Value(Value::Object(p)) => Some(p),
        _ => None,
    };
    let e = Object::new(cx.gcx(), proto, ObjectKind::Error);
    let mk = cx.key("message");
    e.put_data(
        cx.gcx(),
        mk,
        Value::String(JsString::from_str(cx.gcx(), "All promises were rejected")),
        Attrs::HIDDEN,
    );
    let ek = cx.key("errors");
    e.put_data(cx.gcx(), ek, errors, Attrs::HIDDEN);
    Value::Object(e)
}

fn realm_global_get<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    key: PropertyKey<'gc>,
) -> Option<Object<'gc>> {
    // The realm's %AggregateError% is among its error constructors.
    let _ = key;
    cx.realm
        .intrinsics()
        .error_constructors
        .iter()
        .copied()
        .find(|c| match c.get(cx.vm.gcx, cx.vm.names.name) {
            Lookup::Value(Value::String(s)) => s.to_std_string(cx.vm.gcx) == "AggregateError",
            _ => false,
        })
}

/// Promise.all Resolve Element Functions and their allSettled / any siblings
/// (<https://tc39.es/ecma262/#sec-promise.all-resolve-element-functions>): record
/// `[index, alreadyCalled, shared, kind (0 all, 1 settled-fulfilled, 2 settled-rejected, 3 any),
/// alreadyCalled owner]`.
fn element_fn<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let Value::Object(rec) = cx.data() else {
        return Ok(Value::Undefined);
    };
    let owner = match record_at(cx.vm, rec, 4) {
        Value::Object(o) => o,
        _ => rec,
    };
    if matches!(record_at(cx.vm, owner, 1), Value::Boolean(true)) {
        return Ok(Value::Undefined);
    }
    record_set(cx.vm, owner, 1, Value::Boolean(true));
    let index = match record_at(cx.vm, rec, 0) {
        Value::Number(n) => n as u32,
        _ => 0,
    };
    let Value::Object(shared) = record_at(cx.vm, rec, 2) else {
        return Ok(Value::Undefined);
    };
    let kind = match record_at(cx.vm, rec, 3) {
        Value::Number(n) => n as u8,
        _ => 0,
    };
    let x = arg(args, 0);
    let v = match kind {
        1 | 2 => {
            let proto = cx.realm.intrinsics().object_prototype;
            let o = Object::new(cx.gcx(), Some(proto), ObjectKind::Ordinary);
            let (status, vk) = if kind == 1 {
                ("fulfilled", "value")
            } else {
                ("rejected", "reason")
            };
            let sk = cx.key("status");
            o.put_data(
                cx.gcx(),
                sk,
                Value::String(JsString::from_str(cx.gcx(), status)),
                Attrs::DEFAULT,
            );
            let vk = cx.key(vk);
            o.put_data(cx.gcx(), vk, x, Attrs::DEFAULT);
            Value::Object(o)
        }
        _ => x,
    };
    if let Value::Object(values) = record_at(cx.vm, shared, 0) {
        values.put_data(cx.gcx(), PropertyKey::Index(index), v, Attrs::DEFAULT);
    }
    let kind = if kind == 3 {
        Combinator::Any
    } else {
        Combinator::All
    };
    if dec_remaining(cx, shared) == 0.0 {
        finish(cx, shared, kind)?;
    }
    Ok(Value::Undefined)
}

#[cfg(test)]
mod executor_tests {
    use crate::{Context, ContextOptions, HostValue};

    /// The executor's throw rejects the promise; a `then` getter's throw rejects too, and a
    /// callable `then` from a getter is used; the executor runs synchronously.
    #[test]
    fn executor_and_then_getter_outcomes() {
        let mut cx = Context::new(ContextOptions::default());
        cx.eval_script(
            "var log = [];
             new Promise(function () { log.push('run'); throw 'boom' })
               .catch(function (e) { log.push(e) });
             new Promise(function (r) { r({ get then() { throw 'getter' } }) })
               .catch(function (e) { log.push(e) });
             new Promise(function (r) { r({ get then() { return function (f) { f('ok') } } }) })
               .then(function (v) { log.push(v) });
             log.push('sync');",
            "t.js",
        )
        .unwrap();
        let r = cx.eval_script("log.join()", "t.js");
        assert_eq!(r, Ok(HostValue::String("run,sync,boom,getter,ok".into())));
        // Promise.try: the callback's result resolves, its throw rejects.
        cx.eval_script(
            "log = [];
             Promise.try(function (a, b) { log.push('try'); return a + b }, 1, 2)
               .then(function (v) { log.push(v) });
             Promise.try(function () { throw 'no' }).catch(function (e) { log.push(e) });",
            "t.js",
        )
        .unwrap();
        let r = cx.eval_script("log.join()", "t.js");
        assert_eq!(r, Ok(HostValue::String("try,3,no".into())));
    }
}
