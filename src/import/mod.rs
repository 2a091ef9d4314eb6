//! `terbuka import`: drafts an activity record from the text of a press
//! release as copied from a web page, using what the portal already knows
//! (agencies, officials, ormas, regions, topics).
//!
//! The steps, one file each: [`furniture`] takes the page apart, [`byline`]
//! reads the source, [`dates`] the date, [`entities`] finds records by
//! name, [`facts`] reads counts, venue and kind, and [`record`] writes the
//! draft. Nothing is guessed: a value that cannot be read from the text is
//! left out or marked for staff, and every value keeps the sentence it came
//! from, for the report staff check it against.

pub mod byline;
pub mod dates;
pub mod entities;
pub mod facts;
pub mod furniture;
pub mod record;
pub mod report;
pub mod text;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::model::{
    ActivityKind, Agency, Collection, Official, Ormas, PartialDate, Person, Record, Region, RegionCode, Topic,
};
use crate::names::NameIndex;
use crate::source::{self, FileRole};

/// A value and the sentence it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<T> {
    /// The value.
    pub value: T,
    /// The sentence or line it came from.
    pub from: String,
    /// Why staff should look again, when part of it was inferred.
    pub check: Option<String>,
    /// The words of `from` it was read from, when they differ from the
    /// value (`Kamis (8/7)` for `2024-07`): the report quotes around them.
    pub words: Option<String>,
}

impl<T> Found<T> {
    /// A value found in `from`.
    pub fn new(value: T, from: &str) -> Self {
        Self { value, from: from.to_string(), check: None, words: None }
    }
}

/// Name lookups over the portal's records.
#[derive(Debug, Default)]
pub struct Indexes {
    agencies: NameIndex<usize>,
    people: NameIndex<usize>,
    ormas: NameIndex<usize>,
    regions: NameIndex<usize>,
    topics: NameIndex<usize>,
}

/// What the portal knows, loaded once for an import.
#[derive(Debug, Default)]
pub struct Portal {
    /// `regions.yaml`.
    pub regions: Vec<Region>,
    /// `topics.yaml`.
    pub topics: Vec<Topic>,
    /// Agencies.
    pub agencies: Vec<Record<Agency>>,
    /// Officials.
    pub people: Vec<Record<Person>>,
    /// Ormas.
    pub ormas: Vec<Record<Ormas>>,
    /// Ids of existing activities, so a draft never takes one.
    pub activity_ids: HashSet<String>,
    ix: Indexes,
}

