//! What the index knows of each record: its weighted text fields, its facet
//! values and the summary a result shows.
//!
//! Records become documents numbered activities first (newest first, as the
//! site sorts them), then ormas, agencies and officials, so sorting results
//! by date is sorting by document number and every year is one range.

use crate::model::ActivityKind;
use crate::render::markdown;
use crate::render::urls::{Section, Urls};
use crate::site::{Ix, Site};

use super::codec::Buf;

/// Number of weighted fields.
pub const FIELDS: usize = 4;

/// BM25F weight of each field: a title or name match outweighs a match on
/// the people and bodies involved, which outweighs the place, then the text.
pub const FIELD_WEIGHTS: [f32; FIELDS] = [8.0, 4.0, 2.0, 1.0];

/// Characters of plain text kept for a result's excerpt.
const EXCERPT_CHARS: usize = 120;

/// The kinds of document, in document-number order.
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
    /// First document number of each type, plus the total at the end.
    pub starts: [u32; 5],
    /// First global value number of each facet, plus the total at the end.
    pub value_starts: [u32; 6],
    /// Agency position to its `instansi` value (agencies ranked by id).
    agency_value: Vec<u32>,
    /// Ormas position to its `ormas` value (ormas ranked by id).
    ormas_value: Vec<u32>,
    /// `instansi` value to agency position.
    pub agencies_by_id: Vec<Ix>,
    /// `ormas` value to ormas position.
    pub ormas_by_id: Vec<Ix>,
}

/// What one document contributes to the index.
#[derive(Debug, Default)]
pub struct DocText {
    /// Text of each weighted field.
    pub fields: [String; FIELDS],
    /// Encoded result summary (see [`Corpus::summary`]).
    pub summary: Vec<u8>,
}

