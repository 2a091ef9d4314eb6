//! Inversion: from documents to stems, each with the documents it occurs
//! in and how often in each field.
//!
//! Documents are read in parallel in chunks, each chunk with its own small
//! dictionary; chunks are then merged in document order, so term numbers,
//! posting order and hence the output are the same on every run.

use rayon::prelude::*;

use super::docs::{Corpus, FIELDS};
use super::layout::BLOCK_DOCS;
use super::text::{IndonesianStemmer, for_each_word};
use crate::hashing::HashMap;

/// Documents one parallel task reads.
pub const CHUNK: usize = 256;
/// Chunks held in memory before they are merged.
const BATCH: usize = 32;

/// Occurrences of a term in one document, per field (saturating).
pub type FieldCounts = [u8; FIELDS];

// The fields' bits share a byte with a count.
const _: () = assert!(FIELDS <= 4);

/// A term's documents, ascending, with per-field counts, packed: each as
/// its gap from the previous document (LEB128), then a byte whose low four
/// bits are the fields it occurs in. Where it occurs in one field at most
/// 15 times, which is most postings, the high four bits are that count;
/// otherwise they are zero and the count of each field follows. The
/// postings are the index's largest structure while it is built (about
/// 250 per document); packed they take two to three bytes each instead of
/// 8 (`(u32, [u8; 4])`), well over a gigabyte less at a million activities.
#[derive(Debug, Default, Clone)]
pub struct Postings {
    bytes: Vec<u8>,
    len: u32,
    last: u32,
}

impl Postings {
    /// Appends document `doc`, which comes after every document held.
    pub fn push(&mut self, doc: u32, counts: FieldCounts) {
        // A posting takes at most 10 bytes. The common words' lists grow
        // to megabytes, where doubling would leave a third of the whole
        // unused on average; growing by a quarter leaves a tenth, for a
        // few more copies of bytes that are cheap to copy.
        if self.bytes.capacity() - self.bytes.len() < 10 {
            self.bytes.reserve_exact(self.bytes.len() / 4 + 16);
        }
        let mut gap = doc - self.last;
        while gap >= 0x80 {
            self.bytes.push((gap as u8) | 0x80);
            gap >>= 7;
        }
        self.bytes.push(gap as u8);
        let fields = counts.iter().enumerate().filter(|(_, c)| **c > 0).fold(0u8, |m, (f, _)| m | (1 << f));
        let single = counts.iter().copied().filter(|&c| c > 0).max().filter(|&c| fields.count_ones() == 1 && c < 16);
        match single {
            Some(count) => self.bytes.push(fields | (count << 4)),
            None => {
                self.bytes.push(fields);
                self.bytes.extend(counts.iter().filter(|c| **c > 0));
            }
        }
        self.len += 1;
        self.last = doc;
    }

    /// How many documents.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether it holds no document.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Each document, ascending, with its counts.
    pub fn iter(&self) -> PostingsIter<'_> {
        PostingsIter { bytes: &self.bytes, left: self.len, doc: 0 }
    }
}

/// The documents of [`Postings`], decoded as they are read.
#[derive(Debug, Clone)]
pub struct PostingsIter<'a> {
    bytes: &'a [u8],
    left: u32,
    doc: u32,
}

impl Iterator for PostingsIter<'_> {
    type Item = (u32, FieldCounts);

    fn next(&mut self) -> Option<Self::Item> {
        self.left = self.left.checked_sub(1)?;
        let (mut gap, mut shift) = (0u32, 0);
        let mut at = 0;
        loop {
            let b = self.bytes[at];
            at += 1;
            gap |= u32::from(b & 0x7f) << shift;
            shift += 7;
            if b < 0x80 {
                break;
            }
        }
        self.doc += gap;
        let (fields, single) = (self.bytes[at] & 0x0f, self.bytes[at] >> 4);
        at += 1;
        let mut counts = [0; FIELDS];
        for (f, c) in counts.iter_mut().enumerate() {
            if fields & (1 << f) != 0 {
                if single > 0 {
                    *c = single;
                } else {
                    *c = self.bytes[at];
                    at += 1;
                }
            }
        }
        self.bytes = &self.bytes[at..];
        Some((self.doc, counts))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left as usize, Some(self.left as usize))
    }
}

