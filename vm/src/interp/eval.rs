//! `eval`: PerformEval (<https://tc39.es/ecma262/#sec-performeval>) for direct calls (on the
//! caller's environment chain) and indirect ones (in the global environment of %eval%'s realm),
//! EvalDeclarationInstantiation (<https://tc39.es/ecma262/#sec-evaldeclarationinstantiation>),
//! and the %eval% function itself.
//!
//! Eval code runs in a frame of its own pushed on the frame stack (never on the Rust stack
//! when called from bytecode). A sloppy direct eval's `var`s and functions land in the caller's
//! VariableEnvironment: the nearest environment marked `eval_var_target` (a function's var
//! scope), where they are kept in a per-environment object so that `delete` can remove them,
//! or the global object when there is none.

use std::sync::Arc;

use moat_bytecode::code::{CodeBlock, CodeFlags, Constant, Declarations};
use moat_bytecode::isa::{ErrorKind, Reg};

use super::realm_extras::{eval_function, extras_mut};
use super::{ConstCacheRef, ConstructKind, Flow, Res, ReturnTo, Vm, MAX_NESTING};
use crate::env::Env;
use crate::function::NativeCtx;
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::object::{Object, ObjectKind, PropertyDescriptor, Slot};
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::value::{PropertyKey, Value};

/// Installs %eval% as the global `eval` of `realm`.
pub(crate) fn install<'gc>(realm: Realm<'gc>, gcx: Gcx<'gc>, interner: &mut Interner<'gc>) {
    let global = realm.global();
    let f = realm.define_native_method(gcx, interner, global, "eval", eval_native, 1);
    extras_mut(gcx, realm).eval = Some(f);
}

/// %eval% called from a native (an indirect eval on the Rust stack); calls from bytecode are
/// intercepted by the interpreter and run in frames.
fn eval_native<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>> {
    let x = args.first().copied().unwrap_or(Value::Undefined);
    let realm = cx.realm;
    let Some(code) = cx.vm.compile_indirect_eval(realm, x)? else {
        return Ok(x);
    };
    cx.vm.run_code_nested(code, realm)
}

/// What the code around a direct eval allows (PerformEval steps 4-10).
#[derive(Default)]
struct EvalContext {
    in_function: bool,
    in_method: bool,
    in_derived_constructor: bool,
    in_class_field_initializer: bool,
}

impl<'gc> Vm<'gc> {
    /// Whether `f` is %eval% of `realm`.
    pub(crate) fn is_eval_function(&self, f: Object<'gc>, realm: Realm<'gc>) -> bool {
        eval_function(realm).is_some_and(|e| e.ptr_eq(f))
    }

