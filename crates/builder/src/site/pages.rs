//! Every page as complete HTML, made from the built index.html: the app's own components,
//! rendered natively (`masthead::render`) from the same contract files the browser reads,
//! fill the page between `<!--app-->` and `<!--/app-->`; the app in the browser takes the
//! page over. An article's page also carries its title, description, canonical URL,
//! OpenGraph and Twitter tags, NewsArticle JSON-LD and a preload of its JSON. Readers
//! without JavaScript, crawlers, read-later services and link previews get the whole page.

use masthead_model::url::{base_path, content_path, safe_image_src, with_base};
use masthead_model::{ArchiveIndex, Latest, MonthShard, Page, Post, Site, YearMonth};
use serde_json::json;

use crate::site::html::{absolute, escape};

/// Where the app's markup goes in index.html: everything between the two is replaced.
pub const APP_START: &str = "<!--app-->";
pub const APP_END: &str = "<!--/app-->";

/// What index.html lacks for the pages to be made from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TemplateLacks(pub &'static str);

impl std::fmt::Display for TemplateLacks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "index.html has no {}: the pages cannot be made from it", self.0)
    }
}

/// Checks that index.html has what the pages are made from.
pub fn check_template(template: &str) -> Result<(), TemplateLacks> {
    for needle in ["<title>", "</title>", "</head>", APP_START, APP_END] {
        if !template.contains(needle) {
            return Err(TemplateLacks(needle));
        }
    }
    Ok(())
}

