//! The built-in library installed into every realm.
pub(crate) mod array;
pub(crate) mod error;
pub(crate) mod json;
pub(crate) mod native_ops;
