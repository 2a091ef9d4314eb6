//! Which grant records the 360Giving standard cannot take as they are,
//! and the `check` warnings that say so: the standard requires of every
//! grant an award date that is a full day, an amount in an ISO 4217
//! currency, a recipient and a funder (a partnership without an ormas and
//! an agency among its parties is already an error). `data::giving` leaves such grants
//! out of `/data/360giving.json`; they stay in `dataset.json`.

use crate::diagnostic::Diagnostic;
use crate::model::{PartialDate, Partnership, Precision};
use crate::parse::locate::locate;

use super::Site;

/// Where the package is published (named in the warnings).
pub const PACKAGE_PATH: &str = "data/360giving.json";

/// What keeps a grant record out of the package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// No `signed` date.
    NoAwardDate,
    /// A `signed` date without its day.
    PartialAwardDate(PartialDate),
    /// No `amount`.
    NoAmount,
    /// A currency that is not three capital letters (ISO 4217).
    Currency(String),
}

impl Gap {
    /// The content field at fault, the message and the fix.
    fn explain(&self) -> (&'static str, String, String) {
        match self {
            Gap::NoAwardDate => (
                "signed",
                "the grant has no award date (`signed`)".into(),
                "add `signed: \"YYYY-MM-DD\"`, the day the grant agreement (NPHD) was signed".into(),
            ),
            Gap::PartialAwardDate(d) => (
                "signed",
                format!("the grant's award date `{d}` has no day"),
                "write the full day it was signed, `signed: \"YYYY-MM-DD\"`, if a source gives it".into(),
            ),
            Gap::NoAmount => (
                "amount",
                "the grant has no amount".into(),
                "add `amount: {value: 150000000, currency: IDR}` with the sum awarded, in rupiah".into(),
            ),
            Gap::Currency(c) => (
                "amount.currency",
                format!("`{c}` is not an ISO 4217 currency code"),
                "write the three-letter code, `IDR` for rupiah".into(),
            ),
        }
    }
}

/// Why a grant record cannot go into the package as it is (empty when it
/// can). Records that are not grants have no gaps.
pub fn gaps(p: &Partnership) -> Vec<Gap> {
    let mut out = Vec::new();
    if !p.kind.is_grant() {
        return out;
    }
    match p.signed {
        None => out.push(Gap::NoAwardDate),
        Some(d) if d.precision() != Precision::Day => out.push(Gap::PartialAwardDate(d)),
        Some(_) => {}
    }
    match &p.amount {
        None => out.push(Gap::NoAmount),
        Some(a) if !(a.currency.len() == 3 && a.currency.bytes().all(|b| b.is_ascii_uppercase())) => {
            out.push(Gap::Currency(a.currency.clone()))
        }
        Some(_) => {}
    }
    out
}

/// A warning for every gap of every grant record, at the field at fault
/// (or the record's `kind` when the field is missing).
pub fn warnings(site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for r in site.partnerships.iter() {
        for gap in gaps(&r.meta) {
            let (field, message, help) = gap.explain();
            let d = Diagnostic::warning(r.origin.full_path(), format!("{message}: it is left out of /{PACKAGE_PATH}"))
                .with_field(field)
                .with_help(format!("{help}; the 360Giving standard requires it of every grant"));
            let Some(text) = r.origin.text() else {
                out.push(d);
                continue;
            };
            let yaml = &text[r.origin.yaml_start..];
            let span = locate(yaml, field).or_else(|| locate(yaml, "kind"));
            out.push(match span {
                Some((s, e)) => d.at(&text, r.origin.yaml_start + s, r.origin.yaml_start + e),
                None => d,
            });
        }
    }
    out
}
