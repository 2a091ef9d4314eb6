//! Government bodies and the officials who speak for them.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{PartialDate, RegionCode};

/// `content/agencies/<id>.yaml`: a government body.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// Full official name.
    pub name: String,
    /// Short form used in the press, e.g. `Pemkot Tangerang`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbreviation: Option<String>,
    /// What sort of body it is.
    pub kind: AgencyKind,
    /// Region it governs or sits in.
    pub region: RegionCode,
    /// Id of the agency it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(super::ID_PATTERN), extend("x-terbuka-ref" = "agencies"))]
    pub parent: Option<String>,
    /// Official website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// Ids of records with a similar name that are a different body: the
    /// duplicate-name warning of `check` is not given for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(super::ID_PATTERN)))]
    pub distinct_from: Vec<String>,

    /// Editorial note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Its information and documentation officer (PPID), to whom citizens
    /// send requests for public information under UU 14/2008.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ppid: Option<Ppid>,
}

/// How to reach an agency's PPID (Pejabat Pengelola Informasi dan
/// Dokumentasi). Any one of the fields is enough.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ppid {
    /// Address of its online request form (or its PPID page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// E-mail address requests are sent to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Postal address of its information desk.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

impl Ppid {
    /// Whether it says how to reach the PPID at all.
    pub fn is_reachable(&self) -> bool {
        [&self.form, &self.email, &self.address].iter().any(|f| f.as_deref().is_some_and(|v| !v.trim().is_empty()))
    }
}

/// The kinds of government body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AgencyKind {
    /// Provincial, city or regency government.
    PemerintahDaerah,
    /// Badan Kesatuan Bangsa dan Politik.
    Kesbangpol,
    /// Komisi Pemilihan Umum.
    Kpu,
    /// Badan Pengawas Pemilu.
    Bawaslu,
    /// Regional parliament.
    Dprd,
    /// Police.
    Kepolisian,
    /// Armed forces.
    Tni,
    /// Forum Koordinasi Pimpinan Daerah.
    Forkopimda,
    /// A national ministry.
    Kementerian,
    /// Anything else.
    Lainnya,
}

impl AgencyKind {
    /// Label in Bahasa Indonesia.
    pub fn label(self) -> &'static str {
        match self {
            Self::PemerintahDaerah => "Pemerintah daerah",
            Self::Kesbangpol => "Kesbangpol",
            Self::Kpu => "KPU",
            Self::Bawaslu => "Bawaslu",
            Self::Dprd => "DPRD",
            Self::Kepolisian => "Kepolisian",
            Self::Tni => "TNI",
            Self::Forkopimda => "Forkopimda",
            Self::Kementerian => "Kementerian",
            Self::Lainnya => "Lainnya",
        }
    }
}

/// `content/people/<id>.yaml`: an official.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Name as the sources give it.
    pub name: String,
    /// Roles held, and where, over time.
    #[serde(default)]
    pub positions: Vec<Position>,
    /// Ids of records with a similar name that are a different person: the
    /// duplicate-name warning of `check` is not given for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(super::ID_PATTERN)))]
    pub distinct_from: Vec<String>,

    /// Editorial note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A role an official held.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// Title of the role, e.g. `Ketua KPU Kota Tangerang`.
    pub role: String,
    /// Id of the agency the role is in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(pattern(super::ID_PATTERN), extend("x-terbuka-ref" = "agencies"))]
    pub agency: Option<String>,
    /// When the role began.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<PartialDate>,
    /// When it ended; empty while it lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
}
