//! Tests of `gen-corpus`: determinism, and the rules the site build enforces (references
//! resolve, ids and dates are valid, no unknown fields, activities sit in their year folder).
//! `tests/build.rs` in the root crate checks and builds a generated tree with `terbuka` itself.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::{Options, generate};

fn gen_into(dir: &Path, activities: usize, seed: u64) -> PathBuf {
    let out = dir.join("content");
    generate(&Options { activities, out: out.clone(), seed, ormas: None, force: false }).expect("generation succeeds");
    out
}

/// Every file under `root`, by relative path.
fn read_tree(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
        for entry in fs::read_dir(dir).expect("readable dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let bytes = fs::read(&path).expect("readable file");
                out.insert(path.strip_prefix(root).expect("under root").to_path_buf(), bytes);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

#[test]
fn same_seed_gives_byte_identical_trees() {
    let (a, b, c) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let ta = read_tree(&gen_into(a.path(), 500, 7));
    let tb = read_tree(&gen_into(b.path(), 500, 7));
    assert!(ta.len() > 500);
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(tb[path] == *bytes, "{} differs between two runs", path.display());
    }
    let tc = read_tree(&gen_into(c.path(), 500, 8));
    assert_ne!(ta, tc, "another seed gives another corpus");
}

#[test]
fn refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = gen_into(dir.path(), 20, 1);
    let again = Options { activities: 10, out: out.clone(), seed: 1, ormas: None, force: false };
    assert!(generate(&again).is_err());
    generate(&Options { force: true, ..again }).expect("--force replaces a generated tree");
    let activities = read_tree(&out.join("activities"));
    assert_eq!(activities.len(), 10, "no stale files survive");
}

// --- validation helpers ----------------------------------------------------------------------

fn str_of<'a>(v: &'a Value, what: &str) -> &'a str {
    v.as_str().unwrap_or_else(|| panic!("{what}: expected a string, got {v:?}"))
}

fn map_of<'a>(v: &'a Value, what: &str) -> &'a Mapping {
    v.as_mapping().unwrap_or_else(|| panic!("{what}: expected a mapping, got {v:?}"))
}

fn seq_of<'a>(v: &'a Value, what: &str) -> &'a Vec<Value> {
    v.as_sequence().unwrap_or_else(|| panic!("{what}: expected a sequence, got {v:?}"))
}

/// Checks the keys of `m`: all `required` present, none outside `required` + `optional` + `notes`.
fn keys(m: &Mapping, required: &[&str], optional: &[&str], what: &str) {
    for k in m.keys() {
        let k = str_of(k, what);
        assert!(required.contains(&k) || optional.contains(&k) || k == "notes", "{what}: unknown field {k}");
    }
    for r in required {
        assert!(m.contains_key(*r), "{what}: missing required field {r}");
    }
}

fn get<'a>(m: &'a Mapping, k: &str) -> Option<&'a Value> {
    m.get(k)
}

/// A quoted ISO date, possibly partial, that exists in the calendar. Returns its year.
fn date(v: &Value, what: &str) -> i32 {
    let s = str_of(v, what);
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        assert!(p.len() == len && p.bytes().all(|b| b.is_ascii_digit()), "{what}: bad date {s}");
        p.parse::<u32>().unwrap()
    };
    let y = num(parts[0], 4) as i32;
    assert!(parts.len() <= 3, "{what}: bad date {s}");
    if parts.len() >= 2 {
        let m = num(parts[1], 2);
        assert!((1..=12).contains(&m), "{what}: bad month in {s}");
        if parts.len() == 3 {
            let d = num(parts[2], 2);
            assert!(d >= 1 && d <= super::date::days_in_month(y, m), "{what}: no such day {s}");
        }
    }
    y
}

