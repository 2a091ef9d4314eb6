//! The shared world every record refers to: regions, agencies, people, topics, and the
//! identities of ormas and partnerships. Built sequentially from one seeded stream.

use std::collections::HashSet;

use super::date::Date;
use super::regions::{self, Region};
use super::rng::{Rng, TAG_WORLD};
use super::topics::TOPICS;
use super::vocab::*;
use super::yaml::slug;

pub const FIRST_YEAR: i32 = 2019;
pub const LAST_YEAR: i32 = 2026;

/// What kind of body an agency is; `kind()` gives the content-model enum value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Cat {
    Pemda,
    Kesbangpol,
    Kpu,
    Bawaslu,
    Dprd,
    Polisi,
    Tni,
    Forkopimda,
    Kementerian,
    Lainnya,
}

impl Cat {
    pub fn kind(self) -> &'static str {
        match self {
            Cat::Pemda => "pemerintah-daerah",
            Cat::Kesbangpol => "kesbangpol",
            Cat::Kpu => "kpu",
            Cat::Bawaslu => "bawaslu",
            Cat::Dprd => "dprd",
            Cat::Polisi => "kepolisian",
            Cat::Tni => "tni",
            Cat::Forkopimda => "forkopimda",
            Cat::Kementerian => "kementerian",
            Cat::Lainnya => "lainnya",
        }
    }
}

pub struct Agency {
    pub id: String,
    pub name: String,
    pub abbr: String,
    pub cat: Cat,
    pub region: usize,
    pub parent: Option<usize>,
    pub website: Option<String>,
    /// Role title of the head, e.g. "Ketua KPU Kota Tangerang"; empty when none.
    pub head_role: String,
}

pub struct Position {
    pub role: String,
    pub agency: usize,
    pub start: i32,
    pub end: Option<i32>,
}

pub struct Person {
    pub id: String,
    pub name: String,
    pub positions: Vec<Position>,
}

pub struct Ormas {
    pub id: String,
    pub name: String,
    pub abbr: Option<String>,
    pub region: usize,
    pub scope: &'static str,
    pub founded: i32,
}

pub struct Partnership {
    pub id: String,
    pub title: String,
    pub kind: &'static str,
    pub agencies: Vec<usize>,
    pub ormas: Vec<usize>,
    pub signed: Date,
    pub region: usize,
}

pub struct World {
    pub regions: Vec<Region>,
    pub agencies: Vec<Agency>,
    pub people: Vec<Person>,
    pub ormas: Vec<Ormas>,
    pub partnerships: Vec<Partnership>,
    /// Agencies seated in each region.
    pub agencies_by_region: Vec<Vec<usize>>,
    /// `(person, position)` pairs held at each agency.
    pub holders: Vec<Vec<(usize, usize)>>,
    /// Ormas whose region lies in each province (indexed by the province's region index).
    pub ormas_by_province: Vec<Vec<usize>>,
    /// Topic indices valid in each year, from `FIRST_YEAR`; general and election ones.
    pub topics_by_year: Vec<(Vec<usize>, Vec<usize>)>,
    /// Relative weight of each province when placing a record.
    pub province_weights: Vec<u32>,
    pub provinces: Vec<usize>,
    /// Kabupaten/kota of each province (indexed by the province's region index).
    pub children: Vec<Vec<usize>>,
}

/// Unique ids: `base`, then `base-2`, `base-3`, ...
#[derive(Default)]
pub struct IdSet(HashSet<String>);

impl IdSet {
    pub fn contains(&self, id: &str) -> bool {
        self.0.contains(id)
    }

    pub fn claim(&mut self, base: String) -> String {
        if self.0.insert(base.clone()) {
            return base;
        }
        (2..).map(|k| format!("{base}-{k}")).find(|id| self.0.insert(id.clone())).unwrap_or(base)
    }
}

/// Officials' names already given, so that no two officials look like one
/// entered twice (`terbuka check` warns on the same name, or on a name that
/// is another's without its last name).
#[derive(Default)]
struct Names {
    names: HashSet<String>,
    starts: HashSet<String>,
}

