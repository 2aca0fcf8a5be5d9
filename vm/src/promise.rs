//! Promise objects' internals and the job queue
//! (<https://tc39.es/ecma262/#sec-promise-objects>, <https://tc39.es/ecma262/#sec-jobs>):
//! states, reactions, resolving functions, PerformPromiseThen, PromiseResolve,
//! NewPromiseCapability, and the jobs, which run in VM frames (a handler is called by a
//! [`JobCont`] continuation, an `await` resumes its suspended frame directly).
//!
//! Script reached from bytecode (the `then` getter of a resolution, a promise's `constructor`
//! getter in PromiseResolve) runs in frames through [`ResolveThenable`] and
//! [`PromiseResolve`] (also Promise.resolve's and `finally`'s); the `_nested` forms below
//! serve natives only (the combinators, Promise.reject/withResolvers/try, Array.fromAsync,
//! %AsyncIteratorPrototype%[@@asyncDispose]).

use gc_arena::Collect;

use crate::cont::{ContStep, Continuation};
use crate::coro::{coro_info, CoroKind};
use crate::function::NativeCtx;
use crate::interp::{Frame, NativeFrame, ReturnTo, SliceEnd, Vm};
use crate::object::{Lookup, Object, ObjectKind};
use crate::realm::Realm;
use crate::value::{PropertyKey, Value};

type Res<'gc, T> = Result<T, Value<'gc>>;

/// [[PromiseState]].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
pub enum PState {
    Pending,
    Fulfilled,
    Rejected,
}

/// A promise's slots.
#[derive(Collect)]
#[collect(no_drop)]
pub struct PromiseState<'gc> {
    pub state: PState,
    pub result: Value<'gc>,
    pub fulfill_reactions: Vec<Reaction<'gc>>,
    pub reject_reactions: Vec<Reaction<'gc>>,
    pub is_handled: bool,
}

/// A PromiseCapability Record (<https://tc39.es/ecma262/#sec-promisecapability-records>).
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct Capability<'gc> {
    pub promise: Value<'gc>,
    pub resolve: Value<'gc>,
    pub reject: Value<'gc>,
}

/// A reaction's [[Handler]]: script functions, or the engine's own abstract closures.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub enum Handler<'gc> {
    /// No handler: pass the value (fulfil) or the reason (reject) through.
    Empty,
    Js(Value<'gc>),
    /// Resume the `await` of this coroutine.
    Await(Object<'gc>),
    /// AsyncGeneratorAwaitReturn's closures.
    AwaitReturn(Object<'gc>),
    /// AsyncFromSyncIteratorContinuation's unwrap: `{ value, done }`.
    IterResult(bool),
    /// AsyncFromSyncIteratorContinuation's close-on-rejection: close the sync iterator, rethrow.
    CloseSync(Value<'gc>),
}

/// A PromiseReaction Record (<https://tc39.es/ecma262/#sec-promisereaction-records>).
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct Reaction<'gc> {
    pub capability: Option<Capability<'gc>>,
    pub handler: Handler<'gc>,
}

/// A queued job.
#[derive(Collect)]
#[collect(no_drop)]
pub enum Job<'gc> {
    /// NewPromiseReactionJob (<https://tc39.es/ecma262/#sec-newpromisereactionjob>).
    Reaction {
        reaction: Reaction<'gc>,
        rejected: bool,
        argument: Value<'gc>,
    },
    /// NewPromiseResolveThenableJob (<https://tc39.es/ecma262/#sec-newpromiseresolvethenablejob>).
    Thenable {
        promise: Object<'gc>,
        thenable: Value<'gc>,
        then: Value<'gc>,
    },
}

/// A job running in a native frame: it calls the handler (or `then`), catches its throw, and
/// settles the derived capability.
#[derive(Collect)]
#[collect(no_drop)]
pub struct JobCont<'gc> {
    job: Job<'gc>,
    stage: u8,
    caught: Option<Value<'gc>>,
    /// The thenable job's rejecting function.
    reject: Value<'gc>,
}

