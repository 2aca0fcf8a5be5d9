//! The closures of Promise.prototype.finally (<https://tc39.es/ecma262/#sec-promise.prototype.finally>),
//! thenFinally and catchFinally, as the [`Finally`] continuation: they run as promise reaction
//! handlers, and `onFinally`, PromiseResolve(C, result) (a `constructor` getter, C's
//! construction, its resolve function) and Invoke(p, "then") all run in the interpreter's
//! frames.

use gc_arena::Collect;

use crate::cont::{ContStep, Continuation};
use crate::function::{NativeCtx, NativeFn};
use crate::interp::Vm;
use crate::promise::{record_at, PromiseResolve};
use crate::realm::Realm;
use crate::value::Value;

/// A running thenFinally (`thrower` false) or catchFinally (`thrower` true).
#[derive(Collect)]
#[collect(no_drop)]
pub struct Finally<'gc> {
    realm: Realm<'gc>,
    on_finally: Value<'gc>,
    c: Value<'gc>,
    /// The fulfilment value or rejection reason passed through.
    value: Value<'gc>,
    thrower: bool,
    /// 0: call onFinally; 1: PromiseResolve(C, result); 2: read `p.then`; 3: call it; 4: done.
    stage: u8,
    promise: Value<'gc>,
    thunk: Value<'gc>,
}

impl<'gc> Finally<'gc> {
    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        let mut input = input;
        loop {
            match self.stage {
                0 => {
                    // a. Let result be ? Call(onFinally, undefined).
                    self.stage = 1;
                    return ContStep::Call {
                        callee: self.on_finally,
                        this: Value::Undefined,
                        args: Vec::new(),
                    };
                }
                1 => {
                    // b. Let p be ? PromiseResolve(C, result).
                    self.stage = 2;
                    return ContStep::Push(Continuation::PromiseResolve(Box::new(
                        PromiseResolve::with_constructor(vm.current_realm(), self.c, input),
                    )));
                }
                2 => {
                    // c-d. The closure returning (or throwing) the value, as a function.
                    self.promise = input;
                    let f: NativeFn = if self.thrower {
                        thrower_fn
                    } else {
                        value_thunk
                    };
                    let thunk = self.realm.new_native_function(
                        vm.gcx,
                        &mut vm.interner,
                        "",
                        0,
                        f,
                        None,
                        self.value,
                    );
                    self.thunk = Value::Object(thunk);
                    // e. Return ? Invoke(p, "then", « thunk »): GetV first.
                    self.stage = 3;
                    let key = vm.interner.key_str(vm.gcx, "then");
                    match crate::cont::get_step(vm, self.promise, key) {
                        Ok(v) => input = v,
                        Err(step) => return step,
                    }
                }
                3 => {
                    if !input.as_object().is_some_and(|o| o.is_callable()) {
                        return ContStep::Throw(vm.type_error("then is not a function"));
                    }
                    self.stage = 4;
                    return ContStep::Call {
                        callee: input,
                        this: self.promise,
                        args: vec![self.thunk],
                    };
                }
                _ => return ContStep::Done(input),
            }
        }
    }
}

/// Start thenFinally or catchFinally with the record `[onFinally, C]` of the function.
fn start<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    args: &[Value<'gc>],
    thrower: bool,
) -> Result<Value<'gc>, Value<'gc>> {
    let Value::Object(rec) = cx.data() else {
        return Ok(Value::Undefined);
    };
    let on_finally = record_at(cx.vm, rec, 0);
    let c = record_at(cx.vm, rec, 1);
    cx.tail_continuation(Continuation::Finally(Box::new(Finally {
        realm: cx.realm,
        on_finally,
        c,
        value: args.first().copied().unwrap_or(Value::Undefined),
        thrower,
        stage: 0,
        promise: Value::Undefined,
        thunk: Value::Undefined,
    })))
}

/// thenFinally (Promise.prototype.finally step 6.a).
pub(crate) fn then_finally<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    start(cx, args, false)
}

/// catchFinally (Promise.prototype.finally step 7.a).
pub(crate) fn catch_finally<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    start(cx, args, true)
}

/// thenFinally's returnValue closure: the value.
fn value_thunk<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    _: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    Ok(cx.data())
}

/// catchFinally's throwReason closure: the reason, thrown.
fn thrower_fn<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    _: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    Err(cx.data())
}
