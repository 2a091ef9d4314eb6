//! Every address the site publishes, in one place, so that a page's path
//! and every link to it can never disagree.

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
