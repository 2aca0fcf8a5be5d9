//! AsyncDisposableStack (<https://tc39.es/ecma262/#sec-asyncdisposablestack-objects>), the
//! asynchronous DisposeResources, and %AsyncIteratorPrototype%[@@asyncDispose].
//!
//! An asynchronous disposal is a state object (`StackState` with `promise` set) driven by
//! promise reactions: each `Await` registers native handlers that resume the loop. The loop
//! itself is the [`AsyncDispose`] continuation, so dispose methods and the getters of the
//! awaits' PromiseResolve run in the interpreter's frames.

use gc_arena::Collect;

use crate::cont::{ContStep, Continuation};
use crate::function::NativeCtx;
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::WellKnownSymbols;
use crate::object::{Object, ObjectKind};
use crate::promise::Handler;
use crate::realm::Realm;
use crate::value::Value;

use super::disposable_stack::{
    combine, install_stack_class, is_disposed, this_stack, with_state, StackClass, StackState,
};
use super::native_ops::{get_method, Res};

/// Create %AsyncDisposableStack%, its prototype and %AsyncIteratorPrototype%[@@asyncDispose].
pub(crate) fn install<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    symbols: &WellKnownSymbols<'gc>,
) {
    let class = StackClass {
        name: "AsyncDisposableStack",
        is_async: true,
        dispose: ("disposeAsync", dispose_async),
        dispose_symbol: symbols.async_dispose,
        iterator_prototype: realm.intrinsics().coro.async_iterator_prototype,
        iterator_dispose: (
            "[Symbol.asyncDispose]",
            async_iterator_prototype_async_dispose,
        ),
    };
    install_stack_class(realm, gcx, interner, symbols, class);
}

/// AsyncDisposableStack.prototype.disposeAsync ( )
/// (<https://tc39.es/ecma262/#sec-asyncdisposablestack.prototype.disposeAsync>).
fn dispose_async<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 2. NewPromiseCapability(%Promise%).
    let promise = cx.vm.new_promise(cx.realm);
    // 3. RequireInternalSlot, as a rejection.
    let stack = match this_stack(cx, this, true) {
        Ok(s) => s,
        Err(e) => {
            cx.vm.reject_promise(promise, e);
            return Ok(Value::Object(promise));
        }
    };
    // 4.
    if is_disposed(stack) {
        cx.vm.resolve_promise(promise, Value::Undefined);
        return Ok(Value::Object(promise));
    }
    // 5-6.
    let gcx = cx.gcx();
    let resources = with_state(gcx, stack, |s| {
        s.disposed = true;
        std::mem::take(&mut s.resources)
    })
    .unwrap_or_default();
    let c = start_async_dispose(cx, resources, None, promise, Value::Object(promise));
    cx.tail_continuation(c)
}

/// Begin an asynchronous DisposeResources (<https://tc39.es/ecma262/#sec-disposeresources>)
/// of `resources` with `completion`, settling `promise` with its result: the continuation runs
/// the loop until its first await, then finishes with `out`.
pub(crate) fn start_async_dispose<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    resources: Vec<super::disposable_stack::Resource<'gc>>,
    completion: Option<Value<'gc>>,
    promise: Object<'gc>,
    out: Value<'gc>,
) -> Continuation<'gc> {
    let mut state = StackState::new(true);
    state.resources = resources;
    state.error = completion;
    state.promise = Some(promise);
    let driver = Object::new(cx.gcx(), None, ObjectKind::DisposableStack(Box::new(state)));
    AsyncDispose::start(cx.realm, driver, out)
}

/// Where an [`AsyncDispose`] stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
enum Stage {
    /// DisposeResources step 3: take the next resource.
    Loop,
    /// A dispose method returned (`is_async`: its result is awaited).
    Called { is_async: bool },
    /// PromiseResolve(%Promise%, result) of the await ran a getter: its promise arrives.
    Resolving,
}

