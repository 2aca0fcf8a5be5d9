//! Character classes: `ClassContents` as `NonemptyClassRanges` (without `v`,
//! including the Annex B forms without `u`) or as `ClassSetExpression` (`v`),
//! with the early errors of
//! <https://tc39.es/ecma262/#sec-patterns-static-semantics-early-errors>.

use super::{Parser, Result};
use crate::ast::{CharacterClass, ClassEscape, ClassItem, ClassSetOp};

/// `ClassSetReservedDoublePunctuator` characters (each forms one when doubled).
const DOUBLE_PUNCTUATORS: &str = "&!#$%*+,.:;<=>?@^`~";
/// `ClassSetSyntaxCharacter`
const CLASS_SET_SYNTAX: &str = "()[]{}/-\\|";
/// `ClassSetReservedPunctuator`
const CLASS_SET_RESERVED: &str = "&-!#%,:;<=>@`~";

fn in_set(set: &str, c: u32) -> bool {
    char::from_u32(c).is_some_and(|c| set.contains(c))
}

/// <https://tc39.es/ecma262/#sec-static-semantics-maycontainstrings>
fn may_contain_strings(op: ClassSetOp, items: &[ClassItem]) -> bool {
    let item_may = |item: &ClassItem| match item {
        ClassItem::Char(_) | ClassItem::Range(..) => false,
        ClassItem::Escape(ClassEscape::Property { property, .. }) => {
            property.is_property_of_strings()
        }
        ClassItem::Escape(_) => false,
        ClassItem::Nested(class) => !class.negated && may_contain_strings(class.op, &class.items),
        ClassItem::Strings(strings) => strings.iter().any(|s| s.len() != 1),
    };
    match op {
        ClassSetOp::Union => items.iter().any(item_may),
        ClassSetOp::Intersection => items.iter().all(item_may),
        ClassSetOp::Subtraction => items.first().is_some_and(item_may),
    }
}

/// A class atom before we know whether it starts a range.
enum ClassAtom {
    Char(u32),
    Escape(ClassEscape),
}

impl From<ClassAtom> for ClassItem {
    fn from(atom: ClassAtom) -> ClassItem {
        match atom {
            ClassAtom::Char(c) => ClassItem::Char(c),
            ClassAtom::Escape(e) => ClassItem::Escape(e),
        }
    }
}

