//! The preview's HTTP side: serves the built folder on 127.0.0.1 like a
//! static host (`index.html` for folders, `404.html` for misses, single
//! byte ranges, which the search page reads summaries with), and adds to
//! every HTML page, only here and never in a built site, a small
//! live-reload script and, while the content is broken, a panel with the
//! problems over the last good page. Without a [`Status`] it is a plain
//! static host, which the tests and benchmarks serve built sites with.
//!
//! Live reload is a long poll: the script asks `/__terbuka/reload?v=N` and
//! the server answers as soon as the site's version is no longer `N` (or
//! after a while, to keep proxies happy); a new version reloads the tab.

use std::fs;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use tiny_http::{Header, Request, Response, Server};

use crate::admin::local::LocalBackend;

/// Path prefix of the preview's own endpoints; no site page lives there.
pub const ENDPOINT: &str = "/__terbuka/";

/// The editor's local-repository endpoint, under [`ENDPOINT`].
pub const EDITOR_API: &str = "cms/api/v1";

/// How long a reload request waits for a change before answering anyway.
const LONG_POLL: Duration = Duration::from_secs(25);

/// What the browser should know about the site being previewed, shared by
/// the rebuilding thread and the request threads.
#[derive(Debug, Default)]
pub struct Status {
    state: Mutex<State>,
    changed: Condvar,
}

#[derive(Debug, Default, Clone)]
struct State {
    version: u64,
    problems: Option<Arc<str>>,
}

impl Status {
    /// The site was rebuilt: open tabs reload and the problem panel goes.
    pub fn published(&self) {
        self.update(None);
    }

    /// The content is broken: tabs reload to show `problems` (plain text)
    /// over the last good pages.
    pub fn broken(&self, problems: &str) {
        self.update(Some(Arc::from(problems)));
    }

    fn update(&self, problems: Option<Arc<str>>) {
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        s.version += 1;
        s.problems = problems;
        self.changed.notify_all();
    }

    fn snapshot(&self) -> State {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Waits until the version differs from `seen` or `timeout` passes.
    fn wait_past(&self, seen: u64, timeout: Duration) -> u64 {
        let deadline = Instant::now() + timeout;
        let mut s = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while s.version == seen {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            s = self.changed.wait_timeout(s, left).unwrap_or_else(|e| e.into_inner()).0;
        }
        s.version
    }

    /// Current version (bumped by every rebuild, good or broken).
    pub fn version(&self) -> u64 {
        self.snapshot().version
    }
}

/// A running HTTP server; dropping it stops accepting requests.
pub struct HttpServer {
    server: Arc<Server>,
    handle: Option<thread::JoinHandle<()>>,
    /// The address it listens on (`127.0.0.1:PORT`).
    pub addr: std::net::SocketAddr,
}

impl HttpServer {
    /// Listens on `127.0.0.1:port` (0 picks a free port) and serves `root`:
    /// as the live preview with a `status`, as a plain static host without.
    pub fn start(port: u16, root: PathBuf, status: Option<Arc<Status>>) -> std::io::Result<Self> {
        Self::start_with_editor(port, root, status, None)
    }

    /// [`HttpServer::start`], also answering the web editor's requests
    /// for the local repository (see [`crate::admin::local`]).
    pub fn start_with_editor(
        port: u16,
        root: PathBuf,
        status: Option<Arc<Status>>,
        editor: Option<Arc<LocalBackend>>,
    ) -> std::io::Result<Self> {
        let server = Server::http(("127.0.0.1", port)).map_err(std::io::Error::other)?;
        let addr = server.server_addr().to_ip().ok_or_else(|| std::io::Error::other("the server has no IP address"))?;
        let server = Arc::new(server);
        let accept = server.clone();
        let handle = thread::Builder::new().name("terbuka-http".into()).spawn(move || {
            for request in accept.incoming_requests() {
                let (root, status, editor) = (root.clone(), status.clone(), editor.clone());
                // A thread per request: reload requests wait for minutes.
                let _ = thread::Builder::new().name("terbuka-request".into()).spawn(move || {
                    let _ = respond(request, &root, status.as_deref(), editor.as_deref());
                });
            }
        })?;
        Ok(Self { server, handle: Some(handle), addr })
    }
}

impl Drop for HttpServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header names and values here are ASCII")
}

