//! Stage 1, read: find every content file and load its text, in parallel.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, display_path};
use crate::model::Collection;

/// What a file in `content/` is, judged by where it sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileRole {
    /// `site.yaml`
    Site,
    /// `regions.yaml`
    Regions,
    /// `topics.yaml`
    Topics,
    /// One record of a collection.
    Record(Collection),
}

/// A content file and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// What the file holds.
    pub role: FileRole,
    /// Path relative to the content folder, `/`-separated.
    pub rel_path: String,
    /// Path as the user sees it (content folder joined), for messages.
    pub display_path: PathBuf,
    /// The whole file.
    pub text: Arc<str>,
}

/// Every file of a content folder, plus problems with its layout.
#[derive(Debug, Default)]
pub struct ContentFiles {
    /// Files in walk order (sorted by path).
    pub files: Vec<SourceFile>,
    /// Layout problems: unreadable files, files in the wrong place.
    pub diagnostics: Vec<Diagnostic>,
}

/// A content file found in `content/`, not read yet.
#[derive(Debug, Clone)]
pub struct ListedFile {
    /// What the file holds.
    pub role: FileRole,
    /// Path relative to the content folder, `/`-separated.
    pub rel_path: String,
    /// Path as the user sees it (content folder joined), also the path read.
    pub display_path: PathBuf,
}

impl ListedFile {
    /// Reads the file's text.
    pub fn read(self) -> Result<SourceFile, Diagnostic> {
        let Self { role, rel_path, display_path } = self;
        if let Some(d) = too_large(&display_path) {
            return Err(d);
        }
        match std::fs::read_to_string(&display_path) {
            Ok(text) => Ok(SourceFile { role, rel_path, display_path, text: Arc::from(text) }),
            Err(e) => Err(Diagnostic::error(display_path, format!("cannot read the file: {e}"))
                .with_help("records must be UTF-8 text files")),
        }
    }
}

/// Every content file of a folder, found but not read, plus problems with
/// its layout: the build reads and parses each file in one pass
/// (`parse::read_and_parse`), so the texts are never all in memory.
#[derive(Debug, Default)]
pub struct ContentList {
    /// Files in walk order (sorted by path).
    pub files: Vec<ListedFile>,
    /// Layout problems: unreadable folders, files in the wrong place.
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks `content_dir` and reads every file that belongs to the content
/// model; reading is spread over all cores because at 100,000 records it is
/// a good part of the build.
pub fn read_content(content_dir: &Path) -> Result<ContentFiles, std::io::Error> {
    let ContentList { files: listed, mut diagnostics } = list_content(content_dir)?;
    let read: Vec<Result<SourceFile, Diagnostic>> = listed.into_par_iter().map(ListedFile::read).collect();
    let mut files = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(f) => files.push(f),
            Err(d) => diagnostics.push(d),
        }
    }
    Ok(ContentFiles { files, diagnostics })
}

/// Walks `content_dir` and lists every file that belongs to the content
/// model, with what each holds, without reading them.
pub fn list_content(content_dir: &Path) -> Result<ContentList, std::io::Error> {
    if !content_dir.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("content folder `{}` does not exist", content_dir.display()),
        ));
    }
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    let walker = WalkDir::new(content_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().map(Path::to_path_buf).unwrap_or_else(|| content_dir.into());
                diagnostics.push(Diagnostic::error(path, format!("cannot read: {e}")));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(content_dir).unwrap_or(entry.path());
        let rel_path = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        match classify(&rel_path) {
            Ok(Some(role)) => {
                let display_path = display_path(content_dir, &rel_path);
                files.push(ListedFile { role, rel_path, display_path });
            }
            Ok(None) => {}
            Err(diag) => diagnostics.push(diag(display_path(content_dir, &rel_path))),
        }
    }
    crate::pause::at("read");
    Ok(ContentList { files, diagnostics })
}

/// [`list_content`] for a content folder already listed (the build cache
/// lists it to tell what changed): the same files in the same order (by
/// path, folder by folder) and the same layout problems, from their paths.
pub fn list_known<'a>(content_dir: &Path, rel_paths: impl IntoIterator<Item = &'a String>) -> ContentList {
    let mut rels: Vec<&String> = rel_paths.into_iter().collect();
    // Folder by folder, as the walk sorts names: a `/` sorts before any
    // other byte.
    let key = |s: &str| s.bytes().map(|b| if b == b'/' { 0 } else { b }).collect::<Vec<u8>>();
    rels.sort_by_cached_key(|r| key(r));
    let mut list = ContentList::default();
    for rel_path in rels {
        match classify(rel_path) {
            Ok(Some(role)) => {
                let display_path = display_path(content_dir, rel_path);
                list.files.push(ListedFile { role, rel_path: rel_path.clone(), display_path });
            }
            Ok(None) => {}
            Err(diag) => list.diagnostics.push(diag(display_path(content_dir, rel_path))),
        }
    }
    crate::pause::at("read");
    list
}

