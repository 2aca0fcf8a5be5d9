//! The intrinsics of generators, async functions, async generators, async iteration and
//! promises (their objects, allocated with the realm and filled by [`install`]), and the
//! %GeneratorPrototype% / %AsyncGeneratorPrototype% methods.

use crate::interp::dynamic_function::{create_dynamic_function, FunctionKind};
use gc_arena::Collect;

use crate::coro::{with_coro, AsyncGenRequest, CoroKind, CoroState, Tail, NEXT, RETURN, THROW};
use crate::function::{NativeCtx, NativeFn};
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::WellKnownSymbols;
use crate::object::{Object, ObjectKind};
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};

type Res<'gc, T> = Result<T, Value<'gc>>;

/// The per-realm intrinsics of this module.
#[derive(Collect)]
#[collect(no_drop)]
pub struct CoroIntrinsics<'gc> {
    pub generator_function: Object<'gc>,
    pub generator_function_prototype: Object<'gc>,
    pub generator_prototype: Object<'gc>,
    pub async_function: Object<'gc>,
    pub async_function_prototype: Object<'gc>,
    pub async_generator_function: Object<'gc>,
    pub async_generator_function_prototype: Object<'gc>,
    pub async_generator_prototype: Object<'gc>,
    pub async_iterator_prototype: Object<'gc>,
    pub async_from_sync_iterator_prototype: Object<'gc>,
    pub promise: Object<'gc>,
    pub promise_prototype: Object<'gc>,
}

impl<'gc> CoroIntrinsics<'gc> {
    /// Allocate the objects (step 1 of `Realm::new`); [`install`] fills them in.
    pub fn alloc(
        gcx: Gcx<'gc>,
        object_prototype: Object<'gc>,
        function_prototype: Object<'gc>,
        iterator_prototype: Object<'gc>,
    ) -> Self {
        let o = |p| Object::new(gcx, Some(p), ObjectKind::Ordinary);
        let async_iterator_prototype = o(object_prototype);
        CoroIntrinsics {
            generator_function: o(function_prototype),
            generator_function_prototype: o(function_prototype),
            generator_prototype: o(iterator_prototype),
            async_function: o(function_prototype),
            async_function_prototype: o(function_prototype),
            async_generator_function: o(function_prototype),
            async_generator_function_prototype: o(function_prototype),
            async_generator_prototype: o(async_iterator_prototype),
            async_from_sync_iterator_prototype: o(async_iterator_prototype),
            async_iterator_prototype,
            promise: o(function_prototype),
            promise_prototype: o(object_prototype),
        }
    }
}

fn tag<'gc>(gcx: Gcx<'gc>, symbols: &WellKnownSymbols<'gc>, o: Object<'gc>, name: &str) {
    o.put_data(
        gcx,
        PropertyKey::Symbol(symbols.to_string_tag),
        Value::String(JsString::from_str(gcx, name)),
        Attrs(Attrs::CONFIGURABLE),
    );
}

/// Link constructor/prototype pairs the way the spec's tables lay them out.
fn link<'gc>(
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    ctor: Object<'gc>,
    proto: Object<'gc>,
    ctor_attrs: Attrs,
) {
    let pk = interner.key_str(gcx, "prototype");
    let ck = interner.key_str(gcx, "constructor");
    ctor.put_data(gcx, pk, Value::Object(proto), Attrs::NONE);
    proto.put_data(gcx, ck, Value::Object(ctor), ctor_attrs);
}

