//! Realms: intrinsics, the global object and the global lexical environment, plus the
//! registration API the built-in library uses to install native functions.

use std::collections::HashMap;

use gc_arena::lock::RefLock;
use gc_arena::{Collect, Gc, Static};
use moat_bytecode::isa::ErrorKind;

use crate::function::{NativeCtx, NativeFn, NativeFunction};
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::object::{Object, ObjectKind, Property, Slot};
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};

/// The error constructors a realm has, in a fixed order.
pub const ERROR_NAMES: [&str; 8] = [
    "Error",
    "TypeError",
    "RangeError",
    "ReferenceError",
    "SyntaxError",
    "EvalError",
    "URIError",
    "AggregateError",
];

/// The intrinsic objects of a realm (<https://tc39.es/ecma262/#sec-well-known-intrinsic-objects>).
#[derive(Collect)]
#[collect(no_drop)]
pub struct Intrinsics<'gc> {
    pub object_prototype: Object<'gc>,
    pub function_prototype: Object<'gc>,
    pub array_prototype: Object<'gc>,
    pub string_prototype: Object<'gc>,
    pub number_prototype: Object<'gc>,
    pub boolean_prototype: Object<'gc>,
    pub symbol_prototype: Object<'gc>,
    pub bigint_prototype: Object<'gc>,
    pub iterator_prototype: Object<'gc>,
    pub array_iterator_prototype: Object<'gc>,
    /// %parseInt% and %parseFloat% (builtins/global.rs), shared by the global object and
    /// Number.parseInt/parseFloat.
    pub parse_int: Object<'gc>,
    pub parse_float: Object<'gc>,
    /// %StringIteratorPrototype%.
    pub string_iterator_prototype: Object<'gc>,
    /// %ArrayIteratorPrototype%.next and %Array.prototype.values% (also `@@iterator`), which
    /// the interpreter recognises to spread arrays without observable iteration.
    pub array_iterator_next: Object<'gc>,
    pub array_values: Object<'gc>,
    /// Constructors and prototypes in [`ERROR_NAMES`] order.
    pub error_constructors: [Object<'gc>; 8],
    pub error_prototypes: [Object<'gc>; 8],
    /// %ThrowTypeError%.
    pub throw_type_error: Object<'gc>,
    /// %Array%.
    pub array: Object<'gc>,
    /// %Object% and %Function% (builtins/object.rs, builtins/function.rs).
    pub object_constructor: Object<'gc>,
    pub function_constructor: Object<'gc>,
    /// Generators, async functions, async iteration and promises (`coro_builtins.rs`).
    pub coro: crate::coro_builtins::CoroIntrinsics<'gc>,
}

/// A binding of the global lexical environment: value (`Empty` in TDZ) and mutability.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct GlobalBinding<'gc> {
    pub value: Value<'gc>,
    pub mutable: bool,
}

/// A realm record (<https://tc39.es/ecma262/#sec-code-realms>).
#[derive(Collect)]
#[collect(no_drop)]
pub struct RealmData<'gc> {
    pub intrinsics: Intrinsics<'gc>,
    pub global: Object<'gc>,
    /// The global environment's declarative record (top-level let/const/class).
    pub global_lexical:
        RefLock<HashMap<PropertyKey<'gc>, GlobalBinding<'gc>, crate::value::KeyHash>>,
    /// %eval% and the template objects of tagged templates.
    pub extras: RefLock<crate::interp::realm_extras::RealmExtras<'gc>>,
}

/// A handle to a realm.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct Realm<'gc>(pub Gc<'gc, RealmData<'gc>>);

fn error_kind_index(kind: ErrorKind) -> usize {
    match kind {
        ErrorKind::TypeError => 1,
        ErrorKind::RangeError => 2,
        ErrorKind::ReferenceError => 3,
        ErrorKind::SyntaxError => 4,
    }
}

