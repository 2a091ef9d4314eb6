//! A large download written as a run of *pieces*, each a group of records
//! whose bytes depend only on the piece's fingerprint, so that a build
//! after an edit copies the unchanged pieces from the live file and makes
//! only the changed ones: at 100,000 activities one year's dataset file
//! holds 12,500 events and the calendar all of them, too many to make
//! again for one edited record.
//!
//! A plain file (CSV, calendar) is its pieces end to end. A `.gz` file is
//! one gzip member whose deflate stream is the pieces, each deflated by a
//! fresh compressor and ended by a sync flush (so it is byte-aligned and
//! refers to nothing before it), then a final empty block, the CRC-32 of
//! the whole (combined from the pieces' CRCs) and its length: any gzip
//! reader reads it as one stream. A fresh compressor per piece of about 250
//! records costs 0.7 % in size (measured, `fingerprint::CHUNK`), and lets
//! the pieces be deflated in parallel.
//!
//! Which pieces a file had, with their place, length, checksum and CRC, is
//! recorded in the ledger ([`super::ledger`]); a piece is copied only when
//! the live file is the one the ledger describes and the bytes read back
//! have the recorded checksum, else it is made.

use std::io::Write;

use flate2::{Compress, Compression, FlushCompress};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::fingerprint::Fingerprint;
use super::{DataError, write_error};
use crate::output::generation::Hash;
use crate::output::{StagedFile, Staging};

/// Pieces made or read side by side before their bytes are appended.
const WINDOW: usize = 32;

/// The gzip header: deflate, no name, modification time 0 (the same bytes
/// on every run), unknown system.
const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// A final, empty, fixed-Huffman deflate block.
const FINAL_BLOCK: [u8; 2] = [0x03, 0x00];

/// Deflate level, as the single-stream downloads ([`super::stream`]).
const LEVEL: u32 = 3;

/// One piece of a file as written.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct Piece {
    /// Fingerprint of what it holds.
    pub fp: Fingerprint,
    /// Where its bytes start in the file.
    pub at: u64,
    /// How many bytes it has in the file.
    pub len: u64,
    /// xxh3 of those bytes.
    pub sum: u64,
    /// CRC-32 of its bytes before deflating (gzip only).
    pub crc: u32,
    /// Its length before deflating.
    pub raw: u64,
}

/// The live file a unit made last time, with its pieces by fingerprint.
#[derive(Debug)]
pub struct Old {
    file: std::fs::File,
    pieces: std::collections::HashMap<Fingerprint, Piece>,
}

impl Old {
    /// The pieces `pieces` of the live `file`.
    pub fn new(file: std::fs::File, pieces: &[Piece]) -> Self {
        Self { file, pieces: pieces.iter().map(|p| (p.fp, *p)).collect() }
    }

    /// The bytes of the piece of fingerprint `fp`, if the live file holds
    /// it as recorded.
    #[cfg(unix)]
    fn read(&self, fp: Fingerprint) -> Option<(Vec<u8>, Piece)> {
        use std::os::unix::fs::FileExt;
        let p = *self.pieces.get(&fp)?;
        let mut bytes = vec![0; usize::try_from(p.len).ok()?];
        self.file.read_exact_at(&mut bytes, p.at).ok()?;
        (xxh3_64(&bytes) == p.sum).then_some((bytes, p))
    }

    /// Without positioned reads, every piece is made.
    #[cfg(not(unix))]
    fn read(&self, _: Fingerprint) -> Option<(Vec<u8>, Piece)> {
        None
    }
}

/// A file being written piece by piece.
pub struct Pieces<'s> {
    path: String,
    file: StagedFile<'s>,
    gzip: Option<crc32fast::Hasher>,
    old: Option<Old>,
    written: Vec<Piece>,
    at: u64,
    copied: usize,
}

/// A piece ready to append: its bytes as written, CRC and raw length.
struct Ready {
    bytes: Vec<u8>,
    crc: u32,
    raw: u64,
}

