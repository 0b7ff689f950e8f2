//! The whole site output: feeds read back by a feed parser, the sitemap, per-article pages,
//! the generator, and link checks.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use masthead_builder::generate::generate;
use masthead_builder::site::feeds;
use masthead_builder::{load, write_site};
use masthead_model::YearMonth;

use common::{content_folder, repo, temp};

const LEAD: &str = "Open weights, closed doors: the fight over who gets to build AI";

/// The sample, read and written once for the tests of its feeds and sitemap.
struct Sample {
    publication: masthead_builder::Publication,
    dist: PathBuf,
}

fn sample() -> &'static Sample {
    static BUILT: OnceLock<Sample> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dist = temp("feeds");
        fs::copy(repo().join("index.html"), dist.join("index.html")).unwrap();
        let publication = load(&repo().join("content")).unwrap();
        write_site(&publication, &dist, None).unwrap();
        Sample { publication, dist }
    })
}

#[test]
fn the_sites_feeds_parse_back_with_the_newest_stories_in_full() {
    let dist = &sample().dist;
    for (file, kind) in [
        ("feed.xml", feed_rs::model::FeedType::RSS2),
        ("atom.xml", feed_rs::model::FeedType::Atom),
        ("feed.json", feed_rs::model::FeedType::JSON),
    ] {
        let feed = feed_rs::parser::parse(fs::read(dist.join(file)).unwrap().as_slice())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(feed.feed_type, kind, "{file}");
        assert_eq!(feed.title.map(|t| t.content).as_deref(), Some("The Circuit"), "{file}");
        assert_eq!(feed.entries.len(), feeds::FEED_COUNT, "{file}");
        let lead = &feed.entries[0];
        assert_eq!(lead.title.as_ref().map(|t| t.content.as_str()), Some(LEAD), "{file}");
        assert_eq!(
            lead.links.first().map(|l| l.href.as_str()),
            Some("https://thecircuit.example/2026/06/open-weights-closed-doors"),
            "{file}"
        );
        let body = lead.content.as_ref().and_then(|c| c.body.clone()).unwrap_or_default();
        assert!(
            body.contains("<h2 id=\"what-openness-actually-buys\">What openness actually buys</h2>"),
            "{file}: {body:.200}"
        );
        assert!(body.contains("<cite>Henrik Solberg"), "{file}");
        assert_eq!(lead.published.map(|d| d.to_rfc3339()).as_deref(), Some("2026-06-24T07:00:00+00:00"), "{file}");
        assert_eq!(lead.authors.first().and_then(|a| a.name.as_deref()), Some("Priya Raman"), "{file}");
    }
}

/// Every section, tag and author has its three feeds, of its own stories only, newest
/// first, linked from its page's head.
#[test]
fn every_section_tag_and_author_has_three_feeds_of_its_own_stories() {
    let Sample { publication, dist } = sample();
    let mut channels = 0;
    for kind in masthead_model::route::TermKind::ALL {
        for entry in fs::read_dir(dist.join(kind.segment())).unwrap() {
            let folder = entry.unwrap().path();
            let slug = folder.file_name().unwrap().to_str().unwrap().to_owned();
            let mine: Vec<&masthead_model::Post> = publication
                .posts
                .iter()
                .filter(|p| {
                    let s = &p.summary;
                    match kind {
                        masthead_model::route::TermKind::Category => s.category.slug == slug,
                        masthead_model::route::TermKind::Tag => s.tags.iter().any(|t| t.slug == slug),
                        masthead_model::route::TermKind::Author => s.authors.iter().any(|a| a.slug == slug),
                    }
                })
                .collect();
            // Only a section of the settings with no story yet (the sample's Video) is empty.
            let empty_section = kind == masthead_model::route::TermKind::Category
                && publication.site.categories.iter().any(|c| c.slug == slug);
            assert!(!mine.is_empty() || empty_section, "{}", folder.display());
            for file in ["feed.xml", "atom.xml", "feed.json"] {
                let feed = feed_rs::parser::parse(fs::read(folder.join(file)).unwrap().as_slice())
                    .unwrap_or_else(|e| panic!("{}/{file}: {e}", folder.display()));
                let titles: Vec<String> =
                    feed.entries.iter().filter_map(|e| e.title.as_ref().map(|t| t.content.clone())).collect();
                let expected: Vec<String> =
                    mine.iter().take(feeds::FEED_COUNT).map(|p| p.summary.title.clone()).collect();
                assert_eq!(titles, expected, "{}/{file}", folder.display());
                assert!(
                    feed.title.map(|t| t.content).unwrap_or_default().ends_with("| The Circuit"),
                    "{}/{file}",
                    folder.display()
                );
            }
            let page = fs::read_to_string(folder.join("index.html")).unwrap();
            assert!(
                page.contains(&format!("href=\"https://thecircuit.example/{}/{slug}/feed.xml\"", kind.segment())),
                "{}",
                folder.display()
            );
            channels += 1;
        }
    }
    assert!(channels > 10, "{channels}");
}

