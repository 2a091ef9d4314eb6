//! The search index as the browser reads it: the files `terbuka build`
//! writes under /cari/indeks/ decoded here independently of the code that
//! wrote them, ranking on a small fixture, stemming of the seed texts, the
//! Rust and JavaScript stemmers agreeing word for word, and no search
//! script on pages other than /cari/.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use common::{Built, attrs, build, copy_dir, fixture, repo, texts};
use terbuka::search::text::{stem, words};

/// Inflates a raw-deflate index file.
fn inflate(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::DeflateDecoder::new(bytes).read_to_end(&mut out).unwrap();
    out
}

/// Reads the varints and strings of the index format.
struct Reader<'a> {
    b: &'a [u8],
    p: usize,
}

impl Reader<'_> {
    fn varint(&mut self) -> u64 {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let x = self.b[self.p];
            self.p += 1;
            v |= u64::from(x & 127) << shift;
            shift += 7;
            if x & 128 == 0 {
                return v;
            }
        }
    }
    fn str(&mut self) -> String {
        let n = self.varint() as usize;
        let s = String::from_utf8(self.b[self.p..self.p + n].to_vec()).unwrap();
        self.p += n;
        s
    }
}

/// A built site's search index, decoded.
struct Index {
    dir: std::path::PathBuf,
    manifest: serde_json::Value,
    /// The manifest's second level: column, facet-set and name files.
    directory: serde_json::Value,
}

/// A term's postings: (document, impact), its IDF and, in a short list,
/// each document's kind, region and topic values.
struct Entry {
    idf: f64,
    postings: Vec<(u32, u8)>,
    columns: Option<Vec<[Vec<u64>; 3]>>,
}

#[derive(Debug, Clone, PartialEq)]
struct Summary {
    doc_type: u8,
    activity_kind: u8,
    /// Region number plus one, 0 for none.
    region: u64,
    title: String,
    path: String,
    date: String,
    excerpt: String,
}

impl Index {
    fn open(built: &Built) -> Self {
        let html = built.page("cari/");
        let url = attrs(&html, "form#cari", "data-manifest").pop().expect("manifest address on /cari/");
        let rel = url.split("/cari/").nth(1).unwrap();
        let dir = built.public.join("cari");
        let manifest: serde_json::Value = serde_json::from_slice(&inflate(&fs::read(dir.join(rel)).unwrap())).unwrap();
        let level2 = dir.join("indeks").join(manifest["directory"].as_str().expect("the directory's path"));
        let directory = serde_json::from_slice(&inflate(&fs::read(level2).unwrap())).unwrap();
        Self { dir: dir.join("indeks"), manifest, directory }
    }

    fn file(&self, name: &str) -> Vec<u8> {
        inflate(&fs::read(self.dir.join(format!("{name}.bin"))).unwrap_or_else(|e| panic!("{name}: {e}")))
    }

    fn entry(&self, term: &str) -> Option<Entry> {
        let shards = &self.manifest["terms"];
        let separators: Vec<&str> =
            shards["separators"].as_array().unwrap().iter().map(|s| s.as_str().unwrap()).collect();
        let k = terbuka::search::shards::shard_of(&separators, term)?;
        let digits = shards["digits"].as_u64().unwrap() as usize;
        let name = &shards["names"].as_str().unwrap()[k * digits..(k + 1) * digits];
        assert_eq!(shards["names"].as_str().unwrap().len(), separators.len() * digits, "a name per shard");
        let bytes = self.file(&format!("t/{name}"));
        let mut r = Reader { b: &bytes, p: 0 };
        for _ in 0..r.varint() {
            let t = r.str();
            let len = r.varint() as usize;
            if t == term {
                let end = r.p + len;
                let idf = r.varint() as f64 / 1000.0;
                let mut doc = 0;
                let postings: Vec<(u32, u8)> = (0..r.varint())
                    .map(|_| {
                        doc += r.varint() as u32;
                        let q = r.b[r.p];
                        r.p += 1;
                        (doc, q)
                    })
                    .collect();
                for _facet in 0..5 {
                    for _ in 0..r.varint() {
                        r.varint();
                        r.varint();
                    }
                }
                let columns = (r.p < end).then(|| {
                    postings.iter().map(|_| [(); 3].map(|()| (0..r.varint()).map(|_| r.varint()).collect())).collect()
                });
                assert_eq!(r.p, end, "{term}: the entry ends where its length says");
                return Some(Entry { idf, postings, columns });
            }
            r.p += len;
        }
        None
    }

