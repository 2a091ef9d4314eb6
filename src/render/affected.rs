//! Which pages show an activity, so that an edit re-renders those pages
//! and no others.
//!
//! An activity's card appears in lists: all activities, its year, its
//! kind, and the pages of its organisers, ormas, officials, regions (with
//! their ancestors), topics and partnership. A list only changes on the
//! pages between the card's old and new place in it, unless its length
//! changed: then every page of it does (they all show the count), and so do
//! the pages that show that count for the entity (directories, related
//! lists). Counts per year and kind show on every activity list.
//!
//! Lists are named by their owner's id, not position: a footprint taken in
//! the site before an edit is compared with one taken after, and positions
//! move between the two. Ids are resolved again only in the new site.

use std::borrow::Borrow;
use std::hash::Hash;

use crate::hashing::{HashMap, HashSet};
use crate::model::{ActivityKind, Atom};
use crate::render::pages::{DIRECTORY_PAGE, NetworkScope, pages_for};
use crate::render::{Page, Renderer};
use crate::site::{ActivityIx, Site, Slice};

/// A list of activity cards the site publishes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum List {
    /// `/kegiatan/`
    All,
    /// `/kegiatan/tahun/<year>/`
    Year(i32),
    /// `/kegiatan/jenis/<kind>/`
    Kind(ActivityKind),
    /// An ormas page, by id.
    Ormas(Atom),
    /// An agency page, by id.
    Agency(Atom),
    /// An official's page, by id.
    Person(Atom),
    /// A region page, by code.
    Region(String),
    /// A topic page, by id.
    Topic(String),
    /// A partnership page, by id.
    Partnership(Atom),
}

/// Where one activity's card appears: each list, its index there and the
/// list's length.
#[derive(Debug, Clone)]
pub struct Footprint {
    /// The activity's position in the site.
    pub pos: ActivityIx,
    /// `(list, index in it, length of it)`.
    pub lists: Vec<(List, usize, usize)>,
}

/// Finds every list the activity at `pos` appears in.
pub fn footprint(site: &Site, pos: ActivityIx) -> Footprint {
    let m = &site.activities[pos].meta;
    let (refs, links) = (&site.refs.activities[pos], &site.links);
    let mut lists = vec![(List::All, usize::from(pos), site.activities.len())];
    let (mut year, mut kind) = ((0, 0), (0, 0));
    for (i, other) in site.activities.iter_enumerated() {
        let before = usize::from(i < pos);
        if other.meta.date.year == m.date.year {
            year = (year.0 + before, year.1 + 1);
        }
        if other.meta.kind == m.kind {
            kind = (kind.0 + before, kind.1 + 1);
        }
    }
    lists.push((List::Year(m.date.year), year.0, year.1));
    lists.push((List::Kind(m.kind), kind.0, kind.1));
    let mut add = |list: List, members: &[ActivityIx]| {
        if let Ok(i) = members.binary_search(&pos) {
            lists.push((list, i, members.len()));
        }
    };
    for &g in refs.organizers.iter().chain(refs.agencies.iter()) {
        add(List::Agency(site.agencies[g].id), &links.activities_by_agency[g]);
    }
    for &o in refs.ormas.iter() {
        add(List::Ormas(site.ormas[o].id), &links.activities_by_ormas[o]);
    }
    for &p in refs.officials.iter().flatten() {
        add(List::Person(site.people[p].id), &links.activities_by_person[p]);
    }
    for &t in refs.topics.iter() {
        add(List::Topic(site.topics[t].id.clone()), &links.activities_by_topic[t]);
    }
    if let Some(p) = refs.partnership {
        add(List::Partnership(site.partnerships[p].id), &links.activities_by_partnership[p]);
    }
    for r in site.region_chain(refs.region) {
        add(List::Region(site.regions[r].code.0.to_string()), &links.activities_by_region[r]);
    }
    lists.sort();
    lists.dedup_by(|a, b| a.0 == b.0);
    Footprint { pos, lists }
}

/// The pages to render again after activities changed.
#[derive(Debug, Default)]
pub struct Affected {
    /// Pages whose content may differ, each once.
    pub pages: Vec<Page>,
    /// Whether pages may have appeared or disappeared (a list grew or
    /// shrank), so the page set and the sitemap need checking.
    pub structural: bool,
}

