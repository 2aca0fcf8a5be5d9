//! Where the early-error walk may skip an expression: source offsets, recorded while lexing
//! and parsing, of everything inside expressions that an early-error rule looks at.
//!
//! Inside an expression the walk only checks functions, arrows, classes and object methods
//! (their scopes and parameters), `super`, `new.target`, `await`, private names and the
//! identifiers `arguments` and `await`; everything else is plain recursion. The lexer reports
//! the tokens that begin or name those (`Lexer::take_marks`) and the parser adds the start of
//! every object method, which has no such token. An expression whose span holds none of these
//! offsets cannot contain an early error of this pass, and the walk steps over it. Recording
//! too much only costs skipping less.

use crate::Span;

/// The recorded offsets of one parse, sorted.
#[derive(Debug, Default)]
pub(crate) struct Marks {
    offsets: Vec<u32>,
}

impl Marks {
    /// The marks of one parse from the lexer's and the parser's offsets (any order; repeats
    /// are harmless).
    pub(crate) fn new(mut offsets: Vec<u32>, more: &[u32]) -> Marks {
        offsets.extend_from_slice(more);
        // Both parts arrive nearly in order, which the stable sort merges in linear time.
        offsets.sort();
        Marks { offsets }
    }

    /// Whether an offset lies in `span`. `cursor` is the index of the first offset at or after
    /// the previous query's start: the walk asks in source order, so the answer is usually a
    /// few steps forward; an earlier span falls back to a binary search.
    #[inline]
    pub(crate) fn any_within(&self, span: Span, cursor: &mut usize) -> bool {
        let offsets = &self.offsets;
        let mut first = *cursor;
        if first > 0 && offsets.get(first - 1).is_some_and(|&o| o >= span.start) {
            first = offsets.partition_point(|&offset| offset < span.start);
        } else {
            while offsets.get(first).is_some_and(|&o| o < span.start) {
                first += 1;
            }
        }
        *cursor = first;
        offsets.get(first).is_some_and(|&offset| offset < span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_find_offsets() {
        let marks = Marks::new(vec![30, 10], &[20, 10]);
        let span = |start, end| Span { start, end };
        // Forwards, backwards and repeated queries from one cursor.
        let mut cursor = 0;
        assert!(marks.any_within(span(0, 11), &mut cursor));
        assert!(!marks.any_within(span(0, 10), &mut cursor));
        assert!(marks.any_within(span(20, 21), &mut cursor));
        assert!(!marks.any_within(span(21, 30), &mut cursor));
        assert!(!marks.any_within(span(31, 100), &mut cursor));
        assert!(marks.any_within(span(5, 15), &mut cursor));
        assert!(!marks.any_within(span(11, 20), &mut cursor));
        assert!(marks.any_within(span(25, 31), &mut cursor));
        assert!(!marks.any_within(span(0, 10), &mut cursor));
        assert!(!Marks::default().any_within(span(0, 100), &mut 0));
    }
}
