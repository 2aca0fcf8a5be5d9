//! The built-in library installed into every realm: one file per constructor with its
//! prototype (or per namespace object), plus the shared spec operations the natives use.
//!
//! Natives here may call back into script only through the VM. The callback-taking methods
//! run as native continuations in the VM's own frames, so collection and limits work inside
//! their callbacks: `array_iteration` (with ArraySpeciesCreate), `array_sort`,
//! `function_call`, `string_replace`, `json_revive`, `json_stringify`, `object_group_by`,
//! `disposable_stack` (synchronous DisposeResources), Reflect.construct, and the Promise
//! executor / Promise.try / `then` getters (`promise_builtins.rs`, `promise.rs`). The rest
//! (argument conversions, Array.from, the Promise combinators, Math.sumPrecise, async
//! disposal, ...) nest a call on the Rust stack: bounded by the nesting limit, with the
//! deadline, interrupt and heap limits honoured and collection deferred until it returns.
pub(crate) mod array;
pub(crate) mod array_from_async;
pub(crate) mod array_iteration;
pub(crate) mod array_sort;
pub(crate) mod async_disposable_stack;
pub(crate) mod bigint;
pub(crate) mod boolean;
pub(crate) mod coerce;
pub(crate) mod disposable_stack;
pub(crate) mod error;
pub(crate) mod function;
pub(crate) mod function_call;
pub(crate) mod global;
pub(crate) mod json;
pub(crate) mod json_revive;
pub(crate) mod json_stringify;
pub(crate) mod math;
pub(crate) mod native_ops;
pub(crate) mod number;
pub(crate) mod object;
pub(crate) mod object_group_by;
pub(crate) mod object_ops;
pub(crate) mod reflect;
pub(crate) mod string;
pub(crate) mod string_replace;
pub(crate) mod suppressed_error;
pub(crate) mod symbol;
