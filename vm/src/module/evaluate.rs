//! Evaluation: Evaluate (<https://tc39.es/ecma262/#sec-moduleevaluation>),
//! InnerModuleEvaluation (<https://tc39.es/ecma262/#sec-innermoduleevaluation>),
//! ExecuteAsyncModule, GatherAvailableAncestors, AsyncModuleExecutionFulfilled and
//! AsyncModuleExecutionRejected.
//!
//! The algorithms run in a native continuation ([`ModuleTask`]) holding the DFS as an explicit
//! stack. Whenever a module body must run, the task asks the interpreter for a frame
//! (`ContStep::RunModule`) and resumes when the body returns or throws, so module bodies are
//! ordinary VM frames and nothing nests on the Rust stack. A body with top-level await runs as
//! an async function activation (`coro.rs`) whose promise is ExecuteAsyncModule's capability.

use gc_arena::Collect;
use moat_bytecode::isa::ErrorKind;

use super::{read_record, with_record, ModuleBody, ModuleStatus};
use crate::cont::{ContStep, Continuation};
use crate::function::NativeCtx;
use crate::interp::{ConstructKind, ReturnTo, Vm};
use crate::object::Object;
use crate::promise::Handler;
use crate::value::Value;

type Res<'gc, T> = Result<T, Value<'gc>>;

fn is_cyclic(m: Object<'_>) -> bool {
    read_record(m, |r| matches!(r.body, ModuleBody::SourceText { .. })).unwrap_or(false)
}

fn status(m: Object<'_>) -> ModuleStatus {
    read_record(m, |r| r.status).unwrap_or(ModuleStatus::Evaluated)
}

fn body_start(m: Object<'_>) -> u32 {
    read_record(m, |r| r.desc().map_or(0, |d| d.body_start)).unwrap_or(0)
}

/// Push a frame running `module`'s code from instruction `start` in its environment, its
/// result going to the native frame below. Starting a body with top-level await is
/// ExecuteAsyncModule (<https://tc39.es/ecma262/#sec-execute-async-module>) steps 2-7: the
/// body runs as an async function whose promise settles the module.
pub fn push_module_frame<'gc>(vm: &mut Vm<'gc>, module: Object<'gc>, start: u32) -> Res<'gc, ()> {
    let Some((code, env, realm, has_tla)) = read_record(module, |r| match &r.body {
        ModuleBody::SourceText { code, desc } => Some((
            std::sync::Arc::clone(&code.0),
            r.env,
            r.realm,
            desc.0.has_tla && start == desc.0.body_start,
        )),
        ModuleBody::Synthetic { .. } => None,
    })
    .flatten() else {
        return Err(vm.error(ErrorKind::TypeError, "not a source text module"));
    };
    vm.push_script_frame(
        code,
        None,
        realm,
        None,
        Value::Undefined,
        Value::Undefined,
        &[],
        ReturnTo::Native,
        ConstructKind::None,
    )?;
    if let Some(f) = vm.top_script() {
        f.env = env;
        f.pc = start;
    }
    if has_tla {
        vm.async_function_start(realm);
        let coro = vm.frame().and_then(|f| f.coro);
        let promise = coro.and_then(|c| crate::coro::with_coro(vm, c, |co| co.promise).flatten());
        if let Some(p) = promise {
            let gcx = vm.gcx;
            let data = Value::Object(module);
            let on_fulfilled = realm.new_native_function(
                gcx,
                &mut vm.interner,
                "",
                0,
                on_async_fulfilled,
                None,
                data,
            );
            let on_rejected = realm.new_native_function(
                gcx,
                &mut vm.interner,
                "",
                1,
                on_async_rejected,
                None,
                data,
            );
            vm.perform_then(
                p,
                Handler::Js(Value::Object(on_fulfilled)),
                Handler::Js(Value::Object(on_rejected)),
                None,
            );
        }
    }
    Ok(())
}

/// ExecuteAsyncModule's onFulfilled: AsyncModuleExecutionFulfilled, in a continuation.
fn on_async_fulfilled<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    _args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let Value::Object(m) = cx.data() else {
        return Ok(Value::Undefined);
    };
    cx.tail_continuation(Continuation::Module(Box::new(ModuleTask::fulfilled(m))))
}

/// ExecuteAsyncModule's onRejected: AsyncModuleExecutionRejected.
fn on_async_rejected<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    if let Value::Object(m) = cx.data() {
        let e = args.first().copied().unwrap_or(Value::Undefined);
        async_module_execution_rejected(cx.vm, m, e);
    }
    Ok(Value::Undefined)
}

