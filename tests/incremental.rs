//! Incremental builds across runs (`docs/incremental.md`), on real builds
//! of a generated corpus and the seed content: after adding, editing,
//! renaming and deleting records an incremental build equals a clean one
//! byte for byte, with no stale file or folder; unchanged files keep their
//! inode and modification time; the changed-paths list is exactly the
//! difference between the two trees; a build killed while updating the
//! spare generation leaves the previous site, and a corrupt cache only
//! costs a full build.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use common::{copy_dir, repo};

/// One file of a built site: its bytes, inode and modification time.
#[derive(Debug, Clone, PartialEq, Eq)]
struct File {
    bytes: Vec<u8>,
    ino: u64,
    mtime: (i64, i64),
}

/// A built site: every file, and every folder.
#[derive(Debug, Default)]
struct Tree {
    files: BTreeMap<String, File>,
    dirs: BTreeSet<String>,
}

fn tree(root: &Path) -> Tree {
    let mut t = Tree::default();
    for entry in walkdir::WalkDir::new(root).min_depth(1) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(root).unwrap().to_string_lossy().into_owned();
        if entry.file_type().is_dir() {
            t.dirs.insert(rel);
        } else {
            let meta = entry.metadata().unwrap();
            let file = File {
                bytes: fs::read(entry.path()).unwrap(),
                ino: meta.ino(),
                mtime: (meta.mtime(), meta.mtime_nsec()),
            };
            t.files.insert(rel, file);
        }
    }
    t
}

fn command(content: &Path, public: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_terbuka"));
    cmd.arg("build").arg("--content").arg(content).arg("--output").arg(public).env_remove(terbuka::pause::VAR);
    cmd
}

fn run(mut cmd: Command) -> String {
    let out: Output = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "build failed:\n{stderr}");
    stderr
}

/// A clean build of `content` in a folder of its own, with no cache.
fn clean(content: &Path) -> Tree {
    let tmp = tempfile::tempdir().unwrap();
    let public = tmp.path().join("public");
    run(command(content, &public));
    tree(&public)
}

/// The changed-paths list two trees call for.
fn expected_changes(before: &Tree, after: &Tree) -> String {
    let mut lines: Vec<(String, char)> = Vec::new();
    for (path, f) in &after.files {
        match before.files.get(path) {
            None => lines.push((path.clone(), 'A')),
            Some(old) if old.bytes != f.bytes => lines.push((path.clone(), 'M')),
            Some(_) => {}
        }
    }
    lines.extend(before.files.keys().filter(|p| !after.files.contains_key(*p)).map(|p| (p.clone(), 'D')));
    lines.sort();
    lines.iter().map(|(p, c)| format!("{c}\t{p}\n")).collect()
}

/// Asserts two trees hold the same files with the same bytes and the same
/// folders, naming the first differences.
fn assert_same_site(got: &Tree, want: &Tree, when: &str) {
    let differ: Vec<&String> = got
        .files
        .keys()
        .chain(want.files.keys())
        .filter(|k| got.files.get(*k).map(|f| &f.bytes) != want.files.get(*k).map(|f| &f.bytes))
        .take(5)
        .collect();
    assert!(differ.is_empty(), "{when}: the incremental build differs from a clean one: {differ:?}");
    let dirs: Vec<_> = got.dirs.symmetric_difference(&want.dirs).take(5).collect();
    assert!(dirs.is_empty(), "{when}: folders differ from a clean build (stale or missing): {dirs:?}");
}

/// A generated portal in `root/content`.
fn corpus(root: &Path, activities: usize) -> PathBuf {
    let content = root.join("content");
    let options = xtask::corpus::Options { activities, out: content.clone(), seed: 17, ormas: None, force: false };
    xtask::corpus::generate(&options).unwrap();
    content
}

/// A copy of the seed content in `root/content`.
fn seed(root: &Path) -> PathBuf {
    let content = root.join("content");
    copy_dir(&repo().join("content"), &content);
    content
}

