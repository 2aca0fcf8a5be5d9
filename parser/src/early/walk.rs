//! The traversal: one recursive walk over the AST that keeps the scope, label, context and
//! private-name state of the other modules up to date and calls their checks.
//!
//! Recursion follows the AST's nesting. The parser bounds that nesting (its `MAX_DEPTH`, which
//! also covers left-nested chains such as `a.b.c` and `a+b+c`), so the walk cannot exhaust the
//! stack; [`MAX_WALK_DEPTH`] is a defensive second bound that turns any AST built some other
//! way into an error instead of a crash.

use super::context::Context;
use super::labels::Labels;
use super::marks::Marks;
use super::module::check_exports;
use super::private_names::PrivateNames;
use super::scope::{try_for_each_bound_name, LexicalKind, ScopeKind, Scopes};
use super::{EarlyError, EarlyResult, OuterPrivateNames};
use crate::ast::*;
use crate::ParseOptions;

/// Walker recursion limit: statements, expressions, patterns, functions and classes each count
/// one level. Measured in a debug build on a 2 MiB stack: 1,500 levels of the deepest-framed
/// shapes (nested arrays, blocks, arrow functions, classes with computed keys) fit.
const MAX_WALK_DEPTH: u32 = 1500;

/// Where a statement list sits, which decides how its function declarations bind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ListKind {
    /// A function body, script or static block: functions are var-scoped
    /// (TopLevelLexicallyDeclaredNames / TopLevelVarDeclaredNames).
    TopLevel,
    /// A block or case block (and a module's top level): functions are lexical.
    Block,
}

/// The state that a function-like boundary replaces and restores.
struct Frame<'a> {
    labels: Labels<'a>,
    context: Context,
    var_scope: usize,
    strict: bool,
}

pub(super) struct Checker<'a> {
    scopes: Scopes<'a>,
    /// Index of the innermost var scope in `scopes`.
    var_scope: usize,
    labels: Labels<'a>,
    context: Context,
    private: PrivateNames<'a>,
    strict: bool,
    depth: u32,
    /// Where expressions may be skipped; `None` walks everything.
    marks: Option<&'a Marks>,
    /// The position of the last query in `marks` (see [`Marks::any_within`]).
    mark_cursor: usize,
}

impl<'a> Checker<'a> {
    pub(super) fn new(
        options: &ParseOptions,
        outer: OuterPrivateNames<'_>,
        marks: Option<&'a Marks>,
    ) -> Self {
        let context = Context::top_level(options);
        Checker {
            scopes: Scopes::default(),
            var_scope: 0,
            labels: Labels::default(),
            context,
            private: PrivateNames::new(outer),
            strict: options.strict,
            depth: 0,
            marks,
            mark_cursor: 0,
        }
    }

    /// Script : ScriptBody (<https://tc39.es/ecma262/#sec-scripts-static-semantics-early-errors>).
    pub(super) fn check_script(&mut self, script: &'a Script) -> EarlyResult {
        self.strict = self.strict || script.strict;
        self.var_scope = self.scopes.push(ScopeKind::Var, self.strict);
        self.walk_statement_list(&script.body, ListKind::TopLevel)
    }

    /// Module : ModuleBody
    /// (<https://tc39.es/ecma262/#sec-module-semantics-static-semantics-early-errors>).
    pub(super) fn check_module(&mut self, module: &'a Module) -> EarlyResult {
        self.strict = true;
        self.var_scope = self.scopes.push(ScopeKind::Var, true);
        self.declare_module_items(&module.body)?;
        for item in &module.body {
            self.walk_module_item(item)?;
        }
        check_exports(&module.body, &self.scopes)
    }

    /// A function from `CreateDynamicFunction`, checked as a function expression in a fresh
    /// top-level scope.
    pub(super) fn check_standalone_function(&mut self, function: &'a Function) -> EarlyResult {
        self.var_scope = self.scopes.push(ScopeKind::Var, false);
        self.walk_function(function)
    }

    // -----------------------------------------------------------------------------------------
    // Boundaries
    // -----------------------------------------------------------------------------------------

