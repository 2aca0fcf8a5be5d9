//! InstanceofOperator and OrdinaryHasInstance as a continuation: the `@@hasInstance` getter,
//! the `@@hasInstance` call and the `prototype` getter all run in the interpreter's frames.

use crate::cont::ContStep;
use crate::interp::Vm;
use crate::object::{Lookup, Object, ObjectKind};
use crate::ops;
use crate::value::{PropertyKey, Value};

/// Stage 0: InstanceofOperator(value, ctor) from its GetMethod.
pub const OPERATOR: u8 = 0;
/// Stage 3: OrdinaryHasInstance(ctor, value) from its step 1.
pub const ORDINARY: u8 = 3;

/// Whether `f` is %Function.prototype[@@hasInstance]% of the running realm. That property is
/// non-writable and non-configurable, so it still holds the built-in, whose whole behaviour is
/// OrdinaryHasInstance(this, V): the operator may run that directly instead of calling it.
fn is_intrinsic_has_instance<'gc>(vm: &Vm<'gc>, f: Value<'gc>) -> bool {
    let Value::Object(f) = f else {
        return false;
    };
    let fp = vm.current_realm().intrinsics().function_prototype;
    let key = PropertyKey::Symbol(vm.symbols.has_instance);
    let own = fp.borrow().find_own(key);
    matches!(own.map(|p| p.slot), Some(crate::object::Slot::Data(Value::Object(h))) if h.ptr_eq(f))
}

/// One step of the machine: 0 GetMethod(C, @@hasInstance) -> 1 call it, or fall back to
/// OrdinaryHasInstance -> 2 ToBoolean of its result; 3 OrdinaryHasInstance(C, O) -> 4 walk O's
/// prototype chain for Get(C, "prototype").
/// <https://tc39.es/ecma262/#sec-instanceofoperator>
/// <https://tc39.es/ecma262/#sec-ordinaryhasinstance>
pub fn step<'gc>(
    vm: &mut Vm<'gc>,
    value: Value<'gc>,
    ctor: &mut Object<'gc>,
    stage: &mut u8,
    input: Value<'gc>,
) -> ContStep<'gc> {
    let mut input = input;
    loop {
        match *stage {
            OPERATOR => {
                // InstanceofOperator 2. GetMethod(target, @@hasInstance).
                *stage = 1;
                let key = PropertyKey::Symbol(vm.symbols.has_instance);
                match ctor.get(vm.gcx, key) {
                    Lookup::Value(v) => input = v,
                    Lookup::Getter(g) => {
                        return ContStep::Call {
                            callee: Value::Object(g),
                            this: Value::Object(*ctor),
                            args: Vec::new(),
                        }
                    }
                }
            }
            1 => {
                if input.is_nullish() {
                    // 4. If IsCallable(target) is false, throw a TypeError exception.
                    if !ctor.is_callable() {
                        return ContStep::Throw(
                            vm.type_error("Right-hand side of 'instanceof' is not callable"),
                        );
                    }
                    // 5. Return ? OrdinaryHasInstance(target, V).
                    *stage = ORDINARY;
                    continue;
                }
                if !input.as_object().is_some_and(|o| o.is_callable()) {
                    return ContStep::Throw(vm.type_error("Symbol.hasInstance is not a function"));
                }
                if is_intrinsic_has_instance(vm, input) {
                    *stage = ORDINARY;
                    continue;
                }
                // 3.a. ToBoolean(? Call(instOfHandler, target, « V »)).
                *stage = 2;
                return ContStep::Call {
                    callee: input,
                    this: Value::Object(*ctor),
                    args: vec![value],
                };
            }
            2 => return ContStep::Done(Value::Boolean(ops::to_boolean(input))),
            ORDINARY => {
                // 1. If IsCallable(C) is false, return false.
                if !ctor.is_callable() {
                    return ContStep::Done(Value::Boolean(false));
                }
                // 2. A bound function: return ? InstanceofOperator(O, BC).
                let target = match &ctor.borrow().kind {
                    ObjectKind::Bound(b) => Some(b.target),
                    _ => None,
                };
                if let Some(t) = target {
                    *ctor = t;
                    *stage = OPERATOR;
                    continue;
                }
                // 3. If O is not an Object, return false.
                if !matches!(value, Value::Object(_)) {
                    return ContStep::Done(Value::Boolean(false));
                }
                // 4. Let P be ? Get(C, "prototype").
                *stage = 4;
                match ctor.get(vm.gcx, vm.names.prototype) {
                    Lookup::Value(v) => input = v,
                    Lookup::Getter(g) => {
                        return ContStep::Call {
                            callee: Value::Object(g),
                            this: Value::Object(*ctor),
                            args: Vec::new(),
                        }
                    }
                }
            }
            _ => {
                // 5. If P is not an Object, throw a TypeError exception.
                let Value::Object(p) = input else {
                    return ContStep::Throw(
                        vm.type_error("Function has non-object prototype in instanceof check"),
                    );
                };
                // 6. Walk O's prototype chain.
                let Value::Object(mut o) = value else {
                    return ContStep::Done(Value::Boolean(false));
                };
                while let Some(next) = o.get_prototype_of() {
                    if next.ptr_eq(p) {
                        return ContStep::Done(Value::Boolean(true));
                    }
                    o = next;
                }
                return ContStep::Done(Value::Boolean(false));
            }
        }
    }
}
