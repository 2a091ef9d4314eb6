//! Charts without JavaScript: every chart's data table equals counts made
//! here independently from the YAML of a generated corpus (activities per
//! month on the home page and on entity pages, by kind, province and topic,
//! grant amounts per year), each SVG has a title and a description, and an
//! activity page with its letter, CSS and script stays under 40 kB.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Built, build, texts};
use scraper::{Html, Selector};

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

fn front(path: &Path) -> serde_yaml::Value {
    let text = std::fs::read_to_string(path).unwrap();
    serde_yaml::from_str(text.trim_start_matches("---").split("\n---").next().unwrap()).unwrap()
}

fn files(dir: &Path) -> Vec<std::path::PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect()
}

/// A chart's table as (label, value text) rows, by the chart's element id.
fn table(doc: &Html, id: &str) -> Vec<(String, String)> {
    let labels = texts(doc, &format!("#{id} table tbody th"));
    let values = texts(doc, &format!("#{id} table tbody td"));
    assert_eq!(labels.len(), values.len());
    let svg = Selector::parse(&format!("#{id} svg > title, #{id} svg > desc")).unwrap();
    assert_eq!(doc.select(&svg).count(), 2, "#{id}: the SVG needs a title and a description");
    labels.into_iter().zip(values).collect()
}

fn month_rows(dates: impl Iterator<Item = String>) -> Vec<(String, String)> {
    let mut counts: BTreeMap<(i32, usize), u32> = BTreeMap::new();
    for d in dates {
        if d.len() >= 7 {
            *counts.entry((d[..4].parse().unwrap(), d[5..7].parse().unwrap())).or_default() += 1;
        }
    }
    counts.into_iter().map(|((y, m), n)| (format!("{} {y}", MONTHS[m - 1]), n.to_string())).collect()
}

/// The top rows of a bar chart: largest first, ties by label, at most ten.
fn top(counts: BTreeMap<String, u32>) -> Vec<(String, String)> {
    let mut rows: Vec<(String, u32)> = counts.into_iter().filter(|r| r.1 > 0).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows.truncate(10);
    rows.into_iter().map(|(l, n)| (l, n.to_string())).collect()
}

fn corpus(activities: usize) -> (tempfile::TempDir, std::path::PathBuf, Built) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let options = xtask::corpus::Options { activities, out: content.clone(), seed: 5, ormas: None, force: false };
    xtask::corpus::generate(&options).unwrap();
    let site = build(&content);
    (tmp, content, site)
}

