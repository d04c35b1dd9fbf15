//! Directory records into the matching index: conversion of FORMATS.md records into index entries
//! (e-mails hashed with the instance's `EmailKey`, never kept in clear) and loading a folder of
//! FORMATS.md files (`members.jsonl.gz`, `companies.jsonl.gz`); loading it from the database
//! (`database`) and keeping the built index live while it is rebuilt (`live`).

pub mod database;
pub mod live;
pub mod refresh;

use std::borrow::Cow;
use std::path::Path;

use rayon::prelude::*;

use crate::formats::{CompanyRecord, MemberRecord};
use crate::jsonl::{Item, JsonlReader};
use crate::matching::email::{EmailHash, EmailKey, email_domain, normalize_email};
use crate::matching::{CompanyEntry, DirectoryBuilder, DirectoryIndex, MemberEntry, ModelParams, PastEntry};

/// The key under which `--directory` folders are hashed: directory files are test and benchmark
/// data, not an instance's database, so a fixed, documented key is enough.
pub fn files_email_key() -> EmailKey {
    EmailKey::derive(b"crmlens-directory-files")
}

/// The keyed hashes and the domains of the addresses that normalize.
fn hashed_emails<'a>(emails: impl Iterator<Item = &'a str>, key: &EmailKey) -> (Vec<EmailHash>, Vec<String>) {
    emails.filter_map(normalize_email).map(|n| (key.hash_normalized(&n), email_domain(&n).to_owned())).unzip()
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

/// A `members.jsonl` line as loading reads it ([`MemberRecord`]'s fields, checked alike): the
/// fields the index keeps are parsed into owned strings, the others are only checked, borrowed
/// from the line instead of copied.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberLine<'a> {
    id: String,
    first_name: String,
    last_name: String,
    #[serde(default, rename = "headline")]
    _headline: Checked,
    #[serde(default)]
    title: String,
    #[serde(default)]
    company_id: Option<String>,
    #[serde(default)]
    company_name: String,
    #[serde(default, rename = "location")]
    _location: Checked,
    #[serde(default, borrow)]
    emails: Vec<Text<'a>>,
    #[serde(default)]
    past_companies: Vec<PastLine>,
}

/// A former employer as loading reads it ([`crate::formats::PastPosition`]'s fields).
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PastLine {
    #[serde(default)]
    company_id: Option<String>,
    #[serde(default, rename = "company_name")]
    _company_name: Checked,
    #[serde(default, rename = "title")]
    _title: Checked,
}

/// A JSON string borrowed from the line when it has no escapes (copied when it has).
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> serde::Deserialize<'de> for Text<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor(std::marker::PhantomData))
    }
}

/// A JSON string that must be there (as in the wire type) but is not kept.
#[derive(Default)]
struct Checked;

impl<'de> serde::Deserialize<'de> for Checked {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(TextVisitor(std::marker::PhantomData)).map(|_| Checked)
    }
}

struct TextVisitor<'a>(std::marker::PhantomData<&'a ()>);

impl<'de: 'a, 'a> serde::de::Visitor<'de> for TextVisitor<'a> {
    type Value = Text<'a>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        formatter.write_str("a string")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(Text(Cow::Borrowed(text)))
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(Text(Cow::Owned(text.to_owned())))
    }

    fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(Text(Cow::Owned(text)))
    }
}

