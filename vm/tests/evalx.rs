//! Direct and indirect eval, tagged templates, mapped arguments objects and private methods,
//! run end to end through `Context::eval_script`.

use moat_vm::{Context, ContextOptions, HostValue, RunError};

fn eval(src: &str) -> Result<HostValue, RunError> {
    Context::new(ContextOptions::default()).eval_script(src, "test.js")
}

fn string(src: &str) -> String {
    match eval(src) {
        Ok(HostValue::String(s)) => s,
        other => panic!("{src}: {other:?}"),
    }
}

fn thrown(src: &str) -> String {
    match eval(src) {
        Err(RunError::Thrown(m)) => m.lines().next().unwrap_or("").to_string(),
        other => panic!("{src}: expected a throw, got {other:?}"),
    }
}

#[test]
fn direct_eval_sees_and_extends_the_callers_scopes() {
    assert_eq!(
        string("function f(a){ var b = 2; return eval('a + b') } '' + f(1)"),
        "3"
    );
    assert_eq!(
        string("function f(){ eval('var x = 5'); return typeof x + x } f()"),
        "number5"
    );
    assert_eq!(
        string("function f(){ eval('var x = 5'); var r = delete x; return r + typeof x } f()"),
        "trueundefined"
    );
    assert_eq!(
        string("function f(){ eval('function g(){ return 7 }'); return '' + g() } f()"),
        "7"
    );
    assert_eq!(string("var t = eval('1; 2; \"done\"'); t"), "done");
    assert_eq!(string("eval('var gv = 4'); '' + gv + delete gv"), "4true");
    assert_eq!(
        string("function f(){ 'use strict'; eval('var y = 1'); return typeof y } f()"),
        "undefined"
    );
    assert_eq!(
        string("var o = {v: 'obj'}; function f(){ return eval('this.v') } f.call(o)"),
        "obj"
    );
    assert_eq!(
        string("var s = eval('this === globalThis'); '' + s"),
        "true"
    );
    assert_eq!(
        string("function f(){ let x = 1; { let y = 2; return eval('x + y + \"\"') } } f()"),
        "3"
    );
    assert_eq!(
        string("function f(){ return eval('new.target') } '' + (new f() === f) + f()"),
        "trueundefined"
    );
}

#[test]
fn eval_declaration_conflicts_and_indirect_eval() {
    assert!(thrown("function f(){ let x; { eval('var x') } } f()").starts_with("SyntaxError"),);
    assert!(thrown("let q = 1; eval('var q')").starts_with("SyntaxError"));
    assert_eq!(
        string(
            "function f(){ try { throw 1 } catch (e) { eval('var e = 2'); return '' + e } } f()"
        ),
        "2"
    );
    assert_eq!(
        string("var x = 'g'; function f(){ var x = 'l'; return (0, eval)('x') } f()"),
        "g"
    );
    assert_eq!(
        string("function f(){ (0, eval)('var iv = 1'); } f(); typeof iv"),
        "number"
    );
    assert!(thrown("eval('a b')").starts_with("SyntaxError"));
    assert_eq!(string("'' + eval(42)"), "42");
    assert_eq!(
        string("var e2 = eval; function f(){ var z = 1; return typeof e2('z') } try { f() } catch (e) { e.name }"),
        "ReferenceError"
    );
}

#[test]
fn with_honours_unscopables() {
    assert_eq!(
        string("var keys = 'outer'; var a = []; with (a) { typeof keys + typeof push }"),
        "stringfunction"
    );
    assert_eq!(string("var o = {w: 'in'}; with (o) { eval('w') }"), "in");
}

#[test]
fn tagged_templates_cache_per_site() {
    assert_eq!(
        string("function t(s){ return s } function f(){ return t`a${1}b` } '' + (f() === f())"),
        "true"
    );
    assert_eq!(
        string("function t(s){ return s } '' + (t`x` === t`x`)"),
        "false"
    );
    assert_eq!(
        string("function t(s){ 'use strict'; var r = ''; try { s[0] = 1 } catch (e) { r += e.name } try { s.raw.x = 1 } catch (e) { r += e.name } return r + ',' + s.raw[0] + ',' + s[0] } t`a\\n`"),
        "TypeErrorTypeError,a\\n,a\n"
    );
    assert_eq!(
        string("function t(s){ return '' + s[0] + s.length } t`\\unicode`"),
        "undefined1"
    );
    assert_eq!(
        string("function t(s){ return s } var a = []; for (var i = 0; i < 2; i++) a.push(eval('t`e`')); '' + (a[0] === a[1])"),
        "false"
    );
}

#[test]
fn mapped_arguments_alias_parameters() {
    assert_eq!(
        string("function f(a){ arguments[0] = 2; return '' + a } f(1)"),
        "2"
    );
    assert_eq!(
        string("function f(a){ a = 3; return '' + arguments[0] } f(1)"),
        "3"
    );
    assert_eq!(
        string("function f(a){ delete arguments[0]; arguments[0] = 5; return '' + a } f(1)"),
        "1"
    );
    assert_eq!(
        string("function f(a){ 'use strict'; a = 3; return '' + arguments[0] } f(1)"),
        "1"
    );
    assert_eq!(
        string("function f(a, a){ arguments[1] = 7; return '' + a + arguments[0] } f(1, 2)"),
        "71"
    );
    assert_eq!(
        string("function f(a){ arguments[1] = 4; return '' + arguments.length } f(1)"),
        "1"
    );
    assert_eq!(
        string("function f(a){ return '' + (arguments.callee === f) + arguments.length } f()"),
        "true0"
    );
    assert!(
        thrown("function f(){ 'use strict'; return arguments.callee } f()")
            .starts_with("TypeError")
    );
}

