//! Async iteration: `GetIterator` with `is_async` (<https://tc39.es/ecma262/#sec-getiterator>),
//! the async forms of `IteratorNext`/`IteratorClose` used by `for await` and `yield*` (they
//! await inside the running frame, re-executing the instruction in phases), and the `Await`
//! whose PromiseResolve meets a getter. Every script call they make (the iterator methods, the
//! getters of `next`, `done`, `value`, `return`, `constructor` and `then`) runs in the
//! interpreter's frames through the continuations here, never on the Rust stack.
//! %AsyncFromSyncIteratorPrototype% is in `async_from_sync.rs`.

use gc_arena::Collect;
use moat_bytecode::isa::Reg;

use crate::cont::{get_step, ContStep, Continuation};
use crate::coro::PHASE_QUIET_AWAIT;
use crate::interp::{Flow, Frame, NativeFrame, ReturnTo, Vm};
use crate::object::{Lookup, Object, ObjectKind};
use crate::promise::PromiseResolve;
use crate::realm::Realm;
use crate::value::{PropertyKey, Value};

type Res<'gc, T> = Result<T, Value<'gc>>;

/// IteratorNext: the `next` result went into `dst`, now awaiting it.
const PHASE_NEXT_CALLED: u8 = 1;
/// IteratorNext: the awaited result is in `dst`.
const PHASE_NEXT_AWAITED: u8 = 2;
/// IteratorClose: the awaited `return` result is in `iter + 1`.
const PHASE_CLOSE_AWAITED: u8 = 3;
/// IteratorCloseQuiet: done awaiting.
pub(crate) const PHASE_QUIET_DONE: u8 = 10;

pub(crate) fn callable(v: Value<'_>) -> bool {
    v.as_object().is_some_and(|o| o.is_callable())
}

/// Push `cont` above the running frame (its result is discarded: it finishes the instruction
/// itself); it resumes first with `input`.
fn push_frame<'gc>(vm: &mut Vm<'gc>, cont: Continuation<'gc>, input: Option<Value<'gc>>) -> Flow {
    vm.st.frames.push(Frame::Native(NativeFrame {
        cont,
        ret: ReturnTo::Discard,
    }));
    vm.st.pending = input;
    Flow::Switch
}

/// Start an `Await` into `dst` whose PromiseResolve must call a getter (`resolve`, from
/// `Vm::promise_resolve_intrinsic_or_cont`).
pub(crate) fn push_await<'gc>(
    vm: &mut Vm<'gc>,
    dst: Reg,
    resolve: Box<PromiseResolve<'gc>>,
) -> Flow {
    let quiet = vm.phase() == PHASE_QUIET_AWAIT;
    push_frame(
        vm,
        Continuation::Await(Box::new(AwaitCont {
            dst,
            resolve: Some(resolve),
            quiet,
            caught: false,
        })),
        None,
    )
}

/// Await (<https://tc39.es/ecma262/#await>) in the running frame, PromiseResolve first: its
/// getters run as calls, then the frame below (the awaiting one) suspends.
#[derive(Collect)]
#[collect(no_drop)]
pub struct AwaitCont<'gc> {
    dst: Reg,
    /// The PromiseResolve continuation, taken when started.
    resolve: Option<Box<PromiseResolve<'gc>>>,
    /// AsyncIteratorClose on a throw completion: a throw of PromiseResolve is ignored.
    quiet: bool,
    caught: bool,
}

impl<'gc> AwaitCont<'gc> {
    pub fn catch(&mut self, _e: Value<'gc>) -> bool {
        if self.quiet && self.resolve.is_none() && !self.caught {
            self.caught = true;
            return true;
        }
        false
    }

    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        if let Some(c) = self.resolve.take() {
            return ContStep::Push(Continuation::PromiseResolve(c));
        }
        if self.caught {
            // The ignored throw: the close instruction is finished.
            vm.set_phase(0);
            return ContStep::Done(Value::Undefined);
        }
        let coro = vm.frame().and_then(|f| f.coro);
        if let (Some(c), Value::Object(p)) = (coro, input) {
            vm.await_promise(c, self.dst, p);
        }
        ContStep::Done(Value::Undefined)
    }
}