impl Names {
    /// `name`, or if it is taken, `name` with a last name added (chosen
    /// without the random stream, so the rest of the world is unchanged).
    fn distinct(&mut self, name: String) -> String {
        // The first name with any title before it ("Hj. Siti").
        let words: Vec<&str> = name.split(' ').collect();
        let titles = words.iter().take_while(|w| w.ends_with('.')).count().min(words.len() - 1);
        let first = words[..=titles].join(" ");
        let n = LAST_NAMES.len();
        let base = self.names.len();
        let mut candidate = name;
        // Another last name, then two of them: a bounded walk.
        for k in 0..n * n {
            if !self.clashes(&candidate) {
                break;
            }
            let a = LAST_NAMES[(base + k) % n];
            candidate =
                if k < n { format!("{first} {a}") } else { format!("{first} {a} {}", LAST_NAMES[(base + k / n) % n]) };
        }
        let lower = Self::bare(&candidate);
        let words: Vec<&str> = lower.split(' ').collect();
        for n in 2..words.len() {
            self.starts.insert(words[..n].join(" "));
        }
        self.names.insert(lower);
        candidate
    }

    /// Lowercase, without the titles written before a name (`Hj.`, `Drs.`).
    fn bare(name: &str) -> String {
        let words: Vec<&str> = name.split(' ').collect();
        let titles = words.iter().take_while(|w| w.ends_with('.')).count().min(words.len() - 1);
        words[titles..].join(" ").to_lowercase()
    }

    fn clashes(&self, name: &str) -> bool {
        let lower = Self::bare(name);
        let words: Vec<&str> = lower.split(' ').collect();
        self.names.contains(&lower)
            || self.starts.contains(&lower)
            || (2..words.len()).any(|n| self.names.contains(&words[..n].join(" ")))
    }
}

pub fn person_name(rng: &mut Rng) -> String {
    let first = *rng.pick(FIRST_NAMES);
    if rng.chance(15) { first.to_string() } else { format!("{first} {}", rng.pick(LAST_NAMES)) }
}

impl World {
    pub fn build(seed: u64, activities: usize, ormas: Option<usize>) -> World {
        let mut rng = Rng::new(seed, TAG_WORLD, 0);
        let regions = regions::all();
        let provinces: Vec<usize> = (0..regions.len()).filter(|&r| regions[r].is_province).collect();
        let mut children = vec![Vec::new(); regions.len()];
        for (i, r) in regions.iter().enumerate() {
            if !r.is_province {
                children[r.province].push(i);
            }
        }
        let province_weights = provinces
            .iter()
            .map(|&p| match regions[p].code {
                "31" => 12,
                "32" => 16,
                "33" | "35" => 13,
                "36" => 8,
                "12" | "73" | "34" => 5,
                _ => 3,
            })
            .collect();
        let mut w = World {
            agencies_by_region: vec![Vec::new(); regions.len()],
            ormas_by_province: vec![Vec::new(); regions.len()],
            regions,
            agencies: Vec::new(),
            people: Vec::new(),
            ormas: Vec::new(),
            partnerships: Vec::new(),
            holders: Vec::new(),
            topics_by_year: Vec::new(),
            province_weights,
            provinces,
            children,
        };
        w.build_agencies();
        w.build_people(&mut rng);
        w.build_topics();
        w.build_ormas(&mut rng, ormas.unwrap_or(activities / 10).max(1));
        w.build_partnerships(&mut rng, (activities / 100).max(1));
        w
    }

    /// A region index: a province (`province_pct`% of the time) or one of its kabupaten/kota.
    pub fn pick_region(&self, rng: &mut Rng, province_pct: u32) -> usize {
        let p = self.provinces[rng.weighted(&self.province_weights)];
        if rng.chance(province_pct) || self.children[p].is_empty() { p } else { *rng.pick(&self.children[p]) }
    }

    pub fn topics_in(&self, year: i32) -> &(Vec<usize>, Vec<usize>) {
        &self.topics_by_year[(year - FIRST_YEAR) as usize]
    }

