//! Stage 3, link: join the parsed records into one resolved site (who
//! organised what, which ormas took part where) and check every rule of the
//! content model against it.
//!
//! Once linked, records point to each other by typed position ([`ix`]),
//! never by id: every reference has been checked, so the forward links
//! ([`Refs`]) and the back-links ([`Links`]) are total, and the outputs
//! (render, search, data, serve) read them without looking anything up.
//! Activities are sorted newest first before linking, so every back-link
//! list comes out in display order without sorting it again.

mod display;
pub mod giving;
pub mod ix;
pub mod network;
pub mod participation;
mod ppid;
mod validate;

use std::borrow::Borrow;
use std::hash::Hash;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::hashing::HashMap;
use crate::model::{
    Activity, Agency, Atom, Collection, Ormas, Partnership, Person, Record, Region, RegionCode, SiteConfig, Topic,
};
use crate::parse::{Content, ListFile};
pub use display::OfficialRef;
pub use ix::{ActivityIx, AgencyIx, OrmasIx, PartnershipIx, PersonIx, RegionIx, Slice, Table, TopicIx};
pub use ppid::{PpidRoute, PpidVia};

/// The whole portal as a resolved graph, ready for the outputs.
#[derive(Debug)]
pub struct Site {
    /// Site settings.
    pub config: SiteConfig,
    /// Regions, sorted by code.
    pub regions: Table<RegionIx, Region>,
    /// Topics, sorted by name.
    pub topics: Table<TopicIx, Topic>,
    /// Agencies, sorted by name.
    pub agencies: Table<AgencyIx, Record<Agency>>,
    /// Officials, sorted by name.
    pub people: Table<PersonIx, Record<Person>>,
    /// Ormas, sorted by name (A-Z).
    pub ormas: Table<OrmasIx, Record<Ormas>>,
    /// Activities, newest first.
    pub activities: Table<ActivityIx, Record<Activity>>,
    /// Partnerships, newest signing first.
    pub partnerships: Table<PartnershipIx, Record<Partnership>>,
    /// Id to position, per collection: for what arrives by id from outside
    /// (a changed file in `serve`), never for the outputs.
    pub index: Index,
    /// What each record refers to, as positions.
    pub refs: Refs,
    /// What refers to each record.
    pub links: Links,
    /// Per agency: whose PPID answers requests about its records, if any
    /// is recorded (`site/ppid.rs`).
    pub ppid: Table<AgencyIx, Option<PpidRoute>>,
    /// Who meets whom: pair counts (`site/network.rs`).
    pub network: network::Network,
}

/// Id to position maps.
#[derive(Debug, Default)]
pub struct Index {
    /// Region code to position.
    pub regions: HashMap<String, RegionIx>,
    /// Topic id to position.
    pub topics: HashMap<String, TopicIx>,
    /// Agency id to position.
    pub agencies: HashMap<Atom, AgencyIx>,
    /// Person id to position.
    pub people: HashMap<Atom, PersonIx>,
    /// Ormas id to position.
    pub ormas: HashMap<Atom, OrmasIx>,
    /// Activity id to position.
    pub activities: HashMap<Atom, ActivityIx>,
    /// Partnership id to position.
    pub partnerships: HashMap<Atom, PartnershipIx>,
}

/// Forward links: what each record names, resolved. Lists follow the
/// record's own lists one to one (same order, repeats kept), so an output
/// shows what staff wrote.
#[derive(Debug, Default)]
pub struct Refs {
    /// Per activity.
    pub activities: Table<ActivityIx, ActivityRefs>,
    /// Per partnership: its parties.
    pub partnerships: Table<PartnershipIx, PartyRefs>,
    /// Per agency: its region.
    pub agency_region: Table<AgencyIx, RegionIx>,
    /// Per agency: the agency above it.
    pub agency_parent: Table<AgencyIx, Option<AgencyIx>>,
    /// Per ormas: the region of its seat.
    pub ormas_region: Table<OrmasIx, RegionIx>,
    /// Per official: the agency of each of their positions, in the
    /// record's order.
    pub position_agencies: Table<PersonIx, Box<[Option<AgencyIx>]>>,
}

/// What one activity names.
#[derive(Debug, Clone, Default)]
pub struct ActivityRefs {
    /// `organizers`.
    pub organizers: Box<[AgencyIx]>,
    /// `participants.agencies`.
    pub agencies: Box<[AgencyIx]>,
    /// `participants.ormas`.
    pub ormas: Box<[OrmasIx]>,
    /// `officials[].person`, one entry per official (`None` for an
    /// official known only by name).
    pub officials: Box<[Option<PersonIx>]>,
    /// `topics`.
    pub topics: Box<[TopicIx]>,
    /// `region`.
    pub region: RegionIx,
    /// `partnership`.
    pub partnership: Option<PartnershipIx>,
}

