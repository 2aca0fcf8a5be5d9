//! Unit tests of the pattern grammar and its early errors, through the
//! public API.

use moat_regexp::ast::{
    Assertion, Atom, Backreference, CaptureGroup, CharacterClass, ClassEscape, ClassItem,
    ClassSetOp, Disjunction, Lookaround, ModifierFlags, Modifiers, Quantifier, Term,
};
use moat_regexp::properties::{
    BinaryProperty, GeneralCategory, Script, StringProperty, UnicodeProperty,
};
use moat_regexp::{parse_pattern, validate, Flags, Pattern, MAX_CLASS_NESTING, MAX_NESTING};

fn parse(body: &str, flags: &str) -> Pattern {
    match parse_pattern(body, Flags::parse(flags).unwrap()) {
        Ok(p) => p,
        Err(e) => panic!("/{body}/{flags} rejected: {e}"),
    }
}

/// The terms of a single-alternative pattern.
fn terms(body: &str, flags: &str) -> Vec<Term> {
    let mut p = parse(body, flags);
    assert_eq!(p.body.alternatives.len(), 1, "/{body}/{flags}");
    p.body.alternatives.remove(0).terms
}

fn single(body: &str, flags: &str) -> Term {
    let mut t = terms(body, flags);
    assert_eq!(t.len(), 1, "/{body}/{flags}: {t:?}");
    t.remove(0)
}

fn class(body: &str, flags: &str) -> CharacterClass {
    match single(body, flags) {
        Term::Atom(Atom::Class(c)) => c,
        other => panic!("/{body}/{flags}: not a class: {other:?}"),
    }
}

fn ok(body: &str, flags: &str) {
    if let Err(e) = validate(body, flags) {
        panic!("/{body}/{flags} rejected: {e}");
    }
}

fn err(body: &str, flags: &str) {
    assert!(validate(body, flags).is_err(), "/{body}/{flags} accepted");
}

fn ch(c: char) -> Term {
    Term::Atom(Atom::Char(u32::from(c)))
}

#[test]
fn characters_and_escapes() {
    assert_eq!(terms("ab", ""), vec![ch('a'), ch('b')]);
    assert_eq!(single("\\n", ""), Term::Atom(Atom::Char(10)));
    assert_eq!(single("\\cJ", ""), Term::Atom(Atom::Char(10)));
    assert_eq!(single("\\x41", "u"), ch('A'));
    assert_eq!(single("\\u0041", ""), ch('A'));
    assert_eq!(single("\\u{1F600}", "u"), Term::Atom(Atom::Char(0x1F600)));
    assert_eq!(
        single("\\uD83D\\uDE00", "u"),
        Term::Atom(Atom::Char(0x1F600))
    );
    assert_eq!(terms("\\uD83D\\uDE00", "").len(), 2);
    assert_eq!(single("😀", "u"), Term::Atom(Atom::Char(0x1F600)));
    assert_eq!(
        terms("😀", ""),
        vec![
            Term::Atom(Atom::Char(0xD83D)),
            Term::Atom(Atom::Char(0xDE00))
        ]
    );
    assert_eq!(single("\\/", "u"), ch('/'));
    assert_eq!(single("\\0", "u"), Term::Atom(Atom::Char(0)));
    // Annex B forms.
    assert_eq!(terms("\\u{2}", "").len(), 1); // `u` repeated twice
    assert_eq!(terms("\\x4", ""), vec![ch('x'), ch('4')]);
    assert_eq!(single("\\a", ""), ch('a'));
    assert_eq!(terms("\\c1", ""), vec![ch('\\'), ch('c'), ch('1')]);
    assert_eq!(single("\\12", ""), Term::Atom(Atom::Char(0o12)));
    assert_eq!(single("\\377", ""), Term::Atom(Atom::Char(0o377)));
    assert_eq!(
        terms("\\400", ""),
        vec![Term::Atom(Atom::Char(0o40)), ch('0')]
    );
    assert_eq!(terms("\\08", ""), vec![Term::Atom(Atom::Char(0)), ch('8')]);
    assert_eq!(single("\\8", ""), ch('8'));
    assert_eq!(single("\\k", ""), ch('k'));
    assert_eq!(terms("]{}", ""), vec![ch(']'), ch('{'), ch('}')]);
    assert_eq!(single("\\p", ""), ch('p'));
}

