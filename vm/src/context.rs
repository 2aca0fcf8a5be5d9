//! The host handle: a context owns one arena (its heap, realms, job queue and executor) and
//! drives the interpreter in slices, collecting garbage and checking limits between them.

use std::rc::Rc;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

use gc_arena::lock::RefLock;
use gc_arena::metrics::Pacing;
use gc_arena::{Arena, Collect, Gc, Rootable, Static};
use moat_bytecode::code::CodeBlock;

use crate::heap::{Account, Gcx};
use crate::intern::Interner;
use crate::interp::{
    Budget, ConstructKind, ExecState, Executor, Names, ReturnTo, SliceEnd, StopReason, Vm,
    WellKnownSymbols,
};
use crate::module::loader::{HostGraph, ModuleKey, ModuleLoader};
use crate::object::{Lookup, ObjectKind};
use crate::realm::Realm;
use crate::shape::Shape;
use crate::value::{PropertyKey, Value};

/// Collector pacing: gc-arena's defaults except a longer sleep. With `sleep_factor` 0.5 a new
/// cycle started once the heap had grown by half of what survived the last one, so
/// allocation-heavy scripts spent a third of their time marking and sweeping; 1.0 (the heap may
/// double between cycles, Lua's classic pause) halves the cycles. The heap limit does not depend
/// on it: the driver runs a full collection before it reports `HeapLimit`.
const PACING: Pacing = Pacing {
    sleep_factor: 1.0,
    ..Pacing::DEFAULT
};

/// Limits and tuning of a context.
#[derive(Clone, Debug)]
pub struct ContextOptions {
    /// Bytes the heap may hold.
    pub heap_limit: usize,
    /// Wall-clock time one evaluation may take.
    pub timeout: Option<Duration>,
    /// Instructions one evaluation may execute.
    pub instruction_limit: Option<u64>,
    /// Frames (JS calls) that may be live at once; deeper recursion is a RangeError.
    pub max_frames: usize,
    /// Instructions per slice between collections and limit checks.
    pub slice: u64,
    /// Set from any thread to stop the running evaluation.
    pub interrupt: Option<Arc<AtomicBool>>,
    /// The seed of the initial realm's Math.random (`None`: a fresh random seed per context).
    pub random_seed: Option<u64>,
}

impl Default for ContextOptions {
    fn default() -> Self {
        ContextOptions {
            heap_limit: 256 << 20,
            timeout: None,
            instruction_limit: None,
            max_frames: 10_000,
            slice: 10_000,
            interrupt: None,
            random_seed: None,
        }
    }
}

/// Why an evaluation failed, as the host sees it.
#[derive(Clone, Debug, PartialEq)]
pub enum RunError {
    /// An uncaught exception: "Name: message".
    Thrown(String),
    Timeout,
    Interrupted,
    OutOfFuel,
    HeapLimit,
    /// The script did not compile.
    Compile(String),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Thrown(s) => write!(f, "Uncaught {s}"),
            RunError::Timeout => write!(f, "execution timed out"),
            RunError::Interrupted => write!(f, "execution interrupted"),
            RunError::OutOfFuel => write!(f, "instruction budget exhausted"),
            RunError::HeapLimit => write!(f, "heap limit exceeded"),
            RunError::Compile(s) => write!(f, "{s}"),
        }
    }
}

impl std::error::Error for RunError {}

/// A copy of a result for the host (the structured copy boundary comes later).
#[derive(Clone, Debug, PartialEq)]
pub enum HostValue {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    BigInt(String),
    Symbol(Option<String>),
    /// An object, as `inspect` renders it (`{ a: 1 }`, `[ 1, 2 ]`, `[Function: f]`): read
    /// from the heap without running script.
    Object(String),
}

/// Everything a context's heap holds.
#[derive(Collect)]
#[collect(no_drop)]
pub struct Root<'gc> {
    account: Gc<'gc, Static<Rc<Account>>>,
    empty_shape: Shape<'gc>,
    length: PropertyKey<'gc>,
    interner: Gc<'gc, RefLock<Interner<'gc>>>,
    names: Names<'gc>,
    symbols: WellKnownSymbols<'gc>,
    realm: Realm<'gc>,
    executor: Executor<'gc>,
}

