//! Destructuring: binding patterns and assignment patterns
//! (<https://tc39.es/ecma262/#sec-runtime-semantics-bindinginitialization>,
//! <https://tc39.es/ecma262/#sec-runtime-semantics-destructuringassignmentevaluation>).
//! Objects read properties (rest via CopyDataProperties); arrays use the iterator protocol
//! and close the iterator on abrupt completion.

use moat_parser::ast::{ArrayPattern, ObjectPattern, Pattern, PropertyKey};

use super::bindings::StoreMode;
use super::emit::{Control, ControlKind, FunctionCompiler};
use super::expr::{utf16, NameHint};
use super::CResult;
use crate::isa::{CoercibleUse, Insn, Reg};

/// How identifiers in a pattern are stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BindMode {
    /// PutValue (assignment patterns, `var` declarations).
    Assign,
    /// InitializeReferencedBinding (`let`, `const`, parameters, `catch`).
    Init,
}

impl BindMode {
    fn store(self) -> StoreMode {
        match self {
            BindMode::Assign => StoreMode::Assign,
            BindMode::Init => StoreMode::Init,
        }
    }
}

/// A property of an object pattern: a name known statically, or a key evaluated into a register.
#[derive(Clone, Copy)]
enum PatternKey {
    Named(crate::isa::ConstIdx),
    Keyed(Reg),
}

