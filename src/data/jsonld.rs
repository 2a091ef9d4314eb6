//! schema.org JSON-LD for every page: `Event` for activities, `NGO` for
//! ormas, `GovernmentOrganization` for agencies, `Person` for officials,
//! `MonetaryGrant` for grants, `Dataset` for `/data/`, and `WebSite` or
//! `WebPage` elsewhere. Dates keep their precision (`2024-07` is valid
//! ISO 8601 and schema.org accepts it).

use serde_json::{Map, Value, json};

use super::catalog;
use super::popolo::{ORGANIZER, ParticipantKind, participations};
use crate::model::PartialDate;
use crate::render::urls::{Section, Urls};
use crate::site::{Ix, Site};

const CONTEXT: &str = "https://schema.org";

/// Serialises a JSON-LD value for a `<script type="application/ld+json">`
/// block: `<`, `>` and `&` become `\u003c`, `\u003e` and `\u0026`, which
/// JSON reads back unchanged but which can never close the script element.
pub fn embed(value: &Value) -> String {
    let text = value.to_string();
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

fn page(urls: &Urls, section: Section, id: &str) -> String {
    urls.absolute(&Urls::record(section, id))
}

fn agency_ref(site: &Site, urls: &Urls, id: &str) -> Value {
    let name = site.index.agencies.get(id).map(|&g| site.agencies[g as usize].meta.name.as_str());
    json!({"@type": "GovernmentOrganization", "@id": page(urls, Section::Agencies, id), "name": name,
           "url": page(urls, Section::Agencies, id)})
}

fn ormas_ref(site: &Site, urls: &Urls, id: &str) -> Value {
    let name = site.index.ormas.get(id).map(|&o| site.ormas[o as usize].meta.name.as_str());
    json!({"@type": "NGO", "@id": page(urls, Section::Ormas, id), "name": name, "url": page(urls, Section::Ormas, id)})
}

fn place(site: &Site, urls: &Urls, code: &crate::model::RegionCode) -> Value {
    let region = site.region(code);
    json!({
        "@type": "AdministrativeArea",
        "@id": page(urls, Section::Regions, code.as_str()),
        "name": region.map(|r| r.name.as_str()),
        "identifier": code.as_str(),
    })
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
/// `description` is the page's own summary, so search engines and link
/// previews read the same words.
pub fn event(site: &Site, urls: &Urls, i: Ix, description: &str) -> String {
    let r = &site.activities[i as usize];
    let m = &r.meta;
    let mut organizers = Vec::new();
    let mut attendees = Vec::new();
    for p in participations(site, m) {
        let id = p.id.unwrap_or("");
        match p.kind {
            ParticipantKind::Agency if p.role == ORGANIZER => organizers.push(agency_ref(site, urls, id)),
            ParticipantKind::Agency => attendees.push(agency_ref(site, urls, id)),
            ParticipantKind::Ormas => attendees.push(ormas_ref(site, urls, id)),
            ParticipantKind::Official => attendees.push(json!({
                "@type": "Person",
                "@id": p.id.map(|id| page(urls, Section::People, id)),
                "name": p.name,
                "jobTitle": p.role,
                "url": p.id.map(|id| page(urls, Section::People, id)),
            })),
        }
    }
    let region = place(site, urls, &m.region);
    let location = match &m.venue {
        Some(venue) => json!({"@type": "Place", "name": venue, "containedInPlace": region}),
        None => region,
    };
    let url = page(urls, Section::Activities, &r.id);
    embed(&with_context(json!({
        "@type": "Event",
        "@id": url,
        "name": m.title,
        "description": description,
        "url": url,
        "startDate": m.start.map_or_else(|| m.date.to_string(), |t| t.to_rfc3339()),
        "endDate": m.end.map(|t| t.to_rfc3339()),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": location,
        "organizer": organizers,
        "attendee": attendees,
        "about": m.topics.iter().filter_map(|t| site.index.topics.get(t)).map(|&t| {
            let t = &site.topics[t as usize];
            json!({"@type": "DefinedTerm", "name": t.name, "url": page(urls, Section::Topics, &t.id)})
        }).collect::<Vec<_>>(),
        "citation": m.sources.iter().filter_map(|s| s.url.as_deref()).collect::<Vec<_>>(),
        "inLanguage": site.config.language,
    })))
}

/// `NGO` for an ormas.
pub fn ormas(site: &Site, urls: &Urls, i: Ix, description: &str) -> String {
    let r = &site.ormas[i as usize];
    let m = &r.meta;
    let url = page(urls, Section::Ormas, &r.id);
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
        "areaServed": place(site, urls, &m.region),
        "email": contacts.and_then(|c| c.email.as_deref()),
        "telephone": contacts.and_then(|c| c.phone.as_deref()),
        "sameAs": contacts.and_then(|c| c.website.as_deref()),
        "member": m.leaders.iter().map(|l| json!({"@type": "Person", "name": l.name, "jobTitle": l.role})).collect::<Vec<_>>(),
    })))
}

