//! A bounded in-memory map whose entries hold for one directory index: what is derived from the
//! directory (the engine's answers, directory records for cards) stays valid until an import
//! replaces the index, and no longer. A new index empties the map on its first use.
//!
//! Two generations bound it: entries move to `recent` when used; when `recent` is full, `older`
//! is dropped and `recent` becomes it, so the least recently used go first.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use crate::matching::DirectoryIndex;

pub struct IndexCache<K, V> {
    capacity: usize,
    entries: Mutex<Generations<K, V>>,
    /// When set, every lookup misses (values are still stored): benchmarks use it to measure
    /// the cost of work never seen before.
    cold: AtomicBool,
    hits: AtomicU64,
    misses: AtomicU64,
}

struct Generations<K, V> {
    index: Weak<DirectoryIndex>,
    recent: HashMap<K, V>,
    older: HashMap<K, V>,
}

impl<K, V> Default for Generations<K, V> {
    fn default() -> Self {
        Self { index: Weak::new(), recent: HashMap::new(), older: HashMap::new() }
    }
}

/// Lookups answered from a cache and lookups that missed, since the start.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct CacheStats {
    pub hits: u64,
    pub misses: u64,
}

impl CacheStats {
    /// The share of lookups answered from the cache between `earlier` and `self`.
    pub fn hit_rate_since(&self, earlier: CacheStats) -> f64 {
        let hits = self.hits.saturating_sub(earlier.hits);
        let total = hits + self.misses.saturating_sub(earlier.misses);
        if total == 0 { 0.0 } else { hits as f64 / total as f64 }
    }
}

impl<K: Hash + Eq, V: Clone> IndexCache<K, V> {
    /// A cache of at most `capacity` entries (0: nothing is kept).
    pub fn new(capacity: usize) -> Self {
        Self {
            capacity,
            entries: Mutex::default(),
            cold: AtomicBool::new(false),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// The value kept for `key` on `index`, or the one `make` gives (then kept); counted as a hit
    /// or a miss.
    pub fn get_or_try_insert_with<Q, E>(
        &self,
        index: &Arc<DirectoryIndex>,
        key: &Q,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, E>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        if let Some(found) = self.get(index, key) {
            return Ok(found);
        }
        let value = make()?;
        self.insert(index, key.to_owned(), value.clone());
        Ok(value)
    }

    fn get<Q>(&self, index: &Arc<DirectoryIndex>, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let found = self.find(index, key);
        let counter = if found.is_some() { &self.hits } else { &self.misses };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    fn insert(&self, index: &Arc<DirectoryIndex>, key: K, value: V) {
        if self.capacity == 0 {
            return;
        }
        let mut entries = self.entries_for(index);
        self.keep(&mut entries, key, value);
    }

    pub fn stats(&self) -> CacheStats {
        CacheStats { hits: self.hits.load(Ordering::Relaxed), misses: self.misses.load(Ordering::Relaxed) }
    }

    /// Makes every lookup miss (`true`) or use the cache again (`false`).
    pub fn set_cold(&self, cold: bool) {
        self.cold.store(cold, Ordering::Relaxed);
    }

    /// How many entries are kept for `index`.
    #[cfg(test)]
    fn len(&self, index: &Arc<DirectoryIndex>) -> usize {
        let entries = self.entries_for(index);
        entries.recent.len() + entries.older.len()
    }

    fn find<Q>(&self, index: &Arc<DirectoryIndex>, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if self.capacity == 0 || self.cold.load(Ordering::Relaxed) {
            return None;
        }
        let mut entries = self.entries_for(index);
        if let Some(found) = entries.recent.get(key) {
            return Some(found.clone());
        }
        let (key, found) = entries.older.remove_entry(key)?;
        self.keep(&mut entries, key, found.clone());
        Some(found)
    }

    fn keep(&self, entries: &mut Generations<K, V>, key: K, value: V) {
        if entries.recent.len() >= self.capacity.div_ceil(2) {
            entries.older = std::mem::take(&mut entries.recent);
        }
        entries.recent.insert(key, value);
    }

    /// The entries, emptied first when they were filled for another index.
    fn entries_for(&self, index: &Arc<DirectoryIndex>) -> MutexGuard<'_, Generations<K, V>> {
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !std::ptr::eq(entries.index.as_ptr(), Arc::as_ptr(index)) {
            *entries = Generations { index: Arc::downgrade(index), ..Generations::default() };
        }
        entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::ModelParams;

    fn index() -> Arc<DirectoryIndex> {
        Arc::new(DirectoryIndex::build(&[], &[], ModelParams::default()))
    }

    #[test]
    fn a_kept_value_is_found_until_the_index_changes() {
        let cache = IndexCache::new(10);
        let index = index();
        cache.insert(&index, "m1".to_owned(), 1);
        assert_eq!(cache.get(&index, "m1"), Some(1));
        assert_eq!(cache.get(&index, "m2"), None);
        let reloaded = self::index();
        assert_eq!(cache.get(&reloaded, "m1"), None);
        assert_eq!(cache.stats(), CacheStats { hits: 1, misses: 2 });
    }

    #[test]
    fn the_cache_stays_bounded_and_keeps_what_is_used() {
        let cache = IndexCache::new(4);
        let index = index();
        cache.insert(&index, 0, "kept");
        for n in 1..20 {
            assert_eq!(cache.get(&index, &0), Some("kept"), "the most used entry was dropped");
            cache.insert(&index, n, "other");
            assert!(cache.len(&index) <= 4);
        }
    }

    #[test]
    fn a_cold_cache_misses_every_lookup() {
        let cache = IndexCache::new(10);
        let index = index();
        cache.insert(&index, 1, 1);
        cache.set_cold(true);
        assert_eq!(cache.get(&index, &1), None);
        cache.set_cold(false);
        assert_eq!(cache.get(&index, &1), Some(1));
        assert_eq!(CacheStats { hits: 3, misses: 1 }.hit_rate_since(CacheStats::default()), 0.75);
    }
}
