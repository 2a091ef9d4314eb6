//! Who meets whom: the counterparts block of ormas, agency and official
//! pages (a list with counts and a small inline SVG picture of it), and the
//! `/jaringan/` pages ranking the pairs that meet most, for the whole
//! register, per province and per year. The counts are the site's
//! (`site/network.rs`); this only lays them out.

use serde::Serialize;

use crate::address::Urls;
use crate::render::Renderer;
use crate::render::context::{LinkView, PageMeta};
use crate::site::network::{Counterpart, Neighbours, Ranking};
use crate::site::{AgencyIx, OrmasIx, PersonIx, RegionIx};

/// The counterparts block of a profile.
#[derive(Debug, Serialize)]
pub(crate) struct NetworkView {
    /// `agencies` (on an ormas page), `ormas` (agency) or `both` (official).
    of: &'static str,
    /// Most met first.
    rows: Vec<MetRow>,
    /// How many distinct counterparts in all.
    total: usize,
    /// The picture: the record in the middle, its counterparts around it.
    svg: Picture,
}

#[derive(Debug, Serialize)]
struct MetRow {
    name: String,
    url: String,
    count: u32,
    /// `ormas` or `agency`.
    kind: &'static str,
}

/// Coordinates of the picture, in its 480 × 260 view box.
#[derive(Debug, Serialize)]
struct Picture {
    center: String,
    nodes: Vec<PictureNode>,
}

#[derive(Debug, Serialize)]
struct PictureNode {
    x: i32,
    y: i32,
    /// Where its label starts and which way it runs (`start`, `end`, `middle`).
    lx: i32,
    ly: i32,
    anchor: &'static str,
    label: String,
    /// Line width, 1 to 6, by shared activities.
    weight: u32,
    kind: &'static str,
}

/// A page of `/jaringan/`.
#[derive(Serialize)]
pub(super) struct NetworkPage {
    pub(super) meta: PageMeta,
    /// The province or year it is about, when filtered.
    scope: Option<String>,
    rows: Vec<PairRow>,
    total: usize,
    years: Vec<FilterLink>,
    provinces: Vec<FilterLink>,
    all: FilterLink,
}

#[derive(Serialize)]
struct PairRow {
    rank: usize,
    ormas: LinkView,
    agency: LinkView,
    count: u32,
}

#[derive(Serialize)]
struct FilterLink {
    name: String,
    url: String,
    current: bool,
}

