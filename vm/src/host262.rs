//! Host-defined globals for embedders that test or script the engine: `print` (ToString of
//! its arguments, as test262's harness expects; `console` is in `console.rs`), and test262's
//! `$262` host object
//! (<https://github.com/tc39/test262/blob/main/INTERPRETING.md#host-defined-functions>).
//!
//! They live in the VM rather than in the runner because both the test262 runner and the CLI
//! install them, and because `$262.createRealm` and `$262.evalScript` need the VM's realm
//! creation and nested ScriptEvaluation, and `print` needs the context's host output buffer.

use std::io::Write;

use moat_bytecode::isa::ErrorKind;

use crate::function::{NativeCtx, NativeFn};
use crate::heap::Gcx;
use crate::intern::Interner;
use crate::object::{Lookup, Object, ObjectKind};
use crate::realm::Realm;
use crate::shape::Attrs;
use crate::value::Value;

/// Bytes of collected `print` output kept per context; later lines are dropped so a script
/// printing in a loop cannot exhaust the host's memory.
const OUTPUT_LIMIT: usize = 1 << 20;

/// Where `print` and `console` write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrintSink {
    /// Standard output, one line per call (the CLI).
    Stdout,
    /// The context's host buffer, read with `Context::take_output` (the test262 runner).
    Buffer,
}

type NativeResult<'gc> = Result<Value<'gc>, Value<'gc>>;

/// The printed form of a value: ToString for primitives; for objects their own `toString`
/// method when it is a plain data property, else `[object Object]`.
fn display<'gc>(ctx: &mut NativeCtx<'gc, '_>, v: Value<'gc>) -> NativeResult<'gc> {
    let gcx = ctx.gcx();
    if let Value::Object(o) = v {
        let k = ctx.key("toString");
        if let Lookup::Value(f @ Value::Object(fo)) = o.get(gcx, k) {
            if fo.is_callable() {
                return ctx.call(f, v, &[]);
            }
        }
        return Ok(ctx.string("[object Object]"));
    }
    match crate::ops::to_string_primitive(gcx, v) {
        Some(s) => Ok(Value::String(s)),
        None => Err(ctx.type_error("Cannot convert a Symbol value to a string")),
    }
}

/// The arguments of a print call, each displayed and joined with spaces.
fn print_line<'gc>(
    ctx: &mut NativeCtx<'gc, '_>,
    args: &[Value<'gc>],
) -> Result<String, Value<'gc>> {
    let mut line = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        let shown = display(ctx, *a)?;
        match shown {
            Value::String(s) => line.push_str(&s.to_std_string(ctx.gcx())),
            other => {
                if let Some(s) = crate::ops::to_string_primitive(ctx.gcx(), other) {
                    line.push_str(&s.to_std_string(ctx.gcx()));
                }
            }
        }
    }
    Ok(line)
}

/// Which of the host's streams a line goes to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stream {
    Out,
    Err,
}

/// Writes `line` to the process's standard output or error.
pub(crate) fn write_std(stream: Stream, line: &str) {
    // A closed pipe is the reader's choice, not the script's error.
    match stream {
        Stream::Out => {
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{line}");
            let _ = out.flush();
        }
        Stream::Err => {
            let _ = writeln!(std::io::stderr().lock(), "{line}");
        }
    }
}

/// Appends `line` to the context's host buffer for `stream`. Lines past [`OUTPUT_LIMIT`]
/// bytes (both buffers together) are dropped, so a script printing in a loop can't exhaust
/// the host's memory.
pub(crate) fn push_buffer(ctx: &mut NativeCtx<'_, '_>, stream: Stream, line: String) {
    let st = &mut ctx.vm.st;
    let used: usize = st.host_output.iter().map(String::len).sum::<usize>()
        + st.host_errors.iter().map(String::len).sum::<usize>();
    if used + line.len() <= OUTPUT_LIMIT {
        match stream {
            Stream::Out => st.host_output.push(line),
            Stream::Err => st.host_errors.push(line),
        }
    }
}

/// `print(...args)` writing to standard output.
pub fn print_stdout<'gc>(
    ctx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    args: &[Value<'gc>],
) -> NativeResult<'gc> {
    write_std(Stream::Out, &print_line(ctx, args)?);
    Ok(Value::Undefined)
}

