//! One HTML page per article, made from the built index.html: the article's title,
//! description, canonical URL, OpenGraph and Twitter tags, NewsArticle JSON-LD, a preload of
//! its JSON, and its headline and standfirst as plain HTML that the app takes over.
//! Crawlers and link previews that run no script see the article; deep links answer 200.

use masthead_model::url::{content_path, safe_image_src};
use masthead_model::{Page, Post, Site};
use serde_json::json;

use crate::html::{absolute, escape};

/// Where the static shell's main content sits in index.html; the page replaces what is
/// between this element's opening tag and `</main>`.
pub const SHELL_MAIN: &str = "id=\"shell-main\"";

/// Checks that index.html has what the pages are made from.
pub fn check_template(template: &str) -> Result<(), String> {
    for needle in ["<title>", "</title>", "</head>", SHELL_MAIN, "</main>"] {
        if !template.contains(needle) {
            return Err(format!("index.html has no {needle}: per-article pages cannot be made from it"));
        }
    }
    Ok(())
}

/// The page for one article. `template` must pass `check_template`.
pub fn article_page(template: &str, site: &Site, post: &Post) -> String {
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
    tag(format!(
        "<link rel=\"preload\" href=\"{}\" as=\"fetch\" crossorigin>",
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
    let card = if image.is_some() { "summary_large_image" } else { "summary" };
    tag(format!("<meta name=\"twitter:card\" content=\"{card}\">"));
    tag(format!("<meta name=\"twitter:title\" content=\"{}\">", escape(&s.title)));
    tag(format!("<meta name=\"twitter:description\" content=\"{}\">", escape(&description)));
    if let Some((src, img)) = &image {
        tag(format!("<meta property=\"og:image\" content=\"{}\">", escape(src)));
        tag(format!("<meta property=\"og:image:alt\" content=\"{}\">", escape(&img.alt)));
        if let (Some(w), Some(h)) = (img.width, img.height) {
            tag(format!("<meta property=\"og:image:width\" content=\"{w}\">"));
            tag(format!("<meta property=\"og:image:height\" content=\"{h}\">"));
        }
        tag(format!("<meta name=\"twitter:image\" content=\"{}\">", escape(src)));
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
    // `<` escaped as \u003c: nothing in the data can close the script element.
    let ld = serde_json::to_string(&ld).unwrap_or_default().replace('<', "\\u003c");
    tag(format!("<script type=\"application/ld+json\">{ld}</script>"));

    let shell = format!(
        "\n<article class=\"article\" data-slug=\"{}\"><header class=\"article__header\">\
         <p class=\"article__category\">{}</p><h1 class=\"article__title\">{}</h1>\
         <p class=\"article__standfirst\">{}</p></header></article>\n",
        escape(&s.slug),
        escape(&s.category.name),
        escape(&s.title),
        escape(&s.standfirst),
    );

    fill(template, &title, &description, &head, &shell)
}

/// The template with this page's title, description, extra head lines and main content.
fn fill(template: &str, title: &str, description: &str, head: &str, shell: &str) -> String {
    let mut page = replace_between(template, "<title>", "</title>", &escape(title));
    page = replace_description(&page, description);
    page = page.replacen("</head>", &format!("\n{head}</head>"), 1);
    if let Some(open) = page.find(SHELL_MAIN).and_then(|at| page[at..].find('>').map(|end| at + end + 1)) {
        if let Some(close) = page[open..].find("</main>").map(|c| open + c) {
            page.replace_range(open..close, shell);
        }
    }
    page
}

/// The page for a standalone page (`/privacy`): its title, description and canonical URL,
/// and its whole text as HTML, so it reads without the app.
pub fn standalone_page(template: &str, site: &Site, page: &Page) -> String {
    let url = absolute(&site.base_url, &format!("/{}", page.slug));
    let description = page.description.clone().unwrap_or_default();
    let head = format!(
        "  <link rel=\"canonical\" href=\"{}\">\n  <meta property=\"og:title\" content=\"{}\">\n  \
         <meta property=\"og:url\" content=\"{}\">\n",
        escape(&url),
        escape(&page.title),
        escape(&url)
    );
    let shell = format!(
        "\n<article class=\"article article--page\" data-page=\"{}\"><header class=\"article__header\">\
         <h1 class=\"article__title\">{}</h1>{}</header><div class=\"article__body\">{}</div></article>\n",
        escape(&page.slug),
        escape(&page.title),
        page.description
            .as_ref()
            .map(|d| format!("<p class=\"article__standfirst\">{}</p>", escape(d)))
            .unwrap_or_default(),
        crate::html::body_html(&page.body, &site.base_url),
    );
    fill(template, &format!("{} | {}", page.title, site.name), &description, &head, &shell)
}

/// The archive page, made from the explorer build's index.html (the bundle with the archive
/// explorer): its title and description.
pub fn archive_page(template: &str, site: &Site) -> String {
    let page = replace_between(template, "<title>", "</title>", &escape(&format!("Archive | {}", site.name)));
    replace_description(&page, "Every story, by date, category, tag, author or words.")
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
