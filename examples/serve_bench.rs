//! Benchmark of `terbuka serve`: the time from saving one activity to its
//! page being served again, on a generated corpus.
//!
//! ```text
//! cargo xtask gen-corpus --activities 100000 --out /tmp/c100k
//! cargo run --release --example serve_bench -- /tmp/c100k [rounds]
//! ```
//!
//! It measures twice: end to end (a real server, the file watcher with its
//! 50 ms debounce, HTTP polling until the page shows the edit) and inside
//! the engine (re-read, re-link, re-render, write), for text edits and for
//! an edit that moves the activity to another kind (which changes the
//! counts shown on every activity list). Every edited file is restored.

// The same allocator as the `terbuka` binary, so the figures are its figures.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use terbuka::serve::{Engine, ServeOptions, Server};

fn main() {
    let mut args = std::env::args().skip(1);
    let content = PathBuf::from(args.next().expect("usage: serve_bench CONTENT_DIR [ROUNDS]"));
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(5);
    let content = content.canonicalize().expect("content folder");
    let files = activity_files(&content);
    println!("{} activities in {}", files.len(), content.display());
    let picks: Vec<&PathBuf> = (0..rounds).map(|k| &files[(k * 7919 + 13) % files.len()]).collect();

    engine_level(&content, &picks);
    end_to_end(&content, &picks);
}

fn activity_files(content: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(content.join("activities"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

/// Restores a file when dropped, whatever happens.
struct Restore(PathBuf, String);

impl Drop for Restore {
    fn drop(&mut self) {
        let _ = fs::write(&self.0, &self.1);
    }
}

fn edit_text(path: &Path, marker: &str) -> Restore {
    let text = fs::read_to_string(path).unwrap();
    let body_start = text[4..].find("\n---\n").map(|i| i + 4 + 5).unwrap();
    let edited = format!("{}{marker} {}", &text[..body_start], &text[body_start..]);
    fs::write(path, edited).unwrap();
    Restore(path.to_path_buf(), text)
}

fn edit_kind(path: &Path) -> Restore {
    let text = fs::read_to_string(path).unwrap();
    let line = text.lines().find(|l| l.starts_with("kind: ")).unwrap().to_string();
    let other = if line == "kind: audiensi" { "kind: kunjungan" } else { "kind: audiensi" };
    fs::write(path, text.replacen(&line, other, 1)).unwrap();
    Restore(path.to_path_buf(), text)
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1e3)
}

fn summary(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let median = times[times.len() / 2];
    println!(
        "{label}: median {}, min {}, max {} ({} runs)",
        ms(median),
        ms(times[0]),
        ms(*times.last().unwrap()),
        times.len()
    );
}

/// Inside the engine: no watcher, no HTTP.
fn engine_level(content: &Path, picks: &[&PathBuf]) {
    let tmp = tempfile::tempdir().unwrap();
    let mut engine = Engine::new(
        content.to_path_buf(),
        content.to_path_buf(),
        None,
        "http://127.0.0.1:1/".into(),
        tmp.path().join("site"),
        tmp.path().join("scratch"),
    );
    let started = Instant::now();
    let full = engine.rebuild().unwrap_or_else(|e| panic!("{e}"));
    println!("engine: full build {} ({} pages)", ms(started.elapsed()), full.rendered);
    let (mut total, mut link) = (Vec::new(), Vec::new());
    for (k, path) in picks.iter().enumerate() {
        let _restore = edit_text(path, &format!("Suntingan-{k}"));
        let update = engine.apply(std::slice::from_ref(*path)).unwrap().unwrap_or_else(|e| panic!("{e}"));
        assert!(!update.full);
        println!(
            "  text edit {}: {} ({} pages rendered, {} files written, link {})",
            path.file_name().unwrap().to_string_lossy(),
            ms(update.elapsed),
            update.rendered,
            update.written,
            ms(update.link)
        );
        total.push(update.elapsed);
        link.push(update.link);
        drop(_restore);
        engine.apply(std::slice::from_ref(*path)).unwrap().unwrap();
    }
    summary("engine, text edit", total);
    summary("engine, of which re-linking", link);
    let path = picks[0];
    let restore = edit_kind(path);
    let update = engine.apply(std::slice::from_ref(path)).unwrap().unwrap();
    println!(
        "engine, kind change (every activity list shows the counts): {} ({} pages rendered, {} files written)",
        ms(update.elapsed),
        update.rendered,
        update.written
    );
    drop(restore);
    engine.apply(std::slice::from_ref(path)).unwrap().unwrap();
    let started = Instant::now();
    let written = engine.refresh_site_wide().unwrap();
    println!(
        "engine: site-wide refresh (search index, data; runs when idle) {} ({written} files)",
        ms(started.elapsed())
    );
}

fn get(base: &str, path: &str) -> String {
    let host = base.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(host).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    response
}

/// A real server: save, then poll the page over HTTP until it shows the edit.
fn end_to_end(content: &Path, picks: &[&PathBuf]) {
    let started = Instant::now();
    let server = Server::start(ServeOptions { verbose: false, ..ServeOptions::new(content) }).unwrap();
    println!("serve: started (full build) in {}", ms(started.elapsed()));
    let mut times = Vec::new();
    for (k, path) in picks.iter().enumerate() {
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let page = format!("/kegiatan/{id}/");
        let marker = format!("Disimpan-{k}-{}", std::process::id());
        // Let the site-wide refresh of the previous round finish, as when
        // staff pause between saves.
        std::thread::sleep(Duration::from_secs(3));
        let saved = Instant::now();
        let restore = edit_text(path, &marker);
        loop {
            if get(&server.url, &page).contains(&marker) {
                break;
            }
            assert!(saved.elapsed() < Duration::from_secs(60), "{page} never showed the edit");
            std::thread::sleep(Duration::from_millis(5));
        }
        let took = saved.elapsed();
        println!("  {page}: served {} after the save", ms(took));
        times.push(took);
        drop(restore);
    }
    summary("end to end, save to page served (incl. 50 ms debounce)", times);
}
