//! What many pages show of other records: links with names, directory rows
//! with counts, sources, page headings and money. Each is built here once,
//! from positions, for every page family.

use std::borrow::Cow;

use serde::Serialize;

use crate::address::{Section, Urls};
use crate::model::Source;
use crate::render::Renderer;
use crate::render::context::{Counted, DateView, LinkView, PageMeta};
use crate::site::{ActivityIx, AgencyIx, OrmasIx, PartnershipIx, PersonIx, RegionIx, TopicIx};
use crate::text;

/// A source as pages list it.
#[derive(Serialize)]
pub(super) struct SourceView {
    title: String,
    url: Option<String>,
    publisher: Option<crate::model::Atom>,
    byline: Option<String>,
    published: Option<DateView>,
}

impl Renderer<'_> {
    /// Every source of a record, as pages list them.
    pub(super) fn sources(&self, list: &[Source]) -> Vec<SourceView> {
        list.iter()
            .map(|s| {
                let byline = match (&s.author, &s.editor) {
                    (Some(a), Some(e)) => Some(self.tr_with("sources.author_editor", &[("author", a), ("editor", e)])),
                    (Some(a), None) => Some(a.to_string()),
                    (None, Some(e)) => Some(self.tr_with("sources.editor", &[("editor", e)])),
                    (None, None) => None,
                };
                SourceView {
                    title: s.title.or(s.publisher).map(String::from).unwrap_or_else(|| self.tr("sources.untitled")),
                    url: s.url.clone(),
                    publisher: s.publisher.filter(|_| s.title.is_some()),
                    byline,
                    published: s.published.as_ref().map(|d| self.date_view(d)),
                }
            })
            .collect()
    }

    /// Heading and metadata of a page; an empty description falls back to
    /// the site's.
    pub(super) fn meta(
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
            description: text::truncate_words(&description, text::DESCRIPTION_CHARS),
            canonical: self.urls.absolute(path),
            section,
            breadcrumbs,
            feed: None,
        }
    }

    /// `Title (halaman n)` past the first page.
    pub(super) fn page_title(&self, title: &str, n: usize) -> String {
        if n > 1 { self.tr_with("page.title_n", &[("title", title), ("n", &n.to_string())]) } else { title.to_string() }
    }

    /// A breadcrumb to a section's index, by its name in the menu.
    pub(super) fn crumb(&self, section: Section) -> LinkView {
        LinkView { name: self.tr(crate::render::section_key(section)), url: self.urls.link(&Urls::section(section)) }
    }

    /// The full cards of `list`, with their summaries (the latest lists).
    pub(super) fn cards(&self, list: &[ActivityIx]) -> tera::TeraResult<Vec<Cow<'_, tera::Value>>> {
        list.iter().map(|&i| self.full_card(i).map(Cow::Owned)).collect()
    }

    /// The kept compact rows of `list` (tera passes the values through
    /// without copying or escaping them again).
    pub(super) fn rows(&self, list: &[ActivityIx]) -> tera::TeraResult<Vec<Cow<'_, tera::Value>>> {
        list.iter().map(|&i| self.row(i).map(Cow::Borrowed)).collect()
    }

    /// Feed address of an entity page whose first page is at `first`.
    pub(super) fn entity_feed(&self, first: &str) -> Option<String> {
        Some(self.urls.link(&Urls::feed(first)))
    }

    pub(super) fn region_counted(&self, r: RegionIx) -> Counted {
        let region = &self.site.regions[r];
        Counted {
            name: region.name.clone(),
            url: self.urls.link_to(self.site, r),
            count: self.site.links.activities_by_region[r].len(),
            detail: region.code.0.to_string(),
        }
    }

    pub(super) fn topic_counted(&self, t: TopicIx) -> Counted {
        let topic = &self.site.topics[t];
        Counted {
            name: topic.name.clone(),
            url: self.urls.link_to(self.site, t),
            count: self.site.links.activities_by_topic[t].len(),
            detail: topic.name_en.clone().unwrap_or_default(),
        }
    }

    pub(super) fn agency_counted(&self, g: AgencyIx) -> Counted {
        let s = self.site;
        let a = &s.agencies[g];
        let region = &s.regions[s.refs.agency_region[g]].name;
        Counted {
            name: s.agency_listing_name(g),
            url: self.urls.link_to(s, g),
            count: s.links.activities_by_agency[g].len(),
            detail: format!("{} · {region}", self.label_of("agency_kind", &a.meta.kind)),
        }
    }

    pub(super) fn person_counted(&self, p: PersonIx) -> Counted {
        let r = &self.site.people[p];
        let role = r.meta.positions.first().map(|p| p.role.clone()).unwrap_or_default();
        Counted {
            name: r.meta.name.clone(),
            url: self.urls.link_to(self.site, p),
            count: self.site.links.activities_by_person[p].len(),
            detail: role,
        }
    }

    pub(super) fn ormas_counted(&self, o: OrmasIx) -> Counted {
        let s = self.site;
        let region = &s.regions[s.refs.ormas_region[o]].name;
        Counted {
            name: s.ormas_listing_name(o),
            url: self.urls.link_to(s, o),
            count: s.links.activities_by_ormas[o].len(),
            detail: format!("{region} · {}", self.label_of("ormas_status", &s.ormas[o].meta.status)),
        }
    }

    pub(super) fn partnership_rows(&self, list: &[PartnershipIx]) -> Vec<Counted> {
        list.iter()
            .map(|&p| {
                let r = &self.site.partnerships[p];
                let mut detail = self.label_of("partnership_kind", &r.meta.kind);
                if let Some(d) = r.meta.signed {
                    detail.push_str(&format!(", {}", self.date_text(&d)));
                }
                if let Some(a) = &r.meta.amount {
                    detail.push_str(&format!(", {}", self.i18n.money(a.value, &a.currency)));
                }
                Counted {
                    name: r.meta.title.clone(),
                    url: self.urls.link_to(self.site, p),
                    count: self.site.links.activities_by_partnership[p].len(),
                    detail,
                }
            })
            .collect()
    }

    /// Link to an agency by the name citizens recognise, its full name
    /// with its abbreviation.
    pub(crate) fn agency_link(&self, g: AgencyIx) -> LinkView {
        LinkView { name: self.site.agency_listing_name(g), url: self.urls.link_to(self.site, g) }
    }

    /// Link to an ormas by its full name with its abbreviation.
    pub(super) fn ormas_link(&self, o: OrmasIx) -> LinkView {
        LinkView { name: self.site.ormas_listing_name(o), url: self.urls.link_to(self.site, o) }
    }

    pub(super) fn topic_link(&self, t: TopicIx) -> LinkView {
        LinkView { name: self.site.topics[t].name.clone(), url: self.urls.link_to(self.site, t) }
    }

    pub(super) fn partnership_link(&self, p: PartnershipIx) -> LinkView {
        LinkView { name: self.site.partnerships[p].meta.title.clone(), url: self.urls.link_to(self.site, p) }
    }

    /// Link to a region page.
    pub(crate) fn region_link(&self, r: RegionIx) -> LinkView {
        LinkView { name: self.site.regions[r].name.clone(), url: self.urls.link_to(self.site, r) }
    }
}

/// The letter an ormas is filed under in the A–Z directory.
pub(super) fn initial(name: &str) -> String {
    name.chars()
        .find(|c| c.is_alphanumeric())
        .map(|c| if c.is_ascii_digit() { '#' } else { c.to_ascii_uppercase() })
        .unwrap_or('#')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials() {
        assert_eq!(initial("badan Musyawarah"), "B");
        assert_eq!(initial("1000 Cahaya"), "#");
    }
}
