//! Generators, async functions and async generators: a suspended activation keeps its whole
//! frame (registers, pc, environments, handlers) in a heap [`Coroutine`] and resumes by pushing
//! it back onto the frame stack, so nothing ever waits on the Rust stack.
//!
//! - <https://tc39.es/ecma262/#sec-generator-objects>
//! - <https://tc39.es/ecma262/#sec-async-function-objects>
//! - <https://tc39.es/ecma262/#sec-asyncgenerator-objects>

use std::collections::VecDeque;

use gc_arena::Collect;
use moat_bytecode::code::CodeFlags;
use moat_bytecode::isa::{ErrorKind, Reg};

use crate::async_gen_settle::{AsyncGenSettle, PHASE_YIELD_SETTLED};
use crate::cont::Continuation;
use crate::heap::HeapTicket;
use crate::interp::{Flow, Frame, NativeFrame, ReturnTo, ScriptFrame, Vm};
use crate::object::{Lookup, Object, ObjectKind};
use crate::promise::Handler;
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::value::Value;

/// The resumption kinds the compiler dispatches on (in `dst + 1` after a `Yield`).
pub const NEXT: u8 = 0;
pub const THROW: u8 = 1;
pub const RETURN: u8 = 2;

/// A `phase` marking an `await` whose rejection is ignored (AsyncIteratorClose on a throw).
pub(crate) const PHASE_QUIET_AWAIT: u8 = 9;

/// What kind of body a coroutine runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
pub enum CoroKind {
    Generator,
    AsyncFunction,
    AsyncGenerator,
}

/// [[GeneratorState]] / [[AsyncGeneratorState]].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
pub enum CoroState {
    SuspendedStart,
    SuspendedYield,
    Executing,
    /// Async generators only: completed, settling queued `return` requests.
    DrainingQueue,
    Completed,
}

/// An AsyncGeneratorRequest (<https://tc39.es/ecma262/#sec-asyncgeneratorrequest-records>):
/// the completion (kind and value) and the %Promise% capability's promise.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct AsyncGenRequest<'gc> {
    pub kind: u8,
    pub value: Value<'gc>,
    pub promise: Object<'gc>,
}

/// The slots of a generator, async generator, or async function activation.
#[derive(Collect)]
#[collect(no_drop)]
pub struct Coroutine<'gc> {
    pub kind: CoroKind,
    pub state: CoroState,
    /// The suspended frame and its registers (absent while running or once completed).
    pub frame: Option<ScriptFrame<'gc>>,
    pub regs: Vec<Value<'gc>>,
    /// The register that receives the resumption value.
    pub resume_reg: Reg,
    /// Async functions: the promise the call returned.
    pub promise: Option<Object<'gc>>,
    /// Async generators: [[AsyncGeneratorQueue]].
    pub queue: VecDeque<AsyncGenRequest<'gc>>,
    ticket: HeapTicket,
}

/// A native's request to resume a generator in place of returning (see `Vm::perform_tail`).
#[derive(Collect)]
#[collect(no_drop)]
pub enum Tail<'gc> {
    /// Resume a generator; its frame's result goes to the native's caller. `set` says whether
    /// the resumption value and kind are written (not on the first `next`).
    Generator {
        gen: Object<'gc>,
        value: Value<'gc>,
        kind: u8,
        set: bool,
    },
    /// Resume an async generator; the caller receives the native's result (its promise).
    AsyncGenerator {
        gen: Object<'gc>,
        value: Value<'gc>,
        kind: u8,
        set: bool,
    },
}

/// Run `f` on the coroutine slots of `o` (`None` when `o` is not a coroutine).
pub(crate) fn with_coro<'gc, R>(
    vm: &Vm<'gc>,
    o: Object<'gc>,
    f: impl FnOnce(&mut Coroutine<'gc>) -> R,
) -> Option<R> {
    let mut d = o.borrow_mut(vm.gcx.mc);
    match &mut d.kind {
        ObjectKind::Coroutine(c) => Some(f(c)),
        _ => None,
    }
}

