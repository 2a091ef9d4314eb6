//! What a stage may reuse from the last build: a folder of its own in the
//! build cache, and the stamp of the program, theme and options that any
//! fingerprint of its inputs must include.
//!
//! The rule every stage follows: a stage records, per output file, a
//! fingerprint of every input it read to make it and the hash of the bytes
//! it made. The next build recomputes the fingerprint; when it is equal,
//! the stage asks [`crate::output::Staging::keep`] to carry the live file
//! over, which succeeds only when the live site still holds those very
//! bytes (the manifest vouches for it). A stage's records are therefore
//! only hints: missing, stale or foreign ones make the stage produce the
//! file, never a wrong file.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::output::generation::Hash;

/// A stage's view of the build cache.
#[derive(Debug, Clone)]
pub struct Reuse {
    dir: Option<PathBuf>,
    code: Hash,
    tallies: Arc<Mutex<Vec<Tally>>>,
}

/// How many of its files a stage carried over and how many it made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// The stage.
    pub stage: &'static str,
    /// Files carried over from the live site without being made again.
    pub kept: usize,
    /// Files made.
    pub made: usize,
}

impl Reuse {
    /// Stage folders under `dir`, for a build whose program, theme and
    /// options hash to `code`.
    pub fn new(dir: PathBuf, code: Hash) -> Self {
        Self { dir: Some(dir), code, tallies: Arc::default() }
    }

    /// Nothing to reuse (`serve`, or no cache): every stage produces
    /// every file.
    pub fn none() -> Self {
        Self { dir: None, code: 0, tallies: Arc::default() }
    }

    /// The folder of the stage named `stage`, if there is a cache. The
    /// stage creates it when it saves its records.
    pub fn dir(&self, stage: &str) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(stage))
    }

    /// The stamp of the program, theme and options, to start every
    /// fingerprint with.
    pub fn code(&self) -> Hash {
        self.code
    }

    /// Records what a stage reused, for `--timings` and the tests.
    pub fn tally(&self, stage: &'static str, kept: usize, made: usize) {
        self.tallies.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(Tally { stage, kept, made });
    }

    /// What the stages recorded, in the order they finished.
    pub fn tallies(&self) -> Vec<Tally> {
        self.tallies.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }
}
