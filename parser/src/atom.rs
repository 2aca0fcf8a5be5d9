//! [`Atom`], the shared string of identifier names, and the per-parse [`Interner`] that makes
//! every occurrence of one name share one allocation.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// An identifier name: derefs to `str`, and clones by bumping a reference count.
///
/// Within one parse every occurrence of a name shares one allocation. The count is atomic
/// because ASTs may be handed to other threads (they are `Send`).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Atom(Arc<str>);

impl Atom {
    /// The name as a string slice.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Atom {
    type Target = str;

    #[inline]
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Atom {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// Lets an interning set of atoms be searched with a `&str`; sound because `Atom`'s `Hash`
/// and `Eq` are those of the `str` it holds.
impl Borrow<str> for Atom {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl fmt::Display for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.0, f)
    }
}

impl From<&str> for Atom {
    fn from(s: &str) -> Self {
        Atom(Arc::from(s))
    }
}

impl From<String> for Atom {
    fn from(s: String) -> Self {
        Atom(Arc::from(s))
    }
}

impl From<Box<str>> for Atom {
    fn from(s: Box<str>) -> Self {
        Atom(Arc::from(s))
    }
}

impl From<&Atom> for Box<str> {
    fn from(atom: &Atom) -> Self {
        Box::from(atom.as_str())
    }
}

impl PartialEq<str> for Atom {
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<&str> for Atom {
    fn eq(&self, other: &&str) -> bool {
        *self.0 == **other
    }
}

impl PartialEq<Atom> for str {
    fn eq(&self, other: &Atom) -> bool {
        *self == *other.0
    }
}

impl PartialEq<Atom> for &str {
    fn eq(&self, other: &Atom) -> bool {
        **self == *other.0
    }
}

/// The atoms made so far by one parse, so that a name seen again is a reference-count bump
/// instead of an allocation.
///
/// An open-addressing table (linear probing, at most half full) of atoms with their hashes.
/// The hash reads a short name in at most two overlapping words instead of byte by byte, and
/// is keyed with a per-interner random seed so that input cannot be crafted to collide.
pub(crate) struct Interner {
    slots: Vec<Slot>,
    len: usize,
    seed: u64,
}

#[derive(Clone, Default)]
struct Slot {
    hash: u64,
    atom: Option<Atom>,
}

/// Slots of a new table (a power of two).
const INITIAL_SLOTS: usize = 64;

impl Default for Interner {
    fn default() -> Self {
        use std::hash::{BuildHasher, Hasher};
        // std's RandomState is seeded from the OS once per thread; only its keys are used.
        let seed = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        Interner {
            slots: vec![Slot::default(); INITIAL_SLOTS],
            len: 0,
            seed,
        }
    }
}

/// Multiplies and folds the halves of the 128-bit product: the mixing step of wyhash-style
/// hashes (each input bit affects many output bits).
#[inline(always)]
fn fold_multiply(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

#[inline(always)]
fn read_u64(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 8];
    if let Some(chunk) = bytes.get(at..at + 8) {
        word.copy_from_slice(chunk);
    }
    u64::from_le_bytes(word)
}

#[inline(always)]
fn read_u32(bytes: &[u8], at: usize) -> u64 {
    let mut word = [0u8; 4];
    if let Some(chunk) = bytes.get(at..at + 4) {
        word.copy_from_slice(chunk);
    }
    u64::from(u32::from_le_bytes(word))
}

/// The seeded hash of `name`.
#[inline]
fn hash_name(name: &[u8], seed: u64) -> u64 {
    const K0: u64 = 0xa076_1d64_78bd_642f;
    const K1: u64 = 0xe703_7ed1_a0b4_28db;
    let n = name.len();
    let (lo, hi) = if n >= 8 {
        // Whole words from the front, then the last word (overlapping the previous one).
        let mut acc = seed;
        let mut at = 0;
        while at + 8 < n {
            acc = fold_multiply(read_u64(name, at) ^ K0, acc ^ K1);
            at += 8;
        }
        (acc, read_u64(name, n - 8))
    } else if n >= 4 {
        (read_u32(name, 0), read_u32(name, n - 4))
    } else if let (Some(&first), Some(&last)) = (name.first(), name.last()) {
        let middle = name.get(n / 2).copied().unwrap_or(0);
        (
            u64::from(first) | u64::from(middle) << 8 | u64::from(last) << 16,
            0,
        )
    } else {
        (0, 0)
    };
    fold_multiply(lo ^ seed ^ K0, hi ^ (n as u64) ^ K1)
}

/// Whether two names are equal, comparing short ones (nearly all) with at most two overlapping
/// word reads per side, as [`hash_name`] reads them, instead of calling `memcmp`.
#[inline(always)]
fn same_name(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    match n {
        0..=3 => {
            // Positions 0, n/2 and n-1 cover every byte of a name this short.
            a.first() == b.first() && a.get(n / 2) == b.get(n / 2) && a.last() == b.last()
        }
        4..=7 => read_u32(a, 0) == read_u32(b, 0) && read_u32(a, n - 4) == read_u32(b, n - 4),
        8..=16 => read_u64(a, 0) == read_u64(b, 0) && read_u64(a, n - 8) == read_u64(b, n - 8),
        _ => a == b,
    }
}

impl Interner {
    /// The atom for `name`, made on its first occurrence.
    #[inline]
    pub fn intern(&mut self, name: &str) -> Atom {
        let hash = hash_name(name.as_bytes(), self.seed);
        let mask = self.slots.len() - 1;
        let mut index = hash as usize & mask;
        loop {
            match self.slots.get(index) {
                Some(Slot {
                    hash: h,
                    atom: Some(atom),
                }) => {
                    if *h == hash && same_name(atom.as_bytes(), name.as_bytes()) {
                        return atom.clone();
                    }
                }
                _ => return self.insert_new(name, hash, index),
            }
            index = (index + 1) & mask;
        }
    }

