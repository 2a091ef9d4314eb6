//! `terbuka check` on each broken fixture, in each output format: human
//! (file:line and the fix), JSON (one parseable array) and GitHub
//! annotations (`::error file=...,line=...::`); `--strict` fails warnings.

#[path = "fixtures/broken/cases.rs"]
mod cases;
mod common;

use std::path::Path;
use std::process::Output;

use common::{copy_dir, fixture, terbuka};

/// Runs `check` in a folder holding `content/`, the site fixture plus the case.
fn check(case: &cases::Case, args: &[&str]) -> (Output, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("site"), &content);
    cases::add_to(case, &content);
    let mut all = vec!["check"];
    all.extend_from_slice(args);
    (terbuka(tmp.path(), &all), tmp)
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).into_owned()
}

#[test]
fn human_format_names_the_file_the_line_and_the_fix() {
    for case in cases::all() {
        let (out, _tmp) = check(&case, &["--strict"]);
        let stderr = text(&out.stderr);
        assert!(!out.status.success(), "{}: must fail under --strict\n{stderr}", case.name);
        let file_name = Path::new(&case.file).file_name().unwrap().to_string_lossy();
        let located = stderr.lines().any(|l| l.contains(&*file_name) && l.contains(&case.at));
        assert!(located, "{}: no `{file_name}` with `{}` in\n{stderr}", case.name, case.at);
        for s in &case.says {
            assert!(stderr.contains(s), "{}: `{s}` missing from\n{stderr}", case.name);
        }
    }
}

#[test]
fn json_format_is_one_array_of_problems_on_stdout() {
    for case in cases::all() {
        let (out, _tmp) = check(&case, &["--format", "json", "--strict"]);
        assert!(!out.status.success(), "{}", case.name);
        let problems: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{}: stdout is not JSON ({e}):\n{}", case.name, text(&out.stdout)));
        let problems = problems.as_array().unwrap();
        let ours: Vec<&serde_json::Value> =
            problems.iter().filter(|p| p["file"].as_str().unwrap().ends_with(&case.file)).collect();
        assert!(!ours.is_empty(), "{}: no problem for {} in {problems:?}", case.name, case.file);
        let severity = if case.is_error { "error" } else { "warning" };
        let matching = ours.iter().find(|p| {
            let all = format!("{} {}", p["message"].as_str().unwrap(), p["help"].as_str().unwrap_or(""));
            p["severity"] == severity && case.says.iter().all(|s| all.contains(s.as_str()))
        });
        let p = matching.unwrap_or_else(|| panic!("{}: no {severity} saying {:?} in {ours:?}", case.name, case.says));
        if let Some(line) = case.at.strip_prefix(':').and_then(|l| l.strip_suffix(':')) {
            assert_eq!(p["line"].as_u64().unwrap().to_string(), line, "{}", case.name);
            assert!(p["column"].as_u64().unwrap() >= 1, "{}", case.name);
        }
    }
}

#[test]
fn github_format_annotates_the_line_in_the_pull_request() {
    for case in cases::all() {
        let (out, _tmp) = check(&case, &["--format", "github", "--strict"]);
        assert!(!out.status.success(), "{}", case.name);
        let stdout = text(&out.stdout);
        let level = if case.is_error { "::error " } else { "::warning " };
        let line = stdout
            .lines()
            .find(|l| l.starts_with(level) && l.contains(&case.file))
            .unwrap_or_else(|| panic!("{}: no `{level}` annotation for {} in\n{stdout}", case.name, case.file));
        assert!(line.contains(&format!("file=content/{}", case.file)), "{}: {line}", case.name);
        if let Some(n) = case.at.strip_prefix(':').and_then(|l| l.strip_suffix(':')) {
            assert!(line.contains(&format!(",line={n},")), "{}: {line}", case.name);
        }
        let message = line.splitn(3, "::").nth(2).unwrap();
        assert!(case.says.iter().any(|s| message.contains(s.as_str())), "{}: {line}", case.name);
        assert!(!message.contains('\n'), "one line per annotation");
    }
}

#[test]
fn warnings_pass_without_strict_and_errors_never_do() {
    for case in cases::all() {
        let (out, _tmp) = check(&case, &[]);
        assert_eq!(out.status.success(), !case.is_error, "{}:\n{}", case.name, text(&out.stderr));
        let (out, _tmp) = check(&case, &["--format", "github"]);
        let stdout = text(&out.stdout);
        if !case.is_error {
            assert!(stdout.contains("::warning file="), "{}: warnings are still annotated\n{stdout}", case.name);
        }
    }
}

#[test]
fn the_valid_fixture_checks_clean_in_every_format() {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("site"), &tmp.path().join("content"));
    for format in ["human", "json", "github"] {
        let out = terbuka(tmp.path(), &["check", "--format", format]);
        assert!(out.status.success(), "{format}: {}", text(&out.stderr));
        if format == "json" {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert!(v.as_array().unwrap().iter().all(|p| p["severity"] != "error"));
        }
        if format == "github" {
            assert!(!text(&out.stdout).contains("::error"));
        }
    }
    assert!(!tmp.path().join("public").exists(), "check writes nothing");
}
