//! Labels and jump targets: ContainsDuplicateLabels, ContainsUndefinedBreakTarget,
//! ContainsUndefinedContinueTarget and the rules placing `break`/`continue` inside a loop or
//! switch (<https://tc39.es/ecma262/#sec-statement-rules>,
//! <https://tc39.es/ecma262/#sec-break-statement-static-semantics-early-errors>,
//! <https://tc39.es/ecma262/#sec-continue-statement-static-semantics-early-errors>).
//!
//! Labels do not cross function, class field initialiser or static block boundaries, so the
//! walker starts a fresh [`Labels`] at each of them.

use super::{EarlyError, EarlyResult};
use crate::ast::{BreakStatement, ContinueStatement, Identifier, Statement};

#[derive(Clone, Copy, Debug)]
struct Label<'a> {
    name: &'a str,
    /// The label (possibly through further labels) names an IterationStatement, so it is in
    /// the iterationSet of ContainsUndefinedContinueTarget.
    iteration: bool,
}

/// The labels, loops and switches enclosing the walker's position within one function.
#[derive(Debug, Default)]
pub(super) struct Labels<'a> {
    labels: Vec<Label<'a>>,
    loops: u32,
    breakables: u32,
}

impl<'a> Labels<'a> {
    /// Enters `label: body`, rejecting a label already in effect
    /// (<https://tc39.es/ecma262/#sec-static-semantics-containsduplicatelabels>).
    pub(super) fn push_label(&mut self, label: &'a Identifier, body: &Statement) -> EarlyResult {
        let name: &'a str = &label.name;
        if self.labels.iter().any(|l| l.name == name) {
            return Err(EarlyError::new(
                format!("Label '{name}' has already been declared"),
                label.span,
            ));
        }
        self.labels.push(Label {
            name,
            iteration: labels_iteration(body),
        });
        Ok(())
    }

    pub(super) fn pop_label(&mut self) {
        self.labels.pop();
    }

    pub(super) fn enter_loop(&mut self) {
        self.loops = self.loops.saturating_add(1);
        self.breakables = self.breakables.saturating_add(1);
    }

    pub(super) fn leave_loop(&mut self) {
        self.loops = self.loops.saturating_sub(1);
        self.breakables = self.breakables.saturating_sub(1);
    }

    pub(super) fn enter_switch(&mut self) {
        self.breakables = self.breakables.saturating_add(1);
    }

    pub(super) fn leave_switch(&mut self) {
        self.breakables = self.breakables.saturating_sub(1);
    }

    /// `break;` must be inside a loop or switch; `break L;` needs an enclosing label `L`
    /// (<https://tc39.es/ecma262/#sec-break-statement-static-semantics-early-errors>,
    /// ContainsUndefinedBreakTarget).
    pub(super) fn check_break(&self, statement: &BreakStatement) -> EarlyResult {
        match &statement.label {
            None if self.breakables == 0 => Err(EarlyError::new(
                "Illegal break statement: not inside a loop or switch",
                statement.span,
            )),
            None => Ok(()),
            Some(label) if self.labels.iter().any(|l| *l.name == *label.name) => Ok(()),
            Some(label) => Err(EarlyError::new(
                format!("Undefined label '{}'", label.name),
                label.span,
            )),
        }
    }

    /// `continue;` must be inside a loop; `continue L;` needs an enclosing label `L` that
    /// names an iteration statement
    /// (<https://tc39.es/ecma262/#sec-continue-statement-static-semantics-early-errors>,
    /// ContainsUndefinedContinueTarget).
    pub(super) fn check_continue(&self, statement: &ContinueStatement) -> EarlyResult {
        if self.loops == 0 {
            return Err(EarlyError::new(
                "Illegal continue statement: not inside a loop",
                statement.span,
            ));
        }
        let Some(label) = &statement.label else {
            return Ok(());
        };
        match self.labels.iter().rev().find(|l| *l.name == *label.name) {
            Some(found) if found.iteration => Ok(()),
            Some(_) => Err(EarlyError::new(
                format!(
                    "Illegal continue statement: '{}' does not denote an iteration statement",
                    label.name
                ),
                label.span,
            )),
            None => Err(EarlyError::new(
                format!("Undefined label '{}'", label.name),
                label.span,
            )),
        }
    }
}

/// Whether a labelled statement's body is, after any further labels, an IterationStatement.
fn labels_iteration(mut body: &Statement) -> bool {
    loop {
        match body {
            Statement::Labeled(inner) => body = &inner.body,
            Statement::While(_)
            | Statement::DoWhile(_)
            | Statement::For(_)
            | Statement::ForIn(_)
            | Statement::ForOf(_) => return true,
            _ => return false,
        }
    }
}
