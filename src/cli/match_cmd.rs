//! `crmlens match --kind member|company --input FILE [--directory DIR]`: batch matching, one
//! match-output line per query on stdout, in input order, both cores used.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use rayon::prelude::*;

use super::progress::Progress;
use super::{CliError, CliResult, EntityKind};
use crate::config::Settings;
use crate::directory::{files_email_key, load_index};
use crate::formats::{CompanyQuery, MatchOutput, MemberQuery, ScoredCandidate};
use crate::jsonl::{Item, JsonlReader};
use crate::matching::email::EmailKey;
use crate::matching::{
    CompanyProbe, Decision, DirectoryIndex, MatchResult, ModelParams, PersonProbe, Thresholds,
};

/// Queries handed to the worker threads at a time (output is written chunk by chunk, in order).
const CHUNK: usize = 2048;

#[derive(Debug, clap::Args)]
pub struct MatchArgs {
    #[arg(long, value_enum)]
    pub kind: EntityKind,
    /// CRM queries (FORMATS.md), .jsonl or .jsonl.gz; `-` reads stdin.
    #[arg(long)]
    pub input: PathBuf,
    /// Candidates per query.
    #[arg(long, default_value_t = 5)]
    pub top_k: usize,
    /// Apply this tenant's overrides, sync mappings and thresholds.
    #[arg(long)]
    pub tenant: Option<String>,
    /// Match against a folder of FORMATS.md directory files instead of the database
    /// (e-mails hashed with the fixed key of `crmlens::directory::files_email_key`).
    #[arg(long)]
    pub directory: Option<PathBuf>,
}

pub fn run(_settings: &Settings, args: MatchArgs) -> CliResult {
    let Some(dir) = &args.directory else {
        return Err(CliError::BadInput(
            "matching against the database is not wired yet; pass --directory DIR (a folder of FORMATS.md files)".into(),
        ));
    };
    if args.tenant.is_some() {
        return Err(CliError::BadInput(
            "--tenant needs the database; it cannot be combined with --directory".into(),
        ));
    }
    let key = files_email_key();
    let progress = Progress::new("loading directory", None, false);
    let index =
        load_index(dir, &key, ModelParams::default()).map_err(|e| CliError::BadInput(e.to_string()))?;
    progress.finish(&format!(
        "indexed {} members, {} companies",
        index.members().len(),
        index.companies().len()
    ));
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let skipped = match_stream(&index, &key, &args, &Thresholds::default(), &mut out)?;
    out.flush().context("cannot write the output")?;
    Ok(if skipped > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// Matches every query of `args.input` and writes one line each; returns how many bad lines were skipped.
pub fn match_stream(
    index: &DirectoryIndex,
    key: &EmailKey,
    args: &MatchArgs,
    thresholds: &Thresholds,
    out: &mut impl Write,
) -> Result<u64, CliError> {
    match args.kind {
        EntityKind::Member => stream::<MemberQuery>(index, key, args, thresholds, out),
        EntityKind::Company => stream::<CompanyQuery>(index, key, args, thresholds, out),
    }
}

fn stream<Q: Query + serde::de::DeserializeOwned>(
    index: &DirectoryIndex,
    key: &EmailKey,
    args: &MatchArgs,
    thresholds: &Thresholds,
    out: &mut impl Write,
) -> Result<u64, CliError> {
    let mut reader =
        JsonlReader::open(&args.input.to_string_lossy()).map_err(|e| CliError::BadInput(e.to_string()))?;
    let progress = Progress::new("matching", None, false);
    let (mut done, mut skipped) = (0u64, 0u64);
    loop {
        let (chunk, bad) = read_chunk::<Q>(&mut reader)?;
        skipped += bad;
        if chunk.is_empty() {
            break;
        }
        let lines: Vec<String> =
            chunk.par_iter().map(|q| q.answer(index, key, thresholds, args.top_k)).collect();
        for line in &lines {
            writeln!(out, "{line}").context("cannot write the output")?;
        }
        done += lines.len() as u64;
        progress.set_position(done);
    }
    progress.finish(&format!("matched {done} queries ({skipped} bad lines skipped)"));
    Ok(skipped)
}

fn read_chunk<Q: Query + serde::de::DeserializeOwned>(
    reader: &mut JsonlReader,
) -> Result<(Vec<Q>, u64), CliError> {
    let mut chunk: Vec<Q> = Vec::with_capacity(CHUNK);
    let mut bad = 0;
    while chunk.len() < CHUNK {
        match reader.next_item::<Q>().map_err(|e| CliError::BadInput(e.to_string()))? {
            Some(Item::Record { record, .. }) => chunk.push(record),
            Some(Item::Bad(error)) => {
                eprintln!("skipped {error}");
                bad += 1;
            }
            None => break,
        }
    }
    Ok((chunk, bad))
}

/// A CRM query that the engine can answer.
trait Query: Send + Sync {
    fn answer(&self, index: &DirectoryIndex, key: &EmailKey, thresholds: &Thresholds, k: usize) -> String;
}

impl Query for MemberQuery {
    fn answer(&self, index: &DirectoryIndex, key: &EmailKey, thresholds: &Thresholds, k: usize) -> String {
        let probe = person_probe(self, key);
        output_line(&self.record_id, &index.match_member(&probe, thresholds, k))
    }
}

impl Query for CompanyQuery {
    fn answer(&self, index: &DirectoryIndex, _key: &EmailKey, thresholds: &Thresholds, k: usize) -> String {
        let probe = company_probe(self);
        output_line(&self.record_id, &index.match_company(&probe, thresholds, k))
    }
}

pub fn person_probe(query: &MemberQuery, key: &EmailKey) -> PersonProbe {
    PersonProbe::new(
        query.first_name.as_deref(),
        query.last_name.as_deref(),
        query.company.as_deref(),
        query.title.as_deref(),
        query.email.as_deref(),
        key,
    )
}

pub fn company_probe(query: &CompanyQuery) -> CompanyProbe {
    CompanyProbe::new(
        query.name.as_deref(),
        query.industry.as_deref(),
        query.location.as_deref(),
        query.website.as_deref(),
    )
}

/// The FORMATS.md match-output line of a result.
pub fn output_line(record_id: &str, result: &MatchResult) -> String {
    let output = MatchOutput {
        record_id: record_id.to_owned(),
        decision: result.decision,
        entity_id: (result.decision == Decision::Match)
            .then(|| result.candidates.first().map(|c| c.entity_id.clone()))
            .flatten(),
        candidates: result
            .candidates
            .iter()
            .map(|c| ScoredCandidate { entity_id: c.entity_id.clone(), score: (c.score * 1e6).round() / 1e6 })
            .collect(),
    };
    serde_json::to_string(&output).unwrap_or_default()
}
