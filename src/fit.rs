//! Whether the built site fits the host `site.yaml` names (`host:`): the
//! output's footprint against the host's documented limits, reported as a
//! build warning with the figures (docs/publishing.md, "Which host fits").
//!
//! Measured on the finished staging folder, just before it replaces the
//! output, so the figures are the ones the host will see; nothing is
//! measured when no host is named.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::Diagnostic;
use crate::model::{Host, HostLimits};
use crate::parse::locate::locate;

/// What a built site occupies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Footprint {
    /// Files.
    pub files: u64,
    /// Folders (below the root).
    pub folders: u64,
    /// Bytes of all files.
    pub bytes: u64,
    /// The largest file: its path and bytes.
    pub largest: (String, u64),
    /// The folder with most entries: its path and entry count.
    pub fullest: (String, u64),
}

impl Footprint {
    /// Walks `root` (a built site).
    pub fn measure(root: &Path) -> std::io::Result<Self> {
        let mut f = Footprint::default();
        for entry in walkdir::WalkDir::new(root).min_depth(1) {
            let entry = entry.map_err(std::io::Error::other)?;
            let rel = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_string_lossy().replace('\\', "/");
            if entry.file_type().is_dir() {
                f.folders += 1;
                let entries = std::fs::read_dir(entry.path())?.count() as u64;
                if entries > f.fullest.1 {
                    f.fullest = (format!("{rel}/"), entries);
                }
            } else {
                let bytes = entry.metadata().map_err(std::io::Error::other)?.len();
                f.files += 1;
                f.bytes += bytes;
                if bytes > f.largest.1 {
                    f.largest = (rel, bytes);
                }
            }
        }
        Ok(f)
    }
}

/// One limit of the host that the site exceeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overrun {
    /// What is measured, in the words of the message (`files`, ...).
    pub what: String,
    /// The site's figure.
    pub have: u64,
    /// The host's limit.
    pub limit: u64,
    /// How many activities fit under this limit at the site's figure per
    /// activity (every figure grows with the activities); `None` for a site
    /// without activities.
    pub activities_fit: Option<u64>,
    /// Whether the figures are bytes.
    pub bytes: bool,
}

/// Every limit of `limits` that `f` exceeds, for a site of `activities`.
pub fn overruns(limits: &HostLimits, f: &Footprint, activities: usize) -> Vec<Overrun> {
    let fit = |have: u64, limit: u64| (activities > 0 && have > 0).then(|| limit * activities as u64 / have);
    let mut out = Vec::new();
    let mut check = |what: String, have: u64, limit: Option<u64>, bytes: bool| {
        if let Some(limit) = limit.filter(|&l| have > l) {
            out.push(Overrun { what, have, limit, activities_fit: fit(have, limit), bytes });
        }
    };
    check("bytes in all".into(), f.bytes, limits.bytes, true);
    let entries = if limits.folders_count { f.files + f.folders } else { f.files };
    let what = if limits.folders_count { "files and folders" } else { "files" };
    check(what.into(), entries, limits.files, false);
    check(format!("bytes in its largest file, {}", f.largest.0), f.largest.1, limits.file_bytes, true);
    check(format!("entries in its fullest folder, {}", f.fullest.0), f.fullest.1, limits.folder_entries, false);
    out
}

/// The warning on `site.yaml`'s `host` when the staged site in `staging`
/// exceeds the host's limits, or `None` when it fits (or names no host).
pub fn check(
    host: Option<Host>,
    content_dir: &Path,
    staging: &Path,
    activities: usize,
    record_json: bool,
) -> std::io::Result<Option<Diagnostic>> {
    let Some(host) = host else { return Ok(None) };
    let limits = host.limits();
    let footprint = Footprint::measure(staging)?;
    let over = overruns(&limits, &footprint, activities);
    if over.is_empty() {
        return Ok(None);
    }
    let path = content_dir.join("site.yaml");
    let mut d = Diagnostic::warning(&path, message(&limits, &footprint, &over, activities))
        .with_field("host")
        .with_help(help(&limits, record_json));
    if let Ok(text) = std::fs::read_to_string(&path) {
        let text: Arc<str> = text.into();
        if let Some((s, e)) = locate(&text, "host") {
            d = d.at(&text, s, e);
        }
    }
    Ok(Some(d))
}

fn message(limits: &HostLimits, f: &Footprint, over: &[Overrun], activities: usize) -> String {
    let figures: Vec<String> = over
        .iter()
        .map(|o| {
            let (have, limit) = if o.bytes { (bytes(o.have), bytes(o.limit)) } else { (count(o.have), count(o.limit)) };
            let fit = match o.activities_fit {
                Some(n) => format!(", enough for about {} activities", count(n)),
                None => String::new(),
            };
            format!("{have} {} (limit {limit}{fit})", o.what)
        })
        .collect();
    let per = if activities > 0 {
        format!(
            "; per activity {} and {:.2} files",
            bytes(f.bytes / activities as u64),
            f.files as f64 / activities as f64
        )
    } else {
        String::new()
    };
    format!(
        "the built site does not fit {}: {}. It has {} activities, {} in {} files{per}",
        limits.name,
        figures.join("; "),
        count(activities as u64),
        bytes(f.bytes),
        count(f.files),
    )
}

