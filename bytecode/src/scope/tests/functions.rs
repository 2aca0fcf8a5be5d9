//! `arguments`, `this` and `super` through arrows, parameter scopes, Annex B functions.

use super::*;

fn arguments_of(src: &str, nth_function: usize) -> (ScopeAnalysis, ArgumentsObject) {
    let a = script(src);
    let k = func(&a, src, "function", nth_function).arguments;
    (a, k)
}

#[test]
fn sloppy_simple_parameters_get_mapped_arguments() {
    let src = "function f(a, b) { return arguments; }";
    let (a, k) = arguments_of(src, 0);
    assert_eq!(k, ArgumentsObject::Mapped);
    // Mapping aliases the parameters, so they move to the environment.
    let fs = a
        .scope(func(&a, src, "function", 0).function_scope)
        .expect("scope");
    assert!(matches!(
        binding(fs, "a").location,
        BindingLocation::Slot(_)
    ));
    assert!(matches!(
        binding(fs, "b").location,
        BindingLocation::Slot(_)
    ));
    assert_eq!(binding(fs, "arguments").kind, BindingKind::Arguments);
}

#[test]
fn strict_or_complex_parameters_get_unmapped_arguments() {
    let (a, k) = arguments_of("function f(a) { 'use strict'; return arguments; }", 0);
    assert_eq!(k, ArgumentsObject::Unmapped);
    let src = "function f(a) { 'use strict'; return arguments; }";
    let fs = a
        .scope(func(&a, src, "function", 0).function_scope)
        .expect("scope");
    assert!(matches!(
        binding(fs, "a").location,
        BindingLocation::Register(_)
    ));
    assert_eq!(
        arguments_of("function f(a = 1) { return arguments; }", 0).1,
        ArgumentsObject::Unmapped
    );
    assert_eq!(
        arguments_of("function f(...r) { return arguments; }", 0).1,
        ArgumentsObject::Unmapped
    );
}

#[test]
fn unreferenced_arguments_is_not_created() {
    let (a, k) = arguments_of("function f(a) { return a; }", 0);
    assert_eq!(k, ArgumentsObject::None);
    let src = "function f(a) { return a; }";
    assert!(is_local(res(&a, src, "a;", 0)));
}

#[test]
fn arguments_shadowed_by_parameter_or_declarations() {
    let src = "function f(arguments) { return arguments; }";
    let (a, k) = arguments_of(src, 0);
    assert_eq!(k, ArgumentsObject::None);
    let r = a
        .reference(RefKind::Identifier, at(src, "arguments;", 0))
        .expect("reference");
    assert_eq!(
        r.binding.and_then(|b| a.binding(b)).map(|b| b.kind),
        Some(BindingKind::Parameter)
    );
    assert_eq!(
        arguments_of("function f() { let arguments = 1; return arguments; }", 0).1,
        ArgumentsObject::None
    );
    assert_eq!(
        arguments_of(
            "function f() { function arguments() {} return arguments; }",
            0
        )
        .1,
        ArgumentsObject::None
    );
    // `var arguments` does not shadow: it is the same binding.
    assert_eq!(
        arguments_of("function f() { var arguments; return arguments; }", 0).1,
        ArgumentsObject::Mapped
    );
}

#[test]
fn arrows_use_the_enclosing_arguments() {
    let src = "function f() { return () => arguments; }";
    let a = script(src);
    let f = func(&a, src, "function", 0);
    assert_eq!(f.arguments, ArgumentsObject::Mapped);
    assert!(matches!(
        res(&a, src, "arguments", 0),
        Resolution::Environment { hops: 0, .. }
    ));
    let arrow = func(&a, src, "() =>", 0);
    assert!(arrow.is_arrow);
    assert_eq!(arrow.arguments, ArgumentsObject::None);
}

#[test]
fn this_stays_local_unless_an_arrow_reads_it() {
    let src = "function f() { return this; } function g() { return () => this; }";
    let a = script(src);
    assert!(is_local(a.this(at(src, "this", 0)).expect("this of f")));
    assert!(!func(&a, src, "function", 0).this_in_environment);
    assert!(matches!(
        a.this(at(src, "this", 1)).expect("this of g"),
        Resolution::Environment { hops: 0, .. }
    ));
    assert!(func(&a, src, "function", 1).this_in_environment);
}

#[test]
fn top_level_this_has_no_binding() {
    let src = "this; () => this;";
    let a = script(src);
    assert_eq!(a.this(at(src, "this", 0)), None);
    assert_eq!(a.this(at(src, "this", 1)), None);
}

#[test]
fn derived_constructor_this_is_checked_and_super_reaches_the_active_function() {
    let src = "class A extends B { constructor() { super(); this.x = 1; } m() { return () => super.m(); } }";
    let a = script(src);
    assert!(tdz(a.this(at(src, "this", 0)).expect("this")));
    let sup = at(src, "super.m", 0);
    assert!(matches!(
        a.reference(RefKind::ActiveFunction, sup)
            .map(|r| r.resolution),
        Some(Resolution::Environment { hops: 0, .. })
    ));
    assert!(matches!(
        a.reference(RefKind::This, sup).map(|r| r.resolution),
        Some(Resolution::Environment { .. })
    ));
    let call = at(src, "super()", 0);
    assert!(a.reference(RefKind::NewTarget, call).is_some());
    assert!(a.reference(RefKind::ActiveFunction, call).is_some());
}

