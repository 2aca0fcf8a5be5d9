//! Compiles snippets and checks the disassembly and structural facts of the code.

use crate::code::{CodeBlock, CodeFlags, Constant};
use crate::disasm::disassemble;
use crate::isa::Insn;
use moat_parser::{parse_module, parse_script, ParseOptions};
use std::sync::Arc;

fn script(src: &str) -> Arc<CodeBlock> {
    let ast = parse_script(src, ParseOptions::default()).expect("test source parses");
    super::compile_script(&ast, src, "t.js").expect("test source compiles")
}

fn has(code: &CodeBlock, pred: impl Fn(&Insn) -> bool) -> bool {
    code.code.iter().any(pred)
}

fn has_anywhere(code: &CodeBlock, pred: &dyn Fn(&Insn) -> bool) -> bool {
    code.code.iter().any(pred) || code.functions.iter().any(|f| has_anywhere(f, pred))
}

#[test]
fn globals_are_declared_and_accessed_by_name() {
    let c = script("var a = 1; let b = 2; a + b;");
    assert!(has(&c, |i| matches!(i, Insn::DeclareGlobals { .. })));
    assert!(has(&c, |i| matches!(i, Insn::SetGlobal { .. })));
    assert!(has(&c, |i| matches!(i, Insn::InitGlobalLexical { .. })));
    assert!(has(&c, |i| matches!(i, Insn::Add { .. })));
    let d = c.constants.iter().find_map(|k| match k {
        Constant::Declarations(d) => Some(d.clone()),
        _ => None,
    });
    let d = d.expect("declarations constant");
    assert_eq!(d.var_names.len(), 1);
    assert_eq!(d.lexical.len(), 1);
}

#[test]
fn captured_locals_use_environments_and_plain_locals_use_registers() {
    let c = script("function f(x) { let y = x; return () => y; }");
    let f = c.functions.first().expect("f compiled");
    assert!(f.flags.contains(CodeFlags::NEEDS_ENV) || has(f, |i| matches!(i, Insn::SetEnv { .. })));
    let arrow = f.functions.first().expect("arrow compiled");
    assert!(arrow.flags.contains(CodeFlags::ARROW));
    assert!(has(arrow, |i| matches!(
        i,
        Insn::GetEnv { .. } | Insn::GetEnvChecked { .. }
    )));
}

#[test]
fn completion_value_of_if_without_value_is_undefined() {
    let c = script("1; if (true) {}");
    // The last store into the completion register before Return is LoadUndefined.
    let Some(Insn::Return { src }) = c.code.last().copied() else {
        panic!("no return");
    };
    assert!(has(
        &c,
        |i| matches!(i, Insn::LoadUndefined { dst } if *dst == src)
    ));
}

#[test]
fn short_circuit_and_nullish_emit_conditional_jumps() {
    let c = script("a && b; a || b; a ?? b;");
    assert!(has(&c, |i| matches!(i, Insn::JumpIfFalse { .. })));
    assert!(has(&c, |i| matches!(i, Insn::JumpIfTrue { .. })));
    assert!(has(&c, |i| matches!(i, Insn::JumpIfNotNullish { .. })));
}

#[test]
fn optional_chain_short_circuits() {
    let c = script("a?.b.c(); a?.[1];");
    assert!(has(&c, |i| matches!(i, Insn::JumpIfNullish { .. })));
}

#[test]
fn member_compound_assignment_reads_then_writes() {
    let c = script("o.x += 1; o[k] ??= 2;");
    assert!(has(&c, |i| matches!(i, Insn::GetProp { .. })));
    assert!(has(&c, |i| matches!(i, Insn::SetProp { .. })));
    assert!(has(&c, |i| matches!(i, Insn::ToPropertyKey { .. })));
    assert!(has(&c, |i| matches!(i, Insn::SetElem { .. })));
}

