//! `connections.jsonl`: undirected edges between members already in the directory.

use crate::formats::ConnectionRecord;
use crate::storage::directory;
use crate::storage::{DbConnection, StorageError};

use super::Importer;
use super::members::check_id;

/// Imports connections; an edge naming an unknown member is a bad line.
pub struct Connections;

impl Importer for Connections {
    type Record = ConnectionRecord;
    /// `(a, b)` with `a < b`.
    type Row = (String, String);
    const NOUN: &'static str = "connections";

    fn prepare(&self, record: ConnectionRecord) -> Result<(String, String), (String, String)> {
        check_id("a", &record.a)?;
        check_id("b", &record.b)?;
        match record.a.cmp(&record.b) {
            std::cmp::Ordering::Less => Ok((record.a, record.b)),
            std::cmp::Ordering::Greater => Ok((record.b, record.a)),
            std::cmp::Ordering::Equal => {
                Err(("b".into(), "a member cannot be connected to themselves".into()))
            }
        }
    }

    fn batch_key(_row: &(String, String)) -> Option<&str> {
        None
    }

    fn rejected(
        &self,
        conn: &mut DbConnection,
        rows: &[(String, String)],
    ) -> Result<Vec<(usize, String, String)>, StorageError> {
        let ids: Vec<&str> = rows.iter().flat_map(|(a, b)| [a.as_str(), b.as_str()]).collect();
        let missing = directory::missing_members(conn, &ids)?;
        let unknown = |field: &str, id: &str| {
            (field.to_owned(), format!("member {id:?} is not in the directory; import members first"))
        };
        Ok(rows
            .iter()
            .enumerate()
            .filter_map(|(i, (a, b))| {
                let (field, id) = if missing.contains(a.as_str()) {
                    ("a", a)
                } else if missing.contains(b.as_str()) {
                    ("b", b)
                } else {
                    return None;
                };
                let (field, problem) = unknown(field, id);
                Some((i, field, problem))
            })
            .collect())
    }

    fn write(&self, conn: &mut DbConnection, rows: &[(String, String)]) -> Result<usize, StorageError> {
        directory::insert_connections(conn, rows)
    }
}