#[test]
fn class_field_arrow_captures_the_initializer_this() {
    let src = "class A { x = () => this; }";
    let a = script(src);
    let field = func(&a, src, "x =", 0);
    assert_eq!(field.kind, CodeKind::ClassFieldInitializer);
    assert!(field.this_in_environment);
    assert!(matches!(
        a.this(at(src, "this", 0)),
        Some(Resolution::Environment { hops: 0, .. })
    ));
}

#[test]
fn parameter_expressions_get_a_separate_var_scope() {
    let src = "function f(a, b = () => a) { var a; var c; return a + c; }";
    let a = script(src);
    let f = func(&a, src, "function", 0);
    assert!(f.has_parameter_expressions);
    assert_ne!(f.function_scope, f.var_scope);
    let vs = a.scope(f.var_scope).expect("scope");
    assert_eq!(vs.kind, ScopeKind::FunctionBody);
    assert!(binding(vs, "a").init_from_parameter);
    assert!(!binding(vs, "c").init_from_parameter);
    // The body's `a` is the var copy; the closure in the parameters sees the parameter.
    assert!(is_local(res(&a, src, "a + c", 0)));
    assert!(matches!(
        res(&a, src, "a)", 0),
        Resolution::Environment { .. }
    ));
    let fs = a.scope(f.function_scope).expect("scope");
    assert!(binding(fs, "a").starts_uninitialized);
}

#[test]
fn parameter_tdz_within_the_parameter_list() {
    let src = "function f(a = b, b) { return b; }";
    let a = script(src);
    assert!(tdz(res(&a, src, "b,", 0)));
    assert!(!tdz(res(&a, src, "b;", 0)));
}

#[test]
fn annex_b_function_in_block_also_binds_a_var() {
    let src = "function f() { { function g() {} } return g; }";
    let a = script(src);
    let fstart = at(src, "function g", 0);
    let target = a.annex_b_var_target(fstart).expect("annex B applies");
    assert!(is_local(target));
    assert_eq!(res(&a, src, "g;", 0), target);
    let block = scope(&a, ScopeKind::Block, src, "{ function g", 0);
    assert_eq!(block.hoisted_functions, vec![fstart]);
    assert_eq!(binding(block, "g").kind, BindingKind::Function);
}

#[test]
fn annex_b_skipped_on_conflict_strict_or_generators() {
    let src = "function f() { let g; { function g() {} } }";
    assert!(script(src)
        .annex_b_var_target(at(src, "function g", 0))
        .is_none());
    let src = "function f() { 'use strict'; { function g() {} } }";
    assert!(script(src)
        .annex_b_var_target(at(src, "function g", 0))
        .is_none());
    let src = "function f() { { function* g() {} } }";
    assert!(script(src)
        .annex_b_var_target(at(src, "function*", 0))
        .is_none());
    let src = "function f(g) { { function g() {} } }";
    assert!(script(src)
        .annex_b_var_target(at(src, "function g", 0))
        .is_none());
    // A simple catch parameter does not block it (B.3.4).
    let src = "function f() { try {} catch (g) { { function g() {} } } }";
    assert!(script(src)
        .annex_b_var_target(at(src, "function g", 0))
        .is_some());
}

#[test]
fn annex_b_if_statement_function_gets_its_own_block() {
    let src = "function f(x) { if (x) function g() {} return g; }";
    let a = script(src);
    let fstart = at(src, "function g", 0);
    let block = a
        .scope_of(ScopeKind::Block, fstart)
        .expect("implicit block");
    assert_eq!(
        a.scope(block).map(|s| s.hoisted_functions.clone()),
        Some(vec![fstart])
    );
    assert!(a.annex_b_var_target(fstart).is_some());
}

#[test]
fn annex_b_at_script_level_is_global() {
    let src = "{ function g() {} } g;";
    let a = script(src);
    assert_eq!(
        a.annex_b_var_target(at(src, "function", 0)),
        Some(Resolution::Global)
    );
    assert_eq!(res(&a, src, "g;", 0), Resolution::Global);
    let root = a.scope(ScopeId(0)).expect("root");
    assert!(binding(root, "g").annex_b);
}

#[test]
fn dynamic_function_free_names_are_global() {
    let f =
        moat_parser::parse_function_parts("a", "return a + b;", moat_parser::FunctionKind::Normal)
            .expect("parses");
    let a = analyze_function(&f).expect("analysis");
    let fid = a.function_of(f.span.start).expect("function");
    assert_eq!(
        a.function(fid).map(|f| f.kind),
        Some(CodeKind::Function(moat_parser::ast::FunctionKind::Normal))
    );
    let refs: Vec<Resolution> = a.refs.values().map(|r| r.resolution).collect();
    assert!(refs.contains(&Resolution::Global));
    assert!(refs.iter().any(|r| is_local(*r)));
}