impl ExactSizeIterator for PostingsIter<'_> {}

/// The inverted site.
#[derive(Debug, Default)]
pub struct Inverted {
    /// Term number to stem.
    pub terms: Vec<String>,
    /// Term number to its documents, ascending, with per-field counts.
    pub postings: Vec<Postings>,
    /// Words in each field of each document.
    pub lengths: Vec<[u32; FIELDS]>,
    /// Encoded result summaries of the documents merged but not yet
    /// handed out in a block.
    summaries: Vec<Vec<u8>>,
    /// Blocks handed out so far.
    blocks: usize,
    /// The hash of each stems file saved for the next build, one per
    /// [`CHUNK`] documents ([`super::reuse::keep_stems`]); empty when not
    /// asked for.
    pub forward: Vec<crate::output::generation::Hash>,
}

/// One document read: its postings (local term numbers), field lengths
/// and summary.
pub type ReadDoc = (Vec<(u32, FieldCounts)>, [u32; FIELDS], Vec<u8>);

/// Documents read together, with the stems they use.
#[derive(Debug, Default)]
pub struct Chunk {
    /// Local term number to stem.
    pub terms: Vec<String>,
    /// Each document read, in the order asked.
    pub docs: Vec<ReadDoc>,
}

/// Reads documents `start..end` with a dictionary of their own.
fn read_chunk(corpus: &Corpus, start: u32, end: u32) -> Chunk {
    read_docs(corpus, start..end)
}

/// Reads documents with a dictionary of their own. Each distinct word is
/// stemmed once per chunk: Indonesian prose reuses a small vocabulary, so
/// this is most of the saving.
pub fn read_docs(corpus: &Corpus, docs_read: impl ExactSizeIterator<Item = u32>) -> Chunk {
    let stemmer = IndonesianStemmer::default();
    let mut words: HashMap<Box<str>, u32> = HashMap::default();
    let mut stems: HashMap<String, u32> = HashMap::default();
    let mut terms: Vec<String> = Vec::new();
    let mut docs = Vec::with_capacity(docs_read.len());
    let mut buf = String::new();
    let mut counts: Vec<FieldCounts> = Vec::new();
    let mut touched: Vec<u32> = Vec::new();
    for doc in docs_read {
        let text = corpus.text(doc);
        let mut lengths = [0u32; FIELDS];
        for (f, field) in text.fields.iter().enumerate() {
            for_each_word(field, &mut buf, |w| {
                lengths[f] += 1;
                let id = match words.get(w) {
                    Some(&id) => id,
                    None => {
                        let stem = stemmer.stem(w);
                        let next = terms.len() as u32;
                        let id = *stems.entry(stem).or_insert_with_key(|s| {
                            terms.push(s.clone());
                            next
                        });
                        words.insert(w.into(), id);
                        id
                    }
                } as usize;
                if id >= counts.len() {
                    counts.resize(id + 1, [0; FIELDS]);
                }
                if counts[id] == [0; FIELDS] {
                    touched.push(id as u32);
                }
                counts[id][f] = counts[id][f].saturating_add(1);
            });
        }
        touched.sort_unstable();
        let postings: Vec<(u32, FieldCounts)> =
            touched.iter().map(|&t| (t, std::mem::take(&mut counts[t as usize]))).collect();
        touched.clear();
        docs.push((postings, lengths, text.summary));
    }
    Chunk { terms, docs }
}