/// DisposeResources step 3 of an asynchronous disposal up to its next await: dispose methods
/// and the getters of PromiseResolve run in the interpreter's frames. The loop resumes from
/// the await's reaction (a native handler starting a new one of these).
#[derive(Collect)]
#[collect(no_drop)]
pub struct AsyncDispose<'gc> {
    realm: Realm<'gc>,
    driver: Object<'gc>,
    /// What the continuation finishes with.
    out: Value<'gc>,
    stage: Stage,
    caught: Option<Value<'gc>>,
}

impl<'gc> AsyncDispose<'gc> {
    fn start(realm: Realm<'gc>, driver: Object<'gc>, out: Value<'gc>) -> Continuation<'gc> {
        Continuation::AsyncDispose(Box::new(AsyncDispose {
            realm,
            driver,
            out,
            stage: Stage::Loop,
            caught: None,
        }))
    }

    /// Keep a throw of a dispose method (step 3.e.iii) or of the await's PromiseResolve.
    pub fn catch(&mut self, e: Value<'gc>) -> bool {
        if self.stage != Stage::Loop && self.caught.is_none() {
            self.caught = Some(e);
            return true;
        }
        false
    }

    pub fn resume(&mut self, vm: &mut crate::interp::Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        let mut cx = NativeCtx {
            vm,
            realm: self.realm,
            callee: self.realm.global(),
            new_target: None,
        };
        let cx = &mut cx;
        let driver = self.driver;
        if let Some(e) = self.caught.take() {
            self.stage = Stage::Loop;
            record_throw(cx, driver, e);
        }
        loop {
            match self.stage {
                Stage::Loop => {}
                Stage::Called { is_async } => {
                    self.stage = Stage::Loop;
                    if is_async {
                        // 3.e.ii.2: Await(result).
                        with_state(cx.gcx(), driver, |s| s.has_awaited = true);
                        match self.await_value(cx, input) {
                            Ok(step) => return step,
                            Err(e) => record_throw(cx, driver, e),
                        }
                    }
                    continue;
                }
                Stage::Resolving => {
                    self.stage = Stage::Loop;
                    if let Value::Object(p) = input {
                        await_handlers(cx, driver, p);
                    }
                    return ContStep::Done(self.out);
                }
            }
            let gcx = cx.gcx();
            let next = with_state(gcx, driver, |s| match s.resources.pop() {
                Some(r) => {
                    // 3.b.
                    if !r.async_hint && s.needs_await && !s.has_awaited {
                        s.resources.push(r);
                        s.needs_await = false;
                        return Next::AwaitUndefined;
                    }
                    Next::Call(r)
                }
                None => {
                    // 4.
                    if s.needs_await && !s.has_awaited {
                        s.needs_await = false;
                        s.has_awaited = true;
                        return Next::AwaitUndefined;
                    }
                    Next::Done(s.error.take(), s.promise.take())
                }
            });
            let Some(next) = next else {
                return ContStep::Done(self.out);
            };
            match next {
                Next::AwaitUndefined => match self.await_value(cx, Value::Undefined) {
                    Ok(step) => return step,
                    Err(e) => record_throw(cx, driver, e),
                },
                Next::Call(r) => {
                    if r.method.is_undefined() {
                        // 3.f.
                        with_state(gcx, driver, |s| s.needs_await = true);
                        continue;
                    }
                    self.stage = Stage::Called {
                        is_async: r.async_hint,
                    };
                    return ContStep::Call {
                        callee: r.method,
                        this: r.value,
                        args: Vec::new(),
                    };
                }
                Next::Done(error, promise) => {
                    if let Some(p) = promise {
                        match error {
                            Some(e) => cx.vm.reject_promise(p, e),
                            None => cx.vm.resolve_promise(p, Value::Undefined),
                        }
                    }
                    return ContStep::Done(self.out);
                }
            }
        }
    }

    /// Await(v) inside the disposal loop: PromiseResolve(%Promise%, v) (its getters in a
    /// frame), then the reactions that resume the loop; the step that ends this run.
    fn await_value(
        &mut self,
        cx: &mut NativeCtx<'gc, '_>,
        v: Value<'gc>,
    ) -> Res<'gc, ContStep<'gc>> {
        match cx.vm.promise_resolve_intrinsic_or_cont(self.realm, v) {
            Ok(p) => {
                await_handlers(cx, self.driver, p?);
                Ok(ContStep::Done(self.out))
            }
            Err(resolve) => {
                self.stage = Stage::Resolving;
                Ok(ContStep::Push(Continuation::PromiseResolve(resolve)))
            }
        }
    }
}

/// The reactions of an await on `p` that resume `driver`'s loop.
fn await_handlers<'gc>(cx: &mut NativeCtx<'gc, '_>, driver: Object<'gc>, p: Object<'gc>) {
    let gcx = cx.gcx();
    let mut handler = |call: crate::function::NativeFn| {
        let f = cx.realm.new_native_function(
            gcx,
            &mut cx.vm.interner,
            "",
            1,
            call,
            None,
            Value::Object(driver),
        );
        Handler::Js(Value::Object(f))
    };
    let on_fulfilled = handler(on_await_fulfilled);
    let on_rejected = handler(on_await_rejected);
    cx.vm.perform_then(p, on_fulfilled, on_rejected, None);
}

