//! The whole dataset as one JSON file in Popolo shapes (organizations,
//! persons with memberships, areas, events) plus partnerships as
//! 360Giving-like grants and agreements; each record also as its own JSON
//! file beside its page.
//!
//! Field names are a published contract documented in `docs/data.md` and
//! checked by `docs/schema/dataset.schema.json`: add fields, never rename.

use rayon::prelude::*;
use serde::Serialize;

use super::stream::Download;
use super::{DataError, catalog, slug};
use crate::model::{
    Activity, Contacts, Leader, Legal, Link, Official, OrmasStatus, PartialDate, Precision, Record, RegionCode, Source,
};
use crate::output::Staging;
use crate::render::markdown;
use crate::render::urls::{Section, Urls};
use crate::site::{Ix, Site};

/// Dataset-wide id of a record, `<section>/<id>` (`ormas/bamus-betawi-1982`):
/// unique across collections, which plain ids are not, and equal to the
/// record's page path without its trailing slash.
pub fn record_id(section: Section, id: &str) -> String {
    format!("{}/{id}", section.slug())
}

/// Output path of a record's JSON file, a sibling of its page folder
/// (`kegiatan/<id>.json` beside `kegiatan/<id>/index.html`).
pub fn json_path(section: Section, id: &str) -> String {
    format!("{}/{id}.json", section.slug())
}

/// The capacity in which someone took part in an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParticipantKind {
    /// A government agency, organiser or participant.
    Agency,
    /// A named ormas.
    Ormas,
    /// An official, known person or just a name.
    Official,
}

impl ParticipantKind {
    /// The value used in the data (`agency`, `ormas`, `official`).
    pub fn slug(self) -> &'static str {
        match self {
            Self::Agency => "agency",
            Self::Ormas => "ormas",
            Self::Official => "official",
        }
    }
}

/// Role of an agency that organised an activity.
pub const ORGANIZER: &str = "organizer";
/// Role of an agency or ormas that took part without organising.
pub const PARTICIPANT: &str = "participant";

/// One participation: an agency, ormas or official at an activity. The
/// participation CSV and the dataset's events are both made from this
/// list, so they cannot disagree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participation<'a> {
    /// Agency, ormas or official.
    pub kind: ParticipantKind,
    /// Record id (plain, not section-qualified); `None` for an official
    /// known only by name.
    pub id: Option<&'a str>,
    /// Display name.
    pub name: &'a str,
    /// `organizer` or `participant` for agencies and ormas; the role held
    /// then for officials.
    pub role: &'a str,
}

/// Every participation in an activity, in content order (organisers,
/// participating agencies, ormas, officials), each listed once.
pub fn participations<'a>(site: &'a Site, activity: &'a Activity) -> Vec<Participation<'a>> {
    let agency = |id: &'a str, role: &'a str| {
        let name = site.index.agencies.get(id).map_or(id, |&g| site.agencies[g as usize].meta.name.as_str());
        Participation { kind: ParticipantKind::Agency, id: Some(id), name, role }
    };
    let p = &activity.participants;
    let mut out: Vec<Participation<'a>> =
        Vec::with_capacity(activity.organizers.len() + p.agencies.len() + p.ormas.len() + activity.officials.len());
    let mut push = |item: Participation<'a>| {
        // A record named twice is one participation; lists are short, so a scan is cheaper than a set.
        if !out.contains(&item) {
            out.push(item);
        }
    };
    activity.organizers.iter().for_each(|id| push(agency(id, ORGANIZER)));
    p.agencies.iter().for_each(|id| push(agency(id, PARTICIPANT)));
    for id in &p.ormas {
        let name = site.index.ormas.get(id).map_or(id.as_str(), |&o| site.ormas[o as usize].meta.name.as_str());
        push(Participation { kind: ParticipantKind::Ormas, id: Some(id), name, role: PARTICIPANT });
    }
    for o in &activity.officials {
        push(official(site, o));
    }
    out
}

