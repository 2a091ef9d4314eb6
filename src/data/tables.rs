//! CSV downloads, one per collection plus one row per participation:
//! UTF-8 with a byte-order mark (so spreadsheets detect the encoding), a
//! header row, CRLF line ends and RFC 4180 quoting. Each table's columns
//! are declared once in [`crate::catalog`].
//!
//! These files are made for spreadsheets, and a spreadsheet runs a cell
//! that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
//! before one) as a formula. Records come from many hands, so such a cell
//! gets a leading `'`, which spreadsheets read as "text" (OWASP's advice
//! on CSV injection); `docs/data.md` documents the rule. The JSON files
//! carry every value unchanged.

use std::borrow::Cow;

use csv::{QuoteStyle, Terminator, WriterBuilder};

use super::fingerprint::{self, Chunk, Fingerprint};
use super::ledger::Made;
use super::splice::Pieces;
use super::stream::Download;
use super::{DataError, Plan};
use crate::address::Urls;
use crate::catalog::{self, Cells, Table};
use crate::output::Staging;
use crate::site::{ActivityIx, Site};

/// Spreadsheets read a CSV as UTF-8 only when it starts with this mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes every CSV of the catalogue, the tables side by side and each
/// streamed record by record; the activities and participations one file
/// per year of the activities' date. A table whose fingerprint is the last
/// build's is carried over ([`super::ledger`]).
pub fn write_all(site: &Site, urls: &Urls, out: &Staging, at: Plan<'_>) -> Result<(), DataError> {
    let cells = Cells { site, urls };
    let fps = at.fps;
    super::run_side_by_side(&[
        &|| write_yearly(out, at, &catalog::ACTIVITIES, &cells, &fps.activities_csv, |c| c.own, |i| vec![i]),
        &|| {
            write_yearly(
                out,
                at,
                &catalog::PARTICIPATION,
                &cells,
                &fps.participation_csv,
                |c| c.named,
                |i| site.participations(i),
            )
        },
        &|| write_whole(out, at, &catalog::ORMAS, &cells, fps.ormas_csv, &site.ormas.raw),
        &|| write_whole(out, at, &catalog::AGENCIES, &cells, fps.agencies_csv, &site.agencies.raw),
        &|| write_whole(out, at, &catalog::PEOPLE, &cells, fps.people_csv, &site.people.raw),
        &|| write_whole(out, at, &catalog::PARTNERSHIPS, &cells, fps.partnerships_csv, &site.partnerships.raw),
    ])
}

/// Writes a table of one collection, a row per record of `records`, as one
/// unit of fingerprint `fp`.
fn write_whole<R: Copy + From<usize>, T: Sync>(
    out: &Staging,
    at: Plan<'_>,
    table: &'static Table<R>,
    cells: &Cells<'_>,
    fp: Fingerprint,
    records: &[T],
) -> Result<(), DataError> {
    let path = table.path;
    at.ledger.produce(out, path, fp, |made| write_table(out, made, path, table, cells, records, |i, _| vec![i.into()]))
}

/// Writes a yearly table: one file per year of the site (the activities of
/// each year, newest first), each of fingerprint `fps[year]`, with the rows
/// `rows` gives for each activity. A file is written in pieces of a chunk
/// of activities each ([`super::splice`]), of fingerprint `pick`, so an
/// edit makes again only the piece of the edited activity.
fn write_yearly<R: Copy>(
    out: &Staging,
    at: Plan<'_>,
    table: &'static Table<R>,
    cells: &Cells<'_>,
    fps: &[Fingerprint],
    pick: fn(&Chunk) -> Fingerprint,
    rows: impl Fn(ActivityIx) -> Vec<R> + Sync,
) -> Result<(), DataError> {
    use rayon::prelude::*;
    let years = at.fps.years.par_iter().zip(&at.fps.chunks).zip(fps);
    years.try_for_each(|(((year, activities), chunks), &fp)| {
        let path = &catalog::yearly_path(table.path, year);
        at.ledger.produce(out, path, fp, |made| {
            let mut file = Pieces::create(out, path, false, made.old(out, path)?)?;
            file.fresh(&head(path, table)?)?;
            file.extend(
                chunks,
                |c| fingerprint::piece(table.path, at.fps.site, false, pick(c)),
                |c, buf| {
                    activities[c.start..c.end].iter().try_for_each(|&i| {
                        rows(i).into_iter().try_for_each(|row| encode(path, &table.row(cells, row), buf))
                    })
                },
            )?;
            made.add_pieces(path, file.finish()?);
            Ok(())
        })
    })
}

/// The byte-order mark and the header row.
fn head<R>(path: &str, table: &Table<R>) -> Result<Vec<u8>, DataError> {
    let mut head = BOM.to_vec();
    encode(path, &table.header(), &mut head)?;
    Ok(head)
}

/// Writes one table to `path`: BOM, header, then the rows `rows` gives for
/// each item (by its position in `items`).
fn write_table<R: Copy, T: Sync>(
    out: &Staging,
    made: &Made,
    path: &str,
    table: &'static Table<R>,
    cells: &Cells<'_>,
    items: &[T],
    rows: impl Fn(usize, &T) -> Vec<R> + Sync,
) -> Result<(), DataError> {
    let mut file = Download::create(out, path)?;
    file.push(&head(path, table)?)?;
    file.extend(items, |i, item, buf| {
        rows(i, item).into_iter().try_for_each(|row| encode(path, &table.row(cells, row), buf))
    })?;
    made.add(path, file.finish()?);
    Ok(())
}

/// Characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written: one a spreadsheet would run as a formula gets a
/// leading `'`.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) { format!("'{cell}").into() } else { cell.into() }
}

/// [`neutralise`] as the bytes the CSV writer takes, copying only a cell
/// that changes.
fn cell_bytes(cell: &str) -> Cow<'_, [u8]> {
    match neutralise(cell) {
        Cow::Borrowed(s) => Cow::Borrowed(s.as_bytes()),
        Cow::Owned(s) => Cow::Owned(s.into_bytes()),
    }
}

/// Appends one CSV row (RFC 4180 quoting, CRLF), formulas neutralised.
fn encode(path: &str, row: &[String], buf: &mut Vec<u8>) -> Result<(), DataError> {
    let err = |source| DataError::Csv { path: path.to_string(), source };
    let mut w = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .quote_style(QuoteStyle::Necessary)
        .buffer_capacity(1024)
        .from_writer(buf);
    w.write_record(row.iter().map(|cell| cell_bytes(cell))).map_err(err)?;
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

    #[test]
    fn cells_a_spreadsheet_would_run_start_with_a_quote() {
        for formula in ["=HYPERLINK(\"http://x\")", "+62 21 555", "-1+1", "@SUM(A1)", "\t=1", "\r=1"] {
            assert_eq!(neutralise(formula), format!("'{formula}"));
        }
        for plain in ["Rapat koordinasi", "2024-07-12", "36.71", "", "a=b"] {
            assert_eq!(neutralise(plain), plain);
        }
        let mut buf = Vec::new();
        encode("t.csv", &["=1+1".to_string(), "ok".into()], &mut buf).unwrap();
        assert_eq!(buf, b"'=1+1,ok\r\n");
    }
}
