//! The reviver walk of JSON.parse (InternalizeJSONProperty) as the resumable [`Revive`]
//! continuation: the reviver and any getter on the revived values run in the interpreter's own
//! frames, so the heap is collected and limits are honoured inside them. The recursion of the
//! spec's algorithm is unrolled onto an explicit stack of [`WalkFrame`]s kept in the heap.

use gc_arena::Collect;
use moat_bytecode::isa::ErrorKind;

use crate::builtins::array_iteration::{
    burn, create_data_property_or_throw, error, get_step, index_key, yield_step, Got,
};
use crate::builtins::json::{enumerable_own_keys, Node};
use crate::cont::{ContStep, Continuation};
use crate::function::NativeCtx;
use crate::interp::Vm;
use crate::object::{Object, ObjectKind, PropertyDescriptor};
use crate::ops;
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::string::JsString;
use crate::value::{KeyMap, PropertyKey, Value};

type Res<'gc, T> = Result<T, Value<'gc>>;

/// How deeply the reviver walk may nest objects.
const MAX_DEPTH: usize = 10_000;

/// The members still to visit of the value a walk frame revives.
#[derive(Collect)]
#[collect(no_drop)]
enum Children<'gc> {
    None,
    Array { len: u32 },
    Keys(Vec<PropertyKey<'gc>>),
}

/// One suspended InternalizeJSONProperty call.
#[derive(Collect)]
#[collect(no_drop)]
struct WalkFrame<'gc> {
    holder: Object<'gc>,
    name: PropertyKey<'gc>,
    val: Value<'gc>,
    context: Object<'gc>,
    children: Children<'gc>,
    pos: usize,
    /// The key of the child being revived.
    current: Option<PropertyKey<'gc>>,
    /// The record indices of the value's elements and members.
    elements: Vec<Option<u32>>,
    entries: KeyMap<'gc, u32>,
}

/// The InternalizeJSONProperty call about to start: its holder, name and parse record.
#[derive(Collect)]
#[collect(no_drop)]
struct Entering<'gc> {
    holder: Object<'gc>,
    name: PropertyKey<'gc>,
    record: Option<Node<'gc>>,
}

/// Where a [`Revive`] stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
enum Stage {
    /// Step 1 of the call in `entering`: Get(holder, name).
    Enter,
    /// The Get returned: build the frame.
    GotValue,
    /// Step 2 for the frame on top: revive its next member, or call the reviver on it.
    Walk,
    /// The reviver returned for the frame popped last.
    Called,
}

/// A running JSON.parse reviver walk.
#[derive(Collect)]
#[collect(no_drop)]
pub struct Revive<'gc> {
    realm: Realm<'gc>,
    reviver: Value<'gc>,
    /// The source text, for `context.source`.
    text: Vec<u16>,
    /// The parse records of every element and member (each taken when its walk starts).
    records: Vec<Option<Node<'gc>>>,
    stack: Vec<WalkFrame<'gc>>,
    entering: Option<Entering<'gc>>,
    stage: Stage,
}

