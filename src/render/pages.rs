//! Every page the site publishes, and the context each one gets.

use serde::Serialize;
use tera::Context;

use super::Renderer;
use super::context::{ActivityCard, Counted, DateView, Fact, HistoryView, LinkView, PageLink, PageMeta, Pagination};
use super::markdown;
use super::urls::{Section, Urls};
use crate::model::{ActivityKind, Official};
use crate::site::Ix;

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
    Activity(Ix),
    /// `/kegiatan/tahun/<year>/` page n.
    Year(i32, usize),
    /// `/kegiatan/jenis/<kind>/` page n.
    Kind(ActivityKind, usize),
    /// `/ormas/` page n.
    OrmasIndex(usize),
    /// `/ormas/<id>/` page n of its activities.
    Ormas(Ix, usize),
    /// `/instansi/`
    AgencyIndex,
    /// `/instansi/<id>/` page n.
    Agency(Ix, usize),
    /// `/tokoh/`
    PersonIndex,
    /// `/tokoh/<id>/` page n.
    Person(Ix, usize),
    /// `/wilayah/`
    RegionIndex,
    /// `/wilayah/<code>/` page n.
    Region(Ix, usize),
    /// `/topik/`
    TopicIndex,
    /// `/topik/<id>/` page n.
    Topic(Ix, usize),
    /// `/kemitraan/` page n.
    PartnershipIndex(usize),
    /// `/kemitraan/<id>/`
    Partnership(Ix),
    /// `/data/`: the open-data downloads and their fields.
    Data,
}

/// Entries per page in directories (ormas, partnerships).
pub const DIRECTORY_PAGE: usize = 100;

/// How many pages a list of `total` entries takes, `per_page` to a page
/// (an empty list still has its first page).
pub fn pages_for(total: usize, per_page: usize) -> usize {
    total.div_ceil(per_page).max(1)
}

#[derive(Serialize)]
struct ListPage<'a> {
    meta: PageMeta,
    intro: Option<String>,
    activities: Vec<&'a tera::Value>,
    pagination: Pagination,
    facets: Vec<FacetGroup>,
}

#[derive(Serialize)]
struct FacetGroup {
    title: &'static str,
    items: Vec<Counted>,
}

#[derive(Serialize)]
struct Profile<'a> {
    meta: PageMeta,
    kind_label: &'static str,
    facts: Vec<Fact>,
    body: Option<String>,
    notes: Option<String>,
    related: Vec<RelatedGroup>,
    sources: Vec<SourceView>,
    activities: Vec<&'a tera::Value>,
    pagination: Pagination,
    first_page: bool,
}

#[derive(Serialize)]
struct RelatedGroup {
    title: &'static str,
    items: Vec<Counted>,
}

#[derive(Serialize)]
struct SourceView {
    title: String,
    url: Option<String>,
    publisher: Option<String>,
    byline: Option<String>,
    published: Option<DateView>,
}

#[derive(Serialize)]
struct ActivityPage<'a> {
    meta: PageMeta,
    card: &'a ActivityCard,
    facts: Vec<Fact>,
    organizers: Vec<LinkView>,
    ormas: Vec<LinkView>,
    agencies: Vec<LinkView>,
    officials: Vec<OfficialView>,
    topics: Vec<LinkView>,
    partnership: Option<LinkView>,
    body: String,
    notes: Option<String>,
    sources: Vec<SourceView>,
}

#[derive(Serialize)]
struct OfficialView {
    name: String,
    role: String,
    url: Option<String>,
}

#[derive(Serialize)]
struct Directory {
    meta: PageMeta,
    intro: String,
    rows: Vec<Row>,
    pagination: Option<Pagination>,
    letters: Vec<LinkView>,
    tree: Vec<RegionNode>,
}

/// A directory row; the first row of each letter carries its anchor.
#[derive(Serialize)]
struct Row {
    #[serde(flatten)]
    entry: Counted,
    anchor: Option<String>,
}

impl From<Counted> for Row {
    fn from(entry: Counted) -> Self {
        Self { entry, anchor: None }
    }
}

#[derive(Serialize)]
struct RegionNode {
    region: Counted,
    children: Vec<Counted>,
}

#[derive(Serialize)]
struct Home<'a> {
    meta: PageMeta,
    counts: Vec<Counted>,
    latest: Vec<&'a tera::Value>,
    provinces: Vec<Counted>,
    topics: Vec<Counted>,
    years: Vec<Counted>,
}

#[derive(Serialize)]
struct Simple {
    meta: PageMeta,
}

#[derive(Serialize)]
struct DataPage {
    meta: PageMeta,
    license: Option<LinkView>,
    downloads: Vec<crate::data::catalog::DownloadView>,
}

/// Splits `ids` into page `n` of `per_page` entries, with the links
/// around it.
pub fn paginate<'a, T>(items: &'a [T], n: usize, per_page: usize, first: &str, urls: &Urls) -> (&'a [T], Pagination) {
    let total_pages = pages_for(items.len(), per_page);
    let current = n.clamp(1, total_pages);
    let start = ((current - 1) * per_page).min(items.len());
    let end = (start + per_page).min(items.len());
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
        total_items: items.len(),
        prev: (current > 1).then(|| link(current - 1)),
        next: (current < total_pages).then(|| link(current + 1)),
        pages,
    };
    (&items[start..end], pagination)
}

