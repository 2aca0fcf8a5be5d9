//! The callback-taking iteration methods of Array.prototype (forEach, map, filter, some, every,
//! find, findIndex, findLast, findLastIndex, reduce, reduceRight, flatMap) as one resumable
//! state machine ([`Iteration`]), so that callbacks, getters and `valueOf` run in the
//! interpreter's own frames; plus the step helpers the other resumable built-ins share.

use gc_arena::Collect;
use moat_bytecode::isa::ErrorKind;

use crate::builtins::array::array_create;
use crate::builtins::native_ops::{is_callable, is_constructor, MAX_SAFE_INTEGER};
use crate::cont::{to_primitive, ContStep, Continuation, Hint};
use crate::function::NativeCtx;
use crate::interp::{StopReason, Vm};
use crate::object::{Lookup, Object, ObjectKind, PropertyDescriptor, SetOutcome};
use crate::ops;
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::value::{PropertyKey, Value};

type Res<'gc, T> = Result<T, Value<'gc>>;

// ----- helpers shared by the resumable built-ins --------------------------------------------

/// Charge one unit of fuel for work done without calling script; `true` when the slice's fuel
/// is spent (or the heap is over its limit) and the continuation must [`yield_step`].
pub(crate) fn burn(vm: &mut Vm<'_>) -> bool {
    vm.budget.fuel = vm.budget.fuel.saturating_sub(1);
    vm.budget.total = vm.budget.total.saturating_sub(1);
    vm.budget.fuel == 0 || vm.gcx.account.used() > vm.gcx.account.limit()
}

/// Give the interpreter loop a turn (it checks limits and may end the slice); the continuation
/// resumes with `undefined`.
pub(crate) fn yield_step<'gc>() -> ContStep<'gc> {
    ContStep::Push(Continuation::Then {
        value: Value::Undefined,
        use_input: false,
    })
}

/// An error of `kind` from `realm` (the realm of the running built-in), with a stack.
pub(crate) fn error<'gc>(
    vm: &mut Vm<'gc>,
    realm: Realm<'gc>,
    kind: ErrorKind,
    message: &str,
) -> Value<'gc> {
    let e = realm.make_error(vm.gcx, &mut vm.interner, kind, message);
    vm.attach_stack(e);
    Value::Object(e)
}

/// End the whole evaluation because the heap limit would be exceeded.
pub(crate) fn heap_limit_step<'gc>(vm: &mut Vm<'gc>) -> ContStep<'gc> {
    vm.stop = Some(StopReason::HeapLimit);
    ContStep::Throw(Value::Undefined)
}

/// ToString(𝔽(index)) as a property key.
pub(crate) fn index_key<'gc>(vm: &mut Vm<'gc>, index: f64) -> PropertyKey<'gc> {
    if (0.0..4_294_967_295.0).contains(&index) {
        PropertyKey::Index(index as u32)
    } else {
        let gcx = vm.gcx;
        vm.interner.key_str(gcx, &ops::number_to_string(index))
    }
}

/// The outcome of a step that may need script: a value now, or a step to return (a call whose
/// result arrives as the next `input`, or a throw).
pub(crate) enum Got<'gc> {
    Now(Value<'gc>),
    Step(ContStep<'gc>),
}

/// Get(O, P) (<https://tc39.es/ecma262/#sec-get-o-p>) with a getter called in a frame.
pub(crate) fn get_step<'gc>(vm: &mut Vm<'gc>, o: Object<'gc>, key: PropertyKey<'gc>) -> Got<'gc> {
    match o.get(vm.gcx, key) {
        Lookup::Value(v) => Got::Now(v),
        Lookup::Getter(g) => Got::Step(ContStep::Call {
            callee: Value::Object(g),
            this: Value::Object(o),
            args: Vec::new(),
        }),
    }
}

