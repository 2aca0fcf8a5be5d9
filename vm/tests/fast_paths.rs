//! The interpreter's fast paths must be invisible: inline caches under shape changes,
//! prototype mutation and accessors, the one-walk [[Set]], calls with arguments taken from
//! registers, operands read from locals' registers, in-place updates and ToUint32.
//!
//! Each test warms a site up in a loop, then changes what the cache remembered and checks that
//! the next access sees the change.

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

#[test]
fn get_cache_sees_own_property_changes() {
    let src = r#"
        function read(o) { return o.x; }
        var o = { x: 1, y: 2 };
        var out = [];
        for (var i = 0; i < 5; i++) read(o);
        o.x = 7; out.push(read(o));
        delete o.y; out.push(read(o));
        delete o.x; out.push(read(o));
        o.x = 3; out.push(read(o));
        Object.defineProperty(o, 'x', { get() { return 'getter'; } });
        out.push(read(o));
        var p = { x: 'other shape', z: 1 };
        out.push(read(p));
        out.join();
    "#;
    assert_eq!(string(src), "7,7,,3,getter,other shape");
}

#[test]
fn data_property_turned_accessor_with_same_attributes_is_seen() {
    // Attributes stay enumerable+configurable (non-writable data vs accessor): the shape may stay
    // the same while the slot holds an accessor now.
    let src = r#"
        function read(o) { return o.x; }
        var o = {};
        Object.defineProperty(o, 'x', { value: 1, writable: false, enumerable: true, configurable: true });
        for (var i = 0; i < 5; i++) read(o);
        Object.defineProperty(o, 'x', { get() { return 'g'; }, enumerable: true, configurable: true });
        String(read(o));
    "#;
    assert_eq!(string(src), "g");
}

#[test]
fn prototype_caches_see_mutation_of_the_chain() {
    let src = r#"
        function call(o) { return o.m(); }
        function A() {}
        A.prototype.m = function () { return 'A'; };
        function B() {}
        B.prototype.m = function () { return 'B'; };
        var o = new A();
        var out = [];
        for (var i = 0; i < 5; i++) call(o);
        A.prototype.m = function () { return 'A2'; }; out.push(call(o));
        Object.setPrototypeOf(o, B.prototype); out.push(call(o));
        o.m = function () { return 'own'; }; out.push(call(o));
        delete o.m; out.push(call(o));
        Object.defineProperty(B.prototype, 'm', { get() { return () => 'via getter'; } });
        out.push(call(o));
        out.join();
    "#;
    assert_eq!(string(src), "A2,B,own,B,via getter");
}

#[test]
fn two_level_caches_see_overrides_in_the_middle() {
    let src = r#"
        class Base { m() { return 'base'; } }
        class Mid extends Base {}
        class Leaf extends Mid {}
        function call(o) { return o.m(); }
        var o = new Leaf();
        var out = [];
        for (var i = 0; i < 5; i++) out.push(call(o));
        Mid.prototype.m = function () { return 'mid'; };
        out.push(call(o));
        Object.setPrototypeOf(Mid.prototype, { m() { return 'swapped'; } });
        delete Mid.prototype.m;
        out.push(call(o));
        out.slice(4).join();
    "#;
    assert_eq!(string(src), "base,mid,swapped");
}

#[test]
fn set_cache_respects_freeze_and_attribute_changes() {
    let src = r#"
        function put(o, v) { o.x = v; }
        function putStrict(o, v) { 'use strict'; o.x = v; }
        var o = { x: 0 };
        for (var i = 0; i < 5; i++) { put(o, i); putStrict(o, i); }
        var out = [o.x];
        Object.freeze(o);
        put(o, 'sloppy'); out.push(o.x);
        try { putStrict(o, 'strict'); out.push('no throw'); } catch (e) { out.push(e.constructor.name); }
        var p = { x: 0 };
        for (var j = 0; j < 5; j++) put(p, j);
        Object.defineProperty(p, 'x', { writable: false });
        put(p, 'after'); out.push(p.x);
        out.join();
    "#;
    assert_eq!(string(src), "4,4,TypeError,4");
}

