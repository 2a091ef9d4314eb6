//! `terbuka init`: a new portal builds and checks as it comes, with every
//! province and regency/city of Indonesia, and its regions list is what the
//! pinned data package says.

mod common;

use std::fs;

use common::terbuka;

#[test]
fn a_new_portal_checks_and_builds_with_every_region_of_indonesia() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("portal");
    let out = terbuka(
        tmp.path(),
        &[
            "init",
            "portal",
            "--title",
            "Portal Transparansi Ormas Kota Tangerang",
            "--base-url",
            "https://ormas.example.go.id",
            "--region",
            "Kota Tangerang",
        ],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for file in ["content/site.yaml", "content/regions.yaml", "content/topics.yaml", ".github/workflows/portal.yml"] {
        assert!(dir.join(file).is_file(), "{file} missing");
    }
    let site: terbuka::model::SiteConfig =
        serde_yaml::from_str(&fs::read_to_string(dir.join("content/site.yaml")).unwrap()).unwrap();
    assert_eq!(site.title, "Portal Transparansi Ormas Kota Tangerang");
    assert_eq!(site.base_url, "https://ormas.example.go.id/");
    assert_eq!(site.region.as_ref().map(|r| r.as_str()), Some("36.71"));

    let check = terbuka(&dir, &["check", "--strict"]);
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stderr));
    let build = terbuka(&dir, &["build"]);
    assert!(build.status.success(), "{}", String::from_utf8_lossy(&build.stderr));
    let public = dir.join("public");
    assert!(public.join("index.html").is_file());
    assert!(public.join("admin/config.yml").is_file() && public.join("admin/index.html").is_file());
    // Every province and regency/city has its page.
    let regions = terbuka::init::regions();
    assert_eq!(regions.iter().filter(|r| !r.code.as_str().contains('.')).count(), 38, "provinces");
    assert!(regions.len() > 500, "regencies and cities: {}", regions.len());
    for code in ["11", "36.71", "31.75", "64", "96"] {
        assert!(public.join(format!("wilayah/{code}/index.html")).is_file(), "no page for region {code}");
    }
    // A git repository with everything committed, ready for the editor.
    let status = std::process::Command::new("git").arg("-C").arg(&dir).args(["status", "--porcelain"]).output();
    if let Some(status) = status.ok().filter(|s| s.status.success()) {
        let left = String::from_utf8_lossy(&status.stdout);
        assert!(left.lines().all(|l| l.contains("public")), "uncommitted: {left}");
    }
}

#[test]
fn init_refuses_a_folder_with_files_and_an_unknown_region() {
    let tmp = tempfile::tempdir().unwrap();
    fs::write(tmp.path().join("x.txt"), "x").unwrap();
    let args = ["init", ".", "--title", "T", "--base-url", "https://x.example/", "--region", "36"];
    let out = terbuka(tmp.path(), &args);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not empty"));
    let out = terbuka(
        tmp.path(),
        &["init", "baru", "--title", "T", "--base-url", "https://x.example/", "--region", "Atlantis"],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a province or regency/city"));
    assert!(!tmp.path().join("baru/content").exists(), "nothing written");
}

#[test]
fn regions_list_is_generated_from_the_pinned_data_package() {
    let script = common::repo().join("scripts/regions.mjs");
    let modules = common::repo().join("tests/browser/node_modules/idn-area-data");
    assert!(modules.is_dir(), "run `npm ci --prefix tests/browser` first (.ci/run does)");
    let out = std::process::Command::new("node").arg(&script).arg("--check").output().expect("node is installed");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // Every code is well formed and every regency's province is listed.
    let regions = terbuka::init::regions();
    for r in &regions {
        assert!(r.code.is_well_formed(), "{}", r.code);
        if let Some(parent) = r.code.parent() {
            assert!(regions.iter().any(|p| p.code == parent), "{} has no province", r.code);
        }
    }
}
