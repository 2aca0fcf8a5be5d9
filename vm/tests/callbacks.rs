//! The callback-taking Array.prototype methods, sort/toSorted and Function.prototype.call/apply,
//! which run their callbacks in the interpreter's frames (resumable natives).
use std::time::Duration;

use moat_vm::{Context, ContextOptions, HostValue, RunError};

fn eval_with(options: ContextOptions, src: &str) -> Result<HostValue, RunError> {
    let mut cx = Context::new(options);
    cx.eval_script(src, "t.js")
}

fn eval(src: &str) -> HostValue {
    match eval_with(ContextOptions::default(), src) {
        Ok(v) => v,
        Err(e) => panic!("{src}: {e}"),
    }
}

fn s(src: &str) -> String {
    match eval(src) {
        HostValue::String(s) => s,
        other => panic!("{src}: not a string: {other:?}"),
    }
}

fn t(src: &str) {
    assert_eq!(eval(src), HostValue::Bool(true), "{src}");
}

#[test]
fn for_each_map_filter() {
    assert_eq!(
        s("var r = []; [1, 2, 3].forEach(function (v, i, o) { r.push(v + ':' + i + ':' + o.length + ':' + this.x); }, {x: 'X'}); r.join()"),
        "1:0:3:X,2:1:3:X,3:2:3:X"
    );
    assert_eq!(s("[1, 2, 3].map(x => x * 2).join()"), "2,4,6");
    assert_eq!(s("[1, 2, 3, 4].filter(x => x % 2).join()"), "1,3");
    t("[1, 2, 3].forEach(x => x) === undefined");
    // Holes are skipped and the result of map keeps them.
    t("var m = [1, , 3].map(x => x); m.length === 3 && !(1 in m)");
    assert_eq!(s("var n = 0; [, , 1, , 2].forEach(() => n++); '' + n"), "2");
    // Elements added during the iteration are not visited; deleted ones are skipped.
    assert_eq!(
        s("var a = [1, 2, 3], r = []; a.forEach(function (v) { a.push(9); if (v === 1) delete a[2]; r.push(v); }); r.join()"),
        "1,2"
    );
    // Array-likes and primitives (ToObject).
    assert_eq!(
        s("Array.prototype.map.call({length: 2, 0: 'a', 1: 'b'}, x => x + x).join()"),
        "aa,bb"
    );
    assert_eq!(
        s("Array.prototype.map.call('xy', x => x + 1).join()"),
        "x1,y1"
    );
}

#[test]
fn some_every_find() {
    t("[1, 2, 3].some(x => x > 2) && ![1, 2].some(x => x > 2)");
    t("[1, 2, 3].every(x => x > 0) && ![1, 2].every(x => x > 1)");
    t("[].every(x => false) && ![].some(x => true)");
    t("[5, 6, 7].find(x => x > 5) === 6 && [5].find(x => x > 5) === undefined");
    t("[5, 6, 7].findIndex(x => x > 5) === 1 && [5].findIndex(x => x > 5) === -1");
    t("[5, 6, 7].findLast(x => x < 7) === 6 && [5, 6, 7].findLastIndex(x => x < 7) === 1");
    t("[5].findLastIndex(x => false) === -1");
    // The find family visits holes as undefined.
    assert_eq!(
        s("var r = []; [1, , 3].find((v, i) => { r.push(i + '=' + v); }); r.join()"),
        "0=1,1=undefined,2=3"
    );
    assert_eq!(
        s("var r = []; [1, , 3].findLast((v, i) => { r.push(i); }); r.join()"),
        "2,1,0"
    );
    // some stops at the first hit.
    assert_eq!(
        s("var n = 0; [1, 2, 3, 4].some(x => (n++, x === 2)); '' + n"),
        "2"
    );
}

#[test]
fn reduce_and_reduce_right() {
    assert_eq!(
        eval("[1, 2, 3].reduce((a, b) => a + b)"),
        HostValue::Number(6.0)
    );
    assert_eq!(
        eval("[1, 2, 3].reduce((a, b) => a + b, 10)"),
        HostValue::Number(16.0)
    );
    assert_eq!(s("[1, 2, 3].reduceRight((a, b) => a + b, '')"), "321");
    assert_eq!(s("[, 'a', , 'b'].reduce((a, b) => a + b)"), "ab");
    assert_eq!(s("[, 'a', , 'b', ,].reduceRight((a, b) => a + b)"), "ba");
    assert_eq!(
        s("try { [].reduce((a, b) => a); 'no' } catch (e) { e.constructor.name }"),
        "TypeError"
    );
    assert_eq!(
        s("try { [, ,].reduceRight((a, b) => a); 'no' } catch (e) { e.constructor.name }"),
        "TypeError"
    );
    assert_eq!(eval("[, ,].reduce((a, b) => a, 7)"), HostValue::Number(7.0));
    assert_eq!(
        s("var r = []; [1, 2, 3].reduce(function (a, v, i, o) { r.push(a + '/' + v + '/' + i + '/' + (o.length)); return a + v; }); r.join()"),
        "1/2/1/3,3/3/2/3"
    );
}

