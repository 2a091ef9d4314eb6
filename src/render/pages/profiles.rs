//! The pages of ormas, agencies, officials, regions, topics and
//! partnerships: facts, related records and their activities, paginated.

use serde::Serialize;

use super::charts::Chart;
use super::links::SourceView;
use super::network::NetworkView;
use super::paginate;
use super::ppid::PpidRequest;
use crate::address::{Section, Urls};
use crate::model::PartialDate;
use crate::render::context::{Counted, Fact, PageMeta, Pagination};
use crate::render::{Renderer, markdown};
use crate::site::{ActivityIx, AgencyIx, OrmasIx, PartnershipIx, PersonIx, RegionIx, TopicIx};
use crate::text;

#[derive(Serialize)]
pub(super) struct Profile<'a> {
    pub(super) meta: PageMeta,
    kind_label: String,
    facts: Vec<Fact>,
    body: Option<String>,
    notes: Option<String>,
    related: Vec<RelatedGroup>,
    sources: Vec<SourceView>,
    activities: Vec<std::borrow::Cow<'a, tera::Value>>,
    pagination: Pagination,
    first_page: bool,
    /// The request for documents (agency and partnership pages, first page).
    ppid: Option<PpidRequest>,
    /// Who it met most (ormas, agency and official pages, first page).
    network: Option<NetworkView>,
    /// Activities per month (and on region pages by kind, topic and
    /// region), on the first page.
    charts: Vec<Chart>,
}

#[derive(Serialize)]
struct RelatedGroup {
    title: String,
    items: Vec<Counted>,
}

/// What a profile shows besides its heading and activities.
struct Shown<'a> {
    kind_label: String,
    facts: Vec<Fact>,
    body: Option<&'a str>,
    notes: Option<String>,
    related: Vec<RelatedGroup>,
    sources: Vec<SourceView>,
}