impl FunctionCompiler<'_> {
    /// Binds or assigns `value` to pattern `p`.
    pub fn destructure(&mut self, p: &Pattern, value: Reg, mode: BindMode) -> CResult {
        self.enter()?;
        let r = self.destructure_inner(p, value, mode);
        self.leave();
        r
    }

    fn destructure_inner(&mut self, p: &Pattern, value: Reg, mode: BindMode) -> CResult {
        match p {
            Pattern::Identifier(id) => self.store_identifier(id, value, mode.store()),
            Pattern::Member(e) => {
                let mark = self.mark();
                let t = self.eval_target(e)?;
                self.put_target(&t, value)?;
                self.release(mark);
                Ok(())
            }
            Pattern::Assignment(a) => {
                // A default at the top (parameters): applied when the value is undefined.
                let mark = self.mark();
                let v = self.temp()?;
                self.emit(Insn::Move { dst: v, src: value });
                let skip = self.emit(Insn::JumpIfNotUndefined { src: v, offset: 0 });
                let hint = match &a.target {
                    Pattern::Identifier(id) => NameHint::Static(utf16(&id.name)),
                    _ => NameHint::None,
                };
                self.expr_named(&a.default, v, &hint)?;
                self.patch_here(skip)?;
                self.destructure(&a.target, v, mode)?;
                self.release(mark);
                Ok(())
            }
            Pattern::Object(o) => self.object_pattern(o, value, mode),
            Pattern::Array(a) => self.array_pattern(a, value, mode),
        }
    }

    /// One element or property: the target reference first (when it is not a nested
    /// pattern), then the value from `fetch`, then the default, then the store.
    fn destructure_element(
        &mut self,
        p: &Pattern,
        mode: BindMode,
        fetch: impl FnOnce(&mut Self, Reg) -> CResult,
    ) -> CResult {
        let mark = self.mark();
        let (target, default) = match p {
            Pattern::Assignment(a) => (&a.target, Some(&a.default)),
            other => (other, None),
        };
        let pre = match target {
            Pattern::Member(e) => Some(self.eval_target(e)?),
            _ => None,
        };
        let v = self.temp()?;
        fetch(self, v)?;
        if let Some(d) = default {
            let skip = self.emit(Insn::JumpIfNotUndefined { src: v, offset: 0 });
            let hint = match target {
                Pattern::Identifier(id) => NameHint::Static(utf16(&id.name)),
                _ => NameHint::None,
            };
            self.expr_named(d, v, &hint)?;
            self.patch_here(skip)?;
        }
        match pre {
            Some(t) => self.put_target(&t, v)?,
            None => self.destructure(target, v, mode)?,
        }
        self.release(mark);
        Ok(())
    }

    fn object_pattern(&mut self, o: &ObjectPattern, value: Reg, mode: BindMode) -> CResult {
        let mark = self.mark();
        self.emit(Insn::RequireObjectCoercible {
            src: value,
            what: CoercibleUse::Destructure,
        });
        let count = u16::try_from(o.properties.len())
            .map_err(|_| super::CompileError::range("function too large"))?;
        // With a rest element every key is kept for CopyDataProperties' exclusion list.
        let keys = if o.rest.is_some() {
            Some(self.temps(u32::from(count))?)
        } else {
            None
        };
        for (i, prop) in o.properties.iter().enumerate() {
            let key_reg = match keys {
                Some(k) => k.checked_add(u16::try_from(i).unwrap_or(u16::MAX)),
                None => None,
            };
            let key = &prop.key;
            // AssignmentProperty : PropertyName : AssignmentElement
            // (<https://tc39.es/ecma262/#sec-runtime-semantics-propertydestructuringassignmentevaluation>):
            // 1. the PropertyName (a computed one with its ToPropertyKey) first, then
            // KeyedDestructuringAssignmentEvaluation evaluates the target reference.
            let key_mark = self.mark();
            let fetch_key = match (key, key_reg) {
                (PropertyKey::Identifier(id), None) => PatternKey::Named(self.string(&id.name)?),
                (_, Some(k)) => {
                    self.property_key(key, k)?;
                    PatternKey::Keyed(k)
                }
                (_, None) => {
                    let k = self.temp()?;
                    self.property_key(key, k)?;
                    PatternKey::Keyed(k)
                }
            };
            self.destructure_element(&prop.value, mode, |this, v| {
                match fetch_key {
                    PatternKey::Named(k) => this.emit(Insn::GetProp {
                        dst: v,
                        obj: value,
                        key: k,
                    }),
                    PatternKey::Keyed(k) => this.emit(Insn::GetElem {
                        dst: v,
                        obj: value,
                        key: k,
                    }),
                };
                Ok(())
            })?;
            self.release(key_mark);
        }
        if let Some(rest) = &o.rest {
            let excluded = keys.unwrap_or(0);
            self.destructure_element(rest, mode, |this, v| {
                this.emit(Insn::NewObject { dst: v });
                this.emit(Insn::CopyDataProperties {
                    dst: v,
                    src: value,
                    excluded,
                    count,
                });
                Ok(())
            })?;
        }
        self.release(mark);
        Ok(())
    }

    /// One IteratorStepValue into `v` (left `undefined` once the iterator is done). `done`
    /// is true while `next` runs so that its own abrupt completion does not close the
    /// iterator.
    fn iterator_step(&mut self, iter: Reg, done: Reg, v: Reg) -> CResult {
        self.emit(Insn::LoadUndefined { dst: v });
        let skip = self.emit(Insn::JumpIfTrue {
            cond: done,
            offset: 0,
        });
        self.emit(Insn::LoadBool {
            dst: done,
            value: true,
        });
        let at_end = self.emit(Insn::IteratorNext {
            dst: v,
            iter,
            offset: 0,
        });
        self.emit(Insn::LoadBool {
            dst: done,
            value: false,
        });
        self.patch_here(skip)?;
        self.patch_here(at_end)?;
        Ok(())
    }

    fn array_pattern(&mut self, a: &ArrayPattern, value: Reg, mode: BindMode) -> CResult {
        let mark = self.mark();
        let iter = self.temps(2)?;
        let done = self.temp()?;
        self.emit(Insn::GetIterator {
            dst: iter,
            src: value,
            is_async: false,
        });
        self.emit(Insn::LoadBool {
            dst: done,
            value: false,
        });
        let region_start = self.here();
        self.controls.push(Control {
            kind: ControlKind::Destructuring { iter, done },
            env_depth: self.env_depth,
        });
        for el in &a.elements {
            match el {
                None => {
                    let m = self.mark();
                    let v = self.temp()?;
                    self.iterator_step(iter, done, v)?;
                    self.release(m);
                }
                Some(p) => {
                    self.destructure_element(p, mode, |this, v| this.iterator_step(iter, done, v))?;
                }
            }
        }
        if let Some(rest) = &a.rest {
            self.destructure_element(rest, mode, |this, arr| {
                this.emit(Insn::NewArray {
                    dst: arr,
                    capacity: 0,
                });
                let m = this.mark();
                let v = this.temp()?;
                let to_end = this.emit(Insn::JumpIfTrue {
                    cond: done,
                    offset: 0,
                });
                this.emit(Insn::LoadBool {
                    dst: done,
                    value: true,
                });
                let top = this.here();
                let exhausted = this.emit(Insn::IteratorNext {
                    dst: v,
                    iter,
                    offset: 0,
                });
                this.emit(Insn::ArrayPush { arr, src: v });
                this.jump_to(top)?;
                this.patch_here(exhausted)?;
                this.patch_here(to_end)?;
                this.release(m);
                Ok(())
            })?;
        }
        self.controls.pop();
        let region_end = self.here();
        // Normal completion: IteratorClose unless exhausted.
        let skip_close = self.emit(Insn::JumpIfTrue {
            cond: done,
            offset: 0,
        });
        self.emit(Insn::IteratorClose { iter });
        let to_end = self.jump();
        // Abrupt completion: close quietly (unless `next` itself failed), then rethrow.
        let handler = self.here();
        let exc = self.temp()?;
        let rethrow = self.emit(Insn::JumpIfTrue {
            cond: done,
            offset: 0,
        });
        self.emit(Insn::IteratorCloseQuiet { iter });
        self.patch_here(rethrow)?;
        self.emit(Insn::Throw { src: exc });
        self.add_handler(region_start, region_end, handler, exc)?;
        self.patch_here(skip_close)?;
        self.patch_here(to_end)?;
        self.release(mark);
        Ok(())
    }
}
