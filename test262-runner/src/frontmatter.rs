//! The metadata block of a test262 test (`/*--- ... ---*/`), typed.
//!
//! See test262's INTERPRETING.md, "Metadata".

use crate::yaml::{self, Value};
use std::fmt;

/// What a test262 test declares about itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Frontmatter {
    pub description: Option<String>,
    pub includes: Vec<String>,
    pub flags: Flags,
    pub features: Vec<String>,
    pub negative: Option<Negative>,
}

/// The `flags:` of a test, one field per flag INTERPRETING.md defines.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    pub only_strict: bool,
    pub no_strict: bool,
    pub module: bool,
    pub raw: bool,
    pub is_async: bool,
    pub generated: bool,
    pub can_block_is_false: bool,
    pub can_block_is_true: bool,
    pub non_deterministic: bool,
}

/// When a negative test's error must happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Before evaluation, while parsing (including early errors).
    Parse,
    /// While loading and linking the module graph.
    Resolution,
    /// During evaluation.
    Runtime,
}

/// `negative: {phase, type}`: the test must fail with `error_type` in `phase`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Negative {
    pub phase: Phase,
    pub error_type: String,
}

/// Why a test's metadata could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrontmatterError(pub String);

impl fmt::Display for FrontmatterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "frontmatter: {}", self.0)
    }
}

impl std::error::Error for FrontmatterError {}

fn fail<T>(message: impl Into<String>) -> Result<T, FrontmatterError> {
    Err(FrontmatterError(message.into()))
}

/// The YAML text between the first `/*---` and the `---*/` after it.
pub fn extract(source: &str) -> Option<&str> {
    let start = source.find("/*---")? + "/*---".len();
    let len = source.get(start..)?.find("---*/")?;
    source.get(start..start + len)
}

/// Reads and types the frontmatter of a test file's source.
pub fn parse(source: &str) -> Result<Frontmatter, FrontmatterError> {
    let Some(text) = extract(source) else {
        return fail("no /*--- ... ---*/ block");
    };
    parse_yaml(text)
}

/// Types an already extracted frontmatter text.
pub fn parse_yaml(text: &str) -> Result<Frontmatter, FrontmatterError> {
    let entries = yaml::parse_mapping(text).map_err(|e| FrontmatterError(e.to_string()))?;
    let mut frontmatter = Frontmatter::default();
    for (key, value) in entries {
        match key.as_str() {
            "description" => frontmatter.description = Some(scalar(&key, value)?),
            "includes" => frontmatter.includes = list(&key, value)?,
            "features" => frontmatter.features = list(&key, value)?,
            "flags" => frontmatter.flags = flags(list(&key, value)?)?,
            "negative" => frontmatter.negative = Some(negative(value)?),
            // Informational keys (esid, info, author, es5id, ...) do not
            // change how a test runs.
            _ => {}
        }
    }
    Ok(frontmatter)
}

fn scalar(key: &str, value: Value) -> Result<String, FrontmatterError> {
    match value {
        Value::Str(text) => Ok(text),
        Value::Null => Ok(String::new()),
        _ => fail(format!("`{key}` must be a scalar")),
    }
}

fn list(key: &str, value: Value) -> Result<Vec<String>, FrontmatterError> {
    match value {
        Value::List(items) => Ok(items),
        Value::Null => Ok(Vec::new()),
        _ => fail(format!("`{key}` must be a list")),
    }
}

fn flags(names: Vec<String>) -> Result<Flags, FrontmatterError> {
    let mut flags = Flags::default();
    for name in names {
        let flag = match name.as_str() {
            "onlyStrict" => &mut flags.only_strict,
            "noStrict" => &mut flags.no_strict,
            "module" => &mut flags.module,
            "raw" => &mut flags.raw,
            "async" => &mut flags.is_async,
            "generated" => &mut flags.generated,
            "CanBlockIsFalse" => &mut flags.can_block_is_false,
            "CanBlockIsTrue" => &mut flags.can_block_is_true,
            "non-deterministic" => &mut flags.non_deterministic,
            other => return fail(format!("unknown flag `{other}`")),
        };
        *flag = true;
    }
    if flags.only_strict && flags.no_strict {
        return fail("flags `onlyStrict` and `noStrict` exclude each other");
    }
    Ok(flags)
}

