//! The theme's string catalogue: every word of the interface, one YAML file
//! per language (`i18n/id.yaml`, `i18n/en.yaml`), looked up by key from Rust
//! ([`Catalogue::text`], [`Catalogue::fill`]) and from templates (the `t`
//! function), with `{name}` placeholders, `one`/`other` plural forms, dates
//! in words and grouped numbers.
//!
//! A theme's file overrides the default theme's keys one by one, as its
//! templates override the default's; a language the default theme lacks
//! must come complete. Every key a template names is checked when the
//! theme is loaded, so a missing one fails the build naming the key and the
//! template, never a page at random.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::model::PartialDate;

use super::theme::Theme;

/// The language whose catalogue every other must match key for key.
pub const REFERENCE_LANGUAGE: &str = "id";

/// What can be wrong with a catalogue.
#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    /// A catalogue file is not valid YAML or not a map of strings.
    #[error("string catalogue `{file}`: {message}")]
    Parse {
        /// Theme-relative file (`i18n/en.yaml`).
        file: String,
        /// What is wrong.
        message: String,
    },
    /// Neither the theme nor the default theme has the site's language.
    #[error(
        "no string catalogue for language `{language}` (site.yaml `language`): add `i18n/{language}.yaml` to the theme, \
         a copy of the default theme's `i18n/en.yaml` translated"
    )]
    NoLanguage {
        /// The language asked for.
        language: String,
    },
    /// A catalogue lacks keys the interface needs.
    #[error("string catalogue `{file}` lacks the key `{key}`{}: add it (the default theme's `i18n/id.yaml` has every key)", more_text(*.more))]
    MissingKey {
        /// Theme-relative file.
        file: String,
        /// The first missing key.
        key: String,
        /// How many more are missing.
        more: usize,
    },
    /// A template names a key no catalogue has.
    #[error("template `{template}` uses the string `{key}`, which `{file}` does not have: add it to every catalogue")]
    UnknownKey {
        /// Template name.
        template: String,
        /// The key.
        key: String,
        /// The catalogue file looked in.
        file: String,
    },
}

fn more_text(more: usize) -> String {
    if more == 0 { String::new() } else { format!(" (and {more} more)") }
}

/// One entry: a text, or plural forms chosen by a count.
#[derive(Debug, Clone, PartialEq)]
enum Entry {
    Text(String),
    Plural { zero: Option<String>, one: String, other: String },
    List(Vec<String>),
}

impl Entry {
    fn form(&self, n: Option<i64>) -> &str {
        match self {
            Self::Text(t) => t,
            Self::Plural { zero, one, other } => match n {
                Some(0) if zero.is_some() => zero.as_deref().unwrap_or(other),
                Some(1) => one,
                _ => other,
            },
            Self::List(items) => items.first().map_or("", String::as_str),
        }
    }

    /// Every text it holds (for the tests that look for phrases).
    fn texts(&self) -> Vec<&str> {
        match self {
            Self::Text(t) => vec![t],
            Self::Plural { zero, one, other } => zero.iter().map(String::as_str).chain([one.as_str(), other]).collect(),
            Self::List(items) => items.iter().map(String::as_str).collect(),
        }
    }
}

/// The strings of one language, by dotted key (`nav.activities`).
#[derive(Debug, Clone)]
pub struct Catalogue {
    language: String,
    /// The file the strings came from, for error messages.
    file: String,
    entries: HashMap<String, Entry>,
}

