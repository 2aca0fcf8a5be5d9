//! Native continuations: small state machines stored in frames for operations that must call
//! script (ToPrimitive's `@@toPrimitive`/`valueOf`/`toString`, accessors reached by keyed
//! access, `super()`). Each `resume` gets the value the previous step produced and says what to
//! do next; the interpreter loop does the calling, so nothing nests on the Rust stack.
//!
//! Built-ins use them too: a native function may end with `NativeCtx::tail_continuation(c)`
//! (see `function.rs`), and `c` then runs in a native frame in the native's place. Writing one:
//! keep the state in a boxed struct behind one variant here, make `resume` a loop over a stage
//! field, return `Call` for every script call (getters, setters and callbacks included) and
//! `Push` for a sub-machine such as [`to_primitive`]; the value it produces arrives as `input`
//! of the next `resume`. A long loop that calls nothing must burn fuel and yield (`Push` a
//! `Then`) when the slice's fuel is gone, so deadlines and collection still happen
//! (`builtins/array_iteration.rs` has the helpers).

use gc_arena::Collect;

pub mod copy_data;
pub mod instanceof;

use crate::interp::Vm;
use crate::object::{Lookup, Object};
use crate::ops;
use crate::value::Value;

/// The next move of a continuation.
pub enum ContStep<'gc> {
    Done(Value<'gc>),
    Throw(Value<'gc>),
    /// Call `callee`; resume with its result.
    Call {
        callee: Value<'gc>,
        this: Value<'gc>,
        args: Vec<Value<'gc>>,
    },
    /// Run another continuation; resume with its result.
    Push(Continuation<'gc>),
    /// Run `module`'s code from instruction `start` in a frame; resume with its result (a
    /// throw is offered to `catch`).
    RunModule {
        module: Object<'gc>,
        start: u32,
    },
    /// Construct(callee, args, newTarget) (`None`: callee itself); resume with its result.
    Construct {
        callee: Value<'gc>,
        args: Vec<Value<'gc>>,
        new_target: Option<Object<'gc>>,
    },
}

/// GetV(obj, key) as a step of a continuation: `Ok` with the value at once, or `Err` with the
/// step to take (the call of a getter, whose result is the next `input`, or a throw).
pub(crate) fn get_step<'gc>(
    vm: &mut Vm<'gc>,
    obj: Value<'gc>,
    key: crate::value::PropertyKey<'gc>,
) -> Result<Value<'gc>, ContStep<'gc>> {
    match vm.get_value(obj, key) {
        Ok(Lookup::Value(v)) => Ok(v),
        Ok(Lookup::Getter(g)) => Err(ContStep::Call {
            callee: Value::Object(g),
            this: obj,
            args: Vec::new(),
        }),
        Err(e) => Err(ContStep::Throw(e)),
    }
}

/// The preferred type of ToPrimitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
pub enum Hint {
    Default,
    Number,
    String,
}

impl Hint {
    fn name(self) -> &'static str {
        match self {
            Hint::Default => "default",
            Hint::Number => "number",
            Hint::String => "string",
        }
    }
}

/// Binary operators that convert their operands (ApplyStringOrNumericBinaryOperator, IsLessThan).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Exp,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Sar,
    Shr,
    Lt,
    Le,
    Gt,
    Ge,
}

impl BinOp {
    /// `+` converts with the default hint; the others with hint Number.
    pub fn hint(self) -> Hint {
        if self == BinOp::Add {
            Hint::Default
        } else {
            Hint::Number
        }
    }

    /// Whether ToNumeric of the left operand precedes any conversion of the right one
    /// (all but `+`, whose ToPrimitive results decide between strings and numbers, and the
    /// relational operators, which convert both before comparing).
    pub fn converts_operands_separately(self) -> bool {
        !matches!(
            self,
            BinOp::Add | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge
        )
    }
}

/// Unary conversions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
pub enum UnOp {
    Neg,
    ToNumber,
    ToNumeric,
    BitNot,
    Inc,
    Dec,
    ToString,
    ToPropertyKey,
}

impl UnOp {
    pub fn hint(self) -> Hint {
        match self {
            UnOp::ToString | UnOp::ToPropertyKey => Hint::String,
            _ => Hint::Number,
        }
    }
}

