//! Objects: storage (shapes or dictionary, dense or sparse elements) and the spec's internal
//! methods for ordinary, array exotic and string exotic objects.
//!
//! Each internal method dispatches on [`ObjectKind`] first, so a further exotic kind (Proxy) only
//! adds arms here. Methods that may run script return what to call instead of calling it
//! ([`Lookup::Getter`], [`SetOutcome::CallSetter`]): the interpreter runs the accessor in a frame.

use std::collections::BTreeMap;

use gc_arena::lock::RefLock;
use gc_arena::{Collect, Gc, Mutation};

use crate::function::{BoundFunction, Closure, NativeFunction};
use crate::heap::{Gcx, HeapTicket};
use crate::shape::{Attrs, Shape, MAX_SHAPE_KEYS};
use crate::string::JsString;
use crate::value::{JsBigInt, KeyHash, KeyMap, PropertyKey, Symbol, Value};

/// Dense element vectors may grow by at most this many holes in one write.
const MAX_DENSE_GAP: usize = 1024;

/// A property's value or accessor pair.
#[derive(Clone, Copy, Debug, Collect)]
#[collect(no_drop)]
pub enum Slot<'gc> {
    Data(Value<'gc>),
    Accessor {
        get: Option<Object<'gc>>,
        set: Option<Object<'gc>>,
    },
}

/// An own property: value or accessors, and attributes.
#[derive(Clone, Copy, Debug, Collect)]
#[collect(no_drop)]
pub struct Property<'gc> {
    pub slot: Slot<'gc>,
    pub attrs: Attrs,
}

impl<'gc> Property<'gc> {
    pub fn data(value: Value<'gc>, attrs: Attrs) -> Self {
        Property {
            slot: Slot::Data(value),
            attrs,
        }
    }
}

/// A Property Descriptor with absent fields
/// (<https://tc39.es/ecma262/#sec-property-descriptor-specification-type>).
#[derive(Clone, Copy, Debug, Default)]
pub struct PropertyDescriptor<'gc> {
    pub value: Option<Value<'gc>>,
    pub writable: Option<bool>,
    /// `Some(None)` is a present `get: undefined`.
    pub get: Option<Option<Object<'gc>>>,
    pub set: Option<Option<Object<'gc>>>,
    pub enumerable: Option<bool>,
    pub configurable: Option<bool>,
}

impl<'gc> PropertyDescriptor<'gc> {
    /// A complete data descriptor.
    pub fn data(value: Value<'gc>, attrs: Attrs) -> Self {
        PropertyDescriptor {
            value: Some(value),
            writable: Some(attrs.writable()),
            enumerable: Some(attrs.enumerable()),
            configurable: Some(attrs.configurable()),
            ..Default::default()
        }
    }
    pub fn is_accessor(&self) -> bool {
        self.get.is_some() || self.set.is_some()
    }
    pub fn is_data(&self) -> bool {
        self.value.is_some() || self.writable.is_some()
    }
    pub fn from_property(p: Property<'gc>) -> Self {
        match p.slot {
            Slot::Data(v) => Self::data(v, p.attrs),
            Slot::Accessor { get, set } => PropertyDescriptor {
                get: Some(get),
                set: Some(set),
                enumerable: Some(p.attrs.enumerable()),
                configurable: Some(p.attrs.configurable()),
                ..Default::default()
            },
        }
    }
}

/// The array exotic object's `length`.
#[derive(Clone, Copy, Debug, Collect)]
#[collect(require_static)]
pub struct ArrayState {
    pub length: u32,
    pub length_writable: bool,
}

/// State of a for-in enumeration: the keys snapshot and the object to re-check.
#[derive(Collect)]
#[collect(no_drop)]
pub struct ForInState<'gc> {
    pub object: Option<Object<'gc>>,
    pub keys: Vec<PropertyKey<'gc>>,
    pub next: usize,
}

