//! Async iteration: `GetIterator` with `is_async` (<https://tc39.es/ecma262/#sec-getiterator>),
//! the async forms of `IteratorNext`/`IteratorClose` used by `for await` (they await inside the
//! running frame, re-executing the instruction in phases), and %AsyncFromSyncIteratorPrototype%
//! (<https://tc39.es/ecma262/#sec-%asyncfromsynciteratorprototype%-object>).

use moat_bytecode::isa::Reg;

use crate::coro::PHASE_QUIET_AWAIT;
use crate::function::NativeCtx;
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::{Flow, Vm};
use crate::object::{Object, ObjectKind};
use crate::ops;
use crate::promise::{Capability, Handler};
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

fn callable(v: Value<'_>) -> bool {
    v.as_object().is_some_and(|o| o.is_callable())
}

impl<'gc> Vm<'gc> {
    /// GetMethod(V, P) on the Rust stack.
    fn get_method_nested(&mut self, v: Value<'gc>, key: PropertyKey<'gc>) -> Res<'gc, Value<'gc>> {
        let f = self.get_v_nested(v, key)?;
        if f.is_nullish() {
            return Ok(Value::Undefined);
        }
        if !callable(f) {
            return Err(self.type_error("method is not a function"));
        }
        Ok(f)
    }

    fn set_phase(&mut self, phase: u8) {
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

    /// GetIterator(obj, async): the record into `dst`/`dst + 1`, marked async.
    pub(crate) fn get_async_iterator(&mut self, dst: Reg, obj: Value<'gc>) -> Res<'gc, Flow> {
        let key = PropertyKey::Symbol(self.symbols.async_iterator);
        let method = self.get_method_nested(obj, key)?;
        let (iter, next) = if method.is_undefined() {
            let key = PropertyKey::Symbol(self.symbols.iterator);
            let sync = self.get_method_nested(obj, key)?;
            if sync.is_undefined() {
                return Err(self.type_error("object is not async iterable"));
            }
            let it = self.call_nested(sync, obj, &[])?;
            if !matches!(it, Value::Object(_)) {
                return Err(
                    self.type_error("Result of the Symbol.iterator method is not an object")
                );
            }
            let next = self.get_v_nested(it, self.names.next)?;
            // CreateAsyncFromSyncIterator.
            let proto = self
                .current_realm()
                .intrinsics()
                .coro
                .async_from_sync_iterator_prototype;
            let wrapper = Object::new(
                self.gcx,
                Some(proto),
                ObjectKind::AsyncFromSyncIter(Box::new((it, next))),
            );
            let w = Value::Object(wrapper);
            let wnext = self.get_v_nested(w, self.names.next)?;
            (w, wnext)
        } else {
            let it = self.call_nested(method, obj, &[])?;
            if !matches!(it, Value::Object(_)) {
                return Err(
                    self.type_error("Result of the Symbol.asyncIterator method is not an object")
                );
            }
            let next = self.get_v_nested(it, self.names.next)?;
            (it, next)
        };
        let base = self.frame_base();
        self.set_reg(base, dst, iter);
        self.set_reg(base, dst.wrapping_add(1), next);
        if let Some(f) = self.top_script() {
            if !f.async_iters.contains(&dst) {
                f.async_iters.push(dst);
            }
        }
        Ok(Flow::Next)
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
                self.set_phase(0);
                let r = self.reg(base, dst);
                if !matches!(r, Value::Object(_)) {
                    return Err(self.type_error("Iterator result is not an object"));
                }
                let done = self.get_v_nested(r, self.names.done)?;
                if ops::to_boolean(done) {
                    return Ok(Flow::Jump(offset));
                }
                let v = self.get_v_nested(r, self.names.value)?;
                self.set_reg(base, dst, v);
                Ok(Flow::Next)
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
        let it = self.reg(base, iter);
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
                let key = self.return_key();
                if quiet {
                    let r = match self.get_method_nested(it, key) {
                        Ok(m) if !m.is_undefined() => self.call_nested(m, it, &[]),
                        _ => return Ok(Flow::Next),
                    };
                    if self.stop.is_some() {
                        return Ok(Flow::Switch);
                    }
                    let Ok(r) = r else {
                        return Ok(Flow::Next);
                    };
                    self.set_phase(PHASE_QUIET_AWAIT);
                    return match self.await_value(slot, r) {
                        Ok(f) => Ok(f),
                        Err(_) => {
                            self.set_phase(0);
                            Ok(Flow::Next)
                        }
                    };
                }
                let m = self.get_method_nested(it, key)?;
                if m.is_undefined() {
                    return Ok(Flow::Next);
                }
                let r = self.call_nested(m, it, &[])?;
                self.set_phase(PHASE_CLOSE_AWAITED);
                self.await_value(slot, r)
            }
        }
    }
}

