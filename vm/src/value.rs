//! The value type, symbols, BigInts and property keys.
//!
//! `Value` is `Copy` and two words. It has one internal variant, [`Value::Empty`], the marker of
//! an uninitialised binding (TDZ) and of an array hole. It is kept inside `Value` rather than in a
//! separate slot type so registers, environment slots and dense elements stay plain `Value`
//! vectors with no conversion on every access; the interpreter checks for it where the compiler
//! emits TDZ checks and element reads turn holes into prototype lookups, so script never
//! observes it.

use std::hash::{Hash, Hasher};

use gc_arena::{Collect, Gc, Static};
use num_bigint::BigInt;

use crate::heap::{Gcx, HeapTicket};
use crate::object::Object;
use crate::string::JsString;

/// A JavaScript value (or the internal empty marker).
#[derive(Clone, Copy, Debug, Collect, Default)]
#[collect(no_drop)]
pub enum Value<'gc> {
    #[default]
    Undefined,
    Null,
    Boolean(bool),
    Number(f64),
    String(JsString<'gc>),
    Symbol(Symbol<'gc>),
    BigInt(JsBigInt<'gc>),
    Object(Object<'gc>),
    /// Internal: an uninitialised binding or an array hole. Never visible to script.
    Empty,
}

impl<'gc> Value<'gc> {
    pub fn is_undefined(self) -> bool {
        matches!(self, Value::Undefined)
    }
    pub fn is_nullish(self) -> bool {
        matches!(self, Value::Undefined | Value::Null)
    }
    pub fn is_empty(self) -> bool {
        matches!(self, Value::Empty)
    }
    pub fn as_object(self) -> Option<Object<'gc>> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }
    /// The Type() name the spec uses (lower-cased); `typeof` differs for null and functions
    /// (see `ops::type_of`).
    pub fn type_name(self) -> &'static str {
        match self {
            Value::Undefined | Value::Empty => "undefined",
            Value::Null => "null",
            Value::Boolean(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Symbol(_) => "symbol",
            Value::BigInt(_) => "bigint",
            Value::Object(_) => "object",
        }
    }
}

impl<'gc> From<Object<'gc>> for Value<'gc> {
    fn from(o: Object<'gc>) -> Self {
        Value::Object(o)
    }
}
impl<'gc> From<JsString<'gc>> for Value<'gc> {
    fn from(s: JsString<'gc>) -> Self {
        Value::String(s)
    }
}
impl From<f64> for Value<'_> {
    fn from(n: f64) -> Self {
        Value::Number(n)
    }
}
impl From<bool> for Value<'_> {
    fn from(b: bool) -> Self {
        Value::Boolean(b)
    }
}

/// The contents of a symbol.
#[derive(Collect)]
#[collect(no_drop)]
pub struct SymbolData<'gc> {
    pub description: Option<JsString<'gc>>,
    /// A Private Name (class `#x`) rather than a Symbol; never exposed as a value.
    pub private: bool,
}

/// A unique symbol (or Private Name), compared by identity.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct Symbol<'gc>(pub Gc<'gc, SymbolData<'gc>>);

impl<'gc> Symbol<'gc> {
    pub fn new(gcx: Gcx<'gc>, description: Option<JsString<'gc>>) -> Self {
        Symbol(Gc::new(
            gcx.mc,
            SymbolData {
                description,
                private: false,
            },
        ))
    }
    pub fn new_private(gcx: Gcx<'gc>, description: JsString<'gc>) -> Self {
        Symbol(Gc::new(
            gcx.mc,
            SymbolData {
                description: Some(description),
                private: true,
            },
        ))
    }
    pub fn description(self) -> Option<JsString<'gc>> {
        self.0.description
    }
    pub fn ptr_eq(self, other: Self) -> bool {
        Gc::ptr_eq(self.0, other.0)
    }
    fn addr(self) -> usize {
        Gc::as_ptr(self.0) as *const () as usize
    }
}

impl std::fmt::Debug for Symbol<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Symbol({:#x})", self.addr())
    }
}

/// A BigInt's heap cell.
#[derive(Collect)]
#[collect(no_drop)]
pub struct BigIntData {
    ticket: HeapTicket,
    pub value: Static<BigInt>,
}

/// An immutable arbitrary-precision integer.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct JsBigInt<'gc>(pub Gc<'gc, BigIntData>);

impl<'gc> JsBigInt<'gc> {
    pub fn new(gcx: Gcx<'gc>, value: BigInt) -> Self {
        let bytes = 32 + value.bits() as usize / 8;
        JsBigInt(Gc::new(
            gcx.mc,
            BigIntData {
                ticket: gcx.ticket(bytes),
                value: Static(value),
            },
        ))
    }
    pub fn get(&self) -> &BigInt {
        &self.0.as_ref().value.0
    }
}

impl std::fmt::Debug for JsBigInt<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}n", self.get())
    }
}

/// A property key: an interned string, a symbol, or a canonical array index.
///
/// Array indices (0..=2^32-2) are never represented as strings, and strings are interned per
/// context, so keys compare by integer or pointer equality.
#[derive(Clone, Copy, Debug, Collect)]
#[collect(no_drop)]
pub enum PropertyKey<'gc> {
    String(JsString<'gc>),
    Symbol(Symbol<'gc>),
    Index(u32),
}

impl PartialEq for PropertyKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (PropertyKey::String(a), PropertyKey::String(b)) => a.ptr_eq(*b),
            (PropertyKey::Symbol(a), PropertyKey::Symbol(b)) => a.ptr_eq(*b),
            (PropertyKey::Index(a), PropertyKey::Index(b)) => a == b,
            _ => false,
        }
    }
}
impl Eq for PropertyKey<'_> {}

impl Hash for PropertyKey<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        match self {
            PropertyKey::String(s) => {
                0u8.hash(h);
                s.addr().hash(h)
            }
            PropertyKey::Symbol(s) => {
                1u8.hash(h);
                s.addr().hash(h)
            }
            PropertyKey::Index(i) => {
                2u8.hash(h);
                i.hash(h)
            }
        }
    }
}

impl<'gc> PropertyKey<'gc> {
    /// The key as a value (indices become strings) for `Object.keys` and friends.
    pub fn to_value(self, gcx: Gcx<'gc>) -> Value<'gc> {
        match self {
            PropertyKey::String(s) => Value::String(s),
            PropertyKey::Symbol(s) => Value::Symbol(s),
            PropertyKey::Index(i) => Value::String(JsString::from_str(gcx, &i.to_string())),
        }
    }
    pub fn is_symbol(self) -> bool {
        matches!(self, PropertyKey::Symbol(_))
    }
}

/// A fast hasher for property keys, which hash as one pointer or integer: SipHash's DoS
/// resistance is not needed for values script cannot choose (addresses, small indices).
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
    fn write_u64(&mut self, n: u64) {
        // FxHash-style mixing.
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// `BuildHasher` for [`KeyHasher`].
pub type KeyHash = std::hash::BuildHasherDefault<KeyHasher>;

/// An insertion-ordered map from property keys.
pub type KeyMap<'gc, V> = indexmap::IndexMap<PropertyKey<'gc>, V, KeyHash>;