impl<'gc> JobCont<'gc> {
    /// Keep a throw from the handler (or `then`) being called.
    pub fn catch(&mut self, e: Value<'gc>) -> bool {
        if self.stage == 1 && self.caught.is_none() {
            self.caught = Some(e);
            return true;
        }
        false
    }

    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        match &self.job {
            Job::Reaction {
                reaction,
                rejected,
                argument,
            } => {
                let (reaction, rejected, argument) = (*reaction, *rejected, *argument);
                let mut input = input;
                if self.stage == 0 {
                    // PromiseReactionJob steps 1.a-1.f.
                    self.stage = 1;
                    match reaction.handler {
                        Handler::Js(h) => {
                            return ContStep::Call {
                                callee: h,
                                this: Value::Undefined,
                                args: vec![argument],
                            }
                        }
                        Handler::IterResult(done) => {
                            input = Value::Object(vm.iter_result_object(argument, done));
                        }
                        Handler::CloseSync(iter) => {
                            // IteratorClose(syncIteratorRecord, ThrowCompletion(error)) in
                            // frames, then the rejection goes on.
                            self.caught = Some(argument);
                            return ContStep::Push(Continuation::CloseQuiet(Box::new(
                                crate::async_iter::CloseQuiet::new(iter),
                            )));
                        }
                        _ => {
                            if rejected {
                                self.caught = Some(argument);
                            } else {
                                input = argument;
                            }
                        }
                    }
                }
                if self.stage == 1 {
                    // Steps 1.g-1.i.
                    self.stage = 2;
                    let Some(cap) = reaction.capability else {
                        return ContStep::Done(Value::Undefined);
                    };
                    let (f, v) = match self.caught.take() {
                        Some(e) => (cap.reject, e),
                        None => (cap.resolve, input),
                    };
                    return ContStep::Call {
                        callee: f,
                        this: Value::Undefined,
                        args: vec![v],
                    };
                }
                ContStep::Done(Value::Undefined)
            }
            Job::Thenable {
                promise,
                thenable,
                then,
            } => {
                let (promise, thenable, then) = (*promise, *thenable, *then);
                match self.stage {
                    0 => {
                        self.stage = 1;
                        let realm = vm.current_realm();
                        let (res, rej) = vm.create_resolving_functions(promise, realm);
                        self.reject = Value::Object(rej);
                        ContStep::Call {
                            callee: then,
                            this: thenable,
                            args: vec![Value::Object(res), Value::Object(rej)],
                        }
                    }
                    1 => {
                        self.stage = 2;
                        match self.caught.take() {
                            Some(e) => ContStep::Call {
                                callee: self.reject,
                                this: Value::Undefined,
                                args: vec![e],
                            },
                            None => ContStep::Done(Value::Undefined),
                        }
                    }
                    _ => ContStep::Done(Value::Undefined),
                }
            }
        }
    }
}

/// The slots of a resolving function pair: `[promise, alreadyResolved]`, shared.
fn record_get<'gc>(o: Object<'gc>, gcx: crate::heap::Gcx<'gc>, i: u32) -> Value<'gc> {
    match o.get(gcx, PropertyKey::Index(i)) {
        Lookup::Value(v) => v,
        Lookup::Getter(_) => Value::Undefined,
    }
}

/// An internal record object (no prototype, never exposed) holding `values` at indices.
pub(crate) fn new_record<'gc>(vm: &mut Vm<'gc>, values: &[Value<'gc>]) -> Object<'gc> {
    let o = Object::new(vm.gcx, None, ObjectKind::Ordinary);
    for (i, v) in values.iter().enumerate() {
        o.put_data(
            vm.gcx,
            PropertyKey::Index(i as u32),
            *v,
            crate::shape::Attrs::DEFAULT,
        );
    }
    o
}

pub(crate) fn record_set<'gc>(vm: &Vm<'gc>, o: Object<'gc>, i: u32, v: Value<'gc>) {
    o.put_data(
        vm.gcx,
        PropertyKey::Index(i),
        v,
        crate::shape::Attrs::DEFAULT,
    );
}

pub(crate) fn record_at<'gc>(vm: &Vm<'gc>, o: Object<'gc>, i: u32) -> Value<'gc> {
    record_get(o, vm.gcx, i)
}

/// Promise Resolve Functions (<https://tc39.es/ecma262/#sec-promise-resolve-functions>).
fn resolve_function<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let Value::Object(rec) = cx.data() else {
        return Ok(Value::Undefined);
    };
    let gcx = cx.gcx();
    if matches!(record_get(rec, gcx, 1), Value::Boolean(true)) {
        return Ok(Value::Undefined);
    }
    record_set(cx.vm, rec, 1, Value::Boolean(true));
    if let Value::Object(p) = record_get(rec, gcx, 0) {
        let v = args.first().copied().unwrap_or(Value::Undefined);
        // 9. A `then` getter runs in a frame (ResolveThenable); anything else resolves now.
        if let Some(c) = cx.vm.resolve_promise_in_frames(p, v) {
            return cx.tail_continuation(c);
        }
    }
    Ok(Value::Undefined)
}

