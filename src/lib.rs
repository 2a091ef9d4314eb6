//! Terbuka: a static-site generator for public transparency portals.
//!
//! The build is a pipeline, one module per stage:
//!
//! 1. [`source`]: walk `content/` and read every file (parallel);
//! 2. [`parse`]: front matter and bodies into typed [`model`] records (parallel);
//! 3. [`site`]: link records into one resolved site (typed positions,
//!    forward links and back-links) and check every content rule;
//! 4. the outputs, side by side, each reading the resolved site and the
//!    facts they share ([`address`] for every address, [`text`] for plain
//!    text and summaries, [`catalog`] for the published files and columns),
//!    none importing another:
//!    - [`render`]: pages, sitemaps, feeds and JSON-LD from the theme;
//!    - [`search`]: the static search index;
//!    - [`data`]: the dataset, CSVs, per-record JSON and the calendar;
//! 5. [`output`]: write into a staging folder, or the spare generation of
//!    the build cache ([`incremental`]: only changed files written, the rest
//!    hard-linked), and swap it in atomically.
//!
//! Problems with content are collected as [`diagnostic::Diagnostic`]s, all
//! of them, and reported at once; nothing is written when there is one.
//! The staff workflow is beside the pipeline: [`serve`] (live preview),
//! [`scaffold`] (`terbuka new`), [`schema`] (JSON Schemas for editors) and
//! [`history`] (record dates from git). `docs/architecture.md` is the map.

#![warn(missing_docs)]
// A `Diagnostic` is large (it carries its snippet), but it only travels the
// error path, where boxing would add noise and no speed.
#![allow(clippy::result_large_err)]

pub mod address;
pub mod admin;
pub mod catalog;
pub mod data;
pub mod diagnostic;
pub mod fit;
pub mod hashing;
pub mod history;
pub mod hosting;
pub mod import;
pub mod incremental;
pub mod init;
pub mod memo;
pub mod model;
pub mod names;
pub mod output;
pub mod parse;
pub mod pause;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod text;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use address::Urls;
use diagnostic::Diagnostics;
use render::theme::Theme;
use site::Site;

/// What a build needs to know.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The `content/` folder.
    pub content_dir: PathBuf,
    /// Where the site goes (`public/`).
    pub output_dir: PathBuf,
    /// Overrides `site.yaml`'s `base_url`.
    pub base_url: Option<String>,
    /// A theme folder; the built-in default theme when `None`.
    pub theme_dir: Option<PathBuf>,
    /// Fail on warnings too.
    pub strict: bool,
    /// The build cache folder; `.terbuka/` beside the output when `None`.
    pub cache_dir: Option<PathBuf>,
    /// Where to write the changed-paths list too (it is always in the
    /// cache folder as `changes.txt`).
    pub changes_file: Option<PathBuf>,
    /// Check every file of the output against the build cache, and make
    /// again any file changed by hand (otherwise the folder the last build
    /// left is trusted to hold what it wrote).
    pub verify_output: bool,
}

impl BuildOptions {
    /// Options for building `content_dir` into `output_dir` with defaults.
    pub fn new(content_dir: impl Into<PathBuf>, output_dir: impl Into<PathBuf>) -> Self {
        Self {
            content_dir: content_dir.into(),
            output_dir: output_dir.into(),
            base_url: None,
            theme_dir: None,
            strict: false,
            cache_dir: None,
            changes_file: None,
            verify_output: false,
        }
    }
}

