//! ECMAScript modules (<https://tc39.es/ecma262/#sec-modules>): module records in the context's
//! heap, the per-realm module map, linking, evaluation (with top-level await), namespaces,
//! `import.meta` and dynamic `import()`.
//!
//! One job per file:
//! - this file: the Module Record slots ([`ModuleRecord`]), the per-context module state
//!   ([`ModuleState`]: module map, pending dynamic imports) and record creation from what the
//!   host loaded;
//! - [`loader`]: the host's [`loader::ModuleLoader`] hook, the file-system loader and the
//!   host-side module graph (sources compiled once per key, outside the heap);
//! - [`link`]: Link / InnerModuleLinking, InitializeEnvironment, ResolveExport,
//!   GetExportedNames;
//! - [`evaluate`]: Evaluate / InnerModuleEvaluation as a native continuation (module bodies
//!   run in VM frames), ExecuteAsyncModule and the async completion handlers;
//! - [`namespace`]: GetModuleNamespace and the module namespace exotic object;
//! - [`import_call`]: EvaluateImportCall, ContinueDynamicImport and `import.meta`.
//!
//! Loading never runs script: `import()` queues a request and ends the slice; the host
//! ([`crate::Context`]) resolves, reads and compiles the requested graph between slices and
//! hands the result back, so nothing nests JS on the Rust stack.

pub mod evaluate;
pub mod import_call;
pub mod link;
pub mod loader;
pub mod namespace;

use std::collections::HashMap;
use std::sync::Arc;

use gc_arena::{Collect, Gc, Static};
use moat_bytecode::code::{CodeBlock, Constant, ModuleDesc};
use moat_bytecode::isa::ErrorKind;

use crate::env::Env;
use crate::heap::HeapTicket;
use crate::interp::Vm;
use crate::object::{Object, ObjectKind};
use crate::realm::Realm;
use crate::value::Value;

use loader::{HostGraph, LoadedSource, ModuleKey};

/// [[Status]] of a Cyclic Module Record
/// (<https://tc39.es/ecma262/#sec-cyclic-module-records>).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
pub enum ModuleStatus {
    Unlinked,
    Linking,
    Linked,
    Evaluating,
    EvaluatingAsync,
    Evaluated,
}

/// What kind of module a record is.
#[derive(Collect)]
#[collect(no_drop)]
pub enum ModuleBody<'gc> {
    /// A Source Text Module Record: its compiled code and import/export entries.
    SourceText {
        code: Static<Arc<CodeBlock>>,
        desc: Static<Arc<ModuleDesc>>,
    },
    /// A Synthetic Module Record made by CreateDefaultExportSyntheticModule (JSON modules):
    /// one export, `default`, in slot 0 of its environment.
    Synthetic { default: Value<'gc> },
}