impl<'gc> Vm<'gc> {
    pub(crate) fn set_phase(&mut self, phase: u8) {
        if let Some(f) = self.top_script() {
            f.phase = phase;
        }
    }

    fn phase(&self) -> u8 {
        self.frame().map_or(0, |f| f.phase)
    }

    fn rewind_pc(&mut self) {
        if let Some(f) = self.top_script() {
            f.pc = f.pc.saturating_sub(1);
        }
    }

    fn frame_base(&self) -> u32 {
        self.frame().map_or(0, |f| f.base)
    }

    /// GetIterator(obj, async): the record into `dst`/`dst + 1`, marked async (in frames).
    pub(crate) fn get_async_iterator(&mut self, dst: Reg, obj: Value<'gc>) -> Res<'gc, Flow> {
        let realm = self.current_realm();
        Ok(push_frame(
            self,
            Continuation::AsyncGetIter(Box::new(AsyncGetIter {
                realm,
                obj,
                dst,
                stage: GetIterStage::AsyncMethod,
                iter: Value::Undefined,
            })),
            None,
        ))
    }

    /// IteratorNext on an async record: call `next` (in a frame), await, then step.
    pub(crate) fn async_iterator_next(
        &mut self,
        dst: Reg,
        iter: Reg,
        offset: i32,
    ) -> Res<'gc, Flow> {
        let base = self.frame_base();
        match self.phase() {
            PHASE_NEXT_CALLED => {
                self.set_phase(PHASE_NEXT_AWAITED);
                let r = self.reg(base, dst);
                self.await_value(dst, r)
            }
            PHASE_NEXT_AWAITED => {
                // IteratorComplete and IteratorValue of the awaited result: the synchronous
                // IteratorNext's tail, whose getters run in frames.
                self.set_phase(0);
                let r = self.reg(base, dst);
                let cont = Continuation::IterNext {
                    iter: Value::Undefined,
                    next: Value::Undefined,
                    dst,
                    offset,
                    stage: 1,
                    result: Value::Undefined,
                };
                Ok(push_frame(self, cont, Some(r)))
            }
            _ => {
                let (it, next) = (self.reg(base, iter), self.reg(base, iter.wrapping_add(1)));
                // Re-run this instruction when the call delivers into `dst`.
                self.set_phase(PHASE_NEXT_CALLED);
                self.rewind_pc();
                if let Err(e) =
                    self.call_function(next, it, Vec::new(), crate::interp::ReturnTo::Reg(dst))
                {
                    self.set_phase(0);
                    if let Some(f) = self.top_script() {
                        f.pc += 1;
                    }
                    return Err(e);
                }
                Ok(Flow::Switch)
            }
        }
    }

    /// AsyncIteratorClose (<https://tc39.es/ecma262/#sec-asynciteratorclose>): `quiet` for a
    /// throw completion (errors and the awaited result are ignored).
    pub(crate) fn async_iterator_close(&mut self, iter: Reg, quiet: bool) -> Res<'gc, Flow> {
        let base = self.frame_base();
        let slot = iter.wrapping_add(1);
        match self.phase() {
            PHASE_CLOSE_AWAITED => {
                self.set_phase(0);
                if !matches!(self.reg(base, slot), Value::Object(_)) {
                    return Err(self.type_error("Iterator result is not an object"));
                }
                Ok(Flow::Next)
            }
            PHASE_QUIET_DONE => {
                self.set_phase(0);
                Ok(Flow::Next)
            }
            _ => {
                let it = self.reg(base, iter);
                let cont = Continuation::AsyncClose(Box::new(AsyncClose {
                    iter: it,
                    slot,
                    quiet,
                    stage: 0,
                    caught: false,
                }));
                Ok(push_frame(self, cont, None))
            }
        }
    }
}