/// Every activity file of a content folder, sorted.
/// The seed under `root` built into `root/public`, then its first
/// activity corrected (not built yet): the content, the output and the
/// activities.
fn built_then_corrected(root: &Path) -> (PathBuf, PathBuf, Vec<PathBuf>) {
    let content = seed(root);
    let public = root.join("public");
    let all = activities(&content);
    run(command(&content, &public));
    correct(&all[0]);
    (content, public, all)
}

fn activities(content: &Path) -> Vec<PathBuf> {
    common::activity_files(content)
}

/// Adds a sentence to a record's body, as a staff correction would.
fn correct(path: &Path) {
    let mut text = fs::read_to_string(path).unwrap();
    text.push_str("\nKoreksi: jumlah peserta diperbarui.\n");
    fs::write(path, text).unwrap();
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds `{from}`", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// One incremental build after a change: it equals a clean build, its
/// changes list is the real difference, and every file whose bytes did not
/// change is the very same file (inode and modification time).
fn check_step(content: &Path, public: &Path, when: &str) -> Tree {
    check_step_reporting(content, public, when).0
}

/// [`check_step`], with what the build printed (`--timings` included).
fn check_step_reporting(content: &Path, public: &Path, when: &str) -> (Tree, String) {
    check_step_with(content, public, when, &[])
}

/// [`check_step_reporting`] for a build given `args` besides.
fn check_step_with(content: &Path, public: &Path, when: &str, args: &[&str]) -> (Tree, String) {
    let before = tree(public);
    let changes_copy = public.parent().unwrap().join("changes-copy.txt");
    let mut cmd = command(content, public);
    cmd.arg("--changes").arg(&changes_copy).arg("--timings").args(args);
    let stderr = run(cmd);
    let after = tree(public);
    assert_same_site(&after, &clean(content), when);
    let listed = fs::read_to_string(public.parent().unwrap().join(".terbuka/changes.txt")).unwrap();
    let expected = expected_changes(&before, &after);
    assert_eq!(listed, expected, "{when}: the changes list is not the difference between the two sites");
    assert_eq!(fs::read_to_string(&changes_copy).unwrap(), listed, "{when}: --changes holds the same list");
    let count = |c: char| expected.lines().filter(|l| l.starts_with(c)).count();
    let summary = if expected.is_empty() {
        "nothing changed since the last build".to_string()
    } else {
        format!("changes: {} added, {} modified, {} removed", count('A'), count('M'), count('D'))
    };
    assert!(stderr.contains(&summary), "{when}: the build prints `{summary}`:\n{stderr}");
    for (path, f) in &after.files {
        if let Some(old) = before.files.get(path).filter(|old| old.bytes == f.bytes) {
            assert_eq!((old.ino, old.mtime), (f.ino, f.mtime), "{when}: unchanged `{path}` was written again");
        }
    }
    (after, stderr)
}

/// What a stage reported with `--timings`: files carried over and made.
fn tally(stderr: &str, stage: &str) -> (usize, usize) {
    common::stage_tally(stderr, stage).unwrap_or_else(|| panic!("no tally for `{stage}` in:\n{stderr}"))
}

#[test]
fn incremental_builds_after_adding_editing_renaming_and_deleting_equal_clean_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let content = corpus(tmp.path(), 40);
    let public = tmp.path().join("site/public");
    let first = run(command(&content, &public));
    assert!(first.contains("full build: no build cache yet"), "the first build says why it is full:\n{first}");
    let all = activities(&content);

    // Nothing changed: skipped.
    check_step(&content, &public, "a rebuild without change");

    // Edit one activity's body; the first build staged the site, so this
    // one makes the spare generation (a link farm) and writes only what
    // changed, the next one updates the spare.
    correct(&all[3]);
    check_step(&content, &public, "after editing a body");
    correct(&all[4]);
    check_step(&content, &public, "after editing another body");

    // Add an activity (a copy under a new name and title).
    let added = all[5].with_file_name("kegiatan-tambahan-uji-inkremental.md");
    fs::copy(&all[5], &added).unwrap();
    edit(&added, "title: \"", "title: \"Tambahan: ");
    check_step(&content, &public, "after adding an activity");

    // Rename one: its page moves.
    let renamed = all[7].with_file_name("kegiatan-berganti-nama.md");
    fs::rename(&all[7], &renamed).unwrap();
    check_step(&content, &public, "after renaming an activity");

    // Delete two, one of them the one added.
    fs::remove_file(&all[9]).unwrap();
    fs::remove_file(&added).unwrap();
    check_step(&content, &public, "after deleting activities");

    // A change to every page (the site title), then back.
    let site = content.join("site.yaml");
    let original = fs::read_to_string(&site).unwrap();
    edit(&site, "title: ", "title: Uji ");
    check_step(&content, &public, "after changing the site title");
    fs::write(&site, &original).unwrap();
    check_step(&content, &public, "after changing it back");
}

