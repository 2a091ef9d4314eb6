//! The search stage across builds (`src/search/reuse.rs`), on real builds
//! of a generated portal: after editing, adding, renaming and deleting
//! activities the site, and its index above all, equals a clean build's
//! byte for byte; an edit to one activity patches the index, keeping most
//! of its files (the tally `--timings` prints says so); and a missing,
//! corrupt, stale or foreign memo only costs a whole index.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::snapshot;

/// A generated portal of `activities` in `root/content`.
fn corpus(root: &Path, activities: usize) -> PathBuf {
    let content = root.join("content");
    let options = xtask::corpus::Options { activities, out: content.clone(), seed: 31, ormas: None, force: false };
    xtask::corpus::generate(&options).unwrap();
    content
}

/// Builds `content` into `public` with `--timings`; returns the search
/// stage's tally (files kept, files made).
fn build(content: &Path, public: &Path) -> (usize, usize) {
    let stderr = common::build_timed(content, public);
    common::stage_tally(&stderr, "search").unwrap_or_else(|| panic!("no search tally in:\n{stderr}"))
}

/// Asserts the site in `public` equals a clean build of `content`, the
/// search index first.
fn assert_clean(content: &Path, public: &Path, when: &str) {
    let got = snapshot(public);
    let want = common::clean_build(content);
    let index = |m: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
        m.iter().filter(|(k, _)| k.starts_with("cari/")).map(|(k, v)| (k.clone(), v.clone())).collect()
    };
    let (gi, wi) = (index(&got), index(&want));
    let differ = common::differing(&gi, &wi);
    assert!(differ.is_empty(), "{when}: the index differs from a clean build's: {differ:?}");
    let differ = common::differing(&got, &want);
    assert!(differ.is_empty(), "{when}: the site differs from a clean build's: {differ:?}");
}

