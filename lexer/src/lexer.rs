//! The lexer driver: skips trivia (whitespace, line terminators, comments, hashbang, Annex B
//! HTML-like comments) through the logos DFA and turns its matches into [`Token`]s, handing
//! complex tokens to the hand-written scanners.
//! <https://tc39.es/ecma262/#sec-ecmascript-language-lexical-grammar>

use crate::chars::{byte_at, char_at, is_id_start, is_line_terminator, is_whitespace};
use crate::chars::{byte_class, class, is_ascii_id_continue};
use crate::chars::{line_terminator_end, skip_to_line_end};
use crate::ident::scan_identifier_name;
use crate::number::{scan_number, NumberValue};
use crate::raw::Raw;
use crate::regex::scan_regexp;
use crate::span::LexError;
use crate::string::scan_string;
use crate::template::scan_template;
use crate::token::{keyword_kind, pack_word, packed_keyword_kind, MAX_KEYWORD_LEN};
use crate::token::{RegExpValue, TemplateValue, Token, TokenKind, TokenValue};
use logos::Logos;
use std::borrow::Cow;

/// The goal symbol of the source being lexed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    Script,
    /// Module code: no HTML-like comments (Annex B).
    Module,
}

/// A saved lexer position. The lexer carries no state between tokens besides the offset, so
/// this is all `rewind` needs.
#[derive(Clone, Copy, Debug)]
pub struct Checkpoint {
    pos: usize,
}

/// An ECMAScript lexer over one source text.
pub struct Lexer<'a> {
    source: &'a str,
    goal: Goal,
    /// Offset just after the last token produced (or 0).
    pos: usize,
    /// See [`Lexer::take_marks`].
    marks: Vec<u32>,
}

/// Whether a token of `kind` is one [`Lexer::take_marks`] reports.
#[inline(always)]
fn is_marked_kind(kind: TokenKind) -> bool {
    matches!(
        kind,
        TokenKind::Function
            | TokenKind::Class
            | TokenKind::Arrow
            | TokenKind::Super
            | TokenKind::Await
            | TokenKind::Target
            | TokenKind::PrivateName
    )
}

/// Whether an identifier's cooked name is one [`Lexer::take_marks`] reports.
fn is_marked_name(name: &str) -> bool {
    name == "arguments" || name == "await"
}

impl<'a> Lexer<'a> {
    pub fn new(source: &'a str, goal: Goal) -> Self {
        Lexer {
            source,
            goal,
            pos: 0,
            marks: Vec::new(),
        }
    }

