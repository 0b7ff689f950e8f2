//! Real publications' shapes, each written here as a small site or export of its own:
//! what real WordPress, Hugo and Jekyll sites hold that the sample does not. Each is
//! imported and built as a publisher would, and every picture and code block of the
//! source is counted on the written page.
//!
//! Cases covered: WordPress `<p><img></p>`, `<p><a><img></a></p>`, a styled picture,
//! `alt=""` and no alt, the list gallery block, `[gallery]` without ids (the post's
//! attachments), SyntaxHighlighter's `[csharp]` and `[code lang=…]`, a gist's script, an
//! image-only post and a quote-only post; Hugo's `config/_default/` (split files),
//! `content/en/` with another language beside it, a page bundle's picture and relative
//! link, undated pages, and `static/`; Jekyll's date forms (a zone by its letters, words
//! after the date, a year after the time, no date at all), a linked picture, an empty
//! link from `{{ site.repository }}`, an empty draft, and its `assets/` folder; Ghost 0.x's
//! one author per post, dates in milliseconds, pictures in paragraphs and links, and a
//! code block with a blank line.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{read_post, repo, temp};
use masthead_builder::{build_site, Memo, SiteReport};
use masthead_model::{Block, Post};

/// A 1×1 PNG: the builder reads its size from the header.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1f, 0x15, 0xc4, 0x89, 0x00, 0x00, 0x00, 0x0d, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x00, 0x01, 0x00, 0x00, 0x05, 0x00, 0x01, 0x0d, 0x0a, 0x2d, 0xb4, 0x00, 0x00,
    0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

fn write(path: &Path, text: impl AsRef<[u8]>) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Builds an imported content folder beside the app's page: (report, dist).
fn build(content: &Path) -> (SiteReport, PathBuf) {
    let dist = content.with_file_name("dist");
    fs::create_dir_all(&dist).unwrap();
    fs::copy(repo().join("index.html"), dist.join("index.html")).unwrap();
    let report = build_site(content, &dist, None, &mut Memo::default()).unwrap();
    assert!(report.held_back.is_empty(), "nothing held back: {:#?}", report.held_back);
    (report, dist)
}

/// Every picture of a body, galleries' and list items' included.
fn pictures(blocks: &[Block]) -> Vec<&masthead_model::Image> {
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Image(i) => out.push(i),
            Block::Gallery { images, .. } => out.extend(images),
            Block::List { nested, .. } => nested.iter().for_each(|n| out.extend(pictures(n))),
            _ => {}
        }
    }
    out
}

fn code_blocks(post: &Post) -> usize {
    post.body.iter().filter(|b| matches!(b, Block::Code { .. })).count()
}

/// The `<img>` elements in the written page's article body.
fn page_images(dist: &Path, post: &Post) -> usize {
    let page = fs::read_to_string(dist.join(post.summary.permalink().trim_start_matches('/')).join("index.html"))
        .unwrap_or_else(|e| panic!("{}: {e}", post.summary.permalink()));
    let body = page.split("article__body").nth(1).unwrap_or_default();
    body.matches("<img").count()
}

const WXR_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Shapes</title><link>https://shapes.example</link><language>en-US</language>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://shapes.example</wp:base_site_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[ed]]></wp:author_login><wp:author_display_name><![CDATA[Ed Itor]]></wp:author_display_name></wp:author>
"#;

fn wxr_item(id: u32, kind: &str, slug: &str, parent: u32, content: &str, extra: &str) -> String {
    format!(
        "<item><title><![CDATA[{slug}]]></title><dc:creator><![CDATA[ed]]></dc:creator>\
         <content:encoded><![CDATA[{content}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>\
         <wp:post_id>{id}</wp:post_id><wp:post_date_gmt><![CDATA[2022-03-0{} 10:00:00]]></wp:post_date_gmt>\
         <wp:post_name><![CDATA[{slug}]]></wp:post_name><wp:status><![CDATA[{}]]></wp:status>\
         <wp:post_parent>{parent}</wp:post_parent><wp:post_type><![CDATA[{kind}]]></wp:post_type>{extra}</item>\n",
        id % 9 + 1,
        if kind == "attachment" { "inherit" } else { "publish" },
    )
}

