//! Name normalisation: one key for a name however the press and staff
//! write it, so that "H. Abdul Rochim, S.Sos." and "Abdul Rochim", or
//! "Pemkot Jakpus" and "Pemerintah Kota Jakarta Pusat", compare equal.
//!
//! One module serves every place that matches names: `terbuka import`
//! (finding records in a press release), the duplicate warning of `check`
//! ([`duplicates`]) and, through [`NameIndex`], the editor's pickers.
//!
//! A key is built from words: lowercase letters and digits, with dots and
//! apostrophes dropped inside a word (`P.P.M.` is `ppm`, `Jum'at` is
//! `jumat`), honorifics before a personal name and academic degrees after
//! it removed, and the abbreviations Indonesian government writing uses
//! everywhere (`Pemkot`, `Kesbangpol`, `Kaltim`, `Jakpus`, ...) written out,
//! so a record's full name and its short form give the same key.

pub mod duplicates;
pub mod index;

pub use index::{Fit, NameIndex};

/// Abbreviations written out before names are compared. Only forms that
/// mean one thing wherever they appear are listed; an abbreviation that
/// only one text or one record defines is learned from there instead.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("bakesbangpol", "badan kesatuan bangsa dan politik"),
    ("bamus", "badan musyawarah"),
    ("bawaslu", "badan pengawas pemilihan umum"),
    ("dprd", "dewan perwakilan rakyat daerah"),
    ("forkopimda", "forum koordinasi pimpinan daerah"),
    ("jabar", "jawa barat"),
    ("jakbar", "jakarta barat"),
    ("jakpus", "jakarta pusat"),
    ("jaksel", "jakarta selatan"),
    ("jaktim", "jakarta timur"),
    ("jakut", "jakarta utara"),
    ("jateng", "jawa tengah"),
    ("jatim", "jawa timur"),
    ("kab", "kabupaten"),
    ("kalbar", "kalimantan barat"),
    ("kalsel", "kalimantan selatan"),
    ("kaltara", "kalimantan utara"),
    ("kalteng", "kalimantan tengah"),
    ("kaltim", "kalimantan timur"),
    ("kec", "kecamatan"),
    ("kel", "kelurahan"),
    ("kemendagri", "kementerian dalam negeri"),
    ("kesbangpol", "kesatuan bangsa dan politik"),
    ("kpu", "komisi pemilihan umum"),
    ("ormas", "organisasi kemasyarakatan"),
    ("parpol", "partai politik"),
    ("pemilu", "pemilihan umum"),
    ("pemkab", "pemerintah kabupaten"),
    ("pemkot", "pemerintah kota"),
    ("pemprov", "pemerintah provinsi"),
    ("pilkada", "pemilihan kepala daerah"),
    ("prov", "provinsi"),
    ("sekda", "sekretaris daerah"),
    ("sulsel", "sulawesi selatan"),
    ("sulut", "sulawesi utara"),
    ("sumbar", "sumatera barat"),
    ("sumsel", "sumatera selatan"),
    ("sumut", "sumatera utara"),
    ("walikota", "wali kota"),
    ("wawalkot", "wakil wali kota"),
];

/// Honorifics and titles written before a personal name (`H.`, `Hj.`,
/// `Drs.`, `K.H.`, ...), compared without their dots.
const TITLES: &[&str] = &[
    "bapak", "dr", "dra", "drs", "h", "habib", "hajah", "haji", "hajjah", "hj", "ibu", "ir", "kh", "kiai", "kyai",
    "ny", "prof", "sdr", "sdri", "tn", "ust", "ustad", "ustadz",
];

/// Words that only say what level of government a name belongs to: left
/// out of the loose key, which matches "Badan Kesbangpol Jakarta Timur" to
/// "Suku Badan Kesbangpol Kota Administrasi Jakarta Timur" when no other
/// record fits.
const QUALIFIERS: &[&str] = &["administrasi", "kabupaten", "kota", "provinsi", "suku"];

/// One word of a text: where it is, and its normalised form (possibly
/// several words, when it is an abbreviation written out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the word in the text.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// Lowercase, without dots or apostrophes, abbreviation written out.
    pub norm: String,
}

/// Whether `c` separates words. Dots and apostrophes do not: they are
/// dropped inside a word instead.
fn separates(c: char) -> bool {
    !(c.is_alphanumeric() || matches!(c, '.' | '\'' | '’' | '`'))
}

/// The lowercase letters and digits of a raw word.
fn fold(raw: &str) -> String {
    raw.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// The written-out form of an abbreviation, if it is a known one.
pub fn expand(word: &str) -> Option<&'static str> {
    ABBREVIATIONS.binary_search_by(|(a, _)| a.cmp(&word)).ok().map(|i| ABBREVIATIONS[i].1)
}

/// Splits `text` into words with their normalised forms.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (start, separates(c)) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                let folded = fold(&text[s..i]);
                if !folded.is_empty() {
                    let norm = expand(&folded).map_or(folded, str::to_string);
                    out.push(Word { start: s, end: i, norm });
                }
                start = None;
            }
            _ => {}
        }
        if c == '&' {
            out.push(Word { start: i, end: i + 1, norm: "dan".into() });
        }
    }
    out
}

