//! The bytecode compiler: turns the parser's AST, together with the [scope
//! analysis](crate::scope), into realm-independent [`CodeBlock`]s.
//!
//! One [`FunctionCompiler`](emit::FunctionCompiler) per function body; nested functions are
//! compiled recursively into `CodeBlock::functions` of their parent. Frame layout: registers
//! `0..param_count` receive the arguments, then the binding registers the scope analysis
//! assigned (offset by `param_count`), then temporaries, allocated and freed LIFO.
//!
//! Module map: [`emit`] (registers, constants, jumps, handlers, positions), `bindings`
//! (identifier resolution, scope entry and declaration instantiation), `expr`, `call`,
//! `assign` (references, assignment, update), `pattern` (destructuring), `stmt`, `control`
//! (break/continue/return routing through `finally` and iterator closing), `function`
//! (function prologues, closures), `class`, `program` (scripts, modules, eval).

mod assign;
mod bindings;
mod call;
mod class;
mod control;
pub(crate) mod emit;
mod expr;
mod function;
mod pattern;
mod program;
mod stmt;
mod tail;
#[cfg(test)]
mod tests;
mod using;

use std::sync::Arc;

use moat_parser::ast;

use crate::code::CodeBlock;
pub use crate::isa::ErrorKind;

/// Why a program could not be compiled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub message: String,
    /// `SyntaxError`, or `RangeError` for limits ("function too large", nesting).
    pub kind: ErrorKind,
}

impl CompileError {
    pub(crate) fn range(message: &str) -> Self {
        CompileError {
            message: message.to_string(),
            kind: ErrorKind::RangeError,
        }
    }

    pub(crate) fn syntax(message: &str) -> Self {
        CompileError {
            message: message.to_string(),
            kind: ErrorKind::SyntaxError,
        }
    }
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.kind, self.message)
    }
}

impl std::error::Error for CompileError {}

impl From<crate::scope::ScopeError> for CompileError {
    fn from(e: crate::scope::ScopeError) -> Self {
        CompileError::range(&e.to_string())
    }
}

pub(crate) type CResult<T = ()> = Result<T, CompileError>;

/// Compiles a Script (<https://tc39.es/ecma262/#sec-runtime-semantics-scriptevaluation>): the
/// block starts with `DeclareGlobals` and returns the script's completion value.
pub fn compile_script(
    script: &ast::Script,
    source: &str,
    file: &str,
) -> Result<Arc<CodeBlock>, CompileError> {
    let analysis = crate::scope::analyze_script(script)?;
    program::script(script, &analysis, source, file, false).map(Arc::new)
}

/// Compiles a Module: imports and exports are recorded in a `Constant::Module` (constant 0)
/// for the loader to link; the body runs in the module environment (`entry_scope`).
pub fn compile_module(
    module: &ast::Module,
    source: &str,
    file: &str,
) -> Result<Arc<CodeBlock>, CompileError> {
    let analysis = crate::scope::analyze_module(module)?;
    program::module(module, &analysis, source, file).map(Arc::new)
}

/// Compiles a function made by CreateDynamicFunction
/// (<https://tc39.es/ecma262/#sec-createdynamicfunction>). The result is a wrapper block
/// whose only nested function (index 0) is the function; running the wrapper returns a
/// closure over the global environment.
pub fn compile_function(
    f: &ast::Function,
    source: &str,
    file: &str,
) -> Result<Arc<CodeBlock>, CompileError> {
    let analysis = crate::scope::analyze_function(f)?;
    program::dynamic_function(f, &analysis, source, file).map(Arc::new)
}

/// Compiles eval code (<https://tc39.es/ecma262/#sec-performeval>). `direct` eval code
/// resolves names it does not declare dynamically through the caller's environments (the VM
/// runs it on top of the caller's environment chain); its `var`s and functions are
/// instantiated by `DeclareGlobals` (EvalDeclarationInstantiation) in the caller's variable
/// environment unless the code is strict.
pub fn compile_eval(
    script: &ast::Script,
    source: &str,
    file: &str,
    strict_caller: bool,
    direct: bool,
) -> Result<Arc<CodeBlock>, CompileError> {
    let analysis = crate::scope::analyze_eval(
        script,
        crate::scope::EvalOptions {
            direct,
            strict_caller,
        },
    )?;
    program::script(script, &analysis, source, file, true).map(Arc::new)
}
