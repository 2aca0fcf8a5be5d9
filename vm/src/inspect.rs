//! A readable rendering of values for people: what `console.log` prints for objects and what
//! the REPL shows as a completion value (in the manner of Node's `util.inspect`:
//! `{ a: 1, b: [ 'x', <1 empty item> ] }`, `[Function: f]`, `Point { x: 1 }`, `<ref *1>`).
//!
//! It only reads the heap: own properties, prototypes and internal slots. No script runs
//! (getters show as `[Getter]`, `toString` and `valueOf` are never called), so printing a
//! hostile object can't run its code, and the work is bounded: nesting deeper than
//! [`InspectOptions::depth`] shows as `[Object]`, at most [`MAX_ITEMS`] entries an object, at
//! most [`MAX_ENTRIES`] entries in all and [`MAX_STRING`] units a string.

use crate::coro::CoroKind;
use crate::interp::Vm;
use crate::object::{Elements, Object, ObjectKind, Slot};
use crate::promise::PState;
use crate::string::JsString;
use crate::value::{PropertyKey, Symbol, Value};
use moat_bytecode::code::CodeFlags;

/// Entries shown an object or array; the rest is counted ("... 5 more items").
pub const MAX_ITEMS: usize = 100;
/// Entries shown in one rendering, all objects together.
pub const MAX_ENTRIES: usize = 10_000;
/// Code units shown of a string nested in an object.
pub const MAX_STRING: usize = 10_000;
/// Width a rendering should fit before it is broken into lines.
const BREAK_LENGTH: usize = 80;

/// How to render.
#[derive(Clone, Copy, Debug)]
pub struct InspectOptions {
    /// Levels of nesting shown below the value itself.
    pub depth: usize,
    /// Quote a string value (the REPL does; `console.log` prints top-level strings as they are).
    pub quote_strings: bool,
}

impl Default for InspectOptions {
    fn default() -> Self {
        InspectOptions {
            depth: 2,
            quote_strings: true,
        }
    }
}

/// Renders `v` for a person.
pub fn inspect<'gc>(vm: &mut Vm<'gc>, v: Value<'gc>, options: InspectOptions) -> String {
    if let (Value::String(s), false) = (v, options.quote_strings) {
        return s.to_std_string(vm.gcx);
    }
    let mut r = Renderer {
        vm,
        options,
        ancestors: Vec::new(),
        refs: Vec::new(),
        entries: 0,
    };
    r.value(v, 0, 0)
}

struct Renderer<'v, 'gc> {
    vm: &'v mut Vm<'gc>,
    options: InspectOptions,
    /// The objects being rendered, outermost first (a repeat is a cycle).
    ancestors: Vec<Object<'gc>>,
    /// Objects a cycle points back to, numbered in order of discovery.
    refs: Vec<Object<'gc>>,
    entries: usize,
}

/// The parts of an object's rendering before they are laid out.
struct Parts {
    /// Text before the braces: `Point `, `[Function: f] `, `[Object: null prototype] `.
    prefix: String,
    open: &'static str,
    close: &'static str,
    items: Vec<String>,
    /// Array entries, which may be grouped in columns.
    array_like: bool,
    /// With no items, print the prefix alone (`[Function: f]`, `[Number: 3]`).
    bare_when_empty: bool,
}

