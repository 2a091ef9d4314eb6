//! schema.org JSON-LD for every page: `Event` for activities, `NGO` for
//! ormas, `GovernmentOrganization` for agencies, `Person` for officials,
//! `MonetaryGrant` for grants, `Dataset` for `/data/`, and `WebSite` or
//! `WebPage` elsewhere. Dates keep their precision (`2024-07` is valid
//! ISO 8601 and schema.org accepts it).

use super::i18n::Catalogue;
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::address::Urls;
use crate::catalog;
use crate::model::PartialDate;
use crate::site::participation::Participant;
use crate::site::{ActivityIx, AgencyIx, OrmasIx, PartnershipIx, PersonIx, RegionIx, Site, TopicIx};

const CONTEXT: &str = "https://schema.org";

/// Serialises a JSON-LD value for a `<script type="application/ld+json">`
/// block: `<`, `>` and `&` become `\u003c`, `\u003e` and `\u0026`, which
/// JSON reads back unchanged but which can never close the script element.
pub fn embed(value: &Value) -> String {
    escape_script(value.to_string())
}

/// [`embed`] for a typed shape, serialised without building a [`Value`].
fn embed_typed(value: &impl Serialize) -> String {
    escape_script(serde_json::to_string(value).unwrap_or_default())
}

fn escape_script(text: String) -> String {
    if !text.bytes().any(|b| matches!(b, b'<' | b'>' | b'&')) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    out
}

/// Drops `null`s and empty arrays so optional facts that are unknown are
/// absent rather than asserted empty.
fn prune(mut value: Value) -> Value {
    fn walk(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.retain(|_, x| !x.is_null() && !matches!(x, Value::Array(a) if a.is_empty()));
                map.values_mut().for_each(walk);
            }
            Value::Array(items) => items.iter_mut().for_each(walk),
            _ => {}
        }
    }
    walk(&mut value);
    value
}

fn with_context(value: Value) -> Value {
    let mut map = Map::new();
    map.insert("@context".into(), CONTEXT.into());
    if let Value::Object(rest) = value {
        map.extend(rest);
    }
    prune(Value::Object(map))
}

/// A linked organisation or person. The typed shapes here serialise their
/// keys in sorted order, as `serde_json`'s maps do, so a page's JSON-LD is
/// the same whichever way a part of it was built.
#[derive(Serialize)]
struct Ref<'a> {
    #[serde(rename = "@id", skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "jobTitle", skip_serializing_if = "Option::is_none")]
    job_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

fn agency_ref<'a>(site: &'a Site, urls: &Urls, g: AgencyIx) -> Ref<'a> {
    organization_ref(urls.absolute_of(site, g), "GovernmentOrganization", &site.agencies[g].meta.name)
}

fn ormas_ref<'a>(site: &'a Site, urls: &Urls, o: OrmasIx) -> Ref<'a> {
    organization_ref(urls.absolute_of(site, o), "NGO", &site.ormas[o].meta.name)
}

fn organization_ref<'a>(url: String, kind: &'static str, name: &'a str) -> Ref<'a> {
    Ref { id: Some(url.clone()), kind, job_title: None, name: Some(name), url: Some(url) }
}

/// A region as an `AdministrativeArea`.
#[derive(Serialize)]
struct Area<'a> {
    #[serde(rename = "@id")]
    id: String,
    #[serde(rename = "@type")]
    kind: &'static str,
    identifier: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
}

fn area<'a>(site: &'a Site, urls: &Urls, r: RegionIx) -> Area<'a> {
    let region = &site.regions[r];
    Area {
        id: urls.absolute_of(site, r),
        kind: "AdministrativeArea",
        identifier: region.code.as_str(),
        name: Some(&region.name),
    }
}

fn place(site: &Site, urls: &Urls, r: RegionIx) -> Value {
    serde_json::to_value(area(site, urls, r)).unwrap_or(Value::Null)
}

/// Where an activity took place: its venue within its region, or the region.
#[derive(Serialize)]
#[serde(untagged)]
enum Location<'a> {
    Venue {
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "containedInPlace")]
        contained_in: Area<'a>,
        name: &'a str,
    },
    Region(Area<'a>),
}

