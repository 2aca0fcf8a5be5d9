//! A resumable, stable merge sort for `Array.prototype.sort`, `toSorted` and
//! the TypedArray sorts (<https://tc39.es/ecma262/#sec-sortindexedproperties>).
//!
//! The comparator is user JavaScript that must run in the interpreter's own
//! frames, so the sorter never calls it: [`MergeSort`] is a state machine that
//! asks for one comparison at a time ([`SortStep::Compare`]) and is told the
//! answer ([`MergeSort::supply`]). It only ever moves indices between two
//! buffers, so whatever the comparator answers (inconsistent, random, always
//! "less") the result is a permutation of `0..len`, reached after at most
//! `len × ⌈log2 len⌉` comparisons.

use std::cmp::Ordering;
use std::mem;

/// What the caller must do next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SortStep {
    /// Compare the items at these two indices (of the original list) and pass
    /// the result to [`MergeSort::supply`]: `Less` when the first sorts before
    /// the second (comparator result < 0), `Greater` when it sorts after
    /// (> 0), `Equal` otherwise, including NaN
    /// (<https://tc39.es/ecma262/#sec-comparearrayelements>, step 4.c).
    Compare(usize, usize),
    /// The sorted permutation: element `k` of the result is the index of the
    /// original item that belongs at position `k`. Given once; later calls
    /// to [`MergeSort::next`] give an empty vector.
    Done(Vec<usize>),
}

/// Where the state machine stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Between merges: the next call picks the next pair of runs.
    Idle,
    /// Waiting for the comparison of the last item of the left run with the
    /// first of the right run: when they are already in order the merge is a
    /// plain copy, which makes sorted input cost about `len` comparisons.
    AwaitBoundary,
    /// Merging the current pair of runs, no question pending.
    Merging,
    /// Waiting for the comparison of `src[i]` with `src[j]`.
    AwaitMerge,
    /// The result is in `src` (or has been handed out).
    Finished,
}

/// An iterative, bottom-up, stable merge sort driven by the caller.
///
/// Runs of `width` items in `src` are merged pairwise into `dst`; after a
/// full pass the buffers swap and `width` doubles. Both buffers are allocated
/// by [`MergeSort::new`] and never grow.
#[derive(Debug, Clone)]
pub struct MergeSort {
    src: Vec<usize>,
    dst: Vec<usize>,
    len: usize,
    width: usize,
    /// The current merge reads `src[lo..mid]` and `src[mid..hi]`.
    lo: usize,
    mid: usize,
    hi: usize,
    /// Read positions in the left and right runs, write position in `dst`.
    i: usize,
    j: usize,
    k: usize,
    phase: Phase,
}

impl MergeSort {
    /// The bytes [`MergeSort::new`] allocates for `len` items (two index
    /// buffers), saturating, so the caller can charge its heap budget first.
    pub fn memory_needed(len: usize) -> usize {
        len.saturating_mul(2)
            .saturating_mul(mem::size_of::<usize>())
            .saturating_add(mem::size_of::<MergeSort>())
    }

    /// A sorter for the indices `0..len`.
    pub fn new(len: usize) -> MergeSort {
        MergeSort {
            src: (0..len).collect(),
            dst: vec![0; len],
            len,
            width: 1,
            lo: 0,
            mid: 0,
            hi: 0,
            i: 0,
            j: 0,
            k: 0,
            phase: Phase::Idle,
        }
    }

    /// Advances to the next comparison the caller must make, or to the end.
    /// Asking again without [`MergeSort::supply`] repeats the same question.
    #[allow(clippy::should_implement_trait)]
    pub fn next(&mut self) -> SortStep {
        loop {
            match self.phase {
                Phase::Finished => return SortStep::Done(mem::take(&mut self.src)),
                Phase::AwaitBoundary => {
                    let left = self.src_at(self.mid.wrapping_sub(1));
                    return SortStep::Compare(left, self.src_at(self.mid));
                }
                Phase::AwaitMerge => {
                    return SortStep::Compare(self.src_at(self.i), self.src_at(self.j))
                }
                Phase::Merging => {
                    if self.i < self.mid && self.j < self.hi {
                        self.phase = Phase::AwaitMerge;
                    } else {
                        // One run is exhausted: the rest of the other is
                        // already in order and follows every item written.
                        self.copy_to_dst(self.i, self.mid, self.k);
                        let k = self.k + self.mid.saturating_sub(self.i);
                        self.copy_to_dst(self.j, self.hi, k);
                        self.lo = self.hi;
                        self.phase = Phase::Idle;
                    }
                }
                Phase::Idle => self.start_merge(),
            }
        }
    }

