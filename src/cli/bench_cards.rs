//! `crmlens bench cards`: card responses per second and latency under load from a separate
//! process (`crmlens bench load`), beside the same server answering a static body of the same
//! size, in the same run. Uses the configured database, which must hold the directory already.
//!
//! Passes, after priming the caches with every card request: cards at peak (closed loop), the
//! static body at peak, cards at half the card peak rate
//! (open loop, latency counted from each request's due time); then the same two card passes with
//! the engine's answer cache and the directory record cache made cold (every lookup misses, as if
//! every card were for a record never seen before). The answer cache's hit rate is reported for
//! each card pass.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, ExitCode};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use actix_web::{HttpResponse, web};
use anyhow::Context;
use secrecy::ExposeSecret;

use super::bench::process_cpu_seconds;
use super::load::{LoadPlan, LoadReport, PlannedRequest};
use super::{CliError, CliResult};
use crate::config::Settings;
use crate::formats::MemberQuery;
use crate::http::session::{SESSION_COOKIE, SignInMethod, start_session};
use crate::http::state::AppState;
use crate::startup::Application;
use crate::storage::ids::{Crm, OrgId, Role, Seat, TenantSlug};
use crate::storage::{self, DbConnection, directory, orgs, tenants, users};

const BENCH_TENANT: &str = "bench";
const BENCH_ORG: &str = "00DBENCH0000001";
const STATIC_PATH: &str = "/bench/static";

#[derive(Debug, clap::Args)]
pub struct BenchCardsArgs {
    /// CRM member queries (FORMATS.md) sent as card requests, e.g. `member_queries.jsonl.gz`
    /// from `crmlens demo-data --queries N`.
    #[arg(long)]
    pub queries: PathBuf,
    /// Seconds of load per pass (after a one-second warm-up).
    #[arg(long, default_value_t = 10.0)]
    pub seconds: f64,
    /// Concurrent connections of the load generator.
    #[arg(long, default_value_t = 16)]
    pub connections: usize,
}

/// A signed-in rep with a seat, created in a tenant of its own for the benchmark.
struct BenchRep {
    cookie: String,
    csrf_token: String,
}

pub fn run(settings: &Settings, args: &BenchCardsArgs) -> CliResult {
    let mut conn = super::migrate::open_migrated(settings)?;
    let members = directory::counts(&mut conn)?.members;
    if members == 0 {
        return Err(CliError::BadInput(format!(
            "the directory in {} is empty; import one first (crmlens import members FILE)",
            settings.database
        )));
    }
    let rep = bench_rep(&mut conn).context("cannot set up the benchmark tenant")?;
    drop(conn);
    let queries: Vec<MemberQuery> =
        crate::directory::read_all(&args.queries).map_err(|e| CliError::BadInput(e.to_string()))?;
    eprintln!("directory: {members} members; {} card queries; starting the server…", queries.len());
    let server = BenchServer::start(settings)?;
    let origin = format!("http://{}", server.address);
    let cards = card_plan(&server.address, &origin, &rep, &queries);
    server.prime(&cards, args)?;
    let card_peak = server.card_pass(&cards, args, None)?;
    let card_size = card_peak.load.response_bytes.checked_div(card_peak.load.requests).unwrap_or(0) as usize;
    server.set_static_size(card_size);
    let static_plan = LoadPlan {
        address: server.address.clone(),
        requests: vec![PlannedRequest {
            method: "GET".into(),
            path: STATIC_PATH.into(),
            headers: Vec::new(),
            body: String::new(),
        }],
    };
    let static_peak = server.static_pass(&static_plan, args, None)?;
    let card_half_rate = card_peak.load.per_second / 2.0;
    let card_half = server.card_pass(&cards, args, Some(card_half_rate))?;
    let static_at_card_half = server.static_pass(&static_plan, args, Some(card_half_rate))?;
    server.set_cold(true);
    let cold_peak = server.card_pass(&cards, args, None)?;
    let cold_half = server.card_pass(&cards, args, Some(cold_peak.load.per_second / 2.0))?;
    server.set_cold(false);
    let summary = Summary {
        members,
        card_size,
        static_peak,
        static_at_card_half,
        passes: [
            ("cards, peak", card_peak),
            ("cards, half peak rate", card_half),
            ("cold cards, peak", cold_peak),
            ("cold cards, half cold peak", cold_half),
        ],
    };
    summary.print();
    Ok(ExitCode::SUCCESS)
}

