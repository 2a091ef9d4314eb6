//! Every page the site publishes: what each kind of page is (its path,
//! template, place in the sitemap, record and whether it lists activities,
//! described once in [`Renderer::info`]) and the context each one gets,
//! built by the page family's own file.

mod activity;
mod charts;
mod directories;
mod home;
mod links;
mod lists;
mod network;
mod ppid;
mod profiles;
mod quality;

use serde::Serialize;
use tera::Context;

use super::Renderer;
use super::context::{PageLink, PageMeta, Pagination};
use super::jsonld;
use crate::address::{Section, Urls};
use crate::model::ActivityKind;
use crate::site::{ActivityIx, AgencyIx, OrmasIx, PartnershipIx, PersonIx, RegionIx, TopicIx};
pub use network::NetworkScope;
pub use ppid::PPID_GUIDE_PATH;
pub use quality::QUALITY_PATH;

/// Output path of the search page.
pub const SEARCH_PATH: &str = "cari/";

/// One output file. Pages are described by value and rendered on demand,
/// so the build never holds more than one rendered page per thread.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Page {
    /// `/`
    Home,
    /// `/404.html`
    NotFound,
    /// `/kegiatan/` page n.
    ActivityIndex(usize),
    /// `/kegiatan/<id>/`
    Activity(ActivityIx),
    /// `/kegiatan/tahun/<year>/` page n.
    Year(i32, usize),
    /// `/kegiatan/jenis/<kind>/` page n.
    Kind(ActivityKind, usize),
    /// `/ormas/` page n.
    OrmasIndex(usize),
    /// `/ormas/<id>/` page n of its activities.
    Ormas(OrmasIx, usize),
    /// `/instansi/`
    AgencyIndex,
    /// `/instansi/<id>/` page n.
    Agency(AgencyIx, usize),
    /// `/tokoh/`
    PersonIndex,
    /// `/tokoh/<id>/` page n.
    Person(PersonIx, usize),
    /// `/wilayah/`
    RegionIndex,
    /// `/wilayah/<code>/` page n.
    Region(RegionIx, usize),
    /// `/topik/`
    TopicIndex,
    /// `/topik/<id>/` page n.
    Topic(TopicIx, usize),
    /// `/kemitraan/` page n.
    PartnershipIndex(usize),
    /// `/kemitraan/<id>/`
    Partnership(PartnershipIx),
    /// `/data/`: the open-data downloads and their fields.
    Data,
    /// `/cari/`, for the search index whose manifest is at this path.
    Search(String),
    /// `/jaringan/`: the pairs that meet most, for the whole register or
    /// one province (`/jaringan/wilayah/<code>/`) or year (`/jaringan/tahun/<y>/`).
    Network(NetworkScope),
    /// `/kualitas-data/`: how complete the records are, per agency.
    Quality,
    /// `/ppid/`: rights and deadlines of a request for information.
    PpidGuide,
}

/// What the site needs to know of a page besides its content.
#[derive(Debug, Clone)]
pub struct PageInfo<'s> {
    /// Output path (`kegiatan/x/`, `404.html`).
    pub path: String,
    /// Theme template.
    pub template: &'static str,
    /// Whether the page is listed in the sitemap (first pages only, no 404).
    pub in_sitemap: bool,
    /// The record file the page shows, for its history from git.
    pub record: Option<&'s str>,
    /// Whether the page shows activities or their counts list by list, so
    /// that `serve` finds exactly which of its pages an edit changes; the
    /// others are re-rendered whenever the set of pages changes.
    pub follows_activities: bool,
    /// Open Graph type.
    pub og_type: &'static str,
}

impl PageInfo<'_> {
    /// The file written for the page (`kegiatan/x/index.html` for `kegiatan/x/`).
    pub fn file(&self) -> String {
        let path = &self.path;
        if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.clone() }
    }
}

/// The catalogue key of a published file (`data/ormas.csv` is
/// `data_ormas_csv`), for its title and description on `/data/`.
pub(crate) fn file_key(path: &str) -> String {
    let path = path.trim_start_matches('/');
    path.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect::<String>().replace("__", "_")
}

/// Entries per page in directories (ormas, partnerships).
pub const DIRECTORY_PAGE: usize = 100;

/// How many pages a list of `total` entries takes, `per_page` to a page
/// (an empty list still has its first page).
pub fn pages_for(total: usize, per_page: usize) -> usize {
    total.div_ceil(per_page).max(1)
}