/// `GovernmentOrganization` for an agency.
pub fn agency(site: &Site, urls: &Urls, i: Ix) -> String {
    let r = &site.agencies[i as usize];
    let m = &r.meta;
    let url = page(urls, Section::Agencies, &r.id);
    embed(&with_context(json!({
        "@type": "GovernmentOrganization",
        "@id": url,
        "name": m.name,
        "alternateName": m.abbreviation,
        "url": url,
        "sameAs": m.website,
        "areaServed": place(site, urls, &m.region),
        "parentOrganization": m.parent.as_deref().map(|p| agency_ref(site, urls, p)),
    })))
}

/// `Person` for an official, with the roles held.
pub fn person(site: &Site, urls: &Urls, i: Ix) -> String {
    let r = &site.people[i as usize];
    let m = &r.meta;
    let url = page(urls, Section::People, &r.id);
    let current = m.positions.iter().find(|p| p.end.is_none()).or(m.positions.first());
    embed(&with_context(json!({
        "@type": "Person",
        "@id": url,
        "name": m.name,
        "url": url,
        "jobTitle": current.map(|p| p.role.as_str()),
        "worksFor": current.and_then(|p| p.agency.as_deref()).map(|g| agency_ref(site, urls, g)),
        "hasOccupation": m.positions.iter().map(|p| json!({
            "@type": "Role",
            "roleName": p.role,
            "startDate": date(p.start),
            "endDate": date(p.end),
        })).collect::<Vec<_>>(),
    })))
}

/// `MonetaryGrant` for a grant (hibah, bantuan sosial); a `CreativeWork`
/// for an MoU or cooperation agreement, which schema.org has no type for.
pub fn partnership(site: &Site, urls: &Urls, i: Ix, description: &str) -> String {
    let r = &site.partnerships[i as usize];
    let m = &r.meta;
    let url = page(urls, Section::Partnerships, &r.id);
    let agencies: Vec<Value> = m.parties.agencies.iter().map(|g| agency_ref(site, urls, g)).collect();
    let ormas: Vec<Value> = m.parties.ormas.iter().map(|o| ormas_ref(site, urls, o)).collect();
    let common = json!({
        "@id": url,
        "name": m.title,
        "description": description,
        "url": url,
        "identifier": m.number,
        "startDate": date(m.period.as_ref().and_then(|p| p.start)),
        "endDate": date(m.period.as_ref().and_then(|p| p.end)),
    });
    let specific = if m.kind.is_grant() {
        json!({
            "@type": "MonetaryGrant",
            "amount": m.amount.as_ref().map(|a| json!({"@type": "MonetaryAmount", "value": a.value, "currency": a.currency})),
            "funder": agencies,
            "fundedItem": ormas,
            "dateCreated": date(m.signed),
        })
    } else {
        json!({
            "@type": "CreativeWork",
            "additionalType": m.kind.label(),
            "dateCreated": date(m.signed),
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
pub fn region(site: &Site, urls: &Urls, i: Ix) -> String {
    let r = &site.regions[i as usize];
    let parent = site.links.region_parent[i as usize].map(|p| place(site, urls, &site.regions[p as usize].code));
    let mut v = place(site, urls, &r.code);
    if let Value::Object(map) = &mut v {
        map.insert("url".into(), page(urls, Section::Regions, r.code.as_str()).into());
        map.insert("containedInPlace".into(), parent.unwrap_or(Value::Null));
    }
    embed(&with_context(v))
}

/// `DefinedTerm` for a topic.
pub fn topic(site: &Site, urls: &Urls, i: Ix) -> String {
    let t = &site.topics[i as usize];
    let url = page(urls, Section::Topics, &t.id);
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
pub fn dataset(site: &Site, urls: &Urls) -> String {
    let c = &site.config;
    let mut distribution = vec![json!({
        "@type": "DataDownload", "encodingFormat": "application/json",
        "contentUrl": urls.absolute(catalog::DATASET_PATH), "name": "dataset.json",
    })];
    distribution.extend(catalog::TABLES.iter().map(|t| {
        json!({"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": urls.absolute(t.path), "name": t.title})
    }));
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
        "name": format!("{}: data terbuka", c.title),
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
