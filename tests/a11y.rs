//! Every page type passes the W3C Nu HTML checker with no error and
//! axe-core (in a real headless Chromium) with no violation, on the seed
//! site and on a generated corpus (which has partnerships and long lists).
//! Both checkers come from npm, pinned in tests/browser/package-lock.json
//! and installed by `.ci/run` (`npm ci --prefix tests/browser`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Built, StaticServer, build, chromium, repo};

/// The npm packages' folder; the test says how to install it when missing.
fn node_modules() -> PathBuf {
    let dir = repo().join("tests/browser/node_modules");
    assert!(
        dir.join("axe-core/axe.min.js").is_file() && dir.join("vnu-jar/build/dist/vnu.jar").is_file(),
        "the checkers are missing: run `npm ci --prefix tests/browser` (as .ci/run does)"
    );
    dir
}

/// One page of every page type the site publishes, by its address: the
/// first page in sorted order under each section's folder pattern.
fn one_of_each(public: &Path) -> Vec<String> {
    let mut all: Vec<String> = walkdir::WalkDir::new(public)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .map(|p| p.strip_prefix(public).unwrap().to_string_lossy().into_owned())
        .collect();
    all.sort();
    // The shape of an address: its folders with record ids and numbers
    // replaced, so `ormas/a/index.html` and `ormas/b/index.html` are one type.
    let shape = |rel: &str| -> String {
        let parts: Vec<&str> = rel.split('/').collect();
        parts
            .iter()
            .enumerate()
            .map(|(i, p)| match (i, *p) {
                (0, p) => p.to_string(),
                (_, "index.html" | "halaman" | "tahun" | "jenis") => p.to_string(),
                _ => "*".to_string(),
            })
            .collect::<Vec<_>>()
            .join("/")
    };
    let mut seen = std::collections::BTreeSet::new();
    all.into_iter().filter(|rel| seen.insert(shape(rel))).collect()
}

/// Runs the Nu checker over `files` and returns its error messages.
fn nu_errors(modules: &Path, public: &Path, files: &[String]) -> Vec<String> {
    let out = Command::new("java")
        .arg("-jar")
        .arg(modules.join("vnu-jar/build/dist/vnu.jar"))
        .args(["--errors-only", "--format", "json"])
        .args(files.iter().map(|f| public.join(f)))
        .output()
        .expect("run java (apt-get install default-jre-headless)");
    let report: serde_json::Value = serde_json::from_slice(&out.stderr)
        .unwrap_or_else(|e| panic!("the Nu checker gave no JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    report["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| format!("{}:{}: {}", m["url"], m["lastLine"], m["message"]))
        .collect()
}

/// Runs axe-core on each page in Chromium and returns its violations.
fn axe_violations(modules: &Path, site: &Built, pages: &[String]) -> Vec<String> {
    let axe = std::fs::read_to_string(modules.join("axe-core/axe.min.js")).unwrap();
    let server = StaticServer::start(&site.public);
    let browser = chromium();
    let tab = browser.new_tab().unwrap();
    // A loaded machine can take a while to load a long page.
    tab.set_default_timeout(std::time::Duration::from_secs(90));
    let mut found = Vec::new();
    for page in pages {
        let address = page.strip_suffix("index.html").unwrap_or(page);
        tab.navigate_to(&format!("{}/{address}", server.origin)).unwrap().wait_until_navigated().unwrap();
        tab.evaluate(&axe, false).unwrap();
        let run = "axe.run(document, { resultTypes: ['violations'] }).then(r => JSON.stringify(r.violations.map(v => \
                   v.id + ' (' + v.impact + '): ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(', '))))";
        let value = tab.evaluate(run, true).unwrap().value.unwrap();
        let list: Vec<String> = serde_json::from_str(value.as_str().unwrap()).unwrap();
        found.extend(list.into_iter().map(|v| format!("/{address}: {v}")));
    }
    found
}

fn check_site(site: &Built, must_have: &[&str]) {
    let modules = node_modules();
    let pages = one_of_each(&site.public);
    for prefix in must_have {
        assert!(pages.iter().any(|p| p.starts_with(prefix)), "no page under {prefix} among {pages:?}");
    }
    let errors = nu_errors(&modules, &site.public, &pages);
    assert!(errors.is_empty(), "the Nu checker finds errors:\n{}", errors.join("\n"));
    let violations = axe_violations(&modules, site, &pages);
    assert!(violations.is_empty(), "axe-core finds violations:\n{}", violations.join("\n"));
}

#[test]
fn every_page_type_of_the_seed_site_passes_nu_and_axe() {
    let site = build(&repo().join("content"));
    check_site(
        &site,
        &[
            "index.html",
            "404.html",
            "kegiatan/",
            "ormas/",
            "instansi/",
            "tokoh/",
            "wilayah/",
            "topik/",
            "data/",
            "cari/",
        ],
    );
}

/// The same checks on the seed site with `language: en` (the interface in
/// English, the PPID letter marked `lang="id"`).
#[test]
fn every_page_type_of_an_english_portal_passes_nu_and_axe() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    common::copy_dir(&repo().join("content"), &content);
    let site_yaml = content.join("site.yaml");
    let yaml = std::fs::read_to_string(&site_yaml).unwrap().replace("language: id", "language: en");
    std::fs::write(&site_yaml, yaml).unwrap();
    let site = build(&content);
    assert!(site.read("index.html").contains("<html lang=\"en\">"));
    check_site(&site, &["index.html", "kegiatan/", "ormas/", "instansi/", "data/", "cari/"]);
}

