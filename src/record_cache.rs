//! Directory records for cards (people and companies by id), kept in memory for the directory
//! index they were read beside: a card shown again reads no database row. Directory data only,
//! never CRM values. An import bumps the directory generation, every server then swaps in a new
//! index, and the new index empties this cache, so a record is never older than the index that
//! matched it.

use std::collections::HashMap;
use std::sync::Arc;

use crate::epoch_cache::EpochCache;
use crate::formats::CompanyRecord;
use crate::matching::DirectoryIndex;
use crate::storage::directory::{self, DirectoryMember};
use crate::storage::{DbConnection, StorageError};

/// How many records of each kind the cache keeps by default (a kilobyte or so each).
pub const DEFAULT_RECORDS: usize = 50_000;

/// Records by entity id; `None` remembers that an id is not in the directory.
pub struct RecordCache {
    members: EpochCache<DirectoryIndex, String, Option<Arc<DirectoryMember>>>,
    companies: EpochCache<DirectoryIndex, String, Option<Arc<CompanyRecord>>>,
}

impl RecordCache {
    pub fn new(capacity: usize) -> Self {
        Self { members: EpochCache::new(capacity), companies: EpochCache::new(capacity) }
    }

    pub fn member(
        &self,
        conn: &mut DbConnection,
        index: &Arc<DirectoryIndex>,
        id: &str,
    ) -> Result<Option<Arc<DirectoryMember>>, StorageError> {
        self.members.get_or_try_insert_with(index, id, || Ok(directory::get_member(conn, id)?.map(Arc::new)))
    }

    /// The members with these ids, in order (`None` for an id not in the directory); those not
    /// kept are read from the database together.
    pub fn members(
        &self,
        conn: &mut DbConnection,
        index: &Arc<DirectoryIndex>,
        ids: &[&str],
    ) -> Result<Vec<Option<Arc<DirectoryMember>>>, StorageError> {
        let kept = self.members.get_or_try_insert_many(index, ids, |missing| {
            let mut found: HashMap<String, Arc<DirectoryMember>> = directory::get_members(conn, missing)?
                .into_iter()
                .map(|m| (m.id.clone(), Arc::new(m)))
                .collect();
            Ok::<_, StorageError>(missing.iter().map(|id| found.remove(*id)).collect())
        })?;
        Ok(kept.into_iter().map(Option::flatten).collect())
    }

    pub fn company(
        &self,
        conn: &mut DbConnection,
        index: &Arc<DirectoryIndex>,
        id: &str,
    ) -> Result<Option<Arc<CompanyRecord>>, StorageError> {
        self.companies
            .get_or_try_insert_with(index, id, || Ok(directory::get_company(conn, id)?.map(Arc::new)))
    }

    /// Makes every lookup read the database (`true`) or use the cache again (`false`).
    pub fn set_cold(&self, cold: bool) {
        self.members.set_cold(cold);
        self.companies.set_cold(cold);
    }
}