    pub fn source(&self) -> &'a str {
        self.source
    }

    /// The start offsets of the tokens lexed so far that begin a function, class or arrow body
    /// (`function`, `class`, `=>`) or that refer to the surrounding function or class
    /// (`super`, `await`, `target`, private names, and identifiers spelling `arguments` or
    /// `await`, escaped or not), in lexing order, possibly repeated where the lexer was
    /// rewound. A range of source holding none of them holds none of those constructs, which
    /// lets a later pass over the syntax tree skip it.
    pub fn take_marks(&mut self) -> Vec<u32> {
        std::mem::take(&mut self.marks)
    }

    #[inline(always)]
    fn mark(&mut self, start: usize) {
        self.marks.push(u32::try_from(start).unwrap_or(u32::MAX));
    }

    pub fn checkpoint(&self) -> Checkpoint {
        Checkpoint { pos: self.pos }
    }

    pub fn rewind(&mut self, cp: Checkpoint) {
        self.pos = cp.pos;
    }

    /// Next token in the InputElementDiv goal: `/` and `/=` lex as Slash/SlashEq, `}` as
    /// RBrace. Returns Eof (repeatedly) at the end.
    /// <https://tc39.es/ecma262/#sec-ecmascript-language-lexical-grammar>
    ///
    /// This is the fast path for spaces, line breaks, ASCII identifiers and keywords and the
    /// commonest punctuators, kept small so that its frame is cheap; anything else continues
    /// in [`Lexer::next_token_general`].
    #[inline]
    pub fn next_token(&mut self) -> Result<Token<'a>, LexError> {
        let bytes = self.source.as_bytes();
        let mut pos = self.pos;
        // The start of input (a hashbang) and oversized sources (an error) take the general path.
        if pos == 0 || u32::try_from(bytes.len()).is_err() {
            return self.next_token_general(pos, false, pos == 0);
        }
        let mut newline = false;
        let mut line_start = false;
        while let Some(&b) = bytes.get(pos) {
            match byte_class(b) {
                class::SPACE => pos = skip_spaces(bytes, pos + 1),
                class::NEWLINE => {
                    newline = true;
                    line_start = true;
                    pos = skip_spaces(bytes, pos + 1);
                }
                class::ID_START => return self.ascii_identifier(pos, newline),
                class::PUNCT => {
                    self.pos = pos + 1;
                    return Ok(Token::new(single_punctuator(b), pos, pos + 1, newline));
                }
                class::DOT
                    if bytes
                        .get(pos + 1)
                        .is_some_and(|&n| byte_class(n) == class::ID_START) =>
                {
                    self.pos = pos + 1;
                    return Ok(Token::new(TokenKind::Dot, pos, pos + 1, newline));
                }
                _ => break,
            }
        }
        self.next_token_general(pos, newline, line_start)
    }

    /// [`Lexer::next_token`] from `pos`, with `newline` telling whether a line terminator was
    /// skipped since the previous token and `line_start` whether only trivia precede `pos` on
    /// its line (where an Annex B HTMLCloseComment `-->` may start).
    #[inline(never)]
    fn next_token_general(
        &mut self,
        mut pos: usize,
        mut newline: bool,
        mut line_start: bool,
    ) -> Result<Token<'a>, LexError> {
        let src = self.source;
        if u32::try_from(src.len()).is_err() {
            return Err(LexError::new("source text is larger than 4 GiB", 0, 0));
        }
        let html_comments = self.goal == Goal::Script;
        if pos == 0 && src.starts_with("#!") {
            // HashbangComment, only at the very start of the source.
            pos = skip_to_line_end(src, 2);
        }
        let bytes = src.as_bytes();
        'restart: loop {
            // Fast path for the common ASCII trivia and identifiers; everything else (and
            // every non-ASCII character) goes through the DFA below.
            loop {
                let Some(&b) = bytes.get(pos) else {
                    self.pos = src.len();
                    return Ok(Token::new(TokenKind::Eof, src.len(), src.len(), newline));
                };
                match byte_class(b) {
                    class::SPACE => pos = skip_spaces(bytes, pos + 1),
                    class::NEWLINE => {
                        newline = true;
                        line_start = true;
                        // The indentation of the next line.
                        pos = skip_spaces(bytes, pos + 1);
                    }
                    class::SLASH => match bytes.get(pos + 1) {
                        Some(b'/') => pos = skip_to_line_end(src, pos + 2),
                        Some(b'*') => {
                            let (comment_end, has_newline) = scan_block_comment(src, pos)?;
                            newline |= has_newline;
                            line_start |= has_newline;
                            pos = comment_end;
                        }
                        _ => break,
                    },
                    class::ID_START => return self.ascii_identifier(pos, newline),
                    class::PUNCT => {
                        let token = Token::new(single_punctuator(b), pos, pos + 1, newline);
                        self.pos = pos + 1;
                        return Ok(token);
                    }
                    // `.` before a name (`a.b`); `...` and `.5` go through the DFA.
                    class::DOT
                        if bytes
                            .get(pos + 1)
                            .is_some_and(|&n| byte_class(n) == class::ID_START) =>
                    {
                        self.pos = pos + 1;
                        return Ok(Token::new(TokenKind::Dot, pos, pos + 1, newline));
                    }
                    // Tokens whose first bytes decide them, as the DFA would: a digit, a quote, and
                    // the punctuators starting with `=`, `!`, `&` or `|` (longest match).
                    class::DIGIT => return self.number(pos, newline),
                    _ if b == b'"' || b == b'\'' => return self.string(pos, newline),
                    _ => match equality_or_logical_punctuator(bytes, pos) {
                        Some((kind, end)) => {
                            if kind == TokenKind::Arrow {
                                self.mark(pos);
                            }
                            self.pos = end;
                            return Ok(Token::new(kind, pos, end, newline));
                        }
                        None => break,
                    },
                }
            }
            let Some(rest) = src.get(pos..) else {
                return Err(LexError::new("lexer position inside a character", pos, pos));
            };
            let base = pos;
            let mut dfa = Raw::lexer(rest);
            loop {
                let Some(matched) = dfa.next() else {
                    self.pos = src.len();
                    return Ok(Token::new(TokenKind::Eof, src.len(), src.len(), newline));
                };
                let start = base + dfa.span().start;
                let end = base + dfa.span().end;
                let raw = match matched {
                    Ok(raw) => raw,
                    Err(()) => match char_at(src, start) {
                        Some(c) if is_whitespace(c) => {
                            pos = start + c.len_utf8();
                            continue 'restart;
                        }
                        Some(c) if is_line_terminator(c) => {
                            newline = true;
                            line_start = true;
                            pos = line_terminator_end(src, start).unwrap_or(start + c.len_utf8());
                            continue 'restart;
                        }
                        Some(c) if is_id_start(c) => return self.identifier(start, newline),
                        Some(c) => {
                            return Err(LexError::new(
                                format!("unexpected character {c:?}"),
                                start,
                                start + c.len_utf8(),
                            ))
                        }
                        None => {
                            return Err(LexError::new("unexpected byte", start, start + 1));
                        }
                    },
                };
                match raw {
                    Raw::WhiteSpace | Raw::LineComment => {}
                    Raw::Newline => {
                        newline = true;
                        line_start = true;
                    }
                    Raw::BlockCommentStart => {
                        let (comment_end, has_newline) = scan_block_comment(src, start)?;
                        newline |= has_newline;
                        line_start |= has_newline;
                        pos = comment_end;
                        continue 'restart;
                    }
                    // Annex B SingleLineHTMLCloseComment / HTMLCloseComment.
                    // <https://tc39.es/ecma262/#sec-html-like-comments>
                    Raw::Punct(TokenKind::MinusMinus)
                        if html_comments && line_start && byte_at(src, end) == Some(b'>') =>
                    {
                        pos = skip_to_line_end(src, end + 1);
                        continue 'restart;
                    }
                    // Annex B SingleLineHTMLOpenComment.
                    Raw::Punct(TokenKind::Lt)
                        if html_comments && src.get(end..end + 3) == Some("!--") =>
                    {
                        pos = skip_to_line_end(src, end + 3);
                        continue 'restart;
                    }
                    _ => return self.token(raw, start, end, newline),
                }
            }
        }
    }

    /// Finishes the token the DFA recognised (or started) at `start..end`.
    fn token(
        &mut self,
        raw: Raw,
        start: usize,
        end: usize,
        newline: bool,
    ) -> Result<Token<'a>, LexError> {
        let src = self.source;
        let continues_identifier =
            |end: usize| byte_at(src, end).is_some_and(|b| b == b'\\' || b >= 0x80);
        let token = match raw {
            Raw::Ident | Raw::Word(_) if continues_identifier(end) => {
                return self.identifier(start, newline)
            }
            Raw::Ident => {
                let name = src.get(start..end).unwrap_or("");
                if is_marked_name(name) {
                    self.mark(start);
                }
                let mut t = Token::new(TokenKind::Identifier, start, end, newline);
                t.value = TokenValue::Ident(Cow::Borrowed(name));
                t
            }
            Raw::Word(kind) => {
                if is_marked_kind(kind) {
                    self.mark(start);
                }
                Token::new(kind, start, end, newline)
            }
            // `?.` followed by a digit is `?` then a number: `a?.5:b`.
            Raw::Punct(TokenKind::QuestionDot)
                if byte_at(src, end).is_some_and(|b| b.is_ascii_digit()) =>
            {
                Token::new(TokenKind::Question, start, start + 1, newline)
            }
            Raw::Punct(kind) => {
                if kind == TokenKind::Arrow {
                    self.mark(start);
                }
                Token::new(kind, start, end, newline)
            }
            Raw::Dot => {
                if byte_at(src, end).is_some_and(|b| b.is_ascii_digit()) {
                    return self.number(start, newline);
                }
                if src.get(end..end + 2) == Some("..") {
                    Token::new(TokenKind::Ellipsis, start, end + 2, newline)
                } else {
                    Token::new(TokenKind::Dot, start, end, newline)
                }
            }
            Raw::Digit => return self.number(start, newline),
            Raw::DoubleQuote | Raw::SingleQuote => return self.string(start, newline),
            Raw::Backtick => {
                let part = scan_template(src, start, end)?;
                let kind = if part.tail {
                    TokenKind::NoSubstitutionTemplate
                } else {
                    TokenKind::TemplateHead
                };
                template_token(kind, start, part, newline)
            }
            Raw::Hash => {
                let name = scan_identifier_name(src, end, "private name")?;
                self.mark(start);
                let mut t = Token::new(TokenKind::PrivateName, start, name.end, newline);
                t.escaped = name.escaped;
                t.value = TokenValue::Ident(name.name);
                t
            }
            Raw::Backslash => return self.identifier(start, newline),
            // Trivia never reaches here; treat it as a lexer bug, not a panic.
            Raw::WhiteSpace | Raw::Newline | Raw::LineComment | Raw::BlockCommentStart => {
                return Err(LexError::new("internal lexer error", start, end))
            }
        };
        self.pos = token.span.end as usize;
        Ok(token)
    }

    /// An IdentifierName starting with the ASCII IdentifierStartChar at `start`: scanned here
    /// while it stays ASCII, handed to the slow path if an escape or non-ASCII character
    /// follows. <https://tc39.es/ecma262/#sec-names-and-keywords>
    #[inline]
    fn ascii_identifier(&mut self, start: usize, newline: bool) -> Result<Token<'a>, LexError> {
        let src = self.source;
        let bytes = src.as_bytes();
        let mut end = start + 1;
        // Eight bytes at a time while they are all letters (most of a typical name).
        while let Some(chunk) = bytes.get(end..end + 8) {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            if !all_ascii_letters(word) {
                break;
            }
            end += 8;
        }
        while let Some(&b) = bytes.get(end) {
            if !is_ascii_id_continue(b) {
                break;
            }
            end += 1;
        }
        if bytes.get(end).is_some_and(|&b| b == b'\\' || b >= 0x80) {
            return self.identifier(start, newline);
        }
        let keyword = if end - start <= MAX_KEYWORD_LEN {
            // Sixteen source bytes read at once and masked to the name's length, where the
            // source is long enough; otherwise the name is packed byte by byte.
            let packed = match bytes.get(start..start + 16) {
                Some(chunk) => {
                    let word = u128::from_le_bytes(chunk.try_into().unwrap_or([0; 16]));
                    word & ((1u128 << (8 * (end - start))) - 1)
                }
                None => pack_word(bytes.get(start..end).unwrap_or_default()),
            };
            let keyword = packed_keyword_kind(packed as u8, end - start, packed);
            if keyword.map_or(packed == ARGUMENTS, is_marked_kind) {
                self.mark(start);
            }
            keyword
        } else {
            None
        };
        // Built whole rather than by updating `Token::new`, which would drop the old value.
        let (kind, value) = match keyword {
            Some(kind) => (kind, TokenValue::None),
            None => (
                TokenKind::Identifier,
                TokenValue::Ident(Cow::Borrowed(src.get(start..end).unwrap_or(""))),
            ),
        };
        let token = Token::with_value(kind, start, end, newline, value);
        self.pos = end;
        Ok(token)
    }

    /// An IdentifierName through the slow path (non-ASCII characters or escapes).
    fn identifier(&mut self, start: usize, newline: bool) -> Result<Token<'a>, LexError> {
        let name = scan_identifier_name(self.source, start, "identifier")?;
        // An escaped identifier is always Identifier, even if it spells a keyword: the parser
        // decides whether that is allowed.
        let kind = if name.escaped {
            TokenKind::Identifier
        } else {
            keyword_kind(&name.name).unwrap_or(TokenKind::Identifier)
        };
        if is_marked_kind(kind) || is_marked_name(&name.name) {
            self.mark(start);
        }
        let mut t = Token::new(kind, start, name.end, newline);
        t.escaped = name.escaped;
        if kind == TokenKind::Identifier {
            t.value = TokenValue::Ident(name.name);
        }
        self.pos = name.end;
        Ok(t)
    }

    /// The string literal whose opening quote is at `start`.
    fn string(&mut self, start: usize, newline: bool) -> Result<Token<'a>, LexError> {
        let lit = scan_string(self.source, start)?;
        let value = TokenValue::String(lit.value);
        let mut t = Token::with_value(TokenKind::String, start, lit.end, newline, value);
        t.legacy_octal = lit.legacy_octal;
        self.pos = lit.end;
        Ok(t)
    }

    fn number(&mut self, start: usize, newline: bool) -> Result<Token<'a>, LexError> {
        let lit = scan_number(self.source, start)?;
        let (kind, value) = match lit.value {
            NumberValue::Number(v) => (TokenKind::Number, TokenValue::Number(v)),
            NumberValue::BigInt(digits) => (TokenKind::BigInt, TokenValue::BigInt(digits)),
        };
        let mut t = Token::with_value(kind, start, lit.end, newline, value);
        t.legacy_octal = lit.legacy_octal;
        self.pos = lit.end;
        Ok(t)
    }

    /// The parser saw Slash/SlashEq where an expression starts: re-lex from
    /// `slash.span.start` as a RegularExpressionLiteral. Lexing then continues after it.
    /// <https://tc39.es/ecma262/#prod-RegularExpressionLiteral>
    pub fn rescan_regex(&mut self, slash: &Token<'a>) -> Result<Token<'a>, LexError> {
        let start = slash.span.start as usize;
        let lit = scan_regexp(self.source, start)?;
        let mut t = Token::new(TokenKind::RegExp, start, lit.end, slash.newline_before);
        t.value = TokenValue::RegExp(Box::new(RegExpValue {
            body: lit.body,
            flags: lit.flags,
        }));
        self.pos = lit.end;
        Ok(t)
    }

    /// The parser saw RBrace closing a template substitution: re-lex from `rbrace.span.start`
    /// as TemplateMiddle or TemplateTail.
    /// <https://tc39.es/ecma262/#prod-TemplateSubstitutionTail>
    pub fn rescan_template_continuation(
        &mut self,
        rbrace: &Token<'a>,
    ) -> Result<Token<'a>, LexError> {
        let start = rbrace.span.start as usize;
        if byte_at(self.source, start) != Some(b'}') {
            return Err(LexError::new("expected '}'", start, start));
        }
        let part = scan_template(self.source, start, start + 1)?;
        let kind = if part.tail {
            TokenKind::TemplateTail
        } else {
            TokenKind::TemplateMiddle
        };
        let t = template_token(kind, start, part, rbrace.newline_before);
        self.pos = t.span.end as usize;
        Ok(t)
    }
}

