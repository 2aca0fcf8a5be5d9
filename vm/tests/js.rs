//! End-to-end tests: source text through moat-parser and moat-bytecode's compiler into the VM.

use std::time::Duration;

use moat_vm::{Context, ContextOptions, HostValue, RunError};

/// The result with a thrown message cut to its first line (the stack follows it).
fn head(r: Result<HostValue, RunError>) -> Result<HostValue, RunError> {
    match r {
        Err(RunError::Thrown(m)) => {
            Err(RunError::Thrown(m.lines().next().unwrap_or("").to_string()))
        }
        other => other,
    }
}

fn eval(src: &str) -> Result<HostValue, RunError> {
    Context::new(ContextOptions::default()).eval_script(src, "test.js")
}

fn num(src: &str) -> f64 {
    match eval(src) {
        Ok(HostValue::Number(n)) => n,
        other => panic!("{src}: {other:?}"),
    }
}

fn string(src: &str) -> String {
    match eval(src) {
        Ok(HostValue::String(s)) => s,
        other => panic!("{src}: {other:?}"),
    }
}

#[test]
fn functions_closures_and_recursion() {
    assert_eq!(num("function mk(){ let c = 0; return function(){ return ++c } } var f = mk(); f(); f(); f()"), 3.0);
    assert_eq!(
        num("function fib(n){ return n < 2 ? n : fib(n - 1) + fib(n - 2) } fib(15)"),
        610.0
    );
    assert_eq!(
        num(
            "var fs = []; for (let i = 0; i < 3; i++) fs[i] = () => i; fs[0]() + fs[1]() + fs[2]()"
        ),
        3.0
    );
    assert_eq!(
        string("function F(){ if (!new.target) return 'call'; this.x = 1 } F() + new F().x"),
        "call1"
    );
}

#[test]
fn classes_fields_private_names_and_super() {
    let src = "class A { #x = 1; constructor(y) { this.y = y } get x() { return this.#x } static s() { return 5 } }
               class B extends A { z = 10; constructor() { super(20) } }
               const b = new B(); b.x + b.y + b.z + A.s() + (b instanceof A)";
    assert_eq!(num(src), 37.0);
    assert_eq!(
        head(eval("class A { constructor() { this.x } } A()")),
        Err(RunError::Thrown(
            "TypeError: Class constructor cannot be invoked without 'new'".into()
        ))
    );
}

#[test]
fn conversions_call_value_of_and_to_string_in_order() {
    let src = "var log = ''; var o = { valueOf() { log += 'v'; return 1 }, toString() { log += 't'; return 'x' } };
               o + ''; `${o}`; o * 2; log";
    assert_eq!(string(src), "vtv");
    assert_eq!(
        num("var x = {}; x[{ toString() { return 'k' } }] = 5; x.k"),
        5.0
    );
    assert_eq!(
        num("var o = { valueOf() { return {} }, toString() { return '4' } }; o * 2"),
        8.0
    );
    assert_eq!(
        head(eval(
            "var o = { valueOf() { return {} }, toString() { return {} } }; o + 1"
        )),
        Err(RunError::Thrown(
            "TypeError: Cannot convert object to primitive value".into()
        ))
    );
}

#[test]
fn exceptions_and_finally() {
    assert_eq!(
        num("var x = 0; try { throw 1 } catch (e) { x = e } finally { x += 10 } x"),
        11.0
    );
    assert_eq!(string("function t() { null.x } try { t() } catch (e) { e.constructor.name + ': ' + e.message }"), "TypeError: Cannot read properties of null (reading 'x')");
    assert_eq!(
        head(eval("throw new RangeError('r')")),
        Err(RunError::Thrown("RangeError: r".into()))
    );
    assert_eq!(
        head(eval("x; let x = 1")),
        Err(RunError::Thrown(
            "ReferenceError: Cannot access 'x' before initialization".into()
        ))
    );
}

#[test]
fn iteration_spread_and_destructuring() {
    assert_eq!(num("var s = 0; for (var v of [1, 2, 3]) s += v; s"), 6.0);
    assert_eq!(
        num("function f(...a) { return a.length } f(...[1, 2, 3], 4)"),
        4.0
    );
    assert_eq!(num("var [a, , ...r] = [1, 2, 3, 4]; a + r.length"), 3.0);
    assert_eq!(
        num("var { x, ...rest } = { x: 1, y: 2, z: 3 }; x + rest.y + rest.z"),
        6.0
    );
    // Breaking out of for-of closes the iterator (the array iterator has no `return`).
    assert_eq!(
        num("var n = 0; for (var v of [1, 2, 3]) { n += v; if (v == 2) break } n"),
        3.0
    );
    assert_eq!(
        string("function g() { var s = ''; for (var a of arguments) s += a; return s } g(1, 2, 3)"),
        "123"
    );
}

