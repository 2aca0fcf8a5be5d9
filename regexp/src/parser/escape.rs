//! Escapes: `AtomEscape`, `CharacterEscape` (with the Annex B legacy forms
//! without `u`/`v`), `RegExpUnicodeEscapeSequence`, property escapes and
//! group names.

use super::{is_decimal_digit, is_syntax_character, Parser, Result};
use crate::ast::{Atom, Backreference, ClassEscape};
use crate::properties::resolve_property;

fn hex_value(c: Option<u32>) -> Option<u32> {
    c.and_then(char::from_u32).and_then(|c| c.to_digit(16))
}

fn is_octal_digit(c: Option<u32>) -> bool {
    matches!(c.and_then(char::from_u32), Some('0'..='7'))
}

fn is_lead_surrogate(c: u32) -> bool {
    (0xD800..=0xDBFF).contains(&c)
}

fn is_trail_surrogate(c: u32) -> bool {
    (0xDC00..=0xDFFF).contains(&c)
}

fn combine_surrogates(lead: u32, trail: u32) -> u32 {
    0x10000 + ((lead - 0xD800) << 10) + (trail - 0xDC00)
}

/// `IdentifierStartChar` (<https://tc39.es/ecma262/#prod-IdentifierStartChar>).
fn is_identifier_start(c: u32) -> bool {
    match char::from_u32(c) {
        Some('$' | '_') => true,
        Some(c) => unicode_id_start::is_id_start(c),
        None => false,
    }
}

/// `IdentifierPartChar` (<https://tc39.es/ecma262/#prod-IdentifierPartChar>).
fn is_identifier_part(c: u32) -> bool {
    match char::from_u32(c) {
        Some('$' | '\u{200C}' | '\u{200D}') => true,
        Some(c) => unicode_id_start::is_id_continue(c),
        None => false,
    }
}

