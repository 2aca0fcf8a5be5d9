//! A fast, non-cryptographic hasher for the parser's own maps (early errors, parameter
//! lists), whose keys are short names from one source text. Identifier interning has its own
//! table (`atom.rs`).
//!
//! The mixing step is the multiply-rotate scheme popularised by Firefox and rustc ("FxHash"),
//! written here from its description. It offers no protection against chosen collisions, so
//! every map using it must stay correct (only slower) under collisions; hash tables in std do.
//! Hostile input cannot make lookups superlinear in practice either: the number of names is
//! bounded by the source length and each is hashed in time linear in its length.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// An odd constant with well-spread bits (2^64 / golden ratio), the multiplier of each step.
const SEED: u64 = 0x9e37_79b9_7f4a_7c15;

/// The hasher state: one word, mixed in with each 8-byte (or shorter) chunk.
#[derive(Clone, Copy, Default)]
pub(crate) struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            for (slot, byte) in word.iter_mut().zip(rest) {
                *slot = *byte;
            }
            // The length goes into the top byte so "a" and "a\0" differ.
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 56));
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// The `BuildHasher` of [`FxHashMap`] and [`FxHashSet`].
pub(crate) type FxBuildHasher = BuildHasherDefault<FxHasher>;

/// A `HashMap` hashed with [`FxHasher`].
pub(crate) type FxHashMap<K, V> = HashMap<K, V, FxBuildHasher>;

/// A `HashSet` hashed with [`FxHasher`].
pub(crate) type FxHashSet<T> = HashSet<T, FxBuildHasher>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
        FxBuildHasher::default().hash_one(value)
    }

    #[test]
    fn equal_values_hash_equally() {
        assert_eq!(hash_of("identifier"), hash_of(&String::from("identifier")));
        assert_eq!(hash_of(&42u32), hash_of(&42u32));
    }

    #[test]
    fn nearby_values_differ() {
        assert_ne!(hash_of("a"), hash_of("b"));
        assert_ne!(hash_of("a"), hash_of("a\0"));
        assert_ne!(hash_of("abcdefgh"), hash_of("abcdefgh\0"));
        assert_ne!(hash_of("ab"), hash_of("ba"));
        assert_ne!(hash_of(&1u32), hash_of(&2u32));
    }

    #[test]
    fn maps_work_with_it() {
        let mut map: FxHashMap<&str, u32> = FxHashMap::default();
        for (i, name) in ["x", "y", "longer_name_than_eight", "x"].iter().enumerate() {
            map.insert(name, i as u32);
        }
        assert_eq!(map.len(), 3);
        assert_eq!(map.get("x"), Some(&3));
        let set: FxHashSet<u32> = (0..100).collect();
        assert!(set.contains(&99) && !set.contains(&100));
    }
}
