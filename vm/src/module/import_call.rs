//! Dynamic `import()` (EvaluateImportCall, <https://tc39.es/ecma262/#sec-evaluate-import-call>,
//! and ContinueDynamicImport, <https://tc39.es/ecma262/#sec-ContinueDynamicImport>),
//! `import.meta` (<https://tc39.es/ecma262/#sec-meta-properties-runtime-semantics-evaluation>)
//! and ParseJSONModule.
//!
//! `import()` validates its arguments, queues a [`PendingImport`] and returns the promise; the
//! host loads the graph between slices and calls [`finish_dynamic_imports`], which continues
//! as the spec's ContinueDynamicImport with promise reactions.

use std::sync::Arc;

use gc_arena::Static;
use moat_bytecode::isa::ErrorKind;

use super::loader::{request_type, HostGraph, ModuleKey};
use super::{read_record, PendingImport};
use crate::builtins::native_ops::{get, to_string};
use crate::function::NativeCtx;
use crate::interp::Vm;
use crate::object::{Object, ObjectKind};
use crate::promise::{new_record, record_at, Handler};
use crate::realm::Realm;
use crate::value::Value;

type Res<'gc, T> = Result<T, Value<'gc>>;

/// A native context for running spec operations that may call script (ToString, Get) from an
/// instruction: the callee is the realm's global object, which has no captured data.
fn host_cx<'gc, 'a>(vm: &'a mut Vm<'gc>, realm: Realm<'gc>) -> NativeCtx<'gc, 'a> {
    NativeCtx {
        vm,
        realm,
        callee: realm.global(),
        new_target: None,
    }
}

/// The referrer of code running in the top frame (GetActiveScriptOrModule): the module's key,
/// or the file name of the script code.
pub fn active_referrer(vm: &Vm<'_>) -> Arc<str> {
    if let Some(m) = super::active_module(vm) {
        if let Some(k) = read_record(m, |r| Arc::clone(&r.key.0)) {
            return k;
        }
    }
    // Eval code has the ScriptOrModule of the code that called eval: the nearest frame below
    // that is not eval code.
    vm.st
        .frames
        .iter()
        .rev()
        .filter_map(|f| match f {
            crate::interp::Frame::Script(f) => Some(&f.code.0.file),
            crate::interp::Frame::Native(_) => None,
        })
        .find(|file| &***file != "eval")
        .map(Arc::clone)
        .unwrap_or_else(|| Arc::from(""))
}

/// EvaluateImportCall steps 5-12 for `import(specifier, options)`: the promise.
pub fn evaluate_import_call<'gc>(
    vm: &mut Vm<'gc>,
    specifier: Value<'gc>,
    options: Value<'gc>,
) -> Value<'gc> {
    let realm = vm.current_realm();
    let referrer = active_referrer(vm);
    // 5.
    let promise = vm.new_promise(realm);
    match import_request(vm, realm, specifier, options) {
        Err(e) => vm.reject_promise(promise, e),
        Ok((spec, ty)) => {
            // 11. HostLoadImportedModule: the host loads between slices.
            vm.st.modules.pending.push(PendingImport {
                referrer: Static(referrer),
                realm,
                specifier: Static(spec),
                ty: Static(ty),
                promise,
            });
            // End the slice so the host loads promptly.
            vm.budget.fuel = 0;
        }
    }
    Value::Object(promise)
}

