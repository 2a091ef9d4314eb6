//! The search page in a real headless Chromium, served over HTTP like a
//! static host: typing a query, ranking, a region filter, deep links and
//! the back button, and no search script on other pages. Saves a
//! screenshot of the results to docs/screenshots/search.png.

mod common;

use std::time::{Duration, Instant};

use common::{StaticServer, build, chromium, repo};
use headless_chrome::Tab;
use headless_chrome::protocol::cdp::Page::{AddScriptToEvaluateOnNewDocument, CaptureScreenshotFormatOption};

/// Evaluates a JavaScript expression and returns it as JSON.
fn eval(tab: &Tab, js: &str) -> serde_json::Value {
    tab.evaluate(&format!("JSON.stringify({js})"), false)
        .unwrap()
        .value
        .and_then(|v| v.as_str().map(|s| serde_json::from_str(s).unwrap()))
        .unwrap_or(serde_json::Value::Null)
}

/// Waits until a JavaScript condition holds.
fn wait_for(tab: &Tab, condition: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while eval(tab, &format!("!!({condition})")) != serde_json::Value::Bool(true) {
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {condition}; status: {}",
            eval(tab, "document.getElementById('status') && document.getElementById('status').textContent")
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Waits for the search to settle on the query `q` (and `extra` in the URL).
fn wait_ready(tab: &Tab, q: &str, extra: &str) {
    wait_for(
        tab,
        &format!(
            "document.getElementById('cari').dataset.state === 'ready' && \
             new URLSearchParams(location.search).get('q') === {q:?} && location.search.includes({extra:?})"
        ),
    );
}

/// Result links, in order.
fn results(tab: &Tab) -> Vec<String> {
    serde_json::from_value(eval(
        tab,
        "[...document.querySelectorAll('#hasil > li h3 a')].map(a => a.getAttribute('href'))",
    ))
    .unwrap()
}

/// Where the page took its counts of the shown facets from, and whether
/// they equal the counts taken from the whole value sets of each facet
/// (the exact source every other one must agree with).
fn counts_agree(tab: &Tab) -> (String, bool) {
    let js = "(async () => { \
        const m = await import(document.querySelector('script[type=module]').src); \
        const p = window.terbukaSearch; \
        let same = true; \
        for (const f of ['jenis', 'wilayah', 'topik']) { \
          const a = [...await p.facetCounts(f)].sort((x, y) => x[0] - y[0]); \
          const b = [...await m.countFromSets(p.index, f, p.found.counts.lazy)].sort((x, y) => x[0] - y[0]); \
          same = same && JSON.stringify(a) === JSON.stringify(b); \
        } \
        return JSON.stringify([p.found.counts.source, same]); })()";
    let v = tab.evaluate(js, true).unwrap().value.unwrap();
    serde_json::from_str(v.as_str().unwrap()).unwrap()
}

/// HTTP status of every summary file fetched so far.
fn summary_statuses(tab: &Tab) -> Vec<u64> {
    serde_json::from_value(eval(
        tab,
        "performance.getEntriesByType('resource').filter(r => r.name.includes('/cari/indeks/r/')).map(r => r.responseStatus)",
    ))
    .unwrap()
}

fn total(tab: &Tab) -> u64 {
    eval(tab, "+document.getElementById('cari').dataset.total").as_u64().unwrap()
}

/// Clicks the facet link with this text inside a facet group.
fn click_facet(tab: &Tab, facet: &str, text: &str) {
    let clicked = eval(
        tab,
        &format!(
            "(() => {{ const a = [...document.querySelectorAll('[data-facet={facet}] a')].find(a => a.textContent === {text:?}); \
               if (!a) return false; a.click(); return true; }})()"
        ),
    );
    assert_eq!(clicked, serde_json::Value::Bool(true), "facet link {text} in {facet}");
}

#[test]
fn searching_filtering_and_deep_links_in_chromium() {
    let built = build(&repo().join("content"));
    let server = StaticServer::start(&built.public);
    let browser = chromium();
    let tab = browser.new_tab().unwrap();

    // Browsing with no query lists every record, newest activity first.
    tab.navigate_to(&format!("{}/cari/", server.origin)).unwrap();
    wait_for(&tab, "document.getElementById('cari').dataset.state === 'ready'");
    assert!(total(&tab) >= 5 + 1 + 11, "all activities, ormas, agencies and officials");

    // Typing a query: prefix matches while typing, then the whole word.
    tab.find_element("#q").unwrap().click().unwrap();
    tab.type_str("pilkada").unwrap();
    wait_ready(&tab, "pilkada", "q=pilkada");
    let found = results(&tab);
    assert_eq!(
        found.first().map(String::as_str),
        Some("/kegiatan/kpu-kota-tangerang-sosialisasi-ormas-pilkada-2024/"),
        "{found:?}"
    );
    for expected in [
        "/kegiatan/pemkot-tangerang-kemitraan-ormas-pilkada-2024/",
        "/kegiatan/kesbangpol-kaltim-rakor-ormas-pilkada-2024/",
    ] {
        assert!(found.contains(&expected.to_string()), "{expected} in {found:?}");
    }
    assert!(found.iter().take(3).all(|u| u.starts_with("/kegiatan/")), "the pilkada activities come first: {found:?}");
    let marks = eval(&tab, "[...document.querySelectorAll('#hasil mark')].map(m => m.textContent.toLowerCase())");
    assert!(marks.as_array().unwrap().iter().any(|m| m == "pilkada"), "matched words highlighted: {marks}");
    let meta = eval(&tab, "document.querySelector('#hasil > li .card-meta').textContent");
    assert_eq!(meta, "Kegiatan · Sosialisasi 12 Juli 2024 · Kota Tangerang", "type, date and region");
    let before = total(&tab);
    let statuses = summary_statuses(&tab);
    assert!(!statuses.is_empty() && statuses.iter().all(|&s| s == 206), "summaries read by range: {statuses:?}");
    assert_eq!(counts_agree(&tab), ("histogram".to_string(), true), "one word: its histogram counts");

    // A region filter: province, then the city; the count and list change.
    click_facet(&tab, "wilayah", "Banten");
    wait_ready(&tab, "pilkada", "wilayah=36");
    click_facet(&tab, "wilayah", "Kota Tangerang");
    wait_ready(&tab, "pilkada", "wilayah=36.71");
    let filtered = results(&tab);
    assert!(total(&tab) < before && total(&tab) == filtered.len() as u64, "{before} -> {filtered:?}");
    assert!(!filtered.contains(&"/kegiatan/kesbangpol-kaltim-rakor-ormas-pilkada-2024/".to_string()));
    assert_eq!(filtered[0], found[0]);
    assert_eq!(counts_agree(&tab), ("columns".to_string(), true), "a word and a filter: the short lists' columns");
    let counts = eval(&tab, "[...document.querySelectorAll('[data-facet=tahun] li')].map(li => li.textContent)");
    assert_eq!(counts, serde_json::json!([format!("2024{}", filtered.len())]), "counts per filter value");

    // The back button returns to the province filter.
    tab.evaluate("history.back()", false).unwrap();
    wait_for(
        &tab,
        "new URLSearchParams(location.search).get('wilayah') === '36' && document.getElementById('cari').dataset.state === 'ready'",
    );
    tab.evaluate("history.forward()", false).unwrap();
    wait_ready(&tab, "pilkada", "wilayah=36.71");

    // The deep link, loaded afresh, gives the same results.
    let url = eval(&tab, "location.href").as_str().unwrap().to_string();
    assert!(url.ends_with("/cari/?q=pilkada&wilayah=36.71"), "{url}");
    tab.navigate_to(&url).unwrap();
    wait_ready(&tab, "pilkada", "wilayah=36.71");
    assert_eq!(results(&tab), filtered);
    assert_eq!(eval(&tab, "document.getElementById('q').value"), "pilkada");

    let png = tab.capture_screenshot(CaptureScreenshotFormatOption::Png, None, None, true).unwrap();
    let shots = repo().join("docs/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    std::fs::write(shots.join("search.png"), png).unwrap();

    // A host that ignores ranges (here: requests stripped of their Range
    // header) sends whole summary files, and the results are the same.
    let plain = browser.new_tab().unwrap();
    plain
        .call_method(AddScriptToEvaluateOnNewDocument {
            source: "{ const f = window.fetch; window.fetch = (url) => f(url); }".into(),
            world_name: None,
            include_command_line_api: None,
            run_immediately: None,
        })
        .unwrap();
    plain.navigate_to(&url).unwrap();
    wait_ready(&plain, "pilkada", "wilayah=36.71");
    assert_eq!(results(&plain), filtered);
    // An official's summary lies past the first group of its file.
    plain.navigate_to(&format!("{}/cari/?q=qori", server.origin)).unwrap();
    wait_ready(&plain, "qori", "q=qori");
    assert_eq!(results(&plain).first().map(String::as_str), Some("/tokoh/qori-ayatullah/"));
    let statuses = summary_statuses(&plain);
    assert!(!statuses.is_empty() && statuses.iter().all(|&s| s == 200), "{statuses:?}");
    plain.close(true).unwrap();

    // Browsing with filters and no query, as in "every activity in Kota
    // Tangerang in 2024": one filter counts from its histogram, a filter
    // and a year from the filter's columns, a year alone from the columns
    // of its documents, all exactly.
    // Kota Tangerang has two activities, both of 2024, and three agencies;
    // 2024 has four activities, counted from the columns of their range.
    for (query, source, records) in [
        ("wilayah=36.71", "histogram", 5),
        ("wilayah=36.71&tahun=2024", "columns", 2),
        ("tahun=2024", "document columns", 4),
    ] {
        tab.navigate_to(&format!("{}/cari/?{query}", server.origin)).unwrap();
        wait_for(
            &tab,
            &format!("document.getElementById('cari').dataset.state === 'ready' && location.search === '?{query}'"),
        );
        assert_eq!(counts_agree(&tab), (source.to_string(), true), "{query}");
        assert_eq!(total(&tab), records, "{query}");
    }

    // A normal page loads no search script, and its header box leads to /cari/.
    tab.navigate_to(&format!("{}{}", server.origin, filtered[0])).unwrap();
    tab.wait_for_element("main h1").unwrap();
    let loaded = eval(&tab, "performance.getEntriesByType('resource').map(r => r.name)");
    assert!(
        loaded
            .as_array()
            .unwrap()
            .iter()
            .all(|n| !n.as_str().unwrap().contains("search") && !n.as_str().unwrap().contains("/cari/")),
        "{loaded}"
    );
    assert_eq!(eval(&tab, "document.querySelectorAll('script[src]:not([src*=\"/assets/ppid.\"])').length"), 0);
    tab.find_element("#q-header").unwrap().click().unwrap();
    tab.type_str("bamus").unwrap();
    tab.press_key("Enter").unwrap();
    wait_ready(&tab, "bamus", "q=bamus");
    assert_eq!(results(&tab).first().map(String::as_str), Some("/ormas/bamus-betawi-1982/"));
}
