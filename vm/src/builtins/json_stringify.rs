//! JSON.stringify (<https://tc39.es/ecma262/#sec-json.stringify>) as the resumable
//! [`Stringify`] continuation: getters, `toJSON` methods and the replacer function run in the
//! interpreter's own frames, so the heap is collected and limits are honoured inside them.
//! The recursion of SerializeJSONObject / SerializeJSONArray is unrolled onto an explicit stack
//! of [`SerFrame`]s kept in the heap, so hostile nesting fails with a RangeError. (The
//! `valueOf`/`toString` of Number and String wrapper objects and the replacer array's and
//! `space`'s conversions still nest on the Rust stack, bounded, with collection deferred.)

use std::collections::HashSet;

use gc_arena::Collect;

use crate::builtins::array_iteration::{burn, yield_step};
use crate::builtins::json::enumerable_own_keys;
use crate::cont::{ContStep, Continuation};
use crate::function::NativeCtx;
use crate::interp::Vm;
use crate::json::quote_json_string;
use crate::object::{Lookup, Object, ObjectKind, Slot};
use crate::ops;
use crate::realm::Realm;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};

use super::native_ops::{
    charge, create_data_property_or_throw, get, index_key, is_array, length_of_array_like, poll,
    range_error, to_integer_or_infinity, to_number, to_string, Poller, Res,
};

/// How deeply `JSON.stringify` may nest objects.
const MAX_DEPTH: usize = 10_000;

/// How many output code units `JSON.stringify` writes between two heap checks.
const CHARGE_STEP: usize = 1 << 16;

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
#[derive(Collect)]
#[collect(no_drop)]
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
#[derive(Collect)]
#[collect(no_drop)]
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

    /// SerializeJSONProperty steps 4-12 (<https://tc39.es/ecma262/#sec-serializejsonproperty>),
    /// once `toJSON` and the replacer have had their turn: what `value` serialises as.
    fn resolve(
        &mut self,
        cx: &mut NativeCtx<'gc, '_>,
        value: Value<'gc>,
    ) -> Res<'gc, Resolved<'gc>> {
        let mut value = value;
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
                None => (
                    enumerable_own_keys(cx.gcx(), o).map_err(|e| cx.error(e.kind, e.message))?,
                    None,
                ),
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
    let ser = Serializer {
        replacer: replacer_fn,
        property_list,
        gap,
        out: Vec::new(),
        charged: 0,
        on_stack: HashSet::new(),
        stack: Vec::new(),
    };
    let walk = Stringify {
        realm: cx.realm,
        callee: cx.callee,
        ser,
        member: Member {
            holder: wrapper,
            key: empty,
            place: Place::Root,
        },
        value: Value::Undefined,
        stage: Stage::Get,
    };
    cx.tail_continuation(Continuation::JsonStringify(Box::new(walk)))
}

/// Where the member being serialised goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
enum Place {
    /// The wrapper's "" property: the whole result.
    Root,
    /// An element of the array on top (SerializeJSONArray step 8).
    Element,
    /// A member of the object on top (SerializeJSONObject step 6).
    Property,
}

/// The SerializeJSONProperty call under way: `holder[key]`.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
struct Member<'gc> {
    holder: Object<'gc>,
    key: PropertyKey<'gc>,
    place: Place,
}

/// Where a [`Stringify`] stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
enum Stage {
    /// Step 1: Get(holder, key).
    Get,
    /// Step 2: the value arrived; look up its `toJSON`.
    GotValue,
    /// Step 2.b: `toJSON` arrived; call it if callable.
    GotToJson,
    /// Step 3: call the replacer function, if any.
    Replacer,
    /// Steps 4-12 and the output of the member.
    Resolve,
    /// Close finished frames and start the next member.
    Next,
}

/// A running JSON.stringify.
#[derive(Collect)]
#[collect(no_drop)]
pub struct Stringify<'gc> {
    realm: Realm<'gc>,
    callee: Object<'gc>,
    ser: Serializer<'gc>,
    member: Member<'gc>,
    /// The member's value as it goes through steps 1-3.
    value: Value<'gc>,
    stage: Stage,
}

