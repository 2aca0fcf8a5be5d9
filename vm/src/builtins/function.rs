//! The Function constructor (CreateDynamicFunction) and Function.prototype's `bind`,
//! `toString`, `@@hasInstance` and restricted `caller`/`arguments`
//! (<https://tc39.es/ecma262/#sec-function-objects>); `call`/`apply` live in `function_call.rs`.

use moat_bytecode::isa::ErrorKind;

use crate::function::{BoundFunction, NativeCtx, NativeFn};
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::WellKnownSymbols;
use crate::object::{Object, ObjectKind, Property, PropertyDescriptor, Slot};
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};

use super::object_ops::{charge, define_property_or_throw, get, to_integer_or_infinity, Res};

/// Install the Function constructor and Function.prototype's methods in `realm`.
pub(crate) fn install<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    symbols: &WellKnownSymbols<'gc>,
) {
    let ctor = realm.intrinsics().function_constructor;
    let proto = realm.intrinsics().function_prototype;
    realm.make_native(gcx, ctor, function_constructor, Some(function_constructor));
    realm.set_function_props(gcx, interner, ctor, "Function", 1);
    realm.define_value(
        gcx,
        interner,
        ctor,
        "prototype",
        Value::Object(proto),
        Attrs::NONE,
    );
    realm.define_value(
        gcx,
        interner,
        proto,
        "constructor",
        Value::Object(ctor),
        Attrs::HIDDEN,
    );
    // `call` and `apply` are tail calls, installed by `function_call.rs`.
    let methods: [(&str, NativeFn, u32); 2] = [
        ("bind", function_prototype_bind, 1),
        ("toString", function_prototype_to_string, 0),
    ];
    for (name, f, len) in methods {
        realm.define_native_method(gcx, interner, proto, name, f, len);
    }
    // AddRestrictedFunctionProperties(%Function.prototype%)
    // (<https://tc39.es/ecma262/#sec-addrestrictedfunctionproperties>).
    let thrower = Some(realm.intrinsics().throw_type_error);
    for name in ["caller", "arguments"] {
        let k = interner.key_str(gcx, name);
        proto.borrow_mut(gcx.mc).write_own(
            gcx,
            k,
            Property {
                slot: Slot::Accessor {
                    get: thrower,
                    set: thrower,
                },
                attrs: Attrs(Attrs::CONFIGURABLE),
            },
        );
    }
    // Function.prototype [ @@hasInstance ]: not writable, enumerable or configurable.
    let has_instance = realm.new_native_function(
        gcx,
        interner,
        "[Symbol.hasInstance]",
        1,
        function_prototype_has_instance,
        None,
        Value::Undefined,
    );
    proto.put_data(
        gcx,
        PropertyKey::Symbol(symbols.has_instance),
        Value::Object(has_instance),
        Attrs::NONE,
    );
    realm.define_value(
        gcx,
        interner,
        realm.global(),
        "Function",
        Value::Object(ctor),
        Attrs::HIDDEN,
    );
}

fn arg<'gc>(args: &[Value<'gc>], i: usize) -> Value<'gc> {
    args.get(i).copied().unwrap_or(Value::Undefined)
}

/// Function ( ...parameterArgs, bodyArg ) (<https://tc39.es/ecma262/#sec-function-p1-p2-pn-body>).
fn function_constructor<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let new_target = cx.new_target;
    crate::interp::dynamic_function::create_dynamic_function(
        cx,
        crate::interp::dynamic_function::FunctionKind::Normal,
        args,
        new_target,
    )
}

