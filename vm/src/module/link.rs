//! Linking: Link / InnerModuleLinking
//! (<https://tc39.es/ecma262/#sec-moduledeclarationlinking>), the link-time part of
//! InitializeEnvironment (import bindings), ResolveExport and GetExportedNames.
//!
//! The graph walks are iterative (an explicit DFS stack); ResolveExport and GetExportedNames
//! recurse along `export *` / re-export chains with a depth cap, so a hostile chain ends in a
//! RangeError instead of exhausting the Rust stack.

use std::sync::Arc;

use gc_arena::Collect;
use moat_bytecode::code::Name16;
use moat_bytecode::isa::ErrorKind;

use super::{read_record, with_record, ImportBinding, ModuleBody, ModuleStatus};
use crate::interp::Vm;
use crate::object::Object;
use crate::value::Value;

/// How deep ResolveExport / GetExportedNames may follow re-export chains.
const MAX_EXPORT_DEPTH: usize = 1_000;

type Res<'gc, T> = Result<T, Value<'gc>>;

/// A ResolvedBinding Record (<https://tc39.es/ecma262/#resolvedbinding-record>).
#[derive(Clone, Collect)]
#[collect(no_drop)]
pub enum Resolution<'gc> {
    Null,
    Ambiguous,
    /// [[Module]] and [[BindingName]] (a local binding name of that module).
    Binding(Object<'gc>, gc_arena::Static<Name16>),
    /// [[BindingName]] is NAMESPACE.
    Namespace(Object<'gc>),
}

fn same<'gc>(a: &Resolution<'gc>, b: &Resolution<'gc>) -> bool {
    match (a, b) {
        (Resolution::Binding(m, n), Resolution::Binding(m2, n2)) => m.ptr_eq(*m2) && n.0 == n2.0,
        (Resolution::Namespace(m), Resolution::Namespace(m2)) => m.ptr_eq(*m2),
        _ => false,
    }
}

fn utf16(s: &str) -> Name16 {
    Arc::from(s.encode_utf16().collect::<Vec<u16>>())
}

/// GetImportedModule(referrer, request): the loaded record of request `spec` (the first
/// request with that specifier).
pub fn imported_module<'gc>(m: Object<'gc>, spec: &[u16]) -> Option<Object<'gc>> {
    read_record(m, |r| {
        let desc = r.desc()?;
        let i = desc.requests.iter().position(|s| &**s == spec)?;
        r.loaded.get(i).copied().flatten()
    })
    .flatten()
}

fn missing<'gc>(vm: &mut Vm<'gc>) -> Value<'gc> {
    vm.error(ErrorKind::SyntaxError, "imported module was not loaded")
}

/// ResolveExport (<https://tc39.es/ecma262/#sec-resolveexport>, and the Synthetic Module
/// Record's <https://tc39.es/ecma262/#sec-smr-resolveexport>).
pub fn resolve_export<'gc>(
    vm: &mut Vm<'gc>,
    module: Object<'gc>,
    export_name: &[u16],
    resolve_set: &mut Vec<(Object<'gc>, Name16)>,
) -> Res<'gc, Resolution<'gc>> {
    if resolve_set.len() > MAX_EXPORT_DEPTH {
        return Err(vm.error(ErrorKind::RangeError, "module export chain too deep"));
    }
    let Some(desc) = read_record(module, |r| match &r.body {
        ModuleBody::SourceText { desc, .. } => Some(Arc::clone(&desc.0)),
        ModuleBody::Synthetic { .. } => None,
    }) else {
        return Ok(Resolution::Null);
    };
    let Some(desc) = desc else {
        // Synthetic: the one export `default`.
        return Ok(if export_name == &*utf16("default") {
            Resolution::Binding(module, gc_arena::Static(utf16("default")))
        } else {
            Resolution::Null
        });
    };
    // 3. A circular import request.
    if resolve_set
        .iter()
        .any(|(m, n)| m.ptr_eq(module) && &**n == export_name)
    {
        return Ok(Resolution::Null);
    }
    // 4.
    resolve_set.push((module, Arc::from(export_name)));
    // 5. Local exports.
    for (name, local) in &desc.local_exports {
        if &**name == export_name {
            return Ok(Resolution::Binding(
                module,
                gc_arena::Static(Arc::clone(local)),
            ));
        }
    }
    // 6. Indirect exports.
    for (name, request, import) in &desc.indirect_exports {
        if &**name == export_name {
            let Some(imported) = imported_module(module, request) else {
                return Err(missing(vm));
            };
            return match import {
                None => Ok(Resolution::Namespace(imported)),
                Some(import) => resolve_export(vm, imported, import, resolve_set),
            };
        }
    }
    // 7. `export *` never provides `default`.
    if export_name == &*utf16("default") {
        return Ok(Resolution::Null);
    }
    // 8-9. Star exports.
    let mut star: Option<Resolution<'gc>> = None;
    for request in &desc.star_exports {
        let Some(imported) = imported_module(module, request) else {
            return Err(missing(vm));
        };
        let resolution = resolve_export(vm, imported, export_name, resolve_set)?;
        match resolution {
            Resolution::Ambiguous => return Ok(Resolution::Ambiguous),
            Resolution::Null => {}
            r => match &star {
                None => star = Some(r),
                Some(s) => {
                    if !same(s, &r) {
                        return Ok(Resolution::Ambiguous);
                    }
                }
            },
        }
    }
    Ok(star.unwrap_or(Resolution::Null))
}

