//! Tests of `parse_json` through a builder that makes a plain tree, with
//! cases drawn from test262's `built-ins/JSON/parse` and the ECMA-404
//! grammar.

use std::ops::Range;

use super::*;

/// A parsed value, with objects as ordered member lists.
#[derive(Debug, Clone, PartialEq)]
enum Tree {
    Null,
    Bool(bool),
    Number(f64),
    String(Vec<u16>),
    Array(Vec<Tree>),
    Object(Vec<(Vec<u16>, Tree)>),
}

/// Builds [`Tree`]s, recording each primitive's source range and every call,
/// and failing once `budget` values have been made.
#[derive(Default)]
struct TreeBuilder {
    sources: Vec<Range<usize>>,
    calls: Vec<&'static str>,
    budget: Option<usize>,
}

impl TreeBuilder {
    fn charge(&mut self, call: &'static str) -> Result<(), &'static str> {
        self.calls.push(call);
        match &mut self.budget {
            Some(0) => Err("out of memory"),
            Some(left) => {
                *left -= 1;
                Ok(())
            }
            None => Ok(()),
        }
    }

    fn primitive(&mut self, value: Tree, source: Range<usize>) -> Result<Tree, &'static str> {
        self.charge("primitive")?;
        self.sources.push(source);
        Ok(value)
    }
}

impl JsonBuilder for TreeBuilder {
    type Value = Tree;
    type Error = &'static str;

    fn null(&mut self, source: Range<usize>) -> Result<Tree, &'static str> {
        self.primitive(Tree::Null, source)
    }
    fn boolean(&mut self, value: bool, source: Range<usize>) -> Result<Tree, &'static str> {
        self.primitive(Tree::Bool(value), source)
    }
    fn number(&mut self, value: f64, source: Range<usize>) -> Result<Tree, &'static str> {
        self.primitive(Tree::Number(value), source)
    }
    fn string(&mut self, value: &[u16], source: Range<usize>) -> Result<Tree, &'static str> {
        self.primitive(Tree::String(value.to_vec()), source)
    }
    fn begin_array(&mut self) -> Result<Tree, &'static str> {
        self.charge("begin_array")?;
        Ok(Tree::Array(Vec::new()))
    }
    fn array_push(&mut self, array: &mut Tree, element: Tree) -> Result<(), &'static str> {
        self.charge("array_push")?;
        match array {
            Tree::Array(elements) => elements.push(element),
            _ => return Err("not an array"),
        }
        Ok(())
    }
    fn end_array(&mut self, array: &mut Tree) -> Result<(), &'static str> {
        self.calls.push("end_array");
        matches!(array, Tree::Array(_))
            .then_some(())
            .ok_or("not an array")
    }
    fn begin_object(&mut self) -> Result<Tree, &'static str> {
        self.charge("begin_object")?;
        Ok(Tree::Object(Vec::new()))
    }
    fn object_insert(
        &mut self,
        object: &mut Tree,
        key: &[u16],
        value: Tree,
    ) -> Result<(), &'static str> {
        self.charge("object_insert")?;
        let Tree::Object(members) = object else {
            return Err("not an object");
        };
        // CreateDataProperty: an existing key keeps its place.
        match members.iter_mut().find(|(k, _)| k == key) {
            Some(member) => member.1 = value,
            None => members.push((key.to_vec(), value)),
        }
        Ok(())
    }
    fn end_object(&mut self, object: &mut Tree) -> Result<(), &'static str> {
        self.calls.push("end_object");
        matches!(object, Tree::Object(_))
            .then_some(())
            .ok_or("not an object")
    }
}

fn utf16(s: &str) -> Vec<u16> {
    s.encode_utf16().collect()
}

fn parse(text: &str) -> Result<Tree, JsonError> {
    parse_units(&utf16(text))
}

fn parse_units(text: &[u16]) -> Result<Tree, JsonError> {
    match parse_json(text, &mut TreeBuilder::default(), DEFAULT_MAX_DEPTH) {
        Ok(tree) => Ok(tree),
        Err(ParseError::Json(error)) => Err(error),
        Err(ParseError::Builder(message)) => panic!("builder failed: {message}"),
    }
}