#[test]
fn escape_errors_in_unicode_mode() {
    for body in [
        "\\a",
        "\\-",
        "\\c1",
        "\\c",
        "\\x4",
        "\\u12",
        "\\u{110000}",
        "\\u{",
        "\\u{}",
        "\\01",
        "\\1",
        "\\8",
        "\\k",
        "\\p",
        "\\p{",
        "\\q",
        "\\",
        "]",
        "{",
        "}",
        "a{",
        "a{1",
        "\\e",
    ] {
        err(body, "u");
        err(body, "v");
    }
    err("\\", "");
    err("\\c", "u");
}

#[test]
fn assertions_and_lookarounds() {
    assert_eq!(terms("^$\\b\\B", "").len(), 4);
    assert_eq!(single("^", ""), Term::Assertion(Assertion::Start));
    let Term::Assertion(Assertion::Lookaround(l)) = single("(?<!a)", "") else {
        panic!("not a lookbehind");
    };
    assert!(l.behind && l.negated);
    let Term::QuantifiedLookahead {
        lookaround,
        quantifier,
    } = single("(?=a)*", "")
    else {
        panic!("not a quantified lookahead");
    };
    assert!(!lookaround.behind && !lookaround.negated);
    assert_eq!(quantifier.max, None);
    ok("(?!a){2}", "");
    for body in ["(?=a)*", "(?!a)?", "(?=a){1}"] {
        err(body, "u");
    }
    for body in [
        "(?<=a)*",
        "(?<!a)+",
        "(?<=a){1,}",
        "^*",
        "$+",
        "\\b*",
        "\\B{1}",
    ] {
        err(body, "");
        err(body, "u");
    }
    err("a{", "u");
}

#[test]
fn quantifiers() {
    let q = |body: &str, flags: &str| match single(body, flags) {
        Term::Quantified { quantifier, .. } => quantifier,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        q("a*", ""),
        Quantifier {
            min: 0,
            max: None,
            greedy: true
        }
    );
    assert_eq!(
        q("a+?", ""),
        Quantifier {
            min: 1,
            max: None,
            greedy: false
        }
    );
    assert_eq!(
        q("a??", ""),
        Quantifier {
            min: 0,
            max: Some(1),
            greedy: false
        }
    );
    assert_eq!(
        q("a{2}", ""),
        Quantifier {
            min: 2,
            max: Some(2),
            greedy: true
        }
    );
    assert_eq!(
        q("a{2,}", "u"),
        Quantifier {
            min: 2,
            max: None,
            greedy: true
        }
    );
    assert_eq!(
        q("a{0,3}?", ""),
        Quantifier {
            min: 0,
            max: Some(3),
            greedy: false
        }
    );
    assert_eq!(q("a{99999999999}", "").min, u32::MAX);
    ok("a{1,99999999999999999999999}", "");
    ok("a{,5}", "");
    ok("a{", "");
    ok("a{1", "");
    ok("{", "");
    ok("x{a}", "");
    for body in [
        "a{2,1}",
        "a{99999999999999999999,9999999999999999999}",
        "*",
        "+a",
        "?",
        "a**",
        "a???",
        "{1}",
        "x{1}{1,}",
        "a|*",
    ] {
        err(body, "");
        err(body, "u");
    }
}

