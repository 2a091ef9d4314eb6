//! Stage 3, link: join the parsed records into one graph (who organised
//! what, which ormas took part where) and check every rule of the content
//! model against it.
//!
//! Records are addressed by position (`u32`) once linked: lists of
//! positions are cheap to hold for 100,000 activities, and activities are
//! sorted newest first before linking so that every back-link list comes
//! out in display order without sorting it again.

mod validate;

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::model::{
    Activity, Agency, Collection, Ormas, Partnership, Person, Record, Region, RegionCode, SiteConfig, Topic,
};
use crate::parse::{Content, ListFile};

/// Position of a record in its collection.
pub type Ix = u32;

/// The whole portal as a linked graph, ready to render.
#[derive(Debug)]
pub struct Site {
    /// Site settings.
    pub config: SiteConfig,
    /// Regions, sorted by code.
    pub regions: Vec<Region>,
    /// Topics, sorted by name.
    pub topics: Vec<Topic>,
    /// Agencies, sorted by name.
    pub agencies: Vec<Record<Agency>>,
    /// Officials, sorted by name.
    pub people: Vec<Record<Person>>,
    /// Ormas, sorted by name (A-Z).
    pub ormas: Vec<Record<Ormas>>,
    /// Activities, newest first.
    pub activities: Vec<Record<Activity>>,
    /// Partnerships, newest signing first.
    pub partnerships: Vec<Record<Partnership>>,
    /// Id to position, per collection.
    pub index: Index,
    /// What links to what.
    pub links: Links,
}

/// Id to position maps.
#[derive(Debug, Default)]
pub struct Index {
    /// Region code to position.
    pub regions: HashMap<String, Ix>,
    /// Topic id to position.
    pub topics: HashMap<String, Ix>,
    /// Agency id to position.
    pub agencies: HashMap<String, Ix>,
    /// Person id to position.
    pub people: HashMap<String, Ix>,
    /// Ormas id to position.
    pub ormas: HashMap<String, Ix>,
    /// Activity id to position.
    pub activities: HashMap<String, Ix>,
    /// Partnership id to position.
    pub partnerships: HashMap<String, Ix>,
}

/// Back-links: for each record, what refers to it. Activity lists are in
/// display order (newest first).
#[derive(Debug, Default)]
pub struct Links {
    /// Activities an agency organised or attended.
    pub activities_by_agency: Vec<Vec<Ix>>,
    /// Activities an official spoke at or attended.
    pub activities_by_person: Vec<Vec<Ix>>,
    /// Activities an ormas is named in.
    pub activities_by_ormas: Vec<Vec<Ix>>,
    /// Activities in a region or any region inside it.
    pub activities_by_region: Vec<Vec<Ix>>,
    /// Activities on a topic.
    pub activities_by_topic: Vec<Vec<Ix>>,
    /// Activities under a partnership.
    pub activities_by_partnership: Vec<Vec<Ix>>,
    /// Partnerships an agency is party to.
    pub partnerships_by_agency: Vec<Vec<Ix>>,
    /// Partnerships an ormas is party to.
    pub partnerships_by_ormas: Vec<Vec<Ix>>,
    /// Regions directly inside a region.
    pub region_children: Vec<Vec<Ix>>,
    /// The region a region lies in.
    pub region_parent: Vec<Option<Ix>>,
    /// Agencies whose `parent` is an agency.
    pub agency_children: Vec<Vec<Ix>>,
    /// Agencies seated in a region (directly).
    pub agencies_by_region: Vec<Vec<Ix>>,
    /// Ormas seated in a region (directly).
    pub ormas_by_region: Vec<Vec<Ix>>,
    /// Officials who held a position in an agency.
    pub people_by_agency: Vec<Vec<Ix>>,
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
    let errors = diagnostics.iter().any(Diagnostic::is_error);
    (site.filter(|_| !errors), diagnostics)
}

fn index_of<T>(records: &[Record<T>]) -> HashMap<String, Ix> {
    records.iter().enumerate().map(|(i, r)| (r.id.clone(), i as Ix)).collect()
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
        let mut region_list = regions.items;
        region_list.sort_by(|a, b| a.code.cmp(&b.code));
        let mut topic_list = topics.items;
        topic_list.sort_by(|a, b| by_name(&a.name, &b.name).then_with(|| a.id.cmp(&b.id)));
        let index = Index {
            regions: region_list.iter().enumerate().map(|(i, r)| (r.code.0.clone(), i as Ix)).collect(),
            topics: topic_list.iter().enumerate().map(|(i, t)| (t.id.clone(), i as Ix)).collect(),
            agencies: index_of(&agencies),
            people: index_of(&people),
            ormas: index_of(&ormas),
            activities: index_of(&activities),
            partnerships: index_of(&partnerships),
        };
        let mut site = Site {
            config,
            regions: region_list,
            topics: topic_list,
            agencies,
            people,
            ormas,
            activities,
            partnerships,
            index,
            links: Links::default(),
        };
        site.links = Links::build(&site);
        Some(site)
    }

    /// The region a code names, if listed.
    pub fn region(&self, code: &RegionCode) -> Option<&Region> {
        self.index.regions.get(code.as_str()).map(|&i| &self.regions[i as usize])
    }

    /// The region and its ancestors' positions, innermost first.
    pub fn region_chain(&self, code: &RegionCode) -> Vec<Ix> {
        chain(&self.index.regions, &self.links.region_parent, code)
    }
}

