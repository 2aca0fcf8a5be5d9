//! Object.groupBy (<https://tc39.es/ecma262/#sec-object.groupby>) as the resumable [`GroupBy`]
//! continuation: the iterator's methods, the getters of its results, the callback and the
//! keys' `toString` run in the interpreter's own frames, so the heap is collected and limits
//! are honoured inside them. An abrupt callback or key conversion closes the iterator
//! (IteratorClose with a throw completion) before the throw goes on.

use gc_arena::Collect;
use moat_bytecode::isa::ErrorKind;

use crate::builtins::array_iteration::{burn, error, heap_limit_step, yield_step};
use crate::builtins::native_ops::{is_callable, MAX_SAFE_INTEGER};
use crate::cont::{to_primitive, ContStep, Continuation, Hint};
use crate::function::NativeCtx;
use crate::interp::Vm;
use crate::object::{Lookup, Object, ObjectKind};
use crate::realm::Realm;
use crate::value::{KeyMap, PropertyKey, Value};

use super::object_ops::{create_array_from_list, create_data_property_or_throw, Res};

/// Where a [`GroupBy`] stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
enum Stage {
    /// GetIterator: GetMethod(items, @@iterator).
    IteratorMethod,
    /// The method arrived: call it.
    CallIteratorMethod,
    /// The iterator arrived: read its `next`.
    GotIterator,
    /// `next` arrived: start stepping.
    GotNext,
    /// IteratorStepValue: call `next`.
    Step,
    /// The result arrived: read `done`.
    GotResult,
    /// `done` arrived: finish or read `value`.
    GotDone,
    /// `value` arrived: call the callback.
    GotValue,
    /// The callback returned: ToPropertyKey of its result.
    Called,
    /// The key is a primitive: group the value.
    GotKey,
    /// A throw is pending: read the iterator's `return`.
    Close,
    /// `return` arrived: call it, then rethrow.
    CloseCall,
    /// `return` returned (or threw): rethrow the pending throw.
    Rethrow,
}

/// A running Object.groupBy: GroupBy's local variables.
#[derive(Collect)]
#[collect(no_drop)]
pub struct GroupBy<'gc> {
    realm: Realm<'gc>,
    callee: Object<'gc>,
    items: Value<'gc>,
    callback: Value<'gc>,
    iterator: Value<'gc>,
    next: Value<'gc>,
    /// The IteratorStepValue result being read.
    result: Value<'gc>,
    /// The value being grouped.
    value: Value<'gc>,
    k: f64,
    /// The groups in insertion order, and each key's index among them.
    groups: Vec<(PropertyKey<'gc>, Vec<Value<'gc>>)>,
    index: KeyMap<'gc, usize>,
    /// The throw that closes the iterator.
    pending: Option<Value<'gc>>,
    stage: Stage,
}

impl<'gc> GroupBy<'gc> {
    /// Keep a throw from the callback or the key's conversion (to close the iterator), or from
    /// the iterator's `return` while closing (the pending throw wins).
    pub fn catch(&mut self, e: Value<'gc>) -> bool {
        match self.stage {
            Stage::Called | Stage::GotKey => {
                self.pending = Some(e);
                self.stage = Stage::Close;
                true
            }
            Stage::CloseCall | Stage::Rethrow => {
                self.stage = Stage::Rethrow;
                true
            }
            _ => false,
        }
    }

