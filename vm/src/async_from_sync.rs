//! %AsyncFromSyncIteratorPrototype% (<https://tc39.es/ecma262/#sec-%asyncfromsynciteratorprototype%-object>):
//! `next`, `return` and `throw` finish as the [`AsyncFromSync`] continuation, so the sync
//! iterator's methods, the getters of their results (`done`, `value`) and of PromiseResolve
//! (`constructor`, `then`), and the closing `return` all run in the interpreter's frames.
//! Every abrupt step rejects the returned promise (IfAbruptRejectPromise) instead of throwing.

use gc_arena::Collect;

use crate::async_iter::{callable, CloseQuiet};
use crate::cont::{ContStep, Continuation};
use crate::function::NativeCtx;
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::Vm;
use crate::object::{Object, ObjectKind};
use crate::ops;
use crate::promise::{Capability, Handler};
use crate::realm::Realm;
use crate::value::{PropertyKey, Value};

type Res<'gc, T> = Result<T, Value<'gc>>;

/// Install %AsyncFromSyncIteratorPrototype%'s methods.
pub fn install<'gc>(realm: Realm<'gc>, gcx: Gcx<'gc>, interner: &mut Interner<'gc>) {
    let p = realm.intrinsics().coro.async_from_sync_iterator_prototype;
    realm.define_native_method(gcx, interner, p, "next", afs_next, 1);
    realm.define_native_method(gcx, interner, p, "return", afs_return, 1);
    realm.define_native_method(gcx, interner, p, "throw", afs_throw, 1);
}

/// Which method is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
enum Method {
    Next,
    Return,
    Throw,
}

/// Where an [`AsyncFromSync`] stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
enum Stage {
    /// `next`: IteratorNext's call.
    CallNext,
    /// `return`/`throw`: GetMethod(syncIterator, name).
    GetMethod,
    /// The method arrived.
    GotMethod,
    /// `throw` is missing: GetMethod(syncIterator, "return") to close it.
    CloseGetReturn,
    /// The closing `return` arrived: call it.
    CloseGotReturn,
    /// The closing `return` returned.
    CloseCalled,
    /// The result of the sync method arrived: IteratorComplete.
    GotResult,
    /// `done` arrived: IteratorValue.
    GotDone,
    /// `value` arrived: PromiseResolve(%Promise%, value).
    GotValue,
    /// The value wrapper arrived: PerformPromiseThen.
    Wrapped,
    /// PromiseResolve threw: the sync iterator was closed, now reject.
    RejectAfterClose,
    /// The promise is settled (or a resolve is running): return it.
    Finish,
}

/// A running `next`/`return`/`throw` with AsyncFromSyncIteratorContinuation
/// (<https://tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation>).
#[derive(Collect)]
#[collect(no_drop)]
pub struct AsyncFromSync<'gc> {
    method: Method,
    realm: Realm<'gc>,
    /// The sync iterator record.
    iter: Value<'gc>,
    next: Value<'gc>,
    /// The argument, when present.
    arg: Option<Value<'gc>>,
    promise: Object<'gc>,
    cap: Capability<'gc>,
    result: Value<'gc>,
    done: bool,
    /// The throw that rejects the promise once the sync iterator is closed.
    error: Value<'gc>,
    caught: Option<Value<'gc>>,
    stage: Stage,
}

impl<'gc> AsyncFromSync<'gc> {
    /// Keep every throw of what it called: each one rejects the promise.
    pub fn catch(&mut self, e: Value<'gc>) -> bool {
        if self.caught.is_none() && !matches!(self.stage, Stage::Finish) {
            self.caught = Some(e);
            return true;
        }
        false
    }

