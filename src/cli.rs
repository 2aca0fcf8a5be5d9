//! The `moat` command line: arguments, dispatch and exit codes.
//!
//! Exit codes: 0 success, 1 a file did not parse (or could not be read) or
//! a script threw an uncaught exception, 2 bad usage, a limit that ended the
//! run, or a feature that does not exist yet.

use crate::check;
use crate::run::{self, Limits, Script};
use clap::Parser;
use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::time::Duration;

/// A JavaScript engine whose contexts cannot be escaped.
#[derive(Debug, Parser)]
#[command(name = "moat", version)]
struct Args {
    /// Only parse the files and report syntax errors (like `node --check`).
    #[arg(long)]
    check: bool,
    /// Parse every file as a module (default: only `.mjs` and `.module.js`).
    #[arg(long)]
    module: bool,
    /// Print the bytecode of every function of each file instead of running it.
    #[arg(long)]
    disasm: bool,
    /// Run CODE as a script (before any files).
    #[arg(short = 'e', long = "eval", value_name = "CODE")]
    eval: Option<String>,
    /// End the run after MS milliseconds (exit code 2).
    #[arg(long, value_name = "MS")]
    timeout: Option<u64>,
    /// The most bytes the heap may hold, with an optional K, M or G suffix (exit code 2 when
    /// exceeded).
    #[arg(long, value_name = "BYTES", value_parser = run::parse_bytes)]
    heap_limit: Option<usize>,
    /// The JavaScript files (`-` for standard input). With none and no `-e`: the REPL on a
    /// terminal, else standard input as a script.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

/// Runs the CLI with `args` (the first being the program name) and returns
/// the process exit code. Standard input is the process's: the REPL runs when it is a
/// terminal and no file or `-e` is given.
pub fn run<I, T>(args: I, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let stdin = std::io::stdin();
    let terminal = stdin.is_terminal();
    run_with_stdin(args, &mut stdin.lock(), terminal, stdout, stderr)
}

/// [`run`] with `stdin` as standard input (`terminal`: whether it is one, for the REPL).
pub fn run_with_stdin<I, T>(
    args: I,
    stdin: &mut dyn Read,
    terminal: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args = match Args::try_parse_from(args) {
        Ok(args) => args,
        Err(error) => {
            // Help and version go to stdout, usage errors to stderr.
            let rendered = error.render();
            let _ = if error.use_stderr() {
                write!(stderr, "{rendered}")
            } else {
                write!(stdout, "{rendered}")
            };
            return error.exit_code();
        }
    };
    if args.disasm {
        return disasm_files(&args.files, args.module, stdout, stderr);
    }
    if args.check && args.files.is_empty() {
        let _ = writeln!(stderr, "moat: --check needs at least one FILE");
        return run::EXIT_LIMIT;
    }
    if !args.check {
        if args.files.is_empty() && args.eval.is_none() && terminal {
            let limits = Limits {
                timeout: args.timeout.map(Duration::from_millis),
                heap_limit: args.heap_limit,
            };
            return crate::repl::run(limits, stdout, stderr);
        }
        return run_files(&args, stdin, stdout, stderr);
    }
    if check::check_files(&args.files, args.module, stderr) {
        0
    } else {
        1
    }
}

/// Runs `-e` code and the files (scripts, or modules whose imports resolve relative to the
/// file) in one context; with neither, standard input as a script named `[stdin]` (`-` as a
/// file name reads it too).
fn run_files(
    args: &Args,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let is_module = |name: &str| name.ends_with(".mjs") || name.ends_with(".module.js");
    let mut scripts = Vec::new();
    if let Some(code) = &args.eval {
        scripts.push(Script {
            name: "<eval>".to_owned(),
            source: code.clone(),
            module: false,
        });
    }
    let stdin_path = PathBuf::from("-");
    let from_stdin = args.files.is_empty() && args.eval.is_none();
    let files: &[PathBuf] = if from_stdin {
        std::slice::from_ref(&stdin_path)
    } else {
        &args.files
    };
    for path in files {
        let name = path.display().to_string();
        let module = args.module || is_module(&name);
        let read = if name == "-" {
            let mut text = String::new();
            stdin.read_to_string(&mut text).map(|_| text)
        } else {
            std::fs::read_to_string(path)
        };
        let name = if name == "-" {
            "[stdin]".to_owned()
        } else {
            name
        };
        match read {
            Ok(source) => scripts.push(Script {
                name,
                source,
                module,
            }),
            Err(e) => {
                let _ = writeln!(stderr, "{name}: {e}");
                return run::EXIT_ERROR;
            }
        }
    }
    let limits = Limits {
        timeout: args.timeout.map(Duration::from_millis),
        heap_limit: args.heap_limit,
    };
    run::run_scripts(&scripts, limits, stdout, stderr)
}

/// `--disasm`: compiles each file and prints its disassembly; exit code 1 when a file does
/// not read, parse or compile.
fn disasm_files(
    files: &[PathBuf],
    force_module: bool,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let mut code = 0;
    for path in files {
        let name = path.display().to_string();
        let source = match std::fs::read_to_string(path) {
            Ok(s) => s,
            Err(e) => {
                let _ = writeln!(stderr, "{name}: {e}");
                code = 1;
                continue;
            }
        };
        let is_module = force_module || name.ends_with(".mjs") || name.ends_with(".module.js");
        let options = moat_parser::ParseOptions::default();
        let compiled = if is_module {
            moat_parser::parse_module(&source, options)
                .map_err(|e| e.to_string())
                .and_then(|m| {
                    moat_bytecode::compile_module(&m, &source, &name).map_err(|e| e.to_string())
                })
        } else {
            moat_parser::parse_script(&source, options)
                .map_err(|e| e.to_string())
                .and_then(|s| {
                    moat_bytecode::compile_script(&s, &source, &name).map_err(|e| e.to_string())
                })
        };
        match compiled {
            Ok(block) => {
                let _ = write!(stdout, "{}", moat_bytecode::disassemble(&block));
            }
            Err(e) => {
                let _ = writeln!(stderr, "{name}: {e}");
                code = 1;
            }
        }
    }
    code
}
