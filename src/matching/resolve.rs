//! The resolver shared by widgets, the JSON API, batch matching and CRM sync: a manual override
//! first, then a sync mapping when the tenant enabled sync, then the engine. The caller looks the
//! override and mapping up itself and passes them in, so this stays pure.

use serde::Serialize;

use super::types::{Candidate, Decision, MatchResult};

/// Which step produced the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Override,
    Sync,
    Match,
}

/// What the caller found for this CRM record before asking the engine.
#[derive(Debug, Clone, Default)]
pub struct Lookups {
    /// Entity a user pinned for this record (`Some(None)`: pinned to "nobody").
    pub manual_override: Option<Option<String>>,
    /// Entity the CRM sync mapped this record to.
    pub sync_mapping: Option<String>,
    /// Whether the tenant enabled CRM sync.
    pub sync_enabled: bool,
}

/// The resolved answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resolution {
    pub source: Source,
    pub result: MatchResult,
}

/// Resolves a record: override, then sync mapping (if enabled), then `engine` (only called when needed).
pub fn resolve(lookups: &Lookups, engine: impl FnOnce() -> MatchResult) -> Resolution {
    if let Some(pinned) = &lookups.manual_override {
        return Resolution { source: Source::Override, result: fixed(pinned.as_deref()) };
    }
    if let Some(mapped) = lookups.sync_mapping.as_ref().filter(|_| lookups.sync_enabled) {
        return Resolution { source: Source::Sync, result: fixed(Some(mapped)) };
    }
    Resolution { source: Source::Match, result: engine() }
}

fn fixed(entity: Option<&str>) -> MatchResult {
    match entity {
        Some(id) => MatchResult {
            decision: Decision::Match,
            candidates: vec![Candidate {
                entity: u32::MAX,
                entity_id: id.to_owned(),
                score: 1.0,
                evidence: Vec::new(),
            }],
        },
        None => MatchResult { decision: Decision::None, candidates: Vec::new() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine() -> MatchResult {
        MatchResult { decision: Decision::None, candidates: Vec::new() }
    }

    #[test]
    fn override_wins_then_sync_only_when_enabled() {
        let mut lookups = Lookups {
            manual_override: Some(Some("m1".into())),
            sync_mapping: Some("m2".into()),
            sync_enabled: true,
        };
        assert_eq!(resolve(&lookups, engine).source, Source::Override);
        lookups.manual_override = None;
        let sync = resolve(&lookups, engine);
        assert_eq!((sync.source, sync.result.candidates[0].entity_id.as_str()), (Source::Sync, "m2"));
        lookups.sync_enabled = false;
        assert_eq!(resolve(&lookups, engine).source, Source::Match);
    }

    #[test]
    fn override_to_nobody_shows_nothing() {
        let lookups = Lookups { manual_override: Some(None), ..Lookups::default() };
        let resolved = resolve(&lookups, || unreachable!("engine not consulted"));
        assert_eq!(resolved.result.decision, Decision::None);
    }
}
