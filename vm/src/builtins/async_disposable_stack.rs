//! AsyncDisposableStack (<https://tc39.es/ecma262/#sec-asyncdisposablestack-objects>), the
//! asynchronous DisposeResources, and %AsyncIteratorPrototype%[@@asyncDispose].
//!
//! An asynchronous disposal is a state object (`StackState` with `promise` set) driven by
//! promise reactions: each `Await` registers native handlers that resume the loop; dispose
//! methods themselves run on the Rust stack through nested calls.

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
    start_async_dispose(cx, resources, None, promise);
    Ok(Value::Object(promise))
}

/// Begin an asynchronous DisposeResources (<https://tc39.es/ecma262/#sec-disposeresources>)
/// of `resources` with `completion`, settling `promise` with its result.
pub(crate) fn start_async_dispose<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    resources: Vec<super::disposable_stack::Resource<'gc>>,
    completion: Option<Value<'gc>>,
    promise: Object<'gc>,
) {
    let mut state = StackState::new(true);
    state.resources = resources;
    state.error = completion;
    state.promise = Some(promise);
    let driver = Object::new(cx.gcx(), None, ObjectKind::DisposableStack(Box::new(state)));
    dispose_step(cx, driver);
}

/// Await(v) inside the disposal loop: resume `driver` when `v` settles.
fn await_value<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    driver: Object<'gc>,
    v: Value<'gc>,
) -> Res<'gc, ()> {
    let ctor = Value::Object(cx.realm.intrinsics().coro.promise);
    let p = cx.vm.promise_resolve(ctor, v)?;
    let Value::Object(p) = p else {
        return Err(cx.type_error("PromiseResolve did not give a promise"));
    };
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
    Ok(())
}

fn on_await_fulfilled<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    if let Value::Object(driver) = cx.data() {
        dispose_step(cx, driver);
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
        dispose_step(cx, driver);
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

/// Run DisposeResources step 3 until it awaits or finishes.
fn dispose_step<'gc>(cx: &mut NativeCtx<'gc, '_>, driver: Object<'gc>) {
    loop {
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
        let Some(next) = next else { return };
        match next {
            Next::AwaitUndefined => {
                if let Err(e) = await_value(cx, driver, Value::Undefined) {
                    record_throw(cx, driver, e);
                    continue;
                }
                return;
            }
            Next::Call(r) => {
                if r.method.is_undefined() {
                    // 3.f.
                    with_state(gcx, driver, |s| s.needs_await = true);
                    continue;
                }
                match cx.call(r.method, r.value, &[]) {
                    Ok(result) if r.async_hint => {
                        with_state(gcx, driver, |s| s.has_awaited = true);
                        match await_value(cx, driver, result) {
                            Ok(()) => return,
                            Err(e) => record_throw(cx, driver, e),
                        }
                    }
                    Ok(_) => {}
                    Err(e) => record_throw(cx, driver, e),
                }
            }
            Next::Done(error, promise) => {
                if let Some(p) = promise {
                    match error {
                        Some(e) => cx.vm.reject_promise(p, e),
                        None => cx.vm.resolve_promise(p, Value::Undefined),
                    }
                }
                return;
            }
        }
    }
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