impl Renderer<'_> {
    /// Every page of the site, in a stable order.
    pub fn pages(&self) -> Vec<Page> {
        let s = self.site;
        let per = self.per_page();
        let links = &s.links;
        let mut pages =
            vec![Page::Home, Page::NotFound, Page::AgencyIndex, Page::PersonIndex, Page::RegionIndex, Page::TopicIndex];
        pages.extend((1..=pages_for(s.activities.len(), per)).map(Page::ActivityIndex));
        pages.extend((0..s.activities.len() as Ix).map(Page::Activity));
        for (year, list) in &self.facets.years {
            pages.extend((1..=pages_for(list.len(), per)).map(|n| Page::Year(*year, n)));
        }
        for (kind, list) in &self.facets.kinds {
            pages.extend((1..=pages_for(list.len(), per)).map(|n| Page::Kind(*kind, n)));
        }
        pages.extend((1..=pages_for(s.ormas.len(), DIRECTORY_PAGE)).map(Page::OrmasIndex));
        let entity = |pages: &mut Vec<Page>, lists: &[Vec<Ix>], make: fn(Ix, usize) -> Page| {
            for (i, list) in lists.iter().enumerate() {
                pages.extend((1..=pages_for(list.len(), per)).map(|n| make(i as Ix, n)));
            }
        };
        entity(&mut pages, &links.activities_by_ormas, Page::Ormas);
        entity(&mut pages, &links.activities_by_agency, Page::Agency);
        entity(&mut pages, &links.activities_by_person, Page::Person);
        entity(&mut pages, &links.activities_by_region, Page::Region);
        entity(&mut pages, &links.activities_by_topic, Page::Topic);
        pages.extend((1..=pages_for(s.partnerships.len(), DIRECTORY_PAGE)).map(Page::PartnershipIndex));
        pages.extend((0..s.partnerships.len() as Ix).map(Page::Partnership));
        pages.push(Page::Data);
        pages
    }

    /// Output path of a page (`kegiatan/x/index.html` is written for `kegiatan/x/`).
    pub fn path_of(&self, page: &Page) -> String {
        let s = self.site;
        match page {
            Page::Home => String::new(),
            Page::NotFound => "404.html".into(),
            Page::ActivityIndex(n) => Urls::page(&Urls::section(Section::Activities), *n),
            Page::Activity(i) => Urls::record(Section::Activities, &s.activities[*i as usize].id),
            Page::Year(y, n) => Urls::page(&format!("kegiatan/tahun/{y}/"), *n),
            Page::Kind(k, n) => Urls::page(&format!("kegiatan/jenis/{}/", k.slug()), *n),
            Page::OrmasIndex(n) => Urls::page(&Urls::section(Section::Ormas), *n),
            Page::Ormas(i, n) => Urls::page(&Urls::record(Section::Ormas, &s.ormas[*i as usize].id), *n),
            Page::AgencyIndex => Urls::section(Section::Agencies),
            Page::Agency(i, n) => Urls::page(&Urls::record(Section::Agencies, &s.agencies[*i as usize].id), *n),
            Page::PersonIndex => Urls::section(Section::People),
            Page::Person(i, n) => Urls::page(&Urls::record(Section::People, &s.people[*i as usize].id), *n),
            Page::RegionIndex => Urls::section(Section::Regions),
            Page::Region(i, n) => Urls::page(&Urls::record(Section::Regions, s.regions[*i as usize].code.as_str()), *n),
            Page::TopicIndex => Urls::section(Section::Topics),
            Page::Topic(i, n) => Urls::page(&Urls::record(Section::Topics, &s.topics[*i as usize].id), *n),
            Page::PartnershipIndex(n) => Urls::page(&Urls::section(Section::Partnerships), *n),
            Page::Partnership(i) => Urls::record(Section::Partnerships, &s.partnerships[*i as usize].id),
            Page::Data => crate::data::catalog::PAGE_PATH.into(),
        }
    }

    /// Whether a page belongs in the sitemap: first pages only, no 404.
    pub fn in_sitemap(page: &Page) -> bool {
        match page {
            Page::NotFound => false,
            Page::ActivityIndex(n)
            | Page::Year(_, n)
            | Page::Kind(_, n)
            | Page::OrmasIndex(n)
            | Page::PartnershipIndex(n) => *n == 1,
            Page::Ormas(_, n) | Page::Agency(_, n) | Page::Person(_, n) | Page::Region(_, n) | Page::Topic(_, n) => {
                *n == 1
            }
            _ => true,
        }
    }

    /// Template name and context of a page.
    pub fn context(&self, page: &Page) -> tera::TeraResult<(&'static str, Context)> {
        let path = self.path_of(page);
        let ctx = |v: &dyn erased::Ser| v.to_context();
        let (template, mut context) = match page {
            Page::Home => ("home.html", ctx(&self.home())?),
            Page::NotFound => {
                ("404.html", ctx(&Simple { meta: self.meta("Halaman tidak ditemukan", "", &path, "", vec![]) })?)
            }
            Page::Activity(i) => ("activity.html", ctx(&self.activity_page(*i, &path))?),
            Page::ActivityIndex(n) => ("list.html", ctx(&self.activity_index(*n, &path))?),
            Page::Year(y, n) => ("list.html", ctx(&self.year_page(*y, *n, &path))?),
            Page::Kind(k, n) => ("list.html", ctx(&self.kind_page(*k, *n, &path))?),
            Page::OrmasIndex(n) => ("directory.html", ctx(&self.ormas_index(*n, &path))?),
            Page::Ormas(i, n) => ("profile.html", ctx(&self.ormas_page(*i, *n, &path))?),
            Page::AgencyIndex => ("directory.html", ctx(&self.agency_index(&path))?),
            Page::Agency(i, n) => ("profile.html", ctx(&self.agency_page(*i, *n, &path))?),
            Page::PersonIndex => ("directory.html", ctx(&self.person_index(&path))?),
            Page::Person(i, n) => ("profile.html", ctx(&self.person_page(*i, *n, &path))?),
            Page::RegionIndex => ("directory.html", ctx(&self.region_index(&path))?),
            Page::Region(i, n) => ("profile.html", ctx(&self.region_page(*i, *n, &path))?),
            Page::TopicIndex => ("directory.html", ctx(&self.topic_index(&path))?),
            Page::Topic(i, n) => ("profile.html", ctx(&self.topic_page(*i, *n, &path))?),
            Page::PartnershipIndex(n) => ("directory.html", ctx(&self.partnership_index(*n, &path))?),
            Page::Partnership(i) => ("profile.html", ctx(&self.partnership_page(*i, &path))?),
            Page::Data => ("data.html", ctx(&self.data_page(&path))?),
        };
        let (jsonld, og_type) = self.linked_data(page, &context);
        context.insert("jsonld", &jsonld);
        context.insert("og_type", og_type);
        if let Some(history) = self.record_history(page) {
            context.insert("history", &history);
        }
        Ok((template, context))
    }

    /// When a record page's file was first published and last changed,
    /// if git knows.
    fn record_history(&self, page: &Page) -> Option<HistoryView> {
        let s = self.site;
        let path = match page {
            Page::Activity(i) => &s.activities[*i as usize].origin.path,
            Page::Ormas(i, _) => &s.ormas[*i as usize].origin.path,
            Page::Agency(i, _) => &s.agencies[*i as usize].origin.path,
            Page::Person(i, _) => &s.people[*i as usize].origin.path,
            Page::Partnership(i) => &s.partnerships[*i as usize].origin.path,
            _ => return None,
        };
        self.history.get(path).map(HistoryView::from)
    }

    /// schema.org JSON-LD (escaped for a `<script>` block) and Open Graph
    /// type of a page: the record's own type on record pages, a `WebPage`
    /// built from the page's heading elsewhere.
    fn linked_data(&self, page: &Page, context: &Context) -> (String, &'static str) {
        use crate::data::jsonld;
        fn meta<'c>(context: &'c Context, key: &'c str) -> &'c str {
            context.get("meta").and_then(|m| m.get_from_path(key)).and_then(|v| v.as_str()).unwrap_or("")
        }
        let (s, u) = (self.site, &self.urls);
        let description = meta(context, "description");
        match page {
            Page::Home => (jsonld::website(s, u), "website"),
            Page::Activity(i) => (jsonld::event(s, u, *i, description), "article"),
            Page::Ormas(i, _) => (jsonld::ormas(s, u, *i, description), "profile"),
            Page::Agency(i, _) => (jsonld::agency(s, u, *i), "profile"),
            Page::Person(i, _) => (jsonld::person(s, u, *i), "profile"),
            Page::Region(i, _) => (jsonld::region(s, u, *i), "website"),
            Page::Topic(i, _) => (jsonld::topic(s, u, *i), "website"),
            Page::Partnership(i) => (jsonld::partnership(s, u, *i, description), "article"),
            Page::Data => (jsonld::dataset(s, u), "website"),
            _ => {
                let kind = if matches!(page, Page::NotFound) { "WebPage" } else { "CollectionPage" };
                (
                    jsonld::web_page(s, u, kind, meta(context, "title"), description, meta(context, "canonical")),
                    "website",
                )
            }
        }
    }

    fn data_page(&self, path: &str) -> DataPage {
        let c = &self.site.config;
        DataPage {
            meta: self.meta(
                "Data terbuka",
                "Unduh seluruh catatan portal ini sebagai JSON, CSV, iCalendar dan umpan Atom, dengan lisensi terbuka.",
                path,
                "",
                vec![],
            ),
            license: c
                .license
                .as_ref()
                .map(|l| LinkView { name: l.name.clone(), url: l.url.clone().unwrap_or_default() }),
            downloads: crate::data::catalog::downloads(&self.urls),
        }
    }

    fn meta(
        &self,
        title: &str,
        description: &str,
        path: &str,
        section: &'static str,
        breadcrumbs: Vec<LinkView>,
    ) -> PageMeta {
        let description =
            if description.is_empty() { self.site.config.description.clone() } else { description.to_string() };
        PageMeta {
            title: title.to_string(),
            description: markdown::truncate_words(&description, 200),
            canonical: self.urls.absolute(path),
            section,
            breadcrumbs,
            feed: None,
        }
    }

    fn crumb(&self, section: Section, name: &str) -> LinkView {
        LinkView { name: name.to_string(), url: self.urls.link(&Urls::section(section)) }
    }

    /// The rendered cards of `list` (tera passes the values through
    /// without copying or escaping them again).
    fn cards(&self, list: &[Ix]) -> Vec<&tera::Value> {
        list.iter().map(|&i| &self.cards[i as usize].html).collect()
    }

    fn home(&self) -> Home<'_> {
        let s = self.site;
        let count = |name: &str, section: Section, n: usize| Counted {
            name: name.into(),
            url: self.urls.link(&Urls::section(section)),
            count: n,
            detail: String::new(),
        };
        let provinces = s
            .regions
            .iter()
            .enumerate()
            .filter(|(i, _)| s.links.region_parent[*i].is_none())
            .map(|(i, _)| self.region_counted(i as Ix))
            .collect();
        let mut topics: Vec<Counted> =
            (0..s.topics.len() as Ix).map(|i| self.topic_counted(i)).filter(|t| t.count > 0).collect();
        topics.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        topics.truncate(12);
        let latest: Vec<Ix> = (0..s.activities.len().min(10) as Ix).collect();
        Home {
            meta: self.meta(&s.config.title, "", "", "", vec![]),
            counts: vec![
                count("Kegiatan", Section::Activities, s.activities.len()),
                count("Ormas", Section::Ormas, s.ormas.len()),
                count("Instansi", Section::Agencies, s.agencies.len()),
                count("Tokoh", Section::People, s.people.len()),
                count("Wilayah", Section::Regions, s.regions.len()),
                count("Kemitraan", Section::Partnerships, s.partnerships.len()),
            ],
            latest: self.cards(&latest),
            provinces,
            topics,
            years: self.year_facets(),
        }
    }

    fn year_facets(&self) -> Vec<Counted> {
        self.facets
            .years
            .iter()
            .map(|(y, list)| Counted {
                name: y.to_string(),
                url: self.urls.link(&format!("kegiatan/tahun/{y}/")),
                count: list.len(),
                detail: String::new(),
            })
            .collect()
    }

    fn kind_facets(&self) -> Vec<Counted> {
        self.facets
            .kinds
            .iter()
            .map(|(k, list)| Counted {
                name: k.label().into(),
                url: self.urls.link(&format!("kegiatan/jenis/{}/", k.slug())),
                count: list.len(),
                detail: String::new(),
            })
            .collect()
    }

    fn activity_list(
        &self,
        list: &[Ix],
        n: usize,
        path_first: &str,
        meta: PageMeta,
        intro: Option<String>,
    ) -> ListPage<'_> {
        let (slice, pagination) = paginate(list, n, self.per_page(), path_first, &self.urls);
        ListPage {
            meta,
            intro,
            activities: self.cards(slice),
            pagination,
            facets: vec![
                FacetGroup { title: "Tahun", items: self.year_facets() },
                FacetGroup { title: "Jenis kegiatan", items: self.kind_facets() },
            ],
        }
    }

    fn page_title(title: &str, n: usize) -> String {
        if n > 1 { format!("{title} (halaman {n})") } else { title.to_string() }
    }

    fn activity_index(&self, n: usize, path: &str) -> ListPage<'_> {
        let all = &self.facets.positions[..self.site.activities.len()];
        let meta = self.meta(
            &Self::page_title("Kegiatan", n),
            "Semua kegiatan pemerintah bersama ormas, terbaru lebih dulu.",
            path,
            "kegiatan",
            vec![],
        );
        self.activity_list(all, n, &Urls::section(Section::Activities), meta, None)
    }

    fn year_page(&self, year: i32, n: usize, path: &str) -> ListPage<'_> {
        let list = self.facets.years.iter().find(|(y, _)| *y == year).map(|(_, l)| l.as_slice()).unwrap_or(&[]);
        let title = Self::page_title(&format!("Kegiatan tahun {year}"), n);
        let meta = self.meta(&title, "", path, "kegiatan", vec![self.crumb(Section::Activities, "Kegiatan")]);
        self.activity_list(list, n, &format!("kegiatan/tahun/{year}/"), meta, None)
    }

    fn kind_page(&self, kind: ActivityKind, n: usize, path: &str) -> ListPage<'_> {
        let list = self.facets.kinds.iter().find(|(k, _)| *k == kind).map(|(_, l)| l.as_slice()).unwrap_or(&[]);
        let title = Self::page_title(&format!("Kegiatan: {}", kind.label()), n);
        let meta = self.meta(&title, "", path, "kegiatan", vec![self.crumb(Section::Activities, "Kegiatan")]);
        self.activity_list(list, n, &format!("kegiatan/jenis/{}/", kind.slug()), meta, None)
    }

    fn activity_page(&self, i: Ix, path: &str) -> ActivityPage<'_> {
        let s = self.site;
        let r = &s.activities[i as usize];
        let m = &r.meta;
        let card = &self.cards[i as usize];
        let mut facts =
            vec![Fact::text("Tanggal", card.date.text.clone()), Fact::text("Jenis kegiatan", m.kind.label())];
        if let Some(start) = m.start {
            let end = m.end.map(|e| format!("–{}", e.format("%H.%M"))).unwrap_or_default();
            facts.push(Fact::text("Waktu", format!("{}{end} (UTC{})", start.format("%H.%M"), start.format("%:z"))));
        }
        if let Some(venue) = &m.venue {
            facts.push(Fact::text("Tempat", venue.clone()));
        }
        let chain: Vec<String> =
            s.region_chain(&m.region).iter().map(|&r| s.regions[r as usize].name.clone()).collect();
        if let Some(&first) = s.region_chain(&m.region).first() {
            facts.push(Fact::link("Wilayah", chain.join(", "), self.region_url(first)));
        }
        if let Some(c) = m.participants.ormas_count {
            facts.push(Fact::text("Jumlah ormas", c.to_string()));
        }
        if let Some(c) = m.participants.attendees {
            facts.push(Fact::text("Jumlah peserta", c.to_string()));
        }
        let officials = m.officials.iter().map(|o| self.official(o)).collect();
        let meta =
            self.meta(&m.title, &card.excerpt, path, "kegiatan", vec![self.crumb(Section::Activities, "Kegiatan")]);
        ActivityPage {
            meta,
            card,
            facts,
            organizers: m.organizers.iter().filter_map(|id| self.agency_link(id)).collect(),
            ormas: m.participants.ormas.iter().filter_map(|id| self.ormas_link(id)).collect(),
            agencies: m.participants.agencies.iter().filter_map(|id| self.agency_link(id)).collect(),
            officials,
            topics: m.topics.iter().filter_map(|id| self.topic_link(id)).collect(),
            partnership: m.partnership.as_deref().and_then(|id| {
                let p = *s.index.partnerships.get(id)?;
                Some(LinkView {
                    name: s.partnerships[p as usize].meta.title.clone(),
                    url: self.urls.link(&Urls::record(Section::Partnerships, id)),
                })
            }),
            body: markdown::to_html(r.body()),
            notes: m.notes.clone(),
            sources: m.sources.iter().map(source_view).collect(),
        }
    }

    fn official(&self, o: &Official) -> OfficialView {
        let person = o.person.as_deref().and_then(|id| self.site.index.people.get(id).map(|&p| (id, p)));
        match person {
            Some((id, p)) => OfficialView {
                name: self.site.people[p as usize].meta.name.clone(),
                role: o.role.clone(),
                url: Some(self.urls.link(&Urls::record(Section::People, id))),
            },
            None => OfficialView { name: o.name.clone().unwrap_or_default(), role: o.role.clone(), url: None },
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn profile<'a>(
        &'a self,
        meta: PageMeta,
        kind_label: &'static str,
        facts: Vec<Fact>,
        body: Option<&str>,
        notes: Option<String>,
        related: Vec<RelatedGroup>,
        sources: Vec<SourceView>,
        list: &[Ix],
        n: usize,
        first: &str,
    ) -> Profile<'a> {
        let (slice, pagination) = paginate(list, n, self.per_page(), first, &self.urls);
        // Later pages of a long list show only the list, so their body is
        // never rendered (an ormas with 500 activities has 25 pages).
        let body = body.filter(|b| n <= 1 && !b.trim().is_empty()).map(markdown::to_html);
        Profile {
            meta,
            kind_label,
            facts,
            body,
            notes,
            related,
            sources,
            activities: self.cards(slice),
            pagination,
            first_page: n <= 1,
        }
    }

    fn ormas_page(&self, i: Ix, n: usize, path: &str) -> Profile<'_> {
        let s = self.site;
        let r = &s.ormas[i as usize];
        let m = &r.meta;
        let mut facts = Vec::new();
        if let Some(a) = &m.abbreviation {
            facts.push(Fact::text("Singkatan", a.clone()));
        }
        if !m.other_names.is_empty() {
            facts.push(Fact::text("Nama lain", m.other_names.join(", ")));
        }
        facts.push(Fact::text("Status", m.status.label()));
        if let Some(region) = self.region_link(&m.region) {
            facts.push(Fact::link("Wilayah", region.name, region.url));
        }
        if let Some(scope) = m.scope {
            facts.push(Fact::text("Lingkup", scope.label()));
        }
        if let Some(f) = m.founded {
            facts.push(Fact::text("Didirikan", f.to_indonesian()));
        }
        if !m.fields.is_empty() {
            facts.push(Fact::text("Bidang", m.fields.join(", ")));
        }
        if let Some(legal) = &m.legal {
            if let Some(form) = legal.form {
                facts.push(Fact::text("Bentuk hukum", form.label()));
            }
            if let Some(skt) = &legal.skt {
                let mut v = skt.number.clone().unwrap_or_else(|| "tanpa nomor".into());
                if let Some(d) = skt.issued {
                    v.push_str(&format!(", terbit {}", d.to_indonesian()));
                }
                if let Some(d) = skt.expires {
                    v.push_str(&format!(", berlaku sampai {}", d.to_indonesian()));
                }
                if let Some(by) = &skt.issuer {
                    v.push_str(&format!(", oleh {by}"));
                }
                facts.push(Fact::text("SKT", v));
            }
            if let Some(ahu) = &legal.ahu {
                let mut v = ahu.number.clone().unwrap_or_else(|| "tanpa nomor".into());
                if let Some(d) = ahu.date {
                    v.push_str(&format!(", {}", d.to_indonesian()));
                }
                facts.push(Fact::text("Badan hukum (AHU)", v));
            }
        }
        if let Some(a) = &m.address {
            facts.push(Fact::text("Alamat", a.clone()));
        }
        for l in &m.leaders {
            let since = l.since.map(|d| format!(" (sejak {})", d.to_indonesian())).unwrap_or_default();
            facts.push(Fact::text(
                "Pengurus",
                format!("{}{}{since}", l.name, l.role.as_ref().map(|r| format!(", {r}")).unwrap_or_default()),
            ));
        }
        if let Some(c) = &m.contacts {
            if let Some(w) = &c.website {
                facts.push(Fact::link("Situs web", w.clone(), w.clone()));
            }
            if let Some(e) = &c.email {
                facts.push(Fact::link("Surel", e.clone(), format!("mailto:{e}")));
            }
            if let Some(p) = &c.phone {
                facts.push(Fact::text("Telepon", p.clone()));
            }
        }
        let related = vec![RelatedGroup {
            title: "Kemitraan",
            items: self.partnership_rows(&s.links.partnerships_by_ormas[i as usize]),
        }];
        let first = Urls::record(Section::Ormas, &r.id);
        let mut meta = self.meta(
            &Self::page_title(&m.name, n),
            &markdown::excerpt(r.body(), 200),
            path,
            "ormas",
            vec![self.crumb(Section::Ormas, "Ormas")],
        );
        meta.feed = self.entity_feed(&first);
        let list = &s.links.activities_by_ormas[i as usize];
        self.profile(
            meta,
            "Ormas",
            facts,
            Some(r.body()),
            m.notes.clone(),
            related,
            m.sources.iter().map(source_view).collect(),
            list,
            n,
            &first,
        )
    }

    fn agency_page(&self, i: Ix, n: usize, path: &str) -> Profile<'_> {
        let s = self.site;
        let r = &s.agencies[i as usize];
        let m = &r.meta;
        let mut facts = Vec::new();
        if let Some(a) = &m.abbreviation {
            facts.push(Fact::text("Singkatan", a.clone()));
        }
        facts.push(Fact::text("Jenis", m.kind.label()));
        if let Some(region) = self.region_link(&m.region) {
            facts.push(Fact::link("Wilayah", region.name, region.url));
        }
        if let Some(parent) = m.parent.as_deref().and_then(|p| self.agency_link(p)) {
            facts.push(Fact::link("Induk", parent.name, parent.url));
        }
        if let Some(w) = &m.website {
            facts.push(Fact::link("Situs web", w.clone(), w.clone()));
        }
        let agency_rows = |list: &[Ix]| list.iter().map(|&g| self.agency_counted(g)).collect();
        let related = vec![
            RelatedGroup { title: "Unit di bawahnya", items: agency_rows(&s.links.agency_children[i as usize]) },
            RelatedGroup {
                title: "Pejabat",
                items: s.links.people_by_agency[i as usize].iter().map(|&p| self.person_counted(p)).collect(),
            },
            RelatedGroup {
                title: "Kemitraan",
                items: self.partnership_rows(&s.links.partnerships_by_agency[i as usize]),
            },
        ];
        let first = Urls::record(Section::Agencies, &r.id);
        let mut meta = self.meta(
            &Self::page_title(&m.name, n),
            &format!("{} — {}", m.name, m.kind.label()),
            path,
            "instansi",
            vec![self.crumb(Section::Agencies, "Instansi")],
        );
        meta.feed = self.entity_feed(&first);
        self.profile(
            meta,
            "Instansi",
            facts,
            None,
            m.notes.clone(),
            related,
            vec![],
            &s.links.activities_by_agency[i as usize],
            n,
            &first,
        )
    }

    fn person_page(&self, i: Ix, n: usize, path: &str) -> Profile<'_> {
        let s = self.site;
        let r = &s.people[i as usize];
        let m = &r.meta;
        let facts = m
            .positions
            .iter()
            .map(|p| {
                let when = match (p.start, p.end) {
                    (Some(a), Some(b)) => format!(" ({}–{})", a.to_indonesian(), b.to_indonesian()),
                    (Some(a), None) => format!(" (sejak {})", a.to_indonesian()),
                    (None, Some(b)) => format!(" (sampai {})", b.to_indonesian()),
                    (None, None) => String::new(),
                };
                match p.agency.as_deref().and_then(|a| self.agency_link(a)) {
                    Some(a) => Fact::link("Jabatan", format!("{}{when}", p.role), a.url),
                    None => Fact::text("Jabatan", format!("{}{when}", p.role)),
                }
            })
            .collect();
        let first = Urls::record(Section::People, &r.id);
        let role = m.positions.first().map(|p| p.role.clone()).unwrap_or_default();
        let meta = self.meta(
            &Self::page_title(&m.name, n),
            &format!("{} — {role}", m.name),
            path,
            "tokoh",
            vec![self.crumb(Section::People, "Tokoh")],
        );
        self.profile(
            meta,
            "Tokoh",
            facts,
            None,
            m.notes.clone(),
            vec![],
            vec![],
            &s.links.activities_by_person[i as usize],
            n,
            &first,
        )
    }

    fn region_page(&self, i: Ix, n: usize, path: &str) -> Profile<'_> {
        let s = self.site;
        let region = &s.regions[i as usize];
        let mut facts = vec![Fact::text("Kode Kemendagri", region.code.as_str())];
        if let Some(p) = s.links.region_parent[i as usize] {
            facts.push(Fact::link("Bagian dari", s.regions[p as usize].name.clone(), self.region_url(p)));
        }
        let related = vec![
            RelatedGroup {
                title: "Wilayah di dalamnya",
                items: s.links.region_children[i as usize].iter().map(|&c| self.region_counted(c)).collect(),
            },
            RelatedGroup {
                title: "Instansi",
                items: s.links.agencies_by_region[i as usize].iter().map(|&g| self.agency_counted(g)).collect(),
            },
            RelatedGroup {
                title: "Ormas",
                items: s.links.ormas_by_region[i as usize].iter().map(|&o| self.ormas_counted(o)).collect(),
            },
        ];
        let first = Urls::record(Section::Regions, region.code.as_str());
        let mut crumbs = vec![self.crumb(Section::Regions, "Wilayah")];
        for &a in s.region_chain(&region.code).iter().skip(1).rev() {
            crumbs.push(LinkView { name: s.regions[a as usize].name.clone(), url: self.region_url(a) });
        }
        let mut meta = self.meta(
            &Self::page_title(&region.name, n),
            &format!("Kegiatan pemerintah bersama ormas di {}", region.name),
            path,
            "wilayah",
            crumbs,
        );
        meta.feed = self.entity_feed(&first);
        self.profile(
            meta,
            "Wilayah",
            facts,
            None,
            None,
            related,
            vec![],
            &s.links.activities_by_region[i as usize],
            n,
            &first,
        )
    }

    fn topic_page(&self, i: Ix, n: usize, path: &str) -> Profile<'_> {
        let s = self.site;
        let t = &s.topics[i as usize];
        let mut facts = Vec::new();
        if let Some(en) = &t.name_en {
            facts.push(Fact::text("In English", en.clone()));
        }
        let first = Urls::record(Section::Topics, &t.id);
        let mut meta = self.meta(
            &Self::page_title(&t.name, n),
            t.description.as_deref().unwrap_or(""),
            path,
            "topik",
            vec![self.crumb(Section::Topics, "Topik")],
        );
        meta.feed = self.entity_feed(&first);
        self.profile(
            meta,
            "Topik",
            facts,
            t.description.as_deref(),
            None,
            vec![],
            vec![],
            &s.links.activities_by_topic[i as usize],
            n,
            &first,
        )
    }

    fn partnership_page(&self, i: Ix, path: &str) -> Profile<'_> {
        let s = self.site;
        let r = &s.partnerships[i as usize];
        let m = &r.meta;
        let mut facts = vec![Fact::text("Jenis", m.kind.label())];
        if let Some(no) = &m.number {
            facts.push(Fact::text("Nomor", no.clone()));
        }
        if let Some(d) = m.signed {
            facts.push(Fact::text("Ditandatangani", d.to_indonesian()));
        }
        if let Some(p) = &m.period {
            let show = |d: Option<crate::model::PartialDate>| d.map_or("?".to_string(), |d| d.to_indonesian());
            facts.push(Fact::text("Masa berlaku", format!("{} – {}", show(p.start), show(p.end))));
        }
        if let Some(a) = &m.amount {
            facts.push(Fact::text("Nilai", format_money(a.value, &a.currency)));
        }
        if let Some(b) = m.budget_source {
            facts.push(Fact::text("Sumber anggaran", b.label()));
        }
        if let Some(st) = m.status {
            facts.push(Fact::text("Status", st.label()));
        }
        for d in &m.documents {
            match &d.url {
                Some(u) => facts.push(Fact::link("Dokumen", d.title.clone(), u.clone())),
                None => facts.push(Fact::text("Dokumen", d.title.clone())),
            }
        }
        let related = vec![
            RelatedGroup {
                title: "Instansi",
                items: m
                    .parties
                    .agencies
                    .iter()
                    .filter_map(|id| s.index.agencies.get(id))
                    .map(|&g| self.agency_counted(g))
                    .collect(),
            },
            RelatedGroup {
                title: "Ormas",
                items: m
                    .parties
                    .ormas
                    .iter()
                    .filter_map(|id| s.index.ormas.get(id))
                    .map(|&o| self.ormas_counted(o))
                    .collect(),
            },
        ];
        let first = Urls::record(Section::Partnerships, &r.id);
        let meta = self.meta(
            &m.title,
            &markdown::excerpt(r.body(), 200),
            path,
            "kemitraan",
            vec![self.crumb(Section::Partnerships, "Kemitraan")],
        );
        self.profile(
            meta,
            m.kind.label(),
            facts,
            Some(r.body()),
            m.notes.clone(),
            related,
            m.sources.iter().map(source_view).collect(),
            &s.links.activities_by_partnership[i as usize],
            1,
            &first,
        )
    }

    fn ormas_index(&self, n: usize, path: &str) -> Directory {
        let s = self.site;
        let all = &self.facets.positions[..s.ormas.len()];
        let first = Urls::section(Section::Ormas);
        let (slice, pagination) = paginate(all, n, DIRECTORY_PAGE, &first, &self.urls);
        let mut letters: Vec<LinkView> = Vec::new();
        let mut anchors = Vec::new();
        for (k, r) in s.ormas.iter().enumerate() {
            let letter = initial(&r.meta.name);
            if !letters.iter().any(|l| l.name == letter) {
                let page = k / DIRECTORY_PAGE + 1;
                let anchor = format!("huruf-{}", letter.to_lowercase());
                letters.push(LinkView {
                    url: format!("{}#{anchor}", self.urls.link(&Urls::page(&first, page))),
                    name: letter,
                });
                anchors.push((k, anchor));
            }
        }
        let offset = (pagination.current - 1) * DIRECTORY_PAGE;
        let rows = slice
            .iter()
            .enumerate()
            .map(|(k, &o)| Row {
                entry: self.ormas_counted(o),
                anchor: anchors.iter().find(|(at, _)| *at == offset + k).map(|(_, a)| a.clone()),
            })
            .collect();
        Directory {
            meta: self.meta(&Self::page_title("Direktori ormas", n), "Organisasi kemasyarakatan yang tercatat berinteraksi dengan pemerintah, A–Z.", path, "ormas", vec![]),
            intro: "Organisasi kemasyarakatan (ormas) yang disebut dalam catatan portal ini, urut abjad, dengan wilayah dan statusnya.".into(),
            rows,
            pagination: Some(pagination),
            letters,
            tree: vec![],
        }
    }

    fn directory(&self, title: &str, intro: &str, path: &str, section: &'static str, rows: Vec<Counted>) -> Directory {
        let rows = rows.into_iter().map(Row::from).collect();
        Directory {
            meta: self.meta(title, intro, path, section, vec![]),
            intro: intro.into(),
            rows,
            pagination: None,
            letters: vec![],
            tree: vec![],
        }
    }

    fn agency_index(&self, path: &str) -> Directory {
        let rows = (0..self.site.agencies.len() as Ix).map(|g| self.agency_counted(g)).collect();
        self.directory(
            "Instansi pemerintah",
            "Instansi pemerintah yang menyelenggarakan atau menghadiri kegiatan bersama ormas.",
            path,
            "instansi",
            rows,
        )
    }

    fn person_index(&self, path: &str) -> Directory {
        let rows = (0..self.site.people.len() as Ix).map(|p| self.person_counted(p)).collect();
        self.directory(
            "Tokoh dan pejabat",
            "Pejabat yang berbicara atau hadir dalam kegiatan, dengan jabatannya.",
            path,
            "tokoh",
            rows,
        )
    }

    fn topic_index(&self, path: &str) -> Directory {
        let rows = (0..self.site.topics.len() as Ix).map(|t| self.topic_counted(t)).collect();
        self.directory("Topik", "Pokok bahasan kegiatan.", path, "topik", rows)
    }

    fn region_index(&self, path: &str) -> Directory {
        let s = self.site;
        let tree = (0..s.regions.len())
            .filter(|&i| s.links.region_parent[i].is_none())
            .map(|i| RegionNode {
                region: self.region_counted(i as Ix),
                children: s.links.region_children[i].iter().map(|&c| self.region_counted(c)).collect(),
            })
            .collect();
        let mut d = self.directory(
            "Wilayah",
            "Provinsi dan kabupaten/kota (kode Kemendagri) tempat kegiatan berlangsung.",
            path,
            "wilayah",
            vec![],
        );
        d.tree = tree;
        d
    }

    fn partnership_index(&self, n: usize, path: &str) -> Directory {
        let all = &self.facets.positions[..self.site.partnerships.len()];
        let first = Urls::section(Section::Partnerships);
        let (slice, pagination) = paginate(all, n, DIRECTORY_PAGE, &first, &self.urls);
        let mut d = self.directory(
            &Self::page_title("Kemitraan dan hibah", n),
            "Nota kesepahaman, perjanjian kerja sama, hibah dan bantuan sosial antara pemerintah dan ormas.",
            path,
            "kemitraan",
            self.partnership_rows(slice),
        );
        d.pagination = Some(pagination);
        d
    }

    fn partnership_rows(&self, list: &[Ix]) -> Vec<Counted> {
        list.iter()
            .map(|&p| {
                let r = &self.site.partnerships[p as usize];
                let mut detail = r.meta.kind.label().to_string();
                if let Some(d) = r.meta.signed {
                    detail.push_str(&format!(", {}", d.to_indonesian()));
                }
                if let Some(a) = &r.meta.amount {
                    detail.push_str(&format!(", {}", format_money(a.value, &a.currency)));
                }
                Counted {
                    name: r.meta.title.clone(),
                    url: self.urls.link(&Urls::record(Section::Partnerships, &r.id)),
                    count: self.site.links.activities_by_partnership[p as usize].len(),
                    detail,
                }
            })
            .collect()
    }

    fn region_url(&self, i: Ix) -> String {
        self.urls.link(&Urls::record(Section::Regions, self.site.regions[i as usize].code.as_str()))
    }

    fn region_counted(&self, i: Ix) -> Counted {
        let r = &self.site.regions[i as usize];
        Counted {
            name: r.name.clone(),
            url: self.region_url(i),
            count: self.site.links.activities_by_region[i as usize].len(),
            detail: r.code.0.clone(),
        }
    }

    fn topic_counted(&self, i: Ix) -> Counted {
        let t = &self.site.topics[i as usize];
        Counted {
            name: t.name.clone(),
            url: self.urls.link(&Urls::record(Section::Topics, &t.id)),
            count: self.site.links.activities_by_topic[i as usize].len(),
            detail: t.name_en.clone().unwrap_or_default(),
        }
    }

    fn agency_counted(&self, g: Ix) -> Counted {
        let a = &self.site.agencies[g as usize];
        let region = self.site.region(&a.meta.region).map(|r| r.name.as_str()).unwrap_or("");
        Counted {
            name: a.meta.name.clone(),
            url: self.urls.link(&Urls::record(Section::Agencies, &a.id)),
            count: self.site.links.activities_by_agency[g as usize].len(),
            detail: format!("{} · {region}", a.meta.kind.label()),
        }
    }

    fn person_counted(&self, p: Ix) -> Counted {
        let r = &self.site.people[p as usize];
        let role = r.meta.positions.first().map(|p| p.role.clone()).unwrap_or_default();
        Counted {
            name: r.meta.name.clone(),
            url: self.urls.link(&Urls::record(Section::People, &r.id)),
            count: self.site.links.activities_by_person[p as usize].len(),
            detail: role,
        }
    }

    fn ormas_counted(&self, o: Ix) -> Counted {
        let r = &self.site.ormas[o as usize];
        let region = self.site.region(&r.meta.region).map(|r| r.name.as_str()).unwrap_or("");
        let name = match &r.meta.abbreviation {
            Some(a) if a != &r.meta.name => format!("{} ({a})", r.meta.name),
            _ => r.meta.name.clone(),
        };
        Counted {
            name,
            url: self.urls.link(&Urls::record(Section::Ormas, &r.id)),
            count: self.site.links.activities_by_ormas[o as usize].len(),
            detail: format!("{region} · {}", r.meta.status.label()),
        }
    }

    /// Link to an agency by its short name, for lists of organisers.
    pub(super) fn agency_link(&self, id: &str) -> Option<LinkView> {
        let &g = self.site.index.agencies.get(id)?;
        let a = &self.site.agencies[g as usize].meta;
        Some(LinkView {
            name: a.abbreviation.clone().unwrap_or_else(|| a.name.clone()),
            url: self.urls.link(&Urls::record(Section::Agencies, id)),
        })
    }

    fn ormas_link(&self, id: &str) -> Option<LinkView> {
        let &o = self.site.index.ormas.get(id)?;
        Some(LinkView {
            name: self.site.ormas[o as usize].meta.name.clone(),
            url: self.urls.link(&Urls::record(Section::Ormas, id)),
        })
    }

    fn topic_link(&self, id: &str) -> Option<LinkView> {
        let &t = self.site.index.topics.get(id)?;
        Some(LinkView {
            name: self.site.topics[t as usize].name.clone(),
            url: self.urls.link(&Urls::record(Section::Topics, id)),
        })
    }

    /// Link to a region page by code.
    pub(super) fn region_link(&self, code: &crate::model::RegionCode) -> Option<LinkView> {
        let &r = self.site.index.regions.get(code.as_str())?;
        Some(LinkView { name: self.site.regions[r as usize].name.clone(), url: self.region_url(r) })
    }

    /// Feed address of an entity page (`/ormas/<id>/feed.xml`), written by
    /// [`crate::data::feeds`].
    fn entity_feed(&self, first: &str) -> Option<String> {
        Some(self.urls.link(&crate::data::feeds::feed_path(first)))
    }
}

