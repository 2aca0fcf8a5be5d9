//! Substring search (StringIndexOf and its backward twin) and the `$`
//! replacement-template expansion GetSubstitution.
//!
//! Search is Knuth–Morris–Pratt: O(haystack + needle) time and O(needle)
//! extra space in the worst case, with a plain scan for one-unit needles.

/// The KMP failure function: `fail[i]` is the length of the longest proper
/// border of `needle[..=i]`.
fn failure_table(needle: &[u16]) -> Vec<usize> {
    let mut fail = vec![0usize; needle.len()];
    let mut k = 0;
    for (i, &c) in needle.iter().enumerate().skip(1) {
        while k > 0 && needle.get(k) != Some(&c) {
            k = fail.get(k - 1).copied().unwrap_or(0);
        }
        if needle.get(k) == Some(&c) {
            k += 1;
        }
        if let Some(slot) = fail.get_mut(i) {
            *slot = k;
        }
    }
    fail
}

/// The offset (in iteration order) at which `needle` (non-empty) first
/// occurs in the sequence `hay`.
fn kmp_find(hay: impl Iterator<Item = u16>, needle: &[u16]) -> Option<usize> {
    let m = needle.len();
    if m == 1 {
        let first = needle.first().copied();
        return hay.into_iter().position(|c| Some(c) == first);
    }
    let fail = failure_table(needle);
    let mut k = 0;
    for (i, c) in hay.enumerate() {
        while k > 0 && needle.get(k) != Some(&c) {
            k = fail.get(k - 1).copied().unwrap_or(0);
        }
        if needle.get(k) == Some(&c) {
            k += 1;
        }
        if k == m {
            return Some(i + 1 - m);
        }
    }
    None
}

/// StringIndexOf(string, searchValue, fromIndex): the least index
/// `i >= from` at which `needle` occurs in `haystack`. An empty needle is
/// found at `from` if `from <= len`.
/// <https://tc39.es/ecma262/#sec-stringindexof>
pub fn index_of(haystack: &[u16], needle: &[u16], from: usize) -> Option<usize> {
    let len = haystack.len();
    // 2. The empty string is found anywhere up to the end.
    if needle.is_empty() {
        return (from <= len).then_some(from);
    }
    let window = haystack.get(from..)?;
    if needle.len() > window.len() {
        return None;
    }
    // 4-5. The first occurrence at or after `from`.
    kmp_find(window.iter().copied(), needle).map(|i| i + from)
}

/// [`index_of`] on Latin-1 text (code units 0..=255), searched in place.
pub fn index_of_latin1(haystack: &[u8], needle: &[u16], from: usize) -> Option<usize> {
    let len = haystack.len();
    if needle.is_empty() {
        return (from <= len).then_some(from);
    }
    let window = haystack.get(from..)?;
    if needle.len() > window.len() {
        return None;
    }
    kmp_find(window.iter().map(|&b| u16::from(b)), needle).map(|i| i + from)
}

/// The search of String.prototype.lastIndexOf, with `fromIndex`
/// clamped as String.prototype.lastIndexOf does (to `len - searchLen`):
/// the greatest index `i <= from` at which `needle` occurs in `haystack`.
/// <https://tc39.es/ecma262/#sec-string.prototype.lastindexof>
pub fn last_index_of(haystack: &[u16], needle: &[u16], from: usize) -> Option<usize> {
    let m = needle.len();
    let start = from.min(haystack.len().checked_sub(m)?);
    if m == 0 {
        return Some(start);
    }
    // Search the reversed window ending where a match at `start` would end
    // for the reversed needle: the first hit backwards is the last forwards.
    let window = haystack.get(..start + m)?;
    let reversed: Vec<u16> = needle.iter().rev().copied().collect();
    kmp_find(window.iter().rev().copied(), &reversed).map(|p| start - p)
}

