//! Incremental builds across runs (`docs/incremental.md`): the build
//! cache beside the output, which lets a build skip itself when nothing
//! changed, write only the files whose bytes changed into the spare
//! generation and swap it in, and list the changed paths.
//!
//! The cache folder (`.terbuka/` beside `public/` unless `--cache-dir`
//! says otherwise) holds:
//! - `state`: the last build's inputs and manifest ([`state`]);
//! - `spare/`: the generation before the live one, which the next build
//!   brings up to date and exchanges with `public/`;
//! - `spare.unclean`: present while a build updates the spare (a build
//!   killed then leaves it, and the next one lists the spare instead of
//!   trusting the manifest);
//! - `changes.txt`: the changed-paths list of the last build ([`changes`]).
//!
//! Nothing in it is ever required: a missing, corrupt or foreign cache
//! means a full build, and the reason is reported.

pub mod changes;
pub mod inputs;
pub mod state;

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostics;
use crate::output::generation::{self, Files, Hash, Listing};
use crate::output::{Committed, Spare, Staging, WriteStats};
use crate::{BuildOptions, Counts};
use changes::Changes;
use inputs::ContentFiles;
use state::State;

/// How the site was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Nothing changed since the last build: nothing was written.
    Unchanged,
    /// The spare generation was updated and exchanged with the output.
    Spare,
    /// A new staging folder was written and swapped in (the first build,
    /// or where hard links or the exchange are not available: the reason).
    Staging(Option<String>),
}

/// The build cache of one build, from start to the saved state.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    output: PathBuf,
    changes_file: Option<PathBuf>,
    /// The last build's state, when usable.
    prior: Option<State>,
    /// Why the cache could not be used, if it could not.
    pub note: Option<String>,
    stamp: Option<Hash>,
    content: Option<ContentFiles>,
    /// The output folder as found.
    live: Listing,
    /// Paths of the output folder with their hash where the manifest
    /// vouches for them, filled when the site is staged.
    before: HashMap<String, Option<Hash>>,
}

/// The default cache folder for an output folder: `.terbuka/` beside it.
pub fn default_dir(output: &Path) -> PathBuf {
    absolute(output).parent().unwrap_or(Path::new("/")).join(".terbuka")
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(path) }
}

