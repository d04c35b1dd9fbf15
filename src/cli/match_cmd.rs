//! `crmlens match --kind member|company --input FILE`.

use std::path::PathBuf;

use super::{CliResult, EntityKind};
use crate::config::Settings;

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
}

pub fn run(_settings: &Settings, _args: MatchArgs) -> CliResult {
    Err(super::CliError::BadInput("match is being built".into()))
}
