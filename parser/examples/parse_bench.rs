//! Times moat's lexer or lexer+parser on whole files, for `scripts/bench-parse-vs-acorn.sh`.
//!
//! Usage: `cargo run --release -p moat-parser --example parse_bench -- [--lex] [--module]
//! [--runs N] [--warmup N] FILE...`
//!
//! Each file is processed `warmup` times untimed, then `runs` times timed; one line per file
//! is printed, tab separated: file, bytes, median milliseconds, MB/s (1 MB = 10^6 bytes).
//! A file that fails prints `file<TAB>error<TAB>message` and the exit status is 1.
#![forbid(unsafe_code)]

// Only the lex-only driver is needed here; the source loaders serve the criterion bench.
#[allow(dead_code)]
#[path = "../benches/support/mod.rs"]
mod support;

use moat_lexer::Goal;

/// With `--features bench-mimalloc`, measure under mimalloc instead of the system allocator
/// (the parser allocates one box per node and identifier, so the allocator matters).
#[cfg(feature = "bench-mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;
use std::time::{Duration, Instant};

struct Options {
    lex_only: bool,
    goal: Goal,
    runs: usize,
    warmup: usize,
    files: Vec<String>,
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Options, String> {
    let mut opts = Options {
        lex_only: false,
        goal: Goal::Script,
        runs: 10,
        warmup: 2,
        files: Vec::new(),
    };
    let mut args = args;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lex" => opts.lex_only = true,
            "--module" => opts.goal = Goal::Module,
            "--runs" | "--warmup" => {
                let n = args
                    .next()
                    .and_then(|v| v.parse::<usize>().ok())
                    .ok_or_else(|| format!("{arg} needs a count"))?;
                if arg == "--runs" {
                    opts.runs = n.max(1);
                } else {
                    opts.warmup = n;
                }
            }
            _ if arg.starts_with("--") => return Err(format!("unknown option {arg}")),
            _ => opts.files.push(arg),
        }
    }
    if opts.files.is_empty() {
        return Err("no input files".into());
    }
    Ok(opts)
}

/// One lex or lex+parse pass; the AST is dropped inside the timed region, as its
/// deallocation is part of the cost of parsing.
fn run_once(source: &str, opts: &Options) -> Result<(), String> {
    if opts.lex_only {
        return support::lex_only::lex_all(source, opts.goal)
            .map(|_| ())
            .map_err(|e| format!("{}..{}: {e}", e.span.start, e.span.end));
    }
    let options = moat_parser::ParseOptions::default();
    let result = match opts.goal {
        Goal::Script => moat_parser::parse_script(source, options).map(drop),
        Goal::Module => moat_parser::parse_module(source, options).map(drop),
    };
    result.map_err(|e| e.to_string())
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort_unstable();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn bench_file(path: &str, opts: &Options) -> Result<(usize, Duration), String> {
    let source = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    for _ in 0..opts.warmup {
        run_once(&source, opts)?;
    }
    let mut times = Vec::with_capacity(opts.runs);
    for _ in 0..opts.runs {
        let start = Instant::now();
        run_once(&source, opts)?;
        times.push(start.elapsed());
    }
    Ok((source.len(), median(times)))
}

fn main() -> ExitCode {
    let opts = match parse_args(std::env::args().skip(1)) {
        Ok(opts) => opts,
        Err(msg) => {
            eprintln!("parse_bench: {msg}");
            eprintln!("usage: parse_bench [--lex] [--module] [--runs N] [--warmup N] FILE...");
            return ExitCode::from(2);
        }
    };
    let mut status = ExitCode::SUCCESS;
    for file in &opts.files {
        match bench_file(file, &opts) {
            Ok((bytes, time)) => {
                let secs = time.as_secs_f64();
                let mbps = if secs > 0.0 {
                    bytes as f64 / 1e6 / secs
                } else {
                    0.0
                };
                println!("{file}\t{bytes}\t{:.3}\t{mbps:.1}", secs * 1e3);
            }
            Err(msg) => {
                println!("{file}\terror\t{msg}");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Result<Options, String> {
        parse_args(list.iter().map(|s| s.to_string()))
    }

    #[test]
    fn options_are_read() {
        let o = args(&["--lex", "--module", "--runs", "5", "--warmup", "0", "a.js"]);
        assert!(
            matches!(o, Ok(ref o) if o.lex_only && o.goal == Goal::Module
            && o.runs == 5 && o.warmup == 0 && o.files == ["a.js"])
        );
    }

    #[test]
    fn bad_options_are_errors() {
        assert!(args(&[]).is_err());
        assert!(args(&["--runs", "x", "a.js"]).is_err());
        assert!(args(&["--bogus", "a.js"]).is_err());
    }

    #[test]
    fn median_is_middle_value() {
        let ms = |n| Duration::from_millis(n);
        assert_eq!(median(vec![ms(5), ms(1), ms(3)]), ms(3));
        assert_eq!(median(Vec::new()), Duration::ZERO);
    }
}
