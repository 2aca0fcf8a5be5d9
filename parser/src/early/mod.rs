//! The early-error pass: static-semantics rules of ECMA-262 that need more than the token
//! stream, checked in one walk over the finished AST.
//!
//! The parser reports the errors tied to grammar parameters and single productions (reserved
//! words, strict-mode restrictions, assignment targets, ...). This pass reports the rest:
//! declaration conflicts in each scope ([`scope`]), label and jump targets ([`labels`]), private
//! names ([`private_names`]), where `super`, `new.target`, `arguments` and `await` may occur
//! ([`context`]) and module exports ([`module`]). The traversal itself lives in [`walk`].

mod context;
mod labels;
mod marks;
mod module;
mod private_names;
mod scope;
#[cfg(test)]
mod tests;
mod walk;

pub(crate) use marks::Marks;

use crate::ast::{Function, Module, Script};
use crate::{ParseOptions, Span};

/// A static-semantics early error; the caller turns it into a `SyntaxError` with a position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct EarlyError {
    pub message: String,
    pub span: Span,
}

impl EarlyError {
    pub(crate) fn new(message: impl Into<String>, span: Span) -> Self {
        EarlyError {
            message: message.into(),
            span,
        }
    }
}

pub(crate) type EarlyResult = Result<(), EarlyError>;

/// What the checker may assume about private names declared outside the code it sees.
#[derive(Clone, Copy, Debug)]
pub(crate) enum OuterPrivateNames<'n> {
    /// Ordinary scripts and modules: no enclosing class, so every `#x` must be declared inside.
    None,
    /// Direct eval inside class bodies: these names (without `#`) are declared around the code.
    Known(&'n [&'n str]),
}

/// Checks the early errors of a Script
/// (<https://tc39.es/ecma262/#sec-scripts-static-semantics-early-errors>). For eval code the
/// `options` describe the surrounding context (`new.target`, `super`, class field initialiser).
/// `marks`, when the parser recorded them, let the walk skip expressions that cannot hold an
/// early error.
pub(crate) fn check_script(
    script: &Script,
    options: &ParseOptions,
    marks: Option<&Marks>,
) -> EarlyResult {
    check_script_with_private_names(script, options, OuterPrivateNames::None, marks)
}

/// [`check_script`] for direct eval code, which may use private names of enclosing classes
/// (<https://tc39.es/ecma262/#sec-performeval> step 11 passes them to the parser).
pub(crate) fn check_script_with_private_names(
    script: &Script,
    options: &ParseOptions,
    outer: OuterPrivateNames<'_>,
    marks: Option<&Marks>,
) -> EarlyResult {
    let mut checker = walk::Checker::new(options, outer, marks);
    checker.check_script(script)
}

/// Checks the early errors of a Module
/// (<https://tc39.es/ecma262/#sec-module-semantics-static-semantics-early-errors>).
pub(crate) fn check_module(
    module: &Module,
    options: &ParseOptions,
    marks: Option<&Marks>,
) -> EarlyResult {
    let options = ParseOptions {
        strict: true,
        allow_new_target: false,
        allow_super_property: false,
        allow_super_call: false,
        in_class_field_init: false,
        ..*options
    };
    let mut checker = walk::Checker::new(&options, OuterPrivateNames::None, marks);
    checker.check_module(module)
}

/// Checks a function built by `CreateDynamicFunction` from separately parsed parameters and
/// body (<https://tc39.es/ecma262/#sec-createdynamicfunction>): the function is checked as if it
/// were a whole FunctionExpression at the top level of a script.
pub(crate) fn check_function(function: &Function) -> EarlyResult {
    let options = ParseOptions::default();
    let mut checker = walk::Checker::new(&options, OuterPrivateNames::None, None);
    checker.check_standalone_function(function)
}