    /// Documents matching every word of `query` (stemmed), best first, as
    /// the browser ranks them (sum of IDF × impact, then newest).
    fn search(&self, query: &str) -> Vec<u32> {
        let mut scores: BTreeMap<u32, (usize, f64)> = BTreeMap::new();
        let qs = words(query);
        for w in &qs {
            for (d, q) in self
                .entry(&stem(w))
                .map(|e| e.postings.iter().map(|&(d, q)| (d, e.idf * f64::from(q))).collect::<Vec<_>>())
                .unwrap_or_default()
            {
                let s = scores.entry(d).or_default();
                s.0 += 1;
                s.1 += q;
            }
        }
        let mut hits: Vec<(u32, f64)> =
            scores.into_iter().filter(|(_, (n, _))| *n == qs.len()).map(|(d, (_, s))| (d, s)).collect();
        // Ties: newest first, which is the higher document number.
        hits.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
        hits.into_iter().map(|(d, _)| d).collect()
    }

    fn summary(&self, doc: u32) -> Summary {
        let m = &self.manifest["summaries"];
        let [group, pack, block, unit] = ["group", "pack", "block", "unit"].map(|k| m[k].as_u64().unwrap() as u32);
        let g = doc / group;
        let file = g / pack;
        let name = format!("r/{file}-{}.bin", m["blocks"][(file / block) as usize].as_str().unwrap());
        // Every group of a file has a slot of the file's size: its
        // compressed length, its bytes, then zeros.
        let slot = (m["slots"][file as usize].as_u64().unwrap() as u32 * unit) as usize;
        let packed = fs::read(self.dir.join(name)).unwrap();
        assert_eq!(packed.len() % slot, 0, "a file is whole slots");
        let start = (g % pack) as usize * slot;
        let mut head = Reader { b: &packed[start..start + slot], p: 0 };
        let length = head.varint() as usize;
        assert!(head.b[head.p + length..].iter().all(|&b| b == 0), "zeros after the group");
        let bytes = inflate(&head.b[head.p..head.p + length]);
        let mut r = Reader { b: &bytes, p: 0 };
        let n = r.varint() as u32;
        let mut found = None;
        for k in 0..n {
            let (doc_type, activity_kind) = (r.b[r.p], r.b[r.p + 1]);
            r.p += 2;
            let region = r.varint();
            let date = r.str();
            let title = r.str();
            let path = r.str();
            r.str();
            let excerpt = r.str();
            if g * group + k == doc {
                found = Some(Summary { doc_type, activity_kind, region, title, path, date, excerpt });
            }
        }
        found.expect("document in its group")
    }

    fn titles(&self, docs: &[u32]) -> Vec<String> {
        docs.iter().map(|&d| self.summary(d).title).collect()
    }
}

/// The fixture site plus three activities that mention flooding (banjir)
/// in the title, many times in the text, and once in the text.
fn ranking_site() -> (Built, tempfile::TempDir) {
    let tmp = tempfile::tempdir().unwrap();
    let content = tmp.path().join("content");
    copy_dir(&fixture("site"), &content);
    let activity = |id: &str, title: &str, date: &str, body: &str| {
        let dir = content.join("activities/2025");
        fs::create_dir_all(&dir).unwrap();
        let text = format!(
            "---\ntitle: {title}\ndate: \"{date}\"\nkind: audiensi\nregion: \"36.71\"\norganizers: [pemkot-tangerang]\nsources:\n  - title: Sumber\n---\n{body}\n"
        );
        fs::write(dir.join(format!("{id}.md")), text).unwrap();
    };
    let filler = "Pertemuan membahas program kerja tahunan, pendataan anggota, dan rencana kegiatan sosial di tingkat kelurahan. ";
    activity("judul", "Ormas Siaga Banjir Bertemu Pemkot", "2025-01-10", &filler.repeat(3));
    activity(
        "banyak",
        "Kerja Bakti Ormas di Tepi Sungai",
        "2025-03-10",
        &format!("{filler}Warga yang kebanjiran dibantu. Banjir datang tiap tahun; banjir surut sepekan. {filler}"),
    );
    activity(
        "sekali",
        "Rapat Ormas Tangerang",
        "2025-02-10",
        &format!("{filler}Salah satu isu adalah banjir. {filler}"),
    );
    (build(&content), tmp)
}

