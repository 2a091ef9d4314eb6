//! Stage 4b, open data: every build also publishes its records in
//! machine-readable form (JSON dataset, CSVs, per-record JSON, iCalendar,
//! per-entity Atom feeds), described on `/data/` and in `docs/data.md`.
//!
//! Everything here is derived from the linked [`Site`] in its sorted order
//! and never from a clock, so two builds of the same content are
//! byte-identical.

pub mod calendar;
pub mod catalog;
pub mod feeds;
pub mod giving;
pub mod jsonld;
pub mod popolo;
pub mod stream;
pub mod tables;

use serde::Serialize;

use crate::output::Staging;
use crate::render::{RenderError, Renderer};
use crate::site::Site;

/// What can go wrong while writing the open data.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// A feed template failed.
    #[error(transparent)]
    Render(#[from] RenderError),
    /// A file could not be written.
    #[error("cannot write `{path}`: {source}")]
    Write {
        /// Output path.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A record could not be serialised to JSON.
    #[error("cannot serialise `{path}` as JSON: {source}")]
    Json {
        /// Output path.
        path: String,
        /// The serde error.
        source: serde_json::Error,
    },
    /// A CSV row could not be written.
    #[error("cannot write CSV `{path}`: {source}")]
    Csv {
        /// Output path.
        path: String,
        /// The csv error.
        source: csv::Error,
    },
}

/// Writes every open-data output into `out`: the dataset and its schema,
/// the CSVs, per-record JSON, the calendar and the per-entity feeds.
pub fn write_all(site: &Site, renderer: &Renderer<'_>, out: &Staging) -> Result<(), DataError> {
    let urls = renderer.urls();
    run_side_by_side(&[
        &|| popolo::write(site, urls, out),
        &|| tables::write_all(site, renderer, out),
        &|| calendar::write(site, renderer, out),
        &|| feeds::write_all(site, renderer, out),
        &|| write(out, catalog::SCHEMA_PATH, include_bytes!("../../docs/schema/dataset.schema.json")),
    ])
}

/// One output (or a few) written as a unit.
type Job<'a> = &'a (dyn Fn() -> Result<(), DataError> + Sync);

/// Runs independent jobs side by side; each is parallel inside too, so
/// the threads a small job leaves free help the large ones.
fn run_side_by_side(jobs: &[Job<'_>]) -> Result<(), DataError> {
    use rayon::prelude::*;
    jobs.par_iter().try_for_each(|job| job())
}

/// Writes one file, naming it in the error.
pub(crate) fn write(out: &Staging, path: &str, bytes: &[u8]) -> Result<(), DataError> {
    out.write(path, bytes).map_err(write_error(path))
}

/// Turns an I/O error on the output file `path` into a [`DataError`].
pub(crate) fn write_error(path: &str) -> impl FnOnce(std::io::Error) -> DataError + '_ {
    move |source| DataError::Write { path: path.to_string(), source }
}

/// The value an enumeration has in the content files (`pemerintah-daerah`),
/// so data outputs use the same words staff write.
pub fn slug<T: Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
