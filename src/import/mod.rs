//! Directory import: streams JSON Lines files into storage in batches, one transaction per batch,
//! in constant memory. Bad lines are skipped and counted (or, with `strict`, stop the import).
//!
//! What stays after a stop: every good line before the bad one (or before a truncated gzip) is
//! committed; nothing after it is written. Upserts are idempotent, so after fixing the input the
//! same command completes the import.

use std::collections::HashSet;

use serde::de::DeserializeOwned;

use crate::jsonl::{LineError, StreamError};
use crate::storage::{DbConnection, StorageError};

mod companies;
mod connections;
mod members;
mod reader;

use reader::Event;

pub use companies::Companies;
pub use connections::Connections;
pub use members::Members;

/// Records per transaction.
pub const DEFAULT_BATCH: usize = 5_000;

/// One kind of directory file. Shared by the reading thread and the writing one, hence `Sync`.
pub trait Importer: Sync {
    /// A line of the file.
    type Record: DeserializeOwned;
    /// A checked record, ready to store.
    type Row: Send;
    /// What a row is called in messages (`members`).
    const NOUN: &'static str;

    /// Checks a record; the error is `(field, problem)`.
    fn prepare(&self, record: Self::Record) -> Result<Self::Row, (String, String)>;

    /// The id that must be unique within one batch (`None`: duplicates are harmless).
    fn batch_key(row: &Self::Row) -> Option<&str>;

    /// Rows that the database refuses, as `(index in rows, field, problem)`, in index order.
    fn rejected(
        &self,
        _conn: &mut DbConnection,
        _rows: &[Self::Row],
    ) -> Result<Vec<(usize, String, String)>, StorageError> {
        Ok(Vec::new())
    }

    /// Writes rows inside the batch transaction; returns how many were new.
    fn write(&self, conn: &mut DbConnection, rows: &[Self::Row]) -> Result<usize, StorageError>;
}

/// How an import runs.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions {
    pub strict: bool,
    pub batch_size: usize,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self { strict: false, batch_size: DEFAULT_BATCH }
    }
}

/// Counts of one import.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Records written (new or replaced).
    pub imported: u64,
    /// Of those, how many ids were new.
    pub new: u64,
    pub bad_lines: u64,
    /// Files that ended early (unreadable, truncated or corrupt).
    pub broken_files: u64,
}

/// Why an import stopped.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// `strict` and a bad line; the good lines before it are imported.
    #[error("{0}")]
    BadLine(LineError),
    /// `strict` and a file that could not be read to its end.
    #[error("{0}")]
    BrokenFile(StreamError),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// Receives what the import finds, as it goes.
pub trait ImportObserver {
    fn bad_line(&mut self, error: &LineError);
    fn broken_file(&mut self, error: &StreamError);
    /// After each committed batch: the totals so far.
    fn progress(&mut self, report: &ImportReport);
}

/// Imports `files` (paths, or `-` for stdin) in order.
pub fn import_files<K: Importer>(
    conn: &mut DbConnection,
    kind: &K,
    files: &[String],
    options: ImportOptions,
    observer: &mut dyn ImportObserver,
) -> Result<ImportReport, ImportError> {
    let mut run = Run { conn, kind, options, observer, report: ImportReport::default(), file: String::new() };
    let outcome = files.iter().try_for_each(|file| {
        run.file.clone_from(file);
        run.import_file()
    });
    // Even a stopped import may have committed batches: running servers must rebuild their index.
    crate::storage::directory::bump_generation(run.conn)?;
    outcome.map(|()| run.report)
}

struct Run<'a, K: Importer> {
    conn: &'a mut DbConnection,
    kind: &'a K,
    options: ImportOptions,
    observer: &'a mut dyn ImportObserver,
    report: ImportReport,
    /// The file being read, as named in messages.
    file: String,
}

/// Rows waiting for their transaction, with the line each came from.
struct Batch<R> {
    rows: Vec<R>,
    lines: Vec<u64>,
    keys: HashSet<String>,
}

