//! Inline caches for named property access (`GetProp`, `SetProp`).
//!
//! Bytecode is shared between contexts and immutable, so the caches live in the context's heap,
//! in the per-context constant cache of a code block (`interp::ConstCache`), one entry per
//! property-name constant: every access to `.name` in one code block shares an entry.
//!
//! An entry remembers where a lookup found a data property in terms of shapes: objects with the
//! same [`Shape`] have the same own named keys, attributes and slot layout, and shapes never
//! change in place (adding a key moves the object to another shape, deleting a key or changing
//! attributes moves it to dictionary mode, which has no shape). So a shape check proves that the
//! key is (or is not) an own property at a given slot. The prototype is not part of a shape: a
//! cached prototype-chain hit also checks each link object by identity, so `setPrototypeOf` and
//! `__proto__` assignments are seen at once. Only plain data properties are cached (getters and
//! setters take the slow path), the value is read from the slot at every hit (never cached), and
//! only string keys other than `length` on objects whose kind has ordinary named properties
//! ([`ObjectKind::ordinary_named`]), so the exotic objects' virtual properties never meet a cache.
//! Shapes are per context and entries compare objects by identity, so a cache filled by one realm
//! is exact for objects of another.

use gc_arena::Collect;

use crate::heap::Gcx;
use crate::object::{Object, ObjectData, ObjectKind, Props, Slot};
use crate::shape::{Attrs, Shape};
use crate::value::{PropertyKey, Value};

/// Where the last lookup of one property name found a data property.
#[derive(Clone, Copy, Default, Collect)]
#[collect(no_drop)]
pub enum PropIc<'gc> {
    #[default]
    Empty,
    /// An own data property: objects with `shape` hold it in `slot`.
    Own { shape: Shape<'gc>, slot: u32 },
    /// On the prototype: the receiver has `shape` (without the key) and prototype `proto`, which
    /// has `proto_shape` and holds the property in `slot`.
    Proto {
        shape: Shape<'gc>,
        proto: Object<'gc>,
        proto_shape: Shape<'gc>,
        slot: u32,
    },
    /// Two links up: receiver (`shape`) -> `p1` (`s1`, without the key) -> `p2` (`s2`, `slot`).
    Proto2 {
        shape: Shape<'gc>,
        p1: Object<'gc>,
        s1: Shape<'gc>,
        p2: Object<'gc>,
        s2: Shape<'gc>,
        slot: u32,
    },
    /// An assignment that adds the property (`this.x = x` in a constructor): a receiver with
    /// `shape` (without the key), extensible, whose prototype chain is exactly the objects in
    /// `chain` with their shapes (none with the key, so OrdinarySet reaches CreateDataProperty),
    /// moves to `added` (the key appended as a writable, enumerable, configurable data property).
    Add {
        shape: Shape<'gc>,
        added: Shape<'gc>,
        chain: [Option<(Object<'gc>, Shape<'gc>)>; 2],
    },
}

/// Whether accesses to `key` may use a cache: string keys other than `length` (which arrays and
/// string objects answer from internal slots, not from their shape).
pub fn cacheable_key<'gc>(gcx: Gcx<'gc>, key: PropertyKey<'gc>) -> bool {
    matches!(key, PropertyKey::String(_)) && key != gcx.length
}

/// The object's shape when its named properties are fully described by it.
fn shape_of<'gc>(data: &ObjectData<'gc>) -> Option<Shape<'gc>> {
    match &data.props {
        Props::Shaped { shape, .. } if data.kind.ordinary_named() => Some(*shape),
        _ => None,
    }
}

