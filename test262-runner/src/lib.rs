#![forbid(unsafe_code)]
//! The test262 conformance runner of moat. Parse mode checks that every
//! scenario of every test parses (or fails to parse) as its metadata says;
//! run mode evaluates every scenario in a fresh VM context after the harness.
//!
//! The parser is reached through [`parse_mode::SyntaxChecker`], so the
//! runner's logic is tested here with a fake parser and the binary plugs in
//! moat-parser.

pub mod discover;
pub mod exclusions;
pub mod expectations;
pub mod features;
pub mod frontmatter;
pub mod guard;
pub mod parse_mode;
pub mod report;
pub mod run_exclusions;
pub mod run_mode;
pub mod scenario;
pub mod yaml;