impl<'gc> Realm<'gc> {
    /// CreateRealm + SetDefaultGlobalBindings
    /// (<https://tc39.es/ecma262/#sec-createrealm>, <https://tc39.es/ecma262/#sec-setdefaultglobalbindings>).
    pub fn new(
        gcx: Gcx<'gc>,
        interner: &mut Interner<'gc>,
        symbols: &crate::interp::WellKnownSymbols<'gc>,
    ) -> Self {
        // 1. Allocate the intrinsic objects first (functions become functions once the realm
        // exists, since their [[Realm]] points back to it).
        let object_prototype = Object::new(gcx, None, ObjectKind::Ordinary);
        let fp = Object::new(gcx, Some(object_prototype), ObjectKind::Ordinary);
        let ordinary = |proto| Object::new(gcx, Some(proto), ObjectKind::Ordinary);
        let array_prototype = Object::new_array(gcx, Some(object_prototype));
        let string_prototype = Object::new(
            gcx,
            Some(object_prototype),
            ObjectKind::String(JsString::from_str(gcx, "")),
        );
        let number_prototype = Object::new(gcx, Some(object_prototype), ObjectKind::Number(0.0));
        let boolean_prototype =
            Object::new(gcx, Some(object_prototype), ObjectKind::Boolean(false));
        let symbol_prototype = ordinary(object_prototype);
        let bigint_prototype = ordinary(object_prototype);
        let iterator_prototype = ordinary(object_prototype);
        let array_iterator_prototype = ordinary(iterator_prototype);
        let string_iterator_prototype = ordinary(iterator_prototype);
        let parse_int = ordinary(fp);
        let parse_float = ordinary(fp);
        let array_iterator_next = ordinary(fp);
        let array_values = ordinary(fp);
        let error_prototypes: [Object<'gc>; 8] = std::array::from_fn(|i| {
            if i == 0 {
                ordinary(object_prototype)
            } else {
                Object::new(gcx, None, ObjectKind::Ordinary)
            }
        });
        for p in error_prototypes.iter().skip(1) {
            p.borrow_mut(gcx.mc).prototype = Some(error_prototypes[0]);
        }
        let error_constructors: [Object<'gc>; 8] = std::array::from_fn(|_| ordinary(fp));
        for c in error_constructors.iter().skip(1) {
            c.borrow_mut(gcx.mc).prototype = Some(error_constructors[0]);
        }
        let throw_type_error = ordinary(fp);
        let array = ordinary(fp);
        let object_constructor = ordinary(fp);
        let function_constructor = ordinary(fp);
        let global = ordinary(object_prototype);
        let realm = Realm(Gc::new(
            gcx.mc,
            RealmData {
                intrinsics: Intrinsics {
                    object_prototype,
                    function_prototype: fp,
                    array_prototype,
                    string_prototype,
                    number_prototype,
                    boolean_prototype,
                    symbol_prototype,
                    bigint_prototype,
                    iterator_prototype,
                    array_iterator_prototype,
                    string_iterator_prototype,
                    parse_int,
                    parse_float,
                    array_iterator_next,
                    array_values,
                    error_constructors,
                    error_prototypes,
                    throw_type_error,
                    array,
                    object_constructor,
                    function_constructor,
                    coro: crate::coro_builtins::CoroIntrinsics::alloc(
                        gcx,
                        object_prototype,
                        fp,
                        iterator_prototype,
                    ),
                },
                global,
                global_lexical: RefLock::new(HashMap::default()),
                extras: RefLock::new(crate::interp::realm_extras::RealmExtras::default()),
            },
        ));
        // 2. Turn the function intrinsics into functions.
        realm.make_native(gcx, fp, function_prototype_call, None);
        realm.set_function_props(gcx, interner, fp, "", 0);
        realm.make_native(gcx, throw_type_error, throw_type_error_call, None);
        realm.set_function_props(gcx, interner, throw_type_error, "", 0);
        // %ThrowTypeError% (<https://tc39.es/ecma262/#sec-%throwtypeerror%>): not extensible,
        // with non-configurable `length` and `name`, so it is frozen.
        let length_key = interner.key_str(gcx, "length");
        let name_key = interner.key_str(gcx, "name");
        for key in [length_key, name_key] {
            if let Some(p) = throw_type_error.get_own_property(gcx, key) {
                if let Slot::Data(v) = p.slot {
                    throw_type_error.put_data(gcx, key, v, Attrs::NONE);
                }
            }
        }
        throw_type_error.prevent_extensions(gcx);
        let proto_key = interner.key_str(gcx, "prototype");
        let ctor_key = interner.key_str(gcx, "constructor");
        let name_key = interner.key_str(gcx, "name");
        let message_key = interner.key_str(gcx, "message");
        for (i, name) in ERROR_NAMES.iter().enumerate() {
            let (ctor, proto) = (error_constructors[i], error_prototypes[i]);
            realm.make_native(
                gcx,
                ctor,
                crate::builtins::error::error_constructor,
                Some(crate::builtins::error::error_constructor),
            );
            realm.set_function_props(gcx, interner, ctor, name, 1);
            ctor.put_data(gcx, proto_key, Value::Object(proto), Attrs::NONE);
            proto.put_data(gcx, ctor_key, Value::Object(ctor), Attrs::HIDDEN);
            proto.put_data(
                gcx,
                name_key,
                Value::String(JsString::from_str(gcx, name)),
                Attrs::HIDDEN,
            );
            proto.put_data(
                gcx,
                message_key,
                Value::String(JsString::from_str(gcx, "")),
                Attrs::HIDDEN,
            );
            let g = interner.key_str(gcx, name);
            global.put_data(gcx, g, Value::Object(ctor), Attrs::HIDDEN);
        }
        realm.define_native_method(
            gcx,
            interner,
            object_prototype,
            "toString",
            object_to_string,
            0,
        );
        realm.define_native_method(
            gcx,
            interner,
            object_prototype,
            "valueOf",
            object_value_of,
            0,
        );
        // The iteration intrinsics the language needs (spread, for-of, destructuring).
        realm.make_native(gcx, array_iterator_next, array_iterator_next_call, None);
        realm.set_function_props(gcx, interner, array_iterator_next, "next", 0);
        let next_key = interner.key_str(gcx, "next");
        array_iterator_prototype.put_data(
            gcx,
            next_key,
            Value::Object(array_iterator_next),
            Attrs::HIDDEN,
        );
        let tag = Value::String(JsString::from_str(gcx, "Array Iterator"));
        array_iterator_prototype.put_data(
            gcx,
            PropertyKey::Symbol(symbols.to_string_tag),
            tag,
            Attrs(Attrs::CONFIGURABLE),
        );
        realm.make_native(gcx, array_values, array_values_call, None);
        realm.set_function_props(gcx, interner, array_values, "values", 0);
        let values_key = interner.key_str(gcx, "values");
        array_prototype.put_data(gcx, values_key, Value::Object(array_values), Attrs::HIDDEN);
        array_prototype.put_data(
            gcx,
            PropertyKey::Symbol(symbols.iterator),
            Value::Object(array_values),
            Attrs::HIDDEN,
        );
        realm.define_native_method(gcx, interner, array_prototype, "keys", array_keys_call, 0);
        realm.define_native_method(
            gcx,
            interner,
            array_prototype,
            "entries",
            array_entries_call,
            0,
        );
        let f = realm.new_native_function(
            gcx,
            interner,
            "[Symbol.iterator]",
            0,
            return_this,
            None,
            Value::Undefined,
        );
        iterator_prototype.put_data(
            gcx,
            PropertyKey::Symbol(symbols.iterator),
            Value::Object(f),
            Attrs::HIDDEN,
        );
        // 3. SetDefaultGlobalBindings: the value properties.
        let k = interner.key_str(gcx, "globalThis");
        global.put_data(gcx, k, Value::Object(global), Attrs::HIDDEN);
        for (name, v) in [("NaN", f64::NAN), ("Infinity", f64::INFINITY)] {
            let k = interner.key_str(gcx, name);
            global.put_data(gcx, k, Value::Number(v), Attrs::NONE);
        }
        let k = interner.key_str(gcx, "undefined");
        global.put_data(gcx, k, Value::Undefined, Attrs::NONE);
        // Object and Function first: later installs (coro_builtins) read the global `Function`.
        crate::builtins::object::install(realm, gcx, interner, symbols);
        crate::builtins::function::install(realm, gcx, interner, symbols);
        crate::builtins::error::install(realm, gcx, interner);
        crate::builtins::array::install(realm, gcx, interner, symbols);
        crate::builtins::array_iteration::install(realm, gcx, interner);
        crate::builtins::function_call::install(realm, gcx, interner);
        crate::builtins::json::install(realm, gcx, interner, symbols);
        crate::builtins::string::install(realm, gcx, interner, symbols);
        crate::builtins::symbol::install(realm, gcx, interner, symbols);
        crate::builtins::boolean::install(realm, gcx, interner);
        crate::builtins::number::install(realm, gcx, interner);
        crate::builtins::math::install(realm, gcx, interner, symbols);
        crate::builtins::bigint::install(realm, gcx, interner, symbols);
        crate::coro_builtins::install(realm, gcx, interner, symbols);
        crate::interp::eval::install(realm, gcx, interner);
        crate::builtins::reflect::install(realm, gcx, interner, symbols);
        crate::builtins::global::install(realm, gcx, interner, symbols);
        crate::builtins::suppressed_error::install(realm, gcx, interner);
        crate::builtins::disposable_stack::install(realm, gcx, interner, symbols);
        crate::builtins::async_disposable_stack::install(realm, gcx, interner, symbols);
        realm
    }