/// What a task waits for while a module's code runs.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
enum Wait<'gc> {
    Nothing,
    /// The code before `body_start` (InitializeEnvironment's instantiation).
    Prologue,
    /// A synchronous ExecuteModule.
    Sync(Object<'gc>),
    /// The synchronous part of ExecuteAsyncModule.
    AsyncStart(Object<'gc>),
}

#[derive(Collect)]
#[collect(no_drop)]
struct EvalFrame<'gc> {
    module: Object<'gc>,
    next: usize,
    child: Option<Object<'gc>>,
    executed: bool,
}

#[derive(Collect)]
#[collect(no_drop)]
enum Job<'gc> {
    /// Evaluate(); with `import_promise`, ContinueDynamicImport's tail (the namespace, or the
    /// rejection, settles that promise).
    Evaluate {
        module: Object<'gc>,
        import_promise: Option<Object<'gc>>,
        stage: u8,
        prologues: Vec<Object<'gc>>,
        stack: Vec<Object<'gc>>,
        frames: Vec<EvalFrame<'gc>>,
        index: u32,
        promise: Option<Object<'gc>>,
    },
    /// AsyncModuleExecutionFulfilled(module) from step 12 on: `list` is sortedExecList.
    Fulfilled {
        module: Object<'gc>,
        stage: u8,
        list: Vec<Object<'gc>>,
        next: usize,
    },
}

/// A module evaluation algorithm in progress (a native continuation).
#[derive(Collect)]
#[collect(no_drop)]
pub struct ModuleTask<'gc> {
    job: Job<'gc>,
    wait: Wait<'gc>,
    caught: Option<Value<'gc>>,
}

impl<'gc> ModuleTask<'gc> {
    /// module.Evaluate(); the task's result is the promise.
    pub fn evaluate(module: Object<'gc>, import_promise: Option<Object<'gc>>) -> Self {
        ModuleTask {
            job: Job::Evaluate {
                module,
                import_promise,
                stage: 0,
                prologues: Vec::new(),
                stack: Vec::new(),
                frames: Vec::new(),
                index: 0,
                promise: None,
            },
            wait: Wait::Nothing,
            caught: None,
        }
    }

    fn fulfilled(module: Object<'gc>) -> Self {
        ModuleTask {
            job: Job::Fulfilled {
                module,
                stage: 0,
                list: Vec::new(),
                next: 0,
            },
            wait: Wait::Nothing,
            caught: None,
        }
    }

    /// Keep a throw from the module code this task is running.
    pub fn catch(&mut self, e: Value<'gc>) -> bool {
        if matches!(self.wait, Wait::Nothing) || self.caught.is_some() {
            return false;
        }
        self.caught = Some(e);
        true
    }