/// Set(O, P, V, true) (<https://tc39.es/ecma262/#sec-set-o-p-v-throw>) with a setter called in
/// a frame: `None` when done without script.
pub(crate) fn set_step<'gc>(
    vm: &mut Vm<'gc>,
    realm: Realm<'gc>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
    v: Value<'gc>,
) -> Option<ContStep<'gc>> {
    match o.set(vm.gcx, key, v, Value::Object(o)) {
        Ok(SetOutcome::Done(true)) => None,
        Ok(SetOutcome::Done(false)) => Some(ContStep::Throw(error(
            vm,
            realm,
            ErrorKind::TypeError,
            "Cannot assign to read only property",
        ))),
        Ok(SetOutcome::CallSetter(s)) => Some(ContStep::Call {
            callee: Value::Object(s),
            this: Value::Object(o),
            args: vec![v],
        }),
        Ok(SetOutcome::ArrayLength(a)) => {
            Some(ContStep::Push(crate::cont::array_set_length(a, v, true)))
        }
        Err(e) => Some(ContStep::Throw(error(vm, realm, e.kind, e.message))),
    }
}

/// CreateDataPropertyOrThrow (<https://tc39.es/ecma262/#sec-createdatapropertyorthrow>).
pub(crate) fn create_data_property_or_throw<'gc>(
    vm: &mut Vm<'gc>,
    realm: Realm<'gc>,
    o: Object<'gc>,
    key: PropertyKey<'gc>,
    v: Value<'gc>,
) -> Res<'gc, ()> {
    match o.define_own_property(vm.gcx, key, PropertyDescriptor::data(v, Attrs::DEFAULT)) {
        Ok(true) => Ok(()),
        Ok(false) => Err(error(
            vm,
            realm,
            ErrorKind::TypeError,
            "Cannot define property",
        )),
        Err(e) => Err(error(vm, realm, e.kind, e.message)),
    }
}

/// LengthOfArrayLike (<https://tc39.es/ecma262/#sec-lengthofarraylike>) as steps: `stage` starts
/// at 0; `Ok(len)` when known, `Err(step)` to return (the result comes back as `input`).
/// Stages: 0 Get "length" -> 1 ToPrimitive(hint Number) if an object -> 2 ToLength.
pub(crate) fn length_step<'gc>(
    vm: &mut Vm<'gc>,
    realm: Realm<'gc>,
    o: Object<'gc>,
    stage: &mut u8,
    input: Value<'gc>,
) -> Result<f64, ContStep<'gc>> {
    let mut input = input;
    loop {
        match *stage {
            0 => {
                if let ObjectKind::Array(a) = &o.borrow().kind {
                    return Ok(f64::from(a.length));
                }
                *stage = 1;
                let key = vm.gcx.length;
                match get_step(vm, o, key) {
                    Got::Now(v) => input = v,
                    Got::Step(s) => return Err(s),
                }
            }
            1 => {
                *stage = 2;
                if let Value::Object(lo) = input {
                    return Err(ContStep::Push(to_primitive(lo, Hint::Number)));
                }
            }
            _ => {
                // ToLength (<https://tc39.es/ecma262/#sec-tolength>) of a primitive.
                let Some(n) = ops::to_number_primitive(vm.gcx, input) else {
                    return Err(ContStep::Throw(error(
                        vm,
                        realm,
                        ErrorKind::TypeError,
                        "Cannot convert length to a number",
                    )));
                };
                let n = if n.is_nan() { 0.0 } else { n.trunc() };
                return Ok(n.clamp(0.0, MAX_SAFE_INTEGER));
            }
        }
    }
}

/// ToNumber of a comparator or length result as steps: a primitive converts now; an object
/// needs ToPrimitive first (`Err(step)`; convert its result with this function again).
pub(crate) fn to_number_step<'gc>(
    vm: &mut Vm<'gc>,
    realm: Realm<'gc>,
    v: Value<'gc>,
) -> Result<f64, ContStep<'gc>> {
    match v {
        Value::Number(n) => Ok(n),
        Value::Object(o) => Err(ContStep::Push(to_primitive(o, Hint::Number))),
        other => ops::to_number_primitive(vm.gcx, other).ok_or_else(|| {
            ContStep::Throw(error(
                vm,
                realm,
                ErrorKind::TypeError,
                "Cannot convert value to a number",
            ))
        }),
    }
}

