//! The code units String.prototype.trim and friends strip: WhiteSpace and
//! LineTerminator (<https://tc39.es/ecma262/#sec-trimstring>).

/// Whether `cu` is a WhiteSpace
/// (<https://tc39.es/ecma262/#sec-white-space>) or LineTerminator
/// (<https://tc39.es/ecma262/#sec-line-terminators>) code point. Every such
/// code point is in the BMP, so a single code unit decides; surrogates never
/// qualify.
pub fn is_js_whitespace(cu: u16) -> bool {
    matches!(
        cu,
        // TAB, LF, VT, FF, CR
        0x0009..=0x000D
            // SP, NBSP
            | 0x0020
            | 0x00A0
            // Zs
            | 0x1680
            | 0x2000..=0x200A
            | 0x202F
            | 0x205F
            | 0x3000
            // LS, PS
            | 0x2028
            | 0x2029
            // ZWNBSP
            | 0xFEFF
    )
}

/// TrimString(string, start): strips leading white space.
/// <https://tc39.es/ecma262/#sec-trimstring>
pub fn trim_start(s: &[u16]) -> &[u16] {
    let start = s
        .iter()
        .position(|&cu| !is_js_whitespace(cu))
        .unwrap_or(s.len());
    s.get(start..).unwrap_or(&[])
}

/// TrimString(string, end): strips trailing white space.
/// <https://tc39.es/ecma262/#sec-trimstring>
pub fn trim_end(s: &[u16]) -> &[u16] {
    let end = s
        .iter()
        .rposition(|&cu| !is_js_whitespace(cu))
        .map_or(0, |i| i + 1);
    s.get(..end).unwrap_or(&[])
}

/// TrimString(string, start+end): strips white space from both ends.
/// <https://tc39.es/ecma262/#sec-trimstring>
pub fn trim(s: &[u16]) -> &[u16] {
    trim_end(trim_start(s))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::utf16;

    /// Every WhiteSpace and LineTerminator code point test262's
    /// String.prototype.trim tests list (15.5.4.20-4-*, u180e.js).
    const ALL_WS: &[u16] = &[
        0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
        0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
        0xFEFF,
    ];

    #[test]
    fn classifies_every_whitespace_code_unit() {
        for &cu in ALL_WS {
            assert!(is_js_whitespace(cu), "{cu:#x}");
        }
        let count = (0..=u16::MAX).filter(|&cu| is_js_whitespace(cu)).count();
        assert_eq!(count, ALL_WS.len());
    }

    #[test]
    fn rejects_near_misses() {
        // U+180E stopped being Zs in Unicode 6.3 (test262 trim/u180e.js).
        for cu in [0x180E, 0x200B, 0x0008, 0x000E, 0x001F, 0x0085, 0xD800, 0x41] {
            assert!(!is_js_whitespace(cu), "{cu:#x}");
        }
    }

    #[test]
    fn trims_both_ends() {
        let mut s = ALL_WS.to_vec();
        s.extend(utf16("a b"));
        s.extend(ALL_WS);
        assert_eq!(trim(&s), utf16("a b").as_slice());
        let mut tail = utf16("a b");
        tail.extend(ALL_WS);
        assert_eq!(trim_start(&s), tail.as_slice());
        let mut head = ALL_WS.to_vec();
        head.extend(utf16("a b"));
        assert_eq!(trim_end(&s), head.as_slice());
    }

    #[test]
    fn trims_degenerate_inputs() {
        assert_eq!(trim(&[]), &[] as &[u16]);
        assert_eq!(trim(ALL_WS), &[] as &[u16]);
        assert_eq!(trim_start(ALL_WS), &[] as &[u16]);
        assert_eq!(trim_end(ALL_WS), &[] as &[u16]);
        assert_eq!(
            trim(&utf16("\u{180E}x\u{180E}")),
            utf16("\u{180E}x\u{180E}").as_slice()
        );
        assert_eq!(trim(&[0xD800, 0x20]), &[0xD800]);
    }
}
