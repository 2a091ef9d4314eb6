//! The fingerprint of every input of each open-data file, worked out from
//! the resolved site without making the file: what lets a build carry the
//! last build's file over ([`super::ledger`]).
//!
//! A fingerprint hashes what the file is made of, and nothing is left to
//! an assumption about which fields a writer reads:
//! - the program, theme and options ([`Reuse::code`]), the whole of
//!   `site.yaml` and the base address (every file);
//! - each record it shows by its id and the digest of its whole file
//!   ([`crate::model::Origin::digest`]), which covers every field and the
//!   body (a record's parsed fields come from its file alone);
//! - what it copies in from other records: the names of the agencies, ormas
//!   and officials an activity names (so renaming an ormas makes again the
//!   years of the activities that name it, and editing its profile does
//!   not), the names of regions, the region and topic lists;
//! - the facts it shows about the whole site (counts, the years and their
//!   sizes, a record's number of activities, a partnership's activities),
//!   computed, not guessed from what changed;
//! - the order: records are hashed in the order the file lists them.
//!
//! Hashing digests, short names and counts, this reads no file and makes
//! no output: a few tens of milliseconds at 100,000 activities, in
//! parallel by year.
//!
//! [`Reuse::code`]: crate::incremental::reuse::Reuse::code

use rayon::prelude::*;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::address::Urls;
use crate::catalog;
use crate::model::Record;
use crate::site::{ActivityIx, AgencyIx, OrmasIx, PersonIx, RegionIx, Site, Table};

/// The fingerprint of a unit's inputs: xxh3-128.
pub type Fingerprint = u128;

/// The fingerprints of every open-data unit, and the facts about the whole
/// site the writers need and the fingerprints are made of (computed once).
#[derive(Debug)]
pub struct Fingerprints {
    /// The activities of each year, newest year first
    /// ([`catalog::activities_by_year`]).
    pub years: Vec<(i32, Vec<ActivityIx>)>,
    /// Per year of `years`: its activities in chunks, the pieces of the
    /// files written in pieces.
    pub chunks: Vec<Vec<Chunk>>,
    /// The program, theme, options, settings and address: what every
    /// file depends on.
    pub site: Fingerprint,
    /// Participations across all activities (the dataset's `meta.counts`).
    pub participations: usize,
    /// `data/dataset.schema.json`.
    pub schema: Fingerprint,
    /// `data/dataset.json.gz` and the per-record JSON of every record but
    /// the activities.
    pub dataset: Fingerprint,
    /// Per year of `years`: its dataset file and its events' JSON files.
    pub dataset_years: Vec<Fingerprint>,
    /// Per year of `years`: `kegiatan-<year>.csv`.
    pub activities_csv: Vec<Fingerprint>,
    /// Per year of `years`: `partisipasi-<year>.csv`.
    pub participation_csv: Vec<Fingerprint>,
    /// `data/ormas.csv`.
    pub ormas_csv: Fingerprint,
    /// `data/instansi.csv`.
    pub agencies_csv: Fingerprint,
    /// `data/tokoh.csv`.
    pub people_csv: Fingerprint,
    /// `data/kemitraan.csv`.
    pub partnerships_csv: Fingerprint,
    /// `data/kegiatan.ics`.
    pub calendar: Fingerprint,
    /// `data/360giving.json` (or its absence).
    pub giving: Fingerprint,
}

/// A hash of fields that cannot run into each other: every text carries
/// its length.
#[derive(Clone)]
struct Fp(Xxh3);

impl Fp {
    /// Starts a unit's fingerprint: what it is, then a fingerprint it
    /// depends on (the site's, or the code's).
    fn new(kind: &str, base: Fingerprint) -> Self {
        let mut f = Fp(Xxh3::new());
        f.text(kind).wide(base);
        f
    }

    fn text(&mut self, s: &str) -> &mut Self {
        self.num(s.len() as u64);
        self.0.update(s.as_bytes());
        self
    }

    fn num(&mut self, n: u64) -> &mut Self {
        self.0.update(&n.to_le_bytes());
        self
    }

