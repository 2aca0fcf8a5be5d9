//! The recursive-descent parser for
//! <https://tc39.es/ecma262/#sec-patterns> (with the Annex B grammar of
//! <https://tc39.es/ecma262/#sec-regular-expressions-patterns> when neither
//! `u` nor `v` is set). This module holds the parser state and the
//! disjunction/term/atom/quantifier/group levels; escapes and classes live
//! in the submodules.

mod class;
mod escape;

use crate::ast::{
    Alternative, Assertion, Atom, CaptureGroup, Disjunction, Lookaround, ModifierFlags, Modifiers,
    Quantifier, Term,
};
use crate::group_names::AlternativeTree;
use crate::source::Source;
use crate::PatternError;
use std::cmp::Ordering;

/// Deepest nesting of groups and lookarounds accepted. Parsing them uses no
/// native stack, but whoever walks the tree recursively does.
pub const MAX_NESTING: u32 = 1000;

/// Deepest nesting of `v`-mode classes accepted; they are parsed
/// recursively, so this bounds the native stack used.
pub const MAX_CLASS_NESTING: u32 = 64;

pub(crate) type Result<T> = std::result::Result<T, PatternError>;

/// A named capturing group as seen by the early-error checks.
pub(crate) struct NamedGroup {
    pub(crate) name: String,
    pub(crate) index: u32,
    pub(crate) alternative: usize,
    pub(crate) offset: usize,
}

/// What an open group will become once closed.
enum GroupKind {
    /// The pattern itself (never closed by `)`).
    Root,
    Capture {
        index: u32,
        name: Option<String>,
    },
    NonCapture {
        modifiers: Option<Modifiers>,
    },
    Lookaround {
        behind: bool,
        negated: bool,
    },
}

/// An open group: its alternatives so far and the terms of the current one.
struct Frame {
    kind: GroupKind,
    /// Position of the `(` (for "unterminated group").
    open: usize,
    alternatives: Vec<Alternative>,
    terms: Vec<Term>,
    parent_alternative: Option<usize>,
    disjunction: usize,
}

impl Frame {
    fn finish(self) -> Disjunction {
        self.into_parts().1
    }

    fn into_parts(mut self) -> (GroupKind, Disjunction) {
        self.alternatives.push(Alternative { terms: self.terms });
        (
            self.kind,
            Disjunction {
                alternatives: self.alternatives,
            },
        )
    }
}

/// How the grammar is parameterised, plus what an earlier pass learnt.
#[derive(Clone, Copy)]
pub(crate) struct Mode {
    /// `[UnicodeMode]`
    pub(crate) unicode: bool,
    /// `[UnicodeSetsMode]`
    pub(crate) unicode_sets: bool,
    /// `[NamedCaptureGroups]`
    pub(crate) named_groups: bool,
    /// CountLeftCapturingParensWithin(pattern), once known; Annex B needs it
    /// to tell backreferences from legacy octal escapes.
    pub(crate) total_captures: Option<u32>,
}

pub(crate) struct Parser<'s> {
    src: &'s Source,
    pos: usize,
    mode: Mode,
    depth: u32,
    class_depth: u32,
    pub(crate) captures: u32,
    disjunctions: usize,
    alternatives: AlternativeTree,
    current_alternative: Option<usize>,
    pub(crate) named_groups: Vec<NamedGroup>,
    /// `\k<name>` references with their offsets.
    pub(crate) named_references: Vec<(String, usize)>,
    /// `\N` backreferences (value, offset).
    pub(crate) decimal_escapes: Vec<(u32, usize)>,
}

