//! `moat --check`: parses files without running them and reports their
//! syntax errors, like `node --check`.

use moat_parser::{parse_module, parse_script, ParseOptions, SyntaxError};
use std::io::Write;
use std::path::Path;

/// The goal symbol a file is parsed with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    Script,
    Module,
}

/// `.mjs` and `.module.js` files are modules; everything else is a script
/// unless `force_module`.
pub fn goal_for(path: &Path, force_module: bool) -> Goal {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if force_module || name.ends_with(".mjs") || name.ends_with(".module.js") {
        Goal::Module
    } else {
        Goal::Script
    }
}

/// Parses `source` with `goal`.
pub fn check_source(source: &str, goal: Goal) -> Result<(), SyntaxError> {
    let options = ParseOptions::default();
    match goal {
        Goal::Script => parse_script(source, options).map(drop),
        Goal::Module => parse_module(source, options).map(drop),
    }
}

/// Checks every file, writing `file:line:column: SyntaxError: message` to
/// `stderr` for each one that does not parse (and a message for each one
/// that cannot be read); returns whether all of them parsed.
pub fn check_files(files: &[impl AsRef<Path>], force_module: bool, stderr: &mut dyn Write) -> bool {
    let mut all_ok = true;
    for file in files {
        let file = file.as_ref();
        // Diagnostics are best effort: a closed stderr must not change the
        // exit code, which already says that the check failed.
        match std::fs::read_to_string(file) {
            Ok(source) => {
                let Err(error) = check_source(&source, goal_for(file, force_module)) else {
                    continue;
                };
                let _ = writeln!(
                    stderr,
                    "{}:{}:{}: SyntaxError: {}",
                    file.display(),
                    error.line,
                    error.column,
                    error.message
                );
            }
            Err(error) => {
                let _ = writeln!(stderr, "moat: cannot read {}: {error}", file.display());
            }
        }
        all_ok = false;
    }
    all_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_detection() {
        assert_eq!(goal_for(Path::new("a.mjs"), false), Goal::Module);
        assert_eq!(goal_for(Path::new("dir/a.module.js"), false), Goal::Module);
        assert_eq!(goal_for(Path::new("a.js"), false), Goal::Script);
        assert_eq!(goal_for(Path::new("a.js"), true), Goal::Module);
        assert_eq!(goal_for(Path::new("module.js"), false), Goal::Script);
    }
}
