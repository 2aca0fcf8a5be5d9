//! Escape vectors: guest code reaching anything outside its own context. moat keeps no host
//! object in a context's heap, so every path a script can walk (constructor chains, shared
//! prototypes, registries, error texts, returned values) must end inside the same context.

mod support;

use moat_vm::{HostValue, RunError};
use support::{assert_true, context, eval, eval_ok, MIB};

/// Threat: the classic Node `vm` escape `this.constructor.constructor('return this')()`, which
/// there yields the host's global. Here it must yield the context's own global object.
#[test]
fn function_constructor_yields_own_global() {
    let mut cx = context(32 * MIB);
    eval_ok(&mut cx, "globalThis.marker = 'mine';");
    assert_true(
        &mut cx,
        "this.constructor.constructor('return this')() === globalThis",
    );
    assert_eq!(
        eval_ok(&mut cx, "this.constructor.constructor('return marker')()"),
        HostValue::String("mine".into())
    );
}

/// Threat: host-provided capabilities visible under a well-known name (Node's `process`,
/// `require`, ...). A bare context has none of them.
#[test]
fn no_host_capabilities_in_the_global() {
    let mut cx = context(32 * MIB);
    for name in [
        "process",
        "require",
        "module",
        "exports",
        "Deno",
        "Bun",
        "window",
        "global",
        "os",
        "std",
        "fs",
        "__dirname",
        "importScripts",
    ] {
        assert_eq!(
            eval_ok(&mut cx, &format!("typeof {name}")),
            HostValue::String("undefined".into()),
            "{name} is visible"
        );
    }
}

/// Threat: a constructor chain from some primitive or built-in leading to a Function other than
/// the context's own (one shared with the host or with another context).
#[test]
fn constructor_chains_end_at_own_function() {
    let mut cx = context(32 * MIB);
    let chains = [
        "({}).constructor.constructor",
        "[].constructor.constructor",
        "(function () {}).constructor",
        "(() => {}).constructor",
        "(class {}).constructor",
        "({ m() {} }).m.constructor",
        "(0).constructor.constructor",
        "''.constructor.constructor",
        "true.constructor.constructor",
        "(1n).constructor.constructor",
        "new Error('e').constructor.constructor",
        "new TypeError('e').constructor.constructor",
        "JSON.constructor.constructor",
        "Math.constructor.constructor",
        "Array.prototype.push.constructor",
        "(function () {}).bind(null).constructor",
    ];
    for chain in chains {
        assert_true(&mut cx, &format!("{chain} === Function"));
        assert_true(&mut cx, &format!("{chain}('return this')() === globalThis"));
    }
}

/// Threat: the same escape through a thrown native error, reached without naming any global.
#[test]
fn constructor_chain_from_caught_native_error() {
    let mut cx = context(32 * MIB);
    assert_true(
        &mut cx,
        "var e; try { null.x } catch (err) { e = err }
         e.constructor.constructor('return this')() === globalThis",
    );
}

/// Threat: the chain through a Symbol wrapper.
#[test]
fn constructor_chain_from_symbol() {
    let mut cx = context(32 * MIB);
    assert_true(&mut cx, "Symbol('s').constructor.constructor === Function");
}

/// Threat: the chain through generator functions (GeneratorFunction is another constructor that
/// compiles code).
#[test]
fn constructor_chain_from_generators() {
    let mut cx = context(32 * MIB);
    assert_true(
        &mut cx,
        "var GF = Object.getPrototypeOf(function* () {}).constructor;
         GF.constructor === Function
           && Object.getPrototypeOf(GF) === Function
           && GF('yield this')().next().value === globalThis",
    );
}

/// Threat: the chain through async functions and async generators.
#[test]
fn constructor_chain_from_async_functions() {
    let mut cx = context(32 * MIB);
    assert_true(
        &mut cx,
        "var AF = Object.getPrototypeOf(async function () {}).constructor;
         var AGF = Object.getPrototypeOf(async function* () {}).constructor;
         AF.constructor === Function && AGF.constructor === Function
           && Object.getPrototypeOf(AF) === Function",
    );
}

/// Threat: prototype pollution crossing contexts. Mutating the intrinsics of one context must
/// leave another untouched.
#[test]
fn contexts_share_no_prototypes() {
    let mut a = context(32 * MIB);
    let mut b = context(32 * MIB);
    eval_ok(
        &mut a,
        "Object.prototype.polluted = 'yes';
         Array.prototype.push = function () { return 'hijacked' };
         Function.prototype.call = function () { return 'hijacked' };
         Error.prototype.name = 'Pwned';
         JSON.stringify = function () { return 'hijacked' };",
    );
    assert_true(
        &mut a,
        "({}).polluted === 'yes' && [].push(1) === 'hijacked'",
    );
    assert_true(
        &mut b,
        "({}).polluted === undefined && !('polluted' in {}) && [].push(1) === 1
         && (function () { return 7 }).call(null) === 7
         && new Error('x').name === 'Error'
         && JSON.stringify([1]) === '[1]'",
    );
}