/// The data value in `slot` of `data` when it has `shape`.
fn data_at<'gc>(data: &ObjectData<'gc>, shape: Shape<'gc>, slot: u32) -> Option<Value<'gc>> {
    match &data.props {
        Props::Shaped { shape: s, slots } if s.ptr_eq(shape) && data.kind.ordinary_named() => {
            match slots.get(slot as usize) {
                Some(Slot::Data(v)) => Some(*v),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether `data` has `shape` and prototype `proto`.
fn links_to<'gc>(data: &ObjectData<'gc>, shape: Shape<'gc>, proto: Object<'gc>) -> bool {
    shape_of(data).is_some_and(|s| s.ptr_eq(shape))
        && data.prototype.is_some_and(|p| p.ptr_eq(proto))
}

impl<'gc> PropIc<'gc> {
    /// The value of the cached property of `obj`, when the cache applies to it.
    pub fn get(&self, obj: Object<'gc>) -> Option<Value<'gc>> {
        match *self {
            PropIc::Empty | PropIc::Add { .. } => None,
            PropIc::Own { shape, slot } => data_at(&obj.borrow(), shape, slot),
            PropIc::Proto {
                shape,
                proto,
                proto_shape,
                slot,
            } => {
                if !links_to(&obj.borrow(), shape, proto) {
                    return None;
                }
                data_at(&proto.borrow(), proto_shape, slot)
            }
            PropIc::Proto2 {
                shape,
                p1,
                s1,
                p2,
                s2,
                slot,
            } => {
                if !links_to(&obj.borrow(), shape, p1) || !links_to(&p1.borrow(), s1, p2) {
                    return None;
                }
                data_at(&p2.borrow(), s2, slot)
            }
        }
    }

    /// Overwrite the cached own property of `obj` with `value`, when the cache applies (an own
    /// writable data property: OrdinarySetWithOwnDescriptor then only replaces the value).
    pub fn set(&self, gcx: Gcx<'gc>, obj: Object<'gc>, value: Value<'gc>) -> bool {
        let (shape, slot) = match *self {
            PropIc::Own { shape, slot } => (shape, slot),
            PropIc::Add {
                shape,
                added,
                chain,
            } => return add_to(gcx, obj, shape, added, chain, value),
            _ => return false,
        };
        if data_at(&obj.borrow(), shape, slot).is_none() {
            return false;
        }
        let mut data = obj.borrow_mut(gcx.mc);
        if let Props::Shaped { slots, .. } = &mut data.props {
            if let Some(s) = slots.get_mut(slot as usize) {
                *s = Slot::Data(value);
                return true;
            }
        }
        false
    }

    /// A cache entry for reading `key` (a [`cacheable_key`]) from `obj`: where the data property
    /// is found within two prototype links, or `Empty`.
    pub fn for_get(obj: Object<'gc>, key: PropertyKey<'gc>) -> Self {
        let data = obj.borrow();
        let Some(shape) = shape_of(&data) else {
            return PropIc::Empty;
        };
        if let Some(slot) = data_slot(&data, shape, key) {
            return slot.map_or(PropIc::Empty, |slot| PropIc::Own { shape, slot });
        }
        let Some(p1) = data.prototype else {
            return PropIc::Empty;
        };
        let d1 = p1.borrow();
        let Some(s1) = shape_of(&d1) else {
            return PropIc::Empty;
        };
        if let Some(slot) = data_slot(&d1, s1, key) {
            return slot.map_or(PropIc::Empty, |slot| PropIc::Proto {
                shape,
                proto: p1,
                proto_shape: s1,
                slot,
            });
        }
        let Some(p2) = d1.prototype else {
            return PropIc::Empty;
        };
        let d2 = p2.borrow();
        let Some(s2) = shape_of(&d2) else {
            return PropIc::Empty;
        };
        match data_slot(&d2, s2, key) {
            Some(Some(slot)) => PropIc::Proto2 {
                shape,
                p1,
                s1,
                p2,
                s2,
                slot,
            },
            _ => PropIc::Empty,
        }
    }

    /// A cache entry for an assignment of `key` (a [`cacheable_key`]) that moved `obj` from
    /// `before` to its current shape by adding the key, when its prototype chain (at most two
    /// objects, all shaped and without the key) can be checked by identity and shape; `Empty`
    /// otherwise.
    pub fn for_add(obj: Object<'gc>, key: PropertyKey<'gc>, before: Shape<'gc>) -> Self {
        let data = obj.borrow();
        let Some(added) = shape_of(&data) else {
            return PropIc::Empty;
        };
        let n = before.len();
        if before.lookup(key).is_some()
            || added.len() != n + 1
            || added.lookup(key) != Some((n as u32, Attrs::DEFAULT))
        {
            return PropIc::Empty;
        }
        let mut chain = [None, None];
        let mut next = data.prototype;
        for link in &mut chain {
            let Some(p) = next else {
                break;
            };
            let d = p.borrow();
            match shape_of(&d) {
                Some(s) if s.lookup(key).is_none() => *link = Some((p, s)),
                _ => return PropIc::Empty,
            }
            next = d.prototype;
        }
        if next.is_some() {
            return PropIc::Empty;
        }
        PropIc::Add {
            shape: before,
            added,
            chain,
        }
    }

    /// A cache entry for assigning `key` (a [`cacheable_key`]) on `obj` itself: its own writable
    /// data property, or `Empty`.
    pub fn for_set(obj: Object<'gc>, key: PropertyKey<'gc>) -> Self {
        let data = obj.borrow();
        let Some(shape) = shape_of(&data) else {
            return PropIc::Empty;
        };
        match shape.lookup(key) {
            Some((slot, attrs)) if attrs.writable() => match data_slot(&data, shape, key) {
                Some(Some(_)) => PropIc::Own { shape, slot },
                _ => PropIc::Empty,
            },
            _ => PropIc::Empty,
        }
    }
}

/// `None` when `key` is not an own key of `data` (which has `shape`); `Some(Some(slot))` for an
/// own data property, `Some(None)` for an own accessor.
fn data_slot<'gc>(
    data: &ObjectData<'gc>,
    shape: Shape<'gc>,
    key: PropertyKey<'gc>,
) -> Option<Option<u32>> {
    let (slot, _) = shape.lookup(key)?;
    let Props::Shaped { slots, .. } = &data.props else {
        return Some(None);
    };
    Some(match slots.get(slot as usize) {
        Some(Slot::Data(_)) => Some(slot),
        _ => None,
    })
}

impl ObjectKind<'_> {
    /// Whether objects of this kind have the ordinary [[GetOwnProperty]], [[DefineOwnProperty]],
    /// [[Get]] and [[Set]] for string keys other than `length`, so that their shape describes
    /// those properties completely. The match is exhaustive on purpose: a new exotic kind (a
    /// module namespace, a Proxy) must decide here, and answer `false`.
    pub fn ordinary_named(&self) -> bool {
        match self {
            ObjectKind::Ordinary
            | ObjectKind::Array(_)
            | ObjectKind::Function(_)
            | ObjectKind::Native(_)
            | ObjectKind::Bound(_)
            | ObjectKind::Error
            | ObjectKind::Boolean(_)
            | ObjectKind::Number(_)
            | ObjectKind::String(_)
            | ObjectKind::Symbol(_)
            | ObjectKind::BigInt(_)
            | ObjectKind::Arguments
            | ObjectKind::MappedArguments(_)
            | ObjectKind::ForIn(_)
            | ObjectKind::ArrayIterator(_)
            | ObjectKind::StringIterator(_)
            | ObjectKind::RawJson
            | ObjectKind::Coroutine(_)
            | ObjectKind::Promise(_)
            | ObjectKind::AsyncFromSyncIter(_)
            | ObjectKind::DisposableStack(_) => true,
            // A module record is internal (never reachable from script); a namespace is exotic.
            ObjectKind::ModuleRecord(_) | ObjectKind::ModuleNamespace(_) => false,
        }
    }
}

/// The cached addition of [`PropIc::Add`] on `obj`, when the entry applies: `obj` has `shape`,
/// is extensible, and its prototype chain is `chain` with the same shapes (so no object on it
/// has the key: OrdinarySet ends in CreateDataProperty on `obj`, which adds the key as
/// `added` describes).
#[inline(never)]
fn add_to<'gc>(
    gcx: Gcx<'gc>,
    obj: Object<'gc>,
    shape: Shape<'gc>,
    added: Shape<'gc>,
    chain: [Option<(Object<'gc>, Shape<'gc>)>; 2],
    value: Value<'gc>,
) -> bool {
    {
        let data = obj.borrow();
        if !data.extensible || !shape_of(&data).is_some_and(|s| s.ptr_eq(shape)) {
            return false;
        }
        let mut next = data.prototype;
        for link in chain {
            match (next, link) {
                (None, None) => break,
                (Some(p), Some((q, s))) if p.ptr_eq(q) => {
                    let d = q.borrow();
                    if !shape_of(&d).is_some_and(|x| x.ptr_eq(s)) {
                        return false;
                    }
                    next = d.prototype;
                }
                _ => return false,
            }
        }
        if next.is_some() {
            return false;
        }
    }
    obj.borrow_mut(gcx.mc)
        .append_shaped(gcx.mc, added, Slot::Data(value))
}

/// Where the last `GetGlobal`/`SetGlobal` of one name found it: a data property of a global
/// object in dictionary mode.
///
/// The global object's own properties live in an insertion-ordered map, so an entry remembers
/// the map index and checks at each hit that the key stored there is still its key (keys are
/// unique, so that proves the property is the one at the index, whatever was added or deleted
/// meanwhile). A top-level `let`/`const`/`class` of the same name would shadow the property:
/// declarative bindings are never removed, so an unchanged count of them in the realm's record
/// proves none was added since the entry was made (when the name had none).
#[derive(Clone, Copy, Default, Collect)]
#[collect(no_drop)]
pub enum GlobalIc<'gc> {
    #[default]
    Empty,
    Dict {
        global: Object<'gc>,
        key: PropertyKey<'gc>,
        lex_len: u32,
        index: u32,
    },
}

