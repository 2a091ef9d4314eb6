//! Stage 4b, search: a static full-text and facet index of the site, which
//! the `/cari/` page's script (`search.js`) queries in the browser.
//!
//! The index is sharded so that a query downloads only what it needs: the
//! manifest, the term shard of each query word (postings with BM25F
//! impacts and per-facet counts), and the summary groups of the results
//! shown. See `docs/search.md` for the format and its measured sizes.

pub mod codec;
pub mod docs;
pub mod invert;
pub mod layout;
pub mod manifest;
pub mod reuse;
pub mod shards;
pub mod terms;
pub mod text;

use std::time::Duration;

use rayon::prelude::*;

use crate::address::Urls;
use crate::output::{Staging, WriteError};
use crate::site::Site;

/// What can go wrong while writing the index: a file that cannot be written.
pub type SearchError = WriteError;

/// What the index consists of, and what building it took.
#[derive(Debug, Clone, Default)]
pub struct IndexStats {
    /// Documents indexed.
    pub documents: usize,
    /// Distinct stems.
    pub terms: usize,
    /// Files written (manifest and search page included).
    pub files: usize,
    /// Bytes written, compressed as served.
    pub bytes: u64,
    /// Time per phase, in order.
    pub phases: Vec<(&'static str, Duration)>,
    /// Output path of the manifest, which the search page names.
    pub manifest: String,
}

/// Runs `f`, recording its duration under `name`.
fn phase<T>(phases: &mut Vec<(&'static str, Duration)>, name: &'static str, f: impl FnOnce() -> T) -> T {
    let (out, elapsed) = crate::timed(f);
    phases.push((name, elapsed));
    out
}

/// Builds the index of `site` and writes it into `out`; the search page
/// that reads it is rendered once its manifest's path is known. With a
/// build cache, it patches the last build's index where only a few
/// documents changed ([`reuse`]) and saves what the next build needs.
pub fn write_index(
    site: &Site,
    urls: &Urls,
    out: &Staging,
    reuse: &crate::incremental::reuse::Reuse,
) -> Result<IndexStats, SearchError> {
    let mut phases = Vec::new();
    let p = &mut phases;
    let corpus = docs::Corpus::new(site);
    // Each part is written as soon as it is built and then freed: at a
    // million documents the postings, their encoded entries and the files
    // would otherwise all be held at once.
    let mut written = Written::default();
    let (values, sets) = phase(p, "facets", || {
        let values = terms::DocValues::new(&corpus);
        let sets = layout::value_sets(&corpus, &values);
        (values, sets)
    });
    let cache = reuse.dir("search");
    let prints = cache.as_ref().map(|_| phase(p, "fingerprints", || reuse::fingerprints(&corpus)));
    let last = cache.as_deref().and_then(|dir| phase(p, "memo", || reuse::Memo::load(dir, reuse.code())));
    let patched = match (cache.as_deref(), last, &prints) {
        (Some(dir), Some(memo), Some(prints)) => {
            phase(p, "patch", || reuse::patch((&corpus, &values), out, dir, memo, prints.clone(), &mut written))?
        }
        _ => None,
    };
    let made = match patched {
        Some(made) => made,
        None => whole(
            (&corpus, &values, &sets),
            out,
            cache.as_deref().zip(prints).map(|(dir, pr)| (dir, reuse.code(), pr)),
            &mut written,
            p,
        )?,
    };
    let reuse::Made { terms, blocks, slots, memo, stems } = made;
    let term_count = terms.keys.len();
    let directory = phase(p, "facet files", || {
        let (facets, facet_files) = layout::facet_files(&corpus, &sets);
        let (columns, column_files) = layout::column_files(&corpus, &values);
        let (agency_names, ormas_names, name_files) = layout::name_files(&corpus);
        written.write(out, facet_files)?;
        written.write(out, column_files)?;
        written.write(out, name_files)?;
        let parts = layout::DirectoryParts { facets, columns, agency_names, ormas_names };
        let file = layout::json_file("directory", &layout::directory(&parts));
        let path = file.0.trim_start_matches(layout::DIR).trim_start_matches('/').to_string();
        written.write(out, vec![file]).map(|()| path)
    })?;
    let parts = layout::Parts { terms, blocks, slots, directory };
    let manifest = layout::json_file("manifest", &layout::manifest(&corpus, urls, &sets, &parts));
    let manifest_path = manifest.0.clone();
    written.write(out, vec![manifest])?;
    if let Some(dir) = &cache {
        // The memo is a hint for the next build: one that cannot be saved
        // costs that build its patch, never this one its index.
        let saved = phase(p, "save", || memo.save(dir, &stems));
        if saved.is_err() {
            let _ = std::fs::remove_file(dir.join("memo.bin"));
        }
    }
    reuse.tally("search", written.kept, written.files);
    Ok(IndexStats {
        documents: corpus.len() as usize,
        terms: term_count,
        files: written.files + written.kept,
        bytes: written.bytes,
        phases,
        manifest: manifest_path,
    })
}

/// Makes the term shards and summaries of every document, and, given the
/// search stage's folder, the code stamp and the documents' fingerprints,
/// the memo of this index for the next build (its stems files are saved
/// into the folder as the documents are read).
fn whole(
    (corpus, values, sets): (&docs::Corpus, &terms::DocValues, &[Vec<u32>]),
    out: &Staging,
    memo: Option<(&std::path::Path, crate::output::generation::Hash, Vec<u64>)>,
    written: &mut Written,
    p: &mut Vec<(&'static str, Duration)>,
) -> Result<reuse::Made, SearchError> {
    if let Some((dir, ..)) = &memo {
        reuse::stems_folder(dir);
    }
    let (mut summaries, mut summary_hashes, mut failed) = (layout::SummaryFiles::default(), Vec::new(), None);
    let invert::Inverted { terms, postings, lengths, forward, .. } = phase(p, "invert", || {
        invert::invert(corpus, memo.as_ref().map(|m| m.0), |blocks| {
            let made: Vec<layout::SummaryFiles> =
                blocks.into_par_iter().map(|(k, docs)| layout::summary_block(k, &docs)).collect();
            for block in made {
                summary_hashes.extend(block.files.iter().map(|f| crate::output::generation::hash(&f.1)));
                summaries.hashes.extend(block.hashes);
                summaries.slots.extend(block.slots);
                if failed.is_none() {
                    failed = written.write(out, block.files).err();
                }
            }
        })
    });
    if let Some(e) = failed {
        return Err(e);
    }
    let layout::SummaryFiles { hashes: blocks, slots, .. } = summaries;
    let (shards, shard_hashes, salted) = phase(p, "terms", || {
        let mut entries = terms::encode_entries(corpus, &terms, postings, &lengths, values);
        let (value_keys, value_entries) = terms::encode_value_entries(corpus, sets, values);
        let mut keys = terms;
        keys.extend(value_keys);
        entries.extend(value_entries);
        let (mut hashes, mut salted) = (Vec::new(), false);
        let shards = layout::term_shards(&keys, entries, |names, files| {
            hashes.extend(files.iter().map(|f| crate::output::generation::hash(&f.1)));
            salted |= reuse::salted(names, &files);
            written.write(out, files)
        })?;
        Ok((shards, hashes, salted))
    })?;
    let memo = match memo {
        Some((_, code, prints)) => reuse::Memo::of_build(
            (code, corpus, values),
            (prints, lengths),
            (&shards, shard_hashes, salted),
            (&blocks, &slots, summary_hashes),
            forward,
        ),
        None => reuse::Memo::default(),
    };
    // The stems files are saved already.
    Ok(reuse::Made { terms: shards, blocks, slots, memo, stems: Vec::new() })
}

/// Files and bytes of the index written so far, and files kept.
#[derive(Default)]
pub struct Written {
    files: usize,
    bytes: u64,
    kept: usize,
}

impl Written {
    /// Writes `files` into `out` in parallel and counts them.
    pub fn write(&mut self, out: &Staging, files: Vec<layout::File>) -> Result<(), SearchError> {
        files.par_iter().try_for_each(|(path, bytes)| out.write_file(path, bytes))?;
        self.files += files.len();
        self.bytes += files.iter().map(|(_, b)| b.len() as u64).sum::<u64>();
        Ok(())
    }
}
