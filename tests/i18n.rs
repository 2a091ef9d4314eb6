//! Every UI word in a catalogue: the seed site built with `language: en`
//! says `lang="en"` and shows none of the Indonesian catalogue's phrases
//! on any page (parsed), while the records' own text stays as written and
//! the PPID letter stays Indonesian, marked `lang="id"`. A template naming
//! a key no catalogue has fails the build, naming the key and template.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{StaticServer, build, chromium, copy_dir, repo, terbuka};
use scraper::{Html, Selector};

/// Every text of a catalogue file by key (plural forms and list items
/// included), from YAML read here, not by the code under test.
fn catalogue(lang: &str) -> BTreeMap<String, Vec<String>> {
    fn walk(prefix: &str, v: &serde_yaml::Value, out: &mut BTreeMap<String, Vec<String>>) {
        match v {
            serde_yaml::Value::Mapping(m) => {
                for (k, x) in m {
                    let k = k.as_str().unwrap();
                    let key = if prefix.is_empty() { k.to_string() } else { format!("{prefix}.{k}") };
                    walk(&key, x, out);
                }
            }
            serde_yaml::Value::Sequence(s) => {
                out.entry(prefix.to_string()).or_default().extend(s.iter().map(|x| x.as_str().unwrap().to_string()));
            }
            other => out.entry(prefix.to_string()).or_default().push(other.as_str().unwrap().to_string()),
        }
    }
    let path = repo().join(format!("themes/default/i18n/{lang}.yaml"));
    let value: serde_yaml::Value = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    walk("", &value, &mut out);
    out
}

/// The Indonesian phrases an English page must not show: the pieces of
/// every Indonesian text between its placeholders and tags, leaving out
/// those the English catalogue also uses (names such as `PPID`, `APBD`),
/// the letter (Indonesian in every catalogue) and those the content itself
/// contains (records are never translated).
fn indonesian_phrases(content: &str) -> BTreeSet<String> {
    let id = catalogue("id");
    let en = catalogue("en");
    let en_text: String = en.values().flatten().cloned().collect::<Vec<_>>().join("\n");
    let splitter = regex::Regex::new(r"\{[a-z_]+\}|<[^>]+>").unwrap();
    let mut out = BTreeSet::new();
    for (key, texts) in &id {
        if en.get(key) == Some(texts) || key.starts_with("letter.") || key == "time.clock" {
            continue;
        }
        for t in texts {
            for piece in splitter.split(t) {
                let piece = piece.trim_matches(|c: char| " ,.;:()›–".contains(c));
                if piece.chars().count() >= 4
                    && !en_text.contains(piece)
                    && !content.to_lowercase().contains(&piece.to_lowercase())
                {
                    out.insert(piece.to_string());
                }
            }
        }
    }
    out
}

/// Visible text and the attributes people read (labels, titles,
/// placeholders), without the letter and the page's JSON-LD.
fn readable(doc: &Html) -> String {
    let mut out = String::new();
    let skip = Selector::parse(".letter, script, style").unwrap();
    let skipped: BTreeSet<_> = doc.select(&skip).flat_map(|e| e.descendants().map(|n| n.id())).collect();
    for node in doc.root_element().descendants() {
        if skipped.contains(&node.id()) {
            continue;
        }
        if let Some(t) = node.value().as_text() {
            out.push_str(t);
            out.push('\n');
        }
        if let Some(e) = node.value().as_element() {
            for a in ["aria-label", "title", "placeholder", "content", "data-done", "data-failed", "alt"] {
                if let Some(v) = e.attr(a) {
                    out.push_str(v);
                    out.push('\n');
                }
            }
        }
    }
    out
}

/// The seed content with `language: en`.
fn english_content() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&repo().join("content"), &content);
    let site = content.join("site.yaml");
    let yaml = std::fs::read_to_string(&site).unwrap().replace("language: id", "language: en");
    assert!(yaml.contains("language: en"));
    std::fs::write(&site, yaml).unwrap();
    (tmp, content)
}

#[test]
fn an_english_portal_has_its_whole_interface_in_english() {
    let (_tmp, content) = english_content();
    let all_content: String = walkdir::WalkDir::new(&content)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
        .collect();
    let phrases = indonesian_phrases(&all_content);
    assert!(phrases.len() > 150, "only {} phrases to look for", phrases.len());

    let built = build(&content);
    let mut pages = 0;
    let mut letters = 0;
    for entry in walkdir::WalkDir::new(&built.public) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(&built.public).unwrap().to_string_lossy().into_owned();
        // The web editor is the staff's tool, with its own catalogue (data/editor.yaml).
        if !rel.ends_with(".html") || rel.starts_with("admin/") {
            continue;
        }
        pages += 1;
        let doc = Html::parse_document(&std::fs::read_to_string(entry.path()).unwrap());
        let html = Selector::parse("html").unwrap();
        assert_eq!(doc.select(&html).next().unwrap().attr("lang"), Some("en"), "{rel}");
        let text = readable(&doc);
        let found: Vec<_> = phrases.iter().filter(|p| text.contains(p.as_str())).collect();
        assert!(found.is_empty(), "{rel} shows Indonesian interface text: {found:?}");
        let letter = Selector::parse(".letter").unwrap();
        for l in doc.select(&letter) {
            letters += 1;
            assert_eq!(l.attr("lang"), Some("id"), "{rel}: the PPID letter is Indonesian and says so");
            assert!(l.text().collect::<String>().contains("Permohonan Informasi Publik"));
        }
    }
    assert!(pages > 50 && letters > 5, "{pages} pages, {letters} letters");

    // Dates and labels in English, records as written.
    let home = built.read("index.html");
    assert!(home.contains("Latest activities") && home.contains("Activities per month"));
    let activity = built.read("kegiatan/jakarta-timur-sosialisasi-ormas-pemilu-2024/index.html");
    assert!(activity.contains("Outreach"), "the kind in English");
    assert!(
        regex::Regex::new(
            r"\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}"
        )
        .unwrap()
        .is_match(&home),
        "dates in English words"
    );
    let feed = built.read("feed.xml");
    assert!(feed.contains("xml:lang=\"en\""));
}