    #[allow(clippy::too_many_arguments)]
    fn add_agency(
        &mut self,
        id: String,
        name: String,
        abbr: String,
        cat: Cat,
        region: usize,
        parent: Option<usize>,
        head_role: String,
    ) -> usize {
        let website = match cat {
            Cat::Forkopimda | Cat::Dprd => None,
            _ => Some(format!("https://{id}.example.go.id/")),
        };
        let i = self.agencies.len();
        self.agencies.push(Agency { id, name, abbr, cat, region, parent, website, head_role });
        self.agencies_by_region[region].push(i);
        i
    }

    fn build_agencies(&mut self) {
        let jakarta = self.regions.iter().position(|r| r.code == "31.71").unwrap_or(0);
        let national: &[(&str, &str, &str, Cat, &str)] = &[
            ("kemendagri", "Kementerian Dalam Negeri", "Kemendagri", Cat::Kementerian, "Menteri Dalam Negeri"),
            (
                "ditjen-polpum-kemendagri",
                "Direktorat Jenderal Politik dan Pemerintahan Umum Kementerian Dalam Negeri",
                "Ditjen Polpum Kemendagri",
                Cat::Kementerian,
                "Direktur Jenderal Politik dan Pemerintahan Umum",
            ),
            (
                "kemenkumham",
                "Kementerian Hukum dan Hak Asasi Manusia",
                "Kemenkumham",
                Cat::Kementerian,
                "Menteri Hukum dan HAM",
            ),
            ("kemenag", "Kementerian Agama", "Kemenag", Cat::Kementerian, "Menteri Agama"),
            ("kemensos", "Kementerian Sosial", "Kemensos", Cat::Kementerian, "Menteri Sosial"),
            (
                "kemenpora",
                "Kementerian Pemuda dan Olahraga",
                "Kemenpora",
                Cat::Kementerian,
                "Menteri Pemuda dan Olahraga",
            ),
            ("kpu-ri", "Komisi Pemilihan Umum Republik Indonesia", "KPU RI", Cat::Kpu, "Ketua KPU RI"),
            (
                "bawaslu-ri",
                "Badan Pengawas Pemilihan Umum Republik Indonesia",
                "Bawaslu RI",
                Cat::Bawaslu,
                "Ketua Bawaslu RI",
            ),
            ("polri", "Kepolisian Negara Republik Indonesia", "Polri", Cat::Polisi, "Kapolri"),
            ("tni", "Tentara Nasional Indonesia", "TNI", Cat::Tni, "Panglima TNI"),
            ("bnpt", "Badan Nasional Penanggulangan Terorisme", "BNPT", Cat::Lainnya, "Kepala BNPT"),
            ("bnn", "Badan Narkotika Nasional", "BNN", Cat::Lainnya, "Kepala BNN"),
        ];
        for &(id, name, abbr, cat, head) in national {
            let parent = (id == "ditjen-polpum-kemendagri").then_some(0);
            self.add_agency(id.into(), name.into(), abbr.into(), cat, jakarta, parent, head.into());
        }
        let (kpu_ri, bawaslu_ri, polri, tni) = (6, 7, 8, 9);
        for pi in 0..self.provinces.len() {
            let p = self.provinces[pi];
            let (pname, pslug) = (self.regions[p].name, slug(self.regions[p].name, 100));
            let pemprov = self.add_agency(
                format!("pemprov-{pslug}"),
                format!("Pemerintah Provinsi {pname}"),
                format!("Pemprov {pname}"),
                Cat::Pemda,
                p,
                None,
                format!("Gubernur {pname}"),
            );
            let add = |w: &mut World, pre: &str, long: &str, short: &str, cat, parent, head: &str| {
                let abbr = format!("{short} Provinsi {pname}");
                let role = if head.is_empty() { String::new() } else { format!("{head} {abbr}") };
                w.add_agency(
                    format!("{pre}-provinsi-{pslug}"),
                    format!("{long} Provinsi {pname}"),
                    abbr,
                    cat,
                    p,
                    parent,
                    role,
                )
            };
            add(
                self,
                "kesbangpol",
                "Badan Kesatuan Bangsa dan Politik",
                "Kesbangpol",
                Cat::Kesbangpol,
                Some(pemprov),
                "Kepala",
            );
            let kpu = add(self, "kpu", "Komisi Pemilihan Umum", "KPU", Cat::Kpu, Some(kpu_ri), "Ketua");
            let bawaslu = add(
                self,
                "bawaslu",
                "Badan Pengawas Pemilihan Umum",
                "Bawaslu",
                Cat::Bawaslu,
                Some(bawaslu_ri),
                "Ketua",
            );
            // Keep the list a few hundred long: some bodies only in some provinces.
            if pi % 2 == 0 {
                add(self, "dprd", "Dewan Perwakilan Rakyat Daerah", "DPRD", Cat::Dprd, None, "Ketua");
            }
            if pi < 10 {
                add(
                    self,
                    "forkopimda",
                    "Forum Koordinasi Pimpinan Daerah",
                    "Forkopimda",
                    Cat::Forkopimda,
                    Some(pemprov),
                    "",
                );
            }
            let polda_name = if self.regions[p].code == "31" { "Metro Jaya".to_string() } else { pname.to_string() };
            let polda = self.add_agency(
                format!("polda-{}", slug(&polda_name, 100)),
                format!("Kepolisian Daerah {polda_name}"),
                format!("Polda {polda_name}"),
                Cat::Polisi,
                p,
                Some(polri),
                format!("Kapolda {polda_name}"),
            );
            for ci in 0..self.children[p].len() {
                let c = self.children[p][ci];
                let r = &self.regions[c];
                let (name, short, kota, rank) = (r.name, r.short, r.is_kota, r.rank);
                let rslug = slug(name, 100);
                let sslug = slug(short, 100);
                let (pemda_id, pemda_abbr, head) = if kota {
                    (format!("pemkot-{sslug}"), format!("Pemkot {short}"), format!("Wali Kota {short}"))
                } else {
                    (format!("pemkab-{sslug}"), format!("Pemkab {short}"), format!("Bupati {short}"))
                };
                let pemda = self.add_agency(
                    pemda_id,
                    format!("Pemerintah {name}"),
                    pemda_abbr,
                    Cat::Pemda,
                    c,
                    Some(pemprov),
                    head,
                );
                let add = |w: &mut World, pre: &str, long: &str, short: &str, cat, parent, head: &str| {
                    let abbr = format!("{short} {name}");
                    let role = if head.is_empty() { String::new() } else { format!("{head} {abbr}") };
                    w.add_agency(format!("{pre}-{rslug}"), format!("{long} {name}"), abbr, cat, c, parent, role)
                };
                if rank < 2 {
                    add(
                        self,
                        "kesbangpol",
                        "Badan Kesatuan Bangsa dan Politik",
                        "Kesbangpol",
                        Cat::Kesbangpol,
                        Some(pemda),
                        "Kepala",
                    );
                }
                if rank > 0 {
                    continue;
                }
                add(self, "kpu", "Komisi Pemilihan Umum", "KPU", Cat::Kpu, Some(kpu), "Ketua");
                add(self, "bawaslu", "Badan Pengawas Pemilihan Umum", "Bawaslu", Cat::Bawaslu, Some(bawaslu), "Ketua");
                if pi % 2 == 1 {
                    add(self, "dprd", "Dewan Perwakilan Rakyat Daerah", "DPRD", Cat::Dprd, None, "Ketua");
                }
                let metro = if self.regions[p].code == "31" { "Metro " } else { "" };
                let (pol_long, pol_short, pol_head) = if kota {
                    (
                        format!("Kepolisian Resor Kota {metro}{short}"),
                        format!("Polresta {metro}{short}"),
                        format!("Kapolresta {metro}{short}"),
                    )
                } else {
                    (
                        format!("Kepolisian Resor {metro}{short}"),
                        format!("Polres {metro}{short}"),
                        format!("Kapolres {metro}{short}"),
                    )
                };
                self.add_agency(format!("polres-{rslug}"), pol_long, pol_short, Cat::Polisi, c, Some(polda), pol_head);
                if pi >= 10 {
                    continue;
                }
                self.add_agency(
                    format!("kodim-{rslug}"),
                    format!("Komando Distrik Militer {short}"),
                    format!("Kodim {short}"),
                    Cat::Tni,
                    c,
                    Some(tni),
                    format!("Dandim {short}"),
                );
            }
        }
    }