/// ArraySpeciesCreate (<https://tc39.es/ecma262/#sec-arrayspeciescreate>) as steps: `stage`
/// starts at 0; `Ok(array)` when made, `Err(step)` to return (the getter's or constructor's
/// result comes back as `input`). Stages: 0 Get "constructor" -> 1 the realm check and Get
/// @@species -> 2 a null species is undefined -> 3 ArrayCreate or Construct -> 4 check the
/// constructed object.
pub(crate) fn array_species_create_step<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    original: Object<'gc>,
    length: f64,
    stage: &mut u8,
    input: Value<'gc>,
) -> Result<Object<'gc>, ContStep<'gc>> {
    let thrown = |e| ContStep::Throw(e);
    let mut input = input;
    loop {
        match *stage {
            0 => {
                // 1-2. Not an array: ArrayCreate(length).
                if !original.is_array() {
                    return array_create(cx, length, None).map_err(thrown);
                }
                // 3. Let C be ? Get(originalArray, "constructor").
                *stage = 1;
                let key = cx.vm.names.constructor;
                match get_step(cx.vm, original, key) {
                    Got::Now(v) => input = v,
                    Got::Step(s) => return Err(s),
                }
            }
            1 => {
                let mut c = input;
                // 4. A constructor from another realm's %Array% counts as absent.
                if let Value::Object(co) = c {
                    if co.is_constructor() {
                        if let Some(realm_c) = cx.vm.function_realm(co) {
                            if !realm_c.ptr_eq(cx.realm) && co.ptr_eq(realm_c.intrinsics().array) {
                                c = Value::Undefined;
                            }
                        }
                    }
                }
                input = c;
                *stage = 3;
                // 5. If C is an Object, C = ? Get(C, @@species).
                if let Value::Object(co) = c {
                    *stage = 2;
                    let key = PropertyKey::Symbol(cx.vm.symbols.species);
                    match get_step(cx.vm, co, key) {
                        Got::Now(v) => input = v,
                        Got::Step(s) => return Err(s),
                    }
                }
            }
            2 => {
                // 5.b. A null species is undefined.
                if matches!(input, Value::Null) {
                    input = Value::Undefined;
                }
                *stage = 3;
            }
            3 => {
                let c = input;
                // 6. Undefined: ArrayCreate(length).
                if c.is_undefined() {
                    return array_create(cx, length, None).map_err(thrown);
                }
                // 7. IsConstructor(C).
                if !is_constructor(c) {
                    return Err(thrown(cx.type_error(
                        "object.constructor[Symbol.species] is not a constructor",
                    )));
                }
                // 8. Return ? Construct(C, « 𝔽(length) »).
                *stage = 4;
                return Err(ContStep::Construct {
                    callee: c,
                    args: vec![Value::Number(length)],
                    new_target: None,
                });
            }
            _ => {
                return match input {
                    Value::Object(o) => Ok(o),
                    _ => Err(thrown(
                        cx.type_error("species constructor returned a non-object"),
                    )),
                };
            }
        }
    }
}

// ----- the iteration methods -------------------------------------------------------------

/// Which method an [`Iteration`] runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
pub enum Method {
    ForEach,
    Map,
    Filter,
    Some,
    Every,
    Find,
    FindIndex,
    FindLast,
    FindLastIndex,
    Reduce,
    ReduceRight,
    FlatMap,
}

impl Method {
    /// Whether indices run from `len - 1` down to 0.
    fn backwards(self) -> bool {
        matches!(
            self,
            Method::FindLast | Method::FindLastIndex | Method::ReduceRight
        )
    }
    /// The find family visits holes (Get without HasProperty); the others skip them.
    fn skips_holes(self) -> bool {
        !matches!(
            self,
            Method::Find | Method::FindIndex | Method::FindLast | Method::FindLastIndex
        )
    }
    fn is_reduce(self) -> bool {
        matches!(self, Method::Reduce | Method::ReduceRight)
    }
}