impl<'gc> GlobalIc<'gc> {
    /// An entry for `key` on `global` when it is an own data property there (and `lex_len` is
    /// the number of declarative bindings, none of them named `key`), or `Empty`.
    pub fn for_global(global: Object<'gc>, key: PropertyKey<'gc>, lex_len: usize) -> Self {
        let data = global.borrow();
        let (Props::Dict(m), true) = (&data.props, data.kind.ordinary_named()) else {
            return GlobalIc::Empty;
        };
        match (m.get_full(&key), u32::try_from(lex_len)) {
            (Some((index, _, p)), Ok(lex_len)) if matches!(p.slot, Slot::Data(_)) => {
                match u32::try_from(index) {
                    Ok(index) => GlobalIc::Dict {
                        global,
                        key,
                        lex_len,
                        index,
                    },
                    Err(_) => GlobalIc::Empty,
                }
            }
            _ => GlobalIc::Empty,
        }
    }

    /// Whether the entry applies to `global` with `lex_len` declarative bindings; then the map
    /// index of the property.
    fn hit(self, global: Object<'gc>, lex_len: usize) -> Option<(PropertyKey<'gc>, usize)> {
        match self {
            GlobalIc::Dict {
                global: g,
                key,
                lex_len: n,
                index,
            } if g.ptr_eq(global) && n as usize == lex_len => Some((key, index as usize)),
            _ => None,
        }
    }

