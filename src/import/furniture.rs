//! Separates a press release copied from a web page into its headline,
//! the lines around it (bylines, captions, sub-headlines) and the body,
//! and drops the page furniture: "Baca juga" lines, related and popular
//! news lists, "6 hari ago" lists, share buttons, photo credits, view
//! counters, copyright and byline lines.

/// Why a line was left out of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Furniture {
    /// "Baca juga: ..." links inside the text.
    ReadAlso,
    /// A related or popular news list, its header and its items.
    RelatedList,
    /// "Tangerang6 hari ago" and the headline after it.
    TimeAgoList,
    /// "Bagikan ke :", "Share", section links such as "VIDEO +indeks".
    Share,
    /// "(Foto: ...)" or a caption ending in "-Name/ Outlet-".
    PhotoCredit,
    /// A number standing alone, "Dibaca 820 kali".
    ViewCounter,
    /// "Copyright © ANTARA 2023".
    Copyright,
    /// "Pewarta: ...", "Reporter: ... Editor: ...", "Sumber:".
    Byline,
    /// A short label above the headline ("Kota Tangerang").
    Category,
    /// A second headline or a repeated one.
    Subheading,
    /// A line of punctuation only ("-", "•") between list items.
    Separator,
}

impl Furniture {
    /// How staff would call it, for the report.
    pub fn label(self) -> &'static str {
        match self {
            Self::ReadAlso => "\"Baca juga\" line",
            Self::RelatedList => "related or popular news list",
            Self::TimeAgoList => "\"x hari ago\" list",
            Self::Share => "share buttons and section links",
            Self::PhotoCredit => "photo caption or credit",
            Self::ViewCounter => "view counter",
            Self::Copyright => "copyright line",
            Self::Byline => "byline",
            Self::Category => "category label",
            Self::Subheading => "sub-headline",
            Self::Separator => "separator line",
        }
    }
}

/// A press release taken apart.
#[derive(Debug, Clone, Default)]
pub struct Article {
    /// The headline, when the copy has one.
    pub title: Option<String>,
    /// Body paragraphs, each one line, whitespace tidied.
    pub body: Vec<String>,
    /// Lines left out, with why, in text order: bylines and captions are
    /// read from here.
    pub removed: Vec<(Furniture, String)>,
}

const LIST_HEADERS: &[&str] = &[
    "berita terkait",
    "berita populer",
    "berita terpopuler",
    "terpopuler",
    "berita lainnya",
    "berita terbaru",
    "artikel terkait",
    "baca juga",
    "rekomendasi",
    "populer",
    "terkini",
];

const BYLINE_LABELS: &[&str] =
    &["pewarta", "editor", "reporter", "penulis", "redaktur", "sumber", "kontributor", "fotografer", "penyunting"];

const SHARE_WORDS: &[&str] =
    &["bagikan", "share", "facebook", "twitter", "whatsapp", "telegram", "salin link", "copy link", "tweet"];

/// Splits `text` into headline, body and furniture.
pub fn split(text: &str) -> Article {
    let lines: Vec<String> = text.lines().map(tidy).collect();
    let mut article = Article::default();
    let mut in_list = false;
    let mut after_time_ago = false;
    let mut body_started = false;
    let mut header: Vec<String> = Vec::new();
    for line in &lines {
        if line.is_empty() {
            continue;
        }
        let kind = classify(line, in_list, after_time_ago);
        after_time_ago = kind == Some(Furniture::TimeAgoList) && is_time_ago(line);
        match kind {
            Some(k) => {
                in_list = matches!(k, Furniture::RelatedList | Furniture::TimeAgoList)
                    || (in_list && matches!(k, Furniture::Share | Furniture::ViewCounter | Furniture::Separator));
                article.removed.push((k, line.clone()));
                continue;
            }
            None => in_list = false,
        }
        if !body_started && !is_body_paragraph(line) {
            header.push(line.clone());
            continue;
        }
        body_started = true;
        article.body.push(line.clone());
    }
    // The headline is the first header line long enough to be one; other
    // header lines are labels and sub-headlines.
    for line in header {
        if article.title.is_none() && line.split_whitespace().count() >= 4 {
            article.title = Some(line);
        } else if article.title.is_none() {
            article.removed.push((Furniture::Category, line));
        } else {
            article.removed.push((Furniture::Subheading, line));
        }
    }
    article.body = join_broken_lines(article.body);
    article
}

/// Trims a line and collapses runs of whitespace inside it.
fn tidy(line: &str) -> String {
    line.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn lower(line: &str) -> String {
    line.to_lowercase()
}

/// What sort of furniture a line is, if any.
fn classify(line: &str, in_list: bool, after_time_ago: bool) -> Option<Furniture> {
    let l = lower(line);
    let words = line.split_whitespace().count();
    if l.starts_with("baca juga") && words > 2 {
        return Some(Furniture::ReadAlso);
    }
    let bare = l.trim_end_matches([':', ' ']);
    if LIST_HEADERS.contains(&bare) {
        return Some(Furniture::RelatedList);
    }
    if !line.chars().any(char::is_alphanumeric) {
        return Some(Furniture::Separator);
    }
    if is_time_ago(line) || (after_time_ago && words < 25) {
        return Some(Furniture::TimeAgoList);
    }
    if line.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') || is_view_counter(&l) {
        return Some(Furniture::ViewCounter);
    }
    if l.starts_with("copyright") || l.starts_with('©') || l.starts_with("hak cipta") {
        return Some(Furniture::Copyright);
    }
    if is_share(&l) {
        return Some(Furniture::Share);
    }
    if is_photo_credit(line, &l) {
        return Some(Furniture::PhotoCredit);
    }
    if is_byline(&l) {
        return Some(Furniture::Byline);
    }
    if in_list && words < 25 {
        return Some(Furniture::RelatedList);
    }
    None
}

