//! The stackless interpreter: frames, the register file, calls, returns, exceptions and the
//! instruction loop.
//!
//! All execution state lives in the heap ([`ExecState`]): the outer loop in `context.rs` runs a
//! slice of fuel inside `Arena::mutate`, returns, lets the collector work, checks the limits and
//! goes on. JS-to-JS calls push a [`ScriptFrame`]; accessors reached by property access run in
//! frames whose result lands in the instruction's destination register; operations that must run
//! `valueOf`/`toString` push a [`NativeFrame`] holding a small state machine
//! ([`Continuation`]) that asks the loop to call functions for it. Nothing recurses on the Rust
//! stack except `Vm::call_nested`, the bounded escape hatch for natives that call back.

use std::cell::RefMut;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

use gc_arena::lock::RefLock;
use gc_arena::{Collect, Gc, Static};
use moat_bytecode::code::{CodeBlock, CodeFlags, Constant};
use moat_bytecode::isa::{ErrorKind, Insn, Reg};

use crate::cont::{BinOp, ContStep, Continuation, KeyedOp, UnOp};
use crate::env::Env;
use crate::function::{Closure, NativeCtx};
use crate::heap::{Gcx, HeapTicket};
use crate::ic::{cacheable_key, GlobalIc, PropIc};
use crate::intern::Interner;
use crate::object::{ForInState, Lookup, Object, ObjectKind, PropertyDescriptor, SetOutcome, Slot};
use crate::ops;
use crate::realm::{GlobalBinding, Realm};
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{JsBigInt, PropertyKey, Symbol, Value};

pub mod arguments;
pub mod dynamic_function;
pub(crate) mod eval;
pub(crate) mod names;
pub(crate) mod private;
pub mod realm_extras;
pub(crate) mod template;

/// Most Rust-stack nesting of `call_nested` (natives calling back into script).
const MAX_NESTING: u32 = 32;

/// Interned keys the VM uses itself.
#[derive(Collect)]
#[collect(no_drop)]
pub struct Names<'gc> {
    pub prototype: PropertyKey<'gc>,
    pub constructor: PropertyKey<'gc>,
    pub name: PropertyKey<'gc>,
    pub message: PropertyKey<'gc>,
    pub value: PropertyKey<'gc>,
    pub done: PropertyKey<'gc>,
    pub next: PropertyKey<'gc>,
    pub to_string: PropertyKey<'gc>,
    pub value_of: PropertyKey<'gc>,
    pub callee: PropertyKey<'gc>,
}

impl<'gc> Names<'gc> {
    pub fn new(gcx: Gcx<'gc>, i: &mut Interner<'gc>) -> Self {
        Names {
            prototype: i.key_str(gcx, "prototype"),
            constructor: i.key_str(gcx, "constructor"),
            name: i.key_str(gcx, "name"),
            message: i.key_str(gcx, "message"),
            value: i.key_str(gcx, "value"),
            done: i.key_str(gcx, "done"),
            next: i.key_str(gcx, "next"),
            to_string: i.key_str(gcx, "toString"),
            value_of: i.key_str(gcx, "valueOf"),
            callee: i.key_str(gcx, "callee"),
        }
    }
}

/// The well-known symbols (shared by all realms of a context).
#[derive(Collect)]
#[collect(no_drop)]
pub struct WellKnownSymbols<'gc> {
    pub iterator: Symbol<'gc>,
    pub async_iterator: Symbol<'gc>,
    pub has_instance: Symbol<'gc>,
    pub to_primitive: Symbol<'gc>,
    pub to_string_tag: Symbol<'gc>,
    pub unscopables: Symbol<'gc>,
    pub species: Symbol<'gc>,
    pub is_concat_spreadable: Symbol<'gc>,
    pub match_: Symbol<'gc>,
    pub match_all: Symbol<'gc>,
    pub replace: Symbol<'gc>,
    pub search: Symbol<'gc>,
    pub split: Symbol<'gc>,
    pub dispose: Symbol<'gc>,
    pub async_dispose: Symbol<'gc>,
    /// The GlobalSymbolRegistry (<https://tc39.es/ecma262/#sec-symbol.for>), one per context
    /// (shared by its realms): a string key maps to its symbol, a symbol key to its string.
    pub registry: Gc<
        'gc,
        RefLock<std::collections::HashMap<PropertyKey<'gc>, Value<'gc>, crate::value::KeyHash>>,
    >,
}

impl<'gc> WellKnownSymbols<'gc> {
    pub fn new(gcx: Gcx<'gc>) -> Self {
        let s = |d: &str| Symbol::new(gcx, Some(JsString::from_str(gcx, d)));
        WellKnownSymbols {
            iterator: s("Symbol.iterator"),
            async_iterator: s("Symbol.asyncIterator"),
            has_instance: s("Symbol.hasInstance"),
            to_primitive: s("Symbol.toPrimitive"),
            to_string_tag: s("Symbol.toStringTag"),
            unscopables: s("Symbol.unscopables"),
            species: s("Symbol.species"),
            is_concat_spreadable: s("Symbol.isConcatSpreadable"),
            match_: s("Symbol.match"),
            match_all: s("Symbol.matchAll"),
            replace: s("Symbol.replace"),
            search: s("Symbol.search"),
            split: s("Symbol.split"),
            dispose: s("Symbol.dispose"),
            async_dispose: s("Symbol.asyncDispose"),
            registry: Gc::new(gcx.mc, RefLock::new(std::collections::HashMap::default())),
        }
    }
}

/// The per-context materialisation of one code block's constants (interned strings, keys,
/// BigInts), keyed by the shared code's address; holding the `Arc` keeps the address unique.
#[derive(Collect)]
#[collect(no_drop)]
pub struct ConstCache<'gc> {
    code: Static<Arc<CodeBlock>>,
    values: Vec<Option<Value<'gc>>>,
    keys: Vec<Option<PropertyKey<'gc>>>,
    /// Inline caches of `GetProp` and `SetProp`, by property-name constant (`ic.rs`).
    get_ics: Vec<PropIc<'gc>>,
    set_ics: Vec<PropIc<'gc>>,
    /// Caches of `GetGlobal` and `SetGlobal`, by name constant (`ic.rs`).
    global_ics: Vec<GlobalIc<'gc>>,
    /// Whether the code reads its full argument list (arguments object, rest parameter).
    needs_args: bool,
    /// The `name` string of function objects made from this code.
    fn_name: Option<JsString<'gc>>,
    /// Charges the vectors above (sized by the code, which the script chose) to the heap.
    ticket: HeapTicket,
}

type ConstCacheRef<'gc> = Gc<'gc, RefLock<ConstCache<'gc>>>;

/// Where a finished frame's result goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
pub enum ReturnTo {
    Discard,
    /// A register of the frame below.
    Reg(Reg),
    /// The native frame below (its continuation resumes with the value).
    Native,
    /// The host: the evaluation is complete.
    Host,
    /// A `call_nested` on the Rust stack.
    Nested,
}

/// What [[Construct]] does with the frame's result.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub enum ConstructKind<'gc> {
    None,
    /// A base constructor: a non-object result is replaced by this object.
    Base(Object<'gc>),
    /// A derived constructor: the result is the `this` bound by `super()`.
    Derived,
}

/// An activation of compiled code.
#[derive(Collect)]
#[collect(no_drop)]
pub struct ScriptFrame<'gc> {
    pub code: Static<Arc<CodeBlock>>,
    consts: ConstCacheRef<'gc>,
    /// The next instruction; while an instruction runs, the one after it.
    pub pc: u32,
    /// Index of register 0 in the register file.
    pub base: u32,
    pub env: Option<Env<'gc>>,
    /// Environments pushed since entry (handlers unwind to a depth).
    pub scope_depth: u16,
    pub this: Value<'gc>,
    pub new_target: Value<'gc>,
    pub callee: Option<Object<'gc>>,
    pub realm: Realm<'gc>,
    pub ret: ReturnTo,
    pub construct: ConstructKind<'gc>,
    /// The full argument list, kept only when the code needs it.
    pub args: Vec<Value<'gc>>,
    /// The running PrivateEnvironment.
    pub private_env: Option<crate::env::PrivEnv<'gc>>,
    /// The generator / async activation this frame runs (`coro.rs`).
    pub coro: Option<Object<'gc>>,
    /// Registers holding async iterator records (set by `GetIterator` with `is_async`).
    pub async_iters: Vec<Reg>,
    /// The step of a multi-step async iteration instruction being re-executed.
    pub phase: u8,
}

/// A native continuation waiting for the result of something it asked the loop to call.
#[derive(Collect)]
#[collect(no_drop)]
pub struct NativeFrame<'gc> {
    pub cont: Continuation<'gc>,
    pub ret: ReturnTo,
}

#[derive(Collect)]
#[collect(no_drop)]
pub enum Frame<'gc> {
    Script(ScriptFrame<'gc>),
    Native(NativeFrame<'gc>),
}

/// The execution state of a context, in the heap.
#[derive(Collect)]
#[collect(no_drop)]
pub struct ExecState<'gc> {
    ticket: HeapTicket,
    pub frames: Vec<Frame<'gc>>,
    pub regs: Vec<Value<'gc>>,
    /// The value a native frame resumes with.
    pub(crate) pending: Option<Value<'gc>>,
    /// The result of the bottom (host) frame.
    pub completion: Option<Result<Value<'gc>, Value<'gc>>>,
    nested_result: Option<Result<Value<'gc>, Value<'gc>>>,
    /// By code address (which script cannot choose, so a fast non-keyed hash is fine).
    caches: HashMap<usize, ConstCacheRef<'gc>, crate::value::KeyHash>,
    nesting: u32,
    /// Lines `print` collected for the host (test262's async protocol reads them).
    pub host_output: Vec<String>,
    /// Lines `console.error`/`console.warn` wrote for the host's standard error.
    pub host_errors: Vec<String>,
    /// The promise job queue (<https://tc39.es/ecma262/#sec-jobs>), FIFO.
    pub jobs: std::collections::VecDeque<crate::promise::Job<'gc>>,
    /// What a native asked to do with its caller's return slot (resume a generator).
    pub tail: Option<crate::coro::Tail<'gc>>,
    /// The continuation a native asked to finish with (`NativeCtx::tail_continuation`): pushed
    /// as a native frame in the native's place once it returns.
    pub native_tail: Option<Continuation<'gc>>,
    /// Module maps and pending dynamic imports (`module/`).
    pub modules: crate::module::ModuleState<'gc>,
    /// The one-code-unit strings of units below 256, made on first use (`Vm::unit_string`).
    unit_strings: Vec<Option<JsString<'gc>>>,
    /// The layouts of new function objects and their prototypes (`Vm::function_shapes`).
    fn_shapes: Option<FunctionShapes<'gc>>,
}

/// The shapes OrdinaryFunctionCreate and MakeConstructor give new closures: `length` and
/// `name`, plus `prototype` for constructors, whose prototype object has `constructor`.
///
/// Sloppy-mode ordinary functions also get the legacy `caller` extension
/// (<https://tc39.es/ecma262/#sec-forbidden-extensions> allows it for them and forbids it for
/// every other kind of function) as an own property that is always undefined: old sloppy code
/// that reads `f.caller` or `arguments.callee.caller` gets no caller instead of the TypeError
/// of %Function.prototype%'s accessor, and no function is ever revealed to its callee, which
/// in a sandbox would hand a callee its caller's closures.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub(crate) struct FunctionShapes<'gc> {
    plain: crate::shape::Shape<'gc>,
    constructor: crate::shape::Shape<'gc>,
    /// A sloppy-mode function declaration or expression: `caller` after `name`.
    sloppy_constructor: crate::shape::Shape<'gc>,
    prototype: crate::shape::Shape<'gc>,
}

/// A handle to the execution state.
pub type Executor<'gc> = Gc<'gc, RefLock<ExecState<'gc>>>;

impl<'gc> ExecState<'gc> {
    pub fn new(gcx: Gcx<'gc>) -> Executor<'gc> {
        Gc::new(
            gcx.mc,
            RefLock::new(ExecState {
                ticket: gcx.ticket(256),
                frames: Vec::new(),
                regs: Vec::new(),
                pending: None,
                completion: None,
                nested_result: None,
                caches: HashMap::default(),
                nesting: 0,
                host_output: Vec::new(),
                host_errors: Vec::new(),
                jobs: std::collections::VecDeque::new(),
                tail: None,
                native_tail: None,
                modules: crate::module::ModuleState::default(),
                unit_strings: Vec::new(),
                fn_shapes: None,
            }),
        )
    }

    fn bytes(&self) -> usize {
        256 + self.frames.capacity() * std::mem::size_of::<Frame<'gc>>()
            + self.regs.capacity() * std::mem::size_of::<Value<'gc>>()
            + self.caches.len() * 64
            + self.unit_strings.capacity() * std::mem::size_of::<Option<JsString<'gc>>>()
    }

    /// Drop all frames (after an abort by a limit).
    pub fn reset(&mut self) {
        self.frames.clear();
        self.regs.clear();
        self.pending = None;
        self.completion = None;
        self.nested_result = None;
        self.nesting = 0;
        self.jobs.clear();
        self.tail = None;
        self.native_tail = None;
    }
}

/// Why a run stopped before completing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StopReason {
    Timeout,
    Interrupted,
    OutOfFuel,
    HeapLimit,
}

/// The limits a run honours.
#[derive(Clone, Debug)]
pub struct Budget {
    /// Instructions left in this slice.
    pub fuel: u64,
    /// Instructions left in the whole evaluation (`u64::MAX` for unlimited).
    pub total: u64,
    pub deadline: Option<Instant>,
    pub interrupt: Option<Arc<AtomicBool>>,
    pub max_frames: usize,
}

impl Budget {
    /// The deadline, interrupt flag and instruction budget, checked between slices.
    pub fn check(&self) -> Option<StopReason> {
        if self
            .interrupt
            .as_ref()
            .is_some_and(|f| f.load(Ordering::Relaxed))
        {
            return Some(StopReason::Interrupted);
        }
        if self.deadline.is_some_and(|d| Instant::now() >= d) {
            return Some(StopReason::Timeout);
        }
        if self.total == 0 {
            return Some(StopReason::OutOfFuel);
        }
        None
    }
}

/// How a slice ended.
#[derive(Debug)]
pub enum SliceEnd<'gc> {
    /// Fuel ran out (or the heap wants a collection): call again after collecting.
    Yielded,
    Finished(Result<Value<'gc>, Value<'gc>>),
    Stopped(StopReason),
}

/// Control after an instruction.
pub(crate) enum Flow {
    Next,
    /// The frame stack changed: go back to the dispatcher.
    Switch,
    /// Relative to the next instruction.
    Jump(i32),
    /// An absolute instruction index.
    JumpTo(u32),
}

type Res<'gc, T> = Result<T, Value<'gc>>;

/// The interpreter with its borrows of the heap, for one slice.
pub struct Vm<'gc> {
    pub gcx: Gcx<'gc>,
    pub st: RefMut<'gc, ExecState<'gc>>,
    pub interner: RefMut<'gc, Interner<'gc>>,
    pub names: &'gc Names<'gc>,
    pub symbols: &'gc WellKnownSymbols<'gc>,
    /// The context's initial realm.
    pub realm: Realm<'gc>,
    pub budget: Budget,
    /// A limit hit inside a nested run: the whole evaluation ends.
    pub stop: Option<StopReason>,
    /// A call a continuation helper asked for (callee, this, args).
    pub pending_call: Option<(Value<'gc>, Value<'gc>, Vec<Value<'gc>>)>,
}

/// Where a new frame's arguments come from.
#[derive(Clone, Copy)]
enum ArgSource<'a, 'gc> {
    Slice(&'a [Value<'gc>]),
    /// `count` registers of the register file from index `start` (the caller's).
    Regs {
        start: usize,
        count: usize,
    },
}

/// What [[Call]] needs of an ECMAScript function object.
struct ClosureParts<'gc> {
    code: Arc<CodeBlock>,
    env: Option<Env<'gc>>,
    realm: Realm<'gc>,
    lexical_this: Value<'gc>,
    lexical_new_target: Value<'gc>,
    private_env: Option<crate::env::PrivEnv<'gc>>,
}

fn reg_index(base: u32, r: Reg) -> usize {
    base as usize + r as usize
}

impl<'gc> Vm<'gc> {
    // ----- small helpers ---------------------------------------------------------------

