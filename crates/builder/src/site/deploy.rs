//! What a static host needs besides the files themselves: the Content-Security-Policy
//! (with a hash of each inline script trunk leaves in index.html), `_headers` and
//! `_redirects` for Netlify and Cloudflare Pages, and `404.html` for GitHub Pages.

use sha2::{Digest, Sha256};

use masthead_model::signup::provider::Provider;
use masthead_model::Site;

/// Where the CSP goes: a response header can carry every directive; a `<meta>` element
/// cannot carry `frame-ancestors` (browsers ignore it there and say so).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PolicyFor {
    Header,
    Meta,
}

/// The `sha256-…` source of every inline script that runs (not JSON-LD or other data
/// blocks, not scripts with a `src`).
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    inline_hashes(html, "script", |tag| {
        !tag.contains(" src=") && {
            let kind = attribute(tag, "type").unwrap_or_default().to_ascii_lowercase();
            kind.is_empty() || kind == "module" || kind == "text/javascript" || kind == "application/javascript"
        }
    })
}

/// The hashes of the inline `<style>` elements (the brand's), for `style-src`.
pub fn inline_style_hashes(html: &str) -> Vec<String> {
    inline_hashes(html, "style", |_| true)
}

/// The `sha256-…` source of the body of every `<name …>…</name>` whose opening tag
/// `counts`.
fn inline_hashes(html: &str, name: &str, counts: impl Fn(&str) -> bool) -> Vec<String> {
    let (open_tag, close_tag) = (format!("<{name}"), format!("</{name}>"));
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find(&open_tag) {
        let after = &rest[open..];
        let Some(tag_end) = after.find('>') else { break };
        let body_start = tag_end + 1;
        let Some(close) = after[body_start..].find(&close_tag) else { break };
        if counts(&after[..tag_end]) {
            let body = &after[body_start..body_start + close];
            hashes.push(format!("sha256-{}", base64(&Sha256::digest(body.as_bytes()))));
        }
        rest = &after[body_start + close..];
    }
    hashes
}

/// The value of attribute `name` in the opening tag `tag`, quoted or not.
pub(crate) fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let at = tag.find(&format!(" {name}="))? + name.len() + 2;
    let value = &tag[at..];
    match value.chars().next()? {
        quote @ ('"' | '\'') => value[1..].split(quote).next(),
        _ => value.split([' ', '>']).next(),
    }
}

/// The site's policy: scripts only from the site itself, WebAssembly compilation, and the
/// inline scripts by hash; network requests to the site and the newsletter provider.
pub fn content_security_policy(site: &Site, script_hashes: &[String], target: PolicyFor) -> String {
    content_security_policy_with(site, script_hashes, &[], &[], target)
}

/// The page with the brand in its head: the font files preloaded and the style that
/// applies the brand (after the style sheets, so it wins). Paths get the site's `base`.
/// An earlier build's brand (the builder may run again on the same folder) is replaced.
pub fn with_brand(html: &str, brand: &crate::content::brand::Brand, base: &str) -> String {
    const START: &str = "  <!-- brand -->\n";
    const END: &str = "  <!-- /brand -->\n";
    let mut html = html.to_owned();
    if let (Some(start), Some(end)) = (html.find(START), html.find(END)) {
        if start < end {
            html.replace_range(start..end + END.len(), "");
        }
    }
    if brand.css.is_empty() && brand.preload.is_empty() {
        return html;
    }
    // Before the page's own part of the head where a built page has one, so a build on a
    // built folder puts it where the first build did.
    let at = match html.find("  <!--page-->") {
        Some(at) => at,
        None => match html.find("</head>") {
            Some(at) => at,
            None => return html,
        },
    };
    let mut head = START.to_owned();
    for src in &brand.preload {
        let href = masthead_model::url::with_base(base, src);
        head.push_str(&format!(
            "  <link rel=\"preload\" href=\"{}\" as=\"font\" type=\"font/{}\" crossorigin>\n",
            crate::site::html::escape(&href),
            if src.ends_with(".woff2") { "woff2" } else { "woff" }
        ));
    }
    if !brand.css.is_empty() {
        head.push_str(&format!("  <style>{}</style>\n", brand.css.replace("{base}", base.trim_end_matches('/'))));
    }
    head.push_str(END);
    html.insert_str(at, &head);
    html
}

