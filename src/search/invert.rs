//! Inversion: from documents to stems, each with the documents it occurs
//! in and how often in each field.
//!
//! Documents are read in parallel in chunks, each chunk with its own small
//! dictionary; chunks are then merged in document order, so term numbers,
//! posting order and hence the output are the same on every run.

use std::cell::RefCell;
use std::collections::HashMap;

use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use super::docs::{Corpus, FIELDS};
use super::text::{IndonesianStemmer, for_each_word};

/// Documents one parallel task reads.
const CHUNK: usize = 256;
/// Chunks held in memory before they are merged.
const BATCH: usize = 32;
/// Stems remembered per thread; Indonesian text reuses a small vocabulary,
/// so most words are stemmed once.
const STEM_CACHE: usize = 200_000;

/// Occurrences of a term in one document, per field (saturating).
pub type FieldCounts = [u8; FIELDS];

/// The inverted site.
#[derive(Debug, Default)]
pub struct Inverted {
    /// Term number to stem.
    pub terms: Vec<String>,
    /// Term number to its documents, ascending, with per-field counts.
    pub postings: Vec<Vec<(u32, FieldCounts)>>,
    /// Words in each field of each document.
    pub lengths: Vec<[u32; FIELDS]>,
    /// Encoded result summary of each document.
    pub summaries: Vec<Vec<u8>>,
}

type Map<K, V> = HashMap<K, V, Xxh3DefaultBuilder>;

struct Chunk {
    terms: Vec<String>,
    docs: Vec<(Vec<(u32, FieldCounts)>, [u32; FIELDS], Vec<u8>)>,
}

thread_local! {
    static STEMS: RefCell<(IndonesianStemmer, Map<String, String>)> = RefCell::new(Default::default());
}

/// Stems a lowercase word through this thread's cache.
fn with_stem<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    STEMS.with(|cell| {
        let (stemmer, cache) = &mut *cell.borrow_mut();
        if let Some(s) = cache.get(word) {
            return f(s);
        }
        if cache.len() >= STEM_CACHE {
            cache.clear();
        }
        let s = stemmer.stem(word);
        let r = f(&s);
        cache.insert(word.to_string(), s);
        r
    })
}

fn read_chunk(corpus: &Corpus, start: u32, end: u32) -> Chunk {
    let mut dict: Map<String, u32> = Map::default();
    let mut terms = Vec::new();
    let mut docs = Vec::with_capacity((end - start) as usize);
    let mut buf = String::new();
    let mut counts: Map<u32, FieldCounts> = Map::default();
    for doc in start..end {
        let text = corpus.text(doc);
        let mut lengths = [0u32; FIELDS];
        counts.clear();
        for (f, field) in text.fields.iter().enumerate() {
            for_each_word(field, &mut buf, |w| {
                lengths[f] += 1;
                let id = with_stem(w, |stem| match dict.get(stem) {
                    Some(&id) => id,
                    None => {
                        let id = terms.len() as u32;
                        terms.push(stem.to_string());
                        dict.insert(stem.to_string(), id);
                        id
                    }
                });
                let c = counts.entry(id).or_default();
                c[f] = c[f].saturating_add(1);
            });
        }
        let mut postings: Vec<(u32, FieldCounts)> = counts.iter().map(|(&t, &c)| (t, c)).collect();
        postings.sort_unstable_by_key(|p| p.0);
        docs.push((postings, lengths, text.summary));
    }
    Chunk { terms, docs }
}

/// Reads every document of `corpus` into an inverted index.
pub fn invert(corpus: &Corpus) -> Inverted {
    let n = corpus.len();
    let starts: Vec<u32> = (0..n).step_by(CHUNK).collect();
    let mut out = Inverted {
        lengths: Vec::with_capacity(n as usize),
        summaries: Vec::with_capacity(n as usize),
        ..Default::default()
    };
    let mut dict: Map<String, u32> = Map::default();
    for batch in starts.chunks(BATCH) {
        let chunks: Vec<Chunk> =
            batch.par_iter().map(|&s| read_chunk(corpus, s, (s + CHUNK as u32).min(n))).collect();
        for chunk in chunks {
            let global: Vec<u32> = chunk
                .terms
                .into_iter()
                .map(|t| {
                    let next = out.terms.len() as u32;
                    *dict.entry(t).or_insert_with_key(|t| {
                        out.terms.push(t.clone());
                        out.postings.push(Vec::new());
                        next
                    })
                })
                .collect();
            for (postings, lengths, summary) in chunk.docs {
                let doc = out.lengths.len() as u32;
                for (local, counts) in postings {
                    out.postings[global[local as usize] as usize].push((doc, counts));
                }
                out.lengths.push(lengths);
                out.summaries.push(summary);
            }
        }
    }
    out
}
