//! Function objects' internal slots: closures over compiled code, native (Rust) functions, bound
//! functions, and the context natives receive.
//!
//! # Natives that call script
//! A native returns a value or throws. When it must call script (a callback, a getter, `valueOf`)
//! it has two ways:
//! - [`NativeCtx::call`] runs the callee to completion on the Rust stack: simple, bounded, but
//!   nothing is collected until it returns. Fine for rare, short calls.
//! - [`NativeCtx::tail_continuation`] hands the interpreter a [`Continuation`] (a resumable
//!   state machine, see `cont.rs`) to run *in place of* the native once it returns: the
//!   interpreter pushes it as a native frame whose result becomes the native's result, and does
//!   every call the continuation asks for in its own frames. Callback-heavy built-ins
//!   (`Array.prototype.forEach`, `sort`, ...) work this way so that the heap is collected and
//!   limits are honoured inside their callbacks. [`NativeCtx::tail_call`] and
//!   [`NativeCtx::tail_construct`] are the one-step cases (`Function.prototype.call`,
//!   `Reflect.construct`). The value the native returns alongside is ignored.

use std::sync::Arc;

use gc_arena::{Collect, Static};
use moat_bytecode::code::{CodeBlock, CodeFlags};
use moat_bytecode::isa::ErrorKind;

use crate::cont::Continuation;
use crate::env::Env;
use crate::heap::Gcx;
use crate::interp::Vm;
use crate::object::Object;
use crate::realm::Realm;
use crate::string::JsString;
use crate::value::{PropertyKey, Value};

/// An ECMAScript function object's slots (<https://tc39.es/ecma262/#sec-ecmascript-function-objects>).
#[derive(Collect)]
#[collect(no_drop)]
pub struct Closure<'gc> {
    pub code: Static<Arc<CodeBlock>>,
    /// [[Environment]]: the heap environment the function closes over.
    pub env: Option<Env<'gc>>,
    pub realm: Realm<'gc>,
    pub home_object: Option<Object<'gc>>,
    /// Arrow functions capture `this` and `new.target` of their defining frame.
    pub lexical_this: Value<'gc>,
    pub lexical_new_target: Value<'gc>,
    /// Class constructors: the instance-field initialiser (InitializeInstanceElements).
    pub field_init: Option<Object<'gc>>,
    /// The PrivateEnvironment the function closes over.
    pub private_env: Option<crate::env::PrivEnv<'gc>>,
    /// Class constructors: [[Fields]] as (key or Private Name, initialiser or undefined).
    pub fields: Vec<(Value<'gc>, Value<'gc>)>,
    /// Class constructors: [[PrivateMethods]], each a Private Name with its method (a
    /// non-writable data property) or accessor pair.
    pub private_methods: Vec<(crate::value::Symbol<'gc>, crate::object::Property<'gc>)>,
}

impl Closure<'_> {
    pub fn is_constructor(&self) -> bool {
        self.code.0.flags.contains(CodeFlags::CONSTRUCTOR)
    }
    pub fn flags(&self) -> CodeFlags {
        self.code.0.flags
    }
}

/// The Rust signature of a built-in function: `Err` is the thrown value.
pub type NativeFn = for<'gc, 'a> fn(
    &mut NativeCtx<'gc, 'a>,
    Value<'gc>,
    &[Value<'gc>],
) -> Result<Value<'gc>, Value<'gc>>;

/// A built-in function object's slots (<https://tc39.es/ecma262/#sec-built-in-function-objects>).
#[derive(Collect)]
#[collect(no_drop)]
pub struct NativeFunction<'gc> {
    pub call: Static<NativeFn>,
    /// [[Construct]]: present for constructors; receives `new.target` in the context.
    pub constructor: Option<Static<NativeFn>>,
    pub realm: Realm<'gc>,
    /// Captured data (e.g. the target of a promise resolving function).
    pub data: Value<'gc>,
    /// The [[IsHTMLDDA]] internal slot (<https://tc39.es/ecma262/#sec-IsHTMLDDA-internal-slot>):
    /// only `$262.IsHTMLDDA` of the test262 host has it.
    pub html_dda: bool,
}

