//! Lexer-level tests: every token kind, trivia, Annex B comments, rescans, checkpoints, and
//! hostile input.

use crate::{
    Goal, LexError, Lexer, RegExpValue, Span, TemplateValue, Token, TokenKind, TokenValue,
};
use std::borrow::Cow;

fn lex_goal(src: &str, goal: Goal) -> Result<Vec<Token<'_>>, LexError> {
    let mut lexer = Lexer::new(src, goal);
    let mut out = Vec::new();
    loop {
        let t = lexer.next_token()?;
        if t.kind == TokenKind::Eof {
            return Ok(out);
        }
        out.push(t);
    }
}

fn lex(src: &str) -> Vec<Token<'_>> {
    lex_goal(src, Goal::Script).unwrap_or_else(|e| panic!("{src:?}: {e:?}"))
}

fn kinds(src: &str) -> Vec<TokenKind> {
    lex(src).iter().map(|t| t.kind).collect()
}

fn one(src: &str) -> Token<'_> {
    let mut tokens = lex(src);
    assert_eq!(tokens.len(), 1, "{src:?}: {tokens:?}");
    tokens.remove(0)
}

fn err(src: &str) -> LexError {
    match lex_goal(src, Goal::Script) {
        Err(e) => e,
        Ok(t) => panic!("{src:?} should fail, got {t:?}"),
    }
}

fn units(s: &str) -> Box<[u16]> {
    s.encode_utf16().collect()
}

const PUNCTUATORS: &[&str] = &[
    "{", "}", "(", ")", "[", "]", ".", "...", ";", ",", "<", ">", "<=", ">=", "==", "!=", "===",
    "!==", "+", "-", "*", "/", "%", "**", "++", "--", "<<", ">>", ">>>", "&", "|", "^", "!", "~",
    "&&", "||", "??", "?", "?.", ":", "=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=", ">>=",
    ">>>=", "&=", "|=", "^=", "&&=", "||=", "??=", "=>",
];

const WORDS: &[&str] = &[
    "await",
    "break",
    "case",
    "catch",
    "class",
    "const",
    "continue",
    "debugger",
    "default",
    "delete",
    "do",
    "else",
    "enum",
    "export",
    "extends",
    "false",
    "finally",
    "for",
    "function",
    "if",
    "import",
    "in",
    "instanceof",
    "new",
    "null",
    "return",
    "super",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "typeof",
    "var",
    "void",
    "while",
    "with",
    "yield",
    "let",
    "static",
    "implements",
    "interface",
    "package",
    "private",
    "protected",
    "public",
    "as",
    "async",
    "from",
    "get",
    "set",
    "of",
    "target",
    "meta",
    "using",
    "accessor",
    "source",
    "defer",
];

#[test]
fn every_punctuator() {
    for p in PUNCTUATORS {
        let t = one(p);
        assert_eq!(t.kind.as_str(), *p);
        assert_eq!(
            t.span,
            Span {
                start: 0,
                end: p.len() as u32
            }
        );
        assert_eq!(t.value, TokenValue::None);
    }
    let all = PUNCTUATORS.join(" ");
    let got: Vec<&str> = kinds(&all).iter().map(|k| k.as_str()).collect();
    assert_eq!(got, PUNCTUATORS);
}

#[test]
fn longest_match_punctuators() {
    use TokenKind::*;
    assert_eq!(kinds(">>>=>>="), vec![GtGtGtEq, GtGtEq]);
    assert_eq!(
        kinds("a?.5:b"),
        vec![Identifier, Question, Number, Colon, Identifier]
    );
    assert_eq!(kinds("a?.b"), vec![Identifier, QuestionDot, Identifier]);
    assert_eq!(
        kinds("a?.[0]"),
        vec![Identifier, QuestionDot, LBracket, Number, RBracket]
    );
    assert_eq!(kinds("..."), vec![Ellipsis]);
    assert_eq!(kinds(".."), vec![Dot, Dot]);
    assert_eq!(kinds("...."), vec![Ellipsis, Dot]);
    assert_eq!(kinds("a.b"), vec![Identifier, Dot, Identifier]);
    assert_eq!(kinds(".5."), vec![Number, Dot]);
    assert_eq!(kinds("x=>{}"), vec![Identifier, Arrow, LBrace, RBrace]);
    assert_eq!(kinds("a??=b||=c&&=d**=e"), {
        vec![
            Identifier,
            QuestionQuestionEq,
            Identifier,
            PipePipeEq,
            Identifier,
            AmpAmpEq,
        ]
        .into_iter()
        .chain([Identifier, StarStarEq, Identifier])
        .collect::<Vec<_>>()
    });
    assert_eq!(kinds("a--b"), vec![Identifier, MinusMinus, Identifier]);
    assert_eq!(kinds("!===="), vec![NotEqEq, EqEq]);
}

