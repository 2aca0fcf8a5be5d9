//! The JSON object (<https://tc39.es/ecma262/#sec-json-object>): `JSON.parse` (with the
//! reviver walk and its `context.source`), `JSON.stringify`, `JSON.rawJSON` and
//! `JSON.isRawJSON`.
//!
//! The reviver walk (`json_revive.rs`) and JSON.stringify (`json_stringify.rs`) are native
//! continuations: their callbacks and getters run in the interpreter's frames, and they keep
//! their state on explicit stacks, so hostile nesting fails with a RangeError instead of
//! exhausting the Rust stack.

use std::ops::Range;

use gc_arena::Collect;
use moat_bytecode::isa::ErrorKind;

use crate::function::NativeCtx;
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::WellKnownSymbols;
use crate::json::{check_raw_json_text, parse_json, JsonBuilder, ParseError};
use crate::object::{Object, ObjectKind};
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{KeyMap, PropertyKey, Value};

use super::native_ops::{
    charge, create_data_property_or_throw, is_callable, range_error, to_string, Poller, Res,
};

/// Create the JSON object and bind it globally.
pub(crate) fn install<'gc>(
    realm: Realm<'gc>,
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    symbols: &WellKnownSymbols<'gc>,
) {
    let json = Object::new(
        gcx,
        Some(realm.intrinsics().object_prototype),
        ObjectKind::Ordinary,
    );
    realm.define_native_method(gcx, interner, json, "parse", json_parse, 2);
    realm.define_native_method(
        gcx,
        interner,
        json,
        "stringify",
        super::json_stringify::json_stringify,
        3,
    );
    realm.define_native_method(gcx, interner, json, "rawJSON", json_raw_json, 1);
    realm.define_native_method(gcx, interner, json, "isRawJSON", json_is_raw_json, 1);
    json.put_data(
        gcx,
        PropertyKey::Symbol(symbols.to_string_tag),
        Value::String(JsString::from_str(gcx, "JSON")),
        Attrs(Attrs::CONFIGURABLE),
    );
    realm.define_value(
        gcx,
        interner,
        realm.global(),
        "JSON",
        Value::Object(json),
        Attrs::HIDDEN,
    );
}

// ----- JSON.parse --------------------------------------------------------------------------

/// A parsed value with its JSON Parse Record parts
/// (<https://tc39.es/ecma262/#sec-json-parse-record>): the source of a primitive, the records
/// of an array's elements and of an object's members (kept only when a reviver will need them),
/// these as indices into the parse's record table (a flat table keeps the type non-recursive,
/// so that the reviver walk can keep it in the heap).
#[derive(Collect)]
#[collect(no_drop)]
pub(crate) struct Node<'gc> {
    pub(crate) value: Value<'gc>,
    #[collect(require_static)]
    pub(crate) source: Option<Range<usize>>,
    pub(crate) elements: Vec<Option<u32>>,
    pub(crate) entries: KeyMap<'gc, u32>,
}

impl<'gc> Node<'gc> {
    fn leaf(value: Value<'gc>, source: Option<Range<usize>>) -> Self {
        Node {
            value,
            source,
            elements: Vec::new(),
            entries: KeyMap::default(),
        }
    }
}

/// Builds VM values straight from the parser, checking the heap limit and deadline as it goes.
struct VmBuilder<'c, 'gc, 'a> {
    cx: &'c mut NativeCtx<'gc, 'a>,
    records: bool,
    /// The records of every element and member, when `records`.
    table: Vec<Node<'gc>>,
    poller: Poller,
}

impl<'gc> VmBuilder<'_, 'gc, '_> {
    fn leaf(&mut self, value: Value<'gc>, source: Range<usize>) -> Res<'gc, Node<'gc>> {
        self.poller.tick(self.cx)?;
        Ok(Node::leaf(value, self.records.then_some(source)))
    }
    fn check_heap(&mut self) -> Res<'gc, ()> {
        self.poller.tick(self.cx)?;
        charge(self.cx, 0)
    }
    /// Keep `node` in the record table; its index.
    fn keep(&mut self, node: Node<'gc>) -> Res<'gc, u32> {
        let Ok(id) = u32::try_from(self.table.len()) else {
            return Err(range_error(self.cx, "JSON.parse: too many values"));
        };
        self.table.push(node);
        Ok(id)
    }
}

impl<'gc> JsonBuilder for VmBuilder<'_, 'gc, '_> {
    type Value = Node<'gc>;
    type Error = Value<'gc>;

