//! Modules through the embedding API: an in-memory loader, the context's own intrinsics at the
//! end of every chain reachable from a namespace or `import.meta`, and limits that stop
//! hostile module code and hostile import graphs.

mod support;

use std::collections::HashMap;
use std::rc::Rc;
use std::time::{Duration, Instant};

use moat_vm::host262::PrintSink;
use moat_vm::module::loader::ModuleLoader;
use moat_vm::{Context, ContextOptions, RunError};
use support::{assert_usable, MIB};

/// Modules from a map; `./x` names `x`.
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

/// Generates modules on demand: `n<i>` imports `n<i+1>` (and `n0` again, a cycle) up to
/// `depth`, so a huge graph costs the loader nothing to describe.
struct ChainLoader {
    depth: usize,
}

impl ModuleLoader for ChainLoader {
    fn resolve(&self, _referrer: Option<&str>, specifier: &str) -> Result<String, String> {
        Ok(specifier.trim_start_matches("./").to_string())
    }
    fn load(&self, key: &str) -> Result<String, String> {
        let i: usize = key.trim_start_matches('n').parse().map_err(|_| "bad key")?;
        Ok(if i + 1 < self.depth {
            format!(
                "import './n{}'; import './n0'; export let v{i} = {i};",
                i + 1
            )
        } else {
            "import './n0'; export let last = 1;".to_string()
        })
    }
}

fn context(options: ContextOptions, modules: &[(&str, &str)]) -> Context {
    let mut cx = Context::new(options);
    cx.install_print(PrintSink::Buffer);
    let map = modules
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    cx.set_module_loader(Rc::new(MemLoader(map)));
    cx
}

fn options() -> ContextOptions {
    ContextOptions {
        heap_limit: 32 * MIB,
        timeout: Some(support::HANG_GUARD),
        ..ContextOptions::default()
    }
}

#[test]
fn an_in_memory_module_graph_runs() {
    let mut cx = context(
        options(),
        &[
            (
                "main",
                "import { a } from './a'; import * as b from './b'; print(a + b.b);",
            ),
            ("a", "export const a = 40;"),
            ("b", "export const b = await Promise.resolve(2);"),
        ],
    );
    cx.eval_module("main").expect("runs");
    assert_eq!(cx.take_output(), vec!["42".to_string()]);
    // Each module is instantiated once: evaluating again runs nothing.
    cx.eval_module("main").expect("runs");
    assert!(cx.take_output().is_empty());
}

/// Threat: a namespace object, `import.meta` or a module function leading to a Function other
/// than the context's own.
#[test]
fn namespace_and_import_meta_chains_end_at_own_function() {
    let mut cx = context(
        options(),
        &[
            (
                "main",
                "import * as ns from './m';
                 const chains = [
                   ns.f.constructor,
                   ns.o.constructor.constructor,
                   ns.default.constructor.constructor,
                   import.meta.constructor,
                   Object.getOwnPropertyDescriptor(ns, 'f').value.constructor,
                 ];
                 print(chains.every(c => c === undefined || c === Function));
                 print(import.meta.constructor === undefined, Object.getPrototypeOf(ns) === null);
                 print(ns.f.constructor('return this')() === globalThis);",
            ),
            (
                "m",
                "export function f() {} export const o = {}; export default [];",
            ),
        ],
    );
    cx.eval_module("main").expect("runs");
    assert_eq!(
        cx.take_output(),
        vec![
            "true".to_string(),
            "true true".to_string(),
            "true".to_string()
        ]
    );
}

#[test]
fn modules_of_two_contexts_are_separate() {
    let modules = [(
        "m",
        "export const o = {}; globalThis.seen = (globalThis.seen || 0) + 1;",
    )];
    let mut a = context(options(), &modules);
    let mut b = context(options(), &modules);
    a.eval_script(
        "import('./m').then(m => { globalThis.m = m; print(seen); })",
        "a.js",
    )
    .expect("runs");
    b.eval_script(
        "import('./m').then(m => print(seen, typeof globalThis.m))",
        "b.js",
    )
    .expect("runs");
    assert_eq!(a.take_output(), vec!["1".to_string()]);
    assert_eq!(b.take_output(), vec!["1 undefined".to_string()]);
}

#[test]
fn a_hostile_top_level_loop_stops_at_the_deadline() {
    let mut cx = context(
        ContextOptions {
            heap_limit: 32 * MIB,
            timeout: Some(Duration::from_millis(150)),
            ..ContextOptions::default()
        },
        &[
            ("main", "import './spin'; print('never');"),
            ("spin", "for (;;) {}"),
        ],
    );
    let start = Instant::now();
    assert_eq!(cx.eval_module("main"), Err(RunError::Timeout));
    assert!(start.elapsed() < Duration::from_secs(20));
    assert_usable(&mut cx);
}

#[test]
fn a_top_level_await_loop_stops_on_fuel() {
    let mut cx = context(
        ContextOptions {
            heap_limit: 32 * MIB,
            timeout: Some(support::HANG_GUARD),
            instruction_limit: Some(200_000),
            ..ContextOptions::default()
        },
        &[("main", "for (;;) { await null; }")],
    );
    assert_eq!(cx.eval_module("main"), Err(RunError::OutOfFuel));
    assert_usable(&mut cx);
}

#[test]
fn a_module_memory_bomb_hits_the_heap_limit() {
    let mut cx = context(
        options(),
        &[(
            "main",
            "function grow() { const a = []; for (;;) a.push({ x: [1, 2, 3] }); } grow();",
        )],
    );
    assert_eq!(cx.eval_module("main"), Err(RunError::HeapLimit));
    assert_usable(&mut cx);
}

#[test]
fn a_huge_cyclic_import_graph_links_and_runs() {
    let mut cx = Context::new(options());
    cx.set_module_loader(Rc::new(ChainLoader { depth: 3_000 }));
    // Linking and evaluation walk the graph with explicit stacks: no Rust recursion.
    cx.eval_module("n0").expect("runs");
    assert_usable(&mut cx);
}

#[test]
fn an_endless_import_graph_is_bounded() {
    let mut cx = Context::new(ContextOptions {
        heap_limit: 4 * MIB,
        timeout: Some(Duration::from_secs(60)),
        ..ContextOptions::default()
    });
    cx.set_module_loader(Rc::new(ChainLoader { depth: usize::MAX }));
    let r = cx.eval_module("n0");
    assert!(
        matches!(r, Err(RunError::HeapLimit | RunError::Timeout)),
        "{r:?}"
    );
}

#[test]
fn endless_dynamic_imports_stop_at_the_deadline() {
    let mut cx = context(
        ContextOptions {
            heap_limit: 32 * MIB,
            timeout: Some(Duration::from_millis(300)),
            ..ContextOptions::default()
        },
        &[
            ("main", "for (let i = 0; ; i++) await import('./m');"),
            ("m", ""),
        ],
    );
    assert_eq!(cx.eval_module("main"), Err(RunError::Timeout));
    assert_usable(&mut cx);
}
