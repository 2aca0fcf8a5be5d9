//! Denial of service: endless loops wherever script code can run, memory bombs and deep
//! recursion all end in a typed error (or a RangeError the script can see), the process
//! unharmed, the context usable afterwards.

mod support;

use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use moat_vm::{Context, ContextOptions, HostValue, RunError};
use support::{assert_usable, eval, is_thrown, on_small_stack, MIB};

/// How long a stopped evaluation may take beyond its limit (debug builds on a loaded machine).
const SLACK: Duration = Duration::from_secs(20);

/// Runs `src` under a 150 ms deadline and expects `Timeout` soon after.
fn stops_on_deadline(src: &str) {
    let mut cx = Context::new(ContextOptions {
        heap_limit: 32 * MIB,
        timeout: Some(Duration::from_millis(150)),
        ..ContextOptions::default()
    });
    let start = Instant::now();
    let r = run_with_jobs(&mut cx, src);
    assert_eq!(r, Err(RunError::Timeout), "source: {src}");
    assert!(start.elapsed() < SLACK, "took {:?}", start.elapsed());
    assert_usable(&mut cx);
}

/// Runs `src` with an instruction budget and expects `OutOfFuel`.
fn stops_on_fuel(src: &str) {
    let mut cx = Context::new(ContextOptions {
        heap_limit: 32 * MIB,
        timeout: Some(support::HANG_GUARD),
        instruction_limit: Some(200_000),
        ..ContextOptions::default()
    });
    let r = run_with_jobs(&mut cx, src);
    assert_eq!(r, Err(RunError::OutOfFuel), "source: {src}");
    assert_usable(&mut cx);
}

/// Runs `src` and sets the interrupt flag from another thread after 50 ms.
fn stops_on_interrupt(src: &str) {
    let mut cx = Context::new(ContextOptions {
        heap_limit: 32 * MIB,
        timeout: Some(support::HANG_GUARD),
        ..ContextOptions::default()
    });
    let flag = cx.interrupt_handle();
    let setter = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        flag.store(true, Ordering::SeqCst);
    });
    let start = Instant::now();
    let r = run_with_jobs(&mut cx, src);
    let _ = setter.join();
    assert_eq!(r, Err(RunError::Interrupted), "source: {src}");
    assert!(start.elapsed() < SLACK, "took {:?}", start.elapsed());
    // The flag is consumed by the stop: the next evaluation runs.
    assert_usable(&mut cx);
}

/// Evaluates and then drains the job queue, so loops in promise jobs count too.
fn run_with_jobs(cx: &mut Context, src: &str) -> Result<HostValue, RunError> {
    let v = eval(cx, src)?;
    cx.run_jobs()?;
    Ok(v)
}

fn stops_all_ways(src: &str) {
    stops_on_deadline(src);
    stops_on_fuel(src);
    stops_on_interrupt(src);
}

