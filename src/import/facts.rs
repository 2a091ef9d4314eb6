//! The facts a release states in words: how many ormas and people took
//! part ("diikuti oleh 21 Ormas", "100 peserta dari 30 ormas", "750
//! perwakilan"), where it took place, and what kind of activity it was.

use std::sync::LazyLock;

use regex::Regex;

use super::{Found, Sentence};
use crate::model::ActivityKind;

static ATTENDANCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(diikuti|dihadiri|mengikuti|menghadiri|hadir|melibatkan|dihadirkan)\b").expect("valid pattern")
});
/// A number (digits with thousands dots, or words) and the noun it counts.
static COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(\d{1,3}(?:\.\d{3})+|\d+|(?:se|satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan)(?:\s?puluh|\s?belas|\s?ratus)?(?:\s(?:satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan))?|sepuluh|sebelas|seratus)\s+(ormas|organisasi kemasyarakatan|organisasi masyarakat|peserta|perwakilan|orang|undangan|hadirin|anggota)\b",
    )
    .expect("valid pattern")
});
static HEDGE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(lebih dari|sekitar|hampir|kurang lebih|kurang dari|puluhan|ratusan|ribuan|±|\+/-)\s*$")
        .expect("valid pattern")
});

/// Indonesian number words up to a few hundred (`dua puluh satu`).
fn number(text: &str) -> Option<u32> {
    let t = text.to_lowercase();
    if let Ok(n) = t.replace('.', "").parse() {
        return Some(n);
    }
    let unit = |w: &str| -> Option<u32> {
        Some(match w {
            "se" | "satu" => 1,
            "dua" => 2,
            "tiga" => 3,
            "empat" => 4,
            "lima" => 5,
            "enam" => 6,
            "tujuh" => 7,
            "delapan" => 8,
            "sembilan" => 9,
            _ => return None,
        })
    };
    let t = t.replace("sepuluh", "se puluh").replace("sebelas", "se belas").replace("seratus", "se ratus");
    let t = t.replace("puluh", " puluh").replace("belas", " belas").replace("ratus", " ratus");
    let words: Vec<&str> = t.split_whitespace().collect();
    let mut total = 0;
    let mut current = 0;
    for w in words {
        match w {
            "puluh" => current *= 10,
            "belas" => current += 10,
            "ratus" => current *= 100,
            w => {
                total += current;
                current = unit(w)?;
            }
        }
    }
    Some(total + current)
}

/// Counts of ormas and of people, from sentences about attendance.
pub fn counts(sentences: &[Sentence]) -> (Option<Found<u32>>, Option<Found<u32>>) {
    let (mut ormas, mut people) = (None, None);
    for s in sentences {
        if !ATTENDANCE.is_match(&s.text) {
            continue;
        }
        for c in COUNT.captures_iter(&s.text) {
            let start = c.get(0).expect("match").start();
            // "lebih dari 100 peserta" is not a count to record.
            if HEDGE.is_match(&s.text[..start]) {
                continue;
            }
            let Some(n) = number(&c[1]) else { continue };
            let noun = c[2].to_lowercase();
            let slot =
                if noun.starts_with("ormas") || noun.starts_with("organisasi") { &mut ormas } else { &mut people };
            if slot.is_none() {
                *slot = Some(Found::new(n, &s.text));
            }
        }
    }
    (ormas, people)
}

/// First words of a place.
const VENUE_WORDS: &[&str] = &[
    "alun",
    "aula",
    "auditorium",
    "balai",
    "cafe",
    "convention",
    "gedung",
    "gor",
    "graha",
    "hall",
    "hotel",
    "kafe",
    "kampus",
    "kantor",
    "lapangan",
    "lantai",
    "markas",
    "masjid",
    "mercure",
    "novotel",
    "pendapa",
    "pendopo",
    "plaza",
    "restoran",
    "ruang",
    "rumah",
    "sekretariat",
    "taman",
    "universitas",
    "wisma",
];
/// Verbs after which "di ..." is where the activity took place.
static HELD_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(berlangsung|dihelat|digelar|diadakan|dilaksanakan|diselenggarakan|bertempat|pertemuan|acara)\s+$",
    )
    .expect("valid pattern")
});

/// The place: a run of capitalised words after "di" that starts with a
/// word for a building or follows a verb of holding, up to a weekday, a
/// lowercase word or the end of the sentence. A region alone is not one.
pub fn venue(sentences: &[Sentence], is_region: impl Fn(&str) -> bool) -> Option<Found<String>> {
    for s in sentences {
        let text = &s.text;
        let mut from = 0;
        while let Some(i) = find_word(text, "di", from) {
            from = i + 2;
            let phrase = place_after(&text[i + 3..]);
            if phrase.is_empty() {
                continue;
            }
            let first = phrase.split([' ', '-']).next().unwrap_or("").to_lowercase();
            let held = HELD_AT.is_match(&text[..i]);
            if (VENUE_WORDS.contains(&first.as_str()) || held) && !is_region(&phrase) {
                return Some(Found::new(phrase, text));
            }
        }
    }
    None
}

