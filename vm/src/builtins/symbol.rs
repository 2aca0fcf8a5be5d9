//! The Symbol constructor, its statics (the well-known symbols, `Symbol.for`/`Symbol.keyFor`
//! over the context's GlobalSymbolRegistry) and Symbol.prototype
//! (<https://tc39.es/ecma262/#sec-symbol-objects>).

use crate::builtins::coerce::{arg, to_string};
use crate::function::NativeCtx;
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::WellKnownSymbols;
use crate::object::ObjectKind;
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{PropertyKey, Symbol, Value};

/// Create %Symbol%, fill %Symbol.prototype% and bind the global `Symbol`.
pub(crate) fn install<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    symbols: &WellKnownSymbols<'gc>,
) {
    let proto = realm.intrinsics().symbol_prototype;
    let ctor = realm.new_native_function(
        gcx,
        interner,
        "Symbol",
        0,
        symbol_call,
        Some(symbol_construct),
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
    // 20.4.2: the well-known symbols, neither writable, enumerable nor configurable.
    let well_known = [
        ("asyncDispose", symbols.async_dispose),
        ("asyncIterator", symbols.async_iterator),
        ("dispose", symbols.dispose),
        ("hasInstance", symbols.has_instance),
        ("isConcatSpreadable", symbols.is_concat_spreadable),
        ("iterator", symbols.iterator),
        ("match", symbols.match_),
        ("matchAll", symbols.match_all),
        ("replace", symbols.replace),
        ("search", symbols.search),
        ("species", symbols.species),
        ("split", symbols.split),
        ("toPrimitive", symbols.to_primitive),
        ("toStringTag", symbols.to_string_tag),
        ("unscopables", symbols.unscopables),
    ];
    for (name, sym) in well_known {
        realm.define_value(gcx, interner, ctor, name, Value::Symbol(sym), Attrs::NONE);
    }
    realm.define_native_method(gcx, interner, ctor, "for", symbol_for, 1);
    realm.define_native_method(gcx, interner, ctor, "keyFor", symbol_key_for, 1);
    realm.define_native_accessor(
        gcx,
        interner,
        proto,
        "description",
        Some(symbol_prototype_description),
        None,
    );
    realm.define_native_method(
        gcx,
        interner,
        proto,
        "toString",
        symbol_prototype_to_string,
        0,
    );
    realm.define_native_method(
        gcx,
        interner,
        proto,
        "valueOf",
        symbol_prototype_value_of,
        0,
    );
    // 20.4.3.5: @@toPrimitive is configurable only.
    let to_prim = realm.new_native_function(
        gcx,
        interner,
        "[Symbol.toPrimitive]",
        1,
        symbol_prototype_to_primitive,
        None,
        Value::Undefined,
    );
    proto.put_data(
        gcx,
        PropertyKey::Symbol(symbols.to_primitive),
        Value::Object(to_prim),
        Attrs(Attrs::CONFIGURABLE),
    );
    proto.put_data(
        gcx,
        PropertyKey::Symbol(symbols.to_string_tag),
        Value::String(JsString::from_str(gcx, "Symbol")),
        Attrs(Attrs::CONFIGURABLE),
    );
    let global = realm.global();
    realm.define_value(
        gcx,
        interner,
        global,
        "Symbol",
        Value::Object(ctor),
        Attrs::HIDDEN,
    );
}

/// Symbol([description]) (<https://tc39.es/ecma262/#sec-symbol-description>).
fn symbol_call<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    // 2-3. descString: undefined stays undefined, else ? ToString(description).
    let description = match arg(args, 0) {
        Value::Undefined => None,
        d => Some(to_string(cx, d)?),
    };
    // 4. A new Symbol whose [[Description]] is descString.
    Ok(Value::Symbol(Symbol::new(cx.gcx(), description)))
}

/// `new Symbol()`: step 1, NewTarget is not undefined, so a TypeError.
fn symbol_construct<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    Err(cx.type_error("Symbol is not a constructor"))
}

/// Symbol.for(key) (<https://tc39.es/ecma262/#sec-symbol.for>).
fn symbol_for<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    // 1. Let stringKey be ? ToString(key).
    let string_key = to_string(cx, arg(args, 0))?;
    let gcx = cx.gcx();
    // Interning makes equal strings one key, so the registry is a hash lookup.
    let key = cx.vm.interner.key(gcx, string_key);
    let registry = cx.vm.symbols.registry;
    // 2. An existing record for stringKey answers its symbol.
    if let Some(v) = registry.borrow().get(&key).copied() {
        return Ok(v);
    }
    // 3-6. Otherwise register a new symbol described by stringKey.
    let sym = Symbol::new(gcx, Some(string_key));
    let mut map = registry.borrow_mut(gcx.mc);
    map.insert(key, Value::Symbol(sym));
    map.insert(PropertyKey::Symbol(sym), Value::String(string_key));
    Ok(Value::Symbol(sym))
}

