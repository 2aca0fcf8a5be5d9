//! Finds the files a run covers. Paths are reported in one namespace:
//! `test/...` and `harness/...` inside the test262 checkout, and
//! `parser-tests/<dir>/...` inside test262-parser-tests.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The prefixes run when none are given.
pub const DEFAULT_PREFIXES: [&str; 5] = [
    "test/language",
    "test/built-ins",
    "test/annexB",
    "harness",
    "parser-tests",
];

/// The directories of test262-parser-tests and what their files must do.
pub const PARSER_TEST_DIRS: [(&str, ParserTestKind); 4] = [
    ("pass", ParserTestKind::Pass),
    ("pass-explicit", ParserTestKind::Pass),
    ("fail", ParserTestKind::Fail),
    ("early", ParserTestKind::Fail),
];

/// Whether a test262-parser-tests file must parse. `early/` files match
/// the grammar but break an early-error rule, so they must fail too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParserTestKind {
    Pass,
    Fail,
}

/// What kind of file an item is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ItemKind {
    /// A test262 test with frontmatter.
    Test262,
    /// A harness include, which must parse as a sloppy script.
    Harness,
    /// A test262-parser-tests file; `module` when its name has `.module.`.
    ParserTest { kind: ParserTestKind, module: bool },
}

/// One file of the run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// The path in the run's namespace, `/`-separated.
    pub path: String,
    pub file: PathBuf,
    pub kind: ItemKind,
}

/// Where the suites are.
#[derive(Clone, Debug)]
pub struct Roots {
    pub test262: PathBuf,
    pub parser_tests: PathBuf,
}

/// Whether `path` falls under one of `prefixes` (plain string prefixes, so
/// a partial file name works too).
pub fn in_scope(path: &str, prefixes: &[String]) -> bool {
    prefixes
        .iter()
        .any(|prefix| path.starts_with(prefix.as_str()))
}

/// Whether a prefix can select files of the area rooted at `area`
/// (`test`, `harness` or `parser-tests`).
fn touches(prefix: &str, area: &str) -> bool {
    prefix.starts_with(&format!("{area}/")) || area.starts_with(prefix)
}

/// Every file under `prefixes`, sorted by path, each once.
pub fn discover(roots: &Roots, prefixes: &[String]) -> io::Result<Vec<Item>> {
    let mut found = BTreeMap::new();
    for prefix in prefixes {
        if touches(prefix, "test") {
            let start = walk_start(&roots.test262, prefix);
            for file in walk(&start)? {
                let Some(path) = relative(&roots.test262, &file) else {
                    continue;
                };
                if path.ends_with(".js")
                    && !path.contains("_FIXTURE")
                    && path.starts_with(prefix.as_str())
                {
                    found.insert(
                        path.clone(),
                        Item {
                            path,
                            file,
                            kind: ItemKind::Test262,
                        },
                    );
                }
            }
        }
        if touches(prefix, "harness") {
            for file in list_js(&roots.test262.join("harness"))? {
                let Some(path) = relative(&roots.test262, &file) else {
                    continue;
                };
                if path.starts_with(prefix.as_str()) {
                    found.insert(
                        path.clone(),
                        Item {
                            path,
                            file,
                            kind: ItemKind::Harness,
                        },
                    );
                }
            }
        }
        if touches(prefix, "parser-tests") {
            for (dir, kind) in PARSER_TEST_DIRS {
                for file in list_js(&roots.parser_tests.join(dir))? {
                    let Some(name) = file.file_name().and_then(|n| n.to_str()) else {
                        continue;
                    };
                    let path = format!("parser-tests/{dir}/{name}");
                    if path.starts_with(prefix.as_str()) {
                        let module = name.contains(".module.");
                        let kind = ItemKind::ParserTest { kind, module };
                        found.insert(path.clone(), Item { path, file, kind });
                    }
                }
            }
        }
    }
    Ok(found.into_values().collect())
}

/// The deepest directory of the test262 checkout that contains every file
/// `prefix` selects, so a narrow prefix does not walk the whole suite.
fn walk_start(test262: &Path, prefix: &str) -> PathBuf {
    let mut start = test262.join("test");
    let Some(rest) = prefix.strip_prefix("test/") else {
        return start;
    };
    let components: Vec<&str> = rest.split('/').collect();
    // The last component may be a partial name (`grammar-` selects
    // `grammar-x.js` and `grammar-y/`), so only the ones before it are
    // descended; a trailing `/` makes every component whole.
    let whole = components.len().saturating_sub(1);
    for component in components.iter().take(whole) {
        if component.is_empty() || *component == "." || *component == ".." {
            break;
        }
        let next = start.join(component);
        if !next.is_dir() {
            break;
        }
        start = next;
    }
    start
}