/// Promise Resolve Functions steps 9-16 when `resolution.then` is an accessor: the getter runs
/// in the interpreter's frames; its throw rejects the promise.
#[derive(Collect)]
#[collect(no_drop)]
pub struct ResolveThenable<'gc> {
    promise: Object<'gc>,
    resolution: Value<'gc>,
    getter: Object<'gc>,
    /// 0: call the getter; 1: it returned or threw.
    stage: u8,
    caught: Option<Value<'gc>>,
    /// What the continuation finishes with (the resolve function: undefined).
    out: Value<'gc>,
}

impl<'gc> ResolveThenable<'gc> {
    /// Keep a throw from the getter.
    pub fn catch(&mut self, e: Value<'gc>) -> bool {
        if self.stage == 1 && self.caught.is_none() {
            self.caught = Some(e);
            return true;
        }
        false
    }

    pub fn resume(&mut self, vm: &mut Vm<'gc>, then: Value<'gc>) -> ContStep<'gc> {
        if self.stage == 0 {
            self.stage = 1;
            return ContStep::Call {
                callee: Value::Object(self.getter),
                this: self.resolution,
                args: Vec::new(),
            };
        }
        let p = self.promise;
        if let Some(e) = self.caught.take() {
            // 10. If then is an abrupt completion, RejectPromise(promise, then.[[Value]]).
            vm.reject_promise(p, e);
        } else if !then.as_object().is_some_and(|o| o.is_callable()) {
            // 13. FulfillPromise(promise, resolution).
            vm.fulfill_promise(p, self.resolution);
        } else {
            // 14-15. NewPromiseResolveThenableJob, HostEnqueuePromiseJob.
            vm.st.jobs.push_back(Job::Thenable {
                promise: p,
                thenable: self.resolution,
                then,
            });
        }
        ContStep::Done(self.out)
    }
}

/// PromiseResolve(C, x) (<https://tc39.es/ecma262/#sec-promise-resolve>) with its script calls
/// in the interpreter's frames: `x.constructor`'s getter (its throw propagates), and either,
/// for `realm`'s %Promise%, a new promise resolved directly (`x.then`'s getter runs in a frame,
/// its throw rejects the promise; constructing %Promise% and its resolve functions is not
/// observable), or for any other C, NewPromiseCapability(C)'s construction and the call of
/// its resolve function. It finishes with the promise.
#[derive(Collect)]
#[collect(no_drop)]
pub struct PromiseResolve<'gc> {
    realm: Realm<'gc>,
    c: Value<'gc>,
    x: Value<'gc>,
    /// 0: read `x.constructor`; 1: compare; 2: new promise or NewPromiseCapability(C);
    /// 3: resolve through the capability; 4: done.
    stage: u8,
    record: Option<Object<'gc>>,
    promise: Value<'gc>,
}

impl<'gc> PromiseResolve<'gc> {
    /// PromiseResolve(`realm`'s %Promise%, x).
    pub fn new(realm: Realm<'gc>, x: Value<'gc>) -> Self {
        Self::with_constructor(realm, Value::Object(realm.intrinsics().coro.promise), x)
    }

    /// PromiseResolve(C, x); `realm`'s %Promise% as C takes the direct path.
    pub fn with_constructor(realm: Realm<'gc>, c: Value<'gc>, x: Value<'gc>) -> Self {
        PromiseResolve {
            realm,
            c,
            x,
            stage: 0,
            record: None,
            promise: Value::Undefined,
        }
    }