fn chain(regions: &HashMap<String, Ix>, parents: &[Option<Ix>], code: &RegionCode) -> Vec<Ix> {
    let mut out = Vec::new();
    let mut next = regions.get(code.as_str()).copied();
    while let Some(i) = next {
        out.push(i);
        next = parents[i as usize];
    }
    out
}

fn lookup(map: &HashMap<String, Ix>, id: &str) -> Option<usize> {
    map.get(id).map(|&i| i as usize)
}

/// Pushes `value` unless it is already the last element: keeps lists
/// free of repeats when one activity names the same record twice.
fn push_once(list: &mut Vec<Ix>, value: Ix) {
    if list.last() != Some(&value) {
        list.push(value);
    }
}

impl Links {
    fn build(site: &Site) -> Links {
        let n = |len: usize| vec![Vec::new(); len];
        let mut l = Links {
            activities_by_agency: n(site.agencies.len()),
            activities_by_person: n(site.people.len()),
            activities_by_ormas: n(site.ormas.len()),
            activities_by_region: n(site.regions.len()),
            activities_by_topic: n(site.topics.len()),
            activities_by_partnership: n(site.partnerships.len()),
            partnerships_by_agency: n(site.agencies.len()),
            partnerships_by_ormas: n(site.ormas.len()),
            region_children: n(site.regions.len()),
            region_parent: vec![None; site.regions.len()],
            agency_children: n(site.agencies.len()),
            agencies_by_region: n(site.regions.len()),
            ormas_by_region: n(site.regions.len()),
            people_by_agency: n(site.agencies.len()),
        };
        let ix = &site.index;
        for (i, region) in site.regions.iter().enumerate() {
            if let Some(p) = region.code.parent().and_then(|p| lookup(&ix.regions, p.as_str())) {
                l.region_parent[i] = Some(p as Ix);
                l.region_children[p].push(i as Ix);
            }
        }
        for (a, activity) in site.activities.iter().enumerate() {
            let a = a as Ix;
            let m = &activity.meta;
            let agencies = m.organizers.iter().chain(&m.participants.agencies);
            for id in agencies {
                if let Some(g) = lookup(&ix.agencies, id) {
                    push_once(&mut l.activities_by_agency[g], a);
                }
            }
            for id in &m.participants.ormas {
                if let Some(o) = lookup(&ix.ormas, id) {
                    push_once(&mut l.activities_by_ormas[o], a);
                }
            }
            for person in m.officials.iter().filter_map(|o| o.person.as_deref()) {
                if let Some(p) = lookup(&ix.people, person) {
                    push_once(&mut l.activities_by_person[p], a);
                }
            }
            for id in &m.topics {
                if let Some(t) = lookup(&ix.topics, id) {
                    push_once(&mut l.activities_by_topic[t], a);
                }
            }
            if let Some(p) = m.partnership.as_deref().and_then(|id| lookup(&ix.partnerships, id)) {
                l.activities_by_partnership[p].push(a);
            }
            for r in chain(&ix.regions, &l.region_parent, &m.region) {
                l.activities_by_region[r as usize].push(a);
            }
        }
        for (p, partnership) in site.partnerships.iter().enumerate() {
            for id in &partnership.meta.parties.agencies {
                if let Some(g) = lookup(&ix.agencies, id) {
                    push_once(&mut l.partnerships_by_agency[g], p as Ix);
                }
            }
            for id in &partnership.meta.parties.ormas {
                if let Some(o) = lookup(&ix.ormas, id) {
                    push_once(&mut l.partnerships_by_ormas[o], p as Ix);
                }
            }
        }
        for (g, agency) in site.agencies.iter().enumerate() {
            if let Some(p) = agency.meta.parent.as_deref().and_then(|id| lookup(&ix.agencies, id)) {
                l.agency_children[p].push(g as Ix);
            }
            if let Some(r) = lookup(&ix.regions, agency.meta.region.as_str()) {
                l.agencies_by_region[r].push(g as Ix);
            }
        }
        for (o, ormas) in site.ormas.iter().enumerate() {
            if let Some(r) = lookup(&ix.regions, ormas.meta.region.as_str()) {
                l.ormas_by_region[r].push(o as Ix);
            }
        }
        for (p, person) in site.people.iter().enumerate() {
            for g in person.meta.positions.iter().filter_map(|pos| pos.agency.as_deref()) {
                if let Some(g) = lookup(&ix.agencies, g) {
                    push_once(&mut l.people_by_agency[g], p as Ix);
                }
            }
        }
        l
    }
}