fn template_token<'a>(
    kind: TokenKind,
    start: usize,
    part: crate::template::TemplatePart,
    newline: bool,
) -> Token<'a> {
    let mut t = Token::new(kind, start, part.end, newline);
    t.value = TokenValue::Template(Box::new(TemplateValue {
        cooked: part.cooked,
        raw: part.raw,
    }));
    t
}

/// `arguments` as [`pack_word`] packs it.
const ARGUMENTS: u128 = pack_word(b"arguments");

/// The punctuator starting at `pos` with `=`, `!`, `&` or `|`, by longest match as the DFA
/// finds it (`=`, `==`, `===`, `=>`, `!`, `!=`, `!==`, `&`, `&=`, `&&`, `&&=`, `|`, `|=`,
/// `||`, `||=`), with its end; `None` for any other first byte.
/// <https://tc39.es/ecma262/#sec-punctuators>
#[inline(always)]
fn equality_or_logical_punctuator(bytes: &[u8], pos: usize) -> Option<(TokenKind, usize)> {
    use TokenKind as K;
    let at = |i: usize| bytes.get(pos + i).copied();
    let (kind, len) = match (at(0)?, at(1), at(2)) {
        (b'=', Some(b'='), Some(b'=')) => (K::EqEqEq, 3),
        (b'=', Some(b'='), _) => (K::EqEq, 2),
        (b'=', Some(b'>'), _) => (K::Arrow, 2),
        (b'=', _, _) => (K::Eq, 1),
        (b'!', Some(b'='), Some(b'=')) => (K::NotEqEq, 3),
        (b'!', Some(b'='), _) => (K::NotEq, 2),
        (b'!', _, _) => (K::Bang, 1),
        (b'&', Some(b'&'), Some(b'=')) => (K::AmpAmpEq, 3),
        (b'&', Some(b'&'), _) => (K::AmpAmp, 2),
        (b'&', Some(b'='), _) => (K::AmpEq, 2),
        (b'&', _, _) => (K::Amp, 1),
        (b'|', Some(b'|'), Some(b'=')) => (K::PipePipeEq, 3),
        (b'|', Some(b'|'), _) => (K::PipePipe, 2),
        (b'|', Some(b'='), _) => (K::PipeEq, 2),
        (b'|', _, _) => (K::Pipe, 1),
        _ => return None,
    };
    Some((kind, pos + len))
}

