//! A bounded in-memory map whose entries hold for one epoch: a value derived from something that
//! is replaced whole (a directory index, a state of the stored record links) is valid while that
//! epoch lasts, and no longer. A lookup under another epoch empties the map first.
//!
//! What the engine answers and the directory records shown on cards hold for one directory index
//! (an import replaces it); the links of CRM records hold until the next change to any link
//! ([`crate::link_cache`]).
//!
//! Two generations bound it: entries move to `recent` when used; when `recent` is full, `older`
//! is dropped and `recent` becomes it, so the least recently used go first.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::hash::Hash;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

/// Entries of type `V` by `K`, valid for one `Epoch` (compared by identity: the `Arc`).
pub struct EpochCache<Epoch, K, V> {
    capacity: usize,
    entries: Mutex<Generations<Epoch, K, V>>,
    /// When set, every lookup misses (values are still stored): benchmarks use it to measure
    /// the cost of work never seen before.
    cold: AtomicBool,
    hits: AtomicU64,
    misses: AtomicU64,
}

/// The entries of one epoch. Holding the epoch weakly keeps its allocation from being reused by
/// a later epoch (which would then pass for this one) without keeping the epoch itself alive.
struct Generations<Epoch, K, V> {
    epoch: Weak<Epoch>,
    recent: HashMap<K, V>,
    older: HashMap<K, V>,
}

