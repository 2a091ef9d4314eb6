//! Stage 2, parse: turn each file's text into typed records, in parallel.
//!
//! Each file is parsed on its own, so a bad file yields diagnostics and
//! never stops the others: the build reports every problem at once.

mod chars;
mod depth;
mod frontmatter;
pub mod kept;
pub mod locate;
mod recover;
mod staff;
mod yaml;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

pub use frontmatter::{Split, split};
pub use recover::deserialize_all;
pub use yaml::deserialize;

use crate::diagnostic::Diagnostic;
use std::sync::{Arc, Mutex, PoisonError};

use crate::model::{
    Activity, Agency, Collection, Origin, Ormas, Partnership, Person, Record, Region, RereadLog, ShrinkToFit,
    SiteConfig, SourceText, Topic,
};
use crate::source::{ContentFiles, ContentList, FileRole, ListedFile, SourceFile};

/// A list file (`regions.yaml`, `topics.yaml`) with where it came from.
#[derive(Debug, Clone)]
pub struct ListFile<T> {
    /// Entries in file order.
    pub items: Vec<T>,
    /// The file, for pointing at entries in messages.
    pub origin: Option<Origin>,
}

impl<T> Default for ListFile<T> {
    fn default() -> Self {
        Self { items: Vec::new(), origin: None }
    }
}

/// Everything `content/` holds, typed, before any cross-checking.
#[derive(Debug, Default)]
pub struct Content {
    /// `site.yaml`, if it parsed.
    pub site: Option<Record<SiteConfig>>,
    /// `regions.yaml`.
    pub regions: ListFile<Region>,
    /// `topics.yaml`.
    pub topics: ListFile<Topic>,
    /// Government bodies.
    pub agencies: Vec<Record<Agency>>,
    /// Officials.
    pub people: Vec<Record<Person>>,
    /// Civil-society organisations.
    pub ormas: Vec<Record<Ormas>>,
    /// Meetings and events.
    pub activities: Vec<Record<Activity>>,
    /// Agreements and grants.
    pub partnerships: Vec<Record<Partnership>>,
    /// Records whose file exists but did not parse: their ids still count
    /// as existing, so one bad file does not cascade into false "no such
    /// id" errors in every record that names it.
    pub unparsed: Vec<(Collection, String)>,
}

/// A settings file, typed.
enum Parsed {
    Site(Box<Record<SiteConfig>>),
    Regions(ListFile<Region>),
    Topics(ListFile<Topic>),
}

/// Parses every file; returns what parsed and a diagnostic for each file
/// that did not. The records keep their files' texts (see
/// [`read_and_parse`] for a build, which does not).
pub fn parse(files: ContentFiles) -> (Content, Vec<Diagnostic>) {
    let ContentFiles { files, diagnostics } = files;
    parse_all(files, |f| f.role, Ok, None, diagnostics)
}

/// Reads and parses every listed file in one parallel pass, so that only
/// the files being parsed are in memory: each record lets go of its text
/// and reads it again when its body is needed (`model::SourceText`),
/// reporting a file that changed meanwhile to `log`. `inspect` sees each
/// text while it is at hand (the placeholder check); what it finds comes
/// back on its own.
pub fn read_and_parse(
    listed: ContentList,
    log: &Arc<RereadLog>,
    inspect: impl Fn(&SourceFile) -> Vec<Diagnostic> + Sync,
    kept: Option<&kept::Kept<'_>>,
) -> (Content, Vec<Diagnostic>, Vec<Diagnostic>) {
    let ContentList { files, diagnostics } = listed;
    let Some(kept) = kept else { return read_and_parse_all(ContentList { files, diagnostics }, log, inspect) };
    let taken = kept.take(files, log);
    let (mut content, problems, inspected) =
        read_and_parse_all(ContentList { files: taken.rest, diagnostics }, log, inspect);
    let restored = taken.content;
    // In the order a parse of every file gives: by path.
    fn merge<T>(parsed: &mut Vec<Record<T>>, restored: Vec<Record<T>>) {
        if !restored.is_empty() {
            parsed.extend(restored);
            parsed.sort_by(|a, b| a.origin.path().cmp(b.origin.path()));
        }
    }
    merge(&mut content.agencies, restored.agencies);
    merge(&mut content.people, restored.people);
    merge(&mut content.ormas, restored.ormas);
    merge(&mut content.activities, restored.activities);
    merge(&mut content.partnerships, restored.partnerships);
    let noisy: crate::hashing::HashSet<&std::path::Path> = inspected.iter().map(|d| d.file.as_path()).collect();
    // The kept records are a hint: one that cannot be written only means
    // parsing that file again next time.
    let _ = kept.save(&content, &taken.unchanged, &noisy);
    (content, problems, inspected)
}