#[test]
fn an_indonesian_portal_keeps_its_words_and_the_letter_has_no_lang_of_its_own() {
    let built = build(&repo().join("content"));
    let page = built.read("kegiatan/jakarta-timur-sosialisasi-ormas-pemilu-2024/index.html");
    assert!(page.contains("<html lang=\"id\">"));
    assert!(
        page.contains("<div class=\"letter\" id=\"surat-ppid\">"),
        "no lang on the letter when the page is Indonesian"
    );
    assert!(page.contains("Minta dokumen ke PPID") && page.contains("Sosialisasi"));
}

#[test]
fn a_template_naming_a_missing_key_fails_the_build_naming_key_and_template() {
    let tmp = tempfile::tempdir().unwrap();
    let theme = tmp.path().join("theme");
    copy_dir(&repo().join("themes/default"), &theme);
    let home = theme.join("templates/home.html");
    let text = std::fs::read_to_string(&home).unwrap().replace("w.home.latest", "w.home.latset");
    std::fs::write(&home, text).unwrap();
    let out = tmp.path().join("public");
    let run = terbuka(
        &repo(),
        &["build", "--content", "content", "--output", out.to_str().unwrap(), "--theme", theme.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success());
    assert!(stderr.contains("home.latset") && stderr.contains("home.html"), "{stderr}");
    assert!(!out.exists(), "nothing written");

    // A language the theme does not have is named with the file to add.
    let content = tmp.path().join("content");
    copy_dir(&repo().join("content"), &content);
    let site = content.join("site.yaml");
    std::fs::write(&site, std::fs::read_to_string(&site).unwrap().replace("language: id", "language: fr")).unwrap();
    let run = terbuka(&repo(), &["build", "--content", content.to_str().unwrap(), "--output", out.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(!run.status.success() && stderr.contains("i18n/fr.yaml"), "{stderr}");
}

/// The search script's words come from the catalogue too: in real Chromium,
/// an English portal's results, filters and dates are in English.
#[test]
fn the_search_page_speaks_the_portals_language() {
    let (_tmp, content) = english_content();
    let built = build(&content);
    let server = StaticServer::start(&built.public);
    let browser = chromium();
    let tab = browser.new_tab().unwrap();
    // Evaluating before the navigation settles can reach the blank page's
    // context, so wait for the search page itself first.
    tab.navigate_to(&format!("{}/cari/?q=pemilu", server.origin)).unwrap().wait_until_navigated().unwrap();
    let eval = |js: &str| -> String {
        let v = tab.evaluate(js, false).unwrap().value;
        v.and_then(|v| v.as_str().map(String::from)).unwrap_or_default()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(90);
    while eval("(document.getElementById('cari') && document.getElementById('cari').dataset.state) || ''") != "ready" {
        assert!(
            std::time::Instant::now() < deadline,
            "search never ready at {}: state `{}`, status `{}`, fetched {}",
            eval("location.href"),
            eval("(document.getElementById('cari') && document.getElementById('cari').dataset.state) || ''"),
            eval("(document.getElementById('status') || {}).textContent || ''"),
            eval("JSON.stringify(performance.getEntriesByType('resource').map(e => [e.name, e.responseStatus]))"),
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let status = eval("document.getElementById('status').textContent");
    assert!(regex::Regex::new(r"^\d+ results? for “pemilu”").unwrap().is_match(&status), "{status}");
    let filters = eval("document.getElementById('saring').innerText");
    for word in ["Record type", "Year", "Kind of activity", "Organising agency", "Participating organisation"] {
        assert!(filters.contains(word), "{word} missing from the filters: {filters}");
    }
    let results = eval("document.getElementById('hasil').innerText");
    assert!(results.contains("Activities · "), "{results}");
    let months = ["Januari", "Februari", "Maret", "Mei", "Juni", "Juli", "Agustus", "Oktober", "Desember"];
    let dates = eval("[...document.querySelectorAll('#hasil time')].map(t => t.textContent).join('|')");
    assert!(!dates.is_empty() && !months.iter().any(|m| dates.contains(m)), "{dates}");
    let labels = eval("JSON.stringify(JSON.parse(document.getElementById('search-words').textContent).index_labels)");
    assert!(
        labels.contains("\"Aktif\":\"Active\"") && labels.contains("\"Pemerintah daerah\":\"Regional government\""),
        "{labels}"
    );
    let page = format!("{filters}\n{results}\n{status}\n{}", eval("document.getElementById('unduh').textContent"));
    for phrase in ["Jenis data", "Jenis kegiatan", "Instansi penyelenggara", "Ormas peserta", "hasil", "Unduh"] {
        assert!(!page.contains(phrase), "Indonesian `{phrase}` on the English search page:\n{page}");
    }
}