#[test]
fn private_methods_and_accessors() {
    assert_eq!(
        string("class C { #m(){ return 'm' } get #g(){ return 'g' } set #g(v){ this.v = v } t(){ this.#g = 'set'; return this.#m() + this.#g + this.v } } new C().t()"),
        "mgset"
    );
    assert!(thrown("class C { #m(){} t(){ this.#m = 1 } } new C().t()").starts_with("TypeError"));
    assert!(
        thrown("class C { #m(){} static t(o){ return o.#m } } C.t({})").starts_with("TypeError")
    );
    assert!(
        thrown("class C { set #s(v){} t(){ return this.#s } } new C().t()")
            .starts_with("TypeError")
    );
    assert!(
        thrown("class C { get #g(){ return 1 } t(){ this.#g = 1 } } new C().t()")
            .starts_with("TypeError")
    );
    assert_eq!(
        string("class C { static #sm(){ return 'static' } static t(){ return C.#sm() } } C.t()"),
        "static"
    );
    assert_eq!(
        string("class C { #m(){ return 1 } f = this.#m(); } '' + new C().f"),
        "1"
    );
    assert_eq!(
        string("class B { constructor(o){ return o } } class D extends B { #m(){ return 'd' } static get(o){ return o.#m() } } var o = {}; new D(o); D.get(o)"),
        "d"
    );
    assert!(thrown("class B { constructor(o){ return o } } class D extends B { #m(){} } var o = {}; new D(o); new D(o)").starts_with("TypeError"));
    assert_eq!(
        string("class C { #x = 'px'; t(){ return eval('this.#x') } } new C().t()"),
        "px"
    );
    assert_eq!(
        string(
            "class C { #m(){} static has(o){ return #m in o } } '' + C.has(new C()) + C.has({})"
        ),
        "truefalse"
    );
}

fn make_function<'gc>(
    cx: &mut moat_vm::function::NativeCtx<'gc, '_>,
    _this: moat_vm::value::Value<'gc>,
    args: &[moat_vm::value::Value<'gc>],
) -> Result<moat_vm::value::Value<'gc>, moat_vm::value::Value<'gc>> {
    use moat_vm::interp::dynamic_function::{create_dynamic_function, FunctionKind};
    let nt = cx.new_target;
    create_dynamic_function(cx, FunctionKind::Normal, args, nt)
}

fn with_function_constructor(src: &str) -> Result<HostValue, RunError> {
    let mut cx = Context::new(ContextOptions::default());
    cx.define_global_native("mkfn", make_function, 1);
    cx.eval_script(src, "test.js")
}

#[test]
fn dynamic_functions_close_over_the_global_environment() {
    let s = |src: &str| match with_function_constructor(src) {
        Ok(HostValue::String(s)) => s,
        other => panic!("{src}: {other:?}"),
    };
    assert_eq!(
        s("var f = mkfn('a', 'b', 'return a + b'); '' + f(1, 2)"),
        "3"
    );
    assert_eq!(s("'' + mkfn('a, b', 'return a * b')(3, 4)"), "12");
    assert_eq!(
        s("var x = 'global'; function g(){ var x = 'local'; return mkfn('return x')() } g()"),
        "global"
    );
    assert_eq!(
        s("var f = mkfn(''); f.name + f.length + typeof f.prototype"),
        "anonymous0object"
    );
    assert_eq!(s("'' + (mkfn('return this')() === globalThis)"), "true");
    assert_eq!(
        s("try { mkfn('a', ')') } catch (e) { e.name }"),
        "SyntaxError"
    );
    assert_eq!(
        s("try { mkfn('/*', '*/){') } catch (e) { e.name }"),
        "SyntaxError"
    );
    assert_eq!(
        s("var o = {toString(){ return 'return 7' }}; '' + mkfn(o)()"),
        "7"
    );
}

#[test]
fn a_call_named_eval_that_is_not_eval_gets_its_with_object_as_this() {
    // EvaluateCall: the reference `eval` resolved in a `with` object's environment has that
    // object as its base (WithBaseObject), so an `eval` method there sees it as `this`.
    assert_eq!(
        string(
            "var o = { tag: 'o', eval(x) { return this.tag + x } }; \
             var r; with (o) { r = eval('!'); } r"
        ),
        "o!"
    );
    // Outside `with`, or with %eval% itself, nothing changes.
    assert_eq!(
        string("function f() { 'use strict'; return typeof this } (function () { var eval = f; return eval(); })()"),
        "undefined"
    );
    assert_eq!(
        string("var x = 'outer'; with ({ x: 'inner' }) { eval('x') }"),
        "inner"
    );
}