/// Where an [`Iteration`] stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
enum Stage {
    /// LengthOfArrayLike, with its own sub-stage.
    Length(u8),
    /// IsCallable, reduce's empty check.
    Start,
    /// map/filter/flatMap: ArraySpeciesCreate, with its own sub-stage.
    Species(u8),
    /// reduce without an initial value: looking for the first present element.
    ReduceFind,
    /// The first present element's Get returned: it is the accumulator.
    ReduceInitGot,
    /// At index `k`: skip holes, Get the element.
    Loop,
    /// The element's getter returned.
    GotValue,
    /// The callback returned.
    Called,
    /// flatMap: copying the elements of the array the mapper returned.
    FlatLoop,
    /// flatMap: an inner element's getter returned.
    FlatGot,
}

/// A running call of one of the iteration methods (the spec's local variables).
#[derive(Collect)]
#[collect(no_drop)]
pub struct Iteration<'gc> {
    method: Method,
    realm: Realm<'gc>,
    /// The built-in function running (ArraySpeciesCreate needs a native context).
    callee: Object<'gc>,
    o: Object<'gc>,
    callback: Value<'gc>,
    this_arg: Value<'gc>,
    /// reduce/reduceRight: whether initialValue was given.
    has_initial: bool,
    len: f64,
    k: f64,
    /// filter/flatMap: the next index of `a`.
    to: f64,
    /// The reduce accumulator.
    acc: Value<'gc>,
    /// map/filter/flatMap: the result object.
    a: Option<Object<'gc>>,
    /// kValue, the element being visited.
    value: Value<'gc>,
    /// flatMap: the array being flattened into `a`, its length and index.
    source: Option<Object<'gc>>,
    source_len: f64,
    source_k: f64,
    stage: Stage,
}

