//! The source of a press release from the bylines Indonesian outlets use:
//! a dateline (`Jakarta (ANTARA) -`, `Samarinda, infosatu.co –`,
//! `TANGERANGEKSPRES.ID –`), `Pewarta:`/`Editor:`, `Reporter: ... Editor:
//! ...`, `Penulis:`, a dated line (`Kamis, 11 Juli 2024`), a copyright
//! year, and photo credits, which name a photographer, never the author.

use std::sync::LazyLock;

use regex::Regex;

use super::Found;
use super::dates::{self, Mention};
use super::furniture::{Article, Furniture, photo_credit};
use crate::model::PartialDate;

/// What the bylines say about the source.
#[derive(Debug, Clone, Default)]
pub struct Byline {
    /// Outlet or body that published it.
    pub publisher: Option<Found<String>>,
    /// Journalist or writer.
    pub author: Option<Found<String>>,
    /// Editor.
    pub editor: Option<Found<String>>,
    /// Publication date, at the precision the page gives.
    pub published: Option<Found<PartialDate>>,
    /// The note on it, when the date line disagrees with itself.
    pub published_note: Option<String>,
    /// A photo credit seen, and the caption it came from.
    pub photo_credit: Option<(String, String)>,
}

static ANTARA_STYLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Z][\p{L} .]*?\s*\(([A-Z][\p{L}\w .]*)\)\s*[-–—]\s").expect("valid pattern"));
static DOMAIN_AFTER_CITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Z][\p{L} .]*,\s*([\w-]+(?:\.[\w-]+)*\.(?:co\.id|or\.id|go\.id|com|co|id|net|org|news))\s*[-–—]\s")
        .expect("valid pattern")
});
static DOMAIN_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^([\w-]+(?:\.[\w-]+)*\.(?:co\.id|or\.id|go\.id|com|co|id|net|org|news))\s*[-–—]\s")
        .expect("valid pattern")
});
static LABELS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(pewarta|reporter|penulis|editor|redaktur|penyunting|kontributor|fotografer|sumber)\s*:\s*")
        .expect("valid pattern")
});
static COPYRIGHT_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)(?:copyright|©|hak cipta)\D*?((?:19|20)\d\d)").expect("valid pattern"));

/// Reads the source facts from the removed bylines and the first paragraph.
pub fn read(article: &Article) -> Byline {
    let mut b = Byline::default();
    for (kind, line) in &article.removed {
        match kind {
            Furniture::Byline => labelled(&mut b, line),
            Furniture::Copyright => {
                if let Some(c) = COPYRIGHT_YEAR.captures(line)
                    && let Ok(year) = c[1].parse()
                    && b.published.is_none()
                {
                    b.published = Some(Found::new(PartialDate { year, month: None, day: None }, line));
                }
                if b.publisher.is_none()
                    && let Some(name) = copyright_holder(line)
                {
                    b.publisher = Some(Found::new(name, line));
                }
            }
            Furniture::PhotoCredit => {
                if let Some(credit) = photo_credit(line) {
                    b.photo_credit = Some((format!("{}/ {}", credit.0, credit.1), line.clone()));
                }
            }
            _ => {}
        }
    }
    if let Some(first) = article.body.first() {
        dateline(&mut b, first, &article.removed);
    }
    b
}

/// `Pewarta: X`, `Reporter: X Editor: Y 820`, with a leading date.
fn labelled(b: &mut Byline, line: &str) {
    let labels: Vec<regex::Captures> = LABELS.captures_iter(line).collect();
    if let Some(first) = labels.first() {
        let before = &line[..first.get(0).expect("match").start()];
        if let Some(m) = dates::mentions(before).into_iter().find(|m| m.day_month.is_some() && m.year.is_some()) {
            published_from(b, &m, line);
        }
    }
    for (i, c) in labels.iter().enumerate() {
        let end = labels.get(i + 1).map_or(line.len(), |n| n.get(0).expect("match").start());
        let value = line[c.get(0).expect("match").end()..end].trim();
        // A view counter often follows the last name: "Budhy Tristanto 820".
        let value = value.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ').trim();
        if value.is_empty() {
            continue;
        }
        let slot = match c[1].to_lowercase().as_str() {
            "pewarta" | "reporter" | "penulis" | "kontributor" => &mut b.author,
            "editor" | "redaktur" | "penyunting" => &mut b.editor,
            _ => continue,
        };
        if slot.is_none() {
            *slot = Some(Found::new(value.to_string(), line));
        }
    }
}

fn published_from(b: &mut Byline, m: &Mention, line: &str) {
    let r = dates::resolve(m, None, None);
    if let Some(date) = r.date {
        b.published = Some(Found::new(date, line));
        if date.day.is_none() {
            b.published_note = r.note;
        }
    }
}

/// `Copyright © ANTARA 2023` gives ANTARA.
fn copyright_holder(line: &str) -> Option<String> {
    let words: Vec<&str> = line
        .split_whitespace()
        .filter(|w| {
            let l = w.to_lowercase();
            !(l == "copyright"
                || l == "©"
                || l == "(c)"
                || l == "hak"
                || l == "cipta"
                || w.chars().all(|c| c.is_ascii_digit()))
        })
        .collect();
    let name = words.join(" ");
    let name = name.trim_matches(|c: char| !c.is_alphanumeric()).trim();
    (!name.is_empty() && name.split_whitespace().count() <= 4).then(|| name.to_string())
}

/// The outlet named at the start of the first paragraph.
fn dateline(b: &mut Byline, first: &str, removed: &[(Furniture, String)]) {
    let found = if let Some(c) = ANTARA_STYLE.captures(first) {
        Some((c[1].trim().to_string(), c.get(0).expect("match").as_str()))
    } else if let Some(c) = DOMAIN_AFTER_CITY.captures(first) {
        Some((c[1].to_string(), c.get(0).expect("match").as_str()))
    } else {
        DOMAIN_FIRST.captures(first).map(|c| (spelled_out(&c[1], removed), c.get(0).expect("match").as_str()))
    };
    if let Some((name, _)) = found {
        // The dateline names the outlet that wrote this copy: it wins over a copyright holder.
        b.publisher = Some(Found::new(name, first));
    }
}

/// `TANGERANGEKSPRES.ID` is "Tangerang Ekspres" when the page spells the
/// name out elsewhere (a photo credit), else the domain in lowercase.
fn spelled_out(domain: &str, removed: &[(Furniture, String)]) -> String {
    let stem = domain.split('.').next().unwrap_or(domain).to_lowercase();
    for (_, line) in removed {
        if let Some((_, outlet)) = photo_credit(line) {
            let compact: String = outlet.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
            if compact == stem {
                return outlet;
            }
        }
    }
    domain.to_lowercase()
}