    /// Adds `name` at the free slot `index` found by [`Interner::intern`].
    #[cold]
    fn insert_new(&mut self, name: &str, hash: u64, index: usize) -> Atom {
        let atom = Atom::from(name);
        if let Some(slot) = self.slots.get_mut(index) {
            *slot = Slot {
                hash,
                atom: Some(atom.clone()),
            };
        }
        self.len += 1;
        if self.len * 2 > self.slots.len() {
            self.grow();
        }
        atom
    }

    /// Doubles the table, re-placing every atom by its stored hash.
    fn grow(&mut self) {
        let new_len = self.slots.len() * 2;
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); new_len]);
        let mask = new_len - 1;
        for slot in old {
            if slot.atom.is_none() {
                continue;
            }
            let mut index = slot.hash as usize & mask;
            while self.slots.get(index).is_some_and(|s| s.atom.is_some()) {
                index = (index + 1) & mask;
            }
            if let Some(free) = self.slots.get_mut(index) {
                *free = slot;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoms_behave_like_strings() {
        let a = Atom::from("name");
        assert_eq!(&*a, "name");
        assert_eq!(a.as_str(), "name");
        assert_eq!(a, "name");
        assert_eq!("name", a);
        assert_eq!(a, Atom::from(String::from("name")));
        assert_eq!(format!("{a} {a:?}"), "name \"name\"");
        let boxed: Box<str> = Box::from(&a);
        assert_eq!(&*boxed, "name");
        let (x, y) = (Atom::from("a"), Atom::from("b"));
        assert!(x < y);
    }

    #[test]
    fn same_name_agrees_with_equality() {
        let names: Vec<String> = (0..=20)
            .flat_map(|n| {
                let base = "abcdefghijklmnopqrstu"[..n].to_string();
                let mut variants = vec![base.clone()];
                // The same length differing in one position, for every position.
                for i in 0..n {
                    let mut bytes = base.clone().into_bytes();
                    bytes[i] = b'Z';
                    variants.push(String::from_utf8(bytes).unwrap_or_default());
                }
                variants
            })
            .collect();
        for a in &names {
            for b in &names {
                assert_eq!(same_name(a.as_bytes(), b.as_bytes()), a == b, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn interning_shares_one_allocation() {
        let mut interner = Interner::default();
        let a = interner.intern("x");
        let b = interner.intern("x");
        let c = interner.intern("y");
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert!(!Arc::ptr_eq(&a.0, &c.0));
        assert_eq!((&*a, &*c), ("x", "y"));
        assert_eq!(interner.len, 2);
    }

    #[test]
    fn interning_survives_growth_and_every_length() {
        let mut interner = Interner::default();
        let names: Vec<String> = (0..5000)
            .map(|i| format!("{}{i}", "n".repeat(i % 40)))
            .chain(["".to_string(), "a".into(), "ab".into(), "abc".into()])
            .collect();
        let atoms: Vec<Atom> = names.iter().map(|n| interner.intern(n)).collect();
        assert_eq!(interner.len, names.len());
        for (name, atom) in names.iter().zip(&atoms) {
            let again = interner.intern(name);
            assert!(Arc::ptr_eq(&again.0, &atom.0), "{name}");
            assert_eq!(&*again, name.as_str());
        }
        assert_eq!(interner.len, names.len());
    }
}
