//! `crmlens match --kind member|company --input FILE [--directory DIR]`: batch matching, one
//! match-output line per query on stdout, in input order, both cores used.

use std::collections::HashMap;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use rayon::prelude::*;
use secrecy::ExposeSecret;

use super::progress::Progress;
use super::{CliError, CliResult, EntityKind};
use crate::config::Settings;
use crate::directory::{files_email_key, load_index};
use crate::formats::{CompanyQuery, MatchOutput, MemberQuery, ScoredCandidate};
use crate::jsonl::{Item, JsonlReader};
use crate::matching::email::EmailKey;
use crate::matching::{
    CompanyProbe, Decision, DirectoryIndex, Lookups, MatchResult, ModelParams, PersonProbe, Thresholds,
    resolve,
};
use crate::storage::ids::TenantSlug;
use crate::storage::record_links::{self, LinkSource, LinkSummary, LinkTarget};
use crate::storage::{self, tenants};

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

pub fn run(settings: &Settings, args: MatchArgs) -> CliResult {
    match args.kind {
        EntityKind::Member => run_kind::<MemberQuery>(settings, &args),
        EntityKind::Company => run_kind::<CompanyQuery>(settings, &args),
    }
}

/// Reads the queries on a thread of their own from the start, so that parsing them fills the
/// cores' idle moments (while the index is frozen, between chunks of matching) instead of
/// keeping them waiting.
fn run_kind<Q: Query + serde::de::DeserializeOwned>(settings: &Settings, args: &MatchArgs) -> CliResult {
    std::thread::scope(|scope| {
        let (sender, chunks) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || send_query_chunks::<Q>(&args.input, &sender));
        let context = match &args.directory {
            Some(dir) => context_from_files(dir, args)?,
            None => context_from_database(settings, args)?,
        };
        let stdout = std::io::stdout();
        let mut out = BufWriter::new(stdout.lock());
        let skipped = stream(&context, args, chunks, &mut out)?;
        out.flush().context("cannot write the output")?;
        Ok(if skipped > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
    })
}

/// Everything a query needs to be answered as the widgets would answer it.
pub struct MatchContext {
    pub index: DirectoryIndex,
    pub key: EmailKey,
    pub thresholds: Thresholds,
    /// The tenant's overrides and sync mappings (`--tenant`), applied before the engine.
    pub links: Option<TenantLinks>,
}

fn context_from_files(dir: &std::path::Path, args: &MatchArgs) -> Result<MatchContext, CliError> {
    if args.tenant.is_some() {
        return Err(CliError::BadInput(
            "--tenant needs the database; it cannot be combined with --directory".into(),
        ));
    }
    let key = files_email_key();
    let progress = Progress::new("loading directory", None, false);
    let index =
        load_index(dir, &key, ModelParams::default()).map_err(|e| CliError::BadInput(e.to_string()))?;
    finish_loading(progress, &index);
    Ok(MatchContext { index, key, thresholds: Thresholds::default(), links: None })
}

fn context_from_database(settings: &Settings, args: &MatchArgs) -> Result<MatchContext, CliError> {
    let mut conn = super::migrate::open_migrated(settings)?;
    let secret = storage::instance_secret(&mut conn, settings.secret.as_ref())?;
    let key = EmailKey::derive(secret.expose_secret().as_bytes());
    let (thresholds, links) = match &args.tenant {
        Some(slug) => {
            let tenant = tenants::require_by_slug(&mut conn, &TenantSlug::parse(slug)?)?;
            let links =
                TenantLinks::new(tenant.sync_enabled, record_links::list_for_tenant(&mut conn, tenant.id)?);
            (crate::resolution::tenant_thresholds(&tenant), Some(links))
        }
        None => (Thresholds::default(), None),
    };
    let progress = Progress::new("loading directory", None, false);
    let index = crate::directory::database::load_index(&mut conn, ModelParams::default())?;
    if index.members().len() + index.companies().len() == 0 {
        return Err(CliError::BadInput(format!(
            "the directory in {} is empty; import it first (crmlens import members|companies FILE)",
            settings.database
        )));
    }
    finish_loading(progress, &index);
    Ok(MatchContext { index, key, thresholds, links })
}

fn finish_loading(progress: Progress, index: &DirectoryIndex) {
    progress.finish(&format!(
        "indexed {} members, {} companies",
        index.members().len(),
        index.companies().len()
    ));
}

/// A tenant's overrides and sync mappings by (crm, object, record id, kind). Batch queries name
/// no CRM org, so a link of any of the tenant's orgs applies.
pub struct TenantLinks {
    sync_enabled: bool,
    overrides: HashMap<LinkKey, Option<String>>,
    syncs: HashMap<LinkKey, Option<String>>,
}

type LinkKey = (String, String, String, String);

