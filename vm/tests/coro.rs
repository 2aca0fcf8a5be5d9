//! Generators, promises, async functions and async generators through the public API: a script
//! records what happens in a global `log`, the job queue drains after it, and a second
//! evaluation reads the log.
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
fn generator_protocol() {
    assert_eq!(
        run_log(
            "function* g(a) { const b = yield a + 1; log.push('b' + b); yield b * 2; return 'end'; }
             const it = g(1);
             for (const r of [it.next('ignored'), it.next(5), it.next(), it.next()])
               log.push(r.value + ':' + r.done);"
        ),
        "b5,2:false,10:false,end:true,undefined:true"
    );
}

#[test]
fn generator_return_runs_finally_and_throw_is_catchable() {
    assert_eq!(
        run_log(
            "function* g() { try { yield 1; yield 2; } finally { log.push('fin'); } }
             const it = g(); it.next();
             const r = it.return(7); log.push(r.value + ':' + r.done);
             function* h() { try { yield 1; } catch (e) { log.push('caught ' + e); yield 9; } }
             const j = h(); j.next(); log.push(j.throw('x').value);
             const k = h(); try { k.throw('early'); } catch (e) { log.push('start ' + e); }
             log.push(k.next().done);"
        ),
        "fin,7:true,caught x,9,start early,true"
    );
}

#[test]
fn generator_already_running_and_spread() {
    assert_eq!(
        run_log(
            "let it; function* g() { try { it.next(); } catch (e) { log.push(e instanceof TypeError); } yield 1; }
             it = g(); it.next();
             function* n() { yield 1; yield 2; yield 3; }
             log.push([...n()].join('-'));
             const [a, , c] = n(); log.push(a + c);"
        ),
        "true,1-2-3,4"
    );
}

#[test]
fn yield_star_delegates() {
    assert_eq!(
        run_log(
            "function* inner() { const x = yield 1; log.push('in ' + x); return 'r'; }
             function* outer() { const v = yield* inner(); log.push('v ' + v); yield* [7, 8]; }
             const it = outer();
             log.push(it.next().value); log.push(it.next('s').value); log.push(it.next().value);
             log.push(it.next().done);"
        ),
        "1,in s,v r,7,8,true"
    );
}

#[test]
fn generator_prototypes() {
    assert_eq!(
        run_log(
            "function* g() {}
             log.push(g() instanceof g, typeof g().next, typeof g().return, typeof g().throw);
             log.push(g.prototype.next === (function*(){})().next);
             const o = { *m() { yield 3; } }; log.push(o.m().next().value);
             g.prototype = 1; log.push(typeof g().next);"
        ),
        "true,function,function,function,true,3,function"
    );
}

#[test]
fn promise_job_ordering() {
    assert_eq!(
        run_log(
            "log.push('sync1');
             Promise.resolve().then(() => log.push('t1')).then(() => log.push('t3'));
             Promise.resolve().then(() => log.push('t2')).then(() => log.push('t4'));
             new Promise(r => { log.push('exec'); r(); }).then(() => log.push('t2b'));
             log.push('sync2');"
        ),
        "sync1,exec,sync2,t1,t2,t2b,t3,t4"
    );
}

#[test]
fn thenables_take_an_extra_tick() {
    assert_eq!(
        run_log(
            "const thenable = { then(res) { log.push('then called'); res(42); } };
             Promise.resolve(thenable).then(v => log.push('v' + v));
             Promise.resolve().then(() => log.push('a')).then(() => log.push('b'));
             log.push('sync');"
        ),
        "sync,then called,a,v42,b"
    );
}

#[test]
fn promise_rejection_and_catch_finally() {
    assert_eq!(
        run_log(
            "Promise.reject(new Error('bad'))
               .then(() => log.push('no'))
               .catch(e => { log.push(e.message); return 1; })
               .finally(() => log.push('finally'))
               .then(v => log.push('after ' + v));
             new Promise(() => { throw 'thrown'; }).catch(e => log.push(e));"
        ),
        "thrown,bad,finally,after 1"
    );
}

#[test]
fn promise_combinators() {
    assert_eq!(
        run_log(
            "Promise.all([1, Promise.resolve(2), { then(r) { r(3); } }]).then(v => log.push('all ' + v));
             Promise.race([new Promise(() => {}), Promise.resolve('fast')]).then(v => log.push('race ' + v));
             Promise.allSettled([Promise.reject('x'), 1]).then(rs => log.push(rs.map(r => r.status).join('/')));
             Promise.any([Promise.reject(1), Promise.reject(2)]).catch(e => log.push(e.constructor.name + ' ' + e.errors));
             Promise.any([Promise.reject(1), Promise.resolve(5)]).then(v => log.push('any ' + v));
             const w = Promise.withResolvers(); w.promise.then(v => log.push('wr ' + v)); w.resolve('ok');"
        ),
        "wr ok,race fast,rejected/fulfilled,AggregateError 1,2,any 5,all 1,2,3"
    );
}

