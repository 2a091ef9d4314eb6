//! The domain: the records staff write, as typed Rust values.
//!
//! These types are the single definition of the content model: the parser
//! deserialises into them and the JSON Schema for editors is generated from
//! them, so the two cannot drift.

mod activity;
mod agency;
mod atom;
mod common;
mod date;
mod editor;
mod host;
mod ormas;
mod partnership;

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub use activity::{Activity, ActivityKind, Official, Participants};
pub use agency::{Agency, AgencyKind, Person, Position, Ppid};
pub use atom::Atom;
pub use common::{Link, Region, RegionCode, SiteConfig, Source, Topic};
pub use date::{PartialDate, Precision, month_from_name};
pub use editor::{EditorSettings, GitHost};
pub use host::{Host, HostLimits};
pub use ormas::{Ahu, Contacts, Leader, Legal, LegalForm, Ormas, OrmasStatus, Scope, Skt};
pub use partnership::{
    Amount, BudgetSource, Document, Parties, Partnership, PartnershipKind, PartnershipStatus, Period,
};

/// What a record id looks like (see [`crate::parse::is_valid_id`]), for the
/// JSON Schema of fields that name records.
pub const ID_PATTERN: &str = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$";

/// JSON Schema keyword on a field that names records: the collection it
/// points into (`agencies`, `ormas`, `people`, `partnerships`, `topics`,
/// `regions`). The editor turns such fields into pickers by name.
pub const REF_KEYWORD: &str = "x-terbuka-ref";

/// The folders of `content/` that hold one record per file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Collection {
    /// `agencies/<id>.yaml`
    Agencies,
    /// `people/<id>.yaml`
    People,
    /// `ormas/<id>.md`
    Ormas,
    /// `activities/<yyyy>/<id>.md`
    Activities,
    /// `partnerships/<id>.md`
    Partnerships,
}

impl Collection {
    /// Every collection, in the order the build reports them.
    pub const ALL: [Collection; 5] = [Self::Agencies, Self::People, Self::Ormas, Self::Activities, Self::Partnerships];

    /// Folder name under `content/`.
    pub fn folder(self) -> &'static str {
        match self {
            Self::Agencies => "agencies",
            Self::People => "people",
            Self::Ormas => "ormas",
            Self::Activities => "activities",
            Self::Partnerships => "partnerships",
        }
    }

    /// File extension its records use.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Agencies | Self::People => "yaml",
            _ => "md",
        }
    }

    /// Whether its files are YAML front matter followed by Markdown.
    pub fn has_body(self) -> bool {
        self.extension() == "md"
    }

    /// The collection a top-level folder name stands for.
    pub fn from_folder(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.folder() == name)
    }

    /// Singular noun for messages (`activity`).
    pub fn noun(self) -> &'static str {
        match self {
            Self::Agencies => "agency",
            Self::People => "person",
            Self::Ormas => "ormas",
            Self::Activities => "activity",
            Self::Partnerships => "partnership",
        }
    }
}

/// Where a record came from, kept for error messages and record history.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The path as the user sees it (the content folder joined with the
    /// relative path), which is also the path read. The relative path is
    /// its last `rel_len` bytes, so one string serves both: a million
    /// records would otherwise hold 130 MB more.
    shown: Box<Path>,
    rel_len: u32,
    /// The whole file, in memory or to be read again ([`Origin::text`]).
    pub text: SourceText,
    /// Byte offset where the YAML starts (after an opening `---`).
    pub yaml_start: usize,
    /// Byte offset where the Markdown body starts.
    pub body_start: usize,
}

impl Origin {
    /// The origin of the file at `rel` (relative to the content folder,
    /// `/`-separated), shown and read as `shown`, which the content folder
    /// joined with `rel` gives ([`crate::diagnostic::display_path`]).
    pub fn new(rel: &str, shown: PathBuf, text: SourceText, yaml_start: usize, body_start: usize) -> Self {
        // Joining appends `rel` as it is; a `shown` that does not end with
        // it (none does) is stored joined with it, so `path` stays `rel`.
        let shown =
            if shown.as_os_str().as_encoded_bytes().ends_with(rel.as_bytes()) { shown } else { shown.join(rel) };
        Self { shown: shown.into_boxed_path(), rel_len: rel.len() as u32, text, yaml_start, body_start }
    }

    /// Path relative to the content folder, with `/` separators.
    pub fn path(&self) -> &str {
        let bytes = self.shown.as_os_str().as_encoded_bytes();
        std::str::from_utf8(&bytes[bytes.len() - self.rel_len as usize..]).unwrap_or_default()
    }

    /// The path as the user sees it, and as it is read.
    pub fn full_path(&self) -> &Path {
        &self.shown
    }

