//! Interpreter tests on hand-assembled code blocks (the compiler is written concurrently).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use moat_bytecode::code::{CodeBlock, CodeFlags, Constant, Declarations, Handler};
use moat_bytecode::isa::{ErrorKind, Insn};
use moat_vm::{Context, ContextOptions, HostValue, RunError};

/// The result with a thrown message cut to its first line (the stack follows it).
fn head(r: Result<HostValue, RunError>) -> Result<HostValue, RunError> {
    match r {
        Err(RunError::Thrown(m)) => {
            Err(RunError::Thrown(m.lines().next().unwrap_or("").to_string()))
        }
        other => other,
    }
}

fn s(x: &str) -> Constant {
    Constant::String(x.encode_utf16().collect::<Vec<u16>>().into())
}

struct B {
    code: Vec<Insn>,
    constants: Vec<Constant>,
    functions: Vec<Arc<CodeBlock>>,
    handlers: Vec<Handler>,
    regs: u16,
    params: u16,
    flags: CodeFlags,
}

impl B {
    fn new(regs: u16, code: Vec<Insn>) -> B {
        B {
            code,
            constants: Vec::new(),
            functions: Vec::new(),
            handlers: Vec::new(),
            regs,
            params: 0,
            flags: CodeFlags::STRICT,
        }
    }
    fn consts(mut self, c: Vec<Constant>) -> B {
        self.constants = c;
        self
    }
    fn funcs(mut self, f: Vec<Arc<CodeBlock>>) -> B {
        self.functions = f;
        self
    }
    fn params(mut self, p: u16) -> B {
        self.params = p;
        self
    }
    fn handlers(mut self, h: Vec<Handler>) -> B {
        self.handlers = h;
        self
    }
    fn flags(mut self, f: CodeFlags) -> B {
        self.flags = f;
        self
    }
    fn build(self) -> Arc<CodeBlock> {
        Arc::new(CodeBlock {
            name: Arc::from(Vec::new()),
            flags: self.flags,
            length: u32::from(self.params),
            param_count: self.params,
            register_count: self.regs,
            entry_scope: None,
            code: self.code,
            constants: self.constants,
            functions: self.functions,
            handlers: self.handlers,
            positions: Vec::new(),
            source: Arc::from(""),
            file: Arc::from("test.js"),
        })
    }
}

fn function(b: B) -> Arc<CodeBlock> {
    b.flags(CodeFlags::STRICT | CodeFlags::CONSTRUCTOR).build()
}

fn run(code: Arc<CodeBlock>) -> Result<HostValue, RunError> {
    Context::new(ContextOptions::default()).eval_code(code)
}

#[test]
fn arithmetic_and_strings() {
    use Insn::*;
    let code = B::new(
        4,
        vec![
            LoadInt { dst: 0, value: 2 },
            LoadInt { dst: 1, value: 3 },
            Mul {
                dst: 2,
                lhs: 0,
                rhs: 1,
            },
            LoadInt { dst: 3, value: 1 },
            Add {
                dst: 2,
                lhs: 2,
                rhs: 3,
            },
            Return { src: 2 },
        ],
    )
    .build();
    assert_eq!(run(code), Ok(HostValue::Number(7.0)));

    let code = B::new(
        3,
        vec![
            LoadConst { dst: 0, idx: 0 },
            LoadConst { dst: 1, idx: 1 },
            Add {
                dst: 2,
                lhs: 0,
                rhs: 1,
            },
            Return { src: 2 },
        ],
    )
    .consts(vec![s("a"), Constant::Number(1.5)])
    .build();
    assert_eq!(run(code), Ok(HostValue::String("a1.5".into())));

    let code = B::new(
        3,
        vec![
            LoadConst { dst: 0, idx: 0 },
            LoadInt { dst: 1, value: 10 },
            Lt {
                dst: 2,
                lhs: 0,
                rhs: 1,
            },
            Return { src: 2 },
        ],
    )
    .consts(vec![s("9")])
    .build();
    assert_eq!(run(code), Ok(HostValue::Bool(true)));

    let code = B::new(
        2,
        vec![
            LoadConst { dst: 0, idx: 0 },
            TypeOf { dst: 1, src: 0 },
            Return { src: 1 },
        ],
    )
    .consts(vec![s("x")])
    .build();
    assert_eq!(run(code), Ok(HostValue::String("string".into())));
}