#[test]
fn a_build_without_change_writes_nothing_and_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let content = seed(tmp.path());
    let public = tmp.path().join("public");
    run(command(&content, &public));
    let built = tree(&public);
    let stderr = run(command(&content, &public));
    assert!(stderr.contains("nothing changed since the last build"), "{stderr}");
    // The seed content has warnings: a skipped build reports them again.
    assert!(stderr.contains("no PPID is recorded"), "the warnings are reported again:\n{stderr}");
    let again = tree(&public);
    assert_eq!(built.files, again.files, "no file was touched");
    assert_eq!(fs::read_to_string(tmp.path().join(".terbuka/changes.txt")).unwrap(), "");

    // Touching a record without changing it is still no change (after a
    // fresh clone every time differs; the bytes decide).
    let record = activities(&content)[0].clone();
    let text = fs::read(&record).unwrap();
    fs::write(&record, text).unwrap();
    let stderr = run(command(&content, &public));
    assert!(stderr.contains("nothing changed since the last build"), "{stderr}");

    // The output folder is the build's own: a build with no change checks
    // that it is the folder it left, not each of its files, so a page
    // changed by hand stays so...
    let page = public.join("index.html");
    fs::write(&page, "diubah").unwrap();
    let stderr = run(command(&content, &public));
    assert!(stderr.contains("nothing changed since the last build"), "{stderr}");
    assert_eq!(fs::read_to_string(&page).unwrap(), "diubah", "a build with no change trusts the output folder");
    // ...until `--verify-output` checks every file and writes it again.
    let mut verify = command(&content, &public);
    verify.arg("--verify-output");
    let stderr = run(verify);
    assert!(stderr.contains("changes: 0 added, 1 modified, 0 removed"), "{stderr}");
    assert_same_site(&tree(&public), &built, "after repairing a page changed by hand");
    // A file added by hand at the top of the site is seen without it, and
    // removed, now and from the spare generation.
    fs::write(public.join("tambahan.txt"), "x").unwrap();
    let stderr = run(command(&content, &public));
    assert!(stderr.contains("changes: 0 added, 0 modified, 1 removed"), "{stderr}");
    run(command(&content, &public));
    edit(&record, "---\n", "---\n# komentar\n");
    run(command(&content, &public));
    assert_same_site(&tree(&public), &built, "two builds after adding a file by hand");
}

