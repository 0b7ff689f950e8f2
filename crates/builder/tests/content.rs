//! Content as other systems' publishers write it: a Hugo-style post (TOML, Hugo's field
//! names, a cover image) and a Jekyll-style post (YAML, Jekyll's field names and date
//! form), with `<!--more-->`, raw HTML, code, a table and footnotes; drafts, scheduled and
//! expired posts; unknown fields as warnings; `--strict`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use masthead_builder::{build_site, Memo, SiteReport};
use masthead_model::{Block, Inline, Layout, Post};

use common::{assert_contains, content_folder, read_post, repo, temp};

const HUGO: &str = r#"+++
title = "Hands on with the new phone"
date = 2024-05-02T10:00:00Z
lastmod = "2024-05-03"
description = "Fast, bright, and a battery that lasts."
categories = ["reviews"]
tags = ["phones", "hands-on"]
authors = ["Ada Lovelace"]
draft = false
aliases = ["/old/hands-on"]
series = "Phones 2024"
[cover]
image = "/images/phone.jpg"
alt = "The phone on a desk"
caption = "The new phone."
+++

The phone is fast.[^bench] Press <kbd>Ctrl</kbd>+<kbd>C</kbd>.

<!--more-->

## Benchmarks

| Test | Score |
|:-----|------:|
| CPU  | 1,234 |

```bash
echo "hello"
```

<div class="note"><p>Written in <b>HTML</b>.</p><script>alert(1)</script></div>

[^bench]: Measured with the usual suite.
"#;

const JEKYLL: &str = r#"---
layout: post
title: "Why the chip shortage is not over"
date: 2024-05-01 09:30:00 +0100
categories: [news, analysis]
tags: chips supply
author: Grace Hopper
excerpt: "Factories are busy; prices are not falling."
comments: true
featured: true
mood: hopeful
---

Demand keeps rising.

# A heading written as h1

- one
  - one and a half
- two
"#;

fn post(front: &str, body: &str) -> String {
    format!(
        "+++\ntitle = \"{front}\"\npublished = {body}\nstandfirst = \"S\"\ncategory = \"news\"\nauthors = [\"A\"]\n"
    )
}

fn folder(name: &str) -> std::path::PathBuf {
    let dir = temp(name);
    fs::create_dir_all(dir.join("content/posts")).unwrap();
    fs::copy(repo().join("content/site.toml"), dir.join("content/site.toml")).unwrap();
    fs::write(dir.join("content/posts/hugo.md"), HUGO).unwrap();
    fs::write(dir.join("content/posts/jekyll.md"), JEKYLL).unwrap();
    fs::write(
        dir.join("content/posts/draft.md"),
        post("A draft", "2024-04-01T00:00:00Z") + "draft = true\n+++\nSoon.\n",
    )
    .unwrap();
    fs::write(dir.join("content/posts/later.md"), post("Later", "2099-01-01T00:00:00Z") + "+++\nNot yet.\n").unwrap();
    fs::write(
        dir.join("content/posts/gone.md"),
        post("Gone", "2024-01-01T00:00:00Z") + "expiryDate = 2024-02-01T00:00:00Z\n+++\nOver.\n",
    )
    .unwrap();
    dir
}

/// The Hugo and Jekyll posts with a draft, a scheduled and an expired post beside them,
/// built once for the tests that read them.
struct Styles {
    dir: PathBuf,
    dist: PathBuf,
    report: SiteReport,
}

fn styles() -> &'static Styles {
    static BUILT: OnceLock<Styles> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = folder("styles");
        let dist = dir.join("dist");
        let report = build_site(&dir.join("content"), &dist, None, &mut Memo::default()).unwrap();
        Styles { dir, dist, report }
    })
}

fn warnings_of(report: &SiteReport) -> Vec<String> {
    report.warnings.iter().map(ToString::to_string).collect()
}

#[test]
fn drafts_scheduled_and_expired_posts_are_left_out_and_named() {
    let report = &styles().report;
    assert_eq!(report.posts, 2, "drafts, scheduled and expired posts are left out");
    let why: Vec<String> = report.left_out.iter().map(|(f, w)| format!("{}: {w}", f.display())).collect();
    assert_eq!(why.len(), 3, "{why:?}");
    assert!(why.iter().any(|w| w.contains("draft.md: draft")), "{why:?}");
    assert!(why.iter().any(|w| w.contains("later.md: scheduled for 2099")), "{why:?}");
    assert!(why.iter().any(|w| w.contains("gone.md: expired")), "{why:?}");
}

#[test]
fn a_hugo_post_is_read_under_hugos_field_names() {
    let hugo = read_post(&styles().dist, "hands-on-with-the-new-phone");
    let s = &hugo.summary;
    assert_eq!(s.standfirst, "Fast, bright, and a battery that lasts.");
    assert_eq!(s.category.slug, "reviews");
    assert_eq!(s.published.as_str(), "2024-05-02T10:00:00Z");
    assert_eq!(s.updated.as_ref().map(|u| u.as_str()), Some("2024-05-03T00:00:00Z"));
    let image = s.image.as_ref().unwrap();
    assert_eq!((image.src.as_str(), image.alt.as_str()), ("/images/phone.jpg", "The phone on a desk"));
    assert_eq!(image.caption.as_deref(), Some("The new phone."));
}