/// Where an import binding reads from once linked.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub enum ImportBinding<'gc> {
    /// Not linked yet.
    Unresolved,
    /// A binding of another module's environment (live: read at every access).
    Slot(Env<'gc>, u16),
    /// A module namespace object.
    Namespace(Object<'gc>),
}

/// A Module Record's slots (<https://tc39.es/ecma262/#sec-abstract-module-records>,
/// <https://tc39.es/ecma262/#sec-cyclic-module-records>), kept in an internal object
/// (`ObjectKind::ModuleRecord`) so that records can be captured by the built-in closures the
/// algorithms create.
#[derive(Collect)]
#[collect(no_drop)]
pub struct ModuleRecord<'gc> {
    ticket: HeapTicket,
    /// [[Realm]].
    pub realm: Realm<'gc>,
    /// The host's key (the resolved specifier: a path for the file-system loader).
    pub key: Static<Arc<str>>,
    pub body: ModuleBody<'gc>,
    /// [[Environment]].
    pub env: Option<Env<'gc>>,
    /// Whether the environment's bindings and functions were instantiated (the code before
    /// `ModuleDesc::body_start` ran).
    pub initialized: bool,
    /// [[Namespace]].
    pub namespace: Option<Object<'gc>>,
    /// [[ImportMeta]].
    pub import_meta: Option<Object<'gc>>,
    /// [[LoadedModules]], parallel to the requests: the record, or the error loading it.
    pub loaded: Vec<Option<Object<'gc>>>,
    pub load_errors: Vec<Option<Static<(ErrorKind, String)>>>,
    pub status: ModuleStatus,
    /// [[EvaluationError]].
    pub evaluation_error: Option<Value<'gc>>,
    pub dfs_index: u32,
    pub dfs_ancestor_index: u32,
    /// [[CycleRoot]].
    pub cycle_root: Option<Object<'gc>>,
    /// [[HasTLA]].
    pub has_tla: bool,
    /// [[AsyncEvaluationOrder]]: `None` is unset, `Some(0)` is done, otherwise the order.
    pub async_evaluation_order: Option<u64>,
    /// [[TopLevelCapability]] (its promise; resolved with the engine's own functions).
    pub top_level_capability: Option<Object<'gc>>,
    /// [[AsyncParentModules]].
    pub async_parent_modules: Vec<Object<'gc>>,
    /// [[PendingAsyncDependencies]].
    pub pending_async_dependencies: Option<u32>,
    /// Per `ModuleDesc::imports` entry: the resolved binding.
    pub imports: Vec<ImportBinding<'gc>>,
}

impl<'gc> ModuleRecord<'gc> {
    /// Whether [[AsyncEvaluation]] is true (an order is set and not done).
    pub fn async_evaluation(&self) -> bool {
        matches!(self.async_evaluation_order, Some(n) if n > 0)
    }

    pub fn desc(&self) -> Option<&Arc<ModuleDesc>> {
        match &self.body {
            ModuleBody::SourceText { desc, .. } => Some(&desc.0),
            ModuleBody::Synthetic { .. } => None,
        }
    }
}

/// Run `f` on the record slots of module object `m`.
pub fn with_record<'gc, R>(
    vm: &Vm<'gc>,
    m: Object<'gc>,
    f: impl FnOnce(&mut ModuleRecord<'gc>) -> R,
) -> Option<R> {
    let mut d = m.borrow_mut(vm.gcx.mc);
    match &mut d.kind {
        ObjectKind::ModuleRecord(r) => Some(f(r)),
        _ => None,
    }
}

/// Read the record slots of module object `m`.
pub fn read_record<'gc, R>(m: Object<'gc>, f: impl FnOnce(&ModuleRecord<'gc>) -> R) -> Option<R> {
    let d = m.borrow();
    match &d.kind {
        ObjectKind::ModuleRecord(r) => Some(f(r)),
        _ => None,
    }
}

/// A dynamic `import()` waiting for the host to load its module graph.
#[derive(Collect)]
#[collect(no_drop)]
pub struct PendingImport<'gc> {
    /// The referrer's key (a module's key or a script's file name).
    pub referrer: Static<Arc<str>>,
    pub realm: Realm<'gc>,
    pub specifier: Static<String>,
    /// The `type` import attribute.
    pub ty: Static<Option<String>>,
    /// The promise `import()` returned.
    pub promise: Object<'gc>,
}

/// The modules of a context: the module map of every realm and the queue of pending dynamic
/// imports.
#[derive(Collect, Default)]
#[collect(no_drop)]
pub struct ModuleState<'gc> {
    /// (realm, key, type attribute) -> record: each module is instantiated once per realm.
    pub map: HashMap<(usize, ModuleKey), Object<'gc>>,
    /// Module environments -> records (for `import.meta` and `GetImport` in nested code).
    pub env_modules: HashMap<usize, Object<'gc>>,
    pub pending: Vec<PendingImport<'gc>>,
    /// The next [[AsyncEvaluationOrder]] (IncrementModuleAsyncEvaluationCount).
    pub async_evaluation_count: u64,
}

pub(crate) fn realm_id(realm: Realm<'_>) -> usize {
    Gc::as_ptr(realm.0) as usize
}

