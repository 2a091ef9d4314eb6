//! The whole dataset as one JSON file in Popolo shapes (organizations,
//! persons with memberships, areas, events) plus partnerships as
//! 360Giving-like grants and agreements; each record also as its own JSON
//! file beside its page.
//!
//! Field names are a published contract documented in `docs/data.md` and
//! checked by `docs/schema/dataset.schema.json`: add fields, never rename.

use rayon::prelude::*;
use serde::Serialize;

use super::fingerprint;
use super::ledger::Made;
use super::splice::Pieces;
use super::stream::Download;
use super::{DataError, Plan, slug};
use crate::address::{Addressed, Urls, json_path, record_id_of};
use crate::catalog;
use crate::model::{Contacts, Leader, Legal, Link, OrmasStatus, PartialDate, Precision, RegionCode, Source};
use crate::output::Staging;
use crate::site::participation::Participant;
use crate::site::{ActivityIx, AgencyIx, OrmasIx, PartnershipIx, PersonIx, RegionIx, Site, TopicIx};
use crate::text;

/// What the dataset is and under which licence it is published.
#[derive(Debug, Clone, Serialize)]
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
    /// In a year's file: the year of its events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// In the main file: the files that hold the events, one per year,
    /// newest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub event_files: Vec<EventFile>,
}

/// One year's file of events, as the main file lists it.
#[derive(Debug, Clone, Serialize)]
pub struct EventFile {
    /// The year of its events (of their `date`).
    pub year: i32,
    /// Its address.
    pub url: String,
    /// How many events it holds.
    pub events: usize,
}

/// Records per collection of the dataset.
#[derive(Debug, Clone, Copy, Serialize)]
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
    /// Where the facts come from: the sources with an address (Popolo
    /// `Link`s, whose `url` is required).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<&'a Source>,
    /// *ext*: the sources without an address.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<&'a Source>,
    /// Number of activities it organised, attended or is named in.
    pub activity_count: usize,
    /// Page address.
    pub url: String,
    /// Address of this record as JSON, when records have their own files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_url: Option<String>,
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
    /// Address of this record as JSON, when records have their own files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_url: Option<String>,
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
    /// The officials present: Popolo's attendees are people.
    pub attendees: Vec<Attendee<'a>>,
    /// *ext*: the ormas and agencies present besides the organisers.
    pub attending_organizations: Vec<Attendee<'a>>,
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
    /// Where the facts come from: the sources with an address (Popolo
    /// `Link`s, whose `url` is required).
    pub sources: Vec<&'a Source>,
    /// *ext*: the sources without an address.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<&'a Source>,
    /// Page address.
    pub url: String,
    /// Address of this record as JSON, when records have their own files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_url: Option<String>,
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
    /// Address of this record as JSON, when records have their own files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_url: Option<String>,
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
    /// Address of this record as JSON, when records have their own files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub json_url: Option<String>,
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

/// The addresses of one record: its page and its JSON file.
struct Addr<'u> {
    urls: &'u Urls,
    site: &'u Site,
}

impl Addr<'_> {
    fn page<R: Addressed>(&self, record: R) -> String {
        self.urls.absolute_of(self.site, record)
    }
    fn json<R: Addressed>(&self, record: R) -> Option<String> {
        self.urls.json_of(self.site, record)
    }
}

