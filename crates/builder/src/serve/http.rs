//! The preview's HTTP side: the site's folder served as Netlify serves it (files first,
//! then `/content/*` → 404 and everything else → the app; the headers of `_headers`, so
//! the Content-Security-Policy is the production one), with revalidation instead of
//! long-lived caching, the live script added to every page, and the status long poll.

use std::fs;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use serde_json::json;

use super::httpd::{Reply, Request};
use super::status::{Live, Status};

const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");
/// How long a status request waits for a change before it answers anyway.
const POLL: Duration = Duration::from_secs(25);

/// The most of a request body that is read (the preview's requests carry none).
const MAX_BODY: usize = 1024 * 1024;

/// Answers requests until the process stops (a long poll waits on a thread of its own,
/// holding nothing else up).
pub(crate) fn serve(listener: TcpListener, site: &Path, live: &Arc<Live>) {
    let (site, live) = (site.to_owned(), live.clone());
    if let Err(e) = super::httpd::serve(listener, MAX_BODY, move |request| answer(request, &site, &live).into()) {
        eprintln!("preview: the server stopped: {e}");
    }
}

fn answer(request: &Request, site: &Path, live: &Live) -> Reply {
    let url = request.target.as_str();
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let Some(path) = percent_decode(path) else {
        return Reply::new(400, "bad address");
    };
    // One look at the status per request: the folder, the builds shown, the header rules.
    let state = live.snapshot();
    let base = state.base.clone();
    let Some(rel) =
        path.strip_prefix(base.as_str()).or_else(|| (path.as_str() == base.trim_end_matches('/')).then_some(""))
    else {
        // The site lives in a folder: the root leads there.
        return Reply::new(302, "").header("Location", &base);
    };
    match rel {
        "_masthead/live.js" => return text(LIVE_JS, "text/javascript; charset=utf-8"),
        "_masthead/live.css" => return text(LIVE_CSS, "text/css; charset=utf-8"),
        "_masthead/status" => {
            let since = query.split('&').find_map(|kv| kv.strip_prefix("since=")).and_then(|v| v.parse::<i64>().ok());
            return text(&wait_for_change(live, since.unwrap_or(-1)), "application/json");
        }
        _ => {}
    }
    if rel.split('/').any(|part| part == "..") {
        return Reply::new(400, "bad address");
    }
    // Until this run's first build is done, the folder may hold an older build whose app
    // is being replaced: say the preview is on its way instead.
    if state.content == 0 {
        return building(&state);
    }
    let rules = &state.headers;
    let site_path = format!("/{}", path.trim_start_matches('/'));
    let (status, file) = match find(site, rel) {
        Some(file) => (200, file),
        // As `_redirects` says: every page is a file; anything else is not found.
        None => (404, site.join("404.html")),
    };
    let Ok(meta) = fs::metadata(&file) else { return building(&state) };
    let modified = meta.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map_or(0, |d| d.as_nanos());
    let etag = format!("\"{:x}-{modified:x}\"", meta.len());
    let extension = file.extension().and_then(|e| e.to_str()).unwrap_or_default();
    let is_html = extension == "html";
    let mut headers: Vec<(String, String)> = rules.for_path(&site_path);
    headers.retain(|(name, _)| !name.eq_ignore_ascii_case("cache-control"));
    // The preview revalidates everything: a rebuilt file must never come from a cache.
    headers.push(("Cache-Control".into(), "no-cache".into()));
    if !is_html {
        headers.push(("ETag".into(), etag.clone()));
        if status == 200 && request.header("if-none-match") == Some(etag.as_str()) {
            return Reply { status: 304, headers, body: Vec::new() };
        }
    }
    let Ok(bytes) = fs::read(&file) else { return building(&state) };
    let body = if is_html { with_live_script(&String::from_utf8_lossy(&bytes), &state) } else { bytes };
    if !headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type")) {
        headers.push(("Content-Type".into(), content_type(extension)));
    }
    Reply { status, headers, body }
}

fn text(text: &str, kind: &str) -> Reply {
    Reply::new(200, text).header("Content-Type", kind).header("Cache-Control", "no-store")
}

/// Before the first build there is no site: a page that says so and reloads itself.
fn building(status: &Status) -> Reply {
    let page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Building the preview…</title>\
                </head><body><main><h1>Building the preview…</h1><p>This page shows the site as soon as \
                the first build is done, or lists what stops it.</p></main></body></html>";
    Reply::new(503, with_live_script(page, status))
        .header("Content-Type", "text/html; charset=utf-8")
        .header("Cache-Control", "no-store")
        .header("Retry-After", "2")
}

