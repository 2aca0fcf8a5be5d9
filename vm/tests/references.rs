//! Evaluation order of references and operands: a reference is resolved once before the
//! right-hand side runs, a numeric operator converts its left operand fully first, and a
//! destructuring iterator is closed when a generator returns out of the pattern.

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
fn with_reference_is_resolved_before_the_getter_deletes_it() {
    let src = "var x = 0; var scope = { get x() { delete this.x; return 2; } };
               with (scope) { x *= 3; } '' + scope.x + ',' + x";
    assert_eq!(run(src), s("6,0"));
}

#[test]
fn eval_var_added_during_the_rhs_does_not_capture_the_write() {
    let src = "function f() { var x = 1; var inner = (function() {
                   x ^= (eval('var x = 2;'), 4); return x; })();
                 return inner + ',' + x; } f()";
    assert_eq!(run(src), s("2,5"));
    let src = "function g() { var x = 0; var inner = (function() {
                   x = (eval('var x;'), 1); return x; })();
                 return inner + ',' + x; } g()";
    assert_eq!(run(src), s("undefined,1"));
}

#[test]
fn null_base_throws_before_the_key_is_converted() {
    let src = "var base = null, r = '';
               var key = { toString() { r += 'key'; return 'k'; } };
               try { base[key] += 1; } catch (e) { r += e.constructor.name; } r";
    assert_eq!(run(src), s("TypeError"));
}

#[test]
fn numeric_operator_converts_the_left_operand_fully_first() {
    let src = "var t = '';
               var l = { valueOf() { t += 'l'; return Symbol(); } };
               var r = { valueOf() { t += 'r'; return 1; } };
               try { l & r; } catch (e) { t += e.constructor.name; } t";
    assert_eq!(run(src), s("lTypeError"));
}

#[test]
fn generator_return_closes_the_destructuring_iterator() {
    let src = "var closed = 0;
               var it = { next() { return { done: false }; },
                          return() { closed += 1; return {}; } };
               var iterable = { [Symbol.iterator]() { return it; } };
               function* g() { var a; [a = yield] = iterable; }
               var gen = g(); gen.next(); gen.return(7);
               var exhausted = { [Symbol.iterator]() { return {
                   next() { return { done: true }; },
                   return() { closed += 10; return {}; } }; } };
               function* h() { var a; [a = yield] = exhausted; }
               var gen2 = h(); gen2.next(); gen2.return(7);
               closed";
    assert_eq!(run(src), HostValue::Number(1.0));
}
