//! The documented sync to an S3-compatible bucket (docs/publishing.md),
//! end to end: a real client (rclone, from Debian) against a real
//! S3-compatible server run locally (moto's server, from PyPI; `.ci/run`
//! installs both). The seed site is built, synced, read back object by
//! object; a second sync with nothing changed uploads nothing; after one
//! record is edited and the site rebuilt, the sync uploads exactly the
//! files whose bytes changed.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{copy_dir, repo, snapshot};

/// The bucket's name in the tests.
const BUCKET: &str = "portal";

/// moto's S3 server: from `MOTO_SERVER`, the venv `.ci/run` makes, or PATH.
fn moto_server() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("MOTO_SERVER").map(PathBuf::from),
        Some(repo().join("target/vendor/moto-venv/bin/moto_server")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_file()).or_else(|| on_path("moto_server"))
}

fn on_path(name: &str) -> Option<PathBuf> {
    std::env::split_paths(&std::env::var_os("PATH")?).map(|d| d.join(name)).find(|p| p.is_file())
}

/// A running moto S3 server on a free port of 127.0.0.1, stopped on drop.
struct S3Server {
    child: Child,
    endpoint: String,
}

impl S3Server {
    fn start(binary: &Path) -> Self {
        // moto_server prints no machine-readable port, so take a free one.
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(binary)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start moto_server");
        let deadline = Instant::now() + Duration::from_secs(60);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "moto_server did not listen on port {port}");
            std::thread::sleep(Duration::from_millis(100));
        }
        Self { child, endpoint: format!("http://127.0.0.1:{port}") }
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// rclone with a remote `s3:` configured for the server, by environment
/// only (an empty config file, so the user's own remotes play no part).
struct Rclone {
    binary: PathBuf,
    config: PathBuf,
    endpoint: String,
}

impl Rclone {
    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(&self.binary);
        // Only this test's settings: no AWS or rclone settings of the
        // machine (a CA bundle, a profile), and no proxy for 127.0.0.1.
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy().to_ascii_uppercase();
            if key.starts_with("AWS_") || key.starts_with("RCLONE_") || key.ends_with("_PROXY") {
                c.env_remove(&key).env_remove(key.to_ascii_lowercase());
            }
        }
        c.args(args)
            .env("RCLONE_CONFIG", &self.config)
            .env("RCLONE_CONFIG_S3_TYPE", "s3")
            .env("RCLONE_CONFIG_S3_PROVIDER", "Other")
            .env("RCLONE_CONFIG_S3_ENDPOINT", &self.endpoint)
            .env("RCLONE_CONFIG_S3_ACCESS_KEY_ID", "test")
            .env("RCLONE_CONFIG_S3_SECRET_ACCESS_KEY", "test")
            .env("RCLONE_CONFIG_S3_REGION", "us-east-1")
            .env("RCLONE_CONFIG_S3_FORCE_PATH_STYLE", "true");
        c
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.command(args).output().unwrap();
        assert!(out.status.success(), "rclone {args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    /// The documented sync (docs/publishing.md), logging in JSON; returns
    /// the objects it uploaded and the ones it deleted.
    fn sync(&self, public: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
        let dest = format!("s3:{BUCKET}");
        let log = self.run(&["sync", public.to_str().unwrap(), &dest, "--fast-list", "-v", "--use-json-log"]);
        let (mut copied, mut deleted) = (BTreeSet::new(), BTreeSet::new());
        for line in log.lines() {
            let Ok(entry) = serde_json::from_str::<serde_json::Value>(line) else { continue };
            let (msg, object) = (entry["msg"].as_str().unwrap_or(""), entry["object"].as_str().unwrap_or(""));
            if msg.starts_with("Copied") {
                copied.insert(object.to_string());
            } else if msg.starts_with("Deleted") {
                deleted.insert(object.to_string());
            }
        }
        (copied, deleted)
    }
}

