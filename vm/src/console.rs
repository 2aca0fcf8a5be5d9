//! The host's `console` object for the CLI and embedders that want one: `log`, `info` and
//! `debug` write a line to standard output, `error` and `warn` to standard error (or to the
//! context's host buffers, read with `Context::take_output` / `take_error_output`).
//!
//! A line is formatted like Node's `util.format`: a first string argument may hold `%s`, `%d`,
//! `%i`, `%f`, `%o`, `%O`, `%j`, `%c` and `%%`; every other argument is shown by
//! [`crate::inspect`] (strings as they are). Nothing here runs script: objects are inspected,
//! never converted with their own `toString`/`valueOf`, so a hostile object can't run code
//! or stall the host through the console. For the same reason `%j` shows its argument like
//! `%o` instead of through JSON.stringify (which would call `toJSON` and getters), and
//! `%d`/`%f` of an object is NaN.

use crate::function::{NativeCtx, NativeFn};
use crate::heap::Gcx;
use crate::host262::{push_buffer, write_std, PrintSink, Stream};
use crate::inspect::{inspect, InspectOptions};
use crate::intern::Interner;
use crate::object::{Object, ObjectKind};
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::value::Value;

type NativeResult<'gc> = Result<Value<'gc>, Value<'gc>>;

/// Install `console` on `realm`'s global object, writing to `sink`.
pub fn install_console<'gc>(
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    realm: Realm<'gc>,
    sink: PrintSink,
) {
    let console = Object::new(
        gcx,
        Some(realm.intrinsics().object_prototype),
        ObjectKind::Ordinary,
    );
    let (out, err): (NativeFn, NativeFn) = match sink {
        PrintSink::Stdout => (log_stdout, error_stderr),
        PrintSink::Buffer => (log_buffer, error_buffer),
    };
    for name in ["log", "info", "debug"] {
        realm.define_native_method(gcx, interner, console, name, out, 0);
    }
    for name in ["error", "warn"] {
        realm.define_native_method(gcx, interner, console, name, err, 0);
    }
    realm.define_value(
        gcx,
        interner,
        realm.global(),
        "console",
        Value::Object(console),
        Attrs::HIDDEN,
    );
}

/// The line a console call prints (Node's `util.format`).
pub fn format_line<'gc>(ctx: &mut NativeCtx<'gc, '_>, args: &[Value<'gc>]) -> String {
    let plain = InspectOptions {
        quote_strings: false,
        ..InspectOptions::default()
    };
    let mut line = String::new();
    let mut rest = args;
    if let Some((Value::String(f), tail)) = args.split_first() {
        let format = f.to_std_string(ctx.gcx());
        rest = tail;
        let mut chars = format.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                line.push(c);
                continue;
            }
            let Some(&spec) = chars.peek() else {
                line.push('%');
                break;
            };
            if spec == '%' {
                chars.next();
                line.push('%');
                continue;
            }
            if !matches!(spec, 's' | 'd' | 'i' | 'f' | 'o' | 'O' | 'j' | 'c') {
                line.push('%');
                continue;
            }
            chars.next();
            let Some((arg, tail)) = rest.split_first() else {
                // No argument left: the specifier stays as written.
                line.push('%');
                line.push(spec);
                continue;
            };
            rest = tail;
            match spec {
                's' => line.push_str(&inspect(ctx.vm, *arg, plain)),
                'd' | 'i' | 'f' => line.push_str(&format_number(ctx.gcx(), *arg, spec)),
                'c' => {}
                _ => line.push_str(&inspect(ctx.vm, *arg, InspectOptions::default())),
            }
        }
    } else if let Some((first, tail)) = args.split_first() {
        line.push_str(&inspect(ctx.vm, *first, plain));
        rest = tail;
    }
    for a in rest {
        line.push(' ');
        line.push_str(&inspect(ctx.vm, *a, plain));
    }
    line
}

/// `%d`, `%i` and `%f` of a value: primitives converted by ToNumber (BigInts kept for `%d`
/// and `%i`), objects NaN, since converting an object would run its code.
fn format_number<'gc>(gcx: crate::heap::Gcx<'gc>, v: Value<'gc>, spec: char) -> String {
    if let (Value::BigInt(b), 'd' | 'i') = (v, spec) {
        return format!("{}n", b.get());
    }
    let n = match v {
        Value::Object(_) | Value::Symbol(_) | Value::BigInt(_) => f64::NAN,
        _ => crate::ops::to_number_primitive(gcx, v).unwrap_or(f64::NAN),
    };
    let n = if spec == 'i' { n.trunc() } else { n };
    crate::inspect::number_text(n)
}

fn log_stdout<'gc>(
    ctx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    args: &[Value<'gc>],
) -> NativeResult<'gc> {
    write_std(Stream::Out, &format_line(ctx, args));
    Ok(Value::Undefined)
}

fn error_stderr<'gc>(
    ctx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    args: &[Value<'gc>],
) -> NativeResult<'gc> {
    write_std(Stream::Err, &format_line(ctx, args));
    Ok(Value::Undefined)
}

fn log_buffer<'gc>(
    ctx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    args: &[Value<'gc>],
) -> NativeResult<'gc> {
    let line = format_line(ctx, args);
    push_buffer(ctx, Stream::Out, line);
    Ok(Value::Undefined)
}

fn error_buffer<'gc>(
    ctx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    args: &[Value<'gc>],
) -> NativeResult<'gc> {
    let line = format_line(ctx, args);
    push_buffer(ctx, Stream::Err, line);
    Ok(Value::Undefined)
}
