//! Functions: closures over nested code blocks, the function prologue
//! (FunctionDeclarationInstantiation, <https://tc39.es/ecma262/#sec-functiondeclarationinstantiation>),
//! generator start, `yield` and `yield*`.

use std::sync::Arc;

use moat_parser::ast::{Function, FunctionKind, Pattern, YieldExpression};

use super::bindings::{function_declarations, StoreMode};
use super::emit::{BlockHead, Ctx, Exit, FunctionCompiler};
use super::expr::{utf16, NameHint};
use super::pattern::BindMode;
use super::{CResult, CompileError};
use crate::code::{CodeBlock, CodeFlags, Constant};
use crate::isa::{ErrorKind, Insn, Reg};
use crate::scope::{
    ArgumentsObject, BindingKind, BindingLocation, BindingRef, Resolution, ScopeId, ScopeKind,
};

/// The `length` of a function: parameters before the first default or rest.
pub(crate) fn expected_argument_count(f: &Function) -> u32 {
    let n = f
        .params
        .items
        .iter()
        .take_while(|p| !matches!(p, Pattern::Assignment(_)))
        .count();
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The source text of a node.
pub(crate) fn source_text(ctx: &Ctx<'_>, start: u32, end: u32) -> Arc<str> {
    Arc::from(
        ctx.source
            .get(start as usize..end as usize)
            .unwrap_or_default(),
    )
}

/// Compiles a function node into its own code block.
pub(crate) fn compile_function_block(
    ctx: &Ctx<'_>,
    f: &Function,
    name: Arc<[u16]>,
) -> CResult<CodeBlock> {
    let analysis = ctx.analysis;
    let fid = analysis
        .function_of(f.span.start)
        .ok_or_else(|| CompileError::syntax("function missing from the scope analysis"))?;
    let fs = analysis
        .function(fid)
        .ok_or_else(|| CompileError::syntax("function missing from the scope analysis"))?;
    let param_count = u16::try_from(f.params.items.len())
        .map_err(|_| CompileError::range("function too large"))?;
    let mut c = FunctionCompiler::new(ctx, fid, param_count, fs.register_count);
    c.strict = f.body.strict;
    c.is_generator = f.is_generator;
    c.is_async = f.is_async;

    let mut flags = CodeFlags::empty();
    flags.set(CodeFlags::STRICT, f.body.strict);
    flags.set(CodeFlags::ARROW, f.is_arrow());
    flags.set(CodeFlags::GENERATOR, f.is_generator);
    flags.set(CodeFlags::ASYNC, f.is_async);
    let constructor = match f.kind {
        FunctionKind::Normal => !f.is_generator && !f.is_async,
        FunctionKind::ClassConstructor | FunctionKind::DerivedConstructor => true,
        _ => false,
    };
    flags.set(CodeFlags::CONSTRUCTOR, constructor);
    flags.set(
        CodeFlags::CLASS_CONSTRUCTOR,
        matches!(
            f.kind,
            FunctionKind::ClassConstructor | FunctionKind::DerivedConstructor
        ),
    );
    flags.set(
        CodeFlags::DERIVED,
        f.kind == FunctionKind::DerivedConstructor,
    );
    flags.set(
        CodeFlags::METHOD,
        !matches!(f.kind, FunctionKind::Normal | FunctionKind::Arrow),
    );
    flags.set(CodeFlags::HAS_DIRECT_EVAL, fs.has_sloppy_direct_eval);
    let function_scope = fs.function_scope;
    let entry_env = analysis
        .scope(function_scope)
        .is_some_and(|s| s.needs_environment);
    flags.set(CodeFlags::NEEDS_ENV, entry_env);
    let entry_scope = entry_env.then(|| c.scope_desc(function_scope));

    c.at(f.span);
    c.function_prologue(f)?;
    if f.is_generator {
        c.emit(Insn::GeneratorStart);
    }
    c.scope_statements(&f.body.statements)?;
    let r = c.temp()?;
    c.emit(Insn::LoadUndefined { dst: r });
    c.emit(Insn::Return { src: r });
    Ok(c.finish(BlockHead {
        name,
        flags,
        length: expected_argument_count(f),
        entry_scope,
        source: source_text(ctx, f.span.start, f.span.end),
    }))
}

impl FunctionCompiler<'_> {
    /// A closure of `f` into `dst` (InstantiateOrdinaryFunctionExpression and friends).
    pub fn closure(&mut self, f: &Function, dst: Reg) -> CResult {
        self.closure_named(f, dst, &NameHint::None)
    }

    pub fn closure_named(&mut self, f: &Function, dst: Reg, hint: &NameHint) -> CResult {
        let name: Arc<[u16]> = match (&f.id, hint) {
            (Some(id), _) => utf16(&id.name),
            (None, NameHint::Static(n)) => n.clone(),
            _ => Arc::from(Vec::new()),
        };
        let block = compile_function_block(self.ctx, f, name)?;
        let func = self.add_function(block)?;
        let analysis = self.ctx.analysis;
        let name_scope = analysis
            .function_of(f.span.start)
            .and_then(|id| analysis.function(id))
            .and_then(|fs| fs.name_scope)
            .filter(|s| analysis.scope(*s).is_some_and(|s| s.needs_environment));
        match name_scope {
            Some(ns) => {
                // The function's own name lives in an environment between it and its
                // surroundings.
                let desc = self.scope_desc(ns);
                self.push_scope(desc)?;
                self.emit(Insn::NewClosure { dst, func });
                let slot = analysis.scope(ns).and_then(|s| {
                    s.bindings.iter().find_map(|b| match (b.kind, b.location) {
                        (BindingKind::FunctionName, BindingLocation::Slot(slot)) => Some(slot),
                        _ => None,
                    })
                });
                if let Some(slot) = slot {
                    self.emit(Insn::SetEnv {
                        hops: 0,
                        slot,
                        src: dst,
                    });
                }
                self.pop_scope();
            }
            None => {
                self.emit(Insn::NewClosure { dst, func });
            }
        }
        if let (None, NameHint::Computed(k)) = (&f.id, hint) {
            self.emit(Insn::SetFunctionName {
                func: dst,
                name: *k,
                prefix: 0,
            });
        }
        Ok(())
    }

    /// The binding of `kind` in scope `id`, if it needs storage.
    fn receiver_binding(&self, id: ScopeId, kind: BindingKind) -> Option<BindingRef> {
        let scope = self.ctx.analysis.scope(id)?;
        let index = scope.bindings.iter().position(|b| {
            b.kind == kind
                && matches!(
                    b.location,
                    BindingLocation::Register(_) | BindingLocation::Slot(_)
                )
        })?;
        Some(BindingRef {
            scope: id,
            index: u32::try_from(index).ok()?,
        })
    }

    fn store_binding(&mut self, b: BindingRef, src: Reg) -> CResult {
        if let Some(res) = self.ctx.analysis.binding_resolution(b) {
            self.store_resolution(res, None, "", src, StoreMode::Init)?;
        }
        Ok(())
    }

    /// The map of CreateMappedArgumentsObject
    /// (<https://tc39.es/ecma262/#sec-createmappedargumentsobject> steps 15-17): parameter
    /// index -> environment slot of its binding; with duplicate names the last one wins.
    fn arguments_map(&mut self, fscope: ScopeId, f: &Function) -> CResult<u32> {
        let scope = self.ctx.analysis.scope(fscope);
        let names: Vec<Option<&str>> = f
            .params
            .items
            .iter()
            .map(|p| match p {
                Pattern::Identifier(id) => Some(&*id.name),
                _ => None,
            })
            .collect();
        let map: Vec<Option<u16>> = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let name = (*name)?;
                let later = names.iter().skip(i + 1).any(|n| *n == Some(name));
                if later {
                    return None;
                }
                scope?.bindings.iter().find_map(|b| match b.location {
                    BindingLocation::Slot(s)
                        if b.kind == BindingKind::Parameter && &*b.name == name =>
                    {
                        Some(s)
                    }
                    _ => None,
                })
            })
            .collect();
        self.add_constant(Constant::ArgumentsMap(Arc::from(map)))
    }

    /// FunctionDeclarationInstantiation.
    fn function_prologue(&mut self, f: &Function) -> CResult {
        let analysis = self.ctx.analysis;
        let Some(fs) = analysis.function(self.fid) else {
            return Ok(());
        };
        let fscope = fs.function_scope;
        let has_param_exprs = fs.has_parameter_expressions;
        let arguments = fs.arguments;
        let mark = self.mark();
        // Lexical, var and (with parameter expressions) parameter bindings start in their
        // initial state.
        self.init_bindings(fscope, |k| {
            !matches!(
                k,
                BindingKind::This
                    | BindingKind::NewTarget
                    | BindingKind::ActiveFunction
                    | BindingKind::Arguments
            ) && (k != BindingKind::Parameter || has_param_exprs)
        })?;
        let t = self.temp()?;
        if let Some(b) = self.receiver_binding(fscope, BindingKind::This) {
            if f.kind == FunctionKind::DerivedConstructor {
                self.emit(Insn::LoadEmpty { dst: t });
            } else {
                self.emit(Insn::LoadThis { dst: t });
            }
            self.store_binding(b, t)?;
        }
        if let Some(b) = self.receiver_binding(fscope, BindingKind::NewTarget) {
            self.emit(Insn::LoadNewTarget { dst: t });
            self.store_binding(b, t)?;
        }
        if let Some(b) = self.receiver_binding(fscope, BindingKind::ActiveFunction) {
            self.emit(Insn::LoadCallee { dst: t });
            self.store_binding(b, t)?;
        }
        let arguments_binding = self.receiver_binding(fscope, BindingKind::Arguments);
        if arguments == ArgumentsObject::Unmapped {
            if let Some(b) = arguments_binding {
                self.emit(Insn::CreateArguments {
                    dst: t,
                    mapped: false,
                });
                self.store_binding(b, t)?;
            }
        }
        // Parameters from the argument registers.
        for (i, p) in f.params.items.iter().enumerate() {
            let src = Reg::try_from(i).map_err(|_| CompileError::range("function too large"))?;
            self.destructure(p, src, BindMode::Init)?;
        }
        if let Some(rest) = &f.params.rest {
            let from = self.local_base;
            self.emit(Insn::CreateRestArray { dst: t, from });
            self.destructure(rest, t, BindMode::Init)?;
        }
        if arguments == ArgumentsObject::Mapped {
            if let Some(b) = arguments_binding {
                let map = self.arguments_map(fscope, f)?;
                self.emit(Insn::CreateMappedArguments { dst: t, map });
                self.store_binding(b, t)?;
            }
        }
        // A separate var environment when parameters have expressions (step 28).
        let var_scope = if has_param_exprs {
            let vs = self.enter_scope(ScopeKind::FunctionBody, f.span.start)?;
            if let Some(vs) = vs {
                self.copy_parameter_values(fscope, vs, t)?;
            }
            vs
        } else {
            Some(fscope)
        };
        if let Some(vs) = var_scope {
            let mut decls = Vec::new();
            function_declarations(&f.body.statements, &mut decls);
            self.hoist_functions(vs, &decls)?;
        }
        // The var scope stays entered for the whole body: the frame's end discards it.
        self.release(mark);
        Ok(())
    }

    /// Step 28.f.i.4: body `var`s named like a parameter start with its value.
    fn copy_parameter_values(&mut self, fscope: ScopeId, vs: ScopeId, t: Reg) -> CResult {
        let analysis = self.ctx.analysis;
        let (Some(params), Some(vars)) = (analysis.scope(fscope), analysis.scope(vs)) else {
            return Ok(());
        };
        let body_env = vars.needs_environment;
        for (vi, vb) in vars.bindings.iter().enumerate() {
            if !vb.init_from_parameter {
                continue;
            }
            let Some(pi) = params.bindings.iter().position(|b| b.name == vb.name) else {
                continue;
            };
            let Some(mut res) = analysis.binding_resolution(BindingRef {
                scope: fscope,
                index: u32::try_from(pi).unwrap_or(u32::MAX),
            }) else {
                continue;
            };
            if let Resolution::Environment { hops, .. } = &mut res {
                if body_env {
                    *hops += 1;
                }
            }
            self.load_resolution(res, &vb.name, t, false)?;
            self.store_binding(
                BindingRef {
                    scope: vs,
                    index: u32::try_from(vi).unwrap_or(u32::MAX),
                },
                t,
            )?;
        }
        Ok(())
    }

    /// Dispatches on the resumption kind in `pair + 1` after a `Yield`: a throw rethrows, a
    /// return returns (through `finally` blocks), a next continues with the value in `pair`.
    fn resume_dispatch(&mut self, pair: Reg) -> CResult {
        let kind = pair + 1;
        let mark = self.mark();
        let t = self.temp()?;
        self.emit(Insn::LoadInt { dst: t, value: 0 });
        let normal = self.emit(Insn::JumpIfStrictEq {
            lhs: kind,
            rhs: t,
            offset: 0,
        });
        self.emit(Insn::LoadInt { dst: t, value: 1 });
        let throw = self.emit(Insn::JumpIfStrictEq {
            lhs: kind,
            rhs: t,
            offset: 0,
        });
        if self.is_async {
            self.emit(Insn::Await {
                dst: pair,
                src: pair,
            });
        }
        self.emit_exit(Exit::Return(pair))?;
        self.patch_here(throw)?;
        self.emit(Insn::Throw { src: pair });
        self.patch_here(normal)?;
        self.release(mark);
        Ok(())
    }

    /// `yield` / `yield*` (<https://tc39.es/ecma262/#sec-generator-function-definitions-runtime-semantics-evaluation>).
    pub fn yield_expression(&mut self, y: &YieldExpression, dst: Reg) -> CResult {
        if y.delegate {
            return self.yield_star(y, dst);
        }
        let mark = self.mark();
        let pair = self.temps(2)?;
        match &y.argument {
            Some(a) => self.expr(a, pair)?,
            None => {
                self.emit(Insn::LoadUndefined { dst: pair });
            }
        }
        if self.is_async {
            self.emit(Insn::Await {
                dst: pair,
                src: pair,
            });
        }
        self.at(y.span);
        self.emit(Insn::Yield {
            dst: pair,
            src: pair,
        });
        self.resume_dispatch(pair)?;
        self.emit(Insn::Move { dst, src: pair });
        self.release(mark);
        Ok(())
    }

    /// `yield* iterable`: forwards next/throw/return to the inner iterator.
    fn yield_star(&mut self, y: &YieldExpression, dst: Reg) -> CResult {
        let mark = self.mark();
        let iterable = self.temp()?;
        if let Some(a) = &y.argument {
            self.expr(a, iterable)?;
        }
        let is_async = self.is_async;
        let iter = self.temps(2)?;
        self.emit(Insn::GetIterator {
            dst: iter,
            src: iterable,
            is_async,
        });
        // received = (value, kind) as left by Yield.
        let received = self.temps(2)?;
        let kind = received + 1;
        self.emit(Insn::LoadUndefined { dst: received });
        self.emit(Insn::LoadInt {
            dst: kind,
            value: 0,
        });
        let method = self.temp()?;
        let result = self.temp()?;
        let t = self.temp()?;
        let top = self.here();
        // kind 0: next.
        self.emit(Insn::LoadInt { dst: t, value: 0 });
        let not_next = self.emit(Insn::JumpIfStrictEq {
            lhs: kind,
            rhs: t,
            offset: 0,
        });
        let to_not_next_body = self.jump();
        self.patch_here(not_next)?;
        self.emit(Insn::Call {
            dst: result,
            callee: iter + 1,
            this: iter,
            args: received,
            argc: 1,
        });
        let to_check = self.jump();
        self.patch_here(to_not_next_body)?;
        self.emit(Insn::LoadInt { dst: t, value: 1 });
        let is_throw = self.emit(Insn::JumpIfStrictEq {
            lhs: kind,
            rhs: t,
            offset: 0,
        });
        // kind 2: return.
        let ret_key = self.string("return")?;
        self.emit(Insn::GetProp {
            dst: method,
            obj: iter,
            key: ret_key,
        });
        let has_return = self.emit(Insn::JumpIfNotNullish {
            src: method,
            offset: 0,
        });
        if is_async {
            self.emit(Insn::Await {
                dst: received,
                src: received,
            });
        }
        self.emit_exit(Exit::Return(received))?;
        self.patch_here(has_return)?;
        self.emit(Insn::Call {
            dst: result,
            callee: method,
            this: iter,
            args: received,
            argc: 1,
        });
        if is_async {
            self.emit(Insn::Await {
                dst: result,
                src: result,
            });
        }
        // 7.c.viii. If innerReturnResult is not an Object, throw a TypeError exception.
        self.emit(Insn::RequireObject { src: result });
        let done_key = self.string("done")?;
        let value_key = self.string("value")?;
        self.emit(Insn::GetProp {
            dst: t,
            obj: result,
            key: done_key,
        });
        let ret_not_done = self.emit(Insn::JumpIfFalse { cond: t, offset: 0 });
        self.emit(Insn::GetProp {
            dst: t,
            obj: result,
            key: value_key,
        });
        self.emit_exit(Exit::Return(t))?;
        self.patch_here(ret_not_done)?;
        let to_yield = self.jump();
        // kind 1: throw.
        self.patch_here(is_throw)?;
        let throw_key = self.string("throw")?;
        self.emit(Insn::GetProp {
            dst: method,
            obj: iter,
            key: throw_key,
        });
        let has_throw = self.emit(Insn::JumpIfNotNullish {
            src: method,
            offset: 0,
        });
        self.emit(Insn::IteratorClose { iter });
        let msg = self.string("The iterator does not provide a 'throw' method")?;
        self.emit(Insn::ThrowError {
            kind: ErrorKind::TypeError,
            msg,
        });
        self.patch_here(has_throw)?;
        self.emit(Insn::Call {
            dst: result,
            callee: method,
            this: iter,
            args: received,
            argc: 1,
        });
        self.patch_here(to_check)?;
        if is_async {
            self.emit(Insn::Await {
                dst: result,
                src: result,
            });
        }
        self.emit(Insn::RequireObject { src: result });
        self.emit(Insn::GetProp {
            dst: t,
            obj: result,
            key: done_key,
        });
        let done = self.emit(Insn::JumpIfTrue { cond: t, offset: 0 });
        self.patch_here(to_yield)?;
        if is_async {
            self.emit(Insn::GetProp {
                dst: t,
                obj: result,
                key: value_key,
            });
            self.emit(Insn::Yield {
                dst: received,
                src: t,
            });
            // AsyncGeneratorUnwrapYieldResumption: a return resumption's value is awaited, and
            // a rejection comes back as a throw resumption
            // (<https://tc39.es/ecma262/#sec-asyncgeneratorunwrapyieldresumption>).
            self.emit(Insn::LoadInt { dst: t, value: 2 });
            let is_return = self.emit(Insn::JumpIfStrictEq {
                lhs: kind,
                rhs: t,
                offset: 0,
            });
            self.jump_to(top)?;
            self.patch_here(is_return)?;
            let await_start = self.here();
            self.emit(Insn::Await {
                dst: received,
                src: received,
            });
            let await_end = self.here();
            self.jump_to(top)?;
            let rejected = self.here();
            self.emit(Insn::LoadInt {
                dst: kind,
                value: 1,
            });
            self.add_handler(await_start, await_end, rejected, received)?;
        } else {
            self.emit(Insn::YieldRaw {
                dst: received,
                src: result,
            });
        }
        self.jump_to(top)?;
        self.patch_here(done)?;
        self.emit(Insn::GetProp {
            dst,
            obj: result,
            key: value_key,
        });
        self.release(mark);
        Ok(())
    }
}

