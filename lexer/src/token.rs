//! Tokens: their kinds, values and the keyword table.

use crate::span::{LexError, Span};
use std::borrow::Cow;

/// Declares `TokenKind` together with the source text of each fixed-text kind, so the two can
/// never drift apart.
macro_rules! token_kinds {
    (
        other { $($o:ident => $od:literal),* $(,)? }
        words { $($w:ident => $wt:literal),* $(,)? }
        puncts { $($p:ident => $pt:literal),* $(,)? }
    ) => {
        /// The kind of a token.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum TokenKind {
            $($o,)*
            $($w,)*
            $($p,)*
        }

        impl TokenKind {
            /// Any reserved or contextual word variant.
            pub fn is_keyword_like(self) -> bool {
                matches!(self, $(TokenKind::$w)|*)
            }

            /// Source text of keyword and punctuator kinds, a description for the others.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(TokenKind::$o => $od,)*
                    $(TokenKind::$w => $wt,)*
                    $(TokenKind::$p => $pt,)*
                }
            }
        }

        /// Every reserved or contextual word with its kind, for [`KEYWORD_BUCKETS`].
        const WORDS: &[(&str, TokenKind)] = &[$(($wt, TokenKind::$w),)*];
    };
}

token_kinds! {
    other {
        Eof => "end of input",
        Identifier => "identifier",
        PrivateName => "private name",
        Number => "number",
        BigInt => "bigint",
        String => "string",
        NoSubstitutionTemplate => "template",
        TemplateHead => "template head",
        TemplateMiddle => "template middle",
        TemplateTail => "template tail",
        RegExp => "regular expression",
    }
    words {
        Await => "await", Break => "break", Case => "case", Catch => "catch", Class => "class",
        Const => "const", Continue => "continue", Debugger => "debugger", Default => "default",
        Delete => "delete", Do => "do", Else => "else", Enum => "enum", Export => "export",
        Extends => "extends", False => "false", Finally => "finally", For => "for",
        Function => "function", If => "if", Import => "import", In => "in",
        Instanceof => "instanceof", New => "new", Null => "null", Return => "return",
        Super => "super", Switch => "switch", This => "this", Throw => "throw", True => "true",
        Try => "try", Typeof => "typeof", Var => "var", Void => "void", While => "while",
        With => "with", Yield => "yield",
        Let => "let", Static => "static", Implements => "implements", Interface => "interface",
        Package => "package", Private => "private", Protected => "protected", Public => "public",
        As => "as", Async => "async", From => "from", Get => "get", Set => "set", Of => "of",
        Target => "target", Meta => "meta", Using => "using", Accessor => "accessor",
        Source => "source", Defer => "defer",
    }
    puncts {
        LBrace => "{", RBrace => "}", LParen => "(", RParen => ")", LBracket => "[",
        RBracket => "]", Dot => ".", Ellipsis => "...", Semicolon => ";", Comma => ",",
        Lt => "<", Gt => ">", LtEq => "<=", GtEq => ">=", EqEq => "==", NotEq => "!=",
        EqEqEq => "===", NotEqEq => "!==",
        Plus => "+", Minus => "-", Star => "*", Slash => "/", Percent => "%", StarStar => "**",
        PlusPlus => "++", MinusMinus => "--",
        LtLt => "<<", GtGt => ">>", GtGtGt => ">>>", Amp => "&", Pipe => "|", Caret => "^",
        Bang => "!", Tilde => "~", AmpAmp => "&&", PipePipe => "||", QuestionQuestion => "??",
        Question => "?", QuestionDot => "?.", Colon => ":", Eq => "=", PlusEq => "+=",
        MinusEq => "-=", StarEq => "*=", SlashEq => "/=", PercentEq => "%=", StarStarEq => "**=",
        LtLtEq => "<<=", GtGtEq => ">>=", GtGtGtEq => ">>>=", AmpEq => "&=", PipeEq => "|=",
        CaretEq => "^=", AmpAmpEq => "&&=", PipePipeEq => "||=", QuestionQuestionEq => "??=",
        Arrow => "=>",
    }
}

/// Most keywords sharing one first letter (`d`: debugger, default, defer, delete, do).
const BUCKET_SIZE: usize = 6;

/// The longest keyword (`implements`, `instanceof`); longer names are never keywords.
pub(crate) const MAX_KEYWORD_LEN: usize = 10;