/// Symbol.keyFor(sym) (<https://tc39.es/ecma262/#sec-symbol.keyfor>).
fn symbol_key_for<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    // 1. If sym is not a Symbol, throw a TypeError exception.
    let Value::Symbol(sym) = arg(args, 0) else {
        return Err(cx.type_error("Symbol.keyFor: argument is not a symbol"));
    };
    // 2. KeyForSymbol: the registered string, or undefined.
    let registry = cx.vm.symbols.registry;
    let found = registry.borrow().get(&PropertyKey::Symbol(sym)).copied();
    Ok(found.unwrap_or(Value::Undefined))
}

/// ThisSymbolValue (<https://tc39.es/ecma262/#sec-thissymbolvalue>).
fn this_symbol_value<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
) -> Result<Symbol<'gc>, Value<'gc>> {
    match v {
        Value::Symbol(s) => Ok(s),
        Value::Object(o) => match o.borrow().kind {
            ObjectKind::Symbol(s) => Some(s),
            _ => None,
        }
        .ok_or_else(|| cx.type_error("Symbol.prototype method called on an incompatible receiver")),
        _ => Err(cx.type_error("Symbol.prototype method called on an incompatible receiver")),
    }
}

/// SymbolDescriptiveString (<https://tc39.es/ecma262/#sec-symboldescriptivestring>).
pub(crate) fn symbol_descriptive_string<'gc>(gcx: Gcx<'gc>, sym: Symbol<'gc>) -> JsString<'gc> {
    let mut units: Vec<u16> = "Symbol(".encode_utf16().collect();
    if let Some(d) = sym.description() {
        units.extend(d.to_utf16(gcx));
    }
    units.push(u16::from(b')'));
    JsString::from_utf16(gcx, units)
}

/// get Symbol.prototype.description (<https://tc39.es/ecma262/#sec-symbol.prototype.description>).
fn symbol_prototype_description<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let sym = this_symbol_value(cx, this)?;
    Ok(sym.description().map_or(Value::Undefined, Value::String))
}

/// Symbol.prototype.toString (<https://tc39.es/ecma262/#sec-symbol.prototype.tostring>).
fn symbol_prototype_to_string<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let sym = this_symbol_value(cx, this)?;
    Ok(Value::String(symbol_descriptive_string(cx.gcx(), sym)))
}

/// Symbol.prototype.valueOf (<https://tc39.es/ecma262/#sec-symbol.prototype.valueof>).
fn symbol_prototype_value_of<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    this_symbol_value(cx, this).map(Value::Symbol)
}

/// Symbol.prototype [ @@toPrimitive ] ( hint )
/// (<https://tc39.es/ecma262/#sec-symbol.prototype-%symbol.toprimitive%>).
fn symbol_prototype_to_primitive<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    this_symbol_value(cx, this).map(Value::Symbol)
}

#[cfg(test)]
mod tests {
    use crate::builtins::coerce::eval_string;

    #[test]
    fn registry_and_descriptions() {
        assert_eq!(eval_string("'' + (Symbol.for('a') === Symbol.for('a')) + Symbol.keyFor(Symbol.for('a')) + Symbol.keyFor(Symbol('a'))"), "trueaundefined");
        assert_eq!(
            eval_string("Symbol('d').description + Symbol().description + Symbol('x').toString()"),
            "dundefinedSymbol(x)"
        );
        assert_eq!(
            eval_string("try { new Symbol() } catch (e) { e.name }"),
            "TypeError"
        );
        assert_eq!(
            eval_string("try { Symbol.keyFor('a') } catch (e) { e.name }"),
            "TypeError"
        );
        assert_eq!(
            eval_string("Symbol.iterator.description + Symbol.asyncIterator.toString()"),
            "Symbol.iteratorSymbol(Symbol.asyncIterator)"
        );
        assert_eq!(eval_string("function box(v) { return function () { return this; }.call(v); } var s = Symbol('q'); var o = box(s); typeof o + (o.valueOf() === s) + (o[Symbol.toPrimitive]() === s) + o[Symbol.toStringTag]"), "objecttruetrueSymbol");
    }
}
