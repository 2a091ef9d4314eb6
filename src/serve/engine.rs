//! The preview's build state: the linked site kept in memory between
//! edits, so that saving one activity re-reads that one file, re-links,
//! and re-renders only the pages that show it, writing only files whose
//! bytes changed.
//!
//! Anything else (another kind of record, the lists, site settings, the
//! theme, or a change the fast path cannot place) rebuilds the whole site
//! and swaps it in atomically, as `terbuka build` does.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::address::Urls;
use crate::diagnostic::{Diagnostic, Diagnostics, display_path};
use crate::history::History;
use crate::model::Collection;
use crate::output::Staging;
use crate::parse;
use crate::render::affected::{affected, footprint};
use crate::render::context::ActivityCard;
use crate::render::theme::Theme;
use crate::render::{Page, Renderer};
use crate::site::{self, ActivityIx, Site};
use crate::source::{ContentFiles, FileRole, SourceFile};
use crate::{BuildError, Timings, scaffold};

/// Why an update did not produce a site; the last good one keeps serving.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The content has errors.
    #[error("{} error(s) in content", .0.error_count())]
    Content(Diagnostics),
    /// The build failed for another reason (theme, templates, a write).
    #[error(transparent)]
    Build(BuildError),
    /// A file of the preview could not be read or written.
    #[error(transparent)]
    Io(#[from] io::Error),
}

impl From<BuildError> for Failure {
    fn from(e: BuildError) -> Self {
        match e {
            BuildError::Content(d) => Failure::Content(d),
            other => Failure::Build(other),
        }
    }
}

impl From<crate::render::RenderError> for Failure {
    fn from(e: crate::render::RenderError) -> Self {
        Failure::Build(BuildError::Render(e))
    }
}

/// What an update did.
#[derive(Debug, Clone, Default)]
pub struct Update {
    /// Whether the whole site was rebuilt.
    pub full: bool,
    /// Pages rendered again.
    pub rendered: usize,
    /// Files whose bytes changed and were written (or removed).
    pub written: usize,
    /// Warnings about the changed files.
    pub warnings: Diagnostics,
    /// Time from the start of the update to the files being in place.
    pub elapsed: Duration,
    /// Time spent re-linking the site (incremental updates).
    pub link: Duration,
}

/// The site as last built, kept to update it in place.
struct Loaded {
    site: Site,
    theme: Theme,
    /// Each activity's card, by position, reused across updates.
    cards: Vec<Option<ActivityCard>>,
    /// Every page's output file, to find pages that disappear.
    pages: HashSet<String>,
    /// Every warning `check` gives for the content as it is now, which
    /// `/kualitas-data/` counts per record.
    warnings: Vec<Diagnostic>,
}

/// The warnings of the whole content after an edit: those of the files
/// that did not change, and the new ones of those that did.
fn merge_warnings(kept: Vec<Diagnostic>, changed: &HashSet<&str>, fresh: &[Diagnostic]) -> Vec<Diagnostic> {
    let mut all: Vec<Diagnostic> =
        kept.into_iter().filter(|d| !changed.iter().any(|rel| d.file.ends_with(rel))).collect();
    all.extend(fresh.iter().cloned());
    all
}

/// An update between linking and rendering.
struct Pending {
    site: Site,
    theme: Theme,
    known: Vec<Option<ActivityCard>>,
    pages: HashSet<String>,
    edit: Edit,
    link: Duration,
    warnings: Warnings,
}

/// What an update changes: the edited activities before (their footprints
/// and positions in the kept site) and their ids, with when it started.
struct Edit {
    old_fps: Vec<crate::render::affected::Footprint>,
    old_positions: Vec<ActivityIx>,
    changed_ids: HashSet<String>,
    started: Instant,
}

/// An update's warnings: the changed files' own, to report, and the whole
/// site's, to keep (the other files' kept ones plus the changed files').
struct Warnings {
    changed: Vec<Diagnostic>,
    all: Vec<Diagnostic>,
}

