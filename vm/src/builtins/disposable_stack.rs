//! DisposableStack (<https://tc39.es/ecma262/#sec-disposablestack-objects>), the shared
//! disposal operations (DisposeCapability records: AddDisposableResource, GetDisposeMethod,
//! CreateDisposableResource, synchronous DisposeResources) and %Iterator.prototype%[@@dispose].
//!
//! Dispose methods run on the Rust stack through nested calls (bounded by the VM's depth limit).

use gc_arena::Collect;

use crate::cont::{ContStep, Continuation};
use crate::function::{NativeCtx, NativeFn};
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::realm_extras::extras_mut;
use crate::interp::WellKnownSymbols;
use crate::object::{Object, ObjectKind};
use crate::promise::{new_record, record_at};
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};

use super::coerce::arg;
use super::native_ops::{get, get_method, is_callable, Res};
use super::suppressed_error::new_suppressed_error;

/// A DisposableResource Record (<https://tc39.es/ecma262/#sec-disposableresource-records>):
/// `method` is `Undefined` when the resource has none (an `await using` of null/undefined).
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct Resource<'gc> {
    pub value: Value<'gc>,
    pub async_hint: bool,
    pub method: Value<'gc>,
}

/// The slots of a (Async)DisposableStack ([[DisposableState]], [[DisposeCapability]]), also
/// used as the state of an asynchronous DisposeResources in progress.
#[derive(Collect)]
#[collect(no_drop)]
pub struct StackState<'gc> {
    pub is_async: bool,
    pub disposed: bool,
    /// [[DisposeCapability]].[[DisposableResourceStack]].
    pub resources: Vec<Resource<'gc>>,
    /// Asynchronous disposal only: the completion so far (`Some` = throw), the promise to
    /// settle, and DisposeResources' needsAwait / hasAwaited.
    pub error: Option<Value<'gc>>,
    pub promise: Option<Object<'gc>>,
    pub needs_await: bool,
    pub has_awaited: bool,
}

impl<'gc> StackState<'gc> {
    pub fn new(is_async: bool) -> Self {
        StackState {
            is_async,
            disposed: false,
            resources: Vec::new(),
            error: None,
            promise: None,
            needs_await: false,
            has_awaited: false,
        }
    }
}

/// What differs between %DisposableStack% and %AsyncDisposableStack% when they are installed.
pub(crate) struct StackClass<'gc> {
    pub name: &'static str,
    pub is_async: bool,
    /// `dispose` or `disposeAsync`, also installed under `dispose_symbol`.
    pub dispose: (&'static str, NativeFn),
    pub dispose_symbol: crate::value::Symbol<'gc>,
    /// The iterator prototype that gets `[dispose_symbol]`, the name and the function.
    pub iterator_prototype: Object<'gc>,
    pub iterator_dispose: (&'static str, NativeFn),
}

/// Create the stack constructor of `class`, its prototype and the iterator prototype's dispose
/// method, and bind the global. The shared natives learn which kind they belong to from their
/// captured data (`true` for the async kind).
pub(crate) fn install_stack_class<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    symbols: &WellKnownSymbols<'gc>,
    class: StackClass<'gc>,
) {
    let intr = realm.intrinsics();
    let kind = Value::Boolean(class.is_async);
    let proto = Object::new(gcx, Some(intr.object_prototype), ObjectKind::Ordinary);
    let ctor = realm.new_native_function(
        gcx,
        interner,
        class.name,
        0,
        stack_call,
        Some(stack_construct),
        kind,
    );
    link_constructor(realm, gcx, interner, ctor, proto, class.name);
    let methods: [(&str, NativeFn, u32); 5] = [
        ("adopt", stack_adopt, 2),
        ("defer", stack_defer, 1),
        (class.dispose.0, class.dispose.1, 0),
        ("move", stack_move, 0),
        ("use", stack_use, 1),
    ];
    for (name, f, length) in methods {
        let m = realm.new_native_function(gcx, interner, name, length, f, None, kind);
        realm.define_value(gcx, interner, proto, name, Value::Object(m), Attrs::HIDDEN);
        // 27.3.3.8 / 27.4.3.8: @@dispose (@@asyncDispose) is the same function object.
        if name == class.dispose.0 {
            proto.put_data(
                gcx,
                PropertyKey::Symbol(class.dispose_symbol),
                Value::Object(m),
                Attrs::HIDDEN,
            );
            // The `disposed` accessor follows, as in the spec's order.
            let getter = realm.new_native_function(
                gcx,
                interner,
                "get disposed",
                0,
                stack_disposed,
                None,
                kind,
            );
            let disposed_key = interner.key_str(gcx, "disposed");
            proto.borrow_mut(gcx.mc).write_own(
                gcx,
                disposed_key,
                crate::object::Property {
                    slot: crate::object::Slot::Accessor {
                        get: Some(getter),
                        set: None,
                    },
                    attrs: Attrs(Attrs::CONFIGURABLE),
                },
            );
        }
    }
    let tag = Value::String(JsString::from_str(gcx, class.name));
    proto.put_data(
        gcx,
        PropertyKey::Symbol(symbols.to_string_tag),
        tag,
        Attrs(Attrs::CONFIGURABLE),
    );
    let mut extras = extras_mut(gcx, realm);
    if class.is_async {
        extras.async_disposable_stack_prototype = Some(proto);
    } else {
        extras.disposable_stack_prototype = Some(proto);
    }
    drop(extras);
    let (name, f) = class.iterator_dispose;
    let f = realm.new_native_function(gcx, interner, name, 0, f, None, Value::Undefined);
    class.iterator_prototype.put_data(
        gcx,
        PropertyKey::Symbol(class.dispose_symbol),
        Value::Object(f),
        Attrs::HIDDEN,
    );
}