#[test]
fn groups_and_backreferences() {
    let p = parse("(a)(?:b)(?<n>c)\\1\\k<n>", "");
    assert_eq!(p.capture_count, 2);
    assert_eq!(p.group_names, vec![("n".to_string(), 2)]);
    let t = &p.body.alternatives[0].terms;
    assert_eq!(
        t[0],
        Term::Atom(Atom::Capture(CaptureGroup {
            index: 1,
            name: None,
            body: Disjunction {
                alternatives: vec![moat_regexp::ast::Alternative {
                    terms: vec![ch('a')]
                }]
            },
        }))
    );
    assert!(matches!(
        t[1],
        Term::Atom(Atom::NonCapture {
            modifiers: None,
            ..
        })
    ));
    assert_eq!(
        t[3],
        Term::Atom(Atom::Backreference(Backreference::Index(1)))
    );
    assert_eq!(
        t[4],
        Term::Atom(Atom::Backreference(Backreference::Named("n".into())))
    );
    // Forward references are fine.
    ok("\\1(a)", "u");
    ok("\\k<a>(?<a>x)", "");
    // Annex B: beyond the group count, a decimal escape is octal/identity.
    assert_eq!(terms("(a)\\2", "")[1], Term::Atom(Atom::Char(2)));
    assert_eq!(
        terms("(a)\\1", "")[1],
        Term::Atom(Atom::Backreference(Backreference::Index(1)))
    );
    assert_eq!(
        terms("\\18(a)", "")[..2],
        [Term::Atom(Atom::Char(1)), ch('8')]
    );
    err("(a)\\2", "u");
    err("\\k<a>", "u");
    err("(?<a>x)\\k<b>", "");
    err("(?<a>x)\\k", "");
    err("(?<a>x)[\\k]", "");
    ok("[\\k]", "");
    ok("\\k<a>", "");
    for body in [
        "(",
        ")",
        "(a",
        "a)",
        "(?",
        "(?a)",
        "(?<a",
        "(?<>a)",
        "(?<1>a)",
        "(?<a-b>x)",
    ] {
        err(body, "");
        err(body, "u");
    }
}

#[test]
fn group_names_with_escapes_and_astral_characters() {
    let name = |body: &str, flags: &str| parse(body, flags).group_names[0].0.clone();
    assert_eq!(name("(?<\\u0061b>.)", ""), "ab");
    assert_eq!(name("(?<a\\u{62}>.)", ""), "ab");
    assert_eq!(name("(?<\\ud835\\udc9c>.)", ""), "𝒜");
    assert_eq!(name("(?<𝒜>.)", ""), "𝒜");
    assert_eq!(name("(?<𝒜>.)", "u"), "𝒜");
    assert_eq!(name("(?<$_\u{200C}>.)", ""), "$_\u{200C}");
    err("(?<\\ud835>.)", "");
    err("(?<a\\uDC9C>.)", "u");
    err("(?<\\u0031>.)", "");
    err("(?<a\\x41>.)", "");
    err("(?<\u{200C}>.)", "");
    ok("(?<𝓓𝓸𝓰>dog)\\k<𝓓𝓸𝓰>", "");
}

#[test]
fn duplicate_group_names() {
    ok("(?<a>x)|(?<a>y)", "");
    ok("(?:(?<a>x)|(?<a>y))\\k<a>", "u");
    ok("(?<a>x)|(?:(?<a>y)|(?<a>z))", "");
    ok("((?<a>x)|(?<b>y))|(?<a>z)", "");
    err("(?<a>x)(?<a>y)", "");
    err("(?<a>x)(?<a>y)", "u");
    err("(?:(?<a>x)|(?<a>y))(?<a>z)", "");
    err("(?<a>(?<a>x))", "");
    err("(?<a>x)|(?<b>y)(?<b>z)", "v");
    err("(?<a>\\u0061)(?<\\u0061>y)", "");
    let p = parse("(?<a>x)|(?<a>y)", "");
    assert_eq!(p.group_indices("a").collect::<Vec<_>>(), vec![1, 2]);
}

#[test]
fn modifiers() {
    let Term::Atom(Atom::NonCapture { modifiers, .. }) = single("(?i-ms:a)", "") else {
        panic!("not a group");
    };
    assert_eq!(
        modifiers,
        Some(Modifiers {
            add: ModifierFlags {
                ignore_case: true,
                multiline: false,
                dot_all: false
            },
            remove: ModifierFlags {
                ignore_case: false,
                multiline: true,
                dot_all: true
            },
        })
    );
    ok("(?ims:a)", "u");
    ok("(?-i:a)", "");
    ok("(?s-:a)", "");
    for body in [
        "(?-:a)",
        "(?ii:a)",
        "(?i-i:a)",
        "(?m-im:a)",
        "(?x:a)",
        "(?I:a)",
        "(?i)",
        "(?i",
        "(?u:a)",
    ] {
        err(body, "");
        err(body, "u");
    }
}

