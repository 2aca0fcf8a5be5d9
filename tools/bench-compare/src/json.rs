//! The JSON lines `bench-compare` prints: one object per file, with the few string and number
//! forms those objects need.

/// One line of output: a file's median time, or the error that stopped it.
#[derive(Debug, PartialEq)]
pub enum Record<'a> {
    /// Every run succeeded; the median wall time of the runs in milliseconds.
    /// `result` is the completion value of the last run (the benchmark's checksum).
    Timed {
        file: &'a str,
        median_ms: f64,
        result: &'a str,
    },
    /// A run failed (the file could not be read, or evaluation threw).
    Failed { file: &'a str, error: &'a str },
}

impl Record<'_> {
    /// The record as a single line of JSON (without the newline).
    pub fn to_json_line(&self) -> String {
        match self {
            Record::Timed {
                file,
                median_ms,
                result,
            } => format!(
                "{{\"file\": {}, \"engine\": \"quickjs\", \"median_ms\": {}, \"result\": {}}}",
                quote(file),
                number(*median_ms),
                quote(result)
            ),
            Record::Failed { file, error } => format!(
                "{{\"file\": {}, \"engine\": \"quickjs\", \"error\": {}}}",
                quote(file),
                quote(error)
            ),
        }
    }
}

/// A JSON string literal for `s`: quotes, backslashes and control characters escaped.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A JSON number with three decimals (microsecond resolution); JSON has no NaN or infinity,
/// so those become `null`.
pub fn number(x: f64) -> String {
    if x.is_finite() {
        format!("{x:.3}")
    } else {
        "null".to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_special_characters() {
        assert_eq!(quote("a\"b\\c\nd\u{1}é"), "\"a\\\"b\\\\c\\nd\\u0001é\"");
    }

    #[test]
    fn formats_records() {
        let timed = Record::Timed {
            file: "x.js",
            median_ms: 12.34567,
            result: "42",
        };
        assert_eq!(
            timed.to_json_line(),
            "{\"file\": \"x.js\", \"engine\": \"quickjs\", \"median_ms\": 12.346, \"result\": \"42\"}"
        );
        let failed = Record::Failed {
            file: "y.js",
            error: "Error: bad",
        };
        assert_eq!(
            failed.to_json_line(),
            "{\"file\": \"y.js\", \"engine\": \"quickjs\", \"error\": \"Error: bad\"}"
        );
        assert_eq!(number(f64::NAN), "null");
    }
}
