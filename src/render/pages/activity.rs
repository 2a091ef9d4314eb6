//! The page of one activity: its facts, who took part, the press-release
//! text and its sources.

use serde::Serialize;

use super::links::SourceView;
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
        let mut facts = vec![
            Fact::text(self.tr("fact.date"), card.date.text.clone()),
            Fact::text(self.tr("fact.kind"), card.kind.clone()),
        ];
        if let Some(start) = m.start {
            // A chrono format from the catalogue (`%H.%M` in Indonesian).
            let clock = self.tr("time.clock");
            let end = m.end.map(|e| format!("–{}", e.format(&clock))).unwrap_or_default();
            let start_text = format!("{}{end}", start.format(&clock));
            let zone = start.format("%:z").to_string();
            facts.push(Fact::text(
                self.tr("fact.time"),
                self.tr_with("time.with_zone", &[("time", &start_text), ("zone", &zone)]),
            ));
        }
        if let Some(venue) = &m.venue {
            facts.push(Fact::text(self.tr("fact.venue"), venue.to_string()));
        }
        let chain: Vec<&str> = s.region_names(refs.region).collect();
        facts.push(Fact::link(self.tr("fact.region"), chain.join(", "), self.urls.link_to(s, refs.region)));
        if let Some(c) = m.participants.ormas_count {
            facts.push(Fact::text(self.tr("fact.ormas_count"), c.to_string()));
        }
        if let Some(c) = m.participants.attendees {
            facts.push(Fact::text(self.tr("fact.attendees"), c.to_string()));
        }
        let officials = s
            .officials(i)
            .map(|o| OfficialView {
                name: o.name.to_string(),
                role: o.role.to_string(),
                url: o.person.map(|p| self.urls.link_to(s, p)),
            })
            .collect();
        let meta = self.meta(&m.title, r.summary(), path, "kegiatan", vec![self.crumb(Section::Activities)]);
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
            sources: self.sources(&m.sources),
            ppid: self.ppid_for_activity(i),
        }
    }
}