#[test]
fn the_sitemap_lists_every_page() {
    let Sample { publication, dist } = sample();
    let channels: usize = masthead_model::route::TermKind::ALL
        .iter()
        .map(|k| fs::read_dir(dist.join(k.segment())).map_or(0, |entries| entries.count()))
        .sum();
    let sitemap = fs::read_to_string(dist.join("sitemap.xml")).unwrap();
    assert_eq!(publication.site.pages.len(), 2);
    // The front page, the 4 years, 37 months, the standalone pages, every page of every section, tag and
    // author (each written as a page), and every post.
    fn pages_under(folder: &Path) -> usize {
        fs::read_dir(folder)
            .map(|entries| {
                entries
                    .map(|e| e.unwrap().path())
                    .map(|p| if p.is_dir() { pages_under(&p) } else { usize::from(p.ends_with("index.html")) })
                    .sum()
            })
            .unwrap_or(0)
    }
    let term_pages: usize =
        masthead_model::route::TermKind::ALL.iter().map(|k| pages_under(&dist.join(k.segment()))).sum();
    assert!(term_pages >= channels, "{term_pages}");
    let years: std::collections::BTreeSet<i32> = publication.posts.iter().map(|p| p.summary.published.year()).collect();
    assert_eq!(years.len(), 4, "{years:?}");
    assert!(dist.join("2023/index.html").exists() && dist.join("2026/index.html").exists());
    assert_eq!(sitemap.matches("<url>").count(), 1 + years.len() + 37 + 2 + term_pages + publication.posts.len());
}

#[test]
fn robots_txt_names_the_sitemap() {
    let dist = &sample().dist;
    assert!(fs::read_to_string(dist.join("robots.txt"))
        .unwrap()
        .contains("Sitemap: https://thecircuit.example/sitemap.xml"));
}

#[test]
fn article_pages_carry_the_article_and_escape_everything() {
    let content = content_folder("hostile-content");
    let hostile = r#"</script><script>alert(1)</script> & "quotes" <b>"#;
    fs::write(
        content.join("posts/a.md"),
        format!(
            "+++\ntitle = {hostile:?}\nstandfirst = \"<img src=x onerror=alert(2)>\"\npublished = 2024-07-01T10:00:00Z\n\
             category = \"news\"\ntags = [\"AI\"]\nauthors = [\"A\"]\nslug = \"hostile\"\n+++\nBody.\n"
        ),
    )
    .unwrap();
    let dist = temp("hostile-dist");
    fs::copy(repo().join("index.html"), dist.join("index.html")).unwrap();
    let publication = load(&content).unwrap();
    let report = write_site(&publication, &dist, None).unwrap();
    assert_eq!(report.pages, 1);
    let page = fs::read_to_string(dist.join("2024/07/hostile/index.html")).unwrap();
    assert!(!page.contains("<script>alert(1)"), "a title broke out of its element");
    assert!(!page.contains("<img src=x"), "a standfirst became markup");
    let h1 = "<h1 class=\"article__title\">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; ";
    assert!(page.contains(h1), "{page}");
    assert!(page.contains("<title>&lt;/script&gt;"));
    assert!(page.contains("<link rel=\"canonical\" href=\"https://thecircuit.example/2024/07/hostile\">"));
    assert!(page.contains(
        "<link fetchpriority=\"low\" rel=\"preload\" href=\"/content/posts/hostile.json\" as=\"fetch\" crossorigin>"
    ));
    // The whole page, as the app draws it: the body, the sidebar and the footer.
    assert!(page.contains("<div class=\"article__body\"><p>Body.</p>"), "{page}");
    assert!(page.contains("Recent Posts") && page.contains("site-footer"));
    let ld_start = page.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let ld_end = ld_start + page[ld_start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&page[ld_start..ld_end]).unwrap();
    assert_eq!(ld["headline"], hostile);
    assert_eq!(ld["@type"], "NewsArticle");
    // The template's loading placeholder is gone; one main element remains.
    assert_eq!(page.matches("<main").count(), 1);
    assert!(!page.contains("loading--article"));
    let _ = fs::remove_dir_all(&content);
    let _ = fs::remove_dir_all(&dist);
}

