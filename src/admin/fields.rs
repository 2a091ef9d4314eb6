//! Form fields from the JSON Schema of a record type: every property of the
//! schema becomes a field (required as the schema says), enumerations
//! become selects with every value, fields that name records
//! (`x-terbuka-ref`) become pickers that show names and store ids, and
//! partial dates become text inputs that accept `2024`, `2024-07` or
//! `2024-07-12`. Labels come from the theme's catalogue.

use serde::Serialize;
use serde_json::{Map, Value};

use super::catalogue::{Catalogue, FieldWords};
use crate::model::REF_KEYWORD;

/// One field of the CMS configuration (a Decap/Sveltia `fields` entry).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Field {
    /// Key in the record.
    pub name: String,
    /// Label above the input.
    pub label: String,
    /// Input kind: `string`, `text`, `number`, `boolean`, `select`,
    /// `relation`, `object`, `list`, `markdown`, `hidden`.
    pub widget: &'static str,
    /// Whether the record is invalid without it.
    pub required: bool,
    /// Help under the input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Value a new record starts with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub default: Option<Value>,
    /// Regular expression and the message shown when it does not match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<[String; 2]>,
    /// Choices of a select.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Choice>,
    /// `int` for whole numbers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_type: Option<&'static str>,
    /// Smallest number, or fewest items of a list or multiple picker.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u64>,
    /// Picker: the collection it picks from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collection: Option<String>,
    /// Picker into a list file: the file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Picker: what is stored (the id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_field: Option<String>,
    /// Picker: what typing matches.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub search_fields: Vec<String>,
    /// Picker: what the options show.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub display_fields: Vec<String>,
    /// Picker or select holding several values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub multiple: Option<bool>,
    /// Markdown: editing modes, the first one the default.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub modes: Vec<&'static str>,
    /// Markdown: toolbar buttons.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub buttons: Vec<&'static str>,
    /// Markdown: block components (none: no images to upload).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub editor_components: Option<Vec<String>>,
    /// Object or list: its fields.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Field>,
    /// List of plain values: the one field of each item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Box<Field>>,
    /// List: what each folded item shows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Object or list: shown folded until opened.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub collapsed: Option<bool>,
}

/// One choice of a select.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Choice {
    /// What staff see.
    pub label: String,
    /// What is stored.
    pub value: String,
}

/// How a field that names records picks them.
#[derive(Debug, Clone)]
pub struct Picker {
    /// Collection to pick from.
    pub collection: String,
    /// List file within it, for regions and topics.
    pub file: Option<String>,
    /// Stored value (`{{slug}}`: the file name, i.e. the id).
    pub value_field: String,
    /// Fields typing searches.
    pub search_fields: Vec<String>,
    /// Fields each option shows.
    pub display_fields: Vec<String>,
}

/// What the field builder needs beside the schema.
pub struct Context<'a> {
    /// The theme's words.
    pub words: &'a Catalogue,
    /// The schema's `definitions`.
    pub definitions: &'a Map<String, Value>,
    /// How to pick from each collection a reference can point into.
    pub picker: &'a dyn Fn(&str) -> Option<Picker>,
    /// Value new region fields start with (the portal's own region).
    pub default_region: Option<&'a str>,
}

