//! CopyDataProperties (object spread `{...o}` and object rest `{a, ...r} = o`) as a
//! continuation: each getter of the source runs in the interpreter's frames, between the
//! [[GetOwnProperty]] checks of the keys around it.

use gc_arena::Collect;

use crate::cont::ContStep;
use crate::interp::Vm;
use crate::object::{Object, Slot};
use crate::shape::Attrs;
use crate::value::{PropertyKey, Value};

/// The state of one CopyDataProperties(target, source, excludedItems)
/// (<https://tc39.es/ecma262/#sec-copydataproperties>).
#[derive(Collect)]
#[collect(no_drop)]
pub struct CopyData<'gc> {
    target: Object<'gc>,
    /// The source as an object (step 3), `None` until step 3 ran, or when it was undefined
    /// or null (step 2: nothing to copy).
    from: Option<Object<'gc>>,
    source: Value<'gc>,
    excluded: Vec<Value<'gc>>,
    excluded_keys: Vec<PropertyKey<'gc>>,
    /// The keys of step 4, in [[OwnPropertyKeys]] order.
    keys: Vec<PropertyKey<'gc>>,
    /// The next key to look at; while a getter runs, the key after the one it reads.
    index: usize,
    /// Whether a getter was called for `keys[index - 1]` (its value is the next input).
    getter_called: bool,
    started: bool,
}

impl<'gc> CopyData<'gc> {
    pub fn new(target: Object<'gc>, source: Value<'gc>, excluded: Vec<Value<'gc>>) -> Self {
        CopyData {
            target,
            from: None,
            source,
            excluded,
            excluded_keys: Vec::new(),
            keys: Vec::new(),
            index: 0,
            getter_called: false,
            started: false,
        }
    }

    /// Advance with the value of the getter called last (if any).
    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        if !self.started {
            self.started = true;
            // 2. Undefined or null: nothing to copy.
            if self.source.is_nullish() {
                return ContStep::Done(Value::Undefined);
            }
            // 3. Let from be ! ToObject(source).
            let realm = vm.current_realm();
            let from = match vm.to_object_in(realm, self.source) {
                Ok(o) => o,
                Err(e) => return ContStep::Throw(e),
            };
            self.from = Some(from);
            for e in std::mem::take(&mut self.excluded) {
                match vm.to_property_key(e) {
                    Ok(k) => self.excluded_keys.push(k),
                    Err(e) => return ContStep::Throw(e),
                }
            }
            // 4. Let keys be ? from.[[OwnPropertyKeys]]().
            self.keys = match vm.own_keys_checked(from) {
                Ok(k) => k,
                Err(e) => return ContStep::Throw(e),
            };
        }
        let Some(from) = self.from else {
            return ContStep::Done(Value::Undefined);
        };
        if self.getter_called {
            // 5.c.ii.2-3. CreateDataPropertyOrThrow(target, nextKey, propValue).
            self.getter_called = false;
            if let Some(&key) = self.index.checked_sub(1).and_then(|i| self.keys.get(i)) {
                self.target.put_data(vm.gcx, key, input, Attrs::DEFAULT);
            }
        }
        // 5. For each element nextKey of keys.
        while let Some(&key) = self.keys.get(self.index) {
            self.index += 1;
            // 5.a-b. Skip excluded keys.
            if self.excluded_keys.contains(&key) {
                continue;
            }
            // 5.c.i. ? [[GetOwnProperty]] now, after the getters of earlier keys ran (a module
            // namespace's binding in its TDZ throws).
            let p = match from.get_own_property_checked(vm.gcx, key) {
                Ok(Some(p)) => p,
                Ok(None) => continue,
                Err(e) => return ContStep::Throw(vm.error(e.kind, e.message)),
            };
            if !p.attrs.enumerable() {
                continue;
            }
            // 5.c.ii.1. Let propValue be ? Get(from, nextKey).
            let v = match p.slot {
                Slot::Data(v) => v,
                Slot::Accessor { get: Some(g), .. } => {
                    self.getter_called = true;
                    return ContStep::Call {
                        callee: Value::Object(g),
                        this: Value::Object(from),
                        args: Vec::new(),
                    };
                }
                Slot::Accessor { get: None, .. } => Value::Undefined,
            };
            self.target.put_data(vm.gcx, key, v, Attrs::DEFAULT);
        }
        // 6. Return target.
        ContStep::Done(Value::Undefined)
    }
}
