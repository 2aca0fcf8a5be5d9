//! Script-level tests of specification corner cases that test262 covers thinly: the observable
//! order of conversions and the errors of internal methods, run through a whole [`Context`].

use crate::{Context, ContextOptions, HostValue};

/// Evaluates `src` in a fresh context and returns its completion as a string.
fn run(src: &str) -> String {
    let mut cx = Context::new(ContextOptions::default());
    match cx.eval_script(src, "t.js") {
        Ok(HostValue::String(s)) => s,
        other => panic!("unexpected completion {other:?} of {src}"),
    }
}

/// ArraySetLength converts an object twice (ToUint32, then ToNumber), by every path that
/// reaches it: assignment by name and by key, Reflect.set, Object.defineProperty.
#[test]
fn array_length_set_to_an_object_converts_twice() {
    let src = r#"
        var log = [];
        var o = { valueOf() { log.push("v"); return 2 }, toString() { log.push("s"); return "9" } };
        var a = [1, 2, 3];
        a.length = o;
        log.push(a.length);
        a["len" + "gth"] = { valueOf() { log.push("k"); return 1 } };
        log.push(a.length);
        log.push(Reflect.set(a, "length", o), a.length);
        Object.defineProperty(a, "length", { value: { valueOf() { log.push("d"); return 0 } } });
        log.push(a.length);
        // A receiver array reached through another object's [[Set]].
        var b = [1, 2, 3, 4];
        log.push(Reflect.set({}, "length", o, b), b.length);
        log.join()
    "#;
    assert_eq!(run(src), "v,v,2,k,k,1,v,v,true,2,d,d,0,v,v,true,2");
}

/// The conversions' results must agree; a non-writable length refuses only after them (and
/// without them when it was non-writable before the [[Set]]); strict code throws a TypeError.
#[test]
fn array_length_set_to_an_object_errors() {
    let src = r#"
        var log = [];
        var n = 0;
        var flaky = { valueOf() { n++; return n === 1 ? 1 : 1.5 } };
        try { [].length = flaky } catch (e) { log.push(e.constructor.name, n) }
        try { [].length = { valueOf() { return -1 } } } catch (e) { log.push(e.constructor.name) }
        var a = [1, 2];
        var freeze = { valueOf() { log.push("f"); Object.defineProperty(a, "length", { writable: false }); return 0 } };
        (function () { "use strict"; try { a.length = freeze } catch (e) { log.push(e.constructor.name) } })();
        log.push(a.length);
        a.length = { valueOf() { log.push("never"); return 0 } };
        log.push(a.length);
        log.join()
    "#;
    assert_eq!(run(src), "RangeError,2,RangeError,f,f,TypeError,2,2");
}

/// A strict assignment resolves a global target before its right-hand side: a binding the
/// right-hand side creates does not make the reference resolvable.
#[test]
fn strict_assignment_to_an_unresolvable_global_throws_even_if_created_meanwhile() {
    let src = r#"
        "use strict";
        var log = [];
        try { undeclared = (globalThis.undeclared = 5); } catch (e) { log.push(e.constructor.name, globalThis.undeclared); }
        var declared;
        declared = (function () { return 1 })();
        log.push(declared);
        log.join()
    "#;
    assert_eq!(run(src), "ReferenceError,5,1");
}

/// `{ [k]: target[key] } = source`: the property name (with ToPropertyKey) precedes the
/// target reference, whose key is converted only by the final PutValue.
#[test]
fn keyed_destructuring_evaluates_the_name_before_the_target() {
    let src = r#"
        var log = [];
        var src = { get p() { log.push("get") } };
        var tgt = { set q(v) { log.push("set") } };
        var k = (name, s) => ({ toString() { log.push(name + "-str"); return s } });
        ({ [(log.push("skey"), k("skey", "p"))]: (log.push("tgt"), tgt)[(log.push("tkey"), k("tkey", "q"))] } = src);
        log.join()
    "#;
    assert_eq!(run(src), "skey,skey-str,tgt,tkey,get,tkey-str,set");
}

/// `yield*` forwarding `return()`: a non-object result of the inner `return` is a TypeError.
#[test]
fn yield_star_return_result_must_be_an_object() {
    let src = r#"
        var inner = { [Symbol.iterator]() { return this }, next() { return { done: false } }, return() { return 1 } };
        function* g() { try { yield* inner } catch (e) { caught = e } }
        var caught, it = g();
        it.next();
        var r = it.return();
        [r.done, caught instanceof TypeError].join()
    "#;
    assert_eq!(run(src), "true,true");
}

/// Annex B.3.2.1: a block function named `arguments` in a function that has an arguments
/// object stays block-scoped ("arguments" is among parameterNames).
#[test]
fn block_function_named_arguments_does_not_replace_the_arguments_object() {
    let src = r#"
        (function () {
            var inner;
            { function arguments() { return "f" } inner = arguments(); }
            return inner + "," + typeof arguments + "," + arguments.length;
        })(1, 2)
    "#;
    assert_eq!(run(src), "f,object,2");
}
