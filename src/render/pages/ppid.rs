//! "Minta dokumen ke PPID": the request for public information (UU 14/2008)
//! that activity, partnership and agency pages offer, addressed to the PPID
//! `site/ppid.rs` finds for the organising agency, for the documents the
//! record implies. The letter's words are the theme's (`_ppid.html` and the
//! catalogue); this gives it the facts, the keys of the documents and the
//! catalogue's sentences filled with the facts.

use serde::Serialize;

use crate::model::PartnershipKind;
use crate::render::Renderer;
use crate::render::context::{LinkView, PageMeta};
use crate::site::{ActivityIx, AgencyIx, PartnershipIx};

/// `/ppid/`: the rights, deadlines and appeal steps of UU 14/2008 that
/// every request section links to, written once rather than on each of a
/// hundred thousand record pages (about 1 kB each).
pub const PPID_GUIDE_PATH: &str = "ppid/";

/// The `/ppid/` page: its words are the theme's (`ppid_guide.html`).
#[derive(Serialize)]
pub(super) struct PpidGuide {
    pub(super) meta: PageMeta,
}

/// What the request section of a page shows.
#[derive(Debug, Serialize)]
pub(crate) struct PpidRequest {
    /// The agency whose record it is (the first organiser, the first
    /// agency party, or the agency of the page).
    about: LinkView,
    /// The agency whose PPID receives the request; none when no PPID is
    /// recorded on the way.
    to: Option<LinkView>,
    /// `own`, `parent`, `regional` or `none`.
    via: &'static str,
    /// The PPID's request form, e-mail and postal address.
    form: Option<String>,
    email: Option<String>,
    address: Option<String>,
    /// `activity`, `partnership` or `agency`.
    record: &'static str,
    /// Title of the record, its date in words and its public address.
    title: String,
    date: Option<String>,
    url: String,
    /// Keys of the documents asked for, in the order the letter lists them
    /// (the theme words each one).
    documents: Vec<&'static str>,
    /// The sentences that fill these facts into the catalogue's words.
    texts: LetterTexts,
}

/// The catalogue's sentences of the request section filled with its facts,
/// as HTML (the facts escaped, as `t(...)` in a template would): filled
/// here once per page, where each `t(...)` call in the template built an
/// argument map (a tenth of the time Tera spends on a record page). Only
/// those the section shows are filled.
#[derive(Debug, Default, Serialize)]
struct LetterTexts {
    /// `ppid.via_<via>`: where the request goes.
    via: String,
    /// `letter.subject`, for the e-mail link (with an e-mail address only).
    subject: Option<String>,
    /// `letter.about_activity` and `letter.organised_by` (activity);
    /// `letter.signed` (a dated partnership) and `letter.between`
    /// (partnership); `letter.about_agency` (agency).
    about_activity: Option<String>,
    organised_by: Option<String>,
    signed: Option<String>,
    between: Option<String>,
    about_agency: Option<String>,
    /// `letter.recorded_at`: the record's public address.
    recorded_at: String,
}

