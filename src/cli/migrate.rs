//! `crmlens migrate`: apply the embedded migrations and exit.

use super::CliResult;
use crate::config::Settings;

pub fn run(_settings: &Settings) -> CliResult {
    Err(super::CliError::BadInput("migrate is being built".into()))
}