/// The kind and state of coroutine `o`.
pub(crate) fn coro_info(o: Object<'_>) -> Option<(CoroKind, CoroState)> {
    match &o.borrow().kind {
        ObjectKind::Coroutine(c) => Some((c.kind, c.state)),
        _ => None,
    }
}

/// The function object's extras: generator functions get %GeneratorFunction.prototype% as
/// [[Prototype]] and a `prototype` object inheriting %GeneratorPrototype%; async functions get
/// %AsyncFunction.prototype%; async generators the async generator counterparts
/// (<https://tc39.es/ecma262/#sec-runtime-semantics-instantiategeneratorfunctionobject>).
pub(crate) fn setup_closure<'gc>(
    vm: &mut Vm<'gc>,
    f: Object<'gc>,
    flags: CodeFlags,
    realm: Realm<'gc>,
) {
    let ci = &realm.intrinsics().coro;
    let gen = flags.contains(CodeFlags::GENERATOR);
    let asy = flags.contains(CodeFlags::ASYNC);
    let (fproto, iproto) = match (gen, asy) {
        (true, false) => (
            ci.generator_function_prototype,
            Some(ci.generator_prototype),
        ),
        (true, true) => (
            ci.async_generator_function_prototype,
            Some(ci.async_generator_prototype),
        ),
        _ => (ci.async_function_prototype, None),
    };
    f.borrow_mut(vm.gcx.mc).prototype = Some(fproto);
    if let Some(ip) = iproto {
        let p = Object::new(vm.gcx, Some(ip), ObjectKind::Ordinary);
        f.put_data(
            vm.gcx,
            vm.names.prototype,
            Value::Object(p),
            Attrs(Attrs::WRITABLE),
        );
    }
}

