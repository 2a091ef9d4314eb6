//! The pages of ormas, agencies, officials, regions, topics and
//! partnerships: facts, related records and their activities, paginated.

use serde::Serialize;

use super::charts::Chart;
use super::links::{SourceView, format_money, sources};
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
    kind_label: &'static str,
    facts: Vec<Fact>,
    body: Option<String>,
    notes: Option<String>,
    related: Vec<RelatedGroup>,
    sources: Vec<SourceView>,
    activities: Vec<&'a tera::Value>,
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
    title: &'static str,
    items: Vec<Counted>,
}

/// What a profile shows besides its heading and activities.
struct Shown<'a> {
    kind_label: &'static str,
    facts: Vec<Fact>,
    body: Option<&'a str>,
    notes: Option<String>,
    related: Vec<RelatedGroup>,
    sources: Vec<SourceView>,
}

impl Renderer<'_> {
    fn profile(&self, meta: PageMeta, shown: Shown<'_>, list: &[ActivityIx], n: usize, first: &str) -> Profile<'_> {
        let (slice, pagination) = paginate(list, n, self.per_page(), first, &self.urls);
        // Later pages of a long list show only the list, so their body is
        // never rendered (an ormas with 500 activities has 25 pages).
        let body = shown.body.filter(|b| n <= 1 && !b.trim().is_empty()).map(markdown::to_html);
        Profile {
            meta,
            kind_label: shown.kind_label,
            facts: shown.facts,
            body,
            notes: shown.notes,
            related: shown.related,
            sources: shown.sources,
            activities: self.cards(slice),
            pagination,
            first_page: n <= 1,
            ppid: None,
            network: None,
            charts: if n <= 1 { self.months_chart(list).into_iter().collect() } else { vec![] },
        }
    }

    pub(super) fn ormas_page(&self, i: OrmasIx, n: usize, path: &str) -> Profile<'_> {
        let s = self.site;
        let r = &s.ormas[i];
        let m = &r.meta;
        let mut facts = Vec::new();
        if let Some(a) = &m.abbreviation {
            facts.push(Fact::text("Singkatan", a.clone()));
        }
        if !m.other_names.is_empty() {
            facts.push(Fact::text("Nama lain", m.other_names.join(", ")));
        }
        facts.push(Fact::text("Status", m.status.label()));
        let region = self.region_link(s.refs.ormas_region[i]);
        facts.push(Fact::link("Wilayah", region.name, region.url));
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
        let related =
            vec![RelatedGroup { title: "Kemitraan", items: self.partnership_rows(&s.links.partnerships_by_ormas[i]) }];
        let body = r.body();
        let first = Urls::page_of(s, i);
        let mut meta = self.meta(
            &Self::page_title(&m.name, n),
            &text::excerpt(&body, text::DESCRIPTION_CHARS),
            path,
            "ormas",
            vec![self.crumb(Section::Ormas, "Ormas")],
        );
        meta.feed = self.entity_feed(&first);
        let shown = Shown {
            kind_label: "Ormas",
            facts,
            body: Some(&body),
            notes: m.notes.clone(),
            related,
            sources: sources(&m.sources),
        };
        let mut page = self.profile(meta, shown, &s.links.activities_by_ormas[i], n, &first);
        page.network = if n <= 1 { self.ormas_network(i) } else { None };
        page
    }

    pub(super) fn agency_page(&self, i: AgencyIx, n: usize, path: &str) -> Profile<'_> {
        let s = self.site;
        let r = &s.agencies[i];
        let m = &r.meta;
        let mut facts = Vec::new();
        if let Some(a) = &m.abbreviation {
            facts.push(Fact::text("Singkatan", a.clone()));
        }
        facts.push(Fact::text("Jenis", m.kind.label()));
        let region = self.region_link(s.refs.agency_region[i]);
        facts.push(Fact::link("Wilayah", region.name, region.url));
        if let Some(parent) = s.refs.agency_parent[i].map(|p| self.agency_link(p)) {
            facts.push(Fact::link("Induk", parent.name, parent.url));
        }
        if let Some(w) = &m.website {
            facts.push(Fact::link("Situs web", w.clone(), w.clone()));
        }
        let agency_rows = |list: &[AgencyIx]| list.iter().map(|&g| self.agency_counted(g)).collect();
        let related = vec![
            RelatedGroup { title: "Unit di bawahnya", items: agency_rows(&s.links.agency_children[i]) },
            RelatedGroup {
                title: "Pejabat",
                items: s.links.people_by_agency[i].iter().map(|&p| self.person_counted(p)).collect(),
            },
            RelatedGroup { title: "Kemitraan", items: self.partnership_rows(&s.links.partnerships_by_agency[i]) },
        ];
        let first = Urls::page_of(s, i);
        let mut meta = self.meta(
            &Self::page_title(&m.name, n),
            &format!("{} — {}", m.name, m.kind.label()),
            path,
            "instansi",
            vec![self.crumb(Section::Agencies, "Instansi")],
        );
        meta.feed = self.entity_feed(&first);
        let shown =
            Shown { kind_label: "Instansi", facts, body: None, notes: m.notes.clone(), related, sources: vec![] };
        let mut page = self.profile(meta, shown, &s.links.activities_by_agency[i], n, &first);
        page.ppid = (n <= 1).then(|| self.ppid_for_agency(i));
        page.network = if n <= 1 { self.agency_network(i) } else { None };
        page
    }

    pub(super) fn person_page(&self, i: PersonIx, n: usize, path: &str) -> Profile<'_> {
        let s = self.site;
        let r = &s.people[i];
        let m = &r.meta;
        let facts = m
            .positions
            .iter()
            .zip(s.refs.position_agencies[i].iter())
            .map(|(p, agency)| {
                let when = match (p.start, p.end) {
                    (Some(a), Some(b)) => format!(" ({}–{})", a.to_indonesian(), b.to_indonesian()),
                    (Some(a), None) => format!(" (sejak {})", a.to_indonesian()),
                    (None, Some(b)) => format!(" (sampai {})", b.to_indonesian()),
                    (None, None) => String::new(),
                };
                match agency {
                    Some(g) => {
                        let text = format!("{}, {}{when}", p.role, s.agency_listing_name(*g));
                        Fact::link("Jabatan", text, self.urls.link_to(s, *g))
                    }
                    None => Fact::text("Jabatan", format!("{}{when}", p.role)),
                }
            })
            .collect();
        let first = Urls::page_of(s, i);
        let role = m.positions.first().map(|p| p.role.clone()).unwrap_or_default();
        let meta = self.meta(
            &Self::page_title(&m.name, n),
            &format!("{} — {role}", m.name),
            path,
            "tokoh",
            vec![self.crumb(Section::People, "Tokoh")],
        );
        let shown =
            Shown { kind_label: "Tokoh", facts, body: None, notes: m.notes.clone(), related: vec![], sources: vec![] };
        let mut page = self.profile(meta, shown, &s.links.activities_by_person[i], n, &first);
        page.network = if n <= 1 { self.person_network(i) } else { None };
        page
    }

    pub(super) fn region_page(&self, i: RegionIx, n: usize, path: &str) -> Profile<'_> {
        let s = self.site;
        let region = &s.regions[i];
        let mut facts = vec![Fact::text("Kode Kemendagri", region.code.as_str())];
        if let Some(p) = s.links.region_parent[i] {
            let parent = self.region_link(p);
            facts.push(Fact::link("Bagian dari", parent.name, parent.url));
        }
        let related = vec![
            RelatedGroup {
                title: "Wilayah di dalamnya",
                items: s.links.region_children[i].iter().map(|&c| self.region_counted(c)).collect(),
            },
            RelatedGroup {
                title: "Instansi",
                items: s.links.agencies_by_region[i].iter().map(|&g| self.agency_counted(g)).collect(),
            },
            RelatedGroup {
                title: "Ormas",
                items: s.links.ormas_by_region[i].iter().map(|&o| self.ormas_counted(o)).collect(),
            },
        ];
        let first = Urls::page_of(s, i);
        let mut crumbs = vec![self.crumb(Section::Regions, "Wilayah")];
        let outer: Vec<RegionIx> = s.region_chain(i).skip(1).collect();
        crumbs.extend(outer.iter().rev().map(|&a| self.region_link(a)));
        let mut meta = self.meta(
            &Self::page_title(&region.name, n),
            &format!("Kegiatan pemerintah bersama ormas di {}", region.name),
            path,
            "wilayah",
            crumbs,
        );
        meta.feed = self.entity_feed(&first);
        let shown = Shown { kind_label: "Wilayah", facts, body: None, notes: None, related, sources: vec![] };
        let list = &s.links.activities_by_region[i];
        let mut page = self.profile(meta, shown, list, n, &first);
        if n <= 1 {
            page.charts.push(self.kinds_chart(list));
            page.charts.push(self.topics_chart(list));
            if !s.links.region_children[i].is_empty() {
                page.charts.push(self.regions_chart(&s.links.region_children[i]));
            }
            page.charts.retain(|c| !c.is_empty());
        }
        page
    }

    pub(super) fn topic_page(&self, i: TopicIx, n: usize, path: &str) -> Profile<'_> {
        let s = self.site;
        let t = &s.topics[i];
        let mut facts = Vec::new();
        if let Some(en) = &t.name_en {
            facts.push(Fact::text("In English", en.clone()));
        }
        let first = Urls::page_of(s, i);
        let mut meta = self.meta(
            &Self::page_title(&t.name, n),
            t.description.as_deref().unwrap_or(""),
            path,
            "topik",
            vec![self.crumb(Section::Topics, "Topik")],
        );
        meta.feed = self.entity_feed(&first);
        let shown = Shown {
            kind_label: "Topik",
            facts,
            body: t.description.as_deref(),
            notes: None,
            related: vec![],
            sources: vec![],
        };
        self.profile(meta, shown, &s.links.activities_by_topic[i], n, &first)
    }

    pub(super) fn partnership_page(&self, i: PartnershipIx, path: &str) -> Profile<'_> {
        let s = self.site;
        let r = &s.partnerships[i];
        let parties = &s.refs.partnerships[i];
        let m = &r.meta;
        let mut facts = vec![Fact::text("Jenis", m.kind.label())];
        if let Some(no) = &m.number {
            facts.push(Fact::text("Nomor", no.clone()));
        }
        if let Some(d) = m.signed {
            facts.push(Fact::text("Ditandatangani", d.to_indonesian()));
        }
        if let Some(p) = &m.period {
            let show = |d: Option<PartialDate>| d.map_or("?".to_string(), |d| d.to_indonesian());
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
                items: parties.agencies.iter().map(|&g| self.agency_counted(g)).collect(),
            },
            RelatedGroup { title: "Ormas", items: parties.ormas.iter().map(|&o| self.ormas_counted(o)).collect() },
        ];
        let body = r.body();
        let first = Urls::page_of(s, i);
        let meta = self.meta(
            &m.title,
            &text::excerpt(&body, text::DESCRIPTION_CHARS),
            path,
            "kemitraan",
            vec![self.crumb(Section::Partnerships, "Kemitraan")],
        );
        let shown = Shown {
            kind_label: m.kind.label(),
            facts,
            body: Some(&body),
            notes: m.notes.clone(),
            related,
            sources: sources(&m.sources),
        };
        let mut page = self.profile(meta, shown, &s.links.activities_by_partnership[i], 1, &first);
        page.ppid = self.ppid_for_partnership(i);
        page
    }
}