impl<R> Batch<R> {
    fn new() -> Self {
        Self { rows: Vec::new(), lines: Vec::new(), keys: HashSet::new() }
    }
}

impl<K: Importer> Run<'_, K> {
    fn import_file(&mut self) -> Result<(), ImportError> {
        let (kind, file, chunk) = (self.kind, self.file.clone(), self.options.batch_size.max(1));
        std::thread::scope(|scope| {
            // Two chunks in flight: the reader stays ahead without holding more than that.
            let (sender, receiver) = std::sync::mpsc::sync_channel(2);
            scope.spawn(move || reader::read_file(kind, &file, chunk, sender));
            let mut batch = Batch::new();
            for events in receiver {
                for event in events {
                    match event {
                        Event::Row { line, row } => self.push(&mut batch, line, row)?,
                        Event::Bad(error) => self.bad(&mut batch, error)?,
                        Event::Broken(error) => {
                            self.flush(&mut batch)?;
                            return self.broken(error);
                        }
                    }
                }
            }
            self.flush(&mut batch)
        })
    }

    fn push(&mut self, batch: &mut Batch<K::Row>, line: u64, row: K::Row) -> Result<(), ImportError> {
        if let Some(key) = K::batch_key(&row) {
            // A repeated id goes into the next transaction, so the later line wins as it would
            // one line at a time (and PostgreSQL refuses to upsert one row twice in a statement).
            if batch.keys.contains(key) {
                self.flush(batch)?;
            }
            batch.keys.insert(key.to_owned());
        }
        batch.rows.push(row);
        batch.lines.push(line);
        if batch.rows.len() >= self.options.batch_size {
            self.flush(batch)?;
        }
        Ok(())
    }

    fn bad(&mut self, batch: &mut Batch<K::Row>, error: LineError) -> Result<(), ImportError> {
        if self.options.strict {
            self.flush(batch)?;
            return Err(ImportError::BadLine(error));
        }
        self.report.bad_lines += 1;
        self.observer.bad_line(&error);
        Ok(())
    }

    fn broken(&mut self, error: StreamError) -> Result<(), ImportError> {
        if self.options.strict {
            return Err(ImportError::BrokenFile(error));
        }
        self.report.broken_files += 1;
        self.observer.broken_file(&error);
        Ok(())
    }

    /// Commits the batch in one transaction. Rows the database refuses are bad lines; with
    /// `strict`, the rows before the first of them are committed and the import stops.
    fn flush(&mut self, batch: &mut Batch<K::Row>) -> Result<(), ImportError> {
        if batch.rows.is_empty() {
            return Ok(());
        }
        let strict = self.options.strict;
        let kind = self.kind;
        let rows = &mut batch.rows;
        let (new, written, rejected) = crate::storage::transaction(self.conn, |conn| {
            let rejected = kind.rejected(conn, rows)?;
            if strict && let Some(&(first, _, _)) = rejected.first() {
                rows.truncate(first);
            } else {
                let refused: HashSet<usize> = rejected.iter().map(|(i, _, _)| *i).collect();
                let mut index = 0;
                rows.retain(|_| {
                    index += 1;
                    !refused.contains(&(index - 1))
                });
            }
            let new = kind.write(conn, rows)?;
            Ok((new, rows.len(), rejected))
        })?;
        self.report.imported += written as u64;
        self.report.new += new as u64;
        let lines = std::mem::take(&mut batch.lines);
        batch.rows.clear();
        batch.keys.clear();
        for (index, field, problem) in rejected {
            let error = LineError {
                source: self.file.clone(),
                line: lines.get(index).copied().unwrap_or(0),
                field: Some(field),
                problem,
            };
            self.bad_after_flush(error)?;
        }
        self.observer.progress(&self.report);
        Ok(())
    }

    fn bad_after_flush(&mut self, error: LineError) -> Result<(), ImportError> {
        if self.options.strict {
            return Err(ImportError::BadLine(error));
        }
        self.report.bad_lines += 1;
        self.observer.bad_line(&error);
        Ok(())
    }
}
