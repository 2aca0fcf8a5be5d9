//! Array.prototype.sort and Array.prototype.toSorted as a resumable state machine ([`Sort`]):
//! SortIndexedProperties collects the values (getters in frames), the resumable
//! [`MergeSort`] asks for one comparison at a time (the comparator, or ToString of objects, runs
//! in frames), then the result is written back (setters in frames).

use std::cmp::Ordering;

use gc_arena::{Collect, Static};
use moat_bytecode::isa::ErrorKind;

use crate::builtins::array_iteration::{
    burn, create_data_property_or_throw, error, get_step, heap_limit_step, index_key, length_step,
    set_step, to_number_step, yield_step, Got,
};
use crate::builtins::native_ops::is_callable;
use crate::cont::{to_primitive, ContStep, Continuation, Hint};
use crate::function::NativeCtx;
use crate::heap::HeapTicket;
use crate::interp::Vm;
use crate::object::Object;
use crate::ops;
use crate::realm::Realm;
use crate::sort::{MergeSort, SortStep};
use crate::string::JsString;
use crate::value::Value;

type Res<'gc, T> = Result<T, Value<'gc>>;

/// Where a [`Sort`] stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
enum Stage {
    /// LengthOfArrayLike, with its own sub-stage.
    Length(u8),
    /// SortIndexedProperties step 3: at index `k`.
    Collect,
    /// The getter of the element at `k` returned.
    Collected,
    /// Ask the merge sort for the next comparison.
    Next,
    /// The comparator returned (or its result's ToPrimitive did).
    Compared,
    /// Default order: ToPrimitive of the left item returned.
    LeftString,
    /// Default order: ToPrimitive of the right item returned.
    RightString,
    /// Writing the sorted values back at `k`.
    Write,
    /// sort: deleting the indices past the sorted values.
    Delete,
}

/// A running call of sort or toSorted.
#[derive(Collect)]
#[collect(no_drop)]
pub struct Sort<'gc> {
    realm: Realm<'gc>,
    obj: Object<'gc>,
    comparefn: Value<'gc>,
    /// toSorted: the new array (read-through-holes, CreateDataPropertyOrThrow); sort otherwise.
    target: Option<Object<'gc>>,
    len: f64,
    k: f64,
    /// The values that are not undefined, sorted in place once the merge sort is done.
    items: Vec<Value<'gc>>,
    /// Undefined values sort after everything without a comparison
    /// (<https://tc39.es/ecma262/#sec-comparearrayelements> steps 1-3).
    undefined_count: f64,
    sorter: Option<Static<MergeSort>>,
    /// The pair being compared (indices into `items`) and the left string of a default compare.
    pair: (u32, u32),
    left: Option<JsString<'gc>>,
    stage: Stage,
    /// The bytes `items` and the sorter hold.
    ticket: HeapTicket,
}

