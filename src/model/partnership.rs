//! Partnerships: MoUs, cooperation agreements and grants (hibah).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{PartialDate, Source};

/// Front matter of `content/partnerships/<id>.md`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partnership {
    /// Title of the agreement or grant.
    pub title: String,
    /// What sort of agreement it is.
    pub kind: PartnershipKind,
    /// Document number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Agencies and ormas bound by it.
    pub parties: Parties,
    /// Date of signing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<PartialDate>,
    /// When it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
    /// Money involved, for grants.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Amount>,
    /// Where the money comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_source: Option<BudgetSource>,
    /// Whether it is in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PartnershipStatus>,
    /// Published documents.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    /// Where these facts come from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Editorial note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// The kinds of partnership.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PartnershipKind {
    /// Memorandum of understanding.
    Mou,
    /// Cooperation agreement.
    PerjanjianKerjaSama,
    /// Grant.
    Hibah,
    /// Social assistance.
    BantuanSosial,
}

impl PartnershipKind {
    /// Label in Bahasa Indonesia.
    pub fn label(self) -> &'static str {
        match self {
            Self::Mou => "Nota kesepahaman (MoU)",
            Self::PerjanjianKerjaSama => "Perjanjian kerja sama",
            Self::Hibah => "Hibah",
            Self::BantuanSosial => "Bantuan sosial",
        }
    }

    /// Whether money changes hands, so the record is a grant.
    pub fn is_grant(self) -> bool {
        matches!(self, Self::Hibah | Self::BantuanSosial)
    }
}

/// The sides of a partnership.
#[derive(Debug, Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parties {
    /// Agency ids.
    #[serde(default)]
    #[schemars(inner(pattern(super::ID_PATTERN)), extend("x-terbuka-ref" = "agencies"))]
    pub agencies: Vec<String>,
    /// Ormas ids.
    #[serde(default)]
    #[schemars(inner(pattern(super::ID_PATTERN)), extend("x-terbuka-ref" = "ormas"))]
    pub ormas: Vec<String>,
}

/// A span of time.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<PartialDate>,
    /// Last day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<PartialDate>,
}

/// A sum of money.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Amount {
    /// Value in the currency's unit.
    pub value: u64,
    /// ISO 4217 code, `IDR` by default.
    #[serde(default = "default_currency")]
    pub currency: String,
}

fn default_currency() -> String {
    "IDR".into()
}

/// Where a grant's money comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum BudgetSource {
    /// Regional budget.
    #[serde(rename = "APBD")]
    Apbd,
    /// State budget.
    #[serde(rename = "APBN")]
    Apbn,
    /// Other.
    #[serde(rename = "lainnya")]
    Lainnya,
}

impl BudgetSource {
    /// Label as written in Indonesian documents.
    pub fn label(self) -> &'static str {
        match self {
            Self::Apbd => "APBD",
            Self::Apbn => "APBN",
            Self::Lainnya => "Lainnya",
        }
    }
}

/// Whether a partnership is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PartnershipStatus {
    /// In force.
    Berlaku,
    /// Ended.
    Selesai,
    /// Cancelled.
    Dibatalkan,
}

impl PartnershipStatus {
    /// Label in Bahasa Indonesia.
    pub fn label(self) -> &'static str {
        match self {
            Self::Berlaku => "Berlaku",
            Self::Selesai => "Selesai",
            Self::Dibatalkan => "Dibatalkan",
        }
    }
}

/// A published document of a partnership.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Title of the document.
    pub title: String,
    /// Where to download it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}
