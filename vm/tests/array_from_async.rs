//! `Array.fromAsync` through the public API: a script records what happens in a global `log`,
//! the job queue drains after it, and a second evaluation reads the log.
use moat_vm::{Context, ContextOptions, HostValue};

/// Run `src`, drain the jobs, then return `String(log)`.
fn run_log(src: &str) -> String {
    let mut cx = Context::new(ContextOptions::default());
    if let Err(e) = cx.eval_script(&format!("var log = [];\n{src}"), "t.js") {
        panic!("{src}: {e}");
    }
    match cx.eval_script("log.join()", "read.js") {
        Ok(HostValue::String(s)) => s,
        other => panic!("{src}: {other:?}"),
    }
}

#[test]
fn property_shape() {
    assert_eq!(
        run_log(
            "log.push(typeof Array.fromAsync, Array.fromAsync.length, Array.fromAsync.name);
             const d = Object.getOwnPropertyDescriptor(Array, 'fromAsync');
             log.push(d.writable, d.enumerable, d.configurable);
             log.push(Array.fromAsync([]) instanceof Promise);"
        ),
        "function,1,fromAsync,true,false,true,true"
    );
}

#[test]
fn sync_iterable_array_like_and_async_iterable() {
    assert_eq!(
        run_log("Array.fromAsync([1, Promise.resolve(2), 3]).then(a => log.push('sync:' + a));"),
        "sync:1,2,3"
    );
    assert_eq!(
        run_log(
            "Array.fromAsync({ length: 2, 0: 'a', 1: Promise.resolve('b') })
               .then(a => log.push('like:' + a + ':' + Array.isArray(a)));"
        ),
        "like:a,b:true"
    );
    assert_eq!(
        run_log(
            "async function* g() { yield 1; yield 2; }
             Array.fromAsync(g(), (v, k) => v * 10 + k).then(a => log.push('async:' + a));"
        ),
        "async:10,21"
    );
}

#[test]
fn mapper_errors_close_the_iterator_and_reject() {
    assert_eq!(
        run_log(
            "const it = { [Symbol.asyncIterator]() { return this; },
               next() { return Promise.resolve({ value: 1, done: false }); },
               return() { log.push('closed'); return {}; } };
             Array.fromAsync(it, () => { throw new RangeError('m'); })
               .catch(e => log.push(e.constructor.name));
             Array.fromAsync([1], 5).catch(e => log.push(e.constructor.name));
             Array.fromAsync(null).catch(e => log.push('null:' + e.constructor.name));"
        ),
        "closed,TypeError,null:TypeError,RangeError"
    );
}

#[test]
fn this_constructor_is_used() {
    assert_eq!(
        run_log(
            "function C(...args) { log.push('new:' + args.length); }
             Array.fromAsync.call(C, { length: 1, 0: 'x' })
               .then(a => log.push((a instanceof C) + ':' + a.length + ':' + a[0]));
             Array.fromAsync.call(C, ['y'])
               .then(a => log.push((a instanceof C) + ':' + a.length + ':' + a[0]));"
        ),
        "new:1,new:0,true:1:x,true:1:y"
    );
}