impl Parser<'_> {
    /// `CharacterClass` with the cursor on `[`.
    pub(super) fn character_class(&mut self) -> Result<CharacterClass> {
        let open = self.pos;
        self.pos += 1;
        self.enter_class()?;
        let negated = self.eat('^');
        let (op, items) = if self.mode.unicode_sets {
            self.class_set_expression(open)?
        } else {
            (ClassSetOp::Union, self.class_ranges(open)?)
        };
        self.leave_class();
        if !self.eat(']') {
            return Err(self.error_at("unterminated character class", open));
        }
        if negated && may_contain_strings(op, &items) {
            return Err(self.error_at("negated character class may contain strings", open));
        }
        Ok(CharacterClass { negated, op, items })
    }

    // ---- without `v` ----------------------------------------------------

    /// `NonemptyClassRanges` up to (not including) `]`.
    fn class_ranges(&mut self, open: usize) -> Result<Vec<ClassItem>> {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None => return Err(self.error_at("unterminated character class", open)),
                Some(c) if c == u32::from(']') => return Ok(items),
                Some(_) => {}
            }
            let start = self.pos;
            let first = self.class_atom(open)?;
            let range_follows =
                self.peek_is('-') && self.peek_at(1).is_some() && !self.peek_at_is(1, ']');
            if !range_follows {
                items.push(first.into());
                continue;
            }
            self.pos += 1;
            let second = self.class_atom(open)?;
            match (first, second) {
                (ClassAtom::Char(from), ClassAtom::Char(to)) => {
                    if from > to {
                        return Err(self.error_at("range out of order in character class", start));
                    }
                    items.push(ClassItem::Range(from, to));
                }
                (first, second) => {
                    if self.mode.unicode {
                        return Err(self.error_at("invalid character class in range", start));
                    }
                    // Annex B: the `-` is then a literal.
                    items.push(first.into());
                    items.push(ClassItem::Char(u32::from('-')));
                    items.push(second.into());
                }
            }
        }
    }

    /// `ClassAtom`
    fn class_atom(&mut self, open: usize) -> Result<ClassAtom> {
        let Some(c) = self.peek() else {
            return Err(self.error_at("unterminated character class", open));
        };
        if c != u32::from('\\') {
            self.pos += 1;
            return Ok(ClassAtom::Char(c));
        }
        let start = self.pos;
        self.pos += 1;
        self.class_escape(start)
    }

    /// `ClassEscape` (Annex B form without `u`), cursor after `\` (at `start`).
    fn class_escape(&mut self, start: usize) -> Result<ClassAtom> {
        if self.eat('b') {
            return Ok(ClassAtom::Char(0x08));
        }
        if self.mode.unicode && self.eat('-') {
            return Ok(ClassAtom::Char(u32::from('-')));
        }
        if self.peek_is('c') && !self.control_letter_follows() {
            if self.mode.unicode {
                return Err(self.error_at("invalid class escape", start));
            }
            // Annex B `c ClassControlLetter` and `\ [lookahead = c]`.
            let next = self.peek_at(1).and_then(char::from_u32);
            if let Some(letter) = next.filter(|c| c.is_ascii_digit() || *c == '_') {
                self.pos += 2;
                return Ok(ClassAtom::Char(u32::from(letter) % 32));
            }
            return Ok(ClassAtom::Char(u32::from('\\')));
        }
        if let Some(escape) = self.character_class_escape()? {
            return Ok(ClassAtom::Escape(escape));
        }
        self.character_escape(start, true).map(ClassAtom::Char)
    }

    // ---- with `v` -------------------------------------------------------

    /// `ClassSetExpression` (or empty) up to (not including) `]`.
    fn class_set_expression(&mut self, open: usize) -> Result<(ClassSetOp, Vec<ClassItem>)> {
        if self.peek_is(']') {
            return Ok((ClassSetOp::Union, Vec::new()));
        }
        let first_start = self.pos;
        let first = self.class_set_operand_or_range(open)?;
        let op = if self.peek_is('&') && self.peek_at_is(1, '&') {
            ClassSetOp::Intersection
        } else if self.peek_is('-') && self.peek_at_is(1, '-') {
            ClassSetOp::Subtraction
        } else {
            ClassSetOp::Union
        };
        let mut items = vec![first];
        if op == ClassSetOp::Union {
            loop {
                match self.peek() {
                    None => return Err(self.error_at("unterminated character class", open)),
                    Some(c) if c == u32::from(']') => return Ok((op, items)),
                    Some(_) => {}
                }
                if (self.peek_is('&') && self.peek_at_is(1, '&'))
                    || (self.peek_is('-') && self.peek_at_is(1, '-'))
                {
                    return Err(self.error("invalid set operation in character class"));
                }
                items.push(self.class_set_operand_or_range(open)?);
            }
        }
        if matches!(items.first(), Some(ClassItem::Range(..))) {
            return Err(self.error_at("invalid set operation in character class", first_start));
        }
        let (a, b) = if op == ClassSetOp::Intersection {
            ('&', '&')
        } else {
            ('-', '-')
        };
        loop {
            if self.peek_is(']') {
                return Ok((op, items));
            }
            if !(self.peek_is(a) && self.peek_at_is(1, b)) {
                return Err(self.error("invalid set operation in character class"));
            }
            self.pos += 2;
            // ClassIntersection :: … && [lookahead ≠ &] ClassSetOperand
            if op == ClassSetOp::Intersection && self.peek_is('&') {
                return Err(self.error("invalid set operation in character class"));
            }
            items.push(self.class_set_operand(open)?);
        }
    }

    /// `ClassSetRange` or `ClassSetOperand`.
    fn class_set_operand_or_range(&mut self, open: usize) -> Result<ClassItem> {
        let start = self.pos;
        let item = self.class_set_operand(open)?;
        let ClassItem::Char(from) = item else {
            return Ok(item);
        };
        if !self.peek_is('-') || self.peek_at_is(1, '-') {
            return Ok(item);
        }
        self.pos += 1;
        let to = self.class_set_character(open)?;
        if from > to {
            return Err(self.error_at("range out of order in character class", start));
        }
        Ok(ClassItem::Range(from, to))
    }

    /// `ClassSetOperand :: NestedClass | ClassStringDisjunction | ClassSetCharacter`
    fn class_set_operand(&mut self, open: usize) -> Result<ClassItem> {
        if self.peek_is('[') {
            return self.character_class().map(ClassItem::Nested);
        }
        if self.peek_is('\\') {
            let start = self.pos;
            self.pos += 1;
            if let Some(escape) = self.character_class_escape()? {
                return Ok(ClassItem::Escape(escape));
            }
            if self.peek_is('q') && self.peek_at_is(1, '{') {
                self.pos += 2;
                return self.class_string_disjunction(open).map(ClassItem::Strings);
            }
            self.pos = start;
        }
        self.class_set_character(open).map(ClassItem::Char)
    }

    /// The contents of `\q{…}` after `\q{`, through `}`.
    fn class_string_disjunction(&mut self, open: usize) -> Result<Vec<Vec<u32>>> {
        let mut strings = vec![Vec::new()];
        loop {
            if self.eat('}') {
                return Ok(strings);
            }
            if self.eat('|') {
                strings.push(Vec::new());
                continue;
            }
            let c = self.class_set_character(open)?;
            if let Some(last) = strings.last_mut() {
                last.push(c);
            }
        }
    }

    /// `ClassSetCharacter`
    fn class_set_character(&mut self, open: usize) -> Result<u32> {
        let Some(c) = self.peek() else {
            return Err(self.error_at("unterminated character class", open));
        };
        if c == u32::from('\\') {
            let start = self.pos;
            self.pos += 1;
            if self.eat('b') {
                return Ok(0x08);
            }
            if let Some(p) = self.peek().filter(|&p| in_set(CLASS_SET_RESERVED, p)) {
                self.pos += 1;
                return Ok(p);
            }
            return self.character_escape(start, true);
        }
        if in_set(DOUBLE_PUNCTUATORS, c) && self.peek_at(1) == Some(c) {
            return Err(self.error("invalid set operation in character class"));
        }
        if in_set(CLASS_SET_SYNTAX, c) {
            return Err(self.error("invalid character in character class"));
        }
        self.pos += 1;
        Ok(c)
    }
}
