//! Which URLs content may carry, checked when the JSON is built and again when it is read.

/// Where the JSON contract lives on the host.
pub const CONTENT_ROOT: &str = "/content/";

/// The site path of a file of the contract: `content_path("site.json")` is `/content/site.json`.
pub fn content_path(file: &str) -> String {
    format!("{CONTENT_ROOT}{file}")
}

/// A link target that is safe to put in `href`: http, https, mailto, a site-relative
/// path (`/2024/07/story`) or an anchor (`#section`). Anything else (`javascript:`,
/// `data:`, protocol-relative `//host`, relative paths, control characters) is refused.
pub fn safe_href(url: &str) -> Option<&str> {
    let url = url.trim();
    if url.is_empty() || url.chars().any(|c| c.is_control() || c == '\\') {
        return None;
    }
    if url.starts_with('#') || is_site_path(url) || has_scheme(url, &["http", "https", "mailto"]) {
        Some(url)
    } else {
        None
    }
}

/// An image source that is safe to load: http, https or a site-relative path.
pub fn safe_image_src(url: &str) -> Option<&str> {
    let url = url.trim();
    if url.is_empty() || url.chars().any(|c| c.is_control() || c == '\\' || c.is_whitespace()) {
        return None;
    }
    (is_site_path(url) || has_scheme(url, &["http", "https"])).then_some(url)
}

fn is_site_path(url: &str) -> bool {
    url.starts_with('/') && !url.starts_with("//")
}

fn has_scheme(url: &str, allowed: &[&str]) -> bool {
    let Some((scheme, rest)) = url.split_once(':') else {
        return false;
    };
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    allowed.iter().any(|a| scheme.eq_ignore_ascii_case(a)) && (!web || (rest.starts_with("//") && rest.len() > 2))
}

/// A slug is what may follow `/YYYY/MM/` and name a file under `posts/`: lowercase ASCII
/// letters, digits and single hyphens, at most 200 characters.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 200
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug.bytes().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
}

/// Percent-encoding, one codec for query strings and form bodies.
/// `application/x-www-form-urlencoded` serialisation as the URL Standard defines it:
/// letters, digits and `*-._` stay, a space becomes `+`, every other byte of the UTF-8
/// encoding becomes `%XX`.
pub fn form_encode(pairs: &[(String, String)]) -> String {
    let mut out = String::new();
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_component(name, &mut out);
        out.push('=');
        encode_component(value, &mut out);
    }
    out
}

fn encode_component(text: &str, out: &mut String) {
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(char::from(byte)),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                for nibble in [byte >> 4, byte & 15] {
                    out.extend(char::from_digit(u32::from(nibble), 16).map(|c| c.to_ascii_uppercase()));
                }
            }
        }
    }
}

/// Decodes `application/x-www-form-urlencoded` (the inverse of [`form_encode`]); invalid
/// percent escapes are kept as they are, invalid UTF-8 becomes U+FFFD.
pub fn form_decode(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}

/// A percent-encoded component (`+` as a space) decoded; invalid percent escapes are kept
/// as they are, invalid UTF-8 becomes U+FFFD. Shared by form bodies and query strings.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |at: usize| bytes.get(at).and_then(|h| char::from(*h).to_digit(16));
        match b {
            b'+' => out.push(b' '),
            b'%' => match (hex(i + 1), hex(i + 2)) {
                (Some(hi), Some(lo)) => {
                    out.push(u8::try_from(hi * 16 + lo).unwrap_or(b'?'));
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A query-string component: unreserved characters (letters, digits, `-_.~`) stay, every
/// other byte of the UTF-8 encoding becomes `%XX` (a space too, as `%20`).
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A newsletter endpoint the browser may post to: https, or http on this machine only
/// (127.0.0.1, localhost, [::1]), with a host and nothing that breaks out of a URL.
pub fn check_endpoint(url: &str) -> Result<(), String> {
    let local = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|p| url.strip_prefix(p).is_some_and(|rest| rest.is_empty() || rest.starts_with([':', '/'])));
    let ok = (url.starts_with("https://") || local)
        && host_of(url).is_some_and(|h| !h.is_empty())
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '\\' || c == '"');
    if ok {
        Ok(())
    } else {
        Err(format!(
            "newsletter endpoint {url:?} must be an https:// address (http:// only for 127.0.0.1 or localhost)"
        ))
    }
}

/// The origin of an absolute URL, as written: `scheme://host[:port]`, without the path,
/// query or fragment.
pub fn origin(url: &str) -> Option<&str> {
    let scheme_end = url.find("://")? + 3;
    let host_end = url.get(scheme_end..)?.find(['/', '?', '#']).map_or(url.len(), |i| scheme_end + i);
    url.get(..host_end)
}

/// The host of an absolute URL (`scheme://host[:port]/…`), without the port.
pub fn host_of(url: &str) -> Option<&str> {
    let rest = &url[url.find("://")? + 3..];
    let end = rest.find(['/', '?', '#', ':']).unwrap_or(rest.len());
    Some(&rest[..end])
}

/// The first non-empty value of `name` in a URL's query string, as written (not decoded).
pub fn query_value<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    let query = url.split_once('?')?.1.split('#').next()?;
    query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('=')).filter(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_the_four_kinds() {
        for ok in ["https://example.com/a?b=c", "HTTP://x.test", "mailto:ed@example.com", "/2024/07/x", "#part-2"] {
            assert_eq!(safe_href(ok), Some(ok), "{ok}");
        }
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "//evil.test/x",
            "/\\evil.test",
            "relative/path",
            "https:evil",
            "",
        ] {
            assert_eq!(safe_href(bad), None, "{bad}");
        }
        assert_eq!(safe_image_src("mailto:x@y.z"), None);
        assert_eq!(safe_image_src("data:image/png;base64,AAAA"), None);
        assert_eq!(safe_image_src("/images/a.jpg"), Some("/images/a.jpg"));
    }

    #[test]
    fn slugs() {
        assert!(is_valid_slug("open-models-2024"));
        for bad in ["", "-a", "a-", "a--b", "A", "a/b", "..", "a.json", "é"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }
}

