//! The structural JSON parser behind `JSON.parse`
//! (<https://tc39.es/ecma262/#sec-json.parse>, grammar of ECMA-404). It
//! never recurses: open arrays and objects live on an explicit stack whose
//! height is capped, so hostile nesting fails cleanly, and every code unit
//! is looked at a bounded number of times, so time is linear.

use super::builder::JsonBuilder;
use super::error::{JsonError, JsonErrorKind, ParseError};
use super::scan::{scan_literal, scan_number, scan_string, skip_whitespace};

/// The nesting limit the VM should use unless it has a reason not to.
pub const DEFAULT_MAX_DEPTH: usize = 10_000;

/// An array or object still open, with what the parser needs to fill it.
struct Frame<V> {
    container: V,
    /// For an object, the key of the member whose value is being parsed;
    /// `None` for an array.
    key: Option<Vec<u16>>,
}

/// Parses the whole of `text` as one JSON value surrounded by optional
/// whitespace, building it with `builder`. At most `max_depth` arrays and
/// objects may be open at once.
///
/// <https://tc39.es/ecma262/#sec-json.parse> step 2 (ParseJSON).
pub fn parse_json<B: JsonBuilder>(
    text: &[u16],
    builder: &mut B,
    max_depth: usize,
) -> Result<B::Value, ParseError<B::Error>> {
    let mut stack: Vec<Frame<B::Value>> = Vec::new();
    let mut scratch_string: Vec<u16> = Vec::new();
    let mut scratch_number = String::new();
    let mut pos = skip_whitespace(text, 0);
    loop {
        // 1. Here a value starts at `pos`: read a primitive whole, or open a
        //    container (then either it is empty, and complete at once, or
        //    its first member's value starts: go round again).
        let start = pos;
        let unit = text.get(pos).copied();
        let mut value = match unit.and_then(|unit| u8::try_from(unit).ok()) {
            Some(open @ (b'[' | b'{')) => {
                if stack.len() >= max_depth {
                    return Err(ParseError::Json(JsonError {
                        kind: JsonErrorKind::TooDeep,
                        message: format!("JSON too deeply nested at position {pos}"),
                        position: pos,
                    }));
                }
                let is_array = open == b'[';
                let mut container = if is_array {
                    builder.begin_array()
                } else {
                    builder.begin_object()
                }
                .map_err(ParseError::Builder)?;
                pos = skip_whitespace(text, pos + 1);
                let close = if is_array { b']' } else { b'}' };
                if text.get(pos) == Some(&u16::from(close)) {
                    pos += 1;
                    if is_array {
                        builder.end_array(&mut container)
                    } else {
                        builder.end_object(&mut container)
                    }
                    .map_err(ParseError::Builder)?;
                    container
                } else {
                    let key = if is_array {
                        None
                    } else {
                        let mut key = Vec::new();
                        pos = scan_member_key(text, pos, &mut key)?;
                        Some(key)
                    };
                    stack.push(Frame { container, key });
                    continue;
                }
            }
            Some(b'"') => {
                scratch_string.clear();
                pos = scan_string(text, pos, &mut scratch_string)?;
                builder
                    .string(&scratch_string, start..pos)
                    .map_err(ParseError::Builder)?
            }
            Some(b'-' | b'0'..=b'9') => {
                let (number, end) = scan_number(text, pos, &mut scratch_number)?;
                pos = end;
                builder
                    .number(number, start..pos)
                    .map_err(ParseError::Builder)?
            }
            Some(b't') => {
                pos = scan_literal(text, pos, "true")?;
                builder
                    .boolean(true, start..pos)
                    .map_err(ParseError::Builder)?
            }
            Some(b'f') => {
                pos = scan_literal(text, pos, "false")?;
                builder
                    .boolean(false, start..pos)
                    .map_err(ParseError::Builder)?
            }
            Some(b'n') => {
                pos = scan_literal(text, pos, "null")?;
                builder.null(start..pos).map_err(ParseError::Builder)?
            }
            _ => return Err(JsonError::unexpected(text, pos).into()),
        };
        // 2. `value` is complete: hand it to the innermost open container,
        //    then either the container goes on (a comma: back to step 1) or
        //    closes, completing a value one level up.
        loop {
            pos = skip_whitespace(text, pos);
            let Some(frame) = stack.last_mut() else {
                // The outermost value: nothing but whitespace may follow.
                if pos < text.len() {
                    return Err(JsonError::unexpected(text, pos).into());
                }
                return Ok(value);
            };
            let next = text.get(pos).copied();
            let close = match &mut frame.key {
                None => {
                    builder
                        .array_push(&mut frame.container, value)
                        .map_err(ParseError::Builder)?;
                    u16::from(b']')
                }
                Some(key) => {
                    builder
                        .object_insert(&mut frame.container, key, value)
                        .map_err(ParseError::Builder)?;
                    if next == Some(u16::from(b',')) {
                        key.clear();
                        pos = skip_whitespace(text, pos + 1);
                        pos = scan_member_key(text, pos, key)?;
                        break;
                    }
                    u16::from(b'}')
                }
            };
            if next == Some(u16::from(b',')) {
                pos = skip_whitespace(text, pos + 1);
                break;
            }
            if next != Some(close) {
                return Err(JsonError::unexpected(text, pos).into());
            }
            pos += 1;
            let Some(Frame {
                mut container, key, ..
            }) = stack.pop()
            else {
                return Err(JsonError::unexpected(text, pos).into());
            };
            if key.is_some() {
                builder.end_object(&mut container)
            } else {
                builder.end_array(&mut container)
            }
            .map_err(ParseError::Builder)?;
            value = container;
        }
    }
}

/// Reads `"key" :` at `pos` (after whitespace) into `key` and returns the
/// offset of the member's value (after whitespace).
fn scan_member_key(text: &[u16], pos: usize, key: &mut Vec<u16>) -> Result<usize, JsonError> {
    if text.get(pos) != Some(&u16::from(b'"')) {
        return Err(JsonError::unexpected(text, pos));
    }
    let pos = skip_whitespace(text, scan_string(text, pos, key)?);
    if text.get(pos) != Some(&u16::from(b':')) {
        return Err(JsonError::unexpected(text, pos));
    }
    Ok(skip_whitespace(text, pos + 1))
}