#[test]
fn async_await_ordering() {
    assert_eq!(
        run_log(
            "async function f() { log.push('f start'); await null; log.push('f after await'); return 'fv'; }
             async function g() { try { await Promise.reject('E'); } catch (e) { log.push('g caught ' + e); } }
             f().then(v => log.push('f resolved ' + v));
             g();
             Promise.resolve().then(() => log.push('p1'));
             log.push('sync');"
        ),
        "f start,sync,f after await,g caught E,p1,f resolved fv"
    );
}

#[test]
fn async_arrows_methods_and_rejections() {
    assert_eq!(
        run_log(
            "const a = async x => (await x) * 2;
             const o = { async m() { throw new TypeError('m'); } };
             class C { async k() { return await a(4); } }
             a(Promise.resolve(3)).then(v => log.push(v));
             o.m().catch(e => log.push(e.name));
             new C().k().then(v => log.push('k' + v));
             log.push(a.prototype === undefined);"
        ),
        "true,TypeError,6,k8"
    );
}

#[test]
fn async_generators_and_for_await() {
    assert_eq!(
        run_log(
            "async function* ag() { yield 1; const x = yield await Promise.resolve(2); log.push('x ' + x); yield 3; }
             (async () => {
               for await (const v of ag()) log.push('v' + v);
               for await (const v of [Promise.resolve('a'), 'b']) log.push(v);
               const it = ag();
               const [r1, r2] = await Promise.all([it.next(), it.next()]);
               log.push(r1.value + '' + r2.value);
               log.push(JSON.stringify(await it.return('R')));
               log.push(JSON.stringify(await it.next()));
             })().catch(e => log.push('error ' + e));"
        ),
        "v1,v2,x undefined,v3,a,b,12,{\"value\":\"R\",\"done\":true},{\"done\":true}"
    );
}

#[test]
fn for_await_break_closes_the_iterator() {
    assert_eq!(
        run_log(
            "async function* ag() { try { yield 1; yield 2; } finally { log.push('closed'); } }
             (async () => { for await (const v of ag()) { log.push(v); break; } log.push('after'); })();
             function* sync() { try { yield 1; } finally { log.push('sync return'); } }
             (async () => { for await (const v of sync()) break; })();"
        ),
        "1,sync return,closed,after"
    );
}

#[test]
fn many_generators_do_not_grow_the_heap() {
    let mut cx = Context::new(ContextOptions::default());
    cx.eval_script(
        "function* g() { let i = 0; while (true) yield i++; }",
        "g.js",
    )
    .expect("setup");
    cx.eval_script("for (let k = 0; k < 1000; k++) { const it = g(); for (let j = 0; j < 100; j++) it.next(); }", "warm.js")
        .expect("warm");
    cx.collect_garbage();
    let base = cx.heap_used();
    let r = cx.eval_script(
        "let s = 0; for (let k = 0; k < 100000; k++) { const it = g(); for (let j = 0; j < 100; j++) s += it.next().value; } s",
        "many.js",
    );
    assert_eq!(r, Ok(HostValue::Number(100_000.0 * 4950.0)));
    cx.collect_garbage();
    let after = cx.heap_used();
    assert!(after < base + (1 << 20), "heap grew from {base} to {after}");
    assert!(cx.heap_peak() < 64 << 20, "peak {}", cx.heap_peak());
}

#[test]
fn awaiting_in_a_loop_under_a_small_heap() {
    let mut cx = Context::new(ContextOptions {
        heap_limit: 32 << 20,
        ..ContextOptions::default()
    });
    cx.eval_script(
        "var done = 0;
         (async () => { for (let i = 0; i < 200000; i++) { const o = { i, a: [i, i] }; await o; } done = 1; })();",
        "loop.js",
    )
    .expect("run");
    assert_eq!(cx.eval_script("done", "r.js"), Ok(HostValue::Number(1.0)));
}

#[test]
fn interleaved_ordering_matches_a_reference_engine() {
    // The expected order was produced by node 20 on the same script.
    assert_eq!(
        run_log(
            "async function* ag() { yield 1; const x = yield await Promise.resolve(2); log.push('x ' + x); yield 3; }
             (async () => {
               for await (const v of ag()) log.push('v' + v);
               for await (const v of [Promise.resolve('a'), 'b']) log.push(v);
               const it = ag();
               const [r1, r2] = await Promise.all([it.next(), it.next()]);
               log.push(r1.value + '' + r2.value);
               log.push(JSON.stringify(await it.return('R')));
               log.push(JSON.stringify(await it.next()));
             })().catch(e => log.push('error ' + e));
             async function f() { log.push('f start'); await null; log.push('f after await'); return 'fv'; }
             async function g() { try { await Promise.reject('E'); } catch (e) { log.push('g caught ' + e); } }
             f().then(v => log.push('f resolved ' + v));
             g();
             Promise.resolve().then(() => log.push('p1'));
             log.push('sync');"
        ),
        "f start,sync,f after await,g caught E,p1,v1,f resolved fv,v2,x undefined,v3,a,b,12,{\"value\":\"R\",\"done\":true},{\"done\":true}"
    );
}