/// Create %DisposableStack%, its prototype, %Iterator.prototype%[@@dispose], and bind the global.
pub(crate) fn install<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    symbols: &WellKnownSymbols<'gc>,
) {
    let class = StackClass {
        name: "DisposableStack",
        is_async: false,
        dispose: ("dispose", stack_dispose),
        dispose_symbol: symbols.dispose,
        // %Iterator.prototype%[@@dispose] (<https://tc39.es/ecma262/#sec-%iteratorprototype%-@@dispose>).
        iterator_prototype: realm.intrinsics().iterator_prototype,
        iterator_dispose: ("[Symbol.dispose]", iterator_prototype_dispose),
    };
    install_stack_class(realm, gcx, interner, symbols, class);
}

/// Wire `ctor.prototype`, `proto.constructor` and the global binding `name`.
pub(crate) fn link_constructor<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    ctor: Object<'gc>,
    proto: Object<'gc>,
    name: &str,
) {
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
    realm.define_value(
        gcx,
        interner,
        realm.global(),
        name,
        Value::Object(ctor),
        Attrs::HIDDEN,
    );
}

/// OrdinaryCreateFromConstructor(newTarget, the stack prototype) with a fresh
/// DisposeCapability (<https://tc39.es/ecma262/#sec-ordinarycreatefromconstructor>).
pub(crate) fn create_stack<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    new_target: Object<'gc>,
    is_async: bool,
) -> Res<'gc, Object<'gc>> {
    let pk = cx.vm.names.prototype;
    let proto = match get(cx, new_target, pk)? {
        Value::Object(p) => p,
        _ => {
            let realm = cx.vm.function_realm(new_target).unwrap_or(cx.realm);
            stack_prototype(realm, is_async)
        }
    };
    Ok(Object::new(
        cx.gcx(),
        Some(proto),
        ObjectKind::DisposableStack(Box::new(StackState::new(is_async))),
    ))
}

/// %DisposableStack.prototype% or %AsyncDisposableStack.prototype% of `realm`.
pub(crate) fn stack_prototype(realm: Realm<'_>, is_async: bool) -> Object<'_> {
    let extras = realm.0.extras.borrow();
    let p = if is_async {
        extras.async_disposable_stack_prototype
    } else {
        extras.disposable_stack_prototype
    };
    p.unwrap_or(realm.intrinsics().object_prototype)
}

/// The running native's `this` when it has [[DisposableState]] of the right kind (sync or
/// async), else a TypeError (RequireInternalSlot).
pub(crate) fn this_stack<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    is_async: bool,
) -> Res<'gc, Object<'gc>> {
    if let Value::Object(o) = this {
        if let ObjectKind::DisposableStack(s) = &o.borrow().kind {
            if s.is_async == is_async && s.promise.is_none() {
                return Ok(o);
            }
        }
    }
    let name = if is_async {
        "AsyncDisposableStack"
    } else {
        "DisposableStack"
    };
    Err(cx.type_error(&format!("receiver is not a {name}")))
}