#[test]
fn every_page_type_of_a_generated_corpus_passes_nu_and_axe() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let options = xtask::corpus::Options { activities: 300, out: content.clone(), seed: 16, ormas: None, force: false };
    xtask::corpus::generate(&options).unwrap();
    let site = build(&content);
    check_site(&site, &["kemitraan/", "kegiatan/tahun/", "kegiatan/jenis/", "ormas/"]);
}

/// Full names of the records in one content folder (`agencies`, `ormas`),
/// read from their YAML, by id.
fn full_names(content: &Path, folder: &str) -> std::collections::BTreeMap<String, String> {
    let mut names = std::collections::BTreeMap::new();
    for entry in walkdir::WalkDir::new(content.join(folder)) {
        let path = entry.unwrap().into_path();
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else { continue };
        let text = std::fs::read_to_string(&path).unwrap();
        let yaml = match ext {
            "yaml" | "yml" => text,
            "md" => text.trim_start_matches("---").split("\n---").next().unwrap().to_string(),
            _ => continue,
        };
        let value: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
        let id = path.file_stem().unwrap().to_string_lossy().into_owned();
        names.insert(id, value["name"].as_str().unwrap().to_string());
    }
    names
}

/// Wherever a page links to an agency or an ormas (cards, facts, related
/// lists, directories), the link shows its full name, not only the
/// abbreviation.
#[test]
fn links_to_agencies_and_ormas_show_full_names() {
    let content = repo().join("content");
    let site = build(&content);
    let expected = [("instansi", full_names(&content, "agencies")), ("ormas", full_names(&content, "ormas"))];
    let links = scraper::Selector::parse("a[href]").unwrap();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&site.public) {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|x| x != "html") {
            continue;
        }
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(&path).unwrap());
        for a in doc.select(&links) {
            // Page numbers link to a record's first page too.
            if a.ancestors().any(|n| {
                n.value().as_element().is_some_and(|e| e.has_class("pager", scraper::CaseSensitivity::CaseSensitive))
            }) {
                continue;
            }
            let href = a.value().attr("href").unwrap();
            let text = a.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ");
            for (section, names) in &expected {
                let Some(id) = href.strip_prefix(&format!("/{section}/")).and_then(|r| r.strip_suffix('/')) else {
                    continue;
                };
                let Some(name) = names.get(id) else { continue };
                assert!(
                    text.contains(name.as_str()),
                    "{}: link to {href} reads {text:?}, not {name:?}",
                    path.display()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 30, "only {checked} links checked");
}
