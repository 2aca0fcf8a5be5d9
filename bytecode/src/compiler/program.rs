//! Whole programs: scripts and eval code (GlobalDeclarationInstantiation /
//! EvalDeclarationInstantiation through a `Declarations` constant, then the body with a
//! completion register), modules (import/export entries in a `Module` constant) and the
//! wrapper around a dynamic function.

use std::sync::Arc;

use moat_lexer::LineIndex;
use moat_parser::ast::{
    ExportDefaultKind, Function, ImportAttribute, Module, ModuleExportName, ModuleItem, Script,
    Statement,
};

use super::bindings::{function_declarations, StoreMode};
use super::emit::{BlockHead, Ctx, FunctionCompiler};
use super::expr::{utf16, NameHint};
use super::function::compile_function_block;
use super::{CResult, CompileError};
use crate::code::{CodeBlock, CodeFlags, Constant, Declarations, ImportDesc, ModuleDesc, Name16};
use crate::isa::Insn;
use crate::scope::{
    BindingKind, BindingLocation, BindingRef, FunctionId, ImportName, ScopeAnalysis,
};

fn ctx<'a>(analysis: &'a ScopeAnalysis, source: &'a str, file: &str) -> Ctx<'a> {
    Ctx {
        analysis,
        source,
        file: Arc::from(file),
        lines: LineIndex::new(source),
    }
}

fn root_compiler<'a>(ctx: &'a Ctx<'a>) -> CResult<FunctionCompiler<'a>> {
    let fs = ctx
        .analysis
        .function(FunctionId(0))
        .ok_or_else(|| CompileError::syntax("empty scope analysis"))?;
    Ok(FunctionCompiler::new(
        ctx,
        FunctionId(0),
        0,
        fs.register_count,
    ))
}

/// A script or eval body.
pub(crate) fn script(
    script: &Script,
    analysis: &ScopeAnalysis,
    source: &str,
    file: &str,
    is_eval: bool,
) -> CResult<CodeBlock> {
    let ctx = ctx(analysis, source, file);
    let mut c = root_compiler(&ctx)?;
    c.strict = script.strict;
    c.eval_code = is_eval;
    let root = analysis
        .function(FunctionId(0))
        .map(|f| f.function_scope)
        .ok_or_else(|| CompileError::syntax("empty scope analysis"))?;
    let entry_env = analysis.scope(root).is_some_and(|s| s.needs_environment);
    let entry_scope = entry_env.then(|| c.scope_desc(root));
    let cr = c.temp()?;
    c.completion = Some(cr);
    c.emit(Insn::LoadUndefined { dst: cr });

    // Declarations instantiated by name (global object / global lexical record / the
    // caller's variable environment).
    let mut candidates = Vec::new();
    function_declarations(&script.body, &mut candidates);
    let mut decls = Declarations::default();
    let mut static_functions = false;
    if let Some(scope) = analysis.scope(root) {
        for b in &scope.bindings {
            let name = utf16(&b.name);
            if b.location != BindingLocation::ByName {
                if b.kind == BindingKind::Function {
                    static_functions = true;
                }
                continue;
            }
            match b.kind {
                BindingKind::Var if b.annex_b => decls.annex_b_var_names.push(name),
                BindingKind::Var => decls.var_names.push(name),
                BindingKind::Function => {}
                BindingKind::Let | BindingKind::Class => decls.lexical.push((name, false)),
                BindingKind::Const | BindingKind::Using => decls.lexical.push((name, true)),
                _ => {}
            }
        }
        for start in &scope.hoisted_functions {
            let Some(f) = candidates.iter().find(|f| f.span.start == *start) else {
                continue;
            };
            let Some(id) = &f.id else {
                continue;
            };
            let by_name = scope.bindings.iter().any(|b| {
                b.kind == BindingKind::Function
                    && *b.name == *id.name
                    && b.location == BindingLocation::ByName
            });
            if !by_name {
                continue;
            }
            let block = compile_function_block(&ctx, f, utf16(&id.name))?;
            let idx = c.add_function(block)?;
            decls.functions.push((utf16(&id.name), idx));
        }
    }
    let any = !decls.var_names.is_empty()
        || !decls.functions.is_empty()
        || !decls.lexical.is_empty()
        || !decls.annex_b_var_names.is_empty();
    if any || is_eval {
        let d = c.add_constant(Constant::Declarations(decls))?;
        c.emit(Insn::DeclareGlobals { decls: d });
    }
    c.init_bindings(root, |_| true)?;
    if static_functions {
        c.hoist_functions(root, &candidates)?;
    }
    c.statements(&script.body)?;
    c.emit(Insn::Return { src: cr });
    let mut flags = CodeFlags::empty();
    flags.set(CodeFlags::STRICT, script.strict);
    flags.set(CodeFlags::NEEDS_ENV, entry_env);
    flags.set(CodeFlags::EVAL, is_eval);
    flags.set(
        CodeFlags::DIRECT_EVAL,
        is_eval && analysis.root_is_direct_eval(),
    );
    flags.set(
        CodeFlags::HAS_DIRECT_EVAL,
        analysis
            .function(FunctionId(0))
            .is_some_and(|f| f.has_sloppy_direct_eval),
    );
    Ok(c.finish(BlockHead {
        name: Arc::from(Vec::new()),
        flags,
        length: 0,
        entry_scope,
        source: Arc::from(source),
    }))
}

