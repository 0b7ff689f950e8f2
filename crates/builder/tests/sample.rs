//! The sample publication in content/ builds, and every file it writes decodes.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use masthead_model::text::{count_words, plain_text};
use masthead_model::{decode, ArchiveIndex, Block, Latest, MonthShard, Post, Site, YearMonth};

use common::repo;

fn read(dir: &Path, rel: &str) -> String {
    fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The sample's contract, built once: its folder, the number of posts and of files written.
struct Built {
    out: PathBuf,
    posts: usize,
    files: usize,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let out = std::env::temp_dir().join(format!("masthead-sample-{}", std::process::id()));
        let (publication, files) =
            masthead_builder::build(&repo().join("content"), &out).expect("sample content builds");
        Built { out, posts: publication.posts.len(), files }
    })
}

fn site() -> Site {
    decode("site.json", &read(&built().out, "site.json")).unwrap()
}

fn latest() -> Latest {
    decode("latest.json", &read(&built().out, "latest.json")).unwrap()
}

/// Every post file, by name, decoded.
fn posts() -> Vec<(String, Post)> {
    fs::read_dir(built().out.join("posts"))
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let rel = format!("posts/{}", path.file_name().unwrap().to_string_lossy());
            let post: Post = decode(&rel, &fs::read_to_string(&path).unwrap()).unwrap();
            (rel, post)
        })
        .collect()
}

/// Every page of every section, tag and author, decoded as a list page reads it, by name
/// and kind.
fn term_pages() -> Vec<(String, &'static str, masthead_model::ListShard)> {
    let out = &built().out;
    let mut found = Vec::new();
    for kind in ["category", "tag", "author"] {
        for term in fs::read_dir(out.join("terms").join(kind)).unwrap() {
            for page in fs::read_dir(term.unwrap().path()).unwrap() {
                let path = page.unwrap().path();
                let rel = path.strip_prefix(out).unwrap().to_string_lossy().into_owned();
                let shard: masthead_model::ListShard = decode(&rel, &fs::read_to_string(&path).unwrap()).unwrap();
                found.push((rel, kind, shard));
            }
        }
    }
    found
}

/// The month shards from June 2026 back to June 2023, decoded.
fn months() -> Vec<(YearMonth, MonthShard)> {
    let mut month = YearMonth::new(2026, 6).unwrap();
    let first = YearMonth::new(2023, 6).unwrap();
    let mut found = Vec::new();
    while month >= first {
        let rel = format!("archive/{}", month.shard_file());
        found.push((month, decode(&rel, &read(&built().out, &rel)).unwrap()));
        month = month.prev();
    }
    found
}

#[test]
fn the_sample_publication_builds_and_every_file_decodes() {
    let Built { out, posts: count, files } = built();
    assert!(*count > 40, "at least 41 posts, got {count}");
    assert_eq!(site().name, "The Circuit");
    assert!(latest().posts.len() >= 6);
    let index: ArchiveIndex = decode("archive/index.json", &read(out, "archive/index.json")).unwrap();
    assert_eq!(index.total as usize, *count);
    assert!(index.categories.len() >= 5);
    let pages = site().pages.len();
    let front: masthead_model::ListShard = decode("front.json", &read(out, "front.json")).unwrap();
    assert_eq!(front.kind.as_deref(), Some("front"));
    // site, latest, the archive index, the front page's rows, and each of the rest.
    let decoded = 4 + months().len() + posts().len() + pages + term_pages().len();
    assert_eq!(decoded, *files);
}

#[test]
fn every_month_from_june_2023_to_june_2026_has_its_posts() {
    let mut shard_total = 0;
    for (month, shard) in months() {
        assert!(!shard.posts.is_empty(), "{month} has no posts");
        assert!(shard.posts.iter().all(|p| p.published.year_month() == month));
        shard_total += shard.posts.len();
    }
    assert_eq!(shard_total, built().posts);
}