/// Threat: freezing or deleting intrinsics in one context affecting another.
#[test]
fn contexts_share_no_intrinsic_state() {
    let mut a = context(32 * MIB);
    let mut b = context(32 * MIB);
    eval_ok(
        &mut a,
        "delete Array.prototype.join; Object.freeze(Object.prototype); delete globalThis.JSON;",
    );
    assert_true(
        &mut b,
        "typeof JSON === 'object' && [1, 2].join() === '1,2'
         && (Object.prototype.added = 1, ({}).added === 1)",
    );
}

/// Threat: prototype pollution using only syntax (no builtin methods), so it is checked even
/// while the library is incomplete.
#[test]
fn contexts_share_no_prototypes_through_syntax() {
    let mut a = context(32 * MIB);
    let mut b = context(32 * MIB);
    eval_ok(
        &mut a,
        "({}).__proto__.polluted = 'yes'; [].__proto__.extra = 'yes';
         (function () {}).__proto__.extra = 'yes';",
    );
    assert_true(&mut a, "({}).polluted === 'yes' && [].extra === 'yes'");
    assert_true(
        &mut b,
        "({}).polluted === undefined && [].extra === undefined
         && (function () {}).extra === undefined",
    );
}

/// Threat: global bindings leaking between contexts (var, let, function, implicit globals).
#[test]
fn globals_do_not_cross_contexts() {
    let mut a = context(32 * MIB);
    let mut b = context(32 * MIB);
    eval_ok(
        &mut a,
        "var secretVar = 1; let secretLet = 2; function secretFn() {} implicitGlobal = 4;
         globalThis.secretProp = 5;",
    );
    for name in [
        "secretVar",
        "secretLet",
        "secretFn",
        "implicitGlobal",
        "secretProp",
    ] {
        assert_ne!(
            eval_ok(&mut a, &format!("typeof {name}")),
            HostValue::String("undefined".into()),
            "{name} missing in its own context"
        );
        assert_eq!(
            eval_ok(&mut b, &format!("typeof {name}")),
            HostValue::String("undefined".into()),
            "{name} visible in another context"
        );
    }
    // A let binding in one context does not clash with a let of the same name in another.
    eval_ok(&mut b, "let secretLet = 'b';");
    assert_eq!(eval_ok(&mut a, "secretLet"), HostValue::Number(2.0));
}

/// Threat: a process-wide `Symbol.for` registry would let contexts share symbols (and keep one
/// context's heap alive from another). Registering in one context must not touch the other's
/// registry or heap.
#[test]
fn symbol_registries_are_separate() {
    let mut a = context(32 * MIB);
    let mut b = context(32 * MIB);
    eval_ok(&mut b, "1");
    b.collect_garbage();
    let before = b.heap_used();
    eval_ok(
        &mut a,
        "for (var i = 0; i < 10000; i++) Symbol.for('key' + i);
         globalThis.keep = Symbol.for('shared');",
    );
    b.collect_garbage();
    assert_eq!(b.heap_used(), before, "context b's heap changed");
    assert_true(
        &mut a,
        "Symbol.keyFor(keep) === 'shared' && Symbol.for('shared') === keep",
    );
    assert_true(
        &mut b,
        "typeof keep === 'undefined' && Symbol.for('shared') === Symbol.for('shared')
         && Symbol.keyFor(Symbol('shared')) === undefined",
    );
}

/// Threat: host paths (source files of the engine, the working directory) leaking through
/// error messages and stacks. Texts may name only the guest's own script.
#[test]
fn errors_carry_no_host_paths() {
    let mut cx = context(32 * MIB);
    let throwers = [
        "null.x",
        "undefined()",
        "new (function () {}.bind())().x.y",
        "function f() { f() } f()",
        "JSON.parse('{')",
        "new Array(-1)",
        "[].reduce(function () {})",
        "Object.defineProperty(1, 'x', {})",
        "Symbol() + ''",
        "1n + 1",
        "x = y",
        "class A extends null { constructor() { super() } } new A()",
    ];
    for src in throwers {
        let stack = eval(
            &mut cx,
            &format!("var s; try {{ {src} }} catch (e) {{ s = '' + e + '\\n' + e.stack }} s"),
        );
        let uncaught = eval(&mut cx, src);
        for text in [format!("{stack:?}"), format!("{uncaught:?}")] {
            assert_no_host_path(&text, src);
        }
        assert!(
            matches!(uncaught, Err(RunError::Thrown(_))),
            "{src}: {uncaught:?}"
        );
    }
    let compile = eval(&mut cx, "let let = 1;");
    match &compile {
        Err(RunError::Compile(s)) => assert_no_host_path(s, "compile error"),
        other => panic!("expected a compile error: {other:?}"),
    }
}