    /// Records the answer to the last [`SortStep::Compare`]: `Greater` puts
    /// the second item first; `Less` and `Equal` keep the original order,
    /// which is what makes the sort stable. Ignored when no question is
    /// pending.
    pub fn supply(&mut self, ordering: Ordering) {
        match self.phase {
            Phase::AwaitBoundary => {
                if ordering == Ordering::Greater {
                    self.phase = Phase::Merging;
                } else {
                    self.copy_to_dst(self.lo, self.hi, self.lo);
                    self.lo = self.hi;
                    self.phase = Phase::Idle;
                }
            }
            Phase::AwaitMerge => {
                let taken = if ordering == Ordering::Greater {
                    self.j += 1;
                    self.j - 1
                } else {
                    self.i += 1;
                    self.i - 1
                };
                let value = self.src_at(taken);
                if let Some(slot) = self.dst.get_mut(self.k) {
                    *slot = value;
                }
                self.k += 1;
                self.phase = Phase::Merging;
            }
            Phase::Idle | Phase::Merging | Phase::Finished => {}
        }
    }

    /// Picks the next pair of runs (or ends the pass, or the sort) from
    /// `Phase::Idle`.
    fn start_merge(&mut self) {
        if self.width >= self.len {
            self.phase = Phase::Finished;
            return;
        }
        if self.lo >= self.len {
            mem::swap(&mut self.src, &mut self.dst);
            self.width = self.width.saturating_mul(2);
            self.lo = 0;
            return;
        }
        self.mid = self.lo.saturating_add(self.width).min(self.len);
        self.hi = self.mid.saturating_add(self.width).min(self.len);
        if self.mid >= self.hi {
            // A lone left run at the end of the pass: nothing to merge with.
            self.copy_to_dst(self.lo, self.hi, self.lo);
            self.lo = self.hi;
            return;
        }
        self.i = self.lo;
        self.j = self.mid;
        self.k = self.lo;
        // Single items need one comparison either way: the boundary check
        // would only ask it twice.
        self.phase = if self.width == 1 {
            Phase::Merging
        } else {
            Phase::AwaitBoundary
        };
    }

    /// `src[index]`; the index is always in range by construction, and 0
    /// stands in rather than panicking if that were ever wrong.
    fn src_at(&self, index: usize) -> usize {
        self.src.get(index).copied().unwrap_or(0)
    }

    /// Copies `src[from..to]` to `dst[at..]`.
    fn copy_to_dst(&mut self, from: usize, to: usize, at: usize) {
        if from >= to {
            return;
        }
        let count = to - from;
        if let (Some(source), Some(target)) = (
            self.src.get(from..to),
            self.dst.get_mut(at..at.saturating_add(count)),
        ) {
            target.copy_from_slice(source);
        }
    }
}