#[test]
fn every_post_has_three_related_posts_none_of_them_itself() {
    let mut slugs = BTreeSet::new();
    for (rel, post) in posts() {
        assert_eq!(post.related.len(), 3, "{rel}");
        assert!(post.related.iter().all(|r| r.slug != post.summary.slug), "{rel} relates to itself");
        slugs.insert(post.summary.slug);
    }
    assert_eq!(slugs.len(), built().posts);
}

#[test]
fn each_standalone_page_listed_in_the_site_has_its_file() {
    let site = site();
    for page in &site.pages {
        let rel = format!("pages/{}.json", page.slug);
        let decoded_page: masthead_model::Page = decode(&rel, &read(&built().out, &rel)).unwrap();
        assert_eq!(decoded_page.title, page.title);
    }
    assert!(site.pages.iter().any(|p| p.slug == "privacy"), "the consent's privacy notice exists");
}

#[test]
fn every_page_of_a_section_tag_or_author_has_stories_except_an_empty_section() {
    for (rel, kind, shard) in term_pages() {
        // Only a section of the settings with no story yet (the sample's Video) is empty.
        let empty_section = kind == "category" && shard.total == 0 && shard.pages == 1;
        assert!((!shard.posts.is_empty() || empty_section) && shard.term.is_some(), "{rel}");
    }
}

/// The sample's [front] sections in its order (Video has no story yet, so no row), four
/// stories each, none of them the lead or in the Latest list.
#[test]
fn the_front_pages_rows_follow_the_settings_and_repeat_no_story_above_them() {
    let front: masthead_model::ListShard = decode("front.json", &read(&built().out, "front.json")).unwrap();
    let mut rows: Vec<(&str, Vec<&masthead_model::Summary>)> = Vec::new();
    for post in &front.posts {
        match rows.last_mut() {
            Some((slug, posts)) if *slug == post.category.slug => posts.push(post),
            _ => rows.push((&post.category.slug, vec![post])),
        }
    }
    let order: Vec<&str> = rows.iter().map(|(slug, _)| *slug).collect();
    assert_eq!(order, ["reviews", "news", "opinion", "science", "deals"], "each row's stories together, in order");
    let latest = latest();
    let above: Vec<&str> = latest.lead.iter().chain(&latest.posts).map(|s| s.slug.as_str()).collect();
    for (slug, posts) in &rows {
        assert!(posts.len() <= 4, "{slug}");
        assert!(posts.windows(2).all(|w| w[0].published.unix() >= w[1].published.unix()), "newest first");
        assert!(posts.iter().all(|p| !above.contains(&p.slug.as_str())), "{slug} repeats a story shown above");
    }
}

#[test]
fn the_sample_has_an_empty_section_a_described_one_and_a_profile_with_its_picture() {
    let out = &built().out;
    assert!(out.join("terms/category/video/1.json").exists(), "the sample's empty section has its page");
    let reviews: masthead_model::TermShard = decode("reviews", &read(out, "terms/category/reviews/1.json")).unwrap();
    assert!(reviews.description.is_some_and(|d| d.starts_with("Phones, laptops")), "the section's description");
    let profile: masthead_model::TermShard = decode("elena", &read(out, "terms/author/elena-marsh/1.json")).unwrap();
    assert!(profile.profile.is_some_and(|p| p.avatar.is_some_and(|a| a.width == Some(192))), "profile and avatar size");
}

