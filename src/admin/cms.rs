//! The CMS scripts the editor page loads: pinned versions from the npm
//! registry, served by a CDN that mirrors npm packages file for file, each
//! with the Subresource Integrity hash of the file in the npm tarball, so
//! the browser refuses anything else. `.ci/run` installs the same versions
//! (tests/browser/package-lock.json) and a test checks these hashes against
//! the installed files.

use serde::Serialize;

/// One pinned script.
#[derive(Debug, Clone, Copy)]
pub struct Pinned {
    /// npm package name.
    pub package: &'static str,
    /// Exact version.
    pub version: &'static str,
    /// File inside the package.
    pub file: &'static str,
    /// `sha384-...` of that file.
    pub integrity: &'static str,
}

/// What the page's script loader needs.
#[derive(Debug, Serialize)]
pub struct Script {
    /// Address of the file.
    pub src: String,
    /// Its integrity hash.
    pub integrity: &'static str,
}

/// The CDN the scripts are loaded from: its paths are
/// `/npm/<package>@<version>/<file>`, the npm tarball's files unchanged.
pub const CDN: &str = "https://cdn.jsdelivr.net/npm/";

impl Pinned {
    /// The script's address on the CDN.
    pub fn url(&self) -> String {
        format!("{CDN}{}@{}/{}", self.package, self.version, self.file)
    }

    /// Address and hash, for the page.
    pub fn script(&self) -> Script {
        Script { src: self.url(), integrity: self.integrity }
    }
}

/// Decap CMS (chosen over Sveltia CMS: see BENCHMARKS.md, "Editor").
pub const DECAP: Pinned = Pinned {
    package: "decap-cms",
    version: "3.16.3",
    file: "dist/decap-cms.js",
    integrity: "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p",
};

/// js-yaml, which reads and writes the top-level lists of `regions.yaml`
/// and `topics.yaml` (the CMS's own YAML reader wants a mapping there).
pub const JS_YAML: Pinned = Pinned {
    package: "js-yaml",
    version: "5.5.0",
    file: "dist/browser/js-yaml.umd.min.js",
    integrity: "sha384-Q/tEKvm6A6ApUDMhhBKif9TeE92KrNq3Iiu8Etmi2RzhK0l5qurzMtaCuJb4xZVM",
};

/// Every pinned script.
pub const ALL: [Pinned; 2] = [DECAP, JS_YAML];
