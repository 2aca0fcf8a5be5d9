//! Name resolution at run time (<https://tc39.es/ecma262/#sec-resolvebinding>): the lookups of
//! `GetName`/`SetName`/`DeleteName`/`GetNameForCall` through declarative environments (by
//! slot name and by the bindings sloppy direct evals added), `with` object environments
//! (honouring `@@unscopables`) and finally the global environment.

use super::{ConstCacheRef, Flow, Res, ReturnTo, Vm};
use crate::env::Env;
use crate::object::{Lookup, Object};
use crate::ops;
use crate::value::{PropertyKey, Value};
use moat_bytecode::isa::{ErrorKind, Reg};

/// A name resolved through the environment chain.
pub(crate) enum NameRef<'gc> {
    /// A slot of a declarative environment, with whether it is immutable.
    Slot(Env<'gc>, u16, bool),
    /// A `with` object environment's binding object.
    With(Object<'gc>),
    /// A binding a sloppy direct eval added to a function's variable environment.
    EvalVar(Object<'gc>),
}

impl<'gc> Vm<'gc> {
    /// A property read on the Rust stack (getters run nested): for the rare lookups, such as
    /// `@@unscopables`, that must finish before an instruction can go on.
    fn get_binding_nested(
        &mut self,
        o: Object<'gc>,
        key: PropertyKey<'gc>,
    ) -> Res<'gc, Value<'gc>> {
        match o.get(self.gcx, key) {
            Lookup::Value(v) => Ok(v),
            Lookup::Getter(g) => self.call_nested(Value::Object(g), Value::Object(o), &[]),
        }
    }

    /// HasBinding of an object environment record with `withEnvironment` true
    /// (<https://tc39.es/ecma262/#sec-object-environment-records-hasbinding-n>).
    fn with_has_binding(&mut self, o: Object<'gc>, key: PropertyKey<'gc>) -> Res<'gc, bool> {
        // 2-3.
        if !o.has_property(self.gcx, key) {
            return Ok(false);
        }
        // 5-7. A truthy `@@unscopables[key]` hides the property.
        let unscopables =
            self.get_binding_nested(o, PropertyKey::Symbol(self.symbols.unscopables))?;
        if let Value::Object(u) = unscopables {
            let blocked = self.get_binding_nested(u, key)?;
            if ops::to_boolean(blocked) {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// ResolveBinding over the running environment chain; `None` means the global environment.
    pub(crate) fn resolve_name(&mut self, key: PropertyKey<'gc>) -> Res<'gc, Option<NameRef<'gc>>> {
        Ok(self.resolve_name_hops(key)?.map(|(r, _)| r))
    }

    /// ResolveBinding, with the number of environments walked past to the one that holds it.
    fn resolve_name_hops(
        &mut self,
        key: PropertyKey<'gc>,
    ) -> Res<'gc, Option<(NameRef<'gc>, u32)>> {
        let units = match key {
            PropertyKey::String(s) => s.to_utf16(self.gcx),
            _ => return Ok(None),
        };
        let mut env = self.frame_env();
        let mut hops: u32 = 0;
        while let Some(e) = env {
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
            if let Some(o) = with {
                if self.with_has_binding(o, key)? {
                    return Ok(Some((NameRef::With(o), hops)));
                }
            } else if let Some((i, immutable)) = slot {
                return Ok(Some((NameRef::Slot(e, i, immutable), hops)));
            } else if let Some(o) = eval_vars {
                if o.borrow().find_own(key).is_some() {
                    return Ok(Some((NameRef::EvalVar(o), hops)));
                }
            }
            hops = hops.saturating_add(1);
            env = parent;
        }
        Ok(None)
    }

    /// ResolveBinding for a reference both read and written (compound assignment, update):
    /// the binding found now is the one PutValue writes, even if the lookup would later find
    /// another one (a getter deleting the `with` property, an eval adding a `var`)
    /// (<https://tc39.es/ecma262/#sec-resolvebinding>). The register value is the binding
    /// object of an object environment, `hops * 65536 + slot` for a declarative slot, or
    /// null for the global environment.
    pub(crate) fn resolve_name_ref(
        &mut self,
        consts: ConstCacheRef<'gc>,
        name: u32,
    ) -> Res<'gc, Value<'gc>> {
        let key = self.const_key(consts, name);
        Ok(match self.resolve_name_hops(key)? {
            Some((NameRef::With(o) | NameRef::EvalVar(o), _)) => Value::Object(o),
            Some((NameRef::Slot(_, i, _), hops)) => {
                Value::Number(f64::from(hops) * 65536.0 + f64::from(i))
            }
            None => Value::Null,
        })
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
        match self.resolve_name(key)? {
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
        match self.resolve_name(key)? {
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

    pub(crate) fn delete_name(&mut self, key: PropertyKey<'gc>) -> Res<'gc, bool> {
        Ok(match self.resolve_name(key)? {
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
