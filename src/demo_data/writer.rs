//! Parallel gzip output: items are rendered in fixed-size chunks on all cores, each chunk is
//! compressed as its own gzip member, and members are appended in chunk order. The bytes depend on
//! the chunk size only, never on the thread count; memory holds a few chunks at a time.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use rayon::prelude::*;

use super::DemoError;

/// One output file, written under a temporary name and renamed when complete.
struct Output {
    path: PathBuf,
    temporary: PathBuf,
    writer: BufWriter<File>,
    bytes: u64,
}

impl Output {
    fn create(path: &Path) -> Result<Self, DemoError> {
        let mut temporary = path.as_os_str().to_owned();
        temporary.push(".partial");
        let temporary = PathBuf::from(temporary);
        let file = File::create(&temporary).map_err(|e| DemoError::io(&temporary, e))?;
        Ok(Self {
            path: path.to_owned(),
            temporary,
            writer: BufWriter::with_capacity(1 << 20, file),
            bytes: 0,
        })
    }

    fn append(&mut self, data: &[u8]) -> Result<(), DemoError> {
        self.bytes += data.len() as u64;
        self.writer.write_all(data).map_err(|e| DemoError::io(&self.temporary, e))
    }

    fn finish(self) -> Result<u64, DemoError> {
        let file = self.writer.into_inner().map_err(|e| DemoError::io(&self.temporary, e.into_error()))?;
        file.sync_all().map_err(|e| DemoError::io(&self.temporary, e))?;
        std::fs::rename(&self.temporary, &self.path).map_err(|e| DemoError::io(&self.path, e))?;
        Ok(self.bytes)
    }
}

fn gzip(data: &[u8]) -> io::Result<Vec<u8>> {
    let mut encoder = GzEncoder::new(Vec::with_capacity(data.len() / 4 + 64), Compression::fast());
    encoder.write_all(data)?;
    encoder.finish()
}

/// Renders `items` in chunks of `chunk` into one buffer per path, compresses and writes them in
/// order, and hands each chunk's side result to `sink` in order. Returns the compressed sizes.
pub fn write_chunked<T, R, S>(
    paths: &[PathBuf],
    items: u64,
    chunk: u64,
    render: R,
    mut sink: S,
) -> Result<Vec<u64>, DemoError>
where
    T: Send,
    R: Fn(Range<u64>, &mut [Vec<u8>]) -> T + Sync,
    S: FnMut(T),
{
    let mut outputs = paths.iter().map(|p| Output::create(p)).collect::<Result<Vec<_>, _>>()?;
    let chunks = items.div_ceil(chunk).max(1);
    let window = (rayon::current_num_threads() as u64 * 3).max(2);
    for first in (0..chunks).step_by(window as usize) {
        let last = (first + window).min(chunks);
        let rendered: Vec<io::Result<(Vec<Vec<u8>>, T)>> = (first..last)
            .into_par_iter()
            .map(|c| {
                let range = (c * chunk).min(items)..((c + 1) * chunk).min(items);
                let mut buffers = vec![Vec::new(); paths.len()];
                let side = render(range, &mut buffers);
                let compressed = buffers.iter().map(|b| gzip(b)).collect::<io::Result<Vec<_>>>()?;
                Ok((compressed, side))
            })
            .collect();
        for result in rendered {
            let (compressed, side) = result.map_err(|e| DemoError::io(&paths[0], e))?;
            for (output, data) in outputs.iter_mut().zip(&compressed) {
                output.append(data)?;
            }
            sink(side);
        }
    }
    outputs.into_iter().map(Output::finish).collect()
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use flate2::read::MultiGzDecoder;

    use super::*;

    #[test]
    fn chunks_concatenate_into_one_readable_stream_in_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("numbers.txt.gz");
        let mut seen = Vec::new();
        let sizes = write_chunked(
            std::slice::from_ref(&path),
            1_000,
            64,
            |range, buffers| {
                for i in range.clone() {
                    buffers[0].extend_from_slice(format!("{i}\n").as_bytes());
                }
                range.start
            },
            |start| seen.push(start),
        )
        .unwrap();
        let mut text = String::new();
        MultiGzDecoder::new(File::open(&path).unwrap()).read_to_string(&mut text).unwrap();
        let numbers: Vec<u64> = text.lines().map(|l| l.parse().unwrap()).collect();
        assert_eq!(numbers, (0..1_000).collect::<Vec<_>>());
        assert!(seen.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(sizes[0], std::fs::metadata(&path).unwrap().len());
        assert!(!dir.path().join("numbers.txt.gz.partial").exists());
    }

    #[test]
    fn no_items_still_gives_a_valid_empty_gzip_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.gz");
        write_chunked(std::slice::from_ref(&path), 0, 10, |_, _| (), |()| ()).unwrap();
        let mut text = String::new();
        MultiGzDecoder::new(File::open(&path).unwrap()).read_to_string(&mut text).unwrap();
        assert!(text.is_empty());
    }
}
