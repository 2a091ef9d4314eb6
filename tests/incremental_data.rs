//! The open-data stage reusing the last build (`src/data/ledger.rs`), on
//! real builds of a generated corpus: after every kind of change the site
//! equals a clean build byte for byte, and the stage's tally (printed by
//! `--timings`) shows it made again exactly the files whose inputs changed
//! and carried the others over, so these tests fail as soon as reuse stops
//! or goes too far. A missing, corrupt, stale or foreign ledger, or a live
//! file touched since, still gives the clean site.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::snapshot;

/// The 80-activity corpus (8 years, every one with activities) in `root/content`.
fn corpus(root: &Path) -> PathBuf {
    let content = root.join("content");
    let options = xtask::corpus::Options { activities: 80, out: content.clone(), seed: 17, ormas: None, force: false };
    xtask::corpus::generate(&options).unwrap();
    content
}

/// Builds `content` into `public` (with the build cache beside it) and
/// returns what the data stage carried over and made.
fn build(content: &Path, public: &Path) -> Tally {
    build_with(content, public, &[])
}

/// [`build`] with `args` besides.
fn build_with(content: &Path, public: &Path, args: &[&str]) -> Tally {
    let stderr = common::build_timed_with(content, public, args);
    let (kept, made) = common::stage_tally(&stderr, "data")
        .unwrap_or_else(|| panic!("the build prints the data stage's tally:\n{stderr}"));
    Tally { kept, made }
}

/// What the data stage carried over and made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tally {
    kept: usize,
    made: usize,
}

/// Asserts the site in `public` is byte for byte a clean build of `content`.
fn assert_clean(content: &Path, public: &Path, when: &str) {
    let (got, want) = (snapshot(public), common::clean_build(content));
    let differ = common::differing(&got, &want);
    assert!(differ.is_empty(), "{when}: the site differs from a clean build in {differ:?}");
}

/// The open-data files of a built site: `data/` but its page, and the
/// per-record JSON files.
fn data_files(public: &Path) -> Vec<String> {
    const SECTIONS: [&str; 5] = ["kegiatan/", "ormas/", "instansi/", "tokoh/", "kemitraan/"];
    let record_json =
        |p: &str| p.ends_with(".json") && p.matches('/').count() == 1 && SECTIONS.iter().any(|s| p.starts_with(s));
    snapshot(public)
        .into_keys()
        .filter(|p| (p.starts_with("data/") && !p.ends_with(".html")) || record_json(p))
        .collect()
}

/// Years of the corpus, and the activity files of each.
fn activities(content: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let mut years: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for entry in walkdir::WalkDir::new(content.join("activities")).into_iter().map(Result::unwrap) {
        if entry.file_type().is_file() {
            let year = entry.path().parent().unwrap().file_name().unwrap().to_string_lossy().into_owned();
            years.entry(year).or_default().push(entry.into_path());
        }
    }
    years.values_mut().for_each(|v| v.sort());
    years
}

/// The years with an activity whose file names record `id`.
fn years_naming(content: &Path, id: &str) -> usize {
    let names = |text: &str| text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).any(|w| w == id);
    activities(content).values().filter(|files| files.iter().any(|f| names(&fs::read_to_string(f).unwrap()))).count()
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds `{from}`", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Adds a sentence to a record's body, as a staff correction would.
fn correct(path: &Path) {
    let mut text = fs::read_to_string(path).unwrap();
    text.push_str("\nKoreksi: jumlah peserta diperbarui.\n");
    fs::write(path, text).unwrap();
}

/// The value of a record file's first `field: "..."` line.
fn field(path: &Path, field: &str) -> String {
    let text = fs::read_to_string(path).unwrap();
    let line = text.lines().find(|l| l.starts_with(&format!("{field}: "))).unwrap();
    line[field.len() + 2..].trim_matches('"').to_string()
}

