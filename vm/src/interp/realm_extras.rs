//! Per-realm state owned by the eval and tagged-template machinery: the realm's %eval% (to
//! recognise a direct eval) and its template objects (one per call site).

use std::collections::HashMap;
use std::sync::Arc;

use gc_arena::{Collect, Gc, Static};
use moat_bytecode::code::CodeBlock;

use crate::heap::Gcx;
use crate::object::Object;
use crate::realm::{Realm, RealmData};

/// A template object cached for one site: the code block is held so that its address, part
/// of the key, cannot be reused by another block while the entry lives.
#[derive(Collect)]
#[collect(no_drop)]
pub struct TemplateEntry<'gc> {
    pub code: Static<Arc<CodeBlock>>,
    pub object: Object<'gc>,
}

/// What a realm keeps for eval and tagged templates.
#[derive(Collect, Default)]
#[collect(no_drop)]
pub struct RealmExtras<'gc> {
    /// %eval%.
    pub eval: Option<Object<'gc>>,
    /// [[TemplateMap]] (<https://tc39.es/ecma262/#sec-gettemplateobject>), keyed by (code
    /// block address, constant index of the site).
    pub templates: HashMap<(usize, u32), TemplateEntry<'gc>>,
    /// %SuppressedError.prototype%, %DisposableStack.prototype% and
    /// %AsyncDisposableStack.prototype% (`builtins/disposable_stack.rs`).
    pub suppressed_error_prototype: Option<Object<'gc>>,
    pub disposable_stack_prototype: Option<Object<'gc>>,
    pub async_disposable_stack_prototype: Option<Object<'gc>>,
    /// The state of this realm's Math.random (`builtins/math.rs`).
    pub random: crate::builtins::math::RandomState,
}

/// Mutable access to `realm`'s extras (with the write barrier).
pub fn extras_mut<'gc>(
    gcx: Gcx<'gc>,
    realm: Realm<'gc>,
) -> std::cell::RefMut<'gc, RealmExtras<'gc>> {
    gc_arena::barrier::unlock!(Gc::write(gcx.mc, realm.0), RealmData, extras).borrow_mut()
}

/// %eval% of `realm`, once installed.
pub fn eval_function<'gc>(realm: Realm<'gc>) -> Option<Object<'gc>> {
    realm.0.extras.borrow().eval
}