/// The app starts after the page is painted: trunk's preloads of its loader and wasm go
/// (the loader asks for them when it starts), the loader's import waits for the first
/// frame, and the JSON preloads are at low priority. The page reads without any of them,
/// so the stylesheets and images the reader waits for have the connection to themselves.
pub fn app_after_paint(template: &str) -> String {
    const IMPORT: &str = "import init, * as bindings from '";
    let mut out = String::with_capacity(template.len() + 256);
    let mut rest = template;
    while let Some(at) = rest.find("<link ") {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..end];
        out.push_str(&rest[..at]);
        let app_file =
            tag.contains("rel=\"modulepreload\"") || (tag.contains("rel=\"preload\"") && tag.contains("_bg.wasm\""));
        if app_file {
            // Left out.
        } else if tag.contains("rel=\"preload\"") && !tag.contains("fetchpriority") {
            out.push_str("<link fetchpriority=\"low\" ");
            out.push_str(&tag["<link ".len()..]);
        } else {
            out.push_str(tag);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    match out.find(IMPORT).and_then(|at| out[at + IMPORT.len()..].find("';").map(|e| (at, at + IMPORT.len() + e))) {
        Some((at, url_end)) => {
            let url = out[at + IMPORT.len()..url_end].to_owned();
            let start = format!(
                "await new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));\n\
                 const bindings = await import('{url}');\nconst init = bindings.default;"
            );
            out.replace_range(at..url_end + 2, &start);
            out
        }
        None => out,
    }
}

/// What every page shows besides its own content: the files the header, the sidebar and
/// the footer read.
pub struct Frame {
    pub site: Site,
    pub latest: Latest,
    pub archive: ArchiveIndex,
    /// The front page's rows (`front.json`).
    pub front: masthead_model::ListShard,
    /// The newsletter forms' plain post, where the provider takes one.
    pub signup_forms: Option<crate::site::signup_form::SignupForms>,
}

impl Frame {
    /// The app's markup for the site path `path`, with the route's own file given.
    fn render(&self, path: &str, given: masthead::render::Given) -> String {
        let base = base_path(&self.site.base_url);
        let files = masthead::render::Given {
            site: Some(self.site.clone()),
            latest: Some(self.latest.clone()),
            archive: Some(self.archive.clone()),
            ..given
        };
        let markup = masthead::render::page(&base, &with_base(&base, path), files);
        match &self.signup_forms {
            Some(forms) => forms.point(&markup),
            None => markup,
        }
    }
}

/// The front page (index.html).
pub fn home_page(template: &str, frame: &Frame) -> String {
    let site = &frame.site;
    let head = format!(
        "  <link rel=\"canonical\" href=\"{}\">\n  {MAX_IMAGE_PREVIEW}\n",
        escape(&absolute(&site.base_url, "/"))
    );
    let page = fill(template, &format!("{} | {}", site.name, site.tagline), &site.tagline, &head);
    let given =
        masthead::render::Given { list: Some(("front.json".into(), frame.front.clone())), ..Default::default() };
    fill_app(&page, &frame.render("/", given))
}

/// Search engines and Google Discover may show a story's picture large (its copies are
/// 1200 pixels wide at least when the photograph is): on the front page and each story's.
/// Written by the builder, not the template, as the app sets the not-found page's
/// `noindex` in the one robots element a page has.
const MAX_IMAGE_PREVIEW: &str = "<meta name=\"robots\" content=\"max-image-preview:large\">";

/// The not-found page (404.html): what a host answers for an address it has no file for.
pub fn not_found_page(template: &str, frame: &Frame) -> String {
    let title = format!("Page not found | {}", frame.site.name);
    let page = fill(template, &title, "", "  <meta name=\"robots\" content=\"noindex\">\n");
    fill_app(&page, &frame.render("/404", Default::default()))
}

/// A page of a month's stories (`/2024/07/`, `/2024/07/page/2/`), newest first.
pub fn month_page(template: &str, frame: &Frame, shard: MonthShard, label: &str) -> String {
    let month: YearMonth = shard.month;
    let path = month.page_path(shard.page);
    let url = absolute(&frame.site.base_url, &path);
    let head = format!("  <link rel=\"canonical\" href=\"{}\">\n", escape(&url));
    let title = match shard.page {
        0 | 1 => format!("{label} | {}", frame.site.name),
        n => format!("{label} (page {n} of {}) | {}", shard.pages, frame.site.name),
    };
    let page = fill(template, &title, &format!("Stories published in {label}."), &head);
    let file = format!("archive/{}", month.page_file(shard.page));
    let given = masthead::render::Given { list: Some((file, shard.into())), ..Default::default() };
    fill_app(&page, &frame.render(&path, given))
}

/// A year's page (`/2024/`): its months with their counts, from the archive index.
pub fn year_page(template: &str, frame: &Frame, year: i32) -> String {
    let path = format!("/{year}");
    let head = format!("  <link rel=\"canonical\" href=\"{}\">\n", escape(&absolute(&frame.site.base_url, &path)));
    let title = format!("{year} | {}", frame.site.name);
    let page = fill(template, &title, &format!("Stories published in {year}."), &head);
    fill_app(&page, &frame.render(&path, Default::default()))
}

/// A page of a section's, tag's or author's stories (`/category/reviews/`,
/// `/category/reviews/page/2/`), with its JSON-LD (a CollectionPage; for an author a
/// ProfilePage about the Person).
pub fn term_page(template: &str, frame: &Frame, shard: masthead_model::TermShard) -> String {
    let site = &frame.site;
    let Some(kind) = masthead_model::route::TermKind::from_segment(&shard.kind) else {
        return not_found_page(template, frame);
    };
    let path = kind.path(&shard.term.slug, shard.page);
    let url = absolute(&site.base_url, &path);
    let name = &shard.term.name;
    let description = shard.description.clone().unwrap_or_else(|| kind.description(name));
    let title = match shard.page {
        1 => format!("{name} | {}", site.name),
        n => format!("{name} (page {n} of {}) | {}", shard.pages, site.name),
    };
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "url": url,
        "isPartOf": { "@type": "WebSite", "name": site.name, "url": absolute(&site.base_url, "/") },
        "hasPart": shard.posts.iter().map(|p| json!({
            "@type": "NewsArticle",
            "headline": p.title,
            "url": absolute(&site.base_url, &p.permalink()),
            "datePublished": p.published.as_str(),
        })).collect::<Vec<_>>(),
    });
    if kind == masthead_model::route::TermKind::Author {
        ld["@type"] = json!("ProfilePage");
        let mut person = json!({ "@type": "Person", "name": name, "url": url });
        if let Some(profile) = &shard.profile {
            let bio = profile.bio.iter().map(masthead_model::text::block_text).collect::<Vec<_>>().join(" ");
            if !bio.is_empty() {
                person["description"] = json!(masthead_model::text::truncate_words(&bio, 300));
            }
            if let Some(src) = profile.avatar.as_ref().and_then(|a| safe_image_src(&a.src)) {
                person["image"] = json!(absolute(&site.base_url, src));
            }
            let same: Vec<&str> =
                profile.links.iter().map(|l| l.href.as_str()).filter(|h| !h.starts_with("mailto:")).collect();
            if !same.is_empty() {
                person["sameAs"] = json!(same);
            }
        }
        ld["mainEntity"] = person;
    }
    let ld = serde_json::to_string(&ld).unwrap_or_default().replace('<', "\\u003c");
    let feeds = crate::site::feeds::Channel::term(site, kind, &shard.term).head_links(&site.base_url);
    let head = format!(
        "  <link rel=\"canonical\" href=\"{}\">\n{feeds}  <script type=\"application/ld+json\">{ld}</script>\n",
        escape(&url)
    );
    let page = fill(template, &title, &description, &head);
    let file = kind.shard_file(&shard.term.slug, shard.page);
    let given = masthead::render::Given { list: Some((file, shard.into())), ..Default::default() };
    fill_app(&page, &frame.render(&path, given))
}

