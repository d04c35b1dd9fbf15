//! Sign-in throttling state: failures per key (an account or an IP address) within a window,
//! and the time until which the key is locked out. Shared by every app server through the
//! database.

use diesel::prelude::*;

use super::schema::sign_in_throttle as t;
use super::{DbConnection, StorageError, with_conn};

/// How failures turn into a lockout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ThrottlePolicy {
    /// Failures allowed within `window` seconds before a lockout.
    pub max_failures: i64,
    pub window: i64,
    /// Seconds a lockout lasts.
    pub lockout: i64,
}

/// Whether `key` is locked out at `now`.
pub fn is_locked(conn: &mut DbConnection, key: &str, now: i64) -> Result<bool, StorageError> {
    let locked_until =
        with_conn!(conn, c => t::table.find(key).select(t::locked_until).first::<i64>(c).optional())?;
    Ok(locked_until.is_some_and(|until| until > now))
}

/// Counts one failure; returns true when it locked the key out.
pub fn record_failure(
    conn: &mut DbConnection,
    key: &str,
    policy: ThrottlePolicy,
    now: i64,
) -> Result<bool, StorageError> {
    with_conn!(conn, c => c.transaction(|c| {
        let current = t::table
            .find(key)
            .select((t::failures, t::window_started_at))
            .first::<(i64, i64)>(c)
            .optional()?;
        let (failures, started) = match current {
            Some((failures, started)) if now - started < policy.window => (failures + 1, started),
            _ => (1, now),
        };
        let locks = failures >= policy.max_failures;
        let locked_until = if locks { now + policy.lockout } else { 0 };
        // A lockout starts a fresh window, so the count after it begins at zero.
        let (failures, started) = if locks { (0, now) } else { (failures, started) };
        let row = (t::key.eq(key), t::failures.eq(failures), t::window_started_at.eq(started),
            t::locked_until.eq(locked_until));
        diesel::insert_into(t::table)
            .values(row)
            .on_conflict(t::key)
            .do_update()
            .set((t::failures.eq(failures), t::window_started_at.eq(started), t::locked_until.eq(locked_until)))
            .execute(c)?;
        diesel::QueryResult::Ok(locks)
    }))
    .map_err(StorageError::from)
}

/// Forgets the failures of `key` (after a successful sign-in).
pub fn clear(conn: &mut DbConnection, key: &str) -> Result<(), StorageError> {
    with_conn!(conn, c => diesel::delete(t::table.find(key)).execute(c))?;
    Ok(())
}

/// Deletes keys that are not locked and whose window started before `window_started_before`.
pub fn purge_stale(
    conn: &mut DbConnection,
    now: i64,
    window_started_before: i64,
) -> Result<usize, StorageError> {
    let deleted = with_conn!(conn, c => diesel::delete(t::table
            .filter(t::locked_until.le(now))
            .filter(t::window_started_at.lt(window_started_before)))
        .execute(c))?;
    Ok(deleted)
}