    /// `CallEval`: a direct eval when register `callee` holds the running realm's %eval%
    /// (<https://tc39.es/ecma262/#sec-function-calls-runtime-semantics-evaluation> step 6),
    /// else an ordinary call with the `this` in `callee + 1` (a tail call when `tail`, from
    /// `TailCallEval`).
    pub(crate) fn call_eval(
        &mut self,
        base: u32,
        callee: Reg,
        args: Vec<Value<'gc>>,
        dst: Reg,
        strict_caller: bool,
        tail: bool,
    ) -> Res<'gc, Flow> {
        // The compiler leaves the reference's `this` (undefined, or a `with` object) next to
        // the callee.
        let (callee, this) = (
            self.reg(base, callee),
            self.reg(base, callee.wrapping_add(1)),
        );
        let realm = self.current_realm();
        let direct = matches!(callee, Value::Object(f) if self.is_eval_function(f, realm));
        if !direct {
            // 9. EvaluateCall(func, ref, arguments, tailCall).
            if tail {
                self.tail_call(callee, this, args, dst)?;
            } else {
                self.call_function(callee, this, args, ReturnTo::Reg(dst))?;
            }
            return Ok(Flow::Switch);
        }
        // PerformEval step 2: a non-string argument is the result.
        let x = args.first().copied().unwrap_or(Value::Undefined);
        let Value::String(s) = x else {
            let base = self.frame().map_or(0, |f| f.base);
            self.set_reg(base, dst, x);
            return Ok(Flow::Next);
        };
        let source = s.to_std_string(self.gcx);
        let ctx = self.eval_context();
        let options = moat_parser::ParseOptions {
            strict: strict_caller,
            allow_return: false,
            allow_new_target: ctx.in_function,
            allow_super_property: ctx.in_method,
            allow_super_call: ctx.in_derived_constructor,
            in_class_field_init: ctx.in_class_field_initializer,
        };
        // 11. The Private Names of the enclosing classes are visible.
        let private_names: Vec<String> = self.private_names_in_scope();
        let names: Vec<&str> = private_names.iter().map(String::as_str).collect();
        let parsed = if names.is_empty() {
            moat_parser::parse_script(&source, options)
        } else {
            moat_parser::parse_eval_script(&source, options, &names)
        };
        let script = match parsed {
            Ok(s) => s,
            Err(e) => return Err(self.error(ErrorKind::SyntaxError, &e.message)),
        };
        let code = match moat_bytecode::compile_eval(&script, &source, "eval", strict_caller, true)
        {
            Ok(c) => c,
            Err(e) => return Err(self.error(e.kind, &e.message)),
        };
        let (env, realm, callee, this, nt, penv) = match self.frame() {
            Some(f) => (
                f.env,
                f.realm,
                f.callee,
                f.this,
                f.new_target,
                f.private_env,
            ),
            None => return Err(self.type_error("eval without a caller")),
        };
        // 16-28. The eval frame: the caller's environment chain, `this`, function and
        // PrivateEnvironment.
        self.push_script_frame(
            code,
            env,
            realm,
            callee,
            this,
            nt,
            &[],
            ReturnTo::Reg(dst),
            ConstructKind::None,
        )?;
        self.set_frame_private_env(penv);
        Ok(Flow::Switch)
    }

    /// The function context of the running code for PerformEval steps 4-10: found from the
    /// frame's function, or for arrows (and evals inside them) from the `%function%` and
    /// `new.target` bindings the scope analysis keeps in environments for eval.
    fn eval_context(&self) -> EvalContext {
        let Some(f) = self.frame() else {
            return EvalContext::default();
        };
        let describe = |o: Object<'gc>| -> Option<EvalContext> {
            match &o.borrow().kind {
                ObjectKind::Function(c) if !c.flags().contains(CodeFlags::ARROW) => {
                    let flags = c.flags();
                    Some(EvalContext {
                        in_function: true,
                        in_method: c.home_object.is_some(),
                        in_derived_constructor: flags.contains(CodeFlags::DERIVED)
                            && flags.contains(CodeFlags::CLASS_CONSTRUCTOR),
                        in_class_field_initializer: flags.contains(CodeFlags::FIELD_INIT),
                    })
                }
                _ => None,
            }
        };
        if let Some(c) = f.callee.and_then(describe) {
            return c;
        }
        let function_name: &[u16] = &[0x25, 0x66, 0x75, 0x6e, 0x63, 0x74, 0x69, 0x6f, 0x6e, 0x25];
        let new_target: Vec<u16> = "new.target".encode_utf16().collect();
        let mut env = f.env;
        while let Some(e) = env {
            let d = e.0.borrow();
            if let Some(names) = &d.names {
                if let Some(i) = names.0.iter().position(|n| **n == *function_name) {
                    if let Some(Value::Object(o)) = d.slots.get(i) {
                        if let Some(c) = describe(*o) {
                            return c;
                        }
                    }
                }
                if names.0.iter().any(|n| **n == *new_target) {
                    return EvalContext {
                        in_function: true,
                        ..EvalContext::default()
                    };
                }
            }
            env = d.parent;
        }
        EvalContext::default()
    }

    /// The descriptions (without `#`) of the Private Names in the running PrivateEnvironment.
    fn private_names_in_scope(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut penv = self.frame().and_then(|f| f.private_env);
        while let Some(p) = penv {
            for (n, _) in &p.0.names {
                let s = String::from_utf16_lossy(&n.0);
                out.push(s.trim_start_matches('#').to_string());
            }
            penv = p.0.outer;
        }
        out
    }

    /// PerformEval steps 2-15 for an indirect eval in `realm`: `None` when `x` is not a string
    /// (the result is `x` itself).
    pub(crate) fn compile_indirect_eval(
        &mut self,
        realm: Realm<'gc>,
        x: Value<'gc>,
    ) -> Res<'gc, Option<Arc<CodeBlock>>> {
        let Value::String(s) = x else {
            return Ok(None);
        };
        let source = s.to_std_string(self.gcx);
        let script = match moat_parser::parse_script(&source, moat_parser::ParseOptions::default())
        {
            Ok(s) => s,
            Err(e) => {
                let err = realm.make_error(
                    self.gcx,
                    &mut self.interner,
                    ErrorKind::SyntaxError,
                    &e.message,
                );
                return Err(Value::Object(err));
            }
        };
        match moat_bytecode::compile_eval(&script, &source, "eval", false, false) {
            Ok(c) => Ok(Some(c)),
            Err(e) => {
                let err = realm.make_error(self.gcx, &mut self.interner, e.kind, &e.message);
                Err(Value::Object(err))
            }
        }
    }

    /// An indirect eval called from bytecode: its frame's result goes to `ret`.
    pub(crate) fn indirect_eval(
        &mut self,
        realm: Realm<'gc>,
        args: &[Value<'gc>],
        ret: ReturnTo,
    ) -> Res<'gc, ()> {
        let x = args.first().copied().unwrap_or(Value::Undefined);
        let Some(code) = self.compile_indirect_eval(realm, x)? else {
            self.deliver(ret, x);
            return Ok(());
        };
        let this = Value::Object(realm.global());
        self.push_script_frame(
            code,
            None,
            realm,
            None,
            this,
            Value::Undefined,
            &[],
            ret,
            ConstructKind::None,
        )
    }

    /// Run global code of `realm` to completion on the Rust stack.
    pub(crate) fn run_code_nested(
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
        let this = Value::Object(realm.global());
        let r = match self.push_script_frame(
            code,
            None,
            realm,
            None,
            this,
            Value::Undefined,
            &[],
            ReturnTo::Nested,
            ConstructKind::None,
        ) {
            Err(e) => Err(e),
            Ok(()) => {
                self.run(depth, true);
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

    /// EvalDeclarationInstantiation (<https://tc39.es/ecma262/#sec-evaldeclarationinstantiation>)
    /// for the `Declarations` constant `decls` of the running eval code.
    pub(crate) fn eval_declaration_instantiation(
        &mut self,
        code: &Arc<CodeBlock>,
        decls: u32,
    ) -> Res<'gc, ()> {
        let Some(Constant::Declarations(d)) = code.constants.get(decls as usize) else {
            return Ok(());
        };
        // Strict eval code has a VariableEnvironment of its own (nothing is declared by name).
        if code.flags.contains(CodeFlags::STRICT) {
            return Ok(());
        }
        let d: Declarations = d.clone();
        let realm = self.current_realm();
        let start = self.frame_env();
        // The VariableEnvironment: the caller's var scope, or the global environment.
        let var_env = if code.flags.contains(CodeFlags::DIRECT_EVAL) {
            variable_environment(start)
        } else {
            None
        };
        let var_names: Vec<Arc<[u16]>> = d
            .var_names
            .iter()
            .chain(d.functions.iter().map(|(n, _)| n))
            .cloned()
            .collect();
        // 3.a. A global VariableEnvironment: no lexical declaration of the name.
        if var_env.is_none() {
            for name in &var_names {
                let key = self.interner.key_units(self.gcx, name);
                if realm.0.global_lexical.borrow().contains_key(&key) {
                    return Err(self.redeclaration(name));
                }
            }
        }
        // 5.a. An eval in parameter expressions may not declare `arguments`.
        if var_env.is_some_and(|e| e.0.borrow().parameter_scope) {
            let arguments: Vec<u16> = "arguments".encode_utf16().collect();
            if var_names.iter().any(|n| **n == *arguments) {
                return Err(self.redeclaration(&arguments));
            }
        }
        // 3.c-d. No binding of the name between the eval and the VariableEnvironment.
        for name in &var_names {
            if conflicting_binding(start, var_env, name) {
                return Err(self.redeclaration(name));
            }
        }
        // 8.a.iv / 10.a.i.2. The global object must accept the bindings.
        let g = realm.global();
        if var_env.is_none() {
            for (name, _) in &d.functions {
                let key = self.interner.key_units(self.gcx, name);
                if !can_declare_global_function(self.gcx, g, key) {
                    let n = String::from_utf16_lossy(name);
                    return Err(self.type_error(&format!("Cannot redefine global function '{n}'")));
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
        }
        // Annex B.3.2.3: a function in a block is also a `var` unless that would conflict.
        let mut annex_b = Vec::new();
        for name in &d.annex_b_var_names {
            if conflicting_binding(start, var_env, name) {
                continue;
            }
            if var_env.is_none() {
                let key = self.interner.key_units(self.gcx, name);
                if realm.0.global_lexical.borrow().contains_key(&key) {
                    continue;
                }
                if g.get_own_property(self.gcx, key).is_none() && !g.is_extensible() {
                    continue;
                }
            }
            annex_b.push(Arc::clone(name));
        }
        // 17. Functions, closing over the eval's lexical environment.
        for (name, idx) in &d.functions {
            let key = self.interner.key_units(self.gcx, name);
            let f = self.make_closure(code, *idx)?;
            match var_env {
                None => self.create_global_function_binding(g, key, Value::Object(f))?,
                Some(env) => declare_in_env(self.gcx, env, key, name, Value::Object(f), true),
            }
        }
        // 18. Vars, `undefined` unless already bound.
        for name in d.var_names.iter().chain(annex_b.iter()) {
            let key = self.interner.key_units(self.gcx, name);
            match var_env {
                None => {
                    if g.get_own_property(self.gcx, key).is_none() {
                        let desc = PropertyDescriptor::data(Value::Undefined, Attrs::DEFAULT);
                        if let Err(e) = g.define_own_property(self.gcx, key, desc) {
                            return Err(self.error(e.kind, e.message));
                        }
                    }
                }
                Some(env) => declare_in_env(self.gcx, env, key, name, Value::Undefined, false),
            }
        }
        Ok(())
    }

    /// `SetVarName`: Annex B.3.2.1 step for a block function in sloppy eval code:
    /// `fenv.SetMutableBinding(F, fobj, false)` with fenv the VariableEnvironment (the
    /// caller's var scope for a direct eval, else the global environment).
    pub(crate) fn set_var_name(
        &mut self,
        consts: ConstCacheRef<'gc>,
        name: u32,
        v: Value<'gc>,
    ) -> Res<'gc, Flow> {
        let direct = self
            .frame()
            .is_some_and(|f| f.code.0.flags.contains(CodeFlags::DIRECT_EVAL));
        let var_env = if direct {
            variable_environment(self.frame_env())
        } else {
            None
        };
        match var_env {
            Some(env) => {
                let key = self.const_key(consts, name);
                let units = match key {
                    PropertyKey::String(s) => s.to_utf16(self.gcx),
                    _ => Vec::new(),
                };
                declare_in_env(self.gcx, env, key, &units, v, true);
                Ok(Flow::Next)
            }
            None => self.set_global(consts, name, v, false),
        }
    }

    fn redeclaration(&mut self, name: &[u16]) -> Value<'gc> {
        let n = String::from_utf16_lossy(name);
        self.error(
            ErrorKind::SyntaxError,
            &format!("Identifier '{n}' has already been declared"),
        )
    }

    /// CreateGlobalFunctionBinding(N, V, true) (<https://tc39.es/ecma262/#sec-createglobalfunctionbinding>).
    fn create_global_function_binding(
        &mut self,
        g: Object<'gc>,
        key: PropertyKey<'gc>,
        v: Value<'gc>,
    ) -> Res<'gc, ()> {
        let desc = match g.get_own_property(self.gcx, key) {
            Some(p) if !p.attrs.configurable() => PropertyDescriptor {
                value: Some(v),
                ..Default::default()
            },
            _ => PropertyDescriptor::data(v, Attrs::DEFAULT),
        };
        match g.define_own_property(self.gcx, key, desc) {
            Ok(true) => {}
            Ok(false) => return Err(self.type_error("Cannot redefine global function")),
            Err(e) => return Err(self.error(e.kind, e.message)),
        }
        // Set(globalObject, N, V, false): the property is a writable data property now.
        g.put_data(
            self.gcx,
            key,
            v,
            g.get_own_property(self.gcx, key)
                .map_or(Attrs::DEFAULT, |p| p.attrs),
        );
        Ok(())
    }
}

