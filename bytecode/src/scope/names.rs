//! Static semantics the analysis needs before walking a scope's contents: BoundNames,
//! ContainsExpression, LexicallyScopedDeclarations, VarDeclaredNames, the top-level function
//! declarations of a var scope, and which block functions Annex B.3.2 also binds as `var`s.

use super::{BindingKind, ScopeError, MAX_DEPTH};
use moat_parser::ast::{
    ForHead, ForInit, ForStatement, Function, Identifier, Pattern, PropertyKey, Statement,
    SwitchStatement, TryStatement, VariableDeclaration, VariableKind,
};
use std::collections::HashSet;

type R<T> = Result<T, ScopeError>;

fn deeper(depth: u32) -> R<u32> {
    if depth >= MAX_DEPTH {
        Err(ScopeError::TooDeep)
    } else {
        Ok(depth + 1)
    }
}

/// <https://tc39.es/ecma262/#sec-static-semantics-boundnames> of a binding pattern.
pub(super) fn bound_names<'a>(p: &'a Pattern, out: &mut Vec<&'a Identifier>, depth: u32) -> R<()> {
    let depth = deeper(depth)?;
    match p {
        Pattern::Identifier(id) => out.push(id),
        Pattern::Member(_) => {}
        Pattern::Object(o) => {
            for prop in &o.properties {
                bound_names(&prop.value, out, depth)?;
            }
            if let Some(rest) = &o.rest {
                bound_names(rest, out, depth)?;
            }
        }
        Pattern::Array(a) => {
            for el in a.elements.iter().flatten() {
                bound_names(el, out, depth)?;
            }
            if let Some(rest) = &a.rest {
                bound_names(rest, out, depth)?;
            }
        }
        Pattern::Assignment(a) => bound_names(&a.target, out, depth)?,
    }
    Ok(())
}

/// BoundNames of every declarator of a declaration.
pub(super) fn declaration_names(v: &VariableDeclaration) -> R<Vec<&Identifier>> {
    let mut out = Vec::new();
    for d in &v.declarations {
        bound_names(&d.id, &mut out, 0)?;
    }
    Ok(out)
}

/// <https://tc39.es/ecma262/#sec-static-semantics-containsexpression>: a default value or a
/// computed key somewhere in the pattern.
pub(super) fn contains_expression(p: &Pattern, depth: u32) -> R<bool> {
    let depth = deeper(depth)?;
    Ok(match p {
        Pattern::Identifier(_) | Pattern::Member(_) => false,
        Pattern::Assignment(_) => true,
        Pattern::Object(o) => {
            for prop in &o.properties {
                if matches!(prop.key, PropertyKey::Computed(_))
                    || contains_expression(&prop.value, depth)?
                {
                    return Ok(true);
                }
            }
            match &o.rest {
                Some(rest) => contains_expression(rest, depth)?,
                None => false,
            }
        }
        Pattern::Array(a) => {
            for el in a.elements.iter().flatten() {
                if contains_expression(el, depth)? {
                    return Ok(true);
                }
            }
            match &a.rest {
                Some(rest) => contains_expression(rest, depth)?,
                None => false,
            }
        }
    })
}

/// The binding kind of a lexical `VariableKind`; `None` for `var`.
pub(super) fn lexical_kind(kind: VariableKind) -> Option<BindingKind> {
    match kind {
        VariableKind::Var => None,
        VariableKind::Let => Some(BindingKind::Let),
        VariableKind::Const => Some(BindingKind::Const),
        VariableKind::Using | VariableKind::AwaitUsing => Some(BindingKind::Using),
    }
}

/// A declaration from LexicallyScopedDeclarations.
#[derive(Clone, Copy, Debug)]
pub(super) struct LexDecl<'a> {
    pub name: &'a Identifier,
    pub kind: BindingKind,
    /// Where the binding becomes initialised: reads before this offset need a TDZ check.
    pub init_point: u32,
    pub function: Option<&'a Function>,
}

/// Strips labels: `l1: l2: function f() {}` declares `f` like the bare declaration.
pub(super) fn unlabel(mut s: &Statement) -> &Statement {
    while let Statement::Labeled(l) = s {
        s = &l.body;
    }
    s
}

/// <https://tc39.es/ecma262/#sec-static-semantics-lexicallyscopeddeclarations> of a statement
/// list. At a function's or script's top level (`top_level`) function declarations are
/// var-scoped instead (TopLevelLexicallyScopedDeclarations).
pub(super) fn lexical_declarations<'a>(
    stmts: &'a [Statement],
    top_level: bool,
    out: &mut Vec<LexDecl<'a>>,
) -> R<()> {
    for s in stmts {
        lexical_declaration(s, top_level, out)?;
    }
    Ok(())
}