fn respond(
    mut request: Request,
    root: &Path,
    status: Option<&Status>,
    editor: Option<&LocalBackend>,
) -> std::io::Result<()> {
    let url = request.url().to_string();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let (path, query) = (path.split('#').next().unwrap_or(path), query.split('#').next().unwrap_or(query));
    if let (Some(status), Some(endpoint)) = (status, path.strip_prefix(ENDPOINT)) {
        let no_store = header("Cache-Control", "no-store");
        return match endpoint {
            "reload" => {
                let seen = query.split('&').find_map(|kv| kv.strip_prefix("v=")).and_then(|v| v.parse().ok());
                let version = match seen {
                    Some(seen) => status.wait_past(seen, LONG_POLL),
                    None => status.version(),
                };
                let text = header("Content-Type", "text/plain; charset=utf-8");
                request.respond(Response::from_string(version.to_string()).with_header(text).with_header(no_store))
            }
            EDITOR_API if *request.method() == tiny_http::Method::Post && editor.is_some() => {
                let mut body = Vec::new();
                request.as_reader().read_to_end(&mut body)?;
                let Some((code, answer)) = editor.map(|e| e.handle(&body)) else { return Ok(()) };
                let json = header("Content-Type", "application/json");
                request.respond(
                    Response::from_string(answer.to_string())
                        .with_status_code(code)
                        .with_header(json)
                        .with_header(no_store),
                )
            }
            _ => request.respond(Response::from_string("not found").with_status_code(404)),
        };
    }
    let (code, file) = match resolve(root, path) {
        Some(file) => (200, file),
        None => (404, root.join("404.html")),
    };
    // Taken before the file is read, so a page is never older than the
    // version it reports to the reload script.
    let snapshot = status.map(Status::snapshot);
    let body = match fs::read(&file) {
        Ok(bytes) => bytes,
        // Nothing built yet (the first build failed): an empty page still
        // carries the problem panel and the reload script.
        Err(_) if code == 404 => b"<!doctype html><title>Belum ada situs</title><body></body>".to_vec(),
        Err(_) => return request.respond(Response::from_string("cannot read").with_status_code(500)),
    };
    let kind = content_type(&file);
    let html = kind.starts_with("text/html");
    let range = request.headers().iter().find(|h| h.field.equiv("Range")).map(|h| h.value.as_str().to_string());
    let mut response = match (html, code) {
        (true, _) => Response::from_data(match &snapshot {
            Some(snapshot) => inject(body, snapshot),
            None => body,
        })
        .with_status_code(code),
        (false, 200) => match byte_range(range.as_deref(), body.len()) {
            ByteRange::Whole => Response::from_data(body),
            ByteRange::Part(r) => {
                let content_range = format!("bytes {}-{}/{}", r.start, r.end - 1, body.len());
                Response::from_data(body[r].to_vec())
                    .with_status_code(206)
                    .with_header(header("Content-Range", &content_range))
            }
            ByteRange::Unsatisfiable => Response::from_data(Vec::new())
                .with_status_code(416)
                .with_header(header("Content-Range", &format!("bytes */{}", body.len()))),
        },
        (false, _) => Response::from_data(body).with_status_code(code),
    }
    .with_header(header("Content-Type", kind));
    if !html {
        response = response.with_header(header("Accept-Ranges", "bytes"));
    }
    if status.is_some() {
        // The preview changes under the browser: never serve it from cache.
        response = response.with_header(header("Cache-Control", "no-store"));
    } else if let Ok(rules) = fs::read_to_string(root.join(crate::hosting::FILE)) {
        // As a static host, the site's `_headers` apply, as on Netlify (not
        // in the preview, whose live-reload script is inline).
        for (name, value) in crate::hosting::for_path(&crate::hosting::parse(&rules), path) {
            if let Ok(h) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                response = response.with_header(h);
            }
        }
    }
    request.respond(response)
}

/// What to send for a `Range` header.
#[derive(Debug, PartialEq, Eq)]
pub enum ByteRange {
    /// The whole body (no header, or anything but one byte range).
    Whole,
    /// These bytes, with status 206.
    Part(Range<usize>),
    /// Status 416: the range starts past the end.
    Unsatisfiable,
}