/// Why a build did not produce a site.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The content has errors (or warnings, under `--strict`).
    #[error("{} error(s) and {} warning(s) in content", .0.error_count(), .0.warning_count())]
    Content(Diagnostics),
    /// The content folder could not be read.
    #[error("cannot read content: {0}")]
    Read(#[source] std::io::Error),
    /// The theme could not be loaded.
    #[error("cannot load theme `{path}`: {source}")]
    Theme {
        /// Theme folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Rendering failed (a template error or a failed write).
    #[error(transparent)]
    Render(#[from] render::RenderError),
    /// The search index could not be written.
    #[error("cannot write the search index: {0}")]
    Search(#[source] search::SearchError),
    /// The open data (dataset, CSVs, feeds, calendar) could not be written.
    #[error(transparent)]
    Data(#[from] data::DataError),
    /// The editor (`admin/`) could not be generated.
    #[error(transparent)]
    Admin(#[from] admin::AdminError),
    /// The site was swapped in, but the build cache or the changes list
    /// could not be written.
    #[error("the site was published, but the build cache `{path}` could not be written: {source}")]
    Cache {
        /// Cache folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The output could not be prepared or swapped in.
    #[error("cannot write output `{path}`: {source}")]
    Output {
        /// Output folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl BuildError {
    /// What to do about a failure the content is not to blame for, when
    /// its cause is known: a full disk (the most common in CI) names the
    /// room a build needs.
    pub fn help(&self) -> Option<&'static str> {
        let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(self);
        while let Some(e) = cause {
            if let Some(io) = e.downcast_ref::<std::io::Error>() {
                return match io.kind() {
                    std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => Some(
                        "the disk holding the output folder is full: a first build (or one without the build \
                         cache beside the output) stages the whole new site beside the old one before swapping \
                         them, so it needs free space for one more copy of the site, and later builds room for \
                         the files that changed; free some space (or build onto a larger disk) and build again. \
                         The old site was left as it was.",
                    ),
                    std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem => Some(
                        "the output folder's parent must be writable: the new site is staged beside it; \
                         the old site was left as it was.",
                    ),
                    _ => None,
                };
            }
            cause = e.source();
        }
        None
    }
}

/// Time spent in each stage, for `--timings` and the benchmarks.
#[derive(Debug, Clone, Default)]
pub struct Timings {
    /// Stage name and duration, in pipeline order. `search` and `data` run
    /// side by side, so their times overlap.
    pub stages: Vec<(&'static str, Duration)>,
    /// The process's resident memory at the end of each stage (same
    /// order as `stages`), where the platform reports it: the peak shows
    /// which stage sets the build's peak, the current size what the
    /// stages before it still hold.
    pub memory: Vec<Option<Memory>>,
    /// What the stages reused from the last build.
    pub reused: Vec<incremental::reuse::Tally>,
}

impl Timings {
    fn time<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        let (out, elapsed) = timed(f);
        self.record(name, elapsed);
        out
    }

    fn record(&mut self, name: &'static str, elapsed: Duration) {
        self.stages.push((name, elapsed));
        self.memory.push(Memory::now());
    }
}

/// Runs `f` and measures how long it took.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

/// Gives the worker threads that render pages a stack large enough for
/// what staff and themes can write: deeply nested Markdown or HTML in a
/// body, recursive template macros. The memory is only reserved; pages
/// that need little touch little. Call once, before any build.
pub fn configure_threads() {
    // An error means the pool already exists (a second call), which is fine.
    let _ = rayon::ThreadPoolBuilder::new().stack_size(64 << 20).build_global();
}

/// This process's resident memory, in bytes.
#[derive(Debug, Clone, Copy)]
pub struct Memory {
    /// Resident now (`VmRSS`).
    pub now: u64,
    /// The most resident so far (`VmHWM`).
    pub peak: u64,
}

impl Memory {
    /// Reads both figures, on Linux.
    pub fn now() -> Option<Self> {
        let status = std::fs::read_to_string("/proc/self/status").ok()?;
        let field = |name: &str| -> Option<u64> {
            let line = status.lines().find(|l| l.starts_with(name))?;
            Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? * 1024)
        };
        Some(Self { now: field("VmRSS:")?, peak: field("VmHWM:")? })
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// Warnings (the build passed without `--strict`).
    pub warnings: Diagnostics,
    /// Files and bytes written.
    pub written: output::WriteStats,
    /// Counts of records.
    pub counts: Counts,
    /// Time per stage.
    pub timings: Timings,
    /// How the site was written (skipped, spare generation, staging).
    pub mode: incremental::Mode,
    /// Why the build cache could not be used, if it could not.
    pub cache_note: Option<String>,
    /// Paths added, modified and removed.
    pub changes: incremental::changes::ChangeCounts,
}

/// How many records of each kind the site holds.
#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    /// Activities.
    pub activities: usize,
    /// Ormas.
    pub ormas: usize,
    /// Agencies.
    pub agencies: usize,
    /// Officials.
    pub people: usize,
    /// Partnerships.
    pub partnerships: usize,
}

impl Counts {
    fn of(site: &Site) -> Self {
        Self {
            activities: site.activities.len(),
            ormas: site.ormas.len(),
            agencies: site.agencies.len(),
            people: site.people.len(),
            partnerships: site.partnerships.len(),
        }
    }
}

/// Stages 1-3: reads, parses and links the content, returning the site and
/// its warnings, or every problem found. The records keep no text: their
/// bodies are read again when needed (`model::SourceText`).
pub fn load(content_dir: &Path, strict: bool, timings: &mut Timings) -> Result<(Site, Diagnostics), BuildError> {
    load_released(content_dir, strict, timings, &std::sync::Arc::default(), None)
}

/// [`load`], with the log of files that change before their bodies are
/// read again: a build checks it before publishing.
fn load_released(
    content_dir: &Path,
    strict: bool,
    timings: &mut Timings,
    log: &std::sync::Arc<model::RereadLog>,
    kept: Option<&parse::kept::Kept<'_>>,
) -> Result<(Site, Diagnostics), BuildError> {
    let listed = timings.time("read", || match kept {
        // The build cache listed the folder already.
        Some(kept) => Ok(source::list_known(content_dir, kept.files().keys())),
        None => source::list_content(content_dir),
    });
    let listed = listed.map_err(BuildError::Read)?;
    pause::at("parse");
    let (content, problems, placeholders) =
        timings.time("parse", || parse::read_and_parse(listed, log, scaffold::placeholders_of, kept));
    link_content(content, problems, placeholders, content_dir, strict, timings)
}

/// Stages 2-3 on content already read: [`load`] after reading, and the
/// `check` fuzz target, which feeds files from memory. `content_dir` only
/// names files in messages.
pub fn load_files(
    files: source::ContentFiles,
    content_dir: &Path,
    strict: bool,
    timings: &mut Timings,
) -> Result<(Site, Diagnostics), BuildError> {
    let placeholders = scaffold::find_placeholders(&files.files);
    pause::at("parse");
    let (content, problems) = timings.time("parse", || parse::parse(files));
    link_content(content, problems, placeholders, content_dir, strict, timings)
}

/// Stage 3 and the checks on the parsed content.
fn link_content(
    content: parse::Content,
    mut problems: Vec<diagnostic::Diagnostic>,
    placeholders: Vec<diagnostic::Diagnostic>,
    content_dir: &Path,
    strict: bool,
    timings: &mut Timings,
) -> Result<(Site, Diagnostics), BuildError> {
    problems
        .extend(timings.time("names", || names::duplicates::find(&content.ormas, &content.agencies, &content.people)));
    pause::at("link");
    let (site, link_problems) = timings.time("link", || memo::scope(|| site::link(content, content_dir)));
    problems.extend(link_problems);
    if let Some(site) = &site {
        problems.extend(site::giving::warnings(site));
    }
    scaffold::merge_placeholders(&mut problems, placeholders);
    let mut diagnostics = Diagnostics(problems);
    diagnostics.sort();
    diagnostics.cap_per_file(MAX_PROBLEMS_PER_FILE);
    match site {
        Some(site) if !diagnostics.fails(strict) => Ok((site, diagnostics)),
        _ => Err(BuildError::Content(diagnostics)),
    }
}

/// At most this many problems are listed for one file; the rest are
/// counted (a record naming 100,000 missing ids is one mistake, not a
/// report of 100,000 pages).
pub const MAX_PROBLEMS_PER_FILE: usize = 50;

/// Checks the content without writing anything (`terbuka check`).
pub fn check(content_dir: &Path, strict: bool) -> Result<Diagnostics, BuildError> {
    load(content_dir, strict, &mut Timings::default()).map(|(_, warnings)| warnings)
}

/// Loads the theme the options ask for.
pub fn load_theme(theme_dir: Option<&Path>) -> Result<Theme, BuildError> {
    match theme_dir {
        Some(dir) => Theme::from_dir(dir).map_err(|source| BuildError::Theme { path: dir.to_path_buf(), source }),
        None => Ok(Theme::builtin()),
    }
}

/// Runs the whole pipeline: content in, a complete site swapped into
/// `output_dir` out. On any error the output folder is left as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let mut timings = Timings::default();
    let output_error = |source| BuildError::Output { path: options.output_dir.clone(), source };
    let mut cache = timings.time("cache", || incremental::Cache::open(options));
    let cache_dir = cache.dir().to_path_buf();
    let cache_error = |source| BuildError::Cache { path: cache_dir.clone(), source };
    if let Some((counts, written, warnings)) = timings.time("check", || cache.unchanged()).map_err(cache_error)? {
        let (mode, changes) = (incremental::Mode::Unchanged, Default::default());
        return Ok(BuildReport { warnings, written, counts, timings, mode, cache_note: None, changes });
    }
    // git log and the listing of the output run while the content is read and parsed.
    cache.list_output();
    let content_dir = options.content_dir.clone();
    let history = std::thread::spawn(move || history::History::read_or_empty(&content_dir));
    let reread = std::sync::Arc::default();
    let reuse = cache.reuse();
    let kept = cache.content_files().and_then(|files| parse::kept::Kept::new(&reuse, files));
    let (site, mut warnings) =
        load_released(&options.content_dir, options.strict, &mut timings, &reread, kept.as_ref())?;
    drop(kept);
    let theme = load_theme(options.theme_dir.as_deref())?;
    let base_url = options.base_url.clone().unwrap_or_else(|| site.config.base_url.clone());
    let (staging, mode) = timings.time("verify", || cache.staging()).map_err(output_error)?;
    let history = std::sync::Arc::new(history.join().unwrap_or_default());
    let basis = render::partial::Basis { builds: cache.build_numbers(), contents: cache.contents() };
    render_site(
        &site,
        &theme,
        Urls::new(&base_url),
        (history, &warnings),
        (&staging, &reuse, Some(basis)),
        CardMarkup::Release,
        &mut timings,
    )?;
    timings.reused = reuse.tallies();
    // Pages made from a file that changed meanwhile would mix two versions.
    let changed = reread.take();
    if !changed.is_empty() {
        return Err(BuildError::Content(Diagnostics(changed)));
    }
    let c = &site.config;
    let fit = fit::check(c.host, &options.content_dir, staging.dir(), site.activities.len(), c.record_json);
    if let Some(warning) = fit.map_err(output_error)? {
        warnings.0.push(warning);
        if warnings.fails(options.strict) {
            return Err(BuildError::Content(warnings));
        }
    }
    pause::at("commit");
    let committed = timings.time("commit", || staging.commit_files()).map_err(output_error)?;
    let (written, counts) = (committed.stats, Counts::of(&site));
    // Saving the cache lists every output file; the site is no longer needed.
    drop(site);
    let changes = timings.time("save", || cache.save(committed, counts, &warnings, &mode));
    let changes = changes.map_err(|source| BuildError::Cache { path: cache.dir().to_path_buf(), source })?.counts();
    Ok(BuildReport { warnings, written, counts, timings, mode, cache_note: cache.note.take(), changes })
}

/// What to do with the activity cards' markup once every list is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardMarkup {
    /// Keep it: `serve` reuses the cards of untouched activities.
    Keep,
    /// Free it before the search index and open data are built, which do
    /// not need it (about 0.9 GB at a million activities).
    Release,
}

/// Stage 4 and the stages after it: every file of a loaded site into
/// `staging`. `build` and `serve` share it, so a served site holds all that
/// a built one does.
pub fn render_site<'s>(
    site: &'s Site,
    theme: &'s Theme,
    urls: Urls,
    (history, warnings): (std::sync::Arc<history::History>, &Diagnostics),
    (staging, reuse, basis): (&output::Staging, &incremental::reuse::Reuse, Option<render::partial::Basis<'_>>),
    cards: CardMarkup,
    timings: &mut Timings,
) -> Result<render::Renderer<'s>, BuildError> {
    let mut renderer = timings
        .time("prepare", || render::Renderer::new(site, theme, urls))?
        .with_history(history.clone())
        .with_warnings(warnings);
    let prepared = timings.time("plan", || render::partial::Prepared::new(site, &history, &renderer, reuse, basis));
    pause::at("render");
    let tally = timings.time("render", || renderer.render_all(staging, prepared.plan.as_ref()))?;
    let (kept, made) = tally.counts();
    reuse.tally("render", kept, made);
    prepared.save().map_err(|source| BuildError::Cache { path: reuse.dir("render").unwrap_or_default(), source })?;
    admin::write(&site.config, theme, staging)?;
    if cards == CardMarkup::Release {
        renderer.release_card_markup();
    }
    write_site_wide(site, &renderer, (staging, reuse), timings)?;
    hosting::write(renderer.urls(), staging)?;
    Ok(renderer)
}

/// The outputs built from the whole site at once rather than page by page
/// (search index and its page, open data). `serve` reruns them after
/// updating pages.
pub fn write_site_wide(
    site: &Site,
    renderer: &render::Renderer<'_>,
    (staging, reuse): (&output::Staging, &incremental::reuse::Reuse),
    timings: &mut Timings,
) -> Result<(), BuildError> {
    let urls = renderer.urls();
    // The two are independent and each has sequential stretches (merging
    // the index in order, appending downloads in order), so they run side
    // by side; each one's time is its own wall time, so the two overlap.
    let ((search, search_time), (data, data_time)) = rayon::join(
        || {
            pause::at("search");
            timed(|| search::write_index(site, urls, staging, reuse))
        },
        || {
            pause::at("data");
            timed(|| data::write_all(site, urls, staging, reuse))
        },
    );
    timings.record("search", search_time);
    timings.record("data", data_time);
    renderer.write_search_page(staging, &search.map_err(BuildError::Search)?.manifest)?;
    data?;
    Ok(())
}