impl<'gc> Renderer<'_, 'gc> {
    fn value(&mut self, v: Value<'gc>, depth: usize, indent: usize) -> String {
        match v {
            Value::Undefined | Value::Empty => "undefined".to_string(),
            Value::Null => "null".to_string(),
            Value::Boolean(b) => b.to_string(),
            Value::Number(n) => number_text(n),
            Value::BigInt(b) => format!("{}n", b.get()),
            Value::String(s) => quote(self.vm, s),
            Value::Symbol(s) => symbol(self.vm, s),
            Value::Object(o) => self.object(o, depth, indent),
        }
    }

    fn object(&mut self, o: Object<'gc>, depth: usize, indent: usize) -> String {
        if self.ancestors.iter().any(|a| a.ptr_eq(o)) {
            let n = self.ref_number(o);
            return format!("[Circular *{n}]");
        }
        if depth > self.options.depth {
            return match self.constructor_name(o) {
                _ if is_array(o) => "[Array]".to_string(),
                Some(name) => format!("[{name}]"),
                None => "[Object: null prototype]".to_string(),
            };
        }
        self.ancestors.push(o);
        let parts = self.parts(o, depth, indent);
        self.ancestors.pop();
        let body = layout(&parts, indent);
        match self.refs.iter().position(|r| r.ptr_eq(o)) {
            Some(i) => format!("<ref *{}> {body}", i + 1),
            None => body,
        }
    }

    fn ref_number(&mut self, o: Object<'gc>) -> usize {
        match self.refs.iter().position(|r| r.ptr_eq(o)) {
            Some(i) => i + 1,
            None => {
                self.refs.push(o);
                self.refs.len()
            }
        }
    }

    fn parts(&mut self, o: Object<'gc>, depth: usize, indent: usize) -> Parts {
        let gcx = self.vm.gcx;
        let mut parts = Parts {
            prefix: String::new(),
            open: "{",
            close: "}",
            items: Vec::new(),
            array_like: false,
            bare_when_empty: false,
        };
        // What the object is, from its internal slots.
        enum Kind<'gc> {
            Plain,
            Array,
            Function(String),
            Error,
            Boxed(&'static str, Value<'gc>),
            Promise(PState, Value<'gc>),
            Tagged(&'static str),
        }
        let kind = match &o.borrow().kind {
            ObjectKind::Array(_) => Kind::Array,
            ObjectKind::Function(c) => Kind::Function(function_tag(c.flags()).to_string()),
            ObjectKind::Native(_) | ObjectKind::Bound(_) => Kind::Function("Function".to_string()),
            ObjectKind::Error => Kind::Error,
            ObjectKind::Boolean(b) => Kind::Boxed("Boolean", Value::Boolean(*b)),
            ObjectKind::Number(n) => Kind::Boxed("Number", Value::Number(*n)),
            ObjectKind::String(s) => Kind::Boxed("String", Value::String(*s)),
            ObjectKind::Symbol(s) => Kind::Boxed("Symbol", Value::Symbol(*s)),
            ObjectKind::BigInt(b) => Kind::Boxed("BigInt", Value::BigInt(*b)),
            ObjectKind::Promise(p) => Kind::Promise(p.state, p.result),
            ObjectKind::Arguments | ObjectKind::MappedArguments(_) => Kind::Tagged("Arguments"),
            ObjectKind::Coroutine(c) => Kind::Tagged(match c.kind {
                CoroKind::Generator => "Generator",
                CoroKind::AsyncGenerator => "AsyncGenerator",
                CoroKind::AsyncFunction => "AsyncFunction",
            }),
            ObjectKind::ArrayIterator(_) => Kind::Tagged("Array Iterator"),
            ObjectKind::StringIterator(_) => Kind::Tagged("String Iterator"),
            ObjectKind::ModuleNamespace(_) => Kind::Tagged("Module"),
            _ => Kind::Plain,
        };
        let ctor = self.constructor_name(o);
        let mut skip_index_keys = false;
        match kind {
            Kind::Plain => {
                parts.prefix = match ctor.as_deref() {
                    Some("Object") => String::new(),
                    Some(name) => format!("{name} "),
                    None => "[Object: null prototype] ".to_string(),
                };
            }
            Kind::Tagged(tag) => {
                parts.prefix = match ctor.as_deref() {
                    Some(name) => format!("{name} [{tag}] "),
                    None => format!("[{tag}: null prototype] "),
                };
            }
            Kind::Array => {
                parts.open = "[";
                parts.close = "]";
                parts.array_like = true;
                parts.prefix = match ctor.as_deref() {
                    Some("Array") => String::new(),
                    Some(name) => format!("{name} "),
                    None => "[Array: null prototype] ".to_string(),
                };
                self.array_items(o, depth, indent, &mut parts.items);
                skip_index_keys = true;
            }
            Kind::Function(tag) => {
                let name = self.own_string(o, self.vm.names.name).unwrap_or_default();
                parts.prefix = match (tag.as_str(), name.is_empty()) {
                    ("class", true) => "[class (anonymous)] ".to_string(),
                    ("class", false) => format!("[class {name}] "),
                    (_, true) => format!("[{tag} (anonymous)] "),
                    (_, false) => format!("[{tag}: {name}] "),
                };
                parts.bare_when_empty = true;
            }
            Kind::Error => {
                // The `stack` property holds the frames; the head line comes first, as in the
                // message of an uncaught error. Without frames: `[Name: message]`.
                let stack = self.vm.interner.key_str(gcx, "stack");
                let head = self.error_head(o);
                parts.prefix = match self.own_string(o, stack) {
                    Some(s) if !s.is_empty() => format!("{head}{s} "),
                    _ => format!("[{head}] "),
                };
                parts.bare_when_empty = true;
            }
            Kind::Boxed(tag, v) => {
                let shown = self.value(v, depth + 1, indent);
                parts.prefix = format!("[{tag}: {shown}] ");
                parts.bare_when_empty = true;
                skip_index_keys = tag == "String";
            }
            Kind::Promise(state, result) => {
                parts.prefix = match ctor.as_deref() {
                    Some(name) => format!("{name} "),
                    None => "[Promise: null prototype] ".to_string(),
                };
                let shown = match state {
                    PState::Pending => "<pending>".to_string(),
                    PState::Fulfilled => self.value(result, depth + 1, indent + 2),
                    PState::Rejected => {
                        format!("<rejected> {}", self.value(result, depth + 1, indent + 2))
                    }
                };
                parts.items.push(shown);
            }
        }
        self.property_items(o, depth, indent, skip_index_keys, &mut parts.items);
        parts
    }

    /// The elements of an array: values, runs of holes, and what is left over.
    fn array_items(&mut self, o: Object<'gc>, depth: usize, indent: usize, out: &mut Vec<String>) {
        let length = match &o.borrow().kind {
            ObjectKind::Array(a) => a.length,
            _ => 0,
        };
        // Present elements in index order, at most one more than can be shown.
        // `Err`: an accessor element, shown by its label.
        let mut present: Vec<(u32, Result<Value<'gc>, String>)> = Vec::new();
        match &o.borrow().elements {
            Elements::Dense(v) => {
                for (i, x) in v.iter().enumerate() {
                    if present.len() > MAX_ITEMS {
                        break;
                    }
                    if !x.is_empty() {
                        present.push((i as u32, Ok(*x)));
                    }
                }
            }
            Elements::Sparse(m) => {
                for (i, p) in m.iter().take(MAX_ITEMS + 1) {
                    let v = match p.slot {
                        Slot::Data(v) => Ok(v),
                        Slot::Accessor { get, set } => {
                            Err(accessor_label(get.is_some(), set.is_some()))
                        }
                    };
                    present.push((*i, v));
                }
            }
        }
        let mut next = 0u32;
        let mut shown = 0usize;
        for (i, v) in present {
            if shown >= MAX_ITEMS || self.entries >= MAX_ENTRIES {
                break;
            }
            if i > next {
                out.push(holes(i - next));
                shown += 1;
                if shown >= MAX_ITEMS {
                    next = i;
                    break;
                }
            }
            self.entries += 1;
            out.push(match v {
                Ok(v) => self.value(v, depth + 1, indent + 2),
                Err(label) => label,
            });
            shown += 1;
            next = i + 1;
        }
        if next < length {
            if shown < MAX_ITEMS && self.entries < MAX_ENTRIES && !has_element_at_or_after(o, next)
            {
                out.push(holes(length - next));
            } else {
                let left = length - next;
                out.push(format!(
                    "... {left} more item{}",
                    if left == 1 { "" } else { "s" }
                ));
            }
        }
    }

    /// Own enumerable properties as `key: value` (index keys too, unless an array or a String
    /// wrapper shows them itself).
    fn property_items(
        &mut self,
        o: Object<'gc>,
        depth: usize,
        indent: usize,
        skip_index_keys: bool,
        out: &mut Vec<String>,
    ) {
        let gcx = self.vm.gcx;
        let keys = if skip_index_keys {
            o.named_own_keys()
        } else {
            o.own_property_keys(gcx)
        };
        let mut shown = 0usize;
        let mut more = 0usize;
        for key in keys {
            if let PropertyKey::Symbol(s) = key {
                if s.0.private {
                    continue;
                }
            }
            if skip_index_keys && (matches!(key, PropertyKey::Index(_)) || key == gcx.length) {
                continue;
            }
            let Some(p) = o.get_own_property(gcx, key) else {
                continue;
            };
            if !p.attrs.enumerable() {
                continue;
            }
            if shown >= MAX_ITEMS || self.entries >= MAX_ENTRIES {
                more += 1;
                continue;
            }
            shown += 1;
            self.entries += 1;
            let name = self.key(key);
            let value = match p.slot {
                Slot::Data(v) => self.value(v, depth + 1, indent + 2),
                Slot::Accessor { get, set } => accessor_label(get.is_some(), set.is_some()),
            };
            out.push(format!("{name}: {value}"));
        }
        if more > 0 {
            out.push(format!(
                "... {more} more item{}",
                if more == 1 { "" } else { "s" }
            ));
        }
    }

    fn key(&mut self, key: PropertyKey<'gc>) -> String {
        match key {
            PropertyKey::Index(i) => format!("'{i}'"),
            PropertyKey::Symbol(s) => format!("[{}]", symbol(self.vm, s)),
            PropertyKey::String(s) => {
                let text = s.to_std_string(self.vm.gcx);
                if is_plain_identifier(&text) {
                    text
                } else {
                    quote(self.vm, s)
                }
            }
        }
    }

    /// The `name` of the constructor the prototype chain names (data properties only), or
    /// `None` for an object without a prototype.
    fn constructor_name(&mut self, o: Object<'gc>) -> Option<String> {
        let ctor_key = self.vm.names.constructor;
        let mut proto = o.get_prototype_of()?;
        // A bounded walk: prototype chains are acyclic, but may be long.
        for _ in 0..64 {
            if let Some(p) = proto.get_own_property(self.vm.gcx, ctor_key) {
                if let Slot::Data(Value::Object(c)) = p.slot {
                    if let Some(name) = self.own_string(c, self.vm.names.name) {
                        if !name.is_empty() {
                            return Some(name);
                        }
                    }
                }
            }
            match proto.get_prototype_of() {
                Some(next) => proto = next,
                None => break,
            }
        }
        Some("Object".to_string())
    }

    /// An own data property's string value.
    fn own_string(&mut self, o: Object<'gc>, key: PropertyKey<'gc>) -> Option<String> {
        match o.get_own_property(self.vm.gcx, key)?.slot {
            Slot::Data(Value::String(s)) => Some(s.to_std_string(self.vm.gcx)),
            _ => None,
        }
    }

    /// `Name: message` of an error, from data properties on the chain.
    fn error_head(&mut self, o: Object<'gc>) -> String {
        let gcx = self.vm.gcx;
        let read = |key| {
            let mut cur = Some(o);
            let mut steps = 0;
            while let (Some(c), true) = (cur, steps < 64) {
                if let Some(p) = c.get_own_property(gcx, key) {
                    return match p.slot {
                        Slot::Data(Value::String(s)) => Some(s.to_std_string(gcx)),
                        _ => None,
                    };
                }
                cur = c.get_prototype_of();
                steps += 1;
            }
            None
        };
        let name = read(self.vm.names.name).unwrap_or_else(|| "Error".to_string());
        match read(self.vm.names.message) {
            Some(m) if !m.is_empty() => format!("{name}: {m}"),
            _ => name,
        }
    }
}

/// Lays out the parts on one line when they fit, else one entry a line (array entries of
/// similar width in columns).
fn layout(parts: &Parts, indent: usize) -> String {
    if parts.items.is_empty() {
        if parts.bare_when_empty {
            return parts.prefix.trim_end().to_string();
        }
        return format!("{}{}{}", parts.prefix, parts.open, parts.close);
    }
    let multiline = parts.items.iter().any(|i| i.contains('\n'));
    let width: usize = parts.items.iter().map(|i| i.chars().count()).sum::<usize>()
        + 2 * parts.items.len()
        + parts.prefix.len()
        + 2;
    if !multiline && width + indent <= BREAK_LENGTH {
        return format!(
            "{}{} {} {}",
            parts.prefix,
            parts.open,
            parts.items.join(", "),
            parts.close
        );
    }
    let pad = " ".repeat(indent + 2);
    let rows = if parts.array_like && parts.items.len() > 6 && !multiline {
        // The "... N more items" line stays out of the columns.
        let more = parts.items.last().is_some_and(|i| i.starts_with("... "));
        let split = parts.items.len() - usize::from(more);
        let mut rows = columns(&parts.items[..split], indent + 2);
        rows.extend(parts.items[split..].iter().cloned());
        rows
    } else {
        parts.items.clone()
    };
    let mut out = format!("{}{}\n", parts.prefix, parts.open);
    for (i, row) in rows.iter().enumerate() {
        out.push_str(&pad);
        out.push_str(row);
        if i + 1 < rows.len() {
            out.push(',');
        }
        out.push('\n');
    }
    out.push_str(&" ".repeat(indent));
    out.push_str(parts.close);
    out
}

/// Short array entries packed into aligned columns, as many as fit the width (at most 16),
/// numbers aligned right and the rest left.
fn columns(items: &[String], indent: usize) -> Vec<String> {
    let widths: Vec<usize> = items.iter().map(|i| i.chars().count() + 2).collect();
    let max = widths.iter().copied().max().unwrap_or(1);
    // Entries of very different widths read better one a line.
    if max > 20 {
        return items.to_vec();
    }
    let avail = BREAK_LENGTH.saturating_sub(indent);
    // About 2.5 times as wide as tall, with short entries counted shorter than the longest
    // (so a few long ones don't make every column wide); capped by the width and at 12.
    let n = items.len() as f64;
    let mean = widths.iter().sum::<usize>() as f64 / n;
    let bias = (max as f64 - mean).max(0.0).sqrt();
    let biased = (max as f64 - 3.0 - bias).max(1.0);
    let by_shape = ((2.5 * biased * n).sqrt() / biased).round() as usize;
    let cols = by_shape.min(avail / max).clamp(1, 12);
    if cols <= 1 {
        return items.to_vec();
    }
    let mut col_width = vec![0usize; cols];
    for (i, w) in widths.iter().enumerate() {
        let c = i % cols;
        col_width[c] = col_width[c].max(*w);
    }
    let numeric = items.iter().all(|i| {
        i.parse::<f64>().is_ok() || i.ends_with('n') && i[..i.len() - 1].parse::<f64>().is_ok()
    });
    let mut rows = Vec::new();
    for chunk in items.chunks(cols) {
        let mut row = String::new();
        for (c, item) in chunk.iter().enumerate() {
            let last = c + 1 == chunk.len();
            let w = col_width[c] - 2;
            let n = item.chars().count();
            if numeric {
                row.push_str(&" ".repeat(w.saturating_sub(n)));
                row.push_str(item);
            } else {
                row.push_str(item);
                if !last {
                    row.push_str(&" ".repeat(w.saturating_sub(n)));
                }
            }
            if !last {
                row.push_str(", ");
            }
        }
        rows.push(row);
    }
    rows
}

fn is_array(o: Object<'_>) -> bool {
    matches!(o.borrow().kind, ObjectKind::Array(_))
}

/// Whether a sparse array has an element at `from` or later (its run of holes is not the end).
fn has_element_at_or_after(o: Object<'_>, from: u32) -> bool {
    match &o.borrow().elements {
        Elements::Dense(v) => v
            .get(from as usize..)
            .is_some_and(|rest| rest.iter().any(|x| !x.is_empty())),
        Elements::Sparse(m) => m.range(from..).next().is_some(),
    }
}

fn holes(n: u32) -> String {
    format!("<{n} empty item{}>", if n == 1 { "" } else { "s" })
}

fn accessor_label(get: bool, set: bool) -> String {
    match (get, set) {
        (true, true) => "[Getter/Setter]",
        (true, false) => "[Getter]",
        (false, true) => "[Setter]",
        (false, false) => "undefined",
    }
    .to_string()
}

fn function_tag(flags: CodeFlags) -> &'static str {
    if flags.contains(CodeFlags::CLASS_CONSTRUCTOR) {
        "class"
    } else if flags.contains(CodeFlags::ASYNC) && flags.contains(CodeFlags::GENERATOR) {
        "AsyncGeneratorFunction"
    } else if flags.contains(CodeFlags::GENERATOR) {
        "GeneratorFunction"
    } else if flags.contains(CodeFlags::ASYNC) {
        "AsyncFunction"
    } else {
        "Function"
    }
}

