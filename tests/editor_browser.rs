//! The web editor end to end: a real git repository with the fixture
//! content, `terbuka serve` (whose endpoint the CMS saves through), the
//! pinned Decap CMS from npm in real headless Chromium, driven with
//! Playwright (tests/browser/editor.mjs). Nothing is mocked: the form
//! writes the file, the endpoint commits it, the preview rebuilds it.
//!
//! Needs `npm ci --prefix tests/browser` (`.ci/run` does it) and Chromium.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use common::{copy_dir, fixture, repo};
use terbuka::serve::{ServeOptions, Server};

/// A git repository holding the fixture site under `content/`.
fn fixture_repo() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("site"), &content);
    git(tmp.path(), &["init", "--quiet", "-b", "main"]);
    git(tmp.path(), &["add", "-A"]);
    git(tmp.path(), &["-c", "user.name=Uji", "-c", "user.email=uji@example.test", "commit", "--quiet", "-m", "awal"]);
    (tmp, content)
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git").arg("-C").arg(dir).args(args).output().expect("git is installed");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs a task of the Playwright driver against the editor at `admin_url`.
fn drive(task: &str, admin_url: &str, args: serde_json::Value) -> serde_json::Value {
    let dir = repo().join("tests/browser");
    assert!(
        dir.join("node_modules/playwright-core").is_dir() && dir.join("node_modules/decap-cms").is_dir(),
        "run `npm ci --prefix tests/browser` first (.ci/run does): the editor tests load the pinned CMS from there"
    );
    let out = Command::new("node")
        .current_dir(&dir)
        .args(["editor.mjs", task, admin_url, &args.to_string()])
        .output()
        .expect("node is installed");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().rev().find(|l| l.starts_with('{')).unwrap_or("{}");
    let result: serde_json::Value = serde_json::from_str(line).unwrap_or_default();
    assert!(
        out.status.success() && result["ok"] == true,
        "editor task `{task}` failed: {line}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(result["errors"], serde_json::json!([]), "the page threw errors");
    result
}

/// Waits until the preview has published a version past `seen`.
fn wait_rebuilt(server: &Server, seen: u64) {
    let start = Instant::now();
    while server.status.version() <= seen {
        assert!(start.elapsed() < Duration::from_secs(60), "the preview did not rebuild");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn page(server: &Server, path: &str) -> String {
    fs::read_to_string(server.root.join(path).join("index.html")).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn an_activity_created_in_the_form_is_committed_checked_and_published() {
    let (tmp, content) = fixture_repo();
    let server = Server::start(ServeOptions { verbose: false, ..ServeOptions::new(&content) }).unwrap();
    let before = server.status.version();
    drive(
        "create",
        &format!("{}admin/", server.url),
        serde_json::json!({
            "title": "Rapat Koordinasi Ormas: Persiapan Pilkada 2024",
            "date": "2024-08",
            "kindLabel": "Rapat koordinasi",
            "regionTyped": "Tangerang Sel",
            "regionName": "Kota Tangerang Selatan",
            "organizerTyped": "KPU",
            "organizerName": "Komisi Pemilihan Umum Kota Tangerang",
            "ormasTyped": "Bamus",
            "ormasName": "Badan Musyawarah Suku Betawi 1982",
            "sourceUrl": "https://contoh.example.test/berita/rapat",
            "publisher": "Tangerang Ekspres",
            "body": "KPU Kota Tangerang menggelar rapat koordinasi bersama ormas untuk persiapan pilkada serentak.",
        }),
    );
    let id = "rapat-koordinasi-ormas-persiapan-pilkada-2024";
    let rel = format!("content/activities/2024/{id}.md");
    let file = tmp.path().join(&rel);
    let text = fs::read_to_string(&file).unwrap_or_else(|e| panic!("{rel} was not written: {e}"));
    // The record holds what the form was given, as the model reads it.
    let split = terbuka::parse::split(&text).unwrap();
    let meta: terbuka::model::Activity = serde_yaml::from_str(&text[split.yaml_start..split.yaml_end]).unwrap();
    assert_eq!(meta.title, "Rapat Koordinasi Ormas: Persiapan Pilkada 2024");
    assert_eq!(meta.date.to_string(), "2024-08");
    assert_eq!(meta.kind, terbuka::model::ActivityKind::RapatKoordinasi);
    assert_eq!(meta.region.as_str(), "36.74");
    assert_eq!(meta.organizers, ["kpu-kota-tangerang"]);
    assert_eq!(meta.participants.ormas, ["bamus-betawi-1982"]);
    assert!(text.contains("persiapan pilkada serentak."), "{text}");
    // Committed, with nothing left over in the work tree.
    assert_eq!(git(tmp.path(), &["status", "--porcelain"]), "", "uncommitted changes left");
    assert_eq!(git(tmp.path(), &["log", "-1", "--name-only", "--format="]).trim(), rel);
    // `terbuka check` passes on the repository.
    let check = common::terbuka(tmp.path(), &["check", "--content", "content", "--strict"]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    // The live preview rebuilt it, and a fresh build has its page.
    wait_rebuilt(&server, before);
    assert!(page(&server, &format!("kegiatan/{id}")).contains("Persiapan Pilkada 2024"));
    let built = common::build(&content);
    let html = built.read(&format!("kegiatan/{id}/index.html"));
    assert!(html.contains("Agustus 2024") && html.contains("Badan Musyawarah Suku Betawi 1982"), "{html}");
}

#[test]
fn a_venue_with_a_colon_saved_in_the_form_stays_valid_yaml() {
    let (tmp, content) = fixture_repo();
    let server = Server::start(ServeOptions { verbose: false, ..ServeOptions::new(&content) }).unwrap();
    let before = server.status.version();
    let venue = "Aula Kantor Wali Kota: Lantai 3";
    drive(
        "edit-venue",
        &format!("{}admin/", server.url),
        serde_json::json!({"entry": "2024/jakpus-rapat-ormas", "venue": venue}),
    );
    let rel = "content/activities/2024/jakpus-rapat-ormas.md";
    let text = fs::read_to_string(tmp.path().join(rel)).unwrap();
    let split = terbuka::parse::split(&text).unwrap();
    let meta: terbuka::model::Activity = serde_yaml::from_str(&text[split.yaml_start..split.yaml_end])
        .unwrap_or_else(|e| panic!("the saved front matter does not parse: {e}\n{text}"));
    assert_eq!(meta.venue.as_deref(), Some(venue));
    assert_eq!(git(tmp.path(), &["log", "-1", "--name-only", "--format="]).trim(), rel);
    let check = common::terbuka(tmp.path(), &["check", "--content", "content"]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    wait_rebuilt(&server, before);
    let html = page(&server, "kegiatan/jakpus-rapat-ormas");
    assert!(html.contains(venue), "the page does not show the venue");
}

#[test]
fn a_region_added_to_the_list_keeps_the_file_a_valid_list_with_its_header() {
    let (tmp, content) = fixture_repo();
    let regions = content.join("regions.yaml");
    let text = format!("# Sumber: uji.\n{}", fs::read_to_string(&regions).unwrap());
    fs::write(&regions, text).unwrap();
    git(
        tmp.path(),
        &["-c", "user.name=Uji", "-c", "user.email=uji@example.test", "commit", "--quiet", "-am", "kepala"],
    );
    let server = Server::start(ServeOptions { verbose: false, ..ServeOptions::new(&content) }).unwrap();
    let before = server.status.version();
    let name = "Kabupaten Tangerang: Tigaraksa";
    drive("add-region", &format!("{}admin/", server.url), serde_json::json!({"code": "36.03", "name": name}));
    let text = fs::read_to_string(&regions).unwrap();
    assert!(text.starts_with("# Sumber: uji.\n"), "the header comment is kept:\n{text}");
    let list: Vec<terbuka::model::Region> = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(list.len(), 6, "{text}");
    assert!(list.iter().any(|r| r.code.as_str() == "36.03" && r.name == name), "{text}");
    assert!(list.iter().any(|r| r.code.as_str() == "31.71"), "codes keep their digits: {text}");
    assert_eq!(git(tmp.path(), &["log", "-1", "--name-only", "--format="]).trim(), "content/regions.yaml");
    let check = common::terbuka(tmp.path(), &["check", "--content", "content"]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    wait_rebuilt(&server, before);
    assert!(page(&server, "wilayah/36.03").contains("Tigaraksa"));
}
