//! Shared by the `parse` criterion bench and the `parse_bench` example: where the real-world
//! sources live, a fallback source when they are absent, and a lex-only driver.

pub mod lex_only;
pub mod sources;