impl Cache {
    /// Opens the cache of a build and sums up its inputs. Never fails:
    /// whatever cannot be read makes a full build, with a note saying why.
    pub fn open(options: &BuildOptions) -> Self {
        let dir = options.cache_dir.clone().unwrap_or_else(|| default_dir(&options.output_dir));
        let output = absolute(&options.output_dir);
        let (prior, note) = match state::read(&dir.join("state")) {
            Ok(s) if s.output == output => (Some(s), None),
            Ok(s) => (None, Some(format!("the build cache was last used for `{}`", s.output.display()))),
            Err(e) => (None, Some(e.to_string())),
        };
        let mut cache = Cache {
            dir,
            output,
            changes_file: options.changes_file.clone(),
            prior,
            note,
            stamp: None,
            content: None,
            live: Listing::default(),
            before: HashMap::new(),
        };
        let known = cache.prior.as_ref().and_then(|p| p.content.as_ref());
        let empty = ContentFiles::new();
        let (stamp, content) = rayon::join(
            || inputs::stamp(options),
            || inputs::content_files(&options.content_dir, known.unwrap_or(&empty)),
        );
        cache.stamp = stamp.ok();
        cache.content = content.ok();
        match generation::list(&cache.output, false) {
            Ok(l) => cache.live = l,
            Err(e) => cache.note = Some(format!("cannot list the output folder ({e})")),
        }
        cache
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// When the inputs equal the last build's and the output folder is
    /// exactly as it left it: its counts, size and warnings, and the build
    /// can stop here. Writes the (empty) changes list.
    pub fn unchanged(&self) -> io::Result<Option<(Counts, WriteStats, Diagnostics)>> {
        let Some(prior) = &self.prior else { return Ok(None) };
        let same = self.stamp.is_some()
            && self.stamp == prior.stamp
            && matches!((&self.content, &prior.content), (Some(a), Some(b)) if inputs::same_content(a, b))
            && self.live.files.len() == prior.live.len()
            && self
                .live
                .files
                .iter()
                .all(|(p, (size, mtime))| prior.live.get(p).is_some_and(|e| e.size == *size && e.mtime == *mtime));
        if !same {
            return Ok(None);
        }
        self.write_changes(&Changes::default())?;
        let warnings = Diagnostics(prior.warnings.iter().map(state::Warning::restore).collect());
        Ok(Some((prior.counts, WriteStats { written: 0, ..prior.stats }, warnings)))
    }

    /// The folder to write the site into: the spare generation, brought up
    /// to date, where the output exists and hard links work; a new staging
    /// folder otherwise.
    pub fn staging(&mut self) -> io::Result<(Staging, Mode)> {
        let (live, unverified) = match &self.prior {
            Some(prior) => generation::verify(&prior.live, &self.live),
            None => (Files::new(), self.live.files.keys().cloned().collect()),
        };
        self.before = live.iter().map(|(p, e)| (p.clone(), Some(e.hash))).collect();
        self.before.extend(unverified.iter().map(|p| (p.clone(), None)));
        self.live = Listing::default();
        if !self.output.is_dir() {
            return Ok((Staging::create(&self.output)?, Mode::Staging(None)));
        }
        let spare_dir = self.dir.join("spare");
        std::fs::create_dir_all(&self.dir)?;
        if !crate::output::can_update(&spare_dir, &self.output) {
            let why = "hard links or an atomic exchange between the cache folder and the output are not available \
                       (another file system, or not Linux): the site was staged whole";
            return Ok((Staging::create(&self.output)?, Mode::Staging(Some(why.into()))));
        }
        let unclean = self.dir.join("spare.unclean");
        let known_spare = match (&self.prior, unclean.exists()) {
            (Some(State { spare: Some(s), .. }), false) if spare_dir.is_dir() => Some(s),
            _ => None,
        };
        let (holds, dirs) = match known_spare {
            Some(s) => (s.iter().cloned().collect(), Vec::new()),
            None => {
                let listing = generation::list(&spare_dir, false)?;
                (listing.files.into_keys().map(|p| (p, None)).collect(), listing.dirs)
            }
        };
        std::fs::write(&unclean, b"a build is updating the spare generation\n")?;
        crate::pause::at("spare");
        let unverified: HashSet<String> = unverified.into_iter().collect();
        let spare = Spare { dir: spare_dir, live, unverified, holds, dirs };
        Ok((Staging::update(&self.output, spare)?, Mode::Spare))
    }

    /// Records a build that was swapped in: the new state, the changes list.
    pub fn save(
        &mut self,
        committed: Committed,
        counts: Counts,
        warnings: &Diagnostics,
        mode: &Mode,
    ) -> io::Result<Changes> {
        let changes = Changes::between(&self.before, &committed.files, &committed.linked);
        std::fs::create_dir_all(&self.dir)?;
        let state = State {
            output: self.output.clone(),
            stamp: self.stamp,
            content: self.content.take(),
            warnings: warnings.0.iter().map(state::Warning::keep).collect(),
            counts,
            stats: committed.stats,
            live: committed.files,
            // After an exchange the old site is the spare, known file by
            // file; a new staging folder leaves the spare as it was, but no
            // longer sharing files with the live site: it is listed next time.
            spare: (*mode == Mode::Spare).then(|| std::mem::take(&mut self.before).into_iter().collect()),
        };
        crate::pause::at("state");
        state::write(&self.dir.join("state"), &state)?;
        if *mode == Mode::Spare {
            let _ = std::fs::remove_file(self.dir.join("spare.unclean"));
        }
        self.write_changes(&changes)?;
        Ok(changes)
    }

    fn write_changes(&self, changes: &Changes) -> io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let text = changes.to_text();
        state::write_atomic(&self.dir.join("changes.txt"), text.as_bytes())?;
        if let Some(file) = &self.changes_file {
            state::write_atomic(file, text.as_bytes())?;
        }
        Ok(())
    }
}
