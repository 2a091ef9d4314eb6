//! `terbuka serve` end to end: the real binary on a free port, fetched
//! over HTTP while the test edits, breaks, fixes, adds and removes records.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{attrs, copy_dir, fixture, texts};
use scraper::Html;

/// A running `terbuka serve`, stopped when dropped.
struct Serve {
    child: Child,
    url: String,
    root: PathBuf,
}

impl Serve {
    fn start(dir: &Path, extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_terbuka"))
            .args(["serve", "--port", "0"])
            .args(extra)
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
        // "Serving <folder> at http://127.0.0.1:PORT/"
        let (root, url) = line.trim().strip_prefix("Serving ").unwrap().rsplit_once(" at ").unwrap();
        Self { url: url.to_string(), root: PathBuf::from(root), child }
    }

    fn get(&self, path: &str) -> (u16, String) {
        get(&self.url, path)
    }

    /// Fetches `path` until `done` holds; returns the page and how long it took.
    fn until(&self, path: &str, what: &str, done: impl Fn(u16, &str) -> bool) -> (String, Duration) {
        let started = Instant::now();
        loop {
            let (code, body) = self.get(path);
            if done(code, &body) {
                return (body, started.elapsed());
            }
            assert!(started.elapsed() < Duration::from_secs(20), "{path}: never {what}; last:\n{body}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A minimal HTTP/1.1 GET.
fn get(base: &str, path: &str) -> (u16, String) {
    let host = base.trim_start_matches("http://").trim_end_matches('/');
    let mut stream = TcpStream::connect(host).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap();
    let code = head.split(' ').nth(1).unwrap().parse().unwrap();
    (code, body.to_string())
}

const PAGE: &str = "/kegiatan/kpu-sosialisasi-pilkada/";
const RECORD: &str = "content/activities/2024/kpu-sosialisasi-pilkada.md";
const ORIGINAL: &str = "menggelar sosialisasi peran serta organisasi masyarakat";

fn edit(dir: &Path, rel: &str, from: &str, to: &str) {
    let path = dir.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} lacks `{from}`");
    fs::write(&path, text.replace(from, to)).unwrap();
}

fn mtime(path: &Path) -> std::time::SystemTime {
    fs::metadata(path).unwrap().modified().unwrap()
}

#[test]
fn edits_show_up_broken_records_show_their_problem_and_public_is_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("site"), &tmp.path().join("content"));
    let serve = Serve::start(tmp.path(), &[]);

    let (code, body) = serve.get(PAGE);
    assert_eq!(code, 200);
    let doc = Html::parse_document(&body);
    assert!(texts(&doc, "section.body").join(" ").contains(ORIGINAL));
    assert_eq!(attrs(&doc, "script[data-terbuka-live-reload]", "data-terbuka-live-reload").len(), 1);
    let canonical = attrs(&doc, "link[rel=canonical]", "href");
    assert_eq!(
        canonical,
        vec![format!("{}kegiatan/kpu-sosialisasi-pilkada/", serve.url)],
        "links point at the preview"
    );

    // An edit: the page and the lists that show its card change; pages
    // that do not show it are not rewritten.
    let untouched = serve.root.join("ormas/zebra-cross-community/index.html");
    let before = mtime(&untouched);
    let version = serve.get("/__terbuka/reload").1;
    edit(
        tmp.path(),
        RECORD,
        "Komisi Pemilihan Umum (KPU) Kota Tangerang menggelar",
        "KPU Kota Tangerang kembali menggelar",
    );
    let (_, took) = serve.until(PAGE, "shows the edit", |_, b| b.contains("kembali menggelar"));
    eprintln!("edit served after {} ms", took.as_millis());
    let (_, list) = serve.get("/kegiatan/");
    assert!(list.contains("KPU Kota Tangerang kembali menggelar"), "the card's excerpt is updated");
    // Record pages list compact rows without the summary: the province's
    // page still lists the activity, unchanged by an edit of its text.
    let (_, region) = serve.get("/wilayah/36/");
    assert!(region.contains("kegiatan/kpu-sosialisasi-pilkada/"), "the province lists it too");
    assert_eq!(mtime(&untouched), before, "a page without the activity is not rewritten");
    let (_, now) = get(&serve.url, &format!("/__terbuka/reload?v={}", version.trim()));
    assert_ne!(now.trim(), version.trim(), "the reload endpoint reports the new version");

    // A broken record: its problem shows over the last good page, and
    // every other page still serves.
    edit(tmp.path(), RECORD, "kind: sosialisasi", "kind: sosialsasi");
    let (body, _) = serve.until(PAGE, "shows the problem", |_, b| b.contains("terbuka-problems"));
    let doc = Html::parse_document(&body);
    let panel = texts(&doc, "#terbuka-problems").join(" ");
    assert!(panel.contains("`sosialsasi` is not an allowed value"), "{panel}");
    assert!(panel.contains("kpu-sosialisasi-pilkada.md"), "{panel}");
    assert!(texts(&doc, "section.body").join(" ").contains("kembali menggelar"), "the last good page is kept");
    let (code, other) = serve.get("/ormas/bamus-betawi-1982/");
    assert_eq!(code, 200);
    assert!(other.contains("terbuka-problems"), "every page shows the problem");

    // Fixed: the panel goes.
    edit(tmp.path(), RECORD, "kind: sosialsasi", "kind: audiensi");
    let (body, _) = serve.until(PAGE, "drops the problem", |_, b| !b.contains("terbuka-problems"));
    assert!(body.contains("Audiensi"), "the fix is rendered");

    assert!(!tmp.path().join("public").exists(), "serve never writes public/ unless asked");
}

#[test]
fn new_and_removed_records_add_and_remove_pages() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("site"), &tmp.path().join("content"));
    let serve = Serve::start(tmp.path(), &[]);
    let source = fs::read_to_string(tmp.path().join(RECORD)).unwrap();
    let new = tmp.path().join("content/activities/2024/rapat-baru-uji.md");
    fs::write(&new, source.replace("KPU Kota Tangerang Ajak Ormas", "Rapat Baru Uji Ajak Ormas")).unwrap();
    serve.until("/kegiatan/rapat-baru-uji/", "appears", |code, b| code == 200 && b.contains("Rapat Baru Uji"));
    // The page is written first, the sitemap right after it.
    serve.until("/sitemap.xml", "lists the new page", |_, b| b.contains("kegiatan/rapat-baru-uji/"));
    let (_, index) = serve.get("/kegiatan/");
    assert!(index.contains("Rapat Baru Uji"));

    fs::remove_file(&new).unwrap();
    serve.until("/kegiatan/rapat-baru-uji/", "disappears", |code, _| code == 404);
    serve.until("/sitemap.xml", "drops the page", |_, b| !b.contains("kegiatan/rapat-baru-uji/"));
    assert!(!serve.root.join("kegiatan/rapat-baru-uji").exists());
}