#[test]
fn classes_without_v() {
    let c = class("[^a-c\\d-]", "");
    assert!(c.negated);
    assert_eq!(c.op, ClassSetOp::Union);
    assert_eq!(
        c.items,
        vec![
            ClassItem::Range(u32::from('a'), u32::from('c')),
            ClassItem::Escape(ClassEscape::Digit),
            ClassItem::Char(u32::from('-')),
        ]
    );
    assert_eq!(class("[\\b]", "").items, vec![ClassItem::Char(8)]);
    assert_eq!(
        class("[\\-]", "u").items,
        vec![ClassItem::Char(u32::from('-'))]
    );
    assert_eq!(class("[\\c1]", "").items, vec![ClassItem::Char(0x11)]);
    assert_eq!(class("[\\c_]", "").items, vec![ClassItem::Char(0x1F)]);
    assert_eq!(
        class("[\\c!]", "").items,
        vec![
            ClassItem::Char(u32::from('\\')),
            ClassItem::Char(u32::from('c')),
            ClassItem::Char(u32::from('!'))
        ]
    );
    assert_eq!(class("[\\1]", "").items, vec![ClassItem::Char(1)]);
    assert_eq!(
        class("[--a]", "").items,
        vec![ClassItem::Range(u32::from('-'), u32::from('a'))]
    );
    assert_eq!(class("[]", "").items, vec![]);
    assert_eq!(
        class("[\\uD83D\\uDE00-\\u{1F601}]", "u").items,
        vec![ClassItem::Range(0x1F600, 0x1F601)]
    );
    // Annex B: a class escape in a range makes the `-` literal.
    assert_eq!(class("[\\w-a]", "").items.len(), 3);
    ok("[a-]", "u");
    ok("[]]", "");
    err("[b-a]", "");
    err("[😀-😂]", ""); // surrogates: \uDE00-\uD83D is out of order
    ok("[😀-😂]", "u");
    for body in [
        "[\\w-a]", "[a-\\d]", "[\\c1]", "[\\1]", "[\\k]", "[\\q{a}]", "[\\B]", "[", "[a", "[\\",
    ] {
        err(body, "u");
    }
}

