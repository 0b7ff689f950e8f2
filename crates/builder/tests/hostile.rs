//! The builder against the hostile strings of tests/hostile/payloads.json: script-like
//! addresses are refused with a message naming the problem, raw HTML is cleaned and mapped
//! onto blocks (never passed through), and text (however hostile) stays text in the
//! article pages and the feeds' HTML.

use std::path::Path;

use masthead_builder::content::body::markdown::convert;
use masthead_builder::content::parse_post;
use masthead_builder::site::html::body_html;
use masthead_builder::site::pages::article_page;
use masthead_model::{Block, Inline, Post, Site, CONTRACT_VERSION};

#[derive(serde::Deserialize)]
struct Payloads {
    text: Vec<String>,
    urls: Vec<String>,
}

fn payloads() -> Payloads {
    serde_json::from_str(include_str!("../../../tests/hostile/payloads.json")).unwrap()
}

fn site() -> Site {
    masthead_model::decode("site.json", include_str!("../../../docs/contract/site.json")).unwrap()
}

fn toml(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn post_file(front: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"T\"\nslug = \"t\"\nstandfirst = \"S\"\npublished = 2025-01-01T09:00:00Z\ncategory = \"news\"\nauthors = [\"A\"]\n{front}+++\n{body}\n"
    )
}

