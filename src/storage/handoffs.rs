//! One-time sign-in handoffs: a finished sign-in (in the top-level popup) waiting to be redeemed
//! by the CRM iframe that holds the secret whose SHA-256 is stored here. Single use: redeeming
//! deletes the row in the same statement that reads it.

use diesel::prelude::*;

use super::ids::UserId;
use super::schema::sign_in_handoffs as h;
use super::{DbConnection, StorageError, unique_violation_as, with_conn};

/// A redeemed handoff: who signed in and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handoff {
    pub user: UserId,
    pub method: String,
}

/// Records a handoff for the iframe holding the secret hashed as `secret_hash`. A hash with a
/// handoff already waiting is refused: each secret serves one sign-in.
pub fn put(
    conn: &mut DbConnection,
    secret_hash: &str,
    user: UserId,
    method: &str,
    expires_at: i64,
) -> Result<(), StorageError> {
    let row = (
        h::secret_hash.eq(secret_hash),
        h::user_id.eq(user.0),
        h::method.eq(method),
        h::expires_at.eq(expires_at),
    );
    let inserted = with_conn!(conn, c => diesel::insert_into(h::table).values(row).execute(c));
    inserted.map_err(unique_violation_as(|| "this sign-in handoff was already used".to_owned()))?;
    Ok(())
}

/// Takes the handoff for `secret_hash` if it exists and has not expired; it can never be taken
/// again. Expired handoffs are purged on the way.
pub fn redeem(conn: &mut DbConnection, secret_hash: &str, now: i64) -> Result<Option<Handoff>, StorageError> {
    with_conn!(conn, c => diesel::delete(h::table.filter(h::expires_at.le(now))).execute(c))?;
    let taken = with_conn!(conn, c => diesel::delete(h::table.filter(h::secret_hash.eq(secret_hash)))
        .returning((h::user_id, h::method))
        .get_result::<(i64, String)>(c)
        .optional())?;
    Ok(taken.map(|(user, method)| Handoff { user: UserId(user), method }))
}