/// Reads every document of `corpus` into an inverted index; given a
/// folder in `forward`, also saves each chunk's stems there for the next
/// build as soon as the chunk is read (at a million documents they are
/// 320 MB, which the index need not hold). The documents' result
/// summaries go to `blocks` as they are read, a block of [`BLOCK_DOCS`]
/// at a time with its number, rather than into the index: at a million
/// documents they would be 550 MB more held at the build's peak.
pub fn invert(
    corpus: &Corpus,
    forward: Option<&std::path::Path>,
    mut blocks: impl FnMut(Vec<SummaryBlock>) + Send,
) -> Inverted {
    let n = corpus.len();
    let starts: Vec<u32> = (0..n).step_by(CHUNK).collect();
    let mut out = Inverted { lengths: Vec::with_capacity(n as usize), ..Default::default() };
    let mut dict: HashMap<String, u32> = HashMap::default();
    // Merging is sequential (it numbers terms in document order), so the
    // previous batch is merged (and its summaries packed) while the next
    // one is read.
    let mut read: Vec<(Chunk, Option<crate::output::generation::Hash>)> = Vec::new();
    let read_one = |s: u32| {
        let chunk = read_chunk(corpus, s, (s + CHUNK as u32).min(n));
        let stems = forward.map(|dir| super::reuse::keep_stems(dir, s as usize / CHUNK, &chunk));
        (chunk, stems)
    };
    for batch in starts.chunks(BATCH) {
        let previous = std::mem::take(&mut read);
        let merge_previous = || {
            previous.into_iter().for_each(|chunk| merge(&mut out, &mut dict, chunk));
            blocks(out.full_blocks(false));
        };
        read = rayon::join(|| batch.par_iter().map(|&s| read_one(s)).collect(), merge_previous).0;
    }
    read.into_iter().for_each(|chunk| merge(&mut out, &mut dict, chunk));
    blocks(out.full_blocks(true));
    out
}

/// A block's number and its documents' summaries.
pub type SummaryBlock = (usize, Vec<Vec<u8>>);

impl Inverted {
    /// Takes the summaries of every complete block merged, and with `last`
    /// those of the last, partial one.
    fn full_blocks(&mut self, last: bool) -> Vec<SummaryBlock> {
        let mut taken = Vec::new();
        while self.summaries.len() >= BLOCK_DOCS || (last && !self.summaries.is_empty()) {
            let rest = self.summaries.split_off(BLOCK_DOCS.min(self.summaries.len()));
            taken.push((self.blocks, std::mem::replace(&mut self.summaries, rest)));
            self.blocks += 1;
        }
        taken
    }
}

/// Appends one chunk's documents, renumbering its terms into `dict`.
fn merge(
    out: &mut Inverted,
    dict: &mut HashMap<String, u32>,
    (chunk, forward): (Chunk, Option<crate::output::generation::Hash>),
) {
    out.forward.extend(forward);
    let global: Vec<u32> = chunk
        .terms
        .into_iter()
        .map(|t| {
            let next = out.terms.len() as u32;
            *dict.entry(t).or_insert_with_key(|t| {
                out.terms.push(t.clone());
                out.postings.push(Postings::default());
                next
            })
        })
        .collect();
    for (postings, lengths, summary) in chunk.docs {
        let doc = out.lengths.len() as u32;
        for (local, counts) in postings {
            out.postings[global[local as usize] as usize].push(doc, counts);
        }
        out.lengths.push(lengths);
        out.summaries.push(summary);
    }
}

#[cfg(test)]
mod packed_tests {
    use super::*;

    #[test]
    fn postings_give_back_what_was_pushed() {
        let pushed = [
            (0, [1, 0, 0, 0]),
            (3, [0, 0, 0, 255]),
            (4, [0, 15, 0, 0]),
            (5, [0, 0, 16, 0]),
            (200, [2, 3, 0, 1]),
            (70_000, [0, 9, 0, 0]),
            (u32::MAX, [1, 1, 1, 1]),
        ];
        let mut p = Postings::default();
        pushed.iter().for_each(|&(d, c)| p.push(d, c));
        assert_eq!(p.len(), pushed.len());
        assert_eq!(p.iter().collect::<Vec<_>>(), pushed);
    }
}
