//! Sign-in sessions, keyed by the SHA-256 of the session id (the cookie holds the id itself).

use diesel::prelude::*;

use super::ids::UserId;
use super::schema::{sessions, users};
use super::{DbConnection, StorageError, with_conn};

/// A session as stored.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id_hash: String,
    pub user_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub revoked: bool,
}

impl Session {
    pub fn user(&self) -> UserId {
        UserId(self.user_id)
    }
}

/// Records a new session.
pub fn create(
    conn: &mut DbConnection,
    id_hash: &str,
    user: UserId,
    now: i64,
    expires_at: i64,
) -> Result<(), StorageError> {
    let row = (
        sessions::id_hash.eq(id_hash),
        sessions::user_id.eq(user.0),
        sessions::created_at.eq(now),
        sessions::last_seen_at.eq(now),
        sessions::expires_at.eq(expires_at),
        sessions::revoked.eq(false),
    );
    with_conn!(conn, c => diesel::insert_into(sessions::table).values(row).execute(c))?;
    Ok(())
}

/// The session if it is neither revoked nor expired and its user is not disabled.
pub fn find_active(
    conn: &mut DbConnection,
    id_hash: &str,
    now: i64,
) -> Result<Option<Session>, StorageError> {
    let session = with_conn!(conn, c => sessions::table
        .inner_join(users::table)
        .filter(sessions::id_hash.eq(id_hash))
        .filter(sessions::revoked.eq(false))
        .filter(sessions::expires_at.gt(now))
        .filter(users::disabled.eq(false))
        .select(Session::as_select())
        .first(c)
        .optional())?;
    Ok(session)
}

/// Moves the last-seen time (and, for sliding sessions, the expiry).
pub fn touch(conn: &mut DbConnection, id_hash: &str, now: i64, expires_at: i64) -> Result<(), StorageError> {
    with_conn!(conn, c => diesel::update(sessions::table.find(id_hash))
        .set((sessions::last_seen_at.eq(now), sessions::expires_at.eq(expires_at)))
        .execute(c))?;
    Ok(())
}

/// Ends one session (sign-out).
pub fn revoke(conn: &mut DbConnection, id_hash: &str) -> Result<(), StorageError> {
    with_conn!(conn, c => diesel::update(sessions::table.find(id_hash))
        .set(sessions::revoked.eq(true))
        .execute(c))?;
    Ok(())
}

/// Deletes sessions that expired before `now`; returns how many.
pub fn delete_expired(conn: &mut DbConnection, now: i64) -> Result<usize, StorageError> {
    let deleted = with_conn!(conn, c => diesel::delete(sessions::table.filter(sessions::expires_at.le(now))).execute(c))?;
    Ok(deleted)
}