#[test]
fn ranks_title_matches_first_and_finds_inflected_forms() {
    let (built, _content) = ranking_site();
    let index = Index::open(&built);
    let order = index.titles(&index.search("banjir"));
    assert_eq!(
        order,
        ["Ormas Siaga Banjir Bertemu Pemkot", "Kerja Bakti Ormas di Tepi Sungai", "Rapat Ormas Tangerang"],
        "title match, then three mentions, then one"
    );
    // An inflected query finds the base form and the reverse.
    assert_eq!(index.search("kebanjiran"), index.search("banjir"));
    assert_eq!(index.search("penyelenggaraan").len(), index.search("menyelenggarakan").len());
    // Words of a query narrow the results (every word must match).
    assert_eq!(index.titles(&index.search("banjir sungai")), ["Kerja Bakti Ormas di Tepi Sungai"]);
    // Agencies, ormas and officials are documents too.
    let types: BTreeSet<u8> = index.search("tangerang").iter().map(|&d| index.summary(d).doc_type).collect();
    assert!(types.is_superset(&BTreeSet::from([0, 1, 2])), "{types:?}");
    let people = index.search("qori");
    assert_eq!(index.summary(people[0]).path, "tokoh/qori-ayatullah/", "the official ranks first for their name");
}

#[test]
fn indexes_the_seed_press_releases_with_their_facets() {
    let built = build(&repo().join("content"));
    let index = Index::open(&built);
    let m = &index.manifest;
    assert_eq!(m["version"], 3, "the manifest's format version");
    let dir = &index.directory;
    let n = m["documents"].as_u64().unwrap();
    assert_eq!(m["types"][0]["slug"], "kegiatan");
    // Documents are numbered from the end of the site's order: the five
    // activities are the last five, the newest the highest number.
    assert_eq!(
        (m["types"][0]["start"].as_u64(), m["types"][0]["end"].as_u64()),
        (Some(n - 5), Some(n)),
        "five activities, numbered last"
    );
    let activity = |d: u32| u64::from(d) >= n - 5;
    let pilkada = index.search("pilkada");
    let titles = index.titles(&pilkada);
    assert_eq!(titles[0], "KPU Kota Tangerang Ajak Ormas Kawal Pilkada Serentak 2024", "{titles:?}");
    assert!(pilkada.len() >= 3 && pilkada.iter().all(|&d| d < n as u32));
    // Stemming, with words of the seed texts: inflected forms meet their base.
    for (inflected, base) in [
        ("menyelenggarakan", "selenggara"),
        ("sosialisasi", "sosialisasi"),
        ("kebermanfaatan", "manfaat"),
        ("berkualitas", "kualitas"),
        ("pemilihan", "pilih"),
        ("menggelar", "gelar"),
        ("dihadiri", "hadir"),
        ("menyampaikan", "sampai"),
        ("harapannya", "harap"),
    ] {
        assert_eq!(stem(inflected), base, "{inflected}");
    }
    assert_eq!(index.search("menggelar"), index.search("gelar"));
    assert!(!index.search("gelar").is_empty());
    // The years of the activities are contiguous ranges, newest first.
    let years: Vec<(u64, u64, u64)> = m["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| (y["year"].as_u64().unwrap(), y["start"].as_u64().unwrap(), y["end"].as_u64().unwrap()))
        .collect();
    assert_eq!(years, [(2024, n - 4, n), (2023, n - 5, n - 4)]);
    let summary = index.summary(n as u32 - 1);
    assert!(summary.date.ends_with("2024") && summary.path.starts_with("kegiatan/"), "{summary:?}");
    assert!(!summary.excerpt.is_empty());
    // Region facet: the Kota Tangerang value set holds the Tangerang activities.
    let regions = m["regions"].as_array().unwrap();
    let tangerang = regions.iter().position(|r| r["code"] == "36.71").unwrap() as u32;
    let banten = regions.iter().position(|r| r["code"] == "36").unwrap();
    assert_eq!(regions[tangerang as usize]["name"], "Kota Tangerang");
    assert_eq!(regions[tangerang as usize]["parent"], banten, "a city lies in its province");
    assert_eq!(regions[banten]["parent"], serde_json::Value::Null, "a province lies in none");
    // Facet files are numbered across facets: the region facet's first
    // file follows the kind facet's files.
    assert_eq!(dir["facets"]["wilayah"]["firsts"][0], 0);
    let first_region_file = &dir["facets"]["wilayah"]["hashes"][0];
    let kinds = dir["facets"]["jenis"]["hashes"].as_array().unwrap().len();
    let bytes = index.file(&format!("f/{kinds}-{}", first_region_file.as_str().unwrap()));
    let mut r = Reader { b: &bytes, p: 0 };
    let mut sets = Vec::new();
    while r.p < bytes.len() {
        let mut d = 0;
        sets.push(
            (0..r.varint())
                .map(|_| {
                    d += r.varint() as u32;
                    d
                })
                .collect::<Vec<u32>>(),
        );
    }
    // Browsing counts every document: the region's count is its set's size.
    let browse = &m["browse"]["wilayah"];
    let k = browse["values"].as_array().unwrap().iter().position(|v| v == tangerang).expect("browse count");
    assert_eq!(browse["counts"][k].as_u64(), Some(sets[tangerang as usize].len() as u64));
    // Name files: agencies first, ranked by id; the manifest names each
    // file's first value and id.
    let agencies = &dir["names"]["instansi"];
    assert_eq!(agencies["firsts"][0], 0);
    let bytes = index.file(&format!("n/0-{}", agencies["hashes"][0].as_str().unwrap()));
    let mut r = Reader { b: &bytes, p: 0 };
    let ids: Vec<String> = (0..r.varint())
        .map(|_| {
            let id = r.str();
            r.str();
            id
        })
        .collect();
    assert_eq!(agencies["ids"][0].as_str(), Some(ids[0].as_str()));
    assert!(ids.is_sorted() && ids.len() == 11, "{ids:?}");
    let in_tangerang: Vec<String> =
        sets[tangerang as usize].iter().rev().filter(|&&d| activity(d)).map(|&d| index.summary(d).path).collect();
    assert_eq!(
        in_tangerang,
        [
            "kegiatan/kpu-kota-tangerang-sosialisasi-ormas-pilkada-2024/",
            "kegiatan/pemkot-tangerang-kemitraan-ormas-pilkada-2024/"
        ],
        "newest first"
    );
    // The same set is stored among the terms, as `#wilayah=<value>`, with
    // each document's kind, region and topics (a short list's columns).
    assert_eq!(m["columns"]["facets"], serde_json::json!(["jenis", "wilayah", "topik"]));
    assert!(
        m.get("facets").is_none() && m.get("names").is_none(),
        "the file lists some queries need are in the directory"
    );
    let entry = index.entry(&format!("#wilayah={tangerang}")).expect("the region's entry");
    assert_eq!(entry.postings.iter().map(|p| p.0).collect::<Vec<_>>(), sets[tangerang as usize]);
    let columns = entry.columns.expect("a short list has columns");
    for (&(d, _), [kind, region, topics]) in entry.postings.iter().zip(&columns) {
        assert_eq!(region, &[u64::from(tangerang)], "document {d}");
        if activity(d) {
            assert_eq!(kind, &[u64::from(index.summary(d).activity_kind)], "document {d}");
            assert!(!topics.is_empty(), "the seed activities have topics");
        } else {
            assert!(kind.is_empty() && topics.is_empty(), "agencies have no kind or topic");
        }
    }
    assert!(index.entry("pilkada").unwrap().columns.is_some());
    // Every document's columns, in document order in `c/`, agree with its summary.
    assert_eq!(dir["columns"].as_array().unwrap().len(), 1, "one file for a small site");
    let bytes = index.file(&format!("c/0-{}", dir["columns"][0].as_str().unwrap()));
    let mut r = Reader { b: &bytes, p: 0 };
    for d in 0..n as u32 {
        let [kind, region, _topics]: [Vec<u64>; 3] = [(); 3].map(|()| (0..r.varint()).map(|_| r.varint()).collect());
        let summary = index.summary(d);
        assert_eq!(region.iter().map(|r| r + 1).sum::<u64>(), summary.region, "document {d}");
        let kind_byte = kind.first().map_or(255, |&k| k as u8);
        assert_eq!(kind_byte, summary.activity_kind, "document {d}");
    }
    assert_eq!(r.p, bytes.len());
}

#[test]
fn only_the_search_page_loads_search_code_and_it_works_without_javascript() {
    let built = build(&fixture("site"));
    let search = built.page("cari/");
    let scripts = attrs(&search, "script[type=module]", "src");
    assert_eq!(scripts.len(), 1);
    assert!(scripts[0].starts_with("/portal/assets/search.") && scripts[0].ends_with(".js"), "{scripts:?}");
    assert!(built.public.join(scripts[0].trim_start_matches("/portal/")).is_file());
    // Without JavaScript: a note, and links to the static facet pages, which exist.
    let noscript = built.read("cari/index.html");
    let note = noscript.split("<noscript>").nth(1).unwrap().split("</noscript>").next().unwrap();
    let links = attrs(&scraper::Html::parse_fragment(note), "a", "href");
    for want in ["/portal/wilayah/", "/portal/topik/", "/portal/instansi/", "/portal/kegiatan/tahun/2024/"] {
        assert!(links.iter().any(|l| l == want), "{want} in {links:?}");
    }
    assert!(links.iter().any(|l| l.starts_with("/portal/kegiatan/jenis/")));
    for link in &links {
        let path = built.public.join(link.trim_start_matches("/portal/")).join("index.html");
        assert!(path.is_file(), "{link} exists");
    }
    assert_eq!(attrs(&search, "form#cari", "action"), ["/portal/cari/"], "the plain form GETs /cari/");
    // Every other page: the header box leads to /cari/, and no search script or style.
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(&built.public).into_iter().flatten() {
        let path = entry.path();
        // The editor page (admin/) loads the CMS, and no search code.
        let own_script = path.starts_with(built.public.join("cari")) || path.starts_with(built.public.join("admin"));
        if path.extension().is_some_and(|e| e == "html") && !own_script {
            let html = fs::read_to_string(path).unwrap();
            let doc = scraper::Html::parse_document(&html);
            // Only the PPID letter's copy button, never search code.
            let scripts = attrs(&doc, "script[src]", "src");
            assert!(scripts.iter().all(|s| s.contains("/assets/ppid.")), "{} loads {scripts:?}", path.display());
            assert!(!html.contains("assets/search."), "{} links no search asset", path.display());
            pages += 1;
        }
    }
    assert!(pages > 10);
    let activity = built.page("kegiatan/kpu-sosialisasi-pilkada/");
    assert_eq!(attrs(&activity, "header form[role=search]", "action"), ["/portal/cari/"]);
    assert_eq!(texts(&activity, "header form[role=search] button"), ["Cari"]);
}

#[test]
fn the_index_is_byte_identical_across_builds() {
    let snapshot = |root: &Path| -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(root)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().strip_prefix(root).unwrap().display().to_string(), fs::read(e.path()).unwrap()))
            .collect()
    };
    let a = build(&fixture("site"));
    let b = build(&fixture("site"));
    let (sa, sb) = (snapshot(&a.public.join("cari")), snapshot(&b.public.join("cari")));
    assert!(sa.len() > 5);
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    assert!(sa == sb, "same bytes");
}

