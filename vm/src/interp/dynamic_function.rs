//! CreateDynamicFunction (<https://tc39.es/ecma262/#sec-createdynamicfunction>): the core of
//! the `Function`, `GeneratorFunction`, `AsyncFunction` and `AsyncGeneratorFunction`
//! constructors.

use moat_bytecode::isa::ErrorKind;
pub use moat_parser::FunctionKind;

use crate::builtins::native_ops;
use crate::function::NativeCtx;
use crate::object::Object;
use crate::value::Value;

/// CreateDynamicFunction(constructor, newTarget, kind, args): `args` are the constructor's
/// arguments (parameters then body), `new_target` is `None` for a call. The function closes
/// over the global environment of the constructor's realm and gets its prototype from
/// `new_target` (GetPrototypeFromConstructor, falling back to %Function.prototype% or its
/// generator and async siblings of `new_target`'s function realm).
pub fn create_dynamic_function<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    kind: FunctionKind,
    args: &[Value<'gc>],
    new_target: Option<Object<'gc>>,
) -> Result<Value<'gc>, Value<'gc>> {
    let constructor = cx.callee;
    // 1. A call uses the constructor as newTarget.
    let new_target = new_target.unwrap_or(constructor);
    // 5-10. ToString of each parameter and of the body, in order.
    let (param_values, body_value) = match args.split_last() {
        Some((body, params)) => (params, Some(*body)),
        None => (&[][..], None),
    };
    let mut params: Vec<String> = Vec::with_capacity(param_values.len());
    for v in param_values {
        let s = native_ops::to_string(cx, *v)?;
        params.push(s.to_std_string(cx.gcx()));
    }
    let body = match body_value {
        Some(v) => native_ops::to_string(cx, v)?.to_std_string(cx.gcx()),
        None => String::new(),
    };
    let p = params.join(",");
    native_ops::charge(cx, (p.len() + body.len()) * 4)?;
    // 11-28. Parse the parts, then the assembled source text.
    let f = match moat_parser::parse_function_parts(&p, &body, kind) {
        Ok(f) => f,
        Err(e) => return Err(cx.error(ErrorKind::SyntaxError, &e.message)),
    };
    let prefix = match kind {
        FunctionKind::Normal => "function",
        FunctionKind::Generator => "function*",
        FunctionKind::Async => "async function",
        FunctionKind::AsyncGenerator => "async function*",
    };
    let source = format!("{prefix} anonymous({p}\n) {{\n{body}\n}}");
    let wrapper = match moat_bytecode::compile_function(&f, &source, "anonymous") {
        Ok(c) => c,
        Err(e) => return Err(cx.error(e.kind, &e.message)),
    };
    let Some(code) = wrapper.functions.first().cloned() else {
        return Err(cx.error(ErrorKind::SyntaxError, "internal error: no function"));
    };
    // 29-31. GetPrototypeFromConstructor(newTarget, fallbackProto): newTarget's `prototype`,
    // or the fallback intrinsic of newTarget's function realm.
    let realm = cx.realm;
    let proto_key = cx.key("prototype");
    let proto = match native_ops::get(cx, new_target, proto_key)? {
        Value::Object(o) => o,
        _ => {
            let target_realm = cx.vm.function_realm(new_target).unwrap_or(realm);
            let i = target_realm.intrinsics();
            match kind {
                FunctionKind::Normal => i.function_prototype,
                FunctionKind::Generator => i.coro.generator_function_prototype,
                FunctionKind::Async => i.coro.async_function_prototype,
                FunctionKind::AsyncGenerator => i.coro.async_generator_function_prototype,
            }
        }
    };
    // 32-33. OrdinaryFunctionCreate in the global environment, MakeConstructor, and the name
    // "anonymous" the compiled code carries.
    let func = cx
        .vm
        .closure_object(code, None, None, realm, Value::Undefined, Value::Undefined);
    func.set_prototype_of(cx.gcx(), Some(proto));
    Ok(Value::Object(func))
}