/// Dataset ids of a list of records.
fn ids<R: Addressed>(site: &Site, list: &[R]) -> Vec<String> {
    list.iter().map(|&r| record_id_of(site, r)).collect()
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

/// Writes the dataset gzip-compressed and split by year: the main file
/// [`catalog::DATASET_PATH`] holds `{"meta" (with `event_files`),
/// "organizations" (ormas, then agencies), "persons", "areas", "topics",
/// "grants", "agreements"}` and each year's file
/// ([`catalog::dataset_year_path`]) `{"meta" (with `year`), "events"}`,
/// newest first. A single file grew to 450 MB at 100,000 activities, more
/// than hosts accept in one file and than most tools open; a year of it,
/// compressed, is a few megabytes. With `record_json`, each organisation,
/// person, event, grant and agreement is also written as its own
/// pretty-printed file beside its page, in the same pass. Records are
/// shaped and serialised in parallel and streamed, so no file sits whole in
/// memory.
pub fn write(site: &Site, urls: &Urls, out: &Staging, at: Plan<'_>) -> Result<(), DataError> {
    let a = Addr { urls, site };
    let (grants, agreements): (Vec<PartnershipIx>, Vec<PartnershipIx>) =
        site.partnerships.keys().partition(|&p| site.partnerships[p].meta.kind.is_grant());
    let years = &at.fps.years;
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
            participations: at.fps.participations,
        },
        year: None,
        event_files: years
            .iter()
            .map(|(year, events)| EventFile {
                year: *year,
                url: urls.absolute(&catalog::dataset_year_path(*year)),
                events: events.len(),
            })
            .collect(),
    };
    let main = |made: &Made| -> Result<(), DataError> {
        let mut d = Download::create_gzip(out, catalog::DATASET_PATH)?;
        d.push(b"{\"meta\":")?;
        let mut head = Vec::new();
        element(&mut head, true, &meta)?;
        d.push(&head)?;
        d.push(b",\"organizations\":[")?;
        d.extend(&site.ormas.raw, |i, _, buf| {
            let o = OrmasIx::from(i);
            record(buf, i == 0, &ormas(&a, o), (site, o), (out, made))
        })?;
        let first = site.ormas.is_empty();
        d.extend(&site.agencies.raw, |i, _, buf| {
            let g = AgencyIx::from(i);
            record(buf, first && i == 0, &agency(&a, g), (site, g), (out, made))
        })?;
        d.push(b"],\"persons\":[")?;
        d.extend(&site.people.raw, |i, _, buf| {
            let p = PersonIx::from(i);
            record(buf, i == 0, &person(&a, p), (site, p), (out, made))
        })?;
        d.push(b"],\"areas\":[")?;
        d.extend(&site.regions.raw, |i, _, buf| element(buf, i == 0, &area(&a, RegionIx::from(i))))?;
        d.push(b"],\"topics\":[")?;
        d.extend(&site.topics.raw, |i, _, buf| element(buf, i == 0, &topic(&a, TopicIx::from(i))))?;
        d.push(b"],\"grants\":[")?;
        d.extend(&grants, |k, &p, buf| record(buf, k == 0, &grant(&a, p), (site, p), (out, made)))?;
        d.push(b"],\"agreements\":[")?;
        d.extend(&agreements, |k, &p, buf| record(buf, k == 0, &agreement(&a, p), (site, p), (out, made)))?;
        d.push(b"]}\n")?;
        made.add(catalog::DATASET_PATH, d.finish()?);
        Ok(())
    };
    // A year's events in pieces (`splice.rs`), so that an edit makes only
    // the piece of the edited event again. With one JSON file per record
    // the events are all made: a copied piece would not write them.
    let year_file = |y: usize, made: &Made| -> Result<(), DataError> {
        let (year, events) = &years[y];
        let path = catalog::dataset_year_path(*year);
        let old = if site.config.record_json { None } else { made.old(out, &path)? };
        let mut d = Pieces::create(out, &path, true, old)?;
        let mut head = b"{\"meta\":".to_vec();
        element(&mut head, true, &Meta { year: Some(*year), event_files: Vec::new(), ..meta.clone() })?;
        head.extend_from_slice(b",\"events\":[");
        d.fresh(&head)?;
        let site_fp = at.fps.site;
        d.extend(
            &at.fps.chunks[y],
            |c| fingerprint::piece("dataset-events", site_fp, c.start == 0, c.named),
            |c, buf| {
                (c.start..c.end).try_for_each(|k| {
                    let e = events[k];
                    record(buf, k == 0, &event(&a, e), (site, e), (out, made))
                })
            },
        )?;
        d.fresh(b"]}\n")?;
        made.add_pieces(&path, d.finish()?);
        Ok(())
    };
    let (main, years) = rayon::join(
        || at.ledger.produce(out, catalog::DATASET_PATH, at.fps.dataset, main),
        || {
            (0..years.len()).into_par_iter().try_for_each(|y| {
                let path = catalog::dataset_year_path(years[y].0);
                at.ledger.produce(out, &path, at.fps.dataset_years[y], |made| year_file(y, made))
            })
        },
    );
    main.and(years)
}

/// Appends one array element to the dataset, compact.
fn element(buf: &mut Vec<u8>, first: bool, value: &impl Serialize) -> Result<(), DataError> {
    if !first {
        buf.push(b',');
    }
    serde_json::to_writer(buf, value).map_err(|source| DataError::Json { path: catalog::DATASET_PATH.into(), source })
}

