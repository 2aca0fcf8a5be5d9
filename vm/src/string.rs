//! JavaScript strings: immutable sequences of UTF-16 code units in the heap.
//!
//! A string is stored as Latin-1 bytes when every code unit fits in a byte, else as UTF-16.
//! Concatenation of long strings makes a rope node; a rope is flattened on first read, with an
//! explicit stack (never recursion), so a million-deep left spine built by `s += x` flattens in
//! linear time and constant Rust stack. After flattening the node drops its children.

use std::cmp::Ordering;
use std::hash::{Hash, Hasher};

use gc_arena::barrier::unlock;
use gc_arena::lock::RefLock;
use gc_arena::{Collect, Gc, GcWeak, Mutation};

use crate::heap::{Gcx, HeapTicket, OutOfMemory};

/// The longest string the engine makes, in code units (engines cap below the spec's 2^53 - 1).
pub const MAX_STRING_LENGTH: usize = (1 << 30) - 25;

/// Ropes shorter than this are flattened eagerly: small copies are cheaper than nodes.
const MIN_ROPE_LENGTH: usize = 64;

/// Why a string could not be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StringError {
    /// Longer than [`MAX_STRING_LENGTH`] (a RangeError in script).
    TooLong,
    /// The heap limit would be exceeded.
    OutOfMemory,
}

impl From<OutOfMemory> for StringError {
    fn from(_: OutOfMemory) -> Self {
        StringError::OutOfMemory
    }
}

#[derive(Collect)]
#[collect(no_drop)]
enum Repr<'gc> {
    Latin1(Box<[u8]>),
    Utf16(Box<[u16]>),
    Rope(JsString<'gc>, JsString<'gc>),
}

#[derive(Collect)]
#[collect(no_drop)]
pub struct StrNode<'gc> {
    len: usize,
    latin1: bool,
    ticket: HeapTicket,
    repr: RefLock<Repr<'gc>>,
}

/// A handle to an immutable JavaScript string.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct JsString<'gc>(Gc<'gc, StrNode<'gc>>);

/// A weak handle to a string: it does not keep the string alive (the interner holds these).
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct WeakJsString<'gc>(GcWeak<'gc, StrNode<'gc>>);

impl<'gc> WeakJsString<'gc> {
    /// The string, unless it was collected (or will be by the running sweep).
    pub fn upgrade(self, mc: &Mutation<'gc>) -> Option<JsString<'gc>> {
        self.0.upgrade(mc).map(JsString)
    }
    /// Whether the string was collected.
    pub fn is_dropped(self) -> bool {
        self.0.is_dropped()
    }
}

impl std::fmt::Debug for JsString<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "JsString(len {})", self.0.len)
    }
}

/// A borrowed view of flat string contents.
#[derive(Clone, Copy, Debug)]
pub enum Units<'a> {
    Latin1(&'a [u8]),
    Utf16(&'a [u16]),
}

impl Units<'_> {
    pub fn len(self) -> usize {
        match self {
            Units::Latin1(b) => b.len(),
            Units::Utf16(u) => u.len(),
        }
    }
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
    pub fn get(self, i: usize) -> Option<u16> {
        match self {
            Units::Latin1(b) => b.get(i).map(|&c| u16::from(c)),
            Units::Utf16(u) => u.get(i).copied(),
        }
    }
    pub fn iter(self) -> impl Iterator<Item = u16> + 'static
    where
        Self: 'static,
    {
        (0..self.len()).filter_map(move |i| self.get(i))
    }
    fn extend_into(self, out: &mut Vec<u16>) {
        match self {
            Units::Latin1(b) => out.extend(b.iter().map(|&c| u16::from(c))),
            Units::Utf16(u) => out.extend_from_slice(u),
        }
    }
}

fn bytes_for(len: usize, latin1: bool) -> usize {
    std::mem::size_of::<StrNode<'_>>() + 16 + if latin1 { len } else { len * 2 }
}

impl<'gc> JsString<'gc> {
    fn alloc(gcx: Gcx<'gc>, len: usize, latin1: bool, repr: Repr<'gc>) -> Self {
        // A rope node holds no buffer until flattened (then its ticket grows).
        let bytes = if matches!(repr, Repr::Rope(..)) {
            bytes_for(0, true)
        } else {
            bytes_for(len, latin1)
        };
        let ticket = gcx.ticket(bytes);
        JsString(Gc::new(
            gcx.mc,
            StrNode {
                len,
                latin1,
                ticket,
                repr: RefLock::new(repr),
            },
        ))
    }

