//! The reading side of an import, on its own thread: decompression, JSON parsing, checks and
//! e-mail hashing run beside the database writes. Events travel in chunks through a bounded
//! channel, so memory stays at a few batches whatever the file size.

use std::sync::mpsc::SyncSender;

use crate::jsonl::{Item, JsonlReader, LineError, StreamError};

use super::Importer;

/// What the reader found, in file order.
pub(super) enum Event<R> {
    Row {
        line: u64,
        row: R,
    },
    Bad(LineError),
    /// The file ends here: unreadable, truncated or corrupt.
    Broken(StreamError),
}

/// Reads `file` and sends its events in chunks of `chunk`. Stops early when the receiver is gone
/// (the import stopped).
pub(super) fn read_file<K: Importer>(
    kind: &K,
    file: &str,
    chunk: usize,
    events: SyncSender<Vec<Event<K::Row>>>,
) {
    let mut reader = match JsonlReader::open(file) {
        Ok(reader) => reader,
        Err(e) => {
            let _ = events.send(vec![Event::Broken(e)]);
            return;
        }
    };
    let mut pending = Vec::with_capacity(chunk);
    loop {
        let event = match reader.next_item::<K::Record>() {
            Ok(Some(Item::Record { line, record })) => match kind.prepare(record) {
                Ok(row) => Event::Row { line, row },
                Err((field, problem)) => {
                    Event::Bad(LineError { source: file.to_owned(), line, field: Some(field), problem })
                }
            },
            Ok(Some(Item::Bad(error))) => Event::Bad(error),
            Ok(None) => break,
            Err(e) => {
                pending.push(Event::Broken(e));
                break;
            }
        };
        pending.push(event);
        if pending.len() >= chunk {
            let full = std::mem::replace(&mut pending, Vec::with_capacity(chunk));
            if events.send(full).is_err() {
                return;
            }
        }
    }
    if !pending.is_empty() {
        let _ = events.send(pending);
    }
}
