//! `terbuka import` on the five seed press releases, against the portal's
//! own `content/`: each field of each draft is compared with the record
//! staff committed from the same release, and the outcome must be the
//! table in docs/import.md (right, left for staff, wrong). Each draft,
//! with the fields it marks filled in, must then pass `terbuka check`.

mod common;

use std::collections::BTreeSet;
use std::fs;

use common::{copy_dir, repo};
use terbuka::import::{self, Draft, Portal};
use terbuka::model::{Activity, Official};

/// Seed file and the record committed from it.
const SEEDS: &[(&str, &str)] = &[
    ("000_ddd6d16874a6bb7c.txt", "activities/2024/pemkot-tangerang-kemitraan-ormas-pilkada-2024.md"),
    ("001_a011ce47d1aee784.txt", "activities/2024/kpu-kota-tangerang-sosialisasi-ormas-pilkada-2024.md"),
    ("002_913201d59e6ed3b2.txt", "activities/2024/pemkot-jakarta-pusat-pertemuan-ormas-sinergi-pembangunan.md"),
    ("003_c5306063cf75027d.txt", "activities/2023/jakarta-timur-sosialisasi-ormas-pemilu-2024.md"),
    ("004_34b24b31e96b5879.txt", "activities/2024/kesbangpol-kaltim-rakor-ormas-pilkada-2024.md"),
];

/// The fields compared, in the order of docs/import.md's rows.
const FIELDS: &[&str] = &[
    "title",
    "date",
    "kind",
    "region",
    "venue",
    "organizers",
    "participants.ormas",
    "participants.ormas_count",
    "participants.agencies",
    "participants.attendees",
    "officials",
    "topics",
    "sources.title",
    "sources.publisher",
    "sources.author",
    "sources.editor",
    "sources.published",
    "body",
];

fn seed_text(file: &str) -> String {
    fs::read_to_string(repo().join("tests/fixtures/import/seeds").join(file)).unwrap()
}

fn committed(rel: &str) -> (Activity, String) {
    let text = fs::read_to_string(repo().join("content").join(rel)).unwrap();
    let s = terbuka::parse::split(&text).unwrap();
    let meta: Activity = serde_yaml::from_str(&text[s.yaml_start..s.yaml_end]).unwrap();
    (meta, text[s.body_start..].trim().to_string())
}

/// Right when equal; left when the draft has nothing (or, for a list, a
/// part of the committed list); wrong when the draft says something the
/// committed record does not.
fn one<T: PartialEq>(draft: Option<T>, committed: Option<T>) -> &'static str {
    match (draft, committed) {
        (d, c) if d == c => "right",
        (None, Some(_)) => "left",
        _ => "wrong",
    }
}

fn set<T: Ord>(draft: impl IntoIterator<Item = T>, committed: impl IntoIterator<Item = T>) -> &'static str {
    let d: BTreeSet<T> = draft.into_iter().collect();
    let c: BTreeSet<T> = committed.into_iter().collect();
    if d == c {
        "right"
    } else if d.is_subset(&c) {
        "left"
    } else {
        "wrong"
    }
}

fn official_key(o: &Official) -> (String, String) {
    (o.person.or(o.name).unwrap_or_default().to_string(), o.role.to_string())
}

fn outcome(d: &Draft, c: &Activity, body: &str) -> Vec<&'static str> {
    let src = c.sources.first().unwrap();
    let s = &d.source;
    let v = |f: &Option<import::Found<String>>| f.as_ref().map(|f| f.value.clone());
    let ids = |l: &[import::Found<String>]| l.iter().map(|f| f.value.clone()).collect::<Vec<_>>();
    let text = |l: &[terbuka::model::Atom]| l.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    vec![
        one(v(&d.title), Some(c.title.to_string())),
        one(d.date.as_ref().map(|f| f.value), Some(c.date)),
        one(d.kind.as_ref().map(|f| f.value), Some(c.kind)),
        one(d.region.as_ref().map(|f| f.value.clone()), Some(c.region.clone())),
        one(v(&d.venue), c.venue.map(String::from)),
        set(ids(&d.organizers), text(&c.organizers)),
        set(ids(&d.ormas), text(&c.participants.ormas)),
        one(d.ormas_count.as_ref().map(|f| f.value), c.participants.ormas_count),
        set(ids(&d.agencies), text(&c.participants.agencies)),
        one(d.attendees.as_ref().map(|f| f.value), c.participants.attendees),
        set(d.officials.iter().map(|f| official_key(&f.value)), c.officials.iter().map(official_key)),
        set(ids(&d.topics), text(&c.topics)),
        one(v(&s.title), src.title.map(String::from)),
        one(v(&s.publisher), src.publisher.map(String::from)),
        one(v(&s.author), src.author.map(String::from)),
        one(v(&s.editor), src.editor.map(String::from)),
        one(s.published.as_ref().map(|f| f.value), src.published),
        if d.body.trim() == body { "right" } else { "wrong" },
    ]
}

