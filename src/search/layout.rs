//! The files of the index and the manifest that names them.
//!
//! Under `cari/indeks/`: `t/` term shards (words and facet values), `r/`
//! result summaries in groups of [`GROUP`] documents, [`PACK`] groups a
//! file, `c/` the column facets of every document in runs of
//! [`COLUMN_RUN`], `f/` facet value sets, `n/` names of agencies and ormas
//! for the facet lists, `manifest-<hash>.bin` and its second level
//! `directory-<hash>.bin` ([`super::manifest`]). Every file (every summary
//! group) is raw deflate and named by its content hash, so a host can cache
//! it forever: term shards `t/<hash>.bin`, the others
//! `<position>-<hash>.bin`; the manifest's two levels hold the names.

use std::collections::BTreeMap;
use std::ops::Range;

use rayon::prelude::*;

use super::codec::{Buf, content_hash, content_hash_of, content_name, deflate, deflate_fast};
use super::docs::{Corpus, DocType, Facet};
use super::manifest::{
    Columns, Directory, DocTypeRange, KindEntry, Manifest, NameFiles, RegionEntry, Runs, Summaries, Terms, TopicEntry,
    VERSION, ValueCounts, YearRange,
};
use super::shards::{partition, separators};
use super::terms::{COLUMNS, DocValues, TOP_VALUES, write_columns};
use crate::address::Urls;
use crate::model::ActivityKind;

/// Folder of the index in the output.
pub const DIR: &str = "cari/indeks";
/// Documents per summary group, the unit a result page fetches.
pub const GROUP: usize = 8;
/// Summary groups per file. The browser fetches one group with an HTTP
/// range request, so a query pays for the groups it shows while the index
/// stays a few thousand files; a host that ignores ranges sends the whole
/// file, which costs up to `PACK` times the bytes but still works.
pub const PACK: usize = 16;
/// Summary files per hash in the manifest.
pub const BLOCK: usize = 8;
/// Documents per `c/` file. A year or a type is a range of documents, so
/// counting results narrowed by one reads only the files of that range.
pub const COLUMN_RUN: usize = 4096;
/// Target size of a term shard before compression: shards hold between
/// three quarters and one and a half times this (see [`super::shards`]),
/// about as much on average as the shards cut greedily at 16 kB before.
const SHARD_BYTES: usize = 12 * 1024;
/// Target size of a facet-set file before compression.
const FACET_BYTES: usize = 32 * 1024;
/// Names per name file.
const NAMES: usize = 256;

/// One file to write: its path under the output and its bytes.
pub type File = (String, Vec<u8>);

/// Compresses a file body and names it `<dir>/<n>-<hash>.bin`; returns the
/// hash (for the manifest) and the file. Numbers (`t/`, `f/`) are packed
/// fast, text (`n/`) small.
fn pack(dir: &str, n: usize, raw: &[u8]) -> (String, File) {
    let bytes = if dir == "n" { deflate(raw) } else { deflate_fast(raw) };
    let hash = content_hash(&bytes);
    (hash.clone(), (format!("{DIR}/{dir}/{n}-{hash}.bin"), bytes))
}

/// Hex digits of a term shard's name. Shards are named by content alone
/// (no position, so that a shard added or removed renames no other), so
/// the name must stay unique among every shard a host or browser may have
/// cached over many builds: 40 bits.
pub const SHARD_NAME_DIGITS: usize = 10;

/// The term shards: each one's separator and name, for the manifest.
pub struct TermShards {
    /// Separator of each shard ([`super::shards`]).
    pub separators: Vec<String>,
    /// Name of each shard's file, `t/<name>.bin`.
    pub names: Vec<String>,
    /// Every key, sorted, and the shards' runs of them.
    pub keys: Keys,
}

/// Every key of the term shards in order, with the size of its entry, and
/// where each shard's run of keys ends: what an incremental build needs to
/// cut the shards again as a clean build would ([`super::reuse`]).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Keys {
    /// The keys one after the other.
    pub text: String,
    /// End of each key in `text`.
    pub ends: Vec<u32>,
    /// Size of each key's entry.
    pub sizes: Vec<u32>,
    /// End (one past the last key) of each shard's run.
    pub runs: Vec<u32>,
}