#[test]
fn a_hugo_body_carries_tables_code_footnotes_and_keys_and_no_script() {
    let dist = &styles().dist;
    let hugo = read_post(dist, "hands-on-with-the-new-phone");
    let kinds: Vec<&str> = hugo
        .body
        .iter()
        .map(|b| match b {
            Block::Paragraph { .. } => "paragraph",
            Block::Heading { .. } => "heading",
            Block::Table { .. } => "table",
            Block::Code { .. } => "code",
            Block::Footnotes { .. } => "footnotes",
            _ => "other",
        })
        .collect();
    assert_eq!(kinds, ["paragraph", "heading", "table", "code", "paragraph", "footnotes"]);
    let Block::Paragraph { inlines } = &hugo.body[0] else { panic!() };
    assert!(inlines.contains(&Inline::FootnoteRef { id: "bench".into(), number: 1 }));
    assert!(inlines.contains(&Inline::Keyboard { text: "Ctrl".into() }));
    let json = fs::read_to_string(dist.join("content/posts/hands-on-with-the-new-phone.json")).unwrap();
    assert!(!json.contains("alert") && !json.contains("<script"), "{json}");
}

#[test]
fn feeds_carry_tables_and_keys_as_html() {
    let rss = fs::read_to_string(styles().dist.join(masthead_builder::site::feeds::RSS_PATH.trim_start_matches('/')))
        .unwrap();
    assert!(rss.contains("&lt;table&gt;") && rss.contains("&lt;kbd&gt;Ctrl&lt;/kbd&gt;"), "{rss}");
}

#[test]
fn a_jekyll_post_is_read_under_jekylls_field_names() {
    let jekyll = read_post(&styles().dist, "why-the-chip-shortage-is-not-over");
    let s = &jekyll.summary;
    assert_eq!(s.published.as_str(), "2024-05-01T09:30:00+01:00");
    assert_eq!(s.category.slug, "news");
    assert_eq!(s.tags.iter().map(|t| t.slug.as_str()).collect::<Vec<_>>(), ["chips", "supply"]);
    assert_eq!(s.authors[0].name, "Grace Hopper");
    assert_eq!(s.standfirst, "Factories are busy; prices are not falling.");
    assert!(matches!(&jekyll.body[1], Block::Heading { level: 2, .. }), "the h1 moved down: {:?}", jekyll.body[1]);
    assert!(matches!(&jekyll.body[2], Block::List { nested, .. } if nested[0].len() == 1));
}

#[test]
fn the_featured_story_leads_the_front_page_though_a_newer_one_exists() {
    let latest: masthead_model::Latest =
        masthead_model::decode("latest", &fs::read_to_string(styles().dist.join("content/latest.json")).unwrap())
            .unwrap();
    assert_eq!(latest.posts[0].slug, "hands-on-with-the-new-phone");
    assert_eq!(latest.lead.map(|l| l.slug).as_deref(), Some("why-the-chip-shortage-is-not-over"));
}

#[test]
fn what_is_not_carried_is_a_warning_with_its_file_and_line() {
    let warnings = warnings_of(&styles().report);
    for (file, needle) in [
        ("jekyll.md:1:", "unknown front matter field `mood`"),
        ("jekyll.md:1:", "one category: \"news\" is kept, analysis left out"),
        ("jekyll.md:16:", "`#` heading"),
        ("hugo.md:", "<script>"),
        ("hugo.md:", "<div>"),
        ("hugo.md:", "image /images/phone.jpg is not in"),
    ] {
        assert!(warnings.iter().any(|w| w.contains(file) && w.contains(needle)), "{needle}: {warnings:#?}");
    }
    // Known fields of other systems (layout, comments, aliases, series) are no warning.
    assert!(!warnings.iter().any(|w| w.contains("`layout`") || w.contains("`aliases`")), "{warnings:#?}");
}

#[test]
fn drafts_are_built_when_asked_for() {
    let dir = &styles().dir;
    let mut memo = Memo::default();
    memo.options.drafts = true;
    let with_drafts = build_site(&dir.join("content"), &dir.join("dist-drafts"), None, &mut memo).unwrap();
    assert_eq!(with_drafts.posts, 3);
}

#[test]
fn strict_turns_every_warning_into_an_error_and_writes_nothing() {
    let Styles { dir, report, .. } = styles();
    let mut strict = Memo::default();
    strict.options.strict = true;
    let errors = build_site(&dir.join("content"), &dir.join("dist-strict"), None, &mut strict).unwrap_err();
    assert_eq!(errors.len(), warnings_of(report).len());
    assert!(errors.iter().all(|e| e.message.ends_with("(--strict)")));
    assert!(!dir.join("dist-strict").exists(), "a strict build that fails writes nothing");
}

/// The problems of a folder with one post, `bad.md`, of `text`: the story is held back
/// with them, and the load goes on.
fn problems_of(name: &str, text: &str) -> Vec<masthead_builder::BuildError> {
    let dir = content_folder(name);
    fs::write(dir.join("posts/bad.md"), text).unwrap();
    let publication = masthead_builder::load(&dir).unwrap();
    let _ = fs::remove_dir_all(&dir);
    assert!(publication.posts.iter().all(|p| p.summary.slug != "bad"), "a story with errors is not published");
    assert_eq!(publication.held_back.len(), 1, "{:#?}", publication.held_back);
    assert!(publication.held_back[0].file.ends_with("posts/bad.md"));
    publication.held_back.into_iter().flat_map(|h| h.problems).collect()
}

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    let text = "---\ntitle: \"\"\ndate: 2024-13-01\ncategory: gossip\nauthor: A\nimage: /a.png\n---\n\nText.\n";
    let text: Vec<String> = problems_of("all-problems", text).iter().map(ToString::to_string).collect();
    for needle in ["title is empty", "published:", "unknown category \"gossip\"", "no alt text"] {
        assert!(text.iter().any(|t| t.contains(needle)), "{needle}: {text:#?}");
    }
}