/// The page with the live script before `</head>`, told which builds it shows.
fn with_live_script(html: &str, s: &Status) -> Vec<u8> {
    let tag = format!(
        "<link rel=\"stylesheet\" href=\"{base}_masthead/live.css\">\n  \
         <script src=\"{base}_masthead/live.js?run={}&amp;content={}&amp;app={}&amp;css={}\" defer></script>\n",
        s.run,
        s.content,
        s.app,
        s.css,
        base = s.base
    );
    let html = without_stylesheet_integrity(&crate::site::template::with_linked_stylesheets(html));
    match html.find("</head>") {
        Some(at) => format!("{}{tag}{}", &html[..at], &html[at..]).into_bytes(),
        None => format!("{tag}{html}").into_bytes(),
    }
}

/// The page's stylesheet links without their `integrity` hashes: the preview swaps edited
/// stylesheets in under the same names, which the build's hashes would refuse.
fn without_stylesheet_integrity(html: &str) -> String {
    const LINK: &str = "<link rel=\"stylesheet\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(LINK) {
        let Some(end) = rest[at..].find('>').map(|e| at + e) else { break };
        out.push_str(&rest[..at]);
        let tag = &rest[at..end];
        match tag.find(" integrity=\"").and_then(|i| tag[i + 12..].find('"').map(|j| (i, i + 12 + j + 1))) {
            Some((from, to)) => {
                out.push_str(&tag[..from]);
                out.push_str(&tag[to..]);
            }
            None => out.push_str(tag),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The status as JSON once its version differs from `since` (at once for -1), or after
/// the poll's time is up.
fn wait_for_change(live: &Live, since: i64) -> String {
    let Ok(mut status) = live.status.lock() else { return "{}".into() };
    let until = std::time::Instant::now() + POLL;
    while i64::try_from(status.version).is_ok_and(|v| v == since) {
        let Some(left) = until.checked_duration_since(std::time::Instant::now()) else { break };
        match live.changed.wait_timeout(status, left) {
            Ok((next, _)) => status = next,
            Err(_) => return "{}".into(),
        }
    }
    let problems: Vec<_> = status
        .problems
        .iter()
        .map(|p| json!({"file": p.file.display().to_string(), "line": p.line, "message": p.message}))
        .collect();
    json!({
        "version": status.version,
        "run": status.run,
        "content": status.content,
        "app": status.app,
        "css": status.css,
        "busy": status.busy,
        "problems": problems,
    })
    .to_string()
}

/// The file for a site path: itself, or a folder's index.html.
fn find(site: &Path, rel: &str) -> Option<PathBuf> {
    let path = site.join(rel);
    let path = if path.is_dir() { path.join("index.html") } else { path };
    path.is_file().then_some(path)
}

/// The Content-Type of a file by its extension: the site's text files as UTF-8, and the
/// rest from mime_guess's table (fonts, every image format, icons…).
fn content_type(extension: &str) -> String {
    match extension.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8".into(),
        "js" | "mjs" => "text/javascript; charset=utf-8".into(),
        "css" => "text/css; charset=utf-8".into(),
        "json" => "application/json".into(),
        "xml" => "application/xml".into(),
        "txt" | "md" => "text/plain; charset=utf-8".into(),
        other => mime_guess::from_ext(other).first_raw().unwrap_or("application/octet-stream").into(),
    }
}

/// A request path decoded. Unlike a query string (`masthead_model::url::percent_decode`),
/// `+` is itself here, and a broken escape is refused rather than kept.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_images_and_icons_have_their_own_content_types() {
        for (extension, want) in [
            ("woff2", "font/woff2"),
            ("woff", "application/font-woff"),
            ("avif", "image/avif"),
            ("gif", "image/gif"),
            ("ico", "image/x-icon"),
            ("JPG", "image/jpeg"),
            ("html", "text/html; charset=utf-8"),
            ("js", "text/javascript; charset=utf-8"),
            ("xml", "application/xml"),
            ("wasm", "application/wasm"),
            ("unknown-kind", "application/octet-stream"),
        ] {
            assert_eq!(content_type(extension), want, "{extension}");
        }
    }

    #[test]
    fn stylesheet_links_lose_their_integrity_hash_and_nothing_else() {
        let html = "<link rel=\"stylesheet\" href=\"/a-0123456789abcdef.css\" integrity=\"sha384-x\"/>\
                    <link rel=\"modulepreload\" href=\"/m.js\" integrity=\"sha384-y\">";
        assert_eq!(
            without_stylesheet_integrity(html),
            "<link rel=\"stylesheet\" href=\"/a-0123456789abcdef.css\"/>\
             <link rel=\"modulepreload\" href=\"/m.js\" integrity=\"sha384-y\">"
        );
    }

    #[test]
    fn addresses_are_decoded_or_refused() {
        assert_eq!(percent_decode("/a%20b").as_deref(), Some("/a b"));
        assert_eq!(percent_decode("/%E2%9C%93").as_deref(), Some("/✓"));
        assert_eq!(percent_decode("/%zz"), None);
        assert_eq!(percent_decode("/%"), None);
    }
}