impl Keys {
    /// The keys `keys` with entries of `sizes`, cut into `runs`.
    pub fn new<'k>(keys: impl IntoIterator<Item = &'k str>, sizes: &[usize], runs: &[Range<usize>]) -> Self {
        let mut out = Keys { sizes: sizes.iter().map(|&s| s as u32).collect(), ..Default::default() };
        for k in keys {
            out.text.push_str(k);
            out.ends.push(out.text.len() as u32);
        }
        out.runs = runs.iter().map(|r| r.end as u32).collect();
        out
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether there is no key.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Key `i`.
    pub fn key(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    /// The position of `key`, or where it would go.
    pub fn find(&self, key: &str) -> Result<usize, usize> {
        let (mut lo, mut hi) = (0, self.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.key(mid).cmp(key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(mid),
            }
        }
        Err(lo)
    }

    /// The shard whose run holds key `i`.
    pub fn shard_of(&self, i: usize) -> usize {
        self.runs.partition_point(|&end| end as usize <= i)
    }

    /// The run of shard `s`.
    pub fn run(&self, s: usize) -> Range<usize> {
        let start = if s == 0 { 0 } else { self.runs[s - 1] as usize };
        start..self.runs[s] as usize
    }
}

/// Cuts sorted keys with entries of `sizes` into the runs of term shards.
pub fn shard_runs(keys: &[&str], sizes: &[usize]) -> Vec<Range<usize>> {
    partition(keys, sizes, SHARD_BYTES)
}

/// Term shards packed at a time: enough to keep both cores busy.
const PACK_BATCH: usize = 64;

/// Term shards, from every key (words and facet values) and its encoded
/// entry: returns the shards' separators and names. The files go to `sink`
/// a batch at a time, with their names, as they are packed, and each
/// batch's entries are freed once packed: at a million documents the
/// entries and the files are each hundreds of megabytes, which the build's
/// peak would otherwise hold both of.
pub fn term_shards<E>(
    terms: &[String],
    mut entries: Vec<Vec<u8>>,
    mut sink: impl FnMut(&[String], Vec<File>) -> Result<(), E>,
) -> Result<TermShards, E> {
    let mut order: Vec<usize> = (0..terms.len()).collect();
    order.par_sort_unstable_by(|&a, &b| terms[a].cmp(&terms[b]));
    let keys: Vec<&str> = order.iter().map(|&t| terms[t].as_str()).collect();
    let sizes: Vec<usize> = order.iter().map(|&t| entries[t].len()).collect();
    let runs = shard_runs(&keys, &sizes);
    let separators = separators(&keys, &runs).into_iter().map(String::from).collect();
    let (mut names, mut taken) = (Vec::with_capacity(runs.len()), std::collections::HashSet::new());
    for batch in runs.chunks(PACK_BATCH) {
        let packed: Vec<Vec<u8>> = batch
            .par_iter()
            .map(|range| pack_shard(order[range.clone()].iter().map(|&t| entries[t].as_slice())))
            .collect();
        batch.iter().flat_map(|range| &order[range.clone()]).for_each(|&t| entries[t] = Vec::new());
        let first = names.len();
        names.extend(packed.iter().map(|bytes| unique_name(bytes, &mut taken)));
        let files = names[first..].iter().zip(packed).map(|(name, bytes)| (shard_path(name), bytes)).collect();
        sink(&names[first..], files)?;
    }
    let keys = Keys::new(keys.iter().copied(), &sizes, &runs);
    Ok(TermShards { separators, names, keys })
}

/// A term shard's bytes: the count of its entries, then the entries, raw
/// deflated.
pub fn pack_shard<'e>(entries: impl ExactSizeIterator<Item = &'e [u8]> + Clone) -> Vec<u8> {
    let mut raw = Buf::with_capacity(entries.clone().map(<[u8]>::len).sum::<usize>() + 8);
    raw.varint(entries.len() as u64);
    entries.for_each(|e| raw.0.extend_from_slice(e));
    deflate_fast(&raw.0)
}

/// The output path of the term shard named `name`.
pub fn shard_path(name: &str) -> String {
    format!("{DIR}/t/{name}.bin")
}

/// The name of a term shard, from its bytes. Names must be unique in a
/// build (`taken` holds those given so far): a shard whose name an earlier
/// one took is named by the hash of its bytes and a counter instead.
fn unique_name(bytes: &[u8], taken: &mut std::collections::HashSet<String>) -> String {
    let mut name = content_name(bytes, SHARD_NAME_DIGITS);
    let mut salt = 0u8;
    while !taken.insert(name.clone()) {
        salt += 1;
        name = content_name(&[bytes, &[salt]].concat(), SHARD_NAME_DIGITS);
    }
    name
}

