//! Shared helpers for the integration tests: building fixture content,
//! reading the generated HTML, serving a folder over HTTP and driving a
//! real headless Chromium.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use scraper::{Html, Selector};

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture folder under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

/// Copies a folder tree (for fixtures a test will modify).
pub fn copy_dir(src: &Path, dst: &Path) {
    for entry in walkdir::WalkDir::new(src) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(src).unwrap();
        let target = dst.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under a folder, relative path -> bytes.
pub fn snapshot(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned(), fs::read(e.path()).unwrap()))
        .collect()
}

/// A built site in a temporary folder.
pub struct Built {
    /// Keeps the folder alive.
    pub tmp: tempfile::TempDir,
    /// The output folder.
    pub public: PathBuf,
}

impl Built {
    /// Reads an output file.
    pub fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.public.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Parses an output HTML page (`kegiatan/x/` reads `kegiatan/x/index.html`).
    pub fn page(&self, rel: &str) -> Html {
        let rel = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.to_string() };
        Html::parse_document(&self.read(&rel))
    }
}

/// Builds `content` with the library into a fresh temporary folder.
pub fn build(content: &Path) -> Built {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    let options = terbuka::BuildOptions::new(content, &public);
    if let Err(e) = terbuka::build(&options) {
        match e {
            terbuka::BuildError::Content(d) => panic!("build failed:\n{d}"),
            other => panic!("build failed: {other}"),
        }
    }
    Built { tmp, public }
}

/// Runs the `terbuka` binary with `args` in `dir`.
pub fn terbuka(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_terbuka")).args(args).current_dir(dir).output().unwrap()
}

/// Texts of all elements matching a CSS selector.
pub fn texts(doc: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel)
        .map(|e| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Values of an attribute on all elements matching a selector.
pub fn attrs(doc: &Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    doc.select(&sel).filter_map(|e| e.value().attr(attr).map(String::from)).collect()
}

/// Serves a folder on 127.0.0.1 like a static host would (index.html for
/// folders, 404.html for misses, byte ranges) until dropped: the preview's
/// server without its live reload.
pub struct StaticServer {
    /// `http://127.0.0.1:PORT`
    pub origin: String,
    _server: terbuka::serve::http::HttpServer,
}

impl StaticServer {
    /// Starts serving `root` on a free port.
    pub fn start(root: &Path) -> Self {
        let server = terbuka::serve::http::HttpServer::start(0, root.to_path_buf(), None).unwrap();
        Self { origin: format!("http://{}", server.addr), _server: server }
    }
}

/// Launches Debian's headless Chromium with the flags this sandbox needs.
pub fn chromium() -> headless_chrome::Browser {
    let path = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].iter().map(PathBuf::from).find(|p| p.exists());
    let args: Vec<&std::ffi::OsStr> = [
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ]
    .iter()
    .map(std::ffi::OsStr::new)
    .collect();
    let options = headless_chrome::LaunchOptions::default_builder()
        .path(path)
        .sandbox(false)
        .headless(true)
        .window_size(Some((1280, 900)))
        .args(args)
        .idle_browser_timeout(std::time::Duration::from_secs(120))
        .build()
        .unwrap();
    headless_chrome::Browser::new(options).expect("start headless Chromium (apt-get install chromium)")
}

/// Runs `command` (a `terbuka build` with the `TERBUKA_PAUSE_AT` hook set
/// to `point`), waits until it says it paused there, and kills it with
/// SIGKILL, as a CI runner's timeout or a power cut would.
#[allow(dead_code)]
pub fn kill_when_paused(mut command: Command, point: &str) {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let mut child = command.stdout(Stdio::null()).stderr(Stdio::piped()).spawn().unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut seen = String::new();
    loop {
        let mut line = String::new();
        if stderr.read_line(&mut line).unwrap() == 0 {
            let status = child.wait().unwrap();
            panic!("the build never reached `{point}` ({status}):\n{seen}");
        }
        seen.push_str(&line);
        if line.starts_with("terbuka: paused at") {
            break;
        }
    }
    child.kill().unwrap();
    child.wait().unwrap();
}

/// Builds `content` into `public` (the build cache beside it) with
/// `--timings`, asserting it succeeds; returns what it printed.
pub fn build_timed(content: &Path, public: &Path) -> String {
    build_timed_with(content, public, &[])
}

/// [`build_timed`] with `args` besides.
pub fn build_timed_with(content: &Path, public: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_terbuka"))
        .arg("build")
        .arg("--content")
        .arg(content)
        .arg("--output")
        .arg(public)
        .arg("--timings")
        .args(args)
        .env_remove(terbuka::pause::VAR)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "build failed:\n{stderr}");
    stderr
}

/// What a stage reported with `--timings`
/// (`  search   2762 file(s) carried over, 122 made`): files carried over
/// and files made.
pub fn stage_tally(stderr: &str, stage: &str) -> Option<(usize, usize)> {
    let line = stderr.lines().find(|l| l.split_whitespace().next() == Some(stage) && l.contains("carried over"))?;
    let numbers: Vec<usize> = line.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
    Some((numbers[0], numbers[1]))
}

/// Every activity file of a content folder, sorted.
pub fn activity_files(content: &Path) -> Vec<PathBuf> {
    let mut all: Vec<PathBuf> = walkdir::WalkDir::new(content.join("activities"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(walkdir::DirEntry::into_path)
        .collect();
    all.sort();
    all
}

/// A clean build of `content` in a folder of its own, with no cache: every
/// file's bytes by path.
pub fn clean_build(content: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    build_timed(content, &public);
    snapshot(&public)
}

/// The first paths whose bytes differ between two sites (or that only one
/// has).
pub fn differing<'a>(
    got: &'a std::collections::BTreeMap<String, Vec<u8>>,
    want: &'a std::collections::BTreeMap<String, Vec<u8>>,
) -> Vec<&'a String> {
    got.keys().chain(want.keys()).filter(|k| got.get(*k) != want.get(*k)).take(5).collect()
}
