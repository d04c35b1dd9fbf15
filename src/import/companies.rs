//! `companies.jsonl`.

use crate::formats::CompanyRecord;
use crate::storage::directory;
use crate::storage::{DbConnection, StorageError};

use super::Importer;
use super::members::check_id;

/// Imports companies.
pub struct Companies;

impl Importer for Companies {
    type Record = CompanyRecord;
    type Row = CompanyRecord;
    const NOUN: &'static str = "companies";

    fn prepare(&self, record: CompanyRecord) -> Result<CompanyRecord, (String, String)> {
        check_id("id", &record.id)?;
        if record.name.trim().is_empty() {
            return Err(("name".into(), "a company needs a name".into()));
        }
        if record.size.is_some_and(|size| size < 0) {
            return Err(("size".into(), "must not be negative".into()));
        }
        Ok(record)
    }

    fn batch_key(row: &CompanyRecord) -> Option<&str> {
        Some(&row.id)
    }

    fn write(&self, conn: &mut DbConnection, rows: &[CompanyRecord]) -> Result<usize, StorageError> {
        directory::upsert_companies(conn, rows)
    }
}