/// A bound function exotic object's slots (<https://tc39.es/ecma262/#sec-bound-function-exotic-objects>).
#[derive(Collect)]
#[collect(no_drop)]
pub struct BoundFunction<'gc> {
    pub target: Object<'gc>,
    pub this: Value<'gc>,
    pub args: Vec<Value<'gc>>,
}

/// What a native function sees of the VM: the interpreter (for allocation, interning and nested
/// calls), its own realm, itself and `new.target`.
pub struct NativeCtx<'gc, 'a> {
    pub vm: &'a mut Vm<'gc>,
    /// The realm of the running native function.
    pub realm: Realm<'gc>,
    pub callee: Object<'gc>,
    /// `new.target` when called by [[Construct]].
    pub new_target: Option<Object<'gc>>,
}

impl<'gc> NativeCtx<'gc, '_> {
    pub fn gcx(&self) -> Gcx<'gc> {
        self.vm.gcx
    }
    /// The property key for `name`.
    pub fn key(&mut self, name: &str) -> PropertyKey<'gc> {
        let gcx = self.vm.gcx;
        self.vm.interner.key_str(gcx, name)
    }
    /// A new string value.
    pub fn string(&self, s: &str) -> Value<'gc> {
        Value::String(JsString::from_str(self.vm.gcx, s))
    }
    /// A new error object of `kind` from this function's realm, to return as `Err`.
    pub fn error(&mut self, kind: ErrorKind, message: &str) -> Value<'gc> {
        let gcx = self.vm.gcx;
        Value::Object(
            self.realm
                .make_error(gcx, &mut self.vm.interner, kind, message),
        )
    }
    pub fn type_error(&mut self, message: &str) -> Value<'gc> {
        self.error(ErrorKind::TypeError, message)
    }
    /// The captured data of the running native function.
    pub fn data(&self) -> Value<'gc> {
        match &self.callee.borrow().kind {
            crate::object::ObjectKind::Native(n) => n.data,
            _ => Value::Undefined,
        }
    }
    /// Finish this call by running `cont` in a native frame: its result (or throw) becomes the
    /// result of the native. Return the value this gives back from the native.
    pub fn tail_continuation(&mut self, cont: Continuation<'gc>) -> Result<Value<'gc>, Value<'gc>> {
        self.vm.st.native_tail = Some(cont);
        Ok(Value::Undefined)
    }
    /// Finish this call by calling `f` in the interpreter's frames (no Rust recursion): its
    /// result becomes the result of the native.
    pub fn tail_call(
        &mut self,
        f: Value<'gc>,
        this: Value<'gc>,
        args: Vec<Value<'gc>>,
    ) -> Result<Value<'gc>, Value<'gc>> {
        self.tail_continuation(Continuation::TailCall {
            callee: f,
            this,
            args,
            called: false,
        })
    }
    /// Finish this call by constructing `f` (with `new_target`, default `f`) in the
    /// interpreter's frames: the new object becomes the result of the native.
    pub fn tail_construct(
        &mut self,
        f: Value<'gc>,
        args: Vec<Value<'gc>>,
        new_target: Option<Object<'gc>>,
    ) -> Result<Value<'gc>, Value<'gc>> {
        self.tail_continuation(Continuation::TailConstruct {
            callee: f,
            args,
            new_target,
            called: false,
        })
    }
    /// Call `f` on the Rust stack (collection is deferred until it returns; deadline, interrupt,
    /// heap and depth limits still apply). Prefer continuations for callback-heavy builtins.
    pub fn call(
        &mut self,
        f: Value<'gc>,
        this: Value<'gc>,
        args: &[Value<'gc>],
    ) -> Result<Value<'gc>, Value<'gc>> {
        self.vm.call_nested(f, this, args)
    }
}
