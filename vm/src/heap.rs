//! Byte accounting for a context's heap.
//!
//! gc-arena 0.7 counts `Gc` allocations, not bytes, so the VM keeps its own ledger: every heap
//! allocation that owns a buffer (objects, strings, environments, frames) carries a [`Ticket`]
//! recording how many bytes it holds. A ticket returns its bytes to the shared [`Account`] when
//! the collector drops the allocation, so `Account::used` is the live byte count. Charges also
//! feed the collector's debt so collection is paced by bytes rather than by object count.

use std::cell::Cell;
use std::rc::Rc;

use gc_arena::{Mutation, Static};

/// How many bytes count as one unit of gc-arena allocation debt. Every `Gc` already counts one
/// unit, so this only needs to make buffer-heavy allocation (long strings, big arrays) wake the
/// collector; at 64 a typical 150-byte object counted 3.5 units and cycles ran far too often.
const BYTES_PER_DEBT_UNIT: f64 = 256.0;

/// The per-context byte ledger, shared by every [`Ticket`].
#[derive(Debug)]
pub struct Account {
    used: Cell<usize>,
    limit: usize,
    peak: Cell<usize>,
}

/// The heap limit would be exceeded by an allocation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfMemory;

impl Account {
    /// A ledger refusing growth past `limit` bytes.
    pub fn new(limit: usize) -> Rc<Account> {
        Rc::new(Account {
            used: Cell::new(0),
            limit,
            peak: Cell::new(0),
        })
    }

    /// Bytes currently held by live (or not yet swept) allocations.
    pub fn used(&self) -> usize {
        self.used.get()
    }

    /// The configured limit.
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// The highest `used` ever observed.
    pub fn peak(&self) -> usize {
        self.peak.get()
    }

    /// Whether `extra` more bytes fit under the limit. Script-sized allocations ask this before
    /// allocating so that an absurd request fails cleanly instead of aborting the process.
    pub fn check(&self, extra: usize) -> Result<(), OutOfMemory> {
        match self.used.get().checked_add(extra) {
            Some(total) if total <= self.limit => Ok(()),
            _ => Err(OutOfMemory),
        }
    }

    fn add(&self, bytes: usize) {
        let total = self.used.get().saturating_add(bytes);
        self.used.set(total);
        if total > self.peak.get() {
            self.peak.set(total);
        }
    }

    fn sub(&self, bytes: usize) {
        self.used.set(self.used.get().saturating_sub(bytes));
    }
}

/// The bytes one heap allocation holds; returned to the account on drop.
///
/// Lives inside GC'd values as `Static<Ticket>`: `Static` needs no tracing, and the `Drop` here is
/// on a `'static` type, which gc-arena permits (only the derived `Collect` types must not drop).
#[derive(Debug)]
pub struct Ticket {
    account: Rc<Account>,
    bytes: Cell<usize>,
}

impl Ticket {
    /// A ticket for `bytes`, charged immediately (and added to the collector's debt).
    pub fn new(mc: &Mutation<'_>, account: &Rc<Account>, bytes: usize) -> Static<Ticket> {
        account.add(bytes);
        mc.metrics().adjust_debt(bytes as f64 / BYTES_PER_DEBT_UNIT);
        Static(Ticket {
            account: Rc::clone(account),
            bytes: Cell::new(bytes),
        })
    }

    /// Re-charge after the allocation's buffers grew or shrank.
    pub fn resize(&self, mc: &Mutation<'_>, bytes: usize) {
        let old = self.bytes.get();
        if bytes > old {
            let delta = bytes - old;
            self.account.add(delta);
            mc.metrics().adjust_debt(delta as f64 / BYTES_PER_DEBT_UNIT);
        } else {
            self.account.sub(old - bytes);
        }
        self.bytes.set(bytes);
    }

    /// The bytes currently charged.
    pub fn bytes(&self) -> usize {
        self.bytes.get()
    }

    /// The ledger this ticket charges.
    pub fn account(&self) -> &Rc<Account> {
        &self.account
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.account.sub(self.bytes.get());
    }
}

/// The ticket field's type in `Collect` structs.
pub type HeapTicket = Static<Ticket>;

/// What allocating code needs: the mutation handle and the context's ledger.
#[derive(Clone, Copy)]
pub struct Gcx<'gc> {
    pub mc: &'gc Mutation<'gc>,
    pub account: gc_arena::Gc<'gc, Static<Rc<Account>>>,
    /// The context's empty shape, where every object's layout starts.
    pub empty_shape: crate::shape::Shape<'gc>,
    /// The interned key "length", which array and string exotic objects treat specially.
    pub length: crate::value::PropertyKey<'gc>,
}

impl<'gc> Gcx<'gc> {
    /// A ticket for an allocation of `bytes`.
    pub fn ticket(self, bytes: usize) -> HeapTicket {
        Ticket::new(self.mc, &self.account.0, bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gc_arena::{Arena, Gc, Rootable};

    #[test]
    fn tickets_charge_and_refund() {
        let account = Account::new(1000);
        let arena = Arena::<Rootable![()]>::new(|_| ());
        arena.mutate(|mc, _| {
            let t = Ticket::new(mc, &account, 100);
            assert_eq!(account.used(), 100);
            t.0.resize(mc, 300);
            assert_eq!(account.used(), 300);
            t.0.resize(mc, 50);
            assert_eq!(account.used(), 50);
            drop(t);
        });
        assert_eq!(account.used(), 0);
        assert_eq!(account.peak(), 300);
        assert!(account.check(1000).is_ok());
        assert!(account.check(1001).is_err());
        assert!(account.check(usize::MAX).is_err());
    }

    #[test]
    fn collected_allocations_refund_their_bytes() {
        let account = Account::new(1 << 20);
        let mut arena = Arena::<Rootable![()]>::new(|_| ());
        arena.mutate(|mc, _| {
            for _ in 0..10 {
                let _ = Gc::new(mc, Ticket::new(mc, &account, 64));
            }
        });
        assert_eq!(account.used(), 640);
        arena.finish_cycle();
        assert_eq!(account.used(), 0);
    }
}
