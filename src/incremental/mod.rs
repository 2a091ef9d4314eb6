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
pub mod reuse;
pub mod state;

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostics;
use crate::hashing::{HashMap, HashSet};
use crate::output::generation::{self, Hash, Listing};
use crate::output::{Committed, Spare, Staging, WriteStats};
use crate::{BuildOptions, Counts};
use changes::Changes;
use inputs::ContentFiles;
use state::{FolderId, Head, Manifest, Stored};

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
    /// Whether to check every file of the output even when nothing changed.
    verify_output: bool,
    /// The head of the last build's state, when usable.
    prior: Option<Head>,
    /// The state file it came from, for the manifest.
    stored: Option<Stored>,
    /// The last build's manifest, once read; empty when unusable.
    manifest: Option<Manifest>,
    /// Why the cache could not be used, if it could not.
    pub note: Option<String>,
    stamp: Option<Hash>,
    /// The part of the stamp that is the program, theme and options.
    code: Option<Hash>,
    content: Option<ContentFiles>,
    /// The output folder as found, once listed.
    live: Option<Listing>,
    /// The listing under way in the background ([`Cache::list_output`]).
    listing: Option<std::thread::JoinHandle<io::Result<Listing>>>,
    /// [`Cache::output_trusted`], decided once: the build asks when it
    /// checks for no change, when it would start listing the output and
    /// when it stages, and must get one answer.
    trusted: std::cell::OnceCell<bool>,
    /// Paths of the output folder with their hash where the manifest
    /// vouches for them, filled when the site is staged.
    before: HashMap<String, Option<Hash>>,
    /// This build's number ([`Head::build`]).
    build: Hash,
}