#[test]
fn mastheads_own_name_for_a_field_wins_over_another_whatever_the_order() {
    let both =
        "---\ndate: 2020-01-01\npublished: 2024-05-01T10:00:00Z\ntitle: T\ncategory: news\nauthor: A\n---\nBody.\n";
    let site = masthead_model::decode("site.json", include_str!("../../../docs/contract/site.json")).unwrap();
    let parsed = masthead_builder::content::parse_post(Path::new("both.md"), both, &site).unwrap();
    assert_eq!(parsed.summary.published.as_str(), "2024-05-01T10:00:00Z");
    assert!(parsed.warnings.iter().any(|w| w.message.contains("`date` is another name for `published`")));
}

#[test]
fn every_missing_field_is_named_at_once_with_the_other_names_it_is_read_as() {
    let missing: Vec<String> =
        problems_of("missing-fields", "---\nlayout: post\n---\nBody.\n").iter().map(|e| e.message.clone()).collect();
    for name in ["title", "published", "category", "authors"] {
        assert!(missing.iter().any(|m| m.contains(&format!("`{name}` is missing"))), "{name}: {missing:#?}");
    }
    assert!(missing.iter().any(|m| m.contains("also read as date, publishDate")), "{missing:#?}");
}

#[test]
fn front_matter_that_is_not_yaml_is_named_as_such() {
    let errors = problems_of("not-yaml", "---\ntitle: [unclosed\n---\nBody.\n");
    assert!(errors[0].to_string().contains("front matter (YAML)"), "{errors:?}");
}

/// The Hugo and Jekyll posts with three standalone pages (one a draft), built once.
fn with_pages() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = folder("pages");
        let content = dir.join("content");
        fs::create_dir_all(content.join("pages")).unwrap();
        fs::copy(repo().join("content/pages/privacy.md"), content.join("pages/privacy.md")).unwrap();
        fs::write(content.join("pages/contact.md"), "---\ntitle: Contact us\nfooter: false\n---\nWrite to us.\n")
            .unwrap();
        fs::write(content.join("pages/soon.md"), "+++\ntitle = \"Soon\"\ndraft = true\n+++\nNot yet.\n").unwrap();
        let dist = dir.join("dist");
        fs::create_dir_all(&dist).unwrap();
        fs::copy(repo().join("index.html"), dist.join("index.html")).unwrap();
        build_site(&content, &dist, None, &mut Memo::default()).unwrap();
        dist
    })
}

#[test]
fn the_site_lists_its_pages_with_their_footer_choice_and_no_drafts() {
    let site: masthead_model::Site =
        masthead_model::decode("site.json", &fs::read_to_string(with_pages().join("content/site.json")).unwrap())
            .unwrap();
    let listed: Vec<(&str, bool)> = site.pages.iter().map(|p| (p.slug.as_str(), p.footer)).collect();
    assert_eq!(listed, [("contact", false), ("privacy", true)], "drafts are left out");
}

