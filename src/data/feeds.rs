//! Per-entity Atom feeds: one for each ormas, agency, region and topic,
//! beside its page (`/ormas/<id>/feed.xml`), through the renderer's own
//! [`Renderer::atom_feed`] so every feed has the same shape.

use rayon::prelude::*;

use super::{DataError, write};
use crate::output::Staging;
use crate::render::Renderer;
use crate::render::urls::{Section, Urls};
use crate::site::{Ix, Site};

/// Entries per feed: readers poll feeds, so the newest are enough.
pub const FEED_ENTRIES: usize = 50;

/// Output path of the feed of the page whose first page is at `page_path`
/// (`ormas/x/` -> `ormas/x/feed.xml`). Pages link to the same path.
pub fn feed_path(page_path: &str) -> String {
    format!("{page_path}feed.xml")
}

/// Writes the feeds of every ormas, agency, region and topic, in parallel.
pub fn write_all(site: &Site, renderer: &Renderer<'_>, out: &Staging) -> Result<(), DataError> {
    let links = &site.links;
    let title = |name: &str| format!("{name} · {}", site.config.title);
    let mut jobs: Vec<(String, String, &[Ix])> =
        Vec::with_capacity(site.ormas.len() + site.agencies.len() + site.regions.len() + site.topics.len());
    jobs.extend(
        site.ormas
            .iter()
            .zip(&links.activities_by_ormas)
            .map(|(r, list)| (Urls::record(Section::Ormas, &r.id), title(&r.meta.name), list.as_slice())),
    );
    jobs.extend(
        site.agencies
            .iter()
            .zip(&links.activities_by_agency)
            .map(|(r, list)| (Urls::record(Section::Agencies, &r.id), title(&r.meta.name), list.as_slice())),
    );
    jobs.extend(
        site.regions
            .iter()
            .zip(&links.activities_by_region)
            .map(|(r, list)| (Urls::record(Section::Regions, r.code.as_str()), title(&r.name), list.as_slice())),
    );
    jobs.extend(
        site.topics
            .iter()
            .zip(&links.activities_by_topic)
            .map(|(t, list)| (Urls::record(Section::Topics, &t.id), title(&t.name), list.as_slice())),
    );
    jobs.par_iter().try_for_each(|(page, title, list)| {
        // Back-link lists are newest first, so the head is the latest.
        let latest = &list[..list.len().min(FEED_ENTRIES)];
        let path = feed_path(page);
        let xml = renderer.atom_feed(latest, title, &path, page)?;
        write(out, &path, xml.as_bytes())
    })
}