#[test]
fn flat_map() {
    assert_eq!(s("[1, 2].flatMap(x => [x, x * 10]).join()"), "1,10,2,20");
    assert_eq!(s("JSON.stringify([1, 2].flatMap(x => [[x]]))"), "[[1],[2]]");
    assert_eq!(s("[1, 2].flatMap(x => x).join()"), "1,2");
    // Holes of the returned array are skipped.
    t("[1].flatMap(x => [, x]).length === 1");
    assert_eq!(
        s("var r = []; [1].flatMap(function (v, i, o) { r.push(this.k, v, i, o.length); return []; }, {k: 'k'}); r.join()"),
        "k,1,0,1"
    );
}

#[test]
fn species_and_array_likes() {
    t("class A extends Array {}; var a = new A(1, 2, 3); var m = a.map(x => x); m instanceof A && m.length === 3");
    t("class B extends Array {}; new B(1, 2).filter(x => true) instanceof B");
    t("class C extends Array {}; new C(1, 2).flatMap(x => [x]) instanceof C");
    t("var a = [1]; a.constructor = undefined; Array.isArray(a.map(x => x))");
    assert_eq!(
        s("var o = {length: {valueOf() { return 2; }}, 0: 'p', 1: 'q'}; Array.prototype.map.call(o, x => x).join()"),
        "p,q"
    );
}

#[test]
fn callable_check_order() {
    // ToObject and LengthOfArrayLike come before IsCallable.
    assert_eq!(
        s("var log = []; var o = { get length() { log.push('len'); return 1; } }; try { Array.prototype.forEach.call(o, 5); } catch (e) { log.push(e.constructor.name); } log.join()"),
        "len,TypeError"
    );
    assert_eq!(
        s("try { Array.prototype.forEach.call(null, x => x); 'no' } catch (e) { e.constructor.name }"),
        "TypeError"
    );
    assert_eq!(
        s("try { [].map({}); 'no' } catch (e) { e.constructor.name }"),
        "TypeError"
    );
    // sort checks the comparator before ToObject.
    assert_eq!(
        s("try { Array.prototype.sort.call(null, 1); 'no' } catch (e) { e.constructor.name + (e.message === 'The comparison function must be either a function or undefined') }"),
        "TypeErrortrue"
    );
}

#[test]
fn getters_run_in_frames() {
    assert_eq!(
        s("var o = {length: 3, get 0() { return 'a'; }, get 1() { return this.x; }, x: 'b', 2: 'c'}; Array.prototype.map.call(o, v => v + v).join()"),
        "aa,bb,cc"
    );
    assert_eq!(
        s("var a = {length: 3, 0: 1, get 1() { return 20; }, 2: 3}; Array.prototype.reduce.call(a, (x, y) => x + y) + ''"),
        "24"
    );
    // A getter that throws aborts the iteration.
    assert_eq!(
        s("var n = 0; var o = {length: 3, 0: 1, get 1() { throw new RangeError('g'); }, 2: 3}; try { Array.prototype.forEach.call(o, () => n++); } catch (e) { e.message + n }"),
        "g1"
    );
    // A length getter and valueOf run too.
    assert_eq!(
        s("var o = {get length() { return {valueOf() { return 2; }}; }, 0: 'x', 1: 'y', 2: 'z'}; Array.prototype.filter.call(o, () => true).join()"),
        "x,y"
    );
}

#[test]
fn callbacks_throwing() {
    assert_eq!(
        s("try { [1, 2, 3].forEach(x => { if (x === 2) throw new Error('stop at ' + x); }); } catch (e) { e.message }"),
        "stop at 2"
    );
    assert_eq!(
        s("var r = []; try { [1, 2, 3].map(x => { r.push(x); if (x === 2) throw 0; }); } catch (e) {} r.join()"),
        "1,2"
    );
    // The exception is catchable inside an enclosing callback too.
    assert_eq!(
        s("var out = []; [1, 2].forEach(a => { try { [3].forEach(b => { throw a * b; }); } catch (e) { out.push(e); } }); out.join()"),
        "3,6"
    );
    // Uncaught: the host sees the error.
    let r = eval_with(
        ContextOptions::default(),
        "[1].forEach(() => { throw new TypeError('cb'); })",
    );
    assert!(
        matches!(&r, Err(RunError::Thrown(m)) if m.starts_with("TypeError: cb")),
        "{r:?}"
    );
}

