//! Module tests through the Context API with an in-memory loader: linking and evaluation
//! order, cycles, live bindings and TDZ, namespace objects, top-level await, error caching,
//! JSON modules and `import()`.

use std::collections::HashMap;
use std::rc::Rc;

use super::loader::ModuleLoader;
use crate::host262::PrintSink;
use crate::{Context, ContextOptions, RunError};

/// Modules by name; `./x` and `x` name the same module.
struct MemLoader(HashMap<String, String>);

impl ModuleLoader for MemLoader {
    fn resolve(&self, _referrer: Option<&str>, specifier: &str) -> Result<String, String> {
        Ok(specifier.trim_start_matches("./").to_string())
    }
    fn load(&self, key: &str) -> Result<String, String> {
        self.0
            .get(key)
            .cloned()
            .ok_or_else(|| format!("no module {key}"))
    }
}

fn context(modules: &[(&str, &str)]) -> Context {
    let mut cx = Context::new(ContextOptions::default());
    cx.install_print(PrintSink::Buffer);
    let map = modules
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    cx.set_module_loader(Rc::new(MemLoader(map)));
    cx
}

/// Run module `main` of `modules`; the printed lines, or the error.
fn run(modules: &[(&str, &str)]) -> Result<Vec<String>, RunError> {
    let mut cx = context(modules);
    let r = cx.eval_module("main");
    let out = cx.take_output();
    r.map(|_| out)
}

fn lines(modules: &[(&str, &str)]) -> String {
    match run(modules) {
        Ok(l) => l.join("|"),
        Err(e) => format!("error: {e}"),
    }
}

#[test]
fn dependencies_evaluate_first_in_request_order_and_once() {
    let out = lines(&[
        ("main", "import './a'; import './b'; print('main');"),
        ("a", "import './c'; print('a');"),
        ("b", "import './c'; print('b');"),
        ("c", "print('c');"),
    ]);
    assert_eq!(out, "c|a|b|main");
}

#[test]
fn bindings_are_live_and_shared() {
    let out = lines(&[
        (
            "main",
            "import { n, inc } from './counter'; import * as ns from './counter';
             print(n); inc(); print(n, ns.n);",
        ),
        (
            "counter",
            "export let n = 0; export function inc() { n++; }",
        ),
    ]);
    assert_eq!(out, "0|1 1");
}

#[test]
fn cycles_see_hoisted_functions_and_respect_the_tdz() {
    // `main` is entered first, so `b` runs first: main's hoisted `g` exists, `later` is in
    // its TDZ.
    let out = lines(&[
        (
            "main",
            "import { f } from './b'; export function g() { return 'g'; } export let later = 1; print(f());",
        ),
        (
            "b",
            "import { g, later } from './main';
             export function f() { return 'f'; }
             print(g());
             try { later; } catch (e) { print(e.constructor.name); }",
        ),
    ]);
    assert_eq!(out, "g|ReferenceError|f");
}

#[test]
fn missing_and_ambiguous_exports_are_link_errors() {
    let out = lines(&[
        ("main", "print('never'); import { nope } from './a';"),
        ("a", "export let yes = 1;"),
    ]);
    assert!(out.starts_with("error: Uncaught SyntaxError"), "{out}");
    let out = lines(&[
        ("main", "import { x } from './ab';"),
        ("ab", "export * from './a'; export * from './b';"),
        ("a", "export let x = 1;"),
        ("b", "export let x = 2;"),
    ]);
    assert!(out.starts_with("error: Uncaught SyntaxError"), "{out}");
}

#[test]
fn namespace_objects_behave_as_specified() {
    let out = lines(&[
        (
            "main",
            r#"import * as ns from './m';
            print(Object.keys(ns).join());
            print(Object.getPrototypeOf(ns), Object.isExtensible(ns), ns[Symbol.toStringTag]);
            print(Reflect.set(ns, 'b', 1), Reflect.deleteProperty(ns, 'b'), Reflect.deleteProperty(ns, 'zz'));
            print(Reflect.defineProperty(ns, 'b', { value: 2 }), Reflect.defineProperty(ns, 'b', { value: 'B' }));
            print(Reflect.defineProperty(ns, 'b', { configurable: true }), Reflect.setPrototypeOf(ns, {}), Reflect.setPrototypeOf(ns, null));
            const d = Object.getOwnPropertyDescriptor(ns, 'b');
            print(d.value, d.writable, d.enumerable, d.configurable);
            try { ns.b = 3; } catch (e) { print(e.constructor.name); }
            print('zz' in ns, 'a' in ns, ns.$ === 0);"#,
        ),
        ("m", "export let b = 'B', a = 'A', $ = 0; export default 1;"),
    ]);
    assert_eq!(
        out,
        "$,a,b,default|null false Module|false false true|false true|false false true|B true true false|TypeError|false true true"
    );
}

#[test]
fn reading_an_uninitialized_namespace_binding_throws() {
    let out = lines(&[
        (
            "main",
            "import * as ns from './main'; try { ns.x; } catch (e) { print(e.constructor.name); } export let x = 1; print(ns.x);",
        ),
    ]);
    assert_eq!(out, "ReferenceError|1");
}

