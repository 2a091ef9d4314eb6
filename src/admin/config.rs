//! `admin/config.yml`: the CMS configuration, one collection per kind of
//! record plus the regions and topics lists, every field generated from
//! the model's JSON Schema (see [`super::fields`]).

use schemars::Schema;
use serde::Serialize;
use serde_json::{Map, Value};

use super::catalogue::Catalogue;
use super::fields::{Context, Field, Picker};
use crate::model::{
    Activity, Agency, Collection, EditorSettings, Ormas, Partnership, Person, Region, SiteConfig, Topic,
};
use crate::schema::generate;

/// Name of the collection that holds the list files.
pub const LISTS: &str = "lists";

/// Path of the local-repository endpoint `terbuka serve` answers on.
pub fn local_backend_path() -> String {
    format!("{}{}", crate::serve::http::ENDPOINT, crate::serve::http::EDITOR_API)
}

/// A kind of record the editor edits: its collection, its model type's
/// name and JSON Schema.
pub struct Kind {
    /// Folder collection.
    pub collection: Collection,
    /// Model type name (`Activity`), the catalogue's key for its fields.
    pub type_name: &'static str,
    /// The JSON Schema the parser's type generates.
    pub schema: Schema,
}

/// Every kind of record, in menu order.
pub fn kinds() -> Vec<Kind> {
    let kind = |collection, type_name, schema| Kind { collection, type_name, schema };
    vec![
        kind(Collection::Activities, "Activity", generate::<Activity>("activity")),
        kind(Collection::Ormas, "Ormas", generate::<Ormas>("ormas")),
        kind(Collection::Agencies, "Agency", generate::<Agency>("agency")),
        kind(Collection::People, "Person", generate::<Person>("person")),
        kind(Collection::Partnerships, "Partnership", generate::<Partnership>("partnership")),
    ]
}

/// The list files (`regions.yaml`, `topics.yaml`): file name, model type
/// name and the schema of one entry.
pub fn lists() -> Vec<(&'static str, &'static str, Schema)> {
    vec![("regions", "Region", generate::<Region>("region")), ("topics", "Topic", generate::<Topic>("topic"))]
}

/// The whole configuration, serialised as `config.yml` is.
#[derive(Debug, Serialize)]
pub struct CmsConfig {
    backend: Backend,
    #[serde(skip_serializing_if = "Option::is_none")]
    publish_mode: Option<&'static str>,
    local_backend: LocalBackend,
    locale: &'static str,
    site_url: String,
    display_url: String,
    media_folder: String,
    public_folder: &'static str,
    slug: SlugRules,
    /// The collections, with their generated fields.
    pub collections: Vec<CmsCollection>,
}

#[derive(Debug, Serialize)]
struct Backend {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    repo: Option<String>,
    branch: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    base_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    api_root: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    app_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    auth_type: Option<&'static str>,
    commit_messages: Map<String, Value>,
}

#[derive(Debug, Serialize)]
struct LocalBackend {
    url: String,
}

#[derive(Debug, Serialize)]
struct SlugRules {
    encoding: &'static str,
    clean_accents: bool,
    sanitize_replacement: &'static str,
}

/// One collection of the configuration.
#[derive(Debug, Serialize)]
pub struct CmsCollection {
    /// Its name (the folder name for records).
    pub name: String,
    label: String,
    label_singular: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    folder: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extension: Option<&'static str>,
    format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    create: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    identifier_field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sortable_fields: Vec<String>,
    editor: EditorPane,
    /// Fields of a folder collection.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// Files of a file collection (the lists).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<CmsFile>,
}

#[derive(Debug, Serialize)]
struct EditorPane {
    preview: bool,
}

/// One list file of the `lists` collection.
#[derive(Debug, Serialize)]
pub struct CmsFile {
    /// `regions` or `topics`.
    pub name: String,
    label: String,
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    /// One field, `items`: the list.
    pub fields: Vec<Field>,
}

/// The field a record is named by: `title` or `name`, whichever the
/// schema has.
fn identifier(schema: &Value) -> String {
    let has = |f: &str| schema.get("properties").and_then(|p| p.get(f)).is_some();
    if has("title") { "title" } else { "name" }.to_string()
}

