//! The pattern text as the sequence of "characters" the grammar is defined
//! over: code points in `u`/`v` mode, UTF-16 code units otherwise
//! (<https://tc39.es/ecma262/#sec-parsepattern>), each with the byte offset
//! in the original UTF-8 body for error reporting.

pub(crate) struct Source {
    chars: Vec<u32>,
    offsets: Vec<usize>,
    byte_len: usize,
}

impl Source {
    pub(crate) fn new(body: &str, unicode_mode: bool) -> Source {
        let mut chars = Vec::with_capacity(body.len());
        let mut offsets = Vec::with_capacity(body.len());
        for (offset, c) in body.char_indices() {
            if unicode_mode {
                chars.push(u32::from(c));
                offsets.push(offset);
            } else {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    chars.push(u32::from(*unit));
                    offsets.push(offset);
                }
            }
        }
        Source {
            chars,
            offsets,
            byte_len: body.len(),
        }
    }

    pub(crate) fn get(&self, index: usize) -> Option<u32> {
        self.chars.get(index).copied()
    }

    /// Byte offset of the character at `index` (the body length past the end).
    pub(crate) fn offset(&self, index: usize) -> usize {
        self.offsets.get(index).copied().unwrap_or(self.byte_len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_astral_characters_only_without_unicode_mode() {
        let units = Source::new("a😀b", false);
        assert_eq!(units.get(4), None);
        assert_eq!(units.get(1), Some(0xD83D));
        assert_eq!(units.get(2), Some(0xDE00));
        assert_eq!(units.offset(3), 5);
        assert_eq!(units.offset(4), 6);
        let points = Source::new("a😀b", true);
        assert_eq!(points.get(3), None);
        assert_eq!(points.get(1), Some(0x1F600));
        assert_eq!(points.offset(2), 5);
    }
}