fn source_view(s: &crate::model::Source) -> SourceView {
    let byline = match (&s.author, &s.editor) {
        (Some(a), Some(e)) => Some(format!("{a}; penyunting {e}")),
        (Some(a), None) => Some(a.clone()),
        (None, Some(e)) => Some(format!("Penyunting {e}")),
        (None, None) => None,
    };
    SourceView {
        title: s.title.clone().or_else(|| s.publisher.clone()).unwrap_or_else(|| "Sumber".into()),
        url: s.url.clone(),
        publisher: s.publisher.clone().filter(|_| s.title.is_some()),
        byline,
        published: s.published.as_ref().map(DateView::from),
    }
}

/// The letter an ormas is filed under in the A–Z directory.
fn initial(name: &str) -> String {
    name.chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| if c.is_ascii_digit() { '#' } else { c.to_ascii_uppercase() })
        .unwrap_or('#')
        .to_string()
}

/// `Rp150.000.000` in the Indonesian style.
pub fn format_money(value: u64, currency: &str) -> String {
    let digits = value.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(c);
    }
    if currency == "IDR" { format!("Rp{grouped}") } else { format!("{currency} {grouped}") }
}

/// Object-safe serialisation into a Tera context, so `context()` can take
/// any page struct through one helper.
mod erased {
    pub trait Ser {
        fn to_context(&self) -> tera::TeraResult<tera::Context>;
    }
    impl<T: serde::Serialize> Ser for T {
        fn to_context(&self) -> tera::TeraResult<tera::Context> {
            tera::Context::from_serialize(self)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_and_initials() {
        assert_eq!(format_money(150_000_000, "IDR"), "Rp150.000.000");
        assert_eq!(initial("badan Musyawarah"), "B");
        assert_eq!(initial("1000 Cahaya"), "#");
    }

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