/// Steps 6-10: the specifier string and the `type` attribute, or the error to reject with.
fn import_request<'gc>(
    vm: &mut Vm<'gc>,
    realm: Realm<'gc>,
    specifier: Value<'gc>,
    options: Value<'gc>,
) -> Res<'gc, (String, Option<String>)> {
    let mut cx = host_cx(vm, realm);
    // 6-7.
    let spec = to_string(&mut cx, specifier)?.to_std_string(cx.gcx());
    // 8-9.
    let mut attributes: Vec<(String, String)> = Vec::new();
    if !matches!(options, Value::Undefined) {
        let Value::Object(o) = options else {
            return Err(cx.type_error("The second argument of import() must be an object"));
        };
        let with = cx.key("with");
        let attrs = get(&mut cx, o, with)?;
        if !matches!(attrs, Value::Undefined) {
            let Value::Object(a) = attrs else {
                return Err(cx.type_error("The 'with' option of import() must be an object"));
            };
            // EnumerableOwnProperties(attributesObj, key+value).
            let gcx = cx.gcx();
            for key in a.own_property_keys(gcx) {
                if key.is_symbol() {
                    continue;
                }
                let Some(p) = crate::builtins::object_ops::own_property(&mut cx, a, key)? else {
                    continue;
                };
                if !p.attrs.enumerable() {
                    continue;
                }
                let v = get(&mut cx, a, key)?;
                let Value::String(s) = v else {
                    return Err(cx.type_error("Import attribute values must be strings"));
                };
                let k = match key.to_value(gcx) {
                    Value::String(k) => k.to_std_string(gcx),
                    Value::Number(n) => n.to_string(),
                    _ => String::new(),
                };
                attributes.push((k, s.to_std_string(gcx)));
            }
        }
        // 9.d. AllImportAttributesSupported.
        if let Some((k, _)) = attributes.iter().find(|(k, _)| k != "type") {
            let msg = format!("Unsupported import attribute '{k}'");
            return Err(cx.type_error(&msg));
        }
    }
    let ty = request_type(&attributes)
        .map_err(|m| cx.type_error(&m))?
        .map(|t| t.to_string());
    Ok((spec, ty))
}

/// FinishLoadingImportedModule and ContinueDynamicImport for every pending import, once the
/// host has loaded their graphs into `graph` (`keys[i]` is the resolved key of pending import
/// `i`, or the error resolving it).
pub fn finish_dynamic_imports<'gc>(
    vm: &mut Vm<'gc>,
    graph: &HostGraph,
    keys: &[Result<ModuleKey, (ErrorKind, String)>],
) {
    let pending = std::mem::take(&mut vm.st.modules.pending);
    for (p, key) in pending.into_iter().zip(keys) {
        let promise = p.promise;
        let module = key
            .clone()
            .and_then(|k| super::instantiate(vm, p.realm, graph, &k));
        // ContinueDynamicImport step 1.
        let module = match module {
            Ok(m) => m,
            Err((kind, msg)) => {
                let e = p.realm.make_error(vm.gcx, &mut vm.interner, kind, &msg);
                vm.reject_promise(promise, Value::Object(e));
                continue;
            }
        };
        // 3. LoadRequestedModules: the graph is loaded; its promise settles now.
        let load_promise = vm.new_promise(p.realm);
        match super::graph_load_error(module) {
            Some((kind, msg)) => {
                let e = p.realm.make_error(vm.gcx, &mut vm.interner, kind, &msg);
                vm.reject_promise(load_promise, Value::Object(e));
            }
            None => vm.resolve_promise(load_promise, Value::Undefined),
        }
        // 4-8.
        let gcx = vm.gcx;
        let on_rejected = p.realm.new_native_function(
            gcx,
            &mut vm.interner,
            "",
            1,
            reject_import,
            None,
            Value::Object(promise),
        );
        let data = new_record(vm, &[Value::Object(module), Value::Object(promise)]);
        let link_and_evaluate = p.realm.new_native_function(
            gcx,
            &mut vm.interner,
            "",
            0,
            link_and_evaluate,
            None,
            Value::Object(data),
        );
        vm.perform_then(
            load_promise,
            Handler::Js(Value::Object(link_and_evaluate)),
            Handler::Js(Value::Object(on_rejected)),
            None,
        );
    }
}

/// ContinueDynamicImport's rejectedClosure.
fn reject_import<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    if let Value::Object(p) = cx.data() {
        let e = args.first().copied().unwrap_or(Value::Undefined);
        cx.vm.reject_promise(p, e);
    }
    Ok(Value::Undefined)
}

