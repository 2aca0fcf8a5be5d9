//! The register VM on a per-context gc-arena heap (filled by the VM issue).
#![forbid(unsafe_code)]
pub mod text;
