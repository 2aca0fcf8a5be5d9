//! Heap environments: declarative records for captured bindings and object records for `with`.

use std::sync::Arc;

use gc_arena::lock::RefLock;
use gc_arena::{Collect, Gc, Static};

use crate::heap::{Gcx, HeapTicket};
use crate::object::Object;
use crate::value::Value;

/// Binding names of a scope, shared with the compiled code.
pub type NameList = Static<Arc<[Arc<[u16]>]>>;

/// One environment record.
#[derive(Collect)]
#[collect(no_drop)]
pub struct EnvData<'gc> {
    ticket: HeapTicket,
    pub slots: Vec<Value<'gc>>,
    pub parent: Option<Env<'gc>>,
    /// The binding object of a `with` environment.
    pub with: Option<Object<'gc>>,
    /// Binding names and mutability, for dynamic lookup by name.
    pub names: Option<NameList>,
    pub immutable: Option<Static<Arc<[bool]>>>,
    /// Per slot: a sloppy direct eval's `var` of that name is a SyntaxError (empty: none).
    pub eval_var_conflicts: Option<Static<Arc<[bool]>>>,
    /// This record is a VariableEnvironment a sloppy direct eval adds bindings to.
    pub eval_var_target: bool,
    /// The parameter scope of a function with parameter expressions.
    pub parameter_scope: bool,
    /// The scope of a named function expression's own (non-strict immutable) name.
    pub function_name: bool,
    /// The bindings sloppy direct evals added (deletable, so kept in an object keyed by name).
    pub eval_vars: Option<Object<'gc>>,
}

/// A handle to an environment record.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct Env<'gc>(pub Gc<'gc, RefLock<EnvData<'gc>>>);

impl<'gc> Env<'gc> {
    /// A declarative environment with `count` slots (all undefined until initialised).
    pub fn new_declarative(
        gcx: Gcx<'gc>,
        parent: Option<Env<'gc>>,
        count: usize,
        names: Option<Arc<[Arc<[u16]>]>>,
        immutable: Option<Arc<[bool]>>,
    ) -> Self {
        let bytes = std::mem::size_of::<EnvData<'gc>>() + 16 + count * 16;
        Env(Gc::new(
            gcx.mc,
            RefLock::new(EnvData {
                ticket: gcx.ticket(bytes),
                slots: vec![Value::Undefined; count],
                parent,
                with: None,
                names: names.map(Static),
                immutable: immutable.map(Static),
                eval_var_conflicts: None,
                eval_var_target: false,
                parameter_scope: false,
                function_name: false,
                eval_vars: None,
            }),
        ))
    }

    /// An object environment for `with (object)`.
    pub fn new_with(gcx: Gcx<'gc>, parent: Option<Env<'gc>>, object: Object<'gc>) -> Self {
        let bytes = std::mem::size_of::<EnvData<'gc>>() + 16;
        Env(Gc::new(
            gcx.mc,
            RefLock::new(EnvData {
                ticket: gcx.ticket(bytes),
                slots: Vec::new(),
                parent,
                with: Some(object),
                names: None,
                immutable: None,
                eval_var_conflicts: None,
                eval_var_target: false,
                parameter_scope: false,
                function_name: false,
                eval_vars: None,
            }),
        ))
    }

    /// The environment of a compiled scope (its slots, names and eval facts).
    pub fn for_scope(
        gcx: Gcx<'gc>,
        parent: Option<Env<'gc>>,
        desc: &moat_bytecode::code::ScopeDesc,
    ) -> Self {
        let e = Env::new_declarative(
            gcx,
            parent,
            desc.names.len(),
            Some(Arc::clone(&desc.names)),
            Some(Arc::clone(&desc.immutable)),
        );
        if desc.function_name {
            e.0.borrow_mut(gcx.mc).function_name = true;
        }
        if desc.eval_var_target || !desc.eval_var_conflicts.is_empty() {
            let mut d = e.0.borrow_mut(gcx.mc);
            d.eval_var_target = desc.eval_var_target;
            d.parameter_scope = desc.parameter_scope;
            if !desc.eval_var_conflicts.is_empty() {
                d.eval_var_conflicts = Some(Static(Arc::clone(&desc.eval_var_conflicts)));
            }
        }
        e
    }

    pub fn parent(self) -> Option<Env<'gc>> {
        self.0.borrow().parent
    }

    /// The environment `hops` levels up (iterative).
    pub fn ancestor(self, hops: u16) -> Option<Env<'gc>> {
        let mut e = Some(self);
        for _ in 0..hops {
            e = e?.parent();
        }
        e
    }

    pub fn get(self, slot: u16) -> Option<Value<'gc>> {
        self.0.borrow().slots.get(slot as usize).copied()
    }

    pub fn set(self, gcx: Gcx<'gc>, slot: u16, value: Value<'gc>) -> bool {
        match self.0.borrow_mut(gcx.mc).slots.get_mut(slot as usize) {
            Some(s) => {
                *s = value;
                true
            }
            None => false,
        }
    }

    /// A copy of this record with the same parent (CreatePerIterationEnvironment).
    pub fn copy(self, gcx: Gcx<'gc>) -> Self {
        let d = self.0.borrow();
        let e = Env::new_declarative(
            gcx,
            d.parent,
            d.slots.len(),
            d.names.as_ref().map(|n| Arc::clone(&n.0)),
            d.immutable.as_ref().map(|n| Arc::clone(&n.0)),
        );
        {
            let mut c = e.0.borrow_mut(gcx.mc);
            c.slots = d.slots.clone();
            c.eval_var_conflicts = d
                .eval_var_conflicts
                .as_ref()
                .map(|a| Static(Arc::clone(&a.0)));
            c.eval_var_target = d.eval_var_target;
            c.parameter_scope = d.parameter_scope;
            c.eval_vars = d.eval_vars;
        }
        e
    }
}

/// A PrivateEnvironment Record (<https://tc39.es/ecma262/#sec-privateenvironment-records>):
/// the Private Names a class body declares.
#[derive(Collect)]
#[collect(no_drop)]
pub struct PrivEnvData<'gc> {
    pub names: Vec<(Static<Arc<[u16]>>, crate::value::Symbol<'gc>)>,
    pub outer: Option<PrivEnv<'gc>>,
}

/// A handle to a PrivateEnvironment Record.
#[derive(Clone, Copy, Collect)]
#[collect(no_drop)]
pub struct PrivEnv<'gc>(pub Gc<'gc, PrivEnvData<'gc>>);

impl<'gc> PrivEnv<'gc> {
    /// ResolvePrivateIdentifier (<https://tc39.es/ecma262/#sec-resolve-private-identifier>),
    /// iterative over the outer chain.
    pub fn resolve(self, name: &[u16]) -> Option<crate::value::Symbol<'gc>> {
        let mut e = Some(self);
        while let Some(env) = e {
            if let Some((_, s)) = env.0.names.iter().find(|(n, _)| &*n.0 == name) {
                return Some(*s);
            }
            e = env.0.outer;
        }
        None
    }
}
