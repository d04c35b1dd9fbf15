//! `crmlens serve [--demo]`.

use super::CliResult;
use crate::config::Settings;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Seed an empty database with a demo tenant, users and directory, and serve demo CRM pages.
    #[arg(long)]
    pub demo: bool,
}

pub fn run(_settings: Settings, _args: ServeArgs) -> CliResult {
    Err(super::CliError::BadInput("serve is being built".into()))
}
