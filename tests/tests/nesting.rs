//! Deep nesting from hostile input: the parser, compiler, JSON, conversions, the collector and
//! `Drop` must not recurse on the Rust stack without a bound. Each test runs in a child process
//! on a 2 MiB stack so that an overflow fails that test alone.

mod support;

use moat_vm::{HostValue, RunError};
use support::{assert_usable, eval, is_compile_syntax_error, is_thrown, isolated};

const DEEP: usize = 1_000_000;

/// Unbalanced openers must be a clean SyntaxError.
fn syntax_error(src: String) {
    let mut cx = support::default_context();
    let r = eval(&mut cx, &src);
    assert!(
        is_compile_syntax_error(&r),
        "{}...: {r:?}",
        support::excerpt(&src)
    );
    assert_usable(&mut cx);
}

/// Valid but deep programs may run or be refused as too deep (a SyntaxError or RangeError),
/// never crash.
fn runs_or_refused(src: String) {
    let mut cx = support::default_context();
    let r = eval(&mut cx, &src);
    assert!(
        r.is_ok()
            || is_compile_syntax_error(&r)
            || is_thrown(&r, "RangeError")
            || matches!(&r, Err(RunError::Compile(s)) if s.contains("RangeError")),
        "{}...: {r:?}",
        support::excerpt(&src)
    );
    assert_usable(&mut cx);
}

