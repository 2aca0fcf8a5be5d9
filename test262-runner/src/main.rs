#![forbid(unsafe_code)]
//! `moat-test262`: runs test262 (and test262-parser-tests) against moat and
//! compares the failures with the committed expectations.
//!
//! Exit codes: 0 success, 1 the run differs from the expectations
//! (`--check`), 2 bad usage or a missing/unreadable suite.

use clap::{Parser, ValueEnum};
use moat_test262::discover::{self, Roots, DEFAULT_PREFIXES};
use moat_test262::exclusions::Exclusions;
use moat_test262::expectations::{CheckId, Expectations};
use moat_test262::features::Proposals;
use moat_test262::parse_mode::{self, Context, Goal, Outcome, SyntaxChecker};
use moat_test262::report::Report;
use moat_test262::run_exclusions::RunExclusions;
use moat_test262::run_mode::{self, Harness, Limits, RunContext};
use moat_test262::scenario::Mode;
use std::collections::{BTreeSet, HashMap};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

/// What run mode runs by default: test262's tests (harness files and parser tests are
/// parse-mode material).
const RUN_PREFIXES: [&str; 3] = ["test/language", "test/built-ins", "test/annexB"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum RunMode {
    /// Parse every scenario; nothing is evaluated.
    Parse,
    /// Evaluate every scenario in a fresh VM context.
    Run,
}

/// Runs test262 against moat.
#[derive(Debug, Parser)]
#[command(name = "moat-test262", version)]
struct Args {
    /// What to do with each test.
    #[arg(long, value_enum, default_value_t = RunMode::Parse)]
    mode: RunMode,
    /// The test262 checkout (default: ../shared/test262, then the one next
    /// to the workspace).
    #[arg(long, value_name = "DIR")]
    test262: Option<PathBuf>,
    /// The test262-parser-tests checkout (default: next to the test262 one).
    #[arg(long, value_name = "DIR")]
    parser_tests: Option<PathBuf>,
    /// Write a JSON report to FILE.
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Exit 1 unless the failures are exactly those listed in the
    /// expectations file (within the prefixes run).
    #[arg(long, conflicts_with = "update")]
    check: bool,
    /// Rewrite the expectations file from this run (entries outside the
    /// prefixes run are kept).
    #[arg(long)]
    update: bool,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    threads: Option<u16>,
    /// The known-failures file (default: test262-runner/expectations/<mode>.txt:
    /// parse.txt or run.txt).
    #[arg(long, value_name = "FILE")]
    expectations: Option<PathBuf>,
    /// Run mode: seconds each evaluation may take.
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    timeout: u64,
    /// The exclusions file (default: test262-runner/exclusions.txt, in run mode
    /// test262-runner/exclusions-run.txt).
    #[arg(long, value_name = "FILE")]
    exclusions: Option<PathBuf>,
    /// Print every failing check with its reason.
    #[arg(short, long)]
    verbose: bool,
    /// Run only paths starting with these (e.g. test/language/expressions,
    /// harness, parser-tests/fail). Default: test/language, test/built-ins,
    /// test/annexB, harness, parser-tests.
    #[arg(value_name = "PATH_PREFIX")]
    prefixes: Vec<String>,
}

/// moat-parser, as the runner sees it.
struct MoatParser;

impl SyntaxChecker for MoatParser {
    fn check(&self, source: &str, goal: Goal) -> Result<(), String> {
        let options = moat_parser::ParseOptions::default();
        match goal {
            Goal::Script => moat_parser::parse_script(source, options).map(drop),
            Goal::Module => moat_parser::parse_module(source, options).map(drop),
        }
        .map_err(|error| error.to_string())
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("moat-test262: {message}");
            ExitCode::from(2)
        }
    }
}

/// The test262 checkout: the flag, else `../shared/test262` from the
/// current directory, else the one next to this workspace.
fn test262_dir(args: &Args) -> Result<PathBuf, String> {
    if let Some(dir) = &args.test262 {
        return existing_dir(dir, "--test262");
    }
    let relative = PathBuf::from("../shared/test262");
    if relative.is_dir() {
        return Ok(relative);
    }
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/test262");
    if beside.is_dir() {
        return Ok(beside);
    }
    Err(
        "test262 not found at ../shared/test262; clone tc39/test262 and pass --test262 DIR"
            .to_owned(),
    )
}