/// Flattens a YAML map into dotted keys.
fn flatten(prefix: &str, value: &serde_yaml::Value, out: &mut BTreeMap<String, Entry>) -> Result<(), String> {
    use serde_yaml::Value as Y;
    let scalar = |v: &Y| match v {
        Y::String(s) => Some(s.clone()),
        Y::Number(n) => Some(n.to_string()),
        Y::Bool(b) => Some(b.to_string()),
        _ => None,
    };
    match value {
        Y::Mapping(map) => {
            let is_plural = map.keys().all(|k| matches!(k.as_str(), Some("zero" | "one" | "other")))
                && map.contains_key("one")
                && map.contains_key("other");
            if is_plural && !prefix.is_empty() {
                let get = |k: &str| map.get(k).and_then(scalar);
                out.insert(
                    prefix.to_string(),
                    Entry::Plural {
                        zero: get("zero"),
                        one: get("one").unwrap_or_default(),
                        other: get("other").unwrap_or_default(),
                    },
                );
                return Ok(());
            }
            for (k, v) in map {
                let k = scalar(k).ok_or_else(|| format!("a key under `{prefix}` is not text"))?;
                let key = if prefix.is_empty() { k } else { format!("{prefix}.{k}") };
                flatten(&key, v, out)?;
            }
            Ok(())
        }
        Y::Sequence(items) => {
            let items = items.iter().map(scalar).collect::<Option<Vec<_>>>();
            let items = items.ok_or_else(|| format!("`{prefix}` must be a list of texts"))?;
            out.insert(prefix.to_string(), Entry::List(items));
            Ok(())
        }
        Y::Null => Err(format!("`{prefix}` is empty: write its text")),
        other => {
            let text = scalar(other).ok_or_else(|| format!("`{prefix}` must be text"))?;
            out.insert(prefix.to_string(), Entry::Text(text));
            Ok(())
        }
    }
}

fn parse(file: &str, bytes: &[u8]) -> Result<BTreeMap<String, Entry>, I18nError> {
    let error = |message: String| I18nError::Parse { file: file.to_string(), message };
    let value: serde_yaml::Value = serde_yaml::from_slice(bytes).map_err(|e| error(e.to_string()))?;
    let mut out = BTreeMap::new();
    flatten("", &value, &mut out).map_err(error)?;
    Ok(out)
}

/// The catalogue files a language tag may use, most specific first
/// (`pt-BR` then `pt`).
fn candidates(language: &str) -> Vec<String> {
    let mut out = vec![language.to_string()];
    if let Some((primary, _)) = language.split_once('-') {
        out.push(primary.to_string());
    }
    out
}

impl Catalogue {
    /// The catalogue of `language` for `theme`: the default theme's file for
    /// that language with the theme's own file over it, key by key. A
    /// language only the theme has must have every key the default theme's
    /// reference catalogue has.
    pub fn load(theme: &Theme, language: &str) -> Result<Self, I18nError> {
        Self::load_over(&Theme::builtin(), theme, language)
    }

    fn load_over(builtin: &Theme, theme: &Theme, language: &str) -> Result<Self, I18nError> {
        let language = if language.trim().is_empty() { REFERENCE_LANGUAGE } else { language.trim() };
        let file_of = |lang: &str| format!("{lang}.yaml");
        let names = candidates(language);
        let base = names.iter().find_map(|l| builtin.i18n.get(&file_of(l)).map(|b| (l.clone(), b)));
        let own = names.iter().find_map(|l| theme.i18n.get(&file_of(l)).map(|b| (l.clone(), b)));
        let mut entries = BTreeMap::new();
        let mut file = String::new();
        if let Some((lang, bytes)) = &base {
            file = format!("i18n/{}", file_of(lang));
            entries = parse(&file, bytes)?;
        }
        if let Some((lang, bytes)) = &own {
            let own_file = format!("i18n/{}", file_of(lang));
            let own_entries = parse(&own_file, bytes)?;
            if base.is_none() {
                let reference = builtin.i18n.get(&file_of(REFERENCE_LANGUAGE)).map(|b| parse("", b)).transpose()?;
                let missing: Vec<&String> =
                    reference.iter().flat_map(|r| r.keys()).filter(|k| !own_entries.contains_key(*k)).collect();
                if let Some(first) = missing.first() {
                    return Err(I18nError::MissingKey {
                        file: own_file,
                        key: (*first).clone(),
                        more: missing.len() - 1,
                    });
                }
            }
            entries.extend(own_entries);
            file = own_file;
        }
        if entries.is_empty() {
            return Err(I18nError::NoLanguage { language: language.to_string() });
        }
        Ok(Self { language: language.to_string(), file, entries: entries.into_iter().collect() })
    }

