//! Small value types shared by several kinds of record.

use std::fmt;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, de};

use super::{Atom, PartialDate};

/// A Kemendagri region code such as `36` (Banten) or `36.71` (Kota
/// Tangerang). Its parent is its prefix before the last dot.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct RegionCode(pub Atom);

impl JsonSchema for RegionCode {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "RegionCode".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Kemendagri region code, quoted: \"36\" (province), \"36.71\" (city/regency)",
            "type": "string",
            "x-terbuka-ref": "regions",
            "pattern": "^[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{4})?)?)?$"
        })
    }
}

impl RegionCode {
    /// The code of the region this one lies in (`36` for `36.71`), if any.
    pub fn parent(&self) -> Option<RegionCode> {
        self.0.rsplit_once('.').map(|(p, _)| RegionCode(Atom::new(p)))
    }

    /// The code as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the code has the Kemendagri shape (`NN`, `NN.NN`, ...).
    pub fn is_well_formed(&self) -> bool {
        let mut parts = self.0.split('.');
        let first_ok = parts.next().is_some_and(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()));
        first_ok && parts.all(|p| (p.len() == 2 || p.len() == 4) && p.bytes().all(|b| b.is_ascii_digit()))
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for RegionCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = RegionCode;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a quoted region code such as \"36.71\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RegionCode, E> {
                Ok(RegionCode(Atom::new(v.trim())))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RegionCode, E> {
                Ok(RegionCode(Atom::new(&format!("{v:02}"))))
            }
            // `36.70` unquoted is the number 36.7: the trailing zero is gone,
            // so refuse to guess and ask for quotes.
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RegionCode, E> {
                Err(E::custom(format!(
                    "region code {v} was read as a number; put it in quotes, e.g. \"{v}\", so a code like \"36.70\" keeps its digits"
                )))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// Where a record's facts come from: a news article or an official release.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Address of the article; omitted when the copy we hold has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Headline or document title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Atom>,
    /// Outlet or body that published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Atom>,
    /// Journalist or writer, where named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Atom>,
    /// Editor, where named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editor: Option<Atom>,
    /// Publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PartialDate>,
}

/// `content/site.yaml`: settings for the whole portal.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Portal name shown in every page header.
    pub title: String,
    /// Public address the site is served from; its path is kept in links.
    pub base_url: String,
    /// Content language (BCP 47), `id` by default.
    #[serde(default = "default_language")]
    pub language: String,
    /// One or two sentences on what the portal is.
    #[serde(default)]
    pub description: String,
    /// Who runs the portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<Link>,
    /// Licence of the published data and texts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<Link>,
    /// Entries per page on paginated lists (default 20).
    #[serde(default = "default_per_page")]
    pub per_page: usize,
    /// The portal's own region (its province, or its city or regency):
    /// the region new records start with in the editor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<RegionCode>,
    /// The web editor at `/admin/`: where it commits, whether records are
    /// reviewed, or `enabled: false` to leave it out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub editor: Option<super::EditorSettings>,
    /// Also publish each record as its own JSON file beside its page
    /// (`/kegiatan/<id>.json`, ...; default false: the dataset holds every
    /// record, and one more file per activity is what fills a host).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub record_json: bool,
    /// The static host the site is published to (`github-pages`,
    /// `gitlab-pages`, `cloudflare-pages`, `cloudflare-pages-paid`,
    /// `netlify`, `s3`, `nginx`): `build` warns when the output exceeds its
    /// documented limits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<super::Host>,
}

fn default_language() -> String {
    "id".into()
}

fn default_per_page() -> usize {
    20
}

/// A name with an optional web address.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// Display name.
    pub name: String,
    /// Web address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// One entry of `content/regions.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Kemendagri code; its prefix is the parent region.
    pub code: RegionCode,
    /// Official name, e.g. `Kota Tangerang`.
    pub name: String,
}

/// One entry of `content/topics.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    /// Permanent id, used in `/topik/<id>/`.
    pub id: String,
    /// Name in Bahasa Indonesia.
    pub name: String,
    /// Name in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// What the topic covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}