fn build(content: &Path, public: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_terbuka"))
        .args(["build", "--content", content.to_str().unwrap(), "--output", public.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "build: {}", String::from_utf8_lossy(&out.stderr));
}

/// The site's files as the bucket should hold them (the build's own
/// bookkeeping under `.terbuka/` is not published).
fn published(public: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(public).into_iter().filter(|(k, _)| !k.starts_with(".terbuka/")).collect()
}

fn modified_times(public: &Path) -> BTreeMap<String, std::time::SystemTime> {
    published(public).keys().map(|k| (k.clone(), fs::metadata(public.join(k)).unwrap().modified().unwrap())).collect()
}

#[test]
fn the_documented_sync_uploads_the_site_then_only_what_changed() {
    let (Some(rclone), Some(moto)) = (on_path("rclone"), moto_server()) else {
        eprintln!(
            "SKIPPED: tests/s3_sync.rs needs rclone (apt-get install rclone) and moto's S3 server \
             (python3 -m venv target/vendor/moto-venv && target/vendor/moto-venv/bin/pip install 'moto[server]'); \
             .ci/run installs both"
        );
        return;
    };
    let server = S3Server::start(&moto);
    let tmp = tempfile::tempdir().unwrap();
    let config = tmp.path().join("rclone.conf");
    fs::write(&config, "").unwrap();
    let rclone = Rclone { binary: rclone, config, endpoint: server.endpoint.clone() };
    rclone.run(&["mkdir", &format!("s3:{BUCKET}")]);

    let content = tmp.path().join("content");
    copy_dir(&repo().join("content"), &content);
    let public = tmp.path().join("public");
    build(&content, &public);
    let first = published(&public);

    // 1. The first sync uploads every file, and the bucket holds exactly the site.
    let (copied, _) = rclone.sync(&public);
    assert_eq!(copied, first.keys().cloned().collect::<BTreeSet<_>>(), "the first sync uploads every file");
    let back = tmp.path().join("back");
    rclone.run(&["copy", &format!("s3:{BUCKET}"), back.to_str().unwrap()]);
    let read_back = snapshot(&back);
    assert_eq!(read_back.keys().collect::<Vec<_>>(), first.keys().collect::<Vec<_>>(), "the bucket's objects");
    for (path, bytes) in &first {
        assert!(&read_back[path] == bytes, "{path} reads back different bytes");
    }

    // 2. Nothing changed: nothing is uploaded or deleted.
    let (copied, deleted) = rclone.sync(&public);
    assert!(copied.is_empty() && deleted.is_empty(), "an unchanged site uploads {copied:?}, deletes {deleted:?}");

    // 3. One record edited and the site rebuilt: the sync uploads exactly
    // the files whose bytes changed and deletes the ones gone (the search
    // index's files carry a content hash in their names).
    let record = content.join("activities/2024/kpu-kota-tangerang-sosialisasi-ormas-pilkada-2024.md");
    let text = fs::read_to_string(&record).unwrap();
    fs::write(&record, format!("{}\nParagraf tambahan untuk uji sinkronisasi.\n", text.trim_end())).unwrap();
    let times_before = modified_times(&public);
    build(&content, &public);
    let second = published(&public);
    let changed: BTreeSet<String> =
        second.iter().filter(|(k, v)| first.get(*k) != Some(*v)).map(|(k, _)| k.clone()).collect();
    assert!(changed.contains("kegiatan/kpu-kota-tangerang-sosialisasi-ormas-pilkada-2024/index.html"), "{changed:?}");
    assert!(changed.len() < second.len() / 2, "an edit changes a few files, not the site: {changed:?}");
    let (copied, deleted) = rclone.sync(&public);
    assert_eq!(copied, changed, "the sync uploads exactly the files whose bytes changed (or are new)");
    let removed: BTreeSet<String> = first.keys().filter(|k| !second.contains_key(*k)).cloned().collect();
    assert_eq!(deleted, removed, "the sync deletes exactly the files the site no longer has");

    // 4. What an incremental build promises (issue 17, item 1): unchanged
    // files keep their modification time, so tools that compare times
    // (`aws s3 sync`, rclone without --checksum) upload only the changes
    // too, and `.terbuka/changes.txt` lists exactly the changed paths, for
    // CDN invalidation.
    let times_after = modified_times(&public);
    let touched: BTreeSet<String> =
        times_after.iter().filter(|(k, t)| times_before.get(*k) != Some(*t)).map(|(k, _)| k.clone()).collect();
    assert_eq!(touched, changed, "only the changed files get a new modification time");
    let listed = fs::read_to_string(public.with_file_name(".terbuka").join("changes.txt"))
        .expect("the build writes .terbuka/changes.txt");
    let listed: BTreeSet<String> = BufReader::new(listed.as_bytes())
        .lines()
        .map(Result::unwrap)
        .filter_map(|l| l.split_once('\t').filter(|(status, _)| *status != "D").map(|(_, p)| p.to_string()))
        .collect();
    assert_eq!(listed, changed, ".terbuka/changes.txt lists the added and modified files");
}