/// The rows of the table in docs/import.md: field, then one word per seed.
fn documented() -> Vec<(String, Vec<String>)> {
    let doc = fs::read_to_string(repo().join("docs/import.md")).unwrap();
    let table = doc.split("<!-- seed-table -->").nth(1).expect("docs/import.md has a seed table");
    table
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<String> = l.trim_matches('|').split('|').map(|c| c.trim().to_string()).collect();
            (cells[0].trim_matches('`').to_string(), cells[1..].to_vec())
        })
        .collect()
}

fn drafts() -> Vec<(Draft, Activity, String)> {
    let portal = Portal::load(&repo().join("content")).unwrap();
    SEEDS
        .iter()
        .map(|(seed, rel)| {
            let d = import::draft(&seed_text(seed), &portal).unwrap();
            let (c, body) = committed(rel);
            (d, c, body)
        })
        .collect()
}

#[test]
fn seed_outcomes_are_the_documented_table() {
    let drafts = drafts();
    let outcomes: Vec<Vec<&str>> = drafts.iter().map(|(d, c, b)| outcome(d, c, b)).collect();
    let mut computed = String::new();
    for (i, field) in FIELDS.iter().enumerate() {
        let row: Vec<&str> = outcomes.iter().map(|o| o[i]).collect();
        computed.push_str(&format!("| `{field}` | {} |\n", row.join(" | ")));
    }
    let doc = documented();
    let doc_rows: Vec<String> = doc.iter().map(|(f, cells)| format!("| `{f}` | {} |\n", cells.join(" | "))).collect();
    assert_eq!(doc_rows.concat(), computed, "docs/import.md's table differs from what import does now:\n{computed}");
    // The goal: nothing wrong.
    assert!(!computed.contains("wrong"), "{computed}");
}

#[test]
fn drafts_pass_check_once_the_marked_fields_are_filled() {
    let portal = Portal::load(&repo().join("content")).unwrap();
    for (seed, rel) in SEEDS {
        let tmp = tempfile::tempdir().unwrap();
        let content = tmp.path().join("content");
        copy_dir(&repo().join("content"), &content);
        // The committed record is what staff would have made of this draft.
        fs::remove_file(content.join(rel)).unwrap();
        let d = import::draft(&seed_text(seed), &portal).unwrap();
        let record = import::record::write(&d, &portal);
        let (c, _) = committed(rel);
        // Unfilled, the draft is refused where it is marked.
        let path = content.join(rel);
        fs::write(&path, &record).unwrap();
        let marked = record.lines().any(|l| l.contains("GANTI") && !l.trim_start().starts_with('#'));
        assert_eq!(terbuka::check(&content, false).is_err(), marked, "{seed}:\n{record}");
        let filled = fill(&record, &c);
        fs::write(&path, &filled).unwrap();
        if let Err(e) = terbuka::check(&content, false) {
            let terbuka::BuildError::Content(d) = e else { panic!("{e}") };
            panic!("{seed}: the filled draft fails check:\n{d}\n{filled}");
        }
        // An unknown name never became an id: every id in the draft exists.
        for o in &d.officials {
            if let Some(p) = &o.value.person {
                assert!(portal.people.iter().any(|r| &r.id == p), "{seed}: {p}");
            }
        }
    }
}

/// Fills what a draft marks with `GANTI` with the committed values.
fn fill(record: &str, c: &Activity) -> String {
    record
        .lines()
        .map(|l| {
            if !l.contains("GANTI") || l.starts_with('#') {
                return l.to_string();
            }
            match l.split_once(':').map(|(k, _)| k.trim()) {
                Some("title") => format!("title: {:?}", c.title),
                Some("date") => format!("date: \"{}\"", c.date),
                Some("kind") => format!("kind: {}", c.kind.slug()),
                Some("region") => format!("region: \"{}\"", c.region),
                Some("organizers") => format!("organizers: [{}]", c.organizers.join(", ")),
                _ => panic!("a GANTI the test cannot fill: {l}"),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn drafts_are_read_back_as_the_same_values() {
    let portal = Portal::load(&repo().join("content")).unwrap();
    for (seed, _) in SEEDS {
        let d = import::draft(&seed_text(seed), &portal).unwrap();
        let record = import::record::write(&d, &portal);
        let s = terbuka::parse::split(&record).unwrap();
        let yaml = &record[s.yaml_start..s.yaml_end];
        let value: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{seed}: {e}\n{yaml}"));
        if let Some(t) = &d.title {
            assert_eq!(value["title"].as_str(), Some(t.value.as_str()), "{seed}");
        }
        if let Some(v) = &d.venue {
            assert_eq!(value["venue"].as_str(), Some(v.value.as_str()), "{seed}");
        }
        assert_eq!(record[s.body_start..].trim(), d.body.trim(), "{seed}");
    }
}
