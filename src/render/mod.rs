//! Stage 4a, render: HTML pages from Tera templates, plus the sitemaps,
//! the Atom feeds, robots.txt and the theme's assets.
//!
//! The renderer reads the resolved [`Site`] and the shared [`Urls`]; it
//! never looks a record up by id. Pages are rendered in parallel and
//! written as soon as each is done, so memory holds the site and one page
//! per thread, never the whole output.

pub mod affected;
mod compact;
pub mod context;
pub mod feeds;
pub mod i18n;
pub mod jsonld;
pub mod markdown;
pub mod pages;
pub mod partial;
pub mod theme;
mod words;

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::Tera;

use crate::address::{Section, Urls};
use crate::model::ActivityKind;
use crate::output::{Staging, WriteError};
use crate::site::{ActivityIx, Site};
use context::{ActivityCard, CardView, DateView, LinkView};
pub use pages::Page;
use theme::Theme;

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
    #[error(transparent)]
    Write(#[from] WriteError),
    /// The theme's string catalogue is missing, malformed or incomplete.
    #[error(transparent)]
    I18n(#[from] i18n::I18nError),
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
    pub years: Vec<(i32, Vec<ActivityIx>)>,
    /// Activities per kind, in the kinds' display order.
    pub kinds: Vec<(ActivityKind, Vec<ActivityIx>)>,
}

impl Facets {
    fn build(site: &Site) -> Self {
        let mut years: BTreeMap<i32, Vec<ActivityIx>> = BTreeMap::new();
        let mut kinds: BTreeMap<ActivityKind, Vec<ActivityIx>> = BTreeMap::new();
        for (i, a) in site.activities.iter_enumerated() {
            years.entry(a.meta.date.year).or_default().push(i);
            kinds.entry(a.meta.kind).or_default().push(i);
        }
        Self { years: years.into_iter().rev().collect(), kinds: kinds.into_iter().collect() }
    }

    /// The activities of one year, newest first.
    pub fn year(&self, year: i32) -> &[ActivityIx] {
        self.years.iter().find(|(y, _)| *y == year).map_or(&[], |(_, l)| l.as_slice())
    }

    /// The activities of one kind, newest first.
    pub fn kind(&self, kind: ActivityKind) -> &[ActivityIx] {
        self.kinds.iter().find(|(k, _)| *k == kind).map_or(&[], |(_, l)| l.as_slice())
    }
}

/// The template of an activity's full card, with its summary (the latest
/// lists: `/kegiatan/` and the home page).
const CARD_TEMPLATE: &str = "_card.html";

/// The template of one activity's compact row on record pages; a theme
/// without it lists full cards there.
const ROW_TEMPLATE: &str = "_row.html";

/// Renders one site with one theme.
pub struct Renderer<'s> {
    site: &'s Site,
    tera: Tera,
    /// The template of the kept rows: `_row.html`, or the full card for a
    /// theme without it.
    row_template: &'static str,
    urls: Urls,
    /// Each activity's row, rendered the first time a page shows it: a
    /// build that renders a few pages renders a few rows.
    cards: Vec<std::sync::OnceLock<ActivityCard>>,
    facets: Facets,
    assets: Vec<(String, &'s [u8])>,
    history: std::sync::Arc<crate::history::History>,
    /// The interface's words in the site's language.
    i18n: std::sync::Arc<i18n::Catalogue>,
    /// Warnings `check` gives, per record file (for `/kualitas-data/`).
    warnings: std::sync::Arc<std::collections::HashMap<std::path::PathBuf, usize>>,
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
    pub fn new(site: &'s Site, theme: &'s Theme, urls: Urls) -> Result<Self, RenderError> {
        Self::with_cards(site, theme, urls, Vec::new())
    }

    /// Like [`Renderer::new`], but takes each activity's card from `known`
    /// (by position) where it holds one, computing only the rest: `serve`
    /// keeps the cards of the activities an edit did not touch.
    pub fn with_cards(
        site: &'s Site,
        theme: &'s Theme,
        urls: Urls,
        mut known: Vec<Option<ActivityCard>>,
    ) -> Result<Self, RenderError> {
        let i18n = std::sync::Arc::new(i18n::Catalogue::load(theme, &site.config.language)?);
        i18n.check_templates(theme)?;
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        tera.register_function("t", i18n::Translate::new(i18n.clone()));
        // The plain words, the same on every page, are written into the
        // sources once (unless a template gives `w` a value of its own).
        let inline = !theme.templates.values().any(|t| words::shadows_w(t));
        let sources: Vec<(&str, String)> = theme
            .templates
            .iter()
            .map(|(k, v)| (k.as_str(), if inline { words::inline(v, &i18n) } else { v.clone() }))
            .collect();
        tera.add_raw_templates(sources.iter().map(|(k, v)| (*k, v.as_str())))
            .map_err(|e| template_error("theme", e))?;
        let assets: Vec<(String, &[u8])> =
            theme.assets.iter().map(|(name, bytes)| (Theme::asset_path(name, bytes), bytes.as_slice())).collect();
        let asset_urls =
            theme.assets.keys().zip(&assets).map(|(name, (path, _))| (name.as_str(), urls.link(path))).collect();
        let c = &site.config;
        let sections = [
            Section::Activities,
            Section::Ormas,
            Section::Agencies,
            Section::People,
            Section::Regions,
            Section::Topics,
            Section::Partnerships,
        ];
        let globals = Globals {
            title: &c.title,
            description: &c.description,
            lang: &c.language,
            base_path: urls.base_path(),
            base_url: urls.base_url(),
            publisher: c.publisher.as_ref().map(LinkView::from),
            license: c.license.as_ref().map(LinkView::from),
            nav: sections
                .iter()
                .map(|&s| LinkView { name: i18n.text(section_key(s)).into(), url: urls.link(&Urls::section(s)) })
                .collect(),
            nav_sections: sections.iter().map(|s| s.slug()).collect(),
            assets: asset_urls,
            search_url: urls.link(pages::SEARCH_PATH),
            feed_url: urls.link(feeds::SITE_FEED),
        };
        tera.global_context().insert("site", &globals);
        tera.global_context().insert_value("w", i18n.words());
        let has_row = tera.get_template_names().any(|name| name == ROW_TEMPLATE);
        let mut renderer = Self {
            site,
            tera,
            row_template: if has_row { ROW_TEMPLATE } else { CARD_TEMPLATE },
            urls,
            cards: Vec::new(),
            facets: Facets::build(site),
            assets,
            history: Default::default(),
            i18n,
            warnings: Default::default(),
        };
        known.resize(site.activities.len(), None);
        renderer.cards = known.into_iter().map(|card| card.map_or_else(std::sync::OnceLock::new, From::from)).collect();
        Ok(renderer)
    }

    /// The warnings of the loaded content, counted per record file.
    pub fn with_warnings(mut self, warnings: &crate::diagnostic::Diagnostics) -> Self {
        let mut per_file = std::collections::HashMap::new();
        for d in &warnings.0 {
            *per_file.entry(d.file.clone()).or_insert(0) += 1;
        }
        self.warnings = std::sync::Arc::new(per_file);
        self
    }

    /// Warnings `check` gives for a record file.
    pub(crate) fn warnings_of(&self, file: &std::path::Path) -> usize {
        self.warnings.get(file).copied().unwrap_or(0)
    }

    /// A record file's history from git, if any.
    pub(crate) fn history_of(&self, rel_path: &str) -> Option<&crate::history::RecordHistory> {
        self.history.get(rel_path)
    }

    /// Gives record pages the dates from git (first published, last
    /// changed), shown when a record's file has them.
    pub fn with_history(mut self, history: std::sync::Arc<crate::history::History>) -> Self {
        self.history = history;
        self
    }

    /// Takes back the activity rows rendered so far, by position, to reuse
    /// with [`Renderer::with_cards`].
    pub fn into_cards(self) -> Vec<Option<ActivityCard>> {
        self.cards.into_iter().map(std::sync::OnceLock::into_inner).collect()
    }

    /// Frees the kept rows once no list will be rendered any more (about
    /// 0.4 GB at a million activities; the full cards kept until issue 17
    /// were 1.5 GB).
    pub fn release_card_markup(&mut self) {
        self.cards = Vec::new();
    }

    /// The interface's words in the site's language.
    pub fn i18n(&self) -> &i18n::Catalogue {
        &self.i18n
    }

    /// The text of a catalogue key.
    pub(crate) fn tr(&self, key: &str) -> String {
        self.i18n.text(key).to_string()
    }

    /// The text of a catalogue key with its placeholders filled.
    pub(crate) fn tr_with(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.i18n.fill(key, args)
    }

    /// The label of an enumeration's value (`enum.<family>.<value>`).
    pub(crate) fn label_of<T: Serialize>(&self, family: &str, value: &T) -> String {
        self.i18n.label(family, value)
    }

    /// A date in words in the site's language.
    pub(crate) fn date_text(&self, d: &crate::model::PartialDate) -> String {
        self.i18n.date(d)
    }

    /// A date as shown and as machine-readable.
    pub(crate) fn date_view(&self, d: &crate::model::PartialDate) -> DateView {
        DateView { text: self.i18n.date(d), iso: d.to_string(), precision: d.precision() }
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

    fn render_template(&self, template: &str, ctx: &tera::Context) -> Result<Vec<u8>, RenderError> {
        let mut buf = Vec::with_capacity(16 * 1024);
        self.tera.render_to(template, ctx, &mut buf).map_err(|e| template_error(template, e))?;
        Ok(compact::compact(&buf))
    }

    /// What an activity's card shows (also the activity page's heading).
    pub(crate) fn card_view(&self, i: ActivityIx) -> CardView<'_> {
        let s = self.site;
        let r = &s.activities[i];
        let refs = &s.refs.activities[i];
        let m = &r.meta;
        CardView {
            url: self.urls.link_to(s, i),
            title: &m.title,
            date: self.date_view(&m.date),
            kind: self.label_of("activity_kind", &m.kind),
            region: Some(self.region_link(refs.region)),
            organizers: refs.organizers.iter().map(|&g| self.agency_link(g)).collect(),
            ormas_count: m.participants.ormas_count.or(if m.participants.ormas.is_empty() {
                None
            } else {
                Some(m.participants.ormas.len() as u32)
            }),
            excerpt: r.summary(),
        }
    }

    fn card_context(&self, i: ActivityIx) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("a", &self.card_view(i));
        ctx
    }

    /// The row of activity `i` every list shows (see [`ActivityCard`]),
    /// rendered on first use and kept.
    pub(crate) fn row(&self, i: ActivityIx) -> tera::TeraResult<&tera::Value> {
        let cell = &self.cards[usize::from(i)];
        if let Some(card) = cell.get() {
            return Ok(&card.row);
        }
        let row = self.card_markup(self.row_template, i)?;
        Ok(&cell.get_or_init(|| ActivityCard { row }).row)
    }

    /// An activity's full card, with its summary, for the latest lists.
    pub(crate) fn full_card(&self, i: ActivityIx) -> tera::TeraResult<tera::Value> {
        self.card_markup(CARD_TEMPLATE, i)
    }

    /// Activity `i` through a card template, as markup tera passes on as is.
    fn card_markup(&self, template: &str, i: ActivityIx) -> tera::TeraResult<tera::Value> {
        let mut buf = Vec::with_capacity(1024);
        self.tera.render_to(template, &self.card_context(i), &mut buf)?;
        Ok(tera::Value::safe_string(&String::from_utf8_lossy(&compact::compact(&buf))))
    }

    /// Renders one page to its output file and bytes.
    pub fn render_page(&self, page: &Page) -> Result<(String, Vec<u8>), RenderError> {
        let info = self.info(page);
        let ctx = self.context(page, &info).map_err(|e| template_error("context", e))?;
        Ok((info.file(), self.render_template(info.template, &ctx)?))
    }

    /// Renders every page, the sitemap, feeds, robots.txt and assets into
    /// `out`.
    /// `plan`, when given, names the pages and feeds to render; the others
    /// are carried over from the live site where it vouches for them.
    pub fn render_all(&self, out: &Staging, plan: Option<&partial::Plan>) -> Result<Tally, RenderError> {
        let pages = self.pages();
        let tally = Tally::default();
        pages.par_iter().try_for_each(|page| {
            if plan.is_some_and(|p| !p.pages.contains(page)) && tally.carried(out, &self.file_of(page))? {
                return Ok(());
            }
            let (file, bytes) = self.render_page(page)?;
            tally.made();
            Ok::<_, RenderError>(out.write_file(&file, &bytes)?)
        })?;
        self.render_extras(out, &pages)?;
        let feeds = self.write_entity_feeds(out, plan)?;
        Ok(tally.add(feeds))
    }

    /// Everything [`Renderer::render_all`] writes besides the pages and the
    /// feeds of each entity: theme assets, sitemaps, the site feed,
    /// robots.txt and the records' JSON Schemas.
    pub fn render_extras(&self, out: &Staging, pages: &[Page]) -> Result<(), RenderError> {
        for schema in crate::schema::all() {
            out.write_file(&format!("{}/{}", crate::schema::SITE_FOLDER, schema.file_name), schema.json.as_bytes())?;
        }
        for (path, bytes) in &self.assets {
            out.write_file(path, bytes)?;
        }
        self.write_sitemaps(out, pages)?;
        out.write_file(feeds::SITE_FEED, self.feed_xml()?.as_bytes())?;
        let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", self.urls.absolute("sitemap.xml"));
        Ok(out.write_file("robots.txt", robots.as_bytes())?)
    }

    /// Renders the search page for an index whose manifest is at
    /// `manifest_path`: written once the index exists, since its address
    /// carries the manifest's hash.
    pub fn write_search_page(&self, out: &Staging, manifest_path: &str) -> Result<(), RenderError> {
        let (file, bytes) = self.render_page(&Page::Search(manifest_path.to_string()))?;
        Ok(out.write_file(&file, &bytes)?)
    }

    /// `sitemap.xml`, split into files of at most 50,000 URLs under a
    /// sitemap index when the site is larger, as the protocol requires.
    fn write_sitemaps(&self, out: &Staging, pages: &[Page]) -> Result<(), RenderError> {
        const LIMIT: usize = 50_000;
        let mut urls: Vec<String> = pages
            .iter()
            .map(|p| self.info(p))
            .filter(|info| info.in_sitemap)
            .map(|info| self.urls.absolute(&info.path))
            .collect();
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
            return Ok(out.write_file("sitemap.xml", urlset(&urls).as_bytes())?);
        }
        let mut index = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        for (k, chunk) in urls.chunks(LIMIT).enumerate() {
            let name = format!("sitemap-{}.xml", k + 1);
            out.write_file(&name, urlset(chunk).as_bytes())?;
            index.push_str(&format!("  <sitemap><loc>{}</loc></sitemap>\n", xml_escape(&self.urls.absolute(&name))));
        }
        index.push_str("</sitemapindex>\n");
        Ok(out.write_file("sitemap.xml", index.as_bytes())?)
    }
}

