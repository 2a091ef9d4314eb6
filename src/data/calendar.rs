//! The iCalendar (RFC 5545) feed of activities, written by hand: TEXT
//! escaping, 75-octet line folding on UTF-8 boundaries and CRLF line ends.
//!
//! Only activities whose day is known are included: a calendar entry needs
//! a day, and the portal never invents one, so an activity dated `2024-07`
//! or `2023` is left out (documented in `docs/data.md` and on `/data/`).

use std::fmt::Write as _;

use chrono::{NaiveDate, Utc};

use super::DataError;
use super::fingerprint::{self, Chunk, Fingerprints};
use super::ledger::Made;
use super::splice::Pieces;
use crate::address::Urls;
use crate::catalog::CALENDAR_PATH;
use crate::model::Precision;
use crate::output::Staging;
use crate::site::{ActivityIx, Site};

/// Longest content line in octets, without its CRLF (RFC 5545 §3.1).
const MAX_LINE: usize = 75;

/// Writes [`CALENDAR_PATH`], in pieces of a chunk of activities each
/// ([`super::splice`]): an edit makes again only the edited activity's.
pub fn write(site: &Site, urls: &Urls, out: &Staging, (made, fps): (&Made, &Fingerprints)) -> Result<(), DataError> {
    let mut ics = String::with_capacity(512);
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Terbuka//Terbuka//ID".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(&format!("{}: kegiatan", site.config.title))),
        format!("X-WR-CALDESC:{}", escape(&site.config.description)),
    ] {
        push_line(&mut ics, &line);
    }
    let mut file = Pieces::create(out, CALENDAR_PATH, false, made.old(out, CALENDAR_PATH)?)?;
    file.fresh(ics.as_bytes())?;
    // The years' chunks in turn: the site's order (newest first).
    let chunks: Vec<(&[ActivityIx], &Chunk)> = fps
        .years
        .iter()
        .zip(&fps.chunks)
        .flat_map(|((_, activities), chunks)| chunks.iter().map(move |c| (activities.as_slice(), c)))
        .collect();
    file.extend(
        &chunks,
        |(_, c)| fingerprint::piece("calendar", fps.site, false, c.own),
        |(activities, c), buf| {
            for &i in &activities[c.start..c.end] {
                if site.activities[i].meta.date.precision() == Precision::Day {
                    buf.extend_from_slice(event(site, urls, i).as_bytes());
                }
            }
            Ok(())
        },
    )?;
    let mut end = String::new();
    push_line(&mut end, "END:VCALENDAR");
    file.fresh(end.as_bytes())?;
    made.add_pieces(CALENDAR_PATH, file.finish()?);
    Ok(())
}

/// One VEVENT, folded and CRLF-terminated.
fn event(site: &Site, urls: &Urls, i: ActivityIx) -> String {
    let r = &site.activities[i];
    let m = &r.meta;
    let url = urls.absolute_of(site, i);
    let day = m.date.first_day();
    let mut lines = vec![
        "BEGIN:VEVENT".to_string(),
        // The page address is unique and permanent, as a UID must be.
        format!("UID:{url}"),
        // DTSTAMP must be a UTC time; the clock would break byte-identical
        // builds, so the activity's own day stands in for it.
        format!("DTSTAMP:{}T000000Z", ics_date(day)),
    ];
    match m.start {
        Some(start) => {
            lines.push(format!("DTSTART:{}", start.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ")));
            if let Some(end) = m.end.filter(|e| *e >= start) {
                lines.push(format!("DTEND:{}", end.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ")));
            }
        }
        None => {
            lines.push(format!("DTSTART;VALUE=DATE:{}", ics_date(day)));
            if let Some(next) = day.succ_opt() {
                lines.push(format!("DTEND;VALUE=DATE:{}", ics_date(next)));
            }
        }
    }
    lines.push(format!("SUMMARY:{}", escape(&m.title)));
    // No text, no description: the event's URL is in its own property.
    if !r.summary().is_empty() {
        let mut description = r.summary().to_string();
        let _ = write!(description, "\n\n{url}");
        lines.push(format!("DESCRIPTION:{}", escape(&description)));
    }
    let region = &site.regions[site.refs.activities[i].region].name;
    let region = Some(region.as_str()).filter(|region| !m.venue.as_deref().is_some_and(|v| names_region(v, region)));
    let location: Vec<&str> = m.venue.as_deref().into_iter().chain(region).collect();
    if !location.is_empty() {
        lines.push(format!("LOCATION:{}", escape(&location.join(", "))));
    }
    lines.push(format!("CATEGORIES:{}", escape(m.kind.label())));
    lines.push(format!("URL:{url}"));
    lines.push("STATUS:CONFIRMED".into());
    lines.push("TRANSP:TRANSPARENT".into());
    lines.push("END:VEVENT".into());
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 4).sum());
    for l in &lines {
        push_line(&mut out, l);
    }
    out
}

/// Whether a venue already names its region (`Aula Kantor Wali Kota
/// Tangerang` in `Kota Tangerang`, `Hotel Mercure Samarinda` in `Kota
/// Samarinda`), so a location does not say it twice.
fn names_region(venue: &str, region: &str) -> bool {
    let venue = venue.to_lowercase();
    let region = region.to_lowercase();
    let core = [
        "kota administrasi ",
        "kabupaten administrasi ",
        "kota ",
        "kabupaten ",
        "kab. ",
        "provinsi ",
        "kecamatan ",
        "kelurahan ",
        "desa ",
    ]
    .iter()
    .find_map(|p| region.strip_prefix(p))
    .unwrap_or(&region);
    venue.contains(core.trim())
}

fn ics_date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma
/// and newline; other control characters are not allowed and become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line folded at 75 octets, never inside a UTF-8
/// character, each piece ending in CRLF and continuations starting with a space.
pub fn push_line(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = MAX_LINE;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The leading space counts toward the next line's 75 octets.
        limit = MAX_LINE - 1;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_location_names_the_region_once() {
        assert!(super::names_region("Aula Kantor Wali Kota Tangerang", "Kota Tangerang"));
        assert!(super::names_region("Hotel Mercure Samarinda", "Kota Samarinda"));
        assert!(!super::names_region("Novotel", "Kota Tangerang"));
    }

    use super::*;

    #[test]
    fn escapes_text_values() {
        assert_eq!(escape("a,b;c\\d\ne\r\nf"), "a\\,b\\;c\\\\d\\ne\\nf");
    }

    #[test]
    fn folds_long_lines_on_character_boundaries() {
        let line = format!("SUMMARY:{}", "é".repeat(100));
        let mut out = String::new();
        push_line(&mut out, &line);
        let pieces: Vec<&str> = out.split("\r\n").filter(|p| !p.is_empty()).collect();
        assert!(pieces.len() > 2);
        assert!(pieces.iter().all(|p| p.len() <= MAX_LINE), "{pieces:?}");
        assert!(pieces[1..].iter().all(|p| p.starts_with(' ')));
        let unfolded: String = pieces.iter().enumerate().map(|(i, p)| if i == 0 { *p } else { &p[1..] }).collect();
        assert_eq!(unfolded, line);
    }
}
