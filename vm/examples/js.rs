//! Evaluate a script with moat-vm: `cargo run -p moat-vm --example js -- FILE.js` or `-e CODE`.

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let disasm = args.first().is_some_and(|a| a == "--disasm");
    if disasm {
        args.remove(0);
    }
    let (source, file) = match args.as_slice() {
        [flag, code] if flag == "-e" => (code.clone(), "<eval>".to_string()),
        [path] => match std::fs::read_to_string(path) {
            Ok(s) => (s, path.clone()),
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(2);
            }
        },
        _ => {
            eprintln!("usage: js FILE.js | js -e CODE");
            std::process::exit(2);
        }
    };
    let mut cx = moat_vm::Context::new(moat_vm::ContextOptions {
        timeout: Some(std::time::Duration::from_secs(10)),
        ..Default::default()
    });
    if disasm {
        match moat_vm::context::compile_script_source(&source, &file) {
            Ok(code) => print!("{}", moat_bytecode::disassemble(&code)),
            Err(e) => println!("{e}"),
        }
        return;
    }
    match cx.eval_script(&source, &file) {
        Ok(v) => println!("{v:?}"),
        Err(e) => {
            println!("{e}");
            std::process::exit(1);
        }
    }
}