/// The lead story: the newest post, at least 600 words, a subheading and two quotes, the
/// third part of the sample's series (the two numbered parts first).
#[test]
fn the_lead_story_is_long_with_a_subheading_quotes_and_its_place_in_a_series() {
    let latest = latest();
    let lead: Post = decode("lead", &read(&built().out, &format!("posts/{}.json", latest.posts[0].slug))).unwrap();
    let words: usize = lead
        .body
        .iter()
        .map(|b| match b {
            Block::Paragraph { inlines } => count_words(&plain_text(inlines)).0,
            Block::Quote { paragraphs, .. } => paragraphs.iter().map(|p| count_words(&plain_text(p)).0).sum(),
            _ => 0,
        })
        .sum();
    assert!(words >= 600, "lead story has {words} words");
    let series = lead.series.as_ref().expect("the lead is part of a series");
    assert_eq!((series.name.as_str(), series.part, series.parts.len()), ("AI in the open", 3, 3));
    assert_eq!(series.parts[2].path, lead.summary.permalink());
    assert_eq!(series.parts[0].title, "Small AI models deserve more attention than the giants");
    assert!(lead.body.iter().any(|b| matches!(b, Block::Heading { .. })));
    assert!(lead.body.iter().filter(|b| matches!(b, Block::Quote { cite: Some(_), .. })).count() >= 2);
}

#[test]
fn stories_with_errors_are_held_back_with_file_and_line_and_the_rest_is_written() {
    let dir = std::env::temp_dir().join(format!("masthead-broken-{}", std::process::id()));
    let posts = dir.join("posts");
    fs::create_dir_all(&posts).unwrap();
    fs::copy(repo().join("content/site.toml"), dir.join("site.toml")).unwrap();
    let front = |extra: &str| {
        format!("+++\ntitle = \"T\"\nstandfirst = \"S\"\npublished = 2024-07-01T10:00:00Z\ncategory = \"news\"\nauthors = [\"A\"]\n{extra}+++\n")
    };
    fs::write(posts.join("a.md"), front("slug = \"same\"\n") + "Fine.\n").unwrap();
    fs::write(posts.join("b.md"), front("slug = \"same\"\n") + "Fine.\n").unwrap();
    fs::write(posts.join("c.md"), front("") + "One.\n\n<iframe src=x></iframe>\n").unwrap();
    fs::write(posts.join("d.md"), front("").replace("news", "gossip") + "x\n").unwrap();
    fs::write(posts.join("e.md"), front("").replace("2024-07-01T10:00:00Z", "\"2024-02-30T10:00:00Z\"") + "x\n")
        .unwrap();
    let out = dir.join("out");
    let (publication, _) = masthead_builder::build(&dir, &out).unwrap();
    let held: Vec<&str> =
        publication.held_back.iter().map(|h| h.file.file_name().and_then(|n| n.to_str()).unwrap_or("")).collect();
    assert_eq!(held, ["b.md", "d.md", "e.md"]);
    let text: Vec<String> = publication.held_back.iter().flat_map(|h| &h.problems).map(ToString::to_string).collect();
    let has = |file: &str, needle: &str| text.iter().any(|t| t.contains(file) && t.contains(needle));
    // Raw HTML is not a failure: the iframe of a provider the site does not allow is left
    // out, with a warning naming the file, the line and the element.
    assert!(!text.iter().any(|t| t.contains("c.md")), "{text:#?}");
    let site = masthead_model::decode("site.json", include_str!("../../../docs/contract/site.json")).unwrap();
    let c = fs::read_to_string(posts.join("c.md")).unwrap();
    let parsed = masthead_builder::content::parse_post(&posts.join("c.md"), &c, &site).unwrap();
    let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    assert!(warnings.iter().any(|w| w.contains("c.md:10:") && w.contains("<iframe>")), "{warnings:#?}");
    assert!(has("d.md", "unknown category \"gossip\""), "{text:#?}");
    assert!(has("e.md", "published"), "{text:#?}");
    assert!(has("b.md", "already used by"), "{text:#?}");
    // The stories without errors are written: the first of the two with one slug, and c.
    let slugs: Vec<&str> = publication.posts.iter().map(|p| p.summary.slug.as_str()).collect();
    assert_eq!(slugs, ["same", "t"]);
    assert!(out.join("posts/same.json").exists() && out.join("posts/t.json").exists());
    let _ = fs::remove_dir_all(&dir);
}