/// Fill in the intrinsics of `realm` and bind `Promise` on its global object.
pub fn install<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    symbols: &WellKnownSymbols<'gc>,
) {
    let ci = &realm.intrinsics().coro;
    let ro = Attrs(Attrs::CONFIGURABLE);
    // %GeneratorFunction%, %AsyncFunction%, %AsyncGeneratorFunction%: CreateDynamicFunction is
    // not available yet; the constructors exist with their shapes and throw when called.
    let constructors: [(Object<'gc>, Object<'gc>, &str, NativeFn); 3] = [
        (
            ci.generator_function,
            ci.generator_function_prototype,
            "GeneratorFunction",
            generator_function_constructor,
        ),
        (
            ci.async_function,
            ci.async_function_prototype,
            "AsyncFunction",
            async_function_constructor,
        ),
        (
            ci.async_generator_function,
            ci.async_generator_function_prototype,
            "AsyncGeneratorFunction",
            async_generator_function_constructor,
        ),
    ];
    for (ctor, proto, name, native) in constructors {
        realm.make_native(gcx, ctor, native, Some(native));
        realm.set_function_props(gcx, interner, ctor, name, 1);
        link(gcx, interner, ctor, proto, ro);
        tag(gcx, symbols, proto, name);
    }
    let fn_ctor_key = interner.key_str(gcx, "Function");
    if let crate::object::Lookup::Value(Value::Object(function)) =
        realm.global().get(gcx, fn_ctor_key)
    {
        for c in [
            ci.generator_function,
            ci.async_function,
            ci.async_generator_function,
        ] {
            c.borrow_mut(gcx.mc).prototype = Some(function);
        }
    }
    // %GeneratorFunction.prototype%.prototype is %GeneratorPrototype%.
    let pk = interner.key_str(gcx, "prototype");
    let ck = interner.key_str(gcx, "constructor");
    ci.generator_function_prototype
        .put_data(gcx, pk, Value::Object(ci.generator_prototype), ro);
    ci.generator_prototype
        .put_data(gcx, ck, Value::Object(ci.generator_function_prototype), ro);
    tag(gcx, symbols, ci.generator_prototype, "Generator");
    let gen_methods: [(&str, NativeFn); 3] = [
        ("next", generator_next),
        ("return", generator_return),
        ("throw", generator_throw),
    ];
    for (name, f) in gen_methods {
        realm.define_native_method(gcx, interner, ci.generator_prototype, name, f, 1);
    }
    ci.async_generator_function_prototype.put_data(
        gcx,
        pk,
        Value::Object(ci.async_generator_prototype),
        ro,
    );
    ci.async_generator_prototype.put_data(
        gcx,
        ck,
        Value::Object(ci.async_generator_function_prototype),
        ro,
    );
    tag(gcx, symbols, ci.async_generator_prototype, "AsyncGenerator");
    let agen_methods: [(&str, NativeFn); 3] = [
        ("next", async_generator_next),
        ("return", async_generator_return),
        ("throw", async_generator_throw),
    ];
    for (name, f) in agen_methods {
        realm.define_native_method(gcx, interner, ci.async_generator_prototype, name, f, 1);
    }
    // %AsyncIteratorPrototype%[@@asyncIterator]
    let f = realm.new_native_function(
        gcx,
        interner,
        "[Symbol.asyncIterator]",
        0,
        return_this,
        None,
        Value::Undefined,
    );
    ci.async_iterator_prototype.put_data(
        gcx,
        PropertyKey::Symbol(symbols.async_iterator),
        Value::Object(f),
        Attrs::HIDDEN,
    );
    crate::async_iter::install(realm, gcx, interner);
    crate::promise_builtins::install(realm, gcx, interner, symbols);
}

fn return_this<'gc>(
    _: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    Ok(this)
}

/// GeneratorFunction ( ...parameterArgs, bodyArg )
/// (<https://tc39.es/ecma262/#sec-generatorfunction>).
fn generator_function_constructor<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let new_target = cx.new_target;
    create_dynamic_function(cx, FunctionKind::Generator, args, new_target)
}

/// AsyncFunction ( ...parameterArgs, bodyArg )
/// (<https://tc39.es/ecma262/#sec-async-function-constructor-arguments>).
fn async_function_constructor<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let new_target = cx.new_target;
    create_dynamic_function(cx, FunctionKind::Async, args, new_target)
}

/// AsyncGeneratorFunction ( ...parameterArgs, bodyArg )
/// (<https://tc39.es/ecma262/#sec-asyncgeneratorfunction>).
fn async_generator_function_constructor<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let new_target = cx.new_target;
    create_dynamic_function(cx, FunctionKind::AsyncGenerator, args, new_target)
}

/// GeneratorValidate (<https://tc39.es/ecma262/#sec-generatorvalidate>).
fn generator_validate<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
) -> Res<'gc, (Object<'gc>, CoroState)> {
    let info = this
        .as_object()
        .and_then(|o| crate::coro::coro_info(o).map(|i| (o, i)));
    match info {
        Some((o, (CoroKind::Generator, state))) => {
            if state == CoroState::Executing {
                return Err(cx.type_error("generator is already running"));
            }
            Ok((o, state))
        }
        _ => Err(cx.type_error("not a generator object")),
    }
}

