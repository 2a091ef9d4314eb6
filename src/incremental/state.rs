//! The build cache's record of the last build, in one file of two parts:
//! the *head* (the inputs it was made from, its counts and warnings, and
//! how the output folder looked when it left it), which is all a build
//! with no change reads, and the *manifest* (every file of the live site
//! and what the spare generation holds), read only by a build that writes.
//! At 100,000 activities the manifest is three quarters of the file and
//! most of the time spent decoding it.
//!
//! Written whole under a temporary name and renamed into place; each part
//! is used only when the header, the format and its checksum are right, so
//! a missing, truncated, corrupt or foreign file just means a full build.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::inputs::ContentFiles;
use crate::Counts;
use crate::diagnostic::Diagnostic;
use crate::output::WriteStats;
use crate::output::generation::{Files, Hash, hash};

/// Bytes every state file starts with.
const MAGIC: &[u8; 16] = b"terbuka-cache\0\0\0";
/// Raised whenever [`Head`] or [`Manifest`] change shape: an older file is
/// ignored.
const FORMAT: u32 = 4;
/// Magic, format, the head's length, the head's and the manifest's checksums.
const HEADER: usize = 16 + 4 + 8 + 16 + 16;

/// What a build with no change needs of the last successful build.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Head {
    /// The output folder it built (absolute): a cache shared by two output
    /// folders in one parent serves only the one it last built.
    pub output: PathBuf,
    /// The inputs stamp ([`super::inputs::stamp`]), if it could be taken.
    pub stamp: Option<Hash>,
    /// Every content file it read, if they could be summed up.
    pub content: Option<ContentFiles>,
    /// Its warnings, reported again by a build skipped for no change.
    pub warnings: Vec<Warning>,
    /// Its record counts and output size, to report a skipped build.
    pub counts: Counts,
    /// Files and bytes of the site.
    pub stats: WriteStats,
    /// The output folder as it left it, if known ([`FolderId`]).
    pub folder: Option<FolderId>,
    /// A number drawn for the build, which the state its stages save
    /// beside this file repeats: a stage's state with another number is
    /// from a build that never got this far (killed before its swap).
    pub build: Hash,
}

/// The files of the last build's site and of the spare generation.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// The manifest of the site it swapped in.
    pub live: Files,
    /// What the spare generation holds (each file's hash where known), or
    /// `None` when unknown and to be listed.
    pub spare: Option<Vec<(String, Option<Hash>)>>,
}

/// Which folder the output is, told by what no copy, restore or
/// replacement keeps: its device and inode, and its status change time,
/// which the kernel sets to the present whenever an entry is added to,
/// removed from or renamed in the folder (or the folder itself renamed,
/// or its permissions changed), and which no program can set back. The
/// names and inodes of its entries are summed up too, which catches a
/// change at the top even within the clock tick of the build's own last
/// change (file times advance by ticks of a few milliseconds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderId {
    dev: u64,
    ino: u64,
    ctime: (i64, i64),
    entries: Hash,
}

impl FolderId {
    /// The folder at `path` as it is now; `None` where it does not exist or
    /// the system does not tell (then the output is always listed).
    pub fn of(path: &Path) -> Option<Self> {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            use std::os::unix::fs::{DirEntryExt, MetadataExt};
            let meta = std::fs::symlink_metadata(path).ok().filter(std::fs::Metadata::is_dir)?;
            let mut entries: Vec<(std::ffi::OsString, u64)> = std::fs::read_dir(path)
                .ok()?
                .map(|e| e.map(|e| (e.file_name(), e.ino())))
                .collect::<io::Result<_>>()
                .ok()?;
            entries.sort_unstable();
            let mut sum = xxhash_rust::xxh3::Xxh3::new();
            for (name, ino) in &entries {
                sum.update(&(name.len() as u64).to_le_bytes());
                sum.update(name.as_bytes());
                sum.update(&ino.to_le_bytes());
            }
            let ctime = (meta.ctime(), meta.ctime_nsec());
            Some(Self { dev: meta.dev(), ino: meta.ino(), ctime, entries: sum.digest128() })
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            None
        }
    }
}

/// A warning of the last build, as the cache keeps it (its snippet is
/// read from the file again when it is reported).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Warning {
    file: std::path::PathBuf,
    line: usize,
    column: usize,
    field: Option<String>,
    message: String,
    help: Option<String>,
    span: Option<(usize, usize)>,
}

