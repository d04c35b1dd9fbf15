//! `crmlens import members|companies|connections FILE…`.

use std::path::PathBuf;
use std::process::ExitCode;

use secrecy::ExposeSecret;

use super::progress::Progress;
use super::{CliError, CliResult};
use crate::config::Settings;
use crate::import::{
    Companies, Connections, ImportError, ImportObserver, ImportOptions, ImportReport, Importer, Members,
    import_files,
};
use crate::jsonl::{LineError, StreamError};
use crate::matching::email::EmailKey;
use crate::storage::{self, DbConnection};

/// Bad lines printed in full; after that they are only counted.
const SHOWN_BAD_LINES: u64 = 20;

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

pub fn run(settings: &Settings, args: ImportArgs) -> CliResult {
    let files = file_names(&args.files)?;
    let mut conn = super::migrate::open_migrated(settings)?;
    storage::tune_for_bulk_load(&mut conn)?;
    let options = ImportOptions { strict: args.strict, ..ImportOptions::default() };
    match args.kind {
        ImportKind::Members => {
            let secret = storage::instance_secret(&mut conn, settings.secret.as_ref())?;
            let key = EmailKey::derive(secret.expose_secret().as_bytes());
            storage::instance::claim_email_key(&mut conn, &storage::instance::email_key_fingerprint(&key))?;
            let members = Members::new(key);
            let report = run_kind(&mut conn, &members, &files, options)?;
            let note = match members.unusable_emails() {
                0 => String::new(),
                n => format!("; {n} unusable e-mail address(es) ignored"),
            };
            finish(report, &note)
        }
        ImportKind::Companies => finish(run_kind(&mut conn, &Companies, &files, options)?, ""),
        ImportKind::Connections => finish(run_kind(&mut conn, &Connections, &files, options)?, ""),
    }
}

fn file_names(paths: &[PathBuf]) -> Result<Vec<String>, CliError> {
    paths
        .iter()
        .map(|p| {
            p.to_str()
                .map(str::to_owned)
                .ok_or_else(|| CliError::BadInput(format!("{}: file name is not valid UTF-8", p.display())))
        })
        .collect()
}

/// What a finished run prints: the summary line, then the outcome.
struct Finished {
    report: ImportReport,
    noun: &'static str,
    progress: Progress,
}

fn run_kind<K: Importer>(
    conn: &mut DbConnection,
    kind: &K,
    files: &[String],
    options: ImportOptions,
) -> Result<Finished, CliError> {
    let mut observer =
        Observer { progress: Progress::new(&format!("importing {}", K::NOUN), None, false), shown: 0 };
    let outcome = import_files(conn, kind, files, options, &mut observer);
    let Observer { progress, .. } = observer;
    match outcome {
        Ok(report) => Ok(Finished { report, noun: K::NOUN, progress }),
        Err(ImportError::BadLine(e)) => Err(stopped(progress, &e.to_string())),
        Err(ImportError::BrokenFile(e)) => Err(stopped(progress, &e.to_string())),
        Err(ImportError::Storage(e)) => {
            progress.finish("import failed");
            Err(e.into())
        }
    }
}

fn stopped(progress: Progress, error: &str) -> CliError {
    progress.finish("import stopped (--strict)");
    CliError::BadInput(format!(
        "{error}\nEvery line before this one was imported and nothing after it. Fix the input and run \
         the same command again: re-importing is idempotent."
    ))
}

fn finish(finished: Finished, note: &str) -> CliResult {
    let Finished { report, noun, progress } = finished;
    progress.finish(&format!(
        "imported {} {noun} ({} new); {} bad line(s) skipped{note}",
        report.imported, report.new, report.bad_lines
    ));
    if report.broken_files > 0 {
        return Err(CliError::BadInput(format!(
            "{} file(s) could not be read to the end (see above); the lines before the damage were imported",
            report.broken_files
        )));
    }
    if report.bad_lines > 0 {
        return Err(CliError::BadInput(format!(
            "{} bad line(s) were skipped (see above); everything else was imported",
            report.bad_lines
        )));
    }
    Ok(ExitCode::SUCCESS)
}

struct Observer {
    progress: Progress,
    shown: u64,
}

impl ImportObserver for Observer {
    fn bad_line(&mut self, error: &LineError) {
        self.shown += 1;
        if self.shown <= SHOWN_BAD_LINES {
            self.progress.println(&error.to_string());
        } else if self.shown == SHOWN_BAD_LINES + 1 {
            self.progress.println("(further bad lines are counted, not shown)");
        }
    }

    fn broken_file(&mut self, error: &StreamError) {
        self.progress.println(&error.to_string());
    }

    fn progress(&mut self, report: &ImportReport) {
        self.progress.set_position(report.imported + report.bad_lines);
    }
}
