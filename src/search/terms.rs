//! Term entries: BM25F impacts of each posting, the term's spread over the
//! facet values, the facet columns of short lists, and the bytes the
//! browser reads for one term or one facet value.
//!
//! Scoring is done here, at build time: each posting carries the BM25F
//! term-frequency part quantised to one byte, and the term carries its
//! IDF, so the browser only multiplies and adds.

use rayon::prelude::*;

use super::codec::{Buf, Reader};
use super::docs::{Corpus, FIELD_WEIGHTS, FIELDS, Facet};
use super::invert::Postings;

/// BM25 saturation.
const K1: f32 = 1.2;
/// BM25 length normalisation.
const B: f32 = 0.75;
/// Values listed per term for the facets with thousands of values
/// (agencies, ormas); the page shows the first few.
pub const TOP_VALUES: usize = 30;
/// Lists of at most this many documents carry each document's values of
/// the [`COLUMNS`] facets, so that a search narrowed by such a word or
/// filter counts its results per value from this one list instead of
/// downloading whole facets. It bounds what a list adds (about 4 bytes a
/// document, compressed) while covering the words and places people
/// narrow by; bigger lists are common words, whose counts come from their
/// histogram or, combined, from the column files of their range.
pub const COLUMN_DOCS: usize = 2048;
/// Facets whose counts the page shows at once, stored as columns. The
/// agency and ormas lists open on demand and count from their sets.
pub const COLUMNS: [Facet; 3] = [Facet::Jenis, Facet::Wilayah, Facet::Topik];
/// Impact byte of a facet value's postings, which carry no score.
const NO_IMPACT: u8 = 255;

/// Facet values of every document, flattened: `values[offsets[d]..offsets[d + 1]]`.
#[derive(Debug, Default)]
pub struct DocValues {
    offsets: Vec<u32>,
    values: Vec<u32>,
}

impl DocValues {
    /// Collects the facet values of every document of `corpus`.
    pub fn new(corpus: &Corpus) -> Self {
        let per_doc: Vec<Vec<u32>> = (0..corpus.len()).into_par_iter().map(|d| corpus.facet_values(d)).collect();
        let mut out = DocValues { offsets: Vec::with_capacity(per_doc.len() + 1), values: Vec::new() };
        out.offsets.push(0);
        for v in per_doc {
            out.values.extend(v);
            out.offsets.push(out.values.len() as u32);
        }
        out
    }

    /// Global values of document `d`.
    pub fn of(&self, d: u32) -> &[u32] {
        &self.values[self.offsets[d as usize] as usize..self.offsets[d as usize + 1] as usize]
    }
}