/// Adds a sentence with a word no other record has to a record's body.
fn correct(path: &Path, word: &str) {
    let mut text = fs::read_to_string(path).unwrap();
    text.push_str(&format!("\nKoreksi: jumlah peserta {word} diperbarui.\n"));
    fs::write(path, text).unwrap();
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds `{from}`", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Files of the index in a built site.
fn index_files(public: &Path) -> usize {
    snapshot(&public.join("cari/indeks")).len()
}

/// Asserts the search stage patched the index: it kept at least `share`
/// of its files (a whole index keeps none). One document's words touch a
/// share of the term shards that falls as the site grows: most of them at
/// a few hundred activities, a few percent at 100,000.
fn assert_patched((kept, made): (usize, usize), public: &Path, share: f64, when: &str) {
    let files = index_files(public);
    assert_eq!(kept + made, files, "{when}: the tally counts every index file");
    let least = (files as f64 * share) as usize;
    assert!(kept >= least, "{when}: the search stage kept {kept} of {files} index files ({made} made), not {least}");
}

/// The search stage's memo in the build cache beside `public`.
fn memo(public: &Path) -> PathBuf {
    public.parent().unwrap().join(".terbuka/stages/search/memo.bin")
}

#[test]
fn an_edited_activity_patches_the_index_which_equals_a_clean_one() {
    let tmp = tempfile::tempdir().unwrap();
    let content = corpus(tmp.path(), 2200);
    let public = tmp.path().join("site/public");
    let all = common::activity_files(&content);
    let (kept, _) = build(&content, &public);
    assert_eq!(kept, 0, "a first build has nothing to keep");
    assert!(memo(&public).is_file(), "the first build saves the search memo");

    correct(&all[100], "zirkonium");
    let tally = build(&content, &public);
    assert_clean(&content, &public, "after editing a body");
    assert_patched(tally, &public, 0.25, "after editing a body");

    // Another edit, patching the patched index: a title and a body.
    edit(&all[2000], "title: \"", "title: \"Ralat: ");
    correct(&all[7], "zamrud");
    let tally = build(&content, &public);
    assert_clean(&content, &public, "after editing a title and a body");
    assert_patched(tally, &public, 0.25, "after editing a title and a body");

    // The corrections taken back: the words leave the index.
    let original =
        fs::read_to_string(&all[100]).unwrap().replace("\nKoreksi: jumlah peserta zirkonium diperbarui.\n", "");
    fs::write(&all[100], original).unwrap();
    let tally = build(&content, &public);
    assert_clean(&content, &public, "after taking a correction back");
    assert_patched(tally, &public, 0.25, "after taking a correction back");
}

#[test]
fn a_missing_corrupt_stale_or_foreign_memo_gives_a_whole_correct_index() {
    let tmp = tempfile::tempdir().unwrap();
    let content = corpus(tmp.path(), 600);
    let public = tmp.path().join("site/public");
    let all = common::activity_files(&content);
    build(&content, &public);
    let stage = memo(&public).parent().unwrap().to_path_buf();
    let stale = fs::read(memo(&public)).unwrap();

    // Corrupt: one byte flipped.
    let mut bytes = fs::read(memo(&public)).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    fs::write(memo(&public), &bytes).unwrap();
    correct(&all[1], "kuarsa");
    let (kept, _) = build(&content, &public);
    assert_clean(&content, &public, "with a corrupt memo");
    assert_eq!(kept, 0, "a corrupt memo is not used");

    // Cut short.
    let bytes = fs::read(memo(&public)).unwrap();
    fs::write(memo(&public), &bytes[..bytes.len() / 3]).unwrap();
    correct(&all[2], "topas");
    build(&content, &public);
    assert_clean(&content, &public, "with a memo cut short");

    // Stems files missing or foreign: the patch needs them and falls back.
    fs::remove_dir_all(stage.join("stems")).unwrap();
    correct(&all[3], "safir");
    build(&content, &public);
    assert_clean(&content, &public, "without the stems files");
    let stems: Vec<PathBuf> = fs::read_dir(stage.join("stems")).unwrap().map(|e| e.unwrap().path()).collect();
    assert!(stems.len() >= 2, "the stems files are saved again");
    let first = fs::read(&stems[0]).unwrap();
    fs::write(&stems[1], first).unwrap();
    correct(&all[all.len() - 1], "giok");
    correct(&all[0], "opal");
    build(&content, &public);
    assert_clean(&content, &public, "with a stems file swapped");

    // Stale: the memo of the first build, with the files of a later one.
    fs::write(memo(&public), &stale).unwrap();
    correct(&all[4], "akik");
    build(&content, &public);
    assert_clean(&content, &public, "with a stale memo");

    // Foreign: the memo and stems of another portal.
    let other = tempfile::tempdir().unwrap();
    let other_content = corpus(other.path(), 650);
    let other_public = other.path().join("site/public");
    build(&other_content, &other_public);
    let other_stage = memo(&other_public).parent().unwrap().to_path_buf();
    fs::remove_dir_all(&stage).unwrap();
    common::copy_dir(&other_stage, &stage);
    correct(&all[5], "kecubung");
    build(&content, &public);
    assert_clean(&content, &public, "with another portal's memo");

    // And the memo saved by the whole builds patches again.
    correct(&all[6], "pirus");
    let tally = build(&content, &public);
    assert_clean(&content, &public, "after the whole builds");
    assert_patched(tally, &public, 0.1, "after the whole builds");
}

#[test]
fn adding_renaming_and_deleting_activities_give_a_correct_index() {
    let tmp = tempfile::tempdir().unwrap();
    let content = corpus(tmp.path(), 600);
    let public = tmp.path().join("site/public");
    let all = common::activity_files(&content);
    build(&content, &public);

    let added = all[5].with_file_name("kegiatan-tambahan-uji-pencarian.md");
    fs::copy(&all[5], &added).unwrap();
    edit(&added, "title: \"", "title: \"Tambahan: ");
    build(&content, &public);
    assert_clean(&content, &public, "after adding an activity");

    let renamed = all[7].with_file_name("kegiatan-berganti-nama-pencarian.md");
    fs::rename(&all[7], &renamed).unwrap();
    build(&content, &public);
    assert_clean(&content, &public, "after renaming an activity");

    fs::remove_file(&all[9]).unwrap();
    fs::remove_file(&added).unwrap();
    build(&content, &public);
    assert_clean(&content, &public, "after deleting activities");

    // Deleting one and adding another (the same number of documents).
    fs::remove_file(&all[11]).unwrap();
    let other = all[12].with_file_name("kegiatan-pengganti-uji-pencarian.md");
    fs::copy(&all[12], &other).unwrap();
    edit(&other, "title: \"", "title: \"Pengganti: ");
    build(&content, &public);
    assert_clean(&content, &public, "after replacing an activity");

    // An edit after all that is patched again.
    correct(&all[20], "berlian");
    let tally = build(&content, &public);
    assert_clean(&content, &public, "after an edit");
    assert_patched(tally, &public, 0.1, "after an edit");
}