impl TenantLinks {
    pub fn new(sync_enabled: bool, links: Vec<LinkSummary>) -> Self {
        let mut overrides = HashMap::new();
        let mut syncs = HashMap::new();
        for link in links {
            let entity = match link.target {
                LinkTarget::Entity(id) => Some(id.as_str().to_owned()),
                LinkTarget::NoMatch => None,
            };
            let key = (link.crm, link.object, link.record_id, link.kind);
            match link.source {
                LinkSource::Override => overrides.insert(key, entity),
                LinkSource::Sync => syncs.insert(key, entity),
            };
        }
        Self { sync_enabled, overrides, syncs }
    }

    fn lookups(&self, crm: Option<&str>, object: Option<&str>, record_id: &str, kind: &str) -> Lookups {
        let key: LinkKey = (
            crm.unwrap_or("").to_owned(),
            object.unwrap_or("").to_owned(),
            record_id.to_owned(),
            kind.to_owned(),
        );
        Lookups {
            manual_override: self.overrides.get(&key).cloned(),
            sync_mapping: self.syncs.get(&key).cloned().flatten(),
            sync_enabled: self.sync_enabled,
        }
    }
}

/// Queries read at a time, with the problems of the lines skipped among them.
type QueryChunk<Q> = Result<(Vec<Q>, Vec<String>), CliError>;

/// Sends the queries of `input` in chunks until the end (an empty chunk), an error, or the
/// receiver hanging up.
fn send_query_chunks<Q: Query + serde::de::DeserializeOwned>(
    input: &std::path::Path,
    chunks: &std::sync::mpsc::SyncSender<QueryChunk<Q>>,
) {
    let mut reader = match JsonlReader::open(&input.to_string_lossy()) {
        Ok(reader) => reader,
        Err(e) => {
            let _ = chunks.send(Err(CliError::BadInput(e.to_string())));
            return;
        }
    };
    loop {
        let chunk = read_chunk::<Q>(&mut reader);
        let last = chunk.as_ref().map_or(true, |(queries, _)| queries.is_empty());
        if chunks.send(chunk).is_err() || last {
            return;
        }
    }
}

/// Matches every query received and writes one line each; returns how many bad lines were skipped.
fn stream<Q: Query>(
    context: &MatchContext,
    args: &MatchArgs,
    chunks: std::sync::mpsc::Receiver<QueryChunk<Q>>,
    out: &mut impl Write,
) -> Result<u64, CliError> {
    let progress = Progress::new("matching", None, false);
    let (mut done, mut skipped) = (0u64, 0u64);
    for chunk in chunks {
        let (chunk, problems) = chunk?;
        for problem in &problems {
            eprintln!("skipped {problem}");
        }
        skipped += problems.len() as u64;
        if chunk.is_empty() {
            break;
        }
        let lines: Vec<String> = chunk.par_iter().map(|q| q.answer(context, args.top_k)).collect();
        for line in &lines {
            writeln!(out, "{line}").context("cannot write the output")?;
        }
        done += lines.len() as u64;
        progress.set_position(done);
    }
    progress.finish(&format!("matched {done} queries ({skipped} bad lines skipped)"));
    Ok(skipped)
}

fn read_chunk<Q: Query + serde::de::DeserializeOwned>(reader: &mut JsonlReader) -> QueryChunk<Q> {
    let mut chunk: Vec<Q> = Vec::with_capacity(CHUNK);
    let mut problems = Vec::new();
    while chunk.len() < CHUNK {
        match reader.next_item::<Q>().map_err(|e| CliError::BadInput(e.to_string()))? {
            Some(Item::Record { record, .. }) => chunk.push(record),
            Some(Item::Bad(error)) => problems.push(error.to_string()),
            None => break,
        }
    }
    Ok((chunk, problems))
}

/// A CRM query answered by the resolver: the tenant's override, then its sync mapping, then the
/// engine.
trait Query: Send + Sync {
    fn answer(&self, context: &MatchContext, k: usize) -> String;
}

impl Query for MemberQuery {
    fn answer(&self, context: &MatchContext, k: usize) -> String {
        let lookups =
            lookups_for(context, self.crm.as_deref(), self.object.as_deref(), &self.record_id, "member");
        let resolution = resolve(&lookups, || {
            context.index.match_member(&person_probe(self, &context.key), &context.thresholds, k)
        });
        output_line(&self.record_id, &resolution.result)
    }
}

impl Query for CompanyQuery {
    fn answer(&self, context: &MatchContext, k: usize) -> String {
        let lookups =
            lookups_for(context, self.crm.as_deref(), self.object.as_deref(), &self.record_id, "company");
        let resolution =
            resolve(&lookups, || context.index.match_company(&company_probe(self), &context.thresholds, k));
        output_line(&self.record_id, &resolution.result)
    }
}

fn lookups_for(
    context: &MatchContext,
    crm: Option<&str>,
    object: Option<&str>,
    record_id: &str,
    kind: &str,
) -> Lookups {
    context.links.as_ref().map(|links| links.lookups(crm, object, record_id, kind)).unwrap_or_default()
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
