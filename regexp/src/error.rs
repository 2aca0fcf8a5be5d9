//! The error type every syntax or early error of a pattern or flags string is
//! reported with.

use std::fmt;

/// A SyntaxError in a regular expression pattern or its flags.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    /// What is wrong, in words fit for a SyntaxError message.
    pub message: String,
    /// Byte offset inside the pattern body (or inside the flags string for
    /// flag errors) where the problem was detected.
    pub offset: usize,
}

impl PatternError {
    pub(crate) fn new(message: impl Into<String>, offset: usize) -> Self {
        PatternError {
            message: message.into(),
            offset,
        }
    }
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at offset {})", self.message, self.offset)
    }
}

impl std::error::Error for PatternError {}