fn official<'a>(site: &'a Site, o: &'a Official) -> Participation<'a> {
    let known = o.person.as_deref().and_then(|id| site.index.people.get(id).map(|&p| (id, p)));
    let (id, name) = match known {
        Some((id, p)) => (Some(id), site.people[p as usize].meta.name.as_str()),
        None => (o.person.as_deref(), o.name.as_deref().unwrap_or("")),
    };
    Participation { kind: ParticipantKind::Official, id, name, role: &o.role }
}

/// What the dataset is and under which licence it is published.
#[derive(Debug, Serialize)]
pub struct Meta<'a> {
    /// Portal title.
    pub title: &'a str,
    /// Portal description.
    pub description: &'a str,
    /// Content language.
    pub language: &'a str,
    /// Site address.
    pub url: String,
    /// Who runs the portal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<&'a Link>,
    /// Licence of the data, from `site.yaml`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<&'a Link>,
    /// Address of the JSON Schema this file follows.
    pub schema: String,
    /// Records per collection.
    pub counts: Counts,
}

/// Records per collection of the dataset.
#[derive(Debug, Serialize)]
pub struct Counts {
    /// Ormas organisations.
    pub ormas: usize,
    /// Agency organisations.
    pub agencies: usize,
    /// Persons.
    pub persons: usize,
    /// Events.
    pub events: usize,
    /// Grants.
    pub grants: usize,
    /// Agreements.
    pub agreements: usize,
    /// Participations across all events.
    pub participations: usize,
}

/// A Popolo identifier (`scheme` `skt` or `ahu`).
#[derive(Debug, Serialize)]
pub struct Identifier<'a> {
    /// Registration number.
    pub identifier: &'a str,
    /// Register it belongs to.
    pub scheme: &'static str,
}

/// A Popolo other name.
#[derive(Debug, Serialize)]
pub struct OtherName<'a> {
    /// The name.
    pub name: &'a str,
    /// `abbreviation` or `alias`.
    pub note: &'static str,
}

/// A Popolo contact detail.
#[derive(Debug, Serialize)]
pub struct ContactDetail<'a> {
    /// `email`, `voice` or `address`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The address or number.
    pub value: &'a str,
}

/// A Popolo link.
#[derive(Debug, Serialize)]
pub struct WebLink<'a> {
    /// Address.
    pub url: &'a str,
    /// What it is (`website`).
    pub note: &'static str,
}

/// A Popolo organization: an ormas or a government agency.
#[derive(Debug, Serialize)]
pub struct Organization<'a> {
    /// `ormas/<id>` or `instansi/<id>`.
    pub id: String,
    /// Full name.
    pub name: &'a str,
    /// `ormas`, or the agency's `kind` (`kpu`, `kesbangpol`, ...).
    pub classification: String,
    /// Short form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub abbreviation: Option<&'a str>,
    /// Abbreviation and other names.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<OtherName<'a>>,
    /// SKT and AHU numbers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<Identifier<'a>>,
    /// Parent agency, `instansi/<id>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// Region of its seat, `wilayah/<code>`.
    pub area_id: String,
    /// When an ormas was founded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub founding_date: Option<PartialDate>,
    /// Ormas standing (`aktif`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Ormas reach (`provinsi`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// Ormas fields of activity.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub fields: &'a [String],
    /// Ormas legal form and registrations, as in the content.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub legal: Option<&'a Legal>,
    /// Ormas office holders, as in the content.
    #[serde(skip_serializing_if = "<[Leader]>::is_empty")]
    pub leaders: &'a [Leader],
    /// E-mail, telephone, postal address.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contact_details: Vec<ContactDetail<'a>>,
    /// Website.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<WebLink<'a>>,
    /// Ormas profile text, without markup.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Editorial note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<&'a str>,
    /// Where the facts come from.
    #[serde(skip_serializing_if = "<[Source]>::is_empty")]
    pub sources: &'a [Source],
    /// Number of activities it organised, attended or is named in.
    pub activity_count: usize,
    /// Page address.
    pub url: String,
    /// Address of this record as JSON.
    pub json_url: String,
}