/// Why an import could not run.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The content folder could not be read.
    #[error("cannot read content: {0}")]
    Read(#[from] std::io::Error),
    /// The press release is empty once the page furniture is gone.
    #[error("the text has no paragraphs of a press release once page furniture is removed")]
    Empty,
    /// The draft could not be written.
    #[error("cannot write `{path}`: {source}")]
    Write {
        /// The draft's path.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl Portal {
    /// Reads the records an import matches against from `content_dir`
    /// (activities only for their ids). Files that do not parse are
    /// skipped: `check` reports them.
    pub fn load(content_dir: &Path) -> Result<Self, ImportError> {
        use rayon::prelude::*;
        if !content_dir.is_dir() {
            return Err(ImportError::Read(std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("content folder `{}` does not exist", content_dir.display()),
            )));
        }
        // Activities are only listed for their ids: at a million of them,
        // reading their text would be most of the import's time.
        let mut activity_ids = HashSet::new();
        let mut wanted: Vec<(FileRole, String)> = Vec::new();
        for entry in walkdir::WalkDir::new(content_dir).sort_by_file_name().into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(content_dir) else { continue };
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            let role = match rel.split_once('/') {
                Some(("activities", rest)) => {
                    if let Some(id) = rest.rsplit('/').next().and_then(|n| n.strip_suffix(".md")) {
                        activity_ids.insert(id.to_string());
                    }
                    continue;
                }
                Some(("agencies", n)) if n.ends_with(".yaml") => FileRole::Record(Collection::Agencies),
                Some(("people", n)) if n.ends_with(".yaml") => FileRole::Record(Collection::People),
                Some(("ormas", n)) if n.ends_with(".md") => FileRole::Record(Collection::Ormas),
                None if rel == "regions.yaml" => FileRole::Regions,
                None if rel == "topics.yaml" => FileRole::Topics,
                _ => continue,
            };
            wanted.push((role, rel));
        }
        let files: Vec<source::SourceFile> = wanted
            .into_par_iter()
            .filter_map(|(role, rel_path)| {
                let display_path = content_dir.join(&rel_path);
                let text = std::fs::read_to_string(&display_path).ok()?;
                Some(source::SourceFile { role, rel_path, display_path, text: text.into() })
            })
            .collect();
        let (content, _) = crate::parse::parse(source::ContentFiles { files, diagnostics: Vec::new() });
        Ok(Self::new(
            content.regions.items,
            content.topics.items,
            content.agencies,
            content.people,
            content.ormas,
            activity_ids,
        ))
    }

    /// A portal from records in memory.
    pub fn new(
        regions: Vec<Region>,
        topics: Vec<Topic>,
        mut agencies: Vec<Record<Agency>>,
        mut people: Vec<Record<Person>>,
        mut ormas: Vec<Record<Ormas>>,
        activity_ids: HashSet<String>,
    ) -> Self {
        agencies.sort_by_key(|r| r.id);
        people.sort_by_key(|r| r.id);
        ormas.sort_by_key(|r| r.id);
        let mut ix = Indexes::default();
        for (i, a) in agencies.iter().enumerate() {
            ix.agencies.insert(&a.meta.name, i);
            if let Some(abbr) = &a.meta.abbreviation {
                ix.agencies.insert(abbr, i);
            }
        }
        for (i, p) in people.iter().enumerate() {
            ix.people.insert(&p.meta.name, i);
        }
        for (i, o) in ormas.iter().enumerate() {
            ix.ormas.insert(&o.meta.name, i);
            for n in o.meta.abbreviation.iter().chain(&o.meta.other_names) {
                ix.ormas.insert(n, i);
            }
        }
        for (i, r) in regions.iter().enumerate() {
            ix.regions.insert(&r.name, i);
        }
        for (i, t) in topics.iter().enumerate() {
            ix.topics.insert(&t.name, i);
        }
        Self { regions, topics, agencies, people, ormas, activity_ids, ix }
    }

    fn region_of(&self, agency: usize) -> &RegionCode {
        &self.agencies[agency].meta.region
    }

    /// Whether `text` is just the name of a region ("Kota Tangerang").
    fn is_region(&self, text: &str) -> bool {
        self.ix.regions.find(text).is_some()
    }
}

/// One sentence of the body, in its two readings (see [`text::readings`]).
#[derive(Debug, Clone)]
pub struct Sentence {
    /// As written.
    pub text: String,
    /// Spelled-out abbreviations without their parentheses, and
    /// "setempat" ("local") replaced by the region last named.
    pub long: String,
    /// Spelled-out names replaced by their abbreviations.
    pub short: String,
}

/// The source of the draft.
#[derive(Debug, Clone, Default)]
pub struct DraftSource {
    /// Headline.
    pub title: Option<Found<String>>,
    /// Outlet.
    pub publisher: Option<Found<String>>,
    /// Writer.
    pub author: Option<Found<String>>,
    /// Editor.
    pub editor: Option<Found<String>>,
    /// Publication date.
    pub published: Option<Found<PartialDate>>,
}

/// A drafted activity: every value with the sentence it came from;
/// `None` or empty where the text does not say.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// Headline.
    pub title: Option<Found<String>>,
    /// Date at its certain precision.
    pub date: Option<Found<PartialDate>>,
    /// Kind of activity.
    pub kind: Option<Found<ActivityKind>>,
    /// Region code.
    pub region: Option<Found<RegionCode>>,
    /// Place.
    pub venue: Option<Found<String>>,
    /// Organising agency ids.
    pub organizers: Vec<Found<String>>,
    /// Ormas ids.
    pub ormas: Vec<Found<String>>,
    /// Number of ormas.
    pub ormas_count: Option<Found<u32>>,
    /// Other agency ids present.
    pub agencies: Vec<Found<String>>,
    /// Head count.
    pub attendees: Option<Found<u32>>,
    /// Officials.
    pub officials: Vec<Found<Official>>,
    /// Topic ids.
    pub topics: Vec<Found<String>>,
    /// The source.
    pub source: DraftSource,
    /// Editorial notes, one paragraph each, in Bahasa Indonesia.
    pub notes: Vec<String>,
    /// What staff must fill in, for the YAML comments and the report.
    pub left: Vec<(&'static str, String)>,
    /// The press-release text without page furniture.
    pub body: String,
    /// What was dropped as furniture, for the report.
    pub removed: Vec<(furniture::Furniture, String)>,
}

