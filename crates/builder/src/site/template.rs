//! The page template, the built `index.html`, made ready for each site: the brand in its
//! head, the site's own stylesheets written into it (and linked again for the preview),
//! the policy as a `<meta>`, and every address moved under the folder the site is served
//! from.

use super::critical::{FILLED as CRITICAL, SLOT};
use super::deploy::{attribute, is_hashed_asset};

/// The page with the brand in its head: the font files preloaded and the style that
/// applies the brand (its selectors outweigh the stylesheets', so it wins wherever they are). Paths get the site's `base`.
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

/// The page with a slot for its part of the site's stylesheets and the whole linked after
/// it: each `<link rel="stylesheet" href="{base}name-hash.css" …>` of the head whose file
/// is in `dist` leaves the head, where [`SLOT`] takes the first one's place, and is linked
/// again after the page's end (`<!--styles-->…<!--/styles-->`), where it blocks no paint
/// of the page above it; each page gets what its first paint needs in the slot
/// ([`super::critical::Styles::fill`]). Returns the page and the stylesheets' text, in
/// order. A built page (the next build's template) gives the same. A link to anything
/// else, or a file that could close a style element, is left as it is.
pub fn with_critical_slot(html: &str, dist: &std::path::Path, base: &str) -> (String, String) {
    const LINK: &str = "<link rel=\"stylesheet\" href=\"";
    let folder = format!("{}/", base.trim_end_matches('/'));
    let own = |href: &str| {
        href.strip_prefix(&folder)
            .filter(|name| is_hashed_asset(name) && name.ends_with(".css") && !name.contains('/'))
            .and_then(|name| std::fs::read_to_string(dist.join(name)).ok())
            .filter(|text| !text.to_ascii_lowercase().contains("</style"))
    };
    let mut html = html.to_owned();
    let mut hrefs: Vec<String> = Vec::new();
    // A built page: its slot emptied, its stylesheets those linked after it.
    if let Some(slot) = span(&html, CRITICAL, "</style>") {
        html.replace_range(slot, SLOT);
    }
    if let Some(tail) = span(&html, TAIL_START, TAIL_END) {
        let mut rest = &html[tail.clone()];
        while let Some(at) = rest.find(LINK) {
            rest = &rest[at + LINK.len()..];
            hrefs.extend(rest.split('"').next().map(str::to_owned));
        }
        let from = html[..tail.start].trim_end_matches([' ', '\n']).len();
        html.replace_range(from..tail.end, "");
    }
    // A page an earlier version of the builder wrote has them inline, by name.
    const INLINE: &str = "<style data-href=\"";
    while let Some(style) = span(&html, INLINE, "</style>") {
        let href = html[style.start + INLINE.len()..].split('"').next().unwrap_or_default().to_owned();
        html.replace_range(style, &format!("{LINK}{href}\">"));
    }
    // The template as trunk wrote it: its stylesheets linked in the head.
    let head_end = html.find("</head>").unwrap_or(html.len());
    let mut head = String::with_capacity(head_end);
    let mut rest = &html[..head_end];
    while let Some(at) = rest.find(LINK) {
        let Some(end) = rest[at..].find('>').map(|e| at + e + 1) else { break };
        let tag = &rest[at..end];
        let href = attribute(tag, "href").unwrap_or_default();
        head.push_str(&rest[..at]);
        if own(href).is_some() {
            if hrefs.is_empty() && !html.contains(SLOT) {
                head.push_str(SLOT);
            } else {
                // The line it was on goes with it.
                let trimmed = head.trim_end_matches(' ').len();
                head.truncate(trimmed);
                if head.ends_with('\n') {
                    head.pop();
                }
            }
            hrefs.push(href.to_owned());
        } else {
            head.push_str(tag);
        }
        rest = &rest[end..];
    }
    head.push_str(rest);
    html.replace_range(..head_end, &head);
    let texts: Vec<String> = hrefs.iter().filter_map(|href| own(href)).collect();
    if hrefs.is_empty() {
        return (html, String::new());
    }
    let links: String = hrefs.iter().map(|href| format!("<link rel=\"stylesheet\" href=\"{href}\">")).collect();
    let tail = format!("\n  {TAIL_START}{links}{TAIL_END}");
    let at = match html.find(PAGE_END) {
        Some(at) => at + PAGE_END.len(),
        None => html.rfind("</body>").unwrap_or(html.len()),
    };
    html.insert_str(at, &tail);
    (html, texts.join("\n"))
}

/// The template without what only its readers need: the comments that explain it (a
/// comment of one word, a marker the builder fills, stays) and the comment lines that open
/// an inline script. Every page carried them (1.8 KB).
pub fn without_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<!--") {
        let Some(end) = rest[at..].find("-->").map(|e| at + e + 3) else { break };
        let comment = &rest[at + 4..end - 3];
        if comment.trim().contains(char::is_whitespace) {
            // The line it was alone on goes with it.
            let before = rest[..at].trim_end_matches(' ');
            let after = &rest[end..];
            if (before.ends_with('\n') || before.is_empty()) && after.starts_with('\n') {
                out.push_str(before);
                rest = &after[1..];
            } else {
                out.push_str(&rest[..at]);
                rest = after;
            }
        } else {
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    // An inline script's opening comment lines.
    const SCRIPT: &str = "<script>";
    let mut html = out;
    let mut from = 0;
    while let Some(at) = html[from..].find(SCRIPT).map(|a| from + a + SCRIPT.len()) {
        let mut end = at;
        while html[end..].starts_with("//") {
            end = html[end..].find('\n').map_or(html.len(), |n| end + n + 1);
        }
        html.replace_range(at..end, "");
        from = at;
    }
    html
}

