//! Syntax errors: the public [`SyntaxError`] and the parser's internal error type.

use moat_lexer::{LexError, LineIndex, Span};

/// A SyntaxError with its position. `line`/`column` are 1-based, columns in UTF-16 units.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
    pub line: u32,
    pub column: u32,
    /// The input ended too early (a REPL may ask for more input).
    pub unexpected_eof: bool,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for SyntaxError {}

/// The parser's error: boxed so `Result`s stay one word wide on the hot path.
#[derive(Debug)]
pub(crate) struct PError {
    pub message: String,
    pub span: Span,
    pub eof: bool,
}

pub(crate) type PResult<T> = Result<T, Box<PError>>;

impl PError {
    pub fn new(message: impl Into<String>, span: Span) -> Box<PError> {
        Box::new(PError {
            message: message.into(),
            span,
            eof: false,
        })
    }

    pub fn into_syntax_error(self, source: &str) -> SyntaxError {
        let (line, column) = LineIndex::new(source).line_col(self.span.start);
        SyntaxError {
            message: self.message,
            span: self.span,
            line,
            column,
            unexpected_eof: self.eof,
        }
    }
}

impl From<LexError> for Box<PError> {
    fn from(e: LexError) -> Self {
        Box::new(PError {
            message: e.message.into(),
            span: e.span,
            eof: e.eof,
        })
    }
}