    fn is_intrinsic(&self) -> bool {
        self.c
            .as_object()
            .is_some_and(|c| c.ptr_eq(self.realm.intrinsics().coro.promise))
    }

    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        let mut input = input;
        loop {
            match self.stage {
                0 => {
                    // 1. If IsPromise(x) is true, then a. Let xConstructor be ? Get(x, "constructor").
                    if !is_promise(self.x) {
                        self.stage = 2;
                        continue;
                    }
                    self.stage = 1;
                    match crate::cont::get_step(vm, self.x, vm.names.constructor) {
                        Ok(v) => input = v,
                        Err(step) => return step,
                    }
                }
                1 => {
                    // b. If SameValue(xConstructor, C) is true, return x.
                    if crate::ops::same_value(vm.gcx, input, self.c) {
                        return ContStep::Done(self.x);
                    }
                    self.stage = 2;
                }
                2 if self.is_intrinsic() => {
                    // 2-3. NewPromiseCapability(%Promise%), Call(resolve, undefined, « x »).
                    let p = vm.new_promise(self.realm);
                    self.promise = Value::Object(p);
                    self.stage = 4;
                    if let Some(c) = vm.resolve_promise_in_frames(p, self.x) {
                        return ContStep::Push(c);
                    }
                }
                2 => {
                    // 2. NewPromiseCapability(C).
                    let (rec, exec) = match vm.capability_executor(self.c) {
                        Ok(r) => r,
                        Err(e) => return ContStep::Throw(e),
                    };
                    self.record = Some(rec);
                    self.stage = 3;
                    return ContStep::Construct {
                        callee: self.c,
                        args: vec![Value::Object(exec)],
                        new_target: None,
                    };
                }
                3 => {
                    // 3. Call(promiseCapability.[[Resolve]], undefined, « x »).
                    let Some(rec) = self.record else {
                        return ContStep::Done(Value::Undefined);
                    };
                    let cap = match vm.capability_from_record(input, rec) {
                        Ok(cap) => cap,
                        Err(e) => return ContStep::Throw(e),
                    };
                    self.promise = cap.promise;
                    self.stage = 4;
                    return ContStep::Call {
                        callee: cap.resolve,
                        this: Value::Undefined,
                        args: vec![self.x],
                    };
                }
                // 4. Return promiseCapability.[[Promise]].
                _ => return ContStep::Done(self.promise),
            }
        }
    }
}

/// Promise Reject Functions (<https://tc39.es/ecma262/#sec-promise-reject-functions>).
fn reject_function<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let Value::Object(rec) = cx.data() else {
        return Ok(Value::Undefined);
    };
    let gcx = cx.gcx();
    if matches!(record_get(rec, gcx, 1), Value::Boolean(true)) {
        return Ok(Value::Undefined);
    }
    record_set(cx.vm, rec, 1, Value::Boolean(true));
    if let Value::Object(p) = record_get(rec, gcx, 0) {
        let v = args.first().copied().unwrap_or(Value::Undefined);
        cx.vm.reject_promise(p, v);
    }
    Ok(Value::Undefined)
}

/// GetCapabilitiesExecutor Functions: record `[resolve, reject]`.
fn capability_executor<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let Value::Object(rec) = cx.data() else {
        return Ok(Value::Undefined);
    };
    let gcx = cx.gcx();
    if !record_get(rec, gcx, 0).is_undefined() || !record_get(rec, gcx, 1).is_undefined() {
        return Err(cx.type_error("Promise executor has already been invoked"));
    }
    let a = |i: usize| args.get(i).copied().unwrap_or(Value::Undefined);
    record_set(cx.vm, rec, 0, a(0));
    record_set(cx.vm, rec, 1, a(1));
    Ok(Value::Undefined)
}

/// The promise slots of `v`, when it is a promise.
pub(crate) fn is_promise(v: Value<'_>) -> bool {
    v.as_object()
        .is_some_and(|o| matches!(o.borrow().kind, ObjectKind::Promise(_)))
}

impl<'gc> Vm<'gc> {
    /// Get(V, P) with a getter run on the Rust stack (natives only).
    pub(crate) fn get_v_nested(
        &mut self,
        v: Value<'gc>,
        key: PropertyKey<'gc>,
    ) -> Res<'gc, Value<'gc>> {
        match self.get_value(v, key)? {
            Lookup::Value(r) => Ok(r),
            Lookup::Getter(g) => self.call_nested(Value::Object(g), v, &[]),
        }
    }

