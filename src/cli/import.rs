//! `crmlens import members|companies|connections FILE…`.

use std::path::PathBuf;

use super::CliResult;
use crate::config::Settings;

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// What the files hold.
    #[arg(value_enum)]
    pub kind: ImportKind,
    /// JSON Lines files (.jsonl or .jsonl.gz); `-` reads stdin.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Stop at the first bad line instead of skipping and counting it.
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportKind {
    Members,
    Companies,
    Connections,
}

pub fn run(_settings: &Settings, _args: ImportArgs) -> CliResult {
    Err(super::CliError::BadInput("import is being built".into()))
}