#[test]
fn editing_one_activity_makes_only_its_year_files_and_the_calendar_again() {
    let tmp = tempfile::tempdir().unwrap();
    let content = corpus(tmp.path());
    let public = tmp.path().join("site/public");
    let first = build(&content, &public);
    let total = data_files(&public).len();
    assert_eq!(first, Tally { kept: 0, made: total }, "a first build makes every file");
    let years = activities(&content);
    assert_eq!(years.len(), 8);
    // main dataset, schema, 4 tables, calendar, and per year a dataset
    // file and two tables (360giving.json only with a complete grant).
    assert!(total >= 7 + 3 * years.len(), "{total} data files");

    // A body: its year's dataset file and two tables, and the calendar.
    let one = &years["2023"][2];
    correct(one);
    assert_eq!(build(&content, &public), Tally { kept: total - 4, made: 4 }, "after editing a body");
    assert_clean(&content, &public, "after editing a body");

    // Its title, another year's activity: the same four files of that year.
    let other = &years["2020"][0];
    edit(other, "title: \"", "title: \"Diperbarui: ");
    assert_eq!(build(&content, &public), Tally { kept: total - 4, made: 4 }, "after editing a title");
    assert_clean(&content, &public, "after editing a title");

    // Moved to another year: both years' files and the counts in every
    // dataset file's meta.
    let date = field(one, "date");
    let moved = content.join("activities/2021").join(one.file_name().unwrap());
    fs::write(&moved, fs::read_to_string(one).unwrap().replace(&date, "2021-03-05")).unwrap();
    fs::remove_file(one).unwrap();
    let t = build(&content, &public);
    assert!(t.made >= 7 && t.kept >= 6, "after moving an activity to another year: {t:?}");
    assert_clean(&content, &public, "after moving an activity to another year");

    // Added, renamed, deleted: every dataset file (their meta counts the
    // events), the year's tables and the calendar; the other years' tables
    // are carried over.
    let added = years["2024"][1].with_file_name("kegiatan-tambahan-uji-data.md");
    fs::copy(&years["2024"][1], &added).unwrap();
    edit(&added, "title: \"", "title: \"Tambahan: ");
    let t = build(&content, &public);
    assert!(t.kept >= 2 * (years.len() - 1), "after adding an activity, the other years' tables are kept: {t:?}");
    assert_clean(&content, &public, "after adding an activity");
    let renamed = years["2025"][0].with_file_name("kegiatan-berganti-nama-uji-data.md");
    fs::rename(&years["2025"][0], &renamed).unwrap();
    let t = build(&content, &public);
    assert!(t.kept >= 2 * (years.len() - 1), "after renaming an activity: {t:?}");
    assert_clean(&content, &public, "after renaming an activity");
    fs::remove_file(&added).unwrap();
    fs::remove_file(&years["2019"][0]).unwrap();
    build(&content, &public);
    assert_clean(&content, &public, "after deleting activities");
}

