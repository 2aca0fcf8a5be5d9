//! The typed syntax tree of a pattern, as produced by [`crate::parse_pattern`].
//!
//! Characters are stored as `u32` values. In `u`/`v` mode they are code
//! points (an escaped surrogate pair such as `\uD83D\uDE00` is one code
//! point). Without `u`/`v` the pattern is, as the specification says, a
//! sequence of UTF-16 code units: a literal astral character is split into
//! its two surrogates (so `😀+` repeats only the trailing surrogate) and
//! escapes never combine; values are then always `<= 0xFFFF`.

use crate::properties::UnicodeProperty;

/// A whole pattern with the facts the matcher needs about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    /// The top-level disjunction.
    pub body: Disjunction,
    /// Number of capturing groups (group indices run from 1 to this).
    pub capture_count: u32,
    /// Every named group as `(name, index)`, in source order; a name occurs
    /// more than once only across alternatives (duplicate named groups).
    pub group_names: Vec<(String, u32)>,
}

impl Pattern {
    /// The indices of the capturing groups called `name`, in source order.
    pub fn group_indices<'a>(&'a self, name: &'a str) -> impl Iterator<Item = u32> + 'a {
        self.group_names
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, i)| *i)
    }
}

/// `Disjunction :: Alternative | Alternative | Disjunction`
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Disjunction {
    /// At least one alternative (possibly empty).
    pub alternatives: Vec<Alternative>,
}

/// `Alternative :: Term*`
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Alternative {
    /// The terms, in source order.
    pub terms: Vec<Term>,
}

/// `Term`
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// An assertion (never quantified).
    Assertion(Assertion),
    /// An unquantified atom.
    Atom(Atom),
    /// `Atom Quantifier`
    Quantified {
        /// What is repeated.
        atom: Atom,
        /// How often.
        quantifier: Quantifier,
    },
    /// Annex B only (no `u`/`v`): `QuantifiableAssertion Quantifier`, a
    /// quantified lookahead (`kind` is always a lookahead).
    QuantifiedLookahead {
        /// The lookahead.
        lookaround: Lookaround,
        /// How often.
        quantifier: Quantifier,
    },
}

/// `Assertion`
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Assertion {
    /// `^`
    Start,
    /// `$`
    End,
    /// `\b`
    WordBoundary,
    /// `\B`
    NotWordBoundary,
    /// `(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`
    Lookaround(Lookaround),
}

/// A lookahead or lookbehind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lookaround {
    /// `true` for `(?<=…)`/`(?<!…)`.
    pub behind: bool,
    /// `true` for `(?!…)`/`(?<!…)`.
    pub negated: bool,
    /// The contents.
    pub body: Disjunction,
}

/// `Quantifier`; bounds above `u32::MAX` are clamped to `u32::MAX`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quantifier {
    /// Minimum repetitions.
    pub min: u32,
    /// Maximum repetitions, `None` for unbounded.
    pub max: Option<u32>,
    /// `false` when followed by `?`.
    pub greedy: bool,
}

/// `Atom`
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Atom {
    /// A single character (see the module docs for what the value means).
    Char(u32),
    /// `.`
    Dot,
    /// `\d`, `\p{…}`, …
    ClassEscape(ClassEscape),
    /// `[…]`
    Class(CharacterClass),
    /// `(…)` or `(?<name>…)`
    Capture(CaptureGroup),
    /// `(?:…)` or `(?ims-ims:…)`
    NonCapture {
        /// Modifiers, if the group has any (`(?:…)` has none).
        modifiers: Option<Modifiers>,
        /// The contents.
        body: Disjunction,
    },
    /// `\1`, `\k<name>`
    Backreference(Backreference),
}

/// A capturing group.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaptureGroup {
    /// 1-based index, in order of the opening parentheses.
    pub index: u32,
    /// The group name, for `(?<name>…)`.
    pub name: Option<String>,
    /// The contents.
    pub body: Disjunction,
}

/// The flags of `(?ims-ims:…)`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Modifiers {
    /// Flags switched on.
    pub add: ModifierFlags,
    /// Flags switched off.
    pub remove: ModifierFlags,
}

/// A set of the flags a modifier group may change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ModifierFlags {
    /// `i`
    pub ignore_case: bool,
    /// `m`
    pub multiline: bool,
    /// `s`
    pub dot_all: bool,
}

/// A backreference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Backreference {
    /// `\N`: the group with that index (always `<= capture_count`).
    Index(u32),
    /// `\k<name>`: every group of that name (see [`Pattern::group_indices`]).
    Named(String),
}

/// `CharacterClassEscape`
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassEscape {
    /// `\d`
    Digit,
    /// `\D`
    NotDigit,
    /// `\s`
    Space,
    /// `\S`
    NotSpace,
    /// `\w`
    Word,
    /// `\W`
    NotWord,
    /// `\p{…}` (`negated: false`) or `\P{…}` (`negated: true`).
    Property {
        /// The property.
        property: UnicodeProperty,
        /// `\P`
        negated: bool,
    },
}

/// `CharacterClass`: `[…]` or `[^…]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CharacterClass {
    /// `[^…]`
    pub negated: bool,
    /// How `items` combine; always [`ClassSetOp::Union`] without `v`.
    pub op: ClassSetOp,
    /// The operands. For intersection and subtraction there are at least
    /// two, and none is a [`ClassItem::Range`].
    pub items: Vec<ClassItem>,
}

/// How the items of a class combine (`ClassUnion`, `ClassIntersection`,
/// `ClassSubtraction` in `v` mode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClassSetOp {
    /// Items side by side.
    Union,
    /// `a&&b&&c`
    Intersection,
    /// `a--b--c`: the first minus all the others.
    Subtraction,
}

/// One member of a character class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClassItem {
    /// A single character.
    Char(u32),
    /// `a-z` (`from <= to`).
    Range(u32, u32),
    /// `\d`, `\p{…}`, …
    Escape(ClassEscape),
    /// `v` mode: a nested class `[…]`.
    Nested(CharacterClass),
    /// `v` mode: `\q{abc|d|}`, one entry per alternative.
    Strings(Vec<Vec<u32>>),
}