/// Counts values without keeping them, for inputs too big for [`Tree`].
struct Counter(usize);

impl JsonBuilder for Counter {
    type Value = ();
    type Error = ();

    fn null(&mut self, _: Range<usize>) -> Result<(), ()> {
        self.0 += 1;
        Ok(())
    }
    fn boolean(&mut self, _: bool, _: Range<usize>) -> Result<(), ()> {
        self.0 += 1;
        Ok(())
    }
    fn number(&mut self, _: f64, _: Range<usize>) -> Result<(), ()> {
        self.0 += 1;
        Ok(())
    }
    fn string(&mut self, _: &[u16], _: Range<usize>) -> Result<(), ()> {
        self.0 += 1;
        Ok(())
    }
    fn begin_array(&mut self) -> Result<(), ()> {
        self.0 += 1;
        Ok(())
    }
    fn array_push(&mut self, _: &mut (), _: ()) -> Result<(), ()> {
        Ok(())
    }
    fn begin_object(&mut self) -> Result<(), ()> {
        self.0 += 1;
        Ok(())
    }
    fn object_insert(&mut self, _: &mut (), _: &[u16], _: ()) -> Result<(), ()> {
        Ok(())
    }
}

/// The number of values in `text`, which must parse.
fn count(text: &str) -> usize {
    let mut counter = Counter(0);
    assert_eq!(
        parse_json(&utf16(text), &mut counter, DEFAULT_MAX_DEPTH),
        Ok(())
    );
    counter.0
}

fn s(text: &str) -> Tree {
    Tree::String(utf16(text))
}

