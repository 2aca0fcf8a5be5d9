//! Classes (ClassDefinitionEvaluation,
//! <https://tc39.es/ecma262/#sec-runtime-semantics-classdefinitionevaluation>): the class
//! scope with its inner name, a private environment for `#names`, the constructor, methods
//! and accessors, instance fields recorded on the constructor, and static fields and blocks
//! run once the class exists. Field initialisers and static blocks are methods of their own.

use std::sync::Arc;

use moat_parser::ast::{Class, ClassElement, Expression, MethodKind, PropertyKey, Statement};

use super::bindings::{function_declarations, StoreMode};
use super::emit::{BlockHead, Ctx, FunctionCompiler};
use super::expr::{static_key_name, utf16, NameHint};
use super::function::{compile_function_block, default_constructor, source_text};
use super::{CResult, CompileError};
use crate::code::{CodeBlock, CodeFlags, Constant, ScopeDesc};
use crate::isa::{Insn, Reg};
use crate::scope::{BindingKind, BindingLocation, BindingRef, ScopeKind};

/// What a static element does once the class exists.
enum StaticElement {
    Field {
        key: Reg,
        init: Option<Reg>,
        private: bool,
    },
    Block(Reg),
}

impl FunctionCompiler<'_> {
    pub fn class(&mut self, c: &Class, dst: Reg, hint: &NameHint) -> CResult {
        let mark = self.mark();
        let name: Arc<[u16]> = match (&c.id, hint) {
            (Some(id), _) => utf16(&id.name),
            (None, NameHint::Static(n)) => n.clone(),
            _ => Arc::from(Vec::new()),
        };
        let class_scope = self.enter_scope(ScopeKind::Class, c.span.start)?;
        // The heritage sees the outer private environment.
        let heritage = self.temp()?;
        match &c.super_class {
            Some(h) => self.expr(h, heritage)?,
            None => {
                self.emit(Insn::LoadUndefined { dst: heritage });
            }
        }
        let mut private: Vec<Arc<[u16]>> = Vec::new();
        for el in &c.body {
            let key = match el {
                ClassElement::Method { key, .. } | ClassElement::Field { key, .. } => key,
                ClassElement::StaticBlock { .. } => continue,
            };
            if let PropertyKey::PrivateName(id) = key {
                let n = utf16(&id.name);
                if !private.contains(&n) {
                    private.push(n);
                }
            }
        }
        let has_private = !private.is_empty();
        if has_private {
            let immutable: Vec<bool> = private.iter().map(|_| true).collect();
            let names = self.add_constant(Constant::Scope(ScopeDesc {
                names: Arc::from(private),
                immutable: Arc::from(immutable),
                dynamic: false,
                eval_var_conflicts: Arc::from(Vec::new()),
                eval_var_target: false,
                parameter_scope: false,
                function_name: false,
            }))?;
            self.emit(Insn::PushPrivateEnv { names });
        }
        let derived = c.super_class.is_some();
        let ctor_fn = c.body.iter().find_map(|el| match el {
            ClassElement::Method {
                kind: MethodKind::Constructor,
                value,
                ..
            } => Some(value),
            _ => None,
        });
        let block = match ctor_fn {
            Some(f) => {
                let mut b = compile_function_block(self.ctx, f, name.clone())?;
                b.source = source_text(self.ctx, c.span.start, c.span.end);
                b
            }
            None => default_constructor(
                self.ctx,
                name.clone(),
                derived,
                source_text(self.ctx, c.span.start, c.span.end),
            ),
        };
        let ctor_idx = self.add_function(block)?;
        let ctor = self.temps(2)?;
        let proto = ctor + 1;
        self.at(c.span);
        self.emit(Insn::NewClass {
            dst: ctor,
            ctor: ctor_idx,
            heritage,
            derived,
        });
        if let (None, NameHint::Computed(k)) = (&c.id, hint) {
            self.emit(Insn::SetFunctionName {
                func: ctor,
                name: *k,
                prefix: 0,
            });
        }
        let mut statics = Vec::new();
        for el in &c.body {
            match el {
                ClassElement::Method {
                    kind: MethodKind::Constructor,
                    ..
                } => {}
                ClassElement::Method {
                    key,
                    kind,
                    is_static,
                    value,
                    ..
                } => {
                    let m = self.mark();
                    let target = if *is_static { ctor } else { proto };
                    let k = self.temp()?;
                    self.property_key(key, k)?;
                    let func = self.temp()?;
                    let hint = Self::key_name_hint(key, k);
                    self.method_closure(value, func, &hint, *kind)?;
                    if let PropertyKey::PrivateName(_) = key {
                        self.emit(Insn::SetHomeObject { func, home: target });
                        let base: u8 = match kind {
                            MethodKind::Get => 1,
                            MethodKind::Set => 2,
                            _ => 0,
                        };
                        self.emit(Insn::AddPrivateMethod {
                            ctor,
                            name: k,
                            func,
                            kind: if *is_static { base + 3 } else { base },
                        });
                    } else {
                        self.emit(match kind {
                            MethodKind::Get => Insn::DefineGetter {
                                obj: target,
                                key: k,
                                func,
                                enumerable: false,
                            },
                            MethodKind::Set => Insn::DefineSetter {
                                obj: target,
                                key: k,
                                func,
                                enumerable: false,
                            },
                            _ => Insn::DefineMethod {
                                obj: target,
                                key: k,
                                func,
                                enumerable: false,
                            },
                        });
                    }
                    self.release(m);
                }
                ClassElement::Field {
                    key,
                    is_static,
                    value,
                    span,
                } => {
                    let k = self.temp()?;
                    self.property_key(key, k)?;
                    let init = match value {
                        Some(v) => {
                            let r = self.temp()?;
                            let block = compile_element_function(
                                self.ctx,
                                span.start,
                                ElementBody::Field(v, static_key_name(key)),
                            )?;
                            let func = self.add_function(block)?;
                            self.emit(Insn::NewClosure { dst: r, func });
                            let home = if *is_static { ctor } else { proto };
                            self.emit(Insn::SetHomeObject { func: r, home });
                            Some(r)
                        }
                        None => None,
                    };
                    let private = matches!(key, PropertyKey::PrivateName(_));
                    if *is_static {
                        statics.push(StaticElement::Field {
                            key: k,
                            init,
                            private,
                        });
                    } else {
                        let init = match init {
                            Some(r) => r,
                            None => {
                                let r = self.temp()?;
                                self.emit(Insn::LoadUndefined { dst: r });
                                r
                            }
                        };
                        self.emit(Insn::AddField { ctor, key: k, init });
                    }
                }
                ClassElement::StaticBlock { body, span } => {
                    let r = self.temp()?;
                    let block =
                        compile_element_function(self.ctx, span.start, ElementBody::Block(body))?;
                    let func = self.add_function(block)?;
                    self.emit(Insn::NewClosure { dst: r, func });
                    self.emit(Insn::SetHomeObject {
                        func: r,
                        home: ctor,
                    });
                    statics.push(StaticElement::Block(r));
                }
            }
        }
        // The inner name binding is initialised before static elements run.
        if let Some(cs) = class_scope {
            let index = self.ctx.analysis.scope(cs).and_then(|s| {
                s.bindings.iter().position(|b| {
                    b.kind == BindingKind::ClassName && b.location != BindingLocation::Unused
                })
            });
            if let Some(index) = index {
                let b = BindingRef {
                    scope: cs,
                    index: u32::try_from(index).unwrap_or(u32::MAX),
                };
                if let Some(res) = self.ctx.analysis.binding_resolution(b) {
                    self.store_resolution(res, None, "", ctor, StoreMode::Init)?;
                }
            }
        }
        let v = self.temp()?;
        let args = self.temp()?;
        for s in statics {
            match s {
                StaticElement::Field { key, init, private } => {
                    match init {
                        Some(f) => {
                            self.emit(Insn::Call {
                                dst: v,
                                callee: f,
                                this: ctor,
                                args,
                                argc: 0,
                            });
                        }
                        None => {
                            self.emit(Insn::LoadUndefined { dst: v });
                        }
                    }
                    if private {
                        self.emit(Insn::DefinePrivateField {
                            obj: ctor,
                            name: key,
                            src: v,
                        });
                    } else {
                        self.emit(Insn::DefineField {
                            obj: ctor,
                            key,
                            src: v,
                        });
                    }
                }
                StaticElement::Block(f) => {
                    self.emit(Insn::Call {
                        dst: v,
                        callee: f,
                        this: ctor,
                        args,
                        argc: 0,
                    });
                }
            }
        }
        if has_private {
            self.emit(Insn::PopPrivateEnv);
        }
        self.exit_scope(class_scope);
        self.emit(Insn::Move { dst, src: ctor });
        self.release(mark);
        Ok(())
    }
}

