//! `crmlens demo-data`: a synthetic directory of any size in the FORMATS.md files, and optionally
//! CRM queries with ground truth. Deterministic for a seed: every entity draws from its own
//! ChaCha8 stream keyed by (seed, purpose, index), so the bytes never depend on the thread count.

mod companies;
mod company_queries;
mod crm;
mod graph;
mod ids;
#[rustfmt::skip]
mod industries;
#[rustfmt::skip]
mod locales;
mod member_queries;
mod members;
mod names;
mod query_index;
mod rng;
mod titles;
mod variants;
mod writer;

use std::io::Write;
use std::path::{Path, PathBuf};

use companies::Company;
use graph::Skeleton;
use ids::IdScheme;
use member_queries::QueryContext;
use members::World;
use query_index::{CompanyIndex, NameIndex};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSpec {
    pub members: u64,
    pub companies: u64,
    pub seed: u64,
    /// Member queries to write (and a fifth as many company queries); 0 for none.
    pub queries: u64,
}

/// The largest directory the generator accepts (member indexes are 32-bit).
pub const MAX_MEMBERS: u64 = 1 << 31;

const ENTITY_CHUNK: u64 = 4_096;
const EDGE_CHUNK: u64 = 8_192;
const QUERY_CHUNK: u64 = 1_024;

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("{0}")]
    BadSpec(String),
    #[error("cannot write {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
}

impl DemoError {
    fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io { path: path.to_owned(), source }
    }
}

/// Counts and file sizes of a finished run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub companies: u64,
    pub members: u64,
    pub connections: u64,
    pub member_queries: u64,
    pub company_queries: u64,
    /// Queries whose truth is "not in the directory", and those flagged ambiguous.
    pub member_truth_null: u64,
    pub member_truth_ambiguous: u64,
    pub company_truth_null: u64,
    pub company_truth_ambiguous: u64,
    /// (file name, compressed bytes).
    pub files: Vec<(String, u64)>,
}

/// Receives progress: a phase with its total, then how much of it is done.
pub trait Observer {
    fn phase(&mut self, name: &str, total: u64);
    fn advance(&mut self, done: u64);
}

/// Ignores progress.
pub struct Quiet;

impl Observer for Quiet {
    fn phase(&mut self, _: &str, _: u64) {}
    fn advance(&mut self, _: u64) {}
}

impl DemoSpec {
    pub fn validate(&self) -> Result<(), DemoError> {
        let bad = |message: String| Err(DemoError::BadSpec(message));
        if self.members == 0 {
            return bad("--members must be at least 1".into());
        }
        if self.members > MAX_MEMBERS {
            return bad(format!("--members must be at most {MAX_MEMBERS}"));
        }
        if self.companies == 0 {
            return bad("--companies must be at least 1".into());
        }
        if self.companies > self.members {
            return bad(format!(
                "--companies ({}) must not exceed --members ({}): every company needs people",
                self.companies, self.members
            ));
        }
        Ok(())
    }
}

/// Creates `out` if needed and checks that files can be written there.
pub fn prepare_output_dir(out: &Path) -> Result<(), DemoError> {
    let unusable = |e: std::io::Error| {
        DemoError::BadSpec(format!("cannot write to output directory {}: {e}", out.display()))
    };
    std::fs::create_dir_all(out).map_err(unusable)?;
    let probe = out.join(".crmlens-demo-data-probe");
    std::fs::File::create(&probe).and_then(|mut f| f.write_all(b"ok")).map_err(unusable)?;
    std::fs::remove_file(&probe).map_err(unusable)
}

