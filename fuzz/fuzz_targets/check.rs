//! Fuzz target: `terbuka check` on a small, complete content folder (the
//! test fixture site, held in memory) with one file replaced by the fuzz
//! input (the first file of the role the input's first byte picks, as in
//! the `record` target): parsing, linking and every content rule, then the
//! reports.
#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use terbuka::source::{ContentFiles, SourceFile};
use terbuka_fuzz::{ROLES, report_all, source_file, split_input};

/// The fixture site's files, read once.
static SITE: LazyLock<Vec<SourceFile>> = LazyLock::new(|| {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/site");
    let files = terbuka::source::read_content(&dir).expect("the fixture site is readable");
    assert!(files.diagnostics.is_empty(), "the fixture site has layout problems");
    files.files
});

fuzz_target!(|data: &[u8]| {
    let Some((pick, text)) = split_input(data) else { return };
    let (role, default_path) = ROLES[pick as usize % ROLES.len()];
    let mut files = SITE.clone();
    match files.iter().position(|f| f.role == role) {
        Some(at) => {
            let rel_path = files[at].rel_path.clone();
            files[at] = source_file(role, &rel_path, text);
        }
        None => files.push(source_file(role, default_path, text)),
    }
    let content = ContentFiles { files, diagnostics: Vec::new() };
    let result = terbuka::load_files(content, Path::new("content"), true, &mut terbuka::Timings::default());
    let problems = match result {
        Ok((_site, warnings)) => warnings.0,
        Err(terbuka::BuildError::Content(d)) => d.0,
        Err(e) => panic!("check failed without a content problem: {e}"),
    };
    report_all(problems);
});