fn links(blocks: &[Block]) -> Vec<String> {
    fn walk(inlines: &[Inline], out: &mut Vec<String>) {
        for i in inlines {
            match i {
                Inline::Link { href, children } => {
                    out.push(href.clone());
                    walk(children, out);
                }
                Inline::Emphasis { children } | Inline::Strong { children } => walk(children, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Paragraph { inlines } | Block::Heading { inlines, .. } => walk(inlines, &mut out),
            Block::Quote { paragraphs: items, .. } | Block::List { items, .. } => {
                items.iter().for_each(|i| walk(i, &mut out));
            }
            _ => {}
        }
    }
    out
}

/// The element names in an HTML fragment: what markup it really contains.
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .filter_map(|rest| {
            let name: String = rest.trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            (!name.is_empty()).then(|| name.to_ascii_lowercase())
        })
        .collect()
}

#[test]
fn script_like_addresses_are_refused_as_links_and_images() {
    let p = payloads();
    assert!(p.urls.len() >= 20);
    for url in &p.urls {
        // As a link: refused, or (where Markdown reads no link at all) no link is made.
        match convert(&format!("[x](<{url}>)\n")) {
            Err(e) => assert!(e[0].message.contains("link"), "{url:?}: {}", e[0].message),
            Ok(c) => assert!(links(&c.blocks).is_empty(), "{url:?} became a link"),
        }
        match convert(&format!("![a picture](<{url}>)\n")) {
            Err(e) => assert!(e[0].message.contains("image"), "{url:?}: {}", e[0].message),
            Ok(c) => assert!(!c.blocks.iter().any(|b| matches!(b, Block::Image(_))), "{url:?} became an image"),
        }
        // As the front matter's image.
        let file = post_file(&format!("[image]\nsrc = {}\nalt = \"a\"\n", toml(url)), "Text.");
        let err = parse_post(Path::new("p.md"), &file, &site()).err().unwrap_or_else(|| panic!("{url:?} accepted"));
        assert!(err.message.contains("image"), "{url:?}: {}", err.message);
        // As one of its other widths.
        let file = post_file(
            &format!("[image]\nsrc = \"/a.png\"\nalt = \"a\"\n[[image.sources]]\nsrc = {}\nwidth = 640\n", toml(url)),
            "Text.",
        );
        let err = parse_post(Path::new("p.md"), &file, &site()).err().unwrap_or_else(|| panic!("{url:?} accepted"));
        assert!(err.message.contains("image source"), "{url:?}: {}", err.message);
    }
}

/// The elements a body's HTML may have in the feeds, whatever the text was.
const BODY_ELEMENTS: &[&str] = &[
    "p",
    "h2",
    "h3",
    "h4",
    "blockquote",
    "ul",
    "ol",
    "li",
    "a",
    "em",
    "strong",
    "code",
    "br",
    "figure",
    "img",
    "figcaption",
    "cite",
    "h5",
    "h6",
    "del",
    "sup",
    "sub",
    "kbd",
    "pre",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "section",
];

/// In a body, written raw: HTML is cleaned and mapped onto blocks; what Markdown reads as
/// text comes out of the feeds' HTML as text.
#[test]
fn hostile_text_in_a_body_is_refused_as_html_or_kept_as_text() {
    let p = payloads();
    assert!(p.text.len() >= 100);
    let allowed = BODY_ELEMENTS;
    for text in &p.text {
        // In a body, written raw: HTML is cleaned and mapped onto blocks; what Markdown
        // reads as text comes out of the feeds' HTML as text.
        match convert(&format!("{text}\n")) {
            Err(e) => assert!(!e[0].message.is_empty()),
            Ok(c) => {
                let html = body_html(&c.blocks, "https://example.com");
                for tag in tags(&html) {
                    assert!(allowed.contains(&tag.as_str()), "{text:?} made <{tag}> in {html}");
                }
                for tag in
                    html.split('<').skip(1).filter_map(|rest| rest.split_once('>').map(|(t, _)| t.to_ascii_lowercase()))
                {
                    let handler = tag.split_whitespace().skip(1).any(|a| a.starts_with("on") || a.starts_with("style"));
                    assert!(!handler, "{text:?} made <{tag}>");
                }
                for href in links(&c.blocks) {
                    assert!(masthead_model::url::safe_href(&href).is_some(), "{text:?} made a link to {href:?}");
                }
            }
        }
    }
}

/// In every text field of the front matter: accepted as text, and escaped in the article's
/// page (title, meta tags, JSON-LD, the static headline; the whole page: header, article,
/// sidebar and footer).
#[test]
fn hostile_text_in_the_front_matter_is_kept_as_text_and_escaped_in_the_page() {
    let p = payloads();
    assert!(p.text.len() >= 100);
    for text in &p.text {
        let file_with = |text: &str| {
            let front = format!(
                "tags = [{t}]\n[image]\nsrc = \"/images/a.png\"\nalt = {t}\ncaption = {t}\n",
                t = toml(&format!("x {text}"))
            )
            .replace("authors = [\"A\"]\n", "");
            post_file(&front, "Text.")
                .replacen("title = \"T\"", &format!("title = {}", toml(&format!("T {text}"))), 1)
                .replacen("standfirst = \"S\"", &format!("standfirst = {}", toml(&format!("S {text}"))), 1)
                .replacen("authors = [\"A\"]", &format!("authors = [{}]", toml(&format!("A {text}"))), 1)
        };
        let file = file_with(text);
        let template = include_str!("../../../index.html");
        let page_of = |file: &str| {
            let parsed =
                parse_post(Path::new("p.md"), file, &site()).unwrap_or_else(|e| panic!("{text:?}: {}", e.message));
            let post = Post {
                contract: CONTRACT_VERSION,
                summary: parsed.summary,
                body: parsed.body,
                related: vec![],
                corrections: parsed.corrections,
                older: None,
                newer: None,
                series: None,
            };
            article_page(template, &frame(&post), &post)
        };
        let page = page_of(&file);
        // The same post with plain words where the payload was: the hostile text may add no
        // element of a kind the plain page does not have.
        let plain = page_of(&file_with("plain words"));
        let allowed: Vec<String> = tags(template).into_iter().chain(tags(&plain)).collect();
        for tag in tags(&page) {
            assert!(allowed.contains(&tag), "{text:?} made <{tag}>");
        }
        let scripts = |html: &str| html.matches("</script").count();
        assert!(scripts(&page) <= scripts(template) + 1, "{text:?} closed a script early");
    }
}

/// The header, sidebar and footer of a site whose only story is `post`.
fn frame(post: &Post) -> masthead_builder::site::pages::Frame {
    use masthead_model::archive::{count_by_month, facet_counts};
    let summaries = vec![post.summary.clone()];
    masthead_builder::site::pages::Frame {
        signup_forms: masthead_builder::site::signup_form::SignupForms::for_site(&site().newsletter),
        site: site(),
        latest: masthead_model::Latest { contract: CONTRACT_VERSION, posts: summaries.clone(), lead: None },
        front: masthead_builder::content::front_page::file(vec![masthead_builder::content::front_page::FrontRow {
            term: post.summary.category.clone(),
            posts: summaries.clone(),
        }]),
        archive: masthead_model::ArchiveIndex {
            contract: CONTRACT_VERSION,
            total: 1,
            months: count_by_month(&summaries),
            categories: facet_counts(&summaries, |p| vec![&p.category]),
            tags: facet_counts(&summaries, |p| p.tags.iter().collect()),
            authors: facet_counts(&summaries, |p| p.authors.iter().collect()),
            explorer: None,
        },
    }
}
