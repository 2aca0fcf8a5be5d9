//! Run mode: every scenario of every test262 file is evaluated in a fresh context, after the
//! harness, and passes when it completes (or fails) as its metadata says
//! (<https://github.com/tc39/test262/blob/main/INTERPRETING.md>).

use crate::discover::{Item, ItemKind};
use crate::features::Proposals;
use crate::frontmatter::{self, Frontmatter, Phase};
use crate::guard;
use crate::parse_mode::{CheckResult, Outcome};
use crate::run_exclusions::RunExclusions;
use crate::scenario::{self, Mode};
use indicatif::{ProgressBar, ProgressStyle};
use moat_bytecode::code::CodeBlock;
use moat_vm::host262::PrintSink;
use moat_vm::{Context, ContextOptions, RunError};
use rayon::prelude::*;
use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// What an async test must print to pass.
const ASYNC_COMPLETE: &str = "Test262:AsyncTestComplete";

/// Limits of each scenario's context.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Wall-clock time of each evaluation (harness file, test, job queue).
    pub timeout: Duration,
    pub heap_limit: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(10),
            heap_limit: 256 << 20,
        }
    }
}

/// The harness files, each compiled once per process and shared by every context.
#[derive(Default)]
pub struct Harness {
    files: HashMap<String, Result<Arc<CodeBlock>, String>>,
}

impl Harness {
    /// Compiles every `.js` file of test262's `harness/` directory.
    pub fn load(dir: &Path) -> Result<Harness, String> {
        let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut sources = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if !name.ends_with(".js") {
                continue;
            }
            let source =
                fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            sources.push((name.to_owned(), source));
        }
        Ok(Harness::from_sources(sources))
    }

    /// Compiles the given (file name, source) pairs.
    pub fn from_sources(sources: Vec<(String, String)>) -> Harness {
        let files = sources
            .into_par_iter()
            .map(|(name, source)| {
                let code = guard::catch(|| {
                    moat_vm::context::compile_script_source(&source, &format!("harness/{name}"))
                        .map_err(|e| e.to_string())
                })
                .and_then(|r| r);
                (name, code)
            })
            .collect();
        Harness { files }
    }

    fn get(&self, name: &str) -> Result<Arc<CodeBlock>, String> {
        match self.files.get(name) {
            Some(Ok(code)) => Ok(Arc::clone(code)),
            Some(Err(e)) => Err(format!("harness {name} does not compile: {e}")),
            None => Err(format!("harness {name} not found")),
        }
    }

    /// The harness of a test, in order: assert.js, sta.js, doneprintHandle.js when async,
    /// then each include.
    pub fn for_test(&self, frontmatter: &Frontmatter) -> Result<Vec<Arc<CodeBlock>>, String> {
        let mut names = vec!["assert.js", "sta.js"];
        if frontmatter.flags.is_async {
            names.push("doneprintHandle.js");
        }
        names.extend(frontmatter.includes.iter().map(String::as_str));
        names.into_iter().map(|n| self.get(n)).collect()
    }
}

/// What a run needs besides the files.
pub struct RunContext<'a> {
    pub harness: &'a Harness,
    pub proposals: &'a Proposals,
    pub exclusions: &'a RunExclusions,
    pub limits: Limits,
}

/// Stack size of the worker threads: native builtins may re-enter the interpreter on the Rust
/// stack (the VM bounds that nesting); this is a margin on top.
pub const WORKER_STACK_SIZE: usize = 16 << 20;