#[test]
fn chart_tables_equal_counts_from_the_yaml() {
    let (_tmp, content, site) = corpus(400);
    let acts: Vec<(String, serde_yaml::Value)> = files(&content.join("activities"))
        .into_iter()
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), front(&p)))
        .collect();
    let home = site.page("index.html");
    let date = |a: &serde_yaml::Value| a["date"].as_str().unwrap().to_string();
    assert_eq!(table(&home, "grafik-bulan"), month_rows(acts.iter().map(|(_, a)| date(a))));

    // By kind: the kind's label is its page heading (`/kegiatan/jenis/<slug>/`).
    let mut kinds: BTreeMap<String, u32> = BTreeMap::new();
    for (_, a) in &acts {
        let slug = a["kind"].as_str().unwrap();
        let page = site.page(&format!("kegiatan/jenis/{slug}/index.html"));
        let label = texts(&page, "h1").remove(0).trim_start_matches("Kegiatan: ").to_string();
        *kinds.entry(label).or_default() += 1;
    }
    assert_eq!(table(&home, "grafik-jenis"), top(kinds));

    // By province: a region code's first part.
    let regions: Vec<serde_yaml::Value> =
        serde_yaml::from_str(&std::fs::read_to_string(content.join("regions.yaml")).unwrap()).unwrap();
    let name_of: BTreeMap<&str, &str> =
        regions.iter().map(|r| (r["code"].as_str().unwrap(), r["name"].as_str().unwrap())).collect();
    let mut provinces: BTreeMap<String, u32> = BTreeMap::new();
    for (_, a) in &acts {
        let code = a["region"].as_str().unwrap().split('.').next().unwrap();
        *provinces.entry(name_of[code].to_string()).or_default() += 1;
    }
    assert_eq!(table(&home, "grafik-wilayah"), top(provinces));

    // By topic.
    let topics: Vec<serde_yaml::Value> =
        serde_yaml::from_str(&std::fs::read_to_string(content.join("topics.yaml")).unwrap()).unwrap();
    let topic_name: BTreeMap<&str, &str> =
        topics.iter().map(|t| (t["id"].as_str().unwrap(), t["name"].as_str().unwrap())).collect();
    let mut by_topic: BTreeMap<String, u32> = BTreeMap::new();
    for (_, a) in &acts {
        for t in a["topics"].as_sequence().into_iter().flatten() {
            *by_topic.entry(topic_name[t.as_str().unwrap()].to_string()).or_default() += 1;
        }
    }
    assert_eq!(table(&home, "grafik-topik"), top(by_topic));

    // Per month on every ormas page.
    let mut checked = 0;
    for p in files(&content.join("ormas")) {
        let id = p.file_stem().unwrap().to_string_lossy().into_owned();
        let mine = acts.iter().filter(|(_, a)| {
            a["participants"]["ormas"].as_sequence().into_iter().flatten().any(|o| o.as_str() == Some(id.as_str()))
        });
        let want = month_rows(mine.map(|(_, a)| date(a)));
        let page = site.page(&format!("ormas/{id}/index.html"));
        if want.is_empty() {
            assert!(texts(&page, "#grafik-bulan").is_empty(), "ormas/{id}: a chart of nothing");
        } else {
            assert_eq!(table(&page, "grafik-bulan"), want, "ormas/{id}");
            checked += 1;
        }
    }
    assert!(checked > 10, "only {checked} ormas charts");

    // Grant and aid amounts per year of signing, every year from the first to the last.
    let mut sums: BTreeMap<i32, u64> = BTreeMap::new();
    for p in files(&content.join("partnerships")) {
        let v = front(&p);
        let grant = matches!(v["kind"].as_str(), Some("hibah" | "bantuan-sosial"));
        if let (true, Some(value), Some(signed)) = (grant, v["amount"]["value"].as_u64(), v["signed"].as_str()) {
            *sums.entry(signed[..4].parse().unwrap()).or_default() += value;
        }
    }
    let list = site.page("kemitraan/index.html");
    if let (Some((&first, _)), Some((&last, _))) = (sums.first_key_value(), sums.last_key_value()) {
        let rupiah = |v: u64| {
            let digits = v.to_string();
            let mut out = String::from("Rp");
            for (i, c) in digits.chars().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push('.');
                }
                out.push(c);
            }
            out
        };
        let want: Vec<(String, String)> =
            (first..=last).map(|y| (y.to_string(), rupiah(sums.get(&y).copied().unwrap_or(0)))).collect();
        assert_eq!(table(&list, "grafik-hibah"), want);
    } else {
        panic!("the corpus has no grants to chart");
    }
}

#[test]
fn an_activity_page_with_letter_and_charts_stays_under_40_kb() {
    let (_tmp, _content, site) = corpus(300);
    let asset = |prefix: &str| -> u64 {
        std::fs::read_dir(site.public.join("assets"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
            .map_or(0, |p| p.metadata().unwrap().len())
    };
    let css_js = asset("style.") + asset("ppid.");
    let mut largest = (0, String::new());
    for entry in std::fs::read_dir(site.public.join("kegiatan")).unwrap() {
        let page = entry.unwrap().path().join("index.html");
        if page.is_file() && !page.parent().unwrap().ends_with("halaman") {
            let html = std::fs::read_to_string(&page).unwrap();
            if html.contains("id=\"surat-ppid\"") {
                largest = largest.max((html.len() as u64, page.display().to_string()));
            }
        }
    }
    assert!(largest.0 > 0, "no activity page with a letter");
    assert!(
        largest.0 + css_js < 40_000,
        "{} is {} bytes with {css_js} of CSS and script",
        largest.1,
        largest.0 + css_js
    );
}
