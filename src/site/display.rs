//! The names a record is shown by, each worked out in one place for every
//! output: an agency's short name, an ormas's listing name, an official's
//! display name, a region's full chain.

use super::{ActivityIx, AgencyIx, OrmasIx, PersonIx, RegionIx, Site};

/// An official at an activity, whether they have a person record or are
/// known only by the name the source gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficialRef<'s> {
    /// Their person record, when they have one.
    pub person: Option<PersonIx>,
    /// Display name: the person record's name, else the name written in
    /// the activity.
    pub name: &'s str,
    /// The role they held at the time.
    pub role: &'s str,
}

impl Site {
    /// An agency as lists of organisers show it: its abbreviation where it
    /// has one (`KPU Kota Tangerang`), else its name.
    pub fn agency_short_name(&self, g: AgencyIx) -> &str {
        let a = &self.agencies[g].meta;
        a.abbreviation.as_deref().unwrap_or(&a.name)
    }

    /// An ormas as the directory lists it: `Name (ABBR)` when the
    /// abbreviation differs from the name.
    pub fn ormas_listing_name(&self, o: OrmasIx) -> String {
        let m = &self.ormas[o].meta;
        match &m.abbreviation {
            Some(a) if a != &m.name => format!("{} ({a})", m.name),
            _ => m.name.clone(),
        }
    }

    /// The officials at an activity, in the record's order.
    pub fn officials(&self, a: ActivityIx) -> impl Iterator<Item = OfficialRef<'_>> + '_ {
        let written = &self.activities[a].meta.officials;
        written.iter().zip(self.refs.activities[a].officials.iter()).map(|(o, &person)| OfficialRef {
            person,
            name: match person {
                Some(p) => &self.people[p].meta.name,
                None => o.name.as_deref().unwrap_or(""),
            },
            role: &o.role,
        })
    }

    /// Names of a region and the regions it lies in, innermost first
    /// (`Kota Tangerang`, `Banten`).
    pub fn region_names(&self, region: RegionIx) -> impl Iterator<Item = &str> + '_ {
        self.region_chain(region).map(|r| self.regions[r].name.as_str())
    }
}
