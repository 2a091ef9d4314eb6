//! Record pages and the year and kind pages list activities as compact rows
//! (title, date, kind, organisers; issue 17: a summary in every list was 2
//! kB per activity of a large portal), while the latest activities and the
//! home page keep their summaries; month charts draw only months with
//! activities. Expectations come from the content files, not the code.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::{Built, attrs, build, fixture, texts};
use scraper::{Html, Selector};

/// Front matter of a Markdown record as YAML.
fn front_matter(path: &Path) -> serde_yaml::Value {
    let text = fs::read_to_string(path).unwrap();
    let yaml = text.split("\n---").next().unwrap().trim_start_matches("---");
    serde_yaml::from_str(yaml).unwrap()
}

/// Every activity of `content`: its id and front matter.
fn activities(content: &Path) -> Vec<(String, serde_yaml::Value)> {
    let mut out: Vec<_> = walkdir::WalkDir::new(content.join("activities"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| (e.path().file_stem().unwrap().to_string_lossy().into_owned(), front_matter(e.path())))
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// An agency's full name, from its record.
fn agency_name(content: &Path, id: &str) -> String {
    let yaml: serde_yaml::Value =
        serde_yaml::from_str(&fs::read_to_string(content.join(format!("agencies/{id}.yaml"))).unwrap()).unwrap();
    yaml["name"].as_str().unwrap().to_string()
}

/// The first pages of every ormas, agency, official, region, topic and
/// partnership.
fn record_pages(site: &Built) -> Vec<String> {
    let mut out = Vec::new();
    for section in ["ormas", "instansi", "tokoh", "wilayah", "topik", "kemitraan"] {
        for entry in fs::read_dir(site.public.join(section)).unwrap() {
            let entry = entry.unwrap();
            if entry.path().join("index.html").is_file() {
                out.push(format!("{section}/{}/", entry.file_name().to_string_lossy()));
            }
        }
    }
    out.sort();
    out
}

/// Checks every compact row of `page` against the activity it links to:
/// one link, to the activity's page, with its title; its date
/// (machine-readable too), kind and every organiser's full name; no summary.
/// Returns the ids of the listed activities.
fn check_rows(site: &Built, content: &Path, path: &str) -> Vec<String> {
    let page = site.page(path);
    assert!(texts(&page, ".excerpt").is_empty(), "{path}: a record page shows no summaries");
    let all = activities(content);
    let row_sel = Selector::parse(".rows > li").unwrap();
    let a_sel = Selector::parse("a").unwrap();
    let time_sel = Selector::parse("time").unwrap();
    let mut ids = Vec::new();
    for row in page.select(&row_sel) {
        let links: Vec<_> = row.select(&a_sel).collect();
        assert_eq!(links.len(), 1, "{path}: a row has one link, to its activity: {}", row.html());
        let href = links[0].value().attr("href").unwrap();
        let id = href.trim_start_matches("/portal/kegiatan/").trim_end_matches('/').to_string();
        let (_, fm) = all.iter().find(|(i, _)| *i == id).unwrap_or_else(|| panic!("{path}: {href} is no activity"));
        assert!(site.public.join(format!("kegiatan/{id}/index.html")).is_file(), "{path}: {href} does not resolve");
        let title: String = links[0].text().collect();
        assert_eq!(title, fm["title"].as_str().unwrap(), "{path}: the row's link names the activity");
        let text = row.text().collect::<String>();
        let times: Vec<_> = row.select(&time_sel).collect();
        assert_eq!(times.len(), 1, "{path}: {id}: one date");
        assert_eq!(times[0].value().attr("datetime"), fm["date"].as_str(), "{path}: {id}: the date");
        let kind = fm["kind"].as_str().unwrap().replace('-', " ");
        assert!(text.to_lowercase().contains(&kind), "{path}: {id}: kind {kind} missing in {text:?}");
        for organizer in fm["organizers"].as_sequence().unwrap() {
            let name = agency_name(content, organizer.as_str().unwrap());
            assert!(text.contains(&name), "{path}: {id}: organiser {name:?} missing in {text:?}");
        }
        ids.push(id);
    }
    ids
}

#[test]
fn record_pages_list_each_activity_as_a_row_with_its_date_kind_and_organisers() {
    let content = fixture("site");
    let site = build(&content);
    let mut rows = 0;
    for path in record_pages(&site) {
        let listed = check_rows(&site, &content, &path);
        rows += listed.len();
        assert!(attrs(&site.page(&path), ".cards", "class").is_empty(), "{path}: no full cards on a record page");
    }
    assert!(rows > 10, "only {rows} rows on the fixture's record pages");

    // The one activity of an agency that organised it, with its organiser's
    // full name (from the agency's record, not the abbreviation only).
    let kpu = site.page("instansi/kpu-kota-tangerang/");
    let row = texts(&kpu, ".rows > li").join("\n");
    assert!(row.contains("KPU Kota Tangerang Ajak Ormas Kawal Pilkada Serentak 2024"), "{row}");
    assert!(row.contains("Komisi Pemilihan Umum Kota Tangerang"), "{row}");
    assert!(row.contains("12 Juli 2024"), "{row}");
    // Its summary is on its page (and in the latest list), not in the row.
    let summary = "Komisi Pemilihan Umum (KPU) Kota Tangerang menggelar sosialisasi";
    assert!(!row.contains(summary));
    assert!(texts(&site.page("kegiatan/kpu-sosialisasi-pilkada/"), ".body").join(" ").contains(summary));
}

#[test]
fn latest_lists_keep_summaries_and_year_and_kind_pages_list_every_activity_as_rows() {
    let content = fixture("site");
    let site = build(&content);
    let all: BTreeSet<String> = activities(&content).into_iter().map(|(id, _)| id).collect();

    // `/kegiatan/` and the home page: cards with their summaries.
    for path in ["", "kegiatan/"] {
        let page = site.page(path);
        let cards = texts(&page, ".cards > li").len();
        assert!(cards > 0, "{path}: no cards");
        assert_eq!(texts(&page, ".cards > li .excerpt").len(), cards, "{path}: every card has its summary");
        assert!(texts(&page, ".rows").is_empty());
    }

    // Every year's and every kind's pages, followed by `rel=next`, list
    // each activity exactly once, as a row.
    let listing = |first: &str, prefix: &str| -> Vec<Vec<String>> {
        let index = site.page("kegiatan/");
        let mut lists = Vec::new();
        for facet in attrs(&index, "aside a", "href").into_iter().filter(|h| h.contains(prefix)) {
            let mut ids = Vec::new();
            let mut next = Some(facet);
            while let Some(href) = next {
                let path = href.trim_start_matches(first).to_string();
                ids.extend(check_rows(&site, &content, &path));
                assert!(texts(&site.page(&path), ".cards").is_empty(), "{path}: rows, not cards");
                next = attrs(&site.page(&path), "a[rel=next]", "href").into_iter().next();
            }
            lists.push(ids);
        }
        lists
    };
    for prefix in ["/kegiatan/tahun/", "/kegiatan/jenis/"] {
        let lists = listing("/portal/", prefix);
        assert!(!lists.is_empty(), "no {prefix} pages linked from /kegiatan/");
        let ids: Vec<String> = lists.into_iter().flatten().collect();
        let unique: BTreeSet<String> = ids.iter().cloned().collect();
        assert_eq!(unique.len(), ids.len(), "{prefix}: an activity listed twice");
        assert_eq!(unique, all, "{prefix}: the pages together list every activity");
    }
}

#[test]
fn month_charts_draw_a_column_for_each_month_with_activities_only() {
    let content = fixture("site");
    let site = build(&content);
    let mut charts = 0;
    for path in record_pages(&site) {
        let doc: Html = site.page(&path);
        let figure = Selector::parse("figure#grafik-bulan").unwrap();
        let rect = Selector::parse("svg rect").unwrap();
        let row = Selector::parse("table.chart-data tbody tr").unwrap();
        for fig in doc.select(&figure) {
            charts += 1;
            let columns: Vec<_> = fig.select(&rect).collect();
            let rows = fig.select(&row).count();
            assert_eq!(columns.len(), rows, "{path}: one column per month of the table (months with activities)");
            for c in columns {
                let label = c.text().collect::<String>();
                assert!(!label.ends_with(": 0"), "{path}: a column for an empty month: {label}");
            }
        }
    }
    assert!(charts > 0, "no month chart on the fixture's record pages");
}

#[test]
fn a_theme_without_a_row_template_lists_full_cards_on_record_pages() {
    let content = fixture("site");
    let tmp = tempfile::tempdir().unwrap();
    let theme = tmp.path().join("theme");
    common::copy_dir(&common::repo().join("themes/default"), &theme);
    fs::remove_file(theme.join("templates/_row.html")).unwrap();
    let public = tmp.path().join("public");
    let mut options = terbuka::BuildOptions::new(&content, &public);
    options.theme_dir = Some(theme);
    terbuka::build(&options).unwrap_or_else(|e| panic!("build failed: {e}"));
    let page =
        Html::parse_document(&fs::read_to_string(public.join("instansi/kpu-kota-tangerang/index.html")).unwrap());
    let cards = texts(&page, ".rows > li");
    assert_eq!(cards.len(), 2, "{cards:?}");
    assert!(
        cards.iter().any(|c| c.contains("Komisi Pemilihan Umum (KPU) Kota Tangerang menggelar")),
        "full cards: {cards:?}"
    );
}