#[test]
fn renaming_a_record_that_activities_name_makes_again_the_files_that_copy_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    let content = corpus(tmp.path());
    let public = tmp.path().join("site/public");
    build(&content, &public);
    let total = data_files(&public).len();
    let years = activities(&content).len();

    // An ormas: its row and the dataset's organisations, and in each year
    // that names it the events and participations; never the activities'
    // tables, the calendar, the agencies' or officials' tables, the schema.
    let ormas = content.join("ormas").read_dir().unwrap().map(|e| e.unwrap().path()).min().unwrap();
    let id = ormas.file_stem().unwrap().to_string_lossy().into_owned();
    let naming = years_naming(&content, &id);
    assert!(naming > 0, "some activity names ormas {id}");
    edit(&ormas, "name: \"", "name: \"Perkumpulan ");
    let t = build(&content, &public);
    assert!(
        (2 + 2 * naming..=3 + 2 * naming).contains(&t.made) && t.kept + t.made == total,
        "after renaming ormas {id}, named in {naming} year(s): {t:?}"
    );
    assert_clean(&content, &public, "after renaming an ormas");

    // Its profile text alone: no activity copies it.
    correct(&ormas);
    assert_eq!(build(&content, &public), Tally { kept: total - 2, made: 2 }, "after editing an ormas's profile");
    assert_clean(&content, &public, "after editing an ormas's profile");

    // An agency that organises activities.
    let first = &activities(&content)["2022"][0];
    let text = fs::read_to_string(first).unwrap();
    let organizer = text.lines().find_map(|l| l.strip_prefix("organizers: [")).unwrap();
    let organizer = organizer.split([',', ']']).next().unwrap().trim().to_string();
    let naming = years_naming(&content, &organizer);
    edit(&content.join(format!("agencies/{organizer}.yaml")), "name: \"", "name: \"Dinas Baru ");
    let t = build(&content, &public);
    assert!(
        (2 + 2 * naming..=3 + 2 * naming).contains(&t.made) && t.kept >= years,
        "after renaming agency {organizer}, named in {naming} year(s): {t:?}"
    );
    assert_clean(&content, &public, "after renaming an agency");

    // A region's name, which the activities' and the organisations' rows copy.
    let region = field(first, "region");
    let regions = content.join("regions.yaml");
    let list = fs::read_to_string(&regions).unwrap();
    let at = list.find(&format!("\"{region}\"")).unwrap();
    let name_at = at + list[at..].find("name: \"").unwrap() + "name: \"".len();
    fs::write(&regions, format!("{}Wilayah Baru {}", &list[..name_at], &list[name_at..])).unwrap();
    build(&content, &public);
    assert_clean(&content, &public, "after renaming a region");
}

#[test]
fn a_missing_corrupt_stale_or_foreign_ledger_or_a_touched_file_still_gives_the_clean_site() {
    let tmp = tempfile::tempdir().unwrap();
    let content = corpus(tmp.path());
    let public = tmp.path().join("site/public");
    let ledger = tmp.path().join("site/.terbuka/stages/data/ledger");
    build(&content, &public);
    assert!(ledger.is_file(), "the stage keeps its ledger in the build cache");
    let total = data_files(&public).len();
    let years = activities(&content);
    let mut step = 0;
    let mut next_edit = || {
        step += 1;
        let year = years.keys().nth(step % years.len()).unwrap();
        correct(&years[year][0]);
    };

    // Missing: every file made.
    fs::remove_file(&ledger).unwrap();
    next_edit();
    assert_eq!(build(&content, &public), Tally { kept: 0, made: total }, "without a ledger");
    assert_clean(&content, &public, "without a ledger");

    // Corrupt or truncated: ignored whole.
    let mut bytes = fs::read(&ledger).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x55;
    fs::write(&ledger, &bytes).unwrap();
    next_edit();
    assert_eq!(build(&content, &public), Tally { kept: 0, made: total }, "with a corrupt ledger");
    assert_clean(&content, &public, "with a corrupt ledger");
    let whole = fs::read(&ledger).unwrap();
    fs::write(&ledger, &whole[..whole.len() - 7]).unwrap();
    next_edit();
    assert_eq!(build(&content, &public), Tally { kept: 0, made: total }, "with a truncated ledger");

    // Stale: an older build's ledger, after two more edits in other years.
    let old = fs::read(&ledger).unwrap();
    next_edit();
    build(&content, &public);
    next_edit();
    build(&content, &public);
    fs::write(&ledger, &old).unwrap();
    next_edit();
    let t = build(&content, &public);
    assert!(t.kept > 0 && t.made > 4, "with a stale ledger, files whose inputs changed since are made: {t:?}");
    assert_clean(&content, &public, "with a stale ledger");

    // Foreign: the ledger of another portal (the seed content).
    let other = tempfile::tempdir().unwrap();
    let seed = other.path().join("content");
    common::copy_dir(&common::repo().join("content"), &seed);
    build(&seed, &other.path().join("site/public"));
    fs::copy(other.path().join("site/.terbuka/stages/data/ledger"), &ledger).unwrap();
    next_edit();
    build(&content, &public);
    assert_clean(&content, &public, "with another portal's ledger");

    // A live file changed by hand since, and the output checked file by
    // file (`--verify-output`; the folder the last build left is otherwise
    // trusted): the manifest no longer vouches for it, so it is made again
    // although its inputs did not change.
    let touched = public.join("data/tokoh.csv");
    let mut bytes = fs::read(&touched).unwrap();
    bytes.extend_from_slice(b"tambahan,tangan\r\n");
    fs::write(&touched, bytes).unwrap();
    next_edit();
    let t = build_with(&content, &public, &["--verify-output"]);
    assert_eq!(t.made, 5, "the touched table and the edited year's four files: {t:?}");
    assert_clean(&content, &public, "after a live file was changed by hand");
}

