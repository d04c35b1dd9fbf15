//! `crmlens demo-data`: a synthetic directory of any size.

use std::path::PathBuf;

use super::CliResult;

#[derive(Debug, clap::Args)]
pub struct DemoDataArgs {
    #[arg(long)]
    pub members: u64,
    #[arg(long)]
    pub companies: u64,
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

pub fn run(_args: DemoDataArgs) -> CliResult {
    Err(super::CliError::BadInput("demo-data is being built".into()))
}