/// Drafts a record from a press release.
pub fn draft(text: &str, portal: &Portal) -> Result<Draft, ImportError> {
    let article = furniture::split(text);
    if article.body.is_empty() {
        return Err(ImportError::Empty);
    }
    let byline = byline::read(&article);
    let sentences = sentences_of(&article.body, portal);
    let title = article.title.as_deref();
    let mut d = Draft { body: article.body.join("\n\n"), removed: article.removed.clone(), ..Draft::default() };

    d.title = article.title.as_ref().map(|t| Found::new(t.clone(), t));
    d.source = DraftSource {
        title: d.title.clone(),
        publisher: byline.publisher.clone(),
        author: byline.author.clone(),
        editor: byline.editor.clone(),
        published: byline.published.clone(),
    };
    if d.title.is_none() {
        d.notes.push(
            "Salinan berita tidak memuat judulnya, sehingga sumber dicatat tanpa judul; judul rekaman perlu disusun redaksi."
                .into(),
        );
        d.left.push(("title", "the copy has no headline: write a title".into()));
    }
    if let Some((credit, _)) = &byline.photo_credit {
        d.notes.push(format!(
            "Keterangan foto di halaman sumber mencantumkan \"{credit}\", yang merupakan kredit foto, sehingga tidak dicatat sebagai penulis."
        ));
    }
    if let Some(note) = &byline.published_note {
        d.notes.push(note.clone());
    }
    let missing: Vec<&str> = [
        (byline.publisher.is_none(), "penerbit"),
        (byline.author.is_none(), "penulis"),
        (byline.published.is_none(), "tanggal terbit"),
    ]
    .into_iter()
    .filter_map(|(m, w)| m.then_some(w))
    .collect();
    if !missing.is_empty() {
        d.notes.push(format!("{} tidak disebut dalam teks sumber.", capitalise_list(&missing)));
    }

    read_date(&mut d, &sentences, byline.published.as_ref().map(|p| p.value));

    // Records named in the text.
    let organizers = entities::organizers(&sentences, title, portal);
    let present = entities::present_agencies(&sentences, portal);
    let mut seen: Vec<usize> = organizers.iter().chain(&present).map(|f| f.value).collect();
    for s in &sentences {
        seen.extend(
            entities::scan(&s.long, portal).iter().filter(|h| h.kind == entities::Kind::Agency).map(|h| h.index),
        );
    }
    d.officials = entities::officials(&sentences, &seen, portal);
    let official_agencies: Vec<Found<usize>> = d
        .officials
        .iter()
        .filter_map(|o| {
            let person = portal.people.iter().find(|p| Some(p.id.as_str()) == o.value.person.as_deref())?;
            let pos = person.meta.positions.iter().find(|pos| pos.role == o.value.role)?;
            let agency = portal.agencies.iter().position(|a| Some(a.id.as_str()) == pos.agency.as_deref())?;
            Some(Found::new(agency, &o.from))
        })
        .collect();
    let organizer_ids: Vec<usize> = organizers.iter().map(|f| f.value).collect();
    for f in present.into_iter().chain(official_agencies) {
        if !organizer_ids.contains(&f.value) && !d.agencies.iter().any(|a| a.value == portal.agencies[f.value].id) {
            d.agencies.push(Found {
                value: portal.agencies[f.value].id.to_string(),
                from: f.from,
                check: f.check,
                words: f.words,
            });
        }
    }
    d.organizers = organizers
        .iter()
        .map(|f| Found {
            value: portal.agencies[f.value].id.to_string(),
            from: f.from.clone(),
            check: f.check.clone(),
            words: f.words.clone(),
        })
        .collect();
    if d.organizers.is_empty() {
        d.left.push(("organizers", "no agency of the portal is named as organiser".into()));
    }
    d.ormas = entities::ormas(&sentences, portal)
        .into_iter()
        .map(|f| Found { value: portal.ormas[f.value].id.to_string(), from: f.from, check: f.check, words: f.words })
        .collect();
    d.topics = entities::topics(&sentences, portal);

    let (ormas_count, attendees) = facts::counts(&sentences);
    d.ormas_count = ormas_count.filter(|c| c.value as usize >= d.ormas.len());
    d.attendees = attendees;
    d.venue = facts::venue(&sentences, |t| portal.is_region(t));
    d.kind = facts::kind(&sentences, title, d.venue.as_ref().map(|v| v.value.as_str()));
    if d.kind.is_none() {
        d.left.push(("kind", "the wording does not name one kind of activity".into()));
    }
    d.region = region(&d, &organizers, portal);
    if d.region.is_none() {
        d.left.push(("region", "neither the venue nor an organiser gives the region".into()));
    }
    for o in &d.officials {
        if o.value.role.is_empty() {
            d.left.push(("officials", format!("the role of `{}`", o.value.person.as_deref().unwrap_or_default())));
        }
    }
    Ok(d)
}

