//! Module namespace exotic objects
//! (<https://tc39.es/ecma262/#sec-module-namespace-exotic-objects>) and GetModuleNamespace
//! (<https://tc39.es/ecma262/#sec-getmodulenamespace>).
//!
//! A namespace keeps its sorted export names with where each binding lives (resolved once:
//! after linking ResolveExport always gives the same answer), and reads the binding at every
//! access, so it is live. `object.rs` dispatches the internal methods here.
//!
//! [[GetOwnProperty]] throws a ReferenceError for a binding still in its TDZ: callers that
//! follow the spec's `? O.[[GetOwnProperty]](P)` use the fallible
//! [`Object::get_own_property_checked`], which reaches [`get_own_property_checked`]. The
//! infallible `Object::get_own_property`, which [[Get]] and [[HasProperty]] are built on,
//! reports such a binding as an accessor whose getter throws the ReferenceError (so `ns.x`
//! throws and `"x" in ns` is true, as specified).

use gc_arena::Collect;
use moat_bytecode::code::Name16;
use moat_bytecode::isa::ErrorKind;

use super::link::{binding_slot, get_exported_names, resolve_export, Resolution};
use super::{read_record, with_record};
use crate::env::Env;
use crate::function::NativeCtx;
use crate::heap::Gcx;
use crate::interp::Vm;
use crate::object::{InternalError, Object, ObjectKind, Property, PropertyDescriptor, Slot};
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};

/// Where an export of a namespace reads from.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub enum NsBinding<'gc> {
    Slot(Env<'gc>, u16),
    /// `export * as x`: another namespace object.
    Namespace(Object<'gc>),
}

/// A module namespace's internal slots: [[Module]], [[Exports]] (sorted by code units) and the
/// function that throws for a binding in its TDZ.
#[derive(Collect)]
#[collect(no_drop)]
pub struct Namespace<'gc> {
    pub module: Object<'gc>,
    pub exports: Vec<(PropertyKey<'gc>, NsBinding<'gc>)>,
    pub thrower: Option<Object<'gc>>,
}

impl<'gc> Namespace<'gc> {
    fn find(&self, key: PropertyKey<'gc>) -> Option<NsBinding<'gc>> {
        self.exports
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, b)| *b)
    }

    /// The binding's value (`Value::Empty` while uninitialised).
    fn value(b: NsBinding<'gc>) -> Value<'gc> {
        match b {
            NsBinding::Slot(env, slot) => env.get(slot).unwrap_or(Value::Undefined),
            NsBinding::Namespace(o) => Value::Object(o),
        }
    }
}

fn is_symbol(key: PropertyKey<'_>) -> bool {
    matches!(key, PropertyKey::Symbol(_))
}

/// [[GetOwnProperty]] (<https://tc39.es/ecma262/#sec-module-namespace-exotic-objects-getownproperty-p>);
/// `None` when `o` is not a namespace or `key` is a Symbol (ordinary).
pub fn get_own_property<'gc>(
    o: Object<'gc>,
    key: PropertyKey<'gc>,
) -> Option<Option<Property<'gc>>> {
    if is_symbol(key) {
        return None;
    }
    let data = o.borrow();
    let ObjectKind::ModuleNamespace(ns) = &data.kind else {
        return None;
    };
    // 2-3.
    let Some(b) = ns.find(key) else {
        return Some(None);
    };
    // 4. value = ? O.[[Get]](P, O).
    let v = Namespace::value(b);
    if v.is_empty() {
        return Some(Some(Property {
            slot: Slot::Accessor {
                get: ns.thrower,
                set: None,
            },
            attrs: Attrs(Attrs::WRITABLE | Attrs::ENUMERABLE),
        }));
    }
    // 5.
    Some(Some(Property::data(
        v,
        Attrs(Attrs::WRITABLE | Attrs::ENUMERABLE),
    )))
}

/// [[GetOwnProperty]] (<https://tc39.es/ecma262/#sec-module-namespace-exotic-objects-getownproperty-p>)
/// with its throw: `None` when `o` is not a namespace or `key` is a Symbol (ordinary).
pub fn get_own_property_checked<'gc>(
    o: Object<'gc>,
    key: PropertyKey<'gc>,
) -> Option<Result<Option<Property<'gc>>, InternalError>> {
    let p = get_own_property(o, key)?;
    // 4. Let value be ? O.[[Get]](P, O): the binding's GetBindingValue throws in its TDZ.
    if let Some(Property {
        slot: Slot::Accessor { .. },
        ..
    }) = p
    {
        return Some(Err(InternalError {
            kind: ErrorKind::ReferenceError,
            message: UNINITIALIZED,
        }));
    }
    Some(Ok(p))
}

const UNINITIALIZED: &str = "Cannot access an imported binding before its initialization";

