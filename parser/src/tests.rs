//! Unit tests for the parser: constructs, early errors owned by the parser, hostile input.

use crate::ast::*;
use crate::{
    parse_function_parts, parse_module, parse_script, FunctionKind as DynKind, ParseOptions,
};

fn script(src: &str) -> Script {
    match parse_script(src, ParseOptions::default()) {
        Ok(s) => s,
        Err(e) => panic!("{src:?} failed: {e}"),
    }
}

fn ok(src: &str) {
    if let Err(e) = parse_script(src, ParseOptions::default()) {
        panic!("{src:?} should parse: {e}");
    }
}

fn ok_module(src: &str) {
    if let Err(e) = parse_module(src, ParseOptions::default()) {
        panic!("{src:?} should parse as module: {e}");
    }
}

fn bad(src: &str) {
    assert!(
        parse_script(src, ParseOptions::default()).is_err(),
        "{src:?} should fail"
    );
}

fn bad_strict(src: &str) {
    ok(src);
    let strict = format!("'use strict'; {src}");
    assert!(
        parse_script(&strict, ParseOptions::default()).is_err(),
        "{strict:?} should fail"
    );
}

fn bad_module(src: &str) {
    assert!(
        parse_module(src, ParseOptions::default()).is_err(),
        "{src:?} should fail as module"
    );
}

fn first_expr(src: &str) -> Expression {
    match script(src).body.into_iter().next() {
        Some(Statement::Expression(e)) => e.expression,
        other => panic!("not an expression statement: {other:?}"),
    }
}

/// Runs `f` on a thread with a 2 MiB stack (what hostile-input guarantees are made for).
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    let h = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn");
    assert!(h.join().is_ok(), "parser crashed on a 2 MiB stack");
}

fn deep_fails(src: String) {
    on_small_stack(move || {
        let r = parse_script(&src, ParseOptions::default());
        assert!(r.is_err());
    });
}

#[test]
fn deep_nesting_is_a_clean_error() {
    let n = 100_000;
    deep_fails("(".repeat(n));
    deep_fails(format!("{}1{}", "(".repeat(n), ")".repeat(n)));
    deep_fails(format!("{}{}", "[".repeat(n), "]".repeat(n)));
    deep_fails(format!("x = {}{}", "{a:".repeat(n), "}".repeat(n)));
    deep_fails(format!("{}{}", "{".repeat(n), "}".repeat(n)));
    deep_fails(format!("{}1", "() => ".repeat(n)));
    deep_fails(format!("{}1", "a => ".repeat(n)));
    deep_fails(format!("{}1", "async a => ".repeat(n)));
    deep_fails(format!("{}1", "a ? b : ".repeat(n)));
    deep_fails(format!("{}x", "!".repeat(n)));
    deep_fails(format!("{}x", "-".repeat(n)));
    deep_fails(format!("{}x", "new ".repeat(n)));
    deep_fails(format!("{}x", "typeof ".repeat(n)));
    deep_fails(format!("{}1{}", "`${".repeat(n), "}`".repeat(n)));
    deep_fails(format!("x{}", ".a".repeat(n)));
    deep_fails(format!("x{}", "()".repeat(n)));
    deep_fails(format!("x{}", "+x".repeat(n)));
    deep_fails(format!("x{}", "**x".repeat(n)));
    deep_fails(format!("x{}", " = x".repeat(n)));
    deep_fails("if (1) ".repeat(n));
    deep_fails("function f(){".repeat(n));
    deep_fails(format!("var {}a{} = 1", "[".repeat(n), "]".repeat(n)));
    deep_fails(format!("({}a{}) => 1", "[".repeat(n), "]".repeat(n)));
    deep_fails(format!("x = {}", "class extends ".repeat(n)));
    deep_fails("a: ".repeat(n));
    deep_fails("async (".repeat(n));
    deep_fails(format!("{}x", "++".repeat(n)));
}

#[test]
fn moderate_nesting_parses_on_small_stack() {
    on_small_stack(|| {
        let src = format!("{}1{}", "(".repeat(100), ")".repeat(100));
        assert!(parse_script(&src, ParseOptions::default()).is_ok());
        let src = format!("{}{}", "{".repeat(100), "}".repeat(100));
        assert!(parse_script(&src, ParseOptions::default()).is_ok());
        let src = format!("x = {}1{}", "[".repeat(100), "]".repeat(100));
        assert!(parse_script(&src, ParseOptions::default()).is_ok());
        let src = format!("x{}", "+x".repeat(300));
        assert!(parse_script(&src, ParseOptions::default()).is_ok());
    });
}

