//! The settling steps of async generators as the [`AsyncGenSettle`] continuation:
//! AsyncGeneratorCompleteStep (<https://tc39.es/ecma262/#sec-asyncgeneratorcompletestep>),
//! AsyncGeneratorDrainQueue (<https://tc39.es/ecma262/#sec-asyncgeneratordrainqueue>) and the
//! PromiseResolve of AsyncGeneratorAwaitReturn
//! (<https://tc39.es/ecma262/#sec-asyncgeneratorawaitreturn>). Resolving a request's promise
//! with an iterator result reads its `then` (an accessor inherited from Object.prototype is
//! script), and PromiseResolve reads `constructor` and `then`: those getters run in the
//! interpreter's frames, in the spec's order, before the next step.

use gc_arena::Collect;

use crate::cont::{ContStep, Continuation};
use crate::coro::{with_coro, CoroState, RETURN, THROW};
use crate::interp::{Frame, NativeFrame, ReturnTo, Vm};
use crate::object::Object;
use crate::promise::Handler;
use crate::value::Value;

/// A `phase` of an async generator's `Yield` re-executed after its completion step ran a
/// getter in a frame: the step is not repeated.
pub(crate) const PHASE_YIELD_SETTLED: u8 = 11;

/// A pending AsyncGeneratorCompleteStep: the completion and `done`.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
struct Step<'gc> {
    value: Value<'gc>,
    throw: bool,
    done: bool,
}

/// Settling requests of async generator `gen`: one completion step, then (when `drain`) the
/// drain loop; it finishes with `out`.
#[derive(Collect)]
#[collect(no_drop)]
pub struct AsyncGenSettle<'gc> {
    gen: Object<'gc>,
    step: Option<Step<'gc>>,
    drain: bool,
    out: Value<'gc>,
    /// AsyncGeneratorAwaitReturn's PromiseResolve is running (its throw is caught).
    awaiting_resolve: bool,
    caught: Option<Value<'gc>>,
}

impl<'gc> AsyncGenSettle<'gc> {
    /// Settle `gen`: first the completion step for `completion` (`Err`: a throw) with `done`,
    /// then, when `drain`, AsyncGeneratorDrainQueue.
    pub(crate) fn new(
        gen: Object<'gc>,
        completion: Option<(Result<Value<'gc>, Value<'gc>>, bool)>,
        drain: bool,
        out: Value<'gc>,
    ) -> Self {
        AsyncGenSettle {
            gen,
            step: completion.map(|(c, done)| match c {
                Ok(value) => Step {
                    value,
                    throw: false,
                    done,
                },
                Err(value) => Step {
                    value,
                    throw: true,
                    done,
                },
            }),
            drain,
            out,
            awaiting_resolve: false,
            caught: None,
        }
    }

    /// Keep a throw of AsyncGeneratorAwaitReturn's PromiseResolve (a `constructor` getter).
    pub fn catch(&mut self, e: Value<'gc>) -> bool {
        if self.awaiting_resolve && self.caught.is_none() {
            self.caught = Some(e);
            return true;
        }
        false
    }

    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        let c = self.gen;
        if self.awaiting_resolve {
            self.awaiting_resolve = false;
            match self.caught.take() {
                // AsyncGeneratorAwaitReturn step 6: an abrupt PromiseResolve completes the
                // request with the throw, and the queue drains on.
                Some(e) => {
                    self.step = Some(Step {
                        value: e,
                        throw: true,
                        done: true,
                    })
                }
                None => {
                    if let Value::Object(p) = input {
                        vm.perform_then(p, Handler::AwaitReturn(c), Handler::AwaitReturn(c), None);
                    }
                    return ContStep::Done(self.out);
                }
            }
        }
        loop {
            if let Some(step) = self.step.take() {
                if let Some(cont) =
                    vm.async_gen_complete_step_in_frames(c, step.completion(), step.done)
                {
                    return ContStep::Push(cont);
                }
                continue;
            }
            if !self.drain {
                return ContStep::Done(self.out);
            }
            // AsyncGeneratorDrainQueue steps 5-6.
            let Some(req) = with_coro(vm, c, |co| co.queue.front().copied()).flatten() else {
                with_coro(vm, c, |co| co.state = CoroState::Completed);
                return ContStep::Done(self.out);
            };
            if req.kind == RETURN {
                // AsyncGeneratorAwaitReturn: the drain goes on when its promise settles.
                let realm = vm.current_realm();
                match vm.promise_resolve_intrinsic_or_cont(realm, req.value) {
                    Ok(Ok(p)) => {
                        vm.perform_then(p, Handler::AwaitReturn(c), Handler::AwaitReturn(c), None);
                        return ContStep::Done(self.out);
                    }
                    Ok(Err(e)) => {
                        self.step = Some(Step {
                            value: e,
                            throw: true,
                            done: true,
                        });
                        continue;
                    }
                    Err(resolve) => {
                        self.awaiting_resolve = true;
                        return ContStep::Push(Continuation::PromiseResolve(resolve));
                    }
                }
            }
            self.step = Some(if req.kind == THROW {
                Step {
                    value: req.value,
                    throw: true,
                    done: true,
                }
            } else {
                Step {
                    value: Value::Undefined,
                    throw: false,
                    done: true,
                }
            });
        }
    }
}

