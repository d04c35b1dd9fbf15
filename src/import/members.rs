//! `members.jsonl`: e-mail addresses are normalized and stored only as keyed hashes.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::formats::{MemberRecord, PastPosition};
use crate::matching::email::{EmailKey, email_domain, normalize_email};
use crate::storage::directory::{self, DirectoryMember, MemberEmail};
use crate::storage::ids::is_directory_id;
use crate::storage::{DbConnection, StorageError};

use super::Importer;

/// Imports members, hashing their addresses under `key`.
pub struct Members {
    key: EmailKey,
    unusable_emails: AtomicU64,
}

impl Members {
    pub fn new(key: EmailKey) -> Self {
        Self { key, unusable_emails: AtomicU64::new(0) }
    }

    /// Addresses dropped because they are not addresses (`n/a`, `jane@`).
    pub fn unusable_emails(&self) -> u64 {
        self.unusable_emails.load(Ordering::Relaxed)
    }

    fn hash_emails(&self, raw: &[String]) -> Vec<MemberEmail> {
        let mut emails: Vec<MemberEmail> = raw
            .iter()
            .filter_map(|address| {
                let normalized = normalize_email(address);
                if normalized.is_none() {
                    self.unusable_emails.fetch_add(1, Ordering::Relaxed);
                }
                normalized
            })
            .map(|n| MemberEmail { hash: self.key.hash_normalized(&n), domain: email_domain(&n).to_owned() })
            .collect();
        emails.sort();
        emails.dedup_by(|a, b| a.hash == b.hash);
        emails
    }
}

impl Importer for Members {
    type Record = MemberRecord;
    type Row = DirectoryMember;
    const NOUN: &'static str = "members";

    fn prepare(&self, r: MemberRecord) -> Result<DirectoryMember, (String, String)> {
        check_id("id", &r.id)?;
        if r.first_name.trim().is_empty() && r.last_name.trim().is_empty() {
            return Err(("first_name".into(), "a member needs a first or last name".into()));
        }
        let company_id = optional_id("company_id", r.company_id)?;
        let past_positions = r
            .past_companies
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let company_id = optional_id(&format!("past_companies[{i}].company_id"), p.company_id)?;
                Ok::<_, (String, String)>(PastPosition { company_id, ..p })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let emails = self.hash_emails(&r.emails);
        Ok(DirectoryMember {
            id: r.id,
            first_name: r.first_name,
            last_name: r.last_name,
            headline: r.headline,
            title: r.title,
            company_id,
            company_name: r.company_name,
            location: r.location,
            past_positions,
            emails,
        })
    }

    fn batch_key(row: &DirectoryMember) -> Option<&str> {
        Some(&row.id)
    }

    fn write(&self, conn: &mut DbConnection, rows: &[DirectoryMember]) -> Result<usize, StorageError> {
        directory::upsert_members(conn, rows)
    }
}

/// A required directory id.
pub(super) fn check_id(field: &str, id: &str) -> Result<(), (String, String)> {
    if is_directory_id(id) {
        Ok(())
    } else if id.is_empty() {
        Err((field.to_owned(), "must not be empty".to_owned()))
    } else {
        Err((field.to_owned(), format!("{id:?} is not an id (1-64 ASCII letters, digits, _ . : -)")))
    }
}

/// An optional company id: `null` and `""` both mean none.
fn optional_id(field: &str, id: Option<String>) -> Result<Option<String>, (String, String)> {
    match id.filter(|id| !id.is_empty()) {
        Some(id) => check_id(field, &id).map(|()| Some(id)),
        None => Ok(None),
    }
}