fn id_ok(id: &str) -> bool {
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

fn enum_of(v: &Value, allowed: &[&str], what: &str) {
    let s = str_of(v, what);
    assert!(allowed.contains(&s), "{what}: {s} is not one of {allowed:?}");
}

fn refs(v: &Value, ids: &BTreeSet<String>, what: &str) -> usize {
    let list = seq_of(v, what);
    for x in list {
        let id = str_of(x, what);
        assert!(ids.contains(id), "{what}: dangling id {id}");
    }
    list.len()
}

fn one_ref(v: &Value, ids: &BTreeSet<String>, what: &str) {
    let id = str_of(v, what);
    assert!(ids.contains(id), "{what}: dangling id {id}");
}

/// Files of a collection folder: `(id, front matter, body)`; checks the id and uniqueness.
fn records(dir: &Path, ext: &str, seen: &mut BTreeSet<String>) -> Vec<(String, Mapping, String)> {
    let mut out = Vec::new();
    let mut paths: Vec<PathBuf> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for path in paths {
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let id = name.strip_suffix(ext).unwrap_or_else(|| panic!("{name}: expected {ext}")).to_string();
        assert!(id_ok(&id), "{}: bad id", path.display());
        assert!(seen.insert(id.clone()), "{}: duplicate id", path.display());
        let text = fs::read_to_string(&path).unwrap();
        let (yaml, body) = if ext == ".md" {
            let rest = text.strip_prefix("---\n").expect("front matter opens");
            let end = rest.find("\n---\n").expect("front matter closes");
            (rest[..end + 1].to_string(), rest[end + 5..].to_string())
        } else {
            (text.clone(), String::new())
        };
        let value: Value = serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        out.push((id, map_of(&value, &name).clone(), body));
    }
    out
}

fn check_sources(v: &Value, what: &str) {
    let list = seq_of(v, what);
    assert!(!list.is_empty(), "{what}: no source");
    for s in list {
        let s = map_of(s, what);
        keys(s, &["url", "title", "publisher", "published"], &["author", "editor"], what);
        assert!(str_of(&s["url"], what).starts_with("https://"), "{what}: url");
        date(&s["published"], what);
    }
}

#[test]
fn generated_tree_satisfies_the_content_rules() {
    let dir = tempfile::tempdir().unwrap();
    let root = gen_into(dir.path(), 3000, 42);

    let site: Value = serde_yaml::from_str(&fs::read_to_string(root.join("site.yaml")).unwrap()).unwrap();
    let site = map_of(&site, "site");
    keys(site, &["title", "base_url"], &["language", "description", "publisher", "license"], "site.yaml");
    assert_eq!(str_of(&site["base_url"], "base_url"), "https://example.go.id/");

    // Regions: quoted codes, every parent listed, 38 provinces.
    let regions: Value = serde_yaml::from_str(&fs::read_to_string(root.join("regions.yaml")).unwrap()).unwrap();
    let mut codes = BTreeSet::new();
    for r in seq_of(&regions, "regions") {
        let r = map_of(r, "region");
        keys(r, &["code", "name"], &[], "regions.yaml");
        assert!(codes.insert(str_of(&r["code"], "code").to_string()), "duplicate region code");
    }
    assert_eq!(codes.iter().filter(|c| !c.contains('.')).count(), 38);
    for c in &codes {
        if let Some((parent, _)) = c.rsplit_once('.') {
            assert!(codes.contains(parent), "region {c}: parent {parent} missing");
        }
    }

    let topics: Value = serde_yaml::from_str(&fs::read_to_string(root.join("topics.yaml")).unwrap()).unwrap();
    let mut topic_ids = BTreeSet::new();
    for t in seq_of(&topics, "topics") {
        let t = map_of(t, "topic");
        keys(t, &["id", "name"], &["name_en"], "topics.yaml");
        let id = str_of(&t["id"], "topic id");
        assert!(id_ok(id) && topic_ids.insert(id.to_string()));
    }
    assert!((30..=60).contains(&topic_ids.len()));

    let mut agency_ids = BTreeSet::new();
    let agencies = records(&root.join("agencies"), ".yaml", &mut agency_ids);
    let kinds = [
        "pemerintah-daerah",
        "kesbangpol",
        "kpu",
        "bawaslu",
        "dprd",
        "kepolisian",
        "tni",
        "forkopimda",
        "kementerian",
        "lainnya",
    ];
    for (id, a, _) in &agencies {
        keys(a, &["name", "kind", "region"], &["abbreviation", "parent", "website", "ppid"], id);
        enum_of(&a["kind"], &kinds, id);
        assert!(codes.contains(str_of(&a["region"], id)), "{id}: unknown region");
        if let Some(p) = get(a, "parent") {
            one_ref(p, &agency_ids, id);
        }
    }
    let seen_kinds: BTreeSet<&str> = agencies.iter().map(|(_, a, _)| a["kind"].as_str().unwrap()).collect();
    assert_eq!(seen_kinds.len(), kinds.len(), "every agency kind occurs");

    let mut person_ids = BTreeSet::new();
    for (id, p, _) in records(&root.join("people"), ".yaml", &mut person_ids) {
        keys(&p, &["name", "positions"], &[], &id);
        for pos in seq_of(&p["positions"], &id) {
            let pos = map_of(pos, &id);
            keys(pos, &["role"], &["agency", "start", "end"], &id);
            one_ref(&pos["agency"], &agency_ids, &id);
            date(&pos["start"], &id);
            if let Some(end) = get(pos, "end") {
                date(end, &id);
            }
        }
    }

    let mut ormas_ids = BTreeSet::new();
    let ormas = records(&root.join("ormas"), ".md", &mut ormas_ids);
    assert_eq!(ormas.len(), 300);
    for (id, o, body) in &ormas {
        let opt = [
            "abbreviation",
            "other_names",
            "legal",
            "founded",
            "scope",
            "fields",
            "address",
            "leaders",
            "contacts",
            "sources",
        ];
        keys(o, &["name", "region", "status"], &opt, id);
        assert!(codes.contains(str_of(&o["region"], id)));
        enum_of(&o["status"], &["aktif", "tidak-aktif", "dibekukan", "dibubarkan"], id);
        enum_of(&o["scope"], &["nasional", "provinsi", "kabupaten-kota"], id);
        let legal = map_of(&o["legal"], id);
        keys(legal, &["form"], &["skt", "ahu"], id);
        enum_of(&legal["form"], &["perkumpulan", "yayasan", "tidak-berbadan-hukum"], id);
        if let Some(skt) = get(legal, "skt") {
            let skt = map_of(skt, id);
            keys(skt, &["number", "issued", "expires", "issuer"], &[], id);
            date(&skt["issued"], id);
            date(&skt["expires"], id);
        }
        if let Some(ahu) = get(legal, "ahu") {
            keys(map_of(ahu, id), &["number", "date"], &[], id);
            date(&ahu["date"], id);
        }
        date(&o["founded"], id);
        for l in seq_of(&o["leaders"], id) {
            let l = map_of(l, id);
            keys(l, &["name", "role"], &["since"], id);
            date(&l["since"], id);
        }
        if let Some(c) = get(o, "contacts") {
            keys(map_of(c, id), &[], &["website", "email", "phone"], id);
        }
        check_sources(&o["sources"], id);
        let n = body.split_whitespace().count();
        assert!((50..=190).contains(&n), "{id}: profile of {n} words");
    }

    let mut partnership_ids = BTreeSet::new();
    let partnerships = records(&root.join("partnerships"), ".md", &mut partnership_ids);
    assert_eq!(partnerships.len(), 30);
    for (id, p, _) in &partnerships {
        let opt = ["number", "signed", "period", "amount", "budget_source", "status", "documents", "sources"];
        keys(p, &["title", "kind", "parties"], &opt, id);
        enum_of(&p["kind"], &["mou", "perjanjian-kerja-sama", "hibah", "bantuan-sosial"], id);
        let parties = map_of(&p["parties"], id);
        keys(parties, &[], &["agencies", "ormas"], id);
        assert!(refs(&parties["agencies"], &agency_ids, id) >= 1);
        assert!(refs(&parties["ormas"], &ormas_ids, id) >= 1);
        date(&p["signed"], id);
        let period = map_of(&p["period"], id);
        keys(period, &["start", "end"], &[], id);
        date(&period["start"], id);
        date(&period["end"], id);
        if let Some(amount) = get(p, "amount") {
            let amount = map_of(amount, id);
            keys(amount, &["value", "currency"], &[], id);
            assert!(amount["value"].as_u64().is_some());
            assert_eq!(str_of(&amount["currency"], id), "IDR");
        }
        if let Some(b) = get(p, "budget_source") {
            enum_of(b, &["APBD", "APBN", "lainnya"], id);
        }
        enum_of(&p["status"], &["berlaku", "selesai", "dibatalkan"], id);
        for d in seq_of(&p["documents"], id) {
            keys(map_of(d, id), &["title", "url"], &[], id);
        }
        check_sources(&p["sources"], id);
    }
    if partnerships.iter().any(|(_, p, _)| p["kind"] == "hibah") {
        assert!(partnerships.iter().filter(|(_, p, _)| p["kind"] == "hibah").all(|(_, p, _)| p.contains_key("amount")));
    }

    // Activities: one collection across all year folders, each in its date's year.
    let act_kinds = [
        "kemitraan",
        "sosialisasi",
        "rapat-koordinasi",
        "audiensi",
        "pelatihan",
        "kunjungan",
        "penandatanganan",
        "penyerahan-hibah",
        "lainnya",
    ];
    let mut activity_ids = BTreeSet::new();
    let mut count = 0;
    let mut precisions = [0; 3];
    let mut with_person = 0;
    for year_dir in fs::read_dir(root.join("activities")).unwrap() {
        let year_dir = year_dir.unwrap().path();
        let folder_year: i32 = year_dir.file_name().unwrap().to_str().unwrap().parse().expect("year folder");
        assert!((2019..=2026).contains(&folder_year));
        for (id, a, body) in records(&year_dir, ".md", &mut activity_ids) {
            count += 1;
            let opt = ["start", "end", "venue", "participants", "officials", "topics", "partnership"];
            keys(&a, &["title", "date", "kind", "region", "organizers", "sources"], &opt, &id);
            assert_eq!(date(&a["date"], &id), folder_year, "{id}: not in its year folder");
            precisions[str_of(&a["date"], &id).split('-').count() - 1] += 1;
            enum_of(&a["kind"], &act_kinds, &id);
            assert!(codes.contains(str_of(&a["region"], &id)));
            assert!(refs(&a["organizers"], &agency_ids, &id) >= 1);
            let n_topics = refs(&a["topics"], &topic_ids, &id);
            assert!((1..=3).contains(&n_topics));
            let part = map_of(&a["participants"], &id);
            keys(part, &["ormas_count"], &["ormas", "agencies", "attendees"], &id);
            let named = get(part, "ormas").map_or(0, |v| refs(v, &ormas_ids, &id));
            assert!(named <= 5 && part["ormas_count"].as_u64().unwrap() >= named as u64);
            if let Some(v) = get(part, "agencies") {
                refs(v, &agency_ids, &id);
            }
            if let Some(officials) = get(&a, "officials") {
                let list = seq_of(officials, &id);
                assert!(list.len() <= 4);
                for o in list {
                    let o = map_of(o, &id);
                    if let Some(p) = get(o, "person") {
                        keys(o, &["person", "role"], &[], &id);
                        one_ref(p, &person_ids, &id);
                        with_person += 1;
                    } else {
                        keys(o, &["name", "role"], &[], &id);
                    }
                }
            }
            if let Some(p) = get(&a, "partnership") {
                one_ref(p, &partnership_ids, &id);
            }
            check_sources(&a["sources"], &id);
            let words: Vec<&str> = body.split_whitespace().collect();
            assert!((150..=600).contains(&words.len()), "{id}: body of {} words", words.len());
            let affixed = words.iter().filter(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase();
                (w.starts_with("me")
                    || w.starts_with("di")
                    || w.starts_with("ber")
                    || w.starts_with("pe")
                    || w.starts_with("ke"))
                    && (w.ends_with("kan") || w.ends_with("an") || w.ends_with('i'))
            });
            assert!(affixed.count() >= 10, "{id}: too few affixed words");
        }
    }
    assert_eq!(count, 3000);
    assert!(precisions[0] > 0 && precisions[1] > 0 && precisions[2] > precisions[0] * 5, "{precisions:?}");
    assert!(with_person > 0);
}