/// Whether the stack's [[DisposableState]] is disposed.
pub(crate) fn is_disposed(o: Object<'_>) -> bool {
    match &o.borrow().kind {
        ObjectKind::DisposableStack(s) => s.disposed,
        _ => true,
    }
}

/// Run `f` on the stack's slots (with the write barrier).
pub(crate) fn with_state<'gc, R>(
    gcx: Gcx<'gc>,
    o: Object<'gc>,
    f: impl FnOnce(&mut StackState<'gc>) -> R,
) -> Option<R> {
    match &mut o.borrow_mut(gcx.mc).kind {
        ObjectKind::DisposableStack(s) => Some(f(s)),
        _ => None,
    }
}

/// The ReferenceError methods of a disposed stack throw.
pub(crate) fn require_not_disposed<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
) -> Res<'gc, ()> {
    if is_disposed(o) {
        return Err(cx.error(
            moat_bytecode::isa::ErrorKind::ReferenceError,
            "the stack is already disposed",
        ));
    }
    Ok(())
}

/// GetDisposeMethod ( V, hint ) (<https://tc39.es/ecma262/#sec-getdisposemethod>).
pub(crate) fn get_dispose_method<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
    async_hint: bool,
) -> Res<'gc, Value<'gc>> {
    let dispose = PropertyKey::Symbol(cx.vm.symbols.dispose);
    if !async_hint {
        return get_method(cx, v, dispose);
    }
    // 1.a-b.
    let async_dispose = PropertyKey::Symbol(cx.vm.symbols.async_dispose);
    let method = get_method(cx, v, async_dispose)?;
    if !method.is_undefined() {
        return Ok(method);
    }
    // 1.b.i-ii: wrap @@dispose so that it is called and yields a promise of undefined.
    let method = get_method(cx, v, dispose)?;
    if method.is_undefined() {
        return Ok(method);
    }
    let gcx = cx.gcx();
    let f = cx.realm.new_native_function(
        gcx,
        &mut cx.vm.interner,
        "",
        0,
        sync_dispose_wrapper,
        None,
        method,
    );
    Ok(Value::Object(f))
}

/// GetDisposeMethod step 1.b.ii.1's closure: call the sync method, then a promise of
/// undefined (rejected when the call throws).
fn sync_dispose_wrapper<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let method = cx.data();
    let p = cx.vm.new_promise(cx.realm);
    match cx.call(method, this, &[]) {
        Ok(_) => cx.vm.resolve_promise(p, Value::Undefined),
        Err(e) => cx.vm.reject_promise(p, e),
    }
    Ok(Value::Object(p))
}

/// AddDisposableResource ( disposeCapability, V, hint [ , method ] ) with its
/// CreateDisposableResource (<https://tc39.es/ecma262/#sec-adddisposableresource>,
/// <https://tc39.es/ecma262/#sec-createdisposableresource>). `method` is `None` when absent.
pub(crate) fn add_disposable_resource<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    stack: Object<'gc>,
    v: Value<'gc>,
    async_hint: bool,
    method: Option<Value<'gc>>,
) -> Res<'gc, ()> {
    let resource = match method {
        None => {
            // 1.a: a sync null/undefined adds nothing.
            if v.is_nullish() {
                if !async_hint {
                    return Ok(());
                }
                Resource {
                    value: Value::Undefined,
                    async_hint,
                    method: Value::Undefined,
                }
            } else {
                if !matches!(v, Value::Object(_)) {
                    return Err(cx.type_error("a disposable resource must be an object"));
                }
                let m = get_dispose_method(cx, v, async_hint)?;
                if m.is_undefined() {
                    return Err(cx.type_error("the resource has no dispose method"));
                }
                Resource {
                    value: v,
                    async_hint,
                    method: m,
                }
            }
        }
        Some(m) => {
            if !is_callable(m) {
                return Err(cx.type_error("the dispose method is not callable"));
            }
            Resource {
                value: Value::Undefined,
                async_hint,
                method: m,
            }
        }
    };
    let gcx = cx.gcx();
    with_state(gcx, stack, |s| s.resources.push(resource));
    Ok(())
}

