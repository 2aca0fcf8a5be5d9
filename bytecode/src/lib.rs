//! moat-bytecode: the register instruction set, compiled code blocks, and the compiler from the
//! parser's AST (scope analysis, then code generation).
//!
//! Nothing in this crate knows about the heap: compiled code is plain data shared by every
//! context that runs it.
#![forbid(unsafe_code)]

pub mod code;
pub mod compiler;
pub mod disasm;
pub mod isa;
pub mod scope;

pub use compiler::{compile_eval, compile_function, compile_module, compile_script, CompileError};
pub use disasm::disassemble;