impl<'gc> Vm<'gc> {
    fn new_coroutine(&mut self, kind: CoroKind, proto: Option<Object<'gc>>) -> Object<'gc> {
        let c = Coroutine {
            kind,
            state: CoroState::Executing,
            frame: None,
            regs: Vec::new(),
            resume_reg: 0,
            promise: None,
            queue: VecDeque::new(),
            ticket: self.gcx.ticket(128),
        };
        Object::new(self.gcx, proto, ObjectKind::Coroutine(Box::new(c)))
    }

    /// Pop the top script frame with its registers.
    fn take_top_frame(&mut self) -> Option<(ScriptFrame<'gc>, Vec<Value<'gc>>)> {
        match self.st.frames.last() {
            Some(Frame::Script(_)) => {}
            _ => return None,
        }
        let Some(Frame::Script(f)) = self.st.frames.pop() else {
            return None;
        };
        let base = (f.base as usize).min(self.st.regs.len());
        let regs = self.st.regs.split_off(base);
        Some((f, regs))
    }

    /// Suspend the running frame into coroutine `c`; returns where its result was going.
    fn suspend_into(&mut self, c: Object<'gc>, resume_reg: Reg, state: CoroState) -> ReturnTo {
        let Some((mut f, regs)) = self.take_top_frame() else {
            return ReturnTo::Discard;
        };
        let ret = f.ret;
        f.ret = ReturnTo::Discard;
        f.coro = Some(c);
        let bytes = 128 + regs.len() * std::mem::size_of::<Value<'gc>>();
        let mc = self.gcx.mc;
        with_coro(self, c, |co| {
            co.frame = Some(f);
            co.regs = regs;
            co.resume_reg = resume_reg;
            if co.state != CoroState::SuspendedStart || state != CoroState::Executing {
                co.state = state;
            }
            co.ticket.0.resize(mc, bytes);
        });
        ret
    }

    /// Push the suspended frame of `c` back with its result going to `ret`; returns its base
    /// and resumption register.
    fn resume_coro(&mut self, c: Object<'gc>, ret: ReturnTo) -> Result<(u32, Reg), Value<'gc>> {
        if self.st.frames.len() >= self.budget.max_frames {
            return Err(self.error(ErrorKind::RangeError, "Maximum call stack size exceeded"));
        }
        let mc = self.gcx.mc;
        let taken = with_coro(self, c, |co| {
            let f = co.frame.take();
            let regs = std::mem::take(&mut co.regs);
            co.state = CoroState::Executing;
            co.ticket.0.resize(mc, 128);
            f.map(|f| (f, regs, co.resume_reg))
        })
        .flatten();
        let Some((mut f, regs, reg)) = taken else {
            return Err(self.type_error("generator is not suspended"));
        };
        let base = self.st.regs.len();
        self.st.regs.extend(regs);
        f.base = base as u32;
        f.ret = ret;
        self.st.frames.push(Frame::Script(f));
        Ok((base as u32, reg))
    }

    /// AsyncFunctionStart (<https://tc39.es/ecma262/#sec-async-functions-abstract-operations-async-function-start>):
    /// the freshly pushed frame gets its activation and result promise.
    pub(crate) fn async_function_start(&mut self, realm: Realm<'gc>) {
        let promise = self.new_promise(realm);
        let c = self.new_coroutine(CoroKind::AsyncFunction, None);
        with_coro(self, c, |co| co.promise = Some(promise));
        if let Some(f) = self.top_script() {
            f.coro = Some(c);
        }
    }

    /// `GeneratorStart`: OrdinaryCreateFromConstructor(functionObject, "%GeneratorPrototype%")
    /// then the initial suspension; the generator object goes to the caller
    /// (<https://tc39.es/ecma262/#sec-runtime-semantics-evaluategeneratorbody>).
    pub(crate) fn generator_start(&mut self) -> Result<Flow, Value<'gc>> {
        let Some(f) = self.frame() else {
            return Ok(Flow::Switch);
        };
        let is_async = f.code.0.flags.contains(CodeFlags::ASYNC);
        let (callee, realm) = (f.callee, f.realm);
        let proto = match callee.map(|c| c.get(self.gcx, self.names.prototype)) {
            Some(Lookup::Value(Value::Object(p))) => p,
            _ => {
                let r = callee.and_then(|c| self.function_realm(c)).unwrap_or(realm);
                let ci = &r.intrinsics().coro;
                if is_async {
                    ci.async_generator_prototype
                } else {
                    ci.generator_prototype
                }
            }
        };
        let kind = if is_async {
            CoroKind::AsyncGenerator
        } else {
            CoroKind::Generator
        };
        let g = self.new_coroutine(kind, Some(proto));
        let ret = self.suspend_into(g, 0, CoroState::SuspendedStart);
        with_coro(self, g, |co| co.state = CoroState::SuspendedStart);
        self.deliver(ret, Value::Object(g));
        Ok(Flow::Switch)
    }

    /// `Yield` / `YieldRaw`: GeneratorYield, or AsyncGeneratorYield
    /// (<https://tc39.es/ecma262/#sec-generatoryield>, <https://tc39.es/ecma262/#sec-asyncgeneratoryield>).
    pub(crate) fn yield_value(
        &mut self,
        dst: Reg,
        v: Value<'gc>,
        raw: bool,
    ) -> Result<Flow, Value<'gc>> {
        let Some(c) = self.frame().and_then(|f| f.coro) else {
            return Err(self.error(
                ErrorKind::SyntaxError,
                "internal error: yield outside a generator",
            ));
        };
        let Some((kind, _)) = coro_info(c) else {
            return Ok(Flow::Next);
        };
        if kind == CoroKind::AsyncGenerator {
            // AsyncGeneratorYield steps 9-12. A `then` getter met by the completion step runs
            // in a frame, then this instruction re-executes past the step.
            if self.frame().is_some_and(|f| f.phase == PHASE_YIELD_SETTLED) {
                if let Some(f) = self.top_script() {
                    f.phase = 0;
                }
            } else if let Some(cont) = self.async_gen_complete_step_in_frames(c, Ok(v), false) {
                if let Some(f) = self.top_script() {
                    f.phase = PHASE_YIELD_SETTLED;
                    f.pc = f.pc.saturating_sub(1);
                }
                self.st.pending = None;
                self.st.frames.push(Frame::Native(NativeFrame {
                    cont,
                    ret: ReturnTo::Discard,
                }));
                return Ok(Flow::Switch);
            }
            let next = with_coro(self, c, |co| co.queue.front().copied()).flatten();
            if let Some(req) = next {
                // Execution continues without suspending.
                let base = self.frame().map_or(0, |f| f.base);
                self.set_reg(base, dst, req.value);
                self.set_reg(
                    base,
                    dst.wrapping_add(1),
                    Value::Number(f64::from(req.kind)),
                );
                return Ok(Flow::Next);
            }
            let ret = self.suspend_into(c, dst, CoroState::SuspendedYield);
            self.deliver(ret, Value::Undefined);
            return Ok(Flow::Switch);
        }
        let ret = self.suspend_into(c, dst, CoroState::SuspendedYield);
        let result = if raw {
            v
        } else {
            Value::Object(self.iter_result_object(v, false))
        };
        self.deliver(ret, result);
        Ok(Flow::Switch)
    }

