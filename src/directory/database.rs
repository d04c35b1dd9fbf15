//! Builds the matching index from the directory in the database, page by page.

use crate::formats::{MemberRecord, PastPosition};
use crate::matching::{CompanyEntry, DirectoryIndex, MemberEntry, ModelParams};
use crate::storage::directory::{self as stored, DirectoryMember};
use crate::storage::{DbConnection, StorageError};

const PAGE_SIZE: usize = 10_000;

/// Reads every company and member and builds the index.
pub fn load_index(conn: &mut DbConnection, params: ModelParams) -> Result<DirectoryIndex, StorageError> {
    let companies = load_companies(conn)?;
    let members = load_members(conn)?;
    Ok(DirectoryIndex::build(&members, &companies, params))
}

fn load_companies(conn: &mut DbConnection) -> Result<Vec<CompanyEntry>, StorageError> {
    let mut entries = Vec::new();
    for page in stored::company_pages(conn, PAGE_SIZE) {
        entries.extend(page?.into_iter().map(super::company_entry));
    }
    Ok(entries)
}

fn load_members(conn: &mut DbConnection) -> Result<Vec<MemberEntry>, StorageError> {
    let mut entries = Vec::new();
    for page in stored::member_pages(conn, PAGE_SIZE) {
        entries.extend(page?.into_iter().map(member_entry));
    }
    Ok(entries)
}

fn member_entry(member: DirectoryMember) -> MemberEntry {
    let (hashes, domains) = member.emails.into_iter().map(|e| (e.hash, e.domain)).unzip();
    let record = MemberRecord {
        id: member.id,
        first_name: member.first_name,
        last_name: member.last_name,
        headline: String::new(),
        title: member.title,
        company_id: member.company_id,
        company_name: member.company_name,
        location: member.location,
        emails: Vec::new(),
        past_companies: member
            .past_positions
            .into_iter()
            .map(|p| PastPosition { company_id: p.company_id, company_name: p.company_name, title: p.title })
            .collect(),
    };
    super::member_entry_hashed(record, hashes, domains)
}