    /// Advance with the result of the last requested call.
    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        self.run(vm, input).unwrap_or_else(ContStep::Throw)
    }

    fn type_error(&self, vm: &mut Vm<'gc>, message: &str) -> Value<'gc> {
        error(vm, self.realm, ErrorKind::TypeError, message)
    }

    /// Get(base, key) with a getter called in a frame (`this` is `base` itself).
    fn get(
        &mut self,
        vm: &mut Vm<'gc>,
        base: Value<'gc>,
        key: PropertyKey<'gc>,
    ) -> Res<'gc, Result<Value<'gc>, ContStep<'gc>>> {
        Ok(match vm.get_value(base, key)? {
            Lookup::Value(v) => Ok(v),
            Lookup::Getter(g) => Err(ContStep::Call {
                callee: Value::Object(g),
                this: base,
                args: Vec::new(),
            }),
        })
    }

    fn run(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> Res<'gc, ContStep<'gc>> {
        let mut input = input;
        loop {
            match self.stage {
                Stage::IteratorMethod => {
                    self.stage = Stage::CallIteratorMethod;
                    let key = PropertyKey::Symbol(vm.symbols.iterator);
                    match self.get(vm, self.items, key)? {
                        Ok(v) => input = v,
                        Err(step) => return Ok(step),
                    }
                }
                Stage::CallIteratorMethod => {
                    if !is_callable(input) {
                        return Err(self.type_error(vm, "Object.groupBy: items is not iterable"));
                    }
                    self.stage = Stage::GotIterator;
                    return Ok(ContStep::Call {
                        callee: input,
                        this: self.items,
                        args: Vec::new(),
                    });
                }
                Stage::GotIterator => {
                    if !matches!(input, Value::Object(_)) {
                        return Err(self.type_error(
                            vm,
                            "Result of the Symbol.iterator method is not an object",
                        ));
                    }
                    self.iterator = input;
                    self.stage = Stage::GotNext;
                    let key = vm.names.next;
                    match self.get(vm, input, key)? {
                        Ok(v) => input = v,
                        Err(step) => return Ok(step),
                    }
                }
                Stage::GotNext => {
                    self.next = input;
                    self.stage = Stage::Step;
                }
                Stage::Step => {
                    if burn(vm) {
                        return Ok(yield_step());
                    }
                    self.stage = Stage::GotResult;
                    return Ok(ContStep::Call {
                        callee: self.next,
                        this: self.iterator,
                        args: Vec::new(),
                    });
                }
                Stage::GotResult => {
                    if !matches!(input, Value::Object(_)) {
                        return Err(self.type_error(vm, "Iterator result is not an object"));
                    }
                    self.result = input;
                    self.stage = Stage::GotDone;
                    let key = vm.names.done;
                    match self.get(vm, input, key)? {
                        Ok(v) => input = v,
                        Err(step) => return Ok(step),
                    }
                }
                Stage::GotDone => {
                    if crate::ops::to_boolean(input) {
                        return self.finish(vm).map(ContStep::Done);
                    }
                    self.stage = Stage::GotValue;
                    let key = vm.names.value;
                    match self.get(vm, self.result, key)? {
                        Ok(v) => input = v,
                        Err(step) => return Ok(step),
                    }
                }
                Stage::GotValue => {
                    self.value = input;
                    // 6.a. At most 2^53 - 1 elements.
                    if self.k >= MAX_SAFE_INTEGER {
                        self.pending =
                            Some(self.type_error(vm, "Object.groupBy: too many elements"));
                        self.stage = Stage::Close;
                        continue;
                    }
                    self.stage = Stage::Called;
                    return Ok(ContStep::Call {
                        callee: self.callback,
                        this: Value::Undefined,
                        args: vec![input, Value::Number(self.k)],
                    });
                }
                Stage::Called => {
                    // ToPropertyKey: an object converts with hint String first.
                    self.stage = Stage::GotKey;
                    if let Value::Object(o) = input {
                        return Ok(ContStep::Push(to_primitive(o, Hint::String)));
                    }
                }
                Stage::GotKey => {
                    let key = match vm.to_property_key(input) {
                        Ok(key) => key,
                        Err(e) => {
                            self.pending = Some(e);
                            self.stage = Stage::Close;
                            continue;
                        }
                    };
                    // The lists live outside the heap: charge what they hold first.
                    let held = (self.k as usize)
                        .saturating_add(self.index.len())
                        .saturating_add(1);
                    let bytes = held.saturating_mul(std::mem::size_of::<Value<'_>>() * 2);
                    if vm.gcx.account.check(bytes).is_err() {
                        return Ok(heap_limit_step(vm));
                    }
                    // AddValueToKeyedGroup.
                    match self.index.get(&key) {
                        Some(&i) => {
                            if let Some((_, list)) = self.groups.get_mut(i) {
                                list.push(self.value);
                            }
                        }
                        None => {
                            self.index.insert(key, self.groups.len());
                            self.groups.push((key, vec![self.value]));
                        }
                    }
                    self.k += 1.0;
                    self.stage = Stage::Step;
                }
                Stage::Close => {
                    // IteratorClose with a throw completion: GetMethod(iterator, "return").
                    self.stage = Stage::CloseCall;
                    let key = vm.return_key();
                    match vm.get_value(self.iterator, key) {
                        Ok(Lookup::Value(v)) => input = v,
                        Ok(Lookup::Getter(g)) => {
                            return Ok(ContStep::Call {
                                callee: Value::Object(g),
                                this: self.iterator,
                                args: Vec::new(),
                            })
                        }
                        Err(_) => self.stage = Stage::Rethrow,
                    }
                }
                Stage::CloseCall => {
                    self.stage = Stage::Rethrow;
                    if is_callable(input) {
                        return Ok(ContStep::Call {
                            callee: input,
                            this: self.iterator,
                            args: Vec::new(),
                        });
                    }
                }
                Stage::Rethrow => {
                    return Err(self.pending.take().unwrap_or(Value::Undefined));
                }
            }
        }
    }

    /// Object.groupBy steps 2-3: a null-prototype object with an array per group.
    fn finish(&mut self, vm: &mut Vm<'gc>) -> Res<'gc, Value<'gc>> {
        let realm = self.realm;
        let obj = Object::new(vm.gcx, None, ObjectKind::Ordinary);
        let mut cx = NativeCtx {
            vm,
            realm,
            callee: self.callee,
            new_target: None,
        };
        for (key, list) in std::mem::take(&mut self.groups) {
            let a = create_array_from_list(&mut cx, realm, &list)?;
            create_data_property_or_throw(&mut cx, obj, key, Value::Object(a))?;
        }
        Ok(Value::Object(obj))
    }
}

/// Object.groupBy ( items, callback ) (<https://tc39.es/ecma262/#sec-object.groupby>) with
/// GroupBy(items, callback, property) (<https://tc39.es/ecma262/#sec-groupby>): steps 1-2
/// here, the rest in frames.
pub(crate) fn object_group_by<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    _this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let arg = |i: usize| args.get(i).copied().unwrap_or(Value::Undefined);
    // 1. RequireObjectCoercible(items).
    let items = super::native_ops::require_object_coercible(cx, arg(0), "Object.groupBy")?;
    // 2. IsCallable(callback).
    let callback = arg(1);
    if !is_callable(callback) {
        return Err(cx.type_error("Object.groupBy: callback is not a function"));
    }
    let g = GroupBy {
        realm: cx.realm,
        callee: cx.callee,
        items,
        callback,
        iterator: Value::Undefined,
        next: Value::Undefined,
        result: Value::Undefined,
        value: Value::Undefined,
        k: 0.0,
        groups: Vec::new(),
        index: KeyMap::default(),
        pending: None,
        stage: Stage::IteratorMethod,
    };
    cx.tail_continuation(Continuation::GroupBy(Box::new(g)))
}

#[cfg(test)]
mod tests {
    use crate::builtins::coerce::eval_string;

    /// Groups keep insertion order; a throwing callback or key conversion closes the iterator.
    #[test]
    fn groups_and_closing() {
        assert_eq!(
            eval_string(
                "var g = Object.groupBy([1, 2, 3, 4], function (x) { return x % 2 ? 'odd' : 'even' });
                 Object.getPrototypeOf(g) + ',' + Object.keys(g) + ':' + g.odd + ':' + g.even"
            ),
            "null,odd,even:1,3:2,4"
        );
        assert_eq!(
            eval_string(
                "var log = [];
                 var it = { i: 0, [Symbol.iterator]() { return this },
                            next() { return { done: this.i > 5, value: this.i++ } },
                            return() { log.push('closed'); return {} } };
                 try { Object.groupBy(it, function (x) { if (x == 2) throw 'cb'; return x }) }
                 catch (e) { log.push(e) }
                 it.i = 0;
                 try { Object.groupBy(it, function (x) { return { toString() { throw 'key' } } }) }
                 catch (e) { log.push(e) }
                 log.join()"
            ),
            "closed,cb,closed,key"
        );
    }
}