/// The largest content file read, in bytes. A press release is a few
/// kilobytes; anything near this is a mistake (a pasted export, a binary
/// renamed), and reading it whole into every stage would cost the build
/// its memory.
pub const MAX_FILE_BYTES: u64 = 4 << 20;

/// An error for a file past [`MAX_FILE_BYTES`], found before reading it.
fn too_large(display_path: &Path) -> Option<Diagnostic> {
    let len = std::fs::metadata(display_path).ok()?.len();
    (len > MAX_FILE_BYTES).then(|| {
        Diagnostic::error(
            display_path,
            format!(
                "the file is {:.1} MB, past the limit of {} MB for one record",
                len as f64 / 1e6,
                MAX_FILE_BYTES >> 20
            ),
        )
        .with_help(
            "a record holds one press release: keep the text to the release itself, and link long documents \
             (reports, scans, attachments) from `sources` or `documents` instead of pasting them",
        )
    })
}

type LayoutProblem = Box<dyn FnOnce(PathBuf) -> Diagnostic>;

/// Decides what a file is from its path, or why it is misplaced. Files the
/// build does not use (a README, images) are skipped silently outside the
/// record folders, but inside them a wrong extension is an error: a record
/// saved as `.yml` must not vanish from the site unnoticed.
fn classify(rel_path: &str) -> Result<Option<FileRole>, LayoutProblem> {
    let parts: Vec<&str> = rel_path.split('/').collect();
    match parts.as_slice() {
        ["site.yaml"] => Ok(Some(FileRole::Site)),
        ["regions.yaml"] => Ok(Some(FileRole::Regions)),
        ["topics.yaml"] => Ok(Some(FileRole::Topics)),
        [name] if matches!(*name, "site.yml" | "regions.yml" | "topics.yml") => {
            let fixed = name.replace(".yml", ".yaml");
            Err(Box::new(move |p| {
                Diagnostic::error(p, "this file is not read: settings files end in `.yaml`")
                    .with_help(format!("rename it to `{fixed}`"))
            }))
        }
        [_] => Ok(None),
        [folder, rest @ ..] => {
            let Some(collection) = Collection::from_folder(folder) else {
                return Ok(None);
            };
            let file = rest[rest.len() - 1];
            let ext = collection.extension();
            let expected_depth = if collection == Collection::Activities { 2 } else { 1 };
            if !file.ends_with(&format!(".{ext}")) {
                let stem = file.rsplit_once('.').map_or(file, |(s, _)| s).to_string();
                let folder = folder.to_string();
                return Err(Box::new(move |p| {
                    Diagnostic::error(p, format!("files in `{folder}/` must end in `.{ext}`; this one is not read"))
                        .with_help(format!("rename it to `{stem}.{ext}`, or move it out of `content/{folder}/`"))
                }));
            }
            if rest.len() != expected_depth {
                let where_ = if collection == Collection::Activities {
                    "`activities/<year>/<id>.md`, e.g. `activities/2024/<id>.md`"
                } else {
                    "directly in its folder"
                };
                let folder = folder.to_string();
                return Err(Box::new(move |p| {
                    Diagnostic::error(p, format!("a record in `{folder}/` is in the wrong place"))
                        .with_help(format!("put it at {where_}"))
                }));
            }
            Ok(Some(FileRole::Record(collection)))
        }
        [] => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_paths() {
        assert_eq!(classify("site.yaml").ok().flatten(), Some(FileRole::Site));
        assert_eq!(classify("activities/2024/x.md").ok().flatten(), Some(FileRole::Record(Collection::Activities)));
        assert!(classify("activities/x.md").is_err());
        assert!(classify("agencies/x.yml").is_err());
        assert_eq!(classify("README.md").ok().flatten(), None);
    }

    #[test]
    fn a_known_listing_equals_the_walk() {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let walked = list_content(&content).unwrap();
        let known = crate::incremental::inputs::content_files(&content, &Default::default()).unwrap();
        let listed = list_known(&content, known.keys());
        let paths =
            |l: &ContentList| l.files.iter().map(|f| (f.rel_path.clone(), f.display_path.clone())).collect::<Vec<_>>();
        assert_eq!(paths(&listed), paths(&walked));
        assert_eq!(listed.diagnostics.len(), walked.diagnostics.len());
    }
}
