//! The layering `docs/architecture.md` describes, checked on the source:
//! the outputs (render, search, data) read the resolved site and the
//! shared modules below them, never each other, and never look a record up
//! by id again.

use std::collections::BTreeSet;
use std::path::Path;

/// Every `crate::<module>` a folder or file of `src/` refers to.
fn imports(path: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let files: Vec<_> = if path.is_dir() { walk(path) } else { vec![path.to_path_buf()] };
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for (i, _) in text.match_indices("crate::") {
            let rest = &text[i + "crate::".len()..];
            let name: String = rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
            if !name.is_empty() {
                out.insert(name);
            }
        }
        // `use super::...` inside a module stays inside it.
    }
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

fn src(rel: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(rel)
}

#[test]
fn outputs_import_none_of_each_other() {
    let outputs = ["render", "search", "data"];
    for m in outputs {
        let found = imports(&src(m));
        for other in outputs.iter().chain(&["serve", "scaffold"]).filter(|o| **o != m) {
            assert!(!found.contains(*other), "src/{m} imports crate::{other}; outputs must not depend on each other");
        }
    }
}

#[test]
fn shared_modules_sit_below_the_outputs() {
    let above = ["render", "search", "data", "serve", "scaffold"];
    for m in ["address.rs", "text.rs", "hashing.rs", "catalog.rs", "site", "model", "parse", "source.rs", "output.rs"] {
        let found = imports(&src(m));
        for a in above {
            assert!(!found.contains(a), "src/{m} imports crate::{a}, which sits above it");
        }
    }
}

#[test]
fn outputs_never_look_records_up_by_id() {
    for m in ["render", "search", "data"] {
        for file in walk(&src(m)) {
            let text = std::fs::read_to_string(&file).unwrap();
            assert!(
                !text.contains(".index."),
                "{} looks a record up by id (`.index.`): read the site's positions and links instead",
                file.display()
            );
        }
    }
}
