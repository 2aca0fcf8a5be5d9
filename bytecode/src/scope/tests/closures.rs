//! Registers versus environments, hop counts, TDZ flags, loops, function and class names.

use super::*;

#[test]
fn uncaptured_let_is_a_register() {
    let src = "function f() { let x = 1; return x; }";
    let a = script(src);
    let decl = a
        .reference(RefKind::Identifier, at(src, "x", 0))
        .expect("declaration recorded");
    assert!(decl.is_declaration);
    assert!(is_local(decl.resolution));
    let read = res(&a, src, "x;", 0);
    assert_eq!(read, decl.resolution);
    assert!(!tdz(read));
    let f = func(&a, src, "function", 0);
    assert!(f.register_count >= 1);
    assert!(!a.scope(f.function_scope).expect("scope").needs_environment);
}

#[test]
fn captured_let_lives_in_the_environment() {
    let src = "function f() { let x = 1; return () => x; }";
    let a = script(src);
    let inner = res(&a, src, "x;", 0);
    assert_eq!(
        inner,
        Resolution::Environment {
            hops: 0,
            slot: 0,
            needs_tdz_check: false
        }
    );
    let f = func(&a, src, "function", 0);
    let fs = a.scope(f.function_scope).expect("scope");
    assert!(fs.needs_environment);
    assert_eq!(binding(fs, "x").location, BindingLocation::Slot(0));
}

#[test]
fn hops_count_only_scopes_with_environments() {
    let src = "function f() { let a = 1; { let b = 2; { let c = 3; return () => a + b + c; } } }";
    let a = script(src);
    assert_eq!(hops(res(&a, src, "c;", 0)), Some(0));
    assert_eq!(hops(res(&a, src, "b +", 0)), Some(1));
    assert_eq!(hops(res(&a, src, "a +", 0)), Some(2));
    // From the declaring scope itself.
    assert_eq!(hops(res(&a, src, "a = 1", 0)), Some(0));
}

#[test]
fn hops_across_nested_closures() {
    let src = "function f() { let a; function g() { let b; let u; u; return function h() { return a + b; }; } }";
    let a = script(src);
    assert_eq!(hops(res(&a, src, "b;", 1)), Some(0));
    assert_eq!(hops(res(&a, src, "a +", 0)), Some(1));
    // g's uncaptured `u` stays in a register.
    assert!(is_local(res(&a, src, "u;", 1)));
}

#[test]
fn empty_blocks_do_not_add_hops() {
    let src = "function f() { let a; { { { return () => a; } } } }";
    let a = script(src);
    assert_eq!(hops(res(&a, src, "a;", 1)), Some(0));
}

#[test]
fn tdz_only_before_the_declaration() {
    let src = "function f() { x0(x); let x = 1; x1(x); let y = y; }";
    let a = script(src);
    assert!(tdz(res(&a, src, "x)", 0)));
    assert!(!tdz(res(&a, src, "x)", 1)));
    assert!(tdz(res(&a, src, "y;", 0)));
}

#[test]
fn tdz_through_hoisted_function_but_not_later_arrow() {
    let src = "function f() { function g() { return x; } let x = 1; const h = () => x; }";
    let a = script(src);
    assert!(tdz(res(&a, src, "x;", 0)));
    assert!(!tdz(res(&a, src, "x;", 1)));
}

#[test]
fn tdz_in_switch_cases_always() {
    let src = "function f(v) { switch (v) { case 0: let x = 1; case 1: x; } }";
    let a = script(src);
    assert!(tdz(res(&a, src, "x;", 0)));
}

#[test]
fn var_and_function_never_need_tdz() {
    let src = "function f() { x; g; var x; function g() {} }";
    let a = script(src);
    assert!(!tdz(res(&a, src, "x;", 0)));
    assert!(!tdz(res(&a, src, "g;", 0)));
}

#[test]
fn per_iteration_copy_only_when_captured() {
    let src = "function f(fs) { for (let i = 0; i < 3; i++) fs.push(() => i); for (let j = 0; j < 3; j++) j; }";
    let a = script(src);
    let first = scope(&a, ScopeKind::For, src, "for", 0);
    assert!(first.needs_environment);
    assert!(first.per_iteration_copy);
    let second = scope(&a, ScopeKind::For, src, "for", 1);
    assert!(!second.needs_environment);
    assert!(!second.per_iteration_copy);
    assert!(is_local(res(&a, src, "j;", 0)));
    assert!(!tdz(res(&a, src, "i < 3", 0)));
}

