//! moat-vm: values, strings, objects, realms and the stackless interpreter, all living in one
//! gc-arena heap per context.
//!
//! Layout:
//! - [`heap`]: byte accounting (tickets refunded on collection) feeding the collector's debt.
//! - [`value`], [`string`], [`intern`], [`shape`], [`object`], [`env`], [`function`]: the data.
//! - [`realm`]: intrinsics, the global object, and the registration API for built-ins
//!   (`Realm::define_native_method`, `new_native_function`, `define_value`,
//!   `define_native_accessor`); natives have the signature [`function::NativeFn`].
//! - [`ops`]: abstract operations on primitives; [`cont`]: native continuations (ToPrimitive,
//!   keyed access with object keys, iteration, `super()`, field initialisation).
//! - [`interp`]: frames, the register file, calls, exceptions and the instruction loop.
//! - [`module`]: ECMAScript modules (records, linking, evaluation, namespaces, `import()`) and
//!   the host's [`module::loader::ModuleLoader`] hook.
//! - [`context`]: the host API ([`Context`]), which runs slices of fuel and collects between
//!   them.
//!
//! Conventions shared with the compiler (beyond those in `moat_bytecode::isa`):
//! - On entry with `NEEDS_ENV`, the VM creates the entry environment from `entry_scope` with every
//!   slot `undefined`; parameters stay in registers `0..param_count` and the code copies captured
//!   ones into the environment. Slots of `let`/`const`/`class` bindings start `undefined` too: the
//!   code stores the empty marker (`LoadEmpty` + `SetEnv`) where a TDZ must be observable.
//! - `Handler::scope_depth` counts the `PushScope`/`PushWith` environments pushed since entry.
//! - A frame that has not executed any instruction has no active handler.
#![forbid(unsafe_code)]
pub mod async_from_sync;
pub mod async_gen_settle;
pub mod async_iter;
pub(crate) mod builtins;
#[cfg(test)]
mod conformance_tests;
pub mod console;
pub mod cont;
pub mod context;
pub mod coro;
pub mod coro_builtins;
pub mod env;
pub mod function;
pub mod heap;
pub mod host262;
pub mod ic;
pub mod inspect;
pub mod intern;
pub mod interp;
pub mod json;
pub mod module;
pub mod number;
pub mod object;
#[cfg(test)]
mod object_tests;
pub mod ops;
pub mod promise;
pub mod promise_builtins;
pub mod promise_finally;
pub mod promise_then;
pub mod realm;
pub mod shape;
pub mod sort;
pub mod string;
pub mod text;
pub mod value;

pub use context::{Context, ContextOptions, HostValue, RunError};
