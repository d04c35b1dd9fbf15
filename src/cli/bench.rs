//! `crmlens bench …`: the benchmarks recorded in BENCHMARKS.md.

use super::CliResult;
use crate::config::Settings;

#[derive(Debug, clap::Args)]
pub struct BenchArgs {}

pub fn run(_settings: &Settings, _args: BenchArgs) -> CliResult {
    Err(super::CliError::BadInput("bench is being built".into()))
}