/// A pass's load report, the server's CPU time per request served and, for card passes, the
/// share of engine lookups the cache answered (both over the whole pass, warm-up included).
/// CPU time per request hardly depends on what else runs on the machine, unlike requests/s.
#[derive(serde::Serialize)]
struct Pass {
    load: LoadReport,
    cpu_us_per_request: f64,
    cache_hit_rate: Option<f64>,
}

fn bench_rep(conn: &mut DbConnection) -> anyhow::Result<BenchRep> {
    let now = storage::unix_now();
    let slug = TenantSlug::parse(BENCH_TENANT)?;
    let tenant = match tenants::find_by_slug(conn, &slug)? {
        Some(tenant) => tenant,
        None => tenants::create(conn, &slug, &tenants::TenantSettings::named("Benchmark"), now)?,
    };
    let org = OrgId::parse(BENCH_ORG)?;
    if orgs::find(conn, Crm::Salesforce, &org)?.is_none() {
        orgs::add(conn, tenant.id, Crm::Salesforce, &org, None, now)?;
    }
    let email = "bench-rep@bench.crmlens.test";
    let user = match users::find_by_email(conn, tenant.id, email)? {
        Some(user) => user,
        None => {
            let new = users::NewUser {
                email: email.into(),
                name: "Benchmark rep".into(),
                role: Role::Rep,
                seat: Seat::Team,
                member_id: None,
                password_hash: None,
            };
            users::add(conn, tenant.id, &new, now)?
        }
    };
    let session = start_session(conn, user.id, SignInMethod::Password, now)?;
    Ok(BenchRep {
        cookie: format!("{SESSION_COOKIE}={}", session.value.expose_secret()),
        csrf_token: session.csrf_token,
    })
}

/// The server under test, in this process, with one extra route: a static body whose size is
/// set once the card size is known.
struct BenchServer {
    address: String,
    state: AppState,
    static_size: Arc<AtomicUsize>,
    static_served: Arc<AtomicU64>,
    handle: actix_web::dev::ServerHandle,
}

