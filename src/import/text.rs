//! Sentences of a paragraph, and the two readings of a sentence that
//! spells an abbreviation out in the middle of a name ("Komisi Pemilihan
//! Umum (KPU) Kota Tangerang" is both "Komisi Pemilihan Umum Kota
//! Tangerang" and "KPU Kota Tangerang").

/// Titles and short forms after which a dot does not end a sentence.
const NO_BREAK_AFTER: &[&str] =
    &["h", "hj", "dr", "drs", "dra", "ir", "prof", "st", "no", "jl", "kh", "ny", "tn", "kab", "kec"];

/// Splits a paragraph into sentences: after `.`, `!` or `?` (and any
/// closing quote) when the next word starts in uppercase or with a quote.
pub fn sentences(paragraph: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if matches!(c, '.' | '!' | '?') {
            let mut j = i + 1;
            while j < chars.len() && matches!(chars[j].1, '"' | '”' | '’' | '\'' | ')') {
                j += 1;
            }
            let end = chars.get(j).map_or(paragraph.len(), |&(b, _)| b);
            let next = chars.get(j + 1).map(|&(_, c)| c);
            let space = chars.get(j).is_none_or(|&(_, c)| c == ' ');
            let word_before = paragraph[start..at].rsplit(' ').next().unwrap_or("").to_lowercase();
            let title = c == '.' && NO_BREAK_AFTER.contains(&word_before.trim_start_matches('('));
            let opens = next.is_none_or(|n| n.is_uppercase() || matches!(n, '"' | '“' | '(' | '‘'));
            if space && opens && !title {
                out.push(paragraph[start..end].trim());
                start = end;
            }
            i = j;
            continue;
        }
        let _ = at;
        i += 1;
    }
    let rest = paragraph[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Words that may be left out of an abbreviation.
const CONNECTORS: &[&str] = &["dan", "dari", "untuk", "&", "serta"];

/// Whether `abbr` is built from the starts of `words` (each word gives
/// its first letters; after the first word a syllable may be skipped, as
/// in Ormas from "Organisasi Kemasyarakatan"; "dan" may give nothing).
fn covers(abbr: &[char], words: &[Vec<char>], first: bool) -> bool {
    let Some((w, rest)) = words.split_first() else { return abbr.is_empty() };
    if abbr.is_empty() {
        return false;
    }
    let word: String = w.iter().collect();
    if !first && CONNECTORS.contains(&word.as_str()) && covers(abbr, rest, false) {
        return true;
    }
    let max_skip = if first { 0 } else { 3.min(w.len().saturating_sub(1)) };
    for skip in 0..=max_skip {
        for len in 1..=(w.len() - skip).min(abbr.len()) {
            if abbr[..len] == w[skip..skip + len] && covers(&abbr[len..], rest, false) {
                return true;
            }
        }
    }
    false
}

/// The two readings of a sentence: with each spelled-out abbreviation's
/// parentheses removed ("Komisi Pemilihan Umum Kota Tangerang"), and with
/// the long form replaced by the abbreviation ("KPU Kota Tangerang").
/// Parentheses that do not abbreviate the words before them stay.
pub fn readings(sentence: &str) -> (String, String) {
    let mut long = String::with_capacity(sentence.len());
    let mut short = String::with_capacity(sentence.len());
    let mut rest = sentence;
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')').map(|c| open + c) else { break };
        let inner = &rest[open + 1..close];
        let before = &rest[..open];
        let is_abbr = inner.len() >= 2
            && inner.len() <= 16
            && inner.chars().all(char::is_alphanumeric)
            && inner.chars().any(char::is_uppercase);
        let span = if is_abbr { abbreviated_span(inner, before) } else { None };
        match span {
            Some(span_start) => {
                long.push_str(before.trim_end());
                short.push_str(&before[..span_start]);
                short.push_str(inner);
            }
            None => {
                long.push_str(&rest[..=close]);
                short.push_str(&rest[..=close]);
            }
        }
        rest = &rest[close + 1..];
    }
    long.push_str(rest);
    short.push_str(rest);
    (long, short)
}

/// Where, in `before`, the words that `abbr` abbreviates start.
fn abbreviated_span(abbr: &str, before: &str) -> Option<usize> {
    let abbr: Vec<char> = abbr.to_lowercase().chars().collect();
    let trimmed = before.trim_end();
    let mut starts: Vec<usize> = Vec::new();
    let mut in_word = false;
    for (i, c) in trimmed.char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            starts.push(i);
            in_word = true;
        }
    }
    let words: Vec<Vec<char>> = starts
        .iter()
        .enumerate()
        .map(|(k, &s)| {
            let e = starts.get(k + 1).copied().unwrap_or(trimmed.len());
            trimmed[s..e].trim().to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
        })
        .collect();
    let n = words.len();
    (n.saturating_sub(8)..n).find(|&i| covers(&abbr, &words[i..], true)).map(|i| starts[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_but_not_after_titles() {
        let s = sentences("Acara dibuka H. Ahmad. \"Kami siap,\" katanya. Lalu selesai.");
        assert_eq!(s, vec!["Acara dibuka H. Ahmad.", "\"Kami siap,\" katanya.", "Lalu selesai."]);
    }

    #[test]
    fn interleaved_abbreviations_read_both_ways() {
        let (long, short) = readings("Komisi Pemilihan Umum (KPU) Kota Tangerang menggelar sosialisasi.");
        assert_eq!(long, "Komisi Pemilihan Umum Kota Tangerang menggelar sosialisasi.");
        assert_eq!(short, "KPU Kota Tangerang menggelar sosialisasi.");
        let (long, short) =
            readings("Badan Kesatuan Bangsa dan Politik (Kesbangpol) Provinsi Kalimantan Timur (Kaltim) rapat");
        assert_eq!(long, "Badan Kesatuan Bangsa dan Politik Provinsi Kalimantan Timur rapat");
        assert_eq!(short, "Badan Kesbangpol Provinsi Kaltim rapat");
        let (long, _) = readings("organisasi masyarakat (Ormas) dan Kamis (8/7) serta penelitian (coklit)");
        assert_eq!(long, "organisasi masyarakat dan Kamis (8/7) serta penelitian (coklit)");
    }
}
