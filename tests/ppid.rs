//! "Minta dokumen ke PPID" on activity, partnership and agency pages: the
//! letter names the right PPID (the agency's own, else a parent's, else the
//! regional government's, worked out here independently from the YAML), the
//! record and the documents it implies, with the legal deadlines; `check`
//! warns where no PPID is recorded; the copy button and e-mail body work in
//! a real Chromium, and the letter reads without JavaScript.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{StaticServer, build, chromium, fixture, repo, texts};
use scraper::Html;

/// An agency as its YAML gives it.
struct AgencyYaml {
    name: String,
    abbreviation: Option<String>,
    kind: String,
    region: String,
    parent: Option<String>,
    has_ppid: bool,
}

impl AgencyYaml {
    fn shown(&self) -> String {
        match &self.abbreviation {
            Some(a) if a != &self.name => format!("{} ({a})", self.name),
            _ => self.name.clone(),
        }
    }
}

fn yaml_of(path: &Path) -> serde_yaml::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let yaml = if path.extension().is_some_and(|e| e == "md") {
        text.trim_start_matches("---").split("\n---").next().unwrap().to_string()
    } else {
        text
    };
    serde_yaml::from_str(&yaml).unwrap()
}

fn records(content: &Path, folder: &str) -> BTreeMap<String, serde_yaml::Value> {
    if !content.join(folder).is_dir() {
        return BTreeMap::new();
    }
    walkdir::WalkDir::new(content.join(folder))
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md" || e == "yaml"))
        .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), yaml_of(&p)))
        .collect()
}

fn agencies(content: &Path) -> BTreeMap<String, AgencyYaml> {
    records(content, "agencies")
        .into_iter()
        .map(|(id, v)| {
            let s = |k: &str| v[k].as_str().map(String::from);
            let ppid = &v["ppid"];
            let has_ppid = ["form", "email", "address"].iter().any(|k| ppid[k].as_str().is_some_and(|x| !x.is_empty()));
            let a = AgencyYaml {
                name: s("name").unwrap(),
                abbreviation: s("abbreviation"),
                kind: s("kind").unwrap(),
                region: s("region").unwrap(),
                parent: s("parent"),
                has_ppid,
            };
            (id, a)
        })
        .collect()
}

/// Whose PPID answers for `id`, and how, by the rule the content model
/// documents: own, else the nearest parent with one, else the regional
/// government (first by name) of its region or a region around it.
fn expected_route<'a>(all: &'a BTreeMap<String, AgencyYaml>, id: &str) -> Option<(&'a AgencyYaml, &'static str)> {
    let a = &all[id];
    if a.has_ppid {
        return Some((a, "own"));
    }
    let mut at = a;
    while let Some(p) = at.parent.as_deref() {
        at = &all[p];
        if at.has_ppid {
            return Some((at, "parent"));
        }
    }
    let mut code = a.region.clone();
    loop {
        let mut pemda: Vec<&AgencyYaml> =
            all.values().filter(|g| g.region == code && g.kind == "pemerintah-daerah" && g.has_ppid).collect();
        pemda.sort_by_key(|g| g.name.to_lowercase());
        if let Some(g) = pemda.first() {
            return Some((g, "regional"));
        }
        match code.rsplit_once('.') {
            Some((up, _)) => code = up.to_string(),
            None => return None,
        }
    }
}

/// The request section of a page: (addressee line, letter text, number of
/// documents asked for, whole section text).
fn request(doc: &Html) -> (String, String, usize, String) {
    let letter = texts(doc, "#surat-ppid");
    assert_eq!(letter.len(), 1, "one letter per page");
    let to = texts(doc, "#surat-ppid > p:first-child").remove(0);
    let documents = texts(doc, "#surat-ppid ol > li").len();
    (to, letter[0].clone(), documents, texts(doc, "section.ppid").remove(0))
}

