//! The mistakes staff make in a record, each with the exact message, the
//! line it is on and the exact fix: YAML syntax (a colon in a value, an
//! unclosed quote, a tab, wrong indentation, a list item without `-`), a
//! date written in words, a region code that does not exist; and the
//! warning on likely duplicate ormas and officials, naming both files.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{copy_dir, fixture};
use terbuka::diagnostic::{Diagnostic, Severity};

const A: &str = "activities/2024/kpu-sosialisasi-pilkada.md";

/// A copy of the site fixture with `file` edited by `from` -> `to`.
fn content_with(file: &str, from: &str, to: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("site"), &content);
    let path = content.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} not in {file}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
    (tmp, content)
}

/// Every problem `check` reports for `file`.
fn problems(content: &Path, file: &str) -> Vec<Diagnostic> {
    let all = match terbuka::check(content, true) {
        Ok(warnings) => warnings.0,
        Err(terbuka::BuildError::Content(d)) => d.0,
        Err(e) => panic!("{e}"),
    };
    all.into_iter().filter(|d| d.file.ends_with(file)).collect()
}

/// The one problem of the edited record: (line, field, message, help).
fn the_error(from: &str, to: &str) -> (usize, Option<String>, String, Option<String>) {
    let (_tmp, content) = content_with(A, from, to);
    let found = problems(&content, A);
    assert_eq!(found.len(), 1, "{found:#?}");
    let d = found.into_iter().next().unwrap();
    assert_eq!(d.severity, Severity::Error);
    (d.line, d.field, d.message, d.help)
}

fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

#[test]
fn a_colon_in_a_value() {
    let (line, field, message, help) =
        the_error("venue: Novotel Tangerang", "venue: Novotel Tangerang: Ruang Ballroom");
    assert_eq!(line, 7);
    assert_eq!(field, s("venue"));
    assert_eq!(
        message,
        "the value of `venue` contains a colon followed by a space, which YAML reads as the start of another field"
    );
    assert_eq!(help, s("put the whole value in double quotes: `venue: \"Novotel Tangerang: Ruang Ballroom\"`"));
}

#[test]
fn an_unclosed_quote() {
    let (line, field, message, help) = the_error(
        "title: KPU Kota Tangerang Ajak Ormas Kawal Pilkada Serentak 2024",
        "title: \"KPU Kota Tangerang Ajak Ormas Kawal Pilkada Serentak 2024",
    );
    // On the line with the quote, not where the parser gave up.
    assert_eq!(line, 2);
    assert_eq!(field, s("title"));
    assert_eq!(message, "the quote that starts the value of `title` is never closed");
    assert_eq!(
        help,
        s("end the value with the same quote: `title: \"KPU Kota Tangerang Ajak Ormas Kawal Pilkada Serentak 2024\"`")
    );
}

#[test]
fn a_tab() {
    let (line, field, message, help) = the_error("  ormas_count: 21", "\tormas_count: 21");
    assert_eq!(line, 11);
    assert_eq!(field, s("ormas_count"));
    assert_eq!(message, "this line is indented with a tab; YAML allows only spaces");
    assert_eq!(help, s("indent with spaces instead: `  ormas_count: 21`"));
}

#[test]
fn wrong_indentation() {
    let (line, field, message, help) = the_error("  attendees: 100", "   attendees: 100");
    assert_eq!(line, 12);
    assert_eq!(field, s("attendees"));
    assert_eq!(message, "`attendees` is indented by 3 space(s), but the fields it belongs with are indented by 2");
    assert_eq!(help, s("indent it like the fields around it: `  attendees: 100`"));
}

#[test]
fn a_list_item_without_a_dash() {
    let (line, field, message, help) = the_error(
        "  - name: Achmad Zamzami\n    role: Pemateri",
        "  - name: Achmad Zamzami\n    role: Pemateri\n  Yhannu Setyawan",
    );
    assert_eq!(line, 18);
    assert_eq!(field, None);
    assert_eq!(message, "this line is in a list but does not start with `-`");
    assert_eq!(help, s("start the item with a dash and a space: `  - Yhannu Setyawan`"));
    // A list written as lines without any dash reads as one text.
    let (line, field, message, help) = the_error("topics: [pilkada-2024]", "topics:\n  pilkada-2024");
    assert_eq!(line, 19);
    assert_eq!(field, s("topics"));
    assert_eq!(message, "invalid type: string \"pilkada-2024\", expected a sequence");
    assert_eq!(help, s("a list has one item per line, each starting with a dash and a space: `  - pilkada-2024`"));
}

