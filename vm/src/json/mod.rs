//! JSON text handling for the `JSON` object
//! (<https://tc39.es/ecma262/#sec-json-object>): the parser behind
//! `JSON.parse`, which hands values to a caller-supplied [`JsonBuilder`];
//! the string quoting of `JSON.stringify`; and the text check of
//! `JSON.rawJSON`. Nothing here knows the VM's value types.

mod builder;
mod error;
mod parse;
mod quote;
mod raw;
mod scan;

#[cfg(test)]
mod tests;

pub use builder::JsonBuilder;
pub use error::{JsonError, JsonErrorKind, ParseError};
pub use parse::{parse_json, DEFAULT_MAX_DEPTH};
pub use quote::quote_json_string;
pub use raw::check_raw_json_text;
