//! Live reload in a real browser: a headless Chromium tab open on the
//! preview reloads by itself when a record is saved, and shows the problem
//! panel when the record breaks.

mod common;

use std::fs;
use std::time::{Duration, Instant};

use common::{chromium, copy_dir, fixture};
use terbuka::serve::{ServeOptions, Server};

/// Evaluates `expr` in the tab until it is `true`.
fn wait_for(tab: &headless_chrome::Tab, expr: &str, what: &str) {
    let started = Instant::now();
    loop {
        let value = tab.evaluate(expr, false).ok().and_then(|r| r.value);
        if value == Some(serde_json::Value::Bool(true)) {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "the tab never {what}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn an_open_tab_reloads_itself_on_save_and_shows_problems() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("site"), &content);
    let server = Server::start(ServeOptions { verbose: false, ..ServeOptions::new(&content) }).unwrap();

    let browser = chromium();
    let tab = browser.new_tab().unwrap();
    tab.navigate_to(&format!("{}kegiatan/kpu-sosialisasi-pilkada/", server.url)).unwrap();
    tab.wait_until_navigated().unwrap();
    wait_for(&tab, "document.body.innerText.includes('Kawal Pilkada')", "loaded the page");
    // A value that only survives as long as the page is not reloaded.
    tab.evaluate("window.__notReloaded = true", false).unwrap();

    let record = content.join("activities/2024/kpu-sosialisasi-pilkada.md");
    let text = fs::read_to_string(&record).unwrap();
    fs::write(&record, text.replace("Komisi Pemilihan Umum (KPU) Kota Tangerang menggelar", "Teks Baru Dari Staf:"))
        .unwrap();
    wait_for(
        &tab,
        "window.__notReloaded === undefined && document.body.innerText.includes('Teks Baru Dari Staf:')",
        "reloaded with the new text",
    );

    tab.evaluate("window.__notReloaded = true", false).unwrap();
    let text = fs::read_to_string(&record).unwrap();
    fs::write(&record, text.replace("region: \"36.71\"", "region: \"36.79\"")).unwrap();
    wait_for(
        &tab,
        "window.__notReloaded === undefined && !!document.getElementById('terbuka-problems') \
         && document.getElementById('terbuka-problems').innerText.includes('there is no region `36.79`') \
         && document.body.innerText.includes('Teks Baru Dari Staf:')",
        "showed the problem over the last good page",
    );
}