#[test]
fn calls_pass_arguments_and_return() {
    use Insn::*;
    let add = function(
        B::new(
            3,
            vec![
                Add {
                    dst: 2,
                    lhs: 0,
                    rhs: 1,
                },
                Return { src: 2 },
            ],
        )
        .params(2),
    );
    let code = B::new(
        4,
        vec![
            NewClosure { dst: 0, func: 0 },
            LoadUndefined { dst: 1 },
            LoadInt { dst: 2, value: 20 },
            LoadInt { dst: 3, value: 22 },
            Call {
                dst: 0,
                callee: 0,
                this: 1,
                args: 2,
                argc: 2,
            },
            Return { src: 0 },
        ],
    )
    .funcs(vec![add])
    .build();
    assert_eq!(run(code), Ok(HostValue::Number(42.0)));
}

#[test]
fn constructors_make_objects_with_the_prototype() {
    use Insn::*;
    // function C(v) { this.v = v }  new C(5).v
    let ctor = function(
        B::new(
            2,
            vec![
                LoadThis { dst: 1 },
                SetProp {
                    obj: 1,
                    key: 0,
                    src: 0,
                },
                LoadUndefined { dst: 1 },
                Return { src: 1 },
            ],
        )
        .params(1)
        .consts(vec![s("v")]),
    );
    let code = B::new(
        3,
        vec![
            NewClosure { dst: 0, func: 0 },
            LoadInt { dst: 1, value: 5 },
            New {
                dst: 2,
                callee: 0,
                args: 1,
                argc: 1,
            },
            GetProp {
                dst: 1,
                obj: 2,
                key: 0,
            },
            InstanceOf {
                dst: 2,
                lhs: 2,
                rhs: 0,
            },
            Add {
                dst: 1,
                lhs: 1,
                rhs: 2,
            },
            Return { src: 1 },
        ],
    )
    .consts(vec![s("v")])
    .funcs(vec![ctor])
    .build();
    assert_eq!(run(code), Ok(HostValue::Number(6.0)));
}

/// f(n) { return f(n + 1) } through a global binding.
fn infinite_recursion() -> Arc<CodeBlock> {
    use Insn::*;
    let f = function(
        B::new(
            4,
            vec![
                GetGlobal { dst: 1, name: 0 },
                LoadInt { dst: 2, value: 1 },
                Add {
                    dst: 2,
                    lhs: 0,
                    rhs: 2,
                },
                LoadUndefined { dst: 3 },
                Call {
                    dst: 1,
                    callee: 1,
                    this: 3,
                    args: 2,
                    argc: 1,
                },
                Return { src: 1 },
            ],
        )
        .params(1)
        .consts(vec![s("f")]),
    );
    let name: Arc<[u16]> = "f".encode_utf16().collect::<Vec<u16>>().into();
    B::new(
        4,
        vec![
            DeclareGlobals { decls: 1 },
            GetGlobal { dst: 0, name: 0 },
            LoadUndefined { dst: 1 },
            LoadInt { dst: 2, value: 0 },
            Call {
                dst: 0,
                callee: 0,
                this: 1,
                args: 2,
                argc: 1,
            },
            Return { src: 0 },
        ],
    )
    .consts(vec![
        s("f"),
        Constant::Declarations(Declarations {
            functions: vec![(name, 0)],
            ..Default::default()
        }),
    ])
    .funcs(vec![f])
    .build()
}

