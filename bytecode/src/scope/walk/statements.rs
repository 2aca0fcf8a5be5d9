//! The walk over statements: block-like scopes, loops, `with`, `catch`, declarations.

use super::{PatternMode, Walker};
use crate::scope::names::{self, LexDecl};
use crate::scope::{BindingKind, RefKind, ScopeError, ScopeKind};
use moat_parser::ast::{
    self, Class, Expression, ForHead, ForInit, Function, ModuleExportName, ModuleItem, Statement,
    VariableDeclaration, VariableKind,
};

type R<T> = Result<T, ScopeError>;

impl<'a> Walker<'a> {
    // -----------------------------------------------------------------------
    // Statements
    // -----------------------------------------------------------------------

    pub(super) fn module_item(&mut self, item: &'a ModuleItem) -> R<()> {
        match item {
            ModuleItem::Statement(s) => self.statement(s),
            ModuleItem::Import(_) | ModuleItem::ExportAll(_) => Ok(()),
            ModuleItem::ExportNamed(e) => {
                if let Some(s) = &e.declaration {
                    self.statement(s)?;
                }
                if e.source.is_none() {
                    for spec in &e.specifiers {
                        if let ModuleExportName::Identifier(id) = &spec.local {
                            self.lookup(RefKind::Identifier, id.span.start, &id.name);
                        }
                    }
                }
                Ok(())
            }
            ModuleItem::ExportDefault(e) => match &e.kind {
                ast::ExportDefaultKind::Function(f) => {
                    if let Some(id) = &f.id {
                        self.declared(id);
                    }
                    let start = self.scope(self.cur).map_or(0, |s| s.node_start);
                    self.function(f, start, false)
                }
                ast::ExportDefaultKind::Class(c) => {
                    self.class(c)?;
                    if let Some(id) = &c.id {
                        self.declared(id);
                    }
                    Ok(())
                }
                ast::ExportDefaultKind::Expression(x) => self.expression(x),
            },
        }
    }

    pub(super) fn statements(&mut self, stmts: &'a [Statement]) -> R<()> {
        for s in stmts {
            self.statement(s)?;
        }
        Ok(())
    }

    /// BlockDeclarationInstantiation (<https://tc39.es/ecma262/#sec-blockdeclarationinstantiation>)
    /// for a statement list in a new scope.
    pub(super) fn block(&mut self, kind: ScopeKind, start: u32, stmts: &'a [Statement]) -> R<()> {
        let strict = self.scope(self.cur).is_some_and(|s| s.strict);
        self.push_scope(kind, start, strict);
        let mut lex = Vec::new();
        names::lexical_declarations(stmts, false, &mut lex)?;
        self.declare_block_lexicals(&lex);
        self.statements(stmts)?;
        self.pop_scope();
        Ok(())
    }

