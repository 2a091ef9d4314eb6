//! The search manifest: the one JSON file `search.js` reads first, named
//! on `/cari/`. It carries the small tables the page shows at once (types,
//! years, kinds, regions, topics, browse counts) and the hashes that name
//! every other index file.
//!
//! Fields are named and `search.js` reads them by name. Lists that grow
//! with the site (term shards, summary files, browse counts) are parallel
//! arrays of plain values in one named object, so that a name is written
//! once per list, not once per element.
//!
//! Two levels: the manifest holds what every query needs before its term
//! shards and summaries (so a first query stays at three round trips), and
//! names a second file, the [`Directory`], with the file lists that only
//! some queries need later (column, facet-set and name files), which the
//! page loads when it first needs one of them. What grows with the site in
//! the manifest is one separator and name per term shard and one slot size
//! per 128 documents (figures in `docs/search.md`).

use std::collections::BTreeMap;

use serde::Serialize;

/// Format version. 3: two levels, term shards named by content and
/// separators, summaries in fixed slots per file (2: named fields, one
/// level, a size per summary group; 1: positional arrays).
pub const VERSION: u32 = 3;

/// The manifest, serialized as compact JSON and stored raw-deflated.
#[derive(Debug, Serialize)]
pub struct Manifest<'a> {
    /// Format version, [`VERSION`]; `search.js` refuses any other.
    pub version: u32,
    /// The site's base path (`/`, `/portal/`), the prefix of every
    /// summary's `path`.
    pub base: &'a str,
    /// Number of documents; they are numbered `0..documents` from the end
    /// of the site's order, so the newest activity has the highest number
    /// and date order is descending document order.
    pub documents: u32,
    /// The document types in the order results list them (activities,
    /// ormas, agencies, officials), each a range of document numbers.
    pub types: Vec<DocTypeRange>,
    /// The years of the activities, newest first, each a range.
    pub years: Vec<YearRange>,
    /// Activity kinds: the `jenis` facet's values, by value number.
    pub kinds: Vec<KindEntry>,
    /// Regions: the `wilayah` facet's values, by value number.
    pub regions: Vec<RegionEntry<'a>>,
    /// Topics: the `topik` facet's values, by value number.
    pub topics: Vec<TopicEntry<'a>>,
    /// Counts over every document, shown when there is no query and no
    /// filter, by facet parameter (`jenis`, `wilayah`, ...).
    pub browse: BTreeMap<&'static str, ValueCounts>,
    /// The term shards.
    pub terms: Terms<'a>,
    /// The summary files (`r/`).
    pub summaries: Summaries<'a>,
    /// The column facets and the column files' run; the files' hashes
    /// are in the directory.
    pub columns: Columns,
    /// Path of the [`Directory`] under the index folder,
    /// `directory-<hash>.bin`.
    pub directory: String,
}

/// The second level: lists of the files that only some queries need,
/// loaded when first needed. Raw-deflated JSON like the manifest.
#[derive(Debug, Serialize)]
pub struct Directory<'a> {
    /// Content hash of each column file (`c/`).
    pub columns: &'a [String],
    /// The facet-set files, by facet parameter, keyed by value number.
    /// The `f/` files are numbered across facets in
    /// [`Facet::ALL`](super::docs::Facet::ALL) order (`jenis`, `wilayah`,
    /// `instansi`, `ormas`, `topik`): a facet's files follow those of the
    /// facets before it.
    pub facets: BTreeMap<&'static str, Runs<'a, u32>>,
    /// The name files (`n/`) of the `instansi` and `ormas` facets, by
    /// facet parameter.
    pub names: BTreeMap<&'static str, NameFiles<'a>>,
}

/// The term shards: shard `k` is `t/<name>.bin`, its name the `k`th run
/// of `digits` characters of `names`, and holds the keys from
/// `separators[k]` up to the next separator ([`super::shards`]).
#[derive(Debug, Serialize)]
pub struct Terms<'a> {
    /// Separator of each shard, ascending (code-point order); the first
    /// is empty.
    pub separators: &'a [String],
    /// The names of the shards' files (content hashes in hex), one after
    /// the other: in one string they cost their 4 bits a digit and no
    /// quotes and commas (1.8 bytes a shard less, 11 kB at a million
    /// activities).
    pub names: String,
    /// Characters per name.
    pub digits: usize,
}