/// Combine a new throw with the completion so far (DisposeResources step 3.e.iii).
pub(crate) fn combine<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    completion: Option<Value<'gc>>,
    error: Value<'gc>,
) -> Option<Value<'gc>> {
    Some(match completion {
        Some(suppressed) => new_suppressed_error(cx, error, suppressed),
        None => error,
    })
}

/// DisposeResources ( disposeCapability, completion ) for a synchronous capability
/// (<https://tc39.es/ecma262/#sec-disposeresources>) as a continuation: each dispose method
/// runs in the interpreter's frames; throws are caught and combined into SuppressedErrors.
/// The result is `undefined`, or the final throw.
#[derive(Collect)]
#[collect(no_drop)]
pub struct DisposeSync<'gc> {
    /// The realm whose %SuppressedError% combines throws.
    realm: Realm<'gc>,
    callee: Object<'gc>,
    resources: Vec<Resource<'gc>>,
    /// The completion so far: `Some` for a throw.
    completion: Option<Value<'gc>>,
    /// Whether a dispose method is running (its throw is caught).
    calling: bool,
    caught: Option<Value<'gc>>,
}

impl<'gc> DisposeSync<'gc> {
    pub(crate) fn new(
        cx: &NativeCtx<'gc, '_>,
        resources: Vec<Resource<'gc>>,
        completion: Option<Value<'gc>>,
    ) -> Self {
        DisposeSync {
            realm: cx.realm,
            callee: cx.callee,
            resources,
            completion,
            calling: false,
            caught: None,
        }
    }

    /// Keep a throw from the dispose method being called.
    pub fn catch(&mut self, e: Value<'gc>) -> bool {
        if !self.calling || self.caught.is_some() {
            return false;
        }
        self.caught = Some(e);
        true
    }

    pub fn resume(&mut self, vm: &mut crate::interp::Vm<'gc>, _input: Value<'gc>) -> ContStep<'gc> {
        self.calling = false;
        if let Some(e) = self.caught.take() {
            // 3.e.iii. A throw joins the completion (a SuppressedError over the earlier one).
            let mut cx = NativeCtx {
                vm,
                realm: self.realm,
                callee: self.callee,
                new_target: None,
            };
            self.completion = combine(&mut cx, self.completion.take(), e);
        }
        // 3. In reverse list order.
        while let Some(r) = self.resources.pop() {
            if r.method.is_undefined() {
                continue;
            }
            self.calling = true;
            return ContStep::Call {
                callee: r.method,
                this: r.value,
                args: Vec::new(),
            };
        }
        match self.completion.take() {
            Some(e) => ContStep::Throw(e),
            None => ContStep::Done(Value::Undefined),
        }
    }
}

/// Whether the running stack native belongs to %AsyncDisposableStack% (its captured data).
fn is_async_kind(cx: &NativeCtx<'_, '_>) -> bool {
    matches!(cx.data(), Value::Boolean(true))
}

/// `DisposableStack()` or `AsyncDisposableStack()` without `new`: a TypeError.
fn stack_call<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let name = if is_async_kind(cx) {
        "AsyncDisposableStack"
    } else {
        "DisposableStack"
    };
    Err(cx.type_error(&format!("{name} must be called with new")))
}

/// DisposableStack ( ) and AsyncDisposableStack ( )
/// (<https://tc39.es/ecma262/#sec-disposablestack>,
/// <https://tc39.es/ecma262/#sec-asyncdisposablestack>).
fn stack_construct<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let target = cx.new_target.unwrap_or(cx.callee);
    let is_async = is_async_kind(cx);
    Ok(Value::Object(create_stack(cx, target, is_async)?))
}