fn is_syntax_character(c: u32) -> bool {
    matches!(
        char::from_u32(c),
        Some('^' | '$' | '\\' | '.' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|')
    )
}

fn is_decimal_digit(c: Option<u32>) -> bool {
    matches!(c.and_then(char::from_u32), Some('0'..='9'))
}

/// Compares two runs of decimal digit characters by numeric value, however
/// long they are.
fn compare_decimal(a: &[u32], b: &[u32]) -> Ordering {
    let trim = |s: &[u32]| -> Vec<u32> {
        let start = s
            .iter()
            .position(|&d| d != u32::from('0'))
            .unwrap_or(s.len());
        s.get(start..).map(<[u32]>::to_vec).unwrap_or_default()
    };
    let (a, b) = (trim(a), trim(b));
    a.len().cmp(&b.len()).then_with(|| a.cmp(&b))
}

/// The value of a run of decimal digits, clamped to `u32::MAX`.
fn decimal_value(digits: &[u32]) -> u32 {
    digits.iter().fold(0u32, |acc, &d| {
        acc.saturating_mul(10)
            .saturating_add(d.saturating_sub(u32::from('0')))
    })
}

impl<'s> Parser<'s> {
    pub(crate) fn new(src: &'s Source, mode: Mode) -> Parser<'s> {
        Parser {
            src,
            pos: 0,
            mode,
            depth: 0,
            class_depth: 0,
            captures: 0,
            disjunctions: 0,
            alternatives: AlternativeTree::default(),
            current_alternative: None,
            named_groups: Vec::new(),
            named_references: Vec::new(),
            decimal_escapes: Vec::new(),
        }
    }

    pub(crate) fn alternatives(&self) -> &AlternativeTree {
        &self.alternatives
    }

    // ---- cursor helpers -------------------------------------------------

    fn peek(&self) -> Option<u32> {
        self.src.get(self.pos)
    }

    fn peek_at(&self, ahead: usize) -> Option<u32> {
        self.src.get(self.pos.saturating_add(ahead))
    }

    fn peek_is(&self, c: char) -> bool {
        self.peek() == Some(u32::from(c))
    }

    fn peek_at_is(&self, ahead: usize, c: char) -> bool {
        self.peek_at(ahead) == Some(u32::from(c))
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek_is(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn error_at(&self, message: impl Into<String>, pos: usize) -> PatternError {
        PatternError::new(message, self.src.offset(pos))
    }

    fn error(&self, message: impl Into<String>) -> PatternError {
        self.error_at(message, self.pos)
    }

    fn enter(&mut self) -> Result<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.error("too much nesting in regular expression"));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn enter_class(&mut self) -> Result<()> {
        self.class_depth += 1;
        if self.class_depth > MAX_CLASS_NESTING {
            return Err(self.error("too much nesting in regular expression"));
        }
        Ok(())
    }

    fn leave_class(&mut self) {
        self.class_depth = self.class_depth.saturating_sub(1);
    }

    // ---- grammar --------------------------------------------------------

    /// `Pattern :: Disjunction`. Groups are handled with an explicit stack
    /// of open groups rather than recursion, so nesting costs no native
    /// stack.
    pub(crate) fn parse(&mut self) -> Result<Disjunction> {
        let mut root = self.open_frame(GroupKind::Root, 0);
        let mut stack: Vec<Frame> = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                if let Some(open) = stack.last().map(|f| f.open) {
                    return Err(self.error_at("unterminated group", open));
                }
                return Ok(root.finish());
            };
            match char::from_u32(c) {
                Some('|') => {
                    self.pos += 1;
                    let frame = stack.last_mut().unwrap_or(&mut root);
                    frame.alternatives.push(Alternative {
                        terms: std::mem::take(&mut frame.terms),
                    });
                    self.current_alternative = Some(
                        self.alternatives
                            .add(frame.parent_alternative, frame.disjunction),
                    );
                }
                Some(')') => {
                    let Some(frame) = stack.pop() else {
                        return Err(self.error("unmatched ')'"));
                    };
                    self.pos += 1;
                    self.leave();
                    self.current_alternative = frame.parent_alternative;
                    let term = self.close_group(frame)?;
                    stack.last_mut().unwrap_or(&mut root).terms.push(term);
                }
                Some('(') => {
                    let open = self.pos;
                    self.enter()?;
                    let kind = self.group_opening()?;
                    stack.push(self.open_frame(kind, open));
                }
                _ => {
                    let term = self.term()?;
                    stack.last_mut().unwrap_or(&mut root).terms.push(term);
                }
            }
        }
    }

    /// Starts a new disjunction (and its first alternative) for a group.
    fn open_frame(&mut self, kind: GroupKind, open: usize) -> Frame {
        let disjunction = self.disjunctions;
        self.disjunctions += 1;
        let parent_alternative = self.current_alternative;
        self.current_alternative = Some(self.alternatives.add(parent_alternative, disjunction));
        Frame {
            kind,
            open,
            alternatives: Vec::new(),
            terms: Vec::new(),
            parent_alternative,
            disjunction,
        }
    }

    /// The opening of a group at the cursor, through `(`, `(?:`, `(?<name>`,
    /// `(?=`, `(?ims-ims:`, ….
    fn group_opening(&mut self) -> Result<GroupKind> {
        if let Some((behind, negated)) = self.lookaround_opening() {
            self.pos += if behind { 4 } else { 3 };
            return Ok(GroupKind::Lookaround { behind, negated });
        }
        self.pos += 1;
        if !self.eat('?') {
            self.captures = self.captures.saturating_add(1);
            return Ok(GroupKind::Capture {
                index: self.captures,
                name: None,
            });
        }
        if self.peek_is('<') {
            let name_start = self.pos;
            let name = self.group_name()?;
            self.captures = self.captures.saturating_add(1);
            self.named_groups.push(NamedGroup {
                name: name.clone(),
                index: self.captures,
                alternative: self.current_alternative.unwrap_or(0),
                offset: self.src.offset(name_start),
            });
            return Ok(GroupKind::Capture {
                index: self.captures,
                name: Some(name),
            });
        }
        let modifiers = self.modifiers()?;
        Ok(GroupKind::NonCapture { modifiers })
    }

    /// The term a closed group forms, with its quantifier if any.
    fn close_group(&mut self, frame: Frame) -> Result<Term> {
        let (kind, body) = frame.into_parts();
        let atom = match kind {
            GroupKind::Capture { index, name } => Atom::Capture(CaptureGroup { index, name, body }),
            GroupKind::NonCapture { modifiers } => Atom::NonCapture { modifiers, body },
            // The root frame is never closed by `)`.
            GroupKind::Root => Atom::NonCapture {
                modifiers: None,
                body,
            },
            GroupKind::Lookaround { behind, negated } => {
                let lookaround = Lookaround {
                    behind,
                    negated,
                    body,
                };
                // Annex B: QuantifiableAssertion Quantifier (lookaheads only).
                if !behind && !self.mode.unicode {
                    if let Some(quantifier) = self.quantifier()? {
                        return Ok(Term::QuantifiedLookahead {
                            lookaround,
                            quantifier,
                        });
                    }
                } else {
                    self.no_quantifier_after_assertion()?;
                }
                return Ok(Term::Assertion(Assertion::Lookaround(lookaround)));
            }
        };
        Ok(match self.quantifier()? {
            Some(quantifier) => Term::Quantified { atom, quantifier },
            None => Term::Atom(atom),
        })
    }

    /// A `Term` that is not a group.
    fn term(&mut self) -> Result<Term> {
        let start = self.pos;
        let assertion = match self.peek().and_then(char::from_u32) {
            Some('^') => Some(Assertion::Start),
            Some('$') => Some(Assertion::End),
            Some('\\') if self.peek_at_is(1, 'b') => Some(Assertion::WordBoundary),
            Some('\\') if self.peek_at_is(1, 'B') => Some(Assertion::NotWordBoundary),
            _ => None,
        };
        if let Some(assertion) = assertion {
            self.pos += if matches!(assertion, Assertion::Start | Assertion::End) {
                1
            } else {
                2
            };
            self.no_quantifier_after_assertion()?;
            return Ok(Term::Assertion(assertion));
        }
        let atom = self.atom(start)?;
        Ok(match self.quantifier()? {
            Some(quantifier) => Term::Quantified { atom, quantifier },
            None => Term::Atom(atom),
        })
    }

    fn no_quantifier_after_assertion(&mut self) -> Result<()> {
        let at = self.pos;
        if self.quantifier()?.is_some() {
            return Err(self.error_at("nothing to repeat (assertions cannot be quantified)", at));
        }
        Ok(())
    }

    /// Recognises `(?=`, `(?!`, `(?<=`, `(?<!` without consuming them:
    /// `Some((behind, negated))`.
    fn lookaround_opening(&self) -> Option<(bool, bool)> {
        if !self.peek_is('(') || !self.peek_at_is(1, '?') {
            return None;
        }
        let (behind, sign) = if self.peek_at_is(2, '<') {
            (true, self.peek_at(3))
        } else {
            (false, self.peek_at(2))
        };
        match sign.and_then(char::from_u32) {
            Some('=') => Some((behind, false)),
            Some('!') => Some((behind, true)),
            _ => None,
        }
    }

    /// A non-group `Atom` (Annex B `ExtendedAtom` without `u`/`v`); `start`
    /// is the position of its first character.
    fn atom(&mut self, start: usize) -> Result<Atom> {
        let Some(c) = self.peek() else {
            return Err(self.error("unexpected end of pattern"));
        };
        match char::from_u32(c) {
            Some('.') => {
                self.pos += 1;
                Ok(Atom::Dot)
            }
            Some('[') => self.character_class().map(Atom::Class),
            Some('\\') => {
                self.pos += 1;
                self.atom_escape(start)
            }
            Some('*' | '+' | '?') => Err(self.error("nothing to repeat")),
            Some('{') => {
                if self.mode.unicode {
                    return Err(self.error("lone quantifier brackets"));
                }
                // Annex B: `ExtendedAtom :: InvalidBracedQuantifier` is an
                // early error; any other `{` is an ExtendedPatternCharacter.
                if self.braced_quantifier_end().is_some() {
                    return Err(self.error("nothing to repeat"));
                }
                self.pos += 1;
                Ok(Atom::Char(c))
            }
            Some('}' | ']') if self.mode.unicode => {
                Err(self.error("lone quantifier brackets or class bracket"))
            }
            _ => {
                self.pos += 1;
                Ok(Atom::Char(c))
            }
        }
    }

    /// After `(?`: `RegularExpressionModifiers ( - RegularExpressionModifiers )? :`,
    /// with the early errors of
    /// <https://tc39.es/ecma262/#sec-patterns-static-semantics-early-errors>.
    /// Returns `None` for a plain `(?:`.
    fn modifiers(&mut self) -> Result<Option<Modifiers>> {
        let start = self.pos;
        let add = self.modifier_flags()?;
        let has_dash = self.eat('-');
        let remove = if has_dash {
            self.modifier_flags()?
        } else {
            ModifierFlags::default()
        };
        if !self.eat(':') {
            return Err(self.error("invalid group"));
        }
        let empty = ModifierFlags::default();
        if !has_dash {
            return Ok((add != empty).then_some(Modifiers { add, remove }));
        }
        if add == empty && remove == empty {
            return Err(self.error_at("modifier group must change a flag", start));
        }
        if (add.ignore_case && remove.ignore_case)
            || (add.multiline && remove.multiline)
            || (add.dot_all && remove.dot_all)
        {
            return Err(self.error_at("flag both added and removed by modifiers", start));
        }
        Ok(Some(Modifiers { add, remove }))
    }

    fn modifier_flags(&mut self) -> Result<ModifierFlags> {
        let mut flags = ModifierFlags::default();
        loop {
            let slot = match self.peek().and_then(char::from_u32) {
                Some('i') => &mut flags.ignore_case,
                Some('m') => &mut flags.multiline,
                Some('s') => &mut flags.dot_all,
                _ => return Ok(flags),
            };
            if *slot {
                return Err(self.error("repeated flag in modifiers"));
            }
            *slot = true;
            self.pos += 1;
        }
    }

    /// `Quantifier`, if one starts here. Without `u`/`v`, a `{` that does not
    /// start a well-formed braced quantifier is left alone (Annex B
    /// `ExtendedPatternCharacter`).
    fn quantifier(&mut self) -> Result<Option<Quantifier>> {
        let (min, max) = match self.peek().and_then(char::from_u32) {
            Some('*') => {
                self.pos += 1;
                (0, None)
            }
            Some('+') => {
                self.pos += 1;
                (1, None)
            }
            Some('?') => {
                self.pos += 1;
                (0, Some(1))
            }
            Some('{') => match self.braced_quantifier()? {
                Some(bounds) => bounds,
                None => return Ok(None),
            },
            _ => return Ok(None),
        };
        let greedy = !self.eat('?');
        Ok(Some(Quantifier { min, max, greedy }))
    }

    /// The positions of the digit runs of a `{m}`, `{m,}` or `{m,n}` at the
    /// cursor: `(min digits, Some(max digits) | None for "{m,}" | min again
    /// for "{m}", end)`; `None` if the text is not such a quantifier.
    #[allow(clippy::type_complexity)]
    fn braced_quantifier_end(
        &self,
    ) -> Option<((usize, usize), Option<(usize, usize)>, bool, usize)> {
        let mut i = self.pos + 1;
        let digits = |mut i: usize| {
            while is_decimal_digit(self.src.get(i)) {
                i += 1;
            }
            i
        };
        let min_end = digits(i);
        if min_end == i {
            return None;
        }
        let min = (i, min_end);
        i = min_end;
        let (max, comma) = if self.src.get(i) == Some(u32::from(',')) {
            let max_end = digits(i + 1);
            let max = (max_end > i + 1).then_some((i + 1, max_end));
            i = max_end;
            (max, true)
        } else {
            (None, false)
        };
        if self.src.get(i) != Some(u32::from('}')) {
            return None;
        }
        Some((min, max, comma, i + 1))
    }

    /// A braced quantifier's bounds, checking `{n,m}` with `n > m`.
    fn braced_quantifier(&mut self) -> Result<Option<(u32, Option<u32>)>> {
        let Some((min, max, comma, end)) = self.braced_quantifier_end() else {
            if self.mode.unicode {
                return Err(self.error("incomplete quantifier"));
            }
            return Ok(None);
        };
        let slice = |(a, b): (usize, usize)| -> Vec<u32> {
            (a..b).filter_map(|i| self.src.get(i)).collect()
        };
        let min_digits = slice(min);
        let bounds = match (max, comma) {
            (Some(range), _) => {
                let max_digits = slice(range);
                if compare_decimal(&min_digits, &max_digits) == Ordering::Greater {
                    return Err(self.error("numbers out of order in {} quantifier"));
                }
                (decimal_value(&min_digits), Some(decimal_value(&max_digits)))
            }
            (None, true) => (decimal_value(&min_digits), None),
            (None, false) => {
                let n = decimal_value(&min_digits);
                (n, Some(n))
            }
        };
        self.pos = end;
        Ok(Some(bounds))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(s: &str) -> Vec<u32> {
        s.chars().map(u32::from).collect()
    }

    #[test]
    fn compares_huge_decimal_numbers() {
        let big = digits("99999999999999999999");
        let bigger = digits("100000000000000000000");
        assert_eq!(compare_decimal(&big, &bigger), Ordering::Less);
        assert_eq!(
            compare_decimal(&digits("0007"), &digits("7")),
            Ordering::Equal
        );
        assert_eq!(compare_decimal(&digits("0"), &digits("")), Ordering::Equal);
        assert_eq!(decimal_value(&big), u32::MAX);
        assert_eq!(decimal_value(&digits("042")), 42);
        assert!(is_syntax_character(u32::from('|')));
        assert!(!is_syntax_character(u32::from('/')));
    }
}