impl<'gc> Iteration<'gc> {
    /// Advance with the result of the last requested call.
    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        self.run(vm, input).unwrap_or_else(ContStep::Throw)
    }

    fn type_error(&self, vm: &mut Vm<'gc>, message: &str) -> Value<'gc> {
        error(vm, self.realm, ErrorKind::TypeError, message)
    }

    fn in_range(&self) -> bool {
        if self.method.backwards() {
            self.k >= 0.0
        } else {
            self.k < self.len
        }
    }

    fn advance(&mut self) {
        if self.method.backwards() {
            self.k -= 1.0;
        } else {
            self.k += 1.0;
        }
    }

    /// The result when every index was visited.
    fn finished(&self) -> Value<'gc> {
        match self.method {
            Method::ForEach | Method::Find | Method::FindLast => Value::Undefined,
            Method::Map | Method::Filter | Method::FlatMap => {
                self.a.map_or(Value::Undefined, Value::Object)
            }
            Method::Some => Value::Boolean(false),
            Method::Every => Value::Boolean(true),
            Method::FindIndex | Method::FindLastIndex => Value::Number(-1.0),
            Method::Reduce | Method::ReduceRight => self.acc,
        }
    }

    /// Append `v` at `a[to]` (filter, flatMap).
    fn append(&mut self, vm: &mut Vm<'gc>, v: Value<'gc>) -> Res<'gc, ()> {
        if self.to >= MAX_SAFE_INTEGER {
            return Err(self.type_error(vm, "Array length exceeds the maximum safe integer"));
        }
        if let Some(a) = self.a {
            let key = index_key(vm, self.to);
            create_data_property_or_throw(vm, self.realm, a, key, v)?;
        }
        self.to += 1.0;
        Ok(())
    }

    fn run(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> Res<'gc, ContStep<'gc>> {
        let mut input = input;
        loop {
            match self.stage {
                Stage::Length(mut sub) => {
                    let r = length_step(vm, self.realm, self.o, &mut sub, input);
                    self.stage = Stage::Length(sub);
                    match r {
                        Ok(len) => {
                            self.len = len;
                            self.stage = Stage::Start;
                        }
                        Err(step) => return Ok(step),
                    }
                }
                Stage::Start => self.start(vm)?,
                Stage::Species(mut sub) => {
                    let len = self.species_length().unwrap_or(0.0);
                    let mut cx = NativeCtx {
                        vm,
                        realm: self.realm,
                        callee: self.callee,
                        new_target: None,
                    };
                    let r = array_species_create_step(&mut cx, self.o, len, &mut sub, input);
                    self.stage = Stage::Species(sub);
                    match r {
                        Ok(a) => {
                            self.a = Some(a);
                            self.stage = Stage::Start;
                        }
                        Err(step) => return Ok(step),
                    }
                }
                Stage::ReduceFind => {
                    if !self.in_range() {
                        return Err(
                            self.type_error(vm, "Reduce of empty array with no initial value")
                        );
                    }
                    if burn(vm) {
                        return Ok(yield_step());
                    }
                    let key = index_key(vm, self.k);
                    self.advance();
                    if self.o.has_property(vm.gcx, key) {
                        self.stage = Stage::ReduceInitGot;
                        match get_step(vm, self.o, key) {
                            Got::Now(v) => input = v,
                            Got::Step(s) => return Ok(s),
                        }
                    }
                }
                Stage::ReduceInitGot => {
                    self.acc = input;
                    self.stage = Stage::Loop;
                }
                Stage::Loop => {
                    if !self.in_range() {
                        return Ok(ContStep::Done(self.finished()));
                    }
                    if burn(vm) {
                        return Ok(yield_step());
                    }
                    let key = index_key(vm, self.k);
                    if self.method.skips_holes() && !self.o.has_property(vm.gcx, key) {
                        self.advance();
                        continue;
                    }
                    self.stage = Stage::GotValue;
                    match get_step(vm, self.o, key) {
                        Got::Now(v) => input = v,
                        Got::Step(s) => return Ok(s),
                    }
                }
                Stage::GotValue => {
                    self.value = input;
                    self.stage = Stage::Called;
                    let k = Value::Number(self.k);
                    let o = Value::Object(self.o);
                    return Ok(if self.method.is_reduce() {
                        ContStep::Call {
                            callee: self.callback,
                            this: Value::Undefined,
                            args: vec![self.acc, self.value, k, o],
                        }
                    } else {
                        ContStep::Call {
                            callee: self.callback,
                            this: self.this_arg,
                            args: vec![self.value, k, o],
                        }
                    });
                }
                Stage::Called => {
                    if let Some(done) = self.called(vm, input)? {
                        return Ok(ContStep::Done(done));
                    }
                }
                Stage::FlatLoop => {
                    let Some(source) = self.source else {
                        self.stage = Stage::Loop;
                        continue;
                    };
                    if self.source_k >= self.source_len {
                        self.source = None;
                        self.advance();
                        self.stage = Stage::Loop;
                        continue;
                    }
                    if burn(vm) {
                        return Ok(yield_step());
                    }
                    let key = index_key(vm, self.source_k);
                    if !source.has_property(vm.gcx, key) {
                        self.source_k += 1.0;
                        continue;
                    }
                    self.stage = Stage::FlatGot;
                    match get_step(vm, source, key) {
                        Got::Now(v) => input = v,
                        Got::Step(s) => return Ok(s),
                    }
                }
                Stage::FlatGot => {
                    // FlattenIntoArray at depth 0: the element is appended as it is.
                    self.append(vm, input)?;
                    self.source_k += 1.0;
                    self.stage = Stage::FlatLoop;
                }
            }
        }
    }

    /// The steps between knowing the length and the first visit (ArraySpeciesCreate aside).
    fn start(&mut self, vm: &mut Vm<'gc>) -> Res<'gc, ()> {
        if !is_callable(self.callback) {
            return Err(self.type_error(vm, "callback is not a function"));
        }
        if self.species_length().is_some() && self.a.is_none() {
            self.stage = Stage::Species(0);
            return Ok(());
        }
        self.k = if self.method.backwards() {
            self.len - 1.0
        } else {
            0.0
        };
        self.stage = Stage::Loop;
        if self.method.is_reduce() && !self.has_initial {
            if self.len == 0.0 {
                return Err(self.type_error(vm, "Reduce of empty array with no initial value"));
            }
            self.stage = Stage::ReduceFind;
        }
        Ok(())
    }

    /// The length map, filter and flatMap pass to ArraySpeciesCreate.
    fn species_length(&self) -> Option<f64> {
        match self.method {
            Method::Map => Some(self.len),
            Method::Filter | Method::FlatMap => Some(0.0),
            _ => None,
        }
    }

    /// The callback returned `r`: `Some(result)` when the method is done.
    fn called(&mut self, vm: &mut Vm<'gc>, r: Value<'gc>) -> Res<'gc, Option<Value<'gc>>> {
        self.stage = Stage::Loop;
        match self.method {
            Method::ForEach => {}
            Method::Map => {
                if let Some(a) = self.a {
                    let key = index_key(vm, self.k);
                    create_data_property_or_throw(vm, self.realm, a, key, r)?;
                }
            }
            Method::Filter => {
                if ops::to_boolean(r) {
                    let v = self.value;
                    self.append(vm, v)?;
                }
            }
            Method::Some => {
                if ops::to_boolean(r) {
                    return Ok(Some(Value::Boolean(true)));
                }
            }
            Method::Every => {
                if !ops::to_boolean(r) {
                    return Ok(Some(Value::Boolean(false)));
                }
            }
            Method::Find | Method::FindLast => {
                if ops::to_boolean(r) {
                    return Ok(Some(self.value));
                }
            }
            Method::FindIndex | Method::FindLastIndex => {
                if ops::to_boolean(r) {
                    return Ok(Some(Value::Number(self.k)));
                }
            }
            Method::Reduce | Method::ReduceRight => self.acc = r,
            Method::FlatMap => {
                // FlattenIntoArray step 3.c.iv-v: an array result is spread one level.
                if let Value::Object(src) = r {
                    if src.is_array() {
                        let len = match &src.borrow().kind {
                            ObjectKind::Array(arr) => f64::from(arr.length),
                            _ => 0.0,
                        };
                        self.source = Some(src);
                        self.source_len = len;
                        self.source_k = 0.0;
                        self.stage = Stage::FlatLoop;
                        return Ok(None);
                    }
                }
                self.append(vm, r)?;
            }
        }
        self.advance();
        Ok(None)
    }
}

/// The shared entry of the iteration methods: steps 1 (ToObject) here, the rest in frames.
fn begin<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    method: Method,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let realm = cx.realm;
    let o = cx.vm.to_object_in(realm, this)?;
    let callback = args.first().copied().unwrap_or(Value::Undefined);
    let second = args.get(1).copied();
    let (this_arg, acc, has_initial) = if method.is_reduce() {
        (
            Value::Undefined,
            second.unwrap_or(Value::Undefined),
            second.is_some(),
        )
    } else {
        (second.unwrap_or(Value::Undefined), Value::Undefined, false)
    };
    let it = Iteration {
        method,
        realm,
        callee: cx.callee,
        o,
        callback,
        this_arg,
        has_initial,
        len: 0.0,
        k: 0.0,
        to: 0.0,
        acc,
        a: None,
        value: Value::Undefined,
        source: None,
        source_len: 0.0,
        source_k: 0.0,
        stage: Stage::Length(0),
    };
    cx.tail_continuation(Continuation::ArrayIteration(Box::new(it)))
}

