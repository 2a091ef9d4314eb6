//! End-to-end tests of `terbuka build` on the seed content and on the
//! fixture site: pages exist, links resolve, lists are right, output is
//! deterministic and record text cannot inject script.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use common::{Built, attrs, build, fixture, repo, snapshot, terbuka, texts};
use scraper::{Html, Selector};

/// Front matter of a Markdown record as YAML, for computing expectations
/// independently of the code under test.
fn front_matter(path: &Path) -> serde_yaml::Value {
    let text = fs::read_to_string(path).unwrap();
    let yaml = text.split("\n---").next().unwrap().trim_start_matches("---");
    serde_yaml::from_str(yaml).unwrap()
}

fn body(path: &Path) -> String {
    let text = fs::read_to_string(path).unwrap();
    text.splitn(3, "---\n").nth(2).unwrap().to_string()
}

fn activity_files(content: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = walkdir::WalkDir::new(content.join("activities"))
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    files
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn seed_content_builds_every_page() {
    let content = repo().join("content");
    let site = build(&content);
    for page in ["index.html", "404.html", "sitemap.xml", "robots.txt", "feed.xml"] {
        assert!(site.public.join(page).is_file(), "{page} missing");
    }
    for section in ["kegiatan", "ormas", "instansi", "tokoh", "wilayah", "topik", "kemitraan"] {
        assert!(site.public.join(section).join("index.html").is_file(), "/{section}/ missing");
    }
    for (folder, section, ext) in
        [("agencies", "instansi", "yaml"), ("people", "tokoh", "yaml"), ("ormas", "ormas", "md")]
    {
        for entry in fs::read_dir(content.join(folder)).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().into_owned();
            let id = name.strip_suffix(&format!(".{ext}")).unwrap();
            assert!(site.public.join(section).join(id).join("index.html").is_file(), "/{section}/{id}/ missing");
        }
    }
    let regions: Vec<serde_yaml::Value> =
        serde_yaml::from_str(&fs::read_to_string(content.join("regions.yaml")).unwrap()).unwrap();
    for r in regions {
        let code = r["code"].as_str().unwrap();
        let page = site.page(&format!("wilayah/{code}/"));
        assert_eq!(texts(&page, "h1"), vec![r["name"].as_str().unwrap().to_string()]);
    }
}

/// The five press releases are readable in full on their pages, and each
/// organiser's page links to them.
#[test]
fn seed_press_releases_are_readable_in_full_and_linked_from_organisers() {
    let content = repo().join("content");
    let site = build(&content);
    let files = activity_files(&content);
    assert_eq!(files.len(), 5);
    for file in files {
        let id = file.file_stem().unwrap().to_string_lossy().into_owned();
        let page = site.page(&format!("kegiatan/{id}/"));
        let shown = words(&texts(&page, ".body").join(" "));
        let expected = words(&terbuka::text::plain_text(&body(&file)));
        assert_eq!(shown, expected, "{id}: the page must show the whole text");
        let fm = front_matter(&file);
        assert_eq!(texts(&page, "h1"), vec![fm["title"].as_str().unwrap().to_string()]);
        for organizer in fm["organizers"].as_sequence().unwrap() {
            let agency = site.page(&format!("instansi/{}/", organizer.as_str().unwrap()));
            let links = attrs(&agency, ".rows > li > a", "href");
            assert!(links.contains(&format!("/kegiatan/{id}/")), "{organizer:?} does not list {id}: {links:?}");
        }
    }
}