#[test]
fn deep_recursion_is_a_range_error_on_a_small_stack() {
    let h = std::thread::Builder::new().stack_size(2 << 20).spawn(|| {
        let mut cx = Context::new(ContextOptions::default());
        cx.eval_code(infinite_recursion())
    });
    let r = h.ok().and_then(|h| h.join().ok());
    assert_eq!(
        r.map(head),
        Some(Err(RunError::Thrown(
            "RangeError: Maximum call stack size exceeded".into()
        )))
    );
}

#[test]
fn a_million_frames_live_in_the_heap_not_on_the_rust_stack() {
    // With the frame limit raised, a million JS frames exist at once on a 2 MiB thread.
    let h = std::thread::Builder::new().stack_size(2 << 20).spawn(|| {
        let mut cx = Context::new(ContextOptions {
            max_frames: 1_000_000,
            heap_limit: 1 << 30,
            ..Default::default()
        });
        let r = cx.eval_code(infinite_recursion());
        (r, cx.heap_peak())
    });
    let r = h.ok().and_then(|h| h.join().ok());
    let Some((r, peak)) = r else {
        panic!("thread failed");
    };
    assert_eq!(
        head(r),
        Err(RunError::Thrown(
            "RangeError: Maximum call stack size exceeded".into()
        ))
    );
    assert!(peak > 1_000_000 * 100, "peak {peak}");
}

#[test]
fn ten_million_short_lived_objects_fit_in_32_mib() {
    use Insn::*;
    let code = B::new(
        4,
        vec![
            LoadInt { dst: 0, value: 0 },
            LoadConst { dst: 1, idx: 0 },
            Lt {
                dst: 2,
                lhs: 0,
                rhs: 1,
            },
            JumpIfFalse { cond: 2, offset: 4 },
            NewObject { dst: 3 },
            SetProp {
                obj: 3,
                key: 1,
                src: 0,
            },
            Inc { dst: 0, src: 0 },
            Jump { offset: -6 },
            Return { src: 0 },
        ],
    )
    .consts(vec![Constant::Number(1e7), s("x")])
    .build();
    let mut cx = Context::new(ContextOptions {
        heap_limit: 32 << 20,
        ..Default::default()
    });
    assert_eq!(cx.eval_code(code), Ok(HostValue::Number(1e7)));
    assert!(cx.heap_peak() <= 32 << 20);
}

#[test]
fn unbounded_growth_hits_the_heap_limit() {
    use Insn::*;
    let code = B::new(
        2,
        vec![
            NewArray {
                dst: 0,
                capacity: 0,
            },
            ArrayPush { arr: 0, src: 0 },
            Jump { offset: -2 },
        ],
    )
    .build();
    let mut cx = Context::new(ContextOptions {
        heap_limit: 8 << 20,
        ..Default::default()
    });
    assert_eq!(cx.eval_code(code), Err(RunError::HeapLimit));
    // The context stays usable.
    let ok = B::new(1, vec![LoadInt { dst: 0, value: 1 }, Return { src: 0 }]).build();
    assert_eq!(cx.eval_code(ok), Ok(HostValue::Number(1.0)));
}

#[test]
fn getters_run_in_frames_from_get_prop() {
    use Insn::*;
    let getter = function(B::new(
        1,
        vec![LoadInt { dst: 0, value: 42 }, Return { src: 0 }],
    ));
    let code = B::new(
        4,
        vec![
            NewObject { dst: 0 },
            NewClosure { dst: 1, func: 0 },
            LoadConst { dst: 2, idx: 0 },
            DefineGetter {
                obj: 0,
                key: 2,
                func: 1,
                enumerable: true,
            },
            GetProp {
                dst: 3,
                obj: 0,
                key: 0,
            },
            LoadInt { dst: 2, value: 1 },
            Add {
                dst: 3,
                lhs: 3,
                rhs: 2,
            },
            Return { src: 3 },
        ],
    )
    .consts(vec![s("x")])
    .funcs(vec![getter])
    .build();
    assert_eq!(run(code), Ok(HostValue::Number(43.0)));
}