/// The closure of DisposableStack.prototype.adopt / AsyncDisposableStack.prototype.adopt:
/// `onDispose(value)` with the captured record [onDispose, value].
pub(crate) fn adopt_closure<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let Value::Object(rec) = cx.data() else {
        return Ok(Value::Undefined);
    };
    let on_dispose = record_at(cx.vm, rec, 0);
    let value = record_at(cx.vm, rec, 1);
    // onDispose runs in the interpreter's frames.
    cx.tail_call(on_dispose, Value::Undefined, vec![value])
}

/// The shared body of `adopt` for both stack kinds
/// (<https://tc39.es/ecma262/#sec-disposablestack.prototype.adopt>).
pub(crate) fn adopt<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
    is_async: bool,
) -> Res<'gc, Value<'gc>> {
    // 1-3.
    let stack = this_stack(cx, this, is_async)?;
    require_not_disposed(cx, stack)?;
    let (value, on_dispose) = (arg(args, 0), arg(args, 1));
    // 4.
    if !is_callable(on_dispose) {
        return Err(cx.type_error("onDispose is not callable"));
    }
    // 5-6.
    let rec = new_record(cx.vm, &[on_dispose, value]);
    let gcx = cx.gcx();
    let f = cx.realm.new_native_function(
        gcx,
        &mut cx.vm.interner,
        "",
        0,
        adopt_closure,
        None,
        Value::Object(rec),
    );
    // 7.
    add_disposable_resource(
        cx,
        stack,
        Value::Undefined,
        is_async,
        Some(Value::Object(f)),
    )?;
    // 8.
    Ok(value)
}

/// The shared body of `defer` (<https://tc39.es/ecma262/#sec-disposablestack.prototype.defer>).
pub(crate) fn defer<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
    is_async: bool,
) -> Res<'gc, Value<'gc>> {
    let stack = this_stack(cx, this, is_async)?;
    require_not_disposed(cx, stack)?;
    let on_dispose = arg(args, 0);
    if !is_callable(on_dispose) {
        return Err(cx.type_error("onDispose is not callable"));
    }
    add_disposable_resource(cx, stack, Value::Undefined, is_async, Some(on_dispose))?;
    Ok(Value::Undefined)
}

/// The shared body of `use` (<https://tc39.es/ecma262/#sec-disposablestack.prototype.use>).
pub(crate) fn use_<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
    is_async: bool,
) -> Res<'gc, Value<'gc>> {
    let stack = this_stack(cx, this, is_async)?;
    require_not_disposed(cx, stack)?;
    let value = arg(args, 0);
    add_disposable_resource(cx, stack, value, is_async, None)?;
    Ok(value)
}

/// The shared body of `move` (<https://tc39.es/ecma262/#sec-disposablestack.prototype.move>).
pub(crate) fn move_<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    is_async: bool,
) -> Res<'gc, Value<'gc>> {
    let stack = this_stack(cx, this, is_async)?;
    require_not_disposed(cx, stack)?;
    // 4. OrdinaryCreateFromConstructor(%DisposableStack%, %DisposableStack.prototype%): the
    // intrinsic prototype, never a subclass's.
    let proto = stack_prototype(cx.realm, is_async);
    let gcx = cx.gcx();
    // 5-8.
    let resources = with_state(gcx, stack, |s| {
        s.disposed = true;
        std::mem::take(&mut s.resources)
    })
    .unwrap_or_default();
    let mut state = StackState::new(is_async);
    state.resources = resources;
    Ok(Value::Object(Object::new(
        gcx,
        Some(proto),
        ObjectKind::DisposableStack(Box::new(state)),
    )))
}

/// The `disposed` getter of both stack kinds.
pub(crate) fn disposed<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    is_async: bool,
) -> Res<'gc, Value<'gc>> {
    let stack = this_stack(cx, this, is_async)?;
    Ok(Value::Boolean(is_disposed(stack)))
}

fn stack_adopt<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let is_async = is_async_kind(cx);
    adopt(cx, this, args, is_async)
}

fn stack_defer<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let is_async = is_async_kind(cx);
    defer(cx, this, args, is_async)
}

