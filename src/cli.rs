//! The `moat` command line: arguments, dispatch and exit codes.
//!
//! Exit codes: 0 success, 1 a file did not parse (or could not be read),
//! 2 bad usage or a feature that does not exist yet.

use crate::check;
use clap::Parser;
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

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
    /// The JavaScript files.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,
}

/// Runs the CLI with `args` (the first being the program name) and returns
/// the process exit code.
pub fn run<I, T>(args: I, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32
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
    if !args.check {
        let _ = writeln!(
            stderr,
            "moat: running scripts needs the VM (not built yet); use --check"
        );
        return 2;
    }
    if check::check_files(&args.files, args.module, stderr) {
        0
    } else {
        1
    }
}
