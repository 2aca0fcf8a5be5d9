//! Timing one benchmark file under QuickJS: every run gets a fresh runtime and context, so
//! runs share no heap, no shapes and no inline caches.

use std::time::Instant;

use rquickjs::context::EvalOptions;
use rquickjs::{CaughtError, Coerced, Context, Runtime, Value};

/// QuickJS stack limit for a run; the same as the `qjs` shell's default, so programs that
/// recurse as deep as they would there do not fail here.
const MAX_STACK_BYTES: usize = 1024 * 1024;

/// What one successful run produced.
#[derive(Debug, PartialEq)]
pub struct Run {
    /// Wall time of creating the runtime and context, evaluating the script and dropping both.
    pub elapsed_ms: f64,
    /// The script's completion value converted to a string (the benchmarks end with their
    /// checksum as an expression statement).
    pub completion: String,
}

/// Evaluates `source` as a classic (sloppy-mode, global) script named `name` in a fresh
/// runtime and context and times it. A thrown exception becomes `Err` with its message and
/// stack; so do failures to set QuickJS up.
pub fn run_once(name: &str, source: &str) -> Result<Run, String> {
    let start = Instant::now();
    let runtime = Runtime::new().map_err(|e| format!("cannot create a QuickJS runtime: {e}"))?;
    runtime.set_max_stack_size(MAX_STACK_BYTES);
    let context =
        Context::full(&runtime).map_err(|e| format!("cannot create a QuickJS context: {e}"))?;
    let completion = context.with(|ctx| {
        let mut options = EvalOptions::default();
        // rquickjs defaults to strict mode; node and moat run a file as a sloppy script.
        options.strict = false;
        options.filename = Some(name.to_owned());
        match ctx.eval_with_options::<Value, _>(source, options) {
            Ok(value) => Ok(describe(value)),
            Err(error) => Err(describe_error(CaughtError::from_error(&ctx, error))),
        }
    });
    drop(context);
    drop(runtime);
    let elapsed_ms = start.elapsed().as_secs_f64() * 1000.0;
    completion.map(|completion| Run {
        elapsed_ms,
        completion,
    })
}

/// "Name: message" plus the stack for a thrown Error (rquickjs's own formatting drops the
/// name, which is what tells a RangeError from a SyntaxError); `String(value)` for other
/// thrown values; the Rust error otherwise.
fn describe_error(caught: CaughtError<'_>) -> String {
    match caught {
        CaughtError::Exception(exception) => {
            let name: String = exception
                .as_object()
                .get::<_, Coerced<String>>("name")
                .map_or_else(|_| "Error".to_owned(), |Coerced(name)| name);
            let message = exception.message().unwrap_or_default();
            let stack = exception.stack().unwrap_or_default();
            format!("{name}: {message}\n{stack}").trim_end().to_owned()
        }
        CaughtError::Value(value) => format!("uncaught {}", describe(value)),
        CaughtError::Error(error) => error.to_string(),
    }
}

/// The completion value as JavaScript's `String(value)` would give it.
fn describe(value: Value<'_>) -> String {
    match value.get::<Coerced<String>>() {
        Ok(Coerced(s)) => s,
        Err(_) => "<completion value not convertible to a string>".to_owned(),
    }
}

/// Runs `source` `runs` times and returns the wall times in milliseconds and the completion
/// value of the last run; stops at the first failing run.
pub fn run_many(name: &str, source: &str, runs: usize) -> Result<(Vec<f64>, String), String> {
    let mut times = Vec::with_capacity(runs);
    let mut completion = String::new();
    for _ in 0..runs {
        let run = run_once(name, source)?;
        times.push(run.elapsed_ms);
        completion = run.completion;
    }
    Ok((times, completion))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn returns_the_completion_value() {
        let run = run_once("t.js", "var result = 6 * 7; result;");
        assert_eq!(run.map(|r| r.completion), Ok("42".to_owned()));
    }

    #[test]
    fn runs_as_a_sloppy_script() {
        // Assigning to an undeclared name throws only in strict mode.
        let run = run_once("t.js", "undeclared = 1; typeof undeclared");
        assert_eq!(run.map(|r| r.completion), Ok("number".to_owned()));
    }

    #[test]
    fn reports_a_thrown_error() {
        let run = run_once("t.js", "throw new Error('checksum mismatch')");
        let error = run.err().unwrap_or_default();
        assert!(error.contains("checksum mismatch"), "got {error:?}");
    }

    #[test]
    fn reports_a_thrown_non_error_and_a_syntax_error() {
        assert_eq!(run_once("t.js", "throw 3"), Err("uncaught 3".to_owned()));
        let error = run_once("t.js", "let let = 1;").err().unwrap_or_default();
        assert!(error.contains("SyntaxError"), "got {error:?}");
    }

    #[test]
    fn runs_do_not_share_globals() {
        let first = run_many("t.js", "var seen = typeof seen; seen", 2);
        assert_eq!(
            first.map(|(t, c)| (t.len(), c)),
            Ok((2, "undefined".to_owned()))
        );
    }

    #[test]
    fn deep_recursion_is_a_clean_error() {
        let run = run_once("t.js", "function f(n) { return f(n + 1) + 1; } f(0)");
        let error = run.err().unwrap_or_default();
        assert!(error.contains("RangeError"), "got {error:?}");
    }
}
