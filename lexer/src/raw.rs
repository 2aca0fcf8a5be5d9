//! The logos-derived DFA that dispatches on the first characters of every token.
//!
//! It recognises whole punctuators, keywords, ASCII identifiers, whitespace, line terminators and
//! single-line comments; for the other tokens it recognises the opening characters and the
//! lexer scans the rest by hand (strings, templates, numbers, block comments, non-ASCII and
//! escaped identifiers, private names). `.`, `...`, `<!--`, `-->` and `?.` need more lookahead
//! than a DFA gives for free, so the lexer finishes those too.

use crate::token::TokenKind;
use logos::Logos;

#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Raw {
    /// A run of WhiteSpace (TAB VT FF SP NBSP ZWNBSP and the other `Zs` characters).
    #[regex(r"[\t\x0B\x0C \u{A0}\u{FEFF}\u{1680}\u{2000}-\u{200A}\u{202F}\u{205F}\u{3000}]+")]
    WhiteSpace,
    /// A LineTerminator followed by any whitespace and further line terminators.
    #[regex(r"[\n\r\u{2028}\u{2029}][\n\r\u{2028}\u{2029}\t\x0B\x0C \u{A0}\u{FEFF}\u{1680}\u{2000}-\u{200A}\u{202F}\u{205F}\u{3000}]*")]
    Newline,
    #[regex(r"//[^\n\r\u{2028}\u{2029}]*")]
    LineComment,
    #[token("/*")]
    BlockCommentStart,
    /// An ASCII IdentifierName that is not a keyword (it may continue with non-ASCII
    /// characters or escapes, which the lexer checks).
    #[regex(r"[a-zA-Z_$][a-zA-Z0-9_$]*")]
    Ident,
    #[token("await", |_| TokenKind::Await)]
    #[token("break", |_| TokenKind::Break)]
    #[token("case", |_| TokenKind::Case)]
    #[token("catch", |_| TokenKind::Catch)]
    #[token("class", |_| TokenKind::Class)]
    #[token("const", |_| TokenKind::Const)]
    #[token("continue", |_| TokenKind::Continue)]
    #[token("debugger", |_| TokenKind::Debugger)]
    #[token("default", |_| TokenKind::Default)]
    #[token("delete", |_| TokenKind::Delete)]
    #[token("do", |_| TokenKind::Do)]
    #[token("else", |_| TokenKind::Else)]
    #[token("enum", |_| TokenKind::Enum)]
    #[token("export", |_| TokenKind::Export)]
    #[token("extends", |_| TokenKind::Extends)]
    #[token("false", |_| TokenKind::False)]
    #[token("finally", |_| TokenKind::Finally)]
    #[token("for", |_| TokenKind::For)]
    #[token("function", |_| TokenKind::Function)]
    #[token("if", |_| TokenKind::If)]
    #[token("import", |_| TokenKind::Import)]
    #[token("in", |_| TokenKind::In)]
    #[token("instanceof", |_| TokenKind::Instanceof)]
    #[token("new", |_| TokenKind::New)]
    #[token("null", |_| TokenKind::Null)]
    #[token("return", |_| TokenKind::Return)]
    #[token("super", |_| TokenKind::Super)]
    #[token("switch", |_| TokenKind::Switch)]
    #[token("this", |_| TokenKind::This)]
    #[token("throw", |_| TokenKind::Throw)]
    #[token("true", |_| TokenKind::True)]
    #[token("try", |_| TokenKind::Try)]
    #[token("typeof", |_| TokenKind::Typeof)]
    #[token("var", |_| TokenKind::Var)]
    #[token("void", |_| TokenKind::Void)]
    #[token("while", |_| TokenKind::While)]
    #[token("with", |_| TokenKind::With)]
    #[token("yield", |_| TokenKind::Yield)]
    #[token("let", |_| TokenKind::Let)]
    #[token("static", |_| TokenKind::Static)]
    #[token("implements", |_| TokenKind::Implements)]
    #[token("interface", |_| TokenKind::Interface)]
    #[token("package", |_| TokenKind::Package)]
    #[token("private", |_| TokenKind::Private)]
    #[token("protected", |_| TokenKind::Protected)]
    #[token("public", |_| TokenKind::Public)]
    #[token("as", |_| TokenKind::As)]
    #[token("async", |_| TokenKind::Async)]
    #[token("from", |_| TokenKind::From)]
    #[token("get", |_| TokenKind::Get)]
    #[token("set", |_| TokenKind::Set)]
    #[token("of", |_| TokenKind::Of)]
    #[token("target", |_| TokenKind::Target)]
    #[token("meta", |_| TokenKind::Meta)]
    #[token("using", |_| TokenKind::Using)]
    #[token("accessor", |_| TokenKind::Accessor)]
    #[token("source", |_| TokenKind::Source)]
    #[token("defer", |_| TokenKind::Defer)]
    Word(TokenKind),
    #[token("{", |_| TokenKind::LBrace)]
    #[token("}", |_| TokenKind::RBrace)]
    #[token("(", |_| TokenKind::LParen)]
    #[token(")", |_| TokenKind::RParen)]
    #[token("[", |_| TokenKind::LBracket)]
    #[token("]", |_| TokenKind::RBracket)]
    #[token(";", |_| TokenKind::Semicolon)]
    #[token(",", |_| TokenKind::Comma)]
    #[token("<", |_| TokenKind::Lt)]
    #[token(">", |_| TokenKind::Gt)]
    #[token("<=", |_| TokenKind::LtEq)]
    #[token(">=", |_| TokenKind::GtEq)]
    #[token("==", |_| TokenKind::EqEq)]
    #[token("!=", |_| TokenKind::NotEq)]
    #[token("===", |_| TokenKind::EqEqEq)]
    #[token("!==", |_| TokenKind::NotEqEq)]
    #[token("+", |_| TokenKind::Plus)]
    #[token("-", |_| TokenKind::Minus)]
    #[token("*", |_| TokenKind::Star)]
    #[token("/", |_| TokenKind::Slash)]
    #[token("%", |_| TokenKind::Percent)]
    #[token("**", |_| TokenKind::StarStar)]
    #[token("++", |_| TokenKind::PlusPlus)]
    #[token("--", |_| TokenKind::MinusMinus)]
    #[token("<<", |_| TokenKind::LtLt)]
    #[token(">>", |_| TokenKind::GtGt)]
    #[token(">>>", |_| TokenKind::GtGtGt)]
    #[token("&", |_| TokenKind::Amp)]
    #[token("|", |_| TokenKind::Pipe)]
    #[token("^", |_| TokenKind::Caret)]
    #[token("!", |_| TokenKind::Bang)]
    #[token("~", |_| TokenKind::Tilde)]
    #[token("&&", |_| TokenKind::AmpAmp)]
    #[token("||", |_| TokenKind::PipePipe)]
    #[token("??", |_| TokenKind::QuestionQuestion)]
    #[token("?", |_| TokenKind::Question)]
    #[token("?.", |_| TokenKind::QuestionDot)]
    #[token(":", |_| TokenKind::Colon)]
    #[token("=", |_| TokenKind::Eq)]
    #[token("+=", |_| TokenKind::PlusEq)]
    #[token("-=", |_| TokenKind::MinusEq)]
    #[token("*=", |_| TokenKind::StarEq)]
    #[token("/=", |_| TokenKind::SlashEq)]
    #[token("%=", |_| TokenKind::PercentEq)]
    #[token("**=", |_| TokenKind::StarStarEq)]
    #[token("<<=", |_| TokenKind::LtLtEq)]
    #[token(">>=", |_| TokenKind::GtGtEq)]
    #[token(">>>=", |_| TokenKind::GtGtGtEq)]
    #[token("&=", |_| TokenKind::AmpEq)]
    #[token("|=", |_| TokenKind::PipeEq)]
    #[token("^=", |_| TokenKind::CaretEq)]
    #[token("&&=", |_| TokenKind::AmpAmpEq)]
    #[token("||=", |_| TokenKind::PipePipeEq)]
    #[token("??=", |_| TokenKind::QuestionQuestionEq)]
    #[token("=>", |_| TokenKind::Arrow)]
    Punct(TokenKind),
    #[token(".")]
    Dot,
    #[regex("[0-9]")]
    Digit,
    #[token("\"")]
    DoubleQuote,
    #[token("'")]
    SingleQuote,
    #[token("`")]
    Backtick,
    #[token("#")]
    Hash,
    #[token("\\")]
    Backslash,
}
