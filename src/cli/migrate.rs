//! `crmlens migrate`: apply the embedded migrations and exit.

use std::process::ExitCode;

use anyhow::Context;

use super::CliResult;
use crate::config::Settings;

pub fn run(settings: &Settings) -> CliResult {
    let pool = crate::storage::connect(&settings.database, 1)
        .with_context(|| format!("cannot open the database {}", settings.database))?;
    let mut conn = pool.get().context("cannot get a database connection")?;
    let applied = crate::storage::run_migrations(&mut conn).context("cannot apply migrations")?;
    eprintln!("{}: {applied} migration(s) applied", settings.database);
    Ok(ExitCode::SUCCESS)
}