/// The slug of the article a site path points at (`/2024/07/<slug>`, with or without a
/// trailing slash), if the path has that shape.
pub fn article_slug(path: &str) -> Option<&str> {
    let path = path.strip_prefix('/')?;
    let path = path.strip_suffix('/').unwrap_or(path);
    let mut parts = path.split('/');
    let (year, month, slug) = (parts.next()?, parts.next()?, parts.next()?);
    (parts.next().is_none() && crate::YearMonth::from_parts(year, month).is_some() && is_valid_slug(slug))
        .then_some(slug)
}

/// Whether a link's `href` can lead to an article, judged from the attribute alone, before
/// the browser resolves it against the page's address (which costs far more): `false` for
/// an empty address or a jump within the page, a scheme other than http(s), or a path
/// whose last segments are not `YYYY/MM/<slug>` (under whatever folder the site is served
/// from); `true` for those, and for any address only resolving can judge (a relative one,
/// dot segments, backslashes, spaces).
pub fn href_may_be_article(href: &str) -> bool {
    if href.bytes().any(|b| b == b'\\' || b.is_ascii_whitespace() || b.is_ascii_control()) {
        return true;
    }
    // After an http(s) scheme, the rest reads as an address without one.
    let mut rest = href;
    if let Some(i) = href.find([':', '/', '?', '#']).filter(|&i| href.as_bytes().get(i) == Some(&b':')) {
        let scheme = &href[..i];
        if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
            return false;
        }
        rest = &href[i + 1..];
        if !rest.starts_with("//") {
            return true;
        }
    }
    // The part before a query or fragment, from the first `/` after any host.
    let rest = &rest[..rest.find(['?', '#']).unwrap_or(rest.len())];
    let path = match rest.strip_prefix("//") {
        Some(host_and_path) => host_and_path.find('/').map_or("/", |i| &host_and_path[i..]),
        None if rest.starts_with('/') => rest,
        // The page itself (`""`, `#jump`, `?query`).
        None if rest.is_empty() => return false,
        // A relative address.
        None => return true,
    };
    let encoded_dot = |s: &str| s.as_bytes().windows(3).any(|w| matches!(w, [b'%', b'2', e] if e | 0x20 == b'e'));
    if path.split('/').any(|s| s == "." || s == ".." || encoded_dot(s)) {
        return true;
    }
    // Its last three segments, read as a site path of their own.
    let path = path.strip_suffix('/').unwrap_or(path);
    path.rmatch_indices('/').nth(2).and_then(|(i, _)| path.get(i..)).is_some_and(|tail| article_slug(tail).is_some())
}

#[cfg(test)]
mod route_tests {
    use super::article_slug;

    #[test]
    fn hrefs_that_may_be_articles() {
        use super::href_may_be_article as may;
        for yes in [
            "/2024/07/open-models",
            "/2024/07/open-models/",
            "/news/2024/07/open-models?from=feed#top",
            "https://example.com/2024/07/open-models",
            "HTTP://example.com/news/2024/07/open-models/",
            "//example.com/2024/07/open-models",
            // Only resolving can tell.
            "open-models",
            "../07/open-models",
            "/2024/08/../07/open-models",
            "/2024/07/%2E%2E/x",
            "/2024/07\\open-models",
            " /2024/07/open-models",
            "http:2024/07/x",
        ] {
            assert!(may(yes), "{yes}");
        }
        for no in [
            "",
            "#section",
            "?page=2",
            "/",
            "/archive",
            "/tag/ai",
            "/2024/07",
            "/2024/07/",
            "/2024/7/x",
            "/2024/07/X",
            "/feed.xml",
            "mailto:editor@example.com",
            "javascript:alert(1)",
            "tel:+441234",
            "https://example.com",
            "https://example.com/about",
            "//example.com",
            "https://example.com/2024/07/x/y",
        ] {
            assert!(!may(no), "{no}");
        }
    }