/// The page for one article. `template` must pass `check_template`.
pub fn article_page(template: &str, frame: &Frame, post: &Post) -> String {
    let site = &frame.site;
    let s = &post.summary;
    let url = absolute(&site.base_url, &s.permalink());
    let title = format!("{} | {}", s.title, site.name);
    let description = masthead_model::text::truncate_words(&s.standfirst, 160);
    let image = s.image.as_ref().and_then(|i| safe_image_src(&i.src).map(|src| (absolute(&site.base_url, src), i)));

    let mut head = String::new();
    let mut tag = |line: String| {
        head.push_str("  ");
        head.push_str(&line);
        head.push('\n');
    };
    tag(format!("<link rel=\"canonical\" href=\"{}\">", escape(&url)));
    if s.draft {
        tag("<meta name=\"robots\" content=\"noindex\">".to_owned());
    } else {
        tag(MAX_IMAGE_PREVIEW.to_owned());
    }
    tag(format!(
        "<link fetchpriority=\"low\" rel=\"preload\" href=\"{}\" as=\"fetch\" crossorigin>",
        escape(&masthead_model::url::with_base(
            &masthead_model::url::base_path(&site.base_url),
            &content_path(&format!("posts/{}.json", s.slug))
        ))
    ));
    for (property, value) in [
        ("og:type", "article"),
        ("og:site_name", site.name.as_str()),
        ("og:title", s.title.as_str()),
        ("og:description", description.as_str()),
        ("og:url", url.as_str()),
        ("og:locale", &site.locale.replace('-', "_")),
        ("article:published_time", s.published.as_str()),
        ("article:section", s.category.name.as_str()),
    ] {
        tag(format!("<meta property=\"{property}\" content=\"{}\">", escape(value)));
    }
    if let Some(updated) = &s.updated {
        tag(format!("<meta property=\"article:modified_time\" content=\"{}\">", escape(updated.as_str())));
    }
    for t in &s.tags {
        tag(format!("<meta property=\"article:tag\" content=\"{}\">", escape(&t.name)));
    }
    // X reads the title, description and picture from the Open Graph tags when its own
    // are not there: only the card's kind is its own.
    let card = if image.is_some() { "summary_large_image" } else { "summary" };
    tag(format!("<meta name=\"twitter:card\" content=\"{card}\">"));
    if let Some((src, img)) = &image {
        tag(format!("<meta property=\"og:image\" content=\"{}\">", escape(src)));
        tag(format!("<meta property=\"og:image:alt\" content=\"{}\">", escape(&img.alt)));
        if let (Some(w), Some(h)) = (img.width, img.height) {
            tag(format!("<meta property=\"og:image:width\" content=\"{w}\">"));
            tag(format!("<meta property=\"og:image:height\" content=\"{h}\">"));
        }
    }
    let mut ld = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": s.title,
        "description": s.standfirst,
        "datePublished": s.published.as_str(),
        "dateModified": s.updated.as_ref().unwrap_or(&s.published).as_str(),
        "author": s.authors.iter().map(|a| json!({ "@type": "Person", "name": a.name })).collect::<Vec<_>>(),
        "publisher": { "@type": "Organization", "name": site.name, "url": absolute(&site.base_url, "/") },
        "mainEntityOfPage": url,
        "articleSection": s.category.name,
        "keywords": s.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>().join(", "),
        "inLanguage": site.locale,
    });
    if let Some((src, _)) = &image {
        ld["image"] = json!([src]);
    }
    if !post.corrections.is_empty() {
        ld["correction"] = post
            .corrections
            .iter()
            .map(|c| json!({ "@type": "CorrectionComment", "text": c.text, "datePublished": c.date.as_str() }))
            .collect();
    }
    // `<` escaped as \u003c: nothing in the data can close the script element.
    let ld = serde_json::to_string(&ld).unwrap_or_default().replace('<', "\\u003c");
    tag(format!("<script type=\"application/ld+json\">{ld}</script>"));

    let page = fill(template, &title, &description, &head);
    let given = masthead::render::Given { post: Some(post.clone()), ..Default::default() };
    fill_app(&page, &frame.render(&s.permalink(), given))
}

