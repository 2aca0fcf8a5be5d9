//! Tests of the Error, JSON and Array built-ins through the public API.
use moat_vm::{Context, ContextOptions, HostValue};

fn eval(src: &str) -> HostValue {
    let mut cx = Context::new(ContextOptions::default());
    match cx.eval_script(src, "t.js") {
        Ok(v) => v,
        Err(e) => panic!("{src}: {e}"),
    }
}

fn s(src: &str) -> String {
    match eval(src) {
        HostValue::String(s) => s,
        other => panic!("{src}: not a string: {other:?}"),
    }
}

#[test]
fn error_constructors() {
    assert_eq!(s("'' + new TypeError('x')"), "TypeError: x");
    assert_eq!(s("new RangeError('a', {cause: 1}).cause + ''"), "1");
    assert_eq!(
        s("var e = new AggregateError([1,2], 'm'); e.errors.join() + e.message"),
        "1,2m"
    );
    assert_eq!(
        eval("Error.isError(new SyntaxError) && !Error.isError({})"),
        HostValue::Bool(true)
    );
    assert_eq!(s("Error('q', {}).message"), "q");
    assert_eq!(eval("AggregateError.length"), HostValue::Number(2.0));
    assert_eq!(s("new Error({toString() { return 'o'; }}).message"), "o");
}

#[test]
fn json_parse_and_reviver() {
    assert_eq!(s("JSON.parse('[1,{\"a\":\"b\"}]')[1].a"), "b");
    assert_eq!(
        s("JSON.stringify(JSON.parse('{\"a\":[1,2],\"b\":3}', function (k, v) { return typeof v === 'number' ? v * 2 : v; }))"),
        "{\"a\":[2,4],\"b\":6}"
    );
    assert_eq!(
        s("var src; JSON.parse('1.50', function (k, v, c) { src = c.source; return v; }); src"),
        "1.50"
    );
    assert_eq!(
        s("try { JSON.parse('{') } catch (e) { e.name }"),
        "SyntaxError"
    );
    assert_eq!(s("var d = ''; for (var i = 0; i < 20000; i++) d += '['; try { JSON.parse(d) } catch (e) { e.name }"), "SyntaxError");
}

#[test]
fn json_stringify() {
    assert_eq!(
        s("JSON.stringify({a: [1, 'x', null, undefined], b: undefined})"),
        "{\"a\":[1,\"x\",null,null]}"
    );
    assert_eq!(
        s("JSON.stringify([1, {a: 2}], null, 2)"),
        "[\n  1,\n  {\n    \"a\": 2\n  }\n]"
    );
    assert_eq!(
        s("JSON.stringify({a: 1, b: 2, c: 3}, ['c', 'a'])"),
        "{\"c\":3,\"a\":1}"
    );
    assert_eq!(
        s("var o = {}; o.o = o; try { JSON.stringify(o) } catch (e) { e.name }"),
        "TypeError"
    );
    assert_eq!(s("JSON.stringify({toJSON() { return 'j'; }})"), "\"j\"");
    assert_eq!(
        s("JSON.stringify({a: JSON.rawJSON('1e1000')})"),
        "{\"a\":1e1000}"
    );
    assert_eq!(s("var a = []; for (var i = 0; i < 20000; i++) a = [a]; try { JSON.stringify(a) } catch (e) { e.name }"), "RangeError");
}

#[test]
fn array_methods() {
    assert_eq!(s("[1, 2, 3].concat([4], 5).join('-')"), "1-2-3-4-5");
    assert_eq!(
        s("var a = [1, 2, 3, 4, 5]; var r = a.splice(1, 2, 'x'); a.join() + '|' + r.join()"),
        "1,x,4,5|2,3"
    );
    assert_eq!(s("[1, [2, [3, [4]]]].flat(Infinity).join()"), "1,2,3,4");
    assert_eq!(
        s("[1, 2, 3].toReversed().join() + [1, 2, 3].with(-1, 9).join()"),
        "3,2,11,2,9"
    );
    assert_eq!(
        eval("[NaN].includes(NaN) && [NaN].indexOf(NaN) === -1"),
        HostValue::Bool(true)
    );
    assert_eq!(
        s("Array.from({length: 3}, function (v, i) { return i * 2; }).join()"),
        "0,2,4"
    );
    assert_eq!(s("Array.from('ab').concat(Array.of(7)).join()"), "a,b,7");
    assert_eq!(eval("new Array(5).length"), HostValue::Number(5.0));
    assert_eq!(
        s("try { new Array(-1) } catch (e) { e.name }"),
        "RangeError"
    );
    assert_eq!(
        s("var a = [1, 2, 3]; a.copyWithin(0, 1); a.unshift(0); a.shift(); a.reverse().join()"),
        "3,3,2"
    );
    assert_eq!(
        s("[1, 2, 3, 4].slice(-2).join() + [1, 2].toSpliced(1, 0, 'y').join()"),
        "3,41,y,2"
    );
    assert_eq!(s("'' + [1, [2, 3]]"), "1,2,3");
    assert_eq!(
        eval("Array.isArray([]) && !Array.isArray({})"),
        HostValue::Bool(true)
    );
}