/// [[GetOwnProperty]] of a binding in its TDZ throws, so every operation built on it with `?`
/// throws a ReferenceError; [[HasProperty]] and [[Delete]] do not look at the value.
#[test]
fn get_own_property_of_an_uninitialized_binding_throws() {
    let out = lines(&[(
        "main",
        r#"import * as ns from './main';
        const ops = {
            hasOwn: () => Object.hasOwn(ns, 'x'),
            isEnumerable: () => Object.prototype.propertyIsEnumerable.call(ns, 'x'),
            descriptor: () => Reflect.getOwnPropertyDescriptor(ns, 'x'),
            descriptors: () => Object.getOwnPropertyDescriptors(ns),
            entries: () => Object.entries(ns),
            assign: () => Object.assign({}, ns),
            isFrozen: () => Object.isFrozen(ns),
            stringify: () => JSON.stringify(ns),
            define: () => Object.defineProperty(ns, 'x', {}),
            forIn: () => { for (const k in ns) {} },
            lookup: () => Object.prototype.__lookupGetter__.call(ns, 'x'),
            superSet: () => { Reflect.set({}, 'x', 1, ns) },
        };
        const out = [];
        for (const name in ops) {
            try { ops[name](); out.push(name + ':ok'); } catch (e) { out.push(name + ':' + e.constructor.name); }
        }
        print(out.join());
        print('x' in ns, delete ns.y, Reflect.ownKeys(ns).length);
        export let x = 1;
        print(Object.keys(ns).join(), Object.hasOwn(ns, 'x'));"#,
    )]);
    assert_eq!(
        out,
        "hasOwn:ReferenceError,isEnumerable:ReferenceError,descriptor:ReferenceError,\
         descriptors:ReferenceError,entries:ReferenceError,assign:ReferenceError,\
         isFrozen:ReferenceError,stringify:ReferenceError,define:ReferenceError,\
         forIn:ReferenceError,lookup:ReferenceError,superSet:ReferenceError|true true 2|x true"
    );
}

#[test]
fn top_level_await_orders_async_dependencies() {
    let out = lines(&[
        ("main", "import './slow'; import './fast'; print('main');"),
        (
            "slow",
            "print('slow start'); await null; await null; print('slow end');",
        ),
        ("fast", "print('fast');"),
    ]);
    assert_eq!(out, "slow start|fast|slow end|main");
}

#[test]
fn a_rejected_top_level_await_is_the_module_error() {
    let out = lines(&[("main", "await Promise.reject(new RangeError('no'));")]);
    assert!(out.starts_with("error: Uncaught RangeError: no"), "{out}");
}

#[test]
fn evaluation_errors_are_cached() {
    let out = lines(&[
        (
            "main",
            "let first;
             import('./bad').catch(e => { first = e; return import('./bad'); })
               .catch(e => print(e === first, e.message));",
        ),
        ("bad", "print('bad runs'); throw new Error('boom');"),
    ]);
    assert_eq!(out, "bad runs|true boom");
}

#[test]
fn dynamic_import_resolves_to_the_namespace() {
    let out = lines(&[
        (
            "main",
            "import * as ns from './m';
             import('./m').then(m => print(m === ns, m.v));
             print('sync');",
        ),
        ("m", "export const v = 7;"),
    ]);
    assert_eq!(out, "sync|true 7");
}

#[test]
fn dynamic_import_from_a_script() {
    let mut cx = context(&[("m", "export default 'from m';")]);
    cx.eval_script("import('./m').then(m => print(m.default));", "script.js")
        .expect("runs");
    assert_eq!(cx.take_output(), vec!["from m".to_string()]);
}

#[test]
fn import_options_are_validated() {
    let out = lines(&[
        (
            "main",
            "const r = p => p.then(() => 'ok', e => e.constructor.name);
             Promise.all([
               r(import('./m', 1)),
               r(import('./m', { with: 1 })),
               r(import('./m', { with: { type: 1 } })),
               r(import('./m', { with: { type: 'css' } })),
               r(import('./missing')),
               r(import('./m', {})),
             ]).then(a => print(a.join()));",
        ),
        ("m", ""),
    ]);
    assert_eq!(out, "TypeError,TypeError,TypeError,TypeError,TypeError,ok");
}

#[test]
fn json_modules() {
    let out = lines(&[
        (
            "main",
            "import data from './d.json' with { type: 'json' };
             import * as ns from './d.json' with { type: 'json' };
             print(data.a[1], ns.default === data, Object.keys(ns).join());",
        ),
        ("d.json", r#"{ "a": [1, 2] }"#),
    ]);
    assert_eq!(out, "2 true default");
    let out = lines(&[
        (
            "main",
            "import data from './bad.json' with { type: 'json' };",
        ),
        ("bad.json", "{ nope"),
    ]);
    assert!(out.starts_with("error: Uncaught SyntaxError"), "{out}");
}

#[test]
fn import_meta_is_per_module_with_a_null_prototype() {
    let out = lines(&[
        (
            "main",
            "import { meta } from './m'; print(import.meta === import.meta, import.meta === meta, Object.getPrototypeOf(import.meta));",
        ),
        ("m", "export const meta = import.meta;"),
    ]);
    assert_eq!(out, "true false null");
}

#[test]
fn a_syntax_error_in_a_dependency_fails_before_evaluation() {
    let out = lines(&[
        ("main", "import './bad'; print('never');"),
        ("bad", "let = ;"),
    ]);
    assert!(out.starts_with("error: Uncaught SyntaxError"), "{out}");
}

#[test]
fn object_spread_of_a_namespace_throws_for_a_binding_in_its_tdz() {
    // CopyDataProperties asks [[GetOwnProperty]] with `?`: the uninitialised `later` throws,
    // after `early` (exported names are sorted) was copied.
    let out = lines(&[(
        "main",
        "import * as ns from './main'; export const early = 1; \
         let copy = {}; try { copy = { ...ns }; print('copied'); } \
         catch (e) { print(e.constructor.name); } \
         export let later = 2; print(JSON.stringify({ ...ns }));",
    )]);
    assert_eq!(out, r#"ReferenceError|{"early":1,"later":2}"#);
}
