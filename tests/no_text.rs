//! An activity without a text says nothing rather than something empty or
//! borrowed: no JSON-LD `description` (not `""`, not the site's), no Atom
//! `summary`, no iCalendar `DESCRIPTION`; a feed with no entry still has a
//! real `updated`; an iCalendar location names its region once. And every
//! YAML error of a record is reported at once.

mod common;

use std::fs;

use common::{Built, copy_dir, fixture, terbuka};
use serde_json::Value;

/// The fixture site with `tangsel-audiensi` stripped of its text and held
/// at a venue that names its region.
fn site() -> Built {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("site"), &content);
    let path = content.join("activities/2024/tangsel-audiensi.md");
    let text = fs::read_to_string(&path).unwrap();
    let front = &text[..text.rfind("---\n").unwrap() + 4];
    let front = front.replace("region: \"36.74\"", "region: \"36.74\"\nvenue: Aula Balai Kota Tangerang Selatan");
    fs::write(&path, front).unwrap();
    // An ormas that no activity names, so its feed has no entry.
    fs::write(
        content.join("ormas/ormas-tanpa-kegiatan.md"),
        "---\nname: Ormas Tanpa Kegiatan\nregion: \"36.71\"\nstatus: aktif\n---\nBelum tercatat dalam kegiatan.\n",
    )
    .unwrap();
    let public = tmp.path().join("public");
    terbuka::build(&terbuka::BuildOptions::new(&content, &public)).expect("builds");
    Built { tmp, public }
}

fn jsonld(site: &Built, page: &str) -> Value {
    let doc = site.page(page);
    let sel = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
    serde_json::from_str(&doc.select(&sel).next().unwrap().inner_html()).unwrap()
}

#[test]
fn an_activity_without_text_has_no_description_anywhere() {
    let site = site();
    let event = jsonld(&site, "kegiatan/tangsel-audiensi/");
    assert_eq!(event["@type"], "Event");
    assert!(event.get("description").is_none(), "JSON-LD description: {:?}", event.get("description"));
    let other = jsonld(&site, "kegiatan/kpu-sosialisasi-pilkada/");
    assert!(other["description"].as_str().is_some_and(|d| d.starts_with("Komisi Pemilihan Umum")));

    let feed = feed_rs::parser::parse(site.read("feed.xml").as_bytes()).unwrap();
    let entry = feed.entries.iter().find(|e| e.links[0].href.ends_with("/kegiatan/tangsel-audiensi/")).unwrap();
    assert!(entry.summary.is_none(), "Atom summary: {:?}", entry.summary);
    assert!(!site.read("feed.xml").contains("<summary></summary>"));

    let ics = site.read("data/kegiatan.ics");
    let unfolded = ics.replace("\r\n ", "");
    let event = unfolded.split("BEGIN:VEVENT").find(|e| e.contains("tangsel-audiensi")).unwrap();
    assert!(!event.contains("DESCRIPTION"), "iCal description:\n{event}");
    assert!(event.contains("LOCATION:Aula Balai Kota Tangerang Selatan\r\n"), "the region is not repeated:\n{event}");
    let parsed: icalendar::Calendar = ics.parse().expect("the calendar parses");
    assert!(!parsed.components.is_empty());
}

#[test]
fn a_feed_without_entries_has_a_real_updated_date() {
    let site = site();
    let newest = feed_rs::parser::parse(site.read("feed.xml").as_bytes()).unwrap().updated.unwrap().to_rfc3339();
    // An ormas that no activity names has an empty feed.
    let doc = fs::read_dir(site.public.join("ormas")).unwrap();
    let mut empty = 0;
    for entry in doc {
        let feed_path = entry.unwrap().path().join("feed.xml");
        let Ok(xml) = fs::read_to_string(&feed_path) else { continue };
        let feed = feed_rs::parser::parse(xml.as_bytes()).unwrap();
        let updated = feed.updated.expect("updated").to_rfc3339();
        assert!(!updated.starts_with("1970"), "{}: {updated}", feed_path.display());
        if feed.entries.is_empty() {
            empty += 1;
            assert_eq!(updated, newest, "{}: the site's newest date", feed_path.display());
        }
    }
    assert_eq!(empty, 1, "one ormas has no activity");
}

#[test]
fn check_reports_every_yaml_error_of_a_record_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("site"), &tmp.path().join("content"));
    let path = tmp.path().join("content/activities/2024/tangsel-audiensi.md");
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("kind: audiensi", "kind: audiens")
        .replace("organizers:", "organisers:")
        .replace("date: \"2024-01-20\"", "date: \"2024-01-32\"");
    fs::write(&path, text).unwrap();
    let out = terbuka(tmp.path(), &["check", "--format", "json"]);
    assert!(!out.status.success());
    let problems: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut found: Vec<(String, u64)> = problems
        .iter()
        .filter(|p| p["file"].as_str().unwrap().ends_with("tangsel-audiensi.md"))
        .map(|p| (p["field"].as_str().unwrap_or("").to_string(), p["line"].as_u64().unwrap()))
        .collect();
    found.sort();
    let want = [("date", 3), ("kind", 4), ("organisers", 6), ("organizers", 0)];
    assert_eq!(found, want.map(|(f, l)| (f.to_string(), l)), "{problems:#?}");
}
