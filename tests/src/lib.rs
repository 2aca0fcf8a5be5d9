//! Integration tests of moat live in tests/tests/.
#![forbid(unsafe_code)]