/// Where a page's own head lines go, so that a page made from another (index.html is the
/// front page, and the template of the next build) gets its own and no other's.
const HEAD_START: &str = "<!--page-->";
const HEAD_END: &str = "<!--/page-->";

/// The template with this page's title, description and extra head lines.
fn fill(template: &str, title: &str, description: &str, head: &str) -> String {
    let mut page = replace_between(template, "<title>", "</title>", &escape(title));
    page = replace_description(&page, description);
    if page.contains(HEAD_START) {
        replace_between(&page, HEAD_START, HEAD_END, &format!("\n{head}  "))
    } else {
        page.replacen("</head>", &format!("  {HEAD_START}\n{head}  {HEAD_END}\n</head>"), 1)
    }
}

/// Where the lead image's preload sits: the head's first lines, apart from the rest.
const LEAD_START: &str = "<!--lead-image-->";
const LEAD_END: &str = "<!--/lead-image-->";

/// The page with the app's markup between `<!--app-->` and `<!--/app-->`.
/// The first image of the page's main content that loads at once (`fetchpriority="high"`, the
/// story's own image at the top) is preloaded from the head, at high priority, with the
/// same `srcset` and `sizes`: the browser asks for it with the page rather than when the
/// parser reaches it, so it is no later than the text beside it. It goes before the head's
/// first script (the colour theme's, which reads storage while the parser waits): at 4x CPU
/// and 150 ms round trips the image was asked for 60 ms sooner there than at the head's end.
fn fill_app(page: &str, app: &str) -> String {
    let app = without_markers(app);
    let app = with_picture_colors(&app);
    let mut page = replace_between(page, APP_START, APP_END, &app);
    // A page made from a written one (index.html is the next build's template) drops its lead.
    if let Some(start) = page.find(LEAD_START) {
        if let Some(end) = page[start..].find(LEAD_END).map(|e| start + e + LEAD_END.len()) {
            let end = if page[end..].starts_with("\n  ") { end + 3 } else { end };
            page.replace_range(start..end, "");
        }
    }
    let Some(link) = first_image_preload(&app) else { return page };
    let head = page.find("</head>").unwrap_or(page.len());
    let at = page[..head].find("<script").or_else(|| page[..head].find(HEAD_START)).unwrap_or(head);
    format!("{}{LEAD_START}{link}{LEAD_END}\n  {}", &page[..at], &page[at..])
}

/// The app's rendering without the empty comments (`<!>`, `<!--<() />-->`) it leaves to
/// find its place again when it hydrates: the app renders apart from the written page and
/// replaces it, so they only cost bytes (a story page had 84). Nothing else in the
/// rendering can be one: text is escaped and raw HTML was cleaned of comments.
fn without_markers(app: &str) -> String {
    app.replace("<!>", "").replace("<!--<() />-->", "")
}