/// The parties to one partnership.
#[derive(Debug, Clone, Default)]
pub struct PartyRefs {
    /// `parties.agencies`.
    pub agencies: Box<[AgencyIx]>,
    /// `parties.ormas`.
    pub ormas: Box<[OrmasIx]>,
}

/// Back-links: for each record, what refers to it. Activity lists are in
/// display order (newest first) and hold each activity once.
#[derive(Debug, Default)]
pub struct Links {
    /// Activities an agency organised or attended.
    pub activities_by_agency: Table<AgencyIx, Vec<ActivityIx>>,
    /// Activities an official spoke at or attended.
    pub activities_by_person: Table<PersonIx, Vec<ActivityIx>>,
    /// Activities an ormas is named in.
    pub activities_by_ormas: Table<OrmasIx, Vec<ActivityIx>>,
    /// Activities in a region or any region inside it.
    pub activities_by_region: Table<RegionIx, Vec<ActivityIx>>,
    /// Activities on a topic.
    pub activities_by_topic: Table<TopicIx, Vec<ActivityIx>>,
    /// Activities under a partnership.
    pub activities_by_partnership: Table<PartnershipIx, Vec<ActivityIx>>,
    /// Partnerships an agency is party to.
    pub partnerships_by_agency: Table<AgencyIx, Vec<PartnershipIx>>,
    /// Partnerships an ormas is party to.
    pub partnerships_by_ormas: Table<OrmasIx, Vec<PartnershipIx>>,
    /// Regions directly inside a region.
    pub region_children: Table<RegionIx, Vec<RegionIx>>,
    /// The region a region lies in.
    pub region_parent: Table<RegionIx, Option<RegionIx>>,
    /// Agencies whose `parent` is an agency.
    pub agency_children: Table<AgencyIx, Vec<AgencyIx>>,
    /// Agencies seated in a region (directly).
    pub agencies_by_region: Table<RegionIx, Vec<AgencyIx>>,
    /// Ormas seated in a region (directly).
    pub ormas_by_region: Table<RegionIx, Vec<OrmasIx>>,
    /// Officials who held a position in an agency.
    pub people_by_agency: Table<AgencyIx, Vec<PersonIx>>,
}

/// Links the parsed content and checks it. Returns the site when nothing
/// is wrong enough to stop the build, and every problem found (warnings
/// included) either way.
pub fn link(content: Content, content_dir: &Path) -> (Option<Site>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let Content { site, regions, topics, agencies, people, ormas, activities, partnerships, unparsed } = content;
    let config = site.map(|r| r.meta);
    let site = Site::assemble(
        content_dir,
        &unparsed,
        config,
        regions,
        topics,
        agencies,
        people,
        ormas,
        activities,
        partnerships,
        &mut diagnostics,
    );
    (site, diagnostics)
}

fn index_of<K: From<usize> + Copy, T>(records: &Slice<K, Record<T>>) -> HashMap<Atom, K> {
    records.iter_enumerated().map(|(i, r)| (r.id, i)).collect()
}