    fn args(&self) -> Vec<Value<'gc>> {
        self.arg.into_iter().collect()
    }

    /// IfAbruptRejectPromise: reject and return the promise.
    fn reject(&mut self, vm: &mut Vm<'gc>, e: Value<'gc>) -> ContStep<'gc> {
        self.stage = Stage::Finish;
        vm.reject_promise(self.promise, e);
        ContStep::Done(Value::Object(self.promise))
    }

    /// A step reading `key` of `obj`: `Ok(value)`, or the call of its getter.
    fn get(
        &mut self,
        vm: &mut Vm<'gc>,
        obj: Value<'gc>,
        key: PropertyKey<'gc>,
    ) -> Result<Value<'gc>, ContStep<'gc>> {
        crate::cont::get_step(vm, obj, key).map_err(|step| match step {
            ContStep::Throw(e) => self.reject(vm, e),
            call => call,
        })
    }

    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        if let Some(e) = self.caught.take() {
            if self.stage == Stage::Wrapped
                && !self.done
                && matches!(self.method, Method::Next | Method::Throw)
            {
                // Continuation step 7: IteratorClose(syncIteratorRecord, valueWrapper).
                self.error = e;
                self.stage = Stage::RejectAfterClose;
                return ContStep::Push(Continuation::CloseQuiet(Box::new(CloseQuiet::new(
                    self.iter,
                ))));
            }
            return self.reject(vm, e);
        }
        let mut input = input;
        loop {
            match self.stage {
                Stage::CallNext => {
                    self.stage = Stage::GotResult;
                    return ContStep::Call {
                        callee: self.next,
                        this: self.iter,
                        args: self.args(),
                    };
                }
                Stage::GetMethod => {
                    self.stage = Stage::GotMethod;
                    let key = match self.method {
                        Method::Throw => vm.interner.key_str(vm.gcx, "throw"),
                        _ => vm.return_key(),
                    };
                    match self.get(vm, self.iter, key) {
                        Ok(v) => input = v,
                        Err(step) => return step,
                    }
                }
                Stage::GotMethod => {
                    if input.is_nullish() {
                        if self.method == Method::Throw {
                            // throw step 8: close the sync iterator (a normal completion),
                            // then reject: the protocol was broken.
                            self.stage = Stage::CloseGetReturn;
                            continue;
                        }
                        // return step 8: resolve with CreateIteratorResultObject(value, true).
                        self.stage = Stage::Finish;
                        let v = self.arg.unwrap_or(Value::Undefined);
                        let r = vm.iter_result_object(v, true);
                        if let Some(c) =
                            vm.resolve_promise_in_frames(self.promise, Value::Object(r))
                        {
                            return ContStep::Push(c);
                        }
                        continue;
                    }
                    if !callable(input) {
                        let e = vm.type_error("method is not a function");
                        return self.reject(vm, e);
                    }
                    self.stage = Stage::GotResult;
                    return ContStep::Call {
                        callee: input,
                        this: self.iter,
                        args: self.args(),
                    };
                }
                Stage::CloseGetReturn => {
                    self.stage = Stage::CloseGotReturn;
                    let key = vm.return_key();
                    match self.get(vm, self.iter, key) {
                        Ok(v) => input = v,
                        Err(step) => return step,
                    }
                }
                Stage::CloseGotReturn => {
                    if input.is_nullish() {
                        let e = vm.type_error("The iterator does not provide a 'throw' method");
                        return self.reject(vm, e);
                    }
                    if !callable(input) {
                        let e = vm.type_error("method is not a function");
                        return self.reject(vm, e);
                    }
                    self.stage = Stage::CloseCalled;
                    return ContStep::Call {
                        callee: input,
                        this: self.iter,
                        args: Vec::new(),
                    };
                }
                Stage::CloseCalled => {
                    let e = if matches!(input, Value::Object(_)) {
                        vm.type_error("The iterator does not provide a 'throw' method")
                    } else {
                        vm.type_error("Iterator result is not an object")
                    };
                    return self.reject(vm, e);
                }
                Stage::GotResult => {
                    if !matches!(input, Value::Object(_)) {
                        let e = vm.type_error("Iterator result is not an object");
                        return self.reject(vm, e);
                    }
                    // Continuation steps 2-3: IteratorComplete(result).
                    self.result = input;
                    self.stage = Stage::GotDone;
                    match self.get(vm, input, vm.names.done) {
                        Ok(v) => input = v,
                        Err(step) => return step,
                    }
                }
                Stage::GotDone => {
                    // Steps 4-5: IteratorValue(result).
                    self.done = ops::to_boolean(input);
                    self.stage = Stage::GotValue;
                    match self.get(vm, self.result, vm.names.value) {
                        Ok(v) => input = v,
                        Err(step) => return step,
                    }
                }
                Stage::GotValue => {
                    // Step 6: PromiseResolve(%Promise%, value).
                    self.stage = Stage::Wrapped;
                    match vm.promise_resolve_intrinsic_or_cont(self.realm, input) {
                        Ok(Ok(w)) => input = Value::Object(w),
                        Ok(Err(e)) => {
                            self.caught = Some(e);
                            return self.resume(vm, Value::Undefined);
                        }
                        Err(c) => return ContStep::Push(Continuation::PromiseResolve(c)),
                    }
                }
                Stage::Wrapped => {
                    // Steps 9-15: unwrap on fulfilment; close the sync iterator on rejection
                    // unless done or returning.
                    let Value::Object(wrapper) = input else {
                        return self.reject(vm, Value::Undefined);
                    };
                    let close = !self.done && self.method != Method::Return;
                    let on_rejected = if close {
                        Handler::CloseSync(self.iter)
                    } else {
                        Handler::Empty
                    };
                    vm.perform_then(
                        wrapper,
                        Handler::IterResult(self.done),
                        on_rejected,
                        Some(self.cap),
                    );
                    self.stage = Stage::Finish;
                }
                Stage::RejectAfterClose => {
                    let e = self.error;
                    return self.reject(vm, e);
                }
                Stage::Finish => return ContStep::Done(Value::Object(self.promise)),
            }
        }
    }
}

