//! Parsed records kept between builds, so that a build reads and parses
//! again only the files that changed since the last one: at 100,000
//! activities parsing every file is a few seconds, and a corrected record
//! should take less than that to publish.
//!
//! The build cache's stage folder `parse/` holds one file per collection
//! (and sixteen per year for activities, so an edit rewrites a sixteenth
//! of a year): each record that parsed without a problem, with the hash of
//! its file's bytes.
//! A record is taken from it only when its file, listed by this build, has
//! that very hash (the build cache's content summary) and the program is
//! the one that wrote it; anything else is parsed. A missing, corrupt or
//! foreign file only means parsing. The records are kept as JSON: the
//! model's own serde form, the one format that round-trips its optional
//! fields and flexible dates without a second description of them.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::Content;
use crate::hashing::{HashMap, HashSet};
use crate::incremental::inputs::ContentFiles;
use crate::model::{Collection, Origin, Record, RereadLog, ShrinkToFit, SourceText};
use crate::output::generation::Hash;
use crate::source::{FileRole, ListedFile};

/// The kept records a build may take, and where to keep this build's.
#[derive(Debug)]
pub struct Kept<'c> {
    dir: PathBuf,
    reuse: &'c crate::incremental::reuse::Reuse,
    /// This build's content files, with the hash of each one's bytes.
    files: &'c ContentFiles,
}

/// One kept record, as written.
#[derive(Serialize)]
struct EntryRef<'a, T> {
    rel: &'a str,
    hash: Hash,
    id: &'a str,
    meta: &'a T,
    yaml_start: usize,
    body_start: usize,
    digest: u64,
    summary: &'a str,
    short_body: bool,
}

/// One kept record, as read.
#[derive(Deserialize)]
struct Entry<T> {
    rel: String,
    hash: Hash,
    id: String,
    meta: T,
    yaml_start: usize,
    body_start: usize,
    digest: u64,
    summary: String,
    short_body: bool,
}

/// A file of kept records.
#[derive(Deserialize)]
struct Chunk<T> {
    code: Hash,
    entries: Vec<Entry<T>>,
}

#[derive(Serialize)]
struct ChunkRef<'a, T> {
    code: Hash,
    entries: Vec<EntryRef<'a, T>>,
}

/// What [`Kept::take`] found: the records restored, by collection, and the
/// files left to parse.
#[derive(Debug, Default)]
pub struct Taken {
    /// Restored records, as a parse would give them.
    pub content: Content,
    /// The files to read and parse.
    pub rest: Vec<ListedFile>,
    /// The chunks whose records all came back unchanged, which need not
    /// be written again.
    pub unchanged: HashSet<String>,
}

impl<'c> Kept<'c> {
    /// The kept records of the parse stage of `reuse`, for a build whose
    /// content files are `files`; `None` without a build cache.
    pub fn new(reuse: &'c crate::incremental::reuse::Reuse, files: &'c ContentFiles) -> Option<Self> {
        Some(Self { dir: reuse.dir("parse")?, reuse, files })
    }

