//! Directory records for cards (people and companies by id), kept in memory for the directory
//! index they were read beside: a card shown again reads no database row. Directory data only,
//! never CRM values. An import bumps the directory generation, every server then swaps in a new
//! index, and the new index empties this cache, so a record is never older than the index that
//! matched it.

use std::sync::Arc;

use crate::formats::CompanyRecord;
use crate::index_cache::{CacheStats, IndexCache};
use crate::matching::DirectoryIndex;
use crate::storage::directory::{self, DirectoryMember};
use crate::storage::{DbConnection, StorageError};

/// How many records of each kind the cache keeps by default (a kilobyte or so each).
pub const DEFAULT_RECORDS: usize = 50_000;

/// Records by entity id; `None` remembers that an id is not in the directory.
pub struct RecordCache {
    members: IndexCache<Box<str>, Option<Arc<DirectoryMember>>>,
    companies: IndexCache<Box<str>, Option<Arc<CompanyRecord>>>,
}

impl RecordCache {
    pub fn new(capacity: usize) -> Self {
        Self { members: IndexCache::new(capacity), companies: IndexCache::new(capacity) }
    }

    pub fn member(
        &self,
        conn: &mut DbConnection,
        index: &Arc<DirectoryIndex>,
        id: &str,
    ) -> Result<Option<Arc<DirectoryMember>>, StorageError> {
        read_through(&self.members, index, id, || directory::get_member(conn, id))
    }

    pub fn company(
        &self,
        conn: &mut DbConnection,
        index: &Arc<DirectoryIndex>,
        id: &str,
    ) -> Result<Option<Arc<CompanyRecord>>, StorageError> {
        read_through(&self.companies, index, id, || directory::get_company(conn, id))
    }

    /// Makes every lookup read the database (`true`) or use the cache again (`false`).
    pub fn set_cold(&self, cold: bool) {
        self.members.set_cold(cold);
        self.companies.set_cold(cold);
    }

    /// Lookups of either kind answered from memory, and those that read the database.
    pub fn stats(&self) -> CacheStats {
        let (members, companies) = (self.members.stats(), self.companies.stats());
        CacheStats { hits: members.hits + companies.hits, misses: members.misses + companies.misses }
    }
}

/// The record kept for `id`, or the one `read` finds (then kept).
fn read_through<T>(
    cache: &IndexCache<Box<str>, Option<Arc<T>>>,
    index: &Arc<DirectoryIndex>,
    id: &str,
    read: impl FnOnce() -> Result<Option<T>, StorageError>,
) -> Result<Option<Arc<T>>, StorageError> {
    if let Some(found) = cache.get(index, id) {
        return Ok(found);
    }
    let found = read()?.map(Arc::new);
    cache.insert(index, id.into(), found.clone());
    Ok(found)
}