pub(crate) fn env_id(env: Env<'_>) -> usize {
    Gc::as_ptr(env.0) as usize
}

/// The module record for `key` in `realm`, created (with its requested modules, iteratively)
/// from what the host loaded when it is not in the realm's module map yet. `Err` is the error
/// of loading `key` itself.
pub fn instantiate<'gc>(
    vm: &mut Vm<'gc>,
    realm: Realm<'gc>,
    graph: &HostGraph,
    key: &ModuleKey,
) -> Result<Object<'gc>, (ErrorKind, String)> {
    let root = match get_or_create(vm, realm, graph, key)? {
        (m, false) => return Ok(m),
        (m, true) => m,
    };
    // Fill [[LoadedModules]] of every new record (FinishLoadingImportedModule).
    let mut work = vec![(root, key.clone())];
    while let Some((m, k)) = work.pop() {
        let Some(node) = graph.nodes.get(&k) else {
            continue;
        };
        let Ok(node) = node else { continue };
        let mut loaded = Vec::with_capacity(node.requests.len());
        let mut errors = Vec::with_capacity(node.requests.len());
        for r in &node.requests {
            match r {
                Err(e) => {
                    loaded.push(None);
                    errors.push(Some(Static(e.clone())));
                }
                Ok(target) => match get_or_create(vm, realm, graph, target) {
                    Ok((t, fresh)) => {
                        loaded.push(Some(t));
                        errors.push(None);
                        if fresh {
                            work.push((t, target.clone()));
                        }
                    }
                    Err(e) => {
                        loaded.push(None);
                        errors.push(Some(Static(e)));
                    }
                },
            }
        }
        with_record(vm, m, |rec| {
            rec.loaded = loaded;
            rec.load_errors = errors;
        });
    }
    Ok(root)
}

/// The first load error in the graph below `root` (LoadRequestedModules rejecting), searched
/// iteratively.
pub fn graph_load_error<'gc>(root: Object<'gc>) -> Option<(ErrorKind, String)> {
    let mut seen: Vec<Object<'gc>> = vec![root];
    let mut work = vec![root];
    while let Some(m) = work.pop() {
        let (loaded, err) = read_record(m, |r| {
            (
                r.loaded.clone(),
                r.load_errors.iter().flatten().next().map(|e| e.0.clone()),
            )
        })?;
        if let Some(e) = err {
            return Some(e);
        }
        for t in loaded.into_iter().flatten() {
            if !seen.iter().any(|s| s.ptr_eq(t)) {
                seen.push(t);
                work.push(t);
            }
        }
    }
    None
}