    /// A string from Rust text (transcoded to UTF-16).
    pub fn from_str(gcx: Gcx<'gc>, s: &str) -> Self {
        if s.is_ascii() {
            let b: Box<[u8]> = s.as_bytes().into();
            return Self::alloc(gcx, b.len(), true, Repr::Latin1(b));
        }
        Self::from_utf16(gcx, s.encode_utf16().collect())
    }

    /// A string from code units, stored as Latin-1 when they all fit.
    pub fn from_utf16(gcx: Gcx<'gc>, units: Vec<u16>) -> Self {
        let len = units.len();
        if units.iter().all(|&u| u < 256) {
            let b: Box<[u8]> = units.iter().map(|&u| u as u8).collect();
            Self::alloc(gcx, len, true, Repr::Latin1(b))
        } else {
            Self::alloc(gcx, len, false, Repr::Utf16(units.into_boxed_slice()))
        }
    }

    /// A string from Latin-1 bytes.
    pub fn from_latin1(gcx: Gcx<'gc>, bytes: Vec<u8>) -> Self {
        let len = bytes.len();
        Self::alloc(gcx, len, true, Repr::Latin1(bytes.into_boxed_slice()))
    }

    /// Length in code units.
    pub fn len(self) -> usize {
        self.0.len
    }