#[test]
fn property_escapes() {
    let prop = |body: &str, flags: &str| match single(body, flags) {
        Term::Atom(Atom::ClassEscape(ClassEscape::Property { property, negated })) => {
            (property, negated)
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(
        prop("\\p{Lu}", "u"),
        (
            UnicodeProperty::GeneralCategory(GeneralCategory::UppercaseLetter),
            false
        )
    );
    assert!(prop("\\P{gc=Lu}", "u").1);
    assert_eq!(
        prop("\\p{Script=Greek}", "u").0,
        UnicodeProperty::Script(Script::Greek)
    );
    assert_eq!(
        prop("\\p{scx=Grek}", "v").0,
        UnicodeProperty::ScriptExtensions(Script::Greek)
    );
    assert_eq!(
        prop("\\p{Any}", "u").0,
        UnicodeProperty::Binary(BinaryProperty::Any)
    );
    assert_eq!(
        prop("\\p{RGI_Emoji}", "v").0,
        UnicodeProperty::Strings(StringProperty::RgiEmoji)
    );
    for body in [
        "\\p{lu}",
        "\\p{L u}",
        "\\p{ L}",
        "\\p{gc=}",
        "\\p{=L}",
        "\\p{}",
        "\\pL",
        "\\p{^L}",
        "\\p{IsGreek}",
        "\\p{InGreek}",
        "\\p{Block=Basic_Latin}",
        "\\p{Line_Break=Alphabetic}",
        "\\p{ASCII=Y}",
        "\\p{Script}",
        "\\p{General_Category}",
        "\\p{sc=Lu}",
        "\\p{RGI_Emoji}",
        "\\p{L",
        "\\p{Lu}}",
    ] {
        err(body, "u");
    }
    err("\\P{RGI_Emoji}", "v");
    err("[^\\p{RGI_Emoji}]", "v");
    err("[\\P{RGI_Emoji}]", "v");
    ok("[\\p{RGI_Emoji}]", "v");
}

#[test]
fn class_set_expressions() {
    let c = class("[\\w&&[a-z]&&\\q{x}]", "v");
    assert_eq!(c.op, ClassSetOp::Intersection);
    assert_eq!(c.items.len(), 3);
    assert_eq!(c.items[2], ClassItem::Strings(vec![vec![u32::from('x')]]));
    let c = class("[[a-z]--[aeiou]--x]", "v");
    assert_eq!(c.op, ClassSetOp::Subtraction);
    let ClassItem::Nested(inner) = &c.items[0] else {
        panic!("not nested")
    };
    assert_eq!(
        inner.items,
        vec![ClassItem::Range(u32::from('a'), u32::from('z'))]
    );
    let c = class("[a-c\\q{ab|}x\\&\\-\\b]", "v");
    assert_eq!(c.items.len(), 6);
    assert_eq!(
        c.items[1],
        ClassItem::Strings(vec![vec![u32::from('a'), u32::from('b')], vec![]])
    );
    ok("[^\\q{a|b}]", "v");
    ok("[^[\\p{RGI_Emoji}--\\q{ab}]&&a]", "v");
    err("[^[^\\p{RGI_Emoji}]]", "v");
    ok("[^[^a]]", "v");
    ok("[a&b]", "v");
    ok("[]", "v");
    ok("[^]", "v");
    for body in [
        "[a-z--b]",
        "[a&&b--c]",
        "[ab&&c]",
        "[a&&&b]",
        "[&&a]",
        "[a&&]",
        "[a--]",
        "[a-]",
        "[-a]",
        "[a!!b]",
        "[a##]",
        "[(]",
        "[)]",
        "[{]",
        "[}]",
        "[/]",
        "[|]",
        "[a-\\d]",
        "[z-a]",
        "[^\\q{ab}]",
        "[^\\q{}]",
        "[^[\\q{ab}]]",
        "[\\q{a-b}]",
        "[\\q{a",
        "[[a]",
        "[\\-]]",
        "[^\\p{RGI_Emoji}&&\\p{RGI_Emoji}]",
        "[^\\p{RGI_Emoji}--a]",
    ] {
        err(body, "v");
    }
    ok("[^\\p{RGI_Emoji}&&a]", "v");
    ok("[^a--\\p{RGI_Emoji}]", "v");
}

#[test]
fn dot_and_class_escapes() {
    assert_eq!(single(".", ""), Term::Atom(Atom::Dot));
    assert_eq!(
        single("\\W", "u"),
        Term::Atom(Atom::ClassEscape(ClassEscape::NotWord))
    );
    assert!(matches!(
        single("(?=a)", ""),
        Term::Assertion(Assertion::Lookaround(Lookaround { .. }))
    ));
}

#[test]
fn nesting_is_bounded() {
    let depth = MAX_NESTING as usize;
    ok(&format!("{}a{}", "(".repeat(depth), ")".repeat(depth)), "");
    let deep = format!("{}a{}", "(?:".repeat(depth + 1), ")".repeat(depth + 1));
    let e = validate(&deep, "u").unwrap_err();
    assert_eq!(e.message, "too much nesting in regular expression");
    err(&"(".repeat(100_000), "");
    let classes = MAX_CLASS_NESTING as usize;
    ok(
        &format!("{}a{}", "[".repeat(classes), "]".repeat(classes)),
        "v",
    );
    err(
        &format!("{}a{}", "[".repeat(classes + 1), "]".repeat(classes + 1)),
        "v",
    );
    err(&"[".repeat(100_000), "v");
}

#[test]
fn error_offsets_are_byte_offsets_in_the_body() {
    assert_eq!(validate("é(", "").unwrap_err().offset, 2);
    assert_eq!(validate("😀a{2,1}", "").unwrap_err().offset, 5);
    assert_eq!(validate("ab)", "u").unwrap_err().offset, 2);
    assert_eq!(validate("a", "uv").unwrap_err().offset, 1);
}