/// ContinueDynamicImport's linkAndEvaluateClosure.
fn link_and_evaluate<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let Value::Object(data) = cx.data() else {
        return Ok(Value::Undefined);
    };
    let (Value::Object(module), Value::Object(promise)) =
        (record_at(cx.vm, data, 0), record_at(cx.vm, data, 1))
    else {
        return Ok(Value::Undefined);
    };
    // a-b.
    if let Err(e) = super::link::link(cx.vm, module) {
        cx.vm.reject_promise(promise, e);
        return Ok(Value::Undefined);
    }
    // c-f (the evaluation task hooks the namespace when it has its promise).
    cx.tail_continuation(crate::cont::Continuation::Module(Box::new(
        super::evaluate::ModuleTask::evaluate(module, Some(promise)),
    )))
}

/// ContinueDynamicImport steps 6.d-f: once `evaluate_promise` fulfils, resolve
/// `import_promise` with the namespace of `module`; a rejection rejects it.
pub fn then_namespace<'gc>(
    vm: &mut Vm<'gc>,
    evaluate_promise: Object<'gc>,
    module: Object<'gc>,
    import_promise: Object<'gc>,
) {
    let realm = vm.current_realm();
    let gcx = vm.gcx;
    let data = new_record(vm, &[Value::Object(module), Value::Object(import_promise)]);
    let on_fulfilled = realm.new_native_function(
        gcx,
        &mut vm.interner,
        "",
        0,
        resolve_with_namespace,
        None,
        Value::Object(data),
    );
    let on_rejected = realm.new_native_function(
        gcx,
        &mut vm.interner,
        "",
        1,
        reject_import,
        None,
        Value::Object(import_promise),
    );
    vm.perform_then(
        evaluate_promise,
        Handler::Js(Value::Object(on_fulfilled)),
        Handler::Js(Value::Object(on_rejected)),
        None,
    );
}

/// ContinueDynamicImport's fulfilledClosure.
fn resolve_with_namespace<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let Value::Object(data) = cx.data() else {
        return Ok(Value::Undefined);
    };
    let (Value::Object(module), Value::Object(promise)) =
        (record_at(cx.vm, data, 0), record_at(cx.vm, data, 1))
    else {
        return Ok(Value::Undefined);
    };
    match super::namespace::get_module_namespace(cx.vm, module) {
        Ok(ns) => cx.vm.resolve_promise(promise, Value::Object(ns)),
        Err(e) => cx.vm.reject_promise(promise, e),
    }
    Ok(Value::Undefined)
}

/// `import.meta`: the running module's [[ImportMeta]], created on first use with a null
/// prototype (HostGetImportMetaProperties adds nothing).
pub fn import_meta<'gc>(vm: &mut Vm<'gc>) -> Res<'gc, Value<'gc>> {
    let Some(m) = super::active_module(vm) else {
        return Err(vm.error(ErrorKind::SyntaxError, "import.meta outside a module"));
    };
    if let Some(o) = read_record(m, |r| r.import_meta).flatten() {
        return Ok(Value::Object(o));
    }
    let o = Object::new(vm.gcx, None, ObjectKind::Ordinary);
    super::with_record(vm, m, |r| r.import_meta = Some(o));
    Ok(Value::Object(o))
}

/// ParseJSONModule (<https://tc39.es/ecma262/#sec-parse-json-module>): `JSON.parse` of the
/// source without a reviver (runs no script); `Err` is the SyntaxError's message.
pub fn parse_json_module<'gc>(
    vm: &mut Vm<'gc>,
    realm: Realm<'gc>,
    text: &str,
) -> Result<Value<'gc>, String> {
    let s = Value::String(crate::string::JsString::from_str(vm.gcx, text));
    let mut cx = host_cx(vm, realm);
    crate::builtins::json::json_parse(&mut cx, Value::Undefined, &[s]).map_err(|e| match e {
        Value::Object(o) => {
            let k = cx.key("message");
            match o.get(cx.gcx(), k) {
                crate::object::Lookup::Value(Value::String(m)) => m.to_std_string(cx.gcx()),
                _ => "invalid JSON module".to_string(),
            }
        }
        _ => "invalid JSON module".to_string(),
    })
}