/// Every word of the seed content, the corpus generator's vocabulary, and
/// affixed forms of them.
fn vocabulary() -> Vec<String> {
    let mut vocab = BTreeSet::new();
    for entry in walkdir::WalkDir::new(repo().join("content")).into_iter().flatten() {
        if entry.file_type().is_file() {
            vocab.extend(words(&fs::read_to_string(entry.path()).unwrap()));
        }
    }
    let generator = fs::read_to_string(repo().join("xtask/src/corpus/vocab.rs")).unwrap();
    for literal in generator.split('"').skip(1).step_by(2) {
        vocab.extend(words(literal));
    }
    let bases: Vec<String> =
        vocab.iter().filter(|w| w.len() >= 4 && w.chars().all(|c| c.is_ascii_lowercase())).cloned().collect();
    let prefixes = [
        "", "di", "me", "mem", "men", "meng", "meny", "pe", "pem", "pen", "peng", "peny", "per", "ber", "be", "bel",
        "pel", "ter", "ke", "se",
    ];
    let suffixes = ["", "kan", "an", "i", "nya", "lah", "kah", "pun", "ku", "mu", "kannya", "annya", "si"];
    for base in bases.iter().take(400) {
        for p in prefixes {
            for s in suffixes {
                vocab.insert(format!("{p}{base}{s}"));
            }
        }
    }
    for w in [
        "belajar",
        "pelajar",
        "bekerja",
        "memakai",
        "menyanyi",
        "penyanyi",
        "pemimpin",
        "kepemimpinan",
        "perbaikan",
        "é",
        "éa",
        "über",
        "dijual",
        "ormasnya",
        "x",
    ] {
        vocab.insert(w.to_string());
    }
    vocab.into_iter().collect()
}