#[test]
fn every_word() {
    for w in WORDS {
        let t = one(w);
        assert_eq!(t.kind.as_str(), *w);
        assert!(t.kind.is_keyword_like(), "{w}");
        assert_eq!(t.value, TokenValue::None);
        assert!(!t.escaped);
        // A longer identifier is not the keyword.
        let longer = format!("{w}x");
        let t = one(&longer);
        assert_eq!(t.kind, TokenKind::Identifier);
        assert_eq!(t.value, TokenValue::Ident(Cow::Borrowed(longer.as_str())));
    }
}

#[test]
fn identifiers() {
    let t = one("foo_$1");
    assert_eq!(t.kind, TokenKind::Identifier);
    assert!(matches!(
        t.value,
        TokenValue::Ident(Cow::Borrowed("foo_$1"))
    ));
    let t = one("été");
    assert_eq!(t.value, TokenValue::Ident(Cow::Borrowed("été")));
    assert_eq!(t.span, Span { start: 0, end: 5 });
    let t = one("ifé");
    assert_eq!(t.kind, TokenKind::Identifier);
    assert_eq!(t.value, TokenValue::Ident("ifé".into()));
    // Escaped keywords are identifiers with `escaped` set.
    let t = one("\\u0069f");
    assert_eq!((t.kind, t.escaped), (TokenKind::Identifier, true));
    assert_eq!(t.value, TokenValue::Ident("if".into()));
    let t = one("l\\u{65}t");
    assert_eq!((t.kind, t.escaped), (TokenKind::Identifier, true));
    assert_eq!(t.value, TokenValue::Ident("let".into()));
    let t = one("a\\u0062");
    assert_eq!(t.value, TokenValue::Ident("ab".into()));
    assert_eq!(t.span.end, 7);
    let t = one("\u{1D4D0}x");
    assert_eq!(t.value, TokenValue::Ident("\u{1D4D0}x".into()));
    err("\\u0030");
    err("a\\u002D");
    err("\\x41");
    err("\\");
    err("a\\");
}

#[test]
fn private_names() {
    let t = one("#foo");
    assert_eq!(t.kind, TokenKind::PrivateName);
    assert_eq!(t.value, TokenValue::Ident("foo".into()));
    assert_eq!(t.span, Span { start: 0, end: 4 });
    let t = one("#\\u0061b");
    assert_eq!((t.kind, t.escaped), (TokenKind::PrivateName, true));
    assert_eq!(t.value, TokenValue::Ident("ab".into()));
    assert_eq!(
        kinds("this.#x in y"),
        vec![
            TokenKind::This,
            TokenKind::Dot,
            TokenKind::PrivateName,
            TokenKind::In,
            TokenKind::Identifier
        ]
    );
    err("#");
    err("# x");
    err("#1");
}

#[test]
fn numbers() {
    let t = one("0x1F");
    assert_eq!(
        (t.kind, t.value),
        (TokenKind::Number, TokenValue::Number(31.0))
    );
    let t = one("017");
    assert_eq!((t.value, t.legacy_octal), (TokenValue::Number(15.0), true));
    let t = one("08.5");
    assert_eq!((t.value, t.legacy_octal), (TokenValue::Number(8.5), true));
    let t = one("1_000.5e-1");
    assert_eq!(
        (t.value, t.legacy_octal),
        (TokenValue::Number(100.05), false)
    );
    let t = one("0x1_fn");
    assert_eq!(
        (t.kind, t.value),
        (TokenKind::BigInt, TokenValue::BigInt("0x1f".into()))
    );
    let t = one("0n");
    assert_eq!(t.value, TokenValue::BigInt("0".into()));
    assert_eq!(
        kinds("1..toString"),
        vec![TokenKind::Number, TokenKind::Dot, TokenKind::Identifier]
    );
    assert_eq!(
        kinds("1 .x"),
        vec![TokenKind::Number, TokenKind::Dot, TokenKind::Identifier]
    );
    for bad in [
        "1.toString",
        "3in x",
        "1_",
        "0x",
        "0_1",
        "08_1",
        "1__2",
        "08n",
        "1e",
        "0b2",
    ] {
        err(bad);
    }
}

