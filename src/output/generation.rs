//! What a site folder holds, file by file (size, modification time and a
//! content hash), so that a build can tell which of its files are new,
//! which changed and which it may share with the live site by hard link.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// A content hash: xxh3-128 of the file's bytes.
pub type Hash = u128;

/// Hashes a file's bytes.
pub fn hash(bytes: &[u8]) -> Hash {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// One file of a built site as the build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Size in bytes.
    pub size: u64,
    /// Modification time (seconds, nanoseconds): with the size, how a later
    /// build sees that nobody touched the file since, without reading it.
    pub mtime: (i64, u32),
    /// xxh3-128 of the bytes.
    pub hash: Hash,
}

/// Every file of a built site, by `/`-separated path relative to the site.
pub type Files = HashMap<String, FileEntry>;

/// A file's size and modification time, as [`FileEntry`] records them.
pub fn stat_of(meta: &fs::Metadata) -> Stat {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (meta.len(), (meta.mtime(), meta.mtime_nsec() as u32))
    }
    #[cfg(not(unix))]
    {
        let since = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).unwrap_or_default();
        (meta.len(), (since.as_secs() as i64, since.subsec_nanos()))
    }
}

/// What a folder holds: every regular file with its size and modification
/// time, and every folder (to remove the ones left empty), walked in
/// parallel, one task per folder (a site has a folder per page).
#[derive(Debug, Default)]
pub struct Listing {
    /// Files, by site path.
    pub files: HashMap<String, Stat>,
    /// Folders, by site path, parents before their children.
    pub dirs: Vec<String>,
}

/// A file's size and modification time.
pub type Stat = (u64, (i64, u32));

/// The files and the folders below one folder.
type Found = (Vec<(String, Stat)>, Vec<String>);

/// Lists `root`, or nothing when it does not exist. With `skip_hidden`,
/// entries whose name starts with a dot are left out (as the content
/// reader does).
pub fn list(root: &Path, skip_hidden: bool) -> io::Result<Listing> {
    match fs::metadata(root) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Listing::default()),
        Err(e) => return Err(e),
        Ok(_) => {}
    }
    let (files, mut dirs) = walk(root, skip_hidden)?;
    dirs.sort();
    Ok(Listing { files: files.into_iter().collect(), dirs })
}

fn join(rel: &str, name: &str) -> String {
    if rel.is_empty() { name.to_string() } else { format!("{rel}/{name}") }
}

/// On Linux each folder is opened relative to its parent and each file
/// stat'ed relative to its folder: at 100,000 activities the site has
/// 100,000 folders, and resolving each one's full path from `/` cost most
/// of a build that had nothing to do.
#[cfg(target_os = "linux")]
fn walk(root: &Path, skip_hidden: bool) -> io::Result<Found> {
    use rustix::fs::{Mode, OFlags};
    let fd = rustix::fs::open(root, OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC, Mode::empty())?;
    walk_at(fd, "", skip_hidden)
}

#[cfg(target_os = "linux")]
fn walk_at(fd: std::os::fd::OwnedFd, rel: &str, skip_hidden: bool) -> io::Result<Found> {
    use rustix::fs::{AtFlags, Dir, FileType, Mode, OFlags, StatxFlags, openat, statx};
    let mut dir = Dir::new(fd)?;
    let mut entries = Vec::new();
    while let Some(entry) = dir.read() {
        let entry = entry?;
        let name = entry.file_name();
        let bytes = name.to_bytes();
        if bytes == b"." || bytes == b".." || (skip_hidden && bytes.starts_with(b".")) {
            continue;
        }
        entries.push((name.to_owned(), entry.file_type()));
    }
    let fd = dir.fd()?;
    let (mut files, mut subdirs) = (Vec::new(), Vec::new());
    for (name, kind) in entries {
        let path = join(rel, &name.to_string_lossy());
        let flags = AtFlags::SYMLINK_NOFOLLOW;
        let kind = match kind {
            FileType::Unknown => FileType::from_raw_mode(statx(fd, &name, flags, StatxFlags::TYPE)?.stx_mode.into()),
            known => known,
        };
        if kind == FileType::Directory {
            subdirs.push((path, name));
        } else {
            // Symbolic links and the like count as files: a site holds
            // none, so any found is stale and is removed.
            let st = statx(fd, &name, flags, StatxFlags::SIZE | StatxFlags::MTIME)?;
            files.push((path, (st.stx_size, (st.stx_mtime.tv_sec, st.stx_mtime.tv_nsec))));
        }
    }
    let below: Vec<Found> = subdirs
        .par_iter()
        .map(|(path, name)| {
            let sub = openat(
                fd,
                name,
                OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC | OFlags::NOFOLLOW,
                Mode::empty(),
            )?;
            walk_at(sub, path, skip_hidden)
        })
        .collect::<io::Result<_>>()?;
    let mut dirs: Vec<String> = subdirs.into_iter().map(|(p, _)| p).collect();
    for (f, d) in below {
        files.extend(f);
        dirs.extend(d);
    }
    Ok((files, dirs))
}

#[cfg(not(target_os = "linux"))]
fn walk(root: &Path, skip_hidden: bool) -> io::Result<Found> {
    fn walk_in(root: &Path, rel: &str, skip_hidden: bool) -> io::Result<Found> {
        let dir = if rel.is_empty() { root.to_path_buf() } else { root.join(rel) };
        let (mut files, mut subdirs) = (Vec::new(), Vec::new());
        for entry in fs::read_dir(&dir)? {
            let entry = entry?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if skip_hidden && name.starts_with('.') {
                continue;
            }
            let path = join(rel, &name);
            if entry.file_type()?.is_dir() {
                subdirs.push(path);
            } else {
                files.push((path, stat_of(&entry.metadata()?)));
            }
        }
        let below: Vec<Found> = subdirs.par_iter().map(|d| walk_in(root, d, skip_hidden)).collect::<io::Result<_>>()?;
        let mut dirs = subdirs;
        for (f, d) in below {
            files.extend(f);
            dirs.extend(d);
        }
        Ok((files, dirs))
    }
    walk_in(root, "", skip_hidden)
}

/// The entries of `recorded` that `listing` shows untouched (same size
/// and modification time): those a build may trust without reading them.
/// Also returns the listed paths that are not trusted (extra or changed).
pub fn verify(recorded: &Files, listing: &Listing) -> (Files, Vec<String>) {
    let mut trusted = Files::with_capacity(recorded.len());
    let mut unknown = Vec::new();
    for (path, &(size, mtime)) in &listing.files {
        match recorded.get(path) {
            Some(e) if e.size == size && e.mtime == mtime => {
                trusted.insert(path.clone(), *e);
            }
            _ => unknown.push(path.clone()),
        }
    }
    (trusted, unknown)
}
