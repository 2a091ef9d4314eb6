//! Who meets whom: how many activities each ormas shares with each agency
//! (organiser or participant), and each official with each ormas and
//! agency, counted once for the whole site in one pass over the
//! activities. Each activity adds its own pairs only (ormas × agencies it
//! names), so the work grows with the activities, never with the square
//! of an entity's activity list; what pages show is capped.

use std::collections::HashMap;

use super::{AgencyIx, OrmasIx, PersonIx, RegionIx, Site, Table};

/// Counterparts a profile page lists, at most.
pub const TOP_NEIGHBOURS: usize = 10;
/// Pairs a `/jaringan/` page ranks, at most.
pub const TOP_PAIRS: usize = 100;

/// An ormas or an agency an official met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Counterpart {
    /// An ormas.
    Ormas(OrmasIx),
    /// An agency.
    Agency(AgencyIx),
}

/// The counterparts of one record met most, most first (ties in display
/// order), and how many distinct counterparts it has in all.
#[derive(Debug, Clone)]
pub struct Neighbours<T> {
    /// At most [`TOP_NEIGHBOURS`] of them, with their shared activities.
    pub top: Vec<(T, u32)>,
    /// How many distinct counterparts it met.
    pub total: usize,
}

impl<T> Default for Neighbours<T> {
    fn default() -> Self {
        Self { top: Vec::new(), total: 0 }
    }
}

/// An ormas and an agency, and the activities they share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// The ormas.
    pub ormas: OrmasIx,
    /// The agency.
    pub agency: AgencyIx,
    /// Activities naming both.
    pub count: u32,
}

/// The pairs of one slice of the register (all, a province, a year).
#[derive(Debug, Clone, Default)]
pub struct Ranking {
    /// At most [`TOP_PAIRS`] pairs, most shared first.
    pub top: Vec<Pair>,
    /// How many distinct pairs met at all.
    pub total: usize,
}

/// Who meets whom, for the whole site.
#[derive(Debug, Default)]
pub struct Network {
    /// Per ormas: the agencies it met.
    pub by_ormas: Table<OrmasIx, Neighbours<AgencyIx>>,
    /// Per agency: the ormas it met.
    pub by_agency: Table<AgencyIx, Neighbours<OrmasIx>>,
    /// Per official: the ormas and agencies at their activities.
    pub by_person: Table<PersonIx, Neighbours<Counterpart>>,
    /// Every pair of the register, ranked.
    pub pairs: Ranking,
    /// Per province (a region with no parent) with pairs, in code order.
    pub by_province: Vec<(RegionIx, Ranking)>,
    /// Per year with pairs, newest first.
    pub by_year: Vec<(i32, Ranking)>,
}

/// Distinct items of a short list, in order (an activity names a handful).
fn distinct<T: Copy + PartialEq>(items: impl Iterator<Item = T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

impl Network {
    /// Counts every pair in one pass over the activities.
    pub(super) fn build(site: &Site) -> Network {
        let mut pairs: HashMap<(OrmasIx, AgencyIx), u32> = HashMap::new();
        let mut by_province: HashMap<(RegionIx, OrmasIx, AgencyIx), u32> = HashMap::new();
        let mut by_year: HashMap<(i32, OrmasIx, AgencyIx), u32> = HashMap::new();
        let mut people: HashMap<(PersonIx, Counterpart), u32> = HashMap::new();
        for (a, refs) in site.refs.activities.iter_enumerated() {
            let ormas = distinct(refs.ormas.iter().copied());
            let agencies = distinct(refs.organizers.iter().chain(refs.agencies.iter()).copied());
            let province = site.region_chain(refs.region).last().unwrap_or(refs.region);
            let year = site.activities[a].meta.date.year;
            for &o in &ormas {
                for &g in &agencies {
                    *pairs.entry((o, g)).or_default() += 1;
                    *by_province.entry((province, o, g)).or_default() += 1;
                    *by_year.entry((year, o, g)).or_default() += 1;
                }
            }
            let officials = distinct(refs.officials.iter().flatten().copied());
            for &p in &officials {
                let met = ormas
                    .iter()
                    .map(|&o| Counterpart::Ormas(o))
                    .chain(agencies.iter().map(|&g| Counterpart::Agency(g)));
                for c in met {
                    *people.entry((p, c)).or_default() += 1;
                }
            }
        }
        let all: Vec<Pair> = pairs.into_iter().map(|((ormas, agency), count)| Pair { ormas, agency, count }).collect();
        Network {
            by_ormas: neighbours(site.ormas.len(), all.iter().map(|p| (p.ormas, p.agency, p.count))),
            by_agency: neighbours(site.agencies.len(), all.iter().map(|p| (p.agency, p.ormas, p.count))),
            by_person: neighbours(site.people.len(), people.into_iter().map(|((p, c), n)| (p, c, n))),
            by_province: rankings(by_province),
            by_year: {
                let mut years = rankings(by_year);
                years.reverse();
                years
            },
            pairs: rank(all),
        }
    }
}

/// Most shared first, ties in display order (ormas A–Z, then agency).
fn rank(mut list: Vec<Pair>) -> Ranking {
    let total = list.len();
    let key = |p: &Pair| (std::cmp::Reverse(p.count), p.ormas, p.agency);
    if list.len() > TOP_PAIRS {
        list.select_nth_unstable_by_key(TOP_PAIRS, key);
        list.truncate(TOP_PAIRS);
    }
    list.sort_unstable_by_key(key);
    Ranking { top: list, total }
}

/// One ranking per bucket (province, year), buckets in ascending order.
fn rankings<B: Ord + Copy>(counts: HashMap<(B, OrmasIx, AgencyIx), u32>) -> Vec<(B, Ranking)> {
    let mut buckets: std::collections::BTreeMap<B, Vec<Pair>> = std::collections::BTreeMap::new();
    for ((b, ormas, agency), count) in counts {
        buckets.entry(b).or_default().push(Pair { ormas, agency, count });
    }
    buckets.into_iter().map(|(b, list)| (b, rank(list))).collect()
}

/// Groups `(record, counterpart, count)` by record and keeps each record's
/// most met counterparts.
fn neighbours<K, T>(len: usize, entries: impl Iterator<Item = (K, T, u32)>) -> Table<K, Neighbours<T>>
where
    K: From<usize> + Copy,
    usize: From<K>,
    T: Ord + Copy,
{
    let mut grouped: Vec<Vec<(T, u32)>> = (0..len).map(|_| Vec::new()).collect();
    for (k, t, n) in entries {
        grouped[usize::from(k)].push((t, n));
    }
    grouped
        .into_iter()
        .map(|mut list| {
            let total = list.len();
            list.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            list.truncate(TOP_NEIGHBOURS);
            Neighbours { top: list, total }
        })
        .collect::<Vec<_>>()
        .into()
}