/// Writes the directory (and queries, if asked) into `out`.
pub fn generate(spec: &DemoSpec, out: &Path, observer: &mut dyn Observer) -> Result<Summary, DemoError> {
    spec.validate()?;
    prepare_output_dir(out)?;
    let seed = spec.seed;
    let company_ids = IdScheme::new('c', spec.companies, seed);
    let member_ids = IdScheme::new('m', spec.members, seed);
    let mut summary = Summary { companies: spec.companies, members: spec.members, ..Summary::default() };

    observer.phase("generating companies", spec.companies);
    let companies = companies::generate_all(seed, spec.companies, &company_ids);
    observer.advance(spec.companies);
    observer.phase("writing companies", spec.companies);
    write_companies(out, &companies, observer, &mut summary)?;

    observer.phase("assigning employers", spec.members);
    let skeleton = Skeleton::build(seed, spec.members, &companies);
    observer.advance(spec.members);
    let world = World { seed, member_ids: &member_ids, companies: &companies, skeleton: &skeleton };
    let names = write_members(out, &world, spec.queries > 0, observer, &mut summary)?;
    write_connections(out, &world, observer, &mut summary)?;
    if spec.queries > 0 {
        let index = CompanyIndex::new(&companies);
        let context = QueryContext { world: &world, names: &names, companies: &index };
        write_queries(out, &context, spec.queries, observer, &mut summary)?;
    }
    write_manifest(out, spec, &summary)?;
    Ok(summary)
}

fn write_companies(
    out: &Path,
    companies: &[Company],
    observer: &mut dyn Observer,
    summary: &mut Summary,
) -> Result<(), DemoError> {
    let name = "companies.jsonl.gz";
    let sizes = writer::write_chunked(
        &[out.join(name)],
        companies.len() as u64,
        ENTITY_CHUNK,
        |range, buffers| {
            for k in range.clone() {
                json_line(&mut buffers[0], &companies[k as usize].record());
            }
            range.end - range.start
        },
        |n| observer.advance(n),
    )?;
    summary.files.push((name.to_owned(), sizes[0]));
    Ok(())
}

/// Writes the members; with `index_names`, also counts their names for query truth.
fn write_members(
    out: &Path,
    world: &World<'_>,
    index_names: bool,
    observer: &mut dyn Observer,
    summary: &mut Summary,
) -> Result<NameIndex, DemoError> {
    observer.phase("writing members", summary.members);
    let name = "members.jsonl.gz";
    let mut names = NameIndex::default();
    let sizes = writer::write_chunked(
        &[out.join(name)],
        summary.members,
        ENTITY_CHUNK,
        |range, buffers| {
            let (mut keys, mut emails) = (Vec::new(), Vec::new());
            for i in range.clone() {
                let member = world.member(i);
                json_line(&mut buffers[0], &member.record);
                if index_names {
                    let (first, last) = (&member.record.first_name, &member.record.last_name);
                    query_index::member_keys(first, last, world.skeleton.affiliations(i), &mut keys);
                    emails.extend(member.record.emails.iter().map(|e| query_index::email_key(e)));
                }
            }
            (range.end - range.start, keys, emails)
        },
        |(n, keys, emails)| {
            names.add(&keys);
            names.add_emails(&emails);
            observer.advance(n);
        },
    )?;
    summary.files.push((name.to_owned(), sizes[0]));
    Ok(names)
}

/// Writes `count` member queries and a fifth as many company queries, each with its truth file.
fn write_queries(
    out: &Path,
    context: &QueryContext<'_>,
    count: u64,
    observer: &mut dyn Observer,
    summary: &mut Summary,
) -> Result<(), DemoError> {
    observer.phase("writing member queries", count);
    let member_files = ["member_queries.jsonl.gz", "member_truth.jsonl.gz"];
    let sizes = writer::write_chunked(
        &member_files.map(|f| out.join(f)),
        count,
        QUERY_CHUNK,
        |range, buffers| {
            let mut counts = TruthCounts::default();
            for q in range.clone() {
                let (query, truth) = member_queries::member_query(context, q);
                counts.add(&truth);
                json_line(&mut buffers[0], &query);
                json_line(&mut buffers[1], &truth);
            }
            counts
        },
        |counts| {
            summary.member_truth_null += counts.null;
            summary.member_truth_ambiguous += counts.ambiguous;
            observer.advance(counts.rows);
        },
    )?;
    summary.member_queries = count;
    summary.files.extend(member_files.iter().map(|f| (*f).to_owned()).zip(sizes));

    let company_count = count.div_ceil(5);
    observer.phase("writing company queries", company_count);
    let company_files = ["company_queries.jsonl.gz", "company_truth.jsonl.gz"];
    let sizes = writer::write_chunked(
        &company_files.map(|f| out.join(f)),
        company_count,
        QUERY_CHUNK,
        |range, buffers| {
            let mut counts = TruthCounts::default();
            for q in range.clone() {
                let (query, truth) = company_queries::company_query(context, q);
                counts.add(&truth);
                json_line(&mut buffers[0], &query);
                json_line(&mut buffers[1], &truth);
            }
            counts
        },
        |counts| {
            summary.company_truth_null += counts.null;
            summary.company_truth_ambiguous += counts.ambiguous;
            observer.advance(counts.rows);
        },
    )?;
    summary.company_queries = company_count;
    summary.files.extend(company_files.iter().map(|f| (*f).to_owned()).zip(sizes));
    Ok(())
}