#[test]
fn rust_and_javascript_stem_and_split_every_word_alike() {
    let tmp = tempfile::tempdir().unwrap();
    let module = tmp.path().join("search.mjs");
    fs::copy(repo().join("themes/default/static/search.js"), &module).unwrap();
    let vocab = vocabulary();
    assert!(vocab.len() > 50_000, "{} words", vocab.len());
    let texts: Vec<String> = walkdir::WalkDir::new(repo().join("content"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| fs::read_to_string(e.path()).unwrap())
        .chain(["Jum'at, 12/7/2024 — teman-teman Ormas’nya; ÉLAN über 'kutip' x".to_string(), "a".repeat(41)])
        .collect();
    let input = tmp.path().join("input.json");
    fs::write(&input, serde_json::to_string(&serde_json::json!({"vocab": vocab, "texts": texts})).unwrap()).unwrap();
    let script = format!(
        "import {{ stem, words }} from {module:?};\n\
         import {{ readFileSync, writeFileSync }} from 'node:fs';\n\
         const input = JSON.parse(readFileSync({input:?}, 'utf8'));\n\
         writeFileSync({out:?}, JSON.stringify({{ stems: input.vocab.map(stem), words: input.texts.map(words) }}));\n",
        module = module.display().to_string(),
        input = input.display().to_string(),
        out = tmp.path().join("out.json").display().to_string(),
    );
    let runner = tmp.path().join("run.mjs");
    fs::write(&runner, script).unwrap();
    let status =
        Command::new("node").arg(&runner).status().expect("node (Node.js) must be installed to test search.js");
    assert!(status.success());
    let out: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(tmp.path().join("out.json")).unwrap()).unwrap();
    let js_stems = out["stems"].as_array().unwrap();
    let mismatches: Vec<String> = vocab
        .iter()
        .zip(js_stems)
        .filter(|(w, js)| stem(w) != js.as_str().unwrap())
        .map(|(w, js)| format!("{w}: rust {} js {js}", stem(w)))
        .collect();
    assert!(
        mismatches.is_empty(),
        "{} of {} differ, e.g. {:?}",
        mismatches.len(),
        vocab.len(),
        &mismatches[..mismatches.len().min(20)]
    );
    let changed = vocab.iter().filter(|w| stem(w) != **w).count();
    assert!(changed > vocab.len() / 2, "the vocabulary exercises the affix rules ({changed} stemmed)");
    for (text, js) in texts.iter().zip(out["words"].as_array().unwrap()) {
        let js: Vec<&str> = js.as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
        assert_eq!(words(text), js);
    }
}