/// Function.prototype.bind (<https://tc39.es/ecma262/#sec-function.prototype.bind>).
fn function_prototype_bind<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1-2.
    let Value::Object(target) = this else {
        return Err(cx.type_error("Bind must be called on a function"));
    };
    if !target.is_callable() {
        return Err(cx.type_error("Bind must be called on a function"));
    }
    let bound_args: Vec<Value<'gc>> = args.get(1..).unwrap_or(&[]).to_vec();
    let arg_count = bound_args.len() as f64;
    // 3. BoundFunctionCreate (<https://tc39.es/ecma262/#sec-boundfunctioncreate>).
    let f = bound_function_create(cx, target, arg(args, 0), bound_args);
    // 4-7. The length: the target's own numeric `length` minus the bound arguments.
    let len_key = cx.gcx().length;
    let mut l = 0.0;
    if target.get_own_property(cx.gcx(), len_key).is_some() {
        let target_len = get(cx, target, len_key)?;
        if let Value::Number(n) = target_len {
            if n == f64::INFINITY {
                l = f64::INFINITY;
            } else if n != f64::NEG_INFINITY {
                let int = to_integer_or_infinity(cx, target_len)?;
                l = (int - arg_count).max(0.0);
            }
        }
    }
    // 8. SetFunctionLength.
    define_property_or_throw(
        cx,
        f,
        len_key,
        PropertyDescriptor::data(Value::Number(l), Attrs(Attrs::CONFIGURABLE)),
    )?;
    // 9-10. The name: "bound " + the target's string `name`.
    let name_key = cx.vm.names.name;
    let target_name = get(cx, target, name_key)?;
    let name = match target_name {
        Value::String(s) => s,
        _ => JsString::from_str(cx.gcx(), ""),
    };
    let prefix = JsString::from_str(cx.gcx(), "bound ");
    let full = match JsString::concat(cx.gcx(), prefix, name) {
        Ok(s) => s,
        Err(_) => return Err(cx.error(ErrorKind::RangeError, "Invalid string length")),
    };
    define_property_or_throw(
        cx,
        f,
        name_key,
        PropertyDescriptor::data(Value::String(full), Attrs(Attrs::CONFIGURABLE)),
    )?;
    Ok(Value::Object(f))
}

/// BoundFunctionCreate (<https://tc39.es/ecma262/#sec-boundfunctioncreate>): the prototype is
/// the target's [[GetPrototypeOf]].
pub(crate) fn bound_function_create<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    target: Object<'gc>,
    bound_this: Value<'gc>,
    bound_args: Vec<Value<'gc>>,
) -> Object<'gc> {
    let proto = target.get_prototype_of();
    Object::new(
        cx.gcx(),
        proto,
        ObjectKind::Bound(Box::new(BoundFunction {
            target,
            this: bound_this,
            args: bound_args,
        })),
    )
}

/// Function.prototype.toString (<https://tc39.es/ecma262/#sec-function.prototype.tostring>).
fn function_prototype_to_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let Value::Object(f) = this else {
        return Err(cx.type_error("Function.prototype.toString requires that 'this' be a Function"));
    };
    // 2. ECMAScript functions: their source text.
    let source = match &f.borrow().kind {
        ObjectKind::Function(c) => Some(c.code.0.source.to_string()),
        _ => None,
    };
    if let Some(s) = source {
        charge(cx, s.len().saturating_mul(2))?;
        return Ok(cx.string(&s));
    }
    // 3-4. Built-ins and bound functions: a NativeFunction text, named by the initial `name`.
    if f.is_callable() {
        let name_key = cx.vm.names.name;
        let name = match f.get_own_property(cx.gcx(), name_key).map(|p| p.slot) {
            Some(crate::object::Slot::Data(Value::String(s))) => s.to_std_string(cx.gcx()),
            _ => String::new(),
        };
        let name = if name
            .chars()
            .all(|c| c.is_alphanumeric() || "_$ []. ".contains(c))
        {
            name
        } else {
            String::new()
        };
        return Ok(cx.string(&format!("function {name}() {{ [native code] }}")));
    }
    // 5.
    Err(cx.type_error("Function.prototype.toString requires that 'this' be a Function"))
}

/// Function.prototype [ @@hasInstance ] (<https://tc39.es/ecma262/#sec-function.prototype-@@hasinstance>).
fn function_prototype_has_instance<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // OrdinaryHasInstance: a non-callable C is never a constructor of anything.
    let Value::Object(c) = this else {
        return Ok(Value::Boolean(false));
    };
    if !c.is_callable() {
        return Ok(Value::Boolean(false));
    }
    // Its getters (`prototype`, a bound target's `@@hasInstance`) run in frames.
    cx.tail_continuation(crate::cont::Continuation::Instanceof {
        value: arg(args, 0),
        ctor: c,
        stage: crate::cont::instanceof::ORDINARY,
    })
}
