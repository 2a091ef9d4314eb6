//! `terbuka new` for every kind of record: the file lands in the right
//! folder with every required field, today's date, comments and a schema
//! line; `check` refuses it while placeholders remain, naming each line,
//! and accepts it once they are filled; ids are checked and nothing is
//! overwritten.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{copy_dir, fixture, terbuka};

const KINDS: [(&str, &str); 5] = [
    ("activity", "activities/{year}/rapat-uji.md"),
    ("ormas", "ormas/rapat-uji.md"),
    ("agency", "agencies/rapat-uji.yaml"),
    ("person", "people/rapat-uji.yaml"),
    ("partnership", "partnerships/rapat-uji.md"),
];

fn workspace() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("site"), &content);
    (tmp, content)
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Replaces every placeholder the way a member of staff would, with
/// values that exist in the site fixture.
fn fill(kind: &str, text: &str) -> String {
    let mut out = String::new();
    let mut front_matter_fences = 0;
    for line in text.lines() {
        if line == "---" {
            front_matter_fences += 1;
        }
        let in_body = kind_has_body(kind) && front_matter_fences >= 2 && line != "---";
        let is_comment = line.trim_start().starts_with('#');
        if !line.contains("GANTI") || is_comment {
            out.push_str(line);
        } else if in_body {
            out.push_str("Pemerintah kota bertemu ormas untuk membahas kegiatan bersama tahun ini.");
        } else {
            let (key_part, _) = line.split_once(": ").unwrap();
            let key = key_part.trim().trim_start_matches("- ");
            let value = match (kind, key) {
                ("activity", "kind") => "sosialisasi",
                ("agency", "kind") => "kpu",
                ("partnership", "kind") => "hibah",
                ("ormas", "status") => "aktif",
                (_, "region") => "\"36.71\"",
                (_, "organizers") => "[kpu-kota-tangerang]",
                (_, "agency") => "pemkot-tangerang",
                (_, "agencies") => "[pemkot-tangerang]",
                (_, "ormas") => "[bamus-betawi-1982]",
                (_, "url") => "https://example.test/rilis",
                _ => "Teks uji yang diisi",
            };
            out.push_str(&format!("{key_part}: {value}"));
        }
        out.push('\n');
    }
    out
}

fn kind_has_body(kind: &str) -> bool {
    matches!(kind, "activity" | "ormas" | "partnership")
}

#[test]
fn every_kind_is_scaffolded_refused_while_unfilled_and_accepted_once_filled() {
    let year = chrono::Local::now().format("%Y").to_string();
    let today = chrono::Local::now().format("%Y-%m-%d").to_string();
    for (kind, rel) in KINDS {
        let (tmp, content) = workspace();
        let out = terbuka(tmp.path(), &["new", kind, "rapat-uji"]);
        assert!(out.status.success(), "{kind}: {}", stderr(&out));
        let rel = rel.replace("{year}", &year);
        let path = content.join(&rel);
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), Path::new("content").join(&rel).display().to_string());
        let text = fs::read_to_string(&path).unwrap();

        // The schema line is the first line of the YAML, so editors pick it up.
        let first_yaml_line = if kind_has_body(kind) {
            assert!(text.starts_with("---\n"), "{kind}");
            text.lines().nth(1).unwrap()
        } else {
            text.lines().next().unwrap()
        };
        // Schema files are named after the kind (`activity.schema.json`).
        let schema_name = kind;
        assert_eq!(
            first_yaml_line,
            format!("# yaml-language-server: $schema=https://example.test/portal/schema/{schema_name}.schema.json"),
            "{kind}: no docs/ beside content/, so the published copy"
        );
        if kind != "agency" {
            assert!(text.contains(&format!("\"{today}\"")) || text.contains(&year), "{kind}: dated today\n{text}");
        }
        let comments = text.lines().filter(|l| l.trim_start().starts_with('#')).count();
        assert!(comments >= 6, "{kind}: explains its fields\n{text}");

        // Unfilled: `check` fails and points at every placeholder line.
        let out = terbuka(tmp.path(), &["check", "--format", "json"]);
        assert!(!out.status.success(), "{kind}: placeholders must fail check");
        let problems: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let ours: Vec<&serde_json::Value> =
            problems.as_array().unwrap().iter().filter(|p| p["file"].as_str().unwrap().ends_with(&rel)).collect();
        let placeholder_lines: Vec<u64> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains("GANTI") && !l.trim_start().starts_with('#'))
            .map(|(i, _)| i as u64 + 1)
            .collect();
        let reported: Vec<u64> = ours.iter().map(|p| p["line"].as_u64().unwrap()).collect();
        assert_eq!(reported, placeholder_lines, "{kind}: one error per placeholder, nothing else\n{ours:?}");
        assert!(
            ours.iter().all(|p| p["message"].as_str().unwrap().contains("placeholder left by `terbuka new`")),
            "{kind}: {ours:?}"
        );
        let human = stderr(&terbuka(tmp.path(), &["check"]));
        assert!(human.contains("is a placeholder left by `terbuka new`"), "{kind}: {human}");

        // Filled: `check` passes.
        fs::write(&path, fill(kind, &text)).unwrap();
        let out = terbuka(tmp.path(), &["check"]);
        assert!(
            out.status.success(),
            "{kind}: filled record must pass\n{}\n{}",
            fs::read_to_string(&path).unwrap(),
            stderr(&out)
        );
    }
}

#[test]
fn the_schema_line_points_at_the_repository_copy_when_there_is_one() {
    let (tmp, _content) = workspace();
    let docs = tmp.path().join("docs/schema");
    fs::create_dir_all(&docs).unwrap();
    fs::write(docs.join("activity.schema.json"), "{}").unwrap();
    fs::write(docs.join("agency.schema.json"), "{}").unwrap();
    let out = terbuka(tmp.path(), &["new", "activity", "rapat-uji"]);
    let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let text = fs::read_to_string(tmp.path().join(&path)).unwrap();
    let reference = text.lines().nth(1).unwrap().split("$schema=").nth(1).unwrap();
    assert_eq!(reference, "../../../docs/schema/activity.schema.json");
    assert!(tmp.path().join(&path).parent().unwrap().join(reference).is_file(), "resolves from the record's folder");

    let out = terbuka(tmp.path(), &["new", "agency", "instansi-uji"]);
    let path = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let text = fs::read_to_string(tmp.path().join(&path)).unwrap();
    let reference = text.lines().next().unwrap().split("$schema=").nth(1).unwrap();
    assert!(tmp.path().join(&path).parent().unwrap().join(reference).is_file(), "{reference}");
}

#[test]
fn refuses_bad_ids_existing_records_and_duplicate_activity_ids() {
    let (tmp, content) = workspace();
    let out = terbuka(tmp.path(), &["new", "ormas", "Forum Pemuda_Baru"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("`forum-pemuda-baru`"), "suggests a valid id: {}", stderr(&out));

    let existing = content.join("ormas/bamus-betawi-1982.md");
    let before = fs::read_to_string(&existing).unwrap();
    let out = terbuka(tmp.path(), &["new", "ormas", "bamus-betawi-1982"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(fs::read_to_string(&existing).unwrap(), before, "not overwritten");

    // Activities in all year folders are one collection.
    let out = terbuka(tmp.path(), &["new", "activity", "kesbangpol-rakor-2023"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("activities/2023/kesbangpol-rakor-2023.md"), "{}", stderr(&out));
}
