//! The editor's generated configuration covers the whole content model:
//! every field of every record kind (read from the model's JSON Schemas,
//! not listed here) appears with its required flag, every enumeration with
//! all its values, every reference as a picker; the theme's catalogue
//! labels every field in Bahasa Indonesia; the pinned scripts' integrity
//! hashes match the npm files; and the build writes `admin/` unless the
//! site opts out.

mod common;

use std::fs;

use serde_json::Value;
use terbuka::admin::config::{kinds, lists};
use terbuka::model::{REF_KEYWORD, SiteConfig};

fn site(extra: &str) -> SiteConfig {
    serde_yaml::from_str(&format!("title: Uji\nbase_url: https://example.test/\n{extra}")).unwrap()
}

/// The generated configuration, as the CMS reads it (YAML to JSON).
fn generated(site: &SiteConfig) -> Value {
    let theme = terbuka::render::theme::Theme::builtin();
    let files = terbuka::admin::files(site, &theme).unwrap();
    let (_, yaml) = files.iter().find(|(p, _)| p == "admin/config.yml").expect("config.yml written");
    serde_yaml::from_slice(yaml).unwrap()
}

/// Follows `$ref` / `allOf` / `anyOf: [_, null]` to a definition.
fn resolve<'a>(schema: &'a Value, defs: &'a Value) -> &'a Value {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        return &defs[r.rsplit('/').next().unwrap()];
    }
    for key in ["allOf", "anyOf"] {
        if let Some(list) = schema.get(key).and_then(Value::as_array) {
            let non_null: Vec<&Value> = list.iter().filter(|s| s.get("type") != Some(&"null".into())).collect();
            if non_null.len() == 1 && non_null[0].get("$ref").is_some() {
                return resolve(non_null[0], defs);
            }
        }
    }
    schema
}

/// Checks every property of an object schema against the CMS fields, then
/// recurses into nested objects and lists of objects. Returns how many
/// fields were checked.
fn check_object(path: &str, schema: &Value, defs: &Value, fields: &Value, key_fields: &[&str]) -> usize {
    let props = schema["properties"].as_object().unwrap_or_else(|| panic!("{path}: no properties"));
    let required: Vec<&str> = schema["required"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    let fields = fields.as_array().unwrap_or_else(|| panic!("{path}: no fields in the config"));
    let mut checked = 0;
    for (name, prop) in props {
        let at = format!("{path}.{name}");
        let field = fields.iter().find(|f| f["name"] == name.as_str()).unwrap_or_else(|| panic!("{at} is missing"));
        assert_eq!(field["required"], Value::Bool(required.contains(&name.as_str())), "{at}: required flag");
        let label = field["label"].as_str().unwrap();
        assert!(label != name, "{at} has no label in themes/default/data/editor.yaml");
        let target = resolve(prop, defs);
        let items = target.get("items").map(|i| resolve(i, defs));
        let reference = prop.get(REF_KEYWORD).or_else(|| target.get(REF_KEYWORD));
        let reference = reference.or_else(|| items.and_then(|i| i.get(REF_KEYWORD)));
        if let Some(to) = reference.filter(|_| !key_fields.contains(&at.as_str())) {
            assert_eq!(field["widget"], "relation", "{at} names {to}: a picker");
            let many = target.get("type") == Some(&"array".into());
            assert_eq!(field["multiple"] == true, many, "{at}: multiple");
            let collection = field["collection"].as_str().unwrap();
            match to.as_str().unwrap() {
                "regions" | "topics" => assert_eq!(field["file"], *to, "{at}"),
                folder => assert_eq!(collection, folder, "{at}"),
            }
            assert!(field["display_fields"].as_array().is_some_and(|d| !d.is_empty()), "{at}: shows names");
        } else if let Some(values) = enum_values(target) {
            assert_eq!(field["widget"], "select", "{at}");
            let options: Vec<&str> =
                field["options"].as_array().unwrap().iter().map(|o| o["value"].as_str().unwrap()).collect();
            assert_eq!(options, values, "{at}: every value of the enumeration");
            for o in field["options"].as_array().unwrap() {
                assert!(o["label"] != o["value"] || o["value"].as_str().unwrap().len() <= 4, "{at}: option label");
            }
        } else if target.get("properties").is_some() {
            assert_eq!(field["widget"], "object", "{at}");
            checked += check_object(&at, target, defs, &field["fields"], key_fields);
        } else if let Some(item) = items.filter(|i| i.get("properties").is_some()) {
            assert_eq!(field["widget"], "list", "{at}");
            checked += check_object(&at, item, defs, &field["fields"], key_fields);
        }
        if prop.get("minItems").is_some() {
            assert_eq!(field["min"], prop["minItems"], "{at}: fewest items");
        }
        checked += 1;
    }
    assert_eq!(fields.iter().filter(|f| f["name"] != "body").count(), props.len(), "{path}: no extra fields");
    checked
}

fn enum_values(schema: &Value) -> Option<Vec<&str>> {
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        return Some(e.iter().filter_map(Value::as_str).collect());
    }
    let one_of = schema.get("oneOf")?.as_array()?;
    one_of.iter().map(|s| s.get("const").and_then(Value::as_str)).collect()
}