/// Inverse document frequency (BM25's, never negative).
pub fn idf(n: u32, df: usize) -> f32 {
    let (n, df) = (n as f32, df as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Significant bits kept of an average field length.
const AVERAGE_BITS: u32 = 7;

/// Average words per field over all documents, rounded to
/// [`AVERAGE_BITS`] significant bits (steps under 1 %, which move an
/// impact by at most a fraction of a level). Unrounded, editing any one
/// document would move the averages and with them impacts anywhere in the
/// index, so that an incremental build could reuse no term shard; rounded,
/// they change only when the site's texts grow or shrink by about 1 % as a
/// whole, and such a build makes every shard again ([`super::reuse`]).
pub fn average_lengths(lengths: &[[u32; FIELDS]]) -> [f32; FIELDS] {
    let mut sum = [0u64; FIELDS];
    for l in lengths {
        for f in 0..FIELDS {
            sum[f] += u64::from(l[f]);
        }
    }
    sum.map(|s| round_bits(s as f64 / lengths.len().max(1) as f64) as f32)
}

/// `x` (positive, finite) rounded to [`AVERAGE_BITS`] significant bits,
/// halves up, exactly (on the bits, not through logarithms).
fn round_bits(x: f64) -> f64 {
    if !(x.is_finite() && x > 0.0) {
        return 0.0;
    }
    let shift = 52 - (AVERAGE_BITS - 1);
    f64::from_bits(((x.to_bits() + (1 << (shift - 1))) >> shift) << shift)
}

/// Levels an impact is rounded to: enough to order a title match, a name
/// and repeated body mentions apart, few enough that the impact bytes of a
/// long posting list compress to a few bits each.
const LEVELS: f32 = 32.0;

/// The BM25F term-frequency part of one posting, in (0, 1], as a byte
/// (a multiple of 255 / [`LEVELS`]).
pub fn impact(counts: &[u8; FIELDS], lengths: &[u32; FIELDS], avg: &[f32; FIELDS]) -> u8 {
    let mut tf = 0.0;
    for f in 0..FIELDS {
        if counts[f] > 0 && avg[f] > 0.0 {
            let norm = 1.0 - B + B * lengths[f] as f32 / avg[f];
            tf += FIELD_WEIGHTS[f] * f32::from(counts[f]) / norm;
        }
    }
    let level = ((tf / (K1 + tf)) * LEVELS).round().clamp(1.0, LEVELS);
    (level * 255.0 / LEVELS).round() as u8
}

/// Counts of a list's documents per facet value, per facet.
fn histogram(
    corpus: &Corpus,
    values: &DocValues,
    docs: impl Iterator<Item = u32>,
    scratch: &mut Vec<u32>,
) -> Vec<Vec<(u32, u32)>> {
    let total = corpus.value_starts[5] as usize;
    if scratch.len() < total {
        scratch.resize(total, 0);
    }
    let mut touched = Vec::new();
    for d in docs {
        for &v in values.of(d) {
            if scratch[v as usize] == 0 {
                touched.push(v);
            }
            scratch[v as usize] += 1;
        }
    }
    touched.sort_unstable();
    let mut out = vec![Vec::new(); Facet::ALL.len()];
    for v in touched {
        let (facet, local) = corpus.split_value(v);
        out[facet as usize].push((local, scratch[v as usize]));
        scratch[v as usize] = 0;
    }
    for f in [Facet::Instansi, Facet::Ormas] {
        let list = &mut out[f as usize];
        if list.len() > TOP_VALUES {
            list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            list.truncate(TOP_VALUES);
            list.sort_unstable();
        }
    }
    out
}

/// Writes a histogram: per facet, the count of entries, then each value's
/// gap from the previous value and its count.
pub fn write_histogram(buf: &mut Buf, hist: &[Vec<(u32, u32)>]) {
    for list in hist {
        buf.varint(list.len() as u64);
        let mut prev = 0;
        for &(v, c) in list {
            buf.varint(u64::from(v - prev));
            buf.varint(u64::from(c));
            prev = v;
        }
    }
}

/// Writes, for each document of a list (ascending) and each facet of
/// [`COLUMNS`], the count of its values in that facet and the values.
pub fn write_columns(buf: &mut Buf, corpus: &Corpus, values: &DocValues, docs: impl Iterator<Item = u32>) {
    for d in docs {
        let own = values.of(d);
        for facet in COLUMNS {
            let (start, end) = (corpus.value_starts[facet as usize], corpus.value_starts[facet as usize + 1]);
            let from = own.partition_point(|&v| v < start);
            let to = own.partition_point(|&v| v < end);
            buf.varint((to - from) as u64);
            own[from..to].iter().for_each(|&v| buf.varint(u64::from(v - start)));
        }
    }
}

/// Writes the block of a list's entry: the IDF × 1000, the document count,
/// each posting as (gap, impact byte), the histogram and, for a list of at
/// most [`COLUMN_DOCS`] documents, its columns.
fn write_list(
    b: &mut Buf,
    (corpus, values): (&Corpus, &DocValues),
    idf_milli: u64,
    docs: impl ExactSizeIterator<Item = u32> + Clone,
    impacts: impl Iterator<Item = u8>,
    scratch: &mut Vec<u32>,
) {
    let len = docs.len();
    b.varint(idf_milli);
    b.varint(len as u64);
    let mut prev = 0;
    for (d, impact) in docs.clone().zip(impacts) {
        b.varint(u64::from(d - prev));
        b.byte(impact);
        prev = d;
    }
    write_histogram(b, &histogram(corpus, values, docs.clone(), scratch));
    if len <= COLUMN_DOCS {
        write_columns(b, corpus, values, docs);
    }
}

/// Encodes every term's entry, in parallel, indexed by term number.
/// It takes the postings by value and frees each term's list once encoded,
/// so the postings and their encoded entries are never both held whole.
///
/// An entry is the stem, then a length-prefixed block of: IDF × 1000, the
/// document count, each posting as (gap, impact byte), the histogram and,
/// for a short list, the columns.
pub fn encode_entries(
    corpus: &Corpus,
    terms: &[String],
    postings: Vec<Postings>,
    lengths: &[[u32; FIELDS]],
    values: &DocValues,
) -> Vec<Vec<u8>> {
    let avg = average_lengths(lengths);
    let n = corpus.len();
    postings
        .into_par_iter()
        .enumerate()
        .map_init(Vec::new, |scratch, (t, postings)| {
            let docs = postings.iter().map(|p| p.0);
            let impacts = postings.iter().map(|(d, counts)| impact(&counts, &lengths[d as usize], &avg));
            term_entry(&terms[t], idf_milli(n, postings.len()), (corpus, values), docs, impacts, scratch)
        })
        .collect()
}

/// A word's IDF as stored, × 1000.
pub fn idf_milli(n: u32, df: usize) -> u64 {
    (idf(n, df) * 1000.0).round() as u64
}

/// One key's entry: the key, then the block of its list ([`write_list`]).
pub fn term_entry(
    key: &str,
    idf_milli: u64,
    (corpus, values): (&Corpus, &DocValues),
    docs: impl ExactSizeIterator<Item = u32> + Clone,
    impacts: impl Iterator<Item = u8>,
    scratch: &mut Vec<u32>,
) -> Vec<u8> {
    let mut buf = Buf::with_capacity(32 + docs.len() * 3);
    buf.str(key);
    buf.block(|b| write_list(b, (corpus, values), idf_milli, docs, impacts, scratch));
    // Every entry is held until the shards are packed; room guessed for
    // the worst case would be a third of them.
    buf.0.shrink_to_fit();
    buf.0
}

/// The key of an entry and its postings (document, impact byte), read
/// back from the entry's bytes; `None` when they are not an entry.
pub fn read_entry(entry: &[u8]) -> Option<(&str, Vec<(u32, u8)>)> {
    let mut r = Reader(entry);
    let key = r.str()?;
    let _block = r.varint()?;
    let _idf = r.varint()?;
    let len = r.varint()? as usize;
    let mut out = Vec::with_capacity(len.min(entry.len()));
    let mut doc = 0u32;
    for _ in 0..len {
        doc = doc.checked_add(u32::try_from(r.varint()?).ok()?)?;
        out.push((doc, r.byte()?));
    }
    Some((key, out))
}

/// The key under which a facet value's documents are stored among the
/// terms: `#<facet>=<value number>`. `#` sorts before every word and is in
/// none, so these keys never meet a word or a typed prefix.
pub fn value_key(facet: Facet, value: u32) -> String {
    format!("#{}={value}", facet.param())
}

/// Encodes the entry of every facet value that has documents, in the term
/// format (impacts all [`NO_IMPACT`], IDF 0), so the browser finds a
/// filter's documents, its histogram and its columns the way it finds a
/// word's: returns the keys and the entries.
pub fn encode_value_entries(corpus: &Corpus, sets: &[Vec<u32>], values: &DocValues) -> (Vec<String>, Vec<Vec<u8>>) {
    sets.par_iter()
        .enumerate()
        .filter(|(_, set)| !set.is_empty())
        .map_init(Vec::new, |scratch, (v, set)| {
            let (facet, local) = corpus.split_value(v as u32);
            let key = value_key(facet, local);
            let impacts = std::iter::repeat(NO_IMPACT);
            let entry = term_entry(&key, 0, (corpus, values), set.iter().copied(), impacts, scratch);
            (key, entry)
        })
        .unzip()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_matches_outweigh_body_matches() {
        let avg = [8.0, 20.0, 5.0, 300.0];
        let lengths = [8, 20, 5, 300];
        let title = impact(&[1, 0, 0, 0], &lengths, &avg);
        let body = impact(&[0, 0, 0, 1], &lengths, &avg);
        let body_many = impact(&[0, 0, 0, 5], &lengths, &avg);
        assert!(title > body_many && body_many > body, "{title} {body_many} {body}");
        assert!(idf(1000, 1) > idf(1000, 500));
    }

    #[test]
    fn averages_are_rounded_to_a_few_bits_and_barely_move() {
        assert_eq!(round_bits(300.0), 300.0);
        assert_eq!(round_bits(301.0), 300.0);
        assert_eq!(round_bits(303.0), 304.0);
        assert_eq!(round_bits(0.0), 0.0);
        // One more word in one of 100,000 documents leaves them be.
        let mut lengths = vec![[8, 20, 5, 300]; 100_000];
        let before = average_lengths(&lengths);
        lengths[7][3] += 50;
        assert_eq!(average_lengths(&lengths), before);
        assert_eq!(before, [8.0, 20.0, 5.0, 300.0]);
    }
}
