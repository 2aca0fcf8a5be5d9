#![forbid(unsafe_code)]
//! moat, a JavaScript engine whose contexts cannot be escaped: this crate is
//! its command-line interface, kept in a library so the CLI can be tested
//! in-process (see `tests/tests/cli_check.rs`).

pub mod check;
pub mod cli;
pub mod repl;
pub mod run;