/// A Popolo membership: a position a person held.
#[derive(Debug, Serialize)]
pub struct Membership<'a> {
    /// `tokoh/<id>`.
    pub person_id: String,
    /// `instansi/<id>`, when the position names an agency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// Title of the role.
    pub role: &'a str,
    /// When it began.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<PartialDate>,
    /// When it ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<PartialDate>,
}

/// A Popolo person: an official.
#[derive(Debug, Serialize)]
pub struct Person<'a> {
    /// `tokoh/<id>`.
    pub id: String,
    /// Name.
    pub name: &'a str,
    /// Positions held.
    pub memberships: Vec<Membership<'a>>,
    /// Editorial note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<&'a str>,
    /// Number of activities they spoke at or attended.
    pub activity_count: usize,
    /// Page address.
    pub url: String,
    /// Address of this record as JSON.
    pub json_url: String,
}

/// A Popolo area: a region.
#[derive(Debug, Serialize)]
pub struct Area<'a> {
    /// `wilayah/<code>`.
    pub id: String,
    /// Kemendagri code.
    pub identifier: &'a str,
    /// Official name.
    pub name: &'a str,
    /// `provinsi`, `kabupaten-kota`, `kecamatan` or `desa`, from the code's depth.
    pub classification: &'static str,
    /// Region it lies in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// Page address.
    pub url: String,
}

/// A topic.
#[derive(Debug, Serialize)]
pub struct TopicOut<'a> {
    /// `topik/<id>`.
    pub id: String,
    /// Name in Bahasa Indonesia.
    pub name: &'a str,
    /// Name in English.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<&'a str>,
    /// What it covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<&'a str>,
    /// Page address.
    pub url: String,
}

/// Someone at an event besides its organisers.
#[derive(Debug, Serialize)]
pub struct Attendee<'a> {
    /// `ormas`, `agency` or `official`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// `ormas/<id>` or `instansi/<id>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization_id: Option<String>,
    /// `tokoh/<id>` for an official with a person record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub person_id: Option<String>,
    /// Name.
    pub name: &'a str,
    /// `participant`, or the official's role.
    pub role: &'a str,
}

/// A Popolo event: an activity.
#[derive(Debug, Serialize)]
pub struct Event<'a> {
    /// `kegiatan/<id>`.
    pub id: String,
    /// Headline.
    pub name: &'a str,
    /// Activity kind (`sosialisasi`, ...).
    pub classification: &'static str,
    /// The date as precise as the source (`2024`, `2024-07`, `2024-07-12`).
    pub date: PartialDate,
    /// `year`, `month` or `day`.
    pub date_precision: Precision,
    /// Start time when known, else `date`.
    pub start_date: String,
    /// End time, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// Region, `wilayah/<code>`.
    pub area_id: String,
    /// Venue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<&'a str>,
    /// First organising agency (Popolo's single organiser).
    pub organization_id: String,
    /// Every organising agency.
    pub organizers: Vec<String>,
    /// Ormas, agencies and officials present.
    pub attendees: Vec<Attendee<'a>>,
    /// How many ormas took part, named or not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ormas_count: Option<u32>,
    /// Head count.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendee_count: Option<u32>,
    /// Topics, `topik/<id>`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub topic_ids: Vec<String>,
    /// Partnership, `kemitraan/<id>`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub partnership_id: Option<String>,
    /// Press-release text without markup.
    pub description: String,
    /// Editorial note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<&'a str>,
    /// Where the facts come from.
    pub sources: &'a [Source],
    /// Page address.
    pub url: String,
    /// Address of this record as JSON.
    pub json_url: String,
}