/// Where an [`AsyncGetIter`] stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
enum GetIterStage {
    /// GetMethod(obj, @@asyncIterator).
    AsyncMethod,
    /// The method arrived: call it, or go for @@iterator.
    GotAsyncMethod,
    /// GetMethod(obj, @@iterator).
    SyncMethod,
    /// The sync method arrived: call it.
    GotSyncMethod,
    /// The iterator arrived (`sync`: from @@iterator): read its `next`.
    GotIterator { sync: bool },
    /// `next` arrived: finish the record.
    GotNext { sync: bool },
}

/// GetIterator(obj, async) (<https://tc39.es/ecma262/#sec-getiterator>) with
/// CreateAsyncFromSyncIterator (<https://tc39.es/ecma262/#sec-createasyncfromsynciterator>) for
/// a sync iterable; the record goes into registers `dst`/`dst + 1` of the frame below.
#[derive(Collect)]
#[collect(no_drop)]
pub struct AsyncGetIter<'gc> {
    realm: Realm<'gc>,
    obj: Value<'gc>,
    dst: Reg,
    stage: GetIterStage,
    iter: Value<'gc>,
}

impl<'gc> AsyncGetIter<'gc> {
    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        let mut input = input;
        loop {
            match self.stage {
                GetIterStage::AsyncMethod => {
                    self.stage = GetIterStage::GotAsyncMethod;
                    let key = PropertyKey::Symbol(vm.symbols.async_iterator);
                    match get_step(vm, self.obj, key) {
                        Ok(v) => input = v,
                        Err(step) => return step,
                    }
                }
                GetIterStage::GotAsyncMethod => {
                    if input.is_nullish() {
                        self.stage = GetIterStage::SyncMethod;
                        continue;
                    }
                    if !callable(input) {
                        return ContStep::Throw(vm.type_error("method is not a function"));
                    }
                    self.stage = GetIterStage::GotIterator { sync: false };
                    return ContStep::Call {
                        callee: input,
                        this: self.obj,
                        args: Vec::new(),
                    };
                }
                GetIterStage::SyncMethod => {
                    self.stage = GetIterStage::GotSyncMethod;
                    let key = PropertyKey::Symbol(vm.symbols.iterator);
                    match get_step(vm, self.obj, key) {
                        Ok(v) => input = v,
                        Err(step) => return step,
                    }
                }
                GetIterStage::GotSyncMethod => {
                    if input.is_nullish() {
                        return ContStep::Throw(vm.type_error("object is not async iterable"));
                    }
                    if !callable(input) {
                        return ContStep::Throw(vm.type_error("method is not a function"));
                    }
                    self.stage = GetIterStage::GotIterator { sync: true };
                    return ContStep::Call {
                        callee: input,
                        this: self.obj,
                        args: Vec::new(),
                    };
                }
                GetIterStage::GotIterator { sync } => {
                    if !matches!(input, Value::Object(_)) {
                        return ContStep::Throw(vm.type_error(if sync {
                            "Result of the Symbol.iterator method is not an object"
                        } else {
                            "Result of the Symbol.asyncIterator method is not an object"
                        }));
                    }
                    self.iter = input;
                    self.stage = GetIterStage::GotNext { sync };
                    match get_step(vm, input, vm.names.next) {
                        Ok(v) => input = v,
                        Err(step) => return step,
                    }
                }
                GetIterStage::GotNext { sync } => {
                    let (iter, next) = if sync {
                        // CreateAsyncFromSyncIterator: the wrapper's `next` is the intrinsic's
                        // data property (the prototype is never exposed to script).
                        let proto = self
                            .realm
                            .intrinsics()
                            .coro
                            .async_from_sync_iterator_prototype;
                        let wrapper = Object::new(
                            vm.gcx,
                            Some(proto),
                            ObjectKind::AsyncFromSyncIter(Box::new((self.iter, input))),
                        );
                        let wnext = match wrapper.get(vm.gcx, vm.names.next) {
                            Lookup::Value(v) => v,
                            Lookup::Getter(_) => Value::Undefined,
                        };
                        (Value::Object(wrapper), wnext)
                    } else {
                        (self.iter, input)
                    };
                    vm.set_top_reg(self.dst, iter);
                    vm.set_top_reg(self.dst.wrapping_add(1), next);
                    let dst = self.dst;
                    if let Some(f) = vm.top_script() {
                        if !f.async_iters.contains(&dst) {
                            f.async_iters.push(dst);
                        }
                    }
                    return ContStep::Done(Value::Undefined);
                }
            }
        }
    }
}

