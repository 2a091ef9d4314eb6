//! What the index knows of each record: its weighted text fields, its facet
//! values and the summary a result shows.
//!
//! Records become documents numbered **from the end of the site's order**:
//! the site lists activities newest first, then ormas, agencies and
//! officials; the last official is document 0 and the newest activity the
//! highest number. So sorting results by date is sorting by document number
//! (descending) and every type and year is one range; and the commonest
//! change to a portal, a new press release, appends a document instead of
//! renumbering every other one, which would change nearly every file of the
//! index (measured in `docs/search.md`, "Stability").

use crate::address::{Section, Urls};
use crate::model::ActivityKind;
use crate::site::{ActivityIx, AgencyIx, OrmasIx, PersonIx, RegionIx, Site, Slice, Table};
use crate::text;

use super::codec::Buf;

/// Number of weighted fields.
pub const FIELDS: usize = 4;

/// BM25F weight of each field: a title or name match outweighs a match on
/// the people and bodies involved, which outweighs the place, then the text.
pub const FIELD_WEIGHTS: [f32; FIELDS] = [8.0, 4.0, 2.0, 1.0];

/// Characters of plain text kept for a result's excerpt.
const EXCERPT_CHARS: usize = 120;

/// The kinds of document, in the site's order (documents are numbered in
/// reverse: see the module's comment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocType {
    /// An activity (`kegiatan`).
    Activity,
    /// An ormas.
    Ormas,
    /// An agency (`instansi`).
    Agency,
    /// An official (`tokoh`).
    Person,
}

impl DocType {
    /// Every type, in document-number order.
    pub const ALL: [DocType; 4] = [Self::Activity, Self::Ormas, Self::Agency, Self::Person];

    /// Id in URLs (`tipe=kegiatan`) and the section it lives in.
    pub fn slug(self) -> &'static str {
        self.section().slug()
    }

    /// Label in Bahasa Indonesia.
    pub fn label(self) -> &'static str {
        match self {
            Self::Activity => "Kegiatan",
            Self::Ormas => "Ormas",
            Self::Agency => "Instansi",
            Self::Person => "Tokoh",
        }
    }

    fn section(self) -> Section {
        match self {
            Self::Activity => Section::Activities,
            Self::Ormas => Section::Ormas,
            Self::Agency => Section::Agencies,
            Self::Person => Section::People,
        }
    }
}

/// The facets a search can be narrowed by, besides type and year (which
/// are ranges of document numbers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    /// Activity kind.
    Jenis,
    /// Region (province or city/regency) of an activity, ormas or agency.
    Wilayah,
    /// Organising agency of an activity.
    Instansi,
    /// Ormas taking part in an activity.
    Ormas,
    /// Topic of an activity.
    Topik,
}

impl Facet {
    /// Every facet, in manifest order.
    pub const ALL: [Facet; 5] = [Self::Jenis, Self::Wilayah, Self::Instansi, Self::Ormas, Self::Topik];

    /// URL parameter name.
    pub fn param(self) -> &'static str {
        match self {
            Self::Jenis => "jenis",
            Self::Wilayah => "wilayah",
            Self::Instansi => "instansi",
            Self::Ormas => "ormas",
            Self::Topik => "topik",
        }
    }
}

/// Document numbering and facet-value numbering for one site.
#[derive(Debug)]
pub struct Corpus<'s> {
    /// The site.
    pub site: &'s Site,
    /// Position in the site's order (activities newest first, ormas,
    /// agencies, officials) of each type's first record, plus the total.
    /// Document `d` is position `total - 1 - d`.
    starts: [u32; 5],
    /// First global value number of each facet, plus the total at the end.
    pub value_starts: [u32; 6],
    /// Agency position to its `instansi` value (agencies ranked by id).
    agency_value: Table<AgencyIx, u32>,
    /// Ormas position to its `ormas` value (ormas ranked by id).
    ormas_value: Table<OrmasIx, u32>,
    /// `instansi` value to agency position.
    pub agencies_by_id: Vec<AgencyIx>,
    /// `ormas` value to ormas position.
    pub ormas_by_id: Vec<OrmasIx>,
}