/// GetExportedNames (<https://tc39.es/ecma262/#sec-getexportednames>).
pub fn get_exported_names<'gc>(
    vm: &mut Vm<'gc>,
    module: Object<'gc>,
    export_star_set: &mut Vec<Object<'gc>>,
) -> Res<'gc, Vec<Name16>> {
    if export_star_set.len() > MAX_EXPORT_DEPTH {
        return Err(vm.error(ErrorKind::RangeError, "module export chain too deep"));
    }
    let desc = read_record(module, |r| r.desc().cloned()).flatten();
    let Some(desc) = desc else {
        return Ok(vec![utf16("default")]);
    };
    // 3. Circular `export *`.
    if export_star_set.iter().any(|m| m.ptr_eq(module)) {
        return Ok(Vec::new());
    }
    export_star_set.push(module);
    let mut names: Vec<Name16> = Vec::new();
    for (name, _) in &desc.local_exports {
        names.push(Arc::clone(name));
    }
    for (name, _, _) in &desc.indirect_exports {
        names.push(Arc::clone(name));
    }
    let default = utf16("default");
    for request in &desc.star_exports {
        let Some(requested) = imported_module(module, request) else {
            return Err(missing(vm));
        };
        for n in get_exported_names(vm, requested, export_star_set)? {
            if n != default && !names.contains(&n) {
                names.push(n);
            }
        }
    }
    Ok(names)
}

/// The slot of local binding `name` in `module`'s environment.
pub fn binding_slot(module: Object<'_>, name: &[u16]) -> Option<u16> {
    read_record(module, |r| match &r.body {
        ModuleBody::SourceText { code, .. } => code
            .0
            .entry_scope
            .as_ref()
            .and_then(|s| s.names.iter().position(|n| &**n == name)),
        ModuleBody::Synthetic { .. } => Some(0),
    })
    .flatten()
    .and_then(|i| u16::try_from(i).ok())
}

/// Link (<https://tc39.es/ecma262/#sec-moduledeclarationlinking>).
pub fn link<'gc>(vm: &mut Vm<'gc>, module: Object<'gc>) -> Res<'gc, ()> {
    // 2.
    let mut stack: Vec<Object<'gc>> = Vec::new();
    // 3.
    let result = inner_module_linking(vm, module, &mut stack);
    // 4. On failure every module on the stack goes back to unlinked.
    if let Err(e) = result {
        for m in stack {
            with_record(vm, m, |r| r.status = ModuleStatus::Unlinked);
        }
        return Err(e);
    }
    Ok(())
}

struct LinkFrame<'gc> {
    module: Object<'gc>,
    next: usize,
    child: Option<Object<'gc>>,
}

/// InnerModuleLinking (<https://tc39.es/ecma262/#sec-InnerModuleLinking>), with the recursion
/// over requested modules turned into an explicit stack.
fn inner_module_linking<'gc>(
    vm: &mut Vm<'gc>,
    root: Object<'gc>,
    stack: &mut Vec<Object<'gc>>,
) -> Res<'gc, ()> {
    let mut index: u32 = 0;
    let mut frames: Vec<LinkFrame<'gc>> = Vec::new();
    if enter_linking(vm, root, stack, &mut index) {
        frames.push(LinkFrame {
            module: root,
            next: 0,
            child: None,
        });
    }
    while let Some(top) = frames.last_mut() {
        let module = top.module;
        // 9.c. After a required module: its ancestor index flows up while it is linking.
        if let Some(child) = top.child.take() {
            let (status, anc) = read_record(child, |r| (r.status, r.dfs_ancestor_index))
                .unwrap_or((ModuleStatus::Linked, u32::MAX));
            if status == ModuleStatus::Linking {
                with_record(vm, module, |r| {
                    r.dfs_ancestor_index = r.dfs_ancestor_index.min(anc);
                });
            }
        }
        // 9. The next requested module.
        let (count, next) = read_record(module, |r| (r.loaded.len(), top.next)).unwrap_or((0, 0));
        if next < count {
            top.next += 1;
            let req = read_record(module, |r| {
                (
                    r.loaded.get(next).copied().flatten(),
                    r.load_errors.get(next).cloned().flatten(),
                )
            });
            let Some((Some(required), _)) = req else {
                let msg = req
                    .and_then(|(_, e)| e)
                    .map(|e| e.0)
                    .unwrap_or((ErrorKind::SyntaxError, "module not loaded".to_string()));
                return Err(vm.error(msg.0, &msg.1));
            };
            top.child = Some(required);
            if enter_linking(vm, required, stack, &mut index) {
                frames.push(LinkFrame {
                    module: required,
                    next: 0,
                    child: None,
                });
            }
            continue;
        }
        // 10.
        initialize_environment(vm, module)?;
        frames.pop();
        // 13. The root of a strongly connected component links its component.
        let (dfs, anc) =
            read_record(module, |r| (r.dfs_index, r.dfs_ancestor_index)).unwrap_or((0, 0));
        if anc == dfs {
            while let Some(m) = stack.pop() {
                with_record(vm, m, |r| r.status = ModuleStatus::Linked);
                if m.ptr_eq(module) {
                    break;
                }
            }
        }
    }
    Ok(())
}

