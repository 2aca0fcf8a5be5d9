//! Shapes (hidden classes): the key-to-slot layout shared by objects built the same way.
//!
//! A shape maps each own non-index property key to a slot index and attributes, in creation
//! order. Adding a property follows a transition cached (weakly) on the parent shape, so objects
//! created by the same code share shapes and inline caches can key on them later. Deletion,
//! attribute changes and large objects leave shapes for dictionary mode (see `object.rs`).

use std::collections::HashMap;

use gc_arena::barrier::unlock;
use gc_arena::lock::RefLock;
use gc_arena::{Collect, Gc, GcWeak};

use std::rc::Rc;

use gc_arena::Mutation;

use crate::heap::{Account, Gcx, HeapTicket, Ticket};
use crate::value::{KeyHash, KeyMap, PropertyKey};

/// Objects with more own keys than this go to dictionary mode.
pub const MAX_SHAPE_KEYS: usize = 32;
/// A shape caches at most this many transitions (bounding what a key-spraying script can pin).
const MAX_TRANSITIONS: usize = 64;

/// Property attribute bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Collect)]
#[collect(require_static)]
pub struct Attrs(pub u8);

impl Attrs {
    pub const WRITABLE: u8 = 1;
    pub const ENUMERABLE: u8 = 2;
    pub const CONFIGURABLE: u8 = 4;
    /// Writable, enumerable, configurable: what assignment and CreateDataProperty make.
    pub const DEFAULT: Attrs = Attrs(7);
    /// Writable and configurable, not enumerable: built-in methods.
    pub const HIDDEN: Attrs = Attrs(5);
    pub const NONE: Attrs = Attrs(0);

    pub fn writable(self) -> bool {
        self.0 & Self::WRITABLE != 0
    }
    pub fn enumerable(self) -> bool {
        self.0 & Self::ENUMERABLE != 0
    }
    pub fn configurable(self) -> bool {
        self.0 & Self::CONFIGURABLE != 0
    }
    pub fn new(writable: bool, enumerable: bool, configurable: bool) -> Attrs {
        Attrs(
            ((writable as u8) * Self::WRITABLE)
                | ((enumerable as u8) * Self::ENUMERABLE)
                | ((configurable as u8) * Self::CONFIGURABLE),
        )
    }
}

#[derive(Collect)]
#[collect(no_drop)]
pub struct ShapeNode<'gc> {
    ticket: HeapTicket,
    /// Key -> (slot, attributes), in creation order.
    pub table: KeyMap<'gc, (u32, Attrs)>,
    transitions: RefLock<HashMap<(PropertyKey<'gc>, Attrs), GcWeak<'gc, ShapeNode<'gc>>, KeyHash>>,
}

/// A shared, immutable layout.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct Shape<'gc>(pub Gc<'gc, ShapeNode<'gc>>);

impl<'gc> Shape<'gc> {
    /// The empty shape (one per realm; objects start from it).
    pub fn root(mc: &'gc Mutation<'gc>, account: &Rc<Account>) -> Self {
        Self::make(mc, account, KeyMap::default())
    }

    fn make(
        mc: &'gc Mutation<'gc>,
        account: &Rc<Account>,
        table: KeyMap<'gc, (u32, Attrs)>,
    ) -> Self {
        let bytes = 96 + table.len() * 32;
        let ticket = Ticket::new(mc, account, bytes);
        Shape(Gc::new(
            mc,
            ShapeNode {
                ticket,
                table,
                transitions: RefLock::new(HashMap::default()),
            },
        ))
    }

    pub fn lookup(self, key: PropertyKey<'gc>) -> Option<(u32, Attrs)> {
        self.0.table.get(&key).copied()
    }

    pub fn len(self) -> usize {
        self.0.table.len()
    }

    pub fn is_empty(self) -> bool {
        self.0.table.is_empty()
    }

    /// The shape with `key` appended at the next slot.
    pub fn with_added(self, gcx: Gcx<'gc>, key: PropertyKey<'gc>, attrs: Attrs) -> Self {
        if let Some(weak) = self.0.transitions.borrow().get(&(key, attrs)) {
            if let Some(strong) = weak.upgrade(gcx.mc) {
                return Shape(strong);
            }
        }
        let mut table = self.0.table.clone();
        let slot = table.len() as u32;
        table.insert(key, (slot, attrs));
        let child = Self::make(gcx.mc, &gcx.account.0, table);
        let mut tr = unlock!(Gc::write(gcx.mc, self.0), ShapeNode, transitions).borrow_mut();
        if tr.len() < MAX_TRANSITIONS {
            tr.insert((key, attrs), Gc::downgrade(child.0));
        }
        child
    }

    pub fn ptr_eq(self, other: Self) -> bool {
        Gc::ptr_eq(self.0, other.0)
    }
}