/// The page with the site's own stylesheets written into it: each
/// `<link rel="stylesheet" href="{base}name-hash.css" …>` whose file is in `dist` becomes
/// `<style data-href="…">` with the file's text, allowed in the policy by its hash like
/// the brand's style. The first paint then waits for the page alone, not for a round trip
/// per stylesheet after it. The files stay in `dist` (the preview links them again, see
/// [`with_linked_stylesheets`]). A link to anything else, or a file that could close its
/// own element early, is left as it is.
pub fn with_inline_stylesheets(html: &str, dist: &std::path::Path, base: &str) -> String {
    const LINK: &str = "<link rel=\"stylesheet\" href=\"";
    let folder = format!("{}/", base.trim_end_matches('/'));
    let mut out = String::with_capacity(html.len() + 32 * 1024);
    let mut rest = html;
    while let Some(at) = rest.find(LINK) {
        let Some(end) = rest[at..].find('>').map(|e| at + e + 1) else { break };
        let tag = &rest[at..end];
        let href = attribute(tag, "href").unwrap_or_default();
        let text = href
            .strip_prefix(&folder)
            .filter(|name| is_hashed_asset(name) && name.ends_with(".css") && !name.contains('/'))
            .and_then(|name| std::fs::read_to_string(dist.join(name)).ok())
            .filter(|text| !text.to_ascii_lowercase().contains("</style"));
        out.push_str(&rest[..at]);
        match text {
            Some(text) => out.push_str(&format!("<style data-href=\"{href}\">{}</style>", text.trim_end())),
            None => out.push_str(tag),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The page with each stylesheet [`with_inline_stylesheets`] wrote into it linked again
/// (`<link rel="stylesheet" href="…">`): the live preview swaps edited stylesheets in
/// under their names.
pub fn with_linked_stylesheets(html: &str) -> String {
    const STYLE: &str = "<style data-href=\"";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(STYLE) {
        let href = rest[at + STYLE.len()..].split('"').next().unwrap_or_default();
        let Some(end) = rest[at..].find("</style>").map(|e| at + e + "</style>".len()) else { break };
        out.push_str(&rest[..at]);
        out.push_str(&format!("<link rel=\"stylesheet\" href=\"{href}\">"));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// [`content_security_policy`] for a site whose stories embed frames from `frames`
/// (origins, `https://host`): `frame-src` allows exactly those, and only once a reader
/// asks for an embed does the page request anything from them.
pub fn content_security_policy_with(
    site: &Site,
    script_hashes: &[String],
    frames: &[String],
    style_hashes: &[String],
    target: PolicyFor,
) -> String {
    let provider = site.newsletter.provider.as_ref();
    let mut script = vec!["'self'".to_owned(), "'wasm-unsafe-eval'".to_owned()];
    script.extend(script_hashes.iter().map(|h| format!("'{h}'")));
    let mut connect = vec!["'self'".to_owned()];
    match provider {
        // JSONP is a script element.
        Some(p @ Provider::Mailchimp { .. }) => script.extend(p.origin()),
        Some(p) => connect.extend(p.origin()),
        None => {}
    }
    // A provider that takes the written form as a plain post (no JavaScript, or pressed
    // before the app has taken the page over) is where the form is sent.
    let mut form = vec!["'self'".to_owned()];
    if let Some(action) = provider.filter(|p| p.check().is_ok()).and_then(Provider::plain_form) {
        form.extend(masthead_model::url::origin(&action.action).map(str::to_owned));
    }
    let mut directives = vec![
        "default-src 'self'".to_owned(),
        format!("script-src {}", script.join(" ")),
        std::iter::once("style-src 'self'".to_owned())
            .chain(style_hashes.iter().map(|h| format!("'{h}'")))
            .collect::<Vec<_>>()
            .join(" "),
        "img-src 'self' https:".to_owned(),
        "font-src 'self'".to_owned(),
        format!("connect-src {}", connect.join(" ")),
        "object-src 'none'".to_owned(),
        "base-uri 'self'".to_owned(),
        format!("form-action {}", form.join(" ")),
    ];
    if !frames.is_empty() {
        directives.push(format!("frame-src {}", frames.join(" ")));
    }
    if target == PolicyFor::Header {
        directives.push("frame-ancestors 'none'".to_owned());
    }
    directives.join("; ")
}

/// index.html with the policy as its first `<meta>` after the charset, replacing an
/// earlier one (the builder may run again on the same folder).
pub fn with_csp_meta(html: &str, policy: &str) -> String {
    const START: &str = "<meta http-equiv=\"Content-Security-Policy\"";
    let mut html = html.to_owned();
    take_meta(&mut html, START);
    insert_meta(&mut html, &format!("{START} content=\"{}\">", policy.replace('"', "&quot;")));
    html
}

/// Removes the `<meta …>` element that begins with `start`, with the line break and indent
/// before it; returns its `content` value.
fn take_meta(html: &mut String, start: &str) -> Option<String> {
    let at = html.find(start)?;
    let end = at + html[at..].find('>')?;
    let content =
        html[at..end].split_once("content=\"").and_then(|(_, v)| v.split_once('"')).map(|(v, _)| v.to_owned());
    let begin = html[..at].rfind('\n').filter(|&nl| html[nl + 1..at].trim().is_empty()).unwrap_or(at);
    html.replace_range(begin..=end, "");
    Some(content.unwrap_or_default())
}

/// Puts a `<meta …>` element right after the charset, where it applies to everything after.
fn insert_meta(html: &mut String, tag: &str) {
    match html.find("<meta charset").and_then(|i| html[i..].find('>').map(|j| i + j + 1)) {
        Some(at) => html.insert_str(at, &format!("\n  {tag}")),
        None => *html = html.replacen("<head>", &format!("<head>\n  {tag}"), 1),
    }
}

/// The built index.html for a site served under `base` (`/news/`): every root-relative
/// address trunk and index.html wrote (`href="/…"`, `src="/…"`, the loader's `'/…'`
/// imports) gains the folder, and `<meta name="masthead-base">` tells the app where it
/// lives. A page that already carries the meta (the builder may run again on the same
/// folder, or on a copy of another build) is moved from its old folder to the new one.
pub fn with_base(html: &str, base: &str) -> String {
    const META: &str = "<meta name=\"masthead-base\"";
    let mut out = html.to_owned();
    let old_folder = take_meta(&mut out, META).map(|b| b.trim_end_matches('/').to_owned()).unwrap_or_default();
    let folder = base.trim_end_matches('/');
    if folder != old_folder {
        for (before, quote) in
            [("href=", '"'), ("src=", '"'), ("from ", '\''), ("module_or_path: ", '\''), ("import(", '\'')]
        {
            let from = format!("{before}{quote}{old_folder}/");
            let to = format!("{before}{quote}{folder}/");
            let mut rewritten = String::with_capacity(out.len());
            let mut rest = out.as_str();
            while let Some(at) = rest.find(&from) {
                let after = &rest[at + from.len()..];
                rewritten.push_str(&rest[..at]);
                // Protocol-relative addresses (`//host/…`) are not site paths.
                rewritten.push_str(if after.starts_with('/') { &from } else { &to });
                rest = after;
            }
            rewritten.push_str(rest);
            out = rewritten;
        }
    }
    insert_meta(&mut out, &format!("{META} content=\"{}\">", base.replace('"', "")));
    out
}

/// `_headers` (Netlify and Cloudflare Pages): security headers on every path; hashed
/// assets cached for a year; HTML and JSON revalidated. Each path gets Cache-Control from
/// one rule only, since both hosts join the values of a header set by several rules.
pub fn headers_file(policy: &str, hashed_assets: &[String], page_roots: &[String], base: &str) -> String {
    let folder = base.trim_end_matches('/');
    let mut out = String::from(
        "# Written by masthead-build for Netlify and Cloudflare Pages (the same rules for\n\
         # CloudFront are in the README).\n",
    );
    out.push_str(&format!(
        "{folder}/*\n  Content-Security-Policy: {policy}\n  X-Content-Type-Options: nosniff\n  \
         Referrer-Policy: strict-origin-when-cross-origin\n  \
         Permissions-Policy: camera=(), microphone=(), geolocation=(), payment=(), usb=()\n  \
         X-Frame-Options: DENY\n"
    ));
    for asset in hashed_assets {
        out.push_str(&format!("{folder}/{asset}\n  Cache-Control: public, max-age=31536000, immutable\n"));
        if asset.ends_with(".wasm") {
            out.push_str("  Content-Type: application/wasm\n");
        }
    }
    let revalidate = "  Cache-Control: no-cache\n";
    for path in ["/", "/index.html", "/404.html", "/content/*", "/feed.xml", "/atom.xml", "/feed.json"] {
        out.push_str(&format!("{folder}{path}\n{revalidate}"));
    }
    for root in page_roots {
        out.push_str(&format!("{folder}/{root}/*\n{revalidate}"));
    }
    out
}

/// `_redirects` (Netlify and Cloudflare Pages). Files that exist are served as they are;
/// these rules apply to the rest. Every page the site has is a file (the builder writes
/// them all), so any other path is the not-found page, with status 404.
pub fn redirects_file(base: &str) -> String {
    redirects_file_with(base, &[])
}

/// [`redirects_file`] with the posts' old addresses (`aliases`), each moved for good to
/// its post: `(old path, new path)`, both site paths. They come first: the first rule
/// that matches wins.
pub fn redirects_file_with(base: &str, moved: &[(String, String)]) -> String {
    let folder = base.trim_end_matches('/');
    let mut out = String::from("# Written by masthead-build for Netlify and Cloudflare Pages.\n");
    for (old, new) in moved {
        out.push_str(&format!("{folder}{old}  {folder}{new}  301\n"));
    }
    out.push_str(&format!("{folder}/*  {folder}/404.html  404\n"));
    out
}

/// The page left at an old address for hosts without redirect rules: it sends the browser
/// on at once (no script: a refresh, allowed by the policy), names the new address for
/// search engines, and links to it.
pub fn moved_page(title: &str, to: &str) -> String {
    let to = crate::site::html::escape(to);
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"refresh\" content=\"0; url={to}\">\n<link rel=\"canonical\" href=\"{to}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n<title>Moved: {title}</title>\n</head>\n\
         <body>\n<p>This story has moved: <a href=\"{to}\">{title}</a>.</p>\n</body>\n</html>\n",
        title = crate::site::html::escape(title),
    )
}

/// Names trunk gives hashed files: `<name>-<hex digits>` (16, or fewer when the hash starts
/// with zeros) then `.js`, `_bg.wasm`, `.css`.
pub fn is_hashed_asset(name: &str) -> bool {
    let stem = name
        .strip_suffix("_bg.wasm")
        .or_else(|| name.strip_suffix(".js"))
        .or_else(|| name.strip_suffix(".css"))
        .or_else(|| name.strip_suffix(".wasm"));
    stem.and_then(|s| s.rsplit_once('-'))
        // trunk writes the 64-bit hash in hex without leading zeros: 16 digits or fewer.
        .is_some_and(|(_, hash)| (12..=16).contains(&hash.len()) && hash.chars().all(|c| c.is_ascii_hexdigit()))
}

/// Standard base64 with padding (the form CSP hash sources take).
fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(provider: Option<Provider>) -> Site {
        let mut site: Site = serde_json::from_str(
            r#"{"contract":1,"name":"N","tagline":"T","base_url":"https://x.test","locale":"en","time_zone":"UTC",
                "newsletter":{"pitch":"P","privacy_url":"/privacy"}}"#,
        )
        .unwrap();
        site.newsletter.provider = provider;
        site
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }

    #[test]
    fn only_running_inline_scripts_are_hashed() {
        let html = "<script type=\"module\">alert(1)</script><script src=\"/a.js\"></script>\
                    <script type=\"application/ld+json\">{}</script><script>b()</script>";
        // sha256("alert(1)") and sha256("b()"), as `openssl dgst -sha256 -binary | base64` gives.
        assert_eq!(
            inline_script_hashes(html),
            [
                "sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=",
                "sha256-cf242PFc/kb7xD0Qzhsmd9vvRkc+cWFmbi+k+YvtdKc="
            ]
        );
    }

    #[test]
    fn the_policy_allows_only_the_site_and_the_newsletter_provider() {
        let hashes = vec!["sha256-abc".to_owned()];
        let json = site(Some(Provider::Json { endpoint: "https://lists.example/subscribe".into() }));
        let header = content_security_policy(&json, &hashes, PolicyFor::Header);
        assert!(header.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc';"), "{header}");
        assert!(header.contains("connect-src 'self' https://lists.example;"), "{header}");
        assert!(header.ends_with("frame-ancestors 'none'"));
        assert!(!header.contains("unsafe-inline") && !header.contains("'unsafe-eval'"));
        let meta = content_security_policy(&json, &hashes, PolicyFor::Meta);
        assert!(!meta.contains("frame-ancestors"));
        let mailchimp =
            site(Some(Provider::Mailchimp { action: "https://x.us1.list-manage.com/subscribe/post?u=a&id=b".into() }));
        let policy = content_security_policy(&mailchimp, &hashes, PolicyFor::Header);
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc' https://x.us1.list-manage.com;"));
        assert!(policy.contains("connect-src 'self';"));
        // The written form posts straight to the providers that take a plain form post.
        assert!(policy.contains("form-action 'self' https://x.us1.list-manage.com;"), "{policy}");
        assert!(header.contains("form-action 'self';"), "{header}");
        let form = site(Some(Provider::Form { endpoint: "https://forms.example/f/abc".into() }));
        let policy = content_security_policy(&form, &hashes, PolicyFor::Header);
        assert!(policy.contains("form-action 'self' https://forms.example;"), "{policy}");
        let kit = site(Some(Provider::Kit { form_id: "12".into(), api_key: "k".into() }));
        assert!(content_security_policy(&kit, &hashes, PolicyFor::Header).contains("form-action 'self';"));
    }

    #[test]
    fn the_meta_tag_is_inserted_once() {
        let html = "<!doctype html>\n<html>\n<head>\n  <meta charset=\"utf-8\">\n  <title>T</title>";
        let once = with_csp_meta(html, "default-src 'self'");
        assert!(once.contains("<meta charset=\"utf-8\">\n  <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'\">\n  <title>"));
        let twice = with_csp_meta(&once, "default-src 'none'");
        assert_eq!(twice.matches("Content-Security-Policy").count(), 1);
        assert!(twice.contains("default-src 'none'"));
        assert_eq!(twice, with_csp_meta(html, "default-src 'none'"));
    }

    #[test]
    fn hashed_assets_are_recognised() {
        assert!(is_hashed_asset("masthead-d895e2f91e3e5577_bg.wasm"));
        assert!(is_hashed_asset("masthead-d895e2f91e3e5577.js"));
        assert!(is_hashed_asset("base-ef3a070ecbd4c712.css"));
        // A hash with a leading zero digit is written one digit shorter.
        assert!(is_hashed_asset("masthead-11abc5537b8e1ce_bg.wasm"));
        assert!(is_hashed_asset("masthead-324bd9d4666a668.js"));
        assert!(!is_hashed_asset("favicon.svg"));
        assert!(!is_hashed_asset("boot.js"));
        assert!(!is_hashed_asset("x-123.js"));
    }

    #[test]
    fn headers_give_each_path_one_cache_rule() {
        let text =
            headers_file("default-src 'self'", &["a-0123456789abcdef_bg.wasm".to_owned()], &["2026".to_owned()], "/");
        assert!(text.contains("/a-0123456789abcdef_bg.wasm\n  Cache-Control: public, max-age=31536000, immutable\n  Content-Type: application/wasm\n"));
        assert!(text.contains("/content/*\n  Cache-Control: no-cache\n"));
        assert!(text.contains("/2026/*\n  Cache-Control: no-cache\n"));
        let star = text.split("\n/").next().unwrap();
        assert!(!star.contains("Cache-Control"), "the /* rule sets no Cache-Control");
        assert!(redirects_file("/").ends_with("\n/*  /404.html  404\n"));
        let under = headers_file("p", &["a-0123456789abcdef.js".to_owned()], &[], "/news/");
        assert!(
            under.starts_with("# Written")
                && under.contains("\n/news/*\n")
                && under.contains("\n/news/a-0123456789abcdef.js\n")
        );
        assert!(redirects_file("/news/").ends_with("/news/*  /news/404.html  404\n"));
    }

    #[test]
    fn a_site_under_a_folder_has_its_addresses_moved_there() {
        let html = "<head>\n  <meta charset=\"utf-8\">\n  <link rel=\"icon\" href=\"/favicon.svg\">\n  \
                    <link href=\"//cdn.example/x.css\"><script src=\"/boot.js\" defer></script>\n\
                    <script type=\"module\">import init from '/masthead-0123456789abcdef.js';\n\
                    await init({ module_or_path: '/masthead-0123456789abcdef_bg.wasm' });</script>\n\
                    <script type=\"module\">const bindings = await import('/masthead-0123456789abcdef.js');</script>\n\
                    <a href=\"#main\">skip</a><a href=\"/\">home</a><a href=\"https://x.test/\">x</a>";
        let moved = with_base(html, "/news/");
        for expected in [
            "<meta charset=\"utf-8\">\n  <meta name=\"masthead-base\" content=\"/news/\">",
            "href=\"/news/favicon.svg\"",
            "href=\"//cdn.example/x.css\"",
            "src=\"/news/boot.js\"",
            "from '/news/masthead-0123456789abcdef.js'",
            "module_or_path: '/news/masthead-0123456789abcdef_bg.wasm'",
            "await import('/news/masthead-0123456789abcdef.js')",
            "href=\"#main\"",
            "href=\"/news/\"",
            "href=\"https://x.test/\"",
        ] {
            assert!(moved.contains(expected), "{expected} in {moved}");
        }
        assert_eq!(with_base(&moved, "/news/"), moved, "a second run changes nothing");
        assert_eq!(with_base(&with_base(&moved, "/"), "/news/"), moved, "moved back and forth");
        assert_eq!(with_base(&moved, "/"), with_base(html, "/"));
        let root = with_base(html, "/");
        assert!(root.contains("<meta name=\"masthead-base\" content=\"/\">") && root.contains("href=\"/favicon.svg\""));
    }

    #[test]
    fn own_stylesheets_are_written_into_the_page_and_linked_again_for_the_preview() {
        let dist = std::env::temp_dir().join(format!("masthead-inline-css-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("base-0123456789abcdef.css"), "body{margin:0}\n").unwrap();
        std::fs::write(dist.join("evil-0123456789abcdef.css"), "a{}</STYLE><script>x()</script>").unwrap();
        let html = "<link rel=\"stylesheet\" href=\"/news/base-0123456789abcdef.css\" integrity=\"sha384-x\"/>\
                    <link rel=\"stylesheet\" href=\"/news/evil-0123456789abcdef.css\"/>\
                    <link rel=\"stylesheet\" href=\"/news/missing-0123456789abcdef.css\"/>\
                    <link rel=\"stylesheet\" href=\"//cdn.example/base-0123456789abcdef.css\"/>\
                    <link rel=\"icon\" href=\"/news/favicon.svg\">";
        let inlined = with_inline_stylesheets(html, &dist, "/news/");
        assert_eq!(
            inlined,
            "<style data-href=\"/news/base-0123456789abcdef.css\">body{margin:0}</style>\
             <link rel=\"stylesheet\" href=\"/news/evil-0123456789abcdef.css\"/>\
             <link rel=\"stylesheet\" href=\"/news/missing-0123456789abcdef.css\"/>\
             <link rel=\"stylesheet\" href=\"//cdn.example/base-0123456789abcdef.css\"/>\
             <link rel=\"icon\" href=\"/news/favicon.svg\">"
        );
        // The policy allows it by its hash, as every inline style.
        assert_eq!(inline_style_hashes(&inlined).len(), 1);
        // Built again on a built page: nothing left to inline, nothing changes.
        assert_eq!(with_inline_stylesheets(&inlined, &dist, "/news/"), inlined);
        assert_eq!(
            with_linked_stylesheets(&inlined),
            "<link rel=\"stylesheet\" href=\"/news/base-0123456789abcdef.css\">\
             <link rel=\"stylesheet\" href=\"/news/evil-0123456789abcdef.css\"/>\
             <link rel=\"stylesheet\" href=\"/news/missing-0123456789abcdef.css\"/>\
             <link rel=\"stylesheet\" href=\"//cdn.example/base-0123456789abcdef.css\"/>\
             <link rel=\"icon\" href=\"/news/favicon.svg\">"
        );
        std::fs::remove_dir_all(&dist).unwrap();
    }
}
