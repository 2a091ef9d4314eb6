//! JSON Schemas of the record files, generated from the same model types
//! the parser deserialises into, so editors and the build can never
//! disagree about a field.
//!
//! The schemas are written to `docs/schema/` by `terbuka schema`, published
//! in every built site under `schema/`, and named by the
//! `# yaml-language-server: $schema=...` line of scaffolded records.

use std::path::Path;

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema};

use crate::model::{Activity, Agency, Collection, Ormas, Partnership, Person, Region, SiteConfig, Topic};

/// Folder of the site (and of the repository's `docs/`) the schemas live in.
pub const SITE_FOLDER: &str = "schema";

/// One generated schema file.
#[derive(Debug, Clone)]
pub struct SchemaFile {
    /// File name, e.g. `activity.schema.json`.
    pub file_name: String,
    /// Pretty-printed JSON, ending in a newline.
    pub json: String,
}

/// File name of the schema for a record collection (`activity.schema.json`).
pub fn file_name(collection: Collection) -> String {
    format!("{}.schema.json", collection.noun())
}

/// Draft-07 is what `yaml-language-server` (VS Code's YAML extension and
/// most editors) understands best; schemas describe what the parser
/// accepts, so they follow deserialisation rules (`default` fields are
/// optional).
pub fn generate<T: JsonSchema>(title: &str) -> Schema {
    let mut schema = SchemaSettings::draft07().for_deserialize().into_generator().into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    schema
}

fn file(name: &str, schema: Schema) -> SchemaFile {
    // Serialising a `Schema` (a JSON value) cannot fail.
    let json = serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n";
    SchemaFile { file_name: name.to_string(), json }
}

/// Every schema: one per record collection plus `site.yaml`,
/// `regions.yaml` and `topics.yaml`, in a stable order.
pub fn all() -> Vec<SchemaFile> {
    let record = |c: Collection, schema: Schema| file(&file_name(c), schema);
    vec![
        record(Collection::Activities, generate::<Activity>("Terbuka activity (content/activities/<yyyy>/<id>.md)")),
        record(Collection::Agencies, generate::<Agency>("Terbuka agency (content/agencies/<id>.yaml)")),
        record(Collection::Ormas, generate::<Ormas>("Terbuka ormas (content/ormas/<id>.md)")),
        record(Collection::Partnerships, generate::<Partnership>("Terbuka partnership (content/partnerships/<id>.md)")),
        record(Collection::People, generate::<Person>("Terbuka official (content/people/<id>.yaml)")),
        file("regions.schema.json", generate::<Vec<Region>>("Terbuka regions (content/regions.yaml)")),
        file("site.schema.json", generate::<SiteConfig>("Terbuka site settings (content/site.yaml)")),
        file("topics.schema.json", generate::<Vec<Topic>>("Terbuka topics (content/topics.yaml)")),
    ]
}

/// Writes every schema into `dir` (`docs/schema/`), creating it; returns
/// the paths written.
pub fn write_all(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    all()
        .into_iter()
        .map(|f| {
            let path = dir.join(&f.file_name);
            std::fs::write(&path, f.json.as_bytes()).map(|()| path)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_schema_requires_the_contract_fields_and_rejects_unknown_ones() {
        let files = all();
        let activity = files.iter().find(|f| f.file_name == "activity.schema.json").unwrap();
        let v: serde_json::Value = serde_json::from_str(&activity.json).unwrap();
        let required: Vec<&str> = v["required"].as_array().unwrap().iter().filter_map(|r| r.as_str()).collect();
        for field in ["title", "date", "kind", "region", "organizers", "sources"] {
            assert!(required.contains(&field), "{field} missing from {required:?}");
        }
        assert_eq!(v["additionalProperties"], serde_json::Value::Bool(false));
        assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
    }
}