/// The part of a body of `len` bytes that a `Range` header asks for, as
/// static hosts answer it: `bytes=a-b`, `bytes=a-` and `bytes=-n` (the
/// last n bytes).
pub fn byte_range(header: Option<&str>, len: usize) -> ByteRange {
    let Some(spec) = header.and_then(|h| h.trim().strip_prefix("bytes=")) else { return ByteRange::Whole };
    let Some((a, b)) = spec.split_once('-').filter(|_| !spec.contains(',')) else { return ByteRange::Whole };
    let number = |s: &str| s.trim().parse::<usize>().ok();
    let range = match (a.trim().is_empty(), number(a), number(b)) {
        (true, _, Some(n)) if n > 0 => len.saturating_sub(n)..len,
        (false, Some(start), None) if b.trim().is_empty() => start..len,
        (false, Some(start), Some(last)) if last >= start => start..(last + 1).min(len),
        _ => return ByteRange::Whole,
    };
    if range.start >= len { ByteRange::Unsatisfiable } else { ByteRange::Part(range) }
}

/// The file a URL path names under `root`, refusing anything that would
/// step outside it.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path)?;
    let rel = Path::new(decoded.trim_start_matches('/'));
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return None;
    }
    let mut file = root.join(rel);
    if file.is_dir() {
        file = file.join("index.html");
    }
    file.is_file().then_some(file)
}

/// `%20` and friends back to text; `None` for malformed escapes.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        "yml" | "yaml" => "text/yaml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "ics" => "text/calendar; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The live-reload script, for the version the page was served at.
fn reload_script(version: u64) -> String {
    format!(
        "<script data-terbuka-live-reload>(function(){{var v={version};\
         function poll(){{fetch('{ENDPOINT}reload?v='+v,{{cache:'no-store'}})\
         .then(function(r){{return r.text()}})\
         .then(function(t){{if(t.trim()!==String(v)){{location.reload()}}else{{poll()}}}},\
         function(){{setTimeout(poll,1000)}})}}poll()}})();</script>"
    )
}

/// The panel listing the content's problems over the last good page.
fn problem_panel(problems: &str) -> String {
    format!(
        "<div id=\"terbuka-problems\" role=\"alert\" style=\"position:fixed;left:0;right:0;top:0;max-height:75vh;\
         overflow:auto;z-index:2147483647;background:#2a0d0d;color:#fff;border-bottom:4px solid #e5484d;\
         padding:1rem 1.5rem;font:14px/1.45 ui-monospace,monospace\">\
         <p style=\"margin:0 0 .5rem;font-weight:bold\">Konten bermasalah: perbaiki berkas di bawah ini. \
         Halaman yang tampil adalah versi terakhir yang valid.</p>\
         <pre style=\"white-space:pre-wrap;margin:0\">{}</pre></div>",
        escape_html(problems)
    )
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Adds the reload script (and the problem panel) before `</body>`.
fn inject(mut html: Vec<u8>, state: &State) -> Vec<u8> {
    let mut extra = String::new();
    if let Some(problems) = &state.problems {
        extra.push_str(&problem_panel(problems));
    }
    extra.push_str(&reload_script(state.version));
    let at = find_last(&html, b"</body>").unwrap_or(html.len());
    html.splice(at..at, extra.into_bytes());
    html
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_single_byte_ranges_as_static_hosts_do() {
        use ByteRange::*;
        assert_eq!(byte_range(None, 10), Whole);
        assert_eq!(byte_range(Some("bytes=2-5"), 10), Part(2..6));
        assert_eq!(byte_range(Some("bytes=2-"), 10), Part(2..10));
        assert_eq!(byte_range(Some("bytes=-3"), 10), Part(7..10));
        assert_eq!(byte_range(Some("bytes=8-20"), 10), Part(8..10), "clipped to the body");
        assert_eq!(byte_range(Some("bytes=10-12"), 10), Unsatisfiable, "past the end");
        assert_eq!(byte_range(Some("bytes=0-1,4-5"), 10), Whole, "several ranges: the whole body");
        assert_eq!(byte_range(Some("items=0-1"), 10), Whole);
        assert_eq!(byte_range(Some("bytes=5-2"), 10), Whole);
    }

    #[test]
    fn refuses_paths_outside_the_root() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("a.html"), "x").unwrap();
        assert!(resolve(tmp.path(), "/a.html").is_some());
        assert!(resolve(tmp.path(), "/../a.html").is_none());
        assert!(resolve(tmp.path(), "/%2e%2e/a.html").is_none());
    }

    #[test]
    fn injects_script_and_escaped_problems_before_the_body_ends() {
        let state = State { version: 7, problems: Some(Arc::from("bad <b>")) };
        let html = String::from_utf8(inject(b"<html><body><p>x</p></body></html>".to_vec(), &state)).unwrap();
        assert!(html.contains("bad &lt;b&gt;"), "{html}");
        assert!(html.contains("var v=7;"), "{html}");
        assert!(html.ends_with("</script></body></html>"), "{html}");
    }
}
