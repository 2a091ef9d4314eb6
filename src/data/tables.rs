//! CSV downloads, one per collection plus one row per participation:
//! UTF-8 with a byte-order mark (so spreadsheets detect the encoding), a
//! header row from [`catalog`], CRLF line ends and RFC 4180 quoting.

use csv::{QuoteStyle, Terminator, WriterBuilder};

use super::catalog::{self, Table};
use super::popolo::{json_path, participations};
use super::stream::Download;
use super::{DataError, slug};
use crate::model::{Activity, PartialDate, Record, Source};
use crate::output::Staging;
use crate::render::urls::{Section, Urls};
use crate::render::{Renderer, markdown};
use crate::site::{Ix, Site};

/// Spreadsheets read a CSV as UTF-8 only when it starts with this mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Separator inside a cell that holds several values.
const LIST_SEP: &str = ";";

/// Writes every CSV in [`catalog::TABLES`], the tables side by side and
/// each streamed record by record.
pub fn write_all(site: &Site, renderer: &Renderer<'_>, out: &Staging) -> Result<(), DataError> {
    let urls = renderer.urls();
    super::run_side_by_side(&[
        &|| {
            write_table(out, &catalog::ACTIVITIES, &site.activities, |i, _| vec![activity_row(site, renderer, i as Ix)])
        },
        &|| write_table(out, &catalog::PARTICIPATION, &site.activities, |_, r| participation_rows(site, r)),
        &|| write_table(out, &catalog::ORMAS, &site.ormas, |i, _| vec![ormas_row(site, urls, i)]),
        &|| write_table(out, &catalog::AGENCIES, &site.agencies, |i, _| vec![agency_row(site, urls, i)]),
        &|| write_table(out, &catalog::PEOPLE, &site.people, |i, _| vec![person_row(site, urls, i)]),
        &|| write_table(out, &catalog::PARTNERSHIPS, &site.partnerships, |i, _| vec![partnership_row(site, urls, i)]),
    ])
}

/// Writes one table: BOM, header, then the rows `rows` gives for each item.
fn write_table<T: Sync>(
    out: &Staging,
    table: &'static Table,
    items: &[T],
    rows: impl Fn(usize, &T) -> Vec<Vec<String>> + Sync,
) -> Result<(), DataError> {
    let mut file = Download::create(out, table.path)?;
    let mut head = BOM.to_vec();
    let header: Vec<String> = table.columns.iter().map(|c| c.name.to_string()).collect();
    encode(table, &header, &mut head)?;
    file.push(&head)?;
    file.extend(items, |i, item, buf| rows(i, item).iter().try_for_each(|row| encode(table, row, buf)))?;
    file.finish()
}

/// Appends one CSV row (RFC 4180 quoting, CRLF). A row whose length
/// differs from the header is an error, not a shifted column.
fn encode(table: &Table, row: &[String], buf: &mut Vec<u8>) -> Result<(), DataError> {
    let err = |source| DataError::Csv { path: table.path.to_string(), source };
    if row.len() != table.columns.len() {
        let msg = format!("a row has {} fields, the header {}", row.len(), table.columns.len());
        return Err(err(std::io::Error::other(msg).into()));
    }
    let mut w = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .quote_style(QuoteStyle::Necessary)
        .buffer_capacity(1024)
        .from_writer(buf);
    w.write_record(row).map_err(err)?;
    w.flush().map_err(|e| err(e.into()))
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

fn activity_row(site: &Site, renderer: &Renderer<'_>, i: Ix) -> Vec<String> {
    let urls = renderer.urls();
    let r = &site.activities[i as usize];
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
        renderer.excerpt(i).to_string(),
        urls.absolute(&Urls::record(Section::Activities, &r.id)),
        urls.absolute(&json_path(Section::Activities, &r.id)),
    ]
}

fn ormas_row(site: &Site, urls: &Urls, o: usize) -> Vec<String> {
    let r = &site.ormas[o];
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
}

fn agency_row(site: &Site, urls: &Urls, g: usize) -> Vec<String> {
    let r = &site.agencies[g];
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
}

fn person_row(site: &Site, urls: &Urls, p: usize) -> Vec<String> {
    let r = &site.people[p];
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
}

fn partnership_row(site: &Site, urls: &Urls, p: usize) -> Vec<String> {
    let r = &site.partnerships[p];
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
}

fn participation_rows(site: &Site, r: &Record<Activity>) -> Vec<Vec<String>> {
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
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_commas_quotes_and_newlines_and_starts_with_a_bom() {
        let tmp = tempfile::tempdir().unwrap();
        let out = Staging::create(&tmp.path().join("public")).unwrap();
        let rows = vec![vec![
            "a".into(),
            "b".into(),
            "c".into(),
            "".into(),
            "Rapat \"sinergi\", ormas\nbaris dua".into(),
            "x".into(),
        ]];
        write_table(&out, &catalog::PARTICIPATION, &[()], |_, _| rows.clone()).unwrap();
        out.commit().unwrap();
        let bytes = std::fs::read(tmp.path().join("public").join(catalog::PARTICIPATION.path)).unwrap();
        assert!(bytes.starts_with(BOM));
        let mut r = csv::Reader::from_reader(&bytes[BOM.len()..]);
        let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header[0], "activity_id");
        let row = r.records().next().unwrap().unwrap();
        assert_eq!(&row[4], "Rapat \"sinergi\", ormas\nbaris dua");
        assert!(bytes.ends_with(b"x\r\n"));
    }

    #[test]
    fn a_short_row_is_an_error() {
        let mut buf = Vec::new();
        assert!(encode(&catalog::PARTICIPATION, &["only one".to_string()], &mut buf).is_err());
        assert!(buf.is_empty());
    }
}
