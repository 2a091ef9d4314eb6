//! CSV downloads, one per collection plus one row per participation:
//! UTF-8 with a byte-order mark (so spreadsheets detect the encoding), a
//! header row from [`catalog`], CRLF line ends and RFC 4180 quoting.

use csv::{QuoteStyle, Terminator, WriterBuilder};

use super::catalog::{self, Table};
use super::popolo::{json_path, participations};
use super::{DataError, slug, write};
use crate::model::{PartialDate, Source};
use crate::output::Staging;
use crate::render::markdown;
use crate::render::urls::{Section, Urls};
use crate::site::Site;

/// Spreadsheets read a CSV as UTF-8 only when it starts with this mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Separator inside a cell that holds several values.
const LIST_SEP: &str = ";";

/// Builds the rows of one table, in its columns' order.
type RowsOf = fn(&Site, &Urls) -> Vec<Vec<String>>;

/// Writes every CSV in [`catalog::TABLES`]; the tables are written side by side.
pub fn write_all(site: &Site, urls: &Urls, out: &Staging) -> Result<(), DataError> {
    use rayon::prelude::*;
    let jobs: [(&Table, RowsOf); 6] = [
        (&catalog::ACTIVITIES, activity_rows),
        (&catalog::ORMAS, ormas_rows),
        (&catalog::AGENCIES, agency_rows),
        (&catalog::PEOPLE, person_rows),
        (&catalog::PARTNERSHIPS, partnership_rows),
        (&catalog::PARTICIPATION, participation_rows),
    ];
    jobs.par_iter().try_for_each(|(table, rows)| {
        let bytes = to_csv(table, rows(site, urls))?;
        write(out, table.path, &bytes)
    })
}

/// Encodes a table: BOM, header, rows. A row whose length differs from the
/// header is an error, not a shifted column.
pub fn to_csv(table: &Table, rows: Vec<Vec<String>>) -> Result<Vec<u8>, DataError> {
    let err = |source| DataError::Csv { path: table.path.to_string(), source };
    let mut buf = BOM.to_vec();
    let mut w = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .quote_style(QuoteStyle::Necessary)
        .flexible(false)
        .from_writer(&mut buf);
    w.write_record(table.columns.iter().map(|c| c.name)).map_err(err)?;
    for row in rows {
        w.write_record(&row).map_err(err)?;
    }
    w.flush().map_err(|e| err(e.into()))?;
    drop(w);
    Ok(buf)
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

fn date(d: Option<PartialDate>) -> String {
    opt(d)
}

fn list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    items.into_iter().collect::<Vec<_>>().join(LIST_SEP)
}

fn region_name(site: &Site, code: &crate::model::RegionCode) -> String {
    site.region(code).map(|r| r.name.clone()).unwrap_or_default()
}

fn source_urls(sources: &[Source]) -> String {
    list(sources.iter().filter_map(|s| s.url.as_deref()))
}

fn activity_rows(site: &Site, urls: &Urls) -> Vec<Vec<String>> {
    use rayon::prelude::*;
    site.activities
        .par_iter()
        .map(|r| {
            let m = &r.meta;
            let p = &m.participants;
            vec![
                r.id.clone(),
                m.title.clone(),
                m.date.to_string(),
                slug(&m.date.precision()),
                opt(m.start.map(|t| t.to_rfc3339())),
                opt(m.end.map(|t| t.to_rfc3339())),
                m.kind.slug().to_string(),
                m.region.to_string(),
                region_name(site, &m.region),
                m.venue.clone().unwrap_or_default(),
                list(m.organizers.iter().map(String::as_str)),
                list(p.agencies.iter().map(String::as_str)),
                list(p.ormas.iter().map(String::as_str)),
                opt(p.ormas_count),
                opt(p.attendees),
                list(m.officials.iter().filter_map(|o| o.person.as_deref())),
                list(m.topics.iter().map(String::as_str)),
                m.partnership.clone().unwrap_or_default(),
                source_urls(&m.sources),
                markdown::excerpt(r.body(), 220),
                urls.absolute(&Urls::record(Section::Activities, &r.id)),
                urls.absolute(&json_path(Section::Activities, &r.id)),
            ]
        })
        .collect()
}

