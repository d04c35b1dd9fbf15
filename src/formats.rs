//! The JSON Lines records of FORMATS.md: directory, CRM queries, truth and match output.
//!
//! These are wire types: parsed at the boundary, then turned into domain types.

use serde::{Deserialize, Serialize};

/// One line of `members.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberRecord {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub headline: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub company_id: Option<String>,
    #[serde(default)]
    pub company_name: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub emails: Vec<String>,
    #[serde(default)]
    pub past_companies: Vec<PastPosition>,
}

/// A former employer of a member, most recent first in [`MemberRecord::past_companies`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PastPosition {
    #[serde(default)]
    pub company_id: Option<String>,
    #[serde(default)]
    pub company_name: String,
    #[serde(default)]
    pub title: String,
}

/// One line of `companies.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyRecord {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub size: Option<i64>,
    #[serde(default)]
    pub description: String,
}

/// One line of `connections.jsonl`: an undirected edge between two members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConnectionRecord {
    pub a: String,
    pub b: String,
}

/// A lead or contact as a CRM page passes it. Absent, `null` and `""` all mean missing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MemberQuery {
    pub record_id: String,
    #[serde(default)]
    pub crm: Option<String>,
    #[serde(default)]
    pub object: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub company: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// An account or opportunity as a CRM page passes it. Absent, `null` and `""` all mean missing.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct CompanyQuery {
    pub record_id: String,
    #[serde(default)]
    pub crm: Option<String>,
    #[serde(default)]
    pub object: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub industry: Option<String>,
    #[serde(default)]
    pub location: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
}

/// One line of the truth files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TruthRecord {
    pub record_id: String,
    pub entity_id: Option<String>,
    #[serde(default)]
    pub ambiguous: bool,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// What to show for a CRM record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// Confident: show the card directly.
    Match,
    /// Show a pick-list of the candidates.
    Ambiguous,
    /// Nothing to show.
    None,
}

/// One line of match output.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MatchOutput {
    pub record_id: String,
    pub decision: Decision,
    pub entity_id: Option<String>,
    pub candidates: Vec<ScoredCandidate>,
}

/// A candidate entity with its calibrated probability of being the right one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScoredCandidate {
    pub entity_id: String,
    pub score: f64,
}