#[test]
fn try_finally_routes_through_jump_table() {
    let c = script("function f() { for (;;) { try { break; } finally { g(); } } return 1; }");
    let f = c.functions.first().expect("f");
    assert!(has(f, |i| matches!(i, Insn::JumpTable { .. })));
    assert!(!f.handlers.is_empty());
    let tables: Vec<_> = f
        .constants
        .iter()
        .filter_map(|k| match k {
            Constant::JumpTable(t) => Some(t.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(tables.len(), 1);
    assert_eq!(tables[0].len(), 3, "fallthrough, rethrow, break");
    assert!(tables[0].iter().all(|&t| (t as usize) <= f.code.len()));
}

#[test]
fn for_of_closes_iterator_on_break_and_throw() {
    let c = script("for (const x of xs) { if (x) break; }");
    assert!(has(&c, |i| matches!(i, Insn::GetIterator { .. })));
    assert!(has(&c, |i| matches!(i, Insn::IteratorClose { .. })));
    assert!(has(&c, |i| matches!(i, Insn::IteratorCloseQuiet { .. })));
    assert_eq!(c.handlers.len(), 1);
}

#[test]
fn destructuring_uses_iterators_and_copy_data_properties() {
    let c = script("let [a, , ...b] = x; let {c, d: [e] = 1, ...f} = y;");
    assert!(has(&c, |i| matches!(i, Insn::IteratorNext { .. })));
    assert!(has(&c, |i| matches!(
        i,
        Insn::CopyDataProperties { count: 2, .. }
    )));
    assert!(has(&c, |i| matches!(
        i,
        Insn::RequireObjectCoercible { .. }
    )));
}

#[test]
fn classes_define_methods_fields_and_private_names() {
    let c = script(
        "class A extends B { #p = 1; static s = 2; constructor() { super(); } m() { return this.#p; } static { } get g() { return 1; } }",
    );
    assert!(has(&c, |i| matches!(
        i,
        Insn::NewClass { derived: true, .. }
    )));
    assert!(has(&c, |i| matches!(i, Insn::PushPrivateEnv { .. })));
    assert!(has(&c, |i| matches!(i, Insn::AddField { .. })));
    assert!(has(&c, |i| matches!(
        i,
        Insn::DefineGetter {
            enumerable: false,
            ..
        }
    )));
    assert!(has_anywhere(&c, &|i| matches!(i, Insn::SuperCall { .. })));
    assert!(has_anywhere(&c, &|i| matches!(i, Insn::GetPrivate { .. })));
}

#[test]
fn generators_start_and_yield() {
    let c = script("function* g() { const x = yield 1; yield* x; }");
    let g = c.functions.first().expect("g");
    assert!(g.flags.contains(CodeFlags::GENERATOR));
    assert!(has(g, |i| matches!(i, Insn::GeneratorStart)));
    assert!(has(g, |i| matches!(i, Insn::Yield { .. })));
    assert!(has(g, |i| matches!(i, Insn::YieldRaw { .. })));
}

#[test]
fn tagged_templates_use_a_template_site() {
    let c = script("tag`a${1}b`; `x${y}z`;");
    assert!(has(&c, |i| matches!(i, Insn::GetTemplateObject { .. })));
    assert!(c
        .constants
        .iter()
        .any(|k| matches!(k, Constant::TemplateSite { .. })));
    assert!(has(&c, |i| matches!(i, Insn::ToString { .. })));
}

#[test]
fn modules_record_imports_and_exports() {
    let src = "import a, { b as c } from './m.js'; export const d = a + c; export default 1; export * from './n.js';";
    let ast = parse_module(src, ParseOptions::default()).expect("parses");
    let m = super::compile_module(&ast, src, "m.mjs").expect("compiles");
    let Some(Constant::Module(desc)) = m.constants.first() else {
        panic!("no module constant");
    };
    assert_eq!(desc.imports.len(), 2);
    assert_eq!(desc.requests.len(), 2);
    assert_eq!(desc.star_exports.len(), 1);
    assert!(desc.local_exports.len() >= 2);
    assert!(has(&m, |i| matches!(i, Insn::GetImport { .. })));
}

#[test]
fn labelled_continue_and_switch_compile() {
    let c = script("outer: for (let i = 0; i < 3; i++) { switch (i) { case 1: continue outer; default: break; } }");
    assert!(has(&c, |i| matches!(i, Insn::JumpIfStrictEq { .. })));
}

#[test]
fn disassembly_lists_functions_constants_and_handlers() {
    let c = script("function f() { try { return 'x'; } catch (e) { return 2.5; } }");
    let text = disassemble(&c);
    assert!(text.contains("== function main"));
    assert!(text.contains("== function main/0 \"f\""));
    assert!(text.contains("string \"x\""));
    assert!(text.contains("number 2.5"));
    assert!(text.contains("handlers:"));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let src = format!("{}1{}", "[".repeat(3000), "]".repeat(3000));
    if let Ok(ast) = parse_script(&src, ParseOptions::default()) {
        let r = super::compile_script(&ast, &src, "t.js");
        assert!(r.is_err());
    }
}

#[test]
fn arguments_object_is_created_when_used() {
    let c =
        script("function f(a) { return arguments[0]; } function g(a = 1) { return arguments; }");
    let f = c.functions.first().expect("f");
    assert!(has(f, |i| matches!(i, Insn::CreateMappedArguments { .. })));
    assert!(f
        .constants
        .iter()
        .any(|k| matches!(k, crate::code::Constant::ArgumentsMap(m) if m[..] == [Some(0)])));
    let g = c.functions.get(1).expect("g");
    assert!(has(g, |i| matches!(
        i,
        Insn::CreateArguments { mapped: false, .. }
    )));
    assert_eq!(g.length, 0);
}

#[test]
fn eval_code_compiles_with_declarations() {
    let src = "var x = 1; function h() {} x;";
    let ast = parse_script(src, ParseOptions::default()).expect("parses");
    let c = super::compile_eval(&ast, src, "eval", false, true).expect("compiles");
    assert!(has(&c, |i| matches!(i, Insn::DeclareGlobals { .. })));
}

#[test]
fn dynamic_compound_assignment_resolves_its_reference_once() {
    let c = script("with ({}) { x += 1; }");
    assert!(has(&c, |i| matches!(i, Insn::ResolveNameRef { .. })));
    assert!(has(&c, |i| matches!(i, Insn::GetNameRef { .. })));
    assert!(has(&c, |i| matches!(i, Insn::SetNameRef { .. })));
    assert!(!has(&c, |i| matches!(i, Insn::SetName { .. })));
}

#[test]
fn compound_element_assignment_checks_the_base_before_the_key() {
    let c = script("var o; o[k] += 1;");
    let guard = c
        .code
        .iter()
        .position(|i| matches!(i, Insn::RequireObjectCoercible { .. }));
    let key = c
        .code
        .iter()
        .position(|i| matches!(i, Insn::ToPropertyKey { .. }));
    assert!(matches!((guard, key), (Some(g), Some(k)) if g < k));
}

#[test]
fn only_strict_calls_in_tail_position_are_tail_calls() {
    let tail = |src: &str| has_anywhere(&script(src), &|i| matches!(i, Insn::TailCall { .. }));
    assert!(tail("'use strict'; function f(n) { return f(n - 1); }"));
    assert!(tail(
        "'use strict'; function f(n) { return n ? (0, f(n)) : g(); }"
    ));
    assert!(tail("'use strict'; function f(n) { return n && f(n); }"));
    assert!(tail("'use strict'; var f = n => f(n);"));
    assert!(tail(
        "'use strict'; function f(n) { try { } finally { return f(n); } }"
    ));
    // Not in tail position: sloppy code, try blocks, catch blocks with a finally, for-of,
    // generators and async functions, and calls whose result is used.
    assert!(!tail("function f(n) { return f(n - 1); }"));
    assert!(!tail(
        "'use strict'; function f(n) { try { return f(n); } catch (e) {} }"
    ));
    assert!(!tail(
        "'use strict'; function f(n) { try {} catch (e) { return f(n); } finally {} }"
    ));
    assert!(!tail(
        "'use strict'; function f(n) { for (var x of n) return f(x); }"
    ));
    assert!(!tail("'use strict'; function* f(n) { return f(n); }"));
    assert!(!tail("'use strict'; async function f(n) { return f(n); }"));
    assert!(!tail("'use strict'; function f(n) { return f(n) + 1; }"));
}

#[test]
fn strict_global_assignments_resolve_before_a_right_hand_side_that_runs_code() {
    let checked = script("'use strict'; x = f();");
    assert!(has(&checked, |i| matches!(i, Insn::HasGlobal { .. })));
    // Nothing can create the binding in between: no extra check.
    let plain = script("'use strict'; x = 1; y = function () {};");
    assert!(!has(&plain, |i| matches!(i, Insn::HasGlobal { .. })));
    let sloppy = script("x = f();");
    assert!(!has(&sloppy, |i| matches!(i, Insn::HasGlobal { .. })));
}

#[test]
fn a_call_named_eval_in_tail_position_may_be_a_tail_call() {
    let c = script("function f(n) { 'use strict'; return eval(n); }");
    let f = c.functions.first().expect("f compiled");
    assert!(has(f, |i| matches!(i, Insn::TailCallEval { .. })));
    let sloppy = script("function f(n) { return eval(n); }");
    let f = sloppy.functions.first().expect("f compiled");
    assert!(!has(f, |i| matches!(i, Insn::TailCallEval { .. })));
}