/// Runs every test262 item on a pool of `threads` workers; results are sorted by path, then
/// mode. Harness files and parser tests are not run (parse mode covers them).
pub fn run(
    items: &[Item],
    context: &RunContext<'_>,
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
    let items: Vec<&Item> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Test262)
        .collect();
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
pub fn run_item(item: &Item, context: &RunContext<'_>) -> Vec<CheckResult> {
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
    let frontmatter = match frontmatter::parse(&source) {
        Ok(f) => f,
        Err(error) => return vec![result(Mode::Sloppy, Outcome::Fail(error.to_string()))],
    };
    let modes = scenario::modes(&frontmatter);
    let skip = |reason: String| -> Vec<CheckResult> {
        modes
            .iter()
            .map(|m| result(*m, Outcome::Skip(reason.clone())))
            .collect()
    };
    if let Some(feature) = context.proposals.first_proposal(&frontmatter.features) {
        return skip(format!("proposal feature {feature}"));
    }
    if let Some((feature, reason)) = context.exclusions.feature_reason(&frontmatter.features) {
        return skip(format!("feature {feature}: {reason}"));
    }
    if let Some(reason) = context.exclusions.paths.reason_for(&item.path) {
        return skip(format!("excluded: {reason}"));
    }
    // Imports resolve relative to the test file; keys are paths below the test262 root.
    let root = item
        .file
        .to_string_lossy()
        .strip_suffix(item.path.as_str())
        .map(std::path::PathBuf::from);
    modes
        .iter()
        .map(|&mode| {
            let outcome = guard::catch(|| {
                run_scenario(
                    context.harness,
                    &source,
                    &item.path,
                    &frontmatter,
                    mode,
                    context.limits,
                    root.clone(),
                )
            })
            .unwrap_or_else(Outcome::Fail);
            result(mode, outcome)
        })
        .collect()
}

/// The constructor name in a "Name: message" description of a thrown value (whose later lines
/// may hold a stack trace).
fn thrown_name(description: &str) -> &str {
    let first = description.lines().next().unwrap_or("");
    first.split_once(':').map_or(first, |(name, _)| name).trim()
}

fn describe(error: &RunError, limits: Limits) -> String {
    match error {
        RunError::Timeout => format!("timeout ({} s)", limits.timeout.as_secs_f64()),
        RunError::HeapLimit => format!("heap limit ({} bytes) exceeded", limits.heap_limit),
        // The first line: a failure is one line of the report; stacks stay out.
        other => other.to_string().lines().next().unwrap_or("").to_owned(),
    }
}

/// Evaluates one scenario of a test (a script, or a module whose imports resolve below `root`)
/// and compares the result with its metadata.
pub fn run_scenario(
    harness: &Harness,
    source: &str,
    path: &str,
    frontmatter: &Frontmatter,
    mode: Mode,
    limits: Limits,
    root: Option<std::path::PathBuf>,
) -> Outcome {
    let text = scenario::source_for(mode, source);
    let negative = frontmatter.negative.as_ref();
    // 1. Parse (and early errors): a parse-phase negative test passes here or nowhere.
    let code = if mode == Mode::Module {
        moat_vm::context::compile_module_source(&text, path)
    } else {
        moat_vm::context::compile_script_source(&text, path)
    };
    if let Some(n) = negative.filter(|n| n.phase == Phase::Parse) {
        return match code {
            Err(RunError::Compile(m)) if thrown_name(&m) == n.error_type => Outcome::Pass,
            Err(e) => Outcome::Fail(format!(
                "expected a parse-time {}, got {}",
                n.error_type,
                describe(&e, limits)
            )),
            Ok(_) => Outcome::Fail(format!("parsed, expected a {}", n.error_type)),
        };
    }
    let code = match code {
        Ok(code) => code,
        Err(e) => return Outcome::Fail(describe(&e, limits)),
    };
    let includes = if frontmatter.flags.raw {
        Vec::new()
    } else {
        match harness.for_test(frontmatter) {
            Ok(i) => i,
            Err(e) => return Outcome::Fail(e),
        }
    };
    // 2. A fresh context per scenario, with print and $262.
    let mut cx = Context::new(ContextOptions {
        heap_limit: limits.heap_limit,
        timeout: Some(limits.timeout),
        ..ContextOptions::default()
    });
    cx.install_print(PrintSink::Buffer);
    cx.install_262();
    cx.set_module_loader(std::rc::Rc::new(moat_vm::module::loader::FsLoader { root }));
    for include in includes {
        if let Err(e) = cx.eval_code(include) {
            return Outcome::Fail(format!("harness: {}", describe(&e, limits)));
        }
    }
    // 3. The test (loaded, linked and evaluated when a module), then the job queue.
    let result = if mode == Mode::Module {
        cx.eval_module_source(path, &text).map(|_| ())
    } else {
        cx.eval_code(code).and_then(|_| cx.run_jobs())
    };
    let output = cx.take_output();
    match (negative, result) {
        (Some(n), Err(RunError::Thrown(m))) => {
            if thrown_name(&m) == n.error_type {
                Outcome::Pass
            } else {
                let first = m.lines().next().unwrap_or("");
                Outcome::Fail(format!("expected {}, got Uncaught {first}", n.error_type))
            }
        }
        (Some(n), Ok(())) => Outcome::Fail(format!("completed, expected {}", n.error_type)),
        (_, Err(e)) => Outcome::Fail(describe(&e, limits)),
        (None, Ok(())) if frontmatter.flags.is_async => async_verdict(&output),
        (None, Ok(())) => Outcome::Pass,
    }
}