/// What one document contributes to the index.
#[derive(Debug, Default)]
pub struct DocText {
    /// Text of each weighted field.
    pub fields: [String; FIELDS],
    /// Encoded result summary (see [`Corpus::summary`]).
    pub summary: Vec<u8>,
}

/// Each record's rank by id, and the records in id order.
fn ranks<K, T>(records: &Slice<K, crate::model::Record<T>>) -> (Table<K, u32>, Vec<K>)
where
    K: From<usize> + Copy,
    usize: From<K>,
{
    let mut by_id: Vec<K> = records.keys().collect();
    by_id.sort_by(|&a, &b| records[a].id.cmp(&records[b].id));
    let mut rank: Table<K, u32> = (0..records.len()).map(|_| 0).collect();
    for (r, &pos) in by_id.iter().enumerate() {
        rank[pos] = r as u32;
    }
    (rank, by_id)
}

impl<'s> Corpus<'s> {
    /// Numbers the documents and facet values of `site`.
    pub fn new(site: &'s Site) -> Self {
        let counts = [site.activities.len(), site.ormas.len(), site.agencies.len(), site.people.len()];
        let mut starts = [0u32; 5];
        for (k, n) in counts.iter().enumerate() {
            starts[k + 1] = starts[k] + *n as u32;
        }
        let value_counts =
            [ActivityKind::ALL.len(), site.regions.len(), site.agencies.len(), site.ormas.len(), site.topics.len()];
        let mut value_starts = [0u32; 6];
        for (k, n) in value_counts.iter().enumerate() {
            value_starts[k + 1] = value_starts[k] + *n as u32;
        }
        let (agency_value, agencies_by_id) = ranks(&site.agencies);
        let (ormas_value, ormas_by_id) = ranks(&site.ormas);
        Self { site, starts, value_starts, agency_value, ormas_value, agencies_by_id, ormas_by_id }
    }

    /// Number of documents.
    pub fn len(&self) -> u32 {
        self.starts[4]
    }

    /// Whether there is nothing to index.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Type of a document and its position in its collection.
    pub fn locate(&self, doc: u32) -> (DocType, usize) {
        let position = self.len() - 1 - doc;
        let k = (1..5).find(|&k| position < self.starts[k]).unwrap_or(4) - 1;
        (DocType::ALL[k], (position - self.starts[k]) as usize)
    }

    /// The documents of the records at positions `start..end` of a type's
    /// collection, as a range of document numbers (ascending numbers are
    /// the records in reverse).
    pub fn documents_of(&self, ty: DocType, start: u32, end: u32) -> std::ops::Range<u32> {
        let first = self.starts[ty as usize];
        self.len() - (first + end)..self.len() - (first + start)
    }

    /// Every document of a type, as a range of document numbers.
    pub fn documents_of_type(&self, ty: DocType) -> std::ops::Range<u32> {
        let k = ty as usize;
        self.documents_of(ty, 0, self.starts[k + 1] - self.starts[k])
    }

    /// Number of values of a facet.
    pub fn value_count(&self, facet: Facet) -> u32 {
        let f = facet as usize;
        self.value_starts[f + 1] - self.value_starts[f]
    }

    /// Global value number of a facet's value.
    fn value(&self, facet: Facet, v: u32) -> u32 {
        self.value_starts[facet as usize] + v
    }

    /// The facet a global value number belongs to, and its number within it.
    pub fn split_value(&self, global: u32) -> (Facet, u32) {
        let f = (1..6).find(|&k| global < self.value_starts[k]).unwrap_or(5) - 1;
        (Facet::ALL[f], global - self.value_starts[f])
    }