impl<'gc> Sort<'gc> {
    /// Advance with the result of the last requested call.
    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        self.run(vm, input).unwrap_or_else(ContStep::Throw)
    }

    fn type_error(&self, vm: &mut Vm<'gc>, message: &str) -> Value<'gc> {
        error(vm, self.realm, ErrorKind::TypeError, message)
    }

    fn item(&self, index: u32) -> Value<'gc> {
        self.items
            .get(index as usize)
            .copied()
            .unwrap_or(Value::Undefined)
    }

    /// Charge the heap for `items` growing by one, refusing past the limit.
    fn reserve(&mut self, vm: &mut Vm<'gc>) -> bool {
        if self.items.len() < self.items.capacity() {
            return true;
        }
        let extra = self.items.capacity().max(8);
        let bytes = extra.saturating_mul(std::mem::size_of::<Value<'gc>>());
        if vm.gcx.account.check(bytes).is_err() || self.items.try_reserve_exact(extra).is_err() {
            return false;
        }
        self.recharge(vm);
        true
    }

    fn recharge(&self, vm: &mut Vm<'gc>) {
        let sorter = self
            .sorter
            .as_ref()
            .map_or(0, |_| MergeSort::memory_needed(self.items.len()));
        let bytes = self.items.capacity() * std::mem::size_of::<Value<'gc>>() + sorter;
        self.ticket.0.resize(vm.gcx.mc, bytes);
    }

    fn run(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> Res<'gc, ContStep<'gc>> {
        let mut input = input;
        loop {
            match self.stage {
                Stage::Length(mut sub) => {
                    let r = length_step(vm, self.realm, self.obj, &mut sub, input);
                    self.stage = Stage::Length(sub);
                    match r {
                        Ok(len) => {
                            self.len = len;
                            self.stage = Stage::Collect;
                            if self.target.is_some() {
                                // toSorted step 4: ArrayCreate(len).
                                if len > 4_294_967_295.0 {
                                    return Err(error(
                                        vm,
                                        self.realm,
                                        ErrorKind::RangeError,
                                        "Invalid array length",
                                    ));
                                }
                                let proto = self.realm.intrinsics().array_prototype;
                                let a = Object::new_array(vm.gcx, Some(proto));
                                self.target = Some(a);
                            }
                        }
                        Err(step) => return Ok(step),
                    }
                }
                Stage::Collect => {
                    if self.k >= self.len {
                        return self.start_sort(vm);
                    }
                    if burn(vm) {
                        return Ok(yield_step());
                    }
                    let key = index_key(vm, self.k);
                    // sort skips holes; toSorted reads through them.
                    if self.target.is_none() && !self.obj.has_property(vm.gcx, key) {
                        self.k += 1.0;
                        continue;
                    }
                    self.stage = Stage::Collected;
                    match get_step(vm, self.obj, key) {
                        Got::Now(v) => input = v,
                        Got::Step(s) => return Ok(s),
                    }
                }
                Stage::Collected => {
                    if input.is_undefined() {
                        self.undefined_count += 1.0;
                    } else {
                        if !self.reserve(vm) {
                            return Ok(heap_limit_step(vm));
                        }
                        self.items.push(input);
                    }
                    self.k += 1.0;
                    self.stage = Stage::Collect;
                }
                Stage::Next => {
                    let step = match self.sorter.as_mut() {
                        Some(s) => s.0.next(),
                        None => SortStep::Done(Vec::new()),
                    };
                    match step {
                        SortStep::Compare(a, b) => {
                            self.pair = (a as u32, b as u32);
                            let (x, y) = (self.item(self.pair.0), self.item(self.pair.1));
                            if !self.comparefn.is_undefined() {
                                // CompareArrayElements step 4.
                                self.stage = Stage::Compared;
                                return Ok(ContStep::Call {
                                    callee: self.comparefn,
                                    this: Value::Undefined,
                                    args: vec![x, y],
                                });
                            }
                            if burn(vm) {
                                // The question is asked again after the yield.
                                return Ok(yield_step());
                            }
                            // Steps 5-6: ToString of both, in order.
                            self.stage = Stage::LeftString;
                            if let Value::Object(o) = x {
                                return Ok(ContStep::Push(to_primitive(o, Hint::String)));
                            }
                            input = x;
                        }
                        SortStep::Done(order) => {
                            self.apply_order(vm, &order)?;
                            self.sorter = None;
                            self.k = 0.0;
                            self.stage = Stage::Write;
                            self.recharge(vm);
                        }
                    }
                }
                Stage::Compared => match to_number_step(vm, self.realm, input) {
                    Ok(n) => {
                        self.supply(if n < 0.0 {
                            Ordering::Less
                        } else if n > 0.0 {
                            Ordering::Greater
                        } else {
                            // Zero and NaN (step 4.c: NaN is +0).
                            Ordering::Equal
                        });
                    }
                    Err(step) => return Ok(step),
                },
                Stage::LeftString => {
                    self.left = Some(self.primitive_to_string(vm, input)?);
                    self.stage = Stage::RightString;
                    let y = self.item(self.pair.1);
                    if let Value::Object(o) = y {
                        return Ok(ContStep::Push(to_primitive(o, Hint::String)));
                    }
                    input = y;
                }
                Stage::RightString => {
                    let right = self.primitive_to_string(vm, input)?;
                    let ordering = match self.left.take() {
                        Some(left) => left.compare(vm.gcx, right),
                        None => Ordering::Equal,
                    };
                    self.supply(ordering);
                }
                Stage::Write => {
                    let count = self.items.len() as f64 + self.undefined_count;
                    if self.k >= count {
                        if self.target.is_some() {
                            return Ok(ContStep::Done(self.result()));
                        }
                        self.stage = Stage::Delete;
                        continue;
                    }
                    if burn(vm) {
                        return Ok(yield_step());
                    }
                    let v = self.items.get(self.k as usize).copied();
                    let v = v.unwrap_or(Value::Undefined);
                    let key = index_key(vm, self.k);
                    self.k += 1.0;
                    match self.target {
                        Some(a) => create_data_property_or_throw(vm, self.realm, a, key, v)?,
                        None => {
                            if let Some(step) = set_step(vm, self.realm, self.obj, key, v) {
                                return Ok(step);
                            }
                        }
                    }
                }
                Stage::Delete => {
                    // sort step 10: the holes collected nothing; delete what lies at their end.
                    if self.k >= self.len {
                        return Ok(ContStep::Done(self.result()));
                    }
                    if burn(vm) {
                        return Ok(yield_step());
                    }
                    let key = index_key(vm, self.k);
                    if !self.obj.delete(vm.gcx, key) {
                        return Err(self.type_error(vm, "Cannot delete property"));
                    }
                    self.k += 1.0;
                }
            }
        }
    }

    fn result(&self) -> Value<'gc> {
        Value::Object(self.target.unwrap_or(self.obj))
    }

    fn supply(&mut self, ordering: Ordering) {
        if let Some(s) = self.sorter.as_mut() {
            s.0.supply(ordering);
        }
        self.stage = Stage::Next;
    }

    /// Start the merge sort over the collected values.
    fn start_sort(&mut self, vm: &mut Vm<'gc>) -> Res<'gc, ContStep<'gc>> {
        let n = self.items.len();
        if vm.gcx.account.check(MergeSort::memory_needed(n)).is_err() {
            return Ok(heap_limit_step(vm));
        }
        self.sorter = Some(Static(MergeSort::new(n)));
        self.recharge(vm);
        self.stage = Stage::Next;
        Ok(yield_step())
    }

    /// Reorder `items` by the sorted permutation.
    fn apply_order(&mut self, vm: &mut Vm<'gc>, order: &[usize]) -> Res<'gc, ()> {
        let sorted: Vec<Value<'gc>> = order
            .iter()
            .map(|&i| self.items.get(i).copied().unwrap_or(Value::Undefined))
            .collect();
        if sorted.len() != self.items.len() {
            return Err(self.type_error(vm, "internal error: sort lost elements"));
        }
        self.items = sorted;
        Ok(())
    }

    /// The rest of ToString after ToPrimitive.
    fn primitive_to_string(&self, vm: &mut Vm<'gc>, v: Value<'gc>) -> Res<'gc, JsString<'gc>> {
        match v {
            Value::String(s) => Ok(s),
            Value::Symbol(_) => {
                Err(self.type_error(vm, "Cannot convert a Symbol value to a string"))
            }
            other => match ops::to_string_primitive(vm.gcx, other) {
                Some(s) => Ok(s),
                None => Err(self.type_error(vm, "Cannot convert value to a string")),
            },
        }
    }
}

/// The steps shared by sort and toSorted: the comparator check, then ToObject.
fn begin<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
    to_sorted: bool,
) -> Res<'gc, Value<'gc>> {
    // 1. A comparator must be undefined or callable, checked before anything else.
    let comparefn = args.first().copied().unwrap_or(Value::Undefined);
    if !comparefn.is_undefined() && !is_callable(comparefn) {
        return Err(cx.type_error("The comparison function must be either a function or undefined"));
    }
    let realm = cx.realm;
    let obj = cx.vm.to_object_in(realm, this)?;
    let ticket = cx.gcx().ticket(0);
    let sort = Sort {
        realm,
        obj,
        comparefn,
        // A placeholder until the length is known (then ArrayCreate(len) replaces it).
        target: to_sorted.then_some(obj),
        len: 0.0,
        k: 0.0,
        items: Vec::new(),
        undefined_count: 0.0,
        sorter: None,
        pair: (0, 0),
        left: None,
        stage: Stage::Length(0),
        ticket,
    };
    cx.tail_continuation(Continuation::ArraySort(Box::new(sort)))
}

/// Array.prototype.sort (<https://tc39.es/ecma262/#sec-array.prototype.sort>).
pub(crate) fn array_prototype_sort<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    begin(cx, this, args, false)
}

/// Array.prototype.toSorted (<https://tc39.es/ecma262/#sec-array.prototype.tosorted>).
pub(crate) fn array_prototype_to_sorted<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    begin(cx, this, args, true)
}