    fn null(&mut self, source: Range<usize>) -> Res<'gc, Node<'gc>> {
        self.leaf(Value::Null, source)
    }
    fn boolean(&mut self, value: bool, source: Range<usize>) -> Res<'gc, Node<'gc>> {
        self.leaf(Value::Boolean(value), source)
    }
    fn number(&mut self, value: f64, source: Range<usize>) -> Res<'gc, Node<'gc>> {
        self.leaf(Value::Number(value), source)
    }
    fn string(&mut self, value: &[u16], source: Range<usize>) -> Res<'gc, Node<'gc>> {
        charge(self.cx, value.len().saturating_mul(2))?;
        let s = JsString::from_utf16(self.cx.gcx(), value.to_vec());
        self.leaf(Value::String(s), source)
    }
    fn begin_array(&mut self) -> Res<'gc, Node<'gc>> {
        self.check_heap()?;
        let proto = self.cx.realm.intrinsics().array_prototype;
        let a = Object::new_array(self.cx.gcx(), Some(proto));
        Ok(Node::leaf(Value::Object(a), None))
    }
    fn array_push(&mut self, array: &mut Node<'gc>, element: Node<'gc>) -> Res<'gc, ()> {
        self.check_heap()?;
        if let Value::Object(a) = array.value {
            let len = crate::interp::array_length(a);
            a.put_data(
                self.cx.gcx(),
                PropertyKey::Index(len),
                element.value,
                Attrs::DEFAULT,
            );
        }
        if self.records {
            let id = self.keep(element)?;
            array.elements.push(Some(id));
        }
        Ok(())
    }
    fn begin_object(&mut self) -> Res<'gc, Node<'gc>> {
        self.check_heap()?;
        let proto = self.cx.realm.intrinsics().object_prototype;
        let o = Object::new(self.cx.gcx(), Some(proto), ObjectKind::Ordinary);
        Ok(Node::leaf(Value::Object(o), None))
    }
    fn object_insert(
        &mut self,
        object: &mut Node<'gc>,
        key: &[u16],
        value: Node<'gc>,
    ) -> Res<'gc, ()> {
        self.check_heap()?;
        let gcx = self.cx.gcx();
        let k = self.cx.vm.interner.key_units(gcx, key);
        if let Value::Object(o) = object.value {
            o.put_data(gcx, k, value.value, Attrs::DEFAULT);
        }
        if self.records {
            let id = self.keep(value)?;
            object.entries.insert(k, id);
        }
        Ok(())
    }
}

/// JSON.parse ( text [ , reviver ] ) (<https://tc39.es/ecma262/#sec-json.parse>).
pub(crate) fn json_parse<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let text = args.first().copied().unwrap_or(Value::Undefined);
    let reviver = args.get(1).copied().unwrap_or(Value::Undefined);
    // 1. jsonString = ? ToString(text).
    let json_string = to_string(cx, text)?;
    let units = json_string.to_utf16(cx.gcx());
    // 2-4. Parse and evaluate.
    let records = is_callable(reviver);
    let mut builder = VmBuilder {
        cx,
        records,
        table: Vec::new(),
        poller: Poller::default(),
    };
    let parsed = parse_json(&units, &mut builder, crate::json::DEFAULT_MAX_DEPTH);
    let table = std::mem::take(&mut builder.table);
    let node = match parsed {
        Ok(n) => n,
        Err(ParseError::Builder(e)) => return Err(e),
        Err(ParseError::Json(e)) => return Err(cx.error(ErrorKind::SyntaxError, &e.message)),
    };
    // 5. No reviver: the value as is.
    if !records {
        return Ok(node.value);
    }
    // 5.a-c. Wrap and walk.
    let proto = cx.realm.intrinsics().object_prototype;
    let root = Object::new(cx.gcx(), Some(proto), ObjectKind::Ordinary);
    let empty = cx.key("");
    create_data_property_or_throw(cx, root, empty, node.value)?;
    super::json_revive::internalize_json_property(cx, root, empty, reviver, node, table, units)
}

/// EnumerableOwnProperties(O, key) (<https://tc39.es/ecma262/#sec-enumerableownproperties>);
/// the caller turns a [[GetOwnProperty]] failure (step 3.a.i's `?`) into an error object.
pub(crate) fn enumerable_own_keys<'gc>(
    gcx: Gcx<'gc>,
    o: Object<'gc>,
) -> Result<Vec<PropertyKey<'gc>>, crate::object::InternalError> {
    let keys = o.own_property_keys(gcx);
    let mut out = Vec::new();
    for k in keys {
        if k.is_symbol() {
            continue;
        }
        if o.get_own_property_checked(gcx, k)?
            .is_some_and(|p| p.attrs.enumerable())
        {
            out.push(k);
        }
    }
    Ok(out)
}

// ----- JSON.rawJSON / isRawJSON --------------------------------------------------------------

/// JSON.rawJSON ( text ) (<https://tc39.es/ecma262/#sec-json.rawjson>).
pub(crate) fn json_raw_json<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    // 1. jsonString = ? ToString(text).
    let s = to_string(cx, args.first().copied().unwrap_or(Value::Undefined))?;
    // 2-3. A single primitive JSON value with no surrounding whitespace.
    let units = s.to_utf16(cx.gcx());
    if let Err(e) = check_raw_json_text(&units) {
        return Err(cx.error(ErrorKind::SyntaxError, &e.message));
    }
    // 4-6. A frozen null-prototype object with [[IsRawJSON]] and "rawJSON".
    let o = Object::new(cx.gcx(), None, ObjectKind::RawJson);
    let k = cx.key("rawJSON");
    o.put_data(
        cx.gcx(),
        k,
        Value::String(s),
        Attrs::new(false, true, false),
    );
    o.prevent_extensions(cx.gcx());
    Ok(Value::Object(o))
}

/// JSON.isRawJSON ( O ) (<https://tc39.es/ecma262/#sec-json.israwjson>).
pub(crate) fn json_is_raw_json<'gc>(
    _cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let is = matches!(args.first(), Some(Value::Object(o)) if matches!(o.borrow().kind, ObjectKind::RawJson));
    Ok(Value::Boolean(is))
}
