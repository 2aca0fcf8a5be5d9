//! String.prototype.replace and String.prototype.replaceAll. With a function replaceValue the
//! calls run in the interpreter's own frames through the resumable [`Replace`] continuation, so
//! the heap is collected and limits are honoured inside the callback; a template replaceValue
//! (GetSubstitution) needs no script and finishes in the native.

use gc_arena::Collect;
use moat_bytecode::isa::ErrorKind;

use crate::builtins::array_iteration::{burn, error, heap_limit_step, yield_step};
use crate::builtins::coerce::{
    arg, check_string_alloc, get, get_method, get_v, is_callable, poll, range_error,
    require_object_coercible, to_string, POLL_INTERVAL,
};
use crate::cont::{to_primitive, ContStep, Continuation, Hint};
use crate::function::NativeCtx;
use crate::interp::Vm;
use crate::ops;
use crate::realm::Realm;
use crate::string::{JsString, MAX_STRING_LENGTH};
use crate::text;
use crate::value::{PropertyKey, Value};

type Res<'gc, T> = Result<T, Value<'gc>>;

/// Where a [`Replace`] stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Collect)]
#[collect(require_static)]
enum Stage {
    /// Call replaceValue for the next match (or finish).
    Call,
    /// replaceValue returned: ToString of an object result needs ToPrimitive first.
    Called,
    /// The replacement is a primitive: convert it and splice it in.
    Converted,
}

/// A running replace/replaceAll with a function replaceValue: the spec's local variables.
#[derive(Collect)]
#[collect(no_drop)]
pub struct Replace<'gc> {
    realm: Realm<'gc>,
    replacer: Value<'gc>,
    string: JsString<'gc>,
    search: JsString<'gc>,
    /// The code units of `string`.
    units: Vec<u16>,
    search_len: usize,
    /// matchPositions, left to right.
    positions: Vec<usize>,
    /// The index into `positions` of the match being replaced.
    next: usize,
    end_of_last_match: usize,
    result: Vec<u16>,
    stage: Stage,
}

impl<'gc> Replace<'gc> {
    /// Advance with the result of the last requested call.
    pub fn resume(&mut self, vm: &mut Vm<'gc>, input: Value<'gc>) -> ContStep<'gc> {
        let mut input = input;
        loop {
            match self.stage {
                Stage::Call => {
                    let Some(&p) = self.positions.get(self.next) else {
                        return self.finish(vm);
                    };
                    if burn(vm) {
                        return yield_step();
                    }
                    self.stage = Stage::Called;
                    // Call(replaceValue, undefined, « searchString, 𝔽(p), string »).
                    return ContStep::Call {
                        callee: self.replacer,
                        this: Value::Undefined,
                        args: vec![
                            Value::String(self.search),
                            Value::Number(p as f64),
                            Value::String(self.string),
                        ],
                    };
                }
                Stage::Called => {
                    self.stage = Stage::Converted;
                    if let Value::Object(o) = input {
                        return ContStep::Push(to_primitive(o, Hint::String));
                    }
                }
                Stage::Converted => {
                    // ToString of a primitive.
                    let Some(s) = (match input {
                        Value::Symbol(_) => None,
                        v => ops::to_string_primitive(vm.gcx, v),
                    }) else {
                        return ContStep::Throw(error(
                            vm,
                            self.realm,
                            ErrorKind::TypeError,
                            "Cannot convert a Symbol value to a string",
                        ));
                    };
                    let replacement = s.to_utf16(vm.gcx);
                    let p = self.positions.get(self.next).copied().unwrap_or(0);
                    let start = self.end_of_last_match.min(p);
                    let preserved = self.units.get(start..p).unwrap_or(&[]).to_vec();
                    if let Err(step) = self.append(vm, &preserved) {
                        return step;
                    }
                    if let Err(step) = self.append(vm, &replacement) {
                        return step;
                    }
                    self.end_of_last_match = p + self.search_len;
                    self.next += 1;
                    self.stage = Stage::Call;
                    input = Value::Undefined;
                }
            }
        }
    }

    /// Append code units to the result, checking the string length and the heap first.
    fn append(&mut self, vm: &mut Vm<'gc>, units: &[u16]) -> Result<(), ContStep<'gc>> {
        let len = self.result.len().saturating_add(units.len());
        if len > MAX_STRING_LENGTH {
            return Err(ContStep::Throw(error(
                vm,
                self.realm,
                ErrorKind::RangeError,
                "Invalid string length",
            )));
        }
        // Two bytes per code unit bounds either representation of the final string.
        if vm.gcx.account.check(len.saturating_mul(2)).is_err()
            || self.result.try_reserve(units.len()).is_err()
        {
            return Err(heap_limit_step(vm));
        }
        self.result.extend_from_slice(units);
        Ok(())
    }

    /// The text after the last match, then the result string.
    fn finish(&mut self, vm: &mut Vm<'gc>) -> ContStep<'gc> {
        if self.end_of_last_match < self.units.len() {
            let tail = self
                .units
                .get(self.end_of_last_match..)
                .unwrap_or(&[])
                .to_vec();
            if let Err(step) = self.append(vm, &tail) {
                return step;
            }
        }
        let result = std::mem::take(&mut self.result);
        ContStep::Done(Value::String(JsString::from_utf16(vm.gcx, result)))
    }
}

/// Steps 2 of replace and 2.c-d of replaceAll: an Object searchValue with a @@replace method
/// handles the call (a tail call, in the interpreter's frames). `Some` when it did.
fn replace_dispatch<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Value<'gc>,
    search_value: Value<'gc>,
    replace_value: Value<'gc>,
) -> Res<'gc, Option<Value<'gc>>> {
    if let Value::Object(_) = search_value {
        let key = PropertyKey::Symbol(cx.vm.symbols.replace);
        if let Some(replacer) = get_method(cx, search_value, key)? {
            return cx
                .tail_call(replacer, search_value, vec![o, replace_value])
                .map(Some);
        }
    }
    Ok(None)
}