#[test]
fn a_template_without_the_app_region_is_refused() {
    let dist = temp("bad-template");
    fs::write(dist.join("index.html"), "<html><head><title>x</title></head><body></body></html>").unwrap();
    let publication = load(&repo().join("content")).unwrap();
    let err = write_site(&publication, &dist, None).unwrap_err();
    assert!(err.to_string().contains("index.html has no <!--app-->"), "{err}");
}

#[test]
fn large_sitemaps_are_split_with_an_index() {
    let publication = load(&repo().join("content")).unwrap();
    let template = publication.posts[0].clone();
    let posts: Vec<_> = (0..feeds::SITEMAP_LIMIT + 10)
        .map(|i| {
            let mut p = template.clone();
            p.summary.slug = format!("post-{i}");
            p
        })
        .collect();
    let files = feeds::sitemaps(&publication.site, &posts, &[]);
    assert_eq!(
        files.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]
    );
    assert!(files[0].1.contains("<sitemapindex"));
    assert_eq!(files[1].1.matches("<url>").count(), feeds::SITEMAP_LIMIT);
    assert_eq!(files[2].1.matches("<url>").count(), 11);
}

#[test]
fn the_generator_is_deterministic_and_its_output_builds() {
    let (a, b, c) = (temp("gen-a"), temp("gen-b"), temp("gen-c"));
    let (from, to) = (YearMonth::new(2024, 1).unwrap(), YearMonth::new(2024, 12).unwrap());
    generate(&a, 300, from, to, 7).unwrap();
    generate(&b, 300, from, to, 7).unwrap();
    generate(&c, 300, from, to, 8).unwrap();
    let snapshot = |dir: &Path| {
        let mut files: Vec<(PathBuf, String)> = Vec::new();
        let mut stack = vec![dir.to_owned()];
        while let Some(d) = stack.pop() {
            for e in fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    files.push((p.strip_prefix(dir).unwrap().to_owned(), fs::read_to_string(&p).unwrap()));
                }
            }
        }
        files.sort();
        files
    };
    assert_eq!(snapshot(&a), snapshot(&b));
    assert_ne!(snapshot(&a), snapshot(&c));
    let publication = load(&a).unwrap();
    assert_eq!(publication.posts.len(), 300);
    let months: std::collections::BTreeSet<_> =
        publication.posts.iter().map(|p| p.summary.published.year_month()).collect();
    assert_eq!(months.len(), 12, "every month has posts");
    assert!(publication.posts.iter().all(|p| p.related.len() == 3));
    for d in [a, b, c] {
        let _ = fs::remove_dir_all(d);
    }
}

#[test]
fn links_to_missing_posts_hold_their_story_back_with_their_line() {
    let content = content_folder("links");
    let post = |slug: &str, body: &str| {
        format!("+++\ntitle = \"{slug}\"\nstandfirst = \"S\"\npublished = 2024-07-01T10:00:00Z\ncategory = \"news\"\nauthors = [\"A\"]\nslug = \"{slug}\"\n+++\n{body}")
    };
    fs::write(
        content.join("posts/a.md"),
        post(
            "a",
            "Fine link to [b](/2024/07/b).\n\nBroken: [x](/2024/07/nope).\n\nWrong month: [b](/2023/01/b#part).\n",
        ),
    )
    .unwrap();
    fs::write(content.join("posts/b.md"), post("b", "Back to [a](/2024/07/a/).\n")).unwrap();
    let publication = load(&content).unwrap();
    let errors: Vec<String> = publication.held_back.iter().flat_map(|h| &h.problems).map(ToString::to_string).collect();
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[0].ends_with(
            "a.md:11: the link to /2024/07/nope leads nowhere: no story has that address; correct it or link to a full address"
        ),
        "{errors:#?}"
    );
    assert!(
        errors[1].ends_with(
            "a.md:13: the link to /2023/01/b#part leads nowhere: that story is at /2024/07/b; link to that instead"
        ),
        "{errors:#?}"
    );
    // b is published; its link to the story held back is a warning until that is fixed.
    let slugs: Vec<&str> = publication.posts.iter().map(|p| p.summary.slug.as_str()).collect();
    assert_eq!(slugs, ["b"]);
    let warnings: Vec<String> = publication.warnings.iter().map(ToString::to_string).collect();
    assert!(warnings.iter().any(|w| w.contains("b.md:") && w.contains("held back")), "{warnings:#?}");
    let _ = fs::remove_dir_all(&content);
}

