//! `moat FILE.js` and `moat -e CODE`: output, exit codes and limits of the command line, run
//! in-process through `moat::cli::run`.

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
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli-run-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create scratch dir");
    }
    std::fs::write(&path, source).expect("write scratch file");
    path.to_string_lossy().into_owned()
}

#[test]
fn runs_a_file_and_prints() {
    let file = js_file(
        "hello.js",
        "var n = 6 * 7;\nprint('answer', n);\nconsole.log('done');\n",
    );
    let result = moat(&[&file]);
    assert_eq!(result.code, 0, "stderr: {}", result.stderr);
    assert_eq!(result.stdout, "answer 42\ndone\n");
    assert_eq!(result.stderr, "");
}

#[test]
fn eval_flag_runs_code() {
    let result = moat(&["-e", "print(typeof print, 1 + 1)"]);
    assert_eq!(result.code, 0, "stderr: {}", result.stderr);
    assert_eq!(result.stdout, "function 2\n");
}

#[test]
fn eval_then_files_share_a_context() {
    let file = js_file("shared.js", "print(fromEval);\n");
    let result = moat(&["-e", "var fromEval = 'yes';", &file]);
    assert_eq!(result.code, 0, "stderr: {}", result.stderr);
    assert_eq!(result.stdout, "yes\n");
}

#[test]
fn uncaught_error_exits_1_with_name_and_message() {
    let result = moat(&["-e", "print('before'); null.x;"]);
    assert_eq!(result.code, 1);
    assert_eq!(result.stdout, "before\n");
    assert!(
        result.stderr.starts_with("TypeError: "),
        "stderr: {}",
        result.stderr
    );
    let thrown = moat(&["-e", "throw new RangeError('too far')"]);
    assert_eq!(thrown.code, 1);
    // Name: message, then the stack with file:line:column.
    assert!(
        thrown.stderr.starts_with("RangeError: too far\n    at "),
        "stderr: {}",
        thrown.stderr
    );
    assert!(
        thrown.stderr.contains("<eval>:1:"),
        "stderr: {}",
        thrown.stderr
    );
}

#[test]
fn syntax_error_exits_1() {
    let file = js_file("bad-run.js", "var = 1;\n");
    let result = moat(&[&file]);
    assert_eq!(result.code, 1);
    assert!(
        result.stderr.contains("SyntaxError"),
        "stderr: {}",
        result.stderr
    );
    assert_eq!(result.stdout, "");
}

#[test]
fn timeout_exits_2() {
    let result = moat(&["--timeout", "100", "-e", "for (;;) {}"]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("timeout"),
        "stderr: {}",
        result.stderr
    );
    assert!(
        result.stderr.contains("100 ms"),
        "stderr: {}",
        result.stderr
    );
}

#[test]
fn heap_limit_exits_2() {
    let result = moat(&[
        "--heap-limit",
        "4M",
        "-e",
        "var a = null; for (;;) { a = { next: a }; }",
    ]);
    assert_eq!(result.code, 2, "stderr: {}", result.stderr);
    assert!(
        result.stderr.contains("heap limit"),
        "stderr: {}",
        result.stderr
    );
    assert!(
        result.stderr.contains("4194304"),
        "stderr: {}",
        result.stderr
    );
}

#[test]
fn bad_heap_limit_is_a_usage_error() {
    let result = moat(&["--heap-limit", "12X", "-e", "1"]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("byte count"),
        "stderr: {}",
        result.stderr
    );
}

#[test]
fn runs_a_module_graph_from_disk() {
    js_file(
        "mod-dep.mjs",
        "export let n = 1;\nexport function inc() { n++; }\n",
    );
    js_file(
        "sub/mod-leaf.js",
        "import { n } from '../mod-dep.mjs';\nexport const seen = n;\n",
    );
    js_file("mod-data.json", "{ \"k\": [1, 2, 3] }\n");
    let main = js_file(
        "mod-main.mjs",
        "import { n, inc } from './mod-dep.mjs';\n\
         import { seen } from './sub/mod-leaf.js';\n\
         import data from './mod-data.json' with { type: 'json' };\n\
         inc();\n\
         const late = await import('./mod-dep.mjs');\n\
         print(n, seen, data.k.length, late.n, typeof import.meta);\n",
    );
    let result = moat(&[&main]);
    assert_eq!(result.code, 0, "stderr: {}", result.stderr);
    assert_eq!(result.stdout, "2 1 3 2 object\n");
}

#[test]
fn module_flag_runs_a_js_file_as_a_module() {
    let file = js_file(
        "forced.js",
        "print(this === undefined, typeof import.meta);\n",
    );
    let result = moat(&["--module", &file]);
    assert_eq!(result.code, 0, "stderr: {}", result.stderr);
    assert_eq!(result.stdout, "true object\n");
}

