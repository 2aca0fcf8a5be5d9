//! Tests excluded by design (`exclusions.txt`): `path-or-prefix  # reason`
//! per line; a matching check is skipped with that reason.

/// One exclusion: every path starting with `prefix` is skipped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exclusion {
    pub prefix: String,
    pub reason: String,
}

/// The exclusions, in file order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exclusions(Vec<Exclusion>);

impl Exclusions {
    /// Parses the file; every entry needs a `# reason`.
    pub fn parse(text: &str) -> Result<Exclusions, String> {
        let mut entries = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (prefix, reason) = match line.split_once('#') {
                Some((prefix, reason)) if !reason.trim().is_empty() => {
                    (prefix.trim(), reason.trim())
                }
                _ => return Err(format!("exclusions line {}: missing `# reason`", index + 1)),
            };
            if prefix.is_empty() || prefix.contains(char::is_whitespace) {
                return Err(format!(
                    "exclusions line {}: expected one path or prefix",
                    index + 1
                ));
            }
            entries.push(Exclusion {
                prefix: prefix.to_owned(),
                reason: reason.to_owned(),
            });
        }
        Ok(Exclusions(entries))
    }

    /// The reason `path` is excluded, if it is.
    pub fn reason_for(&self, path: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|exclusion| path.starts_with(&exclusion.prefix))
            .map(|exclusion| exclusion.reason.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_and_matches_prefixes() {
        let text = "# header\n\ntest/language/a/  # obsolete\nparser-tests/fail/1.js # changed in ES2020\n";
        let exclusions = Exclusions::parse(text).expect("valid");
        assert_eq!(
            exclusions.reason_for("test/language/a/b.js"),
            Some("obsolete")
        );
        assert_eq!(
            exclusions.reason_for("parser-tests/fail/1.js"),
            Some("changed in ES2020")
        );
        assert_eq!(exclusions.reason_for("test/language/b.js"), None);
    }

    #[test]
    fn every_entry_needs_a_reason() {
        assert!(Exclusions::parse("test/a.js\n").is_err());
        assert!(Exclusions::parse("test/a.js #  \n").is_err());
        assert!(Exclusions::parse("test/a.js test/b.js # two\n").is_err());
        assert_eq!(
            Exclusions::parse("# only comments\n"),
            Ok(Exclusions::default())
        );
    }
}
