//! The stored links of CRM records (manual overrides, sync mappings) as cards read them: cached,
//! so that a card shown again reads no database row, yet a change is seen at once on the server
//! that made it and within [`RECHECK`] on every other server over the same database.
//!
//! Every change to `record_links` bumps a generation number in the same transaction (database
//! triggers, so no write path can forget it). The cache holds its entries for one epoch: a server
//! starts a new epoch right after its own writes, and whenever the number it reads (at most every
//! `RECHECK`) has moved. A read that raced a change is kept in the epoch it began in, which has
//! ended, so it is never served after the change was seen.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use crate::epoch_cache::EpochCache;
use crate::storage::record_links::{self, LinkSource, RecordKey, RecordLink};
use crate::storage::{DbConnection, StorageError};

/// How old the generation number this server knows may be: how long a link changed by another
/// server (or the CLI) can take to reach this server's cards.
pub const RECHECK: Duration = Duration::from_millis(100);

/// Records whose links are kept at most; a record costs a few hundred bytes.
const CAPACITY: usize = 100_000;

/// One state of the stored links, compared by identity.
struct LinkEpoch;

pub struct LinkCache {
    links: EpochCache<LinkEpoch, (LinkSource, RecordKey), Option<RecordLink>>,
    current: Mutex<Current>,
}

struct Current {
    epoch: Arc<LinkEpoch>,
    /// The generation number read last (`None`: not read yet).
    generation: Option<i64>,
    checked_at: Option<Instant>,
}

impl Default for LinkCache {
    fn default() -> Self {
        Self::new(CAPACITY)
    }
}

impl LinkCache {
    pub fn new(capacity: usize) -> Self {
        let current = Current { epoch: Arc::new(LinkEpoch), generation: None, checked_at: None };
        Self { links: EpochCache::new(capacity), current: Mutex::new(current) }
    }

    /// The record's link of one source, as stored now (give or take [`RECHECK`] for changes
    /// made elsewhere).
    pub fn get(
        &self,
        conn: &mut DbConnection,
        source: LinkSource,
        key: &RecordKey,
        now: Instant,
    ) -> Result<Option<RecordLink>, StorageError> {
        let epoch = self.epoch(conn, now)?;
        self.links
            .get_or_try_insert_with(&epoch, &(source, key.clone()), || record_links::get(conn, source, key))
    }

    /// Runs a change to the links (e.g. [`record_links::set`], [`record_links::undo`]), then
    /// starts a new epoch, so that this server's next card sees it.
    pub fn change<T>(
        &self,
        conn: &mut DbConnection,
        change: impl FnOnce(&mut DbConnection) -> Result<T, StorageError>,
    ) -> Result<T, StorageError> {
        let changed = change(conn);
        self.forget();
        changed
    }

    /// Starts a new epoch. The generation number known stays the one read before the change, so
    /// the next reading (which sees it moved) starts another epoch: a change made elsewhere in
    /// between is not mistaken for this one.
    fn forget(&self) {
        self.lock().epoch = Arc::new(LinkEpoch);
    }

    /// Makes every lookup read the database (`true`), as for records never seen, or use the
    /// cache again (`false`). For benchmarks.
    pub fn set_cold(&self, cold: bool) {
        self.links.set_cold(cold);
    }

    /// The current epoch, after reading the generation number when the last reading is older
    /// than [`RECHECK`] (a new number starts a new epoch). The lock is held for that one read, so
    /// concurrent cards wait for it rather than all reading the number at once.
    fn epoch(&self, conn: &mut DbConnection, now: Instant) -> Result<Arc<LinkEpoch>, StorageError> {
        let mut current = self.lock();
        let due = current.checked_at.is_none_or(|at| now.saturating_duration_since(at) >= RECHECK);
        if due {
            let generation = record_links::generation(conn)?;
            if current.generation.is_some_and(|known| known != generation) {
                current.epoch = Arc::new(LinkEpoch);
            }
            current.generation = Some(generation);
            current.checked_at = Some(now);
        }
        Ok(Arc::clone(&current.epoch))
    }

    fn lock(&self) -> MutexGuard<'_, Current> {
        self.current.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