impl Warning {
    /// Keeps a warning.
    pub fn keep(d: &Diagnostic) -> Self {
        Self {
            file: d.file.clone(),
            line: d.line,
            column: d.column,
            field: d.field.clone(),
            message: d.message.clone(),
            help: d.help.clone(),
            span: d.span,
        }
    }

    /// The warning to report again, with its file's text for the snippet
    /// when the file still reads the same (the build only skips when it does).
    pub fn restore(&self) -> Diagnostic {
        let mut d = Diagnostic::warning(&self.file, &self.message);
        d.line = self.line;
        d.column = self.column;
        d.field = self.field.clone();
        d.help = self.help.clone();
        if self.span.is_some() {
            d.source = std::fs::read_to_string(&self.file).ok().map(std::sync::Arc::from);
            d.span = self.span.filter(|_| d.source.is_some());
        }
        d
    }
}

/// Why a state file was not used.
#[derive(Debug, thiserror::Error)]
pub enum Unusable {
    /// None yet.
    #[error("no build cache yet")]
    Missing,
    /// Unreadable, or not a state file of this format.
    #[error("the build cache is unreadable or from another version of terbuka ({0})")]
    Foreign(String),
}

/// A state file whose head was read, kept open so that its manifest is
/// read, when needed, from the very file the head came from.
#[derive(Debug)]
pub struct Stored {
    file: File,
    head_len: u64,
    manifest_sum: Hash,
}

impl Stored {
    /// The manifest's bytes, checked.
    pub fn manifest_bytes(&mut self) -> Result<Vec<u8>, Unusable> {
        let foreign = |e: io::Error| Unusable::Foreign(e.to_string());
        self.file.seek(SeekFrom::Start(HEADER as u64 + self.head_len)).map_err(foreign)?;
        let mut bytes = Vec::new();
        self.file.read_to_end(&mut bytes).map_err(foreign)?;
        if hash(&bytes) != self.manifest_sum {
            return Err(Unusable::Foreign("checksum mismatch in the manifest".into()));
        }
        Ok(bytes)
    }
}

/// Decodes a manifest from [`Stored::manifest_bytes`].
pub fn decode_manifest(bytes: &[u8]) -> Result<Manifest, Unusable> {
    postcard::from_bytes(bytes).map_err(|e| Unusable::Foreign(e.to_string()))
}

/// Reads the head of the state file at `path`, keeping the file open for
/// its manifest.
pub fn read(path: &Path) -> Result<(Head, Stored), Unusable> {
    let foreign = |e: io::Error| Unusable::Foreign(e.to_string());
    let mut file = match File::open(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Unusable::Missing),
        Err(e) => return Err(foreign(e)),
        Ok(f) => f,
    };
    let len = file.metadata().map_err(foreign)?.len();
    let mut header = [0u8; HEADER];
    if len < HEADER as u64 || file.read_exact(&mut header).is_err() || &header[..16] != MAGIC {
        return Err(Unusable::Foreign("not a terbuka build cache".into()));
    }
    let field = |at: usize, n: usize| &header[at..at + n];
    let format = u32::from_le_bytes(field(16, 4).try_into().unwrap_or_default());
    if format != FORMAT {
        return Err(Unusable::Foreign(format!("format {format}, this build reads {FORMAT}")));
    }
    let head_len = u64::from_le_bytes(field(20, 8).try_into().unwrap_or_default());
    let head_sum = Hash::from_le_bytes(field(28, 16).try_into().unwrap_or_default());
    let manifest_sum = Hash::from_le_bytes(field(44, 16).try_into().unwrap_or_default());
    if head_len > len - HEADER as u64 {
        return Err(Unusable::Foreign("the file is truncated".into()));
    }
    let mut head = vec![0; head_len as usize];
    file.read_exact(&mut head).map_err(foreign)?;
    if hash(&head) != head_sum {
        return Err(Unusable::Foreign("checksum mismatch".into()));
    }
    let head = postcard::from_bytes(&head).map_err(|e| Unusable::Foreign(e.to_string()))?;
    Ok((head, Stored { file, head_len, manifest_sum }))
}

/// Writes the state file at `path`, replacing the old one in one rename.
pub fn write(path: &Path, head: &Head, manifest: &Manifest) -> io::Result<()> {
    write_parts(path, head, &postcard::to_stdvec(manifest).map_err(io::Error::other)?)
}

