//! The Error constructors (<https://tc39.es/ecma262/#sec-error-objects>): Error, the
//! NativeErrors (EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError),
//! AggregateError, `Error.isError`, and Error.prototype's `toString`, `message` and `name`.
//!
//! The constructor and prototype objects themselves are allocated by `Realm::new` (the VM throws
//! its own errors with them from the start); `install` gives them their behaviour.

use crate::function::NativeCtx;
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::object::{Object, ObjectKind};
use crate::realm::{Realm, ERROR_NAMES};
use crate::string::JsString;
use crate::value::Value;

use super::native_ops::{
    create_array_from_list, create_non_enumerable_data_property_or_throw, get, get_iterator,
    iterator_to_list, to_string, Res,
};

/// The index of AggregateError in [`ERROR_NAMES`].
const AGGREGATE: usize = 7;

/// Give the realm's error constructors their behaviour and install the prototype methods.
pub(crate) fn install<'gc>(realm: Realm<'gc>, gcx: Gcx<'gc>, interner: &mut Interner<'gc>) {
    let intr = realm.intrinsics();
    for (i, ctor) in intr.error_constructors.iter().enumerate() {
        let call = if i == AGGREGATE {
            aggregate_error_constructor as crate::function::NativeFn
        } else {
            error_constructor
        };
        realm.make_native(gcx, *ctor, call, Some(call));
        // The constructor remembers which intrinsic prototype it defaults to.
        if let ObjectKind::Native(n) = &mut ctor.borrow_mut(gcx.mc).kind {
            n.data = Value::Number(i as f64);
        }
        let name = ERROR_NAMES.get(i).copied().unwrap_or("Error");
        let length = if i == AGGREGATE { 2 } else { 1 };
        realm.set_function_props(gcx, interner, *ctor, name, length);
    }
    let error_prototype = intr.error_prototypes[0];
    realm.define_native_method(
        gcx,
        interner,
        error_prototype,
        "toString",
        error_prototype_to_string,
        0,
    );
    realm.define_native_method(
        gcx,
        interner,
        intr.error_constructors[0],
        "isError",
        error_is_error,
        1,
    );
}

/// The error constructor index a native error function was made for.
fn kind_index(cx: &NativeCtx<'_, '_>) -> usize {
    match cx.data() {
        Value::Number(n) if (0.0..8.0).contains(&n) => n as usize,
        _ => 0,
    }
}

/// OrdinaryCreateFromConstructor(newTarget, the error kind's prototype) for the running error
/// constructor (<https://tc39.es/ecma262/#sec-ordinarycreatefromconstructor>).
fn create_error_object<'gc>(cx: &mut NativeCtx<'gc, '_>) -> Res<'gc, Object<'gc>> {
    // 1. newTarget, or the active function when called.
    let target = cx.new_target.unwrap_or(cx.callee);
    // GetPrototypeFromConstructor: Get(constructor, "prototype"), else the intrinsic of the
    // constructor's realm.
    let pk = cx.vm.names.prototype;
    let proto = match get(cx, target, pk)? {
        Value::Object(p) => p,
        _ => {
            let realm = cx.vm.function_realm(target).unwrap_or(cx.realm);
            let idx = kind_index(cx);
            match realm.error_prototype(idx) {
                Some(p) => p,
                None => realm.intrinsics().object_prototype,
            }
        }
    };
    let error = Object::new(cx.gcx(), Some(proto), ObjectKind::Error);
    // `stack` (not in ECMA-262, but what hosts and the CLI report): the live script frames.
    cx.vm.attach_stack(error);
    Ok(error)
}

/// Steps 3-4 shared by every error constructor: the message, then InstallErrorCause
/// (<https://tc39.es/ecma262/#sec-installerrorcause>).
fn install_message_and_cause<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    message: Value<'gc>,
    options: Value<'gc>,
) -> Res<'gc, ()> {
    if !message.is_undefined() {
        let msg = to_string(cx, message)?;
        let mk = cx.vm.names.message;
        create_non_enumerable_data_property_or_throw(cx, o, mk, Value::String(msg))?;
    }
    if let Value::Object(opts) = options {
        let ck = cx.key("cause");
        if opts.has_property(cx.gcx(), ck) {
            let cause = get(cx, opts, ck)?;
            create_non_enumerable_data_property_or_throw(cx, o, ck, cause)?;
        }
    }
    Ok(())
}

/// Error ( message [ , options ] ) (<https://tc39.es/ecma262/#sec-error-message>) and
/// NativeError ( message [ , options ] ) (<https://tc39.es/ecma262/#sec-nativeerror>).
pub(crate) fn error_constructor<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let arg = |i: usize| args.get(i).copied().unwrap_or(Value::Undefined);
    // 1-2.
    let o = create_error_object(cx)?;
    // 3-4.
    install_message_and_cause(cx, o, arg(0), arg(1))?;
    // 5.
    Ok(Value::Object(o))
}

/// AggregateError ( errors, message [ , options ] )
/// (<https://tc39.es/ecma262/#sec-aggregate-error>).
pub(crate) fn aggregate_error_constructor<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let arg = |i: usize| args.get(i).copied().unwrap_or(Value::Undefined);
    // 1-2.
    let o = create_error_object(cx)?;
    // 3-4.
    install_message_and_cause(cx, o, arg(1), arg(2))?;
    // 5. IteratorToList(? GetIterator(errors, sync)).
    let record = get_iterator(cx, arg(0))?;
    let list = iterator_to_list(cx, &record)?;
    // 6.
    let a = create_array_from_list(cx, &list);
    let ek = cx.key("errors");
    create_non_enumerable_data_property_or_throw(cx, o, ek, Value::Object(a))?;
    Ok(Value::Object(o))
}

/// Error.prototype.toString ( ) (<https://tc39.es/ecma262/#sec-error.prototype.tostring>).
pub(crate) fn error_prototype_to_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1-2.
    let Value::Object(o) = this else {
        return Err(cx.type_error("Error.prototype.toString called on a non-object"));
    };
    // 3-4. name, defaulting to "Error".
    let nk = cx.vm.names.name;
    let name = get(cx, o, nk)?;
    let name = if name.is_undefined() {
        JsString::from_str(cx.gcx(), "Error")
    } else {
        to_string(cx, name)?
    };
    // 5-6. message, defaulting to "".
    let mk = cx.vm.names.message;
    let msg = get(cx, o, mk)?;
    let msg = if msg.is_undefined() {
        JsString::from_str(cx.gcx(), "")
    } else {
        to_string(cx, msg)?
    };
    // 7-9.
    if name.is_empty() {
        return Ok(Value::String(msg));
    }
    if msg.is_empty() {
        return Ok(Value::String(name));
    }
    let gcx = cx.gcx();
    let sep = JsString::from_str(gcx, ": ");
    let joined = JsString::concat(gcx, name, sep)
        .and_then(|head| JsString::concat(gcx, head, msg))
        .map_err(|_| super::native_ops::range_error(cx, "Invalid string length"))?;
    Ok(Value::String(joined))
}

/// Error.isError ( arg ) (<https://tc39.es/ecma262/#sec-error.iserror>): whether `arg` has an
/// [[ErrorData]] slot.
pub(crate) fn error_is_error<'gc>(
    _cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let is = match args.first() {
        Some(Value::Object(o)) => matches!(o.borrow().kind, ObjectKind::Error),
        _ => false,
    };
    Ok(Value::Boolean(is))
}