    /// A pending promise with %Promise.prototype% of `realm`.
    pub(crate) fn new_promise(&mut self, realm: Realm<'gc>) -> Object<'gc> {
        let proto = realm.intrinsics().coro.promise_prototype;
        self.new_promise_with_proto(proto)
    }

    pub(crate) fn new_promise_with_proto(&mut self, proto: Object<'gc>) -> Object<'gc> {
        Object::new(
            self.gcx,
            Some(proto),
            ObjectKind::Promise(Box::new(PromiseState {
                state: PState::Pending,
                result: Value::Undefined,
                fulfill_reactions: Vec::new(),
                reject_reactions: Vec::new(),
                is_handled: false,
            })),
        )
    }

    /// CreateResolvingFunctions (<https://tc39.es/ecma262/#sec-createresolvingfunctions>).
    pub(crate) fn create_resolving_functions(
        &mut self,
        promise: Object<'gc>,
        realm: Realm<'gc>,
    ) -> (Object<'gc>, Object<'gc>) {
        let rec = new_record(self, &[Value::Object(promise), Value::Boolean(false)]);
        let res = realm.new_native_function(
            self.gcx,
            &mut self.interner,
            "",
            1,
            resolve_function,
            None,
            Value::Object(rec),
        );
        let rej = realm.new_native_function(
            self.gcx,
            &mut self.interner,
            "",
            1,
            reject_function,
            None,
            Value::Object(rec),
        );
        (res, rej)
    }

    /// The body of a resolve function once alreadyResolved was checked: fulfil, reject, or queue
    /// a thenable job (steps 7-16). A `then` getter runs on the Rust stack: natives only; the
    /// paths reached from bytecode use [`Vm::resolve_promise_in_frames`].
    pub(crate) fn resolve_promise(&mut self, p: Object<'gc>, resolution: Value<'gc>) {
        let Value::Object(r) = resolution else {
            self.fulfill_promise(p, resolution);
            return;
        };
        if r.ptr_eq(p) {
            let e = self.type_error("Chaining cycle detected for promise");
            self.reject_promise(p, e);
            return;
        }
        let key = self.interner.key_str(self.gcx, "then");
        let then = match self.get_v_nested(resolution, key) {
            Ok(t) => t,
            Err(e) => {
                self.reject_promise(p, e);
                return;
            }
        };
        if !then.as_object().is_some_and(|o| o.is_callable()) {
            self.fulfill_promise(p, resolution);
            return;
        }
        self.st.jobs.push_back(Job::Thenable {
            promise: p,
            thenable: resolution,
            then,
        });
    }

    fn settle(&mut self, p: Object<'gc>, v: Value<'gc>, rejected: bool) {
        let reactions = {
            let mut d = p.borrow_mut(self.gcx.mc);
            let ObjectKind::Promise(s) = &mut d.kind else {
                return;
            };
            if s.state != PState::Pending {
                return;
            }
            s.state = if rejected {
                PState::Rejected
            } else {
                PState::Fulfilled
            };
            s.result = v;
            let f = std::mem::take(&mut s.fulfill_reactions);
            let r = std::mem::take(&mut s.reject_reactions);
            if rejected {
                r
            } else {
                f
            }
        };
        // TriggerPromiseReactions (<https://tc39.es/ecma262/#sec-triggerpromisereactions>).
        for reaction in reactions {
            self.st.jobs.push_back(Job::Reaction {
                reaction,
                rejected,
                argument: v,
            });
        }
    }

    /// FulfillPromise (<https://tc39.es/ecma262/#sec-fulfillpromise>).
    pub(crate) fn fulfill_promise(&mut self, p: Object<'gc>, v: Value<'gc>) {
        self.settle(p, v, false);
    }

    /// RejectPromise (<https://tc39.es/ecma262/#sec-rejectpromise>); HostPromiseRejectionTracker
    /// is a no-op for now.
    pub(crate) fn reject_promise(&mut self, p: Object<'gc>, reason: Value<'gc>) {
        self.settle(p, reason, true);
    }

    /// PerformPromiseThen (<https://tc39.es/ecma262/#sec-performpromisethen>).
    pub(crate) fn perform_then(
        &mut self,
        p: Object<'gc>,
        on_fulfilled: Handler<'gc>,
        on_rejected: Handler<'gc>,
        capability: Option<Capability<'gc>>,
    ) {
        let fr = Reaction {
            capability,
            handler: on_fulfilled,
        };
        let rr = Reaction {
            capability,
            handler: on_rejected,
        };
        let job = {
            let mut d = p.borrow_mut(self.gcx.mc);
            let ObjectKind::Promise(s) = &mut d.kind else {
                return;
            };
            s.is_handled = true;
            match s.state {
                PState::Pending => {
                    s.fulfill_reactions.push(fr);
                    s.reject_reactions.push(rr);
                    None
                }
                PState::Fulfilled => Some(Job::Reaction {
                    reaction: fr,
                    rejected: false,
                    argument: s.result,
                }),
                PState::Rejected => Some(Job::Reaction {
                    reaction: rr,
                    rejected: true,
                    argument: s.result,
                }),
            }
        };
        if let Some(j) = job {
            self.st.jobs.push_back(j);
        }
    }

    /// PromiseResolve(%Promise%, x) (<https://tc39.es/ecma262/#sec-promise-resolve>) for the
    /// realm's own %Promise%, its getters on the Rust stack (natives only: Array.fromAsync).
    pub(crate) fn promise_resolve_intrinsic(
        &mut self,
        realm: Realm<'gc>,
        x: Value<'gc>,
    ) -> Res<'gc, Object<'gc>> {
        let ctor = realm.intrinsics().coro.promise;
        if let (true, Value::Object(xo)) = (is_promise(x), x) {
            let c = self.get_v_nested(x, self.names.constructor)?;
            if c.as_object().is_some_and(|c| c.ptr_eq(ctor)) {
                return Ok(xo);
            }
        }
        let p = self.new_promise(realm);
        self.resolve_promise(p, x);
        Ok(p)
    }

    /// PromiseResolve(%Promise%, x) without running script: `Ok` with its completion, or `Err`
    /// with the continuation that calls the getter in the way (`x.constructor` or `x.then`).
    pub(crate) fn promise_resolve_intrinsic_or_cont(
        &mut self,
        realm: Realm<'gc>,
        x: Value<'gc>,
    ) -> Result<Res<'gc, Object<'gc>>, Box<PromiseResolve<'gc>>> {
        let cont = || Box::new(PromiseResolve::new(realm, x));
        let Value::Object(xo) = x else {
            let p = self.new_promise(realm);
            self.fulfill_promise(p, x);
            return Ok(Ok(p));
        };
        if is_promise(x) {
            match xo.get(self.gcx, self.names.constructor) {
                Lookup::Getter(_) => return Err(cont()),
                Lookup::Value(c) => {
                    if c.as_object()
                        .is_some_and(|c| c.ptr_eq(realm.intrinsics().coro.promise))
                    {
                        return Ok(Ok(xo));
                    }
                }
            }
        }
        let key = self.interner.key_str(self.gcx, "then");
        if let Lookup::Getter(_) = xo.get(self.gcx, key) {
            return Err(cont());
        }
        let p = self.new_promise(realm);
        self.resolve_promise(p, x);
        Ok(Ok(p))
    }

    /// A resolve function's steps 7-16 for `promise` (already marked resolved): done at once,
    /// or, when `resolution.then` is an accessor, the [`ResolveThenable`] continuation that
    /// calls it in a frame.
    pub(crate) fn resolve_promise_in_frames(
        &mut self,
        promise: Object<'gc>,
        resolution: Value<'gc>,
    ) -> Option<Continuation<'gc>> {
        if let Value::Object(r) = resolution {
            let key = self.interner.key_str(self.gcx, "then");
            if !r.ptr_eq(promise) {
                if let Lookup::Getter(g) = r.get(self.gcx, key) {
                    return Some(Continuation::ResolveThenable(Box::new(ResolveThenable {
                        promise,
                        resolution,
                        getter: g,
                        stage: 0,
                        caught: None,
                        out: Value::Undefined,
                    })));
                }
            }
        }
        self.resolve_promise(promise, resolution);
        None
    }

