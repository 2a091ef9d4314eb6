//! A test hook that stops a build at a named point so a test can kill it
//! there: the kill tests (`tests/interrupted.rs`) use it to prove that an
//! interrupted build never leaves a half-written `public/`.
//!
//! `TERBUKA_PAUSE_AT` names the point: a stage (`read`, `parse`, `link`,
//! `render`, `search`, `data`, `commit`), `swap` (after the staged site was
//! exchanged with the old one, before the old one is deleted or, in an
//! incremental build, before the build cache is saved), or `files:N`
//! (once the staging folder holds N files, i.e. in the middle of whatever
//! stage writes the Nth file). Incremental builds (`src/incremental/`)
//! add `spare` (the spare generation just marked unclean, before any file
//! of it changed), `exchange` (the spare up to date, stale files removed,
//! before it is exchanged with the output) and `state` (after the
//! exchange, before the new cache state is written). The build prints
//! `terbuka: paused at POINT` on stderr and waits to be killed. The
//! variable is read once; unset, each point costs one atomic load.

use std::sync::OnceLock;

/// The environment variable naming the point to pause at.
pub const VAR: &str = "TERBUKA_PAUSE_AT";

enum Target {
    Nowhere,
    Point(String),
    Files(usize),
}

fn target() -> &'static Target {
    static TARGET: OnceLock<Target> = OnceLock::new();
    TARGET.get_or_init(|| match std::env::var(VAR) {
        Ok(v) => match v.strip_prefix("files:").map(str::parse) {
            Some(Ok(n)) => Target::Files(n),
            _ => Target::Point(v),
        },
        Err(_) => Target::Nowhere,
    })
}

/// Pauses for good if the hook names `point`.
pub fn at(point: &str) {
    if let Target::Point(p) = target()
        && p == point
    {
        hold(point);
    }
}

/// Pauses for good if the hook names `files:N` and `staged` is N.
pub fn after_files(staged: usize) {
    if let Target::Files(n) = target()
        && *n == staged
    {
        hold(&format!("files:{n}"));
    }
}

fn hold(point: &str) -> ! {
    eprintln!("terbuka: paused at {point} ({VAR})");
    loop {
        std::thread::park();
    }
}
