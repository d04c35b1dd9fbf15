use std::process::ExitCode;

use clap::Parser;
use crmlens::cli::{self, Cli};

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