/// The replaceValue after steps 5-6 of replace/replaceAll.
enum Replacer<'gc> {
    Function(Value<'gc>),
    Template(Vec<u16>),
}

/// The operands of replace/replaceAll after steps 3-6.
struct Operands<'gc> {
    string: JsString<'gc>,
    search: JsString<'gc>,
    replacer: Replacer<'gc>,
    /// The code units of `string` and `search`.
    units: Vec<u16>,
    search_units: Vec<u16>,
}

/// Steps 3-6 of replace/replaceAll: the string, the search string and the replacer.
fn replace_operands<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    o: Value<'gc>,
    search_value: Value<'gc>,
    replace_value: Value<'gc>,
) -> Res<'gc, Operands<'gc>> {
    let string = to_string(cx, o)?;
    let search = to_string(cx, search_value)?;
    let replacer = if is_callable(replace_value) {
        Replacer::Function(replace_value)
    } else {
        Replacer::Template(to_string(cx, replace_value)?.to_utf16(cx.gcx()))
    };
    let gcx = cx.gcx();
    Ok(Operands {
        string,
        search,
        replacer,
        units: string.to_utf16(gcx),
        search_units: search.to_utf16(gcx),
    })
}

/// Steps 7 onwards of both methods, once the match positions are known: a function replacer
/// continues in frames; a template is substituted here.
fn splice<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    ops: Operands<'gc>,
    positions: Vec<usize>,
) -> Res<'gc, Value<'gc>> {
    let Operands {
        string,
        search,
        replacer,
        units,
        search_units,
    } = ops;
    let template = match replacer {
        Replacer::Function(f) => {
            let r = Replace {
                realm: cx.realm,
                replacer: f,
                string,
                search,
                units,
                search_len: search_units.len(),
                positions,
                next: 0,
                end_of_last_match: 0,
                result: Vec::new(),
                stage: Stage::Call,
            };
            return cx.tail_continuation(Continuation::StringReplace(Box::new(r)));
        }
        Replacer::Template(t) => t,
    };
    let mut end_of_last_match = 0;
    let mut result: Vec<u16> = Vec::new();
    for (i, &p) in positions.iter().enumerate() {
        if i % POLL_INTERVAL == POLL_INTERVAL - 1 {
            poll(cx)?;
        }
        let preserved = units.get(end_of_last_match..p).unwrap_or(&[]);
        // GetSubstitution(searchString, string, p, « », undefined, replaceValue).
        let replacement: Result<Vec<u16>, ()> =
            text::get_substitution(&search_units, &units, p, &[], None, &template);
        let replacement = replacement.unwrap_or_default();
        let grow = preserved.len().saturating_add(replacement.len());
        check_string_alloc(cx, result.len().saturating_add(grow))?;
        if result.try_reserve(grow).is_err() {
            return Err(range_error(cx, "out of memory"));
        }
        result.extend_from_slice(preserved);
        result.extend_from_slice(&replacement);
        end_of_last_match = p + search_units.len();
    }
    if end_of_last_match < units.len() {
        let tail = units.get(end_of_last_match..).unwrap_or(&[]);
        check_string_alloc(cx, result.len().saturating_add(tail.len()))?;
        result.extend_from_slice(tail);
    }
    Ok(Value::String(JsString::from_utf16(cx.gcx(), result)))
}

