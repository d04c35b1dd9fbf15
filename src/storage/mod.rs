//! Storage: one Diesel connection type over SQLite and PostgreSQL, the pool, the embedded
//! migrations, and one module per aggregate whose plain functions take a connection.
//!
//! Queries are written once with the Diesel DSL and compiled for each backend by [`with_conn!`],
//! so every backend feature (upserts, booleans, `RETURNING`) is available without the
//! restrictions of the `MultiConnection` backend.
//!
//! Lookups by a unique key end in `.get_result(c).optional()`, never `.first(c)`: `first` adds
//! `LIMIT ?`, and SQLite (3.50, bundled) plans a bound LIMIT from its value, so binding it again
//! expires the statement and every execution re-parses it (a third of a card's CPU time).

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use diesel::r2d2::{self, ManageConnection};
use diesel::{PgConnection, SqliteConnection};
use secrecy::ExposeSecret;

use crate::config::DatabaseUrl;

pub mod api_keys;
pub mod audit;
pub mod auth_state;
pub mod credentials;
pub mod directory;
pub mod events;
pub mod handoffs;
pub mod ids;
pub mod instance;
mod migrations;
pub mod orgs;
pub mod record_links;
pub mod schema;
pub mod sessions;
pub mod sso_config;
pub mod tenants;
pub mod throttle;
pub mod users;

pub use instance::instance_secret;
pub use migrations::{has_pending_migrations, run_migrations};

/// A connection to either backend. Use [`with_conn!`] to run backend-specific code.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

/// Runs `$body` with `$c` bound to the concrete connection inside a [`DbConnection`], so the
/// body is type-checked once per backend.
macro_rules! with_conn {
    ($conn:expr, $c:ident => $body:expr) => {
        match $conn {
            $crate::storage::DbConnection::Sqlite($c) => $body,
            $crate::storage::DbConnection::Postgres($c) => $body,
        }
    };
}
pub(crate) use with_conn;

/// What went wrong in storage.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    #[error("cannot open the database {url}: {source}")]
    Connect { url: String, source: diesel::ConnectionError },
    #[error("no database connection available: {0}")]
    Pool(#[from] r2d2::PoolError),
    #[error("database migrations failed: {0}")]
    Migration(String),
    #[error("database query failed: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    Conflict(String),
    #[error("{0}")]
    Invalid(String),
}

/// Maps a unique-constraint violation to [`StorageError::Conflict`] with `message`.
pub(crate) fn unique_violation_as(
    message: impl FnOnce() -> String,
) -> impl FnOnce(diesel::result::Error) -> StorageError {
    use diesel::result::{DatabaseErrorKind, Error};
    move |e| match e {
        Error::DatabaseError(DatabaseErrorKind::UniqueViolation, _) => StorageError::Conflict(message()),
        other => StorageError::Query(other),
    }
}

pub type Pool = r2d2::Pool<Manager>;
pub type PooledConnection = r2d2::PooledConnection<Manager>;

/// Opens a pool of `pool_size` connections. The first connection is opened here, so a wrong
/// password or an unreachable server is reported at once with the backend's own message.
///
/// PostgreSQL connections are pinged at checkout (a server restart or a dropped connection is
/// found before a request uses it); a SQLite connection is a local file handle that cannot go
/// stale, so checking it out costs no query.
pub fn connect(url: &DatabaseUrl, pool_size: u32) -> Result<Pool, StorageError> {
    drop(establish(url)?);
    r2d2::Pool::builder()
        .max_size(pool_size.max(1))
        .min_idle(Some(1))
        .test_on_check_out(matches!(url, DatabaseUrl::Postgres(_)))
        .connection_timeout(std::time::Duration::from_secs(10))
        .build(Manager { url: url.clone() })
        .map_err(StorageError::Pool)
}