/// An async test passes when it printed exactly the completion line.
fn async_verdict(output: &[String]) -> Outcome {
    if output.iter().any(|l| l == ASYNC_COMPLETE) {
        return match output
            .iter()
            .find(|l| l.starts_with("Test262:AsyncTestFailure"))
        {
            Some(f) => Outcome::Fail(f.clone()),
            None => Outcome::Pass,
        };
    }
    match output
        .iter()
        .find(|l| l.starts_with("Test262:AsyncTestFailure"))
    {
        Some(f) => Outcome::Fail(f.clone()),
        None => Outcome::Fail(format!("{ASYNC_COMPLETE} was not printed")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::parse_yaml;

    /// A tiny stand-in for test262's harness.
    fn harness() -> Harness {
        let file = |n: &str, s: &str| (n.to_owned(), s.to_owned());
        Harness::from_sources(vec![
            file(
                "assert.js",
                "function assert(c, m) { if (c !== true) throw new Test262Error(m); }",
            ),
            file(
                "sta.js",
                "function Test262Error(m) { this.message = m || ''; }
                 Test262Error.prototype.name = 'Test262Error';
                 function $DONOTEVALUATE() { throw 'Test262: This statement should not be evaluated.'; }",
            ),
            file(
                "doneprintHandle.js",
                "function $DONE(e) { if (e) print('Test262:AsyncTestFailure:' + e); else print('Test262:AsyncTestComplete'); }",
            ),
            file("extra.js", "var extraLoaded = true;"),
            file("broken.js", "var = ;"),
        ])
    }

    fn run(yaml: &str, source: &str, mode: Mode) -> Outcome {
        let frontmatter = parse_yaml(yaml).expect("valid frontmatter");
        run_scenario(
            &harness(),
            source,
            "t.js",
            &frontmatter,
            mode,
            Limits::default(),
            None,
        )
    }

    #[test]
    fn passing_and_failing_tests() {
        assert_eq!(
            run("description: x", "assert(1 + 1 === 2);", Mode::Sloppy),
            Outcome::Pass
        );
        let failed = run("description: x", "assert(false, 'nope');", Mode::Sloppy);
        assert!(
            matches!(&failed, Outcome::Fail(m) if m.contains("Test262Error")),
            "{failed:?}"
        );
    }

    #[test]
    fn strict_scenario_prepends_the_directive() {
        let src = "var strict = (function () { return this === undefined; })(); assert(!strict);";
        assert_eq!(run("description: x", src, Mode::Sloppy), Outcome::Pass);
        assert!(matches!(
            run("description: x", src, Mode::Strict),
            Outcome::Fail(_)
        ));
    }

    #[test]
    fn includes_and_raw() {
        let yaml = "includes: [extra.js]";
        assert_eq!(
            run(yaml, "assert(extraLoaded);", Mode::Sloppy),
            Outcome::Pass
        );
        let missing = run("includes: [nope.js]", "", Mode::Sloppy);
        assert!(
            matches!(&missing, Outcome::Fail(m) if m.contains("not found")),
            "{missing:?}"
        );
        let broken = run("includes: [broken.js]", "", Mode::Sloppy);
        assert!(
            matches!(&broken, Outcome::Fail(m) if m.contains("does not compile")),
            "{broken:?}"
        );
        // No harness in raw tests: `assert` is not defined.
        let raw = run("flags: [raw]", "assert(true);", Mode::Sloppy);
        assert!(
            matches!(&raw, Outcome::Fail(m) if m.contains("ReferenceError")),
            "{raw:?}"
        );
    }

    #[test]
    fn negative_tests() {
        let parse = "negative:\n  phase: parse\n  type: SyntaxError";
        assert_eq!(
            run(parse, "$DONOTEVALUATE(); var = 1;", Mode::Sloppy),
            Outcome::Pass
        );
        assert!(matches!(
            run(parse, "$DONOTEVALUATE();", Mode::Sloppy),
            Outcome::Fail(_)
        ));
        let runtime = "negative:\n  phase: runtime\n  type: TypeError";
        assert_eq!(run(runtime, "null.x;", Mode::Sloppy), Outcome::Pass);
        assert!(matches!(
            run(runtime, "undefinedName;", Mode::Sloppy),
            Outcome::Fail(_)
        ));
        assert!(matches!(run(runtime, "1;", Mode::Sloppy), Outcome::Fail(_)));
        let resolution = "negative:\n  phase: resolution\n  type: SyntaxError\nflags: [module]";
        assert_eq!(
            run(
                resolution,
                "import { missing } from \"./t.js\";",
                Mode::Module
            ),
            Outcome::Pass
        );
        assert!(matches!(
            run(resolution, "export let x = 1;", Mode::Module),
            Outcome::Fail(_)
        ));
    }

    #[test]
    fn module_tests_run_as_modules() {
        let module = "flags: [module]";
        assert_eq!(
            run(
                module,
                "export let x = 1; assert(x === 1); assert(this === undefined);",
                Mode::Module
            ),
            Outcome::Pass
        );
        let async_module = "flags: [module, async]";
        assert_eq!(
            run(
                async_module,
                "await Promise.resolve(); $DONE();",
                Mode::Module
            ),
            Outcome::Pass
        );
    }

    #[test]
    fn async_tests_need_the_completion_line() {
        let yaml = "flags: [async]";
        assert_eq!(run(yaml, "$DONE();", Mode::Sloppy), Outcome::Pass);
        let failed = run(yaml, "$DONE(new Test262Error('bad'));", Mode::Sloppy);
        assert!(
            matches!(&failed, Outcome::Fail(m) if m.starts_with("Test262:AsyncTestFailure")),
            "{failed:?}"
        );
        let silent = run(yaml, "1;", Mode::Sloppy);
        assert!(
            matches!(&silent, Outcome::Fail(m) if m.contains("not printed")),
            "{silent:?}"
        );
    }

    #[test]
    fn hangs_end_with_the_time_limit() {
        let frontmatter = parse_yaml("description: x").expect("valid");
        let limits = Limits {
            timeout: Duration::from_millis(200),
            ..Limits::default()
        };
        let outcome = run_scenario(
            &harness(),
            "for (;;) {}",
            "t.js",
            &frontmatter,
            Mode::Sloppy,
            limits,
            None,
        );
        assert!(
            matches!(&outcome, Outcome::Fail(m) if m.starts_with("timeout")),
            "{outcome:?}"
        );
    }

    #[test]
    fn thrown_names() {
        assert_eq!(thrown_name("TypeError: x is not a function"), "TypeError");
        assert_eq!(thrown_name("Test262Error"), "Test262Error");
        assert_eq!(
            thrown_name("Test262Error\n    at f (t.js:1:2)"),
            "Test262Error"
        );
    }

    #[test]
    fn async_verdicts() {
        assert_eq!(async_verdict(&[ASYNC_COMPLETE.to_owned()]), Outcome::Pass);
        assert!(matches!(async_verdict(&[]), Outcome::Fail(_)));
        let both = [
            "Test262:AsyncTestFailure:x".to_owned(),
            ASYNC_COMPLETE.to_owned(),
        ];
        assert!(matches!(async_verdict(&both), Outcome::Fail(_)));
    }
}