fn on_await_fulfilled<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    if let Value::Object(driver) = cx.data() {
        return cx.tail_continuation(AsyncDispose::start(cx.realm, driver, Value::Undefined));
    }
    Ok(Value::Undefined)
}

fn on_await_rejected<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    if let Value::Object(driver) = cx.data() {
        record_throw(cx, driver, super::coerce::arg(args, 0));
        return cx.tail_continuation(AsyncDispose::start(cx.realm, driver, Value::Undefined));
    }
    Ok(Value::Undefined)
}

/// DisposeResources step 3.e.iii on the driver's completion.
fn record_throw<'gc>(cx: &mut NativeCtx<'gc, '_>, driver: Object<'gc>, e: Value<'gc>) {
    let gcx = cx.gcx();
    let prior = with_state(gcx, driver, |s| s.error.take()).flatten();
    let combined = combine(cx, prior, e);
    with_state(gcx, driver, |s| s.error = combined);
}

/// What the loop does next.
enum Next<'gc> {
    /// Step 3.b / 4: Await(undefined).
    AwaitUndefined,
    /// Step 3.e: call the method (then await when async).
    Call(super::disposable_stack::Resource<'gc>),
    /// Steps 5-6: settle the promise.
    Done(Option<Value<'gc>>, Option<Object<'gc>>),
}

/// %AsyncIteratorPrototype% [ @@asyncDispose ] ( )
/// (<https://tc39.es/ecma262/#sec-%asynciteratorprototype%-@@asyncdispose>).
fn async_iterator_prototype_async_dispose<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 2.
    let promise = cx.vm.new_promise(cx.realm);
    let outcome = (|| -> Res<'gc, Option<Object<'gc>>> {
        // 3-4.
        let rk = cx.key("return");
        let ret = get_method(cx, this, rk)?;
        if ret.is_undefined() {
            return Ok(None);
        }
        // 6.a-c.
        // Called with no arguments (the current draft; older drafts passed undefined).
        let result = cx.call(ret, this, &[])?;
        let ctor = Value::Object(cx.realm.intrinsics().coro.promise);
        match cx.vm.promise_resolve(ctor, result)? {
            Value::Object(p) => Ok(Some(p)),
            _ => Ok(None),
        }
    })();
    match outcome {
        Err(e) => cx.vm.reject_promise(promise, e),
        Ok(None) => cx.vm.resolve_promise(promise, Value::Undefined),
        // 6.d-f: fulfil with undefined once the wrapper settles; a rejection passes through.
        Ok(Some(wrapper)) => {
            let gcx = cx.gcx();
            let unwrap = cx.realm.new_native_function(
                gcx,
                &mut cx.vm.interner,
                "",
                1,
                return_undefined,
                None,
                Value::Undefined,
            );
            let (resolve, reject) = cx.vm.create_resolving_functions(promise, cx.realm);
            let cap = crate::promise::Capability {
                promise: Value::Object(promise),
                resolve: Value::Object(resolve),
                reject: Value::Object(reject),
            };
            cx.vm.perform_then(
                wrapper,
                Handler::Js(Value::Object(unwrap)),
                Handler::Empty,
                Some(cap),
            );
        }
    }
    Ok(Value::Object(promise))
}