/// CanDeclareGlobalFunction (<https://tc39.es/ecma262/#sec-candeclareglobalfunction>).
fn can_declare_global_function<'gc>(gcx: Gcx<'gc>, g: Object<'gc>, key: PropertyKey<'gc>) -> bool {
    match g.get_own_property(gcx, key) {
        None => g.is_extensible(),
        Some(p) => {
            p.attrs.configurable()
                || (matches!(p.slot, Slot::Data(_)) && p.attrs.writable() && p.attrs.enumerable())
        }
    }
}

/// EvalDeclarationInstantiation step 3.d (with Annex B.3.4): a binding of `name` in an
/// environment from `start` up to `var_env` that an eval `var` may not shadow.
fn conflicting_binding<'gc>(
    start: Option<Env<'gc>>,
    var_env: Option<Env<'gc>>,
    name: &[u16],
) -> bool {
    let mut e = start;
    while let Some(env) = e {
        let d = env.0.borrow();
        if let (Some(names), Some(conflicts)) = (&d.names, &d.eval_var_conflicts) {
            let hit = names
                .0
                .iter()
                .zip(conflicts.0.iter())
                .any(|(n, c)| *c && **n == *name);
            if hit {
                return true;
            }
        }
        if var_env.is_some_and(|v| gc_arena::Gc::ptr_eq(v.0, env.0)) {
            return false;
        }
        e = d.parent;
    }
    false
}