/// "Tangerang6 hari ago", "2 jam lalu", "5 days ago".
pub fn is_time_ago(line: &str) -> bool {
    let l = lower(line);
    let Some(rest) =
        l.strip_suffix(" ago").or_else(|| l.strip_suffix(" yang lalu")).or_else(|| l.strip_suffix(" lalu"))
    else {
        return false;
    };
    let units = ["detik", "menit", "jam", "hari", "minggu", "bulan", "tahun", "seconds", "minutes", "hours", "days"];
    let units2 = ["weeks", "months", "years", "second", "minute", "hour", "day", "week", "month", "year"];
    let Some((before, unit)) = rest.rsplit_once(' ') else { return false };
    (units.contains(&unit) || units2.contains(&unit)) && before.ends_with(|c: char| c.is_ascii_digit())
}

fn is_view_counter(l: &str) -> bool {
    let w: Vec<&str> = l.split_whitespace().collect();
    let number = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.');
    match w.as_slice() {
        ["dibaca", n, "kali"] | [n, "kali", "dibaca"] | [n, "views" | "view" | "pembaca" | "x"] => number(n),
        ["dilihat", n, ..] | ["dibaca", n] | ["dibaca:", n] => number(n),
        _ => false,
    }
}

fn is_share(l: &str) -> bool {
    let words = l.split_whitespace().count();
    (words <= 4 && SHARE_WORDS.iter().any(|s| l.starts_with(s)))
        || (words <= 5 && (l.ends_with("+indeks") || l.ends_with("+ indeks")))
}

fn is_photo_credit(line: &str, l: &str) -> bool {
    if l.starts_with("(foto") || l.starts_with("foto:") || l.starts_with("foto :") || l.starts_with("ilustrasi") {
        return true;
    }
    if (l.starts_with("(ist") || l.starts_with("(dok")) && l.ends_with(')') && l.len() < 60 {
        return true;
    }
    photo_credit(line).is_some()
}

/// The credit of a caption ending in "-Name/ Outlet-": (name, outlet).
pub fn photo_credit(line: &str) -> Option<(String, String)> {
    let t = line.trim_end();
    let inner = t.strip_suffix('-')?;
    let (start, dash) = inner.char_indices().rev().find(|&(_, c)| c == '-' || c == '–')?;
    let credit = &inner[start + dash.len_utf8()..];
    let (name, outlet) = credit.split_once('/')?;
    let (name, outlet) = (name.trim(), outlet.trim());
    let capitalised = |s: &str| !s.is_empty() && s.split_whitespace().all(|w| w.starts_with(char::is_uppercase));
    (capitalised(name) && capitalised(outlet)).then(|| (name.to_string(), outlet.to_string()))
}

fn is_byline(l: &str) -> bool {
    let first = l.split_whitespace().next().unwrap_or("");
    let label = first.trim_end_matches(':');
    if BYLINE_LABELS.contains(&label) && (first.ends_with(':') || l.split_whitespace().nth(1) == Some(":")) {
        return true;
    }
    // "Kamis, 11 Juli 2024 Reporter: ... Editor: ..."
    BYLINE_LABELS.iter().any(|b| l.contains(&format!(" {b}:"))) && l.split_whitespace().count() < 25
}

/// A line that reads as prose: a sentence ending in punctuation, or a
/// paragraph opening with a dateline.
fn is_body_paragraph(line: &str) -> bool {
    let words = line.split_whitespace().count();
    let ends = line.ends_with(['.', '!', '?', '"', '”', ')', '’']);
    (words >= 8 && ends) || words >= 25
}

/// Joins a paragraph broken in the middle of a sentence (a line that ends
/// without punctuation followed by one that starts in lowercase).
fn join_broken_lines(lines: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for line in lines {
        let continues = line.starts_with(char::is_lowercase);
        match out.last_mut() {
            Some(prev) if continues && !prev.ends_with(['.', '!', '?', '"', '”']) => {
                prev.push(' ');
                prev.push_str(&line);
            }
            _ => out.push(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_ago_and_view_counters() {
        assert!(is_time_ago("Tangerang6 hari ago"));
        assert!(is_time_ago("Nasional 2 jam yang lalu"));
        assert!(!is_time_ago("Rapat berlangsung dua hari lalu"));
        assert!(is_view_counter("dibaca 820 kali"));
    }

    #[test]
    fn photo_credit_at_the_end_of_a_caption() {
        let c = photo_credit("Sosialisasi di Novotel. Jum'at (12/7).-Ahmad Syihabudin/ Tangerang Ekspres-");
        assert_eq!(c, Some(("Ahmad Syihabudin".into(), "Tangerang Ekspres".into())));
        assert_eq!(photo_credit("Pilkada 2024 - tahap akhir-"), None);
        assert_eq!(
            photo_credit("Di aula.–Rudi Hartono/ Kabar Kota-"),
            Some(("Rudi Hartono".into(), "Kabar Kota".into()))
        );
    }
}
