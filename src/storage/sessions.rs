//! Sign-in sessions, keyed by the SHA-256 of the session id (the cookie holds the id itself).
//!
//! A session has two expiries: `expires_at`, the idle expiry that each use moves forward, and
//! `absolute_expires_at`, which never moves. Revocation is a flag read on every request, so a
//! revoked session is refused by every app server sharing the database.

use diesel::prelude::*;

use super::ids::UserId;
use super::schema::{sessions, users};
use super::users::{User, UserRow};
use super::{DbConnection, StorageError, with_conn};

/// A session as stored.
#[derive(Debug, Clone, PartialEq, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct Session {
    pub id_hash: String,
    pub user_id: i64,
    pub created_at: i64,
    pub last_seen_at: i64,
    /// Idle expiry.
    pub expires_at: i64,
    pub revoked: bool,
    pub absolute_expires_at: i64,
    /// The anti-CSRF token of this session (random, not derived from the id).
    pub csrf_token: String,
    /// How the user proved who they are: `password`, `oidc` or `saml`.
    pub method: String,
}

impl Session {
    pub fn user(&self) -> UserId {
        UserId(self.user_id)
    }
}

/// What a new session starts with.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    pub id_hash: &'a str,
    pub user: UserId,
    pub csrf_token: &'a str,
    pub method: &'a str,
    pub now: i64,
    pub idle_expires_at: i64,
    pub absolute_expires_at: i64,
}

/// Records a new session.
pub fn create(conn: &mut DbConnection, new: &NewSession<'_>) -> Result<(), StorageError> {
    let row = (
        sessions::id_hash.eq(new.id_hash),
        sessions::user_id.eq(new.user.0),
        sessions::created_at.eq(new.now),
        sessions::last_seen_at.eq(new.now),
        sessions::expires_at.eq(new.idle_expires_at.min(new.absolute_expires_at)),
        sessions::revoked.eq(false),
        sessions::absolute_expires_at.eq(new.absolute_expires_at),
        sessions::csrf_token.eq(new.csrf_token),
        sessions::method.eq(new.method),
    );
    with_conn!(conn, c => diesel::insert_into(sessions::table).values(row).execute(c))?;
    Ok(())
}

/// The session if it is neither revoked nor expired (idle or absolute) and its user is not
/// disabled.
pub fn find_active(
    conn: &mut DbConnection,
    id_hash: &str,
    now: i64,
) -> Result<Option<Session>, StorageError> {
    Ok(find_active_with_user(conn, id_hash, now)?.map(|(session, _)| session))
}

/// Like [`find_active`], with the session's user read by the same query (one round trip per
/// request instead of two).
pub fn find_active_with_user(
    conn: &mut DbConnection,
    id_hash: &str,
    now: i64,
) -> Result<Option<(Session, User)>, StorageError> {
    let found = with_conn!(conn, c => sessions::table
        .inner_join(users::table)
        .filter(sessions::id_hash.eq(id_hash))
        .filter(sessions::revoked.eq(false))
        .filter(sessions::expires_at.gt(now))
        .filter(sessions::absolute_expires_at.gt(now))
        .filter(users::disabled.eq(false))
        .select((Session::as_select(), UserRow::as_select()))
        .get_result::<(Session, UserRow)>(c)
        .optional())?;
    found.map(|(session, user)| Ok((session, User::try_from(user)?))).transpose()
}

/// Moves the last-seen time and the idle expiry (never past the absolute expiry).
pub fn touch(
    conn: &mut DbConnection,
    id_hash: &str,
    now: i64,
    idle_expires_at: i64,
) -> Result<(), StorageError> {
    with_conn!(conn, c => diesel::update(sessions::table.find(id_hash))
        .set((sessions::last_seen_at.eq(now), sessions::expires_at.eq(idle_expires_at)))
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

/// Ends every session of a user (sign-out everywhere, an admin ending them, a password change);
/// returns how many were still open.
pub fn revoke_all_for_user(conn: &mut DbConnection, user: UserId) -> Result<usize, StorageError> {
    let ended = with_conn!(conn, c => diesel::update(sessions::table
            .filter(sessions::user_id.eq(user.0))
            .filter(sessions::revoked.eq(false)))
        .set(sessions::revoked.eq(true))
        .execute(c))?;
    Ok(ended)
}

/// Ends every session of a user except one (after a password change, keep the current one).
pub fn revoke_others(
    conn: &mut DbConnection,
    user: UserId,
    keep_id_hash: &str,
) -> Result<usize, StorageError> {
    let ended = with_conn!(conn, c => diesel::update(sessions::table
            .filter(sessions::user_id.eq(user.0))
            .filter(sessions::id_hash.ne(keep_id_hash))
            .filter(sessions::revoked.eq(false)))
        .set(sessions::revoked.eq(true))
        .execute(c))?;
    Ok(ended)
}

/// Deletes sessions that expired before `now`; returns how many.
pub fn delete_expired(conn: &mut DbConnection, now: i64) -> Result<usize, StorageError> {
    let deleted = with_conn!(conn, c => diesel::delete(sessions::table.filter(
        sessions::expires_at.le(now).or(sessions::absolute_expires_at.le(now))
    )).execute(c))?;
    Ok(deleted)
}
