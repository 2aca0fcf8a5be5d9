//! Regular expression literals (lexical grammar only; the pattern is validated elsewhere).
//! <https://tc39.es/ecma262/#sec-literals-regular-expression-literals>

use crate::chars::{char_at, is_id_continue, is_line_terminator};
use crate::span::LexError;

/// A scanned regular expression literal: `/body/flags`.
pub(crate) struct RegExpLit<'a> {
    pub end: usize,
    pub body: &'a str,
    pub flags: &'a str,
}

/// Scans the RegularExpressionLiteral whose opening `/` is at `start`.
pub(crate) fn scan_regexp(src: &str, start: usize) -> Result<RegExpLit<'_>, LexError> {
    if char_at(src, start) != Some('/') {
        return Err(LexError::new("expected a regular expression", start, start));
    }
    let body_start = start + 1;
    // RegularExpressionFirstChar excludes `*` (and `/`, which would be a comment anyway).
    if matches!(char_at(src, body_start), Some('*' | '/')) {
        return Err(LexError::new(
            "invalid regular expression",
            start,
            body_start + 1,
        ));
    }
    let mut pos = body_start;
    let mut in_class = false;
    let unterminated = |pos: usize| LexError::eof("unterminated regular expression", start, pos);
    let line_break = |pos: usize| {
        LexError::new(
            "unterminated regular expression (line break in regular expression)",
            start,
            pos,
        )
    };
    let body_end = loop {
        let Some(c) = char_at(src, pos) else {
            return Err(unterminated(pos));
        };
        match c {
            '/' if !in_class => break pos,
            '[' => in_class = true,
            ']' => in_class = false,
            '\\' => {
                // RegularExpressionBackslashSequence: `\` and any non-terminator.
                pos += 1;
                match char_at(src, pos) {
                    None => return Err(unterminated(pos)),
                    Some(c) if is_line_terminator(c) => return Err(line_break(pos)),
                    Some(c) => pos += c.len_utf8(),
                }
                continue;
            }
            c if is_line_terminator(c) => return Err(line_break(pos)),
            _ => {}
        }
        pos += c.len_utf8();
    };
    let flags_start = body_end + 1;
    let mut end = flags_start;
    while let Some(c) = char_at(src, end).filter(|&c| is_id_continue(c)) {
        end += c.len_utf8();
    }
    Ok(RegExpLit {
        end,
        body: src.get(body_start..body_end).unwrap_or(""),
        flags: src.get(flags_start..end).unwrap_or(""),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(s: &str) -> Result<(usize, &str, &str), LexError> {
        scan_regexp(s, 0).map(|r| (r.end, r.body, r.flags))
    }

    #[test]
    fn literals() {
        assert_eq!(scan("/a/g.x"), Ok((4, "a", "g")));
        assert_eq!(scan("/[/]\\//gimsuyd;"), Ok((14, "[/]\\/", "gimsuyd")));
        assert_eq!(scan("/=/"), Ok((3, "=", "")));
        assert_eq!(scan("/a/\u{200C}x"), Ok((7, "a", "\u{200C}x")));
        assert_eq!(scan("/é/"), Ok((4, "é", "")));
        assert_eq!(scan("/[\\]/]/"), Ok((7, "[\\]/]", "")));
    }

    #[test]
    fn errors() {
        assert!(scan("/abc").is_err_and(|e| e.eof));
        assert!(scan("/a\\").is_err_and(|e| e.eof));
        assert!(scan("/a\nb/").is_err_and(|e| !e.eof));
        assert!(scan("/a\\\nb/").is_err_and(|e| !e.eof));
        assert!(scan("/[\u{2028}]/").is_err());
        assert!(scan("/*a/").is_err());
        assert!(scan("a").is_err());
    }
}
