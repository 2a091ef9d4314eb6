//! Search benchmark (not a test): builds the index of a content folder and
//! measures, in headless Chromium, what a first and a later query download.
//!
//! `cargo run --release --example search_bench -- CONTENT OUT [QUERY1 QUERY2 [FILTER]]`
//! (with `SEARCH_BENCH_REUSE=1`, an OUT already built by `terbuka build` is
//! measured as it is; with CONTENT `-`, only the queries are measured)
//! (`scripts/bench-search.sh` generates the corpora and runs it; figures go
//! in `docs/search.md`).

// The same allocator as the `terbuka` binary, so the figures are its figures.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use headless_chrome::{Browser, LaunchOptions};
use serde::Deserialize;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, out, rest @ ..] = args.as_slice() else {
        eprintln!("usage: search_bench CONTENT OUT [QUERY1 QUERY2 [FILTER [QUERY3]]]");
        std::process::exit(2);
    };
    let q1 = rest.first().map_or("pilkada", String::as_str);
    let q2 = rest.get(1).map_or("bamus", String::as_str);
    let filter = rest.get(2).map_or("wilayah=36.71", String::as_str);
    let out = PathBuf::from(out);

    // With CONTENT `-`, OUT (built already, or by `search_index`) is only
    // queried: at a million activities loading the site again would need
    // as much memory as the build.
    if content == "-" {
        return queries(&out, q1, q2, filter, rest);
    }
    // Index alone, on a loaded site, phase by phase.
    let mut timings = terbuka::Timings::default();
    let (site, _) = terbuka::load(Path::new(content), false, &mut timings)?;
    let urls = terbuka::address::Urls::new(&site.config.base_url);
    let staging = terbuka::output::Staging::create(&out.with_extension("index-only"))?;
    let before = peak_rss_mb();
    let started = Instant::now();
    let stats = terbuka::search::write_index(&site, &urls, &staging, &terbuka::incremental::reuse::Reuse::none())?;
    let total = started.elapsed();
    println!("peak RSS: {before:.0} MB with the site loaded, {:.0} MB after indexing it", peak_rss_mb());
    drop(staging);
    println!(
        "index: {} documents, {} terms, {} files, {:.2} MB",
        stats.documents,
        stats.terms,
        stats.files,
        mb(stats.bytes)
    );
    println!("index build: {:.2} s", total.as_secs_f64());
    for (name, d) in &stats.phases {
        println!("  {name:<12} {:>8.1} ms", d.as_secs_f64() * 1000.0);
    }
    drop(site);

    // The whole site, as `terbuka build` writes it, to compare sizes.
    if std::env::var_os("SEARCH_BENCH_REUSE").is_none() || !out.join("cari/index.html").is_file() {
        let report = terbuka::build(&terbuka::BuildOptions::new(content, &out))?;
        if let Some((_, d)) = report.timings.stages.iter().find(|(n, _)| *n == "search") {
            println!("search stage in full build: {:.2} s", d.as_secs_f64());
        }
    }
    let index_dir = out.join("cari/indeks");
    let (index_files, index_bytes) = dir_size(&index_dir);
    let (all_files, all_bytes) = dir_size(&out);
    let html_bytes = html_size(&out);
    println!("site: {} files, {:.1} MB; HTML {:.1} MB", all_files, mb(all_bytes), mb(html_bytes));
    println!(
        "index: {} files, {:.2} MB = {:.2}% of the HTML",
        index_files,
        mb(index_bytes),
        100.0 * index_bytes as f64 / html_bytes.max(1) as f64
    );
    queries(&out, q1, q2, filter, rest)
}

/// Queries in Chromium, from a local static server.
fn queries(out: &Path, q1: &str, q2: &str, filter: &str, rest: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let server = terbuka::serve::http::HttpServer::start(0, out.to_path_buf(), None)?;
    let origin = format!("http://{}", server.addr);
    let browser = chromium()?;
    let tab = browser.new_tab()?;
    let first = format!("{}/cari/?q={q1}", origin);
    let m1 = measure(&tab, &first, None)?;
    report_query(&format!("first query `{q1}` (cold cache, page included)"), &m1);
    let m2 = measure(&tab, &format!("{}/cari/?q={q2}", origin), Some(q2))?;
    report_query(&format!("second query `{q2}` (same page)"), &m2);
    let m3 = measure(&tab, &format!("{}/cari/?q={q1}&{filter}", origin), Some("filter"))?;
    report_query(&format!("filter `{q1}` + `{filter}` (same page)"), &m3);
    let q3 = rest.get(3).map_or("kebanjiran", String::as_str);
    let m4 = measure(&tab, &format!("{}/cari/?q={q3}", origin), Some(q3))?;
    report_query(&format!("third query `{q3}` (same page)"), &m4);
    // A common word and a year: no short list covers the results, so the
    // counts read the column files of that year's documents.
    let m6 = measure(&tab, &format!("{}/cari/?q={q3}&tahun=2024", origin), Some("year"))?;
    report_query(&format!("third query `{q3}` + `tahun=2024` (same page)"), &m6);
    // Browsing a region and year, in a fresh page with an empty cache.
    let fresh = browser.new_context()?.new_tab()?;
    let m5 = measure(&fresh, &format!("{}/cari/?{filter}&tahun=2024", origin), None)?;
    report_query(&format!("browse `{filter}&tahun=2024`, no query (cold cache)"), &m5);
    Ok(())
}