/// String.prototype.replace (<https://tc39.es/ecma262/#sec-string.prototype.replace>).
pub(crate) fn string_prototype_replace<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (search_value, replace_value) = (arg(args, 0), arg(args, 1));
    // 1. Let O be ? RequireObjectCoercible(this value).
    let o = require_object_coercible(cx, this, "String.prototype.replace")?;
    // 2. An Object searchValue with @@replace handles the call.
    if let Some(r) = replace_dispatch(cx, o, search_value, replace_value)? {
        return Ok(r);
    }
    // 3-6.
    let ops = replace_operands(cx, o, search_value, replace_value)?;
    // 7-9. The first match, if any.
    let Some(position) = text::index_of(&ops.units, &ops.search_units, 0) else {
        return Ok(Value::String(ops.string));
    };
    // 10-12. preceding + replacement + following.
    splice(cx, ops, vec![position])
}

/// String.prototype.replaceAll (<https://tc39.es/ecma262/#sec-string.prototype.replaceall>).
pub(crate) fn string_prototype_replace_all<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    this: Value<'gc>,
    args: &[Value<'gc>],
) -> Res<'gc, Value<'gc>> {
    let (search_value, replace_value) = (arg(args, 0), arg(args, 1));
    // 1. Let O be ? RequireObjectCoercible(this value).
    let o = require_object_coercible(cx, this, "String.prototype.replaceAll")?;
    // 2. If searchValue is an Object:
    if let Value::Object(_) = search_value {
        // a-b. A RegExp must be global.
        require_global_regexp(cx, search_value, "String.prototype.replaceAll")?;
        // c-d. @@replace handles the call.
        if let Some(r) = replace_dispatch(cx, o, search_value, replace_value)? {
            return Ok(r);
        }
    }
    // 3-6.
    let ops = replace_operands(cx, o, search_value, replace_value)?;
    // 8. Let advanceBy be max(1, searchLength).
    let advance_by = ops.search_units.len().max(1);
    // 9-10. Every match position, left to right without overlap.
    let mut positions = Vec::new();
    let mut position = text::index_of(&ops.units, &ops.search_units, 0);
    while let Some(p) = position {
        if positions.len() % POLL_INTERVAL == POLL_INTERVAL - 1 {
            poll(cx)?;
        }
        positions.push(p);
        position = text::index_of(&ops.units, &ops.search_units, p + advance_by);
    }
    // 11-15.
    splice(cx, ops, positions)
}

/// Steps 2.a-b of matchAll and replaceAll: when `v` is a RegExp (IsRegExp), its `flags` must
/// contain "g".
pub(crate) fn require_global_regexp<'gc>(
    cx: &mut NativeCtx<'gc, '_>,
    v: Value<'gc>,
    method: &str,
) -> Res<'gc, ()> {
    if !is_regexp(cx, v)? {
        return Ok(());
    }
    let flags_key = cx.key("flags");
    let flags = get_v(cx, v, flags_key)?;
    require_object_coercible(cx, flags, method)?;
    let flags = to_string(cx, flags)?;
    if !flags.to_utf16(cx.gcx()).contains(&u16::from(b'g')) {
        return Err(cx.type_error(&format!(
            "{method} called with a non-global RegExp argument"
        )));
    }
    Ok(())
}

/// IsRegExp (<https://tc39.es/ecma262/#sec-isregexp>). No object has [[RegExpMatcher]] until
/// RegExp exists, so only @@match decides.
pub(crate) fn is_regexp<'gc>(cx: &mut NativeCtx<'gc, '_>, v: Value<'gc>) -> Res<'gc, bool> {
    let Value::Object(o) = v else {
        return Ok(false);
    };
    let key = PropertyKey::Symbol(cx.vm.symbols.match_);
    let matcher = get(cx, o, key)?;
    if !matcher.is_undefined() {
        return Ok(ops::to_boolean(matcher));
    }
    Ok(false)
}
