//! The files of the index and the manifest that names them.
//!
//! Under `cari/indeks/`: `t/` term shards (words and facet values), `r/`
//! result summaries in groups of [`GROUP`] documents, [`PACK`] groups a
//! file, `c/` the column facets of every document in runs of
//! [`COLUMN_RUN`], `f/` facet value sets, `n/` names of agencies and ormas
//! for the facet lists, and `manifest-<hash>.bin` ([`super::manifest`]).
//! Every file (every summary group) is raw deflate and named
//! `<position>-<content hash>.bin`, so a host can cache it forever; the
//! manifest holds the hashes.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::codec::{Buf, content_hash, content_hash_of, deflate, deflate_fast};
use super::docs::{Corpus, DocType, Facet};
use super::manifest::{
    Columns, DocTypeRange, KindEntry, Manifest, NameFiles, RegionEntry, Runs, Summaries, TopicEntry, VERSION,
    ValueCounts, YearRange,
};
use super::shards::partition;
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
/// Target size of a term shard before compression.
const SHARD_BYTES: usize = 16 * 1024;
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

/// Term shards, from every key (words and facet values) and its encoded
/// entry: returns each shard's first key and hash, and the files.
pub fn term_shards(terms: &[String], entries: &[Vec<u8>]) -> (Vec<(String, String)>, Vec<File>) {
    let mut order: Vec<usize> = (0..terms.len()).collect();
    order.par_sort_unstable_by(|&a, &b| terms[a].cmp(&terms[b]));
    let sizes: Vec<usize> = order.iter().map(|&t| entries[t].len()).collect();
    let shards = partition(&sizes, SHARD_BYTES);
    shards
        .par_iter()
        .enumerate()
        .map(|(n, range)| {
            let mut raw = Buf::with_capacity(sizes[range.clone()].iter().sum::<usize>() + 8);
            raw.varint(range.len() as u64);
            for &t in &order[range.clone()] {
                raw.0.extend_from_slice(&entries[t]);
            }
            let (hash, file) = pack("t", n, &raw.0);
            ((terms[order[range.start]].clone(), hash), file)
        })
        .unzip()
}

/// The summary files, and what the manifest needs to find a group in them.
pub struct SummaryFiles {
    /// Hash of each block of [`BLOCK`] files. A file's name carries its
    /// block's hash rather than its own, which keeps the manifest small
    /// (one hash per thousand documents) while a change still renames
    /// every file it touches.
    pub hashes: Vec<String>,
    /// Compressed size of each group, in order: a group's byte range in
    /// its file is the sum of the sizes before it in that file.
    pub sizes: Vec<u32>,
    /// The files.
    pub files: Vec<File>,
}

/// Summary groups, in document order, each compressed alone and packed
/// [`PACK`] to a file.
pub fn summary_groups(summaries: &[Vec<u8>]) -> SummaryFiles {
    let packed: Vec<Vec<u8>> = summaries
        .par_chunks(GROUP)
        .map(|group| {
            let mut raw = Buf::with_capacity(group.iter().map(Vec::len).sum::<usize>() + 4);
            raw.varint(group.len() as u64);
            group.iter().for_each(|s| raw.0.extend_from_slice(s));
            deflate(&raw.0)
        })
        .collect();
    let sizes = packed.iter().map(|g| g.len() as u32).collect();
    let packs: Vec<Vec<u8>> = packed.chunks(PACK).map(<[Vec<u8>]>::concat).collect();
    drop(packed);
    let hashes: Vec<String> = packs.chunks(BLOCK).map(content_hash_of).collect();
    let files = packs
        .into_iter()
        .enumerate()
        .map(|(n, bytes)| (format!("{DIR}/r/{n}-{}.bin", hashes[n / BLOCK]), bytes))
        .collect();
    SummaryFiles { hashes, sizes, files }
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

/// Everything the manifest names.
pub struct Parts {
    /// Term shard keys and hashes.
    pub terms: Vec<(String, String)>,
    /// Summary block hashes.
    pub groups: Vec<String>,
    /// Compressed size of every summary group.
    pub group_sizes: Vec<u32>,
    /// Facet set files per facet.
    pub facets: Vec<Vec<(u32, String)>>,
    /// Column file hashes.
    pub columns: Vec<String>,
    /// Agency name files.
    pub agency_names: NameIndex,
    /// Ormas name files.
    pub ormas_names: NameIndex,
}

/// The manifest: tables the page needs at once (types, years, kinds,
/// regions, topics, browse counts) and the hashes of every other file.
pub fn manifest<'a>(corpus: &'a Corpus, urls: &'a Urls, sets: &[Vec<u32>], parts: &'a Parts) -> Manifest<'a> {
    let s = corpus.site;
    let types = DocType::ALL
        .iter()
        .enumerate()
        .map(|(k, t)| DocTypeRange {
            slug: t.slug(),
            label: t.label(),
            start: corpus.starts[k],
            end: corpus.starts[k + 1],
        })
        .collect();
    let mut years = Vec::new();
    let mut start = 0;
    let activities = &s.activities.raw;
    for (i, a) in activities.iter().enumerate() {
        let next = activities.get(i + 1).map(|n| n.meta.date.year);
        if next != Some(a.meta.date.year) {
            let end = i as u32 + 1;
            years.push(YearRange { year: a.meta.date.year, start, end });
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
    let facets = Facet::ALL.iter().map(|&f| (f.param(), Runs::new(&parts.facets[f as usize], |&v| v))).collect();
    let names = |list: &'a NameIndex| NameFiles {
        firsts: list.iter().map(|n| n.0).collect(),
        ids: list.iter().map(|n| n.1.as_str()).collect(),
        hashes: list.iter().map(|n| n.2.as_str()).collect(),
    };
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
        terms: Runs::new(&parts.terms, String::as_str),
        summaries: Summaries {
            group: GROUP,
            pack: PACK,
            block: BLOCK,
            blocks: &parts.groups,
            sizes: &parts.group_sizes,
        },
        columns: Columns {
            facets: COLUMNS.iter().map(|f| f.param()).collect(),
            run: COLUMN_RUN,
            hashes: &parts.columns,
        },
        facets,
        names: BTreeMap::from([
            (Facet::Instansi.param(), names(&parts.agency_names)),
            (Facet::Ormas.param(), names(&parts.ormas_names)),
        ]),
    }
}

/// Packs the manifest; returns its path.
pub fn manifest_file(manifest: &Manifest) -> File {
    // Serializing plain structs, strings and numbers cannot fail.
    let json = serde_json::to_vec(manifest).expect("the manifest serializes");
    let bytes = deflate(&json);
    let hash = content_hash(&bytes);
    (format!("{DIR}/manifest-{hash}.bin"), bytes)
}