fn existing_dir(dir: &Path, what: &str) -> Result<PathBuf, String> {
    if dir.is_dir() {
        Ok(dir.to_path_buf())
    } else {
        Err(format!("{what} {}: not a directory", dir.display()))
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn run(args: &Args) -> Result<ExitCode, String> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let test262 = test262_dir(args)?;
    let parser_tests = match &args.parser_tests {
        Some(dir) => existing_dir(dir, "--parser-tests")?,
        None => test262.join("../test262-parser-tests"),
    };
    let prefixes: Vec<String> = if args.prefixes.is_empty() {
        let defaults: &[&str] = match args.mode {
            RunMode::Parse => &DEFAULT_PREFIXES,
            RunMode::Run => &RUN_PREFIXES,
        };
        defaults.iter().map(|p| (*p).to_owned()).collect()
    } else {
        args.prefixes
            .iter()
            .map(|p| p.trim_start_matches("./").to_owned())
            .collect()
    };
    if prefixes
        .iter()
        .any(|p| p.starts_with("parser-tests") || "parser-tests".starts_with(p.as_str()))
        && !parser_tests.is_dir()
    {
        return Err(format!(
            "test262-parser-tests not found at {}; pass --parser-tests DIR or only test/ and harness prefixes",
            parser_tests.display()
        ));
    }

    let proposals = Proposals::from_features_txt(&read(&test262.join("features.txt"))?)?;
    let expectations_file = args.expectations.clone().unwrap_or_else(|| {
        manifest_dir.join(match args.mode {
            RunMode::Parse => "expectations/parse.txt",
            RunMode::Run => "expectations/run.txt",
        })
    });
    let expectations = if expectations_file.exists() || args.check {
        Expectations::parse(&read(&expectations_file)?)?
    } else {
        Expectations::default()
    };

    let roots = Roots {
        test262,
        parser_tests,
    };
    let items = discover::discover(&roots, &prefixes).map_err(|e| format!("listing tests: {e}"))?;
    if items.is_empty() {
        return Err(format!("no tests match {}", prefixes.join(" ")));
    }
    let progress = std::io::stderr().is_terminal();
    let threads = args.threads.map(usize::from);
    let results = match args.mode {
        RunMode::Parse => {
            let exclusions_file = args
                .exclusions
                .clone()
                .unwrap_or_else(|| manifest_dir.join("exclusions.txt"));
            let exclusions = Exclusions::parse(&read(&exclusions_file)?)?;
            let context = Context {
                checker: &MoatParser,
                proposals: &proposals,
                exclusions: &exclusions,
            };
            parse_mode::run(&items, &context, threads, progress)?
        }
        RunMode::Run => {
            let exclusions_file = args
                .exclusions
                .clone()
                .unwrap_or_else(|| manifest_dir.join("exclusions-run.txt"));
            let exclusions = RunExclusions::parse(&read(&exclusions_file)?)?;
            let harness = Harness::load(&roots.test262.join("harness"))?;
            let context = RunContext {
                harness: &harness,
                proposals: &proposals,
                exclusions: &exclusions,
                limits: Limits {
                    timeout: Duration::from_secs(args.timeout),
                    ..Limits::default()
                },
            };
            run_mode::run(&items, &context, threads, progress)?
        }
    };
    let report = Report::from_results(&results);

    print!("{}", report.table());
    if args.verbose {
        for failure in &report.failures {
            println!("FAIL {} {}: {}", failure.path, failure.mode, failure.reason);
        }
    }
    if let Some(json) = &args.json {
        let text = report.to_json().map_err(|e| format!("JSON report: {e}"))?;
        std::fs::write(json, text + "\n").map_err(|e| format!("{}: {e}", json.display()))?;
    }

    let failing: BTreeSet<CheckId> = results
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Fail(_)))
        .map(|r| (r.path.clone(), r.mode))
        .collect();
    let in_scope = |path: &str| discover::in_scope(path, &prefixes);
    let mut code = ExitCode::SUCCESS;
    if args.update {
        let updated = expectations.updated(&failing, in_scope);
        std::fs::write(&expectations_file, updated.render())
            .map_err(|e| format!("{}: {e}", expectations_file.display()))?;
        eprintln!(
            "wrote {} entries to {}",
            updated.failing.len(),
            expectations_file.display()
        );
    } else if args.check {
        let diff = expectations.diff(&failing, in_scope);
        let reasons: HashMap<(&str, Mode), &str> = results
            .iter()
            .filter_map(|r| match &r.outcome {
                Outcome::Fail(reason) => Some(((r.path.as_str(), r.mode), reason.as_str())),
                _ => None,
            })
            .collect();
        let reason = |check: &CheckId| {
            reasons
                .get(&(check.0.as_str(), check.1))
                .copied()
                .unwrap_or("")
        };
        for check in &diff.unexpected_failures {
            eprintln!(
                "unexpected failure: {} {}: {}",
                check.0,
                check.1,
                reason(check)
            );
        }
        for check in &diff.stale {
            eprintln!("now passing, remove from the list: {} {}", check.0, check.1);
        }
        if !diff.is_clean() {
            eprintln!(
                "check failed: {} unexpected failures, {} stale entries in {} (fix them or run with --update)",
                diff.unexpected_failures.len(),
                diff.stale.len(),
                expectations_file.display()
            );
            code = ExitCode::from(1);
        }
    }
    println!("{}", report.summary_line());
    Ok(code)
}