    pub fn intrinsics(&self) -> &Intrinsics<'gc> {
        &self.0.as_ref().intrinsics
    }

    pub fn global(self) -> Object<'gc> {
        self.0.global
    }

    pub fn ptr_eq(self, other: Self) -> bool {
        Gc::ptr_eq(self.0, other.0)
    }

    pub(crate) fn make_native(
        self,
        gcx: Gcx<'gc>,
        obj: Object<'gc>,
        call: NativeFn,
        ctor: Option<NativeFn>,
    ) {
        obj.borrow_mut(gcx.mc).kind = ObjectKind::Native(Box::new(NativeFunction {
            call: Static(call),
            constructor: ctor.map(Static),
            realm: self,
            data: Value::Undefined,
            html_dda: false,
        }));
    }

    /// SetFunctionLength and SetFunctionName for a built-in.
    pub(crate) fn set_function_props(
        self,
        gcx: Gcx<'gc>,
        interner: &mut Interner<'gc>,
        f: Object<'gc>,
        name: &str,
        length: u32,
    ) {
        f.put_data(
            gcx,
            gcx.length,
            Value::Number(f64::from(length)),
            Attrs(Attrs::CONFIGURABLE),
        );
        let k = interner.key_str(gcx, "name");
        f.put_data(
            gcx,
            k,
            Value::String(JsString::from_str(gcx, name)),
            Attrs(Attrs::CONFIGURABLE),
        );
    }

    /// CreateBuiltinFunction (<https://tc39.es/ecma262/#sec-createbuiltinfunction>): a native
    /// function of this realm with `length` and `name`, a constructor when `ctor` is given.
    #[allow(clippy::too_many_arguments)]
    pub fn new_native_function(
        self,
        gcx: Gcx<'gc>,
        interner: &mut Interner<'gc>,
        name: &str,
        length: u32,
        call: NativeFn,
        ctor: Option<NativeFn>,
        data: Value<'gc>,
    ) -> Object<'gc> {
        let f = Object::new(
            gcx,
            Some(self.intrinsics().function_prototype),
            ObjectKind::Native(Box::new(NativeFunction {
                call: Static(call),
                constructor: ctor.map(Static),
                realm: self,
                data,
                html_dda: false,
            })),
        );
        self.set_function_props(gcx, interner, f, name, length);
        f
    }

    /// Install a built-in method (writable, configurable, not enumerable) on `obj`.
    pub fn define_native_method(
        self,
        gcx: Gcx<'gc>,
        interner: &mut Interner<'gc>,
        obj: Object<'gc>,
        name: &str,
        call: NativeFn,
        length: u32,
    ) -> Object<'gc> {
        let f = self.new_native_function(gcx, interner, name, length, call, None, Value::Undefined);
        let k = interner.key_str(gcx, name);
        obj.put_data(gcx, k, Value::Object(f), Attrs::HIDDEN);
        f
    }

    /// Install a data property with `attrs`.
    pub fn define_value(
        self,
        gcx: Gcx<'gc>,
        interner: &mut Interner<'gc>,
        obj: Object<'gc>,
        name: &str,
        value: Value<'gc>,
        attrs: Attrs,
    ) {
        let k = interner.key_str(gcx, name);
        obj.put_data(gcx, k, value, attrs);
    }

    /// Install a built-in accessor (configurable, not enumerable); "get "/"set " names per spec.
    pub fn define_native_accessor(
        self,
        gcx: Gcx<'gc>,
        interner: &mut Interner<'gc>,
        obj: Object<'gc>,
        name: &str,
        get: Option<NativeFn>,
        set: Option<NativeFn>,
    ) {
        let g = get.map(|g| {
            self.new_native_function(
                gcx,
                interner,
                &format!("get {name}"),
                0,
                g,
                None,
                Value::Undefined,
            )
        });
        let s = set.map(|s| {
            self.new_native_function(
                gcx,
                interner,
                &format!("set {name}"),
                1,
                s,
                None,
                Value::Undefined,
            )
        });
        let k = interner.key_str(gcx, name);
        obj.borrow_mut(gcx.mc).write_own(
            gcx,
            k,
            Property {
                slot: Slot::Accessor { get: g, set: s },
                attrs: Attrs(Attrs::CONFIGURABLE),
            },
        );
    }

    /// A new error object of `kind` with `message` (what the VM throws for its own errors).
    pub fn make_error(
        self,
        gcx: Gcx<'gc>,
        interner: &mut Interner<'gc>,
        kind: ErrorKind,
        message: &str,
    ) -> Object<'gc> {
        let proto = self
            .intrinsics()
            .error_prototypes
            .get(error_kind_index(kind))
            .copied();
        let e = Object::new(gcx, proto, ObjectKind::Error);
        let k = interner.key_str(gcx, "message");
        e.put_data(
            gcx,
            k,
            Value::String(JsString::from_str(gcx, message)),
            Attrs::HIDDEN,
        );
        e
    }

    /// The prototype of error constructor `index` (in [`ERROR_NAMES`] order).
    pub fn error_prototype(self, index: usize) -> Option<Object<'gc>> {
        self.intrinsics().error_prototypes.get(index).copied()
    }
}

