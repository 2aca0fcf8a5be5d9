//! The errors of JSON parsing: a syntax error at a code unit offset (which
//! the VM throws as a SyntaxError), or an error raised by the value builder.

use std::fmt;

/// Why a JSON text was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonErrorKind {
    /// The text is not a JSON text (ECMA-404).
    Syntax,
    /// The text nests arrays and objects deeper than the parser's limit; it
    /// may be valid JSON, but parsing it would cost unbounded memory.
    TooDeep,
}

/// A JSON text rejected at `position`, a UTF-16 code unit offset into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub kind: JsonErrorKind,
    /// E.g. "Unexpected token } in JSON at position 5".
    pub message: String,
    pub position: usize,
}

impl JsonError {
    /// A syntax error at `position`, whose message already names it.
    pub(crate) fn syntax(message: String, position: usize) -> JsonError {
        JsonError {
            kind: JsonErrorKind::Syntax,
            message,
            position,
        }
    }

    /// The error for whatever unexpected code unit (or the end) sits at
    /// `position` of `text`.
    pub(crate) fn unexpected(text: &[u16], position: usize) -> JsonError {
        match text.get(position) {
            None => JsonError::syntax("Unexpected end of JSON input".to_string(), text.len()),
            Some(&unit) => JsonError::syntax(
                format!(
                    "Unexpected token {} in JSON at position {position}",
                    display_unit(unit)
                ),
                position,
            ),
        }
    }
}

/// A code unit as it should read in a message: itself when printable, an
/// escape otherwise (controls, lone surrogates).
fn display_unit(unit: u16) -> String {
    match char::from_u32(u32::from(unit)) {
        Some(c) if !c.is_control() => c.to_string(),
        _ => format!("\\u{unit:04x}"),
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for JsonError {}

/// A failed parse: the text was bad, or the builder gave up (e.g. the heap
/// budget ran out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError<E> {
    Json(JsonError),
    Builder(E),
}

impl<E> From<JsonError> for ParseError<E> {
    fn from(error: JsonError) -> ParseError<E> {
        ParseError::Json(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unexpected_names_the_unit_or_the_end() {
        let text: Vec<u16> = "[1}".encode_utf16().collect();
        let error = JsonError::unexpected(&text, 2);
        assert_eq!(error.message, "Unexpected token } in JSON at position 2");
        assert_eq!(error.position, 2);
        assert_eq!(error.kind, JsonErrorKind::Syntax);
        let error = JsonError::unexpected(&text, 3);
        assert_eq!(error.message, "Unexpected end of JSON input");
        assert_eq!(error.position, 3);
        assert_eq!(error.to_string(), "Unexpected end of JSON input");
    }

    #[test]
    fn unprintable_units_are_escaped() {
        assert_eq!(display_unit(0x0b), "\\u000b");
        assert_eq!(display_unit(0xd800), "\\ud800");
        assert_eq!(display_unit(0x00e9), "é");
    }
}