/// The summary files, and what the manifest needs to find a group in them.
#[derive(Default)]
pub struct SummaryFiles {
    /// Hash of each block of [`BLOCK`] files. A file's name carries its
    /// block's hash rather than its own, which keeps the manifest small
    /// (one hash per thousand documents) while a change still renames
    /// every file it touches.
    pub hashes: Vec<String>,
    /// Slot size of each file, in [`SLOT_UNIT`]s: group `g` of a file is
    /// the slot at `(g mod PACK) × slot`.
    pub slots: Vec<u32>,
    /// The files.
    pub files: Vec<File>,
}

/// Summary slots are multiples of this many bytes, so that a file's slot
/// size is a small number in the manifest.
pub const SLOT_UNIT: usize = 16;

/// Documents whose summaries one block of [`BLOCK`] summary files holds:
/// a change to one of them renames the files of its block only.
pub const BLOCK_DOCS: usize = GROUP * PACK * BLOCK;

/// The summary files of block `k`, the summaries of its documents (at most
/// [`BLOCK_DOCS`]): one hash, their slots and files.
///
/// Its summary groups, in document order, each compressed alone, and packed
/// [`PACK`] to a file in slots of one size per file: a group is its
/// compressed length (a varint), its raw deflate bytes and zeros up to the
/// slot's end. With one slot size per file, rather than a byte size per
/// group, the manifest holds one number per 128 documents instead of one
/// per 8 (at a million activities about 6 kB instead of about 200 kB,
/// which alone passed the first query's budget); the padding costs 8.5 %
/// of the summary bytes (groups of 8 documents vary little in size).
pub fn summary_block(k: usize, summaries: &[Vec<u8>]) -> SummaryFiles {
    let packed: Vec<Vec<u8>> = summaries
        .chunks(GROUP)
        .map(|group| {
            let mut raw = Buf::with_capacity(group.iter().map(Vec::len).sum::<usize>() + 4);
            raw.varint(group.len() as u64);
            group.iter().for_each(|s| raw.0.extend_from_slice(s));
            let bytes = deflate(&raw.0);
            let mut slot = Buf::with_capacity(bytes.len() + 3);
            slot.varint(bytes.len() as u64);
            slot.0.extend_from_slice(&bytes);
            slot.0
        })
        .collect();
    let (slots, packs): (Vec<u32>, Vec<Vec<u8>>) = packed
        .chunks(PACK)
        .map(|groups| {
            let units = groups.iter().map(|g| g.len().div_ceil(SLOT_UNIT)).max().unwrap_or(0);
            let mut file = Vec::with_capacity(units * SLOT_UNIT * groups.len());
            for g in groups {
                file.extend_from_slice(g);
                file.resize(file.len() + units * SLOT_UNIT - g.len(), 0);
            }
            (units as u32, file)
        })
        .unzip();
    drop(packed);
    let hash = content_hash_of(&packs);
    let files = packs.into_iter().enumerate().map(|(n, bytes)| (summary_path(k * BLOCK + n, &hash), bytes)).collect();
    SummaryFiles { hashes: vec![hash], slots, files }
}

/// The output path of summary file `f`, of the block whose hash is `block`.
pub fn summary_path(f: usize, block: &str) -> String {
    format!("{DIR}/r/{f}-{block}.bin")
}

/// The column facets of every document, in document order, [`COLUMN_RUN`]
/// a file: returns each file's hash and the files.
pub fn column_files(corpus: &Corpus, values: &DocValues) -> (Vec<String>, Vec<File>) {
    let runs: Vec<u32> = (0..corpus.len()).step_by(COLUMN_RUN).collect();
    runs.par_iter()
        .enumerate()
        .map(|(n, &start)| {
            let end = (start + COLUMN_RUN as u32).min(corpus.len());
            let mut raw = Buf::with_capacity(COLUMN_RUN * 8);
            write_columns(&mut raw, corpus, values, start..end);
            pack("c", n, &raw.0)
        })
        .unzip()
}

