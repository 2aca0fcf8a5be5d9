//! Observable order of the operations whose getters and calls run in the interpreter's frames:
//! CopyDataProperties, InstanceofOperator, ClassDefinitionEvaluation's heritage, GetIterator's
//! `next`, IteratorClose on a throw completion, and name resolution through `with` objects.

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

/// CopyDataProperties: the keys are taken once, then each key's [[GetOwnProperty]] happens at
/// its turn, after the getters of the earlier keys.
#[test]
fn object_spread_sees_changes_made_by_earlier_getters() {
    let src = "var src = { a: 1, get b() { delete this.c; this.e = 5;
                 Object.defineProperty(this, 'd', { enumerable: false }); return 2 }, c: 3, d: 4 };
               var o = { ...src }; Object.keys(o).join() + ':' + o.b";
    assert_eq!(run(src), s("a,b:2"));
}

#[test]
fn object_spread_reads_getters_in_key_order_with_the_source_as_this() {
    let src = "var log = [], sym = Symbol('s');
               var src = { get b() { log.push('b', this === src); }, 1: 0,
                           get [sym]() { log.push('sym'); }, get a() { log.push('a'); } };
               ({ ...src }); log.join()";
    assert_eq!(run(src), s("b,true,a,sym"));
}

#[test]
fn object_rest_skips_excluded_keys_without_reading_them() {
    let src = "var log = [];
               var { a, ['b']: b, ...r } = { get a() { log.push('a'); return 1 },
                 get b() { log.push('b'); return 2 }, get c() { log.push('c'); return 3 } };
               log.join() + ':' + JSON.stringify(r)";
    assert_eq!(run(src), s("a,b,c:{\"c\":3}"));
}

#[test]
fn object_spread_getter_throw_stops_the_copy() {
    let src = "var log = [];
               try { ({ ...{ get a() { throw 'x' }, get b() { log.push('b') } } }) }
               catch (e) { log.push(e) } log.join()";
    assert_eq!(run(src), s("x"));
}

/// InstanceofOperator: GetMethod(@@hasInstance) through a getter, then the call with the
/// constructor as `this`, its result converted by ToBoolean.
#[test]
fn instanceof_calls_the_has_instance_getter_then_the_method() {
    let src = "var log = [];
               var C = { get [Symbol.hasInstance]() { log.push('get');
                 return function (v) { log.push('call', this === C, v); return 'yes' } } };
               var r = 7 instanceof C; log.push(r); log.join()";
    assert_eq!(run(src), s("get,call,true,7,true"));
}

#[test]
fn instanceof_rejects_a_non_callable_has_instance() {
    let src =
        "try { ({}) instanceof { [Symbol.hasInstance]: 1 } } catch (e) { e.constructor.name }";
    assert_eq!(run(src), s("TypeError"));
    let src = "try { ({}) instanceof {} } catch (e) { e.constructor.name }";
    assert_eq!(run(src), s("TypeError"));
}

/// OrdinaryHasInstance: a primitive is never an instance (the `prototype` getter does not
/// run); an object reads `prototype` once, and a non-object one is a TypeError.
#[test]
fn ordinary_has_instance_reads_prototype_only_for_objects() {
    let src = "var n = 0, F = () => {};
               Object.defineProperty(F, 'prototype', { get() { n++; return Array.prototype } });
               [1 instanceof F, n, [] instanceof F, n, ({}) instanceof F, n].join()";
    assert_eq!(run(src), s("false,0,true,1,false,2"));
    let src = "var F = () => {}; Object.defineProperty(F, 'prototype', { value: 1 });
               try { ({}) instanceof F } catch (e) { e.constructor.name }";
    assert_eq!(run(src), s("TypeError"));
}

/// OrdinaryHasInstance step 2: a bound function defers to InstanceofOperator on its target,
/// which consults the target's own `@@hasInstance`.
#[test]
fn bound_function_defers_to_its_targets_has_instance() {
    let src = "var log = [];
               function T() {}
               Object.defineProperty(T, Symbol.hasInstance, { value(v) { log.push('target', v); return true } });
               var B = T.bind(null);
               var r = 3 instanceof B; log.push(r);
               log.push(Function.prototype[Symbol.hasInstance].call(B, 4)); log.join()";
    assert_eq!(run(src), s("target,3,true,target,4,true"));
}

/// ClassDefinitionEvaluation: the superclass's `prototype` is read (step 8.g) before any
/// computed key of the class body is evaluated; a non-object, non-null one is a TypeError.
#[test]
fn class_heritage_prototype_is_read_before_computed_keys() {
    let src = "var log = [], B = function () {}.bind();
               Object.defineProperty(B, 'prototype', { get() { log.push('proto', this === B); return null } });
               class C extends B { [(log.push('key'), 'm')]() {} }
               log.push(Object.getPrototypeOf(C.prototype)); log.join()";
    assert_eq!(run(src), s("proto,true,key,"));
    let src = "var B = function () {}.bind();
               Object.defineProperty(B, 'prototype', { get() { return 1 } });
               try { class C extends B {} } catch (e) { e.constructor.name }";
    assert_eq!(run(src), s("TypeError"));
}

