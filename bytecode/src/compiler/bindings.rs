//! Identifier references and scopes: loading and storing a binding according to its
//! [`Resolution`], entering and leaving the scopes the analysis describes, and the
//! declaration instantiation of each scope (holes for TDZ bindings, hoisted functions).

use std::sync::Arc;

use moat_parser::ast::{Function, Identifier, Statement};

use super::emit::FunctionCompiler;
use super::CResult;
use crate::code::ScopeDesc;
use crate::isa::{ErrorKind, Insn, Reg};
use crate::scope::{BindingKind, BindingLocation, RefKind, Resolution, ScopeId, ScopeKind};

/// What a store to a binding means.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StoreMode {
    /// PutValue: an assignment (TDZ and immutability apply).
    Assign,
    /// InitializeReferencedBinding: a declaration's initialiser.
    Init,
}

/// Function declarations directly in a statement list (also behind labels), the candidates
/// for hoisting into the list's scope.
pub(crate) fn function_declarations<'s>(stmts: &'s [Statement], out: &mut Vec<&'s Function>) {
    for s in stmts {
        let mut s = s;
        while let Statement::Labeled(l) = s {
            s = &l.body;
        }
        if let Statement::FunctionDeclaration(f) = s {
            out.push(f);
        }
    }
}

impl FunctionCompiler<'_> {
    /// The resolution of the identifier token at `start` (unknown ones are looked up by name,
    /// which is always sound).
    pub fn resolution_at(&self, kind: RefKind, start: u32) -> Resolution {
        self.ctx
            .analysis
            .reference(kind, start)
            .map_or(Resolution::Dynamic, |r| r.resolution)
    }

    /// The kind of the static binding an identifier reference resolves to.
    pub fn binding_kind_at(&self, kind: RefKind, start: u32) -> Option<BindingKind> {
        let r = self.ctx.analysis.reference(kind, start)?;
        self.ctx.analysis.binding(r.binding?).map(|b| b.kind)
    }

    /// GetValue of an identifier reference.
    pub fn load_identifier(&mut self, id: &Identifier, dst: Reg) -> CResult {
        let res = self.resolution_at(RefKind::Identifier, id.span.start);
        self.load_resolution(res, &id.name, dst, false)
    }

    /// `typeof id`: an unresolvable reference gives `undefined` instead of throwing.
    pub fn load_identifier_for_typeof(&mut self, id: &Identifier, dst: Reg) -> CResult {
        let res = self.resolution_at(RefKind::Identifier, id.span.start);
        self.load_resolution(res, &id.name, dst, true)
    }

    pub fn load_resolution(
        &mut self,
        res: Resolution,
        name: &str,
        dst: Reg,
        or_undefined: bool,
    ) -> CResult {
        match res {
            Resolution::Local {
                register,
                needs_tdz_check,
            } => {
                let src = self.local(register)?;
                if needs_tdz_check {
                    let name = self.string(name)?;
                    self.emit(Insn::CheckTdz { src, name });
                }
                if src != dst {
                    self.emit(Insn::Move { dst, src });
                }
            }
            Resolution::Environment {
                hops,
                slot,
                needs_tdz_check,
            } => {
                if needs_tdz_check {
                    let name = self.string(name)?;
                    self.emit(Insn::GetEnvChecked {
                        dst,
                        hops,
                        slot,
                        name,
                    });
                } else {
                    self.emit(Insn::GetEnv { dst, hops, slot });
                }
            }
            Resolution::Module { import } => {
                self.emit(Insn::GetImport { dst, import });
            }
            Resolution::Global => {
                let name = self.string(name)?;
                if or_undefined {
                    self.emit(Insn::GetGlobalOrUndefined { dst, name });
                } else {
                    self.emit(Insn::GetGlobal { dst, name });
                }
            }
            Resolution::Dynamic => {
                let name = self.string(name)?;
                if or_undefined {
                    self.emit(Insn::GetNameOrUndefined { dst, name });
                } else {
                    self.emit(Insn::GetName { dst, name });
                }
            }
        }
        Ok(())
    }

    /// PutValue / InitializeReferencedBinding of an identifier.
    pub fn store_identifier(&mut self, id: &Identifier, src: Reg, mode: StoreMode) -> CResult {
        let start = id.span.start;
        let res = self.resolution_at(RefKind::Identifier, start);
        let kind = self.binding_kind_at(RefKind::Identifier, start);
        self.store_resolution(res, kind, &id.name, src, mode)
    }

    pub fn store_resolution(
        &mut self,
        res: Resolution,
        kind: Option<BindingKind>,
        name: &str,
        src: Reg,
        mode: StoreMode,
    ) -> CResult {
        let immutable = mode == StoreMode::Assign
            && kind.is_some_and(|k| k.is_immutable())
            && !matches!(res, Resolution::Global | Resolution::Dynamic);
        match res {
            Resolution::Local {
                register,
                needs_tdz_check,
            } => {
                let dst = self.local(register)?;
                if mode == StoreMode::Assign && needs_tdz_check {
                    let name = self.string(name)?;
                    self.emit(Insn::CheckTdz { src: dst, name });
                }
                if immutable {
                    return self.assign_to_immutable(kind);
                }
                if src != dst {
                    self.emit(Insn::Move { dst, src });
                }
            }
            Resolution::Environment {
                hops,
                slot,
                needs_tdz_check,
            } => {
                if immutable {
                    if needs_tdz_check {
                        let tmp = self.temp()?;
                        let name_c = self.string(name)?;
                        self.emit(Insn::GetEnvChecked {
                            dst: tmp,
                            hops,
                            slot,
                            name: name_c,
                        });
                        self.release(u32::from(tmp));
                    }
                    return self.assign_to_immutable(kind);
                }
                if mode == StoreMode::Assign && needs_tdz_check {
                    let name = self.string(name)?;
                    self.emit(Insn::SetEnvChecked {
                        hops,
                        slot,
                        src,
                        name,
                    });
                } else {
                    self.emit(Insn::SetEnv { hops, slot, src });
                }
            }
            Resolution::Module { .. } => {
                // Imports are immutable bindings.
                let msg = self.string("Assignment to constant variable.")?;
                self.emit(Insn::ThrowError {
                    kind: ErrorKind::TypeError,
                    msg,
                });
            }
            Resolution::Global => {
                let name = self.string(name)?;
                if mode == StoreMode::Init && kind.is_some_and(|k| k.is_lexical()) {
                    self.emit(Insn::InitGlobalLexical { name, src });
                } else if mode == StoreMode::Init && kind.is_some() {
                    // A script `var`: the binding exists on the global object.
                    self.emit(Insn::SetGlobal { name, src });
                } else {
                    self.emit(Insn::SetGlobal { name, src });
                }
            }
            Resolution::Dynamic => {
                let name = self.string(name)?;
                if mode == StoreMode::Init && kind.is_some_and(|k| k.is_lexical()) {
                    self.emit(Insn::InitGlobalLexical { name, src });
                } else {
                    self.emit(Insn::SetName { name, src });
                }
            }
        }
        Ok(())
    }

    /// SetMutableBinding on an immutable binding: TypeError, except that a sloppy function
    /// expression's own name silently ignores the write.
    fn assign_to_immutable(&mut self, kind: Option<BindingKind>) -> CResult {
        if kind == Some(BindingKind::FunctionName) && !self.strict {
            return Ok(());
        }
        let msg = self.string("Assignment to constant variable.")?;
        self.emit(Insn::ThrowError {
            kind: ErrorKind::TypeError,
            msg,
        });
        Ok(())
    }

    // ----- scopes ------------------------------------------------------------------------

    /// The run-time layout of scope `id`'s environment.
    pub fn scope_desc(&self, id: ScopeId) -> ScopeDesc {
        let analysis = self.ctx.analysis;
        let Some(scope) = analysis.scope(id) else {
            return ScopeDesc {
                names: Arc::from(Vec::new()),
                immutable: Arc::from(Vec::new()),
                dynamic: false,
                eval_var_conflicts: Arc::from(Vec::new()),
                eval_var_target: false,
                parameter_scope: false,
                function_name: false,
            };
        };
        let function = analysis.function(scope.function);
        // In a var scope only lexical declarations conflict with an eval's `var` (its
        // parameters, `var`s and functions are the VariableEnvironment's own); in any inner
        // scope every binding does, except a catch parameter (Annex B.3.4).
        let is_var_scope = function.is_some_and(|f| f.var_scope == id || f.function_scope == id);
        // With parameter expressions the parameters (and `arguments`) live in an environment
        // between an eval in the parameter list and its VariableEnvironment
        // (FunctionDeclarationInstantiation step 20), so EvalDeclarationInstantiation step
        // 3.d finds them: `function f(a = eval("var a")) {}` is a SyntaxError.
        let separate_parameters = function.is_some_and(|f| {
            f.has_parameter_expressions && f.function_scope == id && f.var_scope != id
        });
        let conflicts = |kind: BindingKind| {
            if separate_parameters
                && matches!(kind, BindingKind::Parameter | BindingKind::Arguments)
            {
                true
            } else if is_var_scope {
                kind.is_lexical()
            } else {
                !matches!(
                    kind,
                    BindingKind::CatchParameter
                        | BindingKind::This
                        | BindingKind::NewTarget
                        | BindingKind::ActiveFunction
                        | BindingKind::Arguments
                        | BindingKind::Var
                        | BindingKind::Parameter
                )
            }
        };
        let mut slots: Vec<(u16, Arc<[u16]>, bool, bool)> = scope
            .bindings
            .iter()
            .filter_map(|b| match b.location {
                BindingLocation::Slot(s) => Some((
                    s,
                    Arc::from(b.name.encode_utf16().collect::<Vec<u16>>()),
                    b.kind.is_immutable(),
                    conflicts(b.kind),
                )),
                _ => None,
            })
            .collect();
        slots.sort_by_key(|(s, _, _, _)| *s);
        let dynamic = scope.eval_may_add_vars
            || function.is_some_and(|f| f.has_direct_eval || f.contains_with);
        ScopeDesc {
            names: slots.iter().map(|(_, n, _, _)| n.clone()).collect(),
            immutable: slots.iter().map(|(_, _, i, _)| *i).collect(),
            dynamic,
            eval_var_conflicts: if dynamic {
                slots.iter().map(|(_, _, _, c)| *c).collect()
            } else {
                Arc::from(Vec::new())
            },
            eval_var_target: scope.eval_may_add_vars,
            parameter_scope: function.is_some_and(|f| {
                !f.is_arrow
                    && f.has_parameter_expressions
                    && f.function_scope == id
                    && f.var_scope != id
            }),
            function_name: scope.kind == ScopeKind::FunctionName,
        }
    }

    /// Enters the scope `kind` introduced at `start`, if the analysis has one: pushes its
    /// environment when it needs one and puts its register and slot bindings in their initial
    /// state. Returns what [`FunctionCompiler::exit_scope`] needs.
    pub fn enter_scope(&mut self, kind: ScopeKind, start: u32) -> CResult<Option<ScopeId>> {
        let Some(id) = self.ctx.analysis.scope_of(kind, start) else {
            return Ok(None);
        };
        let needs_env = self
            .ctx
            .analysis
            .scope(id)
            .is_some_and(|s| s.needs_environment);
        if needs_env {
            let desc = self.scope_desc(id);
            self.push_scope(desc)?;
        }
        self.init_bindings(id, |_| true)?;
        Ok(Some(id))
    }

    pub fn exit_scope(&mut self, id: Option<ScopeId>) {
        if let Some(id) = id {
            if self
                .ctx
                .analysis
                .scope(id)
                .is_some_and(|s| s.needs_environment)
            {
                self.pop_scope();
            }
        }
    }

    /// Puts the bindings of `id` selected by `filter` in their initial state: a hole when
    /// they start uninitialised, else `undefined` (registers are shared by sibling scopes, and
    /// an environment may be re-entered in a loop).
    pub fn init_bindings(&mut self, id: ScopeId, filter: impl Fn(BindingKind) -> bool) -> CResult {
        let Some(scope) = self.ctx.analysis.scope(id) else {
            return Ok(());
        };
        let mut undef: Option<Reg> = None;
        let mut empty: Option<Reg> = None;
        let mark = self.mark();
        for b in &scope.bindings {
            if !filter(b.kind) {
                continue;
            }
            match b.location {
                BindingLocation::Register(r) => {
                    let dst = self.local(r)?;
                    if b.starts_uninitialized {
                        self.emit(Insn::LoadEmpty { dst });
                    } else {
                        self.emit(Insn::LoadUndefined { dst });
                    }
                }
                BindingLocation::Slot(slot) => {
                    let src = if b.starts_uninitialized {
                        match empty {
                            Some(r) => r,
                            None => {
                                let r = self.temp()?;
                                self.emit(Insn::LoadEmpty { dst: r });
                                empty = Some(r);
                                r
                            }
                        }
                    } else {
                        match undef {
                            Some(r) => r,
                            None => {
                                let r = self.temp()?;
                                self.emit(Insn::LoadUndefined { dst: r });
                                undef = Some(r);
                                r
                            }
                        }
                    };
                    self.emit(Insn::SetEnv { hops: 0, slot, src });
                }
                _ => {}
            }
        }
        self.release(mark);
        Ok(())
    }

    /// Instantiates the hoisted function declarations of scope `id` found among
    /// `candidates` (InstantiateFunctionObject for each, stored into its binding).
    pub fn hoist_functions(&mut self, id: ScopeId, candidates: &[&Function]) -> CResult {
        let Some(scope) = self.ctx.analysis.scope(id) else {
            return Ok(());
        };
        for start in scope.hoisted_functions.clone() {
            let Some(f) = candidates.iter().find(|f| f.span.start == start) else {
                continue;
            };
            let Some(name) = &f.id else {
                continue;
            };
            let mark = self.mark();
            let r = self.temp()?;
            self.closure(f, r)?;
            self.store_identifier(name, r, StoreMode::Init)?;
            self.release(mark);
        }
        Ok(())
    }

    /// Enters a block-like scope over `stmts` and hoists its functions.
    pub fn enter_block(
        &mut self,
        kind: ScopeKind,
        start: u32,
        stmts: &[Statement],
    ) -> CResult<Option<ScopeId>> {
        let id = self.enter_scope(kind, start)?;
        if let Some(id) = id {
            let mut fs = Vec::new();
            function_declarations(stmts, &mut fs);
            self.hoist_functions(id, &fs)?;
        }
        Ok(id)
    }
}