    /// A weak handle to this string.
    pub fn downgrade(self) -> WeakJsString<'gc> {
        WeakJsString(Gc::downgrade(self.0))
    }

    pub fn is_empty(self) -> bool {
        self.0.len == 0
    }

    /// Identity (not content) comparison.
    pub fn ptr_eq(self, other: Self) -> bool {
        Gc::ptr_eq(self.0, other.0)
    }

    /// The address, for identity hashing of interned strings.
    pub fn addr(self) -> usize {
        Gc::as_ptr(self.0) as *const () as usize
    }

    /// The concatenation `a + b` (the string case of ApplyStringOrNumericBinaryOperator).
    pub fn concat(gcx: Gcx<'gc>, a: Self, b: Self) -> Result<Self, StringError> {
        if a.is_empty() {
            return Ok(b);
        }
        if b.is_empty() {
            return Ok(a);
        }
        let len = a.len() + b.len();
        if len > MAX_STRING_LENGTH {
            return Err(StringError::TooLong);
        }
        let latin1 = a.0.latin1 && b.0.latin1;
        if len < MIN_ROPE_LENGTH {
            gcx.account.check(bytes_for(len, latin1))?;
            let mut v = Vec::with_capacity(len);
            a.units(gcx, |u| u.extend_into(&mut v));
            b.units(gcx, |u| u.extend_into(&mut v));
            return Ok(Self::from_utf16(gcx, v));
        }
        // The flat size must fit now, so that a later read cannot fail to flatten.
        gcx.account.check(bytes_for(len, latin1))?;
        Ok(Self::alloc(gcx, len, latin1, Repr::Rope(a, b)))
    }

    /// Flatten a rope in place, iteratively.
    fn flatten(self, gcx: Gcx<'gc>) {
        if !matches!(&*self.0.repr.borrow(), Repr::Rope(..)) {
            return;
        }
        let mut stack = vec![self];
        let repr = if self.0.latin1 {
            let mut out: Vec<u8> = Vec::with_capacity(self.0.len);
            while let Some(s) = stack.pop() {
                match &*s.0.repr.borrow() {
                    Repr::Latin1(b) => out.extend_from_slice(b),
                    Repr::Utf16(u) => out.extend(u.iter().map(|&c| c as u8)),
                    Repr::Rope(l, r) => {
                        stack.push(*r);
                        stack.push(*l);
                    }
                }
            }
            Repr::Latin1(out.into_boxed_slice())
        } else {
            let mut out: Vec<u16> = Vec::with_capacity(self.0.len);
            while let Some(s) = stack.pop() {
                match &*s.0.repr.borrow() {
                    Repr::Latin1(b) => out.extend(b.iter().map(|&c| u16::from(c))),
                    Repr::Utf16(u) => out.extend_from_slice(u),
                    Repr::Rope(l, r) => {
                        stack.push(*r);
                        stack.push(*l);
                    }
                }
            }
            Repr::Utf16(out.into_boxed_slice())
        };
        *unlock!(Gc::write(gcx.mc, self.0), StrNode, repr).borrow_mut() = repr;
        self.0
            .ticket
            .0
            .resize(gcx.mc, bytes_for(self.0.len, self.0.latin1));
    }

    /// Run `f` on the flat contents.
    pub fn units<R>(self, gcx: Gcx<'gc>, f: impl FnOnce(Units<'_>) -> R) -> R {
        self.flatten(gcx);
        let r = self.0.repr.borrow();
        match &*r {
            Repr::Latin1(b) => f(Units::Latin1(b)),
            Repr::Utf16(u) => f(Units::Utf16(u)),
            // Unreachable after flatten; an empty view keeps this total without a panic.
            Repr::Rope(..) => f(Units::Latin1(&[])),
        }
    }

    /// The code unit at `index`, if in range.
    pub fn code_unit_at(self, gcx: Gcx<'gc>, index: usize) -> Option<u16> {
        self.units(gcx, |u| u.get(index))
    }

    /// The contents as a UTF-16 vector.
    pub fn to_utf16(self, gcx: Gcx<'gc>) -> Vec<u16> {
        self.units(gcx, |u| {
            let mut v = Vec::with_capacity(u.len());
            u.extend_into(&mut v);
            v
        })
    }

    /// The contents as Rust text (lone surrogates become U+FFFD).
    pub fn to_std_string(self, gcx: Gcx<'gc>) -> String {
        self.units(gcx, |u| match u {
            Units::Latin1(b) => b.iter().map(|&c| char::from(c)).collect(),
            Units::Utf16(u) => String::from_utf16_lossy(u),
        })
    }

    /// The substring of code units `start..end` (clamped).
    pub fn slice(self, gcx: Gcx<'gc>, start: usize, end: usize) -> Self {
        let end = end.min(self.len());
        let start = start.min(end);
        if start == 0 && end == self.len() {
            return self;
        }
        self.units(gcx, |u| match u {
            Units::Latin1(b) => Self::from_latin1(gcx, b.get(start..end).unwrap_or(&[]).to_vec()),
            Units::Utf16(u) => Self::from_utf16(gcx, u.get(start..end).unwrap_or(&[]).to_vec()),
        })
    }

    /// Content equality.
    pub fn equals(self, gcx: Gcx<'gc>, other: Self) -> bool {
        if self.ptr_eq(other) {
            return true;
        }
        if self.len() != other.len() {
            return false;
        }
        self.compare(gcx, other) == Ordering::Equal
    }

    /// Code-unit order (IsLessThan on two strings).
    pub fn compare(self, gcx: Gcx<'gc>, other: Self) -> Ordering {
        self.units(gcx, |a| {
            other.units(gcx, |b| match (a, b) {
                (Units::Latin1(x), Units::Latin1(y)) => x.cmp(y),
                (Units::Utf16(x), Units::Utf16(y)) => x.cmp(y),
                _ => {
                    let n = a.len().min(b.len());
                    for i in 0..n {
                        let o = a.get(i).cmp(&b.get(i));
                        if o != Ordering::Equal {
                            return o;
                        }
                    }
                    a.len().cmp(&b.len())
                }
            })
        })
    }

    /// Hash of the contents, consistent with [`JsString::equals`] whatever the representation.
    pub fn content_hash<H: Hasher>(self, gcx: Gcx<'gc>, h: &mut H) {
        self.units(gcx, |u| {
            u.len().hash(h);
            for i in 0..u.len() {
                u.get(i).hash(h);
            }
        })
    }

    /// The canonical array index this string denotes (CanonicalNumericIndexString restricted to
    /// 0..2^32-2), if any.
    pub fn as_array_index(self, gcx: Gcx<'gc>) -> Option<u32> {
        self.units(gcx, array_index_of)
    }
}