/// `print(...args)` appending a line to the context's host buffer.
pub fn print_buffer<'gc>(
    ctx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    args: &[Value<'gc>],
) -> NativeResult<'gc> {
    let line = print_line(ctx, args)?;
    push_buffer(ctx, Stream::Out, line);
    Ok(Value::Undefined)
}

fn print_fn(sink: PrintSink) -> NativeFn {
    match sink {
        PrintSink::Stdout => print_stdout,
        PrintSink::Buffer => print_buffer,
    }
}

/// Install `print` on `realm`'s global object.
pub fn install_print<'gc>(
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    realm: Realm<'gc>,
    sink: PrintSink,
) {
    realm.define_native_method(gcx, interner, realm.global(), "print", print_fn(sink), 1);
}

/// Install `$262` on `realm`'s global object and return it.
pub fn install_262<'gc>(
    gcx: Gcx<'gc>,
    interner: &mut Interner<'gc>,
    realm: Realm<'gc>,
) -> Object<'gc> {
    let host = Object::new(
        gcx,
        Some(realm.intrinsics().object_prototype),
        ObjectKind::Ordinary,
    );
    realm.define_native_method(gcx, interner, host, "createRealm", create_realm, 0);
    realm.define_native_method(gcx, interner, host, "evalScript", eval_script, 1);
    realm.define_native_method(gcx, interner, host, "gc", gc, 0);
    realm.define_native_method(
        gcx,
        interner,
        host,
        "detachArrayBuffer",
        detach_array_buffer,
        1,
    );
    let global = Value::Object(realm.global());
    realm.define_value(gcx, interner, host, "global", global, Attrs::HIDDEN);
    let dda = realm.new_native_function(
        gcx,
        interner,
        "",
        0,
        is_html_dda_call,
        None,
        Value::Undefined,
    );
    if let ObjectKind::Native(n) = &mut dda.borrow_mut(gcx.mc).kind {
        n.html_dda = true;
    }
    realm.define_value(
        gcx,
        interner,
        host,
        "IsHTMLDDA",
        Value::Object(dda),
        Attrs::HIDDEN,
    );
    realm.define_value(
        gcx,
        interner,
        realm.global(),
        "$262",
        Value::Object(host),
        Attrs::HIDDEN,
    );
    host
}

/// `$262.createRealm()`: a new realm in this context's heap, with its own `$262` and `print`
/// (buffered: test262 hosts collect everything printed in one place); returns its `$262`.
fn create_realm<'gc>(
    ctx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    _: &[Value<'gc>],
) -> NativeResult<'gc> {
    let gcx = ctx.gcx();
    let realm = ctx.vm.create_realm();
    install_print(gcx, &mut ctx.vm.interner, realm, PrintSink::Buffer);
    let host = install_262(gcx, &mut ctx.vm.interner, realm);
    Ok(Value::Object(host))
}

/// `$262.evalScript(source)`: ParseScript and ScriptEvaluation in the realm of this `$262`
/// (<https://tc39.es/ecma262/#sec-runtime-semantics-scriptevaluation>); a parse error throws a
/// SyntaxError of that realm.
fn eval_script<'gc>(
    ctx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    args: &[Value<'gc>],
) -> NativeResult<'gc> {
    let gcx = ctx.gcx();
    let source = match args.first() {
        Some(Value::String(s)) => s.to_std_string(gcx),
        _ => return Err(ctx.type_error("$262.evalScript needs a string")),
    };
    let code = match crate::context::compile_script_source(&source, "evalScript") {
        Ok(code) => code,
        Err(e) => {
            let message = e.to_string();
            let message = message.strip_prefix("SyntaxError: ").unwrap_or(&message);
            return Err(ctx.error(ErrorKind::SyntaxError, message));
        }
    };
    let realm = ctx.realm;
    ctx.vm.eval_script_nested(code, realm)
}

/// `$262.IsHTMLDDA`: test262's stand-in for `document.all`. Called with no argument or with
/// `""` it returns null (INTERPRETING.md); other calls return undefined.
fn is_html_dda_call<'gc>(
    _: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    args: &[Value<'gc>],
) -> NativeResult<'gc> {
    match args.first() {
        None => Ok(Value::Null),
        Some(Value::String(s)) if s.is_empty() => Ok(Value::Null),
        Some(_) => Ok(Value::Undefined),
    }
}