impl Warnings {
    /// The warnings of the changed files among `problems`, merged into `kept`.
    fn of(problems: Vec<Diagnostic>, changed: &HashSet<&str>, kept: Vec<Diagnostic>) -> Self {
        let fresh: Vec<Diagnostic> =
            problems.into_iter().filter(|d| changed.iter().any(|rel| d.file.ends_with(rel))).collect();
        Self { all: merge_warnings(kept, changed, &fresh), changed: fresh }
    }
}

/// Builds and updates the previewed site in `out`.
pub struct Engine {
    content_dir: PathBuf,
    /// The content folder as the watcher names it (absolute).
    watched_content: PathBuf,
    theme_dir: Option<PathBuf>,
    base_url: String,
    out: PathBuf,
    scratch: PathBuf,
    history: Arc<History>,
    loaded: Option<Loaded>,
    site_wide_stale: bool,
}

/// What a batch of changed paths calls for.
enum Plan {
    /// Nothing the site is built from.
    Nothing,
    /// Only activity records (paths relative to the content folder).
    Activities(Vec<String>),
    /// Rebuild everything.
    Everything,
}

impl Engine {
    /// An engine for `content_dir` (named in messages as given) writing
    /// into `out`, with `scratch` as a working folder for site-wide outputs.
    /// Changed paths are matched against the absolute `watched_content`
    /// and `theme_dir`.
    pub fn new(
        content_dir: PathBuf,
        watched_content: PathBuf,
        theme_dir: Option<PathBuf>,
        base_url: String,
        out: PathBuf,
        scratch: PathBuf,
    ) -> Self {
        Self {
            content_dir,
            watched_content,
            theme_dir,
            base_url,
            out,
            scratch,
            history: Arc::default(),
            loaded: None,
            site_wide_stale: false,
        }
    }

    /// Builds the whole site and swaps it into the output folder.
    pub fn rebuild(&mut self) -> Result<Update, Failure> {
        let started = Instant::now();
        self.loaded = None;
        self.site_wide_stale = false;
        let mut timings = Timings::default();
        let (site, warnings) = crate::load(&self.content_dir, false, &mut timings)?;
        let theme = crate::load_theme(self.theme_dir.as_deref())?;
        self.history = Arc::new(History::read_or_empty(&self.content_dir));
        let staging = Staging::create(&self.out)?;
        let renderer = crate::render_site(
            &site,
            &theme,
            Urls::new(&self.base_url),
            (self.history.clone(), &warnings),
            (&staging, &crate::incremental::reuse::Reuse::none(), None),
            crate::CardMarkup::Keep,
            &mut timings,
        )?;
        let pages: HashSet<String> = renderer.pages().iter().map(|p| renderer.file_of(p)).collect();
        let cards = renderer.into_cards();
        let written = staging.commit()?;
        let rendered = pages.len();
        self.loaded = Some(Loaded { site, theme, cards, pages, warnings: warnings.0.clone() });
        Ok(Update {
            full: true,
            rendered,
            written: written.files,
            warnings,
            elapsed: started.elapsed(),
            link: Duration::ZERO,
        })
    }

    /// Applies a batch of changed paths; `None` when none of them is
    /// something the site is built from.
    pub fn apply(&mut self, paths: &[PathBuf]) -> Option<Result<Update, Failure>> {
        match self.plan(paths) {
            Plan::Nothing => None,
            Plan::Everything => Some(self.rebuild()),
            Plan::Activities(rels) => Some(self.update_activities(&rels)),
        }
    }

