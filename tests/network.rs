//! Who meets whom, checked against counts made here independently from the
//! YAML of a generated corpus and of the seed site: the counterparts block
//! of every ormas, agency and official page (its list, counts, picture and
//! total) and the `/jaringan/` rankings for all, each year and each
//! province.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{attrs, build, repo, texts};
use scraper::Html;

/// One activity as its YAML gives it: ormas, agencies (organisers and
/// participants), officials with a person record, year and province code.
struct Act {
    ormas: BTreeSet<String>,
    agencies: BTreeSet<String>,
    people: BTreeSet<String>,
    year: String,
    province: String,
}

fn activities(content: &Path) -> Vec<Act> {
    let ids = |v: &serde_yaml::Value| -> Vec<String> {
        v.as_sequence().map(|s| s.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default()
    };
    walkdir::WalkDir::new(content.join("activities"))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let yaml = text.trim_start_matches("---").split("\n---").next().unwrap();
            let v: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
            let mut agencies: BTreeSet<String> = ids(&v["organizers"]).into_iter().collect();
            agencies.extend(ids(&v["participants"]["agencies"]));
            let people = v["officials"]
                .as_sequence()
                .map(|s| s.iter().filter_map(|o| o["person"].as_str().map(String::from)).collect())
                .unwrap_or_default();
            let date = v["date"].as_str().unwrap();
            let region = v["region"].as_str().unwrap();
            Act {
                ormas: ids(&v["participants"]["ormas"]).into_iter().collect(),
                agencies,
                people,
                year: date[..4].to_string(),
                province: region.split('.').next().unwrap().to_string(),
            }
        })
        .collect()
}

/// `id -> (counterpart address -> shared activities)` for one kind of page.
type Met = BTreeMap<String, BTreeMap<String, u32>>;

fn expected(acts: &[Act]) -> (Met, Met, Met) {
    let (mut ormas, mut agencies, mut people) = (Met::new(), Met::new(), Met::new());
    for a in acts {
        for o in &a.ormas {
            for g in &a.agencies {
                *ormas.entry(o.clone()).or_default().entry(format!("/instansi/{g}/")).or_default() += 1;
                *agencies.entry(g.clone()).or_default().entry(format!("/ormas/{o}/")).or_default() += 1;
            }
        }
        for p in &a.people {
            let met = people.entry(p.clone()).or_default();
            for o in &a.ormas {
                *met.entry(format!("/ormas/{o}/")).or_default() += 1;
            }
            for g in &a.agencies {
                *met.entry(format!("/instansi/{g}/")).or_default() += 1;
            }
        }
    }
    (ormas, agencies, people)
}

/// A counterparts block: (address, count) rows and the total it reports.
type Block = (Vec<(String, u32)>, Option<usize>);

/// The counterparts block of a page, or `None` when the page has none.
fn shown(doc: &Html) -> Option<Block> {
    let hrefs = attrs(doc, "#jaringan-daftar > li > a", "href");
    if hrefs.is_empty() {
        assert!(texts(doc, "section.network").is_empty(), "a block without a list");
        return None;
    }
    let counts: Vec<u32> = texts(doc, "#jaringan-daftar > li > .count")
        .iter()
        .map(|t| t.trim_end_matches(" kegiatan").parse().unwrap())
        .collect();
    // The picture: one node per row, labelled, pointing to the list.
    assert_eq!(attrs(doc, "svg.network-picture circle:not(.center)", "cx").len(), hrefs.len());
    assert_eq!(attrs(doc, "svg.network-picture", "aria-describedby"), ["jaringan-daftar"]);
    assert_eq!(texts(doc, "svg.network-picture > title").len(), 1);
    let total = texts(doc, "section.network p.muted")
        .first()
        .map(|t| t.rsplit(" dari ").next().unwrap().trim_end_matches(" pihak.").parse().unwrap());
    Some((hrefs.into_iter().zip(counts).collect(), total))
}

/// The page's list is the most met counterparts, with exact counts.
fn assert_block(page: &str, doc: &Html, want: Option<&BTreeMap<String, u32>>) {
    let Some(want) = want.filter(|w| !w.is_empty()) else {
        assert!(shown(doc).is_none(), "{page} shows counterparts it has none of");
        return;
    };
    let (rows, total) = shown(doc).unwrap_or_else(|| panic!("{page} shows no counterparts"));
    assert_eq!(rows.len(), want.len().min(10), "{page}");
    for (href, n) in &rows {
        assert_eq!(want.get(href), Some(n), "{page}: count for {href}");
    }
    assert!(rows.windows(2).all(|w| w[0].1 >= w[1].1), "{page}: not most met first");
    let least = rows.last().unwrap().1;
    let listed: BTreeSet<&String> = rows.iter().map(|(h, _)| h).collect();
    for (href, n) in want {
        assert!(listed.contains(href) || *n <= least, "{page}: {href} ({n}) met more than a listed one");
    }
    assert_eq!(total, (want.len() > 10).then_some(want.len()), "{page}: total");
}

