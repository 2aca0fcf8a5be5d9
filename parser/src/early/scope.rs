//! Declarations and scopes: the LexicallyDeclaredNames / VarDeclaredNames rules.
//!
//! Each scope records the names it declares lexically. A `var` (or a var-scoped function)
//! hoists to the nearest var scope and conflicts with every lexical declaration it passes on
//! the way, so every scope's lexical names are registered before its contents are walked;
//! `visible` maps a name to the scopes declaring it, which makes that check O(1) per `var`
//! except across nested simple catch parameters of the same name.

use super::{EarlyError, EarlyResult};
use crate::ast::{Identifier, Pattern};
use crate::Span;
use std::collections::{HashMap, HashSet};

/// What a scope on the stack is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum ScopeKind {
    /// Where `var` declarations land: a function body, a script, a module or a class static
    /// block.
    Var,
    /// A block, a switch's case block or a `for (let ...)` head.
    Block,
    /// The formal parameters of a function; its body is the Var scope just above.
    Params,
    /// `catch (e)`: Annex B lets a `var e` in the catch block redeclare `e`
    /// (<https://tc39.es/ecma262/#sec-variablestatements-in-catch-blocks>).
    CatchSimple,
    /// `catch ([e])` / `catch ({e})`: no redeclaration at all.
    CatchPattern,
}

#[derive(Clone, Copy, Debug)]
struct LexBinding {
    span: Span,
    /// Bound by a plain FunctionDeclaration (not async, not a generator), the only kind
    /// Annex B lets a sloppy block declare twice.
    plain_function: bool,
}

#[derive(Debug)]
struct Scope<'a> {
    kind: ScopeKind,
    strict: bool,
    lexical: HashMap<&'a str, LexBinding>,
    /// Declaration order of `lexical`, for deterministic error reports.
    order: Vec<&'a str>,
}

/// The stack of scopes open at the walker's position.
#[derive(Debug, Default)]
pub(super) struct Scopes<'a> {
    stack: Vec<Scope<'a>>,
    visible: HashMap<&'a str, Vec<usize>>,
    /// VarDeclaredNames of the outermost var scope (a module's, for ExportedBindings).
    top_vars: HashSet<&'a str>,
}

/// How a lexical declaration came about (for the Annex B duplicate-function exception).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum LexicalKind {
    /// let/const/using/class/import, a catch parameter, or an async/generator function.
    Other,
    /// A plain FunctionDeclaration.
    PlainFunction,
}

impl<'a> Scopes<'a> {
    /// Opens a scope and returns its index.
    pub(super) fn push(&mut self, kind: ScopeKind, strict: bool) -> usize {
        self.stack.push(Scope {
            kind,
            strict,
            lexical: HashMap::new(),
            order: Vec::new(),
        });
        self.stack.len() - 1
    }

    /// Closes the innermost scope.
    pub(super) fn pop(&mut self) {
        if let Some(scope) = self.stack.pop() {
            for name in scope.order {
                if let Some(entries) = self.visible.get_mut(name) {
                    entries.pop();
                }
            }
        }
    }

    pub(super) fn top_index(&self) -> usize {
        self.stack.len().saturating_sub(1)
    }

    /// Adds a lexically declared name to the innermost scope, rejecting duplicates
    /// (<https://tc39.es/ecma262/#sec-block-static-semantics-early-errors>: "LexicallyDeclaredNames
    /// of StatementList contains any duplicate entries"), except for the sloppy-mode duplicate
    /// plain functions of <https://tc39.es/ecma262/#sec-block-duplicates-allowed-static-semantics>.
    pub(super) fn declare_lexical(&mut self, id: &'a Identifier, kind: LexicalKind) -> EarlyResult {
        let index = self.top_index();
        let Some(scope) = self.stack.last_mut() else {
            return Ok(());
        };
        let plain_function = kind == LexicalKind::PlainFunction;
        let name: &'a str = &id.name;
        if let Some(existing) = scope.lexical.get_mut(name) {
            let annex_b = !scope.strict
                && plain_function
                && existing.plain_function
                && scope.kind == ScopeKind::Block;
            if annex_b {
                return Ok(());
            }
            // Parameters may repeat in sloppy simple lists; the parser judges those.
            if scope.kind == ScopeKind::Params {
                return Ok(());
            }
            return Err(EarlyError::new(
                format!("Identifier '{name}' has already been declared"),
                id.span,
            ));
        }
        scope.lexical.insert(
            name,
            LexBinding {
                span: id.span,
                plain_function,
            },
        );
        scope.order.push(name);
        self.visible.entry(name).or_default().push(index);
        Ok(())
    }