/// Keyed operations whose key needs ToPropertyKey first.
#[derive(Clone, Copy, Debug, Collect)]
#[collect(no_drop)]
pub enum KeyedOp<'gc> {
    Get,
    Set,
    Delete,
    In,
    Define,
    /// `super[key]` with this `this`.
    SuperGet(Value<'gc>),
    SuperSet(Value<'gc>),
}

/// A suspended native computation.
#[derive(Collect)]
#[collect(no_drop)]
pub enum Continuation<'gc> {
    /// ToPrimitive (<https://tc39.es/ecma262/#sec-toprimitive>) and OrdinaryToPrimitive.
    ToPrimitive {
        obj: Object<'gc>,
        hint: Hint,
        stage: u8,
        index: u8,
    },
    /// A binary operator with at least one object operand: convert both in order, then apply.
    Binary {
        op: BinOp,
        lhs: Value<'gc>,
        rhs: Value<'gc>,
        stage: u8,
    },
    Unary {
        op: UnOp,
        value: Value<'gc>,
        stage: u8,
    },
    /// IsLooselyEqual with an object on one side.
    LooseEq {
        lhs: Value<'gc>,
        rhs: Value<'gc>,
        negate: bool,
        stage: u8,
    },
    /// The conversions of ArraySetLength for `[[Set]]` of an array's `length` to an object
    /// ([`crate::object::SetOutcome::ArrayLength`]), then the definition; finishes with `value`.
    ArraySetLength {
        array: Object<'gc>,
        value: Value<'gc>,
        /// Throw a TypeError when the definition is refused (strict code, Set(..., true)).
        throw: bool,
        stage: u8,
        new_len: u32,
    },
    /// A keyed operation whose key is an object.
    Keyed {
        op: KeyedOp<'gc>,
        obj: Value<'gc>,
        key: Value<'gc>,
        value: Value<'gc>,
        strict: bool,
        stage: u8,
    },
    /// The tail of a keyed operation whose accessor was called: resume with this constant.
    Then { value: Value<'gc>, use_input: bool },
    /// `super(...)`: bind `this`, then initialise the fields of `func`, the active function.
    SuperCall {
        dst: u16,
        stage: u8,
        result: Value<'gc>,
        func: Option<Object<'gc>>,
    },
    /// GetIterator (<https://tc39.es/ecma262/#sec-getiterator>): the iterator into `dst`, its
    /// `next` method into `dst + 1`.
    GetIter {
        src: Value<'gc>,
        dst: u16,
        stage: u8,
        iter: Value<'gc>,
    },
    /// IteratorStep + IteratorValue: the value into `dst`, or a jump by `offset` when done.
    IterNext {
        iter: Value<'gc>,
        next: Value<'gc>,
        dst: u16,
        offset: i32,
        stage: u8,
        result: Value<'gc>,
    },
    /// IteratorClose on a normal completion (<https://tc39.es/ecma262/#sec-iteratorclose>).
    IterClose { iter: Value<'gc>, stage: u8 },
    /// IteratorClose on a throw completion: GetMethod(iterator, "return") and the call run in
    /// frames, their results and throws are dropped (steps 3-5: the original completion wins,
    /// and the instruction after this one rethrows it).
    IterCloseQuiet { iter: Value<'gc>, stage: u8 },
    /// InstanceofOperator(value, ctor) (stage `instanceof::OPERATOR`) or OrdinaryHasInstance
    /// (stage `instanceof::ORDINARY`), see `cont/instanceof.rs`.
    Instanceof {
        value: Value<'gc>,
        ctor: Object<'gc>,
        stage: u8,
    },
    /// CopyDataProperties (`cont/copy_data.rs`).
    CopyData(Box<copy_data::CopyData<'gc>>),
    /// ClassDefinitionEvaluation's Get(superclass, "prototype") through a getter, then the
    /// class creation of `NewClass` (`Vm::new_class_step`).
    ClassHeritage {
        heritage: Object<'gc>,
        ctor: u32,
        dst: u16,
        stage: u8,
    },
    /// A name reference resolved through a `with` object whose `@@unscopables` lookups call
    /// getters, then the instruction's operation on it (`interp/names.rs`).
    Name(Box<crate::interp::names::NameTask<'gc>>),
    /// Append every value of an iterable to `arr` (spread).
    Spread {
        arr: Object<'gc>,
        src: Value<'gc>,
        iter: Value<'gc>,
        next: Value<'gc>,
        stage: u8,
    },
    /// InitializeInstanceElements (<https://tc39.es/ecma262/#sec-initializeinstanceelements>):
    /// call each field's initialiser with the instance as `this`, then define the field.
    InitFields {
        fields: Vec<(Value<'gc>, Value<'gc>)>,
        this: Value<'gc>,
        index: u32,
        stage: u8,
    },
    /// A native's tail call (`NativeCtx::tail_call`): call, then finish with the result.
    TailCall {
        callee: Value<'gc>,
        this: Value<'gc>,
        args: Vec<Value<'gc>>,
        called: bool,
    },
    /// A native's tail construct (`NativeCtx::tail_construct`).
    TailConstruct {
        callee: Value<'gc>,
        args: Vec<Value<'gc>>,
        new_target: Option<Object<'gc>>,
        called: bool,
    },
    /// The callback-taking iteration methods of Array.prototype (`builtins/array_iteration.rs`).
    ArrayIteration(Box<crate::builtins::array_iteration::Iteration<'gc>>),
    /// Array.prototype.sort and toSorted (`builtins/array_sort.rs`).
    ArraySort(Box<crate::builtins::array_sort::Sort<'gc>>),
    /// String.prototype.replace and replaceAll with a function (`builtins/string_replace.rs`).
    StringReplace(Box<crate::builtins::string_replace::Replace<'gc>>),
    /// The reviver walk of JSON.parse (`builtins/json_revive.rs`).
    JsonRevive(Box<crate::builtins::json_revive::Revive<'gc>>),
    /// JSON.stringify (`builtins/json_stringify.rs`).
    JsonStringify(Box<crate::builtins::json_stringify::Stringify<'gc>>),
    /// Promise(executor): the executor call (`promise_builtins.rs`); it catches throws.
    PromiseExecutor(Box<crate::promise_builtins::RunExecutor<'gc>>),
    /// A promise resolve function whose resolution has a `then` getter (`promise.rs`); it
    /// catches throws.
    ResolveThenable(Box<crate::promise::ResolveThenable<'gc>>),
    /// A synchronous DisposeResources (`builtins/disposable_stack.rs`); it catches throws.
    DisposeSync(Box<crate::builtins::disposable_stack::DisposeSync<'gc>>),
    /// Object.groupBy (`builtins/object_group_by.rs`); it catches throws to close the iterator.
    GroupBy(Box<crate::builtins::object_group_by::GroupBy<'gc>>),
    /// CreateListFromArrayLike, then a call (`builtins/function_call.rs`).
    ApplyArrayLike(Box<crate::builtins::function_call::Apply<'gc>>),
    /// A promise job (reaction or thenable job, `promise.rs`); it catches throws.
    Job(Box<crate::promise::JobCont<'gc>>),
    /// A module evaluation algorithm (`module/evaluate.rs`); it catches its bodies' throws.
    Module(Box<crate::module::evaluate::ModuleTask<'gc>>),
    /// PromiseResolve(C, x) with its getters and C's construction in frames (`promise.rs`).
    PromiseResolve(Box<crate::promise::PromiseResolve<'gc>>),
    /// The closures of Promise.prototype.finally (`promise_finally.rs`).
    Finally(Box<crate::promise_finally::Finally<'gc>>),
    /// An `Await` whose PromiseResolve calls a getter (`async_iter.rs`).
    Await(Box<crate::async_iter::AwaitCont<'gc>>),
    /// GetIterator(obj, async) (`async_iter.rs`).
    AsyncGetIter(Box<crate::async_iter::AsyncGetIter<'gc>>),
    /// AsyncIteratorClose up to its await (`async_iter.rs`); quiet ones catch throws.
    AsyncClose(Box<crate::async_iter::AsyncClose<'gc>>),
    /// IteratorClose with a throw completion (`async_iter.rs`); it catches throws.
    CloseQuiet(Box<crate::async_iter::CloseQuiet<'gc>>),
    /// %AsyncFromSyncIteratorPrototype% methods (`async_from_sync.rs`); they catch throws.
    AsyncFromSync(Box<crate::async_from_sync::AsyncFromSync<'gc>>),
    /// An async generator's completion steps and queue drain (`async_gen_settle.rs`).
    AsyncGenSettle(Box<crate::async_gen_settle::AsyncGenSettle<'gc>>),
    /// Promise.prototype.then (`promise_then.rs`).
    PromiseThen(Box<crate::promise_then::PromiseThen<'gc>>),
    /// An asynchronous DisposeResources up to its next await
    /// (`builtins/async_disposable_stack.rs`); it catches dispose methods' throws.
    AsyncDispose(Box<crate::builtins::async_disposable_stack::AsyncDispose<'gc>>),
}

impl<'gc> Continuation<'gc> {
    /// Offer a throw propagating through this frame: `true` when the continuation keeps it (it
    /// resumes next and handles the stored exception).
    pub fn catch(&mut self, e: Value<'gc>) -> bool {
        match self {
            Continuation::Job(j) => j.catch(e),
            Continuation::Module(m) => m.catch(e),
            Continuation::PromiseExecutor(p) => p.catch(e),
            Continuation::ResolveThenable(r) => r.catch(e),
            Continuation::DisposeSync(d) => d.catch(e),
            Continuation::GroupBy(g) => g.catch(e),
            Continuation::Await(a) => a.catch(e),
            Continuation::AsyncClose(c) => c.catch(e),
            Continuation::CloseQuiet(c) => c.catch(e),
            Continuation::AsyncFromSync(a) => a.catch(e),
            Continuation::AsyncGenSettle(a) => a.catch(e),
            Continuation::AsyncDispose(a) => a.catch(e),
            Continuation::IterCloseQuiet { stage, .. } => {
                *stage = 3;
                true
            }
            _ => false,
        }
    }

    /// Advance with `input` (the result of the last requested call or continuation).
    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        match self {
            Continuation::Job(j) => j.resume(vm, input),
            Continuation::Module(m) => m.resume(vm, input),
            Continuation::PromiseResolve(p) => p.resume(vm, input),
            Continuation::Finally(f) => f.resume(vm, input),
            Continuation::Await(a) => a.resume(vm, input),
            Continuation::AsyncGetIter(g) => g.resume(vm, input),
            Continuation::AsyncClose(c) => c.resume(vm, input),
            Continuation::CloseQuiet(c) => c.resume(vm, input),
            Continuation::AsyncFromSync(a) => a.resume(vm, input),
            Continuation::AsyncGenSettle(a) => a.resume(vm, input),
            Continuation::PromiseThen(t) => t.resume(vm, input),
            Continuation::AsyncDispose(a) => a.resume(vm, input),
            Continuation::TailCall {
                callee,
                this,
                args,
                called,
            } => {
                if *called {
                    return ContStep::Done(input);
                }
                *called = true;
                ContStep::Call {
                    callee: *callee,
                    this: *this,
                    args: std::mem::take(args),
                }
            }
            Continuation::TailConstruct {
                callee,
                args,
                new_target,
                called,
            } => {
                if *called {
                    return ContStep::Done(input);
                }
                *called = true;
                ContStep::Construct {
                    callee: *callee,
                    args: std::mem::take(args),
                    new_target: *new_target,
                }
            }
            Continuation::ArrayIteration(it) => it.resume(vm, input),
            Continuation::ArraySort(s) => s.resume(vm, input),
            Continuation::StringReplace(r) => r.resume(vm, input),
            Continuation::JsonRevive(r) => r.resume(vm, input),
            Continuation::JsonStringify(s) => s.resume(vm, input),
            Continuation::PromiseExecutor(p) => p.resume(vm, input),
            Continuation::ResolveThenable(r) => r.resume(vm, input),
            Continuation::DisposeSync(d) => d.resume(vm, input),
            Continuation::GroupBy(g) => g.resume(vm, input),
            Continuation::ApplyArrayLike(a) => a.resume(vm, input),
            Continuation::Instanceof { value, ctor, stage } => {
                instanceof::step(vm, *value, ctor, stage, input)
            }
            Continuation::CopyData(c) => c.resume(vm, input),
            Continuation::ClassHeritage {
                heritage,
                ctor,
                dst,
                stage,
            } => vm.new_class_step(*heritage, *ctor, *dst, stage, input),
            Continuation::Name(n) => n.resume(vm, input),
            Continuation::ToPrimitive {
                obj,
                hint,
                stage,
                index,
            } => to_primitive_step(vm, *obj, *hint, stage, index, input),
            Continuation::Binary {
                op,
                lhs,
                rhs,
                stage,
            } => {
                let mut input = input;
                loop {
                    match *stage {
                        0 => {
                            *stage = 1;
                            if let Value::Object(o) = *lhs {
                                return ContStep::Push(to_primitive(o, op.hint()));
                            }
                            input = *lhs;
                        }
                        1 => {
                            // ApplyStringOrNumericBinaryOperator step 3: a numeric operator
                            // finishes ToNumeric(lval) before converting rval
                            // (<https://tc39.es/ecma262/#sec-applystringornumericbinaryoperator>).
                            *lhs = if op.converts_operands_separately() {
                                match vm.numeric_of(input) {
                                    Ok(v) => v,
                                    Err(e) => return ContStep::Throw(e),
                                }
                            } else {
                                input
                            };
                            *stage = 2;
                            if let Value::Object(o) = *rhs {
                                return ContStep::Push(to_primitive(o, op.hint()));
                            }
                            input = *rhs;
                        }
                        _ => {
                            return match vm.binary_primitive(*op, *lhs, input) {
                                Ok(v) => ContStep::Done(v),
                                Err(e) => ContStep::Throw(e),
                            };
                        }
                    }
                }
            }
            Continuation::Unary { op, value, stage } => {
                if *stage == 0 {
                    *stage = 1;
                    if let Value::Object(o) = *value {
                        return ContStep::Push(to_primitive(o, op.hint()));
                    }
                    return step_result(vm.unary_primitive(*op, *value));
                }
                step_result(vm.unary_primitive(*op, input))
            }
            Continuation::LooseEq {
                lhs,
                rhs,
                negate,
                stage,
            } => {
                // Objects on both sides compare by identity without conversion.
                if *stage == 0 {
                    *stage = 1;
                    match (*lhs, *rhs) {
                        (Value::Object(a), Value::Object(b)) => {
                            return ContStep::Done(Value::Boolean(a.ptr_eq(b) != *negate))
                        }
                        // Annex B.3.6.2: an [[IsHTMLDDA]] object is loosely equal to null
                        // and undefined.
                        (Value::Object(o), r) | (r, Value::Object(o)) if r.is_nullish() => {
                            return ContStep::Done(Value::Boolean(o.is_html_dda() != *negate))
                        }
                        (Value::Object(o), _) => {
                            *lhs = *rhs;
                            return ContStep::Push(to_primitive(o, Hint::Default));
                        }
                        (_, Value::Object(o)) => {
                            return ContStep::Push(to_primitive(o, Hint::Default))
                        }
                        (a, b) => {
                            return ContStep::Done(Value::Boolean(
                                ops::loosely_equal_primitive(vm.gcx, a, b) != *negate,
                            ))
                        }
                    }
                }
                let r = ops::loosely_equal_primitive(vm.gcx, *lhs, input);
                ContStep::Done(Value::Boolean(r != *negate))
            }
            Continuation::ArraySetLength {
                array,
                value,
                throw,
                stage,
                new_len,
            } => array_set_length_step(vm, *array, *value, *throw, stage, new_len, input),
            Continuation::Keyed {
                op,
                obj,
                key,
                value,
                strict,
                stage,
            } => {
                if *stage == 0 {
                    *stage = 1;
                    if let Value::Object(o) = *key {
                        return ContStep::Push(to_primitive(o, Hint::String));
                    }
                    *stage = 2;
                    return vm.keyed_primitive(*op, *obj, *key, *value, *strict);
                }
                if *stage == 1 {
                    *stage = 2;
                    return vm.keyed_primitive(*op, *obj, input, *value, *strict);
                }
                ContStep::Done(input)
            }
            Continuation::Then { value, use_input } => {
                ContStep::Done(if *use_input { input } else { *value })
            }
            Continuation::SuperCall {
                dst: _,
                stage,
                result,
                func,
            } => {
                if *stage == 0 {
                    *stage = 1;
                    *result = input;
                    return match vm.bind_super_this(input, *func) {
                        Ok(fields) if fields.is_empty() => ContStep::Done(input),
                        Ok(fields) => ContStep::Push(Continuation::InitFields {
                            fields,
                            this: input,
                            index: 0,
                            stage: 0,
                        }),
                        Err(e) => ContStep::Throw(e),
                    };
                }
                ContStep::Done(*result)
            }
            Continuation::GetIter {
                src,
                dst,
                stage,
                iter,
            } => match get_iter_step(vm, *src, stage, iter, input) {
                Ok(Some(next)) => {
                    vm.set_top_reg(dst.wrapping_add(1), next);
                    ContStep::Done(*iter)
                }
                Ok(None) => step_call_or_done(vm, stage),
                Err(step) => step,
            },
            Continuation::IterNext {
                iter,
                next,
                dst,
                offset,
                stage,
                result,
            } => {
                let mut input = input;
                loop {
                    match *stage {
                        0 => {
                            *stage = 1;
                            return ContStep::Call {
                                callee: *next,
                                this: *iter,
                                args: Vec::new(),
                            };
                        }
                        1 => {
                            // IteratorNext: the result must be an object.
                            let Value::Object(r) = input else {
                                return ContStep::Throw(
                                    vm.type_error("Iterator result is not an object"),
                                );
                            };
                            *result = input;
                            *stage = 2;
                            match r.get(vm.gcx, vm.names.done) {
                                Lookup::Value(v) => input = v,
                                Lookup::Getter(g) => {
                                    return ContStep::Call {
                                        callee: Value::Object(g),
                                        this: *result,
                                        args: Vec::new(),
                                    }
                                }
                            }
                        }
                        2 => {
                            if ops::to_boolean(input) {
                                vm.jump_top(*offset);
                                return ContStep::Done(Value::Undefined);
                            }
                            *stage = 3;
                            let Value::Object(r) = *result else {
                                return ContStep::Done(Value::Undefined);
                            };
                            match r.get(vm.gcx, vm.names.value) {
                                Lookup::Value(v) => input = v,
                                Lookup::Getter(g) => {
                                    return ContStep::Call {
                                        callee: Value::Object(g),
                                        this: *result,
                                        args: Vec::new(),
                                    }
                                }
                            }
                        }
                        _ => {
                            vm.set_top_reg(*dst, input);
                            return ContStep::Done(Value::Undefined);
                        }
                    }
                }
            }
            Continuation::IterClose { iter, stage } => {
                let Value::Object(it) = *iter else {
                    return ContStep::Done(Value::Undefined);
                };
                let key = vm.return_key();
                let mut input = input;
                loop {
                    match *stage {
                        0 => {
                            *stage = 1;
                            match it.get(vm.gcx, key) {
                                Lookup::Value(v) => input = v,
                                Lookup::Getter(g) => {
                                    return ContStep::Call {
                                        callee: Value::Object(g),
                                        this: *iter,
                                        args: Vec::new(),
                                    }
                                }
                            }
                        }
                        1 => {
                            if input.is_nullish() {
                                return ContStep::Done(Value::Undefined);
                            }
                            *stage = 2;
                            return ContStep::Call {
                                callee: input,
                                this: *iter,
                                args: Vec::new(),
                            };
                        }
                        _ => {
                            return if matches!(input, Value::Object(_)) {
                                ContStep::Done(Value::Undefined)
                            } else {
                                ContStep::Throw(vm.type_error("Iterator result is not an object"))
                            };
                        }
                    }
                }
            }
            Continuation::IterCloseQuiet { iter, stage } => {
                let Value::Object(it) = *iter else {
                    return ContStep::Done(Value::Undefined);
                };
                match *stage {
                    0 => {
                        // 3. GetMethod(iterator, "return").
                        let key = vm.return_key();
                        let m = match it.get(vm.gcx, key) {
                            Lookup::Value(v) => v,
                            Lookup::Getter(g) => {
                                *stage = 1;
                                return ContStep::Call {
                                    callee: Value::Object(g),
                                    this: *iter,
                                    args: Vec::new(),
                                };
                            }
                        };
                        close_quiet_call(iter, stage, m)
                    }
                    1 => close_quiet_call(iter, stage, input),
                    // 5. The call's result or throw (kept by `catch`, stage 3) is dropped.
                    _ => ContStep::Done(Value::Undefined),
                }
            }
            Continuation::Spread {
                arr,
                src,
                iter,
                next,
                stage,
            } => {
                let mut input = input;
                loop {
                    match *stage {
                        0..=3 => {
                            // GetIterator, reusing its state machine.
                            match get_iter_step(vm, *src, stage, iter, input) {
                                Ok(Some(n)) => {
                                    *next = n;
                                    *stage = 10;
                                }
                                Ok(None) => return step_call_or_done(vm, stage),
                                Err(step) => return step,
                            }
                        }
                        10 => {
                            *stage = 11;
                            return ContStep::Call {
                                callee: *next,
                                this: *iter,
                                args: Vec::new(),
                            };
                        }
                        11 => {
                            let Value::Object(r) = input else {
                                return ContStep::Throw(
                                    vm.type_error("Iterator result is not an object"),
                                );
                            };
                            *src = input;
                            *stage = 12;
                            match r.get(vm.gcx, vm.names.done) {
                                Lookup::Value(v) => input = v,
                                Lookup::Getter(g) => {
                                    return ContStep::Call {
                                        callee: Value::Object(g),
                                        this: *src,
                                        args: Vec::new(),
                                    }
                                }
                            }
                        }
                        12 => {
                            if ops::to_boolean(input) {
                                return ContStep::Done(Value::Undefined);
                            }
                            *stage = 13;
                            let Value::Object(r) = *src else {
                                return ContStep::Done(Value::Undefined);
                            };
                            match r.get(vm.gcx, vm.names.value) {
                                Lookup::Value(v) => input = v,
                                Lookup::Getter(g) => {
                                    return ContStep::Call {
                                        callee: Value::Object(g),
                                        this: *src,
                                        args: Vec::new(),
                                    }
                                }
                            }
                        }
                        _ => {
                            if let Err(e) = vm.array_append(*arr, input) {
                                return ContStep::Throw(e);
                            }
                            *stage = 10;
                        }
                    }
                }
            }
            Continuation::InitFields {
                fields,
                this,
                index,
                stage,
            } => {
                let mut input = input;
                loop {
                    if *stage == 1 {
                        // The initialiser returned `input`: define the field.
                        let key = fields
                            .get(*index as usize)
                            .map_or(Value::Undefined, |f| f.0);
                        if let Err(e) = vm.define_instance_field(*this, key, input) {
                            return ContStep::Throw(e);
                        }
                        *index += 1;
                        *stage = 0;
                    }
                    let Some(&(_, init)) = fields.get(*index as usize) else {
                        return ContStep::Done(Value::Undefined);
                    };
                    *stage = 1;
                    if init.is_undefined() {
                        input = Value::Undefined;
                        continue;
                    }
                    return ContStep::Call {
                        callee: init,
                        this: *this,
                        args: Vec::new(),
                    };
                }
            }
        }
    }
}

/// The GetIterator steps shared by `GetIter` and `Spread` (stages 0-3): `Ok(Some(next))` when
/// the iterator is in `iter`, `Ok(None)` when a call was requested (see `stage`), `Err` to stop.
fn get_iter_step<'gc>(
    vm: &mut Vm<'gc>,
    src: Value<'gc>,
    stage: &mut u8,
    iter: &mut Value<'gc>,
    input: Value<'gc>,
) -> Result<Option<Value<'gc>>, ContStep<'gc>> {
    let mut input = input;
    loop {
        match *stage {
            0 => {
                // GetMethod(obj, @@iterator).
                *stage = 1;
                let key = crate::value::PropertyKey::Symbol(vm.symbols.iterator);
                match vm.get_value(src, key) {
                    Ok(Lookup::Value(v)) => input = v,
                    Ok(Lookup::Getter(g)) => {
                        vm.pending_call = Some((Value::Object(g), src, Vec::new()));
                        return Ok(None);
                    }
                    Err(e) => return Err(ContStep::Throw(e)),
                }
            }
            1 => {
                if !input.as_object().is_some_and(|o| o.is_callable()) {
                    return Err(ContStep::Throw(vm.type_error("object is not iterable")));
                }
                *stage = 2;
                vm.pending_call = Some((input, src, Vec::new()));
                return Ok(None);
            }
            2 => {
                let Value::Object(it) = input else {
                    return Err(ContStep::Throw(vm.type_error(
                        "Result of the Symbol.iterator method is not an object",
                    )));
                };
                *iter = input;
                // The `next` method is read once; a getter runs in a frame and its result
                // arrives at stage 3.
                return match it.get(vm.gcx, vm.names.next) {
                    Lookup::Value(v) => Ok(Some(v)),
                    Lookup::Getter(g) => {
                        *stage = 3;
                        vm.pending_call = Some((Value::Object(g), input, Vec::new()));
                        Ok(None)
                    }
                };
            }
            _ => return Ok(Some(input)),
        }
    }
}

/// IteratorClose on a throw completion, step 4: call `return` unless it is undefined or null
/// (a non-callable one throws, which `catch` drops like any other throw).
fn close_quiet_call<'gc>(iter: &Value<'gc>, stage: &mut u8, method: Value<'gc>) -> ContStep<'gc> {
    if method.is_nullish() {
        return ContStep::Done(Value::Undefined);
    }
    *stage = 2;
    ContStep::Call {
        callee: method,
        this: *iter,
        args: Vec::new(),
    }
}

/// Turn a call requested by `get_iter_step` into a step.
fn step_call_or_done<'gc>(vm: &mut Vm<'gc>, _stage: &mut u8) -> ContStep<'gc> {
    match vm.pending_call.take() {
        Some((callee, this, args)) => ContStep::Call { callee, this, args },
        None => ContStep::Done(Value::Undefined),
    }
}

fn step_result<'gc>(r: Result<Value<'gc>, Value<'gc>>) -> ContStep<'gc> {
    match r {
        Ok(v) => ContStep::Done(v),
        Err(e) => ContStep::Throw(e),
    }
}

/// The script-running part of ArraySetLength (<https://tc39.es/ecma262/#sec-arraysetlength>)
/// for `[[Set]]`: 0 ToPrimitive for ToUint32 -> 1 ToPrimitive again for ToNumber -> 2 compare
/// and define. The value is an object (primitives never need a continuation).
fn array_set_length_step<'gc>(
    vm: &mut Vm<'gc>,
    array: Object<'gc>,
    value: Value<'gc>,
    throw: bool,
    stage: &mut u8,
    new_len: &mut u32,
    input: Value<'gc>,
) -> ContStep<'gc> {
    let Value::Object(obj) = value else {
        return ContStep::Done(value);
    };
    match *stage {
        0 => {
            *stage = 1;
            ContStep::Push(to_primitive(obj, Hint::Number))
        }
        1 => {
            // 3. Let newLen be ? ToUint32(Desc.[[Value]]).
            match vm.unary_primitive(UnOp::ToNumber, input) {
                Ok(Value::Number(n)) => *new_len = ops::to_uint32(n),
                Ok(_) => *new_len = 0,
                Err(e) => return ContStep::Throw(e),
            }
            *stage = 2;
            // 4. Let numberLen be ? ToNumber(Desc.[[Value]]) (a second, observable conversion).
            ContStep::Push(to_primitive(obj, Hint::Number))
        }
        _ => {
            let number_len = match vm.unary_primitive(UnOp::ToNumber, input) {
                Ok(Value::Number(n)) => n,
                Ok(_) => f64::NAN,
                Err(e) => return ContStep::Throw(e),
            };
            // 5. If SameValueZero(newLen, numberLen) is false, throw a RangeError.
            if f64::from(*new_len) != number_len {
                return ContStep::Throw(vm.error(
                    moat_bytecode::isa::ErrorKind::RangeError,
                    "Invalid array length",
                ));
            }
            // 6-. The rest of ArraySetLength with the converted number, whose conversions are
            // unobservable; OrdinarySetWithOwnDescriptor passes only [[Value]].
            let desc = crate::object::PropertyDescriptor {
                value: Some(Value::Number(number_len)),
                ..Default::default()
            };
            match array.define_own_property(vm.gcx, vm.gcx.length, desc) {
                Ok(true) => ContStep::Done(value),
                Ok(false) if !throw => ContStep::Done(value),
                Ok(false) => ContStep::Throw(
                    vm.type_error("Cannot assign to read only property 'length' of array"),
                ),
                Err(e) => ContStep::Throw(vm.error(e.kind, e.message)),
            }
        }
    }
}

/// An ArraySetLength continuation: `array.length = value` for an object `value`.
pub fn array_set_length<'gc>(
    array: Object<'gc>,
    value: Value<'gc>,
    throw: bool,
) -> Continuation<'gc> {
    Continuation::ArraySetLength {
        array,
        value,
        throw,
        stage: 0,
        new_len: 0,
    }
}

/// A ToPrimitive continuation for `obj`.
pub fn to_primitive(obj: Object<'_>, hint: Hint) -> Continuation<'_> {
    Continuation::ToPrimitive {
        obj,
        hint,
        stage: 0,
        index: 0,
    }
}

/// The ToPrimitive state machine:
/// 0 get @@toPrimitive -> 1 call it (or go ordinary) -> 2 check its result;
/// 3 get the next of valueOf/toString -> 4 call it if callable -> 5 accept a primitive result.
fn to_primitive_step<'gc>(
    vm: &mut Vm<'gc>,
    obj: Object<'gc>,
    hint: Hint,
    stage: &mut u8,
    index: &mut u8,
    input: Value<'gc>,
) -> ContStep<'gc> {
    let mut input = input;
    loop {
        match *stage {
            0 => {
                // 1.a. GetMethod(input, @@toPrimitive).
                *stage = 1;
                let key = crate::value::PropertyKey::Symbol(vm.symbols.to_primitive);
                match obj.get(vm.gcx, key) {
                    Lookup::Value(v) => input = v,
                    Lookup::Getter(g) => {
                        return ContStep::Call {
                            callee: Value::Object(g),
                            this: Value::Object(obj),
                            args: Vec::new(),
                        }
                    }
                }
            }
            1 => {
                if input.is_nullish() {
                    // 2. OrdinaryToPrimitive.
                    *stage = 3;
                    *index = 0;
                    continue;
                }
                if !input.as_object().is_some_and(|o| o.is_callable()) {
                    return ContStep::Throw(vm.type_error("Symbol.toPrimitive is not a function"));
                }
                *stage = 2;
                let h = Value::String(crate::string::JsString::from_str(vm.gcx, hint.name()));
                return ContStep::Call {
                    callee: input,
                    this: Value::Object(obj),
                    args: vec![h],
                };
            }
            2 => {
                return if matches!(input, Value::Object(_)) {
                    ContStep::Throw(vm.type_error("Cannot convert object to primitive value"))
                } else {
                    ContStep::Done(input)
                };
            }
            3 => {
                if *index >= 2 {
                    return ContStep::Throw(
                        vm.type_error("Cannot convert object to primitive value"),
                    );
                }
                // OrdinaryToPrimitive (<https://tc39.es/ecma262/#sec-ordinarytoprimitive>) steps 1-3.
                let string_first = hint == Hint::String;
                let key = if (*index == 0) == string_first {
                    vm.names.to_string
                } else {
                    vm.names.value_of
                };
                *stage = 4;
                match obj.get(vm.gcx, key) {
                    Lookup::Value(v) => input = v,
                    Lookup::Getter(g) => {
                        return ContStep::Call {
                            callee: Value::Object(g),
                            this: Value::Object(obj),
                            args: Vec::new(),
                        }
                    }
                }
            }
            4 => {
                if input.as_object().is_some_and(|o| o.is_callable()) {
                    *stage = 5;
                    return ContStep::Call {
                        callee: input,
                        this: Value::Object(obj),
                        args: Vec::new(),
                    };
                }
                *index += 1;
                *stage = 3;
            }
            _ => {
                if !matches!(input, Value::Object(_)) {
                    return ContStep::Done(input);
                }
                *index += 1;
                *stage = 3;
            }
        }
    }
}