/// The sync iterator record of an async-from-sync iterator.
fn sync_record<'gc>(this: Value<'gc>) -> Option<(Value<'gc>, Value<'gc>)> {
    let o = this.as_object()?;
    let b = o.borrow();
    match &b.kind {
        ObjectKind::AsyncFromSyncIter(r) => Some((r.0, r.1)),
        _ => None,
    }
}

/// The three methods' common start: NewPromiseCapability(%Promise%) of the running function's
/// realm, then the rest as a continuation.
fn start<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
    method: Method,
) -> Res<'gc, Value<'gc>> {
    let realm = cx.realm;
    let p = cx.vm.new_promise(realm);
    let (res, rej) = cx.vm.create_resolving_functions(p, realm);
    let cap = Capability {
        promise: Value::Object(p),
        resolve: Value::Object(res),
        reject: Value::Object(rej),
    };
    let Some((iter, next)) = sync_record(this) else {
        let e = cx.type_error("not an AsyncFromSyncIterator");
        cx.vm.reject_promise(p, e);
        return Ok(Value::Object(p));
    };
    let stage = if method == Method::Next {
        Stage::CallNext
    } else {
        Stage::GetMethod
    };
    cx.tail_continuation(Continuation::AsyncFromSync(Box::new(AsyncFromSync {
        method,
        realm,
        iter,
        next,
        arg: args.first().copied(),
        promise: p,
        cap,
        result: Value::Undefined,
        done: false,
        error: Value::Undefined,
        caught: None,
        stage,
    })))
}

/// %AsyncFromSyncIteratorPrototype%.next (<https://tc39.es/ecma262/#sec-%asyncfromsynciteratorprototype%.next>).
fn afs_next<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    start(cx, this, args, Method::Next)
}

/// %AsyncFromSyncIteratorPrototype%.return (<https://tc39.es/ecma262/#sec-%asyncfromsynciteratorprototype%.return>).
fn afs_return<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    start(cx, this, args, Method::Return)
}

/// %AsyncFromSyncIteratorPrototype%.throw (<https://tc39.es/ecma262/#sec-%asyncfromsynciteratorprototype%.throw>).
fn afs_throw<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    start(cx, this, args, Method::Throw)
}

#[cfg(test)]
mod tests {
    use crate::async_iter::log_after_jobs;

    #[test]
    fn rejected_value_closes_the_sync_iterator_after_its_getters() {
        assert_eq!(
            log_after_jobs(
                "var log = [];
                 var it = { [Symbol.iterator]() { log.push('iter'); return {
                   get next() { log.push('get next'); return function (v) { log.push('next ' + v);
                     return { get done() { log.push('done'); return false },
                              get value() { log.push('value'); var p = Promise.reject('r');
                                Object.defineProperty(p, 'constructor', { get() { log.push('ctor'); throw 'ctor boom' } });
                                return p } } } },
                   get return() { log.push('get return'); return function () { log.push('return'); throw 'ignored' } } } } };
                 (async function () { try { for await (var x of it) {} } catch (e) { log.push('caught ' + e) } })();"
            ),
            "iter,get next,next undefined,done,value,ctor,get return,return,caught ctor boom"
        );
    }

    #[test]
    fn missing_throw_closes_and_rejects() {
        assert_eq!(
            log_after_jobs(
                "var log = [];
                 var sync = { [Symbol.iterator]() { return { next() { return { done: false, value: 1 } },
                   return() { log.push('return'); return {} } } } };
                 var g = (async function* () { yield* sync })();
                 g.next().then(function () { return g.throw('x') }).catch(function (e) { log.push(e.constructor.name) });"
            ),
            "return,TypeError"
        );
    }
}