impl Renderer<'_> {
    fn profile(
        &self,
        meta: PageMeta,
        shown: Shown<'_>,
        list: &[ActivityIx],
        n: usize,
        first: &str,
    ) -> tera::TeraResult<Profile<'_>> {
        let (slice, pagination) = paginate(list, n, self.per_page(), first, &self.urls);
        // Later pages of a long list show only the list, so their body is
        // never rendered (an ormas with 500 activities has 25 pages).
        let body = shown.body.filter(|b| n <= 1 && !b.trim().is_empty()).map(markdown::to_html);
        Ok(Profile {
            meta,
            kind_label: shown.kind_label,
            facts: shown.facts,
            body,
            notes: shown.notes,
            related: shown.related,
            sources: shown.sources,
            activities: self.rows(slice)?,
            pagination,
            first_page: n <= 1,
            ppid: None,
            network: None,
            charts: if n <= 1 { self.months_chart(list).into_iter().collect() } else { vec![] },
        })
    }

    pub(super) fn ormas_page(&self, i: OrmasIx, n: usize, path: &str) -> tera::TeraResult<Profile<'_>> {
        let s = self.site;
        let r = &s.ormas[i];
        let m = &r.meta;
        let mut facts = Vec::new();
        if let Some(a) = &m.abbreviation {
            facts.push(Fact::text(self.tr("fact.abbreviation"), a.clone()));
        }
        if !m.other_names.is_empty() {
            facts.push(Fact::text(self.tr("fact.other_names"), m.other_names.join(", ")));
        }
        facts.push(Fact::text(self.tr("fact.status"), self.label_of("ormas_status", &m.status)));
        let region = self.region_link(s.refs.ormas_region[i]);
        facts.push(Fact::link(self.tr("fact.region"), region.name, region.url));
        if let Some(scope) = m.scope {
            facts.push(Fact::text(self.tr("fact.scope"), self.label_of("ormas_scope", &scope)));
        }
        if let Some(f) = m.founded {
            facts.push(Fact::text(self.tr("fact.founded"), self.date_text(&f)));
        }
        if !m.fields.is_empty() {
            facts.push(Fact::text(self.tr("fact.fields"), m.fields.join(", ")));
        }
        if let Some(legal) = &m.legal {
            if let Some(form) = legal.form {
                facts.push(Fact::text(self.tr("fact.legal_form"), self.label_of("legal_form", &form)));
            }
            if let Some(skt) = &legal.skt {
                let mut v = skt.number.clone().unwrap_or_else(|| self.tr("fact.no_number"));
                if let Some(d) = skt.issued {
                    v.push_str(&self.tr_with("fact.issued", &[("date", &self.date_text(&d))]));
                }
                if let Some(d) = skt.expires {
                    v.push_str(&self.tr_with("fact.expires", &[("date", &self.date_text(&d))]));
                }
                if let Some(by) = &skt.issuer {
                    v.push_str(&self.tr_with("fact.issuer", &[("issuer", by)]));
                }
                facts.push(Fact::text(self.tr("fact.skt"), v));
            }
            if let Some(ahu) = &legal.ahu {
                let mut v = ahu.number.clone().unwrap_or_else(|| self.tr("fact.no_number"));
                if let Some(d) = ahu.date {
                    v.push_str(&format!(", {}", self.date_text(&d)));
                }
                facts.push(Fact::text(self.tr("fact.ahu"), v));
            }
        }
        if let Some(a) = &m.address {
            facts.push(Fact::text(self.tr("fact.address"), a.clone()));
        }
        for l in &m.leaders {
            let since =
                l.since.map(|d| self.tr_with("fact.since", &[("date", &self.date_text(&d))])).unwrap_or_default();
            facts.push(Fact::text(
                self.tr("fact.leader"),
                format!("{}{}{since}", l.name, l.role.as_ref().map(|r| format!(", {r}")).unwrap_or_default()),
            ));
        }
        if let Some(c) = &m.contacts {
            if let Some(w) = &c.website {
                facts.push(Fact::link(self.tr("fact.website"), w.clone(), w.clone()));
            }
            if let Some(e) = &c.email {
                facts.push(Fact::link(self.tr("fact.email"), e.clone(), format!("mailto:{e}")));
            }
            if let Some(p) = &c.phone {
                facts.push(Fact::text(self.tr("fact.phone"), p.clone()));
            }
        }
        let related = vec![RelatedGroup {
            title: self.tr("nav.partnerships"),
            items: self.partnership_rows(&s.links.partnerships_by_ormas[i]),
        }];
        let body = r.body();
        let first = Urls::page_of(s, i);
        let mut meta = self.meta(
            &self.page_title(&m.name, n),
            &text::excerpt(&body, text::DESCRIPTION_CHARS),
            path,
            "ormas",
            vec![self.crumb(Section::Ormas)],
        );
        meta.feed = self.entity_feed(&first);
        let shown = Shown {
            kind_label: self.tr("nav.ormas"),
            facts,
            body: Some(&body),
            notes: m.notes.clone(),
            related,
            sources: self.sources(&m.sources),
        };
        let mut page = self.profile(meta, shown, &s.links.activities_by_ormas[i], n, &first)?;
        page.network = if n <= 1 { self.ormas_network(i) } else { None };
        Ok(page)
    }

    pub(super) fn agency_page(&self, i: AgencyIx, n: usize, path: &str) -> tera::TeraResult<Profile<'_>> {
        let s = self.site;
        let r = &s.agencies[i];
        let m = &r.meta;
        let mut facts = Vec::new();
        if let Some(a) = &m.abbreviation {
            facts.push(Fact::text(self.tr("fact.abbreviation"), a.clone()));
        }
        facts.push(Fact::text(self.tr("fact.type"), self.label_of("agency_kind", &m.kind)));
        let region = self.region_link(s.refs.agency_region[i]);
        facts.push(Fact::link(self.tr("fact.region"), region.name, region.url));
        if let Some(parent) = s.refs.agency_parent[i].map(|p| self.agency_link(p)) {
            facts.push(Fact::link(self.tr("fact.parent"), parent.name, parent.url));
        }
        if let Some(w) = &m.website {
            facts.push(Fact::link(self.tr("fact.website"), w.clone(), w.clone()));
        }
        let agency_rows = |list: &[AgencyIx]| list.iter().map(|&g| self.agency_counted(g)).collect();
        let related = vec![
            RelatedGroup { title: self.tr("related.units"), items: agency_rows(&s.links.agency_children[i]) },
            RelatedGroup {
                title: self.tr("related.officials"),
                items: s.links.people_by_agency[i].iter().map(|&p| self.person_counted(p)).collect(),
            },
            RelatedGroup {
                title: self.tr("nav.partnerships"),
                items: self.partnership_rows(&s.links.partnerships_by_agency[i]),
            },
        ];
        let first = Urls::page_of(s, i);
        let mut meta = self.meta(
            &self.page_title(&m.name, n),
            &format!("{} — {}", m.name, self.label_of("agency_kind", &m.kind)),
            path,
            "instansi",
            vec![self.crumb(Section::Agencies)],
        );
        meta.feed = self.entity_feed(&first);
        let shown = Shown {
            kind_label: self.tr("nav.agencies"),
            facts,
            body: None,
            notes: m.notes.clone(),
            related,
            sources: vec![],
        };
        let mut page = self.profile(meta, shown, &s.links.activities_by_agency[i], n, &first)?;
        page.ppid = (n <= 1).then(|| self.ppid_for_agency(i));
        page.network = if n <= 1 { self.agency_network(i) } else { None };
        Ok(page)
    }

    pub(super) fn person_page(&self, i: PersonIx, n: usize, path: &str) -> tera::TeraResult<Profile<'_>> {
        let s = self.site;
        let r = &s.people[i];
        let m = &r.meta;
        let facts = m
            .positions
            .iter()
            .zip(s.refs.position_agencies[i].iter())
            .map(|(p, agency)| {
                let when = match (p.start, p.end) {
                    (Some(a), Some(b)) => format!(" ({}–{})", self.date_text(&a), self.date_text(&b)),
                    (Some(a), None) => self.tr_with("fact.since", &[("date", &self.date_text(&a))]),
                    (None, Some(b)) => self.tr_with("fact.until", &[("date", &self.date_text(&b))]),
                    (None, None) => String::new(),
                };
                match agency {
                    Some(g) => {
                        let text = format!("{}, {}{when}", p.role, s.agency_listing_name(*g));
                        Fact::link(self.tr("fact.position"), text, self.urls.link_to(s, *g))
                    }
                    None => Fact::text(self.tr("fact.position"), format!("{}{when}", p.role)),
                }
            })
            .collect();
        let first = Urls::page_of(s, i);
        let role = m.positions.first().map(|p| p.role.clone()).unwrap_or_default();
        let meta = self.meta(
            &self.page_title(&m.name, n),
            &format!("{} — {role}", m.name),
            path,
            "tokoh",
            vec![self.crumb(Section::People)],
        );
        let shown = Shown {
            kind_label: self.tr("nav.people"),
            facts,
            body: None,
            notes: m.notes.clone(),
            related: vec![],
            sources: vec![],
        };
        let mut page = self.profile(meta, shown, &s.links.activities_by_person[i], n, &first)?;
        page.network = if n <= 1 { self.person_network(i) } else { None };
        Ok(page)
    }

    pub(super) fn region_page(&self, i: RegionIx, n: usize, path: &str) -> tera::TeraResult<Profile<'_>> {
        let s = self.site;
        let region = &s.regions[i];
        let mut facts = vec![Fact::text(self.tr("fact.region_code"), region.code.as_str())];
        if let Some(p) = s.links.region_parent[i] {
            let parent = self.region_link(p);
            facts.push(Fact::link(self.tr("fact.part_of"), parent.name, parent.url));
        }
        let related = vec![
            RelatedGroup {
                title: self.tr("related.regions"),
                items: s.links.region_children[i].iter().map(|&c| self.region_counted(c)).collect(),
            },
            RelatedGroup {
                title: self.tr("nav.agencies"),
                items: s.links.agencies_by_region[i].iter().map(|&g| self.agency_counted(g)).collect(),
            },
            RelatedGroup {
                title: self.tr("nav.ormas"),
                items: s.links.ormas_by_region[i].iter().map(|&o| self.ormas_counted(o)).collect(),
            },
        ];
        let first = Urls::page_of(s, i);
        let mut crumbs = vec![self.crumb(Section::Regions)];
        let outer: Vec<RegionIx> = s.region_chain(i).skip(1).collect();
        crumbs.extend(outer.iter().rev().map(|&a| self.region_link(a)));
        let mut meta = self.meta(
            &self.page_title(&region.name, n),
            &self.tr_with("region.description", &[("region", &region.name)]),
            path,
            "wilayah",
            crumbs,
        );
        meta.feed = self.entity_feed(&first);
        let shown =
            Shown { kind_label: self.tr("nav.regions"), facts, body: None, notes: None, related, sources: vec![] };
        let list = &s.links.activities_by_region[i];
        let mut page = self.profile(meta, shown, list, n, &first)?;
        if n <= 1 {
            page.charts.push(self.kinds_chart(list));
            page.charts.push(self.topics_chart(list));
            if !s.links.region_children[i].is_empty() {
                page.charts.push(self.regions_chart(&s.links.region_children[i]));
            }
            page.charts.retain(|c| !c.is_empty());
        }
        Ok(page)
    }

    pub(super) fn topic_page(&self, i: TopicIx, n: usize, path: &str) -> tera::TeraResult<Profile<'_>> {
        let s = self.site;
        let t = &s.topics[i];
        let mut facts = Vec::new();
        if let Some(en) = &t.name_en {
            facts.push(Fact::text(self.tr("fact.in_english"), en.clone()));
        }
        let first = Urls::page_of(s, i);
        let mut meta = self.meta(
            &self.page_title(&t.name, n),
            t.description.as_deref().unwrap_or(""),
            path,
            "topik",
            vec![self.crumb(Section::Topics)],
        );
        meta.feed = self.entity_feed(&first);
        let shown = Shown {
            kind_label: self.tr("nav.topics"),
            facts,
            body: t.description.as_deref(),
            notes: None,
            related: vec![],
            sources: vec![],
        };
        self.profile(meta, shown, &s.links.activities_by_topic[i], n, &first)
    }

    pub(super) fn partnership_page(&self, i: PartnershipIx, path: &str) -> tera::TeraResult<Profile<'_>> {
        let s = self.site;
        let r = &s.partnerships[i];
        let parties = &s.refs.partnerships[i];
        let m = &r.meta;
        let mut facts = vec![Fact::text(self.tr("fact.type"), self.label_of("partnership_kind", &m.kind))];
        if let Some(no) = &m.number {
            facts.push(Fact::text(self.tr("fact.number"), no.clone()));
        }
        if let Some(d) = m.signed {
            facts.push(Fact::text(self.tr("fact.signed"), self.date_text(&d)));
        }
        if let Some(p) = &m.period {
            let show = |d: Option<PartialDate>| d.map_or("?".to_string(), |d| self.date_text(&d));
            facts.push(Fact::text(self.tr("fact.period"), format!("{} – {}", show(p.start), show(p.end))));
        }
        if let Some(a) = &m.amount {
            facts.push(Fact::text(self.tr("fact.value"), self.i18n.money(a.value, &a.currency)));
        }
        if let Some(b) = m.budget_source {
            facts.push(Fact::text(self.tr("fact.budget_source"), self.label_of("budget_source", &b)));
        }
        if let Some(st) = m.status {
            facts.push(Fact::text(self.tr("fact.status"), self.label_of("partnership_status", &st)));
        }
        for d in &m.documents {
            match &d.url {
                Some(u) => facts.push(Fact::link(self.tr("fact.document"), d.title.clone(), u.clone())),
                None => facts.push(Fact::text(self.tr("fact.document"), d.title.clone())),
            }
        }
        let related = vec![
            RelatedGroup {
                title: self.tr("nav.agencies"),
                items: parties.agencies.iter().map(|&g| self.agency_counted(g)).collect(),
            },
            RelatedGroup {
                title: self.tr("nav.ormas"),
                items: parties.ormas.iter().map(|&o| self.ormas_counted(o)).collect(),
            },
        ];
        let body = r.body();
        let first = Urls::page_of(s, i);
        let meta = self.meta(
            &m.title,
            &text::excerpt(&body, text::DESCRIPTION_CHARS),
            path,
            "kemitraan",
            vec![self.crumb(Section::Partnerships)],
        );
        let shown = Shown {
            kind_label: self.label_of("partnership_kind", &m.kind),
            facts,
            body: Some(&body),
            notes: m.notes.clone(),
            related,
            sources: self.sources(&m.sources),
        };
        let mut page = self.profile(meta, shown, &s.links.activities_by_partnership[i], 1, &first)?;
        page.ppid = self.ppid_for_partnership(i);
        Ok(page)
    }
}