/// A label short enough for the picture; the list beside it has the full name.
fn short_label(name: &str) -> String {
    const MAX: usize = 18;
    if name.chars().count() <= MAX {
        name.to_string()
    } else {
        let cut: String = name.chars().take(MAX - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

impl Renderer<'_> {
    /// The short label of a counterpart, its full name and address.
    fn counterpart(&self, c: Counterpart) -> (String, MetRow) {
        let s = self.site;
        let (short, link, kind) = match c {
            Counterpart::Ormas(o) => {
                let m = &s.ormas[o].meta;
                (m.abbreviation.clone().unwrap_or_else(|| m.name.clone()), self.ormas_link(o), "ormas")
            }
            Counterpart::Agency(g) => (s.agency_short_name(g).to_string(), self.agency_link(g), "agency"),
        };
        (short_label(&short), MetRow { name: link.name, url: link.url, count: 0, kind })
    }

    fn network_view<T: Copy>(
        &self,
        of: &'static str,
        center: &str,
        met: &Neighbours<T>,
        wrap: fn(T) -> Counterpart,
    ) -> Option<NetworkView> {
        if met.top.is_empty() {
            return None;
        }
        let max = met.top.iter().map(|&(_, n)| n).max().unwrap_or(1).max(1);
        let count = met.top.len();
        // Up to ten neighbours on an ellipse around the middle, the first
        // at the top, clockwise.
        let (cx, cy, rx, ry) = (240.0_f64, 130.0_f64, 100.0_f64, 95.0_f64);
        let mut rows = Vec::with_capacity(count);
        let mut nodes = Vec::with_capacity(count);
        for (k, &(who, n)) in met.top.iter().enumerate() {
            let (label, mut row) = self.counterpart(wrap(who));
            row.count = n;
            let angle = std::f64::consts::TAU * k as f64 / count as f64 - std::f64::consts::FRAC_PI_2;
            let (dx, dy) = (angle.cos(), angle.sin());
            let (x, y) = (cx + rx * dx, cy + ry * dy);
            let anchor = if dx > 0.3 {
                "start"
            } else if dx < -0.3 {
                "end"
            } else {
                "middle"
            };
            let lx = x + 9.0 * dx.signum() * f64::from(u8::from(anchor != "middle"));
            let ly = if anchor == "middle" { y + 18.0 * dy.signum() + 4.0 } else { y + 4.0 };
            nodes.push(PictureNode {
                x: x.round() as i32,
                y: y.round() as i32,
                lx: lx.round() as i32,
                ly: ly.round() as i32,
                anchor,
                label,
                weight: 1 + (5 * n).div_ceil(max).min(5),
                kind: row.kind,
            });
            rows.push(row);
        }
        Some(NetworkView { of, rows, total: met.total, svg: Picture { center: short_label(center), nodes } })
    }

    /// The agencies an ormas met most.
    pub(super) fn ormas_network(&self, o: OrmasIx) -> Option<NetworkView> {
        let m = &self.site.ormas[o].meta;
        let center = m.abbreviation.as_deref().unwrap_or(&m.name);
        self.network_view("agencies", center, &self.site.network.by_ormas[o], Counterpart::Agency)
    }

    /// The ormas an agency met most.
    pub(super) fn agency_network(&self, g: AgencyIx) -> Option<NetworkView> {
        let center = self.site.agency_short_name(g);
        self.network_view("ormas", center, &self.site.network.by_agency[g], Counterpart::Ormas)
    }

    /// The ormas and agencies an official met most.
    pub(super) fn person_network(&self, p: PersonIx) -> Option<NetworkView> {
        let center = &self.site.people[p].meta.name;
        self.network_view("both", center, &self.site.network.by_person[p], |c| c)
    }

    /// `/jaringan/`, or its page for one province or one year.
    pub(super) fn network_page(&self, scope: NetworkScope, path: &str) -> NetworkPage {
        let s = self.site;
        let net = &s.network;
        let empty = Ranking::default();
        let (ranking, scope_name) = match scope {
            NetworkScope::All => (&net.pairs, None),
            NetworkScope::Province(r) => (
                net.by_province.iter().find(|(p, _)| *p == r).map_or(&empty, |(_, k)| k),
                Some(s.regions[r].name.clone()),
            ),
            NetworkScope::Year(y) => {
                (net.by_year.iter().find(|(x, _)| *x == y).map_or(&empty, |(_, k)| k), Some(y.to_string()))
            }
        };
        let rows = ranking
            .top
            .iter()
            .enumerate()
            .map(|(k, p)| PairRow {
                rank: k + 1,
                ormas: self.ormas_link(p.ormas),
                agency: self.agency_link(p.agency),
                count: p.count,
            })
            .collect();
        let link =
            |name: String, target: String| FilterLink { current: target == path, url: self.urls.link(&target), name };
        let years = net.by_year.iter().map(|(y, _)| link(y.to_string(), Urls::network_year(*y))).collect();
        let provinces = net
            .by_province
            .iter()
            .map(|(r, _)| link(s.regions[*r].name.clone(), Urls::network_region(s, *r)))
            .collect();
        let title = match &scope_name {
            Some(name) => self.tr_with("network.scoped_title", &[("scope", name)]),
            None => self.tr("network.title"),
        };
        let crumbs = match scope {
            NetworkScope::All => vec![],
            _ => vec![LinkView { name: self.tr("network.title"), url: self.urls.link(Urls::NETWORK) }],
        };
        NetworkPage {
            meta: self.meta(&title, &self.tr("network.description"), path, "jaringan", crumbs),
            scope: scope_name,
            rows,
            total: ranking.total,
            years,
            provinces,
            all: link(self.tr("network.all"), Urls::NETWORK.to_string()),
        }
    }
}

/// Which pairs a `/jaringan/` page ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NetworkScope {
    /// The whole register.
    All,
    /// Activities in a province (or a region inside it).
    Province(RegionIx),
    /// Activities in a year.
    Year(i32),
}
