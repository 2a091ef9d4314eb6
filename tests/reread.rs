//! A loaded site holds no file's text (issue 17: memory at a million
//! records): each record reads its file again when its body is needed,
//! and a file that changed meanwhile is reported, never half-used.

mod common;

use std::sync::Arc;

use common::{copy_dir, fixture};
use terbuka::model::{RereadLog, SourceText};

#[test]
fn loaded_records_hold_no_text_and_read_their_bodies_again() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("site"), &content);
    let (site, _) = terbuka::load(&content, false, &mut terbuka::Timings::default()).unwrap();
    assert!(!site.activities.is_empty() && !site.ormas.is_empty());
    let origins = site
        .activities
        .iter()
        .map(|r| (&r.origin, r.body().to_string()))
        .chain(site.ormas.iter().map(|r| (&r.origin, r.body().to_string())))
        .chain(site.partnerships.iter().map(|r| (&r.origin, r.body().to_string())))
        .chain(site.agencies.iter().map(|r| (&r.origin, r.body().to_string())))
        .chain(site.people.iter().map(|r| (&r.origin, r.body().to_string())));
    for (origin, body) in origins {
        assert!(matches!(origin.text, SourceText::OnDisk(_)), "{} keeps its text", origin.path());
        let file = std::fs::read_to_string(origin.full_path()).unwrap();
        assert_eq!(body, file[origin.body_start..], "{}", origin.path());
    }
    // A body read again is the body the pages show.
    let first = &site.activities[terbuka::site::ActivityIx::from(0)];
    assert!(first.body().split_whitespace().count() > 5);
}

#[test]
fn a_file_changed_after_parsing_gives_no_body_and_is_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("site"), &content);
    let log = Arc::new(RereadLog::default());
    let listed = terbuka::source::list_content(&content).unwrap();
    let (parsed, problems, _) = terbuka::parse::read_and_parse(listed, &log, |_| Vec::new(), None);
    assert!(problems.is_empty(), "{problems:?}");
    let record = parsed.activities.iter().find(|r| r.id == "tangsel-audiensi").unwrap();
    assert!(record.body().contains(' '));
    assert!(log.take().is_empty());

    let path = content.join("activities/2024/tangsel-audiensi.md");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text + "\nA line added after the build read the file.\n").unwrap();
    assert_eq!(&*record.body(), "", "a changed file must not be read at the old offsets");
    let reported = log.take();
    assert_eq!(reported.len(), 1, "{reported:?}");
    assert_eq!(reported[0].file, path);
    assert!(reported[0].message.contains("changed while the site was being built"), "{}", reported[0].message);
}