macro_rules! iteration_method {
    ($(#[$doc:meta])* $name:ident, $method:expr) => {
        $(#[$doc])*
        pub(crate) fn $name<'gc>(
            cx: &mut NativeCtx<'gc, '_>,
            this: Value<'gc>,
            args: &[Value<'gc>],
        ) -> Res<'gc, Value<'gc>> {
            begin(cx, $method, this, args)
        }
    };
}

iteration_method!(
    /// Array.prototype.forEach (<https://tc39.es/ecma262/#sec-array.prototype.foreach>).
    array_prototype_for_each,
    Method::ForEach
);
iteration_method!(
    /// Array.prototype.map (<https://tc39.es/ecma262/#sec-array.prototype.map>).
    array_prototype_map,
    Method::Map
);
iteration_method!(
    /// Array.prototype.filter (<https://tc39.es/ecma262/#sec-array.prototype.filter>).
    array_prototype_filter,
    Method::Filter
);
iteration_method!(
    /// Array.prototype.some (<https://tc39.es/ecma262/#sec-array.prototype.some>).
    array_prototype_some,
    Method::Some
);
iteration_method!(
    /// Array.prototype.every (<https://tc39.es/ecma262/#sec-array.prototype.every>).
    array_prototype_every,
    Method::Every
);
iteration_method!(
    /// Array.prototype.find (<https://tc39.es/ecma262/#sec-array.prototype.find>).
    array_prototype_find,
    Method::Find
);
iteration_method!(
    /// Array.prototype.findIndex (<https://tc39.es/ecma262/#sec-array.prototype.findindex>).
    array_prototype_find_index,
    Method::FindIndex
);
iteration_method!(
    /// Array.prototype.findLast (<https://tc39.es/ecma262/#sec-array.prototype.findlast>).
    array_prototype_find_last,
    Method::FindLast
);
iteration_method!(
    /// Array.prototype.findLastIndex
    /// (<https://tc39.es/ecma262/#sec-array.prototype.findlastindex>).
    array_prototype_find_last_index,
    Method::FindLastIndex
);
iteration_method!(
    /// Array.prototype.reduce (<https://tc39.es/ecma262/#sec-array.prototype.reduce>).
    array_prototype_reduce,
    Method::Reduce
);
iteration_method!(
    /// Array.prototype.reduceRight (<https://tc39.es/ecma262/#sec-array.prototype.reduceright>).
    array_prototype_reduce_right,
    Method::ReduceRight
);
iteration_method!(
    /// Array.prototype.flatMap (<https://tc39.es/ecma262/#sec-array.prototype.flatmap>).
    array_prototype_flat_map,
    Method::FlatMap
);

/// Install the methods of this module and of `array_sort` on %Array.prototype% of `realm`.
pub(crate) fn install<'gc>(
    realm: Realm<'gc>,
    gcx: crate::heap::Gcx<'gc>,
    interner: &mut crate::intern::Interner<'gc>,
) {
    let proto = realm.intrinsics().array_prototype;
    let methods: [(&str, crate::function::NativeFn, u32); 14] = [
        ("forEach", array_prototype_for_each, 1),
        ("map", array_prototype_map, 1),
        ("filter", array_prototype_filter, 1),
        ("some", array_prototype_some, 1),
        ("every", array_prototype_every, 1),
        ("find", array_prototype_find, 1),
        ("findIndex", array_prototype_find_index, 1),
        ("findLast", array_prototype_find_last, 1),
        ("findLastIndex", array_prototype_find_last_index, 1),
        ("reduce", array_prototype_reduce, 1),
        ("reduceRight", array_prototype_reduce_right, 1),
        ("flatMap", array_prototype_flat_map, 1),
        ("sort", crate::builtins::array_sort::array_prototype_sort, 1),
        (
            "toSorted",
            crate::builtins::array_sort::array_prototype_to_sorted,
            1,
        ),
    ];
    for (name, f, len) in methods {
        realm.define_native_method(gcx, interner, proto, name, f, len);
    }
}
