//! Parse mode: every scenario of every file is parsed, and passes when
//! parsing succeeds or fails as the file's metadata (or suite directory)
//! demands. Nothing is evaluated.

use crate::discover::{Item, ItemKind, ParserTestKind};
use crate::exclusions::Exclusions;
use crate::features::Proposals;
use crate::frontmatter;
use crate::guard;
use crate::scenario::{self, Expected, Mode};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use std::fs;

/// The goal symbol a source is parsed with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    Script,
    Module,
}

/// The parser under test: `Ok` when `source` parses with `goal`, otherwise
/// the error's message.
pub trait SyntaxChecker: Sync {
    fn check(&self, source: &str, goal: Goal) -> Result<(), String>;
}

/// How one check ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Pass,
    Fail(String),
    Skip(String),
}

/// The outcome of one scenario of one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckResult {
    pub path: String,
    pub mode: Mode,
    pub outcome: Outcome,
}

/// What a run needs besides the files.
pub struct Context<'a> {
    pub checker: &'a dyn SyntaxChecker,
    pub proposals: &'a Proposals,
    pub exclusions: &'a Exclusions,
}

/// Stack size of the worker threads; the parser bounds its own recursion,
/// this is a margin on top.
pub const WORKER_STACK_SIZE: usize = 8 << 20;

/// Runs every item on a pool of `threads` workers (rayon's default when
/// `None`); results are sorted by path, then mode.
pub fn run(
    items: &[Item],
    context: &Context<'_>,
    threads: Option<usize>,
    progress: bool,
) -> Result<Vec<CheckResult>, String> {
    let mut builder = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK_SIZE);
    if let Some(threads) = threads {
        builder = builder.num_threads(threads);
    }
    let pool = builder
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;
    let bar = if progress {
        let bar = ProgressBar::new(items.len() as u64);
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
            bar.set_style(style);
        }
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut results: Vec<CheckResult> = pool.install(|| {
        items
            .par_iter()
            .flat_map_iter(|item| {
                let results = run_item(item, context);
                bar.inc(1);
                results
            })
            .collect()
    });
    bar.finish_and_clear();
    results.sort_by(|a, b| (&a.path, a.mode).cmp(&(&b.path, b.mode)));
    Ok(results)
}

/// The checks of one file.
pub fn run_item(item: &Item, context: &Context<'_>) -> Vec<CheckResult> {
    let result = |mode, outcome| CheckResult {
        path: item.path.clone(),
        mode,
        outcome,
    };
    let source = match fs::read_to_string(&item.file) {
        Ok(source) => source,
        Err(error) => {
            return vec![result(
                Mode::Sloppy,
                Outcome::Fail(format!("read: {error}")),
            )]
        }
    };
    let (modes, expected) = match item.kind {
        ItemKind::Harness => (vec![Mode::Sloppy], Expected::Parses),
        ItemKind::ParserTest { kind, module } => {
            let mode = if module { Mode::Module } else { Mode::Sloppy };
            let expected = match kind {
                ParserTestKind::Pass => Expected::Parses,
                ParserTestKind::Fail => Expected::SyntaxError,
            };
            (vec![mode], expected)
        }
        ItemKind::Test262 => match frontmatter::parse(&source) {
            Ok(frontmatter) => {
                let modes = scenario::modes(&frontmatter);
                if let Some(feature) = context.proposals.first_proposal(&frontmatter.features) {
                    let reason = format!("proposal feature {feature}");
                    return modes
                        .into_iter()
                        .map(|m| result(m, Outcome::Skip(reason.clone())))
                        .collect();
                }
                (modes, scenario::expected(&frontmatter))
            }
            // Without metadata the scenarios are unknown: one failed check.
            Err(error) => return vec![result(Mode::Sloppy, Outcome::Fail(error.to_string()))],
        },
    };
    if let Some(reason) = context.exclusions.reason_for(&item.path) {
        let reason = format!("excluded: {reason}");
        return modes
            .into_iter()
            .map(|m| result(m, Outcome::Skip(reason.clone())))
            .collect();
    }
    modes
        .into_iter()
        .map(|mode| {
            result(
                mode,
                check_scenario(context.checker, &source, mode, expected),
            )
        })
        .collect()
}

