//! A parser for the subset of YAML that test262 frontmatter uses.
//!
//! test262 frontmatter is a single top-level mapping whose values are plain,
//! quoted or block (`|`, `>`) scalars, flow (`[a, b]`) or block (`- a`) lists
//! of scalars, or one level of nested mapping of scalars (`negative:`).
//! Anything outside that subset is reported as an error instead of being
//! guessed at, so a change in test262's conventions is noticed.

use std::fmt;

/// A value of the frontmatter mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// A key with nothing after it (`key:`).
    Null,
    /// A scalar of any style.
    Str(String),
    /// A flow or block list of scalars.
    List(Vec<String>),
    /// A nested mapping of scalars, in source order.
    Map(Vec<(String, String)>),
}

/// Frontmatter that falls outside the supported subset, with its 1-based line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for YamlError {}

fn error<T>(line: usize, message: impl Into<String>) -> Result<T, YamlError> {
    Err(YamlError {
        line: line + 1,
        message: message.into(),
    })
}

/// Parses a top-level mapping, keeping its entries in source order.
pub fn parse_mapping(text: &str) -> Result<Vec<(String, Value)>, YamlError> {
    let normalized = text.replace("\r\n", "\n").replace('\r', "\n");
    let raw_lines: Vec<&str> = normalized.split('\n').collect();
    // The top-level mapping may itself be indented (a few tests do so);
    // removing that indentation lets every rule below treat column 0 as
    // the top level.
    let base = raw_lines
        .iter()
        .find(|line| !is_blank_or_comment(line))
        .map_or(0, |line| indent_of(line));
    let mut lines = Vec::with_capacity(raw_lines.len());
    for (index, line) in raw_lines.iter().enumerate() {
        match line.get(base..) {
            Some(rest) if indent_of(line) >= base => lines.push(rest),
            _ if is_blank_or_comment(line) => lines.push(""),
            _ => return error(index, "line indented less than the first key"),
        }
    }
    let mut entries = Vec::new();
    let mut i = 0;
    while let Some(&line) = lines.get(i) {
        if is_blank_or_comment(line) {
            i += 1;
            continue;
        }
        if indent_of(line) > 0 {
            return error(i, "unexpected indentation");
        }
        let (key, rest) = split_key(line, i)?;
        let (value, next) = parse_value(&lines, i, rest)?;
        entries.push((key.to_owned(), value));
        i = next;
    }
    Ok(entries)
}

