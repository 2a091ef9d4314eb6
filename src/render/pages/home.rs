//! The pages about the whole portal: home, search, open data and 404.

use serde::Serialize;

use crate::address::{Section, Urls};
use crate::render::Renderer;
use crate::render::context::{Counted, LinkView, PageMeta};
use crate::site::{ActivityIx, TopicIx};

#[derive(Serialize)]
pub(super) struct Home<'a> {
    meta: PageMeta,
    counts: Vec<Counted>,
    latest: Vec<std::borrow::Cow<'a, tera::Value>>,
    provinces: Vec<Counted>,
    topics: Vec<Counted>,
    years: Vec<Counted>,
    /// Activities per month, by kind, by province and by topic.
    charts: Vec<super::charts::Chart>,
    /// The register's quality totals, for the footer.
    quality: super::quality::Quality,
}

#[derive(Serialize)]
pub(super) struct Simple {
    pub(super) meta: PageMeta,
}

#[derive(Serialize)]
pub(super) struct DataPage {
    meta: PageMeta,
    license: Option<LinkView>,
    downloads: Vec<DataFile>,
}

/// A published file as `/data/` describes it, in the site's language.
#[derive(Serialize)]
struct DataFile {
    title: String,
    url: String,
    linkable: bool,
    /// Each year's file of a yearly table, newest first.
    files: Vec<LinkView>,
    format: &'static str,
    description: String,
    columns: Vec<DataColumn>,
}

/// A CSV column: its name and content field (a published contract), and
/// what it holds.
#[derive(Serialize)]
struct DataColumn {
    name: &'static str,
    source: String,
    description: String,
}

#[derive(Serialize)]
pub(super) struct SearchPage {
    pub(super) meta: PageMeta,
    manifest_url: String,
    /// The search script's words (JSON for a `<script type="application/json">`).
    words: String,
    years: Vec<Counted>,
    kinds: Vec<Counted>,
}

