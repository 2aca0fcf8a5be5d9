//! The SuppressedError constructor and prototype
//! (<https://tc39.es/ecma262/#sec-suppressederror-objects>), plus the helper disposal uses to
//! combine a disposal error with the error it suppresses.

use crate::function::NativeCtx;
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::realm_extras::extras_mut;
use crate::object::{Object, ObjectKind};
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::Value;

use super::coerce::arg;
use super::native_ops::{create_non_enumerable_data_property_or_throw, get, to_string, Res};

/// Create %SuppressedError% and its prototype and bind the global `SuppressedError`.
pub(crate) fn install<'gc>(realm: Realm<'gc>, gcx: Gcx<'gc>, interner: &mut Interner<'gc>) {
    let intr = realm.intrinsics();
    let error_ctor = intr.error_constructors[0];
    let proto = Object::new(gcx, Some(intr.error_prototypes[0]), ObjectKind::Ordinary);
    let ctor = realm.new_native_function(
        gcx,
        interner,
        "SuppressedError",
        3,
        suppressed_error_constructor,
        Some(suppressed_error_constructor),
        Value::Undefined,
    );
    // 20.5.8.2: the constructor's [[Prototype]] is %Error%.
    ctor.set_prototype_of(gcx, Some(error_ctor));
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
    let empty = Value::String(JsString::from_str(gcx, ""));
    realm.define_value(gcx, interner, proto, "message", empty, Attrs::HIDDEN);
    let name = Value::String(JsString::from_str(gcx, "SuppressedError"));
    realm.define_value(gcx, interner, proto, "name", name, Attrs::HIDDEN);
    realm.define_value(
        gcx,
        interner,
        realm.global(),
        "SuppressedError",
        Value::Object(ctor),
        Attrs::HIDDEN,
    );
    extras_mut(gcx, realm).suppressed_error_prototype = Some(proto);
}

/// %SuppressedError.prototype% of `realm` (falls back to %Error.prototype% before install).
fn prototype_of(realm: Realm<'_>) -> Object<'_> {
    let installed = realm.0.extras.borrow().suppressed_error_prototype;
    installed.unwrap_or(realm.intrinsics().error_prototypes[0])
}

/// SuppressedError ( error, suppressed, message )
/// (<https://tc39.es/ecma262/#sec-suppressederror-constructor>).
fn suppressed_error_constructor<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1. newTarget, or the active function when called.
    let target = cx.new_target.unwrap_or(cx.callee);
    // 2. OrdinaryCreateFromConstructor(newTarget, "%SuppressedError.prototype%").
    let pk = cx.vm.names.prototype;
    let proto = match get(cx, target, pk)? {
        Value::Object(p) => p,
        _ => prototype_of(cx.vm.function_realm(target).unwrap_or(cx.realm)),
    };
    let o = Object::new(cx.gcx(), Some(proto), ObjectKind::Error);
    cx.vm.attach_stack(o);
    // 3. The message.
    let message = arg(args, 2);
    if !message.is_undefined() {
        let msg = to_string(cx, message)?;
        let mk = cx.vm.names.message;
        create_non_enumerable_data_property_or_throw(cx, o, mk, Value::String(msg))?;
    }
    // 4-5.
    let ek = cx.key("error");
    create_non_enumerable_data_property_or_throw(cx, o, ek, arg(args, 0))?;
    let sk = cx.key("suppressed");
    create_non_enumerable_data_property_or_throw(cx, o, sk, arg(args, 1))?;
    Ok(Value::Object(o))
}

/// DisposeResources step 3.e.iii: a newly created SuppressedError whose `error` is the new
/// throw and whose `suppressed` is the earlier one
/// (<https://tc39.es/ecma262/#sec-disposeresources>).
pub(crate) fn new_suppressed_error<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    error: Value<'gc>,
    suppressed: Value<'gc>,
) -> Value<'gc> {
    let gcx = cx.gcx();
    let o = Object::new(gcx, Some(prototype_of(cx.realm)), ObjectKind::Error);
    cx.vm.attach_stack(o);
    let ek = cx.key("error");
    o.put_data(gcx, ek, error, Attrs::HIDDEN);
    let sk = cx.key("suppressed");
    o.put_data(gcx, sk, suppressed, Attrs::HIDDEN);
    Value::Object(o)
}

#[cfg(test)]
mod tests {
    use crate::builtins::coerce::eval_string;

    #[test]
    fn constructs_with_error_suppressed_and_message() {
        assert_eq!(
            eval_string(
                "var e = new SuppressedError(1, 2, 'm'); \
                 [e.error, e.suppressed, e.message, e.name, e instanceof Error, \
                  Object.getPrototypeOf(SuppressedError) === Error, SuppressedError.length].join()"
            ),
            "1,2,m,SuppressedError,true,true,3"
        );
    }

    #[test]
    fn callable_without_new_and_message_omitted() {
        assert_eq!(
            eval_string(
                "var e = SuppressedError(); [e.hasOwnProperty('message'), 'error' in e].join()"
            ),
            "false,true"
        );
    }
}
