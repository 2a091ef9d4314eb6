//! Words out of text and their Indonesian stems: the exact rules that
//! `themes/default/static/search.js` repeats in the browser, so that a query
//! word and an indexed word meet on the same term.

use waken_snowball::{Algorithm, Stemmer};

/// Words longer than this are not indexed (URLs, pasted identifiers); the
/// browser drops them from queries by the same rule.
pub const MAX_WORD_CHARS: usize = 40;

/// Splits text into lowercase words: runs of letters and digits. An
/// apostrophe between two letters joins them (`Jum'at` is `jumat`), as
/// writers spell such words both ways.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_word(text, &mut String::new(), |w| out.push(w.to_string()));
    out
}

/// Calls `f` with each word of `text` (see [`words`]), reusing `buf` so
/// that indexing a large site allocates nothing per word.
pub fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    buf.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Most text is ASCII: copy whole runs of letters and digits at once
        // rather than decoding and pushing one char at a time.
        if bytes[i].is_ascii_alphanumeric() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let from = buf.len();
            buf.push_str(&text[start..i]);
            buf[from..].make_ascii_lowercase();
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        i += c.len_utf8();
        if !c.is_ascii() && c.is_alphanumeric() {
            buf.extend(c.to_lowercase());
        } else if is_apostrophe(c) && !buf.is_empty() && text[i..].chars().next().is_some_and(char::is_alphanumeric) {
            // Joined: the next letter continues the word.
        } else if !buf.is_empty() {
            emit(buf, &mut f);
        }
    }
    if !buf.is_empty() {
        emit(buf, &mut f);
    }
}

fn emit(buf: &mut String, f: &mut impl FnMut(&str)) {
    if buf.len() <= MAX_WORD_CHARS || buf.chars().count() <= MAX_WORD_CHARS {
        f(buf);
    }
    buf.clear();
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// The Snowball Indonesian stemmer (Tala's algorithm as published by the
/// Snowball project), applied to one lowercase word.
pub struct IndonesianStemmer(Stemmer);

impl Default for IndonesianStemmer {
    fn default() -> Self {
        Self(Algorithm::Indonesian.stemmer())
    }
}

impl IndonesianStemmer {
    /// The stem of a lowercase word (`menyosialisasikan` -> `sosialisasi`).
    pub fn stem(&self, word: &str) -> String {
        self.0.stem(word).into_owned()
    }
}

/// The stem of one lowercase word, for callers that stem rarely.
pub fn stem(word: &str) -> String {
    IndonesianStemmer::default().stem(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lowercases_and_joins_apostrophes() {
        assert_eq!(
            words("KPU Kota Tangerang, Jum'at (12/7/2024)."),
            ["kpu", "kota", "tangerang", "jumat", "12", "7", "2024"]
        );
        assert_eq!(words("teman-teman Ormas’nya 'kutip'"), ["teman", "teman", "ormasnya", "kutip"]);
        assert!(words(&"x".repeat(41)).is_empty());
    }

    #[test]
    fn stems_inflected_forms_to_their_base() {
        assert_eq!(stem("menyosialisasikan"), "sosialisasi");
        assert_eq!(stem("pemerintah"), "perintah");
        assert_eq!(stem("kegiatan"), "giat");
        assert_eq!(stem("berkualitas"), "kualitas");
        assert_eq!(stem("pilkada"), "pilkada");
    }
}
