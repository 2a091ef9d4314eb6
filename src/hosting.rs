//! Headers for static hosts: the security and caching headers the site
//! should be served with, written as `_headers` (the format Netlify and
//! Cloudflare Pages read), printed as an nginx snippet for
//! `docs/publishing.md`, and read back by the static server in
//! `serve::http`, so tests load every page under them in a real browser.
//!
//! The Content-Security-Policy is as strict as the pages allow: no inline
//! script or style, nothing from other origins except `https:` images a
//! press release may embed. The one inline `<script>` is JSON-LD, a data
//! block that browsers do not run and CSP does not govern.

use crate::address::Urls;
use crate::output::Staging;

/// The file Netlify and Cloudflare Pages read headers from.
pub const FILE: &str = "_headers";

/// What pages may load: scripts, styles, fonts and data from the site
/// itself, images also over https, no plugins, no framing, no `<base>`.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' https: data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; \
     form-action 'self'; base-uri 'none'; frame-ancestors 'none'; object-src 'none'";

/// The site's top level as the rules see it: its folders (`kegiatan/`)
/// and its files (`index.html`), taken from what the build wrote, so a new
/// page family gets the policy without a list to keep by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TopLevel(std::collections::BTreeSet<String>);

impl TopLevel {
    /// The top-level entries of `paths` (`/`-separated, relative to the site).
    pub fn of<'p>(paths: impl IntoIterator<Item = &'p str>) -> Self {
        Self(
            paths
                .into_iter()
                .map(|p| match p.find('/') {
                    Some(i) => p[..=i].to_string(),
                    None => p.to_string(),
                })
                .collect(),
        )
    }

    /// The folders (ending in `/`) and top pages (`""` is the home page)
    /// that carry the policy: every folder but the editor's, and every
    /// HTML file at the top. The editor's folder, `admin/`, cannot run
    /// under the policy: the CMS loads from its pinned CDN address and
    /// injects its own styles, and hosts that read `_headers` join a policy
    /// set twice rather than replace it, so it is left out rather than
    /// overridden. A test loads every page and checks that each one outside
    /// `admin/` has the policy.
    fn with_policy(&self) -> impl Iterator<Item = &str> {
        let home = self.0.contains("index.html").then_some("");
        home.into_iter().chain(
            self.0.iter().map(String::as_str).filter(|e| (e.ends_with('/') && *e != EDITOR) || e.ends_with(".html")),
        )
    }
}

/// The editor's folder.
pub const EDITOR: &str = "admin/";

/// Folders (below the base path) whose every file carries a content hash
/// in its name, so a browser may keep it for a year without asking again.
pub const HASHED: [&str; 2] = ["assets/", "cari/indeks/"];

/// Headers for the URL paths a pattern matches (`/x/*`: everything under
/// `/x/`; otherwise the path itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// `/path` or `/path/*`.
    pub pattern: String,
    /// Name and value, in order.
    pub headers: Vec<(String, String)>,
}

impl Rule {
    /// Whether the rule applies to `path` (a URL path, `/`-rooted).
    pub fn matches(&self, path: &str) -> bool {
        match self.pattern.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == self.pattern,
        }
    }
}

/// The site's rules: security headers everywhere, the Content-Security-
/// Policy on every page but the editor's, long caching for hashed files.
/// No header is set by two rules for one path, because hosts that apply
/// every matching rule join repeated headers with commas.
pub fn rules(base_path: &str, top: &TopLevel) -> Vec<Rule> {
    let security = [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Frame-Options", "DENY"),
        // Open data is for reuse: any site may fetch it (no credentials).
        ("Access-Control-Allow-Origin", "*"),
    ];
    let policy = owned(&[("Content-Security-Policy", CONTENT_SECURITY_POLICY)]);
    let mut rules = vec![Rule { pattern: format!("{base_path}*"), headers: owned(&security) }];
    for entry in top.with_policy() {
        let pattern = if entry.ends_with('/') { format!("{base_path}{entry}*") } else { format!("{base_path}{entry}") };
        rules.push(Rule { pattern, headers: policy.clone() });
    }
    // The editor is for staff, not for search engines.
    rules.push(Rule { pattern: format!("{base_path}{EDITOR}*"), headers: owned(&[("X-Robots-Tag", "noindex")]) });
    for folder in HASHED {
        rules.push(Rule {
            pattern: format!("{base_path}{folder}*"),
            headers: owned(&[("Cache-Control", "public, max-age=31536000, immutable")]),
        });
    }
    rules
}

fn owned(headers: &[(&str, &str)]) -> Vec<(String, String)> {
    headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
}