#[test]
fn value_of_runs_for_addition() {
    use Insn::*;
    let value_of = function(B::new(
        1,
        vec![LoadInt { dst: 0, value: 41 }, Return { src: 0 }],
    ));
    let code = B::new(
        5,
        vec![
            NewObject { dst: 0 },
            NewClosure { dst: 1, func: 0 },
            LoadConst { dst: 2, idx: 0 },
            DefineMethod {
                obj: 0,
                key: 2,
                func: 1,
                enumerable: false,
            },
            LoadInt { dst: 3, value: 1 },
            Add {
                dst: 4,
                lhs: 0,
                rhs: 3,
            },
            LoadConst { dst: 3, idx: 1 },
            Add {
                dst: 4,
                lhs: 3,
                rhs: 4,
            },
            Return { src: 4 },
        ],
    )
    .consts(vec![s("valueOf"), s("n=")])
    .funcs(vec![value_of])
    .build();
    assert_eq!(run(code), Ok(HostValue::String("n=42".into())));
}

#[test]
fn objects_without_primitive_conversions_throw_type_error() {
    use Insn::*;
    // Object.create(null)-like: no valueOf/toString on the chain.
    let code = B::new(
        3,
        vec![
            NewObject { dst: 0 },
            LoadNull { dst: 1 },
            SetPrototypeLiteral { obj: 0, proto: 1 },
            LoadInt { dst: 1, value: 1 },
            Add {
                dst: 2,
                lhs: 0,
                rhs: 1,
            },
            Return { src: 2 },
        ],
    )
    .build();
    assert_eq!(
        head(run(code)),
        Err(RunError::Thrown(
            "TypeError: Cannot convert object to primitive value".into()
        ))
    );
}

#[test]
fn exceptions_cross_frames_to_handlers() {
    use Insn::*;
    let thrower = function(
        B::new(
            1,
            vec![ThrowError {
                kind: ErrorKind::TypeError,
                msg: 0,
            }],
        )
        .consts(vec![s("boom")]),
    );
    let code = B::new(
        6,
        vec![
            NewClosure { dst: 0, func: 0 },
            LoadUndefined { dst: 1 },
            Call {
                dst: 2,
                callee: 0,
                this: 1,
                args: 3,
                argc: 0,
            },
            LoadInt { dst: 2, value: 0 },
            Return { src: 2 },
            GetProp {
                dst: 4,
                obj: 5,
                key: 0,
            },
            Return { src: 4 },
        ],
    )
    .consts(vec![s("message")])
    .funcs(vec![thrower.clone()])
    .handlers(vec![Handler {
        start: 0,
        end: 4,
        handler: 5,
        exception: 5,
        scope_depth: 0,
    }])
    .build();
    assert_eq!(run(code), Ok(HostValue::String("boom".into())));

    let uncaught = B::new(
        3,
        vec![
            NewClosure { dst: 0, func: 0 },
            LoadUndefined { dst: 1 },
            Call {
                dst: 2,
                callee: 0,
                this: 1,
                args: 2,
                argc: 0,
            },
            Return { src: 2 },
        ],
    )
    .funcs(vec![thrower])
    .build();
    assert_eq!(
        head(run(uncaught)),
        Err(RunError::Thrown("TypeError: boom".into()))
    );
}

#[test]
fn reference_errors_for_unknown_globals() {
    use Insn::*;
    let code = B::new(1, vec![GetGlobal { dst: 0, name: 0 }, Return { src: 0 }])
        .consts(vec![s("nope")])
        .build();
    assert_eq!(
        head(run(code)),
        Err(RunError::Thrown(
            "ReferenceError: nope is not defined".into()
        ))
    );
    let code = B::new(1, vec![GetGlobal { dst: 0, name: 0 }, Return { src: 0 }])
        .consts(vec![s("NaN")])
        .build();
    assert!(matches!(run(code), Ok(HostValue::Number(n)) if n.is_nan()));
}

