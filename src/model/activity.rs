//! Activities: the meetings and events where government and ormas meet.

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Atom, PartialDate, RegionCode, Source};

/// Front matter of `content/activities/<yyyy>/<id>.md`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Headline of the release.
    pub title: Atom,
    /// Day it took place, as precise as the source.
    pub date: PartialDate,
    /// Start time, when known (`2024-07-12T09:00+07:00`).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_time")]
    #[schemars(with = "Option<String>")]
    pub start: Option<DateTime<FixedOffset>>,
    /// End time, when known.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "opt_time")]
    #[schemars(with = "Option<String>")]
    pub end: Option<DateTime<FixedOffset>>,
    /// What sort of event it was.
    pub kind: ActivityKind,
    /// Region where it took place.
    pub region: RegionCode,
    /// Place, e.g. `Novotel Tangerang`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub venue: Option<Atom>,
    /// Ids of the organising agencies (at least one).
    #[schemars(length(min = 1), inner(pattern(super::ID_PATTERN)), extend("x-terbuka-ref" = "agencies"))]
    pub organizers: Vec<Atom>,
    /// Who took part.
    #[serde(default)]
    pub participants: Participants,
    /// Officials who spoke or attended, with the role held then.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub officials: Vec<Official>,
    /// Topic ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(super::ID_PATTERN)), extend("x-terbuka-ref" = "topics"))]
    pub topics: Vec<Atom>,
    /// Id of the partnership the activity belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(super::ID_PATTERN), extend("x-terbuka-ref" = "partnerships"))]
    pub partnership: Option<Atom>,
    /// Where the facts come from (at least one).
    #[schemars(length(min = 1))]
    pub sources: Vec<Source>,
    /// Editorial note, e.g. where the source contradicts itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

impl Activity {
    /// When it started, as the open formats give it: the start time where
    /// known (RFC 3339), else the date at its own precision.
    pub fn start_text(&self) -> String {
        self.start.map_or_else(|| self.date.to_string(), |t| t.to_rfc3339())
    }
}

/// The kinds of activity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ActivityKind {
    /// Partnership event.
    Kemitraan,
    /// Socialisation: informing the public.
    Sosialisasi,
    /// Coordination meeting.
    RapatKoordinasi,
    /// Audience with officials.
    Audiensi,
    /// Training.
    Pelatihan,
    /// Visit.
    Kunjungan,
    /// Signing of an agreement.
    Penandatanganan,
    /// Handing over of a grant.
    PenyerahanHibah,
    /// Anything else.
    Lainnya,
}

impl ActivityKind {
    /// Every kind, in display order.
    pub const ALL: [ActivityKind; 9] = [
        Self::Kemitraan,
        Self::Sosialisasi,
        Self::RapatKoordinasi,
        Self::Audiensi,
        Self::Pelatihan,
        Self::Kunjungan,
        Self::Penandatanganan,
        Self::PenyerahanHibah,
        Self::Lainnya,
    ];

    /// Label in Bahasa Indonesia.
    pub fn label(self) -> &'static str {
        match self {
            Self::Kemitraan => "Kemitraan",
            Self::Sosialisasi => "Sosialisasi",
            Self::RapatKoordinasi => "Rapat koordinasi",
            Self::Audiensi => "Audiensi",
            Self::Pelatihan => "Pelatihan",
            Self::Kunjungan => "Kunjungan",
            Self::Penandatanganan => "Penandatanganan",
            Self::PenyerahanHibah => "Penyerahan hibah",
            Self::Lainnya => "Lainnya",
        }
    }

    /// The id used in URLs and data (`rapat-koordinasi`).
    pub fn slug(self) -> &'static str {
        match self {
            Self::Kemitraan => "kemitraan",
            Self::Sosialisasi => "sosialisasi",
            Self::RapatKoordinasi => "rapat-koordinasi",
            Self::Audiensi => "audiensi",
            Self::Pelatihan => "pelatihan",
            Self::Kunjungan => "kunjungan",
            Self::Penandatanganan => "penandatanganan",
            Self::PenyerahanHibah => "penyerahan-hibah",
            Self::Lainnya => "lainnya",
        }
    }
}

/// Who took part in an activity besides its organisers.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Participants {
    /// Ids of the ormas the source names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(super::ID_PATTERN)), extend("x-terbuka-ref" = "ormas"))]
    pub ormas: Vec<Atom>,
    /// How many ormas took part, named or not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ormas_count: Option<u32>,
    /// Ids of other agencies present.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(super::ID_PATTERN)), extend("x-terbuka-ref" = "agencies"))]
    pub agencies: Vec<Atom>,
    /// Head count when reported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attendees: Option<u32>,
}

/// An official at an activity: a known person or just a name.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Official {
    /// Id of a person record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(super::ID_PATTERN), extend("x-terbuka-ref" = "people"))]
    pub person: Option<Atom>,
    /// Name, for someone with no person record.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Atom>,
    /// Role held at the time.
    pub role: Atom,
}

/// `start`/`end` accept RFC 3339 with or without seconds, as staff write
/// `2024-07-12T09:00+07:00`.
mod opt_time {
    use chrono::{DateTime, FixedOffset};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Option<DateTime<FixedOffset>>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(t) => s.serialize_str(&t.to_rfc3339()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
        let Some(text) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        parse(&text).map(Some).map_err(serde::de::Error::custom)
    }

    /// Parses `2024-07-12T09:00+07:00` or `2024-07-12T09:00:00+07:00`.
    pub fn parse(text: &str) -> Result<DateTime<FixedOffset>, String> {
        DateTime::parse_from_rfc3339(text)
            .or_else(|_| DateTime::parse_from_str(text, "%Y-%m-%dT%H:%M%:z"))
            .map_err(|_| format!("`{text}` is not a time with its offset; write e.g. `2024-07-12T09:00+07:00`"))
    }
}