/// Whether a raw word is an academic degree written after a name
/// (`S.Sos.`, `M.Si`, `S.H.`, `S.Pd.I`): a letter, a dot, more letters.
fn is_degree(raw: &str) -> bool {
    let t = raw.trim_end_matches('.');
    let mut chars = t.chars();
    matches!(chars.next(), Some('S' | 'M' | 'D' | 's' | 'm' | 'd'))
        && chars.next() == Some('.')
        && t.len() > 2
        && t.chars().all(|c| c.is_alphabetic() || c == '.')
}

/// The normalised key of a name: honorifics, degrees, punctuation and
/// case removed, abbreviations written out, words joined by one space.
///
/// This runs for every name of every record on each `check` (300,000
/// names at 100,000 ormas), so it folds into one buffer in a single pass
/// instead of building a string per word.
pub fn key(name: &str) -> String {
    let main = without_degrees(name);
    let mut buf = String::with_capacity(main.len());
    let mut spans: Vec<(usize, usize)> = Vec::with_capacity(8);
    let mut start = 0;
    for c in main.chars() {
        if c.is_ascii() {
            if c.is_ascii_alphanumeric() {
                buf.push(c.to_ascii_lowercase());
                continue;
            }
            if matches!(c, '.' | '\'' | '`') {
                continue;
            }
        } else if c.is_alphanumeric() {
            buf.extend(c.to_lowercase());
            continue;
        } else if c == '’' {
            continue;
        }
        // A separator ends the word.
        if buf.len() > start {
            spans.push((start, buf.len()));
        }
        if c == '&' {
            buf.push_str("dan");
            spans.push((buf.len() - 3, buf.len()));
        }
        start = buf.len();
    }
    if buf.len() > start {
        spans.push((start, buf.len()));
    }
    let titles = spans.iter().take_while(|&&(s, e)| TITLES.binary_search(&&buf[s..e]).is_ok()).count();
    let skip = if titles < spans.len() { titles } else { 0 };
    let mut out = String::with_capacity(buf.len() + 8);
    for &(s, e) in &spans[skip..] {
        if !out.is_empty() {
            out.push(' ');
        }
        let w = &buf[s..e];
        out.push_str(expand(w).unwrap_or(w));
    }
    out
}

/// The name without academic degrees: after a comma ("Abdul Rochim,
/// S.Sos., M.Si.") or as its last words ("Abdul Rochim S.Sos").
fn without_degrees(name: &str) -> std::borrow::Cow<'_, str> {
    let last_is_degree =
        |t: &str| t.split_whitespace().count() > 1 && t.split_whitespace().last().is_some_and(is_degree);
    if !name.contains(',') && !last_is_degree(name) {
        return std::borrow::Cow::Borrowed(name);
    }
    let mut parts = name.split(',');
    let mut main = parts.next().unwrap_or("").to_string();
    for part in parts {
        let degree_list = part.split_whitespace().all(|w| is_degree(w) || fold(w).len() <= 3);
        if !degree_list {
            main.push(' ');
            main.push_str(part);
        }
    }
    let mut raw: Vec<&str> = main.split_whitespace().collect();
    while raw.len() > 1 && raw.last().is_some_and(|w| is_degree(w)) {
        raw.pop();
    }
    std::borrow::Cow::Owned(raw.join(" "))
}

/// The loose key of a normalised key: without the words that only give
/// the level of government (`kota`, `provinsi`, `suku`, ...).
pub fn loose(key: &str) -> String {
    key.split(' ').filter(|w| !QUALIFIERS.contains(w)).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_are_sorted_for_lookup() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(TITLES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn titles_degrees_punctuation_and_case() {
        assert_eq!(key("H. Abdul Rochim Mansur"), "abdul rochim mansur");
        assert_eq!(key("Drs. H. ABDUL ROCHIM, S.Sos., M.Si."), "abdul rochim");
        assert_eq!(key("Hj. Iin Mutmainah S.Sos"), "iin mutmainah");
        assert_eq!(key("K.H. Ahmad"), "ahmad");
        assert_eq!(key("P.P.M."), "ppm");
        // A title alone is still a name.
        assert_eq!(key("Haji"), "haji");
    }

    #[test]
    fn abbreviations_and_full_names_meet() {
        assert_eq!(key("Bamus Betawi 1982"), key("Badan Musyawarah Betawi 1982"));
        assert_eq!(key("Pemkot Jakpus"), key("Pemerintah Kota Jakarta Pusat"));
        assert_eq!(key("Kesbangpol Kaltim"), key("Kesatuan Bangsa dan Politik Kalimantan Timur"));
        assert_eq!(key("KPU Kota Tangerang"), key("Komisi Pemilihan Umum Kota Tangerang"));
        assert_ne!(key("Pemkot Tangerang"), key("Pemkab Tangerang"));
        assert_eq!(
            loose(&key("Suku Badan Kesbangpol Kota Administrasi Jakarta Timur")),
            key("Badan Kesbangpol Jakarta Timur")
        );
    }

    #[test]
    fn words_keep_their_place_in_the_text() {
        let text = "Jum'at (12/7), Pemkot Tangerang & KPU";
        let w = words(text);
        assert_eq!(w[0].norm, "jumat");
        assert_eq!(&text[w[0].start..w[0].end], "Jum'at");
        assert_eq!(w[3].norm, "pemerintah kota");
        assert_eq!(w[5].norm, "dan");
        assert_eq!(w[6].norm, "komisi pemilihan umum");
    }
}
