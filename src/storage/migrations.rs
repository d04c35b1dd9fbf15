//! The embedded migrations, one folder per dialect.

use diesel::prelude::*;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::{DbConnection, StorageError};

const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Any number; all crmlens processes agree on it so that only one migrates at a time.
const MIGRATION_LOCK: i64 = 0x0063_726d_6c65_6e73;

/// Applies pending migrations and returns how many ran.
pub fn run_migrations(conn: &mut DbConnection) -> Result<usize, StorageError> {
    let failed = |e: Box<dyn std::error::Error + Send + Sync>| StorageError::Migration(e.to_string());
    match conn {
        DbConnection::Sqlite(c) => Ok(c.run_pending_migrations(SQLITE).map_err(failed)?.len()),
        DbConnection::Postgres(c) => {
            diesel::sql_query(format!("SELECT pg_advisory_lock({MIGRATION_LOCK})")).execute(c)?;
            let applied = c.run_pending_migrations(POSTGRES).map(|done| done.len()).map_err(failed);
            diesel::sql_query(format!("SELECT pg_advisory_unlock({MIGRATION_LOCK})")).execute(c)?;
            applied
        }
    }
}

/// Whether migrations are still pending (for `/readyz` and a helpful error before import).
pub fn has_pending_migrations(conn: &mut DbConnection) -> Result<bool, StorageError> {
    let failed = |e: Box<dyn std::error::Error + Send + Sync>| StorageError::Migration(e.to_string());
    match conn {
        DbConnection::Sqlite(c) => c.has_pending_migration(SQLITE).map_err(failed),
        DbConnection::Postgres(c) => c.has_pending_migration(POSTGRES).map_err(failed),
    }
}