/// A number no other build draws: the time, the process and the address
/// of a local, hashed.
fn build_number() -> Hash {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let local = 0u8;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&now.as_nanos().to_le_bytes());
    h.update(&std::process::id().to_le_bytes());
    h.update(&(std::ptr::addr_of!(local) as usize).to_le_bytes());
    h.digest128()
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
    /// Reads only the head of the state file: the output folder is listed,
    /// and the manifest read, only when needed ([`Cache::unchanged`],
    /// [`Cache::staging`]).
    pub fn open(options: &BuildOptions) -> Self {
        let dir = options.cache_dir.clone().unwrap_or_else(|| default_dir(&options.output_dir));
        let output = absolute(&options.output_dir);
        let (prior, stored, note) = match state::read(&dir.join("state")) {
            Ok((head, stored)) if head.output == output => (Some(head), Some(stored), None),
            Ok((head, _)) => {
                (None, None, Some(format!("the build cache was last used for `{}`", head.output.display())))
            }
            Err(e) => (None, None, Some(e.to_string())),
        };
        let known = prior.as_ref().and_then(|p| p.content.as_ref());
        let empty = ContentFiles::new();
        let (stamp, content) = rayon::join(
            || inputs::stamp(options),
            || inputs::content_files(&options.content_dir, known.unwrap_or(&empty)),
        );
        Cache {
            dir,
            output,
            changes_file: options.changes_file.clone(),
            verify_output: options.verify_output,
            prior,
            stored,
            manifest: None,
            note,
            stamp: stamp.as_ref().ok().map(|s| s.all),
            code: stamp.ok().map(|s| s.code),
            content: content.ok(),
            live: None,
            listing: None,
            trusted: std::cell::OnceCell::new(),
            before: HashMap::default(),
            build: build_number(),
        }
    }

    /// This build's number and the last one's: a stage's saved state
    /// serves this build only when it bears the last build's number.
    pub fn build_numbers(&self) -> (Hash, Option<Hash>) {
        (self.build, self.prior.as_ref().map(|p| p.build))
    }

    /// The content files this build reads, when they could be summed up.
    pub fn content_files(&self) -> Option<&ContentFiles> {
        self.content.as_ref()
    }

    /// The content files the last build read and those this one reads,
    /// when both are known.
    pub fn contents(&self) -> Option<(&ContentFiles, &ContentFiles)> {
        Some((self.prior.as_ref()?.content.as_ref()?, self.content.as_ref()?))
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// What the stages may reuse from the last build: their folders in
    /// this cache, keyed by this build's program, theme and options.
    pub fn reuse(&self) -> reuse::Reuse {
        match self.code {
            Some(code) => reuse::Reuse::new(self.dir.join("stages"), code),
            None => reuse::Reuse::none(),
        }
    }

    /// Whether the output folder is trusted to hold what the manifest
    /// says: it is the very folder the last build left, with no entry
    /// added or removed at its top ([`FolderId`]), and `--verify-output`
    /// was not given. Its files are then not checked one by one: a fifth
    /// of a million at 100,000 activities, most of the time of a build
    /// that has nothing to do, and at a million activities minutes of a
    /// cold disk for a build that has one page to write. Otherwise
    /// (restored by CI, replaced, changed at the top, a spare generation
    /// left unclean, or `--verify-output`) every file is listed and compared with the
    /// manifest, and a file changed by hand is made again.
    fn output_trusted(&self) -> bool {
        *self.trusted.get_or_init(|| {
            let prior = self.prior.as_ref().and_then(|p| p.folder);
            // A spare generation left unclean (a build stopped while
            // updating it, or damaged) shares inodes with the live site:
            // check both.
            let unclean = self.dir.join("spare.unclean").exists();
            !self.verify_output && !unclean && prior.is_some() && FolderId::of(&self.output) == prior
        })
    }

    /// When the inputs equal the last build's and the output folder is as
    /// it left it: its counts, size and warnings, and the build can stop
    /// here. Writes the (empty) changes list. An untrusted output folder
    /// ([`Cache::output_trusted`]) is trusted from then on if all is as it
    /// was.
    pub fn unchanged(&mut self) -> io::Result<Option<(Counts, WriteStats, Diagnostics)>> {
        let Some(prior) = &self.prior else { return Ok(None) };
        let same_inputs = self.stamp.is_some()
            && self.stamp == prior.stamp
            && matches!((&self.content, &prior.content), (Some(a), Some(b)) if inputs::same_content(a, b));
        if !same_inputs {
            return Ok(None);
        }
        let trusted = self.output_trusted();
        // Content files read again for their time (touched, checked out)
        // are recorded with it, so the next build need not read them.
        let restat = self.content != prior.content;
        let manifest = if trusted {
            None
        } else {
            match self.output_as_recorded() {
                Some(bytes) => Some(bytes),
                None => return Ok(None),
            }
        };
        if !trusted || restat {
            self.refresh_head(manifest)?;
        }
        let Some(prior) = &self.prior else { return Ok(None) };
        self.write_changes(&Changes::default())?;
        let warnings = Diagnostics(prior.warnings.iter().map(state::Warning::restore).collect());
        Ok(Some((prior.counts, WriteStats { written: 0, ..prior.stats }, warnings)))
    }

    /// Lists the output folder and compares it with the manifest: the
    /// manifest's bytes when every file is as recorded.
    fn output_as_recorded(&mut self) -> Option<Vec<u8>> {
        let read = self.stored.as_mut()?.manifest_bytes();
        let manifest = read.and_then(|bytes| state::decode_manifest(&bytes).map(|m| (bytes, m)));
        let (bytes, manifest) = match manifest {
            Ok(m) => m,
            Err(e) => {
                self.note = Some(e.to_string());
                return None;
            }
        };
        let live = self.listing();
        let same = live.files.len() == manifest.live.len()
            && live
                .files
                .iter()
                .all(|(p, (size, mtime))| manifest.live.get(p).is_some_and(|e| e.size == *size && e.mtime == *mtime));
        self.manifest = Some(manifest);
        same.then_some(bytes)
    }

    /// Rewrites the state of a build that found nothing changed with the
    /// content files' times and the output folder as they are now, keeping
    /// the manifest (`manifest`, or read again), so the next build trusts
    /// both without reading or listing them. Best effort: when the manifest
    /// cannot be read the state is left as it was.
    fn refresh_head(&mut self, manifest: Option<Vec<u8>>) -> io::Result<()> {
        let (Some(prior), Some(stored)) = (&self.prior, &mut self.stored) else { return Ok(()) };
        let Some(bytes) = manifest.or_else(|| stored.manifest_bytes().ok()) else { return Ok(()) };
        let head = Head { folder: FolderId::of(&self.output), content: self.content.clone(), ..prior.clone() };
        state::write_parts(&self.dir.join("state"), &head, &bytes)
    }

    /// The output folder as found, listed on first use.
    fn listing(&mut self) -> &Listing {
        if self.live.is_none() {
            let listed = match self.listing.take().map(std::thread::JoinHandle::join) {
                Some(Ok(listed)) => listed,
                _ => generation::list(&self.output, false),
            };
            let listing = listed.unwrap_or_else(|e| {
                self.note = Some(format!("cannot list the output folder ({e})"));
                Listing::default()
            });
            self.live = Some(listing);
        }
        self.live.get_or_insert_with(Listing::default)
    }

    /// Starts listing the output folder in the background, for a build
    /// that will write into an output folder it does not trust
    /// ([`Cache::output_trusted`]): on a disk whose folder metadata is not cached the
    /// listing waits on the disk for most of its time (tens of seconds at
    /// 100,000 activities), which the build spends reading and parsing
    /// the content instead.
    pub fn list_output(&mut self) {
        if self.live.is_none() && self.listing.is_none() && !self.output_trusted() {
            let output = self.output.clone();
            self.listing = Some(std::thread::spawn(move || generation::list(&output, false)));
        }
    }

    /// The last build's manifest, read on first use; empty (with a note)
    /// when unusable, which makes the build check every file.
    fn manifest(&mut self) -> &Manifest {
        if self.manifest.is_none() {
            let read = self.stored.as_mut().map(|s| s.manifest_bytes().and_then(|b| state::decode_manifest(&b)));
            let manifest = match read {
                Some(Ok(m)) => m,
                Some(Err(e)) => {
                    self.note = Some(e.to_string());
                    Manifest::default()
                }
                None => Manifest::default(),
            };
            self.manifest = Some(manifest);
        }
        self.manifest.get_or_insert_with(Manifest::default)
    }

    /// The folder to write the site into: the spare generation, brought up
    /// to date, where the output exists and hard links work; a new staging
    /// folder otherwise.
    pub fn staging(&mut self) -> io::Result<(Staging, Mode)> {
        self.manifest();
        let trusted = self.output_trusted() && self.live.is_none();
        if !trusted {
            self.listing();
        }
        let Manifest { live: recorded, spare: known_spare } = self.manifest.take().unwrap_or_default();
        let (live, unverified) = if trusted {
            // A file removed by hand since is made again: sharing it with
            // the new site finds it missing (`Staging::keep`).
            (recorded, Vec::new())
        } else {
            generation::verify(&recorded, &self.live.take().unwrap_or_default())
        };
        self.before = live.iter().map(|(p, e)| (p.clone(), Some(e.hash))).collect();
        self.before.extend(unverified.iter().map(|p| (p.clone(), None)));
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
        let known_spare = known_spare.filter(|_| !unclean.exists() && spare_dir.is_dir());
        let (holds, dirs) = match known_spare {
            Some(s) => (s.into_iter().collect(), Vec::new()),
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
        let head = Head {
            output: self.output.clone(),
            stamp: self.stamp,
            content: self.content.take(),
            warnings: warnings.0.iter().map(state::Warning::keep).collect(),
            counts,
            stats: committed.stats,
            // Taken after the swap: the folder now live, as this build leaves it.
            folder: FolderId::of(&self.output),
            build: self.build,
        };
        let manifest = Manifest {
            live: committed.files,
            // After an exchange the old site is the spare, known file by
            // file; a new staging folder leaves the spare as it was, but no
            // longer sharing files with the live site: it is listed next time.
            spare: (*mode == Mode::Spare).then(|| std::mem::take(&mut self.before).into_iter().collect()),
        };
        crate::pause::at("state");
        state::write(&self.dir.join("state"), &head, &manifest)?;
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