#[derive(Serialize)]
struct Term<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
}

/// An activity as a schema.org `Event` (keys sorted; see [`Ref`]).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EventLd<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@id")]
    id: &'a str,
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    about: Vec<Term<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attendee: Vec<Ref<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<String>,
    event_attendance_mode: &'static str,
    event_status: &'static str,
    in_language: &'a str,
    location: Location<'a>,
    name: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    organizer: Vec<Ref<'a>>,
    start_date: String,
    url: &'a str,
}

/// A text, or nothing for an empty one (schema.org readers take `""` as
/// a description that says nothing).
fn non_empty(text: &str) -> Option<&str> {
    (!text.trim().is_empty()).then_some(text)
}

fn date(d: Option<PartialDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

/// `WebSite` for the home page.
pub fn website(site: &Site, urls: &Urls) -> String {
    let c = &site.config;
    embed(&with_context(json!({
        "@type": "WebSite",
        "@id": urls.base_url(),
        "name": c.title,
        "description": c.description,
        "url": urls.base_url(),
        "inLanguage": c.language,
        "publisher": c.publisher.as_ref().map(|p| json!({"@type": "Organization", "name": p.name, "url": p.url})),
        "license": c.license.as_ref().and_then(|l| l.url.as_deref()),
    })))
}

/// `WebPage` (or a subtype such as `CollectionPage`) for pages that are
/// not about one record.
pub fn web_page(site: &Site, urls: &Urls, kind: &str, title: &str, description: &str, canonical: &str) -> String {
    embed(&with_context(json!({
        "@type": kind,
        "name": title,
        "description": description,
        "url": canonical,
        "inLanguage": site.config.language,
        "isPartOf": {"@type": "WebSite", "@id": urls.base_url(), "name": site.config.title},
    })))
}

/// `Event` for an activity, with organisers, attendees and location.
/// `description` is the activity's summary; an activity without a text
/// has none (not the site's description).
pub fn event(site: &Site, urls: &Urls, i: ActivityIx, description: &str) -> String {
    let r = &site.activities[i];
    let refs = &site.refs.activities[i];
    let m = &r.meta;
    let mut organizer = Vec::new();
    let mut attendee = Vec::new();
    for p in site.participations(i) {
        match p.who {
            Participant::Agency(g, true) => organizer.push(agency_ref(site, urls, g)),
            Participant::Agency(g, false) => attendee.push(agency_ref(site, urls, g)),
            Participant::Ormas(o) => attendee.push(ormas_ref(site, urls, o)),
            Participant::Official(_) => {
                let url = p.person(site).map(|person| urls.absolute_of(site, person));
                let (name, role) = (Some(p.name(site)), Some(p.role(site)));
                attendee.push(Ref { id: url.clone(), kind: "Person", job_title: role, name, url })
            }
        }
    }
    let region = area(site, urls, refs.region);
    let location = match &m.venue {
        Some(venue) => Location::Venue { kind: "Place", contained_in: region, name: venue },
        None => Location::Region(region),
    };
    let url = urls.absolute_of(site, i);
    embed_typed(&EventLd {
        context: CONTEXT,
        id: &url,
        kind: "Event",
        about: refs
            .topics
            .iter()
            .map(|&t| Term { kind: "DefinedTerm", name: &site.topics[t].name, url: urls.absolute_of(site, t) })
            .collect(),
        attendee,
        // schema.org's `Event` has no `citation` (a `CreativeWork`
        // property): the sources are on the page and in the open data.
        description: non_empty(description),
        end_date: m.end.map(|t| t.to_rfc3339()),
        event_attendance_mode: "https://schema.org/OfflineEventAttendanceMode",
        event_status: "https://schema.org/EventScheduled",
        in_language: &site.config.language,
        location,
        name: &m.title,
        organizer,
        start_date: m.start_text(),
        url: &url,
    })
}

/// `NGO` for an ormas.
pub fn ormas(site: &Site, urls: &Urls, i: OrmasIx, description: &str) -> String {
    let m = &site.ormas[i].meta;
    let url = urls.absolute_of(site, i);
    let contacts = m.contacts.as_ref();
    let mut alternate: Vec<&str> = m.abbreviation.as_deref().into_iter().collect();
    alternate.extend(m.other_names.iter().map(String::as_str));
    embed(&with_context(json!({
        "@type": "NGO",
        "@id": url,
        "name": m.name,
        "alternateName": alternate,
        "description": description,
        "url": url,
        "foundingDate": date(m.founded),
        "address": m.address.as_deref().map(|a| json!({"@type": "PostalAddress", "streetAddress": a, "addressCountry": "ID"})),
        "areaServed": place(site, urls, site.refs.ormas_region[i]),
        "email": contacts.and_then(|c| c.email.as_deref()),
        "telephone": contacts.and_then(|c| c.phone.as_deref()),
        "sameAs": contacts.and_then(|c| c.website.as_deref()),
        "member": m.leaders.iter().map(|l| json!({"@type": "Person", "name": l.name, "jobTitle": l.role})).collect::<Vec<_>>(),
    })))
}

/// `GovernmentOrganization` for an agency.
pub fn agency(site: &Site, urls: &Urls, i: AgencyIx) -> String {
    let m = &site.agencies[i].meta;
    let url = urls.absolute_of(site, i);
    embed(&with_context(json!({
        "@type": "GovernmentOrganization",
        "@id": url,
        "name": m.name,
        "alternateName": m.abbreviation,
        "url": url,
        "sameAs": m.website,
        "areaServed": place(site, urls, site.refs.agency_region[i]),
        "parentOrganization": site.refs.agency_parent[i].map(|p| agency_ref(site, urls, p)),
    })))
}

/// `Person` for an official, with the roles held.
pub fn person(site: &Site, urls: &Urls, i: PersonIx) -> String {
    let m = &site.people[i].meta;
    let url = urls.absolute_of(site, i);
    let agencies = &site.refs.position_agencies[i];
    let current = m.positions.iter().position(|p| p.end.is_none()).or((!m.positions.is_empty()).then_some(0));
    embed(&with_context(json!({
        "@type": "Person",
        "@id": url,
        "name": m.name,
        "url": url,
        "jobTitle": current.map(|k| m.positions[k].role.as_str()),
        "worksFor": current.and_then(|k| agencies[k]).map(|g| agency_ref(site, urls, g)),
        // A `Role` stands in for the value of the property it qualifies
        // and carries that value under the same property.
        "hasOccupation": m.positions.iter().map(|p| json!({
            "@type": "Role",
            "roleName": p.role,
            "startDate": date(p.start),
            "endDate": date(p.end),
            "hasOccupation": {"@type": "Occupation", "name": p.role},
        })).collect::<Vec<_>>(),
    })))
}

/// `MonetaryGrant` for a grant (hibah, bantuan sosial); a `CreativeWork`
/// for an MoU or cooperation agreement, which schema.org has no type for.
pub fn partnership(site: &Site, urls: &Urls, i: PartnershipIx, description: &str, words: &Catalogue) -> String {
    let m = &site.partnerships[i].meta;
    let parties = &site.refs.partnerships[i];
    let url = urls.absolute_of(site, i);
    let agencies: Vec<Ref> = parties.agencies.iter().map(|&g| agency_ref(site, urls, g)).collect();
    let ormas: Vec<Ref> = parties.ormas.iter().map(|&o| ormas_ref(site, urls, o)).collect();
    let common = json!({
        "@id": url,
        "name": m.title,
        "description": non_empty(description),
        "url": url,
        "identifier": m.number,
    });
    // `MonetaryGrant` (an `Intangible`) has no date properties; the
    // signing day and the period are on the page and in the open data.
    let specific = if m.kind.is_grant() {
        json!({
            "@type": "MonetaryGrant",
            "amount": m.amount.as_ref().map(|a| json!({"@type": "MonetaryAmount", "value": a.value, "currency": a.currency})),
            "funder": agencies,
            "fundedItem": ormas,
        })
    } else {
        let (start, end) = (m.period.as_ref().and_then(|p| p.start), m.period.as_ref().and_then(|p| p.end));
        json!({
            "@type": "CreativeWork",
            "additionalType": words.label("partnership_kind", &m.kind),
            "dateCreated": date(m.signed),
            // A `CreativeWork`'s time span is its ISO 8601 interval.
            "temporalCoverage": (start.is_some() || end.is_some()).then(|| format!(
                "{}/{}",
                start.map_or("..".into(), |d| d.to_string()),
                end.map_or("..".into(), |d| d.to_string())
            )),
            "sourceOrganization": agencies,
            "contributor": ormas,
        })
    };
    let mut merged = specific;
    if let (Value::Object(a), Value::Object(b)) = (&mut merged, common) {
        a.extend(b);
    }
    embed(&with_context(merged))
}

/// `AdministrativeArea` for a region.
pub fn region(site: &Site, urls: &Urls, i: RegionIx) -> String {
    let parent = site.links.region_parent[i].map(|p| place(site, urls, p));
    let mut v = place(site, urls, i);
    if let Value::Object(map) = &mut v {
        map.insert("url".into(), urls.absolute_of(site, i).into());
        map.insert("containedInPlace".into(), parent.unwrap_or(Value::Null));
    }
    embed(&with_context(v))
}

/// `DefinedTerm` for a topic.
pub fn topic(site: &Site, urls: &Urls, i: TopicIx) -> String {
    let t = &site.topics[i];
    let url = urls.absolute_of(site, i);
    embed(&with_context(json!({
        "@type": "DefinedTerm",
        "@id": url,
        "name": t.name,
        "alternateName": t.name_en,
        "description": t.description,
        "url": url,
    })))
}

/// `Dataset` for `/data/`, with each download as a `DataDownload`.
pub fn dataset(site: &Site, urls: &Urls, words: &Catalogue) -> String {
    let c = &site.config;
    let mut distribution = vec![json!({
        "@type": "DataDownload", "encodingFormat": "application/gzip",
        "contentUrl": urls.absolute(catalog::DATASET_PATH), "name": "dataset.json.gz",
    })];
    let years = catalog::activities_by_year(site);
    for t in catalog::tables() {
        let name = words.text(&format!("data_files.{}.title", super::pages::file_key(t.path))).to_string();
        let csv = |path: &str, name: String| json!({"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": urls.absolute(path), "name": name});
        if t.yearly {
            distribution
                .extend(years.iter().map(|(y, _)| csv(&catalog::yearly_path(t.path, y), format!("{name} {y}"))));
        } else {
            distribution.push(csv(t.path, name));
        }
    }
    distribution.push(json!({
        "@type": "DataDownload", "encodingFormat": "text/calendar",
        "contentUrl": urls.absolute(catalog::CALENDAR_PATH), "name": "kegiatan.ics",
    }));
    let dates = (site.activities.last().map(|a| a.meta.date), site.activities.first().map(|a| a.meta.date));
    let temporal = match dates {
        (Some(a), Some(b)) => Some(format!("{a}/{b}")),
        _ => None,
    };
    embed(&with_context(json!({
        "@type": "Dataset",
        "@id": urls.absolute("data/"),
        "name": words.fill("data.dataset_name", &[("title", &c.title)]),
        "description": c.description,
        "url": urls.absolute("data/"),
        "inLanguage": c.language,
        "license": c.license.as_ref().and_then(|l| l.url.as_deref()),
        "publisher": c.publisher.as_ref().map(|p| json!({"@type": "Organization", "name": p.name, "url": p.url})),
        "creator": c.publisher.as_ref().map(|p| json!({"@type": "Organization", "name": p.name, "url": p.url})),
        "temporalCoverage": temporal,
        "spatialCoverage": {"@type": "Place", "name": "Indonesia"},
        "distribution": distribution,
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_json_cannot_close_the_script_and_reads_back() {
        let v = json!({"name": "</script><script>alert(1)</script> & co"});
        let text = embed(&v);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert_eq!(serde_json::from_str::<Value>(&text).unwrap(), v);
    }

    #[test]
    fn prunes_unknowns() {
        let v = with_context(json!({"@type": "Thing", "a": null, "b": [], "c": {"d": null, "e": 1}}));
        assert_eq!(v, json!({"@context": CONTEXT, "@type": "Thing", "c": {"e": 1}}));
    }
}
