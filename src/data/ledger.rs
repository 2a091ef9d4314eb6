//! What the last build's open-data stage made, and the decision, file
//! group by file group, to carry it over or make it again.
//!
//! The open data is made in *units*: a file, or a file and the per-record
//! JSON files written in the same pass (the dataset's year file and its
//! events' own files), that come from one set of inputs. Each unit has a
//! fingerprint of those inputs ([`super::fingerprint`]). The ledger, in
//! the stage's folder of the build cache, records per unit the fingerprint
//! it was made from and the hash of every file it made. A unit whose
//! fingerprint equals the recorded one is carried over with
//! [`Staging::keep`], which succeeds only when the live site still holds
//! those very bytes; anything else (no ledger, a corrupt, stale or foreign
//! one, a live file touched since) makes the unit. The ledger is a hint:
//! it can make a build faster, never its output different
//! ([`crate::incremental::reuse`]).

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use super::DataError;
use super::fingerprint::Fingerprint;
use super::splice::{Old, Piece};
use crate::incremental::reuse::Reuse;
use crate::output::generation::{Hash, hash};
use crate::output::{Staging, WriteError};

/// Bytes the ledger file starts with.
const MAGIC: &[u8; 16] = b"terbuka-data\0\0\0\x02";

/// The ledger's file name in the stage's folder.
const FILE: &str = "ledger";

/// One unit as a build made it.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Unit {
    /// The fingerprint of its inputs.
    fp: Fingerprint,
    /// Every file it made, with the hash of its bytes.
    files: Vec<(String, Hash)>,
    /// The pieces of its file written in pieces ([`super::splice`]), if
    /// it has one.
    pieces: Vec<Piece>,
}

/// The last build's units, and this build's as they are decided.
#[derive(Debug)]
pub struct Ledger {
    /// The stage's folder in the build cache; `None`: no cache, make all.
    dir: Option<PathBuf>,
    /// The last build's units, by name.
    last: HashMap<String, Unit>,
    /// This build's units.
    next: Mutex<Vec<(String, Unit)>>,
    kept: AtomicUsize,
    made: AtomicUsize,
}

/// The files one unit made, with their hashes, as its writers report them
/// (from several threads); and what the unit made last time, for a writer
/// that copies the unchanged pieces of its file.
#[derive(Debug, Default)]
pub struct Made<'l> {
    files: Mutex<Vec<(String, Hash)>>,
    pieces: Mutex<Vec<Piece>>,
    last: Option<&'l Unit>,
}

impl Made<'_> {
    /// Notes a file made, with the hash of its bytes.
    pub fn add(&self, path: &str, hash: Hash) {
        self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((path.to_string(), hash));
    }

    /// Notes the unit's file written in pieces ([`super::splice`]), with
    /// the hash of its bytes and its pieces.
    pub fn add_pieces(&self, path: &str, (hash, pieces): (Hash, Vec<Piece>)) {
        self.add(path, hash);
        *self.pieces.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = pieces;
    }

    /// The file `path` as the unit made it last time, with its pieces, when
    /// the live site still holds it.
    pub fn old(&self, out: &Staging, path: &str) -> Result<Option<Old>, DataError> {
        let Some(unit) = self.last.filter(|u| !u.pieces.is_empty()) else { return Ok(None) };
        let Some((_, hash)) = unit.files.iter().find(|(p, _)| p == path) else { return Ok(None) };
        let file = out.open_live(path, *hash).map_err(|source| WriteError { path: path.to_string(), source })?;
        Ok(file.map(|f| Old::new(f, &unit.pieces)))
    }

    /// Writes one whole file and notes it.
    pub fn write(&self, out: &Staging, path: &str, bytes: &[u8]) -> Result<(), DataError> {
        super::write(out, path, bytes)?;
        self.add(path, hash(bytes));
        Ok(())
    }

    fn into_parts(self) -> (Vec<(String, Hash)>, Vec<Piece>) {
        let files = self.files.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        (files, self.pieces.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner))
    }
}

impl Ledger {
    /// The ledger of the last build, from the stage's folder; empty when
    /// there is none or it cannot be read whole.
    pub fn open(reuse: &Reuse) -> Self {
        let dir = reuse.dir("data");
        let last =
            dir.as_ref().and_then(|d| std::fs::read(d.join(FILE)).ok()).and_then(|b| decode(&b)).unwrap_or_default();
        Self { dir, last, next: Mutex::default(), kept: AtomicUsize::new(0), made: AtomicUsize::new(0) }
    }