    /// Records a var-scoped name declared at `id` whose var scope is `var_scope`, rejecting it
    /// when a lexical declaration of an enclosed scope binds the same name ("any element of the
    /// LexicallyDeclaredNames of StatementList also occurs in the VarDeclaredNames of
    /// StatementList", <https://tc39.es/ecma262/#sec-block-static-semantics-early-errors> and the
    /// function, script, module, switch and static-block counterparts).
    pub(super) fn declare_var(&mut self, id: &'a Identifier, var_scope: usize) -> EarlyResult {
        let name: &'a str = &id.name;
        if let Some(entries) = self.visible.get(name) {
            for &index in entries.iter().rev() {
                if index < var_scope {
                    break;
                }
                match self.stack.get(index).map(|s| s.kind) {
                    // B.3.4: `var e` may redeclare a simple catch parameter `e`.
                    Some(ScopeKind::CatchSimple) => continue,
                    // The var scope's parameters sit below it; vars may shadow them.
                    Some(ScopeKind::Params) | None => continue,
                    Some(_) => {
                        return Err(EarlyError::new(
                            format!("Identifier '{name}' has already been declared"),
                            id.span,
                        ))
                    }
                }
            }
        }
        if var_scope == 0 {
            self.top_vars.insert(name);
        }
        Ok(())
    }

    /// Rejects a lexical name of the innermost scope that its parent scope also binds: a
    /// function body's LexicallyDeclaredNames against the BoundNames of its parameters
    /// (<https://tc39.es/ecma262/#sec-function-definitions-static-semantics-early-errors>), and a
    /// catch block's against the BoundNames of the CatchParameter
    /// (<https://tc39.es/ecma262/#sec-try-statement-static-semantics-early-errors>).
    pub(super) fn check_against_parent(&self) -> EarlyResult {
        let len = self.stack.len();
        let (Some(child), Some(parent)) = (
            self.stack.get(len.wrapping_sub(1)),
            self.stack.get(len.wrapping_sub(2)),
        ) else {
            return Ok(());
        };
        for name in &child.order {
            if parent.lexical.contains_key(name) {
                let span = child.lexical.get(name).map(|b| b.span).unwrap_or_default();
                return Err(EarlyError::new(
                    format!("Identifier '{name}' has already been declared"),
                    span,
                ));
            }
        }
        Ok(())
    }

    /// Whether the outermost scope declares `name` (lexically or with `var`).
    pub(super) fn top_level_declares(&self, name: &str) -> bool {
        self.top_vars.contains(name)
            || self
                .stack
                .first()
                .is_some_and(|scope| scope.lexical.contains_key(name))
    }
}

/// BoundNames of a binding pattern (<https://tc39.es/ecma262/#sec-static-semantics-boundnames>).
/// Recursion follows the pattern's nesting, which the parser bounds.
pub(super) fn bound_names<'a>(pattern: &'a Pattern, out: &mut Vec<&'a Identifier>) {
    match pattern {
        Pattern::Identifier(id) => out.push(id),
        Pattern::Member(_) => {}
        Pattern::Object(object) => {
            for property in &object.properties {
                bound_names(&property.value, out);
            }
            if let Some(rest) = &object.rest {
                bound_names(rest, out);
            }
        }
        Pattern::Array(array) => {
            for element in array.elements.iter().flatten() {
                bound_names(element, out);
            }
            if let Some(rest) = &array.rest {
                bound_names(rest, out);
            }
        }
        Pattern::Assignment(assignment) => bound_names(&assignment.target, out),
    }
}
