//! Line/column lookup for diagnostics.

/// Line/column lookup built once per source (binary search over line starts). Lines are
/// 1-based; columns are 1-based and counted in UTF-16 code units. Line terminators: LF, CR,
/// CRLF (one), U+2028, U+2029.
pub struct LineIndex {
    /// Byte offset where each line starts; the first is 0.
    line_starts: Vec<u32>,
    /// For each non-ASCII character: its start, its end, and the running total of
    /// (UTF-8 length - UTF-16 length) up to and including it. Lets columns be computed
    /// without keeping the source.
    wide: Vec<(u32, u32, u32)>,
    len: u32,
}

impl LineIndex {
    pub fn new(source: &str) -> Self {
        let clamp = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let mut line_starts = vec![0];
        let mut wide = Vec::new();
        let mut extra = 0u32;
        let mut chars = source.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let end = i + c.len_utf8();
            match c {
                '\r' if chars.peek().is_some_and(|&(_, n)| n == '\n') => {}
                '\n' | '\r' | '\u{2028}' | '\u{2029}' => line_starts.push(clamp(end)),
                _ => {}
            }
            if !c.is_ascii() {
                extra += clamp(c.len_utf8() - c.len_utf16());
                wide.push((clamp(i), clamp(end), extra));
            }
        }
        LineIndex {
            line_starts,
            wide,
            len: clamp(source.len()),
        }
    }

    /// (line, column) of a byte offset; offsets past the end are clamped to it, offsets
    /// inside a character count as its start.
    pub fn line_col(&self, offset: u32) -> (u32, u32) {
        let mut offset = offset.min(self.len);
        let idx = self.wide.partition_point(|&(start, _, _)| start < offset);
        if let Some(&(start, end, _)) = idx.checked_sub(1).and_then(|i| self.wide.get(i)) {
            if offset < end {
                offset = start;
            }
        }
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let line_start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let bytes = offset - line_start;
        let units = bytes - (self.extra_before(offset) - self.extra_before(line_start));
        (
            u32::try_from(line).unwrap_or(u32::MAX),
            units.saturating_add(1),
        )
    }

    /// Total extra bytes of the non-ASCII characters that end at or before `offset`.
    fn extra_before(&self, offset: u32) -> u32 {
        let idx = self.wide.partition_point(|&(_, end, _)| end <= offset);
        idx.checked_sub(1)
            .and_then(|i| self.wide.get(i))
            .map_or(0, |&(_, _, extra)| extra)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_lines() {
        let idx = LineIndex::new("ab\ncd\r\nef\rg");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(2), (1, 3));
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(5), (2, 3));
        assert_eq!(idx.line_col(6), (2, 4));
        assert_eq!(idx.line_col(7), (3, 1));
        assert_eq!(idx.line_col(10), (4, 1));
        assert_eq!(idx.line_col(1000), (4, 2));
    }

    #[test]
    fn unicode_columns() {
        let src = "😀a\u{2028}éb\u{2029}x";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(4), (1, 3), "astral char counts two columns");
        assert_eq!(idx.line_col(2), (1, 1), "inside a char counts as its start");
        assert_eq!(idx.line_col(5), (1, 4));
        assert_eq!(idx.line_col(8), (2, 1));
        assert_eq!(idx.line_col(10), (2, 2));
        assert_eq!(idx.line_col(11), (2, 3));
        assert_eq!(idx.line_col(14), (3, 1));
        assert_eq!(LineIndex::new("").line_col(0), (1, 1));
    }
}