/// `$262.gc()`: collection cannot run while a native holds the heap on the Rust stack; the
/// slice loop collects as soon as this evaluation yields, so this only returns.
fn gc<'gc>(_: &mut NativeCtx<'gc, '_>, _: Value<'gc>, _: &[Value<'gc>]) -> NativeResult<'gc> {
    Ok(Value::Undefined)
}

/// `$262.detachArrayBuffer(buffer)`: there are no ArrayBuffers yet, so every argument is not
/// one (DetachArrayBuffer's precondition), a TypeError.
fn detach_array_buffer<'gc>(
    ctx: &mut NativeCtx<'gc, '_>,
    _: Value<'gc>,
    _: &[Value<'gc>],
) -> NativeResult<'gc> {
    Err(ctx.type_error("not an ArrayBuffer"))
}

#[cfg(test)]
mod tests {
    use super::PrintSink;
    use crate::{Context, ContextOptions, RunError};

    fn context() -> Context {
        let mut cx = Context::new(ContextOptions::default());
        cx.install_print(PrintSink::Buffer);
        cx.install_262();
        cx
    }

    fn run(src: &str) -> (Result<(), RunError>, Vec<String>) {
        let mut cx = context();
        let r = cx.eval_script(src, "t.js").map(drop);
        (r, cx.take_output())
    }

    #[test]
    fn print_collects_lines() {
        let (r, out) = run("print('a', 1, true); console.log('b');");
        assert_eq!(r, Ok(()));
        assert_eq!(out, vec!["a 1 true".to_string(), "b".to_string()]);
    }

    #[test]
    fn eval_script_declares_globals() {
        let (r, out) = run("$262.evalScript('var z = 3; let w = 4;'); print(z, w);");
        assert_eq!(r, Ok(()));
        assert_eq!(out, vec!["3 4".to_string()]);
    }

    #[test]
    fn eval_script_syntax_error_is_catchable() {
        let (r, out) =
            run("try { $262.evalScript('var'); } catch (e) { print(e instanceof SyntaxError); }");
        assert_eq!(r, Ok(()));
        assert_eq!(out, vec!["true".to_string()]);
    }

    #[test]
    fn create_realm_is_separate() {
        let (r, out) = run(
            "var other = $262.createRealm(); other.evalScript('var q = 1;');
             print(typeof q, other.global.q, other.global.SyntaxError === SyntaxError,
                   other.global.$262 === other);",
        );
        assert_eq!(r, Ok(()));
        assert_eq!(out, vec!["undefined 1 false true".to_string()]);
    }

    #[test]
    fn detach_array_buffer_throws() {
        let (r, _) = run("$262.detachArrayBuffer({});");
        assert!(
            matches!(r, Err(RunError::Thrown(ref m)) if m.starts_with("TypeError")),
            "{r:?}"
        );
    }

    #[test]
    fn is_html_dda_emulates_undefined() {
        let (r, out) = run("var d = $262.IsHTMLDDA;
             print(typeof d, !d, d == null, d == undefined, d === undefined, null == d,
                   d(), d(''), d ?? 1, typeof null);");
        assert_eq!(r, Ok(()));
        assert_eq!(
            out,
            vec!["undefined true true true false true null null function () { [native code] } object"
                .to_string()]
        );
    }

    #[test]
    fn dynamic_function_prototype_falls_back_to_new_targets_realm() {
        let (r, out) = run(
            "var GF = Object.getPrototypeOf(function* () {}).constructor;
             var other = $262.createRealm().global;
             var OGF = Object.getPrototypeOf(other.eval('(0, function* () {})')).constructor;
             var C = new other.Function(); C.prototype = null;
             var f = Reflect.construct(GF, [], C);
             print(Object.getPrototypeOf(f) === OGF.prototype);",
        );
        assert_eq!(r, Ok(()));
        assert_eq!(out, vec!["true".to_string()]);
    }

    #[test]
    fn calling_a_class_constructor_throws_the_callees_type_error() {
        let (r, out) = run(
            "var realm = $262.createRealm(); var C = realm.global.eval('(class {})');
             try { C() } catch (e) { print(e.constructor === realm.global.TypeError) }",
        );
        assert_eq!(r, Ok(()));
        assert_eq!(out, vec!["true".to_string()]);
    }
}