/// Compares where the changed activities appeared (`old`, in the site
/// before the edit) with where they appear now (`new`, in `site`).
pub fn affected(site: &Site, renderer: &Renderer<'_>, old: &[Footprint], new: &[Footprint]) -> Affected {
    #[derive(Default)]
    struct Span {
        first: usize,
        last: usize,
        old_len: Option<usize>,
        new_len: Option<usize>,
    }
    let mut spans: HashMap<&List, Span> = HashMap::default();
    for (fps, is_new) in [(old, false), (new, true)] {
        for (list, at, len) in fps.iter().flat_map(|f| &f.lists) {
            let span = spans.entry(list).or_insert(Span { first: *at, last: *at, ..Span::default() });
            span.first = span.first.min(*at);
            span.last = span.last.max(*at);
            if is_new { span.new_len = Some(*len) } else { span.old_len = Some(*len) }
        }
    }
    let per = renderer.per_page();
    let mut out = Affected { pages: vec![Page::Home], structural: false };
    // Who meets whom: the ranking pages, and the first page of every record
    // whose list changed (its counterparts block is there).
    let net = &site.network;
    out.pages.push(Page::Network(NetworkScope::All));
    out.pages.extend(net.by_province.iter().map(|(r, _)| Page::Network(NetworkScope::Province(*r))));
    out.pages.extend(net.by_year.iter().map(|(y, _)| Page::Network(NetworkScope::Year(*y))));
    out.pages.extend(spans.keys().filter_map(|list| page_of(site, list, 1)));
    let mut counts_changed = false;
    for (list, span) in &spans {
        let new_len = span.new_len.unwrap_or_else(|| list_len(site, renderer, list));
        if span.old_len == Some(new_len) {
            let pages = (span.first / per + 1)..=(span.last / per + 1);
            out.pages.extend(pages.filter_map(|n| page_of(site, list, n)));
            continue;
        }
        // The count shows on every page of the list, and pages may come or go.
        out.structural = true;
        counts_changed |= matches!(list, List::All | List::Year(_) | List::Kind(_));
        out.pages.extend((1..=pages_for(new_len, per)).filter_map(|n| page_of(site, list, n)));
        dependents(site, list, &mut out.pages);
    }
    if counts_changed {
        // Every activity list shows how many activities each year and kind has.
        let f = renderer.facets();
        let lists = std::iter::once((List::All, site.activities.len()))
            .chain(f.years.iter().map(|(y, l)| (List::Year(*y), l.len())))
            .chain(f.kinds.iter().map(|(k, l)| (List::Kind(*k), l.len())));
        for (list, len) in lists {
            out.pages.extend((1..=pages_for(len, per)).filter_map(|n| page_of(site, &list, n)));
        }
    }
    out.pages.extend(new.iter().map(|f| Page::Activity(f.pos)));
    let mut seen = HashSet::default();
    out.pages.retain(|p| seen.insert(p.clone()));
    out
}

/// Length of a list in the current site.
fn list_len(site: &Site, renderer: &Renderer<'_>, list: &List) -> usize {
    fn len<Q: Borrow<str> + Hash + Eq, K: Copy + From<usize>>(
        map: &HashMap<Q, K>,
        id: &str,
        lists: &Slice<K, Vec<ActivityIx>>,
    ) -> usize
    where
        usize: From<K>,
    {
        map.get(id).map_or(0, |&i| lists[i].len())
    }
    let (ix, l) = (&site.index, &site.links);
    match list {
        List::All => site.activities.len(),
        List::Year(y) => renderer.facets().year(*y).len(),
        List::Kind(k) => renderer.facets().kind(*k).len(),
        List::Ormas(id) => len(&ix.ormas, id, &l.activities_by_ormas),
        List::Agency(id) => len(&ix.agencies, id, &l.activities_by_agency),
        List::Person(id) => len(&ix.people, id, &l.activities_by_person),
        List::Region(code) => len(&ix.regions, code, &l.activities_by_region),
        List::Topic(id) => len(&ix.topics, id, &l.activities_by_topic),
        List::Partnership(id) => len(&ix.partnerships, id, &l.activities_by_partnership),
    }
}

/// Page `n` of a list, if its owner still exists.
fn page_of(site: &Site, list: &List, n: usize) -> Option<Page> {
    let ix = &site.index;
    Some(match list {
        List::All => Page::ActivityIndex(n),
        List::Year(y) => Page::Year(*y, n),
        List::Kind(k) => Page::Kind(*k, n),
        List::Ormas(id) => Page::Ormas(*ix.ormas.get(id)?, n),
        List::Agency(id) => Page::Agency(*ix.agencies.get(id)?, n),
        List::Person(id) => Page::Person(*ix.people.get(id)?, n),
        List::Region(code) => Page::Region(*ix.regions.get(code)?, n),
        List::Topic(id) => Page::Topic(*ix.topics.get(id)?, n),
        // A partnership lists its activities on its one page.
        List::Partnership(id) if n == 1 => Page::Partnership(*ix.partnerships.get(id)?),
        List::Partnership(_) => return None,
    })
}

/// Pages that show how many activities a list's owner has, besides the
/// list itself: directories and the related lists of other records.
fn dependents(site: &Site, list: &List, pages: &mut Vec<Page>) {
    let (ix, l, refs) = (&site.index, &site.links, &site.refs);
    match list {
        List::All | List::Year(_) | List::Kind(_) => {}
        List::Agency(id) => {
            let Some(&g) = ix.agencies.get(id) else { return };
            pages.push(Page::AgencyIndex);
            pages.extend(refs.agency_parent[g].map(|p| Page::Agency(p, 1)));
            pages.push(Page::Region(refs.agency_region[g], 1));
            pages.extend(l.partnerships_by_agency[g].iter().map(|&p| Page::Partnership(p)));
        }
        List::Person(id) => {
            let Some(&p) = ix.people.get(id) else { return };
            pages.push(Page::PersonIndex);
            pages.extend(refs.position_agencies[p].iter().flatten().map(|&g| Page::Agency(g, 1)));
        }
        List::Ormas(id) => {
            let Some(&o) = ix.ormas.get(id) else { return };
            pages.push(Page::OrmasIndex(usize::from(o) / DIRECTORY_PAGE + 1));
            pages.push(Page::Region(refs.ormas_region[o], 1));
            pages.extend(l.partnerships_by_ormas[o].iter().map(|&p| Page::Partnership(p)));
        }
        List::Region(code) => {
            let Some(&r) = ix.regions.get(code) else { return };
            pages.push(Page::RegionIndex);
            pages.extend(l.region_parent[r].map(|p| Page::Region(p, 1)));
        }
        List::Topic(_) => pages.push(Page::TopicIndex),
        List::Partnership(id) => {
            let Some(&p) = ix.partnerships.get(id) else { return };
            pages.push(Page::PartnershipIndex(usize::from(p) / DIRECTORY_PAGE + 1));
            let parties = &refs.partnerships[p];
            pages.extend(parties.ormas.iter().map(|&o| Page::Ormas(o, 1)));
            pages.extend(parties.agencies.iter().map(|&g| Page::Agency(g, 1)));
        }
    }
}
