//! The grants (hibah, bantuan sosial) as a 360Giving data package,
//! `/data/360giving.json`: the open standard grant makers publish who they
//! fund in, read by 360Giving's GrantNav and other tools. Which grants
//! can go in is decided (and warned about) in `site::giving`.
//!
//! The standard requires, per grant, an award date that is a full day, an
//! amount and currency, a recipient and a funder. A grant record missing
//! any of them is left out of the package (it stays in `dataset.json`,
//! which keeps partial facts) and `check` warns about it. A site with no
//! complete grant writes no package: the standard requires one grant at
//! least.
//!
//! Identifiers follow the standard's pattern, a prefix then the record's
//! own id, with no slash: `360G-<host>-<id>` for grants and
//! `360G-<host>-ormas-<id>` / `360G-<host>-instansi-<id>` for
//! organisations, `<host>` being the site's host with dots as hyphens.
//! 360Giving assigns registered `360G-` prefixes to publishers; a portal
//! that has one is expected to match it (documented in `docs/data.md`).

use serde::Serialize;

use super::DataError;
use super::ledger::Made;
use super::popolo::PlannedDates;
use crate::address::Urls;
use crate::output::Staging;
use crate::site::giving::gaps;
use crate::site::{PartnershipIx, Site};

/// Output path of the package.
pub const PATH: &str = crate::site::giving::PACKAGE_PATH;

/// The 360Giving schema version the package follows.
pub const VERSION: &str = "1.4";

/// The package (`Package` in the standard's package schema).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Package<'a> {
    /// Schema version, `major.minor`.
    pub version: &'static str,
    /// Title of the package.
    pub title: String,
    /// What it holds.
    pub description: String,
    /// Who publishes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Publisher<'a>>,
    /// Licence address of the data.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<&'a str>,
    /// Address of this file.
    #[serde(rename = "downloadURL")]
    pub download_url: String,
    /// Address of the page that lists it.
    #[serde(rename = "accessURL")]
    pub access_url: String,
    /// The complete grants, newest signing first.
    pub grants: Vec<Grant<'a>>,
}

/// The publisher of a package.
#[derive(Debug, Serialize)]
pub struct Publisher<'a> {
    /// Name.
    pub name: &'a str,
    /// Web address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<&'a str>,
}

/// A grant in the standard's shape.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Grant<'a> {
    /// `360G-<host>-<id>`.
    pub id: String,
    /// Title.
    pub title: &'a str,
    /// The record's text without markup, or its title when it has none
    /// (the standard requires a description).
    pub description: String,
    /// ISO 4217 code.
    pub currency: &'a str,
    /// Sum awarded, in the currency's unit.
    pub amount_awarded: u64,
    /// Day of signing, `YYYY-MM-DD`.
    pub award_date: String,
    /// Address of the grant's page.
    pub url: String,
    /// The period, when known (a year or month alone is allowed here).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub planned_dates: Vec<PlannedDates>,
    /// The ormas receiving it.
    pub recipient_organization: Vec<Organization<'a>>,
    /// The agencies awarding it.
    pub funding_organization: Vec<Organization<'a>>,
    /// The kind of grant (`hibah`, `bantuan-sosial`).
    pub classifications: Vec<Classification<'a>>,
    /// Published documents with an address.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub related_document: Vec<RelatedDocument<'a>>,
}

/// An organisation (`Organization` in the standard).
#[derive(Debug, Serialize)]
pub struct Organization<'a> {
    /// `360G-<host>-ormas-<id>` or `360G-<host>-instansi-<id>`.
    pub id: String,
    /// Name.
    pub name: &'a str,
    /// Address of its page.
    pub url: String,
}

/// A classification of a grant.
#[derive(Debug, Serialize)]
pub struct Classification<'a> {
    /// Where the code comes from.
    pub vocabulary: &'static str,
    /// The content's word (`hibah`).
    pub code: String,
    /// Its label.
    pub title: &'a str,
}

/// A document of a grant (`Documents` in the standard).
#[derive(Debug, Serialize)]
pub struct RelatedDocument<'a> {
    /// `<grant id>-doc-<n>`.
    pub id: String,
    /// Title.
    pub title: &'a str,
    /// Address.
    pub url: &'a str,
}

