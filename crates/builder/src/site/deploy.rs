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
    inline_hashes(html, "script", |element| {
        !element.has_attribute("src") && {
            let kind = element.get_attribute("type").unwrap_or_default().to_ascii_lowercase();
            kind.is_empty() || kind == "module" || kind == "text/javascript" || kind == "application/javascript"
        }
    })
}

/// The hashes of the inline `<style>` elements (the brand's), for `style-src`; not the
/// slot each page fills with its own part of the stylesheet (see [`super::critical`]).
pub fn inline_style_hashes(html: &str) -> Vec<String> {
    inline_hashes(html, "style", |element| !element.has_attribute("data-critical"))
}

/// The `sha256-…` source that allows an inline element with this text.
pub fn source_hash(text: &str) -> String {
    format!("sha256-{}", base64(&Sha256::digest(text.as_bytes())))
}

/// The `sha256-…` source of the text of every `name` element that `counts`, as an HTML
/// parser (lol_html) reads the page: the bytes between its tags, which the browser hashes.
fn inline_hashes(html: &str, name: &str, counts: impl Fn(&lol_html::html_content::Element) -> bool) -> Vec<String> {
    use std::cell::RefCell;
    use std::rc::Rc;
    // The text of the element being read, while one that counts is open.
    let open: Rc<RefCell<Option<String>>> = Rc::default();
    let hashes: Rc<RefCell<Vec<String>>> = Rc::default();
    let (on_element, on_text) = (open.clone(), open.clone());
    let done = hashes.clone();
    let settings = lol_html::RewriteStrSettings::new()
        .append_element_content_handler(lol_html::element!(name, move |el| {
            if counts(el) {
                *on_element.borrow_mut() = Some(String::new());
                let (open, done) = (on_element.clone(), done.clone());
                if let Some(handlers) = el.end_tag_handlers() {
                    handlers.push(Box::new(move |_end| {
                        if let Some(text) = open.borrow_mut().take() {
                            done.borrow_mut().push(format!("sha256-{}", base64(&Sha256::digest(text.as_bytes()))));
                        }
                        Ok(())
                    }));
                }
            }
            Ok(())
        }))
        .append_element_content_handler(lol_html::text!(name, move |chunk| {
            if let Some(text) = on_text.borrow_mut().as_mut() {
                text.push_str(chunk.as_str());
            }
            Ok(())
        }));
    // A page the parser cannot read has no inline code to allow.
    let _ = lol_html::rewrite_str(html, settings);
    hashes.take()
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
        // A picture's average colour in its place while it loads (`style="background:#…"`,
        // written by the app alone: the content's own style attributes are dropped when it
        // is read). No stylesheet or <style> element is allowed by this.
        "style-src-attr 'unsafe-inline'".to_owned(),
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
    // The pictures' sized copies: named by their content, never changed.
    out.push_str(&format!(
        "{folder}/{}/*\n  Cache-Control: public, max-age=31536000, immutable\n",
        crate::pictures::ladder::FOLDER
    ));
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
        // Read as a parser reads it: a `>` in an attribute does not end the tag, and a script
        // in a comment is no script.
        let tricky = "<!-- <script>old()</script> --><script data-note=\"a>b\">b()</script>";
        assert_eq!(inline_script_hashes(tricky), ["sha256-cf242PFc/kb7xD0Qzhsmd9vvRkc+cWFmbi+k+YvtdKc="]);
    }

    #[test]
    fn the_policy_allows_only_the_site_and_the_newsletter_provider() {
        let hashes = vec!["sha256-abc".to_owned()];
        let json = site(Some(Provider::Json { endpoint: "https://lists.example/subscribe".into() }));
        let header = content_security_policy(&json, &hashes, PolicyFor::Header);
        assert!(header.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-abc';"), "{header}");
        assert!(header.contains("connect-src 'self' https://lists.example;"), "{header}");
        assert!(header.ends_with("frame-ancestors 'none'"));
        // Inline style attributes only (a picture's colour while it loads): no inline script,
        // no <style> element.
        let inline: Vec<&str> = header.split("; ").filter(|d| d.contains("unsafe-inline")).collect();
        assert_eq!(inline, vec!["style-src-attr 'unsafe-inline'"], "{header}");
        assert!(!header.contains("'unsafe-eval'"));
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
}
