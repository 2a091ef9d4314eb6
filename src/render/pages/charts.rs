//! Charts without JavaScript: activities per month on entity pages and the
//! home page, activities by kind, region and topic, grant amounts per year.
//! Each is laid out here as inline-SVG geometry with its numbers, and the
//! theme draws it (`_chart.html`) with a title, a description and the same
//! numbers as a table for screen readers.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::PartialDate;
use crate::render::Renderer;
use crate::site::ActivityIx;

/// Width of every chart's view box.
const WIDTH: u32 = 600;
/// Height of a column chart's plot (labels go below it).
const PLOT: u32 = 120;
/// Height of one row of a bar chart.
const ROW: u32 = 22;
/// Rows a bar chart shows at most.
pub const MAX_BARS: usize = 10;

/// One chart.
#[derive(Debug, Serialize)]
pub(crate) struct Chart {
    /// Id of its title (unique on the page).
    id: &'static str,
    /// `columns` (a series over time) or `bars` (categories).
    shape: &'static str,
    /// What it counts: `activities` or `money`.
    measure: &'static str,
    /// `month`, `year`, `kind`, `region` or `topic`: what each column is.
    by: &'static str,
    height: u32,
    items: Vec<ChartItem>,
    /// Axis ticks (years under a month series).
    ticks: Vec<Tick>,
    /// Activities left out of a month series for want of a month.
    undated: usize,
    /// The largest value, for the description.
    max: u64,
    total: u64,
}

#[derive(Debug, Serialize)]
struct ChartItem {
    label: String,
    value: u64,
    /// The value as the table shows it (`Rp150.000.000` for money).
    text: String,
    x: u32,
    y: u32,
    w: u32,
    h: u32,
}

#[derive(Debug, Serialize)]
struct Tick {
    x: u32,
    label: String,
}

fn scale(value: u64, max: u64, span: u32) -> u32 {
    if max == 0 { 0 } else { ((value as f64 / max as f64) * f64::from(span)).round() as u32 }
}

/// A series of columns, one per `(label, value)`, oldest first.
fn columns(id: &'static str, by: &'static str, measure: &'static str, series: Vec<(String, u64, String)>) -> Chart {
    let max = series.iter().map(|s| s.1).max().unwrap_or(0);
    let n = series.len().max(1) as u32;
    let step = WIDTH / n;
    let w = step.saturating_sub(1).max(1);
    let items = series
        .into_iter()
        .enumerate()
        .map(|(k, (label, value, text))| {
            let h = scale(value, max, PLOT - 10).max(u32::from(value > 0));
            ChartItem { label, value, text, x: k as u32 * step, y: PLOT - h, w, h }
        })
        .collect::<Vec<_>>();
    let total = items.iter().map(|i| i.value).sum();
    Chart { id, shape: "columns", measure, by, height: PLOT + 20, items, ticks: vec![], undated: 0, max, total }
}

/// Rows of bars, largest first, at most [`MAX_BARS`].
fn bars(id: &'static str, by: &'static str, mut rows: Vec<(String, u64)>) -> Chart {
    rows.retain(|r| r.1 > 0);
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows.truncate(MAX_BARS);
    let max = rows.first().map_or(0, |r| r.1);
    // Labels take the left 220 units, the bars the rest, the value after.
    let items = rows
        .into_iter()
        .enumerate()
        .map(|(k, (label, value))| ChartItem {
            text: value.to_string(),
            w: scale(value, max, WIDTH - 280).max(1),
            label,
            value,
            x: 220,
            y: k as u32 * ROW,
            h: ROW - 6,
        })
        .collect::<Vec<_>>();
    let total = items.iter().map(|i| i.value).sum();
    let height = (items.len() as u32 * ROW).max(ROW);
    Chart { id, shape: "bars", measure: "activities", by, height, items, ticks: vec![], undated: 0, max, total }
}