/// The body of a synthesized class element function.
pub(crate) enum ElementBody<'a> {
    /// A field initialiser and the field's name (for NamedEvaluation).
    Field(&'a Expression, Option<Arc<[u16]>>),
    Block(&'a [Statement]),
}

/// Compiles a field initialiser or static block as a method called with the instance (or
/// the class) as `this`.
pub(crate) fn compile_element_function(
    ctx: &Ctx<'_>,
    start: u32,
    body: ElementBody<'_>,
) -> CResult<CodeBlock> {
    let analysis = ctx.analysis;
    let fid = analysis
        .function_of(start)
        .ok_or_else(|| CompileError::syntax("class element missing from the scope analysis"))?;
    let fs = analysis
        .function(fid)
        .ok_or_else(|| CompileError::syntax("class element missing from the scope analysis"))?;
    let mut c = FunctionCompiler::new(ctx, fid, 0, fs.register_count);
    c.strict = true;
    let fscope = fs.function_scope;
    let entry_env = analysis.scope(fscope).is_some_and(|s| s.needs_environment);
    let entry_scope = entry_env.then(|| c.scope_desc(fscope));
    c.init_bindings(fscope, |k| {
        !matches!(
            k,
            BindingKind::This | BindingKind::NewTarget | BindingKind::ActiveFunction
        )
    })?;
    let t = c.temp()?;
    if let Some(scope) = analysis.scope(fscope) {
        for (i, b) in scope.bindings.iter().enumerate() {
            let insn = match b.kind {
                BindingKind::This => Insn::LoadThis { dst: t },
                BindingKind::NewTarget => Insn::LoadUndefined { dst: t },
                BindingKind::ActiveFunction => Insn::LoadCallee { dst: t },
                _ => continue,
            };
            let Some(res) = analysis.binding_resolution(BindingRef {
                scope: fscope,
                index: u32::try_from(i).unwrap_or(u32::MAX),
            }) else {
                continue;
            };
            if matches!(
                b.location,
                BindingLocation::Register(_) | BindingLocation::Slot(_)
            ) {
                c.emit(insn);
                c.store_resolution(res, None, "", t, StoreMode::Init)?;
            }
        }
    }
    let is_field = matches!(body, ElementBody::Field(..));
    match body {
        ElementBody::Field(e, name) => {
            let hint = name.map_or(NameHint::None, NameHint::Static);
            c.expr_named(e, t, &hint)?;
            c.emit(Insn::Return { src: t });
        }
        ElementBody::Block(stmts) => {
            let mut decls = Vec::new();
            function_declarations(stmts, &mut decls);
            c.hoist_functions(fscope, &decls)?;
            c.scope_statements(stmts)?;
            c.emit(Insn::LoadUndefined { dst: t });
            c.emit(Insn::Return { src: t });
        }
    }
    let mut flags = CodeFlags::STRICT | CodeFlags::METHOD;
    flags.set(CodeFlags::NEEDS_ENV, entry_env);
    flags.set(CodeFlags::FIELD_INIT, is_field);
    Ok(c.finish(BlockHead {
        name: Arc::from(Vec::new()),
        flags,
        length: 0,
        entry_scope,
        source: Arc::from(""),
    }))
}