/// An organisation named in a grant (360Giving shape).
#[derive(Debug, Serialize)]
pub struct GrantOrganization<'a> {
    /// `ormas/<id>` or `instansi/<id>`.
    pub id: String,
    /// Name.
    pub name: &'a str,
}

/// Planned dates of a grant (360Giving shape).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedDates {
    /// First day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<PartialDate>,
    /// Last day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<PartialDate>,
}

/// A grant in the shape of the 360Giving standard (camelCase names).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Grant<'a> {
    /// `kemitraan/<id>`.
    pub id: String,
    /// Title.
    pub title: &'a str,
    /// Description without markup.
    pub description: String,
    /// `hibah` or `bantuan-sosial`.
    pub classification: String,
    /// ISO 4217 currency.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<&'a str>,
    /// Amount in the currency's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_awarded: Option<u64>,
    /// Date of signing, as precise as the source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub award_date: Option<PartialDate>,
    /// Period.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub planned_dates: Vec<PlannedDates>,
    /// The ormas receiving it.
    pub recipient_organization: Vec<GrantOrganization<'a>>,
    /// The agencies giving it.
    pub funding_organization: Vec<GrantOrganization<'a>>,
    /// Document number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<&'a str>,
    /// `APBD`, `APBN` or `lainnya`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_source: Option<String>,
    /// `berlaku`, `selesai` or `dibatalkan`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Published documents.
    #[serde(skip_serializing_if = "<[crate::model::Document]>::is_empty")]
    pub documents: &'a [crate::model::Document],
    /// Where the facts come from.
    #[serde(skip_serializing_if = "<[Source]>::is_empty")]
    pub sources: &'a [Source],
    /// Activities under it, `kegiatan/<id>`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub event_ids: Vec<String>,
    /// Editorial note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<&'a str>,
    /// Page address.
    pub url: String,
    /// Address of this record as JSON.
    pub json_url: String,
}

/// A party to an agreement.
#[derive(Debug, Serialize)]
pub struct Party<'a> {
    /// `ormas/<id>` or `instansi/<id>`.
    pub organization_id: String,
    /// Name.
    pub name: &'a str,
}

/// An MoU or cooperation agreement.
#[derive(Debug, Serialize)]
pub struct Agreement<'a> {
    /// `kemitraan/<id>`.
    pub id: String,
    /// Title.
    pub title: &'a str,
    /// `mou` or `perjanjian-kerja-sama`.
    pub classification: String,
    /// Document number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<&'a str>,
    /// Date of signing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_date: Option<PartialDate>,
    /// First day in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<PartialDate>,
    /// Last day in force.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end_date: Option<PartialDate>,
    /// `berlaku`, `selesai` or `dibatalkan`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// Agencies, then ormas.
    pub parties: Vec<Party<'a>>,
    /// Description without markup.
    pub description: String,
    /// Published documents.
    #[serde(skip_serializing_if = "<[crate::model::Document]>::is_empty")]
    pub documents: &'a [crate::model::Document],
    /// Where the facts come from.
    #[serde(skip_serializing_if = "<[Source]>::is_empty")]
    pub sources: &'a [Source],
    /// Activities under it, `kegiatan/<id>`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub event_ids: Vec<String>,
    /// Editorial note.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<&'a str>,
    /// Page address.
    pub url: String,
    /// Address of this record as JSON.
    pub json_url: String,
}

/// Classification of a region from the depth of its Kemendagri code.
pub fn area_classification(code: &RegionCode) -> &'static str {
    match code.as_str().matches('.').count() {
        0 => "provinsi",
        1 => "kabupaten-kota",
        2 => "kecamatan",
        _ => "desa",
    }
}

/// Builds the addresses of one record.
struct Addr<'u> {
    urls: &'u Urls,
}

