//! Indonesian dates as press releases write them (`Kamis (8/7)`,
//! `Jum'at (12/7/2024)`, `Selasa, 15 Oktober 2024`, `12 Juli 2024`, a
//! bare `Selasa`), checked against their weekday and recorded only at the
//! precision that is certain, with the reason in words for `notes`.

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate, Weekday};
use regex::Regex;

use crate::model::PartialDate;

const WEEKDAY: &str = r"senin|selasa|rabu|kamis|jum['’]?at|sabtu|minggu|ahad";
const MONTH: &str = r"januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|november|nopember|desember|jan|feb|mar|apr|jun|jul|agu|agt|ags|sep|sept|okt|nov|nop|des";

static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:({WEEKDAY})\b\s*,?\s*)?\(?\s*(\d{{1,2}})/(\d{{1,2}})(?:/(\d{{4}}|\d{{2}}))?\s*\)?"))
        .expect("valid pattern")
});
static WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:({WEEKDAY})\b\s*,?\s*\(?)?(\d{{1,2}})\s+({MONTH})\.?(?:\s+(\d{{4}}))?\b\)?"))
        .expect("valid pattern")
});
static BARE_WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i)\b({WEEKDAY})\b")).expect("valid pattern"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(20\d\d)\b").expect("valid pattern"));

/// A date as the text writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The words as written (`Kamis (8/7)`).
    pub text: String,
    /// Byte offset in the sentence.
    pub start: usize,
    /// The weekday named with it.
    pub weekday: Option<Weekday>,
    /// Day and month, when given.
    pub day_month: Option<(u32, u32)>,
    /// The year, when given.
    pub year: Option<i32>,
}

/// The month a name or short form stands for.
pub fn month_number(name: &str) -> Option<u32> {
    crate::model::month_from_name(name)
}

/// The weekday an Indonesian day name stands for.
pub fn weekday(name: &str) -> Option<Weekday> {
    let n: String = name.to_lowercase().chars().filter(char::is_ascii_alphabetic).collect();
    Some(match n.as_str() {
        "senin" => Weekday::Mon,
        "selasa" => Weekday::Tue,
        "rabu" => Weekday::Wed,
        "kamis" => Weekday::Thu,
        "jumat" => Weekday::Fri,
        "sabtu" => Weekday::Sat,
        "minggu" | "ahad" => Weekday::Sun,
        _ => return None,
    })
}

/// The Indonesian name of a weekday.
pub fn weekday_name(w: Weekday) -> &'static str {
    match w {
        Weekday::Mon => "Senin",
        Weekday::Tue => "Selasa",
        Weekday::Wed => "Rabu",
        Weekday::Thu => "Kamis",
        Weekday::Fri => "Jumat",
        Weekday::Sat => "Sabtu",
        Weekday::Sun => "Minggu",
    }
}

fn year_of(text: Option<regex::Match<'_>>) -> Option<i32> {
    let t = text?.as_str();
    let y: i32 = t.parse().ok()?;
    Some(if t.len() == 2 { 2000 + y } else { y })
}

/// Every date in a sentence, in order; a weekday alone counts too.
pub fn mentions(sentence: &str) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    for c in NUMERIC.captures_iter(sentence).chain(WORDS.captures_iter(sentence)) {
        let whole = c.get(0).expect("match");
        let (day, month) = match (c[2].parse::<u32>(), c.get(3).map(|m| m.as_str())) {
            (Ok(d), Some(m)) => match m.parse::<u32>() {
                Ok(n) => (d, n),
                Err(_) => (d, month_number(m).unwrap_or(0)),
            },
            _ => continue,
        };
        if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
            continue;
        }
        out.push(Mention {
            text: whole.as_str().trim().to_string(),
            start: whole.start(),
            weekday: c.get(1).and_then(|w| weekday(w.as_str())),
            day_month: Some((day, month)),
            year: year_of(c.get(4)),
        });
    }
    for c in BARE_WEEKDAY.captures_iter(sentence) {
        let m = c.get(0).expect("match");
        if !out.iter().any(|o| o.start <= m.start() && m.start() < o.start + o.text.len()) {
            out.push(Mention {
                text: m.as_str().to_string(),
                start: m.start(),
                weekday: weekday(m.as_str()),
                day_month: None,
                year: None,
            });
        }
    }
    out.sort_by_key(|m| m.start);
    out
}

/// A date worked out, with what `notes` should say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// The date at the precision that is certain; `None` when not even
    /// the year is.
    pub date: Option<PartialDate>,
    /// An editorial note in Bahasa Indonesia, as the seed records write it.
    pub note: Option<String>,
    /// Why staff should look again, when a part was inferred.
    pub check: Option<String>,
}