    /// [`Vm::resolve_promise_in_frames`] for a step that then finishes with `out`: `Ok(out)` at
    /// once, or the continuation calling the `then` getter and finishing with `out`.
    pub(crate) fn resolve_promise_then(
        &mut self,
        promise: Object<'gc>,
        resolution: Value<'gc>,
        out: Value<'gc>,
    ) -> Result<Value<'gc>, Continuation<'gc>> {
        match self.resolve_promise_in_frames(promise, resolution) {
            None => Ok(out),
            Some(Continuation::ResolveThenable(mut r)) => {
                r.out = out;
                Err(Continuation::ResolveThenable(r))
            }
            Some(c) => Err(c),
        }
    }

    /// PromiseResolve(C, x) for any constructor, on the Rust stack (natives only).
    pub(crate) fn promise_resolve(&mut self, c: Value<'gc>, x: Value<'gc>) -> Res<'gc, Value<'gc>> {
        if is_promise(x) {
            let xc = self.get_v_nested(x, self.names.constructor)?;
            if crate::ops::same_value(self.gcx, xc, c) {
                return Ok(x);
            }
        }
        let cap = self.new_promise_capability(c)?;
        self.call_nested(cap.resolve, Value::Undefined, &[x])?;
        Ok(cap.promise)
    }

