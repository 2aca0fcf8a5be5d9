//! The interactive read-eval-print loop: `moat` with no file on a terminal.
//!
//! Each entry is a Script evaluated in one context, so declarations persist from entry to
//! entry as they do across `<script>` elements. An entry that ends too early (an open brace,
//! an unfinished string or template) asks for more lines; an entry starting with `{` is tried
//! as an object literal first, as Node's REPL does. Completion values are shown by
//! `moat_vm::inspect`, which runs no script. `--timeout` and `--heap-limit` apply to every
//! entry, and Ctrl-C interrupts a running entry through the context's interrupt flag; either
//! ends the entry with a message and the session goes on.
//!
//! The loop is split from the terminal: [`Session`] takes text and returns what to print, so
//! tests drive it without one.

use crate::run::{limit_message, Limits};
use moat_vm::inspect::{number_text, quote_units};
use moat_vm::{Context, HostValue, RunError};
use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// What an entry produced.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// The entry is incomplete: read another line and feed the whole text again.
    NeedMore,
    /// The entry ran (or failed): lines for standard output and for standard error.
    Done {
        stdout: Vec<String>,
        stderr: Vec<String>,
    },
}

/// One REPL session: a context that lives as long as the session.
pub struct Session {
    cx: Context,
    limits: Limits,
    interrupt: Arc<AtomicBool>,
}

impl Session {
    pub fn new(limits: Limits) -> Session {
        let cx = crate::run::new_context(limits);
        let interrupt = cx.interrupt_handle();
        Session {
            cx,
            limits,
            interrupt,
        }
    }

    /// Set from any thread (the Ctrl-C handler) to stop the running entry.
    pub fn interrupt_handle(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.interrupt)
    }

    /// Evaluates `source` (all the lines of the entry so far).
    pub fn eval(&mut self, source: &str) -> Outcome {
        if source.trim().is_empty() {
            return Outcome::Done {
                stdout: Vec::new(),
                stderr: Vec::new(),
            };
        }
        let options = moat_parser::ParseOptions::default();
        // `{ a: 1 }` at the start of an entry is meant as an object, not a block.
        let trimmed = source.trim();
        let wrapped = format!("({trimmed}\n)");
        let text = if trimmed.starts_with('{')
            && !trimmed.ends_with(';')
            && moat_parser::parse_script(&wrapped, options).is_ok()
        {
            wrapped.as_str()
        } else {
            source
        };
        if let Err(e) = moat_parser::parse_script(text, options) {
            if e.unexpected_eof {
                return Outcome::NeedMore;
            }
        }
        // A Ctrl-C that came while no entry ran must not stop this one.
        self.interrupt.store(false, Ordering::Relaxed);
        let result = moat_vm::context::compile_script_source(text, "REPL")
            .and_then(|code| self.cx.eval_code(code));
        let mut stdout = self.cx.take_output();
        let mut stderr = self.cx.take_error_output();
        match result {
            Ok(v) => stdout.push(show(&v)),
            Err(RunError::Thrown(description)) => stderr.push(format!("Uncaught {description}")),
            Err(RunError::Compile(message)) => stderr.push(message),
            Err(RunError::Interrupted) => stderr.push("Interrupted".to_string()),
            Err(other) => stderr.push(limit_message(&other, self.limits)),
        }
        Outcome::Done { stdout, stderr }
    }
}

/// A completion value as the REPL shows it: strings quoted, objects inspected.
pub fn show(v: &HostValue) -> String {
    match v {
        HostValue::Undefined => "undefined".to_string(),
        HostValue::Null => "null".to_string(),
        HostValue::Bool(b) => b.to_string(),
        HostValue::Number(n) => number_text(*n),
        HostValue::String(s) => quote_units(&s.encode_utf16().collect::<Vec<u16>>()),
        HostValue::BigInt(b) => format!("{b}n"),
        HostValue::Symbol(Some(d)) => format!("Symbol({d})"),
        HostValue::Symbol(None) => "Symbol()".to_string(),
        HostValue::Object(text) => text.clone(),
    }
}

/// Runs the REPL on the terminal until end of input or `.exit`; returns the exit code.
pub fn run(limits: Limits, stdout: &mut dyn Write, stderr: &mut dyn Write) -> i32 {
    let mut editor = match rustyline::DefaultEditor::new() {
        Ok(e) => e,
        Err(e) => {
            let _ = writeln!(stderr, "moat: cannot start the REPL: {e}");
            return crate::run::EXIT_LIMIT;
        }
    };
    let _ = writeln!(
        stdout,
        "moat {} (.help for help, .exit or Ctrl-D to leave)",
        env!("CARGO_PKG_VERSION")
    );
    let mut session = Session::new(limits);
    // At the prompt the editor reads Ctrl-C as a key; while an entry runs it is SIGINT, which
    // interrupts the entry (the context polls the flag) instead of ending the process.
    let interrupt = session.interrupt_handle();
    let _ = ctrlc::set_handler(move || interrupt.store(true, Ordering::Relaxed));
    let mut entry = String::new();
    let mut interrupted = false;
    loop {
        let prompt = if entry.is_empty() { "> " } else { "... " };
        match editor.readline(prompt) {
            Ok(line) => {
                interrupted = false;
                if entry.is_empty() {
                    match line.trim() {
                        ".exit" => return 0,
                        ".help" => {
                            let _ = writeln!(stdout, "{HELP}");
                            continue;
                        }
                        _ => {}
                    }
                }
                entry.push_str(&line);
                entry.push('\n');
                match session.eval(&entry) {
                    Outcome::NeedMore => continue,
                    Outcome::Done {
                        stdout: out,
                        stderr: err,
                    } => {
                        let _ = editor.add_history_entry(entry.trim_end());
                        for l in out {
                            let _ = writeln!(stdout, "{l}");
                        }
                        for l in err {
                            let _ = writeln!(stderr, "{l}");
                        }
                        entry.clear();
                    }
                }
            }
            Err(rustyline::error::ReadlineError::Interrupted) => {
                // Ctrl-C drops the entry being typed; twice in a row on an empty line leaves.
                if entry.is_empty() && interrupted {
                    return 0;
                }
                if entry.is_empty() {
                    let _ = writeln!(
                        stdout,
                        "(To exit, press Ctrl-C again or Ctrl-D or type .exit)"
                    );
                }
                interrupted = true;
                entry.clear();
            }
            Err(rustyline::error::ReadlineError::Eof) => return 0,
            Err(e) => {
                let _ = writeln!(stderr, "moat: {e}");
                return crate::run::EXIT_LIMIT;
            }
        }
    }
}