#[test]
fn a_date_in_words() {
    let (line, field, message, help) = the_error("date: \"2024-07-12\"", "date: 12 Juli 2024");
    assert_eq!(line, 3);
    assert_eq!(field, s("date"));
    assert_eq!(message, "`12 Juli 2024` is not a date in the form the portal reads (year-month-day)");
    assert_eq!(help, s("write `date: \"2024-07-12\"`"));
}

#[test]
fn a_region_code_suggests_codes_under_its_province() {
    let (line, field, message, help) = the_error("region: \"36.71\"", "region: \"36.72\"");
    assert_eq!(line, 6);
    assert_eq!(field, s("region"));
    assert_eq!(message, "there is no region `36.72`");
    assert_eq!(
        help,
        s("did you mean `36.71`? Codes under Banten (`36`): `36.71` Kota Tangerang, `36.74` Kota Tangerang Selatan")
    );
}

#[test]
fn likely_duplicates_name_both_files() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("site"), &content);
    fs::write(
        content.join("ormas/bamus-betawi.md"),
        "---\nname: BAMUS Betawi 1982\nregion: \"31\"\nstatus: aktif\n---\nBadan musyawarah masyarakat Betawi di Jakarta.\n",
    )
    .unwrap();
    fs::write(
        content.join("people/h-abdul-rochim-mansur.yaml"),
        "name: H. Abdul Rochim Mansur, S.Sos.\npositions:\n  - role: Ketua Umum\n",
    )
    .unwrap();
    fs::write(content.join("people/abdul-rochim.yaml"), "name: Abdul Rochim\npositions:\n  - role: Ketua\n").unwrap();
    // Warnings: `check` passes, `--strict` does not.
    assert!(terbuka::check(&content, false).is_ok());
    let ormas = problems(&content, "ormas/bamus-betawi.md");
    assert_eq!(ormas.len(), 1, "{ormas:#?}");
    let d = &ormas[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!((d.line, d.field.as_deref()), (2, Some("name")));
    assert_eq!(
        d.message,
        format!(
            "this ormas may be the same as `bamus-betawi-1982` ({}): its name `BAMUS Betawi 1982` and that record's abbreviation `Bamus Betawi 1982` are the same name once titles, punctuation, case and abbreviations are set aside",
            content.join("ormas/bamus-betawi-1982.md").display()
        )
    );
    assert_eq!(
        d.help.as_deref(),
        Some(
            "if they are one body, keep one record, add the other spelling to its `other_names`, and point records at its id; if not, add `distinct_from: [bamus-betawi-1982]`"
        )
    );
    let people = problems(&content, "people/h-abdul-rochim-mansur.yaml");
    assert_eq!(people.len(), 1, "{people:#?}");
    assert_eq!(
        people[0].message,
        format!(
            "this person may be the same as `abdul-rochim` ({}): `Abdul Rochim` is `H. Abdul Rochim Mansur, S.Sos.` without titles or its last name",
            content.join("people/abdul-rochim.yaml").display()
        )
    );
    assert_eq!(
        people[0].help.as_deref(),
        Some(
            "if they are one person, keep one record and point activities at its id; if not, add `distinct_from: [abdul-rochim]`"
        )
    );
    // Different people who share only a first name are not flagged.
    assert!(problems(&content, "people/herman.yaml").is_empty());
    // Staff can say two records are different; the id must exist.
    let path = content.join("people/h-abdul-rochim-mansur.yaml");
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, format!("{text}distinct_from: [abdul-rochim]\n")).unwrap();
    assert!(problems(&content, "people/h-abdul-rochim-mansur.yaml").is_empty());
    fs::write(&path, format!("{text}distinct_from: [abdul-rohim]\n")).unwrap();
    // A misspelt id is an error, and silences nothing.
    let wrong = problems(&content, "people/h-abdul-rochim-mansur.yaml");
    assert_eq!(wrong.len(), 2, "{wrong:#?}");
    let error = wrong.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(error.message, "there is no person `abdul-rohim`");
    assert_eq!(error.field.as_deref(), Some("distinct_from[0]"));
}
