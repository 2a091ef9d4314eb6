//! The headers the build writes for static hosts (`_headers`), applied by
//! the project's static server as Netlify would, with every page of the
//! seed site loaded in a real headless Chromium: no page type, the search
//! page with results included, breaks the Content-Security-Policy.

mod common;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::{StaticServer, build, chromium, repo};
use headless_chrome::Tab;
use headless_chrome::protocol::cdp::Page::AddScriptToEvaluateOnNewDocument;

/// Records every CSP violation a page reports, from before its first byte
/// (a script the browser adds, which the page's policy does not govern).
const RECORD_VIOLATIONS: &str = "window.__csp = []; document.addEventListener('securitypolicyviolation', \
     (e) => window.__csp.push(`${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`));";

/// The status line and headers of a GET, lowercased names.
fn head(origin: &str, path: &str) -> Vec<(String, String)> {
    let mut stream = TcpStream::connect(origin.trim_start_matches("http://")).unwrap();
    write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut text = Vec::new();
    stream.read_to_end(&mut text).unwrap();
    let text = String::from_utf8_lossy(&text);
    let head = text.split("\r\n\r\n").next().unwrap();
    head.lines()
        .skip(1)
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect()
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

fn violations(tab: &Tab) -> Vec<String> {
    let v = tab.evaluate("JSON.stringify(window.__csp || ['the recorder did not run'])", false).unwrap();
    serde_json::from_str(v.value.unwrap().as_str().unwrap()).unwrap()
}

fn wait_for(tab: &Tab, condition: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while tab.evaluate(&format!("!!({condition})"), false).unwrap().value != Some(serde_json::Value::Bool(true)) {
        assert!(Instant::now() < deadline, "timed out waiting for {condition}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn every_page_satisfies_the_content_security_policy() {
    let site = build(&repo().join("content"));
    // A page that breaks the policy, to show the header is applied and the
    // recorder sees violations.
    std::fs::write(
        site.public.join("kegiatan/csp-probe.html"),
        "<!doctype html><title>x</title><style>p{color:red}</style><script>document.title='ran'</script><p>x</p>",
    )
    .unwrap();
    let server = StaticServer::start(&site.public);

    let page = head(&server.origin, "/");
    let csp = header(&page, "content-security-policy").expect("pages carry a CSP");
    assert_eq!(csp, terbuka::hosting::CONTENT_SECURITY_POLICY);
    assert_eq!(header(&page, "x-content-type-options"), Some("nosniff"));
    assert_eq!(header(&page, "referrer-policy"), Some("strict-origin-when-cross-origin"));
    assert_eq!(header(&page, "cache-control"), None, "pages are not cached for long");
    let asset = walkdir::WalkDir::new(site.public.join("assets"))
        .into_iter()
        .map(Result::unwrap)
        .find(|e| e.file_type().is_file() && e.file_name().to_string_lossy().starts_with("style."));
    let asset = asset.expect("a hashed stylesheet");
    let rel = asset.path().strip_prefix(&site.public).unwrap().to_string_lossy().into_owned();
    let cached = head(&server.origin, &format!("/{rel}"));
    assert_eq!(header(&cached, "cache-control"), Some("public, max-age=31536000, immutable"));
    assert!(header(&cached, "content-security-policy").is_some());

    let browser = chromium();
    let tab = browser.new_tab().unwrap();
    tab.call_method(AddScriptToEvaluateOnNewDocument {
        source: RECORD_VIOLATIONS.into(),
        world_name: None,
        include_command_line_api: None,
        run_immediately: None,
    })
    .unwrap();

    tab.navigate_to(&format!("{}/kegiatan/csp-probe.html", server.origin)).unwrap().wait_until_navigated().unwrap();
    let probe = violations(&tab);
    assert!(probe.iter().any(|v| v.starts_with("script-src-elem")), "inline script not reported: {probe:?}");
    assert!(probe.iter().any(|v| v.starts_with("style-src-elem")), "inline style not reported: {probe:?}");
    std::fs::remove_file(site.public.join("kegiatan/csp-probe.html")).unwrap();

    // Every HTML page of the site: each page type, every list and record.
    let mut pages: Vec<String> = walkdir::WalkDir::new(&site.public)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(&site.public).unwrap().to_string_lossy().into_owned();
            format!("/{}", rel.trim_end_matches("index.html"))
        })
        .collect();
    pages.sort();
    assert!(pages.len() > 40, "only {} pages", pages.len());
    let mut broken = Vec::new();
    for path in &pages {
        // Every page has the policy but the editor's (see `hosting::TopLevel`).
        let has_policy = header(&head(&server.origin, path), "content-security-policy").is_some();
        assert_eq!(has_policy, !path.starts_with("/admin/"), "{path}: policy header present = {has_policy}");
        if !has_policy {
            continue;
        }
        tab.navigate_to(&format!("{}{path}", server.origin)).unwrap().wait_until_navigated().unwrap();
        for v in violations(&tab) {
            broken.push(format!("{path}: {v}"));
        }
    }
    // The search page at work: the script loads, fetches the index (ranges
    // included) and shows results.
    tab.navigate_to(&format!("{}/cari/?q=ormas", server.origin)).unwrap().wait_until_navigated().unwrap();
    wait_for(&tab, "document.getElementById('cari').dataset.state === 'ready'");
    wait_for(&tab, "document.querySelectorAll('#hasil > li').length > 0");
    for v in violations(&tab) {
        broken.push(format!("/cari/?q=ormas: {v}"));
    }
    assert!(broken.is_empty(), "CSP violations:\n{}", broken.join("\n"));
}

/// The nginx snippet in docs/publishing.md is the one the code prints, so
/// the documented headers cannot drift from `_headers`.
#[test]
fn publishing_docs_carry_the_current_nginx_snippet() {
    let docs = std::fs::read_to_string(repo().join("docs/publishing.md")).unwrap();
    let site = build(&repo().join("content"));
    let headers = std::fs::read_to_string(site.public.join(terbuka::hosting::FILE)).unwrap();
    let snippet = terbuka::hosting::nginx(&terbuka::hosting::parse(&headers));
    assert!(docs.contains(&snippet), "docs/publishing.md lacks the current nginx snippet:\n{snippet}");
}
