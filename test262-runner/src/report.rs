//! Totals of a run: the per-directory table, the summary line and the JSON
//! report. Every count is a count of checks (scenarios), not of files.

use crate::parse_mode::{CheckResult, Outcome};
use serde::Serialize;
use std::collections::BTreeMap;

/// Passed, failed and skipped checks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
}

impl Counts {
    fn add(&mut self, outcome: &Outcome) {
        match outcome {
            Outcome::Pass => self.passed += 1,
            Outcome::Fail(_) => self.failed += 1,
            Outcome::Skip(_) => self.skipped += 1,
        }
    }
}

/// One failed check, as the JSON report lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub path: String,
    pub mode: &'static str,
    pub reason: String,
}

/// The whole report; serialises to the `--json` format.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    #[serde(flatten)]
    pub totals: Counts,
    pub directories: BTreeMap<String, Counts>,
    pub failures: Vec<Failure>,
}

/// The directory a path is tallied under: at most three directory levels
/// (`test/language/expressions`, `parser-tests/pass`, `harness`).
pub fn directory_of(path: &str) -> String {
    let mut parts: Vec<&str> = path.split('/').collect();
    parts.pop();
    parts.truncate(3);
    parts.join("/")
}

impl Report {
    /// Tallies the results of a run.
    pub fn from_results(results: &[CheckResult]) -> Report {
        let mut report = Report::default();
        for result in results {
            report.totals.add(&result.outcome);
            report
                .directories
                .entry(directory_of(&result.path))
                .or_default()
                .add(&result.outcome);
            if let Outcome::Fail(reason) = &result.outcome {
                report.failures.push(Failure {
                    path: result.path.clone(),
                    mode: result.mode.name(),
                    reason: reason.clone(),
                });
            }
        }
        report
    }

    /// `N passed, M failed, K skipped`.
    pub fn summary_line(&self) -> String {
        let Counts {
            passed,
            failed,
            skipped,
        } = self.totals;
        format!("{passed} passed, {failed} failed, {skipped} skipped")
    }

    /// The per-directory table, one line per directory.
    pub fn table(&self) -> String {
        let width = self
            .directories
            .keys()
            .map(String::len)
            .chain(["directory".len()])
            .max()
            .unwrap_or(0);
        let mut out = format!(
            "{:<width$}  {:>8}  {:>8}  {:>8}\n",
            "directory", "passed", "failed", "skipped"
        );
        for (directory, counts) in &self.directories {
            out.push_str(&format!(
                "{directory:<width$}  {:>8}  {:>8}  {:>8}\n",
                counts.passed, counts.failed, counts.skipped
            ));
        }
        out
    }

    /// The JSON report.
    pub fn to_json(&self) -> Result<String, serde_json::Error> {
        serde_json::to_string_pretty(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Mode;

    fn result(path: &str, mode: Mode, outcome: Outcome) -> CheckResult {
        CheckResult {
            path: path.to_owned(),
            mode,
            outcome,
        }
    }

    fn sample() -> Report {
        Report::from_results(&[
            result(
                "test/language/expressions/a/b.js",
                Mode::Sloppy,
                Outcome::Pass,
            ),
            result(
                "test/language/expressions/a/b.js",
                Mode::Strict,
                Outcome::Fail("SyntaxError: x".to_owned()),
            ),
            result(
                "test/language/white-space.js",
                Mode::Sloppy,
                Outcome::Skip("proposal".to_owned()),
            ),
            result("harness/assert.js", Mode::Sloppy, Outcome::Pass),
            result("parser-tests/fail/1.module.js", Mode::Module, Outcome::Pass),
        ])
    }

    #[test]
    fn directories_are_three_levels_deep() {
        assert_eq!(
            directory_of("test/language/expressions/a/b.js"),
            "test/language/expressions"
        );
        assert_eq!(directory_of("test/annexB/x.js"), "test/annexB");
        assert_eq!(directory_of("parser-tests/pass/1.js"), "parser-tests/pass");
        assert_eq!(directory_of("harness/assert.js"), "harness");
    }

    #[test]
    fn tallies_and_summary() {
        let report = sample();
        assert_eq!(report.summary_line(), "3 passed, 1 failed, 1 skipped");
        assert_eq!(
            report.directories.get("test/language/expressions"),
            Some(&Counts {
                passed: 1,
                failed: 1,
                skipped: 0
            })
        );
        assert_eq!(report.directories.len(), 4);
        let table = report.table();
        assert!(table.lines().count() == 5, "{table}");
        assert!(
            table.contains("test/language/expressions         1         1         0"),
            "{table}"
        );
    }

    #[test]
    fn json_has_the_documented_shape() {
        let json: serde_json::Value =
            serde_json::from_str(&sample().to_json().expect("json")).expect("valid json");
        assert_eq!(json["passed"], 3);
        assert_eq!(json["failed"], 1);
        assert_eq!(json["skipped"], 1);
        assert_eq!(json["directories"]["harness"]["passed"], 1);
        assert_eq!(
            json["failures"][0]["path"],
            "test/language/expressions/a/b.js"
        );
        assert_eq!(json["failures"][0]["mode"], "strict");
        assert_eq!(json["failures"][0]["reason"], "SyntaxError: x");
    }
}
