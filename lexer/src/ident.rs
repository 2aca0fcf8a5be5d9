//! IdentifierName scanning for the slow path: non-ASCII characters and `\u` escapes.
//! <https://tc39.es/ecma262/#sec-names-and-keywords>

use crate::chars::{byte_at, char_at, is_id_continue, is_id_start};
use crate::escape::scan_unicode_escape;
use crate::span::LexError;
use std::borrow::Cow;

/// A scanned IdentifierName.
pub(crate) struct IdentName<'a> {
    pub end: usize,
    /// The cooked name, borrowed from the source unless it contained an escape.
    pub name: Cow<'a, str>,
    pub escaped: bool,
}

/// Scans an IdentifierName starting at `start`. `what` names the token for error messages.
pub(crate) fn scan_identifier_name<'a>(
    src: &'a str,
    start: usize,
    what: &str,
) -> Result<IdentName<'a>, LexError> {
    let mut pos = start;
    let mut cooked: Option<String> = None;
    loop {
        let first = pos == start;
        if byte_at(src, pos) == Some(b'\\') {
            let (cp, end) = scan_unicode_escape(src, pos)?;
            // The escaped code point must itself be an IdentifierStartChar / IdentifierPartChar.
            let valid = char::from_u32(cp).filter(|&c| {
                if first {
                    is_id_start(c)
                } else {
                    is_id_continue(c)
                }
            });
            let Some(c) = valid else {
                return Err(LexError::new(
                    format!("escape sequence is not a valid {what} character"),
                    pos,
                    end,
                ));
            };
            cooked
                .get_or_insert_with(|| src.get(start..pos).unwrap_or("").to_owned())
                .push(c);
            pos = end;
            continue;
        }
        match char_at(src, pos) {
            Some(c) if (first && is_id_start(c)) || (!first && is_id_continue(c)) => {
                if let Some(s) = cooked.as_mut() {
                    s.push(c);
                }
                pos += c.len_utf8();
            }
            _ => break,
        }
    }
    if pos == start {
        let end = pos + char_at(src, pos).map_or(0, char::len_utf8);
        return Err(LexError::new(format!("invalid {what}"), start, end));
    }
    let escaped = cooked.is_some();
    let name = match cooked {
        Some(s) => Cow::Owned(s),
        None => Cow::Borrowed(src.get(start..pos).unwrap_or("")),
    };
    Ok(IdentName {
        end: pos,
        name,
        escaped,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(s: &str) -> Result<(usize, String, bool), LexError> {
        scan_identifier_name(s, 0, "identifier").map(|i| (i.end, i.name.into_owned(), i.escaped))
    }

    #[test]
    fn names() {
        assert_eq!(scan("abc def"), Ok((3, "abc".into(), false)));
        assert_eq!(scan("été+"), Ok((5, "été".into(), false)));
        assert_eq!(scan("a\u{200C}b"), Ok((5, "a\u{200C}b".into(), false)));
        assert_eq!(scan("\\u0061b"), Ok((7, "ab".into(), true)));
        assert_eq!(scan("a\\u{62}c"), Ok((8, "abc".into(), true)));
        assert_eq!(scan("\\u{1D49C}"), Ok((9, "\u{1D49C}".into(), true)));
        assert!(matches!(
            scan_identifier_name("abc", 0, "x").map(|i| i.name),
            Ok(Cow::Borrowed("abc"))
        ));
    }

    #[test]
    fn errors() {
        assert!(scan("\\u0031").is_err(), "digit cannot start");
        assert!(scan("a\\u0020").is_err(), "space cannot continue");
        assert!(scan("\\u{D800}").is_err(), "surrogate");
        assert!(scan("\\x41").is_err());
        assert!(scan("\\").is_err());
        assert!(scan("1").is_err());
        assert!(scan("").is_err());
        assert_eq!(scan("a\\u0031"), Ok((7, "a1".into(), true)));
    }
}