    fn plan(&self, paths: &[PathBuf]) -> Plan {
        let mut activities = Vec::new();
        for path in paths {
            if self.theme_dir.as_ref().is_some_and(|t| path.starts_with(t)) {
                return Plan::Everything;
            }
            let Ok(rel) = path.strip_prefix(&self.watched_content) else { continue };
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            if rel.is_empty() || path.is_dir() {
                return Plan::Everything;
            }
            match fast_role(&rel) {
                Some(FileRole::Record(Collection::Activities)) => activities.push(rel),
                Some(_) => return Plan::Everything,
                // A misplaced file in a record folder: the full build says why.
                // One already gone was an editor's temporary file.
                None if path.exists() && Collection::from_folder(rel.split('/').next().unwrap_or("")).is_some() => {
                    return Plan::Everything;
                }
                None => {}
            }
        }
        match (activities.is_empty(), self.loaded.is_some()) {
            (true, _) => Plan::Nothing,
            (false, true) => {
                // Batches joined while a rebuild ran may name a file twice.
                activities.sort();
                activities.dedup();
                Plan::Activities(activities)
            }
            (false, false) => Plan::Everything,
        }
    }

    /// Re-reads the changed activity files, re-links the kept site and
    /// re-renders what shows them. The kept site is only given up once the
    /// changed files parse; if linking then fails, the next change rebuilds
    /// from disk.
    fn update_activities(&mut self, rels: &[String]) -> Result<Update, Failure> {
        let started = Instant::now();
        let mut files = Vec::new();
        for rel in rels {
            match fs::read_to_string(self.content_dir.join(rel)) {
                Ok(text) => files.push(self.source_file(FileRole::Record(Collection::Activities), rel, text)),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => {
                    let path = display_path(&self.content_dir, rel);
                    let d = Diagnostic::error(path, format!("cannot read the file: {e}"));
                    return Err(Failure::Content(Diagnostics(vec![d])));
                }
            }
        }
        // The lists are small; reading them again spares keeping a copy.
        for (name, role) in
            [("site.yaml", FileRole::Site), ("regions.yaml", FileRole::Regions), ("topics.yaml", FileRole::Topics)]
        {
            if let Ok(text) = fs::read_to_string(self.content_dir.join(name)) {
                files.push(self.source_file(role, name, text));
            }
        }
        let placeholders = scaffold::find_placeholders(&files);
        let (fresh, mut problems) = parse::parse(ContentFiles { files, diagnostics: Vec::new() });
        scaffold::merge_placeholders(&mut problems, placeholders);
        if problems.iter().any(Diagnostic::is_error) {
            return Err(content_failure(problems));
        }
        let Some(loaded) = self.loaded.take() else { return self.rebuild() };
        let changed: HashSet<&str> = rels.iter().map(String::as_str).collect();
        let changed_ids: HashSet<String> = rels.iter().filter_map(|r| id_of(r)).collect();
        if let Some(positions) = same_links(&loaded.site, &fresh.activities, &changed) {
            return self.update_in_place(loaded, fresh, &positions, &changed, changed_ids, started);
        }
        let Loaded { site, theme, cards, pages, warnings: kept_warnings } = loaded;
        let mut old_positions: Vec<ActivityIx> = changed_ids
            .iter()
            .filter_map(|id| site.index.activities.get(id.as_str()).copied())
            .filter(|&p| changed.contains(site.activities[p].origin.path()))
            .collect();
        let old_fps: Vec<_> = old_positions.iter().map(|&p| footprint(&site, p)).collect();

        let link_started = Instant::now();
        let Site { agencies, people, ormas, mut activities, partnerships, index, .. } = site;
        let old_index = index.activities;
        old_positions.sort_unstable_by(|a, b| b.cmp(a));
        for p in &old_positions {
            // Linking sorts again, so order does not matter here.
            activities.swap_remove(*p);
        }
        let mut old_cards = cards;
        for p in &old_positions {
            old_cards[usize::from(*p)] = None;
        }
        // The fresh parse holds the lists and the changed activities; the
        // kept site gives every other record back.
        let mut content = fresh;
        let mut activities = activities.raw;
        activities.append(&mut content.activities);
        content.activities = activities;
        content.agencies = agencies.raw;
        content.people = people.raw;
        content.ormas = ormas.raw;
        content.partnerships = partnerships.raw;
        let (site, link_problems) = site::link(content, &self.content_dir);
        let link = link_started.elapsed();
        let Some(site) = site else {
            // The kept records went into the failed link; rebuild next time.
            return Err(content_failure(link_problems));
        };
        let warnings = Warnings::of(link_problems, &changed, kept_warnings);

        let known: Vec<Option<ActivityCard>> = site
            .activities
            .iter()
            .map(|r| {
                if changed_ids.contains(r.id.as_str()) {
                    None
                } else {
                    old_index.get(r.id.as_str()).and_then(|&p| old_cards.get_mut(usize::from(p)).and_then(Option::take))
                }
            })
            .collect();
        drop(old_cards);
        let edit = Edit { old_fps, old_positions, changed_ids, started };
        self.publish(Pending { site, theme, known, pages, edit, link, warnings })
    }

