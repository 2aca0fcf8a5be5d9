//! RegExp pattern syntax (and, later, the interruptible matcher).
#![forbid(unsafe_code)]