/// InnerModuleLinking steps 1-8: `true` when `module` starts linking now (its requests are
/// to be walked), `false` when it is linked or linking already.
fn enter_linking<'gc>(
    vm: &mut Vm<'gc>,
    module: Object<'gc>,
    stack: &mut Vec<Object<'gc>>,
    index: &mut u32,
) -> bool {
    let (status, synthetic) = read_record(module, |r| {
        (r.status, matches!(r.body, ModuleBody::Synthetic { .. }))
    })
    .unwrap_or((ModuleStatus::Linked, true));
    // 1. A Synthetic Module Record links at once (its environment is ready).
    if synthetic {
        with_record(vm, module, |r| {
            if r.status == ModuleStatus::Unlinked {
                r.status = ModuleStatus::Linked;
            }
        });
        return false;
    }
    // 2.
    if status != ModuleStatus::Unlinked {
        return false;
    }
    // 4-7.
    let i = *index;
    with_record(vm, module, |r| {
        r.status = ModuleStatus::Linking;
        r.dfs_index = i;
        r.dfs_ancestor_index = i;
    });
    *index += 1;
    // 8.
    stack.push(module);
    true
}

/// InitializeEnvironment (<https://tc39.es/ecma262/#sec-source-text-module-record-initialize-environment>)
/// steps 1-7: check the indirect exports resolve and bind the imports. The environment itself
/// exists since the record was created; its bindings and hoisted functions are made by the
/// code before `ModuleDesc::body_start`, which evaluation runs before any module body.
fn initialize_environment<'gc>(vm: &mut Vm<'gc>, module: Object<'gc>) -> Res<'gc, ()> {
    let Some(desc) = read_record(module, |r| r.desc().cloned()).flatten() else {
        return Ok(());
    };
    // 1. Every indirect export resolves.
    for (name, _, _) in &desc.indirect_exports {
        let r = resolve_export(vm, module, name, &mut Vec::new())?;
        if matches!(r, Resolution::Null | Resolution::Ambiguous) {
            let n = String::from_utf16_lossy(name);
            return Err(vm.error(
                ErrorKind::SyntaxError,
                &format!("export '{n}' cannot be resolved (missing or ambiguous)"),
            ));
        }
    }
    // 7. Import bindings.
    let mut bindings = Vec::with_capacity(desc.imports.len());
    for entry in &desc.imports {
        let Some(imported) = imported_module(module, &entry.request) else {
            return Err(missing(vm));
        };
        let binding = match &entry.import_name {
            None => ImportBinding::Namespace(super::namespace::get_module_namespace(vm, imported)?),
            Some(name) => match resolve_export(vm, imported, name, &mut Vec::new())? {
                Resolution::Null | Resolution::Ambiguous => {
                    let n = String::from_utf16_lossy(name);
                    let k = read_record(imported, |r| r.key.0.to_string()).unwrap_or_default();
                    return Err(vm.error(
                        ErrorKind::SyntaxError,
                        &format!("module '{k}' does not provide an export named '{n}' (or it is ambiguous)"),
                    ));
                }
                Resolution::Namespace(m) => {
                    ImportBinding::Namespace(super::namespace::get_module_namespace(vm, m)?)
                }
                Resolution::Binding(m, local) => {
                    let env = read_record(m, |r| r.env).flatten();
                    match (env, binding_slot(m, &local.0)) {
                        (Some(env), Some(slot)) => ImportBinding::Slot(env, slot),
                        _ => return Err(missing(vm)),
                    }
                }
            },
        };
        bindings.push(binding);
    }
    with_record(vm, module, |r| r.imports = bindings);
    Ok(())
}