fn get_or_create<'gc>(
    vm: &mut Vm<'gc>,
    realm: Realm<'gc>,
    graph: &HostGraph,
    key: &ModuleKey,
) -> Result<(Object<'gc>, bool), (ErrorKind, String)> {
    let map_key = (realm_id(realm), key.clone());
    if let Some(m) = vm.st.modules.map.get(&map_key) {
        return Ok((*m, false));
    }
    let source = match graph.nodes.get(key) {
        Some(Ok(n)) => &n.source,
        Some(Err(e)) => return Err(e.clone()),
        None => {
            return Err((
                ErrorKind::TypeError,
                format!("module '{}' was not loaded", key.0),
            ))
        }
    };
    let (body, has_tla, imports) = match source {
        LoadedSource::SourceText(code) => {
            let Some(Constant::Module(desc)) = code.constants.first() else {
                return Err((ErrorKind::SyntaxError, "not module code".to_string()));
            };
            let n = desc.imports.len();
            (
                ModuleBody::SourceText {
                    code: Static(Arc::clone(code)),
                    desc: Static(Arc::clone(desc)),
                },
                desc.has_tla,
                vec![ImportBinding::Unresolved; n],
            )
        }
        LoadedSource::Json(text) => {
            // ParseJSONModule (<https://tc39.es/ecma262/#sec-parse-json-module>), then
            // CreateDefaultExportSyntheticModule.
            let value = import_call::parse_json_module(vm, realm, text)
                .map_err(|m| (ErrorKind::SyntaxError, m))?;
            (ModuleBody::Synthetic { default: value }, false, Vec::new())
        }
    };
    // The module environment (NewModuleEnvironment; its outer is the global environment,
    // which this VM reaches by name through the realm) exists from the start so that
    // namespaces and import bindings made while linking a cycle can point into it.
    let env = match &body {
        ModuleBody::SourceText { code, .. } => match &code.0.entry_scope {
            Some(s) => Env::for_scope(vm.gcx, None, s),
            None => Env::new_declarative(vm.gcx, None, 0, None, None),
        },
        ModuleBody::Synthetic { default } => {
            let names: Arc<[Arc<[u16]>]> = Arc::from(vec![Arc::from(
                "default".encode_utf16().collect::<Vec<u16>>(),
            )]);
            let e =
                Env::new_declarative(vm.gcx, None, 1, Some(names), Some(Arc::from(vec![false])));
            e.set(vm.gcx, 0, *default);
            e
        }
    };
    let synthetic = matches!(body, ModuleBody::Synthetic { .. });
    let rec = ModuleRecord {
        ticket: vm.gcx.ticket(512),
        realm,
        key: Static(Arc::clone(&key.0)),
        body,
        env: Some(env),
        initialized: synthetic,
        namespace: None,
        import_meta: None,
        loaded: Vec::new(),
        load_errors: Vec::new(),
        status: if synthetic {
            ModuleStatus::Evaluated
        } else {
            ModuleStatus::Unlinked
        },
        evaluation_error: None,
        dfs_index: 0,
        dfs_ancestor_index: 0,
        cycle_root: None,
        has_tla,
        async_evaluation_order: None,
        top_level_capability: None,
        async_parent_modules: Vec::new(),
        pending_async_dependencies: None,
        imports,
    };
    let m = Object::new(vm.gcx, None, ObjectKind::ModuleRecord(Box::new(rec)));
    vm.st.modules.map.insert(map_key, m);
    vm.st.modules.env_modules.insert(env_id(env), m);
    Ok((m, true))
}

/// The module whose code is running in the top frame (its environment chain ends in a module
/// environment), for `import.meta`, `GetImport` and GetActiveScriptOrModule.
pub fn active_module<'gc>(vm: &Vm<'gc>) -> Option<Object<'gc>> {
    let mut env = vm.frame()?.env;
    let mut last = None;
    while let Some(e) = env {
        last = Some(e);
        env = e.parent();
    }
    vm.st.modules.env_modules.get(&env_id(last?)).copied()
}

/// `GetImport`: the value of import binding `index` of the running module (an indirect
/// binding: read live from the exporting module's environment; a ReferenceError while it is
/// uninitialised).
pub fn get_import<'gc>(vm: &mut Vm<'gc>, index: u32) -> Result<Value<'gc>, Value<'gc>> {
    let binding = active_module(vm)
        .and_then(|m| read_record(m, |r| r.imports.get(index as usize).copied()))
        .flatten();
    let name = || {
        active_module(vm)
            .and_then(|m| {
                read_record(m, |r| {
                    r.desc()
                        .and_then(|d| d.imports.get(index as usize))
                        .map(|i| String::from_utf16_lossy(&i.local))
                })
            })
            .flatten()
            .unwrap_or_default()
    };
    match binding {
        Some(ImportBinding::Slot(env, slot)) => match env.get(slot) {
            Some(v) if !v.is_empty() => Ok(v),
            _ => {
                let n = name();
                Err(vm.error(
                    ErrorKind::ReferenceError,
                    &format!("Cannot access '{n}' before initialization"),
                ))
            }
        },
        Some(ImportBinding::Namespace(o)) => Ok(Value::Object(o)),
        _ => Err(vm.error(ErrorKind::ReferenceError, "unresolved import")),
    }
}

#[cfg(test)]
mod tests;
