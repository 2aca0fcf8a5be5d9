//! Function.prototype.call and Function.prototype.apply as tail calls: the target runs in the
//! interpreter's frames in place of the built-in, so `f.call(...)` chains never recurse on the
//! Rust stack. CreateListFromArrayLike runs as a continuation ([`Apply`]) whose getters and
//! `valueOf` also run in frames. [`call_with_array_like`] is the shared tail of `apply` and
//! `Reflect.apply`.

use gc_arena::Collect;
use moat_bytecode::isa::ErrorKind;

use crate::builtins::array_iteration::{
    burn, error, get_step, heap_limit_step, index_key, length_step, yield_step, Got,
};
use crate::builtins::native_ops::is_callable;
use crate::cont::{ContStep, Continuation};
use crate::function::NativeCtx;
use crate::interp::Vm;
use crate::object::Object;
use crate::realm::Realm;
use crate::value::Value;

type Res<'gc, T> = Result<T, Value<'gc>>;

/// The most arguments a call may receive from an array-like (as for spread calls).
const MAX_ARGS: f64 = 65_535.0;

/// Where an [`Apply`] stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
enum Stage {
    Length(u8),
    /// CreateListFromArrayLike step 4: Get(obj, index).
    Element,
    /// An element's getter returned.
    GotElement,
    /// The target was called: its result is the result.
    Called,
}

/// CreateListFromArrayLike (<https://tc39.es/ecma262/#sec-createlistfromarraylike>) followed
/// by Call(target, this, list).
#[derive(Collect)]
#[collect(no_drop)]
pub struct Apply<'gc> {
    realm: Realm<'gc>,
    target: Value<'gc>,
    this: Value<'gc>,
    array_like: Object<'gc>,
    len: f64,
    args: Vec<Value<'gc>>,
    stage: Stage,
}

impl<'gc> Apply<'gc> {
    /// Advance with the result of the last requested call.
    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        let mut input = input;
        loop {
            match self.stage {
                Stage::Length(mut sub) => {
                    let r = length_step(vm, self.realm, self.array_like, &mut sub, input);
                    self.stage = Stage::Length(sub);
                    match r {
                        Ok(len) => {
                            if len > MAX_ARGS {
                                return ContStep::Throw(error(
                                    vm,
                                    self.realm,
                                    ErrorKind::RangeError,
                                    "Too many arguments in function call",
                                ));
                            }
                            let bytes = len as usize * std::mem::size_of::<Value<'gc>>();
                            if vm.gcx.account.check(bytes).is_err() {
                                return heap_limit_step(vm);
                            }
                            self.len = len;
                            self.args = Vec::with_capacity(len as usize);
                            self.stage = Stage::Element;
                        }
                        Err(step) => return step,
                    }
                }
                Stage::Element => {
                    let index = self.args.len() as f64;
                    if index >= self.len {
                        self.stage = Stage::Called;
                        return ContStep::Call {
                            callee: self.target,
                            this: self.this,
                            args: std::mem::take(&mut self.args),
                        };
                    }
                    if burn(vm) {
                        return yield_step();
                    }
                    let key = index_key(vm, index);
                    self.stage = Stage::GotElement;
                    match get_step(vm, self.array_like, key) {
                        Got::Now(v) => input = v,
                        Got::Step(s) => return s,
                    }
                }
                Stage::GotElement => {
                    self.args.push(input);
                    self.stage = Stage::Element;
                }
                Stage::Called => return ContStep::Done(input),
            }
        }
    }
}

/// Call(target, this, CreateListFromArrayLike(array_like)) as the tail of the running native.
/// `target` must already be known callable. Reflect.apply is this after its IsCallable check.
pub(crate) fn call_with_array_like<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    target: Value<'gc>,
    this: Value<'gc>,
    array_like: Value<'gc>,
) -> Res<'gc, Value<'gc>> {
    // CreateListFromArrayLike step 2.
    let Value::Object(array_like) = array_like else {
        return Err(cx.type_error("CreateListFromArrayLike called on non-object"));
    };
    let apply = Apply {
        realm: cx.realm,
        target,
        this,
        array_like,
        len: 0.0,
        args: Vec::new(),
        stage: Stage::Length(0),
    };
    cx.tail_continuation(Continuation::ApplyArrayLike(Box::new(apply)))
}

/// Function.prototype.call (<https://tc39.es/ecma262/#sec-function.prototype.call>).
pub fn function_prototype_call<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1-2.
    if !is_callable(this) {
        return Err(cx.type_error("Function.prototype.call called on a non-function"));
    }
    let this_arg = args.first().copied().unwrap_or(Value::Undefined);
    let rest = args
        .get(1..)
        .map(<[Value<'gc>]>::to_vec)
        .unwrap_or_default();
    // 3-4. PrepareForTailCall; Call(func, thisArg, args).
    cx.tail_call(this, this_arg, rest)
}

/// Function.prototype.apply (<https://tc39.es/ecma262/#sec-function.prototype.apply>).
pub fn function_prototype_apply<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1-2.
    if !is_callable(this) {
        return Err(cx.type_error("Function.prototype.apply was called on a non-function"));
    }
    let this_arg = args.first().copied().unwrap_or(Value::Undefined);
    let arg_array = args.get(1).copied().unwrap_or(Value::Undefined);
    // 3. No argument list: call with none.
    if arg_array.is_nullish() {
        return cx.tail_call(this, this_arg, Vec::new());
    }
    // 4-6.
    call_with_array_like(cx, this, this_arg, arg_array)
}

/// Install `call` and `apply` on %Function.prototype% of `realm`.
pub(crate) fn install<'gc>(
    realm: Realm<'gc>,
    gcx: crate::heap::Gcx<'gc>,
    interner: &mut crate::intern::Interner<'gc>,
) {
    let fp = realm.intrinsics().function_prototype;
    realm.define_native_method(gcx, interner, fp, "call", function_prototype_call, 1);
    realm.define_native_method(gcx, interner, fp, "apply", function_prototype_apply, 2);
}