#[test]
fn a_wordpress_export_brings_every_picture_and_code_block_to_the_written_page() {
    let dir = temp("shapes-wordpress");
    let pictures_html = r#"<p><img src="https://shapes.example/1.jpg" alt="One" width="600" height="400"></p>
<p><a href="https://shapes.example/2-big.jpg"><img class="size-large" src="https://shapes.example/2.jpg" alt="" style="border:0" width="600" height="400"></a></p>
<p>Words before <img src="https://shapes.example/3.jpg" width="10" height="10"> and after.</p>
<ul class="wp-block-gallery"><li class="blocks-gallery-item"><figure><img src="https://shapes.example/4.jpg" alt="Four"><figcaption>The fourth</figcaption></figure></li><li class="blocks-gallery-item"><figure><img src="https://shapes.example/5.jpg" alt="Five"></figure></li></ul>

[gallery]"#;
    let code = "Like this:\n\n[csharp]\nvar xs = new[] { 1, 2 };\n\nif (a &lt; b) {}\n[/csharp]\n\n[code lang=\"php\"]<?php echo 1; ?>[/code]\n\n<script src=\"https://gist.github.com/someone/abc123.js\"></script>";
    let attachment = |id: u32, n: u32| {
        wxr_item(
            id,
            "attachment",
            &format!("att{n}"),
            10,
            "",
            &format!("<wp:attachment_url><![CDATA[https://shapes.example/a{n}.jpg]]></wp:attachment_url>"),
        )
    };
    let export = format!(
        "{WXR_HEAD}{}{}{}{}{}{}</channel></rss>\n",
        attachment(21, 1),
        attachment(22, 2),
        wxr_item(10, "post", "pictures", 0, pictures_html, ""),
        wxr_item(11, "post", "code", 0, code, ""),
        wxr_item(12, "post", "image-only", 0, "<img src=\"https://shapes.example/only.jpg\" alt=\"Only\">", ""),
        wxr_item(13, "post", "quote-only", 0, "<blockquote><p>Only a quote.</p></blockquote>", ""),
    );
    write(&dir.join("export.xml"), export);
    let content = dir.join("content");
    masthead_builder::import::wordpress::import(&dir.join("export.xml"), &content).unwrap();
    let (_, dist) = build(&content);

    let post = read_post(&dist, "pictures");
    let srcs: Vec<&str> = pictures(&post.body).iter().map(|i| i.src.as_str()).collect();
    assert_eq!(
        srcs,
        [1, 2, 3, 4, 5]
            .map(|n| format!("https://shapes.example/{n}.jpg"))
            .iter()
            .map(String::as_str)
            .chain(["https://shapes.example/a1.jpg", "https://shapes.example/a2.jpg"])
            .collect::<Vec<_>>()
    );
    assert_eq!(page_images(&dist, &post), 7, "every picture is on the written page");
    let code = read_post(&dist, "code");
    assert_eq!(code_blocks(&code), 2);
    let gist = code.body.iter().any(|b| {
        matches!(b, Block::Paragraph { inlines } if inlines.iter().any(|i| matches!(i, masthead_model::Inline::Link { href, .. } if href == "https://gist.github.com/someone/abc123")))
    });
    assert!(gist, "{:#?}", code.body);
    let only = read_post(&dist, "image-only");
    assert_eq!(page_images(&dist, &only), 1);
    assert_eq!(read_post(&dist, "quote-only").summary.standfirst, "Only a quote.");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_hugo_site_with_a_config_folder_language_folders_and_bundles_comes_over() {
    let dir = temp("shapes-hugo");
    let site = dir.join("site");
    write(
        &site.join("config/_default/hugo.toml"),
        // Hugo's keys in any case (`baseUrl`), and the title of the default language.
        "baseUrl = \"https://hugo.example/\"\ndefaultContentLanguage = \"en\"\n\
         [languages.en]\ntitle = \"Split Config\"\ncontentDir = \"content/en\"\n[languages.fr]\ncontentDir = \"content/fr\"\n",
    );
    write(&site.join("config/_default/params.toml"), "description = \"Settings from params.toml\"\n");
    write(&site.join("config/_default/params.fr.toml"), "description = \"Pas celle-ci\"\n");
    write(&site.join("config/_default/permalinks.toml"), "posts = \"/:year/:month/:slug/\"\n");
    write(
        &site.join("content/en/posts/bundle/index.md"),
        "---\ntitle: Bundle\ndate: 2024-05-02\n---\nText first.\n\n![A photo](photo.png)\n\nSee [the other](../other/).\n",
    );
    write(&site.join("content/en/posts/bundle/photo.png"), PNG);
    write(&site.join("content/en/posts/other.md"), "---\ntitle: Other\ndate: 2024-05-01\n---\nThe other.\n");
    write(&site.join("content/en/about.md"), "---\ntitle: About\n---\nAbout us.\n");
    write(&site.join("content/en/docs/guide.md"), "---\ntitle: Guide\n---\nHow to.\n");
    write(&site.join("content/fr/posts/autre.md"), "---\ntitle: Autre\ndate: 2024-05-01\n---\nAutre.\n");
    write(&site.join("static/images/logo.png"), PNG);
    let content = dir.join("content");
    let (report_file, _) = masthead_builder::import::static_site::import(
        masthead_builder::import::static_site::Flavor::Hugo,
        &site,
        &content,
    )
    .unwrap();
    let report = fs::read_to_string(report_file).unwrap();
    for needle in [
        "settings read from",
        "settings also read from",
        "1 files in the language fr",
        "an undated page (no date in the front matter): a standalone page: 1",
        "a page bundle's file (copied to public/ at its old address): 1",
        "an address relative to the old page (made a site path): 2",
    ] {
        assert!(report.contains(needle), "{needle:?} in\n{report}");
    }
    let settings = fs::read_to_string(content.join("site.toml")).unwrap();
    assert!(settings.contains("Split Config") && settings.contains("Settings from params.toml"), "{settings}");
    assert!(settings.contains("base_url = \"https://hugo.example\""), "{settings}");
    assert!(dir.join("public/2024/05/bundle/photo.png").exists());
    assert!(dir.join("public/images/logo.png").exists());
    let (built, dist) = build(&content);
    assert_eq!(built.posts, 2);
    let bundle = read_post(&dist, "bundle");
    let photo = pictures(&bundle.body)[0];
    assert_eq!((photo.src.as_str(), photo.width, photo.height), ("/2024/05/bundle/photo.png", Some(1), Some(1)));
    let json = fs::read_to_string(dist.join("content/posts/bundle.json")).unwrap();
    assert!(json.contains("\"href\":\"/2024/05/other/\""), "{json}");
    for page in ["about", "guide"] {
        assert!(dist.join(format!("content/pages/{page}.json")).exists(), "{page}");
    }
    assert!(!dist.join("content/posts/autre.json").exists());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_jekyll_sites_date_forms_pictures_and_empty_links_come_over() {
    let dir = temp("shapes-jekyll");
    let site = dir.join("site");
    write(&site.join("_config.yml"), "title: Dates\nurl: https://jekyll.example\npermalink: pretty\n");
    let post = |name: &str, date: &str, body: &str| {
        let date = if date.is_empty() { String::new() } else { format!("date: {date}\n") };
        write(&site.join("_posts").join(name), format!("---\ntitle: {name}\n{date}---\n{body}"));
    };
    post("2013-05-06-edt.md", "2013-05-06 09:00:00 EDT", "Zone by its letters.\n");
    post("2016-10-12-optional.md", "2016-10-12 (optional)", "Words after the date.\n");
    post("2023-01-29-year.md", "2023-01-29 18:30:22 2023 -0800", "A year after the time.\n");
    post("2020-02-02-not-a-date.md", "whenever", "No date at all.\n");
    post("2021-01-01-image-only.md", "", "![](/assets/a.png)\n");
    post(
        "2021-01-03-linked.md",
        "",
        "[![A chart](/assets/a.png)](https://example.org/big.png)\n\n[let us know]({{ site.repository }})\n",
    );
    write(&site.join("_drafts/empty.md"), "---\ntitle: Empty\n---\n");
    write(&site.join("assets/a.png"), PNG);
    // A site that once was a Ghost blog keeps its pictures in content/images/.
    write(&site.join("content/images/2014/Mar/old.png"), PNG);
    post(
        "2021-01-04-ghostly.md",
        "",
        "![An old picture](/content/images/2014/Mar/old.png)\n\n```\ncd /content/images/\n```\n",
    );
    let content = dir.join("content");
    masthead_builder::import::static_site::import(
        masthead_builder::import::static_site::Flavor::Jekyll,
        &site,
        &content,
    )
    .unwrap();
    assert!(dir.join("public/assets/a.png").exists(), "the site's pictures are copied");
    // `permalink: pretty` and no category: the old address has no category in it.
    let edt = fs::read_to_string(content.join("posts/2013/edt.md")).unwrap();
    assert!(edt.contains("aliases = [\"/2013/05/06/edt\"]"), "{edt}");
    let (built, dist) = build(&content);
    assert_eq!(built.posts, 7);
    // /content/ is the build's own: the pictures move to /images/, and code stays as written.
    assert!(dir.join("public/images/2014/Mar/old.png").exists());
    let ghostly = read_post(&dist, "ghostly");
    assert_eq!(pictures(&ghostly.body)[0].src, "/images/2014/Mar/old.png");
    assert_eq!(pictures(&ghostly.body)[0].width, Some(1));
    assert!(fs::read_to_string(dist.join("content/posts/ghostly.json")).unwrap().contains("cd /content/images/"));
    let published = |slug: &str| read_post(&dist, slug).summary.published.as_str().to_owned();
    assert_eq!(published("edt"), "2013-05-06T09:00:00-04:00");
    assert_eq!(published("optional"), "2016-10-12T00:00:00Z");
    assert_eq!(published("year"), "2023-01-29T18:30:22-08:00");
    assert_eq!(published("not-a-date"), "2020-02-02T00:00:00Z");
    let only = read_post(&dist, "image-only");
    assert_eq!(pictures(&only.body).iter().map(|i| (i.alt.as_str(), i.width)).collect::<Vec<_>>(), [("", Some(1))]);
    assert_eq!(page_images(&dist, &only), 1);
    let linked = read_post(&dist, "linked");
    assert_eq!(page_images(&dist, &linked), 1);
    assert_eq!(pictures(&linked.body)[0].link.as_deref(), Some("https://example.org/big.png"), "a linked figure");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_ghost_0_x_export_keeps_its_authors_dates_and_pictures() {
    let dir = temp("shapes-ghost");
    // Ghost 0.x: each post names its author (no posts_authors), dates may be milliseconds,
    // and pictures sit in paragraphs as the Markdown editor wrote them.
    let export = serde_json::json!({
        "db": [{
            "meta": { "exported_on": 1_483_350_000_000_i64, "version": "0.11.14" },
            "data": {
                "posts": [
                    {
                        "id": 1, "title": "Old times", "slug": "old-times", "status": "published", "page": false,
                        "published_at": 1_483_351_200_000_i64, "author_id": 2,
                        "html": "<p>Before the picture.</p>\n<p><img src=\"/content/images/2017/01/a.jpg\" alt=\"A\"></p>\n<p><a href=\"/content/images/2017/01/b-big.jpg\"><img src=\"/content/images/2017/01/b.jpg\" alt=\"\"></a></p>\n<pre><code class=\"language-js\">let a = 1;\n\nlet b = 2;\n</code></pre>"
                    },
                    {
                        "id": 2, "title": "Second", "slug": "second", "status": "published", "page": false,
                        "published_at": "2017-01-03T10:00:00.000Z", "author_id": 3,
                        "html": "<p>Words.</p>"
                    }
                ],
                "users": [
                    { "id": 2, "name": "Jane Ghost", "slug": "jane" },
                    { "id": 3, "name": "Joe Ghost", "slug": "joe" }
                ],
                "tags": [], "posts_tags": []
            }
        }]
    });
    write(&dir.join("export.json"), export.to_string());
    let content = dir.join("content");
    masthead_builder::import::ghost::import(&dir.join("export.json"), &content).unwrap();
    let (_, dist) = build(&content);
    let old = read_post(&dist, "old-times");
    assert_eq!(old.summary.authors[0].name, "Jane Ghost");
    assert_eq!(read_post(&dist, "second").summary.authors[0].name, "Joe Ghost");
    assert_eq!(old.summary.published.as_str(), "2017-01-02T10:00:00Z");
    // Ghost's /content/images/ is now /images/ (the build keeps /content/ for its own files).
    let srcs: Vec<&str> = pictures(&old.body).iter().map(|i| i.src.as_str()).collect();
    assert_eq!(srcs, ["/images/2017/01/a.jpg", "/images/2017/01/b.jpg"]);
    assert_eq!(page_images(&dist, &old), 2);
    let code: Vec<String> = old
        .body
        .iter()
        .filter_map(|b| match b {
            Block::Code { spans, .. } => Some(spans.iter().map(|s| s.text.as_str()).collect()),
            _ => None,
        })
        .collect();
    assert_eq!(code, ["let a = 1;\n\nlet b = 2;\n"], "a code block keeps its blank line");
    let _ = fs::remove_dir_all(&dir);
}
