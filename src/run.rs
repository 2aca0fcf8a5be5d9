//! Running scripts from the command line: one context for the whole invocation, `print` and
//! `console` on stdout and stderr, limits from the flags, and the exit code of the outcome.

use moat_vm::host262::PrintSink;
use moat_vm::{Context, ContextOptions, RunError};
use std::io::Write;
use std::time::Duration;

/// Exit code of an uncaught exception or a script that does not compile.
pub const EXIT_ERROR: i32 = 1;
/// Exit code of a run ended by a limit (or bad usage).
pub const EXIT_LIMIT: i32 = 2;

/// A script or module to run: its name (for messages; a module's path) and text.
pub struct Script {
    pub name: String,
    pub source: String,
    /// Run as a module: `import` resolves relative to `name`.
    pub module: bool,
}

/// Limits from the command line.
#[derive(Clone, Copy, Debug, Default)]
pub struct Limits {
    pub timeout: Option<Duration>,
    pub heap_limit: Option<usize>,
}

/// Parses a byte count with an optional binary suffix: `1048576`, `512K`, `64M`, `2G`.
pub fn parse_bytes(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let (digits, scale) = match text.char_indices().last() {
        Some((i, 'K' | 'k')) => (text.get(..i).unwrap_or(""), 1usize << 10),
        Some((i, 'M' | 'm')) => (text.get(..i).unwrap_or(""), 1 << 20),
        Some((i, 'G' | 'g')) => (text.get(..i).unwrap_or(""), 1 << 30),
        _ => (text, 1),
    };
    let n: usize = digits
        .parse()
        .map_err(|_| format!("invalid byte count {text:?} (digits with an optional K, M or G)"))?;
    n.checked_mul(scale)
        .ok_or_else(|| format!("byte count {text:?} is too large"))
}

/// A context with the command line's limits and `print`/`console` collected for the host.
pub fn new_context(limits: Limits) -> Context {
    let mut options = ContextOptions {
        timeout: limits.timeout,
        ..ContextOptions::default()
    };
    if let Some(bytes) = limits.heap_limit {
        options.heap_limit = bytes;
    }
    let mut cx = Context::new(options);
    cx.install_print(PrintSink::Buffer);
    cx
}

/// Runs `scripts` in order in one context; returns the exit code.
pub fn run_scripts(
    scripts: &[Script],
    limits: Limits,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let mut cx = new_context(limits);
    cx.set_module_loader(std::rc::Rc::new(
        moat_vm::module::loader::FsLoader::default(),
    ));
    for script in scripts {
        if script.module {
            let result = cx.eval_module_source(&script.name, &script.source);
            flush_output(&mut cx, stdout, stderr);
            if let Err(e) = result {
                if let RunError::Compile(m) = &e {
                    let _ = writeln!(stderr, "{}: {m}", script.name);
                    return EXIT_ERROR;
                }
                return report(&e, limits, stderr);
            }
            continue;
        }
        let code = match moat_vm::context::compile_script_source(&script.source, &script.name) {
            Ok(code) => code,
            Err(e) => {
                let _ = writeln!(stderr, "{}: {e}", script.name);
                return EXIT_ERROR;
            }
        };
        let result = cx.eval_code(code).and_then(|_| cx.run_jobs());
        flush_output(&mut cx, stdout, stderr);
        if let Err(e) = result {
            return report(&e, limits, stderr);
        }
    }
    0
}

/// Prints why the run ended and returns its exit code.
fn report(error: &RunError, limits: Limits, stderr: &mut dyn Write) -> i32 {
    let code = match error {
        RunError::Thrown(_) | RunError::Compile(_) => EXIT_ERROR,
        _ => EXIT_LIMIT,
    };
    let _ = writeln!(stderr, "{}", limit_message(error, limits));
    code
}

/// The message for a run that ended in `error`.
pub fn limit_message(error: &RunError, limits: Limits) -> String {
    match error {
        RunError::Thrown(description) => description.clone(),
        RunError::Compile(message) => message.clone(),
        RunError::Timeout => {
            let ms = limits.timeout.map_or(0, |t| t.as_millis());
            format!("moat: timeout: the script ran longer than {ms} ms")
        }
        RunError::HeapLimit => {
            let bytes = limits
                .heap_limit
                .unwrap_or(ContextOptions::default().heap_limit);
            format!("moat: heap limit: the script needed more than {bytes} bytes")
        }
        other => format!("moat: {other}"),
    }
}

/// Writes what `console` and `print` collected to the two streams.
fn flush_output(cx: &mut Context, stdout: &mut dyn Write, stderr: &mut dyn Write) {
    for line in cx.take_output() {
        let _ = writeln!(stdout, "{line}");
    }
    for line in cx.take_error_output() {
        let _ = writeln!(stderr, "{line}");
    }
}

#[cfg(test)]
mod tests {
    use super::parse_bytes;

    #[test]
    fn byte_counts() {
        assert_eq!(parse_bytes("123"), Ok(123));
        assert_eq!(parse_bytes("2K"), Ok(2048));
        assert_eq!(parse_bytes("3m"), Ok(3 << 20));
        assert_eq!(parse_bytes("1G"), Ok(1 << 30));
        assert!(parse_bytes("").is_err());
        assert!(parse_bytes("K").is_err());
        assert!(parse_bytes("12X").is_err());
        assert!(parse_bytes("-1").is_err());
        assert!(parse_bytes("99999999999999999999G").is_err());
    }
}
