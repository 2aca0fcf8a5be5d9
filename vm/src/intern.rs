//! The per-context string interner that makes property keys comparable by pointer.
//!
//! Two live interned strings never have the same contents, so key identity is pointer identity.
//! The interner holds its strings weakly: a key that no object, shape, code constant or value
//! uses any more is collected like any other string, so a script making endless distinct keys
//! (`o['k' + i++] = 1; delete o[...]`) does not grow the heap without bound. Entries whose
//! string was collected are swept from the table whenever it has doubled since the last sweep
//! (and on request), which keeps the table proportional to the live interned strings.

use std::collections::HashMap;

use gc_arena::Collect;

use crate::heap::Gcx;
use crate::string::{array_index_of, JsString, Units, WeakJsString};
use crate::value::PropertyKey;

/// The table size below which no sweep is attempted.
const MIN_SWEEP_LEN: usize = 1024;

/// Content-to-string map.
#[derive(Collect)]
#[collect(no_drop)]
pub struct Interner<'gc> {
    map: HashMap<Box<[u16]>, WeakJsString<'gc>>,
    /// The table size that triggers the next sweep of collected entries.
    sweep_at: usize,
}

impl Default for Interner<'_> {
    fn default() -> Self {
        Interner {
            map: HashMap::new(),
            sweep_at: MIN_SWEEP_LEN,
        }
    }
}

impl<'gc> Interner<'gc> {
    /// The live interned string with these code units, if any.
    fn find(&self, gcx: Gcx<'gc>, units: &[u16]) -> Option<JsString<'gc>> {
        self.map.get(units).and_then(|w| w.upgrade(gcx.mc))
    }

    /// Record `s` as the interned string for `units` (replacing a collected one).
    fn insert(&mut self, units: Box<[u16]>, s: JsString<'gc>) {
        self.map.insert(units, s.downgrade());
        if self.map.len() >= self.sweep_at {
            self.sweep();
        }
    }

    /// Drop the entries whose string was collected.
    pub fn sweep(&mut self) {
        self.map.retain(|_, w| !w.is_dropped());
        self.sweep_at = self.map.len().saturating_mul(2).max(MIN_SWEEP_LEN);
    }

    /// The interned string with these code units.
    pub fn intern_units(&mut self, gcx: Gcx<'gc>, units: &[u16]) -> JsString<'gc> {
        if let Some(s) = self.find(gcx, units) {
            return s;
        }
        let s = JsString::from_utf16(gcx, units.to_vec());
        self.insert(units.into(), s);
        s
    }

    /// The interned copy of `s` (itself if already interned).
    pub fn intern(&mut self, gcx: Gcx<'gc>, s: JsString<'gc>) -> JsString<'gc> {
        let units = s.to_utf16(gcx);
        if let Some(found) = self.find(gcx, &units) {
            return found;
        }
        self.insert(units.into_boxed_slice(), s);
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

    /// How many entries the table holds (collected ones not yet swept included).
    pub fn len(&self) -> usize {
        self.map.len()
    }
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use crate::{Context, ContextOptions, HostValue};

    /// Fresh keys made and dropped in a loop are collected: the heap stays small.
    #[test]
    fn dropped_keys_are_collected() {
        let mut cx = Context::new(ContextOptions {
            heap_limit: 8 << 20,
            ..ContextOptions::default()
        });
        let r = cx.eval_script(
            "var o = {}; for (var i = 0; i < 300000; i++) { o['key number ' + i] = 1; delete o['key number ' + i] } Object.keys(o).length",
            "t.js",
        );
        assert_eq!(r, Ok(HostValue::Number(0.0)));
    }

    /// Key identity survives collection: a key still used by an object is found again.
    #[test]
    fn live_keys_keep_their_identity() {
        let mut cx = Context::new(ContextOptions::default());
        cx.eval_script("var o = {}; o['a' + 'bc'] = 1;", "t.js")
            .unwrap();
        for _ in 0..3 {
            cx.eval_script(
                "for (var i = 0; i < 5000; i++) ({})['junk' + i] = i;",
                "t.js",
            )
            .unwrap();
            cx.collect_garbage();
        }
        let r = cx.eval_script("o.abc + o['ab' + 'c']", "t.js");
        assert_eq!(r, Ok(HostValue::Number(2.0)));
    }
}
