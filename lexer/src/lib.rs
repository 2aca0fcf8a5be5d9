//! moat-lexer: the ECMAScript lexical grammar.
//! <https://tc39.es/ecma262/#sec-ecmascript-language-lexical-grammar>
//!
//! [`Lexer::next_token`] lexes in the InputElementDiv goal; the parser asks for the other goals
//! with [`Lexer::rescan_regex`] and [`Lexer::rescan_template_continuation`].
#![forbid(unsafe_code)]

mod chars;
mod escape;
mod ident;
mod lexer;
mod line_index;
mod number;
mod raw;
mod regex;
mod span;
mod string;
mod template;
mod token;

#[cfg(test)]
mod tests;

pub use chars::{is_id_continue, is_id_start};
pub use lexer::{Checkpoint, Goal, Lexer};
pub use line_index::LineIndex;
pub use span::{LexError, Span};
pub use token::{keyword_kind, RegExpValue, TemplateValue, Token, TokenKind, TokenValue};
