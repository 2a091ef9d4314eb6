//! Data quality in the open: `/kualitas-data/` and the home footer's totals
//! equal figures computed here from the YAML and from a real git history
//! (commits with known dates), and a record edited after it was first
//! published says so on its page.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use common::{build, copy_dir, fixture, texts};

fn git(dir: &Path, date: &str, args: &[&str]) {
    let ok = Command::new("git")
        .args(["-c", "user.name=Staf", "-c", "user.email=staf@example.go.id", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

/// Per organiser: records, with a source link, with named ormas, exact
/// date, and the days from each activity to `published`.
#[derive(Default, Debug, PartialEq)]
struct Figures {
    records: usize,
    with_source: usize,
    with_ormas: usize,
    exact_date: usize,
    lags: Vec<i64>,
}

fn median(mut v: Vec<i64>) -> String {
    if v.is_empty() {
        return "–".into();
    }
    v.sort();
    v[v.len() / 2].to_string()
}

fn expected(content: &Path, published: impl Fn(&str) -> NaiveDate) -> (BTreeMap<String, Figures>, Figures) {
    let mut per = BTreeMap::<String, Figures>::new();
    let mut all = Figures::default();
    for entry in walkdir::WalkDir::new(content.join("activities")) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let v: serde_yaml::Value =
            serde_yaml::from_str(text.trim_start_matches("---").split("\n---").next().unwrap()).unwrap();
        let date = v["date"].as_str().unwrap();
        let first_day = match date.len() {
            4 => format!("{date}-01-01"),
            7 => format!("{date}-01"),
            _ => date.to_string(),
        };
        let rel = path.strip_prefix(content).unwrap().to_string_lossy().into_owned();
        let lag = (published(&rel) - NaiveDate::parse_from_str(&first_day, "%Y-%m-%d").unwrap()).num_days();
        let source = v["sources"].as_sequence().into_iter().flatten().any(|s| s["url"].as_str().is_some());
        let ormas = v["participants"]["ormas"].as_sequence().is_some_and(|o| !o.is_empty());
        let mut organisers: Vec<&str> =
            v["organizers"].as_sequence().unwrap().iter().map(|o| o.as_str().unwrap()).collect();
        organisers.dedup();
        let add = |f: &mut Figures| {
            f.records += 1;
            f.with_source += usize::from(source);
            f.with_ormas += usize::from(ormas);
            f.exact_date += usize::from(date.len() == 10);
            f.lags.push(lag);
        };
        for o in organisers {
            add(per.entry(o.to_string()).or_default());
        }
        add(&mut all);
    }
    (per, all)
}

#[test]
fn quality_page_and_corrections_follow_the_yaml_and_git() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("site"), &content);
    git(&content, "2025-01-10T09:00:00+07:00", &["init", "-q"]);
    git(&content, "2025-01-10T09:00:00+07:00", &["add", "-A"]);
    git(&content, "2025-01-10T09:00:00+07:00", &["commit", "-q", "-m", "first"]);
    let edited = "activities/2024/tangsel-audiensi.md";
    let file = content.join(edited);
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, format!("{text}\nKoreksi: nama tempat diperbaiki.\n")).unwrap();
    git(&content, "2025-02-03T09:00:00+07:00", &["commit", "-q", "-am", "correction"]);

    let site = build(&content);
    let first = NaiveDate::from_ymd_opt(2025, 1, 10).unwrap();
    let (per, all) = expected(&content, |_| first);

    let doc = site.page("kualitas-data/index.html");
    let rows: Vec<Vec<String>> = scraper::Html::parse_document(&site.read("kualitas-data/index.html"))
        .select(&scraper::Selector::parse("table.quality tbody tr").unwrap())
        .map(|tr| {
            tr.text().collect::<Vec<_>>().iter().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()).collect()
        })
        .collect();
    let hrefs = common::attrs(&doc, "table.quality tbody th a", "href");
    assert_eq!(rows.len(), per.len(), "one row per organising agency");
    for (row, href) in rows.iter().zip(&hrefs) {
        let id = href.trim_end_matches('/').rsplit('/').next().unwrap();
        let f = &per[id];
        let want = [
            f.records.to_string(),
            f.with_source.to_string(),
            f.with_ormas.to_string(),
            f.exact_date.to_string(),
            median(f.lags.clone()),
        ];
        assert_eq!(&row[1..6], &want, "{id}");
    }
    let totals = texts(&doc, ".quality-totals dd");
    assert_eq!(
        &totals[..5],
        &[
            all.records.to_string(),
            all.with_source.to_string(),
            all.with_ormas.to_string(),
            all.exact_date.to_string(),
            median(all.lags.clone())
        ]
    );
    // Warnings: the fixture checks clean, so every count is zero.
    assert!(rows.iter().all(|r| r[6] == "0"), "{rows:?}");

    // The home footer repeats the totals.
    let footer = texts(&site.page("index.html"), "footer .totals").remove(0);
    assert!(
        footer.starts_with(&format!(
            "Seluruh catatan: {} kegiatan; {} bersumber tautan, {} menyebut nama ormas, {} bertanggal pasti",
            all.records, all.with_source, all.with_ormas, all.exact_date
        )),
        "{footer}"
    );

    // Only the edited record says it was corrected.
    for entry in std::fs::read_dir(content.join("activities/2024")).unwrap() {
        let path = entry.unwrap().path();
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        let history = texts(&site.page(&format!("kegiatan/{id}/index.html")), "p.history").remove(0);
        let corrected = history.contains("Diperbaiki sejak pertama terbit");
        assert_eq!(corrected, path.ends_with("tangsel-audiensi.md"), "{id}: {history}");
    }
}

#[test]
fn warnings_are_counted_per_agency() {
    // The seed content has activities that name no ormas: `check` warns on each.
    let content = common::repo().join("content");
    let warnings = terbuka::check(&content, false).unwrap();
    let site = build(&content);
    let doc = site.page("kualitas-data/index.html");
    let total: usize =
        texts(&doc, "table.quality tbody tr td:last-child").iter().map(|t| t.parse::<usize>().unwrap()).sum();
    let on_activities = warnings.0.iter().filter(|d| d.file.to_string_lossy().contains("/activities/")).count();
    // An activity with several organisers counts on each.
    assert!(total >= on_activities && on_activities > 0, "{total} < {on_activities}");
    assert_eq!(texts(&doc, ".quality-totals dd")[5], on_activities.to_string());
}