/// Opens one connection, configured as the pool configures its own.
pub fn establish(url: &DatabaseUrl) -> Result<DbConnection, StorageError> {
    let connect_error = |source| StorageError::Connect { url: url.to_string(), source };
    match url {
        DatabaseUrl::Sqlite(path) => {
            let path = path.to_str().ok_or_else(|| {
                StorageError::Invalid(format!("the SQLite path {} is not valid UTF-8", path.display()))
            })?;
            let mut conn = SqliteConnection::establish(path).map_err(connect_error)?;
            configure_sqlite(&mut conn)?;
            Ok(DbConnection::Sqlite(conn))
        }
        DatabaseUrl::Postgres(secret) => {
            let conn = PgConnection::establish(secret.expose_secret()).map_err(connect_error)?;
            Ok(DbConnection::Postgres(conn))
        }
    }
}

/// WAL lets readers run beside the writer; the busy timeout makes writers queue instead of
/// failing; SQLite leaves foreign keys off unless asked, per connection. The page size only takes
/// effect on a new database file (8 KiB pages: shallower trees for the directory tables).
///
/// Reads go through a memory map of the file (up to 1 GiB of address space, shared with the OS
/// page cache, so it costs no extra memory): a page already cached by the OS is used in place
/// instead of being copied by a `pread` call per page. Each connection keeps 8 MiB of pages.
fn configure_sqlite(conn: &mut SqliteConnection) -> Result<(), StorageError> {
    conn.batch_execute(
        "PRAGMA page_size = 8192; PRAGMA busy_timeout = 10000; PRAGMA journal_mode = WAL; \
         PRAGMA foreign_keys = ON; PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -8192;",
    )?;
    Ok(())
}

/// Whether the pool's database is a file in this process (SQLite): its reads are memory-mapped
/// page lookups that take microseconds, with no network round trip.
pub fn is_in_process(pool: &Pool) -> Result<bool, StorageError> {
    Ok(matches!(*pool.get()?, DbConnection::Sqlite(_)))
}

/// Runs `work` in one transaction: committed if it returns `Ok`, rolled back otherwise.
pub fn transaction<T>(
    conn: &mut DbConnection,
    work: impl FnOnce(&mut DbConnection) -> Result<T, StorageError>,
) -> Result<T, StorageError> {
    conn.transaction(work)
}

/// Trades durability of the last commits on power loss (never consistency) for bulk-load speed,
/// on this connection only: SQLite `synchronous=NORMAL` (safe in WAL mode), a larger page cache
/// and checkpoints every 64 MB of WAL instead of 4 MB; PostgreSQL `synchronous_commit=off`.
///
/// SQLite's foreign-key checks are off on this connection: imports check references themselves
/// (a member's positions and e-mail hashes are written with the member in one transaction;
/// connections to unknown members are refused before writing), so the checks only repeated
/// an index lookup per row.
pub fn tune_for_bulk_load(conn: &mut DbConnection) -> Result<(), StorageError> {
    match conn {
        DbConnection::Sqlite(c) => c.batch_execute(
            "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; \
             PRAGMA wal_autocheckpoint = 16384; PRAGMA foreign_keys = OFF;",
        )?,
        DbConnection::Postgres(c) => c.batch_execute("SET synchronous_commit = off")?,
    }
    Ok(())
}

/// A cheap round trip proving the database answers. The pool runs it at every PostgreSQL
/// checkout, so it is a DSL query Diesel prepares once per connection (raw `sql_query` text is parsed every time).
pub fn ping(conn: &mut DbConnection) -> Result<(), StorageError> {
    let one = 1.into_sql::<diesel::sql_types::Integer>();
    with_conn!(conn, c => diesel::select(one).execute(c))?;
    Ok(())
}

/// Whether this is a PostgreSQL connection.
pub fn is_postgres(conn: &DbConnection) -> bool {
    matches!(conn, DbConnection::Postgres(_))
}

/// Seconds since the Unix epoch: the time unit of every timestamp column.
pub fn unix_now() -> i64 {
    let since = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
    since.map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The r2d2 manager: opens each backend explicitly so its real errors are kept.
#[derive(Debug)]
pub struct Manager {
    url: DatabaseUrl,
}

impl ManageConnection for Manager {
    type Connection = DbConnection;
    type Error = StorageError;

    fn connect(&self) -> Result<DbConnection, StorageError> {
        establish(&self.url)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), StorageError> {
        ping(conn)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        use diesel::r2d2::R2D2Connection;
        with_conn!(conn, c => c.is_broken())
    }
}
