//! Mapped arguments objects (<https://tc39.es/ecma262/#sec-arguments-exotic-objects>): the
//! [[ParameterMap]] aliasing indexed elements to the parameters' environment slots, and the
//! exotic [[DefineOwnProperty]]; [[GetOwnProperty]] and [[Delete]] consult the map in
//! `object.rs`, and [[Get]]/[[Set]] follow from them.

use std::sync::Arc;

use gc_arena::Collect;
use moat_bytecode::code::{CodeBlock, Constant};

use super::Vm;
use crate::env::Env;
use crate::object::{InternalError, Object, ObjectKind, Property, PropertyDescriptor, Slot};
use crate::shape::Attrs;
use crate::value::{PropertyKey, Value};

/// [[ParameterMap]]: for each argument index still mapped, the slot of `env` it aliases.
#[derive(Collect)]
#[collect(no_drop)]
pub struct ArgumentsMap<'gc> {
    pub env: Env<'gc>,
    pub slots: Vec<Option<u16>>,
}

impl<'gc> ArgumentsMap<'gc> {
    fn slot(&self, key: PropertyKey<'gc>) -> Option<u16> {
        match key {
            PropertyKey::Index(i) => self.slots.get(i as usize).copied().flatten(),
            _ => None,
        }
    }

    /// The parameter's current value when `key` is mapped.
    pub fn mapped_value(&self, key: PropertyKey<'gc>) -> Option<Value<'gc>> {
        self.slot(key).and_then(|s| self.env.get(s))
    }

    /// Remove `key` from the map.
    pub fn unmap(&mut self, key: PropertyKey<'gc>) {
        if let PropertyKey::Index(i) = key {
            if let Some(s) = self.slots.get_mut(i as usize) {
                *s = None;
            }
        }
    }
}

/// The arguments object [[DefineOwnProperty]] (<https://tc39.es/ecma262/#sec-arguments-exotic-objects-defineownproperty-p-desc>)
/// for a mapped key; `None` when `obj` is not a mapped arguments object or `key` not mapped
/// (the ordinary algorithm applies).
pub fn define_mapped<'gc>(
    obj: Object<'gc>,
    gcx: crate::heap::Gcx<'gc>,
    key: PropertyKey<'gc>,
    desc: PropertyDescriptor<'gc>,
) -> Option<Result<bool, InternalError>> {
    let (env, slot) = match &obj.borrow().kind {
        ObjectKind::MappedArguments(m) => (m.env, m.slot(key)?),
        _ => return None,
    };
    let current = env.get(slot).unwrap_or(Value::Undefined);
    // The stored element catches up with the parameter so OrdinaryDefineOwnProperty validates
    // against [[GetOwnProperty]]'s view; the key is unmapped while the ordinary steps run.
    {
        let mut data = obj.borrow_mut(gcx.mc);
        if let Some(p) = data.find_own(key) {
            data.write_own(gcx, key, Property::data(current, p.attrs));
        }
        if let ObjectKind::MappedArguments(m) = &mut data.kind {
            m.unmap(key);
        }
    }
    // 3-4. Making the element non-writable without a value keeps the parameter's value.
    let mut new_desc = desc;
    if !desc.is_accessor() && desc.value.is_none() && desc.writable == Some(false) {
        new_desc.value = Some(current);
    }
    // 5.
    let allowed = match obj.define_own_property(gcx, key, new_desc) {
        Ok(a) => a,
        Err(e) => {
            remap(obj, gcx, key, slot);
            return Some(Err(e));
        }
    };
    if !allowed {
        remap(obj, gcx, key, slot);
        return Some(Ok(false));
    }
    // 6. An accessor unmaps; a value is written through; non-writable unmaps.
    if desc.is_accessor() {
        return Some(Ok(true));
    }
    if let Some(v) = desc.value {
        env.set(gcx, slot, v);
    }
    if desc.writable != Some(false) {
        remap(obj, gcx, key, slot);
    }
    Some(Ok(true))
}

fn remap<'gc>(obj: Object<'gc>, gcx: crate::heap::Gcx<'gc>, key: PropertyKey<'gc>, slot: u16) {
    if let (ObjectKind::MappedArguments(m), PropertyKey::Index(i)) =
        (&mut obj.borrow_mut(gcx.mc).kind, key)
    {
        if let Some(s) = m.slots.get_mut(i as usize) {
            *s = Some(slot);
        }
    }
}

impl<'gc> Vm<'gc> {
    /// CreateMappedArgumentsObject (<https://tc39.es/ecma262/#sec-createmappedargumentsobject>):
    /// the map comes from `ArgumentsMap` constant `map`; the parameters live in the current
    /// environment.
    pub(crate) fn create_mapped_arguments(
        &mut self,
        code: &Arc<CodeBlock>,
        map: u32,
    ) -> Object<'gc> {
        let (args, callee, env) = self
            .frame()
            .map(|f| (f.args.clone(), f.callee, f.env))
            .unwrap_or_default();
        let realm = self.current_realm();
        let slots: Vec<Option<u16>> = match (code.constants.get(map as usize), env) {
            (Some(Constant::ArgumentsMap(m)), Some(_)) => {
                m.iter().take(args.len()).copied().collect()
            }
            _ => Vec::new(),
        };
        let kind = match env {
            Some(env) => ObjectKind::MappedArguments(Box::new(ArgumentsMap { env, slots })),
            None => ObjectKind::Arguments,
        };
        // 4-7. The object, its `length` and elements.
        let o = Object::new(self.gcx, Some(realm.intrinsics().object_prototype), kind);
        o.put_data(
            self.gcx,
            self.gcx.length,
            Value::Number(args.len() as f64),
            Attrs::HIDDEN,
        );
        for (i, v) in args.iter().enumerate() {
            o.put_data(self.gcx, PropertyKey::Index(i as u32), *v, Attrs::DEFAULT);
        }
        // 20-21. @@iterator and `callee`.
        let values = Value::Object(realm.intrinsics().array_values);
        o.put_data(
            self.gcx,
            PropertyKey::Symbol(self.symbols.iterator),
            values,
            Attrs::HIDDEN,
        );
        let callee_key = self.names.callee;
        o.borrow_mut(self.gcx.mc).write_own(
            self.gcx,
            callee_key,
            Property {
                slot: Slot::Data(callee.map_or(Value::Undefined, Value::Object)),
                attrs: Attrs::HIDDEN,
            },
        );
        o
    }
}