#[test]
fn one_walk_set_follows_ordinary_set() {
    let src = r#"
        var log = [];
        var proto = { set s(v) { log.push('setter ' + v); } };
        Object.defineProperty(proto, 'ro', { value: 'fixed', writable: false });
        var o = Object.create(proto);
        o.s = 1;
        o.ro = 2;
        log.push(Object.keys(o).length, o.ro);
        var sealed = Object.preventExtensions({ a: 1 });
        sealed.a = 2; sealed.b = 3;
        log.push(sealed.a, String(sealed.b));
        var shadow = Object.create({ w: 'proto' });
        shadow.w = 'own';
        log.push(shadow.w, Object.getPrototypeOf(shadow).w);
        (function () { 'use strict'; try { o.ro = 3; } catch (e) { log.push(e.constructor.name); } })();
        log.join();
    "#;
    assert_eq!(
        string(src),
        "setter 1,0,fixed,2,undefined,own,proto,TypeError"
    );
}

#[test]
fn calls_with_arguments_in_registers() {
    let src = r#"
        function count() { return arguments.length + ':' + Array.prototype.join.call(arguments, '-'); }
        function rest(a, ...r) { return a + '|' + r.join('-'); }
        function two(a, b) { return String(a) + String(b); }
        function dflt(a, b = a + 1) { return a + b; }
        var out = [];
        for (var i = 0; i < 3; i++) {
            out.push(count(1, 2, 3), rest(1, 2, 3), two(1), two(1, 2, 3), dflt(1));
        }
        out.slice(0, 5).join(' ');
    "#;
    assert_eq!(string(src), "3:1-2-3 1|2-3 1undefined 12 3");
}

#[test]
fn operands_read_from_locals_keep_evaluation_order() {
    let src = r#"
        function f() {
            var out = [];
            let a = 1;
            out.push(a + (a = 5));
            let o = { m() { return this.tag; }, tag: 'first' };
            let other = { tag: 'second', m() { return 'wrong'; } };
            out.push(o.m((o = other)));
            let k = 'p';
            let t = {};
            t[k] = (k = 'q', 1);
            out.push(Object.keys(t).join());
            let x = [10, 20];
            let i = 0;
            out.push(x[i] + x[(i = 1)]);
            let y = 2;
            out.push(y * (y += 3));
            return out.join();
        }
        f();
    "#;
    assert_eq!(string(src), "6,first,p,30,10");
}

#[test]
fn in_place_updates() {
    let src = r#"
        function f() {
            var out = [];
            let i = 0;
            let j = i++;
            out.push(i, j);
            let s = '5';
            let old = s++;
            out.push(typeof old, old, s);
            let x = 1;
            x = x++;
            out.push(x);
            let n = { valueOf() { out.push('valueOf'); return 41; } };
            ++n;
            out.push(n);
            let m = { valueOf() { out.push('once'); return 1; } };
            m++;
            out.push(m);
            for (let c = '0'; c < 2; c++) out.push(typeof c);
            try { const k = 1; k++; } catch (e) { out.push(e.constructor.name); }
            let b = 10n;
            b++;
            out.push(typeof b);
            return out.join();
        }
        f();
    "#;
    assert_eq!(
        string(src),
        "1,0,number,5,6,1,valueOf,42,once,2,string,number,TypeError,bigint"
    );
}

#[test]
fn to_uint32_and_to_int32() {
    let src = r#"
        [-1 >>> 0, (2 ** 32 + 5) | 0, -0.5 | 0, 1e20 | 0, NaN | 0, Infinity | 0,
         -2147483649 | 0, -1e19 | 0, 2 ** 31 | 0, 4294967295.9 >>> 0, -4294967297 >>> 0].join();
    "#;
    assert_eq!(
        string(src),
        "4294967295,5,0,1661992960,0,0,2147483647,1981284352,-2147483648,4294967295,4294967295"
    );
}