fn stack_use<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let is_async = is_async_kind(cx);
    use_(cx, this, args, is_async)
}

fn stack_move<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let is_async = is_async_kind(cx);
    move_(cx, this, is_async)
}

fn stack_disposed<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let is_async = is_async_kind(cx);
    disposed(cx, this, is_async)
}

/// DisposableStack.prototype.dispose ( )
/// (<https://tc39.es/ecma262/#sec-disposablestack.prototype.dispose>).
fn stack_dispose<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1-2.
    let stack = this_stack(cx, this, false)?;
    // 3.
    if is_disposed(stack) {
        return Ok(Value::Undefined);
    }
    // 4-5. The stack is emptied as it is disposed.
    let gcx = cx.gcx();
    let resources = with_state(gcx, stack, |s| {
        s.disposed = true;
        std::mem::take(&mut s.resources)
    })
    .unwrap_or_default();
    // 6. DisposeResources, in frames.
    let d = DisposeSync::new(cx, resources, None);
    cx.tail_continuation(Continuation::DisposeSync(Box::new(d)))
}

/// %Iterator.prototype% [ @@dispose ] ( )
/// (<https://tc39.es/ecma262/#sec-%iteratorprototype%-@@dispose>).
fn iterator_prototype_dispose<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let rk = cx.key("return");
    let ret = get_method(cx, this, rk)?;
    if !ret.is_undefined() {
        cx.call(ret, this, &[])?;
    }
    Ok(Value::Undefined)
}

/// A native context for the `using` instructions: they run the disposal operations as the
/// running script's realm would (no callee data, no `new.target`).
fn insn_ctx<'gc, 'a>(vm: &'a mut crate::interp::Vm<'gc>) -> NativeCtx<'gc, 'a> {
    let realm = vm.current_realm();
    NativeCtx {
        vm,
        realm,
        callee: realm.global(),
        new_target: None,
    }
}

/// `NewDisposeCapability`: an internal, prototype-less stack (never exposed to script).
pub(crate) fn new_dispose_capability<'gc>(vm: &mut crate::interp::Vm<'gc>) -> Value<'gc> {
    Value::Object(Object::new(
        vm.gcx,
        None,
        ObjectKind::DisposableStack(Box::new(StackState::new(false))),
    ))
}

/// `AddDisposableResource`: InitializeBinding's step for a `using` / `await using` binding
/// (<https://tc39.es/ecma262/#sec-initializebinding>).
pub(crate) fn add_resource_insn<'gc>(
    vm: &mut crate::interp::Vm<'gc>,
    stack: Value<'gc>,
    v: Value<'gc>,
    async_hint: bool,
) -> Res<'gc, ()> {
    let mut cx = insn_ctx(vm);
    let Value::Object(stack) = stack else {
        return Err(cx.type_error("no dispose capability"));
    };
    add_disposable_resource(&mut cx, stack, v, async_hint, None)
}

/// Take the resources of an internal stack, leaving it empty.
fn take_resources<'gc>(gcx: Gcx<'gc>, stack: Value<'gc>) -> Vec<Resource<'gc>> {
    match stack {
        Value::Object(o) => {
            with_state(gcx, o, |s| std::mem::take(&mut s.resources)).unwrap_or_default()
        }
        _ => Vec::new(),
    }
}

/// `DisposeResources`: dispose the scope's resources with the completion it is left by. The
/// disposal is a continuation to run in a frame (`None` when nothing is to be disposed); its
/// throw (the original error, or a SuppressedError chain) is the instruction's.
pub(crate) fn dispose_insn<'gc>(
    vm: &mut crate::interp::Vm<'gc>,
    stack: Value<'gc>,
    throw: Option<Value<'gc>>,
) -> Res<'gc, Option<Continuation<'gc>>> {
    let resources = take_resources(vm.gcx, stack);
    if resources.is_empty() {
        return Ok(None);
    }
    let cx = insn_ctx(vm);
    let d = DisposeSync::new(&cx, resources, throw);
    Ok(Some(Continuation::DisposeSync(Box::new(d))))
}