    /// The value of the cached global property, when the entry applies.
    pub fn get(self, global: Object<'gc>, lex_len: usize) -> Option<Value<'gc>> {
        let (key, index) = self.hit(global, lex_len)?;
        let data = global.borrow();
        let Props::Dict(m) = &data.props else {
            return None;
        };
        match m.get_index(index) {
            Some((k, p)) if *k == key => match p.slot {
                Slot::Data(v) => Some(v),
                Slot::Accessor { .. } => None,
            },
            _ => None,
        }
    }

    /// Overwrite the cached global property with `value` when the entry applies and the
    /// property is a writable data property (then OrdinarySetWithOwnDescriptor only replaces
    /// the value).
    pub fn set(
        self,
        gcx: Gcx<'gc>,
        global: Object<'gc>,
        lex_len: usize,
        value: Value<'gc>,
    ) -> bool {
        let Some((key, index)) = self.hit(global, lex_len) else {
            return false;
        };
        let mut data = global.borrow_mut(gcx.mc);
        let Props::Dict(m) = &mut data.props else {
            return false;
        };
        match m.get_index_mut(index) {
            Some((k, p)) if *k == key && p.attrs.writable() && matches!(p.slot, Slot::Data(_)) => {
                p.slot = Slot::Data(value);
                true
            }
            _ => false,
        }
    }
}