    fn build_people(&mut self, rng: &mut Rng) {
        let mut ids = IdSet::default();
        let mut taken = Names::default();
        self.holders = vec![Vec::new(); self.agencies.len()];
        for a in 0..self.agencies.len() {
            let ag = &self.agencies[a];
            if ag.head_role.is_empty() {
                continue;
            }
            let region = &self.regions[ag.region];
            // Main bodies of provinces and of each province's largest kabupaten/kota always have
            // people; the rest only now and then, to keep the list a few hundred long.
            let main = region.rank == 0
                && matches!(ag.cat, Cat::Pemda | Cat::Kesbangpol | Cat::Kpu | Cat::Bawaslu | Cat::Polisi);
            if !main && !rng.chance(15) {
                continue;
            }
            let head_role = ag.head_role.clone();
            let second_role = match ag.cat {
                Cat::Kesbangpol => Some(format!("Kepala Bidang Organisasi Kemasyarakatan {}", ag.abbr)),
                Cat::Kpu | Cat::Bawaslu => Some(format!("Anggota {}", ag.abbr)),
                Cat::Pemda if !region.is_province || rng.chance(50) => {
                    Some(format!("Sekretaris Daerah {}", region.name))
                }
                _ => None,
            };
            let mut terms = Vec::new();
            if rng.chance(35) {
                let switch = rng.range(2020, 2023) as i32;
                terms.push((head_role.clone(), rng.range(2014, 2018) as i32, Some(switch)));
                terms.push((head_role, switch, None));
            } else {
                terms.push((head_role, rng.range(2015, 2019) as i32, None));
            }
            if let Some(role) = second_role.filter(|_| rng.chance(25)) {
                terms.push((role, rng.range(2017, 2022) as i32, None));
            }
            for (role, start, end) in terms {
                let name = taken.distinct(person_name(rng));
                let id = ids.claim(slug(&name, 60));
                let mut positions = Vec::new();
                if rng.chance(15) {
                    let earlier = format!("Sekretaris {}", self.agencies[a].abbr);
                    positions.push(Position {
                        role: earlier,
                        agency: a,
                        start: start - rng.range(2, 5) as i32,
                        end: Some(start),
                    });
                }
                positions.push(Position { role, agency: a, start, end });
                let p = self.people.len();
                for (k, pos) in positions.iter().enumerate() {
                    self.holders[pos.agency].push((p, k));
                }
                self.people.push(Person { id, name, positions });
            }
        }
    }

