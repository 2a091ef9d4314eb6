//! Ormas: the civil-society organisations the government meets.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{PartialDate, RegionCode, Source};

/// Front matter of `content/ormas/<id>.md`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ormas {
    /// Full registered name.
    pub name: String,
    /// Common short form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbreviation: Option<String>,
    /// Other names the press uses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<String>,
    /// Legal form and registrations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal: Option<Legal>,
    /// When it was founded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub founded: Option<PartialDate>,
    /// Reach of the organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// Fields of activity (bidang kegiatan).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<String>,
    /// Region of its seat.
    pub region: RegionCode,
    /// Postal address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Standing with the authorities.
    pub status: OrmasStatus,
    /// Office holders.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub leaders: Vec<Leader>,
    /// Public contact details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contacts: Option<Contacts>,
    /// Ids of records with a similar name that are a different organisation: the
    /// duplicate-name warning of `check` is not given for them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(inner(pattern(super::ID_PATTERN)))]
    pub distinct_from: Vec<String>,
    /// Where these facts come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Editorial note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Legal form and registrations of an ormas.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Legal {
    /// Legal form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<LegalForm>,
    /// Surat Keterangan Terdaftar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub skt: Option<Skt>,
    /// Registration with the Ministry of Law (AHU).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ahu: Option<Ahu>,
}

/// Legal forms of an ormas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum LegalForm {
    /// An association.
    Perkumpulan,
    /// A foundation.
    Yayasan,
    /// Not a legal entity.
    TidakBerbadanHukum,
}

impl LegalForm {
    /// Label in Bahasa Indonesia.
    pub fn label(self) -> &'static str {
        match self {
            Self::Perkumpulan => "Perkumpulan",
            Self::Yayasan => "Yayasan",
            Self::TidakBerbadanHukum => "Tidak berbadan hukum",
        }
    }
}

/// Surat Keterangan Terdaftar: the registration certificate.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Skt {
    /// Certificate number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Date of issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued: Option<PartialDate>,
    /// Date it lapses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires: Option<PartialDate>,
    /// Issuing body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
}

/// AHU registration with the Ministry of Law.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ahu {
    /// Decree number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Decree date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<PartialDate>,
}

/// Reach of an ormas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// National.
    Nasional,
    /// One province.
    Provinsi,
    /// One city or regency.
    KabupatenKota,
}

impl Scope {
    /// Label in Bahasa Indonesia.
    pub fn label(self) -> &'static str {
        match self {
            Self::Nasional => "Nasional",
            Self::Provinsi => "Provinsi",
            Self::KabupatenKota => "Kabupaten/kota",
        }
    }
}

/// Standing of an ormas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OrmasStatus {
    /// Active.
    Aktif,
    /// No longer active.
    TidakAktif,
    /// Suspended.
    Dibekukan,
    /// Dissolved.
    Dibubarkan,
}

impl OrmasStatus {
    /// Label in Bahasa Indonesia.
    pub fn label(self) -> &'static str {
        match self {
            Self::Aktif => "Aktif",
            Self::TidakAktif => "Tidak aktif",
            Self::Dibekukan => "Dibekukan",
            Self::Dibubarkan => "Dibubarkan",
        }
    }
}

/// An office holder of an ormas.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Leader {
    /// Name.
    pub name: String,
    /// Office, e.g. `Ketua Umum`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Since when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<PartialDate>,
}

/// Public contact details.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contacts {
    /// Website.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Telephone number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}
