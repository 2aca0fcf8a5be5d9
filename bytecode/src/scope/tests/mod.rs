//! Unit tests of the scope analysis: sources are parsed with moat-parser and resolutions
//! checked at the byte offsets of chosen tokens.

mod closures;
mod dynamic;
mod functions;
mod programs;

use super::*;
use moat_parser::{parse_module, parse_script, ParseOptions};

pub(super) fn script(src: &str) -> ScopeAnalysis {
    let ast = parse_script(src, ParseOptions::default()).expect("test source parses");
    analyze_script(&ast).expect("analysis succeeds")
}

pub(super) fn module(src: &str) -> ScopeAnalysis {
    let ast = parse_module(src, ParseOptions::default()).expect("test source parses");
    analyze_module(&ast).expect("analysis succeeds")
}

/// Byte offset of the `nth` (0-based) occurrence of `needle` in `src`.
pub(super) fn at(src: &str, needle: &str, nth: usize) -> u32 {
    let pos = src
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} not in {src:?}"))
        .0;
    pos as u32
}

/// The resolution of the identifier at the `nth` occurrence of `needle`.
pub(super) fn res(a: &ScopeAnalysis, src: &str, needle: &str, nth: usize) -> Resolution {
    a.identifier(at(src, needle, nth))
        .unwrap_or_else(|| panic!("no reference at {needle:?} #{nth}"))
}

pub(super) fn is_local(r: Resolution) -> bool {
    matches!(r, Resolution::Local { .. })
}

pub(super) fn tdz(r: Resolution) -> bool {
    match r {
        Resolution::Local {
            needs_tdz_check, ..
        }
        | Resolution::Environment {
            needs_tdz_check, ..
        } => needs_tdz_check,
        _ => false,
    }
}

pub(super) fn hops(r: Resolution) -> Option<u16> {
    match r {
        Resolution::Environment { hops, .. } => Some(hops),
        _ => None,
    }
}

/// The function whose node starts at the `nth` occurrence of `needle`.
pub(super) fn func<'a>(
    a: &'a ScopeAnalysis,
    src: &str,
    needle: &str,
    nth: usize,
) -> &'a FunctionScopes {
    let id = a
        .function_of(at(src, needle, nth))
        .unwrap_or_else(|| panic!("no function at {needle:?} #{nth}"));
    a.function(id).expect("function id is valid")
}

pub(super) fn scope<'a>(
    a: &'a ScopeAnalysis,
    kind: ScopeKind,
    src: &str,
    needle: &str,
    nth: usize,
) -> &'a ScopeInfo {
    let id = a
        .scope_of(kind, at(src, needle, nth))
        .unwrap_or_else(|| panic!("no {kind:?} scope at {needle:?} #{nth}"));
    a.scope(id).expect("scope id is valid")
}

pub(super) fn binding<'a>(s: &'a ScopeInfo, name: &str) -> &'a Binding {
    s.bindings
        .iter()
        .find(|b| &*b.name == name)
        .unwrap_or_else(|| panic!("no binding {name}"))
}
