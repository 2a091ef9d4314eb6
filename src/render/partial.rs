//! Which pages a build can carry over from the live site because the
//! edit since the last build leaves them as they were: the render stage's
//! part of incremental builds ([`crate::incremental::reuse`]).
//!
//! The usual correction edits the text or facts of a few activities and
//! leaves every link as it was: same file, date, kind, region, organisers,
//! ormas, officials, topics, partnership and counts. Then every list keeps
//! its order and length, and [`affected`] (the rule `serve` follows too)
//! names the pages that show the edited activities: their own pages, the
//! list pages where their cards sit, the rankings and the first pages of
//! the records they belong to. Those are rendered again, with the few
//! pages that count the whole site (home, data quality, open data); every
//! other page is carried over.
//!
//! Anything else (an added, removed or renamed activity, a changed link, a
//! change to any other record, the settings, the program, the theme or the
//! options, or another file's git dates) renders every page, as a clean
//! build does. The state this needs is saved with each build under the
//! build's number, which the build cache's state repeats once the build is
//! swapped in: a build killed before then leaves a state no build trusts.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash as _, Hasher as _};
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Page;
use super::affected::{affected, footprint};
use crate::history::History;
use crate::incremental::inputs::ContentFiles;
use crate::output::generation::Hash;
use crate::site::{ActivityIx, Site};

/// The folder of activity records, whose files the fast path handles.
const ACTIVITIES: &str = "activities/";

/// What the last build's pages were made from, beyond the content files
/// the build cache records.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct RenderState {
    /// The program, theme and options.
    code: Hash,
    /// The number of the build that saved it ([`crate::incremental::state::Head::build`]).
    build: Hash,
    /// Each activity file (by path hash): the hash of its links.
    links: HashMap<u64, u64>,
    /// Each record file's git dates (by path hash), hashed.
    history: HashMap<u64, u64>,
}

/// What the render stage needs of the build cache to carry pages over.
#[derive(Debug, Clone, Copy)]
pub struct Basis<'c> {
    /// This build's number and the last one's.
    pub builds: (Hash, Option<Hash>),
    /// The content files the last build read and those this one reads,
    /// when both are known.
    pub contents: Option<(&'c ContentFiles, &'c ContentFiles)>,
}

/// The plan of one build's render stage, and the state to save for the
/// next.
#[derive(Debug, Default)]
pub struct Prepared {
    /// The pages to render, or `None` for all.
    pub plan: Option<Plan>,
    state: Option<(RenderState, PathBuf)>,
}

impl Prepared {
    /// Works out what this build renders, from the state the last one saved
    /// in the render stage's folder of `reuse`.
    pub fn new(
        site: &Site,
        history: &History,
        renderer: &super::Renderer<'_>,
        reuse: &crate::incremental::reuse::Reuse,
        basis: Option<Basis<'_>>,
    ) -> Self {
        let (Some(basis), Some(dir)) = (basis, reuse.dir("render")) else { return Self::default() };
        let now = RenderState::of(site, history, (reuse.code(), basis.builds.0));
        let plan = basis.contents.and_then(|(prior, content)| {
            RenderState::read(&dir)?.plan(&now, (basis.builds.1, prior, content), site, renderer)
        });
        Self { plan, state: Some((now, dir)) }
    }

    /// Saves the state for the next build, once every page is written.
    pub fn save(&self) -> io::Result<()> {
        match &self.state {
            Some((state, dir)) => state.write(dir),
            None => Ok(()),
        }
    }
}

/// The pages to render again; every other page is carried over.
#[derive(Debug, Default)]
pub struct Plan {
    /// Pages to render.
    pub pages: HashSet<Page>,
    /// The Atom feeds (by the path of their record's page) to write again.
    pub feeds: HashSet<String>,
    /// Activities edited since the last build.
    pub edited: usize,
}

impl RenderState {
    /// The state of a site about to be rendered.
    pub fn of(site: &Site, history: &History, (code, build): (Hash, Hash)) -> Self {
        let links =
            site.activities.keys().map(|i| (path_key(site.activities[i].origin.path()), links_of(site, i))).collect();
        Self { code, build, links, history: history_keys(history) }
    }

    /// Reads the state a build saved in `dir`; `None` when missing or
    /// unreadable (the build then renders every page).
    pub fn read(dir: &Path) -> Option<Self> {
        postcard::from_bytes(&std::fs::read(dir.join("state")).ok()?).ok()
    }