    fn wide(&mut self, n: u128) -> &mut Self {
        self.0.update(&n.to_le_bytes());
        self
    }

    /// A record by its id and the digest of its file.
    fn record<T>(&mut self, r: &Record<T>) -> &mut Self {
        self.text(&r.id).num(r.origin.digest())
    }

    /// A value as JSON. Settings and lists of plain fields always
    /// serialise; were one not to, the fingerprint is made one no build
    /// will match, so the unit is made every time rather than reused wrongly.
    fn json(&mut self, value: &impl serde::Serialize) -> &mut Self {
        let mut bytes = Vec::new();
        match serde_json::to_writer(&mut bytes, value) {
            Ok(()) => self.num(bytes.len() as u64).0.update(&bytes),
            Err(_) => {
                let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
                self.wide(now.as_nanos()).num(u64::from(std::process::id()));
            }
        }
        self
    }

    fn done(&self) -> Fingerprint {
        self.0.digest128()
    }
}

/// Short hashes of the names activities copy from other records, so an
/// activity's fingerprint takes one number per record it names.
struct Names {
    agencies: Table<AgencyIx, u64>,
    ormas: Table<OrmasIx, u64>,
    people: Table<PersonIx, u64>,
    regions: Table<RegionIx, u64>,
}

fn name_hash(id: &str, name: &str) -> u64 {
    let mut h = Xxh3::new();
    h.update(&(id.len() as u64).to_le_bytes());
    h.update(id.as_bytes());
    h.update(name.as_bytes());
    h.digest()
}

impl Names {
    fn of(site: &Site) -> Self {
        Names {
            agencies: site.agencies.iter().map(|r| name_hash(&r.id, &r.meta.name)).collect(),
            ormas: site.ormas.iter().map(|r| name_hash(&r.id, &r.meta.name)).collect(),
            people: site.people.iter().map(|r| name_hash(&r.id, &r.meta.name)).collect(),
            regions: site.regions.iter().map(|r| name_hash(r.code.as_str(), &r.name)).collect(),
        }
    }
}

/// Activities a chunk holds on average: an activity ends a chunk when the
/// hash of its id says so, so chunks are cut at the same places whatever
/// is added or removed elsewhere ([`super::splice`]). Measured on a year
/// of the 10k corpus, compressing pieces of 64, 128, 256 and 512 events
/// independently makes the year file 3.0, 1.5, 0.7 and 0.3 % larger than
/// one stream; at 256 an edit recompresses about a megabyte of JSON.
const CHUNK: u64 = 256;

/// Longest chunk, should the ids' hashes not cut one for that long.
const MAX_CHUNK: usize = 1024;

/// A run of one year's activities, hashed two ways: one piece of each
/// file made of them.
#[derive(Debug, Clone, Copy)]
pub struct Chunk {
    /// Its first activity, as a position in the year's list.
    pub start: usize,
    /// Its end (exclusive), as a position in the year's list.
    pub end: usize,
    /// Each activity itself (id, file, region name): what its row in
    /// `kegiatan-<year>.csv` and its calendar entry are made of.
    pub own: Fingerprint,
    /// Each activity with the names of the records it names: what its
    /// event in the dataset and its participation rows are made of.
    pub named: Fingerprint,
}

/// One year's activities: its chunks and its participations.
struct Year {
    chunks: Vec<Chunk>,
    participations: usize,
}

impl Year {
    /// The year's fingerprint from its chunks' `pick`.
    fn fp(&self, pick: fn(&Chunk) -> Fingerprint) -> Fingerprint {
        let mut f = Fp(Xxh3::new());
        for c in &self.chunks {
            f.num(c.start as u64).wide(pick(c));
        }
        f.done()
    }
}

