//! Open data (issue 5): every output of a build parses with a real parser
//! for its format and says exactly what the content says. Expected values
//! are computed here from the YAML with serde_yaml, independently of the
//! build's own model.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use common::{Built, attrs, build, copy_dir, fixture, repo};
use scraper::{Html, Selector};
use serde_json::Value;
use serde_yaml::Value as Yaml;

/// A record file: its id, collection folder and front matter.
struct Rec {
    id: String,
    folder: String,
    yaml: Yaml,
    body: String,
}

/// Reads every record of a content folder straight from disk.
fn records(content: &Path) -> Vec<Rec> {
    let mut out = Vec::new();
    for folder in ["agencies", "people", "ormas", "activities", "partnerships"] {
        let dir = content.join(folder);
        if !dir.exists() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.unwrap();
            let path = entry.path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if !entry.file_type().is_file() || !(ext == "md" || ext == "yaml") {
                continue;
            }
            let text = fs::read_to_string(path).unwrap();
            let (front, body) = if ext == "md" {
                let rest = text.strip_prefix("---\n").expect("front matter");
                let end = rest.find("\n---").expect("closing ---");
                (rest[..end].to_string(), rest[end + 4..].trim_start_matches(['-', '\n']).to_string())
            } else {
                (text.clone(), String::new())
            };
            out.push(Rec {
                id: path.file_stem().unwrap().to_string_lossy().into_owned(),
                folder: folder.into(),
                yaml: serde_yaml::from_str(&front).unwrap(),
                body,
            });
        }
    }
    out
}

fn of<'a>(recs: &'a [Rec], folder: &str) -> Vec<&'a Rec> {
    recs.iter().filter(|r| r.folder == folder).collect()
}

fn strs(v: &Yaml) -> Vec<String> {
    v.as_sequence().map(|s| s.iter().filter_map(|x| x.as_str().map(String::from)).collect()).unwrap_or_default()
}