/// The documents of every facet value, by global value number.
pub fn value_sets(corpus: &Corpus, values: &DocValues) -> Vec<Vec<u32>> {
    let mut sets = vec![Vec::new(); corpus.value_starts[5] as usize];
    for d in 0..corpus.len() {
        for &v in values.of(d) {
            sets[v as usize].push(d);
        }
    }
    sets
}

/// Facet set files: per facet, consecutive values packed until a file
/// reaches its size. Returns, per facet, each file's first value and hash.
pub fn facet_files(corpus: &Corpus, sets: &[Vec<u32>]) -> (Vec<Vec<(u32, String)>>, Vec<File>) {
    let mut chunks: Vec<(usize, u32, Buf)> = Vec::new();
    for facet in Facet::ALL {
        let start = corpus.value_starts[facet as usize];
        let mut current: Option<(u32, Buf)> = None;
        for v in 0..corpus.value_count(facet) {
            let mut set = Buf::default();
            set.deltas(&sets[(start + v) as usize]);
            match &mut current {
                Some((_, buf)) if buf.len() + set.len() <= FACET_BYTES => buf.0.extend_from_slice(&set.0),
                _ => {
                    if let Some((first, buf)) = current.take() {
                        chunks.push((facet as usize, first, buf));
                    }
                    current = Some((v, set));
                }
            }
        }
        if let Some((first, buf)) = current {
            chunks.push((facet as usize, first, buf));
        }
    }
    let packed: Vec<(usize, u32, String, File)> = chunks
        .par_iter()
        .enumerate()
        .map(|(n, (f, first, buf))| {
            let (hash, file) = pack("f", n, &buf.0);
            (*f, *first, hash, file)
        })
        .collect();
    let mut index = vec![Vec::new(); Facet::ALL.len()];
    let mut files = Vec::with_capacity(packed.len());
    for (f, first, hash, file) in packed {
        index[f].push((first, hash));
        files.push(file);
    }
    (index, files)
}

/// Where names of a facet's values are: each file's first value, first id
/// and hash.
pub type NameIndex = Vec<(u32, String, String)>;

/// Name files for the agency and ormas facets, whose values are ranked by
/// id: returns the agency and ormas name indexes and the files.
pub fn name_files(corpus: &Corpus) -> (NameIndex, NameIndex, Vec<File>) {
    let s = corpus.site;
    // The agency filter lists full names with abbreviations, as pages do.
    let listed: Vec<(&str, String)> =
        corpus.agencies_by_id.iter().map(|&g| (s.agencies[g].id.as_str(), s.agency_listing_name(g))).collect();
    let agencies: Vec<(&str, &str)> = listed.iter().map(|(id, name)| (*id, name.as_str())).collect();
    let ormas: Vec<(&str, &str)> =
        corpus.ormas_by_id.iter().map(|&o| (s.ormas[o].id.as_str(), s.ormas[o].meta.name.as_str())).collect();
    let mut files = Vec::new();
    let mut pack_names = |list: &[(&str, &str)]| {
        let mut index = Vec::new();
        for (k, chunk) in list.chunks(NAMES).enumerate() {
            let mut raw = Buf::default();
            raw.varint(chunk.len() as u64);
            for (id, name) in chunk {
                raw.str(id);
                raw.str(name);
            }
            let (hash, file) = pack("n", files.len(), &raw.0);
            index.push(((k * NAMES) as u32, chunk[0].0.to_string(), hash));
            files.push(file);
        }
        index
    };
    let a = pack_names(&agencies);
    let o = pack_names(&ormas);
    (a, o, files)
}

/// Counts over every document, for browsing with no query: every value
/// of the small facets, the most frequent agencies and ormas.
fn browse_counts(corpus: &Corpus, sets: &[Vec<u32>]) -> BTreeMap<&'static str, ValueCounts> {
    Facet::ALL
        .iter()
        .map(|&f| {
            let start = corpus.value_starts[f as usize];
            let mut list: Vec<(u32, u32)> = (0..corpus.value_count(f))
                .map(|v| (v, sets[(start + v) as usize].len() as u32))
                .filter(|(_, c)| *c > 0)
                .collect();
            if matches!(f, Facet::Instansi | Facet::Ormas) {
                list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                list.truncate(TOP_VALUES);
                list.sort_unstable();
            }
            let (values, counts) = list.into_iter().unzip();
            (f.param(), ValueCounts { values, counts })
        })
        .collect()
}