fn write_connections(
    out: &Path,
    world: &World<'_>,
    observer: &mut dyn Observer,
    summary: &mut Summary,
) -> Result<(), DemoError> {
    observer.phase("writing connections (by member)", summary.members);
    let plan = world.skeleton.degree_plan();
    let name = "connections.jsonl.gz";
    let mut edges = 0;
    let sizes = writer::write_chunked(
        &[out.join(name)],
        summary.members,
        EDGE_CHUNK,
        |range, buffers| {
            let buffer = &mut buffers[0];
            let mut row = Vec::new();
            let mut prefix = Vec::with_capacity(32);
            let mut count = 0u64;
            for i in range.clone() {
                graph::edges_from(world.seed, world.skeleton, plan, i, &mut row);
                prefix.clear();
                prefix.extend_from_slice(br#"{"a":""#);
                world.member_ids.write_id(i, &mut prefix);
                prefix.extend_from_slice(br#"","b":""#);
                for &j in &row {
                    buffer.extend_from_slice(&prefix);
                    world.member_ids.write_id(u64::from(j), buffer);
                    buffer.extend_from_slice(b"\"}\n");
                }
                count += row.len() as u64;
            }
            (range.end - range.start, count)
        },
        |(members, count)| {
            edges += count;
            observer.advance(members);
        },
    )?;
    summary.connections = edges;
    summary.files.push((name.to_owned(), sizes[0]));
    Ok(())
}

#[derive(Default)]
struct TruthCounts {
    rows: u64,
    null: u64,
    ambiguous: u64,
}

impl TruthCounts {
    fn add(&mut self, truth: &crate::formats::TruthRecord) {
        self.rows += 1;
        self.null += u64::from(truth.entity_id.is_none());
        self.ambiguous += u64::from(truth.ambiguous);
    }
}

/// `manifest.json`, as in the DEV set: what was generated, with which seed, and the counts.
fn write_manifest(out: &Path, spec: &DemoSpec, summary: &Summary) -> Result<(), DemoError> {
    let mut counts = serde_json::json!({
        "companies": summary.companies,
        "members": summary.members,
        "connections": summary.connections,
    });
    if spec.queries > 0 {
        let extra = serde_json::json!({
            "member_queries": summary.member_queries,
            "company_queries": summary.company_queries,
            "member_truth_null": summary.member_truth_null,
            "member_truth_ambiguous": summary.member_truth_ambiguous,
            "company_truth_null": summary.company_truth_null,
            "company_truth_ambiguous": summary.company_truth_ambiguous,
        });
        if let (Some(all), serde_json::Value::Object(extra)) = (counts.as_object_mut(), extra) {
            all.extend(extra);
        }
    }
    let manifest = serde_json::json!({
        "profile": "demo-data",
        "seed": spec.seed,
        "generator": concat!("crmlens demo-data ", env!("CARGO_PKG_VERSION")),
        "counts": counts,
    });
    let path = out.join("manifest.json");
    let text = serde_json::to_string_pretty(&manifest).unwrap_or_default() + "\n";
    std::fs::write(&path, text).map_err(|e| DemoError::io(&path, e))
}

/// Appends `value` as one JSON line. Serializing these plain structs cannot fail.
fn json_line<T: serde::Serialize>(buffer: &mut Vec<u8>, value: &T) {
    if serde_json::to_writer(&mut *buffer, value).is_ok() {
        buffer.push(b'\n');
    }
}

#[cfg(test)]
mod tests;