    pub(crate) fn reg(&self, base: u32, r: Reg) -> Value<'gc> {
        self.st
            .regs
            .get(reg_index(base, r))
            .copied()
            .unwrap_or(Value::Undefined)
    }

    pub(crate) fn set_reg(&mut self, base: u32, r: Reg, v: Value<'gc>) {
        if let Some(slot) = self.st.regs.get_mut(reg_index(base, r)) {
            *slot = v;
        }
    }

    pub(crate) fn top_script(&mut self) -> Option<&mut ScriptFrame<'gc>> {
        match self.st.frames.last_mut() {
            Some(Frame::Script(f)) => Some(f),
            _ => None,
        }
    }

    /// The realm of the running code.
    pub fn current_realm(&self) -> Realm<'gc> {
        for f in self.st.frames.iter().rev() {
            if let Frame::Script(s) = f {
                return s.realm;
            }
        }
        self.realm
    }

    /// A new error object of `kind` in the current realm, with a `stack`.
    pub fn error(&mut self, kind: ErrorKind, message: &str) -> Value<'gc> {
        let realm = self.current_realm();
        let e = realm.make_error(self.gcx, &mut self.interner, kind, message);
        self.attach_stack(e);
        Value::Object(e)
    }

    /// The script positions of the live frames, innermost first ("    at f (file:line:col)"),
    /// at most 10 of them.
    pub fn stack_trace(&self) -> String {
        let mut out = String::new();
        let frames = self.st.frames.iter().rev().filter_map(|f| match f {
            Frame::Script(s) => Some(s),
            Frame::Native(_) => None,
        });
        for f in frames.take(10) {
            let code = &f.code.0;
            let name = String::from_utf16_lossy(&code.name);
            let name = if name.is_empty() {
                "<anonymous>".to_string()
            } else {
                name
            };
            match code.position(f.pc.saturating_sub(1)) {
                Some(p) => out.push_str(&format!(
                    "\n    at {name} ({}:{}:{})",
                    code.file, p.line, p.column
                )),
                None => out.push_str(&format!("\n    at {name} ({})", code.file)),
            }
        }
        out
    }

    /// Define the non-enumerable `stack` property of a new error object.
    pub fn attach_stack(&mut self, e: Object<'gc>) {
        let trace = self.stack_trace();
        let key = self.interner.key_str(self.gcx, "stack");
        let v = Value::String(JsString::from_str(self.gcx, &trace));
        e.put_data(self.gcx, key, v, Attrs::HIDDEN);
    }

    /// A new realm in this context (`$262.createRealm()`, ShadowRealm later).
    pub fn create_realm(&mut self) -> Realm<'gc> {
        Realm::new(self.gcx, &mut self.interner, self.symbols)
    }

    pub fn type_error(&mut self, message: &str) -> Value<'gc> {
        self.error(ErrorKind::TypeError, message)
    }

    /// An error object of `realm` rather than of the running code's realm (errors the spec
    /// creates in a callee's context, such as calling a class constructor).
    pub fn error_in(&mut self, realm: Realm<'gc>, kind: ErrorKind, message: &str) -> Value<'gc> {
        let e = realm.make_error(self.gcx, &mut self.interner, kind, message);
        self.attach_stack(e);
        Value::Object(e)
    }

    fn key_display(&self, key: PropertyKey<'gc>) -> String {
        match key {
            PropertyKey::String(s) => s.to_std_string(self.gcx),
            PropertyKey::Index(i) => i.to_string(),
            PropertyKey::Symbol(s) => match s.description() {
                Some(d) => format!("Symbol({})", d.to_std_string(self.gcx)),
                None => "Symbol()".to_string(),
            },
        }
    }

    /// The per-context constant cache of `code`.
    fn cache_for(&mut self, code: &Arc<CodeBlock>) -> ConstCacheRef<'gc> {
        let addr = Arc::as_ptr(code) as usize;
        if let Some(c) = self.st.caches.get(&addr) {
            return *c;
        }
        let n = code.constants.len();
        let needs_args = code.code.iter().any(|i| {
            matches!(
                i,
                Insn::CreateArguments { .. }
                    | Insn::CreateMappedArguments { .. }
                    | Insn::CreateRestArray { .. }
            )
        });
        let c = Gc::new(
            self.gcx.mc,
            RefLock::new(ConstCache {
                code: Static(Arc::clone(code)),
                values: vec![None; n],
                keys: vec![None; n],
                get_ics: vec![PropIc::Empty; n],
                set_ics: vec![PropIc::Empty; n],
                global_ics: vec![GlobalIc::Empty; n],
                needs_args,
                fn_name: None,
                ticket: self.gcx.ticket(
                    64 + n
                        * (std::mem::size_of::<Option<Value<'gc>>>()
                            + std::mem::size_of::<Option<PropertyKey<'gc>>>()
                            + 2 * std::mem::size_of::<PropIc<'gc>>()
                            + std::mem::size_of::<GlobalIc<'gc>>()),
                ),
            }),
        );
        self.st.caches.insert(addr, c);
        c
    }

    /// Constant `idx` as a value (numbers, strings, BigInts).
    fn constant(&mut self, consts: ConstCacheRef<'gc>, idx: u32) -> Value<'gc> {
        if let Some(Some(v)) = consts.borrow().values.get(idx as usize) {
            return *v;
        }
        let v = {
            let c = consts.borrow();
            match c.code.0.constants.get(idx as usize) {
                Some(Constant::Number(n)) => Value::Number(*n),
                Some(Constant::String(s)) => Value::String(self.interner.intern_units(self.gcx, s)),
                Some(Constant::BigInt(digits)) => match parse_bigint_literal(digits) {
                    Some(b) => Value::BigInt(JsBigInt::new(self.gcx, b)),
                    None => Value::Undefined,
                },
                _ => Value::Undefined,
            }
        };
        if let Some(slot) = consts.borrow_mut(self.gcx.mc).values.get_mut(idx as usize) {
            *slot = Some(v);
        }
        v
    }

    /// String constant `idx` as a property key.
    fn const_key(&mut self, consts: ConstCacheRef<'gc>, idx: u32) -> PropertyKey<'gc> {
        if let Some(Some(k)) = consts.borrow().keys.get(idx as usize) {
            return *k;
        }
        let k = {
            let c = consts.borrow();
            match c.code.0.constants.get(idx as usize) {
                Some(Constant::String(s)) => self.interner.key_units(self.gcx, s),
                Some(Constant::Number(n)) => {
                    let s = ops::number_to_string(*n);
                    self.interner.key_str(self.gcx, &s)
                }
                _ => self.interner.key_str(self.gcx, ""),
            }
        };
        if let Some(slot) = consts.borrow_mut(self.gcx.mc).keys.get_mut(idx as usize) {
            *slot = Some(k);
        }
        k
    }

    fn const_text(&self, consts: ConstCacheRef<'gc>, idx: u32) -> String {
        match consts.borrow().code.0.constants.get(idx as usize) {
            Some(Constant::String(s)) => String::from_utf16_lossy(s),
            _ => String::new(),
        }
    }

    // ----- frames --------------------------------------------------------------------

    /// Push a frame running `code` (a script body or a closure's code).
    #[allow(clippy::too_many_arguments)]
    pub fn push_script_frame(
        &mut self,
        code: Arc<CodeBlock>,
        env: Option<Env<'gc>>,
        realm: Realm<'gc>,
        callee: Option<Object<'gc>>,
        this: Value<'gc>,
        new_target: Value<'gc>,
        args: &[Value<'gc>],
        ret: ReturnTo,
        construct: ConstructKind<'gc>,
    ) -> Res<'gc, ()> {
        self.push_frame_with(
            code,
            env,
            realm,
            callee,
            this,
            new_target,
            ArgSource::Slice(args),
            ret,
            construct,
        )
    }

    /// [`Vm::push_script_frame`] with the arguments in a slice or in the caller's registers.
    #[allow(clippy::too_many_arguments)]
    fn push_frame_with(
        &mut self,
        code: Arc<CodeBlock>,
        env: Option<Env<'gc>>,
        realm: Realm<'gc>,
        callee: Option<Object<'gc>>,
        this: Value<'gc>,
        new_target: Value<'gc>,
        args: ArgSource<'_, 'gc>,
        ret: ReturnTo,
        construct: ConstructKind<'gc>,
    ) -> Res<'gc, ()> {
        if self.st.frames.len() >= self.budget.max_frames {
            return Err(self.error(ErrorKind::RangeError, "Maximum call stack size exceeded"));
        }
        let consts = self.cache_for(&code);
        let base = self.st.regs.len();
        let count = code.register_count as usize;
        let need = count.max(code.param_count as usize);
        if self.gcx.account.check(need * 16).is_err() {
            return Err(self.error(ErrorKind::RangeError, "out of memory"));
        }
        self.st.regs.resize(base + need, Value::Undefined);
        let params = code.param_count as usize;
        match args {
            ArgSource::Slice(args) => {
                for (i, a) in args.iter().take(params).enumerate() {
                    if let Some(slot) = self.st.regs.get_mut(base + i) {
                        *slot = *a;
                    }
                }
            }
            ArgSource::Regs { start, count } => {
                // The caller's registers lie below `base`, so the ranges never overlap.
                let n = count.min(params);
                if start + n <= base {
                    self.st.regs.copy_within(start..start + n, base);
                }
            }
        }
        let env = if code.flags.contains(CodeFlags::NEEDS_ENV) {
            Some(match &code.entry_scope {
                Some(s) => Env::for_scope(self.gcx, env, s),
                None => Env::new_declarative(self.gcx, env, 0, None, None),
            })
        } else {
            env
        };
        let keep_args = if consts.borrow().needs_args {
            match args {
                ArgSource::Slice(args) => args.to_vec(),
                ArgSource::Regs { start, count } => self
                    .st
                    .regs
                    .get(start..start + count)
                    .map(<[Value<'gc>]>::to_vec)
                    .unwrap_or_default(),
            }
        } else {
            Vec::new()
        };
        self.st.frames.push(Frame::Script(ScriptFrame {
            code: Static(code),
            consts,
            pc: 0,
            base: base as u32,
            env,
            scope_depth: 0,
            this,
            new_target,
            callee,
            realm,
            ret,
            construct,
            args: keep_args,
            private_env: None,
            coro: None,
            async_iters: Vec::new(),
            phase: 0,
        }));
        let st = &*self.st;
        let bytes = st.bytes();
        st.ticket.0.resize(self.gcx.mc, bytes);
        Ok(())
    }

    fn set_frame_private_env(&mut self, penv: Option<crate::env::PrivEnv<'gc>>) {
        if let Some(f) = self.top_script() {
            f.private_env = penv;
        }
    }

    /// Hand a finished computation's value to where it was awaited.
    pub(crate) fn deliver(&mut self, ret: ReturnTo, v: Value<'gc>) {
        match ret {
            ReturnTo::Discard => {}
            ReturnTo::Reg(r) => {
                if let Some(Frame::Script(f)) = self.st.frames.last() {
                    let base = f.base;
                    self.set_reg(base, r, v);
                }
            }
            ReturnTo::Native => self.st.pending = Some(v),
            ReturnTo::Host => self.st.completion = Some(Ok(v)),
            ReturnTo::Nested => self.st.nested_result = Some(Ok(v)),
        }
    }

    /// Return from the top script frame with `v`.
    fn do_return(&mut self, v: Value<'gc>) {
        let Some(Frame::Script(f)) = self.st.frames.pop() else {
            return;
        };
        self.st.regs.truncate(f.base as usize);
        if let Some(c) = f.coro {
            self.coro_return(c, f.ret, v);
            return;
        }
        let result = match f.construct {
            ConstructKind::None => Ok(v),
            ConstructKind::Base(o) => Ok(if matches!(v, Value::Object(_)) { v } else { Value::Object(o) }),
            ConstructKind::Derived => match v {
                Value::Object(_) => Ok(v),
                Value::Undefined => match f.this {
                    Value::Empty => Err(self.error(
                        ErrorKind::ReferenceError,
                        "Must call super constructor in derived class before accessing 'this' or returning from derived constructor",
                    )),
                    t => Ok(t),
                },
                _ => Err(self.type_error("Derived constructors may only return object or undefined")),
            },
        };
        match result {
            Ok(v) => self.deliver(f.ret, v),
            Err(e) => self.throw_from_popped(f.ret, e),
        }
    }

    /// A call in tail position (`TailCall`): PrepareForTailCall
    /// (<https://tc39.es/ecma262/#sec-preparefortailcall>) discards the running frame, and the
    /// callee returns straight to its caller, so strict tail recursion runs in constant
    /// space. The frame is replaced only when nothing observable depends on it: the callee
    /// is a plain ECMAScript function (not a class constructor, generator or async function)
    /// and the running frame is a plain call (not [[Construct]], not a generator or async
    /// activation, not a nested host call on the Rust stack). Otherwise it is an ordinary
    /// call delivering to `dst`, which the following `Return` returns.
    fn tail_call(
        &mut self,
        callee: Value<'gc>,
        this: Value<'gc>,
        args: Vec<Value<'gc>>,
        dst: Reg,
    ) -> Res<'gc, ()> {
        let plain_callee = callee.as_object().is_some_and(|f| match &f.borrow().kind {
            ObjectKind::Function(c) => {
                let flags = c.flags();
                !flags.contains(CodeFlags::CLASS_CONSTRUCTOR)
                    && !flags.contains(CodeFlags::GENERATOR)
                    && !flags.contains(CodeFlags::ASYNC)
            }
            _ => false,
        });
        let plain_frame = matches!(
            self.st.frames.last(),
            Some(Frame::Script(f)) if f.coro.is_none()
                && matches!(f.construct, ConstructKind::None)
                && !matches!(f.ret, ReturnTo::Nested)
        );
        if !(plain_callee && plain_frame) {
            return self.call_function(callee, this, args, ReturnTo::Reg(dst));
        }
        let Some(Frame::Script(f)) = self.st.frames.pop() else {
            return Ok(());
        };
        self.st.regs.truncate(f.base as usize);
        self.call_function(callee, this, args, f.ret)
    }

    /// A throw whose frame is already gone: deliver to a host boundary or keep unwinding.
    fn throw_from_popped(&mut self, ret: ReturnTo, e: Value<'gc>) {
        match ret {
            ReturnTo::Host => self.st.completion = Some(Err(e)),
            ReturnTo::Nested => self.st.nested_result = Some(Err(e)),
            _ => self.throw(e),
        }
    }

    /// Unwind to the innermost handler (<https://tc39.es/ecma262/#sec-try-statement>).
    pub fn throw(&mut self, e: Value<'gc>) {
        loop {
            let Some(top) = self.st.frames.last_mut() else {
                self.st.completion = Some(Err(e));
                return;
            };
            match top {
                Frame::Script(f) => {
                    let at = f.pc.saturating_sub(1);
                    let started = f.pc > 0;
                    let handler = f
                        .code
                        .0
                        .handlers
                        .iter()
                        .filter(|h| h.start <= at && at < h.end)
                        .min_by_key(|h| h.end - h.start)
                        .copied()
                        .filter(|_| started);
                    if let Some(h) = handler {
                        while f.scope_depth > h.scope_depth {
                            f.env = f.env.and_then(|e| e.parent());
                            f.scope_depth -= 1;
                        }
                        f.pc = h.handler;
                        f.phase = 0;
                        let base = f.base;
                        self.set_reg(base, h.exception, e);
                        return;
                    }
                    let Some(Frame::Script(f)) = self.st.frames.pop() else {
                        return;
                    };
                    self.st.regs.truncate(f.base as usize);
                    if let Some(c) = f.coro {
                        if self.coro_throw(c, f.ret, e) {
                            return;
                        }
                    }
                    match f.ret {
                        ReturnTo::Host => {
                            self.st.completion = Some(Err(e));
                            return;
                        }
                        ReturnTo::Nested => {
                            self.st.nested_result = Some(Err(e));
                            return;
                        }
                        _ => {}
                    }
                }
                Frame::Native(n) => {
                    if n.cont.catch(e) {
                        return;
                    }
                    let Some(Frame::Native(n)) = self.st.frames.pop() else {
                        return;
                    };
                    match n.ret {
                        ReturnTo::Host => {
                            self.st.completion = Some(Err(e));
                            return;
                        }
                        ReturnTo::Nested => {
                            self.st.nested_result = Some(Err(e));
                            return;
                        }
                        _ => {}
                    }
                }
            }
        }
    }

    // ----- calls ---------------------------------------------------------------------

    /// Call(F, V, args) (<https://tc39.es/ecma262/#sec-call>): a closure gets a frame (its result
    /// arrives at `ret` later); a native runs now and its result is delivered at once.
    pub fn call_function(
        &mut self,
        callee: Value<'gc>,
        this: Value<'gc>,
        args: Vec<Value<'gc>>,
        ret: ReturnTo,
    ) -> Res<'gc, ()> {
        let Value::Object(f) = callee else {
            return Err(self.type_error(&format!("{} is not a function", ops::type_of(callee))));
        };
        let (f, this, args) = self.unwrap_bound(f, this, args);
        enum Target<'gc> {
            Closure(
                Arc<CodeBlock>,
                Option<Env<'gc>>,
                Realm<'gc>,
                Value<'gc>,
                Value<'gc>,
                Option<crate::env::PrivEnv<'gc>>,
            ),
            Native(Realm<'gc>, crate::function::NativeFn),
            None,
        }
        let target = match &f.borrow().kind {
            ObjectKind::Function(c) => Target::Closure(
                Arc::clone(&c.code.0),
                c.env,
                c.realm,
                c.lexical_this,
                c.lexical_new_target,
                c.private_env,
            ),
            ObjectKind::Native(n) => Target::Native(n.realm, n.call.0),
            _ => Target::None,
        };
        match target {
            Target::Closure(code, env, realm, lthis, lnt, penv) => self.call_closure(
                f,
                ClosureParts {
                    code,
                    env,
                    realm,
                    lexical_this: lthis,
                    lexical_new_target: lnt,
                    private_env: penv,
                },
                this,
                ArgSource::Slice(&args),
                ret,
            ),
            Target::Native(realm, _) if self.is_eval_function(f, realm) => {
                // An indirect eval runs in a frame like any script code.
                self.indirect_eval(realm, &args, ret)
            }
            Target::Native(realm, call) => {
                self.st.tail = None;
                let r = self.call_native(f, realm, call, this, &args, None);
                let tail = self.st.tail.take();
                let v = r?;
                if self.start_native_tail(ret) {
                    return Ok(());
                }
                match tail {
                    Some(t) => self.perform_tail(t, v, ret),
                    None => {
                        self.deliver(ret, v);
                        Ok(())
                    }
                }
            }
            Target::None => Err(self.type_error("object is not a function")),
        }
    }

    /// [[Call]] of an ECMAScript function object `f`: OrdinaryCallBindThis and a new frame.
    fn call_closure(
        &mut self,
        f: Object<'gc>,
        parts: ClosureParts<'gc>,
        this: Value<'gc>,
        args: ArgSource<'_, 'gc>,
        ret: ReturnTo,
    ) -> Res<'gc, ()> {
        let ClosureParts {
            code,
            env,
            realm,
            lexical_this: lthis,
            lexical_new_target: lnt,
            private_env: penv,
        } = parts;
        let flags = code.flags;
        if flags.contains(CodeFlags::CLASS_CONSTRUCTOR) {
            // [[Call]] step 2: the TypeError is created in the callee's realm.
            return Err(self.error_in(
                realm,
                ErrorKind::TypeError,
                "Class constructor cannot be invoked without 'new'",
            ));
        }
        // OrdinaryCallBindThis (<https://tc39.es/ecma262/#sec-ordinarycallbindthis>).
        let (this, nt) = if flags.contains(CodeFlags::ARROW) {
            (lthis, lnt)
        } else if flags.contains(CodeFlags::STRICT) {
            (this, Value::Undefined)
        } else {
            let t = match this {
                Value::Undefined | Value::Null => Value::Object(realm.global()),
                Value::Object(_) => this,
                prim => Value::Object(self.to_object_in(realm, prim)?),
            };
            (t, Value::Undefined)
        };
        self.push_frame_with(
            code,
            env,
            realm,
            Some(f),
            this,
            nt,
            args,
            ret,
            ConstructKind::None,
        )?;
        self.set_frame_private_env(penv);
        if flags.contains(CodeFlags::ASYNC) && !flags.contains(CodeFlags::GENERATOR) {
            self.async_function_start(realm);
        }
        Ok(())
    }

    /// The `Call` instruction's common case, an ECMAScript function called with its arguments
    /// still in the caller's registers (no argument vector). `false` when `callee` is not one.
    fn call_closure_from_regs(
        &mut self,
        callee: Value<'gc>,
        this: Value<'gc>,
        start: usize,
        count: usize,
        ret: ReturnTo,
    ) -> Res<'gc, bool> {
        let Value::Object(f) = callee else {
            return Ok(false);
        };
        let parts = match &f.borrow().kind {
            ObjectKind::Function(c) => ClosureParts {
                code: Arc::clone(&c.code.0),
                env: c.env,
                realm: c.realm,
                lexical_this: c.lexical_this,
                lexical_new_target: c.lexical_new_target,
                private_env: c.private_env,
            },
            _ => return Ok(false),
        };
        self.call_closure(f, parts, this, ArgSource::Regs { start, count }, ret)?;
        Ok(true)
    }

    fn unwrap_bound(
        &self,
        mut f: Object<'gc>,
        mut this: Value<'gc>,
        mut args: Vec<Value<'gc>>,
    ) -> (Object<'gc>, Value<'gc>, Vec<Value<'gc>>) {
        loop {
            let bound = match &f.borrow().kind {
                ObjectKind::Bound(b) => Some((b.target, b.this, b.args.clone())),
                _ => None,
            };
            let Some((target, bthis, mut bargs)) = bound else {
                return (f, this, args);
            };
            bargs.append(&mut args);
            f = target;
            this = bthis;
            args = bargs;
        }
    }

    fn call_native(
        &mut self,
        f: Object<'gc>,
        realm: Realm<'gc>,
        call: crate::function::NativeFn,
        this: Value<'gc>,
        args: &[Value<'gc>],
        new_target: Option<Object<'gc>>,
    ) -> Res<'gc, Value<'gc>> {
        self.st.native_tail = None;
        let mut cx = NativeCtx {
            vm: self,
            realm,
            callee: f,
            new_target,
        };
        let r = call(&mut cx, this, args);
        if r.is_err() {
            self.st.native_tail = None;
        }
        r
    }

    /// After a native returned: when it asked to finish with a continuation, push it in the
    /// native's place (its result goes to `ret`) and say so.
    fn start_native_tail(&mut self, ret: ReturnTo) -> bool {
        match self.st.native_tail.take() {
            Some(cont) => {
                self.push_cont(cont, ret);
                true
            }
            None => false,
        }
    }

    /// Construct(F, args, newTarget) (<https://tc39.es/ecma262/#sec-construct>).
    pub fn construct(
        &mut self,
        callee: Value<'gc>,
        args: Vec<Value<'gc>>,
        new_target: Option<Object<'gc>>,
        ret: ReturnTo,
    ) -> Res<'gc, ()> {
        let Value::Object(f) = callee else {
            return Err(self.type_error(&format!("{} is not a constructor", ops::type_of(callee))));
        };
        if !f.is_constructor() {
            return Err(self.type_error("object is not a constructor"));
        }
        // Bound functions ([[Construct]] of <https://tc39.es/ecma262/#sec-bound-function-exotic-objects-construct-argumentslist-newtarget>):
        // each layer prepends its arguments and, when newTarget is that bound function itself,
        // replaces newTarget by its target.
        let mut new_target = new_target.unwrap_or(f);
        let mut target = f;
        let mut args = args;
        loop {
            let bound = match &target.borrow().kind {
                ObjectKind::Bound(b) => Some((b.target, b.args.clone())),
                _ => None,
            };
            let Some((inner, mut bargs)) = bound else {
                break;
            };
            bargs.append(&mut args);
            args = bargs;
            if new_target.ptr_eq(target) {
                new_target = inner;
            }
            target = inner;
        }
        enum Target<'gc> {
            Closure(
                Arc<CodeBlock>,
                Option<Env<'gc>>,
                Realm<'gc>,
                Option<crate::env::PrivEnv<'gc>>,
                Vec<(Value<'gc>, Value<'gc>)>,
            ),
            Native(Realm<'gc>, crate::function::NativeFn),
            None,
        }
        let t = match &target.borrow().kind {
            ObjectKind::Function(c) => Target::Closure(
                Arc::clone(&c.code.0),
                c.env,
                c.realm,
                c.private_env,
                c.fields.clone(),
            ),
            ObjectKind::Native(n) => match n.constructor {
                Some(k) => Target::Native(n.realm, k.0),
                None => Target::None,
            },
            _ => Target::None,
        };
        match t {
            Target::Closure(code, env, realm, penv, fields) => {
                let derived = code.flags.contains(CodeFlags::DERIVED);
                let (this, kind) = if derived {
                    (Value::Empty, ConstructKind::Derived)
                } else {
                    let proto = self.prototype_from_constructor(new_target, realm);
                    let o = Object::new(self.gcx, Some(proto), ObjectKind::Ordinary);
                    // InitializeInstanceElements step 3: private methods before the fields.
                    self.add_private_methods(Value::Object(o), target)?;
                    (Value::Object(o), ConstructKind::Base(o))
                };
                self.push_script_frame(
                    code,
                    env,
                    realm,
                    Some(target),
                    this,
                    Value::Object(new_target),
                    &args,
                    ret,
                    kind,
                )?;
                self.set_frame_private_env(penv);
                // InitializeInstanceElements runs before a base constructor's body: its
                // continuation sits above the fresh frame.
                if !derived && !fields.is_empty() {
                    self.st.frames.push(Frame::Native(NativeFrame {
                        cont: Continuation::InitFields {
                            fields,
                            this,
                            index: 0,
                            stage: 0,
                        },
                        ret: ReturnTo::Discard,
                    }));
                    self.st.pending = None;
                }
                Ok(())
            }
            Target::Native(realm, call) => {
                let v = self.call_native(
                    target,
                    realm,
                    call,
                    Value::Undefined,
                    &args,
                    Some(new_target),
                )?;
                if self.start_native_tail(ret) {
                    return Ok(());
                }
                self.deliver(ret, v);
                Ok(())
            }
            Target::None => Err(self.type_error("object is not a constructor")),
        }
    }

    /// GetPrototypeFromConstructor with %Object.prototype% as the default
    /// (<https://tc39.es/ecma262/#sec-getprototypefromconstructor>). A `prototype` accessor (only
    /// possible on exotic constructors such as Proxy, later) falls back to the default.
    pub fn prototype_from_constructor(
        &mut self,
        ctor: Object<'gc>,
        realm: Realm<'gc>,
    ) -> Object<'gc> {
        match ctor.get(self.gcx, self.names.prototype) {
            Lookup::Value(Value::Object(p)) => p,
            _ => {
                self.function_realm(ctor)
                    .unwrap_or(realm)
                    .intrinsics()
                    .object_prototype
            }
        }
    }

    /// GetFunctionRealm (<https://tc39.es/ecma262/#sec-getfunctionrealm>), iterative.
    pub fn function_realm(&self, f: Object<'gc>) -> Option<Realm<'gc>> {
        let mut f = f;
        loop {
            let next = match &f.borrow().kind {
                ObjectKind::Function(c) => return Some(c.realm),
                ObjectKind::Native(n) => return Some(n.realm),
                ObjectKind::Bound(b) => b.target,
                _ => return None,
            };
            f = next;
        }
    }

    /// Run `f` to completion on the Rust stack (for natives that call back into script).
    pub fn call_nested(
        &mut self,
        f: Value<'gc>,
        this: Value<'gc>,
        args: &[Value<'gc>],
    ) -> Res<'gc, Value<'gc>> {
        if self.st.nesting >= MAX_NESTING {
            return Err(self.error(ErrorKind::RangeError, "Maximum call stack size exceeded"));
        }
        let saved_pending = self.st.pending.take();
        let saved_nested = self.st.nested_result.take();
        let depth = self.st.frames.len();
        self.st.nesting += 1;
        let r = match self.call_function(f, this, args.to_vec(), ReturnTo::Nested) {
            Err(e) => Err(e),
            Ok(()) => {
                if self.st.frames.len() > depth {
                    self.run(depth, true);
                }
                match self.st.nested_result.take() {
                    Some(r) => r,
                    None => Err(Value::Undefined),
                }
            }
        };
        self.st.nesting -= 1;
        self.st.pending = saved_pending;
        self.st.nested_result = saved_nested;
        r
    }

    /// ScriptEvaluation of `code` in `realm`, run to completion on the Rust stack (for host
    /// hooks such as `$262.evalScript`): global declaration instantiation happens in the
    /// script's own code, against `realm`'s global environment.
    /// <https://tc39.es/ecma262/#sec-runtime-semantics-scriptevaluation>
    pub fn eval_script_nested(
        &mut self,
        code: Arc<CodeBlock>,
        realm: Realm<'gc>,
    ) -> Res<'gc, Value<'gc>> {
        if self.st.nesting >= MAX_NESTING {
            return Err(self.error(ErrorKind::RangeError, "Maximum call stack size exceeded"));
        }
        let saved_pending = self.st.pending.take();
        let saved_nested = self.st.nested_result.take();
        let depth = self.st.frames.len();
        self.st.nesting += 1;
        let global = Value::Object(realm.global());
        let r = match self.push_script_frame(
            code,
            None,
            realm,
            None,
            global,
            Value::Undefined,
            &[],
            ReturnTo::Nested,
            ConstructKind::None,
        ) {
            Err(e) => Err(e),
            Ok(()) => {
                if self.st.frames.len() > depth {
                    self.run(depth, true);
                }
                // A limit that stopped the run leaves no result: the whole evaluation ends.
                self.st
                    .nested_result
                    .take()
                    .unwrap_or(Err(Value::Undefined))
            }
        };
        self.st.nesting -= 1;
        self.st.pending = saved_pending;
        self.st.nested_result = saved_nested;
        r
    }

    /// Construct `f` to completion on the Rust stack (for natives such as ArraySpeciesCreate).
    pub fn construct_nested(
        &mut self,
        f: Value<'gc>,
        args: &[Value<'gc>],
        new_target: Option<Object<'gc>>,
    ) -> Res<'gc, Value<'gc>> {
        if self.st.nesting >= MAX_NESTING {
            return Err(self.error(ErrorKind::RangeError, "Maximum call stack size exceeded"));
        }
        let saved_pending = self.st.pending.take();
        let saved_nested = self.st.nested_result.take();
        let depth = self.st.frames.len();
        self.st.nesting += 1;
        let r = match self.construct(f, args.to_vec(), new_target, ReturnTo::Nested) {
            Err(e) => Err(e),
            Ok(()) => {
                if self.st.frames.len() > depth {
                    self.run(depth, true);
                }
                match self.st.nested_result.take() {
                    Some(r) => r,
                    None => Err(Value::Undefined),
                }
            }
        };
        self.st.nesting -= 1;
        self.st.pending = saved_pending;
        self.st.nested_result = saved_nested;
        r
    }

    // ----- the loop ------------------------------------------------------------------

    /// Run until the frame stack is back to `stop_depth` frames, fuel runs out (slice mode), or a
    /// limit stops everything.
    fn run(&mut self, stop_depth: usize, nested: bool) -> bool {
        loop {
            if self.stop.is_some() {
                return false;
            }
            if self.st.frames.len() <= stop_depth {
                return true;
            }
            if self.budget.fuel == 0 {
                if !nested {
                    return false;
                }
                // On the Rust stack nothing can be collected: check the limits and go on.
                if let Some(r) = self.budget.check() {
                    self.stop = Some(r);
                    return false;
                }
                if self.gcx.account.used() > self.gcx.account.limit() {
                    self.stop = Some(StopReason::HeapLimit);
                    return false;
                }
                self.budget.fuel = 10_000;
            }
            match self.st.frames.last() {
                Some(Frame::Native(_)) => self.step_native(),
                Some(Frame::Script(_)) => self.run_script(),
                None => return true,
            }
        }
    }

    /// Run one slice of fuel.
    pub fn run_slice(&mut self) -> SliceEnd<'gc> {
        self.run(0, false);
        if let Some(r) = self.stop {
            return SliceEnd::Stopped(r);
        }
        if self.st.frames.is_empty() {
            return SliceEnd::Finished(self.st.completion.take().unwrap_or(Ok(Value::Undefined)));
        }
        SliceEnd::Yielded
    }

    fn step_native(&mut self) {
        let Some(Frame::Native(mut nf)) = self.st.frames.pop() else {
            return;
        };
        self.budget.fuel = self.budget.fuel.saturating_sub(1);
        self.budget.total = self.budget.total.saturating_sub(1);
        let input = self.st.pending.take().unwrap_or(Value::Undefined);
        match nf.cont.resume(self, input) {
            ContStep::Done(v) => self.deliver(nf.ret, v),
            ContStep::Throw(e) => self.throw_from_popped(nf.ret, e),
            ContStep::Call { callee, this, args } => {
                self.st.frames.push(Frame::Native(nf));
                if let Err(e) = self.call_function(callee, this, args, ReturnTo::Native) {
                    self.throw(e);
                }
            }
            ContStep::Push(c) => {
                self.st.frames.push(Frame::Native(nf));
                self.st.frames.push(Frame::Native(NativeFrame {
                    cont: c,
                    ret: ReturnTo::Native,
                }));
            }
            ContStep::RunModule { module, start } => {
                self.st.frames.push(Frame::Native(nf));
                if let Err(e) = crate::module::evaluate::push_module_frame(self, module, start) {
                    self.throw(e);
                }
            }
            ContStep::Construct {
                callee,
                args,
                new_target,
            } => {
                self.st.frames.push(Frame::Native(nf));
                if let Err(e) = self.construct(callee, args, new_target, ReturnTo::Native) {
                    self.throw(e);
                }
            }
        }
    }

    /// Start a continuation whose result goes to `ret`, its first step at once: an operation
    /// that needs no script call ends here without a native frame; otherwise the frame is
    /// pushed and the call it asked for begins.
    fn start_cont(&mut self, mut cont: Continuation<'gc>, ret: ReturnTo) -> Res<'gc, Flow> {
        match cont.resume(self, Value::Undefined) {
            ContStep::Done(v) => {
                self.deliver(ret, v);
                Ok(Flow::Next)
            }
            ContStep::Throw(e) => Err(e),
            ContStep::Call { callee, this, args } => {
                self.push_cont(cont, ret);
                self.call_function(callee, this, args, ReturnTo::Native)?;
                Ok(Flow::Switch)
            }
            ContStep::Push(c) => {
                self.push_cont(cont, ret);
                Ok(self.push_cont(c, ReturnTo::Native))
            }
            ContStep::RunModule { module, start } => {
                self.push_cont(cont, ret);
                crate::module::evaluate::push_module_frame(self, module, start)?;
                Ok(Flow::Switch)
            }
            ContStep::Construct {
                callee,
                args,
                new_target,
            } => {
                self.push_cont(cont, ret);
                self.construct(callee, args, new_target, ReturnTo::Native)?;
                Ok(Flow::Switch)
            }
        }
    }

    /// Start a continuation whose result goes to `ret`.
    fn push_cont(&mut self, cont: Continuation<'gc>, ret: ReturnTo) -> Flow {
        self.st.pending = None;
        self.st
            .frames
            .push(Frame::Native(NativeFrame { cont, ret }));
        Flow::Switch
    }

    fn save_pc(&mut self, pc: u32) {
        if let Some(f) = self.top_script() {
            f.pc = pc;
        }
    }

    /// Execute instructions of the top script frame until the frame stack changes or fuel ends.
    fn run_script(&mut self) {
        let (code, consts, base, mut pc) = match self.st.frames.last() {
            Some(Frame::Script(f)) => (Arc::clone(&f.code.0), f.consts, f.base, f.pc),
            _ => return,
        };
        let strict = code.flags.contains(CodeFlags::STRICT);
        // The frame's saved pc is brought up to date before every instruction that goes
        // through `exec` (which may throw, call, or read it) and before leaving; the trivial
        // instructions handled inline below cannot observe it.
        loop {
            if self.budget.fuel == 0 {
                self.save_pc(pc);
                return;
            }
            if self.budget.total == 0 {
                self.save_pc(pc);
                self.stop = Some(StopReason::OutOfFuel);
                return;
            }
            self.budget.fuel -= 1;
            self.budget.total -= 1;
            if self.budget.fuel & 1023 == 0 && self.gcx.account.used() > self.gcx.account.limit() {
                // Over the heap limit: end the slice so the host can collect (or give up).
                self.budget.fuel = 0;
            }
            let Some(&insn) = code.code.get(pc as usize) else {
                let e = self.error(ErrorKind::SyntaxError, "internal error: pc out of range");
                self.save_pc(pc + 1);
                self.throw(e);
                return;
            };
            pc += 1;
            if let Some(flow) = self.exec_trivial(insn, base) {
                if let Flow::Jump(offset) = flow {
                    pc = (i64::from(pc) + i64::from(offset)).clamp(0, i64::from(u32::MAX)) as u32;
                }
                continue;
            }
            self.save_pc(pc);
            match self.exec(insn, &code, consts, base, strict) {
                Ok(Flow::Next) => {}
                Ok(Flow::Switch) => return,
                Ok(Flow::Jump(offset)) => {
                    pc = (i64::from(pc) + i64::from(offset)).clamp(0, i64::from(u32::MAX)) as u32;
                }
                Ok(Flow::JumpTo(target)) => {
                    pc = target;
                }
                Err(e) => {
                    self.throw(e);
                    return;
                }
            }
        }
    }

    /// The instructions that can neither throw, call, allocate nor look at the frame (moves,
    /// small constants, jumps, and operators on numbers), executed without the call into
    /// `exec`: `Flow::Next` or `Flow::Jump`, or `None` to take the general path.
    #[inline(always)]
    fn exec_trivial(&mut self, insn: Insn, base: u32) -> Option<Flow> {
        use Insn as I;
        macro_rules! num2 {
            ($dst:expr, $lhs:expr, $rhs:expr, |$x:ident, $y:ident| $e:expr) => {{
                if let (Value::Number($x), Value::Number($y)) =
                    (self.reg(base, $lhs), self.reg(base, $rhs))
                {
                    self.set_reg(base, $dst, $e);
                    Some(Flow::Next)
                } else {
                    None
                }
            }};
        }
        match insn {
            I::Move { dst, src } => {
                let v = self.reg(base, src);
                self.set_reg(base, dst, v);
                Some(Flow::Next)
            }
            I::LoadInt { dst, value } => {
                self.set_reg(base, dst, Value::Number(f64::from(value)));
                Some(Flow::Next)
            }
            I::LoadUndefined { dst } => {
                self.set_reg(base, dst, Value::Undefined);
                Some(Flow::Next)
            }
            I::Jump { offset } => Some(Flow::Jump(offset)),
            I::JumpIfFalse { cond, offset } => Some(if ops::to_boolean(self.reg(base, cond)) {
                Flow::Next
            } else {
                Flow::Jump(offset)
            }),
            I::JumpIfTrue { cond, offset } => Some(if ops::to_boolean(self.reg(base, cond)) {
                Flow::Jump(offset)
            } else {
                Flow::Next
            }),
            I::Add { dst, lhs, rhs } => num2!(dst, lhs, rhs, |x, y| Value::Number(x + y)),
            I::Sub { dst, lhs, rhs } => num2!(dst, lhs, rhs, |x, y| Value::Number(x - y)),
            I::Mul { dst, lhs, rhs } => num2!(dst, lhs, rhs, |x, y| Value::Number(x * y)),
            I::Div { dst, lhs, rhs } => num2!(dst, lhs, rhs, |x, y| Value::Number(x / y)),
            I::Lt { dst, lhs, rhs } => num2!(dst, lhs, rhs, |x, y| Value::Boolean(x < y)),
            I::Le { dst, lhs, rhs } => num2!(dst, lhs, rhs, |x, y| Value::Boolean(x <= y)),
            I::Gt { dst, lhs, rhs } => num2!(dst, lhs, rhs, |x, y| Value::Boolean(x > y)),
            I::Ge { dst, lhs, rhs } => num2!(dst, lhs, rhs, |x, y| Value::Boolean(x >= y)),
            I::Inc { dst, src } => match self.reg(base, src) {
                Value::Number(n) => {
                    self.set_reg(base, dst, Value::Number(n + 1.0));
                    Some(Flow::Next)
                }
                _ => None,
            },
            _ => None,
        }
    }

    pub(crate) fn frame(&self) -> Option<&ScriptFrame<'gc>> {
        match self.st.frames.last() {
            Some(Frame::Script(f)) => Some(f),
            _ => None,
        }
    }

    fn frame_env(&self) -> Option<Env<'gc>> {
        self.frame().and_then(|f| f.env)
    }

    fn set_frame_env(&mut self, env: Option<Env<'gc>>, depth_delta: i32) {
        if let Some(f) = self.top_script() {
            f.env = env;
            f.scope_depth =
                (i32::from(f.scope_depth) + depth_delta).clamp(0, i32::from(u16::MAX)) as u16;
        }
    }

    fn args_from_regs(&self, base: u32, first: Reg, count: u16) -> Vec<Value<'gc>> {
        (0..count)
            .map(|i| self.reg(base, first.wrapping_add(i)))
            .collect()
    }

    fn tdz_error(&mut self, consts: ConstCacheRef<'gc>, name: u32) -> Value<'gc> {
        let n = self.const_text(consts, name);
        self.error(
            ErrorKind::ReferenceError,
            &format!("Cannot access '{n}' before initialization"),
        )
    }

    fn unsupported(&mut self, what: &str) -> Value<'gc> {
        self.error(
            ErrorKind::SyntaxError,
            &format!("{what} is not supported yet"),
        )
    }

    /// One instruction.
    fn exec(
        &mut self,
        insn: Insn,
        code: &Arc<CodeBlock>,
        consts: ConstCacheRef<'gc>,
        base: u32,
        strict: bool,
    ) -> Res<'gc, Flow> {
        use Insn as I;
        match insn {
            I::LoadUndefined { dst } => self.set_reg(base, dst, Value::Undefined),
            I::LoadNull { dst } => self.set_reg(base, dst, Value::Null),
            I::LoadBool { dst, value } => self.set_reg(base, dst, Value::Boolean(value)),
            I::LoadInt { dst, value } => self.set_reg(base, dst, Value::Number(f64::from(value))),
            I::LoadConst { dst, idx } => {
                let v = self.constant(consts, idx);
                self.set_reg(base, dst, v)
            }
            I::LoadEmpty { dst } => self.set_reg(base, dst, Value::Empty),
            I::Move { dst, src } => {
                let v = self.reg(base, src);
                self.set_reg(base, dst, v)
            }
            I::LoadThis { dst } => {
                let t = self.frame().map_or(Value::Undefined, |f| f.this);
                if t.is_empty() {
                    return Err(self.error(
                        ErrorKind::ReferenceError,
                        "Must call super constructor in derived class before accessing 'this'",
                    ));
                }
                self.set_reg(base, dst, t)
            }
            I::LoadNewTarget { dst } => {
                let t = self.frame().map_or(Value::Undefined, |f| f.new_target);
                self.set_reg(base, dst, t)
            }
            I::LoadCallee { dst } => {
                let c = self
                    .frame()
                    .and_then(|f| f.callee)
                    .map_or(Value::Undefined, Value::Object);
                self.set_reg(base, dst, c)
            }
            I::LoadImportMeta { dst } => {
                let v = crate::module::import_call::import_meta(self)?;
                self.set_reg(base, dst, v);
            }
            I::NewRegExp { .. } => return Err(self.unsupported("RegExp")),
            I::GetTemplateObject { dst, idx } => {
                let t = self.get_template_object(code, idx)?;
                self.set_reg(base, dst, Value::Object(t))
            }
            I::CheckTdz { src, name } => {
                if self.reg(base, src).is_empty() {
                    return Err(self.tdz_error(consts, name));
                }
            }
            I::PushScope { scope } => {
                let parent = self.frame_env();
                let env = match code.constants.get(scope as usize) {
                    Some(Constant::Scope(d)) => Env::for_scope(self.gcx, parent, d),
                    _ => Env::new_declarative(self.gcx, parent, 0, None, None),
                };
                self.set_frame_env(Some(env), 1);
            }
            I::PopScope => {
                let parent = self.frame_env().and_then(|e| e.parent());
                self.set_frame_env(parent, -1);
            }
            I::CopyScope => {
                if let Some(e) = self.frame_env() {
                    let c = e.copy(self.gcx);
                    self.set_frame_env(Some(c), 0);
                }
            }
            I::PushWith { obj } => {
                let Value::Object(o) = self.reg(base, obj) else {
                    return Err(self.type_error("with requires an object"));
                };
                let env = Env::new_with(self.gcx, self.frame_env(), o);
                self.set_frame_env(Some(env), 1);
            }
            I::GetEnv { dst, hops, slot } => {
                let v = self
                    .frame_env()
                    .and_then(|e| e.ancestor(hops))
                    .and_then(|e| e.get(slot));
                self.set_reg(base, dst, v.unwrap_or(Value::Undefined))
            }
            I::GetEnvChecked {
                dst,
                hops,
                slot,
                name,
            } => {
                let v = self
                    .frame_env()
                    .and_then(|e| e.ancestor(hops))
                    .and_then(|e| e.get(slot));
                let v = v.unwrap_or(Value::Undefined);
                if v.is_empty() {
                    return Err(self.tdz_error(consts, name));
                }
                self.set_reg(base, dst, v)
            }
            I::SetEnv { hops, slot, src } => {
                let v = self.reg(base, src);
                if let Some(e) = self.frame_env().and_then(|e| e.ancestor(hops)) {
                    e.set(self.gcx, slot, v);
                }
            }
            I::SetEnvChecked {
                hops,
                slot,
                src,
                name,
            } => {
                let v = self.reg(base, src);
                if let Some(e) = self.frame_env().and_then(|e| e.ancestor(hops)) {
                    if e.get(slot).is_some_and(|c| c.is_empty()) {
                        return Err(self.tdz_error(consts, name));
                    }
                    e.set(self.gcx, slot, v);
                }
            }
            I::GetGlobal { dst, name } => return self.get_global(base, dst, consts, name, true),
            I::GetGlobalOrUndefined { dst, name } => {
                return self.get_global(base, dst, consts, name, false)
            }
            I::SetGlobal { name, src } => {
                let v = self.reg(base, src);
                return self.set_global(consts, name, v, strict);
            }
            I::HasGlobal { dst, name } => {
                let realm = self.current_realm();
                let key = self.const_key(consts, name);
                let found = realm.0.global_lexical.borrow().contains_key(&key)
                    || realm.global().has_property(self.gcx, key);
                self.set_reg(base, dst, Value::Boolean(found))
            }
            I::GetName { dst, name } => return self.get_name(base, dst, consts, name, true, false),
            I::GetNameOrUndefined { dst, name } => {
                return self.get_name(base, dst, consts, name, false, false)
            }
            I::GetNameForCall { dst, name } => {
                return self.get_name(base, dst, consts, name, true, true)
            }
            I::SetName { name, src } => {
                let v = self.reg(base, src);
                return self.set_name(consts, name, v, strict);
            }
            I::SetVarName { name, src } => {
                let v = self.reg(base, src);
                return self.set_var_name(consts, name, v);
            }
            I::ResolveNameRef { dst, name } => {
                return self.resolve_name_ref(base, dst, consts, name);
            }
            I::GetNameRef {
                dst,
                reference,
                name,
            } => {
                let r = self.reg(base, reference);
                return self.get_name_ref(base, dst, consts, name, r);
            }
            I::SetNameRef {
                reference,
                name,
                src,
            } => {
                let (r, v) = (self.reg(base, reference), self.reg(base, src));
                return self.set_name_ref(consts, name, r, v, strict);
            }
            I::DeleteName { dst, name } => {
                return self.delete_name(base, dst, consts, name);
            }
            I::DeclareGlobals { decls } => {
                if code.flags.contains(CodeFlags::EVAL) {
                    self.eval_declaration_instantiation(code, decls)?
                } else {
                    self.declare_globals(code, decls)?
                }
            }
            I::CreateMappedArguments { dst, map } => {
                let a = self.create_mapped_arguments(code, map);
                self.set_reg(base, dst, Value::Object(a))
            }
            I::NewDisposeCapability { dst } => {
                let v = crate::builtins::disposable_stack::new_dispose_capability(self);
                self.set_reg(base, dst, v)
            }
            I::AddDisposableResource {
                stack,
                src,
                is_async,
            } => {
                let (st, v) = (self.reg(base, stack), self.reg(base, src));
                crate::builtins::disposable_stack::add_resource_insn(self, st, v, is_async)?;
                if self.stop.is_some() {
                    return Ok(Flow::Switch);
                }
            }
            I::DisposeResources { stack, kind, value } => {
                let st = self.reg(base, stack);
                let throw = matches!(self.reg(base, kind), Value::Number(n) if n == 1.0)
                    .then(|| self.reg(base, value));
                if let Some(c) = crate::builtins::disposable_stack::dispose_insn(self, st, throw)? {
                    return Ok(self.push_cont(c, ReturnTo::Discard));
                }
            }
            I::DisposeResourcesAsync {
                dst,
                stack,
                kind,
                value,
            } => {
                let st = self.reg(base, stack);
                let throw = matches!(self.reg(base, kind), Value::Number(n) if n == 1.0)
                    .then(|| self.reg(base, value));
                // The disposal runs in a frame until its first await; its promise goes to `dst`.
                match crate::builtins::disposable_stack::dispose_async_insn(self, st, throw) {
                    Some(c) => return Ok(self.push_cont(c, ReturnTo::Reg(dst))),
                    None => self.set_reg(base, dst, Value::Boolean(false)),
                }
            }
            I::CreateArguments { dst, mapped: _ } => {
                let a = self.create_arguments();
                self.set_reg(base, dst, Value::Object(a))
            }
            I::CreateRestArray { dst, from } => {
                let args = self
                    .frame()
                    .map(|f| f.args.get(from as usize..).unwrap_or(&[]).to_vec())
                    .unwrap_or_default();
                let a = self.array_from(&args);
                self.set_reg(base, dst, Value::Object(a))
            }
            I::Add { dst, lhs, rhs } => return self.binary(BinOp::Add, base, dst, lhs, rhs),
            I::Sub { dst, lhs, rhs } => return self.binary(BinOp::Sub, base, dst, lhs, rhs),
            I::Mul { dst, lhs, rhs } => return self.binary(BinOp::Mul, base, dst, lhs, rhs),
            I::Div { dst, lhs, rhs } => return self.binary(BinOp::Div, base, dst, lhs, rhs),
            I::Rem { dst, lhs, rhs } => return self.binary(BinOp::Rem, base, dst, lhs, rhs),
            I::Exp { dst, lhs, rhs } => return self.binary(BinOp::Exp, base, dst, lhs, rhs),
            I::BitAnd { dst, lhs, rhs } => return self.binary(BinOp::BitAnd, base, dst, lhs, rhs),
            I::BitOr { dst, lhs, rhs } => return self.binary(BinOp::BitOr, base, dst, lhs, rhs),
            I::BitXor { dst, lhs, rhs } => return self.binary(BinOp::BitXor, base, dst, lhs, rhs),
            I::Shl { dst, lhs, rhs } => return self.binary(BinOp::Shl, base, dst, lhs, rhs),
            I::Sar { dst, lhs, rhs } => return self.binary(BinOp::Sar, base, dst, lhs, rhs),
            I::Shr { dst, lhs, rhs } => return self.binary(BinOp::Shr, base, dst, lhs, rhs),
            I::Lt { dst, lhs, rhs } => return self.binary(BinOp::Lt, base, dst, lhs, rhs),
            I::Le { dst, lhs, rhs } => return self.binary(BinOp::Le, base, dst, lhs, rhs),
            I::Gt { dst, lhs, rhs } => return self.binary(BinOp::Gt, base, dst, lhs, rhs),
            I::Ge { dst, lhs, rhs } => return self.binary(BinOp::Ge, base, dst, lhs, rhs),
            I::Eq { dst, lhs, rhs } => return self.loose_eq(base, dst, lhs, rhs, false),
            I::Ne { dst, lhs, rhs } => return self.loose_eq(base, dst, lhs, rhs, true),
            I::StrictEq { dst, lhs, rhs } => {
                let r = ops::strict_equals(self.gcx, self.reg(base, lhs), self.reg(base, rhs));
                self.set_reg(base, dst, Value::Boolean(r))
            }
            I::StrictNe { dst, lhs, rhs } => {
                let r = ops::strict_equals(self.gcx, self.reg(base, lhs), self.reg(base, rhs));
                self.set_reg(base, dst, Value::Boolean(!r))
            }
            I::In { dst, key, obj } => {
                let (k, o) = (self.reg(base, key), self.reg(base, obj));
                if !matches!(o, Value::Object(_)) {
                    return Err(self.type_error(
                        "Cannot use 'in' operator to search for a key in a non-object",
                    ));
                }
                return self.keyed(
                    KeyedOp::In,
                    o,
                    k,
                    Value::Undefined,
                    ReturnTo::Reg(dst),
                    strict,
                );
            }
            I::InstanceOf { dst, lhs, rhs } => {
                let (v, c) = (self.reg(base, lhs), self.reg(base, rhs));
                return self.instance_of(v, c, dst);
            }
            I::Neg { dst, src } => return self.unary(UnOp::Neg, base, dst, src),
            I::ToNumber { dst, src } => return self.unary(UnOp::ToNumber, base, dst, src),
            I::ToNumeric { dst, src } => return self.unary(UnOp::ToNumeric, base, dst, src),
            I::BitNot { dst, src } => return self.unary(UnOp::BitNot, base, dst, src),
            I::Inc { dst, src } => return self.unary(UnOp::Inc, base, dst, src),
            I::Dec { dst, src } => return self.unary(UnOp::Dec, base, dst, src),
            I::ToPropertyKey { dst, src } => {
                return self.unary(UnOp::ToPropertyKey, base, dst, src)
            }
            I::ToString { dst, src } => return self.unary(UnOp::ToString, base, dst, src),
            I::Not { dst, src } => {
                let b = ops::to_boolean(self.reg(base, src));
                self.set_reg(base, dst, Value::Boolean(!b))
            }
            I::TypeOf { dst, src } => {
                let t = ops::type_of(self.reg(base, src));
                let s = self
                    .interner
                    .intern_units(self.gcx, &t.encode_utf16().collect::<Vec<_>>());
                self.set_reg(base, dst, Value::String(s))
            }
            I::ToObject { dst, src } => {
                let v = self.reg(base, src);
                let realm = self.current_realm();
                let o = self.to_object_in(realm, v)?;
                self.set_reg(base, dst, Value::Object(o))
            }
            I::RequireObjectCoercible { src, what } => {
                let v = self.reg(base, src);
                if v.is_nullish() {
                    return Err(self.type_error(ops::require_coercible_message(what, v)));
                }
            }
            I::Jump { offset } => return Ok(Flow::Jump(offset)),
            I::JumpIfTrue { cond, offset } => {
                if ops::to_boolean(self.reg(base, cond)) {
                    return Ok(Flow::Jump(offset));
                }
            }
            I::JumpIfFalse { cond, offset } => {
                if !ops::to_boolean(self.reg(base, cond)) {
                    return Ok(Flow::Jump(offset));
                }
            }
            I::JumpIfNullish { src, offset } => {
                if self.reg(base, src).is_nullish() {
                    return Ok(Flow::Jump(offset));
                }
            }
            I::JumpIfNotNullish { src, offset } => {
                if !self.reg(base, src).is_nullish() {
                    return Ok(Flow::Jump(offset));
                }
            }
            I::JumpIfUndefined { src, offset } => {
                if self.reg(base, src).is_undefined() {
                    return Ok(Flow::Jump(offset));
                }
            }
            I::JumpIfNotUndefined { src, offset } => {
                if !self.reg(base, src).is_undefined() {
                    return Ok(Flow::Jump(offset));
                }
            }
            I::JumpIfStrictEq { lhs, rhs, offset } => {
                if ops::strict_equals(self.gcx, self.reg(base, lhs), self.reg(base, rhs)) {
                    return Ok(Flow::Jump(offset));
                }
            }
            I::Return { src } => {
                let v = self.reg(base, src);
                self.do_return(v);
                return Ok(Flow::Switch);
            }
            I::Throw { src } => return Err(self.reg(base, src)),
            I::ThrowError { kind, msg } => {
                let m = self.const_text(consts, msg);
                return Err(self.error(kind, &m));
            }
            I::JumpTable { index, table } => {
                let i = match self.reg(base, index) {
                    Value::Number(n) if n >= 0.0 => n as usize,
                    _ => usize::MAX,
                };
                let target = match code.constants.get(table as usize) {
                    Some(Constant::JumpTable(t)) => t.get(i).copied(),
                    _ => None,
                };
                return match target {
                    Some(t) => Ok(Flow::JumpTo(t)),
                    None => {
                        Err(self.error(ErrorKind::SyntaxError, "internal error: bad jump table"))
                    }
                };
            }
            I::Debugger | I::Nop => {}
            I::NewObject { dst } => {
                let proto = self.current_realm().intrinsics().object_prototype;
                let o = Object::new(self.gcx, Some(proto), ObjectKind::Ordinary);
                self.set_reg(base, dst, Value::Object(o))
            }
            I::NewArray { dst, capacity: _ } => {
                let a = self.array_from(&[]);
                self.set_reg(base, dst, Value::Object(a))
            }
            I::GetProp { dst, obj, key } => {
                let o = self.reg(base, obj);
                if let Value::Object(target) = o {
                    let hit = consts
                        .borrow()
                        .get_ics
                        .get(key as usize)
                        .and_then(|ic| ic.get(target));
                    if let Some(v) = hit {
                        self.set_reg(base, dst, v);
                        return Ok(Flow::Next);
                    }
                    let k = self.const_key(consts, key);
                    if cacheable_key(self.gcx, k) {
                        let ic = PropIc::for_get(target, k);
                        if let Some(v) = ic.get(target) {
                            if let Some(e) =
                                consts.borrow_mut(self.gcx.mc).get_ics.get_mut(key as usize)
                            {
                                *e = ic;
                            }
                            self.set_reg(base, dst, v);
                            return Ok(Flow::Next);
                        }
                    }
                    return self.get_then(o, k, ReturnTo::Reg(dst));
                }
                let k = self.const_key(consts, key);
                return self.get_then(o, k, ReturnTo::Reg(dst));
            }
            I::SetProp { obj, key, src } => {
                let (o, v) = (self.reg(base, obj), self.reg(base, src));
                if let Value::Object(target) = o {
                    let hit = consts
                        .borrow()
                        .set_ics
                        .get(key as usize)
                        .is_some_and(|ic| ic.set(self.gcx, target, v));
                    if hit {
                        return Ok(Flow::Next);
                    }
                }
                let k = self.const_key(consts, key);
                let before = match o {
                    Value::Object(target) => target.shape(),
                    _ => None,
                };
                let flow = self.set_then(o, k, v, strict)?;
                // After the store (which may have added the property): cache where it lives,
                // or how it was added.
                if let (Value::Object(target), Flow::Next) = (o, &flow) {
                    if cacheable_key(self.gcx, k) {
                        let added = before.map_or(PropIc::Empty, |b| PropIc::for_add(target, k, b));
                        let ic = if let PropIc::Add { .. } = added {
                            added
                        } else {
                            PropIc::for_set(target, k)
                        };
                        if let Some(e) =
                            consts.borrow_mut(self.gcx.mc).set_ics.get_mut(key as usize)
                        {
                            *e = ic;
                        }
                    }
                }
                return Ok(flow);
            }
            I::GetElem { dst, obj, key } => {
                let (o, k) = (self.reg(base, obj), self.reg(base, key));
                if let (Value::Object(a), Value::Number(n)) = (o, k) {
                    if let Some(v) = fast_dense_get(a, n) {
                        self.set_reg(base, dst, v);
                        return Ok(Flow::Next);
                    }
                }
                return self.keyed(
                    KeyedOp::Get,
                    o,
                    k,
                    Value::Undefined,
                    ReturnTo::Reg(dst),
                    strict,
                );
            }
            I::SetElem { obj, key, src } => {
                let (o, k, v) = (
                    self.reg(base, obj),
                    self.reg(base, key),
                    self.reg(base, src),
                );
                return self.keyed(KeyedOp::Set, o, k, v, ReturnTo::Discard, strict);
            }
            I::DeleteProp { dst, obj, key } => {
                let k = self.const_key(consts, key);
                let o = self.reg(base, obj);
                let r = self.delete_property(o, k, strict)?;
                self.set_reg(base, dst, Value::Boolean(r))
            }
            I::DeleteElem { dst, obj, key } => {
                let (o, k) = (self.reg(base, obj), self.reg(base, key));
                return self.keyed(
                    KeyedOp::Delete,
                    o,
                    k,
                    Value::Undefined,
                    ReturnTo::Reg(dst),
                    strict,
                );
            }
            I::SuperBase { dst, func } => {
                let b = self.get_super_base(self.reg(base, func));
                self.set_reg(base, dst, b)
            }
            I::GetSuperElem {
                dst,
                base: b,
                key,
                this,
            } => {
                let (home_proto, k, this) =
                    (self.reg(base, b), self.reg(base, key), self.reg(base, this));
                self.require_super_base(home_proto, k)?;
                return self.keyed(
                    KeyedOp::SuperGet(this),
                    home_proto,
                    k,
                    Value::Undefined,
                    ReturnTo::Reg(dst),
                    strict,
                );
            }
            I::SetSuperElem {
                base: b,
                key,
                src,
                this,
            } => {
                let (home_proto, k, v, this) = (
                    self.reg(base, b),
                    self.reg(base, key),
                    self.reg(base, src),
                    self.reg(base, this),
                );
                self.require_super_base(home_proto, k)?;
                return self.keyed(
                    KeyedOp::SuperSet(this),
                    home_proto,
                    k,
                    v,
                    ReturnTo::Discard,
                    strict,
                );
            }
            I::DefineField { obj, key, src } => {
                let (o, k, v) = (
                    self.reg(base, obj),
                    self.reg(base, key),
                    self.reg(base, src),
                );
                return self.keyed(KeyedOp::Define, o, k, v, ReturnTo::Discard, strict);
            }
            I::DefineMethod {
                obj,
                key,
                func,
                enumerable,
            } => {
                let (o, k, f) = (
                    self.reg(base, obj),
                    self.reg(base, key),
                    self.reg(base, func),
                );
                self.define_method(o, k, f, enumerable, MethodKind::Method)?
            }
            I::DefineGetter {
                obj,
                key,
                func,
                enumerable,
            } => {
                let (o, k, f) = (
                    self.reg(base, obj),
                    self.reg(base, key),
                    self.reg(base, func),
                );
                self.define_method(o, k, f, enumerable, MethodKind::Getter)?
            }
            I::DefineSetter {
                obj,
                key,
                func,
                enumerable,
            } => {
                let (o, k, f) = (
                    self.reg(base, obj),
                    self.reg(base, key),
                    self.reg(base, func),
                );
                self.define_method(o, k, f, enumerable, MethodKind::Setter)?
            }
            I::SetPrototypeLiteral { obj, proto } => {
                if let Value::Object(o) = self.reg(base, obj) {
                    match self.reg(base, proto) {
                        Value::Object(p) => {
                            o.set_prototype_of(self.gcx, Some(p));
                        }
                        Value::Null => {
                            o.set_prototype_of(self.gcx, None);
                        }
                        _ => {}
                    }
                }
            }
            I::ArrayPush { arr, src } => {
                let v = self.reg(base, src);
                if let Value::Object(a) = self.reg(base, arr) {
                    let len = array_length(a);
                    a.put_data(self.gcx, PropertyKey::Index(len), v, Attrs::DEFAULT);
                }
            }
            I::ArrayPushHole { arr } => {
                if let Value::Object(a) = self.reg(base, arr) {
                    let len = array_length(a);
                    if let ObjectKind::Array(s) = &mut a.borrow_mut(self.gcx.mc).kind {
                        s.length = len.saturating_add(1);
                    }
                }
            }
            I::ArraySpread { arr, src } => {
                let (a, v) = (self.reg(base, arr), self.reg(base, src));
                let Value::Object(a) = a else {
                    return Err(self.type_error("internal error: spread target is not an array"));
                };
                if self.spread_fast(a, v)? {
                    return Ok(Flow::Next);
                }
                let cont = Continuation::Spread {
                    arr: a,
                    src: v,
                    iter: Value::Undefined,
                    next: Value::Undefined,
                    stage: 0,
                };
                return Ok(self.push_cont(cont, ReturnTo::Discard));
            }
            I::CopyDataProperties {
                dst,
                src,
                excluded,
                count,
            } => {
                let excl = self.args_from_regs(base, excluded, count);
                if let (Value::Object(t), s) = (self.reg(base, dst), self.reg(base, src)) {
                    let cont = Continuation::CopyData(Box::new(
                        crate::cont::copy_data::CopyData::new(t, s, excl),
                    ));
                    return self.start_cont(cont, ReturnTo::Discard);
                }
            }
            I::NewPrivateName { dst, desc } => {
                let d = match self.constant(consts, desc) {
                    Value::String(s) => s,
                    _ => JsString::from_str(self.gcx, ""),
                };
                self.set_reg(base, dst, Value::Symbol(Symbol::new_private(self.gcx, d)))
            }
            I::GetPrivate { dst, obj, name } => {
                let v = self.private_get(self.reg(base, obj), self.reg(base, name))?;
                match v {
                    Lookup::Value(v) => self.set_reg(base, dst, v),
                    Lookup::Getter(g) => {
                        let this = self.reg(base, obj);
                        self.call_function(Value::Object(g), this, Vec::new(), ReturnTo::Reg(dst))?;
                        return Ok(Flow::Switch);
                    }
                }
            }
            I::SetPrivate { obj, name, src } => {
                let (o, n, v) = (
                    self.reg(base, obj),
                    self.reg(base, name),
                    self.reg(base, src),
                );
                return self.private_set(o, n, v);
            }
            I::DefinePrivateField { obj, name, src } => {
                let (o, n, v) = (
                    self.reg(base, obj),
                    self.reg(base, name),
                    self.reg(base, src),
                );
                self.private_define(o, n, v)?
            }
            I::HasPrivate { dst, obj, name } => {
                let (Value::Object(o), Value::Symbol(s)) =
                    (self.reg(base, obj), self.reg(base, name))
                else {
                    return Err(self.type_error(
                        "Cannot use 'in' operator to search for a private field in a non-object",
                    ));
                };
                let has = o.borrow().find_own(PropertyKey::Symbol(s)).is_some();
                self.set_reg(base, dst, Value::Boolean(has))
            }
            I::NewClosure { dst, func } => {
                let f = self.make_closure(code, func)?;
                self.set_reg(base, dst, Value::Object(f))
            }
            I::NewClass {
                dst,
                ctor,
                heritage,
                derived,
            } => {
                let parents = match derived.then(|| self.reg(base, heritage)) {
                    // 8.g. Get(superclass, "prototype") may call a getter: a continuation.
                    Some(Value::Object(h)) if h.is_constructor() => {
                        let cont = Continuation::ClassHeritage {
                            heritage: h,
                            ctor,
                            dst,
                            stage: 0,
                        };
                        return self.start_cont(cont, ReturnTo::Discard);
                    }
                    h => self.class_parents(h)?,
                };
                let (c, p) = self.new_class(code, ctor, parents)?;
                self.set_reg(base, dst, Value::Object(c));
                self.set_reg(base, dst.wrapping_add(1), Value::Object(p));
            }
            I::SetClassFieldInit { ctor, init } => {
                if let (Value::Object(c), Value::Object(i)) =
                    (self.reg(base, ctor), self.reg(base, init))
                {
                    if let ObjectKind::Function(cl) = &mut c.borrow_mut(self.gcx.mc).kind {
                        cl.field_init = Some(i);
                    }
                }
            }
            I::AddPrivateMethod {
                ctor,
                name,
                func,
                kind,
            } => {
                let (c, n, f) = (
                    self.reg(base, ctor),
                    self.reg(base, name),
                    self.reg(base, func),
                );
                self.add_private_method(c, n, f, kind)?
            }
            I::SetHomeObject { func, home } => {
                if let (Value::Object(f), Value::Object(h)) =
                    (self.reg(base, func), self.reg(base, home))
                {
                    if let ObjectKind::Function(cl) = &mut f.borrow_mut(self.gcx.mc).kind {
                        cl.home_object = Some(h);
                    }
                }
            }
            I::SetFunctionName { func, name, prefix } => {
                let (f, n) = (self.reg(base, func), self.reg(base, name));
                self.set_function_name(f, n, prefix)?
            }
            I::Call {
                dst,
                callee,
                this,
                args,
                argc,
            } => {
                let (c, t) = (self.reg(base, callee), self.reg(base, this));
                let start = reg_index(base, args);
                if self.call_closure_from_regs(c, t, start, argc as usize, ReturnTo::Reg(dst))? {
                    return Ok(Flow::Switch);
                }
                let a = self.args_from_regs(base, args, argc);
                self.call_function(c, t, a, ReturnTo::Reg(dst))?;
                return Ok(Flow::Switch);
            }
            I::TailCall {
                dst,
                callee,
                this,
                args,
                argc,
            } => {
                let a = self.args_from_regs(base, args, argc);
                let (c, t) = (self.reg(base, callee), self.reg(base, this));
                self.tail_call(c, t, a, dst)?;
                return Ok(Flow::Switch);
            }
            I::CallSpread {
                dst,
                callee,
                this,
                args,
            } => {
                let a = self.array_values(self.reg(base, args))?;
                let (c, t) = (self.reg(base, callee), self.reg(base, this));
                self.call_function(c, t, a, ReturnTo::Reg(dst))?;
                return Ok(Flow::Switch);
            }
            I::CallEval {
                dst,
                callee,
                args,
                argc,
            }
            | I::TailCallEval {
                dst,
                callee,
                args,
                argc,
            } => {
                let a = self.args_from_regs(base, args, argc);
                let tail = matches!(insn, I::TailCallEval { .. });
                return self.call_eval(base, callee, a, dst, strict, tail);
            }
            I::CallEvalSpread { dst, callee, args } => {
                let a = self.array_values(self.reg(base, args))?;
                return self.call_eval(base, callee, a, dst, strict, false);
            }
            I::New {
                dst,
                callee,
                args,
                argc,
            } => {
                let a = self.args_from_regs(base, args, argc);
                let c = self.reg(base, callee);
                self.construct(c, a, None, ReturnTo::Reg(dst))?;
                return Ok(Flow::Switch);
            }
            I::NewSpread { dst, callee, args } => {
                let a = self.array_values(self.reg(base, args))?;
                let c = self.reg(base, callee);
                self.construct(c, a, None, ReturnTo::Reg(dst))?;
                return Ok(Flow::Switch);
            }
            I::SuperCall {
                dst,
                args,
                argc,
                func,
            } => {
                let a = self.args_from_regs(base, args, argc);
                let (f, nt) = (self.reg(base, func), self.reg(base, func.wrapping_add(1)));
                return self.super_call(a, dst, f, nt);
            }
            I::SuperCallSpread { dst, args, func } => {
                let a = self.array_values(self.reg(base, args))?;
                let (f, nt) = (self.reg(base, func), self.reg(base, func.wrapping_add(1)));
                return self.super_call(a, dst, f, nt);
            }
            I::ImportCall {
                dst,
                specifier,
                options,
            } => {
                let (s, o) = (self.reg(base, specifier), self.reg(base, options));
                let p = crate::module::import_call::evaluate_import_call(self, s, o);
                self.set_reg(base, dst, p);
            }
            I::GetIterator { dst, src, is_async } => {
                if is_async {
                    let v = self.reg(base, src);
                    return self.get_async_iterator(dst, v);
                }
                self.unmark_async_iter(dst);
                let v = self.reg(base, src);
                let cont = Continuation::GetIter {
                    src: v,
                    dst,
                    stage: 0,
                    iter: Value::Undefined,
                };
                return Ok(self.push_cont(cont, ReturnTo::Reg(dst)));
            }
            I::IteratorNext { dst, iter, offset } if self.is_async_iter(iter) => {
                return self.async_iterator_next(dst, iter, offset);
            }
            I::IteratorClose { iter } if self.is_async_iter(iter) => {
                return self.async_iterator_close(iter, false);
            }
            I::IteratorCloseQuiet { iter } if self.is_async_iter(iter) => {
                return self.async_iterator_close(iter, true);
            }
            I::IteratorNext { dst, iter, offset } => {
                let (it, next) = (self.reg(base, iter), self.reg(base, iter.wrapping_add(1)));
                let cont = Continuation::IterNext {
                    iter: it,
                    next,
                    dst,
                    offset,
                    stage: 0,
                    result: Value::Undefined,
                };
                return Ok(self.push_cont(cont, ReturnTo::Discard));
            }
            I::IteratorClose { iter } => {
                let it = self.reg(base, iter);
                return Ok(self.push_cont(
                    Continuation::IterClose { iter: it, stage: 0 },
                    ReturnTo::Discard,
                ));
            }
            I::IteratorCloseQuiet { iter } => {
                // A throw completion is being propagated: `return` runs in frames, its result
                // and errors are ignored; the next instruction rethrows.
                let it = self.reg(base, iter);
                if let Value::Object(_) = it {
                    let cont = Continuation::IterCloseQuiet { iter: it, stage: 0 };
                    return self.start_cont(cont, ReturnTo::Discard);
                }
            }
            I::ForInPrepare { dst, obj } => {
                let o = self.reg(base, obj);
                let it = self.for_in_prepare(o)?;
                self.set_reg(base, dst, Value::Object(it))
            }
            I::ForInNext { dst, iter, offset } => {
                let it = self.reg(base, iter);
                match self.for_in_next(it) {
                    Some(k) => self.set_reg(base, dst, k),
                    None => return Ok(Flow::Jump(offset)),
                }
            }
            I::GeneratorStart => return self.generator_start(),
            I::Yield { dst, src } => {
                let v = self.reg(base, src);
                return self.yield_value(dst, v, false);
            }
            I::Await { dst, src } => {
                let v = self.reg(base, src);
                return self.await_value(dst, v);
            }
            I::GetImport { dst, import } => {
                let v = crate::module::get_import(self, import)?;
                self.set_reg(base, dst, v);
            }
            I::InitGlobalLexical { name, src } => {
                let key = self.const_key(consts, name);
                let v = self.reg(base, src);
                let realm = self.current_realm();
                let mut map = gc_arena::barrier::unlock!(
                    Gc::write(self.gcx.mc, realm.0),
                    crate::realm::RealmData,
                    global_lexical
                )
                .borrow_mut();
                let mutable = map.get(&key).is_none_or(|b| b.mutable);
                map.insert(key, GlobalBinding { value: v, mutable });
            }
            I::PushPrivateEnv { names } => {
                let list: Vec<Arc<[u16]>> = match code.constants.get(names as usize) {
                    Some(Constant::Scope(d)) => d.names.to_vec(),
                    _ => Vec::new(),
                };
                let outer = self.frame().and_then(|f| f.private_env);
                let names = list
                    .into_iter()
                    .map(|n| {
                        let d = JsString::from_utf16(self.gcx, n.to_vec());
                        (Static(n), Symbol::new_private(self.gcx, d))
                    })
                    .collect();
                let penv = crate::env::PrivEnv(Gc::new(
                    self.gcx.mc,
                    crate::env::PrivEnvData { names, outer },
                ));
                self.set_frame_private_env(Some(penv));
            }
            I::PopPrivateEnv => {
                let outer = self
                    .frame()
                    .and_then(|f| f.private_env)
                    .and_then(|p| p.0.outer);
                self.set_frame_private_env(outer);
            }
            I::ResolvePrivateName { dst, name } => {
                let text: Vec<u16> = match code.constants.get(name as usize) {
                    Some(Constant::String(s)) => s.to_vec(),
                    _ => Vec::new(),
                };
                let found = self
                    .frame()
                    .and_then(|f| f.private_env)
                    .and_then(|p| p.resolve(&text));
                match found {
                    Some(s) => self.set_reg(base, dst, Value::Symbol(s)),
                    None => {
                        return Err(self.error(
                            ErrorKind::SyntaxError,
                            "internal error: unresolved private name",
                        ))
                    }
                }
            }
            I::AddField { ctor, key, init } => {
                let (c, k, i) = (
                    self.reg(base, ctor),
                    self.reg(base, key),
                    self.reg(base, init),
                );
                let k = match k {
                    Value::Symbol(_) => k,
                    other => self.to_property_key(other)?.to_value(self.gcx),
                };
                if let Value::Object(c) = c {
                    if let ObjectKind::Function(cl) = &mut c.borrow_mut(self.gcx.mc).kind {
                        cl.fields.push((k, i));
                    }
                }
            }
            I::RequireObject { src } => {
                if !matches!(self.reg(base, src), Value::Object(_)) {
                    return Err(self.type_error("Iterator result is not an object"));
                }
            }
            I::YieldRaw { dst, src } => {
                let v = self.reg(base, src);
                return self.yield_value(dst, v, true);
            }
            I::CreateIterResult { dst, src, done } => {
                let v = self.reg(base, src);
                let o = self.iter_result(v, done);
                self.set_reg(base, dst, Value::Object(o))
            }
        }
        Ok(Flow::Next)
    }

    // ----- operators -----------------------------------------------------------------

    /// A binary operator; inlined into each instruction's arm so that the number case (with `op`
    /// a constant there) is a few machine instructions.
    #[inline(always)]
    fn binary(&mut self, op: BinOp, base: u32, dst: Reg, lhs: Reg, rhs: Reg) -> Res<'gc, Flow> {
        let (a, b) = (self.reg(base, lhs), self.reg(base, rhs));
        if let (Value::Number(x), Value::Number(y)) = (a, b) {
            if let Some(v) = number_binary(op, x, y) {
                self.set_reg(base, dst, v);
                return Ok(Flow::Next);
            }
        }
        self.binary_general(op, base, dst, a, b)
    }

    #[inline(never)]
    fn binary_general(
        &mut self,
        op: BinOp,
        base: u32,
        dst: Reg,
        a: Value<'gc>,
        b: Value<'gc>,
    ) -> Res<'gc, Flow> {
        if matches!(a, Value::Object(_)) || matches!(b, Value::Object(_)) {
            return Ok(self.push_cont(
                Continuation::Binary {
                    op,
                    lhs: a,
                    rhs: b,
                    stage: 0,
                },
                ReturnTo::Reg(dst),
            ));
        }
        let v = self.binary_primitive(op, a, b)?;
        self.set_reg(base, dst, v);
        Ok(Flow::Next)
    }

    fn loose_eq(
        &mut self,
        base: u32,
        dst: Reg,
        lhs: Reg,
        rhs: Reg,
        negate: bool,
    ) -> Res<'gc, Flow> {
        let (a, b) = (self.reg(base, lhs), self.reg(base, rhs));
        if matches!(a, Value::Object(_)) || matches!(b, Value::Object(_)) {
            return Ok(self.push_cont(
                Continuation::LooseEq {
                    lhs: a,
                    rhs: b,
                    negate,
                    stage: 0,
                },
                ReturnTo::Reg(dst),
            ));
        }
        let r = ops::loosely_equal_primitive(self.gcx, a, b);
        self.set_reg(base, dst, Value::Boolean(r != negate));
        Ok(Flow::Next)
    }

    /// A unary operator, inlined like [`Vm::binary`] with its number cases first.
    #[inline(always)]
    fn unary(&mut self, op: UnOp, base: u32, dst: Reg, src: Reg) -> Res<'gc, Flow> {
        let v = self.reg(base, src);
        if let Value::Number(n) = v {
            let r = match op {
                UnOp::Inc => Some(n + 1.0),
                UnOp::Dec => Some(n - 1.0),
                UnOp::Neg => Some(-n),
                UnOp::ToNumber | UnOp::ToNumeric => Some(n),
                _ => None,
            };
            if let Some(r) = r {
                self.set_reg(base, dst, Value::Number(r));
                return Ok(Flow::Next);
            }
        }
        self.unary_general(op, base, dst, v)
    }

    #[inline(never)]
    fn unary_general(&mut self, op: UnOp, base: u32, dst: Reg, v: Value<'gc>) -> Res<'gc, Flow> {
        if let Value::Object(_) = v {
            return Ok(self.push_cont(
                Continuation::Unary {
                    op,
                    value: v,
                    stage: 0,
                },
                ReturnTo::Reg(dst),
            ));
        }
        let r = self.unary_primitive(op, v)?;
        self.set_reg(base, dst, r);
        Ok(Flow::Next)
    }

    pub(crate) fn numeric_of(&mut self, v: Value<'gc>) -> Res<'gc, Value<'gc>> {
        match v {
            Value::BigInt(_) => Ok(v),
            Value::Symbol(_) => Err(self.type_error("Cannot convert a Symbol value to a number")),
            other => Ok(Value::Number(
                ops::to_number_primitive(self.gcx, other).unwrap_or(f64::NAN),
            )),
        }
    }

    fn string_of(&mut self, v: Value<'gc>) -> Res<'gc, JsString<'gc>> {
        match ops::to_string_primitive(self.gcx, v) {
            Some(s) => Ok(s),
            None => Err(self.type_error("Cannot convert a Symbol value to a string")),
        }
    }

    /// ApplyStringOrNumericBinaryOperator and IsLessThan on primitives
    /// (<https://tc39.es/ecma262/#sec-applystringornumericbinaryoperator>,
    /// <https://tc39.es/ecma262/#sec-islessthan>).
    pub fn binary_primitive(
        &mut self,
        op: BinOp,
        a: Value<'gc>,
        b: Value<'gc>,
    ) -> Res<'gc, Value<'gc>> {
        use crate::string::StringError;
        match op {
            BinOp::Add if matches!(a, Value::String(_)) || matches!(b, Value::String(_)) => {
                let x = self.string_of(a)?;
                let y = self.string_of(b)?;
                return match JsString::concat(self.gcx, x, y) {
                    Ok(s) => Ok(Value::String(s)),
                    Err(StringError::TooLong) => {
                        Err(self.error(ErrorKind::RangeError, "Invalid string length"))
                    }
                    Err(StringError::OutOfMemory) => {
                        Err(self.error(ErrorKind::RangeError, "out of memory"))
                    }
                };
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                // Gt and Le swap the operands (LeftFirst only matters for conversion, done).
                let (x, y) = if matches!(op, BinOp::Gt | BinOp::Le) {
                    (b, a)
                } else {
                    (a, b)
                };
                let r = self.is_less_than(x, y)?;
                let v = match op {
                    BinOp::Lt | BinOp::Gt => r == Some(true),
                    _ => r == Some(false),
                };
                return Ok(Value::Boolean(v));
            }
            _ => {}
        }
        let x = self.numeric_of(a)?;
        let y = self.numeric_of(b)?;
        match (x, y) {
            (Value::Number(x), Value::Number(y)) => {
                Ok(number_binary(op, x, y).unwrap_or(Value::Number(f64::NAN)))
            }
            (Value::BigInt(x), Value::BigInt(y)) => self.bigint_binary(op, x.get(), y.get()),
            _ => {
                Err(self.type_error("Cannot mix BigInt and other types, use explicit conversions"))
            }
        }
    }

    fn bigint_binary(
        &mut self,
        op: BinOp,
        x: &num_bigint::BigInt,
        y: &num_bigint::BigInt,
    ) -> Res<'gc, Value<'gc>> {
        use num_bigint::BigInt;
        use num_traits::{Signed, ToPrimitive, Zero};
        let r: BigInt = match op {
            BinOp::Add => x + y,
            BinOp::Sub => x - y,
            BinOp::Mul => {
                let bits = x.bits().saturating_add(y.bits());
                if self.gcx.account.check((bits / 8) as usize).is_err() {
                    return Err(self.error(ErrorKind::RangeError, "Maximum BigInt size exceeded"));
                }
                x * y
            }
            BinOp::Div | BinOp::Rem if y.is_zero() => {
                return Err(self.error(ErrorKind::RangeError, "Division by zero"))
            }
            BinOp::Div => x / y,
            BinOp::Rem => x % y,
            BinOp::Exp => {
                if y.is_negative() {
                    return Err(self.error(ErrorKind::RangeError, "Exponent must be non-negative"));
                }
                let e = y
                    .to_u32()
                    .filter(|e| u64::from(*e).saturating_mul(x.bits()) < (1 << 30));
                match e {
                    Some(e)
                        if x.bits() <= 1
                            || self
                                .gcx
                                .account
                                .check((u64::from(e) * x.bits() / 8) as usize)
                                .is_ok() =>
                    {
                        x.pow(e)
                    }
                    _ if x.is_zero() || x == &BigInt::from(1) => x.clone(),
                    _ => {
                        return Err(
                            self.error(ErrorKind::RangeError, "Maximum BigInt size exceeded")
                        )
                    }
                }
            }
            BinOp::BitAnd => x & y,
            BinOp::BitOr => x | y,
            BinOp::BitXor => x ^ y,
            BinOp::Shl | BinOp::Sar => {
                let shift = if op == BinOp::Shl {
                    y.clone()
                } else {
                    -y.clone()
                };
                match shift.to_i64() {
                    Some(s) if s >= 0 => {
                        if s > (1 << 30)
                            || self
                                .gcx
                                .account
                                .check((s / 8) as usize + (x.bits() / 8) as usize)
                                .is_err()
                        {
                            return Err(
                                self.error(ErrorKind::RangeError, "Maximum BigInt size exceeded")
                            );
                        }
                        x << (s as usize)
                    }
                    Some(s) => {
                        let s = s.unsigned_abs().min(u64::from(u32::MAX));
                        x >> (s as usize)
                    }
                    None if shift.is_negative() => {
                        if x.is_negative() {
                            BigInt::from(-1)
                        } else {
                            BigInt::zero()
                        }
                    }
                    None => {
                        return Err(
                            self.error(ErrorKind::RangeError, "Maximum BigInt size exceeded")
                        )
                    }
                }
            }
            BinOp::Shr => {
                return Err(self.type_error("BigInts have no unsigned right shift, use >> instead"))
            }
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => return Ok(Value::Undefined),
        };
        Ok(Value::BigInt(JsBigInt::new(self.gcx, r)))
    }

    /// IsLessThan on primitives: `None` is the spec's undefined (a NaN was involved).
    fn is_less_than(&mut self, x: Value<'gc>, y: Value<'gc>) -> Res<'gc, Option<bool>> {
        if let (Value::String(a), Value::String(b)) = (x, y) {
            return Ok(Some(a.compare(self.gcx, b) == std::cmp::Ordering::Less));
        }
        // Steps 3-4: a String against a BigInt goes through StringToBigInt (undefined when
        // the string is not a StringIntegerLiteral).
        let to_big = |vm: &Self, s: JsString<'gc>| -> Option<num_bigint::BigInt> {
            crate::number::string_to_bigint(&s.to_utf16(vm.gcx))
        };
        match (x, y) {
            (Value::BigInt(a), Value::String(s)) => {
                return Ok(to_big(self, s).map(|b| a.get() < &b))
            }
            (Value::String(s), Value::BigInt(b)) => {
                return Ok(to_big(self, s).map(|a| &a < b.get()))
            }
            _ => {}
        }
        let nx = self.numeric_of(x)?;
        let ny = self.numeric_of(y)?;
        Ok(match (nx, ny) {
            (Value::Number(a), Value::Number(b)) => {
                if a.is_nan() || b.is_nan() {
                    None
                } else {
                    Some(a < b)
                }
            }
            (Value::BigInt(a), Value::BigInt(b)) => Some(a.get() < b.get()),
            (Value::BigInt(a), Value::Number(b)) => {
                compare_bigint_number(a.get(), b).map(|o| o == std::cmp::Ordering::Less)
            }
            (Value::Number(a), Value::BigInt(b)) => {
                compare_bigint_number(b.get(), a).map(|o| o == std::cmp::Ordering::Greater)
            }
            _ => None,
        })
    }

    /// Unary operators and conversions on a primitive.
    pub fn unary_primitive(&mut self, op: UnOp, v: Value<'gc>) -> Res<'gc, Value<'gc>> {
        use num_bigint::BigInt;
        match op {
            UnOp::ToString => Ok(Value::String(self.string_of(v)?)),
            UnOp::ToPropertyKey => match v {
                Value::Symbol(_) => Ok(v),
                other => Ok(Value::String(self.string_of(other)?)),
            },
            UnOp::ToNumber => match v {
                Value::BigInt(_) => {
                    Err(self.type_error("Cannot convert a BigInt value to a number"))
                }
                other => self.numeric_of(other),
            },
            UnOp::ToNumeric => self.numeric_of(v),
            UnOp::Neg => match self.numeric_of(v)? {
                Value::BigInt(b) => Ok(Value::BigInt(JsBigInt::new(self.gcx, -b.get().clone()))),
                Value::Number(n) => Ok(Value::Number(-n)),
                other => Ok(other),
            },
            UnOp::BitNot => match self.numeric_of(v)? {
                Value::BigInt(b) => Ok(Value::BigInt(JsBigInt::new(self.gcx, !b.get().clone()))),
                Value::Number(n) => Ok(Value::Number(f64::from(!ops::to_int32(n)))),
                other => Ok(other),
            },
            UnOp::Inc | UnOp::Dec => {
                let d = if op == UnOp::Inc { 1 } else { -1 };
                match self.numeric_of(v)? {
                    Value::BigInt(b) => Ok(Value::BigInt(JsBigInt::new(
                        self.gcx,
                        b.get() + BigInt::from(d),
                    ))),
                    Value::Number(n) => Ok(Value::Number(n + f64::from(d))),
                    other => Ok(other),
                }
            }
        }
    }

    // ----- properties ----------------------------------------------------------------

    /// The object whose [[Get]] serves `base` (ToObject without allocating a wrapper).
    /// The string of the one code unit `u`. Those below 256 are made once per context and
    /// shared, so that reading a string unit by unit (`s[i]`, `charAt`) allocates nothing.
    pub(crate) fn unit_string(&mut self, u: u16) -> JsString<'gc> {
        let slot = usize::from(u);
        if slot >= 256 {
            return JsString::from_utf16(self.gcx, vec![u]);
        }
        if let Some(Some(s)) = self.st.unit_strings.get(slot) {
            return *s;
        }
        let s = JsString::from_utf16(self.gcx, vec![u]);
        let table = &mut self.st.unit_strings;
        if table.len() < 256 {
            table.resize(256, None);
        }
        if let Some(cell) = table.get_mut(slot) {
            *cell = Some(s);
        }
        s
    }

    fn lookup_target(
        &mut self,
        base: Value<'gc>,
        key: PropertyKey<'gc>,
    ) -> Res<'gc, Result<Object<'gc>, Value<'gc>>> {
        if let Value::Object(o) = base {
            return Ok(Ok(o));
        }
        let i = self.current_realm();
        let i = i.intrinsics();
        Ok(Ok(match base {
            Value::Object(o) => o,
            Value::String(s) => {
                if key == self.gcx.length {
                    return Ok(Err(Value::Number(s.len() as f64)));
                }
                if let PropertyKey::Index(idx) = key {
                    if let Some(u) = s.code_unit_at(self.gcx, idx as usize) {
                        return Ok(Err(Value::String(self.unit_string(u))));
                    }
                }
                i.string_prototype
            }
            Value::Number(_) => i.number_prototype,
            Value::Boolean(_) => i.boolean_prototype,
            Value::Symbol(_) => i.symbol_prototype,
            Value::BigInt(_) => i.bigint_prototype,
            Value::Undefined | Value::Null | Value::Empty => {
                let k = self.key_display(key);
                let what = if matches!(base, Value::Null) {
                    "null"
                } else {
                    "undefined"
                };
                return Err(
                    self.type_error(&format!("Cannot read properties of {what} (reading '{k}')"))
                );
            }
        }))
    }

    /// GetV(base, key) as a [`Lookup`].
    pub fn get_value(&mut self, base: Value<'gc>, key: PropertyKey<'gc>) -> Res<'gc, Lookup<'gc>> {
        Ok(match self.lookup_target(base, key)? {
            Ok(o) => o.get(self.gcx, key),
            Err(v) => Lookup::Value(v),
        })
    }

    /// GetV with the result sent to `ret` (a getter runs in a frame).
    fn get_then(
        &mut self,
        base: Value<'gc>,
        key: PropertyKey<'gc>,
        ret: ReturnTo,
    ) -> Res<'gc, Flow> {
        match self.get_value(base, key)? {
            Lookup::Value(v) => {
                self.deliver(ret, v);
                Ok(Flow::Next)
            }
            Lookup::Getter(g) => {
                self.call_function(Value::Object(g), base, Vec::new(), ret)?;
                Ok(Flow::Switch)
            }
        }
    }

    /// PutValue on a property reference (<https://tc39.es/ecma262/#sec-putvalue>).
    fn set_step(
        &mut self,
        base: Value<'gc>,
        key: PropertyKey<'gc>,
        v: Value<'gc>,
        strict: bool,
        receiver: Value<'gc>,
    ) -> Res<'gc, SetOutcome<'gc>> {
        let target = match base {
            Value::Object(o) => o,
            Value::Undefined | Value::Null | Value::Empty => {
                let k = self.key_display(key);
                return Err(self.type_error(&format!(
                    "Cannot set properties of {} (setting '{k}')",
                    base.type_name()
                )));
            }
            prim => match self.lookup_target(prim, key)? {
                Ok(o) => o,
                Err(_) => {
                    // A string's own index or length: read-only.
                    if strict {
                        return Err(
                            self.type_error("Cannot assign to read only property of a string")
                        );
                    }
                    return Ok(SetOutcome::Done(true));
                }
            },
        };
        let r = match target.set(self.gcx, key, v, receiver) {
            Ok(r) => r,
            Err(e) => return Err(self.error(e.kind, e.message)),
        };
        if let SetOutcome::Done(false) = r {
            if strict {
                let k = self.key_display(key);
                return Err(self.type_error(&format!(
                    "Cannot assign to read only property '{k}' of object"
                )));
            }
        }
        Ok(r)
    }

    fn set_then(
        &mut self,
        base: Value<'gc>,
        key: PropertyKey<'gc>,
        v: Value<'gc>,
        strict: bool,
    ) -> Res<'gc, Flow> {
        if let (Value::Object(o), PropertyKey::Index(i)) = (base, key) {
            if fast_dense_set(self.gcx, o, i, v) {
                return Ok(Flow::Next);
            }
        }
        match self.set_step(base, key, v, strict, base)? {
            SetOutcome::Done(_) => Ok(Flow::Next),
            SetOutcome::CallSetter(s) => {
                self.call_function(Value::Object(s), base, vec![v], ReturnTo::Discard)?;
                Ok(Flow::Switch)
            }
            SetOutcome::ArrayLength(a) => Ok(self.push_cont(
                crate::cont::array_set_length(a, v, strict),
                ReturnTo::Discard,
            )),
        }
    }

    fn delete_property(
        &mut self,
        base: Value<'gc>,
        key: PropertyKey<'gc>,
        strict: bool,
    ) -> Res<'gc, bool> {
        let o = match base {
            Value::Object(o) => o,
            Value::Undefined | Value::Null => {
                return Err(self.type_error("Cannot convert undefined or null to object"))
            }
            Value::String(s) => {
                let own = key == self.gcx.length
                    || matches!(key, PropertyKey::Index(i) if (i as usize) < s.len());
                if own && strict {
                    return Err(self.type_error("Cannot delete property of a string"));
                }
                return Ok(!own);
            }
            _ => return Ok(true),
        };
        let r = o.delete(self.gcx, key);
        if !r && strict {
            let k = self.key_display(key);
            return Err(self.type_error(&format!("Cannot delete property '{k}'")));
        }
        Ok(r)
    }

    /// ToPropertyKey on a primitive.
    pub fn to_property_key(&mut self, key: Value<'gc>) -> Res<'gc, PropertyKey<'gc>> {
        match key {
            Value::Number(n) if (0.0..4_294_967_295.0).contains(&n) && n.fract() == 0.0 => {
                Ok(PropertyKey::Index(n as u32))
            }
            Value::Symbol(s) => Ok(PropertyKey::Symbol(s)),
            Value::String(s) => Ok(self.interner.key(self.gcx, s)),
            other => {
                let s = self.string_of(other)?;
                Ok(self.interner.key(self.gcx, s))
            }
        }
    }

    /// A keyed operation; an object key goes through a continuation (ToPrimitive first).
    fn keyed(
        &mut self,
        op: KeyedOp<'gc>,
        obj: Value<'gc>,
        key: Value<'gc>,
        value: Value<'gc>,
        ret: ReturnTo,
        strict: bool,
    ) -> Res<'gc, Flow> {
        if let Value::Object(_) = key {
            if matches!(op, KeyedOp::Get | KeyedOp::Set | KeyedOp::Delete) && obj.is_nullish() {
                return Err(
                    self.type_error(&format!("Cannot read properties of {}", obj.type_name()))
                );
            }
            return Ok(self.push_cont(
                Continuation::Keyed {
                    op,
                    obj,
                    key,
                    value,
                    strict,
                    stage: 0,
                },
                ret,
            ));
        }
        match self.keyed_primitive(op, obj, key, value, strict) {
            ContStep::Done(v) => {
                self.deliver(ret, v);
                Ok(Flow::Next)
            }
            ContStep::Throw(e) => Err(e),
            ContStep::Call { callee, this, args } => {
                self.call_function(callee, this, args, ret)?;
                Ok(Flow::Switch)
            }
            ContStep::Push(c) => Ok(self.push_cont(c, ret)),
            // Only module evaluation asks for module frames.
            ContStep::RunModule { .. } => Ok(Flow::Next),
            ContStep::Construct {
                callee,
                args,
                new_target,
            } => {
                self.construct(callee, args, new_target, ret)?;
                Ok(Flow::Switch)
            }
        }
    }

    /// A keyed operation with a primitive key, as a continuation step.
    pub fn keyed_primitive(
        &mut self,
        op: KeyedOp<'gc>,
        obj: Value<'gc>,
        key: Value<'gc>,
        value: Value<'gc>,
        strict: bool,
    ) -> ContStep<'gc> {
        let k = match self.to_property_key(key) {
            Ok(k) => k,
            Err(e) => return ContStep::Throw(e),
        };
        let r: Res<'gc, ContStep<'gc>> = (|| match op {
            KeyedOp::Get => Ok(match self.get_value(obj, k)? {
                Lookup::Value(v) => ContStep::Done(v),
                Lookup::Getter(g) => ContStep::Call {
                    callee: Value::Object(g),
                    this: obj,
                    args: Vec::new(),
                },
            }),
            KeyedOp::SuperGet(this) => Ok(match obj {
                Value::Object(o) => match o.get(self.gcx, k) {
                    Lookup::Value(v) => ContStep::Done(v),
                    Lookup::Getter(g) => ContStep::Call {
                        callee: Value::Object(g),
                        this,
                        args: Vec::new(),
                    },
                },
                _ => ContStep::Done(Value::Undefined),
            }),
            KeyedOp::Set | KeyedOp::SuperSet(_) => {
                let receiver = if let KeyedOp::SuperSet(t) = op {
                    t
                } else {
                    obj
                };
                if let (Value::Object(o), PropertyKey::Index(i), KeyedOp::Set) = (obj, k, op) {
                    if fast_dense_set(self.gcx, o, i, value) {
                        return Ok(ContStep::Done(value));
                    }
                }
                Ok(match self.set_step(obj, k, value, strict, receiver)? {
                    SetOutcome::Done(_) => ContStep::Done(value),
                    SetOutcome::CallSetter(s) => ContStep::Call {
                        callee: Value::Object(s),
                        this: receiver,
                        args: vec![value],
                    },
                    SetOutcome::ArrayLength(a) => {
                        ContStep::Push(crate::cont::array_set_length(a, value, strict))
                    }
                })
            }
            KeyedOp::Delete => Ok(ContStep::Done(Value::Boolean(
                self.delete_property(obj, k, strict)?,
            ))),
            KeyedOp::In => match obj {
                Value::Object(o) => Ok(ContStep::Done(Value::Boolean(o.has_property(self.gcx, k)))),
                _ => {
                    Err(self
                        .type_error("Cannot use 'in' operator to search for a key in a non-object"))
                }
            },
            KeyedOp::Define => match obj {
                Value::Object(o) => {
                    let ok = o.define_own_property(
                        self.gcx,
                        k,
                        PropertyDescriptor::data(value, Attrs::DEFAULT),
                    );
                    match ok {
                        Ok(true) => Ok(ContStep::Done(value)),
                        Ok(false) => Err(self.type_error("Cannot define property")),
                        Err(e) => Err(self.error(e.kind, e.message)),
                    }
                }
                _ => Err(self.type_error("Cannot define property on a non-object")),
            },
        })();
        r.unwrap_or_else(ContStep::Throw)
    }

    /// GetSuperBase (<https://tc39.es/ecma262/#sec-getsuperbase>) of the function
    /// environment whose [[FunctionObject]] is `func`: its [[HomeObject]]'s prototype, or
    /// undefined without a home object.
    fn get_super_base(&self, func: Value<'gc>) -> Value<'gc> {
        let home = func.as_object().and_then(|c| match &c.borrow().kind {
            ObjectKind::Function(cl) => cl.home_object,
            _ => None,
        });
        match home {
            Some(h) => h.get_prototype_of().map_or(Value::Null, Value::Object),
            None => Value::Undefined,
        }
    }

    /// GetValue/PutValue step 3.a on a super reference: ToObject of a null or undefined base
    /// is a TypeError (before the key is converted).
    fn require_super_base(&mut self, home_proto: Value<'gc>, key: Value<'gc>) -> Res<'gc, ()> {
        if home_proto.is_nullish() {
            let what = home_proto.type_name();
            let k = match key {
                Value::String(s) => s.to_std_string(self.gcx),
                _ => String::from("<computed>"),
            };
            return Err(self.type_error(&format!(
                "Cannot access property '{k}' of super: the home object's prototype is {what}"
            )));
        }
        Ok(())
    }

    // ----- globals and names ---------------------------------------------------------

    fn get_global(
        &mut self,
        base: u32,
        dst: Reg,
        consts: ConstCacheRef<'gc>,
        name: u32,
        throw: bool,
    ) -> Res<'gc, Flow> {
        let realm = self.current_realm();
        let g = realm.global();
        let lex_len = realm.0.global_lexical.borrow().len();
        let ic = consts.borrow().global_ics.get(name as usize).copied();
        if let Some(v) = ic.and_then(|ic| ic.get(g, lex_len)) {
            self.set_reg(base, dst, v);
            return Ok(Flow::Next);
        }
        let key = self.const_key(consts, name);
        let lex = realm.0.global_lexical.borrow().get(&key).copied();
        if let Some(b) = lex {
            if b.value.is_empty() {
                return Err(self.tdz_error(consts, name));
            }
            self.set_reg(base, dst, b.value);
            return Ok(Flow::Next);
        }
        // An own data property of the global object: HasBinding and GetBindingValue's
        // HasProperty and [[Get]] all find it, and none of them is observable.
        if let Some(p) = g.get_own_property(self.gcx, key) {
            if let Slot::Data(v) = p.slot {
                self.cache_global(consts, name, g, key, lex_len);
                self.set_reg(base, dst, v);
                return Ok(Flow::Next);
            }
        }
        if !g.has_property(self.gcx, key) {
            if throw {
                let n = self.key_display(key);
                return Err(self.error(ErrorKind::ReferenceError, &format!("{n} is not defined")));
            }
            self.set_reg(base, dst, Value::Undefined);
            return Ok(Flow::Next);
        }
        self.get_then(Value::Object(g), key, ReturnTo::Reg(dst))
    }

    fn set_global(
        &mut self,
        consts: ConstCacheRef<'gc>,
        name: u32,
        v: Value<'gc>,
        strict: bool,
    ) -> Res<'gc, Flow> {
        let realm = self.current_realm();
        let g = realm.global();
        let lex_len = realm.0.global_lexical.borrow().len();
        let ic = consts.borrow().global_ics.get(name as usize).copied();
        if ic.is_some_and(|ic| ic.set(self.gcx, g, lex_len, v)) {
            return Ok(Flow::Next);
        }
        let key = self.const_key(consts, name);
        let lex = realm.0.global_lexical.borrow().get(&key).copied();
        if let Some(b) = lex {
            if b.value.is_empty() {
                return Err(self.tdz_error(consts, name));
            }
            if !b.mutable {
                return Err(self.type_error("Assignment to constant variable."));
            }
            let mut map = gc_arena::barrier::unlock!(
                Gc::write(self.gcx.mc, realm.0),
                crate::realm::RealmData,
                global_lexical
            )
            .borrow_mut();
            map.insert(
                key,
                GlobalBinding {
                    value: v,
                    mutable: true,
                },
            );
            return Ok(Flow::Next);
        }
        if strict && !g.has_property(self.gcx, key) {
            let n = self.key_display(key);
            return Err(self.error(ErrorKind::ReferenceError, &format!("{n} is not defined")));
        }
        let flow = self.set_then(Value::Object(g), key, v, strict)?;
        if let Flow::Next = flow {
            // Counted again: the store may have run a native setter.
            let lex_len = realm.0.global_lexical.borrow().len();
            self.cache_global(consts, name, g, key, lex_len);
        }
        Ok(flow)
    }

    /// Remember where `GetGlobal`/`SetGlobal` of constant `name` (`key`) found its property on
    /// the global object `g`, when the realm's `lex_len` declarative bindings do not shadow it.
    fn cache_global(
        &mut self,
        consts: ConstCacheRef<'gc>,
        name: u32,
        g: Object<'gc>,
        key: PropertyKey<'gc>,
        lex_len: usize,
    ) {
        let ic = GlobalIc::for_global(g, key, lex_len);
        if let Some(e) = consts
            .borrow_mut(self.gcx.mc)
            .global_ics
            .get_mut(name as usize)
        {
            *e = ic;
        }
    }

    /// GlobalDeclarationInstantiation (<https://tc39.es/ecma262/#sec-globaldeclarationinstantiation>).
    fn declare_globals(&mut self, code: &Arc<CodeBlock>, decls: u32) -> Res<'gc, ()> {
        let Some(Constant::Declarations(d)) = code.constants.get(decls as usize) else {
            return Ok(());
        };
        let realm = self.current_realm();
        let g = realm.global();
        // 3-4. Lexical names may not collide with anything; var names not with lexical ones.
        for (name, _) in &d.lexical {
            let key = self.interner.key_units(self.gcx, name);
            let restricted = g
                .get_own_property(self.gcx, key)
                .is_some_and(|p| !p.attrs.configurable());
            if realm.0.global_lexical.borrow().contains_key(&key) || restricted {
                let n = String::from_utf16_lossy(name);
                return Err(self.error(
                    ErrorKind::SyntaxError,
                    &format!("Identifier '{n}' has already been declared"),
                ));
            }
        }
        let var_like: Vec<&Arc<[u16]>> = d
            .var_names
            .iter()
            .chain(d.functions.iter().map(|(n, _)| n))
            .collect();
        for name in &var_like {
            let key = self.interner.key_units(self.gcx, name);
            if realm.0.global_lexical.borrow().contains_key(&key) {
                let n = String::from_utf16_lossy(name);
                return Err(self.error(
                    ErrorKind::SyntaxError,
                    &format!("Identifier '{n}' has already been declared"),
                ));
            }
        }
        // 8-10. CanDeclareGlobalFunction / CanDeclareGlobalVar.
        for (name, _) in &d.functions {
            let key = self.interner.key_units(self.gcx, name);
            if let Some(p) = g.get_own_property(self.gcx, key) {
                let ok = p.attrs.configurable()
                    || (matches!(p.slot, Slot::Data(_))
                        && p.attrs.writable()
                        && p.attrs.enumerable());
                if !ok {
                    let n = String::from_utf16_lossy(name);
                    return Err(self.type_error(&format!("Cannot redefine global function '{n}'")));
                }
            } else if !g.is_extensible() {
                return Err(self.type_error(
                    "Cannot declare a global function on a non-extensible global object",
                ));
            }
        }
        for name in &d.var_names {
            let key = self.interner.key_units(self.gcx, name);
            if g.get_own_property(self.gcx, key).is_none() && !g.is_extensible() {
                return Err(self.type_error(
                    "Cannot declare a global variable on a non-extensible global object",
                ));
            }
        }
        // 15-16. Lexical bindings start uninitialised.
        for (name, is_const) in &d.lexical {
            let key = self.interner.key_units(self.gcx, name);
            let mut map = gc_arena::barrier::unlock!(
                Gc::write(self.gcx.mc, realm.0),
                crate::realm::RealmData,
                global_lexical
            )
            .borrow_mut();
            map.insert(
                key,
                GlobalBinding {
                    value: Value::Empty,
                    mutable: !is_const,
                },
            );
        }
        // 17. CreateGlobalFunctionBinding.
        for (name, idx) in &d.functions {
            let key = self.interner.key_units(self.gcx, name);
            let f = self.make_closure(code, *idx)?;
            let existing = g.get_own_property(self.gcx, key);
            let desc = match existing {
                Some(p) if !p.attrs.configurable() => PropertyDescriptor {
                    value: Some(Value::Object(f)),
                    ..Default::default()
                },
                _ => PropertyDescriptor::data(
                    Value::Object(f),
                    Attrs(Attrs::WRITABLE | Attrs::ENUMERABLE),
                ),
            };
            if let Err(e) = g.define_own_property(self.gcx, key, desc) {
                return Err(self.error(e.kind, e.message));
            }
        }
        // 18. CreateGlobalVarBinding (Annex B.3.2.2 function-in-block names too, unless a
        // lexical binding of the name exists).
        let annex_b: Vec<&Arc<[u16]>> = d
            .annex_b_var_names
            .iter()
            .filter(|n| !d.lexical.iter().any(|(l, _)| l == *n))
            .collect();
        for name in d.var_names.iter().chain(annex_b) {
            let key = self.interner.key_units(self.gcx, name);
            if g.get_own_property(self.gcx, key).is_none() {
                let desc = PropertyDescriptor::data(
                    Value::Undefined,
                    Attrs(Attrs::WRITABLE | Attrs::ENUMERABLE),
                );
                if let Err(e) = g.define_own_property(self.gcx, key, desc) {
                    return Err(self.error(e.kind, e.message));
                }
            }
        }
        Ok(())
    }

    // ----- objects and functions -------------------------------------------------------

    /// CreateArrayFromList.
    pub fn array_from(&mut self, values: &[Value<'gc>]) -> Object<'gc> {
        let proto = self.current_realm().intrinsics().array_prototype;
        let a = Object::new_array(self.gcx, Some(proto));
        for (i, v) in values.iter().enumerate() {
            a.put_data(self.gcx, PropertyKey::Index(i as u32), *v, Attrs::DEFAULT);
        }
        a
    }

    /// The elements of an array (spread argument lists), holes as undefined.
    fn array_values(&mut self, v: Value<'gc>) -> Res<'gc, Vec<Value<'gc>>> {
        let Value::Object(a) = v else {
            return Ok(Vec::new());
        };
        let len = array_length(a);
        if len > 65_535 || self.gcx.account.check(len as usize * 16).is_err() {
            return Err(self.error(ErrorKind::RangeError, "Too many arguments in function call"));
        }
        Ok((0..len)
            .map(|i| match a.borrow().find_own(PropertyKey::Index(i)) {
                Some(p) => match p.slot {
                    Slot::Data(v) => v,
                    Slot::Accessor { .. } => Value::Undefined,
                },
                None => Value::Undefined,
            })
            .collect())
    }

    /// ToObject (<https://tc39.es/ecma262/#sec-toobject>) with wrappers from `realm`.
    pub fn to_object_in(&mut self, realm: Realm<'gc>, v: Value<'gc>) -> Res<'gc, Object<'gc>> {
        let i = realm.intrinsics();
        let (proto, kind) = match v {
            Value::Object(o) => return Ok(o),
            Value::Undefined | Value::Null | Value::Empty => {
                return Err(self.type_error("Cannot convert undefined or null to object"));
            }
            Value::Boolean(b) => (i.boolean_prototype, ObjectKind::Boolean(b)),
            Value::Number(n) => (i.number_prototype, ObjectKind::Number(n)),
            Value::String(s) => (i.string_prototype, ObjectKind::String(s)),
            Value::Symbol(s) => (i.symbol_prototype, ObjectKind::Symbol(s)),
            Value::BigInt(b) => (i.bigint_prototype, ObjectKind::BigInt(b)),
        };
        Ok(Object::new(self.gcx, Some(proto), kind))
    }

    /// An unmapped arguments object (<https://tc39.es/ecma262/#sec-createunmappedargumentsobject>).
    fn create_arguments(&mut self) -> Object<'gc> {
        let args = self.frame().map(|f| f.args.clone()).unwrap_or_default();
        let realm = self.current_realm();
        let o = Object::new(
            self.gcx,
            Some(realm.intrinsics().object_prototype),
            ObjectKind::Arguments,
        );
        o.put_data(
            self.gcx,
            self.gcx.length,
            Value::Number(args.len() as f64),
            Attrs::HIDDEN,
        );
        for (i, v) in args.iter().enumerate() {
            o.put_data(self.gcx, PropertyKey::Index(i as u32), *v, Attrs::DEFAULT);
        }
        // Step 8: an unmapped arguments object (strict code, or non-simple parameters) has
        // a `callee` accessor that throws, whatever the strictness.
        let callee_key = self.names.callee;
        let t = Some(realm.intrinsics().throw_type_error);
        o.borrow_mut(self.gcx.mc).write_own(
            self.gcx,
            callee_key,
            crate::object::Property {
                slot: Slot::Accessor { get: t, set: t },
                attrs: Attrs::NONE,
            },
        );
        let values = Value::Object(realm.intrinsics().array_values);
        o.put_data(
            self.gcx,
            PropertyKey::Symbol(self.symbols.iterator),
            values,
            Attrs::HIDDEN,
        );
        o
    }

    /// InstantiateOrdinaryFunctionObject & co.: a closure over the running environment.
    fn make_closure(&mut self, code: &Arc<CodeBlock>, func: u32) -> Res<'gc, Object<'gc>> {
        let Some(child) = code.functions.get(func as usize).cloned() else {
            return Err(self.error(ErrorKind::SyntaxError, "internal error: bad function index"));
        };
        let (env, penv, this, nt, realm) = match self.frame() {
            Some(f) => (f.env, f.private_env, f.this, f.new_target, f.realm),
            None => (None, None, Value::Undefined, Value::Undefined, self.realm),
        };
        Ok(self.closure_object(child, env, penv, realm, this, nt))
    }

    /// A function object for `code` (OrdinaryFunctionCreate + MakeConstructor + SetFunctionName).
    /// The `name` of functions made from `code`, one string per code per context.
    fn function_name(&mut self, code: &Arc<CodeBlock>) -> JsString<'gc> {
        let consts = self.cache_for(code);
        if let Some(n) = consts.borrow().fn_name {
            return n;
        }
        let n = JsString::from_utf16(self.gcx, code.name.to_vec());
        consts.borrow_mut(self.gcx.mc).fn_name = Some(n);
        n
    }

    /// The shapes of new closures, built on first use.
    fn function_shapes(&mut self) -> FunctionShapes<'gc> {
        if let Some(s) = self.st.fn_shapes {
            return s;
        }
        let gcx = self.gcx;
        let configurable = Attrs(Attrs::CONFIGURABLE);
        let plain = gcx
            .empty_shape
            .with_added(gcx, gcx.length, configurable)
            .with_added(gcx, self.names.name, configurable);
        let caller = self.interner.key_str(gcx, "caller");
        let shapes = FunctionShapes {
            plain,
            constructor: plain.with_added(gcx, self.names.prototype, Attrs(Attrs::WRITABLE)),
            sloppy_constructor: plain.with_added(gcx, caller, Attrs::NONE).with_added(
                gcx,
                self.names.prototype,
                Attrs(Attrs::WRITABLE),
            ),
            prototype: gcx
                .empty_shape
                .with_added(gcx, self.names.constructor, Attrs::HIDDEN),
        };
        self.st.fn_shapes = Some(shapes);
        shapes
    }

    pub fn closure_object(
        &mut self,
        code: Arc<CodeBlock>,
        env: Option<Env<'gc>>,
        penv: Option<crate::env::PrivEnv<'gc>>,
        realm: Realm<'gc>,
        this: Value<'gc>,
        nt: Value<'gc>,
    ) -> Object<'gc> {
        let flags = code.flags;
        let is_arrow = flags.contains(CodeFlags::ARROW);
        let length = Value::Number(f64::from(code.length));
        let name = Value::String(self.function_name(&code));
        let shapes = self.function_shapes();
        let makes_prototype =
            flags.contains(CodeFlags::CONSTRUCTOR) && !flags.contains(CodeFlags::CLASS_CONSTRUCTOR);
        let closure = ObjectKind::Function(Box::new(Closure {
            code: Static(code),
            env,
            realm,
            home_object: None,
            lexical_this: if is_arrow { this } else { Value::Undefined },
            lexical_new_target: if is_arrow { nt } else { Value::Undefined },
            field_init: None,
            private_env: penv,
            fields: Vec::new(),
            private_methods: Vec::new(),
        }));
        let function_prototype = Some(realm.intrinsics().function_prototype);
        let f = if makes_prototype {
            // MakeConstructor: a fresh prototype object whose `constructor` is the function.
            let proto = Object::with_shape(
                self.gcx,
                Some(realm.intrinsics().object_prototype),
                ObjectKind::Ordinary,
                shapes.prototype,
                vec![Slot::Data(Value::Undefined)],
            );
            let proto_slot = Slot::Data(Value::Object(proto));
            let (shape, slots) = if flags.contains(CodeFlags::STRICT) {
                let slots = vec![Slot::Data(length), Slot::Data(name), proto_slot];
                (shapes.constructor, slots)
            } else {
                let caller = Slot::Data(Value::Undefined);
                let slots = vec![Slot::Data(length), Slot::Data(name), caller, proto_slot];
                (shapes.sloppy_constructor, slots)
            };
            let f = Object::with_shape(self.gcx, function_prototype, closure, shape, slots);
            proto.put_data(
                self.gcx,
                self.names.constructor,
                Value::Object(f),
                Attrs::HIDDEN,
            );
            f
        } else {
            Object::with_shape(
                self.gcx,
                function_prototype,
                closure,
                shapes.plain,
                vec![Slot::Data(length), Slot::Data(name)],
            )
        };
        if flags.contains(CodeFlags::GENERATOR) || flags.contains(CodeFlags::ASYNC) {
            crate::coro::setup_closure(self, f, flags, realm);
        }
        f
    }

    /// ClassDefinitionEvaluation steps 5-8
    /// (<https://tc39.es/ecma262/#sec-runtime-semantics-classdefinitionevaluation>) for a
    /// class without heritage, with `extends null`, or whose heritage is no constructor: the
    /// parents of the prototype and of the constructor. A constructor goes through
    /// [`Vm::new_class_step`] instead.
    fn class_parents(
        &mut self,
        heritage: Option<Value<'gc>>,
    ) -> Res<'gc, (Option<Object<'gc>>, Object<'gc>)> {
        let realm = self.current_realm();
        match heritage {
            None => Ok((
                Some(realm.intrinsics().object_prototype),
                realm.intrinsics().function_prototype,
            )),
            // 8.e. extends null.
            Some(Value::Null) => Ok((None, realm.intrinsics().function_prototype)),
            // 8.f.
            Some(_) => Err(self.type_error("Class extends value is not a constructor or null")),
        }
    }

    /// ClassDefinitionEvaluation step 8.g for a constructor `heritage` (stage 0: Get(superclass,
    /// "prototype"), a getter called in a frame; stage 1: check it), then `NewClass`'s class
    /// creation into registers `dst` and `dst + 1` of the running frame.
    pub(crate) fn new_class_step(
        &mut self,
        heritage: Object<'gc>,
        ctor: u32,
        dst: Reg,
        stage: &mut u8,
        input: Value<'gc>,
    ) -> ContStep<'gc> {
        let mut input = input;
        if *stage == 0 {
            *stage = 1;
            match heritage.get(self.gcx, self.names.prototype) {
                Lookup::Value(v) => input = v,
                Lookup::Getter(g) => {
                    return ContStep::Call {
                        callee: Value::Object(g),
                        this: Value::Object(heritage),
                        args: Vec::new(),
                    }
                }
            }
        }
        // 8.g.ii-iii. protoParent must be an object or null.
        let proto_parent = match input {
            Value::Object(p) => Some(p),
            Value::Null => None,
            _ => {
                return ContStep::Throw(
                    self.type_error("Class extends value does not have valid prototype property"),
                )
            }
        };
        let Some(code) = self.frame().map(|f| Arc::clone(&f.code.0)) else {
            return ContStep::Done(Value::Undefined);
        };
        let (c, p) = match self.new_class(&code, ctor, (proto_parent, heritage)) {
            Ok(r) => r,
            Err(e) => return ContStep::Throw(e),
        };
        self.set_top_reg(dst, Value::Object(c));
        self.set_top_reg(dst.wrapping_add(1), Value::Object(p));
        ContStep::Done(Value::Undefined)
    }

    /// ClassDefinitionEvaluation steps 9 and 14-16 with the parents of steps 5-8: the
    /// prototype object and the constructor function.
    fn new_class(
        &mut self,
        code: &Arc<CodeBlock>,
        ctor: u32,
        (proto_parent, ctor_parent): (Option<Object<'gc>>, Object<'gc>),
    ) -> Res<'gc, (Object<'gc>, Object<'gc>)> {
        let proto = Object::new(self.gcx, proto_parent, ObjectKind::Ordinary);
        let f = self.make_closure(code, ctor)?;
        f.borrow_mut(self.gcx.mc).prototype = Some(ctor_parent);
        if let ObjectKind::Function(c) = &mut f.borrow_mut(self.gcx.mc).kind {
            c.home_object = Some(proto);
        }
        f.put_data(
            self.gcx,
            self.names.prototype,
            Value::Object(proto),
            Attrs::NONE,
        );
        proto.put_data(
            self.gcx,
            self.names.constructor,
            Value::Object(f),
            Attrs::HIDDEN,
        );
        Ok((f, proto))
    }

    fn define_method(
        &mut self,
        obj: Value<'gc>,
        key: Value<'gc>,
        func: Value<'gc>,
        enumerable: bool,
        kind: MethodKind,
    ) -> Res<'gc, ()> {
        let (Value::Object(o), Value::Object(f)) = (obj, func) else {
            return Err(self.type_error("internal error: method definition on a non-object"));
        };
        let k = self.to_property_key(key)?;
        if let ObjectKind::Function(c) = &mut f.borrow_mut(self.gcx.mc).kind {
            c.home_object = Some(o);
        }
        let desc = match kind {
            MethodKind::Method => {
                PropertyDescriptor::data(Value::Object(f), Attrs::new(true, enumerable, true))
            }
            MethodKind::Getter => PropertyDescriptor {
                get: Some(Some(f)),
                enumerable: Some(enumerable),
                configurable: Some(true),
                ..Default::default()
            },
            MethodKind::Setter => PropertyDescriptor {
                set: Some(Some(f)),
                enumerable: Some(enumerable),
                configurable: Some(true),
                ..Default::default()
            },
        };
        match o.define_own_property(self.gcx, k, desc) {
            Ok(true) => Ok(()),
            Ok(false) => Err(self.type_error("Cannot redefine property")),
            Err(e) => Err(self.error(e.kind, e.message)),
        }
    }

    /// SetFunctionName (<https://tc39.es/ecma262/#sec-setfunctionname>).
    fn set_function_name(
        &mut self,
        func: Value<'gc>,
        name: Value<'gc>,
        prefix: u8,
    ) -> Res<'gc, ()> {
        let Value::Object(f) = func else {
            return Ok(());
        };
        let mut text: Vec<u16> = match name {
            Value::Symbol(s) => match s.description() {
                Some(d) if s.0.private => d.to_utf16(self.gcx),
                Some(d) => {
                    let mut v: Vec<u16> = "[".encode_utf16().collect();
                    v.extend(d.to_utf16(self.gcx));
                    v.push(u16::from(b']'));
                    v
                }
                None => Vec::new(),
            },
            other => self.string_of(other)?.to_utf16(self.gcx),
        };
        let p: &str = match prefix {
            1 => "get ",
            2 => "set ",
            _ => "",
        };
        if !p.is_empty() {
            let mut v: Vec<u16> = p.encode_utf16().collect();
            v.append(&mut text);
            text = v;
        }
        let s = JsString::from_utf16(self.gcx, text);
        f.put_data(
            self.gcx,
            self.names.name,
            Value::String(s),
            Attrs(Attrs::CONFIGURABLE),
        );
        Ok(())
    }

    fn private_get(&mut self, obj: Value<'gc>, name: Value<'gc>) -> Res<'gc, Lookup<'gc>> {
        let (Value::Object(o), Value::Symbol(s)) = (obj, name) else {
            return Err(self.type_error(
                "Cannot read private member from an object whose class did not declare it",
            ));
        };
        match o.borrow().find_own(PropertyKey::Symbol(s)) {
            Some(p) => Ok(match p.slot {
                Slot::Data(v) => Lookup::Value(v),
                Slot::Accessor { get: Some(g), .. } => Lookup::Getter(g),
                Slot::Accessor { get: None, .. } => {
                    return Err(self.type_error("'#' accessor was defined without a getter"))
                }
            }),
            None => Err(self.type_error(
                "Cannot read private member from an object whose class did not declare it",
            )),
        }
    }

    fn private_set(&mut self, obj: Value<'gc>, name: Value<'gc>, v: Value<'gc>) -> Res<'gc, Flow> {
        let (Value::Object(o), Value::Symbol(s)) = (obj, name) else {
            return Err(self.type_error(
                "Cannot write private member to an object whose class did not declare it",
            ));
        };
        let key = PropertyKey::Symbol(s);
        let found = o.borrow().find_own(key);
        match found {
            Some(p) => match p.slot {
                Slot::Data(_) if p.attrs.writable() => {
                    o.borrow_mut(self.gcx.mc).write_own(
                        self.gcx,
                        key,
                        crate::object::Property::data(v, p.attrs),
                    );
                    Ok(Flow::Next)
                }
                Slot::Accessor { set: Some(f), .. } => {
                    self.call_function(Value::Object(f), obj, vec![v], ReturnTo::Discard)?;
                    Ok(Flow::Switch)
                }
                _ => Err(self.type_error("Private method is not writable")),
            },
            None => Err(self.type_error(
                "Cannot write private member to an object whose class did not declare it",
            )),
        }
    }

    fn private_define(&mut self, obj: Value<'gc>, name: Value<'gc>, v: Value<'gc>) -> Res<'gc, ()> {
        let (Value::Object(o), Value::Symbol(s)) = (obj, name) else {
            return Err(self.type_error("Cannot define private field on a non-object"));
        };
        let key = PropertyKey::Symbol(s);
        if o.borrow().find_own(key).is_some() {
            return Err(self.type_error("Cannot initialize private field twice on the same object"));
        }
        o.borrow_mut(self.gcx.mc).write_own(
            self.gcx,
            key,
            crate::object::Property::data(v, Attrs(Attrs::WRITABLE)),
        );
        Ok(())
    }

    /// `super(...args)` (<https://tc39.es/ecma262/#sec-super-keyword-runtime-semantics-evaluation>):
    /// construct the parent of the active function `func` with `nt` as `new.target`, then
    /// bind `this`.
    fn super_call(
        &mut self,
        args: Vec<Value<'gc>>,
        dst: Reg,
        func: Value<'gc>,
        nt: Value<'gc>,
    ) -> Res<'gc, Flow> {
        let callee = func.as_object();
        let parent = callee.and_then(|c| c.get_prototype_of());
        let Some(parent) = parent.filter(|p| p.is_constructor()) else {
            return Err(self.type_error("Super constructor is not a constructor"));
        };
        self.st.frames.push(Frame::Native(NativeFrame {
            cont: Continuation::SuperCall {
                dst,
                stage: 0,
                result: Value::Undefined,
                func: callee,
            },
            ret: ReturnTo::Reg(dst),
        }));
        if let Err(e) = self.construct(
            Value::Object(parent),
            args,
            nt.as_object(),
            ReturnTo::Native,
        ) {
            self.st.frames.pop();
            return Err(e);
        }
        Ok(Flow::Switch)
    }

    /// DefineField (<https://tc39.es/ecma262/#sec-definefield>) for one initialised field.
    pub fn define_instance_field(
        &mut self,
        this: Value<'gc>,
        key: Value<'gc>,
        v: Value<'gc>,
    ) -> Res<'gc, ()> {
        match key {
            Value::Symbol(s) if s.0.private => self.private_define(this, key, v),
            _ => {
                let Value::Object(o) = this else {
                    return Ok(());
                };
                let k = self.to_property_key(key)?;
                match o.define_own_property(
                    self.gcx,
                    k,
                    PropertyDescriptor::data(v, Attrs::DEFAULT),
                ) {
                    Ok(true) => Ok(()),
                    Ok(false) => Err(self.type_error("Cannot define class field")),
                    Err(e) => Err(self.error(e.kind, e.message)),
                }
            }
        }
    }

    /// The interned key "return".
    pub fn return_key(&mut self) -> PropertyKey<'gc> {
        self.interner.key_str(self.gcx, "return")
    }

    /// Write register `r` of the top script frame (continuations finishing an instruction).
    pub fn set_top_reg(&mut self, r: Reg, v: Value<'gc>) {
        if let Some(Frame::Script(f)) = self.st.frames.last() {
            let base = f.base;
            self.set_reg(base, r, v);
        }
    }

    /// Jump the top script frame by `offset` from its next instruction.
    pub fn jump_top(&mut self, offset: i32) {
        if let Some(f) = self.top_script() {
            f.pc = (i64::from(f.pc) + i64::from(offset)).clamp(0, i64::from(u32::MAX)) as u32;
        }
    }

    /// Append `v` at the end of array `a`.
    pub fn array_append(&mut self, a: Object<'gc>, v: Value<'gc>) -> Res<'gc, ()> {
        let len = array_length(a);
        if len == u32::MAX - 1 {
            return Err(self.error(ErrorKind::RangeError, "Invalid array length"));
        }
        if self.gcx.account.check(16).is_err() {
            return Err(self.error(ErrorKind::RangeError, "out of memory"));
        }
        a.put_data(self.gcx, PropertyKey::Index(len), v, Attrs::DEFAULT);
        Ok(())
    }

    /// Spread of a dense array whose iteration is unobservable (the intrinsic
    /// `Array.prototype[@@iterator]` and `%ArrayIteratorPrototype%.next`, no own @@iterator):
    /// copy the elements directly.
    fn spread_fast(&mut self, target: Object<'gc>, src: Value<'gc>) -> Res<'gc, bool> {
        let Value::Object(a) = src else {
            return Ok(false);
        };
        let realm = self.current_realm();
        let i = realm.intrinsics();
        let iter_key = PropertyKey::Symbol(self.symbols.iterator);
        let values_ok = matches!(a.get(self.gcx, iter_key), Lookup::Value(Value::Object(f)) if f.ptr_eq(i.array_values));
        let next_ok = matches!(i.array_iterator_prototype.get(self.gcx, self.names.next),
            Lookup::Value(Value::Object(f)) if f.ptr_eq(i.array_iterator_next));
        if !values_ok || !next_ok || !a.is_array() {
            return Ok(false);
        }
        let values = {
            let d = a.borrow();
            let crate::object::Elements::Dense(v) = &d.elements else {
                return Ok(false);
            };
            if v.iter().any(|x| x.is_empty()) || v.len() != array_length(a) as usize {
                return Ok(false);
            }
            v.clone()
        };
        for v in values {
            self.array_append(target, v)?;
        }
        Ok(true)
    }

    /// Bind the result of `super()` as `this` of the top frame; the field initialiser to run.
    /// SuperCall evaluation steps 7-10: BindThisValue on the `this` environment of `func`
    /// (the derived constructor's frame, which an arrow or a direct eval runs above), then
    /// the private methods, and the fields the caller initialises.
    pub fn bind_super_this(
        &mut self,
        result: Value<'gc>,
        func: Option<Object<'gc>>,
    ) -> Res<'gc, Vec<(Value<'gc>, Value<'gc>)>> {
        let Some(func) = func else {
            return Ok(Vec::new());
        };
        let owner = self.st.frames.iter_mut().rev().find_map(|fr| match fr {
            Frame::Script(s)
                if matches!(s.construct, ConstructKind::Derived)
                    && s.callee.is_some_and(|c| c.ptr_eq(func)) =>
            {
                Some(s)
            }
            _ => None,
        });
        // No running constructor frame: it has returned, so its `this` was bound.
        let Some(owner) = owner.filter(|s| s.this.is_empty()) else {
            return Err(self.error(
                ErrorKind::ReferenceError,
                "Super constructor may only be called once",
            ));
        };
        owner.this = result;
        // A direct eval reads `this` from its own frame. Code that captures the constructor's
        // `this` (arrows, eval) reads its environment slot, which must hold the value before
        // the field initialisers below run (an arrow may read it from one), so it is set here
        // by name rather than by the store the compiler emits after the call.
        if let Some(top) = self.top_script() {
            if top.this.is_empty() {
                top.this = result;
            }
        }
        let this_key = self.interner.key_str(self.gcx, "this");
        if let Some((e, i)) = self.resolve_declarative_slot(this_key) {
            if e.get(i).is_some_and(|v| v.is_empty()) {
                e.set(self.gcx, i, result);
            }
        }
        let fields = match &func.borrow().kind {
            ObjectKind::Function(cl) => cl.fields.clone(),
            _ => Vec::new(),
        };
        self.add_private_methods(result, func)?;
        Ok(fields)
    }

    /// InstanceofOperator (<https://tc39.es/ecma262/#sec-instanceofoperator>): a continuation
    /// (`cont/instanceof.rs`), so that getters and `@@hasInstance` run in frames.
    fn instance_of(&mut self, v: Value<'gc>, c: Value<'gc>, dst: Reg) -> Res<'gc, Flow> {
        // 1. If target is not an Object, throw a TypeError exception.
        let Value::Object(ctor) = c else {
            return Err(self.type_error("Right-hand side of 'instanceof' is not an object"));
        };
        let cont = Continuation::Instanceof {
            value: v,
            ctor,
            stage: crate::cont::instanceof::OPERATOR,
        };
        self.start_cont(cont, ReturnTo::Reg(dst))
    }

    /// [[OwnPropertyKeys]] after checking the key list fits the heap budget (a string wrapper has
    /// one key per code unit).
    pub fn own_keys_checked(&mut self, o: Object<'gc>) -> Res<'gc, Vec<PropertyKey<'gc>>> {
        let estimate = match &o.borrow().kind {
            ObjectKind::String(s) => s.len(),
            _ => 0,
        };
        if self.gcx.account.check(estimate.saturating_mul(32)).is_err() {
            return Err(self.error(ErrorKind::RangeError, "out of memory"));
        }
        Ok(o.own_property_keys(self.gcx))
    }

    /// EnumerateObjectProperties (<https://tc39.es/ecma262/#sec-enumerate-object-properties>):
    /// string keys of the object and its chain, shadowed and non-enumerable ones skipped.
    fn for_in_prepare(&mut self, v: Value<'gc>) -> Res<'gc, Object<'gc>> {
        let object = if v.is_nullish() {
            None
        } else {
            let realm = self.current_realm();
            Some(self.to_object_in(realm, v)?)
        };
        let mut keys = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut cur = object;
        while let Some(o) = cur {
            for k in self.own_keys_checked(o)? {
                if k.is_symbol() || !seen.insert(k) {
                    continue;
                }
                // The [[GetOwnProperty]] of the spec's informative generator may throw (a
                // module namespace's binding in its TDZ).
                let own = match o.get_own_property_checked(self.gcx, k) {
                    Ok(p) => p,
                    Err(e) => return Err(self.error(e.kind, e.message)),
                };
                if own.is_some_and(|p| p.attrs.enumerable()) {
                    keys.push(k);
                }
            }
            cur = o.get_prototype_of();
        }
        let state = ForInState {
            object,
            keys,
            next: 0,
        };
        Ok(Object::new(
            self.gcx,
            None,
            ObjectKind::ForIn(Box::new(state)),
        ))
    }

    fn for_in_next(&mut self, it: Value<'gc>) -> Option<Value<'gc>> {
        let Value::Object(it) = it else { return None };
        loop {
            let (key, object) = {
                let mut d = it.borrow_mut(self.gcx.mc);
                let ObjectKind::ForIn(s) = &mut d.kind else {
                    return None;
                };
                let k = s.keys.get(s.next).copied()?;
                s.next += 1;
                (k, s.object)
            };
            // Keys deleted before being visited are skipped.
            if object.is_some_and(|o| o.has_property(self.gcx, key)) {
                return Some(key.to_value(self.gcx));
            }
        }
    }

    /// CreateIteratorResultObject (<https://tc39.es/ecma262/#sec-createiterresultobject>).
    pub fn iter_result_object(&mut self, v: Value<'gc>, done: bool) -> Object<'gc> {
        self.iter_result(v, done)
    }

    fn iter_result(&mut self, v: Value<'gc>, done: bool) -> Object<'gc> {
        let proto = self.current_realm().intrinsics().object_prototype;
        let o = Object::new(self.gcx, Some(proto), ObjectKind::Ordinary);
        o.put_data(self.gcx, self.names.value, v, Attrs::DEFAULT);
        o.put_data(
            self.gcx,
            self.names.done,
            Value::Boolean(done),
            Attrs::DEFAULT,
        );
        o
    }
}

/// A BigInt literal's value from its source digits (with radix prefix).
fn parse_bigint_literal(digits: &str) -> Option<num_bigint::BigInt> {
    let d = digits.trim_end_matches('n').replace('_', "");
    let (radix, body) = match d.get(..2) {
        Some("0x") | Some("0X") => (16, d.get(2..)?),
        Some("0o") | Some("0O") => (8, d.get(2..)?),
        Some("0b") | Some("0B") => (2, d.get(2..)?),
        _ => (10, d.as_str()),
    };
    num_bigint::BigInt::parse_bytes(body.as_bytes(), radix)
}

#[derive(Clone, Copy)]
enum MethodKind {
    Method,
    Getter,
    Setter,
}

/// Number operators on two numbers (<https://tc39.es/ecma262/#sec-numeric-types-number>).
#[inline(always)]
fn number_binary<'gc>(op: BinOp, x: f64, y: f64) -> Option<Value<'gc>> {
    let i = ops::to_int32;
    Some(match op {
        BinOp::Add => Value::Number(x + y),
        BinOp::Sub => Value::Number(x - y),
        BinOp::Mul => Value::Number(x * y),
        BinOp::Div => Value::Number(x / y),
        BinOp::Rem => Value::Number(x % y),
        BinOp::Exp => Value::Number(number_exponentiate(x, y)),
        BinOp::BitAnd => Value::Number(f64::from(i(x) & i(y))),
        BinOp::BitOr => Value::Number(f64::from(i(x) | i(y))),
        BinOp::BitXor => Value::Number(f64::from(i(x) ^ i(y))),
        BinOp::Shl => Value::Number(f64::from(i(x).wrapping_shl(ops::to_uint32(y) & 31))),
        BinOp::Sar => Value::Number(f64::from(i(x) >> (ops::to_uint32(y) & 31))),
        BinOp::Shr => Value::Number(f64::from(ops::to_uint32(x) >> (ops::to_uint32(y) & 31))),
        BinOp::Lt => Value::Boolean(x < y),
        BinOp::Le => Value::Boolean(x <= y),
        BinOp::Gt => Value::Boolean(x > y),
        BinOp::Ge => Value::Boolean(x >= y),
    })
}

/// Number::exponentiate (<https://tc39.es/ecma262/#sec-numeric-types-number-exponentiate>):
/// differs from `powf` for a base of ±1 with an infinite exponent and for NaN exponents.
fn number_exponentiate(base: f64, exponent: f64) -> f64 {
    if exponent.is_nan() {
        return f64::NAN;
    }
    if exponent == 0.0 {
        return 1.0;
    }
    if (base == 1.0 || base == -1.0) && exponent.is_infinite() {
        return f64::NAN;
    }
    base.powf(exponent)
}

/// Compare a BigInt with a Number by their mathematical values (`None` when the Number is
/// NaN), as IsLessThan step 4 and IsLooselyEqual need.
pub(crate) fn compare_bigint_number(a: &num_bigint::BigInt, b: f64) -> Option<std::cmp::Ordering> {
    use num_traits::FromPrimitive;
    if b.is_nan() {
        return None;
    }
    if b == f64::INFINITY {
        return Some(std::cmp::Ordering::Less);
    }
    if b == f64::NEG_INFINITY {
        return Some(std::cmp::Ordering::Greater);
    }
    // Every finite double's floor is an integer that converts to a BigInt exactly.
    let fl = b.floor();
    let bi = num_bigint::BigInt::from_f64(fl)?;
    match a.cmp(&bi) {
        std::cmp::Ordering::Equal if b > fl => Some(std::cmp::Ordering::Less),
        o => Some(o),
    }
}

/// The array length of `a` (0 for non-arrays).
pub fn array_length(a: Object<'_>) -> u32 {
    match &a.borrow().kind {
        ObjectKind::Array(s) => s.length,
        _ => 0,
    }
}

/// A read of a dense array element present in storage.
fn fast_dense_get<'gc>(a: Object<'gc>, n: f64) -> Option<Value<'gc>> {
    if !((0.0..4_294_967_295.0).contains(&n) && n.fract() == 0.0) {
        return None;
    }
    let d = a.borrow();
    if !matches!(d.kind, ObjectKind::Array(_)) {
        return None;
    }
    match &d.elements {
        crate::object::Elements::Dense(v) => v.get(n as usize).copied().filter(|v| !v.is_empty()),
        _ => None,
    }
}

/// An in-place write of an existing dense element of an extensible array.
fn fast_dense_set<'gc>(gcx: Gcx<'gc>, a: Object<'gc>, i: u32, v: Value<'gc>) -> bool {
    let mut d = a.borrow_mut(gcx.mc);
    if !matches!(d.kind, ObjectKind::Array(_)) {
        return false;
    }
    match &mut d.elements {
        crate::object::Elements::Dense(vec) => match vec.get_mut(i as usize) {
            Some(slot) if !slot.is_empty() => {
                *slot = v;
                true
            }
            _ => false,
        },
        _ => false,
    }
}