/// Sorts the indices `0..len` with a native comparison (e.g. the default
/// string order of `Array.prototype.sort`), with the same algorithm, the same
/// stability and the same guarantees for inconsistent comparisons as
/// [`MergeSort`].
pub fn sort_with(len: usize, mut cmp: impl FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut sorter = MergeSort::new(len);
    loop {
        match sorter.next() {
            SortStep::Compare(a, b) => sorter.supply(cmp(a, b)),
            SortStep::Done(order) => return order,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (xorshift64*), so tests need no crate.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
    }

    /// Drives a [`MergeSort`] with `cmp`, counting comparisons.
    fn drive(len: usize, mut cmp: impl FnMut(usize, usize) -> Ordering) -> (Vec<usize>, usize) {
        let mut sorter = MergeSort::new(len);
        let mut count = 0;
        loop {
            match sorter.next() {
                SortStep::Compare(a, b) => {
                    assert!(a < len && b < len && a != b, "bad question {a} {b}");
                    count += 1;
                    sorter.supply(cmp(a, b));
                }
                SortStep::Done(order) => return (order, count),
            }
        }
    }

    fn assert_permutation(order: &[usize], len: usize) {
        assert_eq!(order.len(), len);
        let mut seen = vec![false; len];
        for &index in order {
            assert!(!seen[index], "index {index} appears twice");
            seen[index] = true;
        }
    }

    /// n⌈log2 n⌉, the bound on comparisons.
    fn bound(len: usize) -> usize {
        if len < 2 {
            return 0;
        }
        let log = usize::BITS - (len - 1).leading_zeros();
        len * log as usize
    }

    #[test]
    fn tiny_lengths() {
        assert_eq!(drive(0, |_, _| Ordering::Less), (vec![], 0));
        assert_eq!(drive(1, |_, _| Ordering::Less), (vec![0], 0));
        assert_eq!(drive(2, |_, _| Ordering::Less), (vec![0, 1], 1));
        assert_eq!(drive(2, |_, _| Ordering::Equal), (vec![0, 1], 1));
        assert_eq!(drive(2, |_, _| Ordering::Greater), (vec![1, 0], 1));
    }

    #[test]
    fn matches_std_stable_sort_on_random_data() {
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for len in (0..70).chain([127, 128, 129, 1000, 4097]) {
            for modulus in [2, 10, 1_000_000] {
                let data: Vec<u64> = (0..len).map(|_| rng.next() % modulus).collect();
                let (order, count) = drive(len, |a, b| data[a].cmp(&data[b]));
                let mut expected: Vec<usize> = (0..len).collect();
                expected.sort_by(|&a, &b| data[a].cmp(&data[b]));
                assert_eq!(order, expected, "len {len} modulus {modulus}");
                assert!(count <= bound(len), "len {len}: {count} comparisons");
            }
        }
    }

    #[test]
    fn is_stable() {
        // Keys with many ties; the index is the tie-breaker stability implies.
        let keys: Vec<u8> = (0..500).map(|k: usize| (k * 7 % 5) as u8).collect();
        let order = sort_with(keys.len(), |a, b| keys[a].cmp(&keys[b]));
        for pair in order.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(keys[a] < keys[b] || (keys[a] == keys[b] && a < b));
        }
    }

    #[test]
    fn sorted_input_costs_few_comparisons() {
        let (order, count) = drive(1024, |a, b| a.cmp(&b));
        assert_eq!(order, (0..1024).collect::<Vec<_>>());
        assert_eq!(count, 1023);
    }

    #[test]
    fn reversed_input() {
        let (order, count) = drive(1000, |a, b| b.cmp(&a));
        assert_eq!(order, (0..1000).rev().collect::<Vec<_>>());
        assert!(count <= bound(1000));
    }

    #[test]
    fn lying_comparators_yield_permutations() {
        for len in [0, 1, 2, 3, 5, 17, 100, 1001] {
            for answer in [Ordering::Less, Ordering::Equal, Ordering::Greater] {
                let (order, count) = drive(len, |_, _| answer);
                assert_permutation(&order, len);
                assert!(count <= bound(len));
            }
            let mut flip = false;
            let (order, count) = drive(len, |_, _| {
                flip = !flip;
                if flip {
                    Ordering::Less
                } else {
                    Ordering::Greater
                }
            });
            assert_permutation(&order, len);
            assert!(count <= bound(len));
            let mut rng = Rng(len as u64 + 1);
            let (order, count) = drive(len, |_, _| match rng.next() % 3 {
                0 => Ordering::Less,
                1 => Ordering::Equal,
                _ => Ordering::Greater,
            });
            assert_permutation(&order, len);
            assert!(count <= bound(len));
        }
    }

    #[test]
    fn always_greater_reverses_always_less_keeps() {
        let order = sort_with(9, |_, _| Ordering::Less);
        assert_eq!(order, (0..9).collect::<Vec<_>>());
        let order = sort_with(8, |_, _| Ordering::Greater);
        assert_eq!(order, (0..8).rev().collect::<Vec<_>>());
    }

    #[test]
    fn repeated_next_repeats_the_question_and_done_is_given_once() {
        let mut sorter = MergeSort::new(3);
        let first = sorter.next();
        assert_eq!(first, sorter.next());
        // An answer with no question pending is ignored.
        let mut fresh = MergeSort::new(2);
        fresh.supply(Ordering::Greater);
        assert_eq!(fresh.next(), SortStep::Compare(0, 1));
        fresh.supply(Ordering::Greater);
        assert_eq!(fresh.next(), SortStep::Done(vec![1, 0]));
        assert_eq!(fresh.next(), SortStep::Done(vec![]));
        fresh.supply(Ordering::Less);
        assert_eq!(fresh.next(), SortStep::Done(vec![]));
    }

    #[test]
    fn memory_needed_is_sane_and_saturates() {
        assert!(MergeSort::memory_needed(1000) >= 2000 * mem::size_of::<usize>());
        assert_eq!(MergeSort::memory_needed(usize::MAX), usize::MAX);
    }

    #[test]
    fn large_random_sort_within_bound() {
        let mut rng = Rng(42);
        let len = 100_000;
        let data: Vec<u64> = (0..len).map(|_| rng.next()).collect();
        let (order, count) = drive(len, |a, b| data[a].cmp(&data[b]));
        assert!(order.windows(2).all(|w| data[w[0]] <= data[w[1]]));
        assert!(count <= bound(len));
    }
}