    fn build_topics(&mut self) {
        for year in FIRST_YEAR..=LAST_YEAR {
            let fits = |t: &&crate::corpus::topics::Topic| t.years.0 <= year && year <= t.years.1;
            let general = (0..TOPICS.len()).filter(|&i| fits(&&TOPICS[i]) && !TOPICS[i].election).collect();
            let election = (0..TOPICS.len()).filter(|&i| fits(&&TOPICS[i]) && TOPICS[i].election).collect();
            self.topics_by_year.push((general, election));
        }
    }

    fn build_ormas(&mut self, rng: &mut Rng, count: usize) {
        let mut ids = IdSet::default();
        let dki: Vec<usize> =
            self.regions.iter().enumerate().filter(|(_, r)| r.code.starts_with("31.")).map(|(i, _)| i).collect();
        for _ in 0..count {
            let scope_i = rng.weighted(&[8, 35, 57]);
            let scope = ["nasional", "provinsi", "kabupaten-kota"][scope_i];
            let region = match scope_i {
                0 => *rng.pick(&dki),
                1 => self.pick_region(rng, 100),
                _ => self.pick_region(rng, 0),
            };
            let place = match scope_i {
                0 => *rng.pick(&["Indonesia", "Nusantara", "Republik Indonesia"]),
                _ => self.regions[region].short,
            };
            let (stem, abbreviable) = match rng.weighted(&[45, 20, 15, 10, 10]) {
                0 => {
                    (format!("{} {} {}", rng.pick(ORMAS_PREFIX), rng.pick(ORMAS_GROUP), rng.pick(ORMAS_PURPOSE)), true)
                }
                1 => (format!("{} {}", rng.pick(ORMAS_PREFIX), rng.pick(ORMAS_GROUP)), true),
                2 => (format!("Yayasan {}", rng.pick(ORMAS_ABSTRACT)), false),
                3 => (
                    format!("{} {}", rng.pick(&["Laskar", "Barisan", "Brigade", "Pasukan"]), rng.pick(ORMAS_ABSTRACT)),
                    true,
                ),
                _ => (format!("{} {}", rng.pick(ORMAS_PREFIX), rng.pick(ORMAS_PURPOSE)), true),
            };
            let founded = 1950 + rng.weighted(&[3, 5, 8, 10, 14, 20, 25, 15]) as i32 * 9 + rng.range(0, 8) as i32;
            let founded = founded.min(2023);
            let mut name = format!("{stem} {place}");
            if ids.contains(&slug(&name, 80)) {
                // Same name already taken: real registries tell them apart by founding year.
                name = format!("{name} {founded}");
            }
            let id = ids.claim(slug(&name, 80));
            let abbr = (abbreviable || rng.chance(30)).then(|| {
                let initials: String = stem
                    .split([' ', '-'])
                    .filter(|w| !w.is_empty() && *w != "dan")
                    .filter_map(|w| w.chars().next())
                    .collect::<String>()
                    .to_uppercase();
                if scope_i == 0 { initials } else { format!("{initials} {place}") }
            });
            let o = self.ormas.len();
            self.ormas_by_province[self.regions[region].province].push(o);
            self.ormas.push(Ormas { id, name, abbr, region, scope, founded });
        }
    }

