//! Atom feeds: the site's feed of the latest activities, and one feed for
//! each ormas, agency, region and topic beside its page
//! (`/ormas/<id>/feed.xml`), all from the theme's `atom.xml` so every feed
//! has the same shape.

use rayon::prelude::*;
use serde::Serialize;

use std::collections::HashSet;

use super::affected::{Footprint, List};
use super::partial::Plan;
use super::{RenderError, Renderer, Tally, template_error};
use crate::address::{Addressed, Section, Urls};
use crate::model::PartialDate;
use crate::output::Staging;
use crate::site::{ActivityIx, Slice};

/// Output path of the site's feed.
pub const SITE_FEED: &str = "feed.xml";

/// How many of the latest activities a feed holds: readers poll feeds, so
/// the newest are enough.
pub const FEED_SIZE: usize = 50;

/// How many a record's own feed holds (an ormas, agency, region or topic):
/// one feed per record is thousands of feeds on a national portal, and a
/// reader following one record polls it often enough for 20.
pub const RECORD_FEED_SIZE: usize = 20;

#[derive(Serialize)]
struct Entry<'a> {
    id: String,
    url: String,
    title: &'a str,
    updated: String,
    summary: &'a str,
    authors: Vec<String>,
    categories: Vec<&'a str>,
}

#[derive(Serialize)]
struct Feed<'a> {
    title: &'a str,
    feed_url: String,
    page_url: String,
    updated: String,
    entries: Vec<Entry<'a>>,
}

/// An Atom timestamp for a date at any precision: its first day, at
/// midnight in Western Indonesia Time.
fn stamp(d: &PartialDate) -> String {
    format!("{}T00:00:00+07:00", d.first_day())
}

impl Renderer<'_> {
    /// The site's Atom feed ([`SITE_FEED`]) of the latest activities.
    pub fn feed_xml(&self) -> Result<String, RenderError> {
        let latest: Vec<ActivityIx> = (0..self.site.activities.len().min(FEED_SIZE)).map(ActivityIx::from).collect();
        self.atom_feed(&latest, &self.site.config.title, SITE_FEED, &Urls::section(Section::Activities))
    }

    /// An Atom feed of `activities`, published at `path`, about the page at
    /// `page_path`.
    pub fn atom_feed(
        &self,
        activities: &[ActivityIx],
        title: &str,
        path: &str,
        page_path: &str,
    ) -> Result<String, RenderError> {
        let s = self.site;
        let entries: Vec<Entry> = activities
            .iter()
            .map(|&i| {
                let r = &s.activities[i];
                let refs = &s.refs.activities[i];
                let url = self.urls.absolute_of(s, i);
                Entry {
                    id: url.clone(),
                    url,
                    title: &r.meta.title,
                    updated: stamp(&r.meta.date),
                    summary: r.summary(),
                    // Full names citizens recognise (`Badan ... (BPBD)`), not only abbreviations.
                    authors: refs.organizers.iter().map(|&g| s.agency_listing_name(g)).collect(),
                    categories: r.meta.topics.iter().map(|t| t.as_str()).collect(),
                }
            })
            .collect();
        // A feed with no entry (an ormas with no activity yet) was last
        // updated when the site's newest record is dated, not in 1970.
        let newest = || {
            s.activities
                .first()
                .map(|r| r.meta.date)
                .or_else(|| s.partnerships.iter().filter_map(|r| r.meta.signed).max())
        };
        let updated = activities.iter().map(|&i| s.activities[i].meta.date).max().or_else(newest);
        let updated = updated.map_or_else(|| "1970-01-01T00:00:00+07:00".to_string(), |d| stamp(&d));
        let feed = Feed {
            title,
            feed_url: self.urls.absolute(path),
            page_url: self.urls.absolute(page_path),
            updated,
            entries,
        };
        let ctx = tera::Context::from_serialize(&feed).map_err(|e| template_error("atom.xml", e))?;
        self.tera.render("atom.xml", &ctx).map_err(|e| template_error("atom.xml", e))
    }

    /// Writes the feeds of every ormas, agency, region and topic, in parallel.
    pub fn write_entity_feeds(&self, out: &Staging, plan: Option<&Plan>) -> Result<Tally, RenderError> {
        let (s, links) = (self.site, &self.site.links);
        let title = |name: &str| format!("{name} · {}", s.config.title);
        let mut jobs: Vec<(String, String, &[ActivityIx])> =
            Vec::with_capacity(s.ormas.len() + s.agencies.len() + s.regions.len() + s.topics.len());
        fn feeds_of<'a, K: Addressed + From<usize>>(
            site: &crate::site::Site,
            lists: &'a Slice<K, Vec<ActivityIx>>,
            name: impl Fn(K) -> String,
        ) -> impl Iterator<Item = (String, String, &'a [ActivityIx])> {
            lists.iter_enumerated().map(move |(k, list)| (Urls::page_of(site, k), name(k), list.as_slice()))
        }
        jobs.extend(feeds_of(s, &links.activities_by_ormas, |o| title(&s.ormas[o].meta.name)));
        jobs.extend(feeds_of(s, &links.activities_by_agency, |g| title(&s.agencies[g].meta.name)));
        jobs.extend(feeds_of(s, &links.activities_by_region, |r| title(&s.regions[r].name)));
        jobs.extend(feeds_of(s, &links.activities_by_topic, |t| title(&s.topics[t].name)));
        let tally = Tally::default();
        jobs.par_iter().try_for_each(|(page, title, list)| -> Result<(), RenderError> {
            let path = Urls::feed(page);
            if plan.is_some_and(|p| !p.feeds.contains(page)) && tally.carried(out, &path)? {
                return Ok(());
            }
            // Back-link lists are newest first, so the head is the latest.
            let latest = &list[..list.len().min(RECORD_FEED_SIZE)];
            let xml = self.atom_feed(latest, title, &path, page)?;
            tally.made();
            Ok(out.write_file(&path, xml.as_bytes())?)
        })?;
        Ok(tally)
    }

    /// The pages (by path) of the records whose feeds show an activity
    /// with one of these footprints.
    pub fn feeds_showing(&self, footprints: &[Footprint]) -> HashSet<String> {
        let (s, ix) = (self.site, &self.site.index);
        let shown = footprints.iter().flat_map(|f| &f.lists).filter(|(_, at, _)| *at < RECORD_FEED_SIZE);
        shown
            .filter_map(|(list, _, _)| match list {
                List::Ormas(id) => Some(Urls::page_of(s, *ix.ormas.get(id)?)),
                List::Agency(id) => Some(Urls::page_of(s, *ix.agencies.get(id)?)),
                List::Region(code) => Some(Urls::page_of(s, *ix.regions.get(code)?)),
                List::Topic(id) => Some(Urls::page_of(s, *ix.topics.get(id)?)),
                _ => None,
            })
            .collect()
    }
}
