//! [`Atom`], the shared string of identifier names, and the per-parse [`Interner`] that makes
//! every occurrence of one name share one allocation.

use crate::fxhash::FxHashSet;
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
#[derive(Default)]
pub(crate) struct Interner {
    atoms: FxHashSet<Atom>,
}

impl Interner {
    /// The atom for `name`, made on its first occurrence.
    #[inline]
    pub fn intern(&mut self, name: &str) -> Atom {
        if let Some(atom) = self.atoms.get(name) {
            return atom.clone();
        }
        self.insert_new(name)
    }

    #[cold]
    fn insert_new(&mut self, name: &str) -> Atom {
        let atom = Atom::from(name);
        self.atoms.insert(atom.clone());
        atom
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
    fn interning_shares_one_allocation() {
        let mut interner = Interner::default();
        let a = interner.intern("x");
        let b = interner.intern("x");
        let c = interner.intern("y");
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert!(!Arc::ptr_eq(&a.0, &c.0));
        assert_eq!((&*a, &*c), ("x", "y"));
        assert_eq!(interner.atoms.len(), 2);
    }
}