impl Context<'_> {
    /// Fields of an object schema (`properties`, `required`) of the model
    /// type `type_name`, in the catalogue's order, then any the catalogue
    /// lacks in the schema's order.
    pub fn object_fields(&self, type_name: &str, schema: &Value) -> Vec<Field> {
        let empty = Map::new();
        let properties = schema.get("properties").and_then(Value::as_object).unwrap_or(&empty);
        let required: Vec<&str> =
            schema.get("required").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
        let order = self.words.fields.get(type_name);
        let mut names: Vec<&String> = properties.keys().collect();
        names.sort_by_key(|n| order.and_then(|o| o.position(n)).unwrap_or(usize::MAX));
        names
            .into_iter()
            .map(|name| {
                let words = order.and_then(|o| o.get(name));
                let is_key = KEYS.contains(&(type_name, name.as_str()));
                self.field(name, words, &properties[name], required.contains(&name.as_str()), is_key)
            })
            .collect()
    }

    /// One property as a field.
    fn field(&self, name: &str, words: Option<&FieldWords>, schema: &Value, required: bool, is_key: bool) -> Field {
        let description = schema.get("description").and_then(Value::as_str);
        let mut field = Field {
            name: name.to_string(),
            label: words.map(|w| w.label.clone()).unwrap_or_else(|| name.to_string()),
            // The model's (English) description only for a field the
            // catalogue does not know yet; a test asks for its words.
            hint: match words {
                Some(w) => w.hint.clone(),
                None => description.map(str::to_string),
            },
            required,
            default: schema.get("default").filter(|d| !d.is_object()).cloned(),
            ..Field::default()
        };
        let (target, resolved) = self.resolve(schema);
        if is_key {
            // A list entry's own key (a region's code) is typed, not picked.
            field.widget = "string";
            if let Some(p) = resolved.get("pattern").and_then(Value::as_str) {
                field.pattern = Some([p.to_string(), self.words.message("region_pattern")]);
            }
            return field;
        }
        if let Some(to) = reference(schema).or_else(|| reference(resolved)) {
            let many = type_of(resolved) == Some("array");
            field.min = if many { min_items(resolved) } else { None };
            return self.picker_field(field, to, many);
        }
        match target {
            Some("PartialDate") => {
                field.widget = "string";
                field.pattern = Some([date_pattern(resolved), self.words.message("date_pattern")]);
                return field;
            }
            Some(def) if is_enum(resolved) => {
                field.widget = "select";
                let labels = self.words.options.get(def);
                field.options = enum_values(resolved)
                    .into_iter()
                    .map(|v| Choice {
                        label: labels.and_then(|l| l.get(&v)).cloned().unwrap_or_else(|| v.clone()),
                        value: v,
                    })
                    .collect();
                return field;
            }
            Some(def) if resolved.get("properties").is_some() => {
                field.widget = "object";
                field.fields = self.object_fields(def, resolved);
                return field;
            }
            _ => {}
        }
        match type_of(resolved) {
            Some("array") => {
                let items = resolved.get("items").unwrap_or(&Value::Null);
                if let Some(to) = reference(resolved).or_else(|| reference(self.resolve(items).1)) {
                    field.min = min_items(resolved);
                    return self.picker_field(field, to, true);
                }
                field.widget = "list";
                field.min = min_items(resolved);
                match self.resolve(items) {
                    (Some(def), item) if item.get("properties").is_some() => {
                        field.collapsed = Some(false);
                        field.fields = self.object_fields(def, item);
                    }
                    (_, item) => {
                        let words = FieldWords { label: field.label.clone(), ..FieldWords::default() };
                        field.field = Some(Box::new(self.field(name, Some(&words), item, true, false)));
                    }
                }
            }
            Some("integer") => {
                field.widget = "number";
                field.value_type = Some("int");
                field.min = resolved.get("minimum").and_then(Value::as_u64);
            }
            Some("number") => field.widget = "number",
            Some("boolean") => field.widget = "boolean",
            _ => {
                field.widget = if words.and_then(|w| w.widget.as_deref()) == Some("text") { "text" } else { "string" };
                if let Some(p) = resolved.get("pattern").and_then(Value::as_str) {
                    field.pattern = Some([p.to_string(), self.words.message("id_pattern")]);
                }
            }
        }
        field
    }

    fn picker_field(&self, mut field: Field, to: &str, multiple: bool) -> Field {
        let Some(p) = (self.picker)(to) else {
            field.widget = "string";
            return field;
        };
        field.widget = "relation";
        field.collection = Some(p.collection);
        field.file = p.file;
        field.value_field = Some(p.value_field);
        field.search_fields = p.search_fields;
        field.display_fields = p.display_fields;
        field.multiple = multiple.then_some(true);
        field.pattern = None;
        if to == "regions" && !multiple {
            field.default = self.default_region.map(|r| Value::String(r.to_string()));
        }
        field
    }

    /// Follows `$ref`, `allOf: [$ref]` and `anyOf: [X, null]` (an optional
    /// field) to the schema that says what the value is; returns the
    /// definition's name when one was followed.
    fn resolve<'s>(&'s self, schema: &'s Value) -> (Option<&'s str>, &'s Value) {
        if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
            let name = r.rsplit('/').next().unwrap_or(r);
            if let Some(def) = self.definitions.get(name) {
                return (Some(name), def);
            }
        }
        for key in ["allOf", "anyOf"] {
            if let Some(list) = schema.get(key).and_then(Value::as_array) {
                let non_null: Vec<&Value> = list.iter().filter(|s| type_of(s) != Some("null")).collect();
                if let [one] = non_null.as_slice()
                    && one.get("$ref").is_some()
                {
                    return self.resolve(one);
                }
            }
        }
        (None, schema)
    }
}

/// Fields that are the key of their own list entry rather than a
/// reference to one: (model type, field).
const KEYS: [(&str, &str); 1] = [("Region", "code")];

/// The collection a field names records of, if it does.
fn reference(schema: &Value) -> Option<&str> {
    schema.get(REF_KEYWORD).and_then(Value::as_str)
}

/// The value's JSON type, ignoring `null` (which only says "optional").
fn type_of(schema: &Value) -> Option<&str> {
    match schema.get("type")? {
        Value::String(s) => Some(s),
        Value::Array(types) => types.iter().filter_map(Value::as_str).find(|t| *t != "null"),
        _ => None,
    }
}

fn min_items(schema: &Value) -> Option<u64> {
    schema.get("minItems").and_then(Value::as_u64).filter(|n| *n > 0)
}

/// Whether a definition is an enumeration (`enum`, or `oneOf` constants).
pub fn is_enum(schema: &Value) -> bool {
    !enum_values(schema).is_empty()
}

/// Every value of an enumeration, in the model's order.
pub fn enum_values(schema: &Value) -> Vec<String> {
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        return values.iter().filter_map(Value::as_str).map(str::to_string).collect();
    }
    let Some(one_of) = schema.get("oneOf").and_then(Value::as_array) else { return Vec::new() };
    let consts: Vec<String> = one_of
        .iter()
        .filter_map(|s| s.get("const").or_else(|| s.get("enum").and_then(|e| e.get(0))))
        .filter_map(Value::as_str)
        .map(str::to_string)
        .collect();
    if consts.len() == one_of.len() { consts } else { Vec::new() }
}

/// The text pattern of a partial date, from its schema (the string branch).
fn date_pattern(schema: &Value) -> String {
    schema
        .get("anyOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find_map(|s| s.get("pattern").and_then(Value::as_str))
        .unwrap_or("^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
        .to_string()
}