/// [[DefineOwnProperty]] (<https://tc39.es/ecma262/#sec-module-namespace-exotic-objects-defineownproperty-p-desc>);
/// `None` for a Symbol key (ordinary).
pub fn define_own_property<'gc>(
    gcx: Gcx<'gc>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
    desc: &PropertyDescriptor<'gc>,
) -> Option<Result<bool, InternalError>> {
    // 2. Let current be ? O.[[GetOwnProperty]](P).
    let current = match get_own_property_checked(o, key)? {
        Ok(c) => c,
        Err(e) => return Some(Err(e)),
    };
    // 3.
    let Some(current) = current else {
        return Some(Ok(false));
    };
    let Slot::Data(value) = current.slot else {
        return Some(Ok(false));
    };
    // 4-7.
    if desc.configurable == Some(true)
        || desc.enumerable == Some(false)
        || desc.get.is_some()
        || desc.set.is_some()
        || desc.writable == Some(false)
    {
        return Some(Ok(false));
    }
    // 8.
    if let Some(v) = desc.value {
        return Some(Ok(crate::ops::same_value(gcx, v, value)));
    }
    Some(Ok(true))
}

/// [[Delete]] (<https://tc39.es/ecma262/#sec-module-namespace-exotic-objects-delete-p>);
/// `None` for a Symbol key.
pub fn delete<'gc>(o: Object<'gc>, key: PropertyKey<'gc>) -> Option<bool> {
    if is_symbol(key) {
        return None;
    }
    let data = o.borrow();
    let ObjectKind::ModuleNamespace(ns) = &data.kind else {
        return None;
    };
    Some(ns.find(key).is_none())
}

/// [[OwnPropertyKeys]] (<https://tc39.es/ecma262/#sec-module-namespace-exotic-objects-ownpropertykeys>):
/// the export names, then the symbol keys.
pub fn export_keys<'gc>(ns: &Namespace<'gc>) -> Vec<PropertyKey<'gc>> {
    ns.exports.iter().map(|(k, _)| *k).collect()
}

/// The getter a binding in its TDZ reports: throws a ReferenceError.
fn throw_uninitialized<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    Err(cx.error(ErrorKind::ReferenceError, UNINITIALIZED))
}

/// GetModuleNamespace (<https://tc39.es/ecma262/#sec-getmodulenamespace>): the namespace of
/// `module`, created on first use with every namespace it re-exports (iteratively).
pub fn get_module_namespace<'gc>(
    vm: &mut Vm<'gc>,
    module: Object<'gc>,
) -> Result<Object<'gc>, Value<'gc>> {
    if let Some(ns) = read_record(module, |r| r.namespace).flatten() {
        return Ok(ns);
    }
    let root = create_shell(vm, module);
    let mut work = vec![(module, root)];
    while let Some((m, ns)) = work.pop() {
        // 3.a-c. The exported names that resolve unambiguously.
        let names = get_exported_names(vm, m, &mut Vec::new())?;
        let mut exports: Vec<(Name16, NsBinding<'gc>)> = Vec::new();
        for name in names {
            let binding = match resolve_export(vm, m, &name, &mut Vec::new())? {
                Resolution::Null | Resolution::Ambiguous => continue,
                Resolution::Namespace(target) => {
                    let existing = read_record(target, |r| r.namespace).flatten();
                    NsBinding::Namespace(match existing {
                        Some(o) => o,
                        None => {
                            let o = create_shell(vm, target);
                            work.push((target, o));
                            o
                        }
                    })
                }
                Resolution::Binding(target, local) => {
                    let env = read_record(target, |r| r.env).flatten();
                    match (env, binding_slot(target, &local.0)) {
                        (Some(env), Some(slot)) => NsBinding::Slot(env, slot),
                        _ => continue,
                    }
                }
            };
            exports.push((name, binding));
        }
        // ModuleNamespaceCreate step 7: sorted by code units.
        exports.sort_by(|a, b| a.0.cmp(&b.0));
        let gcx = vm.gcx;
        let keyed: Vec<(PropertyKey<'gc>, NsBinding<'gc>)> = exports
            .into_iter()
            .map(|(n, b)| (vm.interner.key_units(gcx, &n), b))
            .collect();
        if let ObjectKind::ModuleNamespace(n) = &mut ns.borrow_mut(gcx.mc).kind {
            n.exports = keyed;
        }
    }
    Ok(root)
}

/// ModuleNamespaceCreate (<https://tc39.es/ecma262/#sec-modulenamespacecreate>) without the
/// exports yet: [[Prototype]] null, not extensible, `@@toStringTag` "Module".
fn create_shell<'gc>(vm: &mut Vm<'gc>, module: Object<'gc>) -> Object<'gc> {
    let gcx: Gcx<'gc> = vm.gcx;
    let realm = read_record(module, |r| r.realm).unwrap_or(vm.realm);
    let thrower = realm.new_native_function(
        gcx,
        &mut vm.interner,
        "",
        0,
        throw_uninitialized,
        None,
        Value::Undefined,
    );
    let ns = Object::new(
        gcx,
        None,
        ObjectKind::ModuleNamespace(Box::new(Namespace {
            module,
            exports: Vec::new(),
            thrower: Some(thrower),
        })),
    );
    // 28.3.1 @@toStringTag.
    let tag = JsString::from_str(gcx, "Module");
    let key = PropertyKey::Symbol(vm.symbols.to_string_tag);
    ns.put_data(gcx, key, Value::String(tag), Attrs::NONE);
    ns.borrow_mut(gcx.mc).extensible = false;
    with_record(vm, module, |r| r.namespace = Some(ns));
    ns
}

/// Whether `o` is a module namespace object.
pub fn is_namespace(o: Object<'_>) -> bool {
    matches!(o.borrow().kind, ObjectKind::ModuleNamespace(_))
}