impl BenchServer {
    fn start(settings: &Settings) -> anyhow::Result<Self> {
        let mut settings = settings.clone();
        settings.bind = "127.0.0.1:0".parse().context("bench bind address")?;
        let static_size = Arc::new(AtomicUsize::new(0));
        let (sender, receiver) = mpsc::channel();
        let static_served = Arc::new(AtomicU64::new(0));
        let (size, served) = (static_size.clone(), static_served.clone());
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let extra = move |cfg: &mut web::ServiceConfig| {
                    let (size, served) = (size.clone(), served.clone());
                    cfg.route(
                        STATIC_PATH,
                        web::get().to(move || {
                            served.fetch_add(1, Ordering::Relaxed);
                            let body = vec![b'x'; size.load(Ordering::Relaxed)];
                            async move { HttpResponse::Ok().content_type("text/html; charset=utf-8").body(body) }
                        }),
                    );
                };
                match Application::build_with(&settings, extra) {
                    Ok(app) => {
                        let ready = (app.port(), app.handle(), app.state().clone());
                        let _ = sender.send(Ok(ready));
                        let _ = app.run_until_stopped().await;
                    }
                    Err(e) => {
                        let _ = sender.send(Err(e));
                    }
                }
            });
        });
        let (port, handle, state) = receiver.recv().context("the server thread ended early")??;
        let deadline = Instant::now() + Duration::from_secs(600);
        while !state.directory_loaded() {
            anyhow::ensure!(Instant::now() < deadline, "the directory index did not load within 10 minutes");
            std::thread::sleep(Duration::from_millis(200));
        }
        Ok(Self { address: format!("127.0.0.1:{port}"), state, static_size, static_served, handle })
    }

    /// Loads `plan` (cards). Every bench card asks the engine (no overrides), so the cache's
    /// lookups count the cards served.
    fn card_pass(&self, plan: &LoadPlan, args: &BenchCardsArgs, rate: Option<f64>) -> anyhow::Result<Pass> {
        let before = self.state.match_cache.stats();
        let cpu_before = process_cpu_seconds();
        let load = load(plan, args, rate)?;
        let after = self.state.match_cache.stats();
        let served = (after.hits + after.misses).saturating_sub(before.hits + before.misses);
        let cpu_us_per_request = per_request(process_cpu_seconds() - cpu_before, served);
        Ok(Pass { load, cpu_us_per_request, cache_hit_rate: Some(after.hit_rate_since(before)) })
    }

    /// Sends the card requests until the caches hold every one (a pass with at least 99% hits),
    /// so that the hot passes measure records seen before and the cold passes records never
    /// seen, rather than a blend that depends on how long the run is.
    fn prime(&self, plan: &LoadPlan, args: &BenchCardsArgs) -> anyhow::Result<()> {
        const PRIMING_PASSES: usize = 20;
        let short =
            BenchCardsArgs { queries: args.queries.clone(), seconds: 2.0, connections: args.connections };
        for _ in 0..PRIMING_PASSES {
            eprint!("priming the caches: ");
            if self.card_pass(plan, &short, None)?.cache_hit_rate.is_some_and(|rate| rate >= 0.99) {
                return Ok(());
            }
        }
        anyhow::bail!(
            "the caches still missed after {PRIMING_PASSES} priming passes: are there more queries than the cache holds?"
        )
    }

    fn static_pass(&self, plan: &LoadPlan, args: &BenchCardsArgs, rate: Option<f64>) -> anyhow::Result<Pass> {
        let before = self.static_served.load(Ordering::Relaxed);
        let cpu_before = process_cpu_seconds();
        let load = load(plan, args, rate)?;
        let served = self.static_served.load(Ordering::Relaxed).saturating_sub(before);
        let cpu_us_per_request = per_request(process_cpu_seconds() - cpu_before, served);
        Ok(Pass { load, cpu_us_per_request, cache_hit_rate: None })
    }

    /// Makes the engine's answers, the directory records and the records' links miss their
    /// caches (`true`), as if every card were for a record never seen before, or use them again
    /// (`false`).
    fn set_cold(&self, cold: bool) {
        self.state.match_cache.set_cold(cold);
        self.state.records.set_cold(cold);
        self.state.links.set_cold(cold);
    }

    fn set_static_size(&self, bytes: usize) {
        self.static_size.store(bytes, Ordering::Relaxed);
    }
}

fn per_request(cpu_seconds: f64, served: u64) -> f64 {
    if served == 0 { 0.0 } else { cpu_seconds * 1e6 / served as f64 }
}

impl Drop for BenchServer {
    fn drop(&mut self) {
        drop(self.handle.stop(true));
    }
}

fn card_plan(address: &str, origin: &str, rep: &BenchRep, queries: &[MemberQuery]) -> LoadPlan {
    let headers = vec![
        ("Cookie".to_owned(), rep.cookie.clone()),
        ("X-CSRF-Token".to_owned(), rep.csrf_token.clone()),
        ("Origin".to_owned(), origin.to_owned()),
        ("HX-Request".to_owned(), "true".to_owned()),
        ("Content-Type".to_owned(), "application/x-www-form-urlencoded".to_owned()),
    ];
    let requests = queries
        .iter()
        .enumerate()
        .map(|(n, query)| PlannedRequest {
            method: "POST".into(),
            path: "/embed/member/card".into(),
            headers: headers.clone(),
            body: card_form(n, query),
        })
        .collect();
    LoadPlan { address: address.to_owned(), requests }
}

fn card_form(n: usize, query: &MemberQuery) -> String {
    let record_id = format!("00Q{n:015}");
    let fields = [
        ("crm", Some("salesforce")),
        ("org", Some(BENCH_ORG)),
        ("object", Some("lead")),
        ("record_id", Some(record_id.as_str())),
        ("first_name", query.first_name.as_deref()),
        ("last_name", query.last_name.as_deref()),
        ("company", query.company.as_deref()),
        ("title", query.title.as_deref()),
        ("email", query.email.as_deref()),
    ];
    fields
        .iter()
        .filter_map(|(name, value)| value.map(|v| format!("{name}={}", form_encode(v))))
        .collect::<Vec<_>>()
        .join("&")
}

