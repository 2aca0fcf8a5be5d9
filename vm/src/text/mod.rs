//! Pure text algorithms over JavaScript strings (sequences of UTF-16 code
//! units) used by the String builtins, the URI functions and Annex B's
//! `escape`/`unescape`. Nothing here touches the heap or the realm: every
//! function takes `&[u16]` and returns a new code-unit vector (or a slice of
//! its input), never panics and runs in time linear in its input and output.

mod case;
mod case_properties;
mod escape;
mod normalize;
mod search;
mod uri;
mod well_formed;
mod whitespace;

pub use case::{to_lower_case, to_upper_case};
pub use escape::{escape, unescape};
pub use normalize::{normalize, NormalizationForm};
pub use search::{get_substitution, index_of, index_of_latin1, last_index_of, NamedCaptureLookup};
pub use uri::{
    decode, decode_uri, decode_uri_component, encode, encode_uri, encode_uri_component, UriError,
};
pub use well_formed::{code_point_at, is_well_formed, to_well_formed, CodePoint};
pub use whitespace::{is_js_whitespace, trim, trim_end, trim_start};

/// Test helper: the UTF-16 code units of a Rust string.
#[cfg(test)]
pub(crate) fn utf16(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}
