//! Unit tests of the early-error pass: each rule with programs it must accept and reject.
//! A program the parser already rejects counts as rejected.

use super::{check_module, check_script, check_script_with_private_names, OuterPrivateNames};
use crate::ParseOptions;

// The public entry points run this pass themselves, so the tests parse with the bare parser to
// tell the parser's errors ("parse:") from this pass's ("early:").
fn parse_only(source: &str, options: ParseOptions) -> Result<crate::ast::Script, String> {
    crate::parser::Parser::parse_script(source, &options)
        .map_err(|e| format!("parse: {}", e.into_syntax_error(source)))
}

/// Checks with the parser's marks (skipping expressions) and without them (walking
/// everything): both must give the same verdict and error.
fn script_with(source: &str, options: ParseOptions) -> Result<(), String> {
    let (script, marks) = crate::parser::Parser::parse_script_marked(source, &options)
        .map_err(|e| format!("parse: {}", e.into_syntax_error(source)))?;
    let skipping = check_script(&script, &options, Some(&marks));
    let walking = check_script(&script, &options, None);
    assert_eq!(skipping, walking, "marks change the verdict on {source:?}");
    skipping.map_err(|e| format!("early: {}", e.message))
}

fn script(source: &str) -> Result<(), String> {
    script_with(source, ParseOptions::default())
}

fn module(source: &str) -> Result<(), String> {
    let options = ParseOptions::default();
    let (module, marks) = crate::parser::Parser::parse_module_marked(source, &options)
        .map_err(|e| format!("parse: {}", e.into_syntax_error(source)))?;
    let skipping = check_module(&module, &options, Some(&marks));
    let walking = check_module(&module, &options, None);
    assert_eq!(skipping, walking, "marks change the verdict on {source:?}");
    skipping.map_err(|e| format!("early: {}", e.message))
}

#[track_caller]
fn ok(source: &str) {
    if let Err(e) = script(source) {
        panic!("script {source:?} rejected: {e}");
    }
}

#[track_caller]
fn bad(source: &str) {
    assert!(script(source).is_err(), "script {source:?} accepted");
}

#[track_caller]
fn ok_module(source: &str) {
    if let Err(e) = module(source) {
        panic!("module {source:?} rejected: {e}");
    }
}

#[track_caller]
fn bad_module(source: &str) {
    assert!(module(source).is_err(), "module {source:?} accepted");
}