impl<'gc> Root<'gc> {
    fn gcx(&self, mc: &'gc gc_arena::Mutation<'gc>) -> Gcx<'gc> {
        Gcx {
            mc,
            account: self.account,
            empty_shape: self.empty_shape,
            length: self.length,
        }
    }
}

/// A JavaScript context: one heap, one initial realm. Not `Send`: it lives on one thread.
pub struct Context {
    arena: Arena<Rootable![Root<'_>]>,
    account: Rc<Account>,
    options: ContextOptions,
    interrupt: Arc<AtomicBool>,
    /// The embedder's module loading hook (`None`: imports fail with a TypeError).
    loader: Option<Rc<dyn ModuleLoader>>,
    /// Every module this context loaded, compiled once per (key, type).
    graph: HostGraph,
}

enum Step {
    Yield,
    Done(Result<HostValue, RunError>),
}

impl Context {
    pub fn new(options: ContextOptions) -> Context {
        let account = Account::new(options.heap_limit);
        let acc = Rc::clone(&account);
        let random_seed = options.random_seed;
        let arena = Arena::<Rootable![Root<'_>]>::new(move |mc| {
            let empty_shape = Shape::root(mc, &acc);
            let acc = Gc::new(mc, Static(acc));
            // "length" is interned first so every Gcx can carry it.
            let mut interner = Interner::default();
            let tmp_len = PropertyKey::Index(u32::MAX);
            let gcx0 = Gcx {
                mc,
                account: acc,
                empty_shape,
                length: tmp_len,
            };
            let length = interner.key_str(gcx0, "length");
            let gcx = Gcx {
                mc,
                account: acc,
                empty_shape,
                length,
            };
            let names = Names::new(gcx, &mut interner);
            let symbols = WellKnownSymbols::new(gcx);
            let realm = Realm::new(gcx, &mut interner, &symbols);
            if let Some(seed) = random_seed {
                realm.0.extras.borrow().random.seed(seed);
            }
            let executor = ExecState::new(gcx);
            Root {
                account: acc,
                empty_shape,
                length,
                interner: Gc::new(mc, RefLock::new(interner)),
                names,
                symbols,
                realm,
                executor,
            }
        });
        arena.metrics().set_pacing(PACING);
        let interrupt = options.interrupt.clone().unwrap_or_default();
        Context {
            arena,
            account,
            options,
            interrupt,
            loader: None,
            graph: HostGraph::default(),
        }
    }

