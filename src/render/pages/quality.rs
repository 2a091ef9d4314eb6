//! `/kualitas-data/`: the register's own data problems in the open (as
//! LobbyFacts does): per organising agency, how many records, how many with
//! a source link, with named ormas, with an exact date, the median days from
//! an activity to its first commit, and the warnings `check` gives; and the
//! site-wide totals the home page's footer repeats.

use serde::Serialize;

use crate::model::Precision;
use crate::render::Renderer;
use crate::render::context::{LinkView, PageMeta};
use crate::site::ActivityIx;

/// One row of the quality table: an agency's records, or the whole site's.
#[derive(Debug, Clone, Serialize, Default)]
pub(crate) struct Quality {
    records: usize,
    with_source: usize,
    with_ormas: usize,
    exact_date: usize,
    /// Median days from the activity to the commit that first published it,
    /// when the content has a git history.
    median_lag: Option<i64>,
    warnings: usize,
}

#[derive(Serialize)]
struct AgencyQuality {
    agency: LinkView,
    #[serde(flatten)]
    quality: Quality,
}

/// The `/kualitas-data/` page.
#[derive(Serialize)]
pub(super) struct QualityPage {
    pub(super) meta: PageMeta,
    totals: Quality,
    rows: Vec<AgencyQuality>,
}

/// Output path of the quality page.
pub const QUALITY_PATH: &str = "kualitas-data/";

fn median(mut days: Vec<i64>) -> Option<i64> {
    if days.is_empty() {
        return None;
    }
    let mid = days.len() / 2;
    let (_, m, _) = days.select_nth_unstable(mid);
    Some(*m)
}

impl Renderer<'_> {
    /// The quality of a set of activities.
    fn quality_of(&self, list: impl Iterator<Item = ActivityIx>) -> Quality {
        let s = self.site;
        let mut q = Quality::default();
        let mut lags = Vec::new();
        for a in list {
            let r = &s.activities[a];
            let m = &r.meta;
            q.records += 1;
            q.with_source += usize::from(m.sources.iter().any(|src| src.url.is_some()));
            q.with_ormas += usize::from(!m.participants.ormas.is_empty());
            q.exact_date += usize::from(m.date.precision() == Precision::Day);
            q.warnings += self.warnings_of(r.origin.full_path());
            if let Some(h) = self.history_of(r.origin.path()) {
                lags.push((h.first_published - m.date.first_day()).num_days());
            }
        }
        q.median_lag = median(lags);
        q
    }

    /// Quality of the whole register, for the page and the home footer.
    pub(super) fn quality_totals(&self) -> Quality {
        self.quality_of(self.site.activities.keys())
    }

    pub(super) fn quality_page(&self, path: &str) -> QualityPage {
        let s = self.site;
        let rows = s
            .agencies
            .keys()
            .filter_map(|g| {
                // Activities it organised (its back-links also hold those it attended).
                let organised = s.links.activities_by_agency[g]
                    .iter()
                    .copied()
                    .filter(|&a| s.refs.activities[a].organizers.contains(&g));
                let quality = self.quality_of(organised);
                (quality.records > 0).then(|| AgencyQuality { agency: self.agency_link(g), quality })
            })
            .collect();
        QualityPage {
            meta: self.meta(&self.tr("quality.title"), &self.tr("quality.description"), path, "", vec![]),
            totals: self.quality_totals(),
            rows,
        }
    }
}
