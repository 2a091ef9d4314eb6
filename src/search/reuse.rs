//! The index made again from the last build's: what the search stage keeps
//! in the build cache ([`Memo`]) and how it patches the last index when a
//! few documents changed ([`patch`]).
//!
//! The memo holds, per document, a fingerprint of everything its text is
//! made of ([`Corpus::fingerprint`]) and its field lengths; every key of the
//! term shards with its entry's size and the shards' runs, names and
//! hashes; the summary blocks' hashes, slots and file hashes; and, in
//! files of their own (`stems/<k>.bin`, one per [`CHUNK`] documents), the
//! stems of each document. An edit to a few documents then costs reading
//! those documents, reading the term shards of their old and new stems
//! back from the live site and patching those entries (the other
//! documents' impacts do not move: the average lengths are rounded, see
//! [`super::terms::average_lengths`]), cutting the sorted keys into shards
//! again exactly as a clean build would, and making the summary blocks of
//! those documents again. Every other term shard and summary file is
//! [kept](crate::output::Staging::keep).
//!
//! THE RULE of [`crate::incremental::reuse`]: the memo is a hint. It is
//! checked whole (a checksum), keyed by the program, theme and options, and
//! every file it names is used only when the live site vouches for its
//! hash; the index is made whole otherwise (another number of documents,
//! other facet values, other rounded averages, many changed documents).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io;
use std::path::Path;

use rayon::prelude::*;

use super::codec::{Buf, Reader, content_name, deflate_fast, inflate};
use super::docs::{Corpus, FIELDS};
use super::invert::{CHUNK, Chunk, FieldCounts, read_docs};
use super::layout::{self, BLOCK, BLOCK_DOCS, File, Keys, SHARD_NAME_DIGITS, SummaryFiles, TermShards};
use super::shards::separators;
use super::terms::{DocValues, average_lengths, idf_milli, impact, read_entry, term_entry};
use super::{SearchError, Written};
use crate::output::Staging;
use crate::output::generation::{Hash, hash};

/// First bytes of the memo file; a new layout gets a new number.
const MAGIC: &[u8] = b"terbuka search memo 1\n";

/// A patch is worth it for at most this share of the documents changed
/// (one in this many); beyond, the index is made whole.
const MAX_CHANGED: u32 = 20;

/// What the last build's index was made of.
#[derive(Debug, Default)]
pub struct Memo {
    /// The program, theme and options it was made with.
    code: Hash,
    /// Hash of the facet numbering and of every document's values.
    values: u64,
    /// The rounded average field lengths (`f32` bits).
    average: [u32; FIELDS],
    /// Whether any term shard needed a salted name (then no patch).
    salted: bool,
    /// Fingerprint of each document.
    prints: Vec<u64>,
    /// Field lengths of each document.
    lengths: Vec<[u32; FIELDS]>,
    /// Every key, its entry's size, the shards' runs.
    keys: Keys,
    /// Each term shard's name.
    names: Vec<String>,
    /// Each term shard's file hash.
    shards: Vec<Hash>,
    /// Each summary block's hash.
    blocks: Vec<String>,
    /// Each summary file's slot size.
    slots: Vec<u32>,
    /// Each summary file's hash.
    summaries: Vec<Hash>,
    /// Hash of each stems file.
    stems: Vec<Hash>,
}

/// The index's files that every query needs first, as made by either
/// path: the term shards and the summary files.
pub struct Made {
    /// The term shards.
    pub terms: TermShards,
    /// Summary block hashes.
    pub blocks: Vec<String>,
    /// Slot size of every summary file.
    pub slots: Vec<u32>,
    /// The memo of this build, to save once the index is written.
    pub memo: Memo,
    /// Stems files changed, by chunk number, to save with it.
    pub stems: Vec<(usize, Vec<u8>)>,
}

/// Whether a term shard's name is not the plain hash of its bytes (a
/// clean build salted a repeated one).
pub fn salted(names: &[String], files: &[File]) -> bool {
    names.iter().zip(files).any(|(n, f)| *n != content_name(&f.1, SHARD_NAME_DIGITS))
}

/// Fingerprint of every document.
pub fn fingerprints(corpus: &Corpus) -> Vec<u64> {
    (0..corpus.len()).into_par_iter().map(|d| corpus.fingerprint(d)).collect()
}