impl Site {
    #[allow(clippy::too_many_arguments)]
    fn assemble(
        content_dir: &Path,
        unparsed: &[(Collection, String)],
        config: Option<SiteConfig>,
        regions: ListFile<Region>,
        topics: ListFile<Topic>,
        mut agencies: Vec<Record<Agency>>,
        mut people: Vec<Record<Person>>,
        mut ormas: Vec<Record<Ormas>>,
        mut activities: Vec<Record<Activity>>,
        mut partnerships: Vec<Record<Partnership>>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Site> {
        let by_name = |a: &str, b: &str| a.to_lowercase().cmp(&b.to_lowercase());
        agencies.sort_by(|a, b| by_name(&a.meta.name, &b.meta.name).then_with(|| a.id.cmp(&b.id)));
        people.sort_by(|a, b| by_name(&a.meta.name, &b.meta.name).then_with(|| a.id.cmp(&b.id)));
        ormas.sort_by(|a, b| by_name(&a.meta.name, &b.meta.name).then_with(|| a.id.cmp(&b.id)));
        activities.sort_by(|a, b| b.meta.date.cmp(&a.meta.date).then_with(|| a.id.cmp(&b.id)));
        partnerships.sort_by(|a, b| b.meta.signed.cmp(&a.meta.signed).then_with(|| a.id.cmp(&b.id)));

        let checker = validate::Checker::new(
            content_dir,
            unparsed,
            &regions,
            &topics,
            &agencies,
            &people,
            &ormas,
            &activities,
            &partnerships,
        );
        diagnostics.extend(checker.run());
        let Some(config) = config else {
            diagnostics.push(
                Diagnostic::error(content_dir.join("site.yaml"), "site settings are missing")
                    .with_help("create `site.yaml` in the content folder with at least `title:` and `base_url:`"),
            );
            return None;
        };
        // Only a site without errors is resolved: every reference in it
        // has been checked, so the links below are total.
        if diagnostics.iter().any(Diagnostic::is_error) {
            return None;
        }
        let mut region_list = regions.items;
        region_list.sort_by(|a, b| a.code.cmp(&b.code));
        let mut topic_list = topics.items;
        topic_list.sort_by(|a, b| by_name(&a.name, &b.name).then_with(|| a.id.cmp(&b.id)));
        let regions: Table<RegionIx, Region> = region_list.into();
        let topics: Table<TopicIx, Topic> = topic_list.into();
        let agencies: Table<AgencyIx, _> = agencies.into();
        let people: Table<PersonIx, _> = people.into();
        let ormas: Table<OrmasIx, _> = ormas.into();
        let activities: Table<ActivityIx, _> = activities.into();
        let partnerships: Table<PartnershipIx, _> = partnerships.into();
        let index = Index {
            regions: regions.iter_enumerated().map(|(i, r)| (r.code.0.to_string(), i)).collect(),
            topics: topics.iter_enumerated().map(|(i, t)| (t.id.clone(), i)).collect(),
            agencies: index_of(&agencies),
            people: index_of(&people),
            ormas: index_of(&ormas),
            activities: index_of(&activities),
            partnerships: index_of(&partnerships),
        };
        let mut site = Site {
            config,
            regions,
            topics,
            agencies,
            people,
            ormas,
            activities,
            partnerships,
            index,
            refs: Refs::default(),
            links: Links::default(),
            ppid: Table::default(),
            network: network::Network::default(),
        };
        let Some(refs) = Refs::build(&site) else {
            // Unreachable after the checks above; reported rather than
            // trusted, so a gap in the checks cannot crash a build.
            diagnostics.push(Diagnostic::error(content_dir, "a reference could not be resolved after checking"));
            return None;
        };
        site.refs = refs;
        site.links = Links::build(&site);
        site.ppid = ppid::routes(&site);
        site.network = network::Network::build(&site);
        diagnostics.extend(ppid::warnings(&site, &site.ppid));
        Some(site)
    }

    /// The region a code names, if listed.
    pub fn region_by_code(&self, code: &RegionCode) -> Option<RegionIx> {
        self.index.regions.get(code.as_str()).copied()
    }

    /// A region and the regions it lies in, innermost first.
    pub fn region_chain(&self, region: RegionIx) -> impl Iterator<Item = RegionIx> + '_ {
        std::iter::successors(Some(region), |&r| self.links.region_parent[r])
    }
}

/// Resolves every id of `ids` in `map`, in order.
fn resolve_all<Q: Borrow<str> + Hash + Eq, K: Copy>(map: &HashMap<Q, K>, ids: &[impl AsRef<str>]) -> Option<Box<[K]>> {
    ids.iter().map(|id| map.get(id.as_ref()).copied()).collect()
}

/// Resolves an optional id; `Some(None)` when there is none to resolve.
fn resolve_opt<Q: Borrow<str> + Hash + Eq, K: Copy>(map: &HashMap<Q, K>, id: Option<&str>) -> Option<Option<K>> {
    match id {
        Some(id) => map.get(id).copied().map(Some),
        None => Some(None),
    }
}