/// [`read_and_parse`] without kept records: every file read and parsed.
fn read_and_parse_all(
    listed: ContentList,
    log: &Arc<RereadLog>,
    inspect: impl Fn(&SourceFile) -> Vec<Diagnostic> + Sync,
) -> (Content, Vec<Diagnostic>, Vec<Diagnostic>) {
    let ContentList { files, diagnostics } = listed;
    let inspected = Mutex::new(Vec::new());
    let open = |listed: ListedFile| {
        let file = listed.read()?;
        let found = inspect(&file);
        if !found.is_empty() {
            inspected.lock().unwrap_or_else(PoisonError::into_inner).extend(found);
        }
        Ok(file)
    };
    let (content, problems) = parse_all(files, |f| f.role, open, Some(log), diagnostics);
    let mut inspected = inspected.into_inner().unwrap_or_else(PoisonError::into_inner);
    // Files were inspected in any order, each by one thread in its order.
    inspected.sort_by(|a, b| a.file.cmp(&b.file));
    (content, problems, inspected)
}

/// A file that did not parse: the id of its record, when it was read, and
/// its problems. Boxed, so that a list of outcomes is no larger than the
/// list of records it becomes.
type Failure = Box<(Option<String>, Vec<Diagnostic>)>;

/// Parses `files` (opened by `open`), one collection at a time so that
/// each collection's records are collected straight into their own list,
/// releasing each record's text to `release` when given.
fn parse_all<F: Send>(
    files: Vec<F>,
    role: impl Fn(&F) -> FileRole,
    open: impl Fn(F) -> Result<SourceFile, Diagnostic> + Sync,
    release: Option<&Arc<RereadLog>>,
    mut diagnostics: Vec<Diagnostic>,
) -> (Content, Vec<Diagnostic>) {
    let mut settings = Vec::new();
    let mut by_collection: [Vec<F>; 5] = Default::default();
    for f in files {
        match role(&f) {
            FileRole::Record(c) => by_collection[c as usize].push(f),
            _ => settings.push(f),
        }
    }
    let mut content = Content::default();
    for f in settings {
        let file = match open(f) {
            Ok(file) => file,
            Err(d) => {
                diagnostics.push(d);
                continue;
            }
        };
        match parse_settings(file) {
            Ok(Parsed::Site(r)) => content.site = Some(*r),
            Ok(Parsed::Regions(l)) => content.regions = l,
            Ok(Parsed::Topics(l)) => content.topics = l,
            Err(d) => diagnostics.extend(d),
        }
    }
    let [agencies, people, ormas, activities, partnerships] = by_collection;
    let mut out = Gathered { open: &open, release, diagnostics: &mut diagnostics, unparsed: &mut content.unparsed };
    content.agencies = out.records(Collection::Agencies, agencies, |f| record(f, false));
    content.people = out.records(Collection::People, people, |f| record(f, false));
    content.ormas = out.records(Collection::Ormas, ormas, |f| record(f, true));
    content.activities = out.records(Collection::Activities, activities, |f| {
        let r: Record<Activity> = record(f, true)?;
        check_year_folder(&r)?;
        Ok(r)
    });
    content.partnerships = out.records(Collection::Partnerships, partnerships, |f| record(f, true));
    (content, diagnostics)
}

/// Where [`parse_all`] puts what it finds besides the records.
struct Gathered<'a, O> {
    open: &'a O,
    release: Option<&'a Arc<RereadLog>>,
    diagnostics: &'a mut Vec<Diagnostic>,
    unparsed: &'a mut Vec<(Collection, String)>,
}

impl<O> Gathered<'_, O> {
    /// Opens and parses the files of one collection in parallel.
    fn records<F: Send, T: Send>(
        &mut self,
        c: Collection,
        files: Vec<F>,
        parse: impl Fn(SourceFile) -> Result<Record<T>, Vec<Diagnostic>> + Sync,
    ) -> Vec<Record<T>>
    where
        O: Fn(F) -> Result<SourceFile, Diagnostic> + Sync,
    {
        let (open, release) = (self.open, self.release);
        let results: Vec<Result<Record<T>, Failure>> = files
            .into_par_iter()
            .map(|f| {
                let file = open(f).map_err(|d| Box::new((None, vec![d])))?;
                let id = file_id(&file.rel_path).to_string();
                let mut r = parse(file).map_err(|d| Box::new((Some(id), d)))?;
                if let Some(log) = release {
                    r.release_text(log);
                }
                Ok(r)
            })
            .collect();
        // Collected in place: the outcomes' list becomes the records'.
        results
            .into_iter()
            .filter_map(|r| match r {
                Ok(r) => Some(r),
                Err(failure) => {
                    let (id, problems) = *failure;
                    self.unparsed.extend(id.map(|id| (c, id)));
                    self.diagnostics.extend(problems);
                    None
                }
            })
            .collect()
    }
}