/// GetIterator: `next` is read once, after the `@@iterator` call and before the first step.
#[test]
fn get_iterator_reads_next_once_through_its_getter() {
    let src = "var log = [], n = 0;
               var it = { [Symbol.iterator]() { log.push('iter'); return this },
                          get next() { log.push('get next');
                            return function () { log.push('next'); return { done: n++ > 1, value: n } } } };
               for (var x of it) log.push(x);
               // Done at once: `b` does not call `next` again.
               var [a, b] = it; log.join()";
    assert_eq!(
        run(src),
        s("iter,get next,next,1,next,2,next,iter,get next,next")
    );
}

/// IteratorClose with a throw completion: `return` is read (through its getter) and called,
/// and its throw, its result and a non-callable `return` are all ignored for the original
/// throw.
#[test]
fn throw_completion_closes_quietly_and_keeps_the_original_throw() {
    let src = "var log = [];
               function iter(ret) { return { [Symbol.iterator]() { return this },
                 next() { return { done: false } }, get return() { log.push('get'); return ret } } }
               for (var ret of [function () { log.push('call'); throw 'inner' },
                                function () { log.push('call'); return 1 }, 5, null]) {
                 try { for (var x of iter(ret)) throw 'outer' } catch (e) { log.push(e) }
               }
               log.join()";
    assert_eq!(
        run(src),
        s("get,call,outer,get,call,outer,get,outer,get,outer")
    );
    let src = "var log = [];
               var it = { [Symbol.iterator]() { return this }, next() { return { done: false } },
                          get return() { log.push('get'); throw 'getter' } };
               try { var [{ x }] = it } catch (e) { log.push(e.constructor.name) } log.join()";
    assert_eq!(run(src), s("get,TypeError"));
}

/// HasBinding of a `with` object environment: HasProperty, Get(@@unscopables), then the
/// name's value on it, for each resolution; the binding's own getter or setter after that.
#[test]
fn with_resolution_reads_unscopables_in_order() {
    let src = "var log = [], x = 'outer';
               var unscopables = { get x() { log.push('u.x'); return false } };
               var scope = { get x() { log.push('get x'); return 1 }, set x(v) { log.push('set x ' + v) },
                             get [Symbol.unscopables]() { log.push('@@u'); return unscopables } };
               with (scope) { log.push(x); x = 2; log.push(typeof x); x += 3; log.push(delete x) }
               log.push(x); log.join()";
    assert_eq!(
        run(src),
        s("@@u,u.x,get x,1,@@u,u.x,set x 2,@@u,u.x,get x,number,@@u,u.x,get x,set x 4,@@u,u.x,true,outer")
    );
}

#[test]
fn with_unscopables_can_hide_a_binding() {
    let src = "var log = [], x = 'outer';
               var scope = { x: 'inner', get [Symbol.unscopables]() { log.push('@@u'); return { x: 1 } } };
               with (scope) { log.push(x); x = 'set'; f() }
               function f() {}
               log.push(x, scope.x); log.join()";
    assert_eq!(run(src), s("@@u,outer,@@u,set,inner"));
}

/// A name called as a function through a `with` object gets the object as `this`, also when
/// `@@unscopables` is a getter.
#[test]
fn with_call_gets_the_binding_object_as_this() {
    let src = "var scope = { f() { return this === scope }, get [Symbol.unscopables]() { return undefined } };
               with (scope) { f() }";
    assert_eq!(run(src), HostValue::Bool(true));
}

/// A throw from an `@@unscopables` getter propagates from the name's evaluation.
#[test]
fn with_unscopables_getter_throw_propagates() {
    let src = "var scope = { x: 1, get [Symbol.unscopables]() { throw new RangeError('u') } };
               try { with (scope) { x } } catch (e) { e.message }";
    assert_eq!(run(src), s("u"));
}

/// `this` and `new.target` in direct eval code are never properties of a `with` object
/// (ResolveThisBinding passes object environments by), and looking them up runs nothing.
#[test]
fn with_object_does_not_capture_this_or_new_target_of_eval() {
    let src = "var log = [], recv = {};
               var scope = { this: 5, 'new.target': 6,
                             get [Symbol.unscopables]() { log.push('u'); return undefined } };
               function f() { with (scope) { return [eval('this') === recv, eval('new.target')] } }
               var r = f.call(recv);
               [r[0], r[1], log.length].join()";
    assert_eq!(run(src), s("true,,0"));
    let src =
        "var ok; function G() { with ({ 'new.target': 1 }) { ok = eval('new.target') === G } }
               new G(); ok";
    assert_eq!(run(src), HostValue::Bool(true));
}