/// The whole configuration for a site.
pub fn generate_config(site: &SiteConfig, words: &Catalogue) -> CmsConfig {
    let editor = site.editor.clone().unwrap_or_default();
    let content = editor.content_path.trim_matches('/').to_string();
    let kinds = kinds();
    let identifiers: Vec<(Collection, String)> =
        kinds.iter().map(|k| (k.collection, identifier(k.schema.as_value()))).collect();
    let picker = move |to: &str| -> Option<Picker> {
        if let Some((list, key)) = [("regions", "code"), ("topics", "id")].into_iter().find(|(l, _)| *l == to) {
            return Some(Picker {
                collection: LISTS.into(),
                file: Some(list.into()),
                value_field: format!("items.*.{key}"),
                search_fields: vec!["items.*.name".into(), format!("items.*.{key}")],
                display_fields: vec!["items.*.name".into()],
            });
        }
        let (collection, ident) = identifiers.iter().find(|(c, _)| c.folder() == to)?;
        let mut search = vec![ident.clone()];
        if matches!(collection, Collection::Ormas | Collection::Agencies) {
            search.push("abbreviation".into());
        }
        Some(Picker {
            collection: collection.folder().into(),
            file: None,
            value_field: "{{slug}}".into(),
            search_fields: search,
            display_fields: vec![ident.clone()],
        })
    };
    let default_region = site.region.as_ref().map(|r| r.as_str().to_string());
    let mut collections: Vec<CmsCollection> = kinds
        .iter()
        .map(|kind| {
            let value = kind.schema.as_value();
            let definitions = value.get("definitions").and_then(Value::as_object).cloned().unwrap_or_default();
            let cx = Context {
                words,
                definitions: &definitions,
                picker: &picker,
                default_region: default_region.as_deref(),
            };
            let mut fields = cx.object_fields(kind.type_name, value);
            let name = kind.collection.folder();
            if kind.collection.has_body() {
                fields.push(body_field(name, words, kind.collection == Collection::Activities));
            }
            let w = words.collection(name);
            let ident = identifier(value);
            let activities = kind.collection == Collection::Activities;
            CmsCollection {
                name: name.into(),
                label: w.label,
                label_singular: w.label_singular,
                description: w.description,
                folder: Some(format!("{content}/{name}")),
                // An activity lives in the folder of its date's year: the date's
                // first four characters. (The CMS lowercases this template
                // and drops its periods and single quotes; its `date()`
                // filter would read `2024` as local midnight, a year early in
                // UTC east of Greenwich. `truncate` appends "-", which slug
                // cleaning then trims.)
                path: activities.then(|| "{{date | truncate(4, \"-\")}}/{{slug}}".into()),
                extension: Some(kind.collection.extension()),
                format: if kind.collection.has_body() { "yaml-frontmatter" } else { "yaml" },
                create: Some(true),
                summary: Some(if activities {
                    format!("{{{{{ident}}}}} ({{{{date}}}})")
                } else {
                    format!("{{{{{ident}}}}}")
                }),
                sortable_fields: if activities { vec!["date".into(), ident.clone()] } else { vec![ident.clone()] },
                identifier_field: Some(ident),
                editor: EditorPane { preview: false },
                fields,
                files: Vec::new(),
            }
        })
        .collect();
    let files = lists()
        .into_iter()
        .map(|(list, type_name, schema)| {
            let value = schema.as_value();
            let definitions = value.get("definitions").and_then(Value::as_object).cloned().unwrap_or_default();
            let cx = Context { words, definitions: &definitions, picker: &picker, default_region: None };
            let w = words.collection(list);
            let items = Field {
                name: "items".into(),
                label: w.label.clone(),
                widget: "list",
                required: false,
                collapsed: Some(true),
                summary: Some(
                    if list == "regions" { "{{fields.code}} {{fields.name}}" } else { "{{fields.name}}" }.into(),
                ),
                fields: cx.object_fields(type_name, value),
                ..Field::default()
            };
            CmsFile {
                name: list.into(),
                label: w.label,
                file: format!("{content}/{list}.yaml"),
                description: w.description,
                fields: vec![items],
            }
        })
        .collect();
    let w = words.collection(LISTS);
    collections.push(CmsCollection {
        name: LISTS.into(),
        label: w.label,
        label_singular: w.label_singular,
        description: w.description,
        folder: None,
        path: None,
        extension: None,
        // Registered by the editor page: a YAML file whose top is a list.
        format: "yaml-list",
        create: None,
        identifier_field: None,
        summary: None,
        sortable_fields: Vec::new(),
        editor: EditorPane { preview: false },
        fields: Vec::new(),
        files,
    });
    CmsConfig {
        backend: backend(&editor, words),
        publish_mode: editor.review.then_some("editorial_workflow"),
        local_backend: LocalBackend { url: local_backend_path() },
        locale: "id",
        site_url: site.base_url.clone(),
        display_url: site.base_url.clone(),
        // Records carry no uploads; the CMS still wants a folder, kept
        // outside content/ so a stray upload never breaks the build.
        media_folder: "media".into(),
        public_folder: "/media",
        slug: SlugRules { encoding: "ascii", clean_accents: true, sanitize_replacement: "-" },
        collections,
    }
}

fn body_field(collection: &str, words: &Catalogue, required: bool) -> Field {
    let w = words.body.get(collection).cloned().unwrap_or_default();
    Field {
        name: "body".into(),
        label: if w.label.is_empty() { "body".into() } else { w.label },
        hint: w.hint,
        widget: "markdown",
        required,
        modes: vec!["raw", "rich_text"],
        buttons: vec![
            "bold",
            "italic",
            "link",
            "heading-two",
            "heading-three",
            "quote",
            "bulleted-list",
            "numbered-list",
        ],
        editor_components: Some(Vec::new()),
        ..Field::default()
    }
}

fn backend(editor: &EditorSettings, words: &Catalogue) -> Backend {
    let messages = ["create", "update", "delete"]
        .into_iter()
        .map(|k| (k.to_string(), Value::String(words.message(&format!("commit_{k}")))))
        .collect();
    Backend {
        name: editor.host.backend(),
        repo: editor.repo.clone(),
        branch: editor.branch.clone(),
        base_url: editor.auth_url.clone(),
        api_root: editor.api_url.clone(),
        app_id: editor.app_id.clone(),
        // GitLab and Gitea sign in without a server when given an app id.
        auth_type: (editor.app_id.is_some() && editor.host != crate::model::GitHost::Github).then_some("pkce"),
        commit_messages: messages,
    }
}