/// How many files the render stage carried over and how many it made.
#[derive(Debug, Default)]
pub struct Tally {
    kept: std::sync::atomic::AtomicUsize,
    made: std::sync::atomic::AtomicUsize,
}

impl Tally {
    /// Carries the live site's file at `rel` over, if it vouches for it;
    /// true when done.
    fn carried(&self, out: &Staging, rel: &str) -> Result<bool, WriteError> {
        let Some(hash) = out.live_hash(rel) else { return Ok(false) };
        let kept = out.keep(rel, hash).map_err(WriteError::at(rel))?;
        if kept {
            self.kept.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        Ok(kept)
    }

    fn made(&self) {
        self.made.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }

    fn add(self, other: Tally) -> Tally {
        let sum = |a: std::sync::atomic::AtomicUsize, b: std::sync::atomic::AtomicUsize| {
            std::sync::atomic::AtomicUsize::new(a.into_inner() + b.into_inner())
        };
        Tally { kept: sum(self.kept, other.kept), made: sum(self.made, other.made) }
    }

    /// Files carried over and files made.
    pub fn counts(&self) -> (usize, usize) {
        let get = |n: &std::sync::atomic::AtomicUsize| n.load(std::sync::atomic::Ordering::Relaxed);
        (get(&self.kept), get(&self.made))
    }
}

/// The catalogue key of a section's name in the menu and breadcrumbs.
pub(crate) fn section_key(section: Section) -> &'static str {
    match section {
        Section::Activities => "nav.activities",
        Section::Ormas => "nav.ormas",
        Section::Agencies => "nav.agencies",
        Section::People => "nav.people",
        Section::Regions => "nav.regions",
        Section::Topics => "nav.topics",
        Section::Partnerships => "nav.partnerships",
    }
}

/// Escapes text for XML.
pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
