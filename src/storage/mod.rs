//! Temporary minimal storage so the server branch builds; replaced by the storage branch.
use diesel::r2d2::{ConnectionManager, PooledConnection};
use diesel::{RunQueryDsl, SqliteConnection};

use crate::config::DatabaseUrl;

pub type Pool = diesel::r2d2::Pool<ConnectionManager<SqliteConnection>>;
pub type Conn = PooledConnection<ConnectionManager<SqliteConnection>>;

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StorageError(String);

pub fn connect(db: &DatabaseUrl, size: u32) -> Result<Pool, StorageError> {
    let DatabaseUrl::Sqlite(path) = db else { return Err(StorageError("pg".into())) };
    diesel::r2d2::Pool::builder()
        .max_size(size)
        .build(ConnectionManager::new(path.display().to_string()))
        .map_err(|e| StorageError(e.to_string()))
}

pub fn run_migrations(_conn: &mut Conn) -> Result<usize, StorageError> {
    Ok(0)
}

pub fn ping(pool: &Pool) -> Result<(), StorageError> {
    let mut conn = pool.get().map_err(|e| StorageError(e.to_string()))?;
    diesel::sql_query("SELECT 1").execute(&mut conn).map_err(|e| StorageError(e.to_string()))?;
    Ok(())
}
