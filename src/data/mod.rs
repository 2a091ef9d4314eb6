//! Stage 4c, open data: every build also publishes its records in
//! machine-readable form (JSON dataset, CSVs, per-record JSON, iCalendar),
//! described on `/data/` (from [`crate::catalog`]) and in `docs/data.md`.
//!
//! Everything here is derived from the linked [`Site`] in its sorted order
//! and never from a clock, so two builds of the same content are
//! byte-identical. That is also what lets a build with a cache carry a
//! file over from the last one when the fingerprint of its inputs
//! ([`fingerprint`]) is the one the [`ledger`] recorded, and copy the
//! unchanged pieces of the large ones ([`splice`]).

pub mod calendar;
pub mod fingerprint;
pub mod giving;
pub mod ledger;
pub mod popolo;
pub mod splice;
pub mod stream;
pub mod tables;

use crate::address::Urls;
use crate::catalog;
use crate::output::{Staging, WriteError};
use crate::site::Site;
use fingerprint::Fingerprints;
use ledger::Ledger;

/// What can go wrong while writing the open data.
#[derive(Debug, thiserror::Error)]
pub enum DataError {
    /// A file could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
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
/// the CSVs, per-record JSON and the calendar. With a build cache, a file
/// whose inputs are those the last build made it from is carried over
/// from the live site instead ([`ledger`]).
pub fn write_all(
    site: &Site,
    urls: &Urls,
    out: &Staging,
    reuse: &crate::incremental::reuse::Reuse,
) -> Result<(), DataError> {
    let fps = Fingerprints::of(site, urls, reuse.code());
    let ledger = Ledger::open(reuse);
    let at = Plan { fps: &fps, ledger: &ledger };
    run_side_by_side(&[
        &|| popolo::write(site, urls, out, at),
        &|| tables::write_all(site, urls, out, at),
        &|| {
            at.ledger.produce(out, catalog::CALENDAR_PATH, fps.calendar, |made| {
                calendar::write(site, urls, out, (made, &fps))
            })
        },
        &|| at.ledger.produce(out, giving::PATH, fps.giving, |made| giving::write(site, urls, out, made)),
        &|| {
            at.ledger.produce(out, catalog::SCHEMA_PATH, fps.schema, |made| {
                made.write(out, catalog::SCHEMA_PATH, include_bytes!("../../docs/schema/dataset.schema.json"))
            })
        },
    ])?;
    ledger.close(reuse);
    Ok(())
}

/// What the writers decide with: the fingerprints of this build's units
/// and the last build's ledger.
#[derive(Clone, Copy)]
pub struct Plan<'a> {
    /// This build's fingerprints, and the site-wide facts they hold.
    pub fps: &'a Fingerprints,
    /// What the last build made.
    pub ledger: &'a Ledger,
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
    Ok(out.write_file(path, bytes)?)
}

/// Turns an I/O error on the output file `path` into a [`DataError`].
pub(crate) fn write_error(path: &str) -> impl FnOnce(std::io::Error) -> DataError + '_ {
    move |source| DataError::Write(WriteError { path: path.to_string(), source })
}

pub use crate::catalog::slug;
