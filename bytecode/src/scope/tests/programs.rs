//! Scripts, modules, eval code, dynamic functions, and hostile nesting.

use super::*;
use moat_parser::ast;

#[test]
fn script_top_level_declarations_are_global_and_listed() {
    let src = "var a; let b; const c = 1; class D {} function e() {} a; b; function h() { return b + c; }";
    let a = script(src);
    assert_eq!(res(&a, src, "a;", 1), Resolution::Global);
    assert_eq!(res(&a, src, "b;", 1), Resolution::Global);
    assert_eq!(res(&a, src, "b +", 0), Resolution::Global);
    let root = a.scope(ScopeId(0)).expect("root");
    assert_eq!(root.kind, ScopeKind::Script);
    assert!(!root.needs_environment);
    for (name, kind) in [
        ("a", BindingKind::Var),
        ("b", BindingKind::Let),
        ("c", BindingKind::Const),
        ("D", BindingKind::Class),
        ("e", BindingKind::Function),
    ] {
        let b = binding(root, name);
        assert_eq!(b.kind, kind, "{name}");
        assert_eq!(b.location, BindingLocation::ByName);
    }
    assert_eq!(
        root.hoisted_functions,
        vec![at(src, "function e", 0), at(src, "function h", 0)]
    );
}

#[test]
fn module_imports_and_top_level_bindings() {
    let src = "import d, { a as b } from 'm'; import * as ns from 'n'; export let x = 1; function f() { return b + x + ns + d; } export { x as y };";
    let a = module(src);
    assert_eq!(res(&a, src, "d;", 0), Resolution::Module { import: 0 });
    assert_eq!(res(&a, src, "b +", 0), Resolution::Module { import: 1 });
    assert_eq!(res(&a, src, "ns +", 0), Resolution::Module { import: 2 });
    assert!(matches!(
        res(&a, src, "x +", 0),
        Resolution::Environment { hops: 0, .. }
    ));
    // The export specifier's local name.
    assert!(matches!(
        res(&a, src, "x as", 0),
        Resolution::Environment { hops: 0, .. }
    ));
    assert_eq!(a.imports.len(), 3);
    assert_eq!(&*a.imports[1].local, "b");
    assert_eq!(
        a.imports[1].import_name,
        ImportName::Named("a".encode_utf16().collect())
    );
    assert_eq!(a.imports[2].import_name, ImportName::Namespace);
    let root = a.scope(ScopeId(0)).expect("root");
    assert!(root.needs_environment);
    assert_eq!(binding(root, "d").location, BindingLocation::Import(0));
    assert_eq!(res(&a, src, "x", 1), res(&a, src, "x", 1));
}

#[test]
fn module_anonymous_default_export_binding() {
    let a = module("export default 1 + 2;");
    let root = a.scope(ScopeId(0)).expect("root");
    assert_eq!(binding(root, "*default*").kind, BindingKind::Let);
    let a = module("export default function () {}");
    let root = a.scope(ScopeId(0)).expect("root");
    assert_eq!(binding(root, "*default*").kind, BindingKind::Function);
    assert_eq!(root.hoisted_functions.len(), 1);
}

fn eval(src: &str, options: EvalOptions) -> ScopeAnalysis {
    let ast = parse_script(src, ParseOptions::default()).expect("parses");
    analyze_eval(&ast, options).expect("analysis")
}

#[test]
fn sloppy_direct_eval_code() {
    let src = "var x = 1; let y = 2; x + y + z; function g() {}";
    let a = eval(
        src,
        EvalOptions {
            direct: true,
            strict_caller: false,
        },
    );
    assert_eq!(res(&a, src, "x +", 0), Resolution::Dynamic);
    assert!(is_local(res(&a, src, "y +", 0)));
    assert_eq!(res(&a, src, "z;", 0), Resolution::Dynamic);
    assert_eq!(res(&a, src, "g", 0), Resolution::Dynamic);
    let this_src = "this";
    let a = eval(
        this_src,
        EvalOptions {
            direct: true,
            strict_caller: false,
        },
    );
    assert_eq!(a.this(0), Some(Resolution::Dynamic));
}

#[test]
fn strict_and_indirect_eval_code() {
    let src = "var x = 1; x + z;";
    let a = eval(
        src,
        EvalOptions {
            direct: true,
            strict_caller: true,
        },
    );
    assert!(is_local(res(&a, src, "x +", 0)));
    assert_eq!(res(&a, src, "z;", 0), Resolution::Dynamic);
    let a = eval(
        src,
        EvalOptions {
            direct: false,
            strict_caller: false,
        },
    );
    assert_eq!(res(&a, src, "x +", 0), Resolution::Global);
    assert_eq!(res(&a, src, "z;", 0), Resolution::Global);
}

