//! Stage 2, parse: turn each file's text into typed records, in parallel.
//!
//! Each file is parsed on its own, so a bad file yields diagnostics and
//! never stops the others: the build reports every problem at once.

mod chars;
mod depth;
mod frontmatter;
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
use std::sync::Arc;

use crate::model::{
    Activity, Agency, Collection, Origin, Ormas, Partnership, Person, Record, Region, RereadLog, SiteConfig,
    SourceText, Topic,
};
use crate::source::{ContentFiles, ContentList, FileRole, SourceFile};

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

/// What parsing one file gave: a typed value, or every problem in it.
type FileResult = Result<Parsed, Vec<Diagnostic>>;

enum Parsed {
    Site(Record<SiteConfig>),
    Regions(ListFile<Region>),
    Topics(ListFile<Topic>),
    Agency(Record<Agency>),
    Person(Record<Person>),
    Ormas(Record<Ormas>),
    Activity(Record<Activity>),
    Partnership(Record<Partnership>),
}

/// What parsing one file gave, with the record it would have been.
type Outcome = (Option<(Collection, String)>, FileResult);

/// Parses every file; returns what parsed and a diagnostic for each file
/// that did not. The records keep their files' texts (see
/// [`read_and_parse`] for a build, which does not).
pub fn parse(files: ContentFiles) -> (Content, Vec<Diagnostic>) {
    let ContentFiles { files, diagnostics } = files;
    let results: Vec<Outcome> = files.into_par_iter().map(|file| parse_one(file, None)).collect();
    gather(results, diagnostics)
}

/// Reads and parses every listed file in one parallel pass, so that only
/// the files being parsed are in memory: each record lets go of its text
/// and reads it again when its body is needed (`model::SourceText`),
/// reporting a file that changed meanwhile to `log`. `inspect` sees each
/// text while it is at hand (the placeholder check); what it finds comes
/// back on its own, after the parse's own problems.
pub fn read_and_parse(
    listed: ContentList,
    log: &Arc<RereadLog>,
    inspect: impl Fn(&SourceFile) -> Vec<Diagnostic> + Sync,
) -> (Content, Vec<Diagnostic>, Vec<Diagnostic>) {
    let ContentList { files, diagnostics } = listed;
    let results: Vec<(Outcome, Vec<Diagnostic>)> = files
        .into_par_iter()
        .map(|listed| match listed.read() {
            Ok(file) => {
                let found = inspect(&file);
                (parse_one(file, Some(log)), found)
            }
            // An unreadable file is a problem of the folder, as when read
            // apart: no record for it.
            Err(d) => ((None, Err(vec![d])), Vec::new()),
        })
        .collect();
    let mut inspected = Vec::new();
    let results: Vec<Outcome> = results
        .into_iter()
        .map(|(outcome, found)| {
            inspected.extend(found);
            outcome
        })
        .collect();
    let (content, problems) = gather(results, diagnostics);
    (content, problems, inspected)
}

/// Parses one file, releasing a record's text to `release` when given.
fn parse_one(file: SourceFile, release: Option<&Arc<RereadLog>>) -> Outcome {
    let record = match file.role {
        FileRole::Record(c) => Some((c, file_id(&file.rel_path).to_string())),
        _ => None,
    };
    let mut result = parse_file(file);
    if let (Some(log), Ok(parsed)) = (release, &mut result) {
        parsed.release(log);
    }
    (record, result)
}

/// Sorts what each file gave into the content.
fn gather(results: Vec<Outcome>, mut diagnostics: Vec<Diagnostic>) -> (Content, Vec<Diagnostic>) {
    let mut content = Content::default();
    for (record, result) in results {
        if let (Some(record), Err(_)) = (record, &result) {
            content.unparsed.push(record);
        }
        match result {
            Ok(Parsed::Site(r)) => content.site = Some(r),
            Ok(Parsed::Regions(l)) => content.regions = l,
            Ok(Parsed::Topics(l)) => content.topics = l,
            Ok(Parsed::Agency(r)) => content.agencies.push(r),
            Ok(Parsed::Person(r)) => content.people.push(r),
            Ok(Parsed::Ormas(r)) => content.ormas.push(r),
            Ok(Parsed::Activity(r)) => content.activities.push(r),
            Ok(Parsed::Partnership(r)) => content.partnerships.push(r),
            Err(d) => diagnostics.extend(d),
        }
    }
    (content, diagnostics)
}

impl Parsed {
    /// Lets go of a record's text; the settings and list files, small and
    /// quoted by many messages, keep theirs.
    fn release(&mut self, log: &Arc<RereadLog>) {
        let origin = match self {
            Self::Site(_) | Self::Regions(_) | Self::Topics(_) => return,
            Self::Agency(r) => &mut r.origin,
            Self::Person(r) => &mut r.origin,
            Self::Ormas(r) => &mut r.origin,
            Self::Activity(r) => &mut r.origin,
            Self::Partnership(r) => &mut r.origin,
        };
        origin.text.release(log);
    }
}

/// Parses one file of any role.
fn parse_file(file: SourceFile) -> Result<Parsed, Vec<Diagnostic>> {
    match file.role {
        FileRole::Site => record(file, false).map(Parsed::Site),
        FileRole::Regions => list(file).map(Parsed::Regions),
        FileRole::Topics => list(file).map(Parsed::Topics),
        FileRole::Record(c) => match c {
            Collection::Agencies => record(file, false).map(Parsed::Agency),
            Collection::People => record(file, false).map(Parsed::Person),
            Collection::Ormas => record(file, true).map(Parsed::Ormas),
            Collection::Activities => {
                let r: Record<Activity> = record(file, true)?;
                check_year_folder(&r)?;
                Ok(Parsed::Activity(r))
            }
            Collection::Partnerships => record(file, true).map(Parsed::Partnership),
        },
    }
}

fn origin(file: &SourceFile, yaml_start: usize, body_start: usize) -> Origin {
    Origin {
        path: file.rel_path.clone(),
        full_path: file.display_path.clone(),
        text: SourceText::Held(file.text.clone()),
        yaml_start,
        body_start,
    }
}

/// A record's id: its file name without the extension.
fn file_id(rel_path: &str) -> &str {
    let name = rel_path.rsplit('/').next().unwrap_or("");
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// Parses a record file: YAML alone, or front matter and body.
fn record<T: DeserializeOwned>(file: SourceFile, has_body: bool) -> Result<Record<T>, Vec<Diagnostic>> {
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
        Ok(meta) if problems.is_empty() => Ok(Record::new(id, meta, origin(&file, yaml_start, body_start))),
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
    let folder = r.origin.path.split('/').nth(1).unwrap_or("");
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
        &r.origin.full_path,
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