/// Splits `items` into page `n` of `per_page` entries, with the links
/// around it.
pub fn paginate<'a, T>(items: &'a [T], n: usize, per_page: usize, first: &str, urls: &Urls) -> (&'a [T], Pagination) {
    let (range, pagination) = page_range(items.len(), n, per_page, first, urls);
    (&items[range], pagination)
}

/// The positions page `n` shows of a list of `total` entries, `per_page`
/// to a page, with the links around it.
pub fn page_range(
    total: usize,
    n: usize,
    per_page: usize,
    first: &str,
    urls: &Urls,
) -> (std::ops::Range<usize>, Pagination) {
    let total_pages = pages_for(total, per_page);
    let current = n.clamp(1, total_pages);
    let start = ((current - 1) * per_page).min(total);
    let end = (start + per_page).min(total);
    let link = |k: usize| urls.link(&Urls::page(first, k));
    let mut pages = Vec::new();
    let mut last = 0;
    for k in 1..=total_pages {
        let near = k == 1 || k == total_pages || k.abs_diff(current) <= 2;
        if near {
            if last + 1 < k {
                pages.push(None);
            }
            pages.push(Some(PageLink { n: k, url: link(k), current: k == current }));
            last = k;
        }
    }
    let pagination = Pagination {
        current,
        total_pages,
        total_items: total,
        prev: (current > 1).then(|| link(current - 1)),
        next: (current < total_pages).then(|| link(current + 1)),
        pages,
    };
    (start..end, pagination)
}

/// A page's content: its context for the template and its JSON-LD.
struct Built {
    context: Context,
    jsonld: String,
}

impl Built {
    /// A page about no single record: a `WebPage` (or `CollectionPage`)
    /// made from its heading.
    fn web_page<P: Serialize + HasMeta>(r: &Renderer, page: &P, kind: &str) -> tera::TeraResult<Self> {
        let m = page.meta();
        let jsonld = jsonld::web_page(r.site, &r.urls, kind, &m.title, &m.description, &m.canonical);
        Ok(Self { context: Context::from_serialize(page)?, jsonld })
    }

    /// A record's page, with the record's own JSON-LD.
    fn record<P: Serialize>(page: &P, jsonld: String) -> tera::TeraResult<Self> {
        Ok(Self { context: Context::from_serialize(page)?, jsonld })
    }
}

/// A page context with its heading and metadata.
trait HasMeta {
    fn meta(&self) -> &PageMeta;
}

macro_rules! has_meta {
    ($($t:ty),*) => { $(impl HasMeta for $t { fn meta(&self) -> &PageMeta { &self.meta } })* };
}
has_meta!(
    lists::ListPage<'_>,
    directories::Directory,
    home::Simple,
    home::SearchPage,
    network::NetworkPage,
    quality::QualityPage,
    ppid::PpidGuide
);

