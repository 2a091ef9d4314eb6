//! Stage 4b, search: a static full-text and facet index of the site, and
//! the `/cari/` page whose script (`search.js`) queries it in the browser.
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
pub mod page;
pub mod shards;
pub mod terms;
pub mod text;

use std::time::Duration;

use rayon::prelude::*;

use crate::output::Staging;
use crate::render::{RenderError, Renderer};
use crate::site::Site;

/// What can go wrong while writing the index.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// An index file could not be written.
    #[error("cannot write search index file `{path}`: {source}")]
    Write {
        /// Output path.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The search page failed to render.
    #[error(transparent)]
    Page(#[from] RenderError),
}

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
}

/// Runs `f`, recording its duration under `name`.
fn phase<T>(phases: &mut Vec<(&'static str, Duration)>, name: &'static str, f: impl FnOnce() -> T) -> T {
    let (out, elapsed) = crate::timed(f);
    phases.push((name, elapsed));
    out
}

/// Builds the index of `site` and writes it, with the search page, into
/// `out`.
pub fn write_index(site: &Site, renderer: &Renderer, out: &Staging) -> Result<IndexStats, SearchError> {
    let mut phases = Vec::new();
    let p = &mut phases;
    let corpus = docs::Corpus::new(site);
    // Each part is written as soon as it is built and then freed: at a
    // million documents the postings, their encoded entries and the files
    // would otherwise all be held at once.
    let mut written = Written::default();
    let invert::Inverted { terms, postings, lengths, summaries } = phase(p, "invert", || invert::invert(&corpus));
    let (groups, group_sizes) = phase(p, "summaries", || {
        let layout::SummaryFiles { hashes, sizes, files } = layout::summary_groups(&summaries);
        drop(summaries);
        written.write(out, files).map(|()| (hashes, sizes))
    })?;
    let (values, sets) = phase(p, "facets", || {
        let values = terms::DocValues::new(&corpus);
        let sets = layout::value_sets(&corpus, &values);
        (values, sets)
    });
    let term_count = terms.len();
    let terms = phase(p, "terms", || {
        let mut entries = terms::encode_entries(&corpus, &terms, postings, &lengths, &values);
        let (value_keys, value_entries) = terms::encode_value_entries(&corpus, &sets, &values);
        let mut keys = terms;
        keys.extend(value_keys);
        entries.extend(value_entries);
        let (shards, files) = layout::term_shards(&keys, &entries);
        written.write(out, files).map(|()| shards)
    })?;
    let (facets, columns, agency_names, ormas_names) = phase(p, "facet files", || {
        let (facets, facet_files) = layout::facet_files(&corpus, &sets);
        let (columns, column_files) = layout::column_files(&corpus, &values);
        let (agency_names, ormas_names, name_files) = layout::name_files(&corpus);
        written.write(out, facet_files)?;
        written.write(out, column_files)?;
        written.write(out, name_files).map(|()| (facets, columns, agency_names, ormas_names))
    })?;
    let parts = layout::Parts { terms, groups, group_sizes, facets, columns, agency_names, ormas_names };
    let manifest = layout::manifest_file(&layout::manifest(&corpus, renderer.urls(), &sets, &parts));
    let page_html = page::render(renderer, &manifest.0)?;
    written.write(out, vec![manifest, (format!("{}index.html", page::PATH), page_html)])?;
    Ok(IndexStats {
        documents: corpus.len() as usize,
        terms: term_count,
        files: written.files,
        bytes: written.bytes,
        phases,
    })
}

/// Files and bytes of the index written so far.
#[derive(Default)]
struct Written {
    files: usize,
    bytes: u64,
}

impl Written {
    /// Writes `files` into `out` in parallel and counts them.
    fn write(&mut self, out: &Staging, files: Vec<layout::File>) -> Result<(), SearchError> {
        files.par_iter().try_for_each(|(path, bytes)| {
            out.write(path, bytes).map_err(|source| SearchError::Write { path: path.clone(), source })
        })?;
        self.files += files.len();
        self.bytes += files.iter().map(|(_, b)| b.len() as u64).sum::<u64>();
        Ok(())
    }
}