    /// This build's content files, as the build cache listed them.
    pub fn files(&self) -> &'c ContentFiles {
        self.files
    }

    /// Splits the listed files into the records kept for them and the
    /// files to parse.
    pub fn take(&self, listed: Vec<ListedFile>, log: &Arc<RereadLog>) -> Taken {
        let mut chunks: BTreeMap<String, Vec<ListedFile>> = BTreeMap::new();
        let mut rest = Vec::new();
        for file in listed {
            match chunk_of(&file) {
                Some(name) if self.files.contains_key(&file.rel_path) => chunks.entry(name).or_default().push(file),
                _ => rest.push(file),
            }
        }
        let restored: Vec<(String, Restored)> =
            chunks.into_par_iter().map(|(name, files)| (name.clone(), self.restore(&name, files, log))).collect();
        let mut taken = Taken { rest, ..Taken::default() };
        for (name, r) in restored {
            if r.rest.is_empty() && r.all_listed {
                taken.unchanged.insert(name);
            }
            taken.rest.extend(r.rest);
            let c = &mut taken.content;
            match r.records {
                Records::Agencies(v) => c.agencies.extend(v),
                Records::People(v) => c.people.extend(v),
                Records::Ormas(v) => c.ormas.extend(v),
                Records::Activities(v) => c.activities.extend(v),
                Records::Partnerships(v) => c.partnerships.extend(v),
            }
        }
        // The order a parse gives: by path.
        taken.rest.sort_by(|a, b| a.rel_path.cmp(&b.rel_path));
        let c = &taken.content;
        let restored = c.agencies.len() + c.people.len() + c.ormas.len() + c.activities.len() + c.partnerships.len();
        self.reuse.tally("parse", restored, taken.rest.len());
        taken
    }

    /// The records of chunk `name` kept for `files`, and the files it has
    /// none for.
    fn restore(&self, name: &str, files: Vec<ListedFile>, log: &Arc<RereadLog>) -> Restored {
        let collection = files.first().and_then(|f| match f.role {
            FileRole::Record(c) => Some(c),
            _ => None,
        });
        match collection {
            Some(Collection::Agencies) => self.restore_as(name, files, log, Records::Agencies),
            Some(Collection::People) => self.restore_as(name, files, log, Records::People),
            Some(Collection::Ormas) => self.restore_as(name, files, log, Records::Ormas),
            Some(Collection::Activities) => self.restore_as(name, files, log, Records::Activities),
            Some(Collection::Partnerships) => self.restore_as(name, files, log, Records::Partnerships),
            None => Restored { records: Records::Agencies(Vec::new()), rest: files, all_listed: false },
        }
    }

    fn restore_as<T: DeserializeOwned + ShrinkToFit>(
        &self,
        name: &str,
        files: Vec<ListedFile>,
        log: &Arc<RereadLog>,
        wrap: impl FnOnce(Vec<Record<T>>) -> Records,
    ) -> Restored {
        let chunk: Option<Chunk<T>> = std::fs::read(self.dir.join(file_name(name)))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .filter(|c: &Chunk<T>| c.code == self.reuse.code());
        let Some(chunk) = chunk else { return Restored { records: wrap(Vec::new()), rest: files, all_listed: false } };
        let kept_count = chunk.entries.len();
        let mut by_rel: HashMap<String, Entry<T>> =
            chunk.entries.into_iter().map(|mut e| (std::mem::take(&mut e.rel), e)).collect();
        let listed = files.len();
        let (mut records, mut rest) = (Vec::with_capacity(listed), Vec::new());
        for file in files {
            let same = |e: &Entry<T>| self.files.get(&file.rel_path).is_some_and(|f| f.hash == e.hash);
            match by_rel.remove(&file.rel_path).filter(same) {
                Some(e) => records.push(record_of(e, file, log)),
                None => rest.push(file),
            }
        }
        Restored { records: wrap(records), rest, all_listed: kept_count == listed }
    }

    /// Keeps this build's records: rewrites the chunks that changed and
    /// removes those of collections or years that are gone. Records whose
    /// files gave warnings while read (`noisy`) are not kept, as taking
    /// them back would skip the check that found them.
    pub fn save(&self, content: &Content, taken_unchanged: &HashSet<String>, noisy: &HashSet<&Path>) -> io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let mut names = HashSet::default();
        self.write(&content.agencies, taken_unchanged, noisy, &mut names)?;
        self.write(&content.people, taken_unchanged, noisy, &mut names)?;
        self.write(&content.ormas, taken_unchanged, noisy, &mut names)?;
        self.write(&content.activities, taken_unchanged, noisy, &mut names)?;
        self.write(&content.partnerships, taken_unchanged, noisy, &mut names)?;
        for entry in std::fs::read_dir(&self.dir)?.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            if file.strip_suffix(".json").is_some_and(|n| !names.contains(n)) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        Ok(())
    }

    /// Writes the chunks of `records` that changed, each as soon as it is
    /// encoded: the encoded records of a million activities are 1.6 GB,
    /// which a build should not hold at once.
    fn write<T: Serialize + Sync>(
        &self,
        records: &[Record<T>],
        unchanged: &HashSet<String>,
        noisy: &HashSet<&Path>,
        names: &mut HashSet<String>,
    ) -> io::Result<()> {
        let mut chunks: BTreeMap<String, Vec<&Record<T>>> = BTreeMap::new();
        for r in records {
            if let Some(name) = chunk_name(r.origin.path()) {
                chunks.entry(name).or_default().push(r);
            }
        }
        names.extend(chunks.keys().cloned());
        chunks.into_par_iter().filter(|(name, _)| !unchanged.contains(name)).try_for_each(|(name, records)| {
            let entries = records
                .into_iter()
                .filter(|r| !noisy.contains(r.origin.full_path()))
                .filter_map(|r| Some((r, self.files.get(r.origin.path())?.hash)))
                // Only a record parsed from the bytes the build listed:
                // a file changed in between is parsed again next time.
                .filter(|(r, hash)| crate::model::digest_of_hash(*hash) == r.origin.digest())
                .map(|(r, hash)| EntryRef {
                    rel: r.origin.path(),
                    hash,
                    id: &r.id,
                    meta: &r.meta,
                    yaml_start: r.origin.yaml_start,
                    body_start: r.origin.body_start,
                    digest: r.origin.digest(),
                    summary: r.summary(),
                    short_body: r.body_is_short(),
                })
                .collect();
            let bytes = serde_json::to_vec(&ChunkRef { code: self.reuse.code(), entries }).map_err(io::Error::other)?;
            crate::incremental::state::write_atomic(&self.dir.join(file_name(&name)), &bytes)
        })
    }
}