impl Renderer<'_> {
    /// Every page of the site but the search page, in a stable order.
    pub fn pages(&self) -> Vec<Page> {
        let s = self.site;
        let per = self.per_page();
        let links = &s.links;
        let mut pages =
            vec![Page::Home, Page::NotFound, Page::AgencyIndex, Page::PersonIndex, Page::RegionIndex, Page::TopicIndex];
        pages.extend((1..=pages_for(s.activities.len(), per)).map(Page::ActivityIndex));
        pages.extend(s.activities.keys().map(Page::Activity));
        for (year, list) in &self.facets.years {
            pages.extend((1..=pages_for(list.len(), per)).map(|n| Page::Year(*year, n)));
        }
        for (kind, list) in &self.facets.kinds {
            pages.extend((1..=pages_for(list.len(), per)).map(|n| Page::Kind(*kind, n)));
        }
        pages.extend((1..=pages_for(s.ormas.len(), DIRECTORY_PAGE)).map(Page::OrmasIndex));
        fn entity<K: From<usize> + Copy>(
            pages: &mut Vec<Page>,
            lists: &crate::site::Slice<K, Vec<ActivityIx>>,
            per: usize,
            make: fn(K, usize) -> Page,
        ) {
            for (i, list) in lists.iter_enumerated() {
                pages.extend((1..=pages_for(list.len(), per)).map(|n| make(i, n)));
            }
        }
        entity(&mut pages, &links.activities_by_ormas, per, Page::Ormas);
        entity(&mut pages, &links.activities_by_agency, per, Page::Agency);
        entity(&mut pages, &links.activities_by_person, per, Page::Person);
        entity(&mut pages, &links.activities_by_region, per, Page::Region);
        entity(&mut pages, &links.activities_by_topic, per, Page::Topic);
        pages.extend((1..=pages_for(s.partnerships.len(), DIRECTORY_PAGE)).map(Page::PartnershipIndex));
        pages.extend(s.partnerships.keys().map(Page::Partnership));
        pages.push(Page::Data);
        pages.push(Page::Quality);
        pages.push(Page::PpidGuide);
        pages.push(Page::Network(NetworkScope::All));
        pages.extend(s.network.by_province.iter().map(|(r, _)| Page::Network(NetworkScope::Province(*r))));
        pages.extend(s.network.by_year.iter().map(|(y, _)| Page::Network(NetworkScope::Year(*y))));
        pages
    }

    /// What a page is: the one description of every kind of page.
    pub fn info(&self, page: &Page) -> PageInfo<'_> {
        let s = self.site;
        // (path, template, in sitemap, record file, follows activities, Open Graph type)
        let (path, template, in_sitemap, record, lists, og) = match page {
            Page::Home => (String::new(), "home.html", true, None, false, "website"),
            Page::NotFound => ("404.html".into(), "404.html", false, None, false, "website"),
            Page::ActivityIndex(n) => {
                (Urls::page(&Urls::section(Section::Activities), *n), "list.html", *n == 1, None, true, "website")
            }
            Page::Activity(i) => {
                let path = Urls::page_of(s, *i);
                (path, "activity.html", true, Some(s.activities[*i].origin.path()), true, "article")
            }
            Page::Year(y, n) => (Urls::page(&Urls::year(*y), *n), "list.html", *n == 1, None, true, "website"),
            Page::Kind(k, n) => (Urls::page(&Urls::kind(*k), *n), "list.html", *n == 1, None, true, "website"),
            Page::OrmasIndex(n) => {
                (Urls::page(&Urls::section(Section::Ormas), *n), "directory.html", *n == 1, None, true, "website")
            }
            Page::Ormas(i, n) => {
                let path = Urls::page(&Urls::page_of(s, *i), *n);
                (path, "profile.html", *n == 1, Some(s.ormas[*i].origin.path()), true, "profile")
            }
            Page::AgencyIndex => (Urls::section(Section::Agencies), "directory.html", true, None, false, "website"),
            Page::Agency(i, n) => {
                let path = Urls::page(&Urls::page_of(s, *i), *n);
                (path, "profile.html", *n == 1, Some(s.agencies[*i].origin.path()), true, "profile")
            }
            Page::PersonIndex => (Urls::section(Section::People), "directory.html", true, None, false, "website"),
            Page::Person(i, n) => {
                let path = Urls::page(&Urls::page_of(s, *i), *n);
                (path, "profile.html", *n == 1, Some(s.people[*i].origin.path()), true, "profile")
            }
            Page::RegionIndex => (Urls::section(Section::Regions), "directory.html", true, None, false, "website"),
            Page::Region(i, n) => {
                (Urls::page(&Urls::page_of(s, *i), *n), "profile.html", *n == 1, None, true, "website")
            }
            Page::TopicIndex => (Urls::section(Section::Topics), "directory.html", true, None, false, "website"),
            Page::Topic(i, n) => {
                (Urls::page(&Urls::page_of(s, *i), *n), "profile.html", *n == 1, None, true, "website")
            }
            Page::PartnershipIndex(n) => {
                let path = Urls::page(&Urls::section(Section::Partnerships), *n);
                (path, "directory.html", *n == 1, None, true, "website")
            }
            Page::Partnership(i) => {
                let path = Urls::page_of(s, *i);
                (path, "profile.html", true, Some(s.partnerships[*i].origin.path()), true, "article")
            }
            Page::Data => (crate::catalog::PAGE_PATH.into(), "data.html", true, None, false, "website"),
            Page::Search(_) => (SEARCH_PATH.into(), "search.html", false, None, false, "website"),
            Page::Network(scope) => {
                let path = match scope {
                    NetworkScope::All => Urls::NETWORK.to_string(),
                    NetworkScope::Province(r) => Urls::network_region(s, *r),
                    NetworkScope::Year(y) => Urls::network_year(*y),
                };
                (path, "network.html", true, None, false, "website")
            }
            Page::Quality => (QUALITY_PATH.into(), "quality.html", true, None, false, "website"),
            Page::PpidGuide => (PPID_GUIDE_PATH.into(), "ppid_guide.html", true, None, false, "website"),
        };
        PageInfo { path, template, in_sitemap, record, follows_activities: lists, og_type: og }
    }

    /// Output path of a page.
    pub fn path_of(&self, page: &Page) -> String {
        self.info(page).path
    }

    /// The file a page is written to.
    pub fn file_of(&self, page: &Page) -> String {
        self.info(page).file()
    }

    /// The template context of a page: what its family's builder makes,
    /// its JSON-LD and Open Graph type, and its record's history.
    pub(super) fn context(&self, page: &Page, info: &PageInfo) -> tera::TeraResult<Context> {
        let (s, u, path) = (self.site, &self.urls, info.path.as_str());
        let Built { mut context, jsonld } = match page {
            Page::Home => Built::record(&self.home()?, jsonld::website(s, u))?,
            Page::NotFound => Built::web_page(self, &self.not_found(path), "WebPage")?,
            Page::Search(manifest) => Built::web_page(self, &self.search_page(manifest), "CollectionPage")?,
            Page::Data => Built::record(&self.data_page(path), jsonld::dataset(s, u, &self.i18n))?,
            Page::Quality => Built::web_page(self, &self.quality_page(path), "WebPage")?,
            Page::PpidGuide => Built::web_page(self, &self.ppid_guide(path), "WebPage")?,
            Page::Network(scope) => Built::web_page(self, &self.network_page(*scope, path), "CollectionPage")?,
            Page::ActivityIndex(n) => Built::web_page(self, &self.activity_index(*n, path)?, "CollectionPage")?,
            Page::Year(y, n) => Built::web_page(self, &self.year_page(*y, *n, path)?, "CollectionPage")?,
            Page::Kind(k, n) => Built::web_page(self, &self.kind_page(*k, *n, path)?, "CollectionPage")?,
            Page::Activity(i) => {
                let p = self.activity_page(*i, path);
                Built::record(&p, jsonld::event(s, u, *i, s.activities[*i].summary()))?
            }
            Page::OrmasIndex(n) => Built::web_page(self, &self.ormas_index(*n, path), "CollectionPage")?,
            Page::AgencyIndex => Built::web_page(self, &self.agency_index(path), "CollectionPage")?,
            Page::PersonIndex => Built::web_page(self, &self.person_index(path), "CollectionPage")?,
            Page::RegionIndex => Built::web_page(self, &self.region_index(path), "CollectionPage")?,
            Page::TopicIndex => Built::web_page(self, &self.topic_index(path), "CollectionPage")?,
            Page::PartnershipIndex(n) => Built::web_page(self, &self.partnership_index(*n, path), "CollectionPage")?,
            Page::Ormas(i, n) => {
                let p = self.ormas_page(*i, *n, path)?;
                Built::record(&p, jsonld::ormas(s, u, *i, &p.meta.description))?
            }
            Page::Agency(i, n) => Built::record(&self.agency_page(*i, *n, path)?, jsonld::agency(s, u, *i))?,
            Page::Person(i, n) => Built::record(&self.person_page(*i, *n, path)?, jsonld::person(s, u, *i))?,
            Page::Region(i, n) => Built::record(&self.region_page(*i, *n, path)?, jsonld::region(s, u, *i))?,
            Page::Topic(i, n) => Built::record(&self.topic_page(*i, *n, path)?, jsonld::topic(s, u, *i))?,
            Page::Partnership(i) => {
                let p = self.partnership_page(*i, path)?;
                Built::record(&p, jsonld::partnership(s, u, *i, s.partnerships[*i].summary(), &self.i18n))?
            }
        };
        context.insert("jsonld", &jsonld);
        context.insert("og_type", info.og_type);
        if let Some(history) = info.record.and_then(|file| self.history.get(file)) {
            context.insert("history", &super::context::HistoryView::new(history, &self.i18n));
        }
        Ok(context)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paginates_with_gaps() {
        let items: Vec<u32> = (0..95).collect();
        let urls = Urls::new("https://x.id/");
        let (slice, p) = paginate(&items, 5, 10, "kegiatan/", &urls);
        assert_eq!(slice, &items[40..50]);
        assert_eq!(p.total_pages, 10);
        assert_eq!(p.prev.as_deref(), Some("/kegiatan/halaman/4/"));
        let shown: Vec<Option<usize>> = p.pages.iter().map(|l| l.as_ref().map(|l| l.n)).collect();
        assert_eq!(shown, vec![Some(1), None, Some(3), Some(4), Some(5), Some(6), Some(7), None, Some(10)]);
    }
}
