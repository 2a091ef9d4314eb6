//! Finds the portal's records in a press release: agencies, ormas,
//! officials, regions and topics, by the keys of their names,
//! abbreviations and other names ([`crate::names`]), in both readings of
//! each sentence. A name is turned into an id only when exactly one record
//! bears it; officials without a record are kept by name, with the role
//! the text gives them, and only where the text says what their role is.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use super::{Found, Portal, Sentence};
use crate::model::Official;
use crate::names::{self, NameIndex, Word, index::Fit};

/// What sort of record a name was found for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An agency.
    Agency,
    /// An ormas.
    Ormas,
    /// A person.
    Person,
}

/// A record named in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Which collection.
    pub kind: Kind,
    /// Position in the portal's list of that collection.
    pub index: usize,
    /// How the name matched.
    pub fit: Fit,
    /// Byte range in the sentence reading it was found in.
    pub start: usize,
    /// End of that range.
    pub end: usize,
}

/// Longest-first scan of `words` for names in `ix`: `take(first word,
/// end word, record, fit)` for each name found.
fn scan_index(words: &[Word], ix: &NameIndex<usize>, mut take: impl FnMut(usize, usize, usize, Fit)) {
    let longest = ix.longest().max(1);
    let mut i = 0;
    while i < words.len() {
        let mut matched = 0;
        for len in (1..=longest.min(words.len() - i)).rev() {
            let key = words[i..i + len].iter().map(|w| w.norm.as_str()).collect::<Vec<_>>().join(" ");
            if key.split(' ').count() > longest {
                continue;
            }
            if let Some((value, fit)) = ix.unique_key(&key) {
                take(i, i + len, value, fit);
                matched = len;
                break;
            }
        }
        i += matched.max(1);
    }
}

/// Agencies, ormas and people named in `text`, longest name first.
pub fn scan(text: &str, portal: &Portal) -> Vec<Hit> {
    let words = names::words(text);
    let mut hits: Vec<Hit> = Vec::new();
    let ix = &portal.ix;
    for (kind, index) in [(Kind::Agency, &ix.agencies), (Kind::Ormas, &ix.ormas), (Kind::Person, &ix.people)] {
        scan_index(&words, index, |a, b, value, fit| {
            // A loose fit on one word ("Tangerang") is too weak for anything but a region.
            if fit == Fit::Loose && b - a < 2 {
                return;
            }
            let (start, end) = (words[a].start, words[b - 1].end);
            // "Herman" inside "Herman Susilo" is someone else.
            let continues = words.get(b).is_some_and(|w| {
                w.start == end + 1 && text[w.start..w.end].starts_with(char::is_uppercase) && kind == Kind::Person
            });
            if !continues && !hits.iter().any(|h| h.start < end && start < h.end) {
                hits.push(Hit { kind, index: value, fit, start, end });
            }
        });
    }
    hits.sort_by_key(|h| h.start);
    hits
}

/// Regions named in `text`: (region position, start, end).
pub fn regions(text: &str, portal: &Portal) -> Vec<(usize, usize, usize)> {
    let words = names::words(text);
    let mut out = Vec::new();
    scan_index(&words, &portal.ix.regions, |a, b, value, _| out.push((value, words[a].start, words[b - 1].end)));
    out
}

/// Topics whose name the text uses, or whose every word one sentence uses
/// outside the names of records ("sinergi pembangunan", or "keamanan,
/// dan ketertiban" for Ketertiban dan Keamanan).
pub fn topics(sentences: &[Sentence], portal: &Portal) -> Vec<Found<String>> {
    let mut out: Vec<Found<String>> = Vec::new();
    for s in sentences {
        let mut text = s.long.clone();
        for h in scan(&s.long, portal).iter().rev() {
            text.replace_range(h.start..h.end, " ");
        }
        let words: HashSet<String> =
            text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
        let phrase_hits: Vec<usize> = {
            let ws = names::words(&text);
            let mut v = Vec::new();
            scan_index(&ws, &portal.ix.topics, |_, _, t, fit| {
                if fit == Fit::Exact {
                    v.push(t);
                }
            });
            v
        };
        for (t, topic) in portal.topics.iter().enumerate() {
            let all_words = topic
                .name
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .all(|w| words.contains(&w.to_lowercase()));
            if (all_words || phrase_hits.contains(&t)) && !out.iter().any(|f| f.value == topic.id) {
                out.push(Found::new(topic.id.clone(), &s.text));
            }
        }
    }
    out
}

