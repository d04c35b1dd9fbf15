//! A bounded in-memory cache of the matching engine's answers, so a record viewed again (by the
//! same rep or a colleague) costs no engine query.
//!
//! Privacy: an entry holds only what the engine answered (entity ids, scores, which fields agreed)
//! under a 128-bit keyed hash of the question. The CRM values themselves are never kept: the hash
//! keys are random per process, so a key cannot be recomputed from a guessed name or address, and
//! nothing here is written anywhere.
//!
//! Freshness: an answer depends only on the directory index, the tenant's thresholds, the number
//! of candidates asked for and the values, and all of them are part of the key or of the cache's
//! generation; a new index empties the cache. Overrides and sync mappings are read from the
//! database on every request before the engine is asked, so they never go through here.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher, RandomState};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

use crate::matching::{DirectoryIndex, MatchResult, Thresholds};
use crate::storage::ids::EntityKind;

/// How many answers the cache keeps by default (a few hundred bytes each).
pub const DEFAULT_ENTRIES: usize = 100_000;

/// The engine's answers by question, for one directory index at a time.
pub struct MatchCache {
    keys: (RandomState, RandomState),
    capacity: usize,
    entries: Mutex<Entries>,
    /// When set, every lookup misses (answers are still stored): a benchmark uses it to measure
    /// the cost of questions never seen before.
    cold: AtomicBool,
    hits: AtomicU64,
    misses: AtomicU64,
}

/// Two generations: answers move to `recent` when used; when `recent` is full, `older` is
/// dropped and `recent` becomes it. Bounded at `capacity` answers, least recently used go first.
#[derive(Default)]
struct Entries {
    index: Weak<DirectoryIndex>,
    recent: HashMap<u128, MatchResult>,
    older: HashMap<u128, MatchResult>,
}

/// Lookups answered from the cache and lookups that asked the engine, since the start.
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

/// What the engine is asked: everything its answer depends on besides the index.
pub struct Question<'a> {
    pub kind: EntityKind,
    pub thresholds: Thresholds,
    pub candidates: usize,
    /// The CRM values, in the engine's field order.
    pub values: &'a [Option<&'a str>],
}