/// What kind of object this is, with the kind's internal slots.
#[derive(Collect)]
#[collect(no_drop)]
pub enum ObjectKind<'gc> {
    Ordinary,
    Array(ArrayState),
    Function(Box<Closure<'gc>>),
    Native(Box<NativeFunction<'gc>>),
    Bound(Box<BoundFunction<'gc>>),
    Error,
    Boolean(bool),
    Number(f64),
    String(JsString<'gc>),
    Symbol(Symbol<'gc>),
    BigInt(JsBigInt<'gc>),
    /// An unmapped arguments object.
    Arguments,
    /// A mapped arguments object (<https://tc39.es/ecma262/#sec-arguments-exotic-objects>):
    /// its [[ParameterMap]] (`interp/arguments.rs`).
    MappedArguments(Box<crate::interp::arguments::ArgumentsMap<'gc>>),
    ForIn(Box<ForInState<'gc>>),
    /// An Array Iterator (<https://tc39.es/ecma262/#sec-array-iterator-objects>).
    ArrayIterator(Box<ArrayIterState<'gc>>),
    /// A String Iterator (<https://tc39.es/ecma262/#sec-%stringiteratorprototype%-object>):
    /// [[IteratedString]] (`None` once exhausted) and the next code-unit index.
    StringIterator(Box<(Option<JsString<'gc>>, usize)>),
    /// An object made by `JSON.rawJSON` ([[IsRawJSON]]).
    RawJson,
    /// A generator, async generator or (internal) async function activation (`coro.rs`).
    Coroutine(Box<crate::coro::Coroutine<'gc>>),
    /// A promise (<https://tc39.es/ecma262/#sec-promise-objects>, `promise.rs`).
    Promise(Box<crate::promise::PromiseState<'gc>>),
    /// An %AsyncFromSyncIteratorPrototype% instance: the sync iterator and its `next`.
    AsyncFromSyncIter(Box<(Value<'gc>, Value<'gc>)>),
    /// A DisposableStack or AsyncDisposableStack, or a pending async disposal
    /// (`builtins/disposable_stack.rs`).
    DisposableStack(Box<crate::builtins::disposable_stack::StackState<'gc>>),
    /// A Module Record (`module/`): internal, never reachable from script.
    ModuleRecord(Box<crate::module::ModuleRecord<'gc>>),
    /// A module namespace exotic object (`module/namespace.rs`).
    ModuleNamespace(Box<crate::module::namespace::Namespace<'gc>>),
}

/// What an array iterator yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
pub enum IterKind {
    Keys,
    Values,
    Entries,
}

/// The slots of an Array Iterator: the iterated object (`None` once exhausted) and position.
#[derive(Collect)]
#[collect(no_drop)]
pub struct ArrayIterState<'gc> {
    pub target: Option<Object<'gc>>,
    pub index: u32,
    pub kind: IterKind,
}

/// Named-property storage.
#[derive(Collect)]
#[collect(no_drop)]
pub enum Props<'gc> {
    Shaped {
        shape: Shape<'gc>,
        slots: Vec<Slot<'gc>>,
    },
    Dict(KeyMap<'gc, Property<'gc>>),
}

/// Array-index property storage.
#[derive(Collect)]
#[collect(no_drop)]
pub enum Elements<'gc> {
    /// Writable, enumerable, configurable data properties; `Value::Empty` is a hole.
    Dense(Vec<Value<'gc>>),
    Sparse(BTreeMap<u32, Property<'gc>>),
}

/// An object's heap cell.
#[derive(Collect)]
#[collect(no_drop)]
pub struct ObjectData<'gc> {
    ticket: HeapTicket,
    pub props: Props<'gc>,
    pub elements: Elements<'gc>,
    pub prototype: Option<Object<'gc>>,
    pub extensible: bool,
    pub kind: ObjectKind<'gc>,
}

/// A handle to an object.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct Object<'gc>(pub Gc<'gc, RefLock<ObjectData<'gc>>>);

impl std::fmt::Debug for Object<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Object({:p})", Gc::as_ptr(self.0))
    }
}

/// The result of [[Get]]: a value, or a getter the caller must call with the receiver.
#[derive(Clone, Copy, Debug)]
pub enum Lookup<'gc> {
    Value(Value<'gc>),
    Getter(Object<'gc>),
}

/// The result of [[Set]].
#[derive(Clone, Copy, Debug)]
pub enum SetOutcome<'gc> {
    Done(bool),
    CallSetter(Object<'gc>),
    /// The receiver, an array, gets an object as its `length`: ArraySetLength
    /// (<https://tc39.es/ecma262/#sec-arraysetlength>) steps 3-4 convert it with ToNumber
    /// twice, which runs script, so the caller converts and then calls [[DefineOwnProperty]]
    /// with `{[[Value]]: numberLen}` on this array.
    ArrayLength(Object<'gc>),
}

/// A TypeError or RangeError an internal method raises, before it becomes an error object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InternalError {
    pub kind: moat_bytecode::isa::ErrorKind,
    pub message: &'static str,
}

impl InternalError {
    pub fn type_error(message: &'static str) -> Self {
        InternalError {
            kind: moat_bytecode::isa::ErrorKind::TypeError,
            message,
        }
    }
    pub fn range_error(message: &'static str) -> Self {
        InternalError {
            kind: moat_bytecode::isa::ErrorKind::RangeError,
            message,
        }
    }
}

impl<'gc> ObjectData<'gc> {
    fn bytes(&self) -> usize {
        let props = match &self.props {
            Props::Shaped { slots, .. } => slots.capacity() * std::mem::size_of::<Slot<'gc>>(),
            Props::Dict(m) => m.capacity() * 64,
        };
        let elems = match &self.elements {
            Elements::Dense(v) => v.capacity() * std::mem::size_of::<Value<'gc>>(),
            Elements::Sparse(m) => m.len() * 64,
        };
        std::mem::size_of::<ObjectData<'gc>>() + 16 + props + elems
    }

    fn reaccount(&self, mc: &Mutation<'gc>) {
        let b = self.bytes();
        if b != self.ticket.0.bytes() {
            self.ticket.0.resize(mc, b);
        }
    }

    /// The raw own property under `key` (no exotic behaviour).
    pub fn find_own(&self, key: PropertyKey<'gc>) -> Option<Property<'gc>> {
        if let PropertyKey::Index(i) = key {
            return match &self.elements {
                Elements::Dense(v) => match v.get(i as usize) {
                    Some(Value::Empty) | None => None,
                    Some(v) => Some(Property::data(*v, Attrs::DEFAULT)),
                },
                Elements::Sparse(m) => m.get(&i).copied(),
            };
        }
        match &self.props {
            Props::Shaped { shape, slots } => {
                let (slot, attrs) = shape.lookup(key)?;
                slots
                    .get(slot as usize)
                    .map(|s| Property { slot: *s, attrs })
            }
            Props::Dict(m) => m.get(&key).copied(),
        }
    }

    fn make_dict(&mut self) {
        if let Props::Shaped { shape, slots } = &self.props {
            let mut m = KeyMap::with_capacity_and_hasher(shape.len(), KeyHash::default());
            for (k, (slot, attrs)) in shape.0.table.iter() {
                if let Some(s) = slots.get(*slot as usize) {
                    m.insert(
                        *k,
                        Property {
                            slot: *s,
                            attrs: *attrs,
                        },
                    );
                }
            }
            self.props = Props::Dict(m);
        }
    }

    fn make_sparse(&mut self) {
        if let Elements::Dense(v) = &self.elements {
            let mut m = BTreeMap::new();
            for (i, x) in v.iter().enumerate() {
                if !x.is_empty() {
                    m.insert(i as u32, Property::data(*x, Attrs::DEFAULT));
                }
            }
            self.elements = Elements::Sparse(m);
        }
    }

    /// Store `prop` under `key`, adding or replacing.
    pub fn write_own(&mut self, gcx: Gcx<'gc>, key: PropertyKey<'gc>, prop: Property<'gc>) {
        if let PropertyKey::Index(i) = key {
            let dense_ok = matches!(prop.slot, Slot::Data(_)) && prop.attrs == Attrs::DEFAULT;
            if let Elements::Dense(v) = &mut self.elements {
                let i = i as usize;
                if dense_ok && i <= v.len() + MAX_DENSE_GAP {
                    if let Slot::Data(x) = prop.slot {
                        if i >= v.len() {
                            v.resize(i + 1, Value::Empty);
                        }
                        if let Some(cell) = v.get_mut(i) {
                            *cell = x;
                        }
                    }
                    self.reaccount(gcx.mc);
                    return;
                }
                self.make_sparse();
            }
            if let Elements::Sparse(m) = &mut self.elements {
                m.insert(i, prop);
            }
            self.reaccount(gcx.mc);
            return;
        }
        if let Props::Shaped { shape, slots } = &mut self.props {
            match shape.lookup(key) {
                Some((slot, attrs)) if attrs == prop.attrs => {
                    if let Some(s) = slots.get_mut(slot as usize) {
                        *s = prop.slot;
                    }
                    return;
                }
                Some(_) => self.make_dict(),
                None if shape.len() < MAX_SHAPE_KEYS => {
                    *shape = shape.with_added(gcx, key, prop.attrs);
                    slots.push(prop.slot);
                    self.reaccount(gcx.mc);
                    return;
                }
                None => self.make_dict(),
            }
        }
        if let Props::Dict(m) = &mut self.props {
            m.insert(key, prop);
        }
        self.reaccount(gcx.mc);
    }

    /// Move a shaped object to `shape`, which describes its current shape plus one key at the
    /// end, holding `slot` (the caller checked that); `false` when the object is not shaped.
    pub fn append_shaped(
        &mut self,
        mc: &Mutation<'gc>,
        shape: Shape<'gc>,
        slot: Slot<'gc>,
    ) -> bool {
        let Props::Shaped { shape: s, slots } = &mut self.props else {
            return false;
        };
        *s = shape;
        slots.push(slot);
        self.reaccount(mc);
        true
    }

    /// Remove the own property under `key` (no checks).
    pub fn remove_own(&mut self, gcx: Gcx<'gc>, key: PropertyKey<'gc>) {
        if let PropertyKey::Index(i) = key {
            match &mut self.elements {
                Elements::Dense(v) => {
                    let i = i as usize;
                    if i + 1 == v.len() {
                        v.pop();
                    } else if let Some(cell) = v.get_mut(i) {
                        *cell = Value::Empty;
                    }
                }
                Elements::Sparse(m) => {
                    m.remove(&i);
                }
            }
            self.reaccount(gcx.mc);
            return;
        }
        if self.find_own(key).is_none() {
            return;
        }
        self.make_dict();
        if let Props::Dict(m) = &mut self.props {
            m.shift_remove(&key);
        }
        self.reaccount(gcx.mc);
    }

    /// Own keys in OrdinaryOwnPropertyKeys order, without exotic extras.
    fn ordinary_keys(&self, out: &mut Vec<PropertyKey<'gc>>) {
        match &self.elements {
            Elements::Dense(v) => out.extend(
                v.iter()
                    .enumerate()
                    .filter(|(_, x)| !x.is_empty())
                    .map(|(i, _)| PropertyKey::Index(i as u32)),
            ),
            Elements::Sparse(m) => out.extend(m.keys().map(|i| PropertyKey::Index(*i))),
        }
        let named: Vec<PropertyKey<'gc>> = match &self.props {
            Props::Shaped { shape, .. } => shape.0.table.keys().copied().collect(),
            Props::Dict(m) => m.keys().copied().collect(),
        };
        out.extend(named.iter().filter(|k| matches!(k, PropertyKey::String(_))));
        out.extend(named.iter().filter(|k| k.is_symbol()));
    }
}

impl<'gc> Object<'gc> {
    /// A new object with `proto` and `kind` and no own properties.
    pub fn new(gcx: Gcx<'gc>, proto: Option<Object<'gc>>, kind: ObjectKind<'gc>) -> Self {
        let data = ObjectData {
            ticket: gcx.ticket(0),
            props: Props::Shaped {
                shape: gcx.empty_shape,
                slots: Vec::new(),
            },
            elements: Elements::Dense(Vec::new()),
            prototype: proto,
            extensible: true,
            kind,
        };
        let bytes = data.bytes();
        data.ticket.0.resize(gcx.mc, bytes);
        Object(Gc::new(gcx.mc, RefLock::new(data)))
    }

    /// A new object whose named properties are `slots`, laid out by `shape` (which holds
    /// exactly those keys, in that order): one allocation instead of a transition per key.
    pub fn with_shape(
        gcx: Gcx<'gc>,
        proto: Option<Object<'gc>>,
        kind: ObjectKind<'gc>,
        shape: Shape<'gc>,
        slots: Vec<Slot<'gc>>,
    ) -> Self {
        debug_assert_eq!(shape.len(), slots.len());
        let data = ObjectData {
            ticket: gcx.ticket(0),
            props: Props::Shaped { shape, slots },
            elements: Elements::Dense(Vec::new()),
            prototype: proto,
            extensible: true,
            kind,
        };
        let bytes = data.bytes();
        data.ticket.0.resize(gcx.mc, bytes);
        Object(Gc::new(gcx.mc, RefLock::new(data)))
    }

    /// ArrayCreate(0) with `proto`.
    pub fn new_array(gcx: Gcx<'gc>, proto: Option<Object<'gc>>) -> Self {
        Self::new(
            gcx,
            proto,
            ObjectKind::Array(ArrayState {
                length: 0,
                length_writable: true,
            }),
        )
    }

    pub fn ptr_eq(self, other: Self) -> bool {
        Gc::ptr_eq(self.0, other.0)
    }

    pub fn borrow(self) -> std::cell::Ref<'gc, ObjectData<'gc>> {
        self.0.borrow()
    }

    pub fn borrow_mut(self, mc: &Mutation<'gc>) -> std::cell::RefMut<'gc, ObjectData<'gc>> {
        self.0.borrow_mut(mc)
    }

    /// IsCallable.
    /// Whether the object has an [[IsHTMLDDA]] internal slot
    /// (<https://tc39.es/ecma262/#sec-IsHTMLDDA-internal-slot>).
    pub fn is_html_dda(self) -> bool {
        matches!(&self.borrow().kind, ObjectKind::Native(n) if n.html_dda)
    }

    pub fn is_callable(self) -> bool {
        matches!(
            self.borrow().kind,
            ObjectKind::Function(_) | ObjectKind::Native(_) | ObjectKind::Bound(_)
        )
    }

    /// IsConstructor.
    pub fn is_constructor(self) -> bool {
        // Bound function chains are walked in a loop: they can be arbitrarily long.
        let mut f = self;
        loop {
            let next = match &f.borrow().kind {
                ObjectKind::Function(c) => return c.is_constructor(),
                ObjectKind::Native(n) => return n.constructor.is_some(),
                ObjectKind::Bound(b) => b.target,
                _ => return false,
            };
            f = next;
        }
    }

    pub fn is_array(self) -> bool {
        matches!(self.borrow().kind, ObjectKind::Array(_))
    }

    /// [[GetPrototypeOf]] (<https://tc39.es/ecma262/#sec-ordinarygetprototypeof>).
    pub fn get_prototype_of(self) -> Option<Object<'gc>> {
        self.borrow().prototype
    }

    /// [[SetPrototypeOf]] (<https://tc39.es/ecma262/#sec-ordinarysetprototypeof>).
    pub fn set_prototype_of(self, gcx: Gcx<'gc>, proto: Option<Object<'gc>>) -> bool {
        // 1-3. Same value: nothing to do.
        let current = self.borrow().prototype;
        match (current, proto) {
            (None, None) => return true,
            (Some(a), Some(b)) if a.ptr_eq(b) => return true,
            _ => {}
        }
        // 4-5. Non-extensible objects keep their prototype.
        if !self.borrow().extensible {
            return false;
        }
        // 6-8. Refuse cycles; the walk is a loop, bounded by the chain's length.
        let mut p = proto;
        while let Some(o) = p {
            if o.ptr_eq(self) {
                return false;
            }
            p = o.borrow().prototype;
        }
        // 9.
        self.borrow_mut(gcx.mc).prototype = proto;
        true
    }

    /// [[IsExtensible]].
    pub fn is_extensible(self) -> bool {
        self.borrow().extensible
    }

    /// [[PreventExtensions]].
    pub fn prevent_extensions(self, gcx: Gcx<'gc>) -> bool {
        self.borrow_mut(gcx.mc).extensible = false;
        true
    }

    /// [[GetOwnProperty]], dispatching to the exotic kinds
    /// (<https://tc39.es/ecma262/#sec-ordinarygetownproperty>,
    /// <https://tc39.es/ecma262/#sec-string-exotic-objects-getownproperty-p>).
    pub fn get_own_property(self, gcx: Gcx<'gc>, key: PropertyKey<'gc>) -> Option<Property<'gc>> {
        let data = self.borrow();
        match &data.kind {
            ObjectKind::ModuleNamespace(_) => {
                drop(data);
                // Symbol keys fall through to the ordinary properties (@@toStringTag).
                if let Some(p) = crate::module::namespace::get_own_property(self, key) {
                    return p;
                }
                return self.borrow().find_own(key);
            }
            ObjectKind::MappedArguments(m) => {
                if let Some(v) = m.mapped_value(key) {
                    let mut p = data.find_own(key)?;
                    p.slot = Slot::Data(v);
                    return Some(p);
                }
            }
            ObjectKind::Array(a) if key == gcx.length => {
                return Some(Property::data(
                    Value::Number(f64::from(a.length)),
                    Attrs::new(a.length_writable, false, false),
                ));
            }
            ObjectKind::String(s) => {
                if key == gcx.length {
                    return Some(Property::data(Value::Number(s.len() as f64), Attrs::NONE));
                }
                if let PropertyKey::Index(i) = key {
                    if let Some(u) = s.code_unit_at(gcx, i as usize) {
                        let ch = JsString::from_utf16(gcx, vec![u]);
                        return Some(Property::data(Value::String(ch), Attrs(Attrs::ENUMERABLE)));
                    }
                }
            }
            _ => {}
        }
        data.find_own(key)
    }

    /// `? O.[[GetOwnProperty]](P)`: [[GetOwnProperty]] with the throw of the exotic objects whose
    /// version can fail (a module namespace's binding in its TDZ). Operations the spec writes
    /// with `?` call this; [`Object::get_own_property`] is the infallible view [[Get]] and
    /// [[HasProperty]] are built on. Natives go through `object_ops::own_property`, which
    /// makes the error object in their realm.
    pub fn get_own_property_checked(
        self,
        gcx: Gcx<'gc>,
        key: PropertyKey<'gc>,
    ) -> Result<Option<Property<'gc>>, InternalError> {
        if let Some(r) = crate::module::namespace::get_own_property_checked(self, key) {
            return r;
        }
        Ok(self.get_own_property(gcx, key))
    }

    /// [[DefineOwnProperty]] (<https://tc39.es/ecma262/#sec-ordinarydefineownproperty>, with
    /// <https://tc39.es/ecma262/#sec-array-exotic-objects-defineownproperty-p-desc> and the string
    /// exotic override).
    pub fn define_own_property(
        self,
        gcx: Gcx<'gc>,
        key: PropertyKey<'gc>,
        desc: PropertyDescriptor<'gc>,
    ) -> Result<bool, InternalError> {
        if let Some(r) = crate::interp::arguments::define_mapped(self, gcx, key, desc) {
            return r;
        }
        if let Some(r) = crate::module::namespace::define_own_property(gcx, self, key, &desc) {
            return r;
        }
        let array = match &self.borrow().kind {
            ObjectKind::Array(a) => Some(*a),
            ObjectKind::String(_) => {
                // String exotic [[DefineOwnProperty]]: the index and length properties are fixed.
                if let Some(current) = self.get_own_property(gcx, key) {
                    if key == gcx.length || matches!(key, PropertyKey::Index(_)) {
                        let ext = self.is_extensible();
                        return Ok(self.validate_and_apply(
                            gcx,
                            key,
                            ext,
                            desc,
                            Some(current),
                            true,
                        ));
                    }
                }
                None
            }
            _ => None,
        };
        let Some(state) = array else {
            let current = self.get_own_property(gcx, key);
            let ext = self.is_extensible();
            return Ok(self.validate_and_apply(gcx, key, ext, desc, current, false));
        };
        // Array exotic objects.
        if key == gcx.length {
            return self.array_set_length(gcx, state, desc);
        }
        if let PropertyKey::Index(index) = key {
            // 3.b-d. Indices at or past a non-writable length are refused.
            if index >= state.length && !state.length_writable {
                return Ok(false);
            }
            let current = self.get_own_property(gcx, key);
            let ext = self.is_extensible();
            if !self.validate_and_apply(gcx, key, ext, desc, current, false) {
                return Ok(false);
            }
            // 3.j. Grow the length.
            if index >= state.length {
                if let ObjectKind::Array(a) = &mut self.borrow_mut(gcx.mc).kind {
                    a.length = index + 1;
                }
            }
            return Ok(true);
        }
        let current = self.get_own_property(gcx, key);
        let ext = self.is_extensible();
        Ok(self.validate_and_apply(gcx, key, ext, desc, current, false))
    }

    /// ArraySetLength (<https://tc39.es/ecma262/#sec-arraysetlength>). The caller has already
    /// converted an object `value` to a primitive (ToNumber may run script).
    fn array_set_length(
        self,
        gcx: Gcx<'gc>,
        state: ArrayState,
        desc: PropertyDescriptor<'gc>,
    ) -> Result<bool, InternalError> {
        // 1. Without a value only the attributes change.
        let Some(value) = desc.value else {
            return Ok(self.apply_length_attrs(gcx, state, desc));
        };
        // 3-5. ToUint32 and ToNumber must agree.
        let number = crate::ops::to_number_primitive(gcx, value).unwrap_or(f64::NAN);
        let new_len = crate::ops::to_uint32(number);
        if f64::from(new_len) != number {
            return Err(InternalError::range_error("Invalid array length"));
        }
        // 7-10. Validate the attribute change the generic way first.
        if desc.configurable == Some(true) || desc.enumerable == Some(true) || desc.is_accessor() {
            return Ok(false);
        }
        if new_len >= state.length {
            if !state.length_writable && new_len != state.length {
                return Ok(false);
            }
            if !state.length_writable && desc.writable == Some(true) {
                return Ok(false);
            }
            self.set_array_length_raw(gcx, new_len, desc.writable.unwrap_or(state.length_writable));
            return Ok(true);
        }
        // 12. Shrinking needs a writable length.
        if !state.length_writable {
            return Ok(false);
        }
        let new_writable = desc.writable.unwrap_or(true);
        // 17. Delete from the end; stop at a non-configurable element.
        let mut blocked: Option<u32> = None;
        {
            let mut data = self.borrow_mut(gcx.mc);
            match &mut data.elements {
                Elements::Dense(v) => v.truncate(new_len as usize),
                Elements::Sparse(m) => {
                    let doomed: Vec<u32> = m.range(new_len..).map(|(k, _)| *k).rev().collect();
                    for k in doomed {
                        if m.get(&k).is_some_and(|p| !p.attrs.configurable()) {
                            blocked = Some(k);
                            break;
                        }
                        m.remove(&k);
                    }
                }
            }
            data.reaccount(gcx.mc);
        }
        match blocked {
            Some(k) => {
                self.set_array_length_raw(gcx, k + 1, new_writable);
                Ok(false)
            }
            None => {
                self.set_array_length_raw(gcx, new_len, new_writable);
                Ok(true)
            }
        }
    }

    fn apply_length_attrs(
        self,
        gcx: Gcx<'gc>,
        state: ArrayState,
        desc: PropertyDescriptor<'gc>,
    ) -> bool {
        if desc.configurable == Some(true) || desc.enumerable == Some(true) || desc.is_accessor() {
            return false;
        }
        match desc.writable {
            Some(true) if !state.length_writable => false,
            Some(w) => {
                self.set_array_length_raw(gcx, state.length, w);
                true
            }
            None => true,
        }
    }

    fn set_array_length_raw(self, gcx: Gcx<'gc>, length: u32, writable: bool) {
        if let ObjectKind::Array(a) = &mut self.borrow_mut(gcx.mc).kind {
            a.length = length;
            a.length_writable = writable;
        }
    }

    /// ValidateAndApplyPropertyDescriptor
    /// (<https://tc39.es/ecma262/#sec-validateandapplypropertydescriptor>). `validate_only` for the
    /// string exotic's fixed properties (which never change storage).
    fn validate_and_apply(
        self,
        gcx: Gcx<'gc>,
        key: PropertyKey<'gc>,
        extensible: bool,
        desc: PropertyDescriptor<'gc>,
        current: Option<Property<'gc>>,
        validate_only: bool,
    ) -> bool {
        // 2. A new property.
        let Some(current) = current else {
            if !extensible {
                return false;
            }
            let attrs = Attrs::new(
                desc.writable.unwrap_or(false),
                desc.enumerable.unwrap_or(false),
                desc.configurable.unwrap_or(false),
            );
            let slot = if desc.is_accessor() {
                Slot::Accessor {
                    get: desc.get.flatten(),
                    set: desc.set.flatten(),
                }
            } else {
                Slot::Data(desc.value.unwrap_or(Value::Undefined))
            };
            let attrs = if desc.is_accessor() {
                Attrs(attrs.0 & !Attrs::WRITABLE)
            } else {
                attrs
            };
            if !validate_only {
                self.borrow_mut(gcx.mc)
                    .write_own(gcx, key, Property { slot, attrs });
            }
            return true;
        };
        // 4. Changes to a non-configurable property.
        if !current.attrs.configurable() {
            if desc.configurable == Some(true) {
                return false;
            }
            if desc
                .enumerable
                .is_some_and(|e| e != current.attrs.enumerable())
            {
                return false;
            }
            let current_is_accessor = matches!(current.slot, Slot::Accessor { .. });
            let generic = !desc.is_accessor() && !desc.is_data();
            if !generic && desc.is_accessor() != current_is_accessor {
                return false;
            }
            match current.slot {
                Slot::Accessor { get, set } => {
                    if let Some(g) = desc.get {
                        if !same_opt_object(g, get) {
                            return false;
                        }
                    }
                    if let Some(s) = desc.set {
                        if !same_opt_object(s, set) {
                            return false;
                        }
                    }
                }
                Slot::Data(v) => {
                    if !current.attrs.writable() {
                        if desc.writable == Some(true) {
                            return false;
                        }
                        if let Some(nv) = desc.value {
                            if !crate::ops::same_value(gcx, nv, v) {
                                return false;
                            }
                        }
                    }
                }
            }
        }
        // 5. Apply.
        if validate_only {
            return true;
        }
        let enumerable = desc.enumerable.unwrap_or(current.attrs.enumerable());
        let configurable = desc.configurable.unwrap_or(current.attrs.configurable());
        let new = match current.slot {
            Slot::Data(_) if desc.is_accessor() => Property {
                slot: Slot::Accessor {
                    get: desc.get.flatten(),
                    set: desc.set.flatten(),
                },
                attrs: Attrs::new(false, enumerable, configurable),
            },
            Slot::Accessor { .. } if desc.is_data() => Property {
                slot: Slot::Data(desc.value.unwrap_or(Value::Undefined)),
                attrs: Attrs::new(desc.writable.unwrap_or(false), enumerable, configurable),
            },
            Slot::Data(v) => Property {
                slot: Slot::Data(desc.value.unwrap_or(v)),
                attrs: Attrs::new(
                    desc.writable.unwrap_or(current.attrs.writable()),
                    enumerable,
                    configurable,
                ),
            },
            Slot::Accessor { get, set } => Property {
                slot: Slot::Accessor {
                    get: desc.get.unwrap_or(get),
                    set: desc.set.unwrap_or(set),
                },
                attrs: Attrs::new(false, enumerable, configurable),
            },
        };
        self.borrow_mut(gcx.mc).write_own(gcx, key, new);
        true
    }

    /// [[HasProperty]] (<https://tc39.es/ecma262/#sec-ordinaryhasproperty>), iterative over the
    /// prototype chain.
    pub fn has_property(self, gcx: Gcx<'gc>, key: PropertyKey<'gc>) -> bool {
        let mut o = Some(self);
        while let Some(obj) = o {
            if obj.get_own_property(gcx, key).is_some() {
                return true;
            }
            o = obj.get_prototype_of();
        }
        false
    }

    /// [[Get]] (<https://tc39.es/ecma262/#sec-ordinaryget>): the value, or the getter to call with
    /// the receiver.
    pub fn get(self, gcx: Gcx<'gc>, key: PropertyKey<'gc>) -> Lookup<'gc> {
        let mut o = Some(self);
        while let Some(obj) = o {
            if let Some(p) = obj.get_own_property(gcx, key) {
                return match p.slot {
                    Slot::Data(v) => Lookup::Value(v),
                    Slot::Accessor { get: Some(g), .. } => Lookup::Getter(g),
                    Slot::Accessor { get: None, .. } => Lookup::Value(Value::Undefined),
                };
            }
            o = obj.get_prototype_of();
        }
        Lookup::Value(Value::Undefined)
    }

    /// [[Set]] (<https://tc39.es/ecma262/#sec-ordinaryset>,
    /// <https://tc39.es/ecma262/#sec-ordinarysetwithowndescriptor>).
    pub fn set(
        self,
        gcx: Gcx<'gc>,
        key: PropertyKey<'gc>,
        value: Value<'gc>,
        receiver: Value<'gc>,
    ) -> Result<SetOutcome<'gc>, InternalError> {
        // A module namespace's [[Set]] always fails.
        if crate::module::namespace::is_namespace(self) {
            return Ok(SetOutcome::Done(false));
        }
        if let Some(done) = self.set_named_on_self(gcx, key, value, receiver) {
            return Ok(done);
        }
        // 1-2. Find the property along the chain.
        let mut found = None;
        let mut o = Some(self);
        while let Some(obj) = o {
            // A namespace on the chain: its [[Set]] always fails.
            if crate::module::namespace::is_namespace(obj) {
                return Ok(SetOutcome::Done(false));
            }
            if let Some(p) = obj.get_own_property(gcx, key) {
                found = Some(p);
                break;
            }
            o = obj.get_prototype_of();
        }
        // 2.c. Not found: an implicit writable data property.
        let own = found.unwrap_or(Property::data(Value::Undefined, Attrs::DEFAULT));
        match own.slot {
            Slot::Data(_) => {
                // 2.a.
                if !own.attrs.writable() {
                    return Ok(SetOutcome::Done(false));
                }
                // 2.b.
                let Value::Object(recv) = receiver else {
                    return Ok(SetOutcome::Done(false));
                };
                // 2.c. Let existingDescriptor be ? Receiver.[[GetOwnProperty]](P).
                match recv.get_own_property_checked(gcx, key)? {
                    Some(existing) => {
                        if matches!(existing.slot, Slot::Accessor { .. })
                            || !existing.attrs.writable()
                        {
                            return Ok(SetOutcome::Done(false));
                        }
                        // 2.d.iii reaches ArraySetLength, whose conversions may run script.
                        if key == gcx.length && matches!(value, Value::Object(_)) && recv.is_array()
                        {
                            return Ok(SetOutcome::ArrayLength(recv));
                        }
                        let desc = PropertyDescriptor {
                            value: Some(value),
                            ..Default::default()
                        };
                        Ok(SetOutcome::Done(recv.define_own_property(gcx, key, desc)?))
                    }
                    None => Ok(SetOutcome::Done(recv.define_own_property(
                        gcx,
                        key,
                        PropertyDescriptor::data(value, Attrs::DEFAULT),
                    )?)),
                }
            }
            // 3-7. Accessors: call the setter, if any.
            Slot::Accessor { set: Some(s), .. } => Ok(SetOutcome::CallSetter(s)),
            Slot::Accessor { set: None, .. } => Ok(SetOutcome::Done(false)),
        }
    }

    /// [[Set]] for the common case of a string key other than `length` assigned on the object
    /// itself (receiver = `self`) when every object on the chain has ordinary named properties:
    /// the steps of OrdinarySet with one walk up the chain and no descriptor round trips. `None`
    /// when the case does not apply.
    fn set_named_on_self(
        self,
        gcx: Gcx<'gc>,
        key: PropertyKey<'gc>,
        value: Value<'gc>,
        receiver: Value<'gc>,
    ) -> Option<SetOutcome<'gc>> {
        if !crate::ic::cacheable_key(gcx, key)
            || !receiver.as_object().is_some_and(|r| r.ptr_eq(self))
        {
            return None;
        }
        // OrdinarySet 1: the own property.
        let mut next = {
            let data = self.borrow();
            if !data.kind.ordinary_named() {
                return None;
            }
            if let Some(own) = data.find_own(key) {
                return Some(match own.slot {
                    // OrdinarySetWithOwnDescriptor 2.a-d: the receiver's own writable data
                    // property; [[DefineOwnProperty]] with only [[Value]] replaces the value.
                    Slot::Data(_) if own.attrs.writable() => {
                        drop(data);
                        self.borrow_mut(gcx.mc).write_own(
                            gcx,
                            key,
                            Property::data(value, own.attrs),
                        );
                        SetOutcome::Done(true)
                    }
                    Slot::Data(_) => SetOutcome::Done(false),
                    // 3-7.
                    Slot::Accessor { set: Some(s), .. } => SetOutcome::CallSetter(s),
                    Slot::Accessor { set: None, .. } => SetOutcome::Done(false),
                });
            }
            data.prototype
        };
        // OrdinarySet 2.a-b: up the chain ([[Set]] of an ordinary parent is OrdinarySet again).
        while let Some(obj) = next {
            let data = obj.borrow();
            if !data.kind.ordinary_named() {
                return None;
            }
            if let Some(p) = data.find_own(key) {
                match p.slot {
                    Slot::Data(_) if p.attrs.writable() => break,
                    Slot::Data(_) => return Some(SetOutcome::Done(false)),
                    Slot::Accessor { set: Some(s), .. } => return Some(SetOutcome::CallSetter(s)),
                    Slot::Accessor { set: None, .. } => return Some(SetOutcome::Done(false)),
                }
            }
            next = data.prototype;
        }
        // OrdinarySetWithOwnDescriptor 2.c-e: the receiver has no own property (nothing ran
        // since step 1), so CreateDataProperty: ValidateAndApplyPropertyDescriptor on an absent
        // property adds it when the object is extensible.
        let mut data = self.borrow_mut(gcx.mc);
        if !data.extensible {
            return Some(SetOutcome::Done(false));
        }
        data.write_own(gcx, key, Property::data(value, Attrs::DEFAULT));
        Some(SetOutcome::Done(true))
    }

    /// [[Delete]] (<https://tc39.es/ecma262/#sec-ordinarydelete>).
    pub fn delete(self, gcx: Gcx<'gc>, key: PropertyKey<'gc>) -> bool {
        if let Some(r) = crate::module::namespace::delete(self, key) {
            return r;
        }
        match self.get_own_property(gcx, key) {
            None => true,
            Some(p) if p.attrs.configurable() => {
                let mut data = self.borrow_mut(gcx.mc);
                data.remove_own(gcx, key);
                // A deleted argument stops aliasing its parameter.
                if let ObjectKind::MappedArguments(m) = &mut data.kind {
                    m.unmap(key);
                }
                true
            }
            Some(_) => false,
        }
    }

    /// [[OwnPropertyKeys]] (<https://tc39.es/ecma262/#sec-ordinaryownpropertykeys>, string
    /// exotic: indices of the string first, then `length`).
    pub fn own_property_keys(self, gcx: Gcx<'gc>) -> Vec<PropertyKey<'gc>> {
        let data = self.borrow();
        let mut out = Vec::new();
        match &data.kind {
            ObjectKind::String(s) => {
                out.extend((0..s.len() as u32).map(PropertyKey::Index));
                let mut rest = Vec::new();
                data.ordinary_keys(&mut rest);
                let (idx, named): (Vec<_>, Vec<_>) = rest
                    .into_iter()
                    .partition(|k| matches!(k, PropertyKey::Index(_)));
                out.extend(idx);
                out.push(gcx.length);
                out.extend(named);
            }
            ObjectKind::Array(_) => {
                let mut rest = Vec::new();
                data.ordinary_keys(&mut rest);
                let split = rest
                    .iter()
                    .position(|k| !matches!(k, PropertyKey::Index(_)))
                    .unwrap_or(rest.len());
                let (idx, named) = rest.split_at(split);
                out.extend_from_slice(idx);
                out.push(gcx.length);
                out.extend_from_slice(named);
            }
            ObjectKind::ModuleNamespace(ns) => {
                out.extend(crate::module::namespace::export_keys(ns));
                data.ordinary_keys(&mut out);
            }
            _ => data.ordinary_keys(&mut out),
        }
        out
    }

    /// The own string keys then symbol keys, in creation order, without the array indices
    /// (for readers that walk the elements themselves and must not list millions of keys).
    pub fn named_own_keys(self) -> Vec<PropertyKey<'gc>> {
        let data = self.borrow();
        let named: Vec<PropertyKey<'gc>> = match &data.props {
            Props::Shaped { shape, .. } => shape.0.table.keys().copied().collect(),
            Props::Dict(m) => m.keys().copied().collect(),
        };
        let mut out: Vec<PropertyKey<'gc>> = named
            .iter()
            .copied()
            .filter(|k| matches!(k, PropertyKey::String(_)))
            .collect();
        out.extend(named.iter().copied().filter(|k| k.is_symbol()));
        out
    }

    /// The object's shape, when its named properties are in shaped mode.
    pub fn shape(self) -> Option<Shape<'gc>> {
        match &self.borrow().props {
            Props::Shaped { shape, .. } => Some(*shape),
            Props::Dict(_) => None,
        }
    }

    /// A fast CreateDataProperty for objects the VM just made (always extensible, key absent or
    /// configurable): skips validation.
    pub fn put_data(self, gcx: Gcx<'gc>, key: PropertyKey<'gc>, value: Value<'gc>, attrs: Attrs) {
        let mut data = self.borrow_mut(gcx.mc);
        data.write_own(gcx, key, Property::data(value, attrs));
        if let (PropertyKey::Index(i), ObjectKind::Array(a)) = (key, &mut data.kind) {
            if i >= a.length {
                a.length = i + 1;
            }
        }
    }
}

fn same_opt_object<'gc>(a: Option<Object<'gc>>, b: Option<Object<'gc>>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => x.ptr_eq(y),
        _ => false,
    }
}