/// Follows every internal link and asset reference of every page.
fn assert_links_resolve(site: &Built, base_path: &str) {
    let all = snapshot(&site.public);
    let ids_of = |html: &Html| -> BTreeSet<String> { attrs(html, "[id]", "id").into_iter().collect() };
    let mut checked = 0;
    for (path, bytes) in &all {
        // The editor page (admin/) is the CMS's, not a page of the site;
        // tests/admin_config.rs checks it.
        if !path.ends_with(".html") || path.starts_with("admin/") {
            continue;
        }
        let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let feeds = attrs(&doc, "link[rel=alternate]", "href");
        assert!(!feeds.is_empty(), "{path}: no feed link");
        assert_eq!(feeds.iter().collect::<BTreeSet<_>>().len(), feeds.len(), "{path}: a feed is linked twice");
        let mut refs = attrs(&doc, "a[href]", "href");
        refs.extend(attrs(&doc, "link[href]", "href"));
        refs.extend(attrs(&doc, "script[src]", "src"));
        refs.extend(attrs(&doc, "img[src]", "src"));
        refs.extend(attrs(&doc, "form[action]", "action"));
        for href in refs {
            if href.starts_with("http://") || href.starts_with("https://") || href.starts_with("mailto:") {
                continue;
            }
            if let Some(anchor) = href.strip_prefix('#') {
                assert!(ids_of(&doc).contains(anchor), "{path}: no #{anchor} on the page itself");
                continue;
            }
            assert!(href.starts_with(base_path), "{path}: link `{href}` does not carry the base path {base_path}");
            let (target, anchor) = href[base_path.len()..].split_once('#').unwrap_or((&href[base_path.len()..], ""));
            let target = target.split('?').next().unwrap();
            let file = if target.is_empty() || target.ends_with('/') {
                format!("{target}index.html")
            } else {
                target.to_string()
            };
            let linked = all.get(&file).unwrap_or_else(|| panic!("{path}: broken link `{href}`"));
            if !anchor.is_empty() {
                let doc = Html::parse_document(std::str::from_utf8(linked).unwrap());
                assert!(ids_of(&doc).contains(anchor), "{path}: no #{anchor} in {file}");
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} links checked");
}

#[test]
fn every_internal_link_resolves_under_a_sub_path() {
    let site = build(&fixture("site"));
    assert_links_resolve(&site, "/portal/");
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.test/portal/kegiatan/kpu-sosialisasi-pilkada/</loc>"));
    let canonical = attrs(&site.page("ormas/bamus-betawi-1982/"), "link[rel=canonical]", "href");
    assert_eq!(canonical, vec!["https://example.test/portal/ormas/bamus-betawi-1982/"]);
}

#[test]
fn seed_site_links_resolve() {
    let site = build(&repo().join("content"));
    assert_links_resolve(&site, "/");
}

/// The generator and the builder agree, so neither can rot: a generated
/// corpus passes a strict check, builds with every record, and every link
/// of every page resolves.
#[test]
fn a_generated_corpus_checks_clean_builds_and_links_resolve() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let options = xtask::corpus::Options { activities: 400, out: content.clone(), seed: 7, ormas: None, force: false };
    let generated = xtask::corpus::generate(&options).unwrap();

    match terbuka::check(&content, true) {
        Ok(warnings) => assert_eq!(warnings.warning_count(), 0, "generated content has warnings"),
        Err(e) => panic!("generated content fails `terbuka check --strict`: {e}\n{e:?}"),
    }

    let public = tmp.path().join("public");
    let report = terbuka::build(&terbuka::BuildOptions::new(&content, &public)).expect("generated content builds");
    let c = report.counts;
    assert_eq!(
        (c.activities, c.ormas, c.partnerships, c.agencies, c.people),
        (generated.activities, generated.ormas, generated.partnerships, generated.agencies, generated.people)
    );
    let site = Built { tmp, public };
    for entry in walkdir::WalkDir::new(content.join("activities")) {
        let path = entry.unwrap().into_path();
        if path.extension().is_some_and(|e| e == "md") {
            let id = path.file_stem().unwrap().to_string_lossy();
            assert!(site.public.join(format!("kegiatan/{id}/index.html")).is_file(), "no page for activity {id}");
        }
    }
    let pages = walkdir::WalkDir::new(&site.public)
        .into_iter()
        .filter(|e| e.as_ref().unwrap().path().extension().is_some_and(|x| x == "html"))
        .count();
    assert!(pages > generated.activities + generated.ormas, "only {pages} pages");
    assert_links_resolve(&site, "/");
}

/// Collects the activity links of a paginated list by following `rel=next`.
fn listed_activities(site: &Built, first: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut next = Some(first.to_string());
    while let Some(path) = next {
        let page = site.page(path.trim_start_matches("/portal/"));
        out.extend(attrs(&page, ".rows > li > a", "href"));
        next = attrs(&page, "a[rel=next]", "href").into_iter().next();
    }
    out
}

#[test]
fn entity_pages_list_exactly_their_activities_newest_first() {
    let content = fixture("site");
    let site = build(&content);
    let mut by_ormas: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut by_agency: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut by_region: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for file in activity_files(&content) {
        let id = file.file_stem().unwrap().to_string_lossy().into_owned();
        let fm = front_matter(&file);
        let date = fm["date"].as_str().unwrap().to_string();
        let entry = (date, id);
        let ids = |v: &serde_yaml::Value| -> Vec<String> {
            v.as_sequence().map(|s| s.iter().map(|x| x.as_str().unwrap().to_string()).collect()).unwrap_or_default()
        };
        for o in ids(&fm["participants"]["ormas"]) {
            by_ormas.entry(o).or_default().push(entry.clone());
        }
        let mut agencies = ids(&fm["organizers"]);
        agencies.extend(ids(&fm["participants"]["agencies"]));
        agencies.dedup();
        for a in agencies {
            by_agency.entry(a).or_default().push(entry.clone());
        }
        // A region lists its own activities and those of regions inside it.
        let region = fm["region"].as_str().unwrap().to_string();
        by_region.entry(region.clone()).or_default().push(entry.clone());
        if let Some((parent, _)) = region.rsplit_once('.') {
            by_region.entry(parent.to_string()).or_default().push(entry.clone());
        }
    }
    let check = |section: &str, expected: BTreeMap<String, Vec<(String, String)>>| {
        for (key, mut list) in expected {
            list.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            let want: Vec<String> = list.iter().map(|(_, id)| format!("/portal/kegiatan/{id}/")).collect();
            let got = listed_activities(&site, &format!("/portal/{section}/{key}/"));
            assert_eq!(got, want, "/{section}/{key}/");
        }
    };
    check("ormas", by_ormas);
    check("instansi", by_agency);
    check("wilayah", by_region);
    // An ormas with no activity says so rather than showing an empty list.
    let site_ids = attrs(&site.page("ormas/"), "table.directory th a", "href");
    assert_eq!(site_ids.len(), 3, "{site_ids:?}");
}

#[test]
fn activity_page_shows_precise_facts_and_partial_dates_honestly() {
    let site = build(&fixture("site"));
    let page = site.page("kegiatan/kpu-sosialisasi-pilkada/");
    let facts = texts(&page, ".facts div");
    assert!(facts.contains(&"Tanggal 12 Juli 2024".to_string()), "{facts:?}");
    assert!(facts.contains(&"Tempat Novotel Tangerang".to_string()), "{facts:?}");
    assert!(facts.contains(&"Jumlah ormas 21".to_string()), "{facts:?}");
    assert!(facts.iter().any(|f| f.starts_with("Wilayah Kota Tangerang, Banten")), "{facts:?}");
    let people = texts(&page, ".people li");
    assert_eq!(people, vec!["Qori Ayatullah Ketua KPU Kota Tangerang", "Achmad Zamzami Pemateri"]);
    let sources = texts(&page, ".sources li");
    assert!(sources[0].contains("Tangerang Ekspres") && sources[0].contains("Ahmad Syihabudin"), "{sources:?}");
    // A month-precise date stays a month.
    let partial = site.page("kegiatan/pemkot-kemitraan-ormas/");
    assert_eq!(attrs(&partial, ".eyebrow time", "datetime"), vec!["2024-07"]);
    assert_eq!(texts(&partial, ".eyebrow time"), vec!["Juli 2024"]);
    assert!(texts(&partial, ".note").join(" ").contains("8 Juli 2024 hari Senin"));
    let year_only = site.page("kegiatan/kesbangpol-rakor-2023/");
    assert_eq!(texts(&year_only, ".eyebrow time"), vec!["2023"]);
}

#[test]
fn pages_are_accessible_and_light() {
    let site = build(&fixture("site"));
    for path in
        ["", "kegiatan/", "kegiatan/kpu-sosialisasi-pilkada/", "ormas/bamus-betawi-1982/", "wilayah/", "404.html"]
    {
        let page = site.page(path);
        assert_eq!(attrs(&page, "html", "lang"), vec!["id"], "{path}");
        for landmark in ["body > header", "nav[aria-label='Menu utama']", "body > main", "body > footer"] {
            assert_eq!(texts(&page, landmark).len(), 1, "{path}: one {landmark}");
        }
        assert_eq!(texts(&page, "h1").len(), 1, "{path}: exactly one h1");
        // No script but the PPID letter's copy button (progressive: the letter reads without it).
        let scripts = attrs(&page, "script[src]", "src");
        assert!(scripts.iter().all(|s| s.contains("/assets/ppid.")), "{path}: no script but ppid.js: {scripts:?}");
        assert_eq!(attrs(&page, "link[rel=stylesheet]", "href").len(), 1, "{path}: one stylesheet");
        assert!(attrs(&page, "meta[name=viewport]", "content")[0].contains("width=device-width"));
    }
    let css = fs::read_dir(site.public.join("assets"))
        .unwrap()
        .filter_map(|e| e.ok())
        .find(|e| e.file_name().to_string_lossy().starts_with("style."));
    assert!(fs::metadata(css.unwrap().path()).unwrap().len() < 20_000, "one small CSS file");
}

#[test]
fn two_builds_are_byte_identical() {
    let a = build(&fixture("site"));
    let b = build(&fixture("site"));
    assert_eq!(snapshot(&a.public), snapshot(&b.public));
}

#[test]
fn injected_html_in_a_record_is_inert() {
    let site = build(&fixture("site"));
    let raw = site.read("kegiatan/pemkot-kemitraan-ormas/index.html");
    let page = Html::parse_document(&raw);
    let body = Selector::parse(".body *").unwrap();
    for el in page.select(&body) {
        assert_ne!(el.value().name(), "script");
        for (name, value) in el.value().attrs() {
            assert!(!name.starts_with("on"), "event handler `{name}` survived");
            assert!(!value.trim_start().to_lowercase().starts_with("javascript:"), "javascript: link survived");
        }
    }
    assert!(!raw.contains("alert(\"xss\")") || raw.contains("&quot;xss&quot;") || !raw.contains("<script>alert"));
    assert!(attrs(&page, ".body a", "href").contains(&"https://example.test".to_string()), "safe links are kept");
    // Titles and other fields are escaped, never markup.
    assert!(!raw.contains("<script>alert"), "no live script");
}

#[test]
fn base_url_flag_overrides_site_yaml() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let content = fixture("site");
    let run = terbuka(
        tmp.path(),
        &[
            "build",
            "--content",
            content.to_str().unwrap(),
            "--output",
            out.to_str().unwrap(),
            "--base-url",
            "https://other.test/sub",
        ],
    );
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let home = Html::parse_document(&fs::read_to_string(out.join("index.html")).unwrap());
    assert!(attrs(&home, "nav a", "href").iter().all(|h| h.starts_with("/sub/")));
    assert_eq!(attrs(&home, "link[rel=canonical]", "href"), vec!["https://other.test/sub/"]);
}

#[test]
fn large_lists_are_paginated_and_sitemap_lists_first_pages() {
    let site = build(&fixture("site"));
    // per_page is 3 in the fixture: 6 activities make two pages.
    let first = site.page("kegiatan/");
    assert_eq!(texts(&first, ".cards > li").len(), 3);
    assert_eq!(attrs(&first, "a[rel=next]", "href"), vec!["/portal/kegiatan/halaman/2/"]);
    let second = site.page("kegiatan/halaman/2/");
    assert_eq!(texts(&second, ".cards > li").len(), 3);
    assert_eq!(attrs(&second, "a[rel=prev]", "href"), vec!["/portal/kegiatan/"]);
    assert!(!site.read("sitemap.xml").contains("halaman"));
}

#[test]
fn atom_feed_lists_activities_newest_first() {
    let site = build(&fixture("site"));
    let feed = site.read("feed.xml");
    let first = feed.find("kpu-sosialisasi-pilkada").unwrap();
    let older = feed.find("kesbangpol-rakor-2023").unwrap();
    assert!(first < older);
    assert!(feed.starts_with("<?xml"));
    assert!(feed.contains("<updated>2024-07-12T00:00:00+07:00</updated>"));
}