/// Install %AsyncFromSyncIteratorPrototype%'s methods.
pub fn install<'gc>(realm: Realm<'gc>, gcx: Gcx<'gc>, interner: &mut Interner<'gc>) {
    let p = realm.intrinsics().coro.async_from_sync_iterator_prototype;
    realm.define_native_method(gcx, interner, p, "next", afs_next, 1);
    realm.define_native_method(gcx, interner, p, "return", afs_return, 1);
    realm.define_native_method(gcx, interner, p, "throw", afs_throw, 1);
}

/// NewPromiseCapability(%Promise%) of the running function's realm.
fn intrinsic_capability<'gc>(cx: &mut NativeCtx<'gc, '_>) -> (Object<'gc>, Capability<'gc>) {
    let realm = cx.realm;
    let p = cx.vm.new_promise(realm);
    let (res, rej) = cx.vm.create_resolving_functions(p, realm);
    (
        p,
        Capability {
            promise: Value::Object(p),
            resolve: Value::Object(res),
            reject: Value::Object(rej),
        },
    )
}

fn sync_record<'gc>(this: Value<'gc>) -> Option<(Value<'gc>, Value<'gc>)> {
    let o = this.as_object()?;
    let b = o.borrow();
    match &b.kind {
        ObjectKind::AsyncFromSyncIter(r) => Some((r.0, r.1)),
        _ => None,
    }
}

/// AsyncFromSyncIteratorContinuation (<https://tc39.es/ecma262/#sec-asyncfromsynciteratorcontinuation>).
fn continuation<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    result: Value<'gc>,
    p: Object<'gc>,
    cap: Capability<'gc>,
    iter: Value<'gc>,
    close_on_rejection: bool,
) -> Value<'gc> {
    let steps = (|| -> Res<'gc, (bool, Value<'gc>)> {
        let done = cx.vm.get_v_nested(result, cx.vm.names.done)?;
        let value = cx.vm.get_v_nested(result, cx.vm.names.value)?;
        Ok((ops::to_boolean(done), value))
    })();
    let (done, value) = match steps {
        Ok(r) => r,
        Err(e) => {
            cx.vm.reject_promise(p, e);
            return Value::Object(p);
        }
    };
    let realm = cx.realm;
    let wrapper = match cx.vm.promise_resolve_intrinsic(realm, value) {
        Ok(w) => w,
        Err(e) => {
            if !done && close_on_rejection {
                let key = cx.vm.return_key();
                if let Ok(m) = cx.vm.get_v_nested(iter, key) {
                    if callable(m) {
                        let _ = cx.vm.call_nested(m, iter, &[]);
                    }
                }
            }
            cx.vm.reject_promise(p, e);
            return Value::Object(p);
        }
    };
    let on_rejected = if done || !close_on_rejection {
        Handler::Empty
    } else {
        Handler::CloseSync(iter)
    };
    cx.vm
        .perform_then(wrapper, Handler::IterResult(done), on_rejected, Some(cap));
    Value::Object(p)
}