/// What the directory names: the files only some queries need.
pub struct DirectoryParts {
    /// Facet set files per facet.
    pub facets: Vec<Vec<(u32, String)>>,
    /// Column file hashes.
    pub columns: Vec<String>,
    /// Agency name files.
    pub agency_names: NameIndex,
    /// Ormas name files.
    pub ormas_names: NameIndex,
}

/// The second level of the manifest: the column, facet-set and name files.
pub fn directory<'a>(parts: &'a DirectoryParts) -> Directory<'a> {
    let facets = Facet::ALL.iter().map(|&f| (f.param(), Runs::new(&parts.facets[f as usize], |&v| v))).collect();
    let names = |list: &'a NameIndex| NameFiles {
        firsts: list.iter().map(|n| n.0).collect(),
        ids: list.iter().map(|n| n.1.as_str()).collect(),
        hashes: list.iter().map(|n| n.2.as_str()).collect(),
    };
    Directory {
        columns: &parts.columns,
        facets,
        names: BTreeMap::from([
            (Facet::Instansi.param(), names(&parts.agency_names)),
            (Facet::Ormas.param(), names(&parts.ormas_names)),
        ]),
    }
}

/// What the manifest names besides the directory.
pub struct Parts {
    /// The term shards.
    pub terms: TermShards,
    /// Summary block hashes.
    pub blocks: Vec<String>,
    /// Slot size of every summary file.
    pub slots: Vec<u32>,
    /// Path of the directory under the index folder.
    pub directory: String,
}

/// The manifest: tables the page needs at once (types, years, kinds,
/// regions, topics, browse counts), the term shards and summary files
/// every query reads, and the directory's path.
pub fn manifest<'a>(corpus: &'a Corpus, urls: &'a Urls, sets: &[Vec<u32>], parts: &'a Parts) -> Manifest<'a> {
    let s = corpus.site;
    let types = DocType::ALL
        .iter()
        .map(|&t| {
            let docs = corpus.documents_of_type(t);
            DocTypeRange { slug: t.slug(), label: t.label(), start: docs.start, end: docs.end }
        })
        .collect();
    let mut years = Vec::new();
    let mut start = 0;
    let activities = &s.activities.raw;
    for (i, a) in activities.iter().enumerate() {
        let next = activities.get(i + 1).map(|n| n.meta.date.year);
        if next != Some(a.meta.date.year) {
            let end = i as u32 + 1;
            let docs = corpus.documents_of(DocType::Activity, start, end);
            years.push(YearRange { year: a.meta.date.year, start: docs.start, end: docs.end });
            start = end;
        }
    }
    let kinds = ActivityKind::ALL.iter().map(|k| KindEntry { slug: k.slug(), label: k.label() }).collect();
    let regions = s
        .regions
        .iter()
        .zip(s.links.region_parent.iter())
        .map(|(r, parent)| RegionEntry { code: r.code.as_str(), name: &r.name, parent: parent.map(|p| p.get()) })
        .collect();
    let topics = s.topics.iter().map(|t| TopicEntry { id: &t.id, name: &t.name }).collect();
    Manifest {
        version: VERSION,
        base: urls.base_path(),
        documents: corpus.len(),
        types,
        years,
        kinds,
        regions,
        topics,
        browse: browse_counts(corpus, sets),
        terms: Terms {
            separators: &parts.terms.separators,
            names: parts.terms.names.concat(),
            digits: SHARD_NAME_DIGITS,
        },
        summaries: Summaries {
            group: GROUP,
            pack: PACK,
            block: BLOCK,
            unit: SLOT_UNIT,
            blocks: &parts.blocks,
            slots: &parts.slots,
        },
        columns: Columns { facets: COLUMNS.iter().map(|f| f.param()).collect(), run: COLUMN_RUN },
        directory: parts.directory.clone(),
    }
}

/// Packs a level of the manifest as raw-deflated JSON named
/// `<name>-<hash>.bin`; returns the file.
pub fn json_file(name: &str, value: &impl serde::Serialize) -> File {
    // Serializing plain structs, strings and numbers cannot fail.
    let json = serde_json::to_vec(value).expect("the manifest serializes");
    let bytes = deflate(&json);
    let hash = content_hash(&bytes);
    (format!("{DIR}/{name}-{hash}.bin"), bytes)
}