    /// The language tag the site declares (`html lang`).
    pub fn language(&self) -> &str {
        &self.language
    }

    /// Whether the catalogue has `key`.
    pub fn has(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Every key, sorted.
    pub fn keys(&self) -> BTreeSet<&str> {
        self.entries.keys().map(String::as_str).collect()
    }

    /// Every text of every key (plural forms and list items included).
    pub fn texts(&self) -> Vec<(&str, &str)> {
        self.entries.iter().flat_map(|(k, e)| e.texts().into_iter().map(move |t| (k.as_str(), t))).collect()
    }

    /// The text of `key`; the key itself, never a panic, if it is missing
    /// (the tests check every key Rust uses exists in every catalogue).
    pub fn text<'a>(&'a self, key: &'a str) -> &'a str {
        self.entries.get(key).map_or(key, |e| e.form(None))
    }

    /// The text of `key` with its `{name}` placeholders filled (plural form
    /// chosen by the `n` argument, if any).
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        let n = args.iter().find(|(k, _)| *k == "n").and_then(|(_, v)| v.parse().ok());
        let text = self.entries.get(key).map_or(key, |e| e.form(n));
        substitute(text, |name| args.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
    }

    /// Every key under `prefix` (`search_js.`) as a JSON object, nested by
    /// the dots that follow, plural forms as `{one, other}` and lists as
    /// arrays: the words a script reads from the page.
    pub fn json_under(&self, prefix: &str) -> serde_json::Value {
        use serde_json::{Map, Value, json};
        let mut root = Map::new();
        let mut keys: Vec<&String> = self.entries.keys().filter(|k| k.starts_with(prefix)).collect();
        keys.sort();
        for key in keys {
            let value = match &self.entries[key] {
                Entry::Text(t) => json!(t),
                Entry::Plural { zero, one, other } => json!({"zero": zero, "one": one, "other": other}),
                Entry::List(items) => json!(items),
            };
            let mut parts: Vec<&str> = key[prefix.len()..].split('.').collect();
            let last = parts.pop().unwrap_or_default();
            let mut map = &mut root;
            for p in parts {
                let slot = map.entry(p.to_string()).or_insert_with(|| Value::Object(Map::new()));
                if !slot.is_object() {
                    *slot = Value::Object(Map::new());
                }
                match slot {
                    Value::Object(m) => map = m,
                    _ => unreachable!("made an object above"),
                }
            }
            map.insert(last.to_string(), value);
        }
        Value::Object(root)
    }

    /// Whether `key` is a plain text (no placeholder, no plural form), as
    /// templates may read it from the `w` map.
    pub fn is_plain(&self, key: &str) -> bool {
        matches!(self.entries.get(key), Some(Entry::Text(t)) if !t.contains('{'))
    }

    /// [`Catalogue::fill`] for HTML: the arguments are escaped as Tera
    /// escapes a value, the text is not (catalogue texts may hold markup).
    /// The same as `t(key=..., ...)` in a template.
    pub fn fill_html(&self, key: &str, args: &[(&str, &str)]) -> String {
        let escaped: Vec<(&str, String)> = args.iter().map(|&(k, v)| (k, escape_html(v))).collect();
        let args: Vec<(&str, &str)> = escaped.iter().map(|(k, v)| (*k, v.as_str())).collect();
        self.fill(key, &args)
    }

    /// Every plain text as a nested map of ready template values, for the
    /// templates' global `w` (`{{ w.home.latest }}`): one lookup, where a
    /// call of `t` builds its argument map each time.
    pub fn words(&self) -> tera::Value {
        enum Node {
            Leaf(tera::Value),
            Branch(BTreeMap<String, Node>),
        }
        fn into_value(node: Node) -> tera::Value {
            match node {
                Node::Leaf(v) => v,
                Node::Branch(map) => {
                    tera::Value::from(map.into_iter().map(|(k, n)| (k, into_value(n))).collect::<BTreeMap<_, _>>())
                }
            }
        }
        let mut root = BTreeMap::new();
        for (key, entry) in &self.entries {
            let Entry::Text(text) = entry else { continue };
            if text.contains('{') {
                continue;
            }
            let mut parts: Vec<&str> = key.split('.').collect();
            let Some(last) = parts.pop() else { continue };
            let mut map = &mut root;
            for p in parts {
                let slot = map.entry(p.to_string()).or_insert_with(|| Node::Branch(BTreeMap::new()));
                if let Node::Leaf(_) = slot {
                    *slot = Node::Branch(BTreeMap::new());
                }
                match slot {
                    Node::Branch(m) => map = m,
                    Node::Leaf(_) => unreachable!("made a branch above"),
                }
            }
            map.entry(last.to_string()).or_insert_with(|| Node::Leaf(tera::Value::safe_string(text)));
        }
        into_value(Node::Branch(root))
    }

    /// The list under `key` (month names).
    fn list(&self, key: &str) -> &[String] {
        match self.entries.get(key) {
            Some(Entry::List(items)) => items,
            _ => &[],
        }
    }

    /// A date in words at its real precision (`12 Juli 2024`, `July 2024`,
    /// `2024`), with the forms under `{prefix}date`.
    pub fn date_in(&self, prefix: &str, d: &PartialDate) -> String {
        let months = self.list(&format!("{prefix}date.months"));
        let month = |m: u32| months.get(m as usize - 1).cloned().unwrap_or_else(|| m.to_string());
        let year = d.year.to_string();
        match (d.month, d.day) {
            (Some(m), Some(day)) => self.fill(
                &format!("{prefix}date.day"),
                &[("day", &day.to_string()), ("month", &month(m)), ("year", &year)],
            ),
            (Some(m), None) => self.fill(&format!("{prefix}date.month"), &[("month", &month(m)), ("year", &year)]),
            _ => year,
        }
    }

    /// A date in words in the interface's language.
    pub fn date(&self, d: &PartialDate) -> String {
        self.date_in("", d)
    }

    /// A whole number with the language's group separator (`150.000.000`).
    pub fn number(&self, value: u64) -> String {
        let sep = self.text("number.group");
        let digits = value.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push_str(sep);
            }
            grouped.push(c);
        }
        grouped
    }

    /// An amount of money (`Rp150.000.000`, `USD 2,000`).
    pub fn money(&self, value: u64, currency: &str) -> String {
        let number = self.number(value);
        if currency == "IDR" {
            self.fill("number.rupiah", &[("amount", &number)])
        } else {
            format!("{currency} {number}")
        }
    }

    /// The label of an enumeration's value, by its value in the content
    /// files: `enum.activity_kind.rapat-koordinasi`.
    pub fn label<T: serde::Serialize>(&self, family: &str, value: &T) -> String {
        let key = format!("enum.{family}.{}", crate::catalog::slug(value));
        self.text(&key).to_string()
    }

    /// The keys every template of `theme` names (`t(key="...")`), with the
    /// template naming each; dynamic keys (`"chart." ~ c.by`) are checked
    /// when rendered.
    pub fn check_templates(&self, theme: &Theme) -> Result<(), I18nError> {
        for (template, source) in &theme.templates {
            for key in word_paths(source) {
                if !self.is_plain(key) {
                    return Err(I18nError::UnknownKey {
                        template: template.clone(),
                        key: format!("w.{key}"),
                        file: self.file.clone(),
                    });
                }
            }
            for key in template_keys(source) {
                if !self.has(key) {
                    return Err(I18nError::UnknownKey {
                        template: template.clone(),
                        key: key.to_string(),
                        file: self.file.clone(),
                    });
                }
            }
        }
        Ok(())
    }
}