#[test]
fn a_standalone_page_gets_its_json() {
    let page: masthead_model::Page = masthead_model::decode(
        "privacy",
        &fs::read_to_string(with_pages().join("content/pages/privacy.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(page.title, "Privacy");
    assert!(page.body.iter().any(|b| matches!(b, Block::Heading { id, .. } if id == "how-to-unsubscribe")));
}

#[test]
fn a_standalone_page_gets_its_page_which_reads_without_the_app() {
    let html = fs::read_to_string(with_pages().join("privacy/index.html")).unwrap();
    assert!(html.contains("<title>Privacy | The Circuit</title>"), "{html}");
    assert!(
        html.contains("How to unsubscribe") && html.contains("rel=\"canonical\""),
        "the text reads without the app"
    );
}

#[test]
fn standalone_pages_have_a_place_in_the_sitemap() {
    let sitemap = fs::read_to_string(with_pages().join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("/privacy</loc>") && sitemap.contains("/contact</loc>"), "{sitemap}");
}

/// The Hugo post's old address moves to it: a rule for hosts that read _redirects, and a
/// page that sends readers on for hosts that do not.
#[test]
fn an_old_address_moves_to_its_post_by_a_rule_and_by_a_page() {
    let redirects = fs::read_to_string(with_pages().join("_redirects")).unwrap();
    assert!(redirects.contains("/old/hands-on  /2024/05/hands-on-with-the-new-phone  301\n"), "{redirects}");
    assert!(redirects.find("/old/hands-on").unwrap() < redirects.find("/*  /404.html").unwrap());
    let moved = fs::read_to_string(with_pages().join("old/hands-on/index.html")).unwrap();
    assert!(moved.contains("<meta http-equiv=\"refresh\" content=\"0; url=/2024/05/hands-on-with-the-new-phone\">"));
    assert!(moved.contains("<link rel=\"canonical\" href=\"/2024/05/hands-on-with-the-new-phone\">"));
}

#[test]
fn a_page_cannot_take_one_of_the_sites_own_addresses_and_is_held_back() {
    let dir = folder("page-address");
    let content = dir.join("content");
    fs::create_dir_all(content.join("pages")).unwrap();
    fs::write(content.join("pages/archive.md"), "---\ntitle: Archive\n---\nX.\n").unwrap();
    fs::write(content.join("pages/about.md"), "---\ntitle: About\n---\nUs.\n").unwrap();
    let publication = masthead_builder::load(&content).unwrap();
    let errors: Vec<_> = publication.held_back.iter().flat_map(|h| &h.problems).collect();
    assert!(errors
        .iter()
        .any(|e| e.to_string().contains("archive.md:1:") && e.message.contains("site's own addresses")));
    // The other page and every story are published.
    assert_eq!(publication.pages.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>(), ["about"]);
    assert!(!publication.posts.is_empty());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn the_sites_own_images_get_their_width_and_height_from_the_files() {
    let dir = temp("image-sizes");
    fs::create_dir_all(dir.join("content/posts")).unwrap();
    fs::create_dir_all(dir.join("public/images")).unwrap();
    fs::copy(repo().join("content/site.toml"), dir.join("content/site.toml")).unwrap();
    fs::copy(repo().join("public/images/open-closed.svg"), dir.join("public/images/cover.svg")).unwrap();
    fs::write(
        dir.join("public/images/chart.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 360\"/>",
    )
    .unwrap();
    fs::write(
        dir.join("content/posts/sized.md"),
        post("Sized pictures", "2024-04-01T00:00:00Z")
            + "[image]\nsrc = \"/images/cover.svg\"\nalt = \"Doors\"\n+++\nText.\n\n![A chart](/images/chart.svg)\n\n\
               ![Given](/images/chart.svg)\n",
    )
    .unwrap();
    let dist = dir.join("dist");
    fs::create_dir_all(&dist).unwrap();
    fs::copy(repo().join("index.html"), dist.join("index.html")).unwrap();
    let report = build_site(&dir.join("content"), &dist, None, &mut Memo::default()).unwrap();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let sized = read_post(&dist, "sized-pictures");
    let cover = sized.summary.image.as_ref().unwrap();
    assert_eq!((cover.width, cover.height), (Some(1200), Some(630)));
    let Block::Image(chart) = &sized.body[1] else { panic!("{:?}", sized.body) };
    assert_eq!((chart.width, chart.height), (Some(640), Some(360)));
    // The page the builder writes keeps the picture's room.
    let page = fs::read_to_string(dist.join("2024/04/sized-pictures/index.html")).unwrap();
    assert!(page.contains("width=\"640\"") && page.contains("height=\"360\""), "{page}");
    let _ = fs::remove_dir_all(&dir);
}

const FIGURES: &str = r#"+++
title = "A story with every figure"
published = 2024-06-01T08:00:00Z
standfirst = "Written standfirst."
category = "news"
authors = ["Ada Lovelace"]
[[corrections]]
date = 2024-06-03
text = "An earlier version misspelt the chip's name."
[[corrections]]
date = "2024-06-02T10:00:00Z"
text = "The price was in dollars, not euros."
+++

The teaser for lists.

<!--more-->

![A phone, front](/img/front.jpg) ![A phone, back](/img/back.jpg "Both sides of the phone")

![A chart of sales](/img/chart.png#wide "Sales by month")

> [!PULLQUOTE]
> The battery lasts two days.
>
> — Grace Hopper

<figure class="wp-block-gallery alignfull evil" onclick="alert(1)"><figure><img src="/a.jpg" alt="A"><figcaption>One</figcaption></figure><figure><img src="/b.jpg" alt="B"></figure><figcaption>Two shots</figcaption></figure>

<figure class="wp-block-pullquote"><blockquote><p>Said <em>loudly</em>.</p><cite>Ada</cite></blockquote></figure>

<figure class="alignright"><img src="/c.jpg" alt="C" width="400" height="300"></figure>

Last words.
"#;

const YAML_DRAFT: &str = "---\ntitle: Not out yet\ndate: 2024-06-05\ndescription: Soon.\ncategories: news\n\
author: Grace Hopper\ndraft: true\ncorrections:\n  - date: 2024-06-06\n    text: Fixed a name.\n---\nBody.\n";

/// A story with every kind of figure and two corrections, and a YAML draft, built once
/// (drafts included, as the preview builds them) for the tests that read them.
fn figures() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = temp("figures");
        fs::create_dir_all(dir.join("content/posts")).unwrap();
        fs::copy(repo().join("content/site.toml"), dir.join("content/site.toml")).unwrap();
        fs::write(dir.join("content/posts/figures.md"), FIGURES).unwrap();
        fs::write(dir.join("content/posts/draft.md"), YAML_DRAFT).unwrap();
        let dist = dir.join("dist");
        fs::create_dir_all(&dist).unwrap();
        fs::copy(repo().join("index.html"), dist.join("index.html")).unwrap();
        let mut memo = Memo::default();
        memo.options.drafts = true;
        let report = build_site(&dir.join("content"), &dist, None, &mut memo).unwrap();
        assert_eq!(report.posts, 2);
        dist
    })
}

fn every_figure() -> Post {
    read_post(figures(), "a-story-with-every-figure")
}

#[test]
fn the_text_before_more_is_the_teaser_lists_show() {
    let post = every_figure();
    assert_eq!(post.summary.standfirst, "Written standfirst.");
    assert_eq!(post.summary.teaser.as_deref(), Some("The teaser for lists."), "lists show the teaser");
    assert_eq!(post.summary.list_text(), "The teaser for lists.");
    assert!(!post.summary.draft);
}

#[test]
fn images_in_one_paragraph_are_a_gallery_captioned_by_the_last_title() {
    let body = every_figure().body;
    let Block::Gallery { images, caption } = &body[1] else { panic!("{body:#?}") };
    assert_eq!(images.iter().map(|i| i.alt.as_str()).collect::<Vec<_>>(), ["A phone, front", "A phone, back"]);
    assert_eq!(caption.as_deref(), Some("Both sides of the phone"));
    assert!(images.iter().all(|i| i.caption.is_none()));
}

#[test]
fn a_fragment_after_the_address_places_the_figure_and_is_not_part_of_it() {
    let body = every_figure().body;
    let Block::Image(chart) = &body[2] else { panic!("{body:#?}") };
    assert_eq!((chart.src.as_str(), chart.layout), ("/img/chart.png", Some(Layout::Wide)));
    assert_eq!(chart.caption.as_deref(), Some("Sales by month"));
}

#[test]
fn a_quote_marked_pullquote_is_a_pull_quote_with_its_citation() {
    let body = every_figure().body;
    assert_eq!(
        body[3],
        Block::PullQuote {
            inlines: vec![Inline::text("The battery lasts two days.")],
            cite: Some("Grace Hopper".into())
        }
    );
}

#[test]
fn a_wordpress_gallery_keeps_each_pictures_caption_and_the_rows() {
    let body = every_figure().body;
    let Block::Gallery { images, caption } = &body[4] else { panic!("{body:#?}") };
    let captions: Vec<Option<&str>> = images.iter().map(|i| i.caption.as_deref()).collect();
    assert_eq!((captions, caption.as_deref()), (vec![Some("One"), None], Some("Two shots")));
}

#[test]
fn wordpress_pull_quotes_and_aligned_figures_are_carried() {
    let body = every_figure().body;
    assert!(matches!(&body[5], Block::PullQuote { cite: Some(c), .. } if c == "Ada"), "{body:#?}");
    let Block::Image(right) = &body[6] else { panic!("{body:#?}") };
    assert_eq!((right.layout, right.width, right.height), (Some(Layout::Right), Some(400), Some(300)));
}

#[test]
fn corrections_are_listed_oldest_first_whatever_order_they_were_written_in() {
    let post = every_figure();
    let corrections: Vec<(&str, &str)> = post.corrections.iter().map(|c| (c.date.as_str(), c.text.as_str())).collect();
    assert_eq!(
        corrections,
        [
            ("2024-06-02T10:00:00Z", "The price was in dollars, not euros."),
            ("2024-06-03T00:00:00Z", "An earlier version misspelt the chip's name.")
        ]
    );
}

#[test]
fn nothing_of_a_figures_script_or_classes_reaches_the_json() {
    let json = fs::read_to_string(figures().join("content/posts/a-story-with-every-figure.json")).unwrap();
    assert!(!json.contains("evil") && !json.contains("alert"), "{json}");
}

#[test]
fn the_written_page_has_every_figure_from_the_apps_components() {
    let page = fs::read_to_string(figures().join("2024/06/a-story-with-every-figure/index.html")).unwrap();
    assert_contains(
        &page,
        &[
            "class=\"gallery gallery--2\"",
            "class=\"figure figure--wide\"",
            "class=\"figure figure--right\"",
            "class=\"pull-quote\"",
            "Two shots",
            "<h2 id=\"corrections-heading\" class=\"corrections__heading\">Corrections</h2>",
            "The price was in dollars, not euros.",
            "\"@type\":\"CorrectionComment\"",
        ],
    );
    assert!(!page.contains("draft-banner") && !page.contains("noindex"));
}

#[test]
fn feeds_carry_galleries_and_pull_quotes_as_html() {
    let rss =
        fs::read_to_string(figures().join(masthead_builder::site::feeds::RSS_PATH.trim_start_matches('/'))).unwrap();
    assert!(rss.contains("&lt;blockquote&gt;&lt;p&gt;The battery lasts two days.") && rss.contains("Two shots"));
}

#[test]
fn a_draft_built_for_the_preview_is_marked_and_kept_from_search_engines() {
    let draft = read_post(figures(), "not-out-yet");
    assert!(draft.summary.draft);
    assert_eq!(draft.corrections.len(), 1);
    let page = fs::read_to_string(figures().join("2024/06/not-out-yet/index.html")).unwrap();
    assert!(page.contains("class=\"draft-banner\"") && page.contains("<meta name=\"robots\" content=\"noindex\">"));
}

/// A folder with three reviews by Ada and the sample's settings with `settings` after them.
fn reviews_by_ada(name: &str, settings: &str) -> PathBuf {
    let dir = temp(name);
    fs::create_dir_all(dir.join("content/posts")).unwrap();
    let site = fs::read_to_string(repo().join("content/site.toml")).unwrap() + settings;
    fs::write(dir.join("content/site.toml"), site).unwrap();
    for i in 0..3 {
        fs::write(
            dir.join(format!("content/posts/r{i}.md")),
            format!(
                "+++\ntitle = \"Review {i}\"\npublished = 2024-03-0{}T09:00:00Z\nstandfirst = \"S\"\n\
                 category = \"reviews\"\nauthors = [\"Ada Lovelace\"]\n+++\nText.\n",
                i + 1
            ),
        )
        .unwrap();
    }
    dir
}

const ADA_IN_SETTINGS: &str = "\n[authors.ada-lovelace]\nname = \"Ada Lovelace\"\nlocation = \"London\"\nwebsite = \"https://ada.example\"\n\
bluesky = \"@ada.example\"\nbio = \"\"\"\nWrites about **engines**.<script>alert(1)</script>\n\"\"\"\nshoe_size = \"7\"\n";

#[test]
fn an_author_profile_can_be_set_in_site_toml() {
    let dir = reviews_by_ada("site-authors", ADA_IN_SETTINGS);
    let publication = masthead_builder::content::load(&dir.join("content")).unwrap();
    let warnings: Vec<String> = publication.warnings.iter().map(ToString::to_string).collect();
    assert!(
        warnings.iter().any(|w| w.contains("site.toml: authors.ada-lovelace: unknown field `shoe_size`")),
        "{warnings:#?}"
    );
    let dist = dir.join("dist");
    fs::create_dir_all(&dist).unwrap();
    fs::copy(repo().join("index.html"), dist.join("index.html")).unwrap();
    build_site(&dir.join("content"), &dist, None, &mut Memo::default()).unwrap();
    let shard: masthead_model::TermShard = masthead_model::decode(
        "1.json",
        &fs::read_to_string(dist.join("content/terms/author/ada-lovelace/1.json")).unwrap(),
    )
    .unwrap();
    let profile = shard.profile.expect("Ada's profile from site.toml");
    assert_eq!(profile.location.as_deref(), Some("London"));
    let links: Vec<(&str, &str)> = profile.links.iter().map(|l| (l.label.as_str(), l.href.as_str())).collect();
    assert_eq!(links, [("Website", "https://ada.example"), ("Bluesky", "https://bsky.app/profile/ada.example")]);
    let bio = format!("{:?}", profile.bio);
    assert!(bio.contains("engines") && !bio.contains("alert"), "{bio}");
    let page = fs::read_to_string(dist.join("author/ada-lovelace/index.html")).unwrap();
    assert!(page.contains("London") && page.contains("<strong>engines"), "{page}");
    let _ = fs::remove_dir_all(&dir);
}

/// The same author in site.toml and in content/authors/: which one is meant is the
/// publisher's call.
#[test]
fn an_author_with_two_profiles_is_refused() {
    let dir = reviews_by_ada("two-profiles", ADA_IN_SETTINGS);
    fs::create_dir_all(dir.join("content/authors")).unwrap();
    fs::write(dir.join("content/authors/ada-lovelace.md"), "+++\nname = \"Ada Lovelace\"\n+++\nBio.\n").unwrap();
    let errors: Vec<String> = match masthead_builder::content::load(&dir.join("content")) {
        Ok(_) => panic!("two profiles of one author were accepted"),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    };
    assert!(
        errors.iter().any(|e| e.contains("site.toml") && e.contains("author \"ada-lovelace\" has two profiles")),
        "{errors:#?}"
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_profile_without_a_name_or_a_slug_for_its_key_is_refused_with_what_to_write() {
    let settings = "\n[authors.grace-hopper]\nlocation = \"Arlington\"\n\n[authors.\"Ada L\"]\nname = \"Ada L\"\n";
    let dir = reviews_by_ada("bad-profiles", settings);
    let errors: Vec<String> = match masthead_builder::content::load(&dir.join("content")) {
        Ok(_) => panic!("a profile without a name was accepted"),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    };
    for needle in
        ["authors.grace-hopper: `name` is missing", "authors.Ada L: the key must be the author's slug, such as ada-l"]
    {
        assert!(errors.iter().any(|e| e.contains(needle)), "{needle}: {errors:#?}");
    }
    let _ = fs::remove_dir_all(&dir);
}

/// 45 reviews by Ada (three pages of a section), every third also by Grace and tagged
/// "phones", with profiles for both and for a person with no stories; read and built once.
struct Terms {
    warnings: Vec<String>,
    dist: PathBuf,
}

fn terms() -> &'static Terms {
    static BUILT: OnceLock<Terms> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = temp("terms");
        fs::create_dir_all(dir.join("content/posts")).unwrap();
        fs::copy(repo().join("content/site.toml"), dir.join("content/site.toml")).unwrap();
        // 45 reviews by Ada (three pages), every third also by Grace and tagged "phones".
        for i in 0..45 {
            let authors = if i % 3 == 0 { "[\"Ada Lovelace\", \"Grace Hopper\"]" } else { "[\"Ada Lovelace\"]" };
            let tags = if i % 3 == 0 { "[\"Phones\"]" } else { "[]" };
            fs::write(
                dir.join(format!("content/posts/r{i}.md")),
                format!(
                    "+++\ntitle = \"Review {i}\"\npublished = 2024-03-{:02}T{:02}:00:00Z\nstandfirst = \"S\"\n\
                     category = \"reviews\"\nauthors = {authors}\ntags = {tags}\n+++\nText.\n",
                    1 + i / 24,
                    i % 24
                ),
            )
            .unwrap();
        }
        // Profiles: Ada's in TOML, Grace's in YAML with links of every kind and an unsafe
        // picture; one for a person with no stories.
        fs::create_dir_all(dir.join("content/authors")).unwrap();
        fs::write(
            dir.join("content/authors/ada-lovelace.md"),
            "+++\nname = \"Ada Lovelace\"\nlocation = \"London\"\navatar = \"https://img.example/ada.png\"\n+++\n\nWrites about **engines**.\n",
        )
        .unwrap();
        fs::write(
            dir.join("content/authors/grace-hopper.md"),
            "---\nname: Grace Hopper\navatar: \"javascript:alert(1)\"\nwebsite: https://grace.example\nmastodon: https://hachyderm.io/@grace\n\
             bluesky: \"@grace.example\"\nemail: grace@example.com\nshoe_size: 7\n---\nCompilers.<script>alert(1)</script>\n",
        )
        .unwrap();
        fs::write(dir.join("content/authors/nobody.md"), "+++\nname = \"No Body\"\n+++\nNothing yet.\n").unwrap();
        let dist = dir.join("dist");
        fs::create_dir_all(&dist).unwrap();
        fs::copy(repo().join("index.html"), dist.join("index.html")).unwrap();
        let publication = masthead_builder::content::load(&dir.join("content")).unwrap();
        let warnings: Vec<String> = publication.warnings.iter().map(ToString::to_string).collect();
        build_site(&dir.join("content"), &dist, None, &mut Memo::default()).unwrap();
        Terms { warnings, dist }
    })
}

fn term_shard(file: &str) -> masthead_model::TermShard {
    masthead_model::decode(file, &fs::read_to_string(terms().dist.join("content").join(file)).unwrap()).unwrap()
}

/// A written page of the terms' site, without the renderer's `<!>` marks where text nodes end.
fn terms_page(rel: &str) -> String {
    fs::read_to_string(terms().dist.join(rel)).unwrap().replace("<!>", "")
}

#[test]
fn a_profiles_problems_are_warnings_with_its_file() {
    let warnings = &terms().warnings;
    for needle in [
        "grace-hopper.md:1: avatar \"javascript:alert(1)\" is not a web address",
        "grace-hopper.md:1: unknown front matter field `shoe_size`",
        "nobody.md: no story is by No Body (nobody): the profile is not shown",
    ] {
        assert!(warnings.iter().any(|w| w.contains(needle)), "{needle}: {warnings:#?}");
    }
}

#[test]
fn a_section_is_paged_by_twenty_newest_first() {
    let first = term_shard("terms/category/reviews/1.json");
    assert_eq!((first.page, first.pages, first.total, first.posts.len()), (1, 3, 45, 20));
    assert_eq!(first.term.name, "Reviews");
    assert_eq!(first.posts[0].title, "Review 44", "newest first");
    let last = term_shard("terms/category/reviews/3.json");
    assert_eq!((last.posts.len(), last.posts[4].title.as_str()), (5, "Review 0"));
    assert!(!terms().dist.join("content/terms/category/reviews/4.json").exists());
}

#[test]
fn an_authors_profile_carries_safe_links_and_no_unsafe_picture() {
    let grace = term_shard("terms/author/grace-hopper/1.json");
    assert_eq!((grace.total, grace.pages), (15, 1));
    let profile = grace.profile.expect("Grace's profile");
    assert_eq!(profile.avatar, None, "an unsafe picture is left out");
    let links: Vec<(&str, &str)> = profile.links.iter().map(|l| (l.label.as_str(), l.href.as_str())).collect();
    assert_eq!(
        links,
        [
            ("Website", "https://grace.example"),
            ("Mastodon", "https://hachyderm.io/@grace"),
            ("Bluesky", "https://bsky.app/profile/grace.example"),
            ("Email", "mailto:grace@example.com"),
        ]
    );
}

#[test]
fn the_profile_is_on_an_authors_first_page_only() {
    let ada = term_shard("terms/author/ada-lovelace/1.json").profile.expect("Ada's profile");
    assert_eq!(ada.location.as_deref(), Some("London"));
    assert_eq!(ada.avatar.map(|a| a.alt), Some("Photo of Ada Lovelace".to_owned()));
    assert_eq!(term_shard("terms/author/ada-lovelace/2.json").profile, None, "the profile is on the first page only");
}

#[test]
fn a_section_with_no_stories_has_one_empty_page_and_its_feed() {
    let news = term_shard("terms/category/news/1.json");
    assert_eq!((news.page, news.pages, news.total, news.posts.len()), (1, 1, 0, 0));
    let empty = terms_page("category/news/index.html");
    assert!(empty.contains("<h1 id=\"month-heading\" class=\"month__title\">News</h1>"), "{empty}");
    assert!(empty.contains("No stories here yet.") && empty.contains("Follow News by RSS"), "{empty}");
    assert!(fs::read_to_string(terms().dist.join("category/news/feed.xml"))
        .unwrap()
        .contains("<title>News | The Circuit</title>"));
}

#[test]
fn each_story_knows_the_one_before_and_after_it_in_its_section() {
    let dist = &terms().dist;
    let (first_review, middle, newest) =
        (read_post(dist, "review-0"), read_post(dist, "review-7"), read_post(dist, "review-44"));
    assert_eq!((first_review.older, first_review.newer.map(|s| s.slug)), (None, Some("review-1".to_owned())));
    assert_eq!(
        (middle.older.map(|s| s.slug), middle.newer.map(|s| s.slug)),
        (Some("review-6".to_owned()), Some("review-8".to_owned()))
    );
    assert_eq!((newest.older.map(|s| s.slug), newest.newer), (Some("review-43".to_owned()), None));
}

#[test]
fn a_tag_lists_every_story_tagged_with_it() {
    assert_eq!(term_shard("terms/tag/phones/1.json").total, 15);
}

#[test]
fn each_page_of_a_section_is_written_whole_with_its_own_title_address_and_json_ld() {
    let page = terms_page("category/reviews/page/2/index.html");
    assert_contains(
        &page,
        &[
            "<title>Reviews (page 2 of 3) | The Circuit</title>",
            "rel=\"canonical\" href=\"https://thecircuit.example/category/reviews/page/2\"",
            "\"@type\":\"CollectionPage\"",
            "Review 24",
            "<a href=\"/category/reviews/page/3\">3</a>",
            "aria-current=\"page\"",
        ],
    );
}

#[test]
fn an_author_page_carries_the_profile_as_json_ld_and_no_script() {
    let author = terms_page("author/grace-hopper/index.html");
    assert!(author.contains("\"@type\":\"ProfilePage\"") && author.contains("Stories by Grace Hopper."), "{author}");
    assert_contains(&author, &[
        "\"description\":\"Compilers.\"",
        "\"sameAs\":[\"https://grace.example\",\"https://hachyderm.io/@grace\",\"https://bsky.app/profile/grace.example\"]",
        "<a href=\"mailto:grace@example.com\" rel=\"me\">Email</a>",
        "<p>Compilers.</p>",
    ]);
    assert!(!author.contains("<script>alert"), "{author}");
}

#[test]
fn an_article_links_to_its_neighbours_its_section_its_authors_and_its_tags() {
    let article = terms_page("2024/03/review-7/index.html");
    assert_contains(
        &article,
        &[
            "Previous in Reviews</span><a href=\"/2024/03/review-6\">Review 6</a>",
            "Next in Reviews</span><a href=\"/2024/03/review-8\">",
        ],
    );
    let article = terms_page("2024/03/review-0/index.html");
    assert_contains(
        &article,
        &[
            "<a href=\"/category/reviews\">Reviews</a>",
            "<a href=\"/author/ada-lovelace\">Ada Lovelace</a> and <a href=\"/author/grace-hopper\">Grace Hopper</a>",
            "<a href=\"/tag/phones\">Phones</a>",
        ],
    );
}

#[test]
fn the_sitemap_lists_every_page_of_sections_authors_and_years() {
    let sitemap = terms_page("sitemap.xml");
    assert!(sitemap.contains("/category/reviews/page/3</loc>") && sitemap.contains("/author/grace-hopper</loc>"));
    assert!(sitemap.contains("/category/news</loc>"), "the empty section is listed too");
    assert!(sitemap.contains("/2024</loc>"), "{sitemap}");
}

#[test]
fn a_year_lists_its_months_with_their_counts_and_a_month_links_up_to_it() {
    let year = terms_page("2024/index.html");
    for needle in ["<title>2024 | The Circuit</title>", "<a href=\"/2024/03\">March 2024</a>", "(45)", "45 stories"] {
        assert!(year.contains(needle), "{needle}: {year}");
    }
    let month = terms_page("2024/03/index.html");
    assert!(month.contains("<a href=\"/2024\">Every month of 2024</a>"), "{month}");
}

/// The sample's settings with `brand` in place of its `[brand]`.
fn settings_with_brand(brand: &str) -> String {
    let site = fs::read_to_string(repo().join("content/site.toml")).unwrap();
    let (head, rest) = site.split_once("[brand]\naccent = \"#8a1538\"\n").expect("the sample's brand");
    format!("{head}{brand}{rest}")
}

/// A folder with a logo, a heading font and one post, built with a brand that passes.
fn branded(name: &str) -> (PathBuf, PathBuf) {
    let dir = temp(name);
    fs::create_dir_all(dir.join("content/posts")).unwrap();
    fs::create_dir_all(dir.join("public/fonts")).unwrap();
    fs::write(dir.join("public/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 60\"/>")
        .unwrap();
    fs::write(dir.join("public/fonts/head.woff2"), b"wOF2 not a real font").unwrap();
    let good = "[brand]\naccent = \"#8a1538\"\naccent_dark = \"#ff9eb5\"\nlogo = \"/logo.svg\"\nlogo_alt = \"The Circuit\"\n\
                [brand.heading_font]\nfamily = \"Head Sans\"\nfiles = [{ src = \"/fonts/head.woff2\", weight = \"700\" }]\n";
    fs::write(dir.join("content/site.toml"), settings_with_brand(good)).unwrap();
    fs::write(dir.join("content/posts/a.md"), post("A", "2024-01-01T00:00:00Z") + "+++\nText.\n").unwrap();
    let dist = dir.join("dist");
    fs::create_dir_all(&dist).unwrap();
    fs::copy(repo().join("index.html"), dist.join("index.html")).unwrap();
    build_site(&dir.join("content"), &dist, None, &mut Memo::default()).unwrap();
    (dir, dist)
}

/// The branded folder, built once for the tests that only read it.
fn brand_site() -> &'static Path {
    static BUILT: OnceLock<PathBuf> = OnceLock::new();
    BUILT.get_or_init(|| branded("brand").1)
}

#[test]
fn the_logo_is_measured_from_its_file() {
    let site: masthead_model::Site =
        masthead_model::decode("site.json", &fs::read_to_string(brand_site().join("content/site.json")).unwrap())
            .unwrap();
    let logo = site.logo.expect("the logo");
    assert_eq!(
        (logo.src.as_str(), logo.alt.as_str(), logo.width, logo.height),
        ("/logo.svg", "The Circuit", Some(300), Some(60))
    );
}

#[test]
fn a_brand_is_applied_to_every_page() {
    for page in ["index.html", "2024/01/a/index.html", "404.html"] {
        let html = fs::read_to_string(brand_site().join(page)).unwrap();
        assert!(html.contains("--color-accent:#8a1538;--color-accent-text:#ffffff"), "{page}: {html}");
        assert!(
            html.contains(":root[data-theme=\"dark\"]{--color-accent:#ff9eb5;--color-accent-text:#0d1117}"),
            "{page}"
        );
        assert!(html
            .contains("<link rel=\"preload\" href=\"/fonts/head.woff2\" as=\"font\" type=\"font/woff2\" crossorigin>"));
        assert!(html.contains("font-display:swap") && html.contains("--font-heading:\"Head Sans\""), "{page}");
        assert!(
            html.contains(
                "<img src=\"/logo.svg\" alt=\"The Circuit\" width=\"300\" height=\"60\" class=\"site-header__logo\">"
            ),
            "{page}"
        );
        assert_eq!(html.matches("<!-- brand -->").count(), 1, "{page}");
    }
}

#[test]
fn the_brands_style_is_allowed_by_its_hash_in_the_meta_policy_and_the_headers() {
    let html = fs::read_to_string(brand_site().join("index.html")).unwrap();
    let hash = masthead_builder::site::deploy::inline_style_hashes(&html);
    assert_eq!(hash.len(), 1);
    assert!(fs::read_to_string(brand_site().join("_headers"))
        .unwrap()
        .contains(&format!("style-src 'self' '{}'", hash[0])));
    assert!(html.contains(&format!("style-src 'self' '{}'", hash[0])));
}

#[test]
fn built_again_on_the_same_folder_a_page_has_one_brand_block() {
    let (dir, dist) = branded("brand-twice");
    build_site(&dir.join("content"), &dist, None, &mut Memo::default()).unwrap();
    assert_eq!(fs::read_to_string(dist.join("index.html")).unwrap().matches("<!-- brand -->").count(), 1);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_pale_accent_is_refused_with_its_ratio_and_a_colour_that_passes_and_nothing_is_written() {
    let (dir, dist) = branded("brand-pale");
    fs::write(dir.join("content/site.toml"), settings_with_brand("[brand]\naccent = \"#ffb000\"\n")).unwrap();
    let before = fs::read_to_string(dist.join("index.html")).unwrap();
    let errors = build_site(&dir.join("content"), &dist, None, &mut Memo::default()).unwrap_err();
    let message = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n");
    assert!(message.contains("site.toml: brand.accent #ffb000 has a contrast of 1.68:1"), "{message}");
    assert!(message.contains("WCAG AA needs 4.5:1") && message.contains("use accent = \"#"), "{message}");
    assert_eq!(fs::read_to_string(dist.join("index.html")).unwrap(), before);
    let _ = fs::remove_dir_all(&dir);
}
