//! The demo CRM's records: leads, contacts, accounts and opportunities drawn from the same
//! deterministic generator that seeded the demo directory (same seed, so the same people), picked
//! to show every situation a rep meets: clean matches, nicknames, stale employers, namesakes,
//! lookalike company names, and people or companies the directory does not hold.

use std::path::Path;

use anyhow::Context;

use crate::demo_data::{self, DemoSpec, Quiet};
use crate::formats::{CompanyQuery, MemberQuery, TruthRecord};
use crate::jsonl::{Item, JsonlReader};

/// CRM queries generated to choose the showcase records from.
const GENERATED_QUERIES: u64 = 600;
/// Records shown per situation and CRM.
const PER_SITUATION: usize = 2;

/// Why a record is in the demo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Situation {
    Clean,
    Nickname,
    StaleCompany,
    Namesake,
    Lookalike,
    Absent,
}

impl Situation {
    pub fn label(self) -> &'static str {
        match self {
            Self::Clean => "clean match",
            Self::Nickname => "nickname",
            Self::StaleCompany => "stale company",
            Self::Namesake => "namesakes (pick-list)",
            Self::Lookalike => "abbreviated name",
            Self::Absent => "not in the directory",
        }
    }

    fn of(truth: &TruthRecord) -> Option<Self> {
        let tagged = |tag: &str| truth.tags.iter().any(|t| t == tag);
        let situation = if truth.entity_id.is_none() {
            Self::Absent
        } else if truth.ambiguous {
            Self::Namesake
        } else if tagged("twin") {
            return None;
        } else if tagged("nickname") {
            Self::Nickname
        } else if tagged("company_stale") {
            Self::StaleCompany
        } else if tagged("name_abbrev") || tagged("name_acronym") || tagged("co_acronym") {
            Self::Lookalike
        } else if truth.tags.len() <= 1 && !tagged("company_missing") {
            Self::Clean
        } else {
            return None;
        };
        Some(situation)
    }
}

/// One CRM record as the demo pages show it.
#[derive(Debug, Clone)]
pub struct DemoRecord {
    pub crm: String,
    pub object: String,
    pub record_id: String,
    pub situation: Situation,
    /// (FORMATS.md field, value) in display order.
    pub fields: Vec<(&'static str, String)>,
}

impl DemoRecord {
    pub fn field(&self, name: &str) -> &str {
        self.fields.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| v.as_str())
    }

    /// What the record is called on list and record pages.
    pub fn title(&self) -> String {
        if self.object == "lead" || self.object == "contact" {
            format!("{} {}", self.field("first_name"), self.field("last_name")).trim().to_owned()
        } else {
            self.field("name").to_owned()
        }
    }

    pub fn is_person(&self) -> bool {
        self.object == "lead" || self.object == "contact"
    }
}

/// Generates the demo CRM records (the seeded directory's generator, seed and sizes).
pub fn generate(members: u64, companies: u64, seed: u64) -> anyhow::Result<Vec<DemoRecord>> {
    let dir = tempfile::tempdir().context("cannot create a temporary folder for the demo CRM")?;
    let spec = DemoSpec { members, companies, seed, queries: GENERATED_QUERIES };
    demo_data::generate(&spec, dir.path(), &mut Quiet)?;
    let mut records = Vec::new();
    let people: Vec<(MemberQuery, TruthRecord)> = read_pairs(dir.path(), "member")?;
    for (query, truth) in people {
        let fields = [
            ("first_name", query.first_name),
            ("last_name", query.last_name),
            ("company", query.company),
            ("title", query.title),
            ("email", query.email),
        ];
        push(&mut records, query.crm, query.object, query.record_id, &truth, &fields);
    }
    let accounts: Vec<(CompanyQuery, TruthRecord)> = read_pairs(dir.path(), "company")?;
    for (query, truth) in accounts {
        let fields = [
            ("name", query.name),
            ("industry", query.industry),
            ("location", query.location),
            ("website", query.website),
        ];
        push(&mut records, query.crm, query.object, query.record_id, &truth, &fields);
    }
    records.sort_by_key(|r| (!r.is_person(), r.situation as u8));
    Ok(records)
}

fn push(
    records: &mut Vec<DemoRecord>,
    crm: Option<String>,
    object: Option<String>,
    record_id: String,
    truth: &TruthRecord,
    fields: &[(&'static str, Option<String>)],
) {
    let (Some(crm), Some(object), Some(situation)) = (crm, object, Situation::of(truth)) else { return };
    let taken = records
        .iter()
        .filter(|r| {
            r.crm == crm
                && r.situation == situation
                && r.is_person() == matches!(object.as_str(), "lead" | "contact")
        })
        .count();
    if taken >= PER_SITUATION {
        return;
    }
    let fields = fields.iter().map(|(name, value)| (*name, value.clone().unwrap_or_default())).collect();
    records.push(DemoRecord { crm, object, record_id, situation, fields });
}

fn read_pairs<Q: serde::de::DeserializeOwned, T: serde::de::DeserializeOwned>(
    dir: &Path,
    kind: &str,
) -> anyhow::Result<Vec<(Q, T)>> {
    let queries: Vec<Q> = read_all(&dir.join(format!("{kind}_queries.jsonl.gz")))?;
    let truths: Vec<T> = read_all(&dir.join(format!("{kind}_truth.jsonl.gz")))?;
    Ok(queries.into_iter().zip(truths).collect())
}

fn read_all<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<Vec<T>> {
    let mut reader = JsonlReader::open(&path.display().to_string())?;
    let mut out = Vec::new();
    while let Some(item) = reader.next_item::<T>()? {
        if let Item::Record { record, .. } = item {
            out.push(record);
        }
    }
    Ok(out)
}