#[test]
fn every_scope_node_is_mapped() {
    let src = "function f(a = 1) { { } switch (a) { } for (let i;;) {} for (const k of a) {} try {} catch (e) {} with (a) {} class C {} }";
    let a = script(src);
    for (kind, needle) in [
        (ScopeKind::Function, "function"),
        (ScopeKind::FunctionBody, "function"),
        (ScopeKind::Block, "{ }"),
        (ScopeKind::Switch, "switch"),
        (ScopeKind::For, "for (let"),
        (ScopeKind::ForInOfHead, "for (const"),
        (ScopeKind::ForInOf, "for (const"),
        (ScopeKind::Catch, "catch"),
        (ScopeKind::With, "with"),
        (ScopeKind::Class, "class"),
    ] {
        assert!(a.scope_of(kind, at(src, needle, 0)).is_some(), "{kind:?}");
    }
}

/// `depth` nested blocks around `x;`, built directly (deeper than the parser allows).
fn nested_blocks(depth: usize) -> ast::Script {
    let span = ast::Span { start: 0, end: 1 };
    let mut stmt = ast::Statement::Expression(ast::ExpressionStatement {
        expression: ast::Expression::Identifier(ast::Identifier {
            name: "x".into(),
            span,
        }),
        span,
    });
    for _ in 0..depth {
        stmt = ast::Statement::Block(ast::BlockStatement {
            body: vec![stmt],
            span,
        });
    }
    ast::Script {
        body: vec![stmt],
        strict: false,
        has_use_strict: false,
        span,
    }
}

#[test]
fn excessive_nesting_is_an_error_not_a_crash() {
    // A big stack only so that building and dropping the AST itself is safe.
    let handle = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(|| {
            let deep = nested_blocks(5000);
            let r = analyze_script(&deep).map(|_| ());
            std::mem::forget(deep);
            r
        })
        .expect("thread spawns");
    assert_eq!(handle.join().expect("no panic"), Err(ScopeError::TooDeep));
}

/// `depth` nested parenthesised expressions around `x`.
fn nested_parens(depth: usize) -> ast::Script {
    let span = ast::Span { start: 0, end: 1 };
    let mut e = ast::Expression::Identifier(ast::Identifier {
        name: "x".into(),
        span,
    });
    for _ in 0..depth {
        e = ast::Expression::Parenthesized(Box::new(ast::ParenthesizedExpression {
            expression: e,
            span,
        }));
    }
    ast::Script {
        body: vec![ast::Statement::Expression(ast::ExpressionStatement {
            expression: e,
            span,
        })],
        strict: false,
        has_use_strict: false,
        span,
    }
}

/// `depth` left-nested additions `((x + x) + x) + ...`.
fn nested_binary(depth: usize) -> ast::Script {
    let span = ast::Span { start: 0, end: 1 };
    let x = || {
        ast::Expression::Identifier(ast::Identifier {
            name: "x".into(),
            span,
        })
    };
    let mut e = x();
    for _ in 0..depth {
        e = ast::Expression::Binary(Box::new(ast::BinaryExpression {
            op: ast::BinaryOp::Add,
            left: e,
            right: x(),
            span,
        }));
    }
    ast::Script {
        body: vec![ast::Statement::Expression(ast::ExpressionStatement {
            expression: e,
            span,
        })],
        strict: false,
        has_use_strict: false,
        span,
    }
}

/// `depth` nested arrows `() => () => ... x`, from parsed source.
fn nested_arrows(depth: usize) -> ast::Script {
    let src = format!("{}x", "() => ".repeat(depth));
    let handle = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || parse_script(&src, ParseOptions::default()))
        .expect("thread spawns");
    handle
        .join()
        .expect("parser does not panic")
        .expect("parses")
}

#[test]
fn maximum_depth_fits_a_small_stack() {
    // Analysis at just under MAX_DEPTH must not overflow a 2 MiB thread (the default for
    // spawned threads); the ASTs are built and leaked outside it.
    let depth = MAX_DEPTH as usize - 2;
    let trees = vec![
        nested_blocks(depth),
        nested_parens(depth),
        nested_binary(depth),
    ];
    for tree in trees {
        let handle = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(move || {
                let r = analyze_script(&tree).map(|a| a.identifier(0));
                std::mem::forget(tree);
                r
            })
            .expect("thread spawns");
        assert_eq!(
            handle.join().expect("no stack overflow"),
            Ok(Some(Resolution::Global))
        );
    }
}

#[test]
fn nested_functions_fit_a_small_stack() {
    let depth = 100;
    let tree = nested_arrows(depth);
    let x = tree.span.end - 1;
    let handle = std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let r = analyze_script(&tree).map(|a| a.identifier(x));
            std::mem::forget(tree);
            r
        })
        .expect("thread spawns");
    assert_eq!(
        handle.join().expect("no stack overflow"),
        Ok(Some(Resolution::Global))
    );
}