impl<Epoch, K, V> Default for Generations<Epoch, K, V> {
    fn default() -> Self {
        Self { epoch: Weak::new(), recent: HashMap::new(), older: HashMap::new() }
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

impl<Epoch, K: Hash + Eq, V: Clone> EpochCache<Epoch, K, V> {
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

    /// The value kept for `key` in `epoch`, or the one `make` gives (then kept); counted as a hit
    /// or a miss.
    pub fn get_or_try_insert_with<Q, E>(
        &self,
        epoch: &Arc<Epoch>,
        key: &Q,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<V, E>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        if let Some(found) = self.get(epoch, key) {
            return Ok(found);
        }
        let value = make()?;
        self.insert(epoch, key.to_owned(), value.clone());
        Ok(value)
    }

    /// The values kept for `keys` in `epoch`, in order; those not kept are made together by
    /// `make`, given the missing keys in order and answering one value each, and then kept (a
    /// key `make` gave no value for answers `None`). One call of `make` instead of one per key:
    /// a pick-list's records cost one database read, not five.
    pub fn get_or_try_insert_many<Q, E>(
        &self,
        epoch: &Arc<Epoch>,
        keys: &[&Q],
        make: impl FnOnce(&[&Q]) -> Result<Vec<V>, E>,
    ) -> Result<Vec<Option<V>>, E>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ToOwned<Owned = K> + ?Sized,
    {
        let mut values: Vec<Option<V>> = keys.iter().map(|key| self.get(epoch, *key)).collect();
        let missing: Vec<&Q> =
            keys.iter().zip(&values).filter(|(_, v)| v.is_none()).map(|(k, _)| *k).collect();
        if !missing.is_empty() {
            let mut made = make(&missing)?.into_iter();
            for (key, slot) in keys.iter().zip(values.iter_mut()).filter(|(_, v)| v.is_none()) {
                let Some(value) = made.next() else { break };
                self.insert(epoch, (*key).to_owned(), value.clone());
                *slot = Some(value);
            }
        }
        Ok(values)
    }

    fn get<Q>(&self, epoch: &Arc<Epoch>, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let found = self.find(epoch, key);
        let counter = if found.is_some() { &self.hits } else { &self.misses };
        counter.fetch_add(1, Ordering::Relaxed);
        found
    }

    fn insert(&self, epoch: &Arc<Epoch>, key: K, value: V) {
        if self.capacity == 0 {
            return;
        }
        let mut entries = self.entries_for(epoch);
        self.keep(&mut entries, key, value);
    }

    pub fn stats(&self) -> CacheStats {
        CacheStats { hits: self.hits.load(Ordering::Relaxed), misses: self.misses.load(Ordering::Relaxed) }
    }

    /// Makes every lookup miss (`true`) or use the cache again (`false`).
    pub fn set_cold(&self, cold: bool) {
        self.cold.store(cold, Ordering::Relaxed);
    }

    /// How many entries are kept for `epoch`.
    #[cfg(test)]
    fn len(&self, epoch: &Arc<Epoch>) -> usize {
        let entries = self.entries_for(epoch);
        entries.recent.len() + entries.older.len()
    }

    fn find<Q>(&self, epoch: &Arc<Epoch>, key: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        if self.capacity == 0 || self.cold.load(Ordering::Relaxed) {
            return None;
        }
        let mut entries = self.entries_for(epoch);
        if let Some(found) = entries.recent.get(key) {
            return Some(found.clone());
        }
        let (key, found) = entries.older.remove_entry(key)?;
        self.keep(&mut entries, key, found.clone());
        Some(found)
    }

    fn keep(&self, entries: &mut Generations<Epoch, K, V>, key: K, value: V) {
        if entries.recent.len() >= self.capacity.div_ceil(2) {
            entries.older = std::mem::take(&mut entries.recent);
        }
        entries.recent.insert(key, value);
    }

    /// The entries, emptied first when they were filled in another epoch.
    fn entries_for(&self, epoch: &Arc<Epoch>) -> MutexGuard<'_, Generations<Epoch, K, V>> {
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !std::ptr::eq(entries.epoch.as_ptr(), Arc::as_ptr(epoch)) {
            *entries = Generations { epoch: Arc::downgrade(epoch), ..Generations::default() };
        }
        entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn epoch() -> Arc<u8> {
        Arc::new(0)
    }

    #[test]
    fn many_keys_are_made_in_one_call_for_those_not_kept() {
        let cache: EpochCache<u8, String, u32> = EpochCache::new(10);
        let now = epoch();
        cache.get_or_try_insert_with(&now, "b", || Ok::<_, ()>(20)).expect("made");
        let mut asked = Vec::new();
        let values = cache
            .get_or_try_insert_many(&now, &["a", "b", "c"], |missing| {
                asked.extend(missing.iter().map(|k| k.to_string()));
                Ok::<_, ()>(vec![10])
            })
            .expect("made");
        assert_eq!(asked, ["a", "c"], "only the keys not kept, in order");
        assert_eq!(values, [Some(10), Some(20), None], "a key given no value answers None");
        let again = cache.get_or_try_insert_many(&now, &["a"], |_| Err(())).expect("kept");
        assert_eq!(again, [Some(10)]);
    }

    #[test]
    fn a_kept_value_is_found_until_the_epoch_changes() {
        let cache = EpochCache::new(10);
        let epoch = epoch();
        cache.insert(&epoch, "m1".to_owned(), 1);
        assert_eq!(cache.get(&epoch, "m1"), Some(1));
        assert_eq!(cache.get(&epoch, "m2"), None);
        let reloaded = self::epoch();
        assert_eq!(cache.get(&reloaded, "m1"), None);
        assert_eq!(cache.stats(), CacheStats { hits: 1, misses: 2 });
    }

    #[test]
    fn a_value_read_in_an_earlier_epoch_is_not_served_in_the_current_one() {
        let cache = EpochCache::new(10);
        let (earlier, current) = (epoch(), epoch());
        cache.insert(&current, 1, "fresh");
        cache.insert(&earlier, 1, "stale");
        assert_eq!(cache.get(&current, &1), None);
    }

    #[test]
    fn the_cache_stays_bounded_and_keeps_what_is_used() {
        let cache = EpochCache::new(4);
        let epoch = epoch();
        cache.insert(&epoch, 0, "kept");
        for n in 1..20 {
            assert_eq!(cache.get(&epoch, &0), Some("kept"), "the most used entry was dropped");
            cache.insert(&epoch, n, "other");
            assert!(cache.len(&epoch) <= 4);
        }
    }

    #[test]
    fn a_cold_cache_misses_every_lookup() {
        let cache = EpochCache::new(10);
        let epoch = epoch();
        cache.insert(&epoch, 1, 1);
        cache.set_cold(true);
        assert_eq!(cache.get(&epoch, &1), None);
        cache.set_cold(false);
        assert_eq!(cache.get(&epoch, &1), Some(1));
        assert_eq!(CacheStats { hits: 3, misses: 1 }.hit_rate_since(CacheStats::default()), 0.75);
    }
}
