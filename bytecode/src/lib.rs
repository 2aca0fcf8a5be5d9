//! Register bytecode and the compiler from the AST (filled by the VM issue).
#![forbid(unsafe_code)]
