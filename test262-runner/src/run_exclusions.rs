//! Run mode's skip list: test262 features not reached yet (each with a reason) and directories
//! entirely about them, read from `exclusions-run.txt`.
//!
//! Format, one entry a line: `feature:NAME  # reason` skips every test tagged with feature
//! NAME; any other entry is a path prefix as in [`Exclusions`].

use crate::exclusions::Exclusions;
use std::collections::BTreeMap;

/// Skipped features and path prefixes.
#[derive(Debug, Default)]
pub struct RunExclusions {
    /// Feature name -> reason.
    pub features: BTreeMap<String, String>,
    pub paths: Exclusions,
}

impl RunExclusions {
    /// Parses the file's text; every entry needs a reason.
    pub fn parse(text: &str) -> Result<RunExclusions, String> {
        let mut features = BTreeMap::new();
        let mut paths = String::new();
        for (number, line) in text.lines().enumerate() {
            let Some(rest) = line.trim_start().strip_prefix("feature:") else {
                paths.push_str(line);
                paths.push('\n');
                continue;
            };
            let (name, reason) = match rest.split_once('#') {
                Some((name, reason)) => (name.trim(), reason.trim()),
                None => (rest.trim(), ""),
            };
            if name.is_empty() || reason.is_empty() {
                return Err(format!(
                    "exclusions line {}: expected `feature:NAME  # reason`",
                    number + 1
                ));
            }
            features.insert(name.to_owned(), reason.to_owned());
        }
        Ok(RunExclusions {
            features,
            paths: Exclusions::parse(&paths)?,
        })
    }

    /// The first skipped feature among `features`, with its reason.
    pub fn feature_reason<'a>(&'a self, features: &'a [String]) -> Option<(&'a str, &'a str)> {
        features.iter().find_map(|f| {
            self.features
                .get(f)
                .map(|reason| (f.as_str(), reason.as_str()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_and_paths() {
        let text = "# comment\nfeature:Proxy  # no Proxy yet\ntest/built-ins/Proxy  # Proxy\n";
        let ex = RunExclusions::parse(text).expect("valid");
        let tags = vec!["class".to_owned(), "Proxy".to_owned()];
        assert_eq!(ex.feature_reason(&tags), Some(("Proxy", "no Proxy yet")));
        assert_eq!(ex.feature_reason(&["class".to_owned()]), None);
        assert_eq!(
            ex.paths.reason_for("test/built-ins/Proxy/x.js"),
            Some("Proxy")
        );
        assert_eq!(ex.paths.reason_for("test/built-ins/Object/x.js"), None);
    }

    #[test]
    fn reason_required() {
        assert!(RunExclusions::parse("feature:Proxy\n").is_err());
        assert!(RunExclusions::parse("feature:  # why\n").is_err());
    }
}