    /// A flag that stops the running evaluation when set (from any thread).
    pub fn interrupt_handle(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.interrupt)
    }

    /// Bytes the heap holds now.
    pub fn heap_used(&self) -> usize {
        self.account.used()
    }

    /// The most bytes the heap ever held.
    pub fn heap_peak(&self) -> usize {
        self.account.peak()
    }

    /// Run a full collection now.
    pub fn collect_garbage(&mut self) {
        self.arena.finish_cycle();
        self.arena
            .mutate(|mc, root| root.interner.borrow_mut(mc).sweep());
    }

    /// Evaluate compiled script code in the initial realm (ScriptEvaluation).
    pub fn eval_code(&mut self, code: Arc<CodeBlock>) -> Result<HostValue, RunError> {
        let pushed: Result<(), ()> = self.arena.mutate(|mc, root| {
            let gcx = root.gcx(mc);
            let mut st = root.executor.borrow_mut(mc);
            st.reset();
            drop(st);
            let mut vm = make_vm(mc, root, gcx, self.budget(None));
            let global = Value::Object(root.realm.global());
            vm.push_script_frame(
                code,
                None,
                root.realm,
                None,
                global,
                Value::Undefined,
                &[],
                ReturnTo::Host,
                ConstructKind::None,
            )
            .map_err(|_| ())
        });
        if pushed.is_err() {
            // The only way the first frame can be refused is a full heap.
            self.reset_executor();
            self.arena.finish_cycle();
            return Err(RunError::HeapLimit);
        }
        // ScriptEvaluation, then the job queue drains under the same deadline and budget.
        let deadline = self.options.timeout.map(|t| Instant::now() + t);
        let mut total = self.options.instruction_limit.unwrap_or(u64::MAX);
        let v = self.drive_with(false, deadline, &mut total)?;
        self.drive_with(true, deadline, &mut total)?;
        Ok(v)
    }

    /// Install the host's module loader (used by `import` declarations and `import()`).
    pub fn set_module_loader(&mut self, loader: Rc<dyn ModuleLoader>) {
        self.loader = Some(loader);
    }

    /// Load, link and evaluate the module `specifier` resolves to (with no referrer) in the
    /// initial realm, then run the job queue. `Ok` once its evaluation promise is settled or
    /// pending with nothing left to run; a rejection is `RunError::Thrown`.
    pub fn eval_module(&mut self, specifier: &str) -> Result<HostValue, RunError> {
        let loader = self.loader.clone();
        let key = HostGraph::resolve(loader.as_deref(), None, specifier, None)
            .map_err(|(k, m)| RunError::Thrown(format!("{k:?}: {m}")))?;
        self.run_module(key)
    }

    /// Evaluate `source` as the module named `key` (its imports resolve against `key` with the
    /// module loader), in the initial realm, then run the job queue.
    pub fn eval_module_source(&mut self, key: &str, source: &str) -> Result<HostValue, RunError> {
        let k = ModuleKey(Arc::from(key), None);
        if !self.graph.nodes.contains_key(&k) {
            self.graph.insert_source(key, source);
        }
        if let Some(Err((_, m))) = self.graph.nodes.get(&k) {
            let m = m.clone();
            self.graph.nodes.remove(&k);
            return Err(RunError::Compile(format!("SyntaxError: {m}")));
        }
        self.run_module(k)
    }

    fn run_module(&mut self, key: ModuleKey) -> Result<HostValue, RunError> {
        let loader = self.loader.clone();
        let mut budget = self.options.heap_limit;
        if self
            .graph
            .load_from(loader.as_deref(), &key, &mut budget)
            .is_err()
        {
            return Err(RunError::HeapLimit);
        }
        let graph = &self.graph;
        // LoadRequestedModules' outcome, Link(), then Evaluate() in a native frame.
        let started: Result<(), RunError> = self.arena.mutate(|mc, root| {
            let gcx = root.gcx(mc);
            root.executor.borrow_mut(mc).reset();
            let mut vm = make_vm(mc, root, gcx, self_budget());
            let realm = root.realm;
            let loaded = crate::module::instantiate(&mut vm, realm, graph, &key).and_then(|m| {
                match crate::module::graph_load_error(m) {
                    Some(e) => Err(e),
                    None => Ok(m),
                }
            });
            let m = match loaded {
                Ok(m) => m,
                Err((kind, msg)) => {
                    let e = realm.make_error(vm.gcx, &mut vm.interner, kind, &msg);
                    return Err(RunError::Thrown(describe_error(&mut vm, Value::Object(e))));
                }
            };
            if let Err(e) = crate::module::link::link(&mut vm, m) {
                return Err(RunError::Thrown(describe_error(&mut vm, e)));
            }
            vm.st
                .frames
                .push(crate::interp::Frame::Native(crate::interp::NativeFrame {
                    cont: crate::cont::Continuation::Module(Box::new(
                        crate::module::evaluate::ModuleTask::evaluate(m, None),
                    )),
                    ret: ReturnTo::Host,
                }));
            Ok(())
        });
        started?;
        let deadline = self.options.timeout.map(|t| Instant::now() + t);
        let mut total = self.options.instruction_limit.unwrap_or(u64::MAX);
        self.drive_with(false, deadline, &mut total)?;
        self.drive_with(true, deadline, &mut total)?;
        // The evaluation promise: a rejection is the module's uncaught error.
        let realm_key = key.clone();
        let outcome: Option<String> = self.arena.mutate(|mc, root| {
            let gcx = root.gcx(mc);
            let mut vm = make_vm(mc, root, gcx, self_budget());
            let id = crate::module::realm_id(root.realm);
            let m = vm.st.modules.map.get(&(id, realm_key)).copied()?;
            let p = crate::module::read_record(m, |r| r.top_level_capability).flatten()?;
            let rejected = match &p.borrow().kind {
                ObjectKind::Promise(ps) if ps.state == crate::promise::PState::Rejected => {
                    Some(ps.result)
                }
                _ => None,
            };
            rejected.map(|e| describe_error(&mut vm, e))
        });
        match outcome {
            Some(e) => Err(RunError::Thrown(e)),
            None => Ok(HostValue::Undefined),
        }
    }

    /// Load what pending `import()` calls asked for and continue them; `false` when none were
    /// pending.
    fn process_imports(&mut self) -> Result<bool, RunError> {
        let requests: Vec<(Arc<str>, String, Option<String>)> = self.arena.mutate(|mc, root| {
            let st = root.executor.borrow_mut(mc);
            st.modules
                .pending
                .iter()
                .map(|p| {
                    (
                        Arc::clone(&p.referrer.0),
                        p.specifier.0.clone(),
                        p.ty.0.clone(),
                    )
                })
                .collect()
        });
        if requests.is_empty() {
            return Ok(false);
        }
        let loader = self.loader.clone();
        let mut budget = self.options.heap_limit.saturating_sub(self.account.used());
        let mut keys = Vec::with_capacity(requests.len());
        for (referrer, spec, ty) in &requests {
            let key = HostGraph::resolve(
                loader.as_deref(),
                Some(referrer),
                spec,
                ty.as_deref().map(Arc::from),
            );
            if let Ok(k) = &key {
                if self
                    .graph
                    .load_graph(loader.as_deref(), k, &mut budget)
                    .is_err()
                {
                    return Err(RunError::HeapLimit);
                }
            }
            keys.push(key);
        }
        let graph = &self.graph;
        self.arena.mutate(|mc, root| {
            let gcx = root.gcx(mc);
            let mut vm = make_vm(mc, root, gcx, self_budget());
            crate::module::import_call::finish_dynamic_imports(&mut vm, graph, &keys);
        });
        Ok(true)
    }

    /// Parse, compile and evaluate a script in the initial realm.
    pub fn eval_script(&mut self, source: &str, file: &str) -> Result<HostValue, RunError> {
        let code = compile_script_source(source, file)?;
        self.eval_code(code)
    }

    /// Install a host function `name` on the initial realm's global object (writable,
    /// configurable, not enumerable, like the built-in globals).
    pub fn define_global_native(&mut self, name: &str, f: crate::function::NativeFn, length: u32) {
        self.arena.mutate(|mc, root| {
            let gcx = root.gcx(mc);
            let mut interner = root.interner.borrow_mut(mc);
            let realm = root.realm;
            realm.define_native_method(gcx, &mut interner, realm.global(), name, f, length);
        });
    }

    /// Install `print` and `console` writing to `sink` on the initial realm.
    pub fn install_print(&mut self, sink: crate::host262::PrintSink) {
        self.arena.mutate(|mc, root| {
            let gcx = root.gcx(mc);
            let mut interner = root.interner.borrow_mut(mc);
            crate::host262::install_print(gcx, &mut interner, root.realm, sink);
            crate::console::install_console(gcx, &mut interner, root.realm, sink);
        });
    }

    /// Install test262's `$262` host object on the initial realm.
    pub fn install_262(&mut self) {
        self.arena.mutate(|mc, root| {
            let gcx = root.gcx(mc);
            let mut interner = root.interner.borrow_mut(mc);
            crate::host262::install_262(gcx, &mut interner, root.realm);
        });
    }

    /// The lines `print` collected into the host buffer since the last call.
    pub fn take_output(&mut self) -> Vec<String> {
        self.arena
            .mutate(|mc, root| std::mem::take(&mut root.executor.borrow_mut(mc).host_output))
    }

    /// The lines `console.error` and `console.warn` collected into the host buffer since the
    /// last call.
    pub fn take_error_output(&mut self) -> Vec<String> {
        self.arena
            .mutate(|mc, root| std::mem::take(&mut root.executor.borrow_mut(mc).host_errors))
    }

    /// Run pending promise jobs until the queue is empty (each job in VM frames).
    pub fn run_jobs(&mut self) -> Result<(), RunError> {
        let deadline = self.options.timeout.map(|t| Instant::now() + t);
        let mut total = self.options.instruction_limit.unwrap_or(u64::MAX);
        self.drive_with(true, deadline, &mut total).map(|_| ())
    }

    fn budget(&self, deadline: Option<Instant>) -> Budget {
        Budget {
            fuel: self.options.slice,
            total: u64::MAX,
            deadline,
            interrupt: Some(Arc::clone(&self.interrupt)),
            max_frames: self.options.max_frames,
        }
    }

    /// The slice loop: run, collect, check limits, repeat. For the running evaluation (`jobs`: for the job queue instead).
    fn drive_with(
        &mut self,
        jobs: bool,
        deadline: Option<Instant>,
        total_left: &mut u64,
    ) -> Result<HostValue, RunError> {
        let mut total = *total_left;
        loop {
            let mut budget = self.budget(deadline);
            budget.total = total;
            let (step, left) = self.arena.mutate(|mc, root| {
                let gcx = root.gcx(mc);
                let mut vm = make_vm(mc, root, gcx, budget);
                let end = if jobs {
                    vm.run_jobs_slice()
                } else {
                    vm.run_slice()
                };
                let left = vm.budget.total;
                let step = match end {
                    SliceEnd::Yielded => Step::Yield,
                    SliceEnd::Finished(Ok(v)) => Step::Done(Ok(host_value(&mut vm, v))),
                    SliceEnd::Finished(Err(e)) => {
                        Step::Done(Err(RunError::Thrown(describe_error(&mut vm, e))))
                    }
                    SliceEnd::Stopped(r) => Step::Done(Err(stop_error(r))),
                };
                (step, left)
            });
            total = left;
            *total_left = left;
            // Dynamic imports are loaded between slices; the job queue goes on with their
            // continuations.
            let imported = match &step {
                Step::Yield | Step::Done(Ok(_)) => match self.process_imports() {
                    Ok(b) => b,
                    Err(e) => {
                        self.reset_executor();
                        self.arena.finish_cycle();
                        return Err(e);
                    }
                },
                Step::Done(Err(_)) => false,
            };
            if imported && jobs && matches!(step, Step::Done(Ok(_))) {
                continue;
            }
            match step {
                Step::Done(r) => {
                    if r.is_err() {
                        self.reset_executor();
                        // A stopped run leaves its garbage behind (a refused allocation is
                        // usually the end of a huge structure): free it so the context stays
                        // usable.
                        self.arena.finish_cycle();
                    }
                    return r;
                }
                Step::Yield => {}
            }
            self.arena.collect_debt();
            if self.account.used() > self.account.limit() {
                self.arena.finish_cycle();
                if self.account.used() > self.account.limit() {
                    self.reset_executor();
                    self.arena.finish_cycle();
                    return Err(RunError::HeapLimit);
                }
            }
            let check = self.budget(deadline);
            let mut check = check;
            check.total = total;
            if let Some(r) = check.check() {
                self.reset_executor();
                return Err(stop_error(r));
            }
        }
    }

    fn reset_executor(&mut self) {
        self.arena
            .mutate(|mc, root| root.executor.borrow_mut(mc).reset());
        self.interrupt
            .store(false, std::sync::atomic::Ordering::Relaxed);
    }
}