    /// The xxh3 hash of the whole file as parsed: what an incremental
    /// stage fingerprints a record by ([`crate::incremental::reuse`]).
    pub fn digest(&self) -> u64 {
        match &self.text {
            SourceText::Held(text) => text_digest(text),
            SourceText::OnDisk(d) => d.hash,
        }
    }

    /// The whole file, for quoting it in a message: read again from disk
    /// (once, then kept) when the build let go of it. `None` when it can no
    /// longer be read as it was parsed.
    pub fn text(&self) -> Option<Arc<str>> {
        match &self.text {
            SourceText::Held(text) => Some(text.clone()),
            SourceText::OnDisk(d) => d.kept.get_or_init(|| d.read_again(&self.shown)).clone(),
        }
    }
}

/// A record file's text. A loaded site of a million records would hold
/// 3.5 GB of text that only rendering, the search index and the open data
/// read, one record at a time; so a build keeps only each file's hash and
/// reads the file again when its body is needed (`source.rs` reads and
/// parses in one pass). Files given from memory (`serve`'s edits, the
/// fuzz targets) stay held.
#[derive(Debug, Clone)]
pub enum SourceText {
    /// The text, in memory.
    Held(Arc<str>),
    /// On disk, as it was when parsed.
    OnDisk(Reread),
}

impl SourceText {
    /// Lets go of a held text: from now on it is read from disk, checked
    /// against its hash, and a file that changed is reported to `log`.
    pub fn release(&mut self, log: &Arc<RereadLog>) {
        if let Self::Held(text) = self {
            *self = Self::on_disk(text_digest(text), log);
        }
    }

    /// A text on disk whose digest ([`text_digest`]) is `hash`.
    pub fn on_disk(hash: u64, log: &Arc<RereadLog>) -> Self {
        Self::OnDisk(Reread { hash, log: log.clone(), kept: OnceLock::new() })
    }
}

/// The digest a released text is checked by: the low half of the xxh3-128
/// hash the build cache records for each content file, so that a kept
/// record can be matched with its file ([`crate::parse::kept`]).
pub fn text_digest(text: &str) -> u64 {
    digest_of_hash(crate::output::generation::hash(text.as_bytes()))
}

/// The digest of a text whose xxh3-128 hash is `hash`.
pub fn digest_of_hash(hash: crate::output::generation::Hash) -> u64 {
    hash as u64
}

/// How to read a released text again and know it is the one parsed.
#[derive(Debug, Clone)]
pub struct Reread {
    hash: u64,
    log: Arc<RereadLog>,
    /// The text read again for a message, kept: one record can give
    /// thousands of messages.
    kept: OnceLock<Option<Arc<str>>>,
}

impl Reread {
    fn read_again(&self, path: &std::path::Path) -> Option<Arc<str>> {
        let problem = match std::fs::read_to_string(path) {
            Ok(text) if text_digest(&text) == self.hash => return Some(Arc::from(text)),
            Ok(_) => "the file changed while the site was being built".to_string(),
            Err(e) => format!("the file could not be read again while the site was being built: {e}"),
        };
        self.log.push(
            crate::diagnostic::Diagnostic::error(path, problem)
                .with_help("build again once the content stops changing; nothing was published"),
        );
        None
    }
}

/// Files that could not be read again as they were parsed. A build that
/// finds any publishes nothing: its pages would mix two versions of the
/// content.
#[derive(Debug, Default)]
pub struct RereadLog(std::sync::Mutex<Vec<crate::diagnostic::Diagnostic>>);

impl RereadLog {
    fn push(&self, d: crate::diagnostic::Diagnostic) {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(d);
    }

    /// The problems found so far.
    pub fn take(&self) -> Vec<crate::diagnostic::Diagnostic> {
        std::mem::take(&mut *self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
    }
}

/// A record's Markdown body, shared with or read again from its file.
#[derive(Debug, Clone)]
pub struct Body {
    text: Arc<str>,
    start: usize,
}

impl std::ops::Deref for Body {
    type Target = str;