/// GeneratorResume / GeneratorResumeAbrupt
/// (<https://tc39.es/ecma262/#sec-generatorresume>, <https://tc39.es/ecma262/#sec-generatorresumeabrupt>).
fn generator_resume<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    value: Value<'gc>,
    kind: u8,
) -> Res<'gc, Value<'gc>> {
    let (g, mut state) = generator_validate(cx, this)?;
    if kind != NEXT && state == CoroState::SuspendedStart {
        // Abrupt resumption before the body started: it never will.
        with_coro(cx.vm, g, |co| {
            co.state = CoroState::Completed;
            co.frame = None;
            co.regs.clear();
        });
        state = CoroState::Completed;
    }
    if state == CoroState::Completed {
        return match kind {
            THROW => Err(value),
            RETURN => Ok(Value::Object(cx.vm.iter_result_object(value, true))),
            _ => Ok(Value::Object(
                cx.vm.iter_result_object(Value::Undefined, true),
            )),
        };
    }
    cx.vm.st.tail = Some(Tail::Generator {
        gen: g,
        value,
        kind,
        set: state == CoroState::SuspendedYield,
    });
    Ok(Value::Undefined)
}

fn arg<'gc>(args: &[Value<'gc>]) -> Value<'gc> {
    args.first().copied().unwrap_or(Value::Undefined)
}

fn generator_next<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    generator_resume(cx, this, arg(args), NEXT)
}

fn generator_return<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    generator_resume(cx, this, arg(args), RETURN)
}

fn generator_throw<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    generator_resume(cx, this, arg(args), THROW)
}

/// %AsyncGeneratorPrototype%.next/return/throw
/// (<https://tc39.es/ecma262/#sec-asyncgenerator-prototype-next> and its siblings): validate,
/// enqueue, and resume or await-return as the state says.
fn async_generator_request<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    value: Value<'gc>,
    kind: u8,
) -> Res<'gc, Value<'gc>> {
    let realm = cx.realm;
    let promise = cx.vm.new_promise(realm);
    let info = this
        .as_object()
        .and_then(|o| crate::coro::coro_info(o).map(|i| (o, i)));
    let (g, state) = match info {
        Some((o, (CoroKind::AsyncGenerator, s))) => (o, s),
        _ => {
            let e = cx.type_error("not an async generator object");
            cx.vm.reject_promise(promise, e);
            return Ok(Value::Object(promise));
        }
    };
    let mut state = state;
    if kind == THROW && state == CoroState::SuspendedStart {
        with_coro(cx.vm, g, |co| {
            co.state = CoroState::Completed;
            co.frame = None;
            co.regs.clear();
        });
        state = CoroState::Completed;
    }
    if state == CoroState::Completed && kind != RETURN {
        if kind == THROW {
            cx.vm.reject_promise(promise, value);
        } else {
            let r = cx.vm.iter_result_object(Value::Undefined, true);
            // A `then` getter (inherited by the result) runs in a frame.
            if let Err(c) =
                cx.vm
                    .resolve_promise_then(promise, Value::Object(r), Value::Object(promise))
            {
                return cx.tail_continuation(c);
            }
        }
        return Ok(Value::Object(promise));
    }
    // AsyncGeneratorEnqueue.
    with_coro(cx.vm, g, |co| {
        co.queue.push_back(AsyncGenRequest {
            kind,
            value,
            promise,
        })
    });
    match state {
        CoroState::SuspendedStart | CoroState::Completed if kind == RETURN => {
            with_coro(cx.vm, g, |co| {
                co.state = CoroState::DrainingQueue;
                co.frame = None;
                co.regs.clear();
            });
            // AsyncGeneratorAwaitReturn's getters run in a frame.
            return cx.tail_continuation(crate::cont::Continuation::AsyncGenSettle(Box::new(
                crate::async_gen_settle::AsyncGenSettle::new(g, None, true, Value::Object(promise)),
            )));
        }
        CoroState::SuspendedStart | CoroState::SuspendedYield => {
            cx.vm.st.tail = Some(Tail::AsyncGenerator {
                gen: g,
                value,
                kind,
                set: state == CoroState::SuspendedYield,
            });
        }
        _ => {}
    }
    Ok(Value::Object(promise))
}

fn async_generator_next<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    async_generator_request(cx, this, arg(args), NEXT)
}

fn async_generator_return<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    async_generator_request(cx, this, arg(args), RETURN)
}

fn async_generator_throw<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    async_generator_request(cx, this, arg(args), THROW)
}
