//! Hostile and huge records: deeply nested YAML, a billion-laughs record,
//! a 100 MB body, 100,000 list items, control characters and
//! right-to-left marks in names. Each gives a clear error naming the file
//! and what to fix, or builds; always within a generous ceiling of time
//! and memory, so a hang or a blow-up fails the test (the figures measured
//! are in docs/reliability.md; tests do not assert timings).
//!
//! Also the regression tests of the fuzzing findings (docs/reliability.md).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{copy_dir, fixture};

/// What a bounded run of the binary gave.
struct Run {
    code: Option<i32>,
    stderr: String,
    /// Peak resident memory, bytes (sampled `VmHWM`).
    peak: u64,
}

/// No case may take longer than this (debug build, shared machine): a
/// hang detector, not a benchmark.
const TIME_CEILING: Duration = Duration::from_secs(180);
/// Nor hold more memory than this.
const MEMORY_CEILING: u64 = 3 << 30;

fn vm_hwm(pid: u32) -> Option<u64> {
    let status = fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    Some(line.split_whitespace().nth(1)?.parse::<u64>().ok()? * 1024)
}

/// Runs `terbuka <args>` in `dir`, killing it past the ceilings.
fn run_bounded(dir: &Path, args: &[&str]) -> Run {
    let err_path = dir.join("stderr.txt");
    let mut child = Command::new(env!("CARGO_BIN_EXE_terbuka"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut peak = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        peak = peak.max(vm_hwm(child.id()).unwrap_or(0));
        if started.elapsed() > TIME_CEILING || peak > MEMORY_CEILING {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("`terbuka {}` passed the ceiling: {:?}, {} MB", args.join(" "), started.elapsed(), peak >> 20);
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stderr = fs::read_to_string(&err_path).unwrap_or_default();
    eprintln!("terbuka {}: {:?}, peak {} MB, exit {:?}", args.join(" "), started.elapsed(), peak >> 20, status.code());
    Run { code: status.code(), stderr, peak }
}

/// The fixture site in a temporary folder, with `file` replaced.
fn site_with(file: &str, text: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("site"), &content);
    let path = content.join(file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, text).unwrap();
    (tmp, path)
}

const ACTIVITY: &str = "activities/2024/kpu-sosialisasi-pilkada.md";
const ORMAS: &str = "ormas/forum-pemuda-tangerang.md";

fn fixture_text(file: &str) -> String {
    fs::read_to_string(fixture("site").join(file)).unwrap()
}

/// The activity fixture with `venue`'s line replaced by `line`.
fn activity_with_venue(line: &str) -> String {
    fixture_text(ACTIVITY).replacen("venue: Novotel Tangerang", line, 1)
}

/// Asserts a failed check that names `file` and says `words`.
fn assert_clear_error(run: &Run, file: &str, words: &[&str]) {
    assert_eq!(run.code, Some(1), "must fail:\n{}", run.stderr);
    assert!(run.stderr.contains(file), "the error names the file `{file}`:\n{}", run.stderr);
    for w in words {
        assert!(run.stderr.contains(w), "the error says `{w}`:\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("panicked"), "a panic:\n{}", run.stderr);
}

#[test]
fn deeply_nested_yaml_is_refused_clearly() {
    // Flow nesting, 100,000 levels (before the fix, libyaml took time in
    // the square of the depth: 13 s at 20,000), as a field's value and
    // under a field the model does not know.
    for (open, close) in [("[", "]"), ("{a: ", "}")] {
        for line in ["venue: ", "tidak_dikenal: "] {
            let nested = format!("{line}{}x{}", open.repeat(100_000), close.repeat(100_000));
            let (tmp, _) = site_with(ACTIVITY, &activity_with_venue(&nested));
            let run = run_bounded(tmp.path(), &["check"]);
            assert_clear_error(&run, "kpu-sosialisasi-pilkada.md:7:", &["nested more than 32 levels"]);
        }
    }
    // Block nesting by indentation, 1,500 levels deep (1 MB of spaces).
    let mut block = String::from("venue:\n");
    for depth in 1..1_500 {
        block.push_str(&format!("{}k:\n", " ".repeat(depth)));
    }
    let (tmp, _) = site_with(ACTIVITY, &activity_with_venue(block.trim_end()));
    let run = run_bounded(tmp.path(), &["check"]);
    assert_clear_error(&run, "kpu-sosialisasi-pilkada.md", &["venue"]);
}

#[test]
fn a_billion_laughs_record_is_refused_clearly() {
    let mut laughs = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        laughs.push_str(&format!("a{i}: &a{i} [{}]\n", vec![format!("*a{}", i - 1); 10].join(", ")));
    }
    // As unknown fields, as the value of a text field and of a list field.
    let cases = [
        fixture_text(ACTIVITY).replacen("---\n", &format!("---\n{laughs}"), 1),
        activity_with_venue(&format!("{laughs}venue: *a9")),
        fixture_text(ACTIVITY).replacen("topics: [pilkada-2024]", &format!("{laughs}topics: *a9"), 1),
    ];
    for text in cases {
        let (tmp, _) = site_with(ACTIVITY, &text);
        let run = run_bounded(tmp.path(), &["check"]);
        assert_clear_error(&run, "kpu-sosialisasi-pilkada.md", &[]);
        assert!(run.peak < 1 << 30, "aliases expanded: {} MB", run.peak >> 20);
    }
}

#[test]
fn a_100_mb_body_is_refused_before_it_is_read() {
    let mut text = fixture_text(ACTIVITY);
    let paragraph = "Sosialisasi peran serta ormas dalam pilkada serentak. ".repeat(20) + "\n\n";
    while text.len() < 100 << 20 {
        text.push_str(&paragraph);
    }
    let (tmp, _) = site_with(ACTIVITY, &text);
    let run = run_bounded(tmp.path(), &["build"]);
    assert_clear_error(&run, "kpu-sosialisasi-pilkada.md", &["MB", "limit"]);
    assert!(run.peak < 512 << 20, "the file was read: {} MB", run.peak >> 20);
    assert!(!tmp.path().join("public").exists(), "nothing is written");
}

#[test]
fn a_record_just_under_the_size_limit_builds() {
    let mut text = fixture_text(ACTIVITY);
    let paragraph = "Sosialisasi peran serta ormas dalam pilkada serentak. ".repeat(20) + "\n\n";
    while text.len() + paragraph.len() < terbuka::source::MAX_FILE_BYTES as usize - 1024 {
        text.push_str(&paragraph);
    }
    let (tmp, _) = site_with(ACTIVITY, &text);
    let run = run_bounded(tmp.path(), &["build"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = fs::read_to_string(tmp.path().join("public/kegiatan/kpu-sosialisasi-pilkada/index.html")).unwrap();
    assert!(page.len() > 1 << 20, "the whole text is on the page");
}

#[test]
fn a_hundred_thousand_list_items_build_or_fail_clearly() {
    // 100,000 sources: valid, so the site builds with all of them.
    let sources: String = (0..100_000).map(|i| format!("  - title: Berita {i}\n")).collect();
    let text = fixture_text(ACTIVITY).replacen("sources:\n", &format!("sources:\n{sources}"), 1);
    let (tmp, _) = site_with(ACTIVITY, &text);
    let run = run_bounded(tmp.path(), &["build"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = fs::read_to_string(tmp.path().join("public/kegiatan/kpu-sosialisasi-pilkada/index.html")).unwrap();
    assert!(page.contains("Berita 99999"));

    // 100,000 ormas ids that do not exist: every one is an error, but the
    // report stays readable (a few shown, the rest counted).
    let ormas: String = (0..100_000).map(|i| format!("ormas-hilang-{i}, ")).collect();
    let text = fixture_text(ACTIVITY).replacen(
        "ormas: [bamus-betawi-1982, forum-pemuda-tangerang]",
        &format!("ormas: [{ormas}bamus-betawi-1982]"),
        1,
    );
    let (tmp, _) = site_with(ACTIVITY, &text);
    let run = run_bounded(tmp.path(), &["check"]);
    assert_clear_error(&run, "kpu-sosialisasi-pilkada.md", &["ormas-hilang-0", "more"]);
    assert!(run.stderr.len() < 1 << 20, "the report is {} bytes", run.stderr.len());
}

#[test]
fn bidirectional_overrides_and_control_characters_in_names_are_refused_with_their_position() {
    let base = fixture_text(ORMAS);
    for (bad, code) in [("\u{202E}", "U+202E"), ("\u{2067}", "U+2067"), ("\u{7}", "U+0007"), ("\u{85}", "U+0085")] {
        let text = base.replacen("name: Forum Pemuda Tangerang", &format!("name: Forum {bad}Pemuda Tangerang"), 1);
        let (tmp, _) = site_with(ORMAS, &text);
        let run = run_bounded(tmp.path(), &["check"]);
        assert_clear_error(&run, "forum-pemuda-tangerang.md", &[code, ":2:"]);
    }
}

#[test]
fn right_to_left_marks_and_right_to_left_names_build() {
    // An Arabic-script name with a right-to-left mark is legitimate text.
    let name = "name: Forum Pemuda Tangerang \u{200F}منتدى الشباب\u{200F}";
    let text = fixture_text(ORMAS).replacen("name: Forum Pemuda Tangerang", name, 1);
    let (tmp, _) = site_with(ORMAS, &text);
    let run = run_bounded(tmp.path(), &["build"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let page = fs::read_to_string(tmp.path().join("public/ormas/forum-pemuda-tangerang/index.html")).unwrap();
    assert!(page.contains("منتدى الشباب"));
}
