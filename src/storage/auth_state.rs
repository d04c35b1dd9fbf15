//! Short-lived sign-in state: the SAML assertion replay cache and OIDC/SAML requests waiting
//! for the identity provider's answer.

use diesel::prelude::*;

use super::schema::{auth_pending, saml_replay};
use super::{DbConnection, StorageError, with_conn};

/// Remembers an assertion id until it expires. Returns false when it was seen before (a replay).
pub fn remember_assertion(
    conn: &mut DbConnection,
    assertion_id: &str,
    expires_at: i64,
    now: i64,
) -> Result<bool, StorageError> {
    with_conn!(conn, c => diesel::delete(saml_replay::table.filter(saml_replay::expires_at.le(now))).execute(c))?;
    let row = (saml_replay::assertion_id.eq(assertion_id), saml_replay::expires_at.eq(expires_at));
    let inserted = with_conn!(conn, c => diesel::insert_into(saml_replay::table)
        .values(row)
        .on_conflict_do_nothing()
        .execute(c))?;
    Ok(inserted == 1)
}

/// Which protocol a pending request belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PendingKind {
    Oidc,
    Saml,
}

impl PendingKind {
    fn as_str(self) -> &'static str {
        match self {
            Self::Oidc => "oidc",
            Self::Saml => "saml",
        }
    }
}

/// Stores a request in flight under its `state` (OIDC) or request id (SAML).
pub fn put_pending(
    conn: &mut DbConnection,
    kind: PendingKind,
    state: &str,
    payload: &str,
    expires_at: i64,
) -> Result<(), StorageError> {
    let row = (
        auth_pending::state.eq(state),
        auth_pending::kind.eq(kind.as_str()),
        auth_pending::payload.eq(payload),
        auth_pending::expires_at.eq(expires_at),
    );
    with_conn!(conn, c => diesel::insert_into(auth_pending::table).values(row).execute(c))?;
    Ok(())
}

/// Takes (reads and deletes) a pending request; an expired one is treated as absent.
pub fn take_pending(
    conn: &mut DbConnection,
    kind: PendingKind,
    state: &str,
    now: i64,
) -> Result<Option<String>, StorageError> {
    let taken = with_conn!(conn, c => c.transaction(|c| {
        let target = auth_pending::table
            .filter(auth_pending::state.eq(state))
            .filter(auth_pending::kind.eq(kind.as_str()));
        let found = target.select((auth_pending::payload, auth_pending::expires_at))
            .first::<(String, i64)>(c)
            .optional()?;
        diesel::delete(target).execute(c)?;
        diesel::QueryResult::Ok(found)
    }))?;
    Ok(taken.filter(|(_, expires_at)| *expires_at > now).map(|(payload, _)| payload))
}

/// Deletes sign-in requests the identity provider never answered in time.
pub fn purge_expired(conn: &mut DbConnection, now: i64) -> Result<usize, StorageError> {
    let deleted = with_conn!(conn, c => diesel::delete(auth_pending::table.filter(auth_pending::expires_at.le(now)))
        .execute(c))?;
    Ok(deleted)
}