#[test]
fn every_field_of_every_record_kind_is_in_the_form_with_its_required_flag_and_values() {
    let config = generated(&site(""));
    let collections = config["collections"].as_array().unwrap();
    let mut checked = 0;
    for kind in kinds() {
        let name = kind.collection.folder();
        let collection = collections.iter().find(|c| c["name"] == name).unwrap_or_else(|| panic!("no {name}"));
        let schema = kind.schema.as_value();
        let defs = schema.get("definitions").cloned().unwrap_or_default();
        checked += check_object(name, schema, &defs, &collection["fields"], &[]);
        assert_eq!(collection["folder"], format!("content/{name}"));
        let body = collection["fields"].as_array().unwrap().iter().any(|f| f["name"] == "body");
        assert_eq!(body, kind.collection.has_body(), "{name}: Markdown body");
    }
    let lists_collection = collections.iter().find(|c| c["name"] == "lists").unwrap();
    for (list, _, schema) in lists() {
        let file = lists_collection["files"].as_array().unwrap().iter().find(|f| f["name"] == list).unwrap();
        assert_eq!(file["file"], format!("content/{list}.yaml"));
        let items = &file["fields"][0];
        let schema = schema.as_value();
        let defs = schema.get("definitions").cloned().unwrap_or_default();
        checked += check_object(list, schema, &defs, &items["fields"], &["regions.code"]);
    }
    assert!(checked > 80, "only {checked} fields checked");
}

#[test]
fn new_activities_land_in_their_year_folder_with_an_id_from_the_title() {
    let config = generated(&site("region: \"36.71\"\n"));
    let activities = &config["collections"][0];
    assert_eq!(activities["name"], "activities");
    assert_eq!(activities["identifier_field"], "title");
    // The CMS lowercases the template and turns `.` into `-`, so it names
    // the field plainly and takes its first four characters.
    assert_eq!(activities["path"], "{{date | truncate(4, \"-\")}}/{{slug}}");
    assert_eq!(config["slug"]["encoding"], "ascii");
    let date = activities["fields"].as_array().unwrap().iter().find(|f| f["name"] == "date").unwrap();
    let pattern = regex_lite(date["pattern"][0].as_str().unwrap());
    for ok in ["2024", "2024-07", "2024-07-12"] {
        assert!(pattern(ok), "{ok} is refused");
    }
    for bad in ["12-07-2024", "2024-13", "2024-7"] {
        assert!(!pattern(bad), "{bad} is accepted");
    }
    let region = activities["fields"].as_array().unwrap().iter().find(|f| f["name"] == "region").unwrap();
    assert_eq!(region["default"], "36.71", "new records start in the portal's region");
}

