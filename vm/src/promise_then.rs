//! Promise.prototype.then (<https://tc39.es/ecma262/#sec-promise.prototype.then>) as the
//! [`PromiseThen`] continuation: SpeciesConstructor's getters (`constructor`, `@@species`) and
//! NewPromiseCapability's construction of a custom constructor run in the interpreter's frames.
//! Thenable jobs call `then` for every promise resolved with a promise, so these run from
//! promise reactions, not only from script calling `then`.

use gc_arena::Collect;

use crate::cont::{get_step, ContStep, Continuation};
use crate::function::NativeCtx;
use crate::interp::Vm;
use crate::object::Object;
use crate::promise::{is_promise, Capability, Handler};
use crate::realm::Realm;
use crate::value::{PropertyKey, Value};

/// Where a [`PromiseThen`] stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
enum Stage {
    /// SpeciesConstructor step 2: Get(O, "constructor").
    GetConstructor,
    /// The constructor arrived: Get(C, @@species).
    GotConstructor,
    /// The species arrived: NewPromiseCapability(C).
    GotSpecies,
    /// C constructed the promise: PerformPromiseThen.
    Constructed,
}

/// A running Promise.prototype.then.
#[derive(Collect)]
#[collect(no_drop)]
pub struct PromiseThen<'gc> {
    realm: Realm<'gc>,
    promise: Object<'gc>,
    on_fulfilled: Value<'gc>,
    on_rejected: Value<'gc>,
    /// The capability record C's executor fills.
    record: Option<Object<'gc>>,
    stage: Stage,
}

/// Promise.prototype.then(onFulfilled, onRejected).
pub(crate) fn promise_then<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    // 1-2. If IsPromise(promise) is false, throw a TypeError exception.
    let (Value::Object(p), true) = (this, is_promise(this)) else {
        return Err(cx.type_error("Promise.prototype.then called on a non-promise"));
    };
    let arg = |i: usize| args.get(i).copied().unwrap_or(Value::Undefined);
    cx.tail_continuation(Continuation::PromiseThen(Box::new(PromiseThen {
        realm: cx.realm,
        promise: p,
        on_fulfilled: arg(0),
        on_rejected: arg(1),
        record: None,
        stage: Stage::GetConstructor,
    })))
}

impl<'gc> PromiseThen<'gc> {
    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        let default = self.realm.intrinsics().coro.promise;
        let mut input = input;
        loop {
            match self.stage {
                Stage::GetConstructor => {
                    self.stage = Stage::GotConstructor;
                    match get_step(vm, Value::Object(self.promise), vm.names.constructor) {
                        Ok(v) => input = v,
                        Err(step) => return step,
                    }
                }
                Stage::GotConstructor => {
                    // SpeciesConstructor steps 3-5.
                    if input.is_undefined() {
                        input = Value::Object(default);
                        self.stage = Stage::GotSpecies;
                        continue;
                    }
                    if !matches!(input, Value::Object(_)) {
                        return ContStep::Throw(
                            vm.type_error("object.constructor is not an object"),
                        );
                    }
                    self.stage = Stage::GotSpecies;
                    let key = PropertyKey::Symbol(vm.symbols.species);
                    match get_step(vm, input, key) {
                        Ok(v) => input = v,
                        Err(step) => return step,
                    }
                }
                Stage::GotSpecies => {
                    // SpeciesConstructor steps 6-8.
                    let c = if input.is_nullish() {
                        Value::Object(default)
                    } else {
                        input
                    };
                    if !c.as_object().is_some_and(|o| o.is_constructor()) {
                        return ContStep::Throw(vm.type_error(
                            "object.constructor[Symbol.species] is not a constructor",
                        ));
                    }
                    // 4. NewPromiseCapability(C). %Promise% itself is constructed directly:
                    // nothing of its construction is observable.
                    if c.as_object().is_some_and(|o| o.ptr_eq(default)) {
                        let p = vm.new_promise(self.realm);
                        let (res, rej) = vm.create_resolving_functions(p, self.realm);
                        return self.perform(
                            vm,
                            Capability {
                                promise: Value::Object(p),
                                resolve: Value::Object(res),
                                reject: Value::Object(rej),
                            },
                        );
                    }
                    let (rec, exec) = match vm.capability_executor(c) {
                        Ok(r) => r,
                        Err(e) => return ContStep::Throw(e),
                    };
                    self.record = Some(rec);
                    self.stage = Stage::Constructed;
                    return ContStep::Construct {
                        callee: c,
                        args: vec![Value::Object(exec)],
                        new_target: None,
                    };
                }
                Stage::Constructed => {
                    let Some(rec) = self.record else {
                        return ContStep::Done(Value::Undefined);
                    };
                    return match vm.capability_from_record(input, rec) {
                        Ok(cap) => self.perform(vm, cap),
                        Err(e) => ContStep::Throw(e),
                    };
                }
            }
        }
    }

    /// 5. PerformPromiseThen(promise, onFulfilled, onRejected, resultCapability).
    fn perform(&mut self, vm: &mut Vm<'gc>, cap: Capability<'gc>) -> ContStep<'gc> {
        let h = |v: Value<'gc>| {
            if v.as_object().is_some_and(|o| o.is_callable()) {
                Handler::Js(v)
            } else {
                Handler::Empty
            }
        };
        vm.perform_then(
            self.promise,
            h(self.on_fulfilled),
            h(self.on_rejected),
            Some(cap),
        );
        ContStep::Done(cap.promise)
    }
}

#[cfg(test)]
mod tests {
    use crate::async_iter::log_after_jobs;

    #[test]
    fn species_getters_and_constructor_run_in_order() {
        assert_eq!(
            log_after_jobs(
                "var log = [];
                 var p = Promise.resolve(1);
                 Object.defineProperty(p, 'constructor', { get() { log.push('get constructor'); return C } });
                 var C = {}; Object.defineProperty(C, Symbol.species, { get() { log.push('get species'); return S } });
                 function S(exec) { log.push('construct'); exec(function (v) { log.push('resolve ' + v) }, function () {}) }
                 var r = p.then(function (v) { log.push('handler ' + v); return 7 });
                 log.push(r instanceof S);"
            ),
            "get constructor,get species,construct,true,handler 1,resolve 7"
        );
    }

    #[test]
    fn a_bad_capability_throws() {
        assert_eq!(
            log_after_jobs(
                "var log = [];
                 var p = Promise.resolve(1);
                 p.constructor = { [Symbol.species]: function () {} };
                 try { p.then() } catch (e) { log.push(e.constructor.name) }
                 p.constructor = { [Symbol.species]: 1 };
                 try { p.then() } catch (e) { log.push(e.constructor.name) }
                 p.constructor = 1;
                 try { p.then() } catch (e) { log.push(e.constructor.name) }"
            ),
            "TypeError,TypeError,TypeError"
        );
    }
}
