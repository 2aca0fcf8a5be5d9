//! Function objects' internal slots: closures over compiled code, native (Rust) functions, bound
//! functions, and the context natives receive.

use std::sync::Arc;

use gc_arena::{Collect, Static};
use moat_bytecode::code::{CodeBlock, CodeFlags};
use moat_bytecode::isa::ErrorKind;

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
