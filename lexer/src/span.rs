//! Source positions and the lexer's error type.

/// Byte offsets into the UTF-8 source, half-open.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// Builds a span from `usize` offsets; callers guarantee the source fits in `u32`
    /// (checked once in `Lexer::next_token`), the saturation only guards that invariant.
    pub(crate) fn new(start: usize, end: usize) -> Self {
        Span {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }
}

/// A lexical error.
#[derive(Clone, Debug, PartialEq)]
pub struct LexError {
    /// Boxed rather than a `String` to keep `Result<Token, LexError>` as small as a token.
    pub message: Box<str>,
    pub span: Span,
    /// The error happened because the input ended (unterminated string, template, comment or
    /// regular expression), so a REPL may ask for more input.
    pub eof: bool,
}

impl LexError {
    pub(crate) fn new(message: impl Into<String>, start: usize, end: usize) -> Self {
        LexError {
            message: message.into().into_boxed_str(),
            span: Span::new(start, end),
            eof: false,
        }
    }

    pub(crate) fn eof(message: impl Into<String>, start: usize, end: usize) -> Self {
        LexError {
            message: message.into().into_boxed_str(),
            span: Span::new(start, end),
            eof: true,
        }
    }
}

impl std::fmt::Display for LexError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LexError {}
