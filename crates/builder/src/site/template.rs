//! The page template, the built `index.html`, made ready for each site: the brand in its
//! head, the site's own stylesheets written into it (and linked again for the preview),
//! the policy as a `<meta>`, and every address moved under the folder the site is served
//! from.

use super::deploy::{attribute, is_hashed_asset};

/// The page with the brand in its head: the font files preloaded and the style that
/// applies the brand (after the style sheets, so it wins). Paths get the site's `base`.
/// An earlier build's brand (the builder may run again on the same folder) is replaced.
pub fn with_brand(html: &str, brand: &crate::content::brand::Brand, base: &str) -> String {
    const START: &str = "<!-- brand -->";
    const END: &str = "<!-- /brand -->";
    // Where a line starts: the indentation before a marker is the line's, whatever it is.
    let line_start = |html: &str, at: usize| html[..at].rfind('\n').map_or(0, |n| n + 1);
    let mut html = html.to_owned();
    if let (Some(start), Some(end)) = (html.find(START), html.find(END)) {
        if start < end {
            let end = end + END.len();
            let end = if html[end..].starts_with('\n') { end + 1 } else { end };
            html.replace_range(line_start(&html, start)..end, "");
        }
    }
    if brand.css.is_empty() && brand.preload.is_empty() {
        return html;
    }
    // Before the page's own part of the head where a built page has one, so a build on a
    // built folder puts it where the first build did.
    let at = match html.find("<!--page-->") {
        Some(at) => line_start(&html, at),
        None => match html.find("</head>") {
            Some(at) => at,
            None => return html,
        },
    };
    let mut head = format!("  {START}\n");
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
    head.push_str(&format!("  {END}\n"));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::deploy::inline_style_hashes;

    #[test]
    fn the_brand_goes_before_the_pages_head_once_however_the_template_is_indented() {
        let brand = crate::content::brand::Brand {
            css: ":root{--accent:#0b3d91}".into(),
            preload: vec!["/fonts/a.woff2".into()],
            ..Default::default()
        };
        for indent in ["  ", "\t", ""] {
            let template = format!("<head>\n{indent}<title>T</title>\n{indent}<!--page-->\n</head>");
            let once = with_brand(&template, &brand, "/news/");
            let twice = with_brand(&once, &brand, "/news/");
            assert_eq!(once, twice, "a second build changes nothing ({indent:?})");
            assert_eq!(once.matches("<!-- brand -->").count(), 1, "{once}");
            assert!(once.find("<!-- /brand -->").unwrap() < once.find("<!--page-->").unwrap(), "{once}");
            assert!(once.contains("href=\"/news/fonts/a.woff2\""), "{once}");
            let plain = crate::content::brand::Brand::default();
            assert_eq!(with_brand(&once, &plain, "/"), template, "an empty brand takes the old one out");
        }
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
