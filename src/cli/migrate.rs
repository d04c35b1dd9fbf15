//! `crmlens migrate`: apply the embedded migrations and exit. Also the database opening shared by
//! the other command-line tools, which migrate first as `serve` does.

use std::process::ExitCode;

use super::{CliError, CliResult};
use crate::config::Settings;
use crate::storage::{self, DbConnection, StorageError};

pub fn run(settings: &Settings) -> CliResult {
    let mut conn = storage::establish(&settings.database)?;
    let applied = storage::run_migrations(&mut conn)?;
    match applied {
        0 => eprintln!("{}: schema is up to date", settings.database),
        n => eprintln!("{}: applied {n} migration(s)", settings.database),
    }
    Ok(ExitCode::SUCCESS)
}

/// One connection to the configured database, with migrations applied.
pub fn open_migrated(settings: &Settings) -> Result<DbConnection, CliError> {
    let mut conn = storage::establish(&settings.database)?;
    storage::run_migrations(&mut conn)?;
    Ok(conn)
}

/// Invalid values, unknown names and conflicts are the user's to fix (exit 2); the rest is a
/// failure (exit 1).
impl From<StorageError> for CliError {
    fn from(e: StorageError) -> Self {
        match e {
            StorageError::Invalid(_) | StorageError::NotFound(_) | StorageError::Conflict(_) => {
                Self::BadInput(e.to_string())
            }
            other => Self::Failure(other.into()),
        }
    }
}