    fn deref(&self) -> &str {
        self.text.get(self.start..).unwrap_or("")
    }
}

/// Gives back the spare room of a record's lists once it is parsed: the
/// YAML parser grows each list as it reads it, so a list of two sources
/// holds room for four (about half a gigabyte at a million records).
pub trait ShrinkToFit {
    /// Shrinks every list to its length.
    fn shrink_to_fit(&mut self) {}
}

impl ShrinkToFit for SiteConfig {}

impl ShrinkToFit for Activity {
    fn shrink_to_fit(&mut self) {
        self.organizers.shrink_to_fit();
        self.participants.ormas.shrink_to_fit();
        self.participants.agencies.shrink_to_fit();
        self.officials.shrink_to_fit();
        self.topics.shrink_to_fit();
        self.sources.shrink_to_fit();
    }
}

impl ShrinkToFit for Ormas {
    fn shrink_to_fit(&mut self) {
        self.other_names.shrink_to_fit();
        self.fields.shrink_to_fit();
        self.leaders.shrink_to_fit();
        self.distinct_from.shrink_to_fit();
        self.sources.shrink_to_fit();
    }
}

impl ShrinkToFit for Partnership {
    fn shrink_to_fit(&mut self) {
        self.parties.agencies.shrink_to_fit();
        self.parties.ormas.shrink_to_fit();
        self.documents.shrink_to_fit();
        self.sources.shrink_to_fit();
    }
}

impl ShrinkToFit for Agency {
    fn shrink_to_fit(&mut self) {
        self.distinct_from.shrink_to_fit();
    }
}

impl ShrinkToFit for Person {
    fn shrink_to_fit(&mut self) {
        self.positions.shrink_to_fit();
        self.distinct_from.shrink_to_fit();
    }
}

/// One parsed record file: its id, its front matter and its Markdown body.
#[derive(Debug, Clone)]
pub struct Record<T> {
    /// Permanent id: the file name without extension.
    pub id: Atom,
    /// Typed front matter.
    pub meta: T,
    /// Where it came from.
    pub origin: Origin,
    /// [`Record::summary`], worked out when the text is released (or the
    /// first time it is asked for, in `serve`, which holds the text).
    summary: OnceLock<String>,
    /// [`Record::body_is_short`], worked out while the text is at hand.
    short_body: bool,
}

/// Words a body needs to count as at least a sentence.
const SENTENCE_WORDS: usize = 5;

impl<T> Record<T> {
    /// A record read from `origin`.
    pub fn new(id: String, meta: T, origin: Origin) -> Self {
        let mut record = Self { id: Atom::new(&id), meta, origin, summary: OnceLock::new(), short_body: false };
        record.short_body = record.body().split_whitespace().take(SENTENCE_WORDS).count() < SENTENCE_WORDS;
        record
    }

    /// A record kept from an earlier build ([`crate::parse::kept`]), with
    /// the facts drawn from its body then.
    pub fn restored(id: String, meta: T, origin: Origin, summary: String, short_body: bool) -> Self {
        Self { id: Atom::new(&id), meta, origin, summary: OnceLock::from(summary), short_body }
    }

    /// Lets go of the record's text (see [`SourceText::release`]), once
    /// the facts that outputs ask of every body are drawn from it: its
    /// summary, which every list shows, would otherwise cost one more
    /// reading of the file per record.
    pub fn release_text(&mut self, log: &Arc<RereadLog>) {
        if matches!(self.origin.text, SourceText::Held(_)) {
            self.summary();
        }
        self.origin.text.release(log);
    }

    /// Whether the body is shorter than a sentence (`--strict` asks for one).
    pub fn body_is_short(&self) -> bool {
        self.short_body
    }

    /// The Markdown body (empty for YAML-only records). A released text is
    /// read again each time and not kept; a file that changed since it was
    /// parsed gives an empty body and is reported to the build's
    /// [`RereadLog`].
    pub fn body(&self) -> Body {
        let text = match &self.origin.text {
            SourceText::Held(text) => Some(text.clone()),
            SourceText::OnDisk(d) => d.kept.get().cloned().unwrap_or_else(|| d.read_again(self.origin.full_path())),
        };
        Body { text: text.unwrap_or_else(|| Arc::from("")), start: self.origin.body_start }
    }

    /// The first words of the body: the one summary of the record that
    /// every list, page description, feed and download shows.
    pub fn summary(&self) -> &str {
        self.summary.get_or_init(|| crate::text::summary(&self.body()))
    }
}

#[cfg(test)]
mod origin_tests {
    use super::*;

    #[test]
    fn an_origin_gives_back_its_relative_and_its_shown_path() {
        for dir in ["content", "content/", ".", "/srv/portal/isi konten"] {
            let shown = crate::diagnostic::display_path(Path::new(dir), "activities/2024/rapat-ormas.md");
            let o = Origin::new("activities/2024/rapat-ormas.md", shown.clone(), SourceText::Held(Arc::from("")), 0, 0);
            assert_eq!(o.path(), "activities/2024/rapat-ormas.md", "{dir}");
            assert_eq!(o.full_path(), shown.as_path(), "{dir}");
        }
        // A shown path that does not end with the relative one keeps the
        // relative path exact.
        let o = Origin::new("ormas/x.md", PathBuf::from("elsewhere"), SourceText::Held(Arc::from("")), 0, 0);
        assert_eq!(o.path(), "ormas/x.md");
        assert_eq!(o.full_path(), Path::new("elsewhere/ormas/x.md"));
    }
}