/// One test per place an endless loop can hide; each must stop on the deadline, the
/// instruction budget and the interrupt flag.
macro_rules! endless {
    ($($(#[$m:meta])* $name:ident: $src:expr;)*) => {$(
        $(#[$m])*
        #[test]
        fn $name() {
            stops_all_ways($src);
        }
    )*};
}

endless! {
    /// Threat: the plain endless loop.
    loop_at_top_level: "while (true) {}";
    /// Threat: an endless loop inside a function call.
    loop_in_function: "(function () { for (;;) {} })()";
    /// Threat: a script trying to swallow the stop with catch/finally and go on looping.
    loop_that_catches_and_finalizes:
        "for (;;) { try { while (true) {} } catch (e) {} finally { continue; } }";
    /// Threat: a loop inside a getter reached by a property read.
    loop_in_getter: "var o = { get x() { while (true) {} } }; o.x";
    /// Threat: a loop inside a setter reached by an assignment.
    loop_in_setter: "var o = { set x(v) { while (true) {} } }; o.x = 1";
    /// Threat: a loop inside valueOf reached by unary plus.
    loop_in_value_of: "var o = { valueOf() { while (true) {} } }; +o";
    /// Threat: a loop inside toString reached by a template literal.
    loop_in_to_string: "var o = { toString() { while (true) {} } }; `${o}`";
    /// Threat: a loop inside a constructor reached by `new`.
    loop_in_constructor: "new (class { constructor() { while (true) {} } })()";
    /// Threat: a loop inside an iterator's next reached by for-of.
    loop_in_iterator_next:
        "var it = { [Symbol.iterator]() { return { next() { while (true) {} } } } };
         for (var x of it) {}";
    /// Threat: a loop inside toJSON reached by JSON.stringify (a native calling back).
    loop_in_to_json: "JSON.stringify({ toJSON() { while (true) {} } })";
    /// Threat: a loop inside a JSON.stringify replacer function.
    loop_in_stringify_replacer: "JSON.stringify([1], function () { while (true) {} })";
    /// Threat: a loop inside a getter JSON.stringify reads.
    loop_in_stringify_getter: "JSON.stringify({ get a() { while (true) {} } })";
    /// Threat: a loop inside a JSON.parse reviver.
    loop_in_reviver: "JSON.parse('[1]', function () { while (true) {} })";
    /// Threat: a loop inside a sort comparator.
    loop_in_sort_comparator: "[2, 1, 3].sort(function () { while (true) {} })";
    /// Threat: a loop inside a forEach callback.
    loop_in_for_each: "[1].forEach(function () { while (true) {} })";
    /// Threat: a loop inside a map callback.
    loop_in_map: "[1].map(function () { while (true) {} })";
    /// Threat: a loop inside a reduce callback.
    loop_in_reduce: "[1, 2].reduce(function () { while (true) {} })";
    /// Threat: a loop inside a replace callback.
    loop_in_replace_callback: "'abc'.replace('b', function () { while (true) {} })";
    /// Threat: a loop inside a later replaceAll callback.
    loop_in_replace_all_callback:
        "var n = 0; 'abcb'.replaceAll('b', function () { if (n++) while (true) {} return '' })";
    /// Threat: a loop inside a getter of a value JSON.parse's reviver walk reads.
    loop_in_reviver_getter:
        "JSON.parse('[1, 2]', function (k, v) {
           if (k === '0') Object.defineProperty(this, '1', { get() { while (true) {} } });
           return v
         })";
    /// Threat: a loop inside code compiled by the Function constructor.
    loop_in_function_constructor: "Function('while (true) {}')()";
    /// Threat: a loop inside a generator resumed by next().
    loop_in_generator: "function* g() { while (true) {} } g().next()";
    /// Threat: a loop inside a promise job (the job queue is under the same limits).
    loop_in_promise_job: "Promise.resolve().then(function () { while (true) {} })";
    /// Threat: a loop inside a Promise executor.
    loop_in_promise_executor: "new Promise(function () { while (true) {} })";
    /// Threat: a loop inside a `then` getter of a value a promise is resolved with.
    loop_in_then_getter:
        "Promise.resolve().then(function () { return { get then() { while (true) {} } } })";
    /// Threat: a loop inside a dispose method at the end of a `using` scope.
    loop_in_using_dispose: "{ using r = { [Symbol.dispose]() { while (true) {} } }; }";
    /// Threat: a loop inside a DisposableStack callback.
    loop_in_disposable_stack_callback:
        "var s = new DisposableStack(); s.defer(function () { while (true) {} }); s.dispose()";
    /// Threat: a loop inside a species constructor reached by Array.prototype.filter.
    loop_in_species_constructor:
        "var a = [1]; a.constructor = { [Symbol.species]: function () { while (true) {} } };
         a.filter(function () { return true })";
    /// Threat: a loop inside a constructor reached by Reflect.construct.
    loop_in_reflect_construct: "Reflect.construct(function () { while (true) {} }, [])";
    /// Threat: a loop inside Array.from's mapper (a native callback still nested on the Rust
    /// stack).
    loop_in_nested_native_callback: "Array.from([0], function () { while (true) {} })";
    /// Threat: a loop inside an Object.groupBy callback.
    loop_in_group_by_callback: "Object.groupBy([1], function () { while (true) {} })";
    /// Threat: Object.groupBy over an endless iterator (each step calls `next` in a frame).
    loop_in_group_by_iterator:
        "Object.groupBy({ [Symbol.iterator]() { return { next() { return { done: false } } } } },
                       function () { return 'k' })";
    /// Threat: a loop inside Promise.try's callback.
    loop_in_promise_try: "Promise.try(function () { while (true) {} })";
    /// Threat: a loop after an await in an async function.
    loop_after_await: "(async function () { await 0; while (true) {} })()";
    /// Threat: a loop inside a `then` getter reached by `await`.
    loop_in_then_getter_reached_by_await:
        "(async function () { await { get then() { while (true) {} } } })()";
    /// Threat: a loop inside a `constructor` getter of a promise reached by `await`.
    loop_in_promise_constructor_getter_reached_by_await:
        "var p = Promise.resolve(); Object.defineProperty(p, 'constructor', { get() { while (true) {} } });
         (async function () { await p })()";
    /// Threat: a loop inside a sync iterator's `next` called for `for await`.
    loop_in_sync_next_used_by_for_await:
        "(async function () {
           for await (var x of { [Symbol.iterator]() { return { next() { while (true) {} } } } }) {}
         })()";
    /// Threat: a loop inside the `value` getter of a sync iterator result read by
    /// %AsyncFromSyncIteratorPrototype%.next.
    loop_in_async_from_sync_value_getter:
        "(async function () {
           for await (var x of { [Symbol.iterator]() { return {
             next() { return { done: false, get value() { while (true) {} } } } } } }) {}
         })()";
    /// Threat: a loop inside an async iterator's @@asyncIterator method reached by `for await`.
    loop_in_async_iterator_method:
        "(async function () { for await (var x of { [Symbol.asyncIterator]() { while (true) {} } }) {} })()";
    /// Threat: a loop inside the `done` getter of an async iterator's awaited result.
    loop_in_async_iterator_done_getter:
        "(async function () {
           for await (var x of { [Symbol.asyncIterator]() { return {
             next() { return { get done() { while (true) {} } } } } } }) {}
         })()";
    /// Threat: a loop inside an async iterator's `return` getter when `for await` breaks.
    loop_in_async_iterator_return_getter:
        "(async function () {
           for await (var x of { [Symbol.asyncIterator]() { return {
             next() { return { done: false } }, get return() { while (true) {} } } } }) break;
         })()";
    /// Threat: a loop inside the iterator's `return` when a throw leaves a `for await` body
    /// (the close whose errors are ignored).
    loop_in_async_iterator_return_on_throw:
        "(async function () {
           for await (var x of { [Symbol.asyncIterator]() { return {
             next() { return { done: false } }, return() { while (true) {} } } } }) throw 1;
         })()";
    /// Threat: a loop inside a `then` getter of an async function's return value.
    loop_in_then_getter_of_async_return:
        "(async function () { return { get then() { while (true) {} } } })()";
    /// Threat: a loop inside a `then` getter inherited by an async generator's iterator result.
    loop_in_then_getter_reached_by_async_generator_completion:
        "Object.defineProperty(Object.prototype, 'then', { configurable: true, get() {
           delete Object.prototype.then; while (true) {} } });
         (async function* () {})().next()";
    /// Threat: a loop inside a promise's `constructor` getter reached by an async generator's
    /// `return` (AsyncGeneratorAwaitReturn).
    loop_in_constructor_getter_reached_by_async_generator_return:
        "var p = Promise.resolve(); Object.defineProperty(p, 'constructor', { get() { while (true) {} } });
         (async function* () {})().return(p)";
    /// Threat: a loop inside a promise's species constructor reached by the thenable job that
    /// calls its `then` (a reaction resolving with a promise).
    loop_in_species_constructor_reached_by_thenable_job:
        "var p = Promise.resolve();
         p.constructor = { [Symbol.species]: function () { while (true) {} } };
         Promise.resolve().then(function () { return p })";
    /// Threat: a loop inside an async dispose method at the end of an `await using` scope.
    loop_in_await_using_dispose:
        "(async function () { await using r = { [Symbol.asyncDispose]() { while (true) {} } } })()";
    /// Threat: a loop inside a dispose method AsyncDisposableStack.prototype.disposeAsync calls.
    loop_in_dispose_async_callback:
        "var s = new AsyncDisposableStack(); s.defer(function () { while (true) {} }); s.disposeAsync()";
    /// Threat: a loop inside a Promise.prototype.finally callback.
    loop_in_finally_callback: "Promise.resolve().finally(function () { while (true) {} })";
    /// Threat: a loop inside a constructor Promise.resolve builds its capability with.
    loop_in_promise_resolve_constructor:
        "Promise.resolve.call(function () { while (true) {} }, 1)";
    /// Threat: a loop inside the `return` getter of an iterator closed by a throw.
    loop_in_return_getter_on_throw:
        "var it = { [Symbol.iterator]() { return this }, next() { return { done: false } },
                    get return() { while (true) {} } };
         for (var x of it) throw 0";
    /// Threat: a loop inside the `return` method of an iterator closed by a throw.
    loop_in_return_method_on_throw:
        "var it = { [Symbol.iterator]() { return this }, next() { return { done: false } },
                    return() { while (true) {} } };
         var [{ a: { b } }] = it";
    /// Threat: a loop inside the superclass's `prototype` getter of a class definition.
    loop_in_class_heritage_getter:
        "var B = function () {}.bind();
         Object.defineProperty(B, 'prototype', { get() { while (true) {} } });
         class C extends B {}";
    /// Threat: a loop inside a getter read by object spread.
    loop_in_object_spread_getter: "({ ...{ get a() { while (true) {} } } })";
    /// Threat: a loop inside a getter read by an object rest pattern.
    loop_in_object_rest_getter: "var { ...r } = { get a() { while (true) {} } }";
    /// Threat: a loop inside a `Symbol.hasInstance` getter.
    loop_in_has_instance_getter:
        "({}) instanceof { get [Symbol.hasInstance]() { while (true) {} } }";
    /// Threat: a loop inside a `Symbol.hasInstance` method.
    loop_in_has_instance_method: "({}) instanceof { [Symbol.hasInstance]() { while (true) {} } }";
    /// Threat: a loop inside the `prototype` getter read by OrdinaryHasInstance.
    loop_in_instanceof_prototype_getter:
        "var F = () => {}; Object.defineProperty(F, 'prototype', { get() { while (true) {} } });
         ({}) instanceof F";
    /// Threat: a loop inside the `next` getter read by GetIterator.
    loop_in_next_getter:
        "for (var x of { [Symbol.iterator]() { return this }, get next() { while (true) {} } }) {}";
    /// Threat: a loop inside a `with` object's `Symbol.unscopables` getter.
    loop_in_unscopables_getter:
        "with ({ x: 1, get [Symbol.unscopables]() { while (true) {} } }) { x }";
    /// Threat: a loop inside the getter of a name on a `with` object's unscopables object.
    loop_in_unscopables_property_getter:
        "with ({ x: 1, [Symbol.unscopables]: { get x() { while (true) {} } } }) { x = 2 }";
    /// Threat: a loop inside a `with` object's getter reached by a name.
    loop_in_with_getter: "with ({ get x() { while (true) {} } }) { typeof x }";
    /// Threat: a loop inside a global accessor reached by a name.
    loop_in_global_setter:
        "Object.defineProperty(globalThis, 'g', { set(v) { while (true) {} } }); g = 1";
    /// Threat: a loop inside a Proxy trap.
    #[ignore = "Proxy not built yet (a later issue)"]
    loop_in_proxy_trap: "new Proxy({}, { get() { while (true) {} } }).x";
}