impl Refs {
    /// Resolves every reference of `site`; `None` if one does not resolve,
    /// which the checks make impossible.
    fn build(site: &Site) -> Option<Refs> {
        let ix = &site.index;
        let region = |code: &RegionCode| ix.regions.get(code.as_str()).copied();
        let activities = site
            .activities
            .iter()
            .map(|r| {
                let m = &r.meta;
                Some(ActivityRefs {
                    organizers: resolve_all(&ix.agencies, &m.organizers)?,
                    agencies: resolve_all(&ix.agencies, &m.participants.agencies)?,
                    ormas: resolve_all(&ix.ormas, &m.participants.ormas)?,
                    officials: m
                        .officials
                        .iter()
                        .map(|o| resolve_opt(&ix.people, o.person.as_deref()))
                        .collect::<Option<_>>()?,
                    topics: resolve_all(&ix.topics, &m.topics)?,
                    region: region(&m.region)?,
                    partnership: resolve_opt(&ix.partnerships, m.partnership.as_deref())?,
                })
            })
            .collect::<Option<_>>()?;
        let partnerships = site
            .partnerships
            .iter()
            .map(|r| {
                Some(PartyRefs {
                    agencies: resolve_all(&ix.agencies, &r.meta.parties.agencies)?,
                    ormas: resolve_all(&ix.ormas, &r.meta.parties.ormas)?,
                })
            })
            .collect::<Option<_>>()?;
        Some(Refs {
            activities,
            partnerships,
            agency_region: site.agencies.iter().map(|r| region(&r.meta.region)).collect::<Option<_>>()?,
            agency_parent: site
                .agencies
                .iter()
                .map(|r| resolve_opt(&ix.agencies, r.meta.parent.as_deref()))
                .collect::<Option<_>>()?,
            ormas_region: site.ormas.iter().map(|r| region(&r.meta.region)).collect::<Option<_>>()?,
            position_agencies: site
                .people
                .iter()
                .map(|r| r.meta.positions.iter().map(|p| resolve_opt(&ix.agencies, p.agency.as_deref())).collect())
                .collect::<Option<_>>()?,
        })
    }
}

/// Pushes `value` unless it is already the last element: keeps lists
/// free of repeats when one activity names the same record twice.
fn push_once<T: PartialEq>(list: &mut Vec<T>, value: T) {
    if list.last() != Some(&value) {
        list.push(value);
    }
}

/// A table of empty lists, one per position of a collection of `len`.
fn lists<K, T>(len: usize) -> Table<K, Vec<T>> {
    (0..len).map(|_| Vec::new()).collect()
}

impl Links {
    fn build(site: &Site) -> Links {
        let (regions, agencies, ormas) = (site.regions.len(), site.agencies.len(), site.ormas.len());
        let mut l = Links {
            activities_by_agency: lists(agencies),
            activities_by_person: lists(site.people.len()),
            activities_by_ormas: lists(ormas),
            activities_by_region: lists(regions),
            activities_by_topic: lists(site.topics.len()),
            activities_by_partnership: lists(site.partnerships.len()),
            partnerships_by_agency: lists(agencies),
            partnerships_by_ormas: lists(ormas),
            region_children: lists(regions),
            region_parent: (0..regions).map(|_| None).collect(),
            agency_children: lists(agencies),
            agencies_by_region: lists(regions),
            ormas_by_region: lists(regions),
            people_by_agency: lists(agencies),
        };
        for (i, region) in site.regions.iter_enumerated() {
            if let Some(p) = region.code.parent().and_then(|p| site.region_by_code(&p)) {
                l.region_parent[i] = Some(p);
                l.region_children[p].push(i);
            }
        }
        for (a, refs) in site.refs.activities.iter_enumerated() {
            for &g in refs.organizers.iter().chain(refs.agencies.iter()) {
                push_once(&mut l.activities_by_agency[g], a);
            }
            for &o in refs.ormas.iter() {
                push_once(&mut l.activities_by_ormas[o], a);
            }
            for &p in refs.officials.iter().flatten() {
                push_once(&mut l.activities_by_person[p], a);
            }
            for &t in refs.topics.iter() {
                push_once(&mut l.activities_by_topic[t], a);
            }
            if let Some(p) = refs.partnership {
                l.activities_by_partnership[p].push(a);
            }
            let mut next = Some(refs.region);
            while let Some(r) = next {
                l.activities_by_region[r].push(a);
                next = l.region_parent[r];
            }
        }
        for (p, parties) in site.refs.partnerships.iter_enumerated() {
            for &g in parties.agencies.iter() {
                push_once(&mut l.partnerships_by_agency[g], p);
            }
            for &o in parties.ormas.iter() {
                push_once(&mut l.partnerships_by_ormas[o], p);
            }
        }
        for (g, parent) in site.refs.agency_parent.iter_enumerated() {
            if let Some(p) = *parent {
                l.agency_children[p].push(g);
            }
            l.agencies_by_region[site.refs.agency_region[g]].push(g);
        }
        for (o, &r) in site.refs.ormas_region.iter_enumerated() {
            l.ormas_by_region[r].push(o);
        }
        for (p, agencies) in site.refs.position_agencies.iter_enumerated() {
            for &g in agencies.iter().flatten() {
                push_once(&mut l.people_by_agency[g], p);
            }
        }
        l
    }
}
