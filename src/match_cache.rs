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

use std::convert::Infallible;
use std::hash::{BuildHasher, Hash, Hasher, RandomState};
use std::sync::Arc;

pub use crate::epoch_cache::CacheStats;
use crate::epoch_cache::EpochCache;
use crate::matching::{DirectoryIndex, MatchResult, Thresholds};
use crate::storage::ids::EntityKind;

/// How many answers the cache keeps by default (a few hundred bytes each).
pub const DEFAULT_ENTRIES: usize = 100_000;

/// The engine's answers by question, for one directory index at a time.
pub struct MatchCache {
    keys: (RandomState, RandomState),
    answers: EpochCache<DirectoryIndex, u128, MatchResult>,
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
        Self { keys: (RandomState::new(), RandomState::new()), answers: EpochCache::new(capacity) }
    }

    /// The answer for `question` on `index`: from the cache, or from `engine` (then kept).
    pub fn answer(
        &self,
        index: &Arc<DirectoryIndex>,
        question: &Question<'_>,
        engine: impl FnOnce() -> MatchResult,
    ) -> MatchResult {
        let key = self.key(question);
        let Ok(answer) = self.answers.get_or_try_insert_with(index, &key, || Ok::<_, Infallible>(engine()));
        answer
    }

    pub fn stats(&self) -> CacheStats {
        self.answers.stats()
    }

    /// Makes every lookup miss (`true`) or use the cache again (`false`).
    pub fn set_cold(&self, cold: bool) {
        self.answers.set_cold(cold);
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
    fn a_cold_cache_asks_the_engine_every_time() {
        let cache = MatchCache::new(10);
        let index = index();
        let values = [Some("Jane")];
        cache.set_cold(true);
        cache.answer(&index, &question(&values), || answer("m1"));
        cache.answer(&index, &question(&values), || answer("m1"));
        assert_eq!(cache.stats(), CacheStats { hits: 0, misses: 2 });
    }
}