/// Threat: catastrophic regex backtracking, invisible to an instruction counter; the matcher
/// must poll the deadline.
#[test]
#[ignore = "RegExp not built yet: \"SyntaxError: RegExp is not supported yet\""]
fn catastrophic_regex_stops_on_deadline() {
    stops_on_deadline("/(a+)+$/.test('a'.repeat(40) + '!')");
}

/// Expects `src` to end in `HeapLimit` or a RangeError under a 32 MiB heap, within the hang
/// guard, and the context to be usable afterwards with its heap back under the limit.
fn bounded_by_heap(src: &str) {
    let mut cx = support::context(32 * MIB);
    let start = Instant::now();
    // Inside a function, so that what the bomb allocated is garbage once it stops.
    let r = eval(&mut cx, &format!("(function () {{ {src} }})()"));
    assert!(
        r == Err(RunError::HeapLimit) || is_thrown(&r, "RangeError"),
        "source: {src}\nresult: {r:?} after {:?}",
        start.elapsed()
    );
    // No explicit collection first: the context must clean up after the stop by itself.
    assert_usable(&mut cx);
    cx.collect_garbage();
    assert!(cx.heap_used() < MIB, "heap still holds {}", cx.heap_used());
}

/// One test per memory bomb.
macro_rules! memory_bomb {
    ($($(#[$m:meta])* $name:ident: $src:expr;)*) => {$(
        $(#[$m])*
        #[test]
        fn $name() {
            bounded_by_heap($src);
        }
    )*};
}

memory_bomb! {
    /// Threat: one huge string requested at once.
    huge_repeat: "return 'x'.repeat(2 ** 30)";
    /// Threat: a string doubled by concatenation until it is huge.
    string_doubling: "var s = 'x'; for (;;) s += s;";
    /// Threat: doubling through String.prototype.concat.
    string_concat_doubling: "var s = 'x'; for (;;) s = s.concat(s);";
    /// Threat: huge padding.
    huge_pad_start: "return 'x'.padStart(2 ** 30)";
    /// Threat: filling a huge array (a native loop over a length).
    huge_fill: "return new Array(1e9).fill(0)";
    /// Threat: joining a huge sparse array (a native loop building a huge string).
    huge_join: "return new Array(2 ** 32 - 1).join('x')";
    /// Threat: an array grown one object at a time.
    push_loop: "var a = []; for (;;) a.push({});";
    /// Threat: an array grown by index assignment.
    index_store_loop: "var a = []; for (var i = 0; ; i++) a[i] = [i];";
    /// Threat: an object grown one property at a time (dictionary mode).
    property_loop: "var o = {}; for (var i = 0; ; i++) o['k' + i] = i;";
    /// Threat: a bomb inside toJSON.
    bomb_in_to_json: "return JSON.stringify({ toJSON() { var a = []; for (;;) a.push({}) } })";
    /// Threat: a bomb inside Array.from's mapper, a callback still nested on the Rust stack.
    bomb_in_nested_native_callback:
        "return Array.from([0], function () { var a = []; for (;;) a.push({}) })";
    /// Threat: Object.groupBy collecting an endless iterator (its lists live outside the heap
    /// and must be charged).
    group_by_endless_iterator:
        "return Object.groupBy({ [Symbol.iterator]() { return { next() { return { done: false } } } } },
                              function () { return 'k' })";
    /// Threat: an array doubled by concat.
    array_concat_doubling: "var a = [1]; for (;;) a = a.concat(a);";
    /// Threat: JSON.stringify of a small DAG whose text is exponentially large.
    stringify_exponential:
        "var x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]; for (var i = 0; i < 40; i++) x = [x, x];
         return JSON.stringify(x)";
    /// Threat: Array.prototype.join (through toString) of the same DAG.
    join_exponential:
        "var x = ['xxxxxxxxxx']; for (var i = 0; i < 40; i++) x = [x, x]; return '' + x";
    /// Threat: Array.from with a huge length.
    array_from_huge_length: "return Array.from({ length: 1e9 })";
    /// Threat: spreading a huge iterator into an array.
    spread_endless_iterator:
        "var it = { [Symbol.iterator]() { return { next() { return { value: {}, done: false } } } } };
         return [...it]";
}

/// Threat: unbounded recursion through toJSON (JSON.stringify runs it in VM frames): the frame
/// limit makes it a RangeError.
#[test]
fn deep_to_json_nesting_is_a_range_error() {
    deep_range_error("function f() { return JSON.stringify({ toJSON() { return f() } }) } f()");
}

/// Threat: a callback still nested on the Rust stack (Array.from's mapper) recursing without
/// bound: the nesting limit must make it a RangeError before the Rust stack overflows.
#[test]
fn deep_nested_native_callback_is_a_range_error() {
    deep_range_error("function f() { return Array.from([0], function () { return f() }) } f()");
}

/// Runs `src` on a 2 MiB stack and expects a RangeError, the context usable afterwards.
fn deep_range_error(src: &'static str) {
    let r = on_small_stack(move || {
        let mut cx = support::default_context();
        let r = eval(&mut cx, src);
        assert_usable(&mut cx);
        r
    });
    assert!(is_thrown(&r, "RangeError"), "{r:?}");
}

/// Threat: fresh property names made and deleted in a loop. The key interner must not keep
/// them, so half a million (about 30 MB of keys if kept) fit in an 8 MiB heap.
#[test]
fn property_name_churn_stays_bounded() {
    let mut cx = support::context(8 * MIB);
    let r = eval(
        &mut cx,
        "var o = {}; for (var i = 0; i < 5e5; i++) { o['some key ' + i] = 1; delete o['some key ' + i] }
         Object.keys(o).length",
    );
    assert_eq!(r, Ok(HostValue::Number(0.0)));
    assert!(cx.heap_peak() <= 8 * MIB, "peak {}", cx.heap_peak());
}

/// Threat: unbounded JS recursion overflowing the Rust stack. It must be a RangeError, also on a
/// thread with a 2 MiB stack.
#[test]
fn deep_recursion_is_a_range_error() {
    let r = on_small_stack(|| {
        let mut cx = support::default_context();
        let r = eval(&mut cx, "function f() { f() } f()");
        assert_usable(&mut cx);
        r
    });
    assert!(is_thrown(&r, "RangeError"), "{r:?}");
}

/// Threat: a script that catches the RangeError of a stack overflow and goes on; it must be an
/// ordinary, catchable RangeError of the context's realm.
#[test]
fn deep_recursion_error_is_catchable() {
    let r = on_small_stack(|| {
        let mut cx = support::default_context();
        eval(
            &mut cx,
            "function f() { f() }
             var caught; try { f() } catch (e) { caught = e instanceof RangeError }
             caught",
        )
    });
    assert_eq!(r, Ok(HostValue::Bool(true)));
}

/// Threat: deep recursion through accessors and conversions instead of direct calls.
#[test]
fn recursion_through_getters_and_conversions() {
    let results = on_small_stack(|| {
        let mut cx = support::default_context();
        [
            "var o = { get x() { return this.x } }; o.x",
            "var o = { set x(v) { this.x = v } }; o.x = 1",
            "var o = { valueOf() { return +o } }; +o",
            "var o = { toString() { return `${o}` } }; `${o}`",
            "var C = class { constructor() { new C() } }; new C()",
            "var F = () => {}; Object.defineProperty(F, 'prototype', { get() { return ({}) instanceof F } });
             ({}) instanceof F",
            "var H = { get [Symbol.hasInstance]() { return ({}) instanceof H } }; ({}) instanceof H",
            "var o = { get a() { return { ...o } } }; ({ ...o })",
            "var B = function () {}.bind();
             Object.defineProperty(B, 'prototype', { get() { class C extends B {} } });
             class D extends B {}",
            "var it = { [Symbol.iterator]() { return this }, get next() { for (var x of it) {} } };
             for (var y of it) {}",
            "var s = { x: 1, get [Symbol.unscopables]() { with (s) { x } } }; with (s) { x }",
        ]
        .map(|src| (src, eval(&mut cx, src)))
    });
    for (src, r) in results {
        assert!(is_thrown(&r, "RangeError"), "{src}: {r:?}");
    }
}

/// Threat: unbounded recursion through the `return` getter of iterators closed by a throw.
/// Each level's IteratorClose drops the RangeError of the level above (the throw completion
/// being closed wins), so the outermost throw comes out, on a 2 MiB stack.
#[test]
fn recursion_through_quiet_iterator_close() {
    let r = on_small_stack(|| {
        let mut cx = support::default_context();
        let r = eval(
            &mut cx,
            "var it = { [Symbol.iterator]() { return this }, next() { return { done: false } },
                        get return() { for (var x of it) throw 0 } };
             for (var y of it) throw 1",
        );
        assert_usable(&mut cx);
        r
    });
    assert_eq!(r, Err(RunError::Thrown("1".to_string())));
}