impl<'gc> Stringify<'gc> {
    /// Advance with the result of the last requested call.
    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        let mut cx = NativeCtx {
            vm,
            realm: self.realm,
            callee: self.callee,
            new_target: None,
        };
        self.run(&mut cx, input).unwrap_or_else(ContStep::Throw)
    }

    fn run(&mut self, cx: &mut NativeCtx<'gc, '_>, input: Value<'gc>) -> Res<'gc, ContStep<'gc>> {
        let mut input = input;
        loop {
            match self.stage {
                Stage::Get => {
                    self.stage = Stage::GotValue;
                    let Member { holder, key, .. } = self.member;
                    match holder.get(cx.gcx(), key) {
                        Lookup::Value(v) => input = v,
                        Lookup::Getter(g) => return Ok(call(g, Value::Object(holder), vec![])),
                    }
                }
                Stage::GotValue => {
                    self.value = input;
                    self.stage = Stage::Replacer;
                    // 2. If value is an Object or a BigInt, GetV(value, "toJSON").
                    if matches!(input, Value::Object(_) | Value::BigInt(_)) {
                        let realm = self.realm;
                        let base = cx.vm.to_object_in(realm, input)?;
                        let key = cx.key("toJSON");
                        self.stage = Stage::GotToJson;
                        match base.get(cx.gcx(), key) {
                            Lookup::Value(v) => input = v,
                            Lookup::Getter(g) => return Ok(call(g, input, vec![])),
                        }
                    }
                }
                Stage::GotToJson => {
                    self.stage = Stage::Replacer;
                    // 2.b. If IsCallable(toJSON), value = ? Call(toJSON, value, « key »).
                    if input.as_object().is_some_and(|o| o.is_callable()) {
                        let k = self.member.key.to_value(cx.gcx());
                        return Ok(call_value(input, self.value, vec![k]));
                    }
                    input = self.value;
                }
                Stage::Replacer => {
                    self.value = input;
                    self.stage = Stage::Resolve;
                    // 3. value = ? Call(ReplacerFunction, holder, « key, value »).
                    if let Some(r) = self.ser.replacer {
                        let k = self.member.key.to_value(cx.gcx());
                        let holder = Value::Object(self.member.holder);
                        return Ok(call_value(r, holder, vec![k, input]));
                    }
                }
                Stage::Resolve => {
                    let r = self.ser.resolve(cx, input)?;
                    if let Some(done) = self.output(cx, r)? {
                        return Ok(ContStep::Done(done));
                    }
                    self.stage = Stage::Next;
                }
                Stage::Next => {
                    if burn(cx.vm) {
                        return Ok(yield_step());
                    }
                    if let Some(done) = self.next_member(cx)? {
                        return Ok(ContStep::Done(done));
                    }
                    self.stage = Stage::Get;
                    input = Value::Undefined;
                }
            }
        }
    }

    /// Write what the member resolved to where it belongs. `Some` when that ends the call
    /// (an undefined root).
    fn output(
        &mut self,
        cx: &mut NativeCtx<'gc, '_>,
        r: Resolved<'gc>,
    ) -> Res<'gc, Option<Value<'gc>>> {
        let ser = &mut self.ser;
        let level = ser.stack.len();
        let wrote_any = ser.stack.last().is_some_and(|f| f.wrote_any);
        match self.member.place {
            Place::Root => {
                if matches!(r, Resolved::Undefined) {
                    return Ok(Some(Value::Undefined));
                }
                ser.emit(cx, r)?;
            }
            // SerializeJSONArray step 8: undefined elements become "null".
            Place::Element => {
                if wrote_any {
                    ser.write_str(cx, ",")?;
                }
                if let Some(f) = ser.stack.last_mut() {
                    f.wrote_any = true;
                }
                ser.newline(cx, level)?;
                match r {
                    Resolved::Undefined => ser.write_str(cx, "null")?,
                    r => ser.emit(cx, r)?,
                }
            }
            // SerializeJSONObject step 6: undefined members are skipped.
            Place::Property => {
                if matches!(r, Resolved::Undefined) {
                    return Ok(None);
                }
                if wrote_any {
                    ser.write_str(cx, ",")?;
                }
                if let Some(f) = ser.stack.last_mut() {
                    f.wrote_any = true;
                }
                ser.newline(cx, level)?;
                let ks = match self.member.key.to_value(cx.gcx()) {
                    Value::String(s) => s,
                    _ => JsString::from_str(cx.gcx(), ""),
                };
                ser.quote(cx, ks)?;
                ser.write_str(cx, if ser.gap.is_empty() { ":" } else { ": " })?;
                ser.emit(cx, r)?;
            }
        }
        Ok(None)
    }

    /// Close the frames that are done and pick the next member; `Some(result)` when the last
    /// frame closed.
    fn next_member(&mut self, cx: &mut NativeCtx<'gc, '_>) -> Res<'gc, Option<Value<'gc>>> {
        let ser = &mut self.ser;
        loop {
            let level = ser.stack.len();
            let Some(top) = ser.stack.last_mut() else {
                // 12. The result string.
                let out = std::mem::take(&mut ser.out);
                charge(cx, out.len().saturating_mul(2))?;
                return Ok(Some(Value::String(JsString::from_utf16(cx.gcx(), out))));
            };
            let holder = top.value;
            let pos = top.pos;
            let next = match top.array_len {
                Some(len) => ((pos as f64) < len).then_some(None),
                None => top.keys.get(pos).copied().map(Some),
            };
            match next {
                Some(key) => {
                    top.pos += 1;
                    self.member = match key {
                        None => Member {
                            holder,
                            key: index_key(cx, pos as f64),
                            place: Place::Element,
                        },
                        Some(key) => Member {
                            holder,
                            key,
                            place: Place::Property,
                        },
                    };
                    return Ok(None);
                }
                None => {
                    // Close the frame.
                    let wrote_any = top.wrote_any;
                    let array = top.array_len.is_some();
                    ser.stack.pop();
                    ser.on_stack.remove(&object_addr(holder));
                    if wrote_any {
                        ser.newline(cx, level - 1)?;
                    }
                    ser.write_str(cx, if array { "]" } else { "}" })?;
                }
            }
        }
    }
}

/// A call of the getter or method `f`.
fn call<'gc>(f: Object<'gc>, this: Value<'gc>, args: Vec<Value<'gc>>) -> ContStep<'gc> {
    call_value(Value::Object(f), this, args)
}

fn call_value<'gc>(callee: Value<'gc>, this: Value<'gc>, args: Vec<Value<'gc>>) -> ContStep<'gc> {
    ContStep::Call { callee, this, args }
}