/// The date pattern, checked by the model's own parser's rule: what the
/// pattern accepts must parse as a partial date and vice versa.
fn regex_lite(pattern: &str) -> impl Fn(&str) -> bool + '_ {
    move |s: &str| {
        let validator = jsonschema::validator_for(&serde_json::json!({"type": "string", "pattern": pattern})).unwrap();
        validator.is_valid(&Value::String(s.into()))
    }
}

#[test]
fn git_settings_come_from_site_yaml_and_the_page_explains_a_missing_repository() {
    let config = generated(&site(
        "editor:\n  host: gitlab\n  repo: pemkot/portal\n  branch: terbit\n  app_id: abc\n  review: false\n",
    ));
    assert_eq!(config["backend"]["name"], "gitlab");
    assert_eq!(config["backend"]["repo"], "pemkot/portal");
    assert_eq!(config["backend"]["branch"], "terbit");
    assert_eq!(config["backend"]["auth_type"], "pkce");
    assert!(config.get("publish_mode").is_none());
    let reviewed = generated(&site("editor:\n  repo: pemkot/portal\n"));
    assert_eq!(reviewed["backend"]["name"], "github");
    assert_eq!(reviewed["publish_mode"], "editorial_workflow");

    let theme = terbuka::render::theme::Theme::builtin();
    let page = |s: &SiteConfig| {
        let files = terbuka::admin::files(s, &theme).unwrap();
        String::from_utf8(files.into_iter().find(|(p, _)| p == "admin/index.html").unwrap().1).unwrap()
    };
    let unconfigured = page(&site(""));
    assert!(unconfigured.contains("Editor belum disambungkan ke repositori"));
    assert!(unconfigured.contains("\"configured\":false"));
    assert!(page(&site("editor:\n  repo: a/b\n")).contains("\"configured\":true"));
    assert!(terbuka::admin::files(&site("editor:\n  enabled: false\n"), &theme).unwrap().is_empty());
}

#[test]
fn pinned_scripts_carry_the_integrity_of_the_npm_files() {
    let modules = common::repo().join("tests/browser/node_modules");
    assert!(modules.is_dir(), "run `npm ci --prefix tests/browser` first (.ci/run does)");
    for pinned in terbuka::admin::cms::ALL {
        let dir = modules.join(pinned.package);
        let package: Value = serde_json::from_str(&fs::read_to_string(dir.join("package.json")).unwrap()).unwrap();
        assert_eq!(package["version"], pinned.version, "{}: installed version", pinned.package);
        let bytes = fs::read(dir.join(pinned.file)).unwrap();
        let out = std::process::Command::new("openssl")
            .args(["dgst", "-sha384", "-binary"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .and_then(|mut child| {
                use std::io::Write;
                child.stdin.take().unwrap().write_all(&bytes)?;
                child.wait_with_output()
            })
            .unwrap();
        let digest = base64(&out.stdout);
        assert_eq!(pinned.integrity, format!("sha384-{digest}"), "{}", pinned.package);
    }
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(A[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn the_build_writes_the_editor_unless_the_site_opts_out() {
    let built = common::build(&common::fixture("site"));
    let config: Value = serde_yaml::from_str(&built.read("admin/config.yml")).unwrap();
    assert_eq!(config["local_backend"]["url"], "/__terbuka/cms/api/v1");
    let page = built.read("admin/index.html");
    assert!(page.contains("lang=\"id\"") && page.contains("noindex"));
    // The page's own script is a theme asset the build wrote.
    let glue = page.split("<script src=\"../").nth(1).unwrap().split('"').next().unwrap();
    assert!(built.public.join(glue).is_file(), "{glue}");

    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&common::fixture("site"), tmp.path());
    let site_yaml = tmp.path().join("site.yaml");
    let text = fs::read_to_string(&site_yaml).unwrap() + "editor:\n  enabled: false\n";
    fs::write(&site_yaml, text).unwrap();
    let without = common::build(tmp.path());
    assert!(!without.public.join("admin").exists());
}
