//! Stage 4, render: HTML pages from Tera templates, plus the sitemap,
//! feed, robots.txt and theme assets.
//!
//! Pages are rendered in parallel and written as soon as each is done, so
//! memory holds the site graph and one page per thread, never the site.

pub mod context;
pub mod markdown;
pub mod pages;
pub mod theme;
pub mod urls;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;

use crate::model::ActivityKind;
use crate::output::Staging;
use crate::site::{Ix, Site};
use context::{ActivityCard, DateView, LinkView};
pub use pages::Page;
use theme::Theme;
use urls::{Section, Urls};

/// What can go wrong while rendering.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template failed to parse or render.
    #[error("template error in `{template}`: {message}")]
    Template {
        /// Template name.
        template: String,
        /// Tera's explanation, with its causes.
        message: String,
    },
    /// Writing the output failed.
    #[error("cannot write `{path}`: {source}")]
    Write {
        /// Output path.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

fn template_error(template: &str, e: tera::Error) -> RenderError {
    let mut message = e.to_string();
    let mut cause = std::error::Error::source(&e);
    while let Some(c) = cause {
        message.push_str(&format!(": {c}"));
        cause = c.source();
    }
    RenderError::Template { template: template.to_string(), message }
}

/// Activities grouped for the facet pages that work without JavaScript.
#[derive(Debug, Default)]
pub struct Facets {
    /// Activities per year, newest year first.
    pub years: Vec<(i32, Vec<Ix>)>,
    /// Activities per kind, in the kinds' display order.
    pub kinds: Vec<(ActivityKind, Vec<Ix>)>,
    /// `0, 1, 2, ...` up to the largest collection: every page of a
    /// directory slices this once instead of allocating its own list,
    /// which at 100,000 activities made the index pages quadratic.
    pub positions: Vec<Ix>,
}

impl Facets {
    fn build(site: &Site) -> Self {
        let mut years: BTreeMap<i32, Vec<Ix>> = BTreeMap::new();
        let mut kinds: BTreeMap<ActivityKind, Vec<Ix>> = BTreeMap::new();
        for (i, a) in site.activities.iter().enumerate() {
            years.entry(a.meta.date.year).or_default().push(i as Ix);
            kinds.entry(a.meta.kind).or_default().push(i as Ix);
        }
        let largest = site.activities.len().max(site.ormas.len()).max(site.partnerships.len());
        Self {
            years: years.into_iter().rev().collect(),
            kinds: kinds.into_iter().collect(),
            positions: (0..largest as Ix).collect(),
        }
    }
}

/// The template of one activity card, rendered once per activity.
const CARD_TEMPLATE: &str = "_card.html";

/// Renders one site with one theme.
pub struct Renderer<'s> {
    site: &'s Site,
    tera: Tera,
    urls: Urls,
    cards: Vec<ActivityCard>,
    facets: Facets,
    assets: Vec<(String, &'s [u8])>,
    history: std::sync::Arc<crate::history::History>,
}

#[derive(Serialize)]
struct Globals<'a> {
    title: &'a str,
    description: &'a str,
    lang: &'a str,
    base_path: &'a str,
    base_url: &'a str,
    publisher: Option<LinkView>,
    license: Option<LinkView>,
    nav: Vec<LinkView>,
    nav_sections: Vec<&'static str>,
    assets: BTreeMap<&'a str, String>,
    search_url: String,
    feed_url: String,
}

impl<'s> Renderer<'s> {
    /// Compiles the theme's templates once and precomputes what many pages
    /// share: each activity's card and the facet lists.
    pub fn new(site: &'s Site, theme: &'s Theme, base_url: &str) -> Result<Self, RenderError> {
        Self::with_cards(site, theme, base_url, Vec::new())
    }