fn ranks<T>(records: &[crate::model::Record<T>]) -> (Vec<u32>, Vec<Ix>) {
    let mut by_id: Vec<Ix> = (0..records.len() as Ix).collect();
    by_id.sort_by(|&a, &b| records[a as usize].id.cmp(&records[b as usize].id));
    let mut rank = vec![0; records.len()];
    for (r, &pos) in by_id.iter().enumerate() {
        rank[pos as usize] = r as u32;
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
        let k = (1..5).find(|&k| doc < self.starts[k]).unwrap_or(4) - 1;
        (DocType::ALL[k], (doc - self.starts[k]) as usize)
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
        let region = |code: &crate::model::RegionCode| s.index.regions.get(code.as_str()).copied();
        let mut out = Vec::new();
        match self.locate(doc) {
            (DocType::Activity, i) => {
                let m = &s.activities[i].meta;
                let kind = ActivityKind::ALL.iter().position(|k| *k == m.kind).unwrap_or(0) as u32;
                out.push(self.value(Facet::Jenis, kind));
                out.extend(region(&m.region).map(|r| self.value(Facet::Wilayah, r)));
                for id in &m.organizers {
                    if let Some(&g) = s.index.agencies.get(id) {
                        out.push(self.value(Facet::Instansi, self.agency_value[g as usize]));
                    }
                }
                for id in &m.participants.ormas {
                    if let Some(&o) = s.index.ormas.get(id) {
                        out.push(self.value(Facet::Ormas, self.ormas_value[o as usize]));
                    }
                }
                for id in &m.topics {
                    if let Some(&t) = s.index.topics.get(id) {
                        out.push(self.value(Facet::Topik, t));
                    }
                }
            }
            (DocType::Ormas, i) => out.extend(region(&s.ormas[i].meta.region).map(|r| self.value(Facet::Wilayah, r))),
            (DocType::Agency, i) => {
                out.extend(region(&s.agencies[i].meta.region).map(|r| self.value(Facet::Wilayah, r)))
            }
            (DocType::Person, _) => {}
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Region names from the record's region out to its province.
    fn region_names(&self, code: &crate::model::RegionCode) -> String {
        let s = self.site;
        s.region_chain(code).iter().map(|&r| s.regions[r as usize].name.as_str()).collect::<Vec<_>>().join(" ")
    }

    fn agency_names(&self, ids: &[String], out: &mut String) {
        for id in ids {
            if let Some(&g) = self.site.index.agencies.get(id) {
                let a = &self.site.agencies[g as usize].meta;
                push(out, &a.name);
                push(out, a.abbreviation.as_deref().unwrap_or(""));
            }
        }
    }

    fn short_agency_names(&self, ids: &[String]) -> String {
        let s = self.site;
        ids.iter()
            .filter_map(|id| s.index.agencies.get(id))
            .map(|&g| {
                let a = &s.agencies[g as usize].meta;
                a.abbreviation.as_deref().unwrap_or(&a.name)
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Fields and summary of one document.
    pub fn text(&self, doc: u32) -> DocText {
        let s = self.site;
        let (ty, i) = self.locate(doc);
        let mut f: [String; FIELDS] = Default::default();
        let (id, title, date, kind, region, detail, body) = match ty {
            DocType::Activity => {
                let r = &s.activities[i];
                let m = &r.meta;
                f[0] = m.title.clone();
                self.agency_names(&m.organizers, &mut f[1]);
                self.agency_names(&m.participants.agencies, &mut f[1]);
                for id in &m.participants.ormas {
                    if let Some(&o) = s.index.ormas.get(id) {
                        let o = &s.ormas[o as usize].meta;
                        push(&mut f[1], &o.name);
                        push(&mut f[1], o.abbreviation.as_deref().unwrap_or(""));
                        o.other_names.iter().for_each(|n| push(&mut f[1], n));
                    }
                }
                for o in &m.officials {
                    let person = o.person.as_deref().and_then(|p| s.index.people.get(p));
                    let name = person.map(|&p| s.people[p as usize].meta.name.as_str()).or(o.name.as_deref());
                    push(&mut f[1], name.unwrap_or(""));
                    push(&mut f[1], &o.role);
                }
                for t in m.topics.iter().filter_map(|t| s.index.topics.get(t)) {
                    push(&mut f[1], &s.topics[*t as usize].name);
                }
                push(&mut f[2], m.venue.as_deref().unwrap_or(""));
                push(&mut f[2], &self.region_names(&m.region));
                let kind = ActivityKind::ALL.iter().position(|k| *k == m.kind).map(|k| k as u8);
                let detail = self.short_agency_names(&m.organizers);
                (&r.id, m.title.as_str(), m.date.to_indonesian(), kind, Some(&m.region), detail, r.body())
            }
            DocType::Ormas => {
                let r = &s.ormas[i];
                let m = &r.meta;
                f[0] = m.name.clone();
                push(&mut f[0], m.abbreviation.as_deref().unwrap_or(""));
                m.other_names.iter().for_each(|n| push(&mut f[0], n));
                m.leaders.iter().for_each(|l| push(&mut f[1], &l.name));
                m.fields.iter().for_each(|x| push(&mut f[1], x));
                push(&mut f[2], m.address.as_deref().unwrap_or(""));
                push(&mut f[2], &self.region_names(&m.region));
                let detail = match &m.abbreviation {
                    Some(a) => format!("{a} · {}", m.status.label()),
                    None => m.status.label().to_string(),
                };
                (&r.id, m.name.as_str(), String::new(), None, Some(&m.region), detail, r.body())
            }
            DocType::Agency => {
                let r = &s.agencies[i];
                let m = &r.meta;
                f[0] = m.name.clone();
                push(&mut f[0], m.abbreviation.as_deref().unwrap_or(""));
                push(&mut f[1], m.kind.label());
                if let Some(p) = &m.parent {
                    self.agency_names(std::slice::from_ref(p), &mut f[1]);
                }
                push(&mut f[2], &self.region_names(&m.region));
                let body = m.notes.as_deref().unwrap_or("");
                (&r.id, m.name.as_str(), String::new(), None, Some(&m.region), m.kind.label().to_string(), body)
            }
            DocType::Person => {
                let r = &s.people[i];
                let m = &r.meta;
                f[0] = m.name.clone();
                for p in &m.positions {
                    push(&mut f[1], &p.role);
                    if let Some(a) = &p.agency {
                        self.agency_names(std::slice::from_ref(a), &mut f[1]);
                    }
                }
                let roles = m.positions.iter().map(|p| p.role.as_str()).collect::<Vec<_>>().join("; ");
                (&r.id, m.name.as_str(), String::new(), None, None, roles, "")
            }
        };
        f[3] = if body.is_empty() { String::new() } else { markdown::plain_text(body) };
        let mut summary = Buf::with_capacity(400);
        summary.byte(ty as u8);
        summary.byte(kind.unwrap_or(255));
        let region = region.and_then(|c| s.index.regions.get(c.as_str()));
        summary.varint(region.map_or(0, |&r| u64::from(r) + 1));
        summary.str(&date);
        summary.str(title);
        summary.str(&Urls::record(ty.section(), id));
        summary.str(&detail);
        summary.str(&excerpt(&f[3]));
        DocText { fields: f, summary: summary.0 }
    }
}

/// The first words of a plain text, whitespace collapsed, for a result.
fn excerpt(plain: &str) -> String {
    let head: String = plain.chars().take(EXCERPT_CHARS * 2).collect();
    markdown::truncate_words(&head.split_whitespace().collect::<Vec<_>>().join(" "), EXCERPT_CHARS)
}

fn push(out: &mut String, text: &str) {
    if !text.is_empty() {
        if !out.is_empty() {
            out.push_str(" \n ");
        }
        out.push_str(text);
    }
}