impl Addr<'_> {
    fn page(&self, section: Section, id: &str) -> String {
        self.urls.absolute(&Urls::record(section, id))
    }
    fn json(&self, section: Section, id: &str) -> String {
        self.urls.absolute(&json_path(section, id))
    }
}

fn ids(section: Section, list: &[String]) -> Vec<String> {
    list.iter().map(|id| record_id(section, id)).collect()
}

fn contact_details<'a>(contacts: Option<&'a Contacts>, address: Option<&'a str>) -> Vec<ContactDetail<'a>> {
    let mut out = Vec::new();
    if let Some(c) = contacts {
        out.extend(c.email.as_deref().map(|v| ContactDetail { kind: "email", value: v }));
        out.extend(c.phone.as_deref().map(|v| ContactDetail { kind: "voice", value: v }));
    }
    out.extend(address.map(|v| ContactDetail { kind: "address", value: v }));
    out
}

/// Writes the whole dataset to [`catalog::DATASET_PATH`] as compact JSON,
/// `{"meta", "organizations" (ormas, then agencies), "persons", "areas",
/// "topics", "events" (newest first), "grants", "agreements"}`, and in the
/// same pass each organisation, person, event, grant and agreement as its
/// own pretty-printed file beside its page. Records are shaped and
/// serialised in parallel and streamed, so the dataset never sits whole in
/// memory.
pub fn write(site: &Site, urls: &Urls, out: &Staging) -> Result<(), DataError> {
    let a = Addr { urls };
    let (grants, agreements): (Vec<Ix>, Vec<Ix>) =
        (0..site.partnerships.len() as Ix).partition(|&p| site.partnerships[p as usize].meta.kind.is_grant());
    let c = &site.config;
    let meta = Meta {
        title: &c.title,
        description: &c.description,
        language: &c.language,
        url: urls.base_url().to_string(),
        publisher: c.publisher.as_ref(),
        license: c.license.as_ref(),
        schema: urls.absolute(catalog::SCHEMA_PATH),
        counts: Counts {
            ormas: site.ormas.len(),
            agencies: site.agencies.len(),
            persons: site.people.len(),
            events: site.activities.len(),
            grants: grants.len(),
            agreements: agreements.len(),
            participations: site.activities.par_iter().map(|r| participations(site, &r.meta).len()).sum(),
        },
    };
    let partnership = |p: Ix| &site.partnerships[p as usize];
    let mut d = Download::create(out, catalog::DATASET_PATH)?;
    d.push(b"{\"meta\":")?;
    let mut head = Vec::new();
    element(&mut head, true, &meta)?;
    d.push(&head)?;
    d.push(b",\"organizations\":[")?;
    d.extend(&site.ormas, |i, r, buf| record(buf, i == 0, &ormas(site, &a, i as Ix, r), (Section::Ormas, &r.id), out))?;
    let first = site.ormas.is_empty();
    d.extend(&site.agencies, |g, r, buf| {
        record(buf, first && g == 0, &agency(site, &a, g as Ix, r), (Section::Agencies, &r.id), out)
    })?;
    d.push(b"],\"persons\":[")?;
    d.extend(&site.people, |p, r, buf| {
        record(buf, p == 0, &person(site, &a, p as Ix, r), (Section::People, &r.id), out)
    })?;
    d.push(b"],\"areas\":[")?;
    d.extend(&site.regions, |i, r, buf| element(buf, i == 0, &area(site, &a, i, r)))?;
    d.push(b"],\"topics\":[")?;
    d.extend(&site.topics, |i, t, buf| element(buf, i == 0, &topic(&a, t)))?;
    d.push(b"],\"events\":[")?;
    d.extend(&site.activities, |i, r, buf| {
        record(buf, i == 0, &event(site, &a, r), (Section::Activities, &r.id), out)
    })?;
    d.push(b"],\"grants\":[")?;
    d.extend(&grants, |k, &p, buf| {
        record(buf, k == 0, &grant(site, &a, p, partnership(p)), (Section::Partnerships, &partnership(p).id), out)
    })?;
    d.push(b"],\"agreements\":[")?;
    d.extend(&agreements, |k, &p, buf| {
        record(buf, k == 0, &agreement(site, &a, p, partnership(p)), (Section::Partnerships, &partnership(p).id), out)
    })?;
    d.push(b"]}\n")?;
    d.finish()
}

