//! `crmlens admin …`: tenants, CRM orgs, users and API keys from the command line.

use super::CliResult;
use crate::config::Settings;

#[derive(Debug, clap::Args)]
pub struct AdminArgs {}

pub fn run(_settings: &Settings, _args: AdminArgs) -> CliResult {
    Err(super::CliError::BadInput("admin is being built".into()))
}
