//! Proofs of the stackless design (issue 3, "What it must show"): long-running code is
//! collected as it runs, getters and callbacks run in the VM's own frames, and JS recursion
//! never touches the Rust stack.

mod support;

use std::time::Instant;

use moat_vm::{Context, ContextOptions, HostValue};
use support::{eval, is_thrown, on_small_stack, MIB};

/// Short-lived objects allocated by the loops below: ten million as the issue asks in release
/// builds. Debug builds took 80 to 110 s for ten million on the shared 2-core test machine (four
/// such tests at once), over the one-minute budget, so they allocate two million.
const OBJECTS: u32 = if cfg!(debug_assertions) {
    2_000_000
} else {
    10_000_000
};

/// Short-lived objects for the tests of callbacks run by natives (replace, reviver, toJSON,
/// executor, ...): ten million in release builds; one million in debug builds, still several
/// times what a 32 MiB heap holds if nothing were collected (each object costs over 100 bytes),
/// so that the dozen such tests do not crowd the debug suite's time.
const CALLBACK_OBJECTS: u32 = if cfg!(debug_assertions) {
    1_000_000
} else {
    10_000_000
};

/// Generators for the generator test: 100,000 as the issue asks in release builds; a debug build
/// needed over 120 s for that many (ten million resumes), so it makes 20,000.
const GENERATORS: u32 = if cfg!(debug_assertions) {
    20_000
} else {
    100_000
};

/// Runs `src` under a 32 MiB heap limit and expects `expected`; reports the time and peak.
fn finishes_under_32_mib(src: &str, expected: HostValue) {
    let mut cx = support::context(32 * MIB);
    let start = Instant::now();
    let r = eval(&mut cx, src);
    eprintln!(
        "{:?} in {:?}, heap peak {} bytes",
        r,
        start.elapsed(),
        cx.heap_peak()
    );
    assert_eq!(r, Ok(expected), "source: {src}");
    assert!(cx.heap_peak() <= 32 * MIB, "peak {}", cx.heap_peak());
}

/// Threat: a heap that is only collected between evaluations; ten million short-lived objects
/// would need far more than 32 MiB.
#[test]
fn ten_million_objects_in_a_loop() {
    finishes_under_32_mib(
        &format!("(function () {{ var o; for (var i = 0; i < {OBJECTS}; i++) o = {{ a: i }}; return o.a }})()"),
        HostValue::Number(f64::from(OBJECTS - 1)),
    );
}

/// Threat: collection suspended while a getter (reached by a property read) runs.
#[test]
fn ten_million_objects_in_a_getter() {
    finishes_under_32_mib(
        &format!(
            "var holder = {{ get x() {{ var o; for (var i = 0; i < {OBJECTS}; i++) o = {{ a: i }}; return o.a }} }};
             holder.x"
        ),
        HostValue::Number(f64::from(OBJECTS - 1)),
    );
}

/// Threat: collection suspended while a forEach callback runs.
#[test]
fn ten_million_objects_in_a_for_each_callback() {
    finishes_under_32_mib(
        &format!(
            "var last; [0].forEach(function () {{ var o; for (var i = 0; i < {OBJECTS}; i++) o = {{ a: i }}; last = o.a }});
             last"
        ),
        HostValue::Number(f64::from(OBJECTS - 1)),
    );
}

