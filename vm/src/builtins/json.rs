//! The JSON object (<https://tc39.es/ecma262/#sec-json-object>): `JSON.parse` (with the
//! reviver walk and its `context.source`), `JSON.stringify`, `JSON.rawJSON` and
//! `JSON.isRawJSON`.
//!
//! Both walks keep their state on explicit stacks, so hostile nesting fails with a RangeError
//! instead of exhausting the Rust stack. The reviver runs in the interpreter's frames
//! (`json_revive.rs`); `toJSON`, replacer functions and getters reached by `JSON.stringify` run
//! as nested calls on the Rust stack (collection is deferred until the builtin returns; the
//! deadline, interrupt, heap and depth limits still apply).

use std::collections::HashSet;
use std::ops::Range;

use gc_arena::Collect;
use moat_bytecode::isa::ErrorKind;

use crate::function::NativeCtx;
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::interp::WellKnownSymbols;
use crate::json::{check_raw_json_text, parse_json, quote_json_string, JsonBuilder, ParseError};
use crate::object::{Object, ObjectKind, Slot};
use crate::ops;
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{KeyMap, PropertyKey, Value};

use super::native_ops::{
    charge, create_data_property_or_throw, get, get_v, index_key, is_array,
    is_callable, length_of_array_like, poll, range_error, to_integer_or_infinity, to_number,
    to_string, Poller, Res,
};

/// How deeply the reviver walk and `JSON.stringify` may nest objects.
const MAX_DEPTH: usize = 10_000;

/// How many output code units `JSON.stringify` writes between two heap checks.
const CHARGE_STEP: usize = 1 << 16;

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
    realm.define_native_method(gcx, interner, json, "stringify", json_stringify, 3);
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