#[test]
fn site_settings_and_per_record_json_are_inputs_too() {
    let tmp = tempfile::tempdir().unwrap();
    let content = corpus(tmp.path());
    let public = tmp.path().join("site/public");
    build(&content, &public);
    let total = data_files(&public).len();
    let site = content.join("site.yaml");

    // The title is in every file but the schema.
    edit(&site, "title: \"", "title: \"Uji ");
    assert_eq!(build(&content, &public), Tally { kept: 1, made: total - 1 }, "after changing the title");
    assert_clean(&content, &public, "after changing the title");

    // The address is in every record's `url`.
    edit(&site, "base_url: \"https://example.go.id/\"", "base_url: \"https://portal.example.go.id/data-terbuka/\"");
    assert_eq!(build(&content, &public), Tally { kept: 1, made: total - 1 }, "after changing base_url");
    assert_clean(&content, &public, "after changing base_url");

    // One JSON file per record: the dataset's units carry them with them.
    fs::write(&site, fs::read_to_string(&site).unwrap() + "record_json: true\n").unwrap();
    build(&content, &public);
    assert_clean(&content, &public, "after turning record_json on");
    let with_json = data_files(&public).len();
    assert!(with_json > total + 80, "one JSON file per record: {with_json}");
    let years = activities(&content);
    let one = &years["2022"][0];
    correct(one);
    let id = one.file_stem().unwrap().to_string_lossy().into_owned();
    let before = fs::read(public.join(format!("kegiatan/{id}.json"))).unwrap();
    assert_eq!(
        build(&content, &public),
        Tally { kept: with_json - 4 - years["2022"].len(), made: 4 + years["2022"].len() },
        "after editing a body with record_json: its year's events' files are made with the year's dataset file"
    );
    assert_ne!(fs::read(public.join(format!("kegiatan/{id}.json"))).unwrap(), before);
    assert_clean(&content, &public, "after editing a body with record_json");
    fs::write(&site, fs::read_to_string(&site).unwrap().replace("record_json: true\n", "")).unwrap();
    build(&content, &public);
    assert_clean(&content, &public, "after turning record_json off");
}

#[test]
fn a_year_written_in_pieces_copies_the_unchanged_ones_and_equals_a_clean_build() {
    // Years of a few hundred activities: more than one piece each (a
    // piece holds 256 activities on average).
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let options = xtask::corpus::Options { activities: 2000, out: content.clone(), seed: 5, ormas: None, force: false };
    xtask::corpus::generate(&options).unwrap();
    let public = tmp.path().join("site/public");
    build(&content, &public);
    let total = data_files(&public).len();
    let years = activities(&content);
    let busiest = years.values().max_by_key(|files| files.len()).unwrap();
    correct(&busiest[busiest.len() / 2]);
    assert_eq!(build(&content, &public), Tally { kept: total - 4, made: 4 }, "after editing a body");
    assert_clean(&content, &public, "after editing a body in a year of several pieces");
    // Added in the middle of a year: the cuts after it stay where they were.
    let added = busiest[3].with_file_name("kegiatan-tambahan-uji-potongan.md");
    fs::copy(&busiest[3], &added).unwrap();
    edit(&added, "title: \"", "title: \"Tambahan: ");
    build(&content, &public);
    assert_clean(&content, &public, "after adding an activity to a year of several pieces");
}
