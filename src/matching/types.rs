//! What the engine answers: candidates with calibrated scores and per-field evidence, a decision
//! taken from tenant thresholds.

use serde::Serialize;

pub use crate::formats::Decision;

/// When to show a card directly and when a pick-list. Tenants override the defaults.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, serde::Deserialize)]
pub struct Thresholds {
    /// The best candidate's probability from which it is auto-matched.
    pub auto_match: f64,
    /// The best candidate's probability from which a pick-list is shown.
    pub pick_list: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self { auto_match: 0.9, pick_list: 0.05 }
    }
}

impl Thresholds {
    /// The decision for candidates sorted best first.
    pub fn decide(&self, candidates: &[Candidate]) -> Decision {
        match candidates.first() {
            Some(best) if best.score >= self.auto_match => Decision::Match,
            Some(best) if best.score >= self.pick_list => Decision::Ambiguous,
            _ => Decision::None,
        }
    }
}

/// A compared field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    FirstName,
    LastName,
    Email,
    Company,
    Title,
    Name,
    Website,
    Location,
    Industry,
    LegalForm,
}

/// How a field agreed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Agreement {
    Exact,
    Nickname,
    Transliteration,
    Fuzzy,
    Initial,
    Partial,
    Acronym,
    Email,
    Domain,
    PastEmployer,
    Missing,
    Disagreed,
}

/// One field's contribution: its agreement and its log-likelihood-ratio weight (natural log).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Evidence {
    pub field: Field,
    pub agreement: Agreement,
    pub weight: f64,
}

/// A ranked directory entity.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// Position of the entity in the index it was found in.
    #[serde(skip)]
    pub entity: u32,
    pub entity_id: String,
    /// Probability that this entity is the one the record is about.
    pub score: f64,
    pub evidence: Vec<Evidence>,
}

/// The engine's answer for one query.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MatchResult {
    pub decision: Decision,
    pub candidates: Vec<Candidate>,
}

impl MatchResult {
    /// The auto-matched entity, if any.
    pub fn matched(&self) -> Option<&Candidate> {
        (self.decision == Decision::Match).then(|| self.candidates.first()).flatten()
    }
}