    /// Like [`Renderer::new`], but takes each activity's card from `known`
    /// (by position) where it holds one, computing only the rest: `serve`
    /// keeps the cards of the activities an edit did not touch.
    pub fn with_cards(
        site: &'s Site,
        theme: &'s Theme,
        base_url: &str,
        mut known: Vec<Option<ActivityCard>>,
    ) -> Result<Self, RenderError> {
        let urls = Urls::new(base_url);
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        tera.add_raw_templates(theme.templates.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .map_err(|e| template_error("theme", e))?;
        let assets: Vec<(String, &[u8])> =
            theme.assets.iter().map(|(name, bytes)| (Theme::asset_path(name, bytes), bytes.as_slice())).collect();
        let asset_urls =
            theme.assets.keys().zip(&assets).map(|(name, (path, _))| (name.as_str(), urls.link(path))).collect();
        let c = &site.config;
        let link = |l: &crate::model::Link| LinkView { name: l.name.clone(), url: l.url.clone().unwrap_or_default() };
        let sections = [
            (Section::Activities, "Kegiatan"),
            (Section::Ormas, "Ormas"),
            (Section::Agencies, "Instansi"),
            (Section::People, "Tokoh"),
            (Section::Regions, "Wilayah"),
            (Section::Topics, "Topik"),
            (Section::Partnerships, "Kemitraan"),
        ];
        let globals = Globals {
            title: &c.title,
            description: &c.description,
            lang: &c.language,
            base_path: urls.base_path(),
            base_url: urls.base_url(),
            publisher: c.publisher.as_ref().map(link),
            license: c.license.as_ref().map(link),
            nav: sections
                .iter()
                .map(|(s, name)| LinkView { name: (*name).into(), url: urls.link(&Urls::section(*s)) })
                .collect(),
            nav_sections: sections.iter().map(|(s, _)| s.slug()).collect(),
            assets: asset_urls,
            search_url: urls.link("cari/"),
            feed_url: urls.link("feed.xml"),
        };
        tera.global_context().insert("site", &globals);
        let mut renderer = Self {
            site,
            tera,
            urls,
            cards: Vec::new(),
            facets: Facets::build(site),
            assets,
            history: Default::default(),
        };
        known.resize(site.activities.len(), None);
        renderer.cards = known
            .into_par_iter()
            .enumerate()
            .map(|(i, card)| card.map_or_else(|| renderer.card(i as Ix), Ok))
            .collect::<Result<_, _>>()?;
        Ok(renderer)
    }

    /// Gives record pages the dates from git (first published, last
    /// changed), shown when a record's file has them.
    pub fn with_history(mut self, history: std::sync::Arc<crate::history::History>) -> Self {
        self.history = history;
        self
    }

    /// Takes back the activity cards, by position, to reuse with
    /// [`Renderer::with_cards`].
    pub fn into_cards(self) -> Vec<ActivityCard> {
        self.cards
    }

    /// Frees each card's rendered markup once no list will be rendered any
    /// more; the cards' text stays for feeds and downloads.
    pub fn release_card_markup(&mut self) {
        self.cards.iter_mut().for_each(|c| c.html = tera::Value::none());
    }

    /// First words of an activity's text, as its card shows them: the one
    /// summary of it every page, feed and download uses.
    pub fn excerpt(&self, activity: Ix) -> &str {
        &self.cards[activity as usize].excerpt
    }

    /// Entries per page on activity lists.
    pub fn per_page(&self) -> usize {
        self.site.config.per_page.max(1)
    }

    /// Address builder.
    pub fn urls(&self) -> &Urls {
        &self.urls
    }

    /// Activities by year and kind, as the static facet pages list them.
    pub fn facets(&self) -> &Facets {
        &self.facets
    }

    /// Renders a theme template with a context built outside [`Page`]
    /// (the search page, written once its index exists).
    pub fn render_template(&self, template: &str, ctx: &tera::Context) -> Result<Vec<u8>, RenderError> {
        let mut buf = Vec::with_capacity(16 * 1024);
        self.tera.render_to(template, ctx, &mut buf).map_err(|e| template_error(template, e))?;
        Ok(buf)
    }

    fn card(&self, i: Ix) -> Result<ActivityCard, RenderError> {
        let r = &self.site.activities[i as usize];
        let m = &r.meta;
        let mut card = ActivityCard {
            url: self.urls.link(&Urls::record(Section::Activities, &r.id)),
            title: m.title.clone(),
            date: DateView::from(&m.date),
            kind: m.kind.label(),
            region: self.region_link(&m.region),
            organizers: m.organizers.iter().filter_map(|id| self.agency_link(id)).collect(),
            ormas_count: m.participants.ormas_count.or(if m.participants.ormas.is_empty() {
                None
            } else {
                Some(m.participants.ormas.len() as u32)
            }),
            excerpt: markdown::excerpt(r.body(), 220),
            html: tera::Value::none(),
        };
        let mut ctx = tera::Context::new();
        ctx.insert("a", &card);
        let html = self.render_template(CARD_TEMPLATE, &ctx)?;
        card.html = tera::Value::safe_string(&String::from_utf8_lossy(&html));
        Ok(card)
    }

    /// Renders one page to bytes.
    pub fn render_page(&self, page: &Page) -> Result<(String, Vec<u8>), RenderError> {
        let (template, ctx) = self.context(page).map_err(|e| template_error("context", e))?;
        let mut buf = Vec::with_capacity(16 * 1024);
        self.tera.render_to(template, &ctx, &mut buf).map_err(|e| template_error(template, e))?;
        Ok((self.file_of(page), buf))
    }

    /// The file a page is written to (`kegiatan/x/index.html` for `kegiatan/x/`).
    pub fn file_of(&self, page: &Page) -> String {
        let path = self.path_of(page);
        if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path }
    }

    /// Renders every page, the sitemap, feed, robots.txt and assets into
    /// `out`.
    pub fn render_all(&self, out: &Staging) -> Result<(), RenderError> {
        let pages = self.pages();
        pages.par_iter().try_for_each(|page| {
            let (file, bytes) = self.render_page(page)?;
            write(out, &file, &bytes)
        })?;
        self.render_extras(out, &pages)
    }