/// The deadlines and appeal steps: the letter states the PPID's own
/// deadline, and the section links `/ppid/`, which has them all (written
/// once for the site rather than on every record page).
fn assert_deadlines(section: &str, doc: &Html, public: &Path) {
    for needle in ["10 (sepuluh) hari kerja", "7 (tujuh) hari kerja", "Undang-Undang Nomor 14 Tahun 2008"] {
        assert!(section.contains(needle), "the request section lacks {needle:?}: {section}");
    }
    let guide = common::attrs(doc, "section.ppid a", "href").into_iter().find(|h| h.ends_with("/ppid/"));
    assert!(guide.is_some(), "the request section links /ppid/: {section}");
    let page = std::fs::read_to_string(public.join("ppid/index.html")).unwrap();
    let text = texts(&Html::parse_document(&page), "main").join(" ");
    for needle in
        ["10 hari kerja", "7 hari kerja", "30 hari kerja", "Komisi Informasi", "Undang-Undang Nomor 14 Tahun 2008"]
    {
        assert!(text.contains(needle), "/ppid/ lacks {needle:?}: {text}");
    }
}

/// Checks every activity, partnership and agency page of a built site
/// against the YAML; returns how many routes of each kind were seen.
fn check_letters(content: &Path, public: &Path) -> BTreeMap<&'static str, usize> {
    let all = agencies(content);
    let base = yaml_of(&content.join("site.yaml"))["base_url"].as_str().unwrap().to_string();
    let mut seen = BTreeMap::new();
    let mut check = |page: &str, about: &str, title: &str, documents: usize| {
        let doc = Html::parse_document(&std::fs::read_to_string(public.join(page).join("index.html")).unwrap());
        let (to, letter, n, section) = request(&doc);
        let route = expected_route(&all, about);
        let addressee = route.map_or(all[about].shown(), |(g, _)| g.shown());
        // The addressee, then the PPID's postal address when it has one.
        let head = format!("Kepada Yth. PPID {addressee}");
        assert!(to == head || to.starts_with(&format!("{head} ")), "{page}: {to:?} is not to {head:?}");
        assert!(letter.contains(title), "{page}: the letter does not name {title:?}");
        assert!(letter.contains(&format!("{base}{page}")), "{page}: the letter does not give the record's address");
        assert_eq!(n, documents, "{page}: documents asked for");
        assert_deadlines(&section, &doc, public);
        let via = route.map_or("none", |(_, via)| via);
        match via {
            "own" => assert!(!section.contains("belum mencatat PPID"), "{page}"),
            "none" => assert!(section.contains("belum mencatat PPID"), "{page}: {section}"),
            _ => assert!(section.contains("belum mencatat PPID sendiri"), "{page}"),
        }
        *seen.entry(via).or_insert(0) += 1;
    };
    let partnerships = records(content, "partnerships");
    let agreement = |kind: &str| match kind {
        "mou" => 1,
        "perjanjian-kerja-sama" => 2,
        "hibah" => 4,
        "bantuan-sosial" => 3,
        other => panic!("unknown partnership kind {other}"),
    };
    for (id, a) in records(content, "activities") {
        let organiser = a["organizers"][0].as_str().unwrap();
        let extra = a["partnership"].as_str().map_or(0, |p| agreement(partnerships[p]["kind"].as_str().unwrap()));
        check(&format!("kegiatan/{id}/"), organiser, a["title"].as_str().unwrap(), 6 + extra);
    }
    for (id, p) in &partnerships {
        let Some(first) = p["parties"]["agencies"][0].as_str() else { continue };
        check(&format!("kemitraan/{id}/"), first, p["title"].as_str().unwrap(), agreement(p["kind"].as_str().unwrap()));
    }
    for (id, a) in &all {
        check(&format!("instansi/{id}/"), id, &a.name, 3);
    }
    seen
}

