//! Declarations and scopes: the LexicallyDeclaredNames / VarDeclaredNames rules.
//!
//! Each scope records the names it declares lexically. A `var` (or a var-scoped function)
//! hoists to the nearest var scope and conflicts with every lexical declaration it passes on
//! the way, so every scope's lexical names are registered before its contents are walked;
//! `visible` maps a name to its innermost declaration, linked to the ones it hides, which makes
//! that check O(1) per `var` except across nested simple catch parameters of the same name.

use super::{EarlyError, EarlyResult};
use crate::ast::Identifier;
use crate::fxhash::{FxHashMap, FxHashSet};
use crate::Span;

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

/// One lexically declared name of an open scope.
#[derive(Clone, Copy, Debug)]
struct Entry<'a> {
    name: &'a str,
    /// Index of the declaring scope in [`Scopes::stack`].
    scope: usize,
    binding: LexBinding,
    /// The entry of the same name this one hides (in an enclosing scope), if any.
    shadowed: Option<usize>,
}

#[derive(Clone, Copy, Debug)]
struct Scope {
    kind: ScopeKind,
    strict: bool,
    /// Where this scope's entries start in [`Scopes::entries`]: a scope only declares while it
    /// is innermost, so its entries are contiguous and in declaration order.
    first_entry: usize,
}

/// The stack of scopes open at the walker's position.
///
/// All open scopes' names share one entry stack, and `visible` maps each name to its innermost
/// entry, whose `shadowed` links lead outwards: no map or list is allocated per scope or name.
#[derive(Debug, Default)]
pub(super) struct Scopes<'a> {
    stack: Vec<Scope>,
    entries: Vec<Entry<'a>>,
    visible: FxHashMap<&'a str, usize>,
    /// VarDeclaredNames of the outermost var scope (a module's, for ExportedBindings).
    top_vars: FxHashSet<&'a str>,
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
            first_entry: self.entries.len(),
        });
        self.stack.len() - 1
    }

    /// Closes the innermost scope, making the names it hid visible again.
    pub(super) fn pop(&mut self) {
        let Some(scope) = self.stack.pop() else {
            return;
        };
        let first = scope.first_entry.min(self.entries.len());
        for entry in self.entries.drain(first..).rev() {
            match entry.shadowed {
                Some(outer) => {
                    self.visible.insert(entry.name, outer);
                }
                None => {
                    self.visible.remove(entry.name);
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
        let Some(scope) = self.stack.last() else {
            return Ok(());
        };
        let plain_function = kind == LexicalKind::PlainFunction;
        let name: &'a str = &id.name;
        let shadowed = self.visible.get(name).copied();
        if let Some(existing) = shadowed.and_then(|i| self.entries.get(i)) {
            if existing.scope == index {
                let annex_b = !scope.strict
                    && plain_function
                    && existing.binding.plain_function
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
        }
        self.visible.insert(name, self.entries.len());
        self.entries.push(Entry {
            name,
            scope: index,
            binding: LexBinding {
                span: id.span,
                plain_function,
            },
            shadowed,
        });
        Ok(())
    }

    /// Records a var-scoped name declared at `id` whose var scope is `var_scope`, rejecting it
    /// when a lexical declaration of an enclosed scope binds the same name ("any element of the
    /// LexicallyDeclaredNames of StatementList also occurs in the VarDeclaredNames of
    /// StatementList", <https://tc39.es/ecma262/#sec-block-static-semantics-early-errors> and the
    /// function, script, module, switch and static-block counterparts).
    pub(super) fn declare_var(&mut self, id: &'a Identifier, var_scope: usize) -> EarlyResult {
        let name: &'a str = &id.name;
        // Innermost declaration first; the chain is at most as long as the scope nesting.
        let mut next = self.visible.get(name).copied();
        while let Some(entry) = next.and_then(|i| self.entries.get(i)) {
            if entry.scope < var_scope {
                break;
            }
            match self.stack.get(entry.scope).map(|s| s.kind) {
                // B.3.4: `var e` may redeclare a simple catch parameter `e`.
                Some(ScopeKind::CatchSimple) => {}
                // The var scope's parameters sit below it; vars may shadow them.
                Some(ScopeKind::Params) | None => {}
                Some(_) => {
                    return Err(EarlyError::new(
                        format!("Identifier '{name}' has already been declared"),
                        id.span,
                    ))
                }
            }
            next = entry.shadowed;
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
        let (Some(child), Some(parent)) = (len.checked_sub(1), len.checked_sub(2)) else {
            return Ok(());
        };
        let first = self.stack.get(child).map_or(0, |s| s.first_entry);
        for entry in self.entries.get(first..).unwrap_or_default() {
            // The entry an inner name hides is the nearest enclosing one, so a parent's
            // binding of the same name is exactly the shadowed entry.
            let hides_parent = entry
                .shadowed
                .and_then(|i| self.entries.get(i))
                .is_some_and(|outer| outer.scope == parent);
            if hides_parent {
                return Err(EarlyError::new(
                    format!("Identifier '{}' has already been declared", entry.name),
                    entry.binding.span,
                ));
            }
        }
        Ok(())
    }

    /// Whether the outermost scope declares `name` (lexically or with `var`).
    pub(super) fn top_level_declares(&self, name: &str) -> bool {
        if self.top_vars.contains(name) {
            return true;
        }
        // The outermost declaration of `name` ends the chain.
        let mut next = self.visible.get(name).copied();
        while let Some(entry) = next.and_then(|i| self.entries.get(i)) {
            if entry.scope == 0 {
                return true;
            }
            next = entry.shadowed;
        }
        false
    }
}

pub(super) use crate::pattern::{bound_names, try_for_each_bound_name};