    fn build_partnerships(&mut self, rng: &mut Rng, count: usize) {
        let mut ids = IdSet::default();
        for _ in 0..count {
            let kind_i = rng.weighted(&[30, 30, 30, 10]);
            let kind = ["mou", "perjanjian-kerja-sama", "hibah", "bantuan-sosial"][kind_i];
            let region = self.pick_region(rng, 30);
            let local: Vec<usize> = self.agencies_by_region[region]
                .iter()
                .copied()
                .filter(|&a| matches!(self.agencies[a].cat, Cat::Pemda | Cat::Kesbangpol | Cat::Kpu | Cat::Bawaslu))
                .collect();
            let mut agencies = vec![*rng.pick(&local)];
            if rng.chance(25) {
                let other = *rng.pick(&local);
                if !agencies.contains(&other) {
                    agencies.push(other);
                }
            }
            let pool = &self.ormas_by_province[self.regions[region].province];
            let n = rng.range(1, 3) as usize;
            let ormas: Vec<usize> = if pool.len() >= n {
                rng.distinct(pool.len(), n).into_iter().map(|i| pool[i]).collect()
            } else {
                rng.distinct(self.ormas.len(), n)
            };
            let year = rng.range(2019, 2025) as i32;
            let month = rng.range(1, 12);
            let signed = Date::new(year, month, rng.range(1, super::date::days_in_month(year, month)));
            let ag = &self.agencies[agencies[0]];
            let first = &self.ormas[ormas[0]];
            let with =
                if ormas.len() > 1 { format!("{} Organisasi Kemasyarakatan", ormas.len()) } else { first.name.clone() };
            let general = &self.topics_in(year).0;
            let topic = TOPICS[*rng.pick(general)].name;
            let title = match kind_i {
                0 => format!("Nota Kesepahaman {} dan {with} tentang {topic}", ag.abbr),
                1 => format!("Perjanjian Kerja Sama {} dengan {with} tentang {topic}", ag.abbr),
                2 => format!("Naskah Perjanjian Hibah Daerah {} kepada {with} Tahun Anggaran {year}", ag.abbr),
                _ => format!("Penyaluran Bantuan Sosial {} kepada {with} Tahun {year}", ag.abbr),
            };
            let id = ids.claim(slug(&format!("{kind} {} {year}", ag.abbr), 80));
            self.partnerships.push(Partnership { id, title, kind, agencies, ormas, signed, region });
        }
    }
}