#[test]
fn fixture_letters_go_to_the_own_parent_or_regional_ppid() {
    let content = fixture("site");
    let site = build(&content);
    let seen = check_letters(&content, &site.public);
    for via in ["own", "parent", "regional"] {
        assert!(seen.contains_key(via), "no page routed {via}: {seen:?}");
    }
    // The form and e-mail of the PPID are linked.
    let doc = site.page("instansi/kesbangpol-kota-tangerang/index.html");
    let form = common::attrs(&doc, "section.ppid .ppid-contact a", "href");
    assert!(form.contains(&"https://ppid.tangerang.example.go.id/permohonan".to_string()), "{form:?}");
    assert!(form.contains(&"mailto:ppid@tangerang.example.go.id".to_string()), "{form:?}");
}

#[test]
fn generated_corpus_letters_match_the_yaml() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let options = xtask::corpus::Options { activities: 300, out: content.clone(), seed: 16, ormas: None, force: false };
    xtask::corpus::generate(&options).unwrap();
    let site = build(&content);
    let seen = check_letters(&content, &site.public);
    assert!(seen.values().sum::<usize>() > 300, "{seen:?}");
    assert!(seen.contains_key("own") && seen.contains_key("regional"), "{seen:?}");
}

#[test]
fn seed_agencies_without_ppid_are_said_so_and_warned() {
    let content = repo().join("content");
    let site = build(&content);
    let seen = check_letters(&content, &site.public);
    assert_eq!(seen.keys().copied().collect::<Vec<_>>(), ["none"], "no PPID is recorded in the seed content");
    let warnings = terbuka::check(&content, false).expect("the seed content checks");
    let text = format!("{warnings}");
    let agencies = agencies(&content).len();
    assert_eq!(text.matches("no PPID is recorded for this agency").count(), agencies, "{text}");
}

#[test]
fn the_copy_button_copies_the_letter_and_the_mail_link_carries_it() {
    // Served at the root, as the browser asks for it.
    let tmp = tempfile::tempdir().unwrap();
    let mut options = terbuka::BuildOptions::new(fixture("site"), tmp.path().join("public"));
    options.base_url = Some("https://example.test/".into());
    terbuka::build(&options).unwrap();
    let site = common::Built { public: tmp.path().join("public"), tmp };
    let server = StaticServer::start(&site.public);
    let browser = chromium();
    let tab = browser.new_tab().unwrap();
    let origin = server.origin.clone();
    tab.call_method(headless_chrome::protocol::cdp::Browser::GrantPermissions {
        permissions: vec![
            headless_chrome::protocol::cdp::Browser::PermissionType::ClipboardReadWrite,
            headless_chrome::protocol::cdp::Browser::PermissionType::ClipboardSanitizedWrite,
        ],
        origin: Some(origin.clone()),
        browser_context_id: None,
    })
    .unwrap();
    tab.navigate_to(&format!("{origin}/instansi/kesbangpol-kota-tangerang/")).unwrap().wait_until_navigated().unwrap();
    let eval = |js: &str| tab.evaluate(js, true).unwrap().value.unwrap();
    assert_eq!(eval("document.querySelector('.copy-button').hidden"), serde_json::json!(false));
    let letter = eval("document.getElementById('surat-ppid').innerText.replace(/\\n{3,}/g, '\\n\\n').trim()");
    let letter = letter.as_str().unwrap().to_string();
    assert!(letter.starts_with("Kepada Yth.\nPPID Pemerintah Kota Tangerang"), "{letter}");
    tab.find_element(".copy-button").unwrap().click().unwrap();
    let copied = eval("new Promise(r => setTimeout(r, 300)).then(() => navigator.clipboard.readText())");
    assert_eq!(copied.as_str().unwrap(), letter);
    assert_eq!(eval("document.querySelector('.copy-status').textContent").as_str().unwrap(), "Surat disalin.");
    let mail = eval("document.querySelector('a.ppid-mail').href");
    let mail = mail.as_str().unwrap();
    assert!(mail.starts_with("mailto:ppid@tangerang.example.go.id?subject=Permohonan%20Informasi%20Publik"), "{mail}");
    let body = mail.split("&body=").nth(1).unwrap();
    let decoded = eval(&format!("decodeURIComponent({body:?})"));
    assert_eq!(decoded.as_str().unwrap(), letter);
}