impl Chart {
    /// Whether it has nothing to draw.
    pub(super) fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl Renderer<'_> {
    /// Activities per month of a list, from its first month to its last
    /// (months without any included, so the time axis is true); `None` for
    /// an empty list.
    pub(super) fn months_chart(&self, list: &[ActivityIx]) -> Option<Chart> {
        let mut counts: BTreeMap<(i32, u32), u64> = BTreeMap::new();
        let mut undated = 0;
        for &a in list {
            let d = &self.site.activities[a].meta.date;
            match d.month {
                Some(m) => *counts.entry((d.year, m)).or_default() += 1,
                None => undated += 1,
            }
        }
        let (&first, _) = counts.first_key_value()?;
        let (&last, _) = counts.last_key_value()?;
        let mut series = Vec::new();
        let mut ticks = Vec::new();
        let (mut y, mut m) = first;
        while (y, m) <= last {
            let n = counts.get(&(y, m)).copied().unwrap_or(0);
            if m == 1 || series.is_empty() {
                ticks.push((series.len(), y.to_string()));
            }
            series.push((self.date_text(&PartialDate { year: y, month: Some(m), day: None }), n, n.to_string()));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        let mut chart = columns("grafik-bulan", "month", "activities", series);
        let step = WIDTH / chart.items.len().max(1) as u32;
        // At most about eight year labels, so they never overlap.
        let every = ticks.len().div_ceil(8).max(1);
        chart.ticks = ticks.into_iter().step_by(every).map(|(k, label)| Tick { x: k as u32 * step, label }).collect();
        chart.undated = undated;
        Some(chart)
    }

    /// Activities of a list by kind.
    pub(super) fn kinds_chart(&self, list: &[ActivityIx]) -> Chart {
        let mut counts: BTreeMap<crate::model::ActivityKind, u64> = BTreeMap::new();
        for &a in list {
            *counts.entry(self.site.activities[a].meta.kind).or_default() += 1;
        }
        bars("grafik-jenis", "kind", counts.into_iter().map(|(k, n)| (self.label_of("activity_kind", &k), n)).collect())
    }

    /// Activities of a list by topic.
    pub(super) fn topics_chart(&self, list: &[ActivityIx]) -> Chart {
        let mut counts = vec![0_u64; self.site.topics.len()];
        for &a in list {
            for &t in self.site.refs.activities[a].topics.iter() {
                counts[usize::from(t)] += 1;
            }
        }
        let rows = self.site.topics.iter().zip(counts).map(|(t, n)| (t.name.clone(), n)).collect();
        bars("grafik-topik", "topic", rows)
    }

    /// Activities by region: each of `regions` with every region inside it.
    pub(super) fn regions_chart(&self, regions: &[crate::site::RegionIx]) -> Chart {
        let s = self.site;
        let rows = regions.iter().map(|&r| (s.regions[r].name.clone(), s.links.activities_by_region[r].len() as u64));
        bars("grafik-wilayah", "region", rows.collect())
    }

    /// Grant and aid amounts (rupiah) per year of signing, over every
    /// partnership.
    pub(super) fn grants_chart(&self) -> Option<Chart> {
        let mut sums: BTreeMap<i32, u64> = BTreeMap::new();
        for p in self.site.partnerships.iter() {
            let m = &p.meta;
            if let (true, Some(amount), Some(signed)) = (m.kind.is_grant(), &m.amount, m.signed)
                && amount.currency == "IDR"
            {
                *sums.entry(signed.year).or_default() += amount.value;
            }
        }
        let (&first, _) = sums.first_key_value()?;
        let (&last, _) = sums.last_key_value()?;
        let series = (first..=last)
            .map(|y| {
                let v = sums.get(&y).copied().unwrap_or(0);
                (y.to_string(), v, self.i18n.money(v, "IDR"))
            })
            .collect::<Vec<_>>();
        let mut chart = columns("grafik-hibah", "year", "money", series);
        let step = WIDTH / chart.items.len().max(1) as u32;
        chart.ticks =
            chart.items.iter().enumerate().map(|(k, i)| Tick { x: k as u32 * step, label: i.label.clone() }).collect();
        Some(chart)
    }
}
