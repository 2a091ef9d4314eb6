//! Where a citizen's request for public information about an agency's
//! records goes: its own PPID, else the nearest parent agency's, else the
//! regional government's (UU 14/2008 gives every public body one, and the
//! regional government's "PPID Utama" answers for its units).

use super::validate::warn;
use super::{AgencyIx, RegionIx, Site, Table};
use crate::diagnostic::Diagnostic;
use crate::model::AgencyKind;

/// Whose PPID a request about an agency is addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PpidRoute {
    /// The agency whose PPID receives it.
    pub agency: AgencyIx,
    /// How it was found.
    pub via: PpidVia,
}

/// How a request reaches a PPID.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PpidVia {
    /// The agency's own.
    Own,
    /// An agency above it (`parent`, followed up the chain).
    Parent,
    /// The regional government of its region or a region around it.
    Regional,
}

impl PpidVia {
    /// Stable name for templates.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Own => "own",
            Self::Parent => "parent",
            Self::Regional => "regional",
        }
    }
}

/// The route of every agency, worked out once: a parent walk per agency
/// and one regional government per region, so the whole table costs
/// linear time whatever the number of pages that read it.
pub(super) fn routes(site: &Site) -> Table<AgencyIx, Option<PpidRoute>> {
    let reachable = |g: AgencyIx| site.agencies[g].meta.ppid.as_ref().is_some_and(|p| p.is_reachable());
    // The regional government seated in each region with a reachable PPID
    // (the first by name when there are several).
    let regional: Table<RegionIx, Option<AgencyIx>> = site
        .links
        .agencies_by_region
        .iter()
        .map(|list| {
            list.iter().copied().find(|&g| site.agencies[g].meta.kind == AgencyKind::PemerintahDaerah && reachable(g))
        })
        .collect::<Vec<_>>()
        .into();
    site.agencies
        .keys()
        .map(|g| {
            if reachable(g) {
                return Some(PpidRoute { agency: g, via: PpidVia::Own });
            }
            // The parent chain is checked for loops before linking; the
            // bound keeps a walk finite whatever happens.
            let mut at = g;
            for _ in 0..site.agencies.len() {
                let Some(p) = site.refs.agency_parent[at] else { break };
                if reachable(p) {
                    return Some(PpidRoute { agency: p, via: PpidVia::Parent });
                }
                at = p;
            }
            site.region_chain(site.refs.agency_region[g])
                .find_map(|r| regional[r])
                .map(|agency| PpidRoute { agency, via: PpidVia::Regional })
        })
        .collect::<Vec<_>>()
        .into()
}

/// A warning for each agency whose readers have no PPID to write to: it
/// has none recorded, nor has any agency above it or the government of its
/// region. (Without one of its own but with such a route, its pages name
/// the PPID that answers for it, which is how UU 14/2008 works.)
pub(super) fn warnings(site: &Site, routes: &Table<AgencyIx, Option<PpidRoute>>) -> Vec<Diagnostic> {
    site.agencies
        .iter_enumerated()
        .filter(|&(g, _)| routes[g].is_none())
        .map(|(_, r)| {
            warn(&r.origin, "ppid", "no PPID is recorded for this agency, its parents or its regional government")
                .with_help(
                    "add `ppid:` with the request `form:` address, `email:` or `address:` of its PPID (or of its \
                     regional government's PPID Utama), so its pages can tell citizens where to request documents",
                )
        })
        .collect()
}