/// `DisposeResourcesAsync`: start the asynchronous disposal; `None` when nothing is to be
/// disposed (and so nothing awaited), else the promise of its outcome.
pub(crate) fn dispose_async_insn<'gc>(
    vm: &mut crate::interp::Vm<'gc>,
    stack: Value<'gc>,
    throw: Option<Value<'gc>>,
) -> Option<Continuation<'gc>> {
    let resources = take_resources(vm.gcx, stack);
    if resources.is_empty() {
        return None;
    }
    let mut cx = insn_ctx(vm);
    let promise = cx.vm.new_promise(cx.realm);
    Some(super::async_disposable_stack::start_async_dispose(
        &mut cx,
        resources,
        throw,
        promise,
        Value::Object(promise),
    ))
}

#[cfg(test)]
mod tests {
    use crate::builtins::coerce::eval_string;

    #[test]
    fn disposes_in_reverse_order() {
        assert_eq!(
            eval_string(
                "var log = []; var s = new DisposableStack(); \
                 s.use({ [Symbol.dispose]() { log.push('a'); } }); \
                 s.defer(() => log.push('b')); \
                 s.adopt(1, v => log.push('c' + v)); \
                 s.dispose(); s.dispose(); log.push(s.disposed); log.join()"
            ),
            "c1,b,a,true"
        );
    }

    #[test]
    fn errors_become_suppressed_errors() {
        assert_eq!(
            eval_string(
                "var s = new DisposableStack(); \
                 s.defer(() => { throw 1; }); s.defer(() => { throw 2; }); \
                 try { s.dispose(); } catch (e) { [e.name, e.error, e.suppressed].join() }"
            ),
            "SuppressedError,1,2"
        );
    }

    #[test]
    fn move_transfers_resources() {
        assert_eq!(
            eval_string(
                "var log = []; var s = new DisposableStack(); s.defer(() => log.push(1)); \
                 var t = s.move(); var threw; try { s.use(null); } catch (e) { threw = e.name; } \
                 t.dispose(); [threw, log.join(), s.disposed].join()"
            ),
            "ReferenceError,1,true"
        );
    }

    #[test]
    fn using_disposes_on_every_exit() {
        assert_eq!(
            eval_string(
                "var log = []; function r(n) { return { [Symbol.dispose]() { log.push(n); } }; } \
                 function f() { using a = r('a'); { using b = r('b'), c = null; log.push('in'); } \
                 for (var i = 0; i < 3; i++) { using d = r('d' + i); if (i == 1) break; } \
                 return 'ret'; } \
                 log.push(f()); \
                 try { (function () { using x = { [Symbol.dispose]() { throw 2; } }; throw 1; })(); } \
                 catch (e) { log.push(e.name, e.error, e.suppressed); } \
                 try { (function () { using x = 1; })(); } catch (e) { log.push(e.name); } \
                 log.join()"
            ),
            "in,b,d0,d1,a,ret,SuppressedError,2,1,TypeError"
        );
    }

    #[test]
    fn iterator_prototype_dispose_calls_return() {
        assert_eq!(
            eval_string(
                "var n = 0; var it = { __proto__: Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]())), \
                 return() { n++; return {}; } }; it[Symbol.dispose](); String(n)"
            ),
            "1"
        );
    }
}

#[cfg(test)]
mod dispose_tests {
    use crate::builtins::coerce::eval_string;

    /// Disposers run in reverse order in frames; their throws chain into SuppressedErrors, the
    /// scope's own throw being the innermost suppressed one.
    #[test]
    fn dispose_order_and_suppressed_chain() {
        assert_eq!(
            eval_string(
                "var log = [];
                 try {
                   using a = { [Symbol.dispose]() { log.push('a'); throw 'ea' } };
                   using b = { [Symbol.dispose]() { log.push('b') } };
                   using c = { [Symbol.dispose]() { log.push('c'); throw 'ec' } };
                   throw 'body';
                 } catch (e) {
                   log.push(e.error, e.suppressed.error, e.suppressed.suppressed);
                 }
                 var s = new DisposableStack();
                 s.defer(function () { log.push(1) });
                 s.defer(function () { log.push(2) });
                 s.dispose();
                 log.join()"
            ),
            "c,b,a,ea,ec,body,2,1"
        );
    }
}
