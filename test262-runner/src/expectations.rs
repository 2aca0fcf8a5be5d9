//! The committed list of known failing checks (`expectations/<mode>.txt`):
//! one `path mode` per line, sorted, `#` comments allowed. CI compares a run
//! against it both ways, and `--update` rewrites it.

use crate::scenario::Mode;
use std::collections::BTreeSet;

/// A check: one scenario of one file.
pub type CheckId = (String, Mode);

/// A parsed expectations file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expectations {
    /// The comment lines at the top of the file, kept by `--update`.
    pub header: Vec<String>,
    pub failing: BTreeSet<CheckId>,
}

/// How a run differs from the list, restricted to the checks the run covered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// Failing checks that are not listed.
    pub unexpected_failures: Vec<CheckId>,
    /// Listed checks in the run's scope that did not fail (they passed, were
    /// skipped, or no longer exist).
    pub stale: Vec<CheckId>,
}

impl Diff {
    /// Whether the run matches the list exactly.
    pub fn is_clean(&self) -> bool {
        self.unexpected_failures.is_empty() && self.stale.is_empty()
    }
}

impl Expectations {
    /// Parses the file; a line is `path mode`, optionally followed by a
    /// `# comment`.
    pub fn parse(text: &str) -> Result<Expectations, String> {
        let mut expectations = Expectations::default();
        let mut in_header = true;
        for (index, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.starts_with('#') {
                if in_header {
                    expectations.header.push(raw.trim_end().to_owned());
                }
                continue;
            }
            in_header = false;
            let entry = line.split('#').next().unwrap_or("").trim();
            if entry.is_empty() {
                continue;
            }
            let mut fields = entry.split_whitespace();
            let (Some(path), Some(mode), None) = (fields.next(), fields.next(), fields.next())
            else {
                return Err(format!(
                    "expectations line {}: expected `path mode`, found {entry:?}",
                    index + 1
                ));
            };
            let Some(mode) = Mode::from_name(mode) else {
                return Err(format!(
                    "expectations line {}: unknown mode {mode:?} (sloppy, strict or module)",
                    index + 1
                ));
            };
            expectations.failing.insert((path.to_owned(), mode));
        }
        Ok(expectations)
    }

    /// Compares the checks of a run with the list. `in_scope` says whether a
    /// listed path belongs to what the run covered.
    pub fn diff(&self, failing: &BTreeSet<CheckId>, in_scope: impl Fn(&str) -> bool) -> Diff {
        Diff {
            unexpected_failures: failing.difference(&self.failing).cloned().collect(),
            stale: self
                .failing
                .iter()
                .filter(|(path, _)| in_scope(path))
                .filter(|check| !failing.contains(*check))
                .cloned()
                .collect(),
        }
    }

    /// The list after a run: entries outside the run's scope are kept, the
    /// rest is replaced by the run's failures.
    pub fn updated(&self, failing: &BTreeSet<CheckId>, in_scope: impl Fn(&str) -> bool) -> Self {
        let mut kept: BTreeSet<CheckId> = self
            .failing
            .iter()
            .filter(|(path, _)| !in_scope(path))
            .cloned()
            .collect();
        kept.extend(failing.iter().cloned());
        Expectations {
            header: self.header.clone(),
            failing: kept,
        }
    }

    /// The file text: header, then one sorted entry a line.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for line in &self.header {
            out.push_str(line);
            out.push('\n');
        }
        for (path, mode) in &self.failing {
            out.push_str(path);
            out.push(' ');
            out.push_str(mode.name());
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(path: &str, mode: Mode) -> CheckId {
        (path.to_owned(), mode)
    }

    const FILE: &str = "# Known failures.\n# Second header line.\n\nparser-tests/fail/1.js sloppy\ntest/a/x.js strict # why\n# inner comment\ntest/b/y.js module\n";

    #[test]
    fn parses_entries_and_header() {
        let e = Expectations::parse(FILE).expect("valid");
        assert_eq!(e.header, vec!["# Known failures.", "# Second header line."]);
        let expected: BTreeSet<CheckId> = [
            id("parser-tests/fail/1.js", Mode::Sloppy),
            id("test/a/x.js", Mode::Strict),
            id("test/b/y.js", Mode::Module),
        ]
        .into_iter()
        .collect();
        assert_eq!(e.failing, expected);
    }

    #[test]
    fn rejects_malformed_lines() {
        assert!(Expectations::parse("test/a.js\n").is_err());
        assert!(Expectations::parse("test/a.js raw\n").is_err());
        assert!(Expectations::parse("test/a.js sloppy extra\n").is_err());
    }

    #[test]
    fn diff_reports_both_directions_within_scope() {
        let e = Expectations::parse(FILE).expect("valid");
        let failing: BTreeSet<CheckId> = [
            id("test/a/x.js", Mode::Sloppy),
            id("test/a/x.js", Mode::Strict),
        ]
        .into_iter()
        .collect();
        let diff = e.diff(&failing, |path| {
            path.starts_with("test/a/") || path.starts_with("test/b/")
        });
        assert_eq!(
            diff.unexpected_failures,
            vec![id("test/a/x.js", Mode::Sloppy)]
        );
        // parser-tests/ was not run, so its entry is not stale.
        assert_eq!(diff.stale, vec![id("test/b/y.js", Mode::Module)]);
        assert!(!diff.is_clean());
    }

    #[test]
    fn exact_match_is_clean() {
        let e = Expectations::parse(FILE).expect("valid");
        let diff = e.diff(&e.failing, |_| true);
        assert!(diff.is_clean());
    }

    #[test]
    fn update_keeps_entries_outside_the_scope() {
        let e = Expectations::parse(FILE).expect("valid");
        let failing: BTreeSet<CheckId> = [id("test/a/z.js", Mode::Sloppy)].into_iter().collect();
        let updated = e.updated(&failing, |path| path.starts_with("test/"));
        assert_eq!(
            updated.render(),
            "# Known failures.\n# Second header line.\nparser-tests/fail/1.js sloppy\ntest/a/z.js sloppy\n"
        );
        let reparsed = Expectations::parse(&updated.render()).expect("valid");
        assert_eq!(reparsed, updated);
    }
}