/// One chunk's records, typed.
enum Records {
    Agencies(Vec<Record<crate::model::Agency>>),
    People(Vec<Record<crate::model::Person>>),
    Ormas(Vec<Record<crate::model::Ormas>>),
    Activities(Vec<Record<crate::model::Activity>>),
    Partnerships(Vec<Record<crate::model::Partnership>>),
}

struct Restored {
    records: Records,
    rest: Vec<ListedFile>,
    /// Whether the chunk held exactly the listed files (none added or
    /// removed), so that with none left to parse it is unchanged.
    all_listed: bool,
}

/// A kept record as the parse of `file` would give it, its text released.
fn record_of<T: ShrinkToFit>(mut e: Entry<T>, file: ListedFile, log: &Arc<RereadLog>) -> Record<T> {
    // As parsed: the lists hold no spare room (JSON gives no lengths ahead).
    e.meta.shrink_to_fit();
    let text = SourceText::on_disk(e.digest, log);
    let origin = Origin::new(&file.rel_path, file.display_path, text, e.yaml_start, e.body_start);
    Record::restored(e.id, e.meta, origin, e.summary, e.short_body)
}

/// The chunk a listed record file belongs to.
fn chunk_of(file: &ListedFile) -> Option<String> {
    match file.role {
        FileRole::Record(_) => chunk_name(&file.rel_path),
        _ => None,
    }
}

/// `activities-2024` for `activities/2024/x.md`, `ormas` for `ormas/x.md`.
fn chunk_name(rel: &str) -> Option<String> {
    let mut parts = rel.split('/');
    let folder = parts.next()?;
    Collection::from_folder(folder)?;
    match (folder, parts.next(), parts.next(), parts.next()) {
        // A year's activities in sixteen files by their name's hash: an
        // edit rewrites a sixteenth of a year, and the files are read in
        // parallel.
        ("activities", Some(year), Some(name), None) => {
            Some(format!("{folder}-{year}-{:02}", xxhash_rust::xxh3::xxh3_64(name.as_bytes()) % ACTIVITY_PARTS))
        }
        ("activities", ..) => None,
        (_, Some(_), None, _) => Some(folder.to_string()),
        _ => None,
    }
}