fn spin() -> Arc<CodeBlock> {
    B::new(1, vec![Insn::Nop, Insn::Jump { offset: -2 }]).build()
}

#[test]
fn a_deadline_ends_an_infinite_loop() {
    let mut cx = Context::new(ContextOptions {
        timeout: Some(Duration::from_millis(50)),
        ..Default::default()
    });
    let t = Instant::now();
    assert_eq!(cx.eval_code(spin()), Err(RunError::Timeout));
    assert!(t.elapsed() < Duration::from_secs(5));
}

#[test]
fn an_interrupt_from_another_thread_ends_an_infinite_loop() {
    let flag = Arc::new(AtomicBool::new(false));
    let mut cx = Context::new(ContextOptions {
        interrupt: Some(Arc::clone(&flag)),
        ..Default::default()
    });
    let setter = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(50));
        flag.store(true, Ordering::Relaxed);
    });
    assert_eq!(cx.eval_code(spin()), Err(RunError::Interrupted));
    assert!(setter.join().is_ok());
}

#[test]
fn an_instruction_budget_ends_an_infinite_loop() {
    let mut cx = Context::new(ContextOptions {
        instruction_limit: Some(100_000),
        ..Default::default()
    });
    assert_eq!(cx.eval_code(spin()), Err(RunError::OutOfFuel));
}

#[test]
fn class_fields_and_super_calls() {
    use Insn::*;
    // class A { constructor(x) { this.a = x } }
    // class B extends A { f = 7; constructor() { super(5) } }
    // const b = new B(); b.a + b.f
    let a_ctor = B::new(
        2,
        vec![
            LoadThis { dst: 1 },
            SetProp {
                obj: 1,
                key: 0,
                src: 0,
            },
            LoadUndefined { dst: 1 },
            Return { src: 1 },
        ],
    )
    .params(1)
    .consts(vec![s("a")])
    .flags(CodeFlags::STRICT | CodeFlags::CONSTRUCTOR | CodeFlags::CLASS_CONSTRUCTOR)
    .build();
    let b_ctor = B::new(
        4,
        vec![
            LoadInt { dst: 0, value: 5 },
            LoadCallee { dst: 2 },
            LoadNewTarget { dst: 3 },
            SuperCall {
                dst: 1,
                args: 0,
                argc: 1,
                func: 2,
            },
            LoadUndefined { dst: 1 },
            Return { src: 1 },
        ],
    )
    .flags(
        CodeFlags::STRICT
            | CodeFlags::CONSTRUCTOR
            | CodeFlags::CLASS_CONSTRUCTOR
            | CodeFlags::DERIVED,
    )
    .build();
    let f_init = B::new(1, vec![LoadInt { dst: 0, value: 7 }, Return { src: 0 }])
        .flags(CodeFlags::STRICT | CodeFlags::METHOD)
        .build();
    let code = B::new(
        8,
        vec![
            LoadUndefined { dst: 7 },
            NewClass {
                dst: 0,
                ctor: 0,
                heritage: 7,
                derived: false,
            },
            NewClass {
                dst: 2,
                ctor: 1,
                heritage: 0,
                derived: true,
            },
            LoadConst { dst: 4, idx: 1 },
            NewClosure { dst: 5, func: 2 },
            AddField {
                ctor: 2,
                key: 4,
                init: 5,
            },
            New {
                dst: 6,
                callee: 2,
                args: 7,
                argc: 0,
            },
            GetProp {
                dst: 4,
                obj: 6,
                key: 0,
            },
            GetProp {
                dst: 5,
                obj: 6,
                key: 1,
            },
            Add {
                dst: 4,
                lhs: 4,
                rhs: 5,
            },
            Return { src: 4 },
        ],
    )
    .consts(vec![s("a"), s("f")])
    .funcs(vec![a_ctor, b_ctor, f_init])
    .build();
    assert_eq!(run(code), Ok(HostValue::Number(12.0)));
}
