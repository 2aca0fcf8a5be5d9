//! The text check of `JSON.rawJSON` (<https://tc39.es/ecma262/#sec-json.rawjson>,
//! feature `json-parse-with-source`): a raw JSON text must be a single
//! primitive JSON value with no surrounding whitespace.

use std::convert::Infallible;
use std::ops::Range;

use super::builder::JsonBuilder;
use super::error::{JsonError, ParseError};
use super::parse::parse_json;

/// Steps 2 and 3 of `JSON.rawJSON`: fails (a SyntaxError for the VM) unless
/// `text` is non-empty, neither starts nor ends with TAB, LF, CR or SPACE,
/// and is a valid JSON text whose value is not an object or an array.
///
/// <https://tc39.es/ecma262/#sec-json.rawjson>
pub fn check_raw_json_text(text: &[u16]) -> Result<(), JsonError> {
    const WHITESPACE: [u16; 4] = [0x09, 0x0a, 0x0d, 0x20];
    // 2. Empty, or whitespace at either end.
    let (Some(first), Some(last)) = (text.first(), text.last()) else {
        return Err(JsonError::unexpected(text, 0));
    };
    if WHITESPACE.contains(first) {
        return Err(JsonError::unexpected(text, 0));
    }
    if WHITESPACE.contains(last) {
        return Err(JsonError::unexpected(text, text.len() - 1));
    }
    // 3. A JSON text whose outermost value is not an object or array: with
    //    no leading whitespace, that is one not opening with `[` or `{`.
    if *first == u16::from(b'[') || *first == u16::from(b'{') {
        return Err(JsonError::unexpected(text, 0));
    }
    match parse_json(text, &mut Validator, 0) {
        Ok(()) => Ok(()),
        Err(ParseError::Json(error)) => Err(error),
        Err(ParseError::Builder(never)) => match never {},
    }
}

/// A builder that builds nothing, for checking a text only.
struct Validator;

impl JsonBuilder for Validator {
    type Value = ();
    type Error = Infallible;

    fn null(&mut self, _: Range<usize>) -> Result<(), Infallible> {
        Ok(())
    }
    fn boolean(&mut self, _: bool, _: Range<usize>) -> Result<(), Infallible> {
        Ok(())
    }
    fn number(&mut self, _: f64, _: Range<usize>) -> Result<(), Infallible> {
        Ok(())
    }
    fn string(&mut self, _: &[u16], _: Range<usize>) -> Result<(), Infallible> {
        Ok(())
    }
    fn begin_array(&mut self) -> Result<(), Infallible> {
        Ok(())
    }
    fn array_push(&mut self, _: &mut (), _: ()) -> Result<(), Infallible> {
        Ok(())
    }
    fn begin_object(&mut self) -> Result<(), Infallible> {
        Ok(())
    }
    fn object_insert(&mut self, _: &mut (), _: &[u16], _: ()) -> Result<(), Infallible> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> Result<(), JsonError> {
        check_raw_json_text(&text.encode_utf16().collect::<Vec<_>>())
    }

    #[test]
    fn primitives_pass() {
        for ok in [
            "1", "1.1", "-1", "1.1e1", "1.1e-1", "null", "true", "false", r#""foo""#, "-0",
        ] {
            assert_eq!(check(ok), Ok(()), "{ok}");
        }
        assert_eq!(check_raw_json_text(&[0x22, 0xd800, 0x22]), Ok(()));
    }

    #[test]
    fn empty_and_edge_whitespace_fail() {
        assert!(check("").is_err());
        for c in ['\n', '\t', '\r', ' '] {
            assert!(check(&format!("{c}123")).is_err());
            assert_eq!(check(&format!("123{c}")).unwrap_err().position, 3);
        }
        // Other whitespace is simply not JSON.
        assert!(check("\u{a0}1").is_err());
    }

    #[test]
    fn containers_and_bad_texts_fail() {
        for bad in [
            "{}",
            "[]",
            "[1]",
            r#"{"a":1}"#,
            "undefined",
            "[object Object]",
            "1 2",
            "'a'",
            "01",
            "+1",
            "1,",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
