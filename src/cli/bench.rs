//! `crmlens bench …`: the benchmarks recorded in BENCHMARKS.md.
//!
//! `bench match --directory DIR --queries FILE`: loads and indexes a FORMATS.md folder the way
//! `crmlens match` does (members streamed into the index), then matches the member queries on all
//! cores (throughput) and one by one (latency), and reports index build time and resident memory
//! (VmRSS/VmHWM from /proc/self/status).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use rayon::prelude::*;

use super::match_cmd::{company_probe, person_probe};
use super::{CliError, CliResult, EntityKind};
use crate::config::Settings;
use crate::directory::{files_email_key, load_index};
use crate::formats::{CompanyQuery, MemberQuery};
use crate::matching::{ModelParams, Thresholds};

#[derive(Debug, clap::Args)]
pub struct BenchArgs {
    #[command(subcommand)]
    pub bench: Bench,
}

#[derive(Debug, clap::Subcommand)]
pub enum Bench {
    /// Matching speed: load + index build, queries/s on all cores, single-query p50/p99, memory.
    Match(BenchMatchArgs),
    /// HTTP load generator (closed loop or fixed rate) that the server benchmarks run as a
    /// separate process; prints one JSON line of throughput and latency percentiles.
    Load(super::load::LoadArgs),
    /// Card responses/s and p50/p99 under load from a separate process, beside a static body of
    /// the same size from the same server; uses the configured database's directory.
    Cards(super::bench_cards::BenchCardsArgs),
}

#[derive(Debug, clap::Args)]
pub struct BenchMatchArgs {
    /// Folder of FORMATS.md directory files (members.jsonl.gz, companies.jsonl.gz).
    #[arg(long)]
    pub directory: PathBuf,
    /// CRM queries (FORMATS.md).
    #[arg(long)]
    pub queries: PathBuf,
    #[arg(long, value_enum, default_value = "member")]
    pub kind: EntityKind,
    /// Repeat the query set until at least this many queries were matched (throughput pass; a
    /// few thousand queries take a fraction of a second, too short a window to measure).
    #[arg(long, default_value_t = 50_000)]
    pub min_queries: usize,
    /// Print the line numbers of the N slowest queries (to stderr).
    #[arg(long, default_value_t = 0)]
    pub show_slowest: usize,
}

pub fn run(settings: &Settings, args: BenchArgs) -> CliResult {
    match args.bench {
        Bench::Match(args) => bench_match(&args),
        Bench::Load(args) => super::load::run(&args),
        Bench::Cards(args) => super::bench_cards::run(settings, &args),
    }
}

fn bench_match(args: &BenchMatchArgs) -> CliResult {
    let bad = |e: &dyn std::fmt::Display| CliError::BadInput(e.to_string());
    let key = files_email_key();
    let build_start = Instant::now();
    let index = load_index(&args.directory, &key, ModelParams::default()).map_err(|e| bad(&e))?;
    let build = build_start.elapsed().as_secs_f64();
    let queries_path = args.queries.to_string_lossy().into_owned();
    // How many queries the file holds, and the answer to the `i`th (modulo that count).
    let (count, answer): (usize, Box<dyn Fn(usize) -> usize + Sync>) = match args.kind {
        EntityKind::Member => {
            let queries: Vec<MemberQuery> = crate::directory::read_all(&args.queries).map_err(|e| bad(&e))?;
            let probes: Vec<_> = queries.iter().map(|q| person_probe(q, &key)).collect();
            let index = &index;
            (
                probes.len(),
                Box::new(move |i| {
                    index.match_member(&probes[i % probes.len()], &Thresholds::default(), 5).candidates.len()
                }),
            )
        }
        EntityKind::Company => {
            let queries: Vec<CompanyQuery> =
                crate::directory::read_all(&args.queries).map_err(|e| bad(&e))?;
            let probes: Vec<_> = queries.iter().map(company_probe).collect();
            let index = &index;
            (
                probes.len(),
                Box::new(move |i| {
                    index.match_company(&probes[i % probes.len()], &Thresholds::default(), 5).candidates.len()
                }),
            )
        }
    };
    if count == 0 {
        return Err(CliError::BadInput(format!("{queries_path}: no queries")));
    }
    let total = count.max(args.min_queries);
    let throughput_start = Instant::now();
    let cpu_start = process_cpu_seconds();
    let found: usize = (0..total).into_par_iter().map(&answer).sum();
    let throughput = total as f64 / throughput_start.elapsed().as_secs_f64();
    let cpu_per_query = (process_cpu_seconds() - cpu_start) / total as f64;
    let mut latencies: Vec<f64> = (0..count)
        .map(|i| {
            let t = Instant::now();
            std::hint::black_box(answer(i));
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    if args.show_slowest > 0 {
        let mut order: Vec<usize> = (0..latencies.len()).collect();
        order.sort_by(|a, b| latencies[*b].total_cmp(&latencies[*a]));
        for i in order.iter().take(args.show_slowest) {
            eprintln!("slow: query line {} took {:.2} ms", i + 1, latencies[*i]);
        }
    }
    latencies.sort_by(f64::total_cmp);
    let pct = |p: f64| latencies[((latencies.len() - 1) as f64 * p).round() as usize];
    let (rss, hwm) = memory_kib();
    println!(
        "{}",
        serde_json::json!({
            "members": index.members().len(),
            "companies": index.companies().len(),
            "index_build_s": round(build),
            "index_heap_mib": round(index.heap_bytes() as f64 / 1048576.0),
            "queries": total,
            "threads": rayon::current_num_threads(),
            "queries_per_s": throughput.round(),
            "cpu_us_per_query": round(cpu_per_query * 1e6),
            "queries_per_s_per_core_cpu": (1.0 / cpu_per_query.max(1e-9)).round(),
            "p50_ms": round(pct(0.5)),
            "p99_ms": round(pct(0.99)),
            "max_ms": round(pct(1.0)),
            "candidates_returned": found,
            "vm_rss_mib": round(rss / 1024.0),
            "vm_hwm_mib": round(hwm / 1024.0),
        })
    );
    Ok(ExitCode::SUCCESS)
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// CPU time (user + system, all threads) this process has used, in seconds: `/proc/self/stat`
/// fields 14 and 15, in Linux's clock ticks of 10 ms (`USER_HZ` = 100); 0 where that file cannot
/// be read. Unlike wall time it barely moves when other processes share the cores, which makes
/// before/after comparisons possible on a busy machine.
pub(super) fn process_cpu_seconds() -> f64 {
    let ticks = || -> Option<u64> {
        let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
        // After "pid (name) ": field 3 (state) is index 0, so utime is index 11, stime 12.
        let fields: Vec<&str> = stat.get(stat.rfind(')')? + 2..)?.split_whitespace().collect();
        Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
    };
    ticks().map_or(0.0, |ticks| ticks as f64 / 100.0)
}

/// (VmRSS, VmHWM) in KiB; zeros where /proc is unavailable.
fn memory_kib() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}