#[test]
fn primitives() {
    assert_eq!(parse("null"), Ok(Tree::Null));
    assert_eq!(parse("true"), Ok(Tree::Bool(true)));
    assert_eq!(parse("false"), Ok(Tree::Bool(false)));
    assert_eq!(parse("42"), Ok(Tree::Number(42.0)));
    assert_eq!(parse(r#""hi""#), Ok(s("hi")));
    let Ok(Tree::Number(zero)) = parse("-0") else {
        panic!("-0 is a number");
    };
    assert!(zero == 0.0 && zero.is_sign_negative());
}

#[test]
fn surrounding_whitespace() {
    assert_eq!(
        parse(" \t\r\n[ 1 , \n2 ]\r\n\t "),
        Ok(Tree::Array(vec![Tree::Number(1.0), Tree::Number(2.0)]))
    );
    // test262 15.12.1.1-0-2..0-9, invalid-whitespace.js: no other spaces.
    for bad in [
        "\u{b}1234",
        "\u{c}1234",
        "\u{a0}1234",
        "\u{200b}1234",
        "\u{feff}1234",
        "\u{2028}1234",
        "\u{2029}1234",
        "\u{3000}1234",
        "1234\u{a0}",
    ] {
        assert!(parse(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn nested_values() {
    let tree = parse(r#"{"a":[1,{"b":null},[]],"c":{},"d":"x"}"#).unwrap();
    let expected = Tree::Object(vec![
        (
            utf16("a"),
            Tree::Array(vec![
                Tree::Number(1.0),
                Tree::Object(vec![(utf16("b"), Tree::Null)]),
                Tree::Array(vec![]),
            ]),
        ),
        (utf16("c"), Tree::Object(vec![])),
        (utf16("d"), s("x")),
    ]);
    assert_eq!(tree, expected);
    assert_eq!(
        parse("[[[]]]"),
        Ok(Tree::Array(vec![Tree::Array(vec![Tree::Array(vec![])])]))
    );
    assert_eq!(parse("{ }"), Ok(Tree::Object(vec![])));
    assert_eq!(parse("[ ]"), Ok(Tree::Array(vec![])));
}

#[test]
fn duplicate_keys_last_wins_in_first_position() {
    // test262 duplicate-proto.js: "__proto__" is an ordinary key.
    let tree = parse(r#"{"a":1,"__proto__":2,"b":3,"a":4,"__proto__":5}"#).unwrap();
    assert_eq!(
        tree,
        Tree::Object(vec![
            (utf16("a"), Tree::Number(4.0)),
            (utf16("__proto__"), Tree::Number(5.0)),
            (utf16("b"), Tree::Number(3.0))
        ])
    );
}

#[test]
fn keys_with_escapes_and_odd_characters() {
    let tree = parse(r#"{"":0,"\u0061":1,"\ud800":2," ":3}"#).unwrap();
    assert_eq!(
        tree,
        Tree::Object(vec![
            (vec![], Tree::Number(0.0)),
            (utf16("a"), Tree::Number(1.0)),
            (vec![0xd800], Tree::Number(2.0)),
            (utf16(" "), Tree::Number(3.0)),
        ])
    );
}

#[test]
fn string_contents() {
    // test262 15.12.1.1-g6-*: every escape; S15.12.2_A1 and JSON superset.
    assert_eq!(parse(r#""\/""#), Ok(s("/")));
    assert_eq!(parse(r#""\\""#), Ok(s("\\")));
    assert_eq!(parse(r#""\b\f\n\r\t""#), Ok(s("\u{8}\u{c}\n\r\t")));
    assert_eq!(parse(r#""\u005C""#), Ok(s("\\")));
    assert_eq!(parse("\"\u{2028}\u{2029}\""), Ok(s("\u{2028}\u{2029}")));
    assert_eq!(parse(r#""\uD834\uDF06""#), Ok(s("\u{1d306}")));
    assert_eq!(
        parse_units(&[0x22, 0xdc00, 0xd800, 0x22]),
        Ok(Tree::String(vec![0xdc00, 0xd800]))
    );
    // 15.12.1.1-g4-*: raw controls are rejected.
    for control in ["\u{0}", "\u{7}", "\u{1f}", "\t", "\n"] {
        assert!(parse(&format!("\"{control}\"")).is_err());
    }
    // 15.12.1.1-g5-*: bad \u escapes.
    for bad in [r#""\u0X""#, r#""\u""#, r#""\uZZZZ""#, r#""\u12""#] {
        assert!(parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn numbers() {
    // test262 15.12.1.1-g2-*, g1-* and the number grammar.
    for (text, value) in [
        ("1", 1.0),
        ("-1", -1.0),
        ("0.5", 0.5),
        ("1e3", 1000.0),
        ("1E+3", 1000.0),
        ("25e-1", 2.5),
        ("-0.0e0", -0.0),
        ("1.7976931348623157e308", f64::MAX),
        ("1.7976931348623159e308", f64::INFINITY),
    ] {
        assert_eq!(parse(text), Ok(Tree::Number(value)), "{text}");
    }
    for bad in [
        "01",
        "-01",
        "+1",
        ".5",
        "1.",
        "1.e1",
        "0x1",
        "1e",
        "1e+",
        "-",
        "--1",
        "Infinity",
        "-Infinity",
        "NaN",
        "1_000",
        "0.",
        "00",
    ] {
        assert!(parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn primitive_sources_for_reviver_context() {
    // test262 reviver-context-source-*-literal.js.
    let text = utf16(r#"[ -1.1E+1 , "a\"b" ,{"k": true},null,false ]"#);
    let mut builder = TreeBuilder::default();
    parse_json(&text, &mut builder, DEFAULT_MAX_DEPTH).unwrap();
    let sources: Vec<String> = builder
        .sources
        .iter()
        .map(|range| String::from_utf16(&text[range.clone()]).unwrap())
        .collect();
    assert_eq!(sources, ["-1.1E+1", r#""a\"b""#, "true", "null", "false"]);
}

#[test]
fn builder_calls_come_in_order() {
    let mut builder = TreeBuilder::default();
    parse_json(
        &utf16(r#"{"a":[1],"b":{}}"#),
        &mut builder,
        DEFAULT_MAX_DEPTH,
    )
    .unwrap();
    assert_eq!(
        builder.calls,
        [
            "begin_object",
            "begin_array",
            "primitive",
            "array_push",
            "end_array",
            "object_insert",
            "begin_object",
            "end_object",
            "object_insert",
            "end_object"
        ]
    );
}

#[test]
fn builder_errors_abort() {
    for budget in 0..6 {
        let mut builder = TreeBuilder {
            budget: Some(budget),
            ..TreeBuilder::default()
        };
        let result = parse_json(&utf16(r#"[1,{"a":2}]"#), &mut builder, DEFAULT_MAX_DEPTH);
        assert_eq!(
            result,
            Err(ParseError::Builder("out of memory")),
            "budget {budget}"
        );
    }
    let mut builder = TreeBuilder {
        budget: Some(7),
        ..TreeBuilder::default()
    };
    assert!(parse_json(&utf16(r#"[1,{"a":2}]"#), &mut builder, DEFAULT_MAX_DEPTH).is_ok());
}

#[test]
fn structural_errors_with_positions() {
    let cases: &[(&str, &str)] = &[
        ("", "Unexpected end of JSON input"),
        ("   ", "Unexpected end of JSON input"),
        ("[", "Unexpected end of JSON input"),
        ("[1", "Unexpected end of JSON input"),
        ("[1,", "Unexpected end of JSON input"),
        ("{", "Unexpected end of JSON input"),
        (r#"{"a""#, "Unexpected end of JSON input"),
        (r#"{"a":"#, "Unexpected end of JSON input"),
        (r#"{"a":1"#, "Unexpected end of JSON input"),
        ("[1,]", "Unexpected token ] in JSON at position 3"),
        ("[,1]", "Unexpected token , in JSON at position 1"),
        ("[1 2]", "Unexpected token 2 in JSON at position 3"),
        ("[1}", "Unexpected token } in JSON at position 2"),
        (r#"{"a":1]"#, "Unexpected token ] in JSON at position 6"),
        (r#"{"a":1,}"#, "Unexpected token } in JSON at position 7"),
        (r#"{"a" 1}"#, "Unexpected token 1 in JSON at position 5"),
        (r#"{a:1}"#, "Unexpected token a in JSON at position 1"),
        (r#"{'a':1}"#, "Unexpected token ' in JSON at position 1"),
        (
            r#"{"a":1 "b":2}"#,
            "Unexpected token \" in JSON at position 7",
        ),
        (r#"{1:1}"#, "Unexpected token 1 in JSON at position 1"),
        ("]", "Unexpected token ] in JSON at position 0"),
        ("1 2", "Unexpected token 2 in JSON at position 2"),
        ("[] []", "Unexpected token [ in JSON at position 3"),
        ("nulls", "Unexpected token s in JSON at position 4"),
        ("undefined", "Unexpected token u in JSON at position 0"),
        ("'a'", "Unexpected token ' in JSON at position 0"),
        ("[01]", "Unexpected token 1 in JSON at position 2"),
        ("\u{1}", "Unexpected token \\u0001 in JSON at position 0"),
        ("[-]", "No number after minus sign in JSON at position 2"),
    ];
    for (text, expected) in cases {
        let error = parse(text).unwrap_err();
        assert_eq!(&error.message, expected, "{text:?}");
        assert_eq!(error.kind, JsonErrorKind::Syntax);
    }
    assert_eq!(parse("[1,]").unwrap_err().position, 3);
    assert_eq!(parse("[1").unwrap_err().position, 2);
}

#[test]
fn nesting_limit() {
    let deep = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    assert!(parse_units(&utf16(&deep(DEFAULT_MAX_DEPTH))).is_ok());
    let error = parse(&deep(DEFAULT_MAX_DEPTH + 1)).unwrap_err();
    assert_eq!(error.kind, JsonErrorKind::TooDeep);
    assert_eq!(error.position, DEFAULT_MAX_DEPTH);
    assert_eq!(
        error.message,
        format!("JSON too deeply nested at position {DEFAULT_MAX_DEPTH}")
    );
    // A million unclosed brackets or braces fail cleanly, fast.
    let error = parse(&"[".repeat(1_000_000)).unwrap_err();
    assert_eq!(error.kind, JsonErrorKind::TooDeep);
    let error = parse(&r#"{"a":"#.repeat(1_000_000)).unwrap_err();
    assert_eq!(error.kind, JsonErrorKind::TooDeep);
    // A small limit, objects and arrays alike.
    let mut builder = TreeBuilder::default();
    assert!(parse_json(&utf16(r#"{"a":[1]}"#), &mut builder, 2).is_ok());
    let result = parse_json(&utf16(r#"{"a":[[1]]}"#), &mut builder, 2);
    assert!(matches!(
        result,
        Err(ParseError::Json(JsonError {
            kind: JsonErrorKind::TooDeep,
            position: 6,
            ..
        }))
    ));
    assert!(parse_json(&utf16("1"), &mut builder, 0).is_ok());
    assert!(parse_json(&utf16("[]"), &mut builder, 0).is_err());
}

#[test]
fn huge_inputs_parse_in_linear_time() {
    let started = std::time::Instant::now();
    let n = 200_000;
    let array = format!("[{}0]", "1.5e3,".repeat(n));
    let Ok(Tree::Array(elements)) = parse(&array) else {
        panic!("array expected");
    };
    assert_eq!(elements.len(), n + 1);
    let object = format!(
        "{{{}\"z\":0}}",
        (0..n)
            .map(|k| format!("\"k{k}\":\"v\\n{k}\","))
            .collect::<String>()
    );
    assert_eq!(count(&object), n + 2);
    let nested = format!("{}1{}", r#"[{"a":"#.repeat(5000), "}]".repeat(5000));
    assert_eq!(count(&nested), 10_001);
    let long_string = format!("\"{}\"", "ab\\u0041".repeat(n));
    assert!(parse(&long_string).is_ok());
    let long_number = format!("0.{}1e-5", "0".repeat(1_000_000));
    assert_eq!(parse(&long_number), Ok(Tree::Number(0.0)));
    let long_integer = "9".repeat(1_000_000);
    assert_eq!(parse(&long_integer), Ok(Tree::Number(f64::INFINITY)));
    let whitespace = format!("{}1{}", " ".repeat(1_000_000), "\n".repeat(1_000_000));
    assert_eq!(parse(&whitespace), Ok(Tree::Number(1.0)));
    // Generous even for a debug build on a loaded machine; quadratic
    // behaviour on these sizes would take minutes.
    assert!(started.elapsed().as_secs() < 30);
}

#[test]
fn test262_parse_cases() {
    // 15.12.2-2-*: "\u0000" and friends in keys and values.
    assert_eq!(
        parse(r#"{"\u0000":1}"#),
        Ok(Tree::Object(vec![(vec![0], Tree::Number(1.0))]))
    );
    // 15.12.1.1-0-1: the empty string is rejected.
    assert!(parse("").is_err());
    // text-negative-zero.js.
    assert!(
        matches!(parse("[-0]"), Ok(Tree::Array(v)) if matches!(v[0], Tree::Number(z) if z == 0.0 && z.is_sign_negative()))
    );
    // 15.12.1.1-g1-*: whitespace between tokens, each kind.
    for ws in ["\t", "\r", "\n", " "] {
        assert_eq!(
            parse(&format!("{ws}[{ws}1{ws},{ws}2{ws}]{ws}")).map(|_| ()),
            Ok(())
        );
    }
}

#[test]
fn random_texts_never_panic_and_valid_ones_round_trip() {
    // Random strings over the JSON alphabet: the parser must answer, and
    // whatever it accepts must survive quoting and re-parsing of strings.
    const ALPHABET: &[u8] = b"[]{}\",:01-9.eE+ \ntrufalsn\\u/b";
    let mut state: u64 = 0x1234_5678_9abc_def1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut accepted = 0;
    for _ in 0..50_000 {
        let len = (next() % 12) as usize;
        let text: Vec<u16> = (0..len)
            .map(|_| u16::from(ALPHABET[(next() % ALPHABET.len() as u64) as usize]))
            .collect();
        if let Ok(tree) = parse_units(&text) {
            accepted += 1;
            if let Tree::String(units) = &tree {
                let mut quoted = Vec::new();
                quote_json_string(units, &mut quoted);
                assert_eq!(parse_units(&quoted), Ok(tree.clone()));
            }
        }
    }
    assert!(accepted > 100, "only {accepted} accepted");
}

#[test]
fn quoted_strings_parse_back_to_themselves() {
    let mut units: Vec<u16> = (0..0x100).collect();
    units.extend([0xd800, 0xdc00, 0xd83d, 0xde00, 0xdfff, 0xfffe, 0x2028]);
    let mut quoted = Vec::new();
    quote_json_string(&units, &mut quoted);
    assert_eq!(parse_units(&quoted), Ok(Tree::String(units)));
}