/// Rejected by this pass itself (the parser accepts the grammar).
#[track_caller]
fn early(source: &str) {
    match script(source) {
        Err(e) if e.starts_with("early:") => {}
        other => panic!("script {source:?}: expected an early error, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Declarations and scopes
// ---------------------------------------------------------------------------------------------

#[test]
fn duplicate_lexical_names() {
    early("let a; let a;");
    early("let a; const a = 1;");
    early("let a, a;");
    early("let [a, a] = [];");
    early("{ class C {} let C; }");
    early("{ let f; function f() {} }");
    early("const {a, b: {a}} = {};");
    ok("let a; { let a; }");
    ok("{ let a; } { let a; }");
}

#[test]
fn lexical_against_var() {
    early("let a; var a;");
    early("var a; let a;");
    early("{ let a; { var a; } }");
    early("{ { var a; } let a; }");
    early("let a; { var a; }");
    early("let a; for (var a;;) {}");
    early("let a; for (var a in {}) {}");
    early("let a; for (var [a] of []) {}");
    early("{ function f() {} var f; }");
    early("let f; function f() {}");
    early("function g() { let f; function f() {} }");
    early("function g() { let a; { var a; } }");
    ok("var a; var a;");
    ok("function f() {} var f;");
    ok("function f() {} function f() {}");
    ok("var a; { let a; }");
    ok("let a; function g() { var a; }");
    ok("{ let a; } var a;");
}

#[test]
fn let_as_lexical_name() {
    bad("let let = 1;");
    bad("const let = 1;");
    bad("let [let] = [];");
    bad("for (let let of []) {}");
    ok("var let = 1;");
}

#[test]
fn block_functions_and_annex_b() {
    ok("{ function f() {} function f() {} }");
    ok("switch (0) { case 1: function f() {} default: function f() {} }");
    early("'use strict'; { function f() {} function f() {} }");
    early("{ function f() {} function* f() {} }");
    early("{ async function f() {} function f() {} }");
    early("{ function f() {} let f; }");
    early("switch (0) { case 1: let a; default: let a; }");
    early("switch (0) { case 1: let a; default: var a; }");
    ok("if (true) function f() {} var f;");
    ok("{ function f() {} } var f;");
}

#[test]
fn parameters_against_body() {
    early("function f(a) { let a; }");
    early("function f(a) { const a = 1; }");
    early("function f([a]) { class a {} }");
    early("(a) => { let a; }");
    early("async (a) => { let a; }");
    early("({ m(a) { let a; } })");
    ok("function f(a) { var a; }");
    ok("function f(a) { function a() {} }");
    ok("function f(a) { { let a; } }");
    ok("(a) => { var a; }");
    // The lexical declaration after other statements, in a later pattern, with nested scopes.
    early("function f(a) { var b; f(); let a; }");
    early("function f(a, {b}) { var x; class b {} }");
    early("function f(a) { try {} catch (e) { let e; } }");
    ok("function f(a) { try {} catch (a) { var a; } }");
    ok("function f(a) { { var a; } for (var a;;) {} }");
    ok("function f(a) { l: function a() {} }");
    ok("function f(a) { let b; { let a; var c; } }");
}

#[test]
fn catch_parameter() {
    early("try {} catch (e) { let e; }");
    early("try {} catch (e) { function e() {} }");
    early("try {} catch ([e]) { var e; }");
    early("try {} catch ({e}) { for (var e of []); }");
    early("try {} catch ([e, e]) {}");
    ok("try {} catch (e) { var e; }");
    ok("try {} catch (e) { for (var e in {}); }");
    ok("try {} catch (e) { for (var e;;) break; }");
    // Current ECMA-262 B.3.4 (and test262) allow `for (var e of ...)` too.
    ok("try {} catch (e) { for (var e of []); }");
    ok("try {} catch (e) { { let e; } }");
    ok("let e; try {} catch (e) {}");
    ok("try {} catch { let e; }");
}

#[test]
fn for_heads() {
    early("for (let a;;) { var a; }");
    early("for (const a = 1;;) { var a; }");
    early("for (let a in {}) { var a; }");
    early("for (let a of []) { var a; }");
    early("for (let [a, a] of []) ;");
    early("for (const [a, a] = [];;) ;");
    ok("for (let a;;) { let a; break; }");
    ok("for (var a;;) { var a; break; }");
    ok("for (let a of []) { function g() { var a; } }");
}

#[test]
fn static_block_scope() {
    early("class C { static { let a; var a; } }");
    early("class C { static { let a; let a; } }");
    ok("class C { static { var a; var a; } }");
    ok("var a; class C { static { let a; } }");
}

// ---------------------------------------------------------------------------------------------
// Labels
// ---------------------------------------------------------------------------------------------

#[test]
fn labels() {
    bad("L: L: ;");
    bad("L: { L: ; }");
    bad("L: while (1) { L: ; }");
    ok("L: ; L: ;");
    ok("L: { function f() { L: ; } }");
    ok("L: { (() => { L: ; }); }");
    bad("break L;");
    bad("L: ; while (1) break L;");
    ok("L: { break L; }");
    ok("L: while (1) { break L; }");
    bad("L: { function f() { break L; } }");
    bad("L: { continue L; }");
    bad("while (1) { L: { continue L; } }");
    bad("L: { while (1) continue L; }");
    ok("L: while (1) continue L;");
    ok("L: M: for (;;) continue L;");
    ok("L: do { continue L; } while (0)");
    bad("break;");
    bad("continue;");
    bad("switch (0) { case 0: continue; }");
    ok("switch (0) { case 0: break; }");
    ok("while (1) { switch (0) { case 0: continue; } }");
    bad("while (1) { function f() { break; } }");
    bad("while (1) { class C { static { break; } } }");
    bad("L: while (1) { class C { static { continue L; } } }");
}

// ---------------------------------------------------------------------------------------------
// Private names
// ---------------------------------------------------------------------------------------------

#[test]
fn private_names() {
    ok("class C { #x; m() { return this.#x; } }");
    ok("class C { #x; static m(o) { return #x in o; } }");
    ok("class C { #x; m(o) { return o?.#x; } }");
    ok("class C { #x; m() { class D { n(o) { return o.#x; } } } }");
    ok("class C { #x; [class { m(o) { o.#x; } }] = 1; }");
    ok("class C { m() { this.#x; } #x; }");
    ok("class C { get #a() {} set #a(v) {} }");
    ok("class C { static get #a() {} static set #a(v) {} }");
    early("this.#x;");
    early("class C { m() { this.#y; } #x; }");
    early("class C { #x; } class D { m() { this.#x; } }");
    early("class C { #x; static m(o) { return #y in o; } }");
    early("class C { #x; m(o) { return o?.a.#y; } }");
    early("function f(o) { return o.#x; }");
    early("class C extends (o => o.#x) { #x; }");
    early("class C { #x; #x; }");
    early("class C { #x; m() {} #x() {} }");
    early("class C { get #a() {} get #a() {} }");
    early("class C { get #a() {} static set #a(v) {} }");
    early("class C { get #a() {} set #a(v) {} #a; }");
    bad("class C { #constructor; }");
    bad("class C { #constructor() {} }");
}

#[test]
fn private_names_in_eval() {
    let source = "this.#x;";
    let options = ParseOptions::default();
    let parsed = parse_only(source, options);
    let Ok(script) = parsed else {
        panic!("parse failed: {parsed:?}");
    };
    let outer = ["x"];
    assert!(check_script_with_private_names(
        &script,
        &options,
        OuterPrivateNames::Known(&outer),
        None
    )
    .is_ok());
    let other = ["y"];
    assert!(check_script_with_private_names(
        &script,
        &options,
        OuterPrivateNames::Known(&other),
        None
    )
    .is_err());
    assert!(check_script(&script, &options, None).is_err());
}

// ---------------------------------------------------------------------------------------------
// super, new.target, arguments, await
// ---------------------------------------------------------------------------------------------

#[test]
fn super_call() {
    ok("class C extends D { constructor() { super(); } }");
    ok("class C extends D { constructor() { (() => super())(); } }");
    ok("class C extends D { constructor(a = super()) { } }");
    bad("class C { constructor() { super(); } }");
    bad("class C extends D { m() { super(); } }");
    bad("class C extends D { constructor() { function f() { super(); } } }");
    bad("class C extends D { x = super(); }");
    bad("class C extends D { static { super(); } }");
    bad("({ m() { super(); } })");
    bad("super();");
    bad("function f() { super(); }");
}

#[test]
fn super_property() {
    ok("({ m() { return super.x; } })");
    ok("({ get x() { return super.x; }, set x(v) { super[v] = 1; } })");
    ok("class C { m() { super.x; } static n() { super.y; } }");
    ok("class C { x = super.y; static { super.z; } }");
    ok("class C { m() { return () => super.x; } }");
    ok("class C extends D { constructor() { super.x; } }");
    bad("super.x;");
    bad("function f() { super.x; }");
    bad("({ f: function () { super.x; } })");
    bad("class C { [super.x]() {} }");
    bad("class C extends super.x {}");
    ok("({ m() { class C extends super.x { [super.y]() {} } } })");
}

#[test]
fn new_target() {
    ok("function f() { new.target; }");
    ok("function f() { () => new.target; }");
    ok("class C { x = new.target; static { new.target; } }");
    bad("new.target;");
    bad("() => new.target;");
    let eval_options = ParseOptions {
        allow_new_target: true,
        ..ParseOptions::default()
    };
    assert_eq!(script_with("new.target;", eval_options), Ok(()));
}

#[test]
fn eval_options() {
    let method = ParseOptions {
        allow_super_property: true,
        ..ParseOptions::default()
    };
    assert_eq!(script_with("super.x; () => super.y;", method), Ok(()));
    assert!(script_with("super();", method).is_err());
    assert!(script_with("function f() { super.x; }", method).is_err());
    let derived = ParseOptions {
        allow_super_call: true,
        allow_super_property: true,
        allow_new_target: true,
        ..ParseOptions::default()
    };
    assert_eq!(script_with("super(); () => super();", derived), Ok(()));
    let field = ParseOptions {
        in_class_field_init: true,
        ..ParseOptions::default()
    };
    assert!(script_with("arguments;", field).is_err());
    assert!(script_with("() => arguments;", field).is_err());
    assert_eq!(script_with("function f() { arguments; }", field), Ok(()));
}

#[test]
fn arguments_in_class_bodies() {
    bad("class C { x = arguments; }");
    bad("class C { x = () => arguments; }");
    bad("class C { static x = arguments[0]; }");
    bad("class C { static { arguments; } }");
    bad("class C { static { () => arguments; } }");
    ok("class C { x = function () { return arguments; }; }");
    ok("class C { static { (function () { arguments; }); } }");
    ok("class C { m() { arguments; } }");
    ok("class C { x = { arguments: 1 }.arguments; }");
}

#[test]
fn await_in_static_blocks() {
    bad("class C { static { class await {} } }");
    bad("class C { static { (class await {}); } }");
    bad("async function f() { class C { static { await 0; } } }");
    ok("class C { static { (() => { class await {} }); } }");
    ok("class C { static { (function () { var await; }); } }");
}

// ---------------------------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------------------------

#[test]
fn module_declarations() {
    bad_module("function f() {} function f() {}");
    bad_module("var f; function f() {}");
    bad_module("import a from 'm'; let a;");
    bad_module("import a from 'm'; var a;");
    bad_module("import a from 'm'; import { a } from 'n';");
    bad_module("import { a, b as a } from 'm';");
    bad_module("import * as a from 'm'; function a() {}");
    bad_module("export default function f() {} let f;");
    bad_module("let a; export var a;");
    ok_module("import a from 'm'; { let a; }");
    ok_module("var a; var a;");
    ok_module("function f() { var f; }");
}

#[test]
fn module_exports() {
    ok_module("var a; export { a };");
    ok_module("{ var a; } export { a };");
    ok_module("export { a }; let a;");
    ok_module("import { a } from 'm'; export { a };");
    ok_module("function f() {} export { f as g, f as h };");
    ok_module("export { x } from 'm'; export { x as y } from 'm';");
    ok_module("export { 'a' as b } from 'm';");
    ok_module("export * from 'm'; export * from 'n';");
    ok_module("export default 1; export { a as 'default2' }; var a;");
    bad_module("export { a };");
    bad_module("{ let a; } export { a };");
    bad_module("function g() { var a; } export { a };");
    bad_module("var a; export { a, a };");
    bad_module("var a, b; export { a as c, b as c };");
    bad_module("export var a; export { a };");
    bad_module("export default 1; export default 2;");
    bad_module("var a; export default 1; export { a as default };");
    bad_module("export * as a from 'm'; export * as a from 'n';");
    bad_module("export * as 'a' from 'm'; var a; export { a };");
    bad_module("export { 'a' };");
    bad_module("export { 'a' as b };");
    bad_module("export { x as '\\uD800' } from 'm';");
    bad_module("import { '\\uDC00' as x } from 'm';");
    bad_module("export * as '\\uD800' from 'm';");
    ok_module("export { x as '\\uD83D\\uDE00' } from 'm';");
    bad_module("import x from 'm' with { type: 'json', type: 'json' };");
    bad_module("import x from 'm' with { type: 'json', 'type': 'json' };");
    ok_module("import x from 'm' with { type: 'json', other: 'x' };");
}

#[test]
fn module_context() {
    bad_module("new.target;");
    bad_module("super.x;");
    bad_module("L: L: ;");
    bad_module("this.#x;");
}

// ---------------------------------------------------------------------------------------------
// Other rules and robustness
// ---------------------------------------------------------------------------------------------

#[test]
fn use_strict_with_non_simple_parameters() {
    bad("function f(a = 1) { 'use strict'; }");
    bad("function f({a}) { 'use strict'; }");
    bad("function f(...a) { 'use strict'; }");
    bad("(a = 1) => { 'use strict'; }");
    ok("function f(a, b) { 'use strict'; }");
    ok("'use strict'; function f(a = 1) {}");
}

#[test]
fn dynamic_function() {
    // parse_function_parts runs this pass: a conflict is reported through it.
    let parsed = crate::parse_function_parts("a", "let a;", crate::FunctionKind::Normal);
    assert!(parsed.is_err_and(|e| e.message.contains("already been declared")));
    let parsed = crate::parse_function_parts(
        "a",
        "var a; return new.target;",
        crate::FunctionKind::Normal,
    );
    let Ok(function) = parsed else {
        panic!("parse failed: {parsed:?}");
    };
    assert_eq!(super::check_function(&function), Ok(()));
}

/// A hand-built AST nested `depth` times in one of four shapes with large walker frames.
fn deep_script(shape: u32, depth: usize) -> crate::ast::Script {
    use crate::ast::*;
    let span = crate::Span::default();
    let mut expression = Expression::This(span);
    let mut statement = Statement::Empty(span);
    for _ in 0..depth {
        match shape {
            0 => {
                expression = Expression::Array(Box::new(ArrayExpression {
                    elements: vec![ArrayElement::Expression(expression)],
                    span,
                }))
            }
            1 => {
                statement = Statement::Block(BlockStatement {
                    body: vec![statement],
                    span,
                })
            }
            2 => {
                let body = FunctionBody {
                    statements: vec![Statement::Return(ReturnStatement {
                        argument: Some(expression),
                        span,
                    })],
                    strict: false,
                    has_use_strict: false,
                    is_expression: true,
                    span,
                };
                expression = Expression::Arrow(Box::new(Function {
                    id: None,
                    params: FormalParameters {
                        items: vec![],
                        rest: None,
                        is_simple: true,
                        span,
                    },
                    body,
                    is_async: false,
                    is_generator: false,
                    kind: FunctionKind::Arrow,
                    span,
                }));
            }
            _ => {
                expression = Expression::Class(Box::new(Class {
                    id: None,
                    super_class: None,
                    body: vec![ClassElement::Field {
                        key: PropertyKey::Computed(Box::new(expression)),
                        is_static: false,
                        value: None,
                        span,
                    }],
                    span,
                }))
            }
        }
    }
    if shape != 1 {
        statement = Statement::Expression(ExpressionStatement { expression, span });
    }
    Script {
        body: vec![statement],
        strict: false,
        has_use_strict: false,
        span,
    }
}

#[test]
fn deep_asts_are_rejected_without_exhausting_the_stack() {
    for shape in 0..4 {
        let worker = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                let shallow =
                    check_script(&deep_script(shape, 300), &ParseOptions::default(), None);
                let deep = check_script(&deep_script(shape, 3000), &ParseOptions::default(), None);
                (shallow.is_ok(), deep.is_err())
            });
        let Ok(worker) = worker else {
            panic!("cannot spawn a thread");
        };
        assert!(matches!(worker.join(), Ok((true, true))), "shape {shape}");
    }
}