    pub fn resume(&mut self, vm: &mut Vm<'gc>, _input: Value<'gc>) -> ContStep<'gc> {
        let wait = std::mem::replace(&mut self.wait, Wait::Nothing);
        let caught = self.caught.take();
        match &mut self.job {
            Job::Evaluate { .. } => self.resume_evaluate(vm, wait, caught),
            Job::Fulfilled { .. } => self.resume_fulfilled(vm, wait, caught),
        }
    }

    fn resume_evaluate(
        &mut self,
        vm: &mut Vm<'gc>,
        wait: Wait<'gc>,
        caught: Option<Value<'gc>>,
    ) -> ContStep<'gc> {
        let Job::Evaluate {
            module,
            import_promise,
            stage,
            prologues,
            stack,
            frames,
            index,
            promise,
        } = &mut self.job
        else {
            return ContStep::Done(Value::Undefined);
        };
        let mut result: Res<'gc, ()> = Ok(());
        match wait {
            Wait::Sync(m) => match caught {
                Some(e) => result = Err(e),
                None => {
                    if let Some(f) = frames.last_mut() {
                        if f.module.ptr_eq(m) {
                            f.executed = true;
                        }
                    }
                }
            },
            Wait::AsyncStart(m) => {
                if let Some(e) = caught {
                    async_module_execution_rejected(vm, m, e);
                }
            }
            // Instantiation runs no script; only a limit (frames, memory) can throw there.
            Wait::Prologue => {
                if let Some(e) = caught {
                    prologues.clear();
                    result = Err(e);
                    *stage = 2;
                }
            }
            Wait::Nothing => {}
        }
        loop {
            match *stage {
                0 => {
                    // Evaluate steps 1-6.
                    let mut m = *module;
                    if matches!(
                        status(m),
                        ModuleStatus::EvaluatingAsync | ModuleStatus::Evaluated
                    ) {
                        if let Some(root) = read_record(m, |r| r.cycle_root).flatten() {
                            m = root;
                        }
                        *module = m;
                    }
                    if let Some(p) = read_record(m, |r| r.top_level_capability).flatten() {
                        *promise = Some(p);
                        *stage = 3;
                        continue;
                    }
                    let realm = vm.current_realm();
                    let p = vm.new_promise(realm);
                    with_record(vm, m, |r| r.top_level_capability = Some(p));
                    *promise = Some(p);
                    *prologues = uninitialized_modules(m);
                    *stage = 1;
                }
                1 => {
                    // Instantiate the bindings and functions of every module of the graph
                    // before any body runs (the code before `body_start`).
                    if let Some(p) = prologues.pop() {
                        with_record(vm, p, |r| r.initialized = true);
                        self.wait = Wait::Prologue;
                        return ContStep::RunModule {
                            module: p,
                            start: 0,
                        };
                    }
                    *stage = 2;
                    // Evaluate step 7: InnerModuleEvaluation(module, stack, 0).
                    *index = 0;
                    match enter_evaluation(vm, *module, stack, index) {
                        Ok(true) => frames.push(EvalFrame {
                            module: *module,
                            next: 0,
                            child: None,
                            executed: false,
                        }),
                        Ok(false) => {}
                        Err(e) => result = Err(e),
                    }
                }
                2 => {
                    if result.is_ok() {
                        match inner_module_evaluation(vm, stack, frames, index) {
                            Ok(Some((m, is_async))) => {
                                self.wait = if is_async {
                                    Wait::AsyncStart(m)
                                } else {
                                    Wait::Sync(m)
                                };
                                return ContStep::RunModule {
                                    module: m,
                                    start: body_start(m),
                                };
                            }
                            Ok(None) => {}
                            Err(e) => result = Err(e),
                        }
                    }
                    let p = promise.unwrap_or(*module);
                    match result {
                        // Evaluate step 8.
                        Err(e) => {
                            for m in stack.drain(..) {
                                with_record(vm, m, |r| {
                                    r.status = ModuleStatus::Evaluated;
                                    r.evaluation_error = Some(e);
                                });
                            }
                            frames.clear();
                            vm.reject_promise(p, e);
                        }
                        // Evaluate step 9.
                        Ok(()) => {
                            let asynchronous =
                                read_record(*module, |r| r.async_evaluation()).unwrap_or(false);
                            if !asynchronous {
                                vm.resolve_promise(p, Value::Undefined);
                            }
                        }
                    }
                    result = Ok(());
                    *stage = 3;
                }
                _ => {
                    let Some(p) = *promise else {
                        return ContStep::Done(Value::Undefined);
                    };
                    if let Some(ip) = import_promise.take() {
                        super::import_call::then_namespace(vm, p, *module, ip);
                    }
                    return ContStep::Done(Value::Object(p));
                }
            }
        }
    }

    fn resume_fulfilled(
        &mut self,
        vm: &mut Vm<'gc>,
        wait: Wait<'gc>,
        caught: Option<Value<'gc>>,
    ) -> ContStep<'gc> {
        let Job::Fulfilled {
            module,
            stage,
            list,
            next,
        } = &mut self.job
        else {
            return ContStep::Done(Value::Undefined);
        };
        match wait {
            // Step 12.c.ii-iii.
            Wait::Sync(m) => match caught {
                Some(e) => async_module_execution_rejected(vm, m, e),
                None => {
                    let cap = with_record(vm, m, |r| {
                        r.async_evaluation_order = Some(0);
                        r.status = ModuleStatus::Evaluated;
                        r.top_level_capability
                    })
                    .flatten();
                    if let Some(p) = cap {
                        vm.resolve_promise(p, Value::Undefined);
                    }
                }
            },
            Wait::AsyncStart(m) => {
                if let Some(e) = caught {
                    async_module_execution_rejected(vm, m, e);
                }
            }
            _ => {}
        }
        if *stage == 0 {
            let m = *module;
            // 1. Already rejected (an error reached it through another path).
            if status(m) == ModuleStatus::Evaluated {
                return ContStep::Done(Value::Undefined);
            }
            // 5-7.
            let cap = with_record(vm, m, |r| {
                r.async_evaluation_order = Some(0);
                r.status = ModuleStatus::Evaluated;
                r.top_level_capability
            })
            .flatten();
            if let Some(p) = cap {
                vm.resolve_promise(p, Value::Undefined);
            }
            // 8-10.
            let mut exec_list = Vec::new();
            gather_available_ancestors(vm, m, &mut exec_list);
            exec_list.sort_by_key(|m| {
                read_record(*m, |r| r.async_evaluation_order.unwrap_or(0)).unwrap_or(0)
            });
            *list = exec_list;
            *next = 0;
            *stage = 1;
        }
        // 12.
        while let Some(&m) = list.get(*next) {
            *next += 1;
            if status(m) == ModuleStatus::Evaluated {
                continue;
            }
            let has_tla = read_record(m, |r| r.has_tla).unwrap_or(false);
            self.wait = if has_tla {
                Wait::AsyncStart(m)
            } else {
                Wait::Sync(m)
            };
            return ContStep::RunModule {
                module: m,
                start: body_start(m),
            };
        }
        ContStep::Done(Value::Undefined)
    }
}

