use std::process::ExitCode;

use clap::Parser;
use crmlens::cli::{self, Cli};

/// Matching allocates many short-lived small buffers per query on every core; glibc's allocator
/// spent about a third of the matching instructions consolidating its fast bins (callgrind), and
/// mimalloc's per-thread free lists do not.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            error.exit_code()
        }
    }
}