/// A number as JavaScript's ToString writes it, but with the sign of zero shown (the REPL
/// and `console`'s `%d` use it too).
pub fn number_text(n: f64) -> String {
    if n == 0.0 && n.is_sign_negative() {
        "-0".to_string()
    } else {
        crate::ops::number_to_string(n)
    }
}

fn symbol<'gc>(vm: &mut Vm<'gc>, s: Symbol<'gc>) -> String {
    match s.description() {
        Some(d) => format!("Symbol({})", d.to_std_string(vm.gcx)),
        None => "Symbol()".to_string(),
    }
}

/// ASCII identifiers print bare as keys; everything else is quoted.
fn is_plain_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

/// A string literal for `s`: single quotes unless the text has some and no double quotes
/// (then double, else backticks), with control characters and lone surrogates escaped.
fn quote<'gc>(vm: &mut Vm<'gc>, s: JsString<'gc>) -> String {
    quote_units(&s.to_utf16(vm.gcx))
}

/// [`quote`] of UTF-16 text (the REPL shows string completion values with it).
pub fn quote_units(units: &[u16]) -> String {
    let (shown, cut) = if units.len() > MAX_STRING {
        (&units[..MAX_STRING], units.len() - MAX_STRING)
    } else {
        (units, 0)
    };
    let has = |c: u8| shown.contains(&u16::from(c));
    let q = if !has(b'\'') {
        '\''
    } else if !has(b'"') {
        '"'
    } else if !has(b'`')
        && !shown
            .windows(2)
            .any(|w| w == [u16::from(b'$'), u16::from(b'{')])
    {
        '`'
    } else {
        '\''
    };
    let mut out = String::with_capacity(shown.len() + 2);
    out.push(q);
    for r in char::decode_utf16(shown.iter().copied()) {
        match r {
            Ok(c) if c == q || c == '\\' => {
                out.push('\\');
                out.push(c);
            }
            Ok('\n') => out.push_str("\\n"),
            Ok('\t') => out.push_str("\\t"),
            Ok('\r') => out.push_str("\\r"),
            Ok('\u{8}') => out.push_str("\\b"),
            Ok('\u{c}') => out.push_str("\\f"),
            Ok('\u{b}') => out.push_str("\\v"),
            Ok(c) if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02X}", c as u32));
            }
            Ok(c) => out.push(c),
            Err(e) => out.push_str(&format!("\\u{:04X}", e.unpaired_surrogate())),
        }
    }
    out.push(q);
    if cut > 0 {
        out.push_str(&format!("... {cut} more characters"));
    }
    out
}