fn year(site: &Site, names: &Names, activities: &[ActivityIx]) -> Year {
    let mut chunks = Vec::new();
    let (mut own, mut named) = (Fp(Xxh3::new()), Fp(Xxh3::new()));
    let mut start = 0;
    let mut participations = 0;
    for (k, &e) in activities.iter().enumerate() {
        let (r, refs) = (&site.activities[e], &site.refs.activities[e]);
        own.record(r).num(names.regions[refs.region]);
        named.record(r).num(names.regions[refs.region]);
        named.num(refs.organizers.len() as u64);
        for &g in refs.organizers.iter() {
            named.num(names.agencies[g]);
        }
        named.num(refs.agencies.len() as u64);
        for &g in refs.agencies.iter() {
            named.num(names.agencies[g]);
        }
        named.num(refs.ormas.len() as u64);
        for &o in refs.ormas.iter() {
            named.num(names.ormas[o]);
        }
        named.num(refs.officials.len() as u64);
        for official in refs.officials.iter() {
            // An official known only by name is in the activity's own file.
            named.num(official.map_or(0, |p| names.people[p]));
        }
        participations += site.participations(e).len();
        let last = k + 1 == activities.len();
        if last || xxh3_64(r.id.as_bytes()).is_multiple_of(CHUNK) || k + 1 - start == MAX_CHUNK {
            chunks.push(Chunk { start, end: k + 1, own: own.done(), named: named.done() });
            (own, named, start) = (Fp(Xxh3::new()), Fp(Xxh3::new()), k + 1);
        }
    }
    Year { chunks, participations }
}

/// The fingerprint of one piece of a file written in pieces: what the
/// file is (`kind`), the site's fingerprint, whether the piece comes first
/// (a JSON array's first element has no comma) and its chunk's
/// fingerprint. The piece's bytes depend on nothing else.
pub fn piece(kind: &str, site: Fingerprint, first: bool, chunk: Fingerprint) -> Fingerprint {
    Fp::new(kind, site).num(u64::from(first)).wide(chunk).done()
}

impl Fingerprints {
    /// The fingerprints of `site`'s open data as addressed by `urls`, for a
    /// program, theme and options of stamp `code`.
    pub fn of(site: &Site, urls: &Urls, code: Fingerprint) -> Self {
        let names = Names::of(site);
        let years = catalog::activities_by_year(site);
        let per_year: Vec<Year> = years.par_iter().map(|(_, activities)| year(site, &names, activities)).collect();
        let participations = per_year.iter().map(|y| y.participations).sum();

        let mut f = Fp::new("site", code);
        f.json(&site.config).text(urls.base_url());
        let site_fp = f.done();

        // What every dataset file's `meta` holds.
        let grants = site.partnerships.iter().filter(|p| p.meta.kind.is_grant()).count();
        let mut f = Fp::new("meta", site_fp);
        for n in [
            site.ormas.len(),
            site.agencies.len(),
            site.people.len(),
            site.activities.len(),
            grants,
            site.partnerships.len() - grants,
            participations,
        ] {
            f.num(n as u64);
        }
        for (y, activities) in &years {
            f.num(*y as u64).num(activities.len() as u64);
        }
        let meta = f.done();

        let each_year = |kind: &str, base: Fingerprint, pick: fn(&Chunk) -> Fingerprint| -> Vec<Fingerprint> {
            years
                .iter()
                .zip(&per_year)
                .map(|((y, _), fps)| Fp::new(kind, base).num(*y as u64).wide(fps.fp(pick)).done())
                .collect()
        };
        let mut calendar = Fp::new("calendar", site_fp);
        for y in &per_year {
            calendar.wide(y.fp(|c| c.own));
        }

        Fingerprints {
            schema: Fp::new("schema", code).done(),
            dataset: dataset(site, meta),
            dataset_years: each_year("dataset-year", meta, |y| y.named),
            activities_csv: each_year("kegiatan", site_fp, |y| y.own),
            participation_csv: each_year("partisipasi", site_fp, |y| y.named),
            ormas_csv: ormas_csv(site, site_fp, &names),
            agencies_csv: agencies_csv(site, site_fp, &names),
            people_csv: people_csv(site, site_fp),
            partnerships_csv: partnerships_csv(site, site_fp),
            calendar: calendar.done(),
            giving: giving(site, site_fp, &names),
            chunks: per_year.into_iter().map(|y| y.chunks).collect(),
            site: site_fp,
            years,
            participations,
        }
    }
}

