//! The public embedding API: contexts, scripts, limits (filled by the embedding issue).
#![forbid(unsafe_code)]