/// The identifier prefix for the site: `360G-` and the host of its base
/// address with dots as hyphens (`360G-portal-example-go-id`).
pub fn prefix(urls: &Urls) -> String {
    let host = urls.base_url().split("://").nth(1).unwrap_or(urls.base_url()).split(['/', ':']).next().unwrap_or("");
    let host: String =
        host.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
    format!("360G-{}", host.trim_matches('-'))
}

/// A recipient or funder, identified under the site's prefix by its kind
/// of record (`<prefix>-ormas-<id>`).
fn organization<'a>(prefix: &str, kind: &str, id: &str, name: &'a str, url: String) -> Organization<'a> {
    Organization { id: format!("{prefix}-{kind}-{id}"), name, url }
}

fn grant<'a>(site: &'a Site, urls: &Urls, prefix: &str, p: PartnershipIx) -> Option<Grant<'a>> {
    let (r, parties) = (&site.partnerships[p], &site.refs.partnerships[p]);
    let m = &r.meta;
    if !gaps(m).is_empty() {
        return None;
    }
    let (signed, amount) = (m.signed?, m.amount.as_ref()?);
    let id = format!("{prefix}-{}", r.id);
    let text = crate::text::plain_text(&r.body());
    Some(Grant {
        description: if text.is_empty() { m.title.clone() } else { text },
        title: &m.title,
        currency: &amount.currency,
        amount_awarded: amount.value,
        award_date: signed.to_string(),
        url: urls.absolute_of(site, p),
        planned_dates: m
            .period
            .as_ref()
            .filter(|p| p.start.is_some() || p.end.is_some())
            .map(|p| PlannedDates { start_date: p.start, end_date: p.end })
            .into_iter()
            .collect(),
        recipient_organization: parties
            .ormas
            .iter()
            .map(|&o| {
                organization(prefix, "ormas", &site.ormas[o].id, &site.ormas[o].meta.name, urls.absolute_of(site, o))
            })
            .collect(),
        funding_organization: parties
            .agencies
            .iter()
            .map(|&g| {
                let agency = &site.agencies[g];
                organization(prefix, "instansi", &agency.id, &agency.meta.name, urls.absolute_of(site, g))
            })
            .collect(),
        classifications: vec![Classification {
            vocabulary: "terbuka:partnership-kind",
            code: super::slug(&m.kind),
            title: m.kind.label(),
        }],
        related_document: m
            .documents
            .iter()
            .filter_map(|d| d.url.as_deref().map(|url| (d, url)))
            .enumerate()
            .map(|(n, (d, url))| RelatedDocument { id: format!("{id}-doc-{}", n + 1), title: &d.title, url })
            .collect(),
        id,
    })
}

/// The package for the site, or `None` when no grant is complete.
pub fn package<'a>(site: &'a Site, urls: &Urls) -> Option<Package<'a>> {
    let prefix = prefix(urls);
    let grants: Vec<Grant<'a>> = site.partnerships.keys().filter_map(|p| grant(site, urls, &prefix, p)).collect();
    if grants.is_empty() {
        return None;
    }
    let c = &site.config;
    Some(Package {
        version: VERSION,
        title: format!("Hibah dan bantuan sosial: {}", c.title),
        description: format!("Hibah dan bantuan sosial kepada ormas yang dicatat di {}, format 360Giving.", c.title),
        publisher: c.publisher.as_ref().map(|p| Publisher { name: &p.name, website: p.url.as_deref() }),
        license: c.license.as_ref().and_then(|l| l.url.as_deref()),
        download_url: urls.absolute(PATH),
        access_url: urls.absolute(crate::catalog::PAGE_PATH),
        grants,
    })
}

/// Writes [`PATH`] when the site has a complete grant.
pub fn write(site: &Site, urls: &Urls, out: &Staging, made: &Made) -> Result<(), DataError> {
    let Some(package) = package(site, urls) else { return Ok(()) };
    let json = serde_json::to_vec_pretty(&package).map_err(|source| DataError::Json { path: PATH.into(), source })?;
    made.write(out, PATH, &json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_comes_from_the_host() {
        assert_eq!(prefix(&Urls::new("https://portal.example.go.id/sub/")), "360G-portal-example-go-id");
        assert_eq!(prefix(&Urls::new("http://127.0.0.1:8080/")), "360G-127-0-0-1");
    }
}