fn return_undefined<'gc>(
    _cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    Ok(Value::Undefined)
}

#[cfg(test)]
mod tests {
    /// Run `setup`, drain the job queue, then evaluate `check` to a string.
    fn after_jobs(setup: &str, check: &str) -> String {
        let mut cx = crate::Context::new(crate::ContextOptions {
            timeout: Some(std::time::Duration::from_secs(10)),
            ..Default::default()
        });
        let ran = cx
            .eval_script(setup, "setup.js")
            .and_then(|_| cx.run_jobs());
        assert!(ran.is_ok(), "{ran:?}");
        match cx.eval_script(check, "check.js") {
            Ok(crate::HostValue::String(s)) => s,
            other => format!("<{other:?}>"),
        }
    }

    #[test]
    fn dispose_async_awaits_in_reverse_order() {
        assert_eq!(
            after_jobs(
                "var log = []; var s = new AsyncDisposableStack(); \
                 s.use({ [Symbol.asyncDispose]() { log.push('a'); return Promise.resolve(); } }); \
                 s.defer(() => { log.push('b'); }); \
                 s.use({ [Symbol.dispose]() { log.push('c'); } }); \
                 s.disposeAsync().then(() => log.push('done')); log.push('sync');",
                "log.join()"
            ),
            "c,sync,b,a,done"
        );
    }

    #[test]
    fn dispose_async_rejects_with_suppressed_error() {
        assert_eq!(
            after_jobs(
                "var out; var s = new AsyncDisposableStack(); \
                 s.defer(() => { throw 1; }); s.defer(async () => { throw 2; }); \
                 s.disposeAsync().catch(e => { out = [e.name, e.error, e.suppressed].join(); });",
                "out"
            ),
            "SuppressedError,1,2"
        );
    }

    #[test]
    fn await_using_awaits_disposal() {
        assert_eq!(
            after_jobs(
                "var log = []; (async function () { \
                 await using y = { async [Symbol.asyncDispose]() { log.push('y'); } }; \
                 using z = { [Symbol.dispose]() { log.push('z'); } }; \
                 await using n = null; log.push('body'); \
                 })().then(() => log.push('done'));",
                "log.join()"
            ),
            "body,z,y,done"
        );
    }

    #[test]
    fn dispose_async_rejects_on_wrong_receiver() {
        assert_eq!(
            after_jobs(
                "var out; AsyncDisposableStack.prototype.disposeAsync.call({}) \
                 .catch(e => { out = e.name; });",
                "out"
            ),
            "TypeError"
        );
    }

    #[test]
    fn async_iterator_prototype_async_dispose_calls_return() {
        assert_eq!(
            after_jobs(
                "var out = ''; var proto = Object.getPrototypeOf(Object.getPrototypeOf( \
                 (async function*(){})())); proto = Object.getPrototypeOf(proto); \
                 var it = { __proto__: proto, return() { out += 'r'; return 5; } }; \
                 it[Symbol.asyncDispose]().then(v => { out += String(v); });",
                "out"
            ),
            "rundefined"
        );
    }
}
