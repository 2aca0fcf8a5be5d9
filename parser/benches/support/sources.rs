//! Finds the real-world benchmark sources fetched by `scripts/fetch-bench-sources.sh`, and
//! generates a stand-in when they are absent so that `cargo bench` always runs.

use moat_lexer::Goal;
use std::path::PathBuf;

/// One benchmark input.
pub struct BenchSource {
    pub name: String,
    pub text: String,
    pub goal: Goal,
}

/// Where the fetch script saves the files: `target/bench-sources/` at the workspace root,
/// unless `MOAT_BENCH_SOURCES` names another folder.
pub fn sources_dir() -> PathBuf {
    match std::env::var_os("MOAT_BENCH_SOURCES") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-sources"),
    }
}

/// Loads `file` from [`sources_dir`]; `None` (after telling how to fetch it) when absent.
pub fn load(file: &str, goal: Goal) -> Option<BenchSource> {
    let path = sources_dir().join(file);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(BenchSource {
            name: file.to_string(),
            text,
            goal,
        }),
        Err(err) => {
            eprintln!(
                "note: {} not readable ({err}); run scripts/fetch-bench-sources.sh to fetch \
                 the real-world sources. Using a generated source instead.",
                path.display()
            );
            None
        }
    }
}

/// Statements covering the common constructs of bundled code. Block-scoped declarations sit
/// inside a block so the text can be repeated without redeclaration errors.
const SNIPPET: &str = r#"{
  // A comment, then declarations of every kind.
  const answer = 42, name = "moat", big = 12345678901234567890n;
  let list = [1, 2.5, 0x1f, 1e-7, ...[3, 4]];
  var re = /ab+c[/\]]*/gi, tpl = `x${answer}y${ `nested ${name}` }z`;
  function add(a, b = 1, ...rest) { return a + b + rest.length; }
  class Point extends Object {
    #x = 0; static count = 0;
    constructor(x, y) { super(); this.#x = x; this.y = y; Point.count++; }
    get x() { return this.#x; }
    *[Symbol.iterator]() { yield this.#x; yield this.y; }
    static async load(url) { const r = await fetch(url); return r?.ok ?? false; }
  }
  const obj = { answer, [name]: add(1, 2), method() { return this; }, get g() { return 1; } };
  const arrow = (a, { b, c: [d] = [] } = {}) => a * b / d % 2 ** 3;
  for (let i = 0; i < list.length; i += 1) { if (list[i] > 2 && !obj.answer || i === 3) continue; }
  for (const k in obj) { switch (typeof obj[k]) { case "number": break; default: void 0; } }
  try { throw new Error("x"); } catch ({ message }) { label: while (false) break label; } finally { }
  var s = answer > 1 ? "yes" : 'no', shifted = (answer << 2) >>> 1 & 0xff | ~answer ^ 3;
}
"#;

/// A generated script of roughly `bytes` bytes built from [`SNIPPET`].
pub fn generated(bytes: usize) -> BenchSource {
    let copies = bytes / SNIPPET.len() + 1;
    BenchSource {
        name: format!("generated-{}k.js", bytes / 1024),
        text: SNIPPET.repeat(copies),
        goal: Goal::Script,
    }
}

/// The named real-world file, or a generated stand-in of similar purpose.
pub fn load_or_generate(file: &str, goal: Goal) -> BenchSource {
    load(file, goal).unwrap_or_else(|| generated(256 * 1024))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_source_has_requested_size() {
        let s = generated(10_000);
        assert!(s.text.len() >= 10_000);
        assert!(s.text.len() < 10_000 + SNIPPET.len() + 1);
        assert_eq!(s.goal, Goal::Script);
    }

    #[test]
    fn generated_source_lexes() {
        let s = generated(4096);
        let summary = super::super::lex_only::lex_all(&s.text, s.goal);
        assert!(matches!(summary, Ok(sum) if sum.regexps > 0 && sum.templates > 0));
    }

    #[test]
    fn generated_source_parses() {
        let s = generated(4096);
        let parsed = moat_parser::parse_script(&s.text, moat_parser::ParseOptions::default());
        assert!(parsed.is_ok(), "{:?}", parsed.err());
    }

    #[test]
    fn missing_file_gives_none() {
        assert!(load("no-such-file-for-moat-bench.js", Goal::Script).is_none());
    }
}
