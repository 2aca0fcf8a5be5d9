//! The AST walk: builds the scope tree, declares every scope's bindings on entry (hoisting is
//! known up front), and resolves each reference against a per-name stack of visible bindings,
//! so a lookup costs O(1) whatever the nesting.
//!
//! This module holds the bookkeeping and declaration instantiation (programs, functions,
//! classes); `statements` and `expressions` hold the rest of the walk.

use super::names::{self, LexDecl};
use super::{
    BindingKind, CodeKind, EvalOptions, ImportEntry, ImportName, RefKind, ScopeError, ScopeKind,
    MAX_DEPTH,
};
use moat_parser::ast::{
    self, Class, ClassElement, Expression, Function, FunctionKind, ModuleExportName, ModuleItem,
    Pattern, Statement,
};
use std::collections::{HashMap, HashSet};

mod expressions;
mod statements;

type R<T> = Result<T, ScopeError>;

/// Name of the synthetic binding for `this`, `new.target` and the active function: none is
/// a valid IdentifierReference, so they never collide with source names.
pub(super) const THIS: &str = "this";
pub(super) const NEW_TARGET: &str = "new.target";
pub(super) const ACTIVE_FUNCTION: &str = "%function%";
/// The binding of an anonymous `export default`.
const DEFAULT_EXPORT: &str = "*default*";

/// A binding while the walk runs.
#[derive(Debug)]
pub(super) struct BindingData<'a> {
    pub name: &'a str,
    pub kind: BindingKind,
    pub tdz: bool,
    /// Reads at offsets before this (in the same function) need a TDZ check; `u32::MAX`
    /// means always.
    pub init_point: u32,
    pub init_from_parameter: bool,
    pub annex_b: bool,
    /// Read or written from another function's frame.
    pub captured: bool,
    /// Must be environment-resident for another reason (dynamic lookup fallback, mapped
    /// arguments, module binding).
    pub forced: bool,
    /// Referenced at all (synthetic bindings without references need no storage).
    pub used: bool,
    /// Location is decided by name at run time (script globals, sloppy eval `var`s).
    pub by_name: bool,
    pub import: Option<u32>,
}

#[derive(Debug)]
pub(super) struct ScopeData<'a> {
    pub kind: ScopeKind,
    pub node_start: u32,
    pub parent: Option<u32>,
    pub func: u32,
    pub strict: bool,
    pub bindings: Vec<BindingData<'a>>,
    index: HashMap<&'a str, u32>,
    pub hoisted_functions: Vec<u32>,
    pub eval_may_add_vars: bool,
    /// `for (let ...;;)`: copied per iteration if it gets an environment.
    pub per_iteration_candidate: bool,
    /// Bindings here always need a TDZ check (a `switch` can jump past a declaration).
    pub always_tdz: bool,
}

#[derive(Debug)]
pub(super) struct FuncData {
    pub kind: CodeKind,
    pub node_start: u32,
    pub parent: Option<u32>,
    pub strict: bool,
    pub is_arrow: bool,
    /// Where the closure can first run: a hoisted declaration exists from the start of its
    /// scope; class elements from the end of the class.
    pub creation_point: u32,
    /// Index of this function in the walker's function stack.
    stack_depth: usize,
    pub scopes: Vec<u32>,
    pub function_scope: u32,
    pub var_scope: u32,
    pub name_scope: Option<u32>,
    pub has_parameter_expressions: bool,
    pub has_duplicate_parameters: bool,
    pub simple_parameters: bool,
    /// Index of the `arguments` binding in the function scope.
    pub arguments_binding: Option<u32>,
    pub has_direct_eval: bool,
    pub has_sloppy_direct_eval: bool,
    pub contains_with: bool,
    /// Walking the parameter list (a sloppy eval there adds vars to the function scope).
    in_params: bool,
}

/// One recorded reference.
#[derive(Debug)]
pub(super) struct RefData {
    /// `None` for Annex B var targets (kept in `annex_b`).
    pub key: Option<(RefKind, u32)>,
    pub scope: u32,
    pub pos: u32,
    pub binding: Option<(u32, u32)>,
    /// Resolved in a known scope (declarations): never dynamic, never TDZ-checked.
    pub direct: bool,
    /// For a reference from a nested function: the creation point of the outermost function
    /// between the binding's function and the reference.
    pub crossed_creation: Option<u32>,
}