/// The literal keys a template names: `t(key="a.b"` (with any spacing).
pub fn template_keys(source: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("t(key=\"") {
        let preceded = at > 0 && rest.as_bytes()[at - 1].is_ascii_alphanumeric();
        let after = &rest[at + "t(key=\"".len()..];
        let end = after.find('"').unwrap_or(after.len());
        // `t(key="chart.title." ~ c.by)`: a prefix, checked when rendered.
        let dynamic = after[end..].get(1..).is_some_and(|r| r.trim_start().starts_with('~'));
        if !preceded && !dynamic {
            out.push(&after[..end]);
        }
        rest = &after[end..];
    }
    out
}

/// The plain texts a template reads from the global `w` map (`w.home.latest`).
pub fn word_paths(source: &str) -> Vec<&str> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    for (at, _) in source.match_indices("w.") {
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_' || bytes[at - 1] == b'.') {
            continue;
        }
        let rest = &source[at + 2..];
        let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.')).unwrap_or(rest.len());
        let path = rest[..end].trim_end_matches('.');
        if !path.is_empty() {
            out.push(path);
        }
    }
    out
}

/// `{name}` placeholders replaced by what `value` gives for each name;
/// unknown ones are left as written.
fn substitute(text: &str, value: impl Fn(&str) -> Option<String>) -> String {
    if !text.contains('{') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if after[..close].chars().all(|c| c.is_ascii_alphanumeric() || c == '_') => {
                let name = &after[..close];
                match value(name) {
                    Some(v) => out.push_str(&v),
                    None => out.push_str(&rest[open..open + close + 2]),
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The `t` template function: `{{ t(key="card.ormas", n=3) }}`. The
/// catalogue's text is the theme's own markup (like a template's); the
/// arguments are escaped as any value is.
pub struct Translate {
    catalogue: Arc<Catalogue>,
    /// Each plain text (no placeholder, no plural) as a ready template
    /// value: most calls return a clone of one (a reference count), since
    /// every page makes dozens of them.
    plain: HashMap<String, tera::Value>,
}

impl Translate {
    /// The function over `catalogue`.
    pub fn new(catalogue: Arc<Catalogue>) -> Self {
        let plain = catalogue
            .entries
            .iter()
            .filter_map(|(k, e)| match e {
                Entry::Text(t) if !t.contains('{') => Some((k.clone(), tera::Value::safe_string(t))),
                _ => None,
            })
            .collect();
        Self { catalogue, plain }
    }
}

impl tera::Function<tera::TeraResult<tera::Value>> for Translate {
    fn call(&self, kwargs: tera::Kwargs, _state: &tera::State) -> tera::TeraResult<tera::Value> {
        let key: &str = kwargs.must_get::<&str>("key")?;
        if let Some(value) = self.plain.get(key) {
            return Ok(value.clone());
        }
        let Some(entry) = self.catalogue.entries.get(key) else {
            return Err(tera::Error::message(format!(
                "the string `{key}` is in no catalogue (`{}`): add it to every file under i18n/",
                self.catalogue.file
            )));
        };
        let n = kwargs.get::<i64>("n")?;
        let text = entry.form(n);
        let args: HashMap<String, String> = kwargs
            .iter()
            .filter_map(|(k, v)| k.as_str().filter(|k| *k != "key").map(|k| (k.to_string(), v)))
            .map(|(k, v)| (k, escape_html(&v.as_str().map_or_else(|| v.to_string(), str::to_string))))
            .collect();
        Ok(tera::Value::safe_string(&substitute(text, |name| args.get(name).cloned())))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// A value as Tera's autoescape writes it into an HTML template.
fn escape_html(raw: &str) -> String {
    let mut escaped = Vec::with_capacity(raw.len());
    // Writing to a Vec cannot fail.
    let _ = tera::escape_html(raw, &mut escaped);
    String::from_utf8_lossy(&escaped).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin(lang: &str) -> Catalogue {
        Catalogue::load(&Theme::builtin(), lang).unwrap()
    }

    #[test]
    fn every_language_has_the_reference_keys() {
        let theme = Theme::builtin();
        let reference = builtin(REFERENCE_LANGUAGE);
        for file in theme.i18n.keys() {
            let lang = file.trim_end_matches(".yaml");
            let other = builtin(lang);
            let missing: Vec<_> = reference.keys().difference(&other.keys()).copied().collect();
            let extra: Vec<_> = other.keys().difference(&reference.keys()).copied().collect();
            assert!(missing.is_empty() && extra.is_empty(), "i18n/{file}: missing {missing:?}, extra {extra:?}");
        }
        assert!(theme.i18n.contains_key("en.yaml"));
    }

    #[test]
    fn every_key_the_templates_and_rust_use_exists() {
        let theme = Theme::builtin();
        for lang in ["id", "en"] {
            builtin(lang).check_templates(&theme).unwrap();
        }
        // Keys Rust names: `text("...")`, `fill("...")`, `tr("...")`, `tr_with("...")`.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render");
        let reference = builtin(REFERENCE_LANGUAGE);
        let mut seen = 0;
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") || entry.path().ends_with("i18n.rs") {
                continue;
            }
            let source = std::fs::read_to_string(entry.path()).unwrap();
            for call in ["tr(\"", "tr_with(\"", "text(\"", "fill(\"", "label_of(\""] {
                for (at, _) in source.match_indices(call) {
                    let after = &source[at + call.len()..];
                    let key = &after[..after.find('"').unwrap()];
                    if key.contains('{') || key.is_empty() || !key.contains('.') {
                        continue;
                    }
                    seen += 1;
                    assert!(
                        reference.has(key),
                        "{} uses the string `{key}`, missing from i18n/id.yaml",
                        entry.path().display()
                    );
                }
            }
        }
        assert!(seen > 50, "only {seen} keys found in src/render: the scan is broken");
    }

    #[test]
    fn every_enum_value_has_a_label() {
        fn values<T: schemars::JsonSchema>() -> Vec<String> {
            let schema = serde_json::to_value(schemars::schema_for!(T)).unwrap();
            let mut out = Vec::new();
            fn walk(v: &serde_json::Value, out: &mut Vec<String>) {
                match v {
                    serde_json::Value::Object(m) => {
                        for (k, x) in m {
                            if k == "enum" || k == "const" {
                                match x {
                                    serde_json::Value::Array(a) => {
                                        out.extend(a.iter().filter_map(|s| s.as_str().map(String::from)))
                                    }
                                    serde_json::Value::String(s) => out.push(s.clone()),
                                    _ => {}
                                }
                            } else {
                                walk(x, out);
                            }
                        }
                    }
                    serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                    _ => {}
                }
            }
            walk(&schema, &mut out);
            assert!(!out.is_empty());
            out
        }
        use crate::model::*;
        let families: Vec<(&str, Vec<String>)> = vec![
            ("activity_kind", values::<ActivityKind>()),
            ("ormas_status", values::<OrmasStatus>()),
            ("ormas_scope", values::<Scope>()),
            ("legal_form", values::<LegalForm>()),
            ("agency_kind", values::<AgencyKind>()),
            ("partnership_kind", values::<PartnershipKind>()),
            ("partnership_status", values::<PartnershipStatus>()),
            ("budget_source", values::<BudgetSource>()),
        ];
        for lang in ["id", "en"] {
            let c = builtin(lang);
            for (family, list) in &families {
                for v in list {
                    assert!(c.has(&format!("enum.{family}.{v}")), "i18n/{lang}.yaml lacks enum.{family}.{v}");
                }
            }
        }
    }

    #[test]
    fn fills_plurals_dates_and_numbers() {
        let en = builtin("en");
        let id = builtin("id");
        let d = PartialDate::parse("2024-07-12").unwrap();
        assert_eq!(id.date(&d), "12 Juli 2024");
        assert_eq!(en.date(&d), "12 July 2024");
        assert_eq!(id.date(&PartialDate::parse("2023-11").unwrap()), "November 2023");
        assert_eq!(id.money(150_000_000, "IDR"), "Rp150.000.000");
        assert_eq!(en.money(150_000_000, "IDR"), "Rp150,000,000");
        assert_eq!(en.fill("count.activities", &[("n", "1")]), "1 activity");
        assert_eq!(en.fill("count.activities", &[("n", "2")]), "2 activities");
        assert_eq!(substitute("{a} and {b} {c", |n| (n == "a").then(|| "x".into())), "x and {b} {c");
    }

    #[test]
    fn a_theme_overrides_keys_and_a_new_language_must_be_complete() {
        let builtin = Theme::builtin();
        let mut theme = Theme::default();
        theme.i18n.insert("id.yaml".into(), b"search:\n  button: Telusuri\n".to_vec());
        let c = Catalogue::load_over(&builtin, &theme, "id").unwrap();
        assert_eq!(c.text("search.button"), "Telusuri");
        assert_eq!(c.text("nav.activities"), "Kegiatan");
        theme.i18n.insert("jv.yaml".into(), b"nav:\n  search: Golek\n".to_vec());
        let e = Catalogue::load_over(&builtin, &theme, "jv").unwrap_err().to_string();
        assert!(e.contains("i18n/jv.yaml") && e.contains("lacks the key"), "{e}");
        let e = Catalogue::load_over(&builtin, &theme, "fr").unwrap_err().to_string();
        assert!(e.contains("i18n/fr.yaml"), "{e}");
        theme.templates.insert("x.html".into(), "{{ t(key=\"no.such\") }}".into());
        let e = c.check_templates(&theme).unwrap_err().to_string();
        assert!(e.contains("x.html") && e.contains("no.such"), "{e}");
        theme.templates.insert("x.html".into(), "{{ w.search.button }} {{ w.card.ormas }}".into());
        let e = c.check_templates(&theme).unwrap_err().to_string();
        assert!(e.contains("w.card.ormas"), "a text with placeholders is not in `w`: {e}");
        assert_eq!(word_paths("{{ w.a.b }} {{ new.c }} {% if w.d %}"), vec!["a.b", "d"]);
        assert_eq!(Catalogue::load_over(&builtin, &Theme::default(), "en-GB").unwrap().text("search.button"), "Search");
    }

    #[test]
    fn every_published_file_and_column_has_its_words() {
        // The Indonesian catalogue holds what `src/catalog.rs` documents
        // (so /data/ reads the same), and so every language has each key.
        let urls = crate::address::Urls::new("https://x.id/portal/");
        let id = builtin("id");
        let en = builtin("en");
        for d in crate::catalog::downloads(&urls, true) {
            let fk = crate::render::pages::file_key(d.url.trim_start_matches(urls.base_path()));
            assert_eq!(id.text(&format!("data_files.{fk}.title")), d.title, "{fk}");
            assert_eq!(id.text(&format!("data_files.{fk}.description")), d.description, "{fk}");
            for c in &d.columns {
                assert_eq!(id.text(&format!("data_files.{fk}.columns.{}", c.name)), c.description);
                if c.source.contains(' ') {
                    assert_eq!(id.text(&format!("data_files.{fk}.sources.{}", c.name)), c.source);
                    assert!(en.has(&format!("data_files.{fk}.sources.{}", c.name)));
                }
            }
        }
    }
}
