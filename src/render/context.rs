//! The small, precomputed values templates receive. Each page gets only
//! what it shows, never the whole site.

use serde::Serialize;

use crate::model::{PartialDate, Precision};

/// A link with its text.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Text to show.
    pub name: String,
    /// Root-relative address.
    pub url: String,
}

impl From<&crate::model::Link> for LinkView {
    fn from(l: &crate::model::Link) -> Self {
        Self { name: l.name.clone(), url: l.url.clone().unwrap_or_default() }
    }
}

/// A date as shown and as machine-readable.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `12 Juli 2024`, `Juli 2024` or `2024`.
    pub text: String,
    /// `2024-07-12`, `2024-07` or `2024`: valid in `<time datetime>`.
    pub iso: String,
    /// `day`, `month` or `year`.
    pub precision: Precision,
}

/// When a record was first published and last changed, from git.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryView {
    /// Date of the commit that added the record.
    pub first_published: DateView,
    /// Date of the latest commit that changed it.
    pub last_changed: DateView,
    /// Whether it was changed after the day it was first published.
    pub corrected: bool,
}

impl HistoryView {
    /// The history of a record file, its dates in words by `catalogue`.
    pub fn new(h: &crate::history::RecordHistory, catalogue: &super::i18n::Catalogue) -> Self {
        let day = |d| {
            let d = PartialDate::from_naive(d);
            DateView { text: catalogue.date(&d), iso: d.to_string(), precision: d.precision() }
        };
        Self {
            first_published: day(h.first_published),
            last_changed: day(h.last_changed),
            corrected: h.last_changed > h.first_published,
        }
    }
}

/// One activity in a list: what a reader needs to decide to open it, as
/// the theme's `_card.html` sees it.
#[derive(Debug, Clone, Serialize)]
pub struct CardView<'a> {
    /// Page address.
    pub url: String,
    /// Headline.
    pub title: &'a str,
    /// When.
    pub date: DateView,
    /// Kind label (`Sosialisasi`).
    pub kind: String,
    /// Where.
    pub region: Option<LinkView>,
    /// Organising agencies, by short name.
    pub organizers: Vec<LinkView>,
    /// How many ormas took part, when known.
    pub ormas_count: Option<u32>,
    /// The activity's summary.
    pub excerpt: &'a str,
}

/// An activity's compact row as the theme's `_row.html` renders it
/// (title, date, kind, organisers): rendered once and reused by every list
/// that shows the activity but the latest ones (about ten each: its year,
/// its kind, its ormas, agencies, officials, regions, topics). Only the
/// markup is kept, about 300 bytes an activity. The full card with the
/// summary (`_card.html`) is rendered when a page shows it, since only
/// `/kegiatan/` (each activity on one of its pages) and the home page do.
#[derive(Debug, Clone)]
pub struct ActivityCard {
    /// The rendered row (the full card for a theme without `_row.html`).
    pub row: tera::Value,
}

/// Heading and metadata of every page.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// `<title>` and `<h1>`.
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Absolute canonical URL.
    pub canonical: String,
    /// Section for the navigation highlight (`kegiatan`), or empty.
    pub section: &'static str,
    /// Trail from the home page to this one (excluding this page).
    pub breadcrumbs: Vec<LinkView>,
    /// Atom feed of this page's activities, if any.
    pub feed: Option<String>,
}

/// Position in a paginated list.
#[derive(Debug, Clone, Serialize)]
pub struct Pagination {
    /// Current page, 1-based.
    pub current: usize,
    /// Number of pages.
    pub total_pages: usize,
    /// Number of entries across all pages.
    pub total_items: usize,
    /// Previous page address.
    pub prev: Option<String>,
    /// Next page address.
    pub next: Option<String>,
    /// Page links around the current one (`None` is a gap).
    pub pages: Vec<Option<PageLink>>,
}

/// One numbered page link.
#[derive(Debug, Clone, Serialize)]
pub struct PageLink {
    /// Page number.
    pub n: usize,
    /// Its address.
    pub url: String,
    /// Whether it is the page shown.
    pub current: bool,
}

/// A labelled fact (`Status: Aktif`), for definition lists.
#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    /// Label.
    pub label: String,
    /// Value as text.
    pub value: String,
    /// Link, when the value is a page or a site.
    pub url: Option<String>,
}

impl Fact {
    /// A plain fact.
    pub fn text(label: impl Into<String>, value: impl Into<String>) -> Self {
        Self { label: label.into(), value: value.into(), url: None }
    }

    /// A fact that links somewhere.
    pub fn link(label: impl Into<String>, value: impl Into<String>, url: impl Into<String>) -> Self {
        Self { label: label.into(), value: value.into(), url: Some(url.into()) }
    }
}

/// A count with a link, for directories and facet lists.
#[derive(Debug, Clone, Serialize)]
pub struct Counted {
    /// Name.
    pub name: String,
    /// Address.
    pub url: String,
    /// How many activities.
    pub count: usize,
    /// Secondary text (kind, region, role).
    pub detail: String,
}