static ORGANISE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(menggelar|mengadakan|menyelenggarakan|melaksanakan|menginisiasi|memfasilitasi|gelar|adakan)\b")
        .expect("valid pattern")
});
static ORGANISED_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(diinisiasi|diprakarsai|diselenggarakan|digelar|diadakan|dilaksanakan|difasilitasi)\b(\s+oleh)?")
        .expect("valid pattern")
});
static ATTEND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(diikuti|dihadiri|hadir|menghadiri|mengikuti|didampingi|bersama|turut|melibatkan)\b")
        .expect("valid pattern")
});

/// Words that may sit between an organiser's name and its verb.
fn only_filler(gap: &str) -> bool {
    gap.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| matches!(w.to_lowercase().as_str(), "juga" | "akan" | "telah" | "kembali" | "turut" | "pun"))
}

/// The agencies that organised the activity, by the verbs that say so;
/// failing those, the agency the first sentence opens with.
pub fn organizers(sentences: &[Sentence], title: Option<&str>, portal: &Portal) -> Vec<Found<usize>> {
    let mut out: Vec<Found<usize>> = Vec::new();
    let push = |out: &mut Vec<Found<usize>>, found: Found<usize>| {
        if !out.iter().any(|f| f.value == found.value) {
            out.push(found);
        }
    };
    for s in sentences {
        for reading in [&s.long, &s.short] {
            let hits: Vec<Hit> = scan(reading, portal).into_iter().filter(|h| h.kind == Kind::Agency).collect();
            for m in ORGANISED_BY.find_iter(reading) {
                for h in hits.iter().filter(|h| h.start >= m.end()) {
                    push(&mut out, at_hit(h, reading, &s.text));
                }
            }
            for m in ORGANISE.find_iter(reading) {
                if let Some(h) = hits.iter().rev().find(|h| h.end <= m.start())
                    && only_filler(&reading[h.end..m.start()])
                {
                    push(&mut out, at_hit(h, reading, &s.text));
                }
            }
        }
    }
    if out.is_empty()
        && let Some(title) = title
    {
        let (long, _) = super::text::readings(title);
        let hits: Vec<Hit> = scan(&long, portal).into_iter().filter(|h| h.kind == Kind::Agency).collect();
        for m in ORGANISE.find_iter(&long) {
            if let Some(h) = hits.iter().rev().find(|h| h.end <= m.start())
                && only_filler(&long[h.end..m.start()])
            {
                push(&mut out, Found::new(h.index, title));
            }
        }
    }
    if out.is_empty()
        && let Some(first) = sentences.first()
    {
        let body = strip_dateline(&first.long);
        let offset = first.long.len() - body.len();
        if let Some(h) = scan(&first.long, portal).into_iter().find(|h| h.kind == Kind::Agency)
            && first.long[offset..h.start].trim().is_empty()
        {
            let mut f = Found::new(h.index, &first.text);
            f.check = Some("no verb says who organised it: this agency opens the first sentence".into());
            push(&mut out, f);
        }
    }
    out
}

/// A record found at `h` in `reading`, quoting the words that named it.
fn at_hit(h: &Hit, reading: &str, sentence: &str) -> Found<usize> {
    let mut f = Found::new(h.index, sentence);
    f.words = reading.get(h.start..h.end).map(str::to_string);
    f
}

/// The first sentence without a dateline (`Jakarta (ANTARA) - `).
fn strip_dateline(s: &str) -> &str {
    for dash in [" – ", " - ", " — "] {
        if let Some(i) = s.find(dash)
            && i < 60
        {
            return &s[i + dash.len()..];
        }
    }
    s
}

