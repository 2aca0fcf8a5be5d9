//! Name resolution at run time (<https://tc39.es/ecma262/#sec-resolvebinding>): the lookups of
//! `GetName`/`SetName`/`DeleteName`/`GetNameForCall` through declarative environments (by
//! slot name and by the bindings sloppy direct evals added), `with` object environments
//! (honouring `@@unscopables`) and finally the global environment.

use gc_arena::Collect;

use super::{ConstCacheRef, Flow, Res, ReturnTo, Vm};
use crate::cont::{ContStep, Continuation};
use crate::env::Env;
use crate::object::{Lookup, Object};
use crate::ops;
use crate::value::{PropertyKey, Value};
use moat_bytecode::isa::{ErrorKind, Reg};

/// A name resolved through the environment chain.
#[derive(Clone, Copy)]
pub(crate) enum NameRef<'gc> {
    /// A slot of a declarative environment, with whether it is immutable.
    Slot(Env<'gc>, u16, bool),
    /// A `with` object environment's binding object.
    With(Object<'gc>),
    /// A binding a sloppy direct eval added to a function's variable environment.
    EvalVar(Object<'gc>),
}

/// Where a ResolveBinding walk (<https://tc39.es/ecma262/#sec-resolvebinding>) stands: it
/// pauses while a getter of the `@@unscopables` check of a `with` object runs in a frame.
#[derive(Collect)]
#[collect(no_drop)]
pub(crate) struct NameWalk<'gc> {
    key: PropertyKey<'gc>,
    /// The environment being looked at.
    env: Option<Env<'gc>>,
    /// Environments walked past so far.
    hops: u32,
    /// 0: look at `env`; 1: `env`'s `with` object's `@@unscopables` arrives; 2: its value
    /// for the key arrives.
    stage: u8,
}

/// The next move of a [`NameWalk`].
enum WalkStep<'gc> {
    /// Resolved, with the hops (`None`: the global environment).
    Found(Option<(NameRef<'gc>, u32)>),
    /// Call this getter with this receiver, then resume the walk with its result.
    Call(Object<'gc>, Object<'gc>),
}

/// What a name instruction does with the binding it resolves.
#[derive(Collect)]
#[collect(no_drop)]
pub(crate) enum NameOp<'gc> {
    /// `GetName`, `GetNameOrUndefined` (`typeof`), `GetNameForCall`.
    Get {
        dst: Reg,
        name: u32,
        throw: bool,
        for_call: bool,
    },
    /// `SetName`.
    Set {
        name: u32,
        value: Value<'gc>,
        strict: bool,
    },
    /// `DeleteName`.
    Delete { dst: Reg, name: u32 },
    /// `ResolveNameRef`.
    ResolveRef { dst: Reg },
}

/// A name instruction whose ResolveBinding had to call a getter: the rest of the walk, then
/// the operation, run as a continuation on top of the instruction's frame (whose registers,
/// constants and environment they use as the instruction would have).
#[derive(Collect)]
#[collect(no_drop)]
pub struct NameTask<'gc> {
    walk: NameWalk<'gc>,
    op: NameOp<'gc>,
}

impl<'gc> NameTask<'gc> {
    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        let (found, hops) = match vm.walk_names(&mut self.walk, input) {
            Ok(WalkStep::Found(r)) => (r.map(|(r, _)| r), r.map_or(0, |(_, h)| h)),
            Ok(WalkStep::Call(g, this)) => {
                return ContStep::Call {
                    callee: Value::Object(g),
                    this: Value::Object(this),
                    args: Vec::new(),
                }
            }
            Err(e) => return ContStep::Throw(e),
        };
        let Some((base, consts)) = vm.frame().map(|f| (f.base, f.consts)) else {
            return ContStep::Done(Value::Undefined);
        };
        // The operation writes the frame's registers itself (a getter or setter it calls
        // delivers there too); this continuation's own result is discarded.
        let r = match self.op {
            NameOp::Get {
                dst,
                name,
                throw,
                for_call,
            } => vm.get_name_resolved(base, dst, consts, name, throw, for_call, found),
            NameOp::Set {
                name,
                value,
                strict,
            } => vm.set_name_resolved(consts, name, value, strict, found),
            NameOp::Delete { dst, name } => {
                let key = vm.const_key(consts, name);
                vm.delete_name_resolved(key, found).map(|d| {
                    vm.set_reg(base, dst, Value::Boolean(d));
                    Flow::Next
                })
            }
            NameOp::ResolveRef { dst } => {
                vm.set_reg(base, dst, name_ref_value(found.map(|r| (r, hops))));
                Ok(Flow::Next)
            }
        };
        match r {
            Ok(_) => ContStep::Done(Value::Undefined),
            Err(e) => ContStep::Throw(e),
        }
    }
}

