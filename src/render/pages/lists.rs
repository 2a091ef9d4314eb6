//! Paginated lists of activities: all of them, one year's, one kind's,
//! each with the year and kind facets beside it.

use std::borrow::Cow;

use serde::Serialize;

use super::{page_range, paginate};
use crate::address::{Section, Urls};
use crate::model::ActivityKind;
use crate::render::Renderer;
use crate::render::context::{Counted, PageMeta, Pagination};
use crate::site::ActivityIx;

#[derive(Serialize)]
pub(super) struct ListPage<'a> {
    pub(super) meta: PageMeta,
    intro: Option<String>,
    activities: Vec<Cow<'a, tera::Value>>,
    /// Whether `activities` are compact rows (a year's or kind's pages,
    /// where readers scan for one activity) rather than cards with their
    /// summary (the latest activities, `/kegiatan/`).
    compact: bool,
    pagination: Pagination,
    facets: Vec<FacetGroup>,
}

#[derive(Serialize)]
struct FacetGroup {
    title: String,
    items: Vec<Counted>,
}

impl Renderer<'_> {
    /// Each year with its number of activities, newest first.
    pub(super) fn year_facets(&self) -> Vec<Counted> {
        self.facets
            .years
            .iter()
            .map(|(y, list)| Counted {
                name: y.to_string(),
                url: self.urls.link(&Urls::year(*y)),
                count: list.len(),
                detail: String::new(),
            })
            .collect()
    }

    /// Each kind with its number of activities.
    pub(super) fn kind_facets(&self) -> Vec<Counted> {
        self.facets
            .kinds
            .iter()
            .map(|(k, list)| Counted {
                name: self.label_of("activity_kind", k),
                url: self.urls.link(&Urls::kind(*k)),
                count: list.len(),
                detail: String::new(),
            })
            .collect()
    }

    fn activity_list(
        &self,
        shown: &[ActivityIx],
        compact: bool,
        pagination: Pagination,
        meta: PageMeta,
    ) -> tera::TeraResult<ListPage<'_>> {
        Ok(ListPage {
            meta,
            intro: None,
            activities: if compact { self.rows(shown)? } else { self.cards(shown)? },
            compact,
            pagination,
            facets: vec![
                FacetGroup { title: self.tr("facet.year"), items: self.year_facets() },
                FacetGroup { title: self.tr("facet.kind"), items: self.kind_facets() },
            ],
        })
    }

    pub(super) fn activity_index(&self, n: usize, path: &str) -> tera::TeraResult<ListPage<'_>> {
        let first = Urls::section(Section::Activities);
        // The whole list is every position, so only the shown page is made.
        let (range, pagination) = page_range(self.site.activities.len(), n, self.per_page(), &first, &self.urls);
        let shown: Vec<ActivityIx> = range.map(ActivityIx::from).collect();
        let meta = self.meta(
            &self.page_title(&self.tr("nav.activities"), n),
            &self.tr("list.description"),
            path,
            "kegiatan",
            vec![],
        );
        self.activity_list(&shown, false, pagination, meta)
    }

    pub(super) fn year_page(&self, year: i32, n: usize, path: &str) -> tera::TeraResult<ListPage<'_>> {
        let title = self.page_title(&self.tr_with("list.year_title", &[("year", &year.to_string())]), n);
        let meta = self.meta(&title, "", path, "kegiatan", vec![self.crumb(Section::Activities)]);
        let (shown, pagination) = paginate(self.facets.year(year), n, self.per_page(), &Urls::year(year), &self.urls);
        self.activity_list(shown, true, pagination, meta)
    }

    pub(super) fn kind_page(&self, kind: ActivityKind, n: usize, path: &str) -> tera::TeraResult<ListPage<'_>> {
        let title =
            self.page_title(&self.tr_with("list.kind_title", &[("kind", &self.label_of("activity_kind", &kind))]), n);
        let meta = self.meta(&title, "", path, "kegiatan", vec![self.crumb(Section::Activities)]);
        let (shown, pagination) = paginate(self.facets.kind(kind), n, self.per_page(), &Urls::kind(kind), &self.urls);
        self.activity_list(shown, true, pagination, meta)
    }
}