/// Threat: collection suspended while a String.prototype.replace callback runs.
#[test]
fn ten_million_objects_in_a_replace_callback() {
    finishes_under_32_mib(
        &format!(
            "'xay'.replace('a', function () {{ var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; return o.a }})"
        ),
        HostValue::String(format!("x{}y", CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while a String.prototype.replaceAll callback runs (the work
/// spread over several matches).
#[test]
fn ten_million_objects_in_replace_all_callbacks() {
    finishes_under_32_mib(
        &format!(
            "var n = 0; 'aaaa'.replaceAll('a', function () {{ var o; for (var i = 0; i < {CALLBACK_OBJECTS} / 4; i++) o = {{ a: i }}; return n++ }})"
        ),
        HostValue::String("0123".to_string()),
    );
}

/// Threat: collection suspended while a JSON.parse reviver runs.
#[test]
fn ten_million_objects_in_a_reviver() {
    finishes_under_32_mib(
        &format!(
            "JSON.parse('[1, {{\"b\": 2}}]', function (k, v) {{
               if (k !== 'b') return v;
               var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; return o.a
             }})[1].b"
        ),
        HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while a toJSON method reached by JSON.stringify runs.
#[test]
fn ten_million_objects_in_to_json() {
    finishes_under_32_mib(
        &format!(
            "JSON.stringify([{{ toJSON() {{ var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; return o.a }} }}])"
        ),
        HostValue::String(format!("[{}]", CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while a JSON.stringify replacer function runs.
#[test]
fn ten_million_objects_in_a_stringify_replacer() {
    finishes_under_32_mib(
        &format!(
            "JSON.stringify({{ a: 1 }}, function (k, v) {{
               if (k !== 'a') return v;
               var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; return o.a
             }})"
        ),
        HostValue::String(format!("{{\"a\":{}}}", CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while a Promise executor runs.
#[test]
fn ten_million_objects_in_a_promise_executor() {
    finishes_under_32_mib(
        &format!(
            "var last; new Promise(function () {{ var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; last = o.a }}); last"
        ),
        HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while a `then` getter reached by a promise resolve function
/// runs.
#[test]
fn ten_million_objects_in_a_then_getter() {
    finishes_under_32_mib(
        &format!(
            "var last; new Promise(function (resolve) {{
               resolve({{ get then() {{ var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; last = o.a }} }})
             }}); last"
        ),
        HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while a `then` getter reached by `await` (PromiseResolve in
/// Await) runs.
#[test]
fn ten_million_objects_in_a_then_getter_reached_by_await() {
    finishes_under_32_mib(
        &format!(
            "var last; (async function () {{
               await {{ get then() {{ var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; last = o.a }} }}
             }})(); last"
        ),
        HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while a `then` getter of an async function's return value
/// runs (AsyncBlockStart resolving the function's promise).
#[test]
fn ten_million_objects_in_a_then_getter_reached_by_async_return() {
    finishes_under_32_mib(
        &format!(
            "var last; (async function () {{
               return {{ get then() {{ var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; last = o.a }} }}
             }})(); last"
        ),
        HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while a `then` getter inherited by the iterator results of an
/// async generator runs (AsyncGeneratorCompleteStep resolving a request's promise).
#[test]
fn ten_million_objects_in_a_then_getter_reached_by_async_generator_completion() {
    finishes_under_32_mib(
        &format!(
            "var last;
             Object.defineProperty(Object.prototype, 'then', {{ configurable: true, get() {{
               delete Object.prototype.then;
               var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; last = o.a }} }});
             (async function* () {{}})().next(); last"
        ),
        HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while the species constructor Promise.prototype.then builds
/// its capability with runs.
#[test]
fn ten_million_objects_in_a_promise_species_constructor_of_then() {
    finishes_under_32_mib(
        &format!(
            "var last; var p = Promise.resolve();
             p.constructor = {{ [Symbol.species]: function (exec) {{
               var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; last = o.a;
               exec(function () {{}}, function () {{}}) }} }};
             p.then(); last"
        ),
        HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while an async dispose method runs at the end of an
/// `await using` scope.
#[test]
fn ten_million_objects_in_an_await_using_dispose() {
    finishes_under_32_mib(
        &format!(
            "var last; (async function () {{
               await using r = {{ [Symbol.asyncDispose]() {{
                 var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; last = o.a }} }};
             }})(); last"
        ),
        HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while a Promise.prototype.finally callback runs (a reaction
/// job calling thenFinally).
#[test]
fn ten_million_objects_in_a_finally_callback() {
    let mut cx = support::context(32 * MIB);
    let r = eval(
        &mut cx,
        &format!(
            "var last; Promise.resolve().finally(function () {{
               var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; last = o.a }});"
        ),
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(cx.run_jobs(), Ok(()));
    assert_eq!(
        eval(&mut cx, "last"),
        Ok(HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)))
    );
    assert!(cx.heap_peak() <= 32 * MIB, "peak {}", cx.heap_peak());
}

/// Threat: collection suspended while a constructor Promise.resolve builds its capability with
/// runs.
#[test]
fn ten_million_objects_in_a_promise_resolve_constructor() {
    finishes_under_32_mib(
        &format!(
            "var last; Promise.resolve.call(function (exec) {{
               var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; last = o.a;
               exec(function () {{}}, function () {{}}) }}, 1); last"
        ),
        HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while the `value` getter of a sync iterator's result runs,
/// read by %AsyncFromSyncIteratorPrototype%.next for `for await`.
#[test]
fn ten_million_objects_in_an_async_from_sync_value_getter() {
    finishes_under_32_mib(
        &format!(
            "var last; (async function () {{
               for await (var x of {{ [Symbol.iterator]() {{ return {{
                 next() {{ return {{ done: false, get value() {{
                   var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; last = o.a; return 0 }} }} }}
               }} }} }}) break;
             }})(); last"
        ),
        HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while a sync iterator's `next`, called for `for await`, runs.
#[test]
fn ten_million_objects_in_a_sync_next_used_by_for_await() {
    finishes_under_32_mib(
        &format!(
            "var last; (async function () {{
               for await (var x of {{ [Symbol.iterator]() {{ return {{
                 next() {{ var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; last = o.a; return {{ done: true }} }}
               }} }} }}) {{}}
             }})(); last"
        ),
        HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while a dispose method runs at the end of a `using` scope.
#[test]
fn ten_million_objects_in_a_using_dispose() {
    finishes_under_32_mib(
        &format!(
            "var last; {{ using r = {{ [Symbol.dispose]() {{ var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; last = o.a }} }}; }} last"
        ),
        HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while DisposableStack.prototype.dispose runs a callback.
#[test]
fn ten_million_objects_in_a_disposable_stack_callback() {
    finishes_under_32_mib(
        &format!(
            "var last, s = new DisposableStack();
             s.defer(function () {{ var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; last = o.a }});
             s.dispose(); last"
        ),
        HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while a species constructor reached by Array.prototype.map
/// runs.
#[test]
fn ten_million_objects_in_a_species_constructor() {
    finishes_under_32_mib(
        &format!(
            "var last; var a = [1];
             a.constructor = {{ [Symbol.species]: function () {{ var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; last = o.a }} }};
             a.map(function (x) {{ return x }}); last"
        ),
        HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while a constructor reached by Reflect.construct runs.
#[test]
fn ten_million_objects_in_reflect_construct() {
    finishes_under_32_mib(
        &format!(
            "Reflect.construct(function () {{ var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; this.a = o.a }}, []).a"
        ),
        HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while an Object.groupBy callback runs.
#[test]
fn ten_million_objects_in_a_group_by_callback() {
    finishes_under_32_mib(
        &format!(
            "Object.groupBy([0], function () {{ var o; for (var i = 0; i < {CALLBACK_OBJECTS}; i++) o = {{ a: i }}; return o.a }})[{}][0]",
            CALLBACK_OBJECTS - 1
        ),
        HostValue::Number(0.0),
    );
}

/// Threat: collection suspended across awaits in an async function.
#[test]
fn objects_in_an_async_function_awaiting_in_the_loop() {
    // Each iteration awaits (a job round trip), so a tenth of the count keeps the time bounded.
    let n = OBJECTS / 10;
    let mut cx = support::context(32 * MIB);
    let start = Instant::now();
    let r = eval(
        &mut cx,
        &format!(
            "var last = -1;
             (async function () {{ var o; for (var i = 0; i < {n}; i++) {{ o = {{ a: i }}; await o; }} last = o.a }})();"
        ),
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(cx.run_jobs(), Ok(()));
    let last = eval(&mut cx, "last");
    eprintln!(
        "{last:?} in {:?}, heap peak {}",
        start.elapsed(),
        cx.heap_peak()
    );
    assert_eq!(last, Ok(HostValue::Number(f64::from(n - 1))));
}

/// Threat: JS recursion on the Rust stack. A million-deep recursion with the default frame
/// limit is a RangeError on a thread with a 2 MiB stack.
#[test]
fn million_deep_recursion_is_a_range_error_on_a_small_stack() {
    let r = on_small_stack(|| {
        let mut cx = support::default_context();
        let r = eval(
            &mut cx,
            "function f(n) { return n === 0 ? 0 : 1 + f(n - 1) } f(1e6)",
        );
        support::assert_usable(&mut cx);
        r
    });
    assert!(is_thrown(&r, "RangeError"), "{r:?}");
}

/// A deep recursion that succeeds on a 2 MiB stack: possible only if frames live in the heap.
fn deep_ok_on_small_stack(src: &'static str, expected: HostValue) {
    let r = on_small_stack(move || {
        let mut cx = Context::new(ContextOptions {
            // A level reached through `+` or a getter takes a few frames (the conversion's own).
            max_frames: 1_000_000,
            ..ContextOptions::default()
        });
        eval(&mut cx, src)
    });
    assert_eq!(r, Ok(expected), "source: {src}");
}

/// Proof: 100,000 nested JS calls on a 2 MiB Rust stack.
#[test]
fn hundred_thousand_deep_calls_on_a_small_stack() {
    deep_ok_on_small_stack(
        "function f(n) { return n === 0 ? 0 : 1 + f(n - 1) } f(100000)",
        HostValue::Number(100_000.0),
    );
}

/// Proof: 100,000 nested getter calls (a getter reading the getter) on a 2 MiB stack.
#[test]
fn hundred_thousand_deep_getters_on_a_small_stack() {
    deep_ok_on_small_stack(
        "var n = 100000; var o = { get x() { return n-- === 0 ? 0 : 1 + o.x } }; o.x",
        HostValue::Number(100_000.0),
    );
}

/// Proof: 100,000 nested valueOf calls reached by `+`.
#[test]
fn hundred_thousand_deep_value_of_on_a_small_stack() {
    deep_ok_on_small_stack(
        "var n = 100000; var o = { valueOf() { return n-- === 0 ? 0 : 1 + +o } }; +o",
        HostValue::Number(100_000.0),
    );
}

/// Proof: 50,000 nested `valueOf` calls reached by ArraySetLength (`array.length = object`).
#[test]
fn fifty_thousand_deep_array_length_conversions_on_a_small_stack() {
    deep_ok_on_small_stack(
        "var n = 50000, depth = 0;
         var o = { valueOf() { if (n-- > 0) { depth++; [].length = o } return 2 } };
         var a = []; a.length = o; a.length + depth",
        HostValue::Number(50_002.0),
    );
}

/// Proof: 50,000 nested forEach callbacks.
#[test]
fn fifty_thousand_deep_for_each_on_a_small_stack() {
    deep_ok_on_small_stack(
        "var d = 0; function f(n) { if (n > 0) [0].forEach(function () { d++; f(n - 1) }) } f(50000); d",
        HostValue::Number(50_000.0),
    );
}

/// Proof: 50,000 nested sort comparators.
#[test]
fn fifty_thousand_deep_sort_comparators_on_a_small_stack() {
    deep_ok_on_small_stack(
        "var d = 0; function f(n) { if (n > 0) [2, 1].sort(function (a, b) { if (d < 50000) { d++; f(n - 1) } return a - b }) }
         f(50000); d",
        HostValue::Number(50_000.0),
    );
}

/// Proof: 50,000 nested replace callbacks.
#[test]
fn fifty_thousand_deep_replace_callbacks_on_a_small_stack() {
    deep_ok_on_small_stack(
        "var d = 0; function f(n) { if (n > 0) 'a'.replace('a', function () { d++; f(n - 1); return '' }) }
         f(50000); d",
        HostValue::Number(50_000.0),
    );
}

/// Proof: 50,000 nested JSON.parse revivers.
#[test]
fn fifty_thousand_deep_revivers_on_a_small_stack() {
    deep_ok_on_small_stack(
        "function f(n) { return n === 0 ? 0 : JSON.parse('1', function (k, v) { return 1 + f(n - 1) }) }
         f(50000)",
        HostValue::Number(50_000.0),
    );
}

/// Proof: 50,000 nested toJSON calls (each stringifying again).
#[test]
fn fifty_thousand_deep_to_json_on_a_small_stack() {
    deep_ok_on_small_stack(
        "var d = 0; function f(n) { if (n > 0) JSON.stringify({ toJSON() { d++; f(n - 1) } }) }
         f(50000); d",
        HostValue::Number(50_000.0),
    );
}

/// Proof: 20,000 nested `await`s of a thenable whose `then` getter starts the next level
/// (about five frames a level: the async function, Await, PromiseResolve, the resolve steps and
/// the getter).
#[test]
fn twenty_thousand_deep_then_getters_reached_by_await_on_a_small_stack() {
    deep_ok_on_small_stack(
        "var n = 0; var o = { get then() { if (n++ < 20000) f() } };
         async function f() { await o } f(); n",
        HostValue::Number(20_001.0),
    );
}

/// Proof: 20,000 nested `for await` loops, each level started by the `value` getter of the
/// sync iterator result the level above reads through %AsyncFromSyncIteratorPrototype%.next.
#[test]
fn twenty_thousand_deep_async_from_sync_value_getters_on_a_small_stack() {
    deep_ok_on_small_stack(
        "var n = 0;
         var iterable = { [Symbol.iterator]() { return {
           next() { return { done: false, get value() { if (n++ < 20000) g(); return 1 } } } } } };
         async function g() { for await (var x of iterable) break }
         g(); n",
        HostValue::Number(20_001.0),
    );
}

/// Proof: 20,000 nested `for await` loops, each level started by the sync `next` of the level
/// above.
#[test]
fn twenty_thousand_deep_sync_nexts_used_by_for_await_on_a_small_stack() {
    deep_ok_on_small_stack(
        "var n = 0;
         var iterable = { [Symbol.iterator]() { return {
           next() { if (n++ < 20000) g(); return { done: true } } } } };
         async function g() { for await (var x of iterable) {} }
         g(); n",
        HostValue::Number(20_001.0),
    );
}

/// Proof: 20,000 nested async function returns, each level started by the `then` getter of
/// the value the level below returns.
#[test]
fn twenty_thousand_deep_then_getters_reached_by_async_return_on_a_small_stack() {
    deep_ok_on_small_stack(
        "var n = 0; var o = { get then() { if (n++ < 20000) f() } };
         async function f() { return o } f(); n",
        HostValue::Number(20_001.0),
    );
}

/// Proof: 20,000 nested Promise.prototype.then calls, each level started by the species
/// constructor of the level above.
#[test]
fn twenty_thousand_deep_promise_species_constructors_on_a_small_stack() {
    deep_ok_on_small_stack(
        "var n = 0;
         function S(exec) { if (n++ < 20000) mk().then(); exec(function () {}, function () {}) }
         function mk() { var p = Promise.resolve(); p.constructor = { [Symbol.species]: S }; return p }
         mk().then(); n",
        HostValue::Number(20_001.0),
    );
}

/// Proof: 20,000 nested `await using` scopes, each level's dispose method starting the next.
#[test]
fn twenty_thousand_deep_await_using_disposals_on_a_small_stack() {
    deep_ok_on_small_stack(
        "var n = 0;
         async function f() { await using r = { [Symbol.asyncDispose]() { if (n++ < 20000) f() } } }
         f(); n",
        HostValue::Number(20_001.0),
    );
}

/// Proof: 20,000 nested Promise.resolve calls, each level's capability constructor starting
/// the next.
#[test]
fn twenty_thousand_deep_promise_resolve_constructors_on_a_small_stack() {
    deep_ok_on_small_stack(
        "var n = 0;
         function C(exec) { if (n++ < 20000) Promise.resolve.call(C, 1); exec(function () {}, function () {}) }
         Promise.resolve.call(C, 1); n",
        HostValue::Number(20_001.0),
    );
}

/// Threat: unbounded recursion through getters and methods that async iteration and `await`
/// call. It must end in a RangeError (here rejecting the innermost level's promise, which the
/// level above records) on a 2 MiB stack, never an overflow.
#[test]
fn unbounded_recursion_through_await_and_for_await_is_a_range_error_on_a_small_stack() {
    let results = on_small_stack(|| {
        let mut cx = support::default_context();
        [
            "var caught; var o = { get then() { f().catch(function (e) { caught = caught || e }) } };
             async function f() { await o } f();",
            "var caught; var iterable = { [Symbol.iterator]() { return {
               next() { return { done: false, get value() { g().catch(function (e) { caught = caught || e }); return 1 } } } } } };
             async function g() { for await (var x of iterable) break } g();",
            "var caught; var iterable = { [Symbol.iterator]() { return {
               next() { g().catch(function (e) { caught = caught || e }); return { done: true } } } } };
             async function g() { for await (var x of iterable) {} } g();",
            "var caught; var iterable = { [Symbol.asyncIterator]() {
               g().catch(function (e) { caught = caught || e }); return { next() { return { done: true } } } } };
             async function g() { for await (var x of iterable) {} } g();",
        ]
        .map(|src| {
            let r = eval(&mut cx, src).and_then(|_| cx.run_jobs()).and_then(|()| {
                eval(
                    &mut cx,
                    "caught instanceof RangeError ? 'RangeError' : String(caught)",
                )
            });
            support::assert_usable(&mut cx);
            (src, r)
        })
    });
    for (src, r) in results {
        assert_eq!(r, Ok(HostValue::String("RangeError".into())), "{src}");
    }
}

/// Threat: generator state held on the Rust stack or leaked per resume. 100,000 generators
/// (20,000 in debug builds) each resumed 100 times stay within a small heap.
#[test]
fn hundred_thousand_generators_resumed_a_hundred_times() {
    let mut cx = support::context(32 * MIB);
    let start = Instant::now();
    let r = eval(
        &mut cx,
        &format!(
            "function* g() {{ for (var i = 0; i < 100; i++) yield i }}
             var sum = 0;
             for (var k = 0; k < {GENERATORS}; k++) {{
               var it = g(); for (var j = 0; j < 100; j++) sum += it.next().value
             }}
             sum"
        ),
    );
    eprintln!(
        "{r:?} in {:?}, heap peak {}",
        start.elapsed(),
        cx.heap_peak()
    );
    assert_eq!(r, Ok(HostValue::Number(f64::from(GENERATORS) * 4950.0)));
    assert!(cx.heap_peak() < 8 * MIB, "heap peak {}", cx.heap_peak());
}

/// The body of a callback that allocates `n` short-lived objects and leaves the last index in
/// `last` (the callers below run it inside the getter or method under test).
fn churn(n: u32) -> String {
    format!("var o; for (var i = 0; i < {n}; i++) o = {{ a: i }}; last = o.a;")
}

/// Runs `src` (which leaves the churn's result in `last`) under a 32 MiB heap limit.
fn churns_under_32_mib(src: String) {
    finishes_under_32_mib(
        &format!("var last; {src}; last"),
        HostValue::Number(f64::from(CALLBACK_OBJECTS - 1)),
    );
}

/// Threat: collection suspended while the `return` getter of an iterator closed by a throw
/// (IteratorClose with a throw completion) runs.
#[test]
fn ten_million_objects_in_a_return_getter_on_throw() {
    let body = churn(CALLBACK_OBJECTS);
    churns_under_32_mib(format!(
        "var it = {{ [Symbol.iterator]() {{ return this }}, next() {{ return {{ done: false }} }},
                     get return() {{ {body} return undefined }} }};
         try {{ for (var x of it) throw 0 }} catch (e) {{}}"
    ));
}

/// Threat: collection suspended while the `return` method of an iterator closed by a throw
/// from a destructuring pattern runs.
#[test]
fn ten_million_objects_in_a_return_method_on_throw() {
    let body = churn(CALLBACK_OBJECTS);
    churns_under_32_mib(format!(
        "var it = {{ [Symbol.iterator]() {{ return this }}, next() {{ return {{ done: false }} }},
                     return() {{ {body} }} }};
         try {{ var [{{ a: {{ b }} }}] = it }} catch (e) {{}}"
    ));
}

/// Threat: collection suspended while the superclass's `prototype` getter runs in a class
/// definition.
#[test]
fn ten_million_objects_in_a_class_heritage_prototype_getter() {
    let body = churn(CALLBACK_OBJECTS);
    churns_under_32_mib(format!(
        "var Base = function () {{}}.bind();
         Object.defineProperty(Base, 'prototype', {{ get() {{ {body} return null }} }});
         class C extends Base {{}}"
    ));
}

/// Threat: collection suspended while a getter read by object spread runs.
#[test]
fn ten_million_objects_in_an_object_spread_getter() {
    let body = churn(CALLBACK_OBJECTS);
    churns_under_32_mib(format!("var copy = {{ ...{{ get a() {{ {body} }} }} }}"));
}

/// Threat: collection suspended while a getter read by an object rest pattern runs.
#[test]
fn ten_million_objects_in_an_object_rest_getter() {
    let body = churn(CALLBACK_OBJECTS);
    churns_under_32_mib(format!(
        "var {{ a, ...rest }} = {{ a: 1, get b() {{ {body} }} }}"
    ));
}

/// Threat: collection suspended while a `Symbol.hasInstance` getter reached by `instanceof`
/// runs.
#[test]
fn ten_million_objects_in_a_has_instance_getter() {
    let body = churn(CALLBACK_OBJECTS);
    churns_under_32_mib(format!(
        "({{}}) instanceof {{ get [Symbol.hasInstance]() {{ {body} return function () {{ return true }} }} }}"
    ));
}

/// Threat: collection suspended while a `Symbol.hasInstance` method reached by `instanceof`
/// runs.
#[test]
fn ten_million_objects_in_a_has_instance_method() {
    let body = churn(CALLBACK_OBJECTS);
    churns_under_32_mib(format!(
        "({{}}) instanceof {{ [Symbol.hasInstance]() {{ {body} }} }}"
    ));
}

/// Threat: collection suspended while the `prototype` getter of OrdinaryHasInstance runs, from
/// `instanceof` and from Function.prototype[Symbol.hasInstance] called directly.
#[test]
fn ten_million_objects_in_an_instanceof_prototype_getter() {
    let body = churn(CALLBACK_OBJECTS / 2);
    finishes_under_32_mib(
        &format!(
            "var last, n = 0, F = () => {{}};
             Object.defineProperty(F, 'prototype', {{ get() {{ {body} n += last; return Object.prototype }} }});
             [({{}}) instanceof F, Function.prototype[Symbol.hasInstance].call(F, {{}}), n].join()"
        ),
        HostValue::String(format!("true,true,{}", 2 * (CALLBACK_OBJECTS / 2 - 1))),
    );
}

/// Threat: collection suspended while the `next` getter read by GetIterator runs.
#[test]
fn ten_million_objects_in_a_next_getter() {
    let body = churn(CALLBACK_OBJECTS);
    churns_under_32_mib(format!(
        "var it = {{ [Symbol.iterator]() {{ return this }},
                     get next() {{ {body} return function () {{ return {{ done: true }} }} }} }};
         for (var x of it) {{}}"
    ));
}

/// Threat: collection suspended while the `Symbol.unscopables` getter of a `with` object runs
/// (the name's resolution), for a read, a write, `typeof` and `delete`.
#[test]
fn ten_million_objects_in_an_unscopables_getter() {
    let body = churn(CALLBACK_OBJECTS / 4);
    finishes_under_32_mib(
        &format!(
            "var last, n = 0, scope = {{ x: 1, get [Symbol.unscopables]() {{ {body} n += last; return undefined }} }};
             with (scope) {{ x; x = 2; typeof x; delete x }}
             n"
        ),
        HostValue::Number(4.0 * f64::from(CALLBACK_OBJECTS / 4 - 1)),
    );
}

/// Threat: collection suspended while the getter of the name on a `with` object's
/// `Symbol.unscopables` object runs.
#[test]
fn ten_million_objects_in_an_unscopables_property_getter() {
    let body = churn(CALLBACK_OBJECTS);
    churns_under_32_mib(format!(
        "var scope = {{ x: 1, [Symbol.unscopables]: {{ get x() {{ {body} return false }} }} }};
         with (scope) {{ x }}"
    ));
}

/// Threat: collection suspended while a getter or a setter of a `with` object reached by a
/// name runs.
#[test]
fn ten_million_objects_in_a_with_object_accessor() {
    let body = churn(CALLBACK_OBJECTS / 2);
    finishes_under_32_mib(
        &format!(
            "var last, n = 0, scope = {{ get x() {{ {body} n += last; return 1 }}, set x(v) {{ {body} n += last }} }};
             with (scope) {{ x; x = 2 }}
             n"
        ),
        HostValue::Number(2.0 * f64::from(CALLBACK_OBJECTS / 2 - 1)),
    );
}

/// Threat: collection suspended while a getter or setter of the global object reached by a
/// name runs.
#[test]
fn ten_million_objects_in_a_global_accessor() {
    let body = churn(CALLBACK_OBJECTS / 2);
    finishes_under_32_mib(
        &format!(
            "var last, n = 0;
             Object.defineProperty(globalThis, 'g', {{ get() {{ {body} n += last; return 1 }}, set(v) {{ {body} n += last }} }});
             g; g = 2;
             n"
        ),
        HostValue::Number(2.0 * f64::from(CALLBACK_OBJECTS / 2 - 1)),
    );
}

/// Proofs: 100,000 nested levels through each getter or call converted from Rust-stack
/// recursion to frames, on a 2 MiB stack (a call nested on the Rust stack would stop at a
/// depth of 32 with a RangeError).
#[test]
fn hundred_thousand_deep_return_getters_on_throw() {
    deep_ok_on_small_stack(
        "var d = 0; function f() {
           var it = { [Symbol.iterator]() { return this }, next() { return { done: false } },
                      get return() { if (++d < 100000) f(); return undefined } };
           try { for (var x of it) throw 0 } catch (e) {}
         } f(); d",
        HostValue::Number(100_000.0),
    );
}