/// Where the whole stylesheet is linked: after the empty element the first paint waits for.
const PAGE_END: &str = "<div id=\"page-end\" hidden></div>";
const TAIL_START: &str = "<!--styles-->";
const TAIL_END: &str = "<!--/styles-->";

/// The page as the live preview serves it: the stylesheets linked in the head, where its
/// slot was, so edited stylesheets can be swapped in under their names and the page never
/// paints without them.
pub fn with_linked_stylesheets(html: &str) -> String {
    let mut html = html.to_owned();
    let mut links = String::new();
    if let Some(tail) = span(&html, TAIL_START, TAIL_END) {
        links = html[tail.start + TAIL_START.len()..tail.end - TAIL_END.len()].to_owned();
        html.replace_range(tail, "");
    }
    if let Some(slot) = span(&html, CRITICAL, "</style>") {
        html.replace_range(slot, &links);
    }
    html
}

/// From where `open` first is to the end of the first `close` after it.
fn span(html: &str, open: &str, close: &str) -> Option<std::ops::Range<usize>> {
    let start = html.find(open)?;
    let end = start + html[start..].find(close)? + close.len();
    Some(start..end)
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
    fn the_templates_explanations_leave_and_its_markers_stay() {
        let html = "<head>\n  <!-- Why the theme\n       comes first. -->\n  <script>// The theme.\n// More.\n(function () {})();\n</script>\n  \
                    <!-- brand -->\n  <!--page--><!--/page-->\n</head>\n<body>\n  <div id=\"app\"><!--app--><p>x <!-- a note --> y</p><!--/app--></div>\n</body>";
        assert_eq!(
            without_comments(html),
            "<head>\n  <script>(function () {})();\n</script>\n  <!-- brand -->\n  <!--page--><!--/page-->\n</head>\n<body>\n  \
             <div id=\"app\"><!--app--><p>x  y</p><!--/app--></div>\n</body>"
        );
        assert_eq!(without_comments(&without_comments(html)), without_comments(html));
        for odd in ["<!--", "<!-- a", "<script>//", "<script>// x"] {
            let _ = without_comments(odd);
        }
    }

    #[test]
    fn own_stylesheets_leave_the_head_for_a_slot_and_are_linked_after_the_page() {
        let dist = std::env::temp_dir().join(format!("masthead-critical-css-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("base-0123456789abcdef.css"), "body{margin:0}\n").unwrap();
        std::fs::write(dist.join("page-0123456789abcdef.css"), ".page{display:grid}\n").unwrap();
        std::fs::write(dist.join("evil-0123456789abcdef.css"), "a{}</STYLE><script>x()</script>").unwrap();
        let html =
            "<head>\n  <link rel=\"stylesheet\" href=\"/news/base-0123456789abcdef.css\" integrity=\"sha384-x\"/>\n  \
                    <link rel=\"stylesheet\" href=\"/news/page-0123456789abcdef.css\"/>\n  \
                    <link rel=\"stylesheet\" href=\"/news/evil-0123456789abcdef.css\"/>\n  \
                    <link rel=\"stylesheet\" href=\"/news/missing-0123456789abcdef.css\"/>\n  \
                    <link rel=\"icon\" href=\"/news/favicon.svg\">\n</head>\n<body>\n  \
                    <div id=\"app\"></div>\n  <div id=\"page-end\" hidden></div>\n</body>";
        let (page, css) = with_critical_slot(html, &dist, "/news/");
        assert_eq!(css, "body{margin:0}\n\n.page{display:grid}\n");
        assert_eq!(
            page,
            "<head>\n  <style data-critical></style>\n  \
             <link rel=\"stylesheet\" href=\"/news/evil-0123456789abcdef.css\"/>\n  \
             <link rel=\"stylesheet\" href=\"/news/missing-0123456789abcdef.css\"/>\n  \
             <link rel=\"icon\" href=\"/news/favicon.svg\">\n</head>\n<body>\n  \
             <div id=\"app\"></div>\n  <div id=\"page-end\" hidden></div>\n  <!--styles-->\
             <link rel=\"stylesheet\" href=\"/news/base-0123456789abcdef.css\">\
             <link rel=\"stylesheet\" href=\"/news/page-0123456789abcdef.css\"><!--/styles-->\n</body>"
        );
        // The slot is not the policy's business until a page fills it.
        assert!(inline_style_hashes(&page).is_empty());
        // A page with them inline, as earlier builds wrote it, gives the same.
        let inline = html.replace(
            "<link rel=\"stylesheet\" href=\"/news/base-0123456789abcdef.css\" integrity=\"sha384-x\"/>",
            "<style data-href=\"/news/base-0123456789abcdef.css\">body{margin:0}</style>",
        );
        assert_eq!(with_critical_slot(&inline, &dist, "/news/"), (page.clone(), css.clone()));
        // A filled page, made the template of the next build, gives the same.
        let filled = page.replace(SLOT, "<style data-critical>.page{display:grid}</style>");
        assert_eq!(with_critical_slot(&filled, &dist, "/news/"), (page.clone(), css));
        // The preview links them in the head again.
        let linked = with_linked_stylesheets(&filled);
        assert!(linked.starts_with(
            "<head>\n  <link rel=\"stylesheet\" href=\"/news/base-0123456789abcdef.css\">\
             <link rel=\"stylesheet\" href=\"/news/page-0123456789abcdef.css\">\n  <link rel=\"stylesheet\" href=\"/news/evil"
        ), "{linked}");
        assert!(!linked.contains("<!--styles-->") && !linked.contains("data-critical"), "{linked}");
        std::fs::remove_dir_all(&dist).unwrap();
    }
}