/// Threat: recursion that alternates between natives and JS (a native calling back into JS on
/// the Rust stack); the depth limit must cover it before the 2 MiB stack overflows.
#[test]
fn recursion_through_native_callbacks() {
    support::isolated("recursion_through_native_callbacks", || {
        let mut cx = support::default_context();
        for src in [
            "var o = { toJSON() { return JSON.stringify(o) } }; JSON.stringify(o)",
            "function r() { return JSON.parse('[1]', r) } r()",
            "function c(a, b) { [2, 1].sort(c); return a - b } [2, 1].sort(c)",
            "function f() { [1].forEach(f) } f()",
            "function m() { return [1].map(m) } m()",
            "var o = { toString() { return [o].join() } }; '' + o",
            "function g() { return Function('return g()')() } g()",
            "function h() { return 'a'.replace('a', h) } h()",
        ] {
            let r = eval(&mut cx, src);
            assert!(is_thrown(&r, "RangeError"), "{src}: {r:?}");
            assert_usable(&mut cx);
        }
    });
}

/// Threat: an array containing itself joined (the spec recurses forever; engines stop): it must
/// end as a value or a RangeError, never a crash.
#[test]
fn self_containing_array_to_string() {
    support::isolated("self_containing_array_to_string", || {
        let mut cx = support::default_context();
        let r = eval(&mut cx, "var a = [1]; a.push(a); '' + a");
        assert!(
            matches!(r, Ok(HostValue::String(_))) || is_thrown(&r, "RangeError"),
            "{r:?}"
        );
    });
}

/// Threat: a heap filled with live data (held by a global) must keep reporting `HeapLimit` to
/// the host, not some other error, for every later evaluation.
#[test]
fn full_heap_reports_heap_limit() {
    let mut cx = support::context(32 * MIB);
    let r = eval(&mut cx, "var keep = []; for (;;) keep.push({});");
    assert_eq!(r, Err(RunError::HeapLimit));
    let next = eval(&mut cx, "1 + 1");
    assert!(
        next == Err(RunError::HeapLimit) || next == Ok(HostValue::Number(2.0)),
        "{next:?}"
    );
}

/// Threat: a native allocation refused for the budget (not a limit hit between slices) leaving
/// its garbage behind, so that the context refuses all later work.
#[test]
fn refused_native_allocation_leaves_context_usable() {
    let mut cx = support::context(32 * MIB);
    let r = eval(&mut cx, "new Array(1e9).fill(0)");
    assert!(
        r == Err(RunError::HeapLimit) || is_thrown(&r, "RangeError"),
        "{r:?}"
    );
    assert_usable(&mut cx);
}
