#![forbid(unsafe_code)]
//! The test262 conformance runner of moat. Parse mode checks that every
//! scenario of every test parses (or fails to parse) as its metadata says;
//! run mode will evaluate tests once the VM exists.
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
pub mod scenario;
pub mod yaml;
