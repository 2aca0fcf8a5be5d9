#![forbid(unsafe_code)]
//! `bench-compare FILE...`: prints each file's median QuickJS wall time as a JSON line.

use std::io::Write;
use std::process::ExitCode;

use bench_compare::args::{self, Command};
use bench_compare::json::Record;
use bench_compare::{runner, stats};

fn main() -> ExitCode {
    let (runs, files) = match args::parse(std::env::args().skip(1)) {
        Ok(Command::Run { runs, files }) => (runs, files),
        Ok(Command::Help) => {
            println!("{}", args::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("bench-compare: {message}\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    let mut failed = 0usize;
    let stdout = std::io::stdout();
    for file in &files {
        let outcome = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {file}: {e}"))
            .and_then(|source| runner::run_many(file, &source, runs));
        let line = match &outcome {
            Ok((times, result)) => match stats::median(times) {
                Some(median_ms) => Record::Timed {
                    file,
                    median_ms,
                    result,
                }
                .to_json_line(),
                None => Record::Failed {
                    file,
                    error: "no runs",
                }
                .to_json_line(),
            },
            Err(error) => {
                failed += 1;
                eprintln!("bench-compare: {file}: {error}");
                Record::Failed { file, error }.to_json_line()
            }
        };
        let mut out = stdout.lock();
        // Lines go out as soon as a file is done, so a caller can stream them.
        if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
            return ExitCode::from(2);
        }
    }
    eprintln!(
        "bench-compare: {} ok, {failed} failed",
        files.len() - failed
    );
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