    /// The fast path for the usual edit, text or facts that leave every
    /// link as it was (same date, region, organisers, ormas, officials,
    /// topics, partnership): the changed records are checked against the
    /// other collections on their own, then swapped into the kept site,
    /// whose order, index and back-links stay valid. Re-linking 100,000
    /// activities is avoided, and a failed check leaves the kept site whole.
    fn update_in_place(
        &mut self,
        loaded: Loaded,
        fresh: parse::Content,
        positions: &[ActivityIx],
        changed: &HashSet<&str>,
        changed_ids: HashSet<String>,
        started: Instant,
    ) -> Result<Update, Failure> {
        let link_started = Instant::now();
        let old_fps: Vec<_> = positions.iter().map(|&p| footprint(&loaded.site, p)).collect();
        let mut small = fresh;
        small.agencies = loaded.site.agencies.raw.clone();
        small.people = loaded.site.people.raw.clone();
        small.ormas = loaded.site.ormas.raw.clone();
        small.partnerships = loaded.site.partnerships.raw.clone();
        let (checked, problems) = site::link(small, &self.content_dir);
        let link = link_started.elapsed();
        let Some(checked) = checked else {
            self.loaded = Some(loaded);
            return Err(content_failure(problems));
        };
        let Loaded { mut site, theme, cards, pages, warnings: kept_warnings } = loaded;
        let warnings = Warnings::of(problems, changed, kept_warnings);
        for record in checked.activities {
            if let Some(&p) = site.index.activities.get(record.id.as_str()) {
                site.activities[p] = record;
            }
        }
        let mut known = cards;
        for &p in positions {
            known[usize::from(p)] = None;
        }
        let old_positions = positions.to_vec();
        let edit = Edit { old_fps, old_positions, changed_ids, started };
        self.publish(Pending { site, theme, known, pages, edit, link, warnings })
    }

    /// Renders what the changed activities affect, writes the files whose
    /// bytes changed, and keeps the new state.
    fn publish(&mut self, pending: Pending) -> Result<Update, Failure> {
        let Pending { site, theme, known, pages, edit, link, warnings } = pending;
        let Edit { old_fps, old_positions, changed_ids, started } = edit;
        let renderer = Renderer::with_cards(&site, &theme, Urls::new(&self.base_url), known)?
            .with_history(self.history.clone())
            .with_warnings(&Diagnostics(warnings.all.clone()));
        let new_fps: Vec<_> = changed_ids
            .iter()
            .filter_map(|id| site.index.activities.get(id.as_str()).copied())
            .map(|p| footprint(&site, p))
            .collect();
        let plan = affected(&site, &renderer, &old_fps, &new_fps);
        let written = AtomicUsize::new(0);
        let count = |changed: bool| {
            if changed {
                written.fetch_add(1, Ordering::Relaxed);
            }
        };
        let write_pages = |pages: &[&Page]| {
            pages.par_iter().try_for_each(|page| -> Result<(), Failure> {
                let (file, bytes) = renderer.render_page(page)?;
                count(write_if_changed(&self.out, &file, &bytes)?);
                Ok(())
            })
        };
        write_pages(&plan.pages.iter().collect::<Vec<_>>())?;
        let feed_shows = |p: &ActivityIx| usize::from(*p) < crate::render::feeds::FEED_SIZE;
        let mut pages = pages;
        if plan.structural {
            let all = renderer.pages();
            let now: HashSet<String> = all.iter().map(|p| renderer.file_of(p)).collect();
            for gone in pages.difference(&now) {
                count(remove_page(&self.out, gone)?);
            }
            // Pages that list no activity (directories, the data page, ...)
            // may show the counts that changed.
            let others: Vec<&Page> = all.iter().filter(|p| !renderer.info(p).follows_activities).collect();
            write_pages(&others)?;
            let staging = Staging::create(&self.scratch)?;
            renderer.render_extras(&staging, &all)?;
            for n in sync(staging.dir(), &self.out)? {
                count(n);
            }
            pages = now;
        } else {
            // The quality page and the home page's footer count every
            // record's sources, dates and warnings, which any edit may change.
            write_pages(&[&Page::Quality, &Page::Home])?;
        }
        if !plan.structural
            && (old_positions.iter().any(feed_shows) || new_fps.iter().map(|f| f.pos).any(|p| feed_shows(&p)))
        {
            count(write_if_changed(&self.out, "feed.xml", renderer.feed_xml()?.as_bytes())?);
        }
        let rendered = plan.pages.len();
        let cards = renderer.into_cards();
        self.loaded = Some(Loaded { site, theme, cards, pages, warnings: warnings.all });
        self.site_wide_stale = true;
        Ok(Update {
            full: false,
            rendered,
            written: written.into_inner(),
            warnings: Diagnostics(warnings.changed),
            elapsed: started.elapsed(),
            link,
        })
    }

