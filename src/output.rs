//! Stage 5, write: build into a staging folder beside the output and swap
//! it in only when everything succeeded, so `public/` is always either the
//! old site or the new one, never a mix.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

#[cfg(unix)]
use rustix::fs::{Mode, OFlags};

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
    committed: bool,
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
#[derive(Debug, Clone, Copy, Default)]
pub struct WriteStats {
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
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
        let target = if target.is_absolute() { target.to_path_buf() } else { std::env::current_dir()?.join(target) };
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
        #[cfg(unix)]
        let root = rustix::fs::open(&dir, OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::PATH, Mode::empty())?;
        Ok(Self {
            dir,
            #[cfg(unix)]
            root,
            target,
            files: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            committed: false,
        })
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
    /// parent folders.
    pub fn write(&self, rel_path: &str, data: &[u8]) -> io::Result<()> {
        self.open(rel_path)?.write_all(data)?;
        self.count(data.len() as u64);
        Ok(())
    }

    /// Opens a file at `rel_path` to write piece by piece, for outputs too
    /// large to hold whole (the dataset, the CSVs, the calendar).
    /// [`StagedFile::finish`] completes it.
    pub fn create_file(&self, rel_path: &str) -> io::Result<StagedFile<'_>> {
        let file = self.open(rel_path)?;
        Ok(StagedFile { staging: self, writer: io::BufWriter::with_capacity(1 << 18, file), bytes: 0 })
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

    fn count(&self, bytes: u64) {
        let files = self.files.fetch_add(1, Ordering::Relaxed) + 1;
        self.bytes.fetch_add(bytes, Ordering::Relaxed);
        crate::pause::after_files(files);
    }

    /// Files and bytes written so far.
    pub fn stats(&self) -> WriteStats {
        WriteStats { files: self.files.load(Ordering::Relaxed), bytes: self.bytes.load(Ordering::Relaxed) }
    }

    /// Replaces the target with the staged site. On Linux the two folders
    /// are exchanged in one atomic step; elsewhere the old one is moved
    /// aside first.
    pub fn commit(mut self) -> io::Result<WriteStats> {
        let stats = self.stats();
        if self.target.exists() {
            if exchange(&self.dir, &self.target).is_err() {
                let aside = self.dir.with_extension("old");
                fs::rename(&self.target, &aside)?;
                fs::rename(&self.dir, &self.target)?;
                fs::remove_dir_all(&aside)?;
                self.committed = true;
                return Ok(stats);
            }
            // After the exchange the staging path holds the old site.
            crate::pause::at("swap");
            fs::remove_dir_all(&self.dir)?;
        } else {
            fs::rename(&self.dir, &self.target)?;
        }
        self.committed = true;
        Ok(stats)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// A file being written into a [`Staging`] folder.
#[derive(Debug)]
pub struct StagedFile<'s> {
    staging: &'s Staging,
    writer: io::BufWriter<fs::File>,
    bytes: u64,
}

impl StagedFile<'_> {
    /// Flushes the file and counts it in the staging folder's statistics.
    pub fn finish(mut self) -> io::Result<()> {
        self.writer.flush()?;
        self.staging.count(self.bytes);
        Ok(())
    }
}

impl Write for StagedFile<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.writer.write(buf)?;
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
