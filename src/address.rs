//! Every address the site publishes, in one place, so that a page's path
//! and every link to it can never disagree: pages, paginated lists, feeds,
//! per-record JSON files and the dataset's record ids. Render, search and
//! data all take their addresses from here.

use crate::model::ActivityKind;
use crate::site::{ActivityIx, AgencyIx, OrmasIx, PartnershipIx, PersonIx, RegionIx, Site, TopicIx};

/// Builds root-relative links that carry `base_url`'s path, and absolute
/// URLs for the formats that need them (sitemap, feeds, canonical).
#[derive(Debug, Clone)]
pub struct Urls {
    /// `https://example.go.id/sub/`, always ending in `/`.
    base_url: String,
    /// `/sub/`, always starting and ending in `/`.
    base_path: String,
}

/// The sections of the site and their Indonesian path names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `/kegiatan/`
    Activities,
    /// `/ormas/`
    Ormas,
    /// `/instansi/`
    Agencies,
    /// `/tokoh/`
    People,
    /// `/wilayah/`
    Regions,
    /// `/topik/`
    Topics,
    /// `/kemitraan/`
    Partnerships,
}

impl Section {
    /// Path segment of the section.
    pub fn slug(self) -> &'static str {
        match self {
            Self::Activities => "kegiatan",
            Self::Ormas => "ormas",
            Self::Agencies => "instansi",
            Self::People => "tokoh",
            Self::Regions => "wilayah",
            Self::Topics => "topik",
            Self::Partnerships => "kemitraan",
        }
    }
}

impl Urls {
    /// Reads `base_url` (`https://host/sub`) into its absolute and path forms.
    pub fn new(base_url: &str) -> Self {
        let trimmed = base_url.trim().trim_end_matches('/');
        let base_url = format!("{trimmed}/");
        let after_scheme = trimmed.split_once("://").map_or(trimmed, |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
        let base_path = format!("{}/", path.trim_end_matches('/'));
        Self { base_url, base_path }
    }

    /// `/sub/`: prefix of every internal link.
    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    /// `https://host/sub/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Root-relative link to an output path (`kegiatan/x/` -> `/sub/kegiatan/x/`).
    pub fn link(&self, output_path: &str) -> String {
        format!("{}{}", self.base_path, output_path)
    }

    /// Absolute URL of an output path.
    pub fn absolute(&self, output_path: &str) -> String {
        format!("{}{}", self.base_url, output_path)
    }

    /// Output path (relative, ending `/`) of a section's index.
    pub fn section(section: Section) -> String {
        format!("{}/", section.slug())
    }

    /// Output path of one record's page.
    pub fn record(section: Section, id: &str) -> String {
        format!("{}/{id}/", section.slug())
    }

    /// Output path of page `n` (1-based) of a list whose first page is `first`.
    pub fn page(first: &str, n: usize) -> String {
        if n <= 1 { first.to_string() } else { format!("{first}halaman/{n}/") }
    }

    /// First page of the activities of one year (`kegiatan/tahun/2024/`).
    pub fn year(year: i32) -> String {
        format!("{}tahun/{year}/", Self::section(Section::Activities))
    }

    /// First page of the activities of one kind (`kegiatan/jenis/audiensi/`).
    pub fn kind(kind: ActivityKind) -> String {
        format!("{}jenis/{}/", Self::section(Section::Activities), kind.slug())
    }

    /// `/jaringan/`: the pairs of ormas and agencies that meet most.
    pub const NETWORK: &'static str = "jaringan/";

    /// The pairs that meet most in one province (`jaringan/wilayah/36/`).
    pub fn network_region(site: &Site, region: RegionIx) -> String {
        format!("{}wilayah/{}/", Self::NETWORK, site.regions[region].code.as_str())
    }

    /// The pairs that meet most in one year (`jaringan/tahun/2024/`).
    pub fn network_year(year: i32) -> String {
        format!("{}tahun/{year}/", Self::NETWORK)
    }

    /// Output path of the Atom feed of the page whose first page is at
    /// `page_path` (`ormas/x/` -> `ormas/x/feed.xml`).
    pub fn feed(page_path: &str) -> String {
        format!("{page_path}feed.xml")
    }

    /// Output path of a record's page.
    pub fn page_of<R: Addressed>(site: &Site, record: R) -> String {
        Self::record(R::SECTION, record.id_in(site))
    }

    /// Root-relative link to a record's page.
    pub fn link_to<R: Addressed>(&self, site: &Site, record: R) -> String {
        self.link(&Self::page_of(site, record))
    }

    /// Absolute URL of a record's page.
    pub fn absolute_of<R: Addressed>(&self, site: &Site, record: R) -> String {
        self.absolute(&Self::page_of(site, record))
    }

    /// Absolute URL of a record's JSON file, when the site publishes one
    /// per record (`record_json: true` in `site.yaml`).
    pub fn json_of<R: Addressed>(&self, site: &Site, record: R) -> Option<String> {
        site.config.record_json.then(|| self.absolute(&json_path(R::SECTION, record.id_in(site))))
    }
}

/// A record position that has a page of its own.
pub trait Addressed: Copy {
    /// The section its page lives in.
    const SECTION: Section;
    /// The id its address is made of (a region's code).
    fn id_in(self, site: &Site) -> &str;
}

macro_rules! addressed {
    ($ix:ty, $section:expr, |$site:ident, $i:ident| $id:expr) => {
        impl Addressed for $ix {
            const SECTION: Section = $section;
            fn id_in(self, $site: &Site) -> &str {
                let $i = self;
                $id
            }
        }
    };
}

addressed!(ActivityIx, Section::Activities, |s, i| &s.activities[i].id);
addressed!(OrmasIx, Section::Ormas, |s, i| &s.ormas[i].id);
addressed!(AgencyIx, Section::Agencies, |s, i| &s.agencies[i].id);
addressed!(PersonIx, Section::People, |s, i| &s.people[i].id);
addressed!(RegionIx, Section::Regions, |s, i| s.regions[i].code.as_str());
addressed!(TopicIx, Section::Topics, |s, i| &s.topics[i].id);
addressed!(PartnershipIx, Section::Partnerships, |s, i| &s.partnerships[i].id);

/// Dataset-wide id of a record, `<section>/<id>` (`ormas/bamus-betawi-1982`):
/// unique across collections, which plain ids are not, and equal to the
/// record's page path without its trailing slash.
pub fn record_id(section: Section, id: &str) -> String {
    format!("{}/{id}", section.slug())
}

/// [`record_id`] of a record position.
pub fn record_id_of<R: Addressed>(site: &Site, record: R) -> String {
    record_id(R::SECTION, record.id_in(site))
}

/// Output path of a record's JSON file, a sibling of its page folder
/// (`kegiatan/<id>.json` beside `kegiatan/<id>/index.html`).
pub fn json_path(section: Section, id: &str) -> String {
    format!("{}/{id}.json", section.slug())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_base_path_of_a_project_site() {
        let u = Urls::new("https://org.github.io/portal");
        assert_eq!(u.base_path(), "/portal/");
        assert_eq!(u.link(&Urls::record(Section::Ormas, "x")), "/portal/ormas/x/");
        assert_eq!(u.absolute("sitemap.xml"), "https://org.github.io/portal/sitemap.xml");
        assert_eq!(Urls::new("https://example.go.id/").base_path(), "/");
        assert_eq!(Urls::page("kegiatan/", 3), "kegiatan/halaman/3/");
    }
}