#[test]
fn the_archive_page_lists_its_first_page_of_stories() {
    let dist = temp("archive-page");
    let explorer = temp("archive-explorer");
    fs::copy(repo().join("index.html"), dist.join("index.html")).unwrap();
    fs::copy(repo().join("index.html"), explorer.join("index.html")).unwrap();
    let publication = load(&repo().join("content")).unwrap();
    write_site(&publication, &dist, Some(&explorer)).unwrap();
    let page = fs::read_to_string(dist.join("archive/index.html")).unwrap();
    assert!(page.contains("<title>Archive | The Circuit</title>"), "{page:.600}");
    assert!(page.contains("<link rel=\"canonical\" href=\"https://thecircuit.example/archive\">"));
    assert!(page.contains("class=\"filters\">"), "the filters are written too");
    let mut newest: Vec<_> = publication.posts.iter().map(|p| &p.summary).collect();
    newest.sort_by(|a, b| b.published.cmp(&a.published));
    let shown = newest.len().min(masthead_model::query::PAGE_SIZE);
    assert_eq!(page.matches("<li class=\"archive-item\">").count(), shown);
    assert!(!page.contains("archive-item--loading"));
    for s in &newest[..shown] {
        let link = format!("href=\"{}\" class=\"archive-item__title\"", s.permalink());
        assert!(page.contains(&link), "{} is not on the archive's first page", s.title);
    }
    if newest.len() > shown {
        assert!(
            !page.contains(&format!("href=\"{}\" class=\"archive-item__title\"", newest[shown].permalink())),
            "only the first page"
        );
        assert!(page.contains("rel=\"next\""), "a link to the next page");
    }
    let _ = fs::remove_dir_all(&dist);
    let _ = fs::remove_dir_all(&explorer);
}

/// Every written page of the sample, read as an HTML5 parser reads it: no end tag of a void
/// element (the app's components once wrote `<br></br>`, which a browser reads as a second
/// break, and `<hr></hr>`), and as many line breaks in the parsed page as the markup writes.
#[test]
fn written_pages_have_no_end_tags_of_void_elements() {
    const VOID: [&str; 13] =
        ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];
    // The sample, and a story with what the sample lacks: line breaks (a poem, an address).
    let content = content_folder("void-content");
    fs::remove_dir_all(content.join("posts")).unwrap();
    copy_folder(&repo().join("content/posts"), &content.join("posts"));
    for folder in ["authors", "pages"] {
        if repo().join("content").join(folder).is_dir() {
            copy_folder(&repo().join("content").join(folder), &content.join(folder));
        }
    }
    fs::write(
        content.join("posts/lines.md"),
        "+++\ntitle = \"Lines\"\nstandfirst = \"S\"\npublished = 2024-07-01T10:00:00Z\ncategory = \"news\"\n\
         authors = [\"Elena Marsh\"]\nslug = \"lines\"\n+++\nRoses are red,\\\nviolets are blue,  \nthree lines.\n\n\
         ---\n\nThe Circuit\\\n1 High Street\n",
    )
    .unwrap();
    let dist = temp("void-elements");
    fs::copy(repo().join("index.html"), dist.join("index.html")).unwrap();
    let publication = load(&content).unwrap();
    write_site(&publication, &dist, None).unwrap();
    let mut pages = Vec::new();
    let mut folders = vec![dist.clone()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                pages.push(path);
            }
        }
    }
    assert!(pages.len() > 40, "{} pages", pages.len());
    let br = scraper::Selector::parse("br").unwrap();
    let mut breaks = 0;
    for page in &pages {
        let html = fs::read_to_string(page).unwrap();
        let lower = html.to_ascii_lowercase();
        for tag in VOID {
            assert!(!lower.contains(&format!("</{tag}>")), "{}: an end tag </{tag}>", page.display());
        }
        // html5ever reads a stray `</br>` as another `<br>`.
        let written = lower.matches("<br>").count() + lower.matches("<br ").count();
        let parsed = scraper::Html::parse_document(&html).select(&br).count();
        assert_eq!(parsed, written, "{}: line breaks as parsed", page.display());
        breaks += written;
    }
    // The story's three line breaks, on its page and in the front page's and month's
    // lists where its body is not shown: at least on its page.
    assert!(breaks >= 3, "{breaks} line breaks written");
    let story = fs::read_to_string(dist.join("2024/07/lines/index.html")).unwrap();
    assert_eq!(story.matches("<br>").count(), 3, "{story}");
    let _ = fs::remove_dir_all(&content);
    let _ = fs::remove_dir_all(&dist);
}

fn copy_folder(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_folder(&path, &target);
        } else {
            fs::copy(&path, &target).unwrap();
        }
    }
}