#[test]
fn a_corrupt_missing_or_foreign_cache_gives_a_full_correct_build() {
    let tmp = tempfile::tempdir().unwrap();
    let content = seed(tmp.path());
    let public = tmp.path().join("public");
    let cache = tmp.path().join(".terbuka");
    run(command(&content, &public));
    run(command(&content, &public));
    let all = activities(&content);
    let state = cache.join("state");
    let good = fs::read(&state).unwrap();

    let mut corrupt = good.clone();
    let last = corrupt.len() - 1;
    corrupt[last] ^= 0xff;
    let cases: [(&str, Option<Vec<u8>>); 4] = [
        ("a flipped byte", Some(corrupt)),
        ("a truncated file", Some(good[..good.len() / 2].to_vec())),
        ("another program's file", Some(b"not a cache at all".to_vec())),
        ("no state file", None),
    ];
    for (i, (case, bytes)) in cases.into_iter().enumerate() {
        correct(&all[i]);
        match bytes {
            Some(b) => fs::write(&state, b).unwrap(),
            None => fs::remove_file(&state).unwrap(),
        }
        let stderr = run(command(&content, &public));
        assert!(stderr.contains("note: full build:"), "{case}: the build says the cache was not used:\n{stderr}");
        assert_same_site(&tree(&public), &clean(&content), case);
        // The next build uses the cache again.
        let stderr = run(command(&content, &public));
        assert!(stderr.contains("nothing changed since the last build"), "{case}: cache restored:\n{stderr}");
    }

    // The spare generation deleted or scribbled on: rebuilt.
    fs::remove_dir_all(cache.join("spare")).unwrap();
    correct(&all[0]);
    run(command(&content, &public));
    fs::write(cache.join("spare/index.html"), "coretan").unwrap();
    fs::write(cache.join("spare/sampah.txt"), "x").unwrap();
    fs::write(cache.join("spare.unclean"), "").unwrap();
    correct(&all[1]);
    run(command(&content, &public));
    correct(&all[2]);
    run(command(&content, &public));
    assert_same_site(&tree(&public), &clean(&content), "after a damaged spare");

    // Two output folders in one parent share the cache folder: it serves
    // only the one it last built, and each build is still exact.
    let second = tmp.path().join("second");
    let stderr = run(command(&content, &second));
    assert!(stderr.contains("the build cache was last used for"), "{stderr}");
    assert_same_site(&tree(&second), &tree(&public), "a second output folder");
    correct(&all[3]);
    let stderr = run(command(&content, &public));
    assert!(stderr.contains("the build cache was last used for"), "{stderr}");
    assert_same_site(&tree(&public), &clean(&content), "back to the first output folder");
}

#[test]
fn a_trusted_output_is_repaired_on_demand_and_a_replaced_output_is_checked_file_by_file() {
    let tmp = tempfile::tempdir().unwrap();
    let (content, public, all) = built_then_corrected(tmp.path());
    check_step(&content, &public, "the spare generation made");

    // A page deep in the site changed by hand, and another removed: the
    // output is the folder the last build left, so builds trust it and do
    // not check its files one by one, neither one with no change nor one
    // that writes; `--verify-output` checks each file, repairs both and
    // lists them.
    let page = walkdir::WalkDir::new(public.join("kegiatan"))
        .into_iter()
        .map(Result::unwrap)
        .find(|e| e.file_name() == "index.html" && e.depth() == 2)
        .unwrap()
        .into_path();
    fs::write(&page, "diubah").unwrap();
    let stderr = run(command(&content, &public));
    assert!(stderr.contains("nothing changed since the last build"), "{stderr}");
    fs::remove_file(public.join("kegiatan/index.html")).unwrap();
    correct(&all[1]);
    check_step_with(
        &content,
        &public,
        "an edit after a page was changed and another removed by hand",
        &["--verify-output"],
    );

    // Without `--verify-output`, a page removed by hand is still made
    // again by the next build that writes, as the output must be whole:
    // sharing it with the new site finds it missing. (The changes list
    // names what changed since the last build, which did have it.)
    for removed in ["404.html", "robots.txt"] {
        fs::remove_file(public.join(removed)).unwrap();
        correct(&all[2]);
        let stderr = run(command(&content, &public));
        assert!(stderr.contains("changes: "), "{stderr}");
        assert_same_site(&tree(&public), &clean(&content), &format!("an edit after `{removed}` was removed by hand"));
    }

    // The output restored from a copy (as a CI cache restores it, keeping
    // modification times): not the folder the build left, so it is listed
    // and compared with the manifest; all as recorded is no change, and
    // the copy is trusted from then on.
    let copy = tmp.path().join("copy");
    let restore = |from: &Path| {
        let status = Command::new("cp").arg("-a").arg(from).arg(&copy).status().unwrap();
        assert!(status.success());
        fs::remove_dir_all(&public).unwrap();
        fs::rename(&copy, &public).unwrap();
    };
    let backup = tmp.path().join("backup");
    assert!(Command::new("cp").arg("-a").arg(&public).arg(&backup).status().unwrap().success());
    restore(&backup);
    let stderr = run(command(&content, &public));
    assert!(stderr.contains("nothing changed since the last build"), "a restored copy:\n{stderr}");
    assert_same_site(&tree(&public), &clean(&content), "a restored copy");

    // A restored copy that differs (an older site, a page changed in it)
    // is found and made exact. (The unchanged files keep their bytes and
    // times, but the site shares the spare generation's inodes, not the
    // copy's.)
    fs::write(backup.join("index.html"), "versi lama").unwrap();
    restore(&backup);
    let stderr = run(command(&content, &public));
    assert!(stderr.contains("changes: 0 added, 1 modified, 0 removed"), "{stderr}");
    assert_same_site(&tree(&public), &clean(&content), "a restored copy with a page that differs");
    let listed = fs::read_to_string(tmp.path().join(".terbuka/changes.txt")).unwrap();
    assert_eq!(listed, "M\tindex.html\n");

    // The output deleted, the cache kept: built again.
    fs::remove_dir_all(&public).unwrap();
    let stderr = run(command(&content, &public));
    assert!(stderr.contains("changes: "), "{stderr}");
    assert_same_site(&tree(&public), &clean(&content), "the output deleted");
}