/// The dataset's main file: every record but the activities, with their
/// numbers of activities and a partnership's activities by id, and the
/// region and topic lists.
fn dataset(site: &Site, meta: Fingerprint) -> Fingerprint {
    let mut f = Fp::new("dataset", meta);
    for (o, r) in site.ormas.iter_enumerated() {
        f.record(r).num(site.links.activities_by_ormas[o].len() as u64);
    }
    for (g, r) in site.agencies.iter_enumerated() {
        f.record(r).num(site.links.activities_by_agency[g].len() as u64);
    }
    for (p, r) in site.people.iter_enumerated() {
        f.record(r).num(site.links.activities_by_person[p].len() as u64);
    }
    for (p, r) in site.partnerships.iter_enumerated() {
        let activities = &site.links.activities_by_partnership[p];
        f.record(r).num(activities.len() as u64);
        for &e in activities {
            f.text(&site.activities[e].id);
        }
    }
    f.json(&site.regions.raw).json(&site.topics.raw);
    f.done()
}

fn ormas_csv(site: &Site, site_fp: Fingerprint, names: &Names) -> Fingerprint {
    let mut f = Fp::new("ormas.csv", site_fp);
    for (o, r) in site.ormas.iter_enumerated() {
        f.record(r).num(names.regions[site.refs.ormas_region[o]]);
        f.num(site.links.activities_by_ormas[o].len() as u64).num(site.links.partnerships_by_ormas[o].len() as u64);
    }
    f.done()
}

fn agencies_csv(site: &Site, site_fp: Fingerprint, names: &Names) -> Fingerprint {
    let mut f = Fp::new("instansi.csv", site_fp);
    for (g, r) in site.agencies.iter_enumerated() {
        f.record(r).num(names.regions[site.refs.agency_region[g]]);
        f.num(site.links.activities_by_agency[g].len() as u64);
    }
    f.done()
}

fn people_csv(site: &Site, site_fp: Fingerprint) -> Fingerprint {
    let mut f = Fp::new("tokoh.csv", site_fp);
    for (p, r) in site.people.iter_enumerated() {
        f.record(r).num(site.links.activities_by_person[p].len() as u64);
    }
    f.done()
}

fn partnerships_csv(site: &Site, site_fp: Fingerprint) -> Fingerprint {
    let mut f = Fp::new("kemitraan.csv", site_fp);
    for (p, r) in site.partnerships.iter_enumerated() {
        f.record(r).num(site.links.activities_by_partnership[p].len() as u64);
    }
    f.done()
}

/// The 360Giving package: the partnerships and the names of their parties.
fn giving(site: &Site, site_fp: Fingerprint, names: &Names) -> Fingerprint {
    let mut f = Fp::new("360giving", site_fp);
    for (p, r) in site.partnerships.iter_enumerated() {
        let parties = &site.refs.partnerships[p];
        f.record(r).num(parties.ormas.len() as u64);
        for &o in parties.ormas.iter() {
            f.num(names.ormas[o]);
        }
        f.num(parties.agencies.len() as u64);
        for &g in parties.agencies.iter() {
            f.num(names.agencies[g]);
        }
    }
    f.done()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_cannot_run_into_each_other() {
        let a = Fp::new("k", 1).text("ab").text("c").done();
        let b = Fp::new("k", 1).text("a").text("bc").done();
        assert_ne!(a, b);
        assert_ne!(Fp::new("k", 1).done(), Fp::new("k", 2).done());
        assert_ne!(Fp::new("k", 1).done(), Fp::new("l", 1).done());
    }

    #[test]
    fn names_hash_their_id_and_name_apart() {
        assert_ne!(name_hash("ab", "c"), name_hash("a", "bc"));
        assert_eq!(name_hash("a", "b"), name_hash("a", "b"));
    }
}