/// AsyncIteratorClose (<https://tc39.es/ecma262/#sec-asynciteratorclose>) of the record whose
/// iterator is `iter`, up to the `Await` of `return`'s result into `slot` of the frame below
/// (which re-executes the close instruction in its next phase). `quiet`: the completion is a
/// throw, so errors of the getter, the call and the await are ignored.
#[derive(Collect)]
#[collect(no_drop)]
pub struct AsyncClose<'gc> {
    iter: Value<'gc>,
    slot: Reg,
    quiet: bool,
    /// 0: read `return`; 1: call it; 2: await its result.
    stage: u8,
    caught: bool,
}

impl<'gc> AsyncClose<'gc> {
    pub fn catch(&mut self, _e: Value<'gc>) -> bool {
        if self.quiet && self.stage > 0 && !self.caught {
            self.caught = true;
            return true;
        }
        false
    }

    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        if self.caught {
            return ContStep::Done(Value::Undefined);
        }
        let mut input = input;
        loop {
            match self.stage {
                0 => {
                    // 3-4. GetMethod(iterator, "return").
                    self.stage = 1;
                    let key = vm.return_key();
                    match get_step(vm, self.iter, key) {
                        Ok(v) => input = v,
                        Err(ContStep::Throw(_)) if self.quiet => {
                            return ContStep::Done(Value::Undefined)
                        }
                        Err(step) => return step,
                    }
                }
                1 => {
                    if input.is_nullish() {
                        return ContStep::Done(Value::Undefined);
                    }
                    if !callable(input) {
                        if self.quiet {
                            return ContStep::Done(Value::Undefined);
                        }
                        return ContStep::Throw(vm.type_error("method is not a function"));
                    }
                    self.stage = 2;
                    return ContStep::Call {
                        callee: input,
                        this: self.iter,
                        args: Vec::new(),
                    };
                }
                _ => {
                    // 5.b. Await(innerResult); the instruction checks the awaited value.
                    if self.quiet {
                        vm.set_phase(PHASE_QUIET_AWAIT);
                        if vm.await_value(self.slot, input).is_err() {
                            vm.set_phase(0);
                        }
                        return ContStep::Done(Value::Undefined);
                    }
                    vm.set_phase(PHASE_CLOSE_AWAITED);
                    return match vm.await_value(self.slot, input) {
                        Ok(_) => ContStep::Done(Value::Undefined),
                        Err(e) => {
                            vm.set_phase(0);
                            ContStep::Throw(e)
                        }
                    };
                }
            }
        }
    }
}

/// IteratorClose(iteratorRecord, a throw completion)
/// (<https://tc39.es/ecma262/#sec-iteratorclose>) of a sync iterator: `return` is read and
/// called in frames, and whatever they do (a throw, a non-object result) is ignored.
#[derive(Collect)]
#[collect(no_drop)]
pub struct CloseQuiet<'gc> {
    iter: Value<'gc>,
    /// 0: read `return`; 1: call it; 2: finished (or a throw was ignored).
    stage: u8,
}

impl<'gc> CloseQuiet<'gc> {
    pub fn new(iter: Value<'gc>) -> Self {
        CloseQuiet { iter, stage: 0 }
    }

