//! The 360Giving package (`/data/360giving.json`): it validates against
//! the standard's package and grant schema (tests/schemas/, written from
//! the standard's documentation), holds exactly the complete grants with
//! the facts of their records, and `check` warns about grant records the
//! standard cannot take.

mod common;

use std::fs;
use std::path::Path;

use common::{build, copy_dir, fixture, repo, terbuka};
use serde_json::Value;

fn schema() -> Value {
    serde_json::from_str(&fs::read_to_string(repo().join("tests/schemas/360giving-package.schema.json")).unwrap())
        .unwrap()
}

fn errors(schema: &Value, instance: &Value) -> Vec<String> {
    let validator = jsonschema::validator_for(schema).expect("schema compiles");
    validator.iter_errors(instance).map(|e| format!("{e} at {}", e.instance_path())).collect()
}

#[test]
fn the_fixture_grant_is_a_valid_360giving_package() {
    let site = build(&fixture("site"));
    let package: Value = serde_json::from_str(&site.read("data/360giving.json")).unwrap();
    let found = errors(&schema(), &package);
    assert!(found.is_empty(), "360giving.json is not valid:\n{}", found.join("\n"));

    let grants = package["grants"].as_array().unwrap();
    assert_eq!(grants.len(), 1);
    let g = &grants[0];
    // The facts of partnerships/hibah-bamus-2024.md, independently.
    assert_eq!(g["id"], "360G-example-test-hibah-bamus-2024");
    assert_eq!(g["title"], "Hibah Pembinaan Ormas 2024");
    assert_eq!(g["amountAwarded"], 150_000_000);
    assert_eq!(g["currency"], "IDR");
    assert_eq!(g["awardDate"], "2024-05-01");
    assert_eq!(g["plannedDates"][0]["startDate"], "2024-05-01");
    assert_eq!(g["plannedDates"][0]["endDate"], "2025-04-30");
    let names = |k: &str| -> Vec<String> {
        g[k].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(names("recipientOrganization"), ["Badan Musyawarah Suku Betawi 1982", "Forum Pemuda Tangerang"]);
    assert_eq!(g["fundingOrganization"][0]["id"], "360G-example-test-instansi-kesbangpol-kota-tangerang");
    assert!(g["description"].as_str().unwrap().starts_with("Hibah untuk pembinaan ormas"));
    assert_eq!(g["relatedDocument"][0]["url"], "https://example.test/hibah.pdf");
    assert_eq!(package["version"], "1.4");
    assert_eq!(package["downloadURL"], "https://example.test/portal/data/360giving.json");

    // The schema is not a formality: a grant without its award date fails.
    let mut broken = package.clone();
    broken["grants"][0].as_object_mut().unwrap().remove("awardDate");
    broken["grants"][0]["id"] = "kemitraan/hibah-bamus-2024".into();
    assert_eq!(errors(&schema(), &broken).len(), 2, "{:?}", errors(&schema(), &broken));
}

#[test]
fn a_site_without_a_complete_grant_writes_no_package() {
    let site = build(&repo().join("content"));
    assert!(!site.public.join("data/360giving.json").exists(), "the seed has no grants; the standard needs one");
}

/// The fixture site with the grant record rewritten by `edit`.
fn with_grant(edit: impl Fn(&str) -> String) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("site"), &tmp.path().join("content"));
    let path = tmp.path().join("content/partnerships/hibah-bamus-2024.md");
    fs::write(&path, edit(&fs::read_to_string(&path).unwrap())).unwrap();
    tmp
}

fn check(dir: &Path, strict: bool) -> (Option<i32>, String) {
    let content = dir.join("content");
    let content = content.to_str().unwrap();
    let args: &[&str] =
        if strict { &["check", "--strict", "--content", content] } else { &["check", "--content", content] };
    let out = terbuka(dir, args);
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code(), text)
}

#[test]
fn check_warns_about_grants_the_standard_cannot_take() {
    let tmp = with_grant(|t| {
        t.replace("signed: \"2024-05-01\"\n", "signed: \"2024-05\"\n")
            .replace("amount: {value: 150000000, currency: IDR}\n", "")
    });
    let (code, stderr) = check(tmp.path(), false);
    assert_eq!(code, Some(0), "warnings do not fail a check:\n{stderr}");
    for words in [
        "award date `2024-05` has no day",
        "the grant has no amount",
        "left out of /data/360giving.json",
        "hibah-bamus-2024.md:6:",
    ] {
        assert!(stderr.contains(words), "`{words}` missing:\n{stderr}");
    }
    let (code, _) = check(tmp.path(), true);
    assert_eq!(code, Some(1), "--strict fails on them");

    // And the build leaves the grant out, so no package is written.
    let out = terbuka(tmp.path(), &["build"]);
    assert!(out.status.success());
    assert!(!tmp.path().join("public/data/360giving.json").exists());
    assert!(tmp.path().join("public/data/dataset.json.gz").exists());

    let tmp = with_grant(|t| t.replace("currency: IDR", "currency: Rp"));
    let (_, stderr) = check(tmp.path(), false);
    assert!(stderr.contains("`Rp` is not an ISO 4217 currency code"), "{stderr}");
    assert!(stderr.contains("help: write the three-letter code, `IDR` for rupiah"), "{stderr}");
}

#[test]
fn a_complete_grant_gives_no_warning() {
    let tmp = with_grant(str::to_string);
    let (code, stderr) = check(tmp.path(), true);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("360giving"), "{stderr}");
}
