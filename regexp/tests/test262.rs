//! Checks the crate against test262: every `negative: phase: parse` test
//! under `test/language/literals/regexp` and
//! `test/built-ins/RegExp/property-escapes` whose code is a single regular
//! expression literal must be rejected, and every literal in the generated
//! property-escape tests must be accepted.

use moat_regexp::validate;
use std::fs;
use std::path::{Path, PathBuf};

fn test262_root() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/test262");
    if root.is_dir() {
        Some(root)
    } else {
        println!("test262 not found at {}; skipping", root.display());
        None
    }
}

fn js_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            js_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "js") {
            out.push(path);
        }
    }
    out.sort();
}

/// Features listed before the "Standard language features" heading of
/// features.txt (proposals): tests using them are out of scope.
fn proposal_features(root: &Path) -> Vec<String> {
    let text = fs::read_to_string(root.join("features.txt")).unwrap_or_default();
    text.lines()
        .take_while(|l| !l.starts_with("## Standard"))
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Scans a regular expression literal at the start of `text`:
/// `(body, flags, rest)`.
fn scan_literal(text: &str) -> Option<(&str, &str, &str)> {
    let rest = text.strip_prefix('/')?;
    let mut chars = rest.char_indices();
    let mut in_class = false;
    let body_end = loop {
        let (i, c) = chars.next()?;
        match c {
            '\\' => {
                let (_, next) = chars.next()?;
                if matches!(next, '\n' | '\r' | '\u{2028}' | '\u{2029}') {
                    return None;
                }
            }
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => return None,
            '[' => in_class = true,
            ']' => in_class = false,
            '/' if !in_class => break i,
            _ => {}
        }
    };
    let body = rest.get(..body_end)?;
    let after = rest.get(body_end + 1..)?;
    let flags_len = after
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '_' && c != '\\' && c != '$')
        .unwrap_or(after.len());
    let (flags, tail) = after.split_at(flags_len);
    if body.is_empty() || body.starts_with('*') || flags.contains('\\') {
        return None;
    }
    Some((body, flags, tail))
}

/// Whether what follows a literal ends the statement: `;` or nothing, with
/// block comments allowed in between.
fn is_statement_end(mut tail: &str) -> bool {
    while let Some(rest) = tail.trim_start().strip_prefix("/*") {
        match rest.split_once("*/") {
            Some((_, after)) => tail = after,
            None => return false,
        }
    }
    matches!(tail.trim(), "" | ";")
}

/// The code of a test after its frontmatter, without comment lines, blank
/// lines and `$DONOTEVALUATE();`.
fn code_lines(source: &str) -> Vec<&str> {
    let code = source.split_once("---*/").map_or("", |(_, code)| code);
    code.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("//") && *l != "$DONOTEVALUATE();")
        .collect()
}

#[test]
fn negative_syntax_tests_are_rejected() {
    let Some(root) = test262_root() else {
        return;
    };
    let proposals = proposal_features(&root);
    let mut files = Vec::new();
    js_files(&root.join("test/language/literals/regexp"), &mut files);
    js_files(
        &root.join("test/built-ins/RegExp/property-escapes"),
        &mut files,
    );
    let (mut checked, mut skipped) = (0, 0);
    let mut failures = Vec::new();
    for file in &files {
        let Ok(source) = fs::read_to_string(file) else {
            continue;
        };
        let front = source.split_once("---*/").map_or("", |(f, _)| f);
        if !(front.contains("negative:") && front.contains("phase: parse")) {
            continue;
        }
        let uses_proposal = front
            .lines()
            .filter(|l| l.trim_start().starts_with("features:"))
            .any(|l| proposals.iter().any(|p| l.contains(p.as_str())));
        if uses_proposal {
            continue;
        }
        let lines = code_lines(&source);
        let literal = match lines.as_slice() {
            [line] => scan_literal(line).filter(|(_, _, tail)| is_statement_end(tail)),
            _ => None,
        };
        let Some((body, flags, _)) = literal else {
            // Errors of the literal's tokenisation (line terminators,
            // escaped flags, …): the lexer's business.
            skipped += 1;
            println!("not a single literal (lexer-level): {}", file.display());
            continue;
        };
        checked += 1;
        if validate(body, flags).is_ok() {
            failures.push(format!("{}: /{body}/{flags}", file.display()));
        }
    }
    println!("negative tests: {checked} checked, {skipped} lexer-level skipped");
    assert!(
        failures.is_empty(),
        "accepted invalid patterns:\n{}",
        failures.join("\n")
    );
    assert!(checked > 200, "only {checked} negative tests found");
}

#[test]
fn generated_property_escape_literals_are_accepted() {
    let Some(root) = test262_root() else {
        return;
    };
    let mut files = Vec::new();
    js_files(
        &root.join("test/built-ins/RegExp/property-escapes/generated"),
        &mut files,
    );
    let mut checked = 0;
    let mut failures = Vec::new();
    for file in &files {
        let Ok(source) = fs::read_to_string(file) else {
            continue;
        };
        if source.contains("phase: parse") {
            continue;
        }
        for line in code_lines(&source) {
            let start = if line.starts_with('/') {
                Some(0)
            } else {
                line.find("regExp: /").map(|i| i + "regExp: ".len())
            };
            let Some(literal) = start.and_then(|s| line.get(s..)).and_then(scan_literal) else {
                continue;
            };
            let (body, flags, _) = literal;
            checked += 1;
            if let Err(e) = validate(body, flags) {
                failures.push(format!("{}: /{body}/{flags}: {e}", file.display()));
            }
        }
    }
    println!("generated property-escape literals: {checked} checked");
    assert!(
        failures.is_empty(),
        "rejected valid patterns:\n{}",
        failures.join("\n")
    );
    assert!(checked > 3000, "only {checked} literals found");
}