fn assert_no_host_path(text: &str, what: &str) {
    let cwd = std::env::current_dir()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    for needle in [
        ".rs", "/src/", "/work/", "cargo", "rustc", "panicked", "\\src\\",
    ] {
        assert!(!text.contains(needle), "{what}: {needle:?} in {text}");
    }
    assert!(
        cwd.len() < 2 || !text.contains(&cwd),
        "{what}: cwd in {text}"
    );
}

/// Threat: the stack of a guest error names the guest file the host chose, and that is all.
#[test]
fn error_stack_names_the_guest_script() {
    let mut cx = context(32 * MIB);
    let r = eval(&mut cx, "function inner() { null.x } inner()");
    match r {
        Err(RunError::Thrown(s)) => {
            assert!(s.starts_with("TypeError"), "{s}");
            assert!(s.contains(support::GUEST_FILE), "{s}");
        }
        other => panic!("expected a TypeError: {other:?}"),
    }
}

/// Threat: a value handed to the host aliasing the context's heap, so that later guest code
/// changes what the host holds. A HostValue is a copy: `Send`, `'static`, and outlives the
/// context.
#[test]
fn host_values_are_copies() {
    fn assert_send_static<T: Send + 'static>(_: &T) {}
    let mut cx = context(32 * MIB);
    let s = eval_ok(
        &mut cx,
        "globalThis.arr = [1, 2, 3]; globalThis.str = 'abc'; arr.join()",
    );
    let t = eval_ok(&mut cx, "str");
    let o = eval_ok(&mut cx, "arr");
    eval_ok(
        &mut cx,
        "arr.push(4); arr[0] = 'changed'; str = 'changed'; arr.length = 0;",
    );
    assert_eq!(s, HostValue::String("1,2,3".into()));
    assert_eq!(t, HostValue::String("abc".into()));
    assert!(matches!(&o, HostValue::Object(_)), "{o:?}");
    drop(cx);
    assert_send_static(&s);
    let moved = std::thread::spawn(move || s).join();
    assert_eq!(moved.ok(), Some(HostValue::String("1,2,3".into())));
}

/// Threat: a failed evaluation leaving a context in a state another evaluation can exploit or
/// that crashes: state set before the throw persists, the context keeps working.
#[test]
fn a_throw_does_not_corrupt_the_context() {
    let mut cx = context(32 * MIB);
    assert!(eval(&mut cx, "globalThis.before = 1; throw new Error('boom')").is_err());
    assert_eq!(eval_ok(&mut cx, "before + 1"), HostValue::Number(2.0));
}

/// Threat: `callee.caller` (and `arguments.callee.caller`), the legacy extension through
/// which a function given to untrusted code reads the function that called it, and with it
/// that function's closures. Sloppy functions have an own `caller` that is always undefined;
/// strict functions, arrows, methods, classes and generators have none and inherit
/// %ThrowTypeError%.
#[test]
fn caller_never_reveals_the_calling_function() {
    let mut cx = context(32 * MIB);
    eval_ok(
        &mut cx,
        "var seen = []; function spy() { seen.push(spy.caller, arguments.callee.caller) } \
         function privileged() { var secret = 42; spy(); } privileged(); \
         (function () { 'use strict'; spy(); })(); [1].forEach(spy);",
    );
    assert_true(
        &mut cx,
        "seen.length === 6 && seen.every(c => c === undefined)",
    );
    assert_true(
        &mut cx,
        "var d = Object.getOwnPropertyDescriptor(spy, 'caller'); \
         d.value === undefined && !d.writable && !d.enumerable && !d.configurable",
    );
    // Setting or redefining it changes nothing.
    assert_true(
        &mut cx,
        "spy.caller = privileged; !Reflect.defineProperty(spy, 'caller', { value: privileged }) \
         && spy.caller === undefined",
    );
    for strict in [
        "(function () { 'use strict'; return function f() {} })()",
        "() => {}",
        "({ m() {} }).m",
        "(class {})",
        "(function* () {})",
        "(async function () {})",
    ] {
        assert_true(
            &mut cx,
            &format!(
                "var g = {strict}; !Object.prototype.hasOwnProperty.call(g, 'caller') && \
                 (() => {{ try {{ g.caller; return false }} catch (e) {{ return e instanceof TypeError }} }})()"
            ),
        );
    }
}