/// Sets a file's modification time.
fn set_mtime(path: &Path, time: SystemTime) {
    fs::OpenOptions::new().write(true).open(path).unwrap().set_modified(time).unwrap();
}

#[test]
fn content_changes_are_found_whatever_the_times_and_folders() {
    let tmp = tempfile::tempdir().unwrap();
    let content = seed(tmp.path());
    let public = tmp.path().join("public");
    run(command(&content, &public));
    let all = activities(&content);

    // Touched without a change: read again, and no change.
    let record = all[1].clone();
    let old = SystemTime::now() - Duration::from_secs(86_400);
    set_mtime(&record, old);
    check_step(&content, &public, "a record touched without change");

    // A record whose time lies in the future (a clock set wrong, or, as
    // far as a build can tell, one edited in the same clock tick as the
    // build read it): its size and time do not vouch for its bytes, so an
    // edit that keeps both is still found.
    let later = SystemTime::now() + Duration::from_secs(3600);
    set_mtime(&record, later);
    check_step(&content, &public, "a record dated in the future");
    let text = fs::read_to_string(&record).unwrap();
    let body = text.find("\n---\n").unwrap() + 5;
    let at = body + text[body..].find(|c: char| c.is_ascii_lowercase() && c != 'x').unwrap();
    let mut edited = text.clone();
    edited.replace_range(at..at + 1, "x");
    assert_eq!(edited.len(), text.len());
    fs::write(&record, &edited).unwrap();
    set_mtime(&record, later);
    check_step(&content, &public, "a same-size edit keeping the time of a record dated in the future");

    // A record added in a new nested folder, then removed with it.
    let year = content.join("activities/2031");
    fs::create_dir(&year).unwrap();
    let added = year.join("kegiatan-tahun-baru.md");
    fs::copy(&all[2], &added).unwrap();
    edit(&added, "title: ", "title: Tahun baru ");
    let from = all[2].parent().unwrap().file_name().unwrap().to_string_lossy().into_owned();
    edit(&added, &format!("date: \"{from}"), "date: \"2031");
    check_step(&content, &public, "after adding a record in a new folder");
    fs::remove_dir_all(&year).unwrap();
    check_step(&content, &public, "after removing it with its folder");
}

