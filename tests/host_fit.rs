//! `host:` in `site.yaml` (issue 17, "fit the host"): `build` measures the
//! finished output against the named host's documented limits and warns
//! with the figures when it will not fit, on the `host` line of
//! `site.yaml`; `--strict` turns the warning into a failed build that
//! leaves the previous site in place.

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{copy_dir, repo};

fn build(content: &Path, public: &Path, strict: bool) -> Output {
    let mut args = vec!["build", "--content", content.to_str().unwrap(), "--output", public.to_str().unwrap()];
    if strict {
        args.push("--strict");
    }
    std::process::Command::new(env!("CARGO_BIN_EXE_terbuka")).args(&args).output().unwrap()
}

fn files_in(root: &Path) -> usize {
    walkdir::WalkDir::new(root).into_iter().filter(|e| e.as_ref().unwrap().file_type().is_file()).count()
}

#[test]
fn a_site_over_the_hosts_file_limit_gets_a_warning_with_the_figures_and_strict_fails() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    // One activity per list page makes a small corpus a site of more than
    // the 20,000 files Cloudflare Pages' Free plan takes.
    let options =
        xtask::corpus::Options { activities: 2000, out: content.clone(), seed: 17, ormas: None, force: false };
    xtask::corpus::generate(&options).unwrap();
    let site_yaml = content.join("site.yaml");
    let settings = fs::read_to_string(&site_yaml).unwrap();
    fs::write(&site_yaml, format!("{settings}per_page: 1\nhost: cloudflare-pages\n")).unwrap();
    let host_line = settings.lines().count() + 2;

    let public = tmp.path().join("public");
    let out = build(&content, &public, false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "a warning does not fail the build: {stderr}");
    let files = files_in(&public);
    assert!(files > 20_000, "the corpus makes {files} files");
    assert!(stderr.contains("does not fit Cloudflare Pages (Free)"), "{stderr}");
    assert!(stderr.contains(&format!("site.yaml:{host_line}")), "the warning points at the host line: {stderr}");
    // The figures: the site's files, the limit, and how many activities fit
    // at this site's files per activity.
    let per_activity = files as f64 / 2000.0;
    let fit = (20_000.0 / per_activity) as u64;
    let with_commas = |n: u64| {
        let s = n.to_string();
        if s.len() > 3 { format!("{},{}", &s[..s.len() - 3], &s[s.len() - 3..]) } else { s }
    };
    let figures = format!("{} files (limit 20,000, enough for about", with_commas(files as u64));
    assert!(stderr.contains(&figures), "want `{figures}` in {stderr}");
    let fits = stderr.split("enough for about ").nth(1).unwrap().split(' ').next().unwrap().replace(',', "");
    let fits: u64 = fits.parse().unwrap();
    assert!(fits.abs_diff(fit) <= 1, "{fits} activities fit, expected {fit}");
    assert!(stderr.contains("It has 2,000 activities"), "{stderr}");
    assert!(stderr.contains("developers.cloudflare.com/pages/platform/limits"), "the help cites the limits: {stderr}");

    // --strict: the build fails on it, and the previous site stays.
    fs::write(public.join("previous.txt"), "the site before").unwrap();
    let out = build(&content, &public, true);
    assert!(!out.status.success(), "--strict fails on the host warning");
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not fit Cloudflare Pages (Free)"));
    assert_eq!(fs::read_to_string(public.join("previous.txt")).unwrap(), "the site before", "public/ untouched");
    let leftovers: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "no staging folder is left: {leftovers:?}");
}

#[test]
fn a_site_within_the_hosts_limits_builds_without_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&repo().join("content"), &content);
    let site_yaml = content.join("site.yaml");
    let settings = fs::read_to_string(&site_yaml).unwrap();
    for host in ["github-pages", "gitlab-pages", "cloudflare-pages", "netlify", "s3", "nginx"] {
        fs::write(&site_yaml, format!("{settings}host: {host}\n")).unwrap();
        let out = build(&content, &tmp.path().join("public"), false);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{host}: {stderr}");
        assert!(!stderr.contains("does not fit"), "{host}: {stderr}");
    }
    fs::write(&site_yaml, format!("{settings}host: geocities\n")).unwrap();
    let out = build(&content, &tmp.path().join("public"), false);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "an unknown host is an error");
    assert!(stderr.contains("host") && stderr.contains("github-pages"), "it names the field and the choices: {stderr}");
}