    fn enter_frame(&mut self, context: Context, strict: bool) -> Frame<'a> {
        Frame {
            labels: std::mem::take(&mut self.labels),
            context: std::mem::replace(&mut self.context, context),
            var_scope: self.var_scope,
            strict: std::mem::replace(&mut self.strict, strict),
        }
    }

    fn leave_frame(&mut self, frame: Frame<'a>) {
        self.labels = frame.labels;
        self.context = frame.context;
        self.var_scope = frame.var_scope;
        self.strict = frame.strict;
    }

    /// Enters one level; `span` is only asked for when the limit is exceeded, so the hot path
    /// does not compute node spans.
    #[inline]
    fn descend(&mut self, span: impl FnOnce() -> crate::Span) -> EarlyResult {
        self.depth += 1;
        if self.depth > MAX_WALK_DEPTH {
            return Err(EarlyError::new("Program too deeply nested", span()));
        }
        Ok(())
    }

    fn ascend(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    // -----------------------------------------------------------------------------------------
    // Declarations
    // -----------------------------------------------------------------------------------------

    /// Registers the declarations of a statement list in the innermost scope, then walks it.
    fn walk_statement_list(&mut self, list: &'a [Statement], kind: ListKind) -> EarlyResult {
        self.declare_statement_list(list, kind)?;
        for statement in list {
            self.walk_statement(statement)?;
        }
        Ok(())
    }

    /// LexicallyDeclaredNames of a statement list go into the innermost scope; at a
    /// function/script/static-block top level the function declarations are var-declared
    /// instead, after the lexical names so that the two lists can be compared.
    fn declare_statement_list(&mut self, list: &'a [Statement], kind: ListKind) -> EarlyResult {
        let mut var_functions = Vec::new();
        for statement in list {
            self.declare_statement(statement, kind, &mut var_functions)?;
        }
        for id in var_functions {
            self.scopes.declare_var(id, self.var_scope)?;
        }
        Ok(())
    }

    fn declare_statement(
        &mut self,
        statement: &'a Statement,
        kind: ListKind,
        var_functions: &mut Vec<&'a Identifier>,
    ) -> EarlyResult {
        match statement {
            Statement::VariableDeclaration(declaration) => {
                self.declare_lexical_declaration(declaration)
            }
            Statement::ClassDeclaration(class) => match &class.id {
                Some(id) => self.scopes.declare_lexical(id, LexicalKind::Other),
                None => Ok(()),
            },
            Statement::FunctionDeclaration(_) | Statement::Labeled(_) => {
                // A labelled function declares like an unlabelled one.
                let mut inner = statement;
                while let Statement::Labeled(labeled) = inner {
                    inner = &labeled.body;
                }
                let Statement::FunctionDeclaration(function) = inner else {
                    return Ok(());
                };
                let Some(id) = &function.id else {
                    return Ok(());
                };
                if kind == ListKind::TopLevel {
                    var_functions.push(id);
                    Ok(())
                } else {
                    let plain = !function.is_async && !function.is_generator;
                    let lexical_kind = if plain {
                        LexicalKind::PlainFunction
                    } else {
                        LexicalKind::Other
                    };
                    self.scopes.declare_lexical(id, lexical_kind)
                }
            }
            _ => Ok(()),
        }
    }

    /// BoundNames of a LexicalDeclaration (let/const/using) go into the innermost scope; none of
    /// them may be `let` (<https://tc39.es/ecma262/#sec-let-and-const-declarations-static-semantics-early-errors>).
    fn declare_lexical_declaration(&mut self, declaration: &'a VariableDeclaration) -> EarlyResult {
        if declaration.kind == VariableKind::Var {
            return Ok(());
        }
        let scopes = &mut self.scopes;
        for declarator in &declaration.declarations {
            try_for_each_bound_name(&declarator.id, &mut |id| {
                if &*id.name == "let" {
                    return Err(EarlyError::new(
                        "'let' is not allowed as a lexically bound name",
                        id.span,
                    ));
                }
                scopes.declare_lexical(id, LexicalKind::Other)
            })?;
        }
        Ok(())
    }

    /// BoundNames of a `var` declaration hoist to the innermost var scope.
    fn declare_var_declaration(&mut self, declaration: &'a VariableDeclaration) -> EarlyResult {
        if declaration.kind != VariableKind::Var {
            return Ok(());
        }
        let (scopes, var_scope) = (&mut self.scopes, self.var_scope);
        for declarator in &declaration.declarations {
            try_for_each_bound_name(&declarator.id, &mut |id| scopes.declare_var(id, var_scope))?;
        }
        Ok(())
    }

    /// A module's top level: function declarations and imports are lexical there.
    fn declare_module_items(&mut self, items: &'a [ModuleItem]) -> EarlyResult {
        let mut var_functions = Vec::new();
        for item in items {
            match item {
                ModuleItem::Statement(statement) => {
                    self.declare_statement(statement, ListKind::Block, &mut var_functions)?
                }
                ModuleItem::Import(import) => {
                    let locals = import
                        .default
                        .iter()
                        .chain(import.namespace.iter())
                        .chain(import.specifiers.iter().map(|s| &s.local));
                    for id in locals {
                        self.scopes.declare_lexical(id, LexicalKind::Other)?;
                    }
                }
                ModuleItem::ExportNamed(export) => {
                    if let Some(statement) = &export.declaration {
                        self.declare_statement(statement, ListKind::Block, &mut var_functions)?;
                    }
                }
                ModuleItem::ExportDefault(export) => {
                    let id = match &export.kind {
                        ExportDefaultKind::Function(function) => function.id.as_ref(),
                        ExportDefaultKind::Class(class) => class.id.as_ref(),
                        ExportDefaultKind::Expression(_) => None,
                    };
                    if let Some(id) = id {
                        self.scopes.declare_lexical(id, LexicalKind::Other)?;
                    }
                }
                ModuleItem::ExportAll(_) => {}
            }
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Module items and statements
    // -----------------------------------------------------------------------------------------

    fn walk_module_item(&mut self, item: &'a ModuleItem) -> EarlyResult {
        match item {
            ModuleItem::Statement(statement) => self.walk_statement(statement),
            ModuleItem::Import(_) | ModuleItem::ExportAll(_) => Ok(()),
            ModuleItem::ExportNamed(export) => match &export.declaration {
                Some(statement) => self.walk_statement(statement),
                None => Ok(()),
            },
            ModuleItem::ExportDefault(export) => match &export.kind {
                ExportDefaultKind::Function(function) => self.walk_function(function),
                ExportDefaultKind::Class(class) => self.walk_class(class),
                ExportDefaultKind::Expression(expression) => self.walk_expression(expression),
            },
        }
    }

    fn walk_statement(&mut self, statement: &'a Statement) -> EarlyResult {
        self.descend(|| statement.span())?;
        let result = self.walk_statement_inner(statement);
        self.ascend();
        result
    }

    /// Every arm is one call, to keep this per-level frame small (see
    /// `walk_expression_inner`).
    fn walk_statement_inner(&mut self, statement: &'a Statement) -> EarlyResult {
        match statement {
            Statement::Expression(s) => self.walk_root_expression(&s.expression),
            Statement::Block(block) => self.walk_block(block),
            Statement::Empty(_) | Statement::Debugger(_) => Ok(()),
            Statement::With(with) => self.walk_with(with),
            Statement::Return(r) => match &r.argument {
                Some(argument) => self.walk_root_expression(argument),
                None => Ok(()),
            },
            Statement::Labeled(labeled) => self.walk_labeled(labeled),
            Statement::Break(b) => self.labels.check_break(b),
            Statement::Continue(c) => self.labels.check_continue(c),
            Statement::If(s) => self.walk_if(s),
            Statement::Switch(s) => self.walk_switch(s),
            Statement::Throw(t) => self.walk_expression(&t.argument),
            Statement::Try(t) => self.walk_try(t),
            Statement::While(w) => self.walk_while(&w.test, &w.body),
            Statement::DoWhile(d) => self.walk_while(&d.test, &d.body),
            Statement::For(f) => self.walk_for(f),
            Statement::ForIn(f) => self.walk_for_in_of(&f.left, &f.right, &f.body),
            Statement::ForOf(f) => self.walk_for_in_of(&f.left, &f.right, &f.body),
            Statement::FunctionDeclaration(function) => self.walk_function_declaration(function),
            Statement::ClassDeclaration(class) => self.walk_class(class),
            Statement::VariableDeclaration(declaration) => {
                self.walk_variable_declaration(declaration)
            }
        }
    }

    fn walk_with(&mut self, with: &'a WithStatement) -> EarlyResult {
        self.walk_expression(&with.object)?;
        self.walk_substatement(&with.body)
    }

    fn walk_labeled(&mut self, labeled: &'a LabeledStatement) -> EarlyResult {
        self.context.check_identifier(&labeled.label)?;
        self.labels.push_label(&labeled.label, &labeled.body)?;
        let result = self.walk_statement(&labeled.body);
        self.labels.pop_label();
        result
    }

    fn walk_if(&mut self, statement: &'a IfStatement) -> EarlyResult {
        self.walk_root_expression(&statement.test)?;
        self.walk_substatement(&statement.consequent)?;
        match &statement.alternate {
            Some(alternate) => self.walk_substatement(alternate),
            None => Ok(()),
        }
    }

    /// `while` and `do`-`while` (the order of test and body does not matter to any check).
    fn walk_while(&mut self, test: &'a Expression, body: &'a Statement) -> EarlyResult {
        self.walk_expression(test)?;
        self.walk_loop_body(body)
    }

    fn walk_function_declaration(&mut self, function: &'a Function) -> EarlyResult {
        if let Some(id) = &function.id {
            self.context.check_identifier(id)?;
        }
        self.walk_function(function)
    }

    fn walk_variable_declaration(&mut self, declaration: &'a VariableDeclaration) -> EarlyResult {
        self.declare_var_declaration(declaration)?;
        self.walk_declarators(declaration)
    }

    /// The body of `if`, `with` and loops. An Annex B `if (x) function f() {}` behaves as if
    /// the declaration were in a block of its own
    /// (<https://tc39.es/ecma262/#sec-functiondeclarations-in-ifstatement-statement-clauses>).
    fn walk_substatement(&mut self, statement: &'a Statement) -> EarlyResult {
        if let Statement::FunctionDeclaration(_) = statement {
            self.scopes.push(ScopeKind::Block, self.strict);
            let result = self
                .declare_statement_list(std::slice::from_ref(statement), ListKind::Block)
                .and_then(|()| self.walk_statement(statement));
            self.scopes.pop();
            return result;
        }
        self.walk_statement(statement)
    }

    fn walk_loop_body(&mut self, body: &'a Statement) -> EarlyResult {
        self.labels.enter_loop();
        let result = self.walk_substatement(body);
        self.labels.leave_loop();
        result
    }

    /// Block : { StatementList } (<https://tc39.es/ecma262/#sec-block-static-semantics-early-errors>).
    fn walk_block(&mut self, block: &'a BlockStatement) -> EarlyResult {
        self.scopes.push(ScopeKind::Block, self.strict);
        let result = self.walk_statement_list(&block.body, ListKind::Block);
        self.scopes.pop();
        result
    }

    /// SwitchStatement : CaseBlock is one scope for all its clauses
    /// (<https://tc39.es/ecma262/#sec-switch-statement-static-semantics-early-errors>).
    fn walk_switch(&mut self, switch: &'a SwitchStatement) -> EarlyResult {
        self.walk_expression(&switch.discriminant)?;
        self.scopes.push(ScopeKind::Block, self.strict);
        self.labels.enter_switch();
        let result = self.walk_case_block(&switch.cases);
        self.labels.leave_switch();
        self.scopes.pop();
        result
    }

    fn walk_case_block(&mut self, cases: &'a [SwitchCase]) -> EarlyResult {
        for case in cases {
            self.declare_statement_list(&case.consequent, ListKind::Block)?;
        }
        for case in cases {
            self.walk_optional_expression(case.test.as_ref())?;
            for statement in &case.consequent {
                self.walk_statement(statement)?;
            }
        }
        Ok(())
    }

    /// TryStatement and Catch (<https://tc39.es/ecma262/#sec-try-statement-static-semantics-early-errors>):
    /// the CatchParameter's BoundNames are unique and clash with the catch block's lexical
    /// names; its var names may repeat a simple parameter only (Annex B.3.4).
    fn walk_try(&mut self, statement: &'a TryStatement) -> EarlyResult {
        self.walk_block(&statement.block)?;
        if let Some(handler) = &statement.handler {
            match &handler.param {
                None => self.walk_block(&handler.body)?,
                Some(param) => {
                    let kind = match param {
                        Pattern::Identifier(_) => ScopeKind::CatchSimple,
                        _ => ScopeKind::CatchPattern,
                    };
                    self.scopes.push(kind, self.strict);
                    let result = self.walk_catch(param, &handler.body);
                    self.scopes.pop();
                    result?;
                }
            }
        }
        match &statement.finalizer {
            Some(finalizer) => self.walk_block(finalizer),
            None => Ok(()),
        }
    }

    fn walk_catch(&mut self, param: &'a Pattern, body: &'a BlockStatement) -> EarlyResult {
        let scopes = &mut self.scopes;
        try_for_each_bound_name(param, &mut |id| {
            scopes.declare_lexical(id, LexicalKind::Other)
        })?;
        self.walk_pattern(param)?;
        self.scopes.push(ScopeKind::Block, self.strict);
        let result = self.walk_scope_body(&body.body, ListKind::Block);
        self.scopes.pop();
        result
    }

    /// `for (let/const ...; ;)`: the head's BoundNames are a scope of their own that the body's
    /// var names may not repeat
    /// (<https://tc39.es/ecma262/#sec-for-statement-static-semantics-early-errors>).
    fn walk_for(&mut self, statement: &'a ForStatement) -> EarlyResult {
        let lexical = matches!(
            &statement.init,
            Some(ForInit::VariableDeclaration(d)) if d.kind != VariableKind::Var
        );
        if lexical {
            self.scopes.push(ScopeKind::Block, self.strict);
        }
        let result = self.walk_for_parts(statement);
        if lexical {
            self.scopes.pop();
        }
        result
    }

    fn walk_for_parts(&mut self, statement: &'a ForStatement) -> EarlyResult {
        match &statement.init {
            Some(ForInit::VariableDeclaration(declaration)) => {
                self.declare_lexical_declaration(declaration)?;
                self.declare_var_declaration(declaration)?;
                self.walk_declarators(declaration)?;
            }
            Some(ForInit::Expression(expression)) => self.walk_expression(expression)?,
            None => {}
        }
        self.walk_optional_expression(statement.test.as_ref())?;
        self.walk_optional_expression(statement.update.as_ref())?;
        self.walk_loop_body(&statement.body)
    }

    /// `for (let/const x in/of ...)`: ForDeclaration's BoundNames are unique, not `let`, and
    /// not in the body's VarDeclaredNames
    /// (<https://tc39.es/ecma262/#sec-for-in-and-for-of-statements-static-semantics-early-errors>).
    fn walk_for_in_of(
        &mut self,
        left: &'a ForHead,
        right: &'a Expression,
        body: &'a Statement,
    ) -> EarlyResult {
        let lexical =
            matches!(left, ForHead::VariableDeclaration(d) if d.kind != VariableKind::Var);
        if lexical {
            self.scopes.push(ScopeKind::Block, self.strict);
        }
        let result = self.walk_for_in_of_parts(left, right, body);
        if lexical {
            self.scopes.pop();
        }
        result
    }

    fn walk_for_in_of_parts(
        &mut self,
        left: &'a ForHead,
        right: &'a Expression,
        body: &'a Statement,
    ) -> EarlyResult {
        match left {
            ForHead::VariableDeclaration(declaration) => {
                self.declare_lexical_declaration(declaration)?;
                self.declare_var_declaration(declaration)?;
                self.walk_declarators(declaration)?;
            }
            ForHead::Pattern(pattern) => self.walk_pattern(pattern)?,
        }
        self.walk_expression(right)?;
        self.walk_loop_body(body)
    }

    fn walk_declarators(&mut self, declaration: &'a VariableDeclaration) -> EarlyResult {
        for declarator in &declaration.declarations {
            self.walk_pattern(&declarator.id)?;
            if let Some(init) = &declarator.init {
                self.walk_root_expression(init)?;
            }
        }
        Ok(())
    }

    // -----------------------------------------------------------------------------------------
    // Functions and classes
    // -----------------------------------------------------------------------------------------

    /// Any function: its parameters' BoundNames may not occur in the body's
    /// LexicallyDeclaredNames
    /// (<https://tc39.es/ecma262/#sec-function-definitions-static-semantics-early-errors>,
    /// <https://tc39.es/ecma262/#sec-arrow-function-definitions-static-semantics-early-errors>
    /// and the generator/async counterparts). The parser checks `"use strict"` against
    /// non-simple parameters and duplicate parameters.
    fn walk_function(&mut self, function: &'a Function) -> EarlyResult {
        self.descend(|| function.span)?;
        let result = self.walk_function_scopes(function);
        self.ascend();
        result
    }

    fn walk_function_scopes(&mut self, function: &'a Function) -> EarlyResult {
        let context = self.context.for_function(function.kind);
        let frame = self.enter_frame(context, function.body.strict);
        self.scopes.push(ScopeKind::Params, self.strict);
        let result = self.walk_function_parts(function);
        self.scopes.pop();
        self.leave_frame(frame);
        result
    }

    fn walk_function_parts(&mut self, function: &'a Function) -> EarlyResult {
        let params = &function.params;
        // The parameters' scope serves only the body's check_against_parent: no `var` stops
        // at it and a nested scope only links past it. A body that declares nothing lexically
        // at its top level cannot conflict with them, so most functions skip registering them.
        if declares_lexically(&function.body.statements) {
            let scopes = &mut self.scopes;
            for param in params.items.iter().chain(params.rest.as_deref()) {
                try_for_each_bound_name(param, &mut |id| {
                    scopes.declare_lexical(id, LexicalKind::Other)
                })?;
            }
        }
        for param in params.items.iter().chain(params.rest.as_deref()) {
            self.walk_pattern(param)?;
        }
        if function.is_arrow() {
            // `await` is an identifier in a non-async arrow's body even inside a static block.
            self.context.await_forbidden = false;
        }
        self.var_scope = self.scopes.push(ScopeKind::Var, self.strict);
        let result = self.walk_scope_body(&function.body.statements, ListKind::TopLevel);
        self.scopes.pop();
        result
    }

    /// The body of a function or catch clause, whose lexical names may not repeat the names
    /// bound by the parameters in the parent scope.
    fn walk_scope_body(&mut self, body: &'a [Statement], kind: ListKind) -> EarlyResult {
        self.declare_statement_list(body, kind)?;
        self.scopes.check_against_parent()?;
        for statement in body {
            self.walk_statement(statement)?;
        }
        Ok(())
    }

    /// ClassDeclaration / ClassExpression: the heritage is evaluated outside the class's
    /// private environment, the element names and bodies inside it
    /// (<https://tc39.es/ecma262/#sec-class-definitions-static-semantics-early-errors>).
    fn walk_class(&mut self, class: &'a Class) -> EarlyResult {
        if let Some(id) = &class.id {
            self.context.check_identifier(id)?;
        }
        self.descend(|| class.span)?;
        let outer_strict = std::mem::replace(&mut self.strict, true);
        let result = self.walk_class_parts(class);
        self.strict = outer_strict;
        self.ascend();
        result
    }

    fn walk_class_parts(&mut self, class: &'a Class) -> EarlyResult {
        if let Some(heritage) = &class.super_class {
            self.walk_expression(heritage)?;
        }
        self.private.enter_class(&class.body)?;
        let result = self.walk_class_elements(&class.body);
        self.private.leave_class();
        result
    }

    fn walk_class_elements(&mut self, elements: &'a [ClassElement]) -> EarlyResult {
        for element in elements {
            self.walk_class_element(element)?;
        }
        Ok(())
    }

    fn walk_class_element(&mut self, element: &'a ClassElement) -> EarlyResult {
        match element {
            ClassElement::Method { key, value, .. } => {
                self.walk_property_key(key)?;
                self.walk_function(value)
            }
            ClassElement::Field { key, value, .. } => {
                self.walk_property_key(key)?;
                let Some(value) = value else {
                    return Ok(());
                };
                // FieldDefinition: no `arguments`, no `super()`; labels do not cross in.
                let frame = self.enter_frame(Context::field_initializer(), true);
                let result = self.walk_expression(value);
                self.leave_frame(frame);
                result
            }
            ClassElement::StaticBlock { body, .. } => {
                let frame = self.enter_frame(Context::static_block(), true);
                self.var_scope = self.scopes.push(ScopeKind::Var, true);
                let result = self.walk_statement_list(body, ListKind::TopLevel);
                self.scopes.pop();
                self.leave_frame(frame);
                result
            }
        }
    }

    fn walk_property_key(&mut self, key: &'a PropertyKey) -> EarlyResult {
        match key {
            PropertyKey::Computed(expression) => self.walk_expression(expression),
            _ => Ok(()),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Patterns and expressions
    // -----------------------------------------------------------------------------------------

    /// A binding pattern or assignment target: its identifiers, default values and computed
    /// keys.
    fn walk_pattern(&mut self, pattern: &'a Pattern) -> EarlyResult {
        self.descend(|| pattern.span())?;
        let result = self.walk_pattern_inner(pattern);
        self.ascend();
        result
    }

    fn walk_pattern_inner(&mut self, pattern: &'a Pattern) -> EarlyResult {
        match pattern {
            Pattern::Identifier(id) => self.context.check_identifier(id),
            Pattern::Member(expression) => self.walk_expression(expression),
            Pattern::Object(object) => {
                for property in &object.properties {
                    self.walk_property_key(&property.key)?;
                    self.walk_pattern(&property.value)?;
                }
                match &object.rest {
                    Some(rest) => self.walk_pattern(rest),
                    None => Ok(()),
                }
            }
            Pattern::Array(array) => {
                for element in array.elements.iter().flatten() {
                    self.walk_pattern(element)?;
                }
                match &array.rest {
                    Some(rest) => self.walk_pattern(rest),
                    None => Ok(()),
                }
            }
            Pattern::Assignment(assignment) => {
                self.walk_pattern(&assignment.target)?;
                self.walk_expression(&assignment.default)
            }
        }
    }

    fn walk_optional_expression(&mut self, expression: Option<&'a Expression>) -> EarlyResult {
        match expression {
            Some(expression) => self.walk_expression(expression),
            None => Ok(()),
        }
    }

    /// An expression directly under a statement: skipped when nothing inside it is marked
    /// (see [`Marks`]).
    fn walk_root_expression(&mut self, expression: &'a Expression) -> EarlyResult {
        if let Some(marks) = self.marks {
            if !marks.any_within(expression.span(), &mut self.mark_cursor) {
                return Ok(());
            }
        }
        self.walk_expression(expression)
    }

    fn walk_expression(&mut self, expression: &'a Expression) -> EarlyResult {
        self.descend(|| expression.span())?;
        let result = self.walk_expression_inner(expression);
        self.ascend();
        result
    }

    fn walk_arguments(&mut self, arguments: &'a [Argument]) -> EarlyResult {
        for argument in arguments {
            match argument {
                Argument::Expression(e) | Argument::Spread(SpreadElement { argument: e, .. }) => {
                    self.walk_expression(e)?
                }
            }
        }
        Ok(())
    }

    fn walk_member_property(&mut self, property: &'a MemberProperty) -> EarlyResult {
        match property {
            MemberProperty::Identifier(_) => Ok(()),
            MemberProperty::Computed(expression) => self.walk_expression(expression),
            MemberProperty::PrivateName(id) => self.private.check_reference(id),
        }
    }

    /// Every arm is one call: debug builds give each arm's temporaries their own stack slots,
    /// and this function is on the stack once per nesting level.
    fn walk_expression_inner(&mut self, expression: &'a Expression) -> EarlyResult {
        match expression {
            Expression::This(_) | Expression::Literal(_) | Expression::ImportMeta(_) => Ok(()),
            Expression::Identifier(id) => self.context.check_identifier(id),
            Expression::Template(template) => self.walk_expressions(&template.expressions),
            Expression::TaggedTemplate(tagged) => self.walk_tagged_template(tagged),
            Expression::Array(array) => self.walk_array(array),
            Expression::Object(object) => self.walk_object(object),
            Expression::Function(function) | Expression::Arrow(function) => {
                self.walk_function(function)
            }
            Expression::Class(class) => self.walk_class(class),
            Expression::Unary(unary) => self.walk_expression(&unary.argument),
            Expression::Update(update) => self.walk_expression(&update.argument),
            Expression::Binary(binary) => self.walk_two(&binary.left, &binary.right),
            Expression::PrivateIn(private_in) => self.walk_private_in(private_in),
            Expression::Logical(logical) => self.walk_two(&logical.left, &logical.right),
            Expression::Conditional(conditional) => self.walk_conditional(conditional),
            Expression::Assignment(assignment) => self.walk_assignment(assignment),
            Expression::Sequence(sequence) => self.walk_expressions(&sequence.expressions),
            Expression::Member(member) => self.walk_member(member),
            Expression::Call(call) => self.walk_call(&call.callee, &call.arguments),
            Expression::OptionalChain(chain) => self.walk_expression(&chain.expression),
            Expression::New(new) => self.walk_call(&new.callee, &new.arguments),
            Expression::SuperMember(member) => self.walk_super_member(member),
            Expression::SuperCall(call) => self.walk_super_call(call),
            Expression::NewTarget(span) => self.context.check_new_target(*span),
            Expression::ImportCall(import) => self.walk_import_call(import),
            Expression::Yield(y) => self.walk_optional_expression(y.argument.as_ref()),
            Expression::Await(a) => self.walk_await(a),
            Expression::Parenthesized(p) => self.walk_expression(&p.expression),
        }
    }

    fn walk_two(&mut self, first: &'a Expression, second: &'a Expression) -> EarlyResult {
        self.walk_expression(first)?;
        self.walk_expression(second)
    }

    fn walk_tagged_template(&mut self, tagged: &'a TaggedTemplateExpression) -> EarlyResult {
        self.walk_expression(&tagged.tag)?;
        self.walk_expressions(&tagged.quasi.expressions)
    }

    fn walk_array(&mut self, array: &'a ArrayExpression) -> EarlyResult {
        for element in &array.elements {
            match element {
                ArrayElement::Hole(_) => {}
                ArrayElement::Expression(e)
                | ArrayElement::Spread(SpreadElement { argument: e, .. }) => {
                    self.walk_expression(e)?
                }
            }
        }
        Ok(())
    }

    fn walk_object(&mut self, object: &'a ObjectExpression) -> EarlyResult {
        for property in &object.properties {
            match property {
                ObjectProperty::KeyValue { key, value, .. } => {
                    self.walk_property_key(key)?;
                    self.walk_expression(value)?;
                }
                ObjectProperty::Method { key, value, .. } => {
                    self.walk_property_key(key)?;
                    self.walk_function(value)?;
                }
                ObjectProperty::Spread(spread) => self.walk_expression(&spread.argument)?,
            }
        }
        Ok(())
    }

    fn walk_private_in(&mut self, private_in: &'a PrivateInExpression) -> EarlyResult {
        self.private.check_reference(&private_in.name)?;
        self.walk_expression(&private_in.right)
    }

    fn walk_conditional(&mut self, conditional: &'a ConditionalExpression) -> EarlyResult {
        self.walk_expression(&conditional.test)?;
        self.walk_two(&conditional.consequent, &conditional.alternate)
    }

    fn walk_assignment(&mut self, assignment: &'a AssignmentExpression) -> EarlyResult {
        self.walk_pattern(&assignment.target)?;
        self.walk_expression(&assignment.value)
    }

    fn walk_member(&mut self, member: &'a MemberExpression) -> EarlyResult {
        self.walk_expression(&member.object)?;
        self.walk_member_property(&member.property)
    }

    fn walk_call(&mut self, callee: &'a Expression, arguments: &'a [Argument]) -> EarlyResult {
        self.walk_expression(callee)?;
        self.walk_arguments(arguments)
    }

    fn walk_super_member(&mut self, member: &'a SuperMemberExpression) -> EarlyResult {
        self.context.check_super_property(member.span)?;
        self.walk_member_property(&member.property)
    }

    fn walk_super_call(&mut self, call: &'a SuperCallExpression) -> EarlyResult {
        self.context.check_super_call(call.span)?;
        self.walk_arguments(&call.arguments)
    }

    fn walk_import_call(&mut self, import: &'a ImportCallExpression) -> EarlyResult {
        self.walk_expression(&import.source)?;
        self.walk_optional_expression(import.options.as_ref())
    }

    fn walk_await(&mut self, expression: &'a AwaitExpression) -> EarlyResult {
        self.context.check_await_expression(expression.span)?;
        self.walk_expression(&expression.argument)
    }

    fn walk_expressions(&mut self, expressions: &'a [Expression]) -> EarlyResult {
        for expression in expressions {
            self.walk_expression(expression)?;
        }
        Ok(())
    }
}

/// Whether the top level of a function body has LexicallyDeclaredNames: a let/const/using
/// declaration or a named class (its function declarations are var-scoped there), as
/// [`Checker::declare_statement`] registers them for a [`ListKind::TopLevel`] list.
/// <https://tc39.es/ecma262/#sec-function-definitions-static-semantics-lexicallydeclarednames>
fn declares_lexically(body: &[Statement]) -> bool {
    body.iter().any(|statement| match statement {
        Statement::VariableDeclaration(declaration) => declaration.kind != VariableKind::Var,
        Statement::ClassDeclaration(class) => class.id.is_some(),
        _ => false,
    })
}
