//! `terbuka serve`: a live preview for the staff who write records. It
//! builds the site, serves it on 127.0.0.1, watches `content/` (and the
//! theme folder, when one is given), rebuilds only what a change affects,
//! and reloads open browser tabs. A broken record shows its problems in the
//! terminal and over the page in the browser, while the last good site
//! keeps being served.
//!
//! The preview is written to a temporary folder, never into `public/`,
//! unless `--output` asks for a folder (then it is kept up to date there).

mod engine;
pub mod http;
mod watch;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Receiver;
use std::thread;
use std::time::Duration;

pub use engine::{Engine, Failure, Update};
pub use http::Status;

use crate::report::{self, Format};

/// What `terbuka serve` needs to know.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The `content/` folder.
    pub content_dir: PathBuf,
    /// A theme folder to use and watch; the built-in theme when `None`.
    pub theme_dir: Option<PathBuf>,
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    /// Also keep this folder up to date (otherwise a temporary folder).
    pub output_dir: Option<PathBuf>,
    /// How long the files must be quiet before a rebuild starts.
    pub debounce: Duration,
    /// Print what happens to stderr.
    pub verbose: bool,
}

impl ServeOptions {
    /// Defaults: a free port, a temporary folder, 50 ms debounce.
    pub fn new(content_dir: impl Into<PathBuf>) -> Self {
        Self {
            content_dir: content_dir.into(),
            theme_dir: None,
            port: 0,
            output_dir: None,
            debounce: Duration::from_millis(50),
            verbose: true,
        }
    }
}

/// Why the preview could not start.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// A folder could not be found or created.
    #[error("{what} `{}`: {source}", path.display())]
    Folder {
        /// What the folder is for.
        what: &'static str,
        /// The folder.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The port could not be opened.
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Listen {
        /// Port asked for.
        port: u16,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The folders could not be watched.
    #[error("cannot watch for changes: {0}")]
    Watch(#[from] notify::Error),
}

/// A running preview; dropping it stops serving.
pub struct Server {
    /// `http://127.0.0.1:PORT/`
    pub url: String,
    /// What open tabs are told.
    pub status: Arc<Status>,
    /// The folder being served.
    pub root: PathBuf,
    _http: http::HttpServer,
    _watch: watch::Watch,
    _temp: Option<tempfile::TempDir>,
}

impl Server {
    /// Builds the site, starts serving and watching, and returns once the
    /// first build is done (a failed first build still serves the problem
    /// page).
    pub fn start(options: ServeOptions) -> Result<Self, ServeError> {
        fn folder(what: &'static str, path: &std::path::Path) -> impl FnOnce(std::io::Error) -> ServeError {
            let path = path.to_path_buf();
            move |source| ServeError::Folder { what, path, source }
        }
        let content_dir = options
            .content_dir
            .canonicalize()
            .map_err(folder("cannot find the content folder", &options.content_dir))?;
        let theme_dir = match &options.theme_dir {
            Some(t) => Some(t.canonicalize().map_err(folder("cannot find the theme folder", t))?),
            None => None,
        };
        let temp = tempfile::Builder::new()
            .prefix("terbuka-serve-")
            .tempdir()
            .map_err(folder("cannot create a temporary folder", &std::env::temp_dir()))?;
        let root = match &options.output_dir {
            Some(dir) => {
                let abs =
                    if dir.is_absolute() { dir.clone() } else { std::env::current_dir().unwrap_or_default().join(dir) };
                std::fs::create_dir_all(&abs).map_err(folder("cannot create the output folder", &abs))?;
                abs
            }
            None => temp.path().join("site"),
        };
        let status = Arc::new(Status::default());
        let editor = Arc::new(crate::admin::local::LocalBackend::new(&content_dir));
        let http = http::HttpServer::start_with_editor(options.port, root.clone(), Some(status.clone()), Some(editor))
            .map_err(|source| ServeError::Listen { port: options.port, source })?;
        let url = format!("http://{}/", http.addr);
        let mut engine = Engine::new(
            options.content_dir.clone(),
            content_dir.clone(),
            theme_dir.clone(),
            url.clone(),
            root.clone(),
            temp.path().join("scratch"),
        );
        let reporter = Reporter { verbose: options.verbose, color: std::io::stderr().is_terminal() };
        reporter.outcome(engine.rebuild(), &status);
        let roots: Vec<PathBuf> = std::iter::once(content_dir).chain(theme_dir).collect();
        let (watch, changes) = watch::watch(&roots, options.debounce)?;
        let worker_status = status.clone();
        thread::Builder::new()
            .name("terbuka-rebuild".into())
            .spawn(move || rebuild_loop(engine, changes, &worker_status, &reporter))
            .map_err(folder("cannot start the rebuild thread", &root))?;
        Ok(Self { url, status, root, _http: http, _watch: watch, _temp: Some(temp) })
    }
}

/// Applies each batch of changes as it comes.
///
/// The site-wide outputs (search index, open data) are not refreshed after
/// an incremental update: they read the whole site (20 s at 10,000
/// activities today) and would hold up the next save. They are current
/// after every full rebuild; [`Engine::refresh_site_wide`] updates them on
/// demand.
fn rebuild_loop(mut engine: Engine, changes: Receiver<Vec<PathBuf>>, status: &Status, reporter: &Reporter) {
    while let Ok(mut paths) = changes.recv() {
        // Saves that arrived during the last rebuild join this one.
        while let Ok(more) = changes.try_recv() {
            paths.extend(more);
        }
        if let Some(outcome) = engine.apply(&paths) {
            reporter.outcome(outcome, status);
        }
    }
}

/// Tells the terminal and the browser how an update went.
struct Reporter {
    verbose: bool,
    color: bool,
}

impl Reporter {
    fn outcome(&self, outcome: Result<Update, Failure>, status: &Status) {
        match outcome {
            Ok(update) => {
                status.published();
                if self.verbose {
                    eprint!("{}", report::format(&update.warnings, Format::Human, self.color));
                    let what = if update.full { "built the site" } else { "updated" };
                    eprintln!(
                        "{what}: {} page(s) rendered, {} file(s) changed in {:.0} ms",
                        update.rendered,
                        update.written,
                        update.elapsed.as_secs_f64() * 1e3
                    );
                }
            }
            Err(failure) => self.failure(&failure, status),
        }
    }

    fn failure(&self, failure: &Failure, status: &Status) {
        let text = |color| match failure {
            Failure::Content(d) => format!("{}{failure}", report::format(d, Format::Human, color)),
            other => format!("error: {other}"),
        };
        status.broken(&text(false));
        if self.verbose {
            eprintln!("{}\nthe last good site is still being served", text(self.color));
        }
    }
}
