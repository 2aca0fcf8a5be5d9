//! moat-parser: the ECMAScript syntactic grammar.
//!
//! A hand-written recursive-descent parser producing the [`ast`]. Early errors tied to grammar
//! parameters and the token stream are reported while parsing; scope-level early errors live in
//! a separate pass.
#![forbid(unsafe_code)]

pub mod ast;
mod atom;
mod early;
mod error;
mod expression;
mod function;
mod fxhash;
mod module;
mod parser;
mod pattern;
mod statement;
#[cfg(test)]
mod tests;

pub use error::SyntaxError;
pub use moat_lexer::Span;

/// Options for [`parse_script`] and [`parse_module`].
#[derive(Clone, Copy, Debug, Default)]
pub struct ParseOptions {
    /// Start in strict mode (direct eval in strict code, etc.).
    pub strict: bool,
    /// Allow `return` at the top level (REPL).
    pub allow_return: bool,
    /// Allow `new.target` at the top level (eval inside functions).
    pub allow_new_target: bool,
    /// Allow `super.x` at the top level (eval inside methods).
    pub allow_super_property: bool,
    /// Allow `super()` at the top level (eval inside derived constructors).
    pub allow_super_call: bool,
    /// The code is an eval inside a class field initialiser: `arguments` is forbidden.
    pub in_class_field_init: bool,
}

/// The kind of function `CreateDynamicFunction` builds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FunctionKind {
    Normal,
    Generator,
    Async,
    AsyncGenerator,
}

/// Parses `source` as a Script (<https://tc39.es/ecma262/#prod-Script>).
pub fn parse_script(source: &str, options: ParseOptions) -> Result<ast::Script, SyntaxError> {
    let (script, marks) = parser::Parser::parse_script_marked(source, &options)
        .map_err(|e| e.into_syntax_error(source))?;
    early::check_script(&script, &options, Some(&marks))
        .map_err(|e| early_to_syntax_error(e, source))?;
    Ok(script)
}

/// Parses `source` as a Module (<https://tc39.es/ecma262/#prod-Module>).
pub fn parse_module(source: &str, options: ParseOptions) -> Result<ast::Module, SyntaxError> {
    let (module, marks) = parser::Parser::parse_module_marked(source, &options)
        .map_err(|e| e.into_syntax_error(source))?;
    early::check_module(&module, &options, Some(&marks))
        .map_err(|e| early_to_syntax_error(e, source))?;
    Ok(module)
}

/// Parses the source of a direct eval inside a class body: `#names` (without the `#`) declared by
/// the enclosing classes may be used (<https://tc39.es/ecma262/#sec-performeval> step 11).
pub fn parse_eval_script(
    source: &str,
    options: ParseOptions,
    outer_private_names: &[&str],
) -> Result<ast::Script, SyntaxError> {
    let (script, marks) = parser::Parser::parse_script_marked(source, &options)
        .map_err(|e| e.into_syntax_error(source))?;
    early::check_script_with_private_names(
        &script,
        &options,
        early::OuterPrivateNames::Known(outer_private_names),
        Some(&marks),
    )
    .map_err(|e| early_to_syntax_error(e, source))?;
    Ok(script)
}

/// Positions an early error in `source`, the text the checked AST's spans point into.
fn early_to_syntax_error(error: early::EarlyError, source: &str) -> SyntaxError {
    error::PError::new(error.message, error.span).into_syntax_error(source)
}

/// For `new Function(p1, p2, body)`: parses the parameters and the body separately, as
/// CreateDynamicFunction requires (<https://tc39.es/ecma262/#sec-createdynamicfunction>).
pub fn parse_function_parts(
    params: &str,
    body: &str,
    kind: FunctionKind,
) -> Result<ast::Function, SyntaxError> {
    function::parse_function_parts(params, body, kind)
}
