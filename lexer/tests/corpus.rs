//! Lexes the test262-parser-tests `pass/` corpus (every file must lex), deciding regex vs
//! division with the usual previous-token heuristic in place of a parser.

use moat_lexer::{Goal, Lexer, TokenKind};
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/test262-parser-tests")
}

/// Whether a `/` after `prev` starts a regular expression (a heuristic that is right for
/// nearly all real code).
fn regex_allowed(prev: Option<TokenKind>, before_prev: Option<TokenKind>) -> bool {
    use TokenKind::*;
    if before_prev == Some(Dot) || before_prev == Some(QuestionDot) {
        // `a.in / b`: a word after `.` is a property name.
        return false;
    }
    match prev {
        None => true,
        Some(k) => match k {
            RParen
            | RBracket
            | RBrace
            | PlusPlus
            | MinusMinus
            | Identifier
            | PrivateName
            | Number
            | BigInt
            | String
            | NoSubstitutionTemplate
            | TemplateTail
            | RegExp
            | This
            | Super
            | Null
            | True
            | False => false,
            _ if k.is_keyword_like() => matches!(
                k,
                Return
                    | Typeof
                    | Instanceof
                    | In
                    | Of
                    | New
                    | Delete
                    | Void
                    | Throw
                    | Case
                    | Do
                    | Else
                    | Yield
                    | Await
                    | Extends
            ),
            _ => true,
        },
    }
}

/// Lexes `src` to the end; returns the first error.
pub fn lex_file(src: &str, goal: Goal) -> Result<usize, String> {
    let mut lexer = Lexer::new(src, goal);
    let mut prev = None;
    let mut before_prev = None;
    // Open-brace counts of the template substitutions we are inside.
    let mut substitutions: Vec<usize> = Vec::new();
    let mut count = 0;
    loop {
        let mut t = lexer.next_token().map_err(|e| format!("{e:?}"))?;
        match t.kind {
            TokenKind::Eof => return Ok(count),
            TokenKind::Slash | TokenKind::SlashEq if regex_allowed(prev, before_prev) => {
                t = lexer.rescan_regex(&t).map_err(|e| format!("{e:?}"))?;
            }
            TokenKind::TemplateHead => substitutions.push(0),
            TokenKind::LBrace => {
                if let Some(n) = substitutions.last_mut() {
                    *n += 1;
                }
            }
            TokenKind::RBrace => match substitutions.last_mut() {
                Some(0) => {
                    t = lexer
                        .rescan_template_continuation(&t)
                        .map_err(|e| format!("{e:?}"))?;
                    if t.kind == TokenKind::TemplateTail {
                        substitutions.pop();
                    }
                }
                Some(n) => *n -= 1,
                None => {}
            },
            _ => {}
        }
        before_prev = prev;
        prev = Some(t.kind);
        count += 1;
    }
}

/// Files where a `}` ending a block is followed by a regex, which only a parser can tell
/// from a `}` ending an object literal followed by division.
const NEEDS_PARSER: &[&str] = &[
    "pass/dec1ae80150e1664.js",
    "pass-explicit/dec1ae80150e1664.js",
];

#[test]
fn parser_tests_pass_corpus_lexes() {
    let mut failures = Vec::new();
    let mut files = 0;
    for sub in ["pass", "pass-explicit"] {
        let dir = corpus_dir().join(sub);
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("test262-parser-tests missing at {}: {e}", dir.display()));
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(src) = std::fs::read_to_string(&path) else {
                continue;
            };
            files += 1;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let name = name.unwrap_or_default();
            let goal = if name.contains(".module.") {
                Goal::Module
            } else {
                Goal::Script
            };
            let key = format!("{sub}/{name}");
            match lex_file(&src, goal) {
                Err(e) if !NEEDS_PARSER.contains(&key.as_str()) => {
                    failures.push(format!("{key}: {e}"));
                }
                Ok(_) if NEEDS_PARSER.contains(&key.as_str()) => {
                    failures.push(format!("{key}: expected the heuristic to fail"));
                }
                _ => {}
            }
        }
    }
    assert!(files > 1000, "only {files} files found");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