impl MatchCache {
    /// A cache of at most `capacity` answers (0: nothing is kept).
    pub fn new(capacity: usize) -> Self {
        Self {
            keys: (RandomState::new(), RandomState::new()),
            capacity,
            entries: Mutex::default(),
            cold: AtomicBool::new(false),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// The answer for `question` on `index`: from the cache, or from `engine` (then kept).
    pub fn answer(
        &self,
        index: &Arc<DirectoryIndex>,
        question: &Question<'_>,
        engine: impl FnOnce() -> MatchResult,
    ) -> MatchResult {
        let key = self.key(question);
        if let Some(found) = self.lookup(index, key) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            return found;
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let answer = engine();
        self.store(index, key, answer.clone());
        answer
    }

    pub fn stats(&self) -> CacheStats {
        CacheStats { hits: self.hits.load(Ordering::Relaxed), misses: self.misses.load(Ordering::Relaxed) }
    }

    /// Makes every lookup miss (`true`) or use the cache again (`false`).
    pub fn set_cold(&self, cold: bool) {
        self.cold.store(cold, Ordering::Relaxed);
    }

    fn key(&self, question: &Question<'_>) -> u128 {
        let hash_with = |state: &RandomState| {
            let mut hasher = state.build_hasher();
            question.kind.as_str().hash(&mut hasher);
            question.thresholds.auto_match.to_bits().hash(&mut hasher);
            question.thresholds.pick_list.to_bits().hash(&mut hasher);
            question.candidates.hash(&mut hasher);
            question.values.hash(&mut hasher);
            hasher.finish()
        };
        (u128::from(hash_with(&self.keys.0)) << 64) | u128::from(hash_with(&self.keys.1))
    }

    fn lookup(&self, index: &Arc<DirectoryIndex>, key: u128) -> Option<MatchResult> {
        if self.capacity == 0 || self.cold.load(Ordering::Relaxed) {
            return None;
        }
        let mut entries = self.entries_for(index);
        if let Some(found) = entries.recent.get(&key) {
            return Some(found.clone());
        }
        let found = entries.older.remove(&key)?;
        self.keep(&mut entries, key, found.clone());
        Some(found)
    }

    fn store(&self, index: &Arc<DirectoryIndex>, key: u128, answer: MatchResult) {
        if self.capacity == 0 {
            return;
        }
        let mut entries = self.entries_for(index);
        self.keep(&mut entries, key, answer);
    }

    fn keep(&self, entries: &mut Entries, key: u128, answer: MatchResult) {
        if entries.recent.len() >= self.capacity.div_ceil(2) {
            entries.older = std::mem::take(&mut entries.recent);
        }
        entries.recent.insert(key, answer);
    }

    /// The entries, emptied first when they were filled for another index.
    fn entries_for(&self, index: &Arc<DirectoryIndex>) -> MutexGuard<'_, Entries> {
        let mut entries = self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !std::ptr::eq(entries.index.as_ptr(), Arc::as_ptr(index)) {
            *entries = Entries { index: Arc::downgrade(index), ..Entries::default() };
        }
        entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::{Candidate, Decision, ModelParams};

    fn answer(id: &str) -> MatchResult {
        let best = Candidate { entity: 0, entity_id: id.into(), score: 0.95, evidence: Vec::new() };
        MatchResult { decision: Decision::Match, candidates: vec![best] }
    }

    fn question<'a>(values: &'a [Option<&'a str>]) -> Question<'a> {
        Question { kind: EntityKind::Member, thresholds: Thresholds::default(), candidates: 5, values }
    }

    fn index() -> Arc<DirectoryIndex> {
        Arc::new(DirectoryIndex::build(&[], &[], ModelParams::default()))
    }

    #[test]
    fn a_question_asked_again_is_answered_without_the_engine() {
        let cache = MatchCache::new(10);
        let index = index();
        let values = [Some("Jane"), None];
        assert_eq!(cache.answer(&index, &question(&values), || answer("m1")), answer("m1"));
        let again = cache.answer(&index, &question(&values), || panic!("the engine was asked again"));
        assert_eq!(again, answer("m1"));
        assert_eq!(cache.stats(), CacheStats { hits: 1, misses: 1 });
    }

    #[test]
    fn other_values_thresholds_or_index_ask_the_engine() {
        let cache = MatchCache::new(10);
        let index = index();
        let values = [Some("Jane")];
        cache.answer(&index, &question(&values), || answer("m1"));
        let other_values = [Some("Jana")];
        assert_eq!(cache.answer(&index, &question(&other_values), || answer("m2")), answer("m2"));
        let mut stricter = question(&values);
        stricter.thresholds.auto_match = 0.99;
        assert_eq!(cache.answer(&index, &stricter, || answer("m3")), answer("m3"));
        let reloaded = self::index();
        assert_eq!(cache.answer(&reloaded, &question(&values), || answer("m4")), answer("m4"));
        assert_eq!(cache.stats().hits, 0);
    }

    #[test]
    fn the_cache_stays_bounded_and_keeps_what_is_used() {
        let cache = MatchCache::new(4);
        let index = index();
        let names: Vec<String> = (0..20).map(|n| format!("name {n}")).collect();
        let values: Vec<[Option<&str>; 1]> = names.iter().map(|name| [Some(name.as_str())]).collect();
        for (n, v) in values.iter().enumerate() {
            cache.answer(&index, &question(&values[0]), || answer("kept"));
            cache.answer(&index, &question(v), || answer(&n.to_string()));
        }
        let entries = cache.entries_for(&index);
        assert!(entries.recent.len() + entries.older.len() <= 4);
        drop(entries);
        cache.answer(&index, &question(&values[0]), || panic!("the most used answer was dropped"));
    }

    #[test]
    fn a_cold_cache_asks_the_engine_every_time() {
        let cache = MatchCache::new(10);
        let index = index();
        let values = [Some("Jane")];
        cache.set_cold(true);
        cache.answer(&index, &question(&values), || answer("m1"));
        cache.answer(&index, &question(&values), || answer("m1"));
        assert_eq!(cache.stats(), CacheStats { hits: 0, misses: 2 });
        assert_eq!(CacheStats { hits: 3, misses: 1 }.hit_rate_since(CacheStats::default()), 0.75);
    }
}