impl Parser<'_> {
    /// `\d \D \s \S \w \W` and, in `u`/`v` mode, `\p{…}`/`\P{…}`, with the
    /// cursor on the letter after `\`. `None` (cursor unmoved) otherwise.
    pub(super) fn character_class_escape(&mut self) -> Result<Option<ClassEscape>> {
        let escape = match self.peek().and_then(char::from_u32) {
            Some('d') => ClassEscape::Digit,
            Some('D') => ClassEscape::NotDigit,
            Some('s') => ClassEscape::Space,
            Some('S') => ClassEscape::NotSpace,
            Some('w') => ClassEscape::Word,
            Some('W') => ClassEscape::NotWord,
            Some(p @ ('p' | 'P')) if self.mode.unicode => {
                self.pos += 1;
                return self.property_escape(p == 'P').map(Some);
            }
            _ => return Ok(None),
        };
        self.pos += 1;
        Ok(Some(escape))
    }

    /// `{ UnicodePropertyValueExpression }` after `\p`/`\P`, with its early
    /// errors (<https://tc39.es/ecma262/#sec-patterns-static-semantics-early-errors>).
    fn property_escape(&mut self, negated: bool) -> Result<ClassEscape> {
        let start = self.pos;
        if !self.eat('{') {
            return Err(self.error("invalid property name"));
        }
        let name = self.property_word(false);
        let value = if self.eat('=') {
            Some(self.property_word(true))
        } else {
            None
        };
        if name.is_empty() || value.as_ref().is_some_and(String::is_empty) || !self.eat('}') {
            return Err(self.error_at("invalid property name", start));
        }
        let property = resolve_property(&name, value.as_deref(), self.mode.unicode_sets)
            .ok_or_else(|| self.error_at("invalid property name", start))?;
        if negated && property.is_property_of_strings() {
            return Err(self.error_at("negated property of strings", start));
        }
        Ok(ClassEscape::Property { property, negated })
    }

    /// `UnicodePropertyName` (letters and `_`) or, with `digits`,
    /// `UnicodePropertyValue` (also digits).
    fn property_word(&mut self, digits: bool) -> String {
        let mut word = String::new();
        while let Some(c) = self.peek().and_then(char::from_u32) {
            if c.is_ascii_alphabetic() || c == '_' || (digits && c.is_ascii_digit()) {
                word.push(c);
                self.pos += 1;
            } else {
                break;
            }
        }
        word
    }

    /// `AtomEscape` with the cursor after `\` (at `start`).
    pub(super) fn atom_escape(&mut self, start: usize) -> Result<Atom> {
        let Some(c) = self.peek() else {
            return Err(self.error_at("\\ at end of pattern", start));
        };
        if (u32::from('1')..=u32::from('9')).contains(&c) {
            if let Some(index) = self.decimal_escape() {
                return Ok(Atom::Backreference(Backreference::Index(index)));
            }
        }
        if c == u32::from('k') && self.mode.named_groups {
            self.pos += 1;
            if !self.peek_is('<') {
                return Err(self.error_at("invalid named reference", start));
            }
            let name = self.group_name()?;
            self.named_references
                .push((name.clone(), self.src.offset(start)));
            return Ok(Atom::Backreference(Backreference::Named(name)));
        }
        if let Some(escape) = self.character_class_escape()? {
            return Ok(Atom::ClassEscape(escape));
        }
        if c == u32::from('c') && !self.control_letter_follows() {
            if self.mode.unicode {
                return Err(self.error_at("invalid unicode escape \\c", start));
            }
            // Annex B `ExtendedAtom :: \ [lookahead = c]`: a lone backslash.
            return Ok(Atom::Char(u32::from('\\')));
        }
        self.character_escape(start, false).map(Atom::Char)
    }

    /// `DecimalEscape` with the cursor on its first (non-zero) digit.
    /// Returns the group number if it is a backreference; without `u`/`v`
    /// (Annex B) only numbers up to the pattern's capture count are, and
    /// otherwise the cursor is left alone for `CharacterEscape`.
    fn decimal_escape(&mut self) -> Option<u32> {
        let start = self.pos;
        let mut end = start;
        while is_decimal_digit(self.src.get(end)) {
            end += 1;
        }
        let digits: Vec<u32> = (start..end).filter_map(|i| self.src.get(i)).collect();
        let value = super::decimal_value(&digits);
        if !self.mode.unicode {
            if let Some(total) = self.mode.total_captures {
                if value > total {
                    return None;
                }
            }
        }
        self.decimal_escapes
            .push((value, self.src.offset(start.saturating_sub(1))));
        self.pos = end;
        Some(value)
    }

    /// Whether the cursor is on `c` followed by an ASCII letter.
    pub(super) fn control_letter_follows(&self) -> bool {
        self.peek_is('c')
            && matches!(
                self.peek_at(1).and_then(char::from_u32),
                Some(c) if c.is_ascii_alphabetic()
            )
    }

    /// `CharacterEscape` (cursor after `\`, which was at `start`): the
    /// character value. `in_class` only affects which message is given.
    pub(super) fn character_escape(&mut self, start: usize, in_class: bool) -> Result<u32> {
        let Some(c) = self.peek() else {
            return Err(self.error_at("\\ at end of pattern", start));
        };
        let unicode = self.mode.unicode;
        let Some(ch) = char::from_u32(c) else {
            // A lone surrogate code unit (only without `u`/`v`): an identity
            // escape under Annex B.
            self.pos += 1;
            return Ok(c);
        };
        let simple = match ch {
            'f' => Some(0x0C),
            'n' => Some(0x0A),
            'r' => Some(0x0D),
            't' => Some(0x09),
            'v' => Some(0x0B),
            _ => None,
        };
        if let Some(value) = simple {
            self.pos += 1;
            return Ok(value);
        }
        match ch {
            'c' if self.control_letter_follows() => {
                let letter = self.peek_at(1).unwrap_or(0);
                self.pos += 2;
                Ok(letter % 32)
            }
            '0' if !is_decimal_digit(self.peek_at(1)) => {
                self.pos += 1;
                Ok(0)
            }
            '0'..='7' if !unicode => Ok(self.legacy_octal_escape()),
            '0'..='9' if unicode => Err(self.error_at(
                if in_class {
                    "invalid class escape"
                } else {
                    "invalid decimal escape"
                },
                start,
            )),
            'x' => {
                if let (Some(hi), Some(lo)) =
                    (hex_value(self.peek_at(1)), hex_value(self.peek_at(2)))
                {
                    self.pos += 3;
                    return Ok(hi * 16 + lo);
                }
                if unicode {
                    return Err(self.error_at("invalid escape", start));
                }
                self.pos += 1;
                Ok(c)
            }
            'u' => {
                self.pos += 1;
                match self.regexp_unicode_escape(unicode, start)? {
                    Some(value) => Ok(value),
                    None => Ok(c),
                }
            }
            _ => self.identity_escape(c, start),
        }
    }

    /// `IdentityEscape` (Annex B form without `u`/`v`).
    fn identity_escape(&mut self, c: u32, start: usize) -> Result<u32> {
        let allowed = if self.mode.unicode {
            is_syntax_character(c) || c == u32::from('/')
        } else {
            c != u32::from('c') && !(self.mode.named_groups && c == u32::from('k'))
        };
        if !allowed {
            return Err(self.error_at("invalid escape", start));
        }
        self.pos += 1;
        Ok(c)
    }

    /// Annex B `LegacyOctalEscapeSequence`, cursor on its first digit (0-7).
    fn legacy_octal_escape(&mut self) -> u32 {
        let digit = |c: Option<u32>| c.unwrap_or(0).saturating_sub(u32::from('0'));
        let first = digit(self.peek());
        self.pos += 1;
        if !is_octal_digit(self.peek()) {
            return first;
        }
        let mut value = first * 8 + digit(self.peek());
        self.pos += 1;
        if first <= 3 && is_octal_digit(self.peek()) {
            value = value * 8 + digit(self.peek());
            self.pos += 1;
        }
        value
    }

    /// `RegExpUnicodeEscapeSequence[?UnicodeMode]` with the cursor after
    /// `\u` (`\` at `start`). `Ok(None)` (cursor unmoved) when, without
    /// `unicode`, the text is not one: Annex B then reads an identity escape.
    fn regexp_unicode_escape(&mut self, unicode: bool, start: usize) -> Result<Option<u32>> {
        if unicode && self.peek_is('{') {
            let mut i = self.pos + 1;
            let mut value: u32 = 0;
            let mut any = false;
            while let Some(d) = hex_value(self.src.get(i)) {
                value = value.saturating_mul(16).saturating_add(d);
                any = true;
                i += 1;
            }
            if !any || self.src.get(i) != Some(u32::from('}')) || value > 0x10FFFF {
                return Err(self.error_at("invalid unicode escape", start));
            }
            self.pos = i + 1;
            return Ok(Some(value));
        }
        let Some(value) = self.hex4(self.pos) else {
            if unicode {
                return Err(self.error_at("invalid unicode escape", start));
            }
            return Ok(None);
        };
        self.pos += 4;
        // [+UnicodeMode] u HexLeadSurrogate \u HexTrailSurrogate
        if unicode && is_lead_surrogate(value) && self.peek_is('\\') && self.peek_at_is(1, 'u') {
            if let Some(trail) = self.hex4(self.pos + 2).filter(|&t| is_trail_surrogate(t)) {
                self.pos += 6;
                return Ok(Some(combine_surrogates(value, trail)));
            }
        }
        Ok(Some(value))
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        (0..4).try_fold(0u32, |acc, k| {
            hex_value(self.src.get(at + k)).map(|d| acc * 16 + d)
        })
    }

    /// `GroupName :: < RegExpIdentifierName >` with the cursor on `<`, with
    /// the early errors on escaped characters.
    pub(super) fn group_name(&mut self) -> Result<String> {
        let start = self.pos;
        self.pos += 1;
        let mut name = String::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error_at("unterminated group name", start));
            };
            if c == u32::from('>') {
                self.pos += 1;
                break;
            }
            let at = self.pos;
            let value = if c == u32::from('\\') {
                self.pos += 1;
                if !self.eat('u') {
                    return Err(self.error_at("invalid capture group name", at));
                }
                // Escapes in names always use the `[+UnicodeMode]` form.
                self.regexp_unicode_escape(true, at)?.unwrap_or(c)
            } else {
                self.pos += 1;
                // [~UnicodeMode] UnicodeLeadSurrogate UnicodeTrailSurrogate
                match self.peek() {
                    Some(trail) if is_lead_surrogate(c) && is_trail_surrogate(trail) => {
                        self.pos += 1;
                        combine_surrogates(c, trail)
                    }
                    _ => c,
                }
            };
            let valid = if name.is_empty() {
                is_identifier_start(value)
            } else {
                is_identifier_part(value)
            };
            match char::from_u32(value) {
                Some(ch) if valid => name.push(ch),
                _ => return Err(self.error_at("invalid capture group name", at)),
            }
        }
        if name.is_empty() {
            return Err(self.error_at("empty capture group name", start));
        }
        Ok(name)
    }
}