impl<'gc> Revive<'gc> {
    /// Advance with the result of the last requested call.
    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        self.run(vm, input).unwrap_or_else(ContStep::Throw)
    }

    fn run(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> Res<'gc, ContStep<'gc>> {
        let mut input = input;
        loop {
            match self.stage {
                Stage::Enter => {
                    let Some(e) = &self.entering else {
                        return Ok(ContStep::Done(Value::Undefined));
                    };
                    let (holder, name) = (e.holder, e.name);
                    self.stage = Stage::GotValue;
                    // 1. Let val be ? Get(holder, name).
                    match get_step(vm, holder, name) {
                        Got::Now(v) => input = v,
                        Got::Step(s) => return Ok(s),
                    }
                }
                Stage::GotValue => {
                    let Some(e) = self.entering.take() else {
                        return Ok(ContStep::Done(Value::Undefined));
                    };
                    let frame = self.enter_frame(vm, e, input)?;
                    self.stack.push(frame);
                    self.stage = Stage::Walk;
                }
                Stage::Walk => {
                    if burn(vm) {
                        return Ok(yield_step());
                    }
                    if let Some(step) = self.walk(vm)? {
                        return Ok(step);
                    }
                }
                Stage::Called => {
                    let Some(top) = self.stack.last_mut() else {
                        // The reviver's result for the root is the result of JSON.parse.
                        return Ok(ContStep::Done(input));
                    };
                    // 2.b.iii / 2.c.ii.2: store or delete what the reviver made of the child.
                    if let (Some(key), Value::Object(val)) = (top.current.take(), top.val) {
                        if input.is_undefined() {
                            val.delete(vm.gcx, key);
                        } else {
                            let desc = PropertyDescriptor::data(input, Attrs::DEFAULT);
                            if let Err(e) = val.define_own_property(vm.gcx, key, desc) {
                                return Err(error(vm, self.realm, e.kind, e.message));
                            }
                        }
                    }
                    self.stage = Stage::Walk;
                }
            }
        }
    }

    /// Step 2 for the frame on top: start on its next member (`None`: go on), or pop it and
    /// call the reviver on it (step 3).
    fn walk(&mut self, vm: &mut Vm<'gc>) -> Res<'gc, Option<ContStep<'gc>>> {
        let depth = self.stack.len();
        let Some(top) = self.stack.last_mut() else {
            return Ok(Some(ContStep::Done(Value::Undefined)));
        };
        let next = match &top.children {
            Children::None => None,
            Children::Array { len } => {
                (top.pos < *len as usize).then(|| index_key(vm, top.pos as f64))
            }
            Children::Keys(keys) => keys.get(top.pos).copied(),
        };
        if let (Some(key), Value::Object(val)) = (next, top.val) {
            let id = match top.children {
                Children::Array { .. } => top.elements.get_mut(top.pos).and_then(Option::take),
                _ => top.entries.swap_remove(&key),
            };
            let record = id
                .and_then(|i| self.records.get_mut(i as usize))
                .and_then(Option::take);
            top.pos += 1;
            top.current = Some(key);
            if depth >= MAX_DEPTH {
                return Err(error(
                    vm,
                    self.realm,
                    ErrorKind::RangeError,
                    "JSON.parse reviver: nesting too deep",
                ));
            }
            self.entering = Some(Entering {
                holder: val,
                name: key,
                record,
            });
            self.stage = Stage::Enter;
            return Ok(None);
        }
        // 3. Return ? Call(reviver, holder, « name, val, context »).
        let Some(frame) = self.stack.pop() else {
            return Ok(Some(ContStep::Done(Value::Undefined)));
        };
        self.stage = Stage::Called;
        let name = frame.name.to_value(vm.gcx);
        Ok(Some(ContStep::Call {
            callee: self.reviver,
            this: Value::Object(frame.holder),
            args: vec![name, frame.val, Value::Object(frame.context)],
        }))
    }

    /// The rest of step 1 and step 2's listing for `holder[name]`, whose value is `val`: build
    /// the context object (with `source` when the value is still the parsed primitive) and list
    /// the members to revive.
    fn enter_frame(
        &mut self,
        vm: &mut Vm<'gc>,
        e: Entering<'gc>,
        val: Value<'gc>,
    ) -> Res<'gc, WalkFrame<'gc>> {
        let gcx = vm.gcx;
        let proto = self.realm.intrinsics().object_prototype;
        let context = Object::new(gcx, Some(proto), ObjectKind::Ordinary);
        let (mut elements, mut entries) = (Vec::new(), KeyMap::default());
        if let Some(rec) = e.record {
            if ops::same_value(gcx, rec.value, val) {
                if !matches!(val, Value::Object(_)) {
                    if let Some(src) = rec.source.and_then(|r| self.text.get(r)) {
                        let s = JsString::from_utf16(gcx, src.to_vec());
                        let sk = vm.interner.key_str(gcx, "source");
                        create_data_property_or_throw(
                            vm,
                            self.realm,
                            context,
                            sk,
                            Value::String(s),
                        )?;
                    }
                }
                elements = rec.elements;
                entries = rec.entries;
            }
        }
        let children = match val {
            Value::Object(o) if o.is_array() => Children::Array {
                len: crate::interp::array_length(o),
            },
            Value::Object(o) => Children::Keys(
                enumerable_own_keys(gcx, o)
                    .map_err(|e| error(vm, self.realm, e.kind, e.message))?,
            ),
            _ => Children::None,
        };
        Ok(WalkFrame {
            holder: e.holder,
            name: e.name,
            val,
            context,
            children,
            pos: 0,
            current: None,
            elements,
            entries,
        })
    }
}

/// InternalizeJSONProperty ( holder, name, reviver, parseRecord )
/// (<https://tc39.es/ecma262/#sec-internalizejsonproperty>) of `root[""]`, finishing JSON.parse
/// in the interpreter's frames.
pub(crate) fn internalize_json_property<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    root: Object<'gc>,
    name: PropertyKey<'gc>,
    reviver: Value<'gc>,
    record: Node<'gc>,
    table: Vec<Node<'gc>>,
    text: Vec<u16>,
) -> Res<'gc, Value<'gc>> {
    let walk = Revive {
        realm: cx.realm,
        reviver,
        text,
        records: table.into_iter().map(Some).collect(),
        stack: Vec::new(),
        entering: Some(Entering {
            holder: root,
            name,
            record: Some(record),
        }),
        stage: Stage::Enter,
    };
    cx.tail_continuation(Continuation::JsonRevive(Box::new(walk)))
}
