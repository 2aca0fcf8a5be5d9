//! Numeric conversions between Numbers, BigInts and JavaScript strings:
//! Number::toString (any radix), the `toFixed`/`toExponential`/
//! `toPrecision` formats, StringToNumber, `parseInt`, `parseFloat`,
//! StringToBigInt, BigInt::toString and the fixed-width integer conversions
//! (ToInt32 and friends). Every function is pure, never panics and runs in
//! time bounded by its input and output (inputs are UTF-16 code units,
//! outputs ASCII `String`s).

mod decompose;
mod format;
mod integer;
mod parse;
mod to_string;

pub use format::{to_exponential, to_fixed, to_precision, MAX_FRACTION_DIGITS};
pub use integer::{
    number_to_int32, to_int16, to_int8, to_uint16, to_uint32, to_uint8, to_uint8_clamp,
};
pub use parse::{bigint_to_string, parse_float, parse_int, string_to_bigint, string_to_number};
pub use to_string::number_to_string;