fn function_prototype_call<'gc>(
    _: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    _: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    Ok(Value::Undefined)
}

fn throw_type_error_call<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    _: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    Err(cx.type_error("'caller', 'callee', and 'arguments' properties may not be accessed"))
}

/// Object.prototype.toString without @@toStringTag (the builtins issue completes it).
fn object_to_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let tag = match this {
        Value::Undefined => "Undefined",
        Value::Null => "Null",
        Value::Object(o) => match &o.borrow().kind {
            ObjectKind::Array(_) => "Array",
            ObjectKind::Function(_) | ObjectKind::Native(_) | ObjectKind::Bound(_) => "Function",
            ObjectKind::Error => "Error",
            ObjectKind::Boolean(_) => "Boolean",
            ObjectKind::Number(_) => "Number",
            ObjectKind::String(_) => "String",
            ObjectKind::Arguments | ObjectKind::MappedArguments(_) => "Arguments",
            _ => "Object",
        },
        Value::Boolean(_) => "Boolean",
        Value::Number(_) => "Number",
        Value::String(_) => "String",
        _ => "Object",
    };
    Ok(cx.string(&format!("[object {tag}]")))
}

fn object_value_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    match this {
        Value::Object(_) => Ok(this),
        Value::Undefined | Value::Null => {
            Err(cx.type_error("Cannot convert undefined or null to object"))
        }
        // ToObject of a primitive: the wrapper is observable only through identity here.
        other => Ok(other),
    }
}

