//! The per-context string interner that makes property keys comparable by pointer.
//!
//! Interned strings are held strongly for the life of the context. Weak interning (dropping keys
//! no object uses any more) needs gc-arena's finalization step and is left for later; until then a
//! script that makes endless distinct keys pays for them in its heap budget.

use std::collections::HashMap;

use gc_arena::Collect;

use crate::heap::Gcx;
use crate::string::{array_index_of, JsString, Units};
use crate::value::PropertyKey;

/// Content-to-string map.
#[derive(Collect, Default)]
#[collect(no_drop)]
pub struct Interner<'gc> {
    map: HashMap<Box<[u16]>, JsString<'gc>>,
}

impl<'gc> Interner<'gc> {
    /// The interned string with these code units.
    pub fn intern_units(&mut self, gcx: Gcx<'gc>, units: &[u16]) -> JsString<'gc> {
        if let Some(s) = self.map.get(units) {
            return *s;
        }
        let s = JsString::from_utf16(gcx, units.to_vec());
        self.map.insert(units.into(), s);
        s
    }

    /// The interned copy of `s` (itself if already interned).
    pub fn intern(&mut self, gcx: Gcx<'gc>, s: JsString<'gc>) -> JsString<'gc> {
        let units = s.to_utf16(gcx);
        if let Some(found) = self.map.get(units.as_slice()) {
            return *found;
        }
        self.map.insert(units.into_boxed_slice(), s);
        s
    }

    /// The property key for a string: an index when canonical, else the interned string.
    pub fn key(&mut self, gcx: Gcx<'gc>, s: JsString<'gc>) -> PropertyKey<'gc> {
        if let Some(i) = s.as_array_index(gcx) {
            return PropertyKey::Index(i);
        }
        PropertyKey::String(self.intern(gcx, s))
    }

    /// The property key for code units.
    pub fn key_units(&mut self, gcx: Gcx<'gc>, units: &[u16]) -> PropertyKey<'gc> {
        if let Some(i) = array_index_of(Units::Utf16(units)) {
            return PropertyKey::Index(i);
        }
        PropertyKey::String(self.intern_units(gcx, units))
    }

    /// The property key for Rust text.
    pub fn key_str(&mut self, gcx: Gcx<'gc>, s: &str) -> PropertyKey<'gc> {
        let units: Vec<u16> = s.encode_utf16().collect();
        self.key_units(gcx, &units)
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}