#[test]
fn const_loop_heads_are_not_copied() {
    let src = "function f(fs) { for (const i = 0; ; ) fs.push(() => i); }";
    let a = script(src);
    let s = scope(&a, ScopeKind::For, src, "for", 0);
    assert!(s.needs_environment);
    assert!(!s.per_iteration_copy);
}

#[test]
fn for_of_head_expression_sees_uninitialized_names() {
    let src = "function f() { for (let x of x) { x; } }";
    let a = script(src);
    let head = res(&a, src, "x)", 0);
    assert!(tdz(head));
    let r = a
        .reference(RefKind::Identifier, at(src, "x)", 0))
        .expect("reference");
    let head_scope = scope(&a, ScopeKind::ForInOfHead, src, "for", 0);
    assert_eq!(
        r.binding.map(|b| a.scope(b.scope).map(|s| s.kind)),
        Some(Some(head_scope.kind))
    );
    assert!(!tdz(res(&a, src, "x;", 0)));
    let iter = scope(&a, ScopeKind::ForInOf, src, "for", 0);
    assert_eq!(binding(iter, "x").kind, BindingKind::Let);
}

#[test]
fn named_function_expression_binds_its_name_outside() {
    let src = "var k = function fact(n) { return n ? fact(n - 1) : 1; };";
    let a = script(src);
    let r = res(&a, src, "fact(n -", 0);
    assert_eq!(
        r,
        Resolution::Environment {
            hops: 0,
            slot: 0,
            needs_tdz_check: false
        }
    );
    let s = scope(&a, ScopeKind::FunctionName, src, "function", 0);
    assert!(s.needs_environment);
    assert_eq!(binding(s, "fact").kind, BindingKind::FunctionName);
    assert!(is_local(res(&a, src, "n ?", 0)));
}

#[test]
fn unused_function_expression_name_needs_nothing() {
    let src = "var k = function g() { return 1; };";
    let a = script(src);
    let s = scope(&a, ScopeKind::FunctionName, src, "function", 0);
    assert!(!s.needs_environment);
    assert_eq!(binding(s, "g").location, BindingLocation::Unused);
}

#[test]
fn class_name_binding_inside_the_class() {
    let src = "class C { [C] = 1; m() { return C; } static s = C; }";
    let a = script(src);
    // Computed keys run before the inner binding is initialised.
    assert!(tdz(res(&a, src, "C]", 0)));
    let m = res(&a, src, "C;", 0);
    assert!(matches!(m, Resolution::Environment { .. }));
    assert!(!tdz(m));
    assert!(!tdz(res(&a, src, "C;", 1)));
    let cs = scope(&a, ScopeKind::Class, src, "class", 0);
    assert_eq!(binding(cs, "C").kind, BindingKind::ClassName);
    // The outer binding is a script-level lexical: global.
    assert_eq!(res(&a, src, "C", 0), Resolution::Global);
}

#[test]
fn catch_parameter_captured() {
    let src = "function f() { try {} catch (e) { return () => e; } }";
    let a = script(src);
    let c = scope(&a, ScopeKind::Catch, src, "catch", 0);
    assert!(c.needs_environment);
    assert_eq!(binding(c, "e").kind, BindingKind::CatchParameter);
    assert_eq!(hops(res(&a, src, "e;", 0)), Some(0));
}

#[test]
fn sibling_blocks_share_registers() {
    let src = "function f() { { let a = 1; a; } { let b = 2; b; } }";
    let a = script(src);
    assert_eq!(res(&a, src, "a;", 0), res(&a, src, "b;", 0));
    assert_eq!(func(&a, src, "function", 0).register_count, 1);
}

#[test]
fn function_declarations_hoist_last_of_each_name() {
    let src = "function f() { function a() { 1 } function b() {} function a() { 2 } }";
    let a = script(src);
    let f = func(&a, src, "function", 0);
    let vs = a.scope(f.var_scope).expect("scope");
    assert_eq!(
        vs.hoisted_functions,
        vec![at(src, "function b", 0), at(src, "function a() { 2", 0)]
    );
}
