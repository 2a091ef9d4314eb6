//! Streams a site-sized download (dataset, CSV, calendar) to its file:
//! records are encoded in parallel but appended in the site's order, a
//! window at a time, so memory holds one window of encoded bytes rather
//! than the whole file (a gigabyte at 100,000 activities).

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use rayon::prelude::*;

use super::{DataError, write_error};
use crate::output::generation::Hash;
use crate::output::{StagedFile, Staging};

/// Records encoded before their bytes are appended to the file: large
/// enough to keep both cores busy, small enough to stay a few megabytes.
const WINDOW: usize = 4096;

/// Records one parallel task encodes into one buffer.
const SLICE: usize = 128;

/// A download being written record by record.
pub struct Download<'s> {
    path: String,
    file: Sink<'s>,
}

/// Where a download's bytes go: straight to its file, or through gzip.
/// A build holds a few of these at once, so the size of the larger
/// variant (zlib-rs's state, 0.25 kB more) does not matter.
#[allow(clippy::large_enum_variant)]
enum Sink<'s> {
    Plain(StagedFile<'s>),
    Gzip(GzEncoder<StagedFile<'s>>),
}

impl<'s> Download<'s> {
    /// Creates `path` in the staging folder.
    pub fn create(out: &'s Staging, path: &str) -> Result<Self, DataError> {
        let file = out.create_file(path).map_err(write_error(path))?;
        Ok(Self { path: path.to_string(), file: Sink::Plain(file) })
    }

    /// Creates `path` (a `.gz` name) in the staging folder, gzip-compressed
    /// as it is written. The gzip header holds no name and no time (flate2
    /// writes modification time 0), so the file is the same on every run.
    /// Level 3, measured at 10k: 9 % larger than the default level 6 and a
    /// third less time in the data stage (0.74 s against 1.11 s); level 1
    /// doubles the size. flate2 deflates through zlib-rs (Cargo.toml): at
    /// level 3 its files are 4 % larger than miniz_oxide's and take a
    /// tenth of a 10k build's CPU less; its output depends only on the
    /// input and the level (its hash is chosen by level, not by CPU), so
    /// every run and machine writes the same bytes.
    pub fn create_gzip(out: &'s Staging, path: &str) -> Result<Self, DataError> {
        let file = out.create_file(path).map_err(write_error(path))?;
        Ok(Self { path: path.to_string(), file: Sink::Gzip(GzEncoder::new(file, Compression::new(3))) })
    }

    /// Appends bytes written outside [`Download::extend`] (headers, framing).
    pub fn push(&mut self, bytes: &[u8]) -> Result<(), DataError> {
        let written = match &mut self.file {
            Sink::Plain(f) => f.write_all(bytes),
            Sink::Gzip(g) => g.write_all(bytes),
        };
        written.map_err(write_error(&self.path))
    }

    /// Appends every item of `items` as `encode` writes it; `encode` gets
    /// each item's position in `items` and runs in parallel, but the bytes
    /// land in `items`' order, so the file is the same on every run.
    pub fn extend<T: Sync>(
        &mut self,
        items: &[T],
        encode: impl Fn(usize, &T, &mut Vec<u8>) -> Result<(), DataError> + Sync,
    ) -> Result<(), DataError> {
        for (w, window) in items.chunks(WINDOW).enumerate() {
            let parts = window
                .par_chunks(SLICE)
                .enumerate()
                .map(|(s, slice)| {
                    let mut buf = Vec::with_capacity(slice.len() * 1024);
                    for (k, item) in slice.iter().enumerate() {
                        encode(w * WINDOW + s * SLICE + k, item, &mut buf)?;
                    }
                    Ok(buf)
                })
                .collect::<Result<Vec<_>, DataError>>()?;
            for part in parts {
                self.push(&part)?;
            }
        }
        Ok(())
    }

    /// Flushes the file; returns the hash of its bytes (as written, so
    /// compressed for a `.gz`).
    pub fn finish(self) -> Result<Hash, DataError> {
        let file = match self.file {
            Sink::Plain(f) => f,
            Sink::Gzip(g) => g.finish().map_err(write_error(&self.path))?,
        };
        file.finish().map_err(write_error(&self.path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_encoding_keeps_the_order() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let out = Staging::create(&target).unwrap();
        let items: Vec<u32> = (0..(WINDOW as u32 * 2 + 77)).collect();
        let mut d = Download::create(&out, "data/n.txt").unwrap();
        d.push(b"[").unwrap();
        d.extend(&items, |i, n, buf| {
            assert_eq!(i as u32, *n);
            write!(buf, "{}{n}", if i == 0 { "" } else { "," }).unwrap();
            Ok(())
        })
        .unwrap();
        d.push(b"]").unwrap();
        d.finish().unwrap();
        out.commit().unwrap();
        let text = std::fs::read_to_string(target.join("data/n.txt")).unwrap();
        let back: Vec<u32> = serde_json::from_str(&text).unwrap();
        assert_eq!(back, items);
    }
}
