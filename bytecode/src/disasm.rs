//! A human-readable listing of compiled code (`moat --disasm`): every instruction with its
//! index and source line, the constant pool, the exception handlers, then each nested
//! function after its parent.

use std::fmt::Write;

use crate::code::{CodeBlock, Constant};

/// The listing of `code` and, recursively, of its nested functions.
pub fn disassemble(code: &CodeBlock) -> String {
    let mut out = String::new();
    block(code, "main", &mut out);
    out
}

fn utf16_lossy(units: &[u16]) -> String {
    String::from_utf16_lossy(units)
}

fn block(code: &CodeBlock, path: &str, out: &mut String) {
    let name = utf16_lossy(&code.name);
    let _ = writeln!(
        out,
        "== function {path} {:?} (params {}, registers {}, length {}, flags {:#06x}) ==",
        name,
        code.param_count,
        code.register_count,
        code.length,
        code.flags.bits()
    );
    if let Some(scope) = &code.entry_scope {
        let names: Vec<String> = scope.names.iter().map(|n| utf16_lossy(n)).collect();
        let _ = writeln!(out, "  entry scope: [{}]", names.join(", "));
    }
    for (i, insn) in code.code.iter().enumerate() {
        let pc = u32::try_from(i).unwrap_or(u32::MAX);
        let line = code
            .position(pc)
            .map_or(String::new(), |p| format!("{}:{}", p.line, p.column));
        let _ = writeln!(out, "  {i:>5}  {line:>9}  {insn:?}");
    }
    if !code.constants.is_empty() {
        let _ = writeln!(out, "  constants:");
        for (i, c) in code.constants.iter().enumerate() {
            let _ = writeln!(out, "    #{i}: {}", constant(c));
        }
    }
    if !code.handlers.is_empty() {
        let _ = writeln!(out, "  handlers:");
        for h in &code.handlers {
            let _ = writeln!(
                out,
                "    [{}, {}) -> {} exception r{} scope depth {}",
                h.start, h.end, h.handler, h.exception, h.scope_depth
            );
        }
    }
    // Nesting is bounded by the compiler's own depth limit.
    for (i, f) in code.functions.iter().enumerate() {
        block(f, &format!("{path}/{i}"), out);
    }
}

fn constant(c: &Constant) -> String {
    match c {
        Constant::Number(n) => format!("number {n}"),
        Constant::String(s) => format!("string {:?}", utf16_lossy(s)),
        Constant::BigInt(b) => format!("bigint {b}n"),
        Constant::RegExp { pattern, flags } => format!("regexp /{pattern}/{flags}"),
        Constant::TemplateSite { raw, .. } => {
            let raw: Vec<String> = raw.iter().map(|r| utf16_lossy(r)).collect();
            format!("template site {raw:?}")
        }
        Constant::Scope(s) => {
            let names: Vec<String> = s.names.iter().map(|n| utf16_lossy(n)).collect();
            format!(
                "scope [{}]{}",
                names.join(", "),
                if s.dynamic { " dynamic" } else { "" }
            )
        }
        Constant::Declarations(d) => {
            let vars: Vec<String> = d.var_names.iter().map(|n| utf16_lossy(n)).collect();
            let funcs: Vec<String> = d
                .functions
                .iter()
                .map(|(n, i)| format!("{}=f{i}", utf16_lossy(n)))
                .collect();
            let lex: Vec<String> = d
                .lexical
                .iter()
                .map(|(n, c)| format!("{}{}", if *c { "const " } else { "let " }, utf16_lossy(n)))
                .collect();
            format!(
                "declarations var [{}] function [{}] lexical [{}]",
                vars.join(", "),
                funcs.join(", "),
                lex.join(", ")
            )
        }
        Constant::JumpTable(t) => format!("jump table {t:?}"),
        Constant::ArgumentsMap(m) => format!("arguments map {m:?}"),
        Constant::Module(m) => {
            let reqs: Vec<String> = m.requests.iter().map(|r| utf16_lossy(r)).collect();
            format!(
                "module requests {reqs:?}, {} imports, {} local exports, {} indirect exports, {} star exports",
                m.imports.len(),
                m.local_exports.len(),
                m.indirect_exports.len(),
                m.star_exports.len()
            )
        }
    }
}