/// Appends one array element to the dataset, compact.
fn element(buf: &mut Vec<u8>, first: bool, value: &impl Serialize) -> Result<(), DataError> {
    if !first {
        buf.push(b',');
    }
    serde_json::to_writer(buf, value).map_err(|source| DataError::Json { path: catalog::DATASET_PATH.into(), source })
}

/// Appends a record to the dataset and writes its own pretty-printed file
/// beside its page ([`json_path`]).
fn record(
    buf: &mut Vec<u8>,
    first: bool,
    value: &impl Serialize,
    (section, id): (Section, &str),
    out: &Staging,
) -> Result<(), DataError> {
    element(buf, first, value)?;
    let path = &json_path(section, id);
    let mut own = serde_json::to_vec_pretty(value).map_err(|source| DataError::Json { path: path.into(), source })?;
    own.push(b'\n');
    super::write(out, path, &own)
}

fn agency<'a>(site: &'a Site, a: &Addr<'_>, g: Ix, r: &'a Record<crate::model::Agency>) -> Organization<'a> {
    let m = &r.meta;
    Organization {
        id: record_id(Section::Agencies, &r.id),
        name: &m.name,
        classification: slug(&m.kind),
        abbreviation: m.abbreviation.as_deref(),
        other_names: m
            .abbreviation
            .as_deref()
            .map(|n| OtherName { name: n, note: "abbreviation" })
            .into_iter()
            .collect(),
        identifiers: vec![],
        parent_id: m.parent.as_deref().map(|p| record_id(Section::Agencies, p)),
        area_id: record_id(Section::Regions, m.region.as_str()),
        founding_date: None,
        status: None,
        scope: None,
        fields: &[],
        legal: None,
        leaders: &[],
        contact_details: vec![],
        links: m.website.as_deref().map(|u| WebLink { url: u, note: "website" }).into_iter().collect(),
        description: String::new(),
        notes: m.notes.as_deref(),
        sources: &[],
        activity_count: site.links.activities_by_agency[g as usize].len(),
        url: a.page(Section::Agencies, &r.id),
        json_url: a.json(Section::Agencies, &r.id),
    }
}

fn person<'a>(site: &'a Site, a: &Addr<'_>, p: Ix, r: &'a Record<crate::model::Person>) -> Person<'a> {
    let person_id = record_id(Section::People, &r.id);
    Person {
        memberships: r
            .meta
            .positions
            .iter()
            .map(|pos| Membership {
                person_id: person_id.clone(),
                organization_id: pos.agency.as_deref().map(|g| record_id(Section::Agencies, g)),
                role: &pos.role,
                start_date: pos.start,
                end_date: pos.end,
            })
            .collect(),
        id: person_id,
        name: &r.meta.name,
        notes: r.meta.notes.as_deref(),
        activity_count: site.links.activities_by_person[p as usize].len(),
        url: a.page(Section::People, &r.id),
        json_url: a.json(Section::People, &r.id),
    }
}

fn area<'a>(site: &'a Site, a: &Addr<'_>, i: usize, r: &'a crate::model::Region) -> Area<'a> {
    Area {
        id: record_id(Section::Regions, r.code.as_str()),
        identifier: r.code.as_str(),
        name: &r.name,
        classification: area_classification(&r.code),
        parent_id: site.links.region_parent[i]
            .map(|p| record_id(Section::Regions, site.regions[p as usize].code.as_str())),
        url: a.page(Section::Regions, r.code.as_str()),
    }
}