impl<'s> Pieces<'s> {
    /// Creates `path` in the staging folder, gzip-compressed when `gzip`;
    /// pieces found in `old` are copied from it.
    pub fn create(out: &'s Staging, path: &str, gzip: bool, old: Option<Old>) -> Result<Self, DataError> {
        let file = out.create_file(path).map_err(write_error(path))?;
        let mut pieces = Self {
            path: path.to_string(),
            file,
            gzip: gzip.then(crc32fast::Hasher::new),
            old,
            written: Vec::new(),
            at: 0,
            copied: 0,
        };
        if gzip {
            pieces.append(&GZIP_HEADER)?;
        }
        Ok(pieces)
    }

    fn append(&mut self, bytes: &[u8]) -> Result<(), DataError> {
        self.file.write_all(bytes).map_err(write_error(&self.path))?;
        self.at += bytes.len() as u64;
        Ok(())
    }

    /// Makes a piece from its raw bytes: deflated, when gzip.
    fn make(gzip: bool, raw: Vec<u8>) -> Ready {
        if !gzip {
            return Ready { raw: raw.len() as u64, crc: 0, bytes: raw };
        }
        Ready { bytes: deflate(&raw), crc: crc32fast::hash(&raw), raw: raw.len() as u64 }
    }

    /// Appends a piece, recording it when it has a fingerprint.
    fn push(&mut self, fp: Option<Fingerprint>, ready: Ready) -> Result<(), DataError> {
        if let Some(crc) = &mut self.gzip {
            crc.combine(&crc32fast::Hasher::new_with_initial_len(ready.crc, ready.raw));
        }
        if let Some(fp) = fp {
            let len = ready.bytes.len() as u64;
            self.written.push(Piece {
                fp,
                at: self.at,
                len,
                sum: xxh3_64(&ready.bytes),
                crc: ready.crc,
                raw: ready.raw,
            });
        }
        self.append(&ready.bytes)
    }

    /// Appends a piece that is always made (a header, the framing).
    pub fn fresh(&mut self, raw: &[u8]) -> Result<(), DataError> {
        let ready = Self::make(self.gzip.is_some(), raw.to_vec());
        self.push(None, ready)
    }

    /// Appends one piece per item of `items`, in order: copied from the
    /// old file when it holds a piece of the item's fingerprint `fp`, else
    /// made by `encode` (side by side).
    pub fn extend<T: Sync>(
        &mut self,
        items: &[T],
        fp: impl Fn(&T) -> Fingerprint + Sync,
        encode: impl Fn(&T, &mut Vec<u8>) -> Result<(), DataError> + Sync,
    ) -> Result<(), DataError> {
        let gzip = self.gzip.is_some();
        for window in items.chunks(WINDOW) {
            let old = self.old.as_ref();
            let ready = window
                .par_iter()
                .map(|item| {
                    let fp = fp(item);
                    if let Some((bytes, p)) = old.and_then(|o| o.read(fp)) {
                        return Ok((fp, Ready { bytes, crc: p.crc, raw: p.raw }, true));
                    }
                    let mut raw = Vec::with_capacity(64 * 1024);
                    encode(item, &mut raw)?;
                    Ok((fp, Self::make(gzip, raw), false))
                })
                .collect::<Result<Vec<_>, DataError>>()?;
            for (fp, piece, copied) in ready {
                self.copied += usize::from(copied);
                self.push(Some(fp), piece)?;
            }
        }
        Ok(())
    }

    /// How many pieces were copied from the old file so far.
    pub fn copied(&self) -> usize {
        self.copied
    }