#[test]
fn for_in_visits_keys_in_spec_order() {
    assert_eq!(
        string("var o = { b: 1, 2: 1, a: 1, 0: 1 }; var k = ''; for (var p in o) k += p; k"),
        "02ba"
    );
    assert_eq!(string("var p = { inherited: 1 }; var o = { own: 1, __proto__: p }; var k = ''; for (var q in o) k += q + ','; k"), "own,inherited,");
}

#[test]
fn deep_js_recursion_is_a_range_error_on_a_2_mib_thread() {
    let h = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| eval("function f(n) { return f(n + 1) } f(0)"));
    let r = h.ok().and_then(|h| h.join().ok());
    assert_eq!(
        r.map(head),
        Some(Err(RunError::Thrown(
            "RangeError: Maximum call stack size exceeded".into()
        )))
    );
}

#[test]
fn allocation_inside_a_getter_loop_is_collected() {
    let mut cx = Context::new(ContextOptions {
        heap_limit: 32 << 20,
        ..Default::default()
    });
    let r = cx.eval_script(
        "var o = { get g() { return { a: 1, b: [1, 2, 3] } } }; var n = 0; for (var i = 0; i < 300000; i++) n += o.g.a; n",
        "t.js",
    );
    assert_eq!(r, Ok(HostValue::Number(300000.0)));
    assert!(cx.heap_peak() <= 32 << 20);
}

#[test]
fn string_building_is_linear_and_limited() {
    assert_eq!(
        num("var s = ''; for (var i = 0; i < 100000; i++) s += 'ab'; s.length"),
        200000.0
    );
    let mut cx = Context::new(ContextOptions {
        heap_limit: 16 << 20,
        ..Default::default()
    });
    let r = cx.eval_script("var s = 'x'; while (true) s += s;", "t.js");
    assert!(
        matches!(r, Err(RunError::Thrown(ref m)) if m.starts_with("RangeError"))
            || r == Err(RunError::HeapLimit),
        "{r:?}"
    );
}

#[test]
fn a_timeout_ends_while_true() {
    let mut cx = Context::new(ContextOptions {
        timeout: Some(Duration::from_millis(50)),
        ..Default::default()
    });
    assert_eq!(
        cx.eval_script("while (true) {}", "t.js"),
        Err(RunError::Timeout)
    );
    assert_eq!(cx.eval_script("1 + 1", "t.js"), Ok(HostValue::Number(2.0)));
}

#[test]
fn syntax_errors_are_compile_errors() {
    assert!(matches!(eval("var = 1"), Err(RunError::Compile(_))));
}

#[test]
fn typeof_null_is_object() {
    assert_eq!(string("typeof null"), "object");
    assert_eq!(string("var n = null; typeof n"), "object");
}

#[test]
fn break_out_of_finally_carries_the_finally_value() {
    // TryStatement evaluation: an abrupt finally's value is its own, UpdateEmpty'd with
    // undefined, never the try block's.
    let r = eval("99; do { -99; try { 39 } finally { break; -2 } } while (false);");
    assert_eq!(r, Ok(HostValue::Undefined));
    assert_eq!(
        num("99; do { -99; try { 39 } finally { 42; break; } } while (false);"),
        42.0
    );
    assert_eq!(num("1; try { 2 } finally { 3 }"), 2.0);
}

#[test]
fn super_inside_arrows_and_eval_uses_the_enclosing_method() {
    // GetThisEnvironment skips arrows: their `super` is the enclosing method's.
    let src = "class A { get x() { return 'a' } constructor() { this.k = 1 } }
        class C extends A { m() { return [1, 2].map(v => super.x + v).join() } }
        class B extends A { f = 5; constructor() { (() => super())(); this.r = this.f + this.k } }
        class D extends A { constructor() { eval('super()'); this.r = this.k } }
        new C().m() + ' ' + new B().r + ' ' + new D().r";
    assert_eq!(string(src), "a1,a2 6 1");
    // A second super() is a ReferenceError after the parent constructor ran.
    assert_eq!(
        string("class A {} class B extends A { constructor() { var f = () => super(); f(); try { f() } catch (e) { this.e = e.name } } } new B().e"),
        "ReferenceError"
    );
    // GetValue of a super reference whose base is null is a TypeError.
    assert_eq!(
        string("var o = { m() { try { super.x } catch (e) { return e.name } } }; Object.setPrototypeOf(o, null); o.m()"),
        "TypeError"
    );
}

#[test]
fn eval_in_parameters_cannot_redeclare_a_parameter() {
    // FunctionDeclarationInstantiation step 20: the parameters sit between an eval in the
    // parameter list and its VariableEnvironment.
    let r = head(eval("(function (a, b = eval('var a = 1')) {})()"));
    assert!(
        matches!(&r, Err(RunError::Thrown(m)) if m.starts_with("SyntaxError")),
        "{r:?}"
    );
    // A new name is fine, and later parameters see it.
    assert_eq!(
        num("(function (a, b = eval('var c = 42'), d = c) { return d })()"),
        42.0
    );
}