#[test]
fn shape_of_simple_programs() {
    let s = script("'use strict'; var a = 1, b; a + b * c;");
    assert!(s.strict && s.has_use_strict);
    assert_eq!(s.body.len(), 3);
    match &s.body[1] {
        Statement::VariableDeclaration(d) => {
            assert_eq!(d.kind, VariableKind::Var);
            assert_eq!(d.declarations.len(), 2);
        }
        other => panic!("{other:?}"),
    }
    match first_expr("a + b * c") {
        Expression::Binary(b) => {
            assert_eq!(b.op, BinaryOp::Add);
            assert!(matches!(&b.right, Expression::Binary(r) if r.op == BinaryOp::Mul));
        }
        other => panic!("{other:?}"),
    }
    match first_expr("a ** b ** c") {
        Expression::Binary(b) => {
            assert!(matches!(b.left, Expression::Identifier(_)));
            assert!(matches!(&b.right, Expression::Binary(r) if r.op == BinaryOp::Exp));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn spans_and_errors() {
    let s = script("foo.bar");
    assert_eq!(s.body[0].span(), Span { start: 0, end: 7 });
    let e = parse_script("var a = ;", ParseOptions::default()).unwrap_err();
    assert_eq!((e.line, e.column), (1, 9));
    assert_eq!(e.message, "Unexpected token ';'");
    assert!(!e.unexpected_eof);
    assert_eq!(e.to_string(), "1:9: Unexpected token ';'");
    let e = parse_script("function f() {", ParseOptions::default()).unwrap_err();
    assert!(e.unexpected_eof);
    let e = parse_script("'abc", ParseOptions::default()).unwrap_err();
    assert!(e.unexpected_eof);
    let e = parse_script("a +\n\n  @", ParseOptions::default()).unwrap_err();
    assert_eq!(e.line, 3);
}

#[test]
fn statements() {
    for src in [
        "{}",
        ";",
        "debugger;",
        "if (a) b; else c;",
        "while (a) b;",
        "do a; while (b) c",
        "for (;;) {}",
        "for (var i = 0; i < 1; i++) {}",
        "for (let i of a) {}",
        "for (const k in o) {}",
        "for (x.y of z);",
        "for ([a, b] of c);",
        "for (var x = 1 in o);",
        "switch (a) { case 1: b; default: c; case 2: }",
        "try {} catch {}",
        "try {} catch ({a, b}) {} finally {}",
        "l: for (;;) { break l; continue l; }",
        "throw a",
        "with (a) b",
        "function f() { return; }",
        "function f() { return 1 }",
        "if (a) function f() {}",
        "l: function f() {}",
        "let \n x = 1",
        "var let = 1; let;",
        "async function f() { for await (x of y); }",
        "a\n++b",
        "x = y\n(z)",
        "async function f() { await using x = y; }",
        "{ using x = y; }",
    ] {
        ok(src);
    }
    match &script("do x; while (y) z").body[..] {
        [Statement::DoWhile(_), Statement::Expression(_)] => {}
        other => panic!("{other:?}"),
    }
    // `for (using of` never declares in a for-of head; a for statement may declare `of`.
    match &script("for (using of of [x]);").body[0] {
        Statement::ForOf(f) => assert!(
            matches!(&f.left, ForHead::Pattern(Pattern::Identifier(id)) if &*id.name == "using")
        ),
        other => panic!("{other:?}"),
    }
    match &script("{ for (using of = null;;) break; }").body[0] {
        Statement::Block(b) => assert!(matches!(b.body[0], Statement::For(_))),
        other => panic!("{other:?}"),
    }
    match &script("l: m: x").body[0] {
        Statement::Labeled(l) => assert_eq!(&*l.label.name, "l"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn statement_errors() {
    for src in [
        "return",
        "if (a) let [x] = y;",
        "while (a) function f() {}",
        "if (a) class C {}",
        "while (1) l: function f() {}",
        "for (let of x);",
        "for (var a, b of c);",
        "for (let x = 1 of y);",
        "for (var x = 1 of y);",
        "for (async of x);",
        "switch (a) { default: default: }",
        "try {}",
        "throw\na",
        "for (x of y; ;);",
        "const a;",
        "let [a];",
        "for (const x;;);",
        "using x = y;",
        "if (a) async function f() {}",
        "do x while (y)",
        "for (let x in y, z of w);",
        "label: async function f() {}",
        "l: function* g() {}",
    ] {
        bad(src);
    }
    bad_strict("with (a) b");
    bad_strict("if (a) function f() {}");
    bad_strict("l: function f() {}");
    bad_strict("for (var x = 1 in o);");
    ok("for (async of => {};;);");
    ok("async function f() { for await (async of x); }");
    ok("for (let in x);");
    bad("'use strict'; for (let in x);");
}

#[test]
fn expressions() {
    for src in [
        "a = b = c",
        "a += 1",
        "a ??= b",
        "a ||= b",
        "a &&= b",
        "a ? b : c",
        "a ?? b",
        "(a ?? b) || c",
        "a?.b.c(d)?.[e]",
        "new a.b(c)",
        "new new a()()",
        "new.target",
        "a`x${b}y`",
        "`a${b}c${d}e`",
        "[a, , ...b]",
        "({a, b: c, [d]: e, ...f, get g() {}, set g(v) {}, h() {}, async *i() {}, 'j': 1, 2: 3})",
        "typeof a",
        "void 0",
        "delete a.b",
        "(-a) ** 2",
        "x = /re/g.test(y)",
        "x = a / b / c",
        "a++ + ++b",
        "(a, b)",
        "x = function* () { yield; yield* a; }",
        "x = async () => await a",
        "x = async a => a",
        "async(a, b)",
        "async\n(a)",
        "x = class extends (a, b) {}",
        "import('m')",
        "import('m', { with: {} })",
        "x = a => b => c",
        "x = ({a = 1} = b)",
        "[a, [b], {c}] = d",
        "({a: b.c} = d)",
        "x = (a, b) => a + b",
        "x = (...a) => a",
        "x = ([a], {b}) => 0",
        "x = async (a = 1) => a",
        "a?.[0]?.(1)",
        "a in b",
        "#x in y",
        "this",
        "null",
        "true",
        "1n",
        "0x1f",
        "'\\u{1F600}'",
        "x = {__proto__: 1, __proto__}",
        "({__proto__: a, __proto__: b} = c)",
        "yield => 1",
        "await => 1",
        "let => 1",
        "async => 1",
        "(a) = 1",
        "[(a)] = 1",
        "[(a.b)] = 1",
    ] {
        if src.contains("#x") {
            ok(&format!("class C {{ #x; m() {{ {src} }} }}"));
        } else if src.contains("new.target") {
            ok(&format!("function f() {{ {src} }}"));
        } else {
            ok(src);
        }
    }
    assert!(matches!(first_expr("a?.b.c"), Expression::OptionalChain(_)));
    assert!(matches!(first_expr("(a)"), Expression::Parenthesized(_)));
    match first_expr("x = a => a") {
        Expression::Assignment(a) => match &a.value {
            Expression::Arrow(f) => {
                assert!(f.is_arrow() && f.body.is_expression && f.params.is_simple);
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    match first_expr("[a, b = 1, ...c] = d") {
        Expression::Assignment(a) => match &a.target {
            Pattern::Array(p) => {
                assert_eq!(p.elements.len(), 2);
                assert!(matches!(p.elements[1], Some(Pattern::Assignment(_))));
                assert!(p.rest.is_some());
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    match first_expr("({a = 1, b: {c}} = d)") {
        Expression::Parenthesized(p) => match &p.expression {
            Expression::Assignment(a) => assert!(matches!(a.target, Pattern::Object(_))),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    match first_expr("({__proto__: a, b})") {
        Expression::Parenthesized(p) => match &p.expression {
            Expression::Object(o) => {
                assert!(o.properties[0].is_proto_setter());
                assert!(!o.properties[1].is_proto_setter());
            }
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

#[test]
fn expression_errors() {
    for src in [
        "a ?? b || c",
        "a || b ?? c",
        "a && b ?? c",
        "-a ** 2",
        "typeof a ** 2",
        "({a = 1})",
        "({a = 1}).b",
        "[{a = 1}.b] = c",
        "({a: 1} = b)",
        "({a}) = 1",
        "([a]) = 1",
        "(a = 1) = 2",
        "a + b = c",
        "a?.b = c",
        "a?.b++",
        "a?.`x`",
        "new a?.b()",
        "(a, b) => {} ()",
        "() => {} + 1",
        "a => {}\n? b : c",
        "(...a, b) => 0",
        "(a, ...b,) => 0",
        "()",
        "(...a)",
        "(a,)",
        "x = (a)\n=> 1",
        "x = async a\n=> a",
        "a\n=> a",
        "async (...a,) => 1",
        "({get a(x) {}})",
        "({set a() {}})",
        "({set a(...x) {}})",
        "x = {a b}",
        "`${a`",
        "x = `\\u{`",
        "1 = 2",
        "++a++",
        "a + (b, c) = d",
        "x = {if}",
        "import.meta",
        "new import('x')",
        "x = a ? b",
        "({a: b += 1} = c)",
        "[...a, b] = c",
        "[...a,] = c",
        "({...a, b} = c)",
        "({...a,} = c)",
        "({...{a}} = c)",
        "for (a => b in c;;);",
        "x = /(/",
        "x = /a/gg",
        "(async a => 1) = 2",
        "a?.b()`c`",
        "({a: 1} = 2) => 3",
        "((a)) => 1",
        "((a, b)) => 1",
        "async (a)\n=> 1",
    ] {
        bad(src);
    }
    bad_strict("delete a");
    bad_strict("delete ((a))");
    bad_strict("eval = 1");
    bad_strict("arguments++");
    bad_strict("[eval] = a");
    bad_strict("({arguments} = a)");
    bad_strict("(eval) => 1");
    bad_strict("x = 010");
    bad_strict("x = 08");
    bad_strict("x = '\\01'");
    bad_strict("x = '\\8'");
    bad_strict("f() = 1");
    bad_strict("f() += 1");
    bad_strict("for (f() in x);");
    bad("f() &&= 1");
    bad("[f()] = 1");
}

#[test]
fn identifiers_and_reserved_words() {
    bad("var if;");
    bad("var \\u0069f;");
    bad("x = { \\u0069f }");
    bad("\\u0061sync function f() {}");
    ok("var \\u0061sync;");
    ok("x.if; x = {if: 1}; x.\\u0069f");
    bad("var enum;");
    for w in [
        "implements",
        "interface",
        "let",
        "package",
        "private",
        "protected",
        "public",
        "static",
        "yield",
    ] {
        bad_strict(&format!("var {w};"));
    }
    bad_strict("var l\\u0065t;");
    bad("function* g() { var yield; }");
    bad("function* g() { yi\\u0065ld: 1 }");
    bad("function* g() { function yield() {} }");
    bad("function* g() { function* yield() {} }");
    bad("x = function* yield() {}");
    bad("async function f() { var await; }");
    bad("x = async function await() {}");
    ok("async function await() {}");
    bad("class C { static { await; } }");
    bad("class C { static { var await; } }");
    ok("var await; await: 1;");
    bad_module("var await;");
    bad_module("x = { await }");
    ok_module("await 1;");
    ok_module("x = await y");
    bad("let let = 1;");
    bad("const [let] = 1;");
    bad("for (let let in x);");
    bad("class let {}");
    bad("class C extends D { static prototype() {} }");
    bad("class C { static prototype = 1 }");
    ok("class C { prototype() {} static 'constructor'() {} }");
    bad("class C { constructor = 1 }");
    bad("class C { 'constructor' = 1 }");
    bad("class C { get constructor() {} }");
    bad("class C { *constructor() {} }");
    bad("class C { async constructor() {} }");
    bad("class C { constructor() {} constructor() {} }");
    ok("class C { get\n x() {} static async *m() {} static = 1; get; set; async; 'a'; [b] = 1; #c; static { } }");
}

#[test]
fn functions_and_strictness() {
    bad("function f(a, a) { 'use strict' }");
    ok("function f(a, a) {}");
    bad("function f(a, [a]) {}");
    bad("(a, a) => 1");
    bad("x = { m(a, a) {} }");
    bad("function f(a = 1) { 'use strict' }");
    bad("function eval() { 'use strict' }");
    bad("function f(eval) { 'use strict' }");
    bad("function static() { 'use strict' }");
    bad("(eval) => { 'use strict' }");
    bad("function f() { '\\01'; 'use strict'; }");
    bad("function f() { 'use strict'; 010 }");
    ok("function f() { 'use\\x20strict'; with (a) {} }");
    ok("function f() { ('use strict'); with (a) {} }");
    bad("function* g(a = yield) {}");
    bad("async function f(a = await 1) {}");
    bad("function* g() { (a = yield) => 1 }");
    bad("async function f() { (a = await 1) => 1 }");
    bad("async (a = await 1) => 1");
    bad("async (await) => 1");
    ok("function* g() { function f(a = yield) {} }");
    bad("class C { m() { with (a) {} } }");
    bad("class C extends (function () { with (a) {} }) {}");
    let s = script("function f() { 'use strict'; } function g() {}");
    match (&s.body[0], &s.body[1]) {
        (Statement::FunctionDeclaration(f), Statement::FunctionDeclaration(g)) => {
            assert!(f.body.strict && f.body.has_use_strict);
            assert!(!g.body.strict);
        }
        other => panic!("{other:?}"),
    }
    let s = parse_script(
        "function f() {}",
        ParseOptions {
            strict: true,
            ..Default::default()
        },
    )
    .unwrap();
    assert!(s.strict);
    bad("new.target");
    assert!(parse_script(
        "new.target",
        ParseOptions {
            allow_new_target: true,
            ..Default::default()
        }
    )
    .is_ok());
    bad("return 1");
    assert!(parse_script(
        "return 1",
        ParseOptions {
            allow_return: true,
            ..Default::default()
        }
    )
    .is_ok());
}

#[test]
fn templates_and_regexps() {
    ok("tag`\\u{`");
    bad("`\\u{`");
    bad("`\\01`");
    match first_expr("tag`a\\u{`") {
        Expression::TaggedTemplate(t) => assert!(t.quasi.quasis[0].cooked.is_none()),
        other => panic!("{other:?}"),
    }
    match first_expr("`a${b}c`") {
        Expression::Template(t) => {
            assert_eq!(t.quasis.len(), 2);
            assert_eq!(t.expressions.len(), 1);
            assert_eq!(&*t.quasis[1].raw, "c");
        }
        other => panic!("{other:?}"),
    }
    match first_expr("/a[/]b/giu") {
        Expression::Literal(Literal::RegExp(r)) => {
            assert_eq!(&*r.pattern, "a[/]b");
            assert_eq!(&*r.flags, "giu");
        }
        other => panic!("{other:?}"),
    }
    bad("/(?<a>x)(?<a>y)/");
}

#[test]
fn modules() {
    for src in [
        "import a from 'm';",
        "import * as ns from 'm';",
        "import {a, b as c, 'd e' as f} from 'm';",
        "import a, {b} from 'm';",
        "import a, * as b from 'm';",
        "import 'm';",
        "import j from './x.json' with { type: 'json' };",
        "export var a = 1;",
        "export let b;",
        "export const c = 1;",
        "export function d() {}",
        "export async function e() {}",
        "export class F {}",
        "export default function () {}",
        "export default class {}",
        "export default 1 + 2;",
        "export { a as b, c as 'd' } from 'm';",
        "export * from 'm';",
        "export * as ns from 'm';",
        "export * as 'x y' from 'm';",
        "var a; export { a, a as default };",
        "import.meta.url",
        "export default async function () {}",
    ] {
        ok_module(src);
    }
    for src in [
        "import {'a'} from 'm';",
        "export { 'a' };",
        "export { if };",
        "import { if } from 'm';",
        "export default var a;",
        "import a from 'm' with { type: 'json', type: 'json' };",
        "export { '\\uD800' as a } from 'm';",
        "<!-- x",
        "with (a) {}",
        "export let\\u0020x;",
        "import {a as if} from 'm';",
    ] {
        bad_module(src);
    }
    bad("import a from 'm';");
    bad("export var a;");
    let m = parse_module(
        "import a, {b as c} from 'm'; export default 1;",
        ParseOptions::default(),
    )
    .unwrap();
    match &m.body[0] {
        ModuleItem::Import(i) => {
            assert_eq!(i.default.as_ref().map(|d| &*d.name), Some("a"));
            assert_eq!(&*i.specifiers[0].local.name, "c");
        }
        other => panic!("{other:?}"),
    }
    assert!(matches!(m.body[1], ModuleItem::ExportDefault(_)));
}

#[test]
fn annex_b_script_features() {
    ok("x = 1 <!-- comment\n--> also a comment\n");
    ok("#!/usr/bin/env node\nx");
    ok("x = 017; y = '\\17'");
    ok("if (a) function f() {} else function g() {}");
}

#[test]
fn dynamic_functions() {
    let f = parse_function_parts("a, b", "return a + b", DynKind::Normal).unwrap();
    assert_eq!(f.params.items.len(), 2);
    assert!(!f.is_async && !f.is_generator);
    let f = parse_function_parts("", "yield 1", DynKind::Generator).unwrap();
    assert!(f.is_generator);
    let f = parse_function_parts("", "await 1", DynKind::AsyncGenerator).unwrap();
    assert!(f.is_async && f.is_generator);
    assert!(parse_function_parts("a) { evil(); } (function (", "", DynKind::Normal).is_err());
    assert!(parse_function_parts("", "} function g() {", DynKind::Normal).is_err());
    assert!(parse_function_parts("/*", "*/", DynKind::Normal).is_err());
    assert!(parse_function_parts("a = 1", "'use strict'", DynKind::Normal).is_err());
    assert!(parse_function_parts("", "yield 1", DynKind::Async).is_err());
}

#[test]
fn hostile_inputs_do_not_panic() {
    let samples = [
        "",
        "(",
        ")",
        "[",
        "{",
        "}",
        "`${",
        "`${`",
        "/",
        "/[",
        "a?.",
        "#",
        "#x",
        "\\",
        "\\u",
        "new.",
        "import.",
        "async (",
        "class { static",
        "for (",
        "for await",
        "let [",
        "({a:",
        "x = {get",
        "\u{2028}",
        "a\u{0}b",
        "((((((((((((a=>",
        "(a, b) =>",
        "`\\",
        "0x",
        "1_",
        "\u{FEFF}",
        "\u{D7FF}",
        "\"\\u{110000}\"",
        "'\u{2028}'",
    ];
    for s in samples {
        let _ = parse_script(s, ParseOptions::default());
        let _ = parse_module(s, ParseOptions::default());
    }
    // Every prefix of a varied program.
    let program = "async function* f(a = 1, {b, c: [d]}, ...e) { for await (const x of y) { yield* x?.[z](`t${1}`); } label: for (;;) break label; class C extends D { #p = 1; static { this.#p; } get [k]() { return super.m(); } } return new.target ?? /re/u.test(`${a}`); }";
    for (i, _) in program.char_indices() {
        let _ = parse_script(&program[..i], ParseOptions::default());
    }
    assert!(parse_script(program, ParseOptions::default()).is_ok());
}

#[test]
fn class_method_source_text_starts_at_the_method_definition() {
    let src =
        "class A { static get /* a */ f() {} static async * g() {} [ 'h' ] () {} set i(v) {} }";
    let s = script(src);
    let Some(Statement::ClassDeclaration(c)) = s.body.first() else {
        panic!("class expected");
    };
    let texts: Vec<&str> = c
        .body
        .iter()
        .filter_map(|el| match el {
            ClassElement::Method { value, .. } => {
                src.get(value.span.start as usize..value.span.end as usize)
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        texts,
        [
            "get /* a */ f() {}",
            "async * g() {}",
            "[ 'h' ] () {}",
            "set i(v) {}"
        ]
    );
}

/// The node types are moved by value all through the parser and make up most of the tree's
/// memory; a large inline variant would make every node bigger.
#[test]
fn nodes_stay_small() {
    use std::mem::size_of;
    assert!(size_of::<Literal>() <= 32);
    assert!(size_of::<Expression>() <= 32);
    assert!(size_of::<Pattern>() <= 32);
    assert!(size_of::<Statement>() <= 48);
}

/// Duplicate parameters where they are not allowed, in short lists (compared pairwise) and
/// long ones (through a set), with the error at the first repetition.
#[test]
fn duplicate_parameters_short_and_long_lists() {
    ok("function f(a, b, a) {}");
    bad("(a, b, a) => 0");
    bad("'use strict'; function f(a, b, a) {}");
    bad("function f(a, [b, a]) {}");
    ok("(a, b, c) => 0");
    let names: Vec<String> = (0..40).map(|i| format!("p{i}")).collect();
    let long = names.join(", ");
    ok(&format!("({long}) => 0"));
    let err = parse_script(&format!("({long}, p3, p7) => 0"), ParseOptions::default())
        .expect_err("repeated p3");
    let at = format!("({long}, ").len() as u32;
    assert_eq!((err.span.start, err.span.end), (at, at + 2), "{err}");
    let err = parse_script("(a, b, c, b, a) => 0", ParseOptions::default()).expect_err("dup");
    assert_eq!((err.span.start, err.span.end), (10, 11), "{err}");
}