fn topic<'a>(a: &Addr<'_>, t: &'a crate::model::Topic) -> TopicOut<'a> {
    TopicOut {
        id: record_id(Section::Topics, &t.id),
        name: &t.name,
        name_en: t.name_en.as_deref(),
        description: t.description.as_deref(),
        url: a.page(Section::Topics, &t.id),
    }
}

fn ormas<'a>(site: &'a Site, a: &Addr<'_>, i: Ix, r: &'a Record<crate::model::Ormas>) -> Organization<'a> {
    let m = &r.meta;
    let mut other_names: Vec<OtherName<'a>> =
        m.abbreviation.as_deref().map(|n| OtherName { name: n, note: "abbreviation" }).into_iter().collect();
    other_names.extend(m.other_names.iter().map(|n| OtherName { name: n, note: "alias" }));
    let legal = m.legal.as_ref();
    let mut identifiers = Vec::new();
    if let Some(n) = legal.and_then(|l| l.skt.as_ref()).and_then(|s| s.number.as_deref()) {
        identifiers.push(Identifier { identifier: n, scheme: "skt" });
    }
    if let Some(n) = legal.and_then(|l| l.ahu.as_ref()).and_then(|s| s.number.as_deref()) {
        identifiers.push(Identifier { identifier: n, scheme: "ahu" });
    }
    let status: &OrmasStatus = &m.status;
    Organization {
        id: record_id(Section::Ormas, &r.id),
        name: &m.name,
        classification: "ormas".into(),
        abbreviation: m.abbreviation.as_deref(),
        other_names,
        identifiers,
        parent_id: None,
        area_id: record_id(Section::Regions, m.region.as_str()),
        founding_date: m.founded,
        status: Some(slug(status)),
        scope: m.scope.map(|s| slug(&s)),
        fields: &m.fields,
        legal,
        leaders: &m.leaders,
        contact_details: contact_details(m.contacts.as_ref(), m.address.as_deref()),
        links: m
            .contacts
            .as_ref()
            .and_then(|c| c.website.as_deref())
            .map(|u| WebLink { url: u, note: "website" })
            .into_iter()
            .collect(),
        description: markdown::plain_text(r.body()),
        notes: m.notes.as_deref(),
        sources: &m.sources,
        activity_count: site.links.activities_by_ormas[i as usize].len(),
        url: a.page(Section::Ormas, &r.id),
        json_url: a.json(Section::Ormas, &r.id),
    }
}

fn event<'a>(site: &'a Site, a: &Addr<'_>, r: &'a Record<Activity>) -> Event<'a> {
    let m = &r.meta;
    let mut organizers = Vec::with_capacity(m.organizers.len());
    let mut attendees = Vec::new();
    for p in participations(site, m) {
        let id = p.id.unwrap_or("");
        match (p.kind, p.role) {
            (ParticipantKind::Agency, ORGANIZER) => organizers.push(record_id(Section::Agencies, id)),
            (kind, role) => attendees.push(Attendee {
                kind: kind.slug(),
                organization_id: match kind {
                    ParticipantKind::Agency => Some(record_id(Section::Agencies, id)),
                    ParticipantKind::Ormas => Some(record_id(Section::Ormas, id)),
                    ParticipantKind::Official => None,
                },
                person_id: p.id.filter(|_| kind == ParticipantKind::Official).map(|id| record_id(Section::People, id)),
                name: p.name,
                role,
            }),
        }
    }
    Event {
        id: record_id(Section::Activities, &r.id),
        name: &m.title,
        classification: m.kind.slug(),
        date: m.date,
        date_precision: m.date.precision(),
        start_date: m.start.map_or_else(|| m.date.to_string(), |t| t.to_rfc3339()),
        end_date: m.end.map(|t| t.to_rfc3339()),
        area_id: record_id(Section::Regions, m.region.as_str()),
        location: m.venue.as_deref(),
        organization_id: organizers.first().cloned().unwrap_or_default(),
        organizers,
        attendees,
        ormas_count: m.participants.ormas_count,
        attendee_count: m.participants.attendees,
        topic_ids: ids(Section::Topics, &m.topics),
        partnership_id: m.partnership.as_deref().map(|p| record_id(Section::Partnerships, p)),
        description: markdown::plain_text(r.body()),
        notes: m.notes.as_deref(),
        sources: &m.sources,
        url: a.page(Section::Activities, &r.id),
        json_url: a.json(Section::Activities, &r.id),
    }
}

