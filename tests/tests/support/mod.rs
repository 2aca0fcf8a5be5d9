//! Helpers shared by the integration tests: contexts with test limits, small-stack threads, and
//! running a test body in a child process so that a Rust stack overflow (which aborts the whole
//! process) fails only that test instead of taking the test binary down.
#![allow(dead_code)]

use std::process::Command;
use std::time::Duration;

use moat_vm::{Context, ContextOptions, HostValue, RunError};

pub const MIB: usize = 1 << 20;

/// The name the guest scripts run under; error texts may mention it and nothing of the host.
pub const GUEST_FILE: &str = "guest.js";

/// A generous wall-clock guard: a test that would hang fails with `Timeout` instead.
pub const HANG_GUARD: Duration = Duration::from_secs(120);

/// A context with `heap_limit` bytes and the hang guard as its deadline.
pub fn context(heap_limit: usize) -> Context {
    Context::new(ContextOptions {
        heap_limit,
        timeout: Some(HANG_GUARD),
        ..ContextOptions::default()
    })
}

/// A context with the default limits, plus the hang guard as its deadline.
pub fn default_context() -> Context {
    Context::new(ContextOptions {
        timeout: Some(HANG_GUARD),
        ..ContextOptions::default()
    })
}

pub fn eval(cx: &mut Context, src: &str) -> Result<HostValue, RunError> {
    cx.eval_script(src, GUEST_FILE)
}

/// Evaluates `src`, failing the test with the error if it does not complete normally.
pub fn eval_ok(cx: &mut Context, src: &str) -> HostValue {
    match eval(cx, src) {
        Ok(v) => v,
        Err(e) => panic!("script failed: {e:?}\nsource: {}", excerpt(src)),
    }
}

/// Asserts `src` evaluates to `true`.
pub fn assert_true(cx: &mut Context, src: &str) {
    assert_eq!(
        eval_ok(cx, src),
        HostValue::Bool(true),
        "source: {}",
        excerpt(src)
    );
}

/// The context still evaluates ordinary code.
pub fn assert_usable(cx: &mut Context) {
    assert_eq!(
        eval(cx, "1 + 1"),
        Ok(HostValue::Number(2.0)),
        "context unusable afterwards"
    );
}

pub fn is_thrown(r: &Result<HostValue, RunError>, name: &str) -> bool {
    matches!(r, Err(RunError::Thrown(s)) if s.starts_with(&format!("{name}:")) || s == name)
}

pub fn is_compile_syntax_error(r: &Result<HostValue, RunError>) -> bool {
    matches!(r, Err(RunError::Compile(s)) if s.starts_with("SyntaxError"))
}

/// The first 120 characters of a (possibly huge) source, for messages.
pub fn excerpt(src: &str) -> String {
    src.chars().take(120).collect()
}

/// Runs `f` on a fresh thread with a 2 MiB stack (the size of a default spawned thread and less
/// than a main thread), propagating its panic.
pub fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let handle = std::thread::Builder::new()
        .name("small-stack".into())
        .stack_size(2 * MIB)
        .spawn(f)
        .unwrap_or_else(|e| panic!("spawn: {e}"));
    match handle.join() {
        Ok(v) => v,
        Err(p) => std::panic::resume_unwind(p),
    }
}

const ISOLATED_VAR: &str = "MOAT_TESTS_ISOLATED";

/// Runs `body` (on a 2 MiB stack) in a child process re-running just the test `name` of this
/// test binary, and fails if the child dies (a stack overflow aborts the process), fails, or
/// did not run the test.
pub fn isolated(name: &str, body: impl FnOnce() + Send + 'static) {
    if std::env::var(ISOLATED_VAR).as_deref() == Ok(name) {
        on_small_stack(body);
        return;
    }
    let exe = std::env::current_exe().unwrap_or_else(|e| panic!("current_exe: {e}"));
    let out = Command::new(exe)
        .args([
            name,
            "--exact",
            "--nocapture",
            "--test-threads=1",
            "--include-ignored",
        ])
        .env(ISOLATED_VAR, name)
        .output()
        .unwrap_or_else(|e| panic!("spawn child: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "isolated test {name} failed ({}):\n--- stdout\n{stdout}\n--- stderr\n{stderr}",
        out.status
    );
    assert!(
        stdout.contains("1 passed"),
        "isolated test {name} did not run:\n{stdout}"
    );
}
