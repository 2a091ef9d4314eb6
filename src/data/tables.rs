//! CSV downloads, one per collection plus one row per participation:
//! UTF-8 with a byte-order mark (so spreadsheets detect the encoding), a
//! header row, CRLF line ends and RFC 4180 quoting. Each table's columns
//! are declared once in [`crate::catalog`].

use csv::{QuoteStyle, Terminator, WriterBuilder};

use super::DataError;
use super::stream::Download;
use crate::address::Urls;
use crate::catalog::{self, Cells, Table};
use crate::output::Staging;
use crate::site::Site;

/// Spreadsheets read a CSV as UTF-8 only when it starts with this mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes every CSV of the catalogue, the tables side by side and each
/// streamed record by record.
pub fn write_all(site: &Site, urls: &Urls, out: &Staging) -> Result<(), DataError> {
    let cells = Cells { site, urls };
    super::run_side_by_side(&[
        &|| write_table(out, &catalog::ACTIVITIES, &cells, &site.activities.raw, |i, _| vec![i.into()]),
        &|| {
            write_table(out, &catalog::PARTICIPATION, &cells, &site.activities.raw, |i, _| {
                site.participations(i.into())
            })
        },
        &|| write_table(out, &catalog::ORMAS, &cells, &site.ormas.raw, |i, _| vec![i.into()]),
        &|| write_table(out, &catalog::AGENCIES, &cells, &site.agencies.raw, |i, _| vec![i.into()]),
        &|| write_table(out, &catalog::PEOPLE, &cells, &site.people.raw, |i, _| vec![i.into()]),
        &|| write_table(out, &catalog::PARTNERSHIPS, &cells, &site.partnerships.raw, |i, _| vec![i.into()]),
    ])
}

/// Writes one table: BOM, header, then the rows `rows` gives for each item
/// (by its position in `items`).
fn write_table<R: Copy, T: Sync>(
    out: &Staging,
    table: &'static Table<R>,
    cells: &Cells<'_>,
    items: &[T],
    rows: impl Fn(usize, &T) -> Vec<R> + Sync,
) -> Result<(), DataError> {
    let mut file = Download::create(out, table.path)?;
    let mut head = BOM.to_vec();
    encode(table.path, &table.header(), &mut head)?;
    file.push(&head)?;
    file.extend(items, |i, item, buf| {
        rows(i, item).into_iter().try_for_each(|row| encode(table.path, &table.row(cells, row), buf))
    })?;
    file.finish()
}

/// Appends one CSV row (RFC 4180 quoting, CRLF).
fn encode(path: &str, row: &[String], buf: &mut Vec<u8>) -> Result<(), DataError> {
    let err = |source| DataError::Csv { path: path.to_string(), source };
    let mut w = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .quote_style(QuoteStyle::Necessary)
        .buffer_capacity(1024)
        .from_writer(buf);
    w.write_record(row).map_err(err)?;
    w.flush().map_err(|e| err(e.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_commas_quotes_and_newlines() {
        let mut buf = Vec::new();
        let row = ["a".to_string(), "Rapat \"sinergi\", ormas\nbaris dua".into(), "x".into()];
        encode("t.csv", &row, &mut buf).unwrap();
        let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(buf.as_slice());
        let back = r.records().next().unwrap().unwrap();
        assert_eq!(&back[1], "Rapat \"sinergi\", ormas\nbaris dua");
        assert!(buf.ends_with(b"x\r\n"));
    }
}
