//! Template literal parts: NoSubstitutionTemplate, TemplateHead, TemplateMiddle, TemplateTail.
//! <https://tc39.es/ecma262/#sec-template-literal-lexical-components>

use crate::chars::byte_at;
use crate::escape::{scan_escape, EscapeMode};
use crate::span::LexError;

/// A scanned template part.
pub(crate) struct TemplatePart {
    pub end: usize,
    /// The part ended with `` ` `` (NoSubstitutionTemplate / TemplateTail) rather than `${`.
    pub tail: bool,
    pub cooked: Result<Box<[u16]>, Box<LexError>>,
    pub raw: Box<str>,
}

/// Scans template characters from `content_start` (just after `` ` `` or `}`) to the closing
/// `` ` `` or `${`. `token_start` is only used for the error span.
pub(crate) fn scan_template(
    src: &str,
    token_start: usize,
    content_start: usize,
) -> Result<TemplatePart, LexError> {
    let bytes = src.as_bytes();
    let mut pos = content_start;
    let mut cooked: Vec<u16> = Vec::new();
    let mut cooked_err: Option<LexError> = None;
    let mut run_start = pos;
    let mut saw_cr = false;
    let (content_end, end, tail) = loop {
        let Some(&b) = bytes.get(pos) else {
            return Err(LexError::eof(
                "unterminated template literal",
                token_start,
                pos,
            ));
        };
        match b {
            b'`' => break (pos, pos + 1, true),
            b'$' if byte_at(src, pos + 1) == Some(b'{') => break (pos, pos + 2, false),
            b'\\' => {
                flush(&mut cooked, src, run_start, pos, cooked_err.is_some());
                if pos + 1 >= bytes.len() {
                    return Err(LexError::eof(
                        "unterminated template literal",
                        token_start,
                        pos + 1,
                    ));
                }
                if byte_at(src, pos + 1) == Some(b'\r') {
                    saw_cr = true;
                }
                match scan_escape(src, pos, EscapeMode::Template, &mut cooked) {
                    Ok((next, _)) => pos = next,
                    Err(e) => {
                        // NotEscapeSequence: the cooked value is undefined; the characters
                        // after `\x`, `\u` or the digit are ordinary template characters again.
                        cooked_err.get_or_insert(e);
                        pos += 2;
                    }
                }
                run_start = pos;
            }
            b'\r' => {
                // TV and TRV both normalise CR and CRLF to LF.
                flush(&mut cooked, src, run_start, pos, cooked_err.is_some());
                cooked.push(0x0A);
                saw_cr = true;
                pos += if byte_at(src, pos + 1) == Some(b'\n') {
                    2
                } else {
                    1
                };
                run_start = pos;
            }
            _ => pos += 1,
        }
    };
    flush(
        &mut cooked,
        src,
        run_start,
        content_end,
        cooked_err.is_some(),
    );
    let raw_src = src.get(content_start..content_end).unwrap_or("");
    let raw: Box<str> = if saw_cr {
        raw_src.replace("\r\n", "\n").replace('\r', "\n").into()
    } else {
        raw_src.into()
    };
    let cooked = match cooked_err {
        Some(e) => Err(Box::new(e)),
        None => Ok(cooked.into_boxed_slice()),
    };
    Ok(TemplatePart {
        end,
        tail,
        cooked,
        raw,
    })
}

fn flush(out: &mut Vec<u16>, src: &str, from: usize, to: usize, failed: bool) {
    if failed {
        return;
    }
    if let Some(run) = src.get(from..to) {
        out.extend(run.encode_utf16());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(s: &str) -> Box<[u16]> {
        s.encode_utf16().collect()
    }

    fn ok(src: &str) -> TemplatePart {
        scan_template(src, 0, 1).unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn parts() {
        let t = ok("`ab$c` x");
        assert_eq!((t.end, t.tail, &*t.raw), (6, true, "ab$c"));
        assert_eq!(t.cooked, Ok(units("ab$c")));
        let t = ok("`a${x}");
        assert_eq!((t.end, t.tail, &*t.raw), (4, false, "a"));
        let t = ok("}b`");
        assert_eq!((t.end, t.tail, &*t.raw), (3, true, "b"));
    }

    #[test]
    fn line_terminators() {
        let t = ok("`a\r\nb\rc\nd\u{2028}`");
        assert_eq!(&*t.raw, "a\nb\nc\nd\u{2028}");
        assert_eq!(t.cooked, Ok(units("a\nb\nc\nd\u{2028}")));
        let t = ok("`a\\\r\nb`");
        assert_eq!(&*t.raw, "a\\\nb");
        assert_eq!(t.cooked, Ok(units("ab")));
    }

    #[test]
    fn escapes() {
        let t = ok("`\\n\\u{41}\\x41\\0\\``");
        assert_eq!(t.cooked, Ok(units("\nAA\0`")));
        assert_eq!(&*t.raw, "\\n\\u{41}\\x41\\0\\`");
        for bad in [
            "`\\01`",
            "`\\1`",
            "`\\xg`",
            "`\\u{`",
            "`\\u00`",
            "`\\u{110000}`",
            "`\\9`",
        ] {
            let t = ok(bad);
            assert!(t.cooked.is_err(), "{bad}");
            assert!(t.tail);
            assert_eq!(t.end, bad.len(), "{bad}");
        }
        let t = ok("`\\u{12${x}");
        assert!(t.cooked.is_err() && !t.tail);
        assert_eq!(&*t.raw, "\\u{12");
    }

    #[test]
    fn unterminated() {
        assert!(scan_template("`abc", 0, 1).is_err_and(|e| e.eof));
        assert!(scan_template("`abc\\", 0, 1).is_err_and(|e| e.eof));
        assert!(scan_template("`abc$", 0, 1).is_err_and(|e| e.eof));
    }
}
