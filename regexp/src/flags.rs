//! The flags of a regular expression literal or `RegExp` constructor call.

use crate::PatternError;

/// The parsed flags; <https://tc39.es/ecma262/#sec-regexpinitialize> step 4
/// lists which strings are valid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    /// `d`
    pub has_indices: bool,
    /// `g`
    pub global: bool,
    /// `i`
    pub ignore_case: bool,
    /// `m`
    pub multiline: bool,
    /// `s`
    pub dot_all: bool,
    /// `u`
    pub unicode: bool,
    /// `v`
    pub unicode_sets: bool,
    /// `y`
    pub sticky: bool,
}

impl Flags {
    /// Parses a flags string: an unknown or repeated flag, or both `u` and
    /// `v`, is a SyntaxError (the error offset is a byte offset in `flags`).
    /// <https://tc39.es/ecma262/#sec-regexpinitialize>
    pub fn parse(flags: &str) -> Result<Flags, PatternError> {
        let mut out = Flags::default();
        for (offset, c) in flags.char_indices() {
            let slot = match c {
                'd' => &mut out.has_indices,
                'g' => &mut out.global,
                'i' => &mut out.ignore_case,
                'm' => &mut out.multiline,
                's' => &mut out.dot_all,
                'u' => &mut out.unicode,
                'v' => &mut out.unicode_sets,
                'y' => &mut out.sticky,
                _ => {
                    return Err(PatternError::new(
                        format!("invalid regular expression flag '{c}'"),
                        offset,
                    ))
                }
            };
            if *slot {
                return Err(PatternError::new(
                    format!("duplicate regular expression flag '{c}'"),
                    offset,
                ));
            }
            *slot = true;
            if out.unicode && out.unicode_sets {
                return Err(PatternError::new(
                    "regular expression flags 'u' and 'v' are mutually exclusive",
                    offset,
                ));
            }
        }
        Ok(out)
    }

    /// Whether the pattern is parsed with `[+UnicodeMode]` (`u` or `v`).
    pub fn unicode_mode(self) -> bool {
        self.unicode || self.unicode_sets
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_flag() {
        let f = Flags::parse("dgimsuy").unwrap();
        assert!(f.has_indices && f.global && f.ignore_case && f.multiline);
        assert!(f.dot_all && f.unicode && f.sticky && !f.unicode_sets);
        assert!(Flags::parse("v").unwrap().unicode_sets);
        assert_eq!(Flags::parse("").unwrap(), Flags::default());
    }

    #[test]
    fn rejects_bad_flags() {
        assert_eq!(Flags::parse("gg").unwrap_err().offset, 1);
        assert_eq!(Flags::parse("gx").unwrap_err().offset, 1);
        assert!(Flags::parse("uv").is_err());
        assert!(Flags::parse("G").is_err());
        assert!(Flags::parse("\u{0067}\u{0301}").is_err());
    }
}
