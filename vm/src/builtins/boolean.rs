//! The Boolean constructor and Boolean.prototype
//! (<https://tc39.es/ecma262/#sec-boolean-objects>).

use crate::builtins::coerce::{arg, prototype_from_new_target};
use crate::function::NativeCtx;
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::object::{Object, ObjectKind};
use crate::ops;
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::value::Value;

/// Create %Boolean%, fill %Boolean.prototype% and bind the global `Boolean`.
pub(crate) fn install<'gc>(realm: Realm<'gc>, gcx: Gcx<'gc>, interner: &mut Interner<'gc>) {
    let proto = realm.intrinsics().boolean_prototype;
    let ctor = realm.new_native_function(
        gcx,
        interner,
        "Boolean",
        1,
        boolean_call,
        Some(boolean_construct),
        Value::Undefined,
    );
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
    realm.define_native_method(
        gcx,
        interner,
        proto,
        "toString",
        boolean_prototype_to_string,
        0,
    );
    realm.define_native_method(
        gcx,
        interner,
        proto,
        "valueOf",
        boolean_prototype_value_of,
        0,
    );
    let global = realm.global();
    realm.define_value(
        gcx,
        interner,
        global,
        "Boolean",
        Value::Object(ctor),
        Attrs::HIDDEN,
    );
}

/// Boolean(value) called as a function (<https://tc39.es/ecma262/#sec-boolean-constructor-boolean-value>):
/// ToBoolean.
fn boolean_call<'gc>(
    _cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    Ok(Value::Boolean(ops::to_boolean(arg(args, 0))))
}

/// `new Boolean(value)` (<https://tc39.es/ecma262/#sec-boolean-constructor-boolean-value>).
fn boolean_construct<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    // 1. Let b be ToBoolean(value).
    let b = ops::to_boolean(arg(args, 0));
    // 3. OrdinaryCreateFromConstructor(NewTarget, "%Boolean.prototype%", « [[BooleanData]] »).
    let nt = cx.new_target.unwrap_or(cx.callee);
    let proto = prototype_from_new_target(cx, nt, |i| i.boolean_prototype)?;
    Ok(Value::Object(Object::new(
        cx.gcx(),
        Some(proto),
        ObjectKind::Boolean(b),
    )))
}

/// ThisBooleanValue (<https://tc39.es/ecma262/#sec-thisbooleanvalue>).
fn this_boolean_value<'gc>(cx: &mut NativeCtx<'gc, '_>, v: Value<'gc>) -> Result<bool, Value<'gc>> {
    match v {
        Value::Boolean(b) => Ok(b),
        Value::Object(o) => match o.borrow().kind {
            ObjectKind::Boolean(b) => Some(b),
            _ => None,
        }
        .ok_or_else(|| {
            cx.type_error("Boolean.prototype method called on an incompatible receiver")
        }),
        _ => Err(cx.type_error("Boolean.prototype method called on an incompatible receiver")),
    }
}

/// Boolean.prototype.toString (<https://tc39.es/ecma262/#sec-boolean.prototype.tostring>).
fn boolean_prototype_to_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let b = this_boolean_value(cx, this)?;
    Ok(cx.string(if b { "true" } else { "false" }))
}

/// Boolean.prototype.valueOf (<https://tc39.es/ecma262/#sec-boolean.prototype.valueof>).
fn boolean_prototype_value_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    this_boolean_value(cx, this).map(Value::Boolean)
}

#[cfg(test)]
mod tests {
    use crate::builtins::coerce::eval_string;

    #[test]
    fn boolean_objects() {
        assert_eq!(eval_string("'' + Boolean('') + Boolean({}) + new Boolean(false).valueOf() + typeof new Boolean(0)"), "falsetruefalseobject");
        assert_eq!(
            eval_string("true.toString() + new Boolean(1).toString()"),
            "truetrue"
        );
        assert_eq!(
            eval_string("var f = Boolean.prototype.valueOf; try { f() } catch (e) { e.name }"),
            "TypeError"
        );
    }
}