/// Hash of the facet numbering and of every document's facet values, on
/// which every term entry's histogram and columns depend.
pub fn values_hash(corpus: &Corpus, values: &DocValues) -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    corpus.value_starts.iter().for_each(|v| h.update(&v.to_le_bytes()));
    for d in 0..corpus.len() {
        let own = values.of(d);
        h.update(&(own.len() as u32).to_le_bytes());
        own.iter().for_each(|v| h.update(&v.to_le_bytes()));
    }
    h.digest()
}

/// The stems of a chunk of documents, for the next build: the chunk's
/// stems, then each document's stems as sorted numbers into them, each
/// with its counts per field (so that the next build knows which of a
/// changed document's postings changed).
pub fn forward_record(chunk: &Chunk) -> Vec<u8> {
    encode_stems(&chunk.terms, chunk.docs.iter().map(|(postings, _, _)| postings.as_slice()))
}

fn encode_stems<'p>(terms: &[String], docs: impl ExactSizeIterator<Item = &'p [(u32, FieldCounts)]>) -> Vec<u8> {
    let mut b = Buf::default();
    b.varint(terms.len() as u64);
    terms.iter().for_each(|t| b.str(t));
    b.varint(docs.len() as u64);
    for postings in docs {
        b.varint(postings.len() as u64);
        let mut prev = 0;
        for &(t, counts) in postings {
            b.varint(u64::from(t - prev));
            prev = t;
            let fields = counts.iter().enumerate().filter(|(_, c)| **c > 0).fold(0u8, |m, (f, _)| m | (1 << f));
            b.byte(fields);
            counts.iter().filter(|c| **c > 0).for_each(|&c| b.byte(c));
        }
    }
    deflate_fast(&b.0)
}

/// A stems file read back: the stems and each document's postings (stem
/// numbers, ascending, with counts per field).
struct Stems {
    terms: Vec<String>,
    docs: Vec<Vec<(u32, FieldCounts)>>,
}

impl Stems {
    fn decode(bytes: &[u8]) -> Option<Self> {
        let raw = inflate(bytes)?;
        let mut r = Reader(&raw);
        let n = r.varint()? as usize;
        let terms = (0..n).map(|_| r.str().map(String::from)).collect::<Option<Vec<_>>>()?;
        let docs = (0..r.varint()?)
            .map(|_| {
                let len = r.varint()?;
                let mut prev = 0u32;
                (0..len)
                    .map(|_| {
                        prev = prev.checked_add(u32::try_from(r.varint()?).ok()?)?;
                        let fields = r.byte()?;
                        let mut counts = [0u8; FIELDS];
                        for (f, c) in counts.iter_mut().enumerate() {
                            if fields & (1 << f) != 0 {
                                *c = r.byte()?;
                            }
                        }
                        (prev < terms.len() as u32).then_some((prev, counts))
                    })
                    .collect::<Option<Vec<_>>>()
            })
            .collect::<Option<Vec<_>>>()?;
        r.is_empty().then_some(Stems { terms, docs })
    }

    /// The postings of document `i`, by stem.
    fn of(&self, i: usize) -> Option<HashMap<&str, FieldCounts>> {
        let postings = self.docs.get(i)?;
        Some(postings.iter().map(|&(t, c)| (self.terms[t as usize].as_str(), c)).collect())
    }

    /// Gives document `i` these postings.
    fn set(&mut self, i: usize, postings: &[(&str, FieldCounts)]) {
        let mut known: HashMap<String, u32> =
            self.terms.iter().enumerate().map(|(k, t)| (t.clone(), k as u32)).collect();
        let mut own: Vec<(u32, FieldCounts)> = postings
            .iter()
            .map(|&(s, c)| {
                let id = *known.entry(s.to_string()).or_insert_with(|| {
                    self.terms.push(s.to_string());
                    self.terms.len() as u32 - 1
                });
                (id, c)
            })
            .collect();
        own.sort_unstable_by_key(|p| p.0);
        own.dedup_by_key(|p| p.0);
        self.docs[i] = own;
    }

    fn encode(&self) -> Vec<u8> {
        encode_stems(&self.terms, self.docs.iter().map(Vec::as_slice))
    }
}

