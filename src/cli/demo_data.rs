//! `crmlens demo-data`: a synthetic directory of any size.

use std::path::PathBuf;
use std::process::ExitCode;

use super::progress::Progress;
use super::{CliError, CliResult};
use crate::demo_data::{self, DemoError, DemoSpec, Observer};

#[derive(Debug, clap::Args)]
pub struct DemoDataArgs {
    /// Number of members (people) to generate.
    #[arg(long)]
    pub members: u64,
    /// Number of companies (at most --members).
    #[arg(long)]
    pub companies: u64,
    /// Output directory (created if missing).
    #[arg(long)]
    pub out: PathBuf,
    /// Seed: the same arguments give byte-identical files.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Also write N member queries and N/5 company queries with their ground truth.
    #[arg(long, default_value_t = 0)]
    pub queries: u64,
}

/// Shows one progress bar per phase.
struct Bars {
    current: Option<(Progress, String, u64)>,
}

impl Bars {
    fn close(&mut self) {
        if let Some((bar, name, total)) = self.current.take() {
            bar.finish(&format!("{name}: {total}"));
        }
    }
}

impl Observer for Bars {
    fn phase(&mut self, name: &str, total: u64) {
        self.close();
        self.current = Some((Progress::new(name, Some(total), false), name.to_owned(), total));
    }

    fn advance(&mut self, done: u64) {
        if let Some((bar, _, _)) = &self.current {
            bar.inc(done);
        }
    }
}

pub fn run(args: DemoDataArgs) -> CliResult {
    let spec =
        DemoSpec { members: args.members, companies: args.companies, seed: args.seed, queries: args.queries };
    let started = std::time::Instant::now();
    let mut bars = Bars { current: None };
    let result = demo_data::generate(&spec, &args.out, &mut bars);
    bars.close();
    let summary = result.map_err(|e| match e {
        DemoError::BadSpec(message) => CliError::BadInput(message),
        other => CliError::Failure(anyhow::Error::new(other)),
    })?;
    let total: u64 = summary.files.iter().map(|(_, bytes)| bytes).sum();
    eprintln!(
        "demo-data: {} members, {} companies, {} connections (average degree {:.1}), {} member and {} company queries; {:.1} MB in {} ({:.1}s)",
        summary.members,
        summary.companies,
        summary.connections,
        2.0 * summary.connections as f64 / summary.members as f64,
        summary.member_queries,
        summary.company_queries,
        total as f64 / 1e6,
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