/// Each `<img>` of a picture with sized copies shows the picture's average colour in its
/// place while it loads (`style="background:#rrggbb"`, allowed by `style-src-attr`): on
/// the written page, which is what a reader sees while the pictures arrive. The app's own
/// rendering leaves it out, as it would cost the reader's wasm 0.9 KB.
fn with_picture_colors(app: &str) -> std::borrow::Cow<'_, str> {
    const IMG: &str = "<img src=\"";
    if !app.contains(IMG) {
        return std::borrow::Cow::Borrowed(app);
    }
    let mut out = String::with_capacity(app.len() + 256);
    let mut rest = app;
    while let Some(at) = rest.find(IMG) {
        let value = &rest[at + IMG.len()..];
        let color = value.split('"').next().and_then(crate::pictures::color_of);
        out.push_str(&rest[..at]);
        out.push_str("<img");
        if let Some(color) = color {
            out.push_str(&format!(" style=\"background:{color}\""));
        }
        out.push_str(" src=\"");
        rest = value;
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// `<link rel="preload" as="image" …>` for the first `<img>` at high priority in `<main>` of the
/// rendered `app`, with the `srcset`, `sizes` and `type` of the `<source>` before it in its
/// `<picture>` (the copies a browser that reads the type takes), else the `<img>`'s own
/// (attribute values are copied as rendered, already escaped).
fn first_image_preload(app: &str) -> Option<String> {
    let main = &app[app.find("<main")?..];
    let main = &main[..main.find("</main>").unwrap_or(main.len())];
    let mut rest = main;
    let mut source: Option<&str> = None;
    loop {
        let at = rest.find('<')?;
        let end = rest[at..].find('>').map(|e| at + e)?;
        let tag = &rest[at..end];
        rest = &rest[end..];
        if tag.starts_with("<picture") || tag.starts_with("</picture") {
            source = None;
            continue;
        }
        if tag.starts_with("<source ") {
            source = Some(tag);
            continue;
        }
        if !tag.starts_with("<img ") {
            continue;
        }
        let value = |name: &str| crate::site::deploy::attribute(tag, name);
        if value("fetchpriority") != Some("high") {
            continue;
        }
        let src = value("src")?;
        let mut link = format!("<link rel=\"preload\" as=\"image\" fetchpriority=\"high\" href=\"{src}\"");
        let from = source.filter(|s| crate::site::deploy::attribute(s, "srcset").is_some()).unwrap_or(tag);
        for (name, as_name) in [("srcset", "imagesrcset"), ("sizes", "imagesizes"), ("type", "type")] {
            if let Some(v) = crate::site::deploy::attribute(from, name) {
                link.push_str(&format!(" {as_name}=\"{v}\""));
            }
        }
        link.push('>');
        return Some(link);
    }
}

/// The page for a standalone page (`/privacy`): its title, description and canonical URL,
/// and its whole text as HTML, so it reads without the app.
pub fn standalone_page(template: &str, frame: &Frame, page: &Page) -> String {
    let site = &frame.site;
    let url = absolute(&site.base_url, &format!("/{}", page.slug));
    let description = page.description.clone().unwrap_or_default();
    let head = format!(
        "  <link rel=\"canonical\" href=\"{}\">\n  <meta property=\"og:title\" content=\"{}\">\n  \
         <meta property=\"og:url\" content=\"{}\">\n",
        escape(&url),
        escape(&page.title),
        escape(&url)
    );
    let html = fill(template, &format!("{} | {}", page.title, site.name), &description, &head);
    let given = masthead::render::Given { page: Some(page.clone()), ..Default::default() };
    fill_app(&html, &frame.render(&format!("/{}", page.slug), given))
}

/// The archive page, made from the explorer build's index.html (the bundle with the archive
/// explorer): its title, description and canonical URL, the filters and its first page of
/// stories, from the list files that hold them.
pub fn archive_page(template: &str, frame: &Frame, lists: Vec<(u32, masthead_model::ListFile)>) -> String {
    let site = &frame.site;
    let head = format!("  <link rel=\"canonical\" href=\"{}\">\n", escape(&absolute(&site.base_url, "/archive")));
    let page = fill(
        template,
        &format!("Archive | {}", site.name),
        "Every story, by date, category, tag, author or words.",
        &head,
    );
    let given = masthead::render::Given { lists, ..Default::default() };
    fill_app(&page, &frame.render("/archive", given))
}

fn replace_between(text: &str, start: &str, end: &str, with: &str) -> String {
    match text.find(start).map(|s| s + start.len()).and_then(|s| text[s..].find(end).map(|e| (s, s + e))) {
        Some((s, e)) => format!("{}{with}{}", &text[..s], &text[e..]),
        None => text.to_owned(),
    }
}

fn replace_description(text: &str, description: &str) -> String {
    const META: &str = "<meta name=\"description\" content=\"";
    let Some(start) = text.find(META).map(|at| at + META.len()) else {
        return text.replacen("</head>", &format!("  {META}{}\">\n</head>", escape(description)), 1);
    };
    match text[start..].find('"') {
        Some(len) => format!("{}{}{}", &text[..start], escape(description), &text[start + len..]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_starts_after_the_page_is_painted() {
        let head = "<link rel=\"stylesheet\" href=\"/a.css\"/><link rel=\"preload\" href=\"/content/site.json\" as=\"fetch\">\
                    <script type=\"module\">\nimport init, * as bindings from '/m-1.js';\n\
                    const wasm = await init({ module_or_path: '/m-1_bg.wasm' });\n</script>\
                    <link rel=\"modulepreload\" href=\"/m-1.js\" crossorigin=\"anonymous\">\
                    <link rel=\"preload\" href=\"/m-1_bg.wasm\" crossorigin=\"anonymous\" as=\"fetch\" type=\"application/wasm\">";
        let out = app_after_paint(head);
        assert_eq!(
            out,
            "<link rel=\"stylesheet\" href=\"/a.css\"/><link fetchpriority=\"low\" rel=\"preload\" href=\"/content/site.json\" as=\"fetch\">\
             <script type=\"module\">\nawait new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));\n\
             const bindings = await import('/m-1.js');\nconst init = bindings.default;\n\
             const wasm = await init({ module_or_path: '/m-1_bg.wasm' });\n</script>"
        );
        assert_eq!(app_after_paint(&out), out, "once is enough");
    }

    #[test]
    fn the_lead_image_is_asked_for_before_the_heads_first_script() {
        let template =
            "<head>\n  <meta charset=\"utf-8\">\n  <script>theme()</script>\n  <!--page-->\n  <!--/page-->\n</head>\
                        <body><div id=\"app\"><!--app--><!--/app--></div>";
        let page = fill_app(&fill(template, "T", "", ""), "<main><img src=\"/a.jpg\" fetchpriority=\"high\"></main>");
        let link = page.find("<link rel=\"preload\" as=\"image\"").expect("preloaded");
        assert!(page.find("<meta charset").unwrap() < link && link < page.find("<script>").unwrap(), "{page}");
        assert!(page.contains("\n  <!--lead-image--><link"), "{page}");
    }

    #[test]
    fn the_first_image_at_high_priority_in_main_is_preloaded_once_per_page() {
        let template =
            "<head>\n  <!--page-->\n  <!--/page-->\n</head><body><div id=\"app\"><!--app--><!--/app--></div>";
        let app = "<header><img src=\"/logo.svg\" fetchpriority=\"high\"></header><main>\
                   <picture><source type=\"image/webp\" srcset=\"/a.360.webp 360w\"><img src=\"/a.jpg\" loading=\"lazy\"></picture>\
                   <img src=\"/b.jpg\" srcset=\"/b-600.jpg 600w, /b.jpg 1200w\" sizes=\"100vw\" alt=\"&quot;B&quot;\" fetchpriority=\"high\">\
                   </main><img src=\"/c.jpg\" fetchpriority=\"high\">";
        let page = fill_app(&fill(template, "T", "", "  <link rel=\"canonical\" href=\"/x\">\n"), app);
        let link = "<link rel=\"preload\" as=\"image\" fetchpriority=\"high\" href=\"/b.jpg\" \
                    imagesrcset=\"/b-600.jpg 600w, /b.jpg 1200w\" imagesizes=\"100vw\">";
        assert_eq!(page.matches(link).count(), 1, "{page}");
        assert!(page.find(link) < page.find(HEAD_END), "{page}");
        assert_eq!(fill_app(&page, app), page, "filled again, the same page");
        // A page made from this one (index.html is the next build's template) has its own.
        let next = fill_app(&fill(&page, "U", "", ""), "<main><p>No image</p></main>");
        assert!(!next.contains("as=\"image\""), "{next}");
        // In a <picture>, the copies its <source> offers (with their type) are preloaded.
        let app = "<main><picture><source type=\"image/webp\" srcset=\"/d.360.webp 360w, /d.720.webp 720w\" \
                   sizes=\"100vw\"><img src=\"/d.1200.jpg\" fetchpriority=\"high\"></picture></main>";
        let page = fill_app(&fill(template, "T", "", ""), app);
        let link = "<link rel=\"preload\" as=\"image\" fetchpriority=\"high\" href=\"/d.1200.jpg\" \
                    imagesrcset=\"/d.360.webp 360w, /d.720.webp 720w\" imagesizes=\"100vw\" type=\"image/webp\">";
        assert!(page.contains(link), "{page}");
    }
}