/// The rules in `_headers` syntax.
pub fn headers_file(rules: &[Rule]) -> String {
    let mut out = String::from("# Headers for Netlify and Cloudflare Pages, written by `terbuka build`.\n");
    for rule in rules {
        out.push_str(&rule.pattern);
        out.push('\n');
        for (name, value) in &rule.headers {
            out.push_str(&format!("  {name}: {value}\n"));
        }
    }
    out
}

/// Reads `_headers` syntax: a path line, then indented `Name: value`
/// lines; `#` starts a comment line.
pub fn parse(text: &str) -> Vec<Rule> {
    let mut rules: Vec<Rule> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !line.starts_with([' ', '\t']) {
            rules.push(Rule { pattern: trimmed.to_string(), headers: Vec::new() });
        } else if let (Some(rule), Some((name, value))) = (rules.last_mut(), trimmed.split_once(':')) {
            rule.headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    rules
}

/// Every header the rules give `path`, in rule order.
pub fn for_path<'r>(rules: &'r [Rule], path: &str) -> impl Iterator<Item = (&'r str, &'r str)> {
    let path = path.to_string();
    rules.iter().filter(move |r| r.matches(&path)).flat_map(|r| r.headers.iter().map(|(n, v)| (n.as_str(), v.as_str())))
}

/// The same rules as nginx `location` blocks. A location with its own
/// `add_header` drops the server's, so each block repeats every header
/// that applies under it.
pub fn nginx(rules: &[Rule]) -> String {
    let mut out = String::new();
    let mut prefixes: Vec<&str> =
        rules.iter().filter(|r| r.pattern.ends_with('*')).map(|r| r.pattern.trim_end_matches('*')).collect();
    // Two rules may share a folder (policy and caching): one block each.
    let mut seen = std::collections::HashSet::new();
    prefixes.retain(|p| seen.insert(*p));
    for prefix in prefixes {
        out.push_str(&format!("location {prefix} {{\n"));
        for (name, value) in for_path(rules, prefix) {
            out.push_str(&format!("    add_header {name} \"{value}\" always;\n"));
        }
        out.push_str("}\n");
    }
    out
}

/// Writes `_headers` for the site's base path and what `out` holds: the
/// last file of the site, so every folder is known.
pub fn write(urls: &Urls, out: &Staging) -> Result<(), crate::data::DataError> {
    crate::data::write(out, FILE, headers_file(&rules(urls.base_path(), &out.top_level())).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site's top level as a build writes it.
    fn top() -> TopLevel {
        TopLevel::of([
            "index.html",
            "404.html",
            "feed.xml",
            "kegiatan/x/index.html",
            "ormas/y/index.html",
            "cari/index.html",
            "cari/indeks/m.json",
            "jaringan/index.html",
            "kualitas-data/index.html",
            "assets/style.0123456789.css",
            "admin/index.html",
        ])
    }

    #[test]
    fn the_file_reads_back_as_written_and_rules_match_by_prefix() {
        let rules = rules("/portal/", &top());
        let parsed = parse(&headers_file(&rules));
        assert_eq!(parsed, rules);
        let page: Vec<_> = for_path(&parsed, "/portal/kegiatan/x/").map(|(n, _)| n).collect();
        assert!(page.contains(&"Content-Security-Policy") && !page.contains(&"Cache-Control"));
        let asset: Vec<_> = for_path(&parsed, "/portal/assets/style.0123456789.css").collect();
        assert!(asset.contains(&("Cache-Control", "public, max-age=31536000, immutable")));
        assert_eq!(for_path(&parsed, "/other/").count(), 0, "outside the base path");
    }

    #[test]
    fn nginx_blocks_repeat_the_security_headers() {
        let text = nginx(&rules("/", &top()));
        let block = |prefix: &str| {
            let start = text.find(&format!("location {prefix} {{")).unwrap();
            text[start..start + text[start..].find('}').unwrap()].to_string()
        };
        assert!(block("/kegiatan/").contains("Content-Security-Policy") && block("/kegiatan/").contains("nosniff"));
        assert!(block("/assets/").contains("Content-Security-Policy") && block("/assets/").contains("immutable"));
        assert!(!block("/admin/").contains("Content-Security-Policy") && block("/admin/").contains("nosniff"));
        assert_eq!(text.matches("immutable").count(), 2);
    }

    #[test]
    fn the_editor_has_no_policy_and_pages_have_one() {
        let rules = rules("/", &top());
        let csp = |path: &str| for_path(&rules, path).any(|(n, _)| n == "Content-Security-Policy");
        for page in ["/", "/index.html", "/404.html", "/kegiatan/x/", "/cari/", "/jaringan/", "/kualitas-data/"] {
            assert!(csp(page), "{page}");
        }
        assert!(!csp("/admin/") && !csp("/feed.xml"));
        assert_eq!(for_path(&rules, "/kegiatan/x/").filter(|(n, _)| *n == "Content-Security-Policy").count(), 1);
    }
}
