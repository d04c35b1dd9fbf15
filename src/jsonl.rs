//! Streaming JSON Lines input: plain, gzip (detected by its magic bytes) or stdin (`-`).
//!
//! Reads one bounded line at a time so that memory stays constant whatever the file size, and
//! reports every problem as `FILE:LINE: field: problem`.

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use flate2::read::MultiGzDecoder;
use serde::de::DeserializeOwned;

/// Lines longer than this are rejected without being held in memory.
pub const MAX_LINE_BYTES: usize = 1 << 20;

pub(crate) const GZIP_MAGIC: [u8; 2] = [0x1f, 0x8b];

/// A problem with one line; reading can go on with the next line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub source: String,
    pub line: u64,
    pub field: Option<String>,
    pub problem: String,
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{}:{}: {}: {}", self.source, self.line, field, self.problem),
            None => write!(f, "{}:{}: {}", self.source, self.line, self.problem),
        }
    }
}

/// A problem that ends reading of the file (unreadable, truncated or corrupt compression).
#[derive(Debug, thiserror::Error)]
#[error("{source_name}:{line}: {problem}")]
pub struct StreamError {
    pub source_name: String,
    pub line: u64,
    pub problem: String,
}

/// The outcome of reading one line.
#[derive(Debug)]
pub enum Item<T> {
    Record { line: u64, record: T },
    Bad(LineError),
}

/// Reads JSON Lines records of type `T` one at a time.
pub struct JsonlReader {
    source: String,
    reader: Box<dyn BufRead + Send>,
    line: u64,
    buf: Vec<u8>,
    bytes_read: u64,
}

/// The text of `raw`, decompressed when it is gzip (recognised by content, not by name).
pub fn decompressed(raw: Box<dyn Read + Send>) -> io::Result<Box<dyn BufRead + Send>> {
    let mut peek = BufReader::with_capacity(256 * 1024, raw);
    let is_gzip = peek.fill_buf()?.starts_with(&GZIP_MAGIC);
    Ok(if is_gzip {
        Box::new(BufReader::with_capacity(256 * 1024, MultiGzDecoder::new(peek)))
    } else {
        Box::new(peek)
    })
}

impl JsonlReader {
    /// Opens `path`, or stdin for `-`. Gzip is recognised by content, not by name.
    pub fn open(path: &str) -> Result<Self, StreamError> {
        let open_error = |e: io::Error| StreamError {
            source_name: path.to_owned(),
            line: 0,
            problem: format!("cannot open: {e}"),
        };
        let raw: Box<dyn Read + Send> = if path == "-" {
            Box::new(io::stdin())
        } else {
            Box::new(File::open(Path::new(path)).map_err(open_error)?)
        };
        let reader = decompressed(raw).map_err(open_error)?;
        Ok(Self::from_reader(path, reader))
    }

    pub fn from_reader(source: &str, reader: Box<dyn BufRead + Send>) -> Self {
        Self { source: source.to_owned(), reader, line: 0, buf: Vec::new(), bytes_read: 0 }
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// Uncompressed bytes consumed so far (for progress reporting).
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// The next record, a bad line, `Ok(None)` at the end, or a fatal stream error.
    pub fn next_item<T: DeserializeOwned>(&mut self) -> Result<Option<Item<T>>, StreamError> {
        loop {
            let Some(too_long) = self.read_line()? else { return Ok(None) };
            if too_long {
                return Ok(Some(Item::Bad(self.line_error(
                    None,
                    format!("line is longer than {} bytes; is this JSON Lines?", MAX_LINE_BYTES),
                ))));
            }
            let text = match std::str::from_utf8(&self.buf) {
                Ok(text) => text.trim(),
                Err(e) => {
                    let problem = format!("not valid UTF-8 (bad byte at column {})", e.valid_up_to() + 1);
                    return Ok(Some(Item::Bad(self.line_error(None, problem))));
                }
            };
            if text.is_empty() {
                continue;
            }
            // Tracking the path costs on every field: only a line that fails is parsed again with it.
            if let Ok(record) = serde_json::from_str::<T>(text) {
                return Ok(Some(Item::Record { line: self.line, record }));
            }
            let mut de = serde_json::Deserializer::from_str(text);
            let parsed = serde_path_to_error::deserialize::<_, T>(&mut de);
            let item = match parsed {
                Ok(record) => match de.end() {
                    Ok(()) => Item::Record { line: self.line, record },
                    Err(e) => Item::Bad(self.line_error(None, json_problem(&e))),
                },
                Err(e) => {
                    let path = e.path().to_string();
                    let field = (path != "." && path != "?").then_some(path);
                    let field = field.or_else(|| missing_field(e.inner()));
                    Item::Bad(self.line_error(field, json_problem(e.inner())))
                }
            };
            return Ok(Some(item));
        }
    }

    /// Reads one line into `buf`, keeping at most [`MAX_LINE_BYTES`]. Returns whether it was cut.
    fn read_line(&mut self) -> Result<Option<bool>, StreamError> {
        self.buf.clear();
        let mut too_long = false;
        let mut any = false;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(chunk) => chunk,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.stream_error(e)),
            };
            if chunk.is_empty() {
                break;
            }
            any = true;
            let (taken, ended) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            let content = &chunk[..if ended { taken - 1 } else { taken }];
            if self.buf.len() + content.len() > MAX_LINE_BYTES {
                too_long = true;
            } else {
                self.buf.extend_from_slice(content);
            }
            self.reader.consume(taken);
            self.bytes_read += taken as u64;
            if ended {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        self.line += 1;
        Ok(Some(too_long))
    }