fn make_vm<'gc>(
    mc: &'gc gc_arena::Mutation<'gc>,
    root: &'gc Root<'gc>,
    gcx: Gcx<'gc>,
    budget: Budget,
) -> Vm<'gc> {
    Vm {
        gcx,
        st: root.executor.borrow_mut(mc),
        interner: root.interner.borrow_mut(mc),
        names: &root.names,
        symbols: &root.symbols,
        realm: root.realm,
        budget,
        stop: None,
        pending_call: None,
    }
}

fn stop_error(r: StopReason) -> RunError {
    match r {
        StopReason::Timeout => RunError::Timeout,
        StopReason::Interrupted => RunError::Interrupted,
        StopReason::OutOfFuel => RunError::OutOfFuel,
        StopReason::HeapLimit => RunError::HeapLimit,
    }
}

/// "Name: message" of a thrown value, reading data properties only (no script runs here).
fn describe_error<'gc>(vm: &mut Vm<'gc>, e: Value<'gc>) -> String {
    let gcx = vm.gcx;
    match e {
        Value::Object(o) => {
            let text = |k| match o.get(gcx, k) {
                Lookup::Value(Value::String(s)) => Some(s.to_std_string(gcx)),
                _ => None,
            };
            // Objects without a `name` (test262's Test262Error) are named by their
            // constructor, which is what negative tests compare.
            let constructor_name = || {
                let k = vm.interner.key_str(gcx, "constructor");
                match o.get(gcx, k) {
                    Lookup::Value(Value::Object(c)) => match c.get(gcx, vm.names.name) {
                        Lookup::Value(Value::String(s)) => Some(s.to_std_string(gcx)),
                        _ => None,
                    },
                    _ => None,
                }
            };
            let name = text(vm.names.name)
                .or_else(constructor_name)
                .unwrap_or_else(|| "Error".to_string());
            let head = match text(vm.names.message) {
                Some(m) if !m.is_empty() => format!("{name}: {m}"),
                _ => name,
            };
            let stack_key = vm.interner.key_str(gcx, "stack");
            match text(stack_key) {
                Some(stack) if !stack.is_empty() => format!("{head}{stack}"),
                _ => head,
            }
        }
        other => match crate::ops::to_string_primitive(gcx, other) {
            Some(s) => s.to_std_string(gcx),
            None => "Symbol()".to_string(),
        },
    }
}