fn yaml_str(v: &Yaml, key: &str) -> Option<String> {
    match &v[key] {
        Yaml::String(s) => Some(s.clone()),
        Yaml::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// (activity id, participant type, participant id or name, role).
type Participation = (String, String, String, String);

fn expected_participations(recs: &[Rec]) -> BTreeSet<Participation> {
    let mut out = BTreeSet::new();
    for a in of(recs, "activities") {
        let y = &a.yaml;
        let mut add = |kind: &str, who: String, role: String| {
            out.insert((a.id.clone(), kind.to_string(), who, role));
        };
        for id in strs(&y["organizers"]) {
            add("agency", id, "organizer".into());
        }
        for id in strs(&y["participants"]["agencies"]) {
            add("agency", id, "participant".into());
        }
        for id in strs(&y["participants"]["ormas"]) {
            add("ormas", id, "participant".into());
        }
        for o in y["officials"].as_sequence().cloned().unwrap_or_default() {
            let who = yaml_str(&o, "person").or_else(|| yaml_str(&o, "name")).unwrap();
            add("official", who, yaml_str(&o, "role").unwrap());
        }
    }
    out
}

/// Strips the dataset's `<section>/` prefix from an id.
fn plain(id: &str) -> String {
    id.split_once('/').map_or(id, |(_, rest)| rest).to_string()
}

fn json(built: &Built, rel: &str) -> Value {
    serde_json::from_str(&built.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A gzipped JSON file of the build, read as `gunzip` would.
fn gz_json(built: &Built, rel: &str) -> Value {
    let file = fs::File::open(built.public.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_reader(flate2::read::GzDecoder::new(file)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The whole dataset as a reader puts it together (docs/data.md): the main
/// file, with the events of every file `meta.event_files` lists appended in
/// order. Each file is checked against the schema on the way.
fn dataset(built: &Built, schema: &Value) -> Value {
    let mut main = gz_json(built, "data/dataset.json.gz");
    assert_valid(schema, &main, "data/dataset.json.gz");
    assert!(main.get("events").is_none(), "the events are in the year files");
    let base = main["meta"]["url"].as_str().unwrap().to_string();
    let mut events = Vec::new();
    let mut years = Vec::new();
    for file in main["meta"]["event_files"].as_array().cloned().unwrap_or_default() {
        let rel = file["url"].as_str().unwrap().strip_prefix(&base).unwrap().to_string();
        let part = gz_json(built, &rel);
        assert_valid(schema, &part, &rel);
        assert_eq!(part["meta"]["year"], file["year"], "{rel}");
        let these = part["events"].as_array().unwrap();
        assert_eq!(these.len() as u64, file["events"].as_u64().unwrap(), "{rel}: its count");
        for e in these {
            assert!(e["date"].as_str().unwrap().starts_with(&file["year"].to_string()), "{rel}: an event of its year");
        }
        years.push(file["year"].as_i64().unwrap());
        events.extend(these.iter().cloned());
    }
    assert!(years.windows(2).all(|w| w[0] > w[1]), "year files newest first: {years:?}");
    let data_files: Vec<String> = fs::read_dir(built.public.join("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("dataset-"))
        .collect();
    assert_eq!(data_files.len(), years.len(), "every year file is listed: {data_files:?}");
    main["events"] = Value::Array(events);
    main
}

fn schema() -> Value {
    serde_json::from_str(&fs::read_to_string(repo().join("docs/schema/dataset.schema.json")).unwrap()).unwrap()
}

/// The Popolo specification's types, written from its documentation
/// (no registry carries popolo-spec's draft-3 schemas).
fn popolo_schema() -> Value {
    serde_json::from_str(&fs::read_to_string(repo().join("tests/schemas/popolo.schema.json")).unwrap()).unwrap()
}

fn assert_valid(schema: &Value, instance: &Value, what: &str) {
    let validator = jsonschema::validator_for(schema).expect("schema compiles");
    let errors: Vec<String> =
        validator.iter_errors(instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "{what} does not match the schema:\n{}", errors.join("\n"));
}

/// The schema of one `$defs` entry, for per-record files.
fn def_schema(schema: &Value, def: &str) -> Value {
    serde_json::json!({
        "$schema": schema["$schema"],
        "$ref": format!("#/$defs/{def}"),
        "$defs": schema["$defs"],
    })
}

/// Parses a CSV download: strips the BOM, returns header and rows.
fn csv_table(built: &Built, rel: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let bytes = fs::read(built.public.join(rel)).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{rel} starts with a UTF-8 BOM");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap_or_else(|e| panic!("{rel}: {e}"));
            header.iter().cloned().zip(r.iter().map(String::from)).collect()
        })
        .collect();
    (header, rows)
}

/// A yearly CSV (`data/kegiatan.csv` stands for `data/kegiatan-<year>.csv`):
/// its year files, newest first, each with the same header and only rows
/// of its year (by the column `date_column`), appended in that order.
fn csv_yearly(built: &Built, rel: &str, date_column: &str) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let stem = rel.strip_suffix(".csv").unwrap();
    let mut years: Vec<i32> = fs::read_dir(built.public.join("data"))
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_prefix(&format!("{}-", stem.trim_start_matches("data/")))?.strip_suffix(".csv")?.parse().ok()
        })
        .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    assert!(!years.is_empty(), "no {stem}-<year>.csv");
    assert!(!built.public.join(rel).exists(), "{rel} is split by year, not published whole");
    let mut header = None;
    let mut all = Vec::new();
    for year in years {
        let file = format!("{stem}-{year}.csv");
        let (h, rows) = csv_table(built, &file);
        assert_eq!(header.get_or_insert_with(|| h.clone()), &h, "{file}: the same header in every year");
        assert!(!rows.is_empty(), "{file}: a year file has rows");
        for row in &rows {
            assert!(row[date_column].starts_with(&year.to_string()), "{file}: a row of another year: {row:?}");
        }
        all.extend(rows);
    }
    (header.unwrap(), all)
}

fn csv_participations(built: &Built) -> BTreeSet<Participation> {
    let (_, rows) = csv_yearly(built, "data/partisipasi.csv", "activity_date");
    let set: BTreeSet<Participation> = rows
        .iter()
        .map(|r| {
            let who = if r["participant_id"].is_empty() { &r["participant_name"] } else { &r["participant_id"] };
            (r["activity_id"].clone(), r["participant_type"].clone(), who.clone(), r["role"].clone())
        })
        .collect();
    assert_eq!(set.len(), rows.len(), "no participation row is repeated");
    set
}

fn json_participations(dataset: &Value) -> BTreeSet<Participation> {
    let mut out = BTreeSet::new();
    for e in dataset["events"].as_array().unwrap() {
        let id = plain(e["id"].as_str().unwrap());
        for o in e["organizers"].as_array().unwrap() {
            out.insert((id.clone(), "agency".into(), plain(o.as_str().unwrap()), "organizer".into()));
        }
        let people = e["attendees"].as_array().unwrap();
        let organizations = e["attending_organizations"].as_array().unwrap();
        assert!(people.iter().all(|a| a["type"] == "official"), "Popolo's attendees are people: {people:?}");
        assert!(organizations.iter().all(|a| a["type"] != "official"), "{organizations:?}");
        for a in people.iter().chain(organizations) {
            let who = a["organization_id"]
                .as_str()
                .or(a["person_id"].as_str())
                .map(plain)
                .unwrap_or_else(|| a["name"].as_str().unwrap().to_string());
            out.insert((id.clone(), a["type"].as_str().unwrap().into(), who, a["role"].as_str().unwrap().into()));
        }
    }
    out
}

/// Every HTML page of a build, by path relative to the output.
fn html_pages(built: &Built) -> Vec<String> {
    walkdir::WalkDir::new(&built.public)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| p.strip_prefix(&built.public).unwrap().to_string_lossy().into_owned())
        .collect()
}

fn jsonld_blocks(doc: &Html, page: &str) -> Vec<Value> {
    let sel = Selector::parse(r#"script[type="application/ld+json"]"#).unwrap();
    doc.select(&sel)
        .map(|s| {
            let text: String = s.text().collect();
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{page}: JSON-LD does not parse: {e}\n{text}"))
        })
        .collect()
}

/// The schema.org type a page about a record must declare.
fn expected_type(page: &str, grants: &BTreeSet<String>) -> Option<&'static str> {
    let parts: Vec<&str> = page.split('/').collect();
    match parts.as_slice() {
        ["index.html"] => Some("WebSite"),
        ["data", "index.html"] => Some("Dataset"),
        ["kegiatan", id, "index.html"] if !["tahun", "jenis", "halaman"].contains(id) => Some("Event"),
        ["ormas", id, "index.html"] if *id != "halaman" => Some("NGO"),
        ["instansi", _, "index.html"] => Some("GovernmentOrganization"),
        ["tokoh", _, "index.html"] => Some("Person"),
        ["kemitraan", id, "index.html"] if grants.contains(*id) => Some("MonetaryGrant"),
        _ => None,
    }
}

/// Checks every output of one build of `content`.
fn check_build(content: &Path) {
    let recs = records(content);
    let built = build(content);
    let count = |folder: &str| of(&recs, folder).len();

    // The JSON dataset: against the documented schema, with one entry per record.
    let schema = schema();
    let dataset = dataset(&built, &schema);
    assert_valid(&schema, &dataset, "the dataset put together");
    let published: Value = json(&built, "data/dataset.schema.json");
    assert_eq!(published, schema, "the published schema is the documented one");
    let len = |key: &str| dataset[key].as_array().unwrap().len();
    assert_eq!(len("organizations"), count("ormas") + count("agencies"));
    assert_eq!(len("persons"), count("people"));
    assert_eq!(len("events"), count("activities"));
    assert_eq!(len("grants") + len("agreements"), count("partnerships"));
    let site: Yaml = serde_yaml::from_str(&fs::read_to_string(content.join("site.yaml")).unwrap()).unwrap();
    assert_eq!(dataset["meta"]["license"]["name"].as_str(), site["license"]["name"].as_str(), "licence from site.yaml");
    let grants: BTreeSet<String> = of(&recs, "partnerships")
        .iter()
        .filter(|r| matches!(r.yaml["kind"].as_str(), Some("hibah" | "bantuan-sosial")))
        .map(|r| r.id.clone())
        .collect();
    assert_eq!(len("grants"), grants.len());

    // Against the Popolo specification too (tests/schemas/popolo.schema.json).
    let popolo = popolo_schema();
    for (key, def) in [("organizations", "Organization"), ("persons", "Person"), ("areas", "Area"), ("events", "Event")]
    {
        let sub = def_schema(&popolo, def);
        for (i, entry) in dataset[key].as_array().unwrap().iter().enumerate() {
            assert_valid(&sub, entry, &format!("data/dataset.json {key}[{i}] as a Popolo {def}"));
        }
    }

    // With `record_json`, each record as JSON beside its page, in the same
    // shape as its dataset entry; without, no such file and no `json_url`.
    let record_json = site["record_json"].as_bool().unwrap_or(false);
    if !record_json {
        for r in of(&recs, "activities") {
            assert!(!built.public.join(format!("kegiatan/{}.json", r.id)).exists(), "record_json is off");
        }
        for (key, list) in dataset.as_object().unwrap() {
            for entry in list.as_array().into_iter().flatten() {
                assert!(entry.get("json_url").is_none() && entry.get("jsonUrl").is_none(), "{key}: {entry}");
            }
        }
    }
    for (folder, section, def, key, popolo_def) in [
        ("activities", "kegiatan", "event", "events", "Event"),
        ("ormas", "ormas", "organization", "organizations", "Organization"),
        ("agencies", "instansi", "organization", "organizations", "Organization"),
        ("people", "tokoh", "person", "persons", "Person"),
    ] {
        let sub = def_schema(&schema, def);
        let popolo_sub = def_schema(&popolo, popolo_def);
        for r in of(&recs, folder).into_iter().filter(|_| record_json) {
            let rel = format!("{section}/{}.json", r.id);
            let record = json(&built, &rel);
            assert_valid(&sub, &record, &rel);
            assert_valid(&popolo_sub, &record, &format!("{rel} as a Popolo {popolo_def}"));
            let id = format!("{section}/{}", r.id);
            let entry = dataset[key].as_array().unwrap().iter().find(|e| e["id"] == id.as_str());
            assert_eq!(entry, Some(&record), "{rel} equals its dataset entry");
            assert!(built.public.join(section).join(&r.id).join("index.html").is_file(), "{rel} sits beside its page");
        }
    }
    for r in of(&recs, "partnerships").into_iter().filter(|_| record_json) {
        let rel = format!("kemitraan/{}.json", r.id);
        let def = if grants.contains(&r.id) { "grant" } else { "agreement" };
        assert_valid(&def_schema(&schema, def), &json(&built, &rel), &rel);
    }

    // CSVs: one row per record, ids as in the content.
    for (file, folder) in [
        ("data/kegiatan.csv", "activities"),
        ("data/ormas.csv", "ormas"),
        ("data/instansi.csv", "agencies"),
        ("data/tokoh.csv", "people"),
        ("data/kemitraan.csv", "partnerships"),
    ] {
        let (header, rows) =
            if file == "data/kegiatan.csv" { csv_yearly(&built, file, "date") } else { csv_table(&built, file) };
        assert_eq!(header[0], "id");
        assert_eq!(rows.len(), count(folder), "{file}: one row per record");
        let ids: BTreeSet<String> = rows.iter().map(|r| r["id"].clone()).collect();
        let want: BTreeSet<String> = of(&recs, folder).iter().map(|r| r.id.clone()).collect();
        assert_eq!(ids, want, "{file}");
    }
    let (_, activities) = csv_yearly(&built, "data/kegiatan.csv", "date");
    for row in &activities {
        let r = recs.iter().find(|r| r.folder == "activities" && r.id == row["id"]).unwrap();
        assert_eq!(Some(&row["title"]), yaml_str(&r.yaml, "title").as_ref());
        assert_eq!(Some(&row["date"]), yaml_str(&r.yaml, "date").as_ref(), "dates keep their precision");
        assert_eq!(row["organizer_ids"], strs(&r.yaml["organizers"]).join(";"));
    }

    // Participations: exactly those the content names, in the CSV and in the JSON.
    let expected = expected_participations(&recs);
    assert!(!expected.is_empty());
    assert_eq!(csv_participations(&built), expected, "participation CSV");
    assert_eq!(json_participations(&dataset), expected, "dataset events");
    assert_eq!(dataset["meta"]["counts"]["participations"].as_u64(), Some(expected.len() as u64));

    // Atom: the site feed and one per ormas, agency, region and topic, each linked from its page.
    let feed = feed_rs::parser::parse(built.read("feed.xml").as_bytes()).expect("feed.xml parses");
    assert_eq!(feed.entries.len(), count("activities").min(50));
    let regions: Vec<Yaml> = serde_yaml::from_str(&fs::read_to_string(content.join("regions.yaml")).unwrap()).unwrap();
    let topics: Vec<Yaml> = serde_yaml::from_str(&fs::read_to_string(content.join("topics.yaml")).unwrap()).unwrap();
    let mut entity_pages: Vec<(String, BTreeSet<String>)> = Vec::new();
    for o in of(&recs, "ormas") {
        let named: BTreeSet<String> = of(&recs, "activities")
            .iter()
            .filter(|a| strs(&a.yaml["participants"]["ormas"]).contains(&o.id))
            .map(|a| a.id.clone())
            .collect();
        entity_pages.push((format!("ormas/{}/", o.id), named));
    }
    for g in of(&recs, "agencies") {
        let named: BTreeSet<String> = of(&recs, "activities")
            .iter()
            .filter(|a| {
                strs(&a.yaml["organizers"]).contains(&g.id) || strs(&a.yaml["participants"]["agencies"]).contains(&g.id)
            })
            .map(|a| a.id.clone())
            .collect();
        entity_pages.push((format!("instansi/{}/", g.id), named));
    }
    for t in &topics {
        let id = t["id"].as_str().unwrap();
        let named: BTreeSet<String> = of(&recs, "activities")
            .iter()
            .filter(|a| strs(&a.yaml["topics"]).iter().any(|x| x == id))
            .map(|a| a.id.clone())
            .collect();
        entity_pages.push((format!("topik/{id}/"), named));
    }
    for r in &regions {
        let code = yaml_str(r, "code").unwrap();
        let named: BTreeSet<String> = of(&recs, "activities")
            .iter()
            .filter(|a| {
                let region = yaml_str(&a.yaml, "region").unwrap();
                region == code || region.starts_with(&format!("{code}."))
            })
            .map(|a| a.id.clone())
            .collect();
        entity_pages.push((format!("wilayah/{code}/"), named));
    }
    let base = site["base_url"].as_str().unwrap().trim_end_matches('/').to_string();
    let base_path = base.split_once("://").and_then(|(_, rest)| rest.find('/').map(|i| rest[i..].to_string()));
    let base_path = format!("{}/", base_path.unwrap_or_default().trim_end_matches('/'));
    for (page, activities) in &entity_pages {
        let doc = built.page(page);
        let links = attrs(&doc, r#"link[rel="alternate"][type="application/atom+xml"]"#, "href");
        let own = format!("{base_path}{page}feed.xml");
        assert!(links.contains(&own), "{page} links its feed {own}: {links:?}");
        let feed = feed_rs::parser::parse(built.read(&format!("{page}feed.xml")).as_bytes())
            .unwrap_or_else(|e| panic!("{page}feed.xml: {e}"));
        let ids: BTreeSet<String> =
            feed.entries.iter().map(|e| e.id.trim_end_matches('/').rsplit('/').next().unwrap().to_string()).collect();
        if activities.len() <= 50 {
            assert_eq!(&ids, activities, "{page}feed.xml holds the activities of {page}");
        } else {
            assert_eq!(ids.len(), 50);
        }
    }

    // iCalendar: one VEVENT per activity with a known day, none for a partial date.
    let ics = built.read("data/kegiatan.ics");
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
        assert!(!line.contains('\n'), "bare LF in {line:?}");
    }
    let unfolded = icalendar::parser::unfold(&ics);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("kegiatan.ics parses");
    // The parser returns the VCALENDAR's own properties and components.
    assert!(calendar.properties.iter().any(|p| p.name.as_str() == "VERSION" && p.val.as_str() == "2.0"));
    let events: Vec<_> = calendar.components.iter().filter(|c| c.name.as_str() == "VEVENT").collect();
    let full_days: Vec<&Rec> =
        of(&recs, "activities").into_iter().filter(|a| yaml_str(&a.yaml, "date").unwrap().len() == 10).collect();
    assert_eq!(events.len(), full_days.len(), "one event per activity whose day is known");
    for a in &full_days {
        let url_end = format!("/kegiatan/{}/", a.id);
        let event = events
            .iter()
            .find(|e| e.properties.iter().any(|p| p.name.as_str() == "UID" && p.val.as_str().ends_with(&url_end)))
            .unwrap_or_else(|| panic!("no VEVENT for {}", a.id));
        let prop = |name: &str| event.properties.iter().find(|p| p.name.as_str() == name).map(|p| p.val.to_string());
        let day = yaml_str(&a.yaml, "date").unwrap().replace('-', "");
        let start = prop("DTSTART").unwrap();
        if a.yaml["start"].is_null() {
            assert_eq!(start, day, "{}: all-day event on its day", a.id);
        } else {
            assert!(start.ends_with('Z') && start.len() == 16, "{}: UTC start time, got {start}", a.id);
        }
        let summary = prop("SUMMARY").unwrap();
        let unescaped = summary.replace("\\,", ",").replace("\\;", ";").replace("\\n", "\n").replace("\\\\", "\\");
        assert_eq!(Some(unescaped), yaml_str(&a.yaml, "title"));
    }

    // JSON-LD on every page, with the record's type; Open Graph on every page.
    let mut typed = BTreeMap::<&str, usize>::new();
    for page in html_pages(&built) {
        let doc = Html::parse_document(&built.read(&page));
        let blocks = jsonld_blocks(&doc, &page);
        let og = attrs(&doc, r#"meta[property="og:title"]"#, "content");
        if page.starts_with("cari/") || page.starts_with("admin/") {
            continue; // rendered by the search module and the editor, outside `Page`
        }
        assert_eq!(blocks.len(), 1, "{page}: one JSON-LD block");
        assert_eq!(og.len(), 1, "{page}: og:title");
        assert_eq!(blocks[0]["@context"], "https://schema.org", "{page}");
        if let Some(want) = expected_type(&page, &grants) {
            assert_eq!(blocks[0]["@type"], want, "{page}");
            *typed.entry(want).or_default() += 1;
        }
    }
    assert_eq!(typed.get("Event").copied().unwrap_or(0), count("activities"));
    assert_eq!(typed.get("NGO").copied().unwrap_or(0), count("ormas"));
    assert_eq!(typed.get("GovernmentOrganization").copied().unwrap_or(0), count("agencies"));
    assert_eq!(typed.get("Person").copied().unwrap_or(0), count("people"));
    assert_eq!(typed.get("Dataset"), Some(&1));

    // The /data/ page: licence from site.yaml, and every download it links exists.
    let data = built.page("data/");
    let license = attrs(&data, r#"a[rel="license"]"#, "href");
    assert!(license.iter().any(|l| Some(l.as_str()) == site["license"]["url"].as_str()), "{license:?}");
    let hrefs = attrs(&data, "#unduhan a", "href");
    for file in ["dataset.json.gz", "ormas.csv", "instansi.csv", "tokoh.csv", "kemitraan.csv"] {
        assert!(hrefs.iter().any(|h| h.ends_with(&format!("data/{file}"))), "/data/ links {file}");
    }
    // Each year's file of the activities and participations.
    for stem in ["kegiatan", "partisipasi"] {
        for year in dataset["meta"]["event_files"].as_array().unwrap().iter().map(|f| f["year"].as_i64().unwrap()) {
            let file = format!("data/{stem}-{year}.csv");
            assert!(hrefs.iter().any(|h| h.ends_with(&file)), "/data/ links {file}");
        }
    }
    for h in &hrefs {
        let rel = h.strip_prefix(&base_path).unwrap_or(h);
        assert!(built.public.join(rel).is_file(), "/data/ links a missing file {h}");
    }
    let footer = attrs(&built.page(""), "footer a", "href");
    assert!(footer.contains(&format!("{base_path}data/")), "footer links /data/");
}

#[test]
fn seed_build_publishes_valid_open_data() {
    check_build(&repo().join("content"));
}

#[test]
fn fixture_build_publishes_valid_open_data() {
    check_build(&fixture("site"));
}

/// A copy of the fixture whose texts carry commas, quotes, newlines and
/// markup, as Indonesian press releases do.
fn tricky_fixture() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("site"), &content);
    let path = content.join("activities/2024/tangsel-audiensi.md");
    let text = fs::read_to_string(&path).unwrap();
    let text = text
        .replace(
            "title: Audiensi Zebra Cross Community dengan Pemkot",
            "title: \"Audiensi \\\"Zebra Cross\\\", Komunitas </script><b>Pejalan</b>\\nBaris kedua; \\\\ akhir\"",
        )
        .replace(
            "organizers: [pemkot-tangerang]",
            "organizers: [pemkot-tangerang]\nvenue: \"Jl. Merdeka No. 1, \\\"Gedung A\\\"\"",
        );
    fs::write(&path, text).unwrap();
    let ormas = content.join("ormas/forum-pemuda-tangerang.md");
    let text = fs::read_to_string(&ormas).unwrap();
    fs::write(&ormas, format!("{text}\nParagraf kedua, dengan \"kutipan\" dan koma.\n")).unwrap();
    (tmp, content)
}

const TRICKY_TITLE: &str = "Audiensi \"Zebra Cross\", Komunitas </script><b>Pejalan</b>\nBaris kedua; \\ akhir";

#[test]
fn quoting_holds_for_commas_quotes_and_newlines() {
    let (_tmp, content) = tricky_fixture();
    check_build(&content);
    let built = build(&content);
    let (_, rows) = csv_yearly(&built, "data/kegiatan.csv", "date");
    let row = rows.iter().find(|r| r["id"] == "tangsel-audiensi").unwrap();
    assert_eq!(row["title"], TRICKY_TITLE);
    assert_eq!(row["venue"], "Jl. Merdeka No. 1, \"Gedung A\"");
    assert_eq!(rows.len(), 6, "an embedded newline does not add a row");
    let (_, ormas) = csv_table(&built, "data/ormas.csv");
    let forum = ormas.iter().find(|r| r["id"] == "forum-pemuda-tangerang").unwrap();
    assert_eq!(
        forum["description"],
        "Forum kepemudaan di Kota Tangerang yang aktif dalam pendidikan pemilih.\nParagraf kedua, dengan \"kutipan\" dan koma."
    );
    let record = json(&built, "kegiatan/tangsel-audiensi.json");
    assert_eq!(record["name"], TRICKY_TITLE);
    let html = built.read("kegiatan/tangsel-audiensi/index.html");
    let doc = Html::parse_document(&html);
    let blocks = jsonld_blocks(&doc, "kegiatan/tangsel-audiensi/");
    assert_eq!(blocks[0]["name"], TRICKY_TITLE, "the title survives the script block intact");
}

#[test]
fn partial_dates_stay_partial() {
    let built = build(&fixture("site"));
    let month = json(&built, "kegiatan/pemkot-kemitraan-ormas.json");
    assert_eq!(month["date"], "2024-07");
    assert_eq!(month["date_precision"], "month");
    assert_eq!(month["start_date"], "2024-07");
    let year = json(&built, "kegiatan/kesbangpol-rakor-2023.json");
    assert_eq!(year["start_date"], "2023");
    let doc = built.page("kegiatan/pemkot-kemitraan-ormas/");
    assert_eq!(jsonld_blocks(&doc, "pemkot")[0]["startDate"], "2024-07");
    let ics = built.read("data/kegiatan.ics");
    assert!(!ics.contains("pemkot-kemitraan-ormas") && !ics.contains("kesbangpol-rakor-2023"), "no invented days");
    assert!(ics.contains("DTSTART:20240712T020000Z"), "09:00+07:00 is 02:00 UTC");
    let timed = json(&built, "kegiatan/kpu-sosialisasi-pilkada.json");
    assert_eq!(timed["start_date"], "2024-07-12T09:00:00+07:00");
}

#[test]
fn grants_follow_360giving() {
    let built = build(&fixture("site"));
    let grant = json(&built, "kemitraan/hibah-bamus-2024.json");
    assert_eq!(grant["amountAwarded"], 150_000_000);
    assert_eq!(grant["currency"], "IDR");
    assert_eq!(grant["awardDate"], "2024-05-01");
    assert_eq!(grant["plannedDates"][0]["endDate"], "2025-04-30");
    assert_eq!(grant["fundingOrganization"][0]["id"], "instansi/kesbangpol-kota-tangerang");
    let recipients: Vec<&str> =
        grant["recipientOrganization"].as_array().unwrap().iter().map(|o| o["id"].as_str().unwrap()).collect();
    assert_eq!(recipients, ["ormas/bamus-betawi-1982", "ormas/forum-pemuda-tangerang"]);
    assert_eq!(grant["eventIds"][0], "kegiatan/pemkot-kemitraan-ormas");
    let doc = built.page("kemitraan/hibah-bamus-2024/");
    let ld = &jsonld_blocks(&doc, "hibah")[0];
    assert_eq!(ld["@type"], "MonetaryGrant");
    assert_eq!(ld["amount"]["value"], 150_000_000);
}

#[test]
fn open_data_is_byte_identical_across_builds() {
    let a = build(&fixture("site"));
    let b = build(&fixture("site"));
    let files = |built: &Built| -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(&built.public)
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "json" || e == "gz" || e == "csv" || e == "ics")
                    || p.file_name().is_some_and(|n| n == "feed.xml")
            })
            .map(|p| (p.strip_prefix(&built.public).unwrap().to_string_lossy().into_owned(), fs::read(&p).unwrap()))
            .collect()
    };
    let (fa, fb) = (files(&a), files(&b));
    assert!(fa.len() > 20, "{} data files", fa.len());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (k, v) in &fa {
        assert!(v == &fb[k], "{k} differs between builds");
    }
}

#[test]
fn the_body_text_is_in_the_dataset() {
    let recs = records(&fixture("site"));
    let built = build(&fixture("site"));
    let record = json(&built, "ormas/forum-pemuda-tangerang.json");
    let body = &of(&recs, "ormas").into_iter().find(|r| r.id == "forum-pemuda-tangerang").unwrap().body;
    assert_eq!(record["description"].as_str(), Some(body.trim()));
}
