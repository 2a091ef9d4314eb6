//! Search index alone (not a test): loads a content folder and writes only
//! its search index and the `/cari/` page into OUT, replacing OUT. For
//! measuring the index where a whole build would not fit (a million
//! activities: the HTML alone is tens of GB) and for comparing the index
//! files of two builds (`docs/search.md`, "Stability").
//!
//! `cargo run --release --example search_index -- CONTENT OUT`
//!
//! OUT then holds `cari/index.html` and `cari/indeks/`; copy the rest of a
//! small built site (its `assets/`) beside them to query it in a browser,
//! as `scripts/bench-search-index.sh` does.

// The same allocator as the `terbuka` binary, so the figures are its figures.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::Path;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [content, out] = args.as_slice() else {
        eprintln!("usage: search_index CONTENT OUT");
        std::process::exit(2);
    };
    let mut timings = terbuka::Timings::default();
    let started = Instant::now();
    let (site, _) = terbuka::load(Path::new(content), false, &mut timings)?;
    let loaded = started.elapsed();
    let theme = terbuka::load_theme(None)?;
    let urls = terbuka::address::Urls::new(&site.config.base_url);
    let staging = terbuka::output::Staging::create(Path::new(out))?;
    let started = Instant::now();
    let stats = terbuka::search::write_index(&site, &urls, &staging, &terbuka::incremental::reuse::Reuse::none())?;
    let indexed = started.elapsed();
    let renderer = terbuka::render::Renderer::new(&site, &theme, urls)?;
    renderer.write_search_page(&staging, &stats.manifest)?;
    staging.commit()?;
    println!(
        "loaded in {:.1} s; index: {} documents, {} terms, {} files, {:.2} MB in {:.1} s; peak RSS {:.0} MB; manifest {}",
        loaded.as_secs_f64(),
        stats.documents,
        stats.terms,
        stats.files,
        stats.bytes as f64 / 1e6,
        indexed.as_secs_f64(),
        terbuka::Memory::now().map_or(0.0, |m| m.peak as f64 / (1024.0 * 1024.0)),
        stats.manifest
    );
    for (name, d) in &stats.phases {
        println!("  {name:<12} {:>8.1} ms", d.as_secs_f64() * 1000.0);
    }
    Ok(())
}