    /// NewPromiseCapability(C) (<https://tc39.es/ecma262/#sec-newpromisecapability>); the
    /// constructor runs on the Rust stack (natives only; `promise_then.rs` constructs in a
    /// frame).
    pub(crate) fn new_promise_capability(&mut self, c: Value<'gc>) -> Res<'gc, Capability<'gc>> {
        let (rec, exec) = self.capability_executor(c)?;
        let promise = self.construct_nested(c, &[Value::Object(exec)], None)?;
        self.capability_from_record(promise, rec)
    }

    /// NewPromiseCapability(C) steps 1-6: the record and the GetCapabilitiesExecutor function
    /// to construct `c` with.
    pub(crate) fn capability_executor(
        &mut self,
        c: Value<'gc>,
    ) -> Res<'gc, (Object<'gc>, Object<'gc>)> {
        if !c.as_object().is_some_and(|o| o.is_constructor()) {
            return Err(self.type_error("Promise capability constructor is not a constructor"));
        }
        let rec = new_record(self, &[Value::Undefined, Value::Undefined]);
        let realm = self.current_realm();
        let exec = realm.new_native_function(
            self.gcx,
            &mut self.interner,
            "",
            2,
            capability_executor,
            None,
            Value::Object(rec),
        );
        Ok((rec, exec))
    }

    /// NewPromiseCapability(C) steps 8-11, once C constructed `promise`.
    pub(crate) fn capability_from_record(
        &mut self,
        promise: Value<'gc>,
        rec: Object<'gc>,
    ) -> Res<'gc, Capability<'gc>> {
        let resolve = record_at(self, rec, 0);
        let reject = record_at(self, rec, 1);
        let callable = |v: Value<'gc>| v.as_object().is_some_and(|o| o.is_callable());
        if !callable(resolve) || !callable(reject) {
            return Err(self.type_error("Promise resolve or reject function is not callable"));
        }
        Ok(Capability {
            promise,
            resolve,
            reject,
        })
    }

    /// Start a job: an `await` resumes its frame, engine closures run at once, script handlers
    /// get a [`JobCont`] frame.
    fn start_job(&mut self, job: Job<'gc>) {
        if let Job::Reaction {
            reaction,
            rejected,
            argument,
        } = &job
        {
            match reaction.handler {
                Handler::Await(c) => {
                    if coro_info(c).is_some() {
                        self.resume_from_await(c, *argument, *rejected);
                    }
                    return;
                }
                Handler::AwaitReturn(c) => {
                    if matches!(coro_info(c), Some((CoroKind::AsyncGenerator, _))) {
                        self.async_gen_await_return_settled(c, *argument, *rejected);
                    }
                    return;
                }
                _ => {}
            }
        }
        self.st.pending = None;
        self.st.frames.push(Frame::Native(NativeFrame {
            cont: crate::cont::Continuation::Job(Box::new(JobCont {
                job,
                stage: 0,
                caught: None,
                reject: Value::Undefined,
            })),
            ret: ReturnTo::Discard,
        }));
    }

    /// Run queued jobs until the queue is empty (`Finished`) or the slice ends.
    pub fn run_jobs_slice(&mut self) -> SliceEnd<'gc> {
        loop {
            if self.st.frames.is_empty() {
                self.st.completion = None;
                if self.budget.fuel == 0 {
                    return SliceEnd::Yielded;
                }
                let Some(job) = self.st.jobs.pop_front() else {
                    return SliceEnd::Finished(Ok(Value::Undefined));
                };
                self.budget.fuel -= 1;
                self.budget.total = self.budget.total.saturating_sub(1);
                self.start_job(job);
                if self.st.frames.is_empty() {
                    continue;
                }
            }
            match self.run_slice() {
                SliceEnd::Finished(_) => {}
                other => return other,
            }
        }
    }
}