/// Appends a record to the dataset and, with `record_json`, writes its own
/// pretty-printed file beside its page ([`json_path`]).
fn record<R: Addressed>(
    buf: &mut Vec<u8>,
    first: bool,
    value: &impl Serialize,
    (site, at): (&Site, R),
    (out, made): (&Staging, &Made),
) -> Result<(), DataError> {
    element(buf, first, value)?;
    if !site.config.record_json {
        return Ok(());
    }
    let path = &json_path(R::SECTION, at.id_in(site));
    let mut own = serde_json::to_vec_pretty(value).map_err(|source| DataError::Json { path: path.into(), source })?;
    own.push(b'\n');
    made.write(out, path, &own)
}

fn agency<'a>(a: &Addr<'a>, g: AgencyIx) -> Organization<'a> {
    let site = a.site;
    let m = &site.agencies[g].meta;
    Organization {
        id: record_id_of(site, g),
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
        parent_id: site.refs.agency_parent[g].map(|p| record_id_of(site, p)),
        area_id: record_id_of(site, site.refs.agency_region[g]),
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
        sources: Vec::new(),
        citations: Vec::new(),
        activity_count: site.links.activities_by_agency[g].len(),
        url: a.page(g),
        json_url: a.json(g),
    }
}

fn person<'a>(a: &Addr<'a>, p: PersonIx) -> Person<'a> {
    let site = a.site;
    let m = &site.people[p].meta;
    let person_id = record_id_of(site, p);
    Person {
        memberships: m
            .positions
            .iter()
            .zip(site.refs.position_agencies[p].iter())
            .map(|(pos, agency)| Membership {
                person_id: person_id.clone(),
                organization_id: agency.map(|g| record_id_of(site, g)),
                role: &pos.role,
                start_date: pos.start,
                end_date: pos.end,
            })
            .collect(),
        id: person_id,
        name: &m.name,
        notes: m.notes.as_deref(),
        activity_count: site.links.activities_by_person[p].len(),
        url: a.page(p),
        json_url: a.json(p),
    }
}

fn area<'a>(a: &Addr<'a>, r: RegionIx) -> Area<'a> {
    let site = a.site;
    let region = &site.regions[r];
    Area {
        id: record_id_of(site, r),
        identifier: region.code.as_str(),
        name: &region.name,
        classification: area_classification(&region.code),
        parent_id: site.links.region_parent[r].map(|p| record_id_of(site, p)),
        url: a.page(r),
    }
}

fn topic<'a>(a: &Addr<'a>, t: TopicIx) -> TopicOut<'a> {
    let topic = &a.site.topics[t];
    TopicOut {
        id: record_id_of(a.site, t),
        name: &topic.name,
        name_en: topic.name_en.as_deref(),
        description: topic.description.as_deref(),
        url: a.page(t),
    }
}

fn ormas<'a>(a: &Addr<'a>, o: OrmasIx) -> Organization<'a> {
    let site = a.site;
    let r = &site.ormas[o];
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
        id: record_id_of(site, o),
        name: &m.name,
        classification: "ormas".into(),
        abbreviation: m.abbreviation.as_deref(),
        other_names,
        identifiers,
        parent_id: None,
        area_id: record_id_of(site, site.refs.ormas_region[o]),
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
        description: text::plain_text(&r.body()),
        notes: m.notes.as_deref(),
        sources: linked(&m.sources),
        citations: unlinked(&m.sources),
        activity_count: site.links.activities_by_ormas[o].len(),
        url: a.page(o),
        json_url: a.json(o),
    }
}

