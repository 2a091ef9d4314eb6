//! The editor's words: labels, hints and messages in Bahasa Indonesia, read
//! from the theme's string catalogue `data/editor.yaml`, so no UI word of
//! the editor lives in Rust.

use std::collections::BTreeMap;

use serde::Deserialize;

/// Path of the catalogue inside a theme.
pub const FILE: &str = "editor.yaml";

/// `data/editor.yaml`, typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Collection (and list) labels, by collection name.
    #[serde(default)]
    pub collections: BTreeMap<String, CollectionWords>,
    /// Label and hint of the Markdown body, by collection name.
    #[serde(default)]
    pub body: BTreeMap<String, FieldWords>,
    /// Field words by model type name, then field name. Each type's
    /// fields are kept in the order written, which is the form's order.
    #[serde(default)]
    pub fields: BTreeMap<String, Ordered<FieldWords>>,
    /// Labels of enumeration values, by enumeration type name.
    #[serde(default)]
    pub options: BTreeMap<String, BTreeMap<String, String>>,
    /// Validation and commit messages.
    #[serde(default)]
    pub messages: BTreeMap<String, String>,
    /// Words of the page around the CMS.
    #[serde(default)]
    pub page: BTreeMap<String, String>,
    /// The CMS's own phrases (its locale), passed through as they are.
    #[serde(default)]
    pub ui: serde_json::Value,
}

/// Words for a collection.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CollectionWords {
    /// Plural label (`Kegiatan`).
    pub label: String,
    /// Singular label.
    pub label_singular: String,
    /// One line shown above the list.
    #[serde(default)]
    pub description: Option<String>,
}

/// Words for one field.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldWords {
    /// Label above the input.
    pub label: String,
    /// Help under the input.
    #[serde(default)]
    pub hint: Option<String>,
    /// `text` for a multi-line box.
    #[serde(default)]
    pub widget: Option<String>,
}

/// A YAML mapping read in its written order.
#[derive(Debug, Clone, Default)]
pub struct Ordered<T>(pub Vec<(String, T)>);

impl<T> Ordered<T> {
    /// The entry for `key`, if written.
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Where `key` stands in the written order.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.0.iter().position(|(k, _)| k == key)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Ordered<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Visitor<T> {
            type Value = Ordered<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a mapping of field names to words")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = map.next_entry::<String, T>()? {
                    out.push((k, v));
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_map(Visitor(std::marker::PhantomData))
    }
}

impl Catalogue {
    /// Parses the catalogue's YAML.
    pub fn parse(text: &str) -> Result<Self, serde_yaml::Error> {
        serde_yaml::from_str(text)
    }

    /// A message by key, or the key itself when the theme lacks it (so a
    /// missing word shows up in the editor rather than failing the build).
    pub fn message(&self, key: &str) -> String {
        self.messages.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// A word of the editor page by key, or the key itself.
    pub fn page(&self, key: &str) -> String {
        self.page.get(key).cloned().unwrap_or_else(|| key.to_string())
    }

    /// Words of a collection, or its name as its label.
    pub fn collection(&self, name: &str) -> CollectionWords {
        self.collections.get(name).cloned().unwrap_or_else(|| CollectionWords {
            label: name.to_string(),
            label_singular: name.to_string(),
            description: None,
        })
    }
}