/// The modules of `root`'s graph whose environments are not instantiated yet (in no
/// particular order: instantiation runs no script).
fn uninitialized_modules<'gc>(root: Object<'gc>) -> Vec<Object<'gc>> {
    let mut seen = vec![root];
    let mut work = vec![root];
    let mut out = Vec::new();
    while let Some(m) = work.pop() {
        let Some((init, loaded)) = read_record(m, |r| (r.initialized, r.loaded.clone())) else {
            continue;
        };
        if !init {
            out.push(m);
        }
        for t in loaded.into_iter().flatten() {
            if !seen.iter().any(|s| s.ptr_eq(t)) {
                seen.push(t);
                work.push(t);
            }
        }
    }
    out
}

/// InnerModuleEvaluation steps 1-10 for `module`: `Ok(true)` when it starts evaluating now
/// (its requests are to be walked).
fn enter_evaluation<'gc>(
    vm: &mut Vm<'gc>,
    module: Object<'gc>,
    stack: &mut Vec<Object<'gc>>,
    index: &mut u32,
) -> Res<'gc, bool> {
    // 1. A Synthetic Module Record evaluated when it was created.
    if !is_cyclic(module) {
        return Ok(false);
    }
    let (st, error) = read_record(module, |r| (r.status, r.evaluation_error))
        .unwrap_or((ModuleStatus::Evaluated, None));
    match st {
        // 2.
        ModuleStatus::EvaluatingAsync | ModuleStatus::Evaluated => match error {
            Some(e) => Err(e),
            None => Ok(false),
        },
        // 3.
        ModuleStatus::Evaluating => Ok(false),
        ModuleStatus::Linked => {
            // 5-10.
            let i = *index;
            with_record(vm, module, |r| {
                r.status = ModuleStatus::Evaluating;
                r.dfs_index = i;
                r.dfs_ancestor_index = i;
                r.pending_async_dependencies = Some(0);
            });
            *index += 1;
            stack.push(module);
            Ok(true)
        }
        _ => Err(vm.error(ErrorKind::SyntaxError, "module is not linked")),
    }
}