/// One keyword of a [`KEYWORD_BUCKETS`] bucket: its length, its bytes packed little-endian
/// into a `u128` (zero above the length) and its kind. Comparing a candidate is then two
/// integer comparisons instead of a call to `memcmp`.
#[derive(Clone, Copy)]
struct Keyword {
    len: u8,
    packed: u128,
    kind: TokenKind,
}

/// The words of [`WORDS`] grouped by their first letter (`a`..=`z`), so a lookup compares
/// the candidate with at most [`BUCKET_SIZE`] words instead of hashing it or trying all.
static KEYWORD_BUCKETS: [[Option<Keyword>; BUCKET_SIZE]; 26] = keyword_buckets();

/// For each first letter, bit `n` is set when some keyword of length `n` starts with it, so
/// most identifiers are ruled out by one table read before any comparison.
static KEYWORD_LENGTHS: [u16; 26] = keyword_lengths();

const fn keyword_lengths() -> [u16; 26] {
    let mut masks = [0u16; 26];
    let mut i = 0;
    while i < WORDS.len() {
        let bytes = WORDS[i].0.as_bytes();
        masks[(bytes[0] - b'a') as usize] |= 1 << bytes.len();
        i += 1;
    }
    masks
}

/// `bytes` packed little-endian into a `u128`, zero-extended (at most 16 bytes are read).
pub(crate) const fn pack_word(bytes: &[u8]) -> u128 {
    let mut packed = 0u128;
    let mut i = 0;
    while i < bytes.len() && i < 16 {
        packed |= (bytes[i] as u128) << (8 * i);
        i += 1;
    }
    packed
}

/// Builds [`KEYWORD_BUCKETS`] at compile time; a word that is not lower-case ASCII, is longer
/// than [`MAX_KEYWORD_LEN`] or overflows its bucket stops the build, so the table cannot
/// silently miss a keyword.
const fn keyword_buckets() -> [[Option<Keyword>; BUCKET_SIZE]; 26] {
    let mut table = [[None; BUCKET_SIZE]; 26];
    let mut i = 0;
    while i < WORDS.len() {
        let (text, kind) = WORDS[i];
        let bytes = text.as_bytes();
        assert!(bytes.len() >= 2 && bytes.len() <= MAX_KEYWORD_LEN);
        let letter = (bytes[0] - b'a') as usize;
        let mut slot = 0;
        while table[letter][slot].is_some() {
            slot += 1;
        }
        table[letter][slot] = Some(Keyword {
            len: bytes.len() as u8,
            packed: pack_word(bytes),
            kind,
        });
        i += 1;
    }
    table
}

/// The keyword kind of an unescaped ASCII identifier of `len` bytes (at most
/// [`MAX_KEYWORD_LEN`]) starting with `first` and packed as by [`pack_word`]; `None` for an
/// ordinary identifier.
#[inline]
pub(crate) fn packed_keyword_kind(first: u8, len: usize, packed: u128) -> Option<TokenKind> {
    let letter = first.wrapping_sub(b'a') as usize;
    let lengths = KEYWORD_LENGTHS.get(letter)?;
    if lengths & (1 << (len & 15)) == 0 {
        return None;
    }
    let bucket = KEYWORD_BUCKETS.get(letter)?;
    for keyword in bucket.iter().flatten() {
        if keyword.len as usize == len && keyword.packed == packed {
            return Some(keyword.kind);
        }
    }
    None
}

/// The keyword kind of an unescaped ASCII identifier, `None` for an ordinary identifier.
#[inline]
pub(crate) fn ascii_keyword_kind(name: &[u8]) -> Option<TokenKind> {
    if name.len() > MAX_KEYWORD_LEN {
        return None;
    }
    packed_keyword_kind(*name.first()?, name.len(), pack_word(name))
}

/// The token kind an unescaped identifier with this text lexes as (`Some(TokenKind::Let)` for
/// "let", `None` for "foo").
pub fn keyword_kind(name: &str) -> Option<TokenKind> {
    ascii_keyword_kind(name.as_bytes())
}

/// The value a token carries besides its kind.
#[derive(Clone, Debug, PartialEq)]
pub enum TokenValue<'a> {
    /// Punctuators and unescaped keywords (use `kind.as_str()`).
    None,
    /// Identifier and PrivateName: the cooked name (escapes decoded), borrowed when unescaped.
    Ident(Cow<'a, str>),
    /// The correctly rounded value of a Number token.
    Number(f64),
    /// Source digits with the prefix kept (lower-cased), separators and the `n` removed:
    /// "0x1f", "123".
    BigInt(Box<str>),
    /// Cooked UTF-16 value; lone surrogates are preserved.
    String(Box<[u16]>),
    /// A template part; boxed, as templates are rare and every token is moved on each bump.
    Template(Box<TemplateValue>),
    /// A regular expression literal; boxed for the same reason as `Template`.
    RegExp(Box<RegExpValue<'a>>),
}

/// The value of a template token.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateValue {
    /// `Err` on an invalid escape, which only tagged templates accept (the parser decides).
    pub cooked: Result<Box<[u16]>, Box<LexError>>,
    /// The TRV with CR and CRLF normalised to LF.
    pub raw: Box<str>,
}