/// EnumerableOwnProperties(O, key) (<https://tc39.es/ecma262/#sec-enumerableownproperties>).
pub(crate) fn enumerable_own_keys<'gc>(gcx: Gcx<'gc>, o: Object<'gc>) -> Vec<PropertyKey<'gc>> {
    let keys = o.own_property_keys(gcx);
    let mut out = Vec::new();
    for k in keys {
        if k.is_symbol() {
            continue;
        }
        if o.get_own_property(gcx, k)
            .is_some_and(|p| p.attrs.enumerable())
        {
            out.push(k);
        }
    }
    out
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

// ----- JSON.stringify ------------------------------------------------------------------------

/// What SerializeJSONProperty decided a value serialises as.
enum Resolved<'gc> {
    Undefined,
    Text(&'static str),
    Number(f64),
    String(JsString<'gc>),
    Raw(JsString<'gc>),
    Array(Object<'gc>),
    Object(Object<'gc>),
}

/// An array or object being serialised.
struct SerFrame<'gc> {
    value: Object<'gc>,
    keys: Vec<PropertyKey<'gc>>,
    /// Arrays: the length; objects: `None`.
    array_len: Option<f64>,
    pos: usize,
    wrote_any: bool,
}

/// The JSON Serialization Record (<https://tc39.es/ecma262/#sec-json-serialization-record>) and
/// the output buffer.
struct Serializer<'gc> {
    replacer: Option<Value<'gc>>,
    property_list: Option<Vec<PropertyKey<'gc>>>,
    gap: Vec<u16>,
    out: Vec<u16>,
    charged: usize,
    on_stack: HashSet<usize>,
    stack: Vec<SerFrame<'gc>>,
}

fn object_addr(o: Object<'_>) -> usize {
    gc_arena::Gc::as_ptr(o.0) as *const u8 as usize
}

impl<'gc> Serializer<'gc> {
    /// Append `units`, allocating fallibly and charging the heap for the buffer as it grows.
    fn write(&mut self, cx: &mut NativeCtx<'gc, '_>, units: &[u16]) -> Res<'gc, ()> {
        if self.out.try_reserve(units.len()).is_err() {
            return Err(charge(cx, usize::MAX).err().unwrap_or(Value::Undefined));
        }
        self.out.extend_from_slice(units);
        if self.out.len() >= self.charged + CHARGE_STEP {
            self.charged = self.out.len();
            charge(cx, self.out.len().saturating_mul(2))?;
            poll(cx)?;
        }
        Ok(())
    }
    fn write_str(&mut self, cx: &mut NativeCtx<'gc, '_>, s: &str) -> Res<'gc, ()> {
        let units: Vec<u16> = s.encode_utf16().collect();
        self.write(cx, &units)
    }
    /// A newline and the indentation of `level` gaps (nothing when the gap is empty).
    fn newline(&mut self, cx: &mut NativeCtx<'gc, '_>, level: usize) -> Res<'gc, ()> {
        if self.gap.is_empty() {
            return Ok(());
        }
        self.write(cx, &[u16::from(b'\n')])?;
        let gap = self.gap.clone();
        for _ in 0..level {
            self.write(cx, &gap)?;
        }
        Ok(())
    }
    fn quote(&mut self, cx: &mut NativeCtx<'gc, '_>, s: JsString<'gc>) -> Res<'gc, ()> {
        let units = s.to_utf16(cx.gcx());
        let mut q = Vec::new();
        if q.try_reserve(units.len().saturating_add(2)).is_err() {
            return Err(charge(cx, usize::MAX).err().unwrap_or(Value::Undefined));
        }
        quote_json_string(&units, &mut q);
        self.write(cx, &q)
    }

    /// SerializeJSONProperty steps 1-11 (<https://tc39.es/ecma262/#sec-serializejsonproperty>),
    /// deciding what `holder[key]` becomes.
    fn resolve(
        &mut self,
        cx: &mut NativeCtx<'gc, '_>,
        key: PropertyKey<'gc>,
        holder: Object<'gc>,
    ) -> Res<'gc, Resolved<'gc>> {
        // 1.
        let mut value = get(cx, holder, key)?;
        // 2. toJSON.
        if matches!(value, Value::Object(_) | Value::BigInt(_)) {
            let tk = cx.key("toJSON");
            let to_json = get_v(cx, value, tk)?;
            if is_callable(to_json) {
                let k = key.to_value(cx.gcx());
                value = cx.call(to_json, value, &[k])?;
            }
        }
        // 3. The replacer function.
        if let Some(r) = self.replacer {
            let k = key.to_value(cx.gcx());
            value = cx.call(r, Value::Object(holder), &[k, value])?;
        }
        // 4. Unwrap raw JSON and primitive wrappers.
        if let Value::Object(o) = value {
            enum Wrapped<'gc> {
                Raw,
                Number,
                String,
                Boolean(bool),
                BigInt(crate::value::JsBigInt<'gc>),
                No,
            }
            let w = match &o.borrow().kind {
                ObjectKind::RawJson => Wrapped::Raw,
                ObjectKind::Number(_) => Wrapped::Number,
                ObjectKind::String(_) => Wrapped::String,
                ObjectKind::Boolean(b) => Wrapped::Boolean(*b),
                ObjectKind::BigInt(b) => Wrapped::BigInt(*b),
                _ => Wrapped::No,
            };
            match w {
                Wrapped::Raw => {
                    let rk = cx.key("rawJSON");
                    return match o.borrow().find_own(rk).map(|p| p.slot) {
                        Some(Slot::Data(Value::String(s))) => Ok(Resolved::Raw(s)),
                        _ => Ok(Resolved::Undefined),
                    };
                }
                Wrapped::Number => value = Value::Number(to_number(cx, value)?),
                Wrapped::String => value = Value::String(to_string(cx, value)?),
                Wrapped::Boolean(b) => value = Value::Boolean(b),
                Wrapped::BigInt(b) => value = Value::BigInt(b),
                Wrapped::No => {}
            }
        }
        // 5-12.
        Ok(match value {
            Value::Null => Resolved::Text("null"),
            Value::Boolean(true) => Resolved::Text("true"),
            Value::Boolean(false) => Resolved::Text("false"),
            Value::String(s) => Resolved::String(s),
            Value::Number(n) => {
                if n.is_finite() {
                    Resolved::Number(n)
                } else {
                    Resolved::Text("null")
                }
            }
            Value::BigInt(_) => {
                return Err(cx.type_error("Do not know how to serialize a BigInt"));
            }
            Value::Object(o) if !o.is_callable() => {
                if is_array(value) {
                    Resolved::Array(o)
                } else {
                    Resolved::Object(o)
                }
            }
            _ => Resolved::Undefined,
        })
    }

    /// Write a resolved non-undefined value; arrays and objects open a frame.
    fn emit(&mut self, cx: &mut NativeCtx<'gc, '_>, r: Resolved<'gc>) -> Res<'gc, ()> {
        match r {
            Resolved::Undefined => Ok(()),
            Resolved::Text(t) => self.write_str(cx, t),
            Resolved::Number(n) => self.write_str(cx, &ops::number_to_string(n)),
            Resolved::String(s) => self.quote(cx, s),
            Resolved::Raw(s) => {
                let units = s.to_utf16(cx.gcx());
                self.write(cx, &units)
            }
            Resolved::Array(o) => self.open(cx, o, true),
            Resolved::Object(o) => self.open(cx, o, false),
        }
    }

    /// The opening of SerializeJSONObject / SerializeJSONArray
    /// (<https://tc39.es/ecma262/#sec-serializejsonobject>,
    /// <https://tc39.es/ecma262/#sec-serializejsonarray>): the cycle check and the member list.
    fn open(&mut self, cx: &mut NativeCtx<'gc, '_>, o: Object<'gc>, array: bool) -> Res<'gc, ()> {
        // 1. Cycles are a TypeError.
        if !self.on_stack.insert(object_addr(o)) {
            return Err(cx.type_error("Converting circular structure to JSON"));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(range_error(cx, "JSON.stringify: nesting too deep"));
        }
        let (keys, array_len) = if array {
            (Vec::new(), Some(length_of_array_like(cx, o)?))
        } else {
            match &self.property_list {
                Some(list) => (list.clone(), None),
                None => (enumerable_own_keys(cx.gcx(), o), None),
            }
        };
        self.write_str(cx, if array { "[" } else { "{" })?;
        self.stack.push(SerFrame {
            value: o,
            keys,
            array_len,
            pos: 0,
            wrote_any: false,
        });
        Ok(())
    }

    /// Drive the frames until the stack is empty.
    fn run(&mut self, cx: &mut NativeCtx<'gc, '_>) -> Res<'gc, ()> {
        let mut poller = Poller::default();
        while let Some(top) = self.stack.last() {
            poller.tick(cx)?;
            let level = self.stack.len();
            let holder = top.value;
            let key = match top.array_len {
                Some(len) => ((top.pos as f64) < len).then_some(None),
                None => top.keys.get(top.pos).copied().map(Some),
            };
            let Some(key) = key else {
                // Close the frame.
                let Some(done) = self.stack.pop() else {
                    break;
                };
                self.on_stack.remove(&object_addr(done.value));
                if done.wrote_any {
                    self.newline(cx, level - 1)?;
                }
                self.write_str(cx, if done.array_len.is_some() { "]" } else { "}" })?;
                continue;
            };
            let pos = top.pos;
            let wrote_any = top.wrote_any;
            if let Some(f) = self.stack.last_mut() {
                f.pos += 1;
            }
            match key {
                // SerializeJSONArray step 8: undefined elements become "null".
                None => {
                    let k = index_key(cx, pos as f64);
                    let r = self.resolve(cx, k, holder)?;
                    if wrote_any {
                        self.write_str(cx, ",")?;
                    }
                    if let Some(f) = self.stack.last_mut() {
                        f.wrote_any = true;
                    }
                    self.newline(cx, level)?;
                    match r {
                        Resolved::Undefined => self.write_str(cx, "null")?,
                        r => self.emit(cx, r)?,
                    }
                }
                // SerializeJSONObject step 6: undefined members are skipped.
                Some(k) => {
                    let r = self.resolve(cx, k, holder)?;
                    if matches!(r, Resolved::Undefined) {
                        continue;
                    }
                    if wrote_any {
                        self.write_str(cx, ",")?;
                    }
                    if let Some(f) = self.stack.last_mut() {
                        f.wrote_any = true;
                    }
                    self.newline(cx, level)?;
                    let ks = match k.to_value(cx.gcx()) {
                        Value::String(s) => s,
                        _ => JsString::from_str(cx.gcx(), ""),
                    };
                    self.quote(cx, ks)?;
                    self.write_str(cx, if self.gap.is_empty() { ":" } else { ": " })?;
                    self.emit(cx, r)?;
                }
            }
        }
        Ok(())
    }
}

/// JSON.stringify ( value [ , replacer [ , space ] ] )
/// (<https://tc39.es/ecma262/#sec-json.stringify>).
pub(crate) fn json_stringify<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let arg = |i: usize| args.get(i).copied().unwrap_or(Value::Undefined);
    let (value, replacer, mut space) = (arg(0), arg(1), arg(2));
    // 4. The replacer: a function, or an array listing the keys.
    let mut replacer_fn = None;
    let mut property_list = None;
    if let Value::Object(r) = replacer {
        if r.is_callable() {
            replacer_fn = Some(replacer);
        } else if is_array(replacer) {
            let mut list: Vec<PropertyKey<'gc>> = Vec::new();
            let mut seen: HashSet<PropertyKey<'gc>, crate::value::KeyHash> = HashSet::default();
            let len = length_of_array_like(cx, r)?;
            let mut poller = Poller::default();
            let mut k = 0.0;
            while k < len {
                poller.tick(cx)?;
                let pk = index_key(cx, k);
                let v = get(cx, r, pk)?;
                let item = match v {
                    Value::String(s) => Some(s),
                    Value::Number(_) => Some(to_string(cx, v)?),
                    Value::Object(o)
                        if matches!(
                            o.borrow().kind,
                            ObjectKind::String(_) | ObjectKind::Number(_)
                        ) =>
                    {
                        Some(to_string(cx, v)?)
                    }
                    _ => None,
                };
                if let Some(s) = item {
                    let gcx = cx.gcx();
                    let key = cx.vm.interner.key(gcx, s);
                    if seen.insert(key) {
                        list.push(key);
                    }
                }
                k += 1.0;
            }
            property_list = Some(list);
        }
    }
    // 5. Unwrap a Number or String object space.
    if let Value::Object(o) = space {
        let kind = match &o.borrow().kind {
            ObjectKind::Number(_) => 1,
            ObjectKind::String(_) => 2,
            _ => 0,
        };
        if kind == 1 {
            space = Value::Number(to_number(cx, space)?);
        } else if kind == 2 {
            space = Value::String(to_string(cx, space)?);
        }
    }
    // 6-8. The gap.
    let gap: Vec<u16> = match space {
        Value::Number(_) => {
            let n = to_integer_or_infinity(cx, space)?.min(10.0);
            if n >= 1.0 {
                vec![u16::from(b' '); n as usize]
            } else {
                Vec::new()
            }
        }
        Value::String(s) => {
            let units = s.to_utf16(cx.gcx());
            units.into_iter().take(10).collect()
        }
        _ => Vec::new(),
    };
    // 9-10. The wrapper.
    let proto = cx.realm.intrinsics().object_prototype;
    let wrapper = Object::new(cx.gcx(), Some(proto), ObjectKind::Ordinary);
    let empty = cx.key("");
    create_data_property_or_throw(cx, wrapper, empty, value)?;
    // 11-12.
    let mut ser = Serializer {
        replacer: replacer_fn,
        property_list,
        gap,
        out: Vec::new(),
        charged: 0,
        on_stack: HashSet::new(),
        stack: Vec::new(),
    };
    let r = ser.resolve(cx, empty, wrapper)?;
    if matches!(r, Resolved::Undefined) {
        return Ok(Value::Undefined);
    }
    ser.emit(cx, r)?;
    ser.run(cx)?;
    charge(cx, ser.out.len().saturating_mul(2))?;
    Ok(Value::String(JsString::from_utf16(cx.gcx(), ser.out)))
}
