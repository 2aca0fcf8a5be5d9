#![forbid(unsafe_code)]
//! `bench-compare`: times JavaScript benchmark files under QuickJS (through `rquickjs`) so that
//! moat's VM can be compared with a mature bytecode interpreter on the same programs.
//!
//! The library holds the pieces the binary wires together; each lives in its own module.

pub mod args;
pub mod json;
pub mod runner;
pub mod stats;