/// Saves the stems of chunk `k` into the search stage's folder `dir`
/// (whose `stems/` folder [`stems_folder`] made) and gives the hash the
/// memo records for them. The file is a hint like the memo: one that
/// cannot be written is recorded with a hash no file has, so that the
/// next build reads its documents again.
pub fn keep_stems(dir: &Path, k: usize, chunk: &Chunk) -> Hash {
    let bytes = forward_record(chunk);
    let saved = crate::incremental::state::write_atomic(&stems_path(dir, k), &bytes);
    if saved.is_ok() { hash(&bytes) } else { 0 }
}

/// Makes the folder of the stems files in the search stage's folder
/// `dir`; when it cannot be made, each file's saving fails alone.
pub fn stems_folder(dir: &Path) {
    let _ = std::fs::create_dir_all(dir.join("stems"));
}

fn stems_path(dir: &Path, k: usize) -> std::path::PathBuf {
    dir.join("stems").join(format!("{k}.bin"))
}

impl Memo {
    /// The memo of a clean build: its code stamp, facet values, the
    /// documents' fingerprints and lengths, the term shards (their file
    /// hashes, whether a name was salted), the summary blocks (hashes,
    /// slots, file hashes) and the stems files.
    pub fn of_build(
        (code, corpus, values): (Hash, &Corpus, &DocValues),
        (prints, lengths): (Vec<u64>, Vec<[u32; FIELDS]>),
        (terms, shards, salted): (&TermShards, Vec<Hash>, bool),
        (blocks, slots, summaries): (&[String], &[u32], Vec<Hash>),
        stems: Vec<Hash>,
    ) -> Self {
        Memo {
            code,
            values: values_hash(corpus, values),
            average: average_lengths(&lengths).map(f32::to_bits),
            salted,
            prints,
            lengths,
            keys: terms.keys.clone(),
            names: terms.names.clone(),
            shards,
            blocks: blocks.to_vec(),
            slots: slots.to_vec(),
            summaries,
            stems,
        }
    }

    /// The memo in `dir`, if it is whole and of this program, theme and
    /// options.
    pub fn load(dir: &Path, code: Hash) -> Option<Self> {
        let bytes = std::fs::read(dir.join("memo.bin")).ok()?;
        let (body, sum) = bytes.split_at_checked(bytes.len().checked_sub(16)?)?;
        if hash(body).to_le_bytes() != sum || !body.starts_with(MAGIC) {
            return None;
        }
        let memo = Self::decode(&mut Reader(&body[MAGIC.len()..]))?;
        (memo.code == code).then_some(memo)
    }

    fn decode(r: &mut Reader) -> Option<Self> {
        let u128_of = |r: &mut Reader| r.bytes(16).map(|b| u128::from_le_bytes(b.try_into().unwrap_or([0; 16])));
        let count = |r: &mut Reader| r.varint().and_then(|n| usize::try_from(n).ok());
        let mut m = Memo { code: u128_of(r)?, ..Default::default() };
        m.values = u64::from_le_bytes(r.bytes(8)?.try_into().ok()?);
        for a in &mut m.average {
            *a = u32::try_from(r.varint()?).ok()?;
        }
        m.salted = r.byte()? != 0;
        let docs = count(r)?;
        m.prints = r
            .bytes(docs.checked_mul(8)?)?
            .chunks(8)
            .map(|c| u64::from_le_bytes(c.try_into().unwrap_or([0; 8])))
            .collect();
        m.lengths = (0..docs)
            .map(|_| {
                let mut l = [0u32; FIELDS];
                for x in &mut l {
                    *x = u32::try_from(r.varint()?).ok()?;
                }
                Some(l)
            })
            .collect::<Option<_>>()?;
        m.keys.text = r.str()?.to_string();
        let keys = count(r)?;
        let mut end = 0u32;
        for _ in 0..keys {
            end = end.checked_add(u32::try_from(r.varint()?).ok()?)?;
            m.keys.ends.push(end);
        }
        if end as usize != m.keys.text.len() || !m.keys.ends.iter().all(|&e| m.keys.text.is_char_boundary(e as usize)) {
            return None;
        }
        m.keys.sizes = (0..keys).map(|_| r.varint().and_then(|s| u32::try_from(s).ok())).collect::<Option<_>>()?;
        let shards = count(r)?;
        let mut end = 0u32;
        for _ in 0..shards {
            end = end.checked_add(u32::try_from(r.varint()?).ok()?)?;
            m.keys.runs.push(end);
        }
        if end as usize != keys {
            return None;
        }
        let names = r.bytes(shards.checked_mul(SHARD_NAME_DIGITS)?)?;
        let names = std::str::from_utf8(names).ok()?;
        if !names.is_ascii() {
            return None;
        }
        m.names = (0..shards).map(|s| names[s * SHARD_NAME_DIGITS..(s + 1) * SHARD_NAME_DIGITS].to_string()).collect();
        m.shards = (0..shards).map(|_| u128_of(r)).collect::<Option<_>>()?;
        m.blocks = (0..count(r)?).map(|_| r.str().map(String::from)).collect::<Option<_>>()?;
        let files = count(r)?;
        m.slots = (0..files).map(|_| r.varint().and_then(|s| u32::try_from(s).ok())).collect::<Option<_>>()?;
        m.summaries = (0..files).map(|_| u128_of(r)).collect::<Option<_>>()?;
        m.stems = (0..count(r)?).map(|_| u128_of(r)).collect::<Option<_>>()?;
        let whole = r.is_empty()
            && m.blocks.len() == files.div_ceil(BLOCK)
            && m.stems.len() == docs.div_ceil(CHUNK)
            && files == docs.div_ceil(layout::GROUP * layout::PACK);
        whole.then_some(m)
    }