/// Parses one scenario and compares the verdict with the expectation.
pub fn check_scenario(
    checker: &dyn SyntaxChecker,
    source: &str,
    mode: Mode,
    expected: Expected,
) -> Outcome {
    let text = scenario::source_for(mode, source);
    let goal = match mode {
        Mode::Module => Goal::Module,
        Mode::Sloppy | Mode::Strict => Goal::Script,
    };
    match (guard::catch(|| checker.check(&text, goal)), expected) {
        (Err(panic), _) => Outcome::Fail(panic),
        (Ok(Ok(())), Expected::Parses) | (Ok(Err(_)), Expected::SyntaxError) => Outcome::Pass,
        (Ok(Err(message)), Expected::Parses) => Outcome::Fail(format!("SyntaxError: {message}")),
        (Ok(Ok(())), Expected::SyntaxError) => {
            Outcome::Fail("parsed, expected a SyntaxError".to_owned())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::Item;
    use std::path::PathBuf;

    /// A fake parser: a source fails when it contains `@`, panics on `!!`,
    /// and a module fails on `with`; strict scripts fail on `with` too.
    struct Fake;

    impl SyntaxChecker for Fake {
        fn check(&self, source: &str, goal: Goal) -> Result<(), String> {
            if source.contains("!!") {
                panic!("fake parser panic");
            }
            if source.contains('@') {
                return Err("1:1: unexpected @".to_owned());
            }
            let strict = goal == Goal::Module || source.starts_with("\"use strict\";\n");
            if strict && source.contains("with") {
                return Err("1:1: with in strict code".to_owned());
            }
            Ok(())
        }
    }

    fn write(name: &str, text: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("moat-test262-parse-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("mkdir");
        let file = dir.join(name);
        fs::write(&file, text).expect("write");
        file
    }

    fn run_source(
        name: &str,
        kind: ItemKind,
        text: &str,
        exclusions: &str,
    ) -> Vec<(Mode, Outcome)> {
        let proposals = Proposals::from_features_txt(
            "## Proposed language features\ndecorators\n## Standard language features\nclass\n",
        )
        .expect("valid");
        let exclusions = Exclusions::parse(exclusions).expect("valid");
        let context = Context {
            checker: &Fake,
            proposals: &proposals,
            exclusions: &exclusions,
        };
        let item = Item {
            path: format!("test/x/{name}"),
            file: write(name, text),
            kind,
        };
        run(&[item], &context, Some(1), false)
            .expect("pool")
            .into_iter()
            .map(|r| (r.mode, r.outcome))
            .collect()
    }

    const NEGATIVE: &str = "negative:\n  phase: parse\n  type: SyntaxError\n";

    #[test]
    fn plain_test_runs_both_scenarios() {
        let results = run_source(
            "a.js",
            ItemKind::Test262,
            "/*---\ndescription: x\n---*/\nwith (a) {}\n",
            "",
        );
        assert_eq!(results.len(), 2);
        assert_eq!(results[0], (Mode::Sloppy, Outcome::Pass));
        assert_eq!(
            results[1],
            (
                Mode::Strict,
                Outcome::Fail("SyntaxError: 1:1: with in strict code".to_owned())
            )
        );
    }

    #[test]
    fn negative_parse_test_passes_when_parsing_fails() {
        let source = format!("/*---\n{NEGATIVE}flags: [onlyStrict]\n---*/\nwith (a) {{}}\n");
        let results = run_source("b.js", ItemKind::Test262, &source, "");
        assert_eq!(results, vec![(Mode::Strict, Outcome::Pass)]);
        let source = format!("/*---\n{NEGATIVE}flags: [noStrict]\n---*/\nwith (a) {{}}\n");
        let results = run_source("c.js", ItemKind::Test262, &source, "");
        assert_eq!(
            results,
            vec![(
                Mode::Sloppy,
                Outcome::Fail("parsed, expected a SyntaxError".to_owned())
            )]
        );
    }

    #[test]
    fn runtime_negative_test_must_parse() {
        let source =
            "/*---\nnegative:\n  phase: runtime\n  type: TypeError\nflags: [module]\n---*/\nx;\n";
        let results = run_source("d.js", ItemKind::Test262, source, "");
        assert_eq!(results, vec![(Mode::Module, Outcome::Pass)]);
    }

    #[test]
    fn proposals_and_exclusions_skip_every_scenario() {
        let source = "/*---\nfeatures: [class, decorators]\n---*/\n@dec class C {}\n";
        let results = run_source("e.js", ItemKind::Test262, source, "");
        let skip = Outcome::Skip("proposal feature decorators".to_owned());
        assert_eq!(
            results,
            vec![(Mode::Sloppy, skip.clone()), (Mode::Strict, skip)]
        );
        let results = run_source(
            "f.js",
            ItemKind::Test262,
            "/*---\n---*/\n@\n",
            "test/x/f.js # broken\n",
        );
        assert_eq!(results.len(), 2);
        assert!(results
            .iter()
            .all(|(_, o)| *o == Outcome::Skip("excluded: broken".to_owned())));
    }

    #[test]
    fn bad_frontmatter_is_one_failure() {
        let results = run_source("g.js", ItemKind::Test262, "no metadata\n", "");
        assert_eq!(results.len(), 1);
        assert!(
            matches!(&results[0].1, Outcome::Fail(reason) if reason.starts_with("frontmatter:"))
        );
    }

    #[test]
    fn panics_are_failures() {
        let results = run_source(
            "h.js",
            ItemKind::Test262,
            "/*---\nflags: [raw]\n---*/\n!!\n",
            "",
        );
        assert_eq!(results.len(), 1);
        assert!(
            matches!(&results[0].1, Outcome::Fail(reason) if reason.contains("fake parser panic"))
        );
    }

    #[test]
    fn harness_and_parser_tests() {
        assert_eq!(
            run_source("i.js", ItemKind::Harness, "with (a) {}", ""),
            vec![(Mode::Sloppy, Outcome::Pass)]
        );
        let fail_module = ItemKind::ParserTest {
            kind: ParserTestKind::Fail,
            module: true,
        };
        assert_eq!(
            run_source("j.module.js", fail_module, "with (a) {}", ""),
            vec![(Mode::Module, Outcome::Pass)]
        );
        let pass_script = ItemKind::ParserTest {
            kind: ParserTestKind::Pass,
            module: false,
        };
        assert_eq!(
            run_source("k.js", pass_script, "@", ""),
            vec![(
                Mode::Sloppy,
                Outcome::Fail("SyntaxError: 1:1: unexpected @".to_owned())
            )]
        );
    }

    #[test]
    fn unreadable_file_is_a_failure() {
        let item = Item {
            path: "test/x/missing.js".to_owned(),
            file: PathBuf::from("/nonexistent/moat/missing.js"),
            kind: ItemKind::Test262,
        };
        let proposals = Proposals::default();
        let exclusions = Exclusions::default();
        let context = Context {
            checker: &Fake,
            proposals: &proposals,
            exclusions: &exclusions,
        };
        let results = run_item(&item, &context);
        assert!(
            matches!(&results[..], [CheckResult { outcome: Outcome::Fail(r), .. }] if r.starts_with("read:"))
        );
    }
}