    /// Everything [`Renderer::render_all`] writes besides the pages: theme
    /// assets, sitemaps, the feed, robots.txt and the records' JSON Schemas.
    pub fn render_extras(&self, out: &Staging, pages: &[Page]) -> Result<(), RenderError> {
        for schema in crate::schema::all() {
            write(out, &format!("{}/{}", crate::schema::SITE_FOLDER, schema.file_name), schema.json.as_bytes())?;
        }
        for (path, bytes) in &self.assets {
            write(out, path, bytes)?;
        }
        self.write_sitemaps(out, pages)?;
        self.write_feed(out)?;
        let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", self.urls.absolute("sitemap.xml"));
        write(out, "robots.txt", robots.as_bytes())
    }

    /// `sitemap.xml`, split into files of at most 50,000 URLs under a
    /// sitemap index when the site is larger, as the protocol requires.
    fn write_sitemaps(&self, out: &Staging, pages: &[Page]) -> Result<(), RenderError> {
        const LIMIT: usize = 50_000;
        let mut urls: Vec<String> =
            pages.iter().filter(|p| Self::in_sitemap(p)).map(|p| self.urls.absolute(&self.path_of(p))).collect();
        urls.sort();
        let urlset = |chunk: &[String]| {
            let mut xml = String::from(
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
            );
            for u in chunk {
                xml.push_str(&format!("  <url><loc>{}</loc></url>\n", xml_escape(u)));
            }
            xml.push_str("</urlset>\n");
            xml
        };
        if urls.len() <= LIMIT {
            return write(out, "sitemap.xml", urlset(&urls).as_bytes());
        }
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (k, chunk) in urls.chunks(LIMIT).enumerate() {
            let name = format!("sitemap-{}.xml", k + 1);
            write(out, &name, urlset(chunk).as_bytes())?;
            index.push_str(&format!("  <sitemap><loc>{}</loc></sitemap>\n", xml_escape(&self.urls.absolute(&name))));
        }
        index.push_str("</sitemapindex>\n");
        write(out, "sitemap.xml", index.as_bytes())
    }

    /// The Atom feed of the latest activities.
    fn write_feed(&self, out: &Staging) -> Result<(), RenderError> {
        write(out, "feed.xml", self.feed_xml()?.as_bytes())
    }

    /// How many of the latest activities the site feed holds.
    pub const FEED_SIZE: usize = 50;

    /// The site's Atom feed (`feed.xml`) of the latest activities.
    pub fn feed_xml(&self) -> Result<String, RenderError> {
        let latest: Vec<Ix> = (0..self.site.activities.len().min(Self::FEED_SIZE) as Ix).collect();
        self.atom_feed(&latest, &self.site.config.title, "feed.xml", "kegiatan/")
    }

    /// An Atom feed of `activities`, published at `path`, about the page at
    /// `page_path`.
    pub fn atom_feed(
        &self,
        activities: &[Ix],
        title: &str,
        path: &str,
        page_path: &str,
    ) -> Result<String, RenderError> {
        #[derive(Serialize)]
        struct Entry<'a> {
            id: String,
            url: String,
            title: &'a str,
            updated: String,
            summary: &'a str,
            authors: Vec<String>,
            categories: Vec<&'a str>,
        }
        #[derive(Serialize)]
        struct Feed<'a> {
            title: &'a str,
            feed_url: String,
            page_url: String,
            updated: String,
            entries: Vec<Entry<'a>>,
        }
        let s = self.site;
        let stamp = |d: &crate::model::PartialDate| format!("{}T00:00:00+07:00", d.first_day());
        let entries: Vec<Entry> = activities
            .iter()
            .map(|&i| {
                let r = &s.activities[i as usize];
                let card = &self.cards[i as usize];
                Entry {
                    id: self.urls.absolute(&Urls::record(Section::Activities, &r.id)),
                    url: self.urls.absolute(&Urls::record(Section::Activities, &r.id)),
                    title: &r.meta.title,
                    updated: stamp(&r.meta.date),
                    summary: &card.excerpt,
                    authors: card.organizers.iter().map(|o| o.name.clone()).collect(),
                    categories: r.meta.topics.iter().map(String::as_str).collect(),
                }
            })
            .collect();
        let updated = activities
            .iter()
            .map(|&i| s.activities[i as usize].meta.date)
            .max()
            .map_or_else(|| "1970-01-01T00:00:00+07:00".to_string(), |d| stamp(&d));
        let feed = Feed {
            title,
            feed_url: self.urls.absolute(path),
            page_url: self.urls.absolute(page_path),
            updated,
            entries,
        };
        let ctx = tera::Context::from_serialize(&feed).map_err(|e| template_error("atom.xml", e))?;
        self.tera.render("atom.xml", &ctx).map_err(|e| template_error("atom.xml", e))
    }
}

fn write(out: &Staging, path: &str, bytes: &[u8]) -> Result<(), RenderError> {
    out.write(path, bytes).map_err(|source| RenderError::Write { path: path.to_string(), source })
}

/// Escapes text for XML.
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