fn check_site(content: &Path) -> usize {
    let site = build(content);
    let acts = activities(content);
    let (ormas, agencies, people) = expected(&acts);
    let mut blocks = 0;
    for (folder, section, met) in
        [("ormas", "ormas", &ormas), ("agencies", "instansi", &agencies), ("people", "tokoh", &people)]
    {
        for entry in std::fs::read_dir(content.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let id = path.file_stem().unwrap().to_string_lossy().into_owned();
            let page = format!("{section}/{id}/index.html");
            let doc = site.page(&page);
            assert_block(&page, &doc, met.get(&id));
            blocks += usize::from(met.get(&id).is_some_and(|m| !m.is_empty()));
        }
    }
    // The rankings: all, each year, each province.
    let mut pairs: BTreeMap<(String, String), Vec<&Act>> = BTreeMap::new();
    for a in &acts {
        for o in &a.ormas {
            for g in &a.agencies {
                pairs.entry((format!("/ormas/{o}/"), format!("/instansi/{g}/"))).or_default().push(a);
            }
        }
    }
    let years: BTreeSet<&str> = acts.iter().map(|a| a.year.as_str()).collect();
    let provinces: BTreeSet<&str> = acts.iter().map(|a| a.province.as_str()).collect();
    let scopes = std::iter::once("jaringan/".to_string())
        .chain(years.iter().map(|y| format!("jaringan/tahun/{y}/")))
        .chain(provinces.iter().map(|p| format!("jaringan/wilayah/{p}/")));
    for path in scopes {
        let keep = |a: &Act| {
            path == "jaringan/"
                || path.strip_prefix("jaringan/tahun/").is_some_and(|y| y.trim_end_matches('/') == a.year)
                || path.strip_prefix("jaringan/wilayah/").is_some_and(|p| p.trim_end_matches('/') == a.province)
        };
        let want: BTreeMap<&(String, String), u32> = pairs
            .iter()
            .map(|(k, list)| (k, list.iter().filter(|a| keep(a)).count() as u32))
            .filter(|(_, n)| *n > 0)
            .collect();
        let html = site.public.join(&path).join("index.html");
        if want.is_empty() {
            // No pair met there: no page, or an empty ranking.
            assert!(
                !html.exists() || !site.read(&format!("{path}index.html")).contains("class=\"directory pairs\""),
                "{path}"
            );
            continue;
        }
        let doc = site.page(&format!("{path}index.html"));
        let o = attrs(&doc, "table.pairs tbody tr td:nth-child(2) a", "href");
        let g = attrs(&doc, "table.pairs tbody tr td:nth-child(3) a", "href");
        let n: Vec<u32> =
            texts(&doc, "table.pairs tbody tr td:nth-child(4)").iter().map(|t| t.parse().unwrap()).collect();
        assert_eq!(n.len(), want.len().min(100), "{path}");
        assert!(n.windows(2).all(|w| w[0] >= w[1]), "{path}: not most first");
        for k in 0..n.len() {
            assert_eq!(want.get(&(o[k].clone(), g[k].clone())), Some(&n[k]), "{path}: {} × {}", o[k], g[k]);
        }
        let caption = texts(&doc, "table.pairs caption").remove(0);
        assert!(caption.contains(&format!("dari {},", want.len())), "{path}: {caption}");
        assert!(texts(&doc, ".disclaimer").iter().any(|t| t.contains("bukan bukti")), "{path}: no disclaimer");
    }
    blocks
}

#[test]
fn generated_corpus_counterparts_and_rankings_match_the_yaml() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let options = xtask::corpus::Options { activities: 400, out: content.clone(), seed: 3, ormas: None, force: false };
    xtask::corpus::generate(&options).unwrap();
    let blocks = check_site(&content);
    assert!(blocks > 100, "only {blocks} pages with counterparts");
}

#[test]
fn seed_counterparts_and_rankings_match_the_yaml() {
    let blocks = check_site(&repo().join("content"));
    assert!(blocks >= 3, "only {blocks} pages with counterparts");
}