/// Parses `site.yaml`, `regions.yaml` or `topics.yaml`.
fn parse_settings(file: SourceFile) -> Result<Parsed, Vec<Diagnostic>> {
    match file.role {
        FileRole::Regions => list(file).map(Parsed::Regions),
        FileRole::Topics => list(file).map(Parsed::Topics),
        _ => record(file, false).map(|r| Parsed::Site(Box::new(r))),
    }
}

fn origin(file: &SourceFile, yaml_start: usize, body_start: usize) -> Origin {
    Origin::new(&file.rel_path, file.display_path.clone(), SourceText::Held(file.text.clone()), yaml_start, body_start)
}

/// A record's id: its file name without the extension.
fn file_id(rel_path: &str) -> &str {
    let name = rel_path.rsplit('/').next().unwrap_or("");
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// Parses a record file: YAML alone, or front matter and body.
fn record<T: DeserializeOwned + ShrinkToFit>(file: SourceFile, has_body: bool) -> Result<Record<T>, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let id = file_id(&file.rel_path).to_string();
    if file.role != FileRole::Site
        && let Err(d) = check_id(&file, &id)
    {
        problems.push(d);
    }
    let (yaml_start, yaml_end, body_start) = if has_body {
        match split(&file.text) {
            Ok(s) => (s.yaml_start, s.yaml_end, s.body_start),
            Err(why) => {
                let d = Diagnostic::error(&file.display_path, "no front matter found").with_help(why).at(
                    &file.text,
                    0,
                    file.text.find('\n').unwrap_or(0),
                );
                problems.push(d);
                return Err(problems);
            }
        }
    } else {
        (0, file.text.len(), file.text.len())
    };
    problems.extend(chars::check(&file.display_path, &file.text, yaml_start, yaml_end));
    if let Some(d) = depth::check(&file.display_path, &file.text, yaml_start, yaml_end) {
        problems.push(d);
        return Err(problems);
    }
    match deserialize_all::<T>(&file.display_path, &file.text, yaml_start, yaml_end) {
        Ok(mut meta) if problems.is_empty() => {
            meta.shrink_to_fit();
            Ok(Record::new(id, meta, origin(&file, yaml_start, body_start)))
        }
        Ok(_) => Err(problems),
        Err(d) => {
            problems.extend(d);
            Err(problems)
        }
    }
}

fn list<T: DeserializeOwned>(file: SourceFile) -> Result<ListFile<T>, Vec<Diagnostic>> {
    let mut refused = chars::check(&file.display_path, &file.text, 0, file.text.len());
    if let Some(d) = depth::check(&file.display_path, &file.text, 0, file.text.len()) {
        refused.push(d);
        return Err(refused);
    }
    let items = deserialize_all::<Vec<T>>(&file.display_path, &file.text, 0, file.text.len()).map_err(|mut d| {
        d.splice(0..0, refused.iter().cloned());
        d
    })?;
    if !refused.is_empty() {
        return Err(refused);
    }
    Ok(ListFile { items, origin: Some(origin(&file, 0, file.text.len())) })
}

/// Whether `id` is a valid permanent id: lowercase letters, digits, hyphens.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// Turns any text into a valid id (`Bamus Betawi 1982` -> `bamus-betawi-1982`).
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn check_id(file: &SourceFile, id: &str) -> Result<(), Diagnostic> {
    if is_valid_id(id) {
        return Ok(());
    }
    let ext = file.rel_path.rsplit_once('.').map_or("", |(_, e)| e);
    Err(Diagnostic::error(
        &file.display_path,
        format!("`{id}` is not a valid id: the file name is the record's permanent address"),
    )
    .with_help(format!("use lowercase letters, digits and hyphens only: rename the file to `{}.{ext}`", slugify(id))))
}

/// An activity lives in the folder of its year, so that a year's records
/// stay together and a wrong date is caught.
fn check_year_folder(r: &Record<Activity>) -> Result<(), Vec<Diagnostic>> {
    let folder = r.origin.path().split('/').nth(1).unwrap_or("");
    let year = r.meta.date.year.to_string();
    if folder == year {
        return Ok(());
    }
    // Parsing has the text at hand: it is released only afterwards.
    let Some(text) = r.origin.text() else {
        return Ok(());
    };
    let yaml = &text[r.origin.yaml_start..];
    let mut d = Diagnostic::error(
        r.origin.full_path(),
        format!("the activity is dated {} but sits in `activities/{folder}/`", r.meta.date),
    )
    .with_field("date")
    .with_help(format!("move it to `activities/{year}/{}.md`, or correct the date", r.id));
    if let Some((s, e)) = locate::locate(yaml, "date") {
        d = d.at(&text, r.origin.yaml_start + s, r.origin.yaml_start + e);
    }
    Err(vec![d])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_slugs() {
        assert!(is_valid_id("kpu-kota-tangerang"));
        assert!(!is_valid_id("KPU_Kota"));
        assert_eq!(slugify("KPU_Kota Tangerang!"), "kpu-kota-tangerang");
    }
}