    fn stream_error(&self, e: io::Error) -> StreamError {
        let problem = match e.kind() {
            io::ErrorKind::UnexpectedEof => {
                "the gzip stream is truncated (the file is incomplete)".to_owned()
            }
            io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData => {
                format!("corrupt compressed data: {e}")
            }
            _ => format!("read failed: {e}"),
        };
        StreamError { source_name: self.source.clone(), line: self.line + 1, problem }
    }

    fn line_error(&self, field: Option<String>, problem: String) -> LineError {
        LineError { source: self.source.clone(), line: self.line, field, problem }
    }
}

/// serde_json puts "at line 1 column 7" after its messages; the line number is ours to give.
fn json_problem(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    };
    if e.is_syntax() || e.is_eof() { format!("invalid JSON: {text}") } else { text }
}

fn missing_field(e: &serde_json::Error) -> Option<String> {
    let text = e.to_string();
    let rest = text.strip_prefix("missing field `")?;
    Some(rest.split('`').next()?.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::ConnectionRecord;

    fn read_all(input: &[u8]) -> Vec<Result<Item<ConnectionRecord>, StreamError>> {
        let mut reader = JsonlReader::from_reader("t.jsonl", Box::new(io::Cursor::new(input.to_vec())));
        let mut out = Vec::new();
        loop {
            match reader.next_item::<ConnectionRecord>() {
                Ok(Some(item)) => out.push(Ok(item)),
                Ok(None) => break,
                Err(e) => {
                    out.push(Err(e));
                    break;
                }
            }
        }
        out
    }

    fn bad_message(item: &Result<Item<ConnectionRecord>, StreamError>) -> String {
        match item {
            Ok(Item::Bad(e)) => e.to_string(),
            other => panic!("expected a bad line, got {other:?}"),
        }
    }

    #[test]
    fn reads_records_and_skips_blank_lines() {
        let items = read_all(b"{\"a\":\"m1\",\"b\":\"m2\"}\n\n{\"a\":\"m2\",\"b\":\"m3\"}");
        assert_eq!(items.len(), 2);
        assert!(matches!(&items[1], Ok(Item::Record { line: 3, .. })));
    }

    #[test]
    fn names_missing_field_and_line() {
        let items = read_all(b"{\"a\":\"m1\",\"b\":\"m2\"}\n{\"a\":\"m1\"}\n");
        assert_eq!(bad_message(&items[1]), "t.jsonl:2: b: missing field `b`");
    }

    #[test]
    fn names_wrongly_typed_field() {
        let items = read_all(b"{\"a\":5,\"b\":\"m2\"}\n");
        assert!(bad_message(&items[0]).starts_with("t.jsonl:1: a: invalid type: integer `5`"));
    }

    #[test]
    fn reports_invalid_json_and_non_utf8() {
        let items = read_all(b"{\"a\":\n{\"a\":\"m\xff\",\"b\":\"x\"}\n");
        let message = bad_message(&items[0]);
        assert!(message.starts_with("t.jsonl:1:") && message.contains("invalid JSON"), "{message}");
        assert!(bad_message(&items[1]).contains("t.jsonl:2: not valid UTF-8"));
    }

    #[test]
    fn rejects_overlong_line_then_continues() {
        let mut input = vec![b'x'; MAX_LINE_BYTES + 10];
        input.extend_from_slice(b"\n{\"a\":\"m1\",\"b\":\"m2\"}\n");
        let items = read_all(&input);
        assert!(bad_message(&items[0]).contains("longer than"));
        assert!(matches!(&items[1], Ok(Item::Record { line: 2, .. })));
    }
}
