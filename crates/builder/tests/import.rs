//! `masthead-build import wordpress`: a WordPress export written for the tests
//! (tests/fixtures/wordpress.xml) imported, then built, with every count of the report
//! checked, hostile fields kept as text, and a second import giving the same files.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{read_post, repo, temp};
use masthead_builder::{build_site, Memo};
use masthead_model::Block;

const EXPORT: &str = "crates/builder/tests/fixtures/wordpress.xml";

/// Every file under `dir`, by relative path, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, root, out);
            } else {
                out.insert(path.strip_prefix(root).unwrap().display().to_string(), fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The test export, imported and built once for the tests that read it.
struct Wordpress {
    dist: PathBuf,
    report_file: PathBuf,
    report: masthead_builder::import::Report,
    built: masthead_builder::SiteReport,
}

fn wordpress() -> &'static Wordpress {
    static DONE: OnceLock<Wordpress> = OnceLock::new();
    DONE.get_or_init(|| {
        let dir = temp("import-wordpress");
        let content = dir.join("content");
        let (report_file, report) =
            masthead_builder::import::wordpress::import(&repo().join(EXPORT), &content).unwrap();
        let dist = dir.join("dist");
        fs::create_dir_all(&dist).unwrap();
        fs::copy(repo().join("index.html"), dist.join("index.html")).unwrap();
        let built = build_site(&content, &dist, None, &mut Memo::default()).unwrap();
        Wordpress { dist, report_file, report, built }
    })
}

#[test]
fn the_report_counts_what_the_export_had_and_what_came_over() {
    let report = &wordpress().report;
    let counts: Vec<(&str, (usize, usize))> = report.counts.iter().map(|(k, v)| (*k, *v)).collect();
    assert_eq!(
        counts,
        [
            ("authors", (2, 2)),
            ("categories", (2, 4)),
            ("images (attachments)", (1, 1)),
            ("other entries (menus, custom types…)", (4, 0)),
            ("pages", (2, 2)),
            ("posts", (9, 7)),
            ("tags", (1, 1)),
        ]
    );
    let left: Vec<String> = report.left_out.iter().map(|(k, id, _, why)| format!("{k} {id}: {why}")).collect();
    assert_eq!(left, ["post #15: status private", "post #16: status trash"]);
}

#[test]
fn the_report_names_every_shortcode_rename_and_loss() {
    let report_text = fs::read_to_string(&wordpress().report_file).unwrap();
    for needle in [
        "| posts | 9 | 7 |",
        "[caption] (a figure): 1",
        "[embed] (kept as its address): 1",
        "[contact-form-7] shortcode (not carried; its text kept): 1",
        "block-editor embed (kept as its address): 1",
        "slug \"classic-post\" was taken, so it is \"classic-post-2\"",
        "post #18 has no title",
        "/archive is the site's own address, so it is /archive-page",
        "The folder builds: 5 posts, 2 pages.",
        "<script>",
    ] {
        assert!(report_text.contains(needle), "{needle:?} in\n{report_text}");
    }
}

#[test]
fn the_imported_folder_builds_as_it_is() {
    let Wordpress { dist, built, .. } = wordpress();
    assert_eq!(built.posts, 5, "the draft and the scheduled post are not published");
    let site = fs::read_to_string(dist.with_file_name("content").join("site.toml")).unwrap();
    assert!(
        site.contains("name = \"The Old Gazette & Co\"") && site.contains("privacy_url = \"/privacy-policy\""),
        "{site}"
    );
}

#[test]
fn a_classic_posts_fields_come_over() {
    let classic = read_post(&wordpress().dist, "classic-post");
    let s = &classic.summary;
    assert!(s.featured, "sticky is featured");
    assert_eq!(s.title, "Classic post & friends");
    assert_eq!(s.standfirst, "A classic post, with every shortcode.");
    assert_eq!(s.category.slug, "news");
    assert_eq!(s.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["Reviews", "Chips"]);
    assert_eq!(s.authors[0].name, "Ann Editor");
    assert_eq!(s.updated.as_ref().map(|u| u.as_str()), Some("2019-06-01T08:00:00Z"));
    let image = s.image.as_ref().unwrap();
    assert_eq!(image.src, "https://old.example/wp-content/uploads/2019/05/board.jpg");
    assert_eq!((image.alt.as_str(), image.width, image.height), ("A green circuit board", Some(1600), Some(900)));
    assert_eq!(image.caption.as_deref(), Some("The board, up close."));
}

#[test]
fn a_classic_posts_shortcodes_become_embeds_figures_and_a_gallery() {
    let classic = read_post(&wordpress().dist, "classic-post");
    let embeds = classic.body.iter().filter(|b| matches!(b, Block::Embed(_))).count();
    let figures: Vec<Option<&str>> = classic
        .body
        .iter()
        .flat_map(|b| match b {
            Block::Image(i) => vec![i.caption.as_deref()],
            Block::Gallery { images, .. } => images.iter().map(|i| i.caption.as_deref()).collect(),
            _ => vec![],
        })
        .collect();
    assert_eq!(embeds, 2, "[embed] and the address alone on a line: {:#?}", classic.body);
    assert_eq!(figures, [Some("The board, up close"), Some("The board, up close.")], "[caption] and [gallery]");
    // The gallery stays a gallery (its one known picture; the missing one is reported).
    assert!(classic.body.iter().any(|b| matches!(b, Block::Gallery { images, .. } if images.len() == 1)));
}

#[test]
fn nothing_hostile_of_a_classic_post_reaches_its_json() {
    let json = fs::read_to_string(wordpress().dist.join("content/posts/classic-post.json")).unwrap();
    assert!(!json.contains("javascript:") && !json.contains("onerror") && !json.contains("alert(\\\"body"), "{json}");
}

#[test]
fn a_posts_old_address_leads_to_it() {
    let redirects = fs::read_to_string(wordpress().dist.join("_redirects")).unwrap();
    assert!(redirects.contains("/2019/05/03/classic-post  /2019/05/classic-post  301"), "{redirects}");
}

#[test]
fn a_block_editor_post_comes_over_block_by_block() {
    let block = read_post(&wordpress().dist, "block-post");
    assert!(matches!(&block.body[1], Block::Heading { level: 2, .. }), "{:#?}", block.body);
    assert!(block.body.iter().any(|b| matches!(b, Block::List { items, .. } if items.len() == 2)));
    assert!(block.body.iter().any(|b| matches!(b, Block::Embed(_))));
    assert!(block.body.iter().any(|b| matches!(b, Block::Quote { .. })));
}

/// WordPress stores titles as HTML, so their markup is dropped and their text kept; in the
/// page that text is escaped.
#[test]
fn hostile_fields_come_over_as_text_and_are_escaped_in_the_page() {
    let hostile = read_post(&wordpress().dist, "hostile");
    assert_eq!(hostile.summary.title, "\">alert('title')");
    assert_eq!(hostile.summary.authors[0].name, "alert('author')Mallory");
    let page = fs::read_to_string(wordpress().dist.join("2019/09/hostile/index.html")).unwrap();
    assert!(!page.contains("<script>alert") && !page.contains("<img src=x") && !page.contains("onclick"), "{page}");
    assert!(page.contains("&quot;&gt;alert('title')") || page.contains("\"&gt;alert('title')"), "{page}");
}

#[test]
fn the_same_export_imported_again_gives_the_same_files_byte_for_byte() {
    let dir = temp("import-wordpress-twice");
    let content = dir.join("content");
    masthead_builder::import::wordpress::import(&repo().join(EXPORT), &content).unwrap();
    let first = snapshot(&content);
    masthead_builder::import::wordpress::import(&repo().join(EXPORT), &content).unwrap();
    assert_eq!(snapshot(&content), first);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_cut_short_or_foreign_file_is_a_clear_message_and_keeps_what_was_read() {
    let dir = temp("import-broken");
    let text = fs::read_to_string(repo().join(EXPORT)).unwrap();
    let cut = dir.join("cut.xml");
    let at = text.find("<title><![CDATA[Block editor post").unwrap();
    fs::write(&cut, &text[..at]).unwrap();
    let err = masthead_builder::import::wordpress::import(&cut, &dir.join("a")).unwrap_err().to_string();
    assert!(err.contains("cut short") || err.contains("not a readable WordPress export"), "{err}");
    assert!(dir.join("a/posts/2019/classic-post.md").is_file(), "the posts before the cut are written");

    let foreign = dir.join("feed.json");
    fs::write(&foreign, "{\"not\": \"xml\"}").unwrap();
    let err = masthead_builder::import::wordpress::import(&foreign, &dir.join("b")).unwrap_err().to_string();
    assert!(err.contains("not a WordPress export"), "{err}");
    let latin1 = dir.join("latin1.xml");
    let mut bytes = text.as_bytes()[..text.find("<item>").unwrap()].to_vec();
    bytes.extend_from_slice(b"<item><title>Caf\xe9</title></item></channel></rss>");
    fs::write(&latin1, bytes).unwrap();
    let err = masthead_builder::import::wordpress::import(&latin1, &dir.join("c")).unwrap_err().to_string();
    assert!(err.contains("not a readable WordPress export at byte"), "{err}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_generated_export_imports_whole_and_builds() {
    let dir = temp("import-generated");
    let export = dir.join("gazette.xml");
    masthead_builder::generate::generate_wxr(&export, 300, 7).unwrap();
    let (report_file, report) = masthead_builder::import::wordpress::import(&export, &dir.join("content")).unwrap();
    assert_eq!(report.counts.get("posts"), Some(&(300, 300)));
    assert_eq!(report.steps.len(), 2, "both steps are timed: {:?}", report.steps);
    let text = fs::read_to_string(report_file).unwrap();
    let built: usize = text
        .split("The folder builds: ")
        .nth(1)
        .and_then(|t| t.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{text}"));
    assert!((250..300).contains(&built), "the drafts are not published: {built}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_ghost_export_comes_over_and_builds() {
    let dir = temp("import-ghost");
    let content = dir.join("content");
    let export = repo().join("crates/builder/tests/fixtures/ghost.json");
    let (report_file, report) = masthead_builder::import::ghost::import(&export, &content).unwrap();
    let counts: Vec<(&str, (usize, usize))> = report.counts.iter().map(|(k, v)| (*k, *v)).collect();
    assert_eq!(
        counts,
        [("authors", (2, 2)), ("feature images", (1, 1)), ("pages", (1, 1)), ("posts", (8, 7)), ("tags", (3, 2))]
    );
    let text = fs::read_to_string(&report_file).unwrap();
    for needle in [
        "post p8 \"Odd status\": status \"archived\"",
        "post with only a Lexical document (converted): 1",
        "internal #tags on posts (left out): 1",
        "set base_url in site.toml",
        "copy the old site's content/images folder to public/images",
        "post with only a Mobiledoc document (converted): 1",
        "The folder builds: 5 posts, 1 pages.",
    ] {
        assert!(text.contains(needle), "{needle:?} in\n{text}");
    }
    let dist = dir.join("dist");
    fs::create_dir_all(&dist).unwrap();
    fs::copy(repo().join("index.html"), dist.join("index.html")).unwrap();
    let built = build_site(&content, &dist, None, &mut Memo::default()).unwrap();
    assert_eq!(built.posts, 5, "published and sent; not the draft or the scheduled post");
    let old = fs::read_to_string(dist.join("content/posts/from-ghost-3.json")).unwrap();
    assert!(old.contains("An old post.") && old.contains("Markdown"), "{old}");

    let site: masthead_model::Site =
        masthead_model::decode("site.json", &fs::read_to_string(dist.join("content/site.json")).unwrap()).unwrap();
    let nav: Vec<(&str, &str)> = site.nav.iter().map(|l| (l.label.as_str(), l.href.as_str())).collect();
    assert_eq!(nav, [("Home", "/"), ("About", "/about"), ("Archive", "/archive")], "Ghost's navigation");
    let post = read_post(&dist, "ghost-post");
    let s = &post.summary;
    assert!(s.featured);
    assert_eq!((s.title.as_str(), s.standfirst.as_str()), ("Ghost post with HTML", "A post that came from Ghost."));
    assert_eq!(s.category.slug, "reviews");
    assert_eq!(s.tags.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(), ["Phones"]);
    assert_eq!(s.authors.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["Ann Writer", "Bo Editor"]);
    let image = s.image.as_ref().unwrap();
    // The export does not name the old site: Ghost's images move to /images/ (the report
    // says to copy them into public/images).
    assert_eq!(image.src, "/images/2024/01/cover.jpg");
    assert_eq!((image.alt.as_str(), image.caption.as_deref()), ("A tidy desk", Some("Photo by Ann")));
    assert!(post.body.iter().any(|b| matches!(b, Block::Image(i) if i.caption.as_deref() == Some("A caption"))));

    // Authors keep their bios for author pages.
    let ann = fs::read_to_string(content.join("authors/ann-writer.md")).unwrap();
    assert!(ann.contains("name = \"Ann Writer\"") && ann.contains("Ann writes."), "{ann}");
    assert!(fs::read_to_string(content.join("authors/bo-editor.md")).unwrap().contains("name = \"Bo Editor\""));
    let lexical = read_post(&dist, "only-lexical");
    assert!(lexical.body.iter().any(|b| matches!(b, Block::Embed(_))), "{:#?}", lexical.body);
    assert!(lexical.body.iter().any(|b| matches!(b, Block::Code { .. })), "{:#?}", lexical.body);

    let hostile = fs::read_to_string(dist.join("content/posts/hostile-ghost.json")).unwrap();
    assert!(
        !hostile.contains("onmouseover") && !hostile.contains("javascript:") && !hostile.contains("onerror"),
        "{hostile}"
    );
    let page = fs::read_to_string(dist.join("2024/05/hostile-ghost/index.html")).unwrap();
    assert!(!page.contains("<script>alert"), "{page}");
    // The old address (/slug/) leads to the post.
    let redirects = fs::read_to_string(dist.join("_redirects")).unwrap();
    assert!(redirects.contains("/ghost-post  /2024/01/ghost-post  301"), "{redirects}");

    let first = snapshot(&content);
    masthead_builder::import::ghost::import(&export, &content).unwrap();
    assert_eq!(snapshot(&content), first);
    let broken = dir.join("broken.json");
    fs::write(&broken, &fs::read_to_string(&export).unwrap()[..500]).unwrap();
    let err = masthead_builder::import::ghost::import(&broken, &dir.join("b")).unwrap_err().to_string();
    assert!(err.contains("not a readable Ghost export"), "{err}");
    fs::write(&broken, "{\"db\": [{\"meta\": {}, \"data\": {}}]}").unwrap();
    let err = masthead_builder::import::ghost::import(&broken, &dir.join("b")).unwrap_err().to_string();
    assert!(err.contains("not a Ghost export"), "{err}");
    let _ = fs::remove_dir_all(&dir);
}

/// Imports a test site of `flavor`, builds it, and returns (report text, dist folder).
fn import_site(flavor: masthead_builder::import::static_site::Flavor, name: &str) -> (String, std::path::PathBuf) {
    let dir = temp(&format!("import-{name}"));
    let content = dir.join("content");
    let site = repo().join(format!("crates/builder/tests/fixtures/{name}"));
    let (report_file, _) = masthead_builder::import::static_site::import(flavor, &site, &content).unwrap();
    let report = fs::read_to_string(report_file).unwrap();
    let first = snapshot(&content);
    masthead_builder::import::static_site::import(flavor, &site, &content).unwrap();
    assert_eq!(snapshot(&content), first, "the same site imported twice gives the same files");
    let dist = dir.join("dist");
    fs::create_dir_all(&dist).unwrap();
    fs::copy(repo().join("index.html"), dist.join("index.html")).unwrap();
    build_site(&content, &dist, None, &mut Memo::default()).unwrap_or_else(|e| panic!("{e:#?}\n{report}"));
    (report, dist)
}

#[test]
fn a_hugo_site_comes_over_with_its_shortcodes_and_old_addresses() {
    let (report, dist) = import_site(masthead_builder::import::static_site::Flavor::Hugo, "hugo-site");
    for needle in [
        "| posts | 3 | 3 |",
        "| pages | 2 | 2 |",
        "an undated page (no date in the front matter): a standalone page: 1",
        "{{< figure >}} (a figure): 1",
        "{{< youtube >}} (an embed): 1",
        "{{< tweet >}} (an embed): 1",
        "{{< highlight >}} (a code block): 1",
        "{{< notice >}} shortcode (not carried): 1",
        "The folder builds: 2 posts, 2 pages.",
    ] {
        assert!(report.contains(needle), "{needle:?} in\n{report}");
    }
    assert!(dist.join("content/pages/no-date.json").exists(), "an undated Hugo page is a standalone page");
    let first = read_post(&dist, "first-post");
    assert_eq!(first.summary.standfirst, "The first post, written for Hugo.");
    assert_eq!(first.summary.category.slug, "tech");
    assert_eq!(first.summary.authors[0].name, "Hugo Author");
    for kind in ["table", "code", "embed", "image", "footnotes"] {
        let found = first.body.iter().any(|b| match b {
            Block::Table { .. } => kind == "table",
            Block::Code { .. } => kind == "code",
            Block::Embed(_) => kind == "embed",
            Block::Image(_) => kind == "image",
            Block::Footnotes { .. } => kind == "footnotes",
            _ => false,
        });
        assert!(found, "{kind}: {:#?}", first.body);
    }
    let bundle = read_post(&dist, "bundle-post");
    assert_eq!(bundle.summary.authors[0].name, "Grace Hopper");
    assert_eq!(bundle.summary.image.as_ref().map(|i| i.alt.as_str()), Some("A bundled post"));
    assert!(bundle.body.iter().any(|b| matches!(b, Block::Embed(_))));
    let redirects = fs::read_to_string(dist.join("_redirects")).unwrap();
    // The old address /2024/05/first-post/ is the new one: no rule; the bundle's alias is.
    assert!(!redirects.contains("/2024/05/first-post  "), "{redirects}");
    assert!(redirects.contains("/old/bundle  /2024/06/bundle-post  301"), "{redirects}");
    assert!(dist.join("about/index.html").is_file());
    let site: masthead_model::Site =
        masthead_model::decode("site.json", &fs::read_to_string(dist.join("content/site.json")).unwrap()).unwrap();
    let nav: Vec<(&str, &str)> = site.nav.iter().map(|l| (l.label.as_str(), l.href.as_str())).collect();
    assert_eq!(
        nav,
        [("Home", "/"), ("About", "/about"), ("Posts", "/posts"), ("Archive", "/archive")],
        "[[menu.main]] by weight"
    );
}

#[test]
fn a_jekyll_site_comes_over_with_its_liquid_and_old_addresses() {
    let (report, dist) = import_site(masthead_builder::import::static_site::Flavor::Jekyll, "jekyll-site");
    for needle in [
        "| posts | 3 | 3 |",
        "| pages | 1 | 1 |",
        "{% highlight %} (a code block): 1",
        "{% post_url %} (the post's new address): 1",
        "{% include %} Liquid tag (not carried): 1",
        "The folder builds: 2 posts, 1 pages.",
    ] {
        assert!(report.contains(needle), "{needle:?} in\n{report}");
    }
    let hello = read_post(&dist, "hello-world");
    assert_eq!(hello.summary.category.slug, "news");
    assert_eq!(hello.summary.authors[0].name, "Jay Kyll");
    assert_eq!(hello.summary.published.as_str(), "2024-05-01T00:00:00Z");
    assert!(hello.body.iter().any(|b| matches!(b, Block::Code { language: Some(l), .. } if l == "ruby")));
    let json = fs::read_to_string(dist.join("content/posts/hello-world.json")).unwrap();
    assert!(
        json.contains("/2024/06/second") && json.contains("/files/a.pdf") && !json.contains("site.baseurl"),
        "{json}"
    );
    let second = read_post(&dist, "second");
    assert_eq!(second.summary.standfirst, "Two is company.");
    assert!(second.body.iter().any(|b| matches!(b, Block::Embed(_))));
    let redirects = fs::read_to_string(dist.join("_redirects")).unwrap();
    assert!(redirects.contains("/news/2024/05/01/hello-world  /2024/05/hello-world  301"), "{redirects}");
}

#[derive(serde::Deserialize)]
struct Payloads {
    text: Vec<String>,
    urls: Vec<String>,
}

/// Markup a payload would have become had it got through: script-capable elements, event
/// handlers and script-like addresses, in a written page's main content.
fn live_markup(page: &str) -> Vec<String> {
    let main = page.split("<main").nth(1).and_then(|m| m.split("</main>").next()).unwrap_or(page);
    let doc = scraper::Html::parse_fragment(main);
    let mut found = Vec::new();
    for el in doc.root_element().descendants().filter_map(scraper::ElementRef::wrap) {
        let name = el.value().name();
        if matches!(name, "script" | "iframe" | "object" | "embed" | "style" | "base" | "svg" | "math" | "template") {
            found.push(format!("<{name}>"));
        }
        for (attr, value) in el.value().attrs() {
            let v: String =
                value.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_lowercase();
            if attr.starts_with("on") {
                found.push(format!("{name} {attr}={value}"));
            }
            if matches!(attr, "href" | "src" | "srcset" | "action" | "formaction" | "srcdoc" | "poster")
                && !(v.starts_with('#')
                    || v.starts_with('/') && !v.starts_with("//")
                    || v.starts_with("https://")
                    || v.starts_with("http://")
                    || v.starts_with("mailto:"))
            {
                found.push(format!("{name} {attr}={value}"));
            }
        }
    }
    found
}

#[test]
fn every_hostile_payload_in_every_field_of_a_ghost_export_stays_text_or_goes() {
    let payloads: Payloads = serde_json::from_str(include_str!("../../../tests/hostile/payloads.json")).unwrap();
    let dir = temp("import-ghost-hostile");
    let mut posts = Vec::new();
    let mut meta = Vec::new();
    let mut tags = Vec::new();
    let mut posts_tags = Vec::new();
    let mut users = Vec::new();
    let mut posts_authors = Vec::new();
    for (i, p) in payloads.text.iter().enumerate() {
        let id = format!("p{i}");
        let url = &payloads.urls[i % payloads.urls.len()];
        let lexical = serde_json::json!({"root": {"children": [
            {"type": "paragraph", "children": [{"type": "text", "text": format!("Lexical {i} {p}"), "format": 1},
                {"type": "link", "url": url, "children": [{"type": "text", "text": p}]}]},
            {"type": "image", "src": url, "alt": p, "caption": p},
            {"type": "html", "html": p},
            {"type": "embed", "url": url}]}});
        posts.push(serde_json::json!({
            "id": id, "title": format!("Ghost {i} {p}"), "slug": format!("ghost-{i}"),
            "html": if i % 2 == 0 { serde_json::Value::String(format!("<p>Body {i}: {p}</p><p><a href=\"{url}\">{p}</a></p>{p}")) } else { serde_json::Value::Null },
            "lexical": lexical.to_string(), "feature_image": url, "type": "post", "status": "published",
            "published_at": "2025-01-01T00:00:00.000Z", "created_at": "2025-01-01T00:00:00.000Z",
            "custom_excerpt": p,
        }));
        meta.push(serde_json::json!({"post_id": id, "feature_image_alt": p, "feature_image_caption": p}));
        tags.push(serde_json::json!({"id": format!("t{i}"), "name": format!("Tag {i} {p}"), "slug": format!("tag-{i}"), "visibility": "public"}));
        posts_tags.push(serde_json::json!({"post_id": id, "tag_id": format!("t{i}"), "sort_order": 0}));
        users.push(serde_json::json!({"id": format!("u{i}"), "name": format!("Author {i} {p}"), "slug": format!("u{i}"), "bio": p}));
        posts_authors.push(serde_json::json!({"post_id": id, "author_id": format!("u{i}"), "sort_order": 0}));
    }
    let navigation: Vec<_> = payloads.urls.iter().map(|u| serde_json::json!({"label": "x", "url": u})).collect();
    let export = serde_json::json!({"db": [{"meta": {"version": "5.0.0"}, "data": {
        "posts": posts, "posts_meta": meta, "tags": tags, "posts_tags": posts_tags, "users": users,
        "posts_authors": posts_authors,
        "settings": [{"key": "title", "value": payloads.text[0]}, {"key": "description", "value": payloads.text[1]},
                     {"key": "navigation", "value": serde_json::Value::Array(navigation).to_string()}]}}]});
    let file = dir.join("hostile.json");
    fs::write(&file, export.to_string()).unwrap();
    let content = dir.join("content");
    masthead_builder::import::ghost::import(&file, &content).unwrap();
    let dist = dir.join("dist");
    fs::create_dir_all(&dist).unwrap();
    fs::copy(repo().join("index.html"), dist.join("index.html")).unwrap();
    let built = build_site(&content, &dist, None, &mut Memo::default()).unwrap();
    assert_eq!(built.posts, payloads.text.len(), "every post builds");
    for i in 0..payloads.text.len() {
        let page = fs::read_to_string(dist.join(format!("2025/01/ghost-{i}/index.html"))).unwrap();
        assert_eq!(live_markup(&page), Vec::<String>::new(), "ghost-{i}: {}", payloads.text[i]);
        assert!(page.contains(&format!("Ghost {i}")), "ghost-{i}");
    }
    let front = fs::read_to_string(dist.join("index.html")).unwrap();
    assert_eq!(live_markup(&front), Vec::<String>::new());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn an_older_ghost_export_shape_is_read_too() {
    // Ghost 1 and 2 wrote `{meta, data}` without `db`, pages as `page: true`, and
    // Mobiledoc bodies.
    let dir = temp("import-ghost-v1");
    let export = dir.join("old.json");
    fs::write(
        &export,
        r#"{"meta": {"exported_on": 1500000000000, "version": "1.25.0"}, "data": {
            "posts": [
              {"id": 1, "title": "Old post", "slug": "old-post", "page": false, "status": "published",
               "mobiledoc": "{\"version\":\"0.3.1\",\"atoms\":[],\"cards\":[],\"markups\":[],\"sections\":[[1,\"p\",[[0,[],0,\"From Ghost 1.\"]]]]}",
               "published_at": "2017-07-14 10:00:00", "created_at": "2017-07-14T10:00:00.000Z"},
              {"id": 2, "title": "Old page", "slug": "old-page", "page": true, "status": "published",
               "html": "<p>A page.</p>", "published_at": "2017-07-14T10:00:00.000Z"}],
            "tags": [{"id": 7, "name": "Science", "slug": "science"}], "posts_tags": [{"post_id": 1, "tag_id": 7}],
            "users": [{"id": 3, "name": "Old Author"}], "posts_authors": [{"post_id": 1, "author_id": 3}],
            "settings": [{"key": "title", "value": "Old Ghost"}]}}"#,
    )
    .unwrap();
    let (_, report) = masthead_builder::import::ghost::import(&export, &dir.join("content")).unwrap();
    assert_eq!(report.counts.get("posts"), Some(&(1, 1)));
    assert_eq!(report.counts.get("pages"), Some(&(1, 1)));
    let post = fs::read_to_string(dir.join("content/posts/2017/old-post.md")).unwrap();
    assert!(post.contains("From Ghost 1.") && post.contains("published = \"2017-07-14T10:00:00Z\""), "{post}");
    assert!(
        post.contains("category = \"science\"") && post.contains("authors = [\"Old Author\"]"),
        "ids as numbers: {post}"
    );
    assert!(dir.join("content/pages/old-page.md").is_file());
    let _ = fs::remove_dir_all(&dir);
}