impl Renderer<'_> {
    pub(super) fn home(&self) -> tera::TeraResult<Home<'_>> {
        let s = self.site;
        let count = |section: Section, n: usize| Counted {
            name: self.tr(crate::render::section_key(section)),
            url: self.urls.link(&Urls::section(section)),
            count: n,
            detail: String::new(),
        };
        let provinces =
            s.regions.keys().filter(|&r| s.links.region_parent[r].is_none()).map(|r| self.region_counted(r)).collect();
        let mut topics: Vec<Counted> =
            s.topics.keys().map(|t: TopicIx| self.topic_counted(t)).filter(|t| t.count > 0).collect();
        topics.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        topics.truncate(12);
        let latest: Vec<ActivityIx> = s.activities.keys().take(10).collect();
        Ok(Home {
            meta: self.meta(&s.config.title, "", "", "", vec![]),
            counts: vec![
                count(Section::Activities, s.activities.len()),
                count(Section::Ormas, s.ormas.len()),
                count(Section::Agencies, s.agencies.len()),
                count(Section::People, s.people.len()),
                count(Section::Regions, s.regions.len()),
                count(Section::Partnerships, s.partnerships.len()),
            ],
            latest: self.cards(&latest)?,
            provinces,
            topics,
            years: self.year_facets(),
            charts: self.home_charts(),
            quality: self.quality_totals(),
        })
    }

    fn home_charts(&self) -> Vec<super::charts::Chart> {
        let s = self.site;
        let all: Vec<ActivityIx> = s.activities.keys().collect();
        let provinces: Vec<_> = s.regions.keys().filter(|&r| s.links.region_parent[r].is_none()).collect();
        let mut charts: Vec<_> = self.months_chart(&all).into_iter().collect();
        charts.extend([self.kinds_chart(&all), self.regions_chart(&provinces), self.topics_chart(&all)]);
        charts.retain(|c| !c.is_empty());
        charts
    }

    /// What `search.js` shows, in the site's language: its own strings, the
    /// labels of the kinds and record types the index names by slug, and
    /// the month names to show the index's dates in.
    fn search_words(&self) -> String {
        let mut words = self.i18n.json_under("search_js.");
        if let serde_json::Value::Object(map) = &mut words {
            let kinds: serde_json::Map<String, serde_json::Value> = crate::model::ActivityKind::ALL
                .iter()
                .map(|k| (k.slug().to_string(), self.label_of("activity_kind", k).into()))
                .collect();
            map.insert("kinds".into(), kinds.into());
            let types: serde_json::Map<String, serde_json::Value> =
                [Section::Activities, Section::Ormas, Section::Agencies, Section::People]
                    .iter()
                    .map(|&s| (s.slug().to_string(), self.tr(crate::render::section_key(s)).into()))
                    .collect();
            map.insert("types".into(), types.into());
            map.insert("months".into(), self.i18n.json_under("date.")["months"].clone());
            map.insert("index_labels".into(), self.index_labels().into());
        }
        crate::render::jsonld::embed(&words)
    }

    /// The search index writes an ormas's status and an agency's kind into
    /// a result's detail line with the content model's Indonesian labels;
    /// the script shows them in the site's language by this map.
    fn index_labels(&self) -> serde_json::Map<String, serde_json::Value> {
        use crate::model::{AgencyKind, OrmasStatus};
        let mut map = serde_json::Map::new();
        for key in self.i18n.keys() {
            let (family, slug) = match key.rsplit_once('.') {
                Some((f, s)) => (f, s),
                None => continue,
            };
            let written = match family {
                "enum.ormas_status" => serde_json::from_value::<OrmasStatus>(slug.into()).ok().map(OrmasStatus::label),
                "enum.agency_kind" => serde_json::from_value::<AgencyKind>(slug.into()).ok().map(AgencyKind::label),
                _ => None,
            };
            if let Some(written) = written {
                map.insert(written.to_string(), self.i18n.text(key).into());
            }
        }
        map
    }

    pub(super) fn not_found(&self, path: &str) -> Simple {
        Simple { meta: self.meta(&self.tr("not_found.title"), "", path, "", vec![]) }
    }

    pub(super) fn data_page(&self, path: &str) -> DataPage {
        DataPage {
            meta: self.meta(&self.tr("data.title"), &self.tr("data.description"), path, "", vec![]),
            license: self.site.config.license.as_ref().map(LinkView::from),
            downloads: crate::catalog::downloads(&self.urls, self.site.config.record_json)
                .into_iter()
                .map(|d| {
                    let key = super::file_key(d.url.trim_start_matches(self.urls.base_path()));
                    let words = |what: &str| self.tr(&format!("data_files.{key}.{what}"));
                    let columns = d
                        .columns
                        .iter()
                        .map(|c| DataColumn {
                            name: c.name,
                            // Field names need no words; only prose (`file name ...`) has a key.
                            source: if c.source.contains(' ') {
                                words(&format!("sources.{}", c.name))
                            } else {
                                c.source.into()
                            },
                            description: words(&format!("columns.{}", c.name)),
                        })
                        .collect();
                    let files = if d.yearly {
                        self.facets
                            .years
                            .iter()
                            .map(|(y, _)| {
                                let url = crate::catalog::yearly_path(&d.url, y);
                                // The file name, which says both table and year.
                                LinkView { name: url.rsplit('/').next().unwrap_or_default().to_string(), url }
                            })
                            .collect()
                    } else {
                        vec![]
                    };
                    DataFile {
                        title: words("title"),
                        url: if d.yearly { crate::catalog::yearly_path(&d.url, "<tahun>") } else { d.url },
                        linkable: d.linkable && !d.yearly,
                        files,
                        format: d.format,
                        description: words("description"),
                        columns,
                    }
                })
                .collect(),
        }
    }

    pub(super) fn search_page(&self, manifest_path: &str) -> SearchPage {
        let urls = &self.urls;
        SearchPage {
            meta: PageMeta {
                title: self.tr("search.title"),
                description: self.tr("search.description"),
                canonical: urls.absolute(super::SEARCH_PATH),
                section: "",
                breadcrumbs: vec![],
                feed: None,
            },
            manifest_url: urls.link(manifest_path),
            words: self.search_words(),
            years: self.year_facets(),
            kinds: self.kind_facets(),
        }
    }
}
