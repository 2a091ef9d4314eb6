//! Stage 5, write: build into a staging folder beside the output and swap
//! it in only when everything succeeded, so `public/` is always either the
//! old site or the new one, never a mix.
//!
//! The staging folder is either new and empty (the first build, `serve`,
//! and where hard links are not available) or the build cache's spare
//! generation, which [`Staging::update`] brings up to date by writing only
//! the files whose bytes differ from the live site's and hard-linking the
//! rest from it (`docs/incremental.md`). Either way every file is recorded
//! (size, modification time, hash) for the next build's manifest.

pub mod generation;

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;

#[cfg(unix)]
use rustix::fs::{AtFlags, Mode, OFlags};

use crate::hashing::{HashMap, HashSet};
use generation::{FileEntry, Files, Hash};

/// A folder the site is written into before it replaces the output.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    /// The staging folder, opened once: files are created relative to it,
    /// so the kernel does not walk the folder's full path for each of a
    /// third of a million files.
    #[cfg(unix)]
    root: std::os::fd::OwnedFd,
    target: PathBuf,
    files: AtomicUsize,
    bytes: AtomicU64,
    /// Files whose bytes were written (the rest were linked).
    written: AtomicUsize,
    /// Every file of the new site, for the manifest.
    recorded: Mutex<Vec<(String, FileEntry)>>,
    /// Files shared with the live site, found equal.
    linked: Mutex<HashSet<String>>,
    /// Set when the staging folder is the spare generation being updated.
    base: Option<Base>,
    committed: bool,
}

/// The spare generation a build updates instead of writing a new folder:
/// what it holds, and the live site it shares unchanged files with.
#[derive(Debug)]
pub struct Spare {
    /// The spare folder, on the output's file system.
    pub dir: PathBuf,
    /// The live site's files that are as its manifest recorded them.
    pub live: Files,
    /// The live site's other files (no manifest, or touched since): read
    /// and compared when the new site has them.
    pub unverified: HashSet<String>,
    /// What the spare folder holds, with each file's hash where the
    /// manifest knows it (a file with a known hash that equals the live
    /// one's is a hard link to it).
    pub holds: HashMap<String, Option<Hash>>,
    /// The spare's folders where they were listed (a spare left unclean),
    /// so the ones the new site lacks are removed.
    pub dirs: Vec<String>,
}

#[derive(Debug)]
struct Base {
    spare: Spare,
    /// The live site, opened once, to link from.
    #[cfg(unix)]
    live_root: std::os::fd::OwnedFd,
}

/// A file of the site that could not be written: the one error type of
/// every stage that writes (render, search, data), so each reports the
/// output path the same way.
#[derive(Debug, thiserror::Error)]
#[error("cannot write `{path}`: {source}")]
pub struct WriteError {
    /// Output path, relative to the site.
    pub path: String,
    /// The I/O error.
    #[source]
    pub source: io::Error,
}

impl WriteError {
    /// Names `path` in an I/O error on it.
    pub fn at(path: &str) -> impl FnOnce(io::Error) -> WriteError + '_ {
        move |source| WriteError { path: path.to_string(), source }
    }
}

/// What a finished write produced.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
pub struct WriteStats {
    /// Files of the site.
    pub files: usize,
    /// Bytes of the site.
    pub bytes: u64,
    /// Files whose bytes were written; the others were hard-linked from
    /// the previous site, unchanged.
    pub written: usize,
}

/// A site swapped in, and what it holds.
#[derive(Debug)]
pub struct Committed {
    /// Files and bytes.
    pub stats: WriteStats,
    /// Every file of the new site, for the build cache's manifest.
    pub files: Files,
    /// The files found equal to the live site's and shared with it.
    pub linked: HashSet<String>,
}

fn staging_prefix(target: &Path) -> String {
    let name = target.file_name().map_or("public".into(), |n| n.to_string_lossy().into_owned());
    format!(".{name}.tmp-")
}