#[test]
fn sort_default_and_comparator() {
    assert_eq!(s("[3, 1, 10, 2].sort().join()"), "1,10,2,3");
    assert_eq!(s("[3, 1, 10, 2].sort((a, b) => a - b).join()"), "1,2,3,10");
    assert_eq!(
        s("['b', undefined, 'a', , 'c'].sort().join('|')"),
        "a|b|c||"
    );
    t("var a = ['b', undefined, , 'a']; a.sort(); a.length === 4 && a[2] === undefined && !(3 in a) && (2 in a)");
    // Stable.
    assert_eq!(
        s("var a = []; for (var i = 0; i < 50; i++) a.push({k: i % 3, i}); a.sort((x, y) => x.k - y.k); a.map(o => o.k + ':' + o.i).slice(0, 4).join()"),
        "0:0,0:3,0:6,0:9"
    );
    // Objects compare by ToString, called in frames.
    assert_eq!(
        s("var n = 0; var a = [{toString() { n++; return 'b'; }}, {toString() { n++; return 'a'; }}]; a.sort(); a.map(x => '' + x).join() + (n > 0)"),
        "a,btrue"
    );
    // Comparator results go through ToNumber; NaN is +0.
    assert_eq!(
        s("[2, 1].sort(() => ({valueOf() { return 1; }})).join()"),
        "1,2"
    );
    assert_eq!(s("[2, 1, 3].sort(() => NaN).join()"), "2,1,3");
    // The result is the same object; setters run on write-back.
    t("var a = [2, 1]; a.sort() === a");
    assert_eq!(
        s("var log = []; var o = {length: 2, get 0() { return 'b'; }, set 0(v) { log.push(v); }, 1: 'a'}; Array.prototype.sort.call(o); log.join() + o[1]"),
        "ab"
    );
    assert_eq!(
        s("try { [{toString() { return {}; }, valueOf() { return {}; }}, 1].sort(); 'no' } catch (e) { e.constructor.name }"),
        "TypeError"
    );
    assert_eq!(
        s("try { [1, 2].sort(() => { throw new Error('cmp'); }); } catch (e) { e.message }"),
        "cmp"
    );
}

#[test]
fn sort_with_lying_comparators() {
    for cmp in [
        "() => 1",
        "() => -1",
        "(a, b) => (seed = (seed * 16807) % 2147483647) % 3 - 1",
        "(a, b) => (a + b) % 3 - 1",
        "() => { return {valueOf() { return -1; }}; }",
    ] {
        let src = format!(
            "var seed = 7; var a = []; for (var i = 0; i < 300; i++) a.push(i); a.sort({cmp}); \
             var seen = {{}}; var ok = a.length === 300; \
             a.forEach(x => {{ if (seen[x]) ok = false; seen[x] = true; }}); \
             var c = 0; for (var k in seen) c++; ok && c === 300"
        );
        t(&src);
    }
    // A comparator that mutates the array mid-sort still terminates; the values written back
    // are the ones collected.
    assert_eq!(
        s("var a = [3, 2, 1]; a.sort((x, y) => { a.length = 0; return x - y; }); a.join()"),
        "1,2,3"
    );
}

#[test]
fn to_sorted() {
    t("var a = [3, 1, 2]; var b = a.toSorted(); a.join() === '3,1,2' && b.join() === '1,2,3' && b !== a");
    // Holes read as undefined.
    t("var b = [, 1].toSorted(); b.length === 2 && b[0] === 1 && (1 in b) && b[1] === undefined");
    assert_eq!(s("[1, 10, 2].toSorted((a, b) => b - a).join()"), "10,2,1");
    assert_eq!(
        s("try { [].toSorted(null); 'no' } catch (e) { e.constructor.name }"),
        "TypeError"
    );
    assert_eq!(
        s("try { Array.prototype.toSorted.call({length: 2 ** 32}); 'no' } catch (e) { e.constructor.name }"),
        "RangeError"
    );
    t("Array.prototype.toSorted.call({length: 2, 0: 'b', 1: 'a'}).join() === 'a,b'");
}

