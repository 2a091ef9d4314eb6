//! `site.yaml`'s `host:`: the static host a portal is published to, and the
//! size and file limits that host documents, so `build` can warn before a
//! deploy fails (docs/publishing.md, "Which host fits").

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A static host Terbuka knows the documented limits of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Host {
    /// GitHub Pages: a published site may be no larger than 1 GB.
    GithubPages,
    /// GitLab Pages on GitLab.com: 1 GB of artifacts, 200,000 entries
    /// (files and folders).
    GitlabPages,
    /// Cloudflare Pages, Free plan: 20,000 files, 25 MiB per file.
    CloudflarePages,
    /// Cloudflare Pages, paid plans: 100,000 files, 25 MiB per file.
    CloudflarePagesPaid,
    /// Netlify: no limit on files per deploy, 54,000 files per folder.
    Netlify,
    /// An S3-compatible bucket (AWS S3, MinIO, Wasabi, ...): 5 GB per
    /// single upload, no limit on the number of objects.
    S3,
    /// A plain web server (nginx, Apache): only the disk.
    Nginx,
}

/// What a host accepts; `None` is no documented limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostLimits {
    /// The host's name as its users know it.
    pub name: &'static str,
    /// Total bytes of the site.
    pub bytes: Option<u64>,
    /// Number of files of the site.
    pub files: Option<u64>,
    /// Whether folders count as files (GitLab counts every archive entry).
    pub folders_count: bool,
    /// Bytes of one file.
    pub file_bytes: Option<u64>,
    /// Entries (files and folders) in one folder.
    pub folder_entries: Option<u64>,
    /// Where the host documents these limits.
    pub source: &'static str,
}

const GB: u64 = 1_000_000_000;
const MIB: u64 = 1024 * 1024;

impl Host {
    /// The host's documented limits.
    pub fn limits(self) -> HostLimits {
        let none = HostLimits {
            name: "",
            bytes: None,
            files: None,
            folders_count: false,
            file_bytes: None,
            folder_entries: None,
            source: "",
        };
        match self {
            Host::GithubPages => HostLimits {
                name: "GitHub Pages",
                bytes: Some(GB),
                source: "https://docs.github.com/en/pages/getting-started-with-github-pages/github-pages-limits",
                ..none
            },
            Host::GitlabPages => HostLimits {
                name: "GitLab Pages (GitLab.com)",
                bytes: Some(GB),
                files: Some(200_000),
                folders_count: true,
                source: "https://gitlab.com/gitlab-org/gitlab/-/issues/500273",
                ..none
            },
            Host::CloudflarePages => HostLimits {
                name: "Cloudflare Pages (Free)",
                files: Some(20_000),
                file_bytes: Some(25 * MIB),
                source: "https://developers.cloudflare.com/pages/platform/limits/",
                ..none
            },
            Host::CloudflarePagesPaid => HostLimits {
                name: "Cloudflare Pages (paid plans)",
                files: Some(100_000),
                file_bytes: Some(25 * MIB),
                source: "https://developers.cloudflare.com/pages/platform/limits/",
                ..none
            },
            Host::Netlify => HostLimits {
                name: "Netlify",
                folder_entries: Some(54_000),
                source: "https://docs.netlify.com/site-deploys/overview/",
                ..none
            },
            Host::S3 => HostLimits {
                name: "an S3-compatible bucket",
                file_bytes: Some(5 * GB),
                source: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/upload-objects.html",
                ..none
            },
            Host::Nginx => HostLimits { name: "a web server (nginx)", ..none },
        }
    }

    /// Every host, in the order docs/publishing.md lists them.
    pub const ALL: [Host; 7] = [
        Host::GithubPages,
        Host::GitlabPages,
        Host::CloudflarePages,
        Host::CloudflarePagesPaid,
        Host::Netlify,
        Host::S3,
        Host::Nginx,
    ];
}