    /// Global facet values of a document, ascending and without repeats.
    /// Regions are the record's own region only: the browser adds them up
    /// into provinces from the region table.
    pub fn facet_values(&self, doc: u32) -> Vec<u32> {
        let s = self.site;
        let region = |r: RegionIx| self.value(Facet::Wilayah, r.get());
        let mut out = Vec::new();
        match self.locate(doc) {
            (DocType::Activity, i) => {
                let a = ActivityIx::from(i);
                let refs = &s.refs.activities[a];
                let kind = ActivityKind::ALL.iter().position(|k| *k == s.activities[a].meta.kind).unwrap_or(0) as u32;
                out.push(self.value(Facet::Jenis, kind));
                out.push(region(refs.region));
                out.extend(refs.organizers.iter().map(|&g| self.value(Facet::Instansi, self.agency_value[g])));
                out.extend(refs.ormas.iter().map(|&o| self.value(Facet::Ormas, self.ormas_value[o])));
                out.extend(refs.topics.iter().map(|&t| self.value(Facet::Topik, t.get())));
            }
            (DocType::Ormas, i) => out.push(region(s.refs.ormas_region[OrmasIx::from(i)])),
            (DocType::Agency, i) => out.push(region(s.refs.agency_region[AgencyIx::from(i)])),
            (DocType::Person, _) => {}
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Region names from the record's region out to its province.
    fn region_names(&self, region: RegionIx) -> String {
        self.site.region_names(region).collect::<Vec<_>>().join(" ")
    }

    fn agency_names(&self, agencies: impl IntoIterator<Item = AgencyIx>, out: &mut String) {
        for g in agencies {
            let a = &self.site.agencies[g].meta;
            push(out, &a.name);
            push(out, a.abbreviation.as_deref().unwrap_or(""));
        }
    }

    /// Fields and summary of one document.
    pub fn text(&self, doc: u32) -> DocText {
        self.compose(doc, true)
    }

    /// A fingerprint of everything [`Self::text`] reads for one document
    /// (its record, the names of the records it links to, its address),
    /// without reading the record's body again: the body is known by the
    /// digest of the record's file.
    pub fn fingerprint(&self, doc: u32) -> u64 {
        let text = self.compose(doc, false);
        let s = self.site;
        let digest = match self.locate(doc) {
            (DocType::Activity, i) => s.activities[ActivityIx::from(i)].origin.digest(),
            (DocType::Ormas, i) => s.ormas[OrmasIx::from(i)].origin.digest(),
            _ => 0,
        };
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(&digest.to_le_bytes());
        for part in text.fields.iter().map(String::as_bytes).chain([text.summary.as_slice()]) {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part);
        }
        h.digest()
    }

    /// Fields and summary of one document; without `body`, the bodies
    /// kept on disk are left out (the summary's excerpt with them) and the
    /// text field holds the unparsed notes of the records that have them.
    fn compose(&self, doc: u32, body: bool) -> DocText {
        let s = self.site;
        let (ty, i) = self.locate(doc);
        let mut f: [String; FIELDS] = Default::default();
        // A record's body, read again from its file, lives as long as this.
        let held;
        let (path, title, date, kind, region, detail, raw) = match ty {
            DocType::Activity => {
                let a = ActivityIx::from(i);
                let (r, refs) = (&s.activities[a], &s.refs.activities[a]);
                let m = &r.meta;
                f[0] = m.title.to_string();
                self.agency_names(refs.organizers.iter().chain(refs.agencies.iter()).copied(), &mut f[1]);
                for &o in refs.ormas.iter() {
                    let o = &s.ormas[o].meta;
                    push(&mut f[1], &o.name);
                    push(&mut f[1], o.abbreviation.as_deref().unwrap_or(""));
                    o.other_names.iter().for_each(|n| push(&mut f[1], n));
                }
                for o in s.officials(a) {
                    push(&mut f[1], o.name);
                    push(&mut f[1], o.role);
                }
                refs.topics.iter().for_each(|&t| push(&mut f[1], &s.topics[t].name));
                push(&mut f[2], m.venue.as_deref().unwrap_or(""));
                push(&mut f[2], &self.region_names(refs.region));
                let kind = ActivityKind::ALL.iter().position(|k| *k == m.kind).map(|k| k as u8);
                // Organisers by the names citizens recognise, not only abbreviations.
                let detail = refs.organizers.iter().map(|&g| s.agency_listing_name(g)).collect::<Vec<_>>().join(", ");
                held = body.then(|| r.body());
                let raw = held.as_deref().unwrap_or("");
                (Urls::page_of(s, a), m.title.as_str(), m.date.to_indonesian(), kind, Some(refs.region), detail, raw)
            }
            DocType::Ormas => {
                let o = OrmasIx::from(i);
                let r = &s.ormas[o];
                let m = &r.meta;
                let region = s.refs.ormas_region[o];
                f[0] = m.name.clone();
                push(&mut f[0], m.abbreviation.as_deref().unwrap_or(""));
                m.other_names.iter().for_each(|n| push(&mut f[0], n));
                m.leaders.iter().for_each(|l| push(&mut f[1], &l.name));
                m.fields.iter().for_each(|x| push(&mut f[1], x));
                push(&mut f[2], m.address.as_deref().unwrap_or(""));
                push(&mut f[2], &self.region_names(region));
                let detail = match &m.abbreviation {
                    Some(a) => format!("{a} · {}", m.status.label()),
                    None => m.status.label().to_string(),
                };
                held = body.then(|| r.body());
                let raw = held.as_deref().unwrap_or("");
                (Urls::page_of(s, o), m.name.as_str(), String::new(), None, Some(region), detail, raw)
            }
            DocType::Agency => {
                let g = AgencyIx::from(i);
                let m = &s.agencies[g].meta;
                let region = s.refs.agency_region[g];
                f[0] = m.name.clone();
                push(&mut f[0], m.abbreviation.as_deref().unwrap_or(""));
                push(&mut f[1], m.kind.label());
                self.agency_names(s.refs.agency_parent[g], &mut f[1]);
                push(&mut f[2], &self.region_names(region));
                let notes = m.notes.as_deref().unwrap_or("");
                (
                    Urls::page_of(s, g),
                    m.name.as_str(),
                    String::new(),
                    None,
                    Some(region),
                    m.kind.label().to_string(),
                    notes,
                )
            }
            DocType::Person => {
                let p = PersonIx::from(i);
                let m = &s.people[p].meta;
                f[0] = m.name.clone();
                for (pos, agency) in m.positions.iter().zip(s.refs.position_agencies[p].iter()) {
                    push(&mut f[1], &pos.role);
                    self.agency_names(*agency, &mut f[1]);
                }
                let roles = m.positions.iter().map(|p| p.role.as_str()).collect::<Vec<_>>().join("; ");
                (Urls::page_of(s, p), m.name.as_str(), String::new(), None, None, roles, "")
            }
        };
        f[3] = match (raw.is_empty(), body) {
            (true, _) => String::new(),
            (false, true) => text::plain_text(raw),
            (false, false) => raw.to_string(),
        };
        let mut summary = Buf::with_capacity(400);
        summary.byte(ty as u8);
        summary.byte(kind.unwrap_or(255));
        summary.varint(region.map_or(0, |r| u64::from(r.get()) + 1));
        summary.str(&date);
        summary.str(title);
        summary.str(&path);
        summary.str(&detail);
        summary.str(&if body { excerpt(&f[3]) } else { String::new() });
        DocText { fields: f, summary: summary.0 }
    }
}

/// The first words of a plain text, whitespace collapsed, for a result.
fn excerpt(plain: &str) -> String {
    let head: String = plain.chars().take(EXCERPT_CHARS * 2).collect();
    text::truncate_words(&head.split_whitespace().collect::<Vec<_>>().join(" "), EXCERPT_CHARS)
}

fn push(out: &mut String, text: &str) {
    if !text.is_empty() {
        if !out.is_empty() {
            out.push_str(" \n ");
        }
        out.push_str(text);
    }
}
