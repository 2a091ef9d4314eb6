//! Killed and starved builds: `terbuka build` killed with SIGKILL at every
//! stage (and after arbitrary delays) leaves `public/` exactly as the
//! previous build left it, and the next build succeeds and cleans up; a
//! build onto a full disk fails with a clear error and keeps the old site.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use common::{copy_dir, repo, snapshot};

type Snapshot = BTreeMap<String, Vec<u8>>;

fn build_command(content: &Path, public: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_terbuka"));
    cmd.arg("build").arg("--content").arg(content).arg("--output").arg(public).env_remove(terbuka::pause::VAR);
    cmd
}

/// [`build_command`] with the build cache in `cache`: on another file
/// system than the output, the build stages the site whole.
fn build_command_cached(content: &Path, public: &Path, cache: &Path) -> Command {
    let mut cmd = build_command(content, public);
    cmd.arg("--cache-dir").arg(cache);
    cmd
}

/// Runs a build to completion and checks that it succeeded and cleaned up.
fn build_ok(content: &Path, public: &Path) {
    let out = build_command(content, public).output().unwrap();
    assert!(out.status.success(), "build failed:\n{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(staging_folders(public), Vec::<String>::new(), "a staging folder was left behind");
}

/// Staging folders (`.public.tmp-*`) beside the output.
fn staging_folders(public: &Path) -> Vec<String> {
    fs::read_dir(public.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public.tmp-"))
        .collect()
}

/// Starts a build that pauses at `point`, waits until it is there, and
/// kills it with SIGKILL.
fn kill_at(content: &Path, public: &Path, point: &str) {
    let mut build = build_command(content, public);
    build.env(terbuka::pause::VAR, point);
    common::kill_when_paused(build, point);
}

/// Two content folders of a generated portal that differ on every page
/// (the site title), so a page of the second one in `public/` is seen.
fn two_contents(root: &Path, activities: usize) -> (PathBuf, PathBuf) {
    let a = root.join("content-a");
    let options = xtask::corpus::Options { activities, out: a.clone(), seed: 18, ormas: None, force: false };
    xtask::corpus::generate(&options).unwrap();
    let b = root.join("content-b");
    copy_dir(&a, &b);
    let site = b.join("site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    let changed: String = text
        .lines()
        .map(|l| if l.starts_with("title:") { "title: Portal Versi Baru\n".to_string() } else { format!("{l}\n") })
        .collect();
    assert_ne!(changed, text, "site.yaml has a title line");
    fs::write(&site, changed).unwrap();
    (a, b)
}

/// After a kill: `public/` holds exactly `expected`, and the next build
/// (of the previous content) succeeds, leaves no staging folder and gives
/// the previous site again.
fn assert_recovers(point: &str, public: &Path, expected: &Snapshot, content_a: &Path, site_a: &Snapshot) {
    let now = snapshot(public);
    if &now != expected {
        let differ: Vec<_> =
            expected.keys().chain(now.keys()).filter(|k| expected.get(*k) != now.get(*k)).take(5).collect();
        panic!("killed at {point}: public/ is not the expected complete site; first differing files: {differ:?}");
    }
    build_ok(content_a, public);
    assert!(&snapshot(public) == site_a, "after a kill at {point}, the next build did not give the site back");
}

#[test]
fn a_build_killed_at_any_point_leaves_the_previous_site() {
    let tmp = tempfile::tempdir().unwrap();
    let (content_a, content_b) = two_contents(tmp.path(), 40);
    let public = tmp.path().join("public");
    build_ok(&content_a, &public);
    let site_a = snapshot(&public);
    let other = tmp.path().join("other/public");
    build_ok(&content_b, &other);
    let site_b = snapshot(&other);
    assert_ne!(site_a, site_b);
    let files = site_b.len();

    // Every stage, and the middle of the writing ones by file count.
    let mut points: Vec<String> =
        ["read", "parse", "link", "render", "search", "data", "commit"].iter().map(|s| s.to_string()).collect();
    points.extend([1, files / 4, files / 2, files * 3 / 4, files - 1].iter().map(|n| format!("files:{n}")));
    for point in &points {
        kill_at(&content_b, &public, point);
        assert_recovers(point, &public, &site_a, &content_a, &site_a);
    }
    // Killed right after the atomic exchange: `public/` is the complete new
    // site, the old one is the build cache's spare generation (an
    // incremental build deletes nothing), and the next build, finding the
    // cache unsaved, still gives the previous site back.
    kill_at(&content_b, &public, "swap");
    let spare = public.parent().unwrap().join(".terbuka/spare");
    assert!(snapshot(&spare) == site_a, "the old site waits in the spare generation");
    assert_recovers("swap", &public, &site_b, &content_a, &site_a);
}

/// The same without the hook, so nothing about pausing makes it safe:
/// kills after delays spread over a whole build's duration.
#[test]
fn a_build_killed_after_any_delay_leaves_the_previous_site() {
    let tmp = tempfile::tempdir().unwrap();
    let (content_a, content_b) = two_contents(tmp.path(), 150);
    let public = tmp.path().join("public");
    build_ok(&content_a, &public);
    let site_a = snapshot(&public);
    let started = Instant::now();
    build_ok(&content_b, &tmp.path().join("other/public"));
    let whole = started.elapsed();

    let mut killed_midway = 0;
    for step in 1..=10u32 {
        let delay = whole * step / 11;
        let mut child = build_command(&content_b, &public).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            killed_midway += 1;
        }
        child.kill().unwrap();
        child.wait().unwrap();
        if snapshot(&public) != site_a {
            // The kill came after the swap: the new site must be whole.
            let site_b = snapshot(&tmp.path().join("other/public"));
            assert!(snapshot(&public) == site_b, "killed after {delay:?}: public/ is neither the old nor the new site");
        }
        assert_recovers(&format!("{delay:?}"), &public, &snapshot(&public), &content_a, &site_a);
    }
    assert!(killed_midway >= 6, "only {killed_midway} of 10 kills hit a running build ({whole:?} a build)");
}

/// Unmounts a test's file system when the test ends, however it ends.
struct Mount(PathBuf);

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

fn mount_tmpfs(at: &Path, options: &str) -> Result<Mount, String> {
    fs::create_dir_all(at).unwrap();
    let out = Command::new("mount").args(["-t", "tmpfs", "-o", options, "tmpfs"]).arg(at).output();
    match out {
        Ok(o) if o.status.success() => Ok(Mount(at.to_path_buf())),
        Ok(o) => Err(String::from_utf8_lossy(&o.stderr).trim().to_string()),
        Err(e) => Err(e.to_string()),
    }
}

fn remount(at: &Path, options: &str) {
    let status = Command::new("mount").args(["-o", &format!("remount,{options}")]).arg(at).status().unwrap();
    assert!(status.success(), "remount {options}");
}

/// Bytes and inodes used on the file system holding `path`.
fn used(path: &Path) -> (u64, u64) {
    let s = rustix::fs::statvfs(path).unwrap();
    ((s.f_blocks - s.f_bfree) * s.f_frsize, s.f_files - s.f_ffree)
}

/// A build that runs out of room, of bytes or of inodes, exits 1 with an
/// error that says the disk is full and what to do, keeps the old site,
/// and frees the room its staging folder took.
#[test]
fn a_build_onto_a_full_disk_fails_clearly_and_keeps_the_previous_site() {
    let tmp = tempfile::tempdir().unwrap();
    let disk = tmp.path().join("disk");
    let _mount = match mount_tmpfs(&disk, "size=256m") {
        Ok(m) => m,
        Err(why) => {
            eprintln!("SKIPPED: cannot mount a size-limited tmpfs here (needs root): {why}");
            return;
        }
    };
    let content = tmp.path().join("content");
    copy_dir(&repo().join("content"), &content);
    let public = disk.join("public");
    // The build cache off the small disk: builds onto it stage the site
    // whole (no hard links across file systems), the path whose room
    // this test checks.
    let cache = tmp.path().join("cache");
    let out = build_command_cached(&content, &public, &cache).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let site = snapshot(&public);
    let (bytes, inodes) = used(&disk);
    let text = fs::read_to_string(content.join("site.yaml")).unwrap();
    fs::write(content.join("site.yaml"), text.replacen("title: ", "title: Baru ", 1)).unwrap();

    // Room for half a site more, then inodes for a few files more.
    let page = 4096;
    let limits = [format!("size={}", (bytes + bytes / 2).div_ceil(page) * page), format!("nr_inodes={}", inodes + 40)];
    for limit in &limits {
        remount(&disk, limit);
        let out = build_command_cached(&content, &public, &cache).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{limit}: the build must fail with exit 1:\n{stderr}");
        assert!(stderr.contains("No space left on device"), "{limit}: the error names the cause:\n{stderr}");
        assert!(stderr.contains("help: the disk holding the output folder is full"), "{limit}: and the fix:\n{stderr}");
        assert!(snapshot(&public) == site, "{limit}: the previous site was changed");
        assert_eq!(staging_folders(&public), Vec::<String>::new(), "{limit}: staging folder left behind");
        assert_eq!(used(&disk), (bytes, inodes), "{limit}: the room the failed build took was freed");
        remount(&disk, "size=256m,nr_inodes=100000");
    }
    let out = build_command_cached(&content, &public, &cache).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(snapshot(&public) != site, "with room again, the new site is built");
}