    /// `Await` (<https://tc39.es/ecma262/#await>): PromiseResolve(%Promise%, v), then suspend
    /// until a reaction job resumes the frame.
    pub(crate) fn await_value(&mut self, dst: Reg, v: Value<'gc>) -> Result<Flow, Value<'gc>> {
        let Some(c) = self.frame().and_then(|f| f.coro) else {
            return Err(self.error(
                ErrorKind::SyntaxError,
                "internal error: await outside an async function",
            ));
        };
        let realm = self.current_realm();
        // A getter in PromiseResolve's way runs in a frame first (`async_iter::AwaitCont`).
        let promise = match self.promise_resolve_intrinsic_or_cont(realm, v) {
            Ok(p) => p?,
            Err(resolve) => return Ok(crate::async_iter::push_await(self, dst, resolve)),
        };
        self.await_promise(c, dst, promise);
        Ok(Flow::Switch)
    }

    /// Await's steps after PromiseResolve: PerformPromiseThen on `promise`, then suspend the
    /// running frame (coroutine `c`) until a reaction job resumes it into `dst`.
    pub(crate) fn await_promise(&mut self, c: Object<'gc>, dst: Reg, promise: Object<'gc>) {
        self.perform_then(promise, Handler::Await(c), Handler::Await(c), None);
        let ret = self.suspend_into(c, dst, CoroState::Executing);
        let out = match coro_info(c) {
            Some((CoroKind::AsyncFunction, _)) => with_coro(self, c, |co| co.promise)
                .flatten()
                .map_or(Value::Undefined, Value::Object),
            _ => Value::Undefined,
        };
        self.deliver(ret, out);
    }

    /// A settled await: resume the frame with the value, or throw the reason into it.
    pub(crate) fn resume_from_await(&mut self, c: Object<'gc>, value: Value<'gc>, rejected: bool) {
        let (base, reg) = match self.resume_coro(c, ReturnTo::Discard) {
            Ok(r) => r,
            Err(_) => return,
        };
        // A multi-step async iteration instruction re-executes in its next phase.
        let phase = self.frame().map_or(0, |f| f.phase);
        if phase == PHASE_QUIET_AWAIT {
            if let Some(f) = self.top_script() {
                f.phase = crate::async_iter::PHASE_QUIET_DONE;
                f.pc = f.pc.saturating_sub(1);
            }
            return;
        }
        if rejected {
            self.throw(value);
            return;
        }
        self.set_reg(base, reg, value);
        if phase != 0 {
            if let Some(f) = self.top_script() {
                f.pc = f.pc.saturating_sub(1);
            }
        }
    }

    /// A coroutine frame returned `v` (its frame is already popped).
    pub(crate) fn coro_return(&mut self, c: Object<'gc>, ret: ReturnTo, v: Value<'gc>) {
        match coro_info(c).map(|i| i.0) {
            Some(CoroKind::Generator) => {
                with_coro(self, c, |co| co.state = CoroState::Completed);
                let r = self.iter_result_object(v, true);
                self.deliver(ret, Value::Object(r));
            }
            Some(CoroKind::AsyncFunction) => {
                // AsyncBlockStart: Call(promiseCapability.[[Resolve]], undefined, « result »),
                // whose `then` getter runs in a frame before the caller gets the promise.
                let Some(p) = with_coro(self, c, |co| co.promise).flatten() else {
                    self.deliver(ret, Value::Undefined);
                    return;
                };
                match self.resolve_promise_then(p, v, Value::Object(p)) {
                    Ok(out) => self.deliver(ret, out),
                    Err(cont) => {
                        self.st.pending = None;
                        self.st
                            .frames
                            .push(Frame::Native(NativeFrame { cont, ret }));
                    }
                }
            }
            Some(CoroKind::AsyncGenerator) => {
                // AsyncGeneratorStart step 4.
                with_coro(self, c, |co| co.state = CoroState::DrainingQueue);
                let settle = AsyncGenSettle::new(c, Some((Ok(v), true)), true, Value::Undefined);
                self.push_async_gen_settle(settle, ret);
            }
            None => self.deliver(ret, v),
        }
    }

    /// A throw left coroutine frame `c`: `true` when it was absorbed (async bodies reject).
    pub(crate) fn coro_throw(&mut self, c: Object<'gc>, ret: ReturnTo, e: Value<'gc>) -> bool {
        match coro_info(c).map(|i| i.0) {
            Some(CoroKind::Generator) => {
                with_coro(self, c, |co| co.state = CoroState::Completed);
                false
            }
            Some(CoroKind::AsyncFunction) => {
                let p = with_coro(self, c, |co| co.promise).flatten();
                if let Some(p) = p {
                    self.reject_promise(p, e);
                }
                self.deliver(ret, p.map_or(Value::Undefined, Value::Object));
                true
            }
            Some(CoroKind::AsyncGenerator) => {
                with_coro(self, c, |co| co.state = CoroState::DrainingQueue);
                let settle = AsyncGenSettle::new(c, Some((Err(e), true)), true, Value::Undefined);
                self.push_async_gen_settle(settle, ret);
                true
            }
            None => false,
        }
    }

    /// Carry out a native's [`Tail`] request in place of delivering its result `v` to `ret`.
    pub(crate) fn perform_tail(
        &mut self,
        t: Tail<'gc>,
        v: Value<'gc>,
        ret: ReturnTo,
    ) -> Result<(), Value<'gc>> {
        match t {
            Tail::Generator {
                gen,
                value,
                kind,
                set,
            } => {
                let (base, reg) = self.resume_coro(gen, ret)?;
                if set {
                    self.set_reg(base, reg, value);
                    self.set_reg(base, reg.wrapping_add(1), Value::Number(f64::from(kind)));
                }
                Ok(())
            }
            Tail::AsyncGenerator {
                gen,
                value,
                kind,
                set,
            } => {
                // The caller gets the promise once the body first suspends.
                self.st.pending = None;
                self.st.frames.push(Frame::Native(NativeFrame {
                    cont: Continuation::Then {
                        value: v,
                        use_input: false,
                    },
                    ret,
                }));
                let (base, reg) = match self.resume_coro(gen, ReturnTo::Native) {
                    Ok(r) => r,
                    Err(e) => {
                        self.st.frames.pop();
                        return Err(e);
                    }
                };
                if set {
                    self.set_reg(base, reg, value);
                    self.set_reg(base, reg.wrapping_add(1), Value::Number(f64::from(kind)));
                }
                Ok(())
            }
        }
    }

    /// The settlement of AsyncGeneratorAwaitReturn's promise (a job, no frame below): complete
    /// the request, then drain the queue, in a frame.
    pub(crate) fn async_gen_await_return_settled(
        &mut self,
        c: Object<'gc>,
        v: Value<'gc>,
        rejected: bool,
    ) {
        with_coro(self, c, |co| co.state = CoroState::DrainingQueue);
        let completion = if rejected { Err(v) } else { Ok(v) };
        let settle = AsyncGenSettle::new(c, Some((completion, true)), true, Value::Undefined);
        self.push_async_gen_settle(settle, ReturnTo::Discard);
    }

    /// Whether register `r` of the running frame holds an async iterator record.
    pub(crate) fn is_async_iter(&self, r: Reg) -> bool {
        self.frame().is_some_and(|f| f.async_iters.contains(&r))
    }

    pub(crate) fn unmark_async_iter(&mut self, r: Reg) {
        if let Some(f) = self.top_script() {
            f.async_iters.retain(|x| *x != r);
        }
    }
}