fn afs_next<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (p, cap) = intrinsic_capability(cx);
    let Some((iter, next)) = sync_record(this) else {
        let e = cx.type_error("not an AsyncFromSyncIterator");
        cx.vm.reject_promise(p, e);
        return Ok(Value::Object(p));
    };
    let r = cx.vm.call_nested(next, iter, args.get(..1).unwrap_or(&[]));
    match r {
        Ok(r) if matches!(r, Value::Object(_)) => Ok(continuation(cx, r, p, cap, iter, true)),
        Ok(_) => {
            let e = cx.type_error("Iterator result is not an object");
            cx.vm.reject_promise(p, e);
            Ok(Value::Object(p))
        }
        Err(e) => {
            cx.vm.reject_promise(p, e);
            Ok(Value::Object(p))
        }
    }
}

fn afs_return<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (p, cap) = intrinsic_capability(cx);
    let Some((iter, _)) = sync_record(this) else {
        let e = cx.type_error("not an AsyncFromSyncIterator");
        cx.vm.reject_promise(p, e);
        return Ok(Value::Object(p));
    };
    let key = cx.vm.return_key();
    let m = match cx.vm.get_method_nested(iter, key) {
        Ok(m) => m,
        Err(e) => {
            cx.vm.reject_promise(p, e);
            return Ok(Value::Object(p));
        }
    };
    if m.is_undefined() {
        let v = args.first().copied().unwrap_or(Value::Undefined);
        let r = cx.vm.iter_result_object(v, true);
        cx.vm.resolve_promise(p, Value::Object(r));
        return Ok(Value::Object(p));
    }
    match cx.vm.call_nested(m, iter, args.get(..1).unwrap_or(&[])) {
        Ok(r) if matches!(r, Value::Object(_)) => Ok(continuation(cx, r, p, cap, iter, false)),
        Ok(_) => {
            let e = cx.type_error("Iterator result is not an object");
            cx.vm.reject_promise(p, e);
            Ok(Value::Object(p))
        }
        Err(e) => {
            cx.vm.reject_promise(p, e);
            Ok(Value::Object(p))
        }
    }
}

fn afs_throw<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (p, cap) = intrinsic_capability(cx);
    let Some((iter, _)) = sync_record(this) else {
        let e = cx.type_error("not an AsyncFromSyncIterator");
        cx.vm.reject_promise(p, e);
        return Ok(Value::Object(p));
    };
    let key = cx.key("throw");
    let m = match cx.vm.get_method_nested(iter, key) {
        Ok(m) => m,
        Err(e) => {
            cx.vm.reject_promise(p, e);
            return Ok(Value::Object(p));
        }
    };
    if m.is_undefined() {
        // Close the sync iterator (a normal completion), then reject: the protocol was broken.
        let rk = cx.vm.return_key();
        let closed = (|| -> Res<'gc, ()> {
            let r = cx.vm.get_method_nested(iter, rk)?;
            if !r.is_undefined() {
                let res = cx.vm.call_nested(r, iter, &[])?;
                if !matches!(res, Value::Object(_)) {
                    return Err(cx.vm.type_error("Iterator result is not an object"));
                }
            }
            Ok(())
        })();
        let e = match closed {
            Err(e) => e,
            Ok(()) => cx.type_error("The iterator does not provide a 'throw' method"),
        };
        cx.vm.reject_promise(p, e);
        return Ok(Value::Object(p));
    }
    match cx.vm.call_nested(m, iter, args.get(..1).unwrap_or(&[])) {
        Ok(r) if matches!(r, Value::Object(_)) => Ok(continuation(cx, r, p, cap, iter, true)),
        Ok(_) => {
            let e = cx.type_error("Iterator result is not an object");
            cx.vm.reject_promise(p, e);
            Ok(Value::Object(p))
        }
        Err(e) => {
            cx.vm.reject_promise(p, e);
            Ok(Value::Object(p))
        }
    }
}