/// Agencies present: named in a sentence about who attended or
/// accompanied, or in the role of an official.
pub fn present_agencies(sentences: &[Sentence], portal: &Portal) -> Vec<Found<usize>> {
    let mut out: Vec<Found<usize>> = Vec::new();
    for s in sentences {
        if !ATTEND.is_match(&s.long) {
            continue;
        }
        for h in scan(&s.long, portal).into_iter().filter(|h| h.kind == Kind::Agency) {
            if !out.iter().any(|f| f.value == h.index) {
                out.push(at_hit(&h, &s.long, &s.text));
            }
        }
    }
    out
}

/// Ormas named anywhere in the body.
pub fn ormas(sentences: &[Sentence], portal: &Portal) -> Vec<Found<usize>> {
    let mut out: Vec<Found<usize>> = Vec::new();
    for s in sentences {
        for reading in [&s.long, &s.short] {
            for h in scan(reading, portal).into_iter().filter(|h| h.kind == Kind::Ormas) {
                if !out.iter().any(|f| f.value == h.index) {
                    out.push(at_hit(&h, reading, &s.text));
                }
            }
        }
    }
    out
}

/// First words of a role (`Ketua`, `Wakil Wali Kota`, `Plh Kepala`, ...).
const ROLE_HEADS: &[&str] = &[
    "anggota",
    "asisten",
    "bendahara",
    "bupati",
    "camat",
    "dandim",
    "danramil",
    "danrem",
    "deputi",
    "direktur",
    "dirjen",
    "gubernur",
    "kaban",
    "kabid",
    "kadis",
    "kapolda",
    "kapolres",
    "kapolsek",
    "kasat",
    "kasi",
    "kasubag",
    "kepala",
    "ketua",
    "ketum",
    "komandan",
    "komisioner",
    "koordinator",
    "lurah",
    "menteri",
    "moderator",
    "narasumber",
    "pembicara",
    "pembina",
    "pemateri",
    "penasihat",
    "perwakilan",
    "pj",
    "pjs",
    "plh",
    "plt",
    "sekda",
    "sekjen",
    "sekretaris",
    "staf",
    "wakil",
    "wali",
    "walikota",
];

fn is_role_head(word: &str) -> bool {
    ROLE_HEADS.contains(&word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase().as_str())
}

/// The role written right before position `at` ("Ketua KPU Kota
/// Tangerang" before "Qori Ayatullah"): capitalised words back to a role
/// head, across one comma.
fn role_before(text: &str, at: usize) -> Option<String> {
    let before = text[..at].trim_end().trim_end_matches(',').trim_end();
    let words: Vec<&str> = before.split(' ').collect();
    let mut run = Vec::new();
    for w in words.iter().rev() {
        let bare = w.trim_matches(|c: char| !c.is_alphanumeric());
        let capital = bare.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
        if capital || bare == "dan" {
            run.push(*w);
            if w.ends_with([',', '.', ';', ':']) && run.len() > 1 {
                run.pop();
                break;
            }
        } else {
            break;
        }
    }
    run.reverse();
    let head = run.iter().position(|w| is_role_head(w))?;
    let role = run[head..].join(" ");
    Some(role.trim_matches(|c: char| c == ',' || c == ' ').to_string())
}

static NAME: &str = r"((?:(?:H|Hj|Dr|Drs|Ir)\.\s)?[A-Z][\p{Ll}'’]+(?:\s[A-Z][\p{Ll}'’]+){0,3})";
static SALAH_SATU_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"(?i:salah satu)\s+([^,.]+?),\s+{NAME}")).expect("valid pattern"));
static SALAH_SATU_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{NAME},\s+(?i:salah satu)\s+(\p{{Ll}}+(?:\s+(?:[A-Z0-9][\w.]*|dan|di))*)"))
        .expect("valid pattern")
});
static SPEAKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"\b(pemateri|narasumber|pembicara|moderator)\s+{NAME}")).expect("valid pattern")
});
static AND_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"\b(?:serta|dan)\s+{NAME}\s+yang\b")).expect("valid pattern"));

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Whether a capitalised run is a person's name rather than a known word.
fn is_name(candidate: &str, portal: &Portal) -> bool {
    let key = names::key(candidate);
    !key.is_empty()
        && !candidate.split_whitespace().any(|w| is_role_head(w) || names::expand(&w.to_lowercase()).is_some())
        && super::dates::weekday(candidate.split_whitespace().next().unwrap_or("")).is_none()
        && portal.ix.regions.unique_key(&key).is_none()
        && portal.ix.agencies.unique_key(&key).is_none()
        && portal.ix.ormas.unique_key(&key).is_none()
}