fn event<'a>(a: &Addr<'a>, e: ActivityIx) -> Event<'a> {
    let site = a.site;
    let (r, refs) = (&site.activities[e], &site.refs.activities[e]);
    let m = &r.meta;
    let mut organizers = Vec::with_capacity(m.organizers.len());
    let (mut attendees, mut attending_organizations) = (Vec::new(), Vec::new());
    for p in site.participations(e) {
        let list =
            if matches!(p.who, Participant::Official(_)) { &mut attendees } else { &mut attending_organizations };
        match p.who {
            Participant::Agency(g, true) => organizers.push(record_id_of(site, g)),
            who => list.push(Attendee {
                kind: p.kind().slug(),
                organization_id: match who {
                    Participant::Agency(g, _) => Some(record_id_of(site, g)),
                    Participant::Ormas(o) => Some(record_id_of(site, o)),
                    Participant::Official(_) => None,
                },
                person_id: p.person(site).map(|person| record_id_of(site, person)),
                name: p.name(site),
                role: p.role(site),
            }),
        }
    }
    Event {
        id: record_id_of(site, e),
        name: &m.title,
        classification: m.kind.slug(),
        date: m.date,
        date_precision: m.date.precision(),
        start_date: m.start_text(),
        end_date: m.end.map(|t| t.to_rfc3339()),
        area_id: record_id_of(site, refs.region),
        location: m.venue.as_deref(),
        organization_id: organizers.first().cloned().unwrap_or_default(),
        organizers,
        attendees,
        attending_organizations,
        ormas_count: m.participants.ormas_count,
        attendee_count: m.participants.attendees,
        topic_ids: ids(site, &refs.topics),
        partnership_id: refs.partnership.map(|p| record_id_of(site, p)),
        description: text::plain_text(&r.body()),
        notes: m.notes.as_deref(),
        sources: linked(&m.sources),
        citations: unlinked(&m.sources),
        url: a.page(e),
        json_url: a.json(e),
    }
}

/// The sources with an address: what Popolo's `sources` (`Link`s, `url`
/// required) can hold.
fn linked(sources: &[Source]) -> Vec<&Source> {
    sources.iter().filter(|s| s.url.is_some()).collect()
}

/// The sources without an address, carried in the `citations` extension.
fn unlinked(sources: &[Source]) -> Vec<&Source> {
    sources.iter().filter(|s| s.url.is_none()).collect()
}

fn event_ids(site: &Site, p: PartnershipIx) -> Vec<String> {
    ids(site, &site.links.activities_by_partnership[p])
}

/// A party to a partnership, with its dataset id and name.
fn party<'a, R: Addressed>(site: &'a Site, r: R, name: &'a str) -> (String, &'a str) {
    (record_id_of(site, r), name)
}

fn grant<'a>(a: &Addr<'a>, p: PartnershipIx) -> Grant<'a> {
    let site = a.site;
    let (r, parties) = (&site.partnerships[p], &site.refs.partnerships[p]);
    let m = &r.meta;
    let org = |(id, name): (String, &'a str)| GrantOrganization { id, name };
    Grant {
        id: record_id_of(site, p),
        title: &m.title,
        description: text::plain_text(&r.body()),
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
        recipient_organization: parties.ormas.iter().map(|&o| org(party(site, o, &site.ormas[o].meta.name))).collect(),
        funding_organization: parties
            .agencies
            .iter()
            .map(|&g| org(party(site, g, &site.agencies[g].meta.name)))
            .collect(),
        number: m.number.as_deref(),
        budget_source: m.budget_source.map(|b| slug(&b)),
        status: m.status.map(|s| slug(&s)),
        documents: &m.documents,
        sources: &m.sources,
        event_ids: event_ids(site, p),
        notes: m.notes.as_deref(),
        url: a.page(p),
        json_url: a.json(p),
    }
}

fn agreement<'a>(a: &Addr<'a>, p: PartnershipIx) -> Agreement<'a> {
    let site = a.site;
    let (r, refs) = (&site.partnerships[p], &site.refs.partnerships[p]);
    let m = &r.meta;
    let to_party = |(organization_id, name): (String, &'a str)| Party { organization_id, name };
    let mut parties: Vec<Party<'a>> =
        refs.agencies.iter().map(|&g| to_party(party(site, g, &site.agencies[g].meta.name))).collect();
    parties.extend(refs.ormas.iter().map(|&o| to_party(party(site, o, &site.ormas[o].meta.name))));
    Agreement {
        id: record_id_of(site, p),
        title: &m.title,
        classification: slug(&m.kind),
        number: m.number.as_deref(),
        signed_date: m.signed,
        start_date: m.period.as_ref().and_then(|p| p.start),
        end_date: m.period.as_ref().and_then(|p| p.end),
        status: m.status.map(|s| slug(&s)),
        parties,
        description: text::plain_text(&r.body()),
        documents: &m.documents,
        sources: &m.sources,
        event_ids: event_ids(site, p),
        notes: m.notes.as_deref(),
        url: a.page(p),
        json_url: a.json(p),
    }
}