/// Starts a build that pauses at `point`, waits until it is there, and
/// kills it with SIGKILL.
fn kill_at(content: &Path, public: &Path, point: &str) {
    let mut build = command(content, public);
    build.env(terbuka::pause::VAR, point);
    common::kill_when_paused(build, point);
}

#[test]
fn a_build_killed_while_updating_the_spare_leaves_the_previous_site() {
    let tmp = tempfile::tempdir().unwrap();
    let (content, public, all) = built_then_corrected(tmp.path());
    run(command(&content, &public)); // the spare exists from here on
    let files = tree(&public).files.len();
    let points: Vec<String> = ["spare", "exchange"]
        .iter()
        .map(|s| s.to_string())
        .chain([1, files / 2, files - 1].iter().map(|n| format!("files:{n}")))
        .chain(["swap", "state"].iter().map(|s| s.to_string()))
        .collect();
    for (i, point) in points.iter().enumerate() {
        let previous = tree(&public);
        correct(&all[i % all.len()]);
        kill_at(&content, &public, point);
        let now = tree(&public);
        let whole = if point == "swap" || point == "state" { clean(&content) } else { previous };
        assert_same_site(&now, &whole, &format!("killed at {point}"));
        // The next build gives the new site, equal to a clean build.
        correct(&all[(i + 2) % all.len()]);
        run(command(&content, &public));
        assert_same_site(&tree(&public), &clean(&content), &format!("the build after a kill at {point}"));
    }
}

#[test]
fn with_the_cache_on_another_file_system_the_site_is_staged_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let shm = Path::new("/dev/shm");
    let other = tempfile::tempdir_in(shm)
        .ok()
        .filter(|d| fs::metadata(d.path()).map(|m| m.dev()).ok() != fs::metadata(tmp.path()).map(|m| m.dev()).ok());
    let Some(other) = other else {
        eprintln!("SKIPPED: no second file system at /dev/shm");
        return;
    };
    let content = seed(tmp.path());
    let public = tmp.path().join("public");
    let cached = |content: &Path| {
        let mut cmd = command(content, &public);
        cmd.arg("--cache-dir").arg(other.path());
        run(cmd)
    };
    cached(&content);
    let before = tree(&public);
    correct(&activities(&content)[0]);
    let stderr = cached(&content);
    assert!(stderr.contains("the site was staged whole"), "the fallback is reported:\n{stderr}");
    let after = tree(&public);
    assert_same_site(&after, &clean(&content), "staged whole");
    let listed = fs::read_to_string(other.path().join("changes.txt")).unwrap();
    assert_eq!(listed, expected_changes(&before, &after), "the changes list is exact without hard links too");
    assert!(!public.parent().unwrap().join(".terbuka").exists(), "nothing is written beside the output");
}

