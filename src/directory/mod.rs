//! Directory records into the matching index: conversion of FORMATS.md records into index entries
//! (e-mails hashed with the instance's `EmailKey`, never kept in clear) and loading a folder of
//! FORMATS.md files (`members.jsonl.gz`, `companies.jsonl.gz`); loading it from the database
//! (`database`) and keeping the built index live while it is rebuilt (`live`).

pub mod database;
pub mod live;
pub mod refresh;

use std::path::Path;

use rayon::prelude::*;

use crate::formats::{CompanyRecord, MemberRecord};
use crate::jsonl::{Item, JsonlReader};
use crate::matching::email::{EmailHash, EmailKey, email_domain, normalize_email};
use crate::matching::{CompanyEntry, DirectoryIndex, MemberEntry, ModelParams, PastEntry};

/// The key under which `--directory` folders are hashed: directory files are test and benchmark
/// data, not an instance's database, so a fixed, documented key is enough.
pub fn files_email_key() -> EmailKey {
    EmailKey::derive(b"crmlens-directory-files")
}

/// A member entry from a record: addresses are normalized, hashed with `key` and dropped.
pub fn member_entry(record: MemberRecord, key: &EmailKey) -> MemberEntry {
    let normalized: Vec<String> = record.emails.iter().filter_map(|e| normalize_email(e)).collect();
    let hashes: Vec<EmailHash> = normalized.iter().map(|n| key.hash_normalized(n)).collect();
    let domains: Vec<String> = normalized.iter().map(|n| email_domain(n).to_owned()).collect();
    member_entry_hashed(record, hashes, domains)
}

/// A member entry from a record whose addresses are already hashes (as the database keeps them);
/// the record's `emails` are ignored.
pub fn member_entry_hashed(
    record: MemberRecord,
    email_hashes: Vec<EmailHash>,
    email_domains: Vec<String>,
) -> MemberEntry {
    MemberEntry {
        id: record.id,
        first_name: record.first_name,
        last_name: record.last_name,
        title: record.title,
        company_id: record.company_id,
        company_name: record.company_name,
        email_hashes,
        email_domains,
        past_companies: record
            .past_companies
            .into_iter()
            .map(|p| PastEntry { company_id: p.company_id })
            .collect(),
    }
}

pub fn company_entry(record: CompanyRecord) -> CompanyEntry {
    CompanyEntry {
        id: record.id,
        name: record.name,
        industry: record.industry,
        location: record.location,
        website: record.website,
        size: record.size,
    }
}

/// Why a directory folder could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{0}")]
    Stream(#[from] crate::jsonl::StreamError),
    #[error("{0} (fix the line or remove it, then load again)")]
    BadLine(String),
    #[error("{0} not found: a directory folder holds members.jsonl.gz and companies.jsonl.gz (FORMATS.md)")]
    Missing(String),
}

/// Reads every record of a JSON Lines file; the first bad line stops loading.
pub fn read_all<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, LoadError> {
    let mut reader = JsonlReader::open(&path.to_string_lossy())?;
    let mut out = Vec::new();
    while let Some(item) = reader.next_item::<T>()? {
        match item {
            Item::Record { record, .. } => out.push(record),
            Item::Bad(error) => return Err(LoadError::BadLine(error.to_string())),
        }
    }
    Ok(out)
}

/// Lines parsed per parallel batch (bounded memory whatever the file size).
const BATCH_LINES: usize = 16_384;

/// Reads every record of a JSON Lines file (plain or gzip), parsing batches of lines on all
/// cores; the first bad line stops loading with `FILE:LINE: problem`.
pub fn read_all_parallel<T: serde::de::DeserializeOwned + Send>(path: &Path) -> Result<Vec<T>, LoadError> {
    read_all_parallel_map(path, |record: T| record)
}

/// Like [`read_all_parallel`], converting each record as soon as it is parsed (so that records and
/// their conversions are never all in memory together).
pub fn read_all_parallel_map<T, U, F>(path: &Path, convert: F) -> Result<Vec<U>, LoadError>
where
    T: serde::de::DeserializeOwned,
    U: Send,
    F: Fn(T) -> U + Sync,
{
    use std::io::BufRead;
    let name = path.display().to_string();
    let stream_error = |line: u64, e: std::io::Error| {
        LoadError::Stream(crate::jsonl::StreamError {
            source_name: name.clone(),
            line,
            problem: e.to_string(),
        })
    };
    let file = std::fs::File::open(path).map_err(|e| stream_error(0, e))?;
    let mut peek = std::io::BufReader::with_capacity(1 << 18, file);
    let is_gzip = peek.fill_buf().map_err(|e| stream_error(0, e))?.starts_with(&[0x1f, 0x8b]);
    let reader: Box<dyn BufRead> = if is_gzip {
        Box::new(std::io::BufReader::with_capacity(1 << 18, flate2::read::MultiGzDecoder::new(peek)))
    } else {
        Box::new(peek)
    };
    let mut lines = reader.lines();
    let mut out = Vec::new();
    let mut first_line: u64 = 1;
    loop {
        let mut batch = Vec::with_capacity(BATCH_LINES);
        for line in lines.by_ref().take(BATCH_LINES) {
            batch.push(line.map_err(|e| stream_error(first_line + batch.len() as u64, e))?);
        }
        if batch.is_empty() {
            return Ok(out);
        }
        let parsed: Vec<Result<Option<U>, String>> = batch
            .par_iter()
            .enumerate()
            .map(|(i, text)| {
                parse_line::<T>(text)
                    .map(|record| record.map(&convert))
                    .map_err(|e| format!("{name}:{}: {e}", first_line + i as u64))
            })
            .collect();
        for record in parsed {
            if let Some(record) = record.map_err(LoadError::BadLine)? {
                out.push(record);
            }
        }
        first_line += batch.len() as u64;
    }
}

fn parse_line<T: serde::de::DeserializeOwned>(text: &str) -> Result<Option<T>, serde_json::Error> {
    let text = text.trim();
    if text.is_empty() { Ok(None) } else { serde_json::from_str(text).map(Some) }
}

/// Finds `name.jsonl.gz` or `name.jsonl` in a folder.
fn data_file(dir: &Path, name: &str) -> Result<std::path::PathBuf, LoadError> {
    ["jsonl.gz", "jsonl"]
        .iter()
        .map(|ext| dir.join(format!("{name}.{ext}")))
        .find(|p| p.exists())
        .ok_or_else(|| LoadError::Missing(dir.join(format!("{name}.jsonl.gz")).display().to_string()))
}

/// Loads the entries of a FORMATS.md folder (members and companies read in parallel).
pub fn load_entries(dir: &Path, key: &EmailKey) -> Result<(Vec<MemberEntry>, Vec<CompanyEntry>), LoadError> {
    let members_path = data_file(dir, "members")?;
    let companies_path = data_file(dir, "companies")?;
    let (members, companies) = rayon::join(
        || read_all_parallel_map(&members_path, |record: MemberRecord| member_entry(record, key)),
        || {
            read_all_parallel::<CompanyRecord>(&companies_path)
                .map(|r| r.into_iter().map(company_entry).collect())
        },
    );
    Ok((members?, companies?))
}

/// Loads a FORMATS.md folder and builds its index.
pub fn load_index(dir: &Path, key: &EmailKey, params: ModelParams) -> Result<DirectoryIndex, LoadError> {
    let (members, companies) = load_entries(dir, key)?;
    Ok(DirectoryIndex::build(&members, &companies, params))
}
