//! Fuzz target: one content file of any kind through the record parser
//! (front matter split, YAML, the record's model), its Markdown body
//! through the renderer and the HTML sanitiser, and every diagnostic
//! through the reports.
#![no_main]

use libfuzzer_sys::fuzz_target;
use terbuka::render::markdown;
use terbuka::source::ContentFiles;
use terbuka_fuzz::{ROLES, report_all, source_file, split_input};

fuzz_target!(|data: &[u8]| {
    let Some((pick, text)) = split_input(data) else { return };
    let (role, rel_path) = ROLES[pick as usize % ROLES.len()];
    if let Ok(split) = terbuka::parse::split(&text) {
        let body = &text[split.body_start..];
        let _ = markdown::to_html(body);
        let _ = terbuka::text::plain_text(body);
        let _ = terbuka::text::excerpt(body, 160);
        let _ = terbuka::text::summary(body);
    }
    let files = ContentFiles { files: vec![source_file(role, rel_path, text)], diagnostics: Vec::new() };
    let (_content, problems) = terbuka::parse::parse(files);
    report_all(problems);
});