pub(super) struct Walker<'a> {
    pub scopes: Vec<ScopeData<'a>>,
    pub funcs: Vec<FuncData>,
    pub refs: Vec<RefData>,
    pub annex_b: Vec<(u32, usize)>,
    pub direct_evals: Vec<(u32, u32, u32, bool)>,
    pub imports: Vec<ImportEntry>,
    /// Free names resolve dynamically (direct eval code).
    pub root_dynamic: bool,
    names: HashMap<&'a str, Vec<(u32, u32)>>,
    func_stack: Vec<u32>,
    cur: u32,
    depth: u32,
    annex_b_functions: HashSet<u32>,
}

fn utf16(s: &str) -> Box<[u16]> {
    s.encode_utf16().collect()
}

fn export_name(n: &ModuleExportName) -> Box<[u16]> {
    match n {
        ModuleExportName::Identifier(id) => utf16(&id.name),
        ModuleExportName::String(s) => s.value.clone(),
    }
}

impl<'a> Walker<'a> {
    fn new(root_kind: CodeKind, root_scope: ScopeKind, start: u32, strict: bool) -> Self {
        let mut w = Walker {
            scopes: Vec::new(),
            funcs: Vec::new(),
            refs: Vec::new(),
            annex_b: Vec::new(),
            direct_evals: Vec::new(),
            imports: Vec::new(),
            root_dynamic: false,
            names: HashMap::new(),
            func_stack: Vec::new(),
            cur: 0,
            depth: 0,
            annex_b_functions: HashSet::new(),
        };
        w.push_func(root_kind, start, strict, false, 0);
        let s = w.push_scope(root_scope, start, strict);
        if let Some(f) = w.funcs.first_mut() {
            f.function_scope = s;
            f.var_scope = s;
        }
        w
    }

    /// GlobalDeclarationInstantiation (<https://tc39.es/ecma262/#sec-globaldeclarationinstantiation>):
    /// the root lists the script's declarations by name; nothing is allocated.
    pub fn script(script: &'a ast::Script) -> R<Self> {
        let mut w = Self::new(
            CodeKind::Script,
            ScopeKind::Script,
            script.span.start,
            script.strict,
        );
        w.global_declarations(&script.body, script.strict, true)?;
        w.statements(&script.body)?;
        Ok(w)
    }

    /// EvalDeclarationInstantiation (<https://tc39.es/ecma262/#sec-evaldeclarationinstantiation>):
    /// lexical declarations get a fresh scope; `var`s too when the eval is strict, otherwise
    /// they land in the caller's variable environment (by name).
    pub fn eval(script: &'a ast::Script, options: EvalOptions) -> R<Self> {
        let strict = script.strict || (options.direct && options.strict_caller);
        let mut w = Self::new(CodeKind::Eval, ScopeKind::Eval, script.span.start, strict);
        w.root_dynamic = options.direct;
        if strict {
            w.var_scope_declarations(&script.body, true, &HashSet::new(), false)?;
        } else {
            w.global_declarations(&script.body, false, false)?;
        }
        w.statements(&script.body)?;
        Ok(w)
    }

    /// CreateDynamicFunction: the function sits directly in the global environment.
    pub fn dynamic_function(f: &'a Function) -> R<Self> {
        let mut w = Self::new(CodeKind::Script, ScopeKind::Script, f.span.start, false);
        w.function(f, f.span.start, false)?;
        Ok(w)
    }