/// Officials: people with a record, confirmed by their role or agency in
/// the text, and people without one where the text gives their role.
pub fn officials(sentences: &[Sentence], agencies_seen: &[usize], portal: &Portal) -> Vec<Found<Official>> {
    let mut people: Vec<Found<Official>> = Vec::new();
    let mut named: Vec<Found<Official>> = Vec::new();
    for s in sentences {
        let text = &s.long;
        for h in scan(text, portal).into_iter().filter(|h| h.kind == Kind::Person) {
            if people.iter().any(|p| p.value.person.as_deref() == Some(portal.people[h.index].id.as_str())) {
                continue;
            }
            let role = role_before(text, h.start).or_else(|| {
                SALAH_SATU_AFTER
                    .captures(&text[h.start..])
                    .filter(|c| c.get(0).is_some_and(|m| m.start() == 0))
                    .map(|c| capitalise(&c[2]))
            });
            if let Some(found) = person_official(h.index, role, agencies_seen, &s.text, portal) {
                people.push(found);
            }
        }
        let mut add = |name: &str, role: String| {
            let name = name.trim().to_string();
            if !is_name(&name, portal) || named.iter().any(|n| n.value.name.as_deref() == Some(name.as_str())) {
                return;
            }
            if portal.ix.people.unique_key(&names::key(&name)).is_some() {
                return;
            }
            named.push(Found::new(Official { person: None, name: Some(name.into()), role: role.into() }, &s.text));
        };
        for c in SALAH_SATU_BEFORE.captures_iter(text) {
            add(&c[2], capitalise(c[1].trim()));
        }
        for c in SALAH_SATU_AFTER.captures_iter(text) {
            add(&c[1], capitalise(c[2].trim()));
        }
        for c in SPEAKER.captures_iter(text) {
            let role = capitalise(&c[1]);
            add(&c[2], role.clone());
            let after = c.get(0).expect("match").end();
            for n in AND_NAME.captures_iter(&text[after..]) {
                add(&n[1], role.clone());
            }
        }
    }
    people.extend(named);
    people
}

/// An official with a person record: the role as the record spells it
/// when the text's role is one of the person's positions, or the position
/// in an agency the text names. A one-word name ("Herman") counts only
/// when the text also names the role or the agency.
fn person_official(
    p: usize,
    text_role: Option<String>,
    agencies_seen: &[usize],
    sentence: &str,
    portal: &Portal,
) -> Option<Found<Official>> {
    let person = &portal.people[p];
    let positions = &person.meta.positions;
    let role_key = text_role.as_deref().map(names::key);
    let by_role = role_key.as_ref().and_then(|k| {
        positions.iter().find(|pos| {
            let pk = names::key(&pos.role);
            pk == *k || pk.starts_with(&format!("{k} "))
        })
    });
    let seen = |pos: &&crate::model::Position| {
        pos.agency.as_deref().is_some_and(|a| agencies_seen.iter().any(|&i| portal.agencies[i].id == a))
    };
    let by_agency = positions.iter().rfind(seen);
    let one_word = !person.meta.name.trim().contains(' ');
    if one_word && by_role.is_none() && by_agency.is_none() {
        return None;
    }
    let (role, check) = match (by_role, &text_role, by_agency) {
        (Some(pos), ..) => (pos.role.clone(), None),
        (None, Some(r), _) => {
            (capitalise(r), Some("the text gives a role the person's record does not list".to_string()))
        }
        (None, None, Some(pos)) => (pos.role.clone(), Some("role taken from the person's record".to_string())),
        (None, None, None) => match positions.as_slice() {
            [only] => (only.role.clone(), Some("role taken from the person's record".to_string())),
            _ => (String::new(), Some("the text does not say the role".to_string())),
        },
    };
    let mut f = Found::new(Official { person: Some(person.id), name: None, role: role.into() }, sentence);
    f.check = check;
    Some(f)
}
