#![forbid(unsafe_code)]
//! The `moat` executable; the CLI itself lives in the library (`moat::cli`).

use std::process::ExitCode;

/// The parser allocates a box per node and a buffer per list; with mimalloc `moat --check
/// typescript.js` runs about 11% fewer instructions than with glibc's allocator (callgrind:
/// 1,014M against 1,134M). Embedders of the library crates choose their own allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let code = moat::cli::run(
        std::env::args_os(),
        &mut std::io::stdout(),
        &mut std::io::stderr(),
    );
    ExitCode::from(u8::try_from(code).unwrap_or(2))
}