const HELP: &str = "\
Type JavaScript to run it; declarations stay for the next entries.
An unfinished entry continues on the next line (Ctrl-C drops it).
.exit   leave (also Ctrl-D)
.help   this text";

#[cfg(test)]
mod tests {
    use super::*;

    fn done(session: &mut Session, source: &str) -> (Vec<String>, Vec<String>) {
        match session.eval(source) {
            Outcome::Done { stdout, stderr } => (stdout, stderr),
            Outcome::NeedMore => panic!("{source:?} asked for more input"),
        }
    }

    #[test]
    fn declarations_persist_between_entries() {
        let mut s = Session::new(Limits::default());
        assert_eq!(done(&mut s, "let x = 20;").0, vec!["undefined"]);
        assert_eq!(done(&mut s, "x + 22").0, vec!["42"]);
        assert_eq!(
            done(&mut s, "function f() { return x * 2 }").0,
            vec!["undefined"]
        );
        assert_eq!(done(&mut s, "f()").0, vec!["40"]);
    }

    #[test]
    fn unfinished_entries_ask_for_more() {
        let mut s = Session::new(Limits::default());
        assert_eq!(s.eval("function f() {\n"), Outcome::NeedMore);
        assert_eq!(s.eval("`abc\n"), Outcome::NeedMore);
        assert_eq!(s.eval("[1,\n"), Outcome::NeedMore);
        assert_eq!(
            done(&mut s, "function f() {\n return 7 }\n").0,
            vec!["undefined"]
        );
        assert_eq!(done(&mut s, "f()").0, vec!["7"]);
        // A real syntax error is reported at once.
        let (out, err) = done(&mut s, "let let = 1");
        assert!(out.is_empty());
        assert!(err[0].starts_with("SyntaxError"), "{err:?}");
    }

    #[test]
    fn values_are_shown_like_node() {
        let mut s = Session::new(Limits::default());
        assert_eq!(done(&mut s, "'it\\'s'").0, vec![r#""it's""#]);
        assert_eq!(done(&mut s, "-0").0, vec!["-0"]);
        assert_eq!(done(&mut s, "10n ** 3n").0, vec!["1000n"]);
        assert_eq!(done(&mut s, "Symbol('s')").0, vec!["Symbol(s)"]);
        assert_eq!(
            done(&mut s, "{ a: 1, 'b-c': [1, , 'x'] }").0,
            vec!["{ a: 1, 'b-c': [ 1, <1 empty item>, 'x' ] }"]
        );
        assert_eq!(
            done(&mut s, "class P { constructor() { this.x = 1 } }; new P").0,
            vec!["P { x: 1 }"]
        );
        assert_eq!(
            done(&mut s, "(function named() {})").0,
            vec!["[Function: named]"]
        );
    }

    #[test]
    fn errors_and_output_go_to_their_streams() {
        let mut s = Session::new(Limits::default());
        let (out, err) = done(&mut s, "console.log('a', {b: 2}); console.error('e'); 1");
        assert_eq!(out, vec!["a { b: 2 }", "1"]);
        assert_eq!(err, vec!["e"]);
        let (out, err) = done(&mut s, "null.x");
        assert!(out.is_empty());
        assert!(err[0].starts_with("Uncaught TypeError"), "{err:?}");
        // The session goes on after an error.
        assert_eq!(done(&mut s, "2 * 3").0, vec!["6"]);
    }

    #[test]
    fn an_interrupt_ends_the_running_entry_only() {
        let mut s = Session::new(Limits::default());
        let flag = s.interrupt_handle();
        let stopper = std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(100));
            flag.store(true, Ordering::Relaxed);
        });
        let (_, err) = done(&mut s, "let n = 0; for (;;) n++");
        stopper.join().expect("stopper thread");
        assert_eq!(err, vec!["Interrupted"]);
        // A flag left set between entries does not stop the next one.
        s.interrupt_handle().store(true, Ordering::Relaxed);
        assert_eq!(done(&mut s, "n > 0").0, vec!["true"]);
    }

    #[test]
    fn limits_end_an_entry_not_the_session() {
        let mut s = Session::new(Limits {
            timeout: Some(std::time::Duration::from_millis(50)),
            heap_limit: None,
        });
        let (_, err) = done(&mut s, "for (;;) {}");
        assert!(err[0].contains("timeout"), "{err:?}");
        assert_eq!(done(&mut s, "1 + 1").0, vec!["2"]);
    }
}