/// The array index `units` spells canonically: decimal digits, no leading zero, below 2^32 - 1.
pub fn array_index_of(u: Units<'_>) -> Option<u32> {
    let len = u.len();
    if len == 0 || len > 10 {
        return None;
    }
    if len > 1 && u.get(0) == Some(u16::from(b'0')) {
        return None;
    }
    let mut n: u64 = 0;
    for i in 0..len {
        let c = u.get(i)?;
        if !(u16::from(b'0')..=u16::from(b'9')).contains(&c) {
            return None;
        }
        n = n * 10 + u64::from(c - u16::from(b'0'));
    }
    if n < u64::from(u32::MAX) {
        Some(n as u32)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heap::Account;
    use gc_arena::{Arena, Rootable};

    fn with_gcx(f: impl for<'gc> FnOnce(Gcx<'gc>)) {
        let arena =
            Arena::<Rootable![gc_arena::Gc<'_, gc_arena::Static<std::rc::Rc<Account>>>]>::new(
                |mc| gc_arena::Gc::new(mc, gc_arena::Static(Account::new(1 << 30))),
            );
        arena.mutate(|mc, root| {
            let empty_shape = crate::shape::Shape::root(mc, &root.0);
            let length = crate::value::PropertyKey::Index(u32::MAX);
            f(Gcx {
                mc,
                account: *root,
                empty_shape,
                length,
            })
        });
    }

    #[test]
    fn latin1_and_utf16_compare_equal() {
        with_gcx(|gcx| {
            let a = JsString::from_str(gcx, "héllo");
            let b = JsString::from_utf16(gcx, "héllo".encode_utf16().collect());
            assert!(a.equals(gcx, b));
            let c = JsString::from_str(gcx, "h€llo");
            assert!(!a.equals(gcx, c));
            assert_eq!(c.len(), 5);
            assert_eq!(c.code_unit_at(gcx, 1), Some(0x20ac));
            assert_eq!(c.to_std_string(gcx), "h€llo");
        });
    }

    #[test]
    fn ordering_is_by_code_unit() {
        with_gcx(|gcx| {
            let a = JsString::from_str(gcx, "a");
            let b = JsString::from_str(gcx, "b");
            let ab = JsString::from_str(gcx, "ab");
            let hi = JsString::from_utf16(gcx, vec![0xd800]);
            assert_eq!(a.compare(gcx, b), Ordering::Less);
            assert_eq!(a.compare(gcx, ab), Ordering::Less);
            assert_eq!(hi.compare(gcx, b), Ordering::Greater);
        });
    }

    #[test]
    fn million_deep_rope_flattens_without_recursion() {
        // Run on a small stack: recursion over the spine would overflow it.
        let h = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(|| {
                with_gcx(|gcx| {
                    let x = JsString::from_str(gcx, "xy");
                    let mut s = JsString::from_str(gcx, "");
                    for _ in 0..1_000_000 {
                        s = JsString::concat(gcx, s, x).unwrap_or(s);
                    }
                    assert_eq!(s.len(), 2_000_000);
                    assert_eq!(s.code_unit_at(gcx, 1_999_999), Some(u16::from(b'y')));
                    let t = s.slice(gcx, 2, 6);
                    assert_eq!(t.to_std_string(gcx), "xyxy");
                });
            });
        assert!(h.is_ok_and(|h| h.join().is_ok()));
    }

    #[test]
    fn too_long_and_out_of_memory_are_errors() {
        let arena =
            Arena::<Rootable![gc_arena::Gc<'_, gc_arena::Static<std::rc::Rc<Account>>>]>::new(
                |mc| gc_arena::Gc::new(mc, gc_arena::Static(Account::new(4096))),
            );
        arena.mutate(|mc, root| {
            let empty_shape = crate::shape::Shape::root(mc, &root.0);
            let length = crate::value::PropertyKey::Index(u32::MAX);
            let gcx = Gcx {
                mc,
                account: *root,
                empty_shape,
                length,
            };
            let s = JsString::from_latin1(gcx, vec![b'a'; 1000]);
            let mut t = s;
            let mut err = None;
            for _ in 0..40 {
                match JsString::concat(gcx, t, t) {
                    Ok(n) => t = n,
                    Err(e) => {
                        err = Some(e);
                        break;
                    }
                }
            }
            assert_eq!(err, Some(StringError::OutOfMemory));
        });
    }

    #[test]
    fn array_indices() {
        with_gcx(|gcx| {
            let idx = |s: &str| JsString::from_str(gcx, s).as_array_index(gcx);
            assert_eq!(idx("0"), Some(0));
            assert_eq!(idx("42"), Some(42));
            assert_eq!(idx("01"), None);
            assert_eq!(idx("4294967294"), Some(4_294_967_294));
            assert_eq!(idx("4294967295"), None);
            assert_eq!(idx("-1"), None);
            assert_eq!(idx(""), None);
        });
    }
}