/// Peak resident memory of this process so far, in MiB.
fn peak_rss_mb() -> f64 {
    terbuka::Memory::now().map_or(0.0, |m| m.peak as f64 / (1024.0 * 1024.0))
}

fn mb(b: u64) -> f64 {
    b as f64 / 1_000_000.0
}

fn dir_size(dir: &Path) -> (usize, u64) {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .fold((0, 0), |(n, b), e| (n + 1, b + e.metadata().map_or(0, |m| m.len())))
}

fn html_size(dir: &Path) -> u64 {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.metadata().map_or(0, |m| m.len()))
        .sum()
}

#[derive(Debug, Deserialize)]
struct Resource {
    name: String,
    start: f64,
    end: f64,
    bytes: f64,
}

#[derive(Debug, Deserialize)]
struct Measured {
    total: u64,
    ms: f64,
    after: f64,
    compute: f64,
    /// Where the facet counts came from (`search.js` `counts.source`).
    source: String,
    resources: Vec<Resource>,
}

/// Loads `url` (or, with `via`, navigates the open page to it with
/// `history.pushState`, as a click does) and collects the resources
/// fetched for the query.
fn measure(tab: &headless_chrome::Tab, url: &str, via: Option<&str>) -> Result<Measured, Box<dyn std::error::Error>> {
    match via {
        None => {
            tab.navigate_to(url)?;
        }
        Some(_) => {
            tab.evaluate(
                &format!(
                    "performance.clearResourceTimings(); document.getElementById('cari').dataset.state = 'loading'; \
                     history.pushState(null, '', {url:?}); window.terbukaSearch.update(); true"
                ),
                false,
            )?;
        }
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let state = tab
            .evaluate("document.getElementById('cari') && document.getElementById('cari').dataset.state", false)?
            .value;
        if state.as_ref().and_then(|v| v.as_str()) == Some("ready") {
            break;
        }
        if Instant::now() > deadline || state.as_ref().and_then(|v| v.as_str()) == Some("error") {
            let status = tab.evaluate("document.getElementById('status').textContent", false)?.value;
            return Err(format!("search did not finish ({state:?}; status {status:?})").into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let json = tab
        .evaluate(
            "JSON.stringify({total: +document.getElementById('cari').dataset.total, \
               ms: +document.getElementById('cari').dataset.ms, \
               after: +document.getElementById('cari').dataset.afterShards, \
               compute: +document.getElementById('cari').dataset.compute, \
               source: window.terbukaSearch.found.counts.source, \
               resources: performance.getEntriesByType('resource').map(r => ({name: r.name, start: r.startTime, \
               end: r.responseEnd, bytes: r.transferSize || r.encodedBodySize}))})",
            false,
        )?
        .value
        .and_then(|v| v.as_str().map(String::from))
        .ok_or("no measurements")?;
    Ok(serde_json::from_str(&json)?)
}

/// Sequential round trips: a fetch that starts after every fetch of the
/// current wave has ended begins a new wave.
fn waves(resources: &[Resource]) -> usize {
    let mut sorted: Vec<&Resource> = resources.iter().collect();
    sorted.sort_by(|a, b| a.start.total_cmp(&b.start));
    let mut waves = 0;
    let mut wave_end = f64::NEG_INFINITY;
    for r in sorted {
        if r.start >= wave_end {
            waves += 1;
            wave_end = r.end;
        } else {
            wave_end = wave_end.max(r.end);
        }
    }
    waves
}

fn report_query(label: &str, m: &Measured) {
    // The engine and the index; the page's own stylesheet and icon are not search.
    let index: Vec<&Resource> =
        m.resources.iter().filter(|r| r.name.ends_with(".js") || r.name.contains("/cari/indeks/")).collect();
    let engine: f64 = index.iter().filter(|r| r.name.ends_with(".js")).map(|r| r.bytes).sum();
    let bytes: f64 = index.iter().map(|r| r.bytes).sum();
    let owned: Vec<Resource> =
        index.iter().map(|r| Resource { name: r.name.clone(), start: r.start, end: r.end, bytes: r.bytes }).collect();
    println!(
        "{label}: {} results, counts from {}; {} requests, {:.1} kB (engine {:.1} kB), {} round trips; \
         search {:.0} ms, {:.0} ms after the term shards ({:.0} ms computing)",
        m.total,
        m.source,
        index.len(),
        bytes / 1000.0,
        engine / 1000.0,
        waves(&owned),
        m.ms,
        m.after,
        m.compute
    );
    for r in &index {
        let name = r.name.rsplit("/cari/").next().unwrap_or(&r.name);
        println!("    {:>8.1} kB  {:>7.1}-{:<7.1} ms  {name}", r.bytes / 1000.0, r.start, r.end);
    }
}

fn chromium() -> Result<Browser, Box<dyn std::error::Error>> {
    let path = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].iter().map(PathBuf::from).find(|p| p.exists());
    let options = LaunchOptions::default_builder()
        .path(path)
        .sandbox(false)
        .headless(true)
        .window_size(Some((1280, 900)))
        .idle_browser_timeout(Duration::from_secs(300))
        .build()?;
    Ok(Browser::new(options)?)
}