impl<'gc> Step<'gc> {
    fn completion(self) -> Result<Value<'gc>, Value<'gc>> {
        if self.throw {
            Err(self.value)
        } else {
            Ok(self.value)
        }
    }
}

impl<'gc> Vm<'gc> {
    /// AsyncGeneratorCompleteStep (<https://tc39.es/ecma262/#sec-asyncgeneratorcompletestep>):
    /// settle the first request's promise; `Some` when resolving it must call a `then` getter
    /// first (the continuation does).
    pub(crate) fn async_gen_complete_step_in_frames(
        &mut self,
        c: Object<'gc>,
        completion: Result<Value<'gc>, Value<'gc>>,
        done: bool,
    ) -> Option<Continuation<'gc>> {
        let req = with_coro(self, c, |co| co.queue.pop_front()).flatten()?;
        match completion {
            Err(e) => {
                self.reject_promise(req.promise, e);
                None
            }
            Ok(v) => {
                let r = self.iter_result_object(v, done);
                self.resolve_promise_in_frames(req.promise, Value::Object(r))
            }
        }
    }

    /// Run an [`AsyncGenSettle`] in a frame whose result (`out`) goes to `ret`.
    pub(crate) fn push_async_gen_settle(&mut self, settle: AsyncGenSettle<'gc>, ret: ReturnTo) {
        self.st.pending = None;
        self.st.frames.push(Frame::Native(NativeFrame {
            cont: Continuation::AsyncGenSettle(Box::new(settle)),
            ret,
        }));
    }
}

#[cfg(test)]
mod tests {
    use crate::async_iter::log_after_jobs;

    #[test]
    fn inherited_then_getter_runs_at_each_completion_step() {
        assert_eq!(
            log_after_jobs(
                "var log = [];
                 Object.defineProperty(Object.prototype, 'then', { configurable: true,
                   get() { log.push('then ' + JSON.stringify(this)) } });
                 async function* g() { log.push('start'); yield 1; log.push('after yield'); return 2 }
                 var it = g();
                 it.next(); it.next(); it.next(); it.return(5);
                 log.push('sync end');
                 Promise.resolve().then(function () {}).then(function () {}).then(function () {})
                   .then(function () {}).then(function () { delete Object.prototype.then });"
            ),
            "start,sync end,then {\"value\":1,\"done\":false},after yield,then {\"value\":2,\"done\":true},\
             then {\"done\":true},then {\"value\":5,\"done\":true}"
        );
    }

    #[test]
    fn await_return_constructor_getter_throw_rejects_the_request() {
        assert_eq!(
            log_after_jobs(
                "var log = [];
                 var p = Promise.resolve(1);
                 Object.defineProperty(p, 'constructor', { get() { log.push('ctor'); throw 'boom' } });
                 var it = (async function* () {})();
                 it.return(p).catch(function (e) { log.push('rejected ' + e) });
                 it.next().then(function (r) { log.push('next done ' + r.done) });"
            ),
            "ctor,rejected boom,next done true"
        );
    }
}