impl Renderer<'_> {
    /// The `/ppid/` page.
    pub(super) fn ppid_guide(&self, path: &str) -> PpidGuide {
        PpidGuide {
            meta: self.meta(&self.tr("ppid_guide.title"), &self.tr("ppid_guide.description"), path, "", vec![]),
        }
    }

    /// The request about an activity, to its first organiser's PPID.
    pub(super) fn ppid_for_activity(&self, i: ActivityIx) -> Option<PpidRequest> {
        let s = self.site;
        let refs = &s.refs.activities[i];
        let &organiser = refs.organizers.first()?;
        let mut documents = vec!["invitation", "attendance", "minutes", "materials", "report", "budget"];
        if let Some(p) = refs.partnership {
            documents.extend(agreement_documents(s.partnerships[p].meta.kind));
        }
        let m = &s.activities[i].meta;
        Some(self.ppid_request(organiser, "activity", &m.title, Some(self.letter_date(&m.date)), i, documents))
    }

    /// The request about a partnership, to its first agency party's PPID.
    pub(super) fn ppid_for_partnership(&self, i: PartnershipIx) -> Option<PpidRequest> {
        let s = self.site;
        let &agency = s.refs.partnerships[i].agencies.first()?;
        let m = &s.partnerships[i].meta;
        let date = m.signed.map(|d| self.letter_date(&d));
        Some(self.ppid_request(agency, "partnership", &m.title, date, i, agreement_documents(m.kind).to_vec()))
    }

    /// The request about an agency's dealings with ormas, to its PPID.
    pub(super) fn ppid_for_agency(&self, g: AgencyIx) -> PpidRequest {
        let documents = vec!["meetings_list", "grants_list", "information_list"];
        let name = self.site.agency_listing_name(g);
        self.ppid_request(g, "agency", &name, None, g, documents)
    }

    /// A date in the letter's language (Indonesian in every catalogue: a
    /// request to an Indonesian public body is written in Indonesian).
    fn letter_date(&self, d: &crate::model::PartialDate) -> String {
        self.i18n.date_in("letter.", d)
    }

    fn ppid_request<R: crate::address::Addressed>(
        &self,
        about: AgencyIx,
        record: &'static str,
        title: &str,
        date: Option<String>,
        address: R,
        documents: Vec<&'static str>,
    ) -> PpidRequest {
        let s = self.site;
        let route = s.ppid[about];
        let contact = route.and_then(|r| s.agencies[r.agency].meta.ppid.as_ref());
        let field = |f: fn(&crate::model::Ppid) -> &Option<String>| {
            contact.and_then(|c| f(c).as_deref()).map(str::trim).filter(|v| !v.is_empty()).map(String::from)
        };
        let mut request = PpidRequest {
            about: self.agency_link(about),
            to: route.map(|r| self.agency_link(r.agency)),
            via: route.map_or("none", |r| r.via.as_str()),
            form: field(|c| &c.form),
            email: field(|c| &c.email),
            address: field(|c| &c.address),
            record,
            title: title.to_string(),
            date,
            url: self.urls.absolute_of(s, address),
            documents,
            texts: LetterTexts::default(),
        };
        request.texts = self.letter_texts(&request);
        request
    }

    /// The sentences `_ppid.html` shows for `r` (see [`LetterTexts`]).
    fn letter_texts(&self, r: &PpidRequest) -> LetterTexts {
        let c = &self.i18n;
        let about = r.about.name.as_str();
        let (url, name) = r.to.as_ref().map_or(("", ""), |to| (to.url.as_str(), to.name.as_str()));
        let via = match r.via {
            "own" => c.fill_html("ppid.via_own", &[("url", url), ("name", name)]),
            "parent" => c.fill_html("ppid.via_parent", &[("about", about), ("url", url), ("name", name)]),
            "regional" => c.fill_html("ppid.via_regional", &[("about", about), ("url", url), ("name", name)]),
            _ => c.fill_html("ppid.via_none", &[("about", about)]),
        };
        let mut texts = LetterTexts {
            via,
            subject: r.email.as_ref().map(|_| c.fill_html("letter.subject", &[("title", &r.title)])),
            recorded_at: c.fill_html("letter.recorded_at", &[("url", &r.url)]),
            ..LetterTexts::default()
        };
        match r.record {
            "activity" => {
                texts.about_activity = Some(c.fill_html("letter.about_activity", &[("title", &r.title)]));
                texts.organised_by = Some(c.fill_html("letter.organised_by", &[("about", about)]));
            }
            "partnership" => {
                texts.signed = r.date.as_ref().map(|d| c.fill_html("letter.signed", &[("date", d)]));
                texts.between = Some(c.fill_html("letter.between", &[("about", about)]));
            }
            _ => texts.about_agency = Some(c.fill_html("letter.about_agency", &[("about", about)])),
        }
        texts
    }
}

/// The documents behind a partnership of this kind.
fn agreement_documents(kind: PartnershipKind) -> &'static [&'static str] {
    match kind {
        PartnershipKind::Mou => &["mou"],
        PartnershipKind::PerjanjianKerjaSama => &["cooperation_agreement", "cooperation_report"],
        PartnershipKind::Hibah => &["grant_proposal", "grant_decree", "grant_agreement", "grant_accountability"],
        PartnershipKind::BantuanSosial => &["grant_proposal", "grant_decree", "aid_accountability"],
    }
}