    fn encode(&self) -> Vec<u8> {
        let mut b = Buf::with_capacity(64 + self.prints.len() * 20 + self.keys.text.len() * 2);
        b.0.extend_from_slice(MAGIC);
        b.0.extend_from_slice(&self.code.to_le_bytes());
        b.0.extend_from_slice(&self.values.to_le_bytes());
        self.average.iter().for_each(|&a| b.varint(u64::from(a)));
        b.byte(u8::from(self.salted));
        b.varint(self.prints.len() as u64);
        self.prints.iter().for_each(|p| b.0.extend_from_slice(&p.to_le_bytes()));
        self.lengths.iter().flatten().for_each(|&l| b.varint(u64::from(l)));
        b.str(&self.keys.text);
        b.varint(self.keys.len() as u64);
        let mut prev = 0;
        for &e in &self.keys.ends {
            b.varint(u64::from(e - prev));
            prev = e;
        }
        self.keys.sizes.iter().for_each(|&s| b.varint(u64::from(s)));
        b.varint(self.keys.runs.len() as u64);
        let mut prev = 0;
        for &e in &self.keys.runs {
            b.varint(u64::from(e - prev));
            prev = e;
        }
        self.names.iter().for_each(|n| b.0.extend_from_slice(n.as_bytes()));
        self.shards.iter().for_each(|h| b.0.extend_from_slice(&h.to_le_bytes()));
        b.varint(self.blocks.len() as u64);
        self.blocks.iter().for_each(|h| b.str(h));
        b.varint(self.slots.len() as u64);
        self.slots.iter().for_each(|&s| b.varint(u64::from(s)));
        self.summaries.iter().for_each(|h| b.0.extend_from_slice(&h.to_le_bytes()));
        b.varint(self.stems.len() as u64);
        self.stems.iter().for_each(|h| b.0.extend_from_slice(&h.to_le_bytes()));
        let sum = hash(&b.0);
        b.0.extend_from_slice(&sum.to_le_bytes());
        b.0
    }

    /// Saves the memo and the stems files given (by chunk number) into
    /// `dir`, each file atomically; the memo last, as it names the stems
    /// files' hashes.
    pub fn save(&self, dir: &Path, stems: &[(usize, Vec<u8>)]) -> io::Result<()> {
        std::fs::create_dir_all(dir.join("stems"))?;
        let written: Vec<io::Result<()>> = stems
            .par_iter()
            .map(|(k, bytes)| crate::incremental::state::write_atomic(&stems_path(dir, *k), bytes))
            .collect();
        written.into_iter().collect::<io::Result<()>>()?;
        crate::incremental::state::write_atomic(&dir.join("memo.bin"), &self.encode())
    }
}

/// Where a key of the new index comes from.
#[derive(Clone, Copy)]
enum Source {
    /// The last index's key at this position, unchanged.
    Old(usize),
    /// A patched or new entry, by its number.
    New(usize),
}

/// The last index's term shards read back from the live site, parsed
/// into their entries.
struct OldShards<'a> {
    out: &'a Staging,
    memo: &'a Memo,
    read: HashMap<usize, Vec<Vec<u8>>>,
}