/// A class's implicit constructor (<https://tc39.es/ecma262/#sec-runtime-semantics-classdefinitionevaluation>
/// step 14): `constructor() {}` or, when derived, one that passes its arguments to the parent
/// constructor untouched.
pub(crate) fn default_constructor(
    ctx: &Ctx<'_>,
    name: Arc<[u16]>,
    derived: bool,
    source: Arc<str>,
) -> CodeBlock {
    let mut c = FunctionCompiler::new(ctx, crate::scope::FunctionId(0), 0, 0);
    let r = c.temps(3).unwrap_or(0);
    if derived {
        c.emit(Insn::LoadCallee { dst: r + 1 });
        c.emit(Insn::LoadNewTarget { dst: r + 2 });
        c.emit(Insn::CreateRestArray { dst: r, from: 0 });
        c.emit(Insn::SuperCallSpread {
            dst: r,
            args: r,
            func: r + 1,
        });
    }
    c.emit(Insn::LoadUndefined { dst: r });
    c.emit(Insn::Return { src: r });
    let mut flags = CodeFlags::STRICT | CodeFlags::CONSTRUCTOR | CodeFlags::CLASS_CONSTRUCTOR;
    flags.set(CodeFlags::DERIVED, derived);
    flags.insert(CodeFlags::METHOD);
    c.finish(BlockHead {
        name,
        flags,
        length: 0,
        entry_scope: None,
        source,
    })
}