fn is_decimal_digit(cu: u16) -> bool {
    (0x30..=0x39).contains(&cu)
}

const DOLLAR: u16 = b'$' as u16;

/// Finds `>` at or after an index; positions asked for only increase, so
/// each code unit of the template is scanned at most once overall.
struct GreaterThanFinder<'a> {
    template: &'a [u16],
    /// The last answer and the index it was asked for.
    last: Option<(usize, Option<usize>)>,
}

impl GreaterThanFinder<'_> {
    fn find_from(&mut self, from: usize) -> Option<usize> {
        match self.last {
            // No `>` after an earlier index: none after a later one either.
            Some((asked, None)) if asked <= from => return None,
            Some((asked, Some(found))) if asked <= from && found >= from => return Some(found),
            _ => {}
        }
        let found = self
            .template
            .get(from..)
            .and_then(|rest| rest.iter().position(|&c| c == u16::from(b'>')))
            .map(|i| i + from);
        self.last = Some((from, found));
        found
    }
}

/// A named-capture lookup for GetSubstitution: Get(namedCaptures,
/// groupName) then ToString, with `None` for undefined and `Err` for an
/// abrupt completion.
pub type NamedCaptureLookup<'a, E> = &'a mut dyn FnMut(&[u16]) -> Result<Option<Vec<u16>>, E>;

