//! What a build is made from, summed up so the next build can tell that
//! nothing changed without parsing anything: the inputs stamp (the
//! program, the theme, the options, the content's git history) and each
//! content file's size, modification time and hash, as git's index keeps
//! them.

use std::collections::HashMap;
use std::io;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use crate::BuildOptions;
use crate::output::generation::{Hash, hash_file, list, on_readers, stat_of};

/// One content file as the last build read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentFile {
    /// Size in bytes.
    pub size: u64,
    /// Modification time (seconds, nanoseconds), or `None` when the file
    /// was modified so shortly before the build listed it that an edit
    /// right after could have kept the same time (file times advance by a
    /// clock tick, a few milliseconds, and by seconds on some file
    /// systems): such a file is read again by the next build, as git
    /// treats its "racily clean" entries.
    pub mtime: Option<(i64, u32)>,
    /// xxh3-128 of the bytes.
    pub hash: Hash,
}

/// Every file of the content folder the build reads, by path relative to it.
pub type ContentFiles = HashMap<String, ContentFile>;

/// Everything besides the content files that decides the output: this
/// program (a rebuilt binary of the same version counts as new), the theme folder's files, the options and the git commit the
/// record dates come from.
pub fn stamp(options: &BuildOptions) -> io::Result<Stamps> {
    let code = code_stamp(options)?;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    h.update(&code.to_le_bytes());
    h.update(git_head(&options.content_dir).as_bytes());
    Ok(Stamps { all: h.digest128(), code })
}

/// The inputs stamp and the part of it that is not the content's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamps {
    /// Everything besides the content files ([`stamp`]).
    pub all: Hash,
    /// The program, the theme and the options only: what decides how the
    /// stages that do not show record dates turn records into files
    /// ([`super::reuse::Reuse`]).
    pub code: Hash,
}

/// The program, the theme folder's files and the options.
fn code_stamp(options: &BuildOptions) -> io::Result<Hash> {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let mut field = |bytes: &[u8]| {
        h.update(&(bytes.len() as u64).to_le_bytes());
        h.update(bytes);
    };
    field(env!("CARGO_PKG_VERSION").as_bytes());
    // The program by size and modification time, as cargo tells a rebuilt
    // one (hashing it would cost more than the rest of a skipped build).
    let exe = stat_of(&std::fs::metadata(std::env::current_exe()?)?);
    field(&exe.0.to_le_bytes());
    field(&exe.1.0.to_le_bytes());
    field(&exe.1.1.to_le_bytes());
    field(options.base_url.as_deref().unwrap_or("\0none").as_bytes());
    field(&[u8::from(options.strict)]);
    match &options.theme_dir {
        Some(dir) => {
            for entry in WalkDir::new(dir).sort_by_file_name() {
                let entry = entry?;
                if entry.file_type().is_file() {
                    field(entry.path().strip_prefix(dir).unwrap_or(entry.path()).to_string_lossy().as_bytes());
                    field(&std::fs::read(entry.path())?);
                }
            }
        }
        None => field(b"\0builtin"),
    }
    Ok(h.digest128())
}

/// The last commit that touched the content folder and whether the clone
/// is shallow, which decide the record dates (`history.rs`); empty outside
/// a repository. A commit elsewhere in the repository (a README) changes
/// no date, so it does not count.
fn git_head(content_dir: &Path) -> String {
    let git = |args: &[&str]| {
        crate::history::git_in(content_dir, args)
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default()
    };
    git(&["rev-parse", "--is-shallow-repository"]) + &git(&["log", "-1", "--format=%H", "--", "."])
}

/// How long before the listing a file's modification time must lie for
/// its size and time to vouch for its bytes: more than a clock tick, and
/// the two seconds of the coarsest file systems.
const SETTLED: Duration = Duration::from_secs(3);

/// Lists the content folder as `source.rs` walks it (hidden entries
/// skipped) and sums up each file: a file whose size and modification time
/// equal `known`'s keeps its recorded hash unread; any other is read and
/// hashed (after a fresh `git clone` every time differs, yet the bytes
/// tell that nothing changed).
pub fn content_files(content_dir: &Path, known: &ContentFiles) -> io::Result<ContentFiles> {
    let started = SystemTime::now();
    let listing = list(content_dir, true)?;
    on_readers(|| {
        listing
            .files
            .into_par_iter()
            .map(|(rel, (size, mtime))| {
                let hash = match known.get(&rel) {
                    Some(k) if k.size == size && k.mtime == Some(mtime) => k.hash,
                    _ => hash_file(&content_dir.join(&rel))?,
                };
                Ok((rel, ContentFile { size, mtime: settled(mtime, started).then_some(mtime), hash }))
            })
            .collect()
    })
}

/// Whether a file last modified at `mtime` was left alone long enough
/// before `listed` that a later edit must give it another time.
fn settled((secs, nanos): (i64, u32), listed: SystemTime) -> bool {
    let Ok(listed) = listed.duration_since(UNIX_EPOCH) else { return false };
    let Ok(secs) = u64::try_from(secs) else { return true };
    Duration::new(secs, nanos) + SETTLED <= listed
}

/// Whether two summaries describe the same bytes.
pub fn same_content(a: &ContentFiles, b: &ContentFiles) -> bool {
    a.len() == b.len() && a.iter().all(|(rel, f)| b.get(rel).is_some_and(|g| g.hash == f.hash && g.size == f.size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_times_well_before_the_listing_vouch_for_a_file() {
        let listed = UNIX_EPOCH + Duration::from_secs(1_000_000);
        assert!(settled((999_990, 0), listed));
        assert!(settled((999_997, 0), listed), "exactly the margin");
        assert!(!settled((999_997, 1), listed), "within the margin");
        assert!(!settled((999_999, 999_999_999), listed), "the same clock tick");
        assert!(!settled((1_000_100, 0), listed), "in the future");
        assert!(settled((-5, 0), listed), "before 1970");
    }
}