#[test]
fn module_errors_exit_1() {
    let thrown = js_file(
        "mod-throws.mjs",
        "await null;\nthrow new TypeError('nope');\n",
    );
    let result = moat(&[&thrown]);
    assert_eq!(result.code, 1);
    assert!(
        result.stderr.contains("TypeError: nope"),
        "stderr: {}",
        result.stderr
    );
    let missing = js_file(
        "mod-missing.mjs",
        "import { x } from './no-such-file.mjs';\n",
    );
    let result = moat(&[&missing]);
    assert_eq!(result.code, 1);
    assert!(
        result.stderr.contains("TypeError"),
        "stderr: {}",
        result.stderr
    );
    let unresolved = js_file(
        "mod-unresolved.mjs",
        "import { nope } from './mod-dep.mjs';\n",
    );
    js_file(
        "mod-dep.mjs",
        "export let n = 1;\nexport function inc() { n++; }\n",
    );
    let result = moat(&[&unresolved]);
    assert_eq!(result.code, 1);
    assert!(
        result.stderr.contains("SyntaxError"),
        "stderr: {}",
        result.stderr
    );
    let syntax = js_file("mod-syntax.mjs", "export let = 1;\n");
    assert_eq!(moat(&[&syntax]).code, 1);
}

#[test]
fn a_hostile_module_loop_ends_with_the_timeout() {
    let file = js_file("mod-loop.mjs", "for (;;) {}\n");
    let result = moat(&["--timeout", "100", &file]);
    assert_eq!(result.code, 2);
    assert!(
        result.stderr.contains("timeout"),
        "stderr: {}",
        result.stderr
    );
}

#[test]
fn missing_file_exits_1() {
    let result = moat(&["/nonexistent/moat-missing.js"]);
    assert_eq!(result.code, 1);
    assert!(
        result.stderr.contains("moat-missing.js"),
        "stderr: {}",
        result.stderr
    );
}

fn moat_with_stdin(args: &[&str], input: &str) -> Outcome {
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let argv = std::iter::once("moat").chain(args.iter().copied());
    let mut stdin = input.as_bytes();
    let code = moat::cli::run_with_stdin(argv, &mut stdin, false, &mut stdout, &mut stderr);
    Outcome {
        code,
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr: String::from_utf8_lossy(&stderr).into_owned(),
    }
}

#[test]
fn standard_input_runs_as_a_script() {
    let out = moat_with_stdin(&[], "console.log('from', 'stdin'); print(6 * 7)");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "from stdin\n42\n");
    // `-` names standard input among other files.
    let file = js_file("after-stdin.js", "print(typeof fromStdin)");
    let out = moat_with_stdin(&["-", &file], "var fromStdin = 1;");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "number\n");
    let out = moat_with_stdin(&[], "null.x");
    assert_eq!(out.code, 1);
    assert!(out.stderr.starts_with("TypeError: "), "{}", out.stderr);
    assert!(out.stderr.contains("[stdin]:1:"), "{}", out.stderr);
}

#[test]
fn console_inspects_objects_and_splits_streams() {
    let out = moat(&[
        "-e",
        "console.log({a: [1, 'x', {b: null}]}, 'text', [ , 2]); \
         console.error('bad %d of %s', 3, 'them'); console.warn({w: true}); \
         console.info(function f() {}); console.debug(new TypeError('t').message)",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "{ a: [ 1, 'x', { b: null } ] } text [ <1 empty item>, 2 ]\n[Function: f]\nt\n"
    );
    assert_eq!(out.stderr, "bad 3 of them\n{ w: true }\n");
}

#[test]
fn console_never_runs_the_objects_it_prints() {
    // A getter, toString, valueOf and Symbol.toPrimitive that would loop forever are never
    // called: printing a hostile object is safe and quick.
    let out = moat(&[
        "--timeout",
        "5000",
        "-e",
        "const evil = { get x() { for(;;); }, toString() { for(;;); }, valueOf() { for(;;); }, \
         [Symbol.toPrimitive]() { for(;;); } }; console.log(evil); console.log('%s %d', evil, evil)",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with('{'), "{}", out.stdout);
    assert!(out.stdout.contains("  x: [Getter],\n"), "{}", out.stdout);
    assert!(
        out.stdout.contains("  toString: [Function: toString],\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.trim_end().ends_with("NaN"), "{}", out.stdout);
}

#[test]
fn check_without_files_is_a_usage_error() {
    let out = moat(&["--check"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--check"), "{}", out.stderr);
}
