#![forbid(unsafe_code)]
//! The `moat` executable; the CLI itself lives in the library (`moat::cli`).

use std::process::ExitCode;

fn main() -> ExitCode {
    let code = moat::cli::run(
        std::env::args_os(),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    );
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}
