//! Private methods and accessors of classes: collecting them on the constructor
//! ([[PrivateMethods]]) and PrivateMethodOrAccessorAdd
//! (<https://tc39.es/ecma262/#sec-privatemethodoraccessoradd>).

use super::{Res, Vm};
use crate::object::{Object, ObjectKind, Property, Slot};
use crate::shape::Attrs;
use crate::value::{PropertyKey, Symbol, Value};

/// Merge a method (kind 0), getter (1) or setter (2) into the element list under `name`
/// (a getter and a setter of one name form one accessor element).
fn merge_element<'gc>(
    list: &mut Vec<(Symbol<'gc>, Property<'gc>)>,
    name: Symbol<'gc>,
    func: Object<'gc>,
    kind: u8,
) {
    let existing = list
        .iter_mut()
        .find(|(n, _)| gc_arena::Gc::ptr_eq(n.0, name.0));
    let (get, set) = match (kind, existing.as_ref().map(|(_, p)| p.slot)) {
        (1, Some(Slot::Accessor { set, .. })) => (Some(func), set),
        (2, Some(Slot::Accessor { get, .. })) => (get, Some(func)),
        (1, _) => (Some(func), None),
        (2, _) => (None, Some(func)),
        _ => {
            let p = Property::data(Value::Object(func), Attrs::NONE);
            match existing {
                Some(e) => e.1 = p,
                None => list.push((name, p)),
            }
            return;
        }
    };
    let p = Property {
        slot: Slot::Accessor { get, set },
        attrs: Attrs::NONE,
    };
    match existing {
        Some(e) => e.1 = p,
        None => list.push((name, p)),
    }
}

impl<'gc> Vm<'gc> {
    /// `AddPrivateMethod`: kinds 0-2 join the constructor's [[PrivateMethods]] (added to each
    /// instance by InitializeInstanceElements); kinds 3-5 are static and go onto the
    /// constructor now (ClassDefinitionEvaluation step 33).
    pub(crate) fn add_private_method(
        &mut self,
        ctor: Value<'gc>,
        name: Value<'gc>,
        func: Value<'gc>,
        kind: u8,
    ) -> Res<'gc, ()> {
        let (Value::Object(ctor), Value::Symbol(name), Value::Object(func)) = (ctor, name, func)
        else {
            return Err(self.type_error("internal error: bad private method"));
        };
        if kind >= 3 {
            let mut list: Vec<(Symbol<'gc>, Property<'gc>)> = Vec::new();
            let key = PropertyKey::Symbol(name);
            if let Some(p) = ctor.borrow().find_own(key) {
                list.push((name, p));
            }
            merge_element(&mut list, name, func, kind - 3);
            if let Some((_, p)) = list.pop() {
                ctor.borrow_mut(self.gcx.mc).write_own(self.gcx, key, p);
            }
            return Ok(());
        }
        if let ObjectKind::Function(cl) = &mut ctor.borrow_mut(self.gcx.mc).kind {
            merge_element(&mut cl.private_methods, name, func, kind);
        }
        Ok(())
    }

    /// InitializeInstanceElements step 3 (<https://tc39.es/ecma262/#sec-initializeinstanceelements>):
    /// PrivateMethodOrAccessorAdd for each private method of constructor `ctor`; TypeError
    /// when `o` already has one (a constructor returning the same object twice).
    pub(crate) fn add_private_methods(&mut self, o: Value<'gc>, ctor: Object<'gc>) -> Res<'gc, ()> {
        let methods = match &ctor.borrow().kind {
            ObjectKind::Function(cl) if !cl.private_methods.is_empty() => {
                cl.private_methods.clone()
            }
            _ => return Ok(()),
        };
        let Value::Object(o) = o else {
            return Ok(());
        };
        for (name, p) in methods {
            let key = PropertyKey::Symbol(name);
            if o.borrow().find_own(key).is_some() {
                return Err(
                    self.type_error("Cannot initialize private methods twice on the same object")
                );
            }
            o.borrow_mut(self.gcx.mc).write_own(self.gcx, key, p);
        }
        Ok(())
    }
}