#[test]
fn global_caches_see_deletion_attributes_and_accessors() {
    let src = r#"
        var g = 1;
        globalThis.h = 'h';
        function read() { return typeof g === 'undefined' ? 'none' : g; }
        function readH() { return h; }
        function write(v) { g = v; }
        function writeStrict(v) { 'use strict'; g = v; }
        var out = [];
        for (var i = 0; i < 5; i++) { read(); readH(); write(i); }
        out.push(read());
        delete globalThis.h;
        try { readH(); out.push('no error'); } catch (e) { out.push(e.name); }
        globalThis.h = 'again'; out.push(readH());
        Object.defineProperty(globalThis, 'g', { writable: false });
        write(9); out.push(read());
        try { writeStrict(9); out.push('no error'); } catch (e) { out.push(e.name); }
        Object.defineProperty(globalThis, 'h', { get() { return 'getter'; }, configurable: true });
        out.push(readH());
        var log = [];
        Object.defineProperty(globalThis, 'k', { value: 0, writable: true, configurable: true });
        function writeK(v) { k = v; }
        for (var j = 0; j < 5; j++) writeK(j);
        Object.defineProperty(globalThis, 'k', { set(v) { log.push(v); }, configurable: true });
        writeK('set'); out.push(log.join());
        out.join();
    "#;
    assert_eq!(string(src), "4,ReferenceError,again,4,TypeError,getter,set");
}

#[test]
fn global_caches_see_a_later_lexical_declaration() {
    let mut cx = Context::new(ContextOptions::default());
    let first = r#"
        globalThis.x = 'property';
        function read() { return x; }
        function write(v) { x = v; }
        for (var i = 0; i < 5; i++) { read(); write('property'); }
        read();
    "#;
    assert!(matches!(cx.eval_script(first, "a.js"), Ok(HostValue::String(s)) if s == "property"));
    let second = r#"
        let x = 'lexical';
        var before = read();
        write('written');
        before + ',' + read() + ',' + globalThis.x;
    "#;
    match cx.eval_script(second, "b.js") {
        Ok(HostValue::String(s)) => assert_eq!(s, "lexical,written,property"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn global_caches_are_per_realm() {
    // The same source text evaluated in two realms (the code may be shared): each run must read
    // and write its own realm's global.
    let mut cx = Context::new(ContextOptions::default());
    cx.install_262();
    let src = r#"
        var other = $262.createRealm();
        var text = 'var v = (typeof v === "number" ? v : 0) + 1; v;';
        var out = [];
        for (var i = 0; i < 3; i++) {
            out.push($262.evalScript(text));
            out.push(other.evalScript(text));
        }
        other.evalScript('v = 10');
        out.push($262.evalScript(text), other.evalScript(text));
        out.join();
    "#;
    match cx.eval_script(src, "realms.js") {
        Ok(HostValue::String(s)) => assert_eq!(s, "1,1,2,2,3,3,4,11"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn add_cache_sees_extensibility_and_the_prototype_chain() {
    let src = r#"
        function C(v) { this.a = v; this.b = v; }
        var out = [];
        for (var i = 0; i < 5; i++) new C(i);
        // A setter for `b` appears on the prototype.
        var log = [];
        Object.defineProperty(C.prototype, 'b', { set(v) { log.push(v); }, configurable: true });
        var o = new C(1);
        out.push(o.hasOwnProperty('b'), log.join());
        delete C.prototype.b;
        // A read-only `a` further up the chain.
        Object.defineProperty(Object.prototype, 'a', { value: 'ro', writable: false, configurable: true });
        o = new C(2);
        out.push(o.hasOwnProperty('a'), o.a);
        delete Object.prototype.a;
        o = new C(3);
        out.push(o.hasOwnProperty('a'), o.a);
        // Non-extensible receivers are not extended.
        function add(o) { o.z = 1; return o; }
        for (var j = 0; j < 5; j++) add({});
        var sealed = Object.preventExtensions({});
        add(sealed);
        out.push('z' in sealed);
        try { (function () { 'use strict'; var s = Object.preventExtensions({}); s.z = 1; })(); out.push('no error'); }
        catch (e) { out.push(e.name); }
        // Another prototype with the same shape, holding an accessor.
        var proto = { get z() { return 'getter'; } };
        var q = Object.create(proto);
        add(q);
        out.push(q.hasOwnProperty('z'), q.z);
        // A longer chain than the cache checks.
        var deep = Object.create(Object.create(Object.create({})));
        add(deep);
        out.push(deep.z);
        out.join();
    "#;
    assert_eq!(
        string(src),
        "false,1,false,ro,true,3,false,TypeError,false,getter,1"
    );
}
