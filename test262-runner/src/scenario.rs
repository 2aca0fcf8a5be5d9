//! Which checks a test262 test has: its scenarios (sloppy, strict, module)
//! and what parse mode expects of each.
//!
//! See test262's INTERPRETING.md, "Strict Mode" and "flags".

use crate::frontmatter::{Frontmatter, Phase};
use std::fmt;

/// How a source text is parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mode {
    /// A Script, source untouched.
    Sloppy,
    /// A Script with `"use strict";\n` prepended.
    Strict,
    /// A Module (always strict).
    Module,
}

impl Mode {
    /// The name used in reports and expectation files.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Sloppy => "sloppy",
            Mode::Strict => "strict",
            Mode::Module => "module",
        }
    }

    /// The inverse of [`Mode::name`].
    pub fn from_name(name: &str) -> Option<Mode> {
        match name {
            "sloppy" => Some(Mode::Sloppy),
            "strict" => Some(Mode::Strict),
            "module" => Some(Mode::Module),
            _ => None,
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The directive INTERPRETING.md prescribes for the strict scenario.
pub const STRICT_PROLOGUE: &str = "\"use strict\";\n";

/// What parsing a scenario must do for the check to pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Parses,
    SyntaxError,
}

/// The scenarios of a test: `module` once as a module, `raw` once untouched,
/// `onlyStrict` strict only, `noStrict` sloppy only, otherwise both.
pub fn modes(frontmatter: &Frontmatter) -> Vec<Mode> {
    let flags = frontmatter.flags;
    if flags.module {
        vec![Mode::Module]
    } else if flags.raw || flags.no_strict {
        vec![Mode::Sloppy]
    } else if flags.only_strict {
        vec![Mode::Strict]
    } else {
        vec![Mode::Sloppy, Mode::Strict]
    }
}

/// Only a parse-phase negative test must fail to parse; resolution and
/// runtime negative tests must parse like any other test.
pub fn expected(frontmatter: &Frontmatter) -> Expected {
    match &frontmatter.negative {
        Some(negative) if negative.phase == Phase::Parse => Expected::SyntaxError,
        _ => Expected::Parses,
    }
}

/// The source text a scenario parses.
pub fn source_for(mode: Mode, source: &str) -> String {
    match mode {
        Mode::Strict => format!("{STRICT_PROLOGUE}{source}"),
        Mode::Sloppy | Mode::Module => source.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::parse_yaml;

    fn modes_of(yaml: &str) -> Vec<Mode> {
        modes(&parse_yaml(yaml).expect("valid"))
    }

    #[test]
    fn default_is_both() {
        assert_eq!(modes_of("description: x"), vec![Mode::Sloppy, Mode::Strict]);
    }

    #[test]
    fn flags_select_scenarios() {
        assert_eq!(modes_of("flags: [module]"), vec![Mode::Module]);
        assert_eq!(modes_of("flags: [module, async]"), vec![Mode::Module]);
        assert_eq!(modes_of("flags: [raw]"), vec![Mode::Sloppy]);
        assert_eq!(modes_of("flags: [noStrict]"), vec![Mode::Sloppy]);
        assert_eq!(modes_of("flags: [onlyStrict]"), vec![Mode::Strict]);
        assert_eq!(modes_of("flags: [async]"), vec![Mode::Sloppy, Mode::Strict]);
    }

    #[test]
    fn only_parse_phase_negatives_must_fail() {
        let parse = parse_yaml("negative:\n  phase: parse\n  type: SyntaxError").expect("ok");
        assert_eq!(expected(&parse), Expected::SyntaxError);
        let runtime = parse_yaml("negative:\n  phase: runtime\n  type: TypeError").expect("ok");
        assert_eq!(expected(&runtime), Expected::Parses);
        let resolution =
            parse_yaml("negative:\n  phase: resolution\n  type: SyntaxError").expect("ok");
        assert_eq!(expected(&resolution), Expected::Parses);
        assert_eq!(expected(&Frontmatter::default()), Expected::Parses);
    }

    #[test]
    fn strict_source_has_the_prologue() {
        assert_eq!(source_for(Mode::Strict, "x"), "\"use strict\";\nx");
        assert_eq!(source_for(Mode::Sloppy, "x"), "x");
        assert_eq!(source_for(Mode::Module, "x"), "x");
    }

    #[test]
    fn mode_names_round_trip() {
        for mode in [Mode::Sloppy, Mode::Strict, Mode::Module] {
            assert_eq!(Mode::from_name(mode.name()), Some(mode));
        }
        assert_eq!(Mode::from_name("raw"), None);
    }
}