impl MemberLine<'_> {
    fn into_entry(self, key: &EmailKey) -> MemberEntry {
        let (email_hashes, email_domains) = hashed_emails(self.emails.iter().map(|e| e.0.as_ref()), key);
        MemberEntry {
            id: self.id,
            first_name: self.first_name,
            last_name: self.last_name,
            title: self.title,
            company_id: self.company_id,
            company_name: self.company_name,
            email_hashes,
            email_domains,
            past_companies: self
                .past_companies
                .into_iter()
                .map(|p| PastEntry { company_id: p.company_id })
                .collect(),
        }
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

/// Decompressed text handed from the reading thread to the parsing cores at a time (whole lines;
/// bounded memory whatever the file size).
const CHUNK_BYTES: usize = 1 << 20;

/// Chunks read ahead of the one being parsed.
const CHUNKS_AHEAD: usize = 2;

/// Reads every non-blank line of a JSON Lines file (plain or gzip) through `parse`, on all cores,
/// keeping the results in file order; the first line `parse` rejects stops loading with
/// `FILE:LINE: problem`.
fn read_lines_parallel<U, F>(path: &Path, parse: F) -> Result<Vec<U>, LoadError>
where
    U: Send,
    F: Fn(&str) -> Result<U, String> + Sync,
{
    with_parsed_chunks(path, parse, |chunks, expected_lines| {
        let mut out = Vec::with_capacity(expected_lines);
        for chunk in chunks {
            out.extend(chunk?);
        }
        Ok(out)
    })
}

/// The records of a JSON Lines file, a chunk at a time.
type ParsedChunks<'a, U> = dyn Iterator<Item = Result<Vec<U>, LoadError>> + Send + 'a;

/// Hands `consume` the non-blank lines of a JSON Lines file (plain or gzip) parsed through
/// `parse`, a chunk at a time in file order (the first line `parse` rejects ends them with
/// `FILE:LINE: problem`), and an estimate of how many lines there are. One thread decompresses
/// and cuts the text into chunks of whole lines; each chunk is parsed on all cores when
/// `consume` asks for it.
fn with_parsed_chunks<U, F, R>(
    path: &Path,
    parse: F,
    consume: impl FnOnce(&mut ParsedChunks<'_, U>, usize) -> Result<R, LoadError>,
) -> Result<R, LoadError>
where
    U: Send,
    F: Fn(&str) -> Result<U, String> + Sync,
{
    let name = path.display().to_string();
    let stream_error = |line: u64, e: std::io::Error| {
        LoadError::Stream(crate::jsonl::StreamError {
            source_name: name.clone(),
            line,
            problem: e.to_string(),
        })
    };
    let text = std::fs::File::open(path)
        .and_then(|file| crate::jsonl::decompressed(Box::new(file)))
        .map_err(|e| stream_error(0, e))?;
    std::thread::scope(|scope| {
        let (sender, received) = std::sync::mpsc::sync_channel(CHUNKS_AHEAD);
        scope.spawn(move || send_chunks(text, &sender));
        let mut received = received.into_iter();
        let first = received.next();
        let expected_lines = match &first {
            Some(Ok(chunk)) => estimated_lines(chunk, estimated_text_bytes(path)),
            _ => 0,
        };
        let mut first_line: u64 = 1;
        let mut chunks = first.into_iter().chain(received).map(|chunk| {
            let chunk = chunk.map_err(|e| stream_error(first_line, e))?;
            let lines: Vec<&[u8]> =
                chunk.strip_suffix(b"\n").unwrap_or(&chunk).split(|b| *b == b'\n').collect();
            let chunk_first_line = first_line;
            let parsed: Vec<Result<Option<U>, String>> = lines
                .par_iter()
                .enumerate()
                .map(|(i, line)| {
                    parse_line(line, &parse)
                        .map_err(|problem| format!("{name}:{}: {problem}", chunk_first_line + i as u64))
                })
                .collect();
            first_line += lines.len() as u64;
            let mut records = Vec::with_capacity(parsed.len());
            for record in parsed {
                records.extend(record.map_err(LoadError::BadLine)?);
            }
            Ok(records)
        });
        consume(&mut chunks, expected_lines)
    })
}

/// Lines in all, estimated from the first chunk of text and the size of the whole.
fn estimated_lines(first_chunk: &[u8], text_bytes: u64) -> usize {
    let lines = first_chunk.iter().filter(|b| **b == b'\n').count().max(1) as u64;
    let chunk_bytes = first_chunk.len().max(1) as u64;
    usize::try_from(lines * text_bytes.max(chunk_bytes) / chunk_bytes).unwrap_or(usize::MAX)
}

/// The size of a file's text, an estimate for sizing buffers: a gzip file's record of it (its
/// last four bytes, the size modulo 4 GiB of its last member), else the file's size.
fn estimated_text_bytes(path: &Path) -> u64 {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut file) = std::fs::File::open(path) else { return 0 };
    let file_bytes = file.metadata().map_or(0, |m| m.len());
    let mut magic = [0u8; 2];
    if file.read_exact(&mut magic).is_err() || magic != crate::jsonl::GZIP_MAGIC {
        return file_bytes;
    }
    let mut recorded = [0u8; 4];
    if file.seek(SeekFrom::End(-4)).is_err() || file.read_exact(&mut recorded).is_err() {
        return file_bytes;
    }
    let recorded = u64::from(u32::from_le_bytes(recorded));
    // Less than the compressed size: past 4 GiB or several members; JSON text is rarely less
    // than four times its gzip size.
    if recorded < file_bytes { file_bytes * 4 } else { recorded }
}

/// Sends the text in chunks of whole lines (the last may lack its newline) until the end, an
/// error, or the receiver hanging up.
fn send_chunks(mut text: impl std::io::Read, chunks: &std::sync::mpsc::SyncSender<std::io::Result<Vec<u8>>>) {
    use std::io::Read;
    let mut unfinished: Vec<u8> = Vec::new();
    loop {
        let mut chunk = std::mem::take(&mut unfinished);
        chunk.reserve(CHUNK_BYTES);
        match (&mut text).take(CHUNK_BYTES as u64).read_to_end(&mut chunk) {
            Err(e) => {
                let _ = chunks.send(Err(e));
                return;
            }
            Ok(0) => {
                if !chunk.is_empty() {
                    let _ = chunks.send(Ok(chunk));
                }
                return;
            }
            Ok(_) => match chunk.iter().rposition(|b| *b == b'\n') {
                Some(end) => {
                    unfinished = chunk.split_off(end + 1);
                    if chunks.send(Ok(chunk)).is_err() {
                        return;
                    }
                }
                // A line longer than a chunk: read on.
                None => unfinished = chunk,
            },
        }
    }
}

fn parse_line<U>(line: &[u8], parse: impl Fn(&str) -> Result<U, String>) -> Result<Option<U>, String> {
    let text = std::str::from_utf8(line)
        .map_err(|e| format!("not valid UTF-8 (bad byte at column {})", e.valid_up_to() + 1))?
        .trim();
    if text.is_empty() {
        return Ok(None);
    }
    parse(text).map(Some)
}

fn parsed<'a, T: serde::Deserialize<'a>>(text: &'a str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| e.to_string())
}

/// Finds `name.jsonl.gz` or `name.jsonl` in a folder.
fn data_file(dir: &Path, name: &str) -> Result<std::path::PathBuf, LoadError> {
    ["jsonl.gz", "jsonl"]
        .iter()
        .map(|ext| dir.join(format!("{name}.{ext}")))
        .find(|p| p.exists())
        .ok_or_else(|| LoadError::Missing(dir.join(format!("{name}.jsonl.gz")).display().to_string()))
}

/// Loads a FORMATS.md folder and builds its index: the companies first, then the members
/// streamed into the index a chunk at a time as they are parsed (never all their entries at once).
pub fn load_index(dir: &Path, key: &EmailKey, params: ModelParams) -> Result<DirectoryIndex, LoadError> {
    let members_path = data_file(dir, "members")?;
    let companies = read_companies(&data_file(dir, "companies")?)?;
    with_parsed_chunks(&members_path, member_parser(key), |chunks, expected_members| {
        let mut builder = DirectoryBuilder::new(&companies, expected_members);
        builder.add_members(chunks)?;
        Ok(builder.finish(params))
    })
}

fn read_companies(path: &Path) -> Result<Vec<CompanyEntry>, LoadError> {
    read_lines_parallel(path, |text| parsed(text).map(company_entry))
}

/// Parses a `members.jsonl` line into its entry, its addresses hashed with `key`.
fn member_parser(key: &EmailKey) -> impl Fn(&str) -> Result<MemberEntry, String> + Sync + '_ {
    move |text| parsed(text).map(|line: MemberLine| line.into_entry(key))
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;
    use crate::formats::ConnectionRecord;

    /// Lines enough to span several chunks.
    const LINES: usize = 60_000;

    fn edges_text(bad_line: Option<usize>) -> String {
        let mut text = String::new();
        for i in 1..=LINES {
            match i {
                _ if Some(i) == bad_line => text.push_str("{\"a\":\"m1\"}\n"),
                _ if i % 1000 == 0 => text.push_str("   \r\n"),
                _ => text.push_str(&format!("{{\"a\":\"m{i}\",\"b\":\"m{}\"}}\r\n", i + 1)),
            }
        }
        text.truncate(text.trim_end().len());
        text
    }

    fn write_gzip(text: &str) -> tempfile::NamedTempFile {
        let file = tempfile::NamedTempFile::new().expect("temp file");
        let mut gz = flate2::write::GzEncoder::new(file.reopen().expect("reopen"), Default::default());
        gz.write_all(text.as_bytes()).expect("write");
        gz.finish().expect("finish");
        file
    }

    #[test]
    fn reads_every_record_in_order_across_chunks() {
        let file = write_gzip(&edges_text(None));
        let edges: Vec<ConnectionRecord> =
            read_lines_parallel(file.path(), |text| parsed(text)).expect("loads");
        assert_eq!(edges.len(), LINES - LINES / 1000);
        assert!(
            edges.iter().map(|e| &e.a).eq((1..=LINES)
                .filter(|i| i % 1000 != 0)
                .map(|i| format!("m{i}"))
                .collect::<Vec<_>>()
                .iter())
        );
    }

    #[test]
    fn a_bad_line_stops_loading_with_its_line_number() {
        let file = write_gzip(&edges_text(Some(45_001)));
        let error = read_lines_parallel(file.path(), |text| parsed::<ConnectionRecord>(text))
            .err()
            .map(|e| e.to_string());
        let expected = format!("{}:45001: missing field `b`", file.path().display());
        assert!(error.as_deref().is_some_and(|e| e.starts_with(&expected)), "{error:?}");
    }
}
