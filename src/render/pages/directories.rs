//! The index pages of each section: ormas A–Z, agencies, officials, the
//! region tree, topics and partnerships.

use serde::Serialize;

use super::links::initial;
use super::{DIRECTORY_PAGE, page_range};
use crate::address::{Section, Urls};
use crate::render::Renderer;
use crate::render::context::{Counted, LinkView, PageMeta, Pagination};
use crate::site::{OrmasIx, PartnershipIx};

#[derive(Serialize)]
pub(super) struct Directory {
    pub(super) meta: PageMeta,
    intro: String,
    rows: Vec<Row>,
    pagination: Option<Pagination>,
    letters: Vec<LinkView>,
    tree: Vec<RegionNode>,
    /// Grant amounts per year, on the first partnership page.
    charts: Vec<super::charts::Chart>,
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

impl Renderer<'_> {
    pub(super) fn ormas_index(&self, n: usize, path: &str) -> Directory {
        let s = self.site;
        let first = Urls::section(Section::Ormas);
        let (range, pagination) = page_range(s.ormas.len(), n, DIRECTORY_PAGE, &first, &self.urls);
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
        let rows = range
            .map(|k| Row {
                entry: self.ormas_counted(OrmasIx::from(k)),
                anchor: anchors.iter().find(|(at, _)| *at == k).map(|(_, a)| a.clone()),
            })
            .collect();
        Directory {
            meta: self.meta(
                &self.page_title(&self.tr("directory.ormas_title"), n),
                &self.tr("directory.ormas_description"),
                path,
                "ormas",
                vec![],
            ),
            intro: self.tr("directory.ormas_intro"),
            rows,
            pagination: Some(pagination),
            letters,
            tree: vec![],
            charts: vec![],
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
            charts: vec![],
        }
    }

    pub(super) fn agency_index(&self, path: &str) -> Directory {
        let rows = self.site.agencies.keys().map(|g| self.agency_counted(g)).collect();
        self.directory(
            &self.tr("directory.agencies_title"),
            &self.tr("directory.agencies_intro"),
            path,
            "instansi",
            rows,
        )
    }

    pub(super) fn person_index(&self, path: &str) -> Directory {
        let rows = self.site.people.keys().map(|p| self.person_counted(p)).collect();
        self.directory(&self.tr("directory.people_title"), &self.tr("directory.people_intro"), path, "tokoh", rows)
    }

    pub(super) fn topic_index(&self, path: &str) -> Directory {
        let rows = self.site.topics.keys().map(|t| self.topic_counted(t)).collect();
        self.directory(&self.tr("nav.topics"), &self.tr("directory.topics_intro"), path, "topik", rows)
    }

    pub(super) fn region_index(&self, path: &str) -> Directory {
        let s = self.site;
        let tree = s
            .regions
            .keys()
            .filter(|&r| s.links.region_parent[r].is_none())
            .map(|r| RegionNode {
                region: self.region_counted(r),
                children: s.links.region_children[r].iter().map(|&c| self.region_counted(c)).collect(),
            })
            .collect();
        let mut d =
            self.directory(&self.tr("nav.regions"), &self.tr("directory.regions_intro"), path, "wilayah", vec![]);
        d.tree = tree;
        d
    }

    pub(super) fn partnership_index(&self, n: usize, path: &str) -> Directory {
        let first = Urls::section(Section::Partnerships);
        let (range, pagination) = page_range(self.site.partnerships.len(), n, DIRECTORY_PAGE, &first, &self.urls);
        let shown: Vec<PartnershipIx> = range.map(PartnershipIx::from).collect();
        let mut d = self.directory(
            &self.page_title(&self.tr("directory.partnerships_title"), n),
            &self.tr("directory.partnerships_intro"),
            path,
            "kemitraan",
            self.partnership_rows(&shown),
        );
        d.pagination = Some(pagination);
        if n <= 1 {
            d.charts.extend(self.grants_chart());
        }
        d
    }
}
