//! Who took part in an activity and in what capacity: the one list the
//! dataset's events, the participation CSV and the pages' JSON-LD are all
//! made from, so they cannot disagree.

use super::{ActivityIx, AgencyIx, OrmasIx, PersonIx, Site};

/// Role of an agency that organised an activity.
pub const ORGANIZER: &str = "organizer";
/// Role of an agency or ormas that took part without organising.
pub const PARTICIPANT: &str = "participant";

/// The capacity in which someone took part in an activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ParticipantKind {
    /// A government agency, organiser or participant.
    Agency,
    /// A named ormas.
    Ormas,
    /// An official, known person or just a name.
    Official,
}

impl ParticipantKind {
    /// The value used in the data (`agency`, `ormas`, `official`).
    pub fn slug(self) -> &'static str {
        match self {
            Self::Agency => "agency",
            Self::Ormas => "ormas",
            Self::Official => "official",
        }
    }
}

/// Who took part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Participant {
    /// An agency; `true` when it organised the activity.
    Agency(AgencyIx, bool),
    /// An ormas.
    Ormas(OrmasIx),
    /// The official at this place in the activity's `officials`.
    Official(usize),
}

/// One participation: an agency, ormas or official at an activity. Plain
/// positions, so rows of it can be declared once for every output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Participation {
    /// The activity.
    pub activity: ActivityIx,
    /// Who.
    pub who: Participant,
}

impl Participation {
    /// The capacity.
    pub fn kind(&self) -> ParticipantKind {
        match self.who {
            Participant::Agency(..) => ParticipantKind::Agency,
            Participant::Ormas(_) => ParticipantKind::Ormas,
            Participant::Official(_) => ParticipantKind::Official,
        }
    }

    /// Whether this is an organising agency.
    pub fn organizes(&self) -> bool {
        matches!(self.who, Participant::Agency(_, true))
    }

    /// The person record of an official, when they have one.
    pub fn person(&self, site: &Site) -> Option<PersonIx> {
        match self.who {
            Participant::Official(k) => site.refs.activities[self.activity].officials[k],
            _ => None,
        }
    }

    /// [`ORGANIZER`] or [`PARTICIPANT`] for agencies and ormas; the role
    /// held then for officials.
    pub fn role<'s>(&self, site: &'s Site) -> &'s str {
        match self.who {
            Participant::Agency(_, true) => ORGANIZER,
            Participant::Agency(_, false) | Participant::Ormas(_) => PARTICIPANT,
            Participant::Official(k) => &site.activities[self.activity].meta.officials[k].role,
        }
    }

    /// Record id of who took part (plain, not section-qualified); `None`
    /// for an official known only by name.
    pub fn id<'s>(&self, site: &'s Site) -> Option<&'s str> {
        match self.who {
            Participant::Agency(g, _) => Some(&site.agencies[g].id),
            Participant::Ormas(o) => Some(&site.ormas[o].id),
            Participant::Official(_) => self.person(site).map(|p| site.people[p].id.as_str()),
        }
    }

    /// Display name (full name for agencies and ormas).
    pub fn name<'s>(&self, site: &'s Site) -> &'s str {
        match self.who {
            Participant::Agency(g, _) => &site.agencies[g].meta.name,
            Participant::Ormas(o) => &site.ormas[o].meta.name,
            Participant::Official(k) => site.officials(self.activity).nth(k).map_or("", |o| o.name),
        }
    }

    /// Whether two participations are the same fact: the same record, or
    /// the same official by name and role, in the same capacity.
    fn same_as(&self, other: &Participation, site: &Site) -> bool {
        match (self.who, other.who) {
            (Participant::Official(_), Participant::Official(_)) => {
                self.person(site) == other.person(site)
                    && self.name(site) == other.name(site)
                    && self.role(site) == other.role(site)
            }
            (a, b) => a == b,
        }
    }
}

impl Site {
    /// Every participation in an activity, in content order (organisers,
    /// participating agencies, ormas, officials), each listed once.
    pub fn participations(&self, a: ActivityIx) -> Vec<Participation> {
        let refs = &self.refs.activities[a];
        let mut out: Vec<Participation> =
            Vec::with_capacity(refs.organizers.len() + refs.agencies.len() + refs.ormas.len() + refs.officials.len());
        let all = refs
            .organizers
            .iter()
            .map(|&g| Participant::Agency(g, true))
            .chain(refs.agencies.iter().map(|&g| Participant::Agency(g, false)))
            .chain(refs.ormas.iter().map(|&o| Participant::Ormas(o)))
            .chain((0..refs.officials.len()).map(Participant::Official));
        for who in all {
            let item = Participation { activity: a, who };
            // A record named twice is one participation; lists are short,
            // so a scan is cheaper than a set.
            if !out.iter().any(|p| p.same_as(&item, self)) {
                out.push(item);
            }
        }
        out
    }
}