#[test]
fn small_reference_semantics() {
    // IsIdentifierRef is false for a parenthesized target: no NamedEvaluation.
    assert_eq!(
        string("var fn; (fn) = function () {}; JSON.stringify(fn.name)"),
        "\"\""
    );
    assert_eq!(string("var fn; fn = function () {}; fn.name"), "fn");
    // `eval(...args)` is a direct eval.
    assert_eq!(
        string("var x = 'global'; (function () { var x = 'local'; return eval(...['x']) })()"),
        "local"
    );
    // A named function expression's own name is a non-strict immutable binding.
    assert_eq!(
        string("var r = function B() { eval('B = 1'); return typeof B }; r()"),
        "function"
    );
    let r = head(eval(
        "var r = function B() { 'use strict'; eval('B = 1') }; r()",
    ));
    assert!(
        matches!(&r, Err(RunError::Thrown(m)) if m.starts_with("TypeError")),
        "{r:?}"
    );
}

#[test]
fn annex_b_block_function_in_eval_reaches_the_var_binding() {
    // B.3.2.1 sets the VariableEnvironment's binding even when the block's own binding
    // lives in an environment (the function refers to itself).
    assert_eq!(
        string("(function () { eval('{ function f() { return f } }'); return typeof f })()"),
        "function"
    );
    assert_eq!(
        string("(function () { eval('{ function f() { f = 1; return f } } f(); var r = typeof f'); return r })()"),
        "function"
    );
}

#[test]
fn strict_tail_calls_run_in_constant_space() {
    // PrepareForTailCall: a million strict tail calls, deeper than the frame limit.
    assert_eq!(
        num("'use strict'; (function f(n, acc) { return n === 0 ? acc : f(n - 1, acc + 1) })(1e6, 0)"),
        1e6
    );
    assert_eq!(
        string("'use strict'; function f(n) { if (n === 0) return 'done'; for (;;) { return n % 2 ? f(n - 1) : (0, f(n - 1)) } } f(300000)"),
        "done"
    );
    // Sloppy code keeps its frames: the same recursion is a RangeError.
    let r = head(eval(
        "(function f(n) { return n === 0 ? 0 : f(n - 1) })(1e6)",
    ));
    assert!(
        matches!(&r, Err(RunError::Thrown(m)) if m.starts_with("RangeError")),
        "{r:?}"
    );
    // Endless tail recursion is an endless loop: the deadline stops it.
    let mut cx = Context::new(ContextOptions {
        timeout: Some(Duration::from_millis(200)),
        ..ContextOptions::default()
    });
    let r = cx.eval_script("'use strict'; function f() { return f() } f()", "t.js");
    assert_eq!(r, Err(RunError::Timeout));
}

#[test]
fn var_initializer_writes_the_binding_resolved_before_it() {
    // ResolveBinding precedes the initializer: the `with` object's property is written back
    // even though the initializer deleted it.
    assert_eq!(
        string("var o = { v: 1 }; with (o) { var v = delete o.v; } typeof v + ' ' + o.v"),
        "undefined true"
    );
}

#[test]
fn eval_result_receiver_and_unmapped_arguments_callee() {
    // `eval(a).b()` is not itself a direct eval: it calls `b` on the eval's result.
    assert_eq!(string("eval('\"BJ\"').toLowerCase()"), "bj");
    // An unmapped arguments object (non-simple parameters, sloppy) has the throwing
    // `callee` accessor, %ThrowTypeError%, which is frozen.
    assert_eq!(
        string("var T = Object.getOwnPropertyDescriptor((function () { 'use strict'; return arguments })(), 'callee').get;
            function ns(a = 0) { return arguments }
            [Object.getOwnPropertyDescriptor(ns(), 'callee').get === T, Object.isFrozen(T)].join()"),
        "true,true"
    );
}

#[test]
fn nested_bound_functions_replace_new_target_layer_by_layer() {
    // Each bound layer whose newTarget is itself hands its target on as newTarget.
    assert_eq!(
        string(
            "var nt; function A() { nt = new.target } var B = A.bind(); var C = B.bind();
            var c = Reflect.construct(C, [], B);
            [nt === A, Object.getPrototypeOf(c) === A.prototype].join()"
        ),
        "true,true"
    );
}

#[test]
fn field_initialisers_see_this_through_an_arrow_made_before_super() {
    // BindThisValue happens before InitializeInstanceElements: an arrow capturing the
    // constructor's `this` reads the bound value from a field initialiser.
    assert_eq!(
        string("var probe; class B {} class C extends B { f = probe(); constructor() { probe = () => this; super(); } }
            var c = new C(); String(c.f === c)"),
        "true"
    );
}