/// One document type and its documents.
#[derive(Debug, Serialize)]
pub struct DocTypeRange {
    /// Id in URLs (`tipe=kegiatan`).
    pub slug: &'static str,
    /// Label in Bahasa Indonesia.
    pub label: &'static str,
    /// First document of the type.
    pub start: u32,
    /// One past the last document of the type.
    pub end: u32,
}

/// One year and its activities.
#[derive(Debug, Serialize)]
pub struct YearRange {
    /// The year (`tahun=2024`).
    pub year: i32,
    /// First activity of the year.
    pub start: u32,
    /// One past the last activity of the year.
    pub end: u32,
}

/// An activity kind.
#[derive(Debug, Serialize)]
pub struct KindEntry {
    /// Id in URLs (`jenis=audiensi`).
    pub slug: &'static str,
    /// Label in Bahasa Indonesia.
    pub label: &'static str,
}

/// A region.
#[derive(Debug, Serialize)]
pub struct RegionEntry<'a> {
    /// Kemendagri code, the id in URLs (`wilayah=36.71`).
    pub code: &'a str,
    /// Name (`Kota Tangerang`).
    pub name: &'a str,
    /// Value number of the region it lies in (a city's province), or null
    /// for a province. A filter by region includes the regions inside it.
    pub parent: Option<u32>,
}

/// A topic.
#[derive(Debug, Serialize)]
pub struct TopicEntry<'a> {
    /// Id in URLs (`topik=pilkada`).
    pub id: &'a str,
    /// Name.
    pub name: &'a str,
}

/// Counts per value of one facet, as parallel arrays: `counts[i]`
/// documents have value `values[i]`.
#[derive(Debug, Default, Serialize)]
pub struct ValueCounts {
    /// Value numbers, ascending; only values some document has, and of
    /// agencies and ormas only the most frequent.
    pub values: Vec<u32>,
    /// Documents with each value.
    pub counts: Vec<u32>,
}

/// Files that each hold a run of consecutive keys (sorted terms, or
/// numbered values of one facet), as parallel arrays: file `k` holds the
/// keys from `firsts[k]` up to the next file's first key.
#[derive(Debug, Serialize)]
pub struct Runs<'a, K> {
    /// First key of each file, ascending (terms in code-point order).
    pub firsts: Vec<K>,
    /// Content hash of each file, which its name carries.
    pub hashes: Vec<&'a str>,
}

impl<'a, K> Runs<'a, K> {
    /// The runs of `files`, each its first key (as `key` reads it) and
    /// its hash.
    pub fn new<S>(files: &'a [(S, String)], key: impl Fn(&'a S) -> K) -> Self {
        Self { firsts: files.iter().map(|f| key(&f.0)).collect(), hashes: files.iter().map(|f| f.1.as_str()).collect() }
    }
}

/// Where each summary group is: group `g` (documents `g × group` up to
/// `(g + 1) × group`) is in file `r/<f>-<blocks[f / block]>.bin` with
/// `f = g / pack`, in the slot of `slots[f] × unit` bytes at
/// `(g mod pack) × slots[f] × unit`: the group's compressed length (a
/// varint), its raw deflate bytes, then zeros.
#[derive(Debug, Serialize)]
pub struct Summaries<'a> {
    /// Documents per group.
    pub group: usize,
    /// Groups per file.
    pub pack: usize,
    /// Files per block hash.
    pub block: usize,
    /// Bytes per slot unit.
    pub unit: usize,
    /// Content hash of each block of `block` files, which every file of
    /// the block is named with.
    pub blocks: &'a [String],
    /// Slot size of each file, in units.
    pub slots: &'a [u32],
}

/// The column files: file `k` is `c/<k>-<hash>.bin` (its hash in the
/// directory) and holds the values of the column facets of documents
/// `k × run` up to `(k + 1) × run`.
#[derive(Debug, Serialize)]
pub struct Columns {
    /// The column facets, by parameter, in the order each document's
    /// values are stored (in short term lists and in `c/` files).
    pub facets: Vec<&'static str>,
    /// Documents per file.
    pub run: usize,
}

/// The name files of the agency or ormas facet, as parallel arrays. Their
/// values are ranked by id, so a file holds consecutive values and ids.
/// The `n/` files are numbered agencies first, then ormas.
#[derive(Debug, Default, Serialize)]
pub struct NameFiles<'a> {
    /// First value number in each file.
    pub firsts: Vec<u32>,
    /// Id of the first value in each file (to find a deep link's value).
    pub ids: Vec<&'a str>,
    /// Content hash of each file.
    pub hashes: Vec<&'a str>,
}