    /// Whether the site-wide outputs (search index, open data) lag behind
    /// the pages after incremental updates.
    pub fn site_wide_stale(&self) -> bool {
        self.site_wide_stale
    }

    /// Brings the site-wide outputs up to date: they are rebuilt into a
    /// scratch folder and only files whose bytes changed are copied over.
    /// Run when the editor is idle, as it reads the whole site.
    pub fn refresh_site_wide(&mut self) -> Result<usize, Failure> {
        let Some(loaded) = self.loaded.as_mut() else { return Ok(0) };
        let known = std::mem::take(&mut loaded.cards);
        let renderer = Renderer::with_cards(&loaded.site, &loaded.theme, Urls::new(&self.base_url), known)?
            .with_history(self.history.clone())
            .with_warnings(&Diagnostics(loaded.warnings.clone()));
        let staging = Staging::create(&self.scratch)?;
        let result = crate::write_site_wide(
            &loaded.site,
            &renderer,
            (&staging, &crate::incremental::reuse::Reuse::none()),
            &mut Timings::default(),
        );
        let written = result.map_err(Failure::from).and_then(|()| Ok(sync(staging.dir(), &self.out)?));
        loaded.cards = renderer.into_cards();
        self.site_wide_stale = false;
        written.map(|w| w.into_iter().filter(|&c| c).count())
    }

    fn source_file(&self, role: FileRole, rel: &str, text: String) -> SourceFile {
        SourceFile {
            role,
            rel_path: rel.to_string(),
            display_path: display_path(&self.content_dir, rel),
            text: Arc::from(text),
        }
    }
}

fn content_failure(mut problems: Vec<Diagnostic>) -> Failure {
    problems.retain(Diagnostic::is_error);
    let mut d = Diagnostics(problems);
    d.sort();
    Failure::Content(d)
}

/// The role of a well-placed content file; `None` for anything the fast
/// path leaves to a full build (which reports misplaced files).
fn fast_role(rel: &str) -> Option<FileRole> {
    match rel {
        "site.yaml" => return Some(FileRole::Site),
        "regions.yaml" => return Some(FileRole::Regions),
        "topics.yaml" => return Some(FileRole::Topics),
        _ => {}
    }
    let parts: Vec<&str> = rel.split('/').collect();
    let collection = Collection::from_folder(parts.first()?)?;
    let depth = if collection == Collection::Activities { 3 } else { 2 };
    let file = parts.last()?;
    (parts.len() == depth && file.ends_with(&format!(".{}", collection.extension())))
        .then_some(FileRole::Record(collection))
}