fn return_this<'gc>(
    _: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    Ok(this)
}

/// CreateArrayIterator (<https://tc39.es/ecma262/#sec-createarrayiterator>) over ToObject(this).
fn make_array_iterator<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    kind: crate::object::IterKind,
) -> Result<Value<'gc>, Value<'gc>> {
    let realm = cx.realm;
    let target = cx.vm.to_object_in(realm, this)?;
    let proto = realm.intrinsics().array_iterator_prototype;
    let state = crate::object::ArrayIterState {
        target: Some(target),
        index: 0,
        kind,
    };
    Ok(Value::Object(Object::new(
        cx.gcx(),
        Some(proto),
        ObjectKind::ArrayIterator(Box::new(state)),
    )))
}

fn array_values_call<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    make_array_iterator(cx, this, crate::object::IterKind::Values)
}

fn array_keys_call<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    make_array_iterator(cx, this, crate::object::IterKind::Keys)
}

fn array_entries_call<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    make_array_iterator(cx, this, crate::object::IterKind::Entries)
}

/// [[Get]] from a native, running a getter on the Rust stack (bounded).
pub fn native_get<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
) -> Result<Value<'gc>, Value<'gc>> {
    match o.get(cx.gcx(), key) {
        crate::object::Lookup::Value(v) => Ok(v),
        crate::object::Lookup::Getter(g) => cx.call(Value::Object(g), Value::Object(o), &[]),
    }
}