#[test]
fn strings() {
    let t = one(r#""a\tb""#);
    assert_eq!(t.kind, TokenKind::String);
    assert_eq!(t.value, TokenValue::String(units("a\tb")));
    assert!(!t.legacy_octal);
    let t = one(r"'\08'");
    assert_eq!(t.value, TokenValue::String(units("\u{0}8")));
    assert!(t.legacy_octal);
    let t = one(r"'\9'");
    assert!(t.legacy_octal);
    let t = one("'\u{2028}\u{2029}'");
    assert_eq!(t.value, TokenValue::String(units("\u{2028}\u{2029}")));
    let t = one(r"'\uD83D\uDE00\u{1F600}\xe9'");
    assert_eq!(t.value, TokenValue::String(units("😀😀é")));
    assert!(err("'abc").eof);
    assert!(!err("'a\nb'").eof);
    err(r"'\u{110000}'");
    err(r"'\x0g'");
}

#[test]
fn templates_and_continuations() {
    let src = "`a${x}b${y}c`";
    let mut lexer = Lexer::new(src, Goal::Script);
    let head = lexer.next_token().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(head.kind, TokenKind::TemplateHead);
    assert_eq!(head.span, Span { start: 0, end: 4 });
    let cooked_a: Result<Box<[u16]>, Box<LexError>> = Ok(units("a"));
    assert_eq!(
        head.value,
        TokenValue::Template(Box::new(TemplateValue {
            cooked: cooked_a,
            raw: "a".into()
        }))
    );
    let x = lexer.next_token().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(x.kind, TokenKind::Identifier);
    let rbrace = lexer.next_token().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(rbrace.kind, TokenKind::RBrace);
    let middle = lexer
        .rescan_template_continuation(&rbrace)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(middle.kind, TokenKind::TemplateMiddle);
    assert_eq!(middle.span, Span { start: 5, end: 9 });
    let y = lexer.next_token().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(y.kind, TokenKind::Identifier);
    let rbrace = lexer.next_token().unwrap_or_else(|e| panic!("{e:?}"));
    let tail = lexer
        .rescan_template_continuation(&rbrace)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(tail.kind, TokenKind::TemplateTail);
    assert_eq!(tail.span, Span { start: 10, end: 13 });
    let eof = lexer.next_token().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(eof.kind, TokenKind::Eof);

    let t = one("`a\\u{`");
    assert_eq!(t.kind, TokenKind::NoSubstitutionTemplate);
    match t.value {
        TokenValue::Template(t) => {
            assert!(t.cooked.is_err());
            assert_eq!(&*t.raw, "a\\u{");
        }
        other => panic!("{other:?}"),
    }
    assert!(err("`abc").eof);
    assert_eq!(kinds("`${"), vec![TokenKind::TemplateHead]);
}

#[test]
fn regex_rescan() {
    let src = "x = /[/]=\\//gu.source";
    let mut lexer = Lexer::new(src, Goal::Script);
    let mut tokens = Vec::new();
    loop {
        let t = lexer.next_token().unwrap_or_else(|e| panic!("{e:?}"));
        if t.kind == TokenKind::Slash {
            let r = lexer.rescan_regex(&t).unwrap_or_else(|e| panic!("{e:?}"));
            assert_eq!(
                r.value,
                TokenValue::RegExp(Box::new(RegExpValue {
                    body: "[/]=\\/",
                    flags: "gu"
                }))
            );
            assert_eq!(r.span, Span { start: 4, end: 14 });
            tokens.push(r.kind);
            continue;
        }
        if t.kind == TokenKind::Eof {
            break;
        }
        tokens.push(t.kind);
    }
    use TokenKind::*;
    assert_eq!(tokens, vec![Identifier, Eq, RegExp, Dot, Source]);

    let mut lexer = Lexer::new("a\n/=x/g", Goal::Script);
    let _ = lexer.next_token();
    let slash_eq = lexer.next_token().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(slash_eq.kind, SlashEq);
    let r = lexer
        .rescan_regex(&slash_eq)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(r.newline_before);
    assert_eq!(
        r.value,
        TokenValue::RegExp(Box::new(RegExpValue {
            body: "=x",
            flags: "g"
        }))
    );

    let mut lexer = Lexer::new("/abc", Goal::Script);
    let slash = lexer.next_token().unwrap_or_else(|e| panic!("{e:?}"));
    assert!(lexer.rescan_regex(&slash).is_err_and(|e| e.eof));
}

#[test]
fn checkpoint_and_rewind() {
    let mut lexer = Lexer::new("a\nb c", Goal::Script);
    let a = lexer.next_token().unwrap_or_else(|e| panic!("{e:?}"));
    let cp = lexer.checkpoint();
    let b = lexer.next_token().unwrap_or_else(|e| panic!("{e:?}"));
    let c = lexer.next_token().unwrap_or_else(|e| panic!("{e:?}"));
    lexer.rewind(cp);
    let b2 = lexer.next_token().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(b, b2);
    assert!(b2.newline_before && !a.newline_before && !c.newline_before);
    let start = Lexer::new("", Goal::Script).checkpoint();
    lexer.rewind(start);
    assert_eq!(lexer.next_token().ok(), Some(a));
}

#[test]
fn newlines_and_spans() {
    let tokens = lex("a /* x */ b /*\n*/ c // d\n e \u{2028} f \r\n g\u{A0}\u{FEFF}\u{3000}h");
    let nl: Vec<bool> = tokens.iter().map(|t| t.newline_before).collect();
    assert_eq!(nl, vec![false, false, true, true, true, true, false]);
    assert_eq!(tokens[1].span, Span { start: 10, end: 11 });
    let last = &tokens[6];
    assert_eq!(last.value, TokenValue::Ident("h".into()));
    let eof = Lexer::new("x ", Goal::Script);
    let mut eof = eof;
    let _ = eof.next_token();
    let e1 = eof.next_token().unwrap_or_else(|e| panic!("{e:?}"));
    let e2 = eof.next_token().unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(
        (e1.kind, e1.span),
        (TokenKind::Eof, Span { start: 2, end: 2 })
    );
    assert_eq!(e1, e2);
    assert!(err("/* abc").eof);
    assert!(err("a /* abc *").eof);
}

#[test]
fn hashbang() {
    assert_eq!(kinds("#!/usr/bin/env node\nx"), vec![TokenKind::Identifier]);
    let t = lex("#!x\ny");
    assert!(t[0].newline_before);
    assert_eq!(kinds("#!only"), vec![]);
    assert!(lex_goal("#!x\n", Goal::Module).is_ok_and(|t| t.is_empty()));
    err(" #!x");
    err("x\n#!y");
}

#[test]
fn html_like_comments() {
    use TokenKind::*;
    assert_eq!(kinds("x <!-- y\nz"), vec![Identifier, Identifier]);
    assert_eq!(kinds("x\n--> y\nz"), vec![Identifier, Identifier]);
    assert_eq!(kinds("--> first line\nz"), vec![Identifier]);
    assert_eq!(kinds("  /* a */ /**/ --> first\nz"), vec![Identifier]);
    assert_eq!(
        kinds("x /*\n*/ /**/ --> c\nz"),
        vec![Identifier, Identifier]
    );
    assert_eq!(kinds("x\u{2028}-->c"), vec![Identifier]);
    assert_eq!(
        kinds("x --> y"),
        vec![Identifier, MinusMinus, Gt, Identifier]
    );
    assert_eq!(
        kinds("x /**/ --> y"),
        vec![Identifier, MinusMinus, Gt, Identifier]
    );
    assert_eq!(
        kinds("x\n y--> z"),
        vec![Identifier, Identifier, MinusMinus, Gt, Identifier]
    );
    assert_eq!(
        kinds("a<!-b"),
        vec![Identifier, Lt, Bang, Minus, Identifier]
    );
    let module = |src| {
        lex_goal(src, Goal::Module)
            .map(|t| t.iter().map(|t| t.kind).collect::<Vec<_>>())
            .unwrap_or_else(|e| panic!("{e:?}"))
    };
    assert_eq!(
        module("x <!-- y"),
        vec![Identifier, Lt, Bang, MinusMinus, Identifier]
    );
    assert_eq!(
        module("x\n--> y"),
        vec![Identifier, MinusMinus, Gt, Identifier]
    );
}

#[test]
fn unexpected_characters() {
    let e = err("a @ b");
    assert_eq!(e.span, Span { start: 2, end: 3 });
    assert!(!e.eof);
    err("\u{0}");
    err("\u{200B}");
    err("€");
}

/// Deterministic xorshift generator, so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Lexes `src` to the end or the first error, rescanning every slash as a regex and every
/// brace as a template continuation on a copy of the lexer, and checks the basic invariants.
fn drive(src: &str) {
    for goal in [Goal::Script, Goal::Module] {
        let mut lexer = Lexer::new(src, goal);
        let mut last_end = 0u32;
        for _ in 0..=src.len() + 1 {
            let Ok(t) = lexer.next_token() else { break };
            assert!(t.span.start >= last_end && t.span.end >= t.span.start);
            assert!(src.is_char_boundary(t.span.start as usize));
            assert!(src.is_char_boundary(t.span.end as usize));
            last_end = t.span.end;
            let cp = lexer.checkpoint();
            match t.kind {
                TokenKind::Eof => break,
                TokenKind::Slash | TokenKind::SlashEq => {
                    let _ = lexer.rescan_regex(&t);
                }
                TokenKind::RBrace => {
                    let _ = lexer.rescan_template_continuation(&t);
                }
                _ => {}
            }
            lexer.rewind(cp);
        }
    }
}

#[test]
fn hostile_random_input() {
    const PIECES: &[&str] = &[
        "\\",
        "\\u",
        "\\u{",
        "{",
        "}",
        "`",
        "${",
        "'",
        "\"",
        "/",
        "*",
        "/*",
        "*/",
        "//",
        "\n",
        "\r",
        "\r\n",
        "\u{2028}",
        "0",
        "0x",
        "0b",
        "0o",
        "1",
        "8",
        "9",
        "_",
        "n",
        ".",
        "e",
        "+",
        "-",
        "<!--",
        "-->",
        "#",
        "#!",
        "?",
        "?.",
        "é",
        "😀",
        "\u{FEFF}",
        "\u{200C}",
        "[",
        "]",
        "a",
        "if",
        " ",
        "=",
        ">",
        "!",
        "$",
        "\u{0}",
        "\u{D7FF}",
        "\u{10FFFF}",
        "x",
        "7",
        "'\\",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..20_000 {
        let len = rng.below(24);
        let mut s = String::new();
        for _ in 0..len {
            s.push_str(PIECES[rng.below(PIECES.len())]);
        }
        drive(&s);
        // Arbitrary bytes, made valid UTF-8.
        let bytes: Vec<u8> = (0..rng.below(32)).map(|_| rng.next() as u8).collect();
        drive(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn large_inputs_stay_linear() {
    // Each of these would be quadratic if a scanner restarted from the token start.
    let n = 200_000;
    let cases = [
        "/*".repeat(n),
        "'".to_string() + &"\\u{0".repeat(n),
        "`".to_string() + &"\\u{".repeat(n),
        "1".repeat(n) + "_",
        "0x".to_string() + &"f".repeat(n),
        "a".repeat(n) + "\\u0030",
        "<!--".repeat(n),
        "-->\n".repeat(n),
        "/".repeat(n),
        "\u{2028}".repeat(n),
        "é".repeat(n),
        ".".repeat(n),
    ];
    for src in &cases {
        let start = std::time::Instant::now();
        drive(src);
        assert!(
            start.elapsed().as_secs() < 20,
            "too slow on {:?}",
            &src[..8]
        );
    }
}

#[test]
fn marks_report_function_boundaries_and_context_references() {
    let src = "function f(a){ return x => super.y + arguments + await + #p + new.target } \
               class C {} argumentsX; argument; \\u0061wait; ar\\u0067uments; é\u{301}; ⅰ => 1;";
    let mut lexer = Lexer::new(src, Goal::Script);
    while lexer
        .next_token()
        .map(|t| t.kind != TokenKind::Eof)
        .unwrap_or(false)
    {}
    let marks = lexer.take_marks();
    let texts: Vec<&str> = marks
        .iter()
        .map(|&m| {
            let rest = &src[m as usize..];
            let len = rest.find([' ', '.', ';', '(']).unwrap_or(rest.len());
            &rest[..len]
        })
        .collect();
    assert_eq!(
        texts,
        [
            "function",
            "=>",
            "super",
            "arguments",
            "await",
            "#p",
            "target",
            "class",
            "\\u0061wait",
            "ar\\u0067uments",
            "=>"
        ]
    );
    assert!(lexer.take_marks().is_empty());
}

#[test]
fn block_comments_carry_their_line_terminators() {
    for (src, newline) in [
        ("a /**/ b", false),
        ("a /* * / ** */ b", false),
        ("a /*\n*/ b", true),
        ("a /*\r*/ b", true),
        ("a /* \u{2028} */ b", true),
        ("a /* \u{2029}*/ b", true),
        ("a /* \u{2027} é */ b", false),
        ("a /***/ b", false),
    ] {
        let tokens = lex(src);
        assert_eq!(tokens.len(), 2, "{src:?}");
        assert_eq!(tokens[1].newline_before, newline, "{src:?}");
        assert_eq!(tokens[1].span.start as usize, src.len() - 1, "{src:?}");
    }
}

/// Digits, quotes and a lone `=` are dispatched before the DFA in the general path; they
/// must lex exactly as the DFA's tokens would, in every position and after any trivia.
#[test]
fn first_byte_dispatch_agrees_with_the_dfa() {
    use TokenKind::*;
    let src = "a = 1;b == 2\nc => 'x' === \"y\" = 3\t=\t0 /**/= .5 =08= 1n =\n1_0 =5e1=>=";
    let tokens = lex(src);
    let kinds: Vec<TokenKind> = tokens.iter().map(|t| t.kind).collect();
    assert_eq!(
        kinds,
        vec![
            Identifier, Eq, Number, Semicolon, Identifier, EqEq, Number, Identifier, Arrow, String,
            EqEqEq, String, Eq, Number, Eq, Number, Eq, Number, Eq, Number, Eq, BigInt, Eq, Number,
            Eq, Number, Arrow, Eq
        ]
    );
    let texts: Vec<&str> = tokens
        .iter()
        .map(|t| &src[t.span.start as usize..t.span.end as usize])
        .collect();
    assert_eq!(
        texts,
        vec![
            "a", "=", "1", ";", "b", "==", "2", "c", "=>", "'x'", "===", "\"y\"", "=", "3", "=",
            "0", "=", ".5", "=", "08", "=", "1n", "=", "1_0", "=", "5e1", "=>", "="
        ]
    );
    let numbers: Vec<f64> = tokens
        .iter()
        .filter_map(|t| match t.value {
            TokenValue::Number(v) => Some(v),
            _ => None,
        })
        .collect();
    assert_eq!(numbers, vec![1.0, 2.0, 3.0, 0.0, 0.5, 8.0, 10.0, 50.0]);
    let legacy: Vec<bool> = tokens.iter().map(|t| t.legacy_octal).collect();
    assert_eq!(legacy.iter().filter(|&&l| l).count(), 1);
    // The newline before `1_0` is seen, the one inside nothing else.
    let newline_texts: Vec<&str> = tokens
        .iter()
        .filter(|t| t.newline_before)
        .map(|t| &src[t.span.start as usize..t.span.end as usize])
        .collect();
    assert_eq!(newline_texts, vec!["c", "1_0"]);
    assert!(err("a = 3in")
        .message
        .contains("identifier starts immediately"));
    assert!(err("a = 'abc").eof);
    assert!(err("a = \"abc\ndef\"").message.contains("line break"));
}