fn host_value<'gc>(vm: &mut Vm<'gc>, v: Value<'gc>) -> HostValue {
    let gcx = vm.gcx;
    match v {
        Value::Undefined | Value::Empty => HostValue::Undefined,
        Value::Null => HostValue::Null,
        Value::Boolean(b) => HostValue::Bool(b),
        Value::Number(n) => HostValue::Number(n),
        Value::String(s) => HostValue::String(s.to_std_string(gcx)),
        Value::BigInt(b) => HostValue::BigInt(b.get().to_string()),
        Value::Symbol(s) => HostValue::Symbol(s.description().map(|d| d.to_std_string(gcx))),
        Value::Object(_) => HostValue::Object(crate::inspect::inspect(
            vm,
            v,
            crate::inspect::InspectOptions::default(),
        )),
    }
}

/// Parse and compile a script, with errors as "SyntaxError: message (file:line:column)".
pub fn compile_script_source(source: &str, file: &str) -> Result<Arc<CodeBlock>, RunError> {
    let script =
        moat_parser::parse_script(source, moat_parser::ParseOptions::default()).map_err(|e| {
            RunError::Compile(format!(
                "SyntaxError: {} ({file}:{}:{})",
                e.message, e.line, e.column
            ))
        })?;
    moat_bytecode::compile_script(&script, source, file)
        .map_err(|e| RunError::Compile(format!("{:?}: {}", e.kind, e.message)))
}

/// A budget for host-side work that runs no script.
fn self_budget() -> Budget {
    Budget {
        fuel: u64::MAX,
        total: u64::MAX,
        deadline: None,
        interrupt: None,
        max_frames: usize::MAX,
    }
}

/// Parse and compile a module, with errors as "SyntaxError: message (file:line:column)".
pub fn compile_module_source(source: &str, file: &str) -> Result<Arc<CodeBlock>, RunError> {
    let module =
        moat_parser::parse_module(source, moat_parser::ParseOptions::default()).map_err(|e| {
            RunError::Compile(format!(
                "SyntaxError: {} ({file}:{}:{})",
                e.message, e.line, e.column
            ))
        })?;
    moat_bytecode::compile_module(&module, source, file)
        .map_err(|e| RunError::Compile(format!("{:?}: {}", e.kind, e.message)))
}
