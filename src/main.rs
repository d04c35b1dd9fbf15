use std::process::ExitCode;

use clap::Parser;
use crmlens::cli::{self, Cli};

/// Matching allocates many short-lived small buffers per query on every core; glibc's allocator
/// spent about a third of the matching instructions consolidating its fast bins (callgrind), and
/// mimalloc's per-thread free lists do not. Built with `no_thp`: mimalloc's default asks for
/// transparent huge pages, and where the kernel compacts memory for them on demand (Debian's
/// `defrag=madvise`) a short run right after another memory-hungry process spent half its wall
/// time in that compaction (0.17 s of a 0.34 s DEV match, BENCHMARKS.md).
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