/// %ArrayIteratorPrototype%.next (<https://tc39.es/ecma262/#sec-%arrayiteratorprototype%.next>).
fn array_iterator_next_call<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let Value::Object(it) = this else {
        return Err(cx.type_error("next called on a non-iterator"));
    };
    let state = match &it.borrow().kind {
        ObjectKind::ArrayIterator(s) => Some((s.target, s.index, s.kind)),
        _ => None,
    };
    let Some((target, index, kind)) = state else {
        return Err(cx.type_error("next called on an incompatible receiver"));
    };
    let result = |cx: &mut NativeCtx<'gc, '_>, v: Value<'gc>, done: bool| {
        let o = cx.vm.iter_result_object(v, done);
        Ok(Value::Object(o))
    };
    let Some(target) = target else {
        return result(cx, Value::Undefined, true);
    };
    // LengthOfArrayLike: arrays answer directly, others through [[Get]] and ToLength.
    let len = match &target.borrow().kind {
        ObjectKind::Array(a) => Some(f64::from(a.length)),
        ObjectKind::String(s) => Some(s.len() as f64),
        _ => None,
    };
    let len = match len {
        Some(l) => l,
        None => {
            let k = cx.gcx().length;
            let v = native_get(cx, target, k)?;
            let n = match v {
                Value::Object(_) => return Err(cx.type_error("length must be a primitive here")),
                other => crate::ops::to_number_primitive(cx.gcx(), other)
                    .ok_or_else(|| cx.type_error("Cannot convert length to a number"))?,
            };
            if n.is_nan() || n <= 0.0 {
                0.0
            } else {
                n.floor().min(9_007_199_254_740_991.0)
            }
        }
    };
    if f64::from(index) >= len {
        if let ObjectKind::ArrayIterator(s) = &mut it.borrow_mut(cx.gcx().mc).kind {
            s.target = None;
        }
        return result(cx, Value::Undefined, true);
    }
    if let ObjectKind::ArrayIterator(s) = &mut it.borrow_mut(cx.gcx().mc).kind {
        s.index = index.saturating_add(1);
    }
    let key_value = Value::Number(f64::from(index));
    let v = match kind {
        crate::object::IterKind::Keys => key_value,
        crate::object::IterKind::Values => native_get(cx, target, PropertyKey::Index(index))?,
        crate::object::IterKind::Entries => {
            let v = native_get(cx, target, PropertyKey::Index(index))?;
            Value::Object(cx.vm.array_from(&[key_value, v]))
        }
    };
    result(cx, v, false)
}