/// All regular files below `dir`, without following symbolic links; an
/// explicit stack keeps deep trees from recursing.
fn walk(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == io::ErrorKind::NotFound => continue,
            Err(error) => return Err(error),
        };
        for entry in entries {
            let entry = entry?;
            let file_type = entry.file_type()?;
            if file_type.is_dir() {
                stack.push(entry.path());
            } else if file_type.is_file() {
                files.push(entry.path());
            }
        }
    }
    Ok(files)
}

/// The `.js` files directly in `dir` (none when it does not exist).
fn list_js(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let mut files = Vec::new();
    for entry in entries {
        let entry = entry?;
        let path = entry.path();
        if entry.file_type()?.is_file() && path.extension().is_some_and(|e| e == "js") {
            files.push(path);
        }
    }
    Ok(files)
}

/// `file` relative to `root`, `/`-separated.
fn relative(root: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch directory unique to one test.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("moat-test262-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn touch(path: &Path) {
        fs::create_dir_all(path.parent().expect("has parent")).expect("mkdir");
        fs::write(path, "").expect("write");
    }

    fn fixture(name: &str) -> Roots {
        let base = scratch(name);
        let test262 = base.join("test262");
        let parser_tests = base.join("test262-parser-tests");
        for file in [
            "test/language/a/one.js",
            "test/language/a/two_FIXTURE.js",
            "test/language/a/data.json",
            "test/language/b/grammar-x.js",
            "test/language/b/other.js",
            "test/built-ins/c/three.js",
            "harness/assert.js",
            "harness/features.yml",
            "harness/sm/nested.js",
        ] {
            touch(&test262.join(file));
        }
        for file in [
            "pass/1.js",
            "pass/2.module.js",
            "early/3.js",
            "fail/4.module.js",
        ] {
            touch(&parser_tests.join(file));
        }
        Roots {
            test262,
            parser_tests,
        }
    }

    fn paths(roots: &Roots, prefixes: &[&str]) -> Vec<String> {
        let prefixes: Vec<String> = prefixes.iter().map(|p| (*p).to_owned()).collect();
        discover(roots, &prefixes)
            .expect("discover")
            .into_iter()
            .map(|item| item.path)
            .collect()
    }

    #[test]
    fn default_prefixes_find_everything_but_fixtures() {
        let roots = fixture("all");
        assert_eq!(
            paths(&roots, &DEFAULT_PREFIXES),
            vec![
                "harness/assert.js",
                "parser-tests/early/3.js",
                "parser-tests/fail/4.module.js",
                "parser-tests/pass/1.js",
                "parser-tests/pass/2.module.js",
                "test/built-ins/c/three.js",
                "test/language/a/one.js",
                "test/language/b/grammar-x.js",
                "test/language/b/other.js",
            ]
        );
    }

    #[test]
    fn prefixes_narrow_the_run() {
        let roots = fixture("narrow");
        assert_eq!(
            paths(&roots, &["test/language/b/gram"]),
            vec!["test/language/b/grammar-x.js"]
        );
        assert_eq!(
            paths(&roots, &["test/language/a", "test/language/a/one.js"]),
            vec!["test/language/a/one.js"]
        );
        assert_eq!(paths(&roots, &["parser-tests/pass/"]).len(), 2);
        assert_eq!(paths(&roots, &["test/nothing"]), Vec::<String>::new());
    }

    #[test]
    fn kinds_follow_the_suite() {
        let roots = fixture("kinds");
        let items =
            discover(&roots, &["parser-tests/".to_owned(), "harness".to_owned()]).expect("ok");
        let kind_of = |path: &str| items.iter().find(|i| i.path == path).map(|i| i.kind);
        assert_eq!(kind_of("harness/assert.js"), Some(ItemKind::Harness));
        assert_eq!(
            kind_of("parser-tests/pass/2.module.js"),
            Some(ItemKind::ParserTest {
                kind: ParserTestKind::Pass,
                module: true
            })
        );
        assert_eq!(
            kind_of("parser-tests/early/3.js"),
            Some(ItemKind::ParserTest {
                kind: ParserTestKind::Fail,
                module: false
            })
        );
    }

    #[test]
    fn scope_is_a_string_prefix() {
        let prefixes = vec!["test/language".to_owned()];
        assert!(in_scope("test/language/a.js", &prefixes));
        assert!(!in_scope("test/built-ins/a.js", &prefixes));
    }
}
