//! The search page's "Unduh hasil (CSV)" in a real headless Chromium: the
//! file it downloads holds exactly the results on screen (titles and full
//! addresses, in order), for a query, a query with a filter and after
//! "Tampilkan lebih banyak".

mod common;

use std::time::{Duration, Instant};

use common::{StaticServer, build, chromium, repo};
use headless_chrome::Tab;
use headless_chrome::protocol::cdp::Browser::{SetDownloadBehavior, SetDownloadBehaviorBehaviorOption};

fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    let v = tab.evaluate(&format!("JSON.stringify({js})"), false).unwrap().value.unwrap();
    serde_json::from_str(v.as_str().unwrap()).unwrap()
}

fn wait_for(tab: &Tab, condition: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while eval(tab, &format!("!!({condition})")) != serde_json::Value::Bool(true) {
        assert!(Instant::now() < deadline, "timed out waiting for {condition}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// (title, absolute address) of every result on screen, in order.
fn on_screen(tab: &Tab) -> Vec<(String, String)> {
    serde_json::from_value(eval(
        tab,
        "[...document.querySelectorAll('#hasil > li h3 a')].map(a => [a.textContent, a.href])",
    ))
    .unwrap()
}

/// Clicks the download button and reads the CSV it saves into `dir`.
fn download(tab: &Tab, dir: &std::path::Path) -> Vec<csv::StringRecord> {
    for f in std::fs::read_dir(dir).unwrap() {
        std::fs::remove_file(f.unwrap().path()).unwrap();
    }
    tab.find_element("#unduh").unwrap().click().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let file = loop {
        let done = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.extension().is_some_and(|x| x == "csv"));
        if let Some(f) = done {
            break f;
        }
        assert!(Instant::now() < deadline, "no CSV was downloaded");
        std::thread::sleep(Duration::from_millis(100));
    };
    std::thread::sleep(Duration::from_millis(200));
    let bytes = std::fs::read(&file).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let text = text.strip_prefix('\u{feff}').expect("a UTF-8 BOM for spreadsheets");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["jenis_catatan", "judul", "tanggal", "jenis_kegiatan", "wilayah", "keterangan", "alamat"]
    );
    reader.records().map(Result::unwrap).collect()
}

fn assert_same(tab: &Tab, dir: &std::path::Path) -> usize {
    let shown = on_screen(tab);
    let rows = download(tab, dir);
    let got: Vec<(String, String)> = rows.iter().map(|r| (r[1].to_string(), r[6].to_string())).collect();
    // Titles on screen carry highlight marks only as elements, so their text is the title.
    assert_eq!(got, shown);
    shown.len()
}

#[test]
fn the_csv_download_holds_exactly_the_results_shown() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    let options = xtask::corpus::Options { activities: 200, out: content.clone(), seed: 11, ormas: None, force: false };
    xtask::corpus::generate(&options).unwrap();
    let mut build_options = terbuka::BuildOptions::new(&content, tmp.path().join("public"));
    build_options.base_url = Some("https://example.go.id/".into());
    terbuka::build(&build_options).unwrap();
    let server = StaticServer::start(&tmp.path().join("public"));
    let downloads = tmp.path().join("unduhan");
    std::fs::create_dir(&downloads).unwrap();

    let browser = chromium();
    let tab = browser.new_tab().unwrap();
    tab.call_method(SetDownloadBehavior {
        behavior: SetDownloadBehaviorBehaviorOption::Allow,
        browser_context_id: None,
        download_path: Some(downloads.to_string_lossy().into_owned()),
        events_enabled: None,
    })
    .unwrap();
    let ready = |q: &str| {
        format!(
            "document.getElementById('cari').dataset.state === 'ready' && \
             new URLSearchParams(location.search).get('q') === {q:?} && !document.getElementById('unduh').hidden"
        )
    };
    tab.navigate_to(&format!("{}/cari/?q=ormas", server.origin)).unwrap().wait_until_navigated().unwrap();
    wait_for(&tab, &ready("ormas"));
    assert_eq!(assert_same(&tab, &downloads), 10, "the first ten results");

    // "Show more": the file follows the list.
    tab.find_element("#lagi").unwrap().click().unwrap();
    wait_for(&tab, "document.querySelectorAll('#hasil > li').length === 20");
    assert_eq!(assert_same(&tab, &downloads), 20);

    // A filter: only kegiatan of one year.
    tab.navigate_to(&format!("{}/cari/?q=ormas&tipe=kegiatan&tahun=2024", server.origin))
        .unwrap()
        .wait_until_navigated()
        .unwrap();
    wait_for(&tab, &ready("ormas"));
    let n = assert_same(&tab, &downloads);
    assert!(n > 0);
    let rows = download(&tab, &downloads);
    assert!(rows.iter().all(|r| r[2].contains("2024")), "dates outside the filter");
    assert!(rows.iter().all(|r| r[6].starts_with(&format!("{}/kegiatan/", server.origin))), "not activity addresses");
    // The record type, the activity kind and the region are named from the
    // manifest's tables.
    assert!(
        rows.iter().all(|r| &r[0] == "Kegiatan" && !r[3].is_empty() && !r[4].is_empty()),
        "type, kind and region named: {rows:?}"
    );
}

#[test]
fn seed_search_offers_the_download() {
    let site = build(&repo().join("content"));
    let html = site.read("cari/index.html");
    assert!(html.contains("id=\"unduh\""), "no download button on the search page");
}
