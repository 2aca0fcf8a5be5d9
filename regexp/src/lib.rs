//! RegExp pattern syntax: flags, the typed pattern AST and its parser with
//! every early error of ECMA-262 (and, later, the interruptible matcher).
//!
//! Entry points: [`Flags::parse`], [`parse_pattern`] and [`validate`].
#![forbid(unsafe_code)]

pub mod ast;
mod error;
mod flags;
mod group_names;
mod parser;
pub mod properties;
mod property_tables;
mod source;

pub use ast::Pattern;
pub use error::PatternError;
pub use flags::Flags;
pub use parser::{MAX_CLASS_NESTING, MAX_NESTING};

use parser::{Mode, Parser};
use source::Source;
use std::collections::HashMap;

/// Parse a pattern per <https://tc39.es/ecma262/#sec-patterns> (with Annex B
/// <https://tc39.es/ecma262/#sec-regular-expressions-patterns> when neither
/// `u` nor `v` is set), with all early errors
/// (<https://tc39.es/ecma262/#sec-patterns-static-semantics-early-errors>).
///
/// Follows <https://tc39.es/ecma262/#sec-parsepattern>: without `u`/`v` the
/// pattern is first read with `[~NamedCaptureGroups]` and re-read with
/// `[+NamedCaptureGroups]` if it has a group name. The re-read also knows
/// the capture count, which Annex B needs to tell `\N` backreferences from
/// legacy octal escapes.
pub fn parse_pattern(body: &str, flags: Flags) -> Result<Pattern, PatternError> {
    let unicode = flags.unicode_mode();
    let source = Source::new(body, unicode);
    let mode = Mode {
        unicode,
        unicode_sets: flags.unicode_sets,
        named_groups: unicode,
        total_captures: None,
    };
    let mut first = Parser::new(&source, mode);
    let first_body = first.parse()?;
    let reparse = !unicode && (!first.named_groups.is_empty() || !first.decimal_escapes.is_empty());
    if !reparse {
        return finish(first, first_body, unicode);
    }
    let mut second = Parser::new(
        &source,
        Mode {
            named_groups: !first.named_groups.is_empty(),
            total_captures: Some(first.captures),
            ..mode
        },
    );
    let second_body = second.parse()?;
    finish(second, second_body, unicode)
}

/// The early errors that need the whole pattern: backreferences to missing
/// groups and duplicate group names.
fn finish(
    parser: Parser<'_>,
    body: ast::Disjunction,
    unicode: bool,
) -> Result<Pattern, PatternError> {
    // 1. `\N` beyond the number of groups (only reachable with `u`/`v`:
    //    Annex B re-reads such escapes as octal or identity escapes).
    if unicode {
        if let Some(&(_, offset)) = parser
            .decimal_escapes
            .iter()
            .find(|(value, _)| *value > parser.captures)
        {
            return Err(PatternError::new("invalid backreference", offset));
        }
    }
    // 2. Duplicate names that might both participate; comparing each group
    //    with the previous one of the same name suffices (see group_names).
    let mut last_of_name: HashMap<&str, usize> = HashMap::new();
    for group in &parser.named_groups {
        if let Some(previous) = last_of_name.insert(&group.name, group.alternative) {
            if parser
                .alternatives()
                .might_both_participate(previous, group.alternative)
            {
                return Err(PatternError::new(
                    format!("duplicate capture group name '{}'", group.name),
                    group.offset,
                ));
            }
        }
    }
    // 3. `\k<name>` with no group of that name.
    if let Some((name, offset)) = parser
        .named_references
        .iter()
        .find(|(name, _)| !last_of_name.contains_key(name.as_str()))
    {
        return Err(PatternError::new(
            format!("undefined capture group name '{name}'"),
            *offset,
        ));
    }
    Ok(Pattern {
        body,
        capture_count: parser.captures,
        group_names: parser
            .named_groups
            .iter()
            .map(|g| (g.name.clone(), g.index))
            .collect(),
    })
}

/// Convenience for the parser: [`Flags::parse`] then [`parse_pattern`]. Flag
/// errors carry offsets into `flags`, pattern errors offsets into `body`.
pub fn validate(body: &str, flags: &str) -> Result<(), PatternError> {
    let flags = Flags::parse(flags)?;
    parse_pattern(body, flags).map(|_| ())
}