fn capitalise_list(words: &[&str]) -> String {
    let joined = match words {
        [one] => one.to_string(),
        [init @ .., last] => format!("{}, dan {last}", init.join(", ")),
        [] => String::new(),
    };
    let joined = if words.len() == 2 { joined.replacen(", dan", " dan", 1) } else { joined };
    let mut c = joined.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The body's sentences in both readings, with "setempat" resolved to the
/// region named last before it.
fn sentences_of(body: &[String], portal: &Portal) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut last_region: Option<String> = None;
    for paragraph in body {
        for s in text::sentences(paragraph) {
            let (mut long, mut short) = text::readings(s);
            if long.contains(" setempat")
                && let Some(region) = entities::regions(&long, portal)
                    .into_iter()
                    .rfind(|(_, _, end)| long[*end..].contains(" setempat"))
                    .map(|(_, s, e)| long[s..e].to_string())
                    .or_else(|| last_region.clone())
            {
                long = long.replace(" setempat", &format!(" {region}"));
                short = short.replace(" setempat", &format!(" {region}"));
            }
            if let Some((_, s, e)) = entities::regions(&long, portal).last() {
                last_region = Some(long[*s..*e].to_string());
            }
            out.push(Sentence { text: s.to_string(), long, short });
        }
    }
    out
}

/// The event date: the first date the body gives, resolved against the
/// publication date or the only year the text names.
fn read_date(d: &mut Draft, sentences: &[Sentence], published: Option<PartialDate>) {
    let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
    let first = sentences
        .iter()
        .flat_map(|s| dates::mentions(&s.text).into_iter().map(move |m| (m, s)))
        .min_by_key(|(m, _)| m.day_month.is_none());
    let context = dates::only_year(&texts);
    let Some((mention, sentence)) = first else {
        d.left.push(("date", "the text gives no date of the activity".into()));
        return;
    };
    let r = dates::resolve(&mention, published, context.as_ref());
    if let Some(note) = r.note {
        d.notes.insert(0, note);
    }
    match r.date {
        Some(date) => {
            let mut f = Found::new(date, &sentence.text);
            f.check = r.check;
            f.words = Some(mention.text.clone());
            d.date = Some(f);
        }
        None => d.left.push(("date", r.check.unwrap_or_default())),
    }
}

/// Where it took place: the most precise region the venue names, else the
/// first organiser's region.
fn region(d: &Draft, organizers: &[Found<usize>], portal: &Portal) -> Option<Found<RegionCode>> {
    if let Some(venue) = &d.venue {
        let best = entities::regions(&venue.value, portal)
            .into_iter()
            .map(|(r, ..)| &portal.regions[r].code)
            .max_by_key(|c| c.as_str().len());
        if let Some(code) = best {
            let mut f = Found::new(code.clone(), &venue.from);
            f.words = Some(venue.value.clone());
            return Some(f);
        }
    }
    let first = organizers.first()?;
    let mut f = Found::new(portal.region_of(first.value).clone(), &first.from);
    f.check = Some("the region of the organiser; the text does not say where".into());
    Some(f)
}

/// Imports `text` into `content_dir`: the draft, its record text and the
/// path it belongs at (not yet written).
pub fn import(text: &str, content_dir: &Path, today: NaiveDate) -> Result<(Draft, String, PathBuf), ImportError> {
    let portal = Portal::load(content_dir)?;
    let draft = draft(text, &portal)?;
    let record = record::write(&draft, &portal);
    let path = record::path(&draft, &portal, content_dir, today);
    Ok((draft, record, path))
}