impl Staging {
    /// Creates an empty staging folder next to `target` (same file system,
    /// so the final swap is a rename), clearing any left by a build that
    /// was killed.
    pub fn create(target: &Path) -> io::Result<Self> {
        let target = absolute(target)?;
        let parent = target.parent().unwrap_or(Path::new("/")).to_path_buf();
        fs::create_dir_all(&parent)?;
        let prefix = staging_prefix(&target);
        for entry in fs::read_dir(&parent)?.flatten() {
            let name = entry.file_name();
            if name.to_string_lossy().starts_with(&prefix) && !is_alive(&name.to_string_lossy()[prefix.len()..]) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
        let dir = parent.join(format!("{prefix}{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir(&dir)?;
        Self::at(dir, target, None)
    }

    fn at(dir: PathBuf, target: PathBuf, base: Option<Base>) -> io::Result<Self> {
        #[cfg(unix)]
        let root = rustix::fs::open(&dir, OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::PATH, Mode::empty())?;
        Ok(Self {
            dir,
            #[cfg(unix)]
            root,
            target,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            written: AtomicUsize::new(0),
            recorded: Mutex::new(Vec::new()),
            linked: Mutex::new(HashSet::default()),
            base,
            committed: false,
        })
    }

    /// Stages the new site in `spare.dir`, which holds an older generation
    /// of it: files whose bytes equal the live site's are hard-linked from
    /// it, others written as new files, and on commit the files the new
    /// site lacks are removed and the two folders exchanged. Needs hard
    /// links and an atomic exchange between `spare.dir` and `target`
    /// (Linux, one file system): callers check with [`can_update`].
    #[cfg(target_os = "linux")]
    pub fn update(target: &Path, spare: Spare) -> io::Result<Self> {
        let target = absolute(target)?;
        fs::create_dir_all(&spare.dir)?;
        let live_root = rustix::fs::open(&target, OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::PATH, Mode::empty())?;
        Self::at(spare.dir.clone(), target, Some(Base { spare, live_root }))
    }

    /// Without hard links and an atomic exchange there is no spare: a new
    /// staging folder as [`Staging::create`] makes.
    #[cfg(not(target_os = "linux"))]
    pub fn update(target: &Path, _spare: Spare) -> io::Result<Self> {
        Self::create(target)
    }

    /// The staging folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes one file at `rel_path` (`/`-separated), creating its folders.
    pub fn write_file(&self, rel_path: &str, data: &[u8]) -> Result<(), WriteError> {
        self.write(rel_path, data).map_err(WriteError::at(rel_path))
    }

    /// Writes `data` to `rel_path` inside the staging folder, creating its
    /// parent folders. When updating the spare generation, bytes the live
    /// site already holds there are linked instead.
    pub fn write(&self, rel_path: &str, data: &[u8]) -> io::Result<()> {
        let hash = generation::hash(data);
        if let Some(entry) = self.share_unchanged(rel_path, data.len() as u64, hash)? {
            self.record(rel_path, entry, false);
            return Ok(());
        }
        self.make_room(rel_path)?;
        let mut file = self.open(rel_path)?;
        file.write_all(data)?;
        self.record(rel_path, entry_of(&file, hash)?, true);
        Ok(())
    }

    /// Opens a file at `rel_path` to write piece by piece, for outputs too
    /// large to hold whole (the dataset, the CSVs, the calendar).
    /// [`StagedFile::finish`] completes it. When updating the spare, the
    /// file is written under a temporary name, as its bytes are only known
    /// at the end.
    pub fn create_file(&self, rel_path: &str) -> io::Result<StagedFile<'_>> {
        let temp = self.base.is_some().then(|| part_name(rel_path));
        let file = self.open(temp.as_deref().unwrap_or(rel_path))?;
        Ok(StagedFile {
            staging: self,
            writer: io::BufWriter::with_capacity(1 << 18, file),
            bytes: 0,
            hasher: xxhash_rust::xxh3::Xxh3::new(),
            rel: rel_path.to_string(),
            temp,
        })
    }

    /// The hash of the live site's file at `rel`, when the build cache's
    /// manifest vouches for it (the file is as the last build left it).
    pub fn live_hash(&self, rel: &str) -> Option<Hash> {
        self.base.as_ref()?.spare.live.get(rel).map(|e| e.hash)
    }

    /// The live site's file at `rel`, opened to read, when the manifest
    /// vouches that it holds bytes hashing to `hash`: for a stage that
    /// copies unchanged parts of a file it made last time.
    pub fn open_live(&self, rel: &str, hash: Hash) -> io::Result<Option<fs::File>> {
        let Some(base) = self.base.as_ref().filter(|b| b.spare.live.get(rel).is_some_and(|e| e.hash == hash)) else {
            return Ok(None);
        };
        #[cfg(unix)]
        {
            match rustix::fs::openat(&base.live_root, rel, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty()) {
                Err(rustix::io::Errno::NOENT) => Ok(None),
                other => Ok(Some(fs::File::from(other?))),
            }
        }
        #[cfg(not(unix))]
        {
            let _ = base;
            Ok(None)
        }
    }

    /// Puts the live site's file at `rel` into the new site unchanged,
    /// without producing its bytes, when the manifest vouches that it
    /// holds bytes hashing to `hash`: for a stage that knows it would
    /// produce those very bytes again (its inputs are those it had when it
    /// wrote them). False when the live site cannot vouch for it (a staged
    /// build, a file touched since, another hash); the caller then writes
    /// the file.
    pub fn keep(&self, rel: &str, hash: Hash) -> io::Result<bool> {
        let live = self.base.as_ref().and_then(|b| b.spare.live.get(rel)).filter(|e| e.hash == hash);
        let Some(&live) = live else { return Ok(false) };
        let shared = self.share_unchanged(rel, live.size, hash)?;
        if let Some(entry) = shared {
            self.record(rel, entry, false);
        }
        Ok(shared.is_some())
    }

    /// The bytes of the live site's file at `rel`, when the manifest
    /// vouches that it hashes to `hash` and it still does: for a stage that
    /// patches a file it made last time instead of making it from scratch.
    /// `None` when the live site cannot vouch for it.
    #[cfg(unix)]
    pub fn read_live(&self, rel: &str, hash: Hash) -> io::Result<Option<Vec<u8>>> {
        let Some(base) = &self.base else { return Ok(None) };
        if base.spare.live.get(rel).map(|e| e.hash) != Some(hash) {
            return Ok(None);
        }
        let fd = match rustix::fs::openat(&base.live_root, rel, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty()) {
            Err(rustix::io::Errno::NOENT) => return Ok(None),
            other => other?,
        };
        let mut bytes = Vec::new();
        io::Read::read_to_end(&mut fs::File::from(fd), &mut bytes)?;
        Ok((generation::hash(&bytes) == hash).then_some(bytes))
    }

    /// Without hard links there is no live site to read from.
    #[cfg(not(unix))]
    pub fn read_live(&self, _: &str, _: Hash) -> io::Result<Option<Vec<u8>>> {
        Ok(None)
    }

    /// When updating the spare and the live site holds `rel` with these
    /// bytes: makes the spare's `rel` that same file (one inode, one
    /// modification time) unless it already is, and returns its entry.
    #[cfg(target_os = "linux")]
    fn share_unchanged(&self, rel: &str, size: u64, hash: Hash) -> io::Result<Option<FileEntry>> {
        let Some(base) = &self.base else { return Ok(None) };
        let live = match base.spare.live.get(rel) {
            Some(e) => (e.hash == hash && e.size == size).then_some(*e),
            None if base.spare.unverified.contains(rel) => read_live(&base.live_root, rel, size, hash)?,
            None => None,
        };
        let Some(live) = live else { return Ok(None) };
        // A spare file whose known hash equals the live one's was linked
        // from it when the spare was last live (the manifests say so).
        if base.spare.holds.get(rel) != Some(&Some(hash)) || !base.spare.live.contains_key(rel) {
            self.make_room(rel)?;
            let linked =
                self.with_parents(rel, || rustix::fs::linkat(&base.live_root, rel, &self.root, rel, AtFlags::empty()));
            match linked {
                // Removed from the live site by hand since the manifest
                // was written (a trusted output is not listed): the
                // caller makes the file.
                Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
                other => other?,
            }
        }
        self.linked.lock().unwrap_or_else(std::sync::PoisonError::into_inner).insert(rel.to_string());
        Ok(Some(live))
    }

    #[cfg(not(target_os = "linux"))]
    fn share_unchanged(&self, _: &str, _: u64, _: Hash) -> io::Result<Option<FileEntry>> {
        Ok(None)
    }

    /// Removes the spare's file at `rel`, if it holds one, so the new one
    /// gets its own inode: the old one may be linked from the live site.
    #[cfg(target_os = "linux")]
    fn make_room(&self, rel: &str) -> io::Result<()> {
        match &self.base {
            Some(base) if base.spare.holds.contains_key(rel) => ignore_missing(self.unlink(rel)),
            _ => Ok(()),
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn make_room(&self, _: &str) -> io::Result<()> {
        Ok(())
    }

    #[cfg(unix)]
    fn unlink(&self, rel: &str) -> io::Result<()> {
        Ok(rustix::fs::unlinkat(&self.root, rel, AtFlags::empty())?)
    }

    #[cfg(not(unix))]
    fn unlink(&self, rel: &str) -> io::Result<()> {
        fs::remove_file(self.dir.join(rel))
    }

    /// Creates a file, and its folders only when they are missing: most
    /// folders already exist, and a failed open is cheaper than checking
    /// every path's folders first (a third of a million files at 100k).
    #[cfg(unix)]
    fn open(&self, rel_path: &str) -> io::Result<fs::File> {
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC | OFlags::CLOEXEC;
        let fd = self
            .with_parents(rel_path, || rustix::fs::openat(&self.root, rel_path, flags, Mode::from_raw_mode(0o666)))?;
        Ok(fs::File::from(fd))
    }

    /// Creates folder `rel` of the staging folder and any missing parents.
    #[cfg(unix)]
    fn create_dirs(&self, rel: &str) -> io::Result<()> {
        match self.with_parents(rel, || rustix::fs::mkdirat(&self.root, rel, Mode::from_raw_mode(0o777))) {
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
            result => result,
        }
    }

    /// Runs `attempt` on `rel`, and once more after creating its parent
    /// folders if they were missing.
    #[cfg(unix)]
    fn with_parents<T>(&self, rel: &str, attempt: impl Fn() -> rustix::io::Result<T>) -> io::Result<T> {
        match attempt() {
            Err(rustix::io::Errno::NOENT) => {
                if let Some((parent, _)) = rel.rsplit_once('/') {
                    self.create_dirs(parent)?;
                }
                Ok(attempt()?)
            }
            result => Ok(result?),
        }
    }

    #[cfg(not(unix))]
    fn open(&self, rel_path: &str) -> io::Result<fs::File> {
        let path = self.dir.join(rel_path);
        match fs::File::create(&path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                fs::File::create(&path)
            }
            result => result,
        }
    }

    /// Counts a finished file and keeps its entry for the manifest.
    fn record(&self, rel: &str, entry: FileEntry, written: bool) {
        self.recorded.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((rel.to_string(), entry));
        if written {
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        let files = self.files.fetch_add(1, Ordering::Relaxed) + 1;
        self.bytes.fetch_add(entry.size, Ordering::Relaxed);
        crate::pause::after_files(files);
    }

    /// The top-level folders and files staged so far.
    pub fn top_level(&self) -> crate::hosting::TopLevel {
        let recorded = self.recorded.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        crate::hosting::TopLevel::of(recorded.iter().map(|(rel, _)| rel.as_str()))
    }

    /// Files and bytes staged so far.
    pub fn stats(&self) -> WriteStats {
        WriteStats {
            files: self.files.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            written: self.written.load(Ordering::Relaxed),
        }
    }

    /// Replaces the target with the staged site. On Linux the two folders
    /// are exchanged in one atomic step; elsewhere the old one is moved
    /// aside first.
    pub fn commit(self) -> io::Result<WriteStats> {
        self.commit_files().map(|c| c.stats)
    }

    /// [`Staging::commit`], returning every file of the new site as well.
    /// An updated spare loses the files the new site lacks, then takes the
    /// live site's place, which becomes the spare: nothing is deleted.
    pub fn commit_files(mut self) -> io::Result<Committed> {
        let stats = self.stats();
        let recorded = std::mem::take(&mut *self.recorded.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        let files: Files = recorded.into_iter().collect();
        let linked = std::mem::take(&mut *self.linked.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
        if let Some(base) = &self.base {
            self.remove_stale(&base.spare, &files)?;
            crate::pause::at("exchange");
            exchange(&self.dir, &self.target)?;
            self.committed = true;
            // The old site is the spare now, as after a staged swap.
            crate::pause::at("swap");
            return Ok(Committed { stats, files, linked });
        }
        self.swap_in()?;
        Ok(Committed { stats, files, linked })
    }

    /// Removes from the spare every file the new site lacks, and the
    /// folders left empty (a clean build has no empty folder).
    fn remove_stale(&self, spare: &Spare, files: &Files) -> io::Result<()> {
        let stale: Vec<&String> = spare.holds.keys().filter(|p| !files.contains_key(*p)).collect();
        stale.par_iter().try_for_each(|p| ignore_missing(self.unlink(p)))?;
        let mut dirs: HashSet<&str> = spare.dirs.iter().map(String::as_str).collect();
        for path in &stale {
            let mut at = path.as_str();
            while let Some((parent, _)) = at.rsplit_once('/') {
                dirs.insert(parent);
                at = parent;
            }
        }
        let mut dirs: Vec<&str> = dirs.into_iter().collect();
        // Children before parents.
        dirs.sort_unstable_by(|a, b| b.cmp(a));
        for dir in dirs {
            // Fails, harmlessly, while the folder holds files.
            let _ = self.remove_dir(dir);
        }
        Ok(())
    }

    #[cfg(unix)]
    fn remove_dir(&self, rel: &str) -> io::Result<()> {
        Ok(rustix::fs::unlinkat(&self.root, rel, AtFlags::REMOVEDIR)?)
    }

    #[cfg(not(unix))]
    fn remove_dir(&self, rel: &str) -> io::Result<()> {
        fs::remove_dir(self.dir.join(rel))
    }

    /// Swaps a new staging folder in and deletes the old site.
    fn swap_in(&mut self) -> io::Result<()> {
        if self.target.exists() {
            if exchange(&self.dir, &self.target).is_err() {
                let aside = self.dir.with_extension("old");
                fs::rename(&self.target, &aside)?;
                fs::rename(&self.dir, &self.target)?;
                fs::remove_dir_all(&aside)?;
                self.committed = true;
                return Ok(());
            }
            // After the exchange the staging path holds the old site.
            crate::pause::at("swap");
            fs::remove_dir_all(&self.dir)?;
        } else {
            fs::rename(&self.dir, &self.target)?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // A spare that was being updated stays for the next build, which
        // knows from the build cache that it is unclean.
        if !self.committed && self.base.is_none() {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// The entry of the live site's file at `rel` when it holds `size` bytes
/// hashing to `hash`, read to find out.
#[cfg(target_os = "linux")]
fn read_live(live_root: &std::os::fd::OwnedFd, rel: &str, size: u64, hash: Hash) -> io::Result<Option<FileEntry>> {
    let fd = match rustix::fs::openat(live_root, rel, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty()) {
        Err(rustix::io::Errno::NOENT) => return Ok(None),
        other => other?,
    };
    let mut file = fs::File::from(fd);
    let entry = entry_of(&file, hash)?;
    if entry.size != size {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(size as usize);
    io::Read::read_to_end(&mut file, &mut bytes)?;
    Ok((generation::hash(&bytes) == hash).then_some(entry))
}

/// The size, modification time and hash of a file just written.
fn entry_of(file: &fs::File, hash: Hash) -> io::Result<FileEntry> {
    let (size, mtime) = generation::stat_of(&file.metadata()?);
    Ok(FileEntry { size, mtime, hash })
}

/// The temporary name a streamed file is written under in the spare: a
/// dot file beside it, which no build writes otherwise.
fn part_name(rel: &str) -> String {
    match rel.rsplit_once('/') {
        Some((dir, name)) => format!("{dir}/.{name}.part"),
        None => format!(".{rel}.part"),
    }
}

fn ignore_missing(result: io::Result<()>) -> io::Result<()> {
    match result {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

fn absolute(path: &Path) -> io::Result<PathBuf> {
    Ok(if path.is_absolute() { path.to_path_buf() } else { std::env::current_dir()?.join(path) })
}

/// Whether a spare generation in `spare_dir` can be updated and exchanged
/// with `target`: Linux, both on one file system, and hard links allowed
/// there (tried once with a scratch file).
pub fn can_update(spare_dir: &Path, target: &Path) -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::fs::MetadataExt;
        let parent = spare_dir.parent().unwrap_or(Path::new("/"));
        let (Ok(a), Ok(b)) = (fs::metadata(parent), fs::metadata(target)) else { return false };
        if a.dev() != b.dev() {
            return false;
        }
        let probe = parent.join(format!(".link-probe-{}", std::process::id()));
        let linked = probe.with_extension("linked");
        let ok = fs::write(&probe, b"").is_ok() && fs::hard_link(&probe, &linked).is_ok();
        let _ = fs::remove_file(&probe);
        let _ = fs::remove_file(&linked);
        ok
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (spare_dir, target);
        false
    }
}

/// A file being written into a [`Staging`] folder.
pub struct StagedFile<'s> {
    staging: &'s Staging,
    writer: io::BufWriter<fs::File>,
    bytes: u64,
    hasher: xxhash_rust::xxh3::Xxh3,
    rel: String,
    /// The temporary name it is written under, when updating the spare.
    temp: Option<String>,
}

impl std::fmt::Debug for StagedFile<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StagedFile").field("rel", &self.rel).field("bytes", &self.bytes).finish_non_exhaustive()
    }
}

impl StagedFile<'_> {
    /// Flushes the file and counts it in the staging folder's statistics.
    /// In the spare, a file whose bytes the live site already holds is
    /// dropped for a link to the live one, others take their place.
    /// Returns the hash of its bytes, for a stage that records what it made
    /// ([`crate::incremental::reuse`]).
    pub fn finish(mut self) -> io::Result<Hash> {
        self.writer.flush()?;
        let hash = self.hasher.digest128();
        let s = self.staging;
        if let Some(temp) = &self.temp {
            if let Some(entry) = s.share_unchanged(&self.rel, self.bytes, hash)? {
                s.unlink(temp)?;
                s.record(&self.rel, entry, false);
                return Ok(hash);
            }
            s.rename(temp, &self.rel)?;
        }
        s.record(&self.rel, entry_of(self.writer.get_ref(), hash)?, true);
        Ok(hash)
    }
}

impl Staging {
    #[cfg(unix)]
    fn rename(&self, from: &str, to: &str) -> io::Result<()> {
        Ok(rustix::fs::renameat(&self.root, from, &self.root, to)?)
    }

    #[cfg(not(unix))]
    fn rename(&self, from: &str, to: &str) -> io::Result<()> {
        fs::rename(self.dir.join(from), self.dir.join(to))
    }
}

impl Write for StagedFile<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.writer.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<()> {
    Err(io::Error::new(io::ErrorKind::Unsupported, "no atomic exchange"))
}

/// Whether the build that owns a staging folder (named by its pid) still
/// runs, so two builds never delete each other's work.
fn is_alive(pid: &str) -> bool {
    pid.parse::<u32>().is_ok_and(|pid| pid != std::process::id() && Path::new(&format!("/proc/{pid}")).exists())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commit_swaps_and_drop_discards() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("public");
        fs::create_dir(&target).unwrap();
        fs::write(target.join("old.html"), "old").unwrap();

        let s = Staging::create(&target).unwrap();
        s.write("a/index.html", b"new").unwrap();
        drop(s);
        assert!(target.join("old.html").exists());
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1, "staging folder removed");

        let s = Staging::create(&target).unwrap();
        s.write("a/index.html", b"new").unwrap();
        let mut big = s.create_file("b/c/data.csv").unwrap();
        big.write_all(b"x,").unwrap();
        big.write_all(b"y\n").unwrap();
        big.finish().unwrap();
        assert_eq!(s.stats().files, 2);
        assert_eq!(s.stats().bytes, 7);
        s.commit().unwrap();
        assert_eq!(fs::read_to_string(target.join("b/c/data.csv")).unwrap(), "x,y\n");
        assert!(!target.join("old.html").exists());
        assert_eq!(fs::read_to_string(target.join("a/index.html")).unwrap(), "new");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }
}
