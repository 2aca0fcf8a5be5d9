//! Scratch: disassembly of eval code (temporary).
#[test]
fn show() {
    let src = std::env::var("SRC").unwrap_or_else(|_| "this; new.target; x = 1; var y = 2; let z = 3; function f(){}".into());
    let direct = std::env::var("INDIRECT").is_err();
    let opts = moat_parser::ParseOptions { allow_new_target: true, ..Default::default() };
    let s = moat_parser::parse_script(&src, opts).unwrap();
    let c = if std::env::var("SCRIPT").is_ok() { moat_bytecode::compile_script(&s, &src, "x").unwrap() } else { moat_bytecode::compile_eval(&s, &src, "x", false, direct).unwrap() };
    println!("{}", moat_bytecode::disassemble(&c));
}