#[test]
fn hundred_thousand_deep_class_heritage_getters() {
    deep_ok_on_small_stack(
        "var d = 0; function f() {
           var Base = function () {}.bind();
           Object.defineProperty(Base, 'prototype', { get() { if (++d < 100000) f(); return null } });
           class C extends Base {}
         } f(); d",
        HostValue::Number(100_000.0),
    );
}

#[test]
fn hundred_thousand_deep_object_spread_getters() {
    deep_ok_on_small_stack(
        "var d = 0; function f() { return { ...{ get a() { if (++d < 100000) f(); return d } } } }
         f(); d",
        HostValue::Number(100_000.0),
    );
}

#[test]
fn hundred_thousand_deep_instanceof() {
    deep_ok_on_small_stack(
        "var d = 0, F = () => {};
         Object.defineProperty(F, 'prototype', { get() { if (++d < 100000) ({}) instanceof F; return Object.prototype } });
         var H = { get [Symbol.hasInstance]() { if (++d < 200000) ({}) instanceof H; return function () { return true } } };
         ({}) instanceof F; ({}) instanceof H; d",
        HostValue::Number(200_000.0),
    );
}

#[test]
fn hundred_thousand_deep_next_getters() {
    deep_ok_on_small_stack(
        "var d = 0; function f() {
           var it = { [Symbol.iterator]() { return this },
                      get next() { if (++d < 100000) f(); return function () { return { done: true } } } };
           for (var x of it) {}
         } f(); d",
        HostValue::Number(100_000.0),
    );
}

#[test]
fn hundred_thousand_deep_unscopables_getters() {
    deep_ok_on_small_stack(
        "var d = 0, scope = { x: 1, get [Symbol.unscopables]() { if (++d < 100000) f(); return undefined } };
         function f() { with (scope) { return x } }
         f(); d",
        HostValue::Number(100_000.0),
    );
}