#[test]
fn function_call_and_apply() {
    assert_eq!(
        s("function f(a, b) { return this.x + a + b; } f.call({x: 'x'}, 'a', 'b')"),
        "xab"
    );
    assert_eq!(
        s("function f(a, b) { return this.x + a + b; } f.apply({x: 'y'}, ['c', 'd'])"),
        "ycd"
    );
    assert_eq!(
        eval("function f() { return arguments.length; } f.apply(null, {length: 3})"),
        HostValue::Number(3.0)
    );
    assert_eq!(
        eval("function f() { return arguments.length; } f.apply(null) + f.apply(null, undefined)"),
        HostValue::Number(0.0)
    );
    assert_eq!(
        s("try { (function () {}).call.call(1); } catch (e) { e.constructor.name }"),
        "TypeError"
    );
    assert_eq!(
        s("try { (function () {}).apply(null, 1); } catch (e) { e.constructor.name }"),
        "TypeError"
    );
    // Natives as targets, and call of call.
    assert_eq!(s("Array.prototype.join.call([1, 2], '-')"), "1-2");
    assert_eq!(
        s("(function () {}).call.call(function (a) { 'use strict'; return this + a; }, 'p', 'q')"),
        "pq"
    );
    // Getters of the array-like run in frames.
    assert_eq!(
        s("function f(a, b) { return a + b; } f.apply(null, {length: 2, get 0() { return 'g'; }, 1: 'h'})"),
        "gh"
    );
    assert_eq!(
        eval("(function () {}).call.length + (function () {}).apply.length"),
        HostValue::Number(3.0)
    );
    // Sloppy functions box a primitive this.
    t("(function () { return typeof this; }).call(1) === 'object'");
    t("(function () { 'use strict'; return this; }).call(1) === 1");
    // `call` of `call` of `call`: each level is a tail call in a frame.
    assert_eq!(
        s("var c = (function () {}).call; c.call(c, c, c, function (a) { return 'r' + a; }, null, 1)"),
        "r1"
    );
}

#[test]
fn gc_runs_inside_for_each_callbacks() {
    let options = ContextOptions {
        heap_limit: 32 << 20,
        timeout: Some(Duration::from_secs(600)),
        ..ContextOptions::default()
    };
    let r = eval_with(
        options,
        "var a = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]; var sum = 0; \
         for (var i = 0; i < 100000; i++) a.forEach(function (v, k) { var o = {x: k, y: [k]}; sum += o.y[0]; }); sum",
    );
    assert_eq!(r, Ok(HostValue::Number(4_500_000.0)));
}

#[test]
fn gc_runs_inside_one_long_for_each() {
    let options = ContextOptions {
        heap_limit: 32 << 20,
        timeout: Some(Duration::from_secs(600)),
        ..ContextOptions::default()
    };
    // One forEach over the 10 million characters of a string (10 MB; every element read makes
    // a string, every callback an object and an array).
    let r = eval_with(
        options,
        "var s = 'abcdefghij'; for (var i = 0; i < 6; i++) s = s + s + s + s + s + s + s + s + s + s; \
         var n = 0; Array.prototype.forEach.call(s, function (c, k) { var x = {k: k, s: [c, c]}; n += x.s.length; }); n",
    );
    assert_eq!(r, Ok(HostValue::Number(20_000_000.0)));
}

#[test]
fn nested_for_each_does_not_grow_the_rust_stack() {
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            let options = ContextOptions {
                max_frames: 100_000,
                ..ContextOptions::default()
            };
            eval_with(
                options,
                "var depth = 0; function go(d) { if (d === 0) { depth++; return; } [1].forEach(() => go(d - 1)); } go(20000); \
                 function deep(d) { return d === 0 ? 0 : [d].map(x => deep(x - 1))[0] + 1; } deep(10000) + depth",
            )
        })
        .expect("spawn");
    let r = handle.join().expect("no panic");
    assert_eq!(r, Ok(HostValue::Number(10001.0)));
    // Past the frame limit: a RangeError, not a crash.
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(|| {
            eval_with(
                ContextOptions::default(),
                "function go() { [1].forEach(go); } try { go(); 'no' } catch (e) { e.constructor.name }",
            )
        })
        .expect("spawn");
    let r = handle.join().expect("no panic");
    assert_eq!(r, Ok(HostValue::String("RangeError".to_string())));
}

#[test]
fn deadline_ends_an_endless_callback() {
    let options = ContextOptions {
        timeout: Some(Duration::from_millis(200)),
        ..ContextOptions::default()
    };
    let r = eval_with(options.clone(), "[1].forEach(() => { for (;;) {} })");
    assert_eq!(r, Err(RunError::Timeout));
    // A native loop over holes that never calls script is stopped too.
    let r = eval_with(
        options.clone(),
        "Array.prototype.forEach.call({length: 2 ** 53 - 1}, () => {})",
    );
    assert_eq!(r, Err(RunError::Timeout));
    let r = eval_with(options, "Array.prototype.sort.call({length: 2 ** 53 - 1})");
    assert_eq!(r, Err(RunError::Timeout));
}

#[test]
fn tampering_with_prototypes_does_not_change_the_methods() {
    // The methods do not look up anything user-visible besides what the spec says.
    assert_eq!(
        s("var A = Array; Array = null; A.prototype.push = null; [1, 2].map(x => x + 1).join()"),
        "2,3"
    );
}
