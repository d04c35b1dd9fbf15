//! The command line: one file per command. Exit codes: 0 success, 2 bad usage or bad input,
//! 1 any other failure.

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::{ConfigError, Settings, SettingsArgs};

pub mod admin;
mod admin_sso;
pub mod bench;
pub mod bench_cards;
pub mod demo_data;
pub mod import;
pub mod load;
pub mod match_cmd;
pub mod migrate;
pub mod progress;
pub mod serve;

#[derive(Debug, Parser)]
#[command(
    name = "crmlens",
    version,
    about = "Live profile cards of people and companies inside CRM record pages"
)]
pub struct Cli {
    #[command(flatten)]
    pub settings: SettingsArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the server (migrations are applied at start).
    Serve(serve::ServeArgs),
    /// Apply database migrations and exit.
    Migrate,
    /// Load directory data (JSON Lines, optionally gzipped; `-` for stdin). Upserts by id.
    Import(import::ImportArgs),
    /// Match CRM queries against the directory; one JSON line per query on stdout.
    Match(match_cmd::MatchArgs),
    /// Write a synthetic directory (FORMATS.md) for demos and scale tests.
    DemoData(demo_data::DemoDataArgs),
    /// Tenant administration: tenants, CRM orgs, users, API keys.
    Admin(admin::AdminArgs),
    /// Benchmarks (see BENCHMARKS.md).
    Bench(bench::BenchArgs),
}

/// Directory entity kinds, as named on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EntityKind {
    Member,
    Company,
}

/// Why a command failed, and so which exit code it gets.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Bad usage or bad input: exit 2.
    #[error("{0}")]
    BadInput(String),
    /// Anything else: exit 1.
    #[error(transparent)]
    Failure(#[from] anyhow::Error),
}

impl From<ConfigError> for CliError {
    fn from(e: ConfigError) -> Self {
        Self::BadInput(e.to_string())
    }
}

impl CliError {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Self::BadInput(_) => ExitCode::from(2),
            Self::Failure(_) => ExitCode::from(1),
        }
    }
}

pub type CliResult = Result<ExitCode, CliError>;

/// Resolves settings, starts telemetry and runs the command.
pub fn run(cli: Cli) -> CliResult {
    let settings = Settings::resolve(&cli.settings, std::env::var("CRMLENS_SECRET").ok())?;
    crate::telemetry::init(settings.log_format);
    match cli.command {
        Command::Serve(args) => serve::run(settings, args),
        Command::Migrate => migrate::run(&settings),
        Command::Import(args) => import::run(&settings, args),
        Command::Match(args) => match_cmd::run(&settings, args),
        Command::DemoData(args) => demo_data::run(args),
        Command::Admin(args) => admin::run(&settings, args),
        Command::Bench(args) => bench::run(&settings, args),
    }
}