#[test]
fn output_folder_is_written_only_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("site"), &tmp.path().join("content"));
    let serve = Serve::start(tmp.path(), &["--output", "pratinjau"]);
    assert_eq!(serve.root, tmp.path().join("pratinjau").canonicalize().unwrap_or(tmp.path().join("pratinjau")));
    let built = fs::read_to_string(tmp.path().join("pratinjau/kegiatan/kpu-sosialisasi-pilkada/index.html")).unwrap();
    assert!(!built.contains("terbuka-live-reload"), "the script is added when serving, never written");
    edit(tmp.path(), RECORD, "Komisi Pemilihan Umum (KPU) Kota Tangerang menggelar", "KPU menggelar lagi");
    serve.until(PAGE, "shows the edit", |_, b| b.contains("KPU menggelar lagi"));
    let built = fs::read_to_string(tmp.path().join("pratinjau/kegiatan/kpu-sosialisasi-pilkada/index.html")).unwrap();
    assert!(built.contains("KPU menggelar lagi"));
    assert!(!tmp.path().join("public").exists());
}

/// The quality page of a served site equals a built one's after an edit
/// that adds a warning: incremental updates carry every file's warnings,
/// not only the changed file's.
#[test]
fn the_quality_page_counts_the_warnings_check_gives_after_an_edit() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("site"), &tmp.path().join("content"));
    let serve = Serve::start(tmp.path(), &[]);
    let figures = |html: &str| {
        let doc = Html::parse_document(html);
        (texts(&doc, ".quality-totals dd"), texts(&doc, "table.quality tbody tr"), texts(&doc, "footer .totals"))
    };
    let (_, before) = serve.get("/kualitas-data/");
    assert_eq!(figures(&before).0.last().map(String::as_str), Some("0"), "no warning yet");

    // A source that is not https: `check` warns about that file.
    edit(tmp.path(), RECORD, "url: https://tangerangekspres", "url: http://tangerangekspres");
    let (served, _) =
        serve.until("/kualitas-data/", "counts the warning", |_, b| figures(b).0.last() == Some(&"1".into()));
    let (_, home) = serve.get("/");

    let out = tmp.path().join("built");
    let built = common::terbuka(tmp.path(), &["build", "--content", "content", "--output", out.to_str().unwrap()]);
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let fresh = fs::read_to_string(out.join("kualitas-data/index.html")).unwrap();
    let (served, fresh) = (figures(&served), figures(&fresh));
    assert_eq!(served.0, fresh.0, "totals");
    assert_eq!(served.1, fresh.1, "per agency");
    assert!(served.1.iter().any(|row| row.contains("Komisi Pemilihan Umum") && row.ends_with(" 1")), "{:?}", served.1);
    let fresh_home = fs::read_to_string(out.join("index.html")).unwrap();
    assert_eq!(figures(&home).2, figures(&fresh_home).2, "the home footer's totals");
}