/// The register value of `ResolveNameRef` for a resolved binding: the binding object of an
/// object environment, `hops * 65536 + slot` for a declarative slot, or null for the global
/// environment.
fn name_ref_value<'gc>(found: Option<(NameRef<'gc>, u32)>) -> Value<'gc> {
    match found {
        Some((NameRef::With(o) | NameRef::EvalVar(o), _)) => Value::Object(o),
        Some((NameRef::Slot(_, i, _), hops)) => {
            Value::Number(f64::from(hops) * 65536.0 + f64::from(i))
        }
        None => Value::Null,
    }
}

/// The outcome of starting a resolution from an instruction.
enum Resolved<'gc> {
    /// Resolved at once (`None`: the global environment).
    Now(Option<(NameRef<'gc>, u32)>),
    /// A getter runs first; a [`NameTask`] finishes the instruction.
    Suspended,
}

impl<'gc> Vm<'gc> {
    /// Advance a ResolveBinding walk: the environment chain from the walk's position
    /// outwards. A `with` object environment's HasBinding
    /// (<https://tc39.es/ecma262/#sec-object-environment-records-hasbinding-n>): HasProperty,
    /// then a truthy `@@unscopables[key]` hides the property (steps 2-7); each of the two
    /// reads may call a getter, after which the walk resumes with its value as `input`.
    fn walk_names(&mut self, w: &mut NameWalk<'gc>, input: Value<'gc>) -> Res<'gc, WalkStep<'gc>> {
        let units = match w.key {
            PropertyKey::String(s) => s.to_utf16(self.gcx),
            _ => return Ok(WalkStep::Found(None)),
        };
        // `this` and `new.target` of direct eval code are looked up by these names, but no
        // object environment holds them (GetThisEnvironment passes `with` objects by).
        let receiver = units.iter().copied().eq("this".encode_utf16())
            || units.iter().copied().eq("new.target".encode_utf16());
        let key = w.key;
        let mut input = input;
        loop {
            let Some(e) = w.env else {
                return Ok(WalkStep::Found(None));
            };
            let (with, slot, eval_vars, parent) = {
                let d = e.0.borrow();
                let slot = d.names.as_ref().and_then(|names| {
                    let i = names.0.iter().position(|n| **n == *units)?;
                    let immutable = d
                        .immutable
                        .as_ref()
                        .and_then(|m| m.0.get(i).copied())
                        .unwrap_or(false);
                    Some((i as u16, immutable))
                });
                (d.with, slot, d.eval_vars, d.parent)
            };
            match (w.stage, with) {
                (0, Some(o)) => {
                    // 2-3. HasProperty(bindingObject, N).
                    if !receiver && o.has_property(self.gcx, key) {
                        // 5. Get(bindingObject, @@unscopables).
                        w.stage = 1;
                        match o.get(self.gcx, PropertyKey::Symbol(self.symbols.unscopables)) {
                            Lookup::Value(v) => input = v,
                            Lookup::Getter(g) => return Ok(WalkStep::Call(g, o)),
                        }
                        continue;
                    }
                }
                (1, Some(o)) => {
                    // 6. If unscopables is an Object, Get(unscopables, N).
                    let Value::Object(u) = input else {
                        w.stage = 0;
                        return Ok(WalkStep::Found(Some((NameRef::With(o), w.hops))));
                    };
                    w.stage = 2;
                    match u.get(self.gcx, key) {
                        Lookup::Value(v) => input = v,
                        Lookup::Getter(g) => return Ok(WalkStep::Call(g, u)),
                    }
                    continue;
                }
                (_, Some(o)) => {
                    // 6.b-c. A truthy value hides the binding.
                    w.stage = 0;
                    if !ops::to_boolean(input) {
                        return Ok(WalkStep::Found(Some((NameRef::With(o), w.hops))));
                    }
                }
                (_, None) => {
                    if let Some((i, immutable)) = slot {
                        return Ok(WalkStep::Found(Some((
                            NameRef::Slot(e, i, immutable),
                            w.hops,
                        ))));
                    }
                    if let Some(o) = eval_vars {
                        if o.borrow().find_own(key).is_some() {
                            return Ok(WalkStep::Found(Some((NameRef::EvalVar(o), w.hops))));
                        }
                    }
                }
            }
            w.hops = w.hops.saturating_add(1);
            w.env = parent;
        }
    }

    /// ResolveBinding of `key` for a name instruction doing `op`: at once when no getter runs,
    /// else the instruction's rest becomes a [`NameTask`] and the getter is called.
    fn resolve_for(&mut self, key: PropertyKey<'gc>, op: NameOp<'gc>) -> Res<'gc, Resolved<'gc>> {
        let mut walk = NameWalk {
            key,
            env: self.frame_env(),
            hops: 0,
            stage: 0,
        };
        match self.walk_names(&mut walk, Value::Undefined)? {
            WalkStep::Found(r) => Ok(Resolved::Now(r)),
            WalkStep::Call(g, this) => {
                let task = Continuation::Name(Box::new(NameTask { walk, op }));
                self.push_cont(task, ReturnTo::Discard);
                self.call_function(
                    Value::Object(g),
                    Value::Object(this),
                    Vec::new(),
                    ReturnTo::Native,
                )?;
                Ok(Resolved::Suspended)
            }
        }
    }

    /// The declarative slot `key` names in the running environment chain, passing `with`
    /// objects by (no script runs): for the `this` binding, which no object environment holds.
    pub(crate) fn resolve_declarative_slot(
        &mut self,
        key: PropertyKey<'gc>,
    ) -> Option<(Env<'gc>, u16)> {
        let PropertyKey::String(s) = key else {
            return None;
        };
        let units = s.to_utf16(self.gcx);
        let mut env = self.frame_env();
        while let Some(e) = env {
            let d = e.0.borrow();
            if d.with.is_none() {
                if let Some(i) = d
                    .names
                    .as_ref()
                    .and_then(|names| names.0.iter().position(|n| **n == *units))
                {
                    return Some((e, i as u16));
                }
            }
            env = d.parent;
        }
        None
    }

    /// ResolveBinding for a reference both read and written (compound assignment, update):
    /// the binding found now is the one PutValue writes, even if the lookup would later find
    /// another one (a getter deleting the `with` property, an eval adding a `var`)
    /// (<https://tc39.es/ecma262/#sec-resolvebinding>). The register value is the binding
    /// object of an object environment, `hops * 65536 + slot` for a declarative slot, or
    /// null for the global environment.
    pub(crate) fn resolve_name_ref(
        &mut self,
        base: u32,
        dst: Reg,
        consts: ConstCacheRef<'gc>,
        name: u32,
    ) -> Res<'gc, Flow> {
        let key = self.const_key(consts, name);
        match self.resolve_for(key, NameOp::ResolveRef { dst })? {
            Resolved::Now(r) => {
                self.set_reg(base, dst, name_ref_value(r));
                Ok(Flow::Next)
            }
            Resolved::Suspended => Ok(Flow::Switch),
        }
    }

    /// The declarative slot a `resolve_name_ref` number designates.
    fn name_ref_slot(&self, reference: f64) -> Option<(Env<'gc>, u16, bool)> {
        let hops = (reference / 65536.0).floor();
        let slot = (reference - hops * 65536.0) as u16;
        let mut env = self.frame_env();
        let mut n = 0.0;
        while n < hops {
            env = env?.0.borrow().parent;
            n += 1.0;
        }
        let e = env?;
        let immutable =
            e.0.borrow()
                .immutable
                .as_ref()
                .and_then(|m| m.0.get(usize::from(slot)).copied())
                .unwrap_or(false);
        Some((e, slot, immutable))
    }

    /// GetValue of a reference made by `resolve_name_ref`.
    pub(crate) fn get_name_ref(
        &mut self,
        base: u32,
        dst: Reg,
        consts: ConstCacheRef<'gc>,
        name: u32,
        reference: Value<'gc>,
    ) -> Res<'gc, Flow> {
        match reference {
            Value::Object(o) => {
                let key = self.const_key(consts, name);
                self.get_then(Value::Object(o), key, ReturnTo::Reg(dst))
            }
            Value::Number(n) => match self.name_ref_slot(n) {
                Some((e, i, _)) => {
                    let v = e.get(i).unwrap_or(Value::Undefined);
                    if v.is_empty() {
                        return Err(self.tdz_error(consts, name));
                    }
                    self.set_reg(base, dst, v);
                    Ok(Flow::Next)
                }
                None => self.get_name(base, dst, consts, name, true, false),
            },
            _ => self.get_global(base, dst, consts, name, true),
        }
    }

    /// PutValue of a reference made by `resolve_name_ref`
    /// (<https://tc39.es/ecma262/#sec-putvalue>).
    pub(crate) fn set_name_ref(
        &mut self,
        consts: ConstCacheRef<'gc>,
        name: u32,
        reference: Value<'gc>,
        v: Value<'gc>,
        strict: bool,
    ) -> Res<'gc, Flow> {
        let key = self.const_key(consts, name);
        match reference {
            Value::Object(o) => {
                // Object record SetMutableBinding step 2 (a declarative record's step 1 for
                // an eval-added `var` since deleted): strict code may not recreate it.
                if strict && !o.has_property(self.gcx, key) {
                    let n = self.key_display(key);
                    return Err(
                        self.error(ErrorKind::ReferenceError, &format!("{n} is not defined"))
                    );
                }
                self.set_then(Value::Object(o), key, v, strict)
            }
            Value::Number(n) => match self.name_ref_slot(n) {
                Some((e, i, immutable)) => {
                    if e.get(i).is_some_and(|c| c.is_empty()) {
                        return Err(self.tdz_error(consts, name));
                    }
                    if immutable {
                        return self.assign_immutable(e, strict);
                    }
                    e.set(self.gcx, i, v);
                    Ok(Flow::Next)
                }
                None => self.set_name(consts, name, v, strict),
            },
            _ => self.set_global(consts, name, v, strict),
        }
    }

    /// `this` and `new.target` of direct eval code whose caller keeps them in no environment
    /// (script top level, arrows there): the eval frame carries the caller's.
    fn frame_receiver(&mut self, key: PropertyKey<'gc>) -> Res<'gc, Option<Value<'gc>>> {
        let this_key = self.interner.key_str(self.gcx, "this");
        let nt_key = self.interner.key_str(self.gcx, "new.target");
        let (this, nt) = match self.frame() {
            Some(f) => (f.this, f.new_target),
            None => return Ok(None),
        };
        if key == this_key {
            if this.is_empty() {
                return Err(self.error(
                    ErrorKind::ReferenceError,
                    "Must call super constructor in derived class before accessing 'this'",
                ));
            }
            return Ok(Some(this));
        }
        if key == nt_key {
            return Ok(Some(nt));
        }
        Ok(None)
    }

    pub(crate) fn get_name(
        &mut self,
        base: u32,
        dst: Reg,
        consts: ConstCacheRef<'gc>,
        name: u32,
        throw: bool,
        for_call: bool,
    ) -> Res<'gc, Flow> {
        let key = self.const_key(consts, name);
        if for_call {
            self.set_reg(base, dst.wrapping_add(1), Value::Undefined);
        }
        let op = NameOp::Get {
            dst,
            name,
            throw,
            for_call,
        };
        match self.resolve_for(key, op)? {
            Resolved::Now(r) => {
                let r = r.map(|(r, _)| r);
                self.get_name_resolved(base, dst, consts, name, throw, for_call, r)
            }
            Resolved::Suspended => Ok(Flow::Switch),
        }
    }

    /// GetValue of a resolved name reference into register `dst` (and, for a call, its
    /// `this` into `dst + 1`).
    #[allow(clippy::too_many_arguments)]
    fn get_name_resolved(
        &mut self,
        base: u32,
        dst: Reg,
        consts: ConstCacheRef<'gc>,
        name: u32,
        throw: bool,
        for_call: bool,
        found: Option<NameRef<'gc>>,
    ) -> Res<'gc, Flow> {
        let key = self.const_key(consts, name);
        match found {
            Some(NameRef::Slot(e, i, _)) => {
                let v = e.get(i).unwrap_or(Value::Undefined);
                if v.is_empty() {
                    return Err(self.tdz_error(consts, name));
                }
                self.set_reg(base, dst, v);
                Ok(Flow::Next)
            }
            Some(NameRef::EvalVar(o)) => {
                let v = match o.get(self.gcx, key) {
                    Lookup::Value(v) => v,
                    Lookup::Getter(_) => Value::Undefined,
                };
                self.set_reg(base, dst, v);
                Ok(Flow::Next)
            }
            Some(NameRef::With(o)) => {
                if for_call {
                    self.set_reg(base, dst.wrapping_add(1), Value::Object(o));
                }
                self.get_then(Value::Object(o), key, ReturnTo::Reg(dst))
            }
            None => {
                if let Some(v) = self.frame_receiver(key)? {
                    self.set_reg(base, dst, v);
                    return Ok(Flow::Next);
                }
                self.get_global(base, dst, consts, name, throw)
            }
        }
    }

    /// SetMutableBinding of an immutable binding (<https://tc39.es/ecma262/#sec-declarative-environment-records-setmutablebinding-n-v-s>
    /// steps 3 and 5.b): a TypeError, except that a named function expression's own name is
    /// not a strict binding, so sloppy code's assignment is silently ignored.
    fn assign_immutable(&mut self, e: Env<'gc>, strict: bool) -> Res<'gc, Flow> {
        if !strict && e.0.borrow().function_name {
            return Ok(Flow::Next);
        }
        Err(self.type_error("Assignment to constant variable."))
    }

    pub(crate) fn set_name(
        &mut self,
        consts: ConstCacheRef<'gc>,
        name: u32,
        v: Value<'gc>,
        strict: bool,
    ) -> Res<'gc, Flow> {
        let key = self.const_key(consts, name);
        let op = NameOp::Set {
            name,
            value: v,
            strict,
        };
        match self.resolve_for(key, op)? {
            Resolved::Now(r) => {
                let r = r.map(|(r, _)| r);
                self.set_name_resolved(consts, name, v, strict, r)
            }
            Resolved::Suspended => Ok(Flow::Switch),
        }
    }

    /// PutValue of `v` to a resolved name reference
    /// (<https://tc39.es/ecma262/#sec-putvalue>).
    fn set_name_resolved(
        &mut self,
        consts: ConstCacheRef<'gc>,
        name: u32,
        v: Value<'gc>,
        strict: bool,
        found: Option<NameRef<'gc>>,
    ) -> Res<'gc, Flow> {
        let key = self.const_key(consts, name);
        match found {
            Some(NameRef::Slot(e, i, immutable)) => {
                if e.get(i).is_some_and(|c| c.is_empty()) {
                    return Err(self.tdz_error(consts, name));
                }
                if immutable {
                    return self.assign_immutable(e, strict);
                }
                e.set(self.gcx, i, v);
                Ok(Flow::Next)
            }
            Some(NameRef::EvalVar(o)) => {
                o.put_data(self.gcx, key, v, crate::shape::Attrs::DEFAULT);
                Ok(Flow::Next)
            }
            Some(NameRef::With(o)) => {
                // SetMutableBinding of an object record: a binding deleted meanwhile is a
                // ReferenceError in strict code.
                if strict && !o.has_property(self.gcx, key) {
                    let n = self.key_display(key);
                    return Err(
                        self.error(ErrorKind::ReferenceError, &format!("{n} is not defined"))
                    );
                }
                self.set_then(Value::Object(o), key, v, strict)
            }
            None => self.set_global(consts, name, v, strict),
        }
    }

    /// `delete name` into register `dst`
    /// (<https://tc39.es/ecma262/#sec-delete-operator-runtime-semantics-evaluation>).
    pub(crate) fn delete_name(
        &mut self,
        base: u32,
        dst: Reg,
        consts: ConstCacheRef<'gc>,
        name: u32,
    ) -> Res<'gc, Flow> {
        let key = self.const_key(consts, name);
        match self.resolve_for(key, NameOp::Delete { dst, name })? {
            Resolved::Now(r) => {
                let d = self.delete_name_resolved(key, r.map(|(r, _)| r))?;
                self.set_reg(base, dst, Value::Boolean(d));
                Ok(Flow::Next)
            }
            Resolved::Suspended => Ok(Flow::Switch),
        }
    }

    fn delete_name_resolved(
        &mut self,
        key: PropertyKey<'gc>,
        found: Option<NameRef<'gc>>,
    ) -> Res<'gc, bool> {
        Ok(match found {
            Some(NameRef::Slot(..)) => false,
            Some(NameRef::With(o)) | Some(NameRef::EvalVar(o)) => o.delete(self.gcx, key),
            None => {
                let realm = self.current_realm();
                if realm.0.global_lexical.borrow().contains_key(&key) {
                    return Ok(false);
                }
                realm.global().delete(self.gcx, key)
            }
        })
    }
}