fn form_encode(value: &str) -> String {
    let mut encoded = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'*' => encoded.push(byte as char),
            b' ' => encoded.push('+'),
            _ => encoded.push_str(&format!("%{byte:02X}")),
        }
    }
    encoded
}

/// Runs the load generator as a separate process and reads its report.
fn load(plan: &LoadPlan, args: &BenchCardsArgs, rate: Option<f64>) -> anyhow::Result<LoadReport> {
    let plan_file = tempfile::NamedTempFile::new().context("cannot write the load plan")?;
    let mut writer = std::io::BufWriter::new(plan_file.as_file());
    serde_json::to_writer(&mut writer, plan)?;
    writer.flush().context("cannot write the load plan")?;
    let executable = std::env::current_exe().context("cannot find the crmlens executable")?;
    let mut command = Command::new(executable);
    command.args(["bench", "load", "--plan"]).arg(plan_file.path());
    command.args(["--seconds", &args.seconds.to_string(), "--connections", &args.connections.to_string()]);
    if let Some(rate) = rate {
        command.args(["--rate", &format!("{rate:.1}")]);
    }
    let what = match rate {
        Some(rate) => format!("load at {rate:.0} requests/s"),
        None => "load at peak".to_owned(),
    };
    eprintln!("{what}…");
    let output = command.output().context("cannot run the load generator")?;
    anyhow::ensure!(
        output.status.success(),
        "the load generator failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let report: LoadReport = serde_json::from_slice(&output.stdout).context("unreadable load report")?;
    anyhow::ensure!(report.requests > 0, "no request succeeded during {what}");
    Ok(report)
}

struct Summary {
    members: i64,
    card_size: usize,
    static_peak: Pass,
    /// The static body at the rate of the cards' half-peak pass: the latency the machine and the
    /// load generator add at that rate whatever the server does per request.
    static_at_card_half: Pass,
    passes: [(&'static str, Pass); 4],
}

impl Summary {
    fn print(&self) {
        let [(_, peak), (_, half), (_, cold_peak), (_, cold_half)] = &self.passes;
        let static_rate = self.static_peak.load.per_second.max(f64::MIN_POSITIVE);
        println!("directory members            {}", self.members);
        println!("card size (bytes)            {}", self.card_size);
        println!("pass                         req/s     p50 ms   p99 ms   errors  CPU µs/req  cache hits");
        let row = |name: &str, pass: &Pass| {
            let hits = pass.cache_hit_rate.map(|rate| format!("{:.1}%", rate * 100.0)).unwrap_or_default();
            let report = &pass.load;
            println!(
                "{name:<28} {:>8.0} {:>9.2} {:>8.2} {:>8} {:>11.0} {hits:>11}",
                report.per_second, report.p50_ms, report.p99_ms, report.errors, pass.cpu_us_per_request
            );
        };
        row("static, same size, peak", &self.static_peak);
        row("static, cards' half rate", &self.static_at_card_half);
        for (name, pass) in &self.passes {
            row(name, pass);
        }
        println!(
            "cards / static               {:.0}% (cold: {:.0}%; target ≥ 50%)",
            peak.load.per_second / static_rate * 100.0,
            cold_peak.load.per_second / static_rate * 100.0
        );
        println!(
            "p99 at half peak             {:.2} ms (cold: {:.2} ms; target ≤ 10 ms; static body at that rate: {:.2} ms)",
            half.load.p99_ms, cold_half.load.p99_ms, self.static_at_card_half.load.p99_ms
        );
        let json = serde_json::json!({
            "members": self.members, "card_bytes": self.card_size, "static_peak": self.static_peak,
            "static_at_cards_half_rate": self.static_at_card_half,
            "cards_peak": peak, "cards_half_rate": half, "cold_cards_peak": cold_peak,
            "cold_cards_half_rate": cold_half, "cards_to_static": peak.load.per_second / static_rate,
            "cold_cards_to_static": cold_peak.load.per_second / static_rate,
        });
        println!("{json}");
    }
}