/// Where each changed activity sits in `site`, when every changed file
/// parsed into an activity that replaces one at the same path with the same
/// links and date (so the site's order, index and back-links hold); `None`
/// otherwise, for a full re-link.
fn same_links(
    site: &Site,
    fresh: &[crate::model::Record<crate::model::Activity>],
    changed: &HashSet<&str>,
) -> Option<Vec<ActivityIx>> {
    if fresh.len() != changed.len() {
        return None; // a file was removed
    }
    fresh
        .iter()
        .map(|new| {
            let &p = site.index.activities.get(new.id.as_str())?;
            let old = &site.activities[p];
            let (a, b) = (&old.meta, &new.meta);
            let persons = |m: &crate::model::Activity| m.officials.iter().map(|o| o.person).collect::<Vec<_>>();
            let same = old.origin.path() == new.origin.path()
                && a.date == b.date
                && a.region == b.region
                && a.organizers == b.organizers
                && a.participants.agencies == b.participants.agencies
                && a.participants.ormas == b.participants.ormas
                && a.topics == b.topics
                && a.partnership == b.partnership
                && persons(a) == persons(b);
            same.then_some(p)
        })
        .collect()
}

/// A record's id: its file name without the extension.
fn id_of(rel: &str) -> Option<String> {
    let file = rel.rsplit('/').next()?;
    file.rsplit_once('.').map(|(stem, _)| stem.to_string())
}

/// Writes `bytes` to `out/rel` unless the file already holds them; the new
/// file is renamed into place so a reader never sees half of it.
pub fn write_if_changed(out: &Path, rel: &str, bytes: &[u8]) -> io::Result<bool> {
    let path = out.join(rel);
    if fs::read(&path).is_ok_and(|old| old == bytes) {
        return Ok(false);
    }
    let parent = path.parent().unwrap_or(out);
    fs::create_dir_all(parent)?;
    let name = path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let tmp = parent.join(format!(".{name}.{}.tmp", std::process::id()));
    fs::write(&tmp, bytes)?;
    fs::rename(&tmp, &path)?;
    Ok(true)
}

/// Removes a page that no longer exists, and its folder once empty.
fn remove_page(out: &Path, rel: &str) -> io::Result<bool> {
    let path = out.join(rel);
    match fs::remove_file(&path) {
        Ok(()) => {
            if let Some(dir) = path.parent().filter(|d| *d != out) {
                // Fails, harmlessly, while the folder holds other files.
                let _ = fs::remove_dir(dir);
            }
            Ok(true)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

/// Copies every file of `from` whose bytes differ into `to`; one flag per
/// file, true when it was written.
fn sync(from: &Path, to: &Path) -> io::Result<Vec<bool>> {
    let files: Vec<PathBuf> = walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    files
        .par_iter()
        .map(|file| {
            let rel = file.strip_prefix(from).unwrap_or(file);
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            write_if_changed(to, &rel, &fs::read(file)?)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_only_well_placed_records_for_the_fast_path() {
        assert_eq!(fast_role("activities/2024/x.md"), Some(FileRole::Record(Collection::Activities)));
        assert_eq!(fast_role("ormas/x.md"), Some(FileRole::Record(Collection::Ormas)));
        assert_eq!(fast_role("activities/x.md"), None);
        assert_eq!(fast_role("agencies/x.yml"), None);
        assert_eq!(fast_role("README.md"), None);
        assert_eq!(id_of("activities/2024/rapat-a.md").as_deref(), Some("rapat-a"));
    }

    #[test]
    fn writes_only_changed_bytes() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(write_if_changed(tmp.path(), "a/index.html", b"x").unwrap());
        assert!(!write_if_changed(tmp.path(), "a/index.html", b"x").unwrap());
        assert!(write_if_changed(tmp.path(), "a/index.html", b"y").unwrap());
        assert_eq!(fs::read_dir(tmp.path().join("a")).unwrap().count(), 1, "no temporary file left");
        assert!(remove_page(tmp.path(), "a/index.html").unwrap());
        assert!(!tmp.path().join("a").exists());
    }
}