/// The VariableEnvironment of sloppy direct eval code running with lexical environment
/// `start`: the nearest environment marked as an eval var target; `None` for the global one.
fn variable_environment(start: Option<Env<'_>>) -> Option<Env<'_>> {
    let mut e = start;
    loop {
        match e {
            Some(env) if env.0.borrow().eval_var_target => break Some(env),
            Some(env) => e = env.parent(),
            None => break None,
        }
    }
}

/// CreateMutableBinding(N, true) + InitializeBinding in a declarative VariableEnvironment, or
/// SetMutableBinding when the name is bound already (functions replace the value, `var`s
/// leave it).
fn declare_in_env<'gc>(
    gcx: Gcx<'gc>,
    env: Env<'gc>,
    key: PropertyKey<'gc>,
    name: &[u16],
    v: Value<'gc>,
    overwrite: bool,
) {
    let (slot, eval_vars) = {
        let d = env.0.borrow();
        let slot = d
            .names
            .as_ref()
            .and_then(|n| n.0.iter().position(|x| **x == *name));
        (slot, d.eval_vars)
    };
    if let Some(i) = slot {
        if overwrite {
            env.set(gcx, i as u16, v);
        }
        return;
    }
    let obj = match eval_vars {
        Some(o) => o,
        None => {
            let o = Object::new(gcx, None, ObjectKind::Ordinary);
            env.0.borrow_mut(gcx.mc).eval_vars = Some(o);
            o
        }
    };
    if !overwrite && obj.borrow().find_own(key).is_some() {
        return;
    }
    obj.put_data(gcx, key, v, Attrs::DEFAULT);
}