fn org_name<'a>(site: &'a Site, section: Section, id: &'a str) -> &'a str {
    let found = match section {
        Section::Ormas => site.index.ormas.get(id).map(|&o| site.ormas[o as usize].meta.name.as_str()),
        _ => site.index.agencies.get(id).map(|&g| site.agencies[g as usize].meta.name.as_str()),
    };
    found.unwrap_or(id)
}

fn event_ids(site: &Site, p: Ix) -> Vec<String> {
    site.links.activities_by_partnership[p as usize]
        .iter()
        .map(|&i| record_id(Section::Activities, &site.activities[i as usize].id))
        .collect()
}

fn grant<'a>(site: &'a Site, a: &Addr<'_>, p: Ix, r: &'a Record<crate::model::Partnership>) -> Grant<'a> {
    let m = &r.meta;
    let orgs = |section: Section, list: &'a [String]| {
        list.iter()
            .map(|id| GrantOrganization { id: record_id(section, id), name: org_name(site, section, id) })
            .collect()
    };
    Grant {
        id: record_id(Section::Partnerships, &r.id),
        title: &m.title,
        description: markdown::plain_text(r.body()),
        classification: slug(&m.kind),
        currency: m.amount.as_ref().map(|x| x.currency.as_str()),
        amount_awarded: m.amount.as_ref().map(|x| x.value),
        award_date: m.signed,
        planned_dates: m
            .period
            .as_ref()
            .map(|p| PlannedDates { start_date: p.start, end_date: p.end })
            .into_iter()
            .collect(),
        recipient_organization: orgs(Section::Ormas, &m.parties.ormas),
        funding_organization: orgs(Section::Agencies, &m.parties.agencies),
        number: m.number.as_deref(),
        budget_source: m.budget_source.map(|b| slug(&b)),
        status: m.status.map(|s| slug(&s)),
        documents: &m.documents,
        sources: &m.sources,
        event_ids: event_ids(site, p),
        notes: m.notes.as_deref(),
        url: a.page(Section::Partnerships, &r.id),
        json_url: a.json(Section::Partnerships, &r.id),
    }
}

fn agreement<'a>(site: &'a Site, a: &Addr<'_>, p: Ix, r: &'a Record<crate::model::Partnership>) -> Agreement<'a> {
    let m = &r.meta;
    let party = |section: Section| {
        move |id: &'a String| Party { organization_id: record_id(section, id), name: org_name(site, section, id) }
    };
    let mut parties: Vec<Party<'a>> = m.parties.agencies.iter().map(party(Section::Agencies)).collect();
    parties.extend(m.parties.ormas.iter().map(party(Section::Ormas)));
    Agreement {
        id: record_id(Section::Partnerships, &r.id),
        title: &m.title,
        classification: slug(&m.kind),
        number: m.number.as_deref(),
        signed_date: m.signed,
        start_date: m.period.as_ref().and_then(|p| p.start),
        end_date: m.period.as_ref().and_then(|p| p.end),
        status: m.status.map(|s| slug(&s)),
        parties,
        description: markdown::plain_text(r.body()),
        documents: &m.documents,
        sources: &m.sources,
        event_ids: event_ids(site, p),
        notes: m.notes.as_deref(),
        url: a.page(Section::Partnerships, &r.id),
        json_url: a.json(Section::Partnerships, &r.id),
    }
}