impl OldShards<'_> {
    /// Reads the shards `wanted` not read yet, in parallel; false when the
    /// live site cannot vouch for one or it is not what the memo says.
    fn load(&mut self, wanted: impl Iterator<Item = usize>) -> io::Result<bool> {
        let wanted: Vec<usize> =
            wanted.filter(|s| !self.read.contains_key(s)).collect::<HashSet<_>>().into_iter().collect();
        let (out, memo) = (self.out, self.memo);
        let read: Vec<Option<(usize, Vec<Vec<u8>>)>> = wanted
            .into_par_iter()
            .map(|s| {
                let path = layout::shard_path(&memo.names[s]);
                let Some(bytes) = out.read_live(&path, memo.shards[s])? else { return Ok(None) };
                let entries = split_shard(&bytes).filter(|e| e.len() == memo.keys.run(s).len());
                Ok(entries.map(|e| (s, e)))
            })
            .collect::<io::Result<_>>()?;
        let whole = read.iter().all(Option::is_some);
        self.read.extend(read.into_iter().flatten());
        Ok(whole)
    }

    /// The entry of old key `i`, once its shard is loaded.
    fn entry(&self, i: usize) -> Option<&[u8]> {
        let s = self.memo.keys.shard_of(i);
        let start = self.memo.keys.run(s).start;
        self.read.get(&s).and_then(|e| e.get(i - start)).map(Vec::as_slice)
    }
}

/// The entries of a term shard's bytes.
fn split_shard(bytes: &[u8]) -> Option<Vec<Vec<u8>>> {
    let raw = inflate(bytes)?;
    let mut r = Reader(&raw);
    let n = r.varint()?;
    let mut out = Vec::new();
    for _ in 0..n {
        let rest = r.0;
        r.str()?;
        let len = usize::try_from(r.varint()?).ok()?;
        r.bytes(len)?;
        out.push(rest[..rest.len() - r.0.len()].to_vec());
    }
    r.is_empty().then_some(out)
}

