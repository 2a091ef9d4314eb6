//! What a site folder holds, file by file (size, modification time and a
//! content hash), so that a build can tell which of its files are new,
//! which changed and which it may share with the live site by hard link.

use std::fs;
use std::io;
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::hashing::HashMap;

/// A content hash: xxh3-128 of the file's bytes.
pub type Hash = u128;

/// Hashes a file's bytes.
pub fn hash(bytes: &[u8]) -> Hash {
    xxhash_rust::xxh3::xxh3_128(bytes)
}

/// Hashes a file's bytes as [`hash`] would, read through a buffer on the
/// stack: the [`on_readers`] threads hash a whole content folder, and
/// reading each file into a fresh allocation left each thread holding
/// memory of its own for the rest of the build.
pub fn hash_file(path: &Path) -> io::Result<Hash> {
    use std::io::Read;
    let mut file = fs::File::open(path)?;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = [0u8; 16 << 10];
    loop {
        match file.read(&mut buf) {
            Ok(0) => return Ok(h.digest128()),
            Ok(n) => h.update(&buf[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
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

/// Threads that stat and read files whose inodes and bytes may not be in
/// memory: each such call waits on the disk, and a disk (a virtual one
/// above all) serves many requests at once far faster than one per core in
/// turn. Listing and hashing the peer corpus's content (110,703 files,
/// 762 MB, bytes not in memory) took 6.8 s on two threads, 4.6 s on 8,
/// 3.0 s on 16 and 2.4 s on 32 (each thread keeps some memory of its own).
const READERS: usize = 16;

/// Runs `f` with rayon's parallel iterators spread over [`READERS`]
/// threads: for listing and reading files, not for work that only computes.
/// The threads end with the call, and with them what the allocator kept
/// for each (40 MB at 100,000 activities, for the rest of the build, when
/// they outlived it), at the cost of starting them, under a millisecond.
pub fn on_readers<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    match rayon::ThreadPoolBuilder::new().num_threads(READERS).thread_name(|i| format!("reader-{i}")).build() {
        Ok(pool) => pool.install(f),
        // Without threads to spare, the caller's pool does the work.
        Err(_) => f(),
    }
}

/// Lists `root`, or nothing when it does not exist. With `skip_hidden`,
/// entries whose name starts with a dot are left out (as the content
/// reader does).
pub fn list(root: &Path, skip_hidden: bool) -> io::Result<Listing> {
    match fs::metadata(root) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Listing::default()),
        Err(e) => return Err(e),
        Ok(_) => {}
    }
    let (files, mut dirs) = on_readers(|| walk(root, skip_hidden))?;
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
    let flags = AtFlags::SYMLINK_NOFOLLOW;
    // A folder may hold a year's 100,000 records: their inodes are stat'ed
    // side by side, in runs long enough to outweigh handing them out.
    let stated: Vec<(String, std::ffi::CString, Option<Stat>)> = entries
        .into_par_iter()
        .with_min_len(64)
        .map(|(name, kind)| {
            let path = join(rel, &name.to_string_lossy());
            let kind = match kind {
                FileType::Unknown => {
                    FileType::from_raw_mode(statx(fd, &name, flags, StatxFlags::TYPE)?.stx_mode.into())
                }
                known => known,
            };
            if kind == FileType::Directory {
                return Ok((path, name, None));
            }
            // Symbolic links and the like count as files: a site holds
            // none, so any found is stale and is removed.
            let st = statx(fd, &name, flags, StatxFlags::SIZE | StatxFlags::MTIME)?;
            Ok((path, name, Some((st.stx_size, (st.stx_mtime.tv_sec, st.stx_mtime.tv_nsec)))))
        })
        .collect::<io::Result<_>>()?;
    let (mut files, mut subdirs) = (Vec::new(), Vec::new());
    for (path, name, stat) in stated {
        match stat {
            Some(stat) => files.push((path, stat)),
            None => subdirs.push((path, name)),
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
    let mut trusted = Files::with_capacity_and_hasher(recorded.len(), Default::default());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_read_in_pieces_hashes_as_its_bytes_do() {
        let dir = tempfile::tempdir().unwrap();
        // Empty, shorter than the buffer, exactly it, and several of it.
        for len in [0, 100, 16 << 10, (16 << 10) + 1, 300_001] {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 7 % 251) as u8).collect();
            let path = dir.path().join(format!("f{len}"));
            fs::write(&path, &bytes).unwrap();
            assert_eq!(hash_file(&path).unwrap(), hash(&bytes), "{len} bytes");
        }
        assert!(hash_file(&dir.path().join("missing")).is_err());
    }

    #[test]
    fn lists_files_and_folders_below_a_root() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("a/b")).unwrap();
        fs::create_dir_all(root.join(".hidden")).unwrap();
        // More files in one folder than one run of stat calls holds.
        for i in 0..300 {
            fs::write(root.join(format!("a/{i}.html")), i.to_string()).unwrap();
        }
        fs::write(root.join("a/b/x.txt"), "xyz").unwrap();
        fs::write(root.join(".hidden/y"), "y").unwrap();
        let shown = list(root, true).unwrap();
        assert_eq!(shown.files.len(), 301);
        assert_eq!(shown.files["a/b/x.txt"].0, 3);
        assert_eq!(shown.files["a/299.html"].0, 3);
        assert_eq!(shown.dirs, vec!["a".to_string(), "a/b".to_string()]);
        let all = list(root, false).unwrap();
        assert_eq!(all.files.len(), 302);
        assert!(all.dirs.contains(&".hidden".to_string()));
        assert!(list(&root.join("none"), false).unwrap().files.is_empty());
    }
}