/// The lexical declarations of one StatementListItem.
pub(super) fn lexical_declaration<'a>(
    s: &'a Statement,
    top_level: bool,
    out: &mut Vec<LexDecl<'a>>,
) -> R<()> {
    match unlabel(s) {
        Statement::VariableDeclaration(v) => {
            if let Some(kind) = lexical_kind(v.kind) {
                for d in &v.declarations {
                    let mut names = Vec::new();
                    bound_names(&d.id, &mut names, 0)?;
                    out.extend(names.into_iter().map(|name| LexDecl {
                        name,
                        kind,
                        init_point: d.span.end,
                        function: None,
                    }));
                }
            }
        }
        Statement::ClassDeclaration(c) => {
            if let Some(name) = &c.id {
                out.push(LexDecl {
                    name,
                    kind: BindingKind::Class,
                    init_point: c.span.end,
                    function: None,
                });
            }
        }
        Statement::FunctionDeclaration(f) if !top_level => {
            if let Some(name) = &f.id {
                out.push(LexDecl {
                    name,
                    kind: BindingKind::Function,
                    init_point: 0,
                    function: Some(f),
                });
            }
        }
        _ => {}
    }
    Ok(())
}

/// The function declarations of a var scope's top level (TopLevelVarScopedDeclarations),
/// in source order.
pub(super) fn top_level_functions(stmts: &[Statement]) -> Vec<&Function> {
    stmts
        .iter()
        .filter_map(|s| match unlabel(s) {
            Statement::FunctionDeclaration(f) => Some(&**f),
            _ => None,
        })
        .collect()
}

/// FunctionDeclarationInstantiation step 35's functionsToInitialize: the last declaration
/// of each name, in the order of those declarations.
pub(super) fn functions_to_initialize<'a>(functions: &[&'a Function]) -> Vec<&'a Function> {
    let mut seen = HashSet::new();
    let mut out: Vec<&Function> = functions
        .iter()
        .rev()
        .filter(|f| f.id.as_ref().is_none_or(|id| seen.insert(&*id.name)))
        .copied()
        .collect();
    out.reverse();
    out
}

/// The var-scoped names of a body, plus the block functions Annex B.3.2 hoists.
#[derive(Debug, Default)]
pub(super) struct VarScan<'a> {
    /// VarDeclaredNames minus the top-level function declarations.
    pub vars: Vec<&'a Identifier>,
    /// Block-level plain function declarations that also get a `var` binding.
    pub annex_b: Vec<&'a Function>,
}

/// Collects VarDeclaredNames (<https://tc39.es/ecma262/#sec-static-semantics-vardeclarednames>)
/// of a function body, script or static block, and with `annex_b` enabled (sloppy code) the
/// functions of <https://tc39.es/ecma262/#sec-web-compat-functiondeclarationinstantiation>:
/// a block-level plain FunctionDeclaration `f` for which `var f` in its place would not be an
/// early error, i.e. no enclosing block, loop head, `catch (pattern)` or the top level
/// (`blocked`: top-level lexical names and parameter names) declares the name lexically.
pub(super) fn scan_var_scope<'a>(
    stmts: &'a [Statement],
    annex_b: bool,
    blocked: &HashSet<&str>,
) -> R<VarScan<'a>> {
    let mut c = VarCollector {
        out: VarScan::default(),
        annex_b,
        blocked,
        lex_stack: Vec::new(),
    };
    for s in stmts {
        c.statement(s, false, 0)?;
    }
    Ok(c.out)
}

struct VarCollector<'a, 'b> {
    out: VarScan<'a>,
    annex_b: bool,
    blocked: &'b HashSet<&'b str>,
    /// Lexical names of each enclosing block-like construct, innermost last.
    lex_stack: Vec<Vec<&'a str>>,
}