/// The token of a byte of [`class::PUNCT`]: a punctuator that no longer one starts with.
#[inline(always)]
fn single_punctuator(b: u8) -> TokenKind {
    match b {
        b'(' => TokenKind::LParen,
        b')' => TokenKind::RParen,
        b'[' => TokenKind::LBracket,
        b']' => TokenKind::RBracket,
        b'{' => TokenKind::LBrace,
        b'}' => TokenKind::RBrace,
        b',' => TokenKind::Comma,
        b';' => TokenKind::Semicolon,
        b':' => TokenKind::Colon,
        _ => TokenKind::Tilde,
    }
}

/// The offset of the first byte at or after `pos` that is not a space (U+0020), reading eight
/// bytes at a time: a run of spaces ends at the lowest byte that differs from `b' '`.
#[inline(always)]
fn skip_spaces(bytes: &[u8], mut pos: usize) -> usize {
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        let other = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8])) ^ SPACES;
        if other != 0 {
            return pos + (other.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    while bytes.get(pos) == Some(&b' ') {
        pos += 1;
    }
    pos
}

/// Skips from `pos` eight bytes at a time past comment text that matters to nobody: bytes
/// other than `*` and, until a line terminator has been seen, CR, LF and 0xE2 (the first byte
/// of LS and PS). Returns the offset of the first such byte (or of the last few bytes of the
/// source), for the caller to look at bytewise.
#[inline(always)]
fn skip_comment_text(bytes: &[u8], mut pos: usize, newline_seen: bool) -> usize {
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let mut found = byte_mask(word, b'*');
        if !newline_seen {
            found |= byte_mask(word, b'\n') | byte_mask(word, b'\r') | byte_mask(word, 0xE2);
        }
        if found != 0 {
            return pos + (found.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    pos
}

/// The high bit of each byte of `word` that equals `byte`, by the classic zero-byte test on
/// `word` XOR `byte` repeated. The lowest set bit is exact (it marks the first such byte);
/// bits above it may be spurious, which callers ignore.
#[inline(always)]
pub(crate) fn byte_mask(word: u64, byte: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let x = word ^ (ONES * u64::from(byte));
    x.wrapping_sub(ONES) & !x & HIGH
}

/// Whether all eight bytes of `word` are ASCII letters, tested in parallel: setting bit 5
/// maps `A-Z` onto `a-z`, then each byte must lie in `0x61..=0x7A`.
#[inline(always)]
fn all_ascii_letters(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let lower = word | (0x20 * ONES);
    // A byte >= 0x80 sets its high bit in `lower`; below 0x61 it does not in `lower + (0x80 -
    // 0x61)`; above 0x7A it does in `lower + (0x80 - 0x7B)`. No carries cross bytes because
    // every byte of `lower` is < 0x80 whenever the first test passes.
    let ascii = lower & HIGH == 0;
    let at_least_a = lower.wrapping_add((0x80 - 0x61) * ONES) & HIGH == HIGH;
    let above_z = lower.wrapping_add((0x80 - 0x7B) * ONES) & HIGH != 0;
    ascii && at_least_a && !above_z
}

/// Scans the MultiLineComment whose `/*` is at `start`; returns the offset after `*/` and
/// whether it contains a line terminator (which then counts as one for ASI and `-->`).
/// <https://tc39.es/ecma262/#sec-comments>
fn scan_block_comment(src: &str, start: usize) -> Result<(usize, bool), LexError> {
    let bytes = src.as_bytes();
    let mut newline = false;
    let mut pos = skip_comment_text(bytes, start + 2, newline);
    while let Some(&b) = bytes.get(pos) {
        match b {
            b'*' if bytes.get(pos + 1) == Some(&b'/') => return Ok((pos + 2, newline)),
            b'\n' | b'\r' => newline = true,
            0xE2 if !newline && line_terminator_end(src, pos).is_some() => newline = true,
            _ => {}
        }
        pos = skip_comment_text(bytes, pos + 1, newline);
    }
    Err(LexError::eof("unterminated comment", start, pos))
}

#[cfg(test)]
mod tests {
    use super::{all_ascii_letters, byte_mask, equality_or_logical_punctuator, skip_spaces, Raw};
    use logos::Logos;

    fn word(s: &[u8; 8]) -> u64 {
        u64::from_le_bytes(*s)
    }

    #[test]
    fn byte_search_in_words() {
        for target in [b'*', b'\n', b'\r', 0xE2, 0, 0xFF] {
            for i in 0..8 {
                for filler in [0u8, 0x01, b'a', 0x80, 0xE1, 0xE3, 0xFF, 0xFE] {
                    if filler == target {
                        continue;
                    }
                    let mut w = [filler; 8];
                    assert_eq!(byte_mask(u64::from_le_bytes(w), target), 0, "{target}");
                    w[i] = target;
                    let found = byte_mask(u64::from_le_bytes(w), target);
                    assert_eq!(found.trailing_zeros() / 8, i as u32, "{target} {i}");
                    // A later occurrence leaves the first one reported.
                    w[7] = target;
                    let found = byte_mask(u64::from_le_bytes(w), target);
                    assert_eq!(found.trailing_zeros() / 8, i as u32, "{target} {i}");
                }
            }
        }
    }

    #[test]
    fn equality_and_logical_punctuators_match_the_dfa() {
        // Every string of up to four bytes over an alphabet of the relevant characters and a
        // few that end or continue punctuators.
        let alphabet = b"=!&|>a< ";
        let mut inputs: Vec<Vec<u8>> = vec![Vec::new()];
        for _ in 0..4 {
            let longer: Vec<Vec<u8>> = inputs
                .iter()
                .flat_map(|s| {
                    alphabet.iter().map(move |&b| {
                        let mut t = s.clone();
                        t.push(b);
                        t
                    })
                })
                .collect();
            inputs.extend(longer);
        }
        for input in inputs.iter().filter(|s| !s.is_empty()) {
            let src = std::str::from_utf8(input).unwrap_or_default();
            let fast = equality_or_logical_punctuator(input, 0);
            let mut dfa = Raw::lexer(src);
            let expected = match dfa.next() {
                Some(Ok(Raw::Punct(kind))) if b"=!&|".contains(&input[0]) => {
                    Some((kind, dfa.span().end))
                }
                _ => None,
            };
            assert_eq!(fast, expected, "{src:?}");
        }
    }

    #[test]
    fn space_runs() {
        for text in [
            "",
            " ",
            "x",
            "  x",
            "        x",
            "         x",
            "                ",
            "   ",
            "\t ",
        ] {
            for start in 0..=text.len() {
                let expected = start + text[start..].bytes().take_while(|&b| b == b' ').count();
                assert_eq!(
                    skip_spaces(text.as_bytes(), start),
                    expected,
                    "{text:?} {start}"
                );
            }
        }
    }

    #[test]
    fn letter_words() {
        assert!(all_ascii_letters(word(b"abcdWXYZ")));
        assert!(all_ascii_letters(word(b"zzzzAAAA")));
        for bad in [
            b'0', b'_', b'$', b'@', b'[', b'`', b'{', b' ', 0x80, 0xFF, 0xC3, 0,
        ] {
            for i in 0..8 {
                let mut w = *b"abcdefgh";
                w[i] = bad;
                assert!(!all_ascii_letters(word(&w)), "{bad} at {i}");
            }
        }
    }

    #[test]
    fn agrees_with_bytewise_check() {
        for b in 0..=255u8 {
            let w = [b, b'a', b'b', b'c', b'd', b'e', b'f', b'g'];
            assert_eq!(all_ascii_letters(word(&w)), b.is_ascii_alphabetic(), "{b}");
        }
    }
}