/// The DFS of InnerModuleEvaluation from the top of `frames`: `Ok(Some((m, async)))` when
/// module `m`'s body must run now (the task resumes here afterwards), `Ok(None)` when done.
fn inner_module_evaluation<'gc>(
    vm: &mut Vm<'gc>,
    stack: &mut Vec<Object<'gc>>,
    frames: &mut Vec<EvalFrame<'gc>>,
    index: &mut u32,
) -> Res<'gc, Option<(Object<'gc>, bool)>> {
    while let Some(top) = frames.last_mut() {
        let module = top.module;
        // 11.c. After a required module.
        if let Some(child) = top.child.take() {
            if is_cyclic(child) {
                let (st, anc) = read_record(child, |r| (r.status, r.dfs_ancestor_index))
                    .unwrap_or((ModuleStatus::Evaluated, u32::MAX));
                // ii-iii.
                let required = if st == ModuleStatus::Evaluating {
                    with_record(vm, module, |r| {
                        r.dfs_ancestor_index = r.dfs_ancestor_index.min(anc);
                    });
                    child
                } else {
                    let root = read_record(child, |r| r.cycle_root)
                        .flatten()
                        .unwrap_or(child);
                    if let Some(e) = read_record(root, |r| r.evaluation_error).flatten() {
                        return Err(e);
                    }
                    root
                };
                // iv.
                if read_record(required, |r| r.async_evaluation()).unwrap_or(false) {
                    with_record(vm, module, |r| {
                        r.pending_async_dependencies =
                            Some(r.pending_async_dependencies.unwrap_or(0) + 1);
                    });
                    with_record(vm, required, |r| r.async_parent_modules.push(module));
                }
            }
        }
        let Some(top) = frames.last_mut() else { break };
        if !top.executed {
            // 11. The next requested module.
            let count = read_record(module, |r| r.loaded.len()).unwrap_or(0);
            if top.next < count {
                let i = top.next;
                top.next += 1;
                let Some(required) =
                    read_record(module, |r| r.loaded.get(i).copied().flatten()).flatten()
                else {
                    return Err(vm.error(ErrorKind::SyntaxError, "module not loaded"));
                };
                top.child = Some(required);
                if enter_evaluation(vm, required, stack, index)? {
                    frames.push(EvalFrame {
                        module: required,
                        next: 0,
                        child: None,
                        executed: false,
                    });
                }
                continue;
            }
            // 12-13.
            let (pending, has_tla) = read_record(module, |r| {
                (r.pending_async_dependencies.unwrap_or(0), r.has_tla)
            })
            .unwrap_or((0, false));
            top.executed = true;
            if pending > 0 || has_tla {
                vm.st.modules.async_evaluation_count += 1;
                let order = vm.st.modules.async_evaluation_count;
                with_record(vm, module, |r| r.async_evaluation_order = Some(order));
                if pending == 0 {
                    return Ok(Some((module, true)));
                }
            } else {
                // Resumes with `executed` set once the body returned.
                top.executed = false;
                return Ok(Some((module, false)));
            }
        }
        // 14-16.
        frames.pop();
        let (dfs, anc) =
            read_record(module, |r| (r.dfs_index, r.dfs_ancestor_index)).unwrap_or((0, 0));
        if anc == dfs {
            while let Some(m) = stack.pop() {
                with_record(vm, m, |r| {
                    r.status = if r.async_evaluation() {
                        ModuleStatus::EvaluatingAsync
                    } else {
                        ModuleStatus::Evaluated
                    };
                    r.cycle_root = Some(module);
                });
                if m.ptr_eq(module) {
                    break;
                }
            }
        }
    }
    Ok(None)
}

/// GatherAvailableAncestors (<https://tc39.es/ecma262/#sec-gather-available-ancestors>),
/// iterative.
fn gather_available_ancestors<'gc>(
    vm: &mut Vm<'gc>,
    module: Object<'gc>,
    exec_list: &mut Vec<Object<'gc>>,
) {
    let mut work = vec![module];
    while let Some(module) = work.pop() {
        let parents = read_record(module, |r| r.async_parent_modules.clone()).unwrap_or_default();
        for m in parents {
            if exec_list.iter().any(|e| e.ptr_eq(m)) {
                continue;
            }
            let root = read_record(m, |r| r.cycle_root).flatten().unwrap_or(m);
            if read_record(root, |r| r.evaluation_error.is_some()).unwrap_or(true) {
                continue;
            }
            let (pending, has_tla) = with_record(vm, m, |r| {
                let p = r.pending_async_dependencies.unwrap_or(1).saturating_sub(1);
                r.pending_async_dependencies = Some(p);
                (p, r.has_tla)
            })
            .unwrap_or((1, true));
            if pending == 0 {
                exec_list.push(m);
                if !has_tla {
                    work.push(m);
                }
            }
        }
    }
}

/// AsyncModuleExecutionRejected (<https://tc39.es/ecma262/#sec-async-module-execution-rejected>),
/// iterative in the recursion's order: the module's own capability is rejected first, then
/// its async parents (depth first, in order).
pub fn async_module_execution_rejected<'gc>(
    vm: &mut Vm<'gc>,
    module: Object<'gc>,
    error: Value<'gc>,
) {
    let mut work: Vec<Object<'gc>> = vec![module];
    while let Some(m) = work.pop() {
        // 1.
        if status(m) == ModuleStatus::Evaluated {
            continue;
        }
        // 5-7.
        let (cap, parents) = with_record(vm, m, |r| {
            r.evaluation_error = Some(error);
            r.status = ModuleStatus::Evaluated;
            r.async_evaluation_order = Some(0);
            (r.top_level_capability, r.async_parent_modules.clone())
        })
        .unwrap_or((None, Vec::new()));
        // 8.
        if let Some(p) = cap {
            vm.reject_promise(p, error);
        }
        // 9. Parents in order: pushed in reverse so the first is handled next.
        work.extend(parents.into_iter().rev());
    }
}
