//! `moat_vm::inspect` through completion values (`HostValue::Object` carries its rendering):
//! Node-like layout, and the bounds that keep printing a hostile value cheap and inert.

use moat_vm::{Context, ContextOptions, HostValue};

fn shown(src: &str) -> String {
    match Context::new(ContextOptions::default()).eval_script(src, "inspect.js") {
        Ok(HostValue::Object(text)) => text,
        other => panic!("{src}: {other:?}"),
    }
}

#[test]
fn plain_values_arrays_and_nesting() {
    assert_eq!(shown("({})"), "{}");
    assert_eq!(shown("[]"), "[]");
    assert_eq!(
        shown("({ a: 1, b: 'two', c: [1, -0, 2n], d: { e: { f: { g: 1 } } } })"),
        "{ a: 1, b: 'two', c: [ 1, -0, 2n ], d: { e: { f: [Object] } } }"
    );
    assert_eq!(
        shown("[1, , 3, , , 6, { x: [[[1]]] }]"),
        "[ 1, <1 empty item>, 3, <2 empty items>, 6, { x: [ [Array] ] } ]"
    );
    assert_eq!(
        shown("({ 'a-b': 1, 0: 2, [Symbol('s')]: 3, $ok: 4 })"),
        "{ '0': 2, 'a-b': 1, $ok: 4, [Symbol(s)]: 3 }"
    );
    assert_eq!(
        shown("['a\\nb', \"it's\", `\"q\" 'x'`, '\\u0001', '\\ud800']"),
        r#"[ 'a\nb', "it's", `"q" 'x'`, '\x01', '\uD800' ]"#
    );
    assert_eq!(
        shown("let a = [1, 2]; a.extra = true; a"),
        "[ 1, 2, extra: true ]"
    );
}

#[test]
fn long_entries_break_into_lines_and_columns() {
    assert_eq!(
        shown("({ first: 'aaaaaaaaaaaaaaaaaaaa', second: 'bbbbbbbbbbbbbbbbbbbb', third: 'cccccccccccccccccccc' })"),
        "{\n  first: 'aaaaaaaaaaaaaaaaaaaa',\n  second: 'bbbbbbbbbbbbbbbbbbbb',\n  third: 'cccccccccccccccccccc'\n}"
    );
    let numbers = shown("Array.from({ length: 30 }, (_, i) => i * 3)");
    let lines: Vec<&str> = numbers.lines().collect();
    assert_eq!(lines.first(), Some(&"["));
    assert_eq!(lines.last(), Some(&"]"));
    assert!(lines.len() < 8, "{numbers}");
    // Numbers are right-aligned in their columns.
    assert!(lines[1].starts_with("   0,  3,"), "{numbers}");
}

#[test]
fn functions_classes_errors_and_wrappers() {
    assert_eq!(shown("(function named() {})"), "[Function: named]");
    assert_eq!(shown("(() => 1)"), "[Function (anonymous)]");
    assert_eq!(shown("(class A {})"), "[class A]");
    assert_eq!(
        shown("(async function* g() {})"),
        "[AsyncGeneratorFunction: g]"
    );
    assert_eq!(shown("(async () => {})"), "[AsyncFunction (anonymous)]");
    assert_eq!(shown("(function* g() {})"), "[GeneratorFunction: g]");
    assert_eq!(shown("Math.max"), "[Function: max]");
    assert_eq!(
        shown("function f() {}; f.tag = 1; f"),
        "[Function: f] { tag: 1 }"
    );
    assert_eq!(
        shown("class P { #hidden = 1; constructor() { this.x = 1 } }; new P"),
        "P { x: 1 }"
    );
    assert_eq!(shown("Object.create(null)"), "[Object: null prototype] {}");
    assert_eq!(
        shown("[new Number(3), new String('ab'), Object(1n)]"),
        "[ [Number: 3], [String: 'ab'], [BigInt: 1n] ]"
    );
    assert_eq!(shown("Promise.resolve(4)"), "Promise { 4 }");
    assert_eq!(shown("new Promise(() => {})"), "Promise { <pending> }");
    assert_eq!(
        shown("(function() { return arguments })(1)"),
        "Object [Arguments] { '0': 1 }"
    );
    let error = shown("new RangeError('bad')");
    assert!(error.starts_with("RangeError: bad\n    at "), "{error}");
    assert_eq!(
        shown("[{ __proto__: RangeError.prototype }]"),
        "[ RangeError {} ]"
    );
}

#[test]
fn cycles_are_marked() {
    assert_eq!(
        shown("const o = { list: [1] }; o.self = o; o.list.push(o); o"),
        "<ref *1> { list: [ 1, [Circular *1] ], self: [Circular *1] }"
    );
}

#[test]
fn accessors_are_never_called() {
    // The getter would throw, and count its calls, if it ran.
    let text = shown(
        "globalThis.calls = 0; ({ get a() { calls++; throw 1 }, set b(v) {}, get c() { calls++ }, set c(v) {} })",
    );
    assert_eq!(text, "{ a: [Getter], b: [Setter], c: [Getter/Setter] }");
    let mut cx = Context::new(ContextOptions::default());
    let r = cx.eval_script(
        "var calls = 0; var o = { get a() { calls++ } }; Object.defineProperty(Array.prototype, 0, { get() { calls++ } }); [o, [ , 1]]",
        "inspect.js",
    );
    assert_eq!(
        r,
        Ok(HostValue::Object(
            "[ { a: [Getter] }, [ <1 empty item>, 1 ] ]".into()
        ))
    );
    assert_eq!(
        cx.eval_script("calls", "inspect.js"),
        Ok(HostValue::Number(0.0))
    );
}

#[test]
fn huge_values_are_cut_short() {
    let big = shown("new Array(4294967295)");
    assert_eq!(big, "[ <4294967295 empty items> ]");
    let dense = shown("Array.from({ length: 200000 }, (_, i) => i)");
    assert!(
        dense.ends_with("... 199900 more items\n]"),
        "{}",
        &dense[dense.len() - 60..]
    );
    let sparse = shown("const s = []; s[5] = 1; s[4000000000] = 2; s");
    assert_eq!(
        sparse,
        "[ <5 empty items>, 1, <3999999994 empty items>, 2 ]"
    );
    let wide = shown("const w = {}; for (let i = 0; i < 5000; i++) w['k' + i] = i; w");
    assert!(
        wide.ends_with("... 4900 more items\n}"),
        "{}",
        &wide[wide.len() - 40..]
    );
    // Wide at every level: the total stays bounded.
    let nested = shown(
        "const s = 'x'.repeat(50); const row = () => new Array(100).fill(s); \
         Array.from({ length: 100 }, () => Array.from({ length: 100 }, row))",
    );
    assert!(nested.len() < 2_000_000, "{}", nested.len());
    let long = shown("['y'.repeat(20000)]");
    assert!(long.contains("... 10000 more characters"), "{}", long.len());
}
