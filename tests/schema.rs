//! The JSON Schemas: committed copies match the model, every valid record
//! validates, every broken record the schema can see is rejected, and the
//! built site publishes them.

#[path = "fixtures/broken/cases.rs"]
mod cases;
mod common;

use std::fs;
use std::path::Path;

use common::{build, fixture, repo};
use terbuka::model::Collection;
use terbuka::schema;

/// The record at `path` as JSON: its YAML, or its front matter.
fn record_json(path: &Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap();
    let yaml = match terbuka::parse::split(&text) {
        Ok(s) if path.extension().is_some_and(|e| e == "md") => &text[s.yaml_start..s.yaml_end],
        _ => &text[..],
    };
    serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The schema that applies to a file, by where it sits in `content/`.
fn schema_for(rel: &str) -> Option<String> {
    let name = match rel {
        "site.yaml" => "site.schema.json".to_string(),
        "regions.yaml" => "regions.schema.json".to_string(),
        "topics.yaml" => "topics.schema.json".to_string(),
        _ => schema::file_name(Collection::from_folder(rel.split('/').next()?)?),
    };
    let file = schema::all().into_iter().find(|f| f.file_name == name)?;
    Some(file.json)
}

fn validator(json: &str) -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(json).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn errors(rel: &str, path: &Path) -> Vec<String> {
    let v = validator(&schema_for(rel).unwrap_or_else(|| panic!("no schema for {rel}")));
    v.iter_errors(&record_json(path)).map(|e| format!("{} at {}", e, e.instance_path())).collect()
}

#[test]
fn committed_schemas_equal_what_the_model_generates() {
    for file in schema::all() {
        let committed = repo().join("docs/schema").join(&file.file_name);
        let text = fs::read_to_string(&committed)
            .unwrap_or_else(|e| panic!("{}: {e}; run `cargo run -- schema`", committed.display()));
        assert!(text == file.json, "{} is stale: run `cargo run -- schema` and commit the result", committed.display());
    }
}

#[test]
fn every_valid_content_file_validates() {
    let mut checked = 0;
    for root in [fixture("site"), repo().join("content")] {
        for entry in walkdir::WalkDir::new(&root).into_iter().flatten().filter(|e| e.file_type().is_file()) {
            let rel = entry.path().strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
            if schema_for(&rel).is_none() {
                continue;
            }
            let errors = errors(&rel, entry.path());
            assert!(errors.is_empty(), "{}: {errors:?}", entry.path().display());
            checked += 1;
        }
    }
    assert!(checked >= 25, "only {checked} files checked");
}

#[test]
fn broken_records_the_schema_can_see_are_rejected() {
    let mut rejected = 0;
    for case in cases::all() {
        let errors = errors(&case.file, &case.dir.join(&case.file));
        if case.schema_rejects {
            assert!(!errors.is_empty(), "{}: the schema accepts it", case.name);
            rejected += 1;
        } else {
            // Beyond a schema (ids that must exist, real dates, warnings):
            // `check` catches these, as tests/check_cli.rs shows.
            assert!(errors.is_empty(), "{}: {errors:?}", case.name);
        }
    }
    assert!(rejected >= 8);
}

#[test]
fn id_fields_accept_exactly_the_ids_the_build_accepts() {
    let v = validator(&schema_for("activities/2024/x.md").unwrap());
    let base = record_json(&fixture("site/activities/2024/kpu-sosialisasi-pilkada.md"));
    for id in ["kpu-kota-tangerang", "a", "x1-2", "KPU", "-a", "a-", "a_b", "bamus betawi", ""] {
        let mut record = base.clone();
        record["organizers"] = serde_json::json!([id]);
        assert_eq!(v.is_valid(&record), terbuka::parse::is_valid_id(id), "`{id}`");
    }
}

#[test]
fn the_built_site_publishes_the_schemas() {
    let site = build(&fixture("site"));
    for file in schema::all() {
        assert_eq!(site.read(&format!("schema/{}", file.file_name)), file.json);
    }
}