#[test]
fn an_edit_to_activities_text_renders_only_the_pages_that_show_them() {
    let tmp = tempfile::tempdir().unwrap();
    let content = corpus(tmp.path(), 60);
    let public = tmp.path().join("site/public");
    run(command(&content, &public));
    let all = activities(&content);
    // Each edit leaves every link as it was: the pages that show the
    // activity are rendered, the rest carried over, and the site equals a
    // clean build (check_step).
    let text_edits = [
        ("its body", "---\n", "---\n"),
        ("its title", "title: \"", "title: \"Ralat: "),
        ("its venue", "venue: \"", "venue: \"Aula "),
        ("an official's role", "role: \"", "role: \"Plt. "),
        ("a source's title", "    title: \"", "    title: \"Siaran pers: "),
        ("a note added", "kind: ", "notes: \"Jumlah peserta dari rilis kedua.\"\nkind: "),
    ];
    for (n, (what, from, to)) in text_edits.into_iter().enumerate() {
        // The first edit follows a staged build: the spare is made from
        // the live site then, and vouches for every file.
        let path = all[10 + n..].iter().find(|p| fs::read_to_string(p).unwrap().contains(from)).unwrap();
        if from == to {
            correct(path);
        } else {
            edit(path, from, to);
        }
        let when = format!("after editing {what}");
        let (after, stderr) = check_step_reporting(&content, &public, &when);
        let (kept, made) = tally(&stderr, "render");
        assert!(kept > 0 && made * 4 < after.files.len(), "{when}: {made} rendered, {kept} carried over:\n{stderr}");
        let page = format!("kegiatan/{}/index.html", stem(path));
        assert!(after.files.keys().any(|p| p.ends_with(&page)), "{when}: the activity's page `{page}` is there");
        // Only the edited record and the three settings files are parsed.
        assert_eq!(tally(&stderr, "parse").1, 4, "{when}: the other records are kept parsed:\n{stderr}");
    }
    // Kept records that are unreadable are parsed again.
    let stages = tmp.path().join("site/.terbuka/stages/parse");
    for chunk in fs::read_dir(&stages).unwrap() {
        fs::write(chunk.unwrap().path(), b"{\"code\": 1, \"entries\": [").unwrap();
    }
    correct(&all[16]);
    let (_, stderr) = check_step_reporting(&content, &public, "after spoiling the kept records");
    assert_eq!(tally(&stderr, "parse").0, 0, "spoilt records are not taken:\n{stderr}");
    // An edit that moves the activity in its lists (its date) or changes
    // whom it links renders every page; so does another record's edit.
    // The date made as precise as its year only, which keeps its folder.
    let text = fs::read_to_string(&all[20]).unwrap();
    let date = text.lines().find(|l| l.starts_with("date: \"")).unwrap().to_string();
    let year_only = format!("{}\"", &date[..11]);
    let structural =
        [("its date", date.as_str(), year_only.as_str()), ("its ormas count", "ormas_count: ", "ormas_count: 1")];
    for (what, from, to) in structural {
        edit(&all[20], from, to);
        let when = format!("after editing {what}");
        let (_, stderr) = check_step_reporting(&content, &public, &when);
        assert_eq!(tally(&stderr, "render").0, 0, "{when}: every page rendered:\n{stderr}");
    }
    let ormas = fs::read_dir(content.join("ormas")).unwrap().next().unwrap().unwrap().path();
    edit(&ormas, "name: ", "name: Perkumpulan ");
    let (_, stderr) = check_step_reporting(&content, &public, "after renaming an ormas");
    assert_eq!(tally(&stderr, "render").0, 0, "another record's edit renders every page:\n{stderr}");

    // Record pages show their dates from git: committing the content gives
    // every record dates (all pages rendered); an edit committed later
    // changes one activity's last date, and its page is rendered again.
    let git = |args: &[&str], date: &str| {
        let status = Command::new("git")
            .arg("-C")
            .arg(&content)
            .args(["-c", "user.name=Staf", "-c", "user.email=staf@example.go.id"])
            .args(args)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .status()
            .unwrap();
        assert!(status.success(), "git {args:?}");
    };
    git(&["init", "-q"], "2024-01-02T10:00:00+07:00");
    git(&["add", "-A"], "2024-01-02T10:00:00+07:00");
    git(&["commit", "-qm", "Catatan awal"], "2024-01-02T10:00:00+07:00");
    let (_, stderr) = check_step_reporting(&content, &public, "after committing the content");
    assert_eq!(tally(&stderr, "render").0, 0, "new dates on every record render every page:\n{stderr}");
    correct(&all[30]);
    git(&["commit", "-qam", "Koreksi"], "2024-03-04T10:00:00+07:00");
    let (after, stderr) = check_step_reporting(&content, &public, "after committing an edit");
    let (kept, made) = tally(&stderr, "render");
    assert!(kept > 0 && made * 4 < after.files.len(), "{made} rendered, {kept} carried over:\n{stderr}");
}

/// A record file's id: its name without the extension.
fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}
