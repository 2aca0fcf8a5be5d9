//! Where `super`, `new.target`, `arguments` and `await` may appear: the "Contains
//! SuperProperty / SuperCall / NewTarget", ContainsArguments and ContainsAwait rules of
//! <https://tc39.es/ecma262/#sec-function-definitions-static-semantics-early-errors>,
//! <https://tc39.es/ecma262/#sec-class-definitions-static-semantics-early-errors> and
//! <https://tc39.es/ecma262/#sec-scripts-static-semantics-early-errors>.
//!
//! A [`Context`] describes the innermost non-arrow function-like boundary; arrow functions
//! inherit it because they have no `super`, `new.target` or `arguments` of their own.

use super::{EarlyError, EarlyResult};
use crate::ast::{FunctionKind, Identifier};
use crate::{ParseOptions, Span};

/// What the code at the walker's position may contain.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Context {
    /// `super.x` / `super[x]`: methods, accessors, constructors, field initialisers and
    /// static blocks.
    pub super_property: bool,
    /// `super(...)`: constructors of classes with `extends`.
    pub super_call: bool,
    /// `new.target`: any non-arrow function, field initialisers and static blocks.
    pub new_target: bool,
    /// Class field initialisers and static blocks forbid `arguments` (ContainsArguments).
    pub arguments_forbidden: bool,
    /// Directly inside a class static block, `await` is neither an identifier nor an operator.
    pub await_forbidden: bool,
}

impl Context {
    /// The top level of a Script; eval code inherits these permissions from its caller
    /// (<https://tc39.es/ecma262/#sec-performeval> steps 6 to 9).
    pub(super) fn top_level(options: &ParseOptions) -> Context {
        Context {
            super_property: options.allow_super_property,
            super_call: options.allow_super_call,
            new_target: options.allow_new_target,
            arguments_forbidden: options.in_class_field_init,
            await_forbidden: false,
        }
    }

    /// The body and parameters of a function of `kind` nested in `self`.
    pub(super) fn for_function(self, kind: FunctionKind) -> Context {
        let method = Context {
            super_property: true,
            new_target: true,
            ..Context::default()
        };
        match kind {
            // Arrows see their surroundings; the walker lifts `await_forbidden` for the body,
            // where `await` is an identifier again.
            FunctionKind::Arrow => self,
            FunctionKind::Normal => Context {
                new_target: true,
                ..Context::default()
            },
            FunctionKind::Method
            | FunctionKind::Getter
            | FunctionKind::Setter
            | FunctionKind::ClassConstructor => method,
            FunctionKind::DerivedConstructor => Context {
                super_call: true,
                ..method
            },
        }
    }

    /// A class field initialiser: a method-like function without `arguments` or `super()`
    /// (<https://tc39.es/ecma262/#sec-class-definitions-static-semantics-early-errors>,
    /// FieldDefinition rules).
    pub(super) fn field_initializer() -> Context {
        Context {
            super_property: true,
            new_target: true,
            arguments_forbidden: true,
            ..Context::default()
        }
    }

    /// A class static block (ClassStaticBlockBody rules).
    pub(super) fn static_block() -> Context {
        Context {
            super_property: true,
            new_target: true,
            arguments_forbidden: true,
            await_forbidden: true,
            ..Context::default()
        }
    }

    pub(super) fn check_super_property(&self, span: Span) -> EarlyResult {
        if self.super_property {
            Ok(())
        } else {
            Err(EarlyError::new("'super' keyword unexpected here", span))
        }
    }

    pub(super) fn check_super_call(&self, span: Span) -> EarlyResult {
        if self.super_call {
            Ok(())
        } else {
            Err(EarlyError::new(
                "'super' call is only valid in a derived class constructor",
                span,
            ))
        }
    }

    pub(super) fn check_new_target(&self, span: Span) -> EarlyResult {
        if self.new_target {
            Ok(())
        } else {
            Err(EarlyError::new(
                "new.target expression is not allowed here",
                span,
            ))
        }
    }

    /// An IdentifierReference or BindingIdentifier: `arguments` in field initialisers and
    /// static blocks, `await` directly in static blocks.
    pub(super) fn check_identifier(&self, id: &Identifier) -> EarlyResult {
        if self.arguments_forbidden && &*id.name == "arguments" {
            return Err(EarlyError::new(
                "'arguments' is not allowed in class field initializer or static initialization block",
                id.span,
            ));
        }
        if self.await_forbidden && &*id.name == "await" {
            return Err(EarlyError::new(
                "'await' is not allowed in a class static block",
                id.span,
            ));
        }
        Ok(())
    }

    /// An AwaitExpression directly in a static block (ClassStaticBlockStatementList Contains
    /// await).
    pub(super) fn check_await_expression(&self, span: Span) -> EarlyResult {
        if self.await_forbidden {
            Err(EarlyError::new(
                "'await' is not allowed in a class static block",
                span,
            ))
        } else {
            Ok(())
        }
    }
}