fn export_name(n: &ModuleExportName) -> Arc<[u16]> {
    match n {
        ModuleExportName::Identifier(id) => utf16(&id.name),
        ModuleExportName::String(s) => Arc::from(&*s.value),
    }
}

/// The import and export entries of a module (<https://tc39.es/ecma262/#sec-parsemodule>).
fn module_desc(module: &Module, analysis: &ScopeAnalysis) -> ModuleDesc {
    let mut d = ModuleDesc::default();
    // ModuleRequestsEqual: the same specifier with the same attributes is one request.
    let request = |d: &mut ModuleDesc, s: &[u16], attrs: &[ImportAttribute]| -> Arc<[u16]> {
        let a: Arc<[u16]> = Arc::from(s);
        let mut list: Vec<(Name16, Name16)> = attrs
            .iter()
            .map(|at| (export_name(&at.key), Arc::from(&*at.value.value)))
            .collect();
        list.sort();
        let known = d
            .requests
            .iter()
            .zip(&d.request_attributes)
            .any(|(r, at)| *r == a && *at == list);
        if !known {
            d.requests.push(a.clone());
            d.request_attributes.push(list);
        }
        a
    };
    for item in &module.body {
        match item {
            ModuleItem::Import(i) => {
                request(&mut d, &i.source.value, &i.attributes);
            }
            ModuleItem::ExportNamed(e) => {
                if let Some(src) = &e.source {
                    let r = request(&mut d, &src.value, &e.attributes);
                    for s in &e.specifiers {
                        d.indirect_exports.push((
                            export_name(&s.exported),
                            r.clone(),
                            Some(export_name(&s.local)),
                        ));
                    }
                } else {
                    for s in &e.specifiers {
                        d.local_exports
                            .push((export_name(&s.exported), export_name(&s.local)));
                    }
                    if let Some(decl) = &e.declaration {
                        let mut names = Vec::new();
                        declared_names(decl, &mut names);
                        for n in names {
                            d.local_exports.push((n.clone(), n));
                        }
                    }
                }
            }
            ModuleItem::ExportDefault(e) => {
                let local = match &e.kind {
                    ExportDefaultKind::Function(f) => f.id.as_ref().map(|i| utf16(&i.name)),
                    ExportDefaultKind::Class(c) => c.id.as_ref().map(|i| utf16(&i.name)),
                    ExportDefaultKind::Expression(_) => None,
                };
                d.local_exports.push((
                    utf16("default"),
                    local.unwrap_or_else(|| utf16("*default*")),
                ));
            }
            ModuleItem::ExportAll(e) => {
                let r = request(&mut d, &e.source.value, &e.attributes);
                match &e.exported {
                    Some(n) => d.indirect_exports.push((export_name(n), r, None)),
                    None => d.star_exports.push(r),
                }
            }
            ModuleItem::Statement(_) => {}
        }
    }
    for imp in &analysis.imports {
        d.imports.push(ImportDesc {
            request: Arc::from(&*imp.module_request),
            import_name: match &imp.import_name {
                ImportName::Named(n) => Some(Arc::from(&**n)),
                ImportName::Namespace => None,
            },
            local: utf16(&imp.local),
        });
    }
    // ParseModule step 10.b.ii: exporting an imported binding re-exports it (an indirect
    // export; a namespace import re-exports like `export * as`).
    let locals = std::mem::take(&mut d.local_exports);
    for (export, local) in locals {
        match d.imports.iter().find(|i| i.local == local) {
            Some(i) => d
                .indirect_exports
                .push((export, i.request.clone(), i.import_name.clone())),
            None => d.local_exports.push((export, local)),
        }
    }
    d
}