fn negative(value: Value) -> Result<Negative, FrontmatterError> {
    let Value::Map(entries) = value else {
        return fail("`negative` must be a mapping of `phase` and `type`");
    };
    let mut phase = None;
    let mut error_type = None;
    for (key, text) in entries {
        match key.as_str() {
            "phase" => {
                phase = Some(match text.as_str() {
                    "parse" => Phase::Parse,
                    "resolution" => Phase::Resolution,
                    "runtime" => Phase::Runtime,
                    other => return fail(format!("unknown negative phase `{other}`")),
                });
            }
            "type" => error_type = Some(text),
            other => return fail(format!("unknown key `negative.{other}`")),
        }
    }
    match (phase, error_type) {
        (Some(phase), Some(error_type)) => Ok(Negative { phase, error_type }),
        _ => fail("`negative` needs both `phase` and `type`"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_the_block() {
        let source = "// c\n/*---\ndescription: x\n---*/\ncode();\n";
        assert_eq!(extract(source), Some("\ndescription: x\n"));
        assert_eq!(extract("/*--- no end"), None);
        assert_eq!(extract("code();"), None);
        assert!(parse("code();").is_err());
    }

    #[test]
    fn typical_negative_test() {
        let source = "/*---\nesid: sec-x\ndescription: >\n  folded\n  text\ninfo: |\n  a\nnegative:\n  phase: parse\n  type: SyntaxError\nflags: [onlyStrict]\nfeatures: [class, 'arrow-function']\n---*/\n$DONOTEVALUATE();\n";
        let fm = parse(source).expect("valid");
        assert_eq!(fm.description.as_deref(), Some("folded text\n"));
        assert_eq!(
            fm.negative,
            Some(Negative {
                phase: Phase::Parse,
                error_type: "SyntaxError".to_owned()
            })
        );
        assert!(fm.flags.only_strict && !fm.flags.no_strict);
        assert_eq!(fm.features, vec!["class", "arrow-function"]);
        assert!(fm.includes.is_empty());
    }

    #[test]
    fn block_list_features_and_includes() {
        let fm = parse_yaml("features:\n  - Symbol.toStringTag\nincludes: [propertyHelper.js]\n")
            .expect("valid");
        assert_eq!(fm.features, vec!["Symbol.toStringTag"]);
        assert_eq!(fm.includes, vec!["propertyHelper.js"]);
    }

    #[test]
    fn every_flag() {
        let fm = parse_yaml(
            "flags: [noStrict, module, raw, async, generated, CanBlockIsFalse, CanBlockIsTrue, non-deterministic]",
        )
        .expect("valid");
        let f = fm.flags;
        assert!(f.no_strict && f.module && f.raw && f.is_async && f.generated);
        assert!(f.can_block_is_false && f.can_block_is_true && f.non_deterministic);
        assert!(!f.only_strict);
    }

    #[test]
    fn rejects_bad_metadata() {
        assert!(parse_yaml("flags: [bogus]").is_err());
        assert!(parse_yaml("flags: [onlyStrict, noStrict]").is_err());
        assert!(parse_yaml("flags: raw").is_err());
        assert!(parse_yaml("negative:\n  phase: parse\n").is_err());
        assert!(parse_yaml("negative:\n  phase: later\n  type: SyntaxError\n").is_err());
        assert!(parse_yaml("negative: parse").is_err());
        assert!(parse_yaml("description: [a]").is_err());
    }

    #[test]
    fn resolution_and_runtime_phases() {
        let fm = parse_yaml("negative:\n  phase: resolution\n  type: SyntaxError\n").expect("ok");
        assert_eq!(fm.negative.map(|n| n.phase), Some(Phase::Resolution));
        let fm = parse_yaml("negative:\n  type: Test262Error\n  phase: runtime\n").expect("ok");
        assert_eq!(fm.negative.map(|n| n.phase), Some(Phase::Runtime));
    }
}