/// GetSubstitution(matched, str, position, captures, namedCaptures,
/// replacementTemplate): expands `$$`, `` $` ``, `$&`, `$'`, `$n`, `$nn` and
/// `$<name>` in `template`. `captures[i]` is capture i+1 (`None` for
/// undefined); `named_captures` is `None` when namedCaptures is undefined.
/// Errors come only from the lookup. `position` beyond the string is
/// treated as its end.
/// <https://tc39.es/ecma262/#sec-getsubstitution>
pub fn get_substitution<E>(
    matched: &[u16],
    string: &[u16],
    position: usize,
    captures: &[Option<Vec<u16>>],
    mut named_captures: Option<NamedCaptureLookup<'_, E>>,
    template: &[u16],
) -> Result<Vec<u16>, E> {
    // 1-2.
    let string_length = string.len();
    let position = position.min(string_length);
    // 3-4.
    let mut result = Vec::with_capacity(template.len());
    let mut gt = GreaterThanFinder {
        template,
        last: None,
    };
    let capture_len = captures.len();
    let at = |i: usize| template.get(i).copied();
    let mut p = 0;
    // 5. Repeat, while templateRemainder is not empty.
    while let Some(c) = at(p) {
        // The length of `ref`; `refReplacement` is pushed as found.
        let ref_length;
        if c != DOLLAR {
            // 5.g. Any other code unit is itself.
            result.push(c);
            ref_length = 1;
        } else {
            match at(p + 1) {
                // 5.a.
                Some(0x24) => {
                    result.push(DOLLAR);
                    ref_length = 2;
                }
                // 5.b. $`
                Some(0x60) => {
                    result.extend_from_slice(string.get(..position).unwrap_or(&[]));
                    ref_length = 2;
                }
                // 5.c. $&
                Some(0x26) => {
                    result.extend_from_slice(matched);
                    ref_length = 2;
                }
                // 5.d. $'
                Some(0x27) => {
                    let tail_pos = position.saturating_add(matched.len()).min(string_length);
                    result.extend_from_slice(string.get(tail_pos..).unwrap_or(&[]));
                    ref_length = 2;
                }
                // 5.e. $ followed by one or two decimal digits.
                Some(d1) if is_decimal_digit(d1) => {
                    let one = usize::from(d1 - 0x30);
                    // i-iii. Two digits when present...
                    let (mut digit_count, mut index) = match at(p + 2) {
                        Some(d2) if is_decimal_digit(d2) => (2, one * 10 + usize::from(d2 - 0x30)),
                        _ => (1, one),
                    };
                    // vi. ...unless that overshoots the captures.
                    if index > capture_len && digit_count == 2 {
                        digit_count = 1;
                        index = one;
                    }
                    // vii.
                    ref_length = 1 + digit_count;
                    // viii-ix.
                    if (1..=capture_len).contains(&index) {
                        if let Some(Some(capture)) = captures.get(index - 1) {
                            result.extend_from_slice(capture);
                        }
                    } else {
                        result.extend_from_slice(template.get(p..p + ref_length).unwrap_or(&[]));
                    }
                }
                // 5.f. $<
                Some(0x3C) => {
                    let gt_pos = gt.find_from(p);
                    match (gt_pos, named_captures.as_mut()) {
                        (Some(gt_pos), Some(lookup)) => {
                            // iii.1-2.
                            ref_length = gt_pos + 1 - p;
                            let group_name = template.get(p + 2..gt_pos).unwrap_or(&[]);
                            // iii.4-6.
                            if let Some(capture) = lookup(group_name)? {
                                result.extend_from_slice(&capture);
                            }
                        }
                        // ii.
                        _ => {
                            result.extend_from_slice(&[DOLLAR, 0x3C]);
                            ref_length = 2;
                        }
                    }
                }
                // 5.g. A lone `$`.
                _ => {
                    result.push(DOLLAR);
                    ref_length = 1;
                }
            }
        }
        // 5.h-j.
        p += ref_length;
    }
    // 6.
    Ok(result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::utf16;
    use core::convert::Infallible;

    fn idx(h: &str, n: &str, from: usize) -> Option<usize> {
        index_of(&utf16(h), &utf16(n), from)
    }

    fn last(h: &str, n: &str, from: usize) -> Option<usize> {
        last_index_of(&utf16(h), &utf16(n), from)
    }

    /// The quadratic reference the fast search must agree with.
    fn naive_index_of(h: &[u16], n: &[u16], from: usize) -> Option<usize> {
        (from..=h.len()).find(|&i| h.get(i..i + n.len()) == Some(n))
    }

    fn naive_last_index_of(h: &[u16], n: &[u16], from: usize) -> Option<usize> {
        (0..=from.min(h.len()))
            .rev()
            .find(|&i| h.get(i..i + n.len()) == Some(n))
    }

    #[test]
    fn latin1_search_agrees_with_utf16_search() {
        let hay = "abcab\u{e9}cabc\u{ff}a";
        let bytes: Vec<u8> = hay.chars().map(|c| c as u8).collect();
        let hay16 = utf16(hay);
        for needle in [
            "", "a", "bc", "ab\u{e9}", "\u{ff}a", "c\u{100}", "abcabc", "zz",
        ] {
            let n = utf16(needle);
            for from in 0..=hay16.len() + 1 {
                assert_eq!(
                    index_of_latin1(&bytes, &n, from),
                    naive_index_of(&hay16, &n, from),
                    "{needle:?} from {from}"
                );
            }
        }
    }

    #[test]
    fn index_of_basics() {
        assert_eq!(idx("abcabc", "bc", 0), Some(1));
        assert_eq!(idx("abcabc", "bc", 2), Some(4));
        assert_eq!(idx("abcabc", "bc", 5), None);
        assert_eq!(idx("abcabc", "", 6), Some(6));
        assert_eq!(idx("abcabc", "", 7), None);
        assert_eq!(idx("abcabc", "x", 0), None);
        assert_eq!(idx("", "", 0), Some(0));
        assert_eq!(idx("ab", "abc", 0), None);
        assert_eq!(idx("aaab", "aab", 0), Some(1));
        assert_eq!(idx("abc", "c", 99), None);
    }

    #[test]
    fn last_index_of_basics() {
        assert_eq!(last("abcabc", "bc", 99), Some(4));
        assert_eq!(last("abcabc", "bc", 4), Some(4));
        assert_eq!(last("abcabc", "bc", 3), Some(1));
        assert_eq!(last("abcabc", "bc", 0), None);
        assert_eq!(last("abcabc", "abc", 0), Some(0));
        assert_eq!(last("abcabc", "", 99), Some(6));
        assert_eq!(last("abcabc", "", 2), Some(2));
        assert_eq!(last("ab", "abc", 99), None);
        assert_eq!(last("aaaa", "aa", 99), Some(2));
        assert_eq!(last("", "", 0), Some(0));
        assert_eq!(last("", "a", 0), None);
    }

    #[test]
    fn agrees_with_naive_search_on_small_alphabets() {
        // Every haystack and needle over {a, b} up to lengths 7 and 4.
        let words = |max: usize| {
            (0..=max).flat_map(|len| {
                (0..1u32 << len).map(move |bits| {
                    (0..len)
                        .map(|i| 0x61 + ((bits >> i) & 1) as u16)
                        .collect::<Vec<u16>>()
                })
            })
        };
        for h in words(7) {
            for n in words(4) {
                for from in 0..=h.len() + 1 {
                    assert_eq!(index_of(&h, &n, from), naive_index_of(&h, &n, from));
                    assert_eq!(
                        last_index_of(&h, &n, from),
                        naive_last_index_of(&h, &n, from)
                    );
                }
            }
        }
    }

    #[test]
    fn worst_case_inputs_stay_linear() {
        // aaaa…a vs aaa…ab is quadratic for a naive search.
        let h = vec![0x61u16; 200_000];
        let mut n = vec![0x61u16; 100_000];
        n.push(0x62);
        assert_eq!(index_of(&h, &n, 0), None);
        let mut n = vec![0x62u16];
        n.extend(vec![0x61u16; 100_000]);
        assert_eq!(last_index_of(&h, &n, usize::MAX), None);
        let mut h2 = h.clone();
        h2.push(0x62);
        let mut n = vec![0x61u16; 1000];
        n.push(0x62);
        assert_eq!(index_of(&h2, &n, 0), Some(199_000));
    }

    fn subst(
        matched: &str,
        string: &str,
        position: usize,
        captures: &[Option<&str>],
        template: &str,
    ) -> String {
        let captures: Vec<Option<Vec<u16>>> = captures.iter().map(|c| c.map(utf16)).collect();
        let r = get_substitution::<Infallible>(
            &utf16(matched),
            &utf16(string),
            position,
            &captures,
            None,
            &utf16(template),
        );
        match r {
            Ok(v) => String::from_utf16_lossy(&v),
            Err(never) => match never {},
        }
    }

    #[test]
    fn simple_references() {
        // String.prototype.replace("abcde", "c", …) style: matched "c" at 2.
        assert_eq!(subst("c", "abcde", 2, &[], "[$$]"), "[$]");
        assert_eq!(subst("c", "abcde", 2, &[], "[$`]"), "[ab]");
        assert_eq!(subst("c", "abcde", 2, &[], "[$&]"), "[c]");
        assert_eq!(subst("c", "abcde", 2, &[], "[$']"), "[de]");
        assert_eq!(subst("c", "abcde", 2, &[], "$"), "$");
        assert_eq!(subst("c", "abcde", 2, &[], "$x$"), "$x$");
        assert_eq!(subst("c", "abcde", 2, &[], "$$$"), "$$");
        assert_eq!(subst("c", "abcde", 2, &[], ""), "");
        // $' with a tail position beyond the string (custom exec).
        assert_eq!(subst("xyz", "ab", 1, &[], "[$']"), "[]");
        assert_eq!(subst("c", "abcde", 99, &[], "[$`]"), "[abcde]");
    }

    #[test]
    fn numbered_references() {
        let caps = [Some("A"), None, Some("C")];
        assert_eq!(subst("m", "m", 0, &caps, "$1|$2|$3"), "A||C");
        assert_eq!(subst("m", "m", 0, &caps, "$01|$02|$03"), "A||C");
        // Out of range or zero: literal.
        assert_eq!(subst("m", "m", 0, &caps, "$0|$00|$4|$04"), "$0|$00|$4|$04");
        // Two digits beyond the count fall back to one digit plus a literal.
        assert_eq!(subst("m", "m", 0, &caps, "$10|$31|$44"), "A0|C1|$44");
        assert_eq!(subst("m", "m", 0, &[], "$1$10"), "$1$10");
        // S15.5.4.11_A3_T1-ish: "uid=31".replace(/(uid=)(\d+)/, "$1115")
        assert_eq!(
            subst("uid=31", "uid=31", 0, &[Some("uid="), Some("31")], "$1115"),
            "uid=115"
        );
        // Exactly 10+ captures make $10 two-digit.
        let ten: Vec<Option<&str>> = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "ten"]
            .iter()
            .map(|s| Some(*s))
            .collect();
        assert_eq!(subst("m", "m", 0, &ten, "$10|$1|$100"), "ten|1|ten0");
        let ninety_nine: Vec<Option<&str>> = (0..99).map(|_| Some("x")).collect();
        assert_eq!(subst("m", "m", 0, &ninety_nine, "$99$999"), "xx9");
    }

    #[test]
    fn named_references() {
        let mut lookup = |name: &[u16]| -> Result<Option<Vec<u16>>, String> {
            match String::from_utf16_lossy(name).as_str() {
                "a" => Ok(Some(utf16("AA"))),
                "" => Ok(Some(utf16("EMPTY"))),
                "boom" => Err("thrown".to_string()),
                _ => Ok(None),
            }
        };
        let run = |template: &str, lookup: Option<NamedCaptureLookup<'_, String>>| {
            get_substitution(&[], &[], 0, &[], lookup, &utf16(template))
                .map(|v| String::from_utf16_lossy(&v))
        };
        assert_eq!(run("[$<a>]", Some(&mut lookup)), Ok("[AA]".to_string()));
        assert_eq!(run("[$<b>]", Some(&mut lookup)), Ok("[]".to_string()));
        assert_eq!(run("[$<>]", Some(&mut lookup)), Ok("[EMPTY]".to_string()));
        assert_eq!(run("[$<a]", Some(&mut lookup)), Ok("[$<a]".to_string()));
        assert_eq!(run("$<a$<a>", Some(&mut lookup)), Ok("".to_string()));
        assert_eq!(run("$<$<a>>", Some(&mut lookup)), Ok(">".to_string()));
        assert_eq!(run("$<boom>", Some(&mut lookup)), Err("thrown".to_string()));
        // namedCaptures undefined: `$<` is literal.
        assert_eq!(run("[$<a>]", None), Ok("[$<a>]".to_string()));
    }

    #[test]
    fn many_unterminated_named_references_stay_linear() {
        let template: Vec<u16> = utf16("$<").repeat(200_000);
        let mut calls = 0;
        let mut lookup = |_: &[u16]| -> Result<Option<Vec<u16>>, Infallible> {
            calls += 1;
            Ok(None)
        };
        let out = get_substitution(&[], &[], 0, &[], Some(&mut lookup), &template);
        assert_eq!(out.map(|v| v.len()).unwrap_or(0), template.len());
        assert_eq!(calls, 0);
        // Many references sharing one distant `>`.
        let mut template = utf16("$<").repeat(100_000);
        template.extend(utf16(">"));
        let mut names = Vec::new();
        let mut lookup = |name: &[u16]| -> Result<Option<Vec<u16>>, Infallible> {
            names.push(name.len());
            Ok(Some(utf16("z")))
        };
        let out = get_substitution(&[], &[], 0, &[], Some(&mut lookup), &template);
        assert_eq!(out.ok(), Some(utf16("z")));
        assert_eq!(names, [template.len() - 3]);
    }
}