/// The names a declaration statement binds.
fn declared_names(s: &Statement, out: &mut Vec<Arc<[u16]>>) {
    match s {
        Statement::FunctionDeclaration(f) => {
            if let Some(id) = &f.id {
                out.push(utf16(&id.name));
            }
        }
        Statement::ClassDeclaration(c) => {
            if let Some(id) = &c.id {
                out.push(utf16(&id.name));
            }
        }
        Statement::VariableDeclaration(v) => {
            for d in &v.declarations {
                pattern_names(&d.id, out);
            }
        }
        _ => {}
    }
}

fn pattern_names(p: &moat_parser::ast::Pattern, out: &mut Vec<Arc<[u16]>>) {
    use moat_parser::ast::Pattern;
    match p {
        Pattern::Identifier(id) => out.push(utf16(&id.name)),
        Pattern::Object(o) => {
            for prop in &o.properties {
                pattern_names(&prop.value, out);
            }
            if let Some(r) = &o.rest {
                pattern_names(r, out);
            }
        }
        Pattern::Array(a) => {
            for el in a.elements.iter().flatten() {
                pattern_names(el, out);
            }
            if let Some(r) = &a.rest {
                pattern_names(r, out);
            }
        }
        Pattern::Assignment(a) => pattern_names(&a.target, out),
        Pattern::Member(_) => {}
    }
}

/// A module body: runs in the module environment (`entry_scope`); constant 0 is its
/// [`ModuleDesc`].
pub(crate) fn module(
    module: &Module,
    analysis: &ScopeAnalysis,
    source: &str,
    file: &str,
) -> CResult<CodeBlock> {
    let ctx = ctx(analysis, source, file);
    let mut c = root_compiler(&ctx)?;
    c.strict = true;
    c.add_constant(Constant::Module(Arc::new(module_desc(module, analysis))))?;
    let root = analysis
        .function(FunctionId(0))
        .map(|f| f.function_scope)
        .ok_or_else(|| CompileError::syntax("empty scope analysis"))?;
    let entry_env = analysis.scope(root).is_some_and(|s| s.needs_environment);
    let entry_scope = entry_env.then(|| c.scope_desc(root));
    c.init_bindings(root, |_| true)?;
    // Hoisted functions: those of plain statements, exported declarations and the default
    // export.
    let mut candidates: Vec<&Function> = Vec::new();
    for item in &module.body {
        match item {
            ModuleItem::Statement(s) => {
                function_declarations(std::slice::from_ref(s), &mut candidates)
            }
            ModuleItem::ExportNamed(e) => {
                if let Some(s) = &e.declaration {
                    function_declarations(std::slice::from_ref(s), &mut candidates);
                }
            }
            ModuleItem::ExportDefault(e) => {
                if let ExportDefaultKind::Function(f) = &e.kind {
                    if f.id.is_some() {
                        candidates.push(f);
                    }
                }
            }
            _ => {}
        }
    }
    c.hoist_functions(root, &candidates)?;
    let default_binding = analysis.scope(root).and_then(|s| {
        s.bindings
            .iter()
            .position(|b| &*b.name == "*default*")
            .map(|i| BindingRef {
                scope: root,
                index: u32::try_from(i).unwrap_or(u32::MAX),
            })
    });
    let t = c.temp()?;
    // An anonymous default function declaration is hoisted too.
    for item in &module.body {
        if let ModuleItem::ExportDefault(e) = item {
            if let ExportDefaultKind::Function(f) = &e.kind {
                if f.id.is_none() {
                    c.closure_named(f, t, &NameHint::Static(utf16("default")))?;
                    store_default(&mut c, default_binding, t)?;
                }
            }
        }
    }
    // InitializeEnvironment ends here: the loader runs the code above when it links the
    // module, and evaluation starts at `body_start`.
    c.emit(Insn::LoadUndefined { dst: t });
    c.emit(Insn::Return { src: t });
    let body_start = c.here_u32()?;
    // Top-level `using` declarations are disposed when the module body completes.
    // Top-level `await using` disposes asynchronously (the body awaits: [[HasTLA]]).
    let using_kind = |item: &ModuleItem| match item {
        ModuleItem::Statement(Statement::VariableDeclaration(v)) => match v.kind {
            moat_parser::ast::VariableKind::Using => Some(false),
            moat_parser::ast::VariableKind::AwaitUsing => Some(true),
            _ => None,
        },
        _ => None,
    };
    let module_using = module
        .body
        .iter()
        .filter_map(using_kind)
        .reduce(|a, b| a || b);
    if let Some(is_async) = module_using {
        c.disposal_scope(is_async, |c| module_items(c, module, t, default_binding))?;
    } else {
        module_items(&mut c, module, t, default_binding)?;
    }
    c.emit(Insn::LoadUndefined { dst: t });
    c.emit(Insn::Return { src: t });
    let mut flags = CodeFlags::STRICT;
    flags.set(CodeFlags::NEEDS_ENV, entry_env);
    // [[HasTLA]]: an await anywhere in the module's own code (nested functions are separate
    // code blocks).
    let has_tla = c.code[body_start as usize..].iter().any(|i| {
        matches!(
            i,
            Insn::Await { .. } | Insn::GetIterator { is_async: true, .. }
        )
    });
    if let Some(Constant::Module(d)) = c.constants.first_mut() {
        let d = Arc::make_mut(d);
        d.body_start = body_start;
        d.has_tla = has_tla;
    }
    Ok(c.finish(BlockHead {
        name: Arc::from(Vec::new()),
        flags,
        length: 0,
        entry_scope,
        source: Arc::from(source),
    }))
}