fn is_blank_or_comment(line: &str) -> bool {
    let trimmed = line.trim();
    trimmed.is_empty() || trimmed.starts_with('#')
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Splits `key: rest` (or `key:`), where the key is a plain scalar.
fn split_key(line: &str, line_no: usize) -> Result<(&str, &str), YamlError> {
    let colon = line
        .char_indices()
        .find(|&(at, c)| c == ':' && line[at + 1..].chars().next().is_none_or(|n| n == ' '))
        .map(|(at, _)| at);
    let Some(colon) = colon else {
        return error(line_no, format!("expected `key: value`, found {line:?}"));
    };
    let key = line[..colon].trim();
    if key.is_empty() || key.starts_with(['-', '"', '\'', '[', '{', '#']) {
        return error(line_no, format!("unsupported key {key:?}"));
    }
    Ok((key, line[colon + 1..].trim()))
}

/// Parses the value that starts with `rest` on line `at`; returns it and the
/// index of the first line after it.
fn parse_value(lines: &[&str], at: usize, rest: &str) -> Result<(Value, usize), YamlError> {
    let rest = strip_comment(rest);
    if rest.is_empty() {
        return parse_nested(lines, at);
    }
    if rest.starts_with('|') || rest.starts_with('>') {
        let (text, next) = parse_block_scalar(lines, at, rest)?;
        return Ok((Value::Str(text), next));
    }
    let (joined, next) = continuation(lines, at, rest);
    if joined.starts_with('[') {
        return Ok((Value::List(parse_flow_list(&joined, at)?), next));
    }
    if joined.starts_with('{') {
        return error(at, "flow mappings are not supported");
    }
    Ok((Value::Str(parse_scalar(&joined, at)?), next))
}

/// Removes a ` #` comment from a line that does not start a quoted scalar.
fn strip_comment(rest: &str) -> &str {
    if rest.starts_with(['"', '\'']) {
        return rest;
    }
    if rest.starts_with('#') {
        return "";
    }
    match rest.find(" #") {
        Some(at) => rest[..at].trim_end(),
        None => rest,
    }
}

/// Joins a value's first line with its indented continuation lines: plain
/// and quoted scalars and flow lists may span lines, which folding turns
/// into single spaces (an empty line becomes a newline).
fn continuation(lines: &[&str], at: usize, first: &str) -> (String, usize) {
    let mut joined = first.to_owned();
    let mut next = at + 1;
    let mut pending_newlines = 0;
    while let Some(&line) = lines.get(next) {
        if line.trim().is_empty() {
            pending_newlines += 1;
            next += 1;
            continue;
        }
        if indent_of(line) == 0 {
            break;
        }
        if pending_newlines > 0 {
            joined.push_str(&"\n".repeat(pending_newlines));
        } else {
            joined.push(' ');
        }
        pending_newlines = 0;
        joined.push_str(line.trim());
        next += 1;
    }
    // Trailing blank lines belong to no value; the caller skips them again.
    (joined, next - pending_newlines)
}

/// A plain or quoted scalar (already joined onto one line).
fn parse_scalar(text: &str, at: usize) -> Result<String, YamlError> {
    if let Some(body) = text.strip_prefix('\'') {
        let Some(end) = find_single_quote_end(body) else {
            return error(at, "unterminated single-quoted scalar");
        };
        expect_only_comment(&body[end + 1..], at)?;
        return Ok(body[..end].replace("''", "'"));
    }
    if let Some(body) = text.strip_prefix('"') {
        let (value, consumed) = parse_double_quoted(body, at)?;
        expect_only_comment(&body[consumed..], at)?;
        return Ok(value);
    }
    Ok(strip_comment(text).to_owned())
}

fn expect_only_comment(tail: &str, at: usize) -> Result<(), YamlError> {
    let tail = tail.trim();
    if tail.is_empty() || tail.starts_with('#') {
        Ok(())
    } else {
        error(at, format!("unexpected {tail:?} after a quoted scalar"))
    }
}

/// Byte offset of the closing quote of a single-quoted scalar body, where
/// `''` stands for one quote.
fn find_single_quote_end(body: &str) -> Option<usize> {
    let bytes = body.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'\'' {
            if bytes.get(i + 1) == Some(&b'\'') {
                i += 2;
                continue;
            }
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Decodes a double-quoted scalar body; returns the value and the number of
/// bytes consumed including the closing quote.
fn parse_double_quoted(body: &str, at: usize) -> Result<(String, usize), YamlError> {
    let mut out = String::new();
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((out, i + 1)),
            '\\' => {
                let Some((_, escaped)) = chars.next() else {
                    break;
                };
                match escaped {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    '0' => out.push('\0'),
                    '"' | '\\' | '/' | ' ' => out.push(escaped),
                    'x' | 'u' | 'U' => {
                        let len = match escaped {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let mut code = 0u32;
                        for _ in 0..len {
                            let digit =
                                chars.next().and_then(|(_, d)| d.to_digit(16)).map_or_else(
                                    || error(at, "bad escape in double-quoted scalar"),
                                    Ok,
                                )?;
                            code = code * 16 + digit;
                        }
                        let Some(decoded) = char::from_u32(code) else {
                            return error(at, "escape is not a Unicode scalar value");
                        };
                        out.push(decoded);
                    }
                    other => return error(at, format!("unsupported escape \\{other}")),
                }
            }
            _ => out.push(c),
        }
    }
    error(at, "unterminated double-quoted scalar")
}

/// `[a, b, "c"]`: a flow list of scalars, without nesting.
fn parse_flow_list(text: &str, at: usize) -> Result<Vec<String>, YamlError> {
    let Some(inner) = text.strip_prefix('[') else {
        return error(at, "expected a flow list");
    };
    let Some(close) = inner.find(']') else {
        return error(at, "unterminated flow list");
    };
    let (inner, tail) = (&inner[..close], &inner[close + 1..]);
    expect_only_comment(tail, at)?;
    if inner.contains(['[', '{']) {
        return error(at, "nested flow collections are not supported");
    }
    let mut items = Vec::new();
    for item in inner.split(',') {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        items.push(parse_scalar(item, at)?);
    }
    Ok(items)
}

/// `|` (literal) or `>` (folded) block scalar with an optional chomping
/// indicator; its lines are those indented more than the key.
fn parse_block_scalar(
    lines: &[&str],
    at: usize,
    header: &str,
) -> Result<(String, usize), YamlError> {
    let literal = header.starts_with('|');
    let chomping = match header.get(1..).unwrap_or("") {
        "" => Chomping::Clip,
        "-" => Chomping::Strip,
        "+" => Chomping::Keep,
        other => return error(at, format!("unsupported block scalar header {other:?}")),
    };
    let mut next = at + 1;
    let mut body: Vec<&str> = Vec::new();
    let mut indent = None;
    while let Some(&line) = lines.get(next) {
        if line.trim().is_empty() {
            body.push("");
            next += 1;
            continue;
        }
        let this_indent = indent_of(line);
        let block_indent = *indent.get_or_insert(this_indent);
        if this_indent == 0 || this_indent < block_indent {
            break;
        }
        body.push(line.get(block_indent..).unwrap_or(""));
        next += 1;
    }
    // Trailing blank lines count for chomping but the next key starts after them.
    let trailing_blank = body.iter().rev().take_while(|l| l.is_empty()).count();
    let content = &body[..body.len() - trailing_blank];
    let mut text = if literal {
        content.join("\n")
    } else {
        fold(content)
    };
    match chomping {
        Chomping::Strip => {}
        Chomping::Clip if !content.is_empty() => text.push('\n'),
        Chomping::Clip => {}
        Chomping::Keep => {
            if !content.is_empty() {
                text.push('\n');
            }
            text.push_str(&"\n".repeat(trailing_blank));
        }
    }
    Ok((text, next))
}

enum Chomping {
    Clip,
    Strip,
    Keep,
}

/// Folding of `>` scalars: lines join with a space, an empty line stands
/// for one newline (the break before it is dropped), and more-indented
/// lines keep their line breaks.
fn fold(content: &[&str]) -> String {
    let mut out = String::new();
    let mut previous: Option<&str> = None;
    for &line in content {
        if let Some(prev) = previous {
            let more_indented = |l: &str| l.starts_with([' ', '\t']);
            if line.is_empty() {
                out.push('\n');
            } else if prev.is_empty() {
                // The empty line already produced the newline.
            } else if more_indented(line) || more_indented(prev) {
                out.push('\n');
            } else {
                out.push(' ');
            }
        }
        out.push_str(line);
        previous = Some(line);
    }
    out
}

/// The indented lines after `key:`: a block list, a nested mapping, or
/// nothing at all (null). A block list may also sit at the key's column.
fn parse_nested(lines: &[&str], at: usize) -> Result<(Value, usize), YamlError> {
    let mut next = at + 1;
    while lines.get(next).is_some_and(|l| is_blank_or_comment(l)) {
        next += 1;
    }
    let Some(&first) = lines.get(next) else {
        return Ok((Value::Null, next));
    };
    let trimmed = first.trim_start();
    let is_list_item = trimmed == "-" || trimmed.starts_with("- ");
    if indent_of(first) == 0 && !is_list_item {
        return Ok((Value::Null, next));
    }
    let indent = indent_of(first);
    if is_list_item {
        let mut items = Vec::new();
        while let Some(&line) = lines.get(next) {
            if is_blank_or_comment(line) {
                next += 1;
                continue;
            }
            let item = line.trim_start();
            if indent_of(line) != indent || !(item == "-" || item.starts_with("- ")) {
                if indent_of(line) > indent {
                    return error(next, "unsupported block list item");
                }
                break;
            }
            let item = strip_comment(item.get(1..).unwrap_or("").trim());
            if item.starts_with(['[', '{', '|', '>']) || item.ends_with(':') {
                return error(next, "only scalars are supported in block lists");
            }
            items.push(parse_scalar(item, next)?);
            next += 1;
        }
        return Ok((Value::List(items), next));
    }
    let mut entries = Vec::new();
    while let Some(&line) = lines.get(next) {
        if is_blank_or_comment(line) {
            next += 1;
            continue;
        }
        if indent_of(line) < indent {
            break;
        }
        if indent_of(line) > indent {
            return error(next, "unsupported nesting");
        }
        let (key, rest) = split_key(line.trim_start(), next)?;
        let rest = strip_comment(rest);
        if rest.is_empty() || rest.starts_with(['[', '{', '|', '>']) {
            return error(next, "only scalars are supported in nested mappings");
        }
        entries.push((key.to_owned(), parse_scalar(rest, next)?));
        next += 1;
    }
    Ok((Value::Map(entries), next))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(text: &str, key: &str) -> Value {
        let entries = parse_mapping(text).expect("valid yaml");
        entries
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v)
            .expect("key present")
    }

    fn s(text: &str) -> Value {
        Value::Str(text.to_owned())
    }

    fn list(items: &[&str]) -> Value {
        Value::List(items.iter().map(|i| (*i).to_owned()).collect())
    }

    #[test]
    fn plain_scalars() {
        assert_eq!(get("esid: sec-foo\n", "esid"), s("sec-foo"));
        assert_eq!(get("a: 1: x\n", "a"), s("1: x"));
        assert_eq!(
            get("es5id: 15.3.5_A1_T2 # comment\n", "es5id"),
            s("15.3.5_A1_T2")
        );
        assert_eq!(get("k: a#b\n", "k"), s("a#b"));
    }

    #[test]
    fn plain_scalar_continues_on_indented_lines() {
        let text = "info: The value of\n  [[Class]] is \"Function\"\n\n  second\nnext: x\n";
        assert_eq!(
            get(text, "info"),
            s("The value of [[Class]] is \"Function\"\nsecond")
        );
        assert_eq!(get(text, "next"), s("x"));
    }

    #[test]
    fn quoted_scalars() {
        assert_eq!(get("d: '`name` property'\n", "d"), s("`name` property"));
        assert_eq!(get("d: 'it''s'\n", "d"), s("it's"));
        assert_eq!(get(r#"d: "a \"b\" \u00e9\n""#, "d"), s("a \"b\" \u{e9}\n"));
        assert!(parse_mapping("d: 'open\n").is_err());
        assert!(parse_mapping("d: \"open\n").is_err());
        assert!(parse_mapping("d: 'a' b\n").is_err());
    }

    #[test]
    fn literal_block_scalar() {
        let text = "info: |\n    line one\n      indented\n\n    line three\n\nnext: x\n";
        assert_eq!(get(text, "info"), s("line one\n  indented\n\nline three\n"));
        assert_eq!(get(text, "next"), s("x"));
    }

    #[test]
    fn block_scalar_chomping() {
        assert_eq!(get("d: |-\n  a\n  b\n\nn: 1", "d"), s("a\nb"));
        assert_eq!(get("d: |+\n  a\n\nn: 1", "d"), s("a\n\n"));
        assert_eq!(get("d: |\n  a\n", "d"), s("a\n"));
        assert!(parse_mapping("d: |x\n  a\n").is_err());
    }

    #[test]
    fn folded_block_scalar() {
        let text = "d: >\n  one\n  two\n\n  three\n    kept\n";
        assert_eq!(get(text, "d"), s("one two\nthree\n  kept\n"));
    }

    #[test]
    fn flow_lists() {
        assert_eq!(get("flags: [onlyStrict]\n", "flags"), list(&["onlyStrict"]));
        assert_eq!(
            get("f: [a, 'b c', \"d\",]\n", "f"),
            list(&["a", "b c", "d"])
        );
        assert_eq!(get("f: []\n", "f"), list(&[]));
        assert_eq!(get("f: [a,\n  b]\n", "f"), list(&["a", "b"]));
        assert!(parse_mapping("f: [a, [b]]\n").is_err());
        assert!(parse_mapping("f: [a, b\n").is_err());
    }

    #[test]
    fn block_lists() {
        let text = "features:\n  - Symbol.toStringTag\n  - Symbol.iterator # c\nflags: [raw]\n";
        assert_eq!(
            get(text, "features"),
            list(&["Symbol.toStringTag", "Symbol.iterator"])
        );
        assert_eq!(get(text, "flags"), list(&["raw"]));
        assert_eq!(get("f:\n- a\n- b\n", "f"), list(&["a", "b"]));
        assert!(parse_mapping("f:\n  - a\n    - b\n").is_err());
    }

    #[test]
    fn nested_mapping() {
        let text = "negative:\n  phase: parse\n  type: SyntaxError\nflags: [module]\n";
        assert_eq!(
            get(text, "negative"),
            Value::Map(vec![
                ("phase".to_owned(), "parse".to_owned()),
                ("type".to_owned(), "SyntaxError".to_owned())
            ])
        );
        assert_eq!(get(text, "flags"), list(&["module"]));
        assert!(parse_mapping("n:\n  a:\n    b: c\n").is_err());
    }

    #[test]
    fn null_values_and_comments() {
        let text = "# leading comment\nempty:\nnext: 1\n";
        assert_eq!(get(text, "empty"), Value::Null);
        assert_eq!(get(text, "next"), s("1"));
        assert_eq!(get("last:", "last"), Value::Null);
    }

    #[test]
    fn crlf_is_normalized() {
        let text = "info: |\r\n  a\r\n  b\r\nflags: [raw]\r\n";
        assert_eq!(get(text, "info"), s("a\nb\n"));
        assert_eq!(get(text, "flags"), list(&["raw"]));
    }

    #[test]
    fn indented_top_level_mapping() {
        let text = "\n description: >\n    a\n    b\n flags: [raw]\n";
        assert_eq!(get(text, "description"), s("a b\n"));
        assert_eq!(get(text, "flags"), list(&["raw"]));
        assert!(parse_mapping("  a: 1\n b: 2\n").is_err());
    }

    #[test]
    fn malformed_lines_are_errors() {
        let err = parse_mapping("ok: 1\nno colon here\n").expect_err("malformed");
        assert_eq!(err.line, 2);
        assert!(parse_mapping("a: 'x'\n  b\n").is_err());
        assert!(parse_mapping("k: {a: 1}\n").is_err());
    }
}
