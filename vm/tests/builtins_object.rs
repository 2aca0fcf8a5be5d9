//! Object, Reflect, Function and global-function built-ins, run through the public API.

use moat_vm::{Context, ContextOptions, HostValue};

fn run(src: &str) -> HostValue {
    let mut cx = Context::new(ContextOptions::default());
    match cx.eval_script(src, "test.js") {
        Ok(v) => v,
        Err(e) => panic!("{src}: {e}"),
    }
}

fn s(v: &str) -> HostValue {
    HostValue::String(v.to_string())
}

#[test]
fn object_statics() {
    assert_eq!(
        run("Object.keys({a:1, b:2, 0:3}).length"),
        HostValue::Number(3.0)
    );
    assert_eq!(
        run("var o = Object.assign({}, {x: 1}, null, {y: 2}); o.x + o.y"),
        HostValue::Number(3.0)
    );
    assert_eq!(run("var o = Object.create(null, {p: {value: 7, enumerable: true}}); Object.getPrototypeOf(o) === null && o.p"), HostValue::Number(7.0));
    assert_eq!(
        run("var o = Object.freeze({a: 1}); o.a = 2; Object.isFrozen(o) && o.a"),
        HostValue::Number(1.0)
    );
    assert_eq!(
        run("Object.isSealed(Object.seal({a: 1})) && !Object.isFrozen(Object.seal({a: 1}))"),
        HostValue::Bool(true)
    );
    assert_eq!(
        run("Object.is(NaN, NaN) && !Object.is(0, -0)"),
        HostValue::Bool(true)
    );
    assert_eq!(
        run("Object.fromEntries([['a', 1], ['b', 2]]).b"),
        HostValue::Number(2.0)
    );
    assert_eq!(run("Object.entries({k: 'v'})[0][1]"), s("v"));
    assert_eq!(run("var g = Object.groupBy([1, 2, 3], function (x) { return x % 2 ? 'odd' : 'even'; }); g.odd.length"), HostValue::Number(2.0));
    assert_eq!(
        run("Object.hasOwn({q: 1}, 'q') && !Object.hasOwn({}, 'toString')"),
        HostValue::Bool(true)
    );
    assert_eq!(run("var d = Object.getOwnPropertyDescriptor({get x() { return 1; }}, 'x'); typeof d.get + d.enumerable"), s("functiontrue"));
    assert_eq!(
        run("Object.getOwnPropertyNames('ab').length"),
        HostValue::Number(3.0)
    );
}

#[test]
fn define_property_validates() {
    assert_eq!(run("var o = {}; Object.defineProperty(o, 'x', {value: 1}); try { Object.defineProperty(o, 'x', {value: 2}); 'no' } catch (e) { e instanceof TypeError }"), HostValue::Bool(true));
    assert_eq!(run("try { Object.defineProperty({}, 'x', {get: 1}); } catch (e) { e.constructor === TypeError }"), HostValue::Bool(true));
    assert_eq!(run("var o = {valueOf: function () { return 'k'; }, toString: function () { return 'key'; }}; var t = {}; Object.defineProperty(t, o, {value: 3, enumerable: true}); t.key"), HostValue::Number(3.0));
}

#[test]
fn object_prototype_methods() {
    assert_eq!(
        run("Object.prototype.toString.call([])"),
        s("[object Array]")
    );
    assert_eq!(
        run("Object.prototype.toString.call(null)"),
        s("[object Null]")
    );
    assert_eq!(run("var tag = Object.getOwnPropertySymbols(Reflect)[0]; var o = {}; o[tag] = 'Tagged'; Object.prototype.toString.call(o)") , s("[object Tagged]"));
    assert_eq!(
        run("({}).hasOwnProperty.call({a: 1}, 'a')"),
        HostValue::Bool(true)
    );
    assert_eq!(
        run("Object.prototype.isPrototypeOf({})"),
        HostValue::Bool(true)
    );
    assert_eq!(run("var p = {}; var o = {}; o.__proto__ = p; o.__proto__ === p && Object.getPrototypeOf(o) === p"), HostValue::Bool(true));
    assert_eq!(run("var o = {}; o.__defineGetter__('g', function () { return 5; }); o.g + (o.__lookupGetter__('g') ? 1 : 0)"), HostValue::Number(6.0));
    assert_eq!(run("try { Object.setPrototypeOf(Object.prototype, {}); 'no' } catch (e) { e instanceof TypeError }"), HostValue::Bool(true));
}