/// The module items in order (ModuleItemList evaluation).
fn module_items(
    c: &mut FunctionCompiler<'_>,
    module: &Module,
    t: crate::isa::Reg,
    default_binding: Option<BindingRef>,
) -> CResult {
    for item in &module.body {
        match item {
            ModuleItem::Statement(s) => c.statement(s)?,
            ModuleItem::ExportNamed(e) => {
                if let Some(s) = &e.declaration {
                    c.statement(s)?;
                }
            }
            ModuleItem::ExportDefault(e) => match &e.kind {
                ExportDefaultKind::Function(_) => {}
                ExportDefaultKind::Class(cl) => {
                    c.class(cl, t, &NameHint::Static(utf16("default")))?;
                    match &cl.id {
                        Some(id) => c.store_identifier(id, t, StoreMode::Init)?,
                        None => store_default(c, default_binding, t)?,
                    }
                }
                ExportDefaultKind::Expression(x) => {
                    c.expr_named(x, t, &NameHint::Static(utf16("default")))?;
                    store_default(c, default_binding, t)?;
                }
            },
            ModuleItem::Import(_) | ModuleItem::ExportAll(_) => {}
        }
    }
    Ok(())
}

fn store_default(
    c: &mut FunctionCompiler<'_>,
    binding: Option<BindingRef>,
    src: crate::isa::Reg,
) -> CResult {
    if let Some(b) = binding {
        if let Some(res) = c.ctx.analysis.binding_resolution(b) {
            c.store_resolution(res, None, "*default*", src, StoreMode::Init)?;
        }
    }
    Ok(())
}

/// The wrapper of a CreateDynamicFunction function: returns a closure of nested function 0
/// over the global environment.
pub(crate) fn dynamic_function(
    f: &Function,
    analysis: &ScopeAnalysis,
    source: &str,
    file: &str,
) -> CResult<CodeBlock> {
    let ctx = ctx(analysis, source, file);
    let mut c = root_compiler(&ctx)?;
    let r = c.temp()?;
    let block = compile_function_block(&ctx, f, utf16("anonymous"))?;
    let func = c.add_function(block)?;
    c.emit(Insn::NewClosure { dst: r, func });
    c.emit(Insn::Return { src: r });
    Ok(c.finish(BlockHead {
        name: Arc::from(Vec::new()),
        flags: CodeFlags::empty(),
        length: 0,
        entry_scope: None,
        source: Arc::from(source),
    }))
}