/// Patches the last index for the documents whose fingerprint changed and
/// writes the files that change, keeping the others; `None` (having
/// written nothing) when the index must be made whole.
pub fn patch(
    (corpus, values): (&Corpus, &DocValues),
    out: &Staging,
    dir: &Path,
    memo: Memo,
    prints: Vec<u64>,
    written: &mut Written,
) -> Result<Option<Made>, SearchError> {
    let io_err = |e: io::Error| crate::output::WriteError { path: layout::DIR.to_string(), source: e };
    let n = corpus.len();
    if memo.prints.len() != n as usize || memo.salted || memo.values != values_hash(corpus, values) {
        return Ok(None);
    }
    let changed: Vec<u32> = (0..n).filter(|&d| prints[d as usize] != memo.prints[d as usize]).collect();
    if changed.len() as u32 > n / MAX_CHANGED + 1 {
        return Ok(None);
    }
    let read = read_docs(corpus, changed.iter().copied());
    let mut lengths = memo.lengths.clone();
    for (&d, doc) in changed.iter().zip(&read.docs) {
        lengths[d as usize] = doc.1;
    }
    let avg = average_lengths(&lengths);
    if avg.map(f32::to_bits) != memo.average {
        return Ok(None);
    }
    // The changed documents' stems as the last build saw them.
    let mut stems: BTreeMap<usize, Stems> = BTreeMap::new();
    for &d in &changed {
        let k = d as usize / CHUNK;
        if let std::collections::btree_map::Entry::Vacant(e) = stems.entry(k) {
            let Ok(bytes) = std::fs::read(stems_path(dir, k)) else { return Ok(None) };
            let Some(decoded) = (memo.stems.get(k) == Some(&hash(&bytes))).then(|| Stems::decode(&bytes)).flatten()
            else {
                return Ok(None);
            };
            e.insert(decoded);
        }
    }
    // The postings the changed documents now give, by stem.
    let mut added: BTreeMap<&str, Vec<(u32, u8)>> = BTreeMap::new();
    for (&d, (postings, _, _)) in changed.iter().zip(&read.docs) {
        for &(t, counts) in postings {
            added
                .entry(read.terms[t as usize].as_str())
                .or_default()
                .push((d, impact(&counts, &lengths[d as usize], &avg)));
        }
    }
    // The keys to patch: those whose posting of a changed document came,
    // went or took another impact. (The rest keep their bytes: same
    // documents, same impacts, same averages.)
    let mut affected: HashSet<&str> = HashSet::new();
    for (&d, (postings, _, _)) in changed.iter().zip(&read.docs) {
        let s = &stems[&(d as usize / CHUNK)];
        let Some(mut before) = s.of(d as usize % CHUNK) else { return Ok(None) };
        let (was, is) = (&memo.lengths[d as usize], &lengths[d as usize]);
        for &(t, counts) in postings {
            let stem = read.terms[t as usize].as_str();
            let same = before.remove(stem).is_some_and(|old| impact(&old, was, &avg) == impact(&counts, is, &avg));
            if !same {
                affected.insert(stem);
            }
        }
        affected.extend(before.into_keys());
    }
    // Patched entries: the other documents' postings read back, the
    // changed documents' replaced.
    let mut old = OldShards { out, memo: &memo, read: HashMap::new() };
    let mut affected: Vec<&str> = affected.into_iter().collect();
    affected.sort_unstable();
    let found: Vec<Result<usize, usize>> = affected.iter().map(|k| memo.keys.find(k)).collect();
    if !old.load(found.iter().filter_map(|at| at.ok()).map(|i| memo.keys.shard_of(i))).map_err(io_err)? {
        return Ok(None);
    }
    let patched: Vec<Option<Option<Vec<u8>>>> = affected
        .par_iter()
        .zip(&found)
        .map_init(Vec::new, |scratch, (key, at)| {
            let mut postings = match at {
                Ok(i) => match old.entry(*i).and_then(read_entry) {
                    Some((k, p)) if k == *key => p,
                    _ => return None,
                },
                Err(_) => Vec::new(),
            };
            postings.retain(|(d, _)| changed.binary_search(d).is_err());
            postings.extend(added.get(key).into_iter().flatten());
            postings.sort_unstable_by_key(|p| p.0);
            let docs = postings.iter().map(|p| p.0);
            let impacts = postings.iter().map(|p| p.1);
            let df = postings.len();
            Some((df > 0).then(|| term_entry(key, idf_milli(n, df), (corpus, values), docs, impacts, scratch)))
        })
        .collect();
    let Some(patched) = patched.into_iter().collect::<Option<Vec<Option<Vec<u8>>>>>() else { return Ok(None) };
    let mut entries: Vec<Vec<u8>> = Vec::new();
    // Entries patched into the very bytes they had change nothing (a word
    // the edit left as it was): the shard that holds one may be kept.
    let placed: Vec<(&str, Result<usize, usize>, Option<usize>)> = affected
        .iter()
        .zip(&found)
        .zip(patched)
        .filter(|((_, at), entry)| at.ok().and_then(|i| old.entry(i)) != entry.as_deref())
        .map(|((key, at), entry)| {
            let e = entry.map(|e| {
                entries.push(e);
                entries.len() - 1
            });
            (*key, *at, e)
        })
        .collect();
    // The new key list, merged from the old one and the patched keys.
    let mut keys: Vec<&str> = Vec::with_capacity(memo.keys.len() + affected.len());
    let mut sizes: Vec<usize> = Vec::with_capacity(keys.capacity());
    let mut sources: Vec<Source> = Vec::with_capacity(keys.capacity());
    let mut next_old = 0;
    let patched = placed.iter().map(|&(key, at, entry)| (Some(key), at, entry));
    for (key, at, entry) in patched.chain([(None, Err(memo.keys.len()), None)]) {
        let (Ok(i) | Err(i)) = at;
        for o in next_old..i {
            keys.push(memo.keys.key(o));
            sizes.push(memo.keys.sizes[o] as usize);
            sources.push(Source::Old(o));
        }
        next_old = if at.is_ok() { i + 1 } else { i };
        if let (Some(key), Some(e)) = (key, entry) {
            keys.push(key);
            sizes.push(entries[e].len());
            sources.push(Source::New(e));
        }
    }
    let runs = layout::shard_runs(&keys, &sizes);
    let separators: Vec<String> = separators(&keys, &runs).into_iter().map(String::from).collect();
    let new_keys = Keys::new(keys.iter().copied(), &sizes, &runs);
    drop(keys);
    // A run of old keys only, cut where the old shard was, is that shard.
    let same_shard = |run: &std::ops::Range<usize>| {
        let (Source::Old(first), Source::Old(last)) = (sources[run.start], sources[run.end - 1]) else { return None };
        let s = memo.keys.shard_of(first);
        let whole = memo.keys.run(s) == (first..last + 1) && last + 1 - first == run.len();
        (whole && sources[run.clone()].iter().all(|s| matches!(s, Source::Old(_)))).then_some(s)
    };
    let plan: Vec<Option<usize>> = runs.iter().map(same_shard).collect();
    let rebuilt = runs.iter().zip(&plan).filter(|(_, kept)| kept.is_none());
    let olds = rebuilt.flat_map(|(run, _)| sources[run.clone()].iter()).filter_map(|s| match s {
        Source::Old(i) => Some(memo.keys.shard_of(*i)),
        Source::New(_) => None,
    });
    let olds: Vec<usize> = olds.collect::<std::collections::BTreeSet<_>>().into_iter().collect();
    if !old.load(olds.into_iter()).map_err(io_err)? {
        return Ok(None);
    }
    let packed: Vec<Option<Vec<u8>>> = runs
        .par_iter()
        .zip(&plan)
        .map(|(run, kept)| {
            if kept.is_some() {
                return Some(None);
            }
            let bytes: Option<Vec<&[u8]>> = sources[run.clone()]
                .iter()
                .map(|source| match *source {
                    Source::New(e) => Some(entries[e].as_slice()),
                    Source::Old(i) => old.entry(i),
                })
                .collect();
            bytes.map(|b| Some(layout::pack_shard(b.into_iter())))
        })
        .collect::<Option<_>>()
        .unwrap_or_default();
    if packed.len() != runs.len() {
        return Ok(None);
    }
    let names: Vec<String> = plan
        .iter()
        .zip(&packed)
        .map(|(kept, bytes)| match (kept, bytes) {
            (Some(s), _) => memo.names[*s].clone(),
            (None, Some(b)) => content_name(b, SHARD_NAME_DIGITS),
            (None, None) => String::new(),
        })
        .collect();
    // A clean build would salt a repeated name: leave that to it.
    if names.iter().collect::<HashSet<_>>().len() != names.len() {
        return Ok(None);
    }
    // Summary blocks holding a changed document are made again.
    let mut remade: BTreeMap<usize, SummaryFiles> = BTreeMap::new();
    let summaries: HashMap<u32, &Vec<u8>> = changed.iter().copied().zip(read.docs.iter().map(|d| &d.2)).collect();
    for k in changed.iter().map(|&d| d as usize / BLOCK_DOCS).collect::<std::collections::BTreeSet<_>>() {
        let docs = (k * BLOCK_DOCS) as u32..((k + 1) * BLOCK_DOCS).min(n as usize) as u32;
        let block: Vec<Vec<u8>> = docs
            .into_par_iter()
            .map(|d| summaries.get(&d).map_or_else(|| corpus.text(d).summary, |s| (*s).clone()))
            .collect();
        remade.insert(k, layout::summary_block(k, &block));
    }
    // Everything kept must be vouched for before anything is written.
    let kept_shards = plan.iter().flatten().map(|&s| (layout::shard_path(&memo.names[s]), memo.shards[s]));
    let kept_summaries = (0..memo.summaries.len())
        .filter(|f| !remade.contains_key(&(f / BLOCK)))
        .map(|f| (layout::summary_path(f, &memo.blocks[f / BLOCK]), memo.summaries[f]));
    let kept: Vec<(String, Hash)> = kept_shards.chain(kept_summaries).collect();
    if kept.iter().any(|(path, h)| out.live_hash(path) != Some(*h)) {
        return Ok(None);
    }
    for (path, h) in &kept {
        if !out.keep(path, *h).map_err(crate::output::WriteError::at(path))? {
            return Err(crate::output::WriteError {
                path: path.clone(),
                source: io::Error::other("the live site no longer holds the file it vouched for"),
            });
        }
    }
    written.kept += kept.len();
    // The new files, and the memo of the new index.
    let mut shard_hashes = Vec::with_capacity(runs.len());
    let mut files: Vec<File> = Vec::new();
    for ((kept, bytes), name) in plan.iter().zip(packed).zip(&names) {
        match (kept, bytes) {
            (Some(s), _) => shard_hashes.push(memo.shards[*s]),
            (None, Some(b)) => {
                shard_hashes.push(hash(&b));
                files.push((layout::shard_path(name), b));
            }
            (None, None) => unreachable!("a run is either kept or packed"),
        }
    }
    let (mut blocks, mut slots, mut summary_hashes) = (memo.blocks.clone(), memo.slots.clone(), memo.summaries.clone());
    for (k, block) in remade {
        blocks[k] = block.hashes[0].clone();
        for (i, (slot, file)) in block.slots.into_iter().zip(block.files).enumerate() {
            slots[k * BLOCK + i] = slot;
            summary_hashes[k * BLOCK + i] = hash(&file.1);
            files.push(file);
        }
    }
    written.write(out, files)?;
    let mut saved = Vec::new();
    for (k, mut s) in stems {
        for (&d, (postings, _, _)) in changed.iter().zip(&read.docs).filter(|(d, _)| **d as usize / CHUNK == k) {
            let own: Vec<(&str, FieldCounts)> =
                postings.iter().map(|p| (read.terms[p.0 as usize].as_str(), p.1)).collect();
            s.set(d as usize % CHUNK, &own);
        }
        saved.push((k, s.encode()));
    }
    let mut stem_hashes = memo.stems.clone();
    saved.iter().for_each(|(k, b)| stem_hashes[*k] = hash(b));
    drop(old);
    let next = Memo {
        prints,
        lengths,
        keys: new_keys.clone(),
        names: names.clone(),
        shards: shard_hashes,
        blocks: blocks.clone(),
        slots: slots.clone(),
        summaries: summary_hashes,
        stems: stem_hashes,
        ..memo
    };
    let terms = TermShards { separators, names, keys: new_keys };
    Ok(Some(Made { terms, blocks, slots, memo: next, stems: saved }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memo_reads_back_as_written_and_not_at_all_when_damaged() {
        let runs = [0..2, 2..3];
        let memo = Memo {
            code: 7,
            values: 9,
            average: [1, 2, 3, 4],
            salted: false,
            prints: vec![5, 6, 7],
            lengths: vec![[1, 2, 3, 400]; 3],
            keys: Keys::new(["#jenis=0", "kota", "ormas"], &[10, 2000, 3], &runs),
            names: vec!["0123456789".into(), "abcdefabcd".into()],
            shards: vec![11, 12],
            blocks: vec!["00ff00ff".into()],
            slots: vec![3],
            summaries: vec![13],
            stems: vec![14],
        };
        let dir = tempfile::tempdir().unwrap();
        memo.save(dir.path(), &[(0, vec![1, 2, 3])]).unwrap();
        let back = Memo::load(dir.path(), 7).unwrap();
        assert_eq!(back.encode(), memo.encode());
        assert_eq!((back.keys.key(1), back.keys.run(1), back.keys.find("orma")), ("kota", 2..3, Err(2)));
        assert!(Memo::load(dir.path(), 8).is_none(), "another program's memo is not read");
        let path = dir.path().join("memo.bin");
        let mut bytes = std::fs::read(&path).unwrap();
        bytes[40] ^= 1;
        std::fs::write(&path, &bytes).unwrap();
        assert!(Memo::load(dir.path(), 7).is_none(), "a damaged memo is not read");
    }

    #[test]
    fn stems_files_read_back_and_take_new_stems() {
        let chunk = Chunk {
            terms: vec!["kota".into(), "giat".into(), "ormas".into()],
            docs: vec![(vec![(0, [1; FIELDS]), (2, [1; FIELDS])], [0; FIELDS], vec![]), (vec![], [0; FIELDS], vec![])],
        };
        let mut stems = Stems::decode(&forward_record(&chunk)).unwrap();
        assert_eq!(stems.docs, [vec![(0, [1; FIELDS]), (2, [1; FIELDS])], vec![]]);
        stems.set(1, &[("giat", [0, 0, 0, 3]), ("baru", [1, 0, 0, 0])]);
        let back = Stems::decode(&stems.encode()).unwrap();
        let words = |d: usize| {
            let mut w: Vec<(&str, FieldCounts)> = back.of(d).unwrap().into_iter().collect();
            w.sort_unstable();
            w
        };
        assert_eq!(words(0), [("kota", [1; FIELDS]), ("ormas", [1; FIELDS])]);
        assert_eq!(words(1), [("baru", [1, 0, 0, 0]), ("giat", [0, 0, 0, 3])]);
    }
}
