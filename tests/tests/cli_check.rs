//! `moat --check`: exit codes and diagnostics of the command line, run
//! in-process through `moat::cli::run` on files written to a scratch
//! directory.

use std::path::PathBuf;

/// The outcome of one CLI invocation.
struct Outcome {
    code: i32,
    stdout: String,
    stderr: String,
}

fn moat(args: &[&str]) -> Outcome {
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let argv = std::iter::once("moat").chain(args.iter().copied());
    let code = moat::cli::run(argv, &mut stdout, &mut stderr);
    Outcome {
        code,
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

/// Writes `source` to a file unique to this test process and returns its path.
fn js_file(name: &str, source: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("cli-check-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    let path = dir.join(name);
    std::fs::write(&path, source).expect("write scratch file");
    path.to_string_lossy().into_owned()
}

#[test]
fn valid_files_are_silent() {
    let script = js_file("ok.js", "var a = 1;\nfunction f(x) { return x + a; }\n");
    let module = js_file("ok.mjs", "export const b = 2;\nimport x from './y.js';\n");
    let result = moat(&["--check", &script, &module]);
    assert_eq!(result.code, 0, "stderr: {}", result.stderr);
    assert_eq!(result.stderr, "");
    assert_eq!(result.stdout, "");
}

#[test]
fn syntax_error_is_reported_with_position() {
    let file = js_file("bad.js", "var ok = 1;\nvar = 2;\n");
    let result = moat(&["--check", &file]);
    assert_eq!(result.code, 1);
    let prefix = format!("{file}:2:");
    assert!(
        result.stderr.starts_with(&prefix),
        "stderr: {}",
        result.stderr
    );
    assert!(
        result.stderr.contains(": SyntaxError: "),
        "stderr: {}",
        result.stderr
    );
    assert_eq!(
        result.stderr.lines().count(),
        1,
        "stderr: {}",
        result.stderr
    );
}

#[test]
fn every_bad_file_is_reported() {
    let good = js_file("good2.js", "1 + 1;\n");
    let bad1 = js_file("bad1.js", "(\n");
    let bad2 = js_file("bad2.js", "}\n");
    let result = moat(&["--check", &bad1, &good, &bad2]);
    assert_eq!(result.code, 1);
    assert_eq!(
        result.stderr.lines().count(),
        2,
        "stderr: {}",
        result.stderr
    );
    assert!(result.stderr.contains(&format!("{bad1}:")));
    assert!(result.stderr.contains(&format!("{bad2}:")));
}

#[test]
fn module_goal_by_extension_or_flag() {
    let source = "export default 1;\n";
    let as_script = js_file("export.js", source);
    assert_eq!(moat(&["--check", &as_script]).code, 1);
    assert_eq!(moat(&["--check", "--module", &as_script]).code, 0);
    let by_name = js_file("export.module.js", source);
    assert_eq!(moat(&["--check", &by_name]).code, 0);
    let by_ext = js_file("export.mjs", source);
    assert_eq!(moat(&["--check", &by_ext]).code, 0);
}

#[test]
fn missing_file_fails() {
    let result = moat(&["--check", "/nonexistent/moat/none.js"]);
    assert_eq!(result.code, 1);
    assert!(
        result
            .stderr
            .contains("cannot read /nonexistent/moat/none.js"),
        "{}",
        result.stderr
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(moat(&["--check"]).code, 2);
    assert_eq!(moat(&["--no-such-flag", "a.js"]).code, 2);
    let help = moat(&["--help"]);
    assert_eq!(help.code, 0);
    assert!(help.stdout.contains("--check"), "{}", help.stdout);
}
