//! Lexes a whole source without the parser, to measure the lexer alone.
//!
//! Whether `/` starts a RegularExpressionLiteral and whether `}` closes a template substitution
//! depend on the syntactic context (<https://tc39.es/ecma262/#sec-ecmascript-language-lexical-grammar>),
//! which only the parser knows. This driver approximates it with the usual previous-token
//! heuristic plus a bracket stack; that is exact for the bundles we benchmark (checked by
//! running it over them) but not for every program, so it is a measuring tool, not a
//! tokenizer for other uses.

use moat_lexer::{Goal, LexError, Lexer, TokenKind};

/// Upper bound on bracket nesting tracked, so hostile input cannot grow the stack unboundedly.
const MAX_NESTING: usize = 10_000;

/// What an open bracket was, to decide what its closer allows next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    /// `{`
    Brace,
    /// `${` of a TemplateHead or TemplateMiddle: its `}` continues the template.
    Substitution,
    /// `(` after `if`, `while`, `for` or `with`: a regex may follow the `)`.
    ConditionParen,
    /// Any other `(` or `[`.
    Other,
}

/// Counts of what the lex-only run produced.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LexSummary {
    /// Tokens, Eof excluded.
    pub tokens: usize,
    pub regexps: usize,
    pub templates: usize,
}

/// Lexes `source` to Eof with [`Lexer::next_token`], rescanning `/` as a regex and `}` as a
/// template continuation where the heuristic says so.
pub fn lex_all(source: &str, goal: Goal) -> Result<LexSummary, LexError> {
    let mut lexer = Lexer::new(source, goal);
    let mut stack: Vec<Open> = Vec::new();
    let mut summary = LexSummary::default();
    // Most recent token kind, and whether the `(` after it opens a statement condition.
    let mut prev: Option<TokenKind> = None;
    let mut regex_after_rparen = false;
    loop {
        let mut token = lexer.next_token()?;
        match token.kind {
            TokenKind::Eof => return Ok(summary),
            TokenKind::Slash | TokenKind::SlashEq if regex_allowed(prev, regex_after_rparen) => {
                token = lexer.rescan_regex(&token)?;
                summary.regexps += 1;
            }
            TokenKind::RBrace if stack.last() == Some(&Open::Substitution) => {
                stack.pop();
                token = lexer.rescan_template_continuation(&token)?;
                if token.kind == TokenKind::TemplateMiddle {
                    stack.push(Open::Substitution);
                }
            }
            _ => {}
        }
        regex_after_rparen = false;
        match token.kind {
            TokenKind::LBrace => push(&mut stack, Open::Brace, &token)?,
            TokenKind::TemplateHead => {
                summary.templates += 1;
                push(&mut stack, Open::Substitution, &token)?;
            }
            TokenKind::NoSubstitutionTemplate => summary.templates += 1,
            TokenKind::LParen => {
                let open = match prev {
                    Some(TokenKind::If | TokenKind::While | TokenKind::For | TokenKind::With) => {
                        Open::ConditionParen
                    }
                    _ => Open::Other,
                };
                push(&mut stack, open, &token)?;
            }
            TokenKind::LBracket => push(&mut stack, Open::Other, &token)?,
            TokenKind::RParen => regex_after_rparen = stack.pop() == Some(Open::ConditionParen),
            TokenKind::RBrace | TokenKind::RBracket => {
                stack.pop();
            }
            _ => {}
        }
        summary.tokens += 1;
        prev = Some(token.kind);
    }
}

fn push(stack: &mut Vec<Open>, open: Open, at: &moat_lexer::Token<'_>) -> Result<(), LexError> {
    if stack.len() >= MAX_NESTING {
        return Err(LexError {
            message: "brackets nested too deeply for the lex-only driver".into(),
            span: at.span,
            eof: false,
        });
    }
    stack.push(open);
    Ok(())
}

/// Whether a `/` after `prev` starts a regular expression: it does where an expression may
/// start, i.e. after punctuators and operator keywords, and not after something that ends an
/// operand (identifier, literal, `)`, `]`, `}`, `this`, ...).
fn regex_allowed(prev: Option<TokenKind>, after_condition_paren: bool) -> bool {
    use TokenKind as K;
    let Some(prev) = prev else { return true };
    match prev {
        K::RParen => after_condition_paren,
        K::Identifier
        | K::PrivateName
        | K::Number
        | K::BigInt
        | K::String
        | K::NoSubstitutionTemplate
        | K::TemplateTail
        | K::RegExp
        | K::RBracket
        | K::RBrace
        | K::PlusPlus
        | K::MinusMinus
        | K::This
        | K::Super
        | K::Null
        | K::True
        | K::False => false,
        // Contextual keywords are usually plain identifiers in real code.
        K::Let
        | K::Static
        | K::Implements
        | K::Interface
        | K::Package
        | K::Private
        | K::Protected
        | K::Public
        | K::As
        | K::Async
        | K::From
        | K::Get
        | K::Set
        | K::Of
        | K::Target
        | K::Meta
        | K::Using
        | K::Accessor
        | K::Source
        | K::Defer => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex(src: &str) -> LexSummary {
        match lex_all(src, Goal::Script) {
            Ok(s) => s,
            Err(e) => panic!("lex error on {src:?}: {e} at {:?}", e.span),
        }
    }

    #[test]
    fn division_after_operands() {
        let s = lex("a / b; x[0] / 2; f() / 3; this / 4; 1 /= 2");
        assert_eq!(s.regexps, 0);
    }

    #[test]
    fn regex_where_an_expression_starts() {
        assert_eq!(lex("x = /a'b/g; return /[/]/.test(s)").regexps, 2);
        assert_eq!(lex("if (ok) /re/.exec(s)").regexps, 1);
        assert_eq!(lex("f(/=/)").regexps, 1);
        assert_eq!(lex("/a/").regexps, 1);
    }

    #[test]
    fn templates_with_nested_braces() {
        let s = lex("`a${ {b: 1}.b }c${ `d${e}` }f` / 2");
        assert_eq!(s.templates, 2);
        assert_eq!(s.regexps, 0);
    }

    #[test]
    fn counts_tokens_without_eof() {
        assert_eq!(lex("a + b;").tokens, 4);
        assert_eq!(lex("").tokens, 0);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let src = "(".repeat(MAX_NESTING + 1);
        assert!(lex_all(&src, Goal::Script).is_err());
    }

    #[test]
    fn lex_errors_surface() {
        assert!(lex_all("'unterminated", Goal::Script).is_err());
    }
}