/// Byte offset of the word `word` (case-insensitive) at or after `from`.
fn find_word(text: &str, word: &str, from: usize) -> Option<usize> {
    // ASCII lowercase keeps every byte offset of `text`.
    let lower = text.to_ascii_lowercase();
    let mut at = from;
    while let Some(i) = lower.get(at..)?.find(word).map(|i| i + at) {
        let before_ok = i == 0 || lower[..i].ends_with(' ');
        let after_ok = lower[i + word.len()..].starts_with(' ');
        if before_ok && after_ok {
            return Some(i);
        }
        at = i + word.len();
    }
    None
}

/// The capitalised run at the start of `rest`, across commas and
/// parenthesised abbreviations, stopping at a weekday or a date.
fn place_after(rest: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for w in rest.split(' ') {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        let starts_upper = bare.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        let paren = w.starts_with('(') && !w.contains('/');
        let stop = bare.is_empty()
            || (!starts_upper && !paren)
            || super::dates::weekday(bare).is_some()
            || super::dates::month_number(bare).is_some()
                && bare.len() > 2
                && out.last().is_some_and(|p| p.ends_with(|c: char| c.is_ascii_digit()));
        if stop {
            break;
        }
        out.push(w);
        if w.ends_with(['.', ';', ':', '"', '”']) {
            break;
        }
    }
    out.join(" ").trim_end_matches([',', '.', ';', ':', '"', '”']).trim().to_string()
}

/// Words that name each kind of activity.
const KIND_WORDS: &[(ActivityKind, &[&str])] = &[
    (ActivityKind::Sosialisasi, &["sosialisasi"]),
    (ActivityKind::RapatKoordinasi, &["rapat koordinasi", "rakor"]),
    (ActivityKind::Audiensi, &["audiensi", "beraudiensi"]),
    (ActivityKind::Pelatihan, &["pelatihan", "bimbingan teknis", "bimtek", "workshop", "lokakarya", "diklat"]),
    (ActivityKind::Kunjungan, &["kunjungan kerja", "kunker", "berkunjung", "mengunjungi"]),
    (ActivityKind::Penandatanganan, &["penandatanganan", "menandatangani", "nota kesepahaman"]),
    (ActivityKind::PenyerahanHibah, &["penyerahan hibah", "menyerahkan hibah", "dana hibah", "bantuan hibah"]),
    (ActivityKind::Kemitraan, &["kegiatan kemitraan", "kemitraan"]),
];

static ORGANISE_KIND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(menggelar|mengadakan|menyelenggarakan|melaksanakan|gelar|adakan)\s+((?:\S+\s+){0,2}\S+)")
        .expect("valid pattern")
});

fn kinds_in(text: &str) -> Vec<ActivityKind> {
    let lower = text.to_lowercase();
    KIND_WORDS
        .iter()
        .filter(|(_, words)| words.iter().any(|w| find_word(&format!(" {lower} "), w, 0).is_some()))
        .map(|(k, _)| *k)
        .collect()
}

/// The kind of activity: named right after the verb of organising, or
/// else the only kind the release names at all. `None` when the wording
/// names none ("pertemuan") or several.
/// The name of the venue is left out ("Aula Pusat Pelatihan Kerja" is no
/// training).
pub fn kind(sentences: &[Sentence], title: Option<&str>, venue: Option<&str>) -> Option<Found<ActivityKind>> {
    let without_venue = |t: &str| match venue {
        Some(v) if !v.is_empty() => t.replace(v, " "),
        _ => t.to_string(),
    };
    for s in sentences {
        for c in ORGANISE_KIND.captures_iter(&without_venue(&s.text)) {
            if let [k] = kinds_in(&c[2]).as_slice() {
                return Some(Found::new(*k, &s.text));
            }
        }
    }
    let mut all: Vec<(ActivityKind, &str)> = Vec::new();
    for text in title.into_iter().chain(sentences.iter().map(|s| s.text.as_str())) {
        for k in kinds_in(&without_venue(text)) {
            if !all.iter().any(|(seen, _)| *seen == k) {
                all.push((k, text));
            }
        }
    }
    match all.as_slice() {
        [(k, text)] => Some(Found::new(*k, text)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words() {
        assert_eq!(number("21"), Some(21));
        assert_eq!(number("3.023"), Some(3023));
        assert_eq!(number("sepuluh"), Some(10));
        assert_eq!(number("dua puluh satu"), Some(21));
        assert_eq!(number("seratus"), Some(100));
        assert_eq!(number("lima belas"), Some(15));
    }

    #[test]
    fn places_stop_at_weekdays_and_lowercase() {
        assert_eq!(place_after("Taman Bambu, Kota Tangerang, Kamis (8/7)."), "Taman Bambu, Kota Tangerang");
        assert_eq!(place_after("Novotel Tangerang ini dihadiri"), "Novotel Tangerang");
        assert_eq!(
            place_after("Aula Pusat Pelatihan Kerja Daerah (PPKD) Jakarta Timur, Pondok Kelapa, Duren Sawit, Selasa."),
            "Aula Pusat Pelatihan Kerja Daerah (PPKD) Jakarta Timur, Pondok Kelapa, Duren Sawit"
        );
    }
}