/// Writes the state file at `path` from a head and a manifest already
/// encoded (read back with [`Stored::manifest_bytes`]).
pub fn write_parts(path: &Path, head: &Head, manifest: &[u8]) -> io::Result<()> {
    let head = postcard::to_stdvec(head).map_err(io::Error::other)?;
    let mut header = Vec::with_capacity(HEADER);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&FORMAT.to_le_bytes());
    header.extend_from_slice(&(head.len() as u64).to_le_bytes());
    header.extend_from_slice(&hash(&head).to_le_bytes());
    header.extend_from_slice(&hash(manifest).to_le_bytes());
    write_atomic_parts(path, &[&header, &head, manifest])
}

/// Writes a file under a temporary name beside it, then renames it into
/// place, so a reader sees the old file or the new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_parts(path, &[bytes])
}

fn write_atomic_parts(path: &Path, parts: &[&[u8]]) -> io::Result<()> {
    use std::io::Write;
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let mut file = File::create(&tmp)?;
    for part in parts {
        file.write_all(part)?;
    }
    drop(file);
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::generation::FileEntry;

    fn head(output: &str) -> Head {
        Head {
            output: output.into(),
            stamp: Some(7),
            content: Some(ContentFiles::new()),
            warnings: Vec::new(),
            counts: Counts::default(),
            stats: WriteStats::default(),
            folder: None,
            build: 3,
        }
    }

    #[test]
    fn the_head_reads_alone_and_the_manifest_on_demand() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("state");
        let entry = FileEntry { size: 3, mtime: (1, 2), hash: 9 };
        let manifest = Manifest { live: Files::from_iter([("a/index.html".to_string(), entry)]), spare: None };
        write(&path, &head("/site/public"), &manifest).unwrap();
        let (got, mut stored) = read(&path).unwrap();
        assert_eq!(got.output, Path::new("/site/public"));
        let bytes = stored.manifest_bytes().unwrap();
        assert_eq!(decode_manifest(&bytes).unwrap().live["a/index.html"], entry);

        // A new head before the same manifest bytes.
        write_parts(&path, &head("/site/other"), &bytes).unwrap();
        let (got, mut stored) = read(&path).unwrap();
        assert_eq!(got.output, Path::new("/site/other"));
        assert_eq!(decode_manifest(&stored.manifest_bytes().unwrap()).unwrap().live.len(), 1);

        // A damaged manifest leaves the head usable, and is itself refused.
        let mut damaged = std::fs::read(&path).unwrap();
        let last = damaged.len() - 1;
        damaged[last] ^= 0xff;
        std::fs::write(&path, &damaged).unwrap();
        let (_, mut stored) = read(&path).unwrap();
        assert!(matches!(stored.manifest_bytes(), Err(Unusable::Foreign(_))));
        // A damaged head, a truncated or a missing file: unusable.
        damaged[HEADER + 2] ^= 0xff;
        std::fs::write(&path, &damaged).unwrap();
        assert!(matches!(read(&path), Err(Unusable::Foreign(_))));
        std::fs::write(&path, &damaged[..HEADER + 1]).unwrap();
        assert!(matches!(read(&path), Err(Unusable::Foreign(_))));
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(read(&path), Err(Unusable::Missing)));
    }

    #[test]
    fn a_folder_changed_at_its_top_or_replaced_is_another_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("public");
        std::fs::create_dir_all(dir.join("kegiatan")).unwrap();
        std::fs::write(dir.join("index.html"), "x").unwrap();
        let id = FolderId::of(&dir).unwrap();
        // A file deep inside, or a file's bytes, do not count.
        std::fs::write(dir.join("index.html"), "y").unwrap();
        std::fs::write(dir.join("kegiatan/index.html"), "y").unwrap();
        assert_eq!(FolderId::of(&dir), Some(id));
        std::fs::write(dir.join("tambahan.txt"), "x").unwrap();
        assert_ne!(FolderId::of(&dir), Some(id), "an entry added at the top");
        let id = FolderId::of(&dir).unwrap();
        std::fs::rename(&dir, tmp.path().join("old")).unwrap();
        std::fs::create_dir(&dir).unwrap();
        assert_ne!(FolderId::of(&dir), Some(id), "another folder in its place");
        assert_eq!(FolderId::of(&tmp.path().join("none")), None);
    }
}