#[test]
fn reflect_functions() {
    assert_eq!(
        run("Reflect.apply(function (a, b) { return this.x + a + b; }, {x: 1}, [2, 3])"),
        HostValue::Number(6.0)
    );
    assert_eq!(run("function C(a) { this.a = a; } var o = Reflect.construct(C, [4]); o instanceof C && o.a"), HostValue::Number(4.0));
    assert_eq!(
        run("Reflect.ownKeys({b: 1, 1: 2}).length"),
        HostValue::Number(2.0)
    );
    assert_eq!(
        run("Reflect.defineProperty(Object.freeze({}), 'x', {value: 1})"),
        HostValue::Bool(false)
    );
    assert_eq!(
        run("var r = {}; Reflect.set({set x(v) { this.y = v; }}, 'x', 9, r); r.y"),
        HostValue::Number(9.0)
    );
    assert_eq!(
        run("Reflect[Object.getOwnPropertySymbols(Reflect)[0]]"),
        s("Reflect")
    );
    assert_eq!(
        run("try { Reflect.get(1, 'x') } catch (e) { e instanceof TypeError }"),
        HostValue::Bool(true)
    );
}

#[test]
fn function_constructor_and_prototype() {
    assert_eq!(
        run("new Function('a', 'b', 'return a + b')(2, 3)"),
        HostValue::Number(5.0)
    );
    assert_eq!(
        run("Function('return this')() === globalThis"),
        HostValue::Bool(true)
    );
    assert_eq!(
        run("Function('a,b', 'return b').length"),
        HostValue::Number(2.0)
    );
    assert_eq!(
        run("try { Function('}{'); } catch (e) { e instanceof SyntaxError }"),
        HostValue::Bool(true)
    );
    assert_eq!(run("function f(a, b, c) { return this.v + a + b + c; } var b = f.bind({v: 1}, 2); b(3, 4) + b.length + b.name"), s("12bound f"));
}

#[test]
fn function_call_apply_tostring() {
    assert_eq!(
        run("(function (a) { return this.k + a; }).call({k: 1}, 2)"),
        HostValue::Number(3.0)
    );
    assert_eq!(
        run("(function () { return arguments.length; }).apply(null, [1, 2, 3])"),
        HostValue::Number(3.0)
    );
    assert_eq!(
        run("(function foo ( ) { }).toString()"),
        s("function foo ( ) { }")
    );
    assert_eq!(
        run("Object.toString()"),
        s("function Object() { [native code] }")
    );
    assert_eq!(run("function C() {} Function.prototype[Object.getOwnPropertySymbols(Function.prototype)[0]].call(C, new C())"), HostValue::Bool(true));
    // Sloppy functions have the legacy `caller` as an own property that is always undefined;
    // strict ones inherit %ThrowTypeError%.
    assert_eq!(run("(function () {}).caller"), HostValue::Undefined);
    assert_eq!(
        run("try { (function () { 'use strict' }).caller } catch (e) { e instanceof TypeError }"),
        HostValue::Bool(true)
    );
}

#[test]
fn global_functions() {
    assert_eq!(run("parseInt('  0x1F')"), HostValue::Number(31.0));
    assert_eq!(run("parseFloat('3.5e1xyz')"), HostValue::Number(35.0));
    assert_eq!(run("isNaN('abc') && isFinite('12')"), HostValue::Bool(true));
    assert_eq!(run("encodeURIComponent('a b&')"), s("a%20b%26"));
    assert_eq!(run("decodeURI('%41%20')"), s("A "));
    assert_eq!(
        run("try { decodeURI('%'); } catch (e) { e instanceof URIError }"),
        HostValue::Bool(true)
    );
    assert_eq!(run("escape('a b') + unescape('%u0041')"), s("a%20bA"));
    assert_eq!(
        run("var e = eval; e('var zz = 4; zz * 2') + zz"),
        HostValue::Number(12.0)
    );
    assert_eq!(run("eval(5)"), HostValue::Number(5.0));
    assert_eq!(run("var d = Object.getOwnPropertyDescriptor(globalThis, 'undefined'); d.writable || d.configurable"), HostValue::Bool(false));
}

#[test]
fn call_and_apply_do_not_nest_on_the_rust_stack() {
    // Far deeper than the nested-call bound (32): each level is a tail call the interpreter makes.
    assert_eq!(
        run("function f(n) { return n === 0 ? 'done' : f.call(null, n - 1); } f(2000)"),
        s("done")
    );
    assert_eq!(
        run("function g(n) { return n === 0 ? 1 : Reflect.apply(g, null, [n - 1]) + 0; } g(3000)"),
        HostValue::Number(1.0)
    );
    assert_eq!(
        run("var c = Function.prototype.call; c.call(c, c, c, function () { return this === undefined ? 7 : 8; })"),
        HostValue::Number(8.0)
    );
}

#[test]
fn an_endless_tail_call_chain_times_out() {
    let mut cx = Context::new(ContextOptions {
        timeout: Some(std::time::Duration::from_millis(200)),
        ..Default::default()
    });
    let r = cx.eval_script(
        "var a = Function.prototype.apply; var arr = [a, null]; arr[1] = arr; a.apply(a, arr)",
        "t.js",
    );
    assert_eq!(r, Err(moat_vm::RunError::Timeout));
}