/// How many files hold one year's activities.
const ACTIVITY_PARTS: u64 = 16;

fn file_name(chunk: &str) -> String {
    format!("{chunk}.json")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::incremental::reuse::Reuse;

    /// Every fact of every record a build reads, as JSON.
    fn facts(content: &Content) -> Vec<serde_json::Value> {
        fn of<T: Serialize>(records: &[Record<T>]) -> Vec<serde_json::Value> {
            records
                .iter()
                .map(|r| {
                    let o = &r.origin;
                    serde_json::json!([
                        r.id,
                        r.meta,
                        o.path(),
                        o.full_path(),
                        o.yaml_start,
                        o.body_start,
                        o.digest(),
                        r.summary(),
                        r.body_is_short()
                    ])
                })
                .collect()
        }
        let c = content;
        [of(&c.agencies), of(&c.people), of(&c.ormas), of(&c.activities), of(&c.partnerships)].concat()
    }

    fn parse_with(dir: &Path, reuse: &Reuse) -> Content {
        let files = crate::incremental::inputs::content_files(dir, &ContentFiles::new()).unwrap();
        let kept = Kept::new(reuse, &files).unwrap();
        let listed = crate::source::list_content(dir).unwrap();
        let (content, problems, _) = super::super::read_and_parse(listed, &Arc::default(), |_| Vec::new(), Some(&kept));
        assert!(problems.iter().all(|d| !d.is_error()), "{problems:?}");
        content
    }

    #[test]
    fn kept_records_come_back_as_parsed_and_changed_files_are_parsed_again() {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for entry in walkdir::WalkDir::new(repo.join("content")) {
            let entry = entry.unwrap();
            let to = content.join(entry.path().strip_prefix(repo.join("content")).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        let reuse = Reuse::new(tmp.path().join("stages"), 7);
        let parsed = parse_with(&content, &reuse);
        let restored = parse_with(&content, &reuse);
        assert_eq!(facts(&restored), facts(&parsed), "kept records equal parsed ones");
        let records = facts(&parsed).len();
        let tallies = reuse.tallies();
        assert_eq!((tallies[0].kept, tallies[1].kept), (0, records), "all parsed, then all kept: {tallies:?}");

        // An edited activity is parsed again; another program keeps nothing.
        let activity = walkdir::WalkDir::new(content.join("activities"))
            .into_iter()
            .map(Result::unwrap)
            .find(|e| e.file_type().is_file())
            .unwrap()
            .into_path();
        let text = std::fs::read_to_string(&activity).unwrap();
        std::fs::write(&activity, text.replacen("title: ", "title: Ralat ", 1)).unwrap();
        let edited = parse_with(&content, &reuse);
        let t = reuse.tallies();
        assert_eq!(t[2].made, t[1].made + 1, "the settings files and the edited record are parsed: {t:?}");
        let other = Reuse::new(tmp.path().join("stages"), 8);
        assert_eq!(facts(&parse_with(&content, &other)), facts(&edited));
        assert_eq!(other.tallies()[0].kept, 0, "records of another program are not taken");
    }

    #[test]
    fn chunks_are_collections_and_years() {
        let part = chunk_name("activities/2024/rapat.md").unwrap();
        assert!(part.starts_with("activities-2024-") && part.len() == "activities-2024-00".len(), "{part}");
        assert_eq!(chunk_name("activities/2024/rapat.md"), Some(part), "always the same file");
        assert_eq!(chunk_name("ormas/gp-ansor.md").as_deref(), Some("ormas"));
        assert_eq!(chunk_name("activities/rapat.md"), None);
        assert_eq!(chunk_name("lain/x.md"), None);
    }
}