fn help(limits: &HostLimits, record_json: bool) -> String {
    let json = if record_json {
        "turn off `record_json` (one JSON file per record; the dataset holds them all), or "
    } else {
        ""
    };
    format!(
        "{json}publish to a host with room for it (docs/publishing.md compares them) and name it in `host`; \
         {}'s limits: {}",
        limits.name, limits.source
    )
}

/// `1,234,567`.
fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1.07 GB`, `26.2 MB`, `950 kB`, `12 B` (decimal units, as hosts state them).
fn bytes(n: u64) -> String {
    let n = n as f64;
    if n >= 1e9 {
        format!("{:.2} GB", n / 1e9)
    } else if n >= 1e6 {
        format!("{:.1} MB", n / 1e6)
    } else if n >= 1e3 {
        format!("{:.1} kB", n / 1e3)
    } else {
        format!("{n} B")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn footprint(files: u64, bytes: u64) -> Footprint {
        Footprint {
            files,
            folders: files / 2,
            bytes,
            largest: ("data/x.csv".into(), 1000),
            fullest: ("kegiatan/".into(), 10),
        }
    }

    #[test]
    fn a_site_within_every_limit_has_no_overrun() {
        for host in Host::ALL {
            assert!(overruns(&host.limits(), &footprint(1000, 1_000_000), 500).is_empty(), "{host:?}");
        }
    }

    #[test]
    fn each_exceeded_limit_is_reported_with_the_activities_that_fit() {
        // 2 files and 30 kB per activity at 40,000 activities.
        let f = footprint(80_000, 1_200_000_000);
        let github = overruns(&Host::GithubPages.limits(), &f, 40_000);
        assert_eq!(github.len(), 1);
        assert_eq!((github[0].have, github[0].limit), (1_200_000_000, 1_000_000_000));
        assert_eq!(github[0].activities_fit, Some(33_333));
        let cloudflare = overruns(&Host::CloudflarePages.limits(), &f, 40_000);
        assert_eq!(cloudflare.len(), 1);
        assert_eq!(cloudflare[0].activities_fit, Some(10_000));
        // GitLab counts folders too: 80,000 + 40,000 entries fit its
        // 200,000; its 1 GB does not.
        let gitlab = overruns(&Host::GitlabPages.limits(), &f, 40_000);
        assert_eq!(gitlab.iter().map(|o| o.what.as_str()).collect::<Vec<_>>(), ["bytes in all"]);
        let gitlab = overruns(&Host::GitlabPages.limits(), &footprint(140_000, 10), 70_000);
        assert_eq!(gitlab[0].have, 210_000);
        assert!(overruns(&Host::Nginx.limits(), &f, 40_000).is_empty());
    }

    #[test]
    fn large_files_and_full_folders_count_for_the_hosts_that_limit_them() {
        let mut f = footprint(10, 10);
        f.largest = ("data/kegiatan.csv".into(), 30 * 1024 * 1024);
        f.fullest = ("kegiatan/".into(), 60_000);
        let cloudflare = overruns(&Host::CloudflarePages.limits(), &f, 60_000);
        assert_eq!(cloudflare.len(), 1);
        assert!(cloudflare[0].what.contains("data/kegiatan.csv"));
        assert_eq!(cloudflare[0].activities_fit, Some(50_000));
        let netlify = overruns(&Host::Netlify.limits(), &f, 60_000);
        assert_eq!(netlify.len(), 1);
        assert_eq!(netlify[0].activities_fit, Some(54_000));
    }

    #[test]
    fn measures_a_real_folder() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(tmp.path().join("a/b")).unwrap();
        std::fs::write(tmp.path().join("a/b/x"), b"12345").unwrap();
        std::fs::write(tmp.path().join("a/y"), b"12").unwrap();
        std::fs::write(tmp.path().join("z"), b"1").unwrap();
        let f = Footprint::measure(tmp.path()).unwrap();
        assert_eq!((f.files, f.folders, f.bytes), (3, 2, 8));
        assert_eq!(f.largest, ("a/b/x".into(), 5));
        assert_eq!(f.fullest, ("a/".into(), 2));
    }

    #[test]
    fn figures_read_like_a_person_wrote_them() {
        assert_eq!(count(1_234_567), "1,234,567");
        assert_eq!(count(12), "12");
        assert_eq!(bytes(1_070_000_000), "1.07 GB");
        assert_eq!(bytes(26_214_400), "26.2 MB");
    }
}