impl<'a> VarCollector<'a, '_> {
    /// `in_block`: the statement is an item of a block or case clause (a function declaration
    /// there is block-scoped).
    fn statement(&mut self, s: &'a Statement, in_block: bool, depth: u32) -> R<()> {
        let depth = deeper(depth)?;
        match s {
            Statement::VariableDeclaration(v) => self.var_declaration(v),
            Statement::Block(b) => self.block(&b.body, depth),
            Statement::If(i) => {
                self.substatement(&i.consequent, depth)?;
                match &i.alternate {
                    Some(alt) => self.substatement(alt, depth),
                    None => Ok(()),
                }
            }
            Statement::With(w) => self.substatement(&w.body, depth),
            Statement::While(w) => self.substatement(&w.body, depth),
            Statement::DoWhile(d) => self.substatement(&d.body, depth),
            Statement::Labeled(l) => self.statement(&l.body, in_block, depth),
            Statement::For(f) => self.for_statement(f, depth),
            Statement::ForIn(f) => self.for_in_of(&f.left, &f.body, depth),
            Statement::ForOf(f) => self.for_in_of(&f.left, &f.body, depth),
            Statement::Switch(sw) => self.switch_statement(sw, depth),
            Statement::Try(t) => self.try_statement(t, depth),
            Statement::FunctionDeclaration(f) if in_block => {
                self.candidate(f);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn for_statement(&mut self, f: &'a ForStatement, depth: u32) -> R<()> {
        let mut pushed = false;
        match &f.init {
            Some(ForInit::VariableDeclaration(v)) if v.kind == VariableKind::Var => {
                self.var_declaration(v)?
            }
            Some(ForInit::VariableDeclaration(v)) => {
                self.push_declaration_names(v)?;
                pushed = true;
            }
            _ => {}
        }
        self.substatement(&f.body, depth)?;
        if pushed {
            self.lex_stack.pop();
        }
        Ok(())
    }

    fn switch_statement(&mut self, sw: &'a SwitchStatement, depth: u32) -> R<()> {
        let mut decls = Vec::new();
        for case in &sw.cases {
            lexical_declarations(&case.consequent, false, &mut decls)?;
        }
        self.lex_stack
            .push(decls.iter().map(|d| &*d.name.name).collect());
        for case in &sw.cases {
            for s in &case.consequent {
                self.statement(s, true, depth)?;
            }
        }
        self.lex_stack.pop();
        Ok(())
    }

    fn try_statement(&mut self, t: &'a TryStatement, depth: u32) -> R<()> {
        self.block(&t.block.body, depth)?;
        if let Some(h) = &t.handler {
            // B.3.4: `catch (e) { var e }` is allowed, so a simple catch parameter does
            // not block hoisting; a destructuring one does.
            let mut names = Vec::new();
            if let Some(p @ (Pattern::Object(_) | Pattern::Array(_))) = &h.param {
                bound_names(p, &mut names, 0)?;
            }
            self.lex_stack
                .push(names.into_iter().map(|n| &*n.name).collect());
            self.block(&h.body.body, depth)?;
            self.lex_stack.pop();
        }
        match &t.finalizer {
            Some(f) => self.block(&f.body, depth),
            None => Ok(()),
        }
    }

    fn var_declaration(&mut self, v: &'a VariableDeclaration) -> R<()> {
        if v.kind == VariableKind::Var {
            self.out.vars.extend(declaration_names(v)?);
        }
        Ok(())
    }

    fn push_declaration_names(&mut self, v: &'a VariableDeclaration) -> R<()> {
        let names = declaration_names(v)?;
        self.lex_stack
            .push(names.into_iter().map(|n| &*n.name).collect());
        Ok(())
    }

    fn for_in_of(&mut self, left: &'a ForHead, body: &'a Statement, depth: u32) -> R<()> {
        let mut pushed = false;
        if let ForHead::VariableDeclaration(v) = left {
            if v.kind == VariableKind::Var {
                self.var_declaration(v)?;
            } else {
                self.push_declaration_names(v)?;
                pushed = true;
            }
        }
        self.substatement(body, depth)?;
        if pushed {
            self.lex_stack.pop();
        }
        Ok(())
    }

    fn block(&mut self, stmts: &'a [Statement], depth: u32) -> R<()> {
        let mut decls = Vec::new();
        lexical_declarations(stmts, false, &mut decls)?;
        self.lex_stack
            .push(decls.iter().map(|d| &*d.name.name).collect());
        for s in stmts {
            self.statement(s, true, depth)?;
        }
        self.lex_stack.pop();
        Ok(())
    }

    /// The body of `if`/loops/`with`; B.3.3 treats `if (x) function f() {}` as if the
    /// declaration were in a block of its own.
    fn substatement(&mut self, s: &'a Statement, depth: u32) -> R<()> {
        if let Statement::FunctionDeclaration(f) = s {
            self.lex_stack
                .push(f.id.iter().map(|id| &*id.name).collect());
            self.candidate(f);
            self.lex_stack.pop();
            Ok(())
        } else {
            self.statement(s, false, depth)
        }
    }

    fn candidate(&mut self, f: &'a Function) {
        if !self.annex_b || f.is_async || f.is_generator {
            return;
        }
        let Some(id) = &f.id else { return };
        let name = &*id.name;
        // The innermost entry is the block declaring `f` itself.
        let enclosing = self
            .lex_stack
            .split_last()
            .map_or(&[][..], |(_, rest)| rest);
        let conflict =
            self.blocked.contains(name) || enclosing.iter().any(|names| names.contains(&name));
        if !conflict {
            self.out.annex_b.push(f);
        }
    }
}