    /// Ends the file (the gzip trailer); returns the hash of its bytes and
    /// its pieces.
    pub fn finish(mut self) -> Result<(Hash, Vec<Piece>), DataError> {
        if let Some(crc) = self.gzip.take() {
            let len = crc.total_len();
            self.append(&FINAL_BLOCK)?;
            self.append(&crc.finalize().to_le_bytes())?;
            // ISIZE: the length modulo 2^32 (RFC 1952).
            self.append(&(len as u32).to_le_bytes())?;
        }
        let hash = self.file.finish().map_err(write_error(&self.path))?;
        Ok((hash, self.written))
    }
}

/// Deflates `raw` with a fresh compressor and a sync flush: byte-aligned,
/// not final, referring to nothing before it, so pieces can be appended in
/// any combination. The same bytes on every run: the output depends only on
/// the input and the level.
fn deflate(raw: &[u8]) -> Vec<u8> {
    let mut c = Compress::new(Compression::new(LEVEL), false);
    let mut out = Vec::with_capacity(raw.len() / 3 + 64);
    loop {
        let done = c.total_in() as usize;
        // Only a full output buffer stops it early; there is always room made below.
        let _ = c.compress_vec(&raw[done..], &mut out, FlushCompress::Sync);
        if c.total_in() as usize == raw.len() && out.len() < out.capacity() {
            return out;
        }
        out.reserve(out.capacity().max(4096));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn gunzip(bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut d = flate2::read::GzDecoder::new(bytes);
        d.read_to_end(&mut out).unwrap();
        // One member, nothing after it.
        assert_eq!(d.into_inner().len(), 0);
        out
    }

    fn written(gzip: bool, items: &[String], old: Option<Old>) -> (Vec<u8>, Vec<Piece>, usize) {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        let out = Staging::create(&target).unwrap();
        let mut p = Pieces::create(&out, "data/x", gzip, old).unwrap();
        p.fresh(b"[").unwrap();
        p.extend(
            items,
            |s| u128::from(xxh3_64(s.as_bytes())),
            |s, buf| {
                buf.extend_from_slice(s.as_bytes());
                Ok(())
            },
        )
        .unwrap();
        p.fresh(b"]").unwrap();
        let copied = p.copied();
        let (_, pieces) = p.finish().unwrap();
        out.commit().unwrap();
        (std::fs::read(target.join("data/x")).unwrap(), pieces, copied)
    }

    #[test]
    fn pieces_make_one_gzip_stream_and_copied_pieces_the_same_bytes() {
        let items: Vec<String> =
            (0..100).map(|i| format!("{{\"n\":{i},\"text\":\"{}\"}},", "kata ".repeat(i))).collect();
        let (gz, pieces, copied) = written(true, &items, None);
        assert_eq!(copied, 0);
        let whole: String = std::iter::once("[").chain(items.iter().map(String::as_str)).chain(["]"]).collect();
        assert_eq!(gunzip(&gz), whole.as_bytes());
        let (plain, _, _) = written(false, &items, None);
        assert_eq!(plain, whole.as_bytes());

        // Again with one item changed: the other pieces are copied, and the
        // file is the one a fresh writing gives.
        let tmp = tempfile::tempdir().unwrap();
        let old_path = tmp.path().join("old");
        std::fs::write(&old_path, &gz).unwrap();
        let mut changed = items.clone();
        changed[40] = "{\"n\":40,\"text\":\"diubah\"},".into();
        let old = Old::new(std::fs::File::open(&old_path).unwrap(), &pieces);
        let (again, _, copied) = written(true, &changed, Some(old));
        assert_eq!(copied, 99);
        assert_eq!(again, written(true, &changed, None).0);

        // A piece whose bytes are not as recorded is made, not copied.
        let mut bad = gz.clone();
        bad[pieces[7].at as usize] ^= 1;
        std::fs::write(&old_path, &bad).unwrap();
        let old = Old::new(std::fs::File::open(&old_path).unwrap(), &pieces);
        let (again, _, copied) = written(true, &changed, Some(old));
        assert_eq!(copied, 98);
        assert_eq!(again, written(true, &changed, None).0);
    }
}
