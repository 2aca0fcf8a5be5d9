//! Direct `eval` and `with`: dynamic lookups only where they can intervene.

use super::*;

#[test]
fn sloppy_eval_makes_names_outside_its_var_scope_dynamic() {
    let src = "function f() { var x; let w; function g() { var z; eval(''); return x + z; } return y + w; }";
    let a = script(src);
    // g's own var is static (eval can only redeclare it), f's `x` may be shadowed by an
    // eval-created var of g.
    assert!(matches!(
        res(&a, src, "z;", 1),
        Resolution::Environment { .. }
    ));
    assert_eq!(res(&a, src, "x +", 0), Resolution::Dynamic);
    // Outside g nothing changes.
    assert_eq!(res(&a, src, "y +", 0), Resolution::Global);
    let g = func(&a, src, "function g", 0);
    assert!(g.has_direct_eval && g.has_sloppy_direct_eval);
    assert!(a.scope(g.var_scope).expect("scope").eval_may_add_vars);
    // Everything eval can see is environment-resident, including f's `w`.
    let f = func(&a, src, "function f", 0);
    let fs = a.scope(f.function_scope).expect("scope");
    assert!(matches!(
        binding(fs, "x").location,
        BindingLocation::Slot(_)
    ));
    assert!(matches!(
        binding(fs, "w").location,
        BindingLocation::Slot(_)
    ));
    assert!(matches!(
        res(&a, src, "w;", 1),
        Resolution::Environment { .. }
    ));
    // Eval sees g's receiver and arguments, not f's.
    assert!(g.this_in_environment);
    assert_eq!(g.arguments, ArgumentsObject::Mapped);
    assert!(!f.this_in_environment);
    assert_eq!(f.arguments, ArgumentsObject::None);
}

#[test]
fn strict_eval_reads_but_does_not_add_bindings() {
    let src = "'use strict'; function f() { let x = 1; eval(''); return x + y; }";
    let a = script(src);
    assert!(matches!(
        res(&a, src, "x +", 0),
        Resolution::Environment {
            hops: 0,
            needs_tdz_check: false,
            ..
        }
    ));
    assert_eq!(res(&a, src, "y;", 0), Resolution::Global);
    let f = func(&a, src, "function", 0);
    assert!(f.has_direct_eval && !f.has_sloppy_direct_eval);
    assert!(f.this_in_environment);
    assert_eq!(f.arguments, ArgumentsObject::Unmapped);
}

#[test]
fn eval_in_arrow_reaches_the_enclosing_receiver() {
    let src = "function f() { return () => eval('this'); }";
    let a = script(src);
    let f = func(&a, src, "function", 0);
    assert!(f.this_in_environment);
    assert_eq!(f.arguments, ArgumentsObject::Mapped);
}

#[test]
fn only_direct_eval_forms_count() {
    let src = "function f() { (0, eval)(''); eval?.(''); window.eval(''); }";
    let a = script(src);
    assert!(!func(&a, src, "function", 0).has_direct_eval);
    let src = "function f() { (eval)(''); }";
    let a = script(src);
    assert!(func(&a, src, "function", 0).has_direct_eval);
    assert!(a.direct_eval(at(src, "(eval)", 0)).is_some());
}

#[test]
fn sloppy_eval_in_parameters_targets_the_function_scope() {
    let src = "function f(a = eval('var z = 1'), b = a, c = z) { return q; }";
    let a = script(src);
    // Parameters are found before the eval-created vars.
    assert!(matches!(
        res(&a, src, "a,", 0),
        Resolution::Environment { .. }
    ));
    assert_eq!(res(&a, src, "z)", 0), Resolution::Dynamic);
    assert_eq!(res(&a, src, "q;", 0), Resolution::Dynamic);
    let f = func(&a, src, "function", 0);
    assert!(a.scope(f.function_scope).expect("scope").eval_may_add_vars);
}

#[test]
fn script_level_eval_leaves_globals_global() {
    let src = "eval('var x'); x; { let y; y; } { let w; eval(''); w; }";
    let a = script(src);
    assert_eq!(res(&a, src, "x;", 0), Resolution::Global);
    // Only blocks around an eval are visible to it.
    assert!(is_local(res(&a, src, "y;", 1)));
    assert!(matches!(
        res(&a, src, "w;", 1),
        Resolution::Environment { .. }
    ));
}

#[test]
fn with_makes_references_in_its_body_dynamic() {
    let src = "function f(o) { let x; with (o) { x; } x; }";
    let a = script(src);
    assert_eq!(res(&a, src, "x;", 1), Resolution::Dynamic);
    // The fallback binding must be reachable by name, so it is in the environment.
    assert!(matches!(
        res(&a, src, "x;", 2),
        Resolution::Environment { hops: 0, .. }
    ));
    assert!(func(&a, src, "function", 0).contains_with);
    let w = scope(&a, ScopeKind::With, src, "with", 0);
    assert!(w.needs_environment);
}

#[test]
fn with_does_not_affect_bindings_declared_inside() {
    let src = "function f(o) { with (o) { let b; b; (function () { let y; y; return z; }); } }";
    let a = script(src);
    assert!(is_local(res(&a, src, "b;", 1)));
    assert!(is_local(res(&a, src, "y;", 1)));
    assert_eq!(res(&a, src, "z;", 0), Resolution::Dynamic);
}

#[test]
fn var_declarator_inside_with_assigns_dynamically() {
    let src = "function f(o) { with (o) var x = 1; return x; }";
    let a = script(src);
    assert_eq!(res(&a, src, "x = 1", 0), Resolution::Dynamic);
    assert!(matches!(
        res(&a, src, "x;", 0),
        Resolution::Environment { .. }
    ));
}

#[test]
fn annex_b_target_is_static_even_inside_with() {
    let src = "function f(o) { with (o) { function g() {} } }";
    let a = script(src);
    let target = a
        .annex_b_var_target(at(src, "function g", 0))
        .expect("annex B");
    assert!(is_local(target));
}