    /// InitializeEnvironment of a Source Text Module Record
    /// (<https://tc39.es/ecma262/#sec-source-text-module-record-initialize-environment>).
    pub fn module(module: &'a ast::Module) -> R<Self> {
        let start = module.span.start;
        let mut w = Self::new(CodeKind::Module, ScopeKind::Module, start, true);
        // Imports first: they are indirect bindings of the module environment.
        for item in &module.body {
            if let ModuleItem::Import(i) = item {
                let request = i.source.value.clone();
                let add = |w: &mut Self, local: &'a ast::Identifier, name: ImportName| {
                    let idx = w.imports.len() as u32;
                    w.imports.push(ImportEntry {
                        local: Box::from(local.name.as_str()),
                        module_request: request.clone(),
                        import_name: name,
                    });
                    let b = w.declare(&local.name, BindingKind::Import, false, 0);
                    if let Some(b) = w.binding_mut(w.cur, b) {
                        b.import = Some(idx);
                    }
                };
                if let Some(d) = &i.default {
                    add(&mut w, d, ImportName::Named(utf16("default")));
                }
                if let Some(ns) = &i.namespace {
                    add(&mut w, ns, ImportName::Namespace);
                }
                for s in &i.specifiers {
                    add(
                        &mut w,
                        &s.local,
                        ImportName::Named(export_name(&s.imported)),
                    );
                }
            }
        }
        // The module's statements with export declarations unwrapped.
        let mut stmts: Vec<&'a Statement> = Vec::new();
        let mut default_functions: Vec<&'a Function> = Vec::new();
        let mut lex: Vec<LexDecl<'a>> = Vec::new();
        let mut anonymous_default: Option<(BindingKind, u32)> = None;
        for item in &module.body {
            match item {
                ModuleItem::Statement(s) => stmts.push(s),
                ModuleItem::ExportNamed(e) => {
                    if let Some(s) = &e.declaration {
                        stmts.push(s);
                    }
                }
                ModuleItem::ExportDefault(e) => match &e.kind {
                    ast::ExportDefaultKind::Function(f) => {
                        default_functions.push(f);
                        if f.id.is_none() {
                            anonymous_default = Some((BindingKind::Function, 0));
                        }
                    }
                    ast::ExportDefaultKind::Class(c) => match &c.id {
                        Some(name) => lex.push(LexDecl {
                            name,
                            kind: BindingKind::Class,
                            init_point: c.span.end,
                            function: None,
                        }),
                        None => anonymous_default = Some((BindingKind::Class, e.span.end)),
                    },
                    ast::ExportDefaultKind::Expression(_) => {
                        anonymous_default = Some((BindingKind::Let, e.span.end))
                    }
                },
                ModuleItem::Import(_) | ModuleItem::ExportAll(_) => {}
            }
        }
        let mut vars = Vec::new();
        let mut functions: Vec<&'a Function> = Vec::new();
        for s in &stmts {
            let scan = names::scan_var_scope(std::slice::from_ref(*s), false, &HashSet::new())?;
            vars.extend(scan.vars);
            names::lexical_declaration(s, true, &mut lex)?;
            if let Statement::FunctionDeclaration(f) = names::unlabel(s) {
                functions.push(f);
            }
        }
        functions.extend(default_functions.iter().copied());
        for v in vars {
            w.declare(&v.name, BindingKind::Var, false, 0);
        }
        w.declare_functions(&functions);
        if let Some((kind, init)) = anonymous_default {
            w.declare(DEFAULT_EXPORT, kind, kind != BindingKind::Function, init);
        }
        w.declare_lexicals(&lex);
        for item in &module.body {
            w.module_item(item)?;
        }
        Ok(w)
    }

    // -----------------------------------------------------------------------
    // Scope and binding bookkeeping
    // -----------------------------------------------------------------------

    fn enter(&mut self) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            Err(ScopeError::TooDeep)
        } else {
            Ok(())
        }
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn cur_func(&self) -> u32 {
        self.func_stack.last().copied().unwrap_or(0)
    }

    fn func_mut(&mut self, f: u32) -> Option<&mut FuncData> {
        self.funcs.get_mut(f as usize)
    }

    fn scope(&self, s: u32) -> Option<&ScopeData<'a>> {
        self.scopes.get(s as usize)
    }

    fn scope_mut(&mut self, s: u32) -> Option<&mut ScopeData<'a>> {
        self.scopes.get_mut(s as usize)
    }

    fn binding_mut(&mut self, s: u32, b: u32) -> Option<&mut BindingData<'a>> {
        self.scope_mut(s)?.bindings.get_mut(b as usize)
    }

    fn push_func(
        &mut self,
        kind: CodeKind,
        node_start: u32,
        strict: bool,
        is_arrow: bool,
        creation_point: u32,
    ) -> u32 {
        let id = self.funcs.len() as u32;
        self.funcs.push(FuncData {
            kind,
            node_start,
            parent: self.func_stack.last().copied(),
            strict,
            is_arrow,
            creation_point,
            stack_depth: self.func_stack.len(),
            scopes: Vec::new(),
            function_scope: 0,
            var_scope: 0,
            name_scope: None,
            has_parameter_expressions: false,
            has_duplicate_parameters: false,
            simple_parameters: true,
            arguments_binding: None,
            has_direct_eval: false,
            has_sloppy_direct_eval: false,
            contains_with: false,
            in_params: false,
        });
        self.func_stack.push(id);
        id
    }

    fn push_scope(&mut self, kind: ScopeKind, node_start: u32, strict: bool) -> u32 {
        let id = self.scopes.len() as u32;
        let func = self.cur_func();
        self.scopes.push(ScopeData {
            kind,
            node_start,
            parent: if self.scopes.is_empty() {
                None
            } else {
                Some(self.cur)
            },
            func,
            strict,
            bindings: Vec::new(),
            index: HashMap::new(),
            hoisted_functions: Vec::new(),
            eval_may_add_vars: false,
            per_iteration_candidate: false,
            always_tdz: false,
        });
        if let Some(f) = self.func_mut(func) {
            f.scopes.push(id);
        }
        self.cur = id;
        id
    }

    /// Leaves the current scope: its names stop being visible.
    fn pop_scope(&mut self) {
        let Some(scope) = self.scopes.get(self.cur as usize) else {
            return;
        };
        for b in scope.bindings.iter().filter(|b| !b.by_name) {
            if let Some(stack) = self.names.get_mut(b.name) {
                stack.pop();
            }
        }
        if let Some(parent) = scope.parent {
            self.cur = parent;
        }
    }

    /// Declares `name` in the current scope (or returns the existing binding of that name).
    fn declare(&mut self, name: &'a str, kind: BindingKind, tdz: bool, init_point: u32) -> u32 {
        self.declare_in(self.cur, name, kind, tdz, init_point, false)
    }

    fn declare_in(
        &mut self,
        scope: u32,
        name: &'a str,
        kind: BindingKind,
        tdz: bool,
        init_point: u32,
        by_name: bool,
    ) -> u32 {
        let Some(s) = self.scopes.get_mut(scope as usize) else {
            return 0;
        };
        if let Some(&existing) = s.index.get(name) {
            if kind == BindingKind::Function {
                if let Some(b) = s.bindings.get_mut(existing as usize) {
                    if b.kind == BindingKind::Var {
                        b.kind = BindingKind::Function;
                    }
                }
            }
            return existing;
        }
        let idx = s.bindings.len() as u32;
        s.bindings.push(BindingData {
            name,
            kind,
            tdz,
            init_point: if tdz { init_point } else { 0 },
            init_from_parameter: false,
            annex_b: false,
            captured: false,
            forced: false,
            used: false,
            by_name,
            import: None,
        });
        s.index.insert(name, idx);
        if !by_name {
            self.names.entry(name).or_default().push((scope, idx));
        }
        idx
    }

    fn declare_functions(&mut self, functions: &[&'a Function]) {
        for f in functions {
            if let Some(id) = &f.id {
                self.declare(&id.name, BindingKind::Function, false, 0);
            } else {
                self.declare(DEFAULT_EXPORT, BindingKind::Function, false, 0);
            }
        }
        let hoisted: Vec<u32> = names::functions_to_initialize(functions)
            .iter()
            .map(|f| f.span.start)
            .collect();
        let cur = self.cur;
        if let Some(s) = self.scope_mut(cur) {
            s.hoisted_functions.extend(hoisted);
        }
    }

    fn declare_lexicals(&mut self, decls: &[LexDecl<'a>]) {
        for d in decls {
            let tdz = d.kind != BindingKind::Function;
            self.declare(&d.name.name, d.kind, tdz, d.init_point);
        }
    }

    /// Records a reference resolved by name through the visible scopes.
    fn lookup(&mut self, kind: RefKind, key: u32, name: &str) {
        let binding = self.names.get(name).and_then(|s| s.last()).copied();
        self.record(Some((kind, key)), key, binding, false);
    }

    /// Records a declaration's identifier, bound in the current scope.
    fn declared(&mut self, id: &ast::Identifier) {
        let cur = self.cur;
        let binding = self
            .scope(cur)
            .and_then(|s| s.index.get(&*id.name))
            .map(|&b| (cur, b));
        self.record(
            Some((RefKind::Identifier, id.span.start)),
            id.span.start,
            binding,
            true,
        );
    }

    fn record(
        &mut self,
        key: Option<(RefKind, u32)>,
        pos: u32,
        binding: Option<(u32, u32)>,
        direct: bool,
    ) -> usize {
        let func = self.cur_func();
        let mut crossed_creation = None;
        if let Some((s, b)) = binding {
            let binding_func = self.scope(s).map_or(func, |s| s.func);
            if binding_func != func {
                // The function directly inside the binding's function on the current path.
                crossed_creation = self
                    .funcs
                    .get(binding_func as usize)
                    .and_then(|bf| self.func_stack.get(bf.stack_depth + 1))
                    .and_then(|&child| self.funcs.get(child as usize))
                    .map(|child| child.creation_point);
            }
            if let Some(bd) = self.binding_mut(s, b) {
                bd.used = true;
                if binding_func != func {
                    bd.captured = true;
                }
            }
        }
        self.refs.push(RefData {
            key,
            scope: self.cur,
            pos,
            binding,
            direct,
            crossed_creation,
        });
        self.refs.len() - 1
    }

    // -----------------------------------------------------------------------
    // Declaration instantiation
    // -----------------------------------------------------------------------

    /// Script or sloppy-eval top level: declarations are listed by name only.
    fn global_declarations(&mut self, body: &'a [Statement], strict: bool, script: bool) -> R<()> {
        let mut lex = Vec::new();
        names::lexical_declarations(body, true, &mut lex)?;
        let blocked: HashSet<&str> = lex.iter().map(|d| &*d.name.name).collect();
        let scan = names::scan_var_scope(body, !strict, &blocked)?;
        let functions = names::top_level_functions(body);
        let root = self.cur;
        for f in &functions {
            if let Some(id) = &f.id {
                self.declare_in(root, &id.name, BindingKind::Function, false, 0, true);
            }
        }
        for v in &scan.vars {
            self.declare_in(root, &v.name, BindingKind::Var, false, 0, true);
        }
        for f in &scan.annex_b {
            self.annex_b_functions.insert(f.span.start);
            if let Some(id) = &f.id {
                let known = self
                    .scope(root)
                    .is_some_and(|s| s.index.contains_key(&*id.name));
                let b = self.declare_in(root, &id.name, BindingKind::Var, false, 0, true);
                if !known {
                    if let Some(bd) = self.binding_mut(root, b) {
                        bd.annex_b = true;
                    }
                }
            }
        }
        let hoisted: Vec<u32> = names::functions_to_initialize(&functions)
            .iter()
            .map(|f| f.span.start)
            .collect();
        if let Some(s) = self.scope_mut(root) {
            s.hoisted_functions = hoisted;
        }
        if script {
            // The global lexical record is shared by name as well.
            for d in &lex {
                self.declare_in(root, &d.name.name, d.kind, true, d.init_point, true);
            }
        } else {
            self.declare_lexicals(&lex);
        }
        Ok(())
    }

    /// Declares a var scope's `var`s, hoisted functions and top-level lexical declarations in
    /// the current scope. `params` are names already bound by the parameter list.
    fn var_scope_declarations(
        &mut self,
        body: &'a [Statement],
        strict: bool,
        params: &HashSet<&'a str>,
        separate_from_params: bool,
    ) -> R<()> {
        let mut lex = Vec::new();
        names::lexical_declarations(body, true, &mut lex)?;
        let mut blocked: HashSet<&str> = lex.iter().map(|d| &*d.name.name).collect();
        blocked.extend(params.iter().copied());
        let scan = names::scan_var_scope(body, !strict, &blocked)?;
        let functions = names::top_level_functions(body);
        let function_names: HashSet<&str> = functions
            .iter()
            .filter_map(|f| f.id.as_ref().map(|id| &*id.name))
            .collect();
        let fs = self.func_mut(self.cur_func()).map(|f| f.function_scope);
        for v in &scan.vars {
            let b = self.declare(&v.name, BindingKind::Var, false, 0);
            let from_param = separate_from_params
                && !function_names.contains(&*v.name)
                && fs
                    .and_then(|fs| self.scope(fs))
                    .is_some_and(|s| s.index.contains_key(&*v.name));
            if from_param {
                let cur = self.cur;
                if let Some(bd) = self.binding_mut(cur, b) {
                    bd.init_from_parameter = true;
                }
            }
        }
        for f in &scan.annex_b {
            self.annex_b_functions.insert(f.span.start);
            if let Some(id) = &f.id {
                // The NOTE in B.3.2.1: no binding is created for `arguments`.
                if &*id.name != "arguments" {
                    self.declare(&id.name, BindingKind::Var, false, 0);
                }
            }
        }
        self.declare_functions(&functions);
        self.declare_lexicals(&lex);
        Ok(())
    }

    /// FunctionDeclarationInstantiation (<https://tc39.es/ecma262/#sec-functiondeclarationinstantiation>)
    /// and the walk of the function. `creation_point`: where the closure can first exist.
    fn function(&mut self, f: &'a Function, creation_point: u32, expression: bool) -> R<()> {
        self.enter()?;
        let outer = self.cur;
        let outer_strict = self.scope(outer).is_some_and(|s| s.strict);
        let strict = f.body.strict;
        // A named function expression's closure environment holds its own name
        // (<https://tc39.es/ecma262/#sec-runtime-semantics-instantiateordinaryfunctionexpression>).
        let name_scope = match (&f.id, expression) {
            (Some(id), true) => {
                let s = self.push_scope(ScopeKind::FunctionName, f.span.start, outer_strict);
                self.declare(&id.name, BindingKind::FunctionName, false, 0);
                Some(s)
            }
            _ => None,
        };
        let fid = self.push_func(
            CodeKind::Function(f.kind),
            f.span.start,
            strict,
            f.is_arrow(),
            creation_point,
        );
        let fs = self.push_scope(ScopeKind::Function, f.span.start, strict);

        // Steps 5-8: parameter names, duplicates, parameter expressions.
        let mut param_items: Vec<&'a Pattern> = f.params.items.iter().collect();
        if let Some(rest) = &f.params.rest {
            param_items.push(rest);
        }
        let mut params: Vec<(&'a ast::Identifier, u32)> = Vec::new();
        let mut has_parameter_expressions = false;
        for p in &param_items {
            let mut ids = Vec::new();
            names::bound_names(p, &mut ids, 0)?;
            params.extend(ids.into_iter().map(|id| (id, p.span().end)));
            has_parameter_expressions |= names::contains_expression(p, 0)?;
        }
        let mut param_names: HashSet<&'a str> = params.iter().map(|(id, _)| &*id.name).collect();
        let has_duplicates = param_names.len() != params.len();
        if let Some(fd) = self.func_mut(fid) {
            fd.function_scope = fs;
            fd.var_scope = fs;
            fd.name_scope = name_scope;
            fd.has_parameter_expressions = has_parameter_expressions;
            fd.has_duplicate_parameters = has_duplicates;
            fd.simple_parameters = f.params.is_simple;
        }

        // Step 21: parameter bindings; without duplicates they start uninitialised and
        // only parameter expressions can observe that.
        let param_tdz = has_parameter_expressions && !has_duplicates;
        for (id, end) in &params {
            self.declare(&id.name, BindingKind::Parameter, param_tdz, *end);
        }
        if !f.is_arrow() {
            self.declare_receiver(
                f.kind == FunctionKind::DerivedConstructor,
                is_method(f.kind),
            );
        }

        // Steps 15-18: does the function need an arguments object at all?
        let mut lex = Vec::new();
        names::lexical_declarations(&f.body.statements, true, &mut lex)?;
        let top_functions = names::top_level_functions(&f.body.statements);
        let shadowed_in_body = !has_parameter_expressions
            && (top_functions
                .iter()
                .any(|g| g.id.as_ref().is_some_and(|id| &*id.name == "arguments"))
                || lex.iter().any(|d| &*d.name.name == "arguments"));
        if !f.is_arrow() && !param_names.contains("arguments") && !shadowed_in_body {
            let b = self.declare("arguments", BindingKind::Arguments, false, 0);
            if let Some(fd) = self.func_mut(fid) {
                fd.arguments_binding = Some(b);
            }
            // 22.f. Append "arguments" to parameterNames: Annex B.3.2.1 then leaves a block
            // function named `arguments` block-scoped.
            param_names.insert("arguments");
        }

        // Step 25: parameter initialisation.
        if let Some(fd) = self.func_mut(fid) {
            fd.in_params = true;
        }
        for p in &param_items {
            self.pattern(p, PatternMode::Declaration)?;
        }
        if let Some(fd) = self.func_mut(fid) {
            fd.in_params = false;
        }

        // Steps 27-28: a separate var environment when parameters have expressions.
        if has_parameter_expressions {
            let vs = self.push_scope(ScopeKind::FunctionBody, f.span.start, strict);
            if let Some(fd) = self.func_mut(fid) {
                fd.var_scope = vs;
            }
        }
        self.var_scope_declarations(
            &f.body.statements,
            strict,
            &param_names,
            has_parameter_expressions,
        )?;
        self.statements(&f.body.statements)?;

        if has_parameter_expressions {
            self.pop_scope();
        }
        self.pop_scope();
        self.func_stack.pop();
        if name_scope.is_some() {
            self.pop_scope();
        }
        self.cur = outer;
        self.leave();
        Ok(())
    }

    /// The `this`, `new.target` (and for methods the active function) bindings of a
    /// non-arrow function's scope.
    fn declare_receiver(&mut self, derived_constructor: bool, method: bool) {
        // In a derived constructor `this` is bound by `super()`, wherever that runs.
        self.declare(THIS, BindingKind::This, derived_constructor, u32::MAX);
        self.declare(NEW_TARGET, BindingKind::NewTarget, false, 0);
        if method {
            self.declare(ACTIVE_FUNCTION, BindingKind::ActiveFunction, false, 0);
        }
    }

    /// A synthetic method for a class field initialiser or a static block: it runs with the
    /// instance (or the class) as `this` once the class exists.
    fn class_element_function(
        &mut self,
        kind: CodeKind,
        start: u32,
        class_end: u32,
        body: ClassElementBody<'a>,
    ) -> R<()> {
        self.enter()?;
        let outer = self.cur;
        let fid = self.push_func(kind, start, true, false, class_end);
        let fs = self.push_scope(ScopeKind::Function, start, true);
        if let Some(fd) = self.func_mut(fid) {
            fd.function_scope = fs;
            fd.var_scope = fs;
        }
        self.declare_receiver(false, true);
        match body {
            ClassElementBody::Expression(e) => self.expression(e)?,
            ClassElementBody::Statements(stmts) => {
                self.var_scope_declarations(stmts, true, &HashSet::new(), false)?;
                self.statements(stmts)?;
            }
        }
        self.pop_scope();
        self.func_stack.pop();
        self.cur = outer;
        self.leave();
        Ok(())
    }

    /// ClassDefinitionEvaluation (<https://tc39.es/ecma262/#sec-runtime-semantics-classdefinitionevaluation>).
    fn class(&mut self, c: &'a Class) -> R<()> {
        self.enter()?;
        let class_end = c.span.end;
        self.push_scope(ScopeKind::Class, c.span.start, true);
        if let Some(id) = &c.id {
            // Initialised after the elements are defined, before static fields run.
            self.declare(&id.name, BindingKind::ClassName, true, class_end);
        }
        if let Some(sc) = &c.super_class {
            self.expression(sc)?;
        }
        for el in &c.body {
            match el {
                ClassElement::Method { key, value, .. } => {
                    self.property_key(key)?;
                    self.function(value, class_end, false)?;
                }
                ClassElement::Field {
                    key, value, span, ..
                } => {
                    self.property_key(key)?;
                    if let Some(v) = value {
                        self.class_element_function(
                            CodeKind::ClassFieldInitializer,
                            span.start,
                            class_end,
                            ClassElementBody::Expression(v),
                        )?;
                    }
                }
                ClassElement::StaticBlock { body, span } => self.class_element_function(
                    CodeKind::ClassStaticBlock,
                    span.start,
                    class_end,
                    ClassElementBody::Statements(body),
                )?,
            }
        }
        self.pop_scope();
        self.leave();
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PatternMode {
    /// Binding identifiers initialise a binding of the current scope.
    Declaration,
    /// Identifiers are resolved (assignment targets, `var` declarators).
    Assignment,
}

pub(super) enum ClassElementBody<'a> {
    Expression(&'a Expression),
    Statements(&'a [Statement]),
}

fn is_method(kind: FunctionKind) -> bool {
    !matches!(kind, FunctionKind::Normal | FunctionKind::Arrow)
}

/// `eval(...)` or `(eval)(...)`: parentheses keep the Reference, so both are direct.
pub(super) fn is_eval_identifier(mut callee: &Expression) -> bool {
    while let Expression::Parenthesized(p) = callee {
        callee = &p.expression;
    }
    matches!(callee, Expression::Identifier(id) if &*id.name == "eval")
}