    pub fn catch(&mut self, _e: Value<'gc>) -> bool {
        if self.stage == 1 || self.stage == 2 {
            self.stage = 3;
            return true;
        }
        false
    }

    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        match self.stage {
            0 => {
                self.stage = 1;
                let key = vm.return_key();
                match get_step(vm, self.iter, key) {
                    Ok(m) => self.call(m),
                    Err(ContStep::Throw(_)) => ContStep::Done(Value::Undefined),
                    Err(step) => step,
                }
            }
            1 => self.call(input),
            _ => ContStep::Done(Value::Undefined),
        }
    }

    fn call(&mut self, m: Value<'gc>) -> ContStep<'gc> {
        if !callable(m) {
            return ContStep::Done(Value::Undefined);
        }
        self.stage = 2;
        ContStep::Call {
            callee: m,
            this: self.iter,
            args: Vec::new(),
        }
    }
}

/// Install %AsyncFromSyncIteratorPrototype%'s methods.
pub fn install<'gc>(
    realm: Realm<'gc>,
    gcx: crate::heap::Gcx<'gc>,
    interner: &mut crate::intern::Interner<'gc>,
) {
    crate::async_from_sync::install(realm, gcx, interner);
}

/// Test support: evaluate `source`, run the job queue, and return the global `log` joined.
#[cfg(test)]
pub(crate) fn log_after_jobs(source: &str) -> String {
    let mut cx = crate::Context::new(crate::ContextOptions {
        timeout: Some(std::time::Duration::from_secs(10)),
        ..Default::default()
    });
    let run = cx
        .eval_script(source, "test.js")
        .and_then(|_| cx.run_jobs());
    if let Err(e) = run {
        return format!("<{e:?}>");
    }
    match cx.eval_script("log.join()", "log.js") {
        Ok(crate::HostValue::String(s)) => s,
        other => format!("<{other:?}>"),
    }
}

#[cfg(test)]
mod tests {
    use super::log_after_jobs;

    #[test]
    fn for_await_reads_and_calls_in_spec_order() {
        assert_eq!(
            log_after_jobs(
                "var log = [], n = 0;
                 var it = { get [Symbol.asyncIterator]() { log.push('get @@asyncIterator');
                   return function () { log.push('@@asyncIterator'); return {
                     get next() { log.push('get next'); return function () { log.push('next');
                       return { get done() { log.push('done'); return ++n === 2 },
                                get value() { log.push('value'); return 1 } } } },
                     get return() { log.push('get return'); return function () { log.push('return'); return {} } } } } } };
                 (async function () { for await (var x of it) log.push('body'); for await (var x of it) break; })();"
            ),
            "get @@asyncIterator,@@asyncIterator,get next,next,done,value,body,next,done,\
             get @@asyncIterator,@@asyncIterator,get next,next,done,value,get return,return"
        );
    }

    #[test]
    fn await_runs_the_then_and_constructor_getters_once() {
        assert_eq!(
            log_after_jobs(
                "var log = [];
                 var p = Promise.resolve(2);
                 Object.defineProperty(p, 'constructor', { get() { log.push('constructor'); return Promise } });
                 (async function () {
                   log.push(await { get then() { log.push('then'); return function (r) { r(1) } } });
                   log.push(await p);
                   try { await { get then() { throw 'boom' } } } catch (e) { log.push('caught ' + e) }
                 })();"
            ),
            "then,1,constructor,2,caught boom"
        );
    }

    #[test]
    fn a_throw_in_a_for_await_body_closes_quietly() {
        assert_eq!(
            log_after_jobs(
                "var log = [];
                 var it = { [Symbol.asyncIterator]() { return {
                   next() { return { done: false } },
                   get return() { log.push('get return'); throw 'ignored' } } } };
                 (async function () { try { for await (var x of it) throw 'body' } catch (e) { log.push('caught ' + e) } })();"
            ),
            "get return,caught body"
        );
    }
}