macro_rules! isolated_tests {
    ($($(#[$m:meta])* $name:ident => $body:expr;)*) => {$(
        $(#[$m])*
        #[test]
        fn $name() {
            isolated(stringify!($name), || $body);
        }
    )*};
}

isolated_tests! {
    /// Threat: a million open parentheses (parser recursion).
    parens_unclosed => syntax_error("(".repeat(DEEP));
    /// Threat: a million open brackets.
    brackets_unclosed => syntax_error("[".repeat(DEEP));
    /// Threat: a million open blocks.
    braces_unclosed => syntax_error("{".repeat(DEEP));
    /// Threat: a million open template substitutions.
    templates_unclosed => syntax_error("`${".repeat(DEEP));
    /// Threat: a million open calls.
    calls_unclosed => syntax_error(format!("f{}", "(f".repeat(DEEP)));
    /// Threat: balanced parentheses 100,000 deep (parse and compile).
    parens_balanced => runs_or_refused(format!("{}1{}", "(".repeat(100_000), ")".repeat(100_000)));
    /// Threat: balanced array literals 100,000 deep.
    arrays_balanced => runs_or_refused(format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)));
    /// Threat: nested object literals 100,000 deep.
    objects_balanced =>
        runs_or_refused(format!("x = {}1{}", "{a:".repeat(100_000), "}".repeat(100_000)));
    /// Threat: a million unary operators.
    unary_chain => runs_or_refused(format!("{}1", "!".repeat(DEEP)));
    /// Threat: a left-deep binary chain of a million terms (deep AST built by a loop).
    binary_chain => runs_or_refused(format!("1{}", "+1".repeat(DEEP)));
    /// Threat: a right-deep assignment chain.
    assignment_chain => runs_or_refused(format!("var x; {}1", "x=".repeat(DEEP)));
    /// Threat: a million-long member chain.
    member_chain => runs_or_refused(format!("var a = {{}}; a.a = a; a{}", ".a".repeat(DEEP)));
    /// Threat: nested conditionals.
    conditional_chain => runs_or_refused(format!("{}0", "1?1:".repeat(DEEP)));
    /// Threat: nested arrow functions.
    arrow_chain => runs_or_refused(format!("{}1", "x=>".repeat(100_000)));
    /// Threat: nested function declarations (scope analysis depth).
    function_nesting => runs_or_refused(format!(
        "{}{}",
        "function f(){".repeat(100_000),
        "}".repeat(100_000)
    ));
    /// Threat: nested if statements.
    if_chain => runs_or_refused(format!("{};", "if(1)".repeat(DEEP)));
    /// Threat: nested `new`.
    new_chain => runs_or_refused(format!("{}Object", "new ".repeat(100_000)));
    /// Threat: nested blocks, balanced.
    blocks_balanced => runs_or_refused(format!("{}{}", "{".repeat(100_000), "}".repeat(100_000)));
    /// Threat: JSON.parse of a million open brackets.
    json_parse_unclosed_brackets => {
        let mut cx = support::default_context();
        let r = eval(&mut cx, &format!("JSON.parse('{}')", "[".repeat(DEEP)));
        assert!(is_thrown(&r, "SyntaxError"), "{r:?}");
    };
    /// Threat: JSON.parse of a million open objects.
    json_parse_unclosed_objects => {
        let mut cx = support::default_context();
        let r = eval(&mut cx, &format!("JSON.parse('{}')", "{\"a\":".repeat(DEEP)));
        assert!(is_thrown(&r, "SyntaxError"), "{r:?}");
    };
    /// Threat: JSON.parse of balanced arrays 200,000 deep.
    json_parse_balanced => {
        let mut cx = support::default_context();
        let src = format!("JSON.parse('{}{}') && 1", "[".repeat(200_000), "]".repeat(200_000));
        let r = eval(&mut cx, &src);
        // Too deep may be refused, with a RangeError or (as a limit of the parser) a SyntaxError.
        assert!(
            r == Ok(HostValue::Number(1.0))
                || is_thrown(&r, "RangeError")
                || is_thrown(&r, "SyntaxError"),
            "{r:?}"
        );
    };
    /// Threat: a million-deep structure built by a loop, then stringified, joined, flattened,
    /// collected and dropped.
    deep_structure_operations => {
        let mut cx = support::default_context();
        assert_eq!(
            eval(&mut cx, "var o = []; for (var i = 0; i < 1e6; i++) o = [o]; 1"),
            Ok(HostValue::Number(1.0))
        );
        for src in ["JSON.stringify(o)", "'' + o", "o.flat(Infinity).length"] {
            let r = eval(&mut cx, src);
            assert!(
                r.is_ok() || is_thrown(&r, "RangeError") || r == Err(RunError::HeapLimit),
                "{src}: {r:?}"
            );
        }
        assert!(matches!(eval(&mut cx, "o"), Ok(HostValue::Object(_))));
        cx.collect_garbage();
        eval(&mut cx, "o = null").ok();
        cx.collect_garbage();
        drop(cx);
    };
    /// Threat: a million-deep object nest (objects, not arrays) dropped with the context.
    deep_objects_dropped => {
        let mut cx = support::default_context();
        assert_eq!(
            eval(&mut cx, "var o = {}; for (var i = 0; i < 1e6; i++) o = { a: o }; 1"),
            Ok(HostValue::Number(1.0))
        );
        let r = eval(&mut cx, "JSON.stringify(o)");
        assert!(is_thrown(&r, "RangeError") || r == Err(RunError::HeapLimit), "{r:?}");
        drop(cx);
    };
    /// Threat: a million-deep prototype chain (lookups must be iterative). Linked from the
    /// bottom up so that each [[SetPrototypeOf]] cycle check walks a short chain (building it
    /// top down is quadratic by the spec).
    deep_prototype_chain => {
        let mut cx = support::default_context();
        let r = eval(
            &mut cx,
            "var objs = []; for (var i = 0; i < 1e6; i++) objs.push({});
             for (var i = 0; i < 1e6 - 1; i++) Object.setPrototypeOf(objs[i], objs[i + 1]);
             var o = objs[0]; objs = null;
             [o.missing, 'missing' in o, o instanceof Object, '' + o].join()",
        );
        assert!(
            r == Ok(HostValue::String(",false,true,[object Object]".into()))
                || is_thrown(&r, "RangeError"),
            "{r:?}"
        );
    };
    /// Threat: a million bound functions bound on each other, then called and constructed.
    deep_bound_functions => {
        let mut cx = support::default_context();
        let r = eval(
            &mut cx,
            "var f = function () { return 7 }; for (var i = 0; i < 1e6; i++) f = f.bind(null); f()",
        );
        assert!(r == Ok(HostValue::Number(7.0)) || is_thrown(&r, "RangeError"), "{r:?}");
        let r = eval(&mut cx, "new f() instanceof Object");
        assert!(r == Ok(HostValue::Bool(true)) || is_thrown(&r, "RangeError"), "{r:?}");
    };
    /// Threat: a 100,000-long error `cause` chain thrown to the host (describing it must not
    /// walk the chain recursively). A million errors with their stacks exceed the default heap.
    deep_error_cause_chain => {
        let mut cx = support::default_context();
        let r = eval(
            &mut cx,
            "var e = new Error('root'); for (var i = 0; i < 1e5; i++) e = new Error('e', { cause: e });
             throw e",
        );
        assert!(is_thrown(&r, "Error"), "{r:?}");
    };
}