/// Body and flags of a regular expression literal, unvalidated beyond the lexical grammar.
#[derive(Clone, Debug, PartialEq)]
pub struct RegExpValue<'a> {
    pub body: &'a str,
    pub flags: &'a str,
}

/// One token.
#[derive(Clone, Debug, PartialEq)]
pub struct Token<'a> {
    pub kind: TokenKind,
    pub span: Span,
    /// A LineTerminator (also one inside a multi-line comment) occurs between the previous
    /// token and this one.
    pub newline_before: bool,
    /// An identifier- or keyword-looking token contained a `\u` escape.
    pub escaped: bool,
    /// Number: legacy octal (`017`) or NonOctalDecimalIntegerLiteral (`08`, `09.5`).
    /// String: contains a LegacyOctalEscapeSequence or NonOctalDecimalEscapeSequence.
    /// Strict code rejects these.
    pub legacy_octal: bool,
    pub value: TokenValue<'a>,
}

impl<'a> Token<'a> {
    pub(crate) fn new(kind: TokenKind, start: usize, end: usize, newline_before: bool) -> Self {
        Token {
            kind,
            span: Span::new(start, end),
            newline_before,
            escaped: false,
            legacy_octal: false,
            value: TokenValue::None,
        }
    }

    /// A token carrying `value`.
    #[inline]
    pub(crate) fn with_value(
        kind: TokenKind,
        start: usize,
        end: usize,
        newline_before: bool,
        value: TokenValue<'a>,
    ) -> Self {
        Token {
            kind,
            span: Span::new(start, end),
            newline_before,
            escaped: false,
            legacy_octal: false,
            value,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyword_table() {
        assert_eq!(keyword_kind("let"), Some(TokenKind::Let));
        assert_eq!(keyword_kind("instanceof"), Some(TokenKind::Instanceof));
        assert_eq!(keyword_kind("defer"), Some(TokenKind::Defer));
        assert_eq!(keyword_kind("foo"), None);
        assert_eq!(keyword_kind("Let"), None);
        assert!(TokenKind::Await.is_keyword_like());
        assert!(TokenKind::Accessor.is_keyword_like());
        assert!(!TokenKind::Identifier.is_keyword_like());
        assert!(!TokenKind::Arrow.is_keyword_like());
        assert_eq!(keyword_kind(""), None);
        assert_eq!(keyword_kind("é"), None);
        assert_eq!(keyword_kind("Zoo"), None);
    }

    #[test]
    fn every_word_is_in_the_table() {
        for (text, kind) in WORDS {
            assert_eq!(keyword_kind(text), Some(*kind), "{text}");
            assert!(kind.is_keyword_like());
            assert_eq!(kind.as_str(), *text);
            // A prefix or extension of a keyword is not one (unless itself listed).
            let longer = format!("{text}x");
            assert_eq!(keyword_kind(&longer), None, "{longer}");
        }
        assert_eq!(keyword_kind("a"), None);
        assert_eq!(keyword_kind("asyn"), None);
    }

    #[test]
    fn tokens_stay_small() {
        // Tokens are moved on every bump; a large inline variant would make them all bigger.
        assert!(std::mem::size_of::<TokenValue<'static>>() <= 24);
        assert!(std::mem::size_of::<Token<'static>>() <= 40);
        // The lexer's result is moved on every token too: an error must not make it bigger.
        assert!(std::mem::size_of::<Result<Token<'static>, LexError>>() <= 40);
    }

    #[test]
    fn texts() {
        assert_eq!(TokenKind::Await.as_str(), "await");
        assert_eq!(TokenKind::Arrow.as_str(), "=>");
        assert_eq!(TokenKind::GtGtGtEq.as_str(), ">>>=");
        assert_eq!(TokenKind::Eof.as_str(), "end of input");
        assert_eq!(TokenKind::Identifier.as_str(), "identifier");
        assert_eq!(TokenKind::Number.as_str(), "number");
    }
}