    pub(super) fn declare_block_lexicals(&mut self, lex: &[LexDecl<'a>]) {
        self.declare_lexicals(lex);
        let hoisted: Vec<u32> = lex
            .iter()
            .filter_map(|d| d.function.map(|f| f.span.start))
            .collect();
        let cur = self.cur;
        if let Some(s) = self.scope_mut(cur) {
            s.hoisted_functions.extend(hoisted);
        }
    }

    /// The body of `if`, loops, `with` and labels: B.3.3 wraps a lone function declaration
    /// in a block of its own.
    pub(super) fn substatement(&mut self, s: &'a Statement) -> R<()> {
        if let Statement::FunctionDeclaration(f) = s {
            self.block(ScopeKind::Block, f.span.start, std::slice::from_ref(s))
        } else {
            self.statement(s)
        }
    }

    /// Visits a statement. The arms live in small helpers so each nesting level costs
    /// little stack.
    pub(super) fn statement(&mut self, s: &'a Statement) -> R<()> {
        self.enter()?;
        let r = match s {
            Statement::Expression(e) => self.expression(&e.expression),
            Statement::Block(b) => self.block(ScopeKind::Block, b.span.start, &b.body),
            Statement::Empty(_)
            | Statement::Debugger(_)
            | Statement::Break(_)
            | Statement::Continue(_) => Ok(()),
            Statement::With(w) => self.with_statement(w),
            Statement::Return(r) => match &r.argument {
                Some(a) => self.expression(a),
                None => Ok(()),
            },
            Statement::Labeled(l) => self.statement(&l.body),
            Statement::If(i) => self.if_statement(i),
            Statement::Switch(sw) => self.switch_statement(sw),
            Statement::Throw(t) => self.expression(&t.argument),
            Statement::Try(t) => self.try_statement(t),
            Statement::While(w) => {
                self.expression(&w.test)?;
                self.substatement(&w.body)
            }
            Statement::DoWhile(d) => {
                self.substatement(&d.body)?;
                self.expression(&d.test)
            }
            Statement::For(f) => self.for_statement(f),
            Statement::ForIn(f) => self.for_in_of(f.span.start, &f.left, &f.right, &f.body),
            Statement::ForOf(f) => self.for_in_of(f.span.start, &f.left, &f.right, &f.body),
            Statement::FunctionDeclaration(f) => self.function_declaration(f),
            Statement::ClassDeclaration(c) => self.class_declaration(c),
            Statement::VariableDeclaration(v) => self.variable_declaration(v),
        };
        self.leave();
        r
    }

    pub(super) fn with_statement(&mut self, w: &'a ast::WithStatement) -> R<()> {
        self.expression(&w.object)?;
        let f = self.cur_func();
        if let Some(fd) = self.func_mut(f) {
            fd.contains_with = true;
        }
        self.push_scope(ScopeKind::With, w.span.start, false);
        self.substatement(&w.body)?;
        self.pop_scope();
        Ok(())
    }

    pub(super) fn if_statement(&mut self, i: &'a ast::IfStatement) -> R<()> {
        self.expression(&i.test)?;
        self.substatement(&i.consequent)?;
        match &i.alternate {
            Some(a) => self.substatement(a),
            None => Ok(()),
        }
    }

    pub(super) fn switch_statement(&mut self, sw: &'a ast::SwitchStatement) -> R<()> {
        self.expression(&sw.discriminant)?;
        let strict = self.scope(self.cur).is_some_and(|s| s.strict);
        let scope = self.push_scope(ScopeKind::Switch, sw.span.start, strict);
        if let Some(sd) = self.scope_mut(scope) {
            sd.always_tdz = true;
        }
        let mut lex = Vec::new();
        for case in &sw.cases {
            names::lexical_declarations(&case.consequent, false, &mut lex)?;
        }
        self.declare_block_lexicals(&lex);
        for case in &sw.cases {
            if let Some(t) = &case.test {
                self.expression(t)?;
            }
            self.statements(&case.consequent)?;
        }
        self.pop_scope();
        Ok(())
    }

    /// CatchClauseEvaluation (<https://tc39.es/ecma262/#sec-runtime-semantics-catchclauseevaluation>):
    /// the parameter scope, then the body block.
    pub(super) fn try_statement(&mut self, t: &'a ast::TryStatement) -> R<()> {
        self.block(ScopeKind::Block, t.block.span.start, &t.block.body)?;
        if let Some(h) = &t.handler {
            let strict = self.scope(self.cur).is_some_and(|s| s.strict);
            self.push_scope(ScopeKind::Catch, h.span.start, strict);
            if let Some(p) = &h.param {
                let mut ids = Vec::new();
                names::bound_names(p, &mut ids, 0)?;
                for id in ids {
                    self.declare(&id.name, BindingKind::CatchParameter, true, p.span().end);
                }
                self.pattern(p, PatternMode::Declaration)?;
            }
            self.block(ScopeKind::Block, h.body.span.start, &h.body.body)?;
            self.pop_scope();
        }
        match &t.finalizer {
            Some(f) => self.block(ScopeKind::Block, f.span.start, &f.body),
            None => Ok(()),
        }
    }

    pub(super) fn function_declaration(&mut self, f: &'a Function) -> R<()> {
        if let Some(id) = &f.id {
            self.declared(id);
            if self.annex_b_functions.contains(&f.span.start) {
                self.annex_b_target(f.span.start, &id.name);
            }
        }
        // Hoisted: the closure exists from the start of the declaring scope.
        let start = self.scope(self.cur).map_or(0, |s| s.node_start);
        self.function(f, start, false)
    }

    pub(super) fn class_declaration(&mut self, c: &'a Class) -> R<()> {
        self.class(c)?;
        if let Some(id) = &c.id {
            self.declared(id);
        }
        Ok(())
    }

    /// B.3.2.1 step "When the FunctionDeclaration f is evaluated": the var binding is set
    /// directly in the VariableEnvironment (no `with` in between can intercept it).
    pub(super) fn annex_b_target(&mut self, function_start: u32, name: &'a str) {
        let f = self.cur_func();
        let vs = self.funcs.get(f as usize).map_or(0, |f| f.var_scope);
        let binding = self
            .scope(vs)
            .and_then(|s| s.index.get(name))
            .map(|&b| (vs, b));
        if binding.is_none() && vs != 0 {
            return;
        }
        let r = self.record(None, function_start, binding, true);
        self.annex_b.push((function_start, r));
    }

    pub(super) fn variable_declaration(&mut self, v: &'a VariableDeclaration) -> R<()> {
        let mode = if v.kind == VariableKind::Var {
            PatternMode::Assignment
        } else {
            PatternMode::Declaration
        };
        for d in &v.declarations {
            if let Some(init) = &d.init {
                self.expression(init)?;
            }
            self.pattern(&d.id, mode)?;
        }
        Ok(())
    }

    /// ForLoopEvaluation (<https://tc39.es/ecma262/#sec-runtime-semantics-forloopevaluation>).
    pub(super) fn for_statement(&mut self, f: &'a ast::ForStatement) -> R<()> {
        let lexical = match &f.init {
            Some(ForInit::VariableDeclaration(v)) => {
                names::lexical_kind(v.kind).map(|kind| (v, kind))
            }
            _ => None,
        };
        if let Some((v, kind)) = lexical {
            let strict = self.scope(self.cur).is_some_and(|s| s.strict);
            let scope = self.push_scope(ScopeKind::For, f.span.start, strict);
            if let Some(sd) = self.scope_mut(scope) {
                sd.per_iteration_candidate = kind == BindingKind::Let;
            }
            for d in &v.declarations {
                let mut ids = Vec::new();
                names::bound_names(&d.id, &mut ids, 0)?;
                for id in ids {
                    self.declare(&id.name, kind, true, d.span.end);
                }
            }
        }
        match &f.init {
            Some(ForInit::VariableDeclaration(v)) => self.variable_declaration(v)?,
            Some(ForInit::Expression(e)) => self.expression(e)?,
            None => {}
        }
        if let Some(t) = &f.test {
            self.expression(t)?;
        }
        if let Some(u) = &f.update {
            self.expression(u)?;
        }
        self.substatement(&f.body)?;
        if lexical.is_some() {
            self.pop_scope();
        }
        Ok(())
    }

    /// ForIn/OfHeadEvaluation and ForIn/OfBodyEvaluation
    /// (<https://tc39.es/ecma262/#sec-runtime-semantics-forinofheadevaluation>): the
    /// expression runs in a scope where the loop's names are uninitialised for good; each
    /// iteration gets a fresh scope.
    pub(super) fn for_in_of(
        &mut self,
        start: u32,
        left: &'a ForHead,
        right: &'a Expression,
        body: &'a Statement,
    ) -> R<()> {
        let strict = self.scope(self.cur).is_some_and(|s| s.strict);
        match left {
            ForHead::VariableDeclaration(v) if v.kind != VariableKind::Var => {
                let kind = names::lexical_kind(v.kind).unwrap_or(BindingKind::Let);
                let ids = names::declaration_names(v)?;
                self.push_scope(ScopeKind::ForInOfHead, start, strict);
                for id in &ids {
                    self.declare(&id.name, kind, true, u32::MAX);
                }
                self.expression(right)?;
                self.pop_scope();
                self.push_scope(ScopeKind::ForInOf, start, strict);
                let body_start = body.span().start;
                for id in &ids {
                    self.declare(&id.name, kind, true, body_start);
                }
                self.variable_declaration(v)?;
                self.substatement(body)?;
                self.pop_scope();
            }
            ForHead::VariableDeclaration(v) => {
                self.expression(right)?;
                self.variable_declaration(v)?;
                self.substatement(body)?;
            }
            ForHead::Pattern(p) => {
                self.expression(right)?;
                self.pattern(p, PatternMode::Assignment)?;
                self.substatement(body)?;
            }
        }
        Ok(())
    }
}