    /// Puts unit `name` into the new site: carries its files over when it
    /// was made from inputs of fingerprint `fp` last time and the live site
    /// still holds every file it made, else runs `make`, which writes them
    /// and notes each in the [`Made`] it is given.
    pub fn produce(
        &self,
        out: &Staging,
        name: &str,
        fp: Fingerprint,
        make: impl FnOnce(&Made) -> Result<(), DataError>,
    ) -> Result<(), DataError> {
        let last = self.last.get(name);
        if let Some(unit) = last.filter(|u| u.fp == fp)
            && unit.files.iter().all(|(path, h)| out.live_hash(path) == Some(*h))
            && self.keep_all(out, &unit.files)?
        {
            self.kept.fetch_add(unit.files.len(), Ordering::Relaxed);
            self.note(name, unit.clone());
            return Ok(());
        }
        let made = Made { last, ..Made::default() };
        make(&made)?;
        let (files, pieces) = made.into_parts();
        self.made.fetch_add(files.len(), Ordering::Relaxed);
        self.note(name, Unit { fp, files, pieces });
        Ok(())
    }

    /// Carries every file over; false if one could not be (the manifest
    /// vouched for it a moment ago, so only a race gets here; the unit is
    /// then made, and the files carried over are written again).
    fn keep_all(&self, out: &Staging, files: &[(String, Hash)]) -> Result<bool, DataError> {
        for (path, h) in files {
            let kept = out.keep(path, *h).map_err(|source| WriteError { path: path.clone(), source })?;
            if !kept {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn note(&self, name: &str, unit: Unit) {
        self.next.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((name.to_string(), unit));
    }

    /// Files carried over and files made so far.
    pub fn counts(&self) -> (usize, usize) {
        (self.kept.load(Ordering::Relaxed), self.made.load(Ordering::Relaxed))
    }

    /// Records this build's units for the next one (under a temporary name,
    /// renamed into place) and its counts in `reuse`'s tally. A ledger that
    /// cannot be saved only costs the next build its reuse.
    pub fn close(self, reuse: &Reuse) {
        let (kept, made) = self.counts();
        reuse.tally("data", kept, made);
        let Some(dir) = self.dir else { return };
        let mut units = self.next.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
        units.sort_by(|a, b| a.0.cmp(&b.0));
        let saved = std::fs::create_dir_all(&dir)
            .and_then(|()| crate::incremental::state::write_atomic(&dir.join(FILE), &encode(&units)));
        if saved.is_err() {
            // Stale records are harmless (every fingerprint is checked), but
            // records of another build's files would only cost time: drop them.
            let _ = std::fs::remove_file(dir.join(FILE));
        }
    }
}

/// Magic, the body's checksum, then the units (postcard).
fn encode(units: &[(String, Unit)]) -> Vec<u8> {
    let body = postcard::to_stdvec(units).unwrap_or_default();
    let mut bytes = Vec::with_capacity(32 + body.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&hash(&body).to_le_bytes());
    bytes.extend_from_slice(&body);
    bytes
}

/// The units of a ledger file; `None` unless it is whole and of this format.
fn decode(bytes: &[u8]) -> Option<HashMap<String, Unit>> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (sum, body) = rest.split_at_checked(16)?;
    if sum != hash(body).to_le_bytes() {
        return None;
    }
    let units: Vec<(String, Unit)> = postcard::from_bytes(body).ok()?;
    Some(units.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ledger_reads_back_only_whole() {
        let units =
            vec![("data/a.csv".to_string(), Unit { fp: 7, files: vec![("data/a.csv".into(), 9)], pieces: Vec::new() })];
        let bytes = encode(&units);
        assert_eq!(decode(&bytes).unwrap()["data/a.csv"].fp, 7);
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        assert!(decode(&flipped).is_none(), "a corrupt ledger is ignored");
        assert!(decode(&bytes[..bytes.len() - 3]).is_none(), "a truncated ledger is ignored");
        assert!(decode(b"terbuka-cache\0\0\0garbage").is_none(), "a foreign file is ignored");
    }
}
