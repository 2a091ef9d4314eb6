//! The page of one activity: its facts, who took part, the press-release
//! text and its sources.

use serde::Serialize;

use super::links::{SourceView, sources};
use super::ppid::PpidRequest;
use crate::address::Section;
use crate::render::context::{CardView, Fact, LinkView, PageMeta};
use crate::render::{Renderer, markdown};
use crate::site::ActivityIx;

#[derive(Serialize)]
pub(super) struct ActivityPage<'a> {
    pub(super) meta: PageMeta,
    card: CardView<'a>,
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
    ppid: Option<PpidRequest>,
}

#[derive(Serialize)]
struct OfficialView {
    name: String,
    role: String,
    url: Option<String>,
}

impl Renderer<'_> {
    pub(super) fn activity_page(&self, i: ActivityIx, path: &str) -> ActivityPage<'_> {
        let s = self.site;
        let r = &s.activities[i];
        let refs = &s.refs.activities[i];
        let m = &r.meta;
        let card = self.card_view(i);
        let mut facts =
            vec![Fact::text("Tanggal", card.date.text.clone()), Fact::text("Jenis kegiatan", m.kind.label())];
        if let Some(start) = m.start {
            let end = m.end.map(|e| format!("–{}", e.format("%H.%M"))).unwrap_or_default();
            facts.push(Fact::text("Waktu", format!("{}{end} (UTC{})", start.format("%H.%M"), start.format("%:z"))));
        }
        if let Some(venue) = &m.venue {
            facts.push(Fact::text("Tempat", venue.clone()));
        }
        let chain: Vec<&str> = s.region_names(refs.region).collect();
        facts.push(Fact::link("Wilayah", chain.join(", "), self.urls.link_to(s, refs.region)));
        if let Some(c) = m.participants.ormas_count {
            facts.push(Fact::text("Jumlah ormas", c.to_string()));
        }
        if let Some(c) = m.participants.attendees {
            facts.push(Fact::text("Jumlah peserta", c.to_string()));
        }
        let officials = s
            .officials(i)
            .map(|o| OfficialView {
                name: o.name.to_string(),
                role: o.role.to_string(),
                url: o.person.map(|p| self.urls.link_to(s, p)),
            })
            .collect();
        let meta =
            self.meta(&m.title, r.summary(), path, "kegiatan", vec![self.crumb(Section::Activities, "Kegiatan")]);
        ActivityPage {
            meta,
            card,
            facts,
            organizers: refs.organizers.iter().map(|&g| self.agency_link(g)).collect(),
            ormas: refs.ormas.iter().map(|&o| self.ormas_link(o)).collect(),
            agencies: refs.agencies.iter().map(|&g| self.agency_link(g)).collect(),
            officials,
            topics: refs.topics.iter().map(|&t| self.topic_link(t)).collect(),
            partnership: refs.partnership.map(|p| self.partnership_link(p)),
            body: markdown::to_html(&r.body()),
            notes: m.notes.clone(),
            sources: sources(&m.sources),
            ppid: self.ppid_for_activity(i),
        }
    }
}