fn ormas_rows(site: &Site, urls: &Urls) -> Vec<Vec<String>> {
    site.ormas
        .iter()
        .enumerate()
        .map(|(o, r)| {
            let m = &r.meta;
            let legal = m.legal.as_ref();
            let skt = legal.and_then(|l| l.skt.as_ref());
            let ahu = legal.and_then(|l| l.ahu.as_ref());
            let contact = |f: fn(&crate::model::Contacts) -> Option<&String>| {
                m.contacts.as_ref().and_then(f).cloned().unwrap_or_default()
            };
            vec![
                r.id.clone(),
                m.name.clone(),
                m.abbreviation.clone().unwrap_or_default(),
                list(m.other_names.iter().map(String::as_str)),
                slug(&m.status),
                opt(legal.and_then(|l| l.form).map(|f| slug(&f))),
                opt(skt.and_then(|s| s.number.as_ref())),
                date(skt.and_then(|s| s.issued)),
                date(skt.and_then(|s| s.expires)),
                opt(skt.and_then(|s| s.issuer.as_ref())),
                opt(ahu.and_then(|a| a.number.as_ref())),
                date(ahu.and_then(|a| a.date)),
                date(m.founded),
                opt(m.scope.map(|s| slug(&s))),
                list(m.fields.iter().map(String::as_str)),
                m.region.to_string(),
                region_name(site, &m.region),
                m.address.clone().unwrap_or_default(),
                contact(|c| c.website.as_ref()),
                contact(|c| c.email.as_ref()),
                contact(|c| c.phone.as_ref()),
                site.links.activities_by_ormas[o].len().to_string(),
                site.links.partnerships_by_ormas[o].len().to_string(),
                markdown::plain_text(r.body()),
                urls.absolute(&Urls::record(Section::Ormas, &r.id)),
                urls.absolute(&json_path(Section::Ormas, &r.id)),
            ]
        })
        .collect()
}

fn agency_rows(site: &Site, urls: &Urls) -> Vec<Vec<String>> {
    site.agencies
        .iter()
        .enumerate()
        .map(|(g, r)| {
            let m = &r.meta;
            vec![
                r.id.clone(),
                m.name.clone(),
                m.abbreviation.clone().unwrap_or_default(),
                slug(&m.kind),
                m.region.to_string(),
                region_name(site, &m.region),
                m.parent.clone().unwrap_or_default(),
                m.website.clone().unwrap_or_default(),
                site.links.activities_by_agency[g].len().to_string(),
                urls.absolute(&Urls::record(Section::Agencies, &r.id)),
                urls.absolute(&json_path(Section::Agencies, &r.id)),
            ]
        })
        .collect()
}

fn person_rows(site: &Site, urls: &Urls) -> Vec<Vec<String>> {
    site.people
        .iter()
        .enumerate()
        .map(|(p, r)| {
            let m = &r.meta;
            vec![
                r.id.clone(),
                m.name.clone(),
                list(m.positions.iter().map(|p| p.role.as_str())),
                list(m.positions.iter().filter_map(|p| p.agency.as_deref())),
                site.links.activities_by_person[p].len().to_string(),
                urls.absolute(&Urls::record(Section::People, &r.id)),
                urls.absolute(&json_path(Section::People, &r.id)),
            ]
        })
        .collect()
}

fn partnership_rows(site: &Site, urls: &Urls) -> Vec<Vec<String>> {
    site.partnerships
        .iter()
        .enumerate()
        .map(|(p, r)| {
            let m = &r.meta;
            let period = m.period.as_ref();
            vec![
                r.id.clone(),
                m.title.clone(),
                slug(&m.kind),
                m.number.clone().unwrap_or_default(),
                date(m.signed),
                date(period.and_then(|p| p.start)),
                date(period.and_then(|p| p.end)),
                opt(m.amount.as_ref().map(|a| a.value)),
                opt(m.amount.as_ref().map(|a| &a.currency)),
                opt(m.budget_source.map(|b| slug(&b))),
                opt(m.status.map(|s| slug(&s))),
                list(m.parties.agencies.iter().map(String::as_str)),
                list(m.parties.ormas.iter().map(String::as_str)),
                site.links.activities_by_partnership[p].len().to_string(),
                markdown::plain_text(r.body()),
                urls.absolute(&Urls::record(Section::Partnerships, &r.id)),
                urls.absolute(&json_path(Section::Partnerships, &r.id)),
            ]
        })
        .collect()
}

fn participation_rows(site: &Site, _urls: &Urls) -> Vec<Vec<String>> {
    use rayon::prelude::*;
    site.activities
        .par_iter()
        .flat_map_iter(|r| {
            let date = r.meta.date.to_string();
            participations(site, &r.meta)
                .into_iter()
                .map(|p| {
                    vec![
                        r.id.clone(),
                        date.clone(),
                        p.kind.slug().to_string(),
                        p.id.unwrap_or("").to_string(),
                        p.name.to_string(),
                        p.role.to_string(),
                    ]
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_commas_quotes_and_newlines_and_starts_with_a_bom() {
        let rows = vec![vec![
            "a".into(),
            "b".into(),
            "c".into(),
            "".into(),
            "Rapat \"sinergi\", ormas\nbaris dua".into(),
            "x".into(),
        ]];
        let bytes = to_csv(&catalog::PARTICIPATION, rows).unwrap();
        assert!(bytes.starts_with(BOM));
        let mut r = csv::Reader::from_reader(&bytes[BOM.len()..]);
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header[0], "activity_id");
        let row = r.records().next().unwrap().unwrap();
        assert_eq!(&row[4], "Rapat \"sinergi\", ormas\nbaris dua");
    }

    #[test]
    fn a_short_row_is_an_error() {
        assert!(to_csv(&catalog::PARTICIPATION, vec![vec!["only one".into()]]).is_err());
    }
}
