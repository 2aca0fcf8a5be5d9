//! moat-bytecode: the register instruction set, compiled code blocks, and the compiler from the
//! parser's AST (scope analysis, then code generation).
//!
//! Nothing in this crate knows about the heap: compiled code is plain data shared by every
//! context that runs it.
#![forbid(unsafe_code)]

pub mod code;
pub mod isa;
pub mod scope;