/// A year the text names, with the words before it (`Pilkada Serentak
/// 2024`), when it names exactly one year.
pub fn only_year(sentences: &[&str]) -> Option<(i32, String)> {
    let mut found: Option<(i32, String)> = None;
    for s in sentences {
        for c in YEAR.captures_iter(s) {
            let y: i32 = c[1].parse().ok()?;
            match &found {
                Some((other, _)) if *other != y => return None,
                Some(_) => {}
                None => {
                    let end = c.get(0).expect("match").end();
                    let before: Vec<&str> = s[..end].split_whitespace().rev().take(3).collect();
                    let phrase = before.into_iter().rev().collect::<Vec<_>>().join(" ");
                    found = Some((y, phrase.trim_matches(|c: char| !c.is_alphanumeric()).to_string()));
                }
            }
        }
    }
    found
}

/// Works out the date of `m`: its year from the text, else from the
/// publication date, else from the only year the text names; its day
/// only when the weekday agrees.
pub fn resolve(m: &Mention, published: Option<PartialDate>, context_year: Option<&(i32, String)>) -> Resolved {
    let quoted = &m.text;
    let Some((day, month)) = m.day_month else {
        // A weekday alone: only the year, and only from the publication.
        return match published {
            Some(p) => Resolved {
                date: Some(PartialDate { year: p.year, month: None, day: None }),
                note: Some(format!(
                    "Berita hanya menyebut hari \"{quoted}\" tanpa tanggal; tahun kegiatan diambil dari tahun terbit ({}), sehingga hanya tahun yang dicatat.",
                    p.year
                )),
                check: Some("only the weekday is given: the year is the publication's".into()),
            },
            None => Resolved {
                date: None,
                note: Some(format!("Berita hanya menyebut hari \"{quoted}\" tanpa tanggal maupun tahun.")),
                check: Some("the text gives no date".into()),
            },
        };
    };
    let (year, whence, check) = match (m.year, published, context_year) {
        (Some(y), ..) => (y, None, None),
        (None, Some(p), _) => {
            // Reported after the event: a later day-month is last year's.
            let later = (month, day) > (p.month.unwrap_or(12), p.day.unwrap_or(31));
            let y = if later && p.month.is_some() { p.year - 1 } else { p.year };
            (y, Some(format!("tahunnya diambil dari tanggal terbit ({p})")), None)
        }
        (None, None, Some((y, phrase))) => (
            *y,
            Some(format!("tahun {y} disimpulkan dari \"{phrase}\" dalam berita")),
            Some(format!("the year {y} is inferred from \"{phrase}\"")),
        ),
        (None, None, None) => {
            return Resolved {
                date: None,
                note: Some(format!("Sumber menulis \"{quoted}\" tanpa tahun dan tanpa tanggal terbit.")),
                check: Some("the year is not given".into()),
            };
        }
    };
    let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
        return Resolved {
            date: Some(PartialDate { year, month: Some(month), day: None }),
            note: Some(format!("Sumber menulis \"{quoted}\", yang bukan tanggal yang ada; hanya bulan yang dicatat.")),
            check: Some("the day does not exist".into()),
        };
    };
    let full = PartialDate::from_naive(date);
    let said = match &whence {
        Some(w) => format!("Sumber menulis \"{quoted}\" tanpa tahun; {w}"),
        None => format!("Tanggal kegiatan disebut \"{quoted}\""),
    };
    match m.weekday {
        Some(w) if w == date.weekday() => Resolved {
            date: Some(full),
            note: Some(format!("{said}; {} memang hari {}.", full.to_indonesian(), weekday_name(w))),
            check,
        },
        Some(w) => Resolved {
            date: Some(PartialDate { year, month: Some(month), day: None }),
            note: Some(format!(
                "{said}, padahal {} jatuh pada hari {}, bukan {}; karena tidak jelas tanggal mana yang benar, hanya bulan yang dicatat.",
                full.to_indonesian(),
                weekday_name(date.weekday()),
                weekday_name(w)
            )),
            check,
        },
        None => Resolved { date: Some(full), note: whence.map(|_| format!("{said}.")), check },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_and_weekday_names() {
        assert_eq!(month_number("Juli"), Some(7));
        assert_eq!(month_number("Okt."), Some(10));
        assert_eq!(weekday("Jum'at"), Some(Weekday::Fri));
        assert_eq!(weekday("Ahad"), Some(Weekday::Sun));
    }
}
