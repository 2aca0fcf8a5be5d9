//! The stage-3 proposal features listed in test262's `features.txt`; tests
//! using any of them are skipped.

use std::collections::BTreeSet;

/// The heading that opens the proposals section of `features.txt`.
pub const PROPOSALS_HEADING: &str = "## Proposed language features";
/// The heading that closes it.
pub const STANDARD_HEADING: &str = "## Standard language features";

/// Feature tags of proposals not yet in ECMA-262.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proposals(BTreeSet<String>);

impl Proposals {
    /// Reads the feature names between [`PROPOSALS_HEADING`] and
    /// [`STANDARD_HEADING`]; every other line there is a comment or blank.
    pub fn from_features_txt(text: &str) -> Result<Proposals, String> {
        let mut lines = text.lines().map(str::trim);
        if !lines.any(|line| line == PROPOSALS_HEADING) {
            return Err(format!("features.txt has no line {PROPOSALS_HEADING:?}"));
        }
        let mut names = BTreeSet::new();
        for line in lines {
            if line == STANDARD_HEADING {
                return Ok(Proposals(names));
            }
            if !line.is_empty() && !line.starts_with('#') {
                names.insert(line.to_owned());
            }
        }
        Err(format!("features.txt has no line {STANDARD_HEADING:?}"))
    }

    /// The first of `features` that is a proposal, if any.
    pub fn first_proposal<'a>(&self, features: &'a [String]) -> Option<&'a str> {
        features
            .iter()
            .find(|feature| self.0.contains(feature.as_str()))
            .map(String::as_str)
    }

    /// How many proposal features there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no proposal is listed.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "## Proposed language features\n#\n# text\n\n# Decorators\n# https://x\ndecorators\n\n# Source Phase Imports\n## https://y\nsource-phase-imports\n## test262 special specifier\nsource-phase-imports-module-source\n\n## Standard language features\n#\nclass\n## Test-Harness Features\nIsHTMLDDA\n";

    #[test]
    fn reads_only_the_proposals_section() {
        let proposals = Proposals::from_features_txt(SAMPLE).expect("valid");
        assert_eq!(proposals.len(), 3);
        let features = vec!["class".to_owned(), "decorators".to_owned()];
        assert_eq!(proposals.first_proposal(&features), Some("decorators"));
        assert_eq!(proposals.first_proposal(&["class".to_owned()]), None);
        assert_eq!(proposals.first_proposal(&["IsHTMLDDA".to_owned()]), None);
        let special = vec!["source-phase-imports-module-source".to_owned()];
        assert!(proposals.first_proposal(&special).is_some());
    }

    #[test]
    fn missing_headings_are_errors() {
        assert!(Proposals::from_features_txt("decorators\n").is_err());
        assert!(Proposals::from_features_txt("## Proposed language features\nx\n").is_err());
    }
}
