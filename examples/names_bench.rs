//! What the duplicate-name check adds to `terbuka check`: runs the check's
//! stages (read, parse, link) with and without it, alternately, and prints
//! medians. `cargo run --release --example names_bench -- DIR [RUNS]`, on a
//! corpus from `cargo xtask gen-corpus --activities 10000 --ormas 100000`.

use std::path::PathBuf;
use std::time::{Duration, Instant};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: names_bench CONTENT_DIR [RUNS]"));
    let runs: usize = args.next().map_or(5, |r| r.parse().expect("RUNS is a number"));
    terbuka::configure_threads();
    let (mut with, mut without, mut names) = (Vec::new(), Vec::new(), Vec::new());
    let mut counts = (0, 0, 0, 0);
    for run in 0..runs * 2 {
        let duplicates = run % 2 == 0;
        let started = Instant::now();
        let files = terbuka::source::read_content(&dir).expect("content folder");
        let (content, _) = terbuka::parse::parse(files);
        let mut warnings = 0;
        if duplicates {
            let t = Instant::now();
            warnings = terbuka::names::duplicates::find(&content.ormas, &content.agencies, &content.people).len();
            names.push(t.elapsed());
        }
        counts = (content.ormas.len(), content.people.len(), content.agencies.len(), warnings.max(counts.3));
        let (site, _) = terbuka::site::link(content, &dir);
        assert!(site.is_some(), "the corpus must check");
        if duplicates { with.push(started.elapsed()) } else { without.push(started.elapsed()) }
    }
    let (ormas, people, agencies, warnings) = counts;
    println!("{ormas} ormas, {people} officials, {agencies} agencies; {warnings} likely-duplicate warning(s)");
    println!("check without the duplicate check: median {} of {runs}", secs(median(without.clone())));
    println!("check with the duplicate check:    median {} of {runs}", secs(median(with.clone())));
    println!("the duplicate check alone:         median {} of {runs}", secs(median(names)));
}