    #[test]
    fn article_paths() {
        assert_eq!(article_slug("/2024/07/open-models"), Some("open-models"));
        assert_eq!(article_slug("/2024/07/open-models/"), Some("open-models"));
        for other in ["/", "/2024/07", "/2024/7/x", "/2024/07/x/y", "/2024/07/X", "2024/07/x", "/archive"] {
            assert_eq!(article_slug(other), None, "{other}");
        }
    }
}

/// The folder a site is served under, from its canonical address: `/news/` for
/// `https://example.com/news`, `/` for `https://example.com`. One option (`base_url` in
/// the site settings) decides it for the builder and the app alike.
pub fn base_path(base_url: &str) -> String {
    let after_scheme = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or_default().trim_matches('/');
    if path.is_empty() {
        "/".to_owned()
    } else {
        format!("/{path}/")
    }
}

/// A site path (`/2024/07/x`, `/content/site.json`) as the browser must ask for it when the
/// site lives under `base` (`/news/`): `/news/2024/07/x`. Other links (`https:`, `mailto:`,
/// `#anchor`) are returned as they are.
pub fn with_base(base: &str, path: &str) -> String {
    match path.strip_prefix('/') {
        Some(rest) if !rest.starts_with('/') => format!("{}/{rest}", base.trim_end_matches('/')),
        _ => path.to_owned(),
    }
}

/// The site path of a browser path under `base`: `/news/2024/07/x` gives `/2024/07/x`.
/// `None` for a path outside the site.
pub fn without_base<'a>(base: &str, path: &'a str) -> Option<&'a str> {
    let folder = base.trim_end_matches('/');
    if folder.is_empty() {
        return Some(path);
    }
    match path.strip_prefix(folder) {
        Some("") => Some("/"),
        Some(rest) if rest.starts_with('/') => Some(rest),
        _ => None,
    }
}

#[cfg(test)]
mod base_tests {
    use super::*;

    #[test]
    fn the_base_comes_from_the_canonical_address() {
        assert_eq!(base_path("https://example.com"), "/");
        assert_eq!(base_path("https://example.com/"), "/");
        assert_eq!(base_path("https://example.com/news"), "/news/");
        assert_eq!(base_path("https://example.com/news/"), "/news/");
        assert_eq!(base_path("https://user.github.io/repo/site?x=1"), "/repo/site/");
    }

    #[test]
    fn paths_gain_and_lose_the_base() {
        assert_eq!(with_base("/", "/2024/07/x"), "/2024/07/x");
        assert_eq!(with_base("/news/", "/2024/07/x"), "/news/2024/07/x");
        assert_eq!(with_base("/news/", "/"), "/news/");
        assert_eq!(with_base("/news/", "/archive?q=a"), "/news/archive?q=a");
        for other in ["https://example.com/x", "mailto:a@b.c", "#part", "//evil.test/x", "relative"] {
            assert_eq!(with_base("/news/", other), other);
        }
        assert_eq!(without_base("/news/", "/news/2024/07/x"), Some("/2024/07/x"));
        assert_eq!(without_base("/news/", "/news"), Some("/"));
        assert_eq!(without_base("/news/", "/news/"), Some("/"));
        assert_eq!(without_base("/news/", "/newsroom/x"), None);
        assert_eq!(without_base("/", "/2024/07/x"), Some("/2024/07/x"));
        assert_eq!(with_base("/news/", without_base("/news/", "/news/a").unwrap()), "/news/a");
    }

    proptest::proptest! {
        #[test]
        fn accepted_addresses_are_never_script_like(url in "[ \t\n\x00a-zA-Z:/#&;.%()'\\-]{0,24}") {
            for accepted in [safe_href(&url), safe_image_src(&url)].into_iter().flatten() {
                let squeezed: String = accepted.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
                proptest::prop_assert!(!squeezed.starts_with("javascript:") && !squeezed.starts_with("vbscript:") && !squeezed.starts_with("data:"), "{url:?}");
                proptest::prop_assert!(accepted.starts_with('#') || (accepted.starts_with('/') && !accepted.starts_with("//"))
                    || squeezed.starts_with("http://") || squeezed.starts_with("https://") || squeezed.starts_with("mailto:"), "{url:?}");
            }
        }

        #[test]
        fn site_paths_survive_the_folder(base in proptest::sample::select(vec!["/", "/news/", "/a/b/"]), path in "/|(/[a-z0-9-]{1,8}){1,4}") {
            let browser = with_base(base, &path);
            proptest::prop_assert!(browser.starts_with(base.trim_end_matches('/')));
            proptest::prop_assert_eq!(without_base(base, &browser), Some(path.as_str()));
        }
    }
}
