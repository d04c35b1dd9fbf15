//! `crmlens bench load`: an HTTP/1.1 load generator that benchmarks run as a separate process.
//!
//! Two modes: closed loop (each connection sends its next request as soon as the previous answer
//! arrived: the peak rate) and open loop at a fixed rate. In the open loop a request's latency is
//! measured from the moment it was *due*, not when it was sent, so a stalled server cannot hide
//! its queueing delay (coordinated omission). Requests are read from a JSON plan and cycled.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

use super::{CliError, CliResult};

#[derive(Debug, clap::Args)]
pub struct LoadArgs {
    /// JSON plan: {"address": "127.0.0.1:8080", "requests": [{"method", "path", "headers", "body"}]}.
    #[arg(long)]
    pub plan: PathBuf,
    /// Concurrent keep-alive connections.
    #[arg(long, default_value_t = 32)]
    pub connections: usize,
    /// How long to send load, in seconds (after a one-second warm-up).
    #[arg(long, default_value_t = 10.0)]
    pub seconds: f64,
    /// Requests per second in an open loop; omit for a closed loop (peak rate).
    #[arg(long)]
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoadPlan {
    pub address: String,
    pub requests: Vec<PlannedRequest>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlannedRequest {
    pub method: String,
    pub path: String,
    #[serde(default)]
    pub headers: Vec<(String, String)>,
    #[serde(default)]
    pub body: String,
}

/// What one load run measured (printed as one JSON line).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoadReport {
    pub requests: u64,
    pub errors: u64,
    pub seconds: f64,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
    pub response_bytes: u64,
}

pub fn run(args: &LoadArgs) -> CliResult {
    let bad = |message: String| CliError::BadInput(message);
    let text = std::fs::read_to_string(&args.plan)
        .map_err(|e| bad(format!("cannot read the load plan {}: {e}", args.plan.display())))?;
    let plan: LoadPlan =
        serde_json::from_str(&text).map_err(|e| bad(format!("the load plan is not valid: {e}")))?;
    if plan.requests.is_empty() {
        return Err(bad("the load plan holds no requests".into()));
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().context("no runtime")?;
    let report = runtime.block_on(generate(plan, args))?;
    println!("{}", serde_json::to_string(&report).context("cannot print the report")?);
    Ok(ExitCode::SUCCESS)
}

struct Shared {
    plan: LoadPlan,
    wire: Vec<Vec<u8>>,
    started: Instant,
    warm_up_end: Instant,
    end: Instant,
    interval: Option<Duration>,
    connections: usize,
}

#[derive(Default)]
struct Tally {
    latencies_us: Vec<u64>,
    errors: u64,
    bytes: u64,
}

async fn generate(plan: LoadPlan, args: &LoadArgs) -> anyhow::Result<LoadReport> {
    let wire = plan.requests.iter().map(|r| encode(r, &plan.address)).collect();
    let started = Instant::now();
    let warm_up_end = started + Duration::from_secs(1);
    let shared = Arc::new(Shared {
        interval: args
            .rate
            .filter(|r| *r > 0.0)
            .map(|rate| Duration::from_secs_f64(args.connections as f64 / rate)),
        plan,
        wire,
        started,
        warm_up_end,
        end: warm_up_end + Duration::from_secs_f64(args.seconds),
        connections: args.connections.max(1),
    });
    let workers: Vec<_> =
        (0..shared.connections).map(|n| tokio::spawn(connection_loop(Arc::clone(&shared), n))).collect();
    let mut total = Tally::default();
    for worker in workers {
        let tally = worker.await.context("a load worker panicked")??;
        total.latencies_us.extend(tally.latencies_us);
        total.errors += tally.errors;
        total.bytes += tally.bytes;
    }
    Ok(summarize(total, args.seconds))
}

async fn connection_loop(shared: Arc<Shared>, n: usize) -> anyhow::Result<Tally> {
    let mut tally = Tally::default();
    let mut stream = connect(&shared.plan.address).await?;
    // Stagger open-loop connections evenly across one interval.
    let mut due =
        shared.interval.map(|every| shared.started + every.mul_f64(n as f64 / shared.connections as f64));
    let mut next = n;
    loop {
        if let Some(at) = due {
            tokio::time::sleep_until(at.into()).await;
        }
        let sent = due.unwrap_or_else(Instant::now);
        if sent >= shared.end {
            return Ok(tally);
        }
        let request = &shared.wire[next % shared.wire.len()];
        next += shared.connections;
        match exchange(&mut stream, request).await {
            Ok(bytes) if sent >= shared.warm_up_end => {
                tally.latencies_us.push(sent.elapsed().as_micros() as u64);
                tally.bytes += bytes;
            }
            Ok(_) => {}
            Err(_) => {
                tally.errors += 1;
                stream = connect(&shared.plan.address).await?;
            }
        }
        due = due.zip(shared.interval).map(|(at, every)| at + every);
    }
}

async fn connect(address: &str) -> anyhow::Result<BufReader<TcpStream>> {
    let stream = TcpStream::connect(address).await.with_context(|| format!("cannot connect to {address}"))?;
    stream.set_nodelay(true)?;
    Ok(BufReader::new(stream))
}

fn encode(request: &PlannedRequest, host: &str) -> Vec<u8> {
    let mut head = format!("{} {} HTTP/1.1\r\nHost: {host}\r\n", request.method, request.path);
    for (name, value) in &request.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", request.body.len()));
    let mut wire = head.into_bytes();
    wire.extend_from_slice(request.body.as_bytes());
    wire
}

/// Sends one request and reads its whole answer; a non-2xx status counts as an error.
async fn exchange(stream: &mut BufReader<TcpStream>, request: &[u8]) -> anyhow::Result<u64> {
    stream.get_mut().write_all(request).await?;
    let (status, length) = read_head(stream).await?;
    let mut body = vec![0; length];
    stream.read_exact(&mut body).await?;
    if !(200..300).contains(&status) {
        bail!("status {status}");
    }
    Ok(length as u64)
}

async fn read_head(stream: &mut BufReader<TcpStream>) -> anyhow::Result<(u16, usize)> {
    use tokio::io::AsyncBufReadExt;
    let mut line = String::new();
    stream.read_line(&mut line).await?;
    let status = line.split(' ').nth(1).and_then(|s| s.parse().ok()).context("no HTTP status line")?;
    let mut length = None;
    loop {
        line.clear();
        if stream.read_line(&mut line).await? == 0 {
            bail!("connection closed in the middle of a response");
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().ok();
            } else if name.eq_ignore_ascii_case("transfer-encoding") {
                bail!("chunked answers are not supported by the load generator");
            }
        }
    }
    Ok((status, length.context("an answer without Content-Length")?))
}

fn summarize(mut tally: Tally, seconds: f64) -> LoadReport {
    tally.latencies_us.sort_unstable();
    let percentile = |p: f64| {
        let n = tally.latencies_us.len();
        if n == 0 {
            return 0.0;
        }
        let index = ((n as f64 * p).ceil() as usize).clamp(1, n) - 1;
        tally.latencies_us[index] as f64 / 1000.0
    };
    let requests = tally.latencies_us.len() as u64;
    LoadReport {
        requests,
        errors: tally.errors,
        seconds,
        per_second: requests as f64 / seconds,
        p50_ms: percentile(0.50),
        p90_ms: percentile(0.90),
        p99_ms: percentile(0.99),
        max_ms: percentile(1.0),
        response_bytes: tally.bytes,
    }
}