    /// Saves it in `dir`, atomically.
    pub fn write(&self, dir: &Path) -> io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let bytes = postcard::to_stdvec(self).map_err(io::Error::other)?;
        crate::incremental::state::write_atomic(&dir.join("state"), &bytes)
    }

    /// The pages the edit from `prior` (the content the last build read)
    /// to `content` affects, when this state is that build's (numbered
    /// `last`) and the edit only changes activities' text and facts;
    /// `None` when every page must be rendered.
    pub fn plan(
        &self,
        now: &RenderState,
        (last, prior, content): (Option<Hash>, &ContentFiles, &ContentFiles),
        site: &Site,
        renderer: &super::Renderer<'_>,
    ) -> Option<Plan> {
        if self.code != now.code || Some(self.build) != last || prior.len() != content.len() {
            return None;
        }
        let mut edited: HashSet<&str> = HashSet::new();
        for (rel, file) in content {
            let before = prior.get(rel)?;
            if before.hash != file.hash {
                // Only activities' files; any other file renders every page.
                rel.starts_with(ACTIVITIES).then_some(())?;
                edited.insert(rel);
            }
        }
        let by_path: HashMap<&str, ActivityIx> =
            site.activities.iter_enumerated().map(|(i, r)| (r.origin.path(), i)).collect();
        // A file whose git dates changed shows them on its page: an
        // activity's is rendered again, any other record's renders all.
        if self.history.keys().any(|k| !now.history.contains_key(k)) {
            return None;
        }
        let redated: Vec<u64> =
            now.history.iter().filter(|(key, dates)| self.history.get(*key) != Some(*dates)).map(|(k, _)| *k).collect();
        if !redated.is_empty() {
            // Only then are the activities' paths looked up by key.
            let paths: HashMap<u64, &str> = by_path.keys().map(|p| (path_key(p), *p)).collect();
            for key in redated {
                edited.insert(paths.get(&key)?);
            }
        }
        let mut positions = Vec::with_capacity(edited.len());
        for rel in &edited {
            let key = path_key(rel);
            let &pos = by_path.get(rel)?;
            // The same links, so every list keeps its order and length.
            (self.links.get(&key)? == now.links.get(&key)?).then_some(())?;
            positions.push(pos);
        }
        let footprints: Vec<_> = positions.iter().map(|&p| footprint(site, p)).collect();
        let mut pages: HashSet<Page> = affected(site, renderer, &footprints, &footprints).pages.into_iter().collect();
        // Pages that count every record's sources, dates and warnings.
        pages.extend([Page::Home, Page::Quality, Page::Data]);
        let feeds = renderer.feeds_showing(&footprints);
        Some(Plan { pages, feeds, edited: positions.len() })
    }
}

/// The key of a content file's path.
fn path_key(rel: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(rel.as_bytes())
}

/// What decides where an activity appears: its file, date, kind, counts
/// and every record it links to, by id.
fn links_of(site: &Site, i: ActivityIx) -> u64 {
    let (r, refs) = (&site.activities[i], &site.refs.activities[i]);
    let m = &r.meta;
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    (&r.id, &r.origin.path(), m.date.to_string(), m.kind, m.participants.ormas_count, m.participants.attendees)
        .hash(&mut h);
    (m.participants.ormas.len(), m.participants.agencies.len()).hash(&mut h);
    refs.organizers.iter().for_each(|&g| site.agencies[g].id.hash(&mut h));
    0u8.hash(&mut h);
    refs.agencies.iter().for_each(|&g| site.agencies[g].id.hash(&mut h));
    0u8.hash(&mut h);
    refs.ormas.iter().for_each(|&o| site.ormas[o].id.hash(&mut h));
    0u8.hash(&mut h);
    refs.officials.iter().for_each(|p| p.map(|p| &site.people[p].id).hash(&mut h));
    0u8.hash(&mut h);
    refs.topics.iter().for_each(|&t| site.topics[t].id.hash(&mut h));
    0u8.hash(&mut h);
    refs.partnership.map(|p| &site.partnerships[p].id).hash(&mut h);
    site.regions[refs.region].code.hash(&mut h);
    h.finish()
}

/// Each record file's git dates, hashed, by path key.
fn history_keys(history: &History) -> HashMap<u64, u64> {
    history
        .iter()
        .map(|(rel, dates)| {
            let mut h = xxhash_rust::xxh3::Xxh3::new();
            (dates.first_published, dates.last_changed).hash(&mut h);
            (path_key(rel), h.finish())
        })
        .collect()
}
